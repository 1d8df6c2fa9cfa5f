// `dsim diff -f FILE`: kubectl's diff. Each object as it is now ("live") and as it would be if
// applied ("merged", planned exactly as `dsim apply` plans it, then thrown away) are written as
// YAML into two temporary directories, LIVE-* and MERGED-*, and `diff -u -N` (or the program
// KUBECTL_EXTERNAL_DIFF names) compares the directories, as kubectl's pkg/cmd/diff does. The exit
// status is diff's: 0 when nothing would change, 1 when something would; kubectl's own failures
// exit 2 (cmdutil.CheckDiffErr). Nothing is saved.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeObject } from '@dsim/core';
import { boolFlag, listFlag } from '../args.ts';
import type { Context } from '../cli.ts';
import type { LoadedObject } from '../manifests.ts';
import { kubectlYamlChunks } from '../print/yaml.ts';
import { selectorMatchesLabels } from '../selector.ts';
import { UserError } from '../session.ts';
import { loadAll, objectsFound, planApply, type Target } from './mutate.ts';
import { selectorOfArgs } from './read.ts';

/** kubectl's diff fails with exit status 2: 1 means "differences found" (the command's usageExit). */
const FAILED = 2;

/** Only these may follow the program in KUBECTL_EXTERNAL_DIFF (getCommand's isValidChar). */
const VALID_EXTRA_ARG = /^[a-zA-Z0-9-=]+$/;

export function diffCommand(ctx: Context): number {
  // kubectl's order: Complete (a file is required; --force-conflicts needs --server-side), then
  // the argument check, then Run.
  if (listFlag(ctx.args, 'filename').length === 0) throw new UserError('error: must specify one of -f and -k', FAILED);
  const serverSide = boolFlag(ctx.args, 'server-side');
  if (boolFlag(ctx.args, 'force-conflicts') && !serverSide) throw new UserError('error: --force-conflicts only works with --server-side', FAILED);
  if (ctx.args.positional.length > 0) {
    throw new UserError(`error: Unexpected args: [${ctx.args.positional.join(' ')}]\nSee 'dsim diff -h' for help and examples`, FAILED);
  }
  if (serverSide) throw new UserError('error: --server-side: dsim does not simulate server-side apply; without the flag, diff shows what `dsim apply` would change', FAILED);
  if (boolFlag(ctx.args, 'prune')) throw new UserError('error: --prune: dsim does not simulate apply\'s pruning, so diff cannot show what it would delete', FAILED);
  const selector = selectorOfArgs(ctx.args);
  // The builder filters the files' objects by the selector before anything is asked of the server.
  const loaded = loadAll(ctx).filter((o) => selector === undefined || selectorMatchesLabels(selector, labelsOf(o)));
  const session = ctx.open();
  const engine = session.engine();
  // A snapshot: planning below copies what it changes instead of changing this.
  const before = engine.state;
  // The server's dry run, with no fieldValidation asked: the API server's default, Warn.
  // kubectl's diff merges the manifest without its last-applied-configuration annotation.
  const { targets } = planApply(ctx, engine, loaded, 'apply', 'Warn', { annotate: false });
  const live = objectsFound(before, targets);
  const merged = objectsFound(engine.state, targets).map((o, i) => asUpdated(targets[i]!, live[i], o));
  for (const o of live) {
    // apply.WarnIfDeleting, after each object is diffed.
    if (o?.metadata?.deletionTimestamp != null) ctx.io.stderr(`Warning: Detected changes to resource ${o.metadata.name ?? ''} which is currently being deleted.\n`);
  }
  return compare(ctx, targets, loaded, live, merged);
}

/**
 * The API server's answer to an update, which keeps the stored status (every strategy's
 * PrepareForUpdate; status is written through its subresource). dsim keeps a DaemonSet's status
 * exact at every instant, so its view right after an apply already counts what the controller
 * will write at its next sync; a dry run shows the status as it stands. A Node's status is the
 * exception: `dsim apply` of a Node sets the status its manifest gives (a simulation's input).
 */
function asUpdated(t: Target, live: KubeObject | undefined, merged: KubeObject | undefined): KubeObject | undefined {
  if (live === undefined || merged === undefined || (t.type.group === '' && t.type.kind === 'Node')) return merged;
  const status = (live as { status?: unknown }).status;
  const { status: _planned, ...rest } = merged as KubeObject & { status?: unknown };
  return (status === undefined ? rest : { ...rest, status }) as KubeObject;
}

function labelsOf(o: LoadedObject): Readonly<Record<string, string>> | undefined {
  return (o.object as unknown as KubeObject).metadata?.labels;
}

/** Writes both versions of every object and runs the diff program over the two directories. */
function compare(
  ctx: Context,
  targets: readonly Target[],
  loaded: readonly LoadedObject[],
  live: readonly (KubeObject | undefined)[],
  merged: readonly (KubeObject | undefined)[],
): number {
  const base = ctx.io.env.TMPDIR || tmpdir();
  const dirs: string[] = [];
  try {
    const from = mkdtempSync(join(base, 'LIVE-'));
    dirs.push(from);
    const to = mkdtempSync(join(base, 'MERGED-'));
    dirs.push(to);
    targets.forEach((t, i) => {
      const name = fileName(t, loaded[i]!.object.apiVersion ?? '');
      const [a, b] = isSecret(t) ? maskSecrets(live[i], merged[i]) : [live[i], merged[i]];
      writeFileSync(join(from, name), a === undefined ? '' : yamlOf(a), { mode: 0o700 });
      writeFileSync(join(to, name), b === undefined ? '' : yamlOf(b), { mode: 0o700 });
    });
    return runProgram(ctx, from, to);
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

/** InfoObject.Name: `[group.]version.Kind.namespace.name` (the namespace empty for cluster-scoped kinds). */
export function fileName(t: Target, apiVersion: string): string {
  const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
  const group = t.type.group === '' ? '' : `${t.type.group}.`;
  return `${group}${version}.${t.type.kind}.${t.ns ?? ''}.${t.name}`;
}

function yamlOf(o: KubeObject): string {
  return [...kubectlYamlChunks(o)].join('');
}

function isSecret(t: Target): boolean {
  return t.type.group === '' && t.type.kind === 'Secret';
}

/**
 * kubectl's Masker: a Secret's data values become `***`, or `*** (before)` and `*** (after)`
 * where a key's value changes, so that a diff shows which keys change but not their values.
 */
export function maskSecrets(from: KubeObject | undefined, to: KubeObject | undefined): [KubeObject | undefined, KubeObject | undefined] {
  const a = dataOf(from);
  const b = dataOf(to);
  const maskedA: Record<string, string> = {};
  const maskedB: Record<string, string> = {};
  for (const k of Object.keys(a ?? {})) {
    if (b !== undefined && k in b) {
      if (a![k] !== b[k]) {
        maskedA[k] = '*** (before)';
        maskedB[k] = '*** (after)';
        continue;
      }
      maskedB[k] = '***';
    }
    maskedA[k] = '***';
  }
  for (const k of Object.keys(b ?? {})) if (a === undefined || !(k in a)) maskedB[k] = '***';
  const withData = (o: KubeObject | undefined, data: Record<string, unknown> | undefined, masked: Record<string, string>) =>
    o === undefined || data === undefined ? o : ({ ...o, data: masked } as KubeObject);
  return [withData(from, a, maskedA), withData(to, b, maskedB)];
}

function dataOf(o: KubeObject | undefined): Record<string, unknown> | undefined {
  const data = (o as { data?: unknown } | undefined)?.data;
  return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
}

/**
 * DiffProgram.Run: `diff -u -N FROM TO`, or KUBECTL_EXTERNAL_DIFF's program with FROM and TO
 * followed by those of its further words that are plain flags (others are ignored, with kubectl's
 * warning). Its output is passed on; its status 0 or 1 is the command's; anything else fails.
 */
function runProgram(ctx: Context, from: string, to: string): number {
  let program = 'diff';
  let args = ['-u', '-N', from, to];
  const external = ctx.io.env.KUBECTL_EXTERNAL_DIFF;
  if (external !== undefined && external !== '') {
    const words = external.split(' ');
    program = words[0]!;
    args = [from, to];
    for (const w of words.slice(1)) {
      if (VALID_EXTRA_ARG.test(w)) args.push(w);
      else ctx.io.stderr(`invalid argument is ignored: ${w}, only Alphanumeric (case-insensitive), dash and equal are allowed\n`);
    }
  }
  const r = spawnSync(program, args, { cwd: ctx.io.cwd, env: { ...ctx.io.env }, maxBuffer: 1 << 30 });
  if (r.stdout !== null && r.stdout.length > 0) ctx.io.stdout(r.stdout.toString('utf8'));
  if (r.stderr !== null && r.stderr.length > 0) ctx.io.stderr(r.stderr.toString('utf8'));
  const error = r.error as NodeJS.ErrnoException | undefined;
  if (error?.code === 'ENOENT') throw new UserError(`error: failed to run ${JSON.stringify(program)}: exec: ${JSON.stringify(program)}: executable file not found in $PATH`, FAILED);
  if (error !== undefined) throw new UserError(`error: failed to run ${JSON.stringify(program)}: ${error.message}`, FAILED);
  if (r.status === 0 || r.status === 1) return r.status;
  const how = r.status === null ? `signal: ${signalName(r.signal)}` : `exit status ${r.status}`;
  throw new UserError(`error: failed to run ${JSON.stringify(program)}: ${how}`, FAILED);
}

/** Go's name for a signal in an ExitError ("killed", "terminated", …). */
function signalName(signal: NodeJS.Signals | null): string {
  const names: Partial<Record<NodeJS.Signals, string>> = { SIGKILL: 'killed', SIGTERM: 'terminated', SIGINT: 'interrupt', SIGSEGV: 'segmentation fault', SIGABRT: 'aborted', SIGPIPE: 'broken pipe', SIGHUP: 'hangup' };
  return (signal !== null && names[signal]) || String(signal);
}

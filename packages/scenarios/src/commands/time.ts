// Commands that move simulated time or follow it: advance, rollout, fail, recover.

import type { DaemonSet } from 'kubernetes-types/apps/v1';
import {
  compareGoStrings,
  events as ev,
  getNode,
  objectKey,
  revisionsOf,
  rolloutStatus,
  simulatedTimestamp,
  type ClusterState,
  type Engine,
} from '@dsim/core';
import { boolFlag, flag, FlagError } from '../args.ts';
import type { Context } from '../cli.ts';
import { describePodTemplateText } from '../print/describe.ts';
import { formatGoDuration } from '../print/duration.ts';
import { tabulate } from '../print/tabwriter.ts';
import { findResourceType } from '../resources.ts';
import { parseInt64, selectorMatchesLabels } from '../selector.ts';
import { UserError, type Session } from '../session.ts';
import { namespaceOf, parseTimeFlag, resolveRequests, selectorOfArgs, storedTypes } from './read.ts';

/** `dsim advance DURATION`. */
export function advanceCommand(ctx: Context): number {
  const [d, ...extra] = ctx.args.positional;
  if (d === undefined) throw new UserError('error: dsim advance needs a duration, e.g. "dsim advance 22s" or "dsim advance 4m16s"');
  if (extra.length > 0) throw new UserError(`error: unexpected arguments: ${extra.join(' ')}`);
  const ms = parseTimeFlag(d, 'duration');
  const session = ctx.open();
  const engine = session.engine();
  const from = engine.now;
  engine.advance(from + ms);
  session.commit();
  const n = session.newEvents.length;
  ctx.io.stdout(`time is ${formatGoDuration(engine.now)} (+${formatGoDuration(ms)}): ${n} event${n === 1 ? '' : 's'} recorded\n`);
  return 0;
}

/** A DaemonSet a rollout command names: found, or an error of its own (NotFound). */
interface Target {
  readonly name: string;
  readonly found: boolean;
}

/**
 * The DaemonSets a rollout command names, in the order kubectl's resource builder visits them:
 * `TYPE NAME...` and `TYPE/NAME...` in the order given (each name looked up on its own, so a
 * missing one is an error of its own and the others still count), a bare `TYPE` every DaemonSet
 * of the namespace by name, those whose labels `-l` matches.
 */
function rolloutTargets(ctx: Context, state: ClusterState, args: readonly string[]): { ns: string; targets: Target[] } {
  const selectorGiven = (flag(ctx.args, 'selector') ?? '').trim() !== '';
  const ns = namespaceOf(ctx);
  const targets: Target[] = [];
  for (const r of resolveRequests(args, storedTypes(state), { selector: selectorGiven })) {
    if (r.type.resource !== 'daemonsets') throw new UserError(`error: no rollout support for ${r.type.kind.toLowerCase()}s in dsim: only daemonsets`);
    if (r.names.length > 0) {
      for (const name of r.names) targets.push({ name, found: state.daemonSets.get(objectKey(ns, name)) !== undefined });
      continue;
    }
    const selector = selectorOfArgs(ctx.args, r.type);
    const listed = [...state.daemonSets.values()].filter(
      (d) => d.namespace === ns && (selector === undefined || selectorMatchesLabels(selector, d.daemonSet.metadata?.labels)),
    );
    for (const name of listed.map((d) => d.name).sort(compareGoStrings)) targets.push({ name, found: true });
  }
  return { ns, targets };
}

/**
 * An error as kubectl's CheckErr prints it: `standard` for one from the API server
 * (`Error from server (NotFound): …`), else its text; `group` for an aggregate inside the
 * aggregate (pause and restart keep the lookup's errors so), printed as Go prints one: `[a, b]`.
 */
type KubectlError = { readonly text: string; readonly standard?: string } | { readonly group: readonly KubectlError[] };

const notFoundError = (name: string): KubectlError => ({
  text: `daemonsets.apps ${JSON.stringify(name)} not found`,
  standard: `Error from server (NotFound): daemonsets.apps ${JSON.stringify(name)} not found`,
});

/**
 * kubectl's CheckErr of what a command returned: one error alone gets `error: ` unless it came
 * from the server or already says so (an aggregate of one is its error); several print one a line,
 * each as itself (MultipleErrors).
 */
function checkErrText(errors: readonly KubectlError[]): string | undefined {
  if (errors.length === 0) return undefined;
  if (errors.length === 1) {
    const e = errors[0]!;
    if ('group' in e) return checkErrText(e.group);
    return e.standard ?? (e.text.startsWith('error: ') ? e.text : `error: ${e.text}`);
  }
  return errors.map((e) => ('group' in e ? `[${e.group.map((g) => ('group' in g ? '' : g.text)).join(', ')}]` : (e.standard ?? e.text))).join('\n');
}

/** The lookup's errors as the builder's Infos() returns them: none, the one, or an aggregate of several. */
function lookupErrors(targets: readonly Target[]): KubectlError[] {
  const missing = targets.filter((t) => !t.found).map((t) => notFoundError(t.name));
  return missing.length === 0 ? [] : missing.length === 1 ? missing : [{ group: missing }];
}

/** An int64 flag as pflag parses it (0 when absent), refused in cobra's words. */
function int64Flag(ctx: Context, name: string, command: string): bigint {
  const text = flag(ctx.args, name);
  if (text === undefined) return 0n;
  const n = parseInt64(text);
  if (n === undefined) throw new FlagError(`invalid argument ${JSON.stringify(text)} for "--${name}" flag: strconv.ParseInt: parsing ${JSON.stringify(text)}: invalid syntax`, command);
  return n;
}

/**
 * `dsim rollout status|history|undo|restart|pause|resume (daemonset/NAME... | daemonset [NAME...] [-l SELECTOR])`,
 * over each DaemonSet named as kubectl v1.32 goes over them: one after the other, a DaemonSet that
 * fails (not found, no revision to go back to, a rollout that times out) not stopping the others,
 * its error printed with the rest at the end, and the exit status 1 then.
 */
export function rolloutCommand(ctx: Context): number {
  const [sub, ...rest] = ctx.args.positional;
  const session = ctx.open();
  if (sub === undefined) throw new UserError('error: dsim rollout (status|history|undo|restart|pause|resume) daemonset/NAME');
  if (!['status', 'history', 'undo', 'restart', 'pause', 'resume'].includes(sub)) {
    throw new UserError(`error: unknown command ${JSON.stringify(sub)}\nSee 'dsim rollout -h' for help and examples`);
  }
  // As kubectl: flags are parsed first (cobra), then Validate runs, then the objects are looked up.
  const revision = sub === 'history' || sub === 'status' ? int64Flag(ctx, 'revision', `rollout ${sub}`) : 0n;
  const toRevision = sub === 'undo' ? int64Flag(ctx, 'to-revision', 'rollout undo') : 0n;
  if (rest.length === 0) throw new UserError('error: required resource not specified');
  if (revision < 0n) throw new UserError(`error: revision must be a positive integer: ${revision}`);
  const { ns, targets } = rolloutTargets(ctx, session.state, rest);
  const errors: KubectlError[] = [];
  const finish = (): number => {
    session.commit();
    const text = checkErrText(errors);
    if (text === undefined) return 0;
    ctx.io.stderr(`${text}\n`);
    return 1;
  };
  // status, restart, pause and resume say so when nothing was found; history and undo say nothing.
  if (targets.length === 0) {
    if (sub !== 'history' && sub !== 'undo') ctx.io.stderr(`No resources found in ${ns} namespace.\n`);
    return 0;
  }
  if (sub === 'pause' || sub === 'resume' || sub === 'restart') {
    // The lookup's errors first (Infos()), then each DaemonSet found, patched in turn.
    errors.push(...lookupErrors(targets));
    const found = targets.filter((t) => t.found);
    if (sub !== 'restart') {
      // kubectl's ObjectPauser and ObjectResumer handle Deployments only: each DaemonSet is an error.
      for (const t of found) errors.push({ text: `error: daemonsets.apps ${JSON.stringify(t.name)} ${sub === 'pause' ? 'pausing' : 'resuming'} is not supported` });
      return finish();
    }
    const engine = found.length > 0 ? session.engine() : undefined;
    for (const t of found) {
      const ds = engine!.state.daemonSets.get(objectKey(ns, t.name))!;
      const tmpl = ds.daemonSet.spec!.template;
      // restartedAt is written to the second: a second restart within it changes nothing, which kubectl refuses.
      const at = simulatedTimestamp(Math.floor(engine!.now / 1000) * 1000);
      if (tmpl.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'] === at) {
        errors.push({
          text: `failed to create patch for ${t.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`,
        });
        continue;
      }
      const template = { ...tmpl, metadata: { ...tmpl.metadata, annotations: { ...tmpl.metadata?.annotations, 'kubectl.kubernetes.io/restartedAt': at } } };
      engine!.input(ev.daemonSetApplied({ ...ds.daemonSet, spec: { ...ds.daemonSet.spec!, template } }));
      ctx.io.stdout(`daemonset.apps/${t.name} restarted\n`);
    }
    return finish();
  }
  // status, history and undo visit each DaemonSet in turn, an error not stopping the visit (ContinueOnError).
  for (const t of targets) {
    if (!t.found) {
      errors.push(notFoundError(t.name));
      continue;
    }
    const key = objectKey(ns, t.name);
    let error: string | undefined;
    if (sub === 'status') error = followStatus(ctx, session, key);
    else if (sub === 'history') error = history(ctx, session.state, key, revision);
    else error = undo(ctx, session, key, toRevision);
    if (error !== undefined) errors.push({ text: error });
  }
  return finish();
}

/** `rollout history` of one DaemonSet: its revisions, or one revision's pod template; an error's text. */
function history(ctx: Context, state: ClusterState, key: string, revision: bigint): string | undefined {
  const ds = state.daemonSets.get(key)!;
  const revisions = revisionsOf(state, ds);
  const heading = `daemonset.apps/${ds.name} ${revision > 0n ? `with revision #${revision}` : ''}\n`;
  // DaemonSetHistoryViewer: no revisions at all is a history of its own, whatever revision was asked for.
  if (revisions.length === 0) {
    ctx.io.stdout(`${heading}No rollout history found.\n`);
    return undefined;
  }
  if (revision > 0n) {
    const r = revisions.find((x) => BigInt(x.revision) === revision);
    if (r === undefined) return 'unable to find the specified revision';
    ctx.io.stdout(`${heading}${describePodTemplateText(r.template)}\n`);
    return undefined;
  }
  let table = 'REVISION\tCHANGE-CAUSE\n';
  // kubectl reads each revision's own change-cause, copied from the DaemonSet when it was made.
  for (const r of revisions) table += `${r.revision}\t${r.annotations?.['kubernetes.io/change-cause'] || '<none>'}\n`;
  ctx.io.stdout(`${heading}${tabulate(table, { minwidth: 0, tabwidth: 8, padding: 2, padchar: ' ', flags: 0 })}\n`);
  return undefined;
}

/**
 * `rollout undo` of one DaemonSet, as kubectl's DaemonSetRollbacker: a negative revision is never
 * found; without one, the revision before the newest, which needs two. An error's text.
 */
function undo(ctx: Context, session: Session, key: string, toRevision: bigint): string | undefined {
  const engine = session.engine();
  const ds = engine.state.daemonSets.get(key)!;
  const revisions = revisionsOf(engine.state, ds);
  if (toRevision < 0n) return `unable to find specified revision ${toRevision} in history`;
  if (toRevision === 0n && revisions.length <= 1) return 'no last revision to roll back to';
  const target = toRevision === 0n ? revisions.filter((r) => r.hash !== ds.hash).at(-1) : revisions.find((r) => BigInt(r.revision) === toRevision);
  if (target === undefined) return `unable to find specified revision ${toRevision} in history`;
  if (target.hash === ds.hash) {
    ctx.io.stdout(`daemonset.apps/${ds.name} skipped rollback (current template already matches revision ${target.revision})\n`);
    return undefined;
  }
  const next: DaemonSet = { ...ds.daemonSet, spec: { ...ds.daemonSet.spec!, template: target.template } };
  engine.input(ev.daemonSetApplied(next));
  ctx.io.stdout(`daemonset.apps/${ds.name} rolled back\n`);
  return undefined;
}

/**
 * Runs the simulation one due time at a time (everything due then, as `advance` runs it) until
 * `done()` holds, asked before the first step and after each, or nothing more is due by `deadline`
 * (ms). Whether `done()` held; the clock stands where the last step left it, and nothing is
 * recorded of the time that passed: the caller records it (TimeAdvanced), or moves on to its
 * deadline. The one loop of the commands that follow the simulation until they see what they wait
 * for (rollout status, drain, wait), so that each stops at the moment it would in a cluster.
 */
export function runUntil(engine: Engine, deadline: number, done: () => boolean): boolean {
  for (;;) {
    if (done()) return true;
    const next = engine.peek();
    if (next === undefined || next > deadline) return false;
    engine.run({ until: next });
  }
}

/**
 * How long `rollout status` follows a rollout without --timeout, in simulated ms: a day. kubectl
 * waits for ever; a simulation can stay busy for ever (pods crash-looping, made and deleted).
 */
export const ROLLOUT_WAIT_WITHOUT_TIMEOUT_MS = 24 * 3600 * 1000;

/**
 * `rollout status`: prints each new status line (kubectl's watch prints one per change of the
 * DaemonSet), moving simulated time until the rollout is done (kubectl waits on a real cluster;
 * dsim waits in simulated time). `--watch=false` prints the current line only and leaves time alone.
 *
 * With `--timeout D` (not 0), a rollout not done after D has had D of simulated time: the clock
 * moves to D past the start, even when nothing more is due (a pod that can never be scheduled),
 * and kubectl's `error: timed out waiting for the condition` ends it. Without --timeout kubectl
 * waits for ever; dsim follows the rollout for at most a simulated day (then the same timeout
 * error), and stops at once, the clock where the last change left it, when nothing more is due,
 * since nothing can change then: it says so in its own words. Returns the error's text, if any; the
 * caller saves what happened.
 */
function followStatus(ctx: Context, session: Session, key: string): string | undefined {
  const watch = boolFlag(ctx.args, 'watch', true);
  const timeoutText = flag(ctx.args, 'timeout');
  // kubectl: zero means no timeout.
  const timeout = timeoutText === undefined ? undefined : parseTimeFlag(timeoutText, 'timeout') || undefined;
  // Read from the saved state: the engine is replayed (seconds on a large cluster's log) only to follow a rollout.
  const first = rolloutStatus(session.state, key);
  if (first.message === 'rollout status is only available for RollingUpdate strategy type') return first.message;
  ctx.io.stdout(`${first.message}\n`);
  if (first.done || !watch) return undefined;
  const engine = session.engine();
  const start = engine.now;
  const deadline = start + (timeout ?? ROLLOUT_WAIT_WITHOUT_TIMEOUT_MS);
  let last = first.message;
  const done = runUntil(engine, deadline, () => {
    const s = rolloutStatus(engine.state, key);
    if (s.message !== last) {
      ctx.io.stdout(`${s.message}\n`);
      last = s.message;
    }
    return s.done;
  });
  if (done) {
    engine.input(ev.timeAdvanced(engine.now));
    return undefined;
  }
  if (timeout === undefined && engine.peek() === undefined) {
    // Record how far the rollout got, if anything happened.
    if (engine.now > start) engine.input(ev.timeAdvanced(engine.now));
    return (
      `rollout of daemonset "${key.split('/')[1]}" cannot finish: nothing more is due in the simulation ` +
      '(are new pods unschedulable, or failing to become ready?); kubectl would wait for ever, and --timeout waits as long as it would'
    );
  }
  engine.advance(deadline);
  return 'timed out waiting for the condition';
}

function nodeName(ctx: Context, verb: string): string {
  const [a, b] = ctx.args.positional;
  if (a === undefined) throw new UserError(`error: dsim ${verb} node NAME`);
  if (a.includes('/')) return a.split('/')[1]!;
  if (findResourceType(a)?.resource === 'nodes') {
    if (b === undefined) throw new UserError(`error: dsim ${verb} node NAME`);
    return b;
  }
  return a;
}

/** `dsim fail node NAME [--unreachable]`: the kubelet stops working. */
export function failCommand(ctx: Context): number {
  const name = nodeName(ctx, 'fail');
  const session = ctx.open();
  const engine = session.engine();
  const rec = getNode(engine.state, name);
  if (rec === undefined) throw new UserError(`Error from server (NotFound): nodes "${name}" not found`);
  if (rec.kubelet !== 'ok') {
    ctx.io.stdout(`node/${name} already failed (${rec.kubelet})\n`);
    return 0;
  }
  const mode = boolFlag(ctx.args, 'unreachable') ? 'Unreachable' : 'NotReady';
  engine.input(ev.nodeFailed(name, mode));
  session.commit();
  ctx.io.stdout(
    `node/${name} failed (${mode === 'NotReady' ? 'kubelet reports NotReady' : `kubelet silent: Unknown after ${formatGoDuration(engine.config.nodeLifecycle.nodeMonitorGracePeriodMs)}`})\n`,
  );
  return 0;
}

/** `dsim recover node NAME`. */
export function recoverCommand(ctx: Context): number {
  const name = nodeName(ctx, 'recover');
  const session = ctx.open();
  const engine = session.engine();
  const rec = getNode(engine.state, name);
  if (rec === undefined) throw new UserError(`Error from server (NotFound): nodes "${name}" not found`);
  if (rec.kubelet === 'ok') {
    ctx.io.stdout(`node/${name} is not failed\n`);
    return 0;
  }
  engine.input(ev.nodeRecovered(name));
  session.commit();
  ctx.io.stdout(`node/${name} recovering\n`);
  return 0;
}


// `dsim edit`: kubectl's edit (staging/src/k8s.io/kubectl/pkg/cmd/util/editor/editoptions.go).
// The objects go to a temporary file, with kubectl's header, for the editor KUBE_EDITOR or EDITOR
// names (vi when neither does); what comes back is stored as `apply` would store it, one object
// at a time, with kubectl's messages and its loop: a file the API server refuses as invalid is
// reopened with the reasons at the top, until it is fixed, or saved unchanged to give up.
//
// Where kubectl sends a strategic merge patch of the difference, dsim stores the edited object
// itself, which is what that patch makes of an object nobody changed meanwhile; one that did
// change meanwhile (another dsim command ran while the editor was open) is refused as a conflict
// rather than merged. The log is locked only while edits are stored, never while the editor runs.

import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { canonicalJson, formatFieldError, type ClusterState, type KubeObject } from '@dsim/core';
import { boolFlag, flag, listFlag } from '../args.ts';
import type { Context } from '../cli.ts';
import { lockLog } from '../logfile.ts';
import { ManifestError, parseManifests, type LoadedObject } from '../manifests.ts';
import { kubectlJson } from '../print/json.ts';
import { kubectlYaml } from '../print/yaml.ts';
import { qualifiedKind, qualifiedResource, typeOfObject, type ResourceType } from '../resources.ts';
import { Session, UserError } from '../session.ts';
import { getObject, listObjects } from '../view.ts';
import { InvalidObjectError, planOne, printObjects, validationDirective, type Claimed } from './mutate.ts';
import { MISSING_RESOURCES_ERROR } from './objectRefs.ts';
import { filesWithArgumentsError, namespaceOf, requestsFromFiles, resolveRequests, storedTypes } from './read.ts';

/** kubectl's header, above the objects in YAML (a JSON file has none). */
const HEADER =
  "# Please edit the object below. Lines beginning with a '#' will be ignored,\n" +
  '# and an empty file will abort the edit. If an error occurs while saving this file will be\n' +
  '# reopened with the relevant failures.\n' +
  '#\n';

/** One object being edited: its type and the object as it was read. */
interface Original {
  readonly type: ResourceType;
  readonly object: KubeObject;
}

/** Why the file is reopened: a line, and the causes listed under it. */
interface Reason {
  readonly head: string;
  readonly other: readonly string[];
}

export function editCommand(ctx: Context): number {
  const output = flag(ctx.args, 'output') ?? '';
  if (output !== '' && output !== 'yaml' && output !== 'json') {
    throw new UserError(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,yaml`);
  }
  const json = output === 'json';
  const validation = validationDirective(ctx);
  const crlf = boolFlag(ctx.args, 'windows-line-endings');
  const cmdNamespace = namespaceOf(ctx);
  const originals = readOriginals(ctx);
  if (originals.length === 0) throw new UserError('error: edit cancelled, no objects found');

  const editor = editorCommand(ctx.io.env);
  const ext = json ? '.json' : '.yaml';
  let reasons: Reason[] = [];
  let original = '';
  let edited = '';
  let file = '';
  let containsError = false;
  for (;;) {
    // The file: the header (with the reasons of the last refusal), then the objects, or, after a
    // refusal, what the user wrote, its comments dropped.
    let text = json ? '' : header(reasons);
    if (!containsError) {
      const body = json ? `${kubectlJson(asOne(originals.map((o) => o.object)))}\n` : kubectlYaml(asOne(originals.map((o) => o.object)));
      text += body;
      original = text;
    } else text += manualStrip(edited);
    const previous = edited;
    const launched = launch(editor, ext, crlf ? text.replaceAll('\n', '\r\n') : text, ctx);
    edited = launched.text;
    if (containsError && stripComments(previous) === stripComments(edited)) {
      throw preserved(launched.file, ctx, 'error: Edit cancelled, no valid changes were saved.');
    }
    if (file !== '') rmSync(file, { force: true });
    file = launched.file;
    if (stripComments(original) === stripComments(edited)) {
      rmSync(file, { force: true });
      ctx.io.stderr('Edit cancelled, no changes made.\n');
      return 0;
    }
    if (!hasLines(edited)) {
      rmSync(file, { force: true });
      ctx.io.stderr('Edit cancelled, saved file was empty.\n');
      return 0;
    }
    reasons = [];
    let updated: LoadedObject[];
    try {
      updated = parseManifests(edited.replaceAll('\r\n', '\n'), file);
    } catch (e) {
      if (!(e instanceof ManifestError)) throw e;
      containsError = true;
      reasons.push({ head: `The edited file had a syntax error: ${e.message}`, other: [] });
      continue;
    }
    containsError = false;
    const outcome = store(ctx, updated, originals, cmdNamespace, validation, file, json ? 'json' : output === 'yaml' ? 'yaml' : undefined);
    if (outcome.retryable > 0) {
      ctx.io.stderr(`You can run \`dsim replace -f ${file}\` to try this update again.\n`);
      return 1;
    }
    if (outcome.notFound > 0) {
      ctx.io.stderr(`The edits you made on deleted resources have been saved to ${JSON.stringify(file)}\n`);
      return 1;
    }
    if (outcome.invalid.length === 0) {
      rmSync(file, { force: true });
      return 0;
    }
    reasons = outcome.invalid;
    containsError = true;
  }
}

/** The objects the arguments name, read from the log as `get` reads them (no lock is held). */
function readOriginals(ctx: Context): Original[] {
  const files = listFlag(ctx.args, 'filename');
  const positional = ctx.args.positional;
  if (files.length > 0 && positional.length > 0) throw filesWithArgumentsError(positional);
  if (files.length === 0 && positional.length === 0) {
    throw new UserError(MISSING_RESOURCES_ERROR);
  }
  const state = Session.open(ctx.logPath).state;
  const requests = files.length > 0 ? requestsFromFiles(ctx.args, ctx.io) : resolveRequests(positional, storedTypes(state));
  const ns = namespaceOf(ctx);
  const out: Original[] = [];
  const missing: string[] = [];
  for (const r of requests) {
    const namespace = r.type.namespaced ? (r.namespace ?? ns) : undefined;
    if (r.names.length === 0) {
      for (const object of listObjects(state, r.type, namespace)) out.push({ type: r.type, object });
      continue;
    }
    for (const name of r.names) {
      const object = getObject(state, r.type, namespace, name);
      if (object === undefined) missing.push(`Error from server (NotFound): ${qualifiedResource(r.type)} "${name}" not found`);
      else out.push({ type: r.type, object });
    }
  }
  if (missing.length > 0) throw new UserError(missing.join('\n'));
  return out;
}

/** One object as itself; several as the v1 List kubectl edits them in. */
function asOne(objects: readonly KubeObject[]): unknown {
  return objects.length === 1 ? objects[0] : { apiVersion: 'v1', items: objects, kind: 'List', metadata: {} };
}

function header(reasons: readonly Reason[]): string {
  let s = HEADER;
  for (const r of reasons) {
    s += `# ${hashOnLineBreak(r.head)}${r.other.length > 0 ? ':' : ''}\n`;
    for (const o of r.other) s += `# * ${hashOnLineBreak(o)}\n`;
    s += '#\n';
  }
  return s;
}

/** A message spread over several lines kept inside the comment. */
function hashOnLineBreak(s: string): string {
  return s.replace(/\n(?!#)/g, '\n# ');
}

/** What storing the edited objects came to, counted as kubectl counts it. */
interface Outcome {
  readonly invalid: Reason[];
  readonly retryable: number;
  readonly notFound: number;
}

/**
 * Stores each edited object that differs from its original, in the file's order, under the log's
 * lock, each checked against the cluster as the ones before it left it; prints `edited` or
 * `skipped` for each (or the stored object, with -o json|yaml), and kubectl's line for each refusal.
 */
function store(
  ctx: Context,
  updated: readonly LoadedObject[],
  originals: readonly Original[],
  cmdNamespace: string,
  validation: ReturnType<typeof validationDirective>,
  file: string,
  output: 'json' | 'yaml' | undefined,
): Outcome {
  // The namespace may not change (RequireNamespace), for any object: checked before anything is stored.
  for (const u of updated) {
    const t = typeOfObject(u.object.apiVersion, u.object.kind);
    const ns = (u.object.metadata as { namespace?: string } | undefined)?.namespace;
    if (t.namespaced && ns !== undefined && ns !== '' && ns !== cmdNamespace) {
      throw preserved(file, ctx, `error: the namespace from the provided object "${ns}" does not match the namespace "${cmdNamespace}". You must pass '--namespace=${ns}' to perform this operation.`);
    }
  }
  const release = lockLog(ctx.logPath);
  try {
    const session = Session.open(ctx.logPath);
    const engine = session.engine();
    const invalid: Reason[] = [];
    let retryable = 0;
    let notFound = 0;
    const printed: (() => void)[] = [];
    const claimed: Claimed = { clusterIPs: new Set(), nodePorts: new Set() };
    for (const u of updated) {
      const original = originalOf(u.object as unknown as KubeObject, originals);
      if (original === undefined) {
        throw preserved(file, ctx, `error: no original object found for the edited ${u.object.kind} ${JSON.stringify(nameOf(u.object))}`);
      }
      const t = original.type;
      const label = `${qualifiedKind(t)}/${nameOf(original.object)}`;
      const resourceString = qualifiedResource(t);
      const name = nameOf(original.object);
      if (canonicalJson(u.object) === canonicalJson(original.object)) {
        printed.push(() => printResult(ctx, output, label, 'skipped', original.object));
        continue;
      }
      const changed = (['apiVersion', 'kind'] as const).some((k) => u.object[k] !== original.object[k]) || nameOf(u.object) !== name;
      if (changed) throw preserved(file, ctx, 'error: At least one of apiVersion, kind and name was changed');
      const namespace = t.namespaced ? ((original.object.metadata?.namespace as string | undefined) ?? cmdNamespace) : undefined;
      const current = getObject(engine.state, t, namespace, name);
      if (current === undefined) {
        ctx.io.stderr(`error: ${resourceString} ${JSON.stringify(name)} could not be found on the server\n`);
        notFound++;
        continue;
      }
      if (canonicalJson(current) !== canonicalJson(original.object)) {
        ctx.io.stderr(
          `error: ${resourceString} ${JSON.stringify(name)} could not be patched: Operation cannot be fulfilled on ${resourceString} ${JSON.stringify(name)}: the object has been modified; please apply your changes to the latest version and try again\n`,
        );
        retryable++;
        continue;
      }
      const object = asUpdate(u.object as unknown as KubeObject, current, namespace);
      try {
        const planned = planOne(engine.state, { ...u, object: object as never }, t, object, 'apply', validation, (line) => ctx.io.stderr(`${line}\n`), claimed);
        if (planned.event !== undefined) engine.input(planned.event);
        printed.push(() => printResult(ctx, output, label, 'edited', getObject(engine.state, t, namespace, name) ?? object));
      } catch (e) {
        if (e instanceof InvalidObjectError) {
          ctx.io.stderr(`error: ${resourceString} ${JSON.stringify(name)} is invalid\n`);
          invalid.push({ head: `${resourceString} ${JSON.stringify(name)} was not valid`, other: e.causes.map(formatFieldError) });
        } else if (e instanceof UserError) {
          ctx.io.stderr(`error: ${resourceString} ${JSON.stringify(name)} could not be patched: ${serverMessage(e.message)}\n`);
          retryable++;
        } else throw e;
      }
    }
    // kubectl prints each object as its patch returns; dsim prints them once they are saved.
    session.commit();
    for (const p of printed) p();
    return { invalid, retryable, notFound };
  } finally {
    release();
  }
}

/** The original an edited object stands for: by uid, as kubectl matches them, or by kind and name for one without. */
function originalOf(edited: KubeObject, originals: readonly Original[]): Original | undefined {
  const uid = edited.metadata?.uid;
  return originals.find((o) =>
    o.object.metadata?.uid !== undefined && o.object.metadata.uid !== ''
      ? o.object.metadata.uid === uid
      : o.object.kind === edited.kind && nameOf(o.object) === nameOf(edited) && o.object.metadata?.namespace === (edited.metadata?.namespace ?? o.object.metadata?.namespace),
  );
}

/**
 * The edited object as the update the API server makes of it: in the object's namespace, and with
 * the stored status, since a write to the object itself leaves its status subresource alone.
 */
function asUpdate(edited: KubeObject, current: KubeObject, namespace: string | undefined): KubeObject {
  const out: Record<string, unknown> = { ...edited, metadata: { ...edited.metadata, ...(namespace === undefined ? {} : { namespace }) } };
  if ('status' in current) out.status = (current as { status?: unknown }).status;
  else delete out.status;
  return out as KubeObject;
}

function printResult(ctx: Context, output: 'json' | 'yaml' | undefined, label: string, operation: string, object: KubeObject): void {
  if (output === undefined) ctx.io.stdout(`${label} ${operation}\n`);
  else printObjects(ctx, output, [object], false);
}

/** A refusal's text as the server sent it: without kubectl's `Error from server (Reason): error when …: ` and dsim's `(FILE:LINE)`. */
function serverMessage(message: string): string {
  return message
    .replace(/^Error from server \([A-Za-z]+\): (error when [a-z ]+ "[^"]*": )?/, '')
    .replace(/^error: /, '')
    .replace(/ \([^()]*:\d+\)$/, '');
}

function nameOf(o: object): string {
  return (((o as { metadata?: unknown }).metadata ?? {}) as { name?: string }).name ?? '';
}

/** The error to throw, after saying where the user's changes are kept. */
function preserved(file: string, ctx: Context, message: string): UserError {
  if (file !== '' && existsSync(file)) ctx.io.stderr(`A copy of your changes has been stored to ${JSON.stringify(file)}\n`);
  return new UserError(message);
}

/** The file's content without comments, for comparing: as JSON when it parses (so only meaning counts), else line by line. */
function stripComments(text: string): string {
  try {
    return canonicalJson(parseYaml(text.replaceAll('\r\n', '\n')));
  } catch {
    return manualStrip(text);
  }
}

/** kubectl's ManualStrip: every comment line dropped (a `#!` line kept). */
function manualStrip(text: string): string {
  return text
    .split('\n')
    .filter((line) => {
      const t = line.trim();
      return !(t.startsWith('#') && !t.startsWith('#!'));
    })
    .join('\n');
}

/** Whether any line holds something other than blanks and comments. */
function hasLines(text: string): boolean {
  return text.split('\n').some((line) => {
    const t = line.trim();
    return t.length > 0 && !t.startsWith('#');
  });
}

/** The editor to run, as kubectl's NewDefaultEditor finds it: its arguments, and whether through the shell. */
export function editorCommand(env: Readonly<Record<string, string | undefined>>): { args: string[]; shell: boolean } {
  const editor = env.KUBE_EDITOR || env.EDITOR || 'vi';
  if (!editor.includes(' ')) return { args: [editor], shell: false };
  if (!/["'\\]/.test(editor)) return { args: editor.split(' '), shell: false };
  // Quotes or escapes: the shell reads them, not us.
  return { args: [env.SHELL || '/bin/bash', '-c', editor], shell: true };
}

/**
 * Writes the text to a new temporary file named as kubectl names it (`dsim-edit-NNN.yaml`), runs
 * the editor on it with the terminal, and reads it back.
 */
function launch(editor: { args: string[]; shell: boolean }, ext: string, text: string, ctx: Context): { text: string; file: string } {
  let file = '';
  for (;;) {
    file = join(ctx.io.env.TMPDIR || tmpdir(), `dsim-edit-${randomInt(2 ** 32)}${ext}`);
    try {
      writeFileSync(file, text, { flag: 'wx', mode: 0o600 });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  const args = [...editor.args];
  if (editor.shell) args[args.length - 1] = `${args[args.length - 1]} ${JSON.stringify(file)}`;
  else args.push(file);
  const r = spawnSync(args[0]!, args.slice(1), { stdio: 'inherit', cwd: ctx.io.cwd });
  const shown = editor.args.join(' ');
  if (r.error !== undefined || r.status !== 0) {
    // kubectl leaves the file behind; it holds nothing the user wrote that an earlier file does not.
    rmSync(file, { force: true });
    if (r.error !== undefined && (r.error as NodeJS.ErrnoException).code === 'ENOENT' && !args[0]!.includes('/')) {
      throw new UserError(`error: unable to launch the editor ${JSON.stringify(shown)}`);
    }
    throw new UserError(`error: there was a problem with the editor ${JSON.stringify(shown)}`);
  }
  return { text: readFileSync(file, 'utf8'), file };
}

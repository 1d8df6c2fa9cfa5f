// `dsim label`: kubectl's label (staging/src/k8s.io/kubectl/pkg/cmd/label/label.go) on every kind
// dsim keeps, with the resource finding, printer and failure reporting annotate has. Arguments are
// split and checked as kubectl's Complete and Validate do, with their messages, before anything is
// read; then each object is changed on its own, as kubectl's ContinueOnError visitor does: one that
// fails (a missing object, a label already set without --overwrite, a key the API server refuses)
// is reported at the end and the others are still changed.

import { isValidLabelValue, validateObjectMeta, type KubeObject } from '@dsim/core';
import { boolFlag, flag, listFlag } from '../args.ts';
import type { Context } from '../cli.ts';
import { goQuote } from '../print/jsonpath.ts';
import { UserError } from '../session.ts';
import { dryRunStrategy, finish, invalidFailure, notFoundFailure, outputFormat, plainFailure, Printer, refuseResourceVersion, sameMetadataMap, type Failure } from './annotate.ts';
import { apiObject, filesImplySingleItem, localObjects, metadataEvent, namedObjects, unchangeableLabelsError, unstoredObjectError, type ObjectRef } from './objectRefs.ts';
import { splitResourcesAndPairs } from './set.ts';

type Labels = Readonly<Record<string, string>>;

/** kubectl's parseLabels: `k=v` to set, `k-` to remove; a value is checked here, a key by the API server. */
export function parseLabels(pairs: readonly string[]): { set: Map<string, string>; remove: string[] } {
  const set = new Map<string, string>();
  const remove: string[] = [];
  for (const spec of pairs) {
    if (spec.includes('=')) {
      const parts = spec.split('=');
      if (parts.length !== 2) throw new UserError(`error: invalid label spec: ${spec}`);
      const bad = isValidLabelValue(parts[1]!);
      if (bad.length > 0) throw new UserError(`error: invalid label value: ${goQuote(spec)}: ${bad.join(';')}`);
      set.set(parts[0]!, parts[1]!);
    } else if (spec.endsWith('-')) remove.push(spec.slice(0, -1));
    else throw new UserError(`error: unknown label spec: ${spec}`);
  }
  if (remove.some((k) => set.has(k))) throw new UserError('error: can not both modify and remove a label in the same command');
  return { set, remove };
}

/**
 * kubectl's labelFunc: the object's labels with `set` written over them and `remove` taken out.
 * Without `overwrite` (validateNoOverwrites) every key of `set` the object already has with another
 * value is an error of its own (kubectl v1.32 lets the same value through: `not labeled`, where
 * older ones refused it); kubectl ranges over a Go map, dsim takes them in the order given.
 */
export function labelFunc(current: Labels | undefined, set: ReadonlyMap<string, string>, remove: readonly string[], overwrite: boolean): { labels: Record<string, string> } | { errors: string[] } {
  const before = current ?? {};
  if (!overwrite) {
    const errors = [...set.keys()].filter((k) => Object.hasOwn(before, k) && before[k] !== set.get(k)).map((k) => `'${k}' already has a value (${before[k]}), and --overwrite is false`);
    if (errors.length > 0) return { errors };
  }
  const labels: Record<string, string> = { ...before };
  for (const [k, v] of set) labels[k] = v;
  for (const k of remove) delete labels[k];
  return { labels };
}

/** Go's encoding/json of a decoded object: map keys sorted, `<`, `>` and `&` escaped. */
function goJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${goJson(k)}:${goJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

/**
 * kubectl's updateDataChangeMsg: `not labeled` when the object's JSON is unchanged, else `labeled`,
 * or `unlabeled` when it got shorter without --overwrite. kubectl sets the labels even when they
 * end empty, so an object that had none is `labeled` by removing one it does not have.
 */
export function dataChangeMessage(before: KubeObject, after: KubeObject, overwrite: boolean): 'not labeled' | 'labeled' | 'unlabeled' {
  const a = goJson(before);
  const b = goJson(after);
  if (a === b) return 'not labeled';
  return !overwrite && Buffer.byteLength(b) < Buffer.byteLength(a) ? 'unlabeled' : 'labeled';
}

/** The object with these labels (kept when empty, as SetLabels keeps an empty map) and, when given, this resourceVersion. */
function withLabels(object: KubeObject, labels: Labels, resourceVersion = ''): KubeObject {
  const metadata = { ...object.metadata, labels: { ...labels } };
  if (resourceVersion !== '') metadata.resourceVersion = resourceVersion;
  return { ...object, metadata };
}

/** The API server's checks of new labels: each key a qualified name, each value a label value. */
function labelErrors(labels: Labels) {
  return validateObjectMeta({ name: 'x', labels }, false).filter((e) => e.field.startsWith('metadata.labels'));
}

/** What label changes: labels to set and to remove, whether set may overwrite, and a resourceVersion to set (--local). */
interface Update {
  readonly set: ReadonlyMap<string, string>;
  readonly remove: readonly string[];
  readonly overwrite: boolean;
  readonly resourceVersion: string;
}

/**
 * `dsim label`: per object `<kind>/<name> labeled` (`unlabeled`, `not labeled`: kubectl's words for
 * what its copy of the object became), after `label "k" not found.` for each absent label removed;
 * `-o name|yaml|json|…` that copy; `--list` the labels after the changes asked (which are then not
 * sent). `--dry-run=client` and `--local` change nothing and check nothing the API server checks;
 * `--dry-run=server` checks and stores nothing. A pod relabelled out of its DaemonSet's selector is
 * released by the controller, which makes a new one for the node (see docs/semantics.md).
 */
export function labelCommand(ctx: Context): number {
  // Complete, then Validate, in kubectl's order.
  const dryRun = dryRunStrategy(ctx);
  const { resources, pairs } = splitResourcesAndPairs(ctx.args.positional, 'label');
  const { set, remove } = parseLabels(pairs);
  const list = boolFlag(ctx.args, 'list');
  if (list && (flag(ctx.args, 'output') ?? '') !== '') throw new UserError('error: --list and --output may not be specified together');
  const all = boolFlag(ctx.args, 'all');
  const local = boolFlag(ctx.args, 'local');
  const files = listFlag(ctx.args, 'filename');
  if (all && (flag(ctx.args, 'selector') ?? '') !== '') throw new UserError('error: cannot set --all and --selector at the same time');
  if (all && (flag(ctx.args, 'field-selector') ?? '') !== '') throw new UserError('error: cannot set --all and --field-selector at the same time');
  if (local) {
    if (dryRun === 'server') throw new UserError('error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
    if (resources.length > 0) throw new UserError('error: can only use local files by -f pod.yaml or --filename=pod.json when --local=true is set');
    if (files.length === 0) throw new UserError('error: one or more files must be specified as -f pod.yaml or --filename=pod.json');
  } else if (resources.length === 0 && files.length === 0) {
    throw new UserError('error: one or more resources must be specified as <resource> <name> or <resource>/<name>');
  }
  if (set.size === 0 && remove.length === 0 && !list) throw new UserError('error: at least one label update is required');
  // kubectl makes its printer for each object, after sending the change; dsim refuses a bad -o
  // before changing anything.
  const output = outputFormat(flag(ctx.args, 'output') ?? '');
  const overwrite = boolFlag(ctx.args, 'overwrite');
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  // kubectl makes a printer for each object, so -o yaml writes no `---` between them.
  const out = new Printer(ctx, output, suffix, { noun: 'labels', yamlSeparators: false });
  const failures: Failure[] = [];
  const resourceVersion = flag(ctx.args, 'resource-version') ?? '';
  if (local) {
    // The objects as the files hold them, changed here; no log is read or written. kubectl sets
    // --resource-version in its copy, as it would send it.
    const single = filesImplySingleItem(files);
    if (!single && resourceVersion !== '') throw new UserError('error: --resource-version may only be used with a single resource');
    const update = { set, remove, overwrite, resourceVersion };
    for (const { ref, object } of localObjects(ctx, files)) visitCopy(out, ref, object, update, list, single, failures);
    return finish(ctx, failures);
  }

  const session = ctx.open();
  const engine = session.engine();
  const { refs, singleItemImplied } = namedObjects(ctx, engine.state, resources, all);
  refuseResourceVersion(ctx, singleItemImplied);
  const update = { set, remove, overwrite, resourceVersion: '' };
  let changed = false;
  for (const ref of refs) {
    const state = engine.state;
    const current = apiObject(state, ref);
    if (current === undefined) {
      failures.push(notFoundFailure(ref));
      continue;
    }
    // With --list or a client dry run kubectl changes its copy and sends nothing.
    if (list || dryRun === 'client') {
      visitCopy(out, ref, current, update, list, singleItemImplied, failures);
      continue;
    }
    const before = current.metadata?.labels ?? {};
    for (const k of remove) if (!Object.hasOwn(before, k)) ctx.io.stdout(`label ${goQuote(k)} not found.\n`);
    const updated = labelFunc(before, set, remove, overwrite);
    if ('errors' in updated) {
      failures.push(...updated.errors.map(plainFailure));
      continue;
    }
    const invalid = invalidFailure(ref, labelErrors(updated.labels));
    if (invalid !== undefined) {
      failures.push(invalid);
      continue;
    }
    const same = sameMetadataMap(before, updated.labels);
    const refused = unstoredObjectError(state, ref) ?? (same ? undefined : unchangeableLabelsError(ref));
    if (refused !== undefined) {
      failures.push(plainFailure(refused));
      continue;
    }
    // kubectl sends a patch even when nothing changes; nothing happens, so nothing is recorded. A
    // server dry run stores nothing: a later object reads the state as it was.
    if (!same && dryRun === 'none') {
      engine.input(metadataEvent(state, ref, 'labels', updated.labels));
      changed = true;
    }
    // kubectl prints its own copy, changed, not what the server returns.
    const copy = withLabels(current, updated.labels);
    const failure = out.print(ref, copy, dataChangeMessage(current, copy, overwrite));
    if (failure !== undefined) failures.push(failure);
  }
  if (changed) session.commit();
  return finish(ctx, failures);
}

/** An object changed in kubectl's own copy (--list, --dry-run=client, --local): listed or printed, never sent. */
function visitCopy(out: Printer, ref: ObjectRef, object: KubeObject, update: Update, list: boolean, singleItemImplied: boolean, failures: Failure[]): void {
  const updated = labelFunc(object.metadata?.labels, update.set, update.remove, update.overwrite);
  if ('errors' in updated) {
    failures.push(...updated.errors.map(plainFailure));
    return;
  }
  if (list) return out.list(ref, updated.labels, singleItemImplied);
  // With --resource-version kubectl clears the one it read before comparing.
  let before = object;
  if (update.resourceVersion !== '') {
    const { resourceVersion: _rv, ...metadata } = object.metadata ?? {};
    before = { ...object, metadata };
  }
  const after = withLabels(before, updated.labels, update.resourceVersion);
  const failure = out.print(ref, after, dataChangeMessage(before, after, update.overwrite));
  if (failure !== undefined) failures.push(failure);
}

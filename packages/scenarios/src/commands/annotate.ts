// `dsim annotate`: kubectl's annotate (staging/src/k8s.io/kubectl/pkg/cmd/annotate/annotate.go) on
// every kind dsim keeps. Arguments are split and checked as kubectl's Complete and Validate do, with
// their messages, before anything is read; then each object is changed on its own, as kubectl's
// ContinueOnError visitor does: one that fails (a missing object, an annotation already set without
// --overwrite, a key the API server refuses) is reported at the end and the others are still changed.

import { compareGoStrings, formatFieldError, formatInvalidError, validateAnnotations, type FieldError, type KubeObject } from '@dsim/core';
import { boolFlag, flag, listFlag } from '../args.ts';
import type { Context } from '../cli.ts';
import { goQuote } from '../print/jsonpath.ts';
import { qualifiedKind, qualifiedResource } from '../resources.ts';
import { UserError } from '../session.ts';
import { outputFormat, printObject, templateFailure, type Output } from './printFlags.ts';
import { apiObject, metadataEvent, filesImplySingleItem, localObjects, namedObjects, unstoredObjectError, type ObjectRef } from './objectRefs.ts';
import { parsePairs, splitResourcesAndPairs } from './set.ts';

/** The annotation kubectl's `rollout history` reads, which annotate lets be overwritten without --overwrite. */
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';

/** kubectl's --dry-run: none (the default), client (print what would be sent) or server (the server checks, stores nothing). */
export type DryRun = 'none' | 'client' | 'server';

/**
 * kubectl's GetDryRunStrategy: `--dry-run` alone is client (deprecated, so kubectl warns), as are
 * the booleans' true; false is none. The warnings are klog's, here without klog's time and pid.
 */
export function dryRunStrategy(ctx: Context): DryRun {
  const value = flag(ctx.args, 'dry-run') ?? 'none';
  const bool = /^(1|t|T|TRUE|true|True)$/.test(value) ? true : /^(0|f|F|FALSE|false|False)$/.test(value) ? false : undefined;
  if (bool !== undefined) {
    ctx.io.stderr(`--dry-run=${value} is deprecated (boolean value) and can be replaced with --dry-run=${bool ? 'client' : 'none'}.\n`);
    return bool ? 'client' : 'none';
  }
  switch (value) {
    case 'unchanged':
      ctx.io.stderr('--dry-run is deprecated and can be replaced with --dry-run=client.\n');
      return 'client';
    case 'client':
    case 'server':
    case 'none':
      return value;
    default:
      throw new UserError(`error: Invalid dry-run value (${value}). Must be "none", "server", or "client".`);
  }
}

/** kubectl's parseAnnotations: ParsePairs, with `KEY-` to remove. */
export function parseAnnotations(pairs: readonly string[]): { set: Map<string, string>; remove: string[] } {
  return parsePairs(pairs, 'annotation', true);
}

/** kubectl's validateAnnotations: no annotation both set and removed. */
export function checkModifyAndRemove(set: ReadonlyMap<string, string>, remove: readonly string[]): void {
  const both = remove.filter((k) => set.has(k));
  if (both.length > 0) throw new UserError(`error: can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}`);
}

/**
 * kubectl's updateAnnotations: the object's annotations with `set` written over them and `remove`
 * taken out; without `overwrite`, the keys of `set` the object already has with another value
 * (the change-cause aside, which is always overwritten) are refused together, in one error.
 */
export function updateAnnotations(
  current: Readonly<Record<string, string>> | undefined,
  set: ReadonlyMap<string, string>,
  remove: readonly string[],
  overwrite: boolean,
): { annotations: Record<string, string> } | { error: string } {
  const before = current ?? {};
  if (!overwrite) {
    const taken = [...set.keys()].filter((k) => k !== CHANGE_CAUSE_ANNOTATION && Object.hasOwn(before, k) && before[k] !== set.get(k)).map((k) => `'${k}' already has a value (${before[k]})`);
    if (taken.length > 0) return { error: `--overwrite is false but found the following declared annotation(s): ${taken.join('; ')}` };
  }
  const annotations: Record<string, string> = { ...before };
  for (const [k, v] of set) annotations[k] = v;
  for (const k of remove) delete annotations[k];
  return { annotations };
}

/** The printer -o asks for: kubectl's PrintFlags, as every command that changes objects has it. */
export { outputFormat };

/** One object's failure, as kubectl's checkErr prints it alone (`error: …`) and among others (`…`). */
export interface Failure {
  readonly alone: string;
  readonly among: string;
}

export function plainFailure(message: string): Failure {
  return { alone: `error: ${message}`, among: message };
}

/** The API server's NotFound error for an object named that does not exist. */
export function notFoundFailure(ref: ObjectRef): Failure {
  const message = `Error from server (NotFound): ${qualifiedResource(ref.type)} ${goQuote(ref.name)} not found`;
  return { alone: message, among: message };
}

/** The API server's Invalid error for metadata it refuses (`errors`), or undefined when there are none. */
export function invalidFailure(ref: ObjectRef, errors: readonly FieldError[]): Failure | undefined {
  if (errors.length === 0) return undefined;
  const messages = [...new Set(errors.map(formatFieldError))];
  const qualified = ref.type.group === '' ? ref.type.kind : `${ref.type.kind}.${ref.type.group}`;
  return {
    alone: formatInvalidError(ref.type.kind, ref.name, errors),
    among: `Error from server (Invalid): ${qualified} ${goQuote(ref.name)} is invalid: ${messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`}`,
  };
}

/**
 * `dsim annotate`: per object `<kind>/<name> annotated` (kubectl prints it whether or not anything
 * changed; dsim records nothing then), `-o name|yaml|json` the object as stored after the change,
 * or with `--list` its annotations as `key=value` lines (after the changes asked, which are then
 * not saved, as kubectl sends nothing with --list). `--dry-run=client` and `--local` change nothing
 * and check nothing the API server checks; `--dry-run=server` checks and stores nothing.
 */
export function annotateCommand(ctx: Context): number {
  // ToOptions, in the newest kubectl's order (v1.32 made the printer first, and let --list and -o
  // be given together): the dry-run strategy, the arguments, the checks, then the printer.
  const dryRun = dryRunStrategy(ctx);
  const { resources, pairs } = splitResourcesAndPairs(ctx.args.positional, 'annotation');
  const { set, remove } = parseAnnotations(pairs);
  const all = boolFlag(ctx.args, 'all');
  const list = boolFlag(ctx.args, 'list');
  const local = boolFlag(ctx.args, 'local');
  const files = listFlag(ctx.args, 'filename');
  if (list && (flag(ctx.args, 'output') ?? '') !== '') throw new UserError('error: --list and --output may not be specified together');
  if (all && (flag(ctx.args, 'selector') ?? '') !== '') throw new UserError('error: cannot set --all and --selector at the same time');
  if (all && (flag(ctx.args, 'field-selector') ?? '') !== '') throw new UserError('error: cannot set --all and --field-selector at the same time');
  if (!local) {
    if (resources.length === 0 && files.length === 0) throw new UserError('error: one or more resources must be specified as <resource> <name> or <resource>/<name>');
  } else {
    if (dryRun === 'server') throw new UserError('error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
    if (resources.length > 0) throw new UserError('error: can only use local files by -f rsrc.yaml or --filename=rsrc.json when --local=true is set');
    if (files.length === 0) throw new UserError('error: one or more files must be specified as -f rsrc.yaml or --filename=rsrc.json');
  }
  if (set.size === 0 && remove.length === 0 && !list) throw new UserError('error: at least one annotation update is required');
  checkModifyAndRemove(set, remove);
  const output = outputFormat(flag(ctx.args, 'output') ?? '');
  const overwrite = boolFlag(ctx.args, 'overwrite');
  // PrintFlagsWithDryRunStrategy: --local alone says nothing of a dry run.
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  const update = { set, remove, overwrite };
  const out = new Printer(ctx, output, suffix, { noun: 'annotations', yamlSeparators: true });
  const failures: Failure[] = [];
  if (local) {
    // The objects as the files hold them, changed here; no log is read or written.
    const single = filesImplySingleItem(files);
    for (const { ref, object } of localObjects(ctx, files)) visitLocally(out, ref, object, update, list, single, failures);
    return finish(ctx, failures);
  }

  const session = ctx.open();
  const engine = session.engine();
  const { refs, singleItemImplied } = namedObjects(ctx, engine.state, resources, all);
  refuseResourceVersion(ctx, singleItemImplied);
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
      visitLocally(out, ref, current, update, list, singleItemImplied, failures);
      continue;
    }
    const updated = updateAnnotations(current.metadata?.annotations, set, remove, overwrite);
    if ('error' in updated) {
      failures.push(plainFailure(updated.error));
      continue;
    }
    const invalid = invalidFailure(ref, validateAnnotations(updated.annotations));
    if (invalid !== undefined) {
      failures.push(invalid);
      continue;
    }
    const unstored = unstoredObjectError(state, ref);
    if (unstored !== undefined) {
      failures.push(plainFailure(unstored));
      continue;
    }
    // kubectl sends a patch even when nothing changes (`{}`); nothing happens, so nothing is recorded.
    if (!sameMetadataMap(current.metadata?.annotations, updated.annotations)) {
      // A server dry run is recorded too, to read the result, and not saved.
      engine.input(metadataEvent(state, ref, 'annotations', updated.annotations));
      changed = true;
    }
    const failure = out.print(ref, apiObject(engine.state, ref)!, 'annotated');
    if (failure !== undefined) failures.push(failure);
  }
  if (changed && dryRun === 'none') session.commit();
  return finish(ctx, failures);
}

/**
 * kubectl's --resource-version, which only a single object may take; dsim keeps no resource
 * versions, so it refuses one rather than pretend to check it.
 */
export function refuseResourceVersion(ctx: Context, singleItemImplied: boolean): void {
  const resourceVersion = flag(ctx.args, 'resource-version') ?? '';
  if (!singleItemImplied && resourceVersion !== '') throw new UserError('error: --resource-version may only be used with a single resource');
  if (resourceVersion !== '') {
    throw new UserError('error: dsim keeps no resource versions (its objects show none), so --resource-version cannot be checked: leave it out');
  }
}

/** What annotate changes: annotations to set and to remove, and whether set may overwrite. */
interface Update {
  readonly set: ReadonlyMap<string, string>;
  readonly remove: readonly string[];
  readonly overwrite: boolean;
}

/** An object changed in kubectl's own copy (--list, --dry-run=client, --local): listed or printed, never sent. */
function visitLocally(out: Printer, ref: ObjectRef, object: KubeObject, update: Update, list: boolean, singleItemImplied: boolean, failures: Failure[]): void {
  const updated = updateAnnotations(object.metadata?.annotations, update.set, update.remove, update.overwrite);
  if ('error' in updated) {
    failures.push(plainFailure(updated.error));
    return;
  }
  if (list) return out.list(ref, updated.annotations, singleItemImplied);
  const { annotations: _old, ...metadata } = object.metadata ?? {};
  // SetAnnotations: an empty map is still a map, and the printers omit it.
  const failure = out.print(ref, { ...object, metadata: Object.keys(updated.annotations).length > 0 ? { ...metadata, annotations: updated.annotations } : metadata }, 'annotated');
  if (failure !== undefined) failures.push(failure);
}

/** Whether two sets of annotations or labels are the same (absent and empty alike). */
export function sameMetadataMap(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>>): boolean {
  const ka = Object.keys(a ?? {});
  return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && b[k] === a![k]);
}

/**
 * How a command's printer differs: what --list lists, and whether -o yaml writes `---` between
 * objects (annotate makes one printer for all, which does; label one per object, which does not).
 */
export interface PrinterOptions {
  readonly noun: 'annotations' | 'labels';
  readonly yamlSeparators: boolean;
}

/** annotate's and label's output, object by object, as kubectl's printer writes it. */
export class Printer {
  private printed = 0;
  constructor(
    private readonly ctx: Context,
    private readonly output: Output,
    private readonly suffix: string,
    private readonly options: PrinterOptions,
  ) {}

  /**
   * `kind.group/name <operation>` (`annotated`, `labeled`…), the name alone (-o name), the object (-o yaml|json), or a
   * template's results; a template that fails on the object is that object's failure, as the
   * printer's error is in kubectl's visitor (a Go template's partial output and debugging dump
   * printed first, as kubectl prints them).
   */
  print(ref: ObjectRef, object: KubeObject, operation: string): Failure | undefined {
    const label = `${qualifiedKind(ref.type)}/${ref.name}`;
    const o = this.output;
    try {
      // kubectl's YAML printer writes `---` before every object after its first.
      printObject(this.ctx, o, object, `${label} ${operation}${this.suffix}`, this.printed > 0 && this.options.yamlSeparators);
    } catch (e) {
      const failure = templateFailure(this.ctx, e);
      if (failure === undefined) throw e;
      return failure;
    }
    this.printed++;
    return undefined;
  }

  /**
   * --list: `key=value` lines; when more than one object may be listed, each under `Listing
   * annotations for Kind.group/name:` (or labels; the core group empty: `Pod./x`) and indented one space.
   * kubectl ranges over a Go map, in no fixed order; dsim sorts by key.
   */
  list(ref: ObjectRef, values: Readonly<Record<string, string>>, singleItemImplied: boolean): void {
    const indent = singleItemImplied ? '' : ' ';
    let text = singleItemImplied ? '' : `Listing ${this.options.noun} for ${ref.type.kind}.${ref.type.group}/${ref.name}:\n`;
    for (const k of Object.keys(values).sort(compareGoStrings)) text += `${indent}${k}=${values[k]}\n`;
    this.ctx.io.stdout(text);
  }
}

/** kubectl's checkErr of the visitor's errors: one as itself, several one a line, each as messageForError words it. */
export function finish(ctx: Context, failures: readonly Failure[]): number {
  if (failures.length === 0) return 0;
  ctx.io.stderr(failures.length === 1 ? `${failures[0]!.alone}\n` : failures.map((f) => `${f.among}\n`).join(''));
  return 1;
}

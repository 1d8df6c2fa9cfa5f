// Commands that only read: get, describe, events. They fold the log (no replay), so they are fast
// and can look at any earlier simulated time with --at.

import { readFileSync } from 'node:fs';
import type { ClusterState, DsimEvent, KubeObject } from '@dsim/core';
import { flag, listFlag, boolFlag, type ParsedArgs } from '../args.ts';
import type { Context } from '../cli.ts';
import { checkFieldSelector, FieldSelectorError, fieldSelectorError, fieldSelectorMatches, parseFieldSelector, type FieldTerm } from '../fieldSelector.ts';
import { loadManifests } from '../manifests.ts';
import { formatGoDuration, parseDuration } from '../print/duration.ts';
import { renderGet, type Table } from '../print/tables.ts';
import { tabulate } from '../print/tabwriter.ts';
import { kubectlJsonChunks } from '../print/json.ts';
import { CustomColumnsError, printCustomColumns, printCustomColumnsFile, sortObjects } from '../print/customColumns.ts';
import { JsonPathError, parseJsonPath, printJsonPath } from '../print/jsonpath.ts';
import { GoTemplateError, parseKubectlGoTemplate, printGoTemplate } from '../print/goTemplate.ts';
import { kubectlYamlChunks } from '../print/yaml.ts';
import { ALL_CATEGORY, findResourceType, qualifiedKind, qualifiedResource, typeOfObject, unknownResourceTypeError, type ResourceType } from '../resources.ts';
import { clientSelectorError, parseSelector, SelectorError, selectorMatchesLabels, trimSelector, type SelectorRequirement } from '../selector.ts';
import { UserError, type Session } from '../session.ts';
import { epochNow, listObjects, tableFor } from '../view.ts';

/** The namespace a command acts in: -n, else "default". */
export function namespaceOf(ctx: Context): string {
  return flag(ctx.args, 'namespace') ?? 'default';
}

/** Parses a simulated time or duration flag value (`4m16s`, `90s`) to ms, with a clear error. */
export function parseTimeFlag(value: string, name: string): number {
  try {
    const ms = parseDuration(value);
    if (ms < 0) throw new Error('negative');
    return Math.round(ms);
  } catch {
    // `name` is a flag's, or 'duration' for a command's own argument (`dsim advance 1x`).
    const what = name === 'duration' ? 'duration' : `value for --${name}`;
    throw new UserError(`error: invalid ${what} "${value}": expected a duration such as 22s, 4m16s or 2h`);
  }
}

/** The state a read command looks at: now, or --at an earlier simulated time. */
export function stateForRead(ctx: Context, session: Session): ClusterState {
  const at = flag(ctx.args, 'at');
  if (at === undefined) return session.state;
  const ms = parseTimeFlag(at, 'at');
  if (ms > session.state.now) {
    throw new UserError(`error: --at ${at} is after the simulation's current time ${formatGoDuration(session.state.now)}; use "dsim advance" to move time forward`);
  }
  return session.stateAt(ms);
}

/** A request: which types and names. `TYPE NAME...`, `TYPE1,TYPE2`, `TYPE/NAME...`, or `all`. */
export interface Request {
  readonly type: ResourceType;
  readonly names: readonly string[];
  /** The namespace to look in, when the request says (an object from a file); else the command's. */
  readonly namespace?: string;
}

/**
 * The namespace of an object read from a manifest: its own, else -n's, else "default" (undefined
 * for cluster-scoped types). An explicit -n that differs from the object's is refused, as
 * kubectl's resource builder does (RequireNamespace).
 */
export function manifestNamespace(type: ResourceType, object: object, explicitNs: string | undefined): string | undefined {
  if (!type.namespaced) return undefined;
  const own = ((object as { metadata?: unknown }).metadata as { namespace?: string } | undefined)?.namespace;
  if (explicitNs !== undefined && own !== undefined && own !== explicitNs) {
    throw new UserError(
      `error: the namespace from the provided object "${own}" does not match the namespace "${explicitNs}". You must pass '--namespace=${own}' to perform this operation.`,
    );
  }
  return own ?? explicitNs ?? 'default';
}

/** One request per object in the -f files, by exact name in the object's own namespace. */
export function requestsFromFiles(args: ParsedArgs, io: { readonly readStdin: () => string }): Request[] {
  const requests: Request[] = [];
  for (const f of listFlag(args, 'filename')) {
    for (const o of loadManifests(f, { readStdin: io.readStdin, recursive: boolFlag(args, 'recursive') })) {
      const type = typeOfObject(o.object.apiVersion, o.object.kind);
      const name = (o.object.metadata as { name?: string } | undefined)?.name ?? '';
      const namespace = manifestNamespace(type, o.object, flag(args, 'namespace'));
      requests.push(namespace === undefined ? { type, names: [name] } : { type, names: [name], namespace });
    }
  }
  return requests;
}

/** Resource arguments as kubectl's resource builder reads them (ResourceTypeOrNameArgs), before any type is looked up. */
export interface ResourceArgs {
  /** `TYPE/NAME` pairs: from `TYPE/NAME...`, and from `TYPE1,TYPE2 NAME...` (each type with each name). */
  readonly tuples: readonly { readonly resource: string; readonly name: string }[];
  /** The types of `TYPE[,TYPE...] [NAME...]`, each once, with the `all` category expanded. */
  readonly resources: readonly string[];
  readonly names: readonly string[];
}

/** A comma-separated list of types, each once, in order (the builder's SplitResourceArgument). */
function splitResourceArgument(arg: string): string[] {
  return [...new Set(arg.split(','))];
}

/**
 * Reads resource arguments as kubectl's builder does, with its errors for malformed ones: several
 * types with names become TYPE/NAME pairs; either every argument is a TYPE/NAME or none is; `all`
 * (the category, written so exactly) stands for its types in a list of types, not in a pair.
 */
export function parseResourceArgs(argv: readonly string[]): ResourceArgs {
  let args = [...argv];
  // normalizeMultipleResourcesArgs: `a,b x y` is `a/x a/y b/x b/y`.
  if (args.length >= 2) {
    const types = splitResourceArgument(args[0]!);
    const names = args.slice(1);
    if (types.length > 1) args = types.flatMap((t) => names.map((n) => `${t}/${n}`));
  }
  const slashed = args.filter((a) => a.includes('/')).length;
  if (slashed > 0 && slashed !== args.length) {
    // kubectl's words, parenthesis left open and all.
    throw new UserError(
      "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'dsim get resource/<resource_name>' instead of 'dsim get resource resource/<resource_name>'",
    );
  }
  if (slashed > 0) {
    const tuples = args.map((a) => {
      const seg = a.split('/');
      if (seg.length !== 2) throw new UserError('error: arguments in resource/name form may not have more than one slash');
      const [resource, name] = seg as [string, string];
      if (resource === '' || name === '' || splitResourceArgument(resource).length !== 1) {
        throw new UserError('error: arguments in resource/name form must have a single resource and name');
      }
      return { resource, name };
    });
    return { tuples, resources: [], names: [] };
  }
  if (args.length === 0) return { tuples: [], resources: [], names: [] };
  // ReplaceAliases: `all` is its types, as `resource.group`.
  const expanded = args[0]!
    .split(',')
    .map((t) => (t === 'all' ? ALL_CATEGORY.map((r) => qualifiedResource(findResourceType(r)!)).join(',') : t))
    .join(',');
  return { tuples: [], resources: splitResourceArgument(expanded), names: args.slice(1) };
}

/** How a command's flags bear on its resource arguments. */
export interface ResolveOptions {
  /** -A: a namespaced type cannot then be fetched by name. */
  readonly allNamespaces?: boolean;
  /** Whether a (non-blank) label or field selector was given: names cannot be, then. */
  readonly selector?: boolean;
}

/**
 * Resolves resource arguments the way kubectl's resource builder does, in its order: the
 * arguments' form; names with a selector; every type named; then -A with a namespaced type named.
 */
export function resolveRequests(args: readonly string[], extraTypes: readonly ResourceType[] = [], options: ResolveOptions = {}): Request[] {
  const parsed = parseResourceArgs(args);
  const find = (n: string): ResourceType => {
    const t = findResourceType(n, extraTypes);
    if (t === undefined) throw new UserError(unknownResourceTypeError(n));
    return t;
  };
  const byName = (t: ResourceType) => {
    if (t.namespaced && options.allNamespaces === true) throw new UserError('error: a resource cannot be retrieved by name across all namespaces');
  };
  if (options.selector === true) {
    if (parsed.names.length > 0) throw new UserError('error: name cannot be provided when a selector is specified');
    if (parsed.tuples.length > 0) throw new UserError('error: selectors and the all flag cannot be used when passing resource/name arguments');
  }
  if (parsed.tuples.length > 0) {
    // Every type is looked up before anything is fetched (resourceTupleMappings).
    const types = parsed.tuples.map((p) => find(p.resource));
    types.forEach(byName);
    return parsed.tuples.map((p, i) => ({ type: types[i]!, names: [p.name] }));
  }
  if (parsed.names.length > 0) {
    // `all NAME` too: the category is several types (visitByName).
    if (parsed.resources.length > 1) throw new UserError('error: you must specify only one resource');
    const type = find(parsed.resources[0]!);
    byName(type);
    return [{ type, names: parsed.names }];
  }
  // Types listed: each once, however it is named (resourceMappings).
  const out: Request[] = [];
  for (const r of parsed.resources) {
    const type = find(r);
    if (!out.some((o) => o.type === type)) out.push({ type, names: [] });
  }
  return out;
}

/** The builder's refusal of resource arguments beside -f (after any error in the arguments' form). */
export function filesWithArgumentsError(positional: readonly string[]): UserError {
  const parsed = parseResourceArgs(positional);
  return new UserError(
    parsed.tuples.length > 0
      ? 'error: resource/name arguments cannot be provided when a path is specified'
      : 'error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well',
  );
}

/** Whether `-l` or `--field-selector` says anything (kubectl's builder ignores blank ones). */
export function hasSelector(args: ParsedArgs): boolean {
  return (flag(args, 'selector') ?? '').trim() !== '' || (flag(args, 'field-selector') ?? '').trim() !== '';
}

/**
 * `-l`, parsed; undefined when not given. A selector that does not parse fails as kubectl reports it:
 * when listing `listed`, kubectl sends it to the API server, which answers BadRequest (wrapped as for
 * `--field-selector`); for objects read from files (no `listed`), kubectl's resource builder checks it.
 */
export function selectorOfArgs(args: ParsedArgs, listed?: ResourceType): SelectorRequirement[] | undefined {
  const s = flag(args, 'selector');
  if (s === undefined) return undefined;
  const text = trimSelector(s);
  try {
    return parseSelector(text);
  } catch (e) {
    if (!(e instanceof SelectorError)) throw e;
    if (listed === undefined) throw new UserError(clientSelectorError(text, e.message));
    throw new UserError(fieldSelectorError(listed, text, trimSelector(flag(args, 'field-selector') ?? ''), e.message));
  }
}

/**
 * The field selector (`--field-selector`) as the server parses it for one type, with the server's
 * message when that type cannot be selected by one of its fields; undefined when not given.
 */
export function fieldTermsOf(args: ParsedArgs, type: ResourceType): FieldTerm[] | undefined {
  const fieldSelector = flag(args, 'field-selector');
  if (fieldSelector === undefined) return undefined;
  try {
    const terms = parseFieldSelector(fieldSelector);
    checkFieldSelector(type, terms);
    return terms;
  } catch (e) {
    if (e instanceof FieldSelectorError) throw new UserError(fieldSelectorError(type, flag(args, 'selector') ?? '', fieldSelector, e.message));
    throw e;
  }
}

/**
 * For events, the objects whose events the field selector can only keep (`involvedObject.kind=K`,
 * `involvedObject.name=N`), so that only theirs are derived: `get events --field-selector
 * involvedObject.name=POD` on a 20,000-node log derived all 120,000 events to print a few. The
 * selector itself still decides, afterwards.
 */
function eventsAbout(type: ResourceType, args: ParsedArgs): ((kind: string, name: string) => boolean) | undefined {
  if (type.resource !== 'events' || type.group !== '') return undefined;
  const terms = fieldTermsOf(args, type)?.filter((t) => t.equal && (t.field === 'involvedObject.kind' || t.field === 'involvedObject.name'));
  if (terms === undefined || terms.length === 0) return undefined;
  return (kind, name) => terms.every((t) => (t.field === 'involvedObject.kind' ? kind : name) === t.value);
}

/** The objects of one type that `-l` and `--field-selector` keep (all of them when neither is given). */
export function filterBySelectors(
  type: ResourceType,
  objects: KubeObject[],
  args: ParsedArgs,
  selector: SelectorRequirement[] | undefined = selectorOfArgs(args, type),
): KubeObject[] {
  let out = objects;
  if (selector !== undefined) out = out.filter((o) => selectorMatchesLabels(selector, o.metadata?.labels));
  const fieldTerms = fieldTermsOf(args, type);
  if (fieldTerms !== undefined) out = out.filter((o) => fieldSelectorMatches(type, fieldTerms, o));
  return out;
}

/** Types found among stored objects of kinds dsim does not list by default (CRDs and the like). */
export function storedTypes(state: ClusterState): ResourceType[] {
  const out: ResourceType[] = [];
  for (const rec of state.objects.values()) {
    const t = typeOfObject(rec.object.apiVersion ?? '', rec.object.kind ?? '');
    if (!out.some((o) => o.kind === t.kind && o.group === t.group)) out.push(t);
  }
  return out;
}

/** `dsim get`. */
export function getCommand(ctx: Context): number {
  const session = ctx.open();
  const state = stateForRead(ctx, session);
  const out = renderGetOutput(state, ctx.args, { readStdin: ctx.io.readStdin }, session.events);
  for (const chunk of out.stdoutChunks) if (chunk !== '') ctx.io.stdout(chunk);
  if (out.stderr !== '') ctx.io.stderr(out.stderr);
  return out.exitCode;
}

/** What `dsim get` prints: its standard output, its standard error, and its exit code. */
export interface GetOutput {
  readonly stdout: string;
  /** The same text in pieces, for output too long for one string (see kubectlJsonChunks). */
  readonly stdoutChunks: readonly string[];
  readonly stderr: string;
  readonly exitCode: number;
}

/**
 * `dsim get` over a given state, without printing: what getCommand writes, as strings. Pure apart from reading
 * manifests for `-f` (through `io.readStdin` for `-f -`). Throws UserError for bad arguments, as the command does.
 */
export function renderGetOutput(
  state: ClusterState,
  args: ParsedArgs,
  io: { readonly readStdin: () => string } = { readStdin: () => '' },
  log: readonly DsimEvent[] = [],
): GetOutput {
  const stdout: string[] = [];
  let stderr = '';
  const all = boolFlag(args, 'all-namespaces');
  const ns = flag(args, 'namespace') ?? 'default';
  // --template TEMPLATE alone means -o go-template, as kubectl keeps it for its older scripts.
  const templateFlag = flag(args, 'template') ?? '';
  const output = (flag(args, 'output') ?? '') || (templateFlag !== '' ? 'go-template' : '');
  // -o jsonpath=TEMPLATE: the format, then its template (kubectl splits at the first '='), unless
  // --template gives the template: then all of -o is the format.
  const eq = templateFlag !== '' ? -1 : output.indexOf('=');
  const format = eq === -1 ? output : output.slice(0, eq);
  const template = templateFlag !== '' ? templateFlag : eq === -1 ? '' : output.slice(eq + 1);
  const jsonPath = format === 'jsonpath' || format === 'jsonpath-as-json' || format === 'jsonpath-file';
  const customColumns = format === 'custom-columns' || format === 'custom-columns-file';
  // -o go-template=…, and kubectl's aliases: template= for go-template=, templatefile= for go-template-file=.
  const goTemplate = ['go-template', 'go-template-file', 'template', 'templatefile'].includes(format);
  if (!['', 'wide', 'json', 'yaml', 'name'].includes(output) && !jsonPath && !customColumns && !goTemplate) {
    throw new UserError(
      `error: unable to match a printer suitable for the output format "${output}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml`,
    );
  }
  const table = output === '' || output === 'wide';
  if (!table && boolFlag(args, 'show-labels')) throw new UserError(`error: --show-labels option cannot be used with ${output} printer`);
  if ((jsonPath || goTemplate) && template === '') throw new UserError('error: template format specified but no template given');
  if (customColumns && template === '') throw new UserError('error: custom-columns format specified but no custom columns given');
  // -o jsonpath-file=FILE: the template is the file, trailing newline and all.
  const jsonPathTemplate = format === 'jsonpath-file' ? readTemplateFile(template, `error reading --template ${template}`) : template;
  const goTemplateText = format === 'go-template-file' || format === 'templatefile' ? readTemplateFile(template, `error reading --template ${template}`) : template;
  const columnsFile = format === 'custom-columns-file' ? readTemplateFile(template, `error reading template ${template}`, '') : undefined;
  const sortBy = flag(args, 'sort-by');
  // The template is parsed before anything is fetched, as kubectl builds its printer first.
  if (jsonPath) orUserError(() => parseJsonPath(jsonPathTemplate));
  if (goTemplate) orUserError(() => parseKubectlGoTemplate(goTemplateText));
  let requests: Request[];
  const files = listFlag(args, 'filename');
  if (files.length > 0) {
    if (args.positional.length > 0) throw filesWithArgumentsError(args.positional);
    requests = requestsFromFiles(args, io);
  } else {
    if (args.positional.length === 0) {
      throw new UserError(
        "You must specify the type of resource to get. Use \"dsim get all\" for the usual types, or one of: pods (po), nodes (no), daemonsets (ds), namespaces (ns), controllerrevisions, events (ev).\nerror: Required resource not specified.",
      );
    }
    requests = resolveRequests(args.positional, storedTypes(state), { allNamespaces: all, selector: hasSelector(args) });
  }
  const selector = selectorOfArgs(args, files.length > 0 ? undefined : requests[0]?.type);
  const now = epochNow(state);
  const found: { type: ResourceType; objects: KubeObject[] }[] = [];
  const notFound: string[] = [];
  for (const r of requests) {
    const listNs = r.namespace ?? (all ? undefined : ns);
    const wanted = new Set(r.names);
    const listed = listObjects(state, r.type, listNs, log, r.names.length > 0 ? (name) => wanted.has(name) : undefined, eventsAbout(r.type, args));
    let objects = listed;
    if (r.names.length > 0) {
      objects = [];
      for (const n of r.names) {
        const o = listed.find((x) => x.metadata?.name === n && (!r.type.namespaced || listNs === undefined || x.metadata?.namespace === listNs));
        if (o === undefined) notFound.push(`Error from server (NotFound): ${qualifiedResource(r.type)} "${n}" not found`);
        else objects.push(o);
      }
    }
    objects = filterBySelectors(r.type, objects, args, selector);
    const existing = found.find((f) => f.type === r.type);
    if (existing !== undefined) existing.objects.push(...objects);
    else found.push({ type: r.type, objects });
  }
  // --ignore-not-found: a missing name is no error, and an empty result prints nothing at all (no empty List, no
  // "No resources found"), as kubectl's printGeneric returns early and its table path stays silent.
  const ignoreNotFound = boolFlag(args, 'ignore-not-found');
  if (ignoreNotFound) notFound.length = 0;
  // The builder's singleItemImplied: one name of one type, or one TYPE/NAME.
  const single = requests.length === 1 && requests[0]!.names.length === 1 && files.length === 0;
  // --sort-by: each type's table sorted apart, as kubectl sorts the server's tables; any other
  // output sorts the one list it prints. A single named object is not sorted.
  let typed = found.flatMap((f) => f.objects.map((object) => ({ type: f.type, object })));
  if (sortBy !== undefined && sortBy !== '') {
    if (table) for (const f of found) f.objects = orUserError(() => sortObjects(f.objects, sortBy, true));
    else if (!(single && typed.length === 1)) typed = orUserError(() => sortObjects(typed, sortBy, false, (t) => t.object));
  }
  const objects = table ? found.flatMap((f) => f.objects) : typed.map((t) => t.object);
  // What json, yaml and jsonpath print: the object named, else a List of them all (none when a named one is missing).
  const doc: unknown = single && objects.length === 1 ? objects[0] : { apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } };
  const printsDoc = objects.length > 0 || (!single && !ignoreNotFound);
  if (output === 'json' || output === 'yaml') {
    if (printsDoc) {
      // Chunk by chunk: a list of 40,000 pods is longer than one string can be.
      for (const chunk of output === 'json' ? kubectlJsonChunks(doc) : kubectlYamlChunks(doc)) stdout.push(chunk);
      if (output === 'json') stdout.push('\n');
    }
  } else if (jsonPath) {
    if (printsDoc) stdout.push(orUserError(() => printJsonPath(jsonPathTemplate, doc, format === 'jsonpath-as-json')));
  } else if (goTemplate) {
    try {
      if (printsDoc) stdout.push(printGoTemplate(goTemplateText, doc));
    } catch (e) {
      // kubectl has printed the output so far and its debugging dump to standard output.
      if (e instanceof GoTemplateError) return { stdout: e.stdout, stdoutChunks: [e.stdout], stderr: `error: ${e.message}\n`, exitCode: 1 };
      throw e;
    }
  } else if (customColumns) {
    if (objects.length === 0 && ignoreNotFound) return { stdout: '', stdoutChunks: [], stderr, exitCode: 0 };
    try {
      stdout.push(columnsFile !== undefined ? printCustomColumnsFile(columnsFile, objects) : printCustomColumns(template, objects, boolFlag(args, 'no-headers')));
    } catch (e) {
      // kubectl has printed the header row when a column's path fails to parse.
      if (e instanceof CustomColumnsError) return { stdout: e.stdout, stdoutChunks: [e.stdout], stderr: `error: ${e.message}\n`, exitCode: 1 };
      throw e instanceof JsonPathError ? new UserError(`error: ${e.message}`) : e;
    }
  } else if (output === 'name') {
    for (const { type, object } of typed) stdout.push(`${qualifiedKind(type)}/${object.metadata?.name}\n`);
  } else {
    const tables: Table[] = found.filter((f) => f.objects.length > 0 || requests.length === 1).map((f) => tableFor(f.type, f.objects, now));
    const named = requests.some((r) => r.names.length > 0);
    const isAll = args.positional[0]?.toLowerCase() === 'all';
    const rendered = renderGet(tables, {
      namespace: ns,
      allNamespaces: all,
      wide: output === 'wide',
      noHeaders: boolFlag(args, 'no-headers'),
      showLabels: boolFlag(args, 'show-labels'),
      labelColumns: listFlag(args, 'label-columns').flatMap((s) => s.split(',')),
      // kubectl names the kind when several types are listed, or when --show-kind asks.
      ...(isAll || found.length > 1 || boolFlag(args, 'show-kind') ? { withKind: true } : {}),
    });
    stdout.push(rendered.stdout);
    if (!(named && notFound.length > 0) && !ignoreNotFound) stderr += rendered.stderr;
  }
  for (const m of notFound) stderr += `${m}\n`;
  return {
    get stdout() {
      return stdout.join('');
    },
    stdoutChunks: stdout,
    stderr,
    exitCode: notFound.length > 0 ? 1 : 0,
  };
}

/**
 * A template file's text, or kubectl's error for one it cannot read (Go's wording for the usual
 * causes); `directory` is what reading a directory gives instead of an error, when it is not one.
 */
export function readTemplateFile(path: string, what: string, directory?: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR' && directory !== undefined) return directory;
    const why =
      code === 'ENOENT' ? `open ${path}: no such file or directory` : code === 'EACCES' ? `open ${path}: permission denied` : code === 'EISDIR' ? `read ${path}: is a directory` : (e as Error).message;
    throw new UserError(`error: ${what}, ${why}`);
  }
}

/** fn's result; a template or path kubectl refuses becomes its error line (a UserError). */
export function orUserError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw e instanceof JsonPathError || e instanceof GoTemplateError ? new UserError(`error: ${e.message}`) : e;
  }
}

/** `dsim describe`. */
export async function describeCommand(ctx: Context): Promise<number> {
  // Loaded on demand: the describers are only needed here.
  const { describeObjects } = await import('./describe.ts');
  const session = ctx.open();
  const state = stateForRead(ctx, session);
  const fromFiles = listFlag(ctx.args, 'filename').length > 0;
  if (fromFiles && ctx.args.positional.length > 0) throw filesWithArgumentsError(ctx.args.positional);
  if (!fromFiles && ctx.args.positional.length === 0) {
    throw new UserError('error: You must specify the type of resource to describe. Use "dsim describe nodes", "dsim describe ds NAME", …');
  }
  const requests = fromFiles
    ? requestsFromFiles(ctx.args, ctx.io)
    : resolveRequests(ctx.args.positional, storedTypes(state), { allNamespaces: boolFlag(ctx.args, 'all-namespaces'), selector: hasSelector(ctx.args) });
  const ns = boolFlag(ctx.args, 'all-namespaces') ? undefined : namespaceOf(ctx);
  const selector = selectorOfArgs(ctx.args, fromFiles ? undefined : requests[0]?.type);
  const out: string[] = [];
  const errors: string[] = [];
  for (const r of requests) {
    // Only objects a name could pick are built: a name, or (kubectl describe's fallback) a prefix of one.
    const named = r.names.length === 0 ? undefined : (name: string) => r.names.some((n) => name.startsWith(n));
    let objects = listObjects(state, r.type, r.namespace ?? ns, [], named);
    if (r.names.length > 0) {
      const picked: KubeObject[] = [];
      for (const n of r.names) {
        // kubectl describe matches a name as a prefix when there is no exact match (not for
        // objects named in files: those are fetched by name).
        const exact = objects.filter((o) => o.metadata?.name === n);
        const chosen = exact.length > 0 || fromFiles ? exact : objects.filter((o) => (o.metadata?.name ?? '').startsWith(n));
        if (chosen.length === 0) errors.push(`Error from server (NotFound): ${qualifiedResource(r.type)} "${n}" not found`);
        picked.push(...chosen);
      }
      objects = picked;
    }
    if (selector !== undefined) objects = objects.filter((o) => selectorMatchesLabels(selector, o.metadata?.labels));
    out.push(...describeObjects(state, r.type, objects, session.events, boolFlag(ctx.args, 'show-events', true)));
  }
  if (out.length === 0 && errors.length === 0) {
    ctx.io.stderr(ns === undefined || requests.every((r) => !r.type.namespaced) ? 'No resources found\n' : `No resources found in ${ns} namespace.\n`);
  }
  // kubectl writes each description (ending in its own newline) with a blank line before the next.
  ctx.io.stdout(out.join('\n\n'));
  for (const e of errors) ctx.io.stderr(`${e}\n`);
  return errors.length > 0 ? 1 : 0;
}

/** A one-line summary of an event's data, for `dsim events`. */
export function summarize(e: DsimEvent): string {
  const d = e.data as Record<string, unknown>;
  switch (e.type) {
    case 'SimulationStarted':
      return `seed=${String(e.data.seed)}`;
    case 'TimeAdvanced':
      return `to ${formatGoDuration(e.data.to)}`;
    case 'NodeAdded':
    case 'NodeUpdated':
    case 'NodeStatusUpdated': {
      const n = e.data.node;
      const taints = (n.spec?.taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`).join(',');
      const ready = n.status?.conditions?.find((c) => c.type === 'Ready')?.status ?? '-';
      return `node/${n.metadata?.name} ready=${ready}${n.spec?.unschedulable ? ' unschedulable' : ''}${taints ? ` taints=${taints}` : ''}`;
    }
    case 'DaemonSetApplied':
      return `daemonset.apps/${e.data.daemonSet.metadata?.name} -n ${e.data.daemonSet.metadata?.namespace ?? 'default'}`;
    case 'ObjectApplied':
      return `${e.data.object.kind}/${e.data.object.metadata?.name}`;
    case 'BarePodCreated':
      return `pod/${e.data.pod.metadata?.name} -n ${e.data.pod.metadata?.namespace ?? 'default'}`;
    case 'PodCreated':
      return `pod/${e.data.name} -n ${e.data.namespace} node=${e.data.node} hash=${e.data.hash}`;
    default: {
      const parts: string[] = [];
      if (typeof d.namespace === 'string' && typeof d.name === 'string') parts.push(`${d.namespace}/${d.name}`);
      else if (typeof d.name === 'string') parts.push(d.name);
      for (const [k, v] of Object.entries(d)) {
        if (k === 'namespace' || k === 'name') continue;
        parts.push(`${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
      }
      return parts.join(' ');
    }
  }
}

/** `dsim events`: the log, one line per event. */
export function eventsCommand(ctx: Context): number {
  const session = ctx.open();
  const types = new Set(listFlag(ctx.args, 'type').flatMap((t) => t.split(',')));
  const since = flag(ctx.args, 'since');
  const sinceMs = since === undefined ? 0 : parseTimeFlag(since, 'since');
  const events = session.events.filter((e) => (types.size === 0 || types.has(e.type)) && e.metadata.at >= sinceMs);
  const output = flag(ctx.args, 'output') ?? '';
  if (output === 'json') {
    for (const e of events) ctx.io.stdout(`${JSON.stringify(e)}\n`);
    return 0;
  }
  if (output !== '') throw new UserError(`error: unknown output format "${output}" for events (use -o json)`);
  if (events.length === 0) {
    ctx.io.stderr('No events found\n');
    return 0;
  }
  let text = 'SEQ\tTIME\tTYPE\tDETAILS\n';
  for (const e of events) text += `${e.metadata.seq}\t${formatGoDuration(e.metadata.at)}\t${e.type}\t${summarize(e)}\n`;
  ctx.io.stdout(tabulate(text));
  return 0;
}

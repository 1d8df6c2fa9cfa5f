// `dsim patch`: kubectl's patch (staging/src/k8s.io/kubectl/pkg/cmd/patch/patch.go). kubectl sends
// the patch; the API server applies it to the object as stored (a strategic merge patch over the
// kind's Go types, a JSON merge patch or a JSON patch: patch.ts) and saves the result as any
// update: decoded, defaulted, validated, its kind's update rules. Here the patched object goes the
// way an applied one does (planOne): a DaemonSet whose template changes rolls out, a node re-places
// pods, an invalid result is refused and nothing is saved.

import type { Pod } from 'kubernetes-types/core/v1';
import { readFileSync } from 'node:fs';
import {
  API_TYPES,
  canonicalJson,
  decodeWith,
  formatFieldError,
  events as ev,
  formatInvalidError,
  getNode,
  objectKey,
  storedObjectKey,
  tableGet,
  validateAnnotations,
  type ClusterState,
  type Engine,
  type KubeObject,
  type PendingEvent,
} from '@dsim/core';
import { boolFlag, flag, listFlag } from '../args.ts';
import { BUILTIN_KINDS } from '../builtinKinds.ts';
import type { Context } from '../cli.ts';
import { loadManifests, ManifestError, parseYamlValue, type LoadedObject } from '../manifests.ts';
import { decodeJsonPatch, jsonEqual, jsonMergePatch, jsonPatch, parseGoJson, patchMapOf, PatchError, strategicMergePatch, type Json } from '../patch.ts';
import { goQuote, goSprintV } from '../print/jsonpath.ts';
import { qualifiedKind, qualifiedResource, typeOfObject, type ResourceType } from '../resources.ts';
import { UserError } from '../session.ts';
import { getObject } from '../view.ts';
import { dryRunStrategy } from './annotate.ts';
import { InvalidObjectError, planOne, type Claimed } from './mutate.ts';
import { outputFormat, printObject, templateFailure } from './printFlags.ts';
import { unstoredObjectError } from './objectRefs.ts';
import { manifestNamespace, namespaceOf, resolveRequests, storedTypes } from './read.ts';

type JsonMap = { [key: string]: Json };
type PatchType = 'strategic' | 'merge' | 'json';

/** The kinds whose Go types dsim has (core's API_TYPES): a strategic merge patch walks them. */
const GO_TYPES: Readonly<Record<string, string>> = {
  'apps/v1 DaemonSet': 'DaemonSet',
  'apps/v1 Deployment': 'Deployment',
  'v1 Pod': 'Pod',
  'v1 Node': 'Node',
  'v1 Namespace': 'Namespace',
  'v1 Service': 'Service',
  'v1 ConfigMap': 'ConfigMap',
  'v1 Secret': 'Secret',
  'v1 ServiceAccount': 'ServiceAccount',
};

/** The API server's answer to a JSON patch operation that fails: 422 with no detail. */
const REJECTED = 'The request is invalid: the server rejected our request due to an error in our request';

/** The patch as kubectl sends it: YAML turned into JSON (sigs.k8s.io/yaml), JSON (text starting with `{`) as it is. */
function patchText(ctx: Context): string {
  const inline = flag(ctx.args, 'patch') ?? '';
  const file = flag(ctx.args, 'patch-file') ?? '';
  let bytes = inline;
  if (file !== '') {
    try {
      bytes = readFileSync(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UserError(`error: unable to read patch file: open ${file}: ${code === 'ENOENT' ? 'no such file or directory' : code === 'EISDIR' ? 'is a directory' : (e as Error).message}`);
    }
  }
  if (/^\s*\{/.test(bytes)) return bytes;
  try {
    return JSON.stringify(parseYamlValue(bytes) ?? null);
  } catch (e) {
    if (!(e instanceof ManifestError)) throw e;
    // kubectl quotes the -p text, empty when the patch came from --patch-file; then go-yaml's words.
    const words = e.message.replace(/^error parsing : error converting YAML to JSON: /, '');
    throw new UserError(`error: unable to parse ${goQuote(inline)}: ${words}`);
  }
}

interface Target {
  readonly type: ResourceType;
  readonly ns: string | undefined;
  readonly name: string;
  /** The object as a -f file has it (kubectl compares the patched object with it, and --local patches it). */
  readonly fromFile?: JsonMap;
}

/** `dsim patch (-f FILENAME | TYPE NAME | TYPE/NAME) (-p PATCH | --patch-file FILE) [--type strategic|merge|json]`. */
export function patchCommand(ctx: Context): number {
  const output = flag(ctx.args, 'output') ?? '';
  const dryRun = dryRunStrategy(ctx);
  const local = boolFlag(ctx.args, 'local');
  const typeText = flag(ctx.args, 'type') ?? 'strategic';
  // Validate's checks, in kubectl's order.
  const inline = flag(ctx.args, 'patch') ?? '';
  const file = flag(ctx.args, 'patch-file') ?? '';
  if (inline !== '' && file !== '') throw new UserError('error: cannot specify --patch and --patch-file together');
  if (inline === '' && file === '') throw new UserError('error: must specify --patch or --patch-file containing the contents of the patch');
  if (local && ctx.args.positional.length > 0) throw new UserError('error: cannot specify --local and server resources');
  if (local && dryRun === 'server') throw new UserError('error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
  const patchType = typeText.toLowerCase() as PatchType;
  if (!['json', 'merge', 'strategic'].includes(patchType)) throw new UserError(`error: --type must be one of [json merge strategic], not ${goQuote(typeText)}`);
  const printer = outputFormat(output);
  const text = patchText(ctx);

  const files = listFlag(ctx.args, 'filename');
  if (files.length === 0 && ctx.args.positional.length === 0) {
    throw new UserError(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
    );
  }
  const explicitNs = flag(ctx.args, 'namespace');
  const targets: Target[] = [];
  const loaded: LoadedObject[] = [];
  for (const f of files) loaded.push(...loadManifests(f, { readStdin: ctx.io.readStdin, recursive: boolFlag(ctx.args, 'recursive') }));
  for (const o of loaded) {
    const t = typeOfObject(o.object.apiVersion, o.object.kind);
    const name = ((o.object.metadata ?? {}) as { name?: string }).name ?? '';
    targets.push({ type: t, ns: manifestNamespace(t, o.object, explicitNs) ?? (t.namespaced ? (explicitNs ?? 'default') : undefined), name, fromFile: o.object as unknown as JsonMap });
  }
  const out: string[] = [];
  const errors: { alone: string; among: string }[] = [];
  // kubectl makes a new printer for each object, so its YAML printer never writes a `---` between;
  // what it prints waits until the log is saved.
  const buffered: Context = { ...ctx, io: { ...ctx.io, stdout: (s) => out.push(s) } };
  const print = (t: Target, object: KubeObject, changed: boolean) => {
    // kubectl's patch names the operation itself, so neither --dry-run adds its "(dry run)".
    const line = `${qualifiedKind(t.type)}/${t.name} ${changed ? 'patched' : 'patched (no change)'}`;
    try {
      printObject(buffered, printer, object, line);
    } catch (e) {
      const failure = templateFailure(buffered, e);
      if (failure === undefined) throw e;
      errors.push(failure);
    }
  };
  const flush = (): number => {
    for (const s of out) ctx.io.stdout(s);
    // One error kubectl prints alone; several as its aggregate, each as StandardErrorMessage words it.
    if (errors.length === 1) ctx.io.stderr(`${errors[0]!.alone}\n`);
    else if (errors.length > 1) ctx.io.stderr(errors.map((e) => `${e.among}\n`).join(''));
    return errors.length > 0 ? 1 : 0;
  };

  if (local) {
    for (const t of targets) {
      try {
        const patched = patchLocally(t, t.fromFile!, text, patchType);
        print(t, patched as KubeObject, !jsonEqual(t.fromFile, patched));
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
        errors.push(refusal(e, t));
      }
    }
    if (targets.length === 0) errors.push({ alone: 'error: no objects passed to patch', among: 'no objects passed to patch' });
    return flush();
  }

  const session = ctx.open();
  const engine = session.engine();
  const ns = namespaceOf(ctx);
  for (const r of resolveRequests(ctx.args.positional, storedTypes(engine.state))) {
    if (r.names.length === 0) throw new UserError('error: resource(s) were provided, but no name was specified');
    for (const n of r.names) targets.push({ type: r.type, ns: r.type.namespaced ? ns : undefined, name: n });
  }
  const claimed: Claimed = { clusterIPs: new Set(), nodePorts: new Set() };
  let saved = false;
  for (const t of targets) {
    try {
      if (t.type.kind === 'Event') throw new UserError('error: dsim derives events from the simulation; they cannot be patched');
      const current = currentObject(engine.state, t);
      if (current === undefined) throw new UserError(`Error from server (NotFound): ${qualifiedResource(t.type)} ${goQuote(t.name)} not found`);
      if (dryRun === 'client') {
        // kubectl patches its own copy (the file's object with -f) and prints it; nothing is sent.
        const base = t.fromFile ?? (current as JsonMap);
        const patched = patchLocally(t, base, text, patchType);
        print(t, patched as KubeObject, !jsonEqual(base, patched));
        continue;
      }
      const changes = patchOnServer(ctx, engine, t, current as JsonMap, text, patchType, claimed);
      if (changes.length > 0 && dryRun === 'none') saved = true;
      const after = changes.length === 0 ? current : asStored(engine, t, changes);
      // kubectl compares what the server returned with the object it had: the file's, with -f.
      print(t, after, !jsonEqual((t.fromFile ?? current) as Json, after as Json));
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      errors.push(refusal(e, t));
    }
  }
  if (saved) session.commit();
  return flush();
}

/**
 * An error as kubectl prints it alone (checkErr) and among others (an aggregate's lines: no
 * `error: ` prefix, and an Invalid error as StandardErrorMessage words a StatusError).
 */
function refusal(e: UserError, t: Target): { alone: string; among: string } {
  const alone = e.message;
  const qualified = t.type.group === '' ? t.type.kind : `${t.type.kind}.${t.type.group}`;
  if (e instanceof InvalidObjectError) {
    const messages = [...new Set(e.causes.map(formatFieldError))];
    return { alone, among: `Error from server (Invalid): ${qualified} ${goQuote(t.name)} is invalid: ${messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`}` };
  }
  if (alone === REJECTED) return { alone, among: `Error from server (Invalid): ${alone.slice('The request is invalid: '.length)}` };
  if (alone.startsWith('The request is invalid: ')) return { alone, among: `Error from server (Invalid):  "" is invalid: ${alone.slice('The request is invalid: '.length)}` };
  const invalid = /^The \S+ (".*") is invalid: ([^\n]*)$/.exec(alone);
  if (invalid !== null) return { alone, among: `Error from server (Invalid): ${qualified} ${invalid[1]} is invalid: ${invalid[2]}` };
  return { alone, among: alone.replace(/^error: /, '') };
}

/** The object as `get -o json` shows it, or undefined when there is none. */
function currentObject(state: ClusterState, t: Target): KubeObject | undefined {
  return getObject(state, t.type, t.ns, t.name);
}

/**
 * The object the API server returns for a change (the event's outcome, as `get` would show it
 * now). A server dry run records the event on an engine whose state is then dropped, not saved.
 */
function asStored(engine: Engine, t: Target, changes: readonly PendingEvent[]): KubeObject {
  for (const e of changes) engine.input(e);
  return currentObject(engine.state, t)!;
}

/** kubectl's own patching, as --local and --dry-run=client do it: kubectl's copy of apimachinery, its words. */
function patchLocally(t: Target, base: JsonMap, text: string, patchType: PatchType): Json {
  try {
    if (patchType === 'json') {
      let ops;
      try {
        ops = decodeJsonPatch(text);
      } catch (e) {
        throw new UserError(`error: ${(e as Error).message}`);
      }
      return jsonPatch(base, ops);
    }
    if (patchType === 'merge') {
      let patch: Json;
      try {
        patch = parseGoJson(text);
      } catch {
        throw new UserError('error: Invalid JSON Patch');
      }
      if (Array.isArray(patch)) throw new UserError('error: json: cannot unmarshal array into Go value of type unstructured.detector');
      if (patch === null || typeof patch !== 'object') throw new UserError('error: Invalid JSON Patch');
      return jsonMergePatch(base, patch);
    }
    const root = goTypeOf(t);
    if (root === undefined && !isBuiltin(t)) {
      throw new UserError(`error: strategic merge patch is not supported for ${gvk(t)} locally, try --type merge`);
    }
    let patch: JsonMap | null;
    try {
      patch = patchMapOf(text, false);
    } catch {
      throw new UserError('error: invalid JSON document');
    }
    return strategicMergePatch(API_TYPES, base, patch ?? {}, root);
  } catch (e) {
    if (e instanceof PatchError) throw new UserError(`error: ${e.message}`);
    throw e;
  }
}

/** The API server's patch: applied to the stored object, then saved as an update is; the events that record it. */
function patchOnServer(ctx: Context, engine: Engine, t: Target, current: JsonMap, text: string, patchType: PatchType, claimed: Claimed): PendingEvent[] {
  const state = engine.state;
  // A namespace's default ServiceAccount is shown, not stored: storing it would give it a new uid.
  const unstored = unstoredObjectError(state, { type: t.type, namespace: t.ns, name: t.name });
  if (unstored !== undefined && t.type.kind !== 'Event') throw new UserError(`error: ${unstored}`);
  let patched: Json;
  let patchMap: JsonMap | null = null;
  try {
    if (patchType === 'json') patched = jsonPatch(current, decodeJsonPatch(text, true));
    else if (patchType === 'merge') patched = jsonMergePatch(current, patchMapOf(text, true));
    else {
      const root = goTypeOf(t);
      if (root === undefined && !isBuiltin(t)) {
        throw new UserError(
          `error: application/strategic-merge-patch+json is not supported by ${gvk(t)}: the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
        );
      }
      patchMap = patchMapOf(text, false) ?? {};
      patched = strategicMergePatch(API_TYPES, current, patchMap, root);
    }
  } catch (e) {
    if (!(e instanceof PatchError)) throw e;
    if (e.failure === 'Invalid') throw new UserError(REJECTED);
    throw new UserError(e.failure === 'BadRequest' ? `Error from server (BadRequest): ${e.message}` : `Error from server: ${e.message}`);
  }
  if (patched === null || typeof patched !== 'object' || Array.isArray(patched)) {
    throw new UserError(`The request is invalid: patch: Invalid value: ${goQuote(JSON.stringify(patched))}: couldn't get version/kind; json parse error: json: cannot unmarshal ${Array.isArray(patched) ? 'array' : 'string'} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`);
  }
  const next = asServerStores(t, current, patched);
  // Nothing the server keeps has changed: it writes nothing, and answers with the object as it was.
  if (jsonEqual(current, next)) return [];
  // The patched object must decode into the kind's Go type (a value of the wrong type is refused).
  const root = goTypeOf(t);
  if (root !== undefined && (root === 'DaemonSet' || root === 'Pod' || root === 'Node' || root === 'Namespace')) {
    const problem = decodeWith(root, next, 'Warn').error;
    if (problem !== undefined) {
      // A strategic merge patch's result is converted from a map (the patch shown in Go's %v); a
      // merge or JSON patch's is decoded from its JSON (shown whole: Go's json.Marshal, keys sorted).
      const at = problem.path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], next);
      const [value, words] = patchMap !== null ? [goSprintV(patchMap as Json), converterWords(problem.message, at)] : [canonicalJson(patched), problem.message];
      throw new UserError(`The request is invalid: patch: Invalid value: ${goQuote(value)}: ${words}`);
    }
  }
  if (t.type.group === '' && t.type.kind === 'Pod') return podUpdate(state, t, current as unknown as Pod, next as unknown as Pod);
  if (t.type.kind === 'ControllerRevision') throw new UserError('error: ControllerRevisions are made by the DaemonSet controller in dsim; patch the DaemonSet instead');
  const input = asInput(state, t, next);
  const source: LoadedObject = { object: input as never, source: '', line: 0, locate: () => 0 };
  const planned = planOne(state, source, t.type, input as KubeObject, 'apply', 'Warn', (line) => ctx.io.stderr(`${line}\n`), claimed);
  return planned.event === undefined ? [] : [planned.event];
}

/** A patched object as the API server goes on with it: its own fields put back, empty maps omitted. */
export function asServerStores(t: PatchTarget, current: JsonMap, patched: JsonMap): JsonMap {
  return withoutEmptyMaps(withServerFields(t, current, patched), goTypeOf(t));
}

/** What a patch (or an apply's three-way patch) names: a type, a namespace, a name. */
export type PatchTarget = Pick<Target, 'type' | 'ns' | 'name'>;

/**
 * The patched object with what the API server owns put back: an update through the main
 * resource leaves status, uid, creationTimestamp and generation as they were. A patch that
 * changes the name, the namespace or the uid is refused, in the API server's words.
 */
function withServerFields(t: PatchTarget, current: JsonMap, patched: JsonMap): JsonMap {
  const meta = (o: JsonMap) => (o.metadata !== null && typeof o.metadata === 'object' && !Array.isArray(o.metadata) ? (o.metadata as JsonMap) : {});
  const before = meta(current);
  const after = { ...meta(patched) };
  if (after.name !== before.name) throw new UserError(`Error from server (BadRequest): the name of the object (${goSprintV(after.name ?? '')}) does not match the name on the URL (${t.name})`);
  if (t.type.namespaced && (after.namespace ?? before.namespace) !== before.namespace) {
    throw new UserError('Error from server (BadRequest): the namespace of the provided object does not match the namespace sent on the request');
  }
  if (after.uid !== undefined && after.uid !== before.uid) {
    throw new UserError(`The ${t.type.kind} ${goQuote(t.name)} is invalid: metadata.uid: Invalid value: ${goQuote(String(after.uid))}: field is immutable`);
  }
  for (const k of ['uid', 'creationTimestamp', 'generation', 'resourceVersion', 'deletionTimestamp', 'deletionGracePeriodSeconds']) {
    if (before[k] === undefined) delete after[k];
    else after[k] = before[k]!;
  }
  const out: JsonMap = { ...patched, apiVersion: current.apiVersion ?? null, kind: current.kind ?? null, metadata: after };
  if ('status' in current) out.status = current.status!;
  else delete out.status;
  return out;
}

/** The patched object as an applied manifest would give it: without the fields the view adds to what is stored. */
export function asInput(state: ClusterState, t: PatchTarget, next: JsonMap): JsonMap {
  let raw: KubeObject | undefined;
  if (t.type.group === 'apps' && t.type.kind === 'DaemonSet') raw = state.daemonSets.get(objectKey(t.ns!, t.name))?.daemonSet as KubeObject | undefined;
  else if (t.type.group === '' && t.type.kind === 'Node') raw = getNode(state, t.name)?.node as KubeObject | undefined;
  else raw = state.objects.get(storedObjectKey(String(next.apiVersion), String(next.kind), t.ns, t.name))?.object;
  const rawMeta = (raw?.metadata ?? {}) as Record<string, Json>;
  const metadata = { ...(next.metadata as JsonMap) };
  for (const k of ['uid', 'creationTimestamp', 'generation']) {
    if (rawMeta[k] === undefined) delete metadata[k];
    else metadata[k] = rawMeta[k]!;
  }
  const out: JsonMap = { ...next, metadata };
  const status = (raw as JsonMap | undefined)?.status;
  if (status === undefined) delete out.status;
  else out.status = status;
  return out;
}

/**
 * A pod follows dsim's pod update rules: its labels may change (a pod relabelled out of its
 * DaemonSet's selector is released) and its annotations; its spec may not, as an applied pod's may not.
 */
function podUpdate(state: ClusterState, t: Target, before: Pod, after: Pod): PendingEvent[] {
  if (!jsonEqual(before.spec as unknown as Json, after.spec as unknown as Json)) {
    throw new UserError(
      `The Pod ${goQuote(t.name)} is invalid: spec: Forbidden: pod updates may not change fields other than \`spec.containers[*].image\`,\`spec.initContainers[*].image\`,\`spec.activeDeadlineSeconds\`,\`spec.tolerations\` (only additions to existing tolerations),\`spec.terminationGracePeriodSeconds\` (allow it to be set to 1 if it was previously negative)`,
    );
  }
  const others = (p: Pod) => ({ ...p.metadata, labels: undefined, annotations: undefined }) as unknown as Json;
  if (!jsonEqual(others(before), others(after))) throw new UserError("error: dsim patches a pod's labels and annotations only (the rest of its metadata is not simulated)");
  if (tableGet(state.pods, objectKey(t.ns!, t.name)) === undefined) throw new UserError(`Error from server (NotFound): pods ${goQuote(t.name)} not found`);
  const ref = { namespace: t.ns!, name: t.name };
  const labels = { ...after.metadata?.labels };
  const annotations = { ...after.metadata?.annotations };
  const invalid = validateAnnotations(annotations);
  if (invalid.length > 0) throw new UserError(formatInvalidError('Pod', t.name, invalid));
  const out: PendingEvent[] = [];
  if (!jsonEqual(before.metadata?.labels ?? {}, labels)) out.push(ev.podRelabeled(ref, labels));
  if (!jsonEqual(before.metadata?.annotations ?? {}, annotations)) out.push(ev.podAnnotated(ref, annotations));
  return out;
}

/**
 * The object as its Go type encodes it: a map field left empty (a patch that deleted a node
 * selector's last key) is omitted (`omitempty`), as the API server's answer omits it.
 */
function withoutEmptyMaps(o: JsonMap, type: string | undefined): JsonMap {
  const walk = (v: Json, t: string | undefined): Json => {
    if (t === undefined || v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return t.startsWith('[]') ? v.map((e) => walk(e, t.slice(2))) : v;
    const fields = API_TYPES[t];
    if (fields === undefined) return v;
    const out: JsonMap = {};
    for (const [k, e] of Object.entries(v)) {
      const ft = fields[k];
      if (ft?.startsWith('map[string]') && e !== null && typeof e === 'object' && !Array.isArray(e) && Object.keys(e).length === 0) continue;
      out[k] = walk(e, ft);
    }
    return out;
  };
  return walk(o, type) as JsonMap;
}

/**
 * The API server's unstructured converter's words (runtime.DefaultUnstructuredConverter, which
 * turns a strategic merge patch's result into the Go type) for a value of the wrong type, from
 * encoding/json's (`json: cannot unmarshal string into Go struct field … of type int32`).
 */
function converterWords(message: string, value: unknown): string {
  const m = /^json: cannot unmarshal \w+(?: \S+)? into Go (?:struct field \S+|value) of type (\S+)$/.exec(message);
  if (m === null) return message;
  const target = m[1]!;
  const source =
    typeof value === 'string' ? 'string'
    : typeof value === 'boolean' ? 'bool'
    : typeof value === 'number' ? (Number.isInteger(value) ? 'int64' : 'float64')
    : Array.isArray(value) ? 'slice'
    : 'map';
  if (target.startsWith('[]')) return `cannot restore slice from ${source}`;
  if (target.startsWith('map[')) return `cannot restore map from ${source}`;
  if (['string', 'int32', 'int64', 'float64', 'bool'].includes(target)) {
    return `cannot convert ${source === 'slice' ? '[]interface {}' : source === 'map' ? 'map[string]interface {}' : source} to ${target}`;
  }
  // Types with their own JSON decoding (Quantity, IntOrString, Time) answer in their own words.
  if (['v1.Time', 'resource.Quantity', 'intstr.IntOrString', 'runtime.RawExtension'].includes(target)) return message;
  return `cannot restore struct from: ${source}`;
}

/** The Go type a strategic merge patch walks for this kind, if dsim has it. */
export function goTypeOf(t: PatchTarget): string | undefined {
  const apiVersion = t.type.group === '' ? t.type.version : `${t.type.group}/${t.type.version}`;
  return GO_TYPES[`${apiVersion} ${t.type.kind}`];
}

export function isBuiltin(t: PatchTarget): boolean {
  const apiVersion = t.type.group === '' ? t.type.version : `${t.type.group}/${t.type.version}`;
  return BUILTIN_KINDS[apiVersion]?.includes(t.type.kind) ?? false;
}

/** schema.GroupVersionKind's String(): `stable.example.com/v1, Kind=CronTab` (`/v1, Kind=X` in the core group). */
export function gvk(t: PatchTarget): string {
  return `${t.type.group}/${t.type.version}, Kind=${t.type.kind}`;
}

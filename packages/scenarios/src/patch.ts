// The three patches of `kubectl patch`, as the API server applies them: a JSON merge patch
// (RFC 7386, as evanphx/json-patch's MergePatch), a JSON patch (RFC 6902, as its Patch.Apply) and
// a strategic merge patch (apimachinery's strategicpatch, newest behaviour: v0.36). Pure: values
// in, values out, no I/O. Each error is a PatchError carrying the Go library's own words and how
// the API server answers with it (see patchCommand in commands/patch.ts for kubectl's words).

import { goSprintV } from './print/jsonpath.ts';
import { PATCH_STRATEGIES, RETAIN_KEYS_FIELDS } from './patchStrategies.ts';

/** A decoded JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonMap = { [key: string]: Json };

/**
 * How the API server answers a patch that fails: `BadRequest` (400, its message kept), `Invalid`
 * (422 without detail: kubectl says "The request is invalid: the server rejected our request due
 * to an error in our request") or `Internal` (an error apimachinery does not classify: 500, its
 * message kept, printed "Error from server: …").
 */
export type PatchFailure = 'BadRequest' | 'Invalid' | 'Internal';

/** A patch that cannot be applied, in the words of the Go library that refuses it. */
export class PatchError extends Error {
  constructor(
    message: string,
    readonly failure: PatchFailure,
  ) {
    super(message);
  }
}

const isMap = (v: Json | undefined): v is JsonMap => typeof v === 'object' && v !== null && !Array.isArray(v);
const clone = <T extends Json>(v: T): T => structuredClone(v);

// ---- decoding as Go's encoding/json does ---------------------------------------------------------

/** Go's name of a JSON value's kind in an UnmarshalTypeError (`cannot unmarshal array into …`). */
function jsonKind(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

/** Go's quoteChar: the character a syntax error names, in single quotes. */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return "'\"'";
  const q = JSON.stringify(c);
  return `'${q.slice(1, -1)}'`;
}

/**
 * Parses JSON text as Go's json.Unmarshal does, with its error messages for text that is not JSON
 * (`unexpected end of JSON input`, `invalid character 'x' looking for beginning of value`, …).
 */
export function parseGoJson(text: string): Json {
  let i = 0;
  const end = text.length;
  const ws = () => {
    while (i < end && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const fail = (context: string): never => {
    if (i >= end) throw new PatchError('unexpected end of JSON input', 'BadRequest');
    throw new PatchError(`invalid character ${quoteChar(text[i]!)} ${context}`, 'BadRequest');
  };
  const literal = (word: string, value: Json): Json => {
    for (let k = 0; k < word.length; k++, i++) {
      if (text[i] !== word[k]) fail(`in literal ${word} (expecting ${quoteChar(word[k]!)})`);
    }
    return value;
  };
  const string = (): string => {
    const start = i;
    i++;
    while (i < end && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail('in string literal');
      if (text[i] === '\\') {
        i++;
        if (i >= end) fail('in string escape code');
        if (text[i] === 'u') {
          for (let k = 1; k <= 4; k++) if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) ((i += k), fail('in \\u hexadecimal character escape'));
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i]!)) fail('in string escape code');
      }
      i++;
    }
    if (i >= end) fail('');
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const number = (): number => {
    const start = i;
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else if (/[1-9]/.test(text[i] ?? '')) while (/[0-9]/.test(text[i] ?? '')) i++;
    else fail('in numeric literal');
    if (text[i] === '.') {
      i++;
      if (!/[0-9]/.test(text[i] ?? '')) fail('after decimal point in numeric literal');
      while (/[0-9]/.test(text[i] ?? '')) i++;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (!/[0-9]/.test(text[i] ?? '')) fail('in exponent of numeric literal');
      while (/[0-9]/.test(text[i] ?? '')) i++;
    }
    return Number(text.slice(start, i));
  };
  const value = (): Json => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const out: JsonMap = {};
      ws();
      if (text[i] === '}') return i++, out;
      for (;;) {
        ws();
        if (text[i] !== '"') fail('looking for beginning of object key string');
        const k = string();
        ws();
        if (text[i] !== ':') fail('after object key');
        i++;
        out[k] = value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') return i++, out;
        fail('after object key:value pair');
      }
    }
    if (c === '[') {
      i++;
      const out: Json[] = [];
      ws();
      if (text[i] === ']') return i++, out;
      for (;;) {
        out.push(value());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') return i++, out;
        fail('after array element');
      }
    }
    if (c === '"') return string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    if (c === 't') return literal('true', true);
    if (c === 'f') return literal('false', false);
    if (c === 'n') return literal('null', null);
    return fail('looking for beginning of value');
  };
  const v = value();
  ws();
  if (i < end) fail('after top-level value');
  return v;
}

/** The patch document decoded into a Go map, as the API server's strategic and merge patchers take it. */
export function patchMapOf(text: string, merge: boolean): JsonMap | null {
  // The merge patcher's strict decoding says where its error came from; the strategic one does not.
  const refuse = (message: string): never => {
    throw new PatchError(merge ? `error decoding patch: ${message}` : message, 'BadRequest');
  };
  let v: Json;
  try {
    v = parseGoJson(text);
  } catch (e) {
    return refuse((e as Error).message);
  }
  if (v !== null && !isMap(v)) refuse(`json: cannot unmarshal ${jsonKind(v)} into Go value of type map[string]interface {}`);
  return v as JsonMap | null;
}

// ---- JSON merge patch (RFC 7386) -------------------------------------------------------------------

/** Drops the null members of objects (not of arrays), everywhere below (evanphx's pruneNulls). */
function pruneNulls(v: Json): Json {
  if (Array.isArray(v)) return v.map((e) => (e === null ? e : pruneNulls(e)));
  if (!isMap(v)) return v;
  const out: JsonMap = {};
  for (const [k, e] of Object.entries(v)) if (e !== null) out[k] = pruneNulls(e);
  return out;
}

function mergeDocs(doc: JsonMap, patch: JsonMap): void {
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) {
      delete doc[k];
      continue;
    }
    const cur = doc[k];
    if (cur === undefined || cur === null) doc[k] = pruneNulls(v);
    else if (!isMap(cur)) doc[k] = pruneNulls(v);
    // A non-object patch value replaces an object as it is, nulls and all (evanphx's merge).
    else if (!isMap(v)) doc[k] = v;
    else mergeDocs(cur, v);
  }
}

/**
 * Applies a JSON merge patch (RFC 7386) to a document, as evanphx/json-patch's MergePatch does:
 * objects merge member by member, null deletes, anything else replaces.
 */
export function jsonMergePatch(doc: JsonMap, patch: JsonMap | null): JsonMap {
  if (patch === null) throw new PatchError('Invalid JSON Patch', 'BadRequest');
  const out = clone(doc);
  mergeDocs(out, patch);
  return out;
}

// ---- JSON patch (RFC 6902) ------------------------------------------------------------------------

interface Operation {
  readonly [field: string]: Json;
}

/**
 * Decodes a JSON patch document as json-patch's DecodePatch does: it must be an array of objects.
 * `server`: first as the API server's field validation does (into its jsonPatchOp structs, whose
 * op, path and from are strings), with its words.
 */
export function decodeJsonPatch(text: string, server = false): Operation[] {
  const v = parseGoJson(text);
  if (v === null) return [];
  if (!Array.isArray(v)) throw new PatchError(`${server ? 'error decoding patch: ' : ''}json: cannot unmarshal ${jsonKind(v)} into Go value of type ${server ? '[]handlers.jsonPatchOp' : 'jsonpatch.Patch'}`, 'BadRequest');
  for (const op of v) {
    if (op !== null && !isMap(op)) throw new PatchError(`${server ? 'error decoding patch: ' : ''}json: cannot unmarshal ${jsonKind(op)} into Go value of type ${server ? 'handlers.jsonPatchOp' : 'jsonpatch.Operation'}`, 'BadRequest');
    if (server && op !== null) {
      for (const field of ['op', 'path', 'from']) {
        const f = op[field];
        if (f !== undefined && f !== null && typeof f !== 'string') {
          throw new PatchError(`error decoding patch: json: cannot unmarshal ${jsonKind(f)} into Go struct field jsonPatchOp.${field} of type string`, 'BadRequest');
        }
      }
    }
  }
  return v.map((op) => (op ?? {}) as Operation);
}

/**
 * A JSON pointer's reference tokens (`~1` is `/`, `~0` is `~`) as json-patch's findObject splits
 * it: at each `/`, the part before the first dropped (so `spec/x` names `/x`); undefined for a
 * pointer without any `/` (the empty one, the whole document, included), which it refuses.
 */
function pointerTokens(path: string): string[] | undefined {
  const split = path.split('/');
  if (split.length < 2) return undefined;
  return split.slice(1).map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
}

const failed = (message: string): PatchError => new PatchError(message, 'Invalid');

/** The container a pointer's last token lives in, and that token. */
function locate(doc: Json, tokens: readonly string[], op: string, path: string): { parent: Json; key: string } {
  let cur: Json = doc;
  for (const t of tokens.slice(0, -1)) {
    const next: Json | undefined = Array.isArray(cur) ? (/^(0|[1-9]\d*)$/.test(t) ? cur[Number(t)] : undefined) : isMap(cur) ? cur[t] : undefined;
    if (next === undefined || next === null || typeof next !== 'object') throw failed(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
    cur = next;
  }
  return { parent: cur, key: tokens[tokens.length - 1]! };
}

/**
 * An array index as json-patch reads one: negative indices count from the end, which for an add
 * is one past the last element (so -1 appends).
 */
function arrayIndex(arr: readonly Json[], key: string, forAdd: boolean): number {
  if (!/^-?\d+$/.test(key)) throw failed(`Unable to access invalid index: ${key}: invalid index referenced`);
  let idx = Number(key);
  const size = forAdd ? arr.length + 1 : arr.length;
  if (idx >= size || idx < -size) throw failed(`Unable to access invalid index: ${idx}: invalid index referenced`);
  if (idx < 0) idx += size;
  return idx;
}

function getAt(parent: Json, key: string): Json | undefined {
  if (Array.isArray(parent)) {
    if (!/^-?\d+$/.test(key)) return undefined;
    const i = Number(key) < 0 ? Number(key) + parent.length : Number(key);
    return parent[i];
  }
  return isMap(parent) ? parent[key] : undefined;
}

function addAt(parent: Json, key: string, value: Json, op: string, path: string): void {
  if (Array.isArray(parent)) {
    if (key === '-') parent.push(value);
    else parent.splice(arrayIndex(parent, key, true), 0, value);
  } else if (isMap(parent)) parent[key] = value;
  else throw failed(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
}

function removeAt(parent: Json, key: string, path: string): Json {
  if (Array.isArray(parent)) {
    const i = arrayIndex(parent, key, false);
    return parent.splice(i, 1)[0]!;
  }
  if (!isMap(parent) || !(key in parent)) throw failed(`error in remove for path: '${path}': Unable to remove nonexistent key: ${key}: missing value`);
  const v = parent[key]!;
  delete parent[key];
  return v;
}

function pathOf(op: Operation, field: 'path' | 'from', kind: string): string {
  const p = op[field];
  if (typeof p !== 'string') throw failed(`${kind} operation failed to decode ${field}: missing value`);
  return p;
}

/** Deep equality of JSON values, objects compared without regard to member order. */
function jsonEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((e, i) => jsonEqual(e, b[i]));
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && jsonEqual(a[k], b[k]));
  }
  return false;
}

/**
 * Applies a JSON patch (RFC 6902: add, remove, replace, move, copy, test; `-` for the end of an
 * array) to a document, as json-patch's Patch.Apply does. Any operation that fails fails the
 * whole patch; the API server then answers 422 without saying which (PatchError 'Invalid').
 */
export function jsonPatch(doc: JsonMap, ops: readonly Operation[]): Json {
  let root: Json = clone(doc);
  for (const op of ops) {
    const kind = typeof op.op === 'string' ? op.op : 'unknown';
    if (!['add', 'remove', 'replace', 'move', 'copy', 'test'].includes(kind)) throw failed(`Unexpected kind: ${kind}`);
    const path = pathOf(op, 'path', kind);
    const tokens = pointerTokens(path);
    if (tokens === undefined) throw failed(`${kind} operation does not apply: doc is missing path: "${path}": missing value`);
    const value = op.value === undefined ? null : clone(op.value);
    switch (kind) {
      case 'add': {
        const { parent, key } = locate(root, tokens, 'add', path);
        addAt(parent, key, value, 'add', path);
        break;
      }
      case 'remove': {
        const { parent, key } = locate(root, tokens, 'remove', path);
        removeAt(parent, key, path);
        break;
      }
      case 'replace': {
        const { parent, key } = locate(root, tokens, 'replace', path);
        if (Array.isArray(parent)) parent[arrayIndex(parent, key, false)] = value;
        else if (isMap(parent)) parent[key] = value;
        else throw failed(`replace operation does not apply: doc is missing path: "${path}": missing value`);
        break;
      }
      case 'move':
      case 'copy': {
        const from = pathOf(op, 'from', kind);
        const fromTokens = pointerTokens(from);
        if (fromTokens === undefined) throw failed(`${kind} operation does not apply: doc is missing from path: "${from}": missing value`);
        const src = locate(root, fromTokens, kind, from);
        const got = getAt(src.parent, src.key);
        if (got === undefined && Array.isArray(src.parent)) throw failed(`Unable to access invalid index: ${src.key}: invalid index referenced`);
        // A missing member reads as null (json-patch's partialDoc.get): copied so; a move still fails to remove it.
        const moved = kind === 'move' ? removeAt(src.parent, src.key, from) : clone(got ?? null);
        const dst = locate(root, tokens, kind, path);
        addAt(dst.parent, dst.key, moved, kind, path);
        break;
      }
      case 'test': {
        const { parent, key } = locate(root, tokens, 'test', path);
        const got = getAt(parent, key);
        if (got === undefined && Array.isArray(parent)) throw failed(`Unable to access invalid index: ${key}: invalid index referenced`);
        if (got === undefined ? value !== null : !jsonEqual(got, value)) throw failed(`testing value ${path} failed: test failed`);
        break;
      }
    }
  }
  return root;
}

// ---- strategic merge patch -------------------------------------------------------------------------

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
const SET_ELEMENT_ORDER = '$setElementOrder';

const internal = (message: string): PatchError => new PatchError(message, 'Internal');
const badRequest = (message: string): PatchError => new PatchError(message, 'BadRequest');
const errNoMergeKey = (m: JsonMap, key: string) => internal(`map: ${goSprintV(m)} does not contain declared merge key: ${key}`);
const errBadPatchType = (t: Json, m: JsonMap) => internal(`unknown patch type: ${goSprintV(t)} in map: ${goSprintV(m)}`);
const ERR_PRIMITIVE_LIST = 'invalid patch format of primitive list';
const ERR_RETAIN_KEYS = 'invalid patch format of retainKeys';
const ERR_SET_ELEMENT_ORDER = 'invalid patch format of setElementOrder list';

/**
 * Where a strategic merge patch is: a Go type name of core's API_TYPES (`DaemonSet`, `PodSpec`,
 * `map[string]string`, …), or undefined below an object the schema does not describe (a kind dsim
 * stores without its Go types), where every list is replaced, as a field without patch strategy.
 */
type Schema = string | undefined;

export interface FieldMeta {
  readonly type: Schema;
  readonly strategy?: 'merge';
  readonly key?: string;
  /** `patchStrategy:"…retainKeys"`: a patch made from a diff lists the keys to keep (RETAIN_KEYS_FIELDS). */
  readonly retainKeys?: boolean;
}

/**
 * apimachinery's MergeOptions: the API server merges a patch into an object (parallel lists
 * applied, unmatched nulls dropped); kubectl's CreateThreeWayMergePatch merges two patches into
 * one (the directives and the nulls kept, to be sent).
 */
export interface MergeOptions {
  readonly mergeParallelList: boolean;
  readonly ignoreUnmatchedNulls: boolean;
}

const SERVER: MergeOptions = { mergeParallelList: true, ignoreUnmatchedNulls: true };

/** The Go types a strategic merge patch walks, by name, with each field's JSON name and type. */
export type ApiTypes = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** apimachinery's LookupPatchMetadataForStruct/ForSlice over the Go types. */
export function lookup(types: ApiTypes, schema: Schema, key: string): FieldMeta {
  if (schema === undefined) return { type: undefined };
  if (schema.startsWith('map[string]')) return { type: schema.slice('map[string]'.length) };
  const struct = types[schema];
  if (struct === undefined) throw internal(`merging an object in json but data type is not map or struct, instead is: ${schema}`);
  const t = struct[key];
  if (t === undefined) throw internal(`unable to find api field in struct ${schema} for the json field ${JSON.stringify(key)}`);
  const meta = PATCH_STRATEGIES[`${schema}.${key}`];
  return { type: t.startsWith('[]') ? t.slice(2) : t, ...(meta ?? {}), ...(RETAIN_KEYS_FIELDS.has(`${schema}.${key}`) ? { retainKeys: true } : {}) };
}

/** Go's == on two interface values holding decoded JSON: scalars by value, maps and slices never (they panic in Go; never reached). */
const goEqual = (a: Json | undefined, b: Json | undefined): boolean => a === b;

/** A value's Go type, as reflect.TypeOf tells decoded JSON apart. */
function goTypeOf(v: Json): string {
  if (v === null) return 'nil';
  if (Array.isArray(v)) return 'slice';
  if (typeof v === 'object') return 'map';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return typeof v;
}

function discardNullValuesFromPatch(v: Json): void {
  if (Array.isArray(v)) for (const e of v) discardNullValuesFromPatch(e);
  else if (isMap(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else discardNullValuesFromPatch(v[k]!);
    }
  }
}

/** The value without `$patch` directives, and whether to keep it at all (a map that is one goes). */
function removeDirectives(v: Json): { value: Json; keep: boolean } {
  if (isMap(v)) {
    if (DIRECTIVE in v) return { value: null, keep: false };
    for (const k of Object.keys(v)) {
      const r = removeDirectives(v[k]!);
      if (r.keep) v[k] = r.value;
      else delete v[k];
    }
    return { value: v, keep: true };
  }
  if (Array.isArray(v)) {
    const out: Json[] = [];
    for (const e of v) {
      const r = removeDirectives(e);
      if (r.keep) out.push(r.value);
    }
    return { value: out, keep: true };
  }
  return { value: v, keep: true };
}

function handleDirectiveInMergeMap(directive: Json, patch: JsonMap): JsonMap {
  if (directive === 'replace') {
    delete patch[DIRECTIVE];
    return patch;
  }
  if (directive === 'delete') return {};
  throw errBadPatchType(directive, patch);
}

function applyRetainKeysDirective(original: JsonMap, patch: JsonMap, opts: MergeOptions): void {
  if (!(RETAIN_KEYS in patch)) return;
  const list = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!opts.mergeParallelList) {
    // Two patches merged: the directive must say the same in both, or is taken from the second.
    if (!(RETAIN_KEYS in original)) original[RETAIN_KEYS] = list!;
    else if (!jsonEqual(original[RETAIN_KEYS], list)) {
      throw internal(`${goSprintV(original[RETAIN_KEYS]!)} and ${goSprintV(list!)} are not deep equal: this may happen when calculating the 3-way diff patch`);
    }
    return;
  }
  if (!Array.isArray(list)) throw badRequest(ERR_RETAIN_KEYS);
  const keep = new Set(list);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keep.has(k)) throw badRequest(ERR_RETAIN_KEYS);
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

function extractKey(s: string, prefix: string): string {
  const i = s.indexOf('/');
  if (i < 0 || s.slice(0, i) !== prefix) throw badRequest(prefix === DELETE_FROM_PRIMITIVE_LIST ? ERR_PRIMITIVE_LIST : ERR_SET_ELEMENT_ORDER);
  return s.slice(i + 1);
}

/** Go's %v of a slice of decoded JSON. */
const sprintList = (l: readonly Json[]): string => goSprintV(l as Json);

function mergeKeyValueEqual(left: Json, right: Json, mergeKey: string): boolean {
  if (mergeKey === '') return goEqual(left, right);
  if (!isMap(left) || !isMap(right)) throw internal(`expected a map[string]interface {}, but received a ${goTypeOf(isMap(left) ? right : left)}`);
  if (!(mergeKey in left)) throw errNoMergeKey(left, mergeKey);
  if (!(mergeKey in right)) throw errNoMergeKey(right, mergeKey);
  return goEqual(left[mergeKey], right[mergeKey]);
}

function extractToDeleteItems(l: readonly Json[]): { keep: Json[]; toDelete: Json[] } {
  const keep: Json[] = [];
  const toDelete: Json[] = [];
  for (const v of l) {
    if (!isMap(v)) throw internal(`expected a map[string]interface {}, but received a ${goTypeOf(v)}`);
    if (v[DIRECTIVE] === 'delete') toDelete.push(v);
    else keep.push(v);
  }
  return { keep, toDelete };
}

function validatePatchWithSetOrderList(patchList: Json | undefined, setOrderList: Json[], mergeKey: string): void {
  if (patchList === undefined) return;
  if (!Array.isArray(patchList)) throw badRequest(ERR_SET_ELEMENT_ORDER);
  if (setOrderList.length === 0 || patchList.length === 0) return;
  const nonDelete = mergeKey !== '' ? extractToDeleteItems(patchList).keep : patchList;
  let p = 0;
  let s = 0;
  while (p < nonDelete.length && s < setOrderList.length) {
    if (isMap(nonDelete[p]!) && DIRECTIVE in (nonDelete[p] as JsonMap)) {
      p++;
      continue;
    }
    if (mergeKeyValueEqual(nonDelete[p]!, setOrderList[s]!, mergeKey)) p++;
    s++;
  }
  if (p < nonDelete.length && s >= setOrderList.length) {
    throw internal(`the order in patch list:\n${sprintList(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${sprintList(setOrderList)}`);
  }
}

/** The elements' common kind ('map' or a scalar's), as sliceElementType checks it. */
function sliceElementKind(...slices: (readonly Json[])[]): string {
  let prev: string | undefined;
  for (const s of slices) {
    for (const v of s) {
      const t = goTypeOf(v);
      if (prev === undefined) {
        prev = t;
        // The API server answers this one with its bare 422 (interpretStrategicMergePatchError).
        if (t === 'slice') throw new PatchError('lists of lists are not supported', 'Invalid');
      } else if (prev !== t) throw internal(`list element types are not identical: ${goSprintV(slices as Json)}`);
    }
  }
  if (prev === undefined) throw internal('no elements in any of the given slices');
  return prev;
}

function indexIn(l: readonly Json[], v: Json, mergeKey: string, kind: string): number {
  const val = (x: Json): Json | undefined => (kind === 'map' ? (isMap(x) ? x[mergeKey] : undefined) : x);
  const want = val(v);
  return l.findIndex((x) => goEqual(val(x), want));
}

/** Go's sort.SliceStable (its insertion sort: lists here are short) with normalizeSliceOrder's less. */
function normalizeSliceOrder(toSort: Json[], order: readonly Json[], mergeKey: string, kind: string): Json[] {
  let toDelete: Json[] = [];
  if (kind === 'map') {
    for (const list of [toSort, order]) for (const item of list) if (!isMap(item) || !(mergeKey in item)) throw errNoMergeKey(isMap(item) ? item : {}, mergeKey);
    const split = extractToDeleteItems(toSort);
    toSort = split.keep;
    toDelete = split.toDelete;
  }
  const less = (a: Json, b: Json): boolean => {
    const ia = indexIn(order, a, mergeKey, kind);
    if (ia >= 0) {
      const ib = indexIn(order, b, mergeKey, kind);
      if (ib >= 0) return ia < ib;
    }
    return true;
  };
  const s = [...toSort];
  for (let i = 1; i < s.length; i++) {
    for (let j = i; j > 0 && less(s[j]!, s[j - 1]!); j--) [s[j], s[j - 1]] = [s[j - 1]!, s[j]!];
  }
  return [...s, ...toDelete];
}

/** mergeSortedSlice: server-only items (left) woven into the patch's (right) by the live order. */
function mergeSortedSlice(left: readonly Json[], right: readonly Json[], serverOrder: readonly Json[], mergeKey: string, kind: string): Json[] {
  const out: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]!);
    else if (j >= right.length) out.push(left[i++]!);
    else {
      const li = indexIn(serverOrder, left[i]!, mergeKey, kind);
      const ri = indexIn(serverOrder, right[j]!, mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]!);
      else out.push(right[j++]!);
    }
  }
  return out;
}

function normalizeElementOrder(patch: Json[], serverOnly: Json[], patchOrder: readonly Json[], serverOrder: readonly Json[], mergeKey: string, kind: string): Json[] {
  return mergeSortedSlice(normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind), normalizeSliceOrder(patch, patchOrder, mergeKey, kind), serverOrder, mergeKey, kind);
}

function partition(merged: readonly Json[], by: readonly Json[], mergeKey: string): { inPatch: Json[]; serverOnly: Json[] } {
  const inPatch: Json[] = [];
  const serverOnly: Json[] = [];
  for (const v of merged) {
    let found: boolean;
    if (mergeKey === '') found = by.some((b) => goEqual(b, v));
    else {
      if (!isMap(v)) throw internal(`expected a map[string]interface {}, but received a ${goTypeOf(v)}`);
      if (!(mergeKey in v)) throw errNoMergeKey(v, mergeKey);
      found = findByKey(by, mergeKey, v[mergeKey]!) >= 0;
    }
    (found ? inPatch : serverOnly).push(v);
  }
  return { inPatch, serverOnly };
}

function findByKey(l: readonly Json[], key: string, value: Json): number {
  for (let k = 0; k < l.length; k++) {
    const v = l[k]!;
    if (!isMap(v)) throw internal(`value for key ${k} is not a map`);
    if (key in v && goEqual(v[key], value)) return k;
  }
  return -1;
}

/** Go's "clever" deduplication, which moves the last element into each duplicate's place. */
function deduplicateScalars(s: Json[]): Json[] {
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (goEqual(s[i], s[j])) {
        s[j] = s[length]!;
        s = s.slice(0, length);
        length--;
        j--;
      }
    }
  }
  return s;
}

function mergeSlice(types: ApiTypes, original: Json[], patch: Json[], schema: Schema, mergeKey: string, isDeleteList: boolean, opts: MergeOptions): Json[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementKind(original, patch);
  let merged: Json[];
  if (kind !== 'map') {
    if (isDeleteList) return original.filter((v) => !patch.some((d) => goEqual(d, v)));
    merged = deduplicateScalars([...original, ...patch]);
  } else {
    if (mergeKey === '') throw internal(`cannot merge lists without merge key for ${schema ?? ''}`);
    // Special elements first: `$patch: delete` removes by key, `$patch: replace` takes the list as given.
    const plain: Json[] = [];
    let replace = false;
    for (const v of patch as JsonMap[]) {
      if (!(DIRECTIVE in v)) plain.push(v);
      else if (v[DIRECTIVE] === 'delete') {
        if (!(mergeKey in v)) throw errNoMergeKey(v, mergeKey);
        original = original.filter((o) => !(isMap(o) && mergeKey in o && goEqual(o[mergeKey], v[mergeKey])));
      } else if (v[DIRECTIVE] === 'replace') replace = true;
      else if (v[DIRECTIVE] === 'merge') throw internal('merging lists cannot yet be specified in the patch');
      else throw errBadPatchType(v[DIRECTIVE]!, v);
    }
    if (replace) {
      original = plain;
      patch = [];
    } else patch = plain;
    merged = [...original];
    for (const v of patch as JsonMap[]) {
      if (!(mergeKey in v)) throw errNoMergeKey(v, mergeKey);
      const at = findByKey(merged, mergeKey, v[mergeKey]!);
      if (at >= 0) merged[at] = mergeMap(types, merged[at] as JsonMap, v, schema, opts);
      else merged.push(v);
    }
  }
  const { inPatch, serverOnly } = partition(merged, patch, kind === 'map' ? mergeKey : '');
  return normalizeElementOrder(inPatch, serverOnly, patch, original, kind === 'map' ? mergeKey : '', kind);
}

function mergeSliceHandler(types: ApiTypes, original: Json[], patch: Json[], meta: FieldMeta, isDeleteList: boolean, opts: MergeOptions): Json[] {
  if (meta.strategy === 'merge' || isDeleteList) return mergeSlice(types, original, patch, meta.type, meta.key ?? '', isDeleteList, opts);
  return patch;
}

/** `$setElementOrder/field`: the lists it names merged and put in its order (mergePatchIntoOriginal). */
function mergePatchIntoOriginal(types: ApiTypes, original: JsonMap, patch: JsonMap, schema: Schema, opts: MergeOptions): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[key]!;
    delete patch[key];
    if (!opts.mergeParallelList) {
      // Two patches merged: the order list goes into the result, the same in both if both have it.
      if (!(key in original)) original[key] = order;
      else if (!jsonEqual(original[key], order)) throw badRequest(ERR_SET_ELEMENT_ORDER);
    }
    if (!Array.isArray(order)) throw internal(`expected a []interface {}, but received a ${goTypeOf(order)}`);
    const field = extractKey(key, SET_ELEMENT_ORDER);
    const originalList = original[field];
    const patchList = patch[field];
    if (originalList !== undefined && !Array.isArray(originalList)) throw internal(`expected a []interface {}, but received a ${goTypeOf(originalList)}`);
    if (patchList !== undefined && !Array.isArray(patchList)) throw internal(`expected a []interface {}, but received a ${goTypeOf(patchList)}`);
    const meta = lookup(types, schema, field);
    const mergeKey = meta.key ?? '';
    validatePatchWithSetOrderList(patchList, order, mergeKey);
    let merged: Json[];
    if (originalList !== undefined && patchList === undefined) merged = originalList;
    else if (originalList === undefined && patchList !== undefined) merged = removeDirectives(patchList).value as Json[];
    else if (originalList !== undefined && patchList !== undefined) merged = mergeSliceHandler(types, originalList, patchList, meta, false, opts);
    else continue;
    const { inPatch, serverOnly } = partition(merged, order, mergeKey);
    const kind = sliceElementKind(originalList ?? [], patchList ?? []);
    original[field] = normalizeElementOrder(inPatch, serverOnly, order, originalList ?? [], mergeKey, kind);
    delete patch[field];
  }
}

function mergeMap(types: ApiTypes, original: JsonMap | null, patch: JsonMap, schema: Schema, opts: MergeOptions): JsonMap {
  if (DIRECTIVE in patch) return handleDirectiveInMergeMap(patch[DIRECTIVE]!, patch);
  const out = original ?? {};
  applyRetainKeysDirective(out, patch, opts);
  mergePatchIntoOriginal(types, out, patch, schema, opts);
  for (const [rawKey, patchV] of Object.entries(patch)) {
    let k = rawKey;
    let isDeleteList = false;
    if (rawKey.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      if (!opts.mergeParallelList) {
        out[rawKey] = patchV;
        continue;
      }
      k = extractKey(rawKey, DELETE_FROM_PRIMITIVE_LIST);
      isDeleteList = true;
    }
    if (patchV === null) {
      delete out[k];
      if (opts.ignoreUnmatchedNulls) continue;
    }
    const cur = out[k];
    if (!opts.ignoreUnmatchedNulls && (cur === undefined || goTypeOf(cur) !== goTypeOf(patchV))) {
      // Merging two patches: the second's value as it is, its nulls (deletions to send) kept.
      out[k] = patchV;
      continue;
    }
    if (cur === undefined || goTypeOf(cur) !== goTypeOf(patchV)) {
      if (!isDeleteList) {
        discardNullValuesFromPatch(patchV);
        const r = removeDirectives(patchV);
        if (r.keep) out[k] = r.value;
        else delete out[k];
      }
      continue;
    }
    if (isMap(cur)) {
      const meta = lookup(types, schema, k);
      out[k] = mergeMap(types, cur, patchV as JsonMap, meta.type, opts);
    } else if (Array.isArray(cur)) {
      const meta = lookup(types, schema, k);
      out[k] = mergeSliceHandler(types, cur, patchV as Json[], meta, isDeleteList, opts);
    } else {
      const r = removeDirectives(patchV);
      if (r.keep) out[k] = r.value;
      else delete out[k];
    }
  }
  return out;
}

/**
 * Applies a strategic merge patch to an object of Go type `kind` (a root of `types`; undefined for
 * a kind without Go types, where every list is replaced), as the API server's
 * StrategicMergeMapPatch does: maps merge, null deletes, lists merge by their patchMergeKey where
 * the field's patch strategy says so (PATCH_STRATEGIES) and are replaced elsewhere; the directives
 * `$patch: replace|delete` (and `merge` in a list, refused), `$retainKeys`,
 * `$deleteFromPrimitiveList/FIELD` and `$setElementOrder/FIELD` are honoured.
 */
export function strategicMergePatch(types: ApiTypes, original: JsonMap, patch: JsonMap, kind: string | undefined): JsonMap {
  return mergeMap(types, clone(original), clone(patch), kind, SERVER);
}

/**
 * Merges a second patch into a first, as CreateThreeWayMergePatch merges its additions and changes
 * into its deletions (mergeMap with MergeOptions{}): directives and nulls are kept, to be sent.
 */
export function mergeStrategicPatches(types: ApiTypes, first: JsonMap, second: JsonMap, kind: string | undefined): JsonMap {
  return mergeMap(types, clone(first), clone(second), kind, { mergeParallelList: false, ignoreUnmatchedNulls: false });
}

/** Deep equality of decoded JSON values (for "patched (no change)"). */
export { jsonEqual };

/** The pieces of the strategic merge patch that threeWayMerge.ts's diff shares with the merge. */
export { isMap, goTypeOf, sliceElementKind, normalizeSliceOrder, mergeKeyValueEqual, deduplicateScalars, errNoMergeKey, internal };

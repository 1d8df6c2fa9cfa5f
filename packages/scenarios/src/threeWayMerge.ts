// The patch `kubectl apply` (client-side, its default) sends for an object that exists: a three-way
// patch from the configuration it last applied (the last-applied-configuration annotation), the
// new manifest, and the live object. Fields the manifest dropped since the last apply are deleted;
// fields only others set (`patch`, `label`, a controller) are kept.
//
// - Kinds with Go types: apimachinery's strategicpatch.CreateThreeWayMergePatch (diffMaps,
//   diffLists by merge key, `$setElementOrder/…`, `$deleteFromPrimitiveList/…`, `$retainKeys`,
//   `$patch: delete`), over the patch metadata of patchStrategies.ts; the patch is then applied
//   as the API server applies any strategic merge patch (patch.ts).
// - Kinds without (CRDs): jsonmergepatch.CreateThreeWayJSONMergePatch, a JSON merge patch.
// Pure: values in, values out.

import { compareGoStrings } from '@dsim/core';
import {
  deduplicateScalars,
  errNoMergeKey,
  goTypeOf,
  internal,
  isMap,
  jsonEqual,
  jsonMergePatch,
  lookup,
  mergeKeyValueEqual,
  mergeStrategicPatches,
  normalizeSliceOrder,
  PatchError,
  sliceElementKind,
  type ApiTypes,
  type FieldMeta,
  type Json,
} from './patch.ts';
import { goJsonCompact } from './print/json.ts';
import { goSprintV } from './print/jsonpath.ts';

type JsonMap = { [key: string]: Json };

/** The annotation kubectl's apply keeps the applied manifest in (corev1.LastAppliedConfigAnnotation). */
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * The configuration kubectl sends as "modified", util.GetModifiedConfiguration(obj, annotate): the
 * object without the last-applied-configuration annotation (its `annotations` then present, if
 * empty) and, with `annotate` (apply; not diff), with the annotation set to that object encoded as
 * Go's json.Marshal of the unstructured object does (compact, keys sorted, HTML-safe escapes), with
 * json.Encoder's trailing newline.
 */
export function modifiedConfiguration(obj: JsonMap, annotate: boolean): JsonMap {
  const metadata = isMap(obj.metadata) ? obj.metadata : {};
  const annotations: JsonMap = { ...(isMap(metadata.annotations) ? metadata.annotations : {}) };
  delete annotations[LAST_APPLIED];
  const bare = { ...obj, metadata: { ...metadata, annotations } };
  if (!annotate) return bare;
  return { ...obj, metadata: { ...metadata, annotations: { ...annotations, [LAST_APPLIED]: `${goJsonCompact(bare)}\n` } } };
}

/** The last-applied configuration an object carries, undefined when it has none. */
export function lastAppliedOf(obj: JsonMap): string | undefined {
  const metadata = obj.metadata;
  const annotations = isMap(metadata) ? metadata.annotations : undefined;
  const v = isMap(annotations) ? annotations[LAST_APPLIED] : undefined;
  return typeof v === 'string' ? v : undefined;
}

// ---- strategic merge patch: diffMaps and diffLists (strategicpatch/patch.go) -----------------------

interface DiffOptions {
  readonly setElementOrder?: boolean;
  readonly ignoreChangesAndAdditions?: boolean;
  readonly ignoreDeletions?: boolean;
  readonly buildRetainKeysDirective?: boolean;
}

const DIRECTIVE = '$patch';

/**
 * The patch metadata of a field. A field the Go type lacks (only a manifest apply refuses later,
 * under --validate=strict) has none: its lists are replaced, its maps diffed key by key.
 */
function metaOf(types: ApiTypes, schema: string | undefined, key: string): FieldMeta {
  try {
    return lookup(types, schema, key);
  } catch (e) {
    if (e instanceof PatchError) return { type: undefined };
    throw e;
  }
}

/** Go's sort.Sort of scalars by their %v text (sortScalars). */
function sortScalars(s: readonly Json[]): Json[] {
  return [...s].sort((a, b) => compareGoStrings(goSprintV(a), goSprintV(b)));
}

function diffMaps(types: ApiTypes, original: JsonMap, modified: JsonMap, schema: string | undefined, opts: DiffOptions): JsonMap {
  const patch: JsonMap = {};
  const retainKeys: Json[] = [];
  for (const [key, modifiedValue] of Object.entries(modified)) {
    if (opts.buildRetainKeysDirective && modifiedValue !== null) retainKeys.push(key);
    if (!(key in original)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    const originalValue = original[key]!;
    if (key === DIRECTIVE) {
      if (typeof originalValue !== 'string' || typeof modifiedValue !== 'string') throw internal(`invalid value for special key: ${DIRECTIVE}`);
      if (modifiedValue !== originalValue) patch[key] = modifiedValue;
      continue;
    }
    if (goTypeOf(originalValue) !== goTypeOf(modifiedValue)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    if (isMap(originalValue)) handleMapDiff(types, key, originalValue, modifiedValue as JsonMap, patch, schema, opts);
    else if (Array.isArray(originalValue)) handleSliceDiff(types, key, originalValue, modifiedValue as Json[], patch, schema, opts);
    else replacePatchFieldIfNotEqual(key, originalValue, modifiedValue, patch, opts);
  }
  if (!opts.ignoreDeletions) for (const key of Object.keys(original)) if (!(key in modified)) patch[key] = null;
  if (retainKeys.length > 0 && (Object.keys(patch).length > 0 || hasAdditionalNewField(original, modified))) patch.$retainKeys = sortScalars(retainKeys);
  return patch;
}

function hasAdditionalNewField(original: JsonMap, modified: JsonMap): boolean {
  return Object.entries(original).some(([k, v]) => v !== null && !(k in modified));
}

function replacePatchFieldIfNotEqual(key: string, original: Json, modified: Json, patch: JsonMap, opts: DiffOptions): void {
  if (opts.ignoreChangesAndAdditions || jsonEqual(original, modified)) return;
  patch[key] = modified;
}

function handleMapDiff(types: ApiTypes, key: string, original: JsonMap, modified: JsonMap, patch: JsonMap, schema: string | undefined, opts: DiffOptions): void {
  const meta = metaOf(types, schema, key);
  const value = diffMaps(types, original, modified, meta.type, { ...opts, buildRetainKeysDirective: meta.retainKeys === true });
  if (Object.keys(value).length > 0) patch[key] = value;
}

function handleSliceDiff(types: ApiTypes, key: string, original: Json[], modified: Json[], patch: JsonMap, schema: string | undefined, opts: DiffOptions): void {
  const meta = metaOf(types, schema, key);
  if (meta.strategy !== 'merge') return replacePatchFieldIfNotEqual(key, original, modified, patch, opts);
  const { add, remove, order } = diffLists(types, original, modified, meta.type, meta.key ?? '', { ...opts, buildRetainKeysDirective: meta.retainKeys === true });
  if (add.length > 0) patch[key] = add;
  if (remove.length > 0) patch[`$deleteFromPrimitiveList/${key}`] = remove;
  if (order.length > 0) patch[`$setElementOrder/${key}`] = order;
}

/** A merged list's patch: changes and additions (then deletions, for maps), scalars to delete, and the order to keep. */
function diffLists(types: ApiTypes, original: Json[], modified: Json[], schema: string | undefined, mergeKey: string, opts: DiffOptions): { add: Json[]; remove: Json[]; order: Json[] } {
  if (original.length === 0) {
    if (modified.length === 0 || opts.ignoreChangesAndAdditions) return { add: [], remove: [], order: [] };
    return { add: modified, remove: [], order: [] };
  }
  const kind = sliceElementKind(original, modified);
  if (kind === 'map') {
    const diff = diffListsOfMaps(types, original, modified, schema, mergeKey, opts);
    const add = [...normalizeSliceOrder(diff.changed, modified, mergeKey, kind), ...diff.deleted];
    const orderSame = original.length === modified.length && modified.every((m, i) => mergeKeyValueEqual(original[i]!, m, mergeKey));
    const wantOrder = opts.setElementOrder && ((!opts.ignoreChangesAndAdditions && (add.length > 0 || !orderSame)) || (!opts.ignoreDeletions && add.length > 0));
    return { add, remove: [], order: wantOrder ? modified.map((m) => ({ [mergeKey]: (m as JsonMap)[mergeKey] ?? null })) : [] };
  }
  const diff = diffListsOfScalars(original, modified, opts);
  const add = normalizeSliceOrder(diff.added, modified, mergeKey, kind);
  const wantOrder = opts.setElementOrder && ((!opts.ignoreDeletions && diff.deleted.length > 0) || (!opts.ignoreChangesAndAdditions && !jsonEqual(original, modified)));
  return { add, remove: diff.deleted, order: wantOrder ? modified : [] };
}

function diffListsOfScalars(original: Json[], modified: Json[], opts: DiffOptions): { added: Json[]; deleted: Json[] } {
  const o = sortScalars(original);
  const m = sortScalars(modified);
  const added: Json[] = [];
  const deleted: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < o.length || j < m.length) {
    const c = i < o.length && j < m.length ? compareGoStrings(goSprintV(o[i]!), goSprintV(m[j]!)) : i < o.length ? -1 : 1;
    if (c === 0) {
      i++;
      j++;
    } else if (c < 0) {
      if (!opts.ignoreDeletions) deleted.push(o[i]!);
      i++;
    } else {
      if (!opts.ignoreChangesAndAdditions) added.push(m[j]!);
      j++;
    }
  }
  return { added, deleted: deduplicateScalars(deleted) };
}

/** A list of maps sorted by the %v text of their merge key (sortMergeListsByNameArray without recursion). */
function sortByMergeKey(l: readonly Json[], mergeKey: string): Json[] {
  return [...l].sort((a, b) => compareGoStrings(goSprintV((a as JsonMap)[mergeKey] ?? null), goSprintV((b as JsonMap)[mergeKey] ?? null)));
}

function keyed(l: readonly Json[], k: number, mergeKey: string): { element: JsonMap; value: Json } {
  const element = l[k]!;
  if (!isMap(element)) throw internal(`expected a map[string]interface {}, but received a ${goTypeOf(element)}`);
  if (!(mergeKey in element)) throw errNoMergeKey(element, mergeKey);
  return { element, value: element[mergeKey]! };
}

function diffListsOfMaps(types: ApiTypes, original: Json[], modified: Json[], schema: string | undefined, mergeKey: string, opts: DiffOptions): { changed: Json[]; deleted: Json[] } {
  const o = sortByMergeKey(original, mergeKey);
  const m = sortByMergeKey(modified, mergeKey);
  const changed: Json[] = [];
  const deleted: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < o.length || j < m.length) {
    const left = i < o.length ? keyed(o, i, mergeKey) : undefined;
    const right = j < m.length ? keyed(m, j, mergeKey) : undefined;
    const c = left !== undefined && right !== undefined ? compareGoStrings(goSprintV(left.value), goSprintV(right.value)) : left !== undefined ? -1 : 1;
    if (c === 0) {
      const value = diffMaps(types, left!.element, right!.element, schema, opts);
      if (Object.keys(value).length > 0) changed.push({ ...value, [mergeKey]: right!.value });
      i++;
      j++;
    } else if (c > 0) {
      if (!opts.ignoreChangesAndAdditions) changed.push(right!.element);
      j++;
    } else {
      if (!opts.ignoreDeletions) deleted.push({ [mergeKey]: left!.value, [DIRECTIVE]: 'delete' });
      i++;
    }
  }
  return { changed, deleted };
}

/**
 * strategicpatch.CreateThreeWayMergePatch(original, modified, current, overwrite=true) over an
 * object of Go type `kind` (undefined: a kind without types, every list replaced): the changes
 * and additions from `current` to `modified`, merged into the deletions from `original` (the
 * last applied configuration, `{}` when there is none) to `modified`.
 */
export function threeWayStrategicPatch(types: ApiTypes, original: JsonMap, modified: JsonMap, current: JsonMap, kind: string | undefined): JsonMap {
  const delta = diffMaps(types, current, modified, kind, { ignoreDeletions: true, setElementOrder: true });
  const deletions = diffMaps(types, original, modified, kind, { setElementOrder: true, ignoreChangesAndAdditions: true });
  return mergeStrategicPatches(types, deletions, delta, kind);
}

// ---- JSON merge patch (jsonmergepatch.CreateThreeWayJSONMergePatch) -------------------------------

/** evanphx/json-patch's CreateMergePatch of two objects (getDiff): lists compared whole, deletions as null. */
function mergePatchDiff(a: JsonMap, b: JsonMap): JsonMap {
  const into: JsonMap = {};
  for (const [key, bv] of Object.entries(b)) {
    if (!(key in a)) {
      into[key] = bv;
      continue;
    }
    const av = a[key]!;
    if (isMap(av) && isMap(bv)) {
      const d = mergePatchDiff(av, bv);
      if (Object.keys(d).length > 0) into[key] = d;
    } else if (!jsonEqual(av, bv)) into[key] = bv;
  }
  for (const key of Object.keys(a)) if (!(key in b)) into[key] = null;
  return into;
}

/** keepOrDeleteNullInObj: only the deletions (keepNull) or only the rest; an explicit `{}` is a value. */
function keepOrDeleteNull(m: JsonMap, keepNull: boolean): JsonMap {
  const out: JsonMap = {};
  for (const [key, v] of Object.entries(m)) {
    if (v === null) {
      if (keepNull) out[key] = null;
    } else if (isMap(v)) {
      if (Object.keys(v).length === 0) {
        if (!keepNull) out[key] = v;
        continue;
      }
      const sub = keepOrDeleteNull(v, keepNull);
      if (Object.keys(sub).length > 0) out[key] = sub;
    } else if (!keepNull) out[key] = v;
  }
  return out;
}

/**
 * jsonmergepatch.CreateThreeWayJSONMergePatch: the additions and changes from `current` to
 * `modified`, merged over the deletions from `original` to `modified` (the two never conflict:
 * a key is either in `modified` or not).
 */
export function threeWayJsonMergePatch(original: JsonMap, modified: JsonMap, current: JsonMap): JsonMap {
  const addAndChange = keepOrDeleteNull(mergePatchDiff(current, modified), false);
  const deletions = keepOrDeleteNull(mergePatchDiff(original, modified), true);
  return jsonMergePatch(deletions, addAndChange);
}

// `dsim apply` as kubectl's client-side apply (its default; kubectl/pkg/cmd/apply): an object is
// stored with the manifest it was applied from in its last-applied-configuration annotation, and
// an apply to an object that exists sends the three-way patch threeWayMerge.ts computes, which the
// API server applies to the object as stored and saves as any update (the way commands/patch.ts
// goes). `create --save-config` stores the annotation too.

import { API_TYPES, type ClusterState, type FieldValidation, type KubeObject } from '@dsim/core';
import type { LoadedObject } from '../manifests.ts';
import { goJsonCompact } from '../print/json.ts';
import { goQuote } from '../print/jsonpath.ts';
import { jsonMergePatch, PatchError, strategicMergePatch, type Json } from '../patch.ts';
import { qualifiedKind, type ResourceType } from '../resources.ts';
import { UserError } from '../session.ts';
import { LAST_APPLIED, lastAppliedOf, modifiedConfiguration, threeWayJsonMergePatch, threeWayStrategicPatch } from '../threeWayMerge.ts';
import { getObject } from '../view.ts';
import { planOne, type Claimed, type Planned, type Verb } from './mutate.ts';
import { unstoredObjectError } from './objectRefs.ts';
import { asInput, asServerStores, goTypeOf, gvk, isBuiltin } from './patch.ts';

type JsonMap = { [key: string]: Json };

export interface ApplyOptions {
  /** `create --save-config`: a created object gets the annotation, as an applied one does. */
  readonly saveConfig?: boolean;
  /**
   * False for `diff`: kubectl's diff merges the manifest without the annotation (and creates a new
   * object without it), so its MERGED object keeps the live annotation; nor does it warn of a missing one.
   */
  readonly annotate?: boolean;
}

/**
 * What `apply` (or `create`) does with one object of a manifest, `obj` (its namespace set): a new
 * one is created with the annotation; one that exists gets the three-way patch from its
 * annotation (none: an empty original, and kubectl's warning), the manifest and the object as
 * `get -o json` shows it. An empty patch changes nothing ("unchanged"; kubectl sends nothing);
 * otherwise the patched object is planned as apply plans a manifest (planOne: validated, its
 * kind's update rules), and said "configured" even when the server then changes nothing.
 */
/**
 * What `replace` does with one object: kubectl PUTs the manifest as it is, so the stored object
 * becomes it (the server keeping what it owns: uid, creation time, status), its
 * last-applied-configuration annotation gone unless the manifest carries one (then brought up to
 * date, UpdateApplyAnnotation) or `--save-config` asks for it. "replaced" whatever changed.
 */
function planReplaced(
  state: ClusterState,
  o: LoadedObject,
  t: ResourceType,
  obj: KubeObject,
  validation: FieldValidation,
  warn: (line: string) => void,
  claimed: Claimed,
  options: ApplyOptions,
): Planned {
  const json = obj as unknown as JsonMap;
  const sent = options.saveConfig === true || lastAppliedOf(json) !== undefined ? (modifiedConfiguration(json, true) as unknown as KubeObject) : obj;
  const planned = planOne(state, o, t, sent, 'replace', validation, warn, claimed);
  return { ...planned, message: `${qualifiedKind(t)}/${obj.metadata?.name ?? ''} replaced` };
}

export function planApplied(
  state: ClusterState,
  o: LoadedObject,
  t: ResourceType,
  obj: KubeObject,
  verb: Verb,
  validation: FieldValidation,
  warn: (line: string) => void,
  claimed: Claimed,
  options: ApplyOptions,
): Planned {
  if (verb === 'replace') return planReplaced(state, o, t, obj, validation, warn, claimed, options);
  const annotate = options.annotate ?? true;
  const modified = modifiedConfiguration(obj as unknown as JsonMap, annotate);
  const created = (verb === 'apply' && annotate) || options.saveConfig === true ? (modified as unknown as KubeObject) : obj;
  if (verb === 'create') return planOne(state, o, t, created, verb, validation, warn, claimed);
  const name = obj.metadata?.name ?? '';
  const ns = t.namespaced ? obj.metadata?.namespace : undefined;
  const target = { type: t, ns, name };
  const live = getObject(state, t, ns, name) as unknown as JsonMap | undefined;
  // An object dsim shows but does not store (a namespace's default ServiceAccount) is created.
  if (live === undefined || unstoredObjectError(state, { type: t, namespace: ns, name }) !== undefined) {
    return planOne(state, o, t, created, verb, validation, warn, claimed);
  }
  const last = lastAppliedOf(live);
  if (last === undefined && annotate) {
    warn(missingAnnotationWarning(t.resource, name, 'dsim'));
  }
  const label = `${qualifiedKind(t)}/${name}`;
  let patched: JsonMap;
  try {
    const original = parseLastApplied(last);
    const root = goTypeOf(target);
    if (root !== undefined || isBuiltin(target)) {
      const patch = threeWayStrategicPatch(API_TYPES, original, modified, live, root);
      if (Object.keys(patch).length === 0) return { message: `${label} unchanged` };
      patched = strategicMergePatch(API_TYPES, live, patch, root);
    } else {
      const patch = threeWayJsonMergePatch(original, modified, live);
      if (Object.keys(patch).length === 0) return { message: `${label} unchanged` };
      patched = jsonMergePatch(live, patch);
    }
  } catch (e) {
    if (!(e instanceof PatchError)) throw e;
    // kubectl's words when it cannot make the patch: the three documents, its mapping, the file.
    const docs = `original:\n${last ?? ''}\nmodified:\n${goJsonCompact(modified)}\n\ncurrent:\n${goJsonCompact(live)}\n\n`;
    const resource = `${t.group}/${t.version}, Resource=${t.resource}`;
    throw new UserError(
      `error: error when applying patch:\n\nto:\nResource: ${goQuote(resource)}, GroupVersionKind: ${goQuote(gvk(target))}\nName: ${goQuote(name)}, Namespace: ${goQuote(ns ?? '')}\n` +
        `for: ${goQuote(o.source)}: error when patching ${goQuote(o.source)}: creating patch with:\n${docs}for:: ${e.message}`,
    );
  }
  const input = asInput(state, target, asServerStores(target, live, patched));
  // dsim's one exception to the status subresource: a Node's manifest sets its status (there is no
  // kubelet to report it), on a re-apply too, as it did before apply was three-way.
  if (t.group === '' && t.kind === 'Node' && (obj as { status?: unknown }).status !== undefined) input.status = (obj as unknown as JsonMap).status!;
  const planned = planOne(state, o, t, input as unknown as KubeObject, verb, validation, warn, claimed);
  // kubectl says "configured" for any patch it sent, whether or not the server then changed anything.
  return planned.message.endsWith(' unchanged') ? { ...planned, message: `${planned.message.slice(0, -' unchanged'.length)} configured` } : planned;
}

/**
 * kubectl's warningNoLastAppliedConfigAnnotation (kubectl/pkg/cmd/apply/apply.go) for an object
 * without the annotation: `resource/name` as info.ObjectName() has it, and the command's name.
 */
export function missingAnnotationWarning(resource: string, name: string, command: string): string {
  return (
    `Warning: resource ${resource}/${name} is missing the ${LAST_APPLIED} annotation which is required by ${command} apply. ` +
    `${command} apply should only be used on resources created declaratively by either ${command} create --save-config or ${command} apply. ` +
    'The missing annotation will be patched automatically.'
  );
}

/** The annotation's configuration; an empty one when there is none (or, as Go's decoder fails on it, not JSON). */
function parseLastApplied(text: string | undefined): JsonMap {
  if (text === undefined || text === '') return {};
  try {
    const v = JSON.parse(text) as Json;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v;
  } catch {
    // fall through
  }
  throw new PatchError('invalid JSON document', 'BadRequest');
}

// The objects a command that edits metadata names (`annotate`, `label`), found as kubectl's resource builder
// finds them, and read and written for every kind dsim keeps: each kind records its change as the
// fact the log already has for it. Reads the state; records nothing itself.

import { statSync } from 'node:fs';
import {
  daemonSetObject,
  events as ev,
  getNode,
  getPod,
  nodeObject,
  objectKey,
  podObject,
  revisionObject,
  type ClusterState,
  type KubeObject,
  type ObjectRecord,
  type PendingEvent,
} from '@dsim/core';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { boolFlag, flag, listFlag } from '../args.ts';
import type { Context } from '../cli.ts';
import { loadManifests } from '../manifests.ts';
import { goQuote } from '../print/jsonpath.ts';
import { typeOfObject, unmappedKind, type ResourceType } from '../resources.ts';
import { selectorMatchesLabels } from '../selector.ts';
import { UserError } from '../session.ts';
import { getObject, listObjects } from '../view.ts';
import { filesWithArgumentsError, filterBySelectors, hasSelector, manifestNamespace, namespaceOf, resolveRequests, selectorOfArgs, storedTypes } from './read.ts';

/** kubectl's resource builder's error when a command is given no resource arguments and no -f. */
export const MISSING_RESOURCES_ERROR =
  "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

/** One object by type, namespace (undefined for a cluster-scoped type) and name. */
export interface ObjectRef {
  readonly type: ResourceType;
  readonly namespace: string | undefined;
  readonly name: string;
  /**
   * Found by listing (a selector or --all), not named: kubectl's builder then holds the object as
   * listed, where it looks a named one up only when it visits it.
   */
  readonly listed?: boolean;
}

/** The objects a command names, in kubectl's visiting order, and whether one object was implied. */
export interface NamedObjects {
  readonly refs: readonly ObjectRef[];
  /**
   * The builder's singleItemImplied: one `TYPE NAME`, one `TYPE/NAME`, or one file (not a
   * directory, not stdin). kubectl then lists annotations without a header, and allows --resource-version.
   */
  readonly singleItemImplied: boolean;
}

/**
 * What `-f FILE`, `TYPE NAME…`, `TYPE/NAME…` or `TYPE (-l SEL | --field-selector SEL | --all)`,
 * with `-n` or `-A`, name: as kubectl's resource builder (ResourceTypeOrNameArgs with --all as an
 * empty selector, FilenameParam, LabelSelectorParam, FieldSelectorParam) resolves them, with its
 * errors. Named objects are not looked up here: one that does not exist is the visitor's NotFound,
 * reported in its turn (kubectl's ContinueOnError).
 */
export function namedObjects(ctx: Context, state: ClusterState, resources: readonly string[], all: boolean): NamedObjects {
  const files = listFlag(ctx.args, 'filename');
  if (files.length > 0) {
    if (resources.length > 0) throw filesWithArgumentsError(resources);
    // Objects from files are filtered by the builder itself, by their labels in the file.
    const selector = selectorOfArgs(ctx.args);
    const refs: ObjectRef[] = [];
    for (const f of files) {
      for (const o of loadManifests(f, { readStdin: ctx.io.readStdin, recursive: boolFlag(ctx.args, 'recursive') })) {
        const meta = (o.object.metadata ?? {}) as { name?: string; namespace?: string; labels?: Record<string, string> };
        const unmapped = unmappedKind(o.object.apiVersion, o.object.kind, meta.name ?? '', meta.namespace, o.source);
        if (unmapped !== undefined) throw new UserError(unmapped);
        if (selector !== undefined && !selectorMatchesLabels(selector, meta.labels)) continue;
        const type = typeOfObject(o.object.apiVersion, o.object.kind);
        refs.push({ type, namespace: manifestNamespace(type, o.object, flag(ctx.args, 'namespace')), name: meta.name ?? '' });
      }
    }
    return { refs, singleItemImplied: filesImplySingleItem(files) };
  }
  const allNamespaces = boolFlag(ctx.args, 'all-namespaces');
  const selected = hasSelector(ctx.args);
  const requests = resolveRequests(resources, storedTypes(state), { allNamespaces, selector: selected });
  const ns = namespaceOf(ctx);
  const refs: ObjectRef[] = [];
  for (const r of requests) {
    if (r.type.resource === 'events' && r.type.group === '') {
      throw new UserError("error: dsim derives events from the log's facts and keeps none to change");
    }
    const namespace = r.type.namespaced ? ns : undefined;
    // --all is an empty selector, which only a bare type takes (names and TYPE/NAME ignore it).
    if (r.names.length > 0) for (const name of r.names) refs.push({ type: r.type, namespace, name });
    else if (selected || all) {
      const listed = listObjects(state, r.type, r.type.namespaced && !allNamespaces ? ns : undefined);
      for (const o of filterBySelectors(r.type, listed, ctx.args)) {
        refs.push({ type: r.type, namespace: r.type.namespaced ? o.metadata?.namespace : undefined, name: o.metadata?.name ?? '', listed: true });
      }
    } else throw new UserError('error: resource(s) were provided, but no name was specified');
  }
  return { refs, singleItemImplied: requests.length === 1 && requests[0]!.names.length === 1 };
}

/** The objects the -f files hold, as they hold them (--local), each with its reference. */
export function* localObjects(ctx: Context, files: readonly string[]): Generator<{ ref: ObjectRef; object: KubeObject }> {
  for (const f of files) {
    for (const o of loadManifests(f, { readStdin: ctx.io.readStdin, recursive: boolFlag(ctx.args, 'recursive') })) {
      const object = o.object as unknown as KubeObject;
      yield { ref: { type: typeOfObject(o.object.apiVersion, o.object.kind), namespace: object.metadata?.namespace, name: object.metadata?.name ?? '' }, object };
    }
  }
}

/** The builder's singleItemImplied for -f: one file, not a directory, not stdin. */
export function filesImplySingleItem(files: readonly string[]): boolean {
  if (files.length !== 1 || files[0] === '-') return false;
  try {
    return !statSync(files[0]!).isDirectory();
  } catch {
    return true;
  }
}

/** The object as the API server returns it now (as `get -o yaml` shows it), or undefined when there is none. */
export function apiObject(state: ClusterState, ref: ObjectRef): KubeObject | undefined {
  const { type: t, namespace: ns, name } = ref;
  // The simulated kinds are looked up directly: `annotate pods --all` on a large cluster then
  // reads each pod once rather than listing them all for each.
  if (t.group === '' && t.resource === 'pods') {
    const p = getPod(state, ns!, name);
    return p === undefined ? undefined : (podObject(state, p) as KubeObject);
  }
  if (t.group === '' && t.resource === 'nodes') {
    const n = getNode(state, name);
    return n === undefined ? undefined : (nodeObject(n, state.now) as KubeObject);
  }
  if (t.group === 'apps' && t.resource === 'daemonsets') {
    const d = state.daemonSets.get(objectKey(ns!, name));
    return d === undefined ? undefined : (daemonSetObject(d) as KubeObject);
  }
  if (t.group === 'apps' && t.resource === 'controllerrevisions') {
    const r = state.revisions.get(objectKey(ns!, name));
    return r === undefined ? undefined : (revisionObject(state, r) as unknown as KubeObject);
  }
  return getObject(state, t, ns, name);
}

/** The stored record of an object of a kind dsim does not simulate. */
function storedRecord(state: ClusterState, ref: ObjectRef): ObjectRecord | undefined {
  for (const rec of state.objects.values()) {
    const m = rec.object.metadata;
    if (m?.name !== ref.name || m.namespace !== ref.namespace) continue;
    const t = typeOfObject(rec.object.apiVersion ?? '', rec.object.kind ?? '');
    if (t.kind === ref.type.kind && t.group === ref.type.group) return rec;
  }
  return undefined;
}

/**
 * The fact that records an object's new annotations or labels (`values`, the whole set), for an
 * object `apiObject` found: the facts the log has for each kind (a DaemonSet re-applied with only
 * its metadata changed: no new generation, no rollout; a node updated; an object stored again),
 * and PodAnnotated, PodRelabeled or ControllerRevisionAnnotated for what the state keeps in parts.
 * A ControllerRevision's labels cannot be changed: check unchangeableLabelsError first.
 */
export function metadataEvent(state: ClusterState, ref: ObjectRef, field: 'annotations' | 'labels', values: Readonly<Record<string, string>>): PendingEvent {
  const { type: t, namespace: ns, name } = ref;
  const withValues = <T extends { readonly metadata?: ObjectMeta }>(o: T): T => {
    const { [field]: _old, ...metadata } = o.metadata ?? {};
    return { ...o, metadata: Object.keys(values).length > 0 ? { ...metadata, [field]: { ...values } } : metadata };
  };
  if (t.group === '' && t.resource === 'pods') return field === 'labels' ? ev.podRelabeled({ namespace: ns!, name }, values) : ev.podAnnotated({ namespace: ns!, name }, values);
  if (t.group === '' && t.resource === 'nodes') return ev.nodeUpdated(withValues(getNode(state, name)!.node));
  if (t.group === 'apps' && t.resource === 'daemonsets') return ev.daemonSetApplied(withValues(state.daemonSets.get(objectKey(ns!, name))!.daemonSet));
  if (t.group === 'apps' && t.resource === 'controllerrevisions') {
    if (field === 'labels') throw new Error(`ControllerRevision ${ref.name}'s labels cannot be changed: check unchangeableLabelsError first`);
    return ev.controllerRevisionAnnotated({ namespace: ns!, name }, values);
  }
  const rec = storedRecord(state, ref);
  if (rec === undefined) throw new Error(`${ref.type.kind} ${ref.name} is not stored: check unstoredObjectError first`);
  return ev.objectApplied(withValues(rec.object));
}

/**
 * Why an object `apiObject` finds cannot be changed, if it cannot: a namespace's `default`
 * ServiceAccount is shown as the ServiceAccount controller makes it, but dsim does not store it
 * (storing it now would give it a new uid and creation time).
 */
export function unstoredObjectError(state: ClusterState, ref: ObjectRef): string | undefined {
  const t = ref.type;
  const simulated = (t.group === '' && ['pods', 'nodes'].includes(t.resource)) || (t.group === 'apps' && ['daemonsets', 'controllerrevisions'].includes(t.resource));
  if (simulated || storedRecord(state, ref) !== undefined) return undefined;
  return `dsim shows the ${t.kind} ${goQuote(ref.name)} of namespace ${goQuote(ref.namespace ?? '')} as its controller makes it, but does not store it: apply one of that name to change it`;
}

/**
 * Why an object's labels cannot be changed, if they cannot: dsim makes a ControllerRevision's
 * labels (its template's and controller-revision-hash) when the DaemonSet's controller makes it,
 * and does not model what the controller does with a revision relabelled out of its selector.
 */
export function unchangeableLabelsError(ref: ObjectRef): string | undefined {
  if (ref.type.group !== 'apps' || ref.type.resource !== 'controllerrevisions') return undefined;
  return `dsim keeps the labels of the ControllerRevision ${goQuote(ref.name)} as its DaemonSet's controller made them, and cannot change them`;
}

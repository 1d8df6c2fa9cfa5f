// The pure reducer: `evolve(draft, event)` mutates an immer draft of ClusterState, and
// `reduce`/`fold` wrap it in one `produce` per event or per batch. No I/O, no clock, no chance:
// everything comes from the event, including its time.
//
// Invariant: folding a log in any chunking gives the same state as reducing it event by event.
// Rule that keeps this true and cheap: DaemonSet records are changed through their draft, never
// rebuilt with a spread (their tables would then be shared with the previous state).

import { current, Immer, isDraft, type Draft } from 'immer';
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { applyDaemonSetUpdate, templateGeneration } from './defaults.ts';
import { assertNever, type DsimEvent, type EventOf, type PodRef } from './events.ts';
import { computeHash, derivedUid } from './names.ts';
import { nodeShouldRunDaemonPod } from './placement.ts';
import {
  addCounts,
  nodeContribution,
  objectKey,
  storedObjectKey,
  Placement,
  zeroCounts,
  type ClusterState,
  type DaemonSetCounts,
  type DaemonSetRecord,
  type PodRecord,
} from './state.ts';
import { withTableOwner, emptyTable, tableDelete, tableForEach, tableGet, tableHas, tableSet, type Table } from './table.ts';
import './immerSetup.ts';

// The draft as the handlers see it: top-level fields writable, tables and records as they are
// (tables are changed only through table.ts, which keeps immer's typing out of their layout).
type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type DS = Mutable<DaemonSetRecord>;
type S = Omit<Mutable<ClusterState>, 'daemonSets' | 'revisions' | 'objects'> & {
  daemonSets: Map<string, DS>;
  revisions: Map<string, Mutable<ClusterState['revisions'] extends ReadonlyMap<string, infer R> ? R : never>>;
  objects: Map<string, ClusterState['objects'] extends ReadonlyMap<string, infer R> ? R : never>;
};

/** The placement of a node for a DaemonSet, from the pure predicate. */
export function placementFor(node: Node, ds: DaemonSet): Placement {
  const r = nodeShouldRunDaemonPod(node, ds);
  return r.shouldRun ? Placement.Run : r.shouldContinueRunning ? Placement.Continue : Placement.None;
}

/** Folds one event into a draft of the state. The only place state changes. */
export function evolve(draft: Draft<ClusterState>, e: DsimEvent): void {
  const s = draft as unknown as S;
  s.now = e.metadata.at;
  s.seq = e.metadata.seq;
  switch (e.type) {
    case 'SimulationStarted':
    case 'TimeAdvanced':
      return;
    case 'ObjectApplied': {
      const o = e.data.object;
      const key = storedObjectKey(o.apiVersion, o.kind, o.metadata?.namespace, o.metadata?.name ?? '');
      const old = s.objects.get(key);
      s.objects.set(key, {
        object: o,
        uid: old?.uid ?? derivedUid(`${key}@${e.metadata.seq}`),
        createdAt: old?.createdAt ?? e.metadata.at,
      });
      return;
    }
    case 'ObjectDeleted':
      s.objects.delete(storedObjectKey(e.data.apiVersion, e.data.kind, e.data.namespace, e.data.name));
      return;
    case 'PodRemovalRequested': {
      const grace = e.data.gracePeriodSeconds;
      return updatePod(s, e.data, (p, ds) =>
        p.deletionTimestamp !== undefined
          ? p
          : ((g) => ({ ...p, deletionTimestamp: e.metadata.at + g * 1000, deletionGracePeriodSeconds: g }))(
              grace ?? p.object?.spec?.terminationGracePeriodSeconds ?? ds?.daemonSet.spec?.template.spec?.terminationGracePeriodSeconds ?? 30,
            ),
      );
    }
    case 'NodeAdded':
      return putNode(s, e.data.node, e.metadata.at, true);
    case 'NodeUpdated':
    case 'NodeStatusUpdated':
      return putNode(s, e.data.node, e.metadata.at, false);
    case 'NodeRemoved':
      return removeNode(s, e.data.name);
    case 'NodeFailed':
    case 'NodeRecovered': {
      // Only the kubelet's health changes here; the conditions and taints that follow are
      // the node lifecycle controller's own facts (NodeUpdated), recorded by the engine.
      const rec = tableGet(s.nodes, e.data.name);
      if (rec !== undefined) {
        tableSet(s.nodes, e.data.name, { ...rec, kubelet: e.type === 'NodeFailed' ? e.data.mode : 'ok' });
      }
      return;
    }
    case 'DaemonSetApplied':
      return applyDaemonSet(s, e);
    case 'DaemonSetDeleted':
      s.daemonSets.delete(objectKey(e.data.namespace, e.data.name));
      return;
    case 'BarePodCreated':
      return createBarePod(s, e);
    case 'PodCreated':
      return createDaemonPod(s, e);
    case 'PodBound':
      return updatePod(s, e.data, (p) => ({ ...p, nodeName: e.data.node, unschedulable: undefined }));
    case 'PodUnschedulable':
      return updatePod(s, e.data, (p) => ({ ...p, unschedulable: e.data.message }));
    case 'PodStarted':
      return podStarted(s, e);
    case 'PodBecameReady':
      return updatePod(s, e.data, (p, ds) => ({
        ...p,
        ready: true,
        readyChangedAt: e.metadata.at,
        // With minReadySeconds 0 a Ready pod is available at once; otherwise a later
        // PodBecameAvailable says so.
        available: (ds?.daemonSet.spec?.minReadySeconds ?? 0) === 0,
      }));
    case 'PodBecameUnready':
      return updatePod(s, e.data, (p) => ({ ...p, ready: false, available: false, readyChangedAt: e.metadata.at }));
    case 'PodBecameAvailable':
      return updatePod(s, e.data, (p) => (p.ready ? { ...p, available: true } : p));
    case 'PodTerminated':
      return updatePod(s, e.data, (p) => ({
        ...p,
        phase: e.data.phase,
        ready: false,
        available: false,
        readyChangedAt: p.ready ? e.metadata.at : p.readyChangedAt,
        terminationReason: e.data.reason,
      }));
    case 'PodDeletionRequested':
      return updatePod(s, e.data, (p) =>
        p.deletionTimestamp !== undefined
          ? p
          : {
              ...p,
              deletionTimestamp: e.metadata.at + e.data.gracePeriodSeconds * 1000,
              deletionGracePeriodSeconds: e.data.gracePeriodSeconds,
            },
      );
    case 'PodDeleted':
      return deletePod(s, e.data);
    case 'ControllerRevisionCreated': {
      const ds = s.daemonSets.get(e.data.daemonSet);
      const template = ds === undefined ? {} : plain(ds.daemonSet).spec?.template ?? {};
      s.revisions.set(objectKey(e.data.namespace, e.data.name), {
        namespace: e.data.namespace,
        name: e.data.name,
        daemonSet: e.data.daemonSet,
        hash: e.data.hash,
        revision: e.data.revision,
        template,
        createdAt: e.metadata.at,
      });
      return;
    }
    case 'ControllerRevisionUpdated': {
      const key = objectKey(e.data.namespace, e.data.name);
      const r = s.revisions.get(key);
      if (r !== undefined) r.revision = e.data.revision;
      return;
    }
    case 'ControllerRevisionDeleted':
      s.revisions.delete(objectKey(e.data.namespace, e.data.name));
      return;
    case 'DaemonSetSynced': {
      const ds = s.daemonSets.get(objectKey(e.data.namespace, e.data.name));
      if (ds !== undefined) ds.observedGeneration = e.data.observedGeneration;
      return;
    }
    default:
      return assertNever(e);
  }
}

/** The plain value behind a possible draft, for reading without making proxies. */
function plain<T>(x: T): T {
  return isDraft(x) ? (current(x as object) as T) : x;
}

// ---- nodes ------------------------------------------------------------------------------------

function putNode(s: S, node: Node, at: number, added: boolean): void {
  const name = node.metadata?.name ?? '';
  const before = tableGet(s.nodes, name);
  tableSet(s.nodes, name, {
    node,
    addedAt: added || before === undefined ? at : before.addedAt,
    kubelet: added || before === undefined ? 'ok' : before.kubelet,
  });
  for (const ds of s.daemonSets.values()) {
    const spec = plain(ds.daemonSet);
    const p = placementFor(node, spec);
    updateDaemonNode(s, ds, name, before !== undefined, true, () => setPlacement(ds, name, p));
  }
}

function removeNode(s: S, name: string): void {
  if (!tableHas(s.nodes, name)) return;
  for (const ds of s.daemonSets.values()) {
    updateDaemonNode(s, ds, name, true, false, () => setPlacement(ds, name, Placement.None));
  }
  tableDelete(s.nodes, name);
  tableDelete(s.nodeImages, name);
}

function setPlacement(ds: DS, node: string, p: Placement): void {
  if (p === Placement.None) tableDelete(ds.placement, node);
  else if (tableGet(ds.placement, node) !== p) tableSet(ds.placement, node, p);
}

/**
 * Runs `change` and moves the DaemonSet's counters by the node's contribution after minus
 * before, so status stays equal to a from-scratch recount at O(pods on the node) cost.
 */
function updateDaemonNode(
  s: S,
  ds: DS,
  node: string,
  existedBefore: boolean,
  existsAfter: boolean,
  change: () => void,
): void {
  const before = contribution(s, ds, node, existedBefore);
  change();
  const after = contribution(s, ds, node, existsAfter);
  if (before !== after) ds.counts = addCounts(addCounts(ds.counts, before, -1), after, 1);
}

function contribution(s: S, ds: DS, node: string, nodeExists: boolean): DaemonSetCounts {
  if (!nodeExists) return zeroCounts();
  const placement = tableGet(ds.placement, node) ?? Placement.None;
  const names = tableGet(ds.podsByNode, node);
  if (placement === Placement.None && names === undefined) return zeroCounts();
  const pods: PodRecord[] = [];
  if (names !== undefined) {
    const ns = ds.namespace;
    for (const n of names) {
      const p = tableGet(s.pods, objectKey(ns, n));
      if (p !== undefined) pods.push(p);
    }
  }
  return nodeContribution(ds as DaemonSetRecord, placement, pods, true);
}

// ---- DaemonSets -------------------------------------------------------------------------------

function applyDaemonSet(s: S, e: EventOf<'DaemonSetApplied'>): void {
  const incoming = e.data.daemonSet;
  const ns = incoming.metadata?.namespace ?? 'default';
  const name = incoming.metadata?.name ?? '';
  const key = objectKey(ns, name);
  const existing = s.daemonSets.get(key);
  const old = existing === undefined ? undefined : plain(existing.daemonSet);
  const withNs: DaemonSet = { ...incoming, metadata: { ...incoming.metadata, namespace: ns } };
  const next = applyDaemonSetUpdate(old, withNs);
  const hash = computeHash(next.spec?.template);
  const nodes = plain(s.nodes);
  if (existing === undefined) {
    const uid = derivedUid(`${key}@${e.metadata.seq}`);
    const daemonSet: DaemonSet = {
      ...next,
      metadata: { ...next.metadata, uid, creationTimestamp: undefined },
    };
    const record: DaemonSetRecord = {
      key,
      namespace: ns,
      name,
      daemonSet,
      uid,
      createdAt: e.metadata.at,
      generation: next.metadata?.generation ?? 1,
      templateGeneration: templateGeneration(next),
      hash,
      counts: zeroCounts(),
      observedGeneration: 0,
      placement: computePlacement(nodes, daemonSet),
      podsByNode: adoptOrphans(s, key, ns),
    };
    s.daemonSets.set(key, { ...record, counts: recount(plain(s.pods), nodes, record) });
    return;
  }
  const templateChanged = hash !== existing.hash;
  existing.daemonSet = { ...next, metadata: { ...next.metadata, uid: existing.uid } };
  existing.generation = next.metadata?.generation ?? existing.generation;
  existing.templateGeneration = templateGeneration(next);
  existing.hash = hash;
  if (templateChanged) existing.placement = computePlacement(nodes, existing.daemonSet);
  existing.counts = recount(plain(s.pods), nodes, plain(existing) as DaemonSetRecord);
}

/** Pods already indexed for this DaemonSet key survive a delete and re-create: none, here. */
function adoptOrphans(_s: S, _key: string, _ns: string): Table<readonly string[]> {
  // Orphan adoption (ClaimPods) needs pods matching the selector with no controller; dsim's
  // DaemonSet pods always keep their owner, and bare pods are not adopted (see docs).
  return emptyTable();
}

/** Evaluates nodeShouldRunDaemonPod on every node: the one O(nodes) step of a DaemonSet change. */
export function computePlacement(nodes: Table<{ readonly node: Node }>, ds: DaemonSet): Table<Placement> {
  const t = emptyTable<Placement>();
  tableForEach(nodes, (rec, name) => {
    const p = placementFor(rec.node, ds);
    if (p !== Placement.None) tableSet(t, name, p);
  });
  return t;
}

/** Status counters from scratch (updateDaemonSetStatus over every node). */
export function recount(
  pods: Table<PodRecord>,
  nodes: Table<unknown>,
  ds: DaemonSetRecord,
): DaemonSetCounts {
  let counts = zeroCounts();
  const ns = ds.namespace;
  const podsFor = (node: string): PodRecord[] => {
    const names = tableGet(ds.podsByNode, node);
    const out: PodRecord[] = [];
    if (names !== undefined) {
      for (const n of names) {
        const p = tableGet(pods, objectKey(ns, n));
        if (p !== undefined) out.push(p);
      }
    }
    return out;
  };
  // Nodes with a placement, plus nodes where pods remain without one (misscheduled).
  tableForEach(ds.placement, (p, node) => {
    counts = addCounts(counts, nodeContribution(ds, p, podsFor(node), tableHas(nodes, node)), 1);
  });
  tableForEach(ds.podsByNode, (_names, node) => {
    if (tableHas(ds.placement, node)) return;
    counts = addCounts(counts, nodeContribution(ds, Placement.None, podsFor(node), tableHas(nodes, node)), 1);
  });
  return counts;
}

// ---- pods -------------------------------------------------------------------------------------

function newPod(fields: Partial<PodRecord> & Pick<PodRecord, 'namespace' | 'name' | 'uid' | 'createdAt'>): PodRecord {
  return {
    owner: undefined,
    ownerUid: undefined,
    targetNode: undefined,
    nodeName: undefined,
    hash: undefined,
    templateGeneration: undefined,
    phase: 'Pending',
    unschedulable: undefined,
    started: false,
    startedAt: undefined,
    ready: false,
    readyChangedAt: undefined,
    available: false,
    terminationReason: undefined,
    deletionTimestamp: undefined,
    deletionGracePeriodSeconds: undefined,
    object: undefined,
    ...fields,
  };
}

function createDaemonPod(s: S, e: EventOf<'PodCreated'>): void {
  const d = e.data;
  const key = objectKey(d.namespace, d.name);
  if (tableHas(s.pods, key)) return;
  const ds = s.daemonSets.get(d.daemonSet);
  const pod = newPod({
    namespace: d.namespace,
    name: d.name,
    uid: d.uid,
    owner: d.daemonSet,
    ownerUid: ds?.uid,
    targetNode: d.node,
    hash: d.hash,
    templateGeneration: d.templateGeneration,
    createdAt: e.metadata.at,
  });
  const insert = () => {
    tableSet(s.pods, key, pod);
    indexAdd(s.podsByNode, d.node, key);
    if (ds !== undefined) indexAdd(ds.podsByNode, d.node, d.name);
  };
  if (ds === undefined) insert();
  else updateDaemonNode(s, ds, d.node, tableHas(s.nodes, d.node), tableHas(s.nodes, d.node), insert);
}

function createBarePod(s: S, e: EventOf<'BarePodCreated'>): void {
  const pod: Pod = e.data.pod;
  const ns = pod.metadata?.namespace ?? 'default';
  const name = pod.metadata?.name ?? '';
  const key = objectKey(ns, name);
  if (tableHas(s.pods, key)) return;
  const target = targetNodeOf(pod);
  tableSet(
    s.pods,
    key,
    newPod({
      namespace: ns,
      name,
      uid: e.data.uid,
      targetNode: target,
      nodeName: pod.spec?.nodeName || undefined,
      createdAt: e.metadata.at,
      object: pod,
    }),
  );
  if (target !== undefined) indexAdd(s.podsByNode, target, key);
}

/** The node a pod is meant for: spec.nodeName, else a single `metadata.name In [x]` affinity field. */
export function targetNodeOf(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  for (const t of terms ?? []) {
    for (const f of t.matchFields ?? []) {
      if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
    }
  }
  return undefined;
}

function podStarted(s: S, e: EventOf<'PodStarted'>): void {
  updatePod(s, e.data, (p) => ({ ...p, phase: 'Running', started: true, startedAt: e.metadata.at }));
  const pod = tableGet(s.pods, objectKey(e.data.namespace, e.data.name));
  const node = pod?.nodeName;
  if (pod === undefined || node === undefined || !e.data.imagePulled) return;
  const images = imagesOf(s, pod);
  const have = tableGet(s.nodeImages, node) ?? [];
  const missing = images.filter((i) => !have.includes(i));
  if (missing.length > 0) tableSet(s.nodeImages, node, [...have, ...missing]);
}

/** The container images a pod runs (from its revision's template for DaemonSet pods). */
export function imagesOf(s: ClusterState | S, pod: PodRecord): string[] {
  const spec =
    pod.object?.spec ??
    (pod.owner === undefined ? undefined : (s.daemonSets.get(pod.owner)?.daemonSet.spec?.template.spec as Pod['spec']));
  return (spec?.containers ?? []).map((c: { image?: string }) => c.image ?? '').filter((i: string) => i !== '');
}

function updatePod(s: S, ref: PodRef, change: (p: PodRecord, ds: DaemonSetRecord | undefined) => PodRecord): void {
  const key = objectKey(ref.namespace, ref.name);
  const pod = tableGet(s.pods, key);
  if (pod === undefined) return;
  const ds = ownerOf(s, pod);
  const next = change(pod, ds as DaemonSetRecord | undefined);
  if (next === pod) return;
  if (ds === undefined || pod.targetNode === undefined) {
    tableSet(s.pods, key, next);
    return;
  }
  const exists = tableHas(s.nodes, pod.targetNode);
  updateDaemonNode(s, ds, pod.targetNode, exists, exists, () => tableSet(s.pods, key, next));
}

function deletePod(s: S, ref: PodRef): void {
  const key = objectKey(ref.namespace, ref.name);
  const pod = tableGet(s.pods, key);
  if (pod === undefined) return;
  const node = pod.targetNode;
  const ds = ownerOf(s, pod);
  const remove = () => {
    tableDelete(s.pods, key);
    if (node !== undefined) {
      indexRemove(s.podsByNode, node, key);
      if (ds !== undefined) indexRemove(ds.podsByNode, node, ref.name);
    }
  };
  if (ds === undefined || node === undefined) remove();
  else {
    const exists = tableHas(s.nodes, node);
    updateDaemonNode(s, ds, node, exists, exists, remove);
  }
}

/** The pod's controlling DaemonSet, if it still exists (same uid). */
function ownerOf(s: S, pod: PodRecord): DS | undefined {
  if (pod.owner === undefined) return undefined;
  const ds = s.daemonSets.get(pod.owner);
  return ds !== undefined && ds.uid === pod.ownerUid ? ds : undefined;
}

function indexAdd(t: Table<readonly string[]>, node: string, key: string): void {
  const have = tableGet(t, node);
  tableSet(t, node, have === undefined ? [key] : [...have, key]);
}

function indexRemove(t: Table<readonly string[]>, node: string, key: string): void {
  const have = tableGet(t, node);
  if (have === undefined) return;
  const rest = have.filter((k) => k !== key);
  if (rest.length === 0) tableDelete(t, node);
  else tableSet(t, node, rest);
}

// ---- reduce and fold --------------------------------------------------------------------------

/** A reducer bound to one immer instance. */
export interface Model {
  /** Folds one event, in its own `produce`. */
  reduce(state: ClusterState, event: DsimEvent): ClusterState;
  /** Folds a batch of events in one `produce`: same result as reducing them one by one. */
  fold(state: ClusterState, events: Iterable<DsimEvent>): ClusterState;
}

/**
 * A model on its own immer instance, leaving immer's global settings alone. `autoFreeze`
 * (the default) deep-freezes state so accidental mutation throws: right for tests and library
 * users. Replay, benchmarks and the command line turn it off for speed.
 */
export function createModel(options: { autoFreeze?: boolean } = {}): Model {
  const immer = new Immer({ autoFreeze: options.autoFreeze ?? true });
  return {
    // One table owner per produce: trie nodes made in this batch are written in place after.
    reduce: (state, event) => immer.produce(state, (d) => withTableOwner(() => evolve(d, event))),
    fold: (state, events) =>
      immer.produce(state, (d: Draft<ClusterState>) =>
        withTableOwner(() => {
          for (const e of events) evolve(d, e);
        }),
      ),
  };
}

const frozenModel = createModel({ autoFreeze: true });

/** Folds one event into the state (frozen result). */
export const reduce: Model['reduce'] = frozenModel.reduce;
/** Folds many events in one `produce` (frozen result); equal to reducing them one by one. */
export const fold: Model['fold'] = frozenModel.fold;

// Baseline (a): the naive immer design dsim was built to avoid. Benchmarks only.
// One `produce` per event over one `Map` per collection (nodes, pods, DaemonSets), no secondary
// index, and a controller that rescans every node for every DaemonSet after every input event.
//
// Same rules as dsim (core's `nodeShouldRunDaemonPod` through `placementFor`, and its per-node
// `podsShouldBeOnNode`); what differs is the layout: immer copies a whole Map on its first write
// in each produce, so every event costs O(size of the collection it touches), and every input
// event costs O(nodes × DaemonSets + pods) for the rescan. Rolling updates: maxUnavailable only.

import { Immer, enableMapSet, isDraft, original } from 'immer';
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node } from 'kubernetes-types/core/v1';
import {
  applyDaemonSetUpdate,
  computeHash,
  daemonPodRecord,
  derivedUid,
  events,
  findUpdatedPodsOnNode,
  generateName,
  isPodAvailable,
  isPodUpdated,
  objectKey,
  Placement,
  placementFor,
  podsShouldBeOnNode,
  randomUid,
  scaledValue,
  stamp,
  templateGeneration,
  zeroCounts,
  type DaemonSetRecord,
  type DsimEvent,
  type PendingEvent,
  type PodRecord,
  type Random,
} from '@dsim/core';
import type { MutableCluster } from './mutable.ts';

enableMapSet();
const immer = new Immer({ autoFreeze: false });

/** A DaemonSet as the naive state keeps it: no placement, no index, no counters. */
export interface NaiveDaemonSet {
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly daemonSet: DaemonSet;
  readonly generation: number;
  readonly templateGeneration: number;
  readonly hash: string;
}

/** The naive state: one Map per collection. */
export interface NaiveState {
  readonly seq: number;
  readonly now: number;
  readonly nodes: ReadonlyMap<string, Node>;
  readonly pods: ReadonlyMap<string, PodRecord>;
  readonly daemonSets: ReadonlyMap<string, NaiveDaemonSet>;
}

/** The empty naive cluster. */
export function naiveInitial(): NaiveState {
  return { seq: -1, now: 0, nodes: new Map(), pods: new Map(), daemonSets: new Map() };
}

type Draft = {
  seq: number;
  now: number;
  nodes: Map<string, Node>;
  pods: Map<string, PodRecord>;
  daemonSets: Map<string, NaiveDaemonSet>;
};

/** Folds one event in its own `produce`: the naive design's unit of work. */
export function naiveEvolve(state: NaiveState, e: DsimEvent): NaiveState {
  return immer.produce(state, (draft) => {
    const d = draft as unknown as Draft;
    d.seq = e.metadata.seq;
    d.now = e.metadata.at;
    switch (e.type) {
      case 'NodeAdded':
      case 'NodeUpdated':
        d.nodes.set(e.data.node.metadata?.name ?? '', e.data.node);
        return;
      case 'NodeRemoved':
        d.nodes.delete(e.data.name);
        return;
      case 'DaemonSetApplied':
        return applyDaemonSet(d, e.data.daemonSet, e.metadata.seq);
      case 'PodCreated': {
        const ds = d.daemonSets.get(e.data.daemonSet);
        d.pods.set(objectKey(e.data.namespace, e.data.name), daemonPodRecord(e.data, ds?.uid, e.metadata.at));
        return;
      }
      case 'PodBound':
        return changePod(d, e.data, (p) => ({ ...p, nodeName: e.data.node, unschedulable: undefined }));
      case 'PodStarted':
        return changePod(d, e.data, (p) => ({ ...p, phase: 'Running', started: true, startedAt: e.metadata.at }));
      case 'PodBecameReady':
        return changePod(d, e.data, (p) => {
          const ds = p.owner === undefined ? undefined : d.daemonSets.get(p.owner);
          return { ...p, ready: true, readyChangedAt: e.metadata.at, available: (ds?.daemonSet.spec?.minReadySeconds ?? 0) === 0 };
        });
      case 'PodBecameUnready':
        return changePod(d, e.data, (p) => ({ ...p, ready: false, available: false, readyChangedAt: e.metadata.at }));
      case 'PodDeleted':
        d.pods.delete(objectKey(e.data.namespace, e.data.name));
        return;
      case 'ControllerRevisionCreated':
      case 'DaemonSetSynced':
        return;
      default:
        throw new Error(`the naive baseline does not model ${e.type}`);
    }
  });
}

function applyDaemonSet(d: Draft, incoming: DaemonSet, seq: number): void {
  const namespace = incoming.metadata?.namespace ?? 'default';
  const name = incoming.metadata?.name ?? '';
  const key = objectKey(namespace, name);
  const draft = d.daemonSets.get(key);
  // The record read through the draft is a proxy; defaulting clones it, so read the original.
  const existing = draft !== undefined && isDraft(draft) ? original(draft) : draft;
  const next = applyDaemonSetUpdate(existing?.daemonSet, { ...incoming, metadata: { ...incoming.metadata, namespace } });
  const uid = existing?.uid ?? derivedUid(`${key}@${seq}`);
  d.daemonSets.set(key, {
    key,
    namespace,
    name,
    uid,
    daemonSet: { ...next, metadata: { ...next.metadata, uid } },
    generation: next.metadata?.generation ?? 1,
    templateGeneration: templateGeneration(next),
    hash: computeHash(next.spec?.template),
  });
}

function changePod(d: Draft, ref: { namespace: string; name: string }, change: (p: PodRecord) => PodRecord): void {
  const key = objectKey(ref.namespace, ref.name);
  const p = d.pods.get(key);
  if (p !== undefined) d.pods.set(key, change(p));
}

// core's per-node rules read hash, templateGeneration, daemonSet and counts of the record.
function asRecord(ds: NaiveDaemonSet): DaemonSetRecord {
  return { ...ds, counts: zeroCounts() } as unknown as DaemonSetRecord;
}

/**
 * The naive controller: for every DaemonSet, index its pods by scanning all pods, then visit
 * every node, deciding from scratch (manage(); then, if manage() wants nothing, one rolling
 * update step with status recomputed from scratch). Returns the facts to record.
 */
export function naiveSync(state: NaiveState, rng: Random): PendingEvent[] {
  const out: PendingEvent[] = [];
  for (const ds of state.daemonSets.values()) {
    const rec = asRecord(ds);
    const byNode = new Map<string, PodRecord[]>();
    for (const p of state.pods.values()) {
      if (p.owner !== ds.key || p.targetNode === undefined) continue;
      const have = byNode.get(p.targetNode);
      if (have === undefined) byNode.set(p.targetNode, [p]);
      else have.push(p);
    }
    const creates: string[] = [];
    const deletes: PodRecord[] = [];
    let desired = 0;
    for (const [name, node] of state.nodes) {
      const placement = placementFor(node, ds.daemonSet);
      if (placement === Placement.Run) desired++;
      const pods = byNode.get(name) ?? [];
      const plan = podsShouldBeOnNode(rec, placement, pods, { surge: false, failedPodDeletable: true, nodeName: name });
      if (plan.create) creates.push(name);
      deletes.push(...plan.delete);
    }
    for (const [node, pods] of byNode) {
      if (state.nodes.has(node)) continue;
      for (const p of pods) if (p.nodeName === undefined && p.deletionTimestamp === undefined) deletes.push(p);
    }
    if (creates.length === 0 && deletes.length === 0 && ds.daemonSet.spec?.updateStrategy?.type === 'RollingUpdate') {
      deletes.push(...rollingUpdate(state, ds, rec, byNode, desired));
    }
    for (const p of deletes) out.push(events.podDeleted(p));
    const taken = new Set<string>();
    for (const node of creates) {
      let name: string;
      do name = generateName(`${ds.name}-`, rng);
      while (state.pods.has(objectKey(ds.namespace, name)) || taken.has(name));
      taken.add(name);
      out.push(
        events.podCreated({
          namespace: ds.namespace,
          name,
          uid: randomUid(rng),
          daemonSet: ds.key,
          node,
          hash: ds.hash,
          templateGeneration: ds.templateGeneration,
        }),
      );
    }
  }
  return out;
}

function rollingUpdate(
  state: NaiveState,
  ds: NaiveDaemonSet,
  rec: DaemonSetRecord,
  byNode: ReadonlyMap<string, PodRecord[]>,
  desired: number,
): PodRecord[] {
  let outdated = 0;
  for (const pods of byNode.values()) for (const p of pods) if (p.deletionTimestamp === undefined && !isPodUpdated(p, rec)) outdated++;
  if (outdated === 0) return [];
  const ru = ds.daemonSet.spec?.updateStrategy?.rollingUpdate;
  if (scaledValue(ru?.maxSurge, desired) !== 0) throw new Error('the naive baseline models rolling updates without surge only');
  const maxUnavailable = Math.max(scaledValue(ru?.maxUnavailable, desired), desired > 0 ? 1 : 0);
  let numUnavailable = 0;
  const out: PodRecord[] = [];
  const candidates: PodRecord[] = [];
  const visit = (pods: readonly PodRecord[]) => {
    const { newPod, oldPod, ok } = findUpdatedPodsOnNode(rec, pods);
    if (!ok || (oldPod === undefined) === (newPod === undefined)) numUnavailable++;
    else if (newPod !== undefined) {
      if (!isPodAvailable(newPod)) numUnavailable++;
    } else if (!isPodAvailable(oldPod!)) {
      out.push(oldPod!);
      numUnavailable++;
    } else if (numUnavailable < maxUnavailable) candidates.push(oldPod!);
  };
  for (const pods of byNode.values()) visit(pods);
  for (const [name, node] of state.nodes) {
    if (!byNode.has(name) && placementFor(node, ds.daemonSet) === Placement.Run) visit([]);
  }
  const remaining = Math.min(Math.max(maxUnavailable - numUnavailable, 0), candidates.length);
  return [...out, ...candidates.slice(0, remaining)];
}

/** Records pending facts one `produce` each, optionally with bound/started/Ready facts for new pods. */
export function naiveRecord(state: NaiveState, facts: readonly PendingEvent[], ready = false): NaiveState {
  let s = state;
  for (const f of facts) {
    s = naiveEvolve(s, stamp(f, s.seq + 1, s.now));
    if (ready && f.type === 'PodCreated') {
      const ready: PendingEvent[] = [events.podBound(f.data, f.data.node), events.podStarted(f.data, false), events.podBecameReady(f.data)];
      for (const r of ready) s = naiveEvolve(s, stamp(r, s.seq + 1, s.now));
    }
  }
  return s;
}

/** One input event, then one full rescan and its facts, each in its own produce. */
export function naiveHandle(state: NaiveState, input: PendingEvent, rng: Random, ready = false): NaiveState {
  const s = naiveEvolve(state, stamp(input, state.seq + 1, state.now));
  return naiveRecord(s, naiveSync(s, rng), ready);
}

/** A template change rolled out to the end: rescans until the controller has nothing left to do. */
export function naiveRollout(state: NaiveState, daemonSet: DaemonSet, rng: Random, maxSyncs = 100_000): NaiveState {
  let s = naiveEvolve(state, stamp(events.daemonSetApplied(daemonSet), state.seq + 1, state.now));
  for (let i = 0; i < maxSyncs; i++) {
    const facts = naiveSync(s, rng);
    if (facts.length === 0) return s;
    s = naiveRecord(s, facts, true);
  }
  throw new Error(`rollout did not finish within ${maxSyncs} syncs`);
}

/** The same cluster in the naive layout (setup for benchmarks: copies, no produce). */
export function naiveFromMutable(m: MutableCluster): NaiveState {
  const daemonSets = new Map<string, NaiveDaemonSet>();
  for (const [key, ds] of m.daemonSets) {
    daemonSets.set(key, {
      key,
      namespace: ds.namespace,
      name: ds.name,
      uid: ds.uid,
      daemonSet: ds.daemonSet,
      generation: ds.generation,
      templateGeneration: ds.templateGeneration,
      hash: ds.hash,
    });
  }
  const pods = new Map<string, PodRecord>();
  for (const [key, p] of m.pods) pods.set(key, { ...p });
  return { seq: 0, now: m.now, nodes: new Map(m.nodes), pods, daemonSets };
}

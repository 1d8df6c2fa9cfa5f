// The RollingUpdate strategy (pkg/controller/daemon/update.go rollingUpdate), newest behaviour:
// unavailable old pods count against maxUnavailable (1.31), and surging skips nodes the new
// template can no longer use (1.29). Pure: returns intents.

import type { Intent } from './controller.ts';
import {
  daemonNode,
  daemonPodsOnNode,
  isPodUpdated,
  isTerminal,
  Placement,
  placementOf,
  type ClusterState,
  type DaemonSetRecord,
  type PodRecord,
} from './state.ts';
import { tableForEach } from './table.ts';

/** An `IntOrString` resolved against a total, rounding up (GetScaledValueFromIntOrPercent). */
export function scaledValue(value: number | string | undefined, total: number): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') return value;
  const m = /^([0-9]+)%$/.exec(value);
  if (m === null) return 0;
  return Math.ceil((Number(m[1]) * total) / 100);
}

/** The rollout budget (updatedDesiredNodeCounts): maxSurge, maxUnavailable and desired. */
export function rolloutBudget(ds: DaemonSetRecord): { maxSurge: number; maxUnavailable: number; desired: number } {
  const desired = ds.counts.desiredNumberScheduled;
  const strategy = ds.daemonSet.spec?.updateStrategy;
  const ru = strategy?.type === 'RollingUpdate' ? strategy.rollingUpdate : undefined;
  const maxSurge = scaledValue(ru?.maxSurge, desired);
  let maxUnavailable = scaledValue(ru?.maxUnavailable, desired);
  // Only reachable by bypassing validation; the controller then still makes progress.
  if (desired > 0 && maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable, desired };
}

/** A pod is available when Ready for longer than minReadySeconds (tracked by the reducer). */
export function isPodAvailable(p: PodRecord): boolean {
  return p.ready && p.available;
}

/**
 * findUpdatedPodsOnNode: the node's one new and one old pod, ignoring pods being deleted;
 * `ok` is false when there are several of either (manage() prunes those first).
 */
export function findUpdatedPodsOnNode(
  ds: DaemonSetRecord,
  pods: readonly PodRecord[],
): { newPod?: PodRecord; oldPod?: PodRecord; ok: boolean } {
  let newPod: PodRecord | undefined;
  let oldPod: PodRecord | undefined;
  for (const p of pods) {
    if (p.deletionTimestamp !== undefined) continue;
    if (isPodUpdated(p, ds)) {
      if (newPod !== undefined) return { ok: false };
      newPod = p;
    } else {
      if (oldPod !== undefined) return { ok: false };
      oldPod = p;
    }
  }
  return { newPod, oldPod, ok: true };
}

/** The DaemonSet's pods on a node as the rolling update sees them: terminal pods being deleted are left out (getNodesToDaemonPods). */
export function livePodsOnNode(state: ClusterState, ds: DaemonSetRecord, node: string): readonly PodRecord[] {
  return live(daemonPodsOnNode(state, ds, node));
}

function live(pods: readonly PodRecord[]): readonly PodRecord[] {
  // Most nodes have none to leave out: no copy then.
  return pods.some(gone) ? pods.filter((p) => !gone(p)) : pods;
}

function gone(p: PodRecord): boolean {
  return isTerminal(p) && p.deletionTimestamp !== undefined;
}

/**
 * Where a node of the working map stands for a rolling update, by what it adds to the step:
 *
 * | class | without surge | with surge |
 * |---|---|---|
 * | 'settled': only a new pod, available | nothing | numAvailable |
 * | 'waiting': no pod, or only a new pod not yet available | numUnavailable | nothing |
 * | 'surging': an old and a new pod, the new not available, the old not available | numUnavailable | numSurge |
 * | 'surgingAvailable': the same with the old pod available | numUnavailable | numSurge, numAvailable |
 * | 'oldAvailable': only an old pod, available, on an existing shouldRun node | a candidate | numAvailable, a candidate |
 * | 'other': anything else (messy, old pod unavailable, old pod where shouldRun is false, both pods with the new one available) | examined one by one | examined |
 *
 * (Pods being deleted are not counted: a node with only such pods is 'waiting'.) All but 'other'
 * are counts, which the rolling update need not look into.
 */
export type WorkingNodeClass = 'settled' | 'waiting' | 'surging' | 'surgingAvailable' | 'oldAvailable' | 'other';

/** The classes the rolling update only counts. */
export type CountedClass = 'settled' | 'waiting' | 'surging' | 'surgingAvailable';

/**
 * The class of a node, or undefined when it is not in the working map (no live pods of this
 * DaemonSet and no shouldRun). Depends only on the node, its placement and this DaemonSet's pods
 * there, so it can be kept up to date node by node.
 */
export function classifyWorkingNode(_state: ClusterState, ds: DaemonSetRecord, node: string): WorkingNodeClass | undefined {
  const here = daemonNode(ds, node);
  return classify(ds, here.pods, here.placement);
}

function classify(ds: DaemonSetRecord, onNode: readonly PodRecord[], placement: Placement): WorkingNodeClass | undefined {
  const pods = live(onNode);
  if (pods.length === 0) return placement === Placement.Run ? 'waiting' : undefined;
  const { newPod, oldPod, ok } = findUpdatedPodsOnNode(ds, pods);
  if (!ok) return 'other';
  if (oldPod === undefined) return newPod !== undefined && isPodAvailable(newPod) ? 'settled' : 'waiting';
  if (newPod !== undefined) {
    if (isPodAvailable(newPod)) return 'other';
    return isPodAvailable(oldPod) ? 'surgingAvailable' : 'surging';
  }
  // A node with a placement exists (the reducer drops a removed node's placement): no lookup.
  if (isPodAvailable(oldPod) && placement === Placement.Run) return 'oldAvailable';
  return 'other';
}

/**
 * The working map (every node with this DaemonSet's live pods, plus every shouldRun node) by
 * class. Only `other` nodes are examined one by one, `oldAvailable` ones are drawn as candidates,
 * and the rest are counted: a step costs O(nodes the step acts on), not O(nodes).
 */
export interface WorkingSet {
  readonly counts: Readonly<Record<CountedClass, number>>;
  readonly oldAvailable: { readonly size: number } & Iterable<string>;
  readonly other: Iterable<string>;
}

/** The working set by a scan of every node (O(nodes)); the engine keeps one incrementally instead. */
export function scanWorkingSet(_state: ClusterState, ds: DaemonSetRecord): WorkingSet {
  const counts: Record<CountedClass, number> = { settled: 0, waiting: 0, surging: 0, surgingAvailable: 0 };
  const oldAvailable: string[] = [];
  const other: string[] = [];
  let runWithPods = 0;
  tableForEach(ds.nodes, (here, node) => {
    if (here.pods.length === 0) return;
    if (here.placement === Placement.Run) runWithPods++;
    const c = classify(ds, here.pods, here.placement);
    if (c === undefined) return;
    if (c === 'oldAvailable') oldAvailable.push(node);
    else if (c === 'other') other.push(node);
    else counts[c]++;
  });
  // Every other shouldRun node has no pod yet: it is waiting for one. (desiredNumberScheduled
  // counts the shouldRun placements, which exist only for existing nodes.)
  counts.waiting += ds.counts.desiredNumberScheduled - runWithPods;
  return { counts, oldAvailable: Object.assign(oldAvailable, { size: oldAvailable.length }), other };
}

/** The first `n` items of an iterable. */
function take<T>(items: Iterable<T>, n: number): T[] {
  const out: T[] = [];
  if (n <= 0) return out;
  for (const x of items) {
    out.push(x);
    if (out.length >= n) break;
  }
  return out;
}

/**
 * One rolling-update step: the deletes (and, when surging, creates) the budget allows now.
 * `working` defaults to a full scan. Candidates are drawn in the working set's order: which ones
 * is unspecified in Kubernetes too (a Go map walk); how many is exact.
 */
export function rollingUpdate(state: ClusterState, ds: DaemonSetRecord, working: WorkingSet = scanWorkingSet(state, ds)): Intent[] {
  const { maxSurge, maxUnavailable, desired } = rolloutBudget(ds);
  const del = (p: PodRecord): Intent => ({
    type: 'DeletePod',
    namespace: p.namespace,
    name: p.name,
    reason: 'RollingUpdate',
  });
  const oldPodOn = (node: string): PodRecord => findUpdatedPodsOnNode(ds, livePodsOnNode(state, ds, node)).oldPod!;
  const { settled, waiting, surging, surgingAvailable } = working.counts;
  if (maxSurge === 0) {
    // Counted nodes add to numUnavailable or nothing, and oldAvailable nodes only become
    // candidates, so visiting them all first or last changes no count.
    let numUnavailable = waiting + surging + surgingAvailable;
    const replacements: PodRecord[] = [];
    const candidates: PodRecord[] = [];
    for (const node of working.other) {
      const { newPod, oldPod, ok } = findUpdatedPodsOnNode(ds, livePodsOnNode(state, ds, node));
      if (!ok) {
        numUnavailable++;
        continue;
      }
      if ((oldPod === undefined) === (newPod === undefined)) {
        numUnavailable++;
      } else if (newPod !== undefined) {
        if (!isPodAvailable(newPod)) numUnavailable++;
      } else if (!isPodAvailable(oldPod!)) {
        replacements.push(oldPod!);
        numUnavailable++;
      } else if (numUnavailable < maxUnavailable) {
        candidates.push(oldPod!);
      }
    }
    const remaining = Math.max(maxUnavailable - numUnavailable, 0);
    if (numUnavailable < maxUnavailable) {
      candidates.push(...take(working.oldAvailable, remaining - candidates.length).map(oldPodOn));
    }
    return [...replacements, ...candidates.slice(0, Math.min(remaining, candidates.length))].map(del);
  }

  let numSurge = surging + surgingAvailable;
  // Settled nodes are available through their new pod, the others counted here through their old pod.
  let numAvailable = settled + surgingAvailable + working.oldAvailable.size;
  const toDelete: PodRecord[] = [];
  const allowedNew: string[] = [];
  const candidateNew: string[] = [];
  const sunset: PodRecord[] = [];
  for (const node of working.other) {
    const { newPod, oldPod, ok } = findUpdatedPodsOnNode(ds, livePodsOnNode(state, ds, node));
    if (!ok) {
      numSurge++;
      continue;
    }
    if (oldPod !== undefined) {
      if (isPodAvailable(oldPod)) numAvailable++;
    } else if (newPod !== undefined && isPodAvailable(newPod)) numAvailable++;
    if (oldPod === undefined) continue; // manage() creates any missing pod
    // A node that is gone cannot run the new template: Kubernetes errors out of the sync
    // here; dsim treats it like a node the template no longer fits (see docs). A gone node has
    // no placement (the reducer drops it), so the placement alone says so.
    const shouldRun = placementOf(ds, node) === Placement.Run;
    if (newPod === undefined) {
      if (!isPodAvailable(oldPod)) {
        if (!shouldRun) toDelete.push(oldPod);
        else allowedNew.push(node);
      } else if (!shouldRun) {
        sunset.push(oldPod);
      } else if (numSurge < maxSurge) {
        candidateNew.push(node); // not reached: such a node is classed oldAvailable
      }
      continue;
    }
    if (!isPodAvailable(newPod)) numSurge++;
    else toDelete.push(oldPod);
  }
  if (numSurge < maxSurge) candidateNew.push(...take(working.oldAvailable, maxSurge - numSurge - candidateNew.length));
  const numSunset = Math.min(Math.max(numAvailable - desired, 0), sunset.length);
  toDelete.push(...sunset.slice(0, numSunset));
  const remainingSurge = Math.min(Math.max(maxSurge - numSurge, 0), candidateNew.length);
  const create = [...allowedNew, ...candidateNew.slice(0, remainingSurge)];
  return [
    ...toDelete.map(del),
    ...create.map((node): Intent => ({ type: 'CreatePod', daemonSet: ds.key, node })),
  ];
}

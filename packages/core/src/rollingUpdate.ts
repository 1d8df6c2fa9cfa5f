// The RollingUpdate strategy (pkg/controller/daemon/update.go rollingUpdate), newest behaviour:
// unavailable old pods count against maxUnavailable (1.31), and surging skips nodes the new
// template can no longer use (1.29). Pure: returns intents.

import type { Intent } from './controller.ts';
import {
  daemonPodsOnNode,
  isPodUpdated,
  Placement,
  placementOf,
  type ClusterState,
  type DaemonSetRecord,
  type PodRecord,
} from './state.ts';
import { tableForEach, tableHas } from './table.ts';

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

/** Every node of the working map: nodes with this DaemonSet's pods, plus every shouldRun node. */
function forEachWorkingNode(ds: DaemonSetRecord, visit: (node: string) => void): void {
  tableForEach(ds.podsByNode, (_names, node) => visit(node));
  tableForEach(ds.placement, (p, node) => {
    if (p === Placement.Run && !tableHas(ds.podsByNode, node)) visit(node);
  });
}

/** One rolling-update step: the deletes (and, when surging, creates) the budget allows now. */
export function rollingUpdate(state: ClusterState, ds: DaemonSetRecord): Intent[] {
  const { maxSurge, maxUnavailable, desired } = rolloutBudget(ds);
  const del = (p: PodRecord): Intent => ({
    type: 'DeletePod',
    namespace: p.namespace,
    name: p.name,
    reason: 'RollingUpdate',
  });
  if (maxSurge === 0) {
    let numUnavailable = 0;
    const replacements: PodRecord[] = [];
    const candidates: PodRecord[] = [];
    forEachWorkingNode(ds, (node) => {
      const { newPod, oldPod, ok } = findUpdatedPodsOnNode(ds, daemonPodsOnNode(state, ds, node));
      if (!ok) {
        numUnavailable++;
        return;
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
    });
    const remaining = Math.min(Math.max(maxUnavailable - numUnavailable, 0), candidates.length);
    return [...replacements, ...candidates.slice(0, remaining)].map(del);
  }

  let numSurge = 0;
  let numAvailable = 0;
  const toDelete: PodRecord[] = [];
  const allowedNew: string[] = [];
  const candidateNew: string[] = [];
  const sunset: PodRecord[] = [];
  forEachWorkingNode(ds, (node) => {
    const { newPod, oldPod, ok } = findUpdatedPodsOnNode(ds, daemonPodsOnNode(state, ds, node));
    if (!ok) {
      numSurge++;
      return;
    }
    if (oldPod !== undefined) {
      if (isPodAvailable(oldPod)) numAvailable++;
    } else if (newPod !== undefined && isPodAvailable(newPod)) numAvailable++;
    if (oldPod === undefined) return; // manage() creates any missing pod
    // A node that is gone cannot run the new template: Kubernetes errors out of the sync
    // here; dsim treats it like a node the template no longer fits (see docs).
    const shouldRun = tableHas(state.nodes, node) && placementOf(ds, node) === Placement.Run;
    if (newPod === undefined) {
      if (!isPodAvailable(oldPod)) {
        if (!shouldRun) toDelete.push(oldPod);
        else allowedNew.push(node);
      } else if (!shouldRun) {
        sunset.push(oldPod);
      } else if (numSurge < maxSurge) {
        candidateNew.push(node);
      }
      return;
    }
    if (!isPodAvailable(newPod)) numSurge++;
    else toDelete.push(oldPod);
  });
  const numSunset = Math.min(Math.max(numAvailable - desired, 0), sunset.length);
  toDelete.push(...sunset.slice(0, numSunset));
  const remainingSurge = Math.min(Math.max(maxSurge - numSurge, 0), candidateNew.length);
  const create = [...allowedNew, ...candidateNew.slice(0, remainingSurge)];
  return [
    ...toDelete.map(del),
    ...create.map((node): Intent => ({ type: 'CreatePod', daemonSet: ds.key, node })),
  ];
}

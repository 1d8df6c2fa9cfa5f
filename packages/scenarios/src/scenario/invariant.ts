// The exactly-one-pod-per-eligible-node invariant of DaemonSets, checked on a ClusterState. Pure: reads state only.
//
// "At most" (checked after every event by `dsim run --check` and `invariant: … during: always`): on every node — Ready or
// not, existing or removed and re-added under the same name — a DaemonSet has at most one non-terminating pod (not being
// deleted, not Succeeded or Failed); at most two while its rolling update allows surge (maxSurge > 0), and then never two
// of the same template. In particular a Ready node where the DaemonSet should run never has two pods without surge.
// Two daemon pods on one node is what kubernetes/kubernetes#22545 saw after nodes were removed and re-added.
//
// "Exactly" (checked at a time by `invariant: exactlyOnePodPerEligibleNode`): the above, and every Ready node where the
// DaemonSet should run (nodeShouldRunDaemonPod says shouldRun) has at least one non-terminating pod of it.

import {
  allowsSurge,
  daemonPodsOnNode,
  isTerminal,
  Placement,
  readyStatus,
  tableForEach,
  tableGet,
  type ClusterState,
  type DaemonSetRecord,
  type PodRecord,
} from '@dsim/core';

/** A DaemonSet's pods on a node that count: not being deleted, not finished. */
export function livePods(state: ClusterState, ds: DaemonSetRecord, node: string): PodRecord[] {
  return daemonPodsOnNode(state, ds, node).filter((p) => p.deletionTimestamp === undefined && !isTerminal(p) && p.ownerUid === ds.uid);
}

/** The "at most" half for one DaemonSet on one node: undefined when it holds, else what is wrong. */
export function checkAtMost(state: ClusterState, ds: DaemonSetRecord, node: string): string | undefined {
  const live = livePods(state, ds, node);
  if (live.length <= 1) return undefined;
  const surge = allowsSurge(ds);
  const names = live.map((p) => p.name).sort().join(', ');
  if (!surge) return `node ${node} has ${live.length} pods of daemonset ${ds.key} (${names}); without maxSurge it may have one`;
  if (live.length > 2) return `node ${node} has ${live.length} pods of daemonset ${ds.key} (${names}); even with maxSurge it may have two`;
  if (live[0]!.hash === live[1]!.hash) return `node ${node} has two pods of daemonset ${ds.key} with the same template (${names})`;
  return undefined;
}

/** The "at most" half for one DaemonSet on every node where it has pods. */
export function checkAtMostAll(state: ClusterState, ds: DaemonSetRecord): string | undefined {
  let found: string | undefined;
  const nodes: string[] = [];
  tableForEach(ds.nodes, ({ pods }, node) => {
    if (pods.length > 1) nodes.push(node);
  });
  for (const node of nodes.sort()) {
    found = checkAtMost(state, ds, node);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The whole invariant at one instant, for every DaemonSet (or one): the problems found, at most `limit` of them,
 * and how many nodes were missing a pod in all.
 */
export function checkExactlyOne(state: ClusterState, limit = 3, only?: string): { problems: string[]; missing: number } {
  const problems: string[] = [];
  let missing = 0;
  for (const ds of [...state.daemonSets.values()].sort((a, b) => (a.key < b.key ? -1 : 1))) {
    if (only !== undefined && ds.key !== only) continue;
    const atMost = checkAtMostAll(state, ds);
    if (atMost !== undefined && problems.length < limit) problems.push(atMost);
    const lacking: string[] = [];
    tableForEach(ds.nodes, ({ placement }, node) => {
      if (placement !== Placement.Run) return;
      const rec = tableGet(state.nodes, node);
      if (rec === undefined || readyStatus(rec.node) !== 'True') return;
      if (livePods(state, ds, node).length === 0) lacking.push(node);
    });
    if (lacking.length > 0) {
      missing += lacking.length;
      lacking.sort();
      if (problems.length < limit) {
        problems.push(
          lacking.length === 1
            ? `Ready node ${lacking[0]} should run daemonset ${ds.key} but has no pod of it`
            : `${lacking.length} Ready nodes that should run daemonset ${ds.key} have no pod of it (${lacking.slice(0, 3).join(', ')}${lacking.length > 3 ? ', …' : ''})`,
        );
      }
    }
  }
  return { problems, missing };
}

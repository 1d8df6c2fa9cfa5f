// A deliberately naive reference for placement (section 3) and status (section 6), written from the
// reference document and not from placement.ts or state.ts, for property and model-based tests.
// Covers what the generators produce: nodeSelector, tolerations and taints (no affinity, no nodeName).

import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node, Taint, Toleration } from 'kubernetes-types/core/v1';
import type { ClusterState, DaemonSetCounts, DaemonSetRecord, PodRecord } from '../src/state.ts';
import { tableEntries, tableValues } from '../src/table.ts';

/** What NodeShouldRunDaemonPod answers, as one word. */
export type RefPlacement = 'Run' | 'Continue' | 'None';

/** Section 3d: the tolerations every DaemonSet pod gets (all `Exists`, no value, forever). */
const DEFAULT_TOLERATIONS: readonly Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

/** Section 3c, word for word. */
export function refTolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (t.operator === 'Exists') return true;
  if (t.operator === undefined || t.operator === '' || t.operator === 'Equal') return (t.value ?? '') === (taint.value ?? '');
  return false;
}

/** The few fields of a template the reference reads. */
export interface RefTemplate {
  readonly nodeSelector?: Readonly<Record<string, string>>;
  readonly tolerations?: readonly Toleration[];
  readonly hostNetwork?: boolean;
}

/** The reference's view of a DaemonSet's template. Refuses templates it does not model. */
export function refTemplate(ds: DaemonSet): RefTemplate {
  const spec = ds.spec?.template?.spec;
  if (spec?.affinity?.nodeAffinity || spec?.nodeName) throw new Error('the reference model does not cover affinity or nodeName');
  return { nodeSelector: spec?.nodeSelector, tolerations: spec?.tolerations, hostNetwork: spec?.hostNetwork };
}

/** Section 3: nodeSelector must match, then only NoSchedule/NoExecute taints count. */
export function refPlacement(labels: Readonly<Record<string, string>>, taints: readonly Taint[], t: RefTemplate): RefPlacement {
  for (const [k, v] of Object.entries(t.nodeSelector ?? {})) if (labels[k] !== v) return 'None';
  const tolerations = [...(t.tolerations ?? []), ...DEFAULT_TOLERATIONS];
  if (t.hostNetwork) tolerations.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  let blocked = false;
  for (const taint of taints) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (tolerations.some((tol) => refTolerates(tol, taint))) continue;
    if (taint.effect === 'NoExecute') return 'None';
    blocked = true;
  }
  return blocked ? 'Continue' : 'Run';
}

/** refPlacement for a v1 Node and an apps/v1 DaemonSet. */
export function refPlacementOf(node: Node, ds: DaemonSet): RefPlacement {
  return refPlacement((node.metadata?.labels ?? {}) as Record<string, string>, node.spec?.taints ?? [], refTemplate(ds));
}

function olderFirst(a: PodRecord, b: PodRecord): number {
  const ab = a.nodeName !== undefined ? 0 : 1;
  const bb = b.nodeName !== undefined ? 0 : 1;
  if (ab !== bb) return ab - bb;
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** The DaemonSet's pods (by owner uid), by the node they are meant for. */
export function refPodsByNode(state: ClusterState, ds: DaemonSetRecord): Map<string, PodRecord[]> {
  const out = new Map<string, PodRecord[]>();
  for (const p of tableValues(state.pods)) {
    if (p.owner !== ds.key || p.ownerUid !== ds.uid || p.targetNode === undefined) continue;
    const list = out.get(p.targetNode) ?? [];
    list.push(p);
    out.set(p.targetNode, list);
  }
  return out;
}

/** Section 6 from scratch: every node in the list, the oldest visible pod per node. */
export function refCounts(state: ClusterState, ds: DaemonSetRecord): DaemonSetCounts {
  const c = {
    desiredNumberScheduled: 0,
    currentNumberScheduled: 0,
    numberReady: 0,
    numberAvailable: 0,
    updatedNumberScheduled: 0,
    numberMisscheduled: 0,
    numberOutdated: 0,
  };
  const byNode = refPodsByNode(state, ds);
  const updated = (p: PodRecord) => p.hash === ds.hash || p.templateGeneration === ds.templateGeneration;
  for (const [name, rec] of tableEntries(state.nodes)) {
    const all = byNode.get(name) ?? [];
    c.numberOutdated += all.filter((p) => p.deletionTimestamp === undefined && !updated(p)).length;
    const pods = all.filter((p) => !((p.phase === 'Failed' || p.phase === 'Succeeded') && p.deletionTimestamp !== undefined)).sort(olderFirst);
    if (refPlacementOf(rec.node, ds.daemonSet) === 'Run') {
      c.desiredNumberScheduled++;
      const oldest = pods[0];
      if (oldest === undefined) continue;
      c.currentNumberScheduled++;
      if (oldest.ready) {
        c.numberReady++;
        if (oldest.available) c.numberAvailable++;
      }
      if (updated(oldest)) c.updatedNumberScheduled++;
    } else if (pods.length > 0) {
      c.numberMisscheduled++;
    }
  }
  return c;
}

// A node's conditions as its kubelet posts them and as the node lifecycle controller marks them
// when the kubelet goes silent (kubelet's nodestatus setters, node_lifecycle_controller's
// tryUpdateNodeHealth). Pure: times are simulated milliseconds.

import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Node, NodeCondition } from 'kubernetes-types/core/v1';
import type { NodeRecord } from './state.ts';
import { derivedUid } from './names.ts';
import { parseRfc3339, SIMULATED_EPOCH_MS, simulatedTimestamp } from './time.ts';

/** The pressure conditions every kubelet posts, in its order, as it posts them on a healthy node. */
export const KUBELET_PRESSURE_CONDITIONS: readonly { readonly type: string; readonly reason: string; readonly message: string }[] = [
  { type: 'MemoryPressure', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
  { type: 'DiskPressure', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
  { type: 'PIDPressure', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
];

/** The conditions the lifecycle controller marks Unknown when the kubelet goes silent (Ready first). */
const MONITORED = ['Ready', ...KUBELET_PRESSURE_CONDITIONS.map((c) => c.type)];

/**
 * How often a kubelet writes its node status when nothing changed (nodeStatusReportFrequency):
 * the lease carries its liveness in between, so lastHeartbeatTime moves this often.
 */
export const NODE_STATUS_REPORT_MS = 5 * 60_000;

const iso = simulatedTimestamp;

/**
 * The node's conditions with each pressure condition it lacks added as a kubelet posts it (False,
 * its reason and message), before Ready, as the kubelet orders them. A node given without them
 * (a hand-written manifest, a scenario's pool) has a kubelet all the same. Nodes without a Ready
 * condition have not posted yet and are left alone.
 */
export function withKubeletConditions(node: Node, heartbeat: string, transition: string): Node {
  const given = node.status?.conditions ?? [];
  const ready = given.findIndex((c) => c.type === 'Ready');
  if (ready < 0) return node;
  const missing = KUBELET_PRESSURE_CONDITIONS.filter((p) => !given.some((c) => c.type === p.type));
  if (missing.length === 0) return node;
  const added: NodeCondition[] = missing.map((p) => ({
    type: p.type,
    status: 'False',
    lastHeartbeatTime: heartbeat,
    lastTransitionTime: transition,
    reason: p.reason,
    message: p.message,
  }));
  return { ...node, status: { ...node.status, conditions: [...given.slice(0, ready), ...added, ...given.slice(ready)] } };
}

/**
 * The node as the API shows it at `now`: the kubelet's conditions (`withKubeletConditions`), each
 * with a transition time (its registration when none was given). While its kubelet posts
 * (`posting`), it rewrites every condition's heartbeat at each status write: its last write (a
 * condition it changed, or its registration), then every 5 minutes after it. A silent kubelet's
 * heartbeats stay at its last.
 */
export function nodeStatusAt(node: Node, registeredAt: number, now: number, posting: boolean): Node {
  const given = node.status?.conditions;
  if (given === undefined || given.length === 0) return node;
  let last = registeredAt;
  for (const c of given) {
    const t = c.status === 'Unknown' || c.lastHeartbeatTime === undefined ? undefined : parseRfc3339(c.lastHeartbeatTime);
    if (t !== undefined && t - SIMULATED_EPOCH_MS > last && t - SIMULATED_EPOCH_MS <= now) last = t - SIMULATED_EPOCH_MS;
  }
  const heartbeat = iso(last + Math.floor(Math.max(0, now - last) / NODE_STATUS_REPORT_MS) * NODE_STATUS_REPORT_MS);
  const withPressure = withKubeletConditions(node, heartbeat, iso(registeredAt));
  const conditions = (withPressure.status?.conditions ?? []).map((c): NodeCondition => {
    const fresh = posting && c.status !== 'Unknown';
    if (!fresh && c.lastHeartbeatTime !== undefined && c.lastTransitionTime !== undefined) return c;
    return {
      ...c,
      lastHeartbeatTime: fresh ? heartbeat : (c.lastHeartbeatTime ?? iso(registeredAt)),
      lastTransitionTime: c.lastTransitionTime ?? iso(registeredAt),
    };
  });
  return { ...withPressure, status: { ...withPressure.status, conditions } };
}

/**
 * tryUpdateNodeHealth on a node whose kubelet stopped posting: Ready and the pressure conditions
 * become Unknown ("Kubelet stopped posting node status.", the transition now, the heartbeat kept);
 * one the kubelet never posted is added Unknown ("Kubelet never posted node status.", the
 * heartbeat its creation). A node given without pressure conditions had a kubelet that posted
 * them (`withKubeletConditions`), with its Ready condition's heartbeat.
 */
export function markNodeStatusUnknown(node: Node, registeredAt: number, at: number): Node {
  const readyHeartbeat = node.status?.conditions?.find((c) => c.type === 'Ready')?.lastHeartbeatTime ?? iso(registeredAt);
  const posted = withKubeletConditions(node, readyHeartbeat, iso(registeredAt));
  const conditions: NodeCondition[] = [...(posted.status?.conditions ?? [])];
  for (const type of MONITORED) {
    const i = conditions.findIndex((c) => c.type === type);
    if (i < 0) {
      conditions.push({
        type,
        status: 'Unknown',
        lastHeartbeatTime: iso(registeredAt),
        lastTransitionTime: iso(at),
        reason: 'NodeStatusNeverUpdated',
        message: 'Kubelet never posted node status.',
      });
    } else if (conditions[i]!.status !== 'Unknown') {
      const c = conditions[i]!;
      conditions[i] = {
        ...c,
        status: 'Unknown',
        lastHeartbeatTime: c.lastHeartbeatTime ?? iso(registeredAt),
        lastTransitionTime: iso(at),
        reason: 'NodeStatusUnknown',
        message: 'Kubelet stopped posting node status.',
      };
    }
  }
  return { ...posted, status: { ...posted.status, conditions } };
}

/**
 * The kubelet posting again after it was silent: its pressure conditions back to what it reports
 * (False), with the heartbeat and transition now; the caller sets Ready.
 */
export function kubeletPostsPressure(node: Node, at: number): Node {
  const conditions = node.status?.conditions;
  if (conditions === undefined || !conditions.some((c) => c.status === 'Unknown' && c.type !== 'Ready')) return node;
  return {
    ...node,
    status: {
      ...node.status,
      conditions: conditions.map((c) => {
        const p = KUBELET_PRESSURE_CONDITIONS.find((k) => k.type === c.type);
        if (p === undefined || c.status !== 'Unknown') return c;
        return { ...c, status: 'False', lastHeartbeatTime: iso(at), lastTransitionTime: iso(at), reason: p.reason, message: p.message };
      }),
    },
  };
}

/** How often a kubelet renews its node's Lease (renewInterval: a quarter of its 40 s duration). */
export const NODE_LEASE_RENEW_MS = 10_000;

/**
 * The node's Lease in kube-node-lease as its kubelet keeps it (the node lease controller): made
 * when the node registers, owned by the Node, held by the node's name, for 40 s, renewed every
 * 10 s from registration while the kubelet runs (reporting NotReady too), its renew time stopped
 * at the last renewal before the kubelet went silent. The kubelet never sets an acquire time.
 * The renew time is a MicroTime, written with six fractional digits.
 */
export function nodeLeaseAt(rec: Pick<NodeRecord, 'node' | 'addedAt' | 'kubelet' | 'kubeletSince'>, now: number): Lease {
  const name = rec.node.metadata?.name ?? '';
  // The Node's uid as the API server shows it (apiObjects' nodeObject derives one when none was given).
  const nodeUid = rec.node.metadata?.uid ?? derivedUid(`node/${name}@${rec.addedAt}`);
  const until = rec.kubelet === 'Unreachable' ? Math.min(rec.kubeletSince, now) : now;
  const renewed = rec.addedAt + Math.floor(Math.max(0, until - rec.addedAt) / NODE_LEASE_RENEW_MS) * NODE_LEASE_RENEW_MS;
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name,
      namespace: 'kube-node-lease',
      creationTimestamp: simulatedTimestamp(rec.addedAt),
      uid: derivedUid(`lease/kube-node-lease/${name}@${nodeUid}`),
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: nodeUid }],
    },
    spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: simulatedMicroTimestamp(renewed) },
  };
}

/** A simulated time as a MicroTime: RFC 3339 with six fractional digits, as Go's metav1.MicroTime marshals it. */
function simulatedMicroTimestamp(simMs: number): string {
  const micros = String((((SIMULATED_EPOCH_MS + simMs) % 1000) + 1000) % 1000 * 1000).padStart(6, '0');
  return simulatedTimestamp(simMs).replace(/Z$/, `.${micros}Z`);
}

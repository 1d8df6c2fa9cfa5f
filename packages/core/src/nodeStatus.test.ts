import type { Node, NodeCondition } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { kubeletPostsPressure, markNodeStatusUnknown, nodeLeaseAt, nodeStatusAt } from './nodeStatus.ts';
import { derivedUid } from './names.ts';
import { simulatedTimestamp as t } from './time.ts';

const MIN = 60_000;

function nodeWith(conditions: NodeCondition[] | undefined): Node {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n0' }, ...(conditions !== undefined ? { status: { conditions } } : {}) };
}

const ready = (extra: Partial<NodeCondition> = {}): NodeCondition => ({
  type: 'Ready',
  status: 'True',
  reason: 'KubeletReady',
  message: 'kubelet is posting ready status',
  ...extra,
});

const rows = (n: Node) => (n.status?.conditions ?? []).map((c) => [c.type, c.status, c.lastHeartbeatTime, c.lastTransitionTime, c.reason]);

describe('nodeStatusAt: the conditions a posting kubelet shows', () => {
  it('adds the pressure conditions a node was given without, before Ready, and times from its registration', () => {
    expect(rows(nodeStatusAt(nodeWith([ready()]), 0, 2 * MIN, true))).toEqual([
      ['MemoryPressure', 'False', t(0), t(0), 'KubeletHasSufficientMemory'],
      ['DiskPressure', 'False', t(0), t(0), 'KubeletHasNoDiskPressure'],
      ['PIDPressure', 'False', t(0), t(0), 'KubeletHasSufficientPID'],
      ['Ready', 'True', t(0), t(0), 'KubeletReady'],
    ]);
  });

  it.each([
    ['just registered', 10_000, 0, 10_000],
    ['4 minutes on', 10_000, 4 * MIN, 10_000],
    ['5 minutes on: its periodic report', 10_000, 5 * MIN + 10_000, 5 * MIN + 10_000],
    ['12 minutes on', 10_000, 12 * MIN + 10_000, 10 * MIN + 10_000],
  ])('heartbeats every 5 minutes since its last write: %s', (_name, registered, now, heartbeat) => {
    const shown = nodeStatusAt(nodeWith([ready()]), registered, Math.max(registered, now), true);
    expect(new Set((shown.status?.conditions ?? []).map((c) => c.lastHeartbeatTime))).toEqual(new Set([t(heartbeat)]));
  });

  it('counts from the kubelet\'s last write (a transition), and from its registration for a dump\'s older times', () => {
    const written = nodeWith([ready({ lastHeartbeatTime: t(3 * MIN), lastTransitionTime: t(3 * MIN) })]);
    expect(nodeStatusAt(written, 0, 7 * MIN, true).status?.conditions?.at(-1)?.lastHeartbeatTime).toBe(t(3 * MIN));
    expect(nodeStatusAt(written, 0, 8 * MIN, true).status?.conditions?.at(-1)?.lastHeartbeatTime).toBe(t(8 * MIN));
    const dump = nodeWith([ready({ lastHeartbeatTime: '2024-05-01T10:00:00Z', lastTransitionTime: '2024-04-01T00:00:00Z' })]);
    expect(nodeStatusAt(dump, 0, 6 * MIN, true).status?.conditions?.at(-1)).toMatchObject({ lastHeartbeatTime: t(5 * MIN), lastTransitionTime: '2024-04-01T00:00:00Z' });
  });

  it('keeps a silent kubelet\'s heartbeats, a node\'s own pressure conditions, and a node that never posted Ready', () => {
    const unknown = markNodeStatusUnknown(nodeWith([ready()]), 0, 2 * MIN);
    expect(nodeStatusAt(unknown, 0, 30 * MIN, false)).toEqual(unknown);
    const pressured = nodeWith([{ type: 'MemoryPressure', status: 'True', reason: 'KubeletHasInsufficientMemory' }, ready()]);
    expect(rows(nodeStatusAt(pressured, 0, 0, true)).map((r) => [r[0], r[1]])).toEqual([
      ['MemoryPressure', 'True'],
      ['DiskPressure', 'False'],
      ['PIDPressure', 'False'],
      ['Ready', 'True'],
    ]);
    const registering = nodeWith([{ type: 'NetworkUnavailable', status: 'False' }]);
    expect(nodeStatusAt(registering, 0, 0, true).status?.conditions).toHaveLength(1);
    expect(nodeStatusAt(nodeWith(undefined), 0, 0, true)).toEqual(nodeWith(undefined));
  });
});

describe('markNodeStatusUnknown (tryUpdateNodeHealth)', () => {
  // node_lifecycle_controller_test.go's TestMonitorNodeHealthUpdateStatus cases, in simulated time.
  it('a node whose kubelet never posted gets all four conditions Unknown, NeverUpdated, heartbeat its creation', () => {
    expect(rows(markNodeStatusUnknown(nodeWith(undefined), 0, 50_000))).toEqual(
      ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'].map((type) => [type, 'Unknown', t(0), t(50_000), 'NodeStatusNeverUpdated']),
    );
  });

  it('posted conditions turn Unknown with the transition now and their heartbeat kept; Unknown ones stay', () => {
    const posted = nodeStatusAt(nodeWith([ready({ lastHeartbeatTime: t(MIN), lastTransitionTime: t(0) })]), 0, 4 * MIN, true);
    const marked = markNodeStatusUnknown(posted, 0, 5 * MIN);
    expect(rows(marked)).toEqual(['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'].map((type) => [type, 'Unknown', t(MIN), t(5 * MIN), 'NodeStatusUnknown']));
    expect(marked.status?.conditions?.every((c) => c.message === 'Kubelet stopped posting node status.')).toBe(true);
    expect(markNodeStatusUnknown(marked, 0, 9 * MIN)).toEqual(marked);
  });

  it('the kubelet back posts its pressure conditions False again, now', () => {
    const marked = markNodeStatusUnknown(nodeWith([ready()]), 0, MIN);
    expect(rows(kubeletPostsPressure(marked, 3 * MIN)).slice(0, 3)).toEqual([
      ['MemoryPressure', 'False', t(3 * MIN), t(3 * MIN), 'KubeletHasSufficientMemory'],
      ['DiskPressure', 'False', t(3 * MIN), t(3 * MIN), 'KubeletHasNoDiskPressure'],
      ['PIDPressure', 'False', t(3 * MIN), t(3 * MIN), 'KubeletHasSufficientPID'],
    ]);
  });
});

describe('nodeLeaseAt', () => {
  const node = { metadata: { name: 'n1' } };
  it.each<{ name: string; kubelet: 'ok' | 'NotReady' | 'Unreachable'; since: number; now: number; renewed: number }>([
    { name: 'just registered', kubelet: 'ok', since: 5_000, now: 5_000, renewed: 5_000 },
    { name: 'renewed every 10 s from registration', kubelet: 'ok', since: 5_000, now: 59_999, renewed: 55_000 },
    { name: 'a kubelet reporting NotReady still renews', kubelet: 'NotReady', since: 30_000, now: 100_000, renewed: 95_000 },
    { name: 'a silent kubelet stopped at its last renewal', kubelet: 'Unreachable', since: 42_000, now: 600_000, renewed: 35_000 },
  ])('$name', ({ kubelet, since, now, renewed }) => {
    expect(nodeLeaseAt({ node, addedAt: 5_000, kubelet, kubeletSince: since }, now)).toEqual({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name: 'n1',
        namespace: 'kube-node-lease',
        creationTimestamp: t(5_000),
        uid: derivedUid(`lease/kube-node-lease/n1@${derivedUid('node/n1@5000')}`),
        // Owned by the Node, whose uid (none given) is the one the API server shows for it.
        ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'n1', uid: derivedUid('node/n1@5000') }],
      },
      spec: { holderIdentity: 'n1', leaseDurationSeconds: 40, renewTime: t(renewed).replace('Z', '.000000Z') },
    });
  });

  it('is owned by its Node, has a uid of its own, and renews to the microsecond', () => {
    const lease = nodeLeaseAt({ node: { metadata: { name: 'n1', uid: 'u-1' } }, addedAt: 1_234, kubelet: 'ok', kubeletSince: 0 }, 12_000);
    expect(lease.metadata?.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Node', name: 'n1', uid: 'u-1' }]);
    expect(lease.metadata?.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(lease.spec?.renewTime).toBe('2025-01-01T00:00:11.234000Z');
  });
});

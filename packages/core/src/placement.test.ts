import { describe, expect, it } from 'vitest';
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node, NodeCondition, PodSpec, Taint, Toleration } from 'kubernetes-types/core/v1';
import { daemonPodTolerations, nodeShouldRunDaemonPod, samePlacementRules, type PlacementDecision } from './placement.ts';
import { addOrUpdateDaemonPodTolerations, TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE } from './taints.ts';

// Fixtures from pkg/controller/daemon/daemon_controller_test.go
const simpleDaemonSetLabel = { name: 'simple-daemon', type: 'production' };
const simpleDaemonSetLabel2 = { name: 'simple-daemon', type: 'test' };
const simpleNodeLabel = { color: 'blue', speed: 'fast' };
const simpleNodeLabel2 = { color: 'red', speed: 'fast' };
const noScheduleTolerations: Toleration[] = [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }];
const noScheduleTaints: Taint[] = [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }];
const noExecuteTaints: Taint[] = [{ key: 'dedicated', value: 'user1', effect: 'NoExecute' }];
const nodeNotReady: Taint[] = [{ key: TAINT_NODE_NOT_READY, effect: 'NoExecute', timeAdded: '2024-01-01T00:00:00Z' }];
const nodeUnreachable: Taint[] = [{ key: TAINT_NODE_UNREACHABLE, effect: 'NoExecute', timeAdded: '2024-01-01T00:00:00Z' }];

const RUN = { shouldRun: true, shouldContinueRunning: true };
const KEEP = { shouldRun: false, shouldContinueRunning: true };
const NEITHER = { shouldRun: false, shouldContinueRunning: false };

/** newDaemonSet in daemon_controller_test.go, with the template spec replaced by `spec` when given. */
function newDaemonSet(name: string, spec: Partial<PodSpec> = {}): DaemonSet {
  return {
    metadata: { name, namespace: 'default' },
    spec: {
      selector: { matchLabels: simpleDaemonSetLabel },
      updateStrategy: { type: 'OnDelete' },
      template: {
        metadata: { labels: simpleDaemonSetLabel },
        spec: { containers: [{ name: 'c', image: 'foo/bar' }], dnsPolicy: 'Default', ...spec },
      },
    },
  };
}

/** newNode in daemon_controller_test.go: Ready, 100 pods allocatable. */
function newNode(name: string, labels?: Record<string, string>, extra: { taints?: Taint[]; unschedulable?: boolean; conditions?: NodeCondition[]; allocatable?: Record<string, string> } = {}): Node {
  return {
    metadata: { name, ...(labels === undefined ? {} : { labels }) },
    spec: {
      ...(extra.taints === undefined ? {} : { taints: extra.taints }),
      ...(extra.unschedulable === undefined ? {} : { unschedulable: extra.unschedulable }),
    },
    status: {
      conditions: extra.conditions ?? [{ type: 'Ready', status: 'True' }],
      allocatable: extra.allocatable ?? { pods: '100' },
    },
  };
}

function addNodes(nodes: Node[], startIndex: number, numNodes: number, labels?: Record<string, string>): void {
  for (let i = startIndex; i < startIndex + numNodes; i++) nodes.push(newNode(`node-${i}`, labels));
}

/** resourcePodSpec in daemon_controller_test.go. */
function resourcePodSpec(nodeName: string, memory: string, cpu: string): Partial<PodSpec> {
  return {
    nodeName,
    containers: [{ name: 'c', resources: { requests: { memory, cpu, pods: '100' } } }],
  };
}

function decision(d: PlacementDecision): { shouldRun: boolean; shouldContinueRunning: boolean } {
  return { shouldRun: d.shouldRun, shouldContinueRunning: d.shouldContinueRunning };
}

describe('TestNodeShouldRunDaemonPod', () => {
  // mirrors TestNodeShouldRunDaemonPod in pkg/controller/daemon/daemon_controller_test.go
  // (podsOnNode only matter to the scheduler, which NodeShouldRunDaemonPod no longer consults)
  const cases: { predicateName: string; spec: Partial<PodSpec>; nodeUnschedulable?: boolean; nodeCondition?: NodeCondition[]; want: typeof RUN }[] = [
    { predicateName: 'ShouldRunDaemonPod', spec: resourcePodSpec('', '50M', '0.5'), want: RUN },
    { predicateName: 'InsufficientResourceError', spec: resourcePodSpec('', '200M', '0.5'), want: RUN },
    { predicateName: 'ErrPodNotMatchHostName', spec: resourcePodSpec('other-node', '50M', '0.5'), want: NEITHER },
    { predicateName: 'ErrPodNotFitsHostPorts', spec: { containers: [{ name: 'c', ports: [{ hostPort: 666, containerPort: 666 }] }] }, want: RUN },
    { predicateName: 'InsufficientResourceError (pod with host port on node)', spec: resourcePodSpec('', '100M', '0.5'), want: RUN },
    { predicateName: 'ShouldRunDaemonPod (pod with host port on node)', spec: resourcePodSpec('', '50M', '0.5'), want: RUN },
    { predicateName: 'ErrNodeSelectorNotMatch', spec: { nodeSelector: simpleDaemonSetLabel2 }, want: NEITHER },
    { predicateName: 'ShouldRunDaemonPod (nodeSelector)', spec: { nodeSelector: simpleDaemonSetLabel }, want: RUN },
    {
      predicateName: 'ErrPodAffinityNotMatch',
      spec: {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'type', operator: 'In', values: ['test'] }] }],
            },
          },
        },
      },
      want: NEITHER,
    },
    {
      predicateName: 'ShouldRunDaemonPod (affinity)',
      spec: {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'type', operator: 'In', values: ['production'] }] }],
            },
          },
        },
      },
      want: RUN,
    },
    { predicateName: 'ShouldRunDaemonPodOnUnschedulableNode', spec: resourcePodSpec('', '50M', '0.5'), nodeUnschedulable: true, want: RUN },
  ];
  for (const c of cases) {
    for (const strategy of ['OnDelete', 'RollingUpdate']) {
      it(`${c.predicateName} (${strategy})`, () => {
        const node = newNode('test-node', simpleDaemonSetLabel, {
          unschedulable: c.nodeUnschedulable ?? false,
          conditions: [{ type: 'Ready', status: 'True' }, ...(c.nodeCondition ?? [])],
          allocatable: { memory: '100M', cpu: '1', pods: '100' },
        });
        const ds = newDaemonSet('ds', c.spec);
        (ds.spec as { updateStrategy: unknown }).updateStrategy = { type: strategy };
        expect(decision(nodeShouldRunDaemonPod(node, ds))).toEqual(c.want);
      });
    }
  }
});

/**
 * What one manage() pass would do with these decisions: create on nodes that should run and have no pod; delete
 * every pod on nodes that should not keep one, and the extras beyond one elsewhere (a simplified manage()).
 */
function creates(nodes: Node[], ds: DaemonSet, podsPerNode: Record<string, number> = {}): number {
  return nodes.filter((n) => (podsPerNode[n.metadata?.name ?? ''] ?? 0) === 0 && nodeShouldRunDaemonPod(n, ds).shouldRun).length;
}
function deletes(nodes: Node[], ds: DaemonSet, podsPerNode: Record<string, number> = {}): number {
  let total = 0;
  for (const n of nodes) {
    const pods = podsPerNode[n.metadata?.name ?? ''] ?? 0;
    if (pods === 0) continue;
    total += nodeShouldRunDaemonPod(n, ds).shouldContinueRunning ? pods - 1 : pods;
  }
  return total;
}

describe('daemon_controller_test.go sync expectations', () => {
  // Each case mirrors the named test in pkg/controller/daemon/daemon_controller_test.go: expectSyncDaemonSets'
  // create/delete counts follow from NodeShouldRunDaemonPod (podsPerNode counts only pods the DaemonSet owns).
  const cases: { name: string; ds: DaemonSet; nodes: () => Node[]; pods?: Record<string, number>; creates: number; deletes: number }[] = [
    { name: 'TestSimpleDaemonSetLaunchesPods', ds: newDaemonSet('foo'), nodes: () => { const n: Node[] = []; addNodes(n, 0, 5); return n; }, creates: 5, deletes: 0 },
    { name: 'TestOneNodeDaemonLaunchesPod', ds: newDaemonSet('foo'), nodes: () => [newNode('only-node')], creates: 1, deletes: 0 },
    {
      name: 'TestNotReadyNodeDaemonDoesLaunchPod',
      ds: newDaemonSet('foo'),
      nodes: () => [newNode('not-ready', undefined, { conditions: [{ type: 'Ready', status: 'False' }] })],
      creates: 1,
      deletes: 0,
    },
    {
      name: 'TestInsufficientCapacityNodeDaemonDoesNotUnscheduleRunningPod',
      ds: newDaemonSet('foo', resourcePodSpec('too-much-mem', '75M', '75m')),
      nodes: () => [newNode('too-much-mem', undefined, { allocatable: { memory: '100M', cpu: '200m', pods: '100' } })],
      creates: 1,
      deletes: 0,
    },
    {
      name: 'TestInsufficientCapacityNodeSufficientCapacityWithNodeLabelDaemonLaunchPod',
      ds: newDaemonSet('foo', { ...resourcePodSpec('', '50M', '75m'), nodeSelector: simpleNodeLabel }),
      nodes: () => [
        newNode('not-enough-resource', undefined, { allocatable: { memory: '10M', cpu: '20m', pods: '100' } }),
        newNode('enough-resource', simpleNodeLabel, { allocatable: { memory: '100M', cpu: '200m', pods: '100' } }),
      ],
      creates: 1,
      deletes: 0,
    },
    {
      name: 'TestNetworkUnavailableNodeDaemonLaunchesPod',
      ds: newDaemonSet('simple'),
      nodes: () => [newNode('network-unavailable', undefined, { conditions: [{ type: 'NetworkUnavailable', status: 'True' }] })],
      creates: 1,
      deletes: 0,
    },
    {
      name: 'TestPortConflictWithSameDaemonPodDoesNotDeletePod',
      ds: newDaemonSet('foo', { nodeName: 'port-conflict', containers: [{ name: 'c', ports: [{ hostPort: 666, containerPort: 666 }] }] }),
      nodes: () => [newNode('port-conflict')],
      pods: { 'port-conflict': 1 },
      creates: 0,
      deletes: 0,
    },
    {
      name: 'TestNoPortConflictNodeDaemonLaunchesPod',
      ds: newDaemonSet('foo', { nodeName: 'no-port-conflict', containers: [{ name: 'c', ports: [{ hostPort: 6662, containerPort: 6662 }] }] }),
      nodes: () => [newNode('no-port-conflict')],
      creates: 1,
      deletes: 0,
    },
    {
      name: 'TestDealsWithExistingPods',
      ds: newDaemonSet('foo'),
      nodes: () => { const n: Node[] = []; addNodes(n, 0, 5); return n; },
      pods: { 'node-1': 1, 'node-2': 2, 'node-3': 5 },
      creates: 2,
      deletes: 5,
    },
    {
      name: 'TestSelectorDaemonLaunchesPods',
      ds: newDaemonSet('foo', { nodeSelector: simpleNodeLabel }),
      nodes: () => { const n: Node[] = []; addNodes(n, 0, 4); addNodes(n, 4, 3, simpleNodeLabel); return n; },
      creates: 3,
      deletes: 0,
    },
    {
      name: 'TestSelectorDaemonDeletesUnselectedPods',
      ds: newDaemonSet('foo', { nodeSelector: simpleNodeLabel }),
      nodes: () => { const n: Node[] = []; addNodes(n, 0, 5); addNodes(n, 5, 5, simpleNodeLabel); return n; },
      pods: { 'node-1': 3, 'node-4': 1 },
      creates: 5,
      deletes: 4,
    },
    {
      name: 'TestSelectorDaemonDealsWithExistingPods',
      ds: newDaemonSet('foo', { nodeSelector: simpleNodeLabel }),
      nodes: () => { const n: Node[] = []; addNodes(n, 0, 5); addNodes(n, 5, 5, simpleNodeLabel); return n; },
      pods: { 'node-0': 1, 'node-1': 3, 'node-2': 4, 'node-6': 13, 'node-9': 1 },
      creates: 3,
      deletes: 20,
    },
    {
      name: 'TestBadSelectorDaemonDoesNothing',
      ds: newDaemonSet('foo', { nodeSelector: simpleNodeLabel2 }),
      nodes: () => { const n: Node[] = []; addNodes(n, 0, 4); addNodes(n, 4, 3, simpleNodeLabel); return n; },
      creates: 0,
      deletes: 0,
    },
    {
      name: 'TestNameDaemonSetLaunchesPods',
      ds: newDaemonSet('foo', { nodeName: 'node-0' }),
      nodes: () => { const n: Node[] = []; addNodes(n, 0, 5); return n; },
      creates: 1,
      deletes: 0,
    },
    {
      name: 'TestBadNameDaemonSetDoesNothing',
      ds: newDaemonSet('foo', { nodeName: 'node-10' }),
      nodes: () => { const n: Node[] = []; addNodes(n, 0, 5); return n; },
      creates: 0,
      deletes: 0,
    },
    {
      name: 'TestNameAndSelectorDaemonSetLaunchesPods',
      ds: newDaemonSet('foo', { nodeSelector: simpleNodeLabel, nodeName: 'node-6' }),
      nodes: () => { const n: Node[] = []; addNodes(n, 0, 4); addNodes(n, 4, 3, simpleNodeLabel); return n; },
      creates: 1,
      deletes: 0,
    },
    {
      name: 'TestInconsistentNameSelectorDaemonSetDoesNothing',
      ds: newDaemonSet('foo', { nodeSelector: simpleNodeLabel, nodeName: 'node-0' }),
      nodes: () => { const n: Node[] = []; addNodes(n, 0, 4); addNodes(n, 4, 3, simpleNodeLabel); return n; },
      creates: 0,
      deletes: 0,
    },
    {
      name: 'TestSelectorDaemonSetLaunchesPods',
      ds: newDaemonSet('foo', { nodeSelector: simpleNodeLabel }),
      nodes: () => { const n: Node[] = []; addNodes(n, 0, 4); addNodes(n, 4, 3, simpleNodeLabel); return n; },
      creates: 3,
      deletes: 0,
    },
    {
      name: 'TestNodeAffinityDaemonLaunchesPods',
      ds: newDaemonSet('foo', {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'color', operator: 'In', values: [simpleNodeLabel.color] }] }],
            },
          },
        },
      }),
      nodes: () => { const n: Node[] = []; addNodes(n, 0, 4); addNodes(n, 4, 3, simpleNodeLabel); return n; },
      creates: 3,
      deletes: 0,
    },
    {
      name: 'TestNoScheduleTaintedDoesntEvicitRunningIntolerantPod',
      ds: newDaemonSet('intolerant'),
      nodes: () => [newNode('tainted', undefined, { taints: noScheduleTaints })],
      pods: { tainted: 1 },
      creates: 0,
      deletes: 0,
    },
    {
      name: 'TestNoExecuteTaintedDoesEvicitRunningIntolerantPod',
      ds: newDaemonSet('intolerant'),
      nodes: () => [newNode('tainted', undefined, { taints: noExecuteTaints })],
      pods: { tainted: 1 },
      creates: 0,
      deletes: 1,
    },
    {
      name: 'TestTaintedNodeDaemonDoesNotLaunchIntolerantPod',
      ds: newDaemonSet('intolerant'),
      nodes: () => [newNode('tainted', undefined, { taints: noScheduleTaints })],
      creates: 0,
      deletes: 0,
    },
    {
      name: 'TestTaintedNodeDaemonLaunchesToleratePod',
      ds: newDaemonSet('tolerate', { tolerations: noScheduleTolerations }),
      nodes: () => [newNode('tainted', undefined, { taints: noScheduleTaints })],
      creates: 1,
      deletes: 0,
    },
    {
      name: 'TestNotReadyNodeDaemonLaunchesPod',
      ds: newDaemonSet('simple'),
      nodes: () => [newNode('tainted', undefined, { taints: nodeNotReady, conditions: [{ type: 'Ready', status: 'False' }] })],
      creates: 1,
      deletes: 0,
    },
    {
      name: 'TestUnreachableNodeDaemonLaunchesPod',
      ds: newDaemonSet('simple'),
      nodes: () => [newNode('tainted', undefined, { taints: nodeUnreachable, conditions: [{ type: 'Ready', status: 'Unknown' }] })],
      creates: 1,
      deletes: 0,
    },
    {
      name: 'TestNodeDaemonLaunchesToleratePod',
      ds: newDaemonSet('tolerate', { tolerations: noScheduleTolerations }),
      nodes: () => { const n: Node[] = []; addNodes(n, 0, 1); return n; },
      creates: 1,
      deletes: 0,
    },
    {
      name: 'TestTaintPressureNodeDaemonLaunchesPod',
      ds: newDaemonSet('critical', { priority: 2000000000 }),
      nodes: () => [
        newNode('resources-pressure', undefined, {
          conditions: [
            { type: 'DiskPressure', status: 'True' },
            { type: 'MemoryPressure', status: 'True' },
            { type: 'PIDPressure', status: 'True' },
          ],
          taints: [
            { key: 'node.kubernetes.io/disk-pressure', effect: 'NoSchedule' },
            { key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' },
            { key: 'node.kubernetes.io/pid-pressure', effect: 'NoSchedule' },
          ],
        }),
      ],
      creates: 1,
      deletes: 0,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const nodes = c.nodes();
      expect(creates(nodes, c.ds, c.pods)).toBe(c.creates);
      expect(deletes(nodes, c.ds, c.pods)).toBe(c.deletes);
    });
  }
});

describe('TestUpdateNode', () => {
  // mirrors TestUpdateNode in pkg/controller/daemon/daemon_controller_test.go: a node update enqueues the DaemonSet
  // when either answer of NodeShouldRunDaemonPod changes.
  const withSelector = newDaemonSet('ds', { nodeSelector: simpleNodeLabel });
  const cases: { test: string; oldNode: Node; newNode: Node; ds: DaemonSet; shouldEnqueue: boolean }[] = [
    { test: 'Nothing changed, should not enqueue', oldNode: newNode('node1'), newNode: newNode('node1'), ds: withSelector, shouldEnqueue: false },
    { test: 'Node labels changed', oldNode: newNode('node1'), newNode: newNode('node1', simpleNodeLabel), ds: withSelector, shouldEnqueue: true },
    {
      test: 'Node taints changed',
      oldNode: newNode('node1', undefined, { taints: noScheduleTaints }),
      newNode: newNode('node1'),
      ds: newDaemonSet('ds'),
      shouldEnqueue: true,
    },
    {
      test: 'Node Allocatable changed',
      oldNode: newNode('node1'),
      newNode: newNode('node1', undefined, { allocatable: { memory: '200M', cpu: '200m', pods: '100' } }),
      ds: newDaemonSet('ds', { containers: [{ name: 'c', resources: { requests: { memory: '200M', cpu: '200m' } } }] }),
      shouldEnqueue: false,
    },
  ];
  for (const c of cases) {
    it(c.test, () => {
      const before = nodeShouldRunDaemonPod(c.oldNode, c.ds);
      const after = nodeShouldRunDaemonPod(c.newNode, c.ds);
      const changed = before.shouldRun !== after.shouldRun || before.shouldContinueRunning !== after.shouldContinueRunning;
      expect(changed).toBe(c.shouldEnqueue);
    });
  }
});

describe('test/integration/daemonset/daemonset_test.go', () => {
  it('TestTaintedNode: a NoSchedule taint keeps the pod off until it is removed', () => {
    const ds = newDaemonSet('foo');
    const tainted = newNode('node-with-taint', undefined, { taints: [{ key: 'key1', value: 'val1', effect: 'NoSchedule' }] });
    expect(decision(nodeShouldRunDaemonPod(tainted, ds))).toEqual(KEEP);
    expect(decision(nodeShouldRunDaemonPod(newNode('node-without-taint'), ds))).toEqual(RUN);
    expect(decision(nodeShouldRunDaemonPod(newNode('node-with-taint', undefined, { taints: [] }), ds))).toEqual(RUN);
  });

  it('TestUnschedulableNodeDaemonDoesLaunchPod: unschedulable and network-unavailable taints are tolerated with hostNetwork', () => {
    const ds = newDaemonSet('foo', { hostNetwork: true });
    const unschedulable = newNode('unschedulable-node', undefined, {
      unschedulable: true,
      taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }],
    });
    const networkUnavailable = newNode('network-unavailable-node', undefined, {
      conditions: [
        { type: 'Ready', status: 'False' },
        { type: 'NetworkUnavailable', status: 'True' },
      ],
      taints: [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }],
    });
    expect(decision(nodeShouldRunDaemonPod(unschedulable, ds))).toEqual(RUN);
    expect(decision(nodeShouldRunDaemonPod(networkUnavailable, ds))).toEqual(RUN);
  });

  // TestDaemonSetRollingUpdateWithTolerations: tolerations without an effect; nodes 0-1 zone-y, 2-3 zone-z, 4-5 zone-common
  const zoneNodes = (): Node[] =>
    [0, 1, 2, 3, 4, 5].map((i) => newNode(`node-${i}`, undefined, { taints: [{ key: i < 2 ? 'zone-y' : i < 4 ? 'zone-z' : 'zone-common', effect: 'NoSchedule' }] }));
  const rollingCases: { name: string; tolerations: Toleration[] | undefined; desired: number }[] = [
    { name: 'zone-y and zone-common', tolerations: [{ key: 'zone-y', operator: 'Exists' }, { key: 'zone-common', operator: 'Exists' }], desired: 4 },
    { name: 'zone-z and zone-common', tolerations: [{ key: 'zone-z', operator: 'Exists' }, { key: 'zone-common', operator: 'Exists' }], desired: 4 },
    {
      name: 'all three zones',
      tolerations: [{ key: 'zone-y', operator: 'Exists' }, { key: 'zone-z', operator: 'Exists' }, { key: 'zone-common', operator: 'Exists' }],
      desired: 6,
    },
    { name: 'no tolerations', tolerations: undefined, desired: 0 },
  ];
  for (const c of rollingCases) {
    it(`TestDaemonSetRollingUpdateWithTolerations: ${c.name}`, () => {
      const ds = newDaemonSet('foo', c.tolerations === undefined ? {} : { tolerations: c.tolerations });
      const results = zoneNodes().map((n) => nodeShouldRunDaemonPod(n, ds));
      expect(results.filter((r) => r.shouldRun).length).toBe(c.desired);
      // NoSchedule only: old pods on the other zones may stay (they leave only through the rolling update)
      expect(results.every((r) => r.shouldContinueRunning)).toBe(true);
    });
  }
});

describe('placement rules (kubernetes-daemonset.md §3 and §11)', () => {
  const cases: { name: string; ds: DaemonSet; node: Node; want: typeof RUN }[] = [
    { name: 'no constraints', ds: newDaemonSet('a'), node: newNode('n'), want: RUN },
    { name: 'a DaemonSet without a template spec gets the defaults only', ds: { metadata: { name: 'x' } }, node: newNode('n', undefined, { taints: nodeNotReady }), want: RUN },
    { name: 'a node without metadata or spec', ds: newDaemonSet('a'), node: {}, want: RUN },
    { name: 'template nodeName matches', ds: newDaemonSet('a', { nodeName: 'n' }), node: newNode('n'), want: RUN },
    { name: 'template nodeName differs', ds: newDaemonSet('a', { nodeName: 'm' }), node: newNode('n'), want: NEITHER },
    { name: 'template nodeName "" means any node', ds: newDaemonSet('a', { nodeName: '' }), node: newNode('n'), want: RUN },
    {
      name: 'nodeName mismatch wins over a tolerated node',
      ds: newDaemonSet('a', { nodeName: 'm', tolerations: [{ operator: 'Exists' }] }),
      node: newNode('n', undefined, { taints: noExecuteTaints }),
      want: NEITHER,
    },
    { name: 'losing the nodeSelector label removes the pod', ds: newDaemonSet('a', { nodeSelector: { disk: 'ssd' } }), node: newNode('n', { disk: 'hdd' }), want: NEITHER },
    {
      name: 'a label mismatch wins over an untolerated NoSchedule taint',
      ds: newDaemonSet('a', { nodeSelector: { disk: 'ssd' } }),
      node: newNode('n', {}, { taints: noScheduleTaints }),
      want: NEITHER,
    },
    {
      name: 'losing a required affinity match removes the pod (…IgnoredDuringExecution notwithstanding)',
      ds: newDaemonSet('a', {
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } } },
      }),
      node: newNode('n', { zone: 'b' }),
      want: NEITHER,
    },
    {
      name: 'nodeSelectorTerms [] matches no node',
      ds: newDaemonSet('a', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } } }),
      node: newNode('n'),
      want: NEITHER,
    },
    {
      name: 'a Gt term that cannot parse never matches, the next term does',
      ds: newDaemonSet('a', {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['1.5'] }] },
                { matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['07'] }] },
              ],
            },
          },
        },
      }),
      node: newNode('n', { cores: '8' }),
      want: RUN,
    },
    {
      name: 'only preferred affinity is ignored',
      ds: newDaemonSet('a', {
        affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } }] } },
      }),
      node: newNode('n', { zone: 'b' }),
      want: RUN,
    },
    {
      name: 'pod anti-affinity is ignored',
      ds: newDaemonSet('a', {
        affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: simpleDaemonSetLabel } }] } },
      }),
      node: newNode('n'),
      want: RUN,
    },
    { name: 'PreferNoSchedule is ignored', ds: newDaemonSet('a'), node: newNode('n', undefined, { taints: [{ key: 'k', effect: 'PreferNoSchedule' }] }), want: RUN },
    { name: 'a taint with an unknown effect is ignored', ds: newDaemonSet('a'), node: newNode('n', undefined, { taints: [{ key: 'k', effect: 'Sometimes' }] }), want: RUN },
    { name: 'untolerated NoSchedule: keep but do not add', ds: newDaemonSet('a'), node: newNode('n', undefined, { taints: noScheduleTaints }), want: KEEP },
    { name: 'untolerated NoExecute: remove', ds: newDaemonSet('a'), node: newNode('n', undefined, { taints: noExecuteTaints }), want: NEITHER },
    {
      name: 'untolerated NoSchedule and NoExecute: remove',
      ds: newDaemonSet('a'),
      node: newNode('n', undefined, { taints: [...noScheduleTaints, { key: 'other', effect: 'NoExecute' }] }),
      want: NEITHER,
    },
    {
      name: 'NoExecute after a NoSchedule still removes',
      ds: newDaemonSet('a'),
      node: newNode('n', undefined, { taints: [{ key: 'a', effect: 'NoSchedule' }, { key: 'b', effect: 'NoSchedule' }, { key: 'c', effect: 'NoExecute' }] }),
      want: NEITHER,
    },
    {
      name: 'tolerated NoExecute, untolerated NoSchedule: keep',
      ds: newDaemonSet('a', { tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }] }),
      node: newNode('n', undefined, { taints: [...noExecuteTaints, { key: 'x', effect: 'NoSchedule' }] }),
      want: KEEP,
    },
    {
      name: 'a NoExecute toleration with tolerationSeconds still tolerates',
      ds: newDaemonSet('a', { tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 0 }] }),
      node: newNode('n', undefined, { taints: noExecuteTaints }),
      want: RUN,
    },
    {
      name: 'a real NotReady node carries not-ready:NoSchedule too, which is not tolerated by default',
      ds: newDaemonSet('a'),
      node: newNode('n', undefined, { taints: [{ key: TAINT_NODE_NOT_READY, effect: 'NoSchedule' }, ...nodeNotReady] }),
      want: KEEP,
    },
    { name: 'unreachable:NoSchedule is not tolerated by default', ds: newDaemonSet('a'), node: newNode('n', undefined, { taints: [{ key: TAINT_NODE_UNREACHABLE, effect: 'NoSchedule' }] }), want: KEEP },
    {
      name: 'out-of-service:NoExecute is not tolerated by default',
      ds: newDaemonSet('a'),
      node: newNode('n', undefined, { taints: [{ key: 'node.kubernetes.io/out-of-service', value: 'nodeshutdown', effect: 'NoExecute' }] }),
      want: NEITHER,
    },
    {
      name: 'control-plane:NoSchedule is not tolerated by default',
      ds: newDaemonSet('a'),
      node: newNode('n', undefined, { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }),
      want: KEEP,
    },
    {
      name: 'control-plane tolerated explicitly',
      ds: newDaemonSet('a', { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] }),
      node: newNode('n', undefined, { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }),
      want: RUN,
    },
    {
      name: 'network-unavailable is not tolerated without hostNetwork',
      ds: newDaemonSet('a'),
      node: newNode('n', undefined, { taints: [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }] }),
      want: KEEP,
    },
    {
      name: 'network-unavailable is tolerated with hostNetwork',
      ds: newDaemonSet('a', { hostNetwork: true }),
      node: newNode('n', undefined, { taints: [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }] }),
      want: RUN,
    },
    {
      name: 'all condition taints of a sick node are tolerated',
      ds: newDaemonSet('a'),
      node: newNode('n', undefined, {
        taints: [
          { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
          { key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' },
          { key: 'node.kubernetes.io/disk-pressure', effect: 'NoSchedule' },
          { key: 'node.kubernetes.io/pid-pressure', effect: 'NoSchedule' },
          ...nodeUnreachable,
        ],
      }),
      want: RUN,
    },
    { name: 'cordoned without a taint still runs', ds: newDaemonSet('a'), node: newNode('n', undefined, { unschedulable: true }), want: RUN },
    {
      name: 'conditions are not considered',
      ds: newDaemonSet('a'),
      node: newNode('n', undefined, { conditions: [{ type: 'Ready', status: 'False' }, { type: 'MemoryPressure', status: 'True' }] }),
      want: RUN,
    },
    {
      name: 'a user toleration that only differs by operator does not hide the default',
      ds: newDaemonSet('a', { tolerations: [{ key: TAINT_NODE_NOT_READY, effect: 'NoExecute', value: 'x' }] }),
      node: newNode('n', undefined, { taints: nodeNotReady }),
      want: RUN,
    },
    {
      name: 'tolerate-everything toleration',
      ds: newDaemonSet('a', { tolerations: [{ operator: 'Exists' }] }),
      node: newNode('n', undefined, { taints: [...noExecuteTaints, ...noScheduleTaints] }),
      want: RUN,
    },
    {
      name: 'Equal toleration with a different value does not tolerate',
      ds: newDaemonSet('a', { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'user2' }] }),
      node: newNode('n', undefined, { taints: noExecuteTaints }),
      want: NEITHER,
    },
    {
      name: 'a Gt toleration never tolerates (feature gate off)',
      ds: newDaemonSet('a', { tolerations: [{ key: 'sla', operator: 'Gt', value: '1' }] }),
      node: newNode('n', undefined, { taints: [{ key: 'sla', value: '5', effect: 'NoSchedule' }] }),
      want: KEEP,
    },
  ];
  for (const c of cases) it(c.name, () => expect(decision(nodeShouldRunDaemonPod(c.node, c.ds))).toEqual(c.want));
});

describe('samePlacementRules', () => {
  const affinity = (zone: string): Partial<PodSpec> => ({
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: [zone] }] }],
        },
      },
    },
  });
  const preferred: Partial<PodSpec> = {
    affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'a', operator: 'Exists' }] } }] } },
  };
  it.each([
    { change: 'the image', a: {}, b: { containers: [{ name: 'c', image: 'foo/bar:2' }] }, same: true },
    { change: 'resources (not read: the scheduler weighs them, not the controller)', a: {}, b: resourcePodSpec('', '1Gi', '1'), same: true },
    { change: 'nothing but the nodeSelector key order', a: { nodeSelector: { a: '1', b: '2' } }, b: { nodeSelector: { b: '2', a: '1' } }, same: true },
    { change: 'the nodeSelector', a: { nodeSelector: { a: '1' } }, b: { nodeSelector: { a: '2' } }, same: false },
    { change: 'a toleration added', a: {}, b: { tolerations: noScheduleTolerations }, same: false },
    { change: 'hostNetwork (which adds default tolerations)', a: {}, b: { hostNetwork: true }, same: false },
    { change: 'the required node affinity', a: affinity('a'), b: affinity('b'), same: false },
    { change: 'only a preferred node affinity (not read)', a: {}, b: preferred, same: true },
    { change: 'the template nodeName', a: {}, b: { nodeName: 'node-1' }, same: false },
  ])('$change: $same', ({ a, b, same }) => {
    expect(samePlacementRules(newDaemonSet('foo', a), newDaemonSet('foo', b))).toBe(same);
  });

  it('agrees with nodeShouldRunDaemonPod: same rules, same decision on every node', () => {
    const nodes = [newNode('a', { zone: 'a' }), newNode('b', { zone: 'b' }, { taints: noScheduleTaints }), newNode('c', {}, { taints: noExecuteTaints })];
    const x = newDaemonSet('foo', { ...affinity('a'), tolerations: noScheduleTolerations });
    const y = newDaemonSet('foo', { ...affinity('a'), tolerations: noScheduleTolerations, containers: [{ name: 'c', image: 'v2' }] });
    expect(samePlacementRules(x, y)).toBe(true);
    for (const n of nodes) expect(decision(nodeShouldRunDaemonPod(n, y))).toEqual(decision(nodeShouldRunDaemonPod(n, x)));
  });
});

describe('daemonPodTolerations', () => {
  it('merges the template tolerations with the defaults', () => {
    const ds = newDaemonSet('a', { tolerations: noScheduleTolerations, hostNetwork: true });
    expect(daemonPodTolerations(ds)).toEqual(addOrUpdateDaemonPodTolerations(ds.spec?.template.spec));
    expect(daemonPodTolerations(ds)).toHaveLength(8);
  });

  it('is cached per template spec object and frozen', () => {
    const ds = newDaemonSet('a');
    const first = daemonPodTolerations(ds);
    expect(daemonPodTolerations(ds)).toBe(first);
    // another DaemonSet object sharing the same template spec shares the entry
    expect(daemonPodTolerations({ ...ds })).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('a new template spec object (an update) is computed afresh', () => {
    const ds = newDaemonSet('a');
    const first = daemonPodTolerations(ds);
    const spec = ds.spec?.template.spec as PodSpec;
    const updated: DaemonSet = { ...ds, spec: { ...ds.spec!, template: { ...ds.spec!.template, spec: { ...spec, tolerations: noScheduleTolerations } } } };
    const second = daemonPodTolerations(updated);
    expect(second).not.toBe(first);
    expect(second[0]).toEqual(noScheduleTolerations[0]);
    expect(decision(nodeShouldRunDaemonPod(newNode('n', undefined, { taints: noScheduleTaints }), ds))).toEqual(KEEP);
    expect(decision(nodeShouldRunDaemonPod(newNode('n', undefined, { taints: noScheduleTaints }), updated))).toEqual(RUN);
  });

  it('a DaemonSet without a template gets the six defaults', () => {
    expect(daemonPodTolerations({})).toEqual(addOrUpdateDaemonPodTolerations({}));
  });
});

describe('hot loop', () => {
  it('returns shared decision objects (no allocation per call)', () => {
    const ds = newDaemonSet('a');
    expect(nodeShouldRunDaemonPod(newNode('a'), ds)).toBe(nodeShouldRunDaemonPod(newNode('b'), ds));
    expect(nodeShouldRunDaemonPod(newNode('a', undefined, { taints: noScheduleTaints }), ds)).toBe(
      nodeShouldRunDaemonPod(newNode('b', undefined, { taints: noScheduleTaints }), ds),
    );
    expect(Object.isFrozen(nodeShouldRunDaemonPod(newNode('a'), ds))).toBe(true);
  });

  it('evaluates 100,000 nodes quickly', () => {
    const ds = newDaemonSet('a', {
      nodeSelector: { pool: 'general' },
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['z9'] }] }] },
        },
      },
    });
    const nodes: Node[] = [];
    for (let i = 0; i < 100_000; i++) {
      nodes.push(
        newNode(`node-${i}`, { pool: i % 10 === 0 ? 'gpu' : 'general', zone: `z${i % 10}` }, i % 7 === 0 ? { taints: [{ key: 'dedicated', effect: i % 2 === 0 ? 'NoSchedule' : 'NoExecute' }] } : {}),
      );
    }
    let run = 0;
    // warm up, then measure
    for (const n of nodes) if (nodeShouldRunDaemonPod(n, ds).shouldRun) run++;
    const start = performance.now();
    run = 0;
    for (const n of nodes) if (nodeShouldRunDaemonPod(n, ds).shouldRun) run++;
    const elapsed = performance.now() - start;
    // pool=gpu and zone=z9 nodes are excluded by label; 1 in 7 of the rest carries an untolerated taint
    const expected = nodes.filter((_, i) => i % 10 !== 0 && i % 10 !== 9 && i % 7 !== 0).length;
    expect(run).toBe(expected);
    // generous bound for slow CI machines; typically a few milliseconds
    expect(elapsed).toBeLessThan(250);
  });
});

// Tests for the DaemonSet controller's manage() and syncDaemonSet (sections 2 and 5), table-driven after
// pkg/controller/daemon/daemon_controller_test.go. Most run one "sync" as Kubernetes' unit tests do
// (manage then rollingUpdate with instant writes, FakePodControl) and count (creates, deletes).

import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node, PodSpec, Toleration } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { FakePodControl } from '../test/fakePodControl.ts';
import { addNodes, addPods, barePodCreated, daemonPod, daemonSet, markPodsReady, node, nodeNames, Scenario } from '../test/fixtures.ts';
import {
  allowsSurge,
  manage,
  orphanedPods,
  podGarbageCollection,
  podsShouldBeOnNode,
  selectsAll,
  syncDaemonSet,
  type Intent,
} from './controller.ts';
import { events as ev } from './events.ts';
import { constructHistory, revisionsOf } from './history.ts';
import { podLabels, revisionObject } from './apiObjects.ts';
import { intentsToEvents } from './podControl.ts';
import { generateName, randomUid } from './names.ts';
import { Random } from './random.ts';
import { collectGarbage, settle } from './settle.ts';
import { daemonPodsOnNode, getPod, Placement, podsOnNode, type PodRecord } from './state.ts';
import { tableValues } from './table.ts';

const simpleNodeLabel = { color: 'blue', speed: 'fast' };
const simpleNodeLabel2 = { color: 'red', speed: 'fast' };
const noScheduleTaint = { key: 'dedicated', value: 'user1', effect: 'NoSchedule' } as const;
const noExecuteTaint = { key: 'dedicated', value: 'user1', effect: 'NoExecute' } as const;
const noScheduleToleration: Toleration = { key: 'dedicated', value: 'user1', effect: 'NoSchedule' };

/** Kubernetes' updateStrategies(): every test that loops over them runs once per strategy here. */
const STRATEGIES = [
  { strategy: 'OnDelete', onDelete: true },
  { strategy: 'RollingUpdate', onDelete: false },
] as const;

/** newDaemonSet("foo") with the given strategy, and its pod spec edited by `spec`. */
function ds(name: string, onDelete: boolean, spec: (s: PodSpec) => void = () => {}, opts: Parameters<typeof daemonSet>[1] = {}): DaemonSet {
  const d = daemonSet(name, { onDelete, ...opts });
  spec(d.spec!.template.spec!);
  return d;
}

function withConditions(n: Node, conditions: { type: string; status: string }[]): Node {
  return { ...n, status: { ...n.status, conditions } };
}

function sync(s: Scenario, name = 'foo'): [number, number] {
  return new FakePodControl(s).counts(name);
}

describe.each(STRATEGIES)('launching pods ($strategy)', ({ onDelete }) => {
  // mirrors TestSimpleDaemonSetLaunchesPods and TestSimpleDaemonSetScheduleDaemonSetPodsLaunchesPods
  it('TestSimpleDaemonSetLaunchesPods: one pod per node, each targeting its node and left for the scheduler to bind', () => {
    const s = new Scenario().apply(addNodes(0, 5), ev.daemonSetApplied(ds('foo', onDelete)));
    expect(sync(s)).toEqual([5, 0]);
    const pods = [...tableValues(s.state.pods)];
    expect(pods.map((p) => p.targetNode).sort()).toEqual(nodeNames(0, 5));
    expect(pods.every((p) => p.nodeName === undefined && p.owner === 'default/foo' && p.hash === s.ds('foo').hash)).toBe(true);
    expect(s.ds('foo').counts).toMatchObject({ desiredNumberScheduled: 5, currentNumberScheduled: 5, updatedNumberScheduled: 5 });
  });

  it('TestNoNodesDoesNothing', () => {
    const s = new Scenario().apply(ev.daemonSetApplied(ds('foo', onDelete)));
    expect(sync(s)).toEqual([0, 0]);
  });

  it('TestOneNodeDaemonLaunchesPod', () => {
    const s = new Scenario().apply(ev.nodeAdded(node('only-node')), ev.daemonSetApplied(ds('foo', onDelete)));
    expect(sync(s)).toEqual([1, 0]);
  });

  it('TestNotReadyNodeDaemonDoesLaunchPod: a Ready=False condition without taints is ignored', () => {
    const s = new Scenario().apply(ev.nodeAdded(node('not-ready', { ready: false })), ev.daemonSetApplied(ds('foo', onDelete)));
    expect(sync(s)).toEqual([1, 0]);
  });

  it('TestNetworkUnavailableNodeDaemonLaunchesPod: conditions alone never stop the controller', () => {
    const n = withConditions(node('network-unavailable'), [{ type: 'NetworkUnavailable', status: 'True' }]);
    const s = new Scenario().apply(ev.nodeAdded(n), ev.daemonSetApplied(ds('simple', onDelete)));
    expect(sync(s, 'simple')).toEqual([1, 0]);
  });

  it('TestInsufficientCapacityNodeDaemonDoesNotUnscheduleRunningPod: resources are the scheduler’s business', () => {
    const d = ds('foo', onDelete, (spec) => {
      spec.nodeName = 'too-much-mem';
      spec.containers[0]!.resources = { requests: { memory: '75M', cpu: '75m' } };
    });
    const s = new Scenario().apply(
      ev.nodeAdded(node('too-much-mem', { cpu: '200m' })),
      barePodCreated('hog', 'too-much-mem'),
      ev.daemonSetApplied(d),
    );
    expect(sync(s)).toEqual([1, 0]);
  });

  it('TestInsufficientCapacityNodeSufficientCapacityWithNodeLabelDaemonLaunchPod', () => {
    const d = ds('foo', onDelete, (spec) => {
      spec.nodeSelector = simpleNodeLabel;
      spec.containers[0]!.resources = { requests: { memory: '50M', cpu: '75m' } };
    });
    const s = new Scenario().apply(
      ev.nodeAdded(node('not-enough-resource', { cpu: '20m' })),
      ev.nodeAdded(node('enough-resource', { cpu: '200m', labels: simpleNodeLabel })),
      ev.daemonSetApplied(d),
    );
    expect(sync(s)).toEqual([1, 0]);
    expect(s.pods('foo', 'enough-resource')).toHaveLength(1);
  });

  it('TestInsufficientCapacityNode: an unschedulable (Pending) pod still counts as current and is kept', () => {
    const s = new Scenario().apply(ev.nodeAdded(node('small', { cpu: '1' })), ev.daemonSetApplied(daemonSet('foo', { onDelete, cpu: '8' })));
    expect(sync(s)).toEqual([1, 0]);
    s.apply(ev.podUnschedulable(s.pods('foo', 'small')[0]!, '0/1 nodes are available: 1 Insufficient cpu.'));
    expect(sync(s)).toEqual([0, 0]);
    expect(s.ds('foo').counts).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1, numberReady: 0 });
  });

  it('TestPortConflictWithSameDaemonPodDoesNotDeletePod', () => {
    const d = ds('foo', onDelete, (spec) => {
      spec.nodeName = 'port-conflict';
      spec.containers[0]!.ports = [{ containerPort: 666, hostPort: 666 }];
    });
    const s = new Scenario().apply(ev.nodeAdded(node('port-conflict')), ev.daemonSetApplied(d));
    s.apply(daemonPod(s.ds('foo'), 'port-conflict', 'foo-1'));
    expect(sync(s)).toEqual([0, 0]);
  });

  it('TestNoPortConflictNodeDaemonLaunchesPod: host ports are not considered', () => {
    const d = ds('foo', onDelete, (spec) => {
      spec.nodeName = 'no-port-conflict';
      spec.containers[0]!.ports = [{ containerPort: 6662, hostPort: 6662 }];
    });
    const s = new Scenario().apply(ev.nodeAdded(node('no-port-conflict')), barePodCreated('other', 'no-port-conflict'), ev.daemonSetApplied(d));
    expect(sync(s)).toEqual([1, 0]);
  });

  it('TestDealsWithExistingPods: pods the selector does not match are ignored; excess pods are deleted', () => {
    const s = new Scenario().apply(ev.daemonSetApplied(ds('foo', onDelete)), addNodes(0, 5));
    const d = s.ds('foo');
    s.apply(
      addPods(d, 'node-1', 1),
      addPods(d, 'node-2', 2),
      addPods(d, 'node-3', 5),
      // simpleDaemonSetLabel2 pods: not this DaemonSet's (dsim's pods never change labels, so a bare pod stands in)
      barePodCreated('node-4-0', 'node-4'),
      barePodCreated('node-4-1', 'node-4'),
    );
    expect(sync(s)).toEqual([2, 5]);
  });

  it('TestSelectorDaemonLaunchesPods', () => {
    const s = new Scenario().apply(addNodes(0, 4), addNodes(4, 3, simpleNodeLabel), ev.daemonSetApplied(ds('foo', onDelete, (p) => (p.nodeSelector = simpleNodeLabel))));
    expect(sync(s)).toEqual([3, 0]);
  });

  it('TestSelectorDaemonDeletesUnselectedPods', () => {
    const s = new Scenario().apply(ev.daemonSetApplied(ds('foo', onDelete, (p) => (p.nodeSelector = simpleNodeLabel))), addNodes(0, 5), addNodes(5, 5, simpleNodeLabel));
    const d = s.ds('foo');
    s.apply(
      barePodCreated('node-0-a', 'node-0'),
      barePodCreated('node-0-b', 'node-0'),
      addPods(d, 'node-1', 3),
      barePodCreated('node-1-x', 'node-1'),
      addPods(d, 'node-4', 1),
    );
    expect(sync(s)).toEqual([5, 4]);
  });

  it('TestSelectorDaemonDealsWithExistingPods', () => {
    const s = new Scenario().apply(ev.daemonSetApplied(ds('foo', onDelete, (p) => (p.nodeSelector = simpleNodeLabel))), addNodes(0, 5), addNodes(5, 5, simpleNodeLabel));
    const d = s.ds('foo');
    s.apply(
      addPods(d, 'node-0', 1),
      addPods(d, 'node-1', 3),
      barePodCreated('node-1-x', 'node-1'),
      barePodCreated('node-1-y', 'node-1'),
      addPods(d, 'node-2', 4),
      addPods(d, 'node-6', 13),
      [0, 1, 2, 3].map((i) => barePodCreated(`node-7-x${i}`, 'node-7')),
      addPods(d, 'node-9', 1),
      barePodCreated('node-9-x', 'node-9'),
    );
    expect(sync(s)).toEqual([3, 20]);
  });

  it('TestBadSelectorDaemonDoesNothing', () => {
    const s = new Scenario().apply(addNodes(0, 4), addNodes(4, 3, simpleNodeLabel), ev.daemonSetApplied(ds('foo', onDelete, (p) => (p.nodeSelector = simpleNodeLabel2))));
    expect(sync(s)).toEqual([0, 0]);
  });

  it.each([
    // mirrors TestNameDaemonSetLaunchesPods, TestBadNameDaemonSetDoesNothing, TestNameAndSelectorDaemonSetLaunchesPods,
    // TestInconsistentNameSelectorDaemonSetDoesNothing
    { test: 'TestNameDaemonSetLaunchesPods', nodeName: 'node-0', selector: undefined, want: [1, 0] },
    { test: 'TestBadNameDaemonSetDoesNothing', nodeName: 'node-10', selector: undefined, want: [0, 0] },
    { test: 'TestNameAndSelectorDaemonSetLaunchesPods', nodeName: 'node-6', selector: simpleNodeLabel, want: [1, 0] },
    { test: 'TestInconsistentNameSelectorDaemonSetDoesNothing', nodeName: 'node-0', selector: simpleNodeLabel, want: [0, 0] },
  ])('$test', ({ nodeName, selector, want }) => {
    const d = ds('foo', onDelete, (p) => {
      p.nodeName = nodeName;
      if (selector) p.nodeSelector = selector;
    });
    const s = new Scenario().apply(addNodes(0, 4), addNodes(4, 3, simpleNodeLabel), ev.daemonSetApplied(d));
    expect(sync(s)).toEqual(want);
  });

  it('TestNodeAffinityDaemonLaunchesPods', () => {
    const d = ds('foo', onDelete, (p) => {
      p.affinity = {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: 'color', operator: 'In', values: [simpleNodeLabel.color] }] }],
          },
        },
      };
    });
    const s = new Scenario().apply(addNodes(0, 4), addNodes(4, 3, simpleNodeLabel), ev.daemonSetApplied(d));
    expect(sync(s)).toEqual([3, 0]);
  });

  it('TestDaemonSetRespectsTermination: a terminating pod blocks a replacement without surge', () => {
    const s = new Scenario().apply(addNodes(0, 1, simpleNodeLabel), ev.daemonSetApplied(ds('foo', onDelete)));
    s.apply(daemonPod(s.ds('foo'), 'node-0', 'node-0-0', { deleting: 30 }));
    expect(sync(s)).toEqual([0, 0]);
  });
});

describe.each(STRATEGIES)('taints ($strategy)', ({ onDelete }) => {
  it('TestNoScheduleTaintedDoesntEvicitRunningIntolerantPod: kept, but misscheduled and not desired', () => {
    const s = new Scenario().apply(ev.nodeAdded(node('tainted')), ev.daemonSetApplied(ds('intolerant', onDelete)));
    s.apply(daemonPod(s.ds('intolerant'), 'tainted', 'keep-running-me', { ready: true }));
    s.apply(ev.nodeUpdated(node('tainted', { taints: [noScheduleTaint] })));
    expect(sync(s, 'intolerant')).toEqual([0, 0]);
    expect(s.ds('intolerant').counts).toMatchObject({ desiredNumberScheduled: 0, currentNumberScheduled: 0, numberMisscheduled: 1 });
  });

  it('TestNoExecuteTaintedDoesEvicitRunningIntolerantPod', () => {
    const s = new Scenario().apply(ev.nodeAdded(node('tainted')), ev.daemonSetApplied(ds('intolerant', onDelete)));
    s.apply(daemonPod(s.ds('intolerant'), 'tainted', 'stop-running-me', { ready: true }));
    s.apply(ev.nodeUpdated(node('tainted', { taints: [noExecuteTaint] })));
    expect(sync(s, 'intolerant')).toEqual([0, 1]);
  });

  it('TestTaintedNodeDaemonDoesNotLaunchIntolerantPod', () => {
    const s = new Scenario().apply(ev.nodeAdded(node('tainted', { taints: [noScheduleTaint] })), ev.daemonSetApplied(ds('intolerant', onDelete)));
    expect(sync(s, 'intolerant')).toEqual([0, 0]);
  });

  it('TestTaintedNodeDaemonLaunchesToleratePod', () => {
    const s = new Scenario().apply(
      ev.nodeAdded(node('tainted', { taints: [noScheduleTaint] })),
      ev.daemonSetApplied(ds('tolerate', onDelete, (p) => (p.tolerations = [noScheduleToleration]))),
    );
    expect(sync(s, 'tolerate')).toEqual([1, 0]);
  });

  it('TestNodeDaemonLaunchesToleratePod', () => {
    const s = new Scenario().apply(addNodes(0, 1), ev.daemonSetApplied(ds('tolerate', onDelete, (p) => (p.tolerations = [noScheduleToleration]))));
    expect(sync(s, 'tolerate')).toEqual([1, 0]);
  });

  it.each([
    // mirrors TestNotReadyNodeDaemonLaunchesPod and TestUnreachableNodeDaemonLaunchesPod: the NoExecute taints are tolerated by default
    { test: 'TestNotReadyNodeDaemonLaunchesPod', key: 'node.kubernetes.io/not-ready', status: 'False' },
    { test: 'TestUnreachableNodeDaemonLaunchesPod', key: 'node.kubernetes.io/unreachable', status: 'Unknown' },
  ])('$test', ({ key, status }) => {
    const n = withConditions(node('tainted', { taints: [{ key, effect: 'NoExecute' }] }), [{ type: 'Ready', status }]);
    const s = new Scenario().apply(ev.nodeAdded(n), ev.daemonSetApplied(ds('simple', onDelete)));
    expect(sync(s, 'simple')).toEqual([1, 0]);
  });

  it('TestTaintPressureNodeDaemonLaunchesPod: pressure taints are tolerated by default', () => {
    const n = withConditions(
      node('resources-pressure', {
        taints: ['disk-pressure', 'memory-pressure', 'pid-pressure'].map((k) => ({ key: `node.kubernetes.io/${k}`, effect: 'NoSchedule' })),
      }),
      [
        { type: 'DiskPressure', status: 'True' },
        { type: 'MemoryPressure', status: 'True' },
        { type: 'PIDPressure', status: 'True' },
      ],
    );
    const d = ds('critical', onDelete, (p) => (p.priority = 2000000000), { namespace: 'kube-system' });
    const s = new Scenario().apply(ev.nodeAdded(n), ev.daemonSetApplied(d));
    expect(new FakePodControl(s).sync('critical', {}, 'kube-system').creates).toBe(1);
  });

  it('real NotReady nodes carry not-ready:NoSchedule, which is not tolerated: the pod stays, misscheduled (section 11.3)', () => {
    const s = new Scenario().apply(ev.nodeAdded(node('n')), ev.daemonSetApplied(ds('foo', onDelete)));
    s.apply(daemonPod(s.ds('foo'), 'n', 'p', { ready: true }));
    s.apply(
      ev.nodeUpdated(
        node('n', {
          ready: false,
          taints: [
            { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' },
            { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' },
          ],
        }),
      ),
    );
    expect(sync(s)).toEqual([0, 0]);
    expect(s.ds('foo').counts).toMatchObject({ desiredNumberScheduled: 0, numberMisscheduled: 1 });
    s.apply(ev.podDeleted(s.pods('foo', 'n')[0]!));
    expect(sync(s)).toEqual([0, 0]);
  });

  it('PreferNoSchedule is ignored; cordon (unschedulable taint) is tolerated by default', () => {
    const s = new Scenario().apply(
      ev.nodeAdded(node('prefer', { taints: [{ key: 'dedicated', effect: 'PreferNoSchedule' }] })),
      ev.nodeAdded({ ...node('cordoned', { taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] }), spec: { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] } }),
      ev.daemonSetApplied(ds('foo', onDelete)),
    );
    expect(sync(s)).toEqual([2, 0]);
  });
});

describe.each(STRATEGIES)('failed and succeeded pods ($strategy)', ({ onDelete }) => {
  // mirrors TestDaemonKillFailedPods
  it.each([
    { numFailedPods: 0, numNormalPods: 1, expectedCreates: 0, expectedDeletes: 0, test: 'normal (do nothing)' },
    { numFailedPods: 0, numNormalPods: 0, expectedCreates: 1, expectedDeletes: 0, test: 'no pods (create 1)' },
    { numFailedPods: 1, numNormalPods: 0, expectedCreates: 0, expectedDeletes: 1, test: '1 failed pod (kill 1), 0 normal pod (create 0; will create in the next sync)' },
    { numFailedPods: 1, numNormalPods: 3, expectedCreates: 0, expectedDeletes: 3, test: '1 failed pod (kill 1), 3 normal pods (kill 2)' },
  ])('TestDaemonKillFailedPods: $test', ({ numFailedPods, numNormalPods, expectedCreates, expectedDeletes }) => {
    const s = new Scenario().apply(ev.daemonSetApplied(ds('foo', onDelete)), addNodes(0, 1));
    const d = s.ds('foo');
    s.apply(addPods(d, 'node-0', numFailedPods, { phase: 'Failed' }, 'failed'), addPods(d, 'node-0', numNormalPods, { phase: 'Running' }));
    expect(sync(s)).toEqual([expectedCreates, expectedDeletes]);
    // whatever the first sync did, the node ends with exactly one pod
    sync(s);
    expect(s.pods('foo', 'node-0').filter((p) => p.phase !== 'Failed')).toHaveLength(1);
  });

  // mirrors TestDaemonKillFailedPodsBackoff: the backoff is the engine's; the controller asks whether the node may delete now
  it('TestDaemonKillFailedPodsBackoff: a failed pod waits while its node is in backoff', () => {
    const s = new Scenario().apply(ev.daemonSetApplied(ds('foo', onDelete)), addNodes(0, 1));
    s.apply(daemonPod(s.ds('foo'), 'node-0', 'node-0-x', { phase: 'Failed' }));
    const pc = new FakePodControl(s);
    const asked: string[] = [];
    const inBackoff = { failedPodDeletable: (dsKey: string, n: string) => (asked.push(`${dsKey}@${n}`), false) };
    expect(pc.sync('foo', inBackoff)).toMatchObject({ creates: 0, deletes: 0 });
    expect(asked).toContain('default/foo@node-0');
    const intents = manage(s.state, s.ds('foo'));
    expect(intents).toEqual([{ type: 'DeletePod', namespace: 'default', name: 'node-0-x', reason: 'FailedDaemonPod' }]);
  });

  it('Succeeded pods are deleted (SucceededDaemonPod) and replaced on a later sync', () => {
    const s = new Scenario().apply(ev.daemonSetApplied(ds('foo', onDelete)), addNodes(0, 1));
    s.apply(daemonPod(s.ds('foo'), 'node-0', 'done', { phase: 'Succeeded' }));
    expect(manage(s.state, s.ds('foo'))).toEqual([{ type: 'DeletePod', namespace: 'default', name: 'done', reason: 'SucceededDaemonPod' }]);
    expect([sync(s), sync(s)]).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });

  it('on a NoSchedule-tainted node failed pods are deleted and not replaced', () => {
    const s = new Scenario().apply(ev.daemonSetApplied(ds('foo', onDelete)), ev.nodeAdded(node('t')));
    s.apply(daemonPod(s.ds('foo'), 't', 'p', { phase: 'Failed' }));
    s.apply(ev.nodeUpdated(node('t', { taints: [noScheduleTaint] })));
    expect([sync(s), sync(s)]).toEqual([
      [0, 1],
      [0, 0],
    ]);
  });
});

describe('surge in manage()', () => {
  function surge(minReadySeconds?: number): Scenario {
    const d = daemonSet('foo', { maxSurge: 1, ...(minReadySeconds !== undefined ? { minReadySeconds } : {}) });
    return new Scenario().apply(ev.daemonSetApplied(d), addNodes(0, 5));
  }

  it('TestSurgeDealsWithExistingPods', () => {
    const s = surge();
    const d = s.ds('foo');
    s.apply(addPods(d, 'node-1', 1), addPods(d, 'node-2', 2), addPods(d, 'node-3', 5), barePodCreated('x0', 'node-4'), barePodCreated('x1', 'node-4'));
    expect(sync(s)).toEqual([2, 5]);
  });

  it('TestSurgePreservesReadyOldPods: keeps the oldest new and the oldest (ready) old pod', () => {
    const s = surge();
    const d = s.ds('foo');
    s.at(100).apply(daemonPod(d, 'node-1', 'node-1-new'));
    s.at(50).apply(daemonPod(d, 'node-1', 'node-1-old', { old: true, ready: true }));
    s.at(60).apply(daemonPod(d, 'node-1', 'node-1-delete', { old: true, ready: true }));
    s.apply(addPods(d, 'node-2', 1));
    const r = new FakePodControl(s).sync('foo');
    expect([r.creates, r.deletes]).toEqual([3, 1]);
    expect(r.deleted).toEqual(['node-1-delete']);
  });

  it('TestSurgeCreatesNewPodWhenAtMaxSurgeAndOldPodDeleted: a node with only a terminating pod gets a new one at once', () => {
    const s = surge();
    const d = s.ds('foo');
    s.at(100).apply(daemonPod(d, 'node-0', 'node-0-new', { bound: true }));
    s.at(50).apply(daemonPod(d, 'node-0', 'node-0-old-ready', { old: true, ready: true }));
    s.at(1).apply(
      [1, 2, 3, 4].map((i) => daemonPod(d, `node-${i}`, `node-${i}-preserve`, { old: true, ready: true, ...(i === 4 ? { deleting: 30 } : {}) })),
    );
    const r = new FakePodControl(s).sync('foo');
    expect([r.creates, r.deletes]).toEqual([1, 0]);
    expect(r.createdOn).toEqual(['node-4']);
  });

  it('TestSurgeDeletesUnreadyOldPods', () => {
    const s = surge();
    const d = s.ds('foo');
    s.at(100).apply(daemonPod(d, 'node-1', 'node-1-new'));
    s.at(50).apply(daemonPod(d, 'node-1', 'node-1-old-unready', { old: true, phase: 'Running' }));
    s.at(60).apply(daemonPod(d, 'node-1', 'node-1-delete', { old: true, ready: true }));
    s.apply(addPods(d, 'node-2', 1));
    const r = new FakePodControl(s).sync('foo');
    expect([r.creates, r.deletes]).toEqual([3, 2]);
    expect([...r.deleted].sort()).toEqual(['node-1-delete', 'node-1-old-unready']);
  });

  // mirrors TestSurgePreservesOldReadyWithUnsatisfiedMinReady and TestSurgeDeletesOldReadyWithUnsatisfiedMinReady:
  // Ready since t=50 with minReadySeconds 15 is not available at t=60 and available at t=70 (PodBecameAvailable in between)
  it.each([
    { test: 'TestSurgePreservesOldReadyWithUnsatisfiedMinReady', available: false, deleted: ['node-1-delete'] },
    { test: 'TestSurgeDeletesOldReadyWithUnsatisfiedMinReady', available: true, deleted: ['node-1-delete', 'node-1-old-ready'] },
  ])('$test', ({ available, deleted }) => {
    const s = surge(15);
    const d = s.ds('foo');
    s.at(100_000).apply(daemonPod(d, 'node-1', 'node-1-new'));
    s.at(50_000).apply(daemonPod(d, 'node-1', 'node-1-old-ready', { old: true, ready: true }));
    s.at(60_000).apply(daemonPod(d, 'node-1', 'node-1-delete', { old: true, ready: true }));
    s.at(50_000).apply(ev.podStarted({ namespace: 'default', name: 'node-1-new' }, false), ev.podBecameReady({ namespace: 'default', name: 'node-1-new' }));
    if (available) s.at(65_001).apply(ev.podBecameAvailable({ namespace: 'default', name: 'node-1-new' }));
    s.apply(addPods(d, 'node-2', 1));
    const r = new FakePodControl(s).sync('foo');
    expect([r.creates, r.deletes]).toEqual([3, deleted.length]);
    expect([...r.deleted].sort()).toEqual(deleted);
  });

  it('new and old are told apart by the revision hash alone (podsShouldBeOnNode)', () => {
    const s = surge();
    const d = s.ds('foo');
    // same template generation, another hash: IsPodUpdated says new, but manage() keeps it as the old pod
    s.at(10).apply(
      ev.podCreated({ namespace: 'default', name: 'same-gen', uid: 'u', daemonSet: d.key, node: 'node-0', hash: 'other', templateGeneration: d.templateGeneration }),
      ev.podBound({ namespace: 'default', name: 'same-gen' }, 'node-0'),
      ev.podStarted({ namespace: 'default', name: 'same-gen' }, false),
      ev.podBecameReady({ namespace: 'default', name: 'same-gen' }),
    );
    s.at(20).apply(daemonPod(d, 'node-0', 'current'));
    expect(manage(s.state, s.ds('foo'), { nodes: ['node-0'] })).toEqual([]);
  });

  it('allowsSurge follows SurgeCount(ds, 1) > 0', () => {
    const rec = (maxSurge: number | string | undefined, onDelete = false) =>
      new Scenario().apply(ev.daemonSetApplied(daemonSet('x', { maxSurge, onDelete, maxUnavailable: 1 }))).ds('x');
    expect(allowsSurge(rec(1))).toBe(true);
    expect(allowsSurge(rec('1%'))).toBe(true);
    expect(allowsSurge(rec(0))).toBe(false);
    expect(allowsSurge(rec('0%'))).toBe(false);
    expect(allowsSurge(rec('00%'))).toBe(false);
    expect(allowsSurge(rec(undefined))).toBe(false);
    expect(allowsSurge(rec(1, true))).toBe(false);
  });
});

describe('podsShouldBeOnNode (section 5)', () => {
  const s = new Scenario().apply(ev.daemonSetApplied(daemonSet('foo', { onDelete: true })), addNodes(0, 1));
  const d = s.ds('foo');
  let t = 0;
  const pod = (name: string, opts: Parameters<typeof daemonPod>[3] = {}): PodRecord => {
    s.at(t++).apply(daemonPod(d, 'node-0', name, opts));
    return getPod(s.state, 'default', name)!;
  };
  const running = pod('running', { ready: true });
  const pending = pod('pending', { bound: false });
  const failed = pod('failed', { phase: 'Failed' });
  const succeeded = pod('succeeded', { phase: 'Succeeded' });
  const deleting = pod('deleting', { deleting: 30 });
  const failedDeleting = pod('failed-deleting', { phase: 'Failed', deleting: 30 });
  const opts = { surge: false, failedPodDeletable: true, nodeName: 'node-0' };
  const names = (ps: readonly PodRecord[]) => ps.map((p) => p.name);

  it.each([
    { rule: 'shouldRun and no pods: create', placement: Placement.Run, pods: [], create: true, del: [] },
    { rule: 'shouldRun with only terminal pods being deleted: they are invisible, create', placement: Placement.Run, pods: [failedDeleting], create: true, del: [] },
    { rule: 'shouldRun with only a terminating pod: nothing yet', placement: Placement.Run, pods: [deleting], create: false, del: [] },
    { rule: 'shouldRun with one pod: nothing', placement: Placement.Run, pods: [running], create: false, del: [] },
    { rule: 'Failed and Succeeded pods are deleted, not replaced in the same sync', placement: Placement.Run, pods: [failed, succeeded], create: false, del: ['failed', 'succeeded'] },
    { rule: 'duplicates: bound first, then oldest', placement: Placement.Run, pods: [pending, running], create: false, del: ['pending'] },
    { rule: 'shouldContinueRunning only (NoSchedule): keep, never create', placement: Placement.Continue, pods: [], create: false, del: [] },
    { rule: 'shouldContinueRunning only: Failed pods still go', placement: Placement.Continue, pods: [running, failed], create: false, del: ['failed'] },
    { rule: '!shouldContinueRunning: every pod not already being deleted goes', placement: Placement.None, pods: [running, pending, failed, deleting], create: false, del: ['running', 'pending', 'failed'] },
    { rule: '!shouldContinueRunning and nothing there: nothing', placement: Placement.None, pods: [failedDeleting], create: false, del: [] },
  ])('$rule', ({ placement, pods, create, del }) => {
    const plan = podsShouldBeOnNode(d, placement, pods, opts);
    expect(plan.create).toBe(create);
    expect(names(plan.delete).sort()).toEqual([...del].sort());
  });

  it('sort order among duplicates: bound first, then the oldest creationTimestamp, then the smaller name', () => {
    const s2 = new Scenario().apply(ev.daemonSetApplied(daemonSet('foo', { onDelete: true })), addNodes(0, 1));
    const d2 = s2.ds('foo');
    s2.at(0).apply(daemonPod(d2, 'node-0', 'a-unbound-oldest', { bound: false }));
    s2.at(10).apply(daemonPod(d2, 'node-0', 'c-bound'), daemonPod(d2, 'node-0', 'b-bound'));
    s2.at(5).apply(daemonPod(d2, 'node-0', 'd-bound-older'));
    const plan = podsShouldBeOnNode(s2.ds('foo'), Placement.Run, daemonPodsOnNode(s2.state, s2.ds('foo'), 'node-0'), opts);
    expect(names(plan.delete).sort()).toEqual(['a-unbound-oldest', 'b-bound', 'c-bound']);
    s2.apply(ev.podDeleted({ namespace: 'default', name: 'd-bound-older' }));
    const plan2 = podsShouldBeOnNode(s2.ds('foo'), Placement.Run, daemonPodsOnNode(s2.state, s2.ds('foo'), 'node-0'), opts);
    expect(names(plan2.delete).sort()).toEqual(['a-unbound-oldest', 'c-bound']);
  });

  it('with surge: 0 running and shouldRun creates even while the old pod terminates', () => {
    expect(podsShouldBeOnNode(d, Placement.Run, [deleting], { ...opts, surge: true })).toEqual({ create: true, delete: [] });
    expect(podsShouldBeOnNode(d, Placement.Continue, [deleting], { ...opts, surge: true }).create).toBe(false);
  });
});

describe('status (section 6) as the controller sees it', () => {
  // mirrors TestNumberReadyStatus
  it.each(STRATEGIES)('TestNumberReadyStatus ($strategy)', ({ onDelete }) => {
    const s = new Scenario().apply(addNodes(0, 2, simpleNodeLabel), ev.daemonSetApplied(ds('foo', onDelete)));
    s.apply(addPods(s.ds('foo'), 'node-0', 1), addPods(s.ds('foo'), 'node-1', 1));
    expect(sync(s)).toEqual([0, 0]);
    expect(s.ds('foo').counts.numberReady).toBe(0);
    s.apply(markPodsReady(s.state));
    expect(sync(s)).toEqual([0, 0]);
    expect(s.ds('foo').counts.numberReady).toBe(2);
  });

  // mirrors TestObservedGeneration
  it.each(STRATEGIES)('TestObservedGeneration ($strategy)', ({ onDelete }) => {
    const s = new Scenario().apply(addNodes(0, 1, simpleNodeLabel), ev.daemonSetApplied(ds('foo', onDelete)));
    s.apply(addPods(s.ds('foo'), 'node-0', 1));
    expect(s.ds('foo').observedGeneration).toBe(0);
    const { intents } = syncDaemonSet(s.state, 'default/foo');
    expect(intents).toContainEqual({ type: 'MarkSynced', daemonSet: 'default/foo', observedGeneration: 1 });
    sync(s);
    expect(s.ds('foo').observedGeneration).toBe(s.ds('foo').generation);
    expect(syncDaemonSet(s.state, 'default/foo').intents.some((i) => i.type === 'MarkSynced')).toBe(false);
  });
});

describe('nodes coming and going', () => {
  // mirrors TestUpdateNode (what the resync then does)
  it.each(STRATEGIES)('TestUpdateNode ($strategy): label and taint changes move placement; allocatable does not', ({ onDelete }) => {
    const s = new Scenario().apply(ev.nodeAdded(node('node1')), ev.daemonSetApplied(ds('ds', onDelete, (p) => (p.nodeSelector = simpleNodeLabel))));
    expect(sync(s, 'ds')).toEqual([0, 0]);
    s.apply(ev.nodeUpdated(node('node1', { labels: simpleNodeLabel })));
    expect(sync(s, 'ds')).toEqual([1, 0]);

    const t = new Scenario().apply(ev.nodeAdded(node('node1', { taints: [noScheduleTaint] })), ev.daemonSetApplied(ds('ds', onDelete)));
    expect(sync(t, 'ds')).toEqual([0, 0]);
    t.apply(ev.nodeUpdated(node('node1')));
    expect(sync(t, 'ds')).toEqual([1, 0]);
    t.apply(ev.nodeUpdated(node('node1', { cpu: '200m' })));
    expect(sync(t, 'ds')).toEqual([0, 0]);
  });

  it('losing a label match deletes the pod, even for IgnoredDuringExecution affinity (section 11.4)', () => {
    const d = ds('foo', false, (p) => {
      p.affinity = {
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'color', operator: 'Exists' }] }] } },
      };
    });
    const s = new Scenario().apply(ev.nodeAdded(node('n', { labels: simpleNodeLabel })), ev.daemonSetApplied(d));
    expect(sync(s)).toEqual([1, 0]);
    s.apply(ev.nodeUpdated(node('n')));
    expect(sync(s)).toEqual([0, 1]);
  });

  // mirrors TestDeleteUnscheduledPodForNotExistingNode
  it.each(STRATEGIES)('TestDeleteUnscheduledPodForNotExistingNode ($strategy)', ({ onDelete }) => {
    const s = new Scenario().apply(ev.daemonSetApplied(ds('foo', onDelete)), addNodes(0, 1));
    const d = s.ds('foo');
    s.apply(addPods(d, 'node-0', 1), addPods(d, 'node-1', 1), daemonPod(d, 'node-2', 'pod1-node-3', { bound: false }));
    const r = new FakePodControl(s).sync('foo');
    expect([r.creates, r.deletes]).toEqual([0, 1]);
    expect(r.deleted).toEqual(['pod1-node-3']);
    // the bound pod on the missing node is pod GC's
    expect(podGarbageCollection(s.state, 'node-1')).toEqual([{ type: 'DeletePod', namespace: 'default', name: 'node-1-0', reason: 'PodGCFromNode' }]);
    expect(podGarbageCollection(s.state, 'node-0')).toEqual([]);
  });

  it('a removed node leaves desired and current; its pods are counted nowhere', () => {
    const s = new Scenario().apply(addNodes(0, 3), ev.daemonSetApplied(daemonSet('foo')));
    sync(s);
    s.apply(markPodsReady(s.state));
    s.apply(ev.nodeRemoved('node-2'));
    expect(s.ds('foo').counts).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2, numberMisscheduled: 0 });
    expect(sync(s)).toEqual([0, 0]);
    expect(collectGarbage(s.state)).toHaveLength(1);
  });
});

describe('getNodesToDaemonPods', () => {
  // mirrors TestGetNodesToDaemonPods: owned pods count, terminal pods being deleted do not, other owners' pods do not
  it('TestGetNodesToDaemonPods', () => {
    const s = new Scenario().apply(ev.daemonSetApplied(daemonSet('foo')), ev.daemonSetApplied(daemonSet('foo2')), addNodes(0, 2));
    const d = s.ds('foo');
    s.apply(
      daemonPod(d, 'node-0', 'matching-owned-0'),
      daemonPod(d, 'node-1', 'matching-owned-1'),
      daemonPod(d, 'node-0', 'matching-owned-succeeded-pod-0', { phase: 'Succeeded' }),
      daemonPod(d, 'node-1', 'matching-owned-failed-pod-1', { phase: 'Failed' }),
      daemonPod(s.ds('foo2'), 'node-0', 'matching-owned-by-other-0'),
      daemonPod(d, 'node-0', 'matching-owned-succeeded-deleted-pod-0', { phase: 'Succeeded', deleting: 30 }),
      daemonPod(d, 'node-1', 'matching-owned-failed-deleted-pod-1', { phase: 'Failed', deleting: 30 }),
    );
    // manage sees the visible ones: one running and one terminal pod per node, so it deletes exactly the terminal ones
    const intents = manage(s.state, s.ds('foo'));
    expect(intents.map((i) => (i.type === 'DeletePod' ? i.name : i.type)).sort()).toEqual([
      'matching-owned-failed-pod-1',
      'matching-owned-succeeded-pod-0',
    ]);
    expect(daemonPodsOnNode(s.state, s.ds('foo'), 'node-0').map((p) => p.name)).not.toContain('matching-owned-by-other-0');
  });
});

describe('syncDaemonSet (section 2)', () => {
  it('records the revision first, then manage(); a selector of {} makes it do nothing at all', () => {
    const s = new Scenario().apply(addNodes(0, 2), ev.daemonSetApplied(daemonSet('foo')));
    const { intents, managed } = syncDaemonSet(s.state, 'default/foo');
    expect(managed).toBe(true);
    expect(intents.map((i) => i.type)).toEqual(['CreateRevision', 'CreatePod', 'CreatePod', 'MarkSynced']);

    // mirrors TestPodIsNotDeletedByDaemonsetWithEmptyLabelSelector
    const all = daemonSet('foo', { nodeSelector: { foo: 'bar' } });
    all.spec!.selector = {};
    const e = new Scenario().apply(ev.nodeAdded(node('node1')), barePodCreated('bare', 'node1', { bang: 'boom' }), ev.daemonSetApplied(all));
    expect(selectsAll(e.ds('foo'))).toBe(true);
    expect(syncDaemonSet(e.state, 'default/foo')).toEqual({ intents: [], managed: false });
  });

  it('TestDontDoAnythingIfBeingDeleted: a DaemonSet that is gone is not synced', () => {
    const s = new Scenario().apply(addNodes(0, 1), ev.daemonSetApplied(daemonSet('foo')), ev.daemonSetDeleted('default', 'foo'));
    expect(syncDaemonSet(s.state, 'default/foo')).toEqual({ intents: [], managed: false });
  });

  it('runs the rolling update only when manage() wrote nothing (expectations, in a real cluster)', () => {
    const s = new Scenario().apply(addNodes(0, 3), ev.daemonSetApplied(daemonSet('foo', { image: 'v2', maxUnavailable: 3 })));
    const d = s.ds('foo');
    s.apply(daemonPod(d, 'node-0', 'old-0', { old: true, ready: true }), daemonPod(d, 'node-1', 'old-1', { old: true, ready: true }));
    const first = syncDaemonSet(s.state, 'default/foo');
    expect(first.intents.filter((i) => i.type === 'CreatePod' || i.type === 'DeletePod')).toEqual([{ type: 'CreatePod', daemonSet: 'default/foo', node: 'node-2' }]);
    const rng = new Random(1);
    s.apply(intentsToEvents(s.state, first.intents, rng, { deletion: 'immediate' }));
    const second = syncDaemonSet(s.state, 'default/foo');
    expect(second.managed).toBe(false);
    expect(second.intents.filter((i): i is Extract<Intent, { type: 'DeletePod' }> => i.type === 'DeletePod').map((i) => i.name).sort()).toEqual(['old-0', 'old-1']);
  });

  it('a scoped sync visits only the named nodes', () => {
    const s = new Scenario().apply(addNodes(0, 5), ev.daemonSetApplied(daemonSet('foo')));
    const { intents } = syncDaemonSet(s.state, 'default/foo', { nodes: ['node-1', 'node-3', 'node-1'] });
    expect(intents.filter((i) => i.type === 'CreatePod')).toEqual([
      { type: 'CreatePod', daemonSet: 'default/foo', node: 'node-1' },
      { type: 'CreatePod', daemonSet: 'default/foo', node: 'node-3' },
    ]);
  });
});

describe('garbage collection', () => {
  it('pods of a deleted DaemonSet are orphans; a re-created DaemonSet of the same name does not own them', () => {
    const s = new Scenario().apply(addNodes(0, 2), ev.daemonSetApplied(daemonSet('foo')));
    sync(s);
    const oldUid = s.ds('foo').uid;
    s.apply(ev.daemonSetDeleted('default', 'foo'));
    expect(orphanedPods(s.state, 'default/foo', oldUid)).toHaveLength(2);
    s.apply(ev.daemonSetApplied(daemonSet('foo')));
    expect(s.ds('foo').uid).not.toBe(oldUid);
    expect(s.ds('foo').counts).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 0 });
    expect(orphanedPods(s.state, 'default/foo', s.ds('foo').uid)).toEqual([]);
    expect(collectGarbage(s.state).map((i) => (i.type === 'DeletePod' ? i.reason : i.type))).toEqual(['GarbageCollector', 'GarbageCollector']);
  });

  it('settle brings a cluster to its fixed point, collecting garbage on the way', () => {
    const s = new Scenario().apply(addNodes(0, 3), ev.daemonSetApplied(daemonSet('foo')));
    const first = settle(s.state, { rng: new Random(7), readyPods: true });
    expect(first.state.daemonSets.get('default/foo')!.counts).toMatchObject({ desiredNumberScheduled: 3, numberReady: 3, numberAvailable: 3, updatedNumberScheduled: 3 });
    const again = settle(first.state, { rng: new Random(7) });
    expect(again.events).toEqual([]);
    expect(again.rounds).toBe(0);
    s.state = first.state;
    s.apply(ev.nodeRemoved('node-0'), ev.daemonSetDeleted('default', 'foo'));
    const gone = settle(s.state, { rng: new Random(7) });
    expect([...tableValues(gone.state.pods)]).toEqual([]);
  });
});

describe('--cascade=orphan and adoption (ClaimPods)', () => {
  it('orphaned pods lose their owner and stay; a DaemonSet whose selector matches adopts them instead of making new ones', () => {
    const s = new Scenario().apply(addNodes(0, 3), ev.daemonSetApplied(daemonSet('foo')));
    s.state = settle(s.state, { rng: new Random(3), readyPods: true }).state;
    const names = [...tableValues(s.state.pods)].map((p) => p.name).sort();
    s.apply(ev.daemonSetDeleted('default', 'foo', 'Orphan'));
    const orphans = [...tableValues(s.state.pods)];
    expect(orphans.map((p) => [p.owner, p.ownerUid, p.ready])).toEqual(names.map(() => [undefined, undefined, true]));
    // Nothing collects them, and a bare pod of other labels on the same node is left alone.
    expect(collectGarbage(s.state)).toEqual([]);
    s.apply(barePodCreated('other', 'node-0'));
    s.apply(ev.daemonSetApplied(daemonSet('foo')));
    const { intents } = syncDaemonSet(s.state, 'default/foo');
    expect(intents.filter((i) => i.type === 'AdoptPod').map((i) => (i as { name: string }).name).sort()).toEqual(names);
    expect(intents.filter((i) => i.type === 'CreatePod')).toEqual([]);
    const adopted = settle(s.state, { rng: new Random(3) });
    expect(adopted.events.filter((e) => e.type === 'PodCreated')).toEqual([]);
    const foo = adopted.state.daemonSets.get('default/foo')!;
    expect(foo.counts).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3, updatedNumberScheduled: 3 });
    expect([...tableValues(adopted.state.pods)].filter((p) => p.owner === 'default/foo' && p.ownerUid === foo.uid).map((p) => p.name).sort()).toEqual(names);
    expect(getPod(adopted.state, 'default', 'other')!.owner).toBeUndefined();
  });

  it("orphaned revisions go back only to a DaemonSet whose selector matches them (ClaimControllerRevisions)", () => {
    const s = new Scenario().apply(addNodes(0, 1), ev.daemonSetApplied(daemonSet('foo')));
    s.state = settle(s.state, { rng: new Random(3) }).state;
    const [old] = [...s.state.revisions.values()];
    s.apply(ev.daemonSetDeleted('default', 'foo', 'Orphan'));
    expect(s.state.revisions.get(`default/${old!.name}`)).toMatchObject({ orphaned: true });
    // The same name, another selector: the old revision is not its own; its own is revision 1.
    const other = daemonSet('foo');
    const relabelled = { ...other, spec: { ...other.spec!, selector: { matchLabels: { app: 'foo2' } }, template: { ...other.spec!.template, metadata: { labels: { app: 'foo2' } } } } };
    s.apply(ev.daemonSetApplied(relabelled));
    expect(revisionsOf(s.state, s.ds('foo'))).toEqual([]);
    expect(constructHistory(s.state, s.ds('foo'))).toMatchObject([{ type: 'CreateRevision', revision: 1 }]);
    expect(revisionObject(s.state, s.state.revisions.get(`default/${old!.name}`)!).metadata?.ownerReferences).toBeUndefined();
    // The same selector again: taken back, and collected with it when it goes in the background.
    s.apply(ev.daemonSetDeleted('default', 'foo'), ev.daemonSetApplied(daemonSet('foo')));
    expect(revisionsOf(s.state, s.ds('foo')).map((r) => r.name)).toEqual([old!.name]);
    s.apply(ev.daemonSetDeleted('default', 'foo'));
    expect(collectGarbage(s.state)).toEqual([{ type: 'DeleteRevision', namespace: 'default', name: old!.name }]);
  });

  it('a DaemonSet of another name whose selector matches adopts the orphaned revisions too, keeping one per template', () => {
    const s = new Scenario().apply(addNodes(0, 2), ev.daemonSetApplied(daemonSet('foo', { image: 'img:1' })));
    s.state = settle(s.state, { rng: new Random(3), readyPods: true }).state;
    s.apply(ev.daemonSetApplied(daemonSet('foo', { image: 'img:2' })));
    s.state = settle(s.state, { rng: new Random(3), readyPods: true }).state;
    const before = [...s.state.revisions.values()].map((r) => [r.name, r.revision]);
    expect(before).toHaveLength(2);
    s.apply(ev.daemonSetDeleted('default', 'foo', 'Orphan'));
    const bar = daemonSet('foo', { image: 'img:2' });
    bar.metadata!.name = 'bar';
    s.apply(ev.daemonSetApplied(bar));
    const { intents } = syncDaemonSet(s.state, 'default/bar');
    expect(intents.filter((i) => i.type === 'UpdateRevision' || i.type === 'CreateRevision')).toEqual(
      [...before].sort().map(([name, revision]) => ({ type: 'UpdateRevision', namespace: 'default', name, revision, daemonSet: 'default/bar' })),
    );
    const done = settle(s.state, { rng: new Random(3) }).state;
    const barRec = done.daemonSets.get('default/bar')!;
    expect(revisionsOf(done, barRec).map((r) => [r.name, r.revision, r.orphaned])).toEqual(before.map(([n, r]) => [n, r, undefined]));
    expect(revisionObject(done, [...done.revisions.values()][0]!).metadata?.ownerReferences?.[0]).toMatchObject({ name: 'bar', uid: barRec.uid });
    // A third DaemonSet of that template, with a revision of its own, takes them when bar leaves them:
    // the orphan of its own template is adopted and deleted (dedupCurHistories), the other kept.
    s.state = done;
    const baz = daemonSet('foo', { image: 'img:2' });
    baz.metadata!.name = 'baz';
    s.apply(ev.daemonSetApplied(baz));
    s.state = settle(s.state, { rng: new Random(3) }).state;
    const own = revisionsOf(s.state, s.state.daemonSets.get('default/baz')!).map((r) => r.name);
    expect(own).toEqual([expect.stringMatching(/^baz-/)]);
    s.apply(ev.daemonSetDeleted('default', 'bar', 'Orphan'));
    const third = settle(s.state, { rng: new Random(3) }).state;
    const bazRec = third.daemonSets.get('default/baz')!;
    const [oldName, newName] = [...before].map(([n]) => n as string);
    expect(revisionsOf(third, bazRec).map((r) => r.name)).toEqual([oldName, own[0]]);
    expect(third.revisions.has(`default/${newName}`)).toBe(false);
  });

  it.each(STRATEGIES)('a bare pod matching the selector is adopted, then kept ($strategy) or rolled: it has no revision hash', ({ onDelete }) => {
    const s = new Scenario().apply(addNodes(0, 1), barePodCreated('mine', 'node-0', { app: 'foo' }), ev.daemonSetApplied(ds('foo', onDelete)));
    const { intents } = syncDaemonSet(s.state, 'default/foo');
    expect(intents.filter((i) => i.type === 'AdoptPod' || i.type === 'CreatePod')).toEqual([{ type: 'AdoptPod', daemonSet: 'default/foo', namespace: 'default', name: 'mine' }]);
    const done = settle(s.state, { rng: new Random(3), readyPods: true }).state;
    const foo = done.daemonSets.get('default/foo')!;
    const names = daemonPodsOnNode(done, foo, 'node-0').map((p) => p.name);
    if (onDelete) expect([names, foo.counts.updatedNumberScheduled]).toEqual([['mine'], 0]);
    else expect([names.length, names.includes('mine'), foo.counts.updatedNumberScheduled]).toEqual([1, false, 1]);
  });
});

describe('--cascade=foreground', () => {
  it('the DaemonSet is left alone while marked; settle deletes its pods and revisions, then it goes', () => {
    const s = new Scenario().apply(addNodes(0, 3), ev.daemonSetApplied(daemonSet('foo')));
    s.state = settle(s.state, { rng: new Random(3), readyPods: true }).state;
    s.apply(ev.daemonSetDeleted('default', 'foo', 'Foreground'));
    s.apply(...addNodes(3, 1));
    expect(syncDaemonSet(s.state, 'default/foo').intents).toEqual([]);
    const garbage = collectGarbage(s.state);
    expect(garbage.map((i) => [i.type, (i as { reason?: string }).reason])).toEqual([
      ['DeletePod', 'GarbageCollector'],
      ['DeletePod', 'GarbageCollector'],
      ['DeletePod', 'GarbageCollector'],
      ['DeleteRevision', undefined],
    ]);
    const done = settle(s.state, { rng: new Random(3) });
    expect(done.events.map((e) => e.type).filter((t) => t === 'DaemonSetFinalized')).toEqual(['DaemonSetFinalized']);
    expect([done.state.daemonSets.size, done.state.pods.size, done.state.revisions.size]).toEqual([0, 0, 0]);
  });
});

describe('kubectl label pods: release and adoption (ClaimPods)', () => {
  /** Three nodes, foo settled with ready pods, and the pod on node-0. */
  function running(onDelete: boolean): { s: Scenario; pod: PodRecord } {
    const s = new Scenario().apply(addNodes(0, 3), ev.daemonSetApplied(ds('foo', onDelete)));
    s.state = settle(s.state, { rng: new Random(3), readyPods: true }).state;
    return { s, pod: daemonPodsOnNode(s.state, s.state.daemonSets.get('default/foo')!, 'node-0')[0]! };
  }

  it.each(STRATEGIES)('a pod relabelled out of the selector is released, keeps running, and its node gets a new pod ($strategy)', ({ onDelete }) => {
    const { s, pod } = running(onDelete);
    s.apply(ev.podRelabeled(pod, { app: 'debug' }));
    const { intents } = syncDaemonSet(s.state, 'default/foo');
    expect(intents.filter((i) => i.type === 'ReleasePod' || i.type === 'CreatePod')).toEqual([
      { type: 'ReleasePod', daemonSet: 'default/foo', namespace: 'default', name: pod.name },
      { type: 'CreatePod', daemonSet: 'default/foo', node: 'node-0' },
    ]);
    const done = settle(s.state, { rng: new Random(4), readyPods: true }).state;
    const released = getPod(done, 'default', pod.name)!;
    expect([released.owner, released.ownerUid, released.phase, released.ready, podLabels(done, released)]).toEqual([undefined, undefined, 'Running', true, { app: 'debug' }]);
    const foo = done.daemonSets.get('default/foo')!;
    const mine = daemonPodsOnNode(done, foo, 'node-0');
    expect(mine.map((p) => p.name)).not.toContain(pod.name);
    expect(mine).toHaveLength(1);
    expect(podsOnNode(done, 'node-0').map((p) => p.name)).toContain(pod.name);
    expect(foo.counts).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3, updatedNumberScheduled: 3, numberMisscheduled: 0 });
  });

  it('a pod relabelled within the selector stays; labels it gains are its own', () => {
    const { s, pod } = running(false);
    s.apply(ev.podRelabeled(pod, { ...podLabels(s.state, pod), debug: 'true' }));
    expect(syncDaemonSet(s.state, 'default/foo').intents.filter((i) => i.type !== 'MarkSynced')).toEqual([]);
    const foo = s.state.daemonSets.get('default/foo')!;
    expect(podLabels(s.state, getPod(s.state, 'default', pod.name)!)).toMatchObject({ app: 'foo', debug: 'true' });
    expect(foo.counts).toMatchObject({ currentNumberScheduled: 3, updatedNumberScheduled: 3, numberReady: 3 });
  });

  it('a pod whose revision-hash label is changed counts as not updated and is rolled (IsPodUpdated reads the labels)', () => {
    const { s, pod } = running(false);
    const { 'controller-revision-hash': _hash, 'pod-template-generation': _gen, ...labels } = podLabels(s.state, pod);
    s.apply(ev.podRelabeled(pod, labels));
    expect(s.state.daemonSets.get('default/foo')!.counts).toMatchObject({ currentNumberScheduled: 3, updatedNumberScheduled: 2 });
    const done = settle(s.state, { rng: new Random(4), readyPods: true }).state;
    expect(getPod(done, 'default', pod.name)).toBeUndefined();
    expect(done.daemonSets.get('default/foo')!.counts).toMatchObject({ currentNumberScheduled: 3, updatedNumberScheduled: 3 });
  });

  it('a released pod relabelled back is adopted again, and the node keeps one pod of the DaemonSet', () => {
    const { s, pod } = running(false);
    s.apply(ev.podRelabeled(pod, { app: 'debug' }));
    s.state = settle(s.state, { rng: new Random(4), readyPods: true }).state;
    s.apply(ev.podRelabeled(getPod(s.state, 'default', pod.name)!, { app: 'foo' }));
    const { intents } = syncDaemonSet(s.state, 'default/foo');
    expect(intents.filter((i) => i.type === 'AdoptPod').map((i) => (i as { name: string }).name)).toEqual([pod.name]);
    const done = settle(s.state, { rng: new Random(5), readyPods: true }).state;
    const foo = done.daemonSets.get('default/foo')!;
    expect(daemonPodsOnNode(done, foo, 'node-0')).toHaveLength(1);
    expect(foo.counts).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 3, numberMisscheduled: 0 });
  });
});

describe('pod control (intentsToEvents)', () => {
  function cluster(): Scenario {
    const d = daemonSet('foo');
    d.spec!.template.spec!.terminationGracePeriodSeconds = 5;
    const s = new Scenario().apply(addNodes(0, 2), ev.daemonSetApplied(d));
    s.apply(daemonPod(s.ds('foo'), 'node-0', 'foo-old'));
    return s;
  }
  const create: Intent = { type: 'CreatePod', daemonSet: 'default/foo', node: 'node-1' };
  const del: Intent = { type: 'DeletePod', namespace: 'default', name: 'foo-old', reason: 'RollingUpdate' };

  it('a create becomes PodCreated with a generated name, a random uid, the current hash and template generation', () => {
    const s = cluster();
    const [e] = intentsToEvents(s.state, [create], new Random(1), { deletion: 'immediate' });
    expect(e?.type).toBe('PodCreated');
    if (e?.type !== 'PodCreated') return;
    expect(e.data).toMatchObject({ namespace: 'default', daemonSet: 'default/foo', node: 'node-1', hash: s.ds('foo').hash, templateGeneration: 1 });
    expect(e.data.name).toMatch(/^foo-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('retries on a name that is taken, as the API server does', () => {
    const s = cluster();
    const clash = generateName('foo-', new Random(5));
    s.apply(barePodCreated(clash, 'node-1'));
    const [e] = intentsToEvents(s.state, [create], new Random(5), { deletion: 'immediate' });
    expect(e?.type === 'PodCreated' && e.data.name).not.toBe(clash);
  });

  it('retries on a name given earlier in the same call', () => {
    const s = cluster().apply(ev.daemonSetApplied(daemonSet('bar')));
    // Every draw is 0 for the first 15 draws: three names in a row would all end in "bbbbb".
    class Stuck extends Random {
      private draws = 0;
      override int(n: number): number {
        return this.draws++ < 15 ? (super.int(n), 0) : super.int(n);
      }
    }
    const bar: Intent = { type: 'CreatePod', daemonSet: 'default/bar', node: 'node-1' };
    const names = intentsToEvents(s.state, [create, bar, create], new Stuck(1), { deletion: 'immediate' }).map((e) => e.type === 'PodCreated' && e.data.name);
    expect(names.slice(0, 2)).toEqual(['foo-bbbbb', 'bar-bbbbb']);
    expect(names[2]).toMatch(/^foo-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(names[2]).not.toBe('foo-bbbbb');
  });

  it('names thousands of pods as the API server would, one draw after another: the names a Set of names would give', () => {
    const s = cluster();
    const intents: Intent[] = Array.from({ length: 20_000 }, (_, i) => ({ type: 'CreatePod', daemonSet: 'default/foo', node: `node-${i}` }));
    // The plain algorithm: draw a name, draw again while it is taken.
    const plain = new Random(11);
    const want: string[] = [];
    const taken = new Set<string>();
    for (let i = 0; i < intents.length; i++) {
      let name: string;
      do name = generateName('foo-', plain);
      while (taken.has(name));
      taken.add(name);
      want.push(name);
      randomUid(plain);
    }
    const got = intentsToEvents(s.state, intents, new Random(11), { deletion: 'immediate' }).map((e) => e.type === 'PodCreated' && e.data.name);
    expect(got).toEqual(want);
    expect(new Set(got).size).toBe(intents.length);
  });

  it('deletes become PodDeleted (immediate) or PodDeletionRequested with the template grace period (request), once each', () => {
    const s = cluster();
    expect(intentsToEvents(s.state, [del, del], new Random(1), { deletion: 'immediate' })).toEqual([ev.podDeleted(del as { namespace: string; name: string })]);
    expect(intentsToEvents(s.state, [del], new Random(1), { deletion: 'request' })).toEqual([
      ev.podDeletionRequested({ namespace: 'default', name: 'foo-old' }, 5, 'RollingUpdate'),
    ]);
    expect(intentsToEvents(s.state, [del], new Random(1), { deletion: 'request', gracePeriodSeconds: 0 })[0]).toMatchObject({ data: { gracePeriodSeconds: 0 } });
  });

  it('a rollout deletes an old pod with the grace period of the template it was made from, not the new one', () => {
    const s = new Scenario().apply(addNodes(0, 1));
    const d = daemonSet('foo', { image: 'img:1' });
    d.spec!.template.spec!.terminationGracePeriodSeconds = 5;
    s.apply(ev.daemonSetApplied(d));
    s.state = settle(s.state, { rng: new Random(1), readyPods: true }).state;
    const old = daemonPodsOnNode(s.state, s.ds('foo'), 'node-0')[0]!;
    const next = daemonSet('foo', { image: 'img:2' });
    next.spec!.template.spec!.terminationGracePeriodSeconds = 120;
    s.apply(ev.daemonSetApplied(next));
    const rollout: Intent = { type: 'DeletePod', namespace: 'default', name: old.name, reason: 'RollingUpdate' };
    expect(intentsToEvents(s.state, [rollout], new Random(1), { deletion: 'request' })[0]).toMatchObject({ data: { gracePeriodSeconds: 5 } });
  });

  it('intents for a DaemonSet that is gone are dropped', () => {
    const s = cluster();
    s.apply(ev.daemonSetDeleted('default', 'foo'));
    expect(intentsToEvents(s.state, [create, { type: 'MarkSynced', daemonSet: 'default/foo', observedGeneration: 1 }], new Random(1), { deletion: 'immediate' })).toEqual([]);
  });

  it('settle gives up after maxRounds', () => {
    const s = new Scenario().apply(addNodes(0, 1), ev.daemonSetApplied(daemonSet('foo')));
    expect(() => settle(s.state, { rng: new Random(1), maxRounds: 1 })).toThrow(/did not settle within 1 rounds/);
    expect(settle(s.state, { rng: new Random(1), maxRounds: 2 }).rounds).toBe(1);
  });
});

// Tests for the RollingUpdate strategy: the budget (updatedDesiredNodeCounts), the non-surge and surge
// algorithms, and the worked sequences of section 7, each mirroring a test of pkg/controller/daemon/update_test.go
// or daemon_controller_test.go. A "sync" is manage() then rollingUpdate() with instant writes (FakePodControl).

import { describe, expect, it } from 'vitest';
import { daemonSet, daemonPod, addNodes, addPods, markPodsReady, node, nodeNames, Scenario, type Nested } from '../test/fixtures.ts';
import { FakePodControl } from '../test/fakePodControl.ts';
import { events as ev } from './events.ts';
import { findUpdatedPodsOnNode, isPodAvailable, rollingUpdate, rolloutBudget, scaledValue } from './rollingUpdate.ts';
import { daemonPodsOnNode, isPodUpdated, type ClusterState, type DaemonSetRecord } from './state.ts';
import { revisionsOf } from './history.ts';
import { tableValues } from './table.ts';
import type { DaemonSet } from 'kubernetes-types/apps/v1';

/** The DaemonSet of Kubernetes' update tests after `ds.Spec.Template...Image = "foo2/bar2"` and a new strategy. */
function updated(opts: Parameters<typeof daemonSet>[1]): DaemonSet {
  return daemonSet('foo', { image: 'foo2/bar2', ...opts });
}

/** Five nodes running five ready pods of `foo` from its first template (the start of every update test). */
function fiveReadyPods(ready = true): { s: Scenario; pc: FakePodControl } {
  const s = new Scenario().apply(addNodes(0, 5), ev.daemonSetApplied(daemonSet('foo', { onDelete: true })));
  const pc = new FakePodControl(s);
  expect(pc.counts('foo')).toEqual([5, 0]);
  if (ready) s.apply(markPodsReady(s.state));
  return { s, pc };
}

/** Live pods of a DaemonSet, with how many carry the current template. */
function census(state: ClusterState, ds: DaemonSetRecord): { total: number; updated: number; ready: number } {
  let total = 0;
  let upd = 0;
  let ready = 0;
  for (const p of tableValues(state.pods)) {
    if (p.owner !== ds.key || p.deletionTimestamp !== undefined) continue;
    total++;
    if (isPodUpdated(p, ds)) upd++;
    if (p.ready) ready++;
  }
  return { total, updated: upd, ready };
}

describe('scaledValue (GetScaledValueFromIntOrPercent, rounding up)', () => {
  // mirrors the percentages of TestGetUnavailableNumbers and intstr's TestGetScaledValueFromIntOrPercent (roundUp=true)
  it.each([
    [undefined, 5, 0],
    [3, 5, 3],
    [0, 5, 0],
    ['50%', 3, 2],
    ['25%', 5, 2],
    ['50%', 2, 1],
    ['100%', 2, 2],
    ['0%', 10, 0],
    ['10%', 0, 0],
    ['1%', 1, 1],
    ['30%', 10, 3],
    ['33%', 10, 4],
    ['abc', 5, 0],
  ] as const)('%s of %i → %i', (value, total, want) => {
    expect(scaledValue(value as number | string | undefined, total)).toBe(want);
  });
});

describe('rolloutBudget (updatedDesiredNodeCounts)', () => {
  // mirrors TestGetUnavailableNumbers in update_test.go: maxSurge, maxUnavailable and the nodes without pods
  const cases: {
    name: string;
    nodes: number;
    ds: DaemonSet;
    pods: (ds: DaemonSetRecord) => Nested;
    maxSurge: number;
    maxUnavailable: number;
    emptyNodes: number;
  }[] = [
    { name: 'No nodes', nodes: 0, ds: daemonSet('x', { maxUnavailable: 0 }), pods: () => [], maxSurge: 0, maxUnavailable: 0, emptyNodes: 0 },
    {
      name: 'Two nodes with ready pods',
      nodes: 2,
      ds: daemonSet('x', { maxUnavailable: 1 }),
      pods: (ds) => [daemonPod(ds, 'node-0', 'pod-0', { ready: true }), daemonPod(ds, 'node-1', 'pod-1', { ready: true })],
      maxSurge: 0,
      maxUnavailable: 1,
      emptyNodes: 0,
    },
    {
      name: 'Two nodes, one node without pods',
      nodes: 2,
      ds: daemonSet('x', { maxUnavailable: 0 }),
      pods: (ds) => daemonPod(ds, 'node-0', 'pod-0', { ready: true }),
      maxSurge: 0,
      maxUnavailable: 1,
      emptyNodes: 1,
    },
    {
      name: 'Two nodes, one node without pods, surge',
      nodes: 2,
      ds: daemonSet('x', { maxSurge: 0, maxUnavailable: 0 }),
      pods: (ds) => daemonPod(ds, 'node-0', 'pod-0', { ready: true }),
      maxSurge: 0,
      maxUnavailable: 1,
      emptyNodes: 1,
    },
    {
      name: 'Two nodes with pods, MaxUnavailable in percents',
      nodes: 2,
      ds: daemonSet('x', { maxUnavailable: '50%' }),
      pods: (ds) => [daemonPod(ds, 'node-0', 'pod-0', { ready: true }), daemonPod(ds, 'node-1', 'pod-1', { ready: true })],
      maxSurge: 0,
      maxUnavailable: 1,
      emptyNodes: 0,
    },
    {
      name: 'Two nodes with pods, MaxUnavailable in percents, surge',
      nodes: 2,
      ds: daemonSet('x', { maxSurge: '50%' }),
      pods: (ds) => [daemonPod(ds, 'node-0', 'pod-0', { ready: true }), daemonPod(ds, 'node-1', 'pod-1', { ready: true })],
      maxSurge: 1,
      maxUnavailable: 0,
      emptyNodes: 0,
    },
    {
      name: 'Two nodes with pods, MaxUnavailable is 100%, surge',
      nodes: 2,
      ds: daemonSet('x', { maxSurge: '100%' }),
      pods: (ds) => [daemonPod(ds, 'node-0', 'pod-0', { ready: true }), daemonPod(ds, 'node-1', 'pod-1', { ready: true })],
      maxSurge: 2,
      maxUnavailable: 0,
      emptyNodes: 0,
    },
    {
      name: 'Two nodes with pods, MaxUnavailable in percents, pod terminating',
      nodes: 3,
      ds: daemonSet('x', { maxUnavailable: '50%' }),
      pods: (ds) => [daemonPod(ds, 'node-0', 'pod-0', { ready: true }), daemonPod(ds, 'node-1', 'pod-1', { ready: true, deleting: 30 })],
      maxSurge: 0,
      maxUnavailable: 2,
      emptyNodes: 1,
    },
  ];
  it.each(cases)('$name', (c) => {
    const s = new Scenario().apply(addNodes(0, c.nodes), ev.daemonSetApplied(c.ds));
    s.apply(c.pods(s.ds('x')));
    const ds = s.ds('x');
    expect(rolloutBudget(ds)).toEqual({ maxSurge: c.maxSurge, maxUnavailable: c.maxUnavailable, desired: c.nodes });
    expect(ds.counts.desiredNumberScheduled - ds.counts.currentNumberScheduled).toBe(c.emptyNodes);
  });

  it('percentages are taken of desiredNumberScheduled, not of all nodes', () => {
    const s = new Scenario().apply(
      addNodes(0, 3, { role: 'a' }),
      addNodes(3, 7),
      ev.daemonSetApplied(daemonSet('x', { maxUnavailable: '25%', nodeSelector: { role: 'a' } })),
    );
    expect(rolloutBudget(s.ds('x'))).toEqual({ maxSurge: 0, maxUnavailable: 1, desired: 3 });
  });

  it('OnDelete has no budget at all (SurgeCount and UnavailableCount are 0), and nothing is forced without nodes', () => {
    const s = new Scenario().apply(ev.daemonSetApplied(daemonSet('x', { onDelete: true })));
    expect(rolloutBudget(s.ds('x'))).toEqual({ maxSurge: 0, maxUnavailable: 0, desired: 0 });
  });

  it('forces maxUnavailable = 1 when both resolve to 0 with desired > 0 (only by bypassing validation)', () => {
    const s = new Scenario().apply(addNodes(0, 4), ev.daemonSetApplied(daemonSet('x', { maxUnavailable: '0%', maxSurge: '0%' })));
    expect(rolloutBudget(s.ds('x'))).toEqual({ maxSurge: 0, maxUnavailable: 1, desired: 4 });
  });
});

describe('findUpdatedPodsOnNode', () => {
  it('ignores pods being deleted and reports several new or several old pods as not ok', () => {
    const s = new Scenario().apply(addNodes(0, 1), ev.daemonSetApplied(daemonSet('x')));
    const ds = s.ds('x');
    s.apply(daemonPod(ds, 'node-0', 'a'), daemonPod(ds, 'node-0', 'b', { old: true }), daemonPod(ds, 'node-0', 'c', { deleting: 30 }));
    const r = findUpdatedPodsOnNode(ds, daemonPodsOnNode(s.state, s.ds('x'), 'node-0'));
    expect(r.ok).toBe(true);
    expect(r.newPod?.name).toBe('a');
    expect(r.oldPod?.name).toBe('b');
    s.apply(daemonPod(ds, 'node-0', 'd', { old: true }));
    expect(findUpdatedPodsOnNode(ds, daemonPodsOnNode(s.state, s.ds('x'), 'node-0')).ok).toBe(false);
  });

  it('a pod is new when either its hash or its template generation matches (IsPodUpdated)', () => {
    const s = new Scenario().apply(addNodes(0, 1), ev.daemonSetApplied(daemonSet('x')));
    const ds = s.ds('x');
    s.apply(
      ev.podCreated({ namespace: 'default', name: 'by-gen', uid: 'u1', daemonSet: ds.key, node: 'node-0', hash: 'other', templateGeneration: ds.templateGeneration }),
    );
    const p = daemonPodsOnNode(s.state, s.ds('x'), 'node-0')[0]!;
    expect(isPodUpdated(p, ds)).toBe(true);
  });
});

describe('worked sequences (section 7)', () => {
  // mirrors TestDaemonSetUpdatesPods
  it('TestDaemonSetUpdatesPods: 5 nodes, maxUnavailable=2, pods become Ready between rounds', () => {
    const { s, pc } = fiveReadyPods();
    s.apply(ev.daemonSetApplied(updated({ maxUnavailable: 2 })));
    const seq: [number, number][] = [];
    for (let round = 0; round < 3; round++) {
      seq.push(pc.counts('foo'), pc.counts('foo'));
      s.apply(markPodsReady(s.state));
    }
    seq.push(pc.counts('foo'));
    expect(seq).toEqual([[0, 2], [2, 0], [0, 2], [2, 0], [0, 1], [1, 0], [0, 0]]);
    expect(census(s.state, s.ds('foo'))).toEqual({ total: 5, updated: 5, ready: 5 });
  });

  // mirrors TestDaemonSetUpdatesPodsWithMaxSurge
  it('TestDaemonSetUpdatesPodsWithMaxSurge: 5 nodes, maxSurge=2', () => {
    const { s, pc } = fiveReadyPods();
    s.apply(ev.daemonSetApplied(updated({ maxSurge: 2 })));
    const seq: [number, number][] = [];
    for (let round = 0; round < 4; round++) {
      seq.push(pc.counts('foo'), pc.counts('foo'));
      s.apply(markPodsReady(s.state));
    }
    expect(seq).toEqual([[2, 0], [0, 0], [2, 2], [0, 0], [1, 2], [0, 0], [0, 1], [0, 0]]);
    expect(census(s.state, s.ds('foo'))).toEqual({ total: 5, updated: 5, ready: 5 });
  });

  // mirrors TestDaemonSetUpdatesWhenNewPosIsNotReady
  it('TestDaemonSetUpdatesWhenNewPodIsNotReady: maxUnavailable=3, new pods never Ready: stalls', () => {
    const { s, pc } = fiveReadyPods();
    s.apply(ev.daemonSetApplied(updated({ maxUnavailable: 3 })));
    expect([pc.counts('foo'), pc.counts('foo'), pc.counts('foo'), pc.counts('foo')]).toEqual([[0, 3], [3, 0], [0, 0], [0, 0]]);
    expect(census(s.state, s.ds('foo'))).toEqual({ total: 5, updated: 3, ready: 2 });
  });

  // mirrors TestDaemonSetUpdatesAllOldPodsNotReady
  it('TestDaemonSetUpdatesAllOldPodsNotReady: old pods never Ready, maxUnavailable=3', () => {
    const { s, pc } = fiveReadyPods(false);
    s.apply(ev.daemonSetApplied(updated({ maxUnavailable: 3 })));
    expect([pc.counts('foo'), pc.counts('foo'), pc.counts('foo')]).toEqual([[0, 5], [5, 0], [0, 0]]);
    expect(census(s.state, s.ds('foo'))).toEqual({ total: 5, updated: 5, ready: 0 });
  });

  // mirrors TestDaemonSetUpdatesNoTemplateChanged
  it('TestDaemonSetUpdatesNoTemplateChanged: only the strategy edited → (0,0)', () => {
    const { s, pc } = fiveReadyPods();
    const before = s.ds('foo');
    s.apply(ev.daemonSetApplied(daemonSet('foo', { maxUnavailable: 3 })));
    const after = s.ds('foo');
    expect(after.hash).toBe(before.hash);
    expect(after.templateGeneration).toBe(before.templateGeneration);
    expect(after.generation).toBe(before.generation + 1);
    expect(pc.counts('foo')).toEqual([0, 0]);
    expect(after.counts.numberOutdated).toBe(0);
  });
});

describe('more update_test.go sequences', () => {
  // mirrors TestDaemonSetUpdatesSomeOldPodsNotReady
  it('TestDaemonSetUpdatesSomeOldPodsNotReady: a second update replaces only the unavailable pods', () => {
    const { s, pc } = fiveReadyPods();
    s.apply(ev.daemonSetApplied(updated({ maxUnavailable: 2 })));
    expect([pc.counts('foo'), pc.counts('foo'), pc.counts('foo')]).toEqual([[0, 2], [2, 0], [0, 0]]);
    s.apply(ev.daemonSetApplied(daemonSet('foo', { image: 'foo2/bar3', maxUnavailable: 2 })));
    expect([pc.counts('foo'), pc.counts('foo'), pc.counts('foo')]).toEqual([[0, 2], [2, 0], [0, 0]]);
    expect(census(s.state, s.ds('foo')).ready).toBe(3);
  });

  // mirrors TestDaemonSetUpdatesSaveOldHealthyPods
  it('TestDaemonSetUpdatesSaveOldHealthyPods: old ready pods are never touched while unavailable ones are replaced', () => {
    const s = new Scenario().apply(addNodes(0, 20), ev.daemonSetApplied(daemonSet('foo', { onDelete: true })));
    const pc = new FakePodControl(s);
    expect(pc.counts('foo')).toEqual([20, 0]);
    s.apply(markPodsReady(s.state));
    s.apply(ev.daemonSetApplied(updated({ maxUnavailable: 10 })));
    expect([pc.counts('foo'), pc.counts('foo'), pc.counts('foo')]).toEqual([[0, 10], [10, 0], [0, 0]]);
    const readyNames = () =>
      new Set([...tableValues(s.state.pods)].filter((p) => p.ready && p.deletionTimestamp === undefined).map((p) => p.name));
    const oldReady = readyNames();
    expect(oldReady.size).toBe(10);
    for (let i = 0; i < 10; i++) {
      s.apply(ev.daemonSetApplied(daemonSet('foo', { image: `foo2/bar3-${i}`, maxUnavailable: i })));
      expect([pc.counts('foo'), pc.counts('foo'), pc.counts('foo')]).toEqual([[0, 10], [10, 0], [0, 0]]);
      expect(readyNames()).toEqual(oldReady);
    }
    s.apply(ev.daemonSetApplied(daemonSet('foo', { image: 'foo2/bar4', maxUnavailable: 11 })));
    expect([pc.counts('foo'), pc.counts('foo'), pc.counts('foo')]).toEqual([[0, 11], [11, 0], [0, 0]]);
    expect(readyNames().size).toBe(9);
  });

  // mirrors TestDaemonSetUpdatesAllOldNotReadyPodsAndNewNotReadyPods: 88 unavailable new, 2 unavailable old, 10 available old
  it('TestDaemonSetUpdatesAllOldNotReadyPodsAndNewNotReadyPods: unavailable old pods are replaced past the budget', () => {
    const s = new Scenario().apply(addNodes(0, 100), ev.daemonSetApplied(updated({ maxUnavailable: 10 })));
    const ds = s.ds('foo');
    const names = nodeNames(0, 100);
    s.apply(
      names.map((n, i) =>
        i < 10 ? daemonPod(ds, n, `p${i}`, { old: true, ready: true }) : i < 12 ? daemonPod(ds, n, `p${i}`, { old: true }) : daemonPod(ds, n, `p${i}`),
      ),
    );
    const pc = new FakePodControl(s);
    const first = pc.sync('foo');
    expect([first.creates, first.deletes]).toEqual([0, 2]);
    expect([...first.deleted].sort()).toEqual(['p10', 'p11']);
    expect([pc.counts('foo'), pc.counts('foo')]).toEqual([[2, 0], [0, 0]]);
  });

  // mirrors TestDaemonSetUpdatesAllOldPodsNotReadyMaxSurge, with minReadySeconds=15 and PodBecameAvailable standing for the clock
  it('TestDaemonSetUpdatesAllOldPodsNotReadyMaxSurge: unavailable old pods are surged over without limit', () => {
    const s = new Scenario().apply(addNodes(0, 5), ev.daemonSetApplied(daemonSet('foo', { onDelete: true })));
    const pc = new FakePodControl(s);
    expect(pc.counts('foo')).toEqual([5, 0]);
    s.apply(ev.daemonSetApplied(updated({ maxSurge: 3 })));
    s.at(100);
    expect(pc.counts('foo')).toEqual([5, 0]);
    s.at(200);
    expect(pc.counts('foo')).toEqual([0, 5]);
    s.apply(markPodsReady(s.state));
    s.apply(ev.daemonSetApplied(daemonSet('foo', { image: 'foo3/bar3', maxSurge: 3, minReadySeconds: 15 })));

    s.at(300_000);
    // The new minReadySeconds applies to the old pods too (Ready for 0.1 s: unavailable); by now
    // they have been Ready for longer than 15 s, which the engine would record.
    s.apply([...tableValues(s.state.pods)].filter((p) => p.ready && !p.available).map((p) => ev.podBecameAvailable(p)));
    expect(pc.counts('foo')).toEqual([3, 0]);
    const hash = s.ds('foo').hash;
    const podsOf = (pred: (p: { hash: string | undefined; targetNode: string | undefined }) => boolean) =>
      [...tableValues(s.state.pods)].filter((p) => p.deletionTimestamp === undefined && pred(p));
    const newOnes = podsOf((p) => p.hash === hash);
    const surgedNodes = new Set(newOnes.map((p) => p.targetNode));
    // two updated pods turn Ready at t=300 (available only after minReadySeconds)
    const twoNew = newOnes.slice(0, 2);
    s.apply(markPodsReady(s.state, (p) => twoNew.some((q) => q.name === p.name)));
    // one old pod on a node without an updated pod turns unready
    const victim = podsOf((p) => p.hash !== hash && !surgedNodes.has(p.targetNode))[0]!;
    s.apply(ev.podBecameUnready(victim));

    s.at(310_000);
    expect(pc.counts('foo')).toEqual([1, 0]);
    s.at(316_000).apply(twoNew.map((p) => ev.podBecameAvailable(p)));
    s.at(320_000);
    expect(pc.counts('foo')).toEqual([1, 3]);
    const notReadyNew = podsOf((p) => p.hash === hash).filter((p) => !p.ready);
    expect(notReadyNew).toHaveLength(3);
    s.apply(markPodsReady(s.state, (p) => p.hash === hash));
    s.at(336_000).apply(notReadyNew.map((p) => ev.podBecameAvailable(p)));
    s.at(340_000);
    expect(pc.counts('foo')).toEqual([0, 2]);
    s.at(350_000);
    expect(pc.counts('foo')).toEqual([0, 0]);
    expect(census(s.state, s.ds('foo'))).toEqual({ total: 5, updated: 5, ready: 5 });
  });
});

describe('non-surge algorithm', () => {
  it('counts unavailable old pods against maxUnavailable (≥1.31): 2 unavailable old + 3 available old, maxUnavailable=2 → 2 deletes', () => {
    const s = new Scenario().apply(addNodes(0, 5), ev.daemonSetApplied(updated({ maxUnavailable: 2 })));
    const ds = s.ds('foo');
    s.apply(nodeNames(0, 5).map((n, i) => daemonPod(ds, n, `p${i}`, { old: true, ready: i >= 2 })));
    const intents = rollingUpdate(s.state, s.ds('foo'));
    // v1.28 would also delete 2 available candidates (4 in all)
    expect(intents.map((i) => (i.type === 'DeletePod' ? i.name : i.type)).sort()).toEqual(['p0', 'p1']);
  });

  it('old pods on nodes where shouldRun is now false are ordinary candidates: deleted, not recreated', () => {
    const s = new Scenario().apply(addNodes(0, 2), ev.daemonSetApplied(daemonSet('foo', { onDelete: true })));
    const pc = new FakePodControl(s);
    pc.counts('foo');
    s.apply(markPodsReady(s.state));
    s.apply(ev.nodeUpdated(node('node-1', { taints: [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }] })));
    s.apply(ev.daemonSetApplied(updated({ maxUnavailable: 2 })));
    expect(s.ds('foo').counts).toMatchObject({ desiredNumberScheduled: 1, numberMisscheduled: 1 });
    expect([pc.counts('foo'), pc.counts('foo'), pc.counts('foo')]).toEqual([[0, 2], [1, 0], [0, 0]]);
    expect(s.pods('foo', 'node-1')).toHaveLength(0);
    expect(s.ds('foo').counts.numberMisscheduled).toBe(0);
  });

  it('a node with both an old and a new pod, or none, counts as unavailable', () => {
    const s = new Scenario().apply(addNodes(0, 3), ev.daemonSetApplied(updated({ maxUnavailable: 2 })));
    const ds = s.ds('foo');
    s.apply(daemonPod(ds, 'node-0', 'both-old', { old: true, ready: true }), daemonPod(ds, 'node-0', 'both-new', { ready: true }));
    s.apply(daemonPod(ds, 'node-2', 'only-old', { old: true, ready: true }));
    // node-0 (both) and node-1 (none) use the whole budget of 2
    expect(rollingUpdate(s.state, s.ds('foo'))).toEqual([]);
  });

  it('a messy node (two old pods) counts as unavailable and is left to manage()', () => {
    const s = new Scenario().apply(addNodes(0, 2), ev.daemonSetApplied(updated({ maxUnavailable: 1 })));
    const ds = s.ds('foo');
    s.apply(addPods(ds, 'node-0', 2, { old: true, ready: true }), daemonPod(ds, 'node-1', 'p', { old: true, ready: true }));
    expect(rollingUpdate(s.state, s.ds('foo'))).toEqual([]);
  });

  it('a terminating old pod is skipped; its node counts as unavailable', () => {
    const s = new Scenario().apply(addNodes(0, 2), ev.daemonSetApplied(updated({ maxUnavailable: 1 })));
    const ds = s.ds('foo');
    s.apply(daemonPod(ds, 'node-0', 'going', { old: true, ready: true, deleting: 30 }), daemonPod(ds, 'node-1', 'p', { old: true, ready: true }));
    expect(rollingUpdate(s.state, s.ds('foo'))).toEqual([]);
  });

  it('terminal pods being deleted are invisible: they do not make a node unavailable (getNodesToDaemonPods)', () => {
    const s = new Scenario().apply(addNodes(0, 2), ev.daemonSetApplied(updated({ maxUnavailable: 1 })));
    s.apply(ev.nodeUpdated(node('node-1', { taints: [{ key: 'dedicated', effect: 'NoExecute' }] })));
    const ds = s.ds('foo');
    s.apply(daemonPod(ds, 'node-0', 'p', { old: true, ready: true }), daemonPod(ds, 'node-1', 'done', { old: true, phase: 'Failed', deleting: 30 }));
    expect(rollingUpdate(s.state, s.ds('foo'))).toEqual([{ type: 'DeletePod', namespace: 'default', name: 'p', reason: 'RollingUpdate' }]);
  });

  it('uses the forced maxUnavailable=1 when both budgets are 0', () => {
    const s = new Scenario().apply(addNodes(0, 3), ev.daemonSetApplied(daemonSet('foo', { onDelete: true })));
    const pc = new FakePodControl(s);
    pc.counts('foo');
    s.apply(markPodsReady(s.state));
    s.apply(ev.daemonSetApplied(updated({ maxUnavailable: 0, maxSurge: 0 })));
    expect([pc.counts('foo'), pc.counts('foo')]).toEqual([[0, 1], [1, 0]]);
  });
});

describe('surge algorithm (≥1.29)', () => {
  function surgeOnThreeNodes(): { s: Scenario; pc: FakePodControl } {
    const s = new Scenario().apply(addNodes(0, 3), ev.daemonSetApplied(daemonSet('foo', { onDelete: true })));
    const pc = new FakePodControl(s);
    pc.counts('foo');
    s.apply(markPodsReady(s.state));
    return { s, pc };
  }

  it('creates on every node whose old pod is unavailable, ignoring maxSurge', () => {
    const s = new Scenario().apply(addNodes(0, 5), ev.daemonSetApplied(updated({ maxSurge: 1 })));
    const ds = s.ds('foo');
    s.apply(nodeNames(0, 5).map((n, i) => daemonPod(ds, n, `p${i}`, { old: true })));
    const intents = rollingUpdate(s.state, s.ds('foo'));
    expect(intents.filter((i) => i.type === 'CreatePod')).toHaveLength(5);
    expect(intents.filter((i) => i.type === 'DeletePod')).toHaveLength(0);
  });

  it('sunset: an available old pod on a node the new template no longer fits is deleted only while available > desired', () => {
    const { s, pc } = surgeOnThreeNodes();
    s.apply(ev.nodeUpdated(node('node-2', { taints: [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }] })));
    s.apply(ev.daemonSetApplied(updated({ maxSurge: 1 })));
    const sunsetPod = s.pods('foo', 'node-2')[0]!.name;
    const first = pc.sync('foo');
    expect(first.deleted).toEqual([sunsetPod]);
    expect(first.createdOn).toHaveLength(1);
    expect(first.createdOn[0]).not.toBe('node-2');
  });

  it('sunset waits while available ≤ desired', () => {
    const { s } = surgeOnThreeNodes();
    s.apply(ev.nodeUpdated(node('node-2', { taints: [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }] })));
    s.apply(ev.daemonSetApplied(updated({ maxSurge: 1 })));
    s.apply(ev.podBecameUnready(s.pods('foo', 'node-0')[0]!));
    // available: node-1 and node-2 = 2 = desired, so node-2 keeps its pod; node-0's unavailable pod is surged over
    const intents = rollingUpdate(s.state, s.ds('foo'));
    expect(intents.filter((i) => i.type === 'DeletePod')).toEqual([]);
    expect(intents.filter((i) => i.type === 'CreatePod').map((i) => (i.type === 'CreatePod' ? i.node : ''))).toContain('node-0');
  });

  it('an unavailable old pod on a node the template no longer fits is deleted, not surged over', () => {
    const { s } = surgeOnThreeNodes();
    s.apply(ev.nodeUpdated(node('node-2', { taints: [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }] })));
    s.apply(ev.podBecameUnready(s.pods('foo', 'node-2')[0]!));
    s.apply(ev.daemonSetApplied(updated({ maxSurge: 1 })));
    const intents = rollingUpdate(s.state, s.ds('foo'));
    const victim = s.pods('foo', 'node-2')[0]!.name;
    expect(intents).toContainEqual({ type: 'DeletePod', namespace: 'default', name: victim, reason: 'RollingUpdate' });
    expect(intents).not.toContainEqual({ type: 'CreatePod', daemonSet: 'default/foo', node: 'node-2' });
  });

  it('a new pod that is not available uses a surge slot; an available one retires the old pod', () => {
    const s = new Scenario().apply(addNodes(0, 3), ev.daemonSetApplied(updated({ maxSurge: 1 })));
    const ds = s.ds('foo');
    s.apply(
      daemonPod(ds, 'node-0', 'old-0', { old: true, ready: true }),
      daemonPod(ds, 'node-0', 'new-0'),
      daemonPod(ds, 'node-1', 'old-1', { old: true, ready: true }),
      daemonPod(ds, 'node-2', 'old-2', { old: true, ready: true }),
      daemonPod(ds, 'node-2', 'new-2', { ready: true }),
    );
    // node-0 takes the only slot; node-2's new pod is available, so its old pod goes
    expect(rollingUpdate(s.state, s.ds('foo'))).toEqual([{ type: 'DeletePod', namespace: 'default', name: 'old-2', reason: 'RollingUpdate' }]);
  });

  it('a messy node counts as a surge node', () => {
    const s = new Scenario().apply(addNodes(0, 2), ev.daemonSetApplied(updated({ maxSurge: 1 })));
    const ds = s.ds('foo');
    s.apply(addPods(ds, 'node-0', 2, { ready: true }), daemonPod(ds, 'node-1', 'old-1', { old: true, ready: true }));
    expect(rollingUpdate(s.state, s.ds('foo'))).toEqual([]);
  });
});

describe('minReadySeconds', () => {
  it('a Ready pod is available only after PodBecameAvailable when minReadySeconds > 0', () => {
    const s = new Scenario().apply(addNodes(0, 1), ev.daemonSetApplied(daemonSet('foo', { minReadySeconds: 15 })));
    const ds = s.ds('foo');
    s.at(200_000).apply(daemonPod(ds, 'node-0', 'p', { ready: true }));
    const p = s.pods('foo', 'node-0')[0]!;
    expect(p.ready).toBe(true);
    expect(isPodAvailable(p)).toBe(false);
    expect(s.ds('foo').counts).toMatchObject({ numberReady: 1, numberAvailable: 0 });
    s.at(215_001).apply(ev.podBecameAvailable(p));
    expect(isPodAvailable(s.pods('foo', 'node-0')[0]!)).toBe(true);
    expect(s.ds('foo').counts).toMatchObject({ numberReady: 1, numberAvailable: 1 });
  });

  it('non-surge: a Ready but not yet available old pod is replaced as unavailable; a Ready new one still uses the budget', () => {
    const s = new Scenario().apply(addNodes(0, 3), ev.daemonSetApplied(updated({ maxUnavailable: 1, minReadySeconds: 15 })));
    const ds = s.ds('foo');
    s.apply(
      daemonPod(ds, 'node-0', 'old-ready', { old: true, ready: true }),
      daemonPod(ds, 'node-1', 'old-available', { old: true, available: true }),
      daemonPod(ds, 'node-2', 'new-ready', { ready: true }),
    );
    expect(rollingUpdate(s.state, s.ds('foo'))).toEqual([{ type: 'DeletePod', namespace: 'default', name: 'old-ready', reason: 'RollingUpdate' }]);
  });

  it('surge: the old pod stays until the new one is available, not merely Ready', () => {
    const s = new Scenario().apply(addNodes(0, 1), ev.daemonSetApplied(updated({ maxSurge: 1, minReadySeconds: 15 })));
    const ds = s.ds('foo');
    s.apply(daemonPod(ds, 'node-0', 'old', { old: true, available: true }), daemonPod(ds, 'node-0', 'new', { ready: true }));
    const pc = new FakePodControl(s);
    expect(pc.counts('foo')).toEqual([0, 0]);
    s.apply(ev.podBecameAvailable(s.pods('foo', 'node-0').find((p) => p.name === 'new')!));
    const r = pc.sync('foo');
    expect(r.deleted).toEqual(['old']);
  });
});

describe('OnDelete', () => {
  it('runs only manage(): outdated pods stay, missing pods come from the current template, a new revision is recorded', () => {
    const s = new Scenario().apply(addNodes(0, 3), ev.daemonSetApplied(daemonSet('foo', { onDelete: true })));
    const pc = new FakePodControl(s);
    expect(pc.counts('foo')).toEqual([3, 0]);
    s.apply(markPodsReady(s.state));
    s.apply(ev.daemonSetApplied(daemonSet('foo', { onDelete: true, image: 'foo2/bar2' })));
    expect(pc.counts('foo')).toEqual([0, 0]);
    expect(revisionsOf(s.state, s.ds('foo')).map((r) => r.revision)).toEqual([1, 2]);
    expect(s.ds('foo').counts).toMatchObject({ desiredNumberScheduled: 3, updatedNumberScheduled: 0, numberOutdated: 3 });
    // a user deletes one pod: its replacement has the new template
    s.apply(ev.podDeleted(s.pods('foo', 'node-0')[0]!));
    expect(pc.counts('foo')).toEqual([1, 0]);
    expect(s.pods('foo', 'node-0')[0]!.hash).toBe(s.ds('foo').hash);
    // a Failed old pod is deleted, and replaced on the next sync with the new template
    s.apply(ev.podTerminated(s.pods('foo', 'node-1')[0]!, 'Failed', 'Error'));
    expect([pc.counts('foo'), pc.counts('foo')]).toEqual([[0, 1], [1, 0]]);
    expect(s.pods('foo', 'node-1')[0]!.hash).toBe(s.ds('foo').hash);
    expect(s.ds('foo').counts.updatedNumberScheduled).toBe(2);
  });

  it('rollingUpdate() itself is never consulted for OnDelete (syncDaemonSet and FakePodControl alike)', () => {
    const s = new Scenario().apply(addNodes(0, 2), ev.daemonSetApplied(daemonSet('foo', { onDelete: true })));
    const ds = s.ds('foo');
    s.apply(nodeNames(0, 2).map((n) => daemonPod(ds, n, `${n}-old`, { old: true, ready: true })));
    expect(new FakePodControl(s).counts('foo')).toEqual([0, 0]);
  });
});

describe('rollback', () => {
  // mirrors the e2e "should rollback without unnecessary restarts"
  it('pods from a template that becomes current again count as updated and are not replaced', () => {
    const { s, pc } = fiveReadyPods();
    const firstHash = s.ds('foo').hash;
    s.apply(ev.daemonSetApplied(updated({ maxUnavailable: 1 })));
    expect([pc.counts('foo'), pc.counts('foo')]).toEqual([[0, 1], [1, 0]]);
    // roll back to the first template before the rollout goes on
    s.apply(ev.daemonSetApplied(daemonSet('foo', { maxUnavailable: 1 })));
    expect(s.ds('foo').hash).toBe(firstHash);
    expect(s.ds('foo').counts).toMatchObject({ updatedNumberScheduled: 4, numberOutdated: 1 });
    expect([pc.counts('foo'), pc.counts('foo'), pc.counts('foo')]).toEqual([[0, 1], [1, 0], [0, 0]]);
    expect(census(s.state, s.ds('foo'))).toMatchObject({ total: 5, updated: 5 });
  });
});

// Tests for the reducer: what each event does to the state, and the status counters it maintains
// incrementally (section 6, updateDaemonSetStatus), always checked against a from-scratch `recount`.

import { describe, expect, it } from 'vitest';
import { addNodes, daemonPod, daemonSet, node, Scenario } from '../test/fixtures.ts';
import { snapshot } from '../test/snapshot.ts';
import { events as ev, stamp, type PendingEvent } from './events.ts';
import { computeHash } from './names.ts';
import { createModel, placeOn, fold, placementFor, recount, reduce, targetNodeOf } from './reducer.ts';
import { getNode, getPod, initialState, INITIAL_NAMESPACES, isPodUpdated, Placement, placementOf, podsOnNode, storedObjectKey, type ClusterState, type DaemonSetCounts } from './state.ts';
import { tableEntries, tableGet, tableHas } from './table.ts';
import { defaultDaemonSet } from './defaults.ts';
import { podObject } from './apiObjects.ts';

const ZERO: DaemonSetCounts = {
  desiredNumberScheduled: 0,
  currentNumberScheduled: 0,
  numberReady: 0,
  numberAvailable: 0,
  updatedNumberScheduled: 0,
  numberMisscheduled: 0,
  numberOutdated: 0,
};

/** The counters of `foo`, after checking they equal a recount from scratch. */
function counts(s: Scenario, name = 'foo'): DaemonSetCounts {
  const ds = s.ds(name);
  expect(ds.counts).toEqual(recount(s.state.pods, s.state.nodes, ds));
  return ds.counts;
}

/** Checks every DaemonSet's counters against a recount after each event of a build. */
function appliedOneByOne(s: Scenario, ...pending: PendingEvent[]): void {
  for (const p of pending) {
    s.apply(p);
    for (const ds of s.state.daemonSets.values()) expect(ds.counts).toEqual(recount(s.state.pods, s.state.nodes, ds));
  }
}

describe('status counters (updateDaemonSetStatus, section 6)', () => {
  function threeNodes(opts: Parameters<typeof daemonSet>[1] = {}): Scenario {
    return new Scenario().apply(addNodes(0, 3), ev.daemonSetApplied(daemonSet('foo', opts)));
  }

  it('desired counts shouldRun nodes; a node with no pod is desired but not current', () => {
    const s = threeNodes();
    expect(counts(s)).toEqual({ ...ZERO, desiredNumberScheduled: 3 });
  });

  it.each([
    { rule: 'a Pending pod (not even bound) is current', opts: { bound: false }, want: { currentNumberScheduled: 1, updatedNumberScheduled: 1 } },
    { rule: 'a Running pod that is not Ready', opts: { phase: 'Running' as const }, want: { currentNumberScheduled: 1, updatedNumberScheduled: 1 } },
    { rule: 'Ready and (minReadySeconds 0) available', opts: { ready: true }, want: { currentNumberScheduled: 1, numberReady: 1, numberAvailable: 1, updatedNumberScheduled: 1 } },
    { rule: 'Failed but not yet deleted is current', opts: { phase: 'Failed' as const }, want: { currentNumberScheduled: 1, updatedNumberScheduled: 1 } },
    { rule: 'terminating is current', opts: { ready: true, deleting: 30 }, want: { currentNumberScheduled: 1, numberReady: 1, numberAvailable: 1, updatedNumberScheduled: 1 } },
    { rule: 'terminal and being deleted is invisible', opts: { phase: 'Succeeded' as const, deleting: 30 }, want: {} },
    { rule: 'an old pod is current but not updated (and outdated)', opts: { old: true, ready: true }, want: { currentNumberScheduled: 1, numberReady: 1, numberAvailable: 1, numberOutdated: 1 } },
  ])('$rule', ({ opts, want }) => {
    const s = threeNodes();
    appliedOneByOne(s, ...daemonPod(s.ds('foo'), 'node-0', 'p', opts));
    expect(counts(s)).toEqual({ ...ZERO, desiredNumberScheduled: 3, ...want });
  });

  it('only the oldest pod of a node is examined: an old Ready pod and a new NotReady one count ready, available, not updated', () => {
    const s = threeNodes({ maxSurge: 1 });
    s.at(10).apply(daemonPod(s.ds('foo'), 'node-0', 'old', { old: true, ready: true }));
    s.at(20).apply(daemonPod(s.ds('foo'), 'node-0', 'new'));
    expect(counts(s)).toEqual({ ...ZERO, desiredNumberScheduled: 3, currentNumberScheduled: 1, numberReady: 1, numberAvailable: 1, numberOutdated: 1 });
  });

  it('scheduled pods sort first: a younger bound pod beats an older unbound one', () => {
    const s = threeNodes();
    s.at(10).apply(daemonPod(s.ds('foo'), 'node-0', 'older-unbound', { bound: false, old: true }));
    s.at(20).apply(daemonPod(s.ds('foo'), 'node-0', 'younger-bound', { ready: true }));
    expect(counts(s)).toMatchObject({ currentNumberScheduled: 1, numberReady: 1, updatedNumberScheduled: 1 });
    // binding the older one makes it the pod status looks at
    s.apply(ev.podBound({ namespace: 'default', name: 'older-unbound' }, 'node-0'));
    expect(counts(s)).toMatchObject({ currentNumberScheduled: 1, numberReady: 0, updatedNumberScheduled: 0 });
  });

  it('equal creation times fall back to the smaller name', () => {
    const s = threeNodes();
    s.at(10).apply(daemonPod(s.ds('foo'), 'node-0', 'b', { ready: true }), daemonPod(s.ds('foo'), 'node-0', 'a'));
    expect(counts(s)).toMatchObject({ numberReady: 0 });
  });

  it('IsPodUpdated: the template generation alone is enough', () => {
    const s = threeNodes();
    const d = s.ds('foo');
    s.apply(ev.podCreated({ namespace: 'default', name: 'p', uid: 'u', daemonSet: d.key, node: 'node-0', hash: 'elsewhere', templateGeneration: d.templateGeneration }));
    expect(isPodUpdated(getPod(s.state, 'default', 'p')!, d)).toBe(true);
    expect(counts(s)).toMatchObject({ updatedNumberScheduled: 1, numberOutdated: 0 });
  });

  it('a pod on a node the DaemonSet should not run on is misscheduled, not current', () => {
    const s = new Scenario().apply(addNodes(0, 2, { role: 'a' }), ev.daemonSetApplied(daemonSet('foo', { nodeSelector: { role: 'a' } })));
    s.apply(daemonPod(s.ds('foo'), 'node-1', 'p', { ready: true }));
    appliedOneByOne(s, ev.nodeUpdated(node('node-1')));
    expect(counts(s)).toEqual({ ...ZERO, desiredNumberScheduled: 1, numberMisscheduled: 1 });
    appliedOneByOne(s, ev.podDeleted({ namespace: 'default', name: 'p' }));
    expect(counts(s)).toEqual({ ...ZERO, desiredNumberScheduled: 1 });
  });

  it('the misscheduled count follows taint changes at once (≥1.34)', () => {
    const s = threeNodes();
    s.apply(daemonPod(s.ds('foo'), 'node-0', 'p', { ready: true }));
    appliedOneByOne(s, ev.nodeUpdated(node('node-0', { taints: [{ key: 'k', effect: 'NoSchedule' }] })));
    expect(counts(s)).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 0, numberMisscheduled: 1 });
    appliedOneByOne(s, ev.nodeUpdated(node('node-0')));
    expect(counts(s)).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 1, numberMisscheduled: 0 });
  });

  it('pods on nodes that no longer exist are counted nowhere, and count again when the node returns', () => {
    const s = threeNodes();
    s.apply(daemonPod(s.ds('foo'), 'node-2', 'p', { ready: true }));
    appliedOneByOne(s, ev.nodeRemoved('node-2'));
    expect(counts(s)).toEqual({ ...ZERO, desiredNumberScheduled: 2 });
    appliedOneByOne(s, ev.nodeAdded(node('node-2')));
    expect(counts(s)).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 1, numberReady: 1 });
  });

  it('Ready, Unready, Available and Terminated move the counters', () => {
    const s = threeNodes({ minReadySeconds: 10 });
    const ref = { namespace: 'default', name: 'p' };
    appliedOneByOne(s, ...daemonPod(s.ds('foo'), 'node-0', 'p', { phase: 'Running' }));
    appliedOneByOne(s, ev.podBecameReady(ref));
    expect(counts(s)).toMatchObject({ numberReady: 1, numberAvailable: 0 });
    appliedOneByOne(s, ev.podBecameAvailable(ref));
    expect(counts(s)).toMatchObject({ numberReady: 1, numberAvailable: 1 });
    appliedOneByOne(s, ev.podBecameUnready(ref));
    expect(counts(s)).toMatchObject({ numberReady: 0, numberAvailable: 0 });
    // PodBecameAvailable for a pod that is not Ready changes nothing
    appliedOneByOne(s, ev.podBecameAvailable(ref));
    expect(counts(s)).toMatchObject({ numberReady: 0, numberAvailable: 0 });
    appliedOneByOne(s, ev.podBecameReady(ref), ev.podTerminated(ref, 'Failed', 'Error'));
    expect(counts(s)).toMatchObject({ currentNumberScheduled: 1, numberReady: 0, numberAvailable: 0 });
    expect(getPod(s.state, 'default', 'p')).toMatchObject({ phase: 'Failed', terminationReason: 'Error', ready: false });
  });

  it('a start moves no counter, except for a pod that had failed while being deleted (in the batch that made it and in a later one)', () => {
    const ref = { namespace: 'default', name: 'p' };
    const failedAndDeleting = (s: Scenario) => daemonPod(s.ds('foo'), 'node-0', 'p', { phase: 'Failed', deleting: 30 });
    // Failed and being deleted: invisible to status. Running again, it counts again, whether the
    // start comes in the batch that made the record (changed in place) or in a later one.
    const later = threeNodes();
    later.apply(...failedAndDeleting(later));
    expect(counts(later)).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 0 });
    later.apply(ev.podStarted(ref, false));
    expect(counts(later)).toMatchObject({ currentNumberScheduled: 1 });
    const same = threeNodes();
    same.apply(...failedAndDeleting(same), ev.podStarted(ref, false));
    expect(counts(same)).toMatchObject({ currentNumberScheduled: 1 });
    // An ordinary start changes only the record.
    const s = threeNodes();
    s.apply(...daemonPod(s.ds('foo'), 'node-1', 'q', { bound: false }), ev.podStarted({ namespace: 'default', name: 'q' }, false));
    expect(counts(s)).toEqual({ ...ZERO, desiredNumberScheduled: 3, currentNumberScheduled: 1, updatedNumberScheduled: 1 });
  });

  it('a changed minReadySeconds applies to Ready pods at once, both ways, and replays the same', () => {
    const s = threeNodes({ minReadySeconds: 10 });
    const ref = { namespace: 'default', name: 'p' };
    appliedOneByOne(s, ...daemonPod(s.ds('foo'), 'node-0', 'p', { phase: 'Running' }), ev.podBecameReady(ref));
    expect(counts(s)).toMatchObject({ numberReady: 1, numberAvailable: 0 });
    appliedOneByOne(s, ev.daemonSetApplied(daemonSet('foo', { minReadySeconds: 0 })));
    expect(counts(s)).toMatchObject({ numberReady: 1, numberAvailable: 1 });
    expect(getPod(s.state, 'default', 'p')?.available).toBe(true);
    // Ready for far less than an hour: unavailable again.
    appliedOneByOne(s, ev.daemonSetApplied(daemonSet('foo', { minReadySeconds: 3600 })));
    expect(counts(s)).toMatchObject({ numberReady: 1, numberAvailable: 0 });
    expect(getPod(s.state, 'default', 'p')?.available).toBe(false);
    expect(recount(s.state.pods, s.state.nodes, s.ds('foo'))).toEqual(counts(s));
  });

  it('a template change recounts updated and outdated pods', () => {
    const s = threeNodes();
    s.apply(daemonPod(s.ds('foo'), 'node-0', 'p', { ready: true }));
    expect(counts(s)).toMatchObject({ updatedNumberScheduled: 1, numberOutdated: 0 });
    appliedOneByOne(s, ev.daemonSetApplied(daemonSet('foo', { image: 'v2' })));
    expect(counts(s)).toMatchObject({ updatedNumberScheduled: 0, numberOutdated: 1 });
  });
});

describe('DaemonSetApplied', () => {
  it('stores the defaulted object with generation 1, template generation 1, its hash and a derived uid', () => {
    const s = new Scenario().apply(addNodes(0, 2), ev.daemonSetApplied(daemonSet('foo')));
    const d = s.ds('foo');
    expect(d).toMatchObject({ key: 'default/foo', namespace: 'default', name: 'foo', generation: 1, templateGeneration: 1, observedGeneration: 0 });
    expect(d.daemonSet.spec?.revisionHistoryLimit).toBe(10);
    expect(d.daemonSet.metadata?.annotations?.['deprecated.daemonset.template.generation']).toBe('1');
    expect(d.daemonSet.metadata?.uid).toBe(d.uid);
    expect(d.hash).toBe(computeHash(defaultDaemonSet(daemonSet('foo')).spec?.template));
    expect([...tableEntries(d.nodes)].sort()).toEqual([
      ['node-0', { placement: Placement.Run, pods: [] }],
      ['node-1', { placement: Placement.Run, pods: [] }],
    ]);
  });

  it('a DaemonSet without a namespace lands in default', () => {
    const d = daemonSet('foo');
    delete d.metadata!.namespace;
    const s = new Scenario().apply(ev.daemonSetApplied(d));
    expect(s.ds('foo').key).toBe('default/foo');
  });

  // mirrors TestDaemonSetUpdatesNoTemplateChanged (generation bookkeeping) and the strategy's PrepareForUpdate
  it.each([
    { change: 'nothing', ds: daemonSet('foo'), generation: 1, templateGeneration: 1, sameHash: true },
    { change: 'the strategy only', ds: daemonSet('foo', { maxUnavailable: 3 }), generation: 2, templateGeneration: 1, sameHash: true },
    { change: 'the template', ds: daemonSet('foo', { image: 'v2' }), generation: 2, templateGeneration: 2, sameHash: false },
  ])('re-applying with $change', ({ ds, generation, templateGeneration, sameHash }) => {
    const s = new Scenario().apply(ev.daemonSetApplied(daemonSet('foo')));
    const before = s.ds('foo');
    s.apply(ev.daemonSetApplied(ds));
    const after = s.ds('foo');
    expect(after).toMatchObject({ generation, templateGeneration, uid: before.uid, createdAt: before.createdAt });
    expect(after.hash === before.hash).toBe(sameHash);
  });

  it('a template change recomputes placement', () => {
    const s = new Scenario().apply(addNodes(0, 2), ev.nodeAdded(node('gpu', { labels: { gpu: 'yes' } })), ev.daemonSetApplied(daemonSet('foo')));
    expect(s.ds('foo').counts.desiredNumberScheduled).toBe(3);
    appliedOneByOne(s, ev.daemonSetApplied(daemonSet('foo', { nodeSelector: { gpu: 'yes' } })));
    expect(placementOf(s.ds('foo'), 'node-0')).toBe(Placement.None);
    expect(placementOf(s.ds('foo'), 'gpu')).toBe(Placement.Run);
    expect(s.ds('foo').counts.desiredNumberScheduled).toBe(1);
  });

  it('a template change that keeps the placement rules (a new image) keeps the placements without evaluating the nodes again', () => {
    const s = new Scenario().apply(addNodes(0, 3), ev.nodeAdded(node('gpu', { labels: { gpu: 'yes' } })), ev.daemonSetApplied(daemonSet('foo')));
    const placed = s.ds('foo').nodes;
    s.apply(ev.daemonSetApplied(daemonSet('foo', { image: 'v2' })));
    expect(s.ds('foo').hash).not.toBe(computeHash(defaultDaemonSet(daemonSet('foo')).spec?.template));
    expect(s.ds('foo').nodes).toBe(placed);
    s.apply(ev.daemonSetApplied(daemonSet('foo', { image: 'v2', nodeSelector: { gpu: 'yes' } })));
    expect(s.ds('foo').nodes).not.toBe(placed);
    expect(placementOf(s.ds('foo'), 'node-0')).toBe(Placement.None);
  });

  it('DaemonSetDeleted removes the record; its pods stay, owned by nobody alive', () => {
    const s = new Scenario().apply(addNodes(0, 1), ev.daemonSetApplied(daemonSet('foo')));
    s.apply(daemonPod(s.ds('foo'), 'node-0', 'p'));
    s.apply(ev.daemonSetDeleted('default', 'foo'));
    expect(s.state.daemonSets.size).toBe(0);
    expect(getPod(s.state, 'default', 'p')?.owner).toBe('default/foo');
    // Its index went with it: the orphan is indexed with the bare pods, and still found on its node.
    expect(tableGet(s.state.podsByNode, 'node-0')).toEqual(['default/p']);
    expect(podsOnNode(s.state, 'node-0').map((p) => p.name)).toEqual(['p']);
    // It keeps the spec and labels it was made with, as a Kubernetes pod carries its own, and its
    // owner reference to the DaemonSet that is gone (the background cascade removes pods, not references).
    const orphan = podObject(s.state, getPod(s.state, 'default', 'p')!);
    expect(orphan.metadata).toMatchObject({ name: 'p', generateName: 'foo-', labels: { app: 'foo', 'pod-template-generation': '1' } });
    expect(orphan.metadata?.ownerReferences).toEqual([
      { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'foo', uid: getPod(s.state, 'default', 'p')!.ownerUid, controller: true, blockOwnerDeletion: true },
    ]);
    expect(orphan.spec?.containers.map((c) => c.image)).toEqual(['registry.example/foo:1']);
    expect(orphan.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms).toEqual([
      { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-0'] }] },
    ]);
    // updates to an orphan still apply to the pod itself
    s.apply(ev.podBound({ namespace: 'default', name: 'p' }, 'node-0'));
    expect(getPod(s.state, 'default', 'p')?.nodeName).toBe('node-0');
  });

  it('DaemonSetSynced records the observed generation', () => {
    const s = new Scenario().apply(ev.daemonSetApplied(daemonSet('foo')), ev.daemonSetSynced('default', 'foo', 1));
    expect(s.ds('foo').observedGeneration).toBe(1);
    s.apply(ev.daemonSetSynced('default', 'missing', 4));
    expect(s.state.daemonSets.size).toBe(1);
  });
});

describe('nodes', () => {
  it('NodeAdded records the join time; NodeUpdated keeps it and the kubelet state', () => {
    const s = new Scenario();
    s.at(5).apply(ev.nodeAdded(node('n')));
    s.at(9).apply(ev.nodeFailed('n', 'NotReady'));
    expect(getNode(s.state, 'n')).toMatchObject({ addedAt: 5, kubelet: 'NotReady' });
    s.at(12).apply(ev.nodeUpdated(node('n', { labels: { a: 'b' } })));
    expect(getNode(s.state, 'n')).toMatchObject({ addedAt: 5, kubelet: 'NotReady' });
    expect(getNode(s.state, 'n')?.node.metadata?.labels).toMatchObject({ a: 'b' });
    s.at(15).apply(ev.nodeRecovered('n'));
    expect(getNode(s.state, 'n')?.kubelet).toBe('ok');
    // NodeUpdated for an unknown node adds it
    s.at(20).apply(ev.nodeUpdated(node('m')));
    expect(getNode(s.state, 'm')?.addedAt).toBe(20);
    // failures of unknown nodes change nothing
    s.apply(ev.nodeFailed('ghost', 'Unreachable'), ev.nodeRemoved('ghost'));
    expect(getNode(s.state, 'ghost')).toBeUndefined();
  });

  it('NodeStatusUpdated (condition taints from the node lifecycle controller) moves placement like NodeUpdated', () => {
    const s = new Scenario();
    s.at(5).apply(ev.nodeAdded(node('n')), ev.daemonSetApplied(daemonSet('foo')));
    s.apply(daemonPod(s.ds('foo'), 'n', 'p', { ready: true }));
    s.at(9).apply(ev.nodeFailed('n', 'NotReady'));
    appliedOneByOne(
      s,
      ev.nodeStatusUpdated(node('n', { ready: false, taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }] })),
    );
    expect(getNode(s.state, 'n')).toMatchObject({ addedAt: 5, kubelet: 'NotReady' });
    expect(placementOf(s.ds('foo'), 'n')).toBe(Placement.Continue);
    expect(counts(s)).toMatchObject({ desiredNumberScheduled: 0, numberMisscheduled: 1 });
  });

  it('NodeRemoved forgets the node and its images', () => {
    const s = new Scenario().apply(ev.nodeAdded(node('n')), ev.daemonSetApplied(daemonSet('foo', { image: 'img:1' })));
    s.apply(daemonPod(s.ds('foo'), 'n', 'p'), ev.podStarted({ namespace: 'default', name: 'p' }, true));
    expect(tableGet(s.state.nodeImages, 'n')).toEqual(['img:1']);
    s.apply(ev.nodeRemoved('n'));
    expect(tableHas(s.state.nodes, 'n')).toBe(false);
    expect(tableHas(s.state.nodeImages, 'n')).toBe(false);
    expect(placementOf(s.ds('foo'), 'n')).toBe(Placement.None);
  });

  it('placementFor maps the predicate onto Run / Continue / None', () => {
    const d = daemonSet('foo');
    expect(placementFor(node('a'), d)).toBe(Placement.Run);
    expect(placementFor(node('a', { taints: [{ key: 'x', effect: 'NoSchedule' }] }), d)).toBe(Placement.Continue);
    expect(placementFor(node('a', { taints: [{ key: 'x', effect: 'NoExecute' }] }), d)).toBe(Placement.None);
    expect(placementFor(node('a', { taints: [{ key: 'x', effect: 'PreferNoSchedule' }] }), d)).toBe(Placement.Run);
    const s = new Scenario().apply(ev.nodeAdded(node('a')), ev.nodeAdded(node('b', { taints: [{ key: 'x', effect: 'NoExecute' }] })));
    expect([...tableEntries(placeOn(s.state.nodes, d, undefined))]).toEqual([['a', { placement: Placement.Run, pods: [] }]]);
  });

  it('a template change redoes every placement and keeps every pod, on nodes that are gone too', () => {
    const y = { labels: { pool: 'y' } };
    const s = new Scenario().apply(ev.nodeAdded(node('a', y)), ev.nodeAdded(node('b', y)), ev.daemonSetApplied(daemonSet('foo', { image: 'img:1', nodeSelector: { pool: 'y' } })));
    s.apply(daemonPod(s.ds('foo'), 'a', 'p', { bound: false }), daemonPod(s.ds('foo'), 'b', 'q', { bound: false }));
    s.apply(ev.nodeRemoved('b'), ev.nodeAdded(node('c', { labels: { pool: 'x' } })));
    // The new template selects only c: a's pod stays, misscheduled; b's stays indexed, counted nowhere.
    // (As many entries come out as went in, so nothing may be judged by size.)
    s.apply(ev.daemonSetApplied(daemonSet('foo', { image: 'img:2', nodeSelector: { pool: 'x' } })));
    const d = s.ds('foo');
    const onNodes = [...tableEntries(d.nodes)].map(([n, here]) => [n, here.placement, here.pods.map((p) => p.name)]).sort();
    expect(onNodes).toEqual([
      ['a', Placement.None, ['p']],
      ['b', Placement.None, ['q']],
      ['c', Placement.Run, []],
    ]);
    expect(d.counts).toEqual(recount(s.state.pods, s.state.nodes, d));
    expect(d.counts).toMatchObject({ desiredNumberScheduled: 1, numberMisscheduled: 1 });
  });
});

describe('pods', () => {
  function withPod(): Scenario {
    const s = new Scenario().apply(ev.nodeAdded(node('n')), ev.daemonSetApplied(daemonSet('foo', { image: 'img:1' })));
    s.at(100).apply(daemonPod(s.ds('foo'), 'n', 'p', { bound: false }));
    return s;
  }
  const ref = { namespace: 'default', name: 'p' };

  it('PodAnnotated gives the pod its own object with the new annotations; its owner, node, counters and labels stay', () => {
    const s = withPod();
    s.apply(ev.podBound(ref, 'n'));
    const before = getPod(s.state, 'default', 'p')!;
    const countsBefore = counts(s);
    s.apply(ev.podAnnotated(ref, { note: 'debugging' }));
    const after = getPod(s.state, 'default', 'p')!;
    expect(after).toMatchObject({ owner: before.owner, ownerUid: before.ownerUid, nodeName: 'n', hash: before.hash, templateGeneration: before.templateGeneration });
    expect(counts(s)).toEqual(countsBefore);
    const object = podObject(s.state, after);
    expect(object.metadata?.annotations).toEqual({ note: 'debugging' });
    expect(object.metadata?.labels).toEqual(podObject(s.state, before).metadata?.labels);
    expect(object.metadata?.ownerReferences).toEqual(podObject(s.state, before).metadata?.ownerReferences);
    // The DaemonSet's table holds the new record, so its node's pods read the annotations too.
    expect(podsOnNode(s.state, 'n').map((p) => p.object?.metadata?.annotations)).toEqual([{ note: 'debugging' }]);
    s.apply(ev.podAnnotated(ref, {}));
    expect(podObject(s.state, getPod(s.state, 'default', 'p')!).metadata?.annotations).toBeUndefined();
  });

  it('PodCreated makes a Pending pod owned by the DaemonSet, indexed by its node in the DaemonSet; a duplicate is ignored', () => {
    const s = withPod();
    const p = getPod(s.state, 'default', 'p')!;
    expect(p).toMatchObject({ owner: 'default/foo', ownerUid: s.ds('foo').uid, targetNode: 'n', nodeName: undefined, phase: 'Pending', createdAt: 100, ready: false });
    expect(tableGet(s.ds('foo').nodes, 'n')?.pods).toEqual([p]);
    // Indexed once: the bare pods' index does not hold it too.
    expect(tableHas(s.state.podsByNode, 'n')).toBe(false);
    expect(podsOnNode(s.state, 'n')).toEqual([p]);
    s.apply(daemonPod(s.ds('foo'), 'n', 'p', { bound: false }));
    expect(podsOnNode(s.state, 'n')).toEqual([p]);
  });

  it('PodCreated for a DaemonSet that is gone makes an orphan, indexed with the bare pods', () => {
    const s = withPod();
    const foo = s.ds('foo');
    s.apply(ev.daemonSetDeleted('default', 'foo'));
    s.apply(daemonPod(foo, 'n', 'q', { bound: false }));
    expect(getPod(s.state, 'default', 'q')).toMatchObject({ owner: 'default/foo', ownerUid: undefined });
    expect(tableGet(s.state.podsByNode, 'n')).toEqual(['default/p', 'default/q']);
    s.apply(ev.podDeleted({ namespace: 'default', name: 'q' }));
    expect(tableGet(s.state.podsByNode, 'n')).toEqual(['default/p']);
  });

  it('a pod made in a batch is changed in place by the batch\'s later events; a state from before never changes', () => {
    // Unfrozen, so that a change in place to an earlier state's record would not throw but show.
    const s = new Scenario(initialState(), createModel({ autoFreeze: false })).apply(ev.nodeAdded(node('n')), ev.daemonSetApplied(daemonSet('foo')));
    const created = daemonPod(s.ds('foo'), 'n', 'p', { bound: false });
    const before = s.state;
    s.at(100).apply(created, ev.podBound(ref, 'n'), ev.podStarted(ref, false));
    const made = s.state;
    s.at(200).apply(ev.podBecameReady(ref));
    expect(getPod(before, 'default', 'p')).toBeUndefined();
    expect(getPod(made, 'default', 'p')).toMatchObject({ nodeName: 'n', phase: 'Running', ready: false });
    expect(made.daemonSets.get('default/foo')!.counts).toMatchObject({ currentNumberScheduled: 1, numberReady: 0 });
    const now = getPod(s.state, 'default', 'p')!;
    expect(now).toMatchObject({ ready: true, readyChangedAt: 200 });
    expect(now).not.toBe(getPod(made, 'default', 'p'));
    // Both indexes hold the one record, and the counters moved with it.
    expect(tableGet(s.ds('foo').nodes, 'n')?.pods).toEqual([now]);
    expect(tableGet(s.ds('foo').nodes, 'n')?.pods[0]).toBe(now);
    expect(counts(s)).toMatchObject({ currentNumberScheduled: 1, numberReady: 1, numberAvailable: 1 });
  });

  it("a DaemonSet's placement belongs to the batch that made it: a later batch's pod leaves the earlier state's table alone", () => {
    const s = new Scenario(initialState(), createModel({ autoFreeze: false })).apply(ev.nodeAdded(node('n')), ev.daemonSetApplied(daemonSet('foo')));
    const placed = s.state;
    s.at(100).apply(daemonPod(s.ds('foo'), 'n', 'p', { bound: false }));
    expect(tableGet(placed.daemonSets.get('default/foo')!.nodes, 'n')?.pods).toEqual([]);
    expect(tableGet(s.ds('foo').nodes, 'n')?.pods.map((p) => p.name)).toEqual(['p']);
  });

  it('PodUnschedulable, PodBound, PodStarted (with images), PodBecameReady', () => {
    const s = withPod();
    s.apply(ev.podUnschedulable(ref, 'no room'));
    expect(getPod(s.state, 'default', 'p')?.unschedulable).toBe('no room');
    s.at(110).apply(ev.podBound(ref, 'n'));
    expect(getPod(s.state, 'default', 'p')).toMatchObject({ nodeName: 'n', unschedulable: undefined });
    s.at(120).apply(ev.podStarted(ref, false));
    expect(getPod(s.state, 'default', 'p')).toMatchObject({ phase: 'Running', started: true, startedAt: 120 });
    expect(tableGet(s.state.nodeImages, 'n')).toBeUndefined();
    s.apply(ev.podStarted(ref, true));
    expect(tableGet(s.state.nodeImages, 'n')).toEqual(['img:1']);
    s.at(130).apply(ev.podBecameReady(ref));
    expect(getPod(s.state, 'default', 'p')).toMatchObject({ ready: true, readyChangedAt: 130, available: true });
  });

  it('PodDeletionRequested sets deletionTimestamp = now + grace, once', () => {
    const s = withPod();
    s.at(200).apply(ev.podDeletionRequested(ref, 30, 'x'));
    expect(getPod(s.state, 'default', 'p')).toMatchObject({ deletionTimestamp: 30_200, deletionGracePeriodSeconds: 30 });
    s.at(300).apply(ev.podDeletionRequested(ref, 5, 'y'));
    expect(getPod(s.state, 'default', 'p')).toMatchObject({ deletionTimestamp: 30_200, deletionGracePeriodSeconds: 30 });
  });

  it.each([
    { given: 5, template: undefined, want: 5 },
    { given: undefined, template: 7, want: 7 },
    { given: undefined, template: undefined, want: 30 },
  ])('PodRemovalRequested grace: event $given, template $template → $want s', ({ given, template, want }) => {
    const d = daemonSet('foo');
    if (template !== undefined) d.spec!.template.spec!.terminationGracePeriodSeconds = template;
    const s = new Scenario().apply(ev.nodeAdded(node('n')), ev.daemonSetApplied(d));
    s.apply(daemonPod(s.ds('foo'), 'n', 'p'));
    s.at(1000).apply(ev.podRemovalRequested(ref, 'delete', given));
    expect(getPod(s.state, 'default', 'p')).toMatchObject({ deletionGracePeriodSeconds: want, deletionTimestamp: 1000 + want * 1000 });
  });

  it('PodDeleted removes the pod from every index; events for unknown pods change nothing', () => {
    const s = withPod();
    s.apply(ev.podDeleted(ref));
    expect(getPod(s.state, 'default', 'p')).toBeUndefined();
    expect(tableHas(s.state.podsByNode, 'n')).toBe(false);
    // The node keeps its placement; its pods are gone.
    expect(tableGet(s.ds('foo').nodes, 'n')).toEqual({ placement: Placement.Run, pods: [] });
    const before = snapshot(s.state);
    s.apply(ev.podBound(ref, 'n'), ev.podBecameReady(ref), ev.podDeleted(ref), ev.podTerminated(ref, 'Failed', 'x'));
    const after = snapshot(s.state) as { seq: number; now: number };
    expect({ ...after, seq: 0, now: 0 }).toEqual({ ...(before as object), seq: 0, now: 0 });
  });

  it('BarePodCreated keeps the user’s pod, targeted by nodeName or by a metadata.name affinity', () => {
    const s = new Scenario().apply(ev.nodeAdded(node('n')));
    s.apply(
      ev.barePodCreated({ metadata: { name: 'bound', namespace: 'kube-system' }, spec: { nodeName: 'n', containers: [] } }, 'u1'),
      ev.barePodCreated(
        {
          metadata: { name: 'aimed' },
          spec: {
            containers: [],
            affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n'] }] }] } } },
          },
        },
        'u2',
      ),
      ev.barePodCreated({ metadata: { name: 'floating' }, spec: { containers: [] } }, 'u3'),
    );
    expect(getPod(s.state, 'kube-system', 'bound')).toMatchObject({ nodeName: 'n', targetNode: 'n', owner: undefined, uid: 'u1' });
    expect(getPod(s.state, 'default', 'aimed')).toMatchObject({ nodeName: undefined, targetNode: 'n' });
    expect(getPod(s.state, 'default', 'floating')?.targetNode).toBeUndefined();
    expect(tableGet(s.state.podsByNode, 'n')).toEqual(['kube-system/bound', 'default/aimed']);
    // podsOnNode lists them as the API server would: by namespace, then name.
    expect(podsOnNode(s.state, 'n').map((p) => `${p.namespace}/${p.name}`)).toEqual(['default/aimed', 'kube-system/bound']);
  });

  // mirrors GetTargetNodeName in daemonset_util_test.go
  it.each([
    { name: 'nodeName', pod: { spec: { nodeName: 'a', containers: [] } }, want: 'a' },
    { name: 'matchFields In with one value', pod: { spec: { containers: [], affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['b'] }] }] } } } } }, want: 'b' },
    { name: 'two values', pod: { spec: { containers: [], affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['b', 'c'] }] }] } } } } }, want: undefined },
    { name: 'no target', pod: { spec: { containers: [] } }, want: undefined },
  ])('targetNodeOf: $name', ({ pod, want }) => {
    expect(targetNodeOf(pod)).toBe(want);
  });
});

describe('revisions and stored objects', () => {
  it('ControllerRevisionCreated stores the current template; Updated renumbers; Deleted removes', () => {
    const s = new Scenario().apply(ev.daemonSetApplied(daemonSet('foo')));
    const d = s.ds('foo');
    s.at(7).apply(ev.controllerRevisionCreated({ namespace: 'default', name: `foo-${d.hash}`, daemonSet: d.key, hash: d.hash, revision: 1 }));
    const r = s.state.revisions.get(`default/foo-${d.hash}`);
    expect(r).toMatchObject({ revision: 1, hash: d.hash, createdAt: 7, daemonSet: 'default/foo' });
    expect(r?.template).toEqual(d.daemonSet.spec?.template);
    s.apply(ev.controllerRevisionUpdated({ namespace: 'default', name: `foo-${d.hash}` }, 4));
    expect(s.state.revisions.get(`default/foo-${d.hash}`)?.revision).toBe(4);
    s.apply(ev.controllerRevisionDeleted({ namespace: 'default', name: `foo-${d.hash}` }));
    expect(s.state.revisions.size).toBe(0);
  });

  it('ControllerRevisionAnnotated replaces the annotations (the change-cause) and nothing else; an empty set drops them', () => {
    const s = new Scenario().apply(ev.daemonSetApplied(daemonSet('foo')));
    const d = s.ds('foo');
    const ref = { namespace: 'default', name: `foo-${d.hash}` };
    s.at(7).apply(ev.controllerRevisionCreated({ ...ref, daemonSet: d.key, hash: d.hash, revision: 1 }));
    const before = s.state.revisions.get(`default/${ref.name}`)!;
    s.apply(ev.controllerRevisionAnnotated(ref, { 'kubernetes.io/change-cause': 'image 2' }));
    const after = s.state.revisions.get(`default/${ref.name}`)!;
    expect(after).toEqual({ ...before, annotations: { 'kubernetes.io/change-cause': 'image 2' } });
    s.apply(ev.controllerRevisionAnnotated(ref, {}));
    expect(s.state.revisions.get(`default/${ref.name}`)).toEqual({ ...before, annotations: undefined });
    expect('annotations' in s.state.revisions.get(`default/${ref.name}`)!).toBe(false);
    // A revision that is not there: nothing happens.
    const unchanged = snapshot(s.state);
    s.apply(ev.controllerRevisionAnnotated({ namespace: 'default', name: 'gone' }, { a: 'b' }));
    expect(snapshot(s.state)).toEqual({ ...(unchanged as object), seq: s.state.seq });
  });

  it('the initial namespaces exist; ObjectApplied keeps uid and creation time across updates; ObjectDeleted removes', () => {
    const s = new Scenario();
    for (const ns of INITIAL_NAMESPACES) expect(s.state.objects.has(storedObjectKey('v1', 'Namespace', undefined, ns))).toBe(true);
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { a: '1' } };
    s.at(3).apply(ev.objectApplied(cm));
    const key = storedObjectKey('v1', 'ConfigMap', 'default', 'c');
    const first = s.state.objects.get(key)!;
    s.at(9).apply(ev.objectApplied({ ...cm, data: { a: '2' } }));
    expect(s.state.objects.get(key)).toMatchObject({ uid: first.uid, createdAt: 3, object: { data: { a: '2' } } });
    s.apply(ev.objectDeleted({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'c' }));
    expect(s.state.objects.has(key)).toBe(false);
    expect(storedObjectKey('apps/v1', 'DaemonSet', 'ns', 'x')).toBe('DaemonSet.apps/ns/x');
  });

  it('SimulationStarted and TimeAdvanced only move the clock and the log position', () => {
    const s = new Scenario();
    const before = snapshot(s.state) as object;
    s.at(42).apply(ev.simulationStarted(1), ev.timeAdvanced(42));
    expect(snapshot(s.state)).toEqual({ ...before, now: 42, seq: 1 });
  });
});

describe('reduce and fold', () => {
  function log(): ReturnType<typeof stamp>[] {
    const pending: PendingEvent[] = [
      ...addNodes(0, 3),
      ev.daemonSetApplied(daemonSet('foo')),
      ev.podCreated({ namespace: 'default', name: 'p', uid: 'u', daemonSet: 'default/foo', node: 'node-0', hash: 'h', templateGeneration: 1 }),
      ev.podBound({ namespace: 'default', name: 'p' }, 'node-0'),
      ev.podAnnotated({ namespace: 'default', name: 'p' }, { note: 'n' }),
      ev.controllerRevisionCreated({ namespace: 'default', name: 'foo-r1', daemonSet: 'default/foo', hash: 'h', revision: 1 }),
      ev.controllerRevisionAnnotated({ namespace: 'default', name: 'foo-r1' }, { 'kubernetes.io/change-cause': 'first' }),
      ev.nodeUpdated(node('node-0', { taints: [{ key: 'k', effect: 'NoSchedule' }] })),
      ev.daemonSetApplied(daemonSet('foo', { image: 'v2' })),
      ev.nodeRemoved('node-1'),
      ev.podDeleted({ namespace: 'default', name: 'p' }),
    ];
    return pending.map((p, i) => stamp(p, i, i * 10));
  }

  it('folding a log in one batch equals reducing it event by event', () => {
    const events = log();
    const oneByOne = events.reduce<ClusterState>((st, e) => reduce(st, e), initialState());
    expect(snapshot(fold(initialState(), events))).toEqual(snapshot(oneByOne));
    expect(snapshot(fold(fold(initialState(), events.slice(0, 4)), events.slice(4)))).toEqual(snapshot(oneByOne));
  });

  it('the default model freezes its results; a model without autoFreeze does not, yet agrees', () => {
    const events = log();
    const frozen = fold(initialState(), events);
    expect(Object.isFrozen(frozen)).toBe(true);
    expect(Object.isFrozen(frozen.daemonSets.get('default/foo'))).toBe(true);
    const loose = createModel({ autoFreeze: false }).fold(initialState(), events);
    expect(Object.isFrozen(loose)).toBe(false);
    expect(snapshot(loose)).toEqual(snapshot(frozen));
  });

  it('never changes the state it is given', () => {
    const model = createModel({ autoFreeze: false });
    let st = initialState();
    for (const e of log()) {
      const before = JSON.stringify(snapshot(st));
      const next = model.reduce(st, e);
      expect(JSON.stringify(snapshot(st))).toBe(before);
      expect(next).not.toBe(st);
      st = next;
    }
  });
});

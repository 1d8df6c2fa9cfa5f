// Property tests over arbitrary churn: nodes added, removed, relabelled and tainted; DaemonSets applied,
// updated and deleted; pods relabelled; each input followed by `settle`. Checks placement and pod counts against the
// reference model, status against two recounts, replay in any chunking, immutability and seeding.

import fc from 'fast-check';
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Taint, Toleration } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { events as ev, stamp, type DsimEvent, type PendingEvent } from '../src/events.ts';
import { NAME_ALPHABET } from '../src/names.ts';
import { Random } from '../src/random.ts';
import { createModel, fold, recount, reduce } from '../src/reducer.ts';
import { ownsRevision, revisionsOf } from '../src/history.ts';
import { podLabels } from '../src/apiObjects.ts';
import { settle } from '../src/settle.ts';
import { allowsSurge, syncDaemonSet } from '../src/controller.ts';
import { intentsToEvents } from '../src/podControl.ts';
import { initialState, isPodUpdated, objectKey, placementOf, Placement, podsOnNode, type ClusterState, type PodRecord } from '../src/state.ts';
import { tableEntries, tableGet, tableHas, tableValues } from '../src/table.ts';
import { barePodCreated, daemonSet, node } from './fixtures.ts';
import { refCounts, refPlacementOf, refPodsByNode } from './referenceModel.ts';
import { propertyRuns, propertyTimeout } from './runs.ts';
import { snapshot } from './snapshot.ts';

// ---- generators ------------------------------------------------------------------------------

const NODE_NAMES = ['n0', 'n1', 'n2', 'n3'] as const;
const DS_NAMES = ['a', 'b'] as const;

const labelsArb = fc
  .record({ zone: fc.constantFrom('a', 'b', undefined), disk: fc.constantFrom('ssd', 'hdd', undefined) })
  .map((l) => Object.fromEntries(Object.entries(l).filter(([, v]) => v !== undefined)) as Record<string, string>);

const taintArb: fc.Arbitrary<Taint> = fc.record({
  key: fc.constantFrom('dedicated', 'node.kubernetes.io/unschedulable', 'node.kubernetes.io/not-ready'),
  value: fc.constantFrom('', 'x'),
  effect: fc.constantFrom('NoSchedule', 'NoExecute', 'PreferNoSchedule'),
});
const taintsArb = fc.uniqueArray(taintArb, { maxLength: 2, selector: (t) => `${t.key}:${t.effect}` });

const TOLERATIONS: readonly Toleration[] = [
  { key: 'dedicated', operator: 'Exists' },
  { key: 'dedicated', operator: 'Equal', value: 'x', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' },
  { operator: 'Exists', effect: 'NoExecute' },
];

/** Rolling strategies, as the fixture's options (all valid after defaulting). */
const strategyArb = fc.constantFrom<Parameters<typeof daemonSet>[1]>(
  { onDelete: true },
  { maxUnavailable: 1 },
  { maxUnavailable: 2 },
  { maxUnavailable: '50%' },
  { maxSurge: 1 },
  { maxSurge: '50%' },
);

const daemonSetArb: fc.Arbitrary<DaemonSet> = fc
  .record({
    name: fc.constantFrom(...DS_NAMES),
    nodeSelector: fc.oneof(fc.constant({}), labelsArb),
    tolerations: fc.subarray([...TOLERATIONS], { maxLength: 2 }),
    image: fc.constantFrom('img:1', 'img:2', 'img:3'),
    strategy: strategyArb,
    revisionHistoryLimit: fc.constantFrom(undefined, 0, 1),
  })
  .map(({ name, nodeSelector, tolerations, image, strategy, revisionHistoryLimit }) => {
    const d = daemonSet(name, {
      ...strategy,
      image,
      ...(Object.keys(nodeSelector).length > 0 ? { nodeSelector } : {}),
      ...(tolerations.length > 0 ? { tolerations } : {}),
    });
    if (revisionHistoryLimit !== undefined) d.spec!.revisionHistoryLimit = revisionHistoryLimit;
    return d;
  });

const nodeArb = fc.record({ name: fc.constantFrom(...NODE_NAMES), labels: labelsArb, taints: taintsArb });

/** One input event of the churn. */
const inputArb: fc.Arbitrary<PendingEvent> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(nodeArb, fc.boolean()).map(([n, add]) => (add ? ev.nodeAdded : ev.nodeUpdated)(node(n.name, n))) },
  { weight: 1, arbitrary: fc.constantFrom(...NODE_NAMES).map((n) => ev.nodeRemoved(n)) },
  { weight: 3, arbitrary: daemonSetArb.map((d) => ev.daemonSetApplied(d)) },
  { weight: 1, arbitrary: fc.constantFrom(...DS_NAMES).map((n) => ev.daemonSetDeleted('default', n)) },
  // --cascade=orphan: the pods stay, for a DaemonSet of the same selector to adopt.
  { weight: 1, arbitrary: fc.constantFrom(...DS_NAMES).map((n) => ev.daemonSetDeleted('default', n, 'Orphan')) },
  // --cascade=foreground: the DaemonSet stays, left alone, until its pods are gone.
  { weight: 1, arbitrary: fc.constantFrom(...DS_NAMES).map((n) => ev.daemonSetDeleted('default', n, 'Foreground')) },
  // A bare pod on a node, with a DaemonSet's labels or not: adopted (then kept or replaced) or left.
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('bare-0', 'bare-1'), fc.constantFrom(...NODE_NAMES), fc.constantFrom<string>(...DS_NAMES, 'other'))
      .map(([name, n, app]) => barePodCreated(name, n, { app })),
  },
  // `kubectl label pods`: the k-th pod by creation (resolved when run: `#k`) gets labels of a
  // DaemonSet or not, its own kept or replaced: released, adopted, rolled or left.
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.nat({ max: 7 }), fc.constantFrom<string>(...DS_NAMES, 'other'), fc.boolean())
      .map(([k, app, keep]) => ev.podRelabeled({ namespace: 'default', name: `#${k}` }, keep ? { [KEEP]: 'true', app } : { app })),
  },
  // `kubectl annotate pods`: the k-th pod gets annotations (or loses them); nothing else may move.
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.nat({ max: 7 }), fc.constantFrom<Record<string, string>>({}, { note: 'debugging' }, { 'kubernetes.io/change-cause': 'x' }))
      .map(([k, annotations]) => ev.podAnnotated({ namespace: 'default', name: `#${k}` }, annotations)),
  },
);

/** In a generated relabel: the pod's labels are kept, `app` set over them. */
const KEEP = 'dsim.test/keep';

/** A generated relabel or annotation of the `#k`-th pod (by creation) made concrete against the state, or undefined when there are no pods. */
function resolveRelabel(state: ClusterState, p: PendingEvent): PendingEvent | undefined {
  if ((p.type !== 'PodRelabeled' && p.type !== 'PodAnnotated') || !p.data.name.startsWith('#')) return p;
  // In an order that does not depend on the seed (generated names do): when made, where, by whom.
  const order = (p: PodRecord) => `${String(p.createdAt).padStart(12, '0')} ${p.targetNode ?? ''} ${p.owner ?? ''} ${p.owner === undefined ? p.name : ''}`;
  const pods = [...tableValues(state.pods)].sort((a, b) => (order(a) < order(b) ? -1 : 1));
  if (pods.length === 0) return undefined;
  const pod = pods[Number(p.data.name.slice(1)) % pods.length]!;
  if (p.type === 'PodAnnotated') return ev.podAnnotated(pod, p.data.annotations);
  const { [KEEP]: keep, ...labels } = p.data.labels;
  return ev.podRelabeled(pod, keep === undefined ? labels : { ...podLabels(state, pod), ...labels });
}

/** A few nodes and a DaemonSet first, so that most runs have pods to churn. */
const preludeArb = fc
  .tuple(fc.uniqueArray(nodeArb, { minLength: 1, maxLength: 4, selector: (n) => n.name }), daemonSetArb)
  .map(([nodes, d]): PendingEvent[] => [...nodes.map((n) => ev.nodeAdded(node(n.name, n))), ev.daemonSetApplied(d)]);

const churnArb = fc.record({
  inputs: fc.tuple(preludeArb, fc.array(inputArb, { maxLength: 16 })).map(([a, b]) => [...a, ...b]),
  readyPods: fc.boolean(),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
});

// ---- running churn ---------------------------------------------------------------------------

interface Run {
  readonly state: ClusterState;
  readonly log: readonly DsimEvent[];
}

/** Folds each input, settles after each, and calls `check` on every settled state. */
function runChurn(inputs: readonly PendingEvent[], readyPods: boolean, seed: number, check: (s: ClusterState) => void = () => {}): Run {
  const rng = new Random(seed);
  let state = initialState();
  const log: DsimEvent[] = [];
  inputs.forEach((generated, i) => {
    const p = resolveRelabel(state, generated);
    if (p === undefined) return;
    const e = stamp(p, state.seq + 1, (i + 1) * 1000);
    state = reduce(state, e);
    log.push(e);
    const settled = settle(state, { rng, readyPods });
    state = settled.state;
    log.push(...settled.events);
    check(state);
  });
  return { state, log };
}

/** (a) one pod where shouldRun, none where not shouldContinueRunning, at most one otherwise; placement as the reference says. */
function checkPlacement(state: ClusterState): void {
  for (const ds of state.daemonSets.values()) {
    const byNode = refPodsByNode(state, ds);
    for (const [name, rec] of tableEntries(state.nodes)) {
      const want = refPlacementOf(rec.node, ds.daemonSet);
      const real = placementOf(ds, name);
      expect(real === Placement.Run ? 'Run' : real === Placement.Continue ? 'Continue' : 'None', `${ds.key} on ${name}`).toBe(want);
      const livePods = (byNode.get(name) ?? []).filter((p) => p.deletionTimestamp === undefined);
      const live = livePods.length;
      if (want === 'Run' && live === 2 && allowsSurge(ds)) {
        // A surging rollout keeps the old pod until its replacement is available (rolling_update.go):
        // with pods that never turn Ready, the pair is where the rollout rests.
        const updated = livePods.filter((p) => isPodUpdated(p, ds));
        expect(updated, `surge pair of ${ds.key} on ${name}`).toHaveLength(1);
        expect(updated[0]!.available, `surge pod of ${ds.key} on ${name} is not available yet`).toBe(false);
      } else if (want === 'Run') expect(live, `pods of ${ds.key} on ${name}`).toBe(1);
      else if (want === 'None') expect(live, `pods of ${ds.key} on ${name}`).toBe(0);
      else expect(live, `pods of ${ds.key} on ${name}`).toBeLessThanOrEqual(1);
    }
    for (const [name, pods] of byNode) if (!tableHas(state.nodes, name)) expect(pods, `pods of ${ds.key} on missing ${name}`).toEqual([]);
  }
  // the garbage collector has taken every pod whose DaemonSet is gone
  for (const p of tableValues(state.pods)) {
    const owner = p.owner === undefined ? undefined : state.daemonSets.get(p.owner);
    expect(owner?.uid, `owner of ${p.name}`).toBe(p.ownerUid);
  }
}

/** (b) incremental counters = recount = the reference's own recount. */
function checkCounts(state: ClusterState): void {
  for (const ds of state.daemonSets.values()) {
    expect(ds.counts, `counts of ${ds.key}`).toEqual(recount(state.pods, state.nodes, ds));
    expect(ds.counts, `reference counts of ${ds.key}`).toEqual(refCounts(state, ds));
  }
  checkIndexes(state);
}

/** Every pod is found on its node once, by `podsOnNode`, whichever index holds it; a DaemonSet's index holds the records themselves. */
function checkIndexes(state: ClusterState): void {
  const want = new Map<string, PodRecord[]>();
  for (const p of tableValues(state.pods)) if (p.targetNode !== undefined) want.set(p.targetNode, [...(want.get(p.targetNode) ?? []), p]);
  for (const [node, pods] of want) {
    const sorted = pods.sort((a, b) => (a.namespace === b.namespace ? (a.name < b.name ? -1 : 1) : a.namespace < b.namespace ? -1 : 1));
    expect(podsOnNode(state, node), `pods on ${node}`).toEqual(sorted);
  }
  for (const ds of state.daemonSets.values()) {
    for (const [node, here] of tableEntries(ds.nodes)) {
      for (const p of here.pods) expect(tableGet(state.pods, objectKey(p.namespace, p.name)), `${ds.key}'s record of ${p.name} on ${node}`).toBe(p);
    }
  }
}

/**
 * History: revisions belong to live DaemonSets, or are orphans (left by --cascade=orphan) no live
 * DaemonSet owns; one current revision, numbered highest; cleanup done.
 */
function checkHistory(state: ClusterState): void {
  for (const r of state.revisions.values()) {
    const owner = state.daemonSets.get(r.daemonSet);
    expect(owner !== undefined ? ownsRevision(owner, r) || r.orphaned === true : r.orphaned === true, `owner of revision ${r.name}`).toBe(true);
  }
  for (const ds of state.daemonSets.values()) {
    const revs = revisionsOf(state, ds);
    expect(new Set(revs.map((r) => r.hash)).size, `distinct hashes of ${ds.key}`).toBe(revs.length);
    const current = revs.filter((r) => r.hash === ds.hash);
    expect(current, `current revision of ${ds.key}`).toHaveLength(1);
    expect(current[0]!.revision).toBe(Math.max(...revs.map((r) => r.revision)));
    const live = new Set([...tableValues(state.pods)].filter((p) => p.owner === ds.key).map((p) => p.hash));
    const old = revs.filter((r) => r.hash !== ds.hash);
    const limit = ds.daemonSet.spec?.revisionHistoryLimit ?? 10;
    if (old.length > limit) expect(old.filter((r) => !live.has(r.hash)), `deletable old revisions of ${ds.key}`).toEqual([]);
  }
}

/** Freezes everything reachable, Map entries and class instances (the tables' boxes) included. */
function deepFreeze(x: unknown, seen = new Set<unknown>()): void {
  if (x === null || typeof x !== 'object' || seen.has(x)) return;
  seen.add(x);
  if (x instanceof Map) {
    for (const [k, v] of x) {
      deepFreeze(k, seen);
      deepFreeze(v, seen);
    }
  }
  for (const v of Object.values(x)) deepFreeze(v, seen);
  Object.freeze(x);
}


/** What may happen next to a pod, in a valid order (the kubelet's and the API server's facts). */
const LIFECYCLE = ['bind', 'start', 'ready', 'available', 'unready', 'fail', 'succeed', 'finish'] as const;

function lifecycleFact(p: PodRecord, wanted: (typeof LIFECYCLE)[number]): PendingEvent | undefined {
  const terminal = p.phase === 'Failed' || p.phase === 'Succeeded';
  const start = LIFECYCLE.indexOf(wanted);
  for (let i = 0; i < LIFECYCLE.length; i++) {
    const what = LIFECYCLE[(start + i) % LIFECYCLE.length]!;
    if (what === 'bind' && p.nodeName === undefined && p.targetNode !== undefined) return ev.podBound(p, p.targetNode);
    if (what === 'start' && p.nodeName !== undefined && p.phase === 'Pending') return ev.podStarted(p, true);
    if (what === 'ready' && p.phase === 'Running' && !p.ready) return ev.podBecameReady(p);
    if (what === 'available' && p.ready && !p.available) return ev.podBecameAvailable(p);
    if (what === 'unready' && p.ready) return ev.podBecameUnready(p);
    if (what === 'fail' && p.phase === 'Running') return ev.podTerminated(p, 'Failed', 'Error');
    if (what === 'succeed' && p.phase === 'Running' && !terminal) return ev.podTerminated(p, 'Succeeded', 'Completed');
    if (what === 'finish' && p.deletionTimestamp !== undefined) return ev.podDeleted(p);
  }
  return undefined;
}

/** Churn with graceful deletion: syncs request deletions, and pods live, fail and terminate in between. */
function runGraceful(inputs: readonly PendingEvent[], steps: readonly { pick: number; what: (typeof LIFECYCLE)[number] }[], seed: number): ClusterState {
  const rng = new Random(seed);
  let state = initialState();
  let t = 0;
  const record = (pending: readonly PendingEvent[]) => {
    for (const p of pending) {
      state = reduce(state, stamp(p, state.seq + 1, (t += 100)));
      checkCounts(state);
    }
  };
  let k = 0;
  for (const input of inputs) {
    const resolved = resolveRelabel(state, input);
    if (resolved !== undefined) record([resolved]);
    for (let round = 0; round < 3; round++) {
      for (const key of [...state.daemonSets.keys()].sort()) {
        record(intentsToEvents(state, syncDaemonSet(state, key).intents, rng, { deletion: 'request' }));
      }
      for (let i = 0; i < 2 && k < steps.length; i++, k++) {
        const pods = [...tableValues(state.pods)];
        const step = steps[k]!;
        const pod = pods[step.pick % Math.max(1, pods.length)];
        const fact = pod === undefined ? undefined : lifecycleFact(pod, step.what);
        if (fact !== undefined) record([fact]);
      }
    }
  }
  // let every terminating pod go, then run to the fixed point
  record([...tableValues(state.pods)].filter((p) => p.deletionTimestamp !== undefined).map((p) => ev.podDeleted(p)));
  return settle(state, { rng }).state;
}

// ---- properties ------------------------------------------------------------------------------

describe('churn properties', () => {
  it('(a) after settle, each (DaemonSet, node) has the pods its placement calls for, (b) counts equal two recounts, and history is kept', () => {
    fc.assert(
      fc.property(churnArb, ({ inputs, readyPods, seed }) => {
        runChurn(inputs, readyPods, seed, (s) => {
          checkPlacement(s);
          checkCounts(s);
          checkHistory(s);
        });
      }),
      { numRuns: propertyRuns(45) },
    );
  }, propertyTimeout());

  it('(c) folding the log in any chunking equals reducing it event by event (and the live state)', () => {
    fc.assert(
      fc.property(churnArb, fc.array(fc.nat(), { maxLength: 12 }), ({ inputs, readyPods, seed }, cuts) => {
        const { state, log } = runChurn(inputs, readyPods, seed);
        const oneByOne = log.reduce<ClusterState>((st, e) => reduce(st, e), initialState());
        const points = [...new Set(cuts.map((c) => c % (log.length + 1)))].sort((a, b) => a - b);
        let chunked = initialState();
        let from = 0;
        for (const to of [...points, log.length]) {
          chunked = fold(chunked, log.slice(from, to));
          from = to;
        }
        const want = snapshot(oneByOne);
        expect(snapshot(chunked)).toEqual(want);
        expect(snapshot(state)).toEqual(want);
        expect(snapshot(createModel({ autoFreeze: false }).fold(initialState(), log))).toEqual(want);
      }),
      { numRuns: propertyRuns(25) },
    );
  }, propertyTimeout());

  it('(d) the reducer never mutates its input state', () => {
    const loose = createModel({ autoFreeze: false });
    fc.assert(
      fc.property(churnArb, fc.nat(), ({ inputs, readyPods, seed }, cut) => {
        const { log } = runChurn(inputs, readyPods, seed);
        // replay once more over fully frozen inputs: any in-place write would throw
        const at = cut % (log.length + 1);
        const prefix = loose.fold(initialState(), log.slice(0, at));
        const frozenBefore = JSON.stringify(snapshot(prefix));
        deepFreeze(prefix);
        const rest = loose.fold(prefix, log.slice(at));
        expect(JSON.stringify(snapshot(prefix))).toBe(frozenBefore);
        expect(snapshot(rest)).toEqual(snapshot(fold(initialState(), log)));
        // and step by step, the previous state is unchanged after each reduce
        let prev = initialState();
        for (const e of log) {
          const before = JSON.stringify(snapshot(prev));
          const next = loose.reduce(prev, e);
          expect(JSON.stringify(snapshot(prev))).toBe(before);
          prev = next;
        }
      }),
      { numRuns: propertyRuns(15) },
    );
  }, propertyTimeout());

  it('(e) the same seed gives the same log; another seed gives valid but different pod names', () => {
    const podNames = (log: readonly DsimEvent[]) => log.flatMap((e) => (e.type === 'PodCreated' ? [e.data.name] : []));
    const valid = new RegExp(`^(${DS_NAMES.join('|')})-[${NAME_ALPHABET}]{5}$`);
    fc.assert(
      fc.property(churnArb, fc.integer({ min: 1, max: 1000 }), ({ inputs, readyPods, seed }, delta) => {
        const first = runChurn(inputs, readyPods, seed);
        const again = runChurn(inputs, readyPods, seed);
        expect(JSON.stringify(again.log)).toBe(JSON.stringify(first.log));
        const other = runChurn(inputs, readyPods, seed + delta, (s) => checkPlacement(s));
        const a = podNames(first.log);
        const b = podNames(other.log);
        expect(b).toHaveLength(a.length);
        for (const n of [...a, ...b]) expect(n).toMatch(valid);
        if (a.length > 0) expect(b).not.toEqual(a);
      }),
      { numRuns: propertyRuns(15) },
    );
  }, propertyTimeout());

  it('(f) with graceful deletion and arbitrary pod lifecycles, counts always equal both recounts; the end state obeys (a)', () => {
    const stepArb = fc.record({ pick: fc.nat(), what: fc.constantFrom(...LIFECYCLE) });
    fc.assert(
      fc.property(churnArb, fc.array(stepArb, { maxLength: 60 }), ({ inputs, seed }, steps) => {
        const end = runGraceful(inputs, steps, seed);
        checkPlacement(end);
        checkCounts(end);
        checkHistory(end);
      }),
      { numRuns: propertyRuns(20) },
    );
  }, propertyTimeout());
});

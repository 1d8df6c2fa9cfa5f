// Property tests of the engine under random churn: nodes added, removed, failing, recovering,
// relabelled, tainted and cordoned, pods evicted, interleaved with template updates of one or two DaemonSets
// with random strategies. Every step is checked against status recounts and the rolling update's
// per-sync budget rules (section 7); the settled state against section 5; logs against the seed.

import fc from 'fast-check';
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node, Taint } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { daemonSet, node } from '../test/fixtures.ts';
import { propertyRuns, propertyTimeout } from '../test/runs.ts';
import { Engine, rolloutStatus, type SyncObserved } from './engine.ts';
import { events as ev } from './events.ts';
import { recount } from './reducer.ts';
import { rolloutBudget, scanWorkingSet } from './rollingUpdate.ts';
import {
  daemonPodsOnNode,
  getNode,
  isPodUpdated,
  isTerminal,
  objectKey,
  Placement,
  placementOf,
  type ClusterState,
  type DaemonSetRecord,
  type PodRecord,
} from './state.ts';
import { tableForEach, tableHas, tableValues } from './table.ts';

// ---- the plan: what happens, and when ------------------------------------------------------------

type Strategy = { readonly maxUnavailable: number | string; readonly maxSurge?: number | string };

interface SetSpec {
  readonly name: 'a' | 'b';
  readonly zoneA: boolean; // nodeSelector zone=a
  readonly toleratesDedicated: boolean;
  readonly strategy: Strategy;
  readonly minReadySeconds: number;
}

type Cmd =
  | { readonly kind: 'add'; readonly zone: 'a' | 'b'; readonly ready: boolean }
  | { readonly kind: 'remove'; readonly pick: number }
  | { readonly kind: 'fail'; readonly pick: number; readonly mode: 'NotReady' | 'Unreachable' }
  | { readonly kind: 'recover'; readonly pick: number }
  | { readonly kind: 'relabel'; readonly pick: number; readonly zone: 'a' | 'b' }
  | { readonly kind: 'taint'; readonly pick: number; readonly effect: 'NoSchedule' | 'NoExecute' | 'PreferNoSchedule' | 'none' }
  | { readonly kind: 'cordon'; readonly pick: number; readonly on: boolean }
  | { readonly kind: 'update'; readonly set: number; readonly strategy: Strategy | undefined }
  | { readonly kind: 'evict'; readonly pick: number };

interface Plan {
  readonly seed: number;
  readonly nodes: readonly ('a' | 'b')[];
  readonly sets: readonly SetSpec[];
  readonly steps: readonly { readonly gap: number; readonly cmd: Cmd }[];
  /** Whether every failed node recovers after the last step (else some stay down for good). */
  readonly heal: boolean;
}

const strategyArb: fc.Arbitrary<Strategy> = fc.oneof(
  fc.record({ maxUnavailable: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.constantFrom('25%', '50%', '100%')) }),
  fc.record({ maxUnavailable: fc.constant(0), maxSurge: fc.oneof(fc.integer({ min: 1, max: 2 }), fc.constantFrom('20%', '50%', '100%')) }),
);

const setArb = (name: 'a' | 'b'): fc.Arbitrary<SetSpec> =>
  fc.record({
    name: fc.constant(name),
    zoneA: fc.boolean(),
    toleratesDedicated: fc.boolean(),
    strategy: strategyArb,
    minReadySeconds: fc.constantFrom(0, 0, 3, 10),
  });

const pick = fc.nat({ max: 99 });
const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), zone: fc.constantFrom('a' as const, 'b' as const), ready: fc.boolean() }),
  fc.record({ kind: fc.constant('remove' as const), pick }),
  fc.record({ kind: fc.constant('fail' as const), pick, mode: fc.constantFrom('NotReady' as const, 'Unreachable' as const) }),
  fc.record({ kind: fc.constant('recover' as const), pick }),
  fc.record({ kind: fc.constant('relabel' as const), pick, zone: fc.constantFrom('a' as const, 'b' as const) }),
  fc.record({ kind: fc.constant('taint' as const), pick, effect: fc.constantFrom('NoSchedule' as const, 'NoExecute' as const, 'PreferNoSchedule' as const, 'none' as const) }),
  fc.record({ kind: fc.constant('cordon' as const), pick, on: fc.boolean() }),
  fc.record({ kind: fc.constant('update' as const), set: fc.nat({ max: 1 }), strategy: fc.option(strategyArb, { nil: undefined }) }),
  fc.record({ kind: fc.constant('update' as const), set: fc.nat({ max: 1 }), strategy: fc.constant(undefined) }),
  fc.record({ kind: fc.constant('evict' as const), pick: fc.nat({ max: 999 }) }),
);

const planArb: fc.Arbitrary<Plan> = fc.record({
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  nodes: fc.array(fc.constantFrom('a' as const, 'b' as const), { minLength: 2, maxLength: 6 }),
  sets: fc.oneof(fc.tuple(setArb('a')), fc.tuple(setArb('a'), setArb('b'))),
  steps: fc.array(fc.record({ gap: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40_000 })), cmd: cmdArb }), { maxLength: 16 }),
  heal: fc.boolean(),
});

function manifest(spec: SetSpec, version: number, strategy: Strategy): DaemonSet {
  return daemonSet(spec.name, {
    image: `registry.example/${spec.name}:${version}`,
    ...(spec.zoneA ? { nodeSelector: { zone: 'a' } } : {}),
    ...(spec.toleratesDedicated ? { tolerations: [{ key: 'dedicated', operator: 'Exists' }] } : {}),
    maxUnavailable: strategy.maxUnavailable,
    ...(strategy.maxSurge !== undefined ? { maxSurge: strategy.maxSurge } : {}),
    minReadySeconds: spec.minReadySeconds,
  });
}

/** Runs a plan on a fresh engine, calling `check` after every step. */
function runPlan(plan: Plan, seed: number, check?: (e: Engine) => void, onSync?: (s: SyncObserved) => void, inPlace = false): Engine {
  const e = new Engine({ seed, inPlace, ...(onSync ? { onSync } : {}) });
  let next = 0;
  const addNode = (zone: 'a' | 'b', ready: boolean) => e.input(ev.nodeAdded(node(`n${next++}`, { labels: { zone }, ready })));
  plan.nodes.forEach((z) => addNode(z, true));
  const versions = plan.sets.map(() => 1);
  const strategies = plan.sets.map((s) => s.strategy);
  plan.sets.forEach((s, i) => e.input(ev.daemonSetApplied(manifest(s, 1, strategies[i]!))));
  const liveNodes = () => [...tableValues(e.state.nodes)].map((r) => r.node.metadata!.name!).sort();
  const chosen = (p: number): Node | undefined => {
    const names = liveNodes();
    return names.length === 0 ? undefined : getNode(e.state, names[p % names.length]!)!.node;
  };
  const runTo = (t: number) => {
    while (e.peek() !== undefined && e.peek()! <= t) {
      e.step();
      check?.(e);
    }
    e.run({ until: t });
  };
  for (const { gap, cmd } of plan.steps) {
    runTo(e.now + gap);
    switch (cmd.kind) {
      case 'add':
        addNode(cmd.zone, cmd.ready);
        break;
      case 'remove': {
        const n = chosen(cmd.pick);
        if (n) e.input(ev.nodeRemoved(n.metadata!.name!));
        break;
      }
      case 'fail': {
        const n = chosen(cmd.pick);
        if (n) e.input(ev.nodeFailed(n.metadata!.name!, cmd.mode));
        break;
      }
      case 'recover': {
        const n = chosen(cmd.pick);
        if (n) e.input(ev.nodeRecovered(n.metadata!.name!));
        break;
      }
      case 'relabel': {
        const n = chosen(cmd.pick);
        if (n) e.input(ev.nodeUpdated({ ...n, metadata: { ...n.metadata, labels: { ...n.metadata!.labels, zone: cmd.zone } } }));
        break;
      }
      case 'taint': {
        const n = chosen(cmd.pick);
        if (!n) break;
        const others = (n.spec?.taints ?? []).filter((t) => t.key !== 'dedicated');
        const taints: Taint[] = cmd.effect === 'none' ? others : [...others, { key: 'dedicated', value: 'x', effect: cmd.effect }];
        e.input(ev.nodeUpdated({ ...n, spec: { ...n.spec, taints } }));
        break;
      }
      case 'cordon': {
        const n = chosen(cmd.pick);
        if (n) e.input(ev.nodeUpdated({ ...n, spec: { ...n.spec, unschedulable: cmd.on } }));
        break;
      }
      case 'update': {
        const i = cmd.set % plan.sets.length;
        versions[i]!++;
        if (cmd.strategy !== undefined) strategies[i] = cmd.strategy;
        e.input(ev.daemonSetApplied(manifest(plan.sets[i]!, versions[i]!, strategies[i]!)));
        break;
      }
      case 'evict': {
        const pods = [...tableValues(e.state.pods)].filter((p) => p.deletionTimestamp === undefined).sort((x, y) => (x.name < y.name ? -1 : 1));
        const p = pods[cmd.pick % Math.max(pods.length, 1)];
        if (p) e.input(ev.podRemovalRequested(p, 'evict'));
        break;
      }
    }
    check?.(e);
  }
  if (plan.heal) {
    for (const rec of [...tableValues(e.state.nodes)]) if (rec.kubelet !== 'ok') e.input(ev.nodeRecovered(rec.node.metadata!.name!));
  }
  // No more churn: run until nothing is left to do.
  let steps = 0;
  while (e.step()) {
    check?.(e);
    if (++steps > 200_000) throw new Error('the engine did not settle');
  }
  return e;
}

// ---- what every step must satisfy -----------------------------------------------------------------

/** The DaemonSet's pods on a node that the controller sees (terminal-and-deleting ones are invisible). */
function live(state: ClusterState, d: DaemonSetRecord, n: string): PodRecord[] {
  return daemonPodsOnNode(state, d, n).filter((p) => !(isTerminal(p) && p.deletionTimestamp !== undefined));
}

const available = (p: PodRecord) => p.ready && p.available;

/** Section 7's view of one node: its one new and one old pod (not being deleted), or messy. */
function nodeView(state: ClusterState, d: DaemonSetRecord, n: string) {
  const pods = live(state, d, n).filter((p) => p.deletionTimestamp === undefined);
  const fresh = pods.filter((p) => isPodUpdated(p, d));
  const old = pods.filter((p) => !isPodUpdated(p, d));
  const shouldRun = tableHas(state.nodes, n) && placementOf(d, n) === Placement.Run;
  return { messy: fresh.length > 1 || old.length > 1, fresh: fresh[0], old: old[0], shouldRun };
}

/** Every node of the working map: nodes with live pods of the DaemonSet, and every shouldRun node. */
function workingNodes(state: ClusterState, d: DaemonSetRecord): string[] {
  const out = new Set<string>();
  tableForEach(d.nodes, (here, n) => {
    if (live(state, d, n).length > 0 || here.placement === Placement.Run) out.add(n);
  });
  return [...out];
}

/** Whether a DaemonSet surges (RollingUpdate with a maxSurge that resolves to more than 0). */
function surges(d: DaemonSetRecord): boolean {
  const ru = d.daemonSet.spec?.updateStrategy;
  return ru?.type === 'RollingUpdate' && ![undefined, 0, '0', '0%'].includes(ru.rollingUpdate?.maxSurge as never);
}

/**
 * The budget rules of one rolling-update step (section 7), from the state the sync read:
 * without surge, every unavailable old pod is deleted and exactly clamp(maxUnavailable −
 * unavailable, 0, candidates) available ones; with surge, every node whose old pod is unavailable
 * gets a new pod and exactly clamp(maxSurge − surging, 0, candidates) others do.
 */
function checkRollingUpdateStep(s: SyncObserved): void {
  const d = s.state.daemonSets.get(s.daemonSet);
  if (d === undefined || d.daemonSet.spec?.updateStrategy?.type !== 'RollingUpdate' || d.counts.numberOutdated === 0) return;
  // manage() wrote something: a real controller runs the rolling update on a later sync.
  if (s.managed) return;
  const podIntents = s.intents.filter((i) => i.type === 'CreatePod' || i.type === 'DeletePod');
  const deleted = new Set(podIntents.flatMap((i) => (i.type === 'DeletePod' ? [i.name] : [])));
  const created = new Set(podIntents.flatMap((i) => (i.type === 'CreatePod' ? [i.node] : [])));
  const { maxUnavailable, maxSurge, desired } = rolloutBudget(d);
  const nodes = workingNodes(s.state, d).map((n) => ({ n, ...nodeView(s.state, d, n) }));
  // The algorithm follows maxSurge resolved against desired (0 of 0 nodes is 0, so no surge).
  if (maxSurge === 0) {
    let unavailable = 0;
    let candidates = 0;
    let deletedAvailable = 0;
    for (const v of nodes) {
      if (v.messy || (v.old === undefined) === (v.fresh === undefined) || (v.fresh !== undefined && !available(v.fresh))) unavailable++;
      else if (v.old !== undefined && !available(v.old)) {
        unavailable++;
        expect(deleted.has(v.old.name), `unavailable old pod ${v.old.name} is replaced`).toBe(true);
      } else if (v.old !== undefined) {
        candidates++;
        if (deleted.has(v.old.name)) deletedAvailable++;
      }
    }
    expect(deletedAvailable, 'available old pods deleted').toBe(Math.min(Math.max(maxUnavailable - unavailable, 0), candidates));
    return;
  }
  let surging = 0;
  let candidates = 0;
  let surged = 0;
  let numAvailable = 0;
  let sunset = 0;
  let sunsetDeleted = 0;
  for (const v of nodes) {
    if (v.messy) {
      surging++;
      continue;
    }
    if (v.old !== undefined ? available(v.old) : v.fresh !== undefined && available(v.fresh)) numAvailable++;
    if (v.old === undefined) continue;
    if (v.fresh === undefined) {
      if (!available(v.old)) {
        if (v.shouldRun) expect(created.has(v.n), `node ${v.n} with an unavailable old pod gets a new one`).toBe(true);
        else expect(deleted.has(v.old.name)).toBe(true);
      } else if (!v.shouldRun) {
        sunset++;
        if (deleted.has(v.old.name)) sunsetDeleted++;
      } else {
        candidates++;
        if (created.has(v.n)) surged++;
      }
    } else if (!available(v.fresh)) {
      surging++;
      expect(deleted.has(v.old.name), `old pod ${v.old.name} kept while its replacement is not available`).toBe(false);
    } else expect(deleted.has(v.old.name)).toBe(true);
  }
  expect(surged, 'surge creates').toBe(Math.min(Math.max(maxSurge - surging, 0), candidates));
  expect(sunsetDeleted, 'sunset deletes').toBe(Math.min(Math.max(numAvailable - desired, 0), sunset));
}

/** After every step: exact status counters, an up-to-date working set, and pods per node. */
function checkStep(e: Engine, everSurged: ReadonlySet<string>): void {
  const s = e.state;
  for (const d of s.daemonSets.values()) {
    expect(d.counts).toEqual(recount(s.pods, s.nodes, d));
    if (d.counts.numberOutdated > 0) {
      const mine = e.workingSet(d.key);
      const scan = scanWorkingSet(s, d);
      expect(mine.counts).toEqual(scan.counts);
      expect([...mine.oldAvailable].sort()).toEqual([...scan.oldAvailable].sort());
      expect([...mine.other].sort()).toEqual([...scan.other].sort());
    }
    tableForEach(d.nodes, (_v, n) => {
      const running = daemonPodsOnNode(s, d, n).filter((p) => p.deletionTimestamp === undefined && !isTerminal(p));
      // With surge, an old and a new pod; without it (ever), one.
      expect(running.length, `${d.name} pods on ${n}`).toBeLessThanOrEqual(everSurged.has(d.key) ? 2 : 1);
    });
  }
}

/**
 * Once nothing is left to do: section 5's outcome on every node. A node that stays down keeps its
 * pods Terminating, and without surge such a node counts as unavailable for good (section 7), so
 * a rollout finishes for sure only when every node is healthy in the end.
 */
function checkSettled(e: Engine, healthy: boolean): void {
  const s = e.state;
  for (const d of s.daemonSets.values()) {
    tableForEach(d.nodes, (_v, n) => {
      if (!tableHas(s.nodes, n)) expect(daemonPodsOnNode(s, d, n), `pods of ${d.name} left on removed node ${n}`).toEqual([]);
    });
    for (const rec of tableValues(s.nodes)) {
      const n = rec.node.metadata!.name!;
      const pods = daemonPodsOnNode(s, d, n);
      const running = pods.filter((p) => p.deletionTimestamp === undefined);
      const p = placementOf(d, n);
      if (p === Placement.Run) {
        expect(rec.kubelet).toBe('ok');
        expect(pods.map((x) => [healthy ? x.hash : '-', x.ready, x.available, x.deletionTimestamp]), `${d.name} on eligible node ${n}`).toEqual([
          [healthy ? d.hash : '-', true, true, undefined],
        ]);
      } else if (p === Placement.None) {
        // Only a dead kubelet can keep a pod Terminating.
        if (rec.kubelet === 'ok') expect(pods, `${d.name} on ineligible node ${n}`).toEqual([]);
        else expect(running).toEqual([]);
      } else {
        expect(running.length).toBeLessThanOrEqual(1);
      }
    }
    // (d) every rollout finishes once pods can become ready and the churn stops.
    if (healthy) expect(rolloutStatus(s, d.key)).toEqual({ done: true, message: `daemon set "${d.name}" successfully rolled out` });
  }
  // The garbage collector leaves no pod of a gone owner behind, and no pod is stuck on a live kubelet.
  for (const p of tableValues(s.pods)) {
    const owner = p.owner === undefined ? undefined : s.daemonSets.get(p.owner);
    expect(owner?.uid).toBe(p.ownerUid);
    if (p.deletionTimestamp !== undefined) expect(getNode(s, p.nodeName ?? '')?.kubelet).not.toBe('ok');
  }
}

function checkedRun(plan: Plan, seed: number): Engine {
  const everSurged = new Set<string>();
  const e = runPlan(
    plan,
    seed,
    (eng) => {
      for (const d of eng.state.daemonSets.values()) if (surges(d)) everSurged.add(d.key);
      checkStep(eng, everSurged);
    },
    checkRollingUpdateStep,
  );
  checkSettled(e, [...tableValues(e.state.nodes)].every((r) => r.kubelet === 'ok'));
  return e;
}

describe('engine under churn (property)', () => {
  it('every step keeps exact status and the rollout budget; the settled cluster has one current pod per eligible node', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        checkedRun(plan, plan.seed);
      }),
      { numRuns: propertyRuns(30) },
    );
  }, propertyTimeout());

  it('the same seed gives a byte-identical log (in place or not); another seed a different, equally valid one', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const a = JSON.stringify(runPlan(plan, plan.seed).log);
        const b = JSON.stringify(runPlan(plan, plan.seed).log);
        expect(b).toBe(a);
        // The in-place engine records the same facts and reaches the same state.
        const inPlace = runPlan(plan, plan.seed, undefined, undefined, true);
        expect(JSON.stringify(inPlace.log)).toBe(a);
        expect(inPlace.state).toEqual(runPlan(plan, plan.seed).state);
        const other = JSON.stringify(checkedRun(plan, plan.seed + 1).log);
        // Pod names and uids come from the generator: with any pod, another seed tells.
        if (a.includes('"PodCreated"')) expect(other).not.toBe(a);
      }),
      { numRuns: propertyRuns(8) },
    );
  }, propertyTimeout());
});

// ---- a rollout with no churn: the global limits ------------------------------------------------

describe('a rollout without churn (property)', () => {
  it('never has more unavailable nodes than maxUnavailable, or more surging nodes than maxSurge, and finishes', () => {
    fc.assert(
      fc.property(
        fc.record({ seed: fc.nat(), nodes: fc.integer({ min: 1, max: 10 }), set: setArb('a'), newMinReady: fc.constantFrom(0, 5) }),
        ({ seed, nodes, set, newMinReady }) => {
          const spec = { ...set, zoneA: false, toleratesDedicated: false };
          const e = new Engine({ seed });
          for (let i = 0; i < nodes; i++) e.input(ev.nodeAdded(node(`n${i}`)));
          e.input(ev.daemonSetApplied(manifest(spec, 1, spec.strategy)));
          e.run();
          // A longer minReadySeconds takes availability away from pods Ready for less than it, at
          // once (as in Kubernetes): that is the user's doing, not the rollout's, so the pods
          // have been Ready for longer than any new value here before the change.
          e.run({ until: e.now + 10_000 });
          e.input(ev.daemonSetApplied(manifest({ ...spec, minReadySeconds: newMinReady }, 2, spec.strategy)));
          const d = () => e.state.daemonSets.get(objectKey('default', 'a'))!;
          const { maxUnavailable, maxSurge } = rolloutBudget(d());
          do {
            let unavailable = 0;
            let surging = 0;
            for (let i = 0; i < nodes; i++) {
              const pods = daemonPodsOnNode(e.state, d(), `n${i}`).filter((p) => p.deletionTimestamp === undefined);
              if (!pods.some(available)) unavailable++;
              const fresh = pods.filter((p) => p.hash === d().hash);
              if (fresh.length > 0 && pods.length > fresh.length && !fresh.some(available)) surging++;
              expect(pods.length).toBeLessThanOrEqual(surges(d()) ? 2 : 1);
            }
            if (surges(d())) {
              expect(unavailable).toBe(0); // surge keeps every old pod until its replacement is available
              expect(surging).toBeLessThanOrEqual(maxSurge);
            } else expect(unavailable).toBeLessThanOrEqual(maxUnavailable);
          } while (e.step());
          expect(rolloutStatus(e.state, 'default/a').done).toBe(true);
          expect(d().counts).toMatchObject({ updatedNumberScheduled: nodes, numberAvailable: nodes });
        },
      ),
      { numRuns: propertyRuns(30) },
    );
  }, propertyTimeout());
});

// Simulation benchmarks: whole scenarios on the discrete-event engine (a day of churn on 10,000
// nodes, a rollout over 5,000), timed end to end. dsim only: the baselines have no engine.
// Runs are capped in wall-clock time, so a slow engine cannot stall the benchmark run.

import type { Node } from 'kubernetes-types/core/v1';
import { Engine, events, Random, rolloutStatus, type PendingEvent } from '@dsim/core';
import { dsKey, FIXTURE_SEED, fixtureDaemonSets, generateNode, generateNodes, nodeName, withImage } from '../fixtures.ts';
import type { CaseDef, Mode } from '../harness.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Wall-clock caps on one scenario run: past them the run stops and its time is extrapolated. */
export const WALL_CAP_SEC: Record<Mode, { day: number; rollout: number }> = {
  quick: { day: 10, rollout: 10 },
  full: { day: 120, rollout: 90 },
};

/** An input event at a simulated time. */
export interface TimedInput {
  readonly at: number;
  readonly event: PendingEvent;
}

/**
 * A day of churn, from a seed: every 5 minutes 0.03% of nodes are replaced
 * (removed, and new ones added), 40 nodes fail and recover 10 minutes later, 20 nodes move zone,
 * and two DaemonSets roll out a new image (kube-proxy at 09:00, log-agent at 15:00).
 */
export function dayOfChurn(nodes: readonly Node[], seed = FIXTURE_SEED + 11): TimedInput[] {
  const rng = new Random(seed);
  const live = nodes.map((n) => n.metadata!.name!);
  const byName = new Map(nodes.map((n) => [n.metadata!.name!, n]));
  const out: TimedInput[] = [];
  const replacePerTick = Math.max(1, Math.round(nodes.length * 0.0003));
  let added = 0;
  const failAt = new Set(Array.from({ length: 40 }, () => rng.int(DAY - HOUR)));
  const relabelAt = new Set(Array.from({ length: 20 }, () => rng.int(DAY)));
  const pick = () => {
    const i = rng.int(live.length);
    const name = live[i]!;
    live[i] = live[live.length - 1]!;
    live.pop();
    return name;
  };
  const dss = fixtureDaemonSets();
  // Minute by minute, so picks only ever name nodes that exist at that time.
  for (let t = 0; t < DAY; t += 60_000) {
    if (t === 9 * HOUR) out.push({ at: t, event: events.daemonSetApplied(withImage(dss[0]!, 'registry.k8s.io/kube-proxy:v1.31.1')) });
    if (t === 15 * HOUR) out.push({ at: t, event: events.daemonSetApplied(withImage(dss[3]!, 'fluent/fluent-bit:3.1.10')) });
    if (t % 300_000 === 0 && t > 0) {
      for (let k = 0; k < replacePerTick; k++) {
        out.push({ at: t, event: events.nodeRemoved(pick()) });
        const node = generateNode(nodeName(added++, 'scale'), rng);
        out.push({ at: t, event: events.nodeAdded(node) });
        live.push(node.metadata!.name!);
        byName.set(node.metadata!.name!, node);
      }
    }
    for (const f of failAt) {
      if (f >= t && f < t + 60_000) {
        const name = pick();
        out.push({ at: f, event: events.nodeFailed(name, 'NotReady') });
        out.push({ at: f + 600_000, event: events.nodeRecovered(name) });
        live.push(name); // back in the pool once scheduled; it may be picked again later
      }
    }
    for (const r of relabelAt) {
      if (r >= t && r < t + 60_000) {
        const name = pick();
        const node = byName.get(name)!;
        const zone = node.metadata!.labels!['topology.kubernetes.io/zone'] === 'us-east-1c' ? 'us-east-1a' : 'us-east-1c';
        const moved: Node = { ...node, metadata: { ...node.metadata, labels: { ...node.metadata!.labels, 'topology.kubernetes.io/zone': zone } } };
        byName.set(name, moved);
        out.push({ at: r, event: events.nodeUpdated(moved) });
        live.push(name);
      }
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Runs an engine in slices of simulated time until `done` or the wall-clock cap; returns how far it got. */
function runCapped(
  engine: Engine,
  until: number,
  capSec: number,
  slice: number,
  done: () => boolean = () => false,
): { simulated: number; complete: boolean } {
  const t0 = performance.now();
  for (let t = engine.now + slice; ; t += slice) {
    engine.run({ until: Math.min(t, until) });
    if (done()) return { simulated: engine.now, complete: true };
    if (t >= until) return { simulated: until, complete: true };
    if ((performance.now() - t0) / 1000 > capSec) return { simulated: engine.now, complete: false };
  }
}

/** Whether every DaemonSet's rollout is observed and done. */
function allRolledOut(engine: Engine): boolean {
  for (const [key, ds] of engine.state.daemonSets) {
    if (ds.observedGeneration < ds.generation || !rolloutStatus(engine.state, key).done) return false;
  }
  return engine.state.daemonSets.size > 0;
}

/** A fresh engine with the fleet joining and the five DaemonSets applied at time 0. */
function bringUp(nodes: readonly Node[], seed: number): Engine {
  const engine = new Engine({ seed });
  for (const n of nodes) engine.schedule(0, events.nodeAdded(n));
  for (const ds of fixtureDaemonSets()) engine.schedule(0, events.daemonSetApplied(ds));
  return engine;
}

// Engines start from an empty cluster, not from a settled `state`: an engine started from a
// state does not know the pods already in it, and after deleting one it never re-syncs its
// DaemonSet (its PodDeleted reaction only finds pods the engine created), so rollouts stall.

const day: CaseDef = {
  suite: 'simulation',
  name: 'DayWithChurn',
  description:
    'a simulated day: N nodes and 5 DaemonSets created at 00:00, then node replacement every 5 minutes, 40 node failures, 20 zone moves and two rollouts (Engine, default config, log kept)',
  unit: 'event',
  sizes: { quick: [], full: [10_000] },
  sampling: () => ({ minSamples: 1, maxTime: 0, deferred: true }),
  impls: [
    {
      impl: 'dsim',
      setup(n, mode) {
        const nodes = generateNodes(n);
        const inputs = dayOfChurn(nodes);
        const cap = WALL_CAP_SEC[mode].day;
        let last = { simulated: 0, complete: true, events: 0 };
        return {
          run() {
            const engine = bringUp(nodes, FIXTURE_SEED + 12);
            for (const i of inputs) engine.schedule(i.at, i.event);
            const r = runCapped(engine, DAY, cap, HOUR);
            last = { ...r, events: engine.log.length };
            return engine;
          },
          get work() {
            return last.events;
          },
          finish: () => ({
            scale: last.complete ? 1 : last.simulated / DAY,
            extra: {
              simulatedHours: last.simulated / HOUR,
              events: last.events,
              inputs: inputs.length + n + 5,
              complete: last.complete ? 1 : 0,
            },
            ...(last.complete
              ? {}
              : {
                  note: `stopped by the ${cap} s wall-clock cap after ${(last.simulated / HOUR).toFixed(2)} simulated hours; the day's time is extrapolated linearly from there`,
                }),
          }),
        };
      },
      warmup: () => 0,
    },
  ],
};

const rollout: CaseDef = {
  suite: 'simulation',
  name: 'Rollout',
  description:
    "N nodes and 5 DaemonSets brought up on the Engine, then kube-proxy's image changed (maxUnavailable 10%) and run until `kubectl rollout status` says done",
  unit: 'event',
  sizes: { quick: [500], full: [5_000] },
  sampling: () => ({ minSamples: 1, maxTime: 0, deferred: true }),
  impls: [
    {
      impl: 'dsim',
      setup(n, mode) {
        const nodes = generateNodes(n);
        const ds = withImage(fixtureDaemonSets()[0]!, 'registry.k8s.io/kube-proxy:v1.31.1');
        const key = dsKey(ds);
        const cap = WALL_CAP_SEC[mode].rollout;
        let last = { complete: true, events: 0, bringUpSec: 0, rolloutSec: 0, simulatedRolloutSec: 0 };
        return {
          run() {
            const t0 = performance.now();
            const engine = bringUp(nodes, FIXTURE_SEED + 13);
            runCapped(engine, DAY, cap, 10_000, () => allRolledOut(engine));
            const t1 = performance.now();
            const start = engine.now;
            engine.schedule(start, events.daemonSetApplied(ds));
            const done = () => {
              const s = engine.state.daemonSets.get(key);
              return s !== undefined && s.observedGeneration >= s.generation && s.hash !== undefined && rolloutStatus(engine.state, key).done;
            };
            const left = Math.max(1, cap - (t1 - t0) / 1000);
            // Past the template change, at least one slice, so `done` is not read before the change.
            runCapped(engine, start + DAY, left, 10_000, () => engine.now > start && done());
            last = {
              complete: done(),
              events: engine.log.length,
              bringUpSec: (t1 - t0) / 1000,
              rolloutSec: (performance.now() - t1) / 1000,
              simulatedRolloutSec: (engine.now - start) / 1000,
            };
            return engine;
          },
          get work() {
            return last.events;
          },
          finish: () => ({
            extra: {
              events: last.events,
              bringUpWallSec: last.bringUpSec,
              rolloutWallSec: last.rolloutSec,
              simulatedRolloutSec: last.simulatedRolloutSec,
              complete: last.complete ? 1 : 0,
            },
            ...(last.complete
              ? {}
              : { note: `rollout unfinished when the ${cap} s wall-clock cap was reached: the time is a lower bound` }),
          }),
        };
      },
      warmup: () => 0,
    },
  ],
};

/** The simulation suite. */
export const simulationCases: readonly CaseDef[] = [day, rollout];

// Frequent benchmarks: the cheap calls the simulator makes millions of times (one placement
// decision, one small event folded, one queue push and pop), on a 10,000-node cluster (1,000 in
// the quick run).

import { createModel, EventQueue, events, nodeShouldRunDaemonPod, Random, stamp, tableValues, type PodRecord } from '@dsim/core';
import { naiveEvolve, naiveFromMutable } from '../baselines/naive.ts';
import { dsimClusterDirect, FIXTURE_SEED, fixtureDaemonSets, generateNodes } from '../fixtures.ts';
import type { CaseDef, Mode, SamplingOptions } from '../harness.ts';
import { mutableCluster } from './targeted.ts';

const N = 10_000;
const model = createModel({ autoFreeze: false });

function sampling(mode: Mode): SamplingOptions {
  return mode === 'quick' ? { minSamples: 5, maxTime: 0.3 } : { minSamples: 20, maxTime: 2 };
}

const placement: CaseDef = {
  suite: 'frequent',
  name: 'nodeShouldRunDaemonPod',
  description: 'one placement decision (node affinity, node selector and taints), cycling over the nodes of an N-node fixture',
  sizes: { quick: [1_000], full: [N] },
  sampling: (_n, mode) => sampling(mode),
  impls: [
    {
      // The baselines call the same function: there is nothing to compare it with.
      impl: 'dsim',
      setup(n) {
        const nodes = generateNodes(n);
        const dss = fixtureDaemonSets();
        let i = 0;
        return { run: () => nodeShouldRunDaemonPod(nodes[i++ % n]!, dss[i % dss.length]!) };
      },
      warmup: () => 10_000,
    },
  ],
};

/** Pods of the fixture, to flip Ready on. */
function somePods(pods: Iterable<PodRecord>, count: number): PodRecord[] {
  const out: PodRecord[] = [];
  for (const p of pods) {
    out.push(p);
    if (out.length === count) break;
  }
  return out;
}

const smallEvent: CaseDef = {
  suite: 'frequent',
  name: 'reduceSmallEvent',
  description: 'one PodBecameReady folded into an N-node cluster (dsim: `reduce`, one produce; baselines: their own unit)',
  sizes: { quick: [1_000], full: [N] },
  sampling: (_n, mode) => sampling(mode),
  impls: [
    {
      impl: 'dsim',
      setup(n) {
        const { state } = dsimClusterDirect({ nodes: generateNodes(n), daemonSets: fixtureDaemonSets() });
        const evs = somePods(tableValues(state.pods), 1_000).map((p, i) =>
          stamp(events.podBecameReady(p), state.seq + 1 + i, state.now + 1),
        );
        let i = 0;
        return { run: () => model.reduce(state, evs[i++ % evs.length]!) };
      },
      warmup: () => 1_000,
    },
    {
      impl: 'mutable',
      setup(n) {
        const m = mutableCluster(generateNodes(n), fixtureDaemonSets(), FIXTURE_SEED + 1);
        const pods = somePods(m.pods.values(), 1_000);
        // Ready and Unready alternate, so every event changes the pod (and the counters).
        const evs = pods.flatMap((p, i) => [
          stamp(events.podBecameReady(p), 2 * i, 1),
          stamp(events.podBecameUnready(p), 2 * i + 1, 1),
        ]);
        let i = 0;
        return { run: () => m.evolve(evs[i++ % evs.length]!) };
      },
      warmup: () => 1_000,
    },
    {
      impl: 'naive',
      sampling: (_n, mode) => (mode === 'quick' ? { minSamples: 5, maxTime: 0.3 } : { minSamples: 10, maxTime: 1 }),
      setup(n) {
        const base = naiveFromMutable(mutableCluster(generateNodes(n), fixtureDaemonSets(), FIXTURE_SEED + 1));
        const evs = somePods(base.pods.values(), 1_000).map((p, i) => stamp(events.podBecameReady(p), i, 1));
        let i = 0;
        return { run: () => naiveEvolve(base, evs[i++ % evs.length]!) };
      },
      warmup: () => 10,
    },
  ],
};

const queue: CaseDef = {
  suite: 'frequent',
  name: 'queuePushPop',
  description: 'one push and one pop on the engine’s event queue holding N items',
  sizes: { quick: [1_000], full: [N] },
  sampling: (_n, mode) => sampling(mode),
  impls: [
    {
      impl: 'dsim',
      setup(n) {
        const q = new EventQueue<number>();
        const rng = new Random(FIXTURE_SEED + 9);
        for (let i = 0; i < n; i++) q.push(rng.int(3_600_000), i, rng.int(3));
        let now = 0;
        const delays = Array.from({ length: 4_096 }, () => rng.int(60_000));
        let i = 0;
        // Steady state: pop the next item, push one a little later, as the engine does.
        return {
          run() {
            const top = q.pop()!;
            now = top.at;
            return q.push(now + delays[i++ & 4_095]!, top.item, top.priority);
          },
        };
      },
      warmup: () => 10_000,
    },
  ],
};

/** The frequent suite. */
export const frequentCases: readonly CaseDef[] = [placement, smallEvent, queue];

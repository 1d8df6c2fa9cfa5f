// The floor under DaemonSetApplied's absolute target on this machine: the work any layout must do
// for a DaemonSet that fits every node, with nothing kept but the pods' names, uids and nodes in
// flat arrays. No cluster state, no events, no status: what is left of the benchmark case when
// everything dsim adds is taken away.
//   pnpm --filter @dsim/bench floor [N] [runs]
// Prints, per run: placement on every node; a generated name per pod, unique (the API server's
// generateName retry, its random parts kept apart as numbers as core's podControl does); a uid
// per pod; and all three together.

import { generatedNameBase, nameSuffix, nodeShouldRunDaemonPod, Random, randomNameSuffix, randomUid, SuffixSet } from '@dsim/core';
import { everywhereDaemonSet, FIXTURE_SEED, generateNodes } from './fixtures.ts';

const n = Number(process.argv[2] ?? 100_000);
const runs = Number(process.argv[3] ?? 8);
const nodes = generateNodes(n);
const ds = everywhereDaemonSet();
const base = generatedNameBase(`${ds.metadata?.name}-`);

function placement(): Uint8Array {
  const run = new Uint8Array(n);
  for (let i = 0; i < n; i++) run[i] = nodeShouldRunDaemonPod(nodes[i]!, ds).shouldRun ? 1 : 0;
  return run;
}

/** As core's podControl names a sync's pods: random parts kept apart as numbers (a Set of the strings cost twice as much). */
function names(rng: Random, count: number): string[] {
  const taken = new SuffixSet();
  const out: string[] = new Array(count);
  for (let i = 0; i < count; i++) {
    let suffix: number;
    do suffix = randomNameSuffix(rng);
    while (!taken.add(suffix));
    out[i] = base + nameSuffix(suffix);
  }
  return out;
}

function uids(rng: Random, count: number): string[] {
  const out: string[] = new Array(count);
  for (let i = 0; i < count; i++) out[i] = randomUid(rng);
  return out;
}

/** All three, as one DaemonSetApplied needs them: a name and a uid for each node that runs a pod. */
function all(rng: Random): number {
  const run = placement();
  const podNode = new Int32Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) if (run[i] === 1) podNode[count++] = i;
  names(rng, count);
  uids(rng, count);
  return count;
}

const ms = (f: () => unknown): string => {
  const t = performance.now();
  f();
  return `${(performance.now() - t).toFixed(0)} ms`;
};
console.log(`DaemonSetApplied floor @ N=${n.toLocaleString('en-US')} (one pod per node, nothing stored but names, uids and nodes)`);
for (let r = 0; r < runs; r++) {
  const rng = new Random(FIXTURE_SEED + r);
  console.log(`placement ${ms(placement)}, unique names ${ms(() => names(rng, n))}, uids ${ms(() => uids(rng, n))}, together ${ms(() => all(rng))}`);
}

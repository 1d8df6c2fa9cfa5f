// Where a DaemonSetApplied's time goes, phase by phase, at one size: the benchmark case's
// operation (targeted.ts `dsimApplyDaemonSet`) cut into its four steps and timed separately.
//   pnpm --filter @dsim/bench phases [N] [runs]
// - apply: the DaemonSetApplied fact folded (placement evaluated on every node);
// - sync: the controller's full sync (one CreatePod intent per node that should run a pod);
// - facts: the intents turned into PodCreated facts (a unique generated name and a uid each);
// - fold: those facts folded (each pod recorded, indexed by name and under its DaemonSet and node).
// A full collection runs between runs, not between phases. Each step's time spent in the garbage
// collector (V8's gc entries, by when they started) follows it in brackets.

import { PerformanceObserver } from 'node:perf_hooks';
import { createModel, events, intentsToEvents, Random } from '@dsim/core';
import { fullSync } from './fullSync.ts';
import { dsimClusterDirect, dsKey, everywhereDaemonSet, FIXTURE_SEED, generateNodes } from './fixtures.ts';
import { record } from './suites/targeted.ts';

const n = Number(process.argv[2] ?? 100_000);
const runs = Number(process.argv[3] ?? 5);
const model = createModel({ autoFreeze: false });
const base = dsimClusterDirect({ nodes: generateNodes(n), daemonSets: [] }).state;
const ds = everywhereDaemonSet();
const rng = new Random(FIXTURE_SEED);
const gc = (globalThis as { gc?: () => void }).gc;

// Collections as they happen: [start, duration] in performance.now() time.
const collections: Array<[number, number]> = [];
const observer = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) collections.push([e.startTime, e.duration]);
});
observer.observe({ entryTypes: ['gc'] });
/** Milliseconds of collection that started within [a, b). */
const gcIn = (a: number, b: number) => collections.reduce((sum, [t, d]) => (t >= a && t < b ? sum + d : sum), 0);

console.log(`DaemonSetApplied @ N=${n.toLocaleString('en-US')}, phase by phase (ms; [of which garbage collection])`);
for (let r = 0; r < runs; r++) {
  gc?.();
  const t0 = performance.now();
  const applied = record(model, base, [events.daemonSetApplied(ds)]);
  const t1 = performance.now();
  const intents = fullSync(applied, dsKey(ds));
  const t2 = performance.now();
  const facts = intentsToEvents(applied, intents, rng, { deletion: 'immediate' });
  const t3 = performance.now();
  const done = record(model, applied, facts);
  const t4 = performance.now();
  if (done.pods.size !== n) throw new Error(`expected ${n} pods, got ${done.pods.size}`);
  // The observer reports on a later turn of the event loop (not by the next setImmediate): wait for it.
  await new Promise((resolve) => setTimeout(resolve, 20));
  const ms = (a: number, b: number) => `${(b - a).toFixed(0)} [${gcIn(a, b).toFixed(0)}]`;
  console.log(`apply ${ms(t0, t1)}, sync ${ms(t1, t2)}, facts ${ms(t2, t3)}, fold ${ms(t3, t4)}, total ${ms(t0, t4)}`);
}
observer.disconnect();

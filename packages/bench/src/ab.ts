// A/B of two versions of core in one process, alternating: on this shared VM times move by ±30%
// between processes, but two versions timed in turn in the same process see the same machine.
//   git worktree add /tmp/old <rev>   (and link its node_modules: see the README)
//   pnpm --filter @dsim/bench ab /tmp/old [fold|apply] [N] [rounds]
// - fold: the first N events of the engine's bring-up log of N/10 nodes (FoldLog's operation);
// - apply: a DaemonSet applied to N bare nodes, synced, its N pods created (DaemonSetApplied's).
// Each version builds its own fixture with its own core. A is the other checkout, B this one; the
// first third of the rounds is dropped (compilation), and the medians of the rest are printed.

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as B from '@dsim/core';
import { dsKey, everywhereDaemonSet, FIXTURE_SEED, generateNodes } from './fixtures.ts';
import { bringUpLog } from './suites/targeted.ts';

type Core = typeof B;
const [dir, what = 'fold', nArg, roundsArg] = process.argv.slice(2);
if (dir === undefined || (what !== 'fold' && what !== 'apply')) {
  console.error('usage: ab.ts <other checkout> [fold|apply] [N] [rounds]');
  process.exit(1);
}
const A = (await import(pathToFileURL(resolve(dir, 'packages/core/src/index.ts')).href)) as Core;
const n = Number(nArg ?? 100_000);
const rounds = Number(roundsArg ?? (what === 'fold' ? 30 : 12));

/** The timed operation for one version of core, its fixture built by that version. */
function operation(core: Core): () => void {
  const model = core.createModel({ autoFreeze: false });
  if (what === 'fold') {
    // The log is data: one copy per version, so neither shares the other's strings.
    const log = JSON.parse(JSON.stringify(bringUpLog(n / 10).slice(0, n))) as B.DsimEvent[];
    return () => void model.fold(core.initialState(), log);
  }
  const nodes = generateNodes(n).map((node, i) => core.stamp(core.events.nodeAdded(node), i, 0));
  const base = model.fold(core.initialState(), nodes);
  const ds = everywhereDaemonSet();
  const rng = new core.Random(FIXTURE_SEED);
  return () => {
    const applied = model.fold(base, [core.stamp(core.events.daemonSetApplied(ds), base.seq + 1, 1)]);
    const intents = core.syncDaemonSet(applied, dsKey(ds), { nodes: 'all' }).intents;
    const facts = core.intentsToEvents(applied, intents, rng, { deletion: 'immediate' });
    model.fold(applied, facts.map((f, i) => core.stamp(f, applied.seq + 1 + i, 2)));
  };
}

const runA = operation(A);
const runB = operation(B);
const times: [number[], number[]] = [[], []];
for (let r = 0; r < rounds; r++) {
  for (const [i, run] of [runA, runB].entries()) {
    const t = performance.now();
    run();
    times[i]!.push(performance.now() - t);
  }
}
const median = (x: number[]) => {
  const kept = x.slice(Math.floor(x.length / 3)).sort((p, q) => p - q);
  return kept[kept.length >> 1]!;
};
const [a, b] = [median(times[0]), median(times[1])];
console.log(`${what} @ N=${n.toLocaleString('en-US')}, ${rounds} rounds: A (${dir}) ${a.toFixed(1)} ms, B (this checkout) ${b.toFixed(1)} ms, B/A ${(b / a).toFixed(3)}`);

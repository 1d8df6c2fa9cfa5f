// Instructions per operation of one benchmark case, counted by valgrind: a measure that repeats
// to a fraction of a percent where times on a shared VM move by ±30%, for A/B comparisons of
// CPU work (it does not see memory latency, so it speaks for cases whose data fit in cache).
//   pnpm --filter @dsim/bench icount NodeAdded 1000 [impl] [runs]
// Needs valgrind (Debian: apt-get install valgrind). Counts the whole process, V8 single-threaded
// (no background compiler or GC threads), once with `runs` operations and once with twice as
// many: the difference over `runs` is the figure, the fixture and the compiler's warm-up
// cancelling out. Takes a few minutes. V8's garbage collector runs on a fixed schedule
// (--predictable-gc-schedule, no memory reducer): left to its own heuristics, which read the clock,
// it did a different amount of work from run to run (FoldLog@10000 counted 92M and 120M for the
// same code); with it, two counts of the same code agreed to 1.4-1.8% in four pairs and 5% in one,
// so a difference under 5% needs more than one pair. Counts taken before this setting
// (2026-11-29) are not comparable with those after it.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const [name, n, impl = 'dsim', runsArg = '3000'] = process.argv.slice(2);
if (name === undefined || n === undefined) {
  console.error('usage: icount.ts <case> <N> [impl] [runs]');
  process.exit(1);
}
const runs = Number(runsArg);
const count = fileURLToPath(new URL('./count.ts', import.meta.url));

function instructions(k: number): number {
  const r = spawnSync(
    'valgrind',
    ['--tool=cachegrind', '--cache-sim=no', '--cachegrind-out-file=/dev/null', process.execPath, '--single-threaded', '--predictable', '--predictable-gc-schedule', '--no-memory-reducer', '--import', 'tsx', count, name!, n!, impl, String(k)],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  if (r.error !== undefined) throw new Error(`cannot run valgrind (${r.error.message}); install it: apt-get install valgrind`);
  const m = /I\s+refs:\s+([\d,]+)/.exec(r.stderr);
  if (r.status !== 0 || m === null) throw new Error(`valgrind failed:\n${r.stderr.slice(-2000)}`);
  return Number(m[1]!.replace(/,/g, ''));
}

instructions(0); // the first run fills tsx's transform cache; the next ones start alike
const base = instructions(runs);
const total = instructions(2 * runs);
console.log(`${name} @ N=${n} ${impl}: ${Math.round((total - base) / runs).toLocaleString('en-US')} instructions per operation (${runs} runs)`);

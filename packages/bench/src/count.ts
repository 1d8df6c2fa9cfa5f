// Runs one benchmark case's operation a fixed number of times, untimed: the program that
// `icount.ts` runs under valgrind to count instructions.
//   node --import tsx src/count.ts <case> <N> <impl> <runs>

import { ALL_CASES } from './suites/index.ts';

const [name, nArg, implArg, runsArg] = process.argv.slice(2);
const c = ALL_CASES.find((k) => k.name === name);
const def = c?.impls.find((i) => i.impl === implArg);
if (c === undefined || def === undefined || nArg === undefined || runsArg === undefined) {
  console.error(`usage: count.ts <case> <N> <impl> <runs>; cases: ${ALL_CASES.map((k) => k.name).join(', ')}`);
  process.exit(1);
}
const bench = def.setup(Number(nArg), 'full');
const runs = Number(runsArg);
for (let i = 0; i < runs; i++) {
  bench.run();
  bench.reset?.();
}

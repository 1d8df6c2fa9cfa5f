// Runs one benchmark case's operation in a loop, untimed by benny, for a CPU profile:
//   node --cpu-prof --cpu-prof-dir=prof --import tsx src/profile.ts NodeAdded 100000 [dsim] [seconds]
// The fixture is built first; the profile covers it too, so look at the operation's functions.

import type { Mode } from './harness.ts';
import { ALL_CASES } from './suites/index.ts';

const [name, nArg, implArg, secondsArg] = process.argv.slice(2);
const c = ALL_CASES.find((k) => k.name === name);
if (c === undefined || nArg === undefined) {
  console.log(`usage: profile.ts <case> <N> [impl] [seconds]; cases: ${ALL_CASES.map((k) => k.name).join(', ')}`);
  process.exit(1);
}
const n = Number(nArg);
const def = c.impls.find((i) => i.impl === (implArg ?? 'dsim'));
if (def === undefined) throw new Error(`${name} has no implementation ${implArg}`);
const mode: Mode = 'full';
const t0 = performance.now();
const bench = def.setup(n, mode);
console.log(`${c.suite}/${c.name} @ N=${n} ${def.impl}: fixture in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const budget = Number(secondsArg ?? 20) * 1000;
const t1 = performance.now();
let runs = 0;
while (performance.now() - t1 < budget || runs === 0) {
  bench.run();
  bench.reset?.();
  runs++;
}
const ms = (performance.now() - t1) / runs;
console.log(`${runs} runs, ${ms.toFixed(3)} ms each${bench.work ? `, ${((ms * 1000) / bench.work).toFixed(2)} µs per ${c.unit}` : ''}`);

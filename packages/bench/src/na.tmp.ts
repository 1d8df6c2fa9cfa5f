import { ALL_CASES } from './suites/index.ts';
const c = ALL_CASES.find((k) => k.name === process.argv[2])!;
const n = Number(process.argv[3]);
const benches = c.impls.filter((i) => i.impl !== 'naive').map((i) => [i.impl, i.setup(n, 'full')] as const);
for (let round = 0; round < 3; round++) {
  for (const [name, b] of benches) {
    let runs = 0; let t = 0;
    const end = performance.now() + Number(process.argv[4] ?? 3000);
    while (performance.now() < end) { const t0 = performance.now(); b.run(); t += performance.now() - t0; runs += 1; b.reset?.(); }
    console.log(round, name, (t / runs * 1000).toFixed(1), 'µs', runs);
  }
}

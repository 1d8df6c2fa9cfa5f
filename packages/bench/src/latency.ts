// The machine's memory latency: one dependent load after another through a random cycle over a
// working set of each size (pointer chasing), so every load waits for the one before it. Large
// tables are bound by this, not by instructions: it is the context for dsim's absolute times at
// 100,000 nodes and more (see the README).
//
//   pnpm --filter @dsim/bench latency

/** Nanoseconds per dependent load over a working set of `bytes`, from `steps` loads. */
export function dependentLoadNs(bytes: number, steps = 2_000_000, seed = 12345): number {
  // One link per 64-byte cache line (16 ints): every load touches a new line, and building the
  // cycle costs a sixteenth of linking every int.
  const LINE = 16;
  const lines = Math.max(2, Math.floor(bytes / 4 / LINE));
  const order = new Int32Array(lines);
  for (let i = 0; i < lines; i++) order[i] = i;
  // Fisher-Yates over lines 1.. (line 0 starts the cycle), then link them in that order.
  let s = seed >>> 0;
  for (let i = lines - 1; i > 1; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = 1 + Math.floor((s / 4294967296) * i);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  const next = new Int32Array(lines * LINE);
  for (let i = 0; i < lines; i++) next[order[i]! * LINE] = order[(i + 1) % lines]! * LINE;
  let p = 0;
  for (let i = 0; i < 100_000; i++) p = next[p]!; // warm the TLB and caches a little
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) p = next[p]!;
  const ns = ((performance.now() - t0) * 1e6) / steps;
  if (p < 0) throw new Error('unreachable'); // keeps the chase from being optimised away
  return ns;
}

/** The sizes reported: in cache, past a typical L2 and L3, and as large as a million-node state. */
export const LATENCY_SIZES_MIB = [1, 8, 64, 512] as const;

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const mib of LATENCY_SIZES_MIB) {
    console.log(`${String(mib).padStart(4)} MiB working set: ${dependentLoadNs(mib * 1024 * 1024).toFixed(1)} ns per dependent load`);
  }
}

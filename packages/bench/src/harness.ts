// How a benchmark case is described and run with benny: one benny suite per case and size, one
// benny case per implementation, each implementation's fixture built just before it runs and
// dropped right after (so fixtures never share the heap). Runs inside one child process per job.

import b from 'benny';
import type { CaseResult } from 'benny/lib/internal/common-types';

/** `quick`: a representative subset for a look before a commit; `full`: everything. */
export type Mode = 'quick' | 'full';

/** dsim, and the two baselines it is measured against. */
export type ImplName = 'dsim' | 'mutable' | 'naive';

/** The three groups of SimPy's benchmarks. */
export type SuiteName = 'frequent' | 'targeted' | 'simulation';

/** Benchmark.js sampling options (benny passes them through). */
export interface SamplingOptions {
  /** Seconds one timed cycle should last at least (Benchmark.js calibrates the loop count to it). */
  readonly minTime?: number;
  /** Seconds after which sampling stops, once minSamples are in. */
  readonly maxTime?: number;
  readonly minSamples?: number;
  /**
   * Time the operation as a deferred (async) test. For slow operations: Benchmark.js runs a
   * synchronous test once more, untimed, before every timed cycle (its "pretest"), which doubles
   * the cost of sampling an operation of seconds; deferred tests skip it. The microtask hop this
   * adds (about a microsecond) is noise only for operations of milliseconds or more.
   */
  readonly deferred?: boolean;
}

/** A case ready to time: the operation and what it needs around it. */
export interface Bench {
  /** The timed operation. */
  run(): unknown;
  /** Untimed, after every timed cycle: undoes what `run` changed, for implementations that mutate. */
  reset?(): void;
  /** Units of work in one operation (events folded, pods created…), for the per-unit cost. */
  readonly work?: number;
  /** Called once sampling is over: a note for the report, and figures about the last operation. */
  finish?(): { note?: string; extra?: Record<string, number>; scale?: number };
}

/** One implementation of a case. */
export interface ImplDef {
  readonly impl: ImplName;
  /** The sizes this implementation runs at, when fewer than the case's (too slow, say). */
  readonly sizes?: Partial<Record<Mode, readonly number[]>>;
  /** Builds the fixture (untimed) and returns the operation over it. */
  setup(n: number, mode: Mode): Bench;
  readonly sampling?: (n: number, mode: Mode) => SamplingOptions;
  /** Untimed warm-up calls before sampling (default 1; 0 for operations of many seconds). */
  readonly warmup?: (n: number) => number;
}

/** A benchmark case: one behaviour, several implementations, several sizes. */
export interface CaseDef {
  readonly suite: SuiteName;
  /** Short name, unique within the suite. */
  readonly name: string;
  /** What one operation is. */
  readonly description: string;
  /** What `work` counts, for the per-unit column (e.g. 'event'). */
  readonly unit?: string;
  /** N: nodes in the cluster (or items in the queue), by mode. */
  readonly sizes: Record<Mode, readonly number[]>;
  readonly impls: readonly ImplDef[];
  readonly sampling: (n: number, mode: Mode) => SamplingOptions;
}

/** One measured (case, implementation, size). */
export interface Measurement {
  readonly suite: SuiteName;
  readonly case: string;
  readonly impl: ImplName;
  readonly n: number;
  /** Operations per second (benny's `ops`, unrounded). */
  readonly opsPerSec: number;
  /** Relative margin of error of the mean, in percent (Benchmark.js `rme`, 95% confidence). */
  readonly marginPct: number;
  readonly samples: number;
  /** Mean milliseconds per operation (extrapolated when `scale` < 1). */
  readonly msPerOp: number;
  readonly work?: number;
  readonly unit?: string;
  /** Milliseconds per unit of work, over the work actually done (never extrapolated). */
  readonly msPerUnit?: number;
  /**
   * Peak resident set size of the job's process so far, in MiB (`process.resourceUsage().maxRSS`)
   * when this implementation finished: its own peak for the first implementation of a job, a
   * ceiling for the later ones.
   */
  readonly peakRssMiB: number;
  /** Resident set size when sampling ended, fixture still alive, in MiB. */
  readonly rssMiB: number;
  /** Heap used by the fixture after a full GC, in MiB (what the state itself costs). */
  readonly fixtureHeapMiB: number;
  /** Seconds spent building the fixture (untimed). */
  readonly setupSec: number;
  readonly note?: string;
  readonly extra?: Record<string, number>;
  /** Fraction of the operation actually run (< 1 when a wall-clock cap cut it short and the time was extrapolated). */
  readonly scale?: number;
}

const MiB = 1024 * 1024;

function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** The implementations of a case that run at size n in this mode. */
export function implsAt(c: CaseDef, n: number, mode: Mode): ImplDef[] {
  return c.impls.filter((i) => (i.sizes?.[mode] ?? c.sizes[mode]).includes(n));
}

/** Runs one case at one size as one benny suite, saving benny's chart when `chartFolder` is given. */
export async function runCase(c: CaseDef, n: number, mode: Mode, chartFolder?: string): Promise<Measurement[]> {
  const impls = implsAt(c, n, mode);
  const out: Measurement[] = [];
  const title = `${c.suite} › ${c.name} @ N=${n.toLocaleString('en-US')}`;
  const adds = impls.map((def) => {
    let bench: Bench | undefined;
    let setupSec = 0;
    let fixtureHeap = 0;
    const { deferred, ...sampling } = { ...c.sampling(n, mode), ...def.sampling?.(n, mode) };
    // Benny calls the test once or twice while preparing the suite: do nothing until the case starts.
    const op = deferred
      ? async () => {
          if (bench !== undefined) bench.run();
        }
      : () => (bench === undefined ? undefined : bench.run());
    const options = {
      ...sampling,
      onStart() {
        collect();
        const heap0 = process.memoryUsage().heapUsed;
        const t0 = performance.now();
        bench = def.setup(n, mode);
        setupSec = (performance.now() - t0) / 1000;
        collect();
        fixtureHeap = Math.max(0, process.memoryUsage().heapUsed - heap0);
        const warm = def.warmup?.(n) ?? 1;
        for (let i = 0; i < warm; i++) {
          bench.run();
          bench.reset?.();
        }
        collect();
      },
      onCycle() {
        bench?.reset?.();
      },
      onComplete(this: { hz: number; stats: { rme: number; sample: number[]; mean: number } }) {
        const fin = bench?.finish?.() ?? {};
        const scale = fin.scale ?? 1;
        out.push({
          suite: c.suite,
          case: c.name,
          impl: def.impl,
          n,
          opsPerSec: this.hz * scale,
          marginPct: this.stats.rme,
          samples: this.stats.sample.length,
          msPerOp: (this.stats.mean * 1000) / scale,
          ...(bench?.work !== undefined && bench.work > 0
            ? { work: bench.work, unit: c.unit ?? 'unit', msPerUnit: (this.stats.mean * 1000) / bench.work }
            : {}),
          peakRssMiB: process.resourceUsage().maxRSS / 1024,
          rssMiB: process.memoryUsage().rss / MiB,
          fixtureHeapMiB: fixtureHeap / MiB,
          setupSec,
          ...(fin.note !== undefined ? { note: fin.note } : {}),
          ...(fin.extra !== undefined ? { extra: fin.extra } : {}),
          ...(scale !== 1 ? { scale } : {}),
        });
        bench = undefined;
        collect();
      },
    };
    // benny's Options type lists only the sampling fields; Benchmark.js takes the listeners too.
    return b.add(def.impl, op, options as Parameters<typeof b.add>[2]);
  });
  const steps = [
    // benny rounds ops/s to integers by default, which reads 0.4 ops/s as 0.
    b.configure({ minDisplayPrecision: 6 }),
    ...adds,
    b.cycle((result: CaseResult) => {
      const ms = 1000 / result.ops;
      console.log(`  ${title} · ${result.name}: ${formatMs(ms)}/op ±${result.margin.toFixed(1)}% (${result.samples} samples)`);
    }),
    b.complete(() => undefined),
    ...(chartFolder !== undefined
      ? [b.save({ file: `${c.suite}-${c.name}-${n}`, folder: chartFolder, format: 'chart.html' })]
      : []),
  ];
  await b.suite(title, ...steps);
  return out;
}

/** A duration in the unit that reads best. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 1) return `${ms.toFixed(ms >= 100 ? 0 : 2)} ms`;
  if (ms >= 0.001) return `${(ms * 1000).toFixed(ms >= 0.1 ? 0 : 2)} µs`;
  return `${(ms * 1e6).toFixed(1)} ns`;
}

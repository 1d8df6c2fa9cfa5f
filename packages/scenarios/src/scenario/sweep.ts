// `dsim sweep`: one scenario under many seeds, in parallel on worker threads, summarised as
// distributions; shards (`--shard i/n`) write JSON that `--merge` joins into the same aggregate.
// The aggregate depends only on the set of per-seed outcomes, never on workers, order or sharding.

import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { boolFlag, flag } from '../args.ts';
import type { Context } from '../cli.ts';
import { parseTimeFlag } from '../commands/read.ts';
import { tabulate } from '../print/tabwriter.ts';
import { UserError } from '../session.ts';
import { formatSimTime } from './chart.ts';
import { packageFile } from './packageFiles.ts';
import { loadScenario, ScenarioError, type Scenario } from './format.ts';
import type { RunResult } from './types.ts';

/** What one seed's run comes to, small enough to ship between threads and machines. */
export interface SeedOutcome {
  readonly seed: number;
  readonly endedAt: number;
  readonly daemonSets: readonly {
    readonly key: string;
    /** ms, or null when the rollout never finished. */
    readonly timeToFullRollout: number | null;
    readonly worstUnavailable: number;
    readonly podsCreated: number;
    readonly podsDeleted: number;
  }[];
  readonly failures: readonly { readonly at: number; readonly expectation: string; readonly message: string }[];
  /** The run could not be completed (a bug or a scenario the engine refused): the message. */
  readonly error?: string;
}

/** The JSON a sweep (or one shard of it) prints with `-o json`, and what `--merge` reads. */
export interface SweepResult {
  readonly apiVersion: 'dsim.dev/v1alpha1';
  readonly kind: 'SweepResult';
  readonly scenario: string;
  /** The seeds asked for, as written (`1..200`), so merges can tell a missing shard. */
  readonly seeds: string;
  /** Present on a shard's output; absent once merged. */
  readonly shard?: { readonly index: number; readonly count: number };
  readonly until?: number;
  /** One per seed, in the order of the seed list. */
  readonly outcomes: readonly SeedOutcome[];
  readonly aggregate: SweepAggregate;
}

/** Percentiles by the nearest-rank method (each is a value some seed actually had). */
export interface Distribution {
  readonly count: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

/** The distributions over all seeds. */
export interface SweepAggregate {
  readonly runs: number;
  readonly seedsWithFailures: number;
  readonly errors: number;
  readonly daemonSets: readonly {
    readonly key: string;
    /** Seeds in which the DaemonSet existed. */
    readonly runs: number;
    /** Over the seeds whose rollout finished. */
    readonly rolloutTime: Distribution | null;
    readonly unfinished: number;
    readonly worstUnavailable: Distribution;
    /** How many seeds saw each worst-unavailable value, ascending by value. */
    readonly worstUnavailableCounts: readonly (readonly [value: number, seeds: number])[];
  }[];
  /** Per expectation (as written): how many seeds failed it, and which (sorted). */
  readonly expectations: readonly { readonly expectation: string; readonly failedSeeds: number; readonly seeds: readonly number[] }[];
}

/** Parses a seed list: `1..200`, `7`, `1,5,9`, or a mix such as `1..10,42`. */
export function parseSeeds(spec: string): number[] {
  const out: number[] = [];
  for (const part of spec.split(',')) {
    const p = part.trim();
    const range = /^(-?\d+)\.\.(-?\d+)$/.exec(p);
    if (range !== null) {
      const a = Number(range[1]);
      const b = Number(range[2]);
      if (b < a) throw new UserError(`error: invalid --seeds "${spec}": the range ${p} runs backwards`);
      if (b - a >= 1_000_000) throw new UserError(`error: invalid --seeds "${spec}": more than a million seeds`);
      for (let s = a; s <= b; s++) out.push(s);
    } else if (/^-?\d+$/.test(p)) out.push(Number(p));
    else throw new UserError(`error: invalid --seeds "${spec}": expected a range such as 1..200, or numbers separated by commas`);
  }
  if (new Set(out).size !== out.length) throw new UserError(`error: invalid --seeds "${spec}": a seed is listed twice`);
  return out;
}

/** Parses `--shard i/n` (0 ≤ i < n). */
export function parseShard(spec: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(spec.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || count < 1 || index >= count) {
    throw new UserError(`error: invalid --shard "${spec}": expected i/n with 0 <= i < n, e.g. --shard 0/4`);
  }
  return { index, count };
}

/** The seeds shard `index` of `count` runs: those whose position in the list is index mod count. */
export function shardSeeds(seeds: readonly number[], shard: { index: number; count: number } | undefined): number[] {
  return shard === undefined ? [...seeds] : seeds.filter((_, i) => i % shard.count === shard.index);
}

/** Reduces a run to its outcome. */
export function outcomeOf(seed: number, result: RunResult): SeedOutcome {
  return {
    seed,
    endedAt: result.endedAt,
    daemonSets: result.summary.map((s) => ({
      key: s.key,
      timeToFullRollout: s.timeToFullRollout ?? null,
      worstUnavailable: s.worstUnavailable,
      podsCreated: s.podsCreated,
      podsDeleted: s.podsDeleted,
    })),
    failures: [
      ...(result.violation === undefined
        ? []
        : [{ at: result.violation.event.metadata.at, expectation: 'invariant (--check)', message: result.violation.message }]),
      ...result.failures.map((f) => ({ at: f.at, expectation: f.expectation, message: f.message })),
    ],
  };
}

/** Nearest-rank percentiles of the values (which need not be sorted). */
export function distribution(values: readonly number[]): Distribution {
  const v = [...values].sort((a, b) => a - b);
  const rank = (p: number) => v[Math.max(0, Math.ceil((p / 100) * v.length) - 1)] ?? 0;
  return { count: v.length, p50: rank(50), p90: rank(90), p99: rank(99), max: v[v.length - 1] ?? 0 };
}

/** The aggregate of a set of outcomes; independent of their order. */
export function aggregate(outcomes: readonly SeedOutcome[]): SweepAggregate {
  const sorted = [...outcomes].sort((a, b) => a.seed - b.seed);
  const byKey = new Map<string, { times: number[]; unfinished: number; worst: number[] }>();
  const byExpectation = new Map<string, Set<number>>();
  for (const o of sorted) {
    for (const d of o.daemonSets) {
      let a = byKey.get(d.key);
      if (a === undefined) byKey.set(d.key, (a = { times: [], unfinished: 0, worst: [] }));
      if (d.timeToFullRollout === null) a.unfinished++;
      else a.times.push(d.timeToFullRollout);
      a.worst.push(d.worstUnavailable);
    }
    for (const f of o.failures) {
      let s = byExpectation.get(f.expectation);
      if (s === undefined) byExpectation.set(f.expectation, (s = new Set()));
      s.add(o.seed);
    }
  }
  const counts = (values: readonly number[]) => {
    const m = new Map<number, number>();
    for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
    return [...m.entries()].sort((a, b) => a[0] - b[0]);
  };
  return {
    runs: sorted.length,
    seedsWithFailures: sorted.filter((o) => o.failures.length > 0).length,
    errors: sorted.filter((o) => o.error !== undefined).length,
    daemonSets: [...byKey.entries()]
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([key, a]) => ({
        key,
        runs: a.worst.length,
        rolloutTime: a.times.length === 0 ? null : distribution(a.times),
        unfinished: a.unfinished,
        worstUnavailable: distribution(a.worst),
        worstUnavailableCounts: counts(a.worst),
      })),
    expectations: [...byExpectation.entries()]
      .map(([expectation, seeds]) => ({ expectation, failedSeeds: seeds.size, seeds: [...seeds].sort((a, b) => a - b) }))
      .sort((a, b) => b.failedSeeds - a.failedSeeds || (a.expectation < b.expectation ? -1 : 1)),
  };
}

// Workers run the TypeScript sources through tsx like the bin script does: a plain .mjs entry loads the worker
// module with tsx's tsImport, which (unlike --import in execArgv on Node 20) also works inside worker threads.
// Both are found from the package root, so this works from the bundle in dist/ as from the sources.
const threadEntry = () => packageFile('src/scenario/sweepThread.mjs');
const workerModule = () => packageFile('src/scenario/sweepWorker.ts').href;

/** Options of a sweep. */
export interface SweepOptions {
  /** Worker threads; 0 runs every seed on the calling thread. Default: the machine's parallelism. */
  readonly workers?: number;
  readonly until?: number;
  /** Called after each seed finishes (for a progress line). */
  readonly onOutcome?: (done: number, total: number) => void;
}

/** Message to a worker: run this seed. Reply: its outcome. */
export interface SweepTask {
  readonly seed: number;
  readonly until?: number;
}

/**
 * Runs the scenario at `path` once per seed and returns the outcomes in the order of `seeds`.
 * Seeds are handed out one at a time to whichever worker is free, so slow seeds do not hold up a batch.
 */
export async function runSweep(path: string, seeds: readonly number[], options: SweepOptions = {}): Promise<SeedOutcome[]> {
  const workers = Math.min(options.workers ?? availableParallelism(), seeds.length);
  const results = new Map<number, SeedOutcome>();
  if (workers <= 0) {
    const { runSeed } = await import('./sweepWorker.ts');
    for (const seed of seeds) {
      results.set(seed, await runSeed(path, { seed, ...(options.until !== undefined ? { until: options.until } : {}) }));
      options.onOutcome?.(results.size, seeds.length);
    }
    return seeds.map((s) => results.get(s)!);
  }
  let next = 0;
  await new Promise<void>((resolve, reject) => {
    let live = 0;
    let failed = false;
    const pool: Worker[] = [];
    const fail = (e: Error) => {
      if (failed) return;
      failed = true;
      for (const w of pool) void w.terminate();
      reject(e);
    };
    const feed = (w: Worker) => {
      const seed = seeds[next++];
      if (seed === undefined) {
        void w.terminate();
        return;
      }
      const task: SweepTask = options.until !== undefined ? { seed, until: options.until } : { seed };
      w.postMessage(task);
    };
    for (let i = 0; i < workers; i++) {
      const w = new Worker(threadEntry(), { workerData: { dsimSweep: true, entry: workerModule(), path }, stdout: false, stderr: false });
      pool.push(w);
      live++;
      w.on('message', (o: SeedOutcome) => {
        results.set(o.seed, o);
        options.onOutcome?.(results.size, seeds.length);
        feed(w);
      });
      w.on('error', (e) => fail(e));
      w.on('exit', () => {
        live--;
        if (live === 0 && !failed) {
          if (results.size === seeds.length) resolve();
          else fail(new Error(`sweep workers exited with ${seeds.length - results.size} seeds not run`));
        }
      });
      feed(w);
    }
  });
  return seeds.map((s) => results.get(s)!);
}

/** Joins shard outputs: checks they are one sweep, drops nothing, and recomputes the aggregate. */
export function mergeSweeps(parts: readonly SweepResult[]): { merged: SweepResult; missing: number[] } {
  const first = parts[0];
  if (first === undefined) throw new UserError('error: dsim sweep --merge needs at least one shard file');
  const bySeed = new Map<number, SeedOutcome>();
  for (const p of parts) {
    if (p.scenario !== first.scenario || p.seeds !== first.seeds) {
      throw new UserError(
        `error: cannot merge sweeps of different runs: "${first.scenario}" seeds ${first.seeds} and "${p.scenario}" seeds ${p.seeds}`,
      );
    }
    for (const o of p.outcomes) {
      const have = bySeed.get(o.seed);
      if (have !== undefined && JSON.stringify(have) !== JSON.stringify(o)) {
        throw new UserError(`error: seed ${o.seed} appears in two shards with different outcomes (different dsim versions?)`);
      }
      bySeed.set(o.seed, o);
    }
  }
  const wanted = parseSeeds(first.seeds);
  const outcomes = wanted.filter((s) => bySeed.has(s)).map((s) => bySeed.get(s)!);
  const missing = wanted.filter((s) => !bySeed.has(s));
  const merged: SweepResult = {
    apiVersion: 'dsim.dev/v1alpha1',
    kind: 'SweepResult',
    scenario: first.scenario,
    seeds: first.seeds,
    ...(first.until !== undefined ? { until: first.until } : {}),
    outcomes,
    aggregate: aggregate(outcomes),
  };
  return { merged, missing };
}

/** The aggregate as kubectl-style tables. */
export function formatSweep(result: SweepResult, missing: readonly number[] = []): string {
  const a = result.aggregate;
  const tab = (s: string) => tabulate(s, { minwidth: 0, tabwidth: 8, padding: 3, padchar: ' ', flags: 0 });
  const out: string[] = [];
  const shard = result.shard === undefined ? '' : `, shard ${result.shard.index}/${result.shard.count}`;
  out.push(
    `Sweep of "${result.scenario}" over seeds ${result.seeds}${shard}: ${a.runs} run${a.runs === 1 ? '' : 's'}, ` +
      `${a.seedsWithFailures} with a failed expectation${a.errors > 0 ? `, ${a.errors} could not run` : ''}.`,
  );
  if (missing.length > 0) out.push(`warning: ${missing.length} seed${missing.length === 1 ? '' : 's'} missing (a shard not merged?): ${listSeeds(missing)}`);
  out.push('');
  if (a.daemonSets.length > 0) {
    let t = 'DAEMONSET\tROLLED OUT\tP50\tP90\tP99\tMAX\n';
    for (const d of a.daemonSets) {
      const r = d.rolloutTime;
      const f = (ms: number | undefined) => (ms === undefined ? '-' : formatSimTime(ms));
      t += `${d.key}\t${d.runs - d.unfinished}/${d.runs}\t${f(r?.p50)}\t${f(r?.p90)}\t${f(r?.p99)}\t${f(r?.max)}\n`;
    }
    out.push('Time to full rollout:', tab(t));
    let u = 'DAEMONSET\tP50\tP90\tP99\tMAX\tSEEDS BY VALUE\n';
    for (const d of a.daemonSets) {
      const w = d.worstUnavailable;
      u += `${d.key}\t${w.p50}\t${w.p90}\t${w.p99}\t${w.max}\t${histogramText(d.worstUnavailableCounts)}\n`;
    }
    out.push('Worst unavailable pods during a rollout:', tab(u));
  }
  if (a.expectations.length === 0) out.push('No expectation failed in any seed.');
  else {
    let e = 'EXPECTATION\tFAILED\tSEEDS\n';
    for (const x of a.expectations) e += `${x.expectation}\t${x.failedSeeds}/${a.runs}\t${listSeeds(x.seeds)}\n`;
    out.push('Failed expectations:', tab(e));
  }
  const errors = result.outcomes.filter((o) => o.error !== undefined);
  for (const o of errors.slice(0, 5)) out.push(`error: seed ${o.seed}: ${o.error}`);
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

function histogramText(counts: readonly (readonly [number, number])[]): string {
  const shown = counts.slice(0, 6).map(([v, n]) => `${v}:${n}`);
  return counts.length > 6 ? `${shown.join(' ')} …` : shown.join(' ');
}

function listSeeds(seeds: readonly number[]): string {
  return seeds.length > 10 ? `${seeds.slice(0, 10).join(', ')}, … (${seeds.length})` : seeds.join(', ');
}

function readSweepFile(path: string): SweepResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code !== undefined) throw e;
    throw new UserError(`error: ${path}: not JSON (${err.message}); expected the output of "dsim sweep ... -o json"`);
  }
  const p = parsed as Partial<SweepResult>;
  if (p.kind !== 'SweepResult' || !Array.isArray(p.outcomes) || typeof p.seeds !== 'string') {
    throw new UserError(`error: ${path}: not a sweep result (kind SweepResult); expected the output of "dsim sweep ... -o json"`);
  }
  return p as SweepResult;
}

/** `dsim sweep`. */
export async function sweepCommand(ctx: Context): Promise<number> {
  const output = flag(ctx.args, 'output');
  if (output !== undefined && output !== 'json') throw new UserError(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: json`);
  const print = (r: SweepResult, missing: readonly number[] = []) =>
    ctx.io.stdout(output === 'json' ? `${JSON.stringify(r, null, 2)}\n` : formatSweep(r, missing));
  if (boolFlag(ctx.args, 'merge')) {
    const files = ctx.args.positional;
    if (files.length === 0) throw new UserError('error: dsim sweep --merge needs the shard files: dsim sweep --merge shard-0.json shard-1.json ...');
    const { merged, missing } = mergeSweeps(files.map((f) => readSweepFile(resolvePath(ctx.io.cwd, f))));
    if (output === 'json' && missing.length > 0) ctx.io.stderr(`warning: ${missing.length} seeds missing from the merged shards\n`);
    print(merged, missing);
    return merged.aggregate.errors > 0 ? 1 : 0;
  }
  const [path, ...extra] = ctx.args.positional;
  if (path === undefined) throw new UserError('error: dsim sweep needs a scenario file: dsim sweep SCENARIO --seeds 1..200');
  if (extra.length > 0) throw new UserError(`error: unexpected arguments: ${extra.join(' ')}`);
  const seedsSpec = flag(ctx.args, 'seeds') ?? '1..20';
  const all = parseSeeds(seedsSpec);
  const shardText = flag(ctx.args, 'shard');
  const shard = shardText === undefined ? undefined : parseShard(shardText);
  const seeds = shardSeeds(all, shard);
  const workersText = flag(ctx.args, 'workers');
  if (workersText !== undefined && !/^\d+$/.test(workersText)) throw new UserError(`error: invalid --workers "${workersText}": expected a whole number`);
  const untilText = flag(ctx.args, 'until');
  const until = untilText === undefined ? undefined : parseTimeFlag(untilText, 'until');
  const resolved = resolvePath(ctx.io.cwd, path);
  // Load once here so a broken scenario fails with its one-line message before any thread starts.
  let scenario: Scenario;
  try {
    scenario = loadScenario(resolved);
  } catch (e) {
    if (e instanceof ScenarioError) throw e.userError(ctx.io.cwd);
    throw e;
  }
  const tty = ctx.io.stderrIsTty === true && output !== 'json';
  const outcomes = await runSweep(resolved, seeds, {
    ...(workersText !== undefined ? { workers: Number(workersText) } : {}),
    ...(until !== undefined ? { until } : {}),
    ...(tty ? { onOutcome: (done: number, total: number) => ctx.io.stderr(`\r${done}/${total} seeds${done === total ? '\n' : ''}`) } : {}),
  });
  const result: SweepResult = {
    apiVersion: 'dsim.dev/v1alpha1',
    kind: 'SweepResult',
    scenario: scenario.name,
    seeds: seedsSpec,
    ...(shard !== undefined ? { shard } : {}),
    ...(until !== undefined ? { until } : {}),
    outcomes,
    aggregate: aggregate(outcomes),
  };
  print(result);
  return result.aggregate.errors > 0 ? 1 : 0;
}

function resolvePath(cwd: string, p: string): string {
  return p.startsWith('/') ? p : `${cwd.replace(/\/$/, '')}/${p}`;
}

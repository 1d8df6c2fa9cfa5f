// The benchmark runner: `pnpm bench` (everything, writes results/latest.json and benny's charts)
// and `pnpm bench:quick` (a representative subset, results/quick.json, under a minute).
// Each case and size runs in its own child process, so each gets a clean heap and its own peak RSS.
//
//   node --expose-gc --import tsx src/run.ts [--quick] [--only <substring of suite/case@N>]

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatMs, implsAt, runCase, type CaseDef, type Measurement, type Mode } from './harness.ts';
import { dependentLoadNs, LATENCY_SIZES_MIB } from './latency.ts';
import { analyse, formatTable } from './report.ts';
import { ALL_CASES } from './suites/index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const packageDir = path.resolve(here, '..');
const resultsDir = path.join(packageDir, 'results');

/** One child process: one case at one size. */
interface Job {
  readonly id: string;
  readonly c: CaseDef;
  readonly n: number;
}

function jobsFor(mode: Mode, only: string | undefined): Job[] {
  const out: Job[] = [];
  for (const c of ALL_CASES) {
    for (const n of c.sizes[mode]) {
      const id = `${c.suite}/${c.name}@${n}`;
      // `Case@N` names one job exactly (NodeAdded@1000 is not NodeAdded@10000); anything else matches by substring.
      const wanted = only === undefined || (only.includes('@') ? id === only || `${c.name}@${n}` === only : id.includes(only));
      if (!wanted) continue;
      if (implsAt(c, n, mode).length > 0) out.push({ id, c, n });
    }
  }
  return out;
}

/** A job may not run longer than this; past it the child is stopped and the job reported failed. */
const JOB_TIMEOUT_MS: Record<Mode, number> = { quick: 60_000, full: 600_000 };

interface ChildResult {
  readonly measurements: Measurement[];
  readonly processPeakRssMiB: number;
}

function runChild(job: Job, mode: Mode, charts: string | undefined): Promise<ChildResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dsim-bench-'));
  const out = path.join(dir, 'result.json');
  const args = [
    ...process.execArgv.filter((a) => !a.startsWith('--max-old-space-size')),
    // Room above the 4 GiB target, so a miss is measured rather than crashed.
    '--max-old-space-size=12288',
    fileURLToPath(import.meta.url),
    '--child',
    job.id,
    '--mode',
    mode,
    '--out',
    out,
    ...(charts !== undefined ? ['--charts', charts] : []),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', cwd: packageDir });
    const timer = setTimeout(() => {
      console.log(`  ${job.id}: over ${JOB_TIMEOUT_MS[mode] / 1000} s, stopping it`);
      child.kill('SIGKILL');
    }, JOB_TIMEOUT_MS[mode]);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      try {
        if (code !== 0) throw new Error(`exited with ${signal ?? code}`);
        resolve(JSON.parse(readFileSync(out, 'utf8')) as ChildResult);
      } catch (e) {
        reject(e);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

async function child(id: string, mode: Mode, out: string, charts: string | undefined): Promise<void> {
  const job = jobsFor(mode, undefined).find((j) => j.id === id);
  if (job === undefined) throw new Error(`no job ${id} in ${mode} mode`);
  if (charts !== undefined) mkdirSync(charts, { recursive: true });
  const measurements = await runCase(job.c, job.n, mode, charts);
  const result: ChildResult = { measurements, processPeakRssMiB: process.resourceUsage().maxRSS / 1024 };
  writeFileSync(out, JSON.stringify(result));
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverageAtStart: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
}

/**
 * What a cache miss costs here, by working set (the large cases are bound by it: see latency.ts).
 * Measured after the jobs: a child's peak RSS counts its parent's at the fork, so the probe's
 * 512 MiB must not come first.
 */
function memoryLatency(): Record<string, number> {
  return Object.fromEntries(LATENCY_SIZES_MIB.map((mib) => [`${mib}MiB`, Number(dependentLoadNs(mib * 2 ** 20, 1_000_000).toFixed(1))]));
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const mode: Mode = argv.includes('--quick') || arg('--mode') === 'quick' ? 'quick' : 'full';
  const childId = arg('--child');
  if (childId !== undefined) return child(childId, mode, arg('--out')!, arg('--charts'));

  const only = arg('--only');
  const jobs = jobsFor(mode, only);
  const started = performance.now();
  const info = machine();
  if ((globalThis as { gc?: unknown }).gc === undefined) console.log('note: run with --expose-gc for GC between fixtures');
  console.log(`dsim benchmarks, ${mode} run: ${jobs.length} jobs on ${info.cpu} ×${info.cores}, ${info.memoryGiB} GiB, Node ${info.node}`);
  console.log(`load average at start: ${info.loadAverageAtStart.join(' ')} (other processes on the machine skew timings)`);
  const charts = mode === 'full' && only === undefined ? path.join(resultsDir, 'charts') : undefined;
  const measurements: Measurement[] = [];
  const jobsRun: { id: string; seconds: number; processPeakRssMiB?: number; error?: string }[] = [];
  for (const job of jobs) {
    const t0 = performance.now();
    console.log(`▶ ${job.id}: ${job.c.description}`);
    try {
      const r = await runChild(job, mode, charts);
      measurements.push(...r.measurements);
      const sec = (performance.now() - t0) / 1000;
      jobsRun.push({ id: job.id, seconds: sec, processPeakRssMiB: r.processPeakRssMiB });
      const setups = r.measurements.map((m) => `${m.impl} ${m.setupSec.toFixed(1)} s`).join(', ');
      console.log(`  ${job.id} done in ${sec.toFixed(1)} s (fixtures: ${setups}; process peak RSS ${Math.round(r.processPeakRssMiB)} MiB)`);
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      const hint = job.c.suite === 'simulation' ? ' (the Engine may still be under construction: skipped)' : '';
      console.log(`  ${job.id} failed: ${error}${hint}`);
      jobsRun.push({ id: job.id, seconds: (performance.now() - t0) / 1000, error });
    }
  }
  const analysis = analyse(measurements);
  const seconds = (performance.now() - started) / 1000;
  console.log('');
  console.log(formatTable(measurements, analysis, mode));
  const failed = jobsRun.filter((j) => j.error !== undefined);
  if (failed.length > 0) console.log(`\nFailed or skipped jobs: ${failed.map((j) => `${j.id} (${j.error})`).join('; ')}`);
  console.log(`\n${mode} run: ${jobs.length} jobs in ${formatMs(seconds * 1000)}; load average at end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const latency = memoryLatency();
  console.log(`memory latency, ns per dependent load by working set: ${Object.entries(latency).map(([size, ns]) => `${size} ${ns}`).join(', ')}`);

  if (only !== undefined) return; // a partial run writes nothing
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, mode === 'full' ? 'latest.json' : 'quick.json');
  const doc = {
    generatedAt: new Date().toISOString(),
    mode,
    machine: { ...info, loadAverageAtEnd: os.loadavg().map((l) => Number(l.toFixed(2))), dependentLoadNs: latency },
    durationSec: Number(seconds.toFixed(1)),
    peakRssMethod:
      "process.resourceUsage().maxRSS of the job's child process (one per case and size) when dsim finished; dsim runs first in each job, fixture build included",
    cases: measurements.map((m) => ({
      suite: m.suite,
      case: m.case,
      impl: m.impl,
      N: m.n,
      opsPerSec: m.opsPerSec,
      marginPct: Number(m.marginPct.toFixed(2)),
      samples: m.samples,
      msPerOp: m.msPerOp,
      ...(m.msPerUnit !== undefined ? { msPerUnit: m.msPerUnit, unit: m.unit, work: m.work } : {}),
      peakRssMiB: Math.round(m.peakRssMiB),
      rssMiB: Math.round(m.rssMiB),
      fixtureHeapMiB: Math.round(m.fixtureHeapMiB),
      setupSec: Number(m.setupSec.toFixed(2)),
      ...(m.scale !== undefined ? { scale: m.scale } : {}),
      ...(m.extra !== undefined ? { extra: m.extra } : {}),
      ...(m.note !== undefined ? { note: m.note } : {}),
    })),
    ...analysis,
    jobs: jobsRun,
  };
  writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), file)}${charts !== undefined ? ` and benny charts in ${path.relative(process.cwd(), charts)}` : ''}`);
}

await main();

// Sweeps: seed lists and shards, percentiles, and that the aggregate depends only on the seeds run, not on how many
// worker threads ran them or how the seeds were split into shards.

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main, type Io } from '../cli.ts';
import { UserError } from '../session.ts';
import { aggregate, distribution, mergeSweeps, parseSeeds, parseShard, runSweep, shardSeeds, type SweepResult } from './sweep.ts';

const FIXTURE = fileURLToPath(new URL('./__fixtures__/sweep-small.yaml', import.meta.url));
const SEEDS = parseSeeds('1..10');

function io(cwd: string): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (s) => out.push(s), stderr: (s) => err.push(s), readStdin: () => '', env: {}, cwd };
}

describe('seed lists and shards', () => {
  it('parses ranges, lists and mixes', () => {
    expect(parseSeeds('1..5')).toEqual([1, 2, 3, 4, 5]);
    expect(parseSeeds('7')).toEqual([7]);
    expect(parseSeeds('1..3,10,20..21')).toEqual([1, 2, 3, 10, 20, 21]);
    expect(() => parseSeeds('5..1')).toThrow(UserError);
    expect(() => parseSeeds('1..3,2')).toThrow(/listed twice/);
    expect(() => parseSeeds('a')).toThrow(/expected a range/);
  });

  it('splits seeds by index modulo n, so n shards cover every seed exactly once', () => {
    expect(parseShard('1/3')).toEqual({ index: 1, count: 3 });
    expect(() => parseShard('3/3')).toThrow(/0 <= i < n/);
    expect(() => parseShard('x')).toThrow(UserError);
    const seeds = parseSeeds('1..200');
    const shards = [0, 1, 2, 3].map((index) => shardSeeds(seeds, { index, count: 4 }));
    expect(shards[1]!.slice(0, 3)).toEqual([2, 6, 10]);
    expect(shards.flat().sort((a, b) => a - b)).toEqual(seeds);
  });

  it('takes nearest-rank percentiles (each one a value some seed had)', () => {
    const d = distribution(Array.from({ length: 100 }, (_, i) => 100 - i));
    expect(d).toEqual({ count: 100, p50: 50, p90: 90, p99: 99, max: 100 });
    expect(distribution([7])).toEqual({ count: 1, p50: 7, p90: 7, p99: 7, max: 7 });
  });
});

describe('runSweep', () => {
  it('gives the same outcomes and aggregate in 1 and 2 worker threads (and on the calling thread)', async () => {
    const [one, two, inline] = [await runSweep(FIXTURE, SEEDS, { workers: 1 }), await runSweep(FIXTURE, SEEDS, { workers: 2 }), await runSweep(FIXTURE, SEEDS, { workers: 0 })];
    expect(two).toEqual(one);
    expect(inline).toEqual(one);
    expect(one.map((o) => o.seed)).toEqual(SEEDS);
    const a = aggregate(one);
    expect(a.runs).toBe(10);
    expect(a.errors).toBe(0);
    const agent = a.daemonSets.find((d) => d.key === 'kube-system/agent')!;
    expect(agent.runs).toBe(10);
    expect(agent.rolloutTime!.count + agent.unfinished).toBe(10);
    expect(agent.rolloutTime!.p50).toBeLessThanOrEqual(agent.rolloutTime!.p90);
    expect(agent.rolloutTime!.max).toBe(Math.max(...one.map((o) => o.daemonSets[0]!.timeToFullRollout ?? 0)));
    // The fixture's tight deadline fails for some seeds and not others: counted per expectation.
    const late = a.expectations.find((e) => e.expectation.startsWith('rollout of daemonSet kube-system/agent finished by'));
    expect(late).toBeDefined();
    expect(late!.failedSeeds).toBeGreaterThan(0);
    expect(late!.failedSeeds).toBeLessThan(10);
    expect(late!.seeds).toEqual(one.filter((o) => o.failures.length > 0).map((o) => o.seed));
    expect(aggregate([...one].reverse())).toEqual(a);
  });

  it('merges shards into the whole sweep', async () => {
    const whole = await runSweep(FIXTURE, SEEDS, { workers: 0 });
    const shard = async (index: number): Promise<SweepResult> => {
      const outcomes = await runSweep(FIXTURE, shardSeeds(SEEDS, { index, count: 3 }), { workers: 0 });
      return { apiVersion: 'dsim.dev/v1alpha1', kind: 'SweepResult', scenario: 'sweep-small', seeds: '1..10', shard: { index, count: 3 }, outcomes, aggregate: aggregate(outcomes) };
    };
    const shards = [await shard(2), await shard(0), await shard(1)];
    const { merged, missing } = mergeSweeps(shards);
    expect(missing).toEqual([]);
    expect(merged.outcomes).toEqual(whole);
    expect(merged.aggregate).toEqual(aggregate(whole));
    const partial = mergeSweeps(shards.slice(0, 2));
    expect(partial.missing).toEqual(shardSeeds(SEEDS, { index: 1, count: 3 }));
    expect(() => mergeSweeps([shards[0]!, { ...shards[1]!, seeds: '1..20' }])).toThrow(/different runs/);
  });
});

describe('dsim sweep', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dsim-sweep-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes shard JSON that --merge joins, and prints the distributions', async () => {
    for (const i of [0, 1]) {
      const t = io(dir);
      const code = await main(['sweep', FIXTURE, '--seeds', '1..6', '--shard', `${i}/2`, '--workers', '0', '-o', 'json'], t);
      expect(t.err.join('')).toBe('');
      expect(code).toBe(0);
      const r = JSON.parse(t.out.join('')) as SweepResult;
      expect(r.shard).toEqual({ index: i, count: 2 });
      expect(r.outcomes.map((o) => o.seed)).toEqual(i === 0 ? [1, 3, 5] : [2, 4, 6]);
      writeFileSync(join(dir, `shard-${i}.json`), t.out.join(''));
    }
    const t = io(dir);
    expect(await main(['sweep', '--merge', 'shard-0.json', 'shard-1.json'], t)).toBe(0);
    const text = t.out.join('');
    expect(text).toMatch(/^Sweep of "sweep-small" over seeds 1\.\.6: 6 runs, \d with a failed expectation\./);
    expect(text).toMatch(/DAEMONSET\s+ROLLED OUT\s+P50\s+P90\s+P99\s+MAX\nkube-system\/agent\s+6\/6\s+/);
    expect(text).toContain('Worst unavailable pods during a rollout:');
  });

  it('names mistakes in one line', async () => {
    const t = io(dir);
    expect(await main(['sweep', FIXTURE, '--seeds', '9..1'], t)).toBe(1);
    expect(t.err.join('')).toBe('error: invalid --seeds "9..1": the range 9..1 runs backwards\n');
    const u = io(dir);
    expect(await main(['sweep', '--merge', 'nothing.json'], u)).toBe(1);
    expect(u.err.join('')).toMatch(/^error: .*nothing\.json/);
    // The scenario named as typed, as dsim run names it (not as an absolute path).
    writeFileSync(join(dir, 'broken.yaml'), 'apiVersion: dsim.dev/v1alpha1\nkind: Scenario\nmetadata: {name: b}\nspec:\n  nodePools: [{name: workers, count: x}]\n');
    for (const verb of ['run', 'sweep', 'explore']) {
      const v = io(dir);
      expect(await main([verb, 'broken.yaml'], v)).toBe(1);
      expect(v.err.join('')).toMatch(/^error: broken\.yaml:5: spec\.nodePools\[0\]\.count: /);
      const w = io(dir);
      expect(await main([verb, 'missing.yaml'], w)).toBe(1);
      expect(w.err.join('')).toBe('error: the path "missing.yaml" does not exist\n');
    }
  });
});

describe('examples/sweep-job.yaml', () => {
  it('is an Indexed Job whose pods cover every shard of the sweep', () => {
    const repo = fileURLToPath(new URL('../../../../', import.meta.url));
    const job = parse(readFileSync(join(repo, 'examples/sweep-job.yaml'), 'utf8')) as {
      kind: string;
      spec: { completionMode: string; completions: number; parallelism: number; template: { spec: { containers: { args: string[] }[] } } };
    };
    expect(job.kind).toBe('Job');
    expect(job.spec.completionMode).toBe('Indexed');
    expect(job.spec.parallelism).toBe(job.spec.completions);
    const args = job.spec.template.spec.containers[0]!.args;
    expect(args[0]).toBe('sweep');
    expect(args[args.indexOf('--shard') + 1]).toBe(`$(JOB_COMPLETION_INDEX)/${job.spec.completions}`);
    expect(args.slice(-2)).toEqual(['-o', 'json']);
    // The image holds the repository at /dsim: the scenario it names is one of this repository's.
    expect(existsSync(join(repo, args[1]!.replace(/^\/dsim\//, '')))).toBe(true);
  });
});

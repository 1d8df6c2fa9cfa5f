// dsim explore: the planted weakness (a DaemonSet without a toleration for a taint GPU nodes get during churn) is found,
// shrunk to one step, and written as a scenario that the ordinary loader and runner replay to the same failure.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createModel, initialState } from '@dsim/core';
import { afterAll, describe, expect, it } from 'vitest';
import { main, type Io } from '../cli.ts';
import { compileScenario, loadScenario, parseScenario } from './format.ts';
import { agentRollout } from './__fixtures__/agentRollout.ts';
import { checkProperty } from './properties.ts';
import { runScenario } from './runner.ts';
import {
  concretize,
  counterexampleText,
  explore,
  loadExploreTarget,
  parseExploreTarget,
  recordedProperty,
  replayCounterexample,
  story,
  type AbstractStep,
} from './explore.ts';

const FIXTURE = fileURLToPath(new URL('../../../../examples/explore/gpu-taint.yaml', import.meta.url));
const SMALL = fileURLToPath(new URL('./__fixtures__/sweep-small.yaml', import.meta.url));

const dir = mkdtempSync(join(tmpdir(), 'dsim-explore-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io(cwd: string): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (s) => out.push(s), stderr: (s) => err.push(s), readStdin: () => '', env: {}, cwd };
}

describe('the planted weakness', () => {
  it('is found, shrunk to the one taint, and replays from the written file', async () => {
    const target = loadExploreTarget(FIXTURE);
    const outcome = await explore(target, { runs: 60, seed: 1 });
    const cx = outcome.counterexample;
    expect(cx).toBeDefined();
    // The shortest story: one GPU node gets the taint node-agent does not tolerate.
    expect(cx!.steps).toEqual([{ at: 1000, kind: 'taint', node: 'gpu-0001', taint: { key: 'dedicated', value: 'gpu', effect: 'NoExecute' } }]);
    expect(cx!.violation!.node).toBe('gpu-0001');
    expect(cx!.violation!.message).toMatch(/^node gpu-0001 was Ready and selected by kube-system\/node-agent but had no running pod of it/);

    const file = join(dir, 'counterexample.yaml');
    writeFileSync(file, counterexampleText(target, cx!, file));
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=.*schema\/scenario\.schema\.json$/);
    expect(text).toContain('#         1s  node gpu-0001 is tainted dedicated=gpu:NoExecute');
    expect(text).not.toContain('explore:');

    // An ordinary scenario: the loader takes it, the runner replays the very same log, and the property fails the same way.
    const scenario = loadScenario(file);
    expect(scenario.timeline).toHaveLength(1);
    const replay = runScenario(scenario);
    expect(replay.events).toEqual(cx!.result.events);
    expect(checkProperty(recordedProperty(scenario)!, replay.events, replay.endedAt)).toEqual(cx!.violation);
    const again = await replayCounterexample(scenario);
    expect(again.violation).toEqual(cx!.violation);
  });

  it('is not reported once the DaemonSet tolerates the taint', async () => {
    const text = readFileSync(FIXTURE, 'utf8').replace(
      'containers: [{name: agent, image: "registry.example/node-agent:1"}]',
      'containers: [{name: agent, image: "registry.example/node-agent:1"}]\n            tolerations: [{operator: Exists}]',
    );
    const target = parseExploreTarget(text, FIXTURE);
    const outcome = await explore(target, { runs: 25, seed: 1 });
    expect(outcome.counterexample).toBeUndefined();
    expect(outcome.runs).toBe(25);
  });

  it('is shown without churn when the scenario breaks the property as it is (a rollout slower than "within")', async () => {
    // 200 GPU nodes: the first rollout alone takes longer than 20 s (the API client's 20 creates a second).
    const text = readFileSync(FIXTURE, 'utf8')
      .replace('count: 2\n', 'count: 200\n')
      .replace('within: 2m}', 'within: 20s}')
      .replace('containers: [{name: agent, image: "registry.example/node-agent:1"}]', 'containers: [{name: agent, image: "registry.example/node-agent:1"}]\n            tolerations: [{operator: Exists}]');
    const target = parseExploreTarget(text, FIXTURE);
    const cx = (await explore(target, { runs: 5, seed: 1 })).counterexample;
    // Not pinned on whichever churn step the search happened to run first.
    expect(cx!.steps).toEqual([]);
    expect(cx!.violation!.at).toBe(20_000);
    expect(story(target.explore.property, cx!)[1]).toBe('      0s  no churn: the scenario breaks the property as it is');
  });
});

describe('dsim explore', () => {
  it('prints the story, writes the file, and checks the property on a replay of it', async () => {
    const t = io(dir);
    expect(await main(['explore', FIXTURE, '--runs', '30', '--seed', '1', '--out', 'cx.yaml'], t)).toBe(1);
    const out = t.out.join('');
    expect(out).toMatch(/^Counterexample found after \d+ runs? and shrunk in \d+ steps? \(seed 1, [\d.]+s\):\n/);
    expect(out).toContain('property: every Ready node that kube-system/node-agent selects runs its pod within 2m\n');
    expect(out).toContain('      1s  node gpu-0001 is tainted dedicated=gpu:NoExecute\n');
    expect(out).toContain('Wrote cx.yaml; replay it with "dsim run cx.yaml"');
    const replay = io(dir);
    expect(await main(['explore', 'cx.yaml'], replay)).toBe(1);
    expect(replay.out.join('')).toMatch(/^property fails on the replay of cx\.yaml at 2m: node gpu-0001 /);
    // `dsim run` on the counterexample checks the property it records, and fails with it.
    const run = io(dir);
    expect(await main(['run', 'cx.yaml'], run)).toBe(1);
    expect(run.out.join('')).toContain('\nproperty (recorded by dsim explore): every Ready node that kube-system/node-agent selects runs its pod within 2m: fails at 2m0s\n');
    expect(run.err.join('')).toMatch(/^error: property failed at 2m0s: every Ready node that kube-system\/node-agent selects runs its pod within 2m: node gpu-0001 .*\n$/);
    const json = io(dir);
    expect(await main(['run', 'cx.yaml', '-o', 'json'], json)).toBe(1);
    expect(JSON.parse(json.out.join('')).property).toMatchObject({ holds: false, at: 120_000 });
    // With a taint that evicts nothing, the same story keeps the property: exit 0.
    writeFileSync(join(dir, 'cx-soft.yaml'), readFileSync(join(dir, 'cx.yaml'), 'utf8').replace('effect: NoExecute', 'effect: PreferNoSchedule'));
    const soft = io(dir);
    expect(await main(['run', 'cx-soft.yaml'], soft)).toBe(0);
    expect(soft.out.join('')).toContain('\nproperty (recorded by dsim explore): every Ready node that kube-system/node-agent selects runs its pod within 2m: holds\n');
    expect(soft.err.join('')).toBe('');
  });

  it('dsim run names a tampered property annotation by file, line and field, and runs nothing', async () => {
    const t = io(dir);
    await main(['explore', FIXTURE, '--runs', '30', '--seed', '1', '--out', 'cx2.yaml'], t);
    const text = readFileSync(join(dir, 'cx2.yaml'), 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('dsim.dev/explore-property')) + 1;
    expect(line).toBeGreaterThan(0);
    writeFileSync(join(dir, 'cx2.yaml'), text.replace(/EveryReadyNodeRunsPod/, 'EveryNode'));
    const run = io(dir);
    expect(await main(['run', 'cx2.yaml'], run)).toBe(1);
    expect(run.err.join('')).toBe(
      `error: cx2.yaml:${line}: metadata.annotations[dsim.dev/explore-property]: Unsupported value: "EveryNode": supported values: "EveryReadyNodeRunsPod", "UnavailableWithinBudget", "RolloutFinishes" (dsim explore writes it; remove it to run the file as an ordinary scenario)\n`,
    );
    expect(run.out.join('')).toBe('');
  });

  it('names a bad explore section by file and line', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, readFileSync(FIXTURE, 'utf8').replace('within: 2m}', 'within: 2m, bogus: 1}'));
    const t = io(dir);
    expect(await main(['explore', bad], t)).toBe(1);
    expect(t.err.join('')).toMatch(/^error: .*bad\.yaml:\d+: unknown field "spec\.explore\.property\.everyReadyNodeRunsPod\.bogus"\n$/);
    const none = io(dir);
    expect(await main(['explore', SMALL], none)).toBe(1);
    expect(none.err.join('')).toMatch(/neither spec\.explore nor a dsim\.dev\/explore-property annotation/);
  });
});

describe('concretize', () => {
  const target = loadExploreTarget(FIXTURE);
  const step = (second: number, kind: AbstractStep['kind'], pick = 0, variant = 0, pool = 0): AbstractStep => ({ second, kind, pool, pick, variant });

  it('names nodes by following the cluster the earlier steps made, and drops steps that cannot apply', () => {
    const steps = concretize(
      [step(30, 'recoverNodes'), step(10, 'addNodes'), step(20, 'removeNodes', 2), step(40, 'failNodes', 1, 1), step(50, 'recoverNodes'), step(60, 'updateDaemonSet')],
      target.explore,
      target.base.nodePools,
    );
    expect(steps).toEqual([
      { at: 10_000, kind: 'addNodes', pool: 'gpu', node: 'gpu-0003' },
      { at: 20_000, kind: 'removeNodes', node: 'gpu-0003' },
      { at: 40_000, kind: 'failNodes', node: 'gpu-0002', mode: 'Unreachable' },
      { at: 50_000, kind: 'recoverNodes', node: 'gpu-0002' },
      { at: 60_000, kind: 'updateDaemonSet', daemonSet: 'kube-system/node-agent', revision: 1 },
    ]);
  });

  it('makes timelines the scenario format accepts', () => {
    const kinds = ['addNodes', 'removeNodes', 'failNodes', 'recoverNodes', 'taint', 'untaint', 'label', 'unlabel', 'cordon', 'uncordon', 'updateDaemonSet'] as const;
    const steps = concretize(kinds.map((k, i) => step(i + 1, k)), target.explore, target.base.nodePools);
    expect(steps.map((s) => s.kind)).toEqual(kinds);
    const file = join(dir, 'all.yaml');
    writeFileSync(file, counterexampleText(target, { steps, result: runScenario(target.base), violation: { at: 60_000, message: 'test' } }, file));
    const s = parseScenario(readFileSync(file, 'utf8'), file);
    expect(s.timeline.map((x) => x.action.kind)).toEqual(kinds);
    expect(runScenario(s).failures).toEqual([]);
  });
});

describe('checkProperty', () => {
  const rollout = (extra: string) =>
    compileScenario(
      {
        apiVersion: 'dsim.dev/v1alpha1',
        kind: 'Scenario',
        metadata: { name: 'p' },
        spec: {
          duration: '10m',
          nodePools: [{ name: 'n', count: 4 }],
          manifests: [
            {
              apiVersion: 'apps/v1',
              kind: 'DaemonSet',
              metadata: { name: 'a', namespace: 'default' },
              spec: {
                selector: { matchLabels: { app: 'a' } },
                updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
                template: { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'a', image: 'a:1' }] } },
              },
            },
          ],
          timeline: [
            { at: '2m', updateDaemonSet: { name: 'a', image: 'a:2' } },
            ...(extra === 'fail' ? [{ at: '2m', failNodes: { names: ['n-0001', 'n-0002'] } }] : []),
            ...(extra === 'add' ? [{ at: '2m5s', addNodes: { pool: 'n', count: 3 } }] : []),
          ],
        },
      },
      { source: 'p.yaml' },
    );

  it('UnavailableWithinBudget: holds for a plain rolling update, fails when nodes join during it', () => {
    const plain = runScenario(rollout(''));
    expect(checkProperty({ kind: 'UnavailableWithinBudget', daemonSet: 'default/a' }, plain.events, plain.endedAt)).toBeUndefined();
    // New nodes count as desired before their pods are up, on top of the pod being replaced.
    const failing = runScenario(rollout('add'));
    const v = checkProperty({ kind: 'UnavailableWithinBudget', daemonSet: 'a' }, failing.events, failing.endedAt);
    expect(v?.message).toMatch(/^2 of [5-7] default\/a pods were unavailable during a rollout, over the budget of 1$/);
    expect(v!.at).toBeGreaterThanOrEqual(120_000);
    expect(checkProperty({ kind: 'UnavailableWithinBudget', daemonSet: 'a', maxUnavailable: '100%' }, failing.events, failing.endedAt)).toBeUndefined();
  });

  it('EveryReadyNodeRunsPod: costs a few folds of the log, however many nodes (it looks again only at the nodes an instant touches)', () => {
    const r = agentRollout(1200);
    const best = (fn: () => void) => {
      let ms = Infinity;
      for (let k = 0; k < 3; k++) {
        const started = performance.now();
        fn();
        ms = Math.min(ms, performance.now() - started);
      }
      return ms;
    };
    // What the check cannot do without: fold the log an instant at a time.
    const model = createModel({ autoFreeze: false });
    const fold = best(() => {
      let state = initialState();
      for (let i = 0; i < r.events.length; ) {
        let j = i;
        while (j < r.events.length && r.events[j]!.metadata.at === r.events[i]!.metadata.at) j++;
        state = model.fold(state, r.events.slice(i, j));
        i = j;
      }
    });
    const check = best(() => expect(checkProperty({ kind: 'EveryReadyNodeRunsPod', daemonSet: 'default/a', within: 3_600_000, eligible: 'selector' }, r.events, r.endedAt)).toBeUndefined());
    // Judging every node at every instant took some 60 folds' time here (and on 20,000 nodes, explore ran for more than a quarter of an hour).
    expect(check / fold).toBeLessThan(6);
  });

  it('RolloutFinishes: the deadline runs from the template change', () => {
    const r = runScenario(rollout(''));
    expect(checkProperty({ kind: 'RolloutFinishes', daemonSet: 'a', within: 5 * 60_000 }, r.events, r.endedAt)).toBeUndefined();
    const v = checkProperty({ kind: 'RolloutFinishes', daemonSet: 'a', within: 5_000 }, r.events, r.endedAt);
    expect(v?.at).toBe(5_000);
    expect(v?.message).toMatch(/^the rollout of default\/a that started at 0s had not finished 5s later/);
    // Nodes failing as the rollout starts leave their old pods terminating forever, and the rollout stuck (as in Kubernetes).
    const stuck = runScenario(rollout('fail'));
    const w = checkProperty({ kind: 'RolloutFinishes', daemonSet: 'a', within: 4 * 60_000 }, stuck.events, stuck.endedAt);
    expect(w?.at).toBe(6 * 60_000);
  });
});

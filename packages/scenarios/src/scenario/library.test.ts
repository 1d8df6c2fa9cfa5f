// The scenario library (examples/scenarios): every scenario passes its expectations with the invariant checked after
// every event, gives the same log for the same seed, and a copy with a wrong expectation fails clearly.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serializeEvents } from '../logfile.ts';
import { formatGoDuration } from '../print/duration.ts';
import { loadScenario, parseScenario } from './format.ts';
import { runScenario } from './runner.ts';
import type { RunResult } from './types.ts';

const LIBRARY = resolve(import.meta.dirname, '../../../../examples/scenarios');
const FILES = readdirSync(LIBRARY).filter((f) => f.endsWith('.yaml')).sort();

/** Runs bigger than this are checked for determinism on their first half only, to keep the suite quick. */
const FULL_REPLAY_EVENTS = 20_000;

const timings: string[] = [];
afterAll(() => {
  // The figures the issue asks for (wall time per scenario on this machine), printed with the test output.
  console.log(`scenario library wall times:\n${timings.join('\n')}`);
});

describe('the scenario library', () => {
  it('holds the scenarios the issue asks for, each documented at its top with the schema modeline', () => {
    expect(FILES).toEqual(
      expect.arrayContaining([
        'daemonsets-lab.yaml',
        'rolling-update-5000.yaml',
        'rolling-update-5000-surge.yaml',
        'spot-reclaim-during-rollout.yaml',
        'zone-outage.yaml',
        'maintenance-wave.yaml',
        'cni-scale-out-default.yaml',
        'cni-scale-out-tuned.yaml',
        'node-readded-same-name.yaml',
      ]),
    );
    for (const f of FILES) {
      const text = readFileSync(join(LIBRARY, f), 'utf8');
      expect(text.startsWith('# yaml-language-server: $schema=../../packages/scenarios/schema/scenario.schema.json\n'), f).toBe(true);
      expect(text, f).toMatch(/Kubernetes behaviour shown:/);
      expect(text, f).toMatch(/Expected outcome:/);
    }
  });

  for (const f of FILES) {
    it(`${f} passes its expectations, with the invariant checked after every event, and replays the same`, () => {
      const scenario = loadScenario(join(LIBRARY, f), { source: f });
      const started = performance.now();
      const result = runScenario(scenario, { check: true });
      const wall = performance.now() - started;
      timings.push(`  ${f.padEnd(36)} ${(wall / 1000).toFixed(1).padStart(5)} s  ${String(result.events.length).padStart(7)} events  to ${formatGoDuration(result.endedAt)}`);
      expect(result.violation?.message).toBeUndefined();
      expect(result.failures).toEqual([]);
      expect(result.expectations?.filter((o) => o.status !== 'passed')).toEqual([]);
      expect(result.expectations?.length).toBeGreaterThan(0);
      expect(wall).toBeLessThan(60_000);

      // Same seed, same log: the whole run when small, else up to half-way (a run cut short logs the same prefix).
      if (result.events.length <= FULL_REPLAY_EVENTS) {
        expect(serializeEvents(runScenario(scenario, { check: true }).events)).toBe(serializeEvents(result.events));
      } else {
        const half = Math.floor(result.endedAt / 2);
        const prefix = runScenario(scenario, { until: half }).events.filter((e) => e.type !== 'TimeAdvanced');
        expect(serializeEvents(prefix)).toBe(serializeEvents(result.events.filter((e) => e.metadata.at <= half && e.type !== 'TimeAdvanced')));
      }
    });
  }

  it('a copy of the lab with a deliberately wrong expectation fails, saying which, when and what was found', () => {
    const text = readFileSync(join(LIBRARY, 'daemonsets-lab.yaml'), 'utf8');
    const wrong = text.replace('  - daemonSet: kube-system/kube-proxy\n    desired: 1\n    available: 1\n', '  - daemonSet: kube-system/kube-proxy\n    desired: 1\n    available: 2\n');
    expect(wrong).not.toBe(text);
    const result: RunResult = runScenario(parseScenario(wrong, 'lab-wrong.yaml', { baseDir: LIBRARY }));
    expect(result.failures).toEqual([
      {
        at: result.endedAt,
        expectation: 'daemonSet kube-system/kube-proxy desired == 1, available == 2 at the end',
        message: 'found available 1',
        where: `lab-wrong.yaml:${wrong.split('\n').indexOf('  - daemonSet: kube-system/kube-proxy') + 1}`,
      },
    ]);
  });
});

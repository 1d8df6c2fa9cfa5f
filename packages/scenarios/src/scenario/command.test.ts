// `dsim run`: in-process through main() for the details, and end to end through the real command (bin/dsim.mjs).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, dsim, tempDir } from '../../test/dsim.ts';
import { main, type Io } from '../cli.ts';
import { progressBar, SUMMARY_LEGEND } from './command.ts';

const LAB = 'examples/scenarios/daemonsets-lab.yaml';

async function run(argv: string[], options: { tty?: boolean } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    readStdin: () => '',
    env: {},
    cwd: ROOT,
    stderrIsTty: options.tty ?? false,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** A scenario file in a temporary directory; `../lab/` paths point at the repository's lab manifests. */
function scenarioFile(text: string): string {
  const dir = tempDir();
  const path = join(dir, 'scenario.yaml');
  writeFileSync(path, text.replaceAll('../lab/', `${join(ROOT, 'examples/lab')}/`));
  return path;
}

describe('dsim run (in-process)', () => {
  it('prints the checkpoints, the summary and the expectations, and exits 0', async () => {
    const r = await run(['run', LAB]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('scenario daemonsets-lab (seed 1): ran to 4m39s of simulated time, 26 events\n');
    expect(r.stdout).toContain('--- at 4m16s: dsim get DaemonSets --all-namespaces\nNAMESPACE     NAME              DESIRED');
    expect(r.stdout).toMatch(/\nDAEMONSET +DESIRED +CURRENT +READY +UP-TO-DATE +AVAILABLE +LAST ROLLOUT +ALL AVAILABLE SINCE +WORST UNAVAILABLE +CREATED +DELETED\n/);
    expect(r.stdout).toMatch(/\nkube-system\/elasticsearch +1 +1 +1 +1 +1 +[\d.]+s \(create\) /);
    expect(r.stdout.endsWith('expectations: 5 passed, 0 failed\n')).toBe(true);
  });

  it('explains its own columns under the summary, and shows no worst unavailability without a template update', async () => {
    const r = await run(['run', LAB]);
    expect(r.stdout).toMatch(/\nkube-system\/kube-proxy +1 +1 +1 +1 +1 +[\d.]+s \(create\) +[\dms.]+ +- +1 +0\n/);
    expect(r.stdout).toContain(`\n${SUMMARY_LEGEND}\nexpectations: 5 passed, 0 failed\n`);
    for (const column of ['LAST ROLLOUT', 'ALL AVAILABLE SINCE', 'WORST UNAVAILABLE', 'CREATED, DELETED']) expect(SUMMARY_LEGEND).toContain(`  ${column}: `);
  });

  it('prints at each checkpoint exactly what dsim get --at prints on the log it writes', async () => {
    const dir = tempDir();
    const log = join(dir, 'lab.ndjson');
    const r = await run(['run', LAB, '--log', log]);
    expect(r.code).toBe(0);
    expect(existsSync(log)).toBe(true);
    const checkpoint = r.stdout.split('--- at 4m39s: dsim get pods -n kube-system -o wide\n')[1]!.split('\nDAEMONSET')[0]!;
    const get = await run(['get', 'pods', '-n', 'kube-system', '-o', 'wide', '--at', '4m39s', '--log', log]);
    expect(get.stdout).toBe(checkpoint);
    // The log continues with the ordinary commands.
    const advance = await run(['advance', '1m', '--log', log]);
    expect(advance.stderr).toBe('');
    expect(advance.stdout).toBe('time is 5m39s (+1m0s): 1 event recorded\n');
    // A second run does not replace the log the user went on with, nor the scenario itself.
    const saved = readFileSync(log, 'utf8');
    const again = await run(['run', LAB, '--log', log]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^error: --log .*lab\.ndjson already exists; dsim run writes a new file: remove it, choose another name, or give --overwrite\n$/);
    expect(readFileSync(log, 'utf8')).toBe(saved);
    expect((await run(['run', LAB, '--log', LAB])).stderr).toBe(`error: --log ${LAB} is the scenario file itself; nothing was run\n`);
    expect((await run(['run', LAB, '--log', join(dir, 'x'), '--report', join(dir, 'x')])).stderr).toMatch(/^error: --log and --report name the same file /);
    expect((await run(['run', LAB, '--log', dir, '--overwrite'])).stderr).toMatch(/^error: --log .* is a directory; nothing was run\n$/);
    const replaced = await run(['run', LAB, '--log', log, '--overwrite']);
    expect(replaced.code).toBe(0);
    expect(readFileSync(log, 'utf8')).not.toBe(saved);
  });

  it('prints what the lab (dsim demo) prints at the same point', async () => {
    const demo = await run(['demo']);
    const fromDemo = demo.stdout.split('$ dsim get DaemonSets --all-namespaces\n')[1]!.split('\n\n')[0]!;
    const r = await run(['run', LAB]);
    const fromRun = r.stdout.split('--- at 4m16s: dsim get DaemonSets --all-namespaces\n')[1]!.split('\n\n')[0]!;
    expect(fromRun).toBe(fromDemo);
  });

  it('exits 1 naming each failed expectation with its time and place', async () => {
    const text = readFileSync(join(ROOT, LAB), 'utf8').replace('    at: 4m39s\n    desired: 1\n', '    at: 4m39s\n    desired: 3\n');
    const path = scenarioFile(text);
    const r = await run(['run', path]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `error: expectation failed at 4m39s: daemonSet kube-system/elasticsearch desired == 3, current == 1, ready == 1, updated == 1, available == 1 at 4m39s: found desired 1 (${path}:${text.split('\n').indexOf('  - daemonSet: kube-system/elasticsearch') + 1})\n`,
    );
    expect(r.stdout).toContain('expectations: 4 passed, 1 failed\n');
  });

  it('reports a scenario mistake in one located line, relative to the working directory', async () => {
    const r = await run(['run', 'examples/scenarios/../scenarios/daemonsets-lab.yaml', '--until', 'soon']);
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'error: invalid value for --until "soon": expected a duration such as 22s, 4m16s or 2h\n' });
    const path = scenarioFile('apiVersion: dsim.dev/v1alpha1\nkind: Scenario\nmetadata: {name: x}\nspec:\n  nodePools: [{name: w}]\n  timeline:\n  - at: 1m\n    addNodes: {pool: w, count: x}\n');
    const bad = await run(['run', path]);
    expect(bad).toEqual({ code: 1, stdout: '', stderr: `error: ${path}:8: spec.timeline[0].addNodes.count: Invalid value: "x": must be a positive integer\n` });
    expect(await run(['run'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/^error: dsim run needs a scenario file/) });
    expect(await run(['run', 'nope.yaml'])).toEqual({ code: 1, stdout: '', stderr: 'error: the path "nope.yaml" does not exist\n' });
  });

  it('--until stops early (expectations after it are not checked), --seed changes the run', async () => {
    const r = await run(['run', LAB, '--until', '1m']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ran to 1m0s of simulated time');
    // The lab's end (4m39s) is not reached: its end-of-run expectations are not checked either.
    expect(r.stdout).toContain('expectations: 1 passed, 0 failed, 4 not checked\n');
    expect(r.stdout).toContain('  not checked: daemonSet kube-system/elasticsearch');
    const a = await run(['run', LAB, '-o', 'json']);
    const b = await run(['run', LAB, '-o', 'json', '--seed', '2']);
    expect(JSON.parse(b.stdout).seed).toBe(2);
    expect(JSON.parse(b.stdout).summary).not.toEqual(JSON.parse(a.stdout).summary);
  });

  it('-o json gives the summary, series, expectations and failures for machines', async () => {
    const r = await run(['run', LAB, '-o', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['name', 'seed', 'endedAt', 'events', 'summary', 'failures', 'expectations', 'checkpoints', 'config', 'series']);
    expect(out).toMatchObject({ name: 'daemonsets-lab', seed: 1, endedAt: 279_000, events: 26, failures: [] });
    expect(out.summary.map((s: { key: string }) => s.key)).toEqual(['kube-system/elasticsearch', 'kube-system/kube-flannel-ds', 'kube-system/kube-proxy']);
    expect(out.series.t.length).toBe(out.series.nodes.length);
    expect(out.expectations).toHaveLength(5);
    expect((await run(['run', LAB, '-o', 'yaml'])).stderr).toMatch(/^error: unable to match a printer suitable for the output format "yaml", allowed formats are: json/);
  });

  it('--check stops at the first violation and names the event', async () => {
    const path = scenarioFile(`apiVersion: dsim.dev/v1alpha1
kind: Scenario
metadata: {name: surge-switch}
spec:
  nodePools: [{name: w, count: 4}]
  manifests:
  - apiVersion: apps/v1
    kind: DaemonSet
    metadata: {name: cni, namespace: kube-system}
    spec:
      selector: {matchLabels: {app: cni}}
      updateStrategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 4, maxUnavailable: 0}}
      template:
        metadata: {labels: {app: cni}}
        spec: {containers: [{name: cni, image: cni:1}]}
  timeline:
  - at: 1m
    updateDaemonSet: {name: cni, namespace: kube-system, image: cni:2}
  - at: 1m1s
    updateDaemonSet: {name: cni, namespace: kube-system, spec: {updateStrategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 1}}}}
`);
    const r = await run(['run', path, '--check']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: invariant violated by event \d+ DaemonSetApplied at 1m1s: node w-\d+ has 2 pods of daemonset kube-system\/cni \(.*\); without maxSurge it may have one; the run stopped there\n$/);
    expect(r.stdout).toContain('ran to 1m1s of simulated time');
    const unchecked = await run(['run', path]);
    expect(unchecked.code).toBe(0);
  });

  it('--report hands the result to the report module', async () => {
    const dir = tempDir();
    const out = join(dir, 'report.html');
    const r = await run(['run', LAB, '--report', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^<!DOCTYPE html>/i);
  });

  it('shows no progress bar when stderr is not a terminal, nor for a short run on one', async () => {
    expect((await run(['run', LAB])).stderr).toBe('');
    expect((await run(['run', LAB], { tty: true })).stderr).toBe('');
  });

  it('draws a progress bar on a terminal once the run has taken a second, and clears it at the end', () => {
    let err = '';
    let now = 0;
    const io = { stderr: (s: string) => (err += s), stderrIsTty: true };
    const bar = progressBar(io, () => now);
    bar.update!({ now: 60_000, horizon: 600_000, events: 1234 });
    expect(err).toBe('');
    now = 1500;
    bar.update!({ now: 300_000, horizon: 600_000, events: 12_345 });
    expect(err).toBe('\r[###############               ]  50% 5m0s of 10m0s simulated, 12,345 events\x1b[K');
    bar.done();
    expect(err.endsWith('\r\x1b[K')).toBe(true);
    expect(progressBar({ stderr: () => {}, stderrIsTty: false }).update).toBeUndefined();
  });
});

describe('dsim run (end to end, the real command)', () => {
  it('runs a library scenario and exits 0', () => {
    const dir = tempDir();
    const r = dsim(['run', 'examples/scenarios/node-readded-same-name.yaml', '--check', '--log', join(dir, 'run.ndjson')], { log: join(dir, 'unused.ndjson') });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('scenario node-readded-same-name (seed 22545)');
    expect(r.stdout).toContain('expectations: 4 passed, 0 failed\n');
    expect(existsSync(join(dir, 'unused.ndjson'))).toBe(false);
    const get = dsim(['get', 'ds', '-n', 'kube-system', '--log', join(dir, 'run.ndjson')], { log: join(dir, 'unused.ndjson') });
    expect(get.stdout).toMatch(/^NAME +DESIRED.*\ncni +20 +20 +20 +20 +20 /);
  });

  it('exits 1 with a clear message for a wrong expectation', () => {
    const text = readFileSync(join(ROOT, LAB), 'utf8').replace('  - daemonSet: kube-system/kube-flannel-ds\n    desired: 1\n', '  - daemonSet: kube-system/kube-flannel-ds\n    desired: 2\n');
    const path = scenarioFile(text);
    const r = dsim(['run', path], { log: join(tempDir(), 'unused.ndjson') });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `error: expectation failed at 4m39s: daemonSet kube-system/kube-flannel-ds desired == 2, available == 1 at the end: found desired 1 (${path}:${text.split('\n').indexOf('  - daemonSet: kube-system/kube-flannel-ds') + 1})\n`,
    );
  });

  it('is listed by dsim help', () => {
    const r = dsim(['help'], { log: join(tempDir(), 'unused.ndjson') });
    expect(r.stdout).toMatch(/\n {2}run +Run a scenario file/);
  });
});

// `dsim wait` through the real command on the classic lab, as a lab script or a CI check uses
// kubectl wait: for a DaemonSet's pods to be Ready, for them to be deleted after their DaemonSet,
// for a condition that never comes (a DaemonSet has no status conditions). The simulation runs
// only as far as needed, and `get` and `events` see where it stopped. Every line printed was
// compared with kubectl v1.32.4's, run against a small HTTP server of our own serving the same
// objects as the API server would.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAB_STEPS } from '../src/commands/demo.ts';
import { dsim, tempDir } from './dsim.ts';

const NS = ['-n', 'kube-system'];

/** The lab up to the moment its elasticsearch DaemonSet is applied (kube-proxy and flannel running). */
const BEFORE_ELASTICSEARCH = LAB_STEPS.slice(0, LAB_STEPS.findIndex((s) => s.includes('examples/lab/elasticsearch.yaml')));

describe('wait on the lab', () => {
  const dir = tempDir();
  const log = join(dir, 'lab.ndjson');
  for (const step of BEFORE_ELASTICSEARCH) expect(dsim(step, { log }).code).toBe(0);
  const run = (...args: string[]) => dsim(args, { log });
  const ok = (...args: string[]) => {
    const r = run(...args);
    expect([r.code, r.stderr], `dsim ${args.join(' ')}`).toEqual([0, '']);
    return r.stdout;
  };
  /** The facts the log holds, as `dsim events -o json` lists them. */
  const facts = () =>
    ok('events', '-o', 'json')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; data: { to?: number; name?: string }; metadata: { at: number } });

  it('waits in simulated time for the pods of a DaemonSet just applied to be Ready, and no longer', () => {
    ok('apply', '-f', 'examples/lab/elasticsearch.yaml');
    // As with kubectl right after an apply: the controller has made no pod yet, so nothing matches.
    expect(run('wait', '--for=condition=Ready', 'pod', '-l', 'app=elasticsearch', ...NS)).toMatchObject({ code: 1, stdout: '', stderr: 'error: no matching resources found\n' });
    ok('advance', '1s');
    const applied = facts().at(-1)!.metadata.at;
    const pod = ok('get', 'pods', '-l', 'app=elasticsearch', ...NS, '-o', 'name').trim();
    expect(pod).toMatch(/^pod\/elasticsearch-\w{5}$/);
    expect(ok('wait', '--for=condition=Ready', 'pod', '-l', 'app=elasticsearch', ...NS, '--timeout=2m')).toBe(`${pod} condition met\n`);
    // Time went to the moment the pod became Ready, about 10 s after the apply, not to the timeout.
    const all = facts();
    const ready = all.find((f) => f.type === 'PodBecameReady' && f.data.name === pod.split('/')[1])!;
    expect(all.at(-1)).toMatchObject({ type: 'TimeAdvanced', data: { to: ready.metadata.at } });
    expect(ready.metadata.at - applied).toBeGreaterThan(5_000);
    expect(ready.metadata.at - applied).toBeLessThan(20_000);
    expect(ok('get', 'pods', '-l', 'app=elasticsearch', ...NS)).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\nelasticsearch-\w{5} +1\/1 +Running +0 +1\ds\n$/);
    // Met already: time does not move.
    const before = readFileSync(log, 'utf8');
    expect(ok('wait', '--for=condition=Ready', pod, ...NS)).toBe(`${pod} condition met\n`);
    expect(ok('wait', "--for=jsonpath={.status.numberReady}=1", 'ds/elasticsearch', ...NS)).toBe('daemonset.apps/elasticsearch condition met\n');
    expect(readFileSync(log, 'utf8')).toBe(before);
  });

  it('times out on a DaemonSet condition after --timeout of simulated time, as in a cluster: DaemonSets have none', () => {
    const start = facts().at(-1)!.metadata.at;
    expect(run('wait', '--for=condition=Ready', 'ds/elasticsearch', 'ds/kube-proxy', ...NS, '--timeout=45s')).toMatchObject({
      code: 1,
      stdout: '',
      // One deadline for all: the second is reported timed out too (kubectl's expired context).
      stderr: 'timed out waiting for the condition on daemonsets/elasticsearch\ntimed out waiting for the condition on daemonsets/kube-proxy\n',
    });
    expect(facts().at(-1)).toMatchObject({ type: 'TimeAdvanced', data: { to: start + 45_000 } });
    // The lab applied elasticsearch at 4m16s; its pod was Ready at 4m26.24s, where the wait began.
    expect(ok('events', '--type', 'TimeAdvanced').trim().split('\n').at(-1)).toMatch(/ 5m11\.24s +TimeAdvanced +to 5m11\.24s$/);
  });

  it('waits for the pods a cascading delete removes, then finds nothing left to wait for', () => {
    const pod = ok('get', 'pods', '-l', 'app=elasticsearch', ...NS, '-o', 'name').trim();
    expect(ok('delete', 'ds', 'elasticsearch', ...NS)).toBe('daemonset.apps "elasticsearch" deleted\n');
    expect(ok('wait', '--for=delete', 'pod', '-l', 'app=elasticsearch', ...NS, '--timeout=2m')).toBe(`${pod} condition met\n`);
    const all = facts();
    const deleted = all.find((f) => f.type === 'PodDeleted' && f.data.name === pod.split('/')[1])!;
    expect(all.at(-1)).toMatchObject({ type: 'TimeAdvanced', data: { to: deleted.metadata.at } });
    expect(ok('get', 'pods', ...NS, '-o', 'name')).not.toContain('elasticsearch');
    // Gone already: nothing to wait for, no error (kubectl ignores NotFound for --for=delete).
    expect(run('wait', '--for=delete', pod, ...NS)).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('refuses bad input with one kubectl message, leaving the log as it was', () => {
    const before = readFileSync(log, 'utf8');
    for (const [args, stderr] of [
      [['--for=condition=Ready', 'pod', '-l', 'app=none', ...NS], 'error: no matching resources found\n'],
      [['--for=condition=Ready', 'ds/nope', ...NS], 'Error from server (NotFound): daemonsets.apps "nope" not found\n'],
      [['--for=condition=Ready', 'pods/nope'], 'Error from server (NotFound): pods "nope" not found\n'],
      [['--for=Ready', 'node/controlplane'], 'error: unrecognized condition: "Ready"\n'],
      [["--for=jsonpath={.status}=x", 'node/controlplane'], 'error: jsonpath leads to a nested object or list which is not supported\n'],
      [['--for=condition=Ready', 'widgets/x'], 'error: the server doesn\'t have a resource type "widgets"\n'],
      [['--for=delete', 'node/controlplane', '--timeout=soon'], 'Error: invalid argument "soon" for "--timeout" flag: time: invalid duration "soon"\nSee \'dsim wait --help\' for usage.\n'],
    ] as const) {
      expect(run('wait', ...args), args.join(' ')).toMatchObject({ code: 1, stdout: '', stderr });
    }
    expect(readFileSync(log, 'utf8')).toBe(before);
  });
});

// `dsim get -w` on the classic lab: the list, then one row per change as the simulation runs. The
// rows' layout (a column keeps the widest width seen so far; EVENT cells padded to MODIFIED's
// width; the header with the first row printed) is kubectl v1.32's, checked against it watching a
// small HTTP server of our own that sent the same rows as the API server would.
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dsim, tempDir } from './dsim.ts';

describe('dsim get --watch', () => {
  const dir = tempDir();
  const applied = join(dir, 'applied.ndjson');
  let n = 0;
  const fresh = () => {
    const log = join(dir, `log${++n}.ndjson`);
    copyFileSync(applied, log);
    return log;
  };

  beforeAll(() => {
    // The lab's manifests applied, no time passed: every pod still Pending.
    expect(dsim(['apply', '-f', 'examples/lab/'], { log: applied }).code).toBe(0);
  });

  it("follows a DaemonSet's pod from Pending to Ready, columns widening as kubectl's do", () => {
    const log = fresh();
    const r = dsim(['get', 'pods', '-n', 'kube-system', '-l', 'app=elasticsearch', '-w'], { log });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const name = lines[1]!.split(' ')[0]!;
    expect(name).toMatch(/^elasticsearch-[a-z0-9]{5}$/);
    expect(r.stdout).toBe(
      'NAME                  READY   STATUS    RESTARTS   AGE\n' +
        `${name}   0/1     Pending   0          0s\n` +
        `${name}   0/1     ContainerCreating   0          0s\n` +
        `${name}   0/1     Running             0          4s\n` +
        `${name}   1/1     Running             0          6s\n`,
    );
    // The simulation ran until nothing more was due, and the log says how far time went.
    const events = dsim(['events'], { log }).stdout.trim().split('\n');
    expect(events[events.length - 1]).toMatch(/TimeAdvanced\s+to 20\.127s$/);
    expect(dsim(['get', 'pods', '-n', 'kube-system', '--no-headers'], { log }).stdout).toMatch(/^elasticsearch-\S+\s+1\/1\s+Running/);
  });

  it('with --output-watch-events: ADDED for the list, then MODIFIED and DELETED as a rollout replaces the pod', () => {
    const log = fresh();
    dsim(['advance', '30s'], { log });
    expect(dsim(['set', 'image', 'ds/elasticsearch', 'elasticsearch=busybox:1.36', '-n', 'kube-system'], { log }).code).toBe(0);
    const r = dsim(['get', 'pods', '-n', 'kube-system', '-l', 'app=elasticsearch', '-w', '--output-watch-events'], { log });
    const rows = r.stdout.trimEnd().split('\n');
    expect(rows[0]).toBe('EVENT      NAME                  READY   STATUS    RESTARTS   AGE');
    const kinds = rows.slice(1).map((l) => `${l.slice(0, 11)}${l.split(/\s+/)[3]}`);
    expect(kinds).toEqual([
      'ADDED      Running',
      'MODIFIED   Terminating',
      'DELETED    Terminating',
      'ADDED      Pending',
      'MODIFIED   ContainerCreating',
      'MODIFIED   Running',
      'MODIFIED   Running',
    ]);
    // The old pod goes, a new one comes.
    expect(rows[3]!.split(/\s+/)[1]).not.toBe(rows[4]!.split(/\s+/)[1]);
  });

  it('with --watch-only and -A: no list, the header with the first change, NAMESPACE first', () => {
    const log = fresh();
    const r = dsim(['get', 'ds', '-A', '-w', '--watch-only'], { log });
    const rows = r.stdout.trimEnd().split('\n');
    expect(rows[0]).toBe('NAMESPACE     NAME              DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE');
    // The header is the first change's own width; kube-proxy's selector widens its column later.
    expect(rows.slice(1).every((l) => l.startsWith('kube-system   '))).toBe(true);
    // The last row of each DaemonSet: its pod ready.
    for (const ds of ['elasticsearch', 'kube-flannel-ds', 'kube-proxy']) {
      const last = rows.filter((l) => l.split(/\s+/)[1] === ds).pop()!;
      expect(last.split(/\s+/).slice(2, 7)).toEqual(['1', '1', '1', '1', '1']);
    }
  });

  it('prints names with -o name, once per change', () => {
    const log = fresh();
    const r = dsim(['get', 'pods', '-n', 'kube-system', '-l', 'app=elasticsearch', '-w', '-o', 'name'], { log });
    expect(r.stdout.split('\n').filter((l) => l !== '').every((l) => /^pod\/elasticsearch-[a-z0-9]{5}$/.test(l))).toBe(true);
    expect(r.stdout.split('\n').filter((l) => l !== '')).toHaveLength(4);
  });

  it.each([
    [['get', 'nodes', '-w'], 'error: dsim get --watch does not follow nodes: in dsim they change with time alone, not by writes a watch would see; get them with --at TIME instead\n'],
    [['get', 'pods,ds', '-w'], 'error: watch is only supported on individual resources and resource collections, but a list of resources is found\n'],
    [['get', 'pods', '-w', '-o', 'json'], 'error: dsim get --watch prints tables (-o wide too) and names (-o name); -o json is not supported with --watch\n'],
  ])('refuses %j and leaves the log alone', (args, stderr) => {
    const log = fresh();
    expect(dsim(args, { log })).toMatchObject({ code: 1, stdout: '', stderr });
    expect(readFileSync(log, 'utf8')).toBe(readFileSync(applied, 'utf8'));
  });
});

// `dsim label` on the kinds beyond nodes and pods, through the real command on the classic lab: a
// DaemonSet (its own labels select nothing, so no new generation and no rollout), a namespace, a
// ConfigMap; several objects with one missing (the others changed, the NotFound reported at the
// end, exit 1); dry runs and --local change nothing. Expected texts are kubectl v1.32's (its
// --local output was compared byte for byte).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAB_STEPS } from '../src/commands/demo.ts';
import { dsim, tempDir } from './dsim.ts';

const NS = ['-n', 'kube-system'];

describe('label on the lab', () => {
  const dir = tempDir();
  const log = join(dir, 'lab.ndjson');
  for (const step of LAB_STEPS) expect(dsim(step, { log }).code).toBe(0);
  const run = (...args: string[]) => {
    const r = dsim(args, { log });
    expect(r.stderr, `dsim ${args.join(' ')}`).toBe('');
    expect(r.code, `dsim ${args.join(' ')}`).toBe(0);
    return r.stdout;
  };
  /** The types of the facts a command adds to the log. */
  const factsOf = (...args: string[]) => {
    const before = readFileSync(log, 'utf8');
    const r = dsim(args, { log });
    const added = readFileSync(log, 'utf8').slice(before.length).trim();
    return { ...r, facts: added === '' ? [] : added.split('\n').map((l) => (JSON.parse(l) as { type: string }).type) };
  };

  it("labels a DaemonSet with one DaemonSetApplied fact: no new generation, no rollout, its pods kept", () => {
    const pods = run('get', 'pods', ...NS, '-l', 'app=elasticsearch', '-o', 'name');
    const r = factsOf('label', 'ds', 'elasticsearch', ...NS, 'team=search');
    expect([r.code, r.stdout, r.stderr, r.facts]).toEqual([0, 'daemonset.apps/elasticsearch labeled\n', '', ['DaemonSetApplied']]);
    run('advance', '1m');
    expect(run('get', 'ds', 'elasticsearch', ...NS, '-o', 'jsonpath={.metadata.generation} {.status.observedGeneration} {.metadata.labels}')).toBe('1 1 {"team":"search"}');
    expect(run('get', 'pods', ...NS, '-l', 'app=elasticsearch', '-o', 'name')).toBe(pods);
    expect(run('rollout', 'history', 'ds/elasticsearch', ...NS)).toBe('daemonset.apps/elasticsearch \nREVISION  CHANGE-CAUSE\n1         <none>\n\n');
    expect(run('label', 'ds/elasticsearch', ...NS, '--list')).toBe('team=search\n');
    // The same value again changes nothing (kubectl v1.32 needs no --overwrite for it); another is refused.
    expect(factsOf('label', 'ds', 'elasticsearch', ...NS, 'team=search')).toMatchObject({ code: 0, stdout: 'daemonset.apps/elasticsearch not labeled\n', facts: [] });
    expect(factsOf('label', 'ds', 'elasticsearch', ...NS, 'team=logs')).toMatchObject({
      code: 1,
      stderr: "error: 'team' already has a value (search), and --overwrite is false\n",
      facts: [],
    });
    // Removing the only label: the object is shorter, so `unlabeled`.
    expect(run('label', 'ds', 'elasticsearch', ...NS, 'team-')).toBe('daemonset.apps/elasticsearch unlabeled\n');
    expect(run('get', 'ds', 'elasticsearch', ...NS, '-o', 'jsonpath={.metadata.labels}')).toBe('');
  });

  it('labels a namespace, which get -l then selects', () => {
    expect(run('label', 'namespace', 'kube-public', 'env=lab')).toBe('namespace/kube-public labeled\n');
    expect(run('get', 'ns', '-l', 'env=lab', '-o', 'name')).toBe('namespace/kube-public\n');
    expect(run('label', 'ns/kube-public', 'env-', '-o', 'jsonpath={.metadata.labels}')).toBe('{"kubernetes.io/metadata.name":"kube-public"}');
  });

  it('labels a stored ConfigMap; -o json prints the changed object', () => {
    const file = join(dir, 'cm.yaml');
    writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: kube-system\ndata:\n  level: debug\n');
    run('apply', '-f', file);
    const r = factsOf('label', 'cm', 'settings', ...NS, 'tier=config', '-o', 'json');
    expect(r.facts).toEqual(['ObjectApplied']);
    expect(JSON.parse(r.stdout).metadata.labels).toEqual({ tier: 'config' });
    expect(run('get', 'configmaps', ...NS, '-l', 'tier=config', '-o', 'name')).toBe('configmap/settings\n');
    // -f names the object as the file does.
    expect(run('label', '-f', file, 'tier=other', '--overwrite', '-o', 'name')).toBe('configmap/settings\n');
    expect(run('get', 'cm', 'settings', ...NS, '-o', 'jsonpath={.metadata.labels.tier}')).toBe('other');
  });

  it('labels the objects that exist and reports the missing ones at the end, as kubectl aggregates them', () => {
    const one = factsOf('label', 'nodes', 'controlplane', 'nope', 'pool=a');
    expect(one).toMatchObject({ code: 1, stdout: 'node/controlplane labeled\n', stderr: 'Error from server (NotFound): nodes "nope" not found\n', facts: ['NodeUpdated'] });
    expect(run('get', 'node', 'controlplane', '-o', 'jsonpath={.metadata.labels.pool}')).toBe('a');
    // Several failures: one a line, no `error: ` prefix (kubectl's checkErr of an aggregate).
    const two = factsOf('label', 'nodes', 'nope', 'controlplane', 'gone', 'pool=b');
    expect(two).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'Error from server (NotFound): nodes "nope" not found\n\'pool\' already has a value (a), and --overwrite is false\nError from server (NotFound): nodes "gone" not found\n',
      facts: [],
    });
    // --all with names ignores --all, as kubectl's builder does.
    expect(dsim(['label', 'nodes', 'nope', '--all', 'pool=c'], { log }).stderr).toBe('Error from server (NotFound): nodes "nope" not found\n');
  });

  it('dry runs, --list and refused input change nothing', () => {
    const before = readFileSync(log, 'utf8');
    expect(run('label', 'pods', ...NS, '-l', 'app=elasticsearch', 'x=1', '--dry-run=server', '-o', 'name')).toMatch(/^pod\/elasticsearch-\w+\n$/);
    expect(run('label', 'node', 'controlplane', 'x=1', '--dry-run=client')).toBe('node/controlplane labeled (dry run)\n');
    expect(run('label', 'node', 'controlplane', 'x=1', '--list')).toContain('\nx=1\n');
    const refused: [string[], string][] = [
      [['label', 'nodes', '--all', '-l', 'a=b', 'x=1'], 'error: cannot set --all and --selector at the same time\n'],
      [['label', 'nodes', 'controlplane', 'x=1', '--list', '-o', 'name'], 'error: --list and --output may not be specified together\n'],
      [['label', 'nodes', 'controlplane'], 'error: at least one label update is required\n'],
      [['label', 'nodes', 'controlplane', 'x=1', '--resource-version=7'], 'error: dsim keeps no resource versions (its objects show none), so --resource-version cannot be checked: leave it out\n'],
      [['label', 'nodes', 'x=1', '--local'], 'error: can only use local files by -f pod.yaml or --filename=pod.json when --local=true is set\n'],
    ];
    for (const [args, stderr] of refused) expect(dsim(args, { log }), args.join(' ')).toMatchObject({ code: 1, stderr });
    // dsim keeps a ControllerRevision's labels as the controller made them.
    const revision = run('get', 'controllerrevisions', ...NS, '-l', 'app=elasticsearch', '-o', 'jsonpath={.items[0].metadata.name}');
    expect(dsim(['label', 'controllerrevision', revision, ...NS, 'x=1'], { log })).toMatchObject({
      code: 1,
      stderr: `error: dsim keeps the labels of the ControllerRevision "${revision}" as its DaemonSet's controller made them, and cannot change them\n`,
    });
    expect(readFileSync(log, 'utf8')).toBe(before);
  });

  it('--local prints what kubectl label --local prints for the file, no `---` between objects', () => {
    const file = join(dir, 'two.yaml');
    writeFileSync(
      file,
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p1\n  labels:\n    a: b\n---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ds1\n  namespace: kube-system\nspec:\n  selector:\n    matchLabels: {app: x}\n  template:\n    metadata:\n      labels: {app: x}\n    spec:\n      containers: [{name: x, image: nginx}]\n',
    );
    // kubectl v1.32: the pod lost its only label (shorter: unlabeled); the DaemonSet had none and
    // gained an empty set (longer: labeled).
    expect(dsim(['label', '--local', '-f', file, 'a-'], { log })).toMatchObject({ code: 0, stdout: 'pod/p1 unlabeled\ndaemonset.apps/ds1 labeled\n' });
    expect(dsim(['label', '--local', '-f', file, 'a=c', 'e=f'], { log })).toMatchObject({
      code: 1,
      stdout: 'daemonset.apps/ds1 labeled\n',
      stderr: "error: 'a' already has a value (b), and --overwrite is false\n",
    });
    expect(dsim(['label', '--local', '-f', file, 'e=f', '-o', 'yaml'], { log }).stdout).toBe(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n    a: b\n    e: f\n  name: p1\n' +
        'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  labels:\n    e: f\n  name: ds1\n  namespace: kube-system\nspec:\n  selector:\n    matchLabels:\n      app: x\n  template:\n    metadata:\n      labels:\n        app: x\n    spec:\n      containers:\n      - image: nginx\n        name: x\n',
    );
    expect(dsim(['label', '--local', '-f', file, 'e=f', '--resource-version=3', '-o', 'jsonpath={.metadata.resourceVersion} '], { log }).stdout).toBe('3 3 ');
  });
});

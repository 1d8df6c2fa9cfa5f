// kubectl's create generators through the real command: the DaemonSets lab's step that writes the
// DaemonSet's manifest from `create deployment … --dry-run=client -o yaml`, a ServiceAccount made
// with `create sa` that lets a DaemonSet's pods be created, and refused input that leaves the log
// as it was. The generated objects themselves are checked against kubectl in
// src/commands/createGenerators.test.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAB_STEPS } from '../src/commands/demo.ts';
import { dsim, tempDir } from './dsim.ts';

const NS = ['-n', 'kube-system'];
/** The lab's cluster with kube-proxy and flannel running, before its elasticsearch DaemonSet. */
const BEFORE_ELASTICSEARCH = LAB_STEPS.slice(0, LAB_STEPS.findIndex((s) => s.includes('examples/lab/elasticsearch.yaml')));

function lab(): { dir: string; log: string; run: (...args: string[]) => string } {
  const dir = tempDir();
  const log = join(dir, 'lab.ndjson');
  for (const step of BEFORE_ELASTICSEARCH) expect(dsim(step, { log }).code).toBe(0);
  const run = (...args: string[]) => {
    const r = dsim(args, { log });
    expect(r.stderr, `dsim ${args.join(' ')}`).toBe('');
    expect(r.code, `dsim ${args.join(' ')}`).toBe(0);
    return r.stdout;
  };
  return { dir, log, run };
}

/**
 * What the lab has learners do to the Deployment's manifest by hand: kind DaemonSet, and no
 * replicas, strategy or status (a DaemonSet has none of them).
 */
function deploymentToDaemonSet(yaml: string): string {
  return yaml
    .replace(/^kind: Deployment$/m, 'kind: DaemonSet')
    .split('\n')
    .filter((l) => !/^ {2}replicas: |^ {2}strategy: |^status: /.test(l))
    .join('\n');
}

describe('create deployment --dry-run=client -o yaml, as the DaemonSets lab uses it', () => {
  it('gives a manifest that, edited into a DaemonSet, runs a pod on the node', () => {
    const { dir, log, run } = lab();
    const before = readFileSync(log, 'utf8');
    const manifest = run('create', 'deployment', 'elasticsearch', '--image=registry.k8s.io/fluentd-elasticsearch:1.20', ...NS, '--dry-run=client', '-o', 'yaml');
    expect(readFileSync(log, 'utf8')).toBe(before);
    const file = join(dir, 'fluentd.yaml');
    writeFileSync(file, deploymentToDaemonSet(manifest));
    expect(readFileSync(file, 'utf8')).toBe(
      [
        'apiVersion: apps/v1',
        'kind: DaemonSet',
        'metadata:',
        '  creationTimestamp: null',
        '  labels:',
        '    app: elasticsearch',
        '  name: elasticsearch',
        '  namespace: kube-system',
        'spec:',
        '  selector:',
        '    matchLabels:',
        '      app: elasticsearch',
        '  template:',
        '    metadata:',
        '      creationTimestamp: null',
        '      labels:',
        '        app: elasticsearch',
        '    spec:',
        '      containers:',
        '      - image: registry.k8s.io/fluentd-elasticsearch:1.20',
        '        name: fluentd-elasticsearch',
        '        resources: {}',
        '',
      ].join('\n'),
    );
    expect(run('create', '-f', file)).toBe('daemonset.apps/elasticsearch created\n');
    run('advance', '22s');
    expect(run('get', 'ds', 'elasticsearch', ...NS)).toBe(
      'NAME            DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\nelasticsearch   1         1         1       1            1           <none>          22s\n',
    );
    expect(run('get', 'pods', ...NS, '-l', 'app=elasticsearch', '-o', 'jsonpath={.items[*].status.phase}')).toBe('Running');
  });

  it('without --dry-run stores a Deployment (listed, no controller runs it), printed as kubectl prints it', () => {
    const { log, run } = lab();
    expect(run('create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2', '--port=80')).toBe('deployment.apps/web created\n');
    expect(run('get', 'deployments', '-o', 'jsonpath={.items[*].metadata.name} {.items[*].spec.replicas}')).toBe('web 2');
    const before = readFileSync(log, 'utf8');
    expect(dsim(['create', 'deployment', 'web', '--image=nginx'], { log })).toEqual({ code: 1, stdout: '', stderr: 'error: failed to create deployment: deployments.apps "web" already exists\n' });
    expect(readFileSync(log, 'utf8')).toBe(before);
  });
});

describe('create serviceaccount, for a DaemonSet whose pods name one', () => {
  it("lets the controller create the DaemonSet's pods, refused until the ServiceAccount exists", () => {
    const { dir, log, run } = lab();
    const file = join(dir, 'fluentd.yaml');
    writeFileSync(
      file,
      [
        'apiVersion: apps/v1',
        'kind: DaemonSet',
        'metadata: {name: fluentd, namespace: kube-system}',
        'spec:',
        '  selector: {matchLabels: {app: fluentd}}',
        '  template:',
        '    metadata: {labels: {app: fluentd}}',
        '    spec:',
        '      serviceAccountName: fluentd',
        '      containers: [{name: fluentd, image: fluentd:v1}]',
        '',
      ].join('\n'),
    );
    run('apply', '-f', file);
    run('advance', '30s');
    expect(run('get', 'ds', 'fluentd', ...NS, '-o', 'jsonpath={.status.currentNumberScheduled}')).toBe('0');
    expect(run('get', 'events', ...NS, '--field-selector', 'reason=FailedCreate', '-o', 'name')).not.toBe('');
    expect(run('create', 'sa', 'fluentd', ...NS)).toBe('serviceaccount/fluentd created\n');
    expect(run('get', 'serviceaccounts', 'fluentd', ...NS, '-o', 'name')).toBe('serviceaccount/fluentd\n');
    run('advance', '2m');
    expect(run('get', 'ds', 'fluentd', ...NS, '-o', 'jsonpath={.status.currentNumberScheduled} {.status.numberReady}')).toBe('1 1');
    const before = readFileSync(log, 'utf8');
    expect(dsim(['create', 'serviceaccount', 'fluentd', ...NS], { log })).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: failed to create serviceaccount: serviceaccounts "fluentd" already exists\n',
    });
    expect(readFileSync(log, 'utf8')).toBe(before);
  });
});

describe('refused create generator input', () => {
  it('changes nothing in the log', () => {
    const { dir, log } = lab();
    const before = readFileSync(log, 'utf8');
    const refused: [string[], string][] = [
      [['create', 'deployment', 'web'], '"command failed" err="required flag(s) \\"image\\" not set"\n'],
      [['create', 'deployment', 'web', '--image=nginx', '--port=99999999999'], 'Error: invalid argument "99999999999" for "--port" flag: strconv.ParseInt: parsing "99999999999": value out of range\nSee \'dsim create deployment --help\' for usage.\n'],
      [['create', 'configmap', 'c', '--from-literal=novalue'], 'error: invalid literal source novalue, expected key=value\n'],
      [['create', 'configmap', 'c', `--from-file=${join(dir, 'missing.txt')}`], `error: error reading ${join(dir, 'missing.txt')}: no such file or directory\n`],
      [['create', 'secret', 'tls', 't', `--cert=${join(dir, 'none.crt')}`, '--key=x'], `error: Cannot read file ${join(dir, 'none.crt')}, open ${join(dir, 'none.crt')}: no such file or directory\n`],
      [['create', 'namespace', 'Bad_Name'], expect.stringMatching(/^The Namespace "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": /) as unknown as string],
      [['create', 'sa', 'robot', '-n', 'nowhere'], 'error: failed to create serviceaccount: namespaces "nowhere" not found\n'],
      [['create', 'ns', 'kube-system'], 'Error from server (AlreadyExists): namespaces "kube-system" already exists\n'],
    ];
    for (const [args, stderr] of refused) expect(dsim(args, { log }), args.join(' ')).toEqual({ code: 1, stdout: '', stderr });
    expect(readFileSync(log, 'utf8')).toBe(before);
  });
});

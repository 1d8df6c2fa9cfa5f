import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import cases from '../__fixtures__/createCases.json' with { type: 'json' };
import { main } from '../cli.ts';
import { checkKeyPair, parseGoInt, readAsCsv } from './createGenerators.ts';

const FIXTURES = join(import.meta.dirname, '../__fixtures__/create');
const dir = mkdtempSync(join(tmpdir(), 'dsim-create-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function dsim(args: readonly string[], log = join(dir, 'log.ndjson')): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    readStdin: () => '',
    env: { DSIM_LOG: log, FROM_ENV: 'from-the-environment' },
    cwd: FIXTURES,
  });
  return { code, stdout, stderr };
}

// Each case is kubectl v1.32's own `kubectl create …` output, recorded by scripts/createCases.mjs
// (create_deployment_test.go, create_configmap_test.go, create_secret_test.go and the others
// check the same generators' objects in Go).
describe(`create generators agree with kubectl ${cases.kubectl} byte for byte`, () => {
  it.each(cases.cases.map((c) => [c.what, c] as const))('%s', async (_, c) => {
    expect(await dsim(['create', ...c.args])).toEqual({ code: c.code, stdout: c.stdout, stderr: c.stderr });
  });

  it('writes nothing to the log for any of them', () => {
    expect(() => readFileSync(join(dir, 'log.ndjson'))).toThrow();
  });
});

describe('create generators without --dry-run=client', () => {
  const log = join(dir, 'stored.ndjson');
  it('store the object as create -f stores its manifest, and refuse it when it exists', async () => {
    expect(await dsim(['create', 'deployment', 'web', '--image=nginx', '-n', 'kube-system'], log)).toEqual({ code: 0, stdout: 'deployment.apps/web created\n', stderr: '' });
    expect(await dsim(['create', 'secret', 'generic', 'db', '--from-literal=a=b'], log)).toEqual({ code: 0, stdout: 'secret/db created\n', stderr: '' });
    const before = readFileSync(log, 'utf8');
    expect(await dsim(['create', 'deployment', 'web', '--image=nginx', '-n', 'kube-system'], log)).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: failed to create deployment: deployments.apps "web" already exists\n',
    });
    expect(await dsim(['create', 'deployment', 'web', '--image=nginx', '-n', 'nowhere'], log)).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: failed to create deployment: namespaces "nowhere" not found\n',
    });
    expect(await dsim(['create', 'secret', 'tls', 'db', '--cert=tls.crt', '--key=tls.key'], log)).toEqual({ code: 1, stdout: '', stderr: 'error: failed to create secret secrets "db" already exists\n' });
    expect(await dsim(['create', 'ns', 'kube-system'], log)).toEqual({ code: 1, stdout: '', stderr: 'Error from server (AlreadyExists): namespaces "kube-system" already exists\n' });
    expect(readFileSync(log, 'utf8')).toBe(before);
    // Defaulted as the API server defaults a Deployment: an untagged image is pulled Always.
    const y = await dsim(['get', 'deployment', 'web', '-n', 'kube-system', '-o', 'jsonpath={.spec.strategy.type} {.spec.template.spec.containers[0].imagePullPolicy}'], log);
    expect(y.stdout).toBe('RollingUpdate Always');
  });

  it('give a Service its cluster IP and node ports as create -f does, and wrap the API server\'s Invalid as kubectl does', async () => {
    expect(await dsim(['create', 'svc', 'nodeport', 'web', '--tcp=80:8080', '--node-port=30080'], log)).toEqual({ code: 0, stdout: 'service/web created\n', stderr: '' });
    const got = await dsim(['get', 'svc', 'web', '-o', 'jsonpath={.spec.clusterIP} {.spec.ports[0].nodePort} {.spec.ports[0].targetPort}'], log);
    expect(got.stdout).toMatch(/^10\.\d+\.\d+\.\d+ 30080 8080$/);
    const before = readFileSync(log, 'utf8');
    expect(await dsim(['create', 'svc', 'nodeport', 'other', '--tcp=80', '--node-port=30080'], log)).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: failed to create NodePort service: Service "other" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated\n',
    });
    expect(readFileSync(log, 'utf8')).toBe(before);
  });

  it('create job --from=cronjob/NAME runs a stored CronJob\'s job template by hand, as createJobFromCronJob does', async () => {
    expect(await dsim(['create', 'cronjob', 'nightly', '--image=busybox', '--schedule=@daily', '--', 'date'], log)).toMatchObject({ code: 0, stdout: 'cronjob.batch/nightly created\n' });
    const uid = (await dsim(['get', 'cronjob', 'nightly', '-o', 'jsonpath={.metadata.uid}'], log)).stdout;
    const y = await dsim(['create', 'job', 'manual', '--from=cronjob/nightly', '--dry-run=client', '-o', 'yaml'], log);
    expect(y).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'apiVersion: batch/v1',
        'kind: Job',
        'metadata:',
        '  annotations:',
        '    cronjob.kubernetes.io/instantiate: manual',
        '  creationTimestamp: null',
        '  name: manual',
        '  ownerReferences:',
        '  - apiVersion: batch/v1',
        '    controller: true',
        '    kind: CronJob',
        '    name: nightly',
        `    uid: ${uid}`,
        'spec:',
        '  template:',
        '    metadata:',
        '      creationTimestamp: null',
        '    spec:',
        '      containers:',
        '      - command:',
        '        - date',
        '        image: busybox',
        '        name: nightly',
        '        resources: {}',
        '      restartPolicy: OnFailure',
        'status: {}',
        '',
      ].join('\n'),
    });
    expect(await dsim(['create', 'job', 'manual', '--from=cronjob/none', '--dry-run=client'], log)).toEqual({ code: 1, stdout: '', stderr: 'Error from server (NotFound): cronjobs.batch "none" not found\n' });
    expect(await dsim(['create', 'job', 'manual', '--from=cronjob/nightly', '--', 'date'], log)).toEqual({ code: 1, stdout: '', stderr: 'error: cannot specify --from and command\n' });
  });

  it('--save-config stores the last-applied-configuration kubectl sends, for a later apply', async () => {
    expect(await dsim(['create', 'sa', 'robot', '-n', 'kube-system', '--save-config'], log)).toEqual({ code: 0, stdout: 'serviceaccount/robot created\n', stderr: '' });
    const got = await dsim(['get', 'sa', 'robot', '-n', 'kube-system', '-o', "jsonpath={.metadata.annotations['kubectl\\.kubernetes\\.io/last-applied-configuration']}"], log);
    expect(got).toEqual({ code: 0, stderr: '', stdout: '{"kind":"ServiceAccount","apiVersion":"v1","metadata":{"name":"robot","namespace":"kube-system","creationTimestamp":null}}\n' });
  });

  it('--dry-run=server prints the object as it would be stored and stores nothing', async () => {
    const before = readFileSync(log, 'utf8');
    expect(await dsim(['create', 'sa', 'robot', '--dry-run=server'], log)).toEqual({ code: 0, stdout: 'serviceaccount/robot created (server dry run)\n', stderr: '' });
    const y = await dsim(['create', 'pc', 'high', '--value=10', '--dry-run=server', '-o', 'yaml'], log);
    expect(y.stdout).toMatch(/^apiVersion: scheduling.k8s.io\/v1\nkind: PriorityClass\nmetadata:\n  creationTimestamp: "[^"]+"\n  name: high\n  uid: [-0-9a-f]+\npreemptionPolicy: PreemptLowerPriority\nvalue: 10\n$/);
    expect(await dsim(['create', 'deployment', 'web', '--image=nginx', '-n', 'kube-system', '--dry-run=server'], log)).toMatchObject({ code: 1 });
    expect(readFileSync(log, 'utf8')).toBe(before);
  });

  it('-o yaml prints the object as stored; cluster-scoped kinds ignore -n', async () => {
    const y = await dsim(['create', 'clusterrolebinding', 'view-all', '--clusterrole=view', '--group=devs', '-n', 'kube-system', '-o', 'yaml'], log);
    expect(y.stdout).toMatch(/^apiVersion: rbac.authorization.k8s.io\/v1\nkind: ClusterRoleBinding\nmetadata:\n  creationTimestamp: "[^"]+"\n  name: view-all\n  uid: [-0-9a-f]+\nroleRef:\n/);
    expect(await dsim(['get', 'clusterrolebindings', 'view-all', '-o', 'name'], log)).toMatchObject({ stdout: 'clusterrolebinding.rbac.authorization.k8s.io/view-all\n' });
    expect(await dsim(['create', 'ing', 'web', '--rule=lab.example/*=web:80', '-n', 'kube-system'], log)).toEqual({ code: 0, stdout: 'ingress.networking.k8s.io/web created\n', stderr: '' });
    expect(await dsim(['get', 'ingress', 'web', '-n', 'kube-system', '-o', 'jsonpath={.spec.rules[0].http.paths[0].pathType}'], log)).toMatchObject({ stdout: 'Prefix' });
    expect(await dsim(['create', 'role', 'reader', '--verb=get', '--resource=po', '-n', 'kube-system'], log)).toEqual({ code: 0, stdout: 'role.rbac.authorization.k8s.io/reader created\n', stderr: '' });
    expect(await dsim(['get', 'role', 'reader', '-n', 'kube-system', '-o', 'jsonpath={.rules}'], log)).toMatchObject({ stdout: '[{"apiGroups":[""],"resources":["pods"],"verbs":["get"]}]' });
    expect(await dsim(['create', 'role', 'reader', '--verb=get', '--resource=po', '-n', 'kube-system'], log)).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error from server (AlreadyExists): roles.rbac.authorization.k8s.io "reader" already exists\n',
    });
  });
});

describe("create deployment's container names", () => {
  it('sanitizes an image name with _ or . and adds a suffix drawn from the names, as kubectl adds a random one', async () => {
    const a = await dsim(['create', 'deployment', 'x', '--image=my.reg/a_b.c:1', '--dry-run=client', '-o', 'jsonpath={.spec.template.spec.containers[0].name}']);
    expect(a.stdout).toMatch(/^a-b-c-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const b = await dsim(['create', 'deployment', 'x', '--image=my.reg/a_b.c:1', '--dry-run=client', '-o', 'jsonpath={.spec.template.spec.containers[0].name}']);
    expect(b.stdout).toBe(a.stdout);
  });
});

describe("pflag's typed values", () => {
  it.each([
    ['80', 80],
    ['-1', -1],
    ['+7', 7],
    ['0x1F', 31],
    ['0o17', 15],
    ['017', 15],
    ['0b101', 5],
    ['1_000', 1000],
    ['2147483647', 2147483647],
    ['-2147483648', -2147483648],
    ['2147483648', 'range'],
    ['08', 'syntax'],
    ['1_', 'syntax'],
    ['', 'syntax'],
    ['1.5', 'syntax'],
  ] as const)('ParseInt(%j, 0, 32) is %j', (s, want) => {
    expect(parseGoInt(s)).toBe(want);
  });

  it.each([
    ['a,b', ['a', 'b']],
    ['a,', ['a', '']],
    ['"a,b",c', ['a,b', 'c']],
    ['"a""b"', ['a"b']],
    ['', []],
  ] as const)('readAsCSV(%j)', (s, want) => {
    expect(readAsCsv(s)).toEqual(want);
  });

  it('refuses a bare or stray quote in csv words', () => {
    expect(() => readAsCsv('a"b')).toThrow('parse error on line 1, column 2: bare " in non-quoted-field');
    expect(() => readAsCsv('"a"b')).toThrow('extraneous or missing " in quoted-field');
  });
});

describe("create secret tls's key pair check (Go's tls.X509KeyPair)", () => {
  const cert = readFileSync(join(FIXTURES, 'tls.crt'), 'latin1');
  const key = readFileSync(join(FIXTURES, 'tls.key'), 'latin1');
  it('takes a matching pair, and a key in another encoding', () => {
    expect(() => checkKeyPair(cert, key)).not.toThrow();
  });
  it.each([
    ['a certificate where the key should be', cert, cert, 'tls: found a certificate rather than a key in the PEM for the private key'],
    ['a key that does not parse', cert, '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n', 'tls: failed to parse private key'],
    ['other blocks only', '-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n', key, 'tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [FOO]'],
  ])('refuses %s', (_, c, k, message) => {
    expect(() => checkKeyPair(c, k)).toThrow(message);
  });
});

// End-to-end tests of `dsim apply` as kubectl's client-side apply: the last-applied-configuration
// annotation, and the three-way patch that keeps what others changed and deletes what the
// manifest dropped. The lines and the warning are kubectl v1.32's, as it printed them against a
// small API server of our own (scripts/threeWayCases.mjs); the patches themselves are checked against kubectl
// in src/threeWayMerge.test.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dsim, tempDir } from './dsim.ts';

const NODES = `apiVersion: v1
kind: Node
metadata:
  name: a
  labels: {kubernetes.io/os: linux, disk: ssd}
status:
  conditions: [{type: Ready, status: "True"}]
  allocatable: {cpu: "2", memory: 4Gi, pods: "110"}
---
apiVersion: v1
kind: Node
metadata:
  name: b
  labels: {kubernetes.io/os: linux}
status:
  conditions: [{type: Ready, status: "True"}]
  allocatable: {cpu: "2", memory: 4Gi, pods: "110"}
`;

const DS = (labels: string, image = 'example/agent:1') => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  labels: {${labels}}
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
      - name: agent
        image: ${image}
`;

const LAST = 'kubectl.kubernetes.io/last-applied-configuration';
const MISSING =
  'Warning: resource daemonsets/agent is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by dsim apply. ' +
  'dsim apply should only be used on resources created declaratively by either dsim create --save-config or dsim apply. The missing annotation will be patched automatically.\n';

function setUp(): { dir: string; log: string; file: (name: string, text: string) => string } {
  const dir = tempDir();
  const log = join(dir, 'log.ndjson');
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  expect(dsim(['apply', '-f', file('nodes.yaml', NODES)], { log }).code).toBe(0);
  return { dir, log, file };
}

const get = (log: string, template: string) => dsim(['get', 'ds', 'agent', '-o', `jsonpath=${template}`], { log }).stdout;

describe('apply as kubectl apply', () => {
  it('stores the manifest in the last-applied-configuration annotation, as kubectl encodes it', () => {
    const { log, file } = setUp();
    expect(dsim(['apply', '-f', file('ds.yaml', DS('app: agent'))], { log })).toEqual({ code: 0, stdout: 'daemonset.apps/agent created\n', stderr: '' });
    const yaml = dsim(['get', 'ds', 'agent', '-o', 'yaml'], { log }).stdout;
    expect(yaml).toContain(
      `    ${LAST}: |\n      {"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"annotations":{},"labels":{"app":"agent"},"name":"agent","namespace":"default"},"spec":{"selector":{"matchLabels":{"app":"agent"}},"template":{"metadata":{"labels":{"app":"agent"}},"spec":{"containers":[{"image":"example/agent:1","name":"agent"}]}}}}\n`,
    );
    // describe leaves it out, as kubectl's does.
    expect(dsim(['describe', 'ds', 'agent'], { log }).stdout).not.toContain(LAST);
  });

  it('keeps a nodeSelector patched in since: the same manifest again is unchanged, and nothing is saved', () => {
    const { log, file } = setUp();
    const ds = file('ds.yaml', DS('app: agent'));
    dsim(['apply', '-f', ds], { log });
    dsim(['advance', '1m'], { log });
    expect(dsim(['patch', 'ds', 'agent', '-p', '{"spec":{"template":{"spec":{"nodeSelector":{"disk":"ssd"}}}}}'], { log }).stdout).toBe('daemonset.apps/agent patched\n');
    const before = readFileSync(log, 'utf8');
    expect(dsim(['apply', '-f', ds], { log })).toEqual({ code: 0, stdout: 'daemonset.apps/agent unchanged\n', stderr: '' });
    expect(readFileSync(log, 'utf8')).toBe(before);
    expect(get(log, '{.spec.template.spec.nodeSelector}')).toBe('{"disk":"ssd"}');
    // A change elsewhere in the manifest keeps it too.
    expect(dsim(['apply', '-f', file('ds2.yaml', DS('app: agent', 'example/agent:2'))], { log }).stdout).toBe('daemonset.apps/agent configured\n');
    expect(get(log, '{.spec.template.spec.nodeSelector} {.spec.template.spec.containers[0].image}')).toBe('{"disk":"ssd"} example/agent:2');
  });

  it('deletes a label the manifest no longer has, and keeps one kubectl label added', () => {
    const { log, file } = setUp();
    dsim(['apply', '-f', file('ds.yaml', DS('app: agent, tier: node'))], { log });
    expect(dsim(['label', 'ds', 'agent', 'team=infra'], { log }).code).toBe(0);
    expect(dsim(['apply', '-f', file('ds2.yaml', DS('app: agent'))], { log })).toEqual({ code: 0, stdout: 'daemonset.apps/agent configured\n', stderr: '' });
    expect(get(log, '{.metadata.labels}')).toBe('{"app":"agent","team":"infra"}');
    expect(get(log, `{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}`)).toContain('"labels":{"app":"agent"}');
  });

  it('warns of an object made without apply, patches the annotation in, and deletes nothing', () => {
    const { log, file } = setUp();
    const ds = file('ds.yaml', DS('app: agent, tier: node'));
    expect(dsim(['create', '-f', ds], { log }).stdout).toBe('daemonset.apps/agent created\n');
    expect(get(log, '{.metadata.annotations}')).not.toContain(LAST);
    // Without a last applied configuration there is nothing to delete: the label stays.
    expect(dsim(['apply', '-f', file('ds2.yaml', DS('app: agent'))], { log })).toEqual({ code: 0, stdout: 'daemonset.apps/agent configured\n', stderr: MISSING });
    expect(get(log, '{.metadata.labels}')).toBe('{"app":"agent","tier":"node"}');
    expect(get(log, '{.metadata.annotations}')).toContain(LAST);
    // Now it has one: no warning, and a label dropped from the manifest goes.
    expect(dsim(['apply', '-f', ds], { log })).toEqual({ code: 0, stdout: 'daemonset.apps/agent configured\n', stderr: '' });
    expect(dsim(['apply', '-f', join(log, '..', 'ds2.yaml')], { log }).stdout).toBe('daemonset.apps/agent configured\n');
    expect(get(log, '{.metadata.labels}')).toBe('{"app":"agent"}');
  });

  it('create --save-config stores the annotation, so a later apply does not warn', () => {
    const { log, file } = setUp();
    const ds = file('ds.yaml', DS('app: agent'));
    expect(dsim(['create', '--save-config', '-f', ds], { log }).stdout).toBe('daemonset.apps/agent created\n');
    expect(get(log, '{.metadata.annotations}')).toContain(LAST);
    expect(dsim(['apply', '-f', ds], { log })).toEqual({ code: 0, stdout: 'daemonset.apps/agent unchanged\n', stderr: '' });
  });

  it('--dry-run=client -o yaml prints a new object with the annotation, as kubectl v1.32 printed it', () => {
    const { log, file } = setUp();
    const cm = file('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: agent-config\ndata:\n  level: info\n');
    expect(dsim(['apply', '-f', cm, '--dry-run=client', '-o', 'yaml', '-n', 'kube-system'], { log }).stdout).toBe(
      'apiVersion: v1\ndata:\n  level: info\nkind: ConfigMap\nmetadata:\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: |\n' +
        '      {"apiVersion":"v1","data":{"level":"info"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"agent-config","namespace":"kube-system"}}\n' +
        '  name: agent-config\n  namespace: kube-system\n',
    );
  });

  it('a patch kubectl cannot make (a container without its merge key) is its error, and saves nothing', () => {
    const { log, file } = setUp();
    const ds = file('ds.yaml', DS('app: agent'));
    dsim(['apply', '-f', ds], { log });
    const before = readFileSync(log, 'utf8');
    const r = dsim(['apply', '-f', file('nameless.yaml', DS('app: agent', 'example/agent:2').replace('      - name: agent\n        image:', '      - image:'))], { log });
    expect(r.code).toBe(1);
    // As kubectl v1.32 printed it against a small API server of our own: the three documents between.
    expect(r.stderr).toMatch(
      /^error: error when applying patch:\n\nto:\nResource: "apps\/v1, Resource=daemonsets", GroupVersionKind: "apps\/v1, Kind=DaemonSet"\nName: "agent", Namespace: "default"\nfor: ".*nameless\.yaml": error when patching ".*nameless\.yaml": creating patch with:\noriginal:\n\{.*\}\n\nmodified:\n\{.*\}\n\ncurrent:\n\{.*\}\n\nfor:: map: map\[image:example\/agent:2\] does not contain declared merge key: name\n$/,
    );
    expect(readFileSync(log, 'utf8')).toBe(before);
  });

  it('a refused apply leaves the log as it was, byte for byte', () => {
    const { log, file } = setUp();
    dsim(['apply', '-f', file('ds.yaml', DS('app: agent'))], { log });
    const before = readFileSync(log, 'utf8');
    const r = dsim(['apply', '-f', file('bad.yaml', DS('app: agent', '""'))], { log });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^The DaemonSet "agent" is invalid: spec\.template\.spec\.containers\[0\]\.image: Required value/);
    expect(readFileSync(log, 'utf8')).toBe(before);
  });
});

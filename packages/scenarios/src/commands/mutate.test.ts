// Tests for apply's update path (planOne, shared by apply, patch and edit): what an update of an
// existing object stores, run in-process on a small cluster.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type Io } from '../cli.ts';

const DAEMONSET = (metadata: string) => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: default
${metadata}spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: "agent:1"}]
`;

async function run(dir: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { stdout: (s) => out.push(s), stderr: (s) => err.push(s), readStdin: () => '', env: { DSIM_LOG: join(dir, 'log.ndjson') }, cwd: dir };
  const code = await main(args, io);
  return { code, out: out.join(''), err: err.join('') };
}

/**
 * The registry's update (staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go's
 * Update) stores any change to the object, metadata included; the DaemonSet strategy's
 * PrepareForUpdate (pkg/registry/apps/daemonset/strategy.go) bumps generation only when the spec
 * changes. An update that changes nothing is not written (kubectl apply then says `unchanged`).
 */
describe('apply of a DaemonSet whose metadata alone changes', () => {
  const ref = '  ownerReferences: [{apiVersion: v1, kind: ConfigMap, name: owner, uid: 6d5e2a4c-0000-4000-8000-000000000001}]\n';
  it.each<[string, string, string, string, { finalizers?: string[]; ownerReferences?: unknown[] }]>([
    ['a finalizer added', '', '  finalizers: [example.com/keep]\n', 'configured', { finalizers: ['example.com/keep'] }],
    ['a finalizer removed', '  finalizers: [example.com/keep]\n', '', 'configured', {}],
    ['an owner reference added', '', ref, 'configured', { ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: '6d5e2a4c-0000-4000-8000-000000000001' }] }],
    ['the same finalizers', '  finalizers: [example.com/keep]\n', '  finalizers: [example.com/keep]\n', 'unchanged', { finalizers: ['example.com/keep'] }],
    // []string with omitempty: an empty list is none to apiequality.Semantic, but the manifest
    // changed, so its last-applied-configuration annotation does, and kubectl configures. (dsim
    // stores the empty list as given, where the API server's omitempty would drop it.)
    ['an empty list of finalizers for none', '', '  finalizers: []\n', 'configured', { finalizers: [] }],
  ])('%s', async (_name, before, after, message, want) => {
    const dir = mkdtempSync(join(tmpdir(), 'dsim-mutate-'));
    writeFileSync(join(dir, 'before.yaml'), DAEMONSET(before));
    writeFileSync(join(dir, 'after.yaml'), DAEMONSET(after));
    expect((await run(dir, 'apply', '-f', join(dir, 'before.yaml'))).code).toBe(0);
    const log = readFileSync(join(dir, 'log.ndjson'), 'utf8');
    expect(await run(dir, 'apply', '-f', join(dir, 'after.yaml'))).toEqual({ code: 0, out: `daemonset.apps/agent ${message}\n`, err: '' });
    if (message === 'unchanged') expect(readFileSync(join(dir, 'log.ndjson'), 'utf8')).toBe(log);
    const got = JSON.parse((await run(dir, 'get', 'ds', 'agent', '-o', 'json')).out) as { metadata: { generation: number; finalizers?: string[]; ownerReferences?: unknown[] } };
    expect({ finalizers: got.metadata.finalizers, ownerReferences: got.metadata.ownerReferences }).toEqual({ finalizers: want.finalizers, ownerReferences: want.ownerReferences });
    expect(got.metadata.generation).toBe(1);
    // get -o yaml shows them as stored.
    const yaml = (await run(dir, 'get', 'ds', 'agent', '-o', 'yaml')).out;
    if (want.finalizers !== undefined && want.finalizers.length > 0) expect(yaml).toContain('  finalizers:\n  - example.com/keep\n');
    if (want.ownerReferences !== undefined) expect(yaml).toContain('  ownerReferences:\n  - apiVersion: v1\n    kind: ConfigMap\n    name: owner\n');
  });
});

/**
 * ValidateServiceUpdate (pkg/apis/core/validation/validation.go): a Service's cluster IPs may not
 * change once set. Refused in the API server's words, through apply and patch alike, and nothing saved.
 */
describe('an update of a Service that changes its cluster IP', () => {
  const SERVICE = (extra: string) => `apiVersion: v1
kind: Service
metadata: {name: web, namespace: default}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80}]
${extra}`;
  it.each<[string, (dir: string) => string[], string]>([
    // The manifest has no clusterIPs: the error points at spec, the nearest field it has.
    ['apply of a manifest naming another clusterIP', (dir) => ['apply', '-f', join(dir, 'moved.yaml')], `The Service "web" is invalid: spec.clusterIPs[0]: Invalid value: ["10.96.0.50"]: may not change once set (DIR/moved.yaml:4)\n`],
    ['patch of spec.clusterIP alone (clusterIPs follow it)', () => ['patch', 'svc', 'web', '-p', '{"spec":{"clusterIP":"10.96.0.50"}}'], 'The Service "web" is invalid: spec.clusterIPs[0]: Invalid value: ["10.96.0.50"]: may not change once set\n'],
    [
      'patch of spec.clusterIPs alone',
      () => ['patch', 'svc', 'web', '--type', 'merge', '-p', '{"spec":{"clusterIPs":["10.96.0.50"]}}'],
      'The Service "web" is invalid: \n* spec.clusterIPs[0]: Invalid value: ["10.96.0.50"]: may not change once set\n* spec.clusterIPs: Invalid value: ["10.96.0.50"]: first value must match `clusterIP`\n',
    ],
  ])('%s', async (_name, args, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'dsim-mutate-'));
    writeFileSync(join(dir, 'web.yaml'), SERVICE('  clusterIP: 10.96.0.10\n'));
    writeFileSync(join(dir, 'moved.yaml'), SERVICE('  clusterIP: 10.96.0.50\n'));
    expect((await run(dir, 'apply', '-f', join(dir, 'web.yaml'))).code).toBe(0);
    const log = readFileSync(join(dir, 'log.ndjson'), 'utf8');
    expect(await run(dir, ...args(dir))).toEqual({ code: 1, out: '', err: message.replace('DIR', dir) });
    expect(readFileSync(join(dir, 'log.ndjson'), 'utf8')).toBe(log);
    expect((await run(dir, 'get', 'svc', 'web', '-o', 'jsonpath={.spec.clusterIP} {.spec.clusterIPs}')).out).toBe('10.96.0.10 ["10.96.0.10"]');
  });
});

describe('an update of a DaemonSet being deleted in the foreground', () => {
  it('keeps one foregroundDeletion finalizer, though the patched object it was sent carries it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dsim-mutate-'));
    const node = 'apiVersion: v1\nkind: Node\nmetadata: {name: a, labels: {kubernetes.io/os: linux}}\nstatus:\n  conditions: [{type: Ready, status: "True"}]\n  allocatable: {cpu: "2", memory: 4Gi, pods: "110"}\n';
    writeFileSync(join(dir, 'cluster.yaml'), `${node}---\n${DAEMONSET('')}`);
    expect((await run(dir, 'apply', '-f', join(dir, 'cluster.yaml'))).code).toBe(0);
    expect((await run(dir, 'advance', '30s')).code).toBe(0);
    expect((await run(dir, 'delete', 'ds', 'agent', '--cascade=foreground')).code).toBe(0);
    expect((await run(dir, 'patch', 'ds', 'agent', '-p', '{"metadata":{"labels":{"x":"y"}}}')).out).toBe('daemonset.apps/agent patched\n');
    expect((await run(dir, 'get', 'ds', 'agent', '-o', 'jsonpath={.metadata.finalizers}')).out).toBe('["foregroundDeletion"]');
  });
});

// Tests for `dsim wait`: kubectl's --for parsing and checks (wait.go's conditionFuncFor,
// condition.go's checkCondition, json.go's checkCondition; the messages were compared with kubectl
// v1.32.4's), then the command in-process on a small cluster: what it prints, how far it moves
// simulated time and what it records.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeObject } from '@dsim/core';
import { describe, expect, it } from 'vitest';
import { FlagError } from '../args.ts';
import { main, type Io } from '../cli.ts';
import { UserError } from '../session.ts';
import { conditionMet, equalFold, jsonPathMet, parseWaitFor, splitJsonPathInput, WaitCheckError, waitTimeoutMs } from './wait.ts';

describe('parseWaitFor (conditionFuncFor)', () => {
  it.each<[string, object]>([
    ['delete', { kind: 'delete' }],
    ['DELETE', { kind: 'delete' }],
    ['Create', { kind: 'create' }],
    ['condition=Ready', { kind: 'condition', name: 'Ready', status: 'true' }],
    ['condition=Ready=false', { kind: 'condition', name: 'Ready', status: 'false' }],
    ['condition=Ready=a=b', { kind: 'condition', name: 'Ready', status: 'a=b' }],
    ['condition=', { kind: 'condition', name: '', status: 'true' }],
  ])('--for=%s', (text, expected) => {
    expect(parseWaitFor(text)).toEqual(expected);
  });

  it.each<[string, string, string | undefined]>([
    ['jsonpath={.status.phase}=Running', '{.status.phase}', 'Running'],
    ['jsonpath=.status.phase', '{.status.phase}', undefined],
    ["jsonpath={.status.phase}='Running'", '{.status.phase}', 'Running'],
    ['jsonpath={.status.conditions[?(@.type=="Ready")].status}=True', '{.status.conditions[?(@.type=="Ready")].status}', 'True'],
  ])('--for=%s: a relaxed path and its value', (text, template, value) => {
    const f = parseWaitFor(text);
    expect(f.kind === 'jsonpath' && [f.path.template, f.value]).toEqual([template, value]);
  });

  // kubectl v1.32.4's own output for each (no API server needed: these fail in ToOptions).
  it.each([
    ['', 'error: unrecognized condition: ""'],
    ['foo', 'error: unrecognized condition: "foo"'],
    ['Condition=Ready', 'error: unrecognized condition: "Condition=Ready"'],
    ['jsonpath=', 'error: jsonpath expression cannot be empty'],
    ['jsonpath={.a}=', "error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3"],
    ["jsonpath={.a}=''", "error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3"],
    ['jsonpath={.a}=1=2', "error: jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'"],
    ['jsonpath={.a}{.b}', "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'"],
    ['jsonpath={.a', "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'"],
    ['jsonpath={.a[}', 'error: unterminated array'],
    ['jsonpath={.a[?(@.b==)]}', "error: unrecognized character in action: U+003D '='"],
  ])('refuses --for=%s', (text, message) => {
    expect(() => parseWaitFor(text)).toThrow(new UserError(message));
  });
});

describe('splitJsonPathInput (splitJSONPathInput)', () => {
  it.each<[string, string[]]>([
    // The example of kubectl's doc comment.
    ['a.b.c====d.e.f===g.h.i===', ['a.b.c====d.e.f==', 'g.h.i==', '']],
    ['{.a}=1', ['{.a}', '1']],
    ['{.a[?(@.b=="c")].d}', ['{.a[?(@.b=="c")].d}']],
    ['', ['']],
  ])('%s', (input, parts) => {
    expect(splitJsonPathInput(input)).toEqual(parts);
  });
});

describe('equalFold (strings.EqualFold)', () => {
  it.each<[string, string, boolean]>([
    ['Ready', 'ready', true],
    ['TRUE', 'true', true],
    ['True', 'Tru', false],
    // KELVIN SIGN folds to k; ß never to SS (simple folding maps one code point to one).
    ['\u212a', 'k', true],
    ['ß', 'SS', false],
    ['ß', 'ẞ', true],
  ])('%s ~ %s', (a, b, equal) => {
    expect(equalFold(a, b)).toBe(equal);
  });
});

const pod = (conditions: unknown, extra: object = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, status: { conditions }, ...extra }) as KubeObject;

describe('conditionMet (ConditionalWait.checkCondition)', () => {
  const ready = [{ type: 'PodScheduled', status: 'True' }, { type: 'Ready', status: 'False' }, { type: 'Ready', status: 'True' }];
  it.each<[string, KubeObject, string, string, boolean]>([
    ['the type and status compared case folded', pod([{ type: 'Ready', status: 'True' }]), 'ready', 'true', true],
    ['another status', pod([{ type: 'Ready', status: 'True' }]), 'Ready', 'false', false],
    ['the first condition of the type decides', pod(ready), 'Ready', 'true', false],
    ['no such condition', pod(ready), 'Available', 'true', false],
    ['no conditions (a DaemonSet has none)', { apiVersion: 'apps/v1', kind: 'DaemonSet', status: { numberReady: 1 } } as KubeObject, 'Ready', 'true', false],
    ['a condition that is not an object ends the search', pod(['x', { type: 'Ready', status: 'True' }]), 'Ready', 'true', false],
    ['a condition without a status is passed over', pod([{ type: 'Ready' }, { type: 'Ready', status: 'True' }]), 'Ready', 'true', true],
    // Newer kubectl: a condition observed for an older generation does not count yet.
    ['observed for an older generation', pod([{ type: 'Ready', status: 'True', observedGeneration: 1 }], { metadata: { name: 'p', generation: 2 } }), 'Ready', 'true', false],
    ['the status observed an older generation', pod([{ type: 'Ready', status: 'True' }], { metadata: { name: 'p', generation: 2 }, status: { observedGeneration: 1, conditions: [{ type: 'Ready', status: 'True' }] } }), 'Ready', 'true', false],
    ['observed for the current generation', pod([{ type: 'Ready', status: 'True', observedGeneration: 2 }], { metadata: { name: 'p', generation: 2 } }), 'Ready', 'true', true],
  ])('%s', (_name, object, name, status, met) => {
    expect(conditionMet(object, name, status)).toBe(met);
  });
});

describe('jsonPathMet (JSONPathWait.checkCondition)', () => {
  const ds = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'd', labels: { a: 'x' } }, status: { numberReady: 3, conditions: [{ type: 'A' }, { type: 'B' }] } } as unknown as KubeObject;
  const path = (text: string) => {
    const f = parseWaitFor(`jsonpath=${text}`);
    if (f.kind !== 'jsonpath') throw new Error('not a jsonpath');
    return f.path;
  };
  it.each<[string, string | undefined, boolean]>([
    ['{.status.numberReady}', '3', true],
    ['{.status.numberReady}', ' 3 ', true],
    ['{.status.numberReady}', '2', false],
    ['{.status.numberReady}', undefined, true],
    ['{.status.missing}', undefined, false],
    ['{.status.missing}', '3', false],
    ['{.status.conditions[?(@.type=="B")].type}', 'B', true],
    // Any value will do, a map too, when none is given.
    ['{.metadata.labels}', undefined, true],
  ])('%s = %s', (text, value, met) => {
    expect(jsonPathMet(ds, path(text), value)).toBe(met);
  });

  it.each([
    ['{.status.conditions[*].type}', undefined, 'given jsonpath expression matches more than one value'],
    ['{.metadata.labels}', 'x', 'jsonpath leads to a nested object or list which is not supported'],
    ['{.status.conditions}', 'x', 'jsonpath leads to a nested object or list which is not supported'],
  ])('%s = %s: an error', (text, value, message) => {
    expect(() => jsonPathMet(ds, path(text), value)).toThrow(new WaitCheckError(message));
  });
});

describe('waitTimeoutMs (--timeout)', () => {
  it.each<[string | undefined, number]>([
    [undefined, 30_000],
    ['0', 0],
    ['2m', 120_000],
    ['1.5s', 1_500],
    // A fraction of a ms is still a wait, not "look once".
    ['1us', 1],
    // Negative: a week.
    ['-1s', 168 * 3600_000],
  ])('%s', (text, ms) => {
    expect(waitTimeoutMs(text)).toBe(ms);
  });

  it.each([
    ['1', 'invalid argument "1" for "--timeout" flag: time: missing unit in duration "1"'],
    ['x', 'invalid argument "x" for "--timeout" flag: time: invalid duration "x"'],
  ])('refuses %s as pflag does', (text, reason) => {
    expect(() => waitTimeoutMs(text)).toThrow(new FlagError(reason, 'wait'));
  });
});

// ---- the command, in-process ------------------------------------------------------------------

const CLUSTER = `apiVersion: v1
kind: Node
metadata: {name: n1, labels: {kubernetes.io/hostname: n1}}
status: {conditions: [{type: Ready, status: "True"}]}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: kube-system}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      tolerations: [{operator: Exists}]
      containers: [{name: agent, image: "agent:1"}]
`;

interface Fact {
  readonly type: string;
  readonly data: { readonly to?: number };
  readonly metadata: { readonly at: number };
}

/** A cluster whose agent pod is made but not yet Ready (1 s after the DaemonSet). */
async function cluster() {
  const dir = mkdtempSync(join(tmpdir(), 'dsim-wait-'));
  const log = join(dir, 'log.ndjson');
  const run = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: Io = { stdout: (s) => out.push(s), stderr: (s) => err.push(s), readStdin: () => '', env: { DSIM_LOG: log }, cwd: dir };
    const code = await main(args, io);
    return { code, out: out.join(''), err: err.join('') };
  };
  const facts = (): Fact[] =>
    readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Fact);
  writeFileSync(join(dir, 'cluster.yaml'), CLUSTER);
  expect((await run('apply', '-f', join(dir, 'cluster.yaml'))).code).toBe(0);
  expect((await run('advance', '1s')).code).toBe(0);
  const pod = (await run('get', 'pods', '-n', 'kube-system', '-o', 'name')).out.trim().split('/')[1]!;
  return { run, facts, pod };
}

const NS = ['-n', 'kube-system'];

describe('dsim wait', () => {
  it('runs the simulation until the pod is Ready and no further, recording how far as advance does; then time stays', async () => {
    const c = await cluster();
    expect(c.facts().some((f) => f.type === 'PodBecameReady')).toBe(false);
    expect(await c.run('wait', '--for=condition=Ready', 'pod', '-l', 'app=agent', ...NS)).toEqual({ code: 0, out: `pod/${c.pod} condition met\n`, err: '' });
    const facts = c.facts();
    const ready = facts.find((f) => f.type === 'PodBecameReady')!;
    expect(facts.at(-1)).toMatchObject({ type: 'TimeAdvanced', data: { to: ready.metadata.at }, metadata: { at: ready.metadata.at } });
    // Met already: nothing more runs and nothing is recorded.
    const before = facts.length;
    expect(await c.run('wait', '--for=condition=Ready', `pod/${c.pod}`, ...NS)).toEqual({ code: 0, out: `pod/${c.pod} condition met\n`, err: '' });
    expect(c.facts().length).toBe(before);
  });

  it('times out after --timeout of simulated time: the clock moves to the deadline, with everything due before it', async () => {
    const c = await cluster();
    const start = c.facts().at(-1)!.metadata.at;
    // A DaemonSet has no status conditions: a wait for one always times out, as in a cluster.
    expect(await c.run('wait', '--for=condition=Ready', 'ds/agent', ...NS, '--timeout=1m')).toEqual({
      code: 1,
      out: '',
      err: 'error: timed out waiting for the condition on daemonsets/agent\n',
    });
    const facts = c.facts();
    expect(facts.at(-1)).toMatchObject({ type: 'TimeAdvanced', data: { to: start + 60_000 } });
    expect(facts.some((f) => f.type === 'PodBecameReady')).toBe(true);
    // kubectl's deadline is one for all: the objects after the first to time out do too, unlooked,
    // each error on its own line; the jsonpath wait for the same DaemonSet would have been met.
    expect(await c.run('wait', '--for=condition=Ready', 'ds/agent', `pod/${c.pod}`, ...NS, '--timeout=1s')).toEqual({
      code: 1,
      out: '',
      err: `timed out waiting for the condition on daemonsets/agent\ntimed out waiting for the condition on pods/${c.pod}\n`,
    });
    expect(await c.run('wait', '--for=jsonpath={.status.numberReady}=1', 'ds/agent', ...NS)).toEqual({ code: 0, out: 'daemonset.apps/agent condition met\n', err: '' });
  });

  it('--timeout=0 looks once', async () => {
    const c = await cluster();
    const before = c.facts().length;
    expect(await c.run('wait', '--for=condition=Ready', `pod/${c.pod}`, ...NS, '--timeout=0')).toEqual({ code: 1, out: '', err: `error: condition not met for pods/${c.pod}\n` });
    expect(await c.run('wait', '--for=condition=Ready=False', `pod/${c.pod}`, ...NS, '--timeout=0')).toEqual({ code: 0, out: `pod/${c.pod} condition met\n`, err: '' });
    expect(c.facts().length).toBe(before);
  });

  it('waits for a deletion: the pods the garbage collector deletes after their DaemonSet', async () => {
    const c = await cluster();
    expect((await c.run('delete', 'ds', 'agent', ...NS)).code).toBe(0);
    expect(await c.run('wait', '--for=delete', 'pod', '-l', 'app=agent', ...NS, '--timeout=2m')).toEqual({ code: 0, out: `pod/${c.pod} condition met\n`, err: '' });
    const facts = c.facts();
    const deleted = facts.find((f) => f.type === 'PodDeleted')!;
    expect(facts.at(-1)).toMatchObject({ type: 'TimeAdvanced', metadata: { at: deleted.metadata.at } });
    // A named object already gone is passed over (RunWait ignores NotFound for delete); none left matches: no error either.
    expect(await c.run('wait', '--for=delete', `pod/${c.pod}`, ...NS)).toEqual({ code: 0, out: '', err: '' });
    expect(await c.run('wait', '--for=delete', 'pod', '-l', 'app=agent', ...NS)).toEqual({ code: 0, out: '', err: '' });
  });

  it('waits for a creation at the poll’s next tick; a selector is found at once', async () => {
    const c = await cluster();
    expect((await c.run('delete', 'ds', 'agent', ...NS)).code).toBe(0);
    expect((await c.run('advance', '1m')).code).toBe(0);
    const start = c.facts().at(-1)!.metadata.at;
    // kubectl v1.32: a selector's list is found (empty), then nothing matches.
    expect(await c.run('wait', '--for=create', 'pod', '-l', 'app=agent', ...NS)).toEqual({ code: 1, out: '', err: 'error: no matching resources found\n' });
    expect(await c.run('wait', '--for=create', 'ds/agent', ...NS, '--timeout=2s')).toEqual({ code: 1, out: '', err: 'error: timed out waiting for the condition\n' });
    expect(c.facts().at(-1)).toMatchObject({ type: 'TimeAdvanced', data: { to: start + 2_000 } });
    // Two named objects missing: the visitor's aggregate of NotFounds ends the poll at once.
    expect(await c.run('wait', '--for=create', 'ds/agent', 'ds/other', ...NS)).toEqual({
      code: 1,
      out: '',
      err: 'Error from server (NotFound): daemonsets.apps "agent" not found\nError from server (NotFound): daemonsets.apps "other" not found\n',
    });
  });

  it('reports what kubectl reports: a missing object, nothing matching, bad input; the log unchanged', async () => {
    const c = await cluster();
    const log = c.facts().length;
    expect(await c.run('wait', '--for=condition=Ready', 'pod/nope', `pod/${c.pod}`, 'ds/nope', ...NS, '--timeout=0')).toEqual({
      code: 1,
      out: '',
      err: `Error from server (NotFound): pods "nope" not found\ncondition not met for pods/${c.pod}\nError from server (NotFound): daemonsets.apps "nope" not found\n`,
    });
    expect(await c.run('wait', '--for=condition=Ready', 'pod', '-l', 'app=none', ...NS)).toEqual({ code: 1, out: '', err: 'error: no matching resources found\n' });
    expect(await c.run('wait', '--for=ready', 'pod/x')).toEqual({ code: 1, out: '', err: 'error: unrecognized condition: "ready"\n' });
    expect(await c.run('wait', '--for=condition=Ready', 'foo/x')).toEqual({ code: 1, out: '', err: 'error: the server doesn\'t have a resource type "foo"\n' });
    expect(await c.run('wait', '--for=condition=Ready', 'pod', ...NS)).toEqual({ code: 1, out: '', err: 'error: resource(s) were provided, but no name was specified\n' });
    expect((await c.run('wait', '--for=delete')).err).toMatch(/^error: You must provide one or more resources by argument or filename\.\n/);
    expect(await c.run('wait', '--for=delete', 'pod/x', '--timeout=5')).toEqual({
      code: 1,
      out: '',
      err: 'Error: invalid argument "5" for "--timeout" flag: time: missing unit in duration "5"\nSee \'dsim wait --help\' for usage.\n',
    });
    expect(c.facts().length).toBe(log);
  });

  it('prints with -o as kubectl does: names, and YAML with --- between objects', async () => {
    const c = await cluster();
    expect(await c.run('wait', '--for=create', 'node/n1', 'ds/agent', ...NS, '-o', 'name')).toEqual({ code: 0, out: 'node/n1\ndaemonset.apps/agent\n', err: '' });
    const yaml = (await c.run('wait', '--for=create', 'node/n1', 'ds/agent', ...NS, '-o', 'yaml')).out;
    expect(yaml.split('\n').filter((l) => l === '---' || l.startsWith('kind: '))).toEqual(['kind: Node', '---', 'kind: DaemonSet']);
  });
});

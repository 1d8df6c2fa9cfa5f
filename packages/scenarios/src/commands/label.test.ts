import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@dsim/core';
import { main, type Io } from '../cli.ts';
import { dataChangeMessage, labelFunc, parseLabels } from './label.ts';

const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('parseLabels (label_test.go TestParseLabels; messages from kubectl v1.32 label --local)', () => {
  it.each<[string[], Record<string, string>, string[]]>([
    [['a=b', 'c=d'], { a: 'b', c: 'd' }, []],
    [[], {}, []],
    [['a=b', 'c=d', 'e-'], { a: 'b', c: 'd' }, ['e']],
    [['a='], { a: '' }, []],
    // A key is the API server's to check.
    [['Bad Key=v'], { 'Bad Key': 'v' }, []],
  ])('%j', (pairs, set, remove) => {
    expect(parseLabels(pairs)).toEqual({ set: new Map(Object.entries(set)), remove });
  });

  it.each([
    [['ab', 'c=d'], 'error: unknown label spec: ab'],
    [['a=b', 'c=d', 'a-'], 'error: can not both modify and remove a label in the same command'],
    [['a=%^$'], `error: invalid label value: "a=%^$": ${LABEL_VALUE}`],
    [['a=b=c'], 'error: invalid label spec: a=b=c'],
    [['a=b c'], `error: invalid label value: "a=b c": ${LABEL_VALUE}`],
  ])('refuses %j', (pairs, message) => {
    expect(() => parseLabels(pairs)).toThrow(message);
  });
});

describe('labelFunc (TestValidateLabels, TestLabelFunc)', () => {
  const taken = (k: string, v: string) => `'${k}' already has a value (${v}), and --overwrite is false`;
  it.each<[string, Record<string, string> | undefined, Record<string, string>, string[], boolean, { labels: Record<string, string> } | { errors: string[] }]>([
    ['one shared', { a: 'b', c: 'd' }, { a: 'c', d: 'b' }, [], false, { errors: [taken('a', 'b')] }],
    ['second shared', { a: 'b', c: 'd' }, { b: 'd', c: 'a' }, [], false, { errors: [taken('c', 'd')] }],
    ['both shared: an error each, in the order given', { a: 'b', c: 'd' }, { c: 'q', a: 'z' }, [], false, { errors: [taken('c', 'd'), taken('a', 'b')] }],
    ['no overlap', { a: 'b', c: 'd' }, { b: 'a', d: 'c' }, [], false, { labels: { a: 'b', c: 'd', b: 'a', d: 'c' } }],
    ['no labels', undefined, { b: 'a', d: 'c' }, [], false, { labels: { b: 'a', d: 'c' } }],
    // TestLabelFunc's first case refuses this; kubectl v1.32 (label --local -f pod.yaml a=b) says `not labeled`.
    ['the same value is not refused without --overwrite', { a: 'b' }, { a: 'b' }, [], false, { labels: { a: 'b' } }],
    ['overwrite', { a: 'b' }, { a: 'c' }, [], true, { labels: { a: 'c' } }],
    ['add', { a: 'b' }, { c: 'd' }, [], false, { labels: { a: 'b', c: 'd' } }],
    ['remove the last: an empty set', { a: 'b' }, {}, ['a'], false, { labels: {} }],
    ['add and remove', { a: 'b', c: 'd' }, { e: 'f' }, ['a'], false, { labels: { c: 'd', e: 'f' } }],
  ])('%s', (_name, current, set, remove, overwrite, expected) => {
    expect(labelFunc(current, new Map(Object.entries(set)), remove, overwrite)).toEqual(expected);
  });
});

describe("dataChangeMessage (TestLabelMsg, as kubectl's unstructured objects give it)", () => {
  const pod = (labels?: Record<string, string>, resourceVersion?: string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', ...(labels !== undefined ? { labels } : {}), ...(resourceVersion !== undefined ? { resourceVersion } : {}) },
  });
  it.each<[string, KubeObject, KubeObject, boolean, string]>([
    ['a label added to none', pod(), pod({ a: 'b' }), false, 'labeled'],
    ['overwritten', pod({ a: 'b' }), pod({ a: 'c' }), true, 'labeled'],
    ['added', pod({ a: 'b' }), pod({ a: 'b', c: 'd' }), false, 'labeled'],
    ['a resourceVersion set', pod({ a: 'b' }), pod({ a: 'b', c: 'd' }, '2'), false, 'labeled'],
    ['the last removed: shorter', pod({ a: 'b' }), pod({}), false, 'unlabeled'],
    ['the last removed with --overwrite', pod({ a: 'b' }), pod({}), true, 'labeled'],
    ['one removed and one added, as long', pod({ a: 'b', c: 'd' }), pod({ c: 'd', e: 'f' }), false, 'labeled'],
    ['the same value again', pod({ a: 'b' }), pod({ a: 'b' }), true, 'not labeled'],
    // SetLabels keeps an empty map: removing from an object with no labels makes it longer.
    ['an absent label removed from an object with none', pod(), pod({}), false, 'labeled'],
    ['the same labels in another order', pod({ a: 'b', c: 'd' }), pod({ c: 'd', a: 'b' }), false, 'not labeled'],
  ])('%s', (_name, before, after, overwrite, message) => {
    expect(dataChangeMessage(before, after, overwrite)).toBe(message);
  });
});

// ---- the command, in-process, against kubectl v1.32's own output ---------------------------------

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p1\n  labels:\n    a: b\n    c: d\nspec:\n  containers:\n  - name: x\n    image: nginx\n';
const TWO =
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p1\n  labels:\n    a: b\n---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ds1\n  namespace: kube-system\nspec:\n  selector:\n    matchLabels: {app: x}\n  template:\n    metadata:\n      labels: {app: x}\n    spec:\n      containers: [{name: x, image: nginx}]\n';

async function label(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'dsim-label-'));
  writeFileSync(join(dir, 'pod.yaml'), POD);
  writeFileSync(join(dir, 'two.yaml'), TWO);
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), readStdin: () => '', env: { DSIM_LOG: join(dir, 'log.ndjson') }, cwd: dir };
  const at = (a: string) => (a.endsWith('.yaml') ? join(dir, a) : a);
  const code = await main(['label', ...args.map(at)], io);
  return { code, out: out.join(''), err: err.join('') };
}

describe('dsim label: what kubectl label prints (its outputs, with --local, taken from kubectl v1.32.4)', () => {
  const taken = (k: string, v: string) => `'${k}' already has a value (${v}), and --overwrite is false`;
  it.each<[string, string[], number, string, string]>([
    // TestLabelErrors
    ['no args', [], 1, '', 'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n'],
    ['not enough labels', ['pods'], 1, '', 'error: at least one label update is required\n'],
    ['wrong labels', ['pods', '-'], 1, '', 'error: at least one label update is required\n'],
    ['wrong labels 2', ['pods', '=bar'], 1, '', 'error: at least one label update is required\n'],
    ['no resources', ['pods-'], 1, '', 'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n'],
    ['no resources 2', ['pods=bar'], 1, '', 'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n'],
    ['resources but no selectors', ['pods', 'app=bar'], 1, '', 'error: resource(s) were provided, but no name was specified\n'],
    // Validate's other checks
    ['--list with -o', ['--local', '-f', 'pod.yaml', '--list', '-o', 'name'], 1, '', 'error: --list and --output may not be specified together\n'],
    ['--all with -l', ['pods', 'x', 'a=b', '--all', '-l', 'a=b'], 1, '', 'error: cannot set --all and --selector at the same time\n'],
    ['--all with --field-selector', ['pods', 'x', 'a=b', '--all', '--field-selector', 'a=b'], 1, '', 'error: cannot set --all and --field-selector at the same time\n'],
    ['--local with names', ['--local', 'pods/x', 'a=b'], 1, '', 'error: can only use local files by -f pod.yaml or --filename=pod.json when --local=true is set\n'],
    ['--local without files', ['--local', 'a=b'], 1, '', 'error: one or more files must be specified as -f pod.yaml or --filename=pod.json\n'],
    ['--local with a server dry run', ['--local', '-f', 'pod.yaml', 'a=b', '--dry-run=server'], 1, '', 'error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?\n'],
    ['--resource-version with two files', ['--local', '-f', 'pod.yaml', '-f', 'two.yaml', 'e=f', '--resource-version=1'], 1, '', 'error: --resource-version may only be used with a single resource\n'],
    ['two labels taken: the aggregate, one a line', ['--local', '-f', 'pod.yaml', 'a=z', 'c=q', '-o', 'name'], 1, '', `${taken('a', 'b')}\n${taken('c', 'd')}\n`],
    ['one taken of two objects', ['--local', '-f', 'two.yaml', 'e=f', 'a=c'], 1, 'daemonset.apps/ds1 labeled\n', `error: ${taken('a', 'b')}\n`],
    // TestLabelMsg's words
    ['the same value', ['--local', '-f', 'pod.yaml', 'a=b'], 0, 'pod/p1 not labeled\n', ''],
    ['a removal', ['--local', '-f', 'pod.yaml', 'a-'], 0, 'pod/p1 unlabeled\n', ''],
    ['an absent removal (no "not found" line locally)', ['--local', '-f', 'pod.yaml', 'zz-'], 0, 'pod/p1 not labeled\n', ''],
    ['a client dry run', ['--local', '-f', 'pod.yaml', 'a=b', '--overwrite', '--dry-run=client'], 0, 'pod/p1 not labeled (dry run)\n', ''],
    ['an absent removal from an object with no labels', ['--local', '-f', 'two.yaml', 'a-'], 0, 'pod/p1 unlabeled\ndaemonset.apps/ds1 labeled\n', ''],
    ['a resourceVersion set', ['--local', '-f', 'pod.yaml', 'a=b', '--overwrite', '--resource-version=4'], 0, 'pod/p1 labeled\n', ''],
    // --list: bare for one file, under a header each for more (kubectl in Go map order, dsim sorted)
    ['--list of one file', ['--local', '-f', 'two.yaml', '--list'], 0, 'a=b\n', ''],
    [
      '--list of two files',
      ['--local', '-f', 'pod.yaml', '-f', 'two.yaml', '--list'],
      0,
      'Listing labels for Pod./p1:\n a=b\n c=d\nListing labels for Pod./p1:\n a=b\nListing labels for DaemonSet.apps/ds1:\n',
      '',
    ],
    // -o: the changed copy; no --- between objects
    ['-o yaml', ['--local', '-f', 'pod.yaml', 'e=f', '--resource-version=3', '-o', 'yaml'], 0, 'apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n    a: b\n    c: d\n    e: f\n  name: p1\n  resourceVersion: "3"\nspec:\n  containers:\n  - image: nginx\n    name: x\n', ''],
    ['-o jsonpath', ['--local', '-f', 'pod.yaml', 'e=f', '-o', 'jsonpath={.metadata.labels}'], 0, '{"a":"b","c":"d","e":"f"}', ''],
    ['-o go-template over two objects', ['--local', '-f', 'two.yaml', 'e=f', '-o', 'go-template={{.spec.selector.x}}'], 0, '<no value><no value>', ''],
    [
      '-o wide',
      ['--local', '-f', 'pod.yaml', 'e=f', '-o', 'wide'],
      1,
      '',
      'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
    ],
  ])('%s', async (_name, args, code, out, err) => {
    expect(await label(args)).toEqual({ code, out, err });
  });
});

// Tests for `dsim annotate`: kubectl's parsing and checks (annotate_test.go's tables), then the
// command in-process on a small cluster: what it prints, what it records, and what it leaves alone.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type Io } from '../cli.ts';
import { UserError } from '../session.ts';
import { checkModifyAndRemove, outputFormat, parseAnnotations, updateAnnotations } from './annotate.ts';
import { splitResourcesAndPairs } from './set.ts';

describe('parseAnnotations (TestParseAnnotations)', () => {
  const testURL = 'https://test.com/index.htm?id=123#u=user-name';
  const testJSON = `'{"kind":"SerializedReference","apiVersion":"v1","reference":{"kind":"ReplicationController","namespace":"default","name":"my-nginx"}}'`;
  it.each<[string, string[], Record<string, string>, string[]]>([
    ['add two annotations', ['a=b', 'c=d'], { a: 'b', c: 'd' }, []],
    ['add annotations with special characters', [`url=${testURL}`, `fake.kubernetes.io/annotation=${testJSON}`], { url: testURL, 'fake.kubernetes.io/annotation': testJSON }, []],
    ['add no annotations', [], {}, []],
    ['add two annotations, remove one', ['a=b', 'c=d', 'e-'], { a: 'b', c: 'd' }, ['e']],
    ['add valid annotation with empty value', ['a='], { a: '' }, []],
    ['a value with = in it, split at the first', ['a==b=c'], { a: '=b=c' }, []],
    ['the last value of a key given twice wins', ['a=1', 'a=2'], { a: '2' }, []],
  ])('%s', (_name, args, set, remove) => {
    const parsed = parseAnnotations(args);
    expect(Object.fromEntries(parsed.set)).toEqual(set);
    expect(parsed.remove).toEqual(remove);
  });

  it.each([
    ['incorrect annotation input (missing =value)', ['ab', 'c=d'], 'error: invalid annotation format: ab'],
    ['incorrect annotation input (missing =value), with a valid one', ['ab', 'a='], 'error: invalid annotation format: ab'],
    ['incorrect annotation input (missing key)', ['-'], 'error: invalid annotation format: -'],
    ['incorrect annotation input (missing key), as a pair', ['=bar'], 'error: invalid annotation format: =bar'],
    ['several, together', ['x', 'a=1', 'y'], 'error: invalid annotation format: x, y'],
  ])('refuses %s', (_name, args, message) => {
    expect(() => parseAnnotations(args)).toThrow(new UserError(message));
  });

  it('GetResourcesAndPairs: resources first, `=x` and `-` are resources, a resource after a pair is refused', () => {
    expect(splitResourcesAndPairs(['pods', 'foo', 'a=b', 'c-'], 'annotation')).toEqual({ resources: ['pods', 'foo'], pairs: ['a=b', 'c-'] });
    expect(splitResourcesAndPairs(['pods', '=bar', '-'], 'annotation')).toEqual({ resources: ['pods', '=bar', '-'], pairs: [] });
    expect(() => splitResourcesAndPairs(['pods', 'a=b', 'foo'], 'annotation')).toThrow(new UserError('error: all resources must be specified before annotation changes: foo'));
  });
});

describe('checkModifyAndRemove (TestValidateAnnotations)', () => {
  it.each<[string, string[], Record<string, string>, string]>([
    ['remove an added annotation', ['a'], { a: 'b', c: 'd' }, 'error: can not both modify and remove the following annotation(s) in the same command: a'],
    ['remove added annotations', ['a', 'c'], { a: 'b', c: 'd' }, 'error: can not both modify and remove the following annotation(s) in the same command: a, c'],
  ])('%s', (_name, remove, set, message) => {
    expect(() => checkModifyAndRemove(new Map(Object.entries(set)), remove)).toThrow(new UserError(message));
  });

  it('lets distinct keys through', () => {
    expect(() => checkModifyAndRemove(new Map([['a', '1']]), ['b'])).not.toThrow();
  });
});

describe('updateAnnotations (TestValidateAnnotationOverwrites, TestUpdateAnnotations)', () => {
  const refused = (msg: string) => ({ error: `--overwrite is false but found the following declared annotation(s): ${msg}` });
  it.each<[string, Record<string, string> | undefined, Record<string, string>, string[], boolean, object]>([
    ['share first annotation', { a: 'A', b: 'B' }, { a: 'a', c: 'C' }, [], false, refused("'a' already has a value (A)")],
    ['share second annotation', { a: 'A', c: 'C' }, { b: 'B', c: 'c' }, [], false, refused("'c' already has a value (C)")],
    ['both shared: one error, "; " between, in the order given', { a: 'A', c: 'C' }, { c: 'x', a: 'y' }, [], false, refused("'c' already has a value (C); 'a' already has a value (A)")],
    ['no overlap', { a: 'A', c: 'C' }, { b: 'B', d: 'D' }, [], false, { annotations: { a: 'A', c: 'C', b: 'B', d: 'D' } }],
    ['no annotations', undefined, { a: 'A', b: 'B' }, [], false, { annotations: { a: 'A', b: 'B' } }],
    ['the same value again needs no --overwrite', { a: 'b' }, { a: 'b' }, [], false, { annotations: { a: 'b' } }],
    ['another value needs --overwrite', { a: 'b' }, { a: 'c' }, [], false, refused("'a' already has a value (b)")],
    ['with --overwrite', { a: 'b' }, { a: 'c' }, [], true, { annotations: { a: 'c' } }],
    ['added to others', { a: 'b' }, { c: 'd' }, [], false, { annotations: { a: 'b', c: 'd' } }],
    ['removed', { a: 'b' }, {}, ['a'], false, { annotations: {} }],
    ['removed and added', { a: 'b', c: 'd' }, { e: 'f' }, ['a'], false, { annotations: { c: 'd', e: 'f' } }],
    ['removing what is not there changes nothing and is no error', { a: 'b', c: 'd' }, { e: 'f' }, ['g'], false, { annotations: { a: 'b', c: 'd', e: 'f' } }],
    ['only removing what is not there', { a: 'b', c: 'd' }, {}, ['e'], false, { annotations: { a: 'b', c: 'd' } }],
    ['the change-cause is always overwritten', { 'kubernetes.io/change-cause': 'old' }, { 'kubernetes.io/change-cause': 'new' }, [], false, { annotations: { 'kubernetes.io/change-cause': 'new' } }],
  ])('%s', (_name, current, set, remove, overwrite, expected) => {
    expect(updateAnnotations(current, new Map(Object.entries(set)), remove, overwrite)).toEqual(expected);
  });
});

describe('outputFormat: the printers annotate takes', () => {
  it.each([
    ['', { format: '' }],
    ['name', { format: 'name' }],
    ['yaml', { format: 'yaml' }],
    ['json', { format: 'json' }],
    ['jsonpath={.metadata.name}', { format: 'jsonpath', template: '{.metadata.name}', asJson: false }],
    ['jsonpath-as-json={.metadata.name}', { format: 'jsonpath', template: '{.metadata.name}', asJson: true }],
    ['go-template={{.kind}}', { format: 'go-template', template: '{{.kind}}' }],
    ['template={{.kind}}', { format: 'go-template', template: '{{.kind}}' }],
  ])('-o %s', (output, expected) => {
    expect(outputFormat(output)).toEqual(expected);
  });

  it.each([
    ['wide', 'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml'],
    ['jsonpath', 'error: template format specified but no template given'],
    ['jsonpath={.a', 'error: error parsing jsonpath {.a, unclosed action'],
    ['go-template', 'error: template format specified but no template given'],
  ])('refuses -o %s', (output, message) => {
    expect(() => outputFormat(output)).toThrow(new UserError(message));
  });
});

// ---- the command, in-process ------------------------------------------------------------------

const CLUSTER = `apiVersion: v1
kind: Node
metadata: {name: n1, labels: {kubernetes.io/hostname: n1}}
status: {conditions: [{type: Ready, status: "True"}]}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: kube-system, labels: {app: agent}}
data: {a: "1"}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: kube-system, labels: {app: agent}, annotations: {owner: ops}}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      tolerations: [{operator: Exists}]
      containers: [{name: agent, image: "agent:1"}]
`;

class Cluster {
  readonly dir = mkdtempSync(join(tmpdir(), 'dsim-annotate-'));
  readonly log = join(this.dir, 'log.ndjson');

  static async make(): Promise<Cluster> {
    const c = new Cluster();
    writeFileSync(join(c.dir, 'cluster.yaml'), CLUSTER);
    expect((await c.run('apply', '-f', c.file('cluster.yaml'))).code).toBe(0);
    expect((await c.run('advance', '30s')).code).toBe(0);
    return c;
  }

  async run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const io: Io = { stdout: (s) => out.push(s), stderr: (s) => err.push(s), readStdin: () => '', env: { DSIM_LOG: this.log }, cwd: this.dir };
    const code = await main(args, io);
    return { code, out: out.join(''), err: err.join('') };
  }

  /** A file of the test's directory (dsim reads paths from the process's directory). */
  file(name: string): string {
    return join(this.dir, name);
  }

  saved(): string {
    return readFileSync(this.log, 'utf8');
  }

  /** One object as `get -o json` returns it. */
  async get(...args: string[]): Promise<{ metadata: { annotations?: Record<string, string>; generation?: number } }> {
    const r = await this.run('get', ...args, '-o', 'json');
    expect(r.err).toBe('');
    return JSON.parse(r.out) as { metadata: { annotations?: Record<string, string> } };
  }
}

describe('dsim annotate', () => {
  it.each<[string, string[], string]>([
    // TestAnnotateErrors
    ['no args', [], 'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n'],
    ['not enough annotations', ['pods'], 'error: at least one annotation update is required\n'],
    ['wrong annotations', ['pods', '-'], 'error: at least one annotation update is required\n'],
    ['wrong annotations 2', ['pods', '=bar'], 'error: at least one annotation update is required\n'],
    ['no resources remove annotations', ['pods-'], 'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n'],
    ['no resources add annotations', ['pods=bar'], 'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n'],
    // The rest of ToOptions and the builder, in their order.
    ['a resource after a pair', ['pods', 'a=b', 'foo'], 'error: all resources must be specified before annotation changes: foo\n'],
    ['--list with -o', ['ds', 'agent', '--list', '-o', 'yaml'], 'error: --list and --output may not be specified together\n'],
    ['--all with -l', ['ds', '--all', '-l', 'app=agent', 'a=b'], 'error: cannot set --all and --selector at the same time\n'],
    ['--all with --field-selector', ['ds', '--all', '--field-selector', 'metadata.name=agent', 'a=b'], 'error: cannot set --all and --field-selector at the same time\n'],
    ['--local with a resource', ['--local', 'ds', 'agent', 'a=b'], 'error: can only use local files by -f rsrc.yaml or --filename=rsrc.json when --local=true is set\n'],
    ['--local without a file', ['--local', 'a=b'], 'error: one or more files must be specified as -f rsrc.yaml or --filename=rsrc.json\n'],
    ['--local with --dry-run=server', ['--local', '--dry-run=server', '-f', 'x.yaml', 'a=b'], 'error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?\n'],
    ['set and removed', ['ds', 'agent', 'a=b', 'a-'], 'error: can not both modify and remove the following annotation(s) in the same command: a\n'],
    ['a bad dry-run value', ['ds', 'agent', '--dry-run=maybe', 'a=b'], 'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n'],
    ['an output dsim does not print (after the checks)', ['ds', 'agent', 'a=b', '-o', 'wide'], 'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n'],
    ['a type with no name', ['ds', 'a=b'], 'error: resource(s) were provided, but no name was specified\n'],
    ['an unknown type', ['widgets', 'w', 'a=b'], 'error: the server doesn\'t have a resource type "widgets"\n'],
    ['a name with a selector', ['ds', 'agent', '-l', 'app=agent', 'a=b', '-n', 'kube-system'], 'error: name cannot be provided when a selector is specified\n'],
    ['a name across namespaces', ['ds', 'agent', '-A', 'a=b'], 'error: a resource cannot be retrieved by name across all namespaces\n'],
    ['--resource-version with several objects', ['ds', '--all', '-n', 'kube-system', 'a=b', '--resource-version=3'], 'error: --resource-version may only be used with a single resource\n'],
    ['events', ['events', '--all', 'a=b'], "error: dsim derives events from the log's facts and keeps none to change\n"],
    [
      "a namespace's default ServiceAccount, which dsim shows but does not store",
      ['sa', 'default', 'a=b'],
      'error: dsim shows the ServiceAccount "default" of namespace "default" as its controller makes it, but does not store it: apply one of that name to change it\n',
    ],
    ['a missing object', ['ds', 'nope', '-n', 'kube-system', 'a=b'], 'Error from server (NotFound): daemonsets.apps "nope" not found\n'],
    ['an annotation already set', ['ds', 'agent', '-n', 'kube-system', 'owner=dev'], "error: --overwrite is false but found the following declared annotation(s): 'owner' already has a value (ops)\n"],
    [
      'a key the API server refuses',
      ['ds', 'agent', '-n', 'kube-system', 'bad key=1'],
      'The DaemonSet "agent" is invalid: metadata.annotations: Invalid value: "bad key": name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\')\n',
    ],
    ['annotations over 256 KiB together', ['cm', 'settings', '-n', 'kube-system', `big=${'x'.repeat(256 * 1024)}`], 'The ConfigMap "settings" is invalid: metadata.annotations: Too long: may not be more than 262144 bytes\n'],
  ])('%s: one message, exit 1, the log untouched', async (_name, args, message) => {
    const c = await Cluster.make();
    const before = c.saved();
    const r = await c.run('annotate', ...args);
    expect(r.err).toBe(message);
    expect(r.out).toBe('');
    expect(r.code).toBe(1);
    expect(c.saved()).toBe(before);
  });

  it('annotates every kind it keeps, and get shows it', async () => {
    const c = await Cluster.make();
    const pod = (await c.run('get', 'pods', '-n', 'kube-system', '-o', 'name')).out.trim();
    const revision = (await c.run('get', 'controllerrevisions', '-n', 'kube-system', '-o', 'name')).out.trim();
    for (const [target, printed] of [
      [['ds', 'agent', '-n', 'kube-system'], 'daemonset.apps/agent annotated\n'],
      [['node/n1'], 'node/n1 annotated\n'],
      [[pod, '-n', 'kube-system'], `${pod} annotated\n`],
      [['ns', 'kube-system'], 'namespace/kube-system annotated\n'],
      [['configmap', 'settings', '-n', 'kube-system'], 'configmap/settings annotated\n'],
      [[revision, '-n', 'kube-system'], `${revision} annotated\n`],
    ] as const) {
      expect(await c.run('annotate', ...target, 'note=hello world')).toEqual({ code: 0, out: printed, err: '' });
      const args = target[0].includes('/') ? [target[0], ...target.slice(1)] : [...target];
      expect((await c.get(...args)).metadata.annotations?.note, target.join(' ')).toBe('hello world');
    }
    // A removal, and one of something not there: both `annotated`, as kubectl prints it.
    expect((await c.run('annotate', 'node', 'n1', 'note-', 'absent-')).out).toBe('node/n1 annotated\n');
    expect((await c.get('node', 'n1')).metadata.annotations?.note).toBeUndefined();
  });

  it("a DaemonSet's annotations change without a new generation, revision or rollout; asking again changes nothing", async () => {
    const c = await Cluster.make();
    const before = await c.get('ds', 'agent', '-n', 'kube-system');
    const events = (await c.run('events')).out.split('\n').length;
    expect((await c.run('annotate', 'ds', 'agent', '-n', 'kube-system', 'kubernetes.io/change-cause=first')).code).toBe(0);
    const after = await c.get('ds', 'agent', '-n', 'kube-system');
    expect(after.metadata.generation).toBe(before.metadata.generation);
    expect(after.metadata.annotations).toEqual({ ...before.metadata.annotations, 'kubernetes.io/change-cause': 'first' });
    await c.run('advance', '1m');
    const log = (await c.run('events')).out.split('\n').slice(events - 1);
    // Only the re-applied DaemonSet and the time: no pod replaced, no revision made.
    expect(log.map((l) => l.split(/\s+/)[2]).filter((t) => t !== undefined && t !== '')).toEqual(['DaemonSetApplied', 'TimeAdvanced']);
    const saved = c.saved();
    // The same annotations again: kubectl still says annotated; nothing is recorded.
    expect((await c.run('annotate', 'ds', 'agent', '-n', 'kube-system', 'kubernetes.io/change-cause=first', 'owner=ops')).out).toBe('daemonset.apps/agent annotated\n');
    expect(c.saved()).toBe(saved);
  });

  it('each object on its own: the failures come together at the end, each on its own line, and the others are saved', async () => {
    const c = await Cluster.make();
    await c.run('annotate', 'ns', 'default', 'owner=a');
    const r = await c.run('annotate', 'ns', 'kube-system', 'default', 'missing', 'owner=b');
    expect(r.out).toBe('namespace/kube-system annotated\n');
    expect(r.err).toBe("--overwrite is false but found the following declared annotation(s): 'owner' already has a value (a)\nError from server (NotFound): namespaces \"missing\" not found\n");
    expect(r.code).toBe(1);
    expect((await c.get('ns', 'kube-system')).metadata.annotations).toEqual({ owner: 'b' });
    // The API server's Invalid among others: StandardErrorMessage's words, the kind qualified by its group.
    const bad = await c.run('annotate', 'ns/kube-public', 'ds/agent', '-n', 'kube-system', 'bad key=1');
    const why = 'Invalid value: "bad key": name part must consist of alphanumeric characters';
    expect(bad.err).toMatch(new RegExp(`^Error from server \\(Invalid\\): Namespace "kube-public" is invalid: metadata\\.annotations: ${why}.*\\nError from server \\(Invalid\\): DaemonSet\\.apps "agent" is invalid: metadata\\.annotations: ${why}.*\\n$`));
    expect(bad.out).toBe('');
  });

  it('-o yaml, json, name and jsonpath print the objects as stored after the change', async () => {
    const c = await Cluster.make();
    const yaml = await c.run('annotate', 'ns', '--all', 'team=x', '-o', 'yaml');
    expect(yaml.out).toMatch(/^apiVersion: v1\nkind: Namespace\nmetadata:\n {2}annotations:\n {4}team: x\n/);
    const stored: string[] = [];
    for (const n of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) stored.push((await c.run('get', 'ns', n, '-o', 'yaml')).out);
    expect(yaml.out).toBe(stored.join('---\n'));
    const json = await c.run('annotate', 'ds/agent', '-n', 'kube-system', 'team=y', '-o', 'json');
    expect(json.out).toBe((await c.run('get', 'ds/agent', '-n', 'kube-system', '-o', 'json')).out);
    expect((await c.run('annotate', 'node', 'n1', 'team=z', '-o', 'name')).out).toBe('node/n1\n');
    expect((await c.run('annotate', 'node', 'n1', 'team=z', '-o', 'jsonpath={.metadata.annotations.team}')).out).toBe('z');
    expect((await c.run('annotate', 'node', 'n1', 'team=z', '-o', 'go-template={{index .metadata.annotations "team"}}')).out).toBe('z');
  });

  it('a template that fails on an object is that object\'s failure, after its change is saved', async () => {
    const c = await Cluster.make();
    const r = await c.run('annotate', 'ns', 'default', 'team=x', '-o', 'jsonpath={.metadata.annotations.team[0]}');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: error executing jsonpath "\{\.metadata\.annotations\.team\[0\]\}": Error executing template: string is not array or slice\./);
    expect((await c.get('ns', 'default')).metadata.annotations).toEqual({ team: 'x' });
  });

  it('--dry-run=client and =server save nothing; server checks what the API server checks, client does not', async () => {
    const c = await Cluster.make();
    const before = c.saved();
    expect(await c.run('annotate', 'node', 'n1', 'a=1', '--dry-run=client')).toEqual({ code: 0, out: 'node/n1 annotated (dry run)\n', err: '' });
    expect(await c.run('annotate', 'node', 'n1', 'a=1', '--dry-run=server')).toEqual({ code: 0, out: 'node/n1 annotated (server dry run)\n', err: '' });
    expect((await c.run('annotate', 'node', 'n1', 'a=1', '--dry-run=server', '-o', 'jsonpath={.metadata.annotations.a}')).out).toBe('1');
    expect((await c.run('annotate', 'node', 'n1', 'bad key=1', '--dry-run=client')).code).toBe(0);
    expect((await c.run('annotate', 'node', 'n1', 'bad key=1', '--dry-run=server')).code).toBe(1);
    const bare = await c.run('annotate', 'node', 'n1', 'a=1', '--dry-run');
    expect(bare.err).toBe('--dry-run is deprecated and can be replaced with --dry-run=client.\n');
    expect(bare.out).toBe('node/n1 annotated (dry run)\n');
    expect(c.saved()).toBe(before);
  });

  it('--list prints key=value lines, sorted, after the changes asked (not saved); with several objects, each under a header', async () => {
    const c = await Cluster.make();
    const before = c.saved();
    // The DaemonSet was applied: its manifest is in the last-applied-configuration annotation, whose
    // value ends in a newline (so a blank line follows it, as kubectl prints it).
    const last = (await c.run('get', 'ds/agent', '-n', 'kube-system', '-o', 'jsonpath={.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}')).out;
    expect(last).toMatch(/^\{"apiVersion":"apps\/v1",.*"annotations":\{"owner":"ops"\}.*\}\n$/);
    expect(await c.run('annotate', 'ds/agent', '-n', 'kube-system', '--list', 'b=2')).toEqual({
      code: 0,
      out: `b=2\ndeprecated.daemonset.template.generation=1\nkubectl.kubernetes.io/last-applied-configuration=${last}\nowner=ops\n`,
      err: '',
    });
    expect((await c.run('annotate', 'ns', '--all', '--list', 'x=1')).out).toBe(
      ['default', 'kube-node-lease', 'kube-public', 'kube-system'].map((n) => `Listing annotations for Namespace./${n}:\n x=1\n`).join(''),
    );
    expect(c.saved()).toBe(before);
  });

  it('-f names the objects of a file; -l and --field-selector select among a type', async () => {
    const c = await Cluster.make();
    expect((await c.run('annotate', '-f', c.file('cluster.yaml'), 'from=file')).out).toBe('node/n1 annotated\nconfigmap/settings annotated\ndaemonset.apps/agent annotated\n');
    expect((await c.run('annotate', 'ds,cm', '-l', 'app=agent', '-n', 'kube-system', '--overwrite', 'from=selector')).out).toBe('daemonset.apps/agent annotated\nconfigmap/settings annotated\n');
    expect((await c.run('annotate', 'pods', '-A', '--field-selector', 'spec.nodeName=n1', 'on=n1')).out).toMatch(/^pod\/agent-\w+ annotated\n$/);
  });

  it('--local changes the objects of the files and reads no log', async () => {
    const c = new Cluster();
    writeFileSync(join(c.dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, annotations: {a: "1"}}\n');
    const r = await c.run('annotate', '--local', '-f', c.file('cm.yaml'), 'b=2', '-o', 'yaml');
    expect(r).toEqual({ code: 0, out: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  annotations:\n    a: "1"\n    b: "2"\n  name: c\n', err: '' });
    expect((await c.run('annotate', '--local', '-f', c.file('cm.yaml'), 'a=2')).err).toBe("error: --overwrite is false but found the following declared annotation(s): 'a' already has a value (1)\n");
    expect(() => readFileSync(c.log)).toThrow();
  });
});

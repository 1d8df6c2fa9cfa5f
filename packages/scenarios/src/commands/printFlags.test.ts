// The -o of the commands that change objects (printFlags.ts), run in-process on a small cluster:
// the outputs are kubectl v1.32's, taken from `kubectl patch --local -f … -o …` and `kubectl set
// image --local -f … -o …` on the same files (apply and create need a server: their template
// outputs follow apply.go's printObjects and create's printer per object, unverified).

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type Io } from '../cli.ts';

const DS = (name: string) => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ${name}
  namespace: default
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
      - name: main
        image: agent:1
`;

const PRINTERS = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';

function cluster(): { dir: string; run: (...args: string[]) => Promise<{ code: number; out: string; err: string }> } {
  const dir = mkdtempSync(join(tmpdir(), 'dsim-print-'));
  writeFileSync(join(dir, 'ds.yaml'), DS('agent'));
  writeFileSync(join(dir, 'two.yaml'), `${DS('agent')}---\n${DS('agent2')}`);
  const run = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: Io = { stdout: (s) => out.push(s), stderr: (s) => err.push(s), readStdin: () => '', env: { DSIM_LOG: join(dir, 'log.ndjson') }, cwd: dir };
    const code = await main(args.map((a) => a.replace('DIR', dir)), io);
    return { code, out: out.join(''), err: err.join('') };
  };
  return { dir, run };
}

describe('-o of the commands that change objects, as kubectl prints it', () => {
  it.each<[string, string[], { code: number; out: string; err: string }]>([
    ['patch: a JSONPath on each object', ['patch', '--local', '-f', 'DIR/two.yaml', '-p', '{}', '-o', 'jsonpath={.metadata.name}'], { code: 0, out: 'agentagent2', err: '' }],
    ['patch: a Go template', ['patch', '--local', '-f', 'DIR/ds.yaml', '-p', '{}', '-o', 'go-template={{.metadata.name}}:{{.kind}}'], { code: 0, out: 'agent:DaemonSet', err: '' }],
    ['patch: jsonpath-as-json', ['patch', '--local', '-f', 'DIR/ds.yaml', '-p', '{"spec":{"minReadySeconds":5}}', '-o', 'jsonpath-as-json={.spec.minReadySeconds}'], { code: 0, out: '[\n    5\n]\n', err: '' }],
    ['patch: a missing key in a Go template', ['patch', '--local', '-f', 'DIR/ds.yaml', '-p', '{}', '-o', 'template={{.nope.x}}'], { code: 0, out: '<no value>', err: '' }],
    ['patch: a printer kubectl does not have', ['patch', '--local', '-f', 'DIR/ds.yaml', '-p', '{}', '-o', 'wide'], { code: 1, out: '', err: `error: unable to match a printer suitable for the output format "wide", allowed formats are: ${PRINTERS}\n` }],
    ['patch: no template', ['patch', '--local', '-f', 'DIR/ds.yaml', '-p', '{}', '-o', 'jsonpath='], { code: 1, out: '', err: 'error: template format specified but no template given\n' }],
    ['patch: a JSONPath that does not parse', ['patch', '--local', '-f', 'DIR/ds.yaml', '-p', '{}', '-o', 'jsonpath={.a'], { code: 1, out: '', err: 'error: error parsing jsonpath {.a, unclosed action\n' }],
    ['set image: a JSONPath on the updated object', ['set', 'image', 'ds/agent', 'main=agent:2', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'], { code: 0, out: 'agent:2', err: '' }],
    ['set image: a Go template on each', ['set', 'image', 'ds/agent', 'ds/agent2', 'main=agent:3', '-o', 'go-template={{.metadata.name}} '], { code: 0, out: 'agent agent2 ', err: '' }],
    // Complete makes the printer before Validate looks at the pairs.
    ['set image: the printer first', ['set', 'image', 'ds/agent', '-o', 'wide'], { code: 1, out: '', err: `error: unable to match a printer suitable for the output format "wide", allowed formats are: ${PRINTERS}\n` }],
    ['apply: a template on the List of several', ['apply', '-f', 'DIR/two.yaml', '-o', 'jsonpath={.kind}: {.items[*].metadata.name}'], { code: 0, out: 'List: agent agent2', err: '' }],
    ['apply: a template on the one object', ['apply', '-f', 'DIR/ds.yaml', '-o', 'go-template={{.metadata.name}}'], { code: 0, out: 'agent', err: '' }],
    ['create: a template on each object', ['create', 'namespace', 'x', '-o', 'jsonpath={.metadata.labels}'], { code: 0, out: '{"kubernetes.io/metadata.name":"x"}', err: '' }],
  ])('%s', async (_name, args, expected) => {
    const { dir, run } = cluster();
    // The stored DaemonSets a command without --local changes (agent2 only when the command does not create it).
    const creates = args[0] === 'apply' || args[0] === 'create';
    if (!creates) expect((await run('apply', '-f', 'DIR/two.yaml')).code).toBe(0);
    const before = creates ? '' : readFileSync(join(dir, 'log.ndjson'), 'utf8');
    expect(await run(...args)).toEqual(expected);
    if (expected.code !== 0 && !creates) expect(readFileSync(join(dir, 'log.ndjson'), 'utf8')).toBe(before);
  });

  it('create prints each object as it is created', async () => {
    const { dir, run } = cluster();
    writeFileSync(join(dir, 'cms.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n');
    expect(await run('create', '-f', 'DIR/cms.yaml', '-o', 'template={{.metadata.name}} ')).toEqual({ code: 0, out: 'a b ', err: '' });
  });
});

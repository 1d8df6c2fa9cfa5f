// End-to-end tests of `dsim patch`: the patched object goes the way an applied one does (a
// DaemonSet rolls out or stops, a node re-places pods), kubectl's output and messages, and a
// refused patch leaves the log as it was, byte for byte.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dsim, tempDir } from './dsim.ts';

const CLUSTER = `apiVersion: v1
kind: Node
metadata:
  name: a
  labels: {kubernetes.io/os: linux, zone: x}
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
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
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
        image: example/agent:1
        env: [{name: A, value: "1"}]
---
apiVersion: stable.example.com/v1
kind: CronTab
metadata:
  name: my-cron
  namespace: default
spec:
  items: [a, b]
`;

/** A cluster of two nodes with the DaemonSet's pods running on both, in a fresh log. */
function cluster(): { dir: string; log: string; run: (...args: string[]) => ReturnType<typeof dsim> } {
  const dir = tempDir();
  const log = join(dir, 'log.ndjson');
  writeFileSync(join(dir, 'cluster.yaml'), CLUSTER);
  const run = (...args: string[]) => dsim(args, { log });
  expect(run('apply', '-f', join(dir, 'cluster.yaml')).code).toBe(0);
  expect(run('advance', '30s').code).toBe(0);
  return { dir, log, run };
}

/** Each of the DaemonSet's pods as `NODE IMAGE`, one a line, by node. */
const agentPods = (run: (...args: string[]) => ReturnType<typeof dsim>) =>
  run('get', 'pods', '-l', 'app=agent', '-o', 'jsonpath={range .items[*]}{.spec.nodeName}{" "}{.spec.containers[0].image}{"\\n"}{end}')
    .stdout.split('\n')
    .filter((l) => l !== '')
    .sort()
    .map((l) => `${l}\n`)
    .join('');

describe('dsim patch', () => {
  it("pauses a DaemonSet everywhere with a node selector no node matches, and resumes it; the same patch again changes nothing", () => {
    const { log, run } = cluster();
    expect(agentPods(run)).toBe('a example/agent:1\nb example/agent:1\n');
    const pause = run('patch', 'ds', 'agent', '-p', '{"spec":{"template":{"spec":{"nodeSelector":{"non-existing":"true"}}}}}');
    expect(pause).toEqual({ code: 0, stdout: 'daemonset.apps/agent patched\n', stderr: '' });
    run('advance', '40s');
    expect(agentPods(run)).toBe('');
    // kubectl says so, and the server writes nothing: not one byte of the log changes.
    const before = readFileSync(log);
    expect(run('patch', 'ds/agent', '-p', '{"spec":{"template":{"spec":{"nodeSelector":{"non-existing":"true"}}}}}')).toEqual({
      code: 0,
      stdout: 'daemonset.apps/agent patched (no change)\n',
      stderr: '',
    });
    expect(readFileSync(log).equals(before)).toBe(true);
    expect(run('patch', 'ds', 'agent', '-p', '{"spec":{"template":{"spec":{"nodeSelector":null}}}}').stdout).toBe('daemonset.apps/agent patched\n');
    run('advance', '40s');
    expect(agentPods(run)).toBe('a example/agent:1\nb example/agent:1\n');
  });

  it('starts a rolling update with a JSON patch of the image', () => {
    const { run } = cluster();
    const r = run('patch', 'ds/agent', '--type', 'json', '-p', '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"example/agent:2"}]');
    expect(r).toEqual({ code: 0, stdout: 'daemonset.apps/agent patched\n', stderr: '' });
    const status = run('rollout', 'status', 'ds/agent');
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('daemon set "agent" successfully rolled out');
    expect(agentPods(run)).toBe('a example/agent:2\nb example/agent:2\n');
    expect(run('get', 'ds', 'agent', '-o', 'jsonpath={.metadata.generation}').stdout).toBe('2');
  });

  it('merges env by name (strategic), replaces it whole (merge), and keeps what the server owns', () => {
    const { run } = cluster();
    const uid = run('get', 'ds', 'agent', '-o', 'jsonpath={.metadata.uid}').stdout;
    run('patch', 'ds', 'agent', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"main","env":[{"name":"B","value":"2"}]}]}}}}');
    expect(run('get', 'ds', 'agent', '-o', 'jsonpath={.spec.template.spec.containers[0].env[*].name}').stdout).toBe('B A');
    // A JSON merge patch replaces lists; the status it sends is ignored, as the API server ignores it.
    run('patch', 'ds', 'agent', '--type', 'merge', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"main","image":"example/agent:3"}]}}},"status":{"numberReady":99}}');
    expect(run('get', 'ds', 'agent', '-o', 'jsonpath={.spec.template.spec.containers[0].env}|{.metadata.uid}|{.status.numberReady}').stdout).toBe(`|${uid}|2`);
    // Finalizers are stored too, though apply's "unchanged" looks at spec, labels and annotations only.
    expect(run('patch', 'ds', 'agent', '-p', '{"metadata":{"finalizers":["example.com/keep"]}}').stdout).toBe('daemonset.apps/agent patched\n');
    expect(run('get', 'ds', 'agent', '-o', 'jsonpath={.metadata.finalizers}').stdout).toBe('["example.com/keep"]');
  });

  it('labels a node with a merge patch, and the DaemonSet places a pod there', () => {
    const { run } = cluster();
    run('patch', 'ds', 'agent', '-p', '{"spec":{"template":{"spec":{"nodeSelector":{"zone":"x"}}}}}');
    run('advance', '40s');
    expect(agentPods(run)).toBe('a example/agent:1\n');
    expect(run('patch', 'node', 'b', '--type', 'merge', '-p', '{"metadata":{"labels":{"zone":"x"}}}')).toEqual({ code: 0, stdout: 'node/b patched\n', stderr: '' });
    run('advance', '40s');
    expect(agentPods(run)).toBe('a example/agent:1\nb example/agent:1\n');
    expect(run('get', 'node', 'b', '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}').stdout).toBe('True');
  });

  it('relabels a pod out of its DaemonSet, which makes another, and annotates it (the pod updates dsim simulates)', () => {
    const { run } = cluster();
    const pod = run('get', 'pods', '-l', 'app=agent', '--field-selector', 'spec.nodeName=a', '-o', 'name').stdout.trim();
    expect(run('patch', pod, '--type', 'merge', '-p', '{"metadata":{"labels":{"app":"debug"}}}').stdout).toBe(`${pod} patched\n`);
    run('advance', '40s');
    expect(agentPods(run)).toBe('a example/agent:1\nb example/agent:1\n');
    expect(run('get', pod, '-o', 'jsonpath={.metadata.labels.app}').stdout).toBe('debug');
    expect(run('patch', pod, '-p', '{"metadata":{"annotations":{"note":"kept aside"}}}').stdout).toBe(`${pod} patched\n`);
    expect(run('get', pod, '-o', 'jsonpath={.metadata.annotations.note}').stdout).toBe('kept aside');
    expect(run('patch', pod, '-p', '{"spec":{"activeDeadlineSeconds":5}}').stderr).toMatch(/^The Pod ".*" is invalid: spec: Forbidden: pod updates may not change fields other than/);
  });

  it('prints the object as stored with -o yaml|json|name, and saves nothing on a dry run', () => {
    const { log, run } = cluster();
    const before = readFileSync(log);
    const server = run('patch', 'ds', 'agent', '-p', '{"spec":{"minReadySeconds":10}}', '--dry-run=server', '-o', 'json');
    expect(server.code).toBe(0);
    const object = JSON.parse(server.stdout) as { spec: { minReadySeconds: number }; metadata: { generation: number } };
    expect([object.spec.minReadySeconds, object.metadata.generation]).toEqual([10, 2]);
    // kubectl's patch names its operation itself, so no "(dry run)" follows it.
    expect(run('patch', 'ds', 'agent', '-p', '{"spec":{"minReadySeconds":10}}', '--dry-run=client')).toEqual({ code: 0, stdout: 'daemonset.apps/agent patched\n', stderr: '' });
    expect(readFileSync(log).equals(before)).toBe(true);
    expect(run('patch', 'ds', 'agent', '-p', '{"spec":{"minReadySeconds":10}}', '-o', 'name').stdout).toBe('daemonset.apps/agent\n');
    const yaml = run('patch', 'ds', 'agent', '-p', 'spec:\n  revisionHistoryLimit: 3', '-o', 'yaml').stdout;
    expect(yaml).toMatch(/^apiVersion: apps\/v1\nkind: DaemonSet\n/);
    expect(yaml).toContain('  minReadySeconds: 10\n  revisionHistoryLimit: 3\n');
  });

  it('patches a stored object (a ConfigMap) and a custom resource with a merge patch', () => {
    const { dir, run } = cluster();
    writeFileSync(join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {a: "1", b: "2"}\n');
    run('apply', '-f', join(dir, 'cm.yaml'));
    expect(run('patch', 'configmap', 'cfg', '-p', '{"data":{"a":null,"c":"3"}}').stdout).toBe('configmap/cfg patched\n');
    expect(run('get', 'cm', 'cfg', '-o', 'jsonpath={.data}').stdout).toBe('{"b":"2","c":"3"}');
    expect(run('patch', 'crontab', 'my-cron', '--type', 'merge', '-p', '{"spec":{"items":["c"]}}').stdout).toBe('crontab.stable.example.com/my-cron patched\n');
    expect(run('get', 'crontab', 'my-cron', '-o', 'jsonpath={.spec.items}').stdout).toBe('["c"]');
  });

  it('finds the object a -f file names, takes the patch from --patch-file, and says "patched" as kubectl does (it compares with the file)', () => {
    const { dir, run } = cluster();
    const file = join(dir, 'agent.yaml');
    writeFileSync(file, CLUSTER.split('---\n')[2]!);
    writeFileSync(join(dir, 'patch.yaml'), 'spec:\n  template:\n    spec:\n      containers:\n      - name: main\n        image: example/agent:4\n');
    expect(run('patch', '-f', file, '--patch-file', join(dir, 'patch.yaml'))).toEqual({ code: 0, stdout: 'daemonset.apps/agent patched\n', stderr: '' });
    expect(run('get', 'ds', 'agent', '-o', 'jsonpath={.spec.template.spec.containers[0].image}').stdout).toBe('example/agent:4');
    // The server changes nothing now, but the file's object is not the server's: kubectl says "patched".
    expect(run('patch', '-f', file, '--patch-file', join(dir, 'patch.yaml')).stdout).toBe('daemonset.apps/agent patched\n');
    expect(run('patch', '-f', file, '-p', '{}', '--patch-file', join(dir, 'patch.yaml')).stderr).toBe('error: cannot specify --patch and --patch-file together\n');
  });

  it('patches a file with --local exactly as kubectl patch --local does (outputs taken from kubectl v1.32)', () => {
    const { dir, run } = cluster();
    const file = join(dir, 'small.yaml');
    writeFileSync(file, CLUSTER.split('---\n')[2]!);
    expect(run('patch', '--local', '-f', file, '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"main","env":[{"name":"B","value":"2"}]}]}}}}', '-o', 'yaml').stdout).toBe(
      'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\n  namespace: default\nspec:\n  selector:\n    matchLabels:\n      app: agent\n  template:\n    metadata:\n      labels:\n        app: agent\n    spec:\n      containers:\n      - env:\n        - name: B\n          value: "2"\n        - name: A\n          value: "1"\n        image: example/agent:1\n        name: main\n',
    );
    // A new printer for each object: no `---` between them, as kubectl prints them.
    writeFileSync(file, `${CLUSTER.split('---\n')[2]!}---\n${CLUSTER.split('---\n')[2]!.replace('name: agent\n', 'name: agent2\n')}`);
    const two = run('patch', '--local', '-f', file, '-p', '{"metadata":{"labels":{"a":"b"}}}', '-o', 'yaml').stdout;
    expect([two.match(/^apiVersion: /gm)?.length, two.includes('---')]).toEqual([2, false]);
    expect(run('patch', '--local', '-f', file, '--type', 'json', '-p', '[{"op":"remove","path":"/spec/nope"}]')).toEqual({
      code: 1,
      stdout: '',
      // Two errors are kubectl's aggregate: a line each, without "error: ".
      stderr: "error in remove for path: '/spec/nope': Unable to remove nonexistent key: nope: missing value\nerror in remove for path: '/spec/nope': Unable to remove nonexistent key: nope: missing value\n",
    });
  });

  it('patches each object named on its own: one refused leaves the others patched, the errors last, as an aggregate', () => {
    const { dir, run } = cluster();
    writeFileSync(join(dir, 'other.yaml'), CLUSTER.split('---\n')[2]!.replace('name: agent\n', 'name: other\n'));
    run('apply', '-f', join(dir, 'other.yaml'));
    const r = run('patch', 'ds', 'agent', 'ghost', 'other', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"main","image":""}]}}}}');
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Error from server (Invalid): DaemonSet.apps "agent" is invalid: spec.template.spec.containers[0].image: Required value\n' +
        'Error from server (NotFound): daemonsets.apps "ghost" not found\n' +
        'Error from server (Invalid): DaemonSet.apps "other" is invalid: spec.template.spec.containers[0].image: Required value\n',
    });
    expect(run('patch', 'ds', 'ghost', 'other', '--type', 'json', '-p', '[{"op":"replace","path":"/spec/minReadySeconds","value":5}]')).toEqual({
      code: 1,
      stdout: 'daemonset.apps/other patched\n',
      stderr: 'Error from server (NotFound): daemonsets.apps "ghost" not found\n',
    });
  });

  describe('refuses, in kubectl and the API server’s words, and leaves the log as it was', () => {
    const cases: { name: string; args: string[]; stderr: string }[] = [
      {
        name: 'a JSON patch whose test fails',
        args: ['ds', 'agent', '--type', 'json', '-p', '[{"op":"replace","path":"/spec/minReadySeconds","value":5},{"op":"test","path":"/spec/minReadySeconds","value":3}]'],
        stderr: 'The request is invalid: the server rejected our request due to an error in our request\n',
      },
      {
        name: 'a JSON patch that removes what is not there',
        args: ['ds', 'agent', '--type', 'json', '-p', '[{"op":"remove","path":"/spec/template/spec/tolerations"}]'],
        stderr: 'The request is invalid: the server rejected our request due to an error in our request\n',
      },
      {
        name: 'a change of the immutable selector',
        args: ['ds', 'agent', '-p', '{"spec":{"selector":{"matchLabels":{"app":"other"}},"template":{"metadata":{"labels":{"app":"other"}}}}}'],
        stderr: 'The DaemonSet "agent" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"other"}}: field is immutable\n',
      },
      {
        name: 'an invalid result',
        args: ['ds', 'agent', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"main","image":""}]}}}}'],
        stderr: 'The DaemonSet "agent" is invalid: spec.template.spec.containers[0].image: Required value\n',
      },
      { name: 'a list element without its merge key', args: ['ds', 'agent', '-p', '{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}'], stderr: 'Error from server: map: map[image:x] does not contain declared merge key: name\n' },
      { name: 'a patch that is not JSON', args: ['ds', 'agent', '-p', '{"spec":'], stderr: 'Error from server (BadRequest): unexpected end of JSON input\n' },
      { name: 'a JSON patch that is not a list', args: ['ds', 'agent', '--type', 'json', '-p', '{"op":"add"}'], stderr: 'Error from server (BadRequest): error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp\n' },
      { name: 'an unknown --type', args: ['ds', 'agent', '--type', 'yaml', '-p', '{}'], stderr: 'error: --type must be one of [json merge strategic], not "yaml"\n' },
      { name: 'no patch', args: ['ds', 'agent'], stderr: 'error: must specify --patch or --patch-file containing the contents of the patch\n' },
      { name: 'an object that is not there', args: ['ds', 'ghost', '-p', '{}'], stderr: 'Error from server (NotFound): daemonsets.apps "ghost" not found\n' },
      { name: 'a new name', args: ['ds', 'agent', '-p', '{"metadata":{"name":"other"}}'], stderr: 'Error from server (BadRequest): the name of the object (other) does not match the name on the URL (agent)\n' },
      {
        name: 'a strategic merge patch of a custom resource',
        args: ['crontab', 'my-cron', '-p', '{"spec":{"items":["c"]}}'],
        stderr:
          'error: application/strategic-merge-patch+json is not supported by stable.example.com/v1, Kind=CronTab: the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml\n',
      },
      {
        name: "a namespace's default ServiceAccount, which dsim shows but does not store",
        args: ['serviceaccount', 'default', '-p', '{"automountServiceAccountToken":false}'],
        stderr: 'error: dsim shows the ServiceAccount "default" of namespace "default" as its controller makes it, but does not store it: apply one of that name to change it\n',
      },
      {
        name: 'a value of the wrong type',
        args: ['ds', 'agent', '-p', '{"spec":{"minReadySeconds":"x"}}'],
        stderr: 'The request is invalid: patch: Invalid value: "map[spec:map[minReadySeconds:x]]": cannot convert string to int32\n',
      },
      {
        name: 'a list where the type has an object',
        args: ['ds', 'agent', '-p', '{"spec":{"template":{"spec":{"securityContext":[1]}}}}'],
        stderr: 'The request is invalid: patch: Invalid value: "map[spec:map[template:map[spec:map[securityContext:[1]]]]]": cannot restore struct from: slice\n',
      },
    ];
    const { log, run } = cluster();
    for (const c of cases) {
      it(c.name, () => {
        const before = readFileSync(log);
        expect(run('patch', ...c.args)).toEqual({ code: 1, stdout: '', stderr: c.stderr });
        expect(readFileSync(log).equals(before)).toBe(true);
      });
    }
  });
});

// End-to-end tests of the dsim command: what each verb does to the simulated cluster, reading
// the past with --at, surviving a torn log, and refusing bad input without touching the log.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dsim, tempDir } from './dsim.ts';

const NODE = (name: string, labels: Record<string, string> = {}) => `apiVersion: v1
kind: Node
metadata:
  name: ${name}
  labels:
    kubernetes.io/os: linux
${Object.entries(labels).map(([k, v]) => `    ${k}: "${v}"`).join('\n')}
status:
  conditions:
  - type: Ready
    status: "True"
  allocatable: {cpu: "2", memory: 4Gi, pods: "110"}
`;

const DS = (name: string, extra = '') => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ${name}
  namespace: default
spec:
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
${extra}      containers:
      - name: main
        image: example/${name}:1
`;

/** A bare pod bound to node a. */
const WEB_POD = `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: default}
spec:
  nodeName: a
  containers: [{name: web, image: nginx:1.25}]
`;

function cluster(nodes: string[], files: Record<string, string> = {}): { dir: string; log: string } {
  const dir = tempDir();
  const log = join(dir, 'events.ndjson');
  writeFileSync(join(dir, 'nodes.yaml'), nodes.join('---\n'));
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  const r = dsim(['apply', '-f', join(dir, 'nodes.yaml')], { log });
  expect(r.code, r.stderr).toBe(0);
  return { dir, log };
}

function podNodes(log: string, ds: string): string[] {
  const r = dsim(['get', 'pods', '-o', 'wide', '-l', `app=${ds}`, '--no-headers'], { log });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.trim().split(/\s+/)[6]!)
    .sort();
}

describe('verbs do what Kubernetes would', () => {
  it('apply creates one pod per matching node; re-apply is unchanged; a template change is configured', () => {
    const { dir, log } = cluster([NODE('a', { tier: 'web' }), NODE('b'), NODE('c', { tier: 'web' })], {
      'ds.yaml': DS('agent', '      nodeSelector: {tier: web}\n'),
    });
    expect(dsim(['apply', '-f', join(dir, 'ds.yaml')], { log }).stdout).toBe('daemonset.apps/agent created\n');
    expect(dsim(['advance', '1m'], { log }).code).toBe(0);
    expect(podNodes(log, 'agent')).toEqual(['a', 'c']);
    expect(dsim(['apply', '-f', join(dir, 'ds.yaml')], { log }).stdout).toBe('daemonset.apps/agent unchanged\n');
    writeFileSync(join(dir, 'ds.yaml'), DS('agent', '      nodeSelector: {tier: web}\n').replace(':1', ':2'));
    expect(dsim(['apply', '-f', join(dir, 'ds.yaml')], { log }).stdout).toBe('daemonset.apps/agent configured\n');
    const st = dsim(['rollout', 'status', 'ds/agent'], { log });
    expect(st.code, st.stderr).toBe(0);
    expect(st.stdout.trim().split('\n').at(-1)).toBe('daemon set "agent" successfully rolled out');
    const hist = dsim(['rollout', 'history', 'daemonset/agent'], { log });
    expect(hist.stdout).toBe('daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    // One revision: the template as kubectl's DescribePodTemplate prints it.
    const first = dsim(['rollout', 'history', 'daemonset/agent', '--revision=1'], { log });
    expect(first.stdout).toBe(
      'daemonset.apps/agent with revision #1\nPod Template:\n  Labels:  app=agent\n  Containers:\n   main:\n    Image:         example/agent:1\n' +
        '    Port:          <none>\n    Host Port:     <none>\n    Environment:   <none>\n    Mounts:        <none>\n  Volumes:         <none>\n' +
        '  Node-Selectors:  tier=web\n  Tolerations:     <none>\n\n',
    );
    // Each revision keeps the DaemonSet's annotations of its time (snapshot): its own change-cause.
    const annotated = (cause: string, image: string) =>
      DS('agent', '      nodeSelector: {tier: web}\n').replace('name: agent\n', `name: agent\n  annotations: {kubernetes.io/change-cause: "${cause}"}\n`).replace(':1', image);
    writeFileSync(join(dir, 'ds.yaml'), annotated('to three', ':3'));
    dsim(['apply', '-f', join(dir, 'ds.yaml')], { log });
    dsim(['advance', '1m'], { log });
    writeFileSync(join(dir, 'ds.yaml'), annotated('to four', ':4'));
    dsim(['apply', '-f', join(dir, 'ds.yaml')], { log });
    dsim(['advance', '1m'], { log });
    expect(dsim(['rollout', 'history', 'daemonset/agent'], { log }).stdout).toBe(
      'daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n3         to three\n4         to four\n\n',
    );
    const revs = dsim(['get', 'controllerrevisions', '-o', 'jsonpath={range .items[*]}{.revision} {.metadata.annotations.kubernetes\\.io/change-cause}{"\\n"}{end}'], { log });
    expect(revs.stdout.trim().split('\n').sort()).toEqual(['1 ', '2 ', '3 to three', '4 to four']);
  });

  it('set image starts a rolling update as kubectl set image does: by name, selector or file, init containers too, silent when nothing changes', () => {
    const withInit = DS('agent', '      initContainers: [{name: setup, image: busybox:1}]\n').replace('    spec:\n      initContainers', '    spec:\n      initContainers');
    const { dir, log } = cluster([NODE('a'), NODE('b')], { 'ds.yaml': withInit, 'other.yaml': DS('other').replace('name: other\n  namespace', 'name: other\n  labels: {team: x}\n  namespace') });
    expect(dsim(['apply', '-f', join(dir, 'ds.yaml'), '-f', join(dir, 'other.yaml')], { log }).code).toBe(0);
    dsim(['advance', '1m'], { log });
    const set = dsim(['set', 'image', 'daemonset/agent', 'main=example/agent:2', 'setup=busybox:2'], { log });
    expect(set, set.stderr).toMatchObject({ code: 0, stdout: 'daemonset.apps/agent image updated\n', stderr: '' });
    // The same images again: kubectl sends no patch and prints nothing.
    const before = readFileSync(log);
    expect(dsim(['set', 'image', 'ds', 'agent', 'main=example/agent:2'], { log })).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(log).equals(before)).toBe(true);
    const st = dsim(['rollout', 'status', 'ds/agent'], { log });
    expect(st.stdout.trim().split('\n').at(-1)).toBe('daemon set "agent" successfully rolled out');
    const images = dsim(['get', 'pods', '-l', 'app=agent', '-o', 'jsonpath={range .items[*]}{.spec.initContainers[0].image} {.spec.containers[0].image}{"\\n"}{end}'], { log });
    expect(images.stdout).toBe('busybox:2 example/agent:2\nbusybox:2 example/agent:2\n');
    expect(dsim(['rollout', 'history', 'ds/agent'], { log }).stdout).toContain('2         <none>');
    // By label selector, every container with *, printed by name.
    expect(dsim(['set', 'image', 'ds', '-l', 'team=x', '*=example/other:9', '-o', 'name'], { log }).stdout).toBe('daemonset.apps/other\n');
    // From a file, as yaml: the stored object, generation moved on.
    const y = dsim(['set', 'image', '-f', join(dir, 'ds.yaml'), 'main=example/agent:3', '-o', 'yaml'], { log });
    expect(y.code, y.stderr).toBe(0);
    expect(y.stdout).toMatch(/^apiVersion: apps\/v1\nkind: DaemonSet\n/);
    expect(y.stdout).toContain('  generation: 3\n');
    expect(y.stdout).toContain('- image: example/agent:3\n');
    // A container that is not there is an error; the others still change, as kubectl patches them.
    const partial = dsim(['set', 'image', 'ds/agent', 'main=example/agent:4', 'sidecar=x'], { log });
    expect(partial).toMatchObject({ code: 1, stdout: 'daemonset.apps/agent image updated\n', stderr: 'error: unable to find container named "sidecar"\n' });
  });

  it('init containers run first: Init:0/1 while they do, then completed, with their own kubelet events', () => {
    const { dir, log } = cluster([NODE('a')], { 'ds.yaml': DS('cni', '      initContainers: [{name: install, image: example/install:1}]\n') });
    dsim(['apply', '-f', join(dir, 'ds.yaml')], { log });
    dsim(['advance', '1m'], { log });
    const events = dsim(['get', 'events', '--field-selector', 'involvedObject.kind=Pod', '-o', 'custom-columns=REASON:.reason,AT:.firstTimestamp,WHERE:.involvedObject.fieldPath', '--no-headers'], { log });
    const rows = events.stdout.trim().split('\n').map((l) => l.trim().split(/\s+/));
    expect(rows.map((r) => `${r[0]} ${r[2] ?? ''}`)).toEqual([
      'Scheduled <none>',
      'Pulling spec.initContainers{install}',
      'Pulled spec.initContainers{install}',
      'Created spec.initContainers{install}',
      'Started spec.initContainers{install}',
      'Pulling spec.containers{main}',
      'Pulled spec.containers{main}',
      'Created spec.containers{main}',
      'Started spec.containers{main}',
    ]);
    // Between the binding and the start, the pod is initializing: a millisecond before the second
    // the start is filed under (events keep whole seconds), it is bound and not started.
    const bound = Date.parse(rows[0]![1]!);
    const started = Date.parse(rows[1]![1]!);
    expect(started).toBeGreaterThan(bound);
    const at = `${(started - Date.parse('2025-01-01T00:00:00Z') - 1) / 1000}s`;
    expect(dsim(['get', 'pods', '--no-headers', '--at', at], { log }).stdout).toMatch(/^cni-\S+\s+0\/1\s+Init:0\/1\s/);
    expect(dsim(['get', 'pods', '--no-headers'], { log }).stdout).toMatch(/^cni-\S+\s+1\/1\s+Running\s/);
    expect(dsim(['describe', 'pods'], { log }).stdout).toMatch(/Init Containers:\n  install:\n[\s\S]*State:          Terminated\n      Reason:       Completed\n      Exit Code:    0\n/);
  });

  it('relabelling a node adds or removes its pod', () => {
    const { dir, log } = cluster([NODE('a'), NODE('b')], { 'ds.yaml': DS('agent', '      nodeSelector: {tier: web}\n') });
    dsim(['apply', '-f', join(dir, 'ds.yaml')], { log });
    dsim(['advance', '30s'], { log });
    expect(podNodes(log, 'agent')).toEqual([]);
    expect(dsim(['label', 'node', 'b', 'tier=web'], { log }).stdout).toBe('node/b labeled\n');
    dsim(['advance', '30s'], { log });
    expect(podNodes(log, 'agent')).toEqual(['b']);
    // kubectl says `unlabeled` when a removal (without --overwrite) made the object shorter.
    expect(dsim(['label', 'node', 'b', 'tier-'], { log }).stdout).toBe('node/b unlabeled\n');
    dsim(['advance', '1m'], { log });
    expect(podNodes(log, 'agent')).toEqual([]);
    const clash = dsim(['label', 'node', 'a', 'kubernetes.io/os=windows'], { log });
    expect(clash.code).toBe(1);
    expect(clash.stderr).toBe("error: 'kubernetes.io/os' already has a value (linux), and --overwrite is false\n");
  });

  it('label and taint act on several nodes, by name, -l or --all, as kubectl does, each node on its own', () => {
    const { log } = cluster([NODE('a', { pool: 'x' }), NODE('b', { pool: 'x' }), NODE('c', { pool: 'y' })]);
    expect(dsim(['label', 'nodes', 'a', 'b', 'tier=web'], { log }).stdout).toBe('node/a labeled\nnode/b labeled\n');
    expect(dsim(['label', 'nodes', '-l', 'pool=y', 'tier=db'], { log }).stdout).toBe('node/c labeled\n');
    // Removing a label a node lacks is reported, and the node's line still follows.
    const some = dsim(['label', 'nodes/a', 'nodes/b', 'nodes/c', 'tier-', 'extra-'], { log });
    expect(some.stdout).toBe(
      'label "extra" not found.\nnode/a unlabeled\nlabel "extra" not found.\nnode/b unlabeled\nlabel "extra" not found.\nnode/c unlabeled\n',
    );
    const clash = dsim(['label', 'nodes', '--all', 'pool=z'], { log });
    expect(clash.code).toBe(1);
    // Several failures are printed as kubectl's aggregate prints them: one a line, no `error: `.
    expect(clash.stderr).toBe(
      ["'pool' already has a value (x), and --overwrite is false", "'pool' already has a value (x), and --overwrite is false", "'pool' already has a value (y), and --overwrite is false"]
        .map((m) => `${m}\n`)
        .join(''),
    );
    expect(dsim(['label', 'nodes', 'a', '-l', 'pool=x', 'k=v'], { log }).stderr).toBe('error: name cannot be provided when a selector is specified\n');
    // taint: the new taint first, then the node's own (kubectl's reorganizeTaints).
    expect(dsim(['taint', 'nodes', '-l', 'pool=x', 'one=1:NoSchedule'], { log }).stdout).toBe('node/a tainted\nnode/b tainted\n');
    expect(dsim(['taint', 'nodes', 'a', 'two:PreferNoSchedule'], { log }).stdout).toBe('node/a tainted\n');
    const taints = JSON.parse(dsim(['get', 'node', 'a', '-o', 'jsonpath={.spec.taints}'], { log }).stdout);
    expect(taints.map((t: { key: string }) => t.key)).toEqual(['two', 'one']);
    const missing = dsim(['taint', 'nodes', '--all', 'one:NoSchedule-'], { log });
    expect(missing.stdout).toBe('node/a untainted\nnode/b untainted\n');
    expect(missing.stderr).toBe('error: taint "one:NoSchedule" not found\n');
    expect(missing.code).toBe(1);
    const before = readFileSync(log, 'utf8');
    const bad = dsim(['taint', 'nodes', 'a', 'bad key:NoExecute'], { log });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error: invalid taint spec: bad key:NoExecute, name part must consist of .*\nSee 'dsim taint -h' for help and examples\n$/);
    expect(readFileSync(log, 'utf8')).toBe(before);
    expect(dsim(['taint', 'nodes', 'a', 'nope', 'k=v:NoSchedule'], { log }).stderr).toBe('Error from server (NotFound): nodes "nope" not found\n');
  });

  it('delete --cascade=orphan leaves the pods running without an owner; the DaemonSet applied again adopts them', () => {
    const { dir, log } = cluster([NODE('a'), NODE('b')], { 'ds.yaml': DS('agent') });
    dsim(['apply', '-f', join(dir, 'ds.yaml')], { log });
    dsim(['advance', '1m'], { log });
    const before = dsim(['get', 'pods', '-o', 'name'], { log }).stdout;
    expect(dsim(['delete', 'ds', 'agent', '--cascade=orphan'], { log }).stdout).toBe('daemonset.apps "agent" deleted\n');
    dsim(['advance', '5m'], { log });
    expect(dsim(['get', 'pods', '-o', 'name'], { log }).stdout).toBe(before);
    expect(dsim(['get', 'pods', '-o', 'jsonpath={.items[*].metadata.ownerReferences}'], { log }).stdout).toBe('');
    expect(dsim(['get', 'controllerrevisions', '--no-headers'], { log }).stdout).toMatch(/^agent-\S+\s+<none>\s+1\s/);
    expect(dsim(['apply', '-f', join(dir, 'ds.yaml')], { log }).stdout).toBe('daemonset.apps/agent created\n');
    dsim(['advance', '1m'], { log });
    expect(dsim(['get', 'pods', '-o', 'name'], { log }).stdout).toBe(before);
    const uid = dsim(['get', 'ds', 'agent', '-o', 'jsonpath={.metadata.uid}'], { log }).stdout;
    expect(dsim(['get', 'pods', '-o', 'jsonpath={.items[*].metadata.ownerReferences[0].uid}'], { log }).stdout).toBe(`${uid} ${uid}`);
    expect(dsim(['get', 'ds', 'agent', '--no-headers'], { log }).stdout).toMatch(/^agent\s+2\s+2\s+2\s+2\s+2\s/);
    const bad = dsim(['delete', 'ds', 'agent', '--cascade=maybe'], { log });
    expect([bad.code, bad.stderr]).toEqual([1, 'error: invalid cascade value (maybe). Must be "background", "foreground", or "orphan"\n']);
  });

  it('label pods: a pod relabelled out of its DaemonSet is released and keeps running; the node gets a new one', () => {
    const { dir, log } = cluster([NODE('a'), NODE('b')], { 'ds.yaml': DS('agent') });
    dsim(['apply', '-f', join(dir, 'ds.yaml')], { log });
    dsim(['advance', '1m'], { log });
    const pod = dsim(['get', 'pods', '--field-selector', 'spec.nodeName=a', '-o', 'jsonpath={.items[0].metadata.name}'], { log }).stdout;
    const taken = dsim(['label', 'pods', pod, 'app=debug'], { log });
    expect([taken.code, taken.stderr]).toEqual([1, "error: 'app' already has a value (agent), and --overwrite is false\n"]);
    expect(dsim(['label', 'pods', pod, 'app=debug', '--overwrite'], { log }).stdout).toBe(`pod/${pod} labeled\n`);
    dsim(['advance', '1m'], { log });
    // The released pod runs on without an owner; the DaemonSet has a new pod on a.
    expect(dsim(['get', 'pods', pod, '-o', 'jsonpath={.metadata.labels.app} {.metadata.ownerReferences} {.status.phase}'], { log }).stdout).toBe('debug  Running');
    expect(podNodes(log, 'agent')).toEqual(['a', 'b']);
    expect(dsim(['get', 'pods', '-l', 'app=agent', '-o', 'name'], { log }).stdout).not.toContain(pod);
    expect(dsim(['get', 'ds', 'agent', '--no-headers'], { log }).stdout).toMatch(/^agent\s+2\s+2\s+2\s+2\s+2\s/);
    expect(dsim(['events', '--type', 'PodReleased'], { log }).stdout).toContain(`default/${pod}`);
    // Labelled back, it is adopted again, and the controller deletes one of the two on a.
    expect(dsim(['label', 'pods', pod, 'app=agent', '--overwrite'], { log }).stdout).toBe(`pod/${pod} labeled\n`);
    dsim(['advance', '1m'], { log });
    expect(podNodes(log, 'agent')).toEqual(['a', 'b']);
    // By selector, over the namespace's pods; a bad label value changes nothing.
    expect(dsim(['label', 'pods', '-l', 'app=agent', 'tier=node'], { log }).stdout).toMatch(/^pod\/agent-\S+ labeled\npod\/agent-\S+ labeled\n$/);
    const bad = dsim(['label', 'pods', '--all', 'k=-x'], { log });
    expect(bad.code).toBe(1);
    expect(dsim(['label', 'pods', 'nope', 'k=v'], { log }).stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });

  it('delete --cascade=foreground keeps the DaemonSet, marked, until the garbage collector has deleted its pods', () => {
    const { dir, log } = cluster([NODE('a'), NODE('b')], { 'ds.yaml': DS('agent') });
    dsim(['apply', '-f', join(dir, 'ds.yaml')], { log });
    dsim(['advance', '1m'], { log });
    expect(dsim(['delete', 'ds', 'agent', '--cascade=foreground'], { log }).stdout).toBe('daemonset.apps "agent" deleted\n');
    expect(dsim(['get', 'ds', 'agent', '-o', 'jsonpath={.metadata.finalizers} {.metadata.deletionGracePeriodSeconds} {.metadata.deletionTimestamp}'], { log }).stdout).toBe(
      '["foregroundDeletion"] 0 2025-01-01T00:01:00Z',
    );
    expect(dsim(['get', 'ds', '-o', 'name'], { log }).stdout).toBe('daemonset.apps/agent\n');
    dsim(['advance', '1m'], { log });
    // It went after its last pod, not before.
    const at = (type: string) => dsim(['events', '--type', type, '-o', 'json'], { log }).stdout.trim().split('\n').map((l) => JSON.parse(l).metadata.at as number);
    expect(at('DaemonSetFinalized')).toEqual([Math.max(...at('PodDeleted')) + 1]);
    expect(dsim(['get', 'ds,pods,controllerrevisions'], { log })).toMatchObject({ code: 0, stderr: 'No resources found in default namespace.\n' });
  });

  it('a DaemonSet whose service account does not exist makes no pods: FailedCreate, folded, retried until the account exists', () => {
    const { dir, log } = cluster([NODE('a'), NODE('b')], {
      'ds.yaml': DS('agent', '      serviceAccountName: agent-sa\n'),
      'sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: agent-sa, namespace: default}\n',
    });
    dsim(['apply', '-f', join(dir, 'ds.yaml')], { log });
    dsim(['advance', '5m'], { log });
    expect(dsim(['get', 'ds', 'agent', '--no-headers'], { log }).stdout).toMatch(/^agent\s+2\s+0\s+0\s+0\s+0\s/);
    const message = 'Error creating: pods "agent-" is forbidden: error looking up service account default/agent-sa: serviceaccount "agent-sa" not found';
    // The rate limiter's retries (5 ms doubling): one event, counted, as the EventCorrelator folds it.
    const described = dsim(['describe', 'ds', 'agent'], { log }).stdout;
    const line = described.split('\n').filter((l) => l.includes('FailedCreate'));
    expect(line).toHaveLength(1);
    expect(line[0]).toMatch(new RegExp(`^  Warning  FailedCreate  \\S+ \\(x1[5-9] over 5m\\)  daemonset-controller  ${message.replace(/[()]/g, '\\$&')}$`));
    dsim(['apply', '-f', join(dir, 'sa.yaml')], { log });
    dsim(['advance', '20m'], { log });
    expect(dsim(['get', 'ds', 'agent', '--no-headers'], { log }).stdout).toMatch(/^agent\s+2\s+2\s+2\s+2\s+2\s/);
  });

  it("a pod the scheduler cannot place keeps a FailedScheduling event: the scheduler's five-minute retries, folded", () => {
    const { dir, log } = cluster([NODE('a')], { 'ds.yaml': DS('big').replace('image: example/big:1', 'image: example/big:1\n        resources: {requests: {cpu: "10"}}') });
    dsim(['apply', '-f', join(dir, 'ds.yaml')], { log });
    dsim(['advance', '48h'], { log });
    const events = dsim(['describe', 'pods', '-l', 'app=big'], { log }).stdout.split('\n').filter((l) => l.includes('FailedScheduling'));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatch(/^  Warning  FailedScheduling  \S+ \(x57\d over 2d\)  default-scheduler  0\/1 nodes are available: 1 Insufficient cpu\./);
  });

  it('a bare pod that matches a DaemonSet is adopted at once, and the younger of two pods on its node deleted by the adopter', () => {
    const bare = 'apiVersion: v1\nkind: Pod\nmetadata: {name: bare, namespace: default, labels: {app: agent}}\nspec:\n  nodeName: a\n  containers: [{name: c, image: busybox}]\n';
    const { dir, log } = cluster([NODE('a'), NODE('b')], { 'ds.yaml': DS('agent'), 'bare.yaml': bare });
    dsim(['apply', '-f', join(dir, 'ds.yaml')], { log });
    dsim(['advance', '1m'], { log });
    dsim(['apply', '-f', join(dir, 'bare.yaml')], { log });
    dsim(['advance', '1m'], { log });
    expect(dsim(['events', '--type', 'PodAdopted'], { log }).stdout).toContain('default/bare');
    // Two pods on a: the controller keeps the older (its own) and deletes the adopted one.
    expect(podNodes(log, 'agent')).toEqual(['a', 'b']);
    const events = dsim(['get', 'events', '--field-selector', 'reason=SuccessfulDelete', '-o', 'custom-columns=OBJECT:.involvedObject.name,MESSAGE:.message', '--no-headers'], { log });
    expect(events.stdout).toMatch(/^agent\s+Deleted pod: bare\n$/);
  });

  it('a pod created bound to a node that does not exist is deleted by pod GC after its quarantine', () => {
    const ghost = 'apiVersion: v1\nkind: Pod\nmetadata: {name: ghost, namespace: default}\nspec:\n  nodeName: nowhere\n  containers: [{name: c, image: busybox}]\n';
    const { dir, log } = cluster([NODE('a')], { 'ghost.yaml': ghost });
    dsim(['apply', '-f', join(dir, 'ghost.yaml')], { log });
    dsim(['advance', '30s'], { log });
    expect(dsim(['get', 'pods', '-o', 'name'], { log }).stdout).toBe('pod/ghost\n');
    dsim(['advance', '1m'], { log });
    expect(dsim(['get', 'pods', '-o', 'name'], { log }).stdout).toBe('');
  });

  it('a node removed and added again under its name is another object: its events are not folded into the old one\'s', () => {
    const { dir, log } = cluster([NODE('a')]);
    dsim(['advance', '1m'], { log });
    dsim(['delete', 'node', 'a'], { log });
    dsim(['advance', '1m'], { log });
    dsim(['apply', '-f', join(dir, 'nodes.yaml')], { log });
    const reasons = dsim(['get', 'events', '-o', 'custom-columns=REASON:.reason,COUNT:.count', '--no-headers'], { log });
    expect(reasons.stdout.trim().split('\n').map((l) => l.trim().split(/\s+/).join(' '))).toEqual(['RegisteredNode 1', 'RemovingNode 1', 'RegisteredNode 1']);
  });

  it('NoSchedule keeps a running pod (misscheduled), NoExecute deletes it', () => {
    const { dir, log } = cluster([NODE('a'), NODE('b')], { 'ds.yaml': DS('agent') });
    dsim(['apply', '-f', join(dir, 'ds.yaml')], { log });
    dsim(['advance', '1m'], { log });
    expect(dsim(['taint', 'nodes', 'a', 'dedicated=x:NoSchedule'], { log }).stdout).toBe('node/a tainted\n');
    dsim(['advance', '1m'], { log });
    expect(podNodes(log, 'agent')).toEqual(['a', 'b']);
    const ds = JSON.parse(dsim(['get', 'ds', 'agent', '-o', 'json'], { log }).stdout);
    expect(ds.status).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1, numberMisscheduled: 1 });
    expect(dsim(['taint', 'nodes', 'b', 'dedicated=x:NoExecute'], { log }).stdout).toBe('node/b tainted\n');
    dsim(['advance', '1m'], { log });
    expect(podNodes(log, 'agent')).toEqual(['a']);
  });

  it('cordon keeps DaemonSet pods; drain needs --ignore-daemonsets and evicts the rest', () => {
    const { dir, log } = cluster([NODE('a')], { 'ds.yaml': DS('agent'), 'pod.yaml': WEB_POD });
    dsim(['apply', '-f', join(dir, 'ds.yaml')], { log });
    expect(dsim(['apply', '-f', join(dir, 'pod.yaml')], { log }).stdout).toBe('pod/web created\n');
    dsim(['advance', '1m'], { log });
    expect(dsim(['cordon', 'a'], { log }).stdout).toBe('node/a cordoned\n');
    expect(dsim(['get', 'nodes', '--no-headers'], { log }).stdout).toMatch(/^a\s+Ready,SchedulingDisabled\s/);
    const agent = dsim(['get', 'pods', '-l', 'app=agent', '-o', 'name'], { log }).stdout.trim().replace('pod/', 'default/');
    const refused = dsim(['drain', 'a'], { log });
    expect(refused.code).toBe(1);
    // kubectl's aggregate: two reasons, bracketed on the first line, then one per line.
    const daemon = `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${agent}`;
    const bare = 'cannot delete Pods that declare no controller (use --force to override): default/web';
    expect(refused.stderr).toBe(
      `error: unable to drain node "a" due to error: [${daemon}, ${bare}], continuing command...\nThere are pending nodes to be drained:\n a\n${daemon}\n${bare}\n`,
    );
    const drained = dsim(['drain', 'a', '--ignore-daemonsets', '--force'], { log });
    expect(drained.code, drained.stderr).toBe(0);
    expect(drained.stdout).toBe('node/a already cordoned\nevicting pod default/web\npod/web evicted\nnode/a drained\n');
    // kubectl's warnings share one line.
    expect(drained.stderr).toBe(`Warning: ignoring DaemonSet-managed Pods: ${agent}; deleting Pods that declare no controller: default/web\n`);
    expect(podNodes(log, 'agent')).toEqual(['a']);
    expect(dsim(['uncordon', 'a'], { log }).stdout).toBe('node/a uncordoned\n');
  });


  it('a bare pod is stored as the API server admits it: five minutes of not-ready and unreachable tolerated', () => {
    const { dir, log } = cluster([NODE('a')], { 'pod.yaml': WEB_POD });
    dsim(['apply', '-f', join(dir, 'pod.yaml')], { log });
    // kubectl describe's form for tolerationSeconds (DefaultTolerationSeconds added them).
    expect(dsim(['describe', 'pod', 'web'], { log }).stdout).toContain(
      'Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n' +
        '                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n',
    );
    const spec = JSON.parse(dsim(['get', 'pod', 'web', '-o', 'json'], { log }).stdout).spec;
    // The ServiceAccount admission plugin: the default account, its token mounted read-only.
    expect(spec).toMatchObject({ serviceAccountName: 'default', serviceAccount: 'default' });
    expect(spec.containers[0].volumeMounts).toEqual([{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: spec.volumes[0].name, readOnly: true }]);
    expect(spec.volumes[0].name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    // That account exists, as the ServiceAccount controller makes one in every namespace.
    expect(dsim(['get', 'serviceaccounts', '-A', '--no-headers', '-o', 'custom-columns=NS:.metadata.namespace,NAME:.metadata.name'], { log }).stdout.split('\n').filter((l) => l !== '').map((l) => l.replace(/\s+/g, ' '))).toEqual([
      'default default',
      'kube-node-lease default',
      'kube-public default',
      'kube-system default',
    ]);
    expect(spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    // Created with spec.nodeName, it never meets the scheduler: the kubelet's events only.
    dsim(['advance', '1m'], { log });
    const reasons = dsim(['get', 'events', '--field-selector', 'involvedObject.name=web', '-o', 'jsonpath={.items[*].reason}'], { log });
    expect(reasons.stdout).toBe('Pulling Pulled Created Started');
  });

  it('get -o jsonpath prints as kubectl does; a bad template is refused before anything is read, the log untouched', () => {
    const { dir, log } = cluster([NODE('a'), NODE('b')], { 'ds.yaml': DS('agent'), 'pod.yaml': WEB_POD });
    dsim(['apply', '-f', join(dir, 'ds.yaml')], { log });
    dsim(['apply', '-f', join(dir, 'pod.yaml')], { log });
    dsim(['advance', '1m'], { log });
    const range = dsim(['get', 'pods', '-o', 'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.spec.nodeName}{"\\n"}{end}'], { log });
    expect(range.code, range.stderr).toBe(0);
    const rows = range.stdout.split('\n');
    expect(rows.pop()).toBe('');
    expect(rows.map((r) => r.split('\t')[1]).sort()).toEqual(['a', 'a', 'b']);
    expect(rows.some((r) => r === 'web\ta')).toBe(true);
    expect(dsim(['get', 'pod', 'web', '-o', 'jsonpath={.spec.containers[0].image} {.status.phase}'], { log }).stdout).toBe('nginx:1.25 Running');
    expect(dsim(['get', 'ds', 'agent', '-o', 'jsonpath={.status.numberReady}/{.status.desiredNumberScheduled}'], { log }).stdout).toBe('2/2');
    expect(dsim(['get', 'nodes', '-o', 'jsonpath={.items[?(@.metadata.name=="b")].metadata.labels}'], { log }).stdout).toBe(
      '{"kubernetes.io/os":"linux"}',
    );
    expect(dsim(['get', 'pod', 'web', '-o', 'jsonpath-as-json={.metadata.name}'], { log }).stdout).toBe('[\n    "web"\n]\n');
    const before = readFileSync(log, 'utf8');
    const bad = dsim(['get', 'pods', '-o', 'jsonpath={.items[*}'], { log });
    expect([bad.code, bad.stdout, bad.stderr]).toEqual([1, '', 'error: error parsing jsonpath {.items[*}, unterminated array\n']);
    const empty = dsim(['get', 'pods', '-o', 'jsonpath'], { log });
    expect([empty.code, empty.stderr]).toEqual([1, 'error: template format specified but no template given\n']);
    const failed = dsim(['get', 'pod', 'web', '-o', 'jsonpath={.spec.containers[3]}'], { log });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^error: error executing jsonpath "\{\.spec\.containers\[3\]\}": Error executing template: array index out of bounds: index 3, length 1\. /);
    expect(failed.stderr).toContain('\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{"apiVersion":"v1", "kind":"Pod", ');
    expect(failed.stderr.endsWith('}}\n\n\n')).toBe(true);
    expect(readFileSync(log, 'utf8')).toBe(before);
  });

  it('get -o custom-columns and --sort-by: a column per path, rows in the order kubectl sorts them', () => {
    const { dir, log } = cluster([NODE('c'), NODE('a'), NODE('b')], { 'ds.yaml': DS('agent'), 'pod.yaml': WEB_POD });
    dsim(['apply', '-f', join(dir, 'ds.yaml')], { log });
    dsim(['apply', '-f', join(dir, 'pod.yaml')], { log });
    dsim(['advance', '1m'], { log });
    const byNode = dsim(['get', 'pods', '--sort-by=.spec.nodeName', '-o', 'custom-columns=NODE:.spec.nodeName,IMAGE:.spec.containers[*].image,OWNER:.metadata.ownerReferences[0].kind'], { log });
    expect(byNode.code, byNode.stderr).toBe(0);
    const rows = byNode.stdout.split('\n').map((l) => l.split(/\s+/).filter((c) => c !== ''));
    expect(rows[0]).toEqual(['NODE', 'IMAGE', 'OWNER']);
    expect(rows.slice(1, -1).map((r) => r[0])).toEqual(['a', 'a', 'b', 'c']);
    expect(rows.slice(1, -1).map((r) => r[2]).sort()).toEqual(['<none>', 'DaemonSet', 'DaemonSet', 'DaemonSet']);
    // The table output sorts too; the name printer prints the sorted list.
    const table = dsim(['get', 'nodes', '--sort-by=.metadata.name', '--no-headers'], { log }).stdout.split('\n').map((l) => l.split(' ')[0]);
    expect(table.slice(0, 3)).toEqual(['a', 'b', 'c']);
    expect(dsim(['get', 'pods', '--sort-by=.spec.nodeName', '-o', 'name'], { log }).stdout.split('\n')[0]).toMatch(/^pod\/(web|agent-)/);
    const missing = dsim(['get', 'pods', '--sort-by=.nothing', '-o', 'name'], { log });
    expect([missing.code, missing.stdout, missing.stderr]).toEqual([1, '', 'error: couldn\'t find any field with path "{.nothing}" in the list of objects\n']);
    const labels = dsim(['get', 'pods', '--show-labels', '-o', 'custom-columns=N:.metadata.name'], { log });
    expect([labels.code, labels.stderr]).toEqual([1, 'error: --show-labels option cannot be used with custom-columns=N:.metadata.name printer\n']);
    // From files: a jsonpath template (its trailing newline printed), columns as header and path lines.
    writeFileSync(join(dir, 'names.tpl'), '{.items[*].spec.nodeName}\n');
    expect(dsim(['get', 'pods', '--sort-by=.spec.nodeName', '-o', `jsonpath-file=${join(dir, 'names.tpl')}`], { log }).stdout).toBe('a a b c\n');
    writeFileSync(join(dir, 'cols.txt'), 'NODE\n.spec.nodeName\n');
    expect(dsim(['get', 'nodes', '--sort-by=.metadata.name', '-o', `custom-columns-file=${join(dir, 'cols.txt')}`], { log }).stdout).toBe('NODE\n<none>\n<none>\n<none>\n');
    const unread = dsim(['get', 'pods', '-o', `jsonpath-file=${join(dir, 'nope.tpl')}`], { log });
    expect([unread.code, unread.stderr]).toEqual([1, `error: error reading --template ${join(dir, 'nope.tpl')}, open ${join(dir, 'nope.tpl')}: no such file or directory\n`]);
    const bad = dsim(['get', 'pods', '-o', 'custom-columns=NAME'], { log });
    expect([bad.code, bad.stderr]).toEqual([1, 'error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>\n']);
  });

  it('get events lists what the controllers, the scheduler and the kubelet recorded, where they file it', () => {
    const { dir, log } = cluster([NODE('a'), NODE('b')], { 'ds.yaml': DS('agent'), 'pod.yaml': WEB_POD });
    dsim(['apply', '-f', join(dir, 'ds.yaml')], { log });
    dsim(['apply', '-f', join(dir, 'pod.yaml')], { log });
    dsim(['advance', '1m'], { log });
    const all = dsim(['get', 'events'], { log });
    expect(all.code, all.stderr).toBe(0);
    const rows = all.stdout.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    // Node events are filed in the default namespace, with the pods there; the API server lists by name.
    const reasons = rows.slice(1).map((r) => r.split(/\s{2,}/).slice(2, 4).join(' '));
    expect(reasons.filter((r) => r.startsWith('RegisteredNode'))).toEqual(['RegisteredNode node/a', 'RegisteredNode node/b']);
    expect(reasons).toContain('SuccessfulCreate daemonset/agent');
    // web was created bound (spec.nodeName): the scheduler never saw it, the kubelet did.
    expect(reasons.filter((r) => r.endsWith('pod/web'))).toEqual(['Pulling pod/web', 'Pulled pod/web', 'Created pod/web', 'Started pod/web']);
    const wide = dsim(['get', 'events', '-o', 'wide', '--field-selector', 'involvedObject.name=web,reason=Started'], { log });
    expect(wide.stdout).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+SUBOBJECT\s+SOURCE\s+MESSAGE\s+FIRST SEEN\s+COUNT\s+NAME\n/);
    expect(wide.stdout).toMatch(/\n\S+\s+Normal\s+Started\s+pod\/web\s+spec\.containers\{web\}\s+kubelet, a\s+Started container web\s+\S+\s+1\s+web\.[0-9a-f]{16}\n$/);
    const event = JSON.parse(dsim(['get', 'events', '--field-selector', 'reason=Scheduled', '-o', 'json'], { log }).stdout).items[0];
    const agentPod = event.involvedObject.name as string;
    expect(agentPod).toMatch(/^agent-[a-z0-9]{5}$/);
    expect(event).toMatchObject({
      apiVersion: 'v1',
      kind: 'Event',
      involvedObject: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: agentPod },
      reason: 'Scheduled',
      message: expect.stringMatching(new RegExp(`^Successfully assigned default/${agentPod} to [ab]$`)),
      source: { component: 'default-scheduler' },
      count: 1,
      type: 'Normal',
    });
    expect(dsim(['get', 'events', '--field-selector', 'type=Warning'], { log }).stderr).toBe('No resources found in default namespace.\n');
    // --at: the events up to then.
    const early = dsim(['get', 'events', '--at', '0s', '-o', 'custom-columns=REASON:.reason', '--no-headers'], { log }).stdout;
    expect(early).toContain('RegisteredNode');
    expect(early).not.toContain('Started');
  });

  it('a NoExecute taint evicts the bare pods that do not tolerate it (the taint-eviction controller) and records why', () => {
    const { dir, log } = cluster([NODE('a')], { 'pod.yaml': WEB_POD });
    dsim(['apply', '-f', join(dir, 'pod.yaml')], { log });
    dsim(['advance', '1m'], { log });
    expect(dsim(['taint', 'node', 'a', 'maintenance=now:NoExecute'], { log }).stdout).toBe('node/a tainted\n');
    dsim(['advance', '1m'], { log });
    const pods = dsim(['get', 'pods'], { log });
    expect([pods.stdout, pods.stderr]).toEqual(['', 'No resources found in default namespace.\n']);
    const evicted = dsim(['get', 'events', '--field-selector', 'reason=TaintManagerEviction', '-o', 'custom-columns=OBJECT:.involvedObject.name,SOURCE:.source.component,MESSAGE:.message', '--no-headers'], { log });
    expect(evicted.stdout).toMatch(/^web\s+taint-eviction-controller\s+Marking for deletion Pod default\/web\n$/);
  });

  it('a node that fails and recovers gets one NodeNotReady and one NodeReady, whatever the clock reads', () => {
    const { log } = cluster([NODE('a')]);
    for (const args of [['advance', '10.5s'], ['fail', 'node', 'a'], ['advance', '1m'], ['recover', 'node', 'a'], ['advance', '1m']]) {
      expect(dsim(args, { log }).code).toBe(0);
    }
    const r = dsim(['get', 'events', '-o', 'custom-columns=REASON:.reason,FROM:.source.component', '--no-headers'], { log });
    expect(r.stdout.split('\n').filter((l) => l.startsWith('Node')).map((l) => l.replace(/\s+/g, ' '))).toEqual(['NodeNotReady node-controller', 'NodeReady kubelet']);
  });

  it('events expire an hour after they happen (the API server\'s --event-ttl), in get events and describe alike', () => {
    const { dir, log } = cluster([NODE('a')], { 'pod.yaml': WEB_POD });
    dsim(['apply', '-f', join(dir, 'pod.yaml')], { log });
    const reasons = (at?: string) =>
      dsim(['get', 'events', '-o', 'custom-columns=REASON:.reason', '--no-headers', ...(at === undefined ? [] : ['--at', at])], { log }).stdout.trimEnd().split('\n');
    dsim(['advance', '59m59s'], { log });
    expect(reasons()).toEqual(['RegisteredNode', 'Pulling', 'Pulled', 'Created', 'Started']);
    // The node registered at 0s; the kubelet started the pod a moment later.
    dsim(['advance', '1s'], { log });
    expect(reasons()).toEqual(['Pulling', 'Pulled', 'Created', 'Started']);
    dsim(['advance', '1m'], { log });
    const gone = dsim(['get', 'events'], { log });
    expect([gone.code, gone.stdout, gone.stderr]).toEqual([0, '', 'No resources found in default namespace.\n']);
    expect(dsim(['describe', 'pod', 'web'], { log }).stdout).toMatch(/\nEvents:\s+<none>\n$/);
    // The past still shows what was there then.
    expect(reasons('30m')).toEqual(['RegisteredNode', 'Pulling', 'Pulled', 'Created', 'Started']);
  });

  it('drain --timeout reports each pod still terminating as kubectl does; --force leaves the grace period alone', () => {
    const { dir, log } = cluster([NODE('a')], { 'pod.yaml': WEB_POD });
    dsim(['apply', '-f', join(dir, 'pod.yaml')], { log });
    dsim(['advance', '1m'], { log });
    // delete's --force means grace 0; drain's means "also pods without a controller", so a grace period goes with it.
    const timedOut = dsim(['drain', 'a', '--force', '--grace-period', '30', '--timeout', '100ms'], { log });
    expect(timedOut.code).toBe(1);
    expect(timedOut.stdout).toBe('node/a cordoned\nevicting pod default/web\n');
    const err = 'error when waiting for pod "web" terminating: global timeout reached: 100ms';
    expect(timedOut.stderr).toBe(
      'Warning: deleting Pods that declare no controller: default/web\n' +
        `There are pending pods in node "a" when an error occurred: ${err}\npod/web\n` +
        `error: unable to drain node "a" due to error: ${err}, continuing command...\nThere are pending nodes to be drained:\n a\n${err}\n`,
    );
    expect(dsim(['get', 'pods', '--no-headers'], { log }).stdout).toMatch(/^web\s+1\/1\s+Terminating\s/);
    const done = dsim(['drain', 'a', '--force'], { log });
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toBe('node/a already cordoned\nevicting pod default/web\npod/web evicted\nnode/a drained\n');
  });

  it('drain without --timeout waits at most a simulated day, and reports pods a dead kubelet cannot end as kubectl reports a timeout', () => {
    const { dir, log } = cluster([NODE('a')], { 'pod.yaml': WEB_POD });
    dsim(['apply', '-f', join(dir, 'pod.yaml')], { log });
    dsim(['advance', '1m'], { log });
    dsim(['fail', 'node', 'a'], { log });
    const stuck = dsim(['drain', 'a', '--force'], { log });
    const err = 'error when waiting for pod "web" terminating: global timeout reached: 24h0m0s';
    expect([stuck.code, stuck.stdout]).toEqual([1, 'node/a cordoned\nevicting pod default/web\n']);
    expect(stuck.stderr).toContain(`There are pending pods in node "a" when an error occurred: ${err}\n`);
    // Marked not ready by the node controller: its Ready condition only, so its containers are 1/1.
    expect(dsim(['get', 'pods', '--no-headers'], { log }).stdout).toMatch(/^web\s+1\/1\s+Terminating\s/);
    const events = dsim(['get', 'events', '--field-selector', 'involvedObject.name=web', '-o', 'custom-columns=TYPE:.type,REASON:.reason,FROM:.source.component,MESSAGE:.message', '--no-headers'], { log });
    expect(events.stdout).toMatch(/\nWarning\s+NodeNotReady\s+node-controller\s+Node is not ready\n/);
  });

  it("drain treats a pod whose DaemonSet was just deleted as kubectl does: an error, unless --force", () => {
    const { dir, log } = cluster([NODE('a')], { 'ds.yaml': DS('agent') });
    dsim(['apply', '-f', join(dir, 'ds.yaml')], { log });
    dsim(['advance', '1m'], { log });
    const agent = dsim(['get', 'pods', '-o', 'name'], { log }).stdout.trim().replace('pod/', '');
    expect(dsim(['delete', 'ds', 'agent'], { log }).code).toBe(0);
    // Until the garbage collector takes it, the pod still names its DaemonSet, which is gone.
    const owner = JSON.parse(dsim(['get', 'pod', agent, '-o', 'json'], { log }).stdout).metadata.ownerReferences;
    expect(owner).toEqual([expect.objectContaining({ kind: 'DaemonSet', name: 'agent', controller: true })]);
    const refused = dsim(['drain', 'a', '--ignore-daemonsets'], { log });
    expect(refused.code).toBe(1);
    const err = `cannot delete daemonsets.apps "agent" not found: default/${agent}`;
    expect(refused.stderr).toBe(`error: unable to drain node "a" due to error: ${err}, continuing command...\nThere are pending nodes to be drained:\n a\n${err}\n`);
    const forced = dsim(['drain', 'a', '--ignore-daemonsets', '--force'], { log });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toBe('');
    expect(forced.stdout).toBe(`node/a already cordoned\nevicting pod default/${agent}\npod/${agent} evicted\nnode/a drained\n`);
  });
  it('global flags may come before the command, as kubectl\'s may', () => {
    const { log } = cluster([NODE('a')]);
    // DSIM_LOG points elsewhere: only --log can find the cluster.
    const r = dsim(['--log', log, 'get', 'nodes', '-o', 'name'], { log: join(tempDir(), 'none.ndjson') });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('node/a\n');
    expect(dsim([`--log=${log}`, 'get', 'nodes', '-o', 'name'], { log: join(tempDir(), 'none.ndjson') }).stdout).toBe('node/a\n');
  });

  it('a namespace reads as the API server stores it: the kubernetes finalizer, and Active', () => {
    const { log } = cluster([NODE('a')]);
    const ns = JSON.parse(dsim(['get', 'ns', 'kube-system', '-o', 'json'], { log }).stdout);
    expect(ns).toMatchObject({ spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  });

  it('describe node lists its pods in the API server\'s order (namespace, then name), whatever their creation order', () => {
    const pod = (name: string, ns: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: ${ns}}
spec:
  nodeName: a
  containers: [{name: main, image: nginx:1.25}]
`;
    const { dir, log } = cluster([NODE('a')], { 'zeta.yaml': DS('zeta'), 'alpha.yaml': DS('alpha'), 'p1.yaml': pod('aaa', 'kube-system'), 'p2.yaml': pod('mmm', 'default') });
    for (const f of ['zeta.yaml', 'p1.yaml', 'alpha.yaml', 'p2.yaml']) expect(dsim(['apply', '-f', join(dir, f)], { log }).code).toBe(0);
    dsim(['advance', '1m'], { log });
    const out = dsim(['describe', 'node', 'a'], { log });
    expect(out.code, out.stderr).toBe(0);
    const section = out.stdout.slice(out.stdout.indexOf('Non-terminated Pods:'));
    const rows = section.split('\n').slice(3).filter((l) => /^\s{2}\S/.test(l)).map((l) => l.trim().split(/\s+/).slice(0, 2).join('/'));
    expect(rows.map((r) => r.replace(/-\w{5}$/, '-*')).slice(0, 4)).toEqual(['default/alpha-*', 'default/mmm', 'default/zeta-*', 'kube-system/aaa']);
  });

  it('describe node shows the four conditions a kubelet posts, heartbeats every 5 minutes, and all Unknown when it goes silent', () => {
    const { log } = cluster([NODE('a')]);
    dsim(['advance', '6m'], { log });
    const conditions = () => {
      const out = dsim(['describe', 'node', 'a'], { log }).stdout;
      return out.slice(out.indexOf('Conditions:'), out.indexOf('Addresses:')).split('\n').slice(3, -1).map((l) => l.trim().split(/\s{2,}/).slice(0, 5));
    };
    expect(conditions()).toEqual([
      ['MemoryPressure', 'False', 'Wed, 01 Jan 2025 00:05:00 +0000', 'Wed, 01 Jan 2025 00:00:00 +0000', 'KubeletHasSufficientMemory'],
      ['DiskPressure', 'False', 'Wed, 01 Jan 2025 00:05:00 +0000', 'Wed, 01 Jan 2025 00:00:00 +0000', 'KubeletHasNoDiskPressure'],
      ['PIDPressure', 'False', 'Wed, 01 Jan 2025 00:05:00 +0000', 'Wed, 01 Jan 2025 00:00:00 +0000', 'KubeletHasSufficientPID'],
      // The fixture's Ready condition has no reason or message of its own.
      ['Ready', 'True', 'Wed, 01 Jan 2025 00:05:00 +0000', 'Wed, 01 Jan 2025 00:00:00 +0000'],
    ]);
    dsim(['fail', 'node', 'a', '--unreachable'], { log });
    dsim(['advance', '2m'], { log });
    expect(conditions().map((c) => [c[0], c[1], c[2], c[4]])).toEqual(
      ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'].map((type) => [type, 'Unknown', 'Wed, 01 Jan 2025 00:05:00 +0000', 'NodeStatusUnknown']),
    );
  });

  it('the two system PriorityClasses are there from the start; a pod naming a class that does not exist is refused', () => {
    const { dir, log } = cluster([NODE('a')], {
      'pod.yaml': WEB_POD.replace('  nodeName: a\n', '  nodeName: a\n  priorityClassName: high\n'),
      'pc.yaml': 'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: high}\nvalue: 1000\ndescription: For the web tier.\n',
    });
    expect(dsim(['get', 'pc'], { log }).stdout).toBe(
      'NAME                      VALUE        GLOBAL-DEFAULT   AGE   PREEMPTIONPOLICY\n' +
        'system-cluster-critical   2000000000   false            0s    PreemptLowerPriority\n' +
        'system-node-critical      2000001000   false            0s    PreemptLowerPriority\n',
    );
    expect(dsim(['describe', 'pc', 'system-node-critical'], { log }).stdout).toBe(
      'Name:              system-node-critical\n' +
        'Value:             2000001000\n' +
        'GlobalDefault:     false\n' +
        'PreemptionPolicy:  PreemptLowerPriority\n' +
        'Description:       Used for system critical pods that must not be moved from their current node.\n' +
        'Annotations:       <none>\n' +
        'Events:            <none>\n',
    );
    const before = readFileSync(log, 'utf8');
    const refused = dsim(['apply', '-f', join(dir, 'pod.yaml')], { log });
    expect([refused.code, refused.stderr]).toEqual([
      1,
      `Error from server (Forbidden): error when creating "${join(dir, 'pod.yaml')}": pods "web" is forbidden: no PriorityClass with name high was found (${join(dir, 'pod.yaml')}:1)\n`,
    ]);
    expect(readFileSync(log, 'utf8')).toBe(before);
    dsim(['apply', '-f', join(dir, 'pc.yaml')], { log });
    expect(dsim(['apply', '-f', join(dir, 'pod.yaml')], { log }).code).toBe(0);
    expect(dsim(['get', 'pod', 'web', '-o', 'jsonpath={.spec.priority} {.spec.preemptionPolicy}'], { log }).stdout).toBe('1000 PreemptLowerPriority');
  });

  it('--validate=warn lets unknown fields through with a warning each, --validate=false silently; neither stores them', () => {
    const typo = DS('agent', '      toleration: [{operator: Exists}]\n').replace('image: example/agent:1', 'image: example/agent:1\n        imagePort: 80');
    const { dir, log } = cluster([NODE('a')], { 'ds.yaml': typo });
    const strict = dsim(['apply', '-f', join(dir, 'ds.yaml'), '--validate'], { log });
    expect([strict.code, strict.stderr]).toEqual([1, expect.stringContaining('strict decoding error: unknown field "spec.template.spec.toleration", unknown field "spec.template.spec.containers[0].imagePort"')]);
    const warned = dsim(['apply', '-f', join(dir, 'ds.yaml'), '--validate=warn'], { log });
    expect([warned.code, warned.stdout, warned.stderr]).toEqual([
      0,
      'daemonset.apps/agent created\n',
      'Warning: unknown field "spec.template.spec.toleration"\nWarning: unknown field "spec.template.spec.containers[0].imagePort"\n',
    ]);
    const spec = JSON.parse(dsim(['get', 'ds', 'agent', '-o', 'json'], { log }).stdout).spec.template.spec;
    expect([spec.toleration, spec.containers[0].imagePort]).toEqual([undefined, undefined]);
    const quiet = dsim(['apply', '-f', join(dir, 'ds.yaml'), '--validate=false'], { log });
    // The unknown fields were never stored, so kubectl's three-way patch carries them again: "configured", though the server drops them.
    expect([quiet.code, quiet.stdout, quiet.stderr]).toEqual([0, 'daemonset.apps/agent configured\n', '']);
  });

  it('a Secret is stored as the API server stores it: stringData written into data, type Opaque', () => {
    const { dir, log } = cluster([NODE('a')], {
      's.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: default}\nstringData: {password: hunter2}\ndata: {user: YWRtaW4=}\n',
    });
    expect(dsim(['apply', '-f', join(dir, 's.yaml')], { log }).stdout).toBe('secret/s created\n');
    expect(dsim(['get', 'secret', 's', '-o', 'jsonpath={.type} {.data.password} {.data.user} {.stringData}'], { log }).stdout).toBe('Opaque aHVudGVyMg== YWRtaW4= ');
    // stringData is never stored, so kubectl's three-way patch always carries it: "configured", though nothing changes.
    const before = readFileSync(log, 'utf8');
    expect(dsim(['apply', '-f', join(dir, 's.yaml')], { log }).stdout).toBe('secret/s configured\n');
    expect(readFileSync(log, 'utf8')).toBe(before);
  });

  it('delete removes a DaemonSet and its pods, and a node and its pods', () => {
    const { dir, log } = cluster([NODE('a'), NODE('b')], { 'ds.yaml': DS('agent') });
    dsim(['apply', '-f', join(dir, 'ds.yaml')], { log });
    dsim(['advance', '1m'], { log });
    expect(dsim(['delete', 'node', 'b'], { log }).stdout).toBe('node "b" deleted\n');
    dsim(['advance', '2m'], { log });
    expect(podNodes(log, 'agent')).toEqual(['a']);
    expect(dsim(['delete', '-f', join(dir, 'ds.yaml')], { log }).stdout).toBe('daemonset.apps "agent" deleted\n');
    dsim(['advance', '1m'], { log });
    const left = dsim(['get', 'pods'], { log });
    expect(left.stdout).toBe('');
    expect(left.stderr).toBe('No resources found in default namespace.\n');
    const again = dsim(['delete', 'ds', 'agent'], { log });
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('Error from server (NotFound): daemonsets.apps "agent" not found\n');
  });

  it('delete picks by -l, --field-selector or --all, as kubectl does, and refuses what kubectl refuses', () => {
    const { dir, log } = cluster([NODE('a'), NODE('b'), NODE('c')], { 'ds.yaml': DS('agent'), 'web.yaml': DS('web') });
    dsim(['apply', '-f', join(dir, 'ds.yaml'), '-f', join(dir, 'web.yaml')], { log });
    dsim(['advance', '1m'], { log });
    const onB = dsim(['get', 'pods', '-l', 'app=agent', '--field-selector', 'spec.nodeName=b', '-o', 'name'], { log }).stdout;
    const byField = dsim(['delete', 'pods', '-l', 'app=agent', '--field-selector', 'spec.nodeName=b', '-o', 'name'], { log });
    expect(byField.code, byField.stderr).toBe(0);
    expect(byField.stdout).toBe(onB);
    expect(byField.stdout).toMatch(/^pod\/agent-\w{5}\n$/);
    const none = dsim(['delete', 'pods', '-l', 'app=nothing'], { log });
    expect(none).toMatchObject({ code: 0, stdout: 'No resources found\n', stderr: '' });
    const byLabel = dsim(['delete', 'pods', '-l', 'app=web', '--now'], { log });
    expect(byLabel.stdout).toMatch(/^pod "web-\w{5}" deleted\npod "web-\w{5}" deleted\npod "web-\w{5}" deleted\n$/);
    dsim(['advance', '2m'], { log });
    // The DaemonSets put their pods back.
    expect(podNodes(log, 'agent')).toEqual(['a', 'b', 'c']);
    expect(podNodes(log, 'web')).toEqual(['a', 'b', 'c']);
    const forced = dsim(['delete', 'pods', '--all', '-A', '--force'], { log });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout.match(/ force deleted\n/g)).toHaveLength(6);
    expect(forced.stderr).toMatch(/^warning: Immediate deletion does not wait for confirmation/);
    // Force-deleted pods are gone at once.
    expect(dsim(['get', 'pods', '-A', '--no-headers'], { log }).stderr).toBe('No resources found\n');
    const before = readFileSync(log, 'utf8');
    for (const [args, message] of [
      [['pods', 'x', '-l', 'a=b'], 'error: name cannot be provided when a selector is specified\n'],
      [['pod/x', '--all'], 'error: selectors and the all flag cannot be used when passing resource/name arguments\n'],
      [['-l', 'a=b'], 'error: at least one resource must be specified to use a selector\n'],
      [['pods', '--all', '-l', 'a=b'], 'error: cannot set --all and --selector at the same time\n'],
      [['pods'], 'error: resource(s) were provided, but no name, label selector, or --all flag specified\n'],
      [['pod', 'x', '-A'], 'error: a resource cannot be retrieved by name across all namespaces\n'],
      [['pods', '--all', '--now', '--grace-period', '3'], 'error: --now and --grace-period cannot be specified together\n'],
      [['pods', '--all', '--force', '--grace-period', '3'], 'error: --force and --grace-period greater than 0 cannot be specified together\n'],
      [['pods', '--all', '-o', 'wide'], "error: unexpected -o output mode: wide. We only support '-o name'\n"],
    ] as const) {
      const r = dsim(['delete', ...args], { log });
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toBe(message);
    }
    expect(readFileSync(log, 'utf8')).toBe(before);
  });

  it('get --field-selector picks pods by node and phase, and refuses a field the server does not index', () => {
    const { dir, log } = cluster([NODE('a'), NODE('b')], { 'ds.yaml': DS('agent') });
    expect(dsim(['apply', '-f', join(dir, 'ds.yaml')], { log }).code).toBe(0);
    expect(dsim(['advance', '1m'], { log }).code).toBe(0);
    const onA = dsim(['get', 'pods', '--field-selector', 'spec.nodeName=a', '-o', 'wide', '--no-headers'], { log });
    expect(onA.code, onA.stderr).toBe(0);
    expect(onA.stdout.trim().split('\n').map((l) => l.split(/\s+/)[6])).toEqual(['a']);
    const notA = dsim(['get', 'pods', '--field-selector', 'spec.nodeName!=a,status.phase=Running', '-o', 'name'], { log });
    expect(notA.stdout.trim().split('\n')).toHaveLength(1);
    expect(dsim(['get', 'pods', '--field-selector', 'spec.nodeName=gone'], { log }).stderr).toBe('No resources found in default namespace.\n');
    const bad = dsim(['get', 'pods', '-l', 'app=agent', '--field-selector', 'status.hostIP=10.0.0.1'], { log });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe(
      'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "app=agent", field selector "status.hostIP=10.0.0.1": field label not supported: status.hostIP\n',
    );
  });

  it('get -f and describe -f look in the namespace the file names, and refuse a -n that differs', () => {
    const { dir, log } = cluster([NODE('a')], { 'ds.yaml': DS('agent').replace('namespace: default', 'namespace: kube-system') });
    const file = join(dir, 'ds.yaml');
    expect(dsim(['apply', '-f', file], { log }).code).toBe(0);
    expect(dsim(['get', '-f', file, '-o', 'name'], { log })).toMatchObject({ code: 0, stdout: 'daemonset.apps/agent\n', stderr: '' });
    expect(dsim(['get', '-f', file, '-n', 'kube-system', '-o', 'name'], { log }).stdout).toBe('daemonset.apps/agent\n');
    const described = dsim(['describe', '-f', file], { log });
    expect(described.code, described.stderr).toBe(0);
    expect(described.stdout).toMatch(/^Name:\s+agent\nNamespace:\s+kube-system\n/);
    const mismatch =
      'error: the namespace from the provided object "kube-system" does not match the namespace "default". ' +
      "You must pass '--namespace=kube-system' to perform this operation.\n";
    for (const verb of ['get', 'describe', 'delete']) {
      expect(dsim([verb, '-f', file, '-n', 'default'], { log }), verb).toMatchObject({ code: 1, stdout: '', stderr: mismatch });
    }
    expect(dsim(['describe', '-f', file, 'ds'], { log }).stderr).toBe(
      'error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n',
    );
    // Names from files are exact: no prefix matching.
    writeFileSync(join(dir, 'short.yaml'), DS('age').replace('namespace: default', 'namespace: kube-system'));
    expect(dsim(['describe', '-f', join(dir, 'short.yaml')], { log }).stderr).toBe('Error from server (NotFound): daemonsets.apps "age" not found\n');
  });

  it('get --at shows the cluster as it was, matching a replay up to then', () => {
    const { dir, log } = cluster([NODE('a')], { 'ds.yaml': DS('agent') });
    dsim(['apply', '-f', join(dir, 'ds.yaml')], { log });
    dsim(['advance', '10m'], { log });
    const early = dsim(['get', 'pods', '--at', '1s'], { log });
    expect(early.stdout).toMatch(/agent-\w{5}\s+0\/1\s+ContainerCreating\s+0\s+1s\n$/);
    const now = dsim(['get', 'pods'], { log });
    expect(now.stdout).toMatch(/agent-\w{5}\s+1\/1\s+Running\s+0\s+10m\n$/);
    // The same history typed only up to 1s shows the same table.
    const other = join(tempDir(), 'events.ndjson');
    writeFileSync(join(dir, 'copy-nodes.yaml'), readFileSync(join(dir, 'nodes.yaml')));
    dsim(['apply', '-f', join(dir, 'nodes.yaml')], { log: other });
    dsim(['apply', '-f', join(dir, 'ds.yaml')], { log: other });
    dsim(['advance', '1s'], { log: other });
    expect(dsim(['get', 'pods'], { log: other }).stdout).toBe(early.stdout);
    const future = dsim(['get', 'pods', '--at', '2h'], { log });
    expect(future.code).toBe(1);
    expect(future.stderr).toMatch(/^error: --at 2h is after the simulation's current time/);
  });
});

describe('the saved log survives interruptions', () => {
  it('a torn last line is dropped with a warning, and the next write cuts it off', () => {
    const { dir, log } = cluster([NODE('a')], { 'ds.yaml': DS('agent') });
    dsim(['apply', '-f', join(dir, 'ds.yaml')], { log });
    dsim(['advance', '1m'], { log });
    const intact = readFileSync(log, 'utf8');
    // What a crash in the middle of an append leaves behind.
    appendFileSync(log, '{"type":"NodeAdded","data":{"node":{"metadata":{"na');
    const read = dsim(['get', 'pods'], { log });
    expect(read.code).toBe(0);
    expect(read.stderr).toMatch(/^warning: .*events\.ndjson: line \d+ is incomplete \(an interrupted write\?\); it was dropped\n$/);
    const write = dsim(['advance', '1s'], { log });
    expect(write.code, write.stderr).toBe(0);
    const after = readFileSync(log, 'utf8');
    expect(after.startsWith(intact)).toBe(true);
    expect(after.split('\n').filter((l) => l !== '').every((l) => JSON.parse(l).type !== undefined)).toBe(true);
  });

  it('a whole event missing only its newline is kept; a whole line that is wrong is corruption, not a torn write', () => {
    const { dir, log } = cluster([NODE('a')], { 'ds.yaml': DS('agent') });
    dsim(['apply', '-f', join(dir, 'ds.yaml')], { log });
    dsim(['advance', '1m'], { log });
    const intact = readFileSync(log, 'utf8');
    writeFileSync(log, intact.slice(0, -1));
    const write = dsim(['advance', '1s'], { log });
    expect(write, write.stderr).toMatchObject({ code: 0, stderr: '' });
    const after = readFileSync(log, 'utf8');
    expect(after.startsWith(intact)).toBe(true);
    expect(dsim(['get', 'pods', '-o', 'name'], { log }).stdout).toMatch(/^pod\/agent-/);
    appendFileSync(log, 'oops\n');
    const before = readFileSync(log, 'utf8');
    const refused = dsim(['advance', '1s'], { log });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/line \d+: invalid JSON .*; the log is corrupt there/);
    expect(readFileSync(log, 'utf8')).toBe(before);
  });

  it('commands run at once never lose a write: they take turns at the log, even past a dead command\'s lock', async () => {
    const { log } = cluster([NODE('a')]);
    // A lock left by a command that was killed (its pid runs no more): taken over, once.
    writeFileSync(`${log}.lock`, '4194305');
    const { spawn } = await import('node:child_process');
    const { ROOT } = await import('./dsim.ts');
    const run = (i: number) =>
      new Promise<{ code: number; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [join(ROOT, 'packages/scenarios/bin/dsim.mjs'), 'label', 'nodes', 'a', `k${i}=v`], {
          env: { ...process.env, DSIM_LOG: log, DSIM_DEBUG: '' },
        });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('exit', (code) => resolve({ code: code ?? -1, stderr }));
      });
    const results = await Promise.all([0, 1, 2, 3, 4, 5].map(run));
    const labels = JSON.parse(dsim(['get', 'node', 'a', '-o', 'json'], { log }).stdout).metadata.labels as Record<string, string>;
    // They take turns at the log's lock: every one is saved.
    results.forEach((r, i) => {
      expect(r, r.stderr).toMatchObject({ code: 0, stderr: '' });
      expect(labels[`k${i}`]).toBe('v');
    });
    expect(existsSync(`${log}.lock`)).toBe(false);
  });

  it('a process killed mid-run leaves the log as it was', async () => {
    const { dir, log } = cluster([NODE('a')], { 'ds.yaml': DS('agent') });
    dsim(['apply', '-f', join(dir, 'ds.yaml')], { log });
    const before = readFileSync(log, 'utf8');
    const { spawn } = await import('node:child_process');
    const { ROOT } = await import('./dsim.ts');
    const child = spawn(process.execPath, [join(ROOT, 'packages/scenarios/bin/dsim.mjs'), 'advance', '1000h'], {
      env: { ...process.env, DSIM_LOG: log },
    });
    const exited = new Promise((r) => child.on('exit', r));
    await new Promise((r) => setTimeout(r, 400));
    child.kill('SIGKILL');
    await exited;
    const after = readFileSync(log, 'utf8');
    // Either the kill came first (nothing written) or the append finished whole.
    expect(after === before || (after.startsWith(before) && after.endsWith('\n'))).toBe(true);
    expect(dsim(['get', 'pods'], { log }).code).toBe(0);
  });

  it('a well-formed line the model cannot take, or that goes back in time, is reported with its file line', () => {
    const { log } = cluster([NODE('a')]);
    dsim(['advance', '10s'], { log });
    const lines = readFileSync(log, 'utf8').trimEnd().split('\n');
    // Blank lines first, so the event's index and its file line differ.
    writeFileSync(log, `\n\n${lines.slice(0, 2).join('\n')}\n{"type":"NodeAdded","data":{},"metadata":{"seq":2,"at":5}}\n`);
    for (const args of [['get', 'nodes'], ['advance', '1s']]) {
      const r = dsim(args, { log });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^error: .*events\.ndjson: line 5: the event cannot be applied \(.*\); the log is corrupt there \(earlier lines are intact\)\n$/);
    }
    writeFileSync(log, `${lines.join('\n')}\n{"type":"TimeAdvanced","data":{"to":1},"metadata":{"seq":${lines.length},"at":1}}\n`);
    const back = dsim(['get', 'nodes'], { log });
    expect(back.stderr).toMatch(new RegExp(`line ${lines.length + 1}: event time 1 ms is before the previous event's \\(10000 ms\\); the log is corrupt there`));
  });

  it('a corrupt line in the middle is reported with its number, and nothing is written', () => {
    const { dir, log } = cluster([NODE('a')], { 'ds.yaml': DS('agent') });
    dsim(['apply', '-f', join(dir, 'ds.yaml')], { log });
    const lines = readFileSync(log, 'utf8').split('\n');
    lines[1] = '{not json';
    writeFileSync(log, lines.join('\n'));
    const before = readFileSync(log, 'utf8');
    const r = dsim(['advance', '1m'], { log });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: .*events\.ndjson: line 2: invalid JSON .*; the log is corrupt there \(earlier lines are intact\)\n$/);
    expect(readFileSync(log, 'utf8')).toBe(before);
  });
});

describe('output to a reader that stops early', () => {
  it('`dsim apply … | head` with the pipe already closed: no stack trace, exit 0, and the apply is saved', async () => {
    const { dir, log } = cluster([NODE('a'), NODE('b')], { 'ds.yaml': DS('agent') });
    const { spawn } = await import('node:child_process');
    const { ROOT } = await import('./dsim.ts');
    const child = spawn(process.execPath, [join(ROOT, 'packages/scenarios/bin/dsim.mjs'), 'apply', '-f', join(dir, 'ds.yaml')], {
      env: { ...process.env, DSIM_LOG: log, DSIM_DEBUG: '' },
    });
    // The reader goes away before dsim writes a byte: its first write meets a closed pipe.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    const code = await new Promise((r) => child.on('exit', r));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(podNodes(log, 'agent')).toEqual([]);
    expect(dsim(['get', 'ds', 'agent', '--no-headers'], { log }).stdout).toMatch(/^agent\s+2\s+0\s/);
  });
});

describe('bad input: one clear line, non-zero exit, no stack trace, log unchanged', () => {
  const base = cluster([NODE('a')], { 'ds.yaml': DS('agent') });
  dsim(['apply', '-f', join(base.dir, 'ds.yaml')], { log: base.log });
  const file = (name: string, text: string) => {
    const p = join(base.dir, name);
    writeFileSync(p, text);
    return p;
  };
  const laughs = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
`;
  const cases: { name: string; args: () => string[]; stdin?: string; stderr: RegExp }[] = [
    { name: 'missing file', args: () => ['apply', '-f', 'nope.yaml'], stderr: /^error: the path "nope\.yaml" does not exist\n$/ },
    {
      name: 'YAML that does not parse',
      args: () => ['apply', '-f', file('bad.yaml', 'apiVersion: v1\nkind: Node\nmetadata:\n  name: x\n   labels: y: z\n')],
      stderr: /^error: error parsing .*bad\.yaml: error converting YAML to JSON: yaml: line \d+: .+\n$/,
    },
    {
      name: 'an invalid DaemonSet (restartPolicy)',
      args: () => ['apply', '-f', file('rp.yaml', DS('rp', '      restartPolicy: OnFailure\n'))],
      // kubectl's checkErr for an Invalid status: no "Error from server", no file name (dsim adds where).
      stderr: /^The DaemonSet "rp" is invalid: spec\.template\.spec\.restartPolicy: Unsupported value: "OnFailure": supported values: "Always" \(.*rp\.yaml:\d+\)\n$/,
    },
    {
      name: 'maxSurge without maxUnavailable: 0',
      args: () => ['apply', '-f', file('surge.yaml', DS('surge').replace('spec:\n  selector', 'spec:\n  updateStrategy:\n    rollingUpdate:\n      maxSurge: 2\n  selector'))],
      stderr: /spec\.updateStrategy\.rollingUpdate\.maxSurge: Invalid value: 2: may not be set when maxUnavailable is non-zero \(.*surge\.yaml:\d+\)\n$/,
    },
    {
      name: 'a selector that does not match the template',
      args: () => ['apply', '-f', file('sel.yaml', DS('sel').replace('matchLabels: {app: sel}', 'matchLabels: {app: other}'))],
      stderr: /spec\.template\.metadata\.labels: Invalid value: .*`selector` does not match template `labels`/,
    },
    { name: 'an unknown node', args: () => ['label', 'node', 'ghost', 'a=b'], stderr: /^Error from server \(NotFound\): nodes "ghost" not found\n$/ },
    { name: 'a bad duration', args: () => ['advance', '5 minutes'], stderr: /^error: invalid duration "5 minutes": expected a duration such as 22s, 4m16s or 2h\n$/ },
    { name: 'a bad drain --timeout', args: () => ['drain', 'a', '--ignore-daemonsets', '--timeout=abc'], stderr: /^error: invalid value for --timeout "abc": expected a duration such as 22s, 4m16s or 2h\n$/ },
    {
      name: 'a null template (decoded as an empty one, as the API server does: no crash)',
      args: () => ['apply', '-f', file('null.yaml', DS('nul').replace(/  template:[\s\S]*$/, '  template: null\n'))],
      stderr: /^The DaemonSet "nul" is invalid: \n(\* .*\n)*\* spec\.template\.spec\.containers: Required value \(.*null\.yaml:\d+\)\n/,
    },
    { name: 'an unknown flag', args: () => ['get', 'pods', '--colour'], stderr: /^Error: unknown flag: --colour\nSee 'dsim get --help' for usage\.\n$/ },
    { name: 'an unknown resource type', args: () => ['get', 'widgets'], stderr: /^error: the server doesn't have a resource type "widgets"\n$/ },
    { name: 'an unknown command', args: () => ['frobnicate'], stderr: /^Error: unknown command "frobnicate" for "dsim"\n$/ },
    {
      name: 'a namespace that does not exist',
      args: () => ['apply', '-f', file('ns.yaml', DS('nsx').replace('namespace: default', 'namespace: nowhere'))],
      stderr: /^Error from server \(NotFound\): error when creating ".*ns\.yaml": namespaces "nowhere" not found/,
    },
    { name: 'YAML aliases that would blow up memory', args: () => ['apply', '-f', file('laughs.yaml', laughs)], stderr: /excessive aliasing/ },
    { name: 'a bad -o', args: () => ['get', 'pods', '-o', 'xml'], stderr: /^error: unable to match a printer suitable for the output format "xml"/ },
    {
      name: 'a bad label selector (the API server parses it)',
      args: () => ['get', 'pods', '-l', 'a=b,,='],
      stderr: /^Error from server \(BadRequest\): Unable to find "\/v1, Resource=pods" that match label selector "a=b,,=", field selector "": found ',', expected: identifier after ','\n$/,
    },
    { name: 'an invalid taint effect', args: () => ['taint', 'node', 'a', 'k=v:Sometimes'], stderr: /^error: invalid taint effect: Sometimes, unsupported taint effect\nSee 'dsim taint -h' for help and examples\n$/ },
    {
      name: 'a manifest without kind on stdin',
      args: () => ['apply', '-f', '-'],
      stdin: 'apiVersion: v1\nmetadata:\n  name: x\n',
      stderr: /^error: error validating "STDIN": .*kind not set/,
    },
    {
      name: 'a label value YAML reads as a boolean (the API server\'s decoding, not a crash)',
      args: () => ['apply', '-f', file('bool.yaml', DS('boolsel', '      nodeSelector: {gpu: true}\n'))],
      stderr: /^Error from server \(BadRequest\): error when creating ".*bool\.yaml": DaemonSet in version "v1" cannot be handled as a DaemonSet: json: cannot unmarshal bool into Go struct field PodSpec\.spec\.template\.spec\.nodeSelector of type string \(.*bool\.yaml:13\)\n$/,
    },
    {
      name: 'a misspelt field (kubectl\'s default --validate=strict)',
      args: () => ['apply', '-f', file('typo.yaml', DS('typo', '      toleration: [{operator: Exists}]\n'))],
      stderr: /^Error from server \(BadRequest\): error when creating ".*typo\.yaml": DaemonSet in version "v1" cannot be handled as a DaemonSet: strict decoding error: unknown field "spec\.template\.spec\.toleration" \(.*typo\.yaml:13\)\n$/,
    },
    {
      name: 'rollout across all namespaces, which kubectl\'s rollout has no flag for',
      args: () => ['rollout', 'history', 'ds', '-A'],
      stderr: /^Error: unknown shorthand flag: 'A' in -A\nSee 'dsim rollout --help' for usage\.\n$/,
    },
    {
      name: 'a --validate value kubectl does not know',
      args: () => ['apply', '-f', file('ok.yaml', DS('ok')), '--validate=maybe'],
      stderr: /^error: invalid - validate option "maybe"; must be one of: strict \(or true\), warn, ignore \(or false\)\n$/,
    },
    {
      name: 'a quantity that is not one, on a DaemonSet that exists',
      args: () => ['apply', '-f', file('qty.yaml', DS('agent').replace('image: example/agent:1', 'image: example/agent:1\n        resources: {limits: {cpu: lots}}'))],
      stderr: /^Error from server \(BadRequest\): error when applying patch ".*qty\.yaml": DaemonSet in version "v1" cannot be handled as a DaemonSet: quantities must match the regular expression/,
    },
    {
      name: 'a misspelt kind in a built-in group (kubectl finds no mapping; nothing is stored)',
      args: () => ['apply', '-f', file('kind.yaml', DS('kindtypo').replace('kind: DaemonSet', 'kind: Daemonset'))],
      stderr: /^error: resource mapping not found for name: "kindtypo" namespace: "default" from ".*kind\.yaml": no matches for kind "Daemonset" in version "apps\/v1"\nensure CRDs are installed first\n$/,
    },
    {
      name: 'a version no built-in group has (core/v1: the core group has no name)',
      args: () => ['apply', '-f', file('core.yaml', WEB_POD.replace('apiVersion: v1', 'apiVersion: core/v1'))],
      stderr: /no matches for kind "Pod" in version "core\/v1"\nensure CRDs are installed first\n$/,
    },
    {
      name: 'a DaemonSet in a removed version',
      args: () => ['apply', '-f', file('ext.yaml', DS('old').replace('apiVersion: apps/v1', 'apiVersion: extensions/v1beta1'))],
      stderr: /no matches for kind "DaemonSet" in version "extensions\/v1beta1"\nensure CRDs are installed first\n$/,
    },
    { name: 'a label value kubectl refuses itself', args: () => ['label', 'node', 'a', 'k=a b'], stderr: /^error: invalid label value: "k=a b": a valid label must be an empty string or consist of/ },
    { name: 'a label key the API server refuses', args: () => ['label', 'node', 'a', 'bad key=v'], stderr: /^The Node "a" is invalid: metadata\.labels: Invalid value: "bad key": name part must consist of/ },
    { name: '--log naming a directory', args: () => ['--log', base.dir, 'get', 'pods'], stderr: /^error: .* is a directory, not an event log \(--log and DSIM_LOG name a file\)\n$/ },
    { name: '--log without its value', args: () => ['--log'], stderr: /^Error: flag needs an argument: --log\nSee 'dsim --help' for usage\.\n$/ },
    { name: 'set image of an unknown DaemonSet', args: () => ['set', 'image', 'ds/ghost', 'main=x'], stderr: /^Error from server \(NotFound\): daemonsets\.apps "ghost" not found\n$/ },
    { name: 'set image of a container that is not there', args: () => ['set', 'image', 'ds/agent', 'nope=x'], stderr: /^error: unable to find container named "nope"\n$/ },
    {
      name: 'set image to an empty image',
      args: () => ['set', 'image', 'ds/agent', 'main='],
      stderr: /^error: failed to patch image update to pod template: DaemonSet\.apps "agent" is invalid: spec\.template\.spec\.containers\[0\]\.image: Required value\n$/,
    },
    { name: 'set image with * and another pair', args: () => ['set', 'image', 'ds/agent', '*=x', 'main=y'], stderr: /^error: all containers are already specified by \*, but saw more than one/ },
    { name: 'set image with a resource after the images', args: () => ['set', 'image', 'ds/agent', 'main=x', 'ds/b'], stderr: /^error: all resources must be specified before image changes: ds\/b\n$/ },
    { name: 'set image of a node', args: () => ['set', 'image', 'node/a', 'main=x'], stderr: /^error: dsim sets images on DaemonSets only: nodes\/a/ },
    { name: 'rollout of an unknown DaemonSet', args: () => ['rollout', 'undo', 'ds/ghost'], stderr: /^Error from server \(NotFound\): daemonsets\.apps "ghost" not found\n$/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const before = readFileSync(base.log);
      const r = dsim(c.args(), { log: base.log, ...(c.stdin !== undefined ? { stdin: c.stdin } : {}) });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(c.stderr);
      expect(r.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
      expect(readFileSync(base.log).equals(before)).toBe(true);
    });
  }

  it('a failing command on a new log creates no file', () => {
    const log = join(tempDir(), 'new.ndjson');
    expect(dsim(['apply', '-f', 'nope.yaml'], { log }).code).toBe(1);
    expect(existsSync(log)).toBe(false);
  });
});

describe("resource arguments and flags kubectl refuses, refused in kubectl's words", () => {
  const dir = tempDir();
  const log = join(dir, 'args.ndjson');
  writeFileSync(join(dir, 'setup.yaml'), `${NODE('a')}---\n${DS('agent')}`);
  expect(dsim(['apply', '-f', join(dir, 'setup.yaml')], { log }).code).toBe(0);
  expect(dsim(['advance', '30s'], { log }).code).toBe(0);
  const before = readFileSync(log, 'utf8');
  const run = (args: string[]) => dsim(args, { log });
  const NO_NEED =
    "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'dsim get resource/<resource_name>' instead of 'dsim get resource resource/<resource_name>'\n";
  const see = (command: string) => `See 'dsim ${command} --help' for usage.\n`;

  const refused: [string[], string][] = [
    [['get', 'ds', '-A', 'agent'], 'error: a resource cannot be retrieved by name across all namespaces\n'],
    [['get', '-A', 'ds', 'agent'], 'error: a resource cannot be retrieved by name across all namespaces\n'],
    [['get', '-A', 'ds/agent'], 'error: a resource cannot be retrieved by name across all namespaces\n'],
    [['describe', '-A', 'ds', 'agent'], 'error: a resource cannot be retrieved by name across all namespaces\n'],
    [['get', 'pods,ds', 'nope'], 'Error from server (NotFound): pods "nope" not found\nError from server (NotFound): daemonsets.apps "nope" not found\n'],
    [['get', 'all', 'nope'], 'error: you must specify only one resource\n'],
    [['get', 'all/nope'], 'error: the server doesn\'t have a resource type "all"\n'],
    [['get', 'pods/'], 'error: arguments in resource/name form must have a single resource and name\n'],
    [['get', '/x'], 'error: arguments in resource/name form must have a single resource and name\n'],
    [['get', 'pods/x/y'], 'error: arguments in resource/name form may not have more than one slash\n'],
    [['get', 'pods', 'x/y'], NO_NEED],
    [['get', 'pods/x', 'y'], NO_NEED],
    [['get', 'daemonsets.v2.apps'], 'error: the server doesn\'t have a resource type "daemonsets"\n'],
    [['get', 'pods', 'x', '-l', 'app=agent'], 'error: name cannot be provided when a selector is specified\n'],
    [['get', 'pods/x', '-l', 'app=agent'], 'error: selectors and the all flag cannot be used when passing resource/name arguments\n'],
    [['get', 'pods', '-n'], `Error: flag needs an argument: 'n' in -n\n${see('get')}`],
    [['get', 'pods', '--namespace'], `Error: flag needs an argument: --namespace\n${see('get')}`],
    [['describe', '-n'], `Error: flag needs an argument: 'n' in -n\n${see('describe')}`],
    [['get', 'pods', '--foo'], `Error: unknown flag: --foo\n${see('get')}`],
    [['get', 'pods', '-Ax'], `Error: unknown shorthand flag: 'x' in -x\n${see('get')}`],
    [['get', 'pods', '--no-headers=maybe'], `Error: invalid argument "maybe" for "--no-headers" flag: strconv.ParseBool: parsing "maybe": invalid syntax\n${see('get')}`],
    [['get', 'pods', '--all-namespaces=foo'], `Error: invalid argument "foo" for "-A, --all-namespaces" flag: strconv.ParseBool: parsing "foo": invalid syntax\n${see('get')}`],
    [['get', 'pods', '-A=foo'], `Error: invalid argument "foo" for "-A, --all-namespaces" flag: strconv.ParseBool: parsing "foo": invalid syntax\n${see('get')}`],
    [['frobnicate'], 'Error: unknown command "frobnicate" for "dsim"\n'],
    [['gett', 'pods'], 'Error: unknown command "gett" for "dsim"\n\nDid you mean this?\n\tget\n\tset\n\n'],
    [['--colour'], "Error: unknown flag: --colour\nSee 'dsim --help' for usage.\n"],
  ];
  for (const [args, stderr] of refused) {
    it(args.join(' '), () => {
      const r = run(args);
      expect(r.stderr).toBe(stderr);
      expect(r.code).toBe(1);
      expect(readFileSync(log, 'utf8')).toBe(before);
    });
  }

  it('names a cluster-scoped type across all namespaces', () => {
    const r = run(['get', '-A', 'nodes', 'a', '--no-headers']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^a\s+Ready\s/);
  });

  it('looks each type up when several are named with a name', () => {
    const r = run(['get', 'ds,pods', 'agent']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^NAME\s+DESIRED[^\n]*\ndaemonset\.apps\/agent\s+1\s+1\s/);
    expect(r.stderr).toBe('Error from server (NotFound): pods "agent" not found\n');
  });

  it('takes resource.version.group and resource.group as kubectl does', () => {
    const plain = run(['get', 'ds', 'agent']);
    expect(plain.code).toBe(0);
    for (const args of [['daemonsets.v1.apps', 'agent'], ['ds.v1.apps/agent'], ['daemonsets.apps', 'agent'], ['DaemonSet.v1.apps/agent']]) {
      expect(run(['get', ...args])).toEqual(plain);
    }
    expect(run(['get', 'daemonsets.v1.apps'])).toEqual(run(['get', 'ds']));
  });

  it('reads booleans as Go does', () => {
    expect(run(['get', 'ds', '--no-headers=T', '--all-namespaces=1']).stdout).toMatch(/^default\s+agent\s/);
  });
});

describe("kubectl's words and waits: rollout status --timeout, cordon's usage, create namespace, validation, drain's order, apply -o", () => {
  const BIN = join(import.meta.dirname, '../bin/dsim.mjs');
  /** The last event in the log. */
  const lastEvent = (log: string) => JSON.parse(readFileSync(log, 'utf8').trim().split('\n').at(-1)!) as { type: string; data: { to?: number }; metadata: { at: number } };

  it('rollout status of a finished rollout answers from the saved state, without replaying the engine', () => {
    const { dir, log } = cluster([NODE('a'), NODE('b')], { 'ds.yaml': DS('agent') });
    expect(dsim(['apply', '-f', join(dir, 'ds.yaml')], { log }).code).toBe(0);
    expect(dsim(['advance', '1m'], { log }).code).toBe(0);
    // Another seed in the log's first line: this dsim's engine would name the pods otherwise, so a replay
    // refuses the log (as one written by another version). Reading it needs no replay.
    const lines = readFileSync(log, 'utf8').split('\n');
    const first = JSON.parse(lines[0]!) as { type: string; data: { seed: number } };
    expect(first.type).toBe('SimulationStarted');
    first.data.seed += 1;
    writeFileSync(log, [JSON.stringify(first), ...lines.slice(1)].join('\n'));
    const before = readFileSync(log, 'utf8');
    expect(dsim(['rollout', 'status', 'ds/agent'], { log })).toEqual({ code: 0, stdout: 'daemon set "agent" successfully rolled out\n', stderr: '' });
    expect(readFileSync(log, 'utf8')).toBe(before);
    // A command that changes the cluster does replay the engine, and so refuses the edited log.
    const restart = dsim(['rollout', 'restart', 'ds/agent'], { log });
    expect(restart.code).toBe(1);
    expect(restart.stderr).toContain("differs from this dsim's replay of the log");
  });

  it('rollout status --timeout waits the timeout in simulated time for a rollout that cannot finish, then times out as kubectl does', () => {
    const ds = (cpu: string) => DS('agent').replace('        image: example/agent:1\n', `        image: example/agent:1\n        resources: {requests: {cpu: "${cpu}"}}\n`);
    const { dir, log } = cluster([NODE('a'), NODE('b')], { 'ds.yaml': ds('1') });
    expect(dsim(['apply', '-f', join(dir, 'ds.yaml')], { log }).code).toBe(0);
    dsim(['advance', '1m'], { log });
    // A new template no node has room for: the rollout stalls with a pod that can never be scheduled.
    writeFileSync(join(dir, 'ds.yaml'), ds('3'));
    expect(dsim(['apply', '-f', join(dir, 'ds.yaml')], { log }).stdout).toBe('daemonset.apps/agent configured\n');
    const start = lastEvent(log).metadata.at;
    const st = dsim(['rollout', 'status', 'ds/agent', '--timeout=30s'], { log });
    expect(st).toEqual({
      code: 1,
      stdout:
        'Waiting for daemon set spec update to be observed...\n' +
        'Waiting for daemon set "agent" rollout to finish: 0 out of 2 new pods have been updated...\n' +
        'Waiting for daemon set "agent" rollout to finish: 1 out of 2 new pods have been updated...\n',
      stderr: 'error: timed out waiting for the condition\n',
    });
    // The clock moved by the timeout, recorded as other time-advancing commands record it.
    expect(lastEvent(log)).toMatchObject({ type: 'TimeAdvanced', data: { to: start + 30_000 }, metadata: { at: start + 30_000 } });
    // Again: the current line, then another 30 s.
    const again = dsim(['rollout', 'status', 'ds/agent', '--timeout', '30s'], { log });
    expect(again).toEqual({ code: 1, stdout: 'Waiting for daemon set "agent" rollout to finish: 1 out of 2 new pods have been updated...\n', stderr: 'error: timed out waiting for the condition\n' });
    expect(lastEvent(log).data.to).toBe(start + 60_000);
    // Without --timeout (or with 0, kubectl's "never"), nothing more being due ends it at once, the log untouched.
    for (const extra of [[], ['--timeout=0s']]) {
      const before = readFileSync(log, 'utf8');
      const forever = dsim(['rollout', 'status', 'ds/agent', ...extra], { log });
      expect(forever.code).toBe(1);
      expect(forever.stderr).toMatch(/^error: rollout of daemonset "agent" cannot finish: nothing more is due in the simulation /);
      expect(readFileSync(log, 'utf8')).toBe(before);
    }
  });

  it('cordon, uncordon and drain without a node print kubectl\'s usage error', () => {
    const { log } = cluster([NODE('a')]);
    for (const verb of ['cordon', 'uncordon', 'drain']) {
      expect(dsim([verb], { log })).toEqual({ code: 1, stdout: '', stderr: `error: USAGE: ${verb} NODE [flags]\nSee 'dsim ${verb} -h' for help and examples\n` });
    }
    expect(dsim(['drain', '--ignore-daemonsets'], { log }).stderr).toBe("error: USAGE: drain NODE [flags]\nSee 'dsim drain -h' for help and examples\n");
    expect(dsim(['cordon', 'node/'], { log }).stderr).toBe('error: arguments in resource/name form must have a single resource and name\n');
  });

  it('create namespace NAME creates a namespace as kubectl does, with the API server\'s checks', () => {
    const { dir, log } = cluster([NODE('a')], { 'ds.yaml': DS('agent').replace('namespace: default', 'namespace: team-a') });
    expect(dsim(['create', 'namespace', 'team-a'], { log })).toEqual({ code: 0, stdout: 'namespace/team-a created\n', stderr: '' });
    expect(dsim(['create', 'namespace', 'team-a'], { log })).toEqual({ code: 1, stdout: '', stderr: 'Error from server (AlreadyExists): namespaces "team-a" already exists\n' });
    expect(dsim(['create', 'ns', 'default'], { log }).stderr).toBe('Error from server (AlreadyExists): namespaces "default" already exists\n');
    expect(dsim(['create', 'ns', 'team-b', '-o', 'name'], { log }).stdout).toBe('namespace/team-b\n');
    const y = dsim(['create', 'ns', 'team-c', '-o', 'yaml'], { log });
    expect(y.stdout).toMatch(/^apiVersion: v1\nkind: Namespace\nmetadata:\n  creationTimestamp: "[^"]+"\n  labels:\n    kubernetes\.io\/metadata\.name: team-c\n  name: team-c\n  uid: [-0-9a-f]+\nspec:\n  finalizers:\n  - kubernetes\nstatus:\n  phase: Active\n$/);
    // Stored as a namespace applied from a manifest: listed, and objects may go in it.
    expect(dsim(['get', 'ns', '-o', 'name'], { log }).stdout).toContain('namespace/team-a\nnamespace/team-b\nnamespace/team-c\n');
    expect(dsim(['apply', '-f', join(dir, 'ds.yaml')], { log }).stdout).toBe('daemonset.apps/agent created\n');
    const before = readFileSync(log, 'utf8');
    expect(dsim(['create', 'namespace', 'Team_D'], { log }).stderr).toBe(
      `The Namespace "Team_D" is invalid: metadata.name: Invalid value: "Team_D": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')\n`,
    );
    expect(dsim(['create', 'namespace'], { log }).stderr).toBe("error: exactly one NAME is required, got 0\nSee 'dsim create namespace -h' for help and examples\n");
    expect(dsim(['create', 'ns', 'a', 'b'], { log }).stderr).toBe("error: exactly one NAME is required, got 2\nSee 'dsim create namespace -h' for help and examples\n");
    expect(dsim(['create', 'ns', ''], { log }).stderr).toBe('error: name must be specified\n');
    expect(dsim(['create', 'ns', 'x', '-o', 'wide'], { log }).stderr).toBe(
      'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
    );
    expect(dsim(['create', 'foo', 'bar'], { log }).stderr).toBe("error: Unexpected args: [foo bar]\nSee 'dsim create -h' for help and examples\n");
    expect(readFileSync(log, 'utf8')).toBe(before);
  });

  it('a manifest without apiVersion or kind is refused in kubectl 1.32\'s words, then where', () => {
    const { dir, log } = cluster([NODE('a')], {
      'no-version.yaml': 'kind: Namespace\nmetadata: {name: x}\n',
      'no-kind.yaml': '# a comment\napiVersion: v1\nmetadata: {name: x}\n',
      'neither.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: y}\n---\nmetadata: {name: x}\n',
    });
    const stop = 'if you choose to ignore these errors, turn validation off with --validate=false';
    const cases: [file: string, problem: string, line: number][] = [
      ['no-version.yaml', 'apiVersion not set', 1],
      ['no-kind.yaml', 'kind not set', 2],
      ['neither.yaml', '[apiVersion not set, kind not set]', 5],
    ];
    for (const [file, problem, line] of cases) {
      const f = join(dir, file);
      for (const verb of ['apply', 'create']) {
        expect(dsim([verb, '-f', f], { log })).toEqual({ code: 1, stdout: '', stderr: `error: error validating "${f}": error validating data: ${problem}; ${stop} (${f}:${line})\n` });
      }
    }
    expect(dsim(['apply', '-f', '-'], { log, stdin: 'metadata: {name: x}\n' }).stderr).toBe(
      `error: error validating "STDIN": error validating data: [apiVersion not set, kind not set]; ${stop} (STDIN:1)\n`,
    );
  });

  it('drain prints the cordon line before its warnings, as kubectl does (stdout, then stderr, then stdout)', async () => {
    const { spawnSync } = await import('node:child_process');
    const { dir, log } = cluster([NODE('a')], { 'ds.yaml': DS('agent') });
    dsim(['apply', '-f', join(dir, 'ds.yaml')], { log });
    dsim(['advance', '1m'], { log });
    const agent = dsim(['get', 'pods', '-o', 'name'], { log }).stdout.trim().replace('pod/', 'default/');
    expect(dsim(['cordon', 'a'], { log }).code).toBe(0);
    // One file for both streams, as a terminal shows them.
    const both = join(dir, 'both.txt');
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" drain a --ignore-daemonsets >"${both}" 2>&1`], { env: { ...process.env, DSIM_LOG: log }, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(readFileSync(both, 'utf8')).toBe(`node/a already cordoned\nWarning: ignoring DaemonSet-managed Pods: ${agent}\nnode/a drained\n`);
  });

  it('apply and create print -o yaml|json as kubectl does: the objects as stored, apply several as a List, create one after another', () => {
    const { dir, log } = cluster([NODE('a')], {
      'two.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: ns1}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: ns1}\ndata: {a: "<b>"}\n',
      'ds.yaml': DS('agent'),
    });
    const one = dsim(['apply', '-f', join(dir, 'ds.yaml'), '-o', 'yaml'], { log });
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toMatch(/^apiVersion: apps\/v1\nkind: DaemonSet\nmetadata:\n/);
    expect(one.stdout).toContain('\n  generation: 1\n');
    expect(one.stdout).not.toContain('---');
    const oneJson = dsim(['apply', '-f', join(dir, 'ds.yaml'), '-o', 'json'], { log });
    expect(JSON.parse(oneJson.stdout)).toMatchObject({ kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'default' } });
    expect(oneJson.stdout).toMatch(/^\{\n    "apiVersion": "apps\/v1",\n/);
    // Several: one v1 List, printed once; a Go struct in JSON (kind, apiVersion, metadata, items), keys sorted in YAML.
    const list = dsim(['apply', '-f', join(dir, 'two.yaml'), '-o', 'json'], { log });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/^\{\n    "kind": "List",\n    "apiVersion": "v1",\n    "metadata": \{\},\n    "items": \[\n        \{\n            "apiVersion": "v1",\n            "kind": "Namespace",\n/);
    expect(list.stdout).toContain('\n            "data": {\n                "a": "\\u003cb\\u003e"\n            },\n');
    expect(list.stdout.endsWith('\n        }\n    ]\n}\n')).toBe(true);
    expect(JSON.parse(list.stdout).items.map((o: { kind: string }) => o.kind)).toEqual(['Namespace', 'ConfigMap']);
    const listYaml = dsim(['apply', '-f', join(dir, 'two.yaml'), '-o', 'yaml'], { log });
    expect(listYaml.stdout).toMatch(/^apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Namespace\n[^]*\n- apiVersion: v1\n  data:\n    a: <b>\n  kind: ConfigMap\n[^]*\nkind: List\nmetadata: \{\}\n$/);
    expect(dsim(['apply', '-f', join(dir, 'two.yaml'), '-o', 'name'], { log }).stdout).toBe('namespace/ns1\nconfigmap/cm\n');
    // create prints each object as it creates it: YAML with --- between, JSON one after another.
    writeFileSync(join(dir, 'two.yaml'), readFileSync(join(dir, 'two.yaml'), 'utf8').replaceAll('ns1', 'ns2'));
    const created = dsim(['create', '-f', join(dir, 'two.yaml'), '-o', 'yaml'], { log });
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/^apiVersion: v1\nkind: Namespace\n[^]*\n---\napiVersion: v1\ndata:\n  a: <b>\nkind: ConfigMap\n/);
    writeFileSync(join(dir, 'two.yaml'), readFileSync(join(dir, 'two.yaml'), 'utf8').replaceAll('ns2', 'ns3'));
    const createdJson = dsim(['create', '-f', join(dir, 'two.yaml'), '-o', 'json'], { log });
    expect(createdJson.stdout).toMatch(/^\{\n    "apiVersion": "v1",\n    "kind": "Namespace",\n[^]*\n\}\n\{\n    "apiVersion": "v1",\n    "data": \{\n/);
    expect(dsim(['apply', '-f', join(dir, 'ds.yaml'), '-o', 'wide'], { log }).stderr).toBe(
      'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
    );
  });
});

describe('describe for the stored kinds kubectl has describers for', () => {
  it('describe serviceaccount, configmap, clusterrole and rolebinding use their own describers, not the generic one', () => {
    const { dir, log } = cluster([NODE('a')], {
      'rbac.yaml': `apiVersion: v1
kind: ServiceAccount
metadata: {name: agent, namespace: default}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: agent, namespace: default}
data: {k: v}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: agent}
rules:
- {apiGroups: [""], resources: [nodes], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: agent, namespace: default}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: agent}
subjects: [{kind: ServiceAccount, name: agent, namespace: default}]
`,
    });
    expect(dsim(['apply', '-f', join(dir, 'rbac.yaml')], { log }).code).toBe(0);
    expect(dsim(['describe', 'sa', 'agent'], { log }).stdout).toContain('\nImage pull secrets:  <none>\nEvents:              <none>\n');
    expect(dsim(['describe', 'cm', 'agent'], { log }).stdout).toContain('\nData\n====\nk:\n----\nv\n\n\nBinaryData\n====\n\nEvents:  <none>\n');
    expect(dsim(['describe', 'clusterrole', 'agent'], { log }).stdout).toContain('\n  nodes      []                 []              [get]\n');
    expect(dsim(['describe', 'rolebinding', 'agent'], { log }).stdout).toContain('\n  ServiceAccount  agent  default\n');
  });
});

describe("rollout's refusals in kubectl's words", () => {
  it('pause and resume are not supported for DaemonSets; undo needs a revision before the newest; revisions are int64 flags', () => {
    const { dir, log } = cluster([NODE('a')], { 'ds.yaml': DS('agent') });
    expect(dsim(['apply', '-f', join(dir, 'ds.yaml')], { log }).code).toBe(0);
    const before = readFileSync(log, 'utf8');
    const cases: [string[], string][] = [
      [['rollout', 'pause', 'ds/agent'], 'error: daemonsets.apps "agent" pausing is not supported\n'],
      [['rollout', 'resume', 'daemonset', 'agent'], 'error: daemonsets.apps "agent" resuming is not supported\n'],
      [['rollout', 'pause', 'ds/gone'], 'Error from server (NotFound): daemonsets.apps "gone" not found\n'],
      [['rollout', 'status'], 'error: required resource not specified\n'],
      [['rollout', 'frobnicate', 'ds/agent'], "error: unknown command \"frobnicate\"\nSee 'dsim rollout -h' for help and examples\n"],
      [['rollout', 'undo', 'ds/agent'], 'error: no last revision to roll back to\n'],
      [['rollout', 'undo', 'ds/agent', '--to-revision=-1'], 'error: unable to find specified revision -1 in history\n'],
      [['rollout', 'undo', 'ds/agent', '--to-revision=7'], 'error: unable to find specified revision 7 in history\n'],
      [
        ['rollout', 'undo', 'ds/agent', '--to-revision=x'],
        'Error: invalid argument "x" for "--to-revision" flag: strconv.ParseInt: parsing "x": invalid syntax\nSee \'dsim rollout undo --help\' for usage.\n',
      ],
      [['rollout', 'history', 'ds/agent', '--revision=-1'], 'error: revision must be a positive integer: -1\n'],
      [
        ['rollout', 'history', 'ds/agent', '--revision=1.5'],
        'Error: invalid argument "1.5" for "--revision" flag: strconv.ParseInt: parsing "1.5": invalid syntax\nSee \'dsim rollout history --help\' for usage.\n',
      ],
    ];
    for (const [args, stderr] of cases) expect(dsim(args, { log }), args.join(' ')).toMatchObject({ code: 1, stdout: '', stderr });
    expect(readFileSync(log, 'utf8')).toBe(before);
    expect(dsim(['advance', '10s'], { log }).code).toBe(0);
    expect(dsim(['rollout', 'undo', 'ds/agent'], { log }).stderr).toBe('error: no last revision to roll back to\n');
    expect(dsim(['rollout', 'history', 'ds/agent', '--revision=1'], { log }).stdout).toMatch(/^daemonset\.apps\/agent with revision #1\nPod Template:\n/);
    expect(dsim(['rollout', 'history', 'ds/agent', '--revision=2'], { log }).stderr).toBe('error: unable to find the specified revision\n');
  });
});

describe('get --show-kind', () => {
  it('prefixes names with their kind for one type, as kubectl does for several', () => {
    const { log } = cluster([NODE('a')]);
    expect(dsim(['get', 'nodes', '--show-kind'], { log }).stdout).toMatch(/^NAME +STATUS +ROLES +AGE +VERSION\nnode\/a +/);
    expect(dsim(['get', 'nodes', '--show-kind=false'], { log }).stdout).toMatch(/^NAME +STATUS +ROLES +AGE +VERSION\na +/);
  });
});

describe('describe --show-events=false', () => {
  it('leaves the Events section out, as kubectl does', () => {
    const { log } = cluster([NODE('a')]);
    expect(dsim(['describe', 'node', 'a'], { log }).stdout).toMatch(/\nEvents:\n/);
    const hidden = dsim(['describe', 'node', 'a', '--show-events=false'], { log });
    expect(hidden).toMatchObject({ code: 0, stderr: '' });
    expect(hidden.stdout).not.toContain('Events:');
    expect(dsim(['describe', 'ns', 'default', '--show-events=false'], { log }).stdout).toMatch(/No LimitRange resource\.\n$/);
    expect(dsim(['describe', 'sa', 'default', '--show-events=false'], { log }).stdout).toMatch(/Image pull secrets:  <none>\n$/);
  });
});

describe('rollout on every DaemonSet of a namespace, and a history not yet written', () => {
  it('history, status and restart take a bare type as kubectl v1.32 does, each DaemonSet in turn', () => {
    const { dir, log } = cluster([NODE('a')], { 'ds.yaml': `${DS('agent')}---\n${DS('beta')}` });
    expect(dsim(['apply', '-f', join(dir, 'ds.yaml')], { log }).code).toBe(0);
    // The controller has not written a ControllerRevision yet.
    expect(dsim(['rollout', 'history', 'ds/agent'], { log }).stdout).toBe('daemonset.apps/agent \nNo rollout history found.\n');
    expect(dsim(['rollout', 'history', 'ds/agent', '--revision=3'], { log }).stdout).toBe('daemonset.apps/agent with revision #3\nNo rollout history found.\n');
    expect(dsim(['advance', '10s'], { log }).code).toBe(0);
    expect(dsim(['rollout', 'history', 'daemonsets'], { log }).stdout).toBe(
      'daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n1         <none>\n\ndaemonset.apps/beta \nREVISION  CHANGE-CAUSE\n1         <none>\n\n',
    );
    expect(dsim(['rollout', 'history', 'ds', '-n', 'kube-system'], { log })).toMatchObject({ code: 0, stdout: '', stderr: '' });
    // kubectl v1.32 follows each DaemonSet in turn.
    expect(dsim(['rollout', 'status', 'ds', '--watch=false'], { log })).toMatchObject({
      code: 0,
      stdout: 'daemon set "agent" successfully rolled out\nWaiting for daemon set "beta" rollout to finish: 0 of 1 updated pods are available...\n',
    });
    expect(dsim(['rollout', 'status', 'ds/agent', '--revision=-2'], { log }).stderr).toBe('error: revision must be a positive integer: -2\n');
    // Validation comes before the lookup.
    expect(dsim(['rollout', 'history', 'ds/gone', '--revision=-1'], { log }).stderr).toBe('error: revision must be a positive integer: -1\n');
    expect(dsim(['rollout', 'pause', 'ds'], { log }).stderr).toBe(
      'error: daemonsets.apps "agent" pausing is not supported\nerror: daemonsets.apps "beta" pausing is not supported\n',
    );
    expect(dsim(['rollout', 'restart', 'ds'], { log }).stdout).toBe('daemonset.apps/agent restarted\ndaemonset.apps/beta restarted\n');
  });
});

describe('get --ignore-not-found', () => {
  it('drops NotFound errors and prints nothing for an empty result, in every output format', () => {
    const { log } = cluster([NODE('a')]);
    for (const extra of [[], ['-o', 'yaml'], ['-o', 'json'], ['-o', 'name'], ['-o', 'jsonpath={.items}'], ['-o', 'custom-columns=N:.metadata.name']]) {
      expect(dsim(['get', 'ds', 'nope', '--ignore-not-found', ...extra], { log }), extra.join(' ')).toMatchObject({ code: 0, stdout: '', stderr: '' });
      expect(dsim(['get', 'pods', '--ignore-not-found', ...extra], { log }), extra.join(' ')).toMatchObject({ code: 0, stdout: '', stderr: '' });
    }
    expect(dsim(['get', 'nodes', 'nope', 'a', '--ignore-not-found', '-o', 'name'], { log })).toMatchObject({ code: 0, stdout: 'node/a\n', stderr: '' });
    // Without the flag, as before.
    expect(dsim(['get', 'pods', '-o', 'json'], { log }).stdout).toContain('"items": []');
    expect(dsim(['get', 'ds', 'nope'], { log })).toMatchObject({ code: 1, stderr: 'Error from server (NotFound): daemonsets.apps "nope" not found\n' });
  });
});

describe('events name their objects by uid', () => {
  it("involvedObject.uid is the object's uid (a kubelet's node event names the node), and each event has a uid of its own", () => {
    const { dir, log } = cluster([NODE('a')], { 'ds.yaml': DS('agent') });
    expect(dsim(['apply', '-f', join(dir, 'ds.yaml')], { log }).code).toBe(0);
    expect(dsim(['fail', 'node', 'a'], { log }).code).toBe(0);
    expect(dsim(['advance', '30s'], { log }).code).toBe(0);
    expect(dsim(['recover', 'node', 'a'], { log }).code).toBe(0);
    expect(dsim(['advance', '30s'], { log }).code).toBe(0);
    const uidOf = (type: string) =>
      new Map(
        dsim(['get', type, '-A', '-o', 'jsonpath={range .items[*]}{.metadata.name}{" "}{.metadata.uid}{"\\n"}{end}'], { log })
          .stdout.trim()
          .split('\n')
          .map((l) => l.split(' ') as [string, string]),
      );
    const objects: Record<string, Map<string, string>> = { Node: uidOf('nodes'), DaemonSet: uidOf('ds'), Pod: uidOf('pods') };
    const events = dsim(
      ['get', 'ev', '-A', '-o', 'jsonpath={range .items[*]}{.involvedObject.kind} {.involvedObject.name} {.involvedObject.uid} {.source.component} {.metadata.uid}{"\\n"}{end}'],
      { log },
    ).stdout.trim().split('\n').map((l) => l.split(' '));
    expect(events.length).toBeGreaterThan(5);
    const eventUids = new Set<string>();
    for (const [kind, name, uid, component, eventUid] of events) {
      expect(uid, `${kind} ${name} ${component}`).toBe(kind === 'Node' && component === 'kubelet' ? name : objects[kind!]?.get(name!));
      expect(eventUid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      eventUids.add(eventUid!);
    }
    expect(eventUids.size).toBe(events.length);
    expect(events.some(([kind, , , component]) => kind === 'Node' && component === 'kubelet')).toBe(true);
  });
});

describe("events as the recorders' EventCorrelator writes them", () => {
  it('a DaemonSet creating twelve pods at once shows nine SuccessfulCreate, then one combined event counting the rest', () => {
    const names = Array.from({ length: 12 }, (_, i) => `n${String(i + 1).padStart(2, '0')}`);
    const { dir, log } = cluster(names.map((n) => NODE(n)), { 'ds.yaml': DS('agent') });
    expect(dsim(['apply', '-f', join(dir, 'ds.yaml')], { log }).code).toBe(0);
    expect(dsim(['advance', '1m'], { log }).code).toBe(0);
    const d = dsim(['describe', 'ds', 'agent'], { log });
    expect(d.code, d.stderr).toBe(0);
    const rows = d.stdout.slice(d.stdout.indexOf('\nEvents:\n')).trimEnd().split('\n').slice(4);
    const created = rows.map((r) => r.trim().split(/\s{2,}/));
    expect(created).toHaveLength(10);
    for (const row of created.slice(0, 9)) expect(row).toEqual(['Normal', 'SuccessfulCreate', '60s', 'daemonset-controller', expect.stringMatching(/^Created pod: agent-[a-z0-9]{5}$/)]);
    expect(created[9]).toEqual([
      'Normal',
      'SuccessfulCreate',
      '60s (x3 over 60s)',
      'daemonset-controller',
      expect.stringMatching(/^\(combined from similar events\): Created pod: agent-[a-z0-9]{5}$/),
    ]);
    // Each pod is named once: nine by their own events, the last by the combined one.
    const pods = created.map((r) => r[4]!.split(': ').at(-1));
    expect(new Set(pods).size).toBe(10);
    const json = JSON.parse(dsim(['get', 'events', '--field-selector', 'involvedObject.kind=DaemonSet', '-o', 'json'], { log }).stdout);
    expect(json.items.map((e: { count: number }) => e.count).sort()).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 3]);
  });
});

describe('Services, stored as the API server stores them', () => {
  const SERVICES = `apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: v1
kind: Service
metadata: {name: edge}
spec:
  type: LoadBalancer
  selector: {app: edge}
  ports: [{name: http, port: 80}, {name: dns, port: 53, protocol: UDP}]
`;

  it('get svc shows the kubernetes Service, then each one with its address, node ports and selector', () => {
    const { dir, log } = cluster([NODE('a')], { 'svc.yaml': SERVICES });
    expect(dsim(['get', 'svc'], { log }).stdout).toBe(
      'NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\nkubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   0s\n',
    );
    expect(dsim(['apply', '-f', join(dir, 'svc.yaml')], { log }).stdout).toBe('service/web created\nservice/edge created\n');
    const wide = dsim(['get', 'svc', '-o', 'wide', '--no-headers'], { log }).stdout.trim().split('\n').map((l) => l.split(/\s+/));
    expect(wide.map((r) => [r[0], r[1], r[3], r[6]])).toEqual([
      ['edge', 'LoadBalancer', '<pending>', 'app=edge'],
      ['kubernetes', 'ClusterIP', '<none>', '<none>'],
      ['web', 'ClusterIP', '<none>', 'app=web'],
    ]);
    expect(wide[0]![4]).toMatch(/^80:3\d{4}\/TCP,53:3\d{4}\/UDP$/);
    expect(wide[2]![4]).toBe('80/TCP');
    const yaml = dsim(['get', 'svc', 'web', '-o', 'yaml'], { log }).stdout;
    const ip = wide[2]![2]!;
    expect(ip).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
    expect(yaml).toContain(
      `spec:\n  clusterIP: ${ip}\n  clusterIPs:\n  - ${ip}\n  internalTrafficPolicy: Cluster\n  ipFamilies:\n  - IPv4\n  ipFamilyPolicy: SingleStack\n  ports:\n  - port: 80\n    protocol: TCP\n    targetPort: 8080\n  selector:\n    app: web\n  sessionAffinity: None\n  type: ClusterIP\nstatus:\n  loadBalancer: {}\n`,
    );
    // Applied again: unchanged, the address and node ports kept.
    expect(dsim(['apply', '-f', join(dir, 'svc.yaml')], { log }).stdout).toBe('service/web unchanged\nservice/edge unchanged\n');
    expect(dsim(['get', 'svc', '-o', 'wide', '--no-headers'], { log }).stdout.trim().split('\n').map((l) => l.split(/\s+/))).toEqual(wide);
  });

  it('refuses an address or a node port another Service holds, in the API server words, the log unchanged', () => {
    const { dir, log } = cluster([NODE('a')], {
      'clash.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: clash}\nspec:\n  clusterIP: 10.96.0.1\n  ports: [{port: 80}]\n',
      'np.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: np}\nspec:\n  type: NodePort\n  ports: [{port: 80, nodePort: 30080}]\n',
    });
    const before = readFileSync(log, 'utf8');
    expect(dsim(['apply', '-f', join(dir, 'clash.yaml')], { log })).toEqual({
      code: 1,
      stdout: '',
      stderr: `The Service "clash" is invalid: spec.clusterIPs: Invalid value: ["10.96.0.1"]: failed to allocate IP 10.96.0.1: provided IP is already allocated (${join(dir, 'clash.yaml')}:4)\n`,
    });
    expect(readFileSync(log, 'utf8')).toBe(before);
    expect(dsim(['apply', '-f', join(dir, 'np.yaml')], { log }).code).toBe(0);
    writeFileSync(join(dir, 'np2.yaml'), readFileSync(join(dir, 'np.yaml'), 'utf8').replace('name: np', 'name: np2'));
    const again = dsim(['apply', '-f', join(dir, 'np2.yaml')], { log });
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`The Service "np2" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated (${join(dir, 'np2.yaml')}:6)\n`);
  });
});

/** Two nodes, and DaemonSets a1 (labelled tier=web) and b2, rolled out. */
function twoDaemonSets(): string {
  const a1 = DS('a1').replace('  namespace: default\n', '  namespace: default\n  labels: {tier: web}\n');
  const { dir, log } = cluster([NODE('n1'), NODE('n2')], { 'ds.yaml': `${a1}---\n${DS('b2')}` });
  expect(dsim(['apply', '-f', join(dir, 'ds.yaml')], { log }).code).toBe(0);
  expect(dsim(['advance', '1m'], { log }).code).toBe(0);
  return log;
}

const HISTORY = (name: string) => `daemonset.apps/${name} \nREVISION  CHANGE-CAUSE\n1         <none>\n\n`;
const NOT_FOUND = (name: string) => `Error from server (NotFound): daemonsets.apps "${name}" not found`;

// `dsim rollout` over several DaemonSets, as kubectl v1.32 goes over them: each in turn, a failing
// one not stopping the others, the errors printed together at the end (CheckErr's forms), and
// "No resources found" when nothing is named. Every expected output was printed by kubectl v1.32.
describe('rollout over several DaemonSets, as kubectl v1.32', () => {
  it('takes every name given, a missing one an error of its own printed after the others\' output', () => {
    const log = twoDaemonSets();
    const before = readFileSync(log, 'utf8');
    const cases: [string[], { code: number; stdout: string; stderr: string }][] = [
      [['history', 'ds', 'a1', 'b2'], { code: 0, stdout: HISTORY('a1') + HISTORY('b2'), stderr: '' }],
      [['history', 'ds', 'nosuch', 'a1'], { code: 1, stdout: HISTORY('a1'), stderr: `${NOT_FOUND('nosuch')}\n` }],
      [['history', 'ds', 'a1', 'nosuch', 'nosuch2'], { code: 1, stdout: HISTORY('a1'), stderr: `${NOT_FOUND('nosuch')}\n${NOT_FOUND('nosuch2')}\n` }],
      [['history', 'ds', 'a1', 'b2', '--revision=5'], { code: 1, stdout: '', stderr: 'unable to find the specified revision\nunable to find the specified revision\n' }],
      [['history', 'ds/a1', '--revision=5'], { code: 1, stdout: '', stderr: 'error: unable to find the specified revision\n' }],
      [
        ['status', 'ds/a1', 'ds/nosuch', 'ds/b2', '--watch=false'],
        { code: 1, stdout: 'daemon set "a1" successfully rolled out\ndaemon set "b2" successfully rolled out\n', stderr: `${NOT_FOUND('nosuch')}\n` },
      ],
      [['undo', 'ds', 'a1', 'b2'], { code: 1, stdout: '', stderr: 'no last revision to roll back to\nno last revision to roll back to\n' }],
      [['undo', 'ds', 'nosuch', 'nosuch2', 'a1'], { code: 1, stdout: '', stderr: `${NOT_FOUND('nosuch')}\n${NOT_FOUND('nosuch2')}\nno last revision to roll back to\n` }],
      [['undo', 'ds', 'a1', 'b2', '--to-revision=5'], { code: 1, stdout: '', stderr: 'unable to find specified revision 5 in history\nunable to find specified revision 5 in history\n' }],
      [
        ['pause', 'ds', 'a1', 'b2'],
        { code: 1, stdout: '', stderr: 'error: daemonsets.apps "a1" pausing is not supported\nerror: daemonsets.apps "b2" pausing is not supported\n' },
      ],
      [['pause', 'ds', 'nosuch', 'a1'], { code: 1, stdout: '', stderr: `${NOT_FOUND('nosuch')}\nerror: daemonsets.apps "a1" pausing is not supported\n` }],
      // pause and restart keep the lookup's errors as one aggregate, which Go prints as a list.
      [
        ['pause', 'ds', 'nosuch', 'nosuch2', 'a1'],
        { code: 1, stdout: '', stderr: '[daemonsets.apps "nosuch" not found, daemonsets.apps "nosuch2" not found]\nerror: daemonsets.apps "a1" pausing is not supported\n' },
      ],
      [['resume', 'ds', 'nosuch', 'nosuch2'], { code: 1, stdout: '', stderr: `${NOT_FOUND('nosuch')}\n${NOT_FOUND('nosuch2')}\n` }],
    ];
    for (const [args, want] of cases) expect(dsim(['rollout', ...args], { log }), args.join(' ')).toEqual(want);
    expect(readFileSync(log, 'utf8')).toBe(before);
  });

  it('selects DaemonSets by their labels with -l, and says when nothing is found', () => {
    const log = twoDaemonSets();
    expect(dsim(['rollout', 'history', 'ds', '-l', 'tier=web'], { log })).toEqual({ code: 0, stdout: HISTORY('a1'), stderr: '' });
    expect(dsim(['rollout', 'status', 'ds', '-l', 'tier=db'], { log })).toEqual({ code: 0, stdout: '', stderr: 'No resources found in default namespace.\n' });
    expect(dsim(['rollout', 'status', 'ds', 'a1', '-l', 'tier=web'], { log })).toEqual({ code: 1, stdout: '', stderr: 'error: name cannot be provided when a selector is specified\n' });
    expect(dsim(['rollout', 'status', 'ds/a1', '-l', 'tier=web'], { log })).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: selectors and the all flag cannot be used when passing resource/name arguments\n',
    });
    // status, restart, pause and resume say so for an empty namespace; history and undo print nothing.
    for (const sub of ['status', 'restart', 'pause', 'resume']) {
      expect(dsim(['rollout', sub, 'ds', '-n', 'nosuch'], { log }), sub).toEqual({ code: 0, stdout: '', stderr: 'No resources found in nosuch namespace.\n' });
    }
    for (const sub of ['history', 'undo']) expect(dsim(['rollout', sub, 'ds', '-n', 'nosuch'], { log }), sub).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('follows each rollout in turn, and restarts each DaemonSet once a second at most', () => {
    const log = twoDaemonSets();
    expect(dsim(['rollout', 'restart', 'ds'], { log })).toEqual({ code: 0, stdout: 'daemonset.apps/a1 restarted\ndaemonset.apps/b2 restarted\n', stderr: '' });
    // restartedAt is written to the second, and simulated time has not moved: kubectl's patch would be empty.
    // The lookup's errors come first, as restart gathers them before patching.
    expect(dsim(['rollout', 'restart', 'ds/a1', 'ds/nosuch'], { log })).toEqual({
      code: 1,
      stdout: '',
      stderr:
        `${NOT_FOUND('nosuch')}\n` +
        'failed to create patch for a1: if restart has already been triggered within the past second, please wait before attempting to trigger another\n',
    });
    const st = dsim(['rollout', 'status', 'ds'], { log });
    expect(st.code, st.stderr).toBe(0);
    expect(st.stdout).toMatch(/^Waiting for daemon set spec update to be observed\.\.\.\n(Waiting for daemon set "a1" .*\n)+daemon set "a1" successfully rolled out\n/);
    expect(st.stdout).toMatch(/\ndaemon set "b2" successfully rolled out\n$/);
    expect(dsim(['advance', '1s'], { log }).code).toBe(0);
    expect(dsim(['rollout', 'restart', 'ds/a1'], { log })).toEqual({ code: 0, stdout: 'daemonset.apps/a1 restarted\n', stderr: '' });
  });
});

describe('describe svc', () => {
  it("lists each port's ready endpoints, as kubectl reads them from the Service's EndpointSlices", () => {
    const ds = DS('exporter').replace(
      '        image: example/exporter:1\n',
      '        image: example/exporter:1\n        ports: [{name: metrics, containerPort: 9100}]\n',
    );
    const svc = `apiVersion: v1
kind: Service
metadata: {name: exporter}
spec:
  type: NodePort
  selector: {app: exporter}
  ports: [{name: metrics, port: 80, targetPort: metrics}]
`;
    const { dir, log } = cluster(['a', 'b', 'c', 'd', 'e'].map((n) => NODE(n)), { 'ds.yaml': ds, 'svc.yaml': svc });
    expect(dsim(['apply', '-f', join(dir, 'svc.yaml')], { log }).code).toBe(0);
    // No pod yet: the controller's slice has no endpoint.
    expect(dsim(['describe', 'svc', 'exporter'], { log }).stdout).toMatch(/\nEndpoints: {16}\nSession Affinity: {9}None\n/);
    expect(dsim(['apply', '-f', join(dir, 'ds.yaml')], { log }).code).toBe(0);
    expect(dsim(['advance', '1m'], { log }).code).toBe(0);
    const ips = dsim(['get', 'pods', '-o', 'jsonpath={range .items[*]}{.status.podIP}{"\\n"}{end}'], { log }).stdout.trim().split('\n');
    expect(ips).toHaveLength(5);
    const d = dsim(['describe', 'svc', 'exporter'], { log });
    expect(d.code, d.stderr).toBe(0);
    const ip = /\nIP: +(\S+)\n/.exec(d.stdout)![1]!;
    const nodePort = /\nNodePort: +metrics {2}(\d+)\/TCP\n/.exec(d.stdout)![1]!;
    const endpoints = /\nEndpoints: +(\S+) \+ 2 more\.\.\.\n/.exec(d.stdout)![1]!.split(',');
    expect(endpoints).toHaveLength(3);
    for (const e of endpoints) expect(ips.map((i) => `${i}:9100`)).toContain(e);
    expect(d.stdout).toBe(
      [
        'Name:                     exporter',
        'Namespace:                default',
        'Labels:                   <none>',
        'Annotations:              <none>',
        'Selector:                 app=exporter',
        'Type:                     NodePort',
        'IP Family Policy:         SingleStack',
        'IP Families:              IPv4',
        `IP:                       ${ip}`,
        `IPs:                      ${ip}`,
        'Port:                     metrics  80/TCP',
        'TargetPort:               metrics/TCP',
        `NodePort:                 metrics  ${nodePort}/TCP`,
        `Endpoints:                ${endpoints.join(',')} + 2 more...`,
        'Session Affinity:         None',
        'External Traffic Policy:  Cluster',
        'Internal Traffic Policy:  Cluster',
        'Events:                   <none>',
        '',
      ].join('\n'),
    );
  });
});

describe("describe node's Lease", () => {
  it('is held by the node and renewed every 10 s while its kubelet runs, and stops when the kubelet goes silent', () => {
    const { log } = cluster([NODE('a'), NODE('b')]);
    expect(dsim(['advance', '1m5s'], { log }).code).toBe(0);
    expect(dsim(['fail', 'node', 'b', '--unreachable'], { log }).code).toBe(0);
    expect(dsim(['advance', '2m'], { log }).code).toBe(0);
    const lease = (node: string) => {
      const out = dsim(['describe', 'node', node], { log }).stdout;
      return out.slice(out.indexOf('Lease:\n'), out.indexOf('Conditions:'));
    };
    expect(lease('a')).toBe('Lease:\n  HolderIdentity:  a\n  AcquireTime:     <unset>\n  RenewTime:       Wed, 01 Jan 2025 00:03:00 +0000\n');
    expect(lease('b')).toBe('Lease:\n  HolderIdentity:  b\n  AcquireTime:     <unset>\n  RenewTime:       Wed, 01 Jan 2025 00:01:00 +0000\n');
  });
});

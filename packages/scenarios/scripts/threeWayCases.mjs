// Writes src/__fixtures__/threeWayCases.json: the table threeWayMerge.test.ts checks dsim's apply
// against. Each case is what the real `kubectl apply --validate=false -f MANIFEST` did against a
// small API server of our own (started here, on 127.0.0.1) whose live object is the case's `live`: the body
// it POSTed (a create: the object with its last-applied-configuration annotation) or PATCHed (the
// three-way patch, strategic for kinds kubectl has Go structs for, since that server serves no
// OpenAPI and kubectl falls back to its built-in types; a JSON merge patch for a CRD), or nothing
// ("unchanged"), and what it printed. A case's `lastApplied` manifest is put on the live object as
// the annotation a first `kubectl apply` of it POSTed. Needs a kubectl on PATH (v1.32 wrote the
// checked-in file); the tests themselves do not.
//   node packages/scenarios/scripts/threeWayCases.mjs
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const LAST = 'kubectl.kubernetes.io/last-applied-configuration';
const RESOURCES = {
  '': { namespaces: ['Namespace', false], configmaps: ['ConfigMap', true], pods: ['Pod', true], nodes: ['Node', false], services: ['Service', true] },
  apps: { daemonsets: ['DaemonSet', true], deployments: ['Deployment', true] },
  'stable.example.com': { crontabs: ['CronTab', true] },
};
const resourceOf = (kind) => Object.values(RESOURCES).flatMap((rs) => Object.entries(rs)).find(([, [k]]) => k === kind)[0];

// ---- the small API server ------------------------------------------------------------------------
let live = {};
let requests = [];
const send = (r, code, body) => {
  r.writeHead(code, { 'Content-Type': 'application/json' });
  r.end(JSON.stringify(body));
};
const server = http.createServer(async (q, r) => {
  let body = '';
  for await (const c of q) body += c;
  const u = new URL(q.url, 'http://x');
  const p = u.pathname.split('/').filter(Boolean);
  if (u.pathname === '/api') return send(r, 200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }] });
  if (u.pathname === '/apis') {
    const groups = Object.keys(RESOURCES).filter(Boolean).map((g) => ({ name: g, versions: [{ groupVersion: `${g}/v1`, version: 'v1' }], preferredVersion: { groupVersion: `${g}/v1`, version: 'v1' } }));
    return send(r, 200, { kind: 'APIGroupList', apiVersion: 'v1', groups });
  }
  let group;
  let i;
  if (p[0] === 'api' && p[1] === 'v1') [group, i] = ['', 2];
  else if (p[0] === 'apis' && p[2] === 'v1') [group, i] = [p[1], 3];
  else return send(r, 404, {});
  if (RESOURCES[group] === undefined) return send(r, 404, {});
  if (p.length === i) {
    const resources = Object.entries(RESOURCES[group]).map(([name, [kind, namespaced]]) => ({ name, singularName: kind.toLowerCase(), namespaced, kind, verbs: ['get', 'list', 'create', 'update', 'patch'] }));
    return send(r, 200, { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/v1` : 'v1', resources });
  }
  if (p[i] === 'namespaces' && p.length > i + 2) i += 2;
  const name = p[i + 1];
  if (q.method === 'GET') {
    if (live?.metadata?.name === name) return send(r, 200, live);
    return send(r, 404, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `${p[i]} "${name}" not found`, reason: 'NotFound', details: { name, kind: p[i] }, code: 404 });
  }
  requests.push({ method: q.method, type: q.headers['content-type'], body });
  return send(r, q.method === 'POST' ? 201 : 200, q.method === 'POST' ? JSON.parse(body) : live);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const dir = mkdtempSync(join(tmpdir(), 'three-way-'));
const kubeconfig = join(dir, 'kubeconfig');
writeFileSync(
  kubeconfig,
  `apiVersion: v1\nkind: Config\nclusters:\n- cluster: {server: "http://127.0.0.1:${server.address().port}"}\n  name: s\ncontexts:\n- context: {cluster: s, user: u, namespace: default}\n  name: s\ncurrent-context: s\nusers:\n- name: u\n  user: {}\n`,
);

/** kubectl apply of `manifest` against `current` (undefined: nothing there): its requests and output. */
async function kubectlApply(manifest, current) {
  live = current;
  requests = [];
  const file = join(dir, 'm.json');
  writeFileSync(file, JSON.stringify(manifest));
  const run = await new Promise((ok) => {
    execFile('kubectl', ['apply', '--validate=false', '-f', file], { env: { ...process.env, KUBECONFIG: kubeconfig } }, (error, stdout, stderr) => ok({ code: error?.code ?? 0, stdout, stderr }));
  });
  return { ...run, stderr: run.stderr.replaceAll(file, 'FILE'), requests };
}

/** The object with the annotation the first `kubectl apply` of `manifest` stored. */
async function applied(manifest) {
  const { requests: sent } = await kubectlApply(manifest, undefined);
  return JSON.parse(sent[0].body);
}

const clone = (x) => structuredClone(x);
const container = (name, extra = {}) => ({ name, image: `${name}:1`, ...extra });
const DS = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent', namespace: 'default', labels: { app: 'agent', tier: 'node' }, finalizers: ['a.example/one'] },
  spec: {
    selector: { matchLabels: { app: 'agent' } },
    template: {
      metadata: { labels: { app: 'agent' } },
      spec: {
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        tolerations: [{ key: 'a', operator: 'Exists' }],
        containers: [container('main', { env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], ports: [{ containerPort: 80 }, { containerPort: 443 }] }), container('side')],
        volumes: [{ name: 'data', emptyDir: {} }],
      },
    },
  },
};
/** What the API server adds to a stored DaemonSet: defaults, uid, status. */
function served(o) {
  const s = clone(o);
  s.metadata.uid = 'uid-1';
  s.metadata.resourceVersion = '7';
  s.metadata.generation = 1;
  if (s.kind === 'DaemonSet') {
    s.spec.revisionHistoryLimit = 10;
    s.spec.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } };
    for (const c of s.spec.template.spec.containers) c.imagePullPolicy ??= 'IfNotPresent';
    s.spec.template.spec.restartPolicy ??= 'Always';
    s.status = { currentNumberScheduled: 2, desiredNumberScheduled: 2, numberMisscheduled: 0, numberReady: 2 };
  }
  return s;
}
const ds = (edit) => {
  const o = clone(DS);
  edit?.(o);
  return o;
};
const podSpec = (o) => o.spec.template.spec;
const DEPLOY = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [container('web')] } } },
};
const CM = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'conf', namespace: 'default' }, data: { a: '1', b: '2', 'x<&>': 'é' } };
const CRON = { apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'tab', namespace: 'default' }, spec: { schedule: '* * * * *', image: 'cron:1', args: ['a', 'b'], extra: { k: 'v', l: 'w' } } };
const NODE = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1', labels: { zone: 'a' } }, spec: { podCIDRs: ['10.0.0.0/24'] } };

// Each case: the manifest applied before (`last`, or none: `live` is then an object made without
// apply), what others changed on the live object since (`edit`), the manifest applied now.
const CASES = [
  { name: 'the same manifest again, a nodeSelector patched in since: unchanged', last: DS, edit: (o) => (podSpec(o).nodeSelector.disk = 'ssd'), manifest: DS },
  { name: 'a label removed from the manifest is deleted', last: DS, manifest: ds((o) => delete o.metadata.labels.tier) },
  { name: 'a label added by kubectl label stays when the manifest changes elsewhere', last: DS, edit: (o) => (o.metadata.labels.team = 'x'), manifest: ds((o) => (o.metadata.labels.tier = 'infra')) },
  { name: 'an object made without apply gets the annotation, nothing deleted', last: null, base: DS, edit: (o) => (o.metadata.labels.extra = 'y'), manifest: ds((o) => delete o.metadata.labels.tier) },
  { name: 'a container added', last: DS, manifest: ds((o) => podSpec(o).containers.push(container('third'))) },
  { name: 'a container removed', last: DS, manifest: ds((o) => podSpec(o).containers.pop()) },
  { name: 'containers reordered', last: DS, manifest: ds((o) => podSpec(o).containers.reverse()) },
  { name: 'an image changed; the defaulted imagePullPolicy stays', last: DS, manifest: ds((o) => (podSpec(o).containers[1].image = 'side:2')) },
  { name: 'an env var removed and another changed', last: DS, manifest: ds((o) => (podSpec(o).containers[0].env = [{ name: 'B', value: '3' }])) },
  { name: 'a port removed (merge key containerPort)', last: DS, manifest: ds((o) => podSpec(o).containers[0].ports.shift()) },
  { name: 'a port added by kubectl patch stays', last: DS, edit: (o) => podSpec(o).containers[0].ports.push({ containerPort: 8080 }), manifest: ds((o) => (podSpec(o).containers[0].image = 'main:2')) },
  { name: 'tolerations (no strategy) replaced whole', last: DS, edit: (o) => podSpec(o).tolerations.push({ key: 'b', operator: 'Exists' }), manifest: ds((o) => (podSpec(o).tolerations = [{ key: 'c', operator: 'Exists' }])) },
  { name: 'a finalizer removed from the manifest, another added by others', last: DS, edit: (o) => o.metadata.finalizers.push('z.example/other'), manifest: ds((o) => (o.metadata.finalizers = ['b.example/two'])) },
  { name: 'the whole nodeSelector removed, with a key others added', last: DS, edit: (o) => (podSpec(o).nodeSelector.disk = 'ssd'), manifest: ds((o) => delete podSpec(o).nodeSelector) },
  { name: 'a volume changes source (merge,retainKeys)', last: DS, manifest: ds((o) => (podSpec(o).volumes = [{ name: 'data', hostPath: { path: '/var/data' } }])) },
  {
    name: 'a resource claim changes source (merge,retainKeys)',
    last: ds((o) => (podSpec(o).resourceClaims = [{ name: 'gpu', resourceClaimName: 'gpu-claim' }])),
    manifest: ds((o) => (podSpec(o).resourceClaims = [{ name: 'gpu', resourceClaimTemplateName: 'gpu-template' }])),
  },
  { name: 'updateStrategy to OnDelete, rollingUpdate defaulted on the server', last: DS, manifest: ds((o) => (o.spec.updateStrategy = { type: 'OnDelete' })) },
  { name: 'a value changes type (string to map)', last: ds((o) => (o.metadata.labels = { app: 'agent' })), manifest: ds((o) => (o.spec.minReadySeconds = 5)) },
  { name: 'a Deployment switched to Recreate (retainKeys)', last: DEPLOY, manifest: { ...clone(DEPLOY), spec: { ...clone(DEPLOY.spec), strategy: { type: 'Recreate' } } } },
  { name: 'a ConfigMap key removed, one changed, one added by others kept', last: CM, edit: (o) => (o.data.c = '3'), manifest: { ...CM, data: { a: '9', 'x<&>': 'é' } } },
  { name: 'a Node label removed and a podCIDR added', last: NODE, manifest: { ...NODE, metadata: { name: 'node-1' }, spec: { podCIDRs: ['10.0.0.0/24', '10.0.1.0/24'] } } },
  { name: 'a CRD (JSON merge patch): a field removed, a list changed, a map key removed, one kept', last: CRON, edit: (o) => (o.spec.other = 'kept'), manifest: { ...CRON, spec: { schedule: '*/5 * * * *', args: ['c'], extra: { k: 'v' } } } },
  { name: 'a CRD made without apply', last: null, base: CRON, manifest: { ...CRON, spec: { schedule: '* * * * *' } } },
];

const out = [];
try {
  // Creates: the annotation kubectl writes.
  for (const manifest of [DS, DEPLOY, CM, NODE, CRON]) {
    const run = await kubectlApply(manifest, undefined);
    out.push({ name: `creating a ${manifest.kind}`, manifest, stdout: run.stdout, stderr: run.stderr, sent: run.requests.map((r) => ({ method: r.method, type: r.type, body: JSON.parse(r.body) })) });
  }
  for (const c of CASES) {
    const current = served(c.last === null ? c.base : await applied(c.last));
    if (c.last !== null) current.metadata.annotations = (await applied(c.last)).metadata.annotations;
    c.edit?.(current);
    const run = await kubectlApply(c.manifest, current);
    out.push({ name: c.name, manifest: c.manifest, live: current, stdout: run.stdout, stderr: run.stderr, sent: run.requests.map((r) => ({ method: r.method, type: r.type, body: JSON.parse(r.body) })) });
  }
} finally {
  server.close();
  rmSync(dir, { recursive: true });
}
writeFileSync(new URL('../src/__fixtures__/threeWayCases.json', import.meta.url), `${JSON.stringify(out, null, 2)}\n`);
console.log(`${out.length} cases`);

// Writes src/__fixtures__/patchCases.json: the table patch.test.ts checks dsim's three patches
// against. Each case's expected object (or error) is what `kubectl patch --local -f OBJ --type T
// -p PATCH -o json` printed: kubectl runs apimachinery's strategicpatch and evanphx/json-patch
// client-side, over k8s.io/api's Go structs. Needs a kubectl on PATH (v1.32 wrote the checked-in
// file); the tests themselves do not.
//   node packages/scenarios/scripts/patchCases.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const container = (name, extra = {}) => ({ name, image: `${name}:1`, ...extra });
const DS = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: {
    name: 'agent',
    namespace: 'default',
    labels: { app: 'agent', tier: 'node' },
    annotations: { note: 'a' },
    finalizers: ['a.example/one', 'b.example/two'],
    ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: 'u1' }],
  },
  spec: {
    selector: { matchLabels: { app: 'agent' } },
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
    template: {
      metadata: { labels: { app: 'agent' } },
      spec: {
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        tolerations: [{ key: 'a', operator: 'Exists' }, { key: 'b', operator: 'Exists', effect: 'NoSchedule' }],
        imagePullSecrets: [{ name: 'reg1' }],
        hostAliases: [{ ip: '10.0.0.1', hostnames: ['one'] }],
        topologySpreadConstraints: [{ topologyKey: 'zone', maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule' }],
        initContainers: [container('init')],
        containers: [
          container('main', {
            args: ['--a', '--b'],
            env: [
              { name: 'A', value: '1' },
              { name: 'B', value: '2' },
            ],
            ports: [
              { containerPort: 80, name: 'http' },
              { containerPort: 9090, name: 'metrics' },
            ],
            volumeMounts: [{ name: 'data', mountPath: '/data' }],
            envFrom: [{ configMapRef: { name: 'cm' } }],
          }),
          container('sidecar'),
        ],
        volumes: [
          { name: 'data', hostPath: { path: '/var/data' } },
          { name: 'cfg', configMap: { name: 'cm' } },
        ],
      },
    },
  },
};
const NODE = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'n1', labels: { zone: 'a' } },
  spec: { podCIDR: '10.0.0.0/24', podCIDRs: ['10.0.0.0/24'], taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] },
  status: {
    addresses: [
      { type: 'InternalIP', address: '192.168.0.1' },
      { type: 'Hostname', address: 'n1' },
    ],
    conditions: [
      { type: 'Ready', status: 'True' },
      { type: 'MemoryPressure', status: 'False' },
    ],
  },
};
const SVC = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default' },
  spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] },
};
const POD = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default' },
  spec: {
    schedulingGates: [{ name: 'gate-a' }],
    containers: [{ name: 'main', image: 'main:1', volumeDevices: [{ name: 'blk', devicePath: '/dev/xvda' }] }],
  },
  status: { podIPs: [{ ip: '10.0.0.5' }], conditions: [{ type: 'Ready', status: 'True' }] },
};
const SA = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa', namespace: 'default' }, secrets: [{ name: 'tok' }], imagePullSecrets: [{ name: 'reg' }] };
const CM = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { a: '1', b: '2' } };
const tpl = (spec) => ({ spec: { template: { spec } } });
const main = (fields) => tpl({ containers: [{ name: 'main', ...fields }] });

const CASES = [
  // strategic merge patch: maps, null, and the list fields by their patch strategy and merge key
  ['strategic', 'nodeSelector that matches no node pauses a DaemonSet', DS, tpl({ nodeSelector: { 'non-existing': 'true' } })],
  ['strategic', 'null deletes a label, others merge', DS, { metadata: { labels: { tier: null, new: 'x' } } }],
  ['strategic', 'containers merge by name', DS, main({ image: 'main:2' })],
  ['strategic', 'a new container comes first', DS, tpl({ containers: [{ name: 'extra', image: 'extra:1' }] })],
  ['strategic', 'containers: $patch delete', DS, tpl({ containers: [{ name: 'sidecar', $patch: 'delete' }] })],
  ['strategic', 'containers: $patch replace', DS, tpl({ containers: [{ name: 'only', image: 'only:1' }, { $patch: 'replace' }] })],
  ['strategic', 'env merges by name', DS, main({ env: [{ name: 'B', value: 'two' }, { name: 'C', value: '3' }] })],
  ['strategic', 'env: $patch delete', DS, main({ env: [{ name: 'A', $patch: 'delete' }] })],
  ['strategic', 'ports merge by containerPort', DS, main({ ports: [{ containerPort: 9090, name: 'prom' }, { containerPort: 443 }] })],
  ['strategic', 'ports: $patch delete by containerPort', DS, main({ ports: [{ containerPort: 80, $patch: 'delete' }] })],
  ['strategic', 'volumeMounts merge by mountPath', DS, main({ volumeMounts: [{ mountPath: '/data', readOnly: true }, { name: 'cfg', mountPath: '/etc/cfg' }] })],
  ['strategic', 'volumes merge by name', DS, tpl({ volumes: [{ name: 'cfg', configMap: { name: 'cm2' } }] })],
  ['strategic', 'volumes: $retainKeys switches the source', DS, tpl({ volumes: [{ name: 'data', emptyDir: {}, $retainKeys: ['name', 'emptyDir'] }] })],
  ['strategic', '$retainKeys must name every key of the patch', DS, tpl({ volumes: [{ name: 'data', emptyDir: {}, $retainKeys: ['name'] }] })],
  ['strategic', 'tolerations have no merge strategy: replaced', DS, tpl({ tolerations: [{ key: 'c', operator: 'Exists' }] })],
  ['strategic', 'args have no merge strategy: replaced', DS, main({ args: ['--c'] })],
  ['strategic', 'envFrom has no merge strategy: replaced', DS, main({ envFrom: [{ secretRef: { name: 's' } }] })],
  ['strategic', 'finalizers: a merged list of strings', DS, { metadata: { finalizers: ['c.example/three', 'a.example/one'] } }],
  ['strategic', 'finalizers: duplicates are merged once', DS, { metadata: { finalizers: ['b.example/two', 'b.example/two', 'z'] } }],
  ['strategic', '$deleteFromPrimitiveList/finalizers', DS, { metadata: { '$deleteFromPrimitiveList/finalizers': ['a.example/one'] } }],
  ['strategic', '$deleteFromPrimitiveList on a list without merge strategy', DS, main({ '$deleteFromPrimitiveList/args': ['--a'] })],
  ['strategic', '$deleteFromPrimitiveList of a missing list does nothing', DS, main({ '$deleteFromPrimitiveList/command': ['x'] })],
  ['strategic', '$setElementOrder/finalizers', DS, { metadata: { '$setElementOrder/finalizers': ['b.example/two', 'c', 'a.example/one'], finalizers: ['c'] } }],
  ['strategic', '$setElementOrder/containers', DS, tpl({ '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'main' }], containers: [{ name: 'main', image: 'main:3' }] })],
  ['strategic', '$setElementOrder/env with a new element', DS, main({ '$setElementOrder/env': [{ name: 'C' }, { name: 'B' }, { name: 'A' }], env: [{ name: 'C', value: '3' }] })],
  ['strategic', 'ownerReferences merge by uid', DS, { metadata: { ownerReferences: [{ apiVersion: 'v1', kind: 'Secret', name: 's', uid: 'u2' }] } }],
  ['strategic', 'imagePullSecrets merge by name', DS, tpl({ imagePullSecrets: [{ name: 'reg2' }] })],
  ['strategic', 'hostAliases merge by ip', DS, tpl({ hostAliases: [{ ip: '10.0.0.1', hostnames: ['uno'] }, { ip: '10.0.0.2', hostnames: ['two'] }] })],
  ['strategic', 'topologySpreadConstraints merge by topologyKey', DS, tpl({ topologySpreadConstraints: [{ topologyKey: 'zone', maxSkew: 2 }] })],
  ['strategic', 'initContainers merge by name', DS, tpl({ initContainers: [{ name: 'init', image: 'init:2' }] })],
  ['strategic', '$patch replace on a map', DS, { spec: { updateStrategy: { $patch: 'replace', type: 'OnDelete' } } }],
  ['strategic', '$patch delete on a map', DS, { spec: { updateStrategy: { $patch: 'delete' } } }],
  ['strategic', '$patch merge on a map is refused', DS, { spec: { updateStrategy: { $patch: 'merge' } } }],
  ['strategic', '$patch merge in a list is refused', DS, main({ env: [{ name: 'A', $patch: 'merge' }] })],
  ['strategic', 'an unknown $patch is refused', DS, tpl({ containers: [{ name: 'main', $patch: 'bogus' }] })],
  ['strategic', 'a merged list element needs its merge key', DS, tpl({ containers: [{ image: 'x' }] })],
  ['strategic', 'a port without containerPort names the map in the error', DS, main({ ports: [{ hostPort: 8080, name: 'h' }] })],
  ['strategic', 'nulls inside a new value are dropped', DS, { spec: { minReadySeconds: 5, template: { metadata: { annotations: { a: null, b: 'x', c: { d: null, e: 1 } } } } } }],
  ['strategic', 'a value of another type replaces', DS, { spec: { updateStrategy: { rollingUpdate: 'x' } } }],
  ['strategic', 'nulls in a merged-in new list element stay', DS, tpl({ containers: [{ name: 'new', image: 'x', workingDir: null }] })],
  ['strategic', 'an unknown field is added as it is', DS, { spec: { bogus: { a: 1 } } }],
  ['strategic', '$setElementOrder that does not match the patch is refused', DS, { metadata: { '$setElementOrder/finalizers': ['x'], finalizers: ['y'] } }],
  ['strategic', 'a malformed $retainKeys is refused', DS, tpl({ volumes: [{ name: 'data', emptyDir: {}, $retainKeys: 'name' }] })],
  ['strategic', 'node: taints have no merge strategy: replaced', NODE, { spec: { taints: [{ key: 'x', effect: 'NoExecute' }] } }],
  ['strategic', 'node: podCIDRs merge as strings', NODE, { spec: { podCIDRs: ['fd00::/64'] } }],
  ['strategic', 'node: addresses merge by type', NODE, { status: { addresses: [{ type: 'Hostname', address: 'node-1' }, { type: 'ExternalIP', address: '1.2.3.4' }] } }],
  ['strategic', 'node: conditions merge by type', NODE, { status: { conditions: [{ type: 'Ready', status: 'False' }] } }],
  ['strategic', 'node: unschedulable', NODE, { spec: { unschedulable: true } }],
  ['strategic', 'service: ports merge by port', SVC, { spec: { ports: [{ port: 80, targetPort: 9090 }, { port: 443, name: 'https' }] } }],
  ['strategic', 'configmap: data merges, null deletes', CM, { data: { a: null, c: '3' } }],
  ['strategic', 'pod: volumeDevices merge by devicePath', POD, { spec: { containers: [{ name: 'main', volumeDevices: [{ name: 'blk2', devicePath: '/dev/xvda' }, { name: 'b', devicePath: '/dev/xvdb' }] }] } }],
  ['strategic', 'pod: schedulingGates merge by name', POD, { spec: { schedulingGates: [{ name: 'gate-b' }] } }],
  ['strategic', 'pod: status podIPs merge by ip', POD, { status: { podIPs: [{ ip: 'fd00::5' }] } }],
  ['strategic', 'serviceaccount: secrets merge by name, imagePullSecrets are replaced', SA, { secrets: [{ name: 'tok2' }], imagePullSecrets: [{ name: 'reg2' }] }],
  // JSON merge patch (RFC 7386)
  ['merge', 'merge: objects merge, null deletes', DS, { metadata: { labels: { tier: null, new: 'x' } } }],
  ['merge', 'merge: a list is replaced whole', DS, main({ image: 'main:2' })],
  ['merge', 'merge: nulls in a new object are pruned', DS, { spec: { template: { metadata: { annotations: { a: null, b: { c: null, d: 1 } } } } } }],
  ['merge', 'merge: a scalar replaces an object', DS, { spec: { updateStrategy: 'x' } }],
  ['merge', 'merge: an object replaces a scalar, pruned', DS, { spec: { template: { spec: { nodeSelector: { x: { y: null, z: 1 } } } } } }],
  ['merge', 'merge: nulls inside a list are kept', DS, { metadata: { finalizers: ['a', null] } }],
  ['merge', 'merge: node label', NODE, { metadata: { labels: { disktype: 'ssd' } } }],
  ['merge', 'merge: $patch means nothing', DS, { spec: { updateStrategy: { $patch: 'replace' } } }],
  ['merge', 'merge: configmap data', CM, { data: { b: null } }],
  // JSON patch (RFC 6902)
  ['json', 'json: replace an image', DS, [{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'main:2' }]],
  ['json', 'json: add to the end of a list', DS, [{ op: 'add', path: '/spec/template/spec/tolerations/-', value: { key: 'c', operator: 'Exists' } }]],
  ['json', 'json: add at an index', DS, [{ op: 'add', path: '/spec/template/spec/containers/0/args/1', value: '--mid' }]],
  ['json', 'json: add a map member', DS, [{ op: 'add', path: '/metadata/labels/new', value: 'x' }]],
  ['json', 'json: escaped pointer ~1 and ~0', DS, [{ op: 'add', path: '/spec/template/spec/nodeSelector/example.com~1a~0b', value: 'y' }]],
  ['json', 'json: remove a list element', DS, [{ op: 'remove', path: '/spec/template/spec/tolerations/0' }]],
  ['json', 'json: remove a missing key fails', DS, [{ op: 'remove', path: '/spec/nope' }]],
  ['json', 'json: replace a missing key adds it', DS, [{ op: 'replace', path: '/spec/minReadySeconds', value: 10 }]],
  ['json', 'json: move', DS, [{ op: 'move', from: '/metadata/annotations/note', path: '/metadata/labels/note' }]],
  ['json', 'json: copy', DS, [{ op: 'copy', from: '/spec/template/spec/containers/0/env', path: '/spec/template/spec/containers/1/env' }]],
  ['json', 'json: test passes, then replace', DS, [{ op: 'test', path: '/metadata/labels/app', value: 'agent' }, { op: 'replace', path: '/metadata/labels/app', value: 'b' }]],
  ['json', 'json: test fails the whole patch', DS, [{ op: 'replace', path: '/metadata/labels/app', value: 'b' }, { op: 'test', path: '/metadata/labels/tier', value: 'x' }]],
  ['json', 'json: an index past the end fails', DS, [{ op: 'add', path: '/spec/template/spec/tolerations/5', value: {} }]],
  ['json', 'json: a missing parent fails', DS, [{ op: 'add', path: '/spec/nope/x', value: 1 }]],
  ['json', 'json: an unknown op fails', DS, [{ op: 'frobnicate', path: '/spec' }]],
  ['json', 'json: a negative index counts from the end', DS, [{ op: 'remove', path: '/spec/template/spec/tolerations/-1' }]],
  ['json', 'json: test of a list', DS, [{ op: 'test', path: '/metadata/finalizers', value: ['a.example/one', 'b.example/two'] }]],
  ['json', 'json: a path without its leading slash is read from its first slash', DS, [{ op: 'add', path: 'spec/x', value: 1 }]],
  ['json', 'json: the empty path is refused', DS, [{ op: 'add', path: '', value: {} }]],
  ['json', 'json: copy from a missing member copies null', DS, [{ op: 'copy', from: '/spec/nope', path: '/spec/x' }]],
  ['json', 'json: move from a missing member fails', DS, [{ op: 'move', from: '/spec/nope', path: '/spec/x' }]],
  ['json', 'json: add before the last element with -1', DS, [{ op: 'add', path: '/spec/template/spec/containers/-1', value: { name: 'x' } }]],
  ['json', 'json: an op without a path fails', DS, [{ op: 'add', value: 1 }]],
  ['json', 'json: an element without op fails', DS, [{ path: '/spec/x' }]],
];

const dir = mkdtempSync(join(tmpdir(), 'patch-cases-'));
const out = [];
try {
  for (const [type, name, object, patch] of CASES) {
    const file = join(dir, 'obj.json');
    writeFileSync(file, JSON.stringify(object));
    const c = { name, type, kind: object.kind, object, patch };
    try {
      const stdout = execFileSync('kubectl', ['patch', '--local', '-f', file, '--type', type, '-p', JSON.stringify(patch), '-o', 'json'], { stdio: ['ignore', 'pipe', 'pipe'] });
      c.expected = JSON.parse(stdout.toString());
    } catch (e) {
      c.error = e.stderr.toString().trim().replace(/^error: /, '');
    }
    out.push(c);
  }
} finally {
  rmSync(dir, { recursive: true });
}
writeFileSync(new URL('../src/__fixtures__/patchCases.json', import.meta.url), `${JSON.stringify(out, null, 1)}\n`);
console.log(`${out.length} cases written`);

// drainPlan against what kubectl v1.32 printed for the same pods (driven against a fake API
// server: node-1 with a live DaemonSet's pod, an orphan whose DaemonSet is gone, bare pods with
// and without emptyDir, a ReplicaSet's pod, a mirror pod and a finished orphan).
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { Engine, events as ev, fold, podsOnNode, stamp, type ClusterState } from '@dsim/core';
import { drainPlan, drainRefusal, type DrainOptions } from './drain.ts';

const node: Node = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'node-1', labels: { 'kubernetes.io/hostname': 'node-1' } },
  status: { conditions: [{ type: 'Ready', status: 'True' }], allocatable: { cpu: '8', memory: '16Gi', pods: '110' } },
};

const ds = (name: string): DaemonSet => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name, namespace: 'kube-system' },
  spec: {
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: `example/${name}:1` }] } },
  },
});

const pod = (namespace: string, name: string, extra: { emptyDir?: boolean; meta?: Pod['metadata'] } = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, ...extra.meta },
  spec: {
    nodeName: 'node-1',
    containers: [{ name: 'main', image: 'nginx:1.25' }],
    ...(extra.emptyDir ? { volumes: [{ name: 'tmp', emptyDir: {} }] } : {}),
  },
});

const BARE = pod('default', 'lonely');
const SCRATCH = pod('default', 'scratch', { emptyDir: true });
const REPLICA = pod('default', 'web-7d4b9-abcde', {
  emptyDir: true,
  meta: { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9', uid: 'rs-1', controller: true }] },
});
const MIRROR = pod('kube-system', 'etcd-node-1', {
  meta: {
    annotations: { 'kubernetes.io/config.mirror': 'abc' },
    ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'node-1', uid: 'n-1', controller: true }],
  },
});

/** node-1 running the given DaemonSets and bare pods, all settled; then the `orphan` DaemonSets deleted (no garbage collector yet). */
function cluster(opts: { daemonSets?: string[]; orphans?: string[]; pods?: Pod[] }): ClusterState {
  const e = new Engine({ seed: 1 });
  e.input(ev.nodeAdded(node));
  for (const d of [...(opts.daemonSets ?? []), ...(opts.orphans ?? [])]) e.input(ev.daemonSetApplied(ds(d)));
  (opts.pods ?? []).forEach((p, i) => e.input(ev.barePodCreated(p, `uid-${i}`)));
  e.run({ until: 60_000 });
  const deletes = (opts.orphans ?? []).map((d, i) => stamp(ev.daemonSetDeleted('kube-system', d), 10_000 + i, e.now));
  return fold(e.state, deletes);
}

/** The one pod on node-1 whose name starts with prefix, as namespace/name. */
function named(s: ClusterState, prefix: string): string {
  const found = podsOnNode(s, 'node-1').filter((p) => p.name.startsWith(prefix));
  if (found.length !== 1) throw new Error(`expected one pod ${prefix}*, got ${found.length}`);
  return `${found[0]!.namespace}/${found[0]!.name}`;
}

const NONE: DrainOptions = { ignoreDaemonSets: false, force: false, deleteEmptyDirData: false };
const IGNORE: DrainOptions = { ...NONE, ignoreDaemonSets: true };
const FORCE: DrainOptions = { ...IGNORE, force: true };

const DS_FATAL = 'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ';
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override): ';
const LOCAL_FATAL = 'cannot delete Pods with local storage (use --delete-emptydir-data to override): ';

describe('drainPlan: kubectl drain filters, in its order', () => {
  // Each row is one of the captured kubectl runs: which pods, which flags, what it evicted, its
  // errors and its warning line. `$p` in a row stands for the kube-proxy pod's name, `$f` for fluentd's.
  const rows: Array<{
    name: string;
    cluster: Parameters<typeof cluster>[0];
    o: DrainOptions;
    evict: string[];
    errors?: string[];
    warning?: string;
  }> = [
    { name: 'a live DaemonSet pod without --ignore-daemonsets', cluster: { daemonSets: ['kube-proxy'] }, o: NONE, evict: [], errors: [`${DS_FATAL}$p`] },
    { name: 'a live DaemonSet pod with it', cluster: { daemonSets: ['kube-proxy'] }, o: IGNORE, evict: [], warning: 'ignoring DaemonSet-managed Pods: $p' },
    { name: 'an orphan without --force', cluster: { orphans: ['fluentd'] }, o: NONE, evict: [], errors: ['cannot delete daemonsets.apps "fluentd" not found: $f'] },
    { name: 'an orphan: --ignore-daemonsets does not cover it', cluster: { orphans: ['fluentd'] }, o: IGNORE, evict: [], errors: ['cannot delete daemonsets.apps "fluentd" not found: $f'] },
    // The not-found warning is overwritten by the later filters' "okay": kubectl prints nothing.
    { name: 'an orphan with --force is evicted silently', cluster: { orphans: ['fluentd'] }, o: FORCE, evict: ['$f'] },
    { name: 'two errors, grouped by message in pod order', cluster: { daemonSets: ['kube-proxy'], pods: [BARE] }, o: NONE, evict: [], errors: [`${UNMANAGED_FATAL}default/lonely`, `${DS_FATAL}$p`] },
    { name: 'an error hides the warnings', cluster: { daemonSets: ['kube-proxy'], pods: [BARE] }, o: IGNORE, evict: [], errors: [`${UNMANAGED_FATAL}default/lonely`] },
    { name: 'two warnings on one line', cluster: { daemonSets: ['kube-proxy'], pods: [BARE] }, o: FORCE, evict: ['default/lonely'], warning: 'deleting Pods that declare no controller: default/lonely; ignoring DaemonSet-managed Pods: $p' },
    {
      name: 'four errors',
      cluster: { daemonSets: ['kube-proxy'], orphans: ['fluentd'], pods: [BARE, SCRATCH] },
      o: NONE,
      evict: [],
      errors: [`${UNMANAGED_FATAL}default/lonely`, `${LOCAL_FATAL}default/scratch`, 'cannot delete daemonsets.apps "fluentd" not found: $f', `${DS_FATAL}$p`],
    },
    { name: 'emptyDir needs --delete-emptydir-data, even with --force', cluster: { pods: [SCRATCH] }, o: { ...NONE, force: true }, evict: [], errors: [`${LOCAL_FATAL}default/scratch`] },
    // The local-storage warning is overwritten by the no-controller one.
    { name: 'emptyDir with --force --delete-emptydir-data', cluster: { pods: [SCRATCH] }, o: { ...NONE, force: true, deleteEmptyDirData: true }, evict: ['default/scratch'], warning: 'deleting Pods that declare no controller: default/scratch' },
    { name: "a ReplicaSet's pod with emptyDir", cluster: { pods: [REPLICA] }, o: IGNORE, evict: [], errors: [`${LOCAL_FATAL}default/web-7d4b9-abcde`] },
    { name: "a ReplicaSet's pod with --delete-emptydir-data, silently", cluster: { pods: [REPLICA] }, o: { ...IGNORE, deleteEmptyDirData: true }, evict: ['default/web-7d4b9-abcde'] },
    { name: 'a mirror pod is skipped silently', cluster: { daemonSets: ['kube-proxy'], pods: [MIRROR] }, o: IGNORE, evict: [], warning: 'ignoring DaemonSet-managed Pods: $p' },
  ];
  it.each(rows)('$name', (row) => {
    const s = cluster(row.cluster);
    const sub = (x: string) =>
      x.replace('$p', () => named(s, 'kube-proxy-')).replace('$f', () => named(s, 'fluentd-'));
    const plan = drainPlan(s, 'node-1', row.o);
    expect(plan.evict.map((p) => `${p.namespace}/${p.name}`)).toEqual(row.evict.map(sub));
    expect(plan.errors).toEqual((row.errors ?? []).map(sub));
    expect(plan.warning).toBe(sub(row.warning ?? ''));
  });

  it('evicts a finished orphan without asking for its DaemonSet', () => {
    const s = cluster({ orphans: ['fluentd'] });
    const f = named(s, 'fluentd-');
    const [ns, name] = f.split('/') as [string, string];
    const done = fold(s, [stamp(ev.podTerminated({ namespace: ns, name }, 'Succeeded', 'Completed'), 20_000, 61_000)]);
    expect(drainPlan(done, 'node-1', NONE)).toEqual({ evict: [expect.objectContaining({ name })], errors: [], warning: '' });
  });

  it('lists only pods bound to the node', () => {
    const s = cluster({ pods: [BARE] });
    expect(drainPlan(s, 'node-2', { ...NONE, force: true }).evict).toEqual([]);
  });
});

describe('drainRefusal', () => {
  it('prints one error bare, and several bracketed, then each on a line of its own', () => {
    expect(drainRefusal('node-1', ['cannot delete x: a/b'])).toBe(
      'error: unable to drain node "node-1" due to error: cannot delete x: a/b, continuing command...\nThere are pending nodes to be drained:\n node-1\ncannot delete x: a/b\n',
    );
    expect(drainRefusal('node-1', ['cannot delete x: a/b', 'cannot delete y: c/d'])).toBe(
      'error: unable to drain node "node-1" due to error: [cannot delete x: a/b, cannot delete y: c/d], continuing command...\nThere are pending nodes to be drained:\n node-1\ncannot delete x: a/b\ncannot delete y: c/d\n',
    );
  });
});

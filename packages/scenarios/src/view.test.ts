// getObject finds one object as listObjects lists it: the lookups by name (nodes, pods,
// DaemonSets) against the listing they replace, over every object of a small running cluster and
// names that are not there.
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { Engine, events as ev, type KubeObject } from '@dsim/core';
import { findResourceType } from './resources.ts';
import { getObject, listObjects } from './view.ts';

const node = (name: string): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/os': 'linux' } },
  status: { conditions: [{ type: 'Ready', status: 'True' }], allocatable: { cpu: '4', memory: '8Gi', pods: '110' } },
});

const ds = (namespace: string, name: string): DaemonSet => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { namespace, name },
  spec: {
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: `${name}:1` }] } },
  },
});

function cluster() {
  const e = new Engine({ seed: 7 });
  for (const n of ['node-a', 'node-b', 'node-c']) e.input(ev.nodeAdded(node(n)));
  e.input(ev.objectApplied({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'agents' } } as KubeObject));
  e.input(ev.daemonSetApplied(ds('kube-system', 'proxy')));
  e.input(ev.daemonSetApplied(ds('agents', 'proxy')));
  e.input(ev.objectApplied({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'proxy', namespace: 'agents' }, data: { a: '1' } } as KubeObject));
  e.run({ until: 60_000 });
  return e.state;
}

describe('getObject', () => {
  const state = cluster();
  it.each([
    ['nodes', undefined],
    ['pods', 'kube-system'],
    ['pods', 'agents'],
    ['daemonsets', 'kube-system'],
    ['daemonsets', 'agents'],
    ['configmaps', 'agents'],
    ['namespaces', undefined],
    ['serviceaccounts', 'agents'],
    ['leases', 'kube-node-lease'],
  ])('finds every %s (namespace %s) as listObjects lists it, and nothing under a name not there', (resource, namespace) => {
    const type = findResourceType(resource)!;
    const listed = listObjects(state, type, namespace);
    expect(listed.length).toBeGreaterThan(0);
    for (const o of listed) expect(getObject(state, type, namespace, o.metadata?.name ?? '')).toEqual(o);
    expect(getObject(state, type, namespace, 'not-there')).toBeUndefined();
  });

  it('keeps a namespaced lookup to its namespace', () => {
    const pods = findResourceType('pods')!;
    const agentPod = listObjects(state, pods, 'agents')[0]!.metadata!.name!;
    expect(getObject(state, pods, 'kube-system', agentPod)).toBeUndefined();
    const dsType = findResourceType('daemonsets')!;
    expect(getObject(state, dsType, 'default', 'proxy')).toBeUndefined();
    expect(getObject(state, dsType, 'agents', 'proxy')?.metadata?.namespace).toBe('agents');
  });
});

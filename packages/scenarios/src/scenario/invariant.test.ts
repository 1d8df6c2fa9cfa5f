// The exactly-one-pod-per-eligible-node invariant on hand-built states (facts folded as the reducer folds them).
import { describe, expect, it } from 'vitest';
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node } from 'kubernetes-types/core/v1';
import { createModel, events as ev, initialState, stamp, type ClusterState, type PendingEvent } from '@dsim/core';
import { checkAtMost, checkExactlyOne } from './invariant.ts';

const model = createModel({ autoFreeze: false });

function fold(state: ClusterState, ...pending: PendingEvent[]): ClusterState {
  return model.fold(state, pending.map((p, i) => stamp(p, state.seq + 1 + i, 0)));
}

const node = (name: string, ready = true): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name } },
  status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
});

const daemonSet = (name: string, surge: boolean): DaemonSet => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name, namespace: 'default' },
  spec: {
    selector: { matchLabels: { app: name } },
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: surge ? { maxSurge: 1, maxUnavailable: 0 } : { maxUnavailable: 1 } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: 'i' }] } },
  },
});

function cluster(surge: boolean): ClusterState {
  return fold(initialState(), ev.nodeAdded(node('n1')), ev.nodeAdded(node('n2')), ev.nodeAdded(node('down', false)), ev.daemonSetApplied(daemonSet('a', surge)));
}

function pod(state: ClusterState, name: string, nodeName: string, hash?: string): PendingEvent[] {
  const ds = state.daemonSets.get('default/a')!;
  const ref = { namespace: 'default', name };
  return [
    ev.podCreated({ ...ref, uid: `uid-${name}`, daemonSet: ds.key, node: nodeName, hash: hash ?? ds.hash, templateGeneration: hash === undefined ? ds.templateGeneration : 0 }),
    ev.podBound(ref, nodeName),
  ];
}

describe('checkAtMost', () => {
  it('accepts one pod, and refuses a second without surge (the duplicate of kubernetes#22545)', () => {
    let s = cluster(false);
    s = fold(s, ...pod(s, 'a-1', 'n1'));
    expect(checkAtMost(s, s.daemonSets.get('default/a')!, 'n1')).toBeUndefined();
    s = fold(s, ...pod(s, 'a-2', 'n1', 'old'));
    expect(checkAtMost(s, s.daemonSets.get('default/a')!, 'n1')).toBe('node n1 has 2 pods of daemonset default/a (a-1, a-2); without maxSurge it may have one');
  });

  it('does not count pods being deleted or finished', () => {
    let s = cluster(false);
    s = fold(s, ...pod(s, 'a-1', 'n1'), ...pod(s, 'a-2', 'n1'), ev.podDeletionRequested({ namespace: 'default', name: 'a-1' }, 30, 'test'));
    expect(checkAtMost(s, s.daemonSets.get('default/a')!, 'n1')).toBeUndefined();
    s = fold(s, ...pod(s, 'a-3', 'n2'), ev.podTerminated({ namespace: 'default', name: 'a-3' }, 'Failed', 'test'), ...pod(s, 'a-4', 'n2'));
    expect(checkAtMost(s, s.daemonSets.get('default/a')!, 'n2')).toBeUndefined();
  });

  it('with surge, allows an old and a new pod, never two of one template, never three', () => {
    let s = cluster(true);
    s = fold(s, ...pod(s, 'a-1', 'n1', 'old'), ...pod(s, 'a-2', 'n1'));
    const ds = () => s.daemonSets.get('default/a')!;
    expect(checkAtMost(s, ds(), 'n1')).toBeUndefined();
    s = fold(s, ...pod(s, 'a-3', 'n2'), ...pod(s, 'a-4', 'n2'));
    expect(checkAtMost(s, ds(), 'n2')).toBe('node n2 has two pods of daemonset default/a with the same template (a-3, a-4)');
    s = fold(s, ...pod(s, 'a-5', 'n1', 'older'));
    expect(checkAtMost(s, ds(), 'n1')).toBe('node n1 has 3 pods of daemonset default/a (a-1, a-2, a-5); even with maxSurge it may have two');
  });

  it('applies on nodes that are gone too (pods wait for pod GC there)', () => {
    let s = cluster(false);
    s = fold(s, ...pod(s, 'a-1', 'n2'), ev.nodeRemoved('n2'), ...pod(s, 'a-2', 'n2'));
    expect(checkAtMost(s, s.daemonSets.get('default/a')!, 'n2')).toMatch(/^node n2 has 2 pods/);
  });
});

describe('checkExactlyOne', () => {
  it('wants a pod on every Ready node where the DaemonSet should run, and ignores NotReady ones', () => {
    let s = cluster(false);
    s = fold(s, ...pod(s, 'a-1', 'n1'));
    expect(checkExactlyOne(s)).toEqual({ problems: ['Ready node n2 should run daemonset default/a but has no pod of it'], missing: 1 });
    s = fold(s, ...pod(s, 'a-2', 'n2'));
    expect(checkExactlyOne(s)).toEqual({ problems: [], missing: 0 });
  });
});

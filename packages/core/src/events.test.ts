// Tests for the event envelope: one creator per type, stamping, JSON round trips, and the
// exhaustiveness check every switch over events ends with.

import { describe, expect, it } from 'vitest';
import { daemonSet, node } from '../test/fixtures.ts';
import {
  assertNever,
  EVENT_TYPES,
  events,
  INPUT_EVENT_TYPES,
  stamp,
  type DsimEvent,
  type EventOf,
  type EventType,
  type PendingEvent,
} from './events.ts';

const pod = { namespace: 'default', name: 'foo-7xk2b' };

/** One sample per event type; the Record type makes a missing type a compile error. */
const SAMPLES: { readonly [T in EventType]: PendingEvent<EventOf<T>> } = {
  SimulationStarted: events.simulationStarted(42, { controller: { workers: 2 } }),
  TimeAdvanced: events.timeAdvanced(60_000),
  ObjectApplied: events.objectApplied({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { a: '1' } }),
  ObjectDeleted: events.objectDeleted({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'c' }),
  PodRemovalRequested: events.podRemovalRequested(pod, 'evict', 0),
  NodeAdded: events.nodeAdded(node('n1', { labels: { zone: 'a' }, taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] })),
  NodeUpdated: events.nodeUpdated(node('n1', { ready: false })),
  NodeStatusUpdated: events.nodeStatusUpdated(node('n1', { ready: false, taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }] })),
  NodeRemoved: events.nodeRemoved('n1'),
  NodeFailed: events.nodeFailed('n1', 'Unreachable'),
  NodeRecovered: events.nodeRecovered('n1'),
  DaemonSetApplied: events.daemonSetApplied(daemonSet('foo', { maxSurge: '25%', tolerations: [{ operator: 'Exists' }] })),
  DaemonSetDeleted: events.daemonSetDeleted('default', 'foo'),
  DaemonSetFinalized: events.daemonSetFinalized('default', 'foo', 'uid-foo'),
  BarePodCreated: events.barePodCreated({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b' }, spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'i' }] } }, 'uid-b'),
  PodCreated: events.podCreated({ ...pod, uid: 'u', daemonSet: 'default/foo', node: 'n1', hash: '5d9f8c7b6', templateGeneration: 3 }),
  PodAdopted: events.podAdopted(pod, 'default/foo'),
  PodRelabeled: events.podRelabeled(pod, { app: 'debug' }),
  PodAnnotated: events.podAnnotated(pod, { 'kubernetes.io/change-cause': 'debugging' }),
  PodReleased: events.podReleased(pod, 'default/foo'),
  PodCreateFailed: events.podCreateFailed('default/foo', 'n1', 'pods "foo-" is forbidden: error looking up service account default/x: serviceaccount "x" not found'),
  PodBound: events.podBound(pod, 'n1'),
  PodUnschedulable: events.podUnschedulable(pod, '0/1 nodes are available: 1 Insufficient cpu.'),
  PodStarted: events.podStarted(pod, true),
  PodBecameReady: events.podBecameReady(pod),
  PodBecameUnready: events.podBecameUnready(pod),
  PodBecameAvailable: events.podBecameAvailable(pod),
  PodTerminated: events.podTerminated(pod, 'Failed', 'Error'),
  PodDeletionRequested: events.podDeletionRequested(pod, 30, 'RollingUpdate'),
  PodDeleted: events.podDeleted(pod),
  ControllerRevisionCreated: events.controllerRevisionCreated({ namespace: 'default', name: 'foo-5d9f8c7b6', daemonSet: 'default/foo', hash: '5d9f8c7b6', revision: 2 }),
  ControllerRevisionUpdated: events.controllerRevisionUpdated({ namespace: 'default', name: 'foo-5d9f8c7b6' }, 4),
  ControllerRevisionAnnotated: events.controllerRevisionAnnotated({ namespace: 'default', name: 'foo-5d9f8c7b6' }, { 'kubernetes.io/change-cause': 'image 2' }),
  ControllerRevisionDeleted: events.controllerRevisionDeleted({ namespace: 'default', name: 'foo-5d9f8c7b6' }),
  DaemonSetSynced: events.daemonSetSynced('default', 'foo', 2),
};

/** Every type handled: compiles only while the switch is exhaustive. */
function category(e: DsimEvent): 'input' | 'fact' {
  switch (e.type) {
    case 'SimulationStarted':
    case 'TimeAdvanced':
    case 'ObjectApplied':
    case 'ObjectDeleted':
    case 'PodRemovalRequested':
    case 'NodeAdded':
    case 'NodeUpdated':
    case 'NodeRemoved':
    case 'NodeFailed':
    case 'NodeRecovered':
    case 'DaemonSetApplied':
    case 'DaemonSetDeleted':
    case 'PodRelabeled':
    case 'PodAnnotated':
    case 'ControllerRevisionAnnotated':
    case 'BarePodCreated':
      return 'input';
    case 'NodeStatusUpdated':
    case 'PodCreated':
    case 'PodBound':
    case 'PodUnschedulable':
    case 'PodStarted':
    case 'PodBecameReady':
    case 'PodAdopted':
    case 'PodReleased':
    case 'DaemonSetFinalized':
    case 'PodCreateFailed':
    case 'PodBecameUnready':
    case 'PodBecameAvailable':
    case 'PodTerminated':
    case 'PodDeletionRequested':
    case 'PodDeleted':
    case 'ControllerRevisionCreated':
    case 'ControllerRevisionUpdated':
    case 'ControllerRevisionDeleted':
    case 'DaemonSetSynced':
      return 'fact';
    default:
      return assertNever(e);
  }
}

/** The sample of one type, as the union `stamp` takes. */
function sample(t: EventType): PendingEvent {
  return SAMPLES[t] as PendingEvent;
}

/** A switch that forgets types does not compile. */
function forgetful(e: DsimEvent): string {
  switch (e.type) {
    case 'NodeAdded':
      return e.data.node.metadata?.name ?? '';
    default:
      // @ts-expect-error: e is not narrowed to never while types remain unhandled
      return assertNever(e);
  }
}

describe('events', () => {
  it('EVENT_TYPES lists every type once, and the samples cover them all', () => {
    expect(new Set(EVENT_TYPES).size).toBe(EVENT_TYPES.length);
    expect([...EVENT_TYPES].sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  it('INPUT_EVENT_TYPES are exactly the inputs', () => {
    for (const t of EVENT_TYPES) {
      expect(INPUT_EVENT_TYPES.has(t)).toBe(category(stamp(sample(t), 0, 0)) === 'input');
    }
  });

  it.each(EVENT_TYPES.map((t) => [t]))('%s: the creator sets the type and stamp adds the metadata', (t) => {
    const e = stamp(sample(t), 7, 1234);
    expect(e.type).toBe(t);
    expect(e.metadata).toEqual({ seq: 7, at: 1234 });
    expect(Object.keys(e).sort()).toEqual(['data', 'metadata', 'type']);
  });

  it.each(EVENT_TYPES.map((t) => [t]))('%s round-trips through JSON unchanged', (t) => {
    const e = stamp(sample(t), 3, 5000);
    // toStrictEqual also catches fields set to undefined, which JSON would silently drop
    expect(JSON.parse(JSON.stringify(e))).toStrictEqual(e);
  });

  it('creators copy only what the fact needs (a PodRecord passed as a PodRef leaves no extra fields)', () => {
    const record = { ...pod, uid: 'u', ready: true, phase: 'Running' };
    expect(events.podBound(record, 'n').data).toStrictEqual({ ...pod, node: 'n' });
    expect(events.podDeleted(record).data).toStrictEqual(pod);
  });

  it('optional fields are left out rather than set to undefined', () => {
    expect(events.simulationStarted(1).data).toStrictEqual({ seed: 1 });
    expect(events.podRemovalRequested(pod, 'delete').data).toStrictEqual({ ...pod, method: 'delete' });
  });

  it('stamp takes integer milliseconds only', () => {
    for (const at of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => stamp(events.timeAdvanced(0), 0, at)).toThrow(RangeError);
    }
    expect(stamp(events.timeAdvanced(0), 0, -5).metadata.at).toBe(-5);
  });

  it('assertNever throws on a value the types said could not exist', () => {
    expect(() => assertNever({ type: 'Bogus' } as never)).toThrow('unexpected event: {"type":"Bogus"}');
    expect(forgetful(stamp(SAMPLES.NodeAdded, 0, 0))).toBe('n1');
    expect(() => forgetful(stamp(SAMPLES.NodeRemoved, 0, 0))).toThrow(/unexpected event/);
  });
});

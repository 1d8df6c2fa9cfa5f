// Tests for the discrete-event engine: its clock and queue, the simulated scheduler, kubelet, node
// lifecycle controller and pod GC, rollouts on the engine, and the DaemonSet controller's real costs.
// Latencies are constants here, so every timing below is exact.

import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Container, Node, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { daemonSet, node } from '../test/fixtures.ts';
import { snapshot } from '../test/snapshot.ts';
import { DEFAULT_CONFIG, Engine, rolloutStatus, type EngineConfigInput, type SyncObserved } from './engine.ts';
import { events as ev, type EventOf, type EventType } from './events.ts';
import { revisionsOf } from './history.ts';
import { constant } from './latency.ts';
import { recount } from './reducer.ts';
import { daemonSetObject } from './apiObjects.ts';
import {
  daemonPodsOnNode,
  getNode,
  getPod,
  objectKey,
  Placement,
  placementOf,
  type ClusterState,
  type DaemonSetRecord,
  type PodRecord,
} from './state.ts';
import { TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE, TAINT_NODE_UNSCHEDULABLE } from './taints.ts';
import { tableValues } from './table.ts';

// ---- helpers ---------------------------------------------------------------------------------

/** Constant latencies: bind 10 ms, pull 5 s, start 1 s, ready 1 s, terminate 2 s, write 10 ms, sync 5 ms; no API rate limit. */
const EXACT: EngineConfigInput = {
  latency: {
    schedule: constant(10),
    imagePull: constant(5_000),
    containerStart: constant(1_000),
    readiness: constant(1_000),
    termination: constant(2_000),
    nodeRegistration: constant(20_000),
    nodeRecovery: constant(3_000),
    apiWrite: constant(10),
  },
  // No client rate limit: the controller's own mechanics, call by call (the limiter has its tests).
  controller: { syncLatency: constant(5), syncCostPerNodeMs: 0, apiQps: 0 },
};

function engine(config: EngineConfigInput = {}, seed: number | string = 1, onSync?: (s: SyncObserved) => void): Engine {
  const merged: EngineConfigInput = {
    ...EXACT,
    ...config,
    latency: { ...EXACT.latency, ...config.latency },
    controller: { ...EXACT.controller, ...config.controller },
  };
  return new Engine({ seed, config: merged, ...(onSync ? { onSync } : {}) });
}

/** An engine with these nodes and DaemonSets applied at t=0, run until nothing is left to do. */
function settled(nodes: readonly Node[], sets: readonly DaemonSet[], config: EngineConfigInput = {}): Engine {
  const e = engine(config);
  for (const n of nodes) e.schedule(0, ev.nodeAdded(n));
  for (const d of sets) e.schedule(0, ev.daemonSetApplied(d));
  e.run();
  return e;
}

function names(prefix: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${i}`);
}

function ds(e: Engine, name: string, namespace = 'default'): DaemonSetRecord {
  const d = e.state.daemonSets.get(objectKey(namespace, name));
  if (d === undefined) throw new Error(`no DaemonSet ${name}`);
  return d;
}

function podsOf(e: Engine, dsName: string, nodeName: string): readonly PodRecord[] {
  return daemonPodsOnNode(e.state, ds(e, dsName), nodeName);
}

function onlyPod(e: Engine, dsName: string, nodeName: string): PodRecord {
  const pods = podsOf(e, dsName, nodeName);
  expect(pods).toHaveLength(1);
  return pods[0]!;
}

/** Logged events of one type, optionally about one pod or node. */
function logged<T extends EventType>(e: Engine, type: T, where: (ev: EventOf<T>) => boolean = () => true): EventOf<T>[] {
  return e.log.filter((x): x is EventOf<T> => x.type === type).filter(where);
}

const aboutPod =
  (name: string) =>
  (x: { data: unknown }): boolean =>
    (x.data as { name?: string }).name === name;

function counts(e: Engine, name: string) {
  return ds(e, name).counts;
}

/** A DaemonSet with a different image: a new template, so a rollout. */
function withImage(d: DaemonSet, image: string): DaemonSet {
  const t = d.spec!.template;
  return { ...d, spec: { ...d.spec!, template: { ...t, spec: { ...t.spec!, containers: [{ ...t.spec!.containers[0]!, image }] } } } };
}

function withPodSpec(d: DaemonSet, extra: Partial<NonNullable<DaemonSet['spec']>['template']['spec']>): DaemonSet {
  const t = d.spec!.template;
  return { ...d, spec: { ...d.spec!, template: { ...t, spec: { ...t.spec!, ...extra } as NonNullable<typeof t.spec> } } };
}

/** A pod not owned by any DaemonSet, already bound to a node, with resource requests. */
function barePod(name: string, nodeName: string, requests: Record<string, string>, extra: Partial<NonNullable<Pod['spec']>> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: 'other' } },
    spec: { nodeName, containers: [{ name: 'c', image: 'busybox', resources: { requests } }], ...extra },
  };
}

function taintsOf(e: Engine, nodeName: string): string[] {
  return (getNode(e.state, nodeName)?.node.spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`).sort();
}

function readyOf(e: Engine, nodeName: string): string | undefined {
  return getNode(e.state, nodeName)?.node.status?.conditions?.find((c) => c.type === 'Ready')?.status;
}

function expectCountsExact(state: ClusterState): void {
  for (const d of state.daemonSets.values()) expect(d.counts).toEqual(recount(state.pods, state.nodes, d));
}

// ---- the clock and the queue -------------------------------------------------------------------

describe('Engine: clock, queue and inputs', () => {
  it('step, peek and run({until}) process what is due in time order and stop the clock at until', () => {
    const e = engine();
    expect(e.peek()).toBeUndefined();
    expect(e.step()).toBe(false);
    e.schedule(100, ev.nodeAdded(node('n0')));
    e.schedule(50, ev.daemonSetApplied(daemonSet('a')));
    expect(e.peek()).toBe(50);
    expect(e.step()).toBe(true);
    expect(e.now).toBe(50);
    expect(e.log.map((x) => x.type)).toEqual(['DaemonSetApplied']);
    e.run({ until: 99 });
    expect(e.now).toBe(99);
    expect(e.state.nodes.size).toBe(0);
    expect(e.peek()).toBe(100);
    e.run({ until: 100 });
    expect(e.state.nodes.size).toBe(1);
    e.run();
    expect(e.idle).toBe(true);
    expect(onlyPod(e, 'a', 'n0').ready).toBe(true);
    // Every fact is stamped with its position and a non-decreasing simulated time.
    e.log.forEach((x, i) => {
      expect(x.metadata.seq).toBe(i);
      if (i > 0) expect(x.metadata.at).toBeGreaterThanOrEqual(e.log[i - 1]!.metadata.at);
    });
  });

  it('rejects inputs scheduled in the past and facts only the simulation records', () => {
    const e = engine();
    e.run({ until: 1_000 });
    expect(() => e.schedule(999, ev.nodeAdded(node('n0')))).toThrow(RangeError);
    expect(() => e.schedule(1_000, ev.podDeleted({ namespace: 'default', name: 'x' }))).toThrow(/recorded by the simulation/);
    e.schedule(1_000, ev.nodeAdded(node('n0')));
    expect(e.peek()).toBe(1_000);
  });

  it('run stops with an error after maxSteps', () => {
    const e = engine();
    e.schedule(0, ev.nodeAdded(node('n0')));
    e.schedule(0, ev.daemonSetApplied(daemonSet('a')));
    expect(() => e.run({ maxSteps: 3 })).toThrow(/after 3 steps/);
  });

  it('input() applies an event now and runs what falls due now; advance() records TimeAdvanced', () => {
    const e = engine();
    e.input(ev.nodeAdded(node('n0')));
    expect(e.state.nodes.size).toBe(1);
    e.input(ev.daemonSetApplied(daemonSet('a')));
    expect(e.now).toBe(0);
    e.advance(60_000);
    expect(e.now).toBe(60_000);
    const last = e.log[e.log.length - 1]!;
    expect(last).toMatchObject({ type: 'TimeAdvanced', data: { to: 60_000 }, metadata: { at: 60_000 } });
    expect(onlyPod(e, 'a', 'n0').ready).toBe(true);
  });

  it('an input at the same time as a component reaction comes after it (inputs last)', () => {
    const e = settled([node('n0')], [daemonSet('a')]);
    const pod = onlyPod(e, 'a', 'n0');
    // Delete the pod, and at the exact time its termination lands, remove the node.
    e.input(ev.podRemovalRequested(pod, 'delete'));
    const deletedAt = e.now + 2_000;
    e.schedule(deletedAt, ev.nodeRemoved('n0'));
    e.run({ until: deletedAt });
    const types = e.log.filter((x) => x.metadata.at === deletedAt).map((x) => x.type);
    expect(types.indexOf('PodDeleted')).toBeLessThan(types.indexOf('NodeRemoved'));
  });

  it('the same seed gives a byte-identical log; another seed draws other names and latencies', () => {
    const run = (seed: number) => {
      const e = new Engine({ seed });
      for (const n of names('n', 4)) e.schedule(0, ev.nodeAdded(node(n)));
      e.schedule(0, ev.daemonSetApplied(daemonSet('a')));
      e.schedule(60_000, ev.daemonSetApplied(withImage(daemonSet('a'), 'v2')));
      e.run();
      return JSON.stringify(e.log);
    };
    expect(run(7)).toBe(run(7));
    expect(run(8)).not.toBe(run(7));
  });
});

// ---- the scheduler ------------------------------------------------------------------------------

// mirrors TestInsufficientCapacityNode in pkg/controller/daemon/daemon_controller_test.go: the controller
// creates the pod whatever the node's capacity; the scheduler leaves it Pending, and it counts as current.
describe('scheduler: a pod is bound only if it fits its node', () => {
  const cases: { name: string; node: Node; bare: Record<string, string>; bareSpec?: Partial<NonNullable<Pod['spec']>>; ds: DaemonSet; message: string }[] = [
    {
      name: 'cpu',
      node: node('n0', { cpu: '1' }),
      bare: { cpu: '500m' },
      ds: daemonSet('a', { cpu: '600m' }),
      message: 'Insufficient cpu',
    },
    {
      name: 'memory',
      node: node('n0'),
      bare: { memory: '15Gi' },
      ds: (() => {
        const d = daemonSet('a');
        const c = d.spec!.template.spec!.containers[0]!;
        return withPodSpec(d, { containers: [{ ...c, resources: { requests: { memory: '2Gi' } } }] });
      })(),
      message: 'Insufficient memory',
    },
    { name: 'pod count', node: node('n0', { pods: '1' }), bare: {}, ds: daemonSet('a'), message: 'Too many pods' },
    {
      // NodePorts: the bare pod holds host port 9100 (it is on the host network, so its
      // containerPort is its hostPort); the DaemonSet's pod asks for the same.
      name: 'a host port',
      node: node('n0'),
      bare: {},
      bareSpec: { hostNetwork: true, containers: [{ name: 'c', image: 'busybox', ports: [{ containerPort: 9100, protocol: 'TCP' }] }] },
      ds: (() => {
        const d = daemonSet('a');
        const c = d.spec!.template.spec!.containers[0]!;
        return withPodSpec(d, { containers: [{ ...c, ports: [{ containerPort: 8080, hostPort: 9100, protocol: 'TCP' }] }] });
      })(),
      message: "node(s) didn't have free ports for the requested pod ports",
    },
  ];
  for (const c of cases) {
    it(`${c.name}: stays Pending as Unschedulable, counted as current, and binds once room is made`, () => {
      const e = engine();
      e.input(ev.nodeAdded(c.node));
      e.input(ev.barePodCreated(barePod('hog', 'n0', c.bare, c.bareSpec), 'uid-hog'));
      e.input(ev.daemonSetApplied(c.ds));
      e.run({ until: 60_000 });
      const p = onlyPod(e, 'a', 'n0');
      expect(p.nodeName).toBeUndefined();
      expect(p.phase).toBe('Pending');
      expect(p.unschedulable).toContain(c.message);
      expect(logged(e, 'PodUnschedulable')).toHaveLength(1); // reported once, not on every retry
      expect(counts(e, 'a')).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1, numberReady: 0 });
      // The hog goes: the scheduler retries and binds.
      e.input(ev.podRemovalRequested({ namespace: 'default', name: 'hog' }, 'delete', 0));
      e.run();
      expect(onlyPod(e, 'a', 'n0')).toMatchObject({ nodeName: 'n0', ready: true, unschedulable: undefined });
    });
  }

  // NodeResourcesFit (fitsRequest) over every resource, with the requests as resource.PodRequests
  // adds them up. `hog` is another pod already bound to the node; `want` the first reason, or
  // undefined when the DaemonSet's pod binds.
  const allocatable = (extra: Record<string, string>, drop: string[] = []): Node => {
    const n = node('n0');
    const a = Object.fromEntries(Object.entries({ ...n.status!.allocatable, ...extra }).filter(([k]) => !drop.includes(k)));
    return { ...n, status: { ...n.status, allocatable: a, capacity: a } };
  };
  const withContainers = (containers: Container[], extra: Partial<NonNullable<Pod['spec']>> = {}): DaemonSet => withPodSpec(daemonSet('a'), { containers, ...extra });
  const fitCases: { name: string; node: Node; hog?: Partial<NonNullable<Pod['spec']>>; ds: DaemonSet; want: string | undefined }[] = [
    {
      name: 'an extended resource the node does not have',
      node: node('n0'),
      ds: withContainers([{ name: 'c', image: 'i', resources: { limits: { 'nvidia.com/gpu': '1' } } }]),
      want: 'Insufficient nvidia.com/gpu',
    },
    {
      name: 'an extended resource the node has',
      node: allocatable({ 'nvidia.com/gpu': '8' }),
      ds: withContainers([{ name: 'c', image: 'i', resources: { limits: { 'nvidia.com/gpu': '1' } } }]),
      want: undefined,
    },
    {
      name: 'an extended resource another pod holds',
      node: allocatable({ 'nvidia.com/gpu': '1' }),
      hog: { containers: [{ name: 'c', image: 'i', resources: { limits: { 'nvidia.com/gpu': '1' } } }] },
      ds: withContainers([{ name: 'c', image: 'i', resources: { limits: { 'nvidia.com/gpu': '1' } } }]),
      want: 'Insufficient nvidia.com/gpu',
    },
    {
      name: 'hugepages',
      node: allocatable({ 'hugepages-2Mi': '0' }),
      ds: withContainers([{ name: 'c', image: 'i', resources: { requests: { 'hugepages-2Mi': '64Mi', memory: '64Mi' }, limits: { 'hugepages-2Mi': '64Mi', memory: '64Mi' } } }]),
      want: 'Insufficient hugepages-2Mi',
    },
    {
      name: 'ephemeral-storage',
      node: allocatable({ 'ephemeral-storage': '10Gi' }),
      ds: withContainers([{ name: 'c', image: 'i', resources: { requests: { 'ephemeral-storage': '20Gi' } } }]),
      want: 'Insufficient ephemeral-storage',
    },
    {
      name: 'ephemeral-storage on a node object that does not list it (every kubelet reports it)',
      node: node('n0'),
      ds: withContainers([{ name: 'c', image: 'i', resources: { requests: { 'ephemeral-storage': '20Gi' } } }]),
      want: undefined,
    },
    {
      name: 'a limit without a request is the request, resource by resource',
      node: node('n0'),
      ds: withContainers([{ name: 'c', image: 'i', resources: { requests: { cpu: '100m' }, limits: { memory: '20Gi' } } }]),
      want: 'Insufficient memory',
    },
    {
      name: 'sidecars add to the containers',
      node: node('n0', { cpu: '1' }),
      ds: withContainers([{ name: 'c', image: 'i', resources: { requests: { cpu: '600m' } } }], {
        initContainers: [{ name: 'proxy', image: 'i', restartPolicy: 'Always', resources: { requests: { cpu: '600m' } } }],
      }),
      want: 'Insufficient cpu',
    },
    {
      name: 'an init container runs alone beside the sidecars before it',
      node: node('n0', { cpu: '1' }),
      ds: withContainers([{ name: 'c', image: 'i', resources: { requests: { cpu: '100m' } } }], {
        initContainers: [
          { name: 'proxy', image: 'i', restartPolicy: 'Always', resources: { requests: { cpu: '300m' } } },
          { name: 'setup', image: 'i', resources: { requests: { cpu: '800m' } } },
        ],
      }),
      want: 'Insufficient cpu',
    },
    {
      name: 'an init container alone needs no more than the containers',
      node: node('n0', { cpu: '1' }),
      ds: withContainers([{ name: 'c', image: 'i', resources: { requests: { cpu: '900m' } } }], {
        initContainers: [{ name: 'setup', image: 'i', resources: { requests: { cpu: '800m' } } }],
      }),
      want: undefined,
    },
    {
      name: 'the pod overhead counts',
      node: node('n0', { cpu: '1' }),
      ds: withContainers([{ name: 'c', image: 'i', resources: { requests: { cpu: '900m' } } }], { overhead: { cpu: '250m' } }),
      want: 'Insufficient cpu',
    },
    {
      name: "pod-level requests replace the containers' sum (PodLevelResources)",
      node: node('n0', { cpu: '1' }),
      ds: withContainers([{ name: 'c', image: 'i', resources: { requests: { cpu: '100m' } } }], { resources: { requests: { cpu: '1500m' } } } as never),
      want: 'Insufficient cpu',
    },
    {
      name: 'a pod-level limit stands for its missing request',
      node: node('n0', { cpu: '1' }),
      ds: withContainers(
        [
          { name: 'a', image: 'i', resources: { requests: { cpu: '300m' } } },
          { name: 'b', image: 'i', resources: { requests: { cpu: '300m' } } },
        ],
        { resources: { limits: { cpu: '1500m' } } } as never,
      ),
      want: 'Insufficient cpu',
    },
    {
      name: 'a pod that requests no cpu fits a node whose cpu is overcommitted',
      node: node('n0', { cpu: '1' }),
      hog: { containers: [{ name: 'c', image: 'i', resources: { requests: { cpu: '2' } } }] },
      ds: withContainers([{ name: 'c', image: 'i', resources: { requests: { memory: '1Gi' } } }]),
      want: undefined,
    },
  ];
  for (const c of fitCases) {
    it(`resources: ${c.name}`, () => {
      const e = engine();
      e.input(ev.nodeAdded(c.node));
      if (c.hog !== undefined) e.input(ev.barePodCreated(barePod('hog', 'n0', {}, c.hog), 'uid-hog'));
      e.input(ev.daemonSetApplied(c.ds));
      e.run({ until: 60_000 });
      const p = onlyPod(e, 'a', 'n0');
      if (c.want === undefined) {
        expect(p.unschedulable).toBeUndefined();
        expect(p.nodeName).toBe('n0');
      } else {
        expect(p.nodeName).toBeUndefined();
        expect(p.unschedulable).toContain(`0/1 nodes are available: 1 ${c.want}.`);
      }
    });
  }

  it("says what kube-scheduler says: the pod's node, the others left out by its node affinity, and preemption", () => {
    const e = engine();
    for (const n of ['n0', 'n1', 'n2']) e.input(ev.nodeAdded(node(n, { cpu: '1' })));
    e.input(ev.barePodCreated(barePod('hog', 'n0', { cpu: '900m' }), 'uid-hog'));
    e.input(ev.daemonSetApplied(daemonSet('a', { cpu: '200m' })));
    const tainted = node('n1', { cpu: '1' });
    e.input(ev.nodeUpdated({ ...tainted, spec: { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] } }));
    e.run({ until: 60_000 });
    expect(onlyPod(e, 'a', 'n0').unschedulable).toBe(
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. " +
        'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
    );
  });

  it('two pods that want one host port: the second waits until the first has gone (a surge cannot take it)', () => {
    const e = engine();
    e.input(ev.nodeAdded(node('n0')));
    const withPort = (name: string) => {
      const d = daemonSet(name);
      return withPodSpec(d, { hostNetwork: true, containers: [{ ...d.spec!.template.spec!.containers[0]!, ports: [{ containerPort: 9100, protocol: 'TCP' }] }] });
    };
    e.input(ev.daemonSetApplied(withPort('a')));
    e.run({ until: 60_000 });
    e.input(ev.daemonSetApplied(withPort('b')));
    e.run({ until: 120_000 });
    expect(onlyPod(e, 'a', 'n0')).toMatchObject({ nodeName: 'n0', ready: true });
    expect(onlyPod(e, 'b', 'n0').unschedulable).toBe(
      "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.",
    );
    e.input(ev.daemonSetDeleted('default', 'a'));
    e.run();
    expect(onlyPod(e, 'b', 'n0')).toMatchObject({ nodeName: 'n0', ready: true, unschedulable: undefined });
  });

  it('a pod relabelled out of its DaemonSet is released at once and keeps its host port: the replacement waits for it', () => {
    const e = engine();
    e.input(ev.nodeAdded(node('n0')));
    const d = daemonSet('a');
    e.input(ev.daemonSetApplied(withPodSpec(d, { hostNetwork: true, containers: [{ ...d.spec!.template.spec!.containers[0]!, ports: [{ containerPort: 9100, protocol: 'TCP' }] }] })));
    e.run({ until: 60_000 });
    const old = onlyPod(e, 'a', 'n0');
    e.input(ev.podRelabeled(old, { app: 'debug' }));
    e.run({ until: 120_000 });
    const released = logged(e, 'PodReleased', aboutPod(old.name));
    expect(released.map((r) => [r.metadata.at, r.data.daemonSet])).toEqual([[60_000 + 5, 'default/a']]);
    expect(getPod(e.state, 'default', old.name)).toMatchObject({ owner: undefined, nodeName: 'n0', ready: true });
    const replacement = onlyPod(e, 'a', 'n0');
    expect(replacement.name).not.toBe(old.name);
    expect(replacement.unschedulable).toContain("1 node(s) didn't have free ports for the requested pod ports");
    expect(ds(e, 'a').counts).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1, numberReady: 0 });
    // Deleting the released pod frees the port.
    e.input(ev.podRemovalRequested(old, 'delete'));
    e.run();
    expect(onlyPod(e, 'a', 'n0')).toMatchObject({ name: replacement.name, nodeName: 'n0', ready: true });
    expect(recount(e.state.pods, e.state.nodes, ds(e, 'a'))).toEqual(ds(e, 'a').counts);
  });

  it('a pod fits exactly at the node allocatable', () => {
    const e = settled([node('n0', { cpu: '1' })], [daemonSet('a', { cpu: '500m' }), daemonSet('b', { cpu: '500m' })]);
    expect(onlyPod(e, 'a', 'n0').nodeName).toBe('n0');
    expect(onlyPod(e, 'b', 'n0').nodeName).toBe('n0');
  });
});

// ---- the kubelet --------------------------------------------------------------------------------

describe('kubelet: ContainerCreating, Running, Ready', () => {
  it('pulls an image the first time it lands on a node, and starts faster once it is cached', () => {
    const image = 'registry.example/shared:1';
    const e = engine();
    e.input(ev.nodeAdded(node('n0')));
    e.input(ev.daemonSetApplied(daemonSet('a', { image })));
    e.run();
    const first = onlyPod(e, 'a', 'n0');
    const bound1 = logged(e, 'PodBound', aboutPod(first.name))[0]!.metadata.at;
    const started1 = logged(e, 'PodStarted', aboutPod(first.name))[0]!;
    expect(started1.data.imagePulled).toBe(true);
    expect(started1.metadata.at - bound1).toBe(5_000 + 1_000); // pull + start
    expect(logged(e, 'PodBecameReady', aboutPod(first.name))[0]!.metadata.at - started1.metadata.at).toBe(1_000);

    // A second DaemonSet with the same image on the same node: no pull.
    e.input(ev.daemonSetApplied(daemonSet('b', { image })));
    e.run();
    const second = onlyPod(e, 'b', 'n0');
    const bound2 = logged(e, 'PodBound', aboutPod(second.name))[0]!.metadata.at;
    const started2 = logged(e, 'PodStarted', aboutPod(second.name))[0]!;
    expect(started2.data.imagePulled).toBe(false);
    expect(started2.metadata.at - bound2).toBe(1_000);
  });

  it('a new template with a new image pulls again on every node', () => {
    const e = settled([node('n0'), node('n1')], [daemonSet('a', { maxUnavailable: 2 })]);
    e.input(ev.daemonSetApplied(withImage(daemonSet('a', { maxUnavailable: 2 }), 'registry.example/a:2')));
    const from = e.log.length;
    e.run();
    const started = e.log.slice(from).filter((x) => x.type === 'PodStarted') as EventOf<'PodStarted'>[];
    expect(started).toHaveLength(2);
    expect(started.every((x) => x.data.imagePulled)).toBe(true);
  });

  // The application is ready 1 s after the start here (the readiness latency). The pod is created at
  // 15 ms and starts at 6,025 ms; the prober's ticker runs from its creation, at 15 ms + k × period.
  const probeCases: { name: string; containers: Container[]; sidecars?: Container[]; want: number }[] = [
    { name: 'no probe: the sampled latency', containers: [{ name: 'c', image: 'i' }], want: 1_000 },
    // The probe run at the start fails (the application is not ready yet); the next tick is at 10,015 ms.
    { name: 'a readiness probe without delay: the tick after the application is ready', containers: [{ name: 'c', image: 'i', readinessProbe: { exec: { command: ['true'] } } }], want: 3_990 },
    { name: 'initialDelaySeconds 30: the tick at 40,015 ms', containers: [{ name: 'c', image: 'i', readinessProbe: { exec: { command: ['true'] }, initialDelaySeconds: 30 } }], want: 33_990 },
    {
      name: 'initialDelaySeconds 30, periodSeconds 1: the tick at 37,015 ms',
      containers: [{ name: 'c', image: 'i', readinessProbe: { exec: { command: ['true'] }, initialDelaySeconds: 30, periodSeconds: 1 } }],
      want: 30_990,
    },
    {
      name: 'successThreshold 3, periodSeconds 5: the first pass at 20,015 ms, two more periods',
      containers: [{ name: 'c', image: 'i', readinessProbe: { exec: { command: ['true'] }, initialDelaySeconds: 10, successThreshold: 3, periodSeconds: 5 } }],
      want: 23_990,
    },
    { name: 'successThreshold 2, default period 10 s', containers: [{ name: 'c', image: 'i', readinessProbe: { exec: { command: ['true'] }, successThreshold: 2 } }], want: 13_990 },
    {
      name: 'a startup probe alone holds readiness back, to its tick after its delay (30,015 ms)',
      containers: [{ name: 'c', image: 'i', startupProbe: { exec: { command: ['true'] }, initialDelaySeconds: 15 } }],
      want: 23_990,
    },
    {
      // The readiness probe runs at once when the startup probe passes, and passes then.
      name: 'readiness waits for the startup probe',
      containers: [{ name: 'c', image: 'i', startupProbe: { exec: { command: ['true'] }, initialDelaySeconds: 20 }, readinessProbe: { exec: { command: ['true'] }, initialDelaySeconds: 5 } }],
      want: 23_990,
    },
    { name: 'a liveness probe does not', containers: [{ name: 'c', image: 'i', livenessProbe: { exec: { command: ['true'] }, initialDelaySeconds: 60 } }], want: 1_000 },
    {
      name: 'the slowest container decides',
      containers: [
        { name: 'a', image: 'i', readinessProbe: { exec: { command: ['true'] }, initialDelaySeconds: 5 } },
        { name: 'b', image: 'i', readinessProbe: { exec: { command: ['true'] }, initialDelaySeconds: 15 } },
      ],
      want: 23_990,
    },
    {
      name: "a sidecar's probe counts, an init container's does not",
      containers: [{ name: 'c', image: 'i' }],
      sidecars: [
        { name: 'init', image: 'i', readinessProbe: { exec: { command: ['true'] }, initialDelaySeconds: 40 } },
        { name: 'proxy', image: 'i', restartPolicy: 'Always', readinessProbe: { exec: { command: ['true'] }, initialDelaySeconds: 8 } },
      ],
      want: 13_990,
    },
  ];
  for (const tc of probeCases) {
    it(`Ready when the prober says so: ${tc.name}`, () => {
      const d = withPodSpec(daemonSet('a'), { containers: tc.containers, ...(tc.sidecars ? { initContainers: tc.sidecars } : {}) });
      const e = settled([node('n0')], [d]);
      const p = onlyPod(e, 'a', 'n0');
      const started = logged(e, 'PodStarted', aboutPod(p.name))[0]!.metadata.at;
      expect([p.createdAt, started]).toEqual([15, 6_025]);
      expect(logged(e, 'PodBecameReady', aboutPod(p.name))[0]!.metadata.at - started).toBe(tc.want);
    });
  }

  it('a resumed engine counts the probe delay from when the containers started, and its ticks from the creation', () => {
    const d = withPodSpec(daemonSet('a'), { containers: [{ name: 'c', image: 'i', readinessProbe: { exec: { command: ['true'] }, initialDelaySeconds: 30 } }] });
    const e = engine();
    e.input(ev.nodeAdded(node('n0')));
    e.input(ev.daemonSetApplied(d));
    e.run({ until: 20_000 });
    const p = onlyPod(e, 'a', 'n0');
    expect(p).toMatchObject({ started: true, ready: false });
    const resumed = new Engine({ seed: 2, state: e.state, config: EXACT });
    resumed.run();
    // Started at 6,025 ms: not before 36,025 ms, at the tick 40,015 ms.
    expect(logged(resumed, 'PodBecameReady', aboutPod(p.name))[0]!.metadata.at).toBe(40_015);
  });

  it('a rolling update waits for each new pod to pass its delayed readiness probe', () => {
    const probe = { exec: { command: ['true'] }, initialDelaySeconds: 30 };
    const d = withPodSpec(daemonSet('a'), { containers: [{ name: 'c', image: 'i:1', readinessProbe: probe }] });
    const e = settled([node('n0'), node('n1')], [d]);
    const from = e.now;
    e.input(ev.daemonSetApplied(withPodSpec(daemonSet('a'), { containers: [{ name: 'c', image: 'i:2', readinessProbe: probe }] })));
    e.run();
    // maxUnavailable 1: two nodes one after the other, each at least 30 s from start to Ready.
    expect(e.now - from).toBeGreaterThanOrEqual(2 * 30_000);
  });

  it('pods that never turn Ready (podsBecomeReady: false) stay Running and unready', () => {
    const e = settled([node('n0')], [daemonSet('a')], { podsBecomeReady: false });
    expect(onlyPod(e, 'a', 'n0')).toMatchObject({ phase: 'Running', ready: false });
    expect(rolloutStatus(e.state, 'default/a').message).toBe('Waiting for daemon set "a" rollout to finish: 0 of 1 updated pods are available...');
  });
});

// ---- deletion -----------------------------------------------------------------------------------

describe('deletion with a grace period (Terminating)', () => {
  it('without surge the replacement waits until the terminating pod is gone', () => {
    const e = settled([node('n0')], [daemonSet('a')]);
    const old = onlyPod(e, 'a', 'n0');
    const t0 = e.now;
    e.input(ev.podRemovalRequested(old, 'delete'));
    const terminating = podsOf(e, 'a', 'n0')[0]!;
    expect(terminating.deletionTimestamp).toBe(t0 + 30_000); // default grace 30 s
    e.run({ until: t0 + 1_999 });
    expect(podsOf(e, 'a', 'n0')).toHaveLength(1); // no replacement while it terminates
    expect(counts(e, 'a').currentNumberScheduled).toBe(1); // a terminating pod is still current
    e.run();
    const deletedAt = logged(e, 'PodDeleted', aboutPod(old.name))[0]!.metadata.at;
    expect(deletedAt).toBe(t0 + 2_000);
    const replacement = onlyPod(e, 'a', 'n0');
    expect(replacement.name).not.toBe(old.name);
    expect(logged(e, 'PodCreated', aboutPod(replacement.name))[0]!.metadata.at).toBeGreaterThan(deletedAt);
  });

  it('with surge the replacement is created while the old pod terminates', () => {
    const e = settled([node('n0')], [daemonSet('a', { maxSurge: 1 })]);
    const old = onlyPod(e, 'a', 'n0');
    const t0 = e.now;
    e.input(ev.podRemovalRequested(old, 'delete'));
    e.run();
    const deletedAt = logged(e, 'PodDeleted', aboutPod(old.name))[0]!.metadata.at;
    const replacement = onlyPod(e, 'a', 'n0');
    const createdAt = logged(e, 'PodCreated', aboutPod(replacement.name))[0]!.metadata.at;
    expect(createdAt).toBeLessThan(deletedAt);
    expect(createdAt - t0).toBeLessThan(100);
  });

  it('termination takes at most the grace period, and a pod that never started goes at once', () => {
    const grace1 = withPodSpec(daemonSet('a'), { terminationGracePeriodSeconds: 1 });
    const e = settled([node('n0')], [grace1], { latency: { termination: constant(5_000) } });
    const p = onlyPod(e, 'a', 'n0');
    const t0 = e.now;
    e.input(ev.podRemovalRequested(p, 'delete'));
    e.run();
    expect(logged(e, 'PodDeleted', aboutPod(p.name))[0]!.metadata.at).toBe(t0 + 1_000);

    // Pending (never started): deleted with no wait.
    const e2 = engine({ latency: { schedule: constant(60_000) } });
    e2.input(ev.nodeAdded(node('n0')));
    e2.input(ev.daemonSetApplied(daemonSet('a')));
    e2.run({ until: 1_000 });
    const pending = onlyPod(e2, 'a', 'n0');
    e2.input(ev.podRemovalRequested(pending, 'delete'));
    expect(logged(e2, 'PodDeleted', aboutPod(pending.name))[0]!.metadata.at).toBe(1_000);
  });

  it('a second delete may shorten a pending one (counted from the first), never lengthen it; 0 removes the pod at once', () => {
    const slow = withPodSpec(daemonSet('a'), { terminationGracePeriodSeconds: 60 });
    const run = (second: number | undefined, after = 10_000) => {
      const e = settled([node('n0')], [slow], { latency: { termination: constant(600_000) } });
      const p = onlyPod(e, 'a', 'n0');
      const t0 = e.now;
      e.input(ev.podRemovalRequested(p, 'delete'));
      e.run({ until: t0 + after });
      const terminating = onlyPod(e, 'a', 'n0');
      e.input(ev.podRemovalRequested(p, 'delete', second));
      const now = getPod(e.state, p.namespace, p.name);
      e.run({ until: t0 + 120_000 });
      return { t0, first: terminating, now, deletedAt: logged(e, 'PodDeleted', aboutPod(p.name))[0]!.metadata.at };
    };
    const shorter = run(30);
    expect(shorter.now).toMatchObject({ deletionGracePeriodSeconds: 30, deletionTimestamp: shorter.t0 + 30_000 });
    expect(shorter.deletedAt).toBe(shorter.t0 + 30_000);
    // Already past the shorter deadline: it goes at once.
    const late = run(5, 10_000);
    expect(late.deletedAt).toBe(late.t0 + 10_000);
    const longer = run(90);
    expect(longer.now).toBe(longer.first);
    expect(longer.deletedAt).toBe(longer.t0 + 60_000);
    const unset = run(undefined);
    expect(unset.now).toBe(unset.first);
    const force = run(0);
    expect(force.deletedAt).toBe(force.t0 + 10_000);
  });
});

// ---- node lifecycle -------------------------------------------------------------------------------

describe('node lifecycle', () => {
  it('a node added without Ready carries not-ready:NoSchedule and gets its pod only once Ready', () => {
    const e = settled([node('n0')], [daemonSet('a')]);
    const t0 = e.now;
    e.input(ev.nodeAdded(node('n1', { ready: false })));
    expect(taintsOf(e, 'n1')).toContain(`${TAINT_NODE_NOT_READY}:NoSchedule`);
    expect(counts(e, 'a').desiredNumberScheduled).toBe(1);
    e.run({ until: t0 + 19_999 });
    expect(podsOf(e, 'a', 'n1')).toHaveLength(0);
    e.run();
    const readyAt = e.log.find(
      (x) => x.type === 'NodeStatusUpdated' && x.data.node.metadata?.name === 'n1' && x.data.node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
    )!.metadata.at;
    expect(readyAt).toBe(t0 + 20_000);
    expect(taintsOf(e, 'n1')).toEqual([]);
    const p = onlyPod(e, 'a', 'n1');
    expect(logged(e, 'PodCreated', aboutPod(p.name))[0]!.metadata.at).toBeGreaterThanOrEqual(readyAt);
    expect(p.ready).toBe(true);
    expect(counts(e, 'a')).toMatchObject({ desiredNumberScheduled: 2, numberAvailable: 2 });
  });

  it('NotReady: not-ready:NoSchedule at once, NoExecute and unready pods on the next monitor pass; the pod stays', () => {
    const e = settled([node('n0'), node('n1')], [daemonSet('a')]);
    e.run({ until: 100_003 }); // between two 5 s monitor passes
    const pod = onlyPod(e, 'a', 'n1');
    e.input(ev.nodeFailed('n1', 'NotReady'));
    expect(readyOf(e, 'n1')).toBe('False');
    expect(taintsOf(e, 'n1')).toEqual([`${TAINT_NODE_NOT_READY}:NoSchedule`]);
    expect(onlyPod(e, 'a', 'n1').ready).toBe(true);
    // The node leaves DESIRED at once and its pod counts as misscheduled.
    expect(counts(e, 'a')).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1, numberMisscheduled: 1 });
    e.run({ until: 105_000 });
    expect(taintsOf(e, 'n1')).toEqual([`${TAINT_NODE_NOT_READY}:NoExecute`, `${TAINT_NODE_NOT_READY}:NoSchedule`]);
    expect(logged(e, 'PodBecameUnready', aboutPod(pod.name)).map((x) => x.metadata.at)).toEqual([105_000]);
    e.run({ until: 400_000 });
    // DaemonSet pods tolerate not-ready:NoExecute: kept, not replaced.
    expect(onlyPod(e, 'a', 'n1')).toMatchObject({ name: pod.name, ready: false, deletionTimestamp: undefined });
    expect(logged(e, 'PodCreated')).toHaveLength(2);
    expectCountsExact(e.state);

    // Recovery: Ready after the recovery delay, the NoSchedule taint goes at once, NoExecute on the next pass.
    e.input(ev.nodeRecovered('n1'));
    e.run({ until: 403_000 });
    expect(readyOf(e, 'n1')).toBe('True');
    expect(taintsOf(e, 'n1')).toEqual([`${TAINT_NODE_NOT_READY}:NoExecute`]);
    expect(counts(e, 'a')).toMatchObject({ desiredNumberScheduled: 2, numberMisscheduled: 0 });
    e.run();
    expect(taintsOf(e, 'n1')).toEqual([]);
    expect(onlyPod(e, 'a', 'n1')).toMatchObject({ name: pod.name, ready: true });
    expect(counts(e, 'a')).toMatchObject({ desiredNumberScheduled: 2, numberReady: 2, numberAvailable: 2 });
  });

  it('Unreachable: Ready stays True through the 50 s grace period, then Unknown with unreachable taints', () => {
    const e = settled([node('n0'), node('n1')], [daemonSet('a')]);
    e.run({ until: 100_000 });
    e.input(ev.nodeFailed('n1', 'Unreachable'));
    e.run({ until: 150_000 - 1 });
    expect(readyOf(e, 'n1')).toBe('True');
    expect(counts(e, 'a').desiredNumberScheduled).toBe(2);
    e.run({ until: 155_000 });
    expect(readyOf(e, 'n1')).toBe('Unknown');
    expect(taintsOf(e, 'n1')).toEqual([`${TAINT_NODE_UNREACHABLE}:NoExecute`, `${TAINT_NODE_UNREACHABLE}:NoSchedule`]);
    expect(onlyPod(e, 'a', 'n1').ready).toBe(false);
    expect(counts(e, 'a')).toMatchObject({ desiredNumberScheduled: 1, numberMisscheduled: 1, currentNumberScheduled: 1 });
    e.input(ev.nodeRecovered('n1'));
    e.run();
    expect(readyOf(e, 'n1')).toBe('True');
    expect(taintsOf(e, 'n1')).toEqual([]);
    expect(counts(e, 'a')).toMatchObject({ desiredNumberScheduled: 2, numberAvailable: 2 });
  });

  it('a kubelet silent again after a short recovery gets a new 50 s grace period', () => {
    const e = settled([node('n0')], [daemonSet('a')]);
    e.run({ until: 100_000 });
    e.input(ev.nodeFailed('n0', 'Unreachable'));
    e.run({ until: 110_000 });
    e.input(ev.nodeRecovered('n0'));
    e.run({ until: 130_000 });
    e.input(ev.nodeFailed('n0', 'Unreachable'));
    e.run({ until: 179_999 });
    expect(readyOf(e, 'n0')).toBe('True'); // not Unknown 50 s after the first failure
    e.run({ until: 185_000 });
    expect(readyOf(e, 'n0')).toBe('Unknown');
  });

  it('a kubelet back before the grace period ran out resumes the work it had stopped', () => {
    const e = engine();
    e.input(ev.nodeAdded(node('n0')));
    e.input(ev.daemonSetApplied(daemonSet('a')));
    e.run({ until: 100 }); // bound; the image pull is under way
    e.input(ev.nodeFailed('n0', 'Unreachable'));
    e.run({ until: 10_000 }); // the start fell due while the kubelet was silent
    expect(onlyPod(e, 'a', 'n0').started).toBe(false);
    e.input(ev.nodeRecovered('n0'));
    e.run();
    expect(readyOf(e, 'n0')).toBe('True');
    expect(onlyPod(e, 'a', 'n0')).toMatchObject({ started: true, ready: true });
  });

  it('a removed node leaves the counts at once; pod GC deletes its pods after the 40 s quarantine', () => {
    const e = settled([node('n0'), node('n1')], [daemonSet('a')]);
    e.run({ until: 100_000 });
    const pod = onlyPod(e, 'a', 'n1');
    e.input(ev.nodeRemoved('n1'));
    expect(counts(e, 'a')).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1, numberMisscheduled: 0 });
    e.run({ until: 139_999 });
    expect(podsOf(e, 'a', 'n1')).toHaveLength(1);
    e.run();
    const deleted = logged(e, 'PodDeleted', aboutPod(pod.name))[0]!.metadata.at;
    expect(deleted).toBeGreaterThanOrEqual(140_000);
    expect(deleted).toBeLessThanOrEqual(160_000); // the next 20 s GC pass
    expect(e.state.pods.size).toBe(1);
  });

  it('a cordoned node gets the unschedulable taint and still gets (and binds) its DaemonSet pods', () => {
    const e = settled([node('n0')], []);
    const n = getNode(e.state, 'n0')!.node;
    e.input(ev.nodeUpdated({ ...n, spec: { ...n.spec, unschedulable: true } }));
    e.run();
    expect(taintsOf(e, 'n0')).toEqual([`${TAINT_NODE_UNSCHEDULABLE}:NoSchedule`]);
    e.input(ev.daemonSetApplied(daemonSet('a')));
    e.run();
    expect(onlyPod(e, 'a', 'n0')).toMatchObject({ nodeName: 'n0', ready: true });
  });

  it('a NoExecute taint the DaemonSet does not tolerate deletes its pod; a NoSchedule one keeps it (misscheduled)', () => {
    const e = settled([node('n0'), node('n1')], [daemonSet('a')]);
    const taint = (name: string, effect: 'NoSchedule' | 'NoExecute') => {
      const n = getNode(e.state, name)!.node;
      e.input(ev.nodeUpdated({ ...n, spec: { ...n.spec, taints: [{ key: 'dedicated', value: 'x', effect }] } }));
    };
    taint('n0', 'NoSchedule');
    taint('n1', 'NoExecute');
    e.run();
    expect(podsOf(e, 'a', 'n0')).toHaveLength(1);
    expect(podsOf(e, 'a', 'n1')).toHaveLength(0);
    expect(counts(e, 'a')).toMatchObject({ desiredNumberScheduled: 0, currentNumberScheduled: 0, numberMisscheduled: 1 });
  });
});

// ---- the taint-eviction controller -------------------------------------------------------------

describe('taint-based eviction (the taint-eviction controller)', () => {
  const web = { namespace: 'default', name: 'web' };
  const withTolerations = (p: Pod, tolerations: NonNullable<Pod['spec']>['tolerations']): Pod => ({ ...p, spec: { ...p.spec!, tolerations } });
  const taintNode = (e: Engine, name: string, taints: NonNullable<Node['spec']>['taints']) => {
    const n = getNode(e.state, name)!.node;
    e.input(ev.nodeUpdated({ ...n, spec: { ...n.spec, taints } }));
  };
  const evictions = (e: Engine, name = 'web') => logged(e, 'PodDeletionRequested', aboutPod(name)).map((x) => [x.metadata.at, x.data.reason]);
  const maintenance = { key: 'maintenance', value: 'x', effect: 'NoExecute' as const };

  /** One node with a bare pod on it, Running at 10 s. */
  function withBarePod(pod: Pod = barePod('web', 'n0', {})): Engine {
    const e = engine();
    e.input(ev.nodeAdded(node('n0')));
    e.input(ev.barePodCreated(pod, 'uid-web'));
    e.run({ until: 10_000 });
    expect(getPod(e.state, 'default', 'web')?.phase).toBe('Running');
    return e;
  }

  it('a NoExecute taint the pod does not tolerate deletes it at once, with its grace period; a NoSchedule one does not', () => {
    const e = withBarePod();
    taintNode(e, 'n0', [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }]);
    e.run({ until: 20_000 });
    expect(evictions(e)).toEqual([]);
    taintNode(e, 'n0', [maintenance]);
    expect(evictions(e)).toEqual([[20_000, 'TaintManagerEviction']]);
    expect(getPod(e.state, 'default', 'web')?.deletionTimestamp).toBe(20_000 + 30_000);
    e.run();
    expect(getPod(e.state, 'default', 'web')).toBeUndefined();
  });

  it('tolerationSeconds: deleted when the seconds run out, counted from the taint; not if the taint goes first', () => {
    for (const removedAt of [50_000, 80_000]) {
      const e = withBarePod(withTolerations(barePod('web', 'n0', {}), [{ key: 'maintenance', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }]));
      e.run({ until: 15_000 });
      taintNode(e, 'n0', [maintenance]);
      e.run({ until: removedAt });
      taintNode(e, 'n0', []);
      e.run({ until: 200_000 });
      expect(evictions(e)).toEqual(removedAt > 75_000 ? [[75_000, 'TaintManagerEviction']] : []);
    }
  });

  it('a toleration without seconds keeps the pod forever; the shortest seconds among the tolerations used wins', () => {
    const forever = withBarePod(withTolerations(barePod('web', 'n0', {}), [{ operator: 'Exists' }]));
    taintNode(forever, 'n0', [maintenance, { key: 'other', effect: 'NoExecute' }]);
    forever.run({ until: 3_600_000 });
    expect(evictions(forever)).toEqual([]);
    const shortest = withBarePod(
      withTolerations(barePod('web', 'n0', {}), [
        { key: 'maintenance', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 120 },
        { key: 'other', operator: 'Exists', tolerationSeconds: 30 },
      ]),
    );
    taintNode(shortest, 'n0', [maintenance, { key: 'other', effect: 'NoExecute' }]);
    shortest.run({ until: 3_600_000 });
    expect(evictions(shortest)).toEqual([[40_000, 'TaintManagerEviction']]);
  });

  it('a failed node: bare pods go 300 s after the not-ready:NoExecute taint (DefaultTolerationSeconds), unless it recovers first', () => {
    for (const recoverAt of [200_000, undefined]) {
      const e = withBarePod();
      e.run({ until: 100_003 });
      e.input(ev.nodeFailed('n0', 'NotReady'));
      // The taint comes on the next 5 s monitor pass.
      if (recoverAt !== undefined) {
        e.run({ until: recoverAt });
        e.input(ev.nodeRecovered('n0'));
      }
      e.run({ until: 1_000_000 });
      expect(evictions(e)).toEqual(recoverAt === undefined ? [[405_000, 'TaintManagerEviction']] : []);
    }
  });

  it('a pod that lands on a node already tainted is processed when it lands, given a node or bound by the scheduler', () => {
    const ready = { conditions: [{ type: 'Ready', status: 'True' }] };
    const e = engine();
    e.input(ev.nodeAdded({ ...node('n0'), spec: { taints: [maintenance] }, status: { ...node('n0').status, ...ready } }));
    e.run({ until: 1_000 });
    e.input(ev.barePodCreated(withTolerations(barePod('web', 'n0', {}), [{ key: 'maintenance', operator: 'Exists', tolerationSeconds: 5 }]), 'uid-web'));
    // A DaemonSet pod is bound by the scheduler: counted from its binding (create 10 ms, bind 10 ms).
    e.input(ev.daemonSetApplied(withPodSpec(daemonSet('a'), { tolerations: [{ key: 'maintenance', operator: 'Exists', tolerationSeconds: 7 }] })));
    e.run({ until: 5_900 });
    const dsPod = logged(e, 'PodBound', (x) => x.data.name.startsWith('a-'))[0]!;
    e.run({ until: 100_000 });
    expect(evictions(e)).toEqual([[6_000, 'TaintManagerEviction']]);
    expect(logged(e, 'PodDeletionRequested', aboutPod(dsPod.data.name)).map((x) => [x.metadata.at, x.data.reason])).toEqual([
      [dsPod.metadata.at + 7_000, 'TaintManagerEviction'],
    ]);
  });

  it("a DaemonSet's own tolerationSeconds evict its pods, and its controller makes them again (as in Kubernetes)", () => {
    const d = withPodSpec(daemonSet('a'), { tolerations: [{ key: 'maintenance', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] });
    const e = settled([node('n0')], [d]);
    const first = onlyPod(e, 'a', 'n0');
    e.run({ until: 100_000 });
    taintNode(e, 'n0', [maintenance]);
    e.run({ until: 100_000 + 60_000 * 3 + 30_000 });
    const evicted = logged(e, 'PodDeletionRequested').filter((x) => x.data.reason === 'TaintManagerEviction');
    expect(evicted[0]).toMatchObject({ metadata: { at: 160_000 }, data: { name: first.name } });
    expect(evicted.length).toBeGreaterThanOrEqual(2);
    expect(logged(e, 'PodCreated').length).toBeGreaterThanOrEqual(3);
    expectCountsExact(e.state);
  });

  it('a resumed engine counts a tolerated taint from when it was added, not from the restart', () => {
    const e = withBarePod(withTolerations(barePod('web', 'n0', {}), [{ key: 'maintenance', operator: 'Exists', tolerationSeconds: 60 }]));
    const n = getNode(e.state, 'n0')!.node;
    e.input(ev.nodeUpdated({ ...n, spec: { ...n.spec, taints: [{ ...maintenance, timeAdded: '2025-01-01T00:00:10Z' }] } }));
    e.advance(40_000);
    const resumed = new Engine({ seed: 2, state: e.state, config: EXACT });
    expect(resumed.now).toBe(40_000);
    resumed.run({ until: 200_000 });
    expect(logged(resumed, 'PodDeletionRequested', aboutPod('web')).map((x) => x.metadata.at)).toEqual([70_000]);
  });
});

// ---- DaemonSet deletion --------------------------------------------------------------------------

describe('DaemonSet deletion', () => {
  it('the garbage collector deletes its pods and its revisions go', () => {
    const e = settled([node('n0'), node('n1')], [daemonSet('a'), daemonSet('b')]);
    e.input(ev.daemonSetDeleted('default', 'a'));
    e.run();
    const left = [...tableValues(e.state.pods)].map((p) => p.owner);
    expect(left).toEqual(['default/b', 'default/b']);
    expect(logged(e, 'PodDeletionRequested', (x) => x.data.reason === 'GarbageCollector')).toHaveLength(2);
    expect([...e.state.revisions.values()].map((r) => r.daemonSet)).toEqual(['default/b']);
  });

  it('in the foreground (--cascade=foreground) it stays, marked and left alone, until the garbage collector has deleted its pods', () => {
    const e = settled([node('n0'), node('n1')], [daemonSet('a'), daemonSet('b')]);
    const t = e.now;
    e.input(ev.daemonSetDeleted('default', 'a', 'Foreground'));
    const marked = ds(e, 'a');
    expect(marked.deletionRequestedAt).toBe(t);
    expect(daemonSetObject(marked).metadata).toMatchObject({ deletionGracePeriodSeconds: 0, finalizers: ['foregroundDeletion'] });
    // A node that joins meanwhile gets no pod of it; its pods terminate over their grace period.
    e.input(ev.nodeAdded(node('n2')));
    e.run({ until: t + 1_000 });
    expect(ds(e, 'a').deletionRequestedAt).toBe(t);
    expect(podsOf(e, 'a', 'n2')).toEqual([]);
    expect(logged(e, 'PodDeletionRequested', (x) => x.data.reason === 'GarbageCollector').map((x) => x.metadata.at)).toEqual([t + 1, t + 1]);
    expect([...e.state.revisions.values()].map((r) => r.daemonSet)).toEqual(['default/b']);
    e.run();
    expect(e.state.daemonSets.has('default/a')).toBe(false);
    const lastDeleted = Math.max(...logged(e, 'PodDeleted').map((x) => x.metadata.at));
    expect(logged(e, 'DaemonSetFinalized').map((x) => [x.metadata.at, x.data.name])).toEqual([[lastDeleted + 1, 'a']]);
    expect([...tableValues(e.state.pods)].map((p) => p.owner)).toEqual(['default/b', 'default/b', 'default/b']);
    // A DaemonSet without pods goes at once; asked twice, it goes once.
    e.input(ev.daemonSetApplied(withPodSpec(daemonSet('c'), { nodeSelector: { none: 'x' } })));
    e.run();
    e.input(ev.daemonSetDeleted('default', 'c', 'Foreground'));
    e.input(ev.daemonSetDeleted('default', 'c', 'Foreground'));
    e.run();
    expect(e.state.daemonSets.has('default/c')).toBe(false);
    expect(logged(e, 'DaemonSetFinalized', (x) => x.data.name === 'c')).toHaveLength(1);
  });

  it('deleted in the foreground and then in the background, it goes at once; an engine resumed mid-deletion finishes it', () => {
    const e = settled([node('n0')], [daemonSet('a')]);
    e.input(ev.daemonSetDeleted('default', 'a', 'Foreground'));
    e.run({ until: e.now + 500 });
    const resumed = new Engine({ seed: 2, state: e.state, config: EXACT });
    resumed.run();
    expect(resumed.state.daemonSets.has('default/a')).toBe(false);
    expect(resumed.state.pods.size).toBe(0);
    e.input(ev.daemonSetDeleted('default', 'a'));
    expect(e.state.daemonSets.has('default/a')).toBe(false);
    e.run();
    expect(logged(e, 'DaemonSetFinalized')).toEqual([]);
    expect(e.state.pods.size).toBe(0);
  });

  it('creates still in flight when it is deleted leave no pod behind', () => {
    const e = engine({ latency: { apiWrite: constant(1_000) } });
    for (const n of names('n', 20)) e.input(ev.nodeAdded(node(n)));
    e.input(ev.daemonSetApplied(daemonSet('a')));
    e.run({ until: 2_500 }); // the first slow-start batches have landed, later ones are on their way
    expect(e.state.pods.size).toBeGreaterThan(0);
    expect(e.state.pods.size).toBeLessThan(20);
    e.input(ev.daemonSetDeleted('default', 'a'));
    e.run();
    expect(e.state.pods.size).toBe(0);
  });
});

// ---- minReadySeconds ----------------------------------------------------------------------------

describe('minReadySeconds', () => {
  // section 8: available when readySince + minReadySeconds < now, strictly
  it('a pod becomes available 1 ms after readySince + minReadySeconds', () => {
    const e = engine();
    e.input(ev.nodeAdded(node('n0')));
    e.input(ev.daemonSetApplied(daemonSet('a', { minReadySeconds: 10 })));
    let readyAt = -1;
    while (readyAt < 0 && e.step()) {
      const r = logged(e, 'PodBecameReady')[0];
      if (r !== undefined) readyAt = r.metadata.at;
    }
    expect(counts(e, 'a')).toMatchObject({ numberReady: 1, numberAvailable: 0 });
    e.run({ until: readyAt + 10_000 });
    expect(counts(e, 'a').numberAvailable).toBe(0);
    e.run({ until: readyAt + 10_001 });
    expect(counts(e, 'a').numberAvailable).toBe(1);
    expect(logged(e, 'PodBecameAvailable')[0]!.metadata.at).toBe(readyAt + 10_001);
  });

  it('a pod that turns unready before the time is up does not become available then', () => {
    const e = engine();
    e.input(ev.nodeAdded(node('n0')));
    e.input(ev.daemonSetApplied(daemonSet('a', { minReadySeconds: 60 })));
    e.run({ until: 20_000 });
    expect(counts(e, 'a').numberReady).toBe(1);
    e.input(ev.nodeFailed('n0', 'NotReady'));
    e.input(ev.nodeRecovered('n0'));
    e.run({ until: 150_000 });
    const ready = logged(e, 'PodBecameReady');
    expect(ready).toHaveLength(2);
    expect(logged(e, 'PodBecameAvailable').map((x) => x.metadata.at)).toEqual([ready[1]!.metadata.at + 60_001]);
  });

  // Kubernetes reads availability afresh at each status update, so a changed minReadySeconds
  // applies to pods that are already Ready.
  function readyUnder(minReadySeconds: number): { e: Engine; readyAt: number; firstReadyAt: number } {
    const e = engine();
    e.input(ev.nodeAdded(node('n0')));
    e.input(ev.nodeAdded(node('n1')));
    e.input(ev.daemonSetApplied(daemonSet('a', { minReadySeconds })));
    e.run({ until: 20_000 });
    const ready = logged(e, 'PodBecameReady').map((x) => x.metadata.at);
    expect(ready).toHaveLength(2);
    return { e, readyAt: Math.max(...ready), firstReadyAt: Math.min(...ready) };
  }

  it('a shorter minReadySeconds makes pods Ready long enough available at once, the rest when their time is up', () => {
    const { e, readyAt } = readyUnder(600);
    expect(counts(e, 'a')).toMatchObject({ numberReady: 2, numberAvailable: 0 });
    e.input(ev.daemonSetApplied(daemonSet('a', { minReadySeconds: 0 })));
    expect(counts(e, 'a').numberAvailable).toBe(2);
    const { e: e2 } = readyUnder(600);
    e2.input(ev.daemonSetApplied(daemonSet('a', { minReadySeconds: 30 })));
    expect(counts(e2, 'a').numberAvailable).toBe(0);
    e2.run({ until: readyAt + 30_001 });
    expect(counts(e2, 'a').numberAvailable).toBe(2);
    expect(logged(e2, 'PodBecameAvailable').every((x) => x.metadata.at <= readyAt + 30_001)).toBe(true);
  });

  it('a longer minReadySeconds makes recently Ready pods unavailable until it has passed, and the old timer does not count', () => {
    const { e, readyAt, firstReadyAt } = readyUnder(0);
    expect(counts(e, 'a').numberAvailable).toBe(2);
    e.input(ev.daemonSetApplied(daemonSet('a', { minReadySeconds: 120 })));
    expect(counts(e, 'a').numberAvailable).toBe(0);
    e.input(ev.daemonSetApplied(daemonSet('a', { minReadySeconds: 60 })));
    e.input(ev.daemonSetApplied(daemonSet('a', { minReadySeconds: 300 })));
    e.run({ until: firstReadyAt + 300_000 });
    expect(counts(e, 'a').numberAvailable).toBe(0);
    e.run({ until: readyAt + 300_001 });
    expect(counts(e, 'a').numberAvailable).toBe(2);
  });
});

// ---- updates ------------------------------------------------------------------------------------

describe('updates on the engine', () => {
  it('OnDelete replaces a pod only when it goes away, from the new template', () => {
    const d = daemonSet('a', { onDelete: true });
    const e = settled(names('n', 3).map((n) => node(n)), [d]);
    const before = names('n', 3).map((n) => onlyPod(e, 'a', n).name);
    e.input(ev.daemonSetApplied(withImage(d, 'registry.example/a:2')));
    e.run({ until: e.now + 600_000 });
    expect(names('n', 3).map((n) => onlyPod(e, 'a', n).name)).toEqual(before);
    expect(revisionsOf(e.state, ds(e, 'a')).map((r) => r.revision)).toEqual([1, 2]);
    expect(counts(e, 'a')).toMatchObject({ desiredNumberScheduled: 3, updatedNumberScheduled: 0 });
    e.input(ev.podRemovalRequested(onlyPod(e, 'a', 'n1'), 'delete'));
    e.run();
    expect(onlyPod(e, 'a', 'n1').hash).toBe(ds(e, 'a').hash);
    expect(onlyPod(e, 'a', 'n0').name).toBe(before[0]);
    expect(counts(e, 'a')).toMatchObject({ updatedNumberScheduled: 1, numberAvailable: 3 });
    expect(rolloutStatus(e.state, 'default/a').message).toBe('rollout status is only available for RollingUpdate strategy type');
  });

  it('keeps revisionHistoryLimit old revisions and a rollback reuses its revision with a new number', () => {
    const base = { ...daemonSet('a'), spec: { ...daemonSet('a').spec!, revisionHistoryLimit: 2 } };
    const v = (i: number) => withImage(base, `registry.example/a:${i}`);
    const e = settled([node('n0')], [v(1)]);
    for (const i of [2, 3, 4]) {
      e.input(ev.daemonSetApplied(v(i)));
      e.run();
    }
    const revs = () => revisionsOf(e.state, ds(e, 'a')).map((r) => [r.revision, r.template.spec?.containers[0]?.image]);
    expect(revs()).toEqual([
      [2, 'registry.example/a:2'],
      [3, 'registry.example/a:3'],
      [4, 'registry.example/a:4'],
    ]);
    const created = logged(e, 'ControllerRevisionCreated').length;
    e.input(ev.daemonSetApplied(v(3)));
    e.run();
    expect(logged(e, 'ControllerRevisionCreated')).toHaveLength(created);
    expect(logged(e, 'ControllerRevisionUpdated').map((x) => x.data.revision)).toEqual([5]);
    expect(revs()).toEqual([
      [2, 'registry.example/a:2'],
      [4, 'registry.example/a:4'],
      [5, 'registry.example/a:3'],
    ]);
    expect(onlyPod(e, 'a', 'n0').hash).toBe(ds(e, 'a').hash);
  });

  it('rolloutStatus says what kubectl rollout status would at every stage', () => {
    const d = daemonSet('a', { maxUnavailable: 1 });
    const e = settled(names('n', 3).map((n) => node(n)), [d]);
    expect(rolloutStatus(e.state, 'default/a')).toEqual({ done: true, message: 'daemon set "a" successfully rolled out' });
    expect(e.rolloutStatus('default/a').done).toBe(true);
    e.input(ev.daemonSetApplied(withImage(d, 'registry.example/a:2')));
    expect(rolloutStatus(e.state, 'default/a').message).toBe('Waiting for daemon set spec update to be observed...');
    const seen = new Set<string>();
    while (e.step()) seen.add(rolloutStatus(e.state, 'default/a').message);
    expect([...seen]).toEqual(
      expect.arrayContaining([
        'Waiting for daemon set "a" rollout to finish: 0 out of 3 new pods have been updated...',
        'Waiting for daemon set "a" rollout to finish: 1 out of 3 new pods have been updated...',
        'Waiting for daemon set "a" rollout to finish: 2 out of 3 new pods have been updated...',
        'Waiting for daemon set "a" rollout to finish: 2 of 3 updated pods are available...',
        'daemon set "a" successfully rolled out',
      ]),
    );
    expect(rolloutStatus(e.state, 'default/nope').message).toBe('Error from server (NotFound): daemonsets.apps "nope" not found');
  });

  // The worked sequences of section 7, on the engine: the limits hold at every step, with real latencies.
  function rollout(d: DaemonSet, nodes = 5, config: EngineConfigInput = {}) {
    const e = settled(names('n', nodes).map((n) => node(n)), [d]);
    const next = new Engine({ seed: 2, state: e.state, config: { ...EXACT, ...config } });
    next.input(ev.daemonSetApplied(withImage(d, 'registry.example/v2')));
    return next;
  }

  it('5 nodes, maxUnavailable 2: never more than 2 nodes without an available pod, and it finishes', () => {
    const e = rollout(daemonSet('a', { maxUnavailable: 2 }));
    let worst = 0;
    while (e.step()) worst = Math.max(worst, unavailableNodes(e.state, ds(e, 'a')));
    expect(worst).toBe(2);
    expect(e.rolloutStatus('default/a').done).toBe(true);
  });

  it('5 nodes, maxSurge 2: every node always has an available pod, at most 2 surge at once', () => {
    const e = rollout(daemonSet('a', { maxSurge: 2 }));
    let worstSurge = 0;
    while (e.step()) {
      expect(unavailableNodes(e.state, ds(e, 'a'))).toBe(0);
      worstSurge = Math.max(worstSurge, surgingNodes(e.state, ds(e, 'a')));
    }
    expect(worstSurge).toBe(2);
    expect(e.rolloutStatus('default/a').done).toBe(true);
  });

  it("a surge pod that asks for more is fitted beside the old pod's own requests, not the new template's", () => {
    // 1 cpu: the old pod holds 300m, the new one wants 600m. Counting the old pod at 600m would leave it Pending.
    const e = settled([node('n0', { cpu: '1' })], [daemonSet('a', { maxSurge: 1, cpu: '300m' })]);
    e.input(ev.daemonSetApplied(daemonSet('a', { maxSurge: 1, cpu: '600m' })));
    e.run();
    expect(logged(e, 'PodUnschedulable')).toEqual([]);
    expect(e.rolloutStatus('default/a').done).toBe(true);
  });

  it('5 nodes, maxUnavailable 3, new pods never Ready: stalls with 3 updated and 2 old pods', () => {
    const e = rollout(daemonSet('a', { maxUnavailable: 3 }), 5, { podsBecomeReady: false });
    e.run();
    expect(counts(e, 'a')).toMatchObject({ desiredNumberScheduled: 5, updatedNumberScheduled: 3, numberAvailable: 2 });
    expect(e.rolloutStatus('default/a').done).toBe(false);
  });

  it('5 nodes whose old pods are not Ready, maxUnavailable 3: all 5 are replaced at once', () => {
    const d = daemonSet('a', { maxUnavailable: 3 });
    const e = settled(names('n', 5).map((n) => node(n)), [d], { podsBecomeReady: false });
    const next = new Engine({ seed: 2, state: e.state, config: { ...EXACT, podsBecomeReady: false } });
    next.input(ev.daemonSetApplied(withImage(d, 'registry.example/v2')));
    next.run();
    const deletes = logged(next, 'PodDeletionRequested');
    expect(deletes).toHaveLength(5);
    expect(new Set(deletes.map((x) => x.metadata.at)).size).toBe(1); // one step
    expect(counts(next, 'a')).toMatchObject({ updatedNumberScheduled: 5, numberReady: 0 });
  });

  it('editing only the strategy replaces nothing', () => {
    const e = settled(names('n', 3).map((n) => node(n)), [daemonSet('a', { maxUnavailable: 1 })]);
    const before = e.log.length;
    e.input(ev.daemonSetApplied(daemonSet('a', { maxUnavailable: 3 })));
    e.run();
    expect(e.log.slice(before).map((x) => x.type)).toEqual(['DaemonSetApplied', 'DaemonSetSynced']);
  });
});

/** Nodes that should run the DaemonSet but have no available pod that is not being deleted. */
function unavailableNodes(state: ClusterState, d: DaemonSetRecord): number {
  let n = 0;
  for (const rec of tableValues(state.nodes)) {
    const name = rec.node.metadata!.name!;
    if (placementOf(d, name) !== Placement.Run) continue;
    const ok = daemonPodsOnNode(state, d, name).some((p) => p.deletionTimestamp === undefined && p.ready && p.available);
    if (!ok) n++;
  }
  return n;
}

/** Nodes with an old and a new pod (neither being deleted) whose new pod is not yet available. */
function surgingNodes(state: ClusterState, d: DaemonSetRecord): number {
  let n = 0;
  for (const rec of tableValues(state.nodes)) {
    const live = daemonPodsOnNode(state, d, rec.node.metadata!.name!).filter((p) => p.deletionTimestamp === undefined);
    const fresh = live.filter((p) => p.hash === d.hash);
    if (fresh.length > 0 && live.length > fresh.length && !fresh.some((p) => p.ready && p.available)) n++;
  }
  return n;
}


// ---- the controller's real costs -----------------------------------------------------------------

describe("the DaemonSet controller's costs: burst, slow start, workers, expectations", () => {
  it('creates at most 250 pods per sync: 600 new nodes take at least 3 syncs', () => {
    const syncs: SyncObserved[] = [];
    const e = engine({}, 1, (s) => syncs.push(s));
    for (const n of names('n', 600)) e.schedule(0, ev.nodeAdded(node(n)));
    e.schedule(0, ev.daemonSetApplied(daemonSet('a')));
    e.run({ until: 30_000 });
    const creating = syncs.filter((s) => s.intents.some((i) => i.type === 'CreatePod'));
    expect(creating.length).toBeGreaterThanOrEqual(3);
    // Pods created between one creating sync and the next: never more than the burst.
    const created = logged(e, 'PodCreated').map((x) => x.metadata.at);
    const per = creating.map((s, i) => created.filter((t) => t > s.at && t <= (creating[i + 1]?.at ?? Infinity)).length);
    expect(per.slice(0, 3)).toEqual([250, 250, 100]);
    expect(created).toHaveLength(600);
    expect(counts(e, 'a').currentNumberScheduled).toBe(600);
  });

  it('creates go out in slow-start batches of 1, 2, 4, … each waiting for the one before', () => {
    const e = engine();
    for (const n of names('n', 300)) e.schedule(0, ev.nodeAdded(node(n)));
    e.schedule(0, ev.daemonSetApplied(daemonSet('a')));
    e.run({ until: 5_000 });
    const byTime = new Map<number, number>();
    for (const x of logged(e, 'PodCreated')) byTime.set(x.metadata.at, (byTime.get(x.metadata.at) ?? 0) + 1);
    const batches = [...byTime.entries()].sort((a, b) => a[0] - b[0]);
    // First sync: 250 creates (the burst) in 8 batches, 10 ms (one API call) apart.
    expect(batches.slice(0, 8).map(([, n]) => n)).toEqual([1, 2, 4, 8, 16, 32, 64, 123]);
    const t = batches.slice(0, 8).map(([at]) => at);
    expect(t.slice(1).map((x, i) => x - t[i]!)).toEqual([10, 10, 10, 10, 10, 10, 10]);
  });

  it('a sync that creates and deletes issues the deletes after its last create batch (syncNodes)', () => {
    const syncs: SyncObserved[] = [];
    const e = engine({}, 1, (s) => syncs.push(s));
    const labelled = (n: string, on: boolean) => node(n, on ? { labels: { role: 'a' } } : {});
    for (const n of names('n', 6)) e.schedule(0, ev.nodeAdded(labelled(n, n < 'n3')));
    e.schedule(0, ev.daemonSetApplied(daemonSet('a', { nodeSelector: { role: 'a' } })));
    e.run({ until: 60_000 });
    // The label moves from n0-n2 to n3-n5 at one instant: one sync deletes three pods and creates three.
    for (const n of names('n', 6)) e.schedule(60_000, ev.nodeUpdated(labelled(n, n >= 'n3')));
    e.run({ until: 120_000 });
    const both = syncs.filter((x) => x.intents.some((i) => i.type === 'CreatePod') && x.intents.some((i) => i.type === 'DeletePod'));
    expect(both).toHaveLength(1);
    const at = both[0]!.at;
    const created = logged(e, 'PodCreated', (x) => x.metadata.at > at).map((x) => x.metadata.at);
    const deleting = logged(e, 'PodDeletionRequested', (x) => x.metadata.at > at).map((x) => x.metadata.at);
    // Batches of 1 and 2, 10 ms apart, then the three deletes one API call later.
    expect(created.map((t) => t - at)).toEqual([10, 20, 20]);
    expect(deleting.map((t) => t - at)).toEqual([30, 30, 30]);
  });

  it('never runs more syncs at once than there are workers', () => {
    for (const workers of [1, 2, 3]) {
      const e = engine({ controller: { workers } });
      for (const n of names('n', 40)) e.schedule(0, ev.nodeAdded(node(n)));
      for (const name of ['a', 'b', 'c', 'd']) e.schedule(0, ev.daemonSetApplied(daemonSet(name)));
      let most = 0;
      while (e.step()) {
        expect(e.syncsInFlight).toBeGreaterThanOrEqual(0);
        most = Math.max(most, e.syncsInFlight);
      }
      expect(most).toBe(workers);
      for (const name of ['a', 'b', 'c', 'd']) expect(counts(e, name).numberAvailable).toBe(40);
    }
  });

  it('expectations: a DaemonSet is not synced again until all writes of its last sync have landed', () => {
    const syncs: SyncObserved[] = [];
    const e = engine({ latency: { apiWrite: constant(100) } }, 1, (s) => syncs.push(s));
    for (const n of names('n', 100)) e.schedule(0, ev.nodeAdded(node(n)));
    e.schedule(0, ev.daemonSetApplied(daemonSet('a')));
    e.run();
    const created = logged(e, 'PodCreated');
    const creating = syncs.filter((s) => s.intents.some((i) => i.type === 'CreatePod'));
    expect(creating).toHaveLength(1); // 100 nodes: one sync, seven slow-start batches
    const lastWrite = Math.max(...created.map((x) => x.metadata.at));
    expect(lastWrite - creating[0]!.at).toBe(700);
    // Pods were bound and started meanwhile (each an informer event), yet no sync ran in between.
    expect(syncs.filter((s) => s.at > creating[0]!.at && s.at < lastWrite)).toEqual([]);
    // And no node got two pods.
    for (const n of names('n', 100)) expect(podsOf(e, 'a', n)).toHaveLength(1);
  });

  // kubernetes/kubernetes#121474 and #128442: on 5,000-node clusters DaemonSet pods reached new nodes
  // slowly. With the controller's costs modelled, raising the burst and the workers places them sooner.
  it('never gives two pods one name: a sync draws every batch\'s names before the earlier batches land', () => {
    // Seed 35 draws one name twice among a sync's batches at 2,000 nodes (the API server would retry the name).
    const e = engine({}, 35);
    for (const n of names('n', 2_000)) e.schedule(0, ev.nodeAdded(node(n)));
    e.schedule(0, ev.daemonSetApplied(daemonSet('a', { maxUnavailable: '100%' })));
    e.run();
    e.input(ev.daemonSetApplied(daemonSet('a', { maxUnavailable: '100%', image: 'registry.example/a:2' })));
    e.run();
    const live = new Set<string>();
    for (const x of e.log) {
      if (x.type === 'PodCreated') {
        expect(live.has(x.data.name), x.data.name).toBe(false);
        live.add(x.data.name);
      }
      if (x.type === 'PodDeleted') live.delete(x.data.name);
    }
    expect(logged(e, 'PodCreated')).toHaveLength(4_000);
  });

  // kube-controller-manager's client: --kube-api-qps 20, --kube-api-burst 30 (client-go's token bucket).
  const limited = (n: number, controller: EngineConfigInput['controller'] = {}) => {
    const e = engine({ controller: { apiQps: 20, apiBurst: 30, ...controller } });
    for (const name of names('n', n)) e.schedule(0, ev.nodeAdded(node(name)));
    e.schedule(0, ev.daemonSetApplied(daemonSet('a', { maxUnavailable: '100%' })));
    e.run();
    return e;
  };

  it('the API client lets 30 creates through at once, then 20 a second', () => {
    const e = limited(300);
    const created = logged(e, 'PodCreated').map((x) => x.metadata.at);
    expect(created).toHaveLength(300);
    const first = created[0]!;
    // Never more than the burst plus what has refilled since (each create lands 10 ms after it went).
    for (let i = 0; i < created.length; i++) expect(i + 1).toBeLessThanOrEqual(30 + Math.floor(((created[i]! - first) * 20) / 1000) + 1);
    // 270 creates past the burst at 20 a second: 13.5 s.
    expect(created.at(-1)! - first).toBeGreaterThanOrEqual(13_500);
    expect(created.at(-1)! - first).toBeLessThan(15_000);
  });

  it('deletes wait for the API client too: a rollout of 100 nodes at maxUnavailable 100% deletes over seconds, not at once', () => {
    const e = limited(100);
    const from = e.log.length;
    e.input(ev.daemonSetApplied(withImage(daemonSet('a', { maxUnavailable: '100%' }), 'registry.example/a:2')));
    e.run();
    const deletes = e.log.slice(from).filter((x) => x.type === 'PodDeletionRequested');
    expect(deletes).toHaveLength(100);
    // The bucket refilled while idle: 30 at once, the other 70 at 20 a second, and the deletes land together.
    const at = deletes.map((x) => x.metadata.at);
    expect(Math.max(...at) - e.log[from]!.metadata.at).toBeGreaterThanOrEqual(3_500);
  });

  it('without a rate limit (apiQps 0) the same creates land in a fraction of the time', () => {
    const span = (e: Engine) => {
      const created = logged(e, 'PodCreated').map((x) => x.metadata.at);
      return created.at(-1)! - created[0]!;
    };
    expect(span(limited(300, { apiQps: 0 }))).toBeLessThan(1_000);
    expect(span(limited(300))).toBeGreaterThan(13_000);
  });

  it('a 5,000-node scale-out places every pod sooner with a larger burst and more workers', () => {
    const placeAll = (controller: EngineConfigInput['controller']) => {
      const e = new Engine({
        seed: 3,
        keepLog: false,
        inPlace: true,
        // Bind much later than the measured window, so the run stays small: only creates happen in it.
        config: { ...EXACT, controller: { ...EXACT.controller, syncCostPerNodeMs: DEFAULT_CONFIG.controller.syncCostPerNodeMs, ...controller }, latency: { ...EXACT.latency, schedule: constant(3_600_000) } },
      });
      for (const n of names('n', 5_000)) e.schedule(0, ev.nodeAdded(node(n)));
      for (const name of ['a', 'b', 'c']) e.schedule(0, ev.daemonSetApplied(daemonSet(name)));
      const done = () => ['a', 'b', 'c'].every((n) => counts(e, n).currentNumberScheduled === 5_000);
      e.run({ until: 0 });
      while (!done()) e.step();
      return e.now;
    };
    const defaults = placeAll({});
    const raised = placeAll({ burstReplicas: 1_000, workers: 3 });
    expect(raised).toBeLessThan(defaults);
  });
});

describe('engine state stays consistent', () => {
  it('an engine started from a state picks every pod up where it stands', () => {
    const e = engine();
    for (const n of names('n', 6)) e.input(ev.nodeAdded(node(n)));
    e.input(ev.daemonSetApplied(daemonSet('a', { maxUnavailable: 2 })));
    e.run({ until: 3_000 });
    e.input(ev.daemonSetApplied(withImage(daemonSet('a', { maxUnavailable: 2 }), 'registry.example/a:2')));
    e.run({ until: 3_020 }); // mid-rollout: pods pending, terminating and running
    for (const inPlace of [false, true]) {
      const next = new Engine({ seed: 5, state: e.state, config: EXACT, inPlace });
      next.run();
      expect(next.rolloutStatus('default/a').done).toBe(true);
      expect(counts(next, 'a')).toMatchObject({ desiredNumberScheduled: 6, updatedNumberScheduled: 6, numberAvailable: 6 });
      expect(next.state.pods.size).toBe(6);
    }
    // The original state was not touched by either.
    expect(counts(e, 'a').updatedNumberScheduled).toBeLessThan(6);
  });

  it('in place, every state handed out is a snapshot later steps never change, equal to the immer engine\'s', () => {
    const plan = (e: Engine) => {
      for (const n of names('n', 5)) e.schedule(0, ev.nodeAdded(node(n)));
      e.schedule(0, ev.daemonSetApplied(daemonSet('a', { maxUnavailable: 2 })));
      e.schedule(0, ev.daemonSetApplied(daemonSet('b', { maxSurge: 1 })));
      e.schedule(20_000, ev.daemonSetApplied(withImage(daemonSet('a', { maxUnavailable: 2 }), 'a:2')));
      e.schedule(25_000, ev.nodeRemoved('n2'));
      e.schedule(30_000, ev.daemonSetDeleted('default', 'b'));
      return e;
    };
    const fast = plan(new Engine({ seed: 9, inPlace: true }));
    const slow = plan(new Engine({ seed: 9, inPlace: false }));
    const held: Array<[ClusterState, string]> = [];
    let i = 0;
    while (fast.step()) {
      slow.step();
      // Take some snapshots, not all: steps between them write through a batch of their own.
      if (i++ % 3 === 0) {
        const s = fast.state;
        expect(fast.state).toBe(s); // no write since: the same snapshot
        held.push([s, JSON.stringify(snapshot(s))]);
        expect(held.at(-1)![1]).toBe(JSON.stringify(snapshot(slow.state)));
      }
    }
    expect(held.length).toBeGreaterThan(10);
    for (const [s, json] of held) expect(JSON.stringify(snapshot(s))).toBe(json);
    expect(JSON.stringify(snapshot(fast.state))).toBe(JSON.stringify(snapshot(slow.state)));
  });

  it('status counters equal a recount after every step of a small churny run', () => {
    const e = engine();
    for (const n of names('n', 4)) e.schedule(0, ev.nodeAdded(node(n, { labels: { zone: n === 'n3' ? 'b' : 'a' } })));
    e.schedule(0, ev.daemonSetApplied(daemonSet('a', { nodeSelector: { zone: 'a' } })));
    e.schedule(0, ev.daemonSetApplied(daemonSet('b', { maxSurge: 1 })));
    e.schedule(30_000, ev.nodeFailed('n1', 'NotReady'));
    e.schedule(40_000, ev.daemonSetApplied(withImage(daemonSet('b', { maxSurge: 1 }), 'b:2')));
    e.schedule(45_000, ev.nodeRemoved('n2'));
    e.schedule(90_000, ev.nodeRecovered('n1'));
    let steps = 0;
    while (e.step()) {
      expectCountsExact(e.state);
      steps++;
    }
    expect(steps).toBeGreaterThan(50);
  });
});

// Seeded benchmark fixtures: N nodes with a realistic mix of labels and taints, five DaemonSets,
// and the dsim states built from them. Built in the untimed setup of each case; never timed.

import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node, NodeStatus, Taint } from 'kubernetes-types/core/v1';
import {
  createModel,
  daemonPodRecord,
  emptyTable,
  events,
  initialState,
  intentsToEvents,
  objectKey,
  Placement,
  Random,
  recount,
  stamp,
  tableFrom,
  tableGet,
  tableSet,
  withTableOwner,
  type ClusterState,
  type DaemonNode,
  type DaemonSetRecord,
  type DsimEvent,
  type Model,
  type NodeRecord,
  type PendingEvent,
  type PodCreated,
  type PodRecord,
  type Table,
} from '@dsim/core';
import { fullSync } from './fullSync.ts';

/** The seed every fixture derives from unless a case asks for another. */
export const FIXTURE_SEED = 20250101;

// Node status objects are shared by every node of a pool: fixtures are never mutated (the model
// replaces whole records), and sharing keeps a million nodes within memory.
function status(cpu: string, memory: string): NodeStatus {
  return {
    conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }],
    allocatable: { cpu, memory, pods: '110' },
    capacity: { cpu, memory, pods: '110' },
  };
}

interface Pool {
  readonly share: number;
  readonly instanceType: string;
  readonly os: 'linux' | 'windows';
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  readonly status: NodeStatus;
}

// Shares sum to 1. GPU and Windows nodes carry the taints their vendors' guides recommend.
const POOLS: readonly Pool[] = [
  { share: 0.6, instanceType: 'm5.xlarge', os: 'linux', labels: { pool: 'general' }, taints: [], status: status('4', '16Gi') },
  { share: 0.2, instanceType: 'c5.2xlarge', os: 'linux', labels: { pool: 'compute' }, taints: [], status: status('8', '16Gi') },
  {
    share: 0.1,
    instanceType: 'r5.2xlarge',
    os: 'linux',
    labels: { pool: 'batch' },
    taints: [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }],
    status: status('8', '64Gi'),
  },
  {
    share: 0.05,
    instanceType: 'p3.2xlarge',
    os: 'linux',
    labels: { pool: 'gpu', accelerator: 'nvidia-tesla-v100' },
    taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }],
    status: status('8', '61Gi'),
  },
  {
    share: 0.04,
    instanceType: 'm5.xlarge',
    os: 'windows',
    labels: { pool: 'windows' },
    taints: [{ key: 'os', value: 'windows', effect: 'NoSchedule' }],
    status: status('4', '16Gi'),
  },
  {
    share: 0.01,
    instanceType: 'm5.xlarge',
    os: 'linux',
    labels: { pool: 'quarantine' },
    taints: [{ key: 'maintenance', value: 'true', effect: 'NoExecute' }],
    status: status('4', '16Gi'),
  },
];

const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'] as const;

/** The name of the i-th generated node: fixed width, so names sort like their indexes. */
export function nodeName(i: number, prefix = 'node'): string {
  return `${prefix}-${String(i).padStart(7, '0')}`;
}

/** One node drawn from the pool mix with the given generator. */
export function generateNode(name: string, rng: Random): Node {
  const x = rng.next();
  let acc = 0;
  let pool = POOLS[0]!;
  for (const p of POOLS) {
    acc += p.share;
    if (x < acc) {
      pool = p;
      break;
    }
  }
  const zone = ZONES[rng.int(ZONES.length)]!;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': pool.os,
        'kubernetes.io/arch': 'amd64',
        'node.kubernetes.io/instance-type': pool.instanceType,
        'topology.kubernetes.io/zone': zone,
        ...pool.labels,
      },
    },
    spec: pool.taints.length > 0 ? { taints: pool.taints as Taint[] } : {},
    status: pool.status,
  };
}

/** N nodes from a seed: the same seed gives the same nodes. */
export function generateNodes(n: number, seed = FIXTURE_SEED, prefix = 'node'): Node[] {
  const rng = new Random(seed);
  const out = new Array<Node>(n);
  for (let i = 0; i < n; i++) out[i] = generateNode(nodeName(i, prefix), rng);
  return out;
}

function daemonSet(
  name: string,
  namespace: string,
  spec: {
    image: string;
    nodeSelector?: Record<string, string>;
    zones?: readonly string[];
    tolerations?: NonNullable<NonNullable<DaemonSet['spec']>['template']['spec']>['tolerations'];
    maxUnavailable?: number | string;
  },
): DaemonSet {
  const labels = { 'app.kubernetes.io/name': name };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace },
    spec: {
      selector: { matchLabels: labels },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: spec.maxUnavailable ?? '10%' } },
      template: {
        metadata: { labels },
        spec: {
          ...(spec.nodeSelector ? { nodeSelector: spec.nodeSelector } : {}),
          ...(spec.zones
            ? {
                affinity: {
                  nodeAffinity: {
                    requiredDuringSchedulingIgnoredDuringExecution: {
                      nodeSelectorTerms: [
                        { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: [...spec.zones] }] },
                      ],
                    },
                  },
                },
              }
            : {}),
          ...(spec.tolerations ? { tolerations: spec.tolerations } : {}),
          containers: [{ name, image: spec.image, resources: { requests: { cpu: '50m', memory: '64Mi' } } }],
        },
      },
    },
  };
}

/**
 * The five DaemonSets of the cluster fixtures, covering every placement rule: one everywhere
 * (tolerates everything), one on Linux tolerating NoSchedule only, one on GPU nodes, one in two
 * zones by required node affinity without extra tolerations, and one on Windows nodes.
 */
export function fixtureDaemonSets(): DaemonSet[] {
  return [
    daemonSet('kube-proxy', 'kube-system', {
      image: 'registry.k8s.io/kube-proxy:v1.31.0',
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      tolerations: [{ operator: 'Exists' }],
    }),
    daemonSet('node-exporter', 'monitoring', {
      image: 'quay.io/prometheus/node-exporter:v1.8.2',
      tolerations: [{ operator: 'Exists', effect: 'NoSchedule' }],
      maxUnavailable: 1,
    }),
    daemonSet('nvidia-device-plugin', 'kube-system', {
      image: 'nvcr.io/nvidia/k8s-device-plugin:v0.16.2',
      nodeSelector: { accelerator: 'nvidia-tesla-v100' },
      tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
    }),
    daemonSet('log-agent', 'logging', { image: 'fluent/fluent-bit:3.1.9', zones: ['us-east-1a', 'us-east-1b'] }),
    daemonSet('windows-exporter', 'monitoring', {
      image: 'ghcr.io/prometheus-community/windows-exporter:0.29.2',
      nodeSelector: { 'kubernetes.io/os': 'windows' },
      tolerations: [{ key: 'os', operator: 'Equal', value: 'windows', effect: 'NoSchedule' }],
    }),
  ];
}

/** A DaemonSet that runs on every node whatever its taints: applying it creates exactly N pods. */
export function everywhereDaemonSet(name = 'node-agent', image = 'example.com/node-agent:1'): DaemonSet {
  return daemonSet(name, 'kube-system', { image, tolerations: [{ operator: 'Exists' }], maxUnavailable: '10%' });
}

/** The same DaemonSet with a new image: a template change, which starts a rolling update. */
export function withImage(ds: DaemonSet, image: string): DaemonSet {
  const spec = ds.spec!;
  const podSpec = spec.template.spec!;
  const [first, ...rest] = podSpec.containers;
  return {
    ...ds,
    spec: { ...spec, template: { ...spec.template, spec: { ...podSpec, containers: [{ ...first!, image }, ...rest] } } },
  };
}

/** The `namespace/name` key of a DaemonSet. */
export function dsKey(ds: DaemonSet): string {
  return objectKey(ds.metadata?.namespace ?? 'default', ds.metadata?.name ?? '');
}

/** A log in the making: stamps pending events with consecutive seqs at one simulated time. */
export class LogWriter {
  readonly events: DsimEvent[] = [];
  constructor(
    /** The seq of the last event stamped. */
    public seq: number,
    public at: number,
  ) {}

  stampAll(pending: readonly PendingEvent[]): DsimEvent[] {
    const out = pending.map((p) => stamp(p, ++this.seq, this.at));
    for (const e of out) this.events.push(e);
    return out;
  }
}

/** Options for building a dsim cluster state. */
export interface DsimClusterOptions {
  readonly nodes: readonly Node[];
  readonly daemonSets: readonly DaemonSet[];
  /** Mark every created pod bound, started and Ready (three more facts per pod). Default false. */
  readonly readyPods?: boolean;
  readonly seed?: number;
  readonly model?: Model;
  /** Keep the facts recorded on the way (the log the state is the fold of). Default false. */
  readonly keepLog?: boolean;
}

/**
 * A settled dsim cluster: nodes added, DaemonSets applied, and the controller's first full sync
 * of each carried out (revisions, pods, observed generation), all in a handful of batched folds.
 */
export function dsimCluster(options: DsimClusterOptions): { state: ClusterState; log: DsimEvent[]; rng: Random } {
  const model = options.model ?? createModel({ autoFreeze: false });
  const rng = new Random(options.seed ?? FIXTURE_SEED + 1);
  const log = new LogWriter(-1, 0);
  const keep = options.keepLog ?? false;
  let state = initialState();
  const fold = (pending: readonly PendingEvent[]) => {
    const stamped = log.stampAll(pending);
    state = model.fold(state, stamped);
    if (!keep) log.events.length = 0;
  };
  fold(options.nodes.map((n) => events.nodeAdded(n)));
  fold(options.daemonSets.map((d) => events.daemonSetApplied(d)));
  for (const ds of options.daemonSets) {
    const facts = intentsToEvents(state, fullSync(state, dsKey(ds)), rng, { deletion: 'immediate' });
    fold(facts);
    if (options.readyPods) fold(readyFacts(facts));
  }
  return { state, log: log.events, rng };
}

/** For each PodCreated: bound by the scheduler, started and Ready (what a healthy kubelet reports). */
export function readyFacts(facts: readonly PendingEvent[]): PendingEvent[] {
  const out: PendingEvent[] = [];
  for (const f of facts) {
    if (f.type !== 'PodCreated') continue;
    out.push(events.podBound(f.data, f.data.node), events.podStarted(f.data, false), events.podBecameReady(f.data));
  }
  return out;
}

/**
 * The same state as `dsimCluster`, built without folding the pod facts: nodes and pods go
 * straight into fresh tables (outside immer) and status is recounted from scratch. Setup only,
 * for clusters of up to a million nodes where folding millions of setup facts would take
 * minutes; `fixtures.test.ts` checks it equals the folded state. The log is still produced.
 */
export function dsimClusterDirect(options: DsimClusterOptions): { state: ClusterState; log: DsimEvent[]; rng: Random } {
  const model = options.model ?? createModel({ autoFreeze: false });
  const rng = new Random(options.seed ?? FIXTURE_SEED + 1);
  const keep = options.keepLog ?? false;
  const log = new LogWriter(-1, 0);
  const record = (pending: readonly PendingEvent[]): DsimEvent[] => {
    const stamped = log.stampAll(pending);
    if (!keep) log.events.length = 0;
    return stamped;
  };
  // What putNode records for a NodeAdded at time 0.
  const nodeAdded = record(options.nodes.map((n) => events.nodeAdded(n)));
  const nodes = tableFrom<NodeRecord>(
    options.nodes.map((n) => [n.metadata?.name ?? '', { node: n, addedAt: 0, kubelet: 'ok', kubeletSince: 0 }] as const),
  );
  let state: ClusterState = { ...initialState(), nodes, seq: nodeAdded.length - 1, now: 0 };
  // DaemonSets go through the reducer: defaulting, hashing and placement are the model's own.
  state = model.fold(state, record(options.daemonSets.map((d) => events.daemonSetApplied(d))));
  // Built as one table batch: the tables are this function's own until it returns them.
  return withTableOwner(() => {
  let pods = emptyTable<PodRecord>();
  const dsPods = new Map<string, Table<DaemonNode>>();
  for (const ds of options.daemonSets) {
    const key = dsKey(ds);
    const rec = state.daemonSets.get(key)!;
    const stamped = record(intentsToEvents(state, fullSync(state, key), rng, { deletion: 'immediate' }));
    // Revisions and the observed generation are few: fold them. Pods are many: insert them.
    state = { ...model.fold(state, stamped.filter((e) => e.type !== 'PodCreated')), seq: log.seq, now: 0 };
    let own = rec.nodes;
    const created = stamped.filter((e): e is PodCreated => e.type === 'PodCreated');
    const ready = options.readyPods ? record(readyFacts(created)) : [];
    for (const e of created) {
      const d = e.data;
      const pk = objectKey(d.namespace, d.name);
      let pod = daemonPodRecord(d, rec.uid, e.metadata.at);
      if (options.readyPods) pod = readied(pod, rec, e.metadata.at);
      pods = tableSet(pods, pk, pod);
      const here = tableGet(own, d.node);
      own = tableSet(own, d.node, { placement: here?.placement ?? Placement.None, pods: [...(here?.pods ?? []), pod] });
    }
    if (ready.length > 0) state = { ...state, seq: log.seq };
    dsPods.set(key, own);
  }
  const daemonSets = new Map<string, DaemonSetRecord>();
  for (const [key, rec] of state.daemonSets) {
    const withPods: DaemonSetRecord = { ...rec, nodes: dsPods.get(key) ?? rec.nodes };
    daemonSets.set(key, { ...withPods, counts: recount(pods, nodes, withPods) });
  }
  // Every pod has its DaemonSet: none goes in podsByNode (bare pods and orphans only).
  return { state: { ...state, daemonSets, pods }, log: log.events, rng };
  });
}

// PodBound, PodStarted and PodBecameReady folded into one record.
function readied(p: PodRecord, ds: DaemonSetRecord, at: number): PodRecord {
  const bound = { ...p, nodeName: p.targetNode, unschedulable: undefined };
  const started = { ...bound, phase: 'Running' as const, started: true, startedAt: at };
  return { ...started, ready: true, readyChangedAt: at, available: (ds.daemonSet.spec?.minReadySeconds ?? 0) === 0 };
}

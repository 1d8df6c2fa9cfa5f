// Small builders for nodes, DaemonSets, pods and whole scenarios used across the core's tests.
// Test-only: states are built by folding hand-written facts, never by editing state directly.
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node, Taint, Toleration } from 'kubernetes-types/core/v1';
import { events as ev, stamp, type PendingEvent } from '../src/events.ts';
import { createModel, type Model } from '../src/reducer.ts';
import {
  daemonPodsOnNode,
  getDaemonSet,
  getPod,
  initialState,
  type ClusterState,
  type DaemonSetRecord,
  type PodRecord,
} from '../src/state.ts';
import { tableEntries } from '../src/table.ts';

/** A Ready v1 Node with the hostname label, optional labels, taints and allocatable resources. */
export function node(name: string, opts: { labels?: Record<string, string>; taints?: Taint[]; ready?: boolean; cpu?: string; pods?: string } = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...opts.labels } },
    spec: opts.taints ? { taints: opts.taints } : {},
    status: {
      conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True' }],
      allocatable: { cpu: opts.cpu ?? '4', memory: '16Gi', pods: opts.pods ?? '110' },
      capacity: { cpu: opts.cpu ?? '4', memory: '16Gi', pods: opts.pods ?? '110' },
    },
  };
}

/** An apps/v1 DaemonSet selecting `app: <name>`, RollingUpdate unless `onDelete`. */
export function daemonSet(
  name: string,
  opts: {
    namespace?: string;
    nodeSelector?: Record<string, string>;
    tolerations?: Toleration[];
    image?: string;
    maxUnavailable?: number | string;
    maxSurge?: number | string;
    onDelete?: boolean;
    minReadySeconds?: number;
    cpu?: string;
  } = {},
): DaemonSet {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: opts.namespace ?? 'default' },
    spec: {
      selector: { matchLabels: labels },
      ...(opts.minReadySeconds !== undefined ? { minReadySeconds: opts.minReadySeconds } : {}),
      updateStrategy: opts.onDelete
        ? { type: 'OnDelete' }
        : {
            type: 'RollingUpdate',
            rollingUpdate: {
              maxUnavailable: opts.maxUnavailable ?? (opts.maxSurge !== undefined ? 0 : 1),
              ...(opts.maxSurge !== undefined ? { maxSurge: opts.maxSurge } : {}),
            },
          },
      template: {
        metadata: { labels },
        spec: {
          ...(opts.nodeSelector ? { nodeSelector: opts.nodeSelector } : {}),
          ...(opts.tolerations ? { tolerations: opts.tolerations } : {}),
          containers: [
            {
              name,
              image: opts.image ?? `registry.example/${name}:1`,
              ...(opts.cpu ? { resources: { requests: { cpu: opts.cpu } } } : {}),
            },
          ],
        },
      },
    },
  };
}

// ---- scenario builders: fold hand-written facts into a state, like Kubernetes' fake stores ----

/** A hash no template produces (hashes use only `4-9bcdf`), for pods of an older template. */
export const OLD_HASH = 'old-template';

/** Pending events, or arrays of them nested to any depth (as `map` over builders returns). */
export type Nested = PendingEvent | readonly Nested[];

/** Builds a state by folding pending events at chosen simulated times, stamping them in order. */
export class Scenario {
  state: ClusterState;
  private now = 0;
  constructor(
    state: ClusterState = initialState(),
    private readonly model: Model = createModel(),
  ) {
    this.state = state;
    this.now = state.now;
  }

  /** Later events happen at this simulated time (ms). */
  at(ms: number): this {
    this.now = ms;
    return this;
  }

  /** Folds the events, each stamped with the next seq at the current time. */
  apply(...pending: readonly Nested[]): this {
    const flat = (pending as unknown[]).flat(Infinity) as PendingEvent[];
    const base = this.state.seq + 1;
    this.state = this.model.fold(this.state, flat.map((p, i) => stamp(p, base + i, this.now)));
    return this;
  }

  /** The DaemonSet record by name (namespace default unless given). */
  ds(name: string, namespace = 'default'): DaemonSetRecord {
    const d = getDaemonSet(this.state, namespace, name);
    if (d === undefined) throw new Error(`no DaemonSet ${namespace}/${name}`);
    return d;
  }

  /** A DaemonSet's pods meant for a node, oldest name first. */
  pods(dsName: string, node: string): PodRecord[] {
    return [...daemonPodsOnNode(this.state, this.ds(dsName), node)].sort((a, b) => (a.name < b.name ? -1 : 1));
  }
}

/** Node names `node-<start>` … `node-<start+count-1>`, as Kubernetes' addNodes makes them. */
export function nodeNames(start: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `node-${start + i}`);
}

/** NodeAdded facts for `addNodes(store, start, count, labels)`. */
export function addNodes(start: number, count: number, labels?: Record<string, string>): PendingEvent[] {
  return nodeNames(start, count).map((n) => ev.nodeAdded(node(n, labels ? { labels } : {})));
}

/** How a hand-made DaemonSet pod stands. */
export interface PodOptions {
  /** Made from an older template (another hash, another template generation). Default false. */
  readonly old?: boolean;
  /** Bound to its node by the scheduler. Default true (Kubernetes' newPod sets nodeName). */
  readonly bound?: boolean;
  readonly phase?: 'Pending' | 'Running' | 'Failed' | 'Succeeded';
  readonly ready?: boolean;
  /** Ready and available, for DaemonSets with minReadySeconds (PodBecameAvailable). */
  readonly available?: boolean;
  /** Terminating: deletion requested with this grace period (seconds). */
  readonly deleting?: number;
}

/** The facts that create a pod of `ds` on `node` in the given condition (addPods / newPod). */
export function daemonPod(ds: DaemonSetRecord, nodeName: string, name: string, opts: PodOptions = {}): PendingEvent[] {
  const ref = { namespace: ds.namespace, name };
  const out: PendingEvent[] = [
    ev.podCreated({
      ...ref,
      uid: `uid-${ds.name}-${name}`,
      daemonSet: ds.key,
      node: nodeName,
      hash: opts.old ? OLD_HASH : ds.hash,
      templateGeneration: opts.old ? 0 : ds.templateGeneration,
    }),
  ];
  const ready = opts.ready === true || opts.available === true;
  if (opts.bound !== false) out.push(ev.podBound(ref, nodeName));
  if (opts.phase === 'Running' || ready) out.push(ev.podStarted(ref, false));
  if (ready) out.push(ev.podBecameReady(ref));
  if (opts.available) out.push(ev.podBecameAvailable(ref));
  if (opts.phase === 'Failed' || opts.phase === 'Succeeded') out.push(ev.podTerminated(ref, opts.phase, 'Test'));
  if (opts.deleting !== undefined) out.push(ev.podDeletionRequested(ref, opts.deleting, 'Test'));
  return out;
}

/** `count` pods of `ds` on `node` named `<node>-<i>` (`addPods`). */
export function addPods(ds: DaemonSetRecord, nodeName: string, count: number, opts: PodOptions = {}, prefix = nodeName): PendingEvent[] {
  return Array.from({ length: count }, (_, i) => daemonPod(ds, nodeName, `${prefix}-${i}`, opts)).flat();
}

/** A pod no DaemonSet owns (a bare pod, or one whose labels its DaemonSet does not select). */
export function barePodCreated(name: string, nodeName: string, labels: Record<string, string> = { app: 'other' }): PendingEvent {
  return ev.barePodCreated(
    { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels }, spec: { nodeName, containers: [{ name: 'c', image: 'busybox' }] } },
    `uid-bare-${name}`,
  );
}

/** The facts of markPodsReady: every pod not yet Ready is bound, started and turns Ready. */
export function markPodsReady(state: ClusterState, filter: (p: PodRecord) => boolean = () => true): PendingEvent[] {
  const out: PendingEvent[] = [];
  for (const ds of state.daemonSets.values()) {
    for (const [, { pods }] of tableEntries(ds.nodes)) {
      for (const p of pods) {
        if (p.ready || p.deletionTimestamp !== undefined || !filter(p)) continue;
        const ref = { namespace: p.namespace, name: p.name };
        if (p.nodeName === undefined && p.targetNode !== undefined) out.push(ev.podBound(ref, p.targetNode));
        if (!p.started) out.push(ev.podStarted(ref, false));
        out.push(ev.podBecameReady(ref));
      }
    }
  }
  return out;
}

// The cluster state the reducer folds events into, and read-only accessors over it.
// Pure data; large collections are `Table`s so one event costs the same at any cluster size.

import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node, Pod, PodSpec, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { KubeObject } from './events.ts';
import { derivedUid } from './names.ts';
import { emptyTable, tableDelete, tableGet, tableGetNamed, tableSet, type Table } from './table.ts';
import { kubernetesService } from './services.ts';

/** A pod's phase, as in the v1 API. */
export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

/** A node and when it joined. */
export interface NodeRecord {
  readonly node: Node;
  /** Simulated time the node was added (its creationTimestamp). */
  readonly addedAt: number;
  /** Whether the node's kubelet works ('ok'), reports NotReady, or has gone silent. */
  readonly kubelet: 'ok' | 'NotReady' | 'Unreachable';
  /** When `kubelet` last changed: the node's registration, then each NodeFailed and NodeRecovered (its Lease's renewals stop and resume). */
  readonly kubeletSince: number;
}

/**
 * A pod. DaemonSet pods keep only what differs from their revision's template (node, hash,
 * lifecycle), which keeps a million of them in memory; `podObject` rebuilds the v1 Pod.
 */
export interface PodRecord {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  /** `namespace/name` of the controlling DaemonSet; undefined for bare pods. */
  readonly owner: string | undefined;
  /** The uid of the controlling DaemonSet: a re-created DaemonSet of the same name does not own it. */
  readonly ownerUid: string | undefined;
  /** The node the pod is meant for: its nodeName, or its affinity's `metadata.name` target. */
  readonly targetNode: string | undefined;
  /** `spec.nodeName`: set once the scheduler has bound the pod. */
  readonly nodeName: string | undefined;
  readonly hash: string | undefined;
  readonly templateGeneration: number | undefined;
  readonly createdAt: number;
  readonly phase: PodPhase;
  /** The scheduler's message while it cannot place the pod (condition PodScheduled=False, Unschedulable). */
  readonly unschedulable: string | undefined;
  /** Containers started (ContainerCreating is over). */
  readonly started: boolean;
  readonly startedAt: number | undefined;
  readonly ready: boolean;
  /** When Ready last changed (the Ready condition's lastTransitionTime). */
  readonly readyChangedAt: number | undefined;
  /** Ready for longer than minReadySeconds. */
  readonly available: boolean;
  /** Why the pod ended, when phase is Failed or Succeeded. */
  readonly terminationReason: string | undefined;
  /** The deletionTimestamp: deletion requested at this time plus the grace period. */
  readonly deletionTimestamp: number | undefined;
  readonly deletionGracePeriodSeconds: number | undefined;
  /** For bare pods: the pod as the user wrote it; for orphans, the pod their DaemonSet made (see `orphanedPodObject`). */
  readonly object: Pod | undefined;
}

/** How a node stands for one DaemonSet: the two answers of nodeShouldRunDaemonPod. */
export const enum Placement {
  /** shouldRun false, shouldContinueRunning false: pods must go. */
  None = 0,
  /** shouldRun false, shouldContinueRunning true: keep what runs, add nothing (NoSchedule taint). */
  Continue = 1,
  /** shouldRun true (and so shouldContinueRunning true). */
  Run = 2,
}

/** The counters of a DaemonSet's status (section 6), maintained exactly by the reducer. */
export interface DaemonSetCounts {
  readonly desiredNumberScheduled: number;
  readonly currentNumberScheduled: number;
  readonly numberReady: number;
  readonly numberAvailable: number;
  readonly updatedNumberScheduled: number;
  readonly numberMisscheduled: number;
  /**
   * dsim's own tally, not part of the API status: pods not being deleted whose template is not
   * the current one, so the controller knows in O(1) whether a rolling update has work to do.
   */
  readonly numberOutdated: number;
}

/** A DaemonSet as the API server holds it, plus what the controller keeps about it. */
export interface DaemonSetRecord {
  /** `namespace/name`. */
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  /** The object after defaulting, with generation and the template-generation annotation. */
  readonly daemonSet: DaemonSet;
  readonly uid: string;
  readonly createdAt: number;
  readonly generation: number;
  readonly templateGeneration: number;
  /** The controller-revision-hash of the current template. */
  readonly hash: string;
  readonly counts: DaemonSetCounts;
  readonly observedGeneration: number;
  /**
   * When a foreground deletion asked for it to go (its deletionTimestamp): it stays, with the
   * `foregroundDeletion` finalizer, until the garbage collector has deleted its pods.
   */
  readonly deletionRequestedAt: number | undefined;
  /**
   * This DaemonSet on each node, by node name: its placement there and its pods meant for it.
   * A node is here while either says something: a placement that is not `Placement.None`, or
   * pods. One table rather than one for placements and one for pods, as every visit of a node
   * wants both: a sync walks one table, and a pod event looks up one entry (at 100,000 nodes
   * each lookup is a few cache misses, and a node event made ten of them, profiled).
   */
  readonly nodes: Table<DaemonNode>;
}

/** A DaemonSet on one node (see `DaemonSetRecord.nodes`). */
export interface DaemonNode {
  readonly placement: Placement;
  /** The DaemonSet's pods meant for the node: the records themselves (the same objects as in `pods`). */
  readonly pods: readonly PodRecord[];
}

/** A ControllerRevision: one template of a DaemonSet's history. */
export interface RevisionRecord {
  readonly namespace: string;
  readonly name: string;
  readonly daemonSet: string;
  readonly hash: string;
  readonly revision: number;
  readonly template: PodTemplateSpec;
  /** The DaemonSet's annotations when the revision was made (snapshot copies them): its change-cause. */
  readonly annotations?: Readonly<Record<string, string>>;
  /** Left by its DaemonSet's deletion with --cascade=orphan: the garbage collector leaves it. */
  readonly orphaned?: true;
  readonly createdAt: number;
}

/** An object dsim stores without simulating it (Namespace, ConfigMap, Service, …). */
export interface ObjectRecord {
  readonly object: KubeObject;
  readonly uid: string;
  readonly createdAt: number;
}

/** The key of a stored object: `<kind>.<group>/<namespace>/<name>` (namespace empty when cluster-scoped). */
export function storedObjectKey(apiVersion: string | undefined, kind: string | undefined, namespace: string | undefined, name: string): string {
  const group = (apiVersion ?? '').includes('/') ? (apiVersion ?? '').split('/')[0] : '';
  return `${kind ?? ''}${group ? `.${group}` : ''}/${namespace ?? ''}/${name}`;
}

/**
 * The PriorityClasses the API server makes at start (scheduling's SystemPriorityClasses): the only
 * ones a pod may name before any is applied.
 */
export const SYSTEM_PRIORITY_CLASSES: readonly { readonly name: string; readonly value: number; readonly description: string }[] = [
  { name: 'system-node-critical', value: 2000001000, description: 'Used for system critical pods that must not be moved from their current node.' },
  {
    name: 'system-cluster-critical',
    value: 2000000000,
    description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
  },
];

/** The namespaces every cluster starts with. */
export const INITIAL_NAMESPACES: readonly string[] = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/** The whole cluster at one moment of simulated time. */
export interface ClusterState {
  /** Simulated time of the last event folded in, in ms. */
  readonly now: number;
  /** `seq` of the last event folded in, -1 for none. */
  readonly seq: number;
  readonly nodes: Table<NodeRecord>;
  /** By `namespace/name`; there are few, so a plain Map. */
  readonly daemonSets: ReadonlyMap<string, DaemonSetRecord>;
  /** By `namespace/name`. */
  readonly pods: Table<PodRecord>;
  /**
   * Pod keys (`namespace/name`) by the node they are meant for, for the pods no DaemonSet indexes:
   * bare pods and orphans (their DaemonSet deleted). A live DaemonSet's pods are in its own `nodes`
   * table only; `podsOnNode` reads both. (Indexing every pod here too was a fifth of a
   * DaemonSetApplied's instructions, counted.)
   */
  readonly podsByNode: Table<readonly string[]>;
  /** By `namespace/name`. */
  readonly revisions: ReadonlyMap<string, RevisionRecord>;
  /** Images present on each node, for image-pull latency. */
  readonly nodeImages: Table<readonly string[]>;
  /** Objects stored without behaviour, by `storedObjectKey`. Namespaces live here too. */
  readonly objects: ReadonlyMap<string, ObjectRecord>;
}

/** The empty cluster at time 0. */
export function initialState(): ClusterState {
  return {
    now: 0,
    seq: -1,
    nodes: emptyTable(),
    daemonSets: new Map(),
    pods: emptyTable(),
    podsByNode: emptyTable(),
    revisions: new Map(),
    nodeImages: emptyTable(),
    objects: new Map([
      ...INITIAL_NAMESPACES.map((name): [string, ObjectRecord] => [
        storedObjectKey('v1', 'Namespace', undefined, name),
        {
          object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name } } },
          uid: derivedUid(`namespace/${name}`),
          createdAt: 0,
        },
      ]),
      // The API server's own Service, which it makes at start in `default`.
      [storedObjectKey('v1', 'Service', 'default', 'kubernetes'), { object: kubernetesService() as KubeObject, uid: derivedUid('service/default/kubernetes'), createdAt: 0 }],
      ...SYSTEM_PRIORITY_CLASSES.map((pc): [string, ObjectRecord] => [
        storedObjectKey('scheduling.k8s.io/v1', 'PriorityClass', undefined, pc.name),
        {
          object: {
            apiVersion: 'scheduling.k8s.io/v1',
            kind: 'PriorityClass',
            metadata: { name: pc.name },
            value: pc.value,
            description: pc.description,
            preemptionPolicy: 'PreemptLowerPriority',
          } as KubeObject,
          uid: derivedUid(`priorityclass/${pc.name}`),
          createdAt: 0,
        },
      ]),
    ]),
  };
}

/**
 * The pod's own spec as written (not defaulted): a bare (or orphaned) pod's, or the template of
 * the revision its DaemonSet made it from (its hash), which during a rollout is not the current
 * template for the old pods.
 */
export function podTemplateSpec(s: Pick<ClusterState, 'daemonSets' | 'revisions'>, p: PodRecord): PodSpec | undefined {
  if (p.object !== undefined) return p.object.spec;
  const ds = p.owner === undefined ? undefined : s.daemonSets.get(p.owner);
  if (ds === undefined) return undefined;
  if (p.hash !== undefined && p.hash !== ds.hash) {
    for (const r of s.revisions.values()) if (r.daemonSet === ds.key && r.hash === p.hash) return r.template.spec;
  }
  return ds.daemonSet.spec?.template.spec;
}

/** `namespace/name`, the key of namespaced objects in the state. */
export function objectKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/** Splits an `objectKey` back into namespace and name. */
export function splitKey(key: string): { namespace: string; name: string } {
  const i = key.indexOf('/');
  return { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

/** The node with that name, if it exists. */
export function getNode(state: ClusterState, name: string): NodeRecord | undefined {
  return tableGet(state.nodes, name);
}

/** The pod with that namespace and name, if it exists. */
export function getPod(state: ClusterState, namespace: string, name: string): PodRecord | undefined {
  return tableGetNamed(state.pods, namespace, name);
}

/** The DaemonSet with that namespace and name, if it exists. */
export function getDaemonSet(state: ClusterState, namespace: string, name: string): DaemonSetRecord | undefined {
  return state.daemonSets.get(objectKey(namespace, name));
}

/**
 * Every pod meant for a node (any owner), in the API server's list order (by namespace, then
 * name), so that what is done to them in turn does not depend on how the state indexes them.
 */
export function podsOnNode(state: ClusterState, node: string): PodRecord[] {
  const out: PodRecord[] = [];
  for (const ds of state.daemonSets.values()) {
    const here = tableGet(ds.nodes, node);
    if (here !== undefined) for (const p of here.pods) out.push(p);
  }
  const keys = tableGet(state.podsByNode, node);
  if (keys !== undefined) {
    for (const k of keys) {
      const p = tableGet(state.pods, k);
      if (p !== undefined) out.push(p);
    }
  }
  return out.length < 2 ? out : out.sort(byNamespaceAndName);
}

function byNamespaceAndName(a: PodRecord, b: PodRecord): number {
  if (a.namespace !== b.namespace) return a.namespace < b.namespace ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** A DaemonSet's pods meant for one node, in no particular order. */
export function daemonPodsOnNode(_state: ClusterState, ds: DaemonSetRecord, node: string): readonly PodRecord[] {
  return tableGet(ds.nodes, node)?.pods ?? NO_PODS;
}

/** No pods (shared, frozen). */
export const NO_PODS: readonly PodRecord[] = Object.freeze([]);

/** A DaemonSet's placement on a node (Placement.None when absent). */
export function placementOf(ds: DaemonSetRecord, node: string): Placement {
  return tableGet(ds.nodes, node)?.placement ?? Placement.None;
}

/** A DaemonSet on a node with nothing there: no placement, no pods. */
export const NOWHERE: DaemonNode = Object.freeze({ placement: Placement.None, pods: NO_PODS });

// The entries without pods, one per placement, shared: a placement over every node (before the
// first sync, every node's entry) then allocates no entry objects. Entries are never changed in place.
const PODLESS: readonly DaemonNode[] = [
  NOWHERE,
  Object.freeze({ placement: Placement.Continue, pods: NO_PODS }),
  Object.freeze({ placement: Placement.Run, pods: NO_PODS }),
];

/** The entry for (placement, pods): a shared one when there are no pods. */
export function daemonNodeEntry(placement: Placement, pods: readonly PodRecord[]): DaemonNode {
  return pods.length === 0 ? PODLESS[placement]! : { placement, pods };
}

/** The DaemonSet on one node, `NOWHERE` when the table has nothing for it. */
export function daemonNode(ds: Pick<DaemonSetRecord, 'nodes'>, node: string): DaemonNode {
  return tableGet(ds.nodes, node) ?? NOWHERE;
}

/** The nodes table with node's entry set to (placement, pods), or dropped when both are empty. */
export function withDaemonNode(
  nodes: Table<DaemonNode>,
  node: string,
  placement: Placement,
  pods: readonly PodRecord[],
): Table<DaemonNode> {
  return placement === Placement.None && pods.length === 0 ? tableDelete(nodes, node) : tableSet(nodes, node, daemonNodeEntry(placement, pods));
}

/**
 * Kubernetes' podByCreationTimestampAndPhase: pods bound to a node first, then the oldest,
 * then the lexically smaller name. The first pod in this order is the one status looks at.
 */
export function comparePods(a: PodRecord, b: PodRecord): number {
  const aBound = a.nodeName !== undefined;
  const bBound = b.nodeName !== undefined;
  if (aBound !== bBound) return aBound ? -1 : 1;
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** A pod is terminal when its phase is Succeeded or Failed. */
export function isTerminal(p: PodRecord): boolean {
  return p.phase === 'Succeeded' || p.phase === 'Failed';
}

/** What IsPodUpdated reads of a DaemonSet: its current template's hash and generation. */
export type CurrentTemplate = Pick<DaemonSetRecord, 'hash' | 'templateGeneration'>;

/** IsPodUpdated: the pod carries the current hash or the current template generation. */
export function isPodUpdated(p: PodRecord, ds: CurrentTemplate): boolean {
  return p.hash === ds.hash || (p.templateGeneration !== undefined && p.templateGeneration === ds.templateGeneration);
}

const ZERO: DaemonSetCounts = {
  desiredNumberScheduled: 0,
  currentNumberScheduled: 0,
  numberReady: 0,
  numberAvailable: 0,
  updatedNumberScheduled: 0,
  numberMisscheduled: 0,
  numberOutdated: 0,
};

/** All-zero status counters. */
export function zeroCounts(): DaemonSetCounts {
  return ZERO;
}

/** Counters being moved in place (a reducer batch's own copy). */
export type MutableCounts = { -readonly [K in keyof DaemonSetCounts]: number };

/**
 * Adds sign × what one node contributes to a DaemonSet's status (updateDaemonSetStatus,
 * section 6) to `counts`, in place. `pods` are the DaemonSet's pods meant for the node;
 * `nodeExists` is false for names of nodes that are gone, which count nowhere. The reducer
 * moves counters by a node's contribution after a change minus before, without allocating.
 */
export function addContribution(
  counts: MutableCounts,
  ds: CurrentTemplate,
  placement: Placement,
  pods: readonly PodRecord[],
  nodeExists: boolean,
  sign: 1 | -1,
): void {
  if (!nodeExists) return;
  let oldest: PodRecord | undefined;
  let outdated = 0;
  for (let i = 0; i < pods.length; i++) {
    const p = pods[i]!;
    if (p.deletionTimestamp === undefined && !isPodUpdated(p, ds)) outdated++;
    // Pods that are terminal and being deleted are invisible to the controller.
    if (isTerminal(p) && p.deletionTimestamp !== undefined) continue;
    if (oldest === undefined || comparePods(p, oldest) < 0) oldest = p;
  }
  counts.numberOutdated += sign * outdated;
  if (placement !== Placement.Run) {
    if (oldest !== undefined) counts.numberMisscheduled += sign;
    return;
  }
  counts.desiredNumberScheduled += sign;
  if (oldest === undefined) return;
  counts.currentNumberScheduled += sign;
  if (oldest.ready) {
    counts.numberReady += sign;
    if (oldest.available) counts.numberAvailable += sign;
  }
  if (isPodUpdated(oldest, ds)) counts.updatedNumberScheduled += sign;
}

/** What one node adds to a DaemonSet's status, as a new object (see `addContribution`). */
export function nodeContribution(
  ds: CurrentTemplate,
  placement: Placement,
  pods: readonly PodRecord[],
  nodeExists: boolean,
): DaemonSetCounts {
  const c: MutableCounts = { ...ZERO };
  addContribution(c, ds, placement, pods, nodeExists, 1);
  return c;
}

/** a + sign × b, field by field. */
export function addCounts(a: DaemonSetCounts, b: DaemonSetCounts, sign: 1 | -1): DaemonSetCounts {
  if (b === ZERO) return a;
  return {
    desiredNumberScheduled: a.desiredNumberScheduled + sign * b.desiredNumberScheduled,
    currentNumberScheduled: a.currentNumberScheduled + sign * b.currentNumberScheduled,
    numberReady: a.numberReady + sign * b.numberReady,
    numberAvailable: a.numberAvailable + sign * b.numberAvailable,
    updatedNumberScheduled: a.updatedNumberScheduled + sign * b.updatedNumberScheduled,
    numberMisscheduled: a.numberMisscheduled + sign * b.numberMisscheduled,
    numberOutdated: a.numberOutdated + sign * b.numberOutdated,
  };
}

/** Whether two sets of counters are equal. */
export function countsEqual(a: DaemonSetCounts, b: DaemonSetCounts): boolean {
  return (
    a.desiredNumberScheduled === b.desiredNumberScheduled &&
    a.currentNumberScheduled === b.currentNumberScheduled &&
    a.numberReady === b.numberReady &&
    a.numberAvailable === b.numberAvailable &&
    a.updatedNumberScheduled === b.updatedNumberScheduled &&
    a.numberMisscheduled === b.numberMisscheduled &&
    a.numberOutdated === b.numberOutdated
  );
}

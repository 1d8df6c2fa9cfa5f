// The facts dsim records: one discriminated union, each event `{type, data, metadata}`.
// Events say what happened, never derived state; the reducer derives the rest. Plain JSON only,
// so every event round-trips through JSON.stringify/parse unchanged.

import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node, Pod } from 'kubernetes-types/core/v1';

/** Where an event sits: its position in the log and its simulated time in integer milliseconds. */
export interface EventMetadata {
  readonly seq: number;
  readonly at: number;
}

interface Envelope<T extends string, D> {
  readonly type: T;
  readonly data: D;
  readonly metadata: EventMetadata;
}

/** A Kubernetes object of any kind, as plain JSON. */
export interface KubeObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: import('kubernetes-types/meta/v1').ObjectMeta;
  readonly [field: string]: unknown;
}

/** A pod named by namespace and name. */
export interface PodRef {
  readonly namespace: string;
  readonly name: string;
}

// ---- inputs: what users and the outside world do --------------------------------------------

/** A node joined the cluster (the whole v1 Node, status included). */
export type NodeAdded = Envelope<'NodeAdded', { readonly node: Node }>;
/** A node was re-applied with new labels, taints, `unschedulable` or conditions. */
export type NodeUpdated = Envelope<'NodeUpdated', { readonly node: Node }>;
/**
 * The node lifecycle controller or the kubelet changed a node's conditions or condition taints
 * (a fact the simulation records, unlike NodeUpdated, which is a user's re-apply).
 */
export type NodeStatusUpdated = Envelope<'NodeStatusUpdated', { readonly node: Node }>;
/** A node left the cluster. */
export type NodeRemoved = Envelope<'NodeRemoved', { readonly name: string }>;
/**
 * A node's kubelet stopped working: 'NotReady' when it still reports (Ready=False at once),
 * 'Unreachable' when it goes silent (Ready=Unknown after the node monitor grace period).
 */
export type NodeFailed = Envelope<'NodeFailed', { readonly name: string; readonly mode: 'NotReady' | 'Unreachable' }>;
/** A failed node's kubelet works again and reports Ready. */
export type NodeRecovered = Envelope<'NodeRecovered', { readonly name: string }>;
/** A new simulation began: the seed and engine settings every later fact follows from. */
export type SimulationStarted = Envelope<'SimulationStarted', { readonly seed: number | string; readonly config?: unknown }>;
/** The user moved simulated time forward to `to` (ms); what fell due on the way precedes it in the log. */
export type TimeAdvanced = Envelope<'TimeAdvanced', { readonly to: number }>;
/** Any other Kubernetes object (Namespace, ConfigMap, ServiceAccount, …) was created or updated; stored, no behaviour. */
export type ObjectApplied = Envelope<'ObjectApplied', { readonly object: KubeObject }>;
/** Such an object was deleted. */
export type ObjectDeleted = Envelope<
  'ObjectDeleted',
  { readonly apiVersion: string; readonly kind: string; readonly namespace?: string; readonly name: string }
>;
/** A user asked for a pod to go (`delete`, or eviction by `drain`). */
export type PodRemovalRequested = Envelope<
  'PodRemovalRequested',
  PodRef & { readonly gracePeriodSeconds?: number; readonly method: 'delete' | 'evict' }
>;
/** A DaemonSet was created or updated with this apps/v1 object, as the user wrote it. */
export type DaemonSetApplied = Envelope<'DaemonSetApplied', { readonly daemonSet: DaemonSet }>;
/**
 * A DaemonSet was deleted; its pods and revisions are left to the garbage collector, which deletes
 * them (the default, background cascade) or, with `propagationPolicy: 'Orphan'` (kubectl's
 * `--cascade=orphan`), takes its owner references off them and leaves them. With `'Foreground'`
 * (`--cascade=foreground`) the DaemonSet stays, marked for deletion (its deletionTimestamp and the
 * `foregroundDeletion` finalizer) and left alone by its controller, while the garbage collector
 * deletes its pods and revisions; it goes when they have (DaemonSetFinalized).
 */
export type DaemonSetDeleted = Envelope<
  'DaemonSetDeleted',
  { readonly namespace: string; readonly name: string; readonly propagationPolicy?: 'Orphan' | 'Foreground' }
>;
/**
 * The garbage collector removed the `foregroundDeletion` finalizer of a DaemonSet deleted in the
 * foreground, its pods gone: the DaemonSet (of this uid) is gone.
 */
export type DaemonSetFinalized = Envelope<'DaemonSetFinalized', { readonly namespace: string; readonly name: string; readonly uid: string }>;
/** A pod not made by a DaemonSet was created (a bare or static pod), as the user wrote it. */
export type BarePodCreated = Envelope<'BarePodCreated', { readonly pod: Pod; readonly uid: string }>;

// ---- facts the controllers, scheduler and kubelet produce ----------------------------------

/**
 * The DaemonSet controller created a pod for a node. The pod's spec is the template of the
 * revision named by `hash`, so the fact stays small at a million pods; `podObject` rebuilds
 * the full v1 Pod on demand.
 */
export type PodCreated = Envelope<
  'PodCreated',
  PodRef & {
    readonly uid: string;
    readonly daemonSet: string;
    readonly node: string;
    readonly hash: string;
    readonly templateGeneration: number;
  }
>;
/**
 * The DaemonSet controller adopted a pod that has no controller and matches its selector
 * (ClaimPods): an orphan of a DaemonSet deleted with `--cascade=orphan`, or a bare pod.
 */
export type PodAdopted = Envelope<'PodAdopted', PodRef & { readonly daemonSet: string }>;
/**
 * Someone changed a pod's labels (`kubectl label pods`): `labels` is the pod's whole new label set.
 * A DaemonSet whose selector no longer matches its pod releases it (PodReleased); a pod without a
 * controller that now matches a DaemonSet's selector is adopted (PodAdopted).
 */
export type PodRelabeled = Envelope<'PodRelabeled', PodRef & { readonly labels: Readonly<Record<string, string>> }>;
/**
 * Someone changed a pod's annotations (`kubectl annotate pods`): `annotations` is the pod's whole
 * new annotation set. No controller reacts: annotations neither select nor count a pod.
 */
export type PodAnnotated = Envelope<'PodAnnotated', PodRef & { readonly annotations: Readonly<Record<string, string>> }>;
/**
 * The DaemonSet controller released a pod whose labels its selector no longer matches (ClaimPods'
 * release): the pod loses its controller reference and stays, running, without a controller.
 */
export type PodReleased = Envelope<'PodReleased', PodRef & { readonly daemonSet: string }>;
/**
 * The DaemonSet controller's create of a pod for a node was refused by the API server (the
 * ServiceAccount admission plugin: the pod's service account does not exist). Nothing changes;
 * the controller records FailedCreate and retries after its rate limiter's backoff.
 */
export type PodCreateFailed = Envelope<'PodCreateFailed', { readonly daemonSet: string; readonly node: string; readonly message: string }>;
/** The scheduler bound a pending pod to a node. */
export type PodBound = Envelope<'PodBound', PodRef & { readonly node: string }>;
/** The scheduler found the pod does not fit its node; it stays Pending. */
export type PodUnschedulable = Envelope<'PodUnschedulable', PodRef & { readonly message: string }>;
/** The kubelet started the pod's containers (phase Running, not yet Ready). */
export type PodStarted = Envelope<'PodStarted', PodRef & { readonly imagePulled: boolean }>;
/** The pod's Ready condition turned True. */
export type PodBecameReady = Envelope<'PodBecameReady', PodRef>;
/** The pod's Ready condition turned False (its node went NotReady, or a probe failed). */
export type PodBecameUnready = Envelope<'PodBecameUnready', PodRef>;
/** The pod has been Ready for longer than its DaemonSet's minReadySeconds. */
export type PodBecameAvailable = Envelope<'PodBecameAvailable', PodRef>;
/** The pod ended: Failed or Succeeded. */
export type PodTerminated = Envelope<
  'PodTerminated',
  PodRef & { readonly phase: 'Failed' | 'Succeeded'; readonly reason: string }
>;
/** Someone asked for the pod's deletion; it is Terminating for the grace period. */
export type PodDeletionRequested = Envelope<
  'PodDeletionRequested',
  PodRef & { readonly gracePeriodSeconds: number; readonly reason: string }
>;
/** The pod is gone from the API. */
export type PodDeleted = Envelope<'PodDeleted', PodRef>;
/** The DaemonSet controller recorded a template in a ControllerRevision. */
export type ControllerRevisionCreated = Envelope<
  'ControllerRevisionCreated',
  PodRef & { readonly daemonSet: string; readonly hash: string; readonly revision: number }
>;
/**
 * A rollback made an older ControllerRevision current again, with a new revision number; or, with
 * `daemonSet`, that DaemonSet adopted an orphaned one (ClaimControllerRevisions).
 */
export type ControllerRevisionUpdated = Envelope<
  'ControllerRevisionUpdated',
  PodRef & { readonly revision: number; readonly daemonSet?: string }
>;
/**
 * Someone changed a ControllerRevision's annotations (`kubectl annotate controllerrevision`):
 * `annotations` is its whole new set. This is how a revision's change-cause is set after the fact:
 * the DaemonSet controller copies the DaemonSet's annotations into a revision only when it makes it.
 */
export type ControllerRevisionAnnotated = Envelope<'ControllerRevisionAnnotated', PodRef & { readonly annotations: Readonly<Record<string, string>> }>;
/** History cleanup removed a ControllerRevision. */
export type ControllerRevisionDeleted = Envelope<'ControllerRevisionDeleted', PodRef>;
/** The controller observed the DaemonSet's current generation in a full sync. */
export type DaemonSetSynced = Envelope<
  'DaemonSetSynced',
  { readonly namespace: string; readonly name: string; readonly observedGeneration: number }
>;

/** Every event dsim records. */
export type DsimEvent =
  | SimulationStarted
  | TimeAdvanced
  | ObjectApplied
  | ObjectDeleted
  | PodRemovalRequested
  | NodeAdded
  | NodeUpdated
  | NodeStatusUpdated
  | NodeRemoved
  | NodeFailed
  | NodeRecovered
  | DaemonSetApplied
  | DaemonSetDeleted
  | DaemonSetFinalized
  | BarePodCreated
  | PodCreated
  | PodAdopted
  | PodRelabeled
  | PodAnnotated
  | PodReleased
  | PodCreateFailed
  | PodBound
  | PodUnschedulable
  | PodStarted
  | PodBecameReady
  | PodBecameUnready
  | PodBecameAvailable
  | PodTerminated
  | PodDeletionRequested
  | PodDeleted
  | ControllerRevisionCreated
  | ControllerRevisionUpdated
  | ControllerRevisionAnnotated
  | ControllerRevisionDeleted
  | DaemonSetSynced;

/** The name of an event type. */
export type EventType = DsimEvent['type'];

/** An event of one type. */
export type EventOf<T extends EventType> = Extract<DsimEvent, { type: T }>;

/** An event before the log gives it a position and a time. */
export type PendingEvent<E extends DsimEvent = DsimEvent> = E extends DsimEvent ? Omit<E, 'metadata'> : never;

/** Every event type, in a fixed order (for schemas, docs and exhaustive tests). */
export const EVENT_TYPES: readonly EventType[] = [
  'SimulationStarted',
  'TimeAdvanced',
  'ObjectApplied',
  'ObjectDeleted',
  'PodRemovalRequested',
  'NodeAdded',
  'NodeUpdated',
  'NodeStatusUpdated',
  'NodeRemoved',
  'NodeFailed',
  'NodeRecovered',
  'DaemonSetApplied',
  'DaemonSetDeleted',
  'DaemonSetFinalized',
  'BarePodCreated',
  'PodCreated',
  'PodAdopted',
  'PodRelabeled',
  'PodAnnotated',
  'PodReleased',
  'PodCreateFailed',
  'PodBound',
  'PodUnschedulable',
  'PodStarted',
  'PodBecameReady',
  'PodBecameUnready',
  'PodBecameAvailable',
  'PodTerminated',
  'PodDeletionRequested',
  'PodDeleted',
  'ControllerRevisionCreated',
  'ControllerRevisionUpdated',
  'ControllerRevisionAnnotated',
  'ControllerRevisionDeleted',
  'DaemonSetSynced',
];

/** The event types a user (or a scenario) may inject; the rest are produced by the simulation. */
export const INPUT_EVENT_TYPES: ReadonlySet<EventType> = new Set<EventType>([
  'SimulationStarted',
  'TimeAdvanced',
  'ObjectApplied',
  'ObjectDeleted',
  'PodRemovalRequested',
  'NodeAdded',
  'NodeUpdated',
  'NodeRemoved',
  'NodeFailed',
  'NodeRecovered',
  'DaemonSetApplied',
  'DaemonSetDeleted',
  'BarePodCreated',
  'PodRelabeled',
  'PodAnnotated',
  'ControllerRevisionAnnotated',
]);

function pending<T extends EventType>(type: T, data: EventOf<T>['data']): PendingEvent<EventOf<T>> {
  return { type, data } as unknown as PendingEvent<EventOf<T>>;
}

/**
 * One creator per event type, each returning the event without metadata. Data are written as
 * literals, not as spreads of `ref`: a rollout makes three events per pod, and the spreads were
 * 14% of RollingUpdate@1000's instructions (173.5M to 148.6M, counted with `icount`).
 */
export const events = {
  simulationStarted: (seed: number | string, config?: unknown) =>
    pending('SimulationStarted', config === undefined ? { seed } : { seed, config }),
  timeAdvanced: (to: number) => pending('TimeAdvanced', { to }),
  objectApplied: (object: KubeObject) => pending('ObjectApplied', { object }),
  objectDeleted: (ref: ObjectDeleted['data']) => pending('ObjectDeleted', ref),
  podRemovalRequested: (pod: PodRef, method: 'delete' | 'evict', gracePeriodSeconds?: number) =>
    pending(
      'PodRemovalRequested',
      gracePeriodSeconds === undefined
        ? { namespace: pod.namespace, name: pod.name, method }
        : { namespace: pod.namespace, name: pod.name, method, gracePeriodSeconds },
    ),
  nodeAdded: (node: Node) => pending('NodeAdded', { node }),
  nodeUpdated: (node: Node) => pending('NodeUpdated', { node }),
  nodeStatusUpdated: (node: Node) => pending('NodeStatusUpdated', { node }),
  nodeRemoved: (name: string) => pending('NodeRemoved', { name }),
  nodeFailed: (name: string, mode: 'NotReady' | 'Unreachable') => pending('NodeFailed', { name, mode }),
  nodeRecovered: (name: string) => pending('NodeRecovered', { name }),
  daemonSetApplied: (daemonSet: DaemonSet) => pending('DaemonSetApplied', { daemonSet }),
  daemonSetDeleted: (namespace: string, name: string, propagationPolicy?: 'Orphan' | 'Foreground') =>
    pending('DaemonSetDeleted', propagationPolicy === undefined ? { namespace, name } : { namespace, name, propagationPolicy }),
  daemonSetFinalized: (namespace: string, name: string, uid: string) => pending('DaemonSetFinalized', { namespace, name, uid }),
  barePodCreated: (pod: Pod, uid: string) => pending('BarePodCreated', { pod, uid }),
  podCreated: (data: PodCreated['data']) => pending('PodCreated', data),
  podAdopted: (pod: PodRef, daemonSet: string) => pending('PodAdopted', { namespace: pod.namespace, name: pod.name, daemonSet }),
  podRelabeled: (pod: PodRef, labels: Readonly<Record<string, string>>) =>
    pending('PodRelabeled', { namespace: pod.namespace, name: pod.name, labels }),
  podAnnotated: (pod: PodRef, annotations: Readonly<Record<string, string>>) =>
    pending('PodAnnotated', { namespace: pod.namespace, name: pod.name, annotations }),
  podReleased: (pod: PodRef, daemonSet: string) => pending('PodReleased', { namespace: pod.namespace, name: pod.name, daemonSet }),
  podCreateFailed: (daemonSet: string, node: string, message: string) => pending('PodCreateFailed', { daemonSet, node, message }),
  podBound: (pod: PodRef, node: string) => pending('PodBound', { namespace: pod.namespace, name: pod.name, node }),
  podUnschedulable: (pod: PodRef, message: string) => pending('PodUnschedulable', { namespace: pod.namespace, name: pod.name, message }),
  podStarted: (pod: PodRef, imagePulled: boolean) => pending('PodStarted', { namespace: pod.namespace, name: pod.name, imagePulled }),
  podBecameReady: (pod: PodRef) => pending('PodBecameReady', ref(pod)),
  podBecameUnready: (pod: PodRef) => pending('PodBecameUnready', ref(pod)),
  podBecameAvailable: (pod: PodRef) => pending('PodBecameAvailable', ref(pod)),
  podTerminated: (pod: PodRef, phase: 'Failed' | 'Succeeded', reason: string) =>
    pending('PodTerminated', { namespace: pod.namespace, name: pod.name, phase, reason }),
  podDeletionRequested: (pod: PodRef, gracePeriodSeconds: number, reason: string) =>
    pending('PodDeletionRequested', { namespace: pod.namespace, name: pod.name, gracePeriodSeconds, reason }),
  podDeleted: (pod: PodRef) => pending('PodDeleted', ref(pod)),
  controllerRevisionCreated: (data: ControllerRevisionCreated['data']) => pending('ControllerRevisionCreated', data),
  controllerRevisionUpdated: (rev: PodRef, revision: number, daemonSet?: string) =>
    pending('ControllerRevisionUpdated', daemonSet === undefined ? { namespace: rev.namespace, name: rev.name, revision } : { namespace: rev.namespace, name: rev.name, revision, daemonSet }),
  controllerRevisionAnnotated: (rev: PodRef, annotations: Readonly<Record<string, string>>) =>
    pending('ControllerRevisionAnnotated', { namespace: rev.namespace, name: rev.name, annotations }),
  controllerRevisionDeleted: (rev: PodRef) => pending('ControllerRevisionDeleted', ref(rev)),
  daemonSetSynced: (namespace: string, name: string, observedGeneration: number) =>
    pending('DaemonSetSynced', { namespace, name, observedGeneration }),
};

function ref(p: PodRef): PodRef {
  return { namespace: p.namespace, name: p.name };
}

/** Gives a pending event its log position and simulated time. */
export function stamp<E extends DsimEvent>(event: PendingEvent<E>, seq: number, at: number): E {
  if (!Number.isSafeInteger(at)) throw new RangeError(`event time must be integer milliseconds, got ${at}`);
  return { type: event.type, data: event.data, metadata: { seq, at } } as unknown as E;
}

/** Fails to compile when a switch over event types misses one. */
export function assertNever(x: never): never {
  throw new Error(`unexpected event: ${JSON.stringify(x)}`);
}

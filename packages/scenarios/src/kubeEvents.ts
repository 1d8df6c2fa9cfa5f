// Kubernetes Events (core/v1) derived from the log's facts: what the DaemonSet controller, the node
// controller, the scheduler and the kubelet would have recorded. One pass over the log; `describe`
// shows an object's own, `get events` lists them as the API server stores them.

import type { Node, ObjectReference } from 'kubernetes-types/core/v1';
import {
  creationTimestamp,
  derivedUid,
  getPod,
  imagesOf,
  objectKey,
  podObject,
  SIMULATED_EPOCH_MS,
  TAINT_EVICTION_REASON,
  type ClusterState,
  type DsimEvent,
  type KubeObject,
} from '@dsim/core';
import type { DescribeEvent } from './print/describe.ts';

/** An event and the object it is about. */
export interface ObjectEvent extends DescribeEvent {
  /** The event's namespace: its object's, `default` for cluster-scoped objects (as the recorders do). */
  readonly namespace: string;
  readonly involved: { readonly apiVersion: string; readonly kind: string; readonly namespace?: string; readonly name: string };
  /** source.host: the node, for the kubelet's events. */
  readonly host?: string;
  /**
   * involvedObject.uid: the object's uid when the event was recorded (the kubelet names its node by name, so a
   * kubelet's node event carries the node's name here, as in Kubernetes).
   */
  readonly involvedUid?: string;
}

function at(ms: number): number {
  return SIMULATED_EPOCH_MS + ms;
}

/**
 * How long the API server keeps an event after its last write: kube-apiserver's `--event-ttl`,
 * one hour by default (etcd drops it with its lease).
 */
export const EVENT_TTL_MS = 60 * 60 * 1000;

/**
 * Every event the log's facts up to now imply that the API server still holds (`EVENT_TTL_MS`
 * after its last write), in the order they were first written. The core/v1 recorders' events go
 * through their `EventCorrelator` (below): repeats counted, similar ones combined, spam dropped;
 * the scheduler's (events.k8s.io) are only counted. The kubelet's events name the pod's
 * containers, so they are derived for pods the state still holds.
 */
export function deriveEvents(
  state: ClusterState,
  log: readonly DsimEvent[],
  /** Only the events of objects it accepts are kept (`describe` of a few objects on a long log); all by default. */
  about: (kind: string, name: string) => boolean = () => true,
): ObjectEvent[] {
  const out: Array<{ -readonly [K in keyof ObjectEvent]: ObjectEvent[K] }> = [];
  // Pods a DaemonSet created or adopted, by namespace/name: their deletion is its event too.
  const createdBy = new Map<string, string>();
  // Each object's incarnation: a node, pod or DaemonSet made again under the same name is another
  // object (another uid), whose events the recorders do not fold into its predecessor's.
  const incarnation = new Map<string, number>();
  // The uid of each object's latest incarnation, as the reducer gives it.
  const uids = new Map<string, string>();
  const made = (kind: string, namespace: string | undefined, name: string, uid: string) => {
    const k = `${kind}/${namespace ?? ''}/${name}`;
    incarnation.set(k, (incarnation.get(k) ?? 0) + 1);
    uids.set(k, uid);
  };
  const liveDaemonSets = new Set<string>();
  // What the API server holds, by the recorder's key for it (the correlator's, below).
  const stored = new Map<string, (typeof out)[number]>();
  const correlator = new EventCorrelator();
  const push: Push = (involved, type, reason, from, message, t, extra = {}, times = 1) => {
    if (!about(involved.kind, involved.name)) return;
    const objectId = `${involved.kind}/${involved.namespace ?? ''}/${involved.name}`;
    const uid = incarnation.get(objectId) ?? 0;
    const involvedUid = involved.kind === 'Node' && from === 'kubelet' ? involved.name : uids.get(objectId);
    const write = (key: string, text: string, firstAt: number, count: number) => {
      const had = stored.get(key);
      if (had !== undefined) {
        had.message = text;
        had.lastAt = at(t);
        had.count = count;
        return;
      }
      const e = {
        namespace: involved.namespace ?? 'default',
        involved,
        type,
        reason,
        from,
        message: text,
        firstAt: at(firstAt),
        lastAt: at(t),
        count,
        ...(extra.fieldPath !== undefined ? { fieldPath: extra.fieldPath } : {}),
        ...(extra.host !== undefined ? { host: extra.host } : {}),
        ...(involvedUid !== undefined ? { involvedUid } : {}),
      };
      stored.set(key, e);
      out.push(e);
    };
    if (from === 'default-scheduler') {
      // The scheduler records through events.k8s.io (an event series), without the core/v1
      // correlator's aggregation and spam filter: a repeat is counted.
      // (A repeat keeps its first time: `write` only updates a stored event's count, last time and message.)
      const key = JSON.stringify([from, objectId, uid, type, reason, message]);
      write(key, message, t, (stored.get(key)?.count ?? 0) + times);
      return;
    }
    for (let i = 0; i < times; i++) {
      const r = correlator.correlate([from, extra.host ?? '', objectId, String(uid)].join('\u0000'), type, reason, extra.fieldPath ?? '', message, t);
      if (r !== undefined) write(r.key, r.message, r.firstAt, r.count);
    }
  };
  // Pods the scheduler could not place, by namespace/name: when and why. The scheduler retries
  // such a pod at least every SCHEDULER_RETRY_MS (its unschedulable queue's flush), and each
  // failure is a FailedScheduling the recorder folds; dsim logs only a change of the reason, so
  // the retries between are counted here, up to the pod's binding, deletion, or now.
  const pending = new Map<string, { readonly t: number; readonly message: string }>();
  const retried = (key: string, until: number, inclusive: boolean) => {
    const p = pending.get(key);
    if (p === undefined) return;
    pending.delete(key);
    const span = until - p.t;
    const times = inclusive ? Math.floor(span / SCHEDULER_RETRY_MS) : Math.floor((span - 1) / SCHEDULER_RETRY_MS);
    if (times <= 0) return;
    const slash = key.indexOf('/');
    const involved = { apiVersion: 'v1', kind: 'Pod', namespace: key.slice(0, slash), name: key.slice(slash + 1) };
    push(involved, 'Warning', 'FailedScheduling', 'default-scheduler', p.message, p.t + times * SCHEDULER_RETRY_MS, {}, times);
  };
  // Whether each node's Ready condition was True, as of the facts read so far.
  const ready = new Map<string, boolean>();
  // Bare pods created bound (spec.nodeName), until their PodBound fact.
  const preBound = new Set<string>();
  for (const e of log) {
    if (e.metadata.at > state.now) continue;
    switch (e.type) {
      case 'NodeAdded':
        // As the reducer: the manifest's uid, else one derived from the name and when the node was added.
        made('Node', undefined, e.data.node.metadata?.name ?? '', e.data.node.metadata?.uid ?? derivedUid(`node/${e.data.node.metadata?.name ?? ''}@${e.metadata.at}`));
        break;
      case 'PodCreated':
        made('Pod', e.data.namespace, e.data.name, e.data.uid);
        break;
      case 'BarePodCreated':
        made('Pod', e.data.pod.metadata?.namespace ?? 'default', e.data.pod.metadata?.name ?? '', e.data.uid);
        break;
      case 'DaemonSetApplied': {
        const ns = e.data.daemonSet.metadata?.namespace ?? 'default';
        const name = e.data.daemonSet.metadata?.name ?? '';
        if (!liveDaemonSets.has(`${ns}/${name}`)) made('DaemonSet', ns, name, derivedUid(`${objectKey(ns, name)}@${e.metadata.seq}`));
        liveDaemonSets.add(`${ns}/${name}`);
        break;
      }
      case 'DaemonSetDeleted':
        // Deleted in the foreground, it lives on until its finalizer comes off.
        if (e.data.propagationPolicy !== 'Foreground') liveDaemonSets.delete(`${e.data.namespace}/${e.data.name}`);
        break;
      case 'DaemonSetFinalized':
        liveDaemonSets.delete(`${e.data.namespace}/${e.data.name}`);
        break;
      default:
        break;
    }
    switch (e.type) {
      case 'PodCreated': {
        const [ns, name] = splitKey(e.data.daemonSet);
        createdBy.set(`${e.data.namespace}/${e.data.name}`, e.data.daemonSet);
        push({ apiVersion: 'apps/v1', kind: 'DaemonSet', namespace: ns, name }, 'Normal', 'SuccessfulCreate', 'daemonset-controller', `Created pod: ${e.data.name}`, e.metadata.at);
        break;
      }
      case 'PodAdopted':
        // Its deletion by the controller is now the adopter's event.
        createdBy.set(`${e.data.namespace}/${e.data.name}`, e.data.daemonSet);
        break;
      case 'PodCreateFailed': {
        const [ns, name] = splitKey(e.data.daemonSet);
        push({ apiVersion: 'apps/v1', kind: 'DaemonSet', namespace: ns, name }, 'Warning', 'FailedCreate', 'daemonset-controller', `Error creating: ${e.data.message}`, e.metadata.at);
        break;
      }
      case 'NodeAdded': {
        const name = e.data.node.metadata?.name ?? '';
        ready.set(name, isReady(e.data.node));
        push({ apiVersion: 'v1', kind: 'Node', name }, 'Normal', 'RegisteredNode', 'node-controller', `Node ${name} event: Registered Node ${name} in Controller`, e.metadata.at);
        break;
      }
      case 'NodeRemoved': {
        // The node lifecycle controller's next pass finds it gone from its cache.
        const name = e.data.name;
        ready.delete(name);
        push({ apiVersion: 'v1', kind: 'Node', name }, 'Normal', 'RemovingNode', 'node-controller', `Node ${name} event: Removing Node ${name} from Controller`, e.metadata.at);
        break;
      }
      case 'NodeUpdated':
      case 'NodeStatusUpdated': {
        // On each change of the Ready condition, and only then: the kubelet reports NodeReady, the
        // lifecycle controller NodeNotReady (for NotReady and for Unknown alike).
        const name = e.data.node.metadata?.name ?? '';
        const now = isReady(e.data.node);
        const before = ready.get(name);
        ready.set(name, now);
        if (before === undefined || before === now) break;
        const node = { apiVersion: 'v1', kind: 'Node', name };
        if (now) push(node, 'Normal', 'NodeReady', 'kubelet', `Node ${name} status is now: NodeReady`, e.metadata.at, { host: name });
        else push(node, 'Normal', 'NodeNotReady', 'node-controller', `Node ${name} status is now: NodeNotReady`, e.metadata.at);
        break;
      }
      case 'BarePodCreated': {
        // A pod created with spec.nodeName never meets the scheduler: no Scheduled event.
        const pod = e.data.pod;
        if (pod.spec?.nodeName) preBound.add(`${pod.metadata?.namespace ?? 'default'}/${pod.metadata?.name ?? ''}`);
        break;
      }
      case 'PodBound':
        retried(`${e.data.namespace}/${e.data.name}`, e.metadata.at, false);
        if (preBound.delete(`${e.data.namespace}/${e.data.name}`)) break;
        podEvent(state, e, push, createdBy, about);
        break;
      case 'PodUnschedulable':
        retried(`${e.data.namespace}/${e.data.name}`, e.metadata.at, false);
        pending.set(`${e.data.namespace}/${e.data.name}`, { t: e.metadata.at, message: e.data.message });
        podEvent(state, e, push, createdBy, about);
        break;
      case 'PodDeletionRequested':
      case 'PodRemovalRequested':
        // The scheduler skips a pod being deleted.
        retried(`${e.data.namespace}/${e.data.name}`, e.metadata.at, false);
        podEvent(state, e, push, createdBy, about);
        break;
      case 'PodDeleted':
        retried(`${e.data.namespace}/${e.data.name}`, e.metadata.at, false);
        break;
      case 'PodStarted':
      case 'PodBecameUnready':
        podEvent(state, e, push, createdBy, about);
        break;
      default:
        break;
    }
  }
  for (const key of [...pending.keys()]) retried(key, state.now, true);
  return out.filter((e) => at(state.now) - e.lastAt < EVENT_TTL_MS);
}

/**
 * How often the scheduler retries a pod it could not place when nothing else makes it try:
 * podMaxInUnschedulablePodsDuration, 5 minutes.
 */
export const SCHEDULER_RETRY_MS = 5 * 60 * 1000;

function isReady(node: Node): boolean {
  return node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
}

type Push = (
  involved: ObjectEvent['involved'],
  type: 'Normal' | 'Warning',
  reason: string,
  from: string,
  message: string,
  t: number,
  extra?: { host?: string; fieldPath?: string },
  /** Occurrences folded in at once (the last at `t`). */
  times?: number,
) => void;

function podEvent(state: ClusterState, e: DsimEvent, push: Push, createdBy: ReadonlyMap<string, string>, about: (kind: string, name: string) => boolean): void {
  const { namespace: ns, name } = e.data as { namespace: string; name: string };
  const t = e.metadata.at;
  const involved = { apiVersion: 'v1', kind: 'Pod', namespace: ns, name };
  if (e.type === 'PodDeletionRequested') {
    const ds = createdBy.get(`${ns}/${name}`);
    if (e.data.reason === TAINT_EVICTION_REASON) {
      push(involved, 'Normal', 'TaintManagerEviction', 'taint-eviction-controller', `Marking for deletion Pod ${ns}/${name}`, t);
    } else if (ds !== undefined && e.data.reason !== 'GarbageCollector') {
      const [dsNs, dsName] = splitKey(ds);
      push({ apiVersion: 'apps/v1', kind: 'DaemonSet', namespace: dsNs, name: dsName }, 'Normal', 'SuccessfulDelete', 'daemonset-controller', `Deleted pod: ${name}`, t);
    }
  }
  switch (e.type) {
    case 'PodBound':
      push(involved, 'Normal', 'Scheduled', 'default-scheduler', `Successfully assigned ${ns}/${name} to ${e.data.node}`, t);
      return;
    case 'PodUnschedulable':
      push(involved, 'Warning', 'FailedScheduling', 'default-scheduler', e.data.message, t);
      return;
    case 'PodBecameUnready':
      // MarkPodsNotReady, on a node whose Ready condition is not True.
      push(involved, 'Warning', 'NodeNotReady', 'node-controller', 'Node is not ready', t);
      return;
    default:
      break;
  }
  // The kubelet's events name the pod's containers: known while the state holds the pod (looked
  // up only for a pod whose events are wanted, as building its spec is the costly part).
  if (!about('Pod', name)) return;
  const rec = getPod(state, ns, name);
  if (rec === undefined) return;
  const host = rec.nodeName;
  const spec = podObject(state, rec).spec;
  const containers = spec?.containers ?? [];
  const kubelet = (fieldPath: string) => (host === undefined ? { fieldPath } : { fieldPath, host });
  if (e.type === 'PodStarted') {
    // The kubelet's Pulling, then Pulled (its message without the pull's duration and size, which
    // dsim does not model), or that the image was there already.
    const pulled = (image: string, where: { fieldPath: string; host?: string }) => {
      if (!e.data.imagePulled) return push(involved, 'Normal', 'Pulled', 'kubelet', `Container image "${image}" already present on machine`, t, where);
      push(involved, 'Normal', 'Pulling', 'kubelet', `Pulling image "${image}"`, t, where);
      push(involved, 'Normal', 'Pulled', 'kubelet', `Successfully pulled image "${image}"`, t, where);
    };
    // The init containers first, each run to completion (dsim counts them done by the start).
    for (const c of spec?.initContainers ?? []) {
      const where = kubelet(`spec.initContainers{${c.name}}`);
      const image = c.image ?? '';
      pulled(image, where);
      push(involved, 'Normal', 'Created', 'kubelet', `Created container: ${c.name}`, t, where);
      push(involved, 'Normal', 'Started', 'kubelet', `Started container ${c.name}`, t, where);
    }
    const images = imagesOf(state, rec);
    for (const [i, c] of containers.entries()) {
      const image = images[i] ?? c.image ?? '';
      const where = kubelet(`spec.containers{${c.name}}`);
      pulled(image, where);
      push(involved, 'Normal', 'Created', 'kubelet', `Created container: ${c.name}`, t, where);
      push(involved, 'Normal', 'Started', 'kubelet', `Started container ${c.name}`, t, where);
    }
    return;
  }
  for (const c of containers) push(involved, 'Normal', 'Killing', 'kubelet', `Stopping container ${c.name}`, t, kubelet(`spec.containers{${c.name}}`));
}

function splitKey(key: string): [string, string] {
  const slash = key.indexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
}

/** Each events list's events by kind and name (`eventsOf`'s index, built once per list). */
const byObject = new WeakMap<readonly ObjectEvent[], Map<string, ObjectEvent[]>>();

/**
 * An object's own events, oldest first (what `describe` lists). The list is indexed by kind and
 * name on the first call, so describing every pod of a large cluster reads each event once rather
 * than once per pod (`describe pods` over 20,000 pods took minutes filtering the whole list for each).
 */
export function eventsOf(events: readonly ObjectEvent[], kind: string, namespace: string | undefined, name: string): ObjectEvent[] {
  let index = byObject.get(events);
  if (index === undefined) {
    index = new Map();
    for (const e of events) {
      const key = `${e.involved.kind}/${e.involved.name}`;
      const own = index.get(key);
      if (own === undefined) index.set(key, [e]);
      else own.push(e);
    }
    byObject.set(events, index);
  }
  const own = index.get(`${kind}/${name}`) ?? [];
  return namespace === undefined ? [...own] : own.filter((e) => e.involved.namespace === namespace);
}

/**
 * The Event objects (core/v1) the API server would hold, in its order: by namespace, then name,
 * an event's name being its object's name and the time in nanoseconds in hex (the recorders'
 * `name.%x`), so an object's events come together, oldest first. Events of one instant on one
 * object get consecutive nanoseconds, so each has a name of its own.
 */
export function eventObjects(events: readonly ObjectEvent[], namespace: string | undefined): KubeObject[] {
  const out: { key: string; object: KubeObject }[] = [];
  const taken = new Set<string>();
  for (const e of events) {
    if (namespace !== undefined && e.namespace !== namespace) continue;
    let nanos = BigInt(e.firstAt) * 1_000_000n;
    let name = `${e.involved.name}.${nanos.toString(16)}`;
    while (taken.has(`${e.namespace}/${name}`)) {
      nanos += 1n;
      name = `${e.involved.name}.${nanos.toString(16)}`;
    }
    taken.add(`${e.namespace}/${name}`);
    const ts = creationTimestamp(e.firstAt - SIMULATED_EPOCH_MS);
    const involvedObject: ObjectReference = {
      apiVersion: e.involved.apiVersion,
      kind: e.involved.kind,
      name: e.involved.name,
      ...(e.involved.namespace !== undefined ? { namespace: e.involved.namespace } : {}),
      ...(e.fieldPath !== undefined ? { fieldPath: e.fieldPath } : {}),
      ...(e.involvedUid !== undefined ? { uid: e.involvedUid } : {}),
    };
    const object = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: e.namespace, creationTimestamp: ts, uid: derivedUid(`event/${e.namespace}/${name}`) },
      involvedObject,
      reason: e.reason,
      message: e.message,
      source: { component: e.from, ...(e.host !== undefined ? { host: e.host } : {}) },
      firstTimestamp: ts,
      lastTimestamp: creationTimestamp(e.lastAt - SIMULATED_EPOCH_MS),
      count: e.count,
      type: e.type,
      eventTime: null,
      reportingComponent: e.from,
      reportingInstance: e.host ?? '',
    } as unknown as KubeObject;
    out.push({ key: `${e.namespace}/${name}`, object });
  }
  // The API server lists by key: namespace, then name (byte order).
  out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return out.map((o) => o.object);
}

/** What the correlator lets through: the event as the API server then stores it, under the recorder's key for it. */
interface Correlated {
  readonly key: string;
  readonly message: string;
  readonly firstAt: number;
  readonly count: number;
}

/**
 * client-go's EventCorrelator (tools/record/events_cache.go), with its defaults, as every core/v1
 * recorder here uses it (the DaemonSet and node controllers, the taint eviction controller, the
 * kubelet), in three steps per event:
 * - aggregation: events of one object, source, type and reason that differ only in their message
 *   are similar; once ten different messages come within ten minutes of each other, each further
 *   one is written as one event "(combined from similar events): <its message>", counted;
 * - counting: an event that repeats (the same message, or the combined one) updates the stored
 *   event's count, last time and message rather than making another;
 * - the spam filter: a source may write 25 events about an object at once, then one per five
 *   minutes (a token bucket); an event over that is dropped, though the count above still
 *   includes it, so the next write carries it.
 * Two differences: the caches are unbounded (client-go's are LRU caches of 4,096 entries, which
 * only a recorder with thousands of objects in play would overflow), and the message dropped from
 * a full set of ten is the oldest rather than Go's random `PopAny`.
 */
export class EventCorrelator {
  private readonly similar = new Map<string, { messages: Set<string>; lastAt: number }>();
  private readonly observed = new Map<string, { count: number; firstAt: number }>();
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /** `source` names the recorder and the object (the spam filter's key); undefined when the spam filter drops the event. */
  correlate(source: string, type: string, reason: string, fieldPath: string, message: string, t: number): Correlated | undefined {
    // EventAggregate: similar events by source, object, type and reason.
    const group = `${source}\u0000${type}\u0000${reason}`;
    let similar = this.similar.get(group);
    if (similar === undefined || t - similar.lastAt > AGGREGATE_INTERVAL_MS) this.similar.set(group, (similar = { messages: new Set(), lastAt: t }));
    similar.messages.add(message);
    similar.lastAt = t;
    let key = `${group}\u0000${fieldPath}\u0000${message}`;
    let text = message;
    if (similar.messages.size >= AGGREGATE_MAX_EVENTS) {
      similar.messages.delete(similar.messages.values().next().value!);
      key = group;
      text = `(combined from similar events): ${message}`;
    }
    // eventObserve: a repeat of the key counts on from the last observation, kept or dropped.
    const seen = this.observed.get(key);
    const observation = { count: (seen?.count ?? 0) + 1, firstAt: seen?.firstAt ?? t };
    this.observed.set(key, observation);
    // EventSourceObjectSpamFilter: a full bucket to start, refilled at one token per five minutes.
    let bucket = this.buckets.get(source);
    if (bucket === undefined) this.buckets.set(source, (bucket = { tokens: SPAM_BURST, at: t }));
    bucket.tokens = Math.min(SPAM_BURST, bucket.tokens + (t - bucket.at) / SPAM_REFILL_MS);
    bucket.at = t;
    if (bucket.tokens < 1) return undefined;
    bucket.tokens -= 1;
    return { key, message: text, ...observation };
  }
}

/** defaultAggregateMaxEvents: the tenth different message of similar events is combined. */
const AGGREGATE_MAX_EVENTS = 10;
/** defaultAggregateIntervalInSeconds: similar events further apart than this start afresh. */
const AGGREGATE_INTERVAL_MS = 600_000;
/** defaultSpamBurst, and defaultSpamQPS as the time one token takes to come back. */
const SPAM_BURST = 25;
const SPAM_REFILL_MS = 300_000;

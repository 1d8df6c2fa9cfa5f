// The pure reducer: `evolve(draft, event)` folds one event into an immer draft of ClusterState,
// `evolveAll` many, and `reduce`/`fold` wrap them in one `produce` per event or per batch. No
// I/O, no clock, no chance: everything comes from the event, including its time.
//
// Invariant: folding a log in any chunking gives the same state as reducing it event by event.
//
// How a batch stays cheap (profiled: immer's proxies were a third of the fold, the counters'
// before-and-after recomputation another sixth): the events of one `produce` are folded into a
// `Batch` that holds the state's tables themselves (tables are not drafted: see table.ts) and,
// for each DaemonSet it touches, the record with its own mutable copy of the counters. Nothing
// in the per-event path goes through a proxy; the batch writes its tables and the DaemonSet
// records it changed back into the draft once, when it closes. Records from before the batch are
// replaced whole, never changed in place, so the previous state keeps its own; a pod record the
// batch made itself is changed in place (see `own`).

import { current, freeze, Immer, isDraft, type Draft } from 'immer';
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { orphanedPodObject, type PodSources } from './apiObjects.ts';
import { applyDaemonSetUpdate, templateGeneration } from './defaults.ts';
import { assertNever, type DsimEvent, type EventOf, type PodRef } from './events.ts';
import { ownsRevision } from './history.ts';
import { computeHash, derivedUid } from './names.ts';
import { nodeShouldRunDaemonPod, samePlacementRules } from './placement.ts';
import {
  addContribution,
  daemonNode,
  daemonNodeEntry,
  isTerminal,
  NO_PODS,
  objectKey,
  withDaemonNode,
  storedObjectKey,
  Placement,
  zeroCounts,
  type ClusterState,
  type DaemonNode,
  type DaemonSetCounts,
  type DaemonSetRecord,
  type MutableCounts,
  type NodeRecord,
  type PodRecord,
  type RevisionRecord,
} from './state.ts';
import {
  emptyTable,
  tableBatch,
  tableAddNamed,
  tableDelete,
  tableDeleteNamed,
  tableForEach,
  tableGet,
  tableGetNamed,
  tableHas,
  tableMapFilter,
  tableSet,
  tableSetNamed,
  withTableOwner,
  type Table,
} from './table.ts';
import './immerSetup.ts';

// The draft as the batch sees it: top-level fields writable, Maps as Maps.
type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type S = Omit<Mutable<ClusterState>, 'daemonSets' | 'revisions' | 'objects'> & {
  daemonSets: Map<string, DaemonSetRecord>;
  revisions: Map<string, Mutable<RevisionRecord>>;
  objects: Map<string, ClusterState['objects'] extends ReadonlyMap<string, infer R> ? R : never>;
};

/** The placement of a node for a DaemonSet, from the pure predicate. */
export function placementFor(node: Node, ds: DaemonSet): Placement {
  const r = nodeShouldRunDaemonPod(node, ds);
  return r.shouldRun ? Placement.Run : r.shouldContinueRunning ? Placement.Continue : Placement.None;
}

/** The plain value behind a possible draft, for reading without making proxies. */
function plain<T>(x: T): T {
  return isDraft(x) ? (current(x as object) as T) : x;
}


/**
 * A DaemonSet record as stored: frozen, its counters and DaemonSet object too. Records are never
 * changed in place, and a frozen value is one immer's finalize does not walk: unfrozen, each
 * `produce` that replaced a record walked it, the whole DaemonSet object included, looking for
 * drafts (half of a one-event `reduce`, profiled).
 */
function sealed(rec: DaemonSetRecord): DaemonSetRecord {
  if (!Object.isFrozen(rec.daemonSet)) freeze(rec.daemonSet, true);
  Object.freeze(rec.counts);
  return Object.freeze(rec);
}

/** One DaemonSet as a batch changes it. */
class DaemonSetTx {
  /** The batch's own counters, moved in place. */
  readonly counts: MutableCounts;
  nodes: Table<DaemonNode>;
  observedGeneration: number;
  changed = false;

  /** `record` is plain data (never a draft): what the state held when the batch opened it. */
  constructor(readonly record: DaemonSetRecord) {
    // Field by field rather than spread: one shape, built without a generic copy (NodeAdded opens
    // every DaemonSet, twice per event in the benchmarks; spreads were a tenth of it, profiled).
    const c = record.counts;
    this.counts = {
      desiredNumberScheduled: c.desiredNumberScheduled,
      currentNumberScheduled: c.currentNumberScheduled,
      numberReady: c.numberReady,
      numberAvailable: c.numberAvailable,
      updatedNumberScheduled: c.updatedNumberScheduled,
      numberMisscheduled: c.numberMisscheduled,
      numberOutdated: c.numberOutdated,
    };
    this.nodes = record.nodes;
    this.observedGeneration = record.observedGeneration;
  }

  /** The record with the batch's changes. */
  result(): DaemonSetRecord {
    const r = this.record;
    return sealed({
      key: r.key,
      namespace: r.namespace,
      name: r.name,
      daemonSet: r.daemonSet,
      uid: r.uid,
      createdAt: r.createdAt,
      generation: r.generation,
      templateGeneration: r.templateGeneration,
      hash: r.hash,
      counts: this.counts,
      observedGeneration: this.observedGeneration,
      deletionRequestedAt: r.deletionRequestedAt,
      nodes: this.nodes,
    });
  }
}

/** The events of one `produce` being folded: see the header. */
class Batch {
  now: number;
  seq: number;
  nodes: Table<NodeRecord>;
  pods: Table<PodRecord>;
  podsByNode: Table<readonly string[]>;
  nodeImages: Table<readonly string[]>;
  private readonly open = new Map<string, DaemonSetTx | null>();
  private keys: string[] | undefined;
  /**
   * The DaemonSet records as plain data (reading the draft's Map would make a proxy per record):
   * the state's own Map until the batch first changes a record, then a copy, stored when it closes.
   */
  private records: ReadonlyMap<string, DaemonSetRecord>;
  private copied = false;

  /** The state's fields as the batch opened them (plain values), to see what close must write. */
  private readonly base: S;

  constructor(readonly s: S) {
    // Read through the plain value, not the draft: a draft's fields would each make a proxy.
    const raw = plain(s);
    this.base = raw;
    this.records = raw.daemonSets;
    this.now = raw.now;
    this.seq = raw.seq;
    this.nodes = raw.nodes;
    this.pods = raw.pods;
    this.podsByNode = raw.podsByNode;
    this.nodeImages = raw.nodeImages;
  }

  /** The records Map, writable (copied on first use). */
  private writableRecords(): Map<string, DaemonSetRecord> {
    if (!this.copied) {
      this.records = new Map(this.records);
      this.copied = true;
    }
    return this.records as Map<string, DaemonSetRecord>;
  }

  /** The DaemonSet with that key, opened for change; undefined when there is none. */
  ds(key: string): DaemonSetTx | undefined {
    let tx = this.open.get(key);
    if (tx === undefined) {
      const rec = this.records.get(key);
      tx = rec === undefined ? null : new DaemonSetTx(rec);
      this.open.set(key, tx);
    }
    return tx ?? undefined;
  }

  /** Every DaemonSet, opened, in the state's order. */
  all(): DaemonSetTx[] {
    this.keys ??= [...this.records.keys()];
    return this.keys.map((k) => this.ds(k)!);
  }

  /** What a DaemonSet pod's object is made from (`orphanedPodObject`), as plain data. */
  podSources(): PodSources {
    return { daemonSets: this.records, revisions: plain(this.s.revisions), objects: plain(this.s.objects) };
  }

  /** The pod's controlling DaemonSet, if it still exists (same uid). */
  ownerOf(pod: PodRecord): DaemonSetTx | undefined {
    if (pod.owner === undefined) return undefined;
    const tx = this.ds(pod.owner);
    return tx !== undefined && tx.record.uid === pod.ownerUid ? tx : undefined;
  }

  /** Folds a DaemonSet's changes into its record and forgets them, before the record is replaced or read whole. */
  settle(key: string): DaemonSetRecord | undefined {
    const tx = this.open.get(key);
    this.open.delete(key);
    if (tx === undefined) return this.records.get(key);
    if (tx === null) return undefined;
    if (!tx.changed) return tx.record;
    const rec = tx.result();
    this.writableRecords().set(key, rec);
    return rec;
  }

  /** Stores a new or replaced DaemonSet record (after `settle`). */
  putDaemonSet(rec: DaemonSetRecord): void {
    if (!this.records.has(rec.key)) this.keys = undefined;
    this.writableRecords().set(rec.key, sealed(rec));
    this.open.delete(rec.key);
  }

  /**
   * Removes a DaemonSet; its pods stay, as orphans, until the garbage collector deletes them:
   * indexed by node with the bare pods, each with the spec and labels it was made with (which came
   * from the DaemonSet and its revisions, about to go). With `orphan` (propagationPolicy Orphan)
   * they lose their owner and stay, bare pods a later DaemonSet may adopt.
   */
  deleteDaemonSet(key: string, orphan: boolean): void {
    const rec = this.settle(key);
    if (rec === undefined) return;
    const sources = this.podSources();
    tableForEach(rec.nodes, (here, node) => {
      for (const p of here.pods) {
        const object = orphanedPodObject(sources, p);
        // Orphaned on purpose: the garbage collector takes the owner reference off and leaves the pod.
        const next = orphan ? { ...p, owner: undefined, ownerUid: undefined, hash: undefined, templateGeneration: undefined, object } : { ...p, object };
        this.pods = tableSetNamed(this.pods, own(next));
        this.podsByNode = indexAdd(this.podsByNode, node, objectKey(p.namespace, p.name));
      }
    });
    // Its revisions: orphaned with it, or (background) no longer orphans it had adopted, so that
    // the garbage collector's sweep takes them; the engine deletes them then.
    for (const [k, draft] of this.s.revisions) {
      const r = plain(draft);
      if (!ownsRevision(rec, r) || (r.orphaned === true) === orphan) continue;
      const { orphaned: _was, ...owned } = r;
      this.s.revisions.set(k, orphan ? { ...r, orphaned: true } : owned);
    }
    this.keys = undefined;
    this.writableRecords().delete(key);
  }

  /** Writes everything back into the draft: the one place the batch touches it. */
  close(): void {
    // Compared with the plain values the batch opened with: a read through the draft is a trap call.
    const s = this.s;
    const base = this.base;
    if (base.now !== this.now) s.now = this.now;
    if (base.seq !== this.seq) s.seq = this.seq;
    if (base.nodes !== this.nodes) s.nodes = this.nodes;
    if (base.pods !== this.pods) s.pods = this.pods;
    if (base.podsByNode !== this.podsByNode) s.podsByNode = this.podsByNode;
    if (base.nodeImages !== this.nodeImages) s.nodeImages = this.nodeImages;
    for (const [key, tx] of this.open) if (tx !== null && tx.changed) this.writableRecords().set(key, tx.result());
    this.open.clear();
    // A new Map rather than writes through the draft's: a Map draft costs more than copying a
    // handful of entries, and immer then only checks the (frozen) records.
    if (this.copied) s.daemonSets = this.records as Map<string, DaemonSetRecord>;
  }
}

/** Folds one event into a draft of the state (or into a state the caller owns outright). */
export function evolve(draft: Draft<ClusterState>, e: DsimEvent): void {
  evolveAll(draft, [e]);
}

/** Folds events, in order, into a draft of the state: the same result as `evolve` on each in turn. */
export function evolveAll(draft: Draft<ClusterState>, events: Iterable<DsimEvent>): void {
  const b = new Batch(draft as unknown as S);
  // Indexed when it can be: the iterator's result objects were a tenth of a fold's allocations (sampled).
  if (Array.isArray(events)) for (let i = 0; i < events.length; i++) apply(b, events[i] as DsimEvent);
  else for (const e of events) apply(b, e);
  b.close();
}

/** The only place state changes. */
function apply(b: Batch, e: DsimEvent): void {
  b.now = e.metadata.at;
  b.seq = e.metadata.seq;
  switch (e.type) {
    case 'SimulationStarted':
    case 'TimeAdvanced':
      return;
    case 'ObjectApplied': {
      const o = e.data.object;
      const key = storedObjectKey(o.apiVersion, o.kind, o.metadata?.namespace, o.metadata?.name ?? '');
      const old = b.s.objects.get(key);
      b.s.objects.set(key, {
        object: o,
        uid: old?.uid ?? derivedUid(`${key}@${e.metadata.seq}`),
        createdAt: old?.createdAt ?? e.metadata.at,
      });
      return;
    }
    case 'ObjectDeleted':
      b.s.objects.delete(storedObjectKey(e.data.apiVersion, e.data.kind, e.data.namespace, e.data.name));
      return;
    case 'PodRemovalRequested':
      return void updatePod(b, e, requestRemoval);
    case 'NodeAdded':
      return putNode(b, e.data.node, e.metadata.at, true);
    case 'NodeUpdated':
    case 'NodeStatusUpdated':
      return putNode(b, e.data.node, e.metadata.at, false);
    case 'NodeRemoved':
      return removeNode(b, e.data.name);
    case 'NodeFailed':
    case 'NodeRecovered': {
      // Only the kubelet's health changes here; the conditions and taints that follow are
      // the node lifecycle controller's own facts (NodeUpdated), recorded by the engine.
      const rec = tableGet(b.nodes, e.data.name);
      if (rec !== undefined) {
        b.nodes = tableSet(b.nodes, e.data.name, { ...rec, kubelet: e.type === 'NodeFailed' ? e.data.mode : 'ok', kubeletSince: e.metadata.at });
      }
      return;
    }
    case 'DaemonSetApplied':
      return applyDaemonSet(b, e);
    case 'DaemonSetDeleted': {
      const key = objectKey(e.data.namespace, e.data.name);
      if (e.data.propagationPolicy !== 'Foreground') return b.deleteDaemonSet(key, e.data.propagationPolicy === 'Orphan');
      // Marked, and kept until its pods are gone (DaemonSetFinalized); the first request's time stays.
      const rec = b.settle(key);
      if (rec !== undefined && rec.deletionRequestedAt === undefined) b.putDaemonSet({ ...rec, deletionRequestedAt: e.metadata.at });
      return;
    }
    case 'DaemonSetFinalized': {
      const key = objectKey(e.data.namespace, e.data.name);
      const rec = b.settle(key);
      if (rec !== undefined && rec.uid === e.data.uid && rec.deletionRequestedAt !== undefined) b.deleteDaemonSet(key, false);
      return;
    }
    case 'PodAdopted':
      return adoptPod(b, e);
    case 'PodRelabeled':
      return relabelPod(b, e);
    case 'PodAnnotated':
      return annotatePod(b, e);
    case 'PodReleased':
      return releasePod(b, e);
    case 'PodCreateFailed':
      return; // a refused write changes nothing
    case 'BarePodCreated':
      return createBarePod(b, e);
    case 'PodCreated':
      return createDaemonPod(b, e);
    case 'PodBound':
      return void updatePod(b, e, bind);
    case 'PodUnschedulable':
      return void updatePod(b, e, markUnschedulable);
    case 'PodStarted':
      return podStarted(b, e);
    case 'PodBecameReady':
      return void updatePod(b, e, becomeReady);
    case 'PodBecameUnready':
      return void updatePod(b, e, becomeUnready);
    case 'PodBecameAvailable':
      return void updatePod(b, e, becomeAvailable);
    case 'PodTerminated':
      return void updatePod(b, e, terminate);
    case 'PodDeletionRequested':
      return void updatePod(b, e, requestDeletion);
    case 'PodDeleted':
      return deletePod(b, e.data);
    case 'ControllerRevisionCreated': {
      const owner = b.ds(e.data.daemonSet)?.record.daemonSet;
      const annotations = owner?.metadata?.annotations;
      b.s.revisions.set(objectKey(e.data.namespace, e.data.name), {
        namespace: e.data.namespace,
        name: e.data.name,
        daemonSet: e.data.daemonSet,
        hash: e.data.hash,
        revision: e.data.revision,
        template: owner?.spec?.template ?? {},
        ...(annotations !== undefined && Object.keys(annotations).length > 0 ? { annotations } : {}),
        createdAt: e.metadata.at,
      });
      return;
    }
    case 'ControllerRevisionUpdated': {
      const key = objectKey(e.data.namespace, e.data.name);
      // Replaced, not changed in place: an engine folding in place shares records with its snapshots.
      const r = plain(b.s.revisions.get(key));
      if (r === undefined) return;
      if (e.data.daemonSet === undefined) b.s.revisions.set(key, { ...r, revision: e.data.revision });
      else {
        // Adopted: its controller reference is the adopter's now.
        const { orphaned: _was, ...owned } = r;
        b.s.revisions.set(key, { ...owned, daemonSet: e.data.daemonSet, revision: e.data.revision });
      }
      return;
    }
    case 'ControllerRevisionAnnotated': {
      const key = objectKey(e.data.namespace, e.data.name);
      // Replaced, not changed in place, as for ControllerRevisionUpdated.
      const r = plain(b.s.revisions.get(key));
      if (r === undefined) return;
      const { annotations: _old, ...rest } = r;
      b.s.revisions.set(key, Object.keys(e.data.annotations).length > 0 ? { ...rest, annotations: { ...e.data.annotations } } : rest);
      return;
    }
    case 'ControllerRevisionDeleted':
      b.s.revisions.delete(objectKey(e.data.namespace, e.data.name));
      return;
    case 'DaemonSetSynced': {
      const tx = b.ds(objectKey(e.data.namespace, e.data.name));
      if (tx !== undefined && tx.observedGeneration !== e.data.observedGeneration) {
        tx.observedGeneration = e.data.observedGeneration;
        tx.changed = true;
      }
      return;
    }
    default:
      return assertNever(e);
  }
}

// ---- nodes ------------------------------------------------------------------------------------

function putNode(b: Batch, node: Node, at: number, added: boolean): void {
  const name = node.metadata?.name ?? '';
  const before = tableGet(b.nodes, name);
  const existed = before !== undefined;
  b.nodes = tableSet(b.nodes, name, {
    node,
    addedAt: added || before === undefined ? at : before.addedAt,
    kubelet: added || before === undefined ? 'ok' : before.kubelet,
    kubeletSince: added || before === undefined ? at : before.kubeletSince,
  });
  for (const tx of b.all()) {
    const p = placementFor(node, tx.record.daemonSet);
    const here = daemonNode(tx, name);
    // A node's contribution depends on its placement, its pods and its existence: unchanged here.
    if (p === here.placement && existed) continue;
    if (here.pods.length > 0 || here.placement !== Placement.None || p !== Placement.None) {
      addContribution(tx.counts, tx.record, here.placement, here.pods, existed, -1);
      addContribution(tx.counts, tx.record, p, here.pods, true, 1);
      tx.changed = true;
    }
    setPlacement(tx, name, here, p);
  }
}

function removeNode(b: Batch, name: string): void {
  if (!tableHas(b.nodes, name)) return;
  for (const tx of b.all()) {
    const here = daemonNode(tx, name);
    if (here.pods.length > 0 || here.placement !== Placement.None) {
      addContribution(tx.counts, tx.record, here.placement, here.pods, true, -1);
      tx.changed = true;
    }
    setPlacement(tx, name, here, Placement.None);
  }
  b.nodes = tableDelete(b.nodes, name);
  b.nodeImages = tableDelete(b.nodeImages, name);
}

function setPlacement(tx: DaemonSetTx, node: string, here: DaemonNode, p: Placement): void {
  if (p === here.placement) return;
  tx.nodes = withDaemonNode(tx.nodes, node, p, here.pods);
  tx.changed = true;
}

// ---- DaemonSets -------------------------------------------------------------------------------

function applyDaemonSet(b: Batch, e: EventOf<'DaemonSetApplied'>): void {
  const incoming = e.data.daemonSet;
  const ns = incoming.metadata?.namespace ?? 'default';
  const name = incoming.metadata?.name ?? '';
  const key = objectKey(ns, name);
  const existing = b.settle(key);
  const withNs: DaemonSet = { ...incoming, metadata: { ...incoming.metadata, namespace: ns } };
  const next = applyDaemonSetUpdate(existing?.daemonSet, withNs);
  const hash = computeHash(next.spec?.template);
  if (existing === undefined) {
    const uid = derivedUid(`${key}@${e.metadata.seq}`);
    const daemonSet: DaemonSet = {
      ...next,
      metadata: { ...next.metadata, uid, creationTimestamp: undefined },
    };
    const placed = place(b.nodes, daemonSet, undefined);
    const record: DaemonSetRecord = {
      key,
      namespace: ns,
      name,
      daemonSet,
      uid,
      createdAt: e.metadata.at,
      generation: next.metadata?.generation ?? 1,
      templateGeneration: templateGeneration(next),
      hash,
      counts: zeroCounts(),
      observedGeneration: 0,
      deletionRequestedAt: undefined,
      // Pods it may adopt (ClaimPods) join this table when the controller adopts them (PodAdopted).
      nodes: placed.nodes,
    };
    // A new DaemonSet has no pods yet: its status is its desired count, counted as it was placed
    // (a recount walked every node again).
    b.putDaemonSet({ ...record, counts: { ...record.counts, desiredNumberScheduled: placed.run } });
    return;
  }
  const daemonSet: DaemonSet = { ...next, metadata: { ...next.metadata, uid: existing.uid } };
  // Every node evaluated again only when the template's placement rules changed: an image change
  // (most rollouts) keeps them (placeOn was a sixth of a 1,000-node rolling update, profiled).
  let nodes = hash !== existing.hash && !samePlacementRules(existing.daemonSet, daemonSet) ? placeOn(b.nodes, daemonSet, existing.nodes) : existing.nodes;
  const minReady = daemonSet.spec?.minReadySeconds ?? 0;
  if (minReady !== (existing.daemonSet.spec?.minReadySeconds ?? 0)) nodes = reassessAvailability(b, nodes, minReady, e.metadata.at);
  const updated: DaemonSetRecord = {
    ...existing,
    daemonSet,
    generation: next.metadata?.generation ?? existing.generation,
    templateGeneration: templateGeneration(next),
    hash,
    nodes,
  };
  b.putDaemonSet({ ...updated, counts: recount(b.pods, b.nodes, updated) });
}

/**
 * A new minReadySeconds applies to the Ready pods at once, as Kubernetes reads availability
 * afresh at every status update (podutil.IsPodAvailable: Ready, and Ready since more than
 * minReadySeconds before now): a longer one makes recently Ready pods unavailable again, a
 * shorter one makes them available now. The engine then schedules the rest.
 */
function reassessAvailability(b: Batch, nodes: Table<DaemonNode>, minReadySeconds: number, now: number): Table<DaemonNode> {
  const changed: [string, DaemonNode][] = [];
  tableForEach(nodes, (here, node) => {
    let pods: PodRecord[] | undefined;
    here.pods.forEach((p, i) => {
      const available = p.ready && isAvailableAt(p, minReadySeconds, now);
      if (available === p.available) return;
      const next = { ...p, available };
      b.pods = tableSetNamed(b.pods, next);
      (pods ??= [...here.pods])[i] = next;
    });
    if (pods !== undefined) changed.push([node, daemonNodeEntry(here.placement, pods)]);
  });
  for (const [node, entry] of changed) nodes = tableSet(nodes, node, entry);
  return nodes;
}

/** Whether a Ready pod counts as available at `now` (Ready since strictly more than minReadySeconds). */
export function isAvailableAt(p: Pick<PodRecord, 'readyChangedAt'>, minReadySeconds: number, now: number): boolean {
  return minReadySeconds === 0 || (p.readyChangedAt !== undefined && p.readyChangedAt + minReadySeconds * 1000 < now);
}

/**
 * Evaluates nodeShouldRunDaemonPod on every node, the one O(nodes) step of a DaemonSet change:
 * the DaemonSet's nodes table with every placement new and the pods of `before` kept (nodes in
 * the cluster's order, then nodes that are gone but still have pods).
 */
export function placeOn(nodes: Table<{ readonly node: Node }>, ds: DaemonSet, before: Table<DaemonNode> | undefined): Table<DaemonNode> {
  return place(nodes, ds, before).nodes;
}

/** `placeOn`, and how many nodes it placed as Run (a new DaemonSet's desiredNumberScheduled). */
function place(nodes: Table<{ readonly node: Node }>, ds: DaemonSet, before: Table<DaemonNode> | undefined): { nodes: Table<DaemonNode>; run: number } {
  let run = 0;
  // Built in the caller's batch when there is one: the table is new, so the batch's later writes
  // (each pod created) may change it in place. Under a batch of its own, the first write to each
  // leaf copied it and its path (a tenth of a fold's allocations, sampled).
  const placed = withTableOwner(() => {
    // Keyed like the cluster's nodes: copied from their trie's shape, not written key by key.
    let t = tableMapFilter(nodes, (rec, name): DaemonNode | undefined => {
      const p = placementFor(rec.node, ds);
      if (p === Placement.Run) run++;
      const pods = before === undefined ? NO_PODS : (tableGet(before, name)?.pods ?? NO_PODS);
      return p !== Placement.None || pods.length > 0 ? daemonNodeEntry(p, pods) : undefined;
    });
    if (before !== undefined) {
      tableForEach(before, (here, name) => {
        if (here.pods.length > 0 && !tableHas(nodes, name)) t = tableSet(t, name, { placement: Placement.None, pods: here.pods });
      });
    }
    return t;
  }, tableBatch() ?? {});
  return { nodes: placed, run };
}

/** Status counters from scratch (updateDaemonSetStatus over every node). */
export function recount(_pods: Table<PodRecord>, nodes: Table<unknown>, ds: DaemonSetRecord): DaemonSetCounts {
  const counts: MutableCounts = { ...zeroCounts() };
  // Nodes with a placement exist (see removeNode); without one, only their pods are here, and
  // they count (as misscheduled) only on nodes that still exist.
  tableForEach(ds.nodes, (here, node) => {
    const exists = here.placement !== Placement.None || tableHas(nodes, node);
    addContribution(counts, ds, here.placement, here.pods, exists, 1);
  });
  return counts;
}

// ---- pods -------------------------------------------------------------------------------------

/** A pod record with every field in one order (one object shape for all pods). */
function newPod(fields: Partial<PodRecord> & Pick<PodRecord, 'namespace' | 'name' | 'uid' | 'createdAt'>): PodRecord {
  return {
    owner: undefined,
    ownerUid: undefined,
    targetNode: undefined,
    nodeName: undefined,
    hash: undefined,
    templateGeneration: undefined,
    phase: 'Pending',
    unschedulable: undefined,
    started: false,
    startedAt: undefined,
    ready: false,
    readyChangedAt: undefined,
    available: false,
    terminationReason: undefined,
    deletionTimestamp: undefined,
    deletionGracePeriodSeconds: undefined,
    object: undefined,
    ...fields,
  };
}

/**
 * The record a PodCreated makes: `newPod`'s fields in `newPod`'s order (one object shape for all
 * pods), written out as one literal because every pod of a DaemonSet is made here.
 */
export function daemonPodRecord(d: EventOf<'PodCreated'>['data'], ownerUid: string | undefined, at: number): PodRecord {
  return {
    owner: d.daemonSet,
    ownerUid,
    targetNode: d.node,
    nodeName: undefined,
    hash: d.hash,
    templateGeneration: d.templateGeneration,
    phase: 'Pending',
    unschedulable: undefined,
    started: false,
    startedAt: undefined,
    ready: false,
    readyChangedAt: undefined,
    available: false,
    terminationReason: undefined,
    deletionTimestamp: undefined,
    deletionGracePeriodSeconds: undefined,
    object: undefined,
    namespace: d.namespace,
    name: d.name,
    uid: d.uid,
    createdAt: at,
  };
}

function createDaemonPod(b: Batch, e: EventOf<'PodCreated'>): void {
  const d = e.data;
  const tx = b.ds(d.daemonSet);
  const pod = daemonPodRecord(d, tx?.record.uid, e.metadata.at);
  // Added unless the name is taken, in one walk of the trie.
  const size = b.pods.size;
  b.pods = tableAddNamed(b.pods, pod);
  if (b.pods.size === size) return;
  own(pod);
  // Indexed by node once: in its DaemonSet's table, or, with no DaemonSet to own it, with the bare pods.
  if (tx === undefined) {
    b.podsByNode = indexAdd(b.podsByNode, d.node, objectKey(d.namespace, d.name));
    return;
  }
  const here = daemonNode(tx, d.node);
  setNodePods(b, tx, d.node, here.placement, here.pods, here.pods.length === 0 ? [pod] : [...here.pods, pod]);
}

/**
 * A DaemonSet's pods on a node, `before`, replaced by `after`: its counters moved by the
 * difference (a node with a placement exists; only without one need the nodes be asked, as a
 * removed node's pods count for nothing) and its entry written.
 */
function setNodePods(b: Batch, tx: DaemonSetTx, node: string, placement: Placement, before: readonly PodRecord[], after: readonly PodRecord[]): void {
  if (placement !== Placement.None || tableHas(b.nodes, node)) {
    addContribution(tx.counts, tx.record, placement, before, true, -1);
    addContribution(tx.counts, tx.record, placement, after, true, 1);
  }
  tx.nodes = withDaemonNode(tx.nodes, node, placement, after);
  tx.changed = true;
}

/**
 * A pod without a controller taken by a DaemonSet (ClaimPods): out of the bare pods' index and into
 * the DaemonSet's table under its node, owned, with the revision hash and template generation its
 * labels carry (so a pod of another template is rolled like any old pod). It keeps its own spec
 * and labels (`object`), as an adopted pod does.
 */
function adoptPod(b: Batch, e: EventOf<'PodAdopted'>): void {
  const d = e.data;
  const pod = tableGetNamed(b.pods, d.namespace, d.name);
  const tx = b.ds(d.daemonSet);
  const node = pod?.targetNode;
  if (pod === undefined || tx === undefined || pod.owner !== undefined || node === undefined) return;
  const adopted = own({ ...pod, owner: tx.record.key, ownerUid: tx.record.uid, ...revisionLabels(pod.object?.metadata?.labels) });
  owned?.delete(pod);
  b.pods = tableSetNamed(b.pods, adopted);
  b.podsByNode = indexRemove(b.podsByNode, node, objectKey(d.namespace, d.name));
  const here = daemonNode(tx, node);
  setNodePods(b, tx, node, here.placement, here.pods, [...here.pods, adopted]);
}

/**
 * What a DaemonSet pod's labels say of its template (IsPodUpdated reads them): the revision hash
 * and the template generation.
 */
function revisionLabels(labels: Readonly<Record<string, string>> | undefined): Pick<PodRecord, 'hash' | 'templateGeneration'> {
  const generation = Number(labels?.['pod-template-generation']);
  return { hash: labels?.['controller-revision-hash'], templateGeneration: Number.isInteger(generation) ? generation : undefined };
}

/**
 * A pod's labels replaced (`kubectl label pods`). The pod then carries its own object, as an
 * adopted pod does: its labels are no longer its template's. A DaemonSet's pod also takes the
 * revision hash and template generation its new labels say, which decide whether it counts as
 * updated; its DaemonSet's counters move with it. Release or adoption, if the labels call for
 * either, is the controller's next sync (PodReleased, PodAdopted).
 */
function relabelPod(b: Batch, e: EventOf<'PodRelabeled'>): void {
  replacePodMap(b, e.data, 'labels', e.data.labels);
}

/**
 * A pod's annotations replaced (`kubectl annotate pods`). It then carries its own object too;
 * annotations decide nothing the controller or the counters read, so nothing else moves.
 */
function annotatePod(b: Batch, e: EventOf<'PodAnnotated'>): void {
  replacePodMap(b, e.data, 'annotations', e.data.annotations);
}

/** A pod's labels or annotations replaced by `value` (dropped when empty), in its own object. */
function replacePodMap(b: Batch, d: PodRef, field: 'labels' | 'annotations', value: Readonly<Record<string, string>>): void {
  const pod = tableGetNamed(b.pods, d.namespace, d.name);
  if (pod === undefined) return;
  const tx = b.ownerOf(pod);
  const base = pod.object ?? orphanedPodObject(b.podSources(), pod);
  const { [field]: _old, ...metadata } = base.metadata ?? {};
  const object: Pod = { ...base, metadata: Object.keys(value).length > 0 ? { ...metadata, [field]: { ...value } } : metadata };
  const next = own(tx !== undefined && field === 'labels' ? { ...pod, object, ...revisionLabels(value) } : { ...pod, object });
  owned?.delete(pod);
  b.pods = tableSetNamed(b.pods, next);
  const node = pod.targetNode;
  if (tx === undefined || node === undefined) return;
  const here = daemonNode(tx, node);
  setNodePods(b, tx, node, here.placement, here.pods, here.pods.map((p) => (p === pod ? next : p)));
}

/**
 * A pod released by its DaemonSet (ClaimPods, when the selector no longer matches its labels):
 * without a controller, out of the DaemonSet's table and its counters, indexed with the bare pods.
 * It keeps running where it is, with its own object (PodRelabeled gave it one).
 */
function releasePod(b: Batch, e: EventOf<'PodReleased'>): void {
  const d = e.data;
  const pod = tableGetNamed(b.pods, d.namespace, d.name);
  const tx = b.ds(d.daemonSet);
  if (pod === undefined || tx === undefined || b.ownerOf(pod) !== tx) return;
  const object = pod.object ?? orphanedPodObject(b.podSources(), pod);
  const next = own({ ...pod, owner: undefined, ownerUid: undefined, hash: undefined, templateGeneration: undefined, object });
  owned?.delete(pod);
  b.pods = tableSetNamed(b.pods, next);
  const node = pod.targetNode;
  if (node === undefined) return;
  const here = daemonNode(tx, node);
  setNodePods(b, tx, node, here.placement, here.pods, here.pods.filter((p) => p !== pod));
  b.podsByNode = indexAdd(b.podsByNode, node, objectKey(d.namespace, d.name));
}

function createBarePod(b: Batch, e: EventOf<'BarePodCreated'>): void {
  const pod: Pod = e.data.pod;
  const ns = pod.metadata?.namespace ?? 'default';
  const name = pod.metadata?.name ?? '';
  if (tableGetNamed(b.pods, ns, name) !== undefined) return;
  const target = targetNodeOf(pod);
  b.pods = tableSetNamed(
    b.pods,
    own(newPod({
      namespace: ns,
      name,
      uid: e.data.uid,
      targetNode: target,
      nodeName: pod.spec?.nodeName || undefined,
      createdAt: e.metadata.at,
      object: pod,
    })),
  );
  if (target !== undefined) b.podsByNode = indexAdd(b.podsByNode, target, objectKey(ns, name));
}

/** The node a pod is meant for: spec.nodeName, else a single `metadata.name In [x]` affinity field. */
export function targetNodeOf(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  for (const t of terms ?? []) {
    for (const f of t.matchFields ?? []) {
      if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
    }
  }
  return undefined;
}

/**
 * A pod started, having pulled its images or not: pulled images are then on its node. Every
 * pod's first start on a node pulls, so this runs for most PodStarted of a real log; the
 * lookups, copies and closures it had were a quarter of folding a 10,000-node bring-up
 * log (timed with and without the pulls).
 */
function podStarted(b: Batch, e: EventOf<'PodStarted'>): void {
  const pod = updatePod(b, e, start);
  if (!e.data.imagePulled || pod === undefined) return;
  const node = pod.nodeName;
  if (node === undefined) return;
  const images = containerImages(pod.object?.spec ?? (pod.owner === undefined ? undefined : b.ds(pod.owner)?.record.daemonSet.spec?.template.spec));
  const have = tableGet(b.nodeImages, node);
  let next: string[] | undefined;
  for (let i = 0; i < images.length; i++) {
    const image = images[i]!;
    if (have === undefined || !have.includes(image)) (next ??= have === undefined ? [] : have.slice()).push(image);
  }
  if (next !== undefined) b.nodeImages = tableSet(b.nodeImages, node, next);
}

const NO_IMAGES: readonly string[] = Object.freeze([]);
/** Per pod spec (specs are never changed in place, as for placement's plans). */
const imageCache = new WeakMap<NonNullable<Pod['spec']>, readonly string[]>();

function containerImages(spec: Pod['spec'] | undefined): readonly string[] {
  if (spec === undefined) return NO_IMAGES;
  let images = imageCache.get(spec);
  if (images === undefined) {
    images = Object.freeze((spec.containers ?? []).map((c) => c.image ?? '').filter((i) => i !== ''));
    imageCache.set(spec, images);
  }
  return images;
}

/** The container images a pod runs (from its revision's template for DaemonSet pods). */
export function imagesOf(s: ClusterState, pod: PodRecord): readonly string[] {
  return containerImages(pod.object?.spec ?? (pod.owner === undefined ? undefined : s.daemonSets.get(pod.owner)?.daemonSet.spec?.template.spec));
}

// What each pod event changes: functions of the event rather than closures over it, so that
// folding a pod event allocates nothing when its record is the batch's own.

const requestRemoval: PodChange<EventOf<'PodRemovalRequested'>> = (p, ds, e) => {
  const grace = e.data.gracePeriodSeconds;
  if (p.deletionTimestamp !== undefined) {
    // Already being deleted: the API server lets a delete only shorten the grace period,
    // counted from when the first one was asked (registry/rest BeforeDelete).
    const current = p.deletionGracePeriodSeconds ?? 0;
    if (grace === undefined || grace >= current) return false;
    p.deletionTimestamp -= (current - grace) * 1000;
    p.deletionGracePeriodSeconds = grace;
    return true;
  }
  const g = grace ?? p.object?.spec?.terminationGracePeriodSeconds ?? ds?.daemonSet.spec?.template.spec?.terminationGracePeriodSeconds ?? 30;
  p.deletionTimestamp = e.metadata.at + g * 1000;
  p.deletionGracePeriodSeconds = g;
  return true;
};

const bind: PodChange<EventOf<'PodBound'>> = (p, _ds, e) => {
  p.nodeName = e.data.node;
  p.unschedulable = undefined;
  return true;
};

const markUnschedulable: PodChange<EventOf<'PodUnschedulable'>> = (p, _ds, e) => {
  p.unschedulable = e.data.message;
  return true;
};

const start: PodChange<EventOf<'PodStarted'>> = (p, _ds, e) => {
  p.phase = 'Running';
  p.started = true;
  p.startedAt = e.metadata.at;
  return true;
};

const becomeReady: PodChange<EventOf<'PodBecameReady'>> = (p, ds, e) => {
  p.ready = true;
  p.readyChangedAt = e.metadata.at;
  // With minReadySeconds 0 a Ready pod is available at once; otherwise a later
  // PodBecameAvailable says so.
  p.available = (ds?.daemonSet.spec?.minReadySeconds ?? 0) === 0;
  return true;
};

const becomeUnready: PodChange<EventOf<'PodBecameUnready'>> = (p, _ds, e) => {
  p.ready = false;
  p.available = false;
  p.readyChangedAt = e.metadata.at;
  return true;
};

const becomeAvailable: PodChange<EventOf<'PodBecameAvailable'>> = (p) => {
  if (!p.ready) return false;
  p.available = true;
  return true;
};

const terminate: PodChange<EventOf<'PodTerminated'>> = (p, _ds, e) => {
  if (p.ready) p.readyChangedAt = e.metadata.at;
  p.phase = e.data.phase;
  p.ready = false;
  p.available = false;
  p.terminationReason = e.data.reason;
  return true;
};

const requestDeletion: PodChange<EventOf<'PodDeletionRequested'>> = (p, _ds, e) => {
  if (p.deletionTimestamp !== undefined) return false;
  p.deletionTimestamp = e.metadata.at + e.data.gracePeriodSeconds * 1000;
  p.deletionGracePeriodSeconds = e.data.gracePeriodSeconds;
  return true;
};

/**
 * Whether a change leaves alone every field that a node's contribution to its DaemonSet's status
 * reads (`addContribution`: deletion, template, terminal phase, binding, readiness, availability),
 * so that the counters cannot move: a pod's start (unless it had terminated) and an unschedulable
 * message. A quarter of a bring-up's pod events are starts, and each saved a lookup of the
 * DaemonSet's entry for the node, a cache miss or more on a large cluster.
 */
function leavesCountsAlone(change: PodChange<never>, p: PodRecord): boolean {
  return change === (markUnschedulable as PodChange<never>) || (change === (start as PodChange<never>) && !isTerminal(p));
}

/**
 * A change to a pod record, made on a record the batch may change: it returns false, having
 * changed nothing, when the event changes nothing.
 */
type PodChange<E> = (p: Mutable<PodRecord>, ds: DaemonSetRecord | undefined, e: E) => boolean;

/** The pod events: those whose data names a pod. */
type PodEvent = Extract<DsimEvent, { data: PodRef }>;

/** Changes a pod's record; returns the record as it now stands (undefined when there is no such pod). */
function updatePod<E extends PodEvent>(b: Batch, e: E, change: PodChange<E>): PodRecord | undefined {
  const pod = tableGetNamed(b.pods, e.data.namespace, e.data.name);
  if (pod === undefined) return undefined;
  const tx = b.ownerOf(pod);
  const node = pod.targetNode;
  if (isOwn(pod)) {
    // Made in this batch: changed in place, and every index holding it holds the change. Its
    // DaemonSet's entry for the node is looked up only when the counters may move.
    if (tx === undefined || node === undefined || leavesCountsAlone(change, pod)) {
      change(pod as Mutable<PodRecord>, tx?.record, e);
      return pod;
    }
    const here = daemonNode(tx, node);
    // A node with a placement exists; only without one need the nodes be asked.
    const counted = here.placement !== Placement.None || tableHas(b.nodes, node);
    if (counted) addContribution(tx.counts, tx.record, here.placement, here.pods, true, -1);
    const changed = change(pod as Mutable<PodRecord>, tx.record, e);
    if (counted) addContribution(tx.counts, tx.record, here.placement, here.pods, true, 1);
    if (changed) tx.changed = true;
    return pod;
  }
  const next: Mutable<PodRecord> = { ...pod };
  if (!change(next, tx?.record, e)) return pod;
  b.pods = tableSetNamed(b.pods, own(next));
  if (tx === undefined || node === undefined) return next;
  // The DaemonSet's index holds the records themselves: the new one replaces the old.
  const here = daemonNode(tx, node);
  const before = here.pods;
  setNodePods(b, tx, node, here.placement, before, before.length === 1 && before[0] === pod ? [next] : before.map((p) => (p === pod ? next : p)));
  return next;
}

// A pod record made in the current table batch (table.ts) is held by no state from before it, so
// the batch's later events change it in place, as the batch's own trie nodes are; a record from
// before is copied first. The batch's owner token decides both, so a snapshot (which starts a new
// batch: the engine's `state`) never sees a record change. A pod's events come in a row (bound,
// started, Ready): copying the record and its DaemonSet's entry for each was half of a fold's
// allocations (profiled). A Set, not a WeakSet: adding to the weak one was 7% of a fold's time,
// to a Set 2% (profiled). So that it keeps nothing alive for long, `reduce` and `fold` drop it when
// their batch ends, and a deleted pod leaves it; the engine's batch keeps it until its next snapshot.
let ownedBy: object | null = null;
let owned: Set<PodRecord> | undefined;

/** Marks a record as the current batch's own, and returns it. */
function own<P extends PodRecord>(p: P): P {
  const batch = tableBatch();
  if (batch === null) return p;
  if (batch !== ownedBy || owned === undefined) {
    ownedBy = batch;
    owned = new Set();
  }
  owned.add(p);
  return p;
}

function isOwn(p: PodRecord): boolean {
  return owned !== undefined && ownedBy === tableBatch() && owned.has(p);
}

/** Runs fn as one table batch, and forgets which records it made when it ends. */
function oneBatch<T>(fn: () => T): T {
  const batch = {};
  try {
    return withTableOwner(fn, batch);
  } finally {
    if (ownedBy === batch) {
      ownedBy = null;
      owned = undefined;
    }
  }
}

function deletePod(b: Batch, ref: PodRef): void {
  const pod = tableGetNamed(b.pods, ref.namespace, ref.name);
  if (pod === undefined) return;
  const node = pod.targetNode;
  const tx = b.ownerOf(pod);
  owned?.delete(pod);
  b.pods = tableDeleteNamed(b.pods, ref.namespace, ref.name);
  if (node === undefined) return;
  if (tx === undefined) {
    b.podsByNode = indexRemove(b.podsByNode, node, objectKey(ref.namespace, ref.name));
    return;
  }
  const here = daemonNode(tx, node);
  const before = here.pods;
  const after: PodRecord[] = [];
  for (let i = 0; i < before.length; i++) if (before[i] !== pod) after.push(before[i]!);
  setNodePods(b, tx, node, here.placement, before, after);
}

function indexAdd(t: Table<readonly string[]>, node: string, key: string): Table<readonly string[]> {
  const have = tableGet(t, node);
  return tableSet(t, node, have === undefined ? [key] : [...have, key]);
}

function indexRemove(t: Table<readonly string[]>, node: string, key: string): Table<readonly string[]> {
  const have = tableGet(t, node);
  if (have === undefined) return t;
  const rest: string[] = [];
  for (let i = 0; i < have.length; i++) if (have[i] !== key) rest.push(have[i]!);
  return rest.length === 0 ? tableDelete(t, node) : tableSet(t, node, rest);
}

// ---- reduce and fold --------------------------------------------------------------------------

/** A reducer bound to one immer instance. */
export interface Model {
  /** Folds one event, in its own `produce`. */
  reduce(state: ClusterState, event: DsimEvent): ClusterState;
  /** Folds a batch of events in one `produce`: same result as reducing them one by one. */
  fold(state: ClusterState, events: Iterable<DsimEvent>): ClusterState;
}

/**
 * A model on its own immer instance, leaving immer's global settings alone. `autoFreeze`
 * (the default) deep-freezes state so accidental mutation throws: right for tests and library
 * users. Replay, benchmarks and the command line turn it off for speed.
 */
export function createModel(options: { autoFreeze?: boolean } = {}): Model {
  const immer = new Immer({ autoFreeze: options.autoFreeze ?? true });
  return {
    // One table owner per produce: trie nodes made in this batch are written in place after.
    reduce: (state, event) => immer.produce(state, (d) => oneBatch(() => evolve(d, event))),
    fold: (state, events) => immer.produce(state, (d: Draft<ClusterState>) => oneBatch(() => evolveAll(d, events))),
  };
}

const frozenModel = createModel({ autoFreeze: true });

/** Folds one event into the state (frozen result). */
export const reduce: Model['reduce'] = frozenModel.reduce;
/** Folds many events in one `produce` (frozen result); equal to reducing them one by one. */
export const fold: Model['fold'] = frozenModel.fold;

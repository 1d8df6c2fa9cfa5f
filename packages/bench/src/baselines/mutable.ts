// Baseline (b): dsim's model and controller rules on plain mutable Maps, with no immer, no log
// and no snapshots: the practical speed limit for the same algorithm. Benchmarks only.
//
// Same algorithm as @dsim/core: placement kept per DaemonSet and recomputed only for the node
// that changed (or for all nodes when a template changes), beside the DaemonSet's pods on that
// node in one entry per node (as core's `DaemonSetRecord.nodes`), status counters
// moved by each node's contribution before and after a change, and a controller whose sync
// visits the scoped nodes and applies core's own per-node rules (`podsShouldBeOnNode`,
// `findUpdatedPodsOnNode`, `rolloutBudget`). Rolling updates support maxUnavailable only (no
// surge), which is all the benchmark fixtures use.

import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node } from 'kubernetes-types/core/v1';
import {
  addCounts,
  allowsSurge,
  applyDaemonSetUpdate,
  computeHash,
  daemonPodRecord,
  derivedUid,
  findUpdatedPodsOnNode,
  generateName,
  isPodAvailable,
  nodeContribution,
  objectKey,
  Placement,
  placementFor,
  podsShouldBeOnNode,
  randomUid,
  rolloutBudget,
  templateGeneration,
  zeroCounts,
  type DaemonSetCounts,
  type DaemonSetRecord,
  type DsimEvent,
  type PodRecord,
  type Random,
} from '@dsim/core';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A pod: the same fields as dsim's PodRecord, changed in place. */
export type MutablePod = Mutable<PodRecord>;

/** A DaemonSet on one node: its placement and its pods there, changed in place. */
export interface MutableDaemonNode {
  placement: Placement;
  readonly pods: MutablePod[];
}

/** A DaemonSet with its placement and pods by node, as plain Maps. */
export interface MutableDaemonSet {
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  daemonSet: DaemonSet;
  generation: number;
  templateGeneration: number;
  hash: string;
  counts: DaemonSetCounts;
  observedGeneration: number;
  /** Nodes whose placement is not None or that have pods of it. */
  readonly nodes: Map<string, MutableDaemonNode>;
  /** Hashes of the templates recorded as ControllerRevisions. */
  readonly revisions: Set<string>;
}

/** What one sync asks for: nodes that need a pod, pods to delete. */
export interface MutablePlan {
  readonly create: string[];
  readonly delete: MutablePod[];
}

// core's per-node rules read only hash, templateGeneration, daemonSet and counts of the record.
function asRecord(ds: MutableDaemonSet): DaemonSetRecord {
  return ds as unknown as DaemonSetRecord;
}

const NO_PODS: readonly MutablePod[] = [];

/** A cluster held in mutable Maps; every change happens in place. */
export class MutableCluster {
  readonly nodes = new Map<string, Node>();
  readonly daemonSets = new Map<string, MutableDaemonSet>();
  /** By `namespace/name`. */
  readonly pods = new Map<string, MutablePod>();
  /** Every pod meant for a node, whatever its owner. */
  readonly podsByNode = new Map<string, MutablePod[]>();
  /** The images on each node (pulled by a pod's start), as the reducer's nodeImages. */
  readonly nodeImages = new Map<string, string[]>();
  now = 0;
  private applied = 0;

  constructor(readonly rng: Random) {}

  // ---- the model: what the reducer does --------------------------------------------------------

  /** Folds one fact or input into the cluster (the types the benchmarks use). */
  evolve(e: DsimEvent): void {
    this.now = e.metadata.at;
    switch (e.type) {
      case 'NodeAdded':
      case 'NodeUpdated':
        return this.putNode(e.data.node);
      case 'NodeRemoved':
        return this.removeNode(e.data.name);
      case 'DaemonSetApplied':
        this.applyDaemonSet(e.data.daemonSet);
        return;
      case 'PodCreated': {
        const ds = this.daemonSets.get(e.data.daemonSet);
        if (ds !== undefined) this.insertPod(ds, e.data.node, e.data.name, e.data.uid);
        return;
      }
      case 'PodBound':
        return this.changePod(e.data.namespace, e.data.name, (p) => {
          p.nodeName = e.data.node;
          p.unschedulable = undefined;
        });
      case 'PodStarted':
        return this.changePod(e.data.namespace, e.data.name, (p, ds) => {
          p.phase = 'Running';
          p.started = true;
          p.startedAt = this.now;
          if (e.data.imagePulled && p.nodeName !== undefined) this.pulled(p.nodeName, ds);
        });
      case 'PodBecameReady':
        return this.changePod(e.data.namespace, e.data.name, (p, ds) => {
          p.ready = true;
          p.readyChangedAt = this.now;
          p.available = (ds.daemonSet.spec?.minReadySeconds ?? 0) === 0;
        });
      case 'PodBecameUnready':
        return this.changePod(e.data.namespace, e.data.name, (p) => {
          p.ready = false;
          p.available = false;
          p.readyChangedAt = this.now;
        });
      case 'PodDeleted':
        return this.deletePod(objectKey(e.data.namespace, e.data.name));
      case 'ControllerRevisionCreated': {
        this.daemonSets.get(e.data.daemonSet)?.revisions.add(e.data.hash);
        return;
      }
      case 'DaemonSetSynced': {
        const ds = this.daemonSets.get(objectKey(e.data.namespace, e.data.name));
        if (ds !== undefined) ds.observedGeneration = e.data.observedGeneration;
        return;
      }
      default:
        throw new Error(`the mutable baseline does not model ${e.type}`);
    }
  }

  /** NodeAdded or NodeUpdated: store the node and redo its placement for every DaemonSet. */
  putNode(node: Node): void {
    const name = node.metadata?.name ?? '';
    const existed = this.nodes.has(name);
    this.nodes.set(name, node);
    for (const ds of this.daemonSets.values()) {
      const p = placementFor(node, ds.daemonSet);
      const before = this.contribution(ds, name, existed);
      setPlacement(ds, name, p);
      this.moveCounts(ds, before, this.contribution(ds, name, true));
    }
  }

  /** NodeRemoved: the node goes; its pods stay until the controller or pod GC deletes them. */
  removeNode(name: string): void {
    if (!this.nodes.has(name)) return;
    this.nodeImages.delete(name);
    for (const ds of this.daemonSets.values()) {
      const before = this.contribution(ds, name, true);
      setPlacement(ds, name, Placement.None);
      this.moveCounts(ds, before, zeroCounts());
    }
    this.nodes.delete(name);
  }

  /** DaemonSetApplied: create, or update and (on a template change) recompute every placement. */
  applyDaemonSet(incoming: DaemonSet): MutableDaemonSet {
    const namespace = incoming.metadata?.namespace ?? 'default';
    const name = incoming.metadata?.name ?? '';
    const key = objectKey(namespace, name);
    const existing = this.daemonSets.get(key);
    const next = applyDaemonSetUpdate(existing?.daemonSet, { ...incoming, metadata: { ...incoming.metadata, namespace } });
    const hash = computeHash(next.spec?.template);
    if (existing === undefined) {
      const uid = derivedUid(`${key}@${this.applied++}`);
      const ds: MutableDaemonSet = {
        key,
        namespace,
        name,
        uid,
        daemonSet: { ...next, metadata: { ...next.metadata, uid } },
        generation: next.metadata?.generation ?? 1,
        templateGeneration: templateGeneration(next),
        hash,
        counts: zeroCounts(),
        observedGeneration: 0,
        nodes: new Map(),
        revisions: new Set(),
      };
      this.daemonSets.set(key, ds);
      this.computePlacement(ds);
      this.recount(ds);
      return ds;
    }
    const changed = hash !== existing.hash;
    existing.daemonSet = { ...next, metadata: { ...next.metadata, uid: existing.uid } };
    existing.generation = next.metadata?.generation ?? existing.generation;
    existing.templateGeneration = templateGeneration(next);
    existing.hash = hash;
    if (changed) this.computePlacement(existing);
    this.recount(existing);
    return existing;
  }

  /** Removes a DaemonSet and all its pods at once (the benchmarks' reset, not a Kubernetes delete). */
  dropDaemonSet(key: string): void {
    const ds = this.daemonSets.get(key);
    if (ds === undefined) return;
    for (const { pods } of ds.nodes.values()) for (const p of [...pods]) this.deletePod(objectKey(p.namespace, p.name));
    this.daemonSets.delete(key);
  }

  private computePlacement(ds: MutableDaemonSet): void {
    for (const here of ds.nodes.values()) here.placement = Placement.None;
    for (const [name, node] of this.nodes) setPlacement(ds, name, placementFor(node, ds.daemonSet));
    for (const [name, here] of ds.nodes) if (here.placement === Placement.None && here.pods.length === 0) ds.nodes.delete(name);
  }

  private recount(ds: MutableDaemonSet): void {
    let c = zeroCounts();
    for (const [node, here] of ds.nodes) c = addCounts(c, nodeContribution(asRecord(ds), here.placement, here.pods, this.nodes.has(node)), 1);
    ds.counts = c;
  }

  // Every change to a node's pods or placement takes the node's contribution to the counters
  // before and after, and moves the counters by the difference (written out at each call site:
  // no closure per change).
  private moveCounts(ds: MutableDaemonSet, before: DaemonSetCounts, after: DaemonSetCounts): void {
    if (before !== after) ds.counts = addCounts(addCounts(ds.counts, before, -1), after, 1);
  }

  private contribution(ds: MutableDaemonSet, node: string, exists: boolean): DaemonSetCounts {
    if (!exists) return zeroCounts();
    const here = ds.nodes.get(node);
    if (here === undefined) return zeroCounts();
    return nodeContribution(asRecord(ds), here.placement, here.pods, true);
  }

  private insertPod(ds: MutableDaemonSet, node: string, name: string, uid: string): MutablePod {
    const pod = daemonPodRecord(
      { namespace: ds.namespace, name, uid, daemonSet: ds.key, node, hash: ds.hash, templateGeneration: ds.templateGeneration },
      ds.uid,
      this.now,
    ) as MutablePod;
    const exists = this.nodes.has(node);
    const before = this.contribution(ds, node, exists);
    this.pods.set(objectKey(ds.namespace, name), pod);
    push(this.podsByNode, node, pod);
    const here = ds.nodes.get(node);
    if (here === undefined) ds.nodes.set(node, { placement: Placement.None, pods: [pod] });
    else here.pods.push(pod);
    this.moveCounts(ds, before, this.contribution(ds, node, exists));
    return pod;
  }

  /** The node now has the images of ds's template. */
  private pulled(node: string, ds: MutableDaemonSet): void {
    let have = this.nodeImages.get(node);
    if (have === undefined) this.nodeImages.set(node, (have = []));
    for (const c of ds.daemonSet.spec?.template.spec?.containers ?? []) {
      if (c.image !== undefined && c.image !== '' && !have.includes(c.image)) have.push(c.image);
    }
  }

  private changePod(namespace: string, name: string, change: (p: MutablePod, ds: MutableDaemonSet) => void): void {
    const p = this.pods.get(objectKey(namespace, name));
    if (p === undefined || p.owner === undefined || p.targetNode === undefined) return;
    const ds = this.daemonSets.get(p.owner);
    if (ds === undefined) return;
    const exists = this.nodes.has(p.targetNode);
    const before = this.contribution(ds, p.targetNode, exists);
    change(p, ds);
    this.moveCounts(ds, before, this.contribution(ds, p.targetNode, exists));
  }

  /** PodDeleted: the pod leaves every index. */
  deletePod(key: string): void {
    const p = this.pods.get(key);
    if (p === undefined) return;
    const node = p.targetNode ?? '';
    const ds = p.owner === undefined ? undefined : this.daemonSets.get(p.owner);
    const exists = this.nodes.has(node);
    const before = ds === undefined ? undefined : this.contribution(ds, node, exists);
    this.pods.delete(key);
    pull(this.podsByNode, node, p);
    if (ds !== undefined) {
      const here = ds.nodes.get(node);
      if (here !== undefined) {
        const i = here.pods.indexOf(p);
        if (i >= 0) here.pods.splice(i, 1);
        if (here.pods.length === 0 && here.placement === Placement.None) ds.nodes.delete(node);
      }
      this.moveCounts(ds, before!, this.contribution(ds, node, exists));
    }
  }

  // ---- the controller: what syncDaemonSet decides, carried out at once ---------------------------

  /** One sync: manage() over the scoped nodes; when it needs nothing, one rolling-update step. */
  sync(key: string, scope: 'all' | readonly string[] = 'all'): MutablePlan {
    const ds = this.daemonSets.get(key);
    const plan: MutablePlan = { create: [], delete: [] };
    if (ds === undefined) return plan;
    // constructHistory: one revision per template.
    if (!ds.revisions.has(ds.hash)) ds.revisions.add(ds.hash);
    const surge = allowsSurge(asRecord(ds));
    const visit = (node: string, here: MutableDaemonNode | undefined) => {
      const pods = here?.pods ?? NO_PODS;
      if (!this.nodes.has(node)) {
        for (const p of pods) if (p.nodeName === undefined && p.deletionTimestamp === undefined) plan.delete.push(p);
        return;
      }
      const r = podsShouldBeOnNode(asRecord(ds), here?.placement ?? Placement.None, pods, {
        surge,
        failedPodDeletable: true,
        nodeName: node,
      });
      if (r.create) plan.create.push(node);
      for (const p of r.delete) plan.delete.push(p as MutablePod);
    };
    if (scope === 'all') {
      for (const [node, here] of ds.nodes) visit(node, here);
    } else for (const node of scope) visit(node, ds.nodes.get(node));
    if (
      plan.create.length === 0 &&
      plan.delete.length === 0 &&
      ds.daemonSet.spec?.updateStrategy?.type === 'RollingUpdate' &&
      ds.counts.numberOutdated > 0
    ) {
      this.rollingUpdate(ds, plan);
    }
    ds.observedGeneration = ds.generation;
    return plan;
  }

  /** rollingUpdate() without surge: replace unavailable old pods, then old ones within maxUnavailable. */
  private rollingUpdate(ds: MutableDaemonSet, plan: MutablePlan): void {
    const { maxSurge, maxUnavailable } = rolloutBudget(asRecord(ds));
    if (maxSurge !== 0) throw new Error('the mutable baseline models rolling updates without surge only');
    let numUnavailable = 0;
    const candidates: MutablePod[] = [];
    const visit = (pods: readonly MutablePod[]) => {
      const { newPod, oldPod, ok } = findUpdatedPodsOnNode(asRecord(ds), pods);
      if (!ok || (oldPod === undefined) === (newPod === undefined)) numUnavailable++;
      else if (newPod !== undefined) {
        if (!isPodAvailable(newPod)) numUnavailable++;
      } else if (!isPodAvailable(oldPod!)) {
        plan.delete.push(oldPod as MutablePod);
        numUnavailable++;
      } else if (numUnavailable < maxUnavailable) candidates.push(oldPod as MutablePod);
    };
    for (const here of ds.nodes.values()) if (here.pods.length > 0 || here.placement === Placement.Run) visit(here.pods);
    const remaining = Math.min(Math.max(maxUnavailable - numUnavailable, 0), candidates.length);
    for (let i = 0; i < remaining; i++) plan.delete.push(candidates[i]!);
  }

  /**
   * Carries out a plan with writes observed at once (like core's `settle`): deletes are
   * immediate, new pods get API-server names from the seeded generator, and with `ready` they
   * are bound, started and Ready at once. Returns the pods created.
   */
  execute(key: string, plan: MutablePlan, ready = false): MutablePod[] {
    const ds = this.daemonSets.get(key);
    if (ds === undefined) return [];
    for (const p of plan.delete) this.deletePod(objectKey(p.namespace, p.name));
    const created: MutablePod[] = [];
    const base = `${ds.name}-`;
    for (const node of plan.create) {
      let name: string;
      do name = generateName(base, this.rng);
      while (this.pods.has(objectKey(ds.namespace, name)));
      const pod = this.insertPod(ds, node, name, randomUid(this.rng));
      if (ready) this.makeReady(ds, pod);
      created.push(pod);
    }
    return created;
  }

  private makeReady(ds: MutableDaemonSet, p: MutablePod): void {
    const node = p.targetNode ?? '';
    const exists = this.nodes.has(node);
    const before = this.contribution(ds, node, exists);
    p.nodeName = node;
    p.phase = 'Running';
    p.started = true;
    p.startedAt = this.now;
    p.ready = true;
    p.readyChangedAt = this.now;
    p.available = (ds.daemonSet.spec?.minReadySeconds ?? 0) === 0;
    this.moveCounts(ds, before, this.contribution(ds, node, exists));
  }

  // ---- whole operations, as the benchmarks time them -------------------------------------------

  /** A DaemonSet applied and its first full sync carried out. Returns the number of pods created. */
  applyAndSync(daemonSet: DaemonSet, ready = false): number {
    const ds = this.applyDaemonSet(daemonSet);
    return this.execute(ds.key, this.sync(ds.key), ready).length;
  }

  /** A node added and every DaemonSet synced for that node. Returns the number of pods created. */
  addNodeAndSync(node: Node, ready = false): number {
    this.putNode(node);
    const name = node.metadata?.name ?? '';
    let n = 0;
    for (const key of this.daemonSets.keys()) n += this.execute(key, this.sync(key, [name]), ready).length;
    return n;
  }

  /** A node removed and every DaemonSet synced for it: its unbound pods are deleted, bound ones left to pod GC. */
  removeNodeAndSync(name: string): void {
    this.removeNode(name);
    for (const key of this.daemonSets.keys()) this.execute(key, this.sync(key, [name]));
    // Pod GC, at once: bound pods of a node that is gone.
    for (const p of [...(this.podsByNode.get(name) ?? NO_PODS)]) this.deletePod(objectKey(p.namespace, p.name));
  }

  /** A template change rolled out to the end, pods turning Ready as soon as they are created. Returns the syncs. */
  rollout(daemonSet: DaemonSet, maxSyncs = 100_000): number {
    const ds = this.applyDaemonSet(daemonSet);
    for (let syncs = 1; syncs <= maxSyncs; syncs++) {
      const plan = this.sync(ds.key);
      if (plan.create.length === 0 && plan.delete.length === 0) return syncs;
      this.execute(ds.key, plan, true);
    }
    throw new Error(`rollout did not finish within ${maxSyncs} syncs`);
  }
}

function setPlacement(ds: MutableDaemonSet, node: string, p: Placement): void {
  const here = ds.nodes.get(node);
  if (here === undefined) {
    if (p !== Placement.None) ds.nodes.set(node, { placement: p, pods: [] });
  } else if (p === Placement.None && here.pods.length === 0) ds.nodes.delete(node);
  else here.placement = p;
}

function push<T>(m: Map<string, T[]>, key: string, v: T): void {
  const have = m.get(key);
  if (have === undefined) m.set(key, [v]);
  else have.push(v);
}

function pull<T>(m: Map<string, T[]>, key: string, v: T): void {
  const have = m.get(key);
  if (have === undefined) return;
  const i = have.indexOf(v);
  if (i >= 0) have.splice(i, 1);
  if (have.length === 0) m.delete(key);
}

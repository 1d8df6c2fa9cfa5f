// The DaemonSet controller, pure: given the state, it returns intents (create this pod, delete
// that one) as data, the way Kubernetes' syncDaemonSet hands its writes to podControl. It never
// changes state; the engine (or `settle`) turns intents into logged facts.
// Names follow pkg/controller/daemon/daemon_controller.go so the two can be read side by side.

import { constructHistory, type RevisionIntent } from './history.ts';
import { rollingUpdate, scaledValue, type WorkingSet } from './rollingUpdate.ts';
import {
  comparePods,
  objectKey,
  daemonNode,
  Placement,
  podsOnNode,
  type ClusterState,
  type DaemonSetRecord,
  type PodRecord,
} from './state.ts';
import { matchLabelSelector } from './labels.ts';
import { tableForEach, tableGet, tableGetNamed, tableHas } from './table.ts';

/** Create one pod of a DaemonSet for a node. */
export interface CreatePodIntent {
  readonly type: 'CreatePod';
  readonly daemonSet: string;
  readonly node: string;
}

/** Delete a pod (ask for it: it terminates over its grace period). */
export interface DeletePodIntent {
  readonly type: 'DeletePod';
  readonly namespace: string;
  readonly name: string;
  /** Why, in the words of the Kubernetes component that would do it. */
  readonly reason: string;
}

/** Adopt a pod that has no controller and matches the selector (ClaimPods). */
export interface AdoptPodIntent {
  readonly type: 'AdoptPod';
  readonly daemonSet: string;
  readonly namespace: string;
  readonly name: string;
}

/** Release a pod whose labels the selector no longer matches (ClaimPods): it loses its controller reference. */
export interface ReleasePodIntent {
  readonly type: 'ReleasePod';
  readonly daemonSet: string;
  readonly namespace: string;
  readonly name: string;
}

/** Record that a full sync observed this generation. */
export interface SyncedIntent {
  readonly type: 'MarkSynced';
  readonly daemonSet: string;
  readonly observedGeneration: number;
}

/** Everything the controller can ask for. */
export type Intent = CreatePodIntent | DeletePodIntent | AdoptPodIntent | ReleasePodIntent | RevisionIntent | SyncedIntent;

/** Which nodes a sync looks at: all of them (a DaemonSet changed) or a few (node or pod events). */
export type SyncScope = { readonly nodes: 'all' } | { readonly nodes: Iterable<string> };

/** Controller settings that change what one sync decides. */
export interface SyncOptions {
  /**
   * Whether a failed pod on this node may be deleted now (the controller's per-node failed-pod
   * backoff, 1 s doubling to 15 min). The engine keeps the backoff; default: always.
   */
  readonly failedPodDeletable?: (daemonSet: string, node: string) => boolean;
  /**
   * The rolling update's working set, when the caller keeps one up to date (the engine does, so
   * a step costs O(nodes in transition)); default: a scan of every node.
   */
  readonly workingSet?: (ds: DaemonSetRecord) => WorkingSet;
}

/** The pods of a DaemonSet a node should lose, and whether it needs a new one (podsShouldBeOnNode). */
export interface NodePlan {
  readonly create: boolean;
  readonly delete: readonly PodRecord[];
}

const NO_PLAN: NodePlan = { create: false, delete: [] };
const CREATE_PLAN: NodePlan = { create: true, delete: [] };

/**
 * Whether the DaemonSet rolls out by surging (AllowsSurge: RollingUpdate and SurgeCount(ds, 1) > 0,
 * so `'00%'` or a malformed value means no surge, and `'1%'` means surge).
 */
export function allowsSurge(ds: DaemonSetRecord): boolean {
  const s = ds.daemonSet.spec?.updateStrategy;
  if (s?.type !== 'RollingUpdate') return false;
  return scaledValue(s.rollingUpdate?.maxSurge, 1) > 0;
}

/**
 * What one node needs (podsShouldBeOnNode): create when shouldRun and no pod; prune Failed and
 * Succeeded pods and duplicates when shouldContinueRunning; delete everything otherwise.
 * `pods` are the DaemonSet's pods meant for the node.
 */
export function podsShouldBeOnNode(
  ds: DaemonSetRecord,
  placement: Placement,
  pods: readonly PodRecord[],
  options: { surge: boolean; failedPodDeletable: boolean; nodeName: string },
): NodePlan {
  if (pods.length === 0) return placement === Placement.Run ? CREATE_PLAN : NO_PLAN;
  if (pods.length === 1 && placement !== Placement.None) {
    // The usual node: one live pod that should stay. Nothing to do, surge or not.
    const p = pods[0]!;
    if (p.deletionTimestamp === undefined && !terminal(p)) return NO_PLAN;
  }
  // Pods that are both terminal and being deleted are invisible (getNodesToDaemonPods).
  const visible = pods.filter((p) => !(terminal(p) && p.deletionTimestamp !== undefined));
  const exists = visible.length > 0;
  if (placement === Placement.Run && !exists) return { create: true, delete: [] };
  if (placement !== Placement.None) {
    const toDelete: PodRecord[] = [];
    const running: PodRecord[] = [];
    for (const p of visible) {
      if (p.deletionTimestamp !== undefined) continue;
      if (p.phase === 'Failed') {
        // Deleted after a per-node backoff; the replacement comes on a later sync.
        if (options.failedPodDeletable) toDelete.push(p);
        continue;
      }
      if (p.phase === 'Succeeded') {
        toDelete.push(p);
        continue;
      }
      running.push(p);
    }
    let create = false;
    if (!options.surge) {
      if (running.length > 1) {
        running.sort(comparePods);
        toDelete.push(...running.slice(1));
      }
    } else if (running.length === 0) {
      create = placement === Placement.Run;
    } else if (running.length > 1) {
      running.sort(comparePods);
      let oldestNew: PodRecord | undefined;
      let oldestOld: PodRecord | undefined;
      for (const p of running) {
        // Kubernetes compares the hash label only here, not IsPodUpdated's template generation.
        if (p.hash === ds.hash) {
          if (oldestNew === undefined) oldestNew = p;
          else toDelete.push(p);
        } else if (oldestOld === undefined) oldestOld = p;
        else toDelete.push(p);
      }
      // Both kept: the old one goes once it is not Ready or the new one is available.
      if (oldestNew !== undefined && oldestOld !== undefined) {
        if (!oldestOld.ready || (oldestNew.ready && oldestNew.available)) toDelete.push(oldestOld);
      }
    }
    return create || toDelete.length > 0 ? { create, delete: toDelete } : NO_PLAN;
  }
  if (!exists) return NO_PLAN;
  const del = visible.filter((p) => p.deletionTimestamp === undefined);
  return del.length > 0 ? { create: false, delete: del } : NO_PLAN;
}

function terminal(p: PodRecord): boolean {
  return p.phase === 'Failed' || p.phase === 'Succeeded';
}

/**
 * manage(): the creates and deletes the scoped nodes need. With scope 'all' it visits every
 * node that has a placement or a pod of this DaemonSet: nodes that are neither need nothing.
 * Unbound pods meant for nodes that no longer exist are deleted here too; bound ones are left
 * to pod garbage collection (`podGarbageCollection`), as in Kubernetes.
 */
export function manage(
  state: ClusterState,
  ds: DaemonSetRecord,
  scope: SyncScope = { nodes: 'all' },
  options: SyncOptions = {},
): Intent[] {
  const out: Intent[] = [];
  const surge = allowsSurge(ds);
  const claimed = claimPods(state, ds, scope, out);
  // An inline callback, not a named closure: the dev build (tsx, keepNames) renames every named
  // closure each time it is made, which showed up in profiles of small syncs.
  if (claimed === undefined) {
    forEachScopedNode(ds, scope, (node, placement, pods) => manageNode(state, ds, node, placement, releaseUnmatched(ds, pods, out), surge, options, out));
  } else {
    // The pods just claimed count as the DaemonSet's here already, as after ClaimPods.
    forEachScopedNode(ds, scope, (node, placement, pods) => {
      const adopted = claimed.get(node);
      const kept = releaseUnmatched(ds, pods, out);
      manageNode(state, ds, node, placement, adopted === undefined ? kept : [...kept, ...adopted], surge, options, out);
    });
  }
  return out;
}

/**
 * ClaimPods' release: the DaemonSet's pods on a node whose labels its selector no longer matches,
 * each with a ReleasePod intent appended to `out`; the rest returned (the same array when all
 * match). Only a pod with its own object can differ from its template's labels, which the
 * selector matches (validation), so the others are not matched again: a pod's object is set by
 * `kubectl label` (PodRelabeled) or adoption.
 */
function releaseUnmatched(ds: DaemonSetRecord, pods: readonly PodRecord[], out: Intent[]): readonly PodRecord[] {
  let kept: PodRecord[] | undefined;
  for (let i = 0; i < pods.length; i++) {
    const p = pods[i]!;
    if (p.object !== undefined && !matchLabelSelector(ds.daemonSet.spec?.selector, p.object.metadata?.labels ?? {})) {
      kept ??= pods.slice(0, i);
      out.push({ type: 'ReleasePod', daemonSet: ds.key, namespace: p.namespace, name: p.name });
    } else kept?.push(p);
  }
  return kept ?? pods;
}

/**
 * ClaimPods' adoption: the pods in scope with no controller, not being deleted, in the
 * DaemonSet's namespace and matching its selector (an orphan of a DaemonSet deleted with
 * `--cascade=orphan`, or a bare pod), each with an AdoptPod intent appended to `out`; by node.
 * Undefined when there are none, at the cost of one size check when no pod is bare.
 */
function claimPods(state: ClusterState, ds: DaemonSetRecord, scope: SyncScope, out: Intent[]): Map<string, PodRecord[]> | undefined {
  if (state.podsByNode.size === 0) return undefined;
  let claimed: Map<string, PodRecord[]> | undefined;
  const visit = (keys: readonly string[], node: string) => {
    for (const key of keys) {
      const slash = key.indexOf('/');
      const p = tableGetNamed(state.pods, key.slice(0, slash), key.slice(slash + 1));
      if (p === undefined || p.owner !== undefined || p.deletionTimestamp !== undefined || p.namespace !== ds.namespace) continue;
      if (!matchLabelSelector(ds.daemonSet.spec?.selector, p.object?.metadata?.labels ?? {})) continue;
      out.push({ type: 'AdoptPod', daemonSet: ds.key, namespace: p.namespace, name: p.name });
      const here = (claimed ??= new Map()).get(node);
      if (here === undefined) claimed.set(node, [p]);
      else here.push(p);
    }
  };
  if (scope.nodes === 'all') tableForEach(state.podsByNode, visit);
  else {
    for (const node of new Set(scope.nodes)) {
      const keys = tableGet(state.podsByNode, node);
      if (keys !== undefined) visit(keys, node);
    }
  }
  return claimed;
}

/** manage() on one node: appends what it needs to `out`. */
function manageNode(
  state: ClusterState,
  ds: DaemonSetRecord,
  node: string,
  placement: Placement,
  pods: readonly PodRecord[],
  surge: boolean,
  options: SyncOptions,
  out: Intent[],
): void {
  // A node with a placement exists (the reducer drops a removed node's placement).
  if (placement === Placement.None && !tableHas(state.nodes, node)) {
    for (const p of pods) {
      if (p.nodeName === undefined && p.deletionTimestamp === undefined) {
        out.push(deletePod(p, 'target node does not exist'));
      }
    }
    return;
  }
  // Ask about the failed-pod backoff only where a failed pod waits: asking starts the backoff.
  let hasFailed = false;
  for (let i = 0; i < pods.length && !hasFailed; i++) hasFailed = pods[i]!.phase === 'Failed' && pods[i]!.deletionTimestamp === undefined;
  const plan = podsShouldBeOnNode(ds, placement, pods, {
    surge,
    failedPodDeletable: hasFailed ? (options.failedPodDeletable?.(ds.key, node) ?? true) : true,
    nodeName: node,
  });
  if (plan.create) out.push({ type: 'CreatePod', daemonSet: ds.key, node });
  for (const p of plan.delete) out.push(deletePod(p, reasonFor(p)));
}

function reasonFor(p: PodRecord): string {
  if (p.phase === 'Failed') return 'FailedDaemonPod';
  if (p.phase === 'Succeeded') return 'SucceededDaemonPod';
  return 'DaemonSetController';
}

/**
 * Calls visit once per node in scope, with its placement and this DaemonSet's pods there (for
 * 'all': nodes with a placement, then nodes with only pods, each in table order).
 */
export function forEachScopedNode(
  ds: DaemonSetRecord,
  scope: SyncScope,
  visit: (node: string, placement: Placement, pods: readonly PodRecord[]) => void,
): void {
  if (scope.nodes !== 'all') {
    // Each node once (no Set for a one-node array: a node event scopes one).
    const nodes = scope.nodes;
    const seen = Array.isArray(nodes) && nodes.length <= 1 ? undefined : new Set<string>();
    for (const n of scope.nodes) {
      if (seen?.has(n)) continue;
      seen?.add(n);
      const here = daemonNode(ds, n);
      visit(n, here.placement, here.pods);
    }
    return;
  }
  // Nodes with pods but no placement (misscheduled, or gone) come after the others, each group in
  // table order: the order of the intents is the order of the log.
  let placeless: Array<string | readonly PodRecord[]> | undefined;
  tableForEach(ds.nodes, (here, node) => {
    if (here.placement !== Placement.None) visit(node, here.placement, here.pods);
    else (placeless ??= []).push(node, here.pods);
  });
  if (placeless === undefined) return;
  for (let i = 0; i < placeless.length; i += 2) visit(placeless[i] as string, Placement.None, placeless[i + 1] as readonly PodRecord[]);
}

function deletePod(p: PodRecord, reason: string): DeletePodIntent {
  return { type: 'DeletePod', namespace: p.namespace, name: p.name, reason };
}

/** The result of one syncDaemonSet. */
export interface SyncResult {
  readonly intents: readonly Intent[];
  /** Whether manage() asked for writes; a real cluster then defers the rolling update to a later sync. */
  readonly managed: boolean;
}

/**
 * One syncDaemonSet, as in a real cluster: history first, then manage(); if manage() wrote
 * nothing (expectations satisfied), the rolling update; then mark the generation observed.
 * A selector of `{}` selects everything and makes the controller do nothing at all.
 */
export function syncDaemonSet(
  state: ClusterState,
  key: string,
  scope: SyncScope = { nodes: 'all' },
  options: SyncOptions = {},
): SyncResult {
  const ds = state.daemonSets.get(key);
  if (ds === undefined) return { intents: [], managed: false };
  if (selectsAll(ds)) return { intents: [], managed: false };
  // Being deleted in the foreground: its history and pods are the garbage collector's now.
  if (ds.deletionRequestedAt !== undefined) return { intents: [], managed: false };
  const intents: Intent[] = [...constructHistory(state, ds)];
  const managed = manage(state, ds, scope, options);
  // A loop, not push(...managed): a sync over a million nodes makes more intents than a call's arguments may hold.
  // Adoptions are not writes the expectations wait for: the rolling update may follow them. A
  // release is not either, but the rolling update would still see the released pod as this
  // DaemonSet's: it waits for the next sync, which the release's own fact starts.
  let writes = 0;
  for (const i of managed) {
    intents.push(i);
    if (i.type !== 'AdoptPod') writes++;
  }
  if (writes === 0 && ds.daemonSet.spec?.updateStrategy?.type === 'RollingUpdate' && ds.counts.numberOutdated > 0) {
    for (const i of rollingUpdate(state, ds, options.workingSet?.(ds))) intents.push(i);
  }
  if (ds.observedGeneration !== ds.generation) {
    intents.push({ type: 'MarkSynced', daemonSet: key, observedGeneration: ds.generation });
  }
  return { intents, managed: writes > 0 };
}

/** Whether the selector is the empty selector `{}` (the controller's SelectingAll warning). */
export function selectsAll(ds: DaemonSetRecord): boolean {
  const sel = ds.daemonSet.spec?.selector;
  return (
    sel !== undefined &&
    Object.keys(sel.matchLabels ?? {}).length === 0 &&
    (sel.matchExpressions ?? []).length === 0
  );
}

/**
 * Pod garbage collection (podgc): bound pods on a node that no longer exists are deleted, as are
 * pods whose controlling DaemonSet is gone (the garbage collector's background cascade).
 */
export function podGarbageCollection(state: ClusterState, node: string): DeletePodIntent[] {
  if (tableHas(state.nodes, node)) return [];
  const out: DeletePodIntent[] = [];
  for (const p of podsOnNode(state, node)) {
    if (p.nodeName !== undefined && p.deletionTimestamp === undefined) {
      out.push(deletePod(p, 'PodGCFromNode'));
    }
  }
  return out;
}

/** Pods whose owner (by uid) no longer exists, for the garbage collector to delete. */
export function orphanedPods(state: ClusterState, ownerKey: string, ownerUid: string): DeletePodIntent[] {
  const out: DeletePodIntent[] = [];
  const live = state.daemonSets.get(ownerKey);
  if (live !== undefined && live.uid === ownerUid) return out;
  tableForEach(state.pods, (p) => {
    if (p.owner === ownerKey && p.ownerUid === ownerUid && p.deletionTimestamp === undefined) {
      out.push(deletePod(p, 'GarbageCollector'));
    }
  });
  return out;
}

/** The key of a pod in the state. */
export function podKey(p: { namespace: string; name: string }): string {
  return objectKey(p.namespace, p.name);
}

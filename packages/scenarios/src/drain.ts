// Which pods `dsim drain` evicts, and what it says about the rest: kubectl's drain filters
// (k8s.io/kubectl/pkg/drain/filters.go), run in its order on each pod bound to the node, as the
// API server returns it. Messages and their grouping are kubectl's, checked byte for byte against
// kubectl v1.32 driving a fake API server; where v1.32 and the current source differ (v1.32 writes
// "cannot delete cannot delete Pods that declare no controller"), the current source is followed.

import { objectKey, podObject, podsOnNode, type ClusterState, type PodRecord } from '@dsim/core';
import type { Pod } from 'kubernetes-types/core/v1';

export interface DrainOptions {
  /** --ignore-daemonsets */
  readonly ignoreDaemonSets: boolean;
  /** --force: also pods that declare no controller, and pods whose DaemonSet is gone. */
  readonly force: boolean;
  /** --delete-emptydir-data */
  readonly deleteEmptyDirData: boolean;
}

export interface DrainPlan {
  /** The pods to evict, in the API server's order. */
  readonly evict: readonly PodRecord[];
  /** One per distinct reason a pod cannot be deleted, each naming its pods; any of them stops the drain. */
  readonly errors: readonly string[];
  /** kubectl's one warning line (without its "Warning: " prefix); '' when there is none, or when errors stop the drain (kubectl prints none then). */
  readonly warning: string;
}

const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
const UNMANAGED_WARNING = 'deleting Pods that declare no controller';

type Status =
  | { readonly kind: 'okay' }
  | { readonly kind: 'skip' }
  | { readonly kind: 'warning'; readonly delete: boolean; readonly message: string }
  | { readonly kind: 'error'; readonly message: string };

const OKAY: Status = { kind: 'okay' };
const SKIP: Status = { kind: 'skip' };

function deletes(s: Status): boolean {
  return s.kind === 'okay' || (s.kind === 'warning' && s.delete);
}

function finished(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

function controllerOf(pod: Pod) {
  return pod.metadata?.ownerReferences?.find((r) => r.controller === true);
}

type Filter = (pod: Pod, state: ClusterState, o: DrainOptions) => Status;

const daemonSetFilter: Filter = (pod, state, o) => {
  const ref = controllerOf(pod);
  if (ref === undefined || ref.kind !== 'DaemonSet') return OKAY;
  if (finished(pod)) return OKAY;
  // kubectl looks the DaemonSet up by name: one that is gone leaves an orphan, deleted only with --force.
  if (!state.daemonSets.has(objectKey(pod.metadata?.namespace ?? 'default', ref.name))) {
    const notFound = `daemonsets.apps "${ref.name}" not found`;
    return o.force ? { kind: 'warning', delete: true, message: notFound } : { kind: 'error', message: notFound };
  }
  if (!o.ignoreDaemonSets) return { kind: 'error', message: DAEMONSET_FATAL };
  return { kind: 'warning', delete: false, message: DAEMONSET_WARNING };
};

const mirrorPodFilter: Filter = (pod) => (pod.metadata?.annotations?.['kubernetes.io/config.mirror'] !== undefined ? SKIP : OKAY);

const localStorageFilter: Filter = (pod, _state, o) => {
  if (!(pod.spec?.volumes ?? []).some((v) => v.emptyDir !== undefined)) return OKAY;
  if (finished(pod)) return OKAY;
  if (!o.deleteEmptyDirData) return { kind: 'error', message: LOCAL_STORAGE_FATAL };
  return { kind: 'warning', delete: true, message: LOCAL_STORAGE_WARNING };
};

const unreplicatedFilter: Filter = (pod, _state, o) => {
  if (finished(pod)) return OKAY;
  if (controllerOf(pod) !== undefined) return OKAY;
  if (o.force) return { kind: 'warning', delete: true, message: UNMANAGED_WARNING };
  return { kind: 'error', message: UNMANAGED_FATAL };
};

// kubectl's order. Each pod keeps the last filter's status, stopping at the first that keeps the
// pod: so a later filter's "okay" overwrites an earlier warning (an orphan deleted with --force,
// or local storage deleted with --delete-emptydir-data, draws no warning), as kubectl does.
const FILTERS: readonly Filter[] = [daemonSetFilter, mirrorPodFilter, localStorageFilter, unreplicatedFilter];

/** What `drain` would do on node: kubectl's GetPodsForDeletion over the pods bound to it. */
export function drainPlan(state: ClusterState, node: string, o: DrainOptions): DrainPlan {
  const evict: PodRecord[] = [];
  // Grouped by message in order of first appearance: kubectl groups in a Go map, so its order
  // varies from run to run; the first-appearance order is the one it prints most often.
  const errors = new Map<string, string[]>();
  const warnings = new Map<string, string[]>();
  // kubectl lists pods by spec.nodeName: those bound to the node, terminating ones included.
  for (const p of podsOnNode(state, node)) {
    if (p.nodeName !== node) continue;
    const pod = podObject(state, p);
    let status: Status = OKAY;
    for (const filter of FILTERS) {
      status = filter(pod, state, o);
      if (!deletes(status)) break;
    }
    const name = `${p.namespace}/${p.name}`;
    if (status.kind === 'error') push(errors, status.message, name);
    else if (status.kind === 'warning') push(warnings, status.message, name);
    if (deletes(status)) evict.push(p);
  }
  return {
    evict,
    errors: [...errors].map(([msg, pods]) => `${msg.toLowerCase().startsWith('cannot delete') ? msg : `cannot delete ${msg}`}: ${pods.join(', ')}`),
    warning: errors.size > 0 ? '' : [...warnings].map(([msg, pods]) => `${msg}: ${pods.join(', ')}`).join('; '),
  };
}

function push(m: Map<string, string[]>, key: string, value: string): void {
  const list = m.get(key);
  if (list === undefined) m.set(key, [value]);
  else list.push(value);
}

/**
 * The error kubectl prints for a drain that cannot proceed: its aggregate of errors on one line
 * (bracketed when more than one), the node left to drain, then each error on a line of its own.
 */
export function drainRefusal(node: string, errors: readonly string[]): string {
  return `error: unable to drain node "${node}" due to error: ${aggregate(errors)}, continuing command...\nThere are pending nodes to be drained:\n ${node}\n${errors.join('\n')}\n`;
}

/** Go's error aggregate as one line (apimachinery's utilerrors): one error bare, several bracketed. */
export function aggregate(errors: readonly string[]): string {
  return errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`;
}

// Taints, tolerations and the default tolerations every DaemonSet pod gets, ported from k8s.io/api core/v1
// (toleration.go, well_known_taints.go), component-helpers (FindMatchingUntoleratedTaint) and the daemon util package.
// Pure: no I/O; never mutates its inputs.

import type { PodSpec, Taint, Toleration } from 'kubernetes-types/core/v1';

/** Set by the node lifecycle controller while the node's Ready condition is False. */
export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
/** Set by the node lifecycle controller while the node's Ready condition is Unknown (kubelet lost). */
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';
/** Set while `spec.unschedulable` is true (cordoned). */
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
/** Set while the MemoryPressure condition is True. */
export const TAINT_NODE_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
/** Set while the DiskPressure condition is True. */
export const TAINT_NODE_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
/** Set while the PIDPressure condition is True. */
export const TAINT_NODE_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
/** Set while the NetworkUnavailable condition is True. */
export const TAINT_NODE_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';
/** Set by an operator on a node that is shut down for good; DaemonSets do not tolerate it by default. */
export const TAINT_NODE_OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';

/** Taint effect: no new pods without a toleration; running pods stay. */
export const TAINT_EFFECT_NO_SCHEDULE = 'NoSchedule';
/** Taint effect: a scheduler preference only; DaemonSet placement ignores it. */
export const TAINT_EFFECT_PREFER_NO_SCHEDULE = 'PreferNoSchedule';
/** Taint effect: pods without a toleration are evicted, and DaemonSet pods deleted. */
export const TAINT_EFFECT_NO_EXECUTE = 'NoExecute';

/** Toleration operator matching any taint value. */
export const TOLERATION_OP_EXISTS = 'Exists';
/** Toleration operator requiring equal values; an omitted operator means this. */
export const TOLERATION_OP_EQUAL = 'Equal';

/**
 * Toleration.ToleratesTaint: the effect is empty or equal, the key is empty or equal, and the operator is Exists
 * (any value) or Equal/omitted (equal values). tolerationSeconds is not looked at. `Lt`/`Gt` never match: the
 * TaintTolerationComparisonOperators feature gate is off. Unknown operators never match.
 */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  const effect = toleration.effect;
  if (effect !== undefined && effect !== null && effect !== '' && effect !== taint.effect) return false;
  const key = toleration.key;
  if (key !== undefined && key !== null && key !== '' && key !== taint.key) return false;
  const op = toleration.operator;
  if (op === undefined || op === null || op === '' || op === TOLERATION_OP_EQUAL) {
    return (toleration.value ?? '') === (taint.value ?? '');
  }
  return op === TOLERATION_OP_EXISTS;
}

/** TolerationsTolerateTaint: some toleration tolerates the taint. */
export function tolerationsTolerateTaint(tolerations: readonly Toleration[] | null | undefined, taint: Taint): boolean {
  if (tolerations === undefined || tolerations === null) return false;
  for (let i = 0; i < tolerations.length; i++) if (toleratesTaint(tolerations[i] as Toleration, taint)) return true;
  return false;
}

/** Selects which taints a check considers. */
export type TaintFilter = (taint: Taint) => boolean;

/**
 * FindMatchingUntoleratedTaint: the first taint (in node order) that passes `filter` and that no toleration
 * tolerates, or undefined when all such taints are tolerated. No filter means every taint.
 */
export function findUntoleratedTaint(
  taints: readonly Taint[] | null | undefined,
  tolerations: readonly Toleration[] | null | undefined,
  filter?: TaintFilter,
): Taint | undefined {
  if (taints === undefined || taints === null) return undefined;
  for (let i = 0; i < taints.length; i++) {
    const taint = taints[i] as Taint;
    if (filter !== undefined && !filter(taint)) continue;
    if (!tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}

/** Toleration.MatchToleration: same key, effect, operator and value (omitted fields compare as ""). */
export function matchToleration(a: Toleration, b: Toleration): boolean {
  return (
    (a.key ?? '') === (b.key ?? '') &&
    (a.effect ?? '') === (b.effect ?? '') &&
    (a.operator ?? '') === (b.operator ?? '') &&
    (a.value ?? '') === (b.value ?? '')
  );
}

/**
 * AddOrUpdateTolerationInPodSpec, returning a new list: every toleration matching `toleration` (matchToleration)
 * is replaced in place by it, dropping e.g. its tolerationSeconds; with no match it is appended.
 * Kubernetes' "already equal, change nothing" early return compares a pointer with a value and so never fires;
 * the visible effect is that all matches, duplicates included, are replaced.
 */
export function addOrUpdateToleration(tolerations: readonly Toleration[] | null | undefined, toleration: Toleration): Toleration[] {
  const out: Toleration[] = [];
  let updated = false;
  for (const t of tolerations ?? []) {
    if (matchToleration(toleration, t)) {
      out.push(toleration);
      updated = true;
    } else {
      out.push(t);
    }
  }
  if (!updated) out.push(toleration);
  return out;
}

/** One default DaemonSet toleration and whether it applies only to hostNetwork pods. */
export interface DaemonDefaultToleration {
  readonly toleration: Readonly<Toleration>;
  readonly hostNetworkOnly: boolean;
}

function forever(key: string, effect: string): Readonly<Toleration> {
  return Object.freeze({ key, operator: TOLERATION_OP_EXISTS, effect });
}

/**
 * The tolerations AddOrUpdateDaemonPodTolerations adds, in its order: pods survive not-ready/unreachable
 * eviction forever and ignore the condition taints; network-unavailable only for hostNetwork pods.
 */
export const DEFAULT_DAEMON_TOLERATIONS: readonly DaemonDefaultToleration[] = Object.freeze([
  Object.freeze({ toleration: forever(TAINT_NODE_NOT_READY, TAINT_EFFECT_NO_EXECUTE), hostNetworkOnly: false }),
  Object.freeze({ toleration: forever(TAINT_NODE_UNREACHABLE, TAINT_EFFECT_NO_EXECUTE), hostNetworkOnly: false }),
  Object.freeze({ toleration: forever(TAINT_NODE_DISK_PRESSURE, TAINT_EFFECT_NO_SCHEDULE), hostNetworkOnly: false }),
  Object.freeze({ toleration: forever(TAINT_NODE_MEMORY_PRESSURE, TAINT_EFFECT_NO_SCHEDULE), hostNetworkOnly: false }),
  Object.freeze({ toleration: forever(TAINT_NODE_PID_PRESSURE, TAINT_EFFECT_NO_SCHEDULE), hostNetworkOnly: false }),
  Object.freeze({ toleration: forever(TAINT_NODE_UNSCHEDULABLE, TAINT_EFFECT_NO_SCHEDULE), hostNetworkOnly: false }),
  Object.freeze({ toleration: forever(TAINT_NODE_NETWORK_UNAVAILABLE, TAINT_EFFECT_NO_SCHEDULE), hostNetworkOnly: true }),
]);

/**
 * AddOrUpdateDaemonPodTolerations: the pod spec's tolerations with each default applied in table order
 * (matching user tolerations replaced in place, the rest appended). Returns a new array; the spec is untouched.
 */
export function addOrUpdateDaemonPodTolerations(podSpec: Pick<PodSpec, 'tolerations' | 'hostNetwork'> | null | undefined): Toleration[] {
  let tolerations: Toleration[] = [...(podSpec?.tolerations ?? [])];
  const hostNetwork = podSpec?.hostNetwork === true;
  for (const d of DEFAULT_DAEMON_TOLERATIONS) {
    if (d.hostNetworkOnly && !hostNetwork) continue;
    tolerations = addOrUpdateToleration(tolerations, d.toleration);
  }
  return tolerations;
}

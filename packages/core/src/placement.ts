// Where a DaemonSet pod should run: NodeShouldRunDaemonPod from pkg/controller/daemon/daemon_controller.go.
// Pure and allocation-free per call (the simulator's hot loop); per-template work is cached, so templates must not be mutated.

import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node, PodSpec, Taint, Toleration } from 'kubernetes-types/core/v1';
import { canonicalJson } from './names.ts';
import { compileNodeSelector, compiledNodeSelectorMatches, type CompiledNodeSelector } from './nodeAffinity.ts';
import { addOrUpdateDaemonPodTolerations, TAINT_EFFECT_NO_EXECUTE, TAINT_EFFECT_NO_SCHEDULE, toleratesTaint } from './taints.ts';

/** NodeShouldRunDaemonPod's answer: run a new pod here / keep an existing pod here. */
export interface PlacementDecision {
  readonly shouldRun: boolean;
  readonly shouldContinueRunning: boolean;
}

// Only three outcomes exist; sharing them keeps the hot loop free of allocations.
const RUN: PlacementDecision = Object.freeze({ shouldRun: true, shouldContinueRunning: true });
const KEEP_ONLY: PlacementDecision = Object.freeze({ shouldRun: false, shouldContinueRunning: true });
const NEITHER: PlacementDecision = Object.freeze({ shouldRun: false, shouldContinueRunning: false });

/** Everything about a pod template that placement needs, computed once per template spec object. */
interface PlacementPlan {
  readonly nodeName: string;
  readonly selectorKeys: readonly string[];
  readonly selectorValues: readonly string[];
  /** null when the template has no required node affinity (matches every node). */
  readonly affinity: CompiledNodeSelector | null;
  readonly tolerations: readonly Toleration[];
}

const planCache = new WeakMap<PodSpec, PlacementPlan>();
// A DaemonSet without a template spec behaves like an empty spec: defaults only.
const EMPTY_SPEC: PodSpec = { containers: [] };

function planFor(spec: PodSpec): PlacementPlan {
  let plan = planCache.get(spec);
  if (plan !== undefined) return plan;
  const selector = spec.nodeSelector ?? {};
  const selectorKeys = Object.keys(selector);
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  plan = {
    nodeName: spec.nodeName ?? '',
    selectorKeys,
    selectorValues: selectorKeys.map((k) => selector[k] ?? ''),
    affinity: required === undefined || required === null ? null : compileNodeSelector(required),
    tolerations: Object.freeze(addOrUpdateDaemonPodTolerations(spec)),
  };
  planCache.set(spec, plan);
  return plan;
}

function templateSpec(ds: DaemonSet): PodSpec {
  return ds.spec?.template?.spec ?? EMPTY_SPEC;
}

/**
 * The tolerations a pod of this DaemonSet gets: the template's, merged with the defaults
 * (AddOrUpdateDaemonPodTolerations). Cached per template spec object; do not mutate the result.
 */
export function daemonPodTolerations(ds: DaemonSet): readonly Toleration[] {
  return planFor(templateSpec(ds)).tolerations;
}

function tolerated(tolerations: readonly Toleration[], taint: Taint): boolean {
  for (let i = 0; i < tolerations.length; i++) if (toleratesTaint(tolerations[i] as Toleration, taint)) return true;
  return false;
}

/**
 * Whether two DaemonSets place their pods alike on every node: the same template nodeName,
 * nodeSelector, required node affinity, tolerations and hostNetwork, which are all that
 * nodeShouldRunDaemonPod reads of a template. A template change that keeps them (a new image,
 * the usual rollout) keeps every placement, so the reducer need not evaluate every node again.
 */
export function samePlacementRules(a: DaemonSet, b: DaemonSet): boolean {
  return placementRules(templateSpec(a)) === placementRules(templateSpec(b));
}

function placementRules(spec: PodSpec): string {
  return canonicalJson([
    spec.nodeName ?? '',
    spec.nodeSelector ?? {},
    spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? null,
    spec.tolerations ?? [],
    spec.hostNetwork === true,
  ]);
}

/**
 * NodeShouldRunDaemonPod. A template nodeName naming another node, a nodeSelector mismatch or a failed required
 * node affinity gives (false, false). Otherwise only NoSchedule and NoExecute taints count (PreferNoSchedule is
 * ignored) against the template tolerations plus the defaults: an untolerated NoExecute taint gives (false, false),
 * an untolerated NoSchedule taint alone gives (false, true), else (true, true). Resources, host ports,
 * `spec.unschedulable` and node conditions are deliberately not considered.
 */
export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): PlacementDecision {
  const plan = planFor(templateSpec(ds));
  const meta = node.metadata;
  if (plan.nodeName !== '' && plan.nodeName !== (meta?.name ?? '')) return NEITHER;

  const keys = plan.selectorKeys;
  if (keys.length > 0) {
    const labels = meta?.labels as Record<string, unknown> | undefined;
    if (labels === undefined || labels === null) return NEITHER;
    for (let i = 0; i < keys.length; i++) {
      // typeof rules out inherited properties such as `constructor` on a plain object.
      const v = labels[keys[i] as string];
      if (typeof v !== 'string' || v !== plan.selectorValues[i]) return NEITHER;
    }
  }
  if (plan.affinity !== null && !compiledNodeSelectorMatches(plan.affinity, node)) return NEITHER;

  const taints = node.spec?.taints;
  if (taints === undefined || taints === null || taints.length === 0) return RUN;
  let result = RUN;
  for (let i = 0; i < taints.length; i++) {
    const taint = taints[i] as Taint;
    if (taint.effect === TAINT_EFFECT_NO_EXECUTE) {
      if (!tolerated(plan.tolerations, taint)) return NEITHER;
    } else if (taint.effect === TAINT_EFFECT_NO_SCHEDULE && result === RUN) {
      if (!tolerated(plan.tolerations, taint)) result = KEEP_ONLY;
    }
  }
  return result;
}

// The properties `dsim explore` searches for counterexamples to, checked over a run's event log.
// Pure: folds the log with @dsim/core's reducer and looks at each instant once all its events are in.

import type { Node } from 'kubernetes-types/core/v1';
import {
  createModel,
  daemonPodsOnNode,
  getNode,
  getPod,
  initialState,
  nodeShouldRunDaemonPod,
  readyStatus,
  rolloutBudget,
  rolloutStatus,
  scaledValue,
  tableForEach,
  type ClusterState,
  type DaemonSetRecord,
  type DsimEvent,
} from '@dsim/core';
import { selectorMatchesLabels, type SelectorRequirement } from '../selector.ts';
import { formatSimTime } from './chart.ts';

/** A property of one DaemonSet that should hold throughout a run. */
export type Property =
  | {
      /** Every Ready node the DaemonSet selects runs one of its pods, give or take `within` ms. */
      readonly kind: 'EveryReadyNodeRunsPod';
      readonly daemonSet: string;
      readonly within: number;
      /**
       * Which nodes count. Default 'selector': the template's nodeSelector and required node affinity,
       * taints NOT considered, so a forgotten toleration shows up. 'placement' also applies taints
       * (the controller's own view: then only controller or timing problems show up).
       */
      readonly eligible: 'selector' | 'placement';
      /** Narrows the nodes checked further, by their labels (a parsed `-l` style selector). */
      readonly nodeSelector?: readonly SelectorRequirement[];
    }
  | {
      /** During a rolling update, desired − available stays at or under this (count or percent of desired). */
      readonly kind: 'UnavailableWithinBudget';
      readonly daemonSet: string;
      /** Default: the DaemonSet's own maxUnavailable. */
      readonly maxUnavailable?: number | string;
    }
  | {
      /** Every rollout (including the first) finishes within `within` ms of the template change that started it. */
      readonly kind: 'RolloutFinishes';
      readonly daemonSet: string;
      readonly within: number;
    };

/** The first moment a property failed. */
export interface PropertyViolation {
  readonly at: number;
  /** One line, e.g. `node gpu-1 was Ready without a running kube-system/agent pod from 2m10s to 4m10s`. */
  readonly message: string;
  readonly node?: string;
}

/** The property in one line, as the CLI prints it. */
export function describeProperty(p: Property): string {
  switch (p.kind) {
    case 'EveryReadyNodeRunsPod':
      return `every Ready node that ${p.daemonSet} selects${p.eligible === 'placement' ? ' (taints included)' : ''} runs its pod within ${formatSimTime(p.within)}`;
    case 'UnavailableWithinBudget':
      return `${p.daemonSet} keeps unavailable pods at or under ${p.maxUnavailable === undefined ? 'its maxUnavailable' : String(p.maxUnavailable)} during rollouts`;
    case 'RolloutFinishes':
      return `every rollout of ${p.daemonSet} finishes within ${formatSimTime(p.within)}`;
  }
}

const model = createModel({ autoFreeze: false });

function withoutTaints(node: Node): Node {
  return { ...node, spec: { ...node.spec, taints: [] } };
}

function runningPodOn(state: ClusterState, ds: DaemonSetRecord, node: string): boolean {
  return daemonPodsOnNode(state, ds, node).some((p) => p.phase === 'Running' && p.deletionTimestamp === undefined);
}

/**
 * The nodes whose own record, or whose pods, an instant's events may change (in `state`, before or
 * after them), added to `into`; false when some event may change any node (a kind not listed here).
 * So the property looks again at the few nodes an instant touches rather than at every node.
 */
function touchedNodes(state: ClusterState, events: readonly DsimEvent[], into: Set<string>): boolean {
  const podNodes = (namespace: string, name: string) => {
    const pod = getPod(state, namespace, name);
    if (pod?.targetNode !== undefined) into.add(pod.targetNode);
    if (pod?.nodeName !== undefined) into.add(pod.nodeName);
  };
  for (const e of events) {
    switch (e.type) {
      case 'NodeAdded':
      case 'NodeUpdated':
      case 'NodeStatusUpdated':
        into.add(e.data.node.metadata?.name ?? '');
        break;
      case 'NodeRemoved':
      case 'NodeFailed':
      case 'NodeRecovered':
        into.add(e.data.name);
        break;
      case 'PodCreated':
      case 'PodCreateFailed':
        into.add(e.data.node);
        break;
      case 'BarePodCreated': {
        const spec = e.data.pod.spec;
        if (spec?.nodeName !== undefined) into.add(spec.nodeName);
        break;
      }
      case 'PodBound':
        into.add(e.data.node);
        podNodes(e.data.namespace, e.data.name);
        break;
      case 'PodAdopted':
      case 'PodRelabeled':
      case 'PodAnnotated':
      case 'PodReleased':
      case 'PodUnschedulable':
      case 'PodStarted':
      case 'PodBecameReady':
      case 'PodBecameUnready':
      case 'PodBecameAvailable':
      case 'PodTerminated':
      case 'PodDeletionRequested':
      case 'PodRemovalRequested':
      case 'PodDeleted':
        podNodes(e.data.namespace, e.data.name);
        break;
      // These change no node and no pod.
      case 'SimulationStarted':
      case 'TimeAdvanced':
      case 'ObjectApplied':
      case 'ObjectDeleted':
      case 'ControllerRevisionCreated':
      case 'ControllerRevisionUpdated':
      case 'ControllerRevisionAnnotated':
      case 'ControllerRevisionDeleted':
      case 'DaemonSetSynced':
        break;
      // A DaemonSet's changes (and any kind not listed) may concern every node.
      default:
        return false;
    }
  }
  return true;
}

/**
 * Checks a property over an event log that ended at `endedAt`; returns its first violation.
 * Instants are judged after all their events, so a state that only exists mid-instant never counts.
 */
export function checkProperty(property: Property, events: readonly DsimEvent[], endedAt: number): PropertyViolation | undefined {
  const key = property.daemonSet.includes('/') ? property.daemonSet : `default/${property.daemonSet}`;
  let state = initialState();
  // EveryReadyNodeRunsPod: since when each node has been Ready, selected and without a running pod.
  const podless = new Map<string, number>();
  // Rollouts: the hash being rolled out and when the first unfinished change happened.
  let hash: string | undefined;
  let rollingSince: number | undefined;
  let everRolledOut = false;

  const overdue = (now: number): PropertyViolation | undefined => {
    if (property.kind === 'EveryReadyNodeRunsPod') {
      // Nodes join `podless` as time goes on, so its first entries are the ones podless longest;
      // of those, the one the node table lists first is named (as one walk over it would find).
      const first = podless.entries().next();
      if (!first.done && now - first.value[1] > property.within) {
        const since = first.value[1];
        const tied = new Set<string>();
        for (const [name, t] of podless) {
          if (t !== since) break;
          tied.add(name);
        }
        let node = first.value[0];
        if (tied.size > 1) {
          let found = false;
          tableForEach(state.nodes, (_, name) => {
            if (!found && tied.has(name)) [node, found] = [name, true];
          });
        }
        return {
          at: since + property.within,
          node,
          message: `node ${node} was Ready and selected by ${key} but had no running pod of it from ${formatSimTime(since)} for more than ${formatSimTime(property.within)}`,
        };
      }
    }
    if (property.kind === 'RolloutFinishes' && rollingSince !== undefined && now - rollingSince > property.within) {
      const ds = state.daemonSets.get(key);
      return {
        at: rollingSince + property.within,
        message: `the rollout of ${key} that started at ${formatSimTime(rollingSince)} had not finished ${formatSimTime(property.within)} later${ds ? ` (${rolloutStatus(state, key).message})` : ''}`,
      };
    }
    return undefined;
  };

  // EveryReadyNodeRunsPod: the DaemonSet object the nodes were last judged against (all are judged
  // again when it changes), and the nodes the instant's events touched (undefined: every node).
  let judgedAgainst: DaemonSetRecord['daemonSet'] | undefined;
  const observe = (now: number, touched: ReadonlySet<string> | undefined): PropertyViolation | undefined => {
    const ds = state.daemonSets.get(key);
    if (ds === undefined) {
      podless.clear();
      rollingSince = undefined;
      hash = undefined;
      judgedAgainst = undefined;
      return undefined;
    }
    if (ds.hash !== hash) {
      hash = ds.hash;
      rollingSince ??= now;
    }
    const done = rolloutStatus(state, key).done;
    if (property.kind === 'EveryReadyNodeRunsPod') {
      const judge = (name: string) => {
        const node = getNode(state, name)?.node;
        const selected =
          node !== undefined &&
          readyStatus(node) === 'True' &&
          (property.nodeSelector === undefined || selectorMatchesLabels(property.nodeSelector, node.metadata?.labels)) &&
          nodeShouldRunDaemonPod(property.eligible === 'placement' ? node : withoutTaints(node), ds.daemonSet).shouldRun;
        if (selected && !runningPodOn(state, ds, name)) {
          if (!podless.has(name)) podless.set(name, now);
        } else podless.delete(name);
      };
      if (touched === undefined || ds.daemonSet !== judgedAgainst) {
        judgedAgainst = ds.daemonSet;
        tableForEach(state.nodes, (_, name) => judge(name));
        for (const name of [...podless.keys()]) if (getNode(state, name) === undefined) podless.delete(name);
      } else for (const name of touched) judge(name);
    }
    if (property.kind === 'UnavailableWithinBudget' && rollingSince !== undefined && everRolledOut) {
      const c = ds.counts;
      const desired = c.desiredNumberScheduled;
      const budget = property.maxUnavailable === undefined ? rolloutBudget(ds).maxUnavailable : scaledValue(property.maxUnavailable, desired);
      const unavailable = desired - c.numberAvailable;
      if (unavailable > budget) {
        return {
          at: now,
          message: `${unavailable} of ${desired} ${key} pods were unavailable during a rollout, over the budget of ${budget}`,
        };
      }
    }
    if (done) {
      rollingSince = undefined;
      everRolledOut = true;
    }
    return undefined;
  };

  let i = 0;
  while (i < events.length) {
    const at = events[i]!.metadata.at;
    const late = overdue(at);
    if (late !== undefined) return late;
    let j = i;
    while (j < events.length && events[j]!.metadata.at === at) j++;
    const instant = events.slice(i, j);
    const touched = new Set<string>();
    const known = touchedNodes(state, instant, touched);
    state = model.fold(state, instant);
    // A pod made in this instant is looked up where it went too.
    if (known) touchedNodes(state, instant, touched);
    const v = observe(at, known ? touched : undefined);
    if (v !== undefined) return v;
    i = j;
  }
  return overdue(endedAt);
}

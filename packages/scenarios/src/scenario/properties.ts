// The properties `dsim explore` searches for counterexamples to, checked over a run's event log.
// Pure: folds the log with @dsim/core's reducer and looks at each instant once all its events are in.

import type { Node } from 'kubernetes-types/core/v1';
import {
  createModel,
  daemonPodsOnNode,
  getNode,
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
      let worst: [string, number] | undefined;
      for (const [node, since] of podless) if (now - since > property.within && (worst === undefined || since < worst[1])) worst = [node, since];
      if (worst !== undefined) {
        const [node, since] = worst;
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

  const observe = (now: number): PropertyViolation | undefined => {
    const ds = state.daemonSets.get(key);
    if (ds === undefined) {
      podless.clear();
      rollingSince = undefined;
      hash = undefined;
      return undefined;
    }
    if (ds.hash !== hash) {
      hash = ds.hash;
      rollingSince ??= now;
    }
    const done = rolloutStatus(state, key).done;
    if (property.kind === 'EveryReadyNodeRunsPod') {
      tableForEach(state.nodes, (record, name) => {
        const node = record.node;
        const selected =
          readyStatus(node) === 'True' &&
          (property.nodeSelector === undefined || selectorMatchesLabels(property.nodeSelector, node.metadata?.labels)) &&
          nodeShouldRunDaemonPod(property.eligible === 'placement' ? node : withoutTaints(node), ds.daemonSet).shouldRun;
        if (selected && !runningPodOn(state, ds, name)) {
          if (!podless.has(name)) podless.set(name, now);
        } else podless.delete(name);
      });
      for (const name of [...podless.keys()]) if (getNode(state, name) === undefined) podless.delete(name);
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
    state = model.fold(state, events.slice(i, j));
    const v = observe(at);
    if (v !== undefined) return v;
    i = j;
  }
  return overdue(endedAt);
}

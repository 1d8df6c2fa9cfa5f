// The shapes shared by the scenario runner, `dsim run`, reports, sweeps and exploration.
// A scenario is a YAML document in Kubernetes' style (apiVersion dsim.dev/v1alpha1, kind Scenario).

import type { DsimEvent, EngineConfigInput } from '@dsim/core';

/** Counters of one DaemonSet at one instant (the status fields plus unavailable). */
export interface DaemonSetSample {
  readonly desired: number;
  readonly current: number;
  readonly ready: number;
  readonly updated: number;
  readonly available: number;
  readonly misscheduled: number;
  readonly unavailable: number;
}

/** Nodes by state at one instant. */
export interface NodeSample {
  readonly total: number;
  readonly ready: number;
  readonly notReady: number;
  readonly unschedulable: number;
}

/** The time series a run records: one point whenever something changed (at most one per instant). */
export interface TimeSeries {
  /** Simulated times in ms, ascending. */
  readonly t: number[];
  readonly nodes: NodeSample[];
  /** Per DaemonSet key (`namespace/name`), one sample per time. */
  readonly daemonSets: Record<string, DaemonSetSample[]>;
}

/** Per-DaemonSet outcome of a run. */
export interface DaemonSetSummary {
  /** `namespace/name`. */
  readonly key: string;
  /** ms from the first change of the template (or creation) until every desired node ran an updated, available pod; undefined if never. */
  readonly timeToFullRollout: number | undefined;
  /** Highest desired − available seen while a rollout was in progress (after the first full rollout). */
  readonly worstUnavailable: number;
  readonly podsCreated: number;
  readonly podsDeleted: number;
  readonly final: DaemonSetSample;
}

/** One failed expectation. */
export interface ExpectationFailure {
  /** Simulated ms when it was checked (or first violated). */
  readonly at: number;
  /** The expectation as written, e.g. `daemonSet kube-system/cni: available == 5000`. */
  readonly expectation: string;
  /** What was found instead. */
  readonly message: string;
}

/** A checkpoint's printed output. */
export interface CheckpointOutput {
  readonly at: number;
  readonly command: string;
  readonly output: string;
}

/** Everything a run produces. */
export interface RunResult {
  readonly name: string;
  readonly seed: number | string;
  readonly endedAt: number;
  readonly events: readonly DsimEvent[];
  readonly checkpoints: readonly CheckpointOutput[];
  readonly summary: readonly DaemonSetSummary[];
  readonly series: TimeSeries;
  readonly failures: readonly ExpectationFailure[];
  /** Set when --check stopped the run at the first invariant violation. */
  readonly violation?: { readonly event: DsimEvent; readonly message: string };
  /** Engine settings used. */
  readonly config: EngineConfigInput;
}

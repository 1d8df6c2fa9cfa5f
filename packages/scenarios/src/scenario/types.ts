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
  /** When worstUnavailable was first reached (ms). */
  readonly worstUnavailableAt?: number;
  /** Every rollout: the creation, then each template change, with when it finished (if it did). */
  readonly rollouts?: readonly RolloutRecord[];
  /** Since when (ms) the DaemonSet has been fully rolled out without a break, if it is at the end: "all pods placed and available" time. */
  readonly fullyAvailableSince?: number;
  /** The DaemonSet was deleted before the end. */
  readonly deleted?: boolean;
}

/** One rollout of a DaemonSet. */
export interface RolloutRecord {
  /** 'create': the DaemonSet was created; 'update': its template changed. */
  readonly kind: 'create' | 'update';
  readonly startedAt: number;
  /** When every desired node first ran an updated, available pod after the start. */
  readonly finishedAt?: number;
}

/** How one expectation came out. */
export interface ExpectationOutcome {
  readonly expectation: string;
  /** When it was checked, or (failed) first violated. */
  readonly at: number;
  /** skipped: the run ended (or stopped) before its time. */
  readonly status: 'passed' | 'failed' | 'skipped';
  readonly message?: string;
  /** `file:line` of the expectation. */
  readonly where?: string;
}

/** One failed expectation. */
export interface ExpectationFailure {
  /** Simulated ms when it was checked (or first violated). */
  readonly at: number;
  /** The expectation as written, e.g. `daemonSet kube-system/cni: available == 5000`. */
  readonly expectation: string;
  /** What was found instead. */
  readonly message: string;
  /** `file:line` of the expectation. */
  readonly where?: string;
  /** The expectation's description, if it has one. */
  readonly description?: string;
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
  /** Every expectation's outcome, failures included, in the order they were decided. */
  readonly expectations?: readonly ExpectationOutcome[];
  /** Set when --check stopped the run at the first invariant violation. */
  readonly violation?: { readonly event: DsimEvent; readonly message: string };
  /** Engine settings used. */
  readonly config: EngineConfigInput;
}

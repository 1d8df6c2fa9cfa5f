// The discrete-event engine: virtual time for the cluster model. It pops what is due from the
// queue, records facts in the log, folds them into the state, lets the simulated components
// (DaemonSet controller, scheduler, kubelet, node lifecycle controller, pod GC) react, and
// schedules their results at future simulated times. No wall clock: time is the queue's.
// Same inputs and seed, same log, byte for byte.

import type { Draft } from 'immer';
import type { Node, NodeCondition, Taint, Toleration } from 'kubernetes-types/core/v1';
import { podLabels } from './apiObjects.ts';
import { podAdmissionError } from './admission.ts';
import { syncDaemonSet, type Intent, type SyncScope } from './controller.ts';
import { withDefaultTolerationSeconds } from './defaults.ts';
import { stamp, events, type DsimEvent, type PendingEvent, INPUT_EVENT_TYPES } from './events.ts';
import { revisionsOf } from './history.ts';
import { matchLabelSelector } from './labels.ts';
import { nameSuffix, randomNameSuffix } from './names.ts';
import { kubeletPostsPressure, markNodeStatusUnknown, nodeStatusAt } from './nodeStatus.ts';
import { sample, type Distribution } from './latency.ts';
import { intentsToEvents } from './podControl.ts';
import { parseCpuMillis, parseQuantity } from './quantity.ts';
import { EventQueue } from './queue.ts';
import { Random, type RandomState } from './random.ts';
import { createModel, evolveAll, imagesOf, isAvailableAt, type Model } from './reducer.ts';
import { classifyWorkingNode, rolloutBudget, type CountedClass, type WorkingNodeClass, type WorkingSet } from './rollingUpdate.ts';
import {
  daemonPodsOnNode,
  initialState,
  objectKey,
  podsOnNode,
  podTemplateSpec,
  splitKey,
  storedObjectKey,
  type ClusterState,
  type DaemonSetRecord,
  type PodRecord,
  type RevisionRecord,
} from './state.ts';
import { tableForEach, tableGet, tableGetNamed, tableHas, withTableOwner } from './table.ts';
import { parseRfc3339, SIMULATED_EPOCH_MS, simulatedTimestamp } from './time.ts';
import {
  TAINT_NODE_DISK_PRESSURE,
  TAINT_NODE_MEMORY_PRESSURE,
  TAINT_NODE_NETWORK_UNAVAILABLE,
  TAINT_NODE_NOT_READY,
  TAINT_NODE_PID_PRESSURE,
  TAINT_NODE_UNREACHABLE,
  TAINT_NODE_UNSCHEDULABLE,
  toleratesTaint,
} from './taints.ts';
import { daemonPodTolerations } from './placement.ts';

/** Every knob of the simulation, with Kubernetes' defaults and realistic latencies. Times in ms. */
export interface EngineConfig {
  readonly latency: {
    /** Pod created → bound by kube-scheduler. */
    readonly schedule: Distribution;
    /** Pulling an image the node does not have yet. */
    readonly imagePull: Distribution;
    /** Creating and starting containers once images are present (ContainerCreating → Running). */
    readonly containerStart: Distribution;
    /** Running → Ready (readiness probe). */
    readonly readiness: Distribution;
    /** SIGTERM → containers gone; capped by the pod's grace period. */
    readonly termination: Distribution;
    /** A node added without Ready=True → its kubelet reports Ready. */
    readonly nodeRegistration: Distribution;
    /** A recovered kubelet → Ready reported again. */
    readonly nodeRecovery: Distribution;
    /** One API write (pod create or delete) as seen by the controller. */
    readonly apiWrite: Distribution;
  };
  readonly controller: {
    /** burstReplicas: at most this many creates and deletes per sync (Kubernetes: 250). */
    readonly burstReplicas: number;
    /** Concurrent DaemonSet syncs (--concurrent-daemonset-syncs, Kubernetes: 2). */
    readonly workers: number;
    /** Fixed cost of one sync. */
    readonly syncLatency: Distribution;
    /** Extra sync cost per node in the cluster: the real controller lists and walks every node each sync. */
    readonly syncCostPerNodeMs: number;
    /** First slow-start batch size (Kubernetes: 1); batches then double. */
    readonly slowStartInitialBatchSize: number;
    /** Failed-pod deletion backoff: first delay and cap (Kubernetes: 1 s, 15 min). */
    readonly failedPodBackoffMs: { readonly initial: number; readonly max: number };
    /**
     * The controller's API client's rate limit on its pod creates and deletes, requests per second
     * (kube-controller-manager's --kube-api-qps, Kubernetes: 20); 0 for none.
     */
    readonly apiQps: number;
    /** The rate limiter's burst (--kube-api-burst, Kubernetes: 30). */
    readonly apiBurst: number;
  };
  readonly nodeLifecycle: {
    /** A silent kubelet is marked Ready=Unknown after this long (--node-monitor-grace-period, 50 s since 1.32). */
    readonly nodeMonitorGracePeriodMs: number;
    /** Delay before the lifecycle controller turns a condition into taints (--node-monitor-period, 5 s). */
    readonly nodeMonitorPeriodMs: number;
  };
  readonly podGc: {
    /** A node must be gone this long before its pods are collected (40 s quarantine). */
    readonly quarantineMs: number;
    /** Pod GC runs this often (--pod-gc period, 20 s). */
    readonly periodMs: number;
  };
  /** The kubelet: whether new pods turn Ready at all (false models a broken readiness probe). */
  readonly podsBecomeReady: boolean;
}

/** Kubernetes' defaults, with latencies typical of a cloud cluster. */
export const DEFAULT_CONFIG: EngineConfig = {
  latency: {
    schedule: { kind: 'lognormal', median: 40, sigma: 0.5, max: 5_000 },
    imagePull: { kind: 'lognormal', median: 6_000, sigma: 0.6, max: 120_000 },
    containerStart: { kind: 'lognormal', median: 1_200, sigma: 0.4, max: 30_000 },
    readiness: { kind: 'lognormal', median: 2_000, sigma: 0.5, max: 60_000 },
    termination: { kind: 'lognormal', median: 1_500, sigma: 0.6 },
    nodeRegistration: { kind: 'lognormal', median: 25_000, sigma: 0.3, max: 180_000 },
    nodeRecovery: { kind: 'lognormal', median: 5_000, sigma: 0.4, max: 60_000 },
    apiWrite: { kind: 'lognormal', median: 15, sigma: 0.4, max: 1_000 },
  },
  controller: {
    burstReplicas: 250,
    workers: 2,
    syncLatency: { kind: 'lognormal', median: 5, sigma: 0.3, max: 200 },
    syncCostPerNodeMs: 0.01,
    slowStartInitialBatchSize: 1,
    failedPodBackoffMs: { initial: 1_000, max: 900_000 },
    apiQps: 20,
    apiBurst: 30,
  },
  nodeLifecycle: { nodeMonitorGracePeriodMs: 50_000, nodeMonitorPeriodMs: 5_000 },
  podGc: { quarantineMs: 40_000, periodMs: 20_000 },
  podsBecomeReady: true,
};

/** A partial configuration, merged over the defaults section by section. */
export type EngineConfigInput = {
  readonly [K in keyof EngineConfig]?: EngineConfig[K] extends object ? Partial<EngineConfig[K]> : EngineConfig[K];
};

/** The defaults with the given sections overridden. */
export function resolveConfig(input: EngineConfigInput = {}): EngineConfig {
  return {
    latency: { ...DEFAULT_CONFIG.latency, ...input.latency },
    controller: { ...DEFAULT_CONFIG.controller, ...input.controller },
    nodeLifecycle: { ...DEFAULT_CONFIG.nodeLifecycle, ...input.nodeLifecycle },
    podGc: { ...DEFAULT_CONFIG.podGc, ...input.podGc },
    podsBecomeReady: input.podsBecomeReady ?? DEFAULT_CONFIG.podsBecomeReady,
  };
}

/** What sits in the queue: inputs to record, and the simulated components' timers. */
type Task =
  | { readonly kind: 'input'; readonly event: PendingEvent }
  | { readonly kind: 'sync'; readonly ds: string }
  /** enqueueDaemonSetAfter: the key goes back on the work queue, with these nodes to look at. */
  | { readonly kind: 'resync'; readonly ds: string; readonly nodes: readonly string[] }
  | {
      readonly kind: 'writes';
      readonly ds: string;
      /** The uid of the DaemonSet the sync saw: creates for a DaemonSet deleted since are dropped. */
      readonly uid: string;
      readonly facts: readonly PendingEvent[];
      readonly last: boolean;
    }
  /** The garbage collector's deletes of a deleted DaemonSet's pods (no worker, no expectations). */
  | { readonly kind: 'collect'; readonly facts: readonly PendingEvent[] }
  | { readonly kind: 'bind'; readonly pod: string; readonly uid: string }
  | { readonly kind: 'start'; readonly pod: string; readonly uid: string; readonly pulled: boolean }
  | { readonly kind: 'ready'; readonly pod: string; readonly uid: string }
  | { readonly kind: 'available'; readonly pod: string; readonly uid: string; readonly since: number }
  | { readonly kind: 'terminated'; readonly pod: string; readonly uid: string }
  | { readonly kind: 'nodeReady'; readonly node: string }
  /** The monitor pass that finds a silent kubelet's lease expired; `since` is when it went silent. */
  | { readonly kind: 'nodeUnknown'; readonly node: string; readonly since: number }
  /**
   * The node lifecycle controller's taint work: 'noSchedule' reacts to a node update at once
   * (TaintNodesByCondition); 'monitor' is the periodic health pass that also keeps the NoExecute
   * taints and marks pods of a not-Ready node not Ready.
   */
  | { readonly kind: 'nodeTaints'; readonly node: string; readonly pass: 'noSchedule' | 'monitor' }
  | { readonly kind: 'podGc'; readonly node: string }
  | { readonly kind: 'taintEviction'; readonly pod: string; readonly uid: string; readonly fireAt: number };

// Priorities at equal times: component reactions, then the controller's syncs, and the world's
// inputs last. Inputs last makes "schedule an input at T, run" identical to "run until T, then
// apply the input", so a log replays the same whether its inputs were scripted ahead (scenarios)
// or typed one command at a time (the CLI).
const PRIORITY_COMPONENT = 1;
const PRIORITY_SYNC = 2;
const PRIORITY_INPUT = 9;

/** Options for a new engine. */
export interface EngineOptions {
  /** The seed of all randomness (or a saved generator state to continue from). */
  readonly seed: number | string | RandomState;
  readonly config?: EngineConfigInput;
  /** Start from this state instead of an empty cluster. */
  readonly state?: ClusterState;
  /** The reducer to fold with when not `inPlace`; default: one with autoFreeze off, for speed. */
  readonly model?: Model;
  /** Called with every event as it is recorded (to append it to a file, say). */
  readonly onEvent?: (event: DsimEvent) => void;
  /** Keep every recorded event in `engine.log` (default true). */
  readonly keepLog?: boolean;
  /** Called after every DaemonSet sync with what it decided (for tests and tracing). */
  readonly onSync?: (sync: SyncObserved) => void;
  /**
   * Fold the engine's own facts into a state it owns, changing it in place (the reducer's
   * `evolveAll` outside `produce`), instead of one immer `produce` per step. The same facts and
   * the same states, several times faster; `engine.state` is still a snapshot that later steps
   * never change: reading it copies the few small Maps and starts a new table batch, so tables
   * are shared and copied on write from then on (Clojure's persistent!/transient!). Default true;
   * false folds every step with the immer model (`model`), as replay does.
   */
  readonly inPlace?: boolean;
}

/** One sync as the engine ran it: the state it read and the intents it returned. */
export interface SyncObserved {
  readonly daemonSet: string;
  readonly at: number;
  readonly state: ClusterState;
  /** Everything the sync asked for, before burst limits cut creates and deletes. */
  readonly intents: readonly Intent[];
  /** Whether manage() wrote something, so the rolling update waited for a later sync. */
  readonly managed: boolean;
}

/** A running simulation: state, log, clock and queue. */
export class Engine {
  readonly config: EngineConfig;
  readonly rng: Random;
  readonly log: DsimEvent[] = [];
  private current: ClusterState;
  private readonly model: Model;
  private readonly inPlace: boolean;
  /** The table batch of in-place writes; replaced whenever a snapshot is handed out. */
  private tableOwner: object = {};
  /** The snapshot of the current state last handed out (in place), until the next write. */
  private snapshot: ClusterState | undefined;
  private readonly queue = new EventQueue<Task>();
  private readonly onEvent: ((e: DsimEvent) => void) | undefined;
  private readonly keepLog: boolean;
  private clock: number;

  // The DaemonSet controller's work queue: a key is queued at most once (client-go workqueue),
  // a key being synced is not handed to a second worker, and pending node scopes accumulate.
  private readonly workQueue: string[] = [];
  private readonly queued = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly dirty = new Map<string, Set<string> | 'all'>();
  private busyWorkers = 0;
  /** Outstanding pod writes per DaemonSet: the controller's expectations. */
  private readonly expectations = new Map<string, number>();
  /** Rolling-update working sets of DaemonSets with a rollout in progress. */
  private readonly working = new Map<string, IncrementalWorkingSet>();
  private readonly onSync: ((sync: SyncObserved) => void) | undefined;
  private readonly failedBackoff = new Map<string, { until: number; delay: number; recheck: boolean }>();
  /** Pods the scheduler could not place, by node, retried when the node or its pods change. */
  private readonly unschedulable = new Map<string, Set<string>>();
  /** Pods whose kubelet work waits for their node to come back. */
  private readonly parked = new Map<string, Set<string>>();

  constructor(options: EngineOptions) {
    this.config = resolveConfig(options.config);
    this.rng = new Random(options.seed);
    this.model = options.model ?? createModel({ autoFreeze: false });
    this.inPlace = options.inPlace ?? true;
    // In place, the engine must own every container it will change: copy a given state once.
    // In place, the engine must own every container it will change: tables are copied on write
    // (they belong to other batches), the few Maps at once.
    this.current = options.state === undefined ? initialState() : this.inPlace ? shallowCopy(options.state) : options.state;
    this.clock = this.current.now;
    this.onEvent = options.onEvent;
    this.keepLog = options.keepLog ?? true;
    this.onSync = options.onSync;
    if (options.state !== undefined) this.resume();
  }

  /**
   * Picks up a given state the way restarted components would: the controller resyncs every
   * DaemonSet, the scheduler and kubelets resume each pod where it stands, the node lifecycle
   * controller looks at every node. In table order, so resuming is deterministic too.
   */
  private resume(): void {
    const s = this.current;
    tableForEach(s.nodes, (rec, name) => {
      if (rec.kubelet === 'ok' && readyStatus(rec.node) !== 'True') {
        this.at(sample(this.config.latency.nodeRecovery, this.rng), { kind: 'nodeReady', node: name });
      } else if (rec.kubelet === 'Unreachable' && readyStatus(rec.node) !== 'Unknown') {
        this.silentSince.set(name, this.clock);
        const { nodeMonitorGracePeriodMs: grace, nodeMonitorPeriodMs: period } = this.config.nodeLifecycle;
        this.queue.push(nextTick(this.clock + grace, period), { kind: 'nodeUnknown', node: name, since: this.clock }, PRIORITY_COMPONENT);
      }
      this.scheduleConditionTaints(name);
    });
    tableForEach(s.pods, (p, key) => {
      if (p.targetNode !== undefined && !tableHas(s.nodes, p.targetNode) && p.nodeName !== undefined) {
        this.at(this.config.podGc.quarantineMs, { kind: 'podGc', node: p.targetNode });
        return;
      }
      if (p.deletionTimestamp !== undefined) {
        const left = Math.max(0, Math.min(sample(this.config.latency.termination, this.rng), p.deletionTimestamp - this.clock));
        return this.at(left, { kind: 'terminated', pod: key, uid: p.uid });
      }
      if (p.phase === 'Failed' || p.phase === 'Succeeded') return;
      if (p.nodeName === undefined) return this.at(sample(this.config.latency.schedule, this.rng), { kind: 'bind', pod: key, uid: p.uid });
      if (!p.started) return this.at(sample(this.config.latency.containerStart, this.rng), { kind: 'start', pod: key, uid: p.uid, pulled: false });
      if (!p.ready) {
        if (this.config.podsBecomeReady) {
          // The probes count from the start and the pod's creation, which may lie before the restart.
          const warmUp = sample(this.config.latency.readiness, this.rng);
          const started = p.startedAt ?? this.clock;
          const at = readyAt(podTemplateSpec(s, p), p.createdAt, started, this.clock - started + warmUp);
          this.at(at - this.clock, { kind: 'ready', pod: key, uid: p.uid });
        }
        return;
      }
      const minReady = p.owner === undefined ? 0 : (s.daemonSets.get(p.owner)?.daemonSet.spec?.minReadySeconds ?? 0);
      if (!p.available && minReady > 0 && p.readyChangedAt !== undefined) {
        const at = Math.max(this.clock, p.readyChangedAt + minReady * 1000 + 1);
        this.queue.push(at, { kind: 'available', pod: key, uid: p.uid, since: p.readyChangedAt }, PRIORITY_COMPONENT);
      }
    });
    // The taint-eviction controller: each tolerated NoExecute taint counted from when it was
    // added (not from the restart, as a restarted controller would), so that a simulation picked
    // up from a saved state evicts when one run would have.
    tableForEach(s.nodes, (rec, name) => {
      const taints = noExecuteTaints(rec.node);
      if (taints.length === 0) return;
      const added = Math.max(...taints.map((t) => (t.timeAdded ? (parseRfc3339(t.timeAdded) ?? SIMULATED_EPOCH_MS) - SIMULATED_EPOCH_MS : this.clock)));
      for (const p of podsOnNode(s, name)) {
        if (p.nodeName === name) this.processPodOnNode(p, taints, Math.min(this.clock, Math.max(added, p.createdAt)));
      }
    });
    for (const key of [...s.daemonSets.keys()].sort()) {
      const ds = s.daemonSets.get(key)!;
      // Being deleted in the foreground: the garbage collector picks it up again.
      if (ds.deletionRequestedAt !== undefined) {
        this.gatherDependents(ds);
        this.react(stamp(events.daemonSetDeleted(ds.namespace, ds.name, 'Foreground'), s.seq, this.clock));
      } else this.enqueue(key, 'all');
    }
  }

  /** The state after every event recorded so far: a snapshot, which later steps never change. */
  get state(): ClusterState {
    if (!this.inPlace) return this.current;
    if (this.snapshot === undefined) {
      this.snapshot = shallowCopy(this.current);
      // Writes from now on must not reach what the snapshot shares.
      this.tableOwner = {};
    }
    return this.snapshot;
  }

  /** The simulated time, in ms. */
  get now(): number {
    return this.clock;
  }

  /** Schedules an input event (a user's or the outside world's action) at a simulated time. */
  schedule(at: number, event: PendingEvent): void {
    if (!INPUT_EVENT_TYPES.has(event.type)) {
      throw new Error(`${event.type} is recorded by the simulation itself and cannot be scheduled`);
    }
    if (at < this.clock) throw new RangeError(`cannot schedule at ${at} ms: the clock is already at ${this.clock} ms`);
    this.queue.push(at, { kind: 'input', event }, PRIORITY_INPUT);
  }

  /** Applies an input now: `schedule(now, event)` and run everything due now. */
  input(event: PendingEvent): void {
    this.schedule(this.clock, event);
    this.run({ until: this.clock });
  }

  /** Runs to `to` (ms) and records that time was advanced there. */
  advance(to: number): void {
    this.run({ until: to });
    this.input(events.timeAdvanced(this.clock));
  }

  /** The time of the next item due, if any. */
  peek(): number | undefined {
    return this.queue.peek()?.at;
  }

  /** Processes the next due item; false when nothing is left. */
  step(): boolean {
    const next = this.queue.pop();
    if (next === undefined) return false;
    this.clock = Math.max(this.clock, next.at);
    this.handle(next.item);
    return true;
  }

  /**
   * Processes items until the queue is empty or the next one is later than `until` (ms);
   * the clock then stands at `until`. `maxSteps` guards against runaway scenarios.
   */
  run(options: { until?: number; maxSteps?: number } = {}): void {
    const until = options.until ?? Number.POSITIVE_INFINITY;
    const maxSteps = options.maxSteps ?? Number.POSITIVE_INFINITY;
    let steps = 0;
    for (;;) {
      const at = this.peek();
      if (at === undefined || at > until) break;
      if (steps++ >= maxSteps) throw new Error(`run stopped after ${maxSteps} steps at ${this.clock} ms`);
      this.step();
    }
    if (until !== Number.POSITIVE_INFINITY && until > this.clock) this.clock = until;
  }

  /** DaemonSet syncs being worked on now, writes included; never more than `controller.workers`. */
  get syncsInFlight(): number {
    return this.busyWorkers;
  }

  /** Whether anything is still scheduled. */
  get idle(): boolean {
    return this.queue.size === 0;
  }

  // ---- recording ------------------------------------------------------------------------------

  private record(pending: readonly PendingEvent[]): DsimEvent[] {
    if (pending.length === 0) return [];
    const stamped = pending.map((p, i) => stamp(p, this.current.seq + 1 + i, this.clock));
    for (const p of pending) {
      if (p.type !== 'PodDeleted') continue;
      const key = objectKey(p.data.namespace, p.data.name);
      const pod = tableGet(this.current.pods, key);
      if (pod?.targetNode !== undefined) this.deletedInfo.set(key, { ds: pod.owner, node: pod.targetNode });
    }
    // In place, the engine keeps one table batch open for its whole life: its state is its own.
    if (this.inPlace) {
      this.snapshot = undefined;
      withTableOwner(() => evolveAll(this.current as Draft<ClusterState>, stamped), this.tableOwner);
    } else this.current = this.model.fold(this.current, stamped);
    for (const e of stamped) {
      if (this.keepLog) this.log.push(e);
      this.onEvent?.(e);
    }
    for (const e of stamped) this.react(e);
    return stamped;
  }

  private at(delay: number, task: Task, priority = PRIORITY_COMPONENT): void {
    this.queue.push(this.clock + delay, task, priority);
  }

  // ---- tasks ----------------------------------------------------------------------------------

  private handle(task: Task): void {
    switch (task.kind) {
      case 'input':
        return this.applyInput(task.event);
      case 'sync':
        return this.sync(task.ds);
      case 'resync':
        return this.enqueue(task.ds, task.nodes);
      case 'writes': {
        const owner = this.current.daemonSets.get(task.ds);
        const live = task.facts.filter((f) => this.stillApplies(f, owner?.uid === task.uid && owner.deletionRequestedAt === undefined));
        this.record(live);
        const n = task.facts.filter((f) => f.type === 'PodCreated' || f.type === 'PodDeletionRequested').length;
        this.expectations.set(task.ds, Math.max(0, (this.expectations.get(task.ds) ?? 0) - n));
        if (task.last) this.workerDone(task.ds);
        return;
      }
      case 'bind':
        return this.bind(task.pod, task.uid);
      case 'start': {
        const p = this.livePod(task.pod, task.uid);
        if (p === undefined || p.deletionTimestamp !== undefined || p.nodeName === undefined) return;
        if (!this.kubeletWorks(p.nodeName)) return this.park(p);
        this.record([events.podStarted(p, task.pulled)]);
        return;
      }
      case 'ready': {
        const p = this.livePod(task.pod, task.uid);
        if (p === undefined || p.ready || p.deletionTimestamp !== undefined || p.phase !== 'Running') return;
        if (!this.kubeletWorks(p.nodeName!)) return this.park(p);
        this.record([events.podBecameReady(p)]);
        return;
      }
      case 'available': {
        const p = this.livePod(task.pod, task.uid);
        if (p === undefined || !p.ready || p.available || p.readyChangedAt !== task.since) return;
        // Scheduled under a shorter minReadySeconds than the DaemonSet has now: not yet.
        const minReady = p.owner === undefined ? 0 : (this.current.daemonSets.get(p.owner)?.daemonSet.spec?.minReadySeconds ?? 0);
        if (!isAvailableAt(p, minReady, this.clock)) return;
        this.record([events.podBecameAvailable(p)]);
        return;
      }
      case 'terminated': {
        const p = this.livePod(task.pod, task.uid);
        if (p === undefined) return;
        if (p.nodeName !== undefined && tableHas(this.current.nodes, p.nodeName) && !this.kubeletWorks(p.nodeName)) {
          return this.park(p); // a pod on a dead node stays Terminating until the node returns or goes
        }
        this.record([events.podDeleted(p)]);
        return;
      }
      case 'nodeReady': {
        const rec = tableGet(this.current.nodes, task.node);
        if (rec === undefined || rec.kubelet !== 'ok') return;
        // Back before the lifecycle controller noticed: nothing to report, but the kubelet resumes.
        if (readyStatus(rec.node) === 'True') return this.unpark(task.node);
        const posted = kubeletPostsPressure(rec.node, this.clock);
        this.record([events.nodeStatusUpdated(withCondition(posted, 'Ready', 'True', 'KubeletReady', this.clock, 'kubelet is posting ready status'))]);
        return;
      }
      case 'collect':
        return void this.record(task.facts.filter((f) => this.stillApplies(f, true)));
      case 'nodeUnknown': {
        const rec = tableGet(this.current.nodes, task.node);
        if (rec === undefined || rec.kubelet !== 'Unreachable' || readyStatus(rec.node) === 'Unknown') return;
        // A kubelet that recovered and went silent again since has a later deadline.
        if (this.silentSince.get(task.node) !== task.since) return;
        // tryUpdateNodeHealth: the kubelet's last heartbeat (its last report before it went silent) stays; the controller says why.
        const lastReport = nodeStatusAt(rec.node, rec.addedAt, task.since, true);
        this.record([events.nodeStatusUpdated(markNodeStatusUnknown(lastReport, rec.addedAt, this.clock))]);
        return;
      }
      case 'nodeTaints':
        if (task.pass === 'monitor') this.monitorPending.delete(task.node);
        return this.applyConditionTaints(task.node, task.pass);
      case 'taintEviction': {
        const due = this.evictions.get(task.pod);
        if (due === undefined || due.fireAt !== task.fireAt) return; // cancelled or rescheduled
        this.evictions.delete(task.pod);
        const p = this.livePod(task.pod, task.uid);
        if (p === undefined || p.deletionTimestamp !== undefined) return;
        this.record([events.podDeletionRequested(p, graceOf(this.current, p), TAINT_EVICTION_REASON)]);
        return;
      }
      case 'podGc': {
        if (tableHas(this.current.nodes, task.node)) return;
        const facts = podsOnNode(this.current, task.node)
          .filter((p) => p.nodeName !== undefined)
          .map((p) => events.podDeleted(p));
        this.record(facts);
        return;
      }
      default: {
        const never: never = task;
        throw new Error(`unknown task ${JSON.stringify(never)}`);
      }
    }
  }

  /**
   * A write decided at sync time may be moot when it lands: the pod already went, or its
   * DaemonSet did (the garbage collector would delete such a pod at once; dsim never makes it).
   */
  private stillApplies(f: PendingEvent, ownerLives: boolean): boolean {
    if (f.type === 'PodCreated') return ownerLives;
    if (f.type === 'PodDeletionRequested') {
      const p = tableGetNamed(this.current.pods, f.data.namespace, f.data.name);
      return p !== undefined && p.deletionTimestamp === undefined;
    }
    return true;
  }

  private applyInput(event: PendingEvent): void {
    // TaintNodesByCondition: a node that registers without Ready=True carries not-ready:NoSchedule.
    if (event.type === 'NodeAdded' && readyStatus(event.data.node) !== 'True') {
      const node = addTaint(event.data.node, { key: TAINT_NODE_NOT_READY, effect: 'NoSchedule' });
      this.record([events.nodeAdded(node)]);
      return;
    }
    if (event.type === 'NodeFailed' || event.type === 'NodeRecovered') {
      if (!tableHas(this.current.nodes, event.data.name)) return;
    }
    if (event.type === 'DaemonSetDeleted') {
      // Its dependents, read from its own index before the record goes (no scan of every pod): the
      // garbage collector deletes them, or, orphaned, they are pods another DaemonSet may adopt.
      const ds = this.current.daemonSets.get(objectKey(event.data.namespace, event.data.name));
      this.goneDependents = [];
      this.goneRevisions = [];
      // Asked again to go in the foreground: its dependents are already on their way.
      const again = ds?.deletionRequestedAt !== undefined && event.data.propagationPolicy === 'Foreground';
      if (ds !== undefined && !again) this.gatherDependents(ds);
    }
    this.record([event]);
  }

  /**
   * DaemonSets being deleted in the foreground: the pods the garbage collector still waits for
   * (by key) before it takes the finalizer off.
   */
  private readonly finalizing = new Map<string, { readonly uid: string; readonly waiting: Set<string> }>();

  /** The DaemonSet's revisions and pods not yet being deleted, for the garbage collector. */
  private gatherDependents(ds: DaemonSetRecord): void {
    this.goneRevisions = revisionsOf(this.current, ds);
    this.goneDependents = [];
    tableForEach(ds.nodes, ({ pods }) => {
      for (const p of pods) if (p.deletionTimestamp === undefined) this.goneDependents.push(p);
    });
  }

  /** The pods of the DaemonSet being deleted, for the garbage collector (set just before the fact). */
  private goneDependents: PodRecord[] = [];
  /** Its revisions (set with goneDependents). */
  private goneRevisions: RevisionRecord[] = [];

  /**
   * A pod without a controller: every DaemonSet of its namespace whose selector matches it syncs
   * its node, to adopt it (the controller's addPod and updatePod enqueue them).
   */
  private enqueueClaimers(pods: readonly PodRecord[]): void {
    if (pods.length === 0) return;
    for (const ds of [...this.current.daemonSets.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
      const nodes: string[] = [];
      for (const p of pods) {
        const labels = podLabels(this.current, p);
        if (p.namespace === ds.namespace && p.targetNode !== undefined && matchLabelSelector(ds.daemonSet.spec?.selector, labels)) nodes.push(p.targetNode);
      }
      if (nodes.length > 0) this.enqueue(ds.key, nodes);
    }
  }

  // ---- reactions: the informers' event handlers ----------------------------------------------

  private react(e: DsimEvent): void {
    const s = this.current;
    switch (e.type) {
      case 'NodeAdded':
      case 'NodeUpdated':
      case 'NodeStatusUpdated': {
        const name = e.data.node.metadata?.name ?? '';
        if (e.type === 'NodeAdded' && readyStatus(e.data.node) !== 'True') {
          this.at(sample(this.config.latency.nodeRegistration, this.rng), { kind: 'nodeReady', node: name });
        }
        this.scheduleConditionTaints(name);
        this.enqueueAll(name);
        this.retryUnschedulable(name);
        if (readyStatus(e.data.node) === 'True') this.unpark(name);
        this.handleNodeTaints(e.data.node);
        return;
      }
      case 'NodeRemoved': {
        const name = e.data.name;
        this.enqueueAll(name);
        this.at(this.podGcDelay(), { kind: 'podGc', node: name });
        this.unschedulable.delete(name);
        return;
      }
      case 'NodeFailed': {
        const rec = tableGet(s.nodes, e.data.name);
        if (rec === undefined) return;
        if (e.data.mode === 'NotReady') {
          this.record([events.nodeStatusUpdated(withCondition(rec.node, 'Ready', 'False', 'KubeletNotReady', this.clock))]);
        } else {
          // The monitor pass after the grace period finds the lease expired: Ready=Unknown.
          const { nodeMonitorGracePeriodMs: grace, nodeMonitorPeriodMs: period } = this.config.nodeLifecycle;
          this.silentSince.set(e.data.name, this.clock);
          this.queue.push(nextTick(this.clock + grace, period), { kind: 'nodeUnknown', node: e.data.name, since: this.clock }, PRIORITY_COMPONENT);
        }
        return;
      }
      case 'NodeRecovered':
        this.at(sample(this.config.latency.nodeRecovery, this.rng), { kind: 'nodeReady', node: e.data.name });
        return;
      case 'DaemonSetApplied': {
        const ns = e.data.daemonSet.metadata?.namespace ?? 'default';
        const key = objectKey(ns, e.data.daemonSet.metadata?.name ?? '');
        // Ready pods not yet available under the (possibly new) minReadySeconds become so later.
        const ds = s.daemonSets.get(key);
        const minReady = ds?.daemonSet.spec?.minReadySeconds ?? 0;
        if (ds !== undefined && minReady > 0) {
          tableForEach(ds.nodes, ({ pods }) => {
            for (const p of pods) {
              if (!p.ready || p.available || p.readyChangedAt === undefined) continue;
              const at = Math.max(this.clock, p.readyChangedAt + minReady * 1000 + 1);
              this.queue.push(at, { kind: 'available', pod: objectKey(p.namespace, p.name), uid: p.uid, since: p.readyChangedAt }, PRIORITY_COMPONENT);
            }
          });
        }
        this.enqueue(key, 'all');
        return;
      }
      case 'DaemonSetDeleted': {
        // The garbage collector deletes the dependents in the background.
        const key = objectKey(e.data.namespace, e.data.name);
        const dependents = this.goneDependents;
        const revisions = this.goneRevisions;
        this.goneDependents = [];
        this.goneRevisions = [];
        this.working.delete(key);
        this.createFailures.delete(key); // Forget: a DaemonSet that is not found syncs without error
        if (e.data.propagationPolicy === 'Orphan') {
          this.finalizing.delete(key);
          // Its pods and revisions stay, without an owner; another DaemonSet may adopt the pods.
          this.enqueueClaimers(dependents.map((p) => tableGetNamed(s.pods, p.namespace, p.name) ?? p));
          return;
        }
        const facts: PendingEvent[] = [];
        for (const p of dependents) facts.push(events.podDeletionRequested(p, graceOf(s, p), 'GarbageCollector'));
        const ds = s.daemonSets.get(key);
        if (e.data.propagationPolicy === 'Foreground' && ds?.deletionRequestedAt !== undefined) {
          // The garbage collector deletes the dependents first (they block their owner's deletion),
          // then takes the finalizer off once every pod is gone, terminating ones included.
          if (!this.finalizing.has(key)) {
            const waiting = new Set<string>();
            tableForEach(ds.nodes, ({ pods }) => {
              for (const p of pods) waiting.add(objectKey(p.namespace, p.name));
            });
            this.finalizing.set(key, { uid: ds.uid, waiting });
            for (const r of revisions) facts.push(events.controllerRevisionDeleted(r));
            if (waiting.size === 0) facts.push(events.daemonSetFinalized(ds.namespace, ds.name, ds.uid));
          }
          if (facts.length > 0) this.queue.push(this.clock + 1, { kind: 'collect', facts }, PRIORITY_COMPONENT);
          return;
        }
        this.finalizing.delete(key);
        if (facts.length > 0) this.queue.push(this.clock + 1, { kind: 'collect', facts }, PRIORITY_COMPONENT);
        for (const r of revisions) this.record([events.controllerRevisionDeleted(r)]);
        return;
      }
      case 'DaemonSetFinalized':
        this.finalizing.delete(objectKey(e.data.namespace, e.data.name));
        return;
      case 'BarePodCreated': {
        const p = tableGetNamed(s.pods, e.data.pod.metadata?.namespace ?? 'default', e.data.pod.metadata?.name ?? '');
        if (p !== undefined) this.afterCreate(p);
        if (p !== undefined && s.daemonSets.size > 0) this.enqueueClaimers([p]);
        return;
      }
      case 'PodCreated': {
        const p = tableGetNamed(s.pods, e.data.namespace, e.data.name);
        if (p !== undefined) this.afterCreate(p);
        this.enqueue(e.data.daemonSet, [e.data.node]);
        return;
      }
      case 'PodBound': {
        const p = tableGetNamed(s.pods, e.data.namespace, e.data.name);
        if (p === undefined) return;
        const have = tableGet(s.nodeImages, e.data.node) ?? [];
        const pulled = imagesOf(s, p).some((i) => !have.includes(i));
        const delay =
          (pulled ? sample(this.config.latency.imagePull, this.rng) : 0) + sample(this.config.latency.containerStart, this.rng);
        this.at(delay, { kind: 'start', pod: objectKey(p.namespace, p.name), uid: p.uid, pulled });
        this.enqueueOwner(p);
        // The taint-eviction controller's handlePodUpdate: a pod bound to a node with NoExecute taints.
        const taints = noExecuteTaints(tableGet(s.nodes, e.data.node)?.node);
        if (taints.length > 0) this.processPodOnNode(p, taints, this.clock);
        return;
      }
      case 'PodStarted': {
        const p = tableGetNamed(s.pods, e.data.namespace, e.data.name);
        if (p === undefined) return;
        if (this.config.podsBecomeReady) {
          const at = readyAt(podTemplateSpec(s, p), p.createdAt, this.clock, sample(this.config.latency.readiness, this.rng));
          this.at(at - this.clock, { kind: 'ready', pod: objectKey(p.namespace, p.name), uid: p.uid });
        }
        this.enqueueOwner(p);
        return;
      }
      case 'PodBecameReady': {
        const p = tableGetNamed(s.pods, e.data.namespace, e.data.name);
        if (p === undefined) return;
        const ds = p.owner === undefined ? undefined : s.daemonSets.get(p.owner);
        const minReady = ds?.daemonSet.spec?.minReadySeconds ?? 0;
        if (minReady > 0) {
          // Available when readySince + minReadySeconds < now, strictly: 1 ms after the boundary.
          this.at(minReady * 1000 + 1, { kind: 'available', pod: objectKey(p.namespace, p.name), uid: p.uid, since: this.clock });
        }
        this.enqueueOwner(p);
        return;
      }
      case 'PodBecameUnready':
      case 'PodBecameAvailable':
      case 'PodTerminated':
      case 'PodUnschedulable': {
        const p = tableGetNamed(s.pods, e.data.namespace, e.data.name);
        if (p !== undefined) this.enqueueOwner(p);
        return;
      }
      case 'PodDeletionRequested':
      case 'PodRemovalRequested': {
        const p = tableGetNamed(s.pods, e.data.namespace, e.data.name);
        if (p === undefined || p.deletionTimestamp === undefined) return;
        const key = objectKey(p.namespace, p.name);
        // A pod that never started goes at once; a running one takes until its containers exit,
        // at most until its deletion time (a later delete may have brought it forward).
        const delay =
          p.nodeName === undefined || !p.started
            ? 0
            : Math.max(0, Math.min(sample(this.config.latency.termination, this.rng), p.deletionTimestamp - this.clock));
        this.at(delay, { kind: 'terminated', pod: key, uid: p.uid });
        this.enqueueOwner(p);
        return;
      }
      case 'PodCreateFailed':
        return;
      case 'PodAdopted': {
        // Now the DaemonSet's: its next sync of the node sees it.
        const node = tableGetNamed(s.pods, e.data.namespace, e.data.name)?.targetNode;
        if (node !== undefined) this.enqueue(e.data.daemonSet, [node]);
        return;
      }
      case 'PodRelabeled': {
        // updatePod: its controller looks again (it may release it); a pod without one, every
        // DaemonSet whose selector now matches it (it may be adopted).
        const p = tableGetNamed(s.pods, e.data.namespace, e.data.name);
        if (p === undefined) return;
        if (p.owner !== undefined && p.targetNode !== undefined && s.daemonSets.get(p.owner)?.uid === p.ownerUid) this.enqueue(p.owner, [p.targetNode]);
        else this.enqueueClaimers([p]);
        return;
      }
      case 'PodReleased': {
        // The controller reference changed: the old controller syncs the node again (its rolling
        // update waited for this), and any DaemonSet matching the pod's labels may adopt it.
        const p = tableGetNamed(s.pods, e.data.namespace, e.data.name);
        if (p?.targetNode !== undefined) this.enqueue(e.data.daemonSet, [p.targetNode]);
        if (p !== undefined) this.enqueueClaimers([p]);
        return;
      }
      case 'PodDeleted': {
        const ownerKey = this.ownerKeyOfDeleted(e);
        if (ownerKey !== undefined) this.enqueue(ownerKey.ds, [ownerKey.node]);
        const owner = ownerKey === undefined ? undefined : this.finalizing.get(ownerKey.ds);
        if (owner !== undefined && owner.waiting.delete(objectKey(e.data.namespace, e.data.name)) && owner.waiting.size === 0) {
          const [namespace, name] = ownerKey!.ds.split('/') as [string, string];
          this.queue.push(this.clock + 1, { kind: 'collect', facts: [events.daemonSetFinalized(namespace, name, owner.uid)] }, PRIORITY_COMPONENT);
        }
        return;
      }
      case 'ControllerRevisionCreated':
      case 'ControllerRevisionUpdated':
      case 'ControllerRevisionDeleted':
      case 'ControllerRevisionAnnotated':
      // Annotations select and count nothing: no controller has work to do.
      case 'PodAnnotated':
      case 'DaemonSetSynced':
      case 'SimulationStarted':
      case 'TimeAdvanced':
      case 'ObjectApplied':
      case 'ObjectDeleted':
        return;
      default: {
        const never: never = e;
        throw new Error(`unknown event ${JSON.stringify(never)}`);
      }
    }
  }

  /** A PodDeleted fact no longer finds its pod in the state; where it was is remembered here. */
  private ownerKeyOfDeleted(e: Extract<DsimEvent, { type: 'PodDeleted' }>): { ds: string; node: string } | undefined {
    const key = objectKey(e.data.namespace, e.data.name);
    const info = this.deletedInfo.get(key);
    this.deletedInfo.delete(key);
    if (info === undefined) return undefined;
    this.retryUnschedulable(info.node);
    return info.ds === undefined ? undefined : { ds: info.ds, node: info.node };
  }

  /** Owner and node of pods about to be deleted, read just before their PodDeleted is folded. */
  private readonly deletedInfo = new Map<string, { ds: string | undefined; node: string }>();

  /** Pod GC runs every period and collects pods of nodes gone (or never there) longer than the quarantine. */
  private podGcDelay(): number {
    const { periodMs: period, quarantineMs: quarantine } = this.config.podGc;
    return quarantine + (period - ((this.clock + quarantine) % period));
  }

  private afterCreate(p: PodRecord): void {
    const key = objectKey(p.namespace, p.name);
    if (p.nodeName !== undefined) {
      // A pod created with spec.nodeName is bound already (a static or pre-placed pod).
      this.record([events.podBound(p, p.nodeName)]);
      // Bound to a node that does not exist: pod GC's gcOrphaned deletes it after the quarantine.
      if (!tableHas(this.current.nodes, p.nodeName)) this.at(this.podGcDelay(), { kind: 'podGc', node: p.nodeName });
      return;
    }
    this.at(sample(this.config.latency.schedule, this.rng), { kind: 'bind', pod: key, uid: p.uid });
  }

  // ---- the taint-eviction controller ----------------------------------------------------------

  /** Evictions waiting for a toleration's seconds to run out, by pod key (its TimedWorkerQueue). */
  private readonly evictions = new Map<string, { readonly createdAt: number; readonly fireAt: number }>();

  /** handleNodeUpdate: every pod bound to the node, against the node's NoExecute taints. */
  private handleNodeTaints(node: Node): void {
    const taints = noExecuteTaints(node);
    // Without NoExecute taints there is only scheduled work to cancel, and usually none.
    if (taints.length === 0 && this.evictions.size === 0) return;
    const name = node.metadata?.name ?? '';
    for (const p of podsOnNode(this.current, name)) if (p.nodeName === name) this.processPodOnNode(p, taints, this.clock);
  }

  /**
   * processPodOnNode: a pod that does not tolerate every NoExecute taint of its node is deleted
   * at once; one that tolerates them all is deleted when the shortest tolerationSeconds among the
   * tolerations used runs out, counted from when that was first decided; tolerating them forever,
   * it stays. A live DaemonSet's pod on a taint it does not tolerate is left to its controller,
   * which deletes it at its next sync (shouldContinueRunning is false); in Kubernetes the two race.
   */
  private processPodOnNode(p: PodRecord, taints: readonly Taint[], now: number): void {
    const key = objectKey(p.namespace, p.name);
    if (taints.length === 0) {
      this.evictions.delete(key);
      return;
    }
    const tolerations = podTolerations(this.current, p);
    let seconds = Number.POSITIVE_INFINITY;
    for (const t of taints) {
      const used = tolerations.find((tol) => toleratesTaint(tol, t));
      if (used === undefined) {
        this.evictions.delete(key);
        if (!this.controlledByLiveDaemonSet(p)) this.evictAt(key, p, now, now);
        return;
      }
      if (used.tolerationSeconds !== undefined && used.tolerationSeconds !== null) seconds = Math.min(seconds, Math.max(0, used.tolerationSeconds));
    }
    if (seconds === Number.POSITIVE_INFINITY) {
      this.evictions.delete(key);
      return;
    }
    const fireAt = now + seconds * 1000;
    // Work already scheduled keeps its start, and is kept unless it started at this very moment.
    const had = this.evictions.get(key);
    if (had !== undefined && had.createdAt + seconds * 1000 < fireAt) return;
    this.evictAt(key, p, had?.createdAt ?? now, fireAt);
  }

  private evictAt(key: string, p: PodRecord, createdAt: number, fireAt: number): void {
    this.evictions.set(key, { createdAt, fireAt });
    this.queue.push(Math.max(fireAt, this.clock), { kind: 'taintEviction', pod: key, uid: p.uid, fireAt }, PRIORITY_COMPONENT);
  }

  private controlledByLiveDaemonSet(p: PodRecord): boolean {
    return p.owner !== undefined && this.current.daemonSets.get(p.owner)?.uid === p.ownerUid;
  }

  private livePod(key: string, uid: string): PodRecord | undefined {
    const p = tableGet(this.current.pods, key);
    return p !== undefined && p.uid === uid ? p : undefined;
  }

  private kubeletWorks(node: string): boolean {
    const rec = tableGet(this.current.nodes, node);
    return rec !== undefined && rec.kubelet === 'ok' && readyStatus(rec.node) === 'True';
  }

  private park(p: PodRecord): void {
    const node = p.nodeName ?? p.targetNode ?? '';
    let set = this.parked.get(node);
    if (set === undefined) this.parked.set(node, (set = new Set()));
    set.add(objectKey(p.namespace, p.name));
  }

  /** A node is back: pods whose kubelet work waited resume where they stopped. */
  private unpark(node: string): void {
    const set = this.parked.get(node);
    this.parked.delete(node);
    // Pods the lifecycle controller marked unready turn Ready again once the kubelet reports.
    for (const p of podsOnNode(this.current, node)) {
      const key = objectKey(p.namespace, p.name);
      if (p.deletionTimestamp !== undefined) {
        if (set?.has(key)) this.at(0, { kind: 'terminated', pod: key, uid: p.uid });
        continue;
      }
      if (p.phase === 'Running' && !p.ready && this.config.podsBecomeReady) {
        this.at(sample(this.config.latency.readiness, this.rng), { kind: 'ready', pod: key, uid: p.uid });
      } else if (p.phase === 'Pending' && p.nodeName !== undefined && set?.has(key)) {
        this.at(sample(this.config.latency.containerStart, this.rng), { kind: 'start', pod: key, uid: p.uid, pulled: false });
      }
    }
  }

  // ---- scheduler ------------------------------------------------------------------------------

  private bind(key: string, uid: string): void {
    const p = this.livePod(key, uid);
    if (p === undefined || p.nodeName !== undefined || p.deletionTimestamp !== undefined) return;
    const node = p.targetNode;
    const rec = node === undefined ? undefined : tableGet(this.current.nodes, node);
    if (node === undefined || rec === undefined) return; // the controller deletes pods for missing nodes
    const reason = this.fitError(p, rec.node);
    if (reason === undefined) {
      this.record([events.podBound(p, node)]);
      return;
    }
    let set = this.unschedulable.get(node);
    if (set === undefined) this.unschedulable.set(node, (set = new Set()));
    set.add(key);
    if (p.unschedulable !== reason) this.record([events.podUnschedulable(p, reason)]);
  }

  private retryUnschedulable(node: string): void {
    const set = this.unschedulable.get(node);
    if (set === undefined) return;
    this.unschedulable.delete(node);
    for (const key of set) {
      const p = tableGet(this.current.pods, key);
      if (p !== undefined) this.at(sample(this.config.latency.schedule, this.rng), { kind: 'bind', pod: key, uid: p.uid });
    }
  }

  /**
   * kube-scheduler's filters for a pod pinned to one node, in the scheduler's order: taints it
   * does not tolerate (NoSchedule, NoExecute), host ports another pod on the node holds, then
   * resources (pod count, cpu, memory). Undefined when it fits; otherwise the FailedScheduling
   * message, as the newest scheduler words it (FitError.Error): the pod's node affinity leaves
   * every other node out at PreFilter, and preemption, which dsim does not simulate, finds no
   * victims where a filter could be helped by one and is not helpful elsewhere.
   */
  private fitError(p: PodRecord, node: Node): string | undefined {
    const spec = podTemplateSpec(this.current, p);
    const tolerations = podTolerations(this.current, p);
    let reasons: string[] = [];
    let unresolvable = false;
    for (const t of node.spec?.taints ?? []) {
      if (t.effect !== 'NoSchedule' && t.effect !== 'NoExecute') continue;
      if (!tolerations.some((tol) => toleratesTaint(tol, t))) {
        reasons = ['node(s) had untolerated taint(s)'];
        unresolvable = true;
        break;
      }
    }
    const wanted = hostPortsOf(spec);
    const alloc = node.status?.allocatable ?? node.status?.capacity ?? {};
    if (reasons.length === 0) {
      // The pods the node holds: bound to it and not finished (terminating ones included).
      const others = podsOnNode(this.current, node.metadata?.name ?? '').filter(
        (o) => o !== p && o.nodeName !== undefined && o.phase !== 'Succeeded' && o.phase !== 'Failed',
      );
      if (wanted.length > 0 && others.some((o) => hostPortsOf(podTemplateSpec(this.current, o)).some((u) => wanted.some((w) => portsConflict(w, u))))) {
        reasons = ["node(s) didn't have free ports for the requested pod ports"];
      } else {
        reasons = this.resourceShortage(spec, alloc, others);
      }
    }
    if (reasons.length === 0) return undefined;
    const n = Math.max(1, this.current.nodes.size);
    const filtered = new Map<string, number>(reasons.map((r) => [r, 1]));
    const notHelpful = 'Preemption is not helpful for scheduling';
    const preemption = new Map<string, number>([[unresolvable ? notHelpful : 'No preemption victims found for incoming pod', 1]]);
    if (n > 1) {
      filtered.set("node(s) didn't satisfy plugin(s) [NodeAffinity]", n - 1);
      preemption.set(notHelpful, (preemption.get(notHelpful) ?? 0) + n - 1);
    }
    return `0/${n} nodes are available: ${histogram(filtered)}. preemption: 0/${n} nodes are available: ${histogram(preemption)}.`;
  }

  /**
   * NodeResourcesFit's reasons (fitsRequest): the pod count, then every resource the pod requests
   * (cpu, memory, ephemeral-storage, hugepages, extended resources such as nvidia.com/gpu) against
   * what allocatable leaves after the node's other pods' requests; a resource the pod requests none
   * of is not checked. A resource the node does not list has none, except the four every kubelet
   * reports (cpu, memory, ephemeral-storage, pods): a node object without them is taken to have
   * room, as dsim's kubelets are healthy.
   */
  private resourceShortage(spec: ReturnType<typeof podTemplateSpec>, alloc: Readonly<Record<string, unknown>>, others: readonly PodRecord[]): string[] {
    const reasons: string[] = [];
    const maxPods = quantityOf('pods', alloc['pods']);
    if (maxPods !== undefined && others.length + 1 > maxPods) reasons.push('Too many pods');
    const want = requestsOf(spec);
    let used: Record<string, number> | undefined;
    for (const name in want) {
      const amount = want[name]!;
      if (!(amount > 0)) continue;
      const listed = alloc[name];
      let room: number;
      if (listed === undefined || listed === null) {
        if (KUBELET_REPORTED.has(name)) continue;
        room = 0;
      } else {
        const parsed = quantityOf(name, listed);
        if (parsed === undefined) continue;
        room = parsed;
      }
      if (used === undefined) {
        used = {};
        for (const other of others) addRequests(used, requestsOf(podTemplateSpec(this.current, other)));
      }
      if (amount > room - (used[name] ?? 0)) reasons.push(`Insufficient ${name}`);
    }
    return reasons;
  }

  // ---- node lifecycle controller --------------------------------------------------------------

  /**
   * Schedules the lifecycle controller's work after a node changed: NoSchedule condition taints at
   * once (TaintNodesByCondition watches node updates); NoExecute taints and marking pods not Ready
   * on the next monitor pass (every nodeMonitorPeriodMs).
   */
  private scheduleConditionTaints(node: string): void {
    const rec = tableGet(this.current.nodes, node);
    if (rec === undefined) return;
    const current = rec.node.spec?.taints ?? [];
    const wanted = conditionTaints(rec.node);
    if (!sameTaints(current, wanted, 'NoSchedule')) this.at(0, { kind: 'nodeTaints', node, pass: 'noSchedule' });
    const markPods = readyStatus(rec.node) !== 'True' && podsOnNode(this.current, node).some((p) => p.ready);
    if ((markPods || !sameTaints(current, wanted, 'NoExecute')) && !this.monitorPending.has(node)) {
      this.monitorPending.add(node);
      const at = nextTick(this.clock, this.config.nodeLifecycle.nodeMonitorPeriodMs);
      this.queue.push(at, { kind: 'nodeTaints', node, pass: 'monitor' }, PRIORITY_COMPONENT);
    }
  }

  /** Nodes with a monitor pass already scheduled. */
  private readonly monitorPending = new Set<string>();
  /** When each silent kubelet went silent (NodeFailed Unreachable), to time its Ready=Unknown. */
  private readonly silentSince = new Map<string, number>();

  /**
   * The taints the node lifecycle controller (and TaintNodesByCondition) keep in step with
   * conditions and `unschedulable`; other taints are left alone. The 'noSchedule' pass touches
   * only NoSchedule ones; the monitor pass all of them, and it marks the pods of a node that is
   * not Ready not Ready (MarkPodsNotReady).
   */
  private applyConditionTaints(name: string, pass: 'noSchedule' | 'monitor'): void {
    const rec = tableGet(this.current.nodes, name);
    if (rec === undefined) return;
    const current = rec.node.spec?.taints ?? [];
    const inPass = (t: Taint) => MANAGED_TAINT_KEYS.has(t.key) && (pass === 'monitor' || t.effect === 'NoSchedule');
    const wanted = conditionTaints(rec.node).filter(inPass);
    const kept = current.filter((t) => !inPass(t));
    const had = current.filter(inPass);
    if (had.length !== wanted.length || !wanted.every((w) => had.some((c) => c.key === w.key && c.effect === w.effect))) {
      const added = wanted.map(
        (w) => had.find((c) => c.key === w.key && c.effect === w.effect) ?? { ...w, ...(w.effect === 'NoExecute' ? { timeAdded: isoAt(this.clock) } : {}) },
      );
      const taints = [...kept, ...added];
      const spec = { ...rec.node.spec, taints };
      if (taints.length === 0) delete (spec as { taints?: Taint[] }).taints;
      this.record([events.nodeStatusUpdated({ ...rec.node, spec })]);
    }
    if (pass === 'monitor' && readyStatus(rec.node) !== 'True') {
      const facts: PendingEvent[] = [];
      for (const p of podsOnNode(this.current, name)) if (p.ready) facts.push(events.podBecameUnready(p));
      this.record(facts);
    }
  }

  // ---- the DaemonSet controller ---------------------------------------------------------------

  private enqueueAll(node: string): void {
    for (const key of [...this.current.daemonSets.keys()].sort()) this.enqueue(key, [node]);
  }

  private enqueueOwner(p: PodRecord): void {
    if (p.owner !== undefined && p.targetNode !== undefined) this.enqueue(p.owner, [p.targetNode]);
  }

  private enqueue(ds: string, nodes: 'all' | readonly string[]): void {
    this.working.get(ds)?.touch(nodes);
    const had = this.dirty.get(ds);
    if (nodes === 'all' || had === 'all') this.dirty.set(ds, 'all');
    else {
      const set = had ?? new Set<string>();
      for (const n of nodes) set.add(n);
      this.dirty.set(ds, set);
    }
    if (this.queued.has(ds) || this.processing.has(ds)) return;
    this.queued.add(ds);
    this.workQueue.push(ds);
    this.startWorkers();
  }

  private startWorkers(): void {
    while (this.busyWorkers < this.config.controller.workers && this.workQueue.length > 0) {
      const ds = this.workQueue.shift()!;
      this.queued.delete(ds);
      this.processing.add(ds);
      this.busyWorkers++;
      const c = this.config.controller;
      const cost = sample(c.syncLatency, this.rng) + Math.round(c.syncCostPerNodeMs * this.current.nodes.size);
      this.at(cost, { kind: 'sync', ds }, PRIORITY_SYNC);
    }
  }

  private workerDone(ds: string): void {
    this.processing.delete(ds);
    this.busyWorkers--;
    if (this.dirty.has(ds) && !this.queued.has(ds)) {
      this.queued.add(ds);
      this.workQueue.push(ds);
    }
    this.startWorkers();
  }

  /** One syncDaemonSet on a worker, with expectations, burst limits and slow-start batches. */
  private sync(key: string): void {
    const scopeNodes = this.dirty.get(key) ?? new Set<string>();
    this.dirty.delete(key);
    const ds = this.current.daemonSets.get(key);
    if (ds === undefined || (this.expectations.get(key) ?? 0) > 0) {
      // Deleted, or earlier writes not yet observed: status only (which the state keeps exact).
      if (ds !== undefined && scopeNodes !== undefined) this.restoreScope(key, scopeNodes);
      return this.workerDone(key);
    }
    const scope: SyncScope = scopeNodes === 'all' ? { nodes: 'all' } : { nodes: [...scopeNodes].sort() };
    if (ds.counts.numberOutdated === 0) this.working.delete(key); // no rollout: nothing to keep up to date
    const { intents, managed } = syncDaemonSet(this.current, key, scope, {
      failedPodDeletable: (dsKey, node) => this.failedPodDeletable(dsKey, node),
      workingSet: (d) => this.workingSet(d.key),
    });
    this.onSync?.({ daemonSet: key, at: this.clock, state: this.state, intents, managed });
    const c = this.config.controller;
    const creates = intents.filter((i) => i.type === 'CreatePod');
    const deletes = intents.filter((i) => i.type === 'DeletePod');
    const other = intents.filter((i) => i.type !== 'CreatePod' && i.type !== 'DeletePod');
    // Work beyond the burst is left for the next sync, as the real controller's full scan would
    // find it. Only the nodes of that work need another look, even after a full-scope sync: the
    // others needed nothing, and any change to them enqueues them again.
    const creatable = creates.slice(0, c.burstReplicas);
    const deletable = deletes.slice(0, c.burstReplicas);
    if (creates.length > creatable.length || deletes.length > deletable.length) {
      const rest = new Set<string>();
      for (const i of [...creates.slice(c.burstReplicas)]) if (i.type === 'CreatePod') rest.add(i.node);
      for (const i of deletes.slice(c.burstReplicas)) {
        if (i.type !== 'DeletePod') continue;
        const p = tableGetNamed(this.current.pods, i.namespace, i.name);
        if (p?.targetNode !== undefined) rest.add(p.targetNode);
      }
      this.restoreScope(key, rest);
    }
    this.record(intentsToEvents(this.current, other, this.rng, { deletion: 'request' }));
    this.issueWrites(key, creatable, deletable);
  }

  private restoreScope(key: string, nodes: Set<string> | 'all'): void {
    const had = this.dirty.get(key);
    if (nodes === 'all' || had === 'all') this.dirty.set(key, 'all');
    else this.dirty.set(key, new Set([...(had ?? []), ...nodes]));
  }

  /**
   * The batch's PodCreated facts, each under a name no earlier batch of the sync has taken: one
   * that has is drawn again (the API server retries generateName on a conflict, so two pods never
   * share a name). Names are only drawn again on a conflict, so the random stream is otherwise the
   * one it was.
   */
  private withUnusedNames(facts: PendingEvent[], taken: Set<string>): PendingEvent[] {
    return facts.map((f) => {
      if (f.type !== 'PodCreated') return f;
      let name = f.data.name;
      if (taken.has(name)) {
        const base = name.slice(0, -5);
        do name = base + nameSuffix(randomNameSuffix(this.rng));
        while (taken.has(name) || tableGetNamed(this.current.pods, f.data.namespace, name) !== undefined);
      }
      taken.add(name);
      return name === f.data.name ? f : events.podCreated({ ...f.data, name });
    });
  }

  /** The controller's client-side rate limiter (client-go's token bucket: golang.org/x/time/rate). */
  private limiter: { tokens: number; last: number } | undefined;

  /**
   * Reserves one request at time `at` on the controller's rate limiter and returns when it may go:
   * tokens refill at apiQps per second up to apiBurst, a request takes one, and one that finds
   * none waits until its token has refilled (rate.Limiter.Reserve).
   */
  private reserveWrite(at: number): number {
    const { apiQps: qps, apiBurst: burst } = this.config.controller;
    if (!(qps > 0)) return at;
    const l = (this.limiter ??= { tokens: burst, last: at });
    const last = Math.min(l.last, at);
    const tokens = Math.min(burst, l.tokens + ((at - last) * qps) / 1000) - 1;
    l.tokens = tokens;
    l.last = at;
    // Whole milliseconds, as all simulated time is (a hair of float error is not a millisecond).
    return tokens >= -1e-9 ? at : at + Math.ceil((-tokens * 1000) / qps - 1e-6);
  }

  /** Creates refused in a row per DaemonSet: the rate limiter's exponent. */
  private readonly createFailures = new Map<string, number>();

  /**
   * Why the API server would refuse this DaemonSet's pods, if it would (`podAdmissionError`): the
   * ServiceAccount plugin finds no service account of the template's name (the `default` one
   * exists in every namespace), or the Priority plugin no PriorityClass of its name. Its message,
   * as the controller's FailedCreate event quotes it (the pod has only its generateName then).
   */
  private createRefusal(key: string): string | undefined {
    const ds = this.current.daemonSets.get(key);
    if (ds === undefined) return undefined;
    return podAdmissionError(this.current.objects, ds.namespace, `${ds.name}-`, ds.daemonSet.spec?.template?.spec);
  }

  private failedPodDeletable(ds: string, node: string): boolean {
    const k = `${ds}|${node}`;
    const b = this.failedBackoff.get(k);
    const { initial, max } = this.config.controller.failedPodBackoffMs;
    if (b !== undefined && this.clock < b.until) {
      // Re-check the node once the backoff has passed, through the work queue like any sync
      // (a sync started outside it would bypass the worker limit and the node scope).
      if (!b.recheck) {
        this.failedBackoff.set(k, { ...b, recheck: true });
        this.queue.push(b.until, { kind: 'resync', ds, nodes: [node] }, PRIORITY_SYNC);
      }
      return false;
    }
    const delay = b === undefined ? initial : Math.min(b.delay * 2, max);
    this.failedBackoff.set(k, { until: this.clock + delay, delay, recheck: false });
    return true;
  }

  /**
   * syncNodes: creates in slow-start batches of 1, 2, 4, … each waiting for the one before, then
   * the deletes all at once (Kubernetes waits for the creates before it issues them). The worker
   * stays busy until the last write lands.
   */
  private issueWrites(key: string, creates: readonly Intent[], deletes: readonly Intent[]): void {
    const lat = this.config.latency.apiWrite;
    const batches: { delay: number; facts: PendingEvent[] }[] = [];
    let t = 0;
    // A batch's calls run in parallel, each once the client's rate limiter lets it: the batch
    // lasts until its slowest call has returned.
    const batchEnd = (n: number): number => {
      let end = t;
      for (let j = 0; j < n; j++) end = Math.max(end, this.reserveWrite(this.clock + t) - this.clock + sample(lat, this.rng));
      return end;
    };
    let size = this.config.controller.slowStartInitialBatchSize;
    const refusal = creates.length === 0 ? undefined : this.createRefusal(key);
    if (refusal === undefined) this.createFailures.delete(key);
    else {
      // The first slow-start batch fails whole and the rest is skipped (its expectations lowered);
      // the sync ends in an error, so the work queue's rate limiter retries it: 5 ms doubling to
      // 1000 s per DaemonSet (DefaultControllerRateLimiter), forgotten after a sync that works.
      const batch = creates.slice(0, size);
      t = batchEnd(batch.length);
      batches.push({ delay: t, facts: batch.map((i) => events.podCreateFailed(key, i.type === 'CreatePod' ? i.node : '', refusal)) });
      const failures = this.createFailures.get(key) ?? 0;
      this.createFailures.set(key, failures + 1);
      const nodes = creates.map((i) => (i.type === 'CreatePod' ? i.node : ''));
      this.queue.push(this.clock + t + Math.min(5 * 2 ** failures, 1_000_000), { kind: 'resync', ds: key, nodes }, PRIORITY_SYNC);
      creates = [];
    }
    // The names this sync's batches have taken: each batch's are drawn now, before the ones before
    // it have landed, so the state does not know them yet.
    const taken = new Set<string>();
    for (let i = 0; i < creates.length; ) {
      const batch = creates.slice(i, i + size);
      i += batch.length;
      const facts = this.withUnusedNames(intentsToEvents(this.current, batch, this.rng, { deletion: 'request' }), taken);
      t = batchEnd(batch.length);
      batches.push({ delay: t, facts });
      size *= 2;
    }
    if (deletes.length > 0) {
      const facts = intentsToEvents(this.current, deletes, this.rng, { deletion: 'request' });
      // Issued at once; they land together once the rate limiter has let the last through.
      const latency = sample(lat, this.rng);
      let start = t;
      for (let j = 0; j < deletes.length; j++) start = Math.max(start, this.reserveWrite(this.clock + t) - this.clock);
      batches.push({ delay: start + latency, facts });
    }
    if (batches.length === 0) return this.workerDone(key);
    const uid = this.current.daemonSets.get(key)?.uid ?? '';
    this.expectations.set(key, (this.expectations.get(key) ?? 0) + creates.length + deletes.length);
    // Names drawn for earlier batches must not be drawn again: intentsToEvents checks the state,
    // so later batches are renamed if they collide when they land (vanishingly rare).
    batches.forEach((b, i) =>
      this.queue.push(this.clock + b.delay, { kind: 'writes', ds: key, uid, facts: b.facts, last: i === batches.length - 1 }, PRIORITY_COMPONENT),
    );
  }

  /**
   * The rolling update's working set of a DaemonSet, brought up to date: built by one scan when a
   * rollout starts, then refreshed only on the nodes events touched since.
   */
  workingSet(key: string): WorkingSet {
    const ds = this.current.daemonSets.get(key);
    if (ds === undefined) return { counts: { settled: 0, waiting: 0, surging: 0, surgingAvailable: 0 }, oldAvailable: new Set<string>(), other: [] };
    let ws = this.working.get(key);
    if (ws === undefined || !ws.builtFor(ds)) this.working.set(key, (ws = new IncrementalWorkingSet(ds)));
    ws.refresh(this.current, ds);
    return ws;
  }

  // ---- questions ------------------------------------------------------------------------------

  /** What `kubectl rollout status ds/<name>` would print now. */
  rolloutStatus(key: string): RolloutStatus {
    return rolloutStatus(this.current, key);
  }
}

/** The answer of `kubectl rollout status` for a DaemonSet. */
export interface RolloutStatus {
  readonly done: boolean;
  readonly message: string;
}

/** What `kubectl rollout status ds/<name>` prints for the DaemonSet in this state. */
export function rolloutStatus(state: ClusterState, key: string): RolloutStatus {
  const ds = state.daemonSets.get(key);
  if (ds === undefined) {
    const { name } = splitKey(key);
    return { done: false, message: `Error from server (NotFound): daemonsets.apps "${name}" not found` };
  }
  if (ds.daemonSet.spec?.updateStrategy?.type !== 'RollingUpdate') {
    return { done: false, message: 'rollout status is only available for RollingUpdate strategy type' };
  }
  if (ds.generation > ds.observedGeneration) {
    return { done: false, message: 'Waiting for daemon set spec update to be observed...' };
  }
  const c = ds.counts;
  if (c.updatedNumberScheduled < c.desiredNumberScheduled) {
    return {
      done: false,
      message: `Waiting for daemon set "${ds.name}" rollout to finish: ${c.updatedNumberScheduled} out of ${c.desiredNumberScheduled} new pods have been updated...`,
    };
  }
  if (c.numberAvailable < c.desiredNumberScheduled) {
    return {
      done: false,
      message: `Waiting for daemon set "${ds.name}" rollout to finish: ${c.numberAvailable} of ${c.desiredNumberScheduled} updated pods are available...`,
    };
  }
  return { done: true, message: `daemon set "${ds.name}" successfully rolled out` };
}

/** Unavailable pods now and the rollout budget, for invariant checks during a rollout. */
export function unavailability(ds: DaemonSetRecord): { unavailable: number; maxUnavailable: number; maxSurge: number } {
  const b = rolloutBudget(ds);
  return { unavailable: ds.counts.desiredNumberScheduled - ds.counts.numberAvailable, maxUnavailable: b.maxUnavailable, maxSurge: b.maxSurge };
}

/** A rolling update's working set kept node by node (see `WorkingSet` in rollingUpdate.ts). */
class IncrementalWorkingSet implements WorkingSet {
  readonly counts: Record<CountedClass, number> = { settled: 0, waiting: 0, surging: 0, surgingAvailable: 0 };
  readonly oldAvailable = new Set<string>();
  readonly other = new Set<string>();
  private readonly classOf = new Map<string, WorkingNodeClass>();
  private touched: Set<string> | 'all' = 'all';
  private readonly uid: string;
  private readonly hash: string;
  private readonly templateGeneration: number;

  constructor(ds: DaemonSetRecord) {
    this.uid = ds.uid;
    this.hash = ds.hash;
    this.templateGeneration = ds.templateGeneration;
  }

  /** Whether it describes this DaemonSet's current template (else it must be rebuilt). */
  builtFor(ds: DaemonSetRecord): boolean {
    return ds.uid === this.uid && ds.hash === this.hash && ds.templateGeneration === this.templateGeneration;
  }

  touch(nodes: 'all' | readonly string[]): void {
    if (this.touched === 'all') return;
    if (nodes === 'all') this.touched = 'all';
    else for (const n of nodes) this.touched.add(n);
  }

  refresh(state: ClusterState, ds: DaemonSetRecord): void {
    const touched = this.touched;
    this.touched = new Set();
    if (touched !== 'all') {
      for (const n of touched) this.set(n, classifyWorkingNode(state, ds, n));
      return;
    }
    for (const n of [...this.classOf.keys()]) this.set(n, undefined);
    // Nodes with pods first, then nodes with only a placement, as the sets keep insertion order.
    tableForEach(ds.nodes, (here, node) => {
      if (here.pods.length > 0) this.set(node, classifyWorkingNode(state, ds, node));
    });
    tableForEach(ds.nodes, (here, node) => {
      if (here.pods.length === 0) this.set(node, classifyWorkingNode(state, ds, node));
    });
  }

  private set(node: string, c: WorkingNodeClass | undefined): void {
    const was = this.classOf.get(node);
    if (was === c) return;
    if (was === 'oldAvailable') this.oldAvailable.delete(node);
    else if (was === 'other') this.other.delete(node);
    else if (was !== undefined) this.counts[was]--;
    if (c === undefined) {
      this.classOf.delete(node);
      return;
    }
    this.classOf.set(node, c);
    if (c === 'oldAvailable') this.oldAvailable.add(node);
    else if (c === 'other') this.other.add(node);
    else this.counts[c]++;
  }
}

/**
 * A copy of a state with Maps of its own: what the reducer changes in place when it folds into a
 * state it owns. Tables are shared (they are copied on write by any other batch) and so are
 * records (the reducer replaces them whole).
 */
function shallowCopy(s: ClusterState): ClusterState {
  return { ...s, daemonSets: new Map(s.daemonSets), revisions: new Map(s.revisions), objects: new Map(s.objects) };
}

// ---- helpers over nodes and pods ----------------------------------------------------------------

const MANAGED_TAINT_KEYS = new Set([
  TAINT_NODE_NOT_READY,
  TAINT_NODE_UNREACHABLE,
  TAINT_NODE_MEMORY_PRESSURE,
  TAINT_NODE_DISK_PRESSURE,
  TAINT_NODE_PID_PRESSURE,
  TAINT_NODE_NETWORK_UNAVAILABLE,
  TAINT_NODE_UNSCHEDULABLE,
]);

/** The Ready condition's status: 'True', 'False', 'Unknown', or undefined when absent. */
export function readyStatus(node: Node): string | undefined {
  return node.status?.conditions?.find((c) => c.type === 'Ready')?.status;
}

/** The condition- and cordon-driven taints a node should carry (section 4), in a fixed order. */
export function conditionTaints(node: Node): Taint[] {
  const out: Taint[] = [];
  const cond = (type: string) => node.status?.conditions?.find((c) => c.type === type)?.status;
  const ready = cond('Ready');
  if (ready === 'False') {
    out.push({ key: TAINT_NODE_NOT_READY, effect: 'NoSchedule' }, { key: TAINT_NODE_NOT_READY, effect: 'NoExecute' });
  } else if (ready === 'Unknown') {
    out.push({ key: TAINT_NODE_UNREACHABLE, effect: 'NoSchedule' }, { key: TAINT_NODE_UNREACHABLE, effect: 'NoExecute' });
  } else if (ready === undefined) {
    out.push({ key: TAINT_NODE_NOT_READY, effect: 'NoSchedule' });
  }
  if (cond('MemoryPressure') === 'True') out.push({ key: TAINT_NODE_MEMORY_PRESSURE, effect: 'NoSchedule' });
  if (cond('DiskPressure') === 'True') out.push({ key: TAINT_NODE_DISK_PRESSURE, effect: 'NoSchedule' });
  if (cond('PIDPressure') === 'True') out.push({ key: TAINT_NODE_PID_PRESSURE, effect: 'NoSchedule' });
  if (cond('NetworkUnavailable') === 'True') out.push({ key: TAINT_NODE_NETWORK_UNAVAILABLE, effect: 'NoSchedule' });
  if (node.spec?.unschedulable === true) out.push({ key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' });
  return out;
}

/** Whether the managed taints of one effect on the node are the wanted ones. */
function sameTaints(current: readonly Taint[], wanted: readonly Taint[], effect: 'NoSchedule' | 'NoExecute'): boolean {
  const managed = current.filter((t) => MANAGED_TAINT_KEYS.has(t.key) && t.effect === effect);
  const want = wanted.filter((t) => t.effect === effect);
  if (managed.length !== want.length) return false;
  return want.every((w) => managed.some((c) => c.key === w.key));
}

/** The first multiple of `period` at or after `t` (a periodic controller's next pass). */
function nextTick(t: number, period: number): number {
  return period > 0 ? Math.ceil(t / period) * period : t;
}

function addTaint(node: Node, taint: Taint): Node {
  const taints = node.spec?.taints ?? [];
  if (taints.some((t) => t.key === taint.key && t.effect === taint.effect)) return node;
  return { ...node, spec: { ...node.spec, taints: [...taints, taint] } };
}

const isoAt = simulatedTimestamp;

/**
 * The node with its condition `type` set as the kubelet writes it: the message replaced (none is
 * left from the status before), the heartbeat moved to `at`, the transition time only when the
 * status changes. (The lifecycle controller's Unknown is `markNodeStatusUnknown`.)
 */
function withCondition(node: Node, type: string, status: string, reason: string, at: number, message?: string): Node {
  const conditions: NodeCondition[] = [...(node.status?.conditions ?? [])];
  const i = conditions.findIndex((c) => c.type === type);
  const old = i >= 0 ? conditions[i] : undefined;
  const { message: _was, ...rest } = old ?? {};
  const cond: NodeCondition = {
    ...rest,
    type,
    status,
    reason,
    ...(message !== undefined ? { message } : {}),
    lastHeartbeatTime: isoAt(at),
    lastTransitionTime: old?.status === status ? old.lastTransitionTime : isoAt(at),
  };
  if (i >= 0) conditions[i] = cond;
  else conditions.push(cond);
  return { ...node, status: { ...node.status, conditions } };
}

/** The scheduler's reason histogram: `count reason`, sorted as strings (so "10 …" before "9 …"), comma-joined. */
function histogram(counts: ReadonlyMap<string, number>): string {
  return [...counts].map(([reason, count]) => `${count} ${reason}`).sort().join(', ');
}

interface HostPort {
  readonly protocol: string;
  readonly ip: string;
  readonly port: number;
}

/**
 * The host ports a pod asks for: each container port's hostPort, which a pod on the host network
 * defaults to its containerPort (SetDefaults_Pod; templates are no longer defaulted).
 */
function hostPortsOf(spec: ReturnType<typeof podTemplateSpec>): readonly HostPort[] {
  if (spec === undefined) return NO_HOST_PORTS;
  let ports = hostPortsBySpec.get(spec);
  if (ports === undefined) hostPortsBySpec.set(spec, (ports = collectHostPorts(spec)));
  return ports;
}

const NO_HOST_PORTS: readonly HostPort[] = Object.freeze([]);
/** By pod spec (a DaemonSet's template is shared by all its pods): every bind asks. */
const hostPortsBySpec = new WeakMap<object, readonly HostPort[]>();

function collectHostPorts(spec: NonNullable<ReturnType<typeof podTemplateSpec>>): readonly HostPort[] {
  const out: HostPort[] = [];
  // Sidecars (init containers that keep running) hold theirs too.
  const sidecars = (spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  for (const c of [...sidecars, ...(spec?.containers ?? [])]) {
    for (const port of c.ports ?? []) {
      const hp = port.hostPort || (spec?.hostNetwork === true ? port.containerPort : 0);
      if (hp) out.push({ protocol: port.protocol ?? 'TCP', ip: port.hostIP || '0.0.0.0', port: hp });
    }
  }
  return out.length === 0 ? NO_HOST_PORTS : out;
}

/** NodePorts' conflict: the same protocol and port, on the same address or either on every address. */
function portsConflict(a: HostPort, b: HostPort): boolean {
  return a.port === b.port && a.protocol === b.protocol && (a.ip === b.ip || a.ip === '0.0.0.0' || b.ip === '0.0.0.0');
}

/**
 * A pod's tolerations: a DaemonSet pod's from its DaemonSet (defaults merged in), a bare pod's as
 * the API server admitted it (DefaultTolerationSeconds).
 */
function podTolerations(s: ClusterState, p: PodRecord): readonly Toleration[] {
  if (p.owner === undefined) return withDefaultTolerationSeconds(podTemplateSpec(s, p)?.tolerations) ?? [];
  const ds = s.daemonSets.get(p.owner);
  return ds === undefined ? [] : daemonPodTolerations(ds.daemonSet);
}

/** The reason a taint-eviction controller's delete carries in the log. */
export const TAINT_EVICTION_REASON = 'TaintManagerEviction';

const NO_TAINTS: readonly Taint[] = Object.freeze([]);

/** A node's NoExecute taints, the ones the taint-eviction controller acts on (no array made for none: every binding asks). */
function noExecuteTaints(node: Node | undefined): readonly Taint[] {
  const taints = node?.spec?.taints;
  if (taints === undefined || !taints.some((t) => t.effect === 'NoExecute')) return NO_TAINTS;
  return taints.filter((t) => t.effect === 'NoExecute');
}

/**
 * When a started pod turns Ready, as the kubelet's prober decides it. `warmUp` is the sampled
 * `readiness` latency: how long after the start the application is ready. A container without
 * probes is Ready then. A readiness probe runs once at once when its container starts (or when its
 * startup probe passes), then every periodSeconds on a ticker started when the kubelet took the pod
 * (its creation, here); it is skipped before initialDelaySeconds, passes at its first run once the
 * application is ready, and the container is Ready after successThreshold passes in a row. A
 * startup probe holds the readiness probe back until it passes, at its first tick past its own
 * initialDelaySeconds. The pod is Ready when all its containers (sidecars included) are.
 */
export function readyAt(spec: ReturnType<typeof podTemplateSpec>, createdAt: number, startedAt: number, warmUp: number): number {
  let at = startedAt + warmUp;
  if (spec === undefined) return at;
  for (const c of probedContainers(spec)) {
    const startup = c.startupProbe;
    // When readiness probing may begin: at the start, or when the startup probe passes.
    const from = startup === undefined ? startedAt : firstTick(createdAt, periodMs(startup), startedAt + delayMs(startup));
    const r = c.readinessProbe;
    if (r === undefined) {
      at = Math.max(at, from);
      continue;
    }
    const earliest = Math.max(from, startedAt + delayMs(r), startedAt + warmUp);
    // The probe run at `from` passes only if nothing holds it back; otherwise the ticker's next run after.
    const first = earliest === from ? from : firstTick(createdAt, periodMs(r), earliest);
    at = Math.max(at, first + Math.max(0, (r.successThreshold ?? 1) - 1) * periodMs(r));
  }
  return at;
}

type ProbedContainer = Pick<NonNullable<NonNullable<ReturnType<typeof podTemplateSpec>>['containers']>[number], 'startupProbe' | 'readinessProbe'>;
const NO_PROBED: readonly ProbedContainer[] = Object.freeze([]);
/** By pod spec: the containers (sidecars included) with a readiness or startup probe. */
const probedBySpec = new WeakMap<object, readonly ProbedContainer[]>();

function probedContainers(spec: NonNullable<ReturnType<typeof podTemplateSpec>>): readonly ProbedContainer[] {
  let list = probedBySpec.get(spec);
  if (list === undefined) {
    const sidecars = (spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
    const probed = [...sidecars, ...(spec.containers ?? [])].filter((c) => c.readinessProbe != null || c.startupProbe != null);
    probedBySpec.set(spec, (list = probed.length === 0 ? NO_PROBED : probed));
  }
  return list;
}

const periodMs = (probe: { periodSeconds?: number }): number => Math.max(1, probe.periodSeconds ?? 10) * 1000;
const delayMs = (probe: { initialDelaySeconds?: number }): number => Math.max(0, probe.initialDelaySeconds ?? 0) * 1000;

/** The first tick of a ticker started at `origin` with this period at or after `t`. */
function firstTick(origin: number, period: number, t: number): number {
  return t <= origin ? origin : origin + Math.ceil((t - origin) / period) * period;
}

// Pod specs are never changed in place (templates are frozen, records replaced): their requests can be remembered.
const requestsBySpec = new WeakMap<object, Requests>();
const NO_REQUESTS: Requests = Object.freeze({});

/** Amounts by resource name: cpu in millicores, everything else in units (bytes for memory). */
type Requests = Readonly<Record<string, number>>;

/** The resources every kubelet reports in allocatable. */
const KUBELET_REPORTED = new Set(['cpu', 'memory', 'ephemeral-storage', 'pods']);

function quantityOf(name: string, q: unknown): number | undefined {
  if (typeof q !== 'string' && typeof q !== 'number') return undefined;
  return name === 'cpu' ? parseCpuMillis(q as string) : parseQuantity(q as string);
}

function addRequests(into: Record<string, number>, r: Requests): void {
  for (const name in r) into[name] = (into[name] ?? 0) + r[name]!;
}

function maxRequests(into: Record<string, number>, r: Requests): void {
  for (const name in r) into[name] = Math.max(into[name] ?? 0, r[name]!);
}

/**
 * A container's requests as the API server stores them on a pod: each resource it limits but does
 * not request is requested at its limit (SetDefaults_Pod).
 */
function containerRequests(c: { resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> } }): Requests {
  const out: Record<string, number> = {};
  const { requests, limits } = c.resources ?? {};
  for (const from of [limits, requests]) {
    for (const name in from ?? {}) {
      const v = quantityOf(name, from![name]);
      if (v !== undefined) out[name] = v;
    }
  }
  return out;
}

/** The pod's requests (resource.PodRequests). */
function requestsOf(spec: ReturnType<typeof podTemplateSpec>): Requests {
  if (spec === undefined) return NO_REQUESTS;
  let r = requestsBySpec.get(spec);
  if (r === undefined) requestsBySpec.set(spec, (r = sumRequests(spec)));
  return r;
}

/**
 * AggregateContainerRequests plus overhead: the containers' sum; sidecars (init containers that
 * keep running) add to it, and each ordinary init container, which runs alone beside the sidecars
 * started before it, needs its own requests plus theirs; the pod needs the larger.
 */
function sumRequests(spec: NonNullable<ReturnType<typeof podTemplateSpec>>): Requests {
  const total: Record<string, number> = {};
  for (const c of spec.containers ?? []) addRequests(total, containerRequests(c));
  const sidecars: Record<string, number> = {};
  const init: Record<string, number> = {};
  for (const c of spec.initContainers ?? []) {
    const r = containerRequests(c);
    if (c.restartPolicy === 'Always') {
      addRequests(total, r);
      addRequests(sidecars, r);
      maxRequests(init, sidecars);
    } else {
      const alone = { ...r };
      addRequests(alone, sidecars);
      maxRequests(init, alone);
    }
  }
  maxRequests(total, init);
  // Pod-level resources (PodLevelResources, on by default since 1.34) replace the containers' sum
  // for the resources they may set (cpu, memory), a limit standing for a missing request.
  // (kubernetes-types 1.30 predates the field.)
  const podLevel = (spec as { resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> } | null }).resources;
  if (podLevel !== undefined && podLevel !== null) {
    const r = containerRequests({ resources: podLevel });
    for (const name of ['cpu', 'memory']) if (r[name] !== undefined) total[name] = r[name]!;
  }
  if (spec.overhead !== undefined && spec.overhead !== null) addRequests(total, containerRequests({ resources: { requests: spec.overhead } }));
  return total;
}

function graceOf(s: ClusterState, p: PodRecord): number {
  return podTemplateSpec(s, p)?.terminationGracePeriodSeconds ?? 30;
}

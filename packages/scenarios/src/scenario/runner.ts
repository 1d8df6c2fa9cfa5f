// Runs a compiled scenario on the engine: schedules its actions and churn at their simulated times, samples the time
// series, checks expectations and (optionally) the invariant after every event, and sums up each DaemonSet.
// Pure: no I/O and no wall clock (manifests were loaded by format.ts); all chance comes from the scenario's seed.

import type { DaemonSet, DaemonSetSpec } from 'kubernetes-types/apps/v1';
import type { Node, PodTemplateSpec, Taint } from 'kubernetes-types/core/v1';
import {
  Engine,
  Random,
  applyDaemonSetUpdate,
  decodeObject,
  formatInvalidError,
  validateDaemonSetUpdate,
  withoutNulls,
  derivedUid,
  events as ev,
  getNode,
  objectKey,
  readyStatus,
  rolloutStatus,
  storedObjectKey,
  tableForEach,
  tableGet,
  type ClusterState,
  type DaemonSetRecord,
  type DsimEvent,
  type EngineConfigInput,
  type KubeObject,
  type PendingEvent,
} from '@dsim/core';
import type { ParsedArgs } from '../args.ts';
import { renderGetOutput } from '../commands/read.ts';
import { withImages } from '../commands/set.ts';
import { drainPlan } from '../drain.ts';
import { formatGoDuration } from '../print/duration.ts';
import { typeOfObject } from '../resources.ts';
import { selectorMatchesLabels } from '../selector.ts';
import { UserError } from '../session.ts';
import {
  POOL_LABEL,
  ScenarioError,
  poolNode,
  poolNodeName,
  type Action,
  type Checkpoint,
  type Comparison,
  type Counter,
  type Expectation,
  type NodePool,
  type NodeTarget,
  type Scenario,
} from './format.ts';
import { checkAtMost, checkAtMostAll, checkExactlyOne } from './invariant.ts';
import type {
  CheckpointOutput,
  DaemonSetSample,
  DaemonSetSummary,
  ExpectationFailure,
  ExpectationOutcome,
  NodeSample,
  RolloutRecord,
  RunResult,
  TimeSeries,
} from './types.ts';

/** Options for {@link runScenario}. */
export interface RunOptions {
  /** Overrides the scenario's seed. */
  readonly seed?: number | string;
  /** Stop at this simulated time (ms) instead of the scenario's end. */
  readonly until?: number;
  /** Check the invariant after every event and stop at the first violation. */
  readonly check?: boolean;
  /** Called now and then (every few thousand engine steps) with how far the run is. */
  readonly onProgress?: (progress: RunProgress) => void;
  /** Give up after this many engine steps (default 50 million): a guard against scenarios that never settle. */
  readonly maxSteps?: number;
}

/** How far a run is. */
export interface RunProgress {
  readonly now: number;
  /** The time the run will end at, when known. */
  readonly horizon: number | undefined;
  readonly events: number;
}

/** What the agenda holds: the scenario's own happenings, ordered by time, then actions before observations. */
type Item =
  | { readonly kind: 'action'; readonly action: Action; readonly rng: Random; readonly where: string; readonly field: string }
  | { readonly kind: 'spotReclaim'; readonly index: number }
  | { readonly kind: 'removeNamed'; readonly name: string; readonly where: string; readonly field: string }
  | { readonly kind: 'outageStart'; readonly index: number }
  | { readonly kind: 'outageEnd'; readonly index: number }
  | { readonly kind: 'checkpoint'; readonly checkpoint: Checkpoint }
  | { readonly kind: 'expect'; readonly expectation: Expectation };

interface Scheduled {
  readonly at: number;
  /** 0: actions, 1: observations (so a checkpoint at T sees what happened at T). */
  readonly phase: 0 | 1;
  readonly seq: number;
  readonly item: Item;
}

const MAX_STEPS = 50_000_000;
const PROGRESS_EVERY = 4096;

/** Runs a scenario to its end (or `until`) and returns everything it produced. */
export function runScenario(scenario: Scenario, options: RunOptions = {}): RunResult {
  return new Run(scenario, options).execute();
}

/** The counters of a DaemonSet record, as the series and expectations name them. */
export function sampleOf(ds: DaemonSetRecord | undefined): DaemonSetSample {
  if (ds === undefined) return ZERO_SAMPLE;
  const c = ds.counts;
  return {
    desired: c.desiredNumberScheduled,
    current: c.currentNumberScheduled,
    ready: c.numberReady,
    updated: c.updatedNumberScheduled,
    available: c.numberAvailable,
    misscheduled: c.numberMisscheduled,
    unavailable: Math.max(0, c.desiredNumberScheduled - c.numberAvailable),
  };
}

const ZERO_SAMPLE: DaemonSetSample = { desired: 0, current: 0, ready: 0, updated: 0, available: 0, misscheduled: 0, unavailable: 0 };

/** Fully rolled out: the spec observed, and every desired node runs an updated, available pod. */
function fullyRolledOut(ds: DaemonSetRecord): boolean {
  const c = ds.counts;
  return ds.observedGeneration >= ds.generation && c.updatedNumberScheduled >= c.desiredNumberScheduled && c.numberAvailable >= c.desiredNumberScheduled;
}

interface Tracker {
  uid: string;
  hash: string;
  rollouts: { startedAt: number; finishedAt: number | undefined; kind: 'create' | 'update' }[];
  everFull: boolean;
  fullSince: number | undefined;
  worstUnavailable: number;
  worstUnavailableAt: number | undefined;
  created: number;
  deleted: number;
}

interface Bound {
  readonly expectation: Extract<Expectation, { kind: 'maxUnavailable' }>;
  firstAt: number | undefined;
  firstMessage: string;
  worst: number;
  worstAt: number;
}

class Run {
  private readonly engine: Engine;
  private readonly seed: number | string;
  private readonly agenda: Scheduled[] = [];
  private agendaSeq = 0;
  private readonly end: number | undefined;
  private steps = 0;

  // series
  private readonly series: { t: number[]; nodes: NodeSample[]; daemonSets: Record<string, DaemonSetSample[]> } = { t: [], nodes: [], daemonSets: {} };
  private lastSample: { nodes: NodeSample; ds: Map<string, DaemonSetSample> } | undefined;
  private pending = false;
  private lastChangeAt = 0;

  // nodes by state, kept from events
  private readonly nodeFlags = new Map<string, number>();
  private nodeTotals = { total: 0, ready: 0, unschedulable: 0 };

  // DaemonSets
  private readonly trackers = new Map<string, Tracker>();
  private readonly podOwner = new Map<string, string>();
  private readonly bounds: Bound[];

  // expectations and checks
  private readonly failures: ExpectationFailure[] = [];
  private readonly outcomes: ExpectationOutcome[] = [];
  private readonly checkpoints: CheckpointOutput[] = [];
  private readonly alwaysInvariant: Extract<Expectation, { kind: 'invariant' }> | undefined;
  private alwaysViolation: { at: number; message: string } | undefined;
  private violation: { event: DsimEvent; message: string } | undefined;
  private stopped = false;
  private readonly lateRollouts: { failureIndex: number; outcomeIndex: number; daemonSet: string; deadline: number }[] = [];

  // churn state
  private readonly poolNext = new Map<string, number>();
  private readonly outages = new Map<number, string[]>();

  constructor(
    private readonly scenario: Scenario,
    private readonly options: RunOptions,
  ) {
    this.seed = options.seed ?? scenario.seed;
    this.end = options.until ?? scenario.duration;
    this.engine = new Engine({ seed: this.seed, config: scenario.config, onEvent: (e) => this.onEvent(e) });
    this.bounds = scenario.expectations
      .filter((e): e is Extract<Expectation, { kind: 'maxUnavailable' }> => e.kind === 'maxUnavailable')
      .map((expectation) => ({ expectation, firstAt: undefined, firstMessage: '', worst: -1, worstAt: 0 }));
    this.alwaysInvariant = scenario.expectations.find((e): e is Extract<Expectation, { kind: 'invariant' }> => e.kind === 'invariant' && e.at === 'always');
    for (const p of scenario.nodePools) this.poolNext.set(p.name, p.count + 1);
  }

  execute(): RunResult {
    const config: EngineConfigInput = this.scenario.config;
    const hasConfig = Object.keys(config).length > 0;
    // The same first event a new `dsim` log gets, so the log replays (and continues) with the dsim command.
    this.engine.input(ev.simulationStarted(this.seed, hasConfig ? config : undefined));
    this.planAgenda();
    this.sample(0);
    this.setup();

    const end = this.end;
    while (!this.stopped) {
      const next = this.agenda[0];
      if (next !== undefined && (end === undefined || next.at <= end)) {
        this.processUntil(next.at);
        if (this.stopped) break;
        this.agenda.shift();
        this.perform(next);
        continue;
      }
      this.processUntil(end ?? Number.POSITIVE_INFINITY);
      break;
    }
    const endedAt = this.engine.now;
    const lastEventAt = this.engine.log[this.engine.log.length - 1]?.metadata.at ?? 0;
    // Where time stands, for `dsim get --log` afterwards (as `dsim advance` records it).
    if (!this.stopped && endedAt > lastEventAt) this.engine.input(ev.timeAdvanced(endedAt));
    this.atEnd(endedAt);
    if (this.pending) this.sample(this.lastChangeAt);
    // A last point at the end, so plots run to it (unless the last change fell in the same second).
    const lastT = this.series.t[this.series.t.length - 1]!;
    if (Math.floor(lastT / 1000) !== Math.floor(endedAt / 1000)) this.sample(endedAt);
    return {
      name: this.scenario.name,
      seed: this.seed,
      endedAt,
      events: this.engine.log,
      checkpoints: this.checkpoints,
      summary: this.summaries(),
      series: this.series as TimeSeries,
      failures: this.failures,
      expectations: this.outcomes,
      ...(this.violation !== undefined ? { violation: this.violation } : {}),
      config,
    };
  }

  // ---- the agenda ------------------------------------------------------------------------------

  private add(at: number, phase: 0 | 1, item: Item): void {
    const s: Scheduled = { at, phase, seq: this.agendaSeq++, item };
    // Binary search for the first entry that sorts after s: agendas are small, insertions rare after planning.
    let lo = 0;
    let hi = this.agenda.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = this.agenda[mid]!;
      if (m.at < at || (m.at === at && (m.phase < phase || (m.phase === phase && m.seq < s.seq)))) lo = mid + 1;
      else hi = mid;
    }
    this.agenda.splice(lo, 0, s);
  }

  /** Random streams per scenario item, named by the item's field, so editing one item leaves the others' draws alone. */
  private rng(field: string): Random {
    return new Random(`${String(this.seed)}/${field}`);
  }

  private planAgenda(): void {
    const s = this.scenario;
    for (const step of s.timeline) this.add(step.at, 0, { kind: 'action', action: step.action, rng: this.rng(step.field), where: step.where, field: step.field });
    s.churn.forEach((c, index) => {
      const rng = this.rng(c.field);
      switch (c.kind) {
        case 'arrivals':
        case 'departures': {
          const action: Action = c.kind === 'arrivals' ? { kind: 'addNodes', pool: c.pool, count: 1 } : { kind: 'removeNodes', target: { pool: c.pool, count: 1 } };
          for (const at of arrivalTimes(c.rate, c.process, c.from, c.to, rng)) this.add(at, 0, { kind: 'action', action, rng, where: c.where, field: c.field });
          return;
        }
        case 'spotReclaim':
          this.add(c.from, 0, { kind: 'spotReclaim', index });
          return;
        case 'zoneOutage':
          this.add(c.from, 0, { kind: 'outageStart', index });
          this.add(c.to, 0, { kind: 'outageEnd', index });
          return;
      }
    });
    for (const c of s.checkpoints) if (c.at !== 'end') this.add(c.at, 1, { kind: 'checkpoint', checkpoint: c });
    for (const e of s.expectations) {
      if (e.kind === 'status' && e.at !== 'end') this.add(e.at, 1, { kind: 'expect', expectation: e });
      if (e.kind === 'invariant' && typeof e.at === 'number') this.add(e.at, 1, { kind: 'expect', expectation: e });
      if (e.kind === 'rolloutFinishedBy') this.add(e.deadline, 1, { kind: 'expect', expectation: e });
    }
  }

  /** Time 0: the node pools' nodes, then the manifests, in order. */
  private setup(): void {
    const inputs: PendingEvent[] = [];
    for (const pool of this.scenario.nodePools) {
      for (let n = 1; n <= pool.count; n++) inputs.push(ev.nodeAdded(poolNode(pool, n, true)));
    }
    this.scheduleInputs(inputs);
    for (const m of this.scenario.manifests) {
      this.scheduleInputs(this.applyObject(m.object));
    }
  }

  /** Inputs at the current time, then everything they set off at this instant. */
  private scheduleInputs(inputs: readonly PendingEvent[]): void {
    const now = this.engine.now;
    for (const i of inputs) this.engine.schedule(now, i);
    this.processUntil(now);
  }

  private perform(s: Scheduled): void {
    const item = s.item;
    switch (item.kind) {
      case 'action':
        this.scheduleInputs(this.inputsFor(item.action, item.rng, item.where, item.field));
        return;
      case 'spotReclaim':
        return this.spotReclaim(item.index);
      case 'removeNamed':
        if (getNode(this.engine.state, item.name) !== undefined) this.scheduleInputs([ev.nodeRemoved(item.name)]);
        return;
      case 'outageStart':
        return this.outageStart(item.index);
      case 'outageEnd':
        return this.outageEnd(item.index);
      case 'checkpoint':
        return this.checkpoint(item.checkpoint, s.at);
      case 'expect':
        return this.expect(item.expectation, s.at);
    }
  }

  // ---- stepping ----------------------------------------------------------------------------------

  /** Processes everything due up to `t` (inclusive) and sets the clock there; observes after every step. */
  private processUntil(t: number): void {
    const engine = this.engine;
    const maxSteps = this.options.maxSteps ?? MAX_STEPS;
    for (;;) {
      const at = engine.peek();
      if (at === undefined || at > t) break;
      // --check stops at the first violation, once everything at that instant has happened (so the log replays).
      if (this.stopped && at > engine.now) return;
      if (this.pending && Math.floor(at / 1000) !== Math.floor(this.lastChangeAt / 1000)) this.sample(this.lastChangeAt);
      engine.step();
      this.afterStep();
      if (++this.steps > maxSteps) {
        throw new ScenarioError(`${this.scenario.source}: the run did not settle after ${maxSteps} engine steps (at ${formatGoDuration(engine.now)}); set spec.duration or --until`);
      }
      if (this.options.onProgress !== undefined && this.steps % PROGRESS_EVERY === 0) {
        this.options.onProgress({ now: engine.now, horizon: this.end ?? this.agenda[this.agenda.length - 1]?.at, events: engine.log.length });
      }
    }
    if (this.stopped) return;
    if (Number.isFinite(t) && t > engine.now) engine.run({ until: t });
  }

  private onEvent(e: DsimEvent): void {
    switch (e.type) {
      case 'NodeAdded':
      case 'NodeUpdated':
      case 'NodeStatusUpdated': {
        const node = e.data.node;
        this.setNodeFlags(node.metadata?.name ?? '', (readyStatus(node) === 'True' ? 1 : 0) | (node.spec?.unschedulable === true ? 2 : 0));
        return;
      }
      case 'NodeRemoved':
        this.setNodeFlags(e.data.name, undefined);
        return;
      case 'PodCreated': {
        this.podOwner.set(objectKey(e.data.namespace, e.data.name), e.data.daemonSet);
        const t = this.trackers.get(e.data.daemonSet);
        if (t !== undefined) t.created++;
        else this.pendingCreates.set(e.data.daemonSet, (this.pendingCreates.get(e.data.daemonSet) ?? 0) + 1);
        // Only a new pod can break "at most": the other events remove pods, or change nothing it counts.
        this.checkPair(e, e.data.daemonSet, e.data.node);
        return;
      }
      case 'PodDeleted': {
        const key = objectKey(e.data.namespace, e.data.name);
        const owner = this.podOwner.get(key);
        if (owner !== undefined) {
          this.podOwner.delete(key);
          const t = this.trackers.get(owner);
          if (t !== undefined) t.deleted++;
        }
        return;
      }
      case 'DaemonSetApplied': {
        // A changed strategy (maxSurge turned off) can make pods already running too many.
        if (this.options.check !== true && this.alwaysInvariant === undefined) return;
        const key = objectKey(e.data.daemonSet.metadata?.namespace ?? 'default', e.data.daemonSet.metadata?.name ?? '');
        const ds = this.engine.state.daemonSets.get(key);
        if (ds !== undefined) this.report(e, checkAtMostAll(this.engine.state, ds));
        return;
      }
      default:
        return;
    }
  }

  private readonly pendingCreates = new Map<string, number>();

  private checkPair(e: DsimEvent, dsKey: string, node: string): void {
    if (this.options.check !== true && this.alwaysInvariant === undefined) return;
    const ds = this.engine.state.daemonSets.get(dsKey);
    if (ds !== undefined) this.report(e, checkAtMost(this.engine.state, ds, node));
  }

  private report(e: DsimEvent, problem: string | undefined): void {
    if (problem === undefined) return;
    if (this.alwaysViolation === undefined && this.alwaysInvariant !== undefined) {
      this.alwaysViolation = { at: e.metadata.at, message: `${problem}, after event ${e.metadata.seq} ${e.type}${eventSubject(e)}` };
    }
    if (this.options.check === true && this.violation === undefined) {
      this.violation = { event: e, message: problem };
      this.stopped = true;
    }
  }

  private setNodeFlags(name: string, flags: number | undefined): void {
    const before = this.nodeFlags.get(name);
    const t = this.nodeTotals;
    if (before !== undefined) {
      t.total--;
      if (before & 1) t.ready--;
      if (before & 2) t.unschedulable--;
    }
    if (flags === undefined) this.nodeFlags.delete(name);
    else {
      this.nodeFlags.set(name, flags);
      t.total++;
      if (flags & 1) t.ready++;
      if (flags & 2) t.unschedulable++;
    }
  }

  /** After each engine step: rollouts, unavailability bounds and whether the series has something new. */
  private afterStep(): void {
    const now = this.engine.now;
    const daemonSets = this.engine.state.daemonSets;
    let changed = daemonSets.size !== this.seen.size;
    for (const ds of daemonSets.values()) {
      // The reducer replaces a record when anything in it changes: an untouched record needs no second look.
      if (this.seen.get(ds.key) === ds) continue;
      this.seen.set(ds.key, ds);
      const t = this.track(ds, now);
      const s = sampleOf(ds);
      if (!changed) {
        const prev = this.lastSample?.ds.get(ds.key);
        if (prev === undefined || !sameSample(prev, s)) changed = true;
      }
      const current = t.rollouts[t.rollouts.length - 1]!;
      const inUpdate = current.kind === 'update' && current.finishedAt === undefined;
      if (inUpdate && s.unavailable > t.worstUnavailable) {
        t.worstUnavailable = s.unavailable;
        t.worstUnavailableAt = now;
      }
      for (const b of this.bounds) {
        if (b.expectation.daemonSet !== ds.key) continue;
        if (b.expectation.during === 'rollout' ? !inUpdate : !t.everFull) continue;
        const bound = boundOf(b.expectation.atMost, s.desired);
        if (s.unavailable > bound) {
          if (b.firstAt === undefined) {
            b.firstAt = now;
            b.firstMessage = `${s.unavailable} unavailable (desired ${s.desired}, available ${s.available}) > ${bound}`;
          }
          if (s.unavailable > b.worst) {
            b.worst = s.unavailable;
            b.worstAt = now;
          }
        }
      }
    }
    if (this.seen.size !== daemonSets.size) {
      for (const key of [...this.seen.keys()]) if (!daemonSets.has(key)) this.seen.delete(key);
    }
    if (!changed) {
      const n = this.lastSample?.nodes;
      const t = this.nodeTotals;
      changed = n === undefined || n.total !== t.total || n.ready !== t.ready || n.unschedulable !== t.unschedulable;
    }
    if (changed) {
      this.pending = true;
      this.lastChangeAt = now;
    }
  }

  /** The DaemonSet records looked at after the previous step. */
  private readonly seen = new Map<string, DaemonSetRecord>();

  private track(ds: DaemonSetRecord, now: number): Tracker {
    let t = this.trackers.get(ds.key);
    if (t === undefined || t.uid !== ds.uid) {
      const carried = t;
      t = {
        uid: ds.uid,
        hash: ds.hash,
        rollouts: [{ startedAt: ds.createdAt, finishedAt: undefined, kind: 'create' }],
        everFull: false,
        fullSince: undefined,
        worstUnavailable: carried?.worstUnavailable ?? 0,
        worstUnavailableAt: carried?.worstUnavailableAt,
        created: (carried?.created ?? 0) + (this.pendingCreates.get(ds.key) ?? 0),
        deleted: carried?.deleted ?? 0,
      };
      if (carried !== undefined) t.rollouts.unshift(...carried.rollouts);
      this.pendingCreates.delete(ds.key);
      this.trackers.set(ds.key, t);
    }
    if (ds.hash !== t.hash) {
      t.hash = ds.hash;
      t.rollouts.push({ startedAt: now, finishedAt: undefined, kind: 'update' });
    }
    const full = fullyRolledOut(ds);
    const current = t.rollouts[t.rollouts.length - 1]!;
    if (full) {
      if (current.finishedAt === undefined) current.finishedAt = now;
      t.everFull = true;
      t.fullSince ??= now;
    } else t.fullSince = undefined;
    return t;
  }

  private sample(at: number): void {
    const state = this.engine.state;
    const dsSamples = new Map<string, DaemonSetSample>();
    for (const ds of state.daemonSets.values()) dsSamples.set(ds.key, sampleOf(ds));
    const n = this.nodeTotals;
    const nodes: NodeSample = { total: n.total, ready: n.ready, notReady: n.total - n.ready, unschedulable: n.unschedulable };
    const series = this.series;
    const lastT = series.t[series.t.length - 1];
    if (lastT !== undefined && Math.floor(lastT / 1000) === Math.floor(at / 1000)) {
      // At most one point per simulated second: a later state in the same second replaces the earlier one.
      series.t.pop();
      series.nodes.pop();
      for (const arr of Object.values(series.daemonSets)) arr.pop();
    }
    const index = series.t.length;
    series.t.push(at);
    series.nodes.push(nodes);
    for (const [key, s] of dsSamples) {
      let arr = series.daemonSets[key];
      if (arr === undefined) {
        // A DaemonSet that appears later had nothing before.
        arr = series.daemonSets[key] = Array.from({ length: index }, () => ZERO_SAMPLE);
      }
      arr.push(s);
    }
    for (const [key, arr] of Object.entries(series.daemonSets)) if (arr.length === index) arr.push(dsSamples.get(key) ?? ZERO_SAMPLE);
    this.lastSample = { nodes, ds: dsSamples };
    this.pending = false;
  }

  // ---- actions -----------------------------------------------------------------------------------

  private fail(where: string, field: string, message: string): never {
    throw new ScenarioError(`${where}: ${field}: at ${formatGoDuration(this.engine.now)}: ${message}`);
  }

  /** The inputs an action makes in the current state. */
  private inputsFor(action: Action, rng: Random, where: string, field: string): PendingEvent[] {
    const state = this.engine.state;
    switch (action.kind) {
      case 'apply':
        return action.objects.flatMap((o) => this.applyObject(o.object));
      case 'delete':
        return action.objects.map((o) => this.deleteObject(o.object, o.where, field));
      case 'addNodes':
        return this.addNodes(action.pool, action.count, action.names, where, field);
      case 'removeNodes':
        return this.selectNodes(action.target, rng, where, field).map((n) => ev.nodeRemoved(n));
      case 'label':
        return this.updateNodes(action.target, rng, where, field, (node) => ({
          ...node,
          metadata: { ...node.metadata, labels: { ...node.metadata?.labels, ...action.labels } },
        }));
      case 'unlabel':
        return this.updateNodes(action.target, rng, where, field, (node) => {
          const labels = { ...node.metadata?.labels };
          for (const k of action.keys) delete labels[k];
          return { ...node, metadata: { ...node.metadata, labels } };
        });
      case 'taint':
        return this.updateNodes(action.target, rng, where, field, (node) => {
          let taints: Taint[] = [...(node.spec?.taints ?? [])];
          for (const t of action.taints) {
            taints = taints.filter((x) => !(x.key === t.key && x.effect === t.effect));
            taints.push({ key: t.key, effect: t.effect, ...(t.value !== undefined ? { value: t.value } : {}) });
          }
          return { ...node, spec: { ...node.spec, taints } };
        });
      case 'untaint':
        return this.updateNodes(action.target, rng, where, field, (node) => {
          const taints = (node.spec?.taints ?? []).filter((x) => !action.taints.some((t) => t.key === x.key && (t.effect === undefined || t.effect === x.effect)));
          const spec = { ...node.spec, taints };
          if (taints.length === 0) delete (spec as { taints?: Taint[] }).taints;
          return { ...node, spec };
        });
      case 'cordon':
      case 'uncordon':
        return this.updateNodes(action.target, rng, where, field, (node) => setUnschedulable(node, action.kind === 'cordon'));
      case 'drain': {
        const out: PendingEvent[] = [];
        for (const name of this.selectNodes(action.target, rng, where, field)) {
          const rec = getNode(state, name)!;
          if (rec.node.spec?.unschedulable !== true) out.push(ev.nodeUpdated(setUnschedulable(rec.node, true)));
          // kubectl drain --ignore-daemonsets --force --delete-emptydir-data (drain.ts): a live
          // DaemonSet's pods stay (they tolerate the cordon), mirror pods too; the rest are evicted,
          // but for those already terminating.
          for (const p of drainPlan(state, name, { ignoreDaemonSets: true, force: true, deleteEmptyDirData: true }).evict) {
            if (p.deletionTimestamp === undefined) out.push(ev.podRemovalRequested(p, 'evict', action.gracePeriodSeconds));
          }
        }
        return out;
      }
      case 'failNodes':
        return this.selectNodes(action.target, rng, where, field)
          .filter((n) => getNode(state, n)!.kubelet === 'ok')
          .map((n) => ev.nodeFailed(n, action.mode));
      case 'recoverNodes':
        return this.selectNodes(action.target, rng, where, field)
          .filter((n) => getNode(state, n)!.kubelet !== 'ok')
          .map((n) => ev.nodeRecovered(n));
      case 'updateDaemonSet': {
        const key = objectKey(action.namespace, action.name);
        const ds = state.daemonSets.get(key);
        if (ds === undefined) this.fail(where, field, `daemonsets.apps "${action.name}" not found in namespace "${action.namespace}"`);
        // What the API server would say of the update, as `dsim apply` and `dsim set image` say it.
        const { daemonSet: updated, missing } = updatedDaemonSet(ds.daemonSet, action);
        for (const c of missing) this.fail(where, `${field}.images`, `unable to find container named "${c}"`);
        const undecodable = decodeObject('DaemonSet', updated);
        if (undecodable !== undefined) this.fail(where, field, `DaemonSet "${action.name}" cannot be decoded: ${undecodable.message}`);
        const next = withoutNulls('DaemonSet', updated);
        const invalid = validateDaemonSetUpdate(applyDaemonSetUpdate(ds.daemonSet, next), ds.daemonSet);
        if (invalid.length > 0) this.fail(where, field, formatInvalidError('DaemonSet', action.name, invalid, { style: 'server' }));
        return [ev.daemonSetApplied(next)];
      }
    }
  }

  /** Apply semantics per kind, as `dsim apply` records them. */
  private applyObject(o: KubeObject): PendingEvent[] {
    const state = this.engine.state;
    const name = o.metadata?.name ?? '';
    if (o.apiVersion === 'apps/v1' && o.kind === 'DaemonSet') return [ev.daemonSetApplied(o as unknown as DaemonSet)];
    if (o.apiVersion === 'v1' && o.kind === 'Node') {
      const rec = getNode(state, name);
      if (rec === undefined) return [ev.nodeAdded(o as unknown as Node)];
      const next = o as unknown as Node;
      return [ev.nodeUpdated({ ...rec.node, ...next, metadata: { ...next.metadata }, spec: { ...next.spec }, status: next.status ?? rec.node.status })];
    }
    if (o.apiVersion === 'v1' && o.kind === 'Pod') {
      const ns = o.metadata?.namespace ?? 'default';
      if (tableGet(state.pods, objectKey(ns, name)) !== undefined) return [];
      const pod = { ...o, metadata: { ...o.metadata, namespace: ns } };
      return [ev.barePodCreated(pod as never, derivedUid(`pod/${ns}/${name}@${state.seq}`))];
    }
    const namespaced = typeOfObject(o.apiVersion ?? '', o.kind ?? '').namespaced;
    return [ev.objectApplied(!namespaced || o.metadata?.namespace !== undefined ? o : { ...o, metadata: { ...o.metadata, namespace: 'default' } })];
  }

  private deleteObject(o: KubeObject, where: string, field: string): PendingEvent {
    const state = this.engine.state;
    const name = o.metadata?.name ?? '';
    const ns = o.metadata?.namespace ?? 'default';
    const missing = (what: string): never => this.fail(where, field, `${what} "${name}" not found`);
    if (o.apiVersion === 'v1' && o.kind === 'Node') return getNode(state, name) === undefined ? missing('nodes') : ev.nodeRemoved(name);
    if (o.apiVersion === 'apps/v1' && o.kind === 'DaemonSet') {
      return state.daemonSets.has(objectKey(ns, name)) ? ev.daemonSetDeleted(ns, name) : missing('daemonsets.apps');
    }
    if (o.apiVersion === 'v1' && o.kind === 'Pod') {
      const p = tableGet(state.pods, objectKey(ns, name));
      return p === undefined ? missing('pods') : ev.podRemovalRequested(p, 'delete');
    }
    const namespaced = typeOfObject(o.apiVersion ?? '', o.kind ?? '').namespaced;
    const key = storedObjectKey(o.apiVersion, o.kind, namespaced ? ns : undefined, name);
    if (!state.objects.has(key)) return missing(`${(o.kind ?? '').toLowerCase()}s`);
    return ev.objectDeleted({ apiVersion: o.apiVersion ?? 'v1', kind: o.kind ?? '', ...(namespaced ? { namespace: ns } : {}), name });
  }

  private addNodes(poolName: string, count: number, names: readonly string[] | undefined, where: string, field: string): PendingEvent[] {
    const pool = this.pool(poolName);
    const state = this.engine.state;
    const out: PendingEvent[] = [];
    if (names !== undefined) {
      for (const name of names) {
        if (getNode(state, name) !== undefined) this.fail(where, field, `node "${name}" already exists`);
        out.push(ev.nodeAdded(poolNode(pool, numberOf(pool, name) ?? this.nextNumber(pool), false, name)));
      }
      return out;
    }
    for (let i = 0; i < count; i++) {
      let n = this.nextNumber(pool);
      while (getNode(state, poolNodeName(pool, n)) !== undefined) n = this.nextNumber(pool);
      out.push(ev.nodeAdded(poolNode(pool, n, false)));
    }
    return out;
  }

  private pool(name: string): NodePool {
    return this.scenario.nodePools.find((p) => p.name === name)!;
  }

  private nextNumber(pool: NodePool): number {
    const n = this.poolNext.get(pool.name) ?? 1;
    this.poolNext.set(pool.name, n + 1);
    return n;
  }

  private updateNodes(target: NodeTarget, rng: Random, where: string, field: string, change: (node: Node) => Node): PendingEvent[] {
    const out: PendingEvent[] = [];
    for (const name of this.selectNodes(target, rng, where, field)) {
      const node = getNode(this.engine.state, name)!.node;
      const next = change(node);
      if (JSON.stringify(next) !== JSON.stringify(node)) out.push(ev.nodeUpdated(next));
    }
    return out;
  }

  /** The nodes a target names, now; a random (seeded) pick when it says count or share. */
  private selectNodes(target: NodeTarget, rng: Random, where: string, field: string): string[] {
    const state = this.engine.state;
    let names: string[];
    if (target.names !== undefined) {
      for (const n of target.names) if (getNode(state, n) === undefined) this.fail(where, field, `nodes "${n}" not found`);
      names = [...target.names];
    } else {
      names = [];
      tableForEach(state.nodes, (rec, name) => {
        const labels = rec.node.metadata?.labels;
        if (target.pool !== undefined && labels?.[POOL_LABEL] !== target.pool) return;
        if (target.selector !== undefined && !selectorMatchesLabels(target.selector, labels)) return;
        names.push(name);
      });
      names.sort();
    }
    names = names.filter((name) => {
      const rec = getNode(state, name)!;
      if (target.cordoned !== undefined && (rec.node.spec?.unschedulable === true) !== target.cordoned) return false;
      if (target.ready !== undefined && (readyStatus(rec.node) === 'True') !== target.ready) return false;
      return true;
    });
    const want = target.count ?? (target.share !== undefined ? Math.round(target.share * names.length) : undefined);
    if (want === undefined || want >= names.length) return names;
    // A partial Fisher-Yates shuffle: the first `want` of a seeded permutation, reported in name order.
    for (let i = 0; i < want; i++) {
      const j = i + rng.int(names.length - i);
      [names[i], names[j]] = [names[j]!, names[i]!];
    }
    return names.slice(0, want).sort();
  }

  // ---- churn ---------------------------------------------------------------------------------------

  private spotReclaim(index: number): void {
    const c = this.scenario.churn[index]!;
    if (c.kind !== 'spotReclaim') return;
    const rng = this.rng(c.field);
    const target: NodeTarget = { pool: c.pool, ...(c.count !== undefined ? { count: c.count } : { share: c.share ?? 0 }) };
    const victims = this.selectNodes(target, rng, c.where, c.field);
    const times = victims.map(() => c.from + Math.round(rng.next() * (c.to - c.from)));
    victims.forEach((name, i) => {
      const at = times[i]!;
      this.add(at, 0, { kind: 'removeNamed', name, where: c.where, field: c.field });
      if (c.replaceAfter !== undefined) {
        this.add(at + c.replaceAfter, 0, { kind: 'action', action: { kind: 'addNodes', pool: c.pool, count: 1 }, rng, where: c.where, field: c.field });
      }
    });
  }

  private outageStart(index: number): void {
    const c = this.scenario.churn[index]!;
    if (c.kind !== 'zoneOutage') return;
    const names: string[] = [];
    tableForEach(this.engine.state.nodes, (rec, name) => {
      if (rec.node.metadata?.labels?.[c.zoneLabel] === c.zone && rec.kubelet === 'ok') names.push(name);
    });
    names.sort();
    this.outages.set(index, names);
    this.scheduleInputs(names.map((n) => ev.nodeFailed(n, c.mode)));
  }

  private outageEnd(index: number): void {
    const names = this.outages.get(index) ?? [];
    const state = this.engine.state;
    this.scheduleInputs(names.filter((n) => (getNode(state, n)?.kubelet ?? 'ok') !== 'ok').map((n) => ev.nodeRecovered(n)));
  }

  // ---- observations ----------------------------------------------------------------------------

  private checkpoint(c: Checkpoint, at: number): void {
    const args: ParsedArgs = { positional: [...c.positional], flags: new Map(c.flags.map(([k, v]) => [k, [...v]])) };
    const state: ClusterState = { ...this.engine.state, now: at };
    let output: string;
    try {
      const out = renderGetOutput(state, args, undefined, this.engine.log);
      output = out.stdout + out.stderr;
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      output = `${e.message}\n`;
    }
    this.checkpoints.push({ at, command: `dsim get ${c.argv.join(' ')}`, output });
  }

  private pass(e: Expectation, at: number): void {
    this.outcomes.push({ expectation: e.text, at, status: 'passed', where: e.where });
  }

  private failed(e: Expectation, at: number, message: string): void {
    const failure: ExpectationFailure = { at, expectation: e.text, message, where: e.where, ...(e.description !== undefined ? { description: e.description } : {}) };
    this.failures.push(failure);
    this.outcomes.push({ expectation: e.text, at, status: 'failed', message, where: e.where });
  }

  private expect(e: Expectation, at: number): void {
    const state = this.engine.state;
    switch (e.kind) {
      case 'status': {
        const ds = state.daemonSets.get(e.daemonSet);
        if (ds === undefined) return this.failed(e, at, `daemonset ${e.daemonSet} not found`);
        const s = sampleOf(ds);
        const wrong = e.comparisons.filter((c) => !compare(c, s));
        if (wrong.length === 0) return this.pass(e, at);
        return this.failed(e, at, `found ${wrong.map((c) => `${c.counter} ${s[c.counter]}${typeof c.value === 'string' ? ` (${c.value} ${s[c.value]})` : ''}`).join(', ')}`);
      }
      case 'rolloutFinishedBy': {
        const ds = state.daemonSets.get(e.daemonSet);
        if (ds === undefined) return this.failed(e, at, `daemonset ${e.daemonSet} not found`);
        if (fullyRolledOut(ds)) return this.pass(e, at);
        this.failed(e, at, `not finished at ${formatGoDuration(at)}: ${rolloutStatus(state, e.daemonSet).message}`);
        this.lateRollouts.push({ failureIndex: this.failures.length - 1, outcomeIndex: this.outcomes.length - 1, daemonSet: e.daemonSet, deadline: at });
        return;
      }
      case 'invariant': {
        const { problems } = checkExactlyOne(state);
        if (problems.length === 0) return this.pass(e, at);
        return this.failed(e, at, problems.join('; '));
      }
      case 'maxUnavailable':
        return;
    }
  }

  /** End-of-run expectations, continuous ones, and what can only be said at the end. */
  private atEnd(endedAt: number): void {
    const cutShort = this.stopped;
    // --until before the scenario's own end (its duration, or when nothing is left to happen):
    // the end its expectations speak of never came.
    const until = this.options.until;
    const duration = this.scenario.duration;
    const cutByUntil =
      !cutShort && until !== undefined && (duration !== undefined ? until < duration : this.agenda.length > 0 || this.engine.peek() !== undefined);
    for (const c of this.scenario.checkpoints) if (c.at === 'end' && !cutShort) this.checkpoint(c, endedAt);
    for (const e of this.scenario.expectations) {
      if ((e.kind === 'status' || e.kind === 'invariant') && e.at === 'end') {
        if (cutShort) this.outcomes.push({ expectation: e.text, at: endedAt, status: 'skipped', message: 'the run stopped early', where: e.where });
        else if (cutByUntil) {
          this.outcomes.push({ expectation: e.text, at: endedAt, status: 'skipped', message: `--until stopped the run at ${formatGoDuration(endedAt)}, before its end`, where: e.where });
        } else this.expect(e, endedAt);
      }
    }
    // Timed checks the run never reached.
    for (const s of this.agenda) {
      if (s.item.kind !== 'expect') continue;
      const e = s.item.expectation;
      this.outcomes.push({ expectation: e.text, at: s.at, status: 'skipped', message: `the run ended at ${formatGoDuration(endedAt)}`, where: e.where });
    }
    for (const b of this.bounds) {
      const e = b.expectation;
      if (b.firstAt === undefined) this.pass(e, endedAt);
      else this.failed(e, b.firstAt, `${b.firstMessage} at ${formatGoDuration(b.firstAt)} (worst ${b.worst} at ${formatGoDuration(b.worstAt)})`);
    }
    if (this.alwaysInvariant !== undefined) {
      const v = this.alwaysViolation;
      if (v === undefined) this.pass(this.alwaysInvariant, endedAt);
      else this.failed(this.alwaysInvariant, v.at, v.message);
    }
    // A rollout that missed its deadline: say when it did finish, if it did.
    for (const late of this.lateRollouts) {
      const t = this.trackers.get(late.daemonSet);
      const finished = t?.rollouts.filter((r) => r.finishedAt !== undefined && r.finishedAt > late.deadline).at(0)?.finishedAt;
      const suffix = finished !== undefined ? ` (it finished at ${formatGoDuration(finished)})` : ' (it had not finished when the run ended)';
      const f = this.failures[late.failureIndex]!;
      this.failures[late.failureIndex] = { ...f, message: f.message + suffix };
      const o = this.outcomes[late.outcomeIndex]!;
      this.outcomes[late.outcomeIndex] = { ...o, message: (o.message ?? '') + suffix };
    }
  }

  private summaries(): DaemonSetSummary[] {
    const state = this.engine.state;
    const out: DaemonSetSummary[] = [];
    for (const key of [...this.trackers.keys()].sort()) {
      const t = this.trackers.get(key)!;
      const last = t.rollouts[t.rollouts.length - 1]!;
      const ds = state.daemonSets.get(key);
      const rollouts: RolloutRecord[] = t.rollouts.map((r) => ({ kind: r.kind, startedAt: r.startedAt, ...(r.finishedAt !== undefined ? { finishedAt: r.finishedAt } : {}) }));
      out.push({
        key,
        timeToFullRollout: last.finishedAt === undefined ? undefined : last.finishedAt - last.startedAt,
        worstUnavailable: t.worstUnavailable,
        ...(t.worstUnavailableAt !== undefined ? { worstUnavailableAt: t.worstUnavailableAt } : {}),
        podsCreated: t.created,
        podsDeleted: t.deleted,
        final: sampleOf(ds),
        rollouts,
        ...(ds !== undefined && t.fullSince !== undefined ? { fullyAvailableSince: t.fullSince } : {}),
        ...(ds === undefined ? { deleted: true } : {}),
      });
    }
    return out;
  }
}

// ---- helpers ----------------------------------------------------------------------------------------

function sameSample(a: DaemonSetSample, b: DaemonSetSample): boolean {
  return (
    a.desired === b.desired &&
    a.current === b.current &&
    a.ready === b.ready &&
    a.updated === b.updated &&
    a.available === b.available &&
    a.misscheduled === b.misscheduled
  );
}

function boundOf(atMost: number | { readonly percent: number }, desired: number): number {
  return typeof atMost === 'number' ? atMost : Math.ceil((atMost.percent * desired) / 100);
}

function compare(c: Comparison, s: DaemonSetSample): boolean {
  const a = s[c.counter];
  const b = typeof c.value === 'number' ? c.value : s[c.value as Counter];
  switch (c.op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '>=':
      return a >= b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '<':
      return a < b;
  }
}

/** Event times of a Poisson process (exponential gaps) or a fixed-rate one, from `from` (inclusive) to `to` (exclusive). */
export function arrivalTimes(ratePerMs: number, process: 'poisson' | 'fixed', from: number, to: number, rng: Random): number[] {
  const out: number[] = [];
  if (!(ratePerMs > 0)) return out;
  const mean = 1 / ratePerMs;
  if (process === 'fixed') {
    for (let k = 0; ; k++) {
      const t = Math.round(from + k * mean);
      if (t >= to) break;
      out.push(t);
    }
    return out;
  }
  let t = from;
  for (;;) {
    t += rng.exponential(mean);
    if (t >= to) break;
    out.push(Math.round(t));
  }
  return out;
}

function setUnschedulable(node: Node, on: boolean): Node {
  const spec = { ...node.spec };
  if (on) spec.unschedulable = true;
  else delete spec.unschedulable;
  return { ...node, spec };
}

/** The number in a pool node's name, so a node re-added under its old name lands in its old zone. */
function numberOf(pool: NodePool, name: string): number | undefined {
  if (!name.startsWith(pool.namePrefix)) return undefined;
  const rest = name.slice(pool.namePrefix.length);
  return /^\d+$/.test(rest) ? Number(rest) : undefined;
}

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const base: Record<string, unknown> = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete base[k];
    else base[k] = mergePatch(base[k], v);
  }
  return base;
}

/** The update's DaemonSet, and the names in its `images` that match no container (as `set image` reports them). */
function updatedDaemonSet(ds: DaemonSet, a: Extract<Action, { kind: 'updateDaemonSet' }>): { daemonSet: DaemonSet; missing: string[] } {
  let spec = ds.spec as DaemonSetSpec;
  if (a.spec !== undefined) spec = mergePatch(spec, a.spec) as DaemonSetSpec;
  let template = spec.template;
  if (a.template !== undefined) template = mergePatch(template, a.template) as PodTemplateSpec;
  // `image` sets every container (not the init containers); `images` then names any, as kubectl set image does.
  if (a.image !== undefined) {
    template = { ...template, spec: { ...template.spec!, containers: (template.spec?.containers ?? []).map((c) => ({ ...c, image: a.image })) } };
  }
  const out: DaemonSet = { ...ds, spec: { ...spec, template } };
  return a.images === undefined ? { daemonSet: out, missing: [] } : withImages(out, new Map(Object.entries(a.images)));
}

function eventSubject(e: DsimEvent): string {
  const d = e.data as { namespace?: unknown; name?: unknown; node?: unknown };
  const pod = typeof d.namespace === 'string' && typeof d.name === 'string' ? ` (${d.namespace}/${d.name}` : '';
  if (pod === '') return '';
  return `${pod}${typeof d.node === 'string' ? ` on node ${d.node}` : ''})`;
}

/** How an event is named in messages: `seq 1234 PodCreated at 3m12.5s (kube-system/cni-abcde on node worker-0007)`. */
export function describeEvent(e: DsimEvent): string {
  return `event ${e.metadata.seq} ${e.type} at ${formatGoDuration(e.metadata.at)}${eventSubject(e)}`;
}

/** For tests and tools: whether a state's DaemonSet is fully rolled out. */
export function isFullyRolledOut(state: ClusterState, key: string): boolean {
  const ds = state.daemonSets.get(key);
  return ds !== undefined && fullyRolledOut(ds);
}


// Runs the controller to a fixed point with every write observed at once, like Kubernetes'
// unit tests with their fake pod control: the quickest way to ask "where does this end up?".
// No time passes; the discrete-event engine is the way to watch a rollout unfold.

import {
  orphanedPods,
  podGarbageCollection,
  syncDaemonSet,
  type Intent,
} from './controller.ts';
import { events, stamp, type DsimEvent, type PendingEvent } from './events.ts';
import { intentsToEvents } from './podControl.ts';
import type { Random } from './random.ts';
import { createModel, type Model } from './reducer.ts';
import { revisionsOf } from './history.ts';
import { getPod, type ClusterState } from './state.ts';
import { tableForEach, tableHas } from './table.ts';

/** Options for `settle`. */
export interface SettleOptions {
  readonly rng: Random;
  /** The model to fold with; default: a fresh frozen one. */
  readonly model?: Model;
  /** Mark every new pod bound, started and Ready at once (a kubelet that never fails). */
  readonly readyPods?: boolean;
  /** Give up after this many rounds (a round syncs every DaemonSet once). Default 50. */
  readonly maxRounds?: number;
}

/** The settled state and the facts recorded on the way. */
export interface SettleResult {
  readonly state: ClusterState;
  readonly events: readonly DsimEvent[];
  readonly rounds: number;
}

const defaultModel = createModel();

/** Syncs every DaemonSet, collects garbage, and repeats until nothing more happens. */
export function settle(state: ClusterState, options: SettleOptions): SettleResult {
  const model = options.model ?? defaultModel;
  const recorded: DsimEvent[] = [];
  const maxRounds = options.maxRounds ?? 50;
  let rounds = 0;
  const record = (pending: readonly PendingEvent[]) => {
    const stamped = pending.map((p, i) => stamp(p, state.seq + 1 + i, state.now));
    state = model.fold(state, stamped);
    for (const e of stamped) recorded.push(e);
  };
  for (; rounds < maxRounds; rounds++) {
    let changed = false;
    for (const key of [...state.daemonSets.keys()].sort()) {
      const { intents } = syncDaemonSet(state, key);
      if (intents.length === 0) continue;
      const facts = intentsToEvents(state, intents, options.rng, { deletion: 'immediate' });
      if (facts.length === 0) continue;
      const before = state;
      record(facts);
      if (options.readyPods) record(readyFacts(before, state, facts));
      changed = true;
    }
    const garbage = collectGarbage(state);
    if (garbage.length > 0) {
      record(intentsToEvents(state, garbage, options.rng, { deletion: 'immediate' }));
      changed = true;
    }
    const finalized = finalizable(state);
    if (finalized.length > 0) {
      record(finalized);
      changed = true;
    }
    if (!changed) return { state, events: recorded, rounds };
  }
  throw new Error(`the controller did not settle within ${maxRounds} rounds`);
}

/** Pod GC for nodes that are gone, and the garbage collector for pods and revisions whose DaemonSet is gone. */
export function collectGarbage(state: ClusterState): Intent[] {
  const out: Intent[] = [];
  const goneNodes = new Set<string>();
  const goneOwners = new Map<string, string>();
  tableForEach(state.pods, (p) => {
    if (p.targetNode !== undefined && p.nodeName !== undefined && !tableHas(state.nodes, p.targetNode)) {
      goneNodes.add(p.targetNode);
    }
    if (p.owner !== undefined && p.ownerUid !== undefined) {
      const ds = state.daemonSets.get(p.owner);
      if (ds === undefined || ds.uid !== p.ownerUid) goneOwners.set(`${p.owner}|${p.ownerUid}`, p.owner);
    }
  });
  for (const n of [...goneNodes].sort()) out.push(...podGarbageCollection(state, n));
  for (const [k, owner] of [...goneOwners].sort()) out.push(...orphanedPods(state, owner, k.split('|')[1]!));
  // A DaemonSet deleted in the foreground: its pods and revisions go first.
  for (const key of [...state.daemonSets.keys()].sort()) {
    const ds = state.daemonSets.get(key)!;
    if (ds.deletionRequestedAt === undefined) continue;
    tableForEach(ds.nodes, ({ pods }) => {
      for (const p of pods) if (p.deletionTimestamp === undefined) out.push({ type: 'DeletePod', namespace: p.namespace, name: p.name, reason: 'GarbageCollector' });
    });
    for (const r of revisionsOf(state, ds)) out.push({ type: 'DeleteRevision', namespace: r.namespace, name: r.name });
  }
  // ControllerRevisions are owned by their DaemonSet too (the engine deletes them with it), unless
  // it was deleted with --cascade=orphan.
  for (const r of state.revisions.values()) {
    if (!state.daemonSets.has(r.daemonSet) && r.orphaned !== true) out.push({ type: 'DeleteRevision', namespace: r.namespace, name: r.name });
  }
  return out;
}

/** The finalizer taken off each DaemonSet deleted in the foreground whose pods are all gone. */
export function finalizable(state: ClusterState): PendingEvent[] {
  const out: PendingEvent[] = [];
  for (const key of [...state.daemonSets.keys()].sort()) {
    const ds = state.daemonSets.get(key)!;
    if (ds.deletionRequestedAt === undefined) continue;
    let pods = 0;
    tableForEach(ds.nodes, (here) => {
      pods += here.pods.length;
    });
    if (pods === 0) out.push(events.daemonSetFinalized(ds.namespace, ds.name, ds.uid));
  }
  return out;
}

/** For each PodCreated: the scheduler binds it, the kubelet starts it and it turns Ready. */
function readyFacts(_before: ClusterState, after: ClusterState, facts: readonly PendingEvent[]): PendingEvent[] {
  const out: PendingEvent[] = [];
  for (const f of facts) {
    if (f.type !== 'PodCreated') continue;
    const p = getPod(after, f.data.namespace, f.data.name);
    if (p === undefined || !tableHas(after.nodes, f.data.node)) continue;
    out.push(events.podBound(f.data, f.data.node), events.podStarted(f.data, false), events.podBecameReady(f.data));
  }
  return out;
}

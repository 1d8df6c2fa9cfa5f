// Turns the controller's intents into the facts the API server would record (podControl and
// the API server's naming), drawing pod names and uids from the seeded generator. Pure.

import type { Intent } from './controller.ts';
import { events, type PendingEvent } from './events.ts';
import { generatedNameBase, nameSuffix, randomNameSuffix, randomUid } from './names.ts';
import type { Random } from './random.ts';
import { objectKey, podTemplateSpec, type ClusterState, type DaemonSetRecord } from './state.ts';
import { tableGetNamed } from './table.ts';

/** How deletes become facts. */
export interface PodControlOptions {
  /**
   * 'request': a PodDeletionRequested (the pod terminates over its grace period; the engine
   * records PodDeleted later). 'immediate': PodDeleted at once, as Kubernetes' unit tests'
   * fake pod control does.
   */
  readonly deletion: 'request' | 'immediate';
  /** Grace period for requested deletions; default: the template's terminationGracePeriodSeconds, else 30. */
  readonly gracePeriodSeconds?: number;
}

/** The facts that carry out a list of intents against the state they were computed from. */
export function intentsToEvents(
  state: ClusterState,
  intents: readonly Intent[],
  rng: Random,
  options: PodControlOptions,
): PendingEvent[] {
  const out: PendingEvent[] = [];
  // Names given and pods deleted so far in this call (made on first use: most calls have one or none).
  let given: GivenNames | undefined;
  let deleted: Set<string> | undefined;
  // A full sync creates one pod per node for one DaemonSet: look it up once per run of creates.
  let ds: DaemonSetRecord | undefined;
  let base = '';
  let suffixes: SuffixSet | undefined;
  for (const intent of intents) {
    switch (intent.type) {
      case 'CreatePod': {
        if (ds?.key !== intent.daemonSet) {
          ds = state.daemonSets.get(intent.daemonSet);
          base = ds === undefined ? '' : generatedNameBase(`${ds.name}-`);
          suffixes = ds === undefined ? undefined : (given ??= new GivenNames()).of(base);
        }
        if (ds === undefined || suffixes === undefined) break;
        let suffix: number;
        let name: string;
        // The API server retries on a name conflict; so do we.
        do {
          suffix = randomNameSuffix(rng);
          name = base + nameSuffix(suffix);
        } while (tableGetNamed(state.pods, ds.namespace, name) !== undefined || !suffixes.add(suffix));
        out.push(
          events.podCreated({
            namespace: ds.namespace,
            name,
            uid: randomUid(rng),
            daemonSet: ds.key,
            node: intent.node,
            hash: ds.hash,
            templateGeneration: ds.templateGeneration,
          }),
        );
        break;
      }
      case 'DeletePod': {
        const key = objectKey(intent.namespace, intent.name);
        if (deleted?.has(key)) break;
        (deleted ??= new Set()).add(key);
        if (options.deletion === 'immediate') out.push(events.podDeleted(intent));
        else {
          const grace = options.gracePeriodSeconds ?? gracePeriodOf(state, intent.namespace, intent.name);
          out.push(events.podDeletionRequested(intent, grace, intent.reason));
        }
        break;
      }
      case 'CreateRevision':
        out.push(
          events.controllerRevisionCreated({
            namespace: intent.namespace,
            name: intent.name,
            daemonSet: intent.daemonSet,
            hash: intent.hash,
            revision: intent.revision,
          }),
        );
        break;
      case 'UpdateRevision':
        out.push(events.controllerRevisionUpdated(intent, intent.revision, intent.daemonSet));
        break;
      case 'DeleteRevision':
        out.push(events.controllerRevisionDeleted(intent));
        break;
      case 'AdoptPod':
        out.push(events.podAdopted(intent, intent.daemonSet));
        break;
      case 'ReleasePod':
        out.push(events.podReleased(intent, intent.daemonSet));
        break;
      case 'MarkSynced': {
        const owner = state.daemonSets.get(intent.daemonSet);
        if (owner !== undefined) out.push(events.daemonSetSynced(owner.namespace, owner.name, intent.observedGeneration));
        break;
      }
      default: {
        const never: never = intent;
        throw new Error(`unknown intent ${JSON.stringify(never)}`);
      }
    }
  }
  return out;
}

/**
 * The names one call has given, as the numbers of their random parts (`randomNameSuffix`) per
 * name base: a full sync names a pod for every node, and a `Set` of a million name strings (each
 * hashed, the Set's entries scattered) took 3.2-4.2 s of the 1,000,000-node DaemonSetApplied's
 * turning intents into facts, numbers in one array 1.7-2.5 s (timed). Different bases never clash.
 */
class GivenNames {
  private readonly bases: string[] = [];
  private readonly sets: SuffixSet[] = [];

  /** The suffixes given under base (a handful of bases per call at most: a list). */
  of(base: string): SuffixSet {
    const i = this.bases.indexOf(base);
    if (i >= 0) return this.sets[i]!;
    const set = new SuffixSet();
    this.bases.push(base);
    this.sets.push(set);
    return set;
  }
}

/** A set of numbers below NAME_SUFFIXES: open addressing over an Int32Array, 0 marking a free slot. */
export class SuffixSet {
  private slots = new Int32Array(8);
  /** 32 minus log2 of the table's size: a hash's top bits pick the slot. */
  private shift = 29;
  private count = 0;

  /** Adds x; false when it was already there. */
  add(x: number): boolean {
    if (2 * (this.count + 1) > this.slots.length) this.grow();
    if (!place(this.slots, this.shift, x + 1)) return false;
    this.count++;
    return true;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.shift--;
    for (let i = 0; i < old.length; i++) if (old[i] !== 0) place(this.slots, this.shift, old[i]!);
  }
}

/** Puts v (non-zero) into a power-of-two table with free slots; false when it is there already. */
function place(slots: Int32Array, shift: number, v: number): boolean {
  const mask = slots.length - 1;
  // Fibonacci hashing: the product's top bits depend on every bit of v.
  for (let i = Math.imul(v, 0x9e3779b1) >>> shift; ; i = (i + 1) & mask) {
    const at = slots[i]!;
    if (at === 0) {
      slots[i] = v;
      return true;
    }
    if (at === v) return false;
  }
}

/**
 * The pod's terminationGracePeriodSeconds (for a DaemonSet's pod, from the template it was made
 * from: a rollout deletes old pods with their own grace period, not the new template's), default 30.
 */
export function gracePeriodOf(state: ClusterState, namespace: string, name: string): number {
  const pod = tableGetNamed(state.pods, namespace, name);
  if (pod === undefined) return 30;
  return podTemplateSpec(state, pod)?.terminationGracePeriodSeconds ?? 30;
}

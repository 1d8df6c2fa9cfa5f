// Turns the controller's intents into the facts the API server would record (podControl and
// the API server's naming), drawing pod names and uids from the seeded generator. Pure.

import type { Intent } from './controller.ts';
import { events, type PendingEvent } from './events.ts';
import { generateName, randomUid } from './names.ts';
import type { Random } from './random.ts';
import { objectKey, type ClusterState, type DaemonSetRecord } from './state.ts';
import { tableGet, tableHas } from './table.ts';

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
  let taken: Set<string> | undefined;
  let deleted: Set<string> | undefined;
  // A full sync creates one pod per node for one DaemonSet: look it up once per run of creates.
  let ds: DaemonSetRecord | undefined;
  let base = '';
  for (const intent of intents) {
    switch (intent.type) {
      case 'CreatePod': {
        if (ds?.key !== intent.daemonSet) {
          ds = state.daemonSets.get(intent.daemonSet);
          base = ds === undefined ? '' : `${ds.name}-`;
        }
        if (ds === undefined) break;
        let name: string;
        // The API server retries on a name conflict; so do we.
        do name = generateName(base, rng);
        while (tableHas(state.pods, objectKey(ds.namespace, name)) || taken?.has(name));
        (taken ??= new Set()).add(name);
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
        out.push(events.controllerRevisionUpdated(intent, intent.revision));
        break;
      case 'DeleteRevision':
        out.push(events.controllerRevisionDeleted(intent));
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

/** The pod's terminationGracePeriodSeconds (from its template for DaemonSet pods), default 30. */
export function gracePeriodOf(state: ClusterState, namespace: string, name: string): number {
  const pod = tableGet(state.pods, objectKey(namespace, name));
  if (pod === undefined) return 30;
  const spec =
    pod.object?.spec ??
    (pod.owner === undefined ? undefined : state.daemonSets.get(pod.owner)?.daemonSet.spec?.template.spec);
  return spec?.terminationGracePeriodSeconds ?? 30;
}

// One sync the way Kubernetes' daemon controller unit tests see it: manage() and then rollingUpdate(),
// with every write observed at once (their fakePodControl), counting creates and deletes per sync.
// Test-only; the engine, not this, is how dsim runs a real cluster's expectations and latencies.

import { manage, selectsAll, type Intent, type SyncOptions } from '../src/controller.ts';
import { constructHistory } from '../src/history.ts';
import { intentsToEvents } from '../src/podControl.ts';
import { Random } from '../src/random.ts';
import { rollingUpdate } from '../src/rollingUpdate.ts';
import type { Scenario } from './fixtures.ts';

/** What one sync wrote (Kubernetes' validateSyncDaemonSets counts the first two). */
export interface SyncCount {
  readonly creates: number;
  readonly deletes: number;
  /** Nodes that got a new pod, in intent order. */
  readonly createdOn: readonly string[];
  /** Names of the deleted pods, in intent order. */
  readonly deleted: readonly string[];
}

/** Drives syncs of one scenario's DaemonSets with an instant pod control. */
export class FakePodControl {
  private readonly rng: Random;
  constructor(
    private readonly scenario: Scenario,
    seed: number | string = 1,
  ) {
    this.rng = new Random(seed);
  }

  /** expectSyncDaemonSets: history, manage(), then (RollingUpdate only) rollingUpdate() on the updated state. */
  sync(dsName: string, options: SyncOptions = {}, namespace = 'default'): SyncCount {
    const s = this.scenario;
    if (selectsAll(s.ds(dsName, namespace))) return { creates: 0, deletes: 0, createdOn: [], deleted: [] };
    this.write(constructHistory(s.state, s.ds(dsName, namespace)));
    const intents: Intent[] = [...manage(s.state, s.ds(dsName, namespace), { nodes: 'all' }, options)];
    this.write(intents);
    const ds = s.ds(dsName, namespace);
    if (ds.daemonSet.spec?.updateStrategy?.type === 'RollingUpdate') {
      const rolled = rollingUpdate(s.state, ds);
      this.write(rolled);
      intents.push(...rolled);
    }
    const after = s.ds(dsName, namespace);
    if (after.observedGeneration !== after.generation) {
      this.write([{ type: 'MarkSynced', daemonSet: after.key, observedGeneration: after.generation }]);
    }
    const createdOn: string[] = [];
    const deleted: string[] = [];
    for (const i of intents) {
      if (i.type === 'CreatePod') createdOn.push(i.node);
      else if (i.type === 'DeletePod') deleted.push(i.name);
    }
    return { creates: createdOn.length, deletes: deleted.length, createdOn, deleted };
  }

  /** The (creates, deletes) pair of one sync, for compact sequence assertions. */
  counts(dsName: string, options: SyncOptions = {}): [number, number] {
    const r = this.sync(dsName, options);
    return [r.creates, r.deletes];
  }

  private write(intents: readonly Intent[]): void {
    if (intents.length === 0) return;
    this.scenario.apply(intentsToEvents(this.scenario.state, intents, this.rng, { deletion: 'immediate' }));
  }
}

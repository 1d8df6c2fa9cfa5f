// A full sync of one DaemonSet (scope: all nodes), composed from core's exported steps exactly as
// `syncDaemonSet` composes them, minus one thing: `syncDaemonSet` appends manage()'s intents with
// `intents.push(...managed)`, which throws RangeError (call stack) once a sync creates more than
// about 120,000 pods, so a DaemonSet applied over 1,000,000 nodes cannot be synced with it.
// `fullSync.test.ts` checks both give the same intents. Reported; swap back once core is fixed.

import {
  constructHistory,
  manage,
  rollingUpdate,
  selectsAll,
  type ClusterState,
  type Intent,
} from '@dsim/core';

/** syncDaemonSet(state, key, { nodes: 'all' }).intents, safe at any number of nodes. */
export function fullSync(state: ClusterState, key: string): Intent[] {
  const ds = state.daemonSets.get(key);
  if (ds === undefined || selectsAll(ds)) return [];
  const intents: Intent[] = constructHistory(state, ds);
  const managed = manage(state, ds, { nodes: 'all' });
  for (const i of managed) intents.push(i);
  if (managed.length === 0 && ds.daemonSet.spec?.updateStrategy?.type === 'RollingUpdate' && ds.counts.numberOutdated > 0) {
    for (const i of rollingUpdate(state, ds)) intents.push(i);
  }
  if (ds.observedGeneration !== ds.generation) {
    intents.push({ type: 'MarkSynced', daemonSet: key, observedGeneration: ds.generation });
  }
  return intents;
}

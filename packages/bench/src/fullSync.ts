// A full sync of one DaemonSet (scope: all nodes): core's syncDaemonSet. It once needed a copy here
// because syncDaemonSet spread manage()'s intents into push() and overflowed the stack above ~120,000
// creates; core now appends in a loop. fullSync.test.ts still checks the 1,000,000-node path works.

import { syncDaemonSet, type ClusterState, type Intent } from '@dsim/core';

/** syncDaemonSet(state, key, { nodes: 'all' }).intents. */
export function fullSync(state: ClusterState, key: string): Intent[] {
  return [...syncDaemonSet(state, key, { nodes: 'all' }).intents];
}

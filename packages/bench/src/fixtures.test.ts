// The direct fixture builder must give exactly the state that folding the same facts gives.
import { tableEntries, type ClusterState } from '@dsim/core';
import { describe, expect, it } from 'vitest';
import { dsimCluster, dsimClusterDirect, fixtureDaemonSets, generateNodes } from './fixtures.ts';

/** The state as plain sorted data, tables flattened, so deep equality ignores table layout. */
function plain(s: ClusterState) {
  const sorted = <V>(t: Parameters<typeof tableEntries<V>>[0]) => [...tableEntries(t)].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return {
    now: s.now,
    seq: s.seq,
    nodes: sorted(s.nodes),
    pods: sorted(s.pods),
    podsByNode: sorted(s.podsByNode),
    nodeImages: sorted(s.nodeImages),
    revisions: [...s.revisions.entries()],
    daemonSets: [...s.daemonSets.entries()].map(([k, d]) => [
      k,
      { ...d, nodes: sorted(d.nodes) },
    ]),
  };
}

describe('dsimClusterDirect', () => {
  it.each([false, true])('equals the folded cluster (readyPods %s), log included', (readyPods) => {
    const nodes = generateNodes(400);
    const folded = dsimCluster({ nodes, daemonSets: fixtureDaemonSets(), readyPods, keepLog: true });
    const direct = dsimClusterDirect({ nodes, daemonSets: fixtureDaemonSets(), readyPods, keepLog: true });
    expect(direct.state.pods.size).toBeGreaterThan(400);
    expect(plain(direct.state)).toEqual(plain(folded.state));
    expect(direct.log).toEqual(folded.log);
  });

  it('generates the same nodes from the same seed', () => {
    expect(generateNodes(50)).toEqual(generateNodes(50));
    expect(generateNodes(50, 2)).not.toEqual(generateNodes(50));
  });
});

// fullSync must decide exactly what core's syncDaemonSet decides, in every phase of a DaemonSet's life.
import { createModel, events, Random, syncDaemonSet, type ClusterState } from '@dsim/core';
import { describe, expect, it } from 'vitest';
import { dsimCluster, dsKey, fixtureDaemonSets, generateNodes, withImage } from './fixtures.ts';
import { fullSync } from './fullSync.ts';
import { carryOut, record } from './suites/targeted.ts';

describe('fullSync', () => {
  it('equals syncDaemonSet before pods exist, when settled, and through a rolling update', () => {
    const model = createModel({ autoFreeze: false });
    const dss = fixtureDaemonSets();
    const check = (s: ClusterState) => {
      for (const key of s.daemonSets.keys()) expect(fullSync(s, key)).toEqual(syncDaemonSet(s, key).intents);
    };
    const empty = dsimCluster({ nodes: generateNodes(200), daemonSets: [] }).state;
    let s = record(model, empty, dss.map((d) => events.daemonSetApplied(d)));
    check(s);
    const settled = dsimCluster({ nodes: generateNodes(200), daemonSets: dss, readyPods: true }).state;
    check(settled);
    s = record(model, settled, [events.daemonSetApplied(withImage(dss[0]!, 'example.com/kp:2'))]);
    const rng = new Random(1);
    for (let i = 0; i < 6; i++) {
      check(s);
      s = carryOut(model, s, syncDaemonSet(s, dsKey(dss[0]!)).intents, rng, true);
    }
  });
});

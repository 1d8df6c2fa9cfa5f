// The baselines are only worth comparing with if they do the same work: on a small cluster they
// must place exactly the pods dsim places, after DaemonSets are applied, nodes come and go, and a
// rolling update runs to the end. Correctness of the baselines, not speed.
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import { createModel, events, Random, tableForEach, type ClusterState } from '@dsim/core';
import { describe, expect, it } from 'vitest';
import { dsimCluster, dsKey, FIXTURE_SEED, fixtureDaemonSets, generateNodes, withImage } from '../fixtures.ts';
import { dsimAddNode, dsimApplyDaemonSet, dsimRemoveNode, dsimRollout, mutableCluster } from '../suites/targeted.ts';
import { MutableCluster } from './mutable.ts';
import { naiveEvolve, naiveFromMutable, naiveHandle, naiveInitial, naiveRollout, type NaiveState } from './naive.ts';

type Placed = Record<string, string[]>;

/** DaemonSet key → sorted `node:hash` of its pods (names differ between implementations). */
function fromDsim(s: ClusterState): Placed {
  const out: Placed = {};
  for (const key of s.daemonSets.keys()) out[key] = [];
  tableForEach(s.pods, (p) => {
    if (p.owner !== undefined) out[p.owner]!.push(`${p.targetNode}:${p.hash}`);
  });
  for (const k in out) out[k]!.sort();
  return out;
}

function fromMutable(m: MutableCluster): Placed {
  const out: Placed = {};
  for (const key of m.daemonSets.keys()) out[key] = [];
  for (const p of m.pods.values()) out[p.owner!]!.push(`${p.targetNode}:${p.hash}`);
  for (const k in out) out[k]!.sort();
  return out;
}

function fromNaive(s: NaiveState): Placed {
  const out: Placed = {};
  for (const key of s.daemonSets.keys()) out[key] = [];
  for (const p of s.pods.values()) out[p.owner!]!.push(`${p.targetNode}:${p.hash}`);
  for (const k in out) out[k]!.sort();
  return out;
}

const model = createModel({ autoFreeze: false });

describe('baselines agree with dsim', () => {
  const nodes = generateNodes(300);
  const extra = generateNodes(40, FIXTURE_SEED + 99, 'extra');
  const dss = fixtureDaemonSets();

  it('on DaemonSets applied, nodes added and nodes removed', () => {
    // dsim, one operation at a time, exactly as the benchmarks time them.
    let d = dsimCluster({ nodes, daemonSets: [] }).state;
    for (const ds of dss) d = dsimApplyDaemonSet(model, d, ds, new Random(1));
    const m = mutableCluster(nodes, dss, 1);
    let n = naiveInitial();
    for (const node of nodes) n = naiveEvolve(n, { ...events.nodeAdded(node), metadata: { seq: n.seq + 1, at: 0 } });
    for (const ds of dss) n = naiveHandle(n, events.daemonSetApplied(ds), new Random(1));

    const placed = fromDsim(d);
    expect(Object.values(placed).reduce((a, p) => a + p.length, 0)).toBeGreaterThan(600);
    expect(fromMutable(m)).toEqual(placed);
    expect(fromNaive(n)).toEqual(placed);
    // Status counters, which the rolling update depends on, agree too.
    for (const [key, ds] of m.daemonSets) expect(ds.counts).toEqual(d.daemonSets.get(key)!.counts);

    const rng = new Random(2);
    for (const node of extra) {
      d = dsimAddNode(model, d, node, rng);
      m.addNodeAndSync(node);
      n = naiveHandle(n, events.nodeAdded(node), rng);
    }
    expect(fromMutable(m)).toEqual(fromDsim(d));
    expect(fromNaive(n)).toEqual(fromDsim(d));

    for (const node of [...nodes.slice(0, 15), ...extra.slice(0, 5)]) {
      const name = node.metadata!.name!;
      d = dsimRemoveNode(model, d, name, rng);
      m.removeNodeAndSync(name);
      n = naiveHandle(n, events.nodeRemoved(name), rng);
    }
    expect(fromMutable(m)).toEqual(fromDsim(d));
    expect(fromNaive(n)).toEqual(fromDsim(d));
    for (const [key, ds] of m.daemonSets) expect(ds.counts).toEqual(d.daemonSets.get(key)!.counts);
  });

  it.each([0, 3])('on a rolling update to the end (DaemonSet %i)', (i) => {
    const ready = dsimCluster({ nodes, daemonSets: dss, readyPods: true }).state;
    const m = mutableCluster(nodes, dss, 1, true);
    const n = naiveFromMutable(m);
    const next: DaemonSet = withImage(dss[i]!, 'example.com/next:2');
    const key = dsKey(next);

    const d = dsimRollout(model, ready, next, new Random(3));
    const syncs = m.rollout(next);
    const naive = naiveRollout(n, next, new Random(3));

    const placed = fromDsim(d.state);
    const hash = d.state.daemonSets.get(key)!.hash;
    expect(placed[key]!.length).toBeGreaterThan(100);
    expect(placed[key]!.every((p) => p.endsWith(`:${hash}`))).toBe(true);
    expect(fromMutable(m)).toEqual(placed);
    expect(fromNaive(naive)).toEqual(placed);
    expect(m.daemonSets.get(key)!.counts).toEqual(d.state.daemonSets.get(key)!.counts);
    // maxUnavailable 10%: about ten delete rounds and ten create rounds, for every implementation.
    expect(syncs).toBe(d.syncs);
  });
});

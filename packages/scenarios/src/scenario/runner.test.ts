// runScenario: actions and churn become the right inputs at the right times, runs are deterministic and replay with
// the dsim command, expectations and the invariant are checked, and the series and summary say what happened.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getNode, getPod, readyStatus, Random, tableValues, type DsimEvent } from '@dsim/core';
import { serializeEvents } from '../logfile.ts';
import { Session } from '../session.ts';
import { compileScenario, type ScenarioDocument } from './format.ts';
import { arrivalTimes, mergePatch, runScenario } from './runner.ts';

const DS = (name: string, extra: Record<string, unknown> = {}, namespace = 'kube-system') => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name, namespace },
  spec: {
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: `registry.example/${name}:1` }] } },
    ...extra,
  },
});

function doc(spec: Record<string, unknown>, name = 'test'): ScenarioDocument {
  return { apiVersion: 'dsim.dev/v1alpha1', kind: 'Scenario', metadata: { name }, spec } as ScenarioDocument;
}

const run = (spec: Record<string, unknown>, options: Parameters<typeof runScenario>[1] = {}) => runScenario(compileScenario(doc(spec), { source: 't.yaml' }), options);

const of = (events: readonly DsimEvent[], type: DsimEvent['type']) => events.filter((e) => e.type === type);

/** A small cluster with a bit of everything: pools, churn, an update. */
const CHURNY = {
  seed: 3,
  nodePools: [
    { name: 'worker', count: 12, zones: ['a', 'b', 'c'] },
    { name: 'spot', count: 10, zones: ['a', 'b'] },
  ],
  manifests: [DS('agent', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 2 } } })],
  timeline: [{ at: '3m', updateDaemonSet: { name: 'agent', namespace: 'kube-system', image: 'registry.example/agent:2' } }],
  churn: [
    { arrivals: { pool: 'worker', rate: '6/m', from: '1m', to: '5m' } },
    { departures: { pool: 'worker', rate: '2/m', process: 'fixed', from: '2m', to: '6m' } },
    { spotReclaim: { pool: 'spot', share: '30%', from: '4m', to: '5m', replaceAfter: '1m' } },
    { zoneOutage: { zone: 'c', from: '7m', duration: '2m', mode: 'Unreachable' } },
  ],
};

describe('runScenario', () => {
  it('gives the same log for the same seed, and another for another seed', () => {
    const a = run(CHURNY);
    const b = run(CHURNY);
    expect(serializeEvents(b.events)).toBe(serializeEvents(a.events));
    const c = run(CHURNY, { seed: 4 });
    expect(serializeEvents(c.events)).not.toBe(serializeEvents(a.events));
    expect(c.seed).toBe(4);
    expect(c.events[0]).toMatchObject({ type: 'SimulationStarted', data: { seed: 4 } });
  });

  it('writes a log the dsim command replays and continues (the facts match its own replay)', () => {
    const r = run({ ...CHURNY, controller: { burstReplicas: 100 }, duration: '12m' });
    const dir = mkdtempSync(join(tmpdir(), 'dsim-runner-'));
    const path = join(dir, 'log.ndjson');
    writeFileSync(path, serializeEvents(r.events));
    const session = Session.open(path);
    const engine = session.engine(); // throws if any replayed fact differs from the log
    expect(engine.log.length).toBe(r.events.length);
    expect(r.events.at(-1)).toMatchObject({ type: 'TimeAdvanced', data: { to: 12 * 60_000 } });
    expect(r.endedAt).toBe(12 * 60_000);
  });

  it('starts pool nodes Ready and applies manifests at time 0, then runs until nothing is left to do', () => {
    const r = run({ nodePools: [{ name: 'w', count: 3 }], manifests: [DS('agent')] });
    const added = of(r.events, 'NodeAdded');
    expect(added.map((e) => e.metadata.at)).toEqual([0, 0, 0]);
    expect(added.every((e) => e.type === 'NodeAdded' && readyStatus(e.data.node) === 'True')).toBe(true);
    expect(of(r.events, 'DaemonSetApplied')[0]!.metadata.at).toBe(0);
    expect(r.summary[0]).toMatchObject({ key: 'kube-system/agent', podsCreated: 3, podsDeleted: 0, final: { desired: 3, available: 3 } });
    expect(r.endedAt).toBe(r.events.at(-1)!.metadata.at);
  });

  it('places a DaemonSet that asks for GPUs only on the pool that offers them; elsewhere its pods stay Pending', () => {
    const gpuAgent = DS('gpu-agent');
    const container = { name: 'agent', image: 'registry.example/gpu-agent:1', resources: { limits: { 'nvidia.com/gpu': '1' } } };
    (gpuAgent.spec.template.spec as { containers: unknown[] }).containers = [container];
    const r = run({ nodePools: [{ name: 'gpu', count: 2, capacity: { 'nvidia.com/gpu': 8 } }, { name: 'cpu', count: 3 }], manifests: [gpuAgent] });
    expect(r.summary[0]).toMatchObject({ key: 'kube-system/gpu-agent', final: { desired: 5, current: 5, available: 2 } });
    const unschedulable = of(r.events, 'PodUnschedulable').map((e) => (e.data as { message: string }).message);
    expect(unschedulable).toHaveLength(3);
    expect(unschedulable[0]).toContain('0/5 nodes are available: 1 Insufficient nvidia.com/gpu, 4 node(s) didn\'t satisfy plugin(s) [NodeAffinity].');
  });

  it("passes the controller's API client limits on: 300 creates take 13.5 s at 20 a second, far less at 1000", () => {
    const span = (controller: Record<string, unknown>) => {
      const r = run({ nodePools: [{ name: 'w', count: 300 }], manifests: [DS('agent')], controller });
      const created = of(r.events, 'PodCreated').map((e) => e.metadata.at);
      expect(created).toHaveLength(300);
      return created.at(-1)! - created[0]!;
    };
    expect(span({})).toBeGreaterThanOrEqual(13_500);
    expect(span({ apiQps: 1000, apiBurst: 300 })).toBeLessThan(2_000);
    expect(span({ apiQps: 0 })).toBeLessThan(2_000);
  });

  it('turns churn into node arrivals and departures at their rates', () => {
    const r = run({
      nodePools: [{ name: 'w', count: 5 }],
      churn: [
        { arrivals: { pool: 'w', rate: '6/m', process: 'fixed', from: '1m', to: '2m' } },
        { departures: { pool: 'w', rate: '2/m', process: 'fixed', from: '3m', to: '4m' } },
      ],
    });
    const arrivals = of(r.events, 'NodeAdded').filter((e) => e.metadata.at > 0);
    expect(arrivals.map((e) => e.metadata.at)).toEqual([60, 70, 80, 90, 100, 110].map((s) => s * 1000));
    expect(arrivals.map((e) => (e.type === 'NodeAdded' ? e.data.node.metadata?.name : ''))).toEqual(['w-0006', 'w-0007', 'w-0008', 'w-0009', 'w-0010', 'w-0011']);
    expect(of(r.events, 'NodeRemoved').map((e) => e.metadata.at)).toEqual([180_000, 210_000]);
  });

  it('draws Poisson arrivals with the right mean', () => {
    const times = arrivalTimes(1 / 1000, 'poisson', 0, 1_000_000, new Random(1));
    expect(times.length).toBeGreaterThan(900);
    expect(times.length).toBeLessThan(1100);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('reclaims a share of a spot pool at random times in the interval, and replaces each node later', () => {
    const r = run({
      nodePools: [{ name: 'spot', count: 20 }],
      churn: [{ spotReclaim: { pool: 'spot', share: '20%', from: '1m', to: '2m', replaceAfter: '3m' } }],
    });
    const removed = of(r.events, 'NodeRemoved');
    expect(removed).toHaveLength(4);
    for (const e of removed) expect(e.metadata.at).toBeGreaterThanOrEqual(60_000), expect(e.metadata.at).toBeLessThanOrEqual(120_000);
    const replaced = of(r.events, 'NodeAdded').filter((e) => e.metadata.at > 0);
    expect(replaced.map((e) => e.metadata.at).sort()).toEqual(removed.map((e) => e.metadata.at + 180_000).sort());
    expect(r.series.nodes.at(-1)).toMatchObject({ total: 20, ready: 20 });
  });

  it('takes a zone down and brings it back', () => {
    const r = run({ nodePools: [{ name: 'w', count: 6, zones: ['a', 'b'] }], churn: [{ zoneOutage: { zone: 'b', from: '1m', to: '3m' } }] });
    const failed = of(r.events, 'NodeFailed');
    expect(failed.map((e) => (e.type === 'NodeFailed' ? `${e.data.name}:${e.data.mode}@${e.metadata.at}` : ''))).toEqual([
      'w-0002:NotReady@60000',
      'w-0004:NotReady@60000',
      'w-0006:NotReady@60000',
    ]);
    expect(of(r.events, 'NodeRecovered').map((e) => e.metadata.at)).toEqual([180_000, 180_000, 180_000]);
    const during = r.series.nodes[r.series.t.findIndex((t) => t >= 60_000)]!;
    expect(during.notReady).toBe(3);
    expect(r.series.nodes.at(-1)).toMatchObject({ total: 6, ready: 6, notReady: 0 });
  });

  it('drains: cordons and evicts the pods no DaemonSet owns, leaving daemon pods', () => {
    const r = run({
      nodePools: [{ name: 'w', count: 2 }],
      manifests: [DS('agent'), { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'job', namespace: 'default' }, spec: { nodeName: 'w-0001', containers: [{ name: 'c', image: 'busybox' }] } }],
      timeline: [{ at: '1m', drain: { names: ['w-0001'], gracePeriodSeconds: 5 } }],
    });
    expect(of(r.events, 'PodRemovalRequested').map((e) => e.data)).toEqual([{ namespace: 'default', name: 'job', method: 'evict', gracePeriodSeconds: 5 }]);
    const cordon = of(r.events, 'NodeUpdated').find((e) => e.type === 'NodeUpdated' && e.data.node.spec?.unschedulable === true);
    expect(cordon?.metadata.at).toBe(60_000);
    expect(r.summary[0]!.final).toMatchObject({ desired: 2, available: 2 });
    expect(r.series.nodes.at(-1)).toMatchObject({ unschedulable: 1 });
  });

  it('labels, taints and cordons nodes; a NoExecute taint the DaemonSet does not tolerate removes its pod', () => {
    const r = run(
      {
        nodePools: [{ name: 'w', count: 3 }],
        manifests: [DS('agent')],
        timeline: [
          { at: '1m', label: { names: ['w-0001'], labels: { disk: 'ssd' } } },
          { at: '1m', taint: { names: ['w-0002'], taints: [{ key: 'maintenance', effect: 'NoExecute' }] } },
          { at: '2m', unlabel: { selector: 'disk=ssd', keys: ['disk'] } },
          { at: '3m', untaint: { names: ['w-0002'], taints: [{ key: 'maintenance' }] } },
          { at: '4m', cordon: { pool: 'w', count: 2 } },
        ],
        checkpoints: [{ at: '1m30s', get: 'ds -A' }],
        expectations: [{ daemonSet: 'kube-system/agent', at: '1m30s', desired: 2 }, { daemonSet: 'kube-system/agent', desired: 3, available: 3 }],
      },
    );
    expect(r.failures).toEqual([]);
    const updates = of(r.events, 'NodeUpdated').map((e) => (e.type === 'NodeUpdated' ? `${e.metadata.at / 1000}s ${e.data.node.metadata?.name}` : ''));
    expect(updates.slice(0, 4)).toEqual(['60s w-0001', '60s w-0002', '120s w-0001', '180s w-0002']);
    expect(new Set(updates.filter((u) => u.startsWith('240s')))).toHaveLength(2);
    expect(r.checkpoints[0]!.output).toContain('agent   2         2');
  });

  it('updates a DaemonSet by image, container images, template and spec merge patches', () => {
    const r = run({
      nodePools: [{ name: 'w', count: 2 }],
      manifests: [DS('agent')],
      timeline: [
        { at: '1m', updateDaemonSet: { name: 'agent', namespace: 'kube-system', images: { agent: 'registry.example/agent:2' } } },
        { at: '2m', updateDaemonSet: { name: 'agent', namespace: 'kube-system', template: { metadata: { annotations: { restartedAt: 'now' } } }, spec: { minReadySeconds: 5 } } },
      ],
    });
    const applied = of(r.events, 'DaemonSetApplied').map((e) => (e.type === 'DaemonSetApplied' ? e.data.daemonSet : undefined)!);
    expect(applied[1]!.spec?.template.spec?.containers[0]?.image).toBe('registry.example/agent:2');
    expect(applied[2]!.spec?.template.metadata?.annotations).toEqual({ restartedAt: 'now' });
    expect(applied[2]!.spec?.minReadySeconds).toBe(5);
    const s = r.summary[0]!;
    expect(s.rollouts?.map((x) => x.kind)).toEqual(['create', 'update', 'update']);
    expect(s.rollouts?.every((x) => x.finishedAt !== undefined)).toBe(true);
    expect(s.timeToFullRollout).toBe(s.rollouts![2]!.finishedAt! - 120_000);
    expect(s.podsCreated).toBe(6);
    expect(s.podsDeleted).toBe(4);
  });

  it('re-adds a node under its old name, in its old zone', () => {
    const r = run({
      nodePools: [{ name: 'w', count: 4, zones: ['a', 'b'] }],
      timeline: [
        { at: '1m', removeNodes: { names: ['w-0002'] } },
        { at: '2m', addNodes: { pool: 'w', names: ['w-0002'] } },
      ],
    });
    const readded = of(r.events, 'NodeAdded').at(-1)!;
    expect(readded.type === 'NodeAdded' && readded.data.node.metadata?.labels?.['topology.kubernetes.io/zone']).toBe('b');
  });

  it('fails a run whose action names something that is not there, naming the step', () => {
    expect(() => run({ nodePools: [{ name: 'w', count: 1 }], timeline: [{ at: '1m', failNodes: { names: ['nope'] } }] })).toThrow(
      't.yaml:1: spec.timeline[0]: at 1m0s: nodes "nope" not found',
    );
    expect(() => run({ timeline: [{ at: '1m', updateDaemonSet: { name: 'x', image: 'y' } }] })).toThrow('daemonsets.apps "x" not found in namespace "default"');
  });

  it('refuses an update the API server would refuse, as dsim apply and dsim set image do', () => {
    const update = (u: Record<string, unknown>) => () =>
      run({ nodePools: [{ name: 'w', count: 1 }], manifests: [DS('agent')], timeline: [{ at: '1m', updateDaemonSet: { name: 'agent', namespace: 'kube-system', ...u } }] });
    expect(update({ spec: { selector: { matchLabels: { other: 'x' } } } })).toThrow(
      /^t\.yaml:1: spec\.timeline\[0\]: at 1m0s: DaemonSet\.apps "agent" is invalid: \[spec\.template\.metadata\.labels: .*`selector` does not match template `labels`, spec\.selector: .*field is immutable\]$/,
    );
    expect(update({ images: { nope: 'x:2' } })).toThrow('t.yaml:1: spec.timeline[0].images: at 1m0s: unable to find container named "nope"');
    expect(update({ template: { spec: { containers: 5 } } })).toThrow(
      'at 1m0s: DaemonSet "agent" cannot be decoded: json: cannot unmarshal number into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container',
    );
    expect(update({ template: { spec: { containers: [{ name: 'agent', image: '' }] } } })).toThrow('spec.template.spec.containers[0].image: Required value');
  });

  it('updateDaemonSet images names init containers too', () => {
    const withInit = DS('agent');
    (withInit.spec.template.spec as Record<string, unknown>)['initContainers'] = [{ name: 'setup', image: 'busybox:1' }];
    const r = run({ nodePools: [{ name: 'w', count: 1 }], manifests: [withInit], timeline: [{ at: '1m', updateDaemonSet: { name: 'agent', namespace: 'kube-system', images: { setup: 'busybox:2' } } }] });
    const applied = of(r.events, 'DaemonSetApplied').at(-1)!;
    expect(applied.type === 'DaemonSetApplied' && applied.data.daemonSet.spec?.template.spec?.initContainers?.[0]?.image).toBe('busybox:2');
  });

  it('deletes what a name-only manifest names, as dsim delete -f does', () => {
    const r = run({
      nodePools: [{ name: 'w', count: 1 }],
      manifests: [DS('agent')],
      timeline: [{ at: '1m', delete: { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'kube-system' } } }],
    });
    expect(of(r.events, 'DaemonSetDeleted')).toHaveLength(1);
  });
});

describe('expectations', () => {
  const base = { nodePools: [{ name: 'w', count: 4 }], manifests: [DS('agent', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 3 } } })] };

  it('report each failure with its time and what was found', () => {
    const r = run({
      ...base,
      timeline: [{ at: '2m', updateDaemonSet: { name: 'agent', namespace: 'kube-system', image: 'x:2' } }],
      expectations: [
        { daemonSet: 'kube-system/agent', at: '1m', desired: 4, available: '>= 5' },
        { daemonSet: 'kube-system/agent', available: '== desired', misscheduled: 0 },
        { daemonSet: 'kube-system/nope', desired: 1 },
        { rolloutFinishedBy: { daemonSet: 'kube-system/agent', deadline: '2m1s' } },
        { maxUnavailable: { daemonSet: 'kube-system/agent', atMost: 1 } },
        { invariant: 'exactlyOnePodPerEligibleNode', at: '1m' },
      ],
    });
    expect(r.failures.map((f) => [f.at, f.expectation, f.message])).toEqual([
      [60_000, 'daemonSet kube-system/agent desired == 4, available >= 5 at 1m0s', 'found available 4'],
      [121_000, 'rollout of daemonSet kube-system/agent finished by 2m1s', expect.stringMatching(/^not finished at 2m1s: Waiting for daemon set "agent" rollout to finish: \d out of 4 new pods have been updated\.\.\. \(it finished at \d+m[\d.]+s\)$/)],
      [expect.any(Number), 'daemonSet kube-system/nope desired == 1 at the end', 'daemonset kube-system/nope not found'],
      [expect.any(Number), 'daemonSet kube-system/agent unavailable <= 1 during rollouts', expect.stringMatching(/^\d unavailable \(desired 4, available \d\) > 1 at 2m[\d.]*s \(worst \d at 2m[\d.]*s\)$/)],
    ]);
    expect(r.failures[0]!.where).toBe('t.yaml:1');
    expect(r.expectations?.filter((o) => o.status === 'passed')).toHaveLength(2);
  });

  it('are skipped, not failed, when the run ends before their time', () => {
    const r = run({ ...base, expectations: [{ daemonSet: 'kube-system/agent', at: '10m', desired: 4 }] }, { until: 60_000 });
    expect(r.failures).toEqual([]);
    expect(r.expectations).toEqual([{ expectation: 'daemonSet kube-system/agent desired == 4 at 10m0s', at: 600_000, status: 'skipped', message: 'the run ended at 1m0s', where: 't.yaml:1' }]);
    // "At the end" is the scenario's end: --until before it never gets there; after it, it does.
    const atEnd = { ...base, expectations: [{ daemonSet: 'kube-system/agent', available: 4 }] };
    const cut = run(atEnd, { until: 1_000 });
    expect(cut.failures).toEqual([]);
    expect(cut.expectations![0]).toMatchObject({ status: 'skipped', message: '--until stopped the run at 1s, before its end' });
    expect(run(atEnd, { until: 3_600_000 }).expectations![0]).toMatchObject({ status: 'passed' });
  });

  it('catch a DaemonSet that loses its surge while nodes run two pods (--check stops at that event)', () => {
    const surge = {
      nodePools: [{ name: 'w', count: 6 }],
      manifests: [DS('cni', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 6, maxUnavailable: 0 } } })],
      timeline: [
        { at: '1m', updateDaemonSet: { name: 'cni', namespace: 'kube-system', image: 'cni:2' } },
        // While the surged pods start, the strategy changes to no surge: nodes now hold two pods.
        { at: '1m1s', updateDaemonSet: { name: 'cni', namespace: 'kube-system', spec: { updateStrategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } } } } },
      ],
      expectations: [{ invariant: 'exactlyOnePodPerEligibleNode', during: 'always' }],
    };
    const observed = run(surge);
    expect(observed.violation).toBeUndefined();
    expect(observed.failures).toHaveLength(1);
    expect(observed.failures[0]!.message).toMatch(/^node w-\d+ has 2 pods of daemonset kube-system\/cni \(.*\); without maxSurge it may have one, after event \d+ DaemonSetApplied$/);
    const checked = run(surge, { check: true });
    expect(checked.violation?.event.type).toBe('DaemonSetApplied');
    expect(checked.violation?.event.metadata.at).toBe(61_000);
    expect(checked.endedAt).toBe(61_000);
    expect(checked.events.at(-1)!.metadata.at).toBe(61_000);
  });
});

describe('series and summary', () => {
  it('records a point when counters change, at most one per simulated second, the last in the run\'s last second', () => {
    const r = run(CHURNY);
    const { t, nodes, daemonSets } = r.series;
    expect(t[0]).toBeLessThan(1000);
    expect(Math.floor(t.at(-1)! / 1000)).toBe(Math.floor(r.endedAt / 1000));
    for (let i = 1; i < t.length; i++) expect(Math.floor(t[i]! / 1000)).toBeGreaterThan(Math.floor(t[i - 1]! / 1000));
    expect(nodes).toHaveLength(t.length);
    expect(daemonSets['kube-system/agent']).toHaveLength(t.length);
    expect(t.length).toBeLessThan(r.events.length / 3);
  });

  it('ends on the final state', () => {
    const r = run(CHURNY);
    const last = r.series.daemonSets['kube-system/agent']!.at(-1)!;
    expect(last).toEqual(r.summary[0]!.final);
    expect(r.summary[0]!.worstUnavailable).toBeGreaterThan(0);
  });
});

describe('mergePatch', () => {
  it('follows RFC 7386', () => {
    expect(mergePatch({ a: 'b', c: { d: 'e', f: 'g' } }, { a: 'z', c: { f: null } })).toEqual({ a: 'z', c: { d: 'e' } });
    expect(mergePatch({ a: [1, 2] }, { a: [3] })).toEqual({ a: [3] });
  });
});

describe('the state after a run', () => {
  it('matches the events: pods GC\'d from reclaimed nodes, nodes recovered', () => {
    const r = run(CHURNY);
    const dir = mkdtempSync(join(tmpdir(), 'dsim-runner-'));
    writeFileSync(join(dir, 'l.ndjson'), serializeEvents(r.events));
    const state = Session.open(join(dir, 'l.ndjson')).state;
    for (const n of tableValues(state.nodes)) expect(readyStatus(n.node)).toBe('True');
    for (const p of tableValues(state.pods)) expect(getNode(state, p.nodeName ?? '')).toBeDefined();
    expect(getPod(state, 'kube-system', 'nope')).toBeUndefined();
  });
});

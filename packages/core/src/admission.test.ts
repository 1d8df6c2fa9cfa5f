import type { PodSpec } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { daemonSet, node } from '../test/fixtures.ts';
import { podAdmissionError, withAdmittedPriority } from './admission.ts';
import { podSpec } from './apiObjects.ts';
import { constant } from './latency.ts';
import { Engine } from './engine.ts';
import { events as ev, type KubeObject } from './events.ts';
import { reduce } from './reducer.ts';
import { daemonPodsOnNode, initialState, type ClusterState } from './state.ts';
import { stamp } from './events.ts';

const priorityClass = (name: string, value: number, extra: Record<string, unknown> = {}): KubeObject =>
  ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, ...extra }) as KubeObject;

function withObjects(...objects: KubeObject[]): ClusterState {
  let s = initialState();
  for (const o of objects) s = reduce(s, stamp(ev.objectApplied(o), s.seq + 1, 0));
  return s;
}

const spec = (extra: Partial<PodSpec>): PodSpec => ({ containers: [{ name: 'c', image: 'i' }], ...extra });

describe('podAdmissionError: the ServiceAccount, then the Priority plugin', () => {
  const sa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'agent', namespace: 'default' } } as KubeObject;
  it.each<[string, Partial<PodSpec>, KubeObject[], string | undefined]>([
    ['the default account, no class', {}, [], undefined],
    ['an account that exists', { serviceAccountName: 'agent' }, [sa], undefined],
    ['an account that does not', { serviceAccountName: 'agent' }, [], 'pods "web" is forbidden: error looking up service account default/agent: serviceaccount "agent" not found'],
    ['a system class (there at start)', { priorityClassName: 'system-node-critical' }, [], undefined],
    ['a class applied', { priorityClassName: 'high' }, [priorityClass('high', 1000)], undefined],
    ['a class that does not exist', { priorityClassName: 'high' }, [], 'pods "web" is forbidden: no PriorityClass with name high was found'],
    ['both missing: the account first', { serviceAccountName: 'x', priorityClassName: 'high' }, [], 'pods "web" is forbidden: error looking up service account default/x: serviceaccount "x" not found'],
  ])('%s', (_name, extra, objects, want) => {
    expect(podAdmissionError(withObjects(...objects).objects, 'default', 'web', spec(extra))).toBe(want);
  });
});

describe('withAdmittedPriority: what the Priority plugin writes', () => {
  it.each<[string, Partial<PodSpec>, KubeObject[], Partial<PodSpec>]>([
    ['a class applied: its value, the default policy', { priorityClassName: 'high' }, [priorityClass('high', 1000)], { priority: 1000, preemptionPolicy: 'PreemptLowerPriority' }],
    ['a class that does not preempt', { priorityClassName: 'low' }, [priorityClass('low', -5, { preemptionPolicy: 'Never' })], { priority: -5, preemptionPolicy: 'Never' }],
    [
      'no class: the global default, the lowest of several',
      { priority: 0 },
      [priorityClass('a', 10, { globalDefault: true }), priorityClass('b', 5, { globalDefault: true }), priorityClass('c', 1)],
      { priorityClassName: 'b', priority: 5, preemptionPolicy: 'PreemptLowerPriority' },
    ],
    ['no class and no default: as defaulted', { priority: 0 }, [priorityClass('c', 1)], { priority: 0 }],
    ['a system class, defaulted already', { priorityClassName: 'system-node-critical', priority: 2000001000 }, [], { priority: 2000001000 }],
  ])('%s', (_name, extra, objects, want) => {
    expect(withAdmittedPriority(spec(extra), withObjects(...objects).objects)).toMatchObject(want);
  });
});

describe('the Priority plugin on a DaemonSet\'s pods', () => {
  it('a class that does not exist refuses them (FailedCreate); once it is applied they are made, with its priority', () => {
    const e = new Engine({ seed: 1, config: { latency: { apiWrite: constant(10) } } });
    e.input(ev.nodeAdded(node('n0')));
    const d = daemonSet('agent');
    d.spec!.template.spec!.priorityClassName = 'high';
    e.input(ev.daemonSetApplied(d));
    e.run({ until: 60_000 });
    const refused = e.log.filter((x) => x.type === 'PodCreateFailed');
    expect(refused[0]?.data).toMatchObject({ message: 'pods "agent-" is forbidden: no PriorityClass with name high was found' });
    expect(e.state.pods.size).toBe(0);
    e.input(ev.objectApplied(priorityClass('high', 1000)));
    e.run({ until: 2_000_000 });
    const pod = daemonPodsOnNode(e.state, e.state.daemonSets.get('default/agent')!, 'n0')[0]!;
    expect(podSpec(e.state, pod)).toMatchObject({ priorityClassName: 'high', priority: 1000, preemptionPolicy: 'PreemptLowerPriority' });
  });
});

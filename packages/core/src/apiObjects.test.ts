// Tests for the API objects rebuilt from the compact records: a DaemonSet pod's spec is its
// template's, defaulted as the API server does, pinned to its node.

import { describe, expect, it } from 'vitest';
import { addNodes, daemonPod, daemonSet, Scenario } from '../test/fixtures.ts';
import { events as ev } from './events.ts';
import { podObject } from './apiObjects.ts';
import { getPod } from './state.ts';

function twoPods(image = 'image:1'): Scenario {
  const s = new Scenario().apply(addNodes(0, 2), ev.daemonSetApplied(daemonSet('foo', { image })));
  return s.apply(daemonPod(s.ds('foo'), 'node-0', 'foo-a'), daemonPod(s.ds('foo'), 'node-1', 'foo-b'));
}

const pod = (s: Scenario, name: string) => {
  const p = getPod(s.state, 'default', name);
  if (p === undefined) throw new Error(`no pod ${name}`);
  return podObject(s.state, p);
};

describe('podObject', () => {
  it("fills in the API server's defaults and pins each pod to its own node", () => {
    const s = twoPods();
    const [a, b] = [pod(s, 'foo-a').spec!, pod(s, 'foo-b').spec!];
    for (const spec of [a, b]) {
      expect(spec.dnsPolicy).toBe('ClusterFirst');
      expect(spec.restartPolicy).toBe('Always');
      expect(spec.containers[0]).toMatchObject({ image: 'image:1', imagePullPolicy: 'IfNotPresent', terminationMessagePolicy: 'File' });
    }
    const pinned = (spec: typeof a) => spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms[0]?.matchFields?.[0]?.values;
    expect(pinned(a)).toEqual(['node-0']);
    expect(pinned(b)).toEqual(['node-1']);
    expect(a.nodeName).toBe('node-0');
    expect(b.nodeName).toBe('node-1');
  });

  it("shares one defaulted template between pods, frozen so that no caller can change another pod's spec", () => {
    const s = twoPods();
    const a = pod(s, 'foo-a').spec!;
    expect(() => {
      a.containers[0]!.image = 'changed';
    }).toThrow(TypeError);
    expect(pod(s, 'foo-b').spec!.containers[0]!.image).toBe('image:1');
  });

  it("is admitted with the default service account, its token mounted (the name's random part from the uid)", () => {
    const s = twoPods();
    const [a, b] = [pod(s, 'foo-a').spec!, pod(s, 'foo-b').spec!];
    for (const spec of [a, b]) {
      expect(spec).toMatchObject({ serviceAccountName: 'default', serviceAccount: 'default' });
      expect(spec.volumes?.at(-1)?.projected?.sources?.map((x) => Object.keys(x)[0])).toEqual(['serviceAccountToken', 'configMap', 'downwardAPI']);
      expect(spec.containers[0]!.volumeMounts).toEqual([{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: spec.volumes!.at(-1)!.name, readOnly: true }]);
    }
    expect(a.volumes!.at(-1)!.name).not.toBe(b.volumes!.at(-1)!.name);
    expect(pod(s, 'foo-a').spec!.volumes!.at(-1)!.name).toBe(a.volumes!.at(-1)!.name);
  });

  it('writes what the API always writes: lastProbeTime null, an empty lastState', () => {
    const s = twoPods();
    const p = getPod(s.state, 'default', 'foo-a')!;
    const bound = podObject(s.state, { ...p, nodeName: 'node-0', started: true, phase: 'Running', startedAt: 1000 });
    expect(bound.status!.conditions!.every((c) => c.lastProbeTime === null)).toBe(true);
    expect(bound.status!.containerStatuses![0]!.lastState).toEqual({});
  });

  it('init containers: waiting while the pod initializes, completed once it has started', () => {
    const base = daemonSet('cni');
    const ds = { ...base, spec: { ...base.spec!, template: { ...base.spec!.template, spec: { ...base.spec!.template.spec!, initContainers: [{ name: 'install', image: 'cni:1' }] } } } };
    const s = new Scenario().apply(addNodes(0, 1), ev.daemonSetApplied(ds));
    s.apply(daemonPod(s.ds('cni'), 'node-0', 'cni-a'));
    const p = getPod(s.state, 'default', 'cni-a')!;
    const waiting = podObject(s.state, { ...p, nodeName: 'node-0' });
    expect(waiting.status!.initContainerStatuses).toMatchObject([{ name: 'install', ready: false, state: { waiting: { reason: 'PodInitializing' } } }]);
    expect(waiting.status!.containerStatuses![0]!.state).toEqual({ waiting: { reason: 'PodInitializing' } });
    expect(waiting.status!.conditions!.find((c) => c.type === 'Initialized')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [install]',
    });
    const running = podObject(s.state, { ...p, nodeName: 'node-0', started: true, phase: 'Running', startedAt: 5000 });
    expect(running.status!.initContainerStatuses).toMatchObject([
      { name: 'install', ready: true, started: false, state: { terminated: { exitCode: 0, reason: 'Completed', finishedAt: '2025-01-01T00:00:05Z' } } },
    ]);
    expect(running.status!.conditions!.find((c) => c.type === 'Initialized')).toMatchObject({ status: 'True', lastTransitionTime: '2025-01-01T00:00:05Z' });
  });

  it('a new template gives the pods made from it their own defaults', () => {
    const s = twoPods('image:1');
    s.apply(ev.daemonSetApplied(daemonSet('foo', { image: 'image:latest' })));
    s.apply(daemonPod(s.ds('foo'), 'node-0', 'foo-c'));
    expect(pod(s, 'foo-c').spec!.containers[0]).toMatchObject({ image: 'image:latest', imagePullPolicy: 'Always' });
  });

  it("carries its template's annotations, each pod those of the revision it was made from", () => {
    const annotated = (value: string) => {
      const ds = daemonSet('foo');
      return { ...ds, spec: { ...ds.spec!, template: { ...ds.spec!.template, metadata: { ...ds.spec!.template.metadata, annotations: { 'prometheus.io/scrape': value } } } } };
    };
    // Each template's revision made before its pods, as the controller makes them.
    const revision = (n: number) => ev.controllerRevisionCreated({ namespace: 'default', name: `foo-${n}`, daemonSet: 'default/foo', hash: s.ds('foo').hash, revision: n });
    const s = new Scenario().apply(addNodes(0, 2), ev.daemonSetApplied(annotated('true')));
    s.apply(revision(1), daemonPod(s.ds('foo'), 'node-0', 'foo-a'));
    s.apply(ev.daemonSetApplied(annotated('false')));
    s.apply(revision(2), daemonPod(s.ds('foo'), 'node-1', 'foo-b'));
    expect(pod(s, 'foo-a').metadata!.annotations).toEqual({ 'prometheus.io/scrape': 'true' });
    expect(pod(s, 'foo-b').metadata!.annotations).toEqual({ 'prometheus.io/scrape': 'false' });
    expect(pod(twoPods(), 'foo-a').metadata!.annotations).toBeUndefined();
  });
});

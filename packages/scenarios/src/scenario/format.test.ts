// Scenario files: what they compile to, and the one-line, located messages for every kind of mistake.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateNode } from '@dsim/core';
import { compileScenario, loadScenario, parseScenario, poolNode, poolNodeName, ScenarioError, splitWords, stringifyScenario, type ScenarioDocument } from './format.ts';

const HEAD = 'apiVersion: dsim.dev/v1alpha1\nkind: Scenario\nmetadata:\n  name: test\nspec:\n';

/** A scenario's text: the fixed head, then `spec` lines (indented by two spaces already). */
function scenario(spec: string): string {
  return HEAD + spec;
}

function errorOf(text: string, source = 'scenario.yaml'): string {
  try {
    parseScenario(text, source);
  } catch (e) {
    if (e instanceof ScenarioError) return e.message;
    throw e;
  }
  throw new Error('no error');
}

describe('parseScenario compiles', () => {
  it('engine knobs to an EngineConfigInput', () => {
    const s = parseScenario(
      scenario(`  seed: 7
  latency:
    schedule: 40ms
    imagePull: {lognormal: {median: 6s, sigma: 0.6, max: 2m}}
    readiness: {uniform: [1s, 3s]}
    termination: {exponential: 5s}
    apiWrite: {constant: 15ms}
    nodeRecovery: {normal: {mean: 5s, stddev: 1s, min: 1s}}
  controller: {burstReplicas: 500, workers: 8, syncLatency: 5ms, syncCostPerNode: 10us, failedPodBackoff: {initial: 2s}}
  nodeLifecycle: {nodeMonitorGracePeriod: 40s}
  podGc: {quarantine: 1m, period: 30s}
  podsBecomeReady: false
`),
      'x.yaml',
    );
    expect(s.seed).toBe(7);
    expect(s.config).toEqual({
      latency: {
        schedule: { kind: 'constant', value: 40 },
        imagePull: { kind: 'lognormal', median: 6000, sigma: 0.6, max: 120_000 },
        readiness: { kind: 'uniform', min: 1000, max: 3000 },
        termination: { kind: 'exponential', mean: 5000 },
        apiWrite: { kind: 'constant', value: 15 },
        nodeRecovery: { kind: 'normal', mean: 5000, stddev: 1000, min: 1000 },
      },
      controller: { burstReplicas: 500, workers: 8, syncLatency: { kind: 'constant', value: 5 }, syncCostPerNodeMs: 0.01, failedPodBackoffMs: { initial: 2000, max: 900_000 } },
      nodeLifecycle: { nodeMonitorGracePeriodMs: 40_000 },
      podGc: { quarantineMs: 60_000, periodMs: 30_000 },
      podsBecomeReady: false,
    });
  });

  it('timeline steps at absolute and relative times, in time order (stable)', () => {
    const s = parseScenario(
      scenario(`  nodePools: [{name: w, count: 3}]
  timeline:
  - at: 10m
    cordon: {pool: w}
  - after: 30s
    uncordon: {pool: w}
  - at: 1m
    addNodes: {pool: w}
  - at: 1m
    failNodes: {pool: w, count: 1, mode: Unreachable}
`),
      'x.yaml',
    );
    expect(s.timeline.map((t) => [t.at, t.action.kind, t.field])).toEqual([
      [60_000, 'addNodes', 'spec.timeline[2]'],
      [60_000, 'failNodes', 'spec.timeline[3]'],
      [600_000, 'cordon', 'spec.timeline[0]'],
      [630_000, 'uncordon', 'spec.timeline[1]'],
    ]);
    expect(s.timeline[0]!.where).toBe('x.yaml:12');
  });

  it('churn generators, checkpoints and expectations', () => {
    const s = parseScenario(
      scenario(`  nodePools: [{name: spot, count: 10}]
  churn:
  - arrivals: {pool: spot, rate: 120/h, from: 1m, to: 1h}
  - spotReclaim: {pool: spot, share: 20%, from: 5m, to: 6m, replaceAfter: 2m}
  - zoneOutage: {zone: a, from: 10m, duration: 5m}
  checkpoints:
  - {at: 5m, get: "pods -A -l 'app in (a,b)'"}
  - {atEnd: true, get: [ds, -A]}
  expectations:
  - {daemonSet: kube-system/cni, at: 10m, available: ">= 4900", desired: 5000}
  - {daemonSet: cni, ready: "== desired"}
  - rolloutFinishedBy: {daemonSet: kube-system/cni, deadline: 30m}
  - {invariant: exactlyOnePodPerEligibleNode, during: always}
  - maxUnavailable: {daemonSet: kube-system/cni, atMost: 10%}
`),
      'x.yaml',
    );
    expect(s.churn.map((c) => c.kind)).toEqual(['arrivals', 'spotReclaim', 'zoneOutage']);
    expect(s.churn[0]).toMatchObject({ rate: 120 / 3_600_000, process: 'poisson', from: 60_000, to: 3_600_000 });
    expect(s.churn[1]).toMatchObject({ share: 0.2, from: 300_000, to: 360_000, replaceAfter: 120_000 });
    expect(s.churn[2]).toMatchObject({ zone: 'a', zoneLabel: 'topology.kubernetes.io/zone', mode: 'NotReady', from: 600_000, to: 900_000 });
    expect(s.checkpoints[0]).toMatchObject({ at: 300_000, argv: ['pods', '-A', '-l', 'app in (a,b)'] });
    expect(s.checkpoints[1]).toMatchObject({ at: 'end', argv: ['ds', '-A'] });
    expect(s.expectations.map((e) => e.text)).toEqual([
      'daemonSet kube-system/cni desired == 5000, available >= 4900 at 10m0s',
      'daemonSet default/cni ready == desired at the end',
      'rollout of daemonSet kube-system/cni finished by 30m0s',
      'invariant exactlyOnePodPerEligibleNode after every event',
      'daemonSet kube-system/cni unavailable <= 10% of desired during rollouts',
    ]);
  });

  it('manifests by path (relative to the scenario file) and inline, Lists flattened', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dsim-format-'));
    writeFileSync(join(dir, 'ds.yaml'), 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: a}\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: a}}\n    spec: {containers: [{name: a, image: a}]}\n');
    writeFileSync(
      join(dir, 's.yaml'),
      scenario(`  manifests:
  - ds.yaml
  - {apiVersion: v1, kind: List, items: [{apiVersion: v1, kind: Namespace, metadata: {name: ns1}}]}
`),
    );
    const s = loadScenario(join(dir, 's.yaml'), { source: 's.yaml' });
    expect(s.manifests.map((m) => `${m.object.kind}/${m.object.metadata?.name}`)).toEqual(['DaemonSet/a', 'Namespace/ns1']);
    expect(s.manifests[0]!.where).toBe(`${join(dir, 'ds.yaml')}:1`);
    expect(s.manifests[1]!.where).toBe('s.yaml:8');
  });
});

describe('scenario errors: one line, located, in kubectl\'s manner', () => {
  // Each case names the mistake; the message is what `dsim run` prints after "error: ".
  const cases: { name: string; text: string; want: string | RegExp }[] = [
    {
      name: 'a count that is not a number',
      text: scenario(`  nodePools: [{name: w}]
  timeline:
  - at: 1m
    addNodes: {pool: w}
  - at: 2m
    addNodes:
      pool: w
      count: x
`),
      want: 'scenario.yaml:13: spec.timeline[1].addNodes.count: Invalid value: "x": must be a positive integer',
    },
    { name: 'a misspelt field', text: scenario('  timelin: []\n'), want: 'scenario.yaml:6: unknown field "spec.timelin"' },
    { name: 'the wrong kind', text: HEAD.replace('kind: Scenario', 'kind: Scenarios') + '  seed: 1\n', want: 'scenario.yaml:2: kind: Unsupported value: "Scenarios": supported values: "Scenario"' },
    { name: 'no apiVersion (kubectl\'s wording)', text: 'kind: Scenario\nmetadata: {name: x}\nspec: {}\n', want: 'error validating "scenario.yaml": line 1: error validating data: apiVersion not set' },
    { name: 'broken YAML (kubectl\'s wording)', text: scenario('  seed: [1\n'), want: 'error parsing scenario.yaml: error converting YAML to JSON: yaml: line 7: did not find expected \',\' or \']\'' },
    { name: 'two documents', text: `${scenario('  seed: 1\n')}---\n${scenario('  seed: 2\n')}`, want: 'scenario.yaml:8: a scenario file holds one Scenario document, found 2' },
    { name: 'an empty file', text: '# nothing\n', want: 'scenario.yaml: no Scenario found (the file holds no document)' },
    { name: 'an unknown pool', text: scenario('  timeline:\n  - at: 1m\n    cordon: {pool: gpu}\n'), want: 'scenario.yaml:8: spec.timeline[0].cordon.pool: Not found: "gpu"' },
    {
      name: 'a node action naming no nodes',
      text: scenario('  timeline:\n  - at: 1m\n    cordon: {count: 2}\n'),
      want: 'scenario.yaml:8: spec.timeline[0].cordon.pool: Required value: name the nodes with names, pool or selector',
    },
    {
      name: 'names with a count',
      text: scenario('  timeline:\n  - at: 1m\n    drain: {names: [a], count: 2}\n'),
      want: 'scenario.yaml:8: spec.timeline[0].drain.count: Forbidden: may not be combined with names',
    },
    {
      name: 'a bad label selector',
      text: scenario('  timeline:\n  - at: 1m\n    cordon: {selector: "a in b"}\n'),
      want: /^scenario.yaml:8: spec.timeline\[0\].cordon.selector: Invalid value: "a in b": /,
    },
    { name: 'a duration with a bad unit', text: scenario('  duration: 10x\n'), want: 'scenario.yaml:6: spec.duration: Invalid value: "10x": must be a duration such as 30s, 5m or 1h30m' },
    { name: 'a time finer than a millisecond', text: scenario('  timeline:\n  - at: 1.5ms\n    cordon: {names: [a]}\n'), want: 'scenario.yaml:7: spec.timeline[0].at: Invalid value: "1.5ms": must be a whole number of milliseconds' },
    {
      name: 'an interval ending before it starts',
      text: scenario('  nodePools: [{name: w}]\n  churn:\n  - arrivals: {pool: w, rate: 1/m, from: 10m, to: 5m}\n'),
      want: 'scenario.yaml:8: spec.churn[0].arrivals.to: Invalid value: "5m": must not be before from (10m0s)',
    },
    { name: 'a share over 100%', text: scenario('  nodePools: [{name: w}]\n  churn:\n  - spotReclaim: {pool: w, share: 120%, from: 1m}\n'), want: 'scenario.yaml:8: spec.churn[0].spotReclaim.share: Invalid value: "120%": must be at most 100%' },
    { name: 'a duplicate pool', text: scenario('  nodePools: [{name: w}, {name: w}]\n'), want: 'scenario.yaml:6: spec.nodePools[1].name: Duplicate value: "w"' },
    { name: 'a bad label value on a pool', text: scenario('  nodePools:\n  - name: w\n    labels: {tier: "a b"}\n'), want: /^scenario.yaml:8: spec.nodePools\[0\].labels.tier: Invalid value: "a b": / },
    {
      name: 'a checkpoint asking for an unknown resource',
      text: scenario('  checkpoints:\n  - {at: 1m, get: podz}\n'),
      want: 'scenario.yaml:7: spec.checkpoints[0].get: Invalid value: "podz": the server doesn\'t have a resource type "podz"',
    },
    {
      name: 'a checkpoint with --at',
      text: scenario('  checkpoints:\n  - {at: 1m, get: pods --at 2m}\n'),
      want: 'scenario.yaml:7: spec.checkpoints[0].get: Invalid value: "pods --at 2m": --at is not allowed in a checkpoint (a checkpoint has its own time and reads no files)',
    },
    {
      name: 'a checkpoint with an unknown flag',
      text: scenario('  checkpoints:\n  - {at: 1m, get: pods --follow}\n'),
      want: 'scenario.yaml:7: spec.checkpoints[0].get: Invalid value: "pods --follow": unknown flag: --follow',
    },
    {
      name: 'a checkpoint that watches',
      text: scenario('  checkpoints:\n  - {at: 1m, get: pods -w}\n'),
      want: 'scenario.yaml:7: spec.checkpoints[0].get: Invalid value: "pods -w": --watch is not allowed in a checkpoint (a checkpoint looks at one moment; the scenario moves time)',
    },
    {
      name: 'counters without a DaemonSet',
      text: scenario('  expectations:\n  - {invariant: exactlyOnePodPerEligibleNode, available: 3}\n'),
      want: 'scenario.yaml:7: spec.expectations[0].available: Forbidden: only allowed with daemonSet',
    },
    {
      name: 'a status expectation without counters',
      text: scenario('  expectations:\n  - {daemonSet: a/b, at: 1m}\n'),
      want: 'scenario.yaml:7: spec.expectations[0].available: Required value: name at least one of desired, current, ready, updated, available, misscheduled, unavailable',
    },
    {
      name: 'two kinds of expectation at once',
      text: scenario('  expectations:\n  - {daemonSet: a/b, invariant: exactlyOnePodPerEligibleNode, desired: 1}\n'),
      want: 'scenario.yaml:7: spec.expectations[0]: Invalid value: "map": must have exactly one of: daemonSet, rolloutFinishedBy, invariant, maxUnavailable',
    },
    {
      name: 'an invalid inline DaemonSet (the API server\'s validation)',
      text: scenario(`  manifests:
  - apiVersion: apps/v1
    kind: DaemonSet
    metadata: {name: a}
    spec:
      selector: {matchLabels: {app: a}}
      template:
        metadata: {labels: {app: b}}
        spec: {containers: [{name: a, image: a}]}
`),
      want: /^scenario.yaml:13: DaemonSet.apps "a" is invalid: spec.template.metadata.labels: Invalid value: .*`selector` does not match template `labels`$/,
    },
    {
      name: 'an inline DaemonSet whose nodeSelector value YAML reads as a boolean (the API server\'s decoding)',
      text: scenario(`  manifests:
  - apiVersion: apps/v1
    kind: DaemonSet
    metadata: {name: a}
    spec:
      selector: {matchLabels: {app: a}}
      template:
        metadata: {labels: {app: a}}
        spec:
          nodeSelector: {gpu: yes}
          containers: [{name: a, image: a}]
`),
      want: 'scenario.yaml:15: DaemonSet "a" cannot be decoded: json: cannot unmarshal bool into Go struct field PodSpec.spec.template.spec.nodeSelector of type string',
    },
    {
      name: 'an inline Node with a misspelt field',
      text: scenario(`  manifests:
  - apiVersion: v1
    kind: Node
    metadata: {name: node-1}
    spec: {taint: []}
`),
      want: 'scenario.yaml:10: Node "node-1" cannot be decoded: strict decoding error: unknown field "spec.taint"',
    },
    {
      name: 'a manifest path that does not exist',
      text: scenario('  manifests: [nowhere.yaml]\n'),
      want: /^scenario.yaml:6: spec.manifests\[0\]: Invalid value: "nowhere.yaml": no such file or directory \(paths are relative to the scenario file: /,
    },
    {
      name: 'an update that changes nothing',
      text: scenario('  timeline:\n  - at: 1m\n    updateDaemonSet: {name: a}\n'),
      want: 'scenario.yaml:8: spec.timeline[0].updateDaemonSet.image: Required value: say what changes: image, images, template or spec',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = errorOf(c.text);
      expect(got).not.toContain('\n');
      if (c.want instanceof RegExp) expect(got).toMatch(c.want);
      else expect(got).toBe(c.want);
    });
  }

  it('a file that does not exist', () => {
    expect(() => loadScenario('/nonexistent/s.yaml', { source: 's.yaml' })).toThrow('the path "s.yaml" does not exist');
  });
});

describe('node pools', () => {
  it('name nodes with zero-padded numbers and spread them over zones', () => {
    const s = parseScenario(scenario('  nodePools:\n  - {name: gpu, count: 12000, zones: [a, b], labels: {accel: nvidia}, taints: [{key: gpu, effect: NoSchedule}], capacity: {cpu: 8}}\n'), 'x.yaml');
    const pool = s.nodePools[0]!;
    expect(poolNodeName(pool, 7)).toBe('gpu-00007');
    const n = poolNode(pool, 2, true);
    expect(n.metadata?.labels).toMatchObject({ 'dsim.dev/pool': 'gpu', 'topology.kubernetes.io/zone': 'b', accel: 'nvidia', 'kubernetes.io/hostname': 'gpu-00002' });
    expect(n.spec?.taints).toEqual([{ key: 'gpu', effect: 'NoSchedule' }]);
    expect(n.status?.capacity).toEqual({ cpu: '8', memory: '16Gi', pods: '110' });
    expect(n.status?.conditions?.[0]).toMatchObject({ type: 'Ready', status: 'True' });
    expect(poolNode(pool, 3, false).status?.conditions).toBeUndefined();
    expect(validateNode(n)).toEqual([]);
  });
});

describe('node pool capacity', () => {
  it('offers any other resource the pool names, beside the defaulted cpu, memory and pods', () => {
    const s = parseScenario(scenario('  nodePools:\n  - {name: gpu, capacity: {nvidia.com/gpu: 8, ephemeral-storage: 100Gi, hugepages-2Mi: 1Gi}}\n'), 'x.yaml');
    const n = poolNode(s.nodePools[0]!, 1, true);
    const want = { cpu: '4', memory: '16Gi', pods: '110', 'nvidia.com/gpu': '8', 'ephemeral-storage': '100Gi', 'hugepages-2Mi': '1Gi' };
    expect(n.status?.capacity).toEqual(want);
    expect(n.status?.allocatable).toEqual(want);
    expect(validateNode(n)).toEqual([]);
  });

  const bad: { name: string; text: string; want: string | RegExp }[] = [
    {
      name: 'a quantity that is not one',
      text: scenario('  nodePools:\n  - name: gpu\n    capacity: {nvidia.com/gpu: lots}\n'),
      want: `scenario.yaml:8: spec.nodePools[0].capacity.nvidia.com/gpu: Invalid value: "lots": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    },
    {
      name: 'a cpu that is not a quantity',
      text: scenario('  nodePools:\n  - name: w\n    capacity: {cpu: lots}\n'),
      want: `scenario.yaml:8: spec.nodePools[0].capacity.cpu: Invalid value: "lots": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    },
    {
      name: 'half a GPU',
      text: scenario('  nodePools:\n  - name: gpu\n    capacity: {nvidia.com/gpu: "1.5"}\n'),
      want: 'scenario.yaml:7: spec.nodePools[0]: Invalid value: "gpu": makes invalid nodes: status.capacity.nvidia.com/gpu: Invalid value: "1.5": must be an integer',
    },
    {
      name: 'a value that is neither a string nor a count',
      text: scenario('  nodePools:\n  - name: gpu\n    capacity: {nvidia.com/gpu: [8]}\n'),
      want: 'scenario.yaml:8: spec.nodePools[0].capacity.nvidia.com/gpu: Invalid value: "list": must be a quantity such as "8" or "100Gi"',
    },
  ];
  for (const c of bad) {
    it(`refuses ${c.name}`, () => {
      const f = () => parseScenario(c.text, 'scenario.yaml');
      expect(f).toThrow();
      let msg = '';
      try {
        f();
      } catch (e) {
        msg = (e as Error).message;
      }
      if (typeof c.want === 'string') expect(msg).toBe(c.want);
      else expect(msg).toMatch(c.want);
    });
  }
});

describe('splitWords', () => {
  it('splits like a shell, honouring quotes', () => {
    expect(splitWords(`pods -A -l 'app in (a,b)' -o "wide"`)).toEqual(['pods', '-A', '-l', 'app in (a,b)', '-o', 'wide']);
    expect(() => splitWords(`pods -l 'x`)).toThrow();
  });
});

describe('stringifyScenario', () => {
  it('writes a document that compiles to the same scenario, with the schema modeline', () => {
    const doc: ScenarioDocument = {
      apiVersion: 'dsim.dev/v1alpha1',
      kind: 'Scenario',
      metadata: { name: 'round-trip' },
      spec: { seed: 3, nodePools: [{ name: 'w', count: 2 }], timeline: [{ at: '1m', cordon: { pool: 'w', count: 1 } }] },
    };
    const text = stringifyScenario(doc);
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=packages/scenarios/schema/scenario.schema.json');
    const a = compileScenario(doc, { source: 'a.yaml' });
    const b = parseScenario(text, 'a.yaml');
    expect(b.timeline.map((t) => t.action)).toEqual(a.timeline.map((t) => t.action));
  });
});

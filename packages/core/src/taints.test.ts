import { describe, expect, it } from 'vitest';
import type { PodSpec, Taint, Toleration } from 'kubernetes-types/core/v1';
import {
  addOrUpdateDaemonPodTolerations,
  addOrUpdateToleration,
  DEFAULT_DAEMON_TOLERATIONS,
  findUntoleratedTaint,
  matchToleration,
  TAINT_NODE_DISK_PRESSURE,
  TAINT_NODE_MEMORY_PRESSURE,
  TAINT_NODE_NETWORK_UNAVAILABLE,
  TAINT_NODE_NOT_READY,
  TAINT_NODE_OUT_OF_SERVICE,
  TAINT_NODE_PID_PRESSURE,
  TAINT_NODE_UNREACHABLE,
  TAINT_NODE_UNSCHEDULABLE,
  toleratesTaint,
  tolerationsTolerateTaint,
  type TaintFilter,
} from './taints.ts';

describe('well-known taint keys (k8s.io/api/core/v1/well_known_taints.go)', () => {
  const cases: [string, string][] = [
    [TAINT_NODE_NOT_READY, 'node.kubernetes.io/not-ready'],
    [TAINT_NODE_UNREACHABLE, 'node.kubernetes.io/unreachable'],
    [TAINT_NODE_UNSCHEDULABLE, 'node.kubernetes.io/unschedulable'],
    [TAINT_NODE_MEMORY_PRESSURE, 'node.kubernetes.io/memory-pressure'],
    [TAINT_NODE_DISK_PRESSURE, 'node.kubernetes.io/disk-pressure'],
    [TAINT_NODE_PID_PRESSURE, 'node.kubernetes.io/pid-pressure'],
    [TAINT_NODE_NETWORK_UNAVAILABLE, 'node.kubernetes.io/network-unavailable'],
    [TAINT_NODE_OUT_OF_SERVICE, 'node.kubernetes.io/out-of-service'],
  ];
  for (const [got, want] of cases) it(want, () => expect(got).toBe(want));
});

describe('TestTolerationToleratesTaint', () => {
  // mirrors TestTolerationToleratesTaint in k8s.io/api/core/v1/toleration_test.go.
  // The Gt/Lt cases are expected NOT tolerated: dsim runs with TaintTolerationComparisonOperators off (upstream's
  // expectation with the gate on is noted per case).
  const cases: { description: string; toleration: Toleration; taint: Taint; expectTolerated: boolean }[] = [
    {
      description: 'toleration and taint have the same key and effect, and operator is Exists, and taint has no value, expect tolerated',
      toleration: { key: 'foo', operator: 'Exists', effect: 'NoSchedule' },
      taint: { key: 'foo', effect: 'NoSchedule' },
      expectTolerated: true,
    },
    {
      description: 'toleration and taint have the same key and effect, and operator is Exists, and taint has some value, expect tolerated',
      toleration: { key: 'foo', operator: 'Exists', effect: 'NoSchedule' },
      taint: { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      expectTolerated: true,
    },
    {
      description: 'toleration and taint have the same effect, toleration has empty key and operator is Exists, means match all taints, expect tolerated',
      toleration: { key: '', operator: 'Exists', effect: 'NoSchedule' },
      taint: { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      expectTolerated: true,
    },
    {
      description: 'toleration and taint have the same key, effect and value, and operator is Equal, expect tolerated',
      toleration: { key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' },
      taint: { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      expectTolerated: true,
    },
    {
      description: 'toleration and taint have the same key and effect, but different values, and operator is Equal, expect not tolerated',
      toleration: { key: 'foo', operator: 'Equal', value: 'value1', effect: 'NoSchedule' },
      taint: { key: 'foo', value: 'value2', effect: 'NoSchedule' },
      expectTolerated: false,
    },
    {
      description: 'toleration and taint have the same key and value, but different effects, and operator is Equal, expect not tolerated',
      toleration: { key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' },
      taint: { key: 'foo', value: 'bar', effect: 'NoExecute' },
      expectTolerated: false,
    },
    {
      description: 'toleration with Gt operator - taint value less than toleration value, expect not tolerated',
      toleration: { key: 'node.kubernetes.io/sla', operator: 'Gt', value: '950', effect: 'NoSchedule' },
      taint: { key: 'node.kubernetes.io/sla', value: '800', effect: 'NoSchedule' },
      expectTolerated: false,
    },
    {
      description: 'toleration with Gt operator - taint value greater than toleration value (upstream: tolerated with the gate on), gate off: not tolerated',
      toleration: { key: 'node.kubernetes.io/sla', operator: 'Gt', value: '750', effect: 'NoSchedule' },
      taint: { key: 'node.kubernetes.io/sla', value: '950', effect: 'NoSchedule' },
      expectTolerated: false,
    },
    {
      description: 'toleration with Lt operator - taint value greater than toleration value, expect not tolerated',
      toleration: { key: 'node.kubernetes.io/sla', operator: 'Lt', value: '800', effect: 'NoSchedule' },
      taint: { key: 'node.kubernetes.io/sla', value: '950', effect: 'NoSchedule' },
      expectTolerated: false,
    },
    {
      description: 'toleration with Lt operator - taint value less than toleration value (upstream: tolerated with the gate on), gate off: not tolerated',
      toleration: { key: 'node.kubernetes.io/sla', operator: 'Lt', value: '950', effect: 'NoSchedule' },
      taint: { key: 'node.kubernetes.io/sla', value: '800', effect: 'NoSchedule' },
      expectTolerated: false,
    },
    {
      description: 'toleration with Gt operator and taint with equal numeric value, expect not tolerated',
      toleration: { key: 'node.kubernetes.io/sla', operator: 'Gt', value: '950', effect: 'NoSchedule' },
      taint: { key: 'node.kubernetes.io/sla', value: '950', effect: 'NoSchedule' },
      expectTolerated: false,
    },
    {
      description: 'toleration with Gt operator and taint with non-numeric value, expect not tolerated',
      toleration: { key: 'node.kubernetes.io/sla', operator: 'Gt', value: '950', effect: 'NoSchedule' },
      taint: { key: 'node.kubernetes.io/sla', value: 'high', effect: 'NoSchedule' },
      expectTolerated: false,
    },
    {
      description: 'toleration with Gt operator and negative numeric values - taint value less than threshold, expect not tolerated',
      toleration: { key: 'test-key', operator: 'Gt', value: '-100', effect: 'NoSchedule' },
      taint: { key: 'test-key', value: '-200', effect: 'NoSchedule' },
      expectTolerated: false,
    },
    {
      description: 'toleration with Gt operator and large int64 values - taint value less than threshold, expect not tolerated',
      toleration: { key: 'test-key', operator: 'Gt', value: '9223372036854775806', effect: 'NoSchedule' },
      taint: { key: 'test-key', value: '100', effect: 'NoSchedule' },
      expectTolerated: false,
    },
  ];
  for (const c of cases) it(c.description, () => expect(toleratesTaint(c.toleration, c.taint)).toBe(c.expectTolerated));
});

describe('toleratesTaint rules (kubernetes-daemonset.md §3c)', () => {
  const cases: { name: string; toleration: Toleration; taint: Taint; want: boolean }[] = [
    { name: 'empty effect matches NoSchedule', toleration: { key: 'k', operator: 'Exists' }, taint: { key: 'k', effect: 'NoSchedule' }, want: true },
    { name: 'empty effect matches NoExecute', toleration: { key: 'k', operator: 'Exists' }, taint: { key: 'k', effect: 'NoExecute' }, want: true },
    { name: 'empty effect matches PreferNoSchedule', toleration: { key: 'k', operator: 'Exists', effect: '' }, taint: { key: 'k', effect: 'PreferNoSchedule' }, want: true },
    { name: 'different effect', toleration: { key: 'k', operator: 'Exists', effect: 'NoExecute' }, taint: { key: 'k', effect: 'NoSchedule' }, want: false },
    { name: 'empty key and effect with Exists tolerates everything', toleration: { operator: 'Exists' }, taint: { key: 'anything', value: 'x', effect: 'NoExecute' }, want: true },
    { name: 'different key', toleration: { key: 'a', operator: 'Exists' }, taint: { key: 'b', effect: 'NoSchedule' }, want: false },
    { name: 'omitted operator means Equal (same value)', toleration: { key: 'k', value: 'v' }, taint: { key: 'k', value: 'v', effect: 'NoSchedule' }, want: true },
    { name: 'omitted operator means Equal (different value)', toleration: { key: 'k', value: 'v' }, taint: { key: 'k', value: 'w', effect: 'NoSchedule' }, want: false },
    { name: 'Equal with no value matches a taint with no value', toleration: { key: 'k', operator: 'Equal' }, taint: { key: 'k', effect: 'NoSchedule' }, want: true },
    { name: 'Equal with "" matches a taint with no value', toleration: { key: 'k', operator: 'Equal', value: '' }, taint: { key: 'k', effect: 'NoSchedule' }, want: true },
    { name: 'Equal with no value does not match a valued taint', toleration: { key: 'k' }, taint: { key: 'k', value: 'v', effect: 'NoSchedule' }, want: false },
    { name: 'Exists ignores a toleration value', toleration: { key: 'k', operator: 'Exists', value: 'zzz' }, taint: { key: 'k', value: 'v', effect: 'NoSchedule' }, want: true },
    {
      name: 'tolerationSeconds is ignored',
      toleration: { key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 0 },
      taint: { key: 'k', effect: 'NoExecute' },
      want: true,
    },
    { name: 'empty key with Equal compares only values', toleration: { operator: 'Equal', value: 'v' }, taint: { key: 'any', value: 'v', effect: 'NoSchedule' }, want: true },
    { name: 'unknown operator', toleration: { key: 'k', operator: 'exists' }, taint: { key: 'k', effect: 'NoSchedule' }, want: false },
    { name: 'Gt with the gate off', toleration: { key: 'k', operator: 'Gt', value: '1' }, taint: { key: 'k', value: '2', effect: 'NoSchedule' }, want: false },
    { name: 'Lt with the gate off', toleration: { key: 'k', operator: 'Lt', value: '3' }, taint: { key: 'k', value: '2', effect: 'NoSchedule' }, want: false },
  ];
  for (const c of cases) it(c.name, () => expect(toleratesTaint(c.toleration, c.taint)).toBe(c.want));

  it('tolerationsTolerateTaint: any toleration will do; none never', () => {
    const taint: Taint = { key: 'k', effect: 'NoSchedule' };
    expect(tolerationsTolerateTaint([{ key: 'x', operator: 'Exists' }, { key: 'k', operator: 'Exists' }], taint)).toBe(true);
    expect(tolerationsTolerateTaint([{ key: 'x', operator: 'Exists' }], taint)).toBe(false);
    expect(tolerationsTolerateTaint([], taint)).toBe(false);
    expect(tolerationsTolerateTaint(undefined, taint)).toBe(false);
  });
});

describe('TestFindMatchingUntoleratedTaint', () => {
  // mirrors TestFindMatchingUntoleratedTaint in component-helpers/scheduling/corev1/helpers_test.go.
  // Its comparison-operator cases run with the gate on upstream; here the gate is off, so a Gt/Lt toleration never
  // tolerates (the "above threshold" case flips to untolerated; parse errors are not reported).
  const all: TaintFilter = () => true;
  const cases: { description: string; tolerations: Toleration[]; taints: Taint[]; filter?: TaintFilter; expectTolerated: boolean }[] = [
    { description: 'empty tolerations tolerate empty taints', tolerations: [], taints: [], filter: all, expectTolerated: true },
    {
      description: 'non-empty tolerations tolerate empty taints',
      tolerations: [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
      taints: [],
      filter: all,
      expectTolerated: true,
    },
    {
      description: 'tolerations match all taints, expect tolerated',
      tolerations: [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
      taints: [{ key: 'foo', effect: 'NoSchedule' }],
      filter: all,
      expectTolerated: true,
    },
    {
      description: "tolerations don't match taints, but no taints apply to the filter, expect tolerated",
      tolerations: [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
      taints: [{ key: 'bar', effect: 'NoSchedule' }],
      filter: () => false,
      expectTolerated: true,
    },
    {
      description: "no filterFunc indicated, means all taints apply to the filter, tolerations don't match taints, expect untolerated",
      tolerations: [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
      taints: [{ key: 'bar', effect: 'NoSchedule' }],
      expectTolerated: false,
    },
    {
      description: 'tolerations match taints, expect tolerated',
      tolerations: [{ key: 'foo', operator: 'Exists', effect: 'NoExecute' }],
      taints: [
        { key: 'foo', effect: 'NoExecute' },
        { key: 'bar', effect: 'NoSchedule' },
      ],
      filter: (t) => t.effect === 'NoExecute',
      expectTolerated: true,
    },
    {
      description: 'numeric Gt operator with taint value below threshold, expect not tolerated',
      tolerations: [{ key: 'node.kubernetes.io/sla', operator: 'Gt', value: '950', effect: 'NoSchedule' }],
      taints: [{ key: 'node.kubernetes.io/sla', value: '800', effect: 'NoSchedule' }],
      filter: all,
      expectTolerated: false,
    },
    {
      description: 'numeric Gt operator with taint value above threshold (tolerated with the gate on), gate off: not tolerated',
      tolerations: [{ key: 'node.kubernetes.io/sla', operator: 'Gt', value: '750', effect: 'NoSchedule' }],
      taints: [{ key: 'node.kubernetes.io/sla', value: '950', effect: 'NoSchedule' }],
      filter: all,
      expectTolerated: false,
    },
    {
      description: 'numeric Lt operator with taint value above threshold, expect not tolerated',
      tolerations: [{ key: 'node.kubernetes.io/sla', operator: 'Lt', value: '800', effect: 'NoSchedule' }],
      taints: [{ key: 'node.kubernetes.io/sla', value: '950', effect: 'NoSchedule' }],
      filter: all,
      expectTolerated: false,
    },
    {
      description: 'numeric Gt operator with non-numeric taint value, expect not tolerated',
      tolerations: [{ key: 'node.kubernetes.io/sla', operator: 'Gt', value: '950', effect: 'NoSchedule' }],
      taints: [{ key: 'node.kubernetes.io/sla', value: 'high', effect: 'NoSchedule' }],
      filter: all,
      expectTolerated: false,
    },
    {
      description: 'numeric Gt parse error is ignored when a later toleration matches the taint',
      tolerations: [
        { key: 'node.kubernetes.io/sla', operator: 'Gt', value: '950', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/sla', operator: 'Exists', effect: 'NoSchedule' },
      ],
      taints: [{ key: 'node.kubernetes.io/sla', value: 'high', effect: 'NoSchedule' }],
      filter: all,
      expectTolerated: true,
    },
  ];
  for (const c of cases) {
    it(c.description, () => expect(findUntoleratedTaint(c.taints, c.tolerations, c.filter) === undefined).toBe(c.expectTolerated));
  }

  it('returns the first untolerated taint in node order', () => {
    const taints: Taint[] = [
      { key: 'a', effect: 'NoSchedule' },
      { key: 'b', effect: 'NoExecute' },
      { key: 'c', effect: 'NoExecute' },
    ];
    expect(findUntoleratedTaint(taints, [])).toBe(taints[0]);
    expect(findUntoleratedTaint(taints, [{ key: 'a', operator: 'Exists' }])).toBe(taints[1]);
    expect(findUntoleratedTaint(taints, [], (t) => t.effect === 'NoExecute')).toBe(taints[1]);
    expect(findUntoleratedTaint(taints, [{ operator: 'Exists' }])).toBeUndefined();
    expect(findUntoleratedTaint(undefined, [])).toBeUndefined();
  });
});

describe('matchToleration (Toleration.MatchToleration)', () => {
  const base: Toleration = { key: 'k', operator: 'Exists', effect: 'NoExecute' };
  const cases: { name: string; other: Toleration; want: boolean }[] = [
    { name: 'identical', other: { ...base }, want: true },
    { name: 'tolerationSeconds differs', other: { ...base, tolerationSeconds: 300 }, want: true },
    { name: 'value "" equals omitted', other: { ...base, value: '' }, want: true },
    { name: 'key differs', other: { ...base, key: 'j' }, want: false },
    { name: 'effect differs', other: { ...base, effect: 'NoSchedule' }, want: false },
    { name: 'effect omitted', other: { key: 'k', operator: 'Exists' }, want: false },
    { name: 'operator differs', other: { ...base, operator: 'Equal' }, want: false },
    { name: 'operator omitted is not Equal here', other: { key: 'k', effect: 'NoExecute' }, want: false },
    { name: 'value differs', other: { ...base, value: 'x' }, want: false },
  ];
  for (const c of cases) it(c.name, () => expect(matchToleration(base, c.other)).toBe(c.want));
});

describe('TestAddOrUpdateDaemonPodTolerations', () => {
  // Kubernetes has no table test for AddOrUpdateDaemonPodTolerations (pkg/controller/daemon/util/daemonset_util.go);
  // these cases follow its code and AddOrUpdateTolerationInPodSpec (pkg/apis/core/v1/helper/helpers.go).
  const notReady: Toleration = { key: TAINT_NODE_NOT_READY, operator: 'Exists', effect: 'NoExecute' };
  const unreachable: Toleration = { key: TAINT_NODE_UNREACHABLE, operator: 'Exists', effect: 'NoExecute' };
  const disk: Toleration = { key: TAINT_NODE_DISK_PRESSURE, operator: 'Exists', effect: 'NoSchedule' };
  const memory: Toleration = { key: TAINT_NODE_MEMORY_PRESSURE, operator: 'Exists', effect: 'NoSchedule' };
  const pid: Toleration = { key: TAINT_NODE_PID_PRESSURE, operator: 'Exists', effect: 'NoSchedule' };
  const unschedulable: Toleration = { key: TAINT_NODE_UNSCHEDULABLE, operator: 'Exists', effect: 'NoSchedule' };
  const network: Toleration = { key: TAINT_NODE_NETWORK_UNAVAILABLE, operator: 'Exists', effect: 'NoSchedule' };
  const defaults = [notReady, unreachable, disk, memory, pid, unschedulable];
  const custom: Toleration = { key: 'dedicated', value: 'user1', effect: 'NoSchedule' };

  const cases: { name: string; spec: Pick<PodSpec, 'tolerations' | 'hostNetwork'>; want: Toleration[] }[] = [
    { name: 'no tolerations: the six defaults in order', spec: {}, want: defaults },
    { name: 'empty tolerations', spec: { tolerations: [] }, want: defaults },
    { name: 'hostNetwork adds network-unavailable last', spec: { hostNetwork: true }, want: [...defaults, network] },
    { name: 'hostNetwork false', spec: { hostNetwork: false }, want: defaults },
    { name: 'user tolerations come first', spec: { tolerations: [custom] }, want: [custom, ...defaults] },
    {
      name: 'a matching user toleration is replaced in place, dropping its tolerationSeconds',
      spec: { tolerations: [custom, { ...notReady, tolerationSeconds: 300 }] },
      want: [custom, notReady, unreachable, disk, memory, pid, unschedulable],
    },
    {
      name: 'a match in the middle keeps its position',
      spec: { tolerations: [{ ...unschedulable }, custom] },
      want: [unschedulable, custom, notReady, unreachable, disk, memory, pid],
    },
    {
      name: 'an explicit empty value still matches',
      spec: { tolerations: [{ ...unreachable, value: '', tolerationSeconds: 5 }] },
      want: [unreachable, notReady, disk, memory, pid, unschedulable],
    },
    {
      name: 'Equal (omitted operator) is a different toleration: kept, default appended',
      spec: { tolerations: [{ key: TAINT_NODE_NOT_READY, effect: 'NoExecute', tolerationSeconds: 300 }] },
      want: [{ key: TAINT_NODE_NOT_READY, effect: 'NoExecute', tolerationSeconds: 300 }, ...defaults],
    },
    {
      name: 'another effect is a different toleration',
      spec: { tolerations: [{ key: TAINT_NODE_NOT_READY, operator: 'Exists', effect: 'NoSchedule' }] },
      want: [{ key: TAINT_NODE_NOT_READY, operator: 'Exists', effect: 'NoSchedule' }, ...defaults],
    },
    {
      name: 'no effect is a different toleration',
      spec: { tolerations: [{ key: TAINT_NODE_NOT_READY, operator: 'Exists' }] },
      want: [{ key: TAINT_NODE_NOT_READY, operator: 'Exists' }, ...defaults],
    },
    {
      name: 'a tolerate-everything toleration does not stop the defaults',
      spec: { tolerations: [{ operator: 'Exists' }] },
      want: [{ operator: 'Exists' }, ...defaults],
    },
    {
      name: 'every duplicate match is replaced (the DeepEqual early return never fires)',
      spec: { tolerations: [{ ...notReady }, { ...notReady, tolerationSeconds: 60 }] },
      want: [notReady, notReady, unreachable, disk, memory, pid, unschedulable],
    },
    {
      name: 'network-unavailable from the user without hostNetwork is kept as written',
      spec: { tolerations: [{ ...network, tolerationSeconds: 7 }] },
      want: [{ ...network, tolerationSeconds: 7 }, ...defaults],
    },
    {
      name: 'network-unavailable from the user with hostNetwork is replaced',
      spec: { hostNetwork: true, tolerations: [{ ...network, tolerationSeconds: 7 }] },
      want: [network, ...defaults],
    },
    {
      name: 'all defaults present already: same list back',
      spec: { hostNetwork: true, tolerations: [network, pid, memory, disk, unschedulable, unreachable, notReady] },
      want: [network, pid, memory, disk, unschedulable, unreachable, notReady],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const before = JSON.stringify(c.spec);
      expect(addOrUpdateDaemonPodTolerations(c.spec)).toEqual(c.want);
      expect(JSON.stringify(c.spec)).toBe(before);
    });
  }

  it('accepts a missing spec', () => expect(addOrUpdateDaemonPodTolerations(undefined)).toEqual(defaults));

  it('returns a new array', () => {
    const tolerations: Toleration[] = [custom];
    const out = addOrUpdateDaemonPodTolerations({ tolerations });
    expect(out).not.toBe(tolerations);
    expect(tolerations).toEqual([custom]);
  });

  it('DEFAULT_DAEMON_TOLERATIONS lists the table of §3d in order', () => {
    expect(DEFAULT_DAEMON_TOLERATIONS.map((d) => [d.toleration.key, d.toleration.effect, d.toleration.operator, d.hostNetworkOnly])).toEqual([
      [TAINT_NODE_NOT_READY, 'NoExecute', 'Exists', false],
      [TAINT_NODE_UNREACHABLE, 'NoExecute', 'Exists', false],
      [TAINT_NODE_DISK_PRESSURE, 'NoSchedule', 'Exists', false],
      [TAINT_NODE_MEMORY_PRESSURE, 'NoSchedule', 'Exists', false],
      [TAINT_NODE_PID_PRESSURE, 'NoSchedule', 'Exists', false],
      [TAINT_NODE_UNSCHEDULABLE, 'NoSchedule', 'Exists', false],
      [TAINT_NODE_NETWORK_UNAVAILABLE, 'NoSchedule', 'Exists', true],
    ]);
    for (const d of DEFAULT_DAEMON_TOLERATIONS) {
      expect(d.toleration.value).toBeUndefined();
      expect(d.toleration.tolerationSeconds).toBeUndefined();
      expect(Object.isFrozen(d.toleration)).toBe(true);
    }
  });
});

describe('addOrUpdateToleration (AddOrUpdateTolerationInPodSpec)', () => {
  const t: Toleration = { key: 'k', operator: 'Exists', effect: 'NoExecute' };
  const cases: { name: string; list: Toleration[] | undefined; want: Toleration[] }[] = [
    { name: 'nil list', list: undefined, want: [t] },
    { name: 'append when nothing matches', list: [{ key: 'j', operator: 'Exists' }], want: [{ key: 'j', operator: 'Exists' }, t] },
    { name: 'replace the match', list: [{ ...t, tolerationSeconds: 1 }], want: [t] },
    { name: 'replace an identical entry', list: [{ ...t }], want: [t] },
    {
      name: 'replace every match, keep others in order',
      list: [{ ...t, tolerationSeconds: 1 }, { key: 'j' }, { ...t, tolerationSeconds: 2 }],
      want: [t, { key: 'j' }, t],
    },
  ];
  for (const c of cases) it(c.name, () => expect(addOrUpdateToleration(c.list, t)).toEqual(c.want));
});

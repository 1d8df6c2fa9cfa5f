import { describe, expect, it } from 'vitest';
import type { Affinity, Node, NodeSelector, NodeSelectorTerm, PodSpec } from 'kubernetes-types/core/v1';
import { requirementsToString } from './labels.ts';
import {
  compileNodeSelector,
  compiledNodeSelectorMatches,
  nodeSelectorMatches,
  nodeSelectorTermsMatch,
  requiredNodeAffinityMatches,
} from './nodeAffinity.ts';

function node(name: string, labels?: Record<string, string>): Node {
  return { metadata: { name, ...(labels === undefined ? {} : { labels }) } };
}

function required(...terms: NodeSelectorTerm[]): Affinity {
  return { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } };
}

/** GetRequiredNodeAffinity(pod).Match(node): the nodeSelector and the required node affinity both match. */
function podMatches(spec: Pick<PodSpec, 'nodeSelector' | 'affinity'>, n: Node): boolean {
  return nodeSelectorMatches(spec.nodeSelector, n) && requiredNodeAffinityMatches(spec.affinity, n);
}

describe('TestNodeSelectorMatch', () => {
  // mirrors TestNodeSelectorMatch in component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity_test.go
  // (NewNodeSelector reports parse errors up front; the "nil node" case has no TypeScript equivalent)
  const cases: { name: string; nodeSelector: NodeSelector; node?: Node; wantErrFields?: string[]; wantMatch?: boolean }[] = [
    {
      name: 'invalid field selector and label selector',
      nodeSelector: {
        nodeSelectorTerms: [
          { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['host_1', 'host_2'] }] },
          {
            matchExpressions: [{ key: 'label_1', operator: 'In', values: ['label_1_val'] }],
            matchFields: [{ key: 'metadata.name', operator: 'In', values: ['host_1'] }],
          },
          { matchExpressions: [{ key: 'invalid key', operator: 'In', values: ['label_value'] }] },
        ],
      },
      wantErrFields: ['nodeSelectorTerms[0].matchFields[0].values', 'nodeSelectorTerms[2].matchExpressions[0].key'],
    },
    {
      name: 'node matches field selector, but not labels',
      nodeSelector: {
        nodeSelectorTerms: [
          {
            matchExpressions: [{ key: 'label_1', operator: 'In', values: ['label_1_val'] }],
            matchFields: [{ key: 'metadata.name', operator: 'In', values: ['host_1'] }],
          },
        ],
      },
      node: node('host_1'),
      wantMatch: false,
    },
    {
      name: 'node matches field selector and label selector',
      nodeSelector: {
        nodeSelectorTerms: [
          {
            matchExpressions: [{ key: 'label_1', operator: 'In', values: ['label_1_val'] }],
            matchFields: [{ key: 'metadata.name', operator: 'In', values: ['host_1'] }],
          },
        ],
      },
      node: node('host_1', { label_1: 'label_1_val' }),
      wantMatch: true,
    },
    {
      name: 'second term matches',
      nodeSelector: {
        nodeSelectorTerms: [
          { matchExpressions: [{ key: 'label_1', operator: 'In', values: ['label_1_val'] }] },
          { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['host_1'] }] },
        ],
      },
      node: node('host_1'),
      wantMatch: true,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const compiled = compileNodeSelector(c.nodeSelector);
      expect(compiled.errors.map((e) => e.split(':')[0])).toEqual(c.wantErrFields ?? []);
      if (c.wantErrFields !== undefined) return;
      expect(compiledNodeSelectorMatches(compiled, c.node as Node)).toBe(c.wantMatch);
    });
  }

  it('reports errors with the Kubernetes details', () => {
    const errors = compileNodeSelector(cases[0]?.nodeSelector as NodeSelector).errors;
    expect(errors[0]).toContain('must have one element');
    expect(errors[1]).toContain(
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    );
  });

  it('lazily: the valid middle term of the invalid selector still matches (LazyErrorNodeSelector)', () => {
    const ns = cases[0]?.nodeSelector as NodeSelector;
    expect(nodeSelectorTermsMatch(ns, node('host_1', { label_1: 'label_1_val' }))).toBe(true);
    expect(nodeSelectorTermsMatch(ns, node('host_2', { label_1: 'label_1_val' }))).toBe(false);
  });
});

describe('TestNodeSelectorRequirementsAsSelector', () => {
  // mirrors TestNodeSelectorRequirementsAsSelector in component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity_test.go
  // nil and [] expressions select nothing: such a term is dropped, so nothing matches.
  it('nil expressions', () => {
    const c = compileNodeSelector({ nodeSelectorTerms: [{}] });
    expect(c.terms).toEqual([]);
    expect(compiledNodeSelectorMatches(c, node('n', { foo: 'bar' }))).toBe(false);
  });
  it('empty expressions', () => {
    const c = compileNodeSelector({ nodeSelectorTerms: [{ matchExpressions: [] }] });
    expect(c.terms).toEqual([]);
    expect(compiledNodeSelectorMatches(c, node('n', { foo: 'bar' }))).toBe(false);
  });
  const cases: { name: string; term: NodeSelectorTerm; out?: string; errField?: string }[] = [
    { name: 'In', term: { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar', 'baz'] }] }, out: 'foo in (bar,baz)' },
    {
      name: 'Exists with values',
      term: { matchExpressions: [{ key: 'foo', operator: 'Exists', values: ['bar', 'baz'] }] },
      errField: 'nodeSelectorTerms[0].matchExpressions[0].values',
    },
    { name: 'Gt', term: { matchExpressions: [{ key: 'foo', operator: 'Gt', values: ['1'] }] }, out: 'foo>1' },
    { name: 'Lt', term: { matchExpressions: [{ key: 'bar', operator: 'Lt', values: ['7'] }] }, out: 'bar<7' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const compiled = compileNodeSelector({ nodeSelectorTerms: [c.term] });
      if (c.errField !== undefined) {
        expect(compiled.errors.map((e) => e.split(':')[0])).toEqual([c.errField]);
        expect(compiled.errors[0]).toContain('values set must be empty for exists and does not exist');
      } else {
        expect(compiled.errors).toEqual([]);
        expect(requirementsToString(compiled.terms[0]?.labels ?? [])).toBe(c.out);
      }
    });
  }
});

describe('TestPodMatchesNodeSelectorAndAffinityTerms', () => {
  // mirrors TestPodMatchesNodeSelectorAndAffinityTerms in component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity_test.go
  const cases: { name: string; spec: Pick<PodSpec, 'nodeSelector' | 'affinity'>; labels?: Record<string, string>; nodeName?: string; want: boolean }[] = [
    { name: 'no selector', spec: {}, want: true },
    { name: 'missing labels', spec: { nodeSelector: { foo: 'bar' } }, want: false },
    { name: 'same labels', spec: { nodeSelector: { foo: 'bar' } }, labels: { foo: 'bar' }, want: true },
    { name: 'node labels are superset', spec: { nodeSelector: { foo: 'bar' } }, labels: { foo: 'bar', baz: 'blah' }, want: true },
    { name: 'node labels are subset', spec: { nodeSelector: { foo: 'bar', baz: 'blah' } }, labels: { foo: 'bar' }, want: false },
    {
      name: 'Pod with matchExpressions using In operator that matches the existing node',
      spec: { affinity: required({ matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar', 'value2'] }] }) },
      labels: { foo: 'bar' },
      want: true,
    },
    {
      name: 'Pod with matchExpressions using Gt operator that matches the existing node',
      spec: { affinity: required({ matchExpressions: [{ key: 'kernel-version', operator: 'Gt', values: ['0204'] }] }) },
      labels: { 'kernel-version': '0206' },
      want: true,
    },
    {
      name: 'Pod with matchExpressions using NotIn operator that matches the existing node',
      spec: { affinity: required({ matchExpressions: [{ key: 'mem-type', operator: 'NotIn', values: ['DDR', 'DDR2'] }] }) },
      labels: { 'mem-type': 'DDR3' },
      want: true,
    },
    {
      name: 'Pod with matchExpressions using Exists operator that matches the existing node',
      spec: { affinity: required({ matchExpressions: [{ key: 'GPU', operator: 'Exists' }] }) },
      labels: { GPU: 'NVIDIA-GRID-K1' },
      want: true,
    },
    {
      name: "Pod with affinity that don't match node's labels won't schedule onto the node",
      spec: { affinity: required({ matchExpressions: [{ key: 'foo', operator: 'In', values: ['value1', 'value2'] }] }) },
      labels: { foo: 'bar' },
      want: false,
    },
    {
      name: "Pod with a nil []NodeSelectorTerm in affinity, can't match the node's labels and won't schedule onto the node",
      spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: {} as NodeSelector } } },
      labels: { foo: 'bar' },
      want: false,
    },
    {
      name: "Pod with an empty []NodeSelectorTerm in affinity, can't match the node's labels and won't schedule onto the node",
      spec: { affinity: required() },
      labels: { foo: 'bar' },
      want: false,
    },
    {
      name: "Pod with empty MatchExpressions is not a valid value will match no objects and won't schedule onto the node",
      spec: { affinity: required({ matchExpressions: [] }) },
      labels: { foo: 'bar' },
      want: false,
    },
    { name: 'Pod with no Affinity will schedule onto a node', spec: {}, labels: { foo: 'bar' }, want: true },
    {
      name: 'Pod with Affinity but nil NodeSelector will schedule onto a node',
      spec: { affinity: { nodeAffinity: {} } },
      labels: { foo: 'bar' },
      want: true,
    },
    {
      name: 'Pod with multiple matchExpressions ANDed that matches the existing node',
      spec: {
        affinity: required({
          matchExpressions: [
            { key: 'GPU', operator: 'Exists' },
            { key: 'GPU', operator: 'NotIn', values: ['AMD', 'INTER'] },
          ],
        }),
      },
      labels: { GPU: 'NVIDIA-GRID-K1' },
      want: true,
    },
    {
      name: "Pod with multiple matchExpressions ANDed that doesn't match the existing node",
      spec: {
        affinity: required({
          matchExpressions: [
            { key: 'GPU', operator: 'Exists' },
            { key: 'GPU', operator: 'In', values: ['AMD', 'INTER'] },
          ],
        }),
      },
      labels: { GPU: 'NVIDIA-GRID-K1' },
      want: false,
    },
    {
      name: "Pod with multiple NodeSelectorTerms ORed in affinity, matches the node's labels and will schedule onto the node",
      spec: {
        affinity: required(
          { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar', 'value2'] }] },
          { matchExpressions: [{ key: 'diffkey', operator: 'In', values: ['wrong', 'value2'] }] },
        ),
      },
      labels: { foo: 'bar' },
      want: true,
    },
    {
      name: 'Pod with an Affinity and a PodSpec.NodeSelector(the old thing that we are deprecating) both are satisfied, will schedule onto the node',
      spec: { nodeSelector: { foo: 'bar' }, affinity: required({ matchExpressions: [{ key: 'foo', operator: 'Exists' }] }) },
      labels: { foo: 'bar' },
      want: true,
    },
    {
      name: "Pod with an Affinity matches node's labels but the PodSpec.NodeSelector(the old thing that we are deprecating) is not satisfied, won't schedule onto the node",
      spec: { nodeSelector: { foo: 'bar' }, affinity: required({ matchExpressions: [{ key: 'foo', operator: 'Exists' }] }) },
      labels: { foo: 'barrrrrr' },
      want: false,
    },
    {
      name: "Pod with an invalid value in Affinity term won't be scheduled onto the node",
      spec: { affinity: required({ matchExpressions: [{ key: 'foo', operator: 'NotIn', values: ['invalid value: ___@#$%^'] }] }) },
      labels: { foo: 'bar' },
      want: false,
    },
    {
      name: 'Pod with matchFields using In operator that matches the existing node',
      spec: { affinity: required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node_1'] }] }) },
      nodeName: 'node_1',
      want: true,
    },
    {
      name: 'Pod with matchFields using In operator that does not match the existing node',
      spec: { affinity: required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node_1'] }] }) },
      nodeName: 'node_2',
      want: false,
    },
    {
      name: 'Pod with two terms: matchFields does not match, but matchExpressions matches',
      spec: {
        affinity: required(
          { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node_1'] }] },
          { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] },
        ),
      },
      nodeName: 'node_2',
      labels: { foo: 'bar' },
      want: true,
    },
    {
      name: 'Pod with one term: matchFields does not match, but matchExpressions matches',
      spec: {
        affinity: required({
          matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node_1'] }],
          matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }],
        }),
      },
      nodeName: 'node_2',
      labels: { foo: 'bar' },
      want: false,
    },
    {
      name: 'Pod with one term: both matchFields and matchExpressions match',
      spec: {
        affinity: required({
          matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node_1'] }],
          matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }],
        }),
      },
      nodeName: 'node_1',
      labels: { foo: 'bar' },
      want: true,
    },
    {
      name: 'Pod with two terms: both matchFields and matchExpressions do not match',
      spec: {
        affinity: required(
          { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node_1'] }] },
          { matchExpressions: [{ key: 'foo', operator: 'In', values: ['not-match-to-bar'] }] },
        ),
      },
      nodeName: 'node_2',
      labels: { foo: 'bar' },
      want: false,
    },
  ];
  for (const c of cases) it(c.name, () => expect(podMatches(c.spec, node(c.nodeName ?? '', c.labels))).toBe(c.want));
});

describe('required node affinity rules (kubernetes-daemonset.md §3b)', () => {
  const cases: { name: string; affinity: Affinity | undefined; node: Node; want: boolean }[] = [
    { name: 'no affinity matches every node', affinity: undefined, node: node('n'), want: true },
    { name: 'affinity without nodeAffinity', affinity: {}, node: node('n'), want: true },
    {
      name: 'only preferred terms match every node',
      affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'a', operator: 'Exists' }] } }] } },
      node: node('n'),
      want: true,
    },
    { name: 'nodeSelectorTerms [] matches nothing', affinity: required(), node: node('n', { a: 'b' }), want: false },
    { name: 'a term with nothing in it matches nothing', affinity: required({}), node: node('n', { a: 'b' }), want: false },
    {
      name: 'an empty term is skipped, a later term can match',
      affinity: required({}, { matchExpressions: [{ key: 'a', operator: 'Exists' }] }),
      node: node('n', { a: 'b' }),
      want: true,
    },
    {
      name: 'a parse error fails only its term (Gt not an integer)',
      affinity: required({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1.5'] }] }, { matchExpressions: [{ key: 'b', operator: 'Exists' }] }),
      node: node('n', { a: '5', b: '' }),
      want: true,
    },
    {
      name: 'Gt "abc" makes its term never match',
      affinity: required({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['abc'] }] }),
      node: node('n', { a: '5' }),
      want: false,
    },
    {
      name: 'Gt "-1" is a parse error (label values cannot start with "-")',
      affinity: required({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['-1'] }] }),
      node: node('n', { a: '5' }),
      want: false,
    },
    {
      name: 'Lt with two values is a parse error',
      affinity: required({ matchExpressions: [{ key: 'a', operator: 'Lt', values: ['5', '6'] }] }),
      node: node('n', { a: '1' }),
      want: false,
    },
    {
      name: 'a parse error in one expression fails the whole term',
      affinity: required({
        matchExpressions: [
          { key: 'a', operator: 'Exists' },
          { key: 'b', operator: 'In', values: [] },
        ],
      }),
      node: node('n', { a: '1', b: '' }),
      want: false,
    },
    {
      name: 'unknown operator is a parse error',
      affinity: required({ matchExpressions: [{ key: 'a', operator: 'Equals', values: ['1'] }] }),
      node: node('n', { a: '1' }),
      want: false,
    },
    {
      name: 'lowercase operator is unknown',
      affinity: required({ matchExpressions: [{ key: 'a', operator: 'in', values: ['1'] }] }),
      node: node('n', { a: '1' }),
      want: false,
    },
    {
      name: 'DoesNotExist with values is a parse error',
      affinity: required({ matchExpressions: [{ key: 'a', operator: 'DoesNotExist', values: ['x'] }] }),
      node: node('n'),
      want: false,
    },
    {
      name: 'invalid key is a parse error',
      affinity: required({ matchExpressions: [{ key: 'a/b/c', operator: 'DoesNotExist' }] }),
      node: node('n'),
      want: false,
    },
    {
      name: 'Gt compares integers, not strings',
      affinity: required({ matchExpressions: [{ key: 'cpu', operator: 'Gt', values: ['9'] }] }),
      node: node('n', { cpu: '10' }),
      want: true,
    },
    {
      name: 'Lt with a non-integer node value does not match',
      affinity: required({ matchExpressions: [{ key: 'cpu', operator: 'Lt', values: ['9'] }] }),
      node: node('n', { cpu: 'eight' }),
      want: false,
    },
    {
      name: 'NotIn matches an absent key',
      affinity: required({ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }),
      node: node('n'),
      want: true,
    },
    {
      name: 'matchFields NotIn on the node name',
      affinity: required({ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['n'] }] }),
      node: node('n'),
      want: false,
    },
    {
      name: 'matchFields NotIn on another name',
      affinity: required({ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['m'] }] }),
      node: node('n'),
      want: true,
    },
    {
      name: 'matchFields with two values is a parse error',
      affinity: required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n', 'm'] }] }),
      node: node('n'),
      want: false,
    },
    {
      name: 'matchFields with Exists is a parse error',
      affinity: required({ matchFields: [{ key: 'metadata.name', operator: 'Exists' }] }),
      node: node('n'),
      want: false,
    },
    {
      name: 'matchFields on another field reads it as "" (In "")',
      affinity: required({ matchFields: [{ key: 'metadata.foo', operator: 'In', values: [''] }] }),
      node: node('n'),
      want: true,
    },
    {
      name: 'matchFields on another field reads it as "" (In "bar")',
      affinity: required({ matchFields: [{ key: 'metadata.foo', operator: 'In', values: ['bar'] }] }),
      node: node('n'),
      want: false,
    },
    {
      name: 'matchFields on another field reads it as "" (NotIn "bar")',
      affinity: required({ matchFields: [{ key: 'spec.unschedulable', operator: 'NotIn', values: ['bar'] }] }),
      node: node('n'),
      want: true,
    },
    {
      name: 'matchFields is skipped for a node without a name',
      affinity: required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['other'] }] }),
      node: node(''),
      want: true,
    },
    {
      name: 'matchFields is skipped for a node without metadata',
      affinity: required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['other'] }] }),
      node: {},
      want: true,
    },
    {
      name: 'a matchFields parse error still fails a nameless node',
      affinity: required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: [] }] }),
      node: node(''),
      want: false,
    },
    {
      name: 'expressions and fields are ANDed',
      affinity: required({
        matchExpressions: [{ key: 'a', operator: 'Exists' }],
        matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n'] }],
      }),
      node: node('n'),
      want: false,
    },
    {
      name: 'matchExpressions [] with matchFields checks only the fields',
      affinity: required({ matchExpressions: [], matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n'] }] }),
      node: node('n'),
      want: true,
    },
    {
      name: 'values: null treated as none',
      affinity: required({ matchExpressions: [{ key: 'a', operator: 'Exists', values: null as unknown as string[] }] }),
      node: node('n', { a: '' }),
      want: true,
    },
  ];
  for (const c of cases) it(c.name, () => expect(requiredNodeAffinityMatches(c.affinity, c.node)).toBe(c.want));

  it('caches the parsed selector per NodeSelector object', () => {
    const ns: NodeSelector = { nodeSelectorTerms: [{ matchExpressions: [{ key: 'a', operator: 'Exists' }] }] };
    expect(compileNodeSelector(ns)).toBe(compileNodeSelector(ns));
  });
});

describe('nodeSelectorMatches (kubernetes-daemonset.md §3a)', () => {
  const cases: { name: string; selector: Record<string, string> | undefined; node: Node; want: boolean }[] = [
    { name: 'absent selector', selector: undefined, node: node('n'), want: true },
    { name: 'empty selector', selector: {}, node: node('n'), want: true },
    { name: 'exact pair', selector: { a: 'b' }, node: node('n', { a: 'b' }), want: true },
    { name: 'extra node labels', selector: { a: 'b' }, node: node('n', { a: 'b', c: 'd' }), want: true },
    { name: 'wrong value', selector: { a: 'b' }, node: node('n', { a: 'c' }), want: false },
    { name: 'missing key', selector: { a: 'b' }, node: node('n', { c: 'b' }), want: false },
    { name: 'node without labels', selector: { a: 'b' }, node: node('n'), want: false },
    { name: 'node without metadata', selector: { a: 'b' }, node: {}, want: false },
    { name: 'empty value needs the key', selector: { a: '' }, node: node('n'), want: false },
    { name: 'empty value present', selector: { a: '' }, node: node('n', { a: '' }), want: true },
    { name: 'all pairs needed', selector: { a: 'b', c: 'd' }, node: node('n', { a: 'b' }), want: false },
    { name: 'inherited property is not a label', selector: { constructor: 'x' }, node: node('n', {}), want: false },
    { name: 'own constructor label', selector: { constructor: 'x' }, node: node('n', { constructor: 'x' }), want: true },
  ];
  for (const c of cases) it(c.name, () => expect(nodeSelectorMatches(c.selector, c.node)).toBe(c.want));
});

describe('TestMatchNodeSelectorTerms', () => {
  // mirrors TestMatchNodeSelectorTerms and TestMatchNodeSelectorTermsStateless in
  // component-helpers/scheduling/corev1/helpers_test.go (the nil node/selector case has no TypeScript equivalent)
  const label1In: NodeSelectorTerm = { matchExpressions: [{ key: 'label_1', operator: 'In', values: ['label_1_val'] }] };
  const host1Field: NodeSelectorTerm = { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['host_1'] }] };
  const cases: { name: string; nodeSelector: NodeSelector; node: Node; want: boolean }[] = [
    {
      name: 'node label matches matchExpressions terms',
      nodeSelector: { nodeSelectorTerms: [label1In] },
      node: { metadata: { labels: { label_1: 'label_1_val' } } },
      want: true,
    },
    { name: 'node field matches matchFields terms', nodeSelector: { nodeSelectorTerms: [host1Field] }, node: node('host_1'), want: true },
    {
      name: 'invalid node field requirement',
      nodeSelector: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['host_1', 'host_2'] }] }] },
      node: node('host_1'),
      want: false,
    },
    {
      name: 'fieldSelectorTerm with node labels',
      nodeSelector: { nodeSelectorTerms: [host1Field] },
      node: node('not_host_1', { 'metadata.name': 'host_1' }),
      want: false,
    },
    {
      name: 'labelSelectorTerm with node fields',
      nodeSelector: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'metadata.name', operator: 'In', values: ['host_1'] }] }] },
      node: node('host_1'),
      want: false,
    },
    {
      name: 'labelSelectorTerm and fieldSelectorTerm was set, but only node fields',
      nodeSelector: { nodeSelectorTerms: [{ ...label1In, ...host1Field }] },
      node: node('host_1'),
      want: false,
    },
    {
      name: 'labelSelectorTerm and fieldSelectorTerm was set, both node fields and labels (both matched)',
      nodeSelector: { nodeSelectorTerms: [{ ...label1In, ...host1Field }] },
      node: node('host_1', { label_1: 'label_1_val' }),
      want: true,
    },
    {
      name: 'labelSelectorTerm and fieldSelectorTerm was set, both node fields and labels (one mismatched)',
      nodeSelector: { nodeSelectorTerms: [{ ...label1In, ...host1Field }] },
      node: node('host_1', { label_1: 'label_1_val-failed' }),
      want: false,
    },
    {
      name: 'multi-selector was set, both node fields and labels (one mismatched)',
      nodeSelector: { nodeSelectorTerms: [label1In, host1Field] },
      node: node('host_1', { label_1: 'label_1_val-failed' }),
      want: true,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const before = JSON.stringify(c.nodeSelector);
      expect(nodeSelectorTermsMatch(c.nodeSelector, c.node)).toBe(c.want);
      // TestMatchNodeSelectorTermsStateless: matching never reorders or rewrites the selector
      expect(JSON.stringify(c.nodeSelector)).toBe(before);
    });
  }

  it('unordered values are left as written (TestMatchNodeSelectorTermsStateless)', () => {
    const ns: NodeSelector = {
      nodeSelectorTerms: [
        {
          matchExpressions: [{ key: 'label_1', operator: 'In', values: ['label_2_val', 'label_1_val'] }],
          matchFields: [{ key: 'metadata.name', operator: 'In', values: ['host_2', 'host_1'] }],
        },
      ],
    };
    const before = JSON.stringify(ns);
    nodeSelectorTermsMatch(ns, node('host_1', { label_1: 'label_1_val' }));
    expect(JSON.stringify(ns)).toBe(before);
  });
});

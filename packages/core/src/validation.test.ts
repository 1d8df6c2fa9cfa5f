import { describe, it, expect } from 'vitest';
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Namespace, Node, Pod, PodSpec, Taint } from 'kubernetes-types/core/v1';
import { applyDaemonSetUpdate, defaultDaemonSet, defaultPod, TEMPLATE_GENERATION_ANNOTATION } from './defaults.ts';
import {
  formatFieldError,
  formatInvalidError,
  validateDaemonSet,
  validateDaemonSetUpdate,
  validateNamespace,
  validateNode,
  validateObjectMeta,
  validatePod,
  validateRollingUpdateDaemonSet,
  type FieldError,
} from './validation.ts';

// Kubernetes' detail strings, spelled out once (RegexError puts two spaces before each " or ").
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const NAME_PART_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const PERCENT_MSG =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";
const BAD_KEY = 'NoUppercaseOrSpecialCharsLike=Equals';

const manifest = (): DaemonSet => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'abc', namespace: 'default' },
  spec: {
    selector: { matchLabels: { a: 'b' } },
    template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'ctr', image: 'image:1' }] } },
  },
});

type Edit = (ds: DaemonSet) => void;
/** The messages for `manifest()` edited before defaulting (`before`) and after it (`after`). */
function dsErrors(before: Edit = () => {}, after: Edit = () => {}): string[] {
  const raw = manifest();
  before(raw);
  const ds = defaultDaemonSet(raw);
  after(ds);
  return validateDaemonSet(ds).map(formatFieldError);
}
const podSpec = (ds: DaemonSet): PodSpec => ds.spec!.template.spec!;

describe('formatFieldError', () => {
  // mirrors TestErrorBody and TestNotSupported in apimachinery/pkg/util/validation/field/errors_test.go
  const cases: Array<{ name: string; err: FieldError; expected: string }> = [
    { name: 'int', err: { type: 'Invalid value', field: 'bla', value: 2, detail: 'details' }, expected: 'bla: Invalid value: 2: details' },
    { name: 'string', err: { type: 'Invalid value', field: 'bla', value: 'bar', detail: 'deet' }, expected: 'bla: Invalid value: "bar": deet' },
    { name: 'nil', err: { type: 'Invalid value', field: 'bla', value: undefined, detail: 'details' }, expected: 'bla: Invalid value: null: details' },
    { name: 'bool', err: { type: 'Invalid value', field: 'bla', value: true, detail: '' }, expected: 'bla: Invalid value: true' },
    {
      name: 'struct via json.Marshal',
      err: { type: 'Invalid value', field: 'bla', value: { matchLabels: { a: 'b' } }, detail: 'details' },
      expected: 'bla: Invalid value: {"matchLabels":{"a":"b"}}: details',
    },
    {
      name: 'json escapes HTML characters',
      err: { type: 'Invalid value', field: 'bla', value: { k: '<a&b>' }, detail: 'd' },
      expected: 'bla: Invalid value: {"k":"\\u003ca\\u0026b\\u003e"}: d',
    },
    {
      name: 'strings are Go-quoted',
      err: { type: 'Invalid value', field: 'bla', value: 'tab\there "q" é\u0001', detail: 'd' },
      expected: 'bla: Invalid value: "tab\\there \\"q\\" é\\x01": d',
    },
    {
      name: 'not supported',
      err: { type: 'Unsupported value', field: 'f', value: 'v', detail: 'supported values: "a", "b", "c"' },
      expected: 'f: Unsupported value: "v": supported values: "a", "b", "c"',
    },
    { name: 'required omits the value', err: { type: 'Required value', field: 'spec.foo', detail: '' }, expected: 'spec.foo: Required value' },
    {
      name: 'forbidden omits the value',
      err: { type: 'Forbidden', field: 'spec.foo', value: 'x', detail: 'not here' },
      expected: 'spec.foo: Forbidden: not here',
    },
    { name: 'duplicate', err: { type: 'Duplicate value', field: 'f[1]', value: 'a', detail: '' }, expected: 'f[1]: Duplicate value: "a"' },
    { name: 'not found', err: { type: 'Not found', field: 'f', value: 'data', detail: '' }, expected: 'f: Not found: "data"' },
    { name: 'too long', err: { type: 'Too long', field: 'f', detail: 'may not be more than 262144 bytes' }, expected: 'f: Too long: may not be more than 262144 bytes' },
  ];
  it.each(cases)('$name', ({ err, expected }) => {
    expect(formatFieldError(err)).toBe(expected);
  });
});

describe('formatInvalidError', () => {
  const e1: FieldError = { type: 'Required value', field: 'spec.foo', detail: '' };
  const e2: FieldError = { type: 'Invalid value', field: 'spec.bar', value: -1, detail: 'must be greater than or equal to 0' };
  it('one error: inline, as kubectl prints it', () => {
    expect(formatInvalidError('DaemonSet', 'x', [e1])).toBe('The DaemonSet "x" is invalid: spec.foo: Required value');
  });
  it('several errors: kubectl lists them, dropping duplicates (cmdutil MultilineError)', () => {
    expect(formatInvalidError('DaemonSet', 'x', [e1, e2, e1])).toBe(
      'The DaemonSet "x" is invalid: \n* spec.foo: Required value\n* spec.bar: Invalid value: -1: must be greater than or equal to 0',
    );
  });
  it('server style is errors.NewInvalid: group-qualified kind, bracketed aggregate', () => {
    expect(formatInvalidError('DaemonSet', 'x', [e1, e2], { style: 'server' })).toBe(
      'DaemonSet.apps "x" is invalid: [spec.foo: Required value, spec.bar: Invalid value: -1: must be greater than or equal to 0]',
    );
    expect(formatInvalidError('DaemonSet', 'x', [e1], { style: 'server' })).toBe('DaemonSet.apps "x" is invalid: spec.foo: Required value');
    expect(formatInvalidError('Pod', 'p', [e1, e1], { style: 'server' })).toBe('Pod "p" is invalid: spec.foo: Required value');
  });
  it('end to end: a manifest that sets only maxSurge', () => {
    const ds = manifest();
    ds.spec!.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 2 } };
    const errs = validateDaemonSet(applyDaemonSetUpdate(undefined, ds));
    expect(formatInvalidError('DaemonSet', 'abc', errs)).toBe(
      'The DaemonSet "abc" is invalid: spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 2: may not be set when maxUnavailable is non-zero',
    );
  });
});

describe('validateDaemonSet', () => {
  // mirrors TestValidateDaemonSet in pkg/apis/apps/validation/validation_test.go
  const successCases: Array<{ name: string; before: Edit }> = [
    { name: 'abc', before: () => {} },
    { name: 'abc-123', before: (ds) => (ds.metadata!.name = 'abc-123') },
    {
      name: 'hostnet',
      before: (ds) => {
        podSpec(ds).hostNetwork = true;
        podSpec(ds).containers[0]!.ports = [{ containerPort: 12345, protocol: 'TCP' }];
      },
    },
    { name: 'OnDelete', before: (ds) => (ds.spec!.updateStrategy = { type: 'OnDelete' }) },
  ];
  it.each(successCases)('success: $name', ({ before }) => {
    expect(dsErrors(before)).toEqual([]);
  });

  const errorCases: Array<{ name: string; before?: Edit; after?: Edit; expected: string[] }> = [
    {
      name: 'zero-length ID',
      before: (ds) => (ds.metadata!.name = ''),
      expected: ['metadata.name: Required value: name or generateName is required'],
    },
    { name: 'missing-namespace', before: (ds) => delete ds.metadata!.namespace, expected: ['metadata.namespace: Required value'] },
    {
      name: 'nil selector',
      before: (ds) => delete (ds.spec as { selector?: unknown }).selector,
      expected: ['spec.template.metadata.labels: Invalid value: {"a":"b"}: `selector` does not match template `labels`'],
    },
    { name: 'empty selector', before: (ds) => (ds.spec!.selector = {}), expected: ['spec.selector: Invalid value: {}: empty selector is invalid for daemonset'] },
    {
      name: 'selector_doesnt_match',
      before: (ds) => (ds.spec!.selector = { matchLabels: { foo: 'bar' } }),
      expected: ['spec.template.metadata.labels: Invalid value: {"a":"b"}: `selector` does not match template `labels`'],
    },
    {
      name: 'invalid template',
      before: (ds) => (ds.spec!.template = {}),
      expected: [
        'spec.template.metadata.labels: Invalid value: null: `selector` does not match template `labels`',
        'spec.template.spec.containers: Required value',
      ],
    },
    {
      name: 'invalid_label',
      before: (ds) => (ds.metadata!.labels = { [BAD_KEY]: 'bar' }),
      expected: [`metadata.labels: Invalid value: "${BAD_KEY}": ${NAME_PART_MSG}`],
    },
    {
      name: 'invalid_label 2',
      before: (ds) => {
        ds.metadata!.labels = { [BAD_KEY]: 'bar' };
        delete (ds.spec as { selector?: unknown }).selector;
        ds.spec!.template.metadata = { labels: { [BAD_KEY]: 'b' } };
      },
      expected: [
        `metadata.labels: Invalid value: "${BAD_KEY}": ${NAME_PART_MSG}`,
        `spec.template.metadata.labels: Invalid value: {"${BAD_KEY}":"b"}: \`selector\` does not match template \`labels\``,
        `spec.template.labels: Invalid value: "${BAD_KEY}": ${NAME_PART_MSG}`,
      ],
    },
    {
      name: 'invalid_annotation',
      before: (ds) => (ds.metadata!.annotations = { [BAD_KEY]: 'bar' }),
      expected: [`metadata.annotations: Invalid value: "${BAD_KEY}": ${NAME_PART_MSG}`],
    },
    {
      name: 'invalid restart policy 1',
      before: (ds) => (podSpec(ds).restartPolicy = 'OnFailure'),
      expected: ['spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"'],
    },
    {
      name: 'invalid restart policy 2',
      before: (ds) => (podSpec(ds).restartPolicy = 'Never'),
      expected: ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    },
    {
      name: 'template may not contain ephemeral containers',
      before: (ds) => (podSpec(ds).ephemeralContainers = [{ name: 'debug', image: 'image' }]),
      expected: ['spec.template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template'],
    },
    {
      name: 'template ephemeral containers are still validated as ephemeral containers',
      before: (ds) =>
        (podSpec(ds).ephemeralContainers = [{ name: 'debug', image: 'image', targetContainerName: 'nope', ports: [{ containerPort: 80 }] }]),
      expected: [
        'spec.template.spec.ephemeralContainers[0].targetContainerName: Not found: "nope"',
        'spec.template.spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container',
        'spec.template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template',
      ],
    },
  ];
  it.each(errorCases)('error: $name', ({ before, after, expected }) => {
    expect(dsErrors(before, after)).toEqual(expected);
  });
});

describe('validateDaemonSet: the rules of section 9', () => {
  const rolling = (ru: object): Edit => (ds) => (ds.spec!.updateStrategy = { type: 'RollingUpdate', rollingUpdate: ru });
  const ruPath = 'spec.updateStrategy.rollingUpdate';
  const cases: Array<{ name: string; before?: Edit; after?: Edit; expected: string[] }> = [
    // metadata
    { name: 'name must be a DNS-1123 subdomain', before: (ds) => (ds.metadata!.name = 'Fluentd_1'), expected: [`metadata.name: Invalid value: "Fluentd_1": ${SUBDOMAIN_MSG}`] },
    { name: 'dots are fine in a subdomain', before: (ds) => (ds.metadata!.name = 'fluentd.v1'), expected: [] },
    {
      name: 'name at most 253 characters',
      before: (ds) => (ds.metadata!.name = 'a'.repeat(254)),
      expected: [`metadata.name: Invalid value: "${'a'.repeat(254)}": must be no more than 253 characters`],
    },
    { name: 'namespace must be a DNS-1123 label', before: (ds) => (ds.metadata!.namespace = 'kube.system'), expected: ['metadata.namespace: Invalid value: "kube.system": must not contain dots'] },
    // selector
    {
      name: 'selector keys must be valid labels (no match check then)',
      before: (ds) => (ds.spec!.selector = { matchLabels: { [BAD_KEY]: 'b' } }),
      expected: [`spec.selector.matchLabels: Invalid value: "${BAD_KEY}": ${NAME_PART_MSG}`],
    },
    {
      name: 'selector values must be valid labels',
      before: (ds) => (ds.spec!.selector = { matchLabels: { a: 'b c' } }),
      expected: [`spec.selector.matchLabels: Invalid value: "b c": ${LABEL_VALUE_MSG}`],
    },
    {
      name: 'In needs values',
      before: (ds) => (ds.spec!.selector = { matchExpressions: [{ key: 'a', operator: 'In' }] }),
      expected: ["spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"],
    },
    {
      name: 'Exists forbids values',
      before: (ds) => (ds.spec!.selector = { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['b'] }] }),
      expected: ["spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"],
    },
    {
      name: 'unknown selector operator',
      before: (ds) => (ds.spec!.selector = { matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }),
      expected: ['spec.selector.matchExpressions[0].operator: Invalid value: "Gt": not a valid selector operator'],
    },
    {
      name: 'expression selector that matches',
      before: (ds) => (ds.spec!.selector = { matchExpressions: [{ key: 'a', operator: 'In', values: ['x', 'b'] }] }),
      expected: [],
    },
    {
      name: 'expression selector that does not match prints the template labels',
      before: (ds) => {
        ds.spec!.selector = { matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['b'] }] };
        ds.spec!.template.metadata!.labels = { z: '1', a: 'b' };
      },
      expected: ['spec.template.metadata.labels: Invalid value: {"a":"b","z":"1"}: `selector` does not match template `labels`'],
    },
    // template-level DaemonSet rules
    {
      name: 'activeDeadlineSeconds is forbidden',
      before: (ds) => (podSpec(ds).activeDeadlineSeconds = 30),
      expected: ['spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported'],
    },
    {
      name: 'activeDeadlineSeconds 0 also fails the pod range check',
      before: (ds) => (podSpec(ds).activeDeadlineSeconds = 0),
      expected: [
        'spec.template.spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive',
        'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported',
      ],
    },
    {
      name: 'an unknown restartPolicy fails both checks',
      before: (ds) => (podSpec(ds).restartPolicy = 'Sometimes'),
      expected: [
        'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
        'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always"',
      ],
    },
    // numbers
    { name: 'minReadySeconds ≥ 0', before: (ds) => (ds.spec!.minReadySeconds = -1), expected: ['spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0'] },
    { name: 'revisionHistoryLimit 0 is fine', before: (ds) => (ds.spec!.revisionHistoryLimit = 0), expected: [] },
    {
      name: 'revisionHistoryLimit ≥ 0',
      before: (ds) => (ds.spec!.revisionHistoryLimit = -2),
      expected: ['spec.revisionHistoryLimit: Invalid value: -2: must be greater than or equal to 0'],
    },
    // update strategy
    {
      name: 'unknown strategy type',
      before: (ds) => (ds.spec!.updateStrategy = { type: 'Foo' }),
      expected: ['spec.updateStrategy: Unsupported value: {"Type":"Foo","RollingUpdate":null}: supported values: "RollingUpdate", "OnDelete"'],
    },
    {
      name: 'unknown strategy type with rollingUpdate prints the internal struct',
      before: (ds) => (ds.spec!.updateStrategy = { type: 'Foo', rollingUpdate: { maxSurge: '10%' } }),
      expected: [
        'spec.updateStrategy: Unsupported value: {"Type":"Foo","RollingUpdate":{"MaxUnavailable":0,"MaxSurge":"10%"}}: supported values: "RollingUpdate", "OnDelete"',
      ],
    },
    { name: 'rollingUpdate is not checked for OnDelete', before: (ds) => (ds.spec!.updateStrategy = { type: 'OnDelete', rollingUpdate: { maxSurge: 5, maxUnavailable: 5 } }), expected: [] },
    { name: 'rollingUpdate required (undefaulted object)', after: (ds) => delete ds.spec!.updateStrategy!.rollingUpdate, expected: [`${ruPath}: Required value`] },
    {
      name: 'only maxSurge set: defaulting adds maxUnavailable 1, so it is rejected',
      before: rolling({ maxSurge: 2 }),
      expected: [`${ruPath}.maxSurge: Invalid value: 2: may not be set when maxUnavailable is non-zero`],
    },
    { name: 'maxSurge with maxUnavailable 0', before: rolling({ maxSurge: 2, maxUnavailable: 0 }), expected: [] },
    { name: 'maxSurge percent with maxUnavailable 0%', before: rolling({ maxSurge: '25%', maxUnavailable: '0%' }), expected: [] },
    {
      name: 'both percentages non-zero',
      before: rolling({ maxSurge: '1%', maxUnavailable: '1%' }),
      expected: [`${ruPath}.maxSurge: Invalid value: "1%": may not be set when maxUnavailable is non-zero`],
    },
    { name: 'both zero', before: rolling({ maxSurge: 0, maxUnavailable: 0 }), expected: [`${ruPath}.maxUnavailable: Required value: cannot be 0 when maxSurge is 0`] },
    { name: 'negative maxUnavailable', before: rolling({ maxUnavailable: -1 }), expected: [`${ruPath}.maxUnavailable: Invalid value: -1: must be greater than or equal to 0`] },
    {
      name: 'maxUnavailable over 100%',
      before: rolling({ maxUnavailable: '101%' }),
      expected: [`${ruPath}.maxUnavailable: Invalid value: "101%": must not be greater than 100%`],
    },
    { name: 'maxUnavailable 100%', before: rolling({ maxUnavailable: '100%' }), expected: [] },
    {
      name: 'maxUnavailable not a percent string (counts as 0)',
      before: rolling({ maxUnavailable: '20Percent' }),
      expected: [`${ruPath}.maxUnavailable: Invalid value: "20Percent": ${PERCENT_MSG}`, `${ruPath}.maxUnavailable: Required value: cannot be 0 when maxSurge is 0`],
    },
    {
      name: 'maxSurge over 100% with maxUnavailable 0',
      before: rolling({ maxUnavailable: 0, maxSurge: '150%' }),
      expected: [`${ruPath}.maxSurge: Invalid value: "150%": must not be greater than 100%`],
    },
  ];
  it.each(cases)('$name', ({ before, after, expected }) => {
    expect(dsErrors(before, after)).toEqual(expected);
  });
});

describe('validateDaemonSet: pod template rules', () => {
  const t = 'spec.template.spec';
  const na = `${t}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution`;
  const withRequired = (terms: unknown): Edit => (ds) =>
    (podSpec(ds).affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms as never } } });
  const withTolerations = (tolerations: unknown): Edit => (ds) => (podSpec(ds).tolerations = tolerations as never);
  const cases: Array<{ name: string; before: Edit; expected: string[] }> = [
    // node affinity
    { name: 'nodeSelectorTerms: []', before: withRequired([]), expected: [`${na}.nodeSelectorTerms: Required value: must have at least one node selector term`] },
    {
      name: 'In needs values',
      before: withRequired([{ matchExpressions: [{ key: 'zone', operator: 'In' }] }]),
      expected: [`${na}.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`],
    },
    {
      name: 'DoesNotExist forbids values',
      before: withRequired([{ matchExpressions: [{ key: 'zone', operator: 'DoesNotExist', values: ['a'] }] }]),
      expected: [`${na}.nodeSelectorTerms[0].matchExpressions[0].values: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`],
    },
    {
      name: 'Gt needs exactly one value',
      before: withRequired([{ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['1', '2'] }] }]),
      expected: [`${na}.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified single value when \`operator\` is 'Lt' or 'Gt'`],
    },
    { name: 'Lt value is not checked to be an integer', before: withRequired([{ matchExpressions: [{ key: 'cores', operator: 'Lt', values: ['abc'] }] }]), expected: [] },
    {
      name: 'unknown operator',
      before: withRequired([{ matchExpressions: [{ key: 'zone', operator: 'Foo', values: ['a'] }] }]),
      expected: [`${na}.nodeSelectorTerms[0].matchExpressions[0].operator: Invalid value: "Foo": not a valid selector operator`],
    },
    {
      name: 'required-term values must be label values',
      before: withRequired([{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a b'] }] }]),
      expected: [`${na}.nodeSelectorTerms[0].matchExpressions[0].values[0]: Invalid value: "a b": ${LABEL_VALUE_MSG}`],
    },
    {
      name: 'preferred-term values may be invalid, weights must be 1-100',
      before: (ds) =>
        (podSpec(ds).affinity = {
          nodeAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a b'] }] } }],
          },
        }),
      expected: [`${t}.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100`],
    },
    { name: 'matchFields metadata.name In one value', before: withRequired([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] }]), expected: [] },
    {
      name: 'matchFields supports only metadata.name',
      before: withRequired([{ matchFields: [{ key: 'metadata.labels', operator: 'In', values: ['x'] }] }]),
      expected: [`${na}.nodeSelectorTerms[0].matchFields[0].key: Invalid value: "metadata.labels": not a valid field selector key`],
    },
    {
      name: 'matchFields supports only In and NotIn',
      before: withRequired([{ matchFields: [{ key: 'metadata.name', operator: 'Exists' }] }]),
      expected: [`${na}.nodeSelectorTerms[0].matchFields[0].operator: Invalid value: "Exists": not a valid selector operator`],
    },
    {
      name: 'matchFields needs exactly one value',
      before: withRequired([{ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['a', 'b'] }] }]),
      expected: [
        `${na}.nodeSelectorTerms[0].matchFields[0].values: Required value: must be only one value when \`operator\` is 'In' or 'NotIn' for node field selector`,
      ],
    },
    {
      name: 'matchFields values must be node names',
      before: withRequired([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['Node_1'] }] }]),
      expected: [`${na}.nodeSelectorTerms[0].matchFields[0].values[0]: Invalid value: "Node_1": ${SUBDOMAIN_MSG}`],
    },
    {
      name: 'pod affinity needs a topology key',
      before: (ds) => (podSpec(ds).affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: '' }] } }),
      expected: [
        `${t}.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty`,
        `${t}.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: "": name part must be non-empty`,
        `${t}.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: "": ${NAME_PART_MSG}`,
      ],
    },
    // nodeSelector
    { name: 'nodeSelector keys must be qualified names', before: (ds) => (podSpec(ds).nodeSelector = { [BAD_KEY]: 'x' }), expected: [`${t}.nodeSelector: Invalid value: "${BAD_KEY}": ${NAME_PART_MSG}`] },
    {
      name: 'nodeSelector prefix must be a subdomain',
      before: (ds) => (podSpec(ds).nodeSelector = { 'Example.com/os': 'linux' }),
      expected: [`${t}.nodeSelector: Invalid value: "Example.com/os": prefix part ${SUBDOMAIN_MSG}`],
    },
    // tolerations
    { name: 'empty key with Exists tolerates everything', before: withTolerations([{ operator: 'Exists' }]), expected: [] },
    {
      name: 'empty key requires Exists',
      before: withTolerations([{ operator: 'Equal', effect: 'NoSchedule' }]),
      expected: [`${t}.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when \`key\` is empty, which means "match all values and all keys"`],
    },
    {
      name: 'empty key and no operator',
      before: withTolerations([{ effect: 'NoSchedule' }]),
      expected: [`${t}.tolerations[0].operator: Invalid value: "": operator must be Exists when \`key\` is empty, which means "match all values and all keys"`],
    },
    {
      name: 'tolerationSeconds requires NoExecute',
      before: withTolerations([{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 60 }]),
      expected: [`${t}.tolerations[0].effect: Invalid value: "NoSchedule": effect must be 'NoExecute' when \`tolerationSeconds\` is set`],
    },
    { name: 'tolerationSeconds with NoExecute', before: withTolerations([{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }]), expected: [] },
    {
      name: 'Exists forbids a value',
      // ValidateTolerations passes the whole toleration as the bad value.
      before: withTolerations([{ key: 'k', operator: 'Exists', value: 'bar', effect: 'NoExecute', tolerationSeconds: 5 }]),
      expected: [
        `${t}.tolerations[0].operator: Invalid value: {"Key":"k","Operator":"Exists","Value":"bar","Effect":"NoExecute","TolerationSeconds":5}: value must be empty when \`operator\` is 'Exists'`,
      ],
    },
    {
      name: 'Equal value must be a label value (reported under operator)',
      before: withTolerations([{ key: 'k', value: 'a b' }]),
      expected: [`${t}.tolerations[0].operator: Invalid value: "a b": ${LABEL_VALUE_MSG}`],
    },
    {
      name: 'unknown toleration operator',
      before: withTolerations([{ key: 'k', operator: 'In', value: 'v' }]),
      expected: [`${t}.tolerations[0].operator: Unsupported value: "In": supported values: "Equal", "Exists"`],
    },
    {
      name: 'unknown effect',
      before: withTolerations([{ key: 'k', operator: 'Exists', effect: 'NoAdmit' }]),
      expected: [`${t}.tolerations[0].effect: Unsupported value: "NoAdmit": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"`],
    },
    { name: 'toleration key must be a qualified name', before: withTolerations([{ key: 'a/b/c', operator: 'Exists' }]), expected: [
      `${t}.tolerations[0].key: Invalid value: "a/b/c": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ] },
    // containers
    { name: 'containers required', before: (ds) => (podSpec(ds).containers = []), expected: [`${t}.containers: Required value`] },
    { name: 'container name is a DNS-1123 label', before: (ds) => (podSpec(ds).containers[0]!.name = 'Web_1'), expected: [`${t}.containers[0].name: Invalid value: "Web_1": ${DNS_LABEL_MSG}`] },
    { name: 'container name required', before: (ds) => (podSpec(ds).containers[0]!.name = ''), expected: [`${t}.containers[0].name: Required value`] },
    {
      name: 'container names unique',
      before: (ds) => podSpec(ds).containers.push({ name: 'ctr', image: 'other:1' }),
      expected: [`${t}.containers[1].name: Duplicate value: "ctr"`],
    },
    {
      name: 'init container names unique across regular containers',
      before: (ds) => (podSpec(ds).initContainers = [{ name: 'ctr', image: 'init:1' }]),
      expected: [`${t}.initContainers[0].name: Duplicate value: "ctr"`],
    },
    { name: 'image required', before: (ds) => delete podSpec(ds).containers[0]!.image, expected: [`${t}.containers[0].image: Required value`] },
    {
      name: 'resource quantities may not be negative (ValidateNonnegativeQuantity)',
      before: (ds) => (podSpec(ds).containers[0]!.resources = { limits: { cpu: '-1', memory: '128Mi' }, requests: { memory: '-1Gi' } }),
      expected: [
        `${t}.containers[0].resources.limits[cpu]: Invalid value: "-1": must be greater than or equal to 0`,
        `${t}.containers[0].resources.requests[memory]: Invalid value: "-1Gi": must be greater than or equal to 0`,
      ],
    },
    {
      name: 'a request may not exceed its limit',
      before: (ds) => (podSpec(ds).containers[0]!.resources = { limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: '1', memory: '1024Mi' } }),
      expected: [`${t}.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m`],
    },
    {
      name: 'a resource name must be a standard one for containers, or an extended resource',
      before: (ds) => (podSpec(ds).containers[0]!.resources = { limits: { gpu: '1', 'example.com/a_b': '1', 'kubernetes.io/gpu': '1' } }),
      expected: [
        `${t}.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified`,
        `${t}.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers`,
      ],
    },
    {
      name: 'an extended resource is counted in whole units',
      before: (ds) => (podSpec(ds).containers[0]!.resources = { limits: { 'nvidia.com/gpu': '500m' }, requests: { 'nvidia.com/gpu': '500m' } }),
      expected: [
        `${t}.containers[0].resources.limits[nvidia.com/gpu]: Invalid value: "500m": must be an integer`,
        `${t}.containers[0].resources.requests[nvidia.com/gpu]: Invalid value: "500m": must be an integer`,
      ],
    },
    {
      name: 'an extended resource cannot be overcommitted: its request equals its limit',
      before: (ds) => (podSpec(ds).containers[0]!.resources = { limits: { 'nvidia.com/gpu': '2' }, requests: { 'nvidia.com/gpu': '1' } }),
      expected: [`${t}.containers[0].resources.requests: Invalid value: "1": must be equal to nvidia.com/gpu limit of 2`],
    },
    {
      name: 'an extended resource requested without a limit',
      before: (ds) => (podSpec(ds).containers[0]!.resources = { requests: { 'nvidia.com/gpu': '1' } }),
      expected: [`${t}.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources`],
    },
    {
      name: 'an extended resource only limited is fine (the request defaults to the limit)',
      before: (ds) => (podSpec(ds).containers[0]!.resources = { limits: { 'nvidia.com/gpu': '1' } }),
      expected: [],
    },
    {
      name: 'hugepages need a cpu or memory limit',
      before: (ds) => (podSpec(ds).containers[0]!.resources = { limits: { 'hugepages-2Mi': '64Mi' }, requests: { 'hugepages-2Mi': '64Mi' } }),
      expected: [`${t}.containers[0].resources.limits: Forbidden: HugePages require cpu or memory`],
    },
    {
      name: 'imagePullPolicy must be known',
      before: (ds) => (podSpec(ds).containers[0]!.imagePullPolicy = 'Sometimes'),
      expected: [`${t}.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"`],
    },
    {
      name: 'port protocol must be known',
      before: (ds) => (podSpec(ds).containers[0]!.ports = [{ containerPort: 80, protocol: 'HTTP' }]),
      expected: [`${t}.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"`],
    },
    {
      name: 'container port range',
      before: (ds) => (podSpec(ds).containers[0]!.ports = [{ containerPort: 70000 }]),
      expected: [`${t}.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive`],
    },
    {
      name: 'host port conflicts',
      before: (ds) => {
        podSpec(ds).containers[0]!.ports = [{ containerPort: 80, hostPort: 8080 }];
        podSpec(ds).containers.push({ name: 'side', image: 's:1', ports: [{ containerPort: 81, hostPort: 8080 }] });
      },
      expected: [`${t}.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"`],
    },
    {
      name: 'hostNetwork template ports must match when set',
      before: (ds) => {
        podSpec(ds).hostNetwork = true;
        podSpec(ds).containers[0]!.ports = [{ containerPort: 80, hostPort: 81 }];
      },
      expected: [`${t}.containers[0].ports[0].hostPort: Invalid value: 81: must match \`containerPort\` when \`hostNetwork\` is true`],
    },
    {
      name: 'volume mounts must name a volume',
      before: (ds) => (podSpec(ds).containers[0]!.volumeMounts = [{ name: 'data', mountPath: '/data' }]),
      expected: [`${t}.containers[0].volumeMounts[0].name: Not found: "data"`],
    },
    {
      name: 'volumes: names unique, one source',
      before: (ds) => {
        podSpec(ds).volumes = [
          { name: 'v', hostPath: { path: '/var/log' } },
          { name: 'v', emptyDir: {} },
          { name: 'w', emptyDir: {}, hostPath: { path: '/x' } },
        ];
      },
      expected: [`${t}.volumes[1].name: Duplicate value: "v"`, `${t}.volumes[2].hostPath: Forbidden: may not specify more than 1 volume type`],
    },
    {
      name: 'probe handlers and thresholds',
      before: (ds) => (podSpec(ds).containers[0]!.livenessProbe = { successThreshold: 2 }),
      expected: [
        `${t}.containers[0].livenessProbe: Required value: must specify a handler type`,
        `${t}.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1`,
      ],
    },
    {
      name: 'regular containers may not set restartPolicy',
      before: (ds) => (podSpec(ds).containers[0]!.restartPolicy = 'Always'),
      expected: [`${t}.containers[0].restartPolicy: Forbidden: may not be set for non-init containers`],
    },
    {
      name: 'dnsPolicy must be known',
      before: (ds) => (podSpec(ds).dnsPolicy = 'Cluster'),
      expected: [`${t}.dnsPolicy: Unsupported value: "Cluster": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"`],
    },
    { name: 'system priority class names are valid', before: (ds) => (podSpec(ds).priorityClassName = 'system-node-critical'), expected: [] },
  ];
  it.each(cases)('$name', ({ before, expected }) => {
    expect(dsErrors(before)).toEqual(expected);
  });
});

describe('validateRollingUpdateDaemonSet', () => {
  // mirrors TestDaemonSetUpdateMaxSurge in pkg/apis/apps/validation/validation_test.go (the brief's
  // TestValidateRollingUpdateDaemonSet); unset fields are the internal type's zero value.
  const cases: Array<{ name: string; ru: { maxUnavailable?: number | string; maxSurge?: number | string }; expectError: boolean }> = [
    { name: 'invalid: unset', ru: {}, expectError: true },
    { name: 'invalid: zero percent', ru: { maxUnavailable: '0%' }, expectError: true },
    { name: 'invalid: zero', ru: { maxUnavailable: 0 }, expectError: true },
    { name: 'valid: one', ru: { maxUnavailable: 1 }, expectError: false },
    { name: 'valid: one percent', ru: { maxUnavailable: '1%' }, expectError: false },
    { name: 'valid: 100%', ru: { maxUnavailable: '100%' }, expectError: false },
    { name: 'invalid: greater than 100%', ru: { maxUnavailable: '101%' }, expectError: true },
    { name: 'valid: surge and unavailable set', ru: { maxUnavailable: '1%', maxSurge: '1%' }, expectError: true },
    { name: 'invalid: surge enabled, unavailable zero percent', ru: { maxUnavailable: '0%' }, expectError: true },
    { name: 'invalid: surge enabled, unavailable zero', ru: { maxUnavailable: 0 }, expectError: true },
    { name: 'valid: surge enabled, unavailable one', ru: { maxUnavailable: 1 }, expectError: false },
    { name: 'valid: surge enabled, unavailable one percent', ru: { maxUnavailable: '1%' }, expectError: false },
    { name: 'valid: surge enabled, unavailable 100%', ru: { maxUnavailable: '100%' }, expectError: false },
    { name: 'invalid: surge enabled, unavailable greater than 100%', ru: { maxUnavailable: '101%' }, expectError: true },
    { name: 'invalid: surge enabled, surge zero percent', ru: { maxSurge: '0%' }, expectError: true },
    { name: 'invalid: surge enabled, surge zero', ru: { maxSurge: 0 }, expectError: true },
    { name: 'valid: surge enabled, surge one', ru: { maxSurge: 1 }, expectError: false },
    { name: 'valid: surge enabled, surge one percent', ru: { maxSurge: '1%' }, expectError: false },
    { name: 'valid: surge enabled, surge 100%', ru: { maxSurge: '100%' }, expectError: false },
    { name: 'invalid: surge enabled, surge greater than 100%', ru: { maxSurge: '101%' }, expectError: true },
    { name: 'invalid: surge enabled, surge and unavailable set', ru: { maxUnavailable: '1%', maxSurge: '1%' }, expectError: true },
    { name: 'invalid: surge enabled, surge and unavailable zero percent', ru: { maxUnavailable: '0%', maxSurge: '0%' }, expectError: true },
    { name: 'invalid: surge enabled, surge and unavailable zero', ru: { maxUnavailable: 0, maxSurge: 0 }, expectError: true },
    { name: 'invalid: surge enabled, surge and unavailable mixed zero', ru: { maxUnavailable: 0, maxSurge: '0%' }, expectError: true },
  ];
  it.each(cases)('$name', ({ ru, expectError }) => {
    const errs = validateRollingUpdateDaemonSet(ru, 'spec.updateStrategy.rollingUpdate');
    expect(errs.length > 0).toBe(expectError);
  });
});

describe('validateDaemonSetUpdate', () => {
  // mirrors TestValidateDaemonSetUpdate in pkg/apis/apps/validation/validation_test.go. The template
  // generation lives in the apps/v1 annotation. Unlike ValidateDaemonSetUpdate alone, this is the
  // strategy's ValidateUpdate, so a changed selector is also reported as immutable.
  const stored = (tg: number, edit: Edit = () => {}): DaemonSet => {
    const raw = manifest();
    raw.spec!.updateStrategy = { type: 'OnDelete' };
    edit(raw);
    const ds = defaultDaemonSet(raw);
    ds.metadata!.annotations = { [TEMPLATE_GENERATION_ANNOTATION]: String(tg) };
    return ds;
  };
  const abc2: Edit = (ds) => {
    ds.spec!.selector = { matchLabels: { c: 'd' } };
    ds.spec!.template.metadata!.labels = { c: 'd' };
  };
  const def: Edit = (ds) => {
    abc2(ds);
    podSpec(ds).containers[0]!.name = 'def';
  };
  const immutable = 'spec.selector: Invalid value: {"matchLabels":{"c":"d"}}: field is immutable';

  const cases: Array<{ name: string; old: DaemonSet; next: DaemonSet; expected: string[] }> = [
    { name: 'no change', old: stored(1), next: stored(1), expected: [] },
    { name: 'change template and selector', old: stored(2), next: stored(3, abc2), expected: [immutable] },
    {
      name: 'change template',
      old: stored(3),
      next: stored(4, (ds) => {
        podSpec(ds).nodeSelector = { a: 'b' };
        podSpec(ds).nodeName = 'xyz';
      }),
      expected: [],
    },
    { name: 'change container image name', old: stored(1), next: stored(2, def), expected: [immutable] },
    {
      name: 'change update strategy',
      old: stored(4),
      next: stored(4, (ds) => (ds.spec!.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } })),
      expected: [],
    },
    {
      name: 'unchanged templateGeneration upon semantically equal template update',
      old: stored(4),
      next: stored(4, (ds) => (podSpec(ds).imagePullSecrets = [])),
      expected: [],
    },
    {
      name: 'Read-write volume verification',
      old: stored(1),
      next: stored(2, (ds) => (podSpec(ds).volumes = [{ name: 'gcepd', gcePersistentDisk: { pdName: 'my-PD', fsType: 'ext4', partition: 1 } }])),
      expected: [],
    },
    {
      name: 'change daemon name',
      old: { ...stored(1), metadata: { ...stored(1).metadata, name: '' } },
      next: stored(1),
      expected: ['metadata.name: Invalid value: "abc": field is immutable'],
    },
    {
      name: 'invalid selector',
      old: stored(1),
      next: stored(1, (ds) => (ds.spec!.selector = { matchLabels: { [BAD_KEY]: 'b' } })),
      expected: [
        `spec.selector.matchLabels: Invalid value: "${BAD_KEY}": ${NAME_PART_MSG}`,
        `spec.selector: Invalid value: {"matchLabels":{"${BAD_KEY}":"b"}}: field is immutable`,
      ],
    },
    { name: 'invalid pod', old: stored(1), next: stored(2, (ds) => (podSpec(ds).containers = [])), expected: ['spec.template.spec.containers: Required value'] },
    {
      name: 'invalid update strategy',
      old: stored(1),
      next: stored(1, (ds) => (ds.spec!.updateStrategy = { type: 'Random' })),
      expected: ['spec.updateStrategy: Unsupported value: {"Type":"Random","RollingUpdate":null}: supported values: "RollingUpdate", "OnDelete"'],
    },
    { name: 'negative templateGeneration', old: stored(-1), next: stored(-1), expected: ['spec.templateGeneration: Invalid value: -1: must be greater than or equal to 0'] },
    { name: 'decreased templateGeneration', old: stored(2), next: stored(1), expected: ['spec.templateGeneration: Invalid value: 1: must not be decremented'] },
    {
      name: 'unchanged templateGeneration upon template update',
      old: stored(2),
      next: stored(2, abc2),
      expected: ['spec.templateGeneration: Invalid value: 2: must be incremented upon template update', immutable],
    },
    {
      name: 'incremented templateGeneration without template update',
      old: stored(2),
      next: stored(3),
      expected: ['spec.templateGeneration: Invalid value: 3: must not be incremented without template update'],
    },
  ];
  it.each(cases)('$name', ({ old, next, expected }) => {
    expect(validateDaemonSetUpdate(next, old).map(formatFieldError)).toEqual(expected);
  });

  // mirrors TestSelectorImmutability in pkg/registry/apps/daemonset/strategy_test.go (apps/v1 case)
  it('selector is immutable over apps/v1, after the strategy has prepared the update', () => {
    const old = applyDaemonSetUpdate(undefined, manifest());
    const next = manifest();
    abc2(next);
    const prepared = applyDaemonSetUpdate(old, next);
    expect(validateDaemonSetUpdate(prepared, old).map(formatFieldError)).toEqual([immutable]);
  });

  it('a prepared template update passes', () => {
    const old = applyDaemonSetUpdate(undefined, manifest());
    const next = manifest();
    podSpec(next).containers[0]!.image = 'image:2';
    expect(validateDaemonSetUpdate(applyDaemonSetUpdate(old, next), old)).toEqual([]);
  });
});

describe('validateObjectMeta', () => {
  const cases: Array<{ name: string; meta: object; namespaced: boolean; expected: string[] }> = [
    { name: 'generateName prefix may end with a dash', meta: { generateName: 'fluentd-', name: 'fluentd-x7k2b', namespace: 'ns' }, namespaced: true, expected: [] },
    {
      name: 'bad generateName',
      meta: { generateName: 'Fluentd-', name: 'fluentd-x7k2b', namespace: 'ns' },
      namespaced: true,
      expected: [`metadata.generateName: Invalid value: "Fluentd-": ${SUBDOMAIN_MSG}`],
    },
    { name: 'cluster-scoped objects take no namespace', meta: { name: 'n', namespace: 'ns' }, namespaced: false, expected: ['metadata.namespace: Forbidden: not allowed on this type'] },
    {
      name: 'label values',
      meta: { name: 'n', labels: { ok: '', long: 'x'.repeat(64) } },
      namespaced: false,
      expected: [`metadata.labels: Invalid value: "${'x'.repeat(64)}": must be no more than 63 bytes`],
    },
    { name: 'annotation keys ignore case', meta: { name: 'n', annotations: { 'Example.com/Key': 'v' } }, namespaced: false, expected: [] },
    {
      name: 'annotations at most 256 KiB',
      meta: { name: 'n', annotations: { big: 'x'.repeat(256 * 1024) } },
      namespaced: false,
      expected: ['metadata.annotations: Too long: may not be more than 262144 bytes'],
    },
    {
      name: 'one controller owner',
      meta: {
        name: 'n',
        ownerReferences: [
          { uid: '1', controller: true, name: 'a', kind: 'DaemonSet', apiVersion: 'apps/v1' },
          { controller: true, apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'b', uid: '2' },
        ],
      },
      namespaced: false,
      expected: [
        'metadata.ownerReferences: Invalid value: [{"apiVersion":"apps/v1","kind":"DaemonSet","name":"a","uid":"1","controller":true},{"apiVersion":"apps/v1","kind":"DaemonSet","name":"b","uid":"2","controller":true}]: Only one reference can have Controller set to true. Found "true" in references for DaemonSet/a and DaemonSet/b',
      ],
    },
    {
      name: 'finalizers must be standard or qualified',
      meta: { name: 'n', finalizers: ['kubernetes', 'example.com/cleanup', 'cleanup'] },
      namespaced: false,
      expected: ['metadata.finalizers[2]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified'],
    },
  ];
  it.each(cases)('$name', ({ meta, namespaced, expected }) => {
    expect(validateObjectMeta(meta, namespaced).map(formatFieldError)).toEqual(expected);
  });
});

describe('validatePod', () => {
  const pod = (edit: (p: Pod) => void = () => {}): Pod => {
    const p: Pod = { metadata: { name: 'fluentd-x7k2b', namespace: 'kube-system' }, spec: { containers: [{ name: 'fluentd', image: 'fluentd:1' }] } };
    edit(p);
    return defaultPod(p);
  };
  const cases: Array<{ name: string; pod: Pod; expected: string[] }> = [
    { name: 'valid', pod: pod(), expected: [] },
    { name: 'pods may use OnFailure', pod: pod((p) => (p.spec!.restartPolicy = 'OnFailure')), expected: [] },
    { name: 'namespace required', pod: pod((p) => delete p.metadata!.namespace), expected: ['metadata.namespace: Required value'] },
    { name: 'name is a subdomain', pod: pod((p) => (p.metadata!.name = 'Fluentd')), expected: [`metadata.name: Invalid value: "Fluentd": ${SUBDOMAIN_MSG}`] },
    { name: 'containers required', pod: pod((p) => (p.spec!.containers = [])), expected: ['spec.containers: Required value'] },
    {
      name: 'restartPolicy must be known',
      pod: pod((p) => (p.spec!.restartPolicy = 'Sometimes')),
      expected: ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
    },
    {
      name: 'images may not have surrounding spaces',
      pod: pod((p) => (p.spec!.containers[0]!.image = ' fluentd ')),
      expected: ['spec.containers[0].image: Invalid value: " fluentd ": must not have leading or trailing whitespace'],
    },
    {
      name: 'no ephemeral containers on create',
      pod: pod((p) => (p.spec!.ephemeralContainers = [{ name: 'debug', image: 'busybox:1' }])),
      expected: ['spec.ephemeralContainers: Forbidden: cannot be set on create'],
    },
    { name: 'hostNetwork pods get host ports defaulted', pod: pod((p) => {
      p.spec!.hostNetwork = true;
      p.spec!.containers[0]!.ports = [{ containerPort: 24224 }];
    }), expected: [] },
    {
      name: 'nodeName must be a node name',
      pod: pod((p) => (p.spec!.nodeName = 'Node_1')),
      expected: [`spec.nodeName: Invalid value: "Node_1": ${SUBDOMAIN_MSG}`],
    },
    {
      name: 'the tolerations a DaemonSet pod gets are valid',
      pod: pod((p) => {
        p.spec!.tolerations = [
          { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
          { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
          { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
        ];
        p.spec!.affinity = {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] }],
            },
          },
        };
      }),
      expected: [],
    },
  ];
  it.each(cases)('$name', ({ pod: p, expected }) => {
    expect(validatePod(p).map(formatFieldError)).toEqual(expected);
  });
});

describe('validateNode', () => {
  const node = (taints?: Taint[]): Node => ({
    metadata: { name: 'node-1', labels: { 'kubernetes.io/hostname': 'node-1' } },
    spec: { taints },
  });
  const cases: Array<{ name: string; node: Node; expected: string[] }> = [
    { name: 'valid', node: node([{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]), expected: [] },
    { name: 'name is a subdomain', node: { metadata: { name: 'Node_1' } }, expected: [`metadata.name: Invalid value: "Node_1": ${SUBDOMAIN_MSG}`] },
    { name: 'no namespace', node: { metadata: { name: 'n', namespace: 'default' } }, expected: ['metadata.namespace: Forbidden: not allowed on this type'] },
    { name: 'taint effect required', node: node([{ key: 'k', effect: '' }]), expected: ['metadata.taints[0].effect: Required value'] },
    {
      name: 'taint effect must be known',
      node: node([{ key: 'k', effect: 'NoAdmit' }]),
      expected: ['metadata.taints[0].effect: Unsupported value: "NoAdmit": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"'],
    },
    {
      name: 'taint key and value',
      node: node([{ key: BAD_KEY, value: 'a b', effect: 'NoSchedule' }]),
      expected: [`metadata.taints[0].key: Invalid value: "${BAD_KEY}": ${NAME_PART_MSG}`, `metadata.taints[0].value: Invalid value: "a b": ${LABEL_VALUE_MSG}`],
    },
    {
      name: 'capacity and allocatable: no negative quantity, whole pods and extended resources',
      node: { metadata: { name: 'n' }, status: { capacity: { cpu: '-1', pods: '110', 'nvidia.com/gpu': '1500m' }, allocatable: { pods: '1.5', memory: '1Gi' } } },
      expected: [
        'status.capacity.cpu: Invalid value: "-1": must be greater than or equal to 0',
        'status.capacity.nvidia.com/gpu: Invalid value: "1500m": must be an integer',
        'status.allocatable.pods: Invalid value: "1.5": must be an integer',
      ],
    },
    {
      name: 'taints unique by key and effect',
      node: node([
        { key: 'k', value: 'a', effect: 'NoSchedule' },
        { key: 'k', value: 'b', effect: 'NoExecute' },
        { key: 'k', value: 'c', effect: 'NoSchedule' },
      ]),
      expected: ['metadata.taints[2]: Duplicate value: {"Key":"k","Value":"c","Effect":"NoSchedule","TimeAdded":null}: taints must be unique by key and effect pair'],
    },
  ];
  it.each(cases)('$name', ({ node: n, expected }) => {
    expect(validateNode(n).map(formatFieldError)).toEqual(expected);
  });
});

describe('validateNamespace', () => {
  const cases: Array<{ name: string; ns: Namespace; expected: string[] }> = [
    { name: 'valid', ns: { metadata: { name: 'kube-system' }, spec: { finalizers: ['kubernetes'] } }, expected: [] },
    { name: 'name is a DNS-1123 label', ns: { metadata: { name: 'Team_A' } }, expected: [`metadata.name: Invalid value: "Team_A": ${DNS_LABEL_MSG}`] },
    { name: 'no dots', ns: { metadata: { name: 'team.a' } }, expected: ['metadata.name: Invalid value: "team.a": must not contain dots'] },
    { name: 'name required', ns: { metadata: {} }, expected: ['metadata.name: Required value: name or generateName is required'] },
    {
      name: 'finalizers',
      ns: { metadata: { name: 'a' }, spec: { finalizers: ['cleanup'] } },
      expected: ['spec.finalizers: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified'],
    },
  ];
  it.each(cases)('$name', ({ ns, expected }) => {
    expect(validateNamespace(ns).map(formatFieldError)).toEqual(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { decodeObject, decodeWith, withoutNulls, type DecodedKind } from './decode.ts';

const ds = (podSpec: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'd', namespace: 'default', labels: { app: 'd' } },
  spec: {
    selector: { matchLabels: { app: 'd' } },
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%', maxSurge: 0 } },
    template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c', image: 'i' }], ...podSpec } },
    ...extra,
  },
});

// The messages are the API server's (encoding/json's UnmarshalTypeError, the custom unmarshallers
// of Quantity, IntOrString and Time, and strict decoding's unknown fields).
describe('decodeObject, as the API server decodes', () => {
  const cases: { name: string; kind?: DecodedKind; object: unknown; message?: string; path?: (string | number)[] }[] = [
    { name: 'a valid DaemonSet', object: ds({ nodeSelector: { a: 'b' }, hostNetwork: true, terminationGracePeriodSeconds: 30 }) },
    { name: 'nulls are ignored', object: ds({ nodeSelector: null, tolerations: [{ key: null, operator: 'Exists' }] }) },
    {
      name: 'a boolean in a map of strings',
      object: ds({ nodeSelector: { gpu: true } }),
      message: 'json: cannot unmarshal bool into Go struct field PodSpec.spec.template.spec.nodeSelector of type string',
      path: ['spec', 'template', 'spec', 'nodeSelector', 'gpu'],
    },
    {
      name: 'a number as a label value',
      object: { ...ds({}), metadata: { name: 'd', labels: { version: 1.4 } } },
      message: 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
      path: ['metadata', 'labels', 'version'],
    },
    {
      name: 'a number as a toleration value, inside a list',
      object: ds({ tolerations: [{ operator: 'Exists' }, { key: 'a', operator: 'Equal', value: 1 }] }),
      message: 'json: cannot unmarshal number into Go struct field Toleration.spec.template.spec.tolerations.value of type string',
      path: ['spec', 'template', 'spec', 'tolerations', 1, 'value'],
    },
    {
      name: 'a string as a boolean',
      object: ds({ hostNetwork: 'yes' }),
      message: 'json: cannot unmarshal string into Go struct field PodSpec.spec.template.spec.hostNetwork of type bool',
    },
    {
      name: 'a string as an int32',
      object: ds({ containers: [{ name: 'c', image: 'i', ports: [{ containerPort: '80' }] }] }),
      message: 'json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32',
      path: ['spec', 'template', 'spec', 'containers', 0, 'ports', 0, 'containerPort'],
    },
    {
      name: 'a fraction as an int64',
      object: ds({ terminationGracePeriodSeconds: 1.5 }),
      message: 'json: cannot unmarshal number 1.5 into Go struct field PodSpec.spec.template.spec.terminationGracePeriodSeconds of type int64',
    },
    {
      name: 'an int32 out of range',
      object: ds({}, { minReadySeconds: 3_000_000_000 }),
      message: 'json: cannot unmarshal number 3000000000 into Go struct field DaemonSetSpec.spec.minReadySeconds of type int32',
    },
    {
      name: 'a map where a list belongs',
      object: ds({ containers: { name: 'c', image: 'i' } }),
      message: 'json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container',
    },
    { name: 'a string where a struct belongs', object: { apiVersion: 'apps/v1', kind: 'DaemonSet', spec: 'x' }, message: 'json: cannot unmarshal string into Go struct field DaemonSet.spec of type v1.DaemonSetSpec' },
    {
      name: 'a number in a list of strings',
      object: ds({ containers: [{ name: 'c', image: 'i', args: ['--port', 9100] }] }),
      message: 'json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.args of type string',
    },
    {
      name: "a downward API divisor is a Quantity: a number will do",
      object: ds({ containers: [{ name: 'c', image: 'i', env: [{ name: 'N', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: 1 } } }] }] }),
    },
    { name: 'quantities: numbers and strings', object: ds({ containers: [{ name: 'c', image: 'i', resources: { limits: { cpu: 1, memory: '128Mi' } } }] }) },
    {
      name: 'a quantity that is not one',
      object: ds({ containers: [{ name: 'c', image: 'i', resources: { requests: { cpu: true } } }] }),
      message: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
      path: ['spec', 'template', 'spec', 'containers', 0, 'resources', 'requests', 'cpu'],
    },
    {
      name: 'int-or-string: a boolean',
      object: ds({}, { updateStrategy: { rollingUpdate: { maxUnavailable: false } } }),
      message: 'json: cannot unmarshal bool into Go struct field RollingUpdateDaemonSet.spec.updateStrategy.rollingUpdate.maxUnavailable of type int32',
    },
    {
      name: 'int-or-string: a fraction',
      object: ds({}, { updateStrategy: { rollingUpdate: { maxUnavailable: 0.5 } } }),
      message: 'json: cannot unmarshal number 0.5 into Go struct field RollingUpdateDaemonSet.spec.updateStrategy.rollingUpdate.maxUnavailable of type int32',
    },
    {
      name: 'a time that is not a string',
      kind: 'Node',
      object: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n', creationTimestamp: 5 } },
      message: 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string',
    },
    {
      name: 'unknown fields, all of them, with list indexes',
      object: { ...ds({ toleration: [], containers: [{ name: 'c', image: 'i', imagePullPolicyy: 'Always' }] }), extra: 1 },
      message: 'strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolicyy", unknown field "spec.template.spec.toleration", unknown field "extra"',
      path: ['spec', 'template', 'spec', 'containers', 0, 'imagePullPolicyy'],
    },
    {
      name: 'a type mismatch is reported before unknown fields',
      object: ds({ foo: 1, hostPID: 'no' }),
      message: 'json: cannot unmarshal string into Go struct field PodSpec.spec.template.spec.hostPID of type bool',
    },
    {
      name: "a node as kubectl get -o yaml prints it",
      kind: 'Node',
      object: {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: 'n', creationTimestamp: '2024-01-01T00:00:00Z', managedFields: [{ fieldsV1: { 'f:metadata': {} }, manager: 'kubelet' }] },
        spec: { podCIDR: '10.0.0.0/24', taints: [{ key: 'k', effect: 'NoSchedule' }] },
        status: { capacity: { cpu: '4', pods: '110' }, allocatable: { memory: '8Gi' }, images: [{ names: ['a'], sizeBytes: 123 }], nodeInfo: { kubeletVersion: 'v1.31.0' } },
      },
    },
    { name: 'a pod with a numeric name', kind: 'Pod', object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 12 } }, message: 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string' },
    { name: 'a namespace with a misspelt field', kind: 'Namespace', object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x', label: {} } }, message: 'strict decoding error: unknown field "metadata.label"' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = decodeObject(c.kind ?? 'DaemonSet', c.object);
      if (c.message === undefined) expect(r).toBeUndefined();
      else {
        expect(r?.message).toBe(c.message);
        if (c.path !== undefined) expect(r?.path).toEqual(c.path);
      }
    });
  }
});

describe('withoutNulls: what Go holds after decoding a null', () => {
  it('drops null fields (nil pointers), makes a null value-struct its zero value and a null list element its type\'s zero', () => {
    const got = withoutNulls('DaemonSet', {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'd', labels: null, annotations: { a: null } },
      spec: {
        selector: null,
        template: { metadata: null, spec: { affinity: null, containers: [null, { name: 'c', image: 'i', args: ['x', null], env: null, livenessProbe: null, resources: null }] } },
        minReadySeconds: null,
      },
    });
    expect(got).toEqual({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'd', annotations: { a: '' } },
      spec: { template: { metadata: {}, spec: { containers: [{}, { name: 'c', image: 'i', args: ['x', ''], resources: {} }] } } },
    });
  });

  it('writes quantities as the API server returns them, in templates and node status alike', () => {
    const ds = withoutNulls('DaemonSet', {
      spec: {
        template: {
          spec: {
            containers: [{ name: 'c', resources: { requests: { cpu: 0.5, memory: '1.5Gi', 'ephemeral-storage': null }, limits: { cpu: '1000m', memory: 2048 } } }],
            volumes: [{ name: 'v', emptyDir: { sizeLimit: '1024Mi' } }],
          },
        },
      },
    });
    expect(ds.spec.template.spec.containers[0]!.resources).toEqual({
      requests: { cpu: '500m', memory: '1536Mi', 'ephemeral-storage': '0' },
      limits: { cpu: '1', memory: '2048' },
    });
    expect(ds.spec.template.spec.volumes[0]!.emptyDir).toEqual({ sizeLimit: '1Gi' });
    const node = withoutNulls('Node', { status: { capacity: { cpu: '4', memory: '16393244Ki', pods: 110 } } });
    expect(node.status.capacity).toEqual({ cpu: '4', memory: '16393244Ki', pods: '110' });
  });
});

describe('decodeWith: the API server\'s field validation (kubectl --validate)', () => {
  const typo = ds({ toleration: [], containers: [{ name: 'c', image: 'i', imagePort: 1 }] });
  it.each([
    ['Strict' as const, 'strict decoding error: unknown field "spec.template.spec.containers[0].imagePort", unknown field "spec.template.spec.toleration"', []],
    ['Warn' as const, undefined, ['unknown field "spec.template.spec.containers[0].imagePort"', 'unknown field "spec.template.spec.toleration"']],
    ['Ignore' as const, undefined, []],
  ])('%s', (mode, error, warnings) => {
    const r = decodeWith('DaemonSet', typo, mode);
    expect([r.error?.message, r.warnings]).toEqual([error, warnings]);
  });

  it('refuses a value of the wrong type whatever the mode, and drops unknown fields when asked', () => {
    expect(decodeWith('DaemonSet', ds({ nodeSelector: { gpu: true } }), 'Ignore').error?.message).toMatch(/^json: cannot unmarshal bool/);
    const kept = withoutNulls('DaemonSet', typo) as ReturnType<typeof ds>;
    const dropped = withoutNulls('DaemonSet', typo, true) as ReturnType<typeof ds>;
    expect([(kept.spec.template.spec as Record<string, unknown>)['toleration'], (dropped.spec.template.spec as Record<string, unknown>)['toleration']]).toEqual([[], undefined]);
    expect(decodeObject('DaemonSet', dropped)).toBeUndefined();
  });
});

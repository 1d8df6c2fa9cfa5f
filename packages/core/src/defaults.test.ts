import { describe, it, expect } from 'vitest';
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Container, Node, Pod, PodSpec, PodTemplateSpec, Toleration } from 'kubernetes-types/core/v1';
import {
  admitPod,
  applyDaemonSetUpdate,
  defaultDaemonSet,
  defaultNamespace,
  defaultNode,
  defaultPod,
  defaultPriorityClass,
  defaultDeployment,
  defaultSecret,
  imageTag,
  semanticallyEqual,
  templateGeneration,
  TEMPLATE_GENERATION_ANNOTATION,
  withDefaultTolerationSeconds,
} from './defaults.ts';

function deepFreeze<T>(o: T): T {
  if (o !== null && typeof o === 'object') {
    for (const v of Object.values(o as object)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

const fluentd = (): DaemonSet => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'fluentd', namespace: 'kube-system' },
  spec: {
    selector: { matchLabels: { name: 'fluentd' } },
    template: {
      metadata: { labels: { name: 'fluentd' } },
      spec: { containers: [{ name: 'fluentd', image: 'fluentd:v1.16' }] },
    },
  },
});

describe('defaultDaemonSet', () => {
  // mirrors TestSetDefaultDaemonSetSpec in pkg/apis/apps/v1/defaults_test.go (compares spec with Semantic.DeepEqual)
  const defaultPodSpec: PodSpec = {
    containers: [],
    dnsPolicy: 'ClusterFirst',
    restartPolicy: 'Always',
    securityContext: {},
    terminationGracePeriodSeconds: 30,
    schedulerName: 'default-scheduler',
  };
  const defaultTemplate: PodTemplateSpec = { metadata: { labels: { foo: 'bar' } }, spec: defaultPodSpec };
  const templateNoLabel: PodTemplateSpec = { spec: defaultPodSpec };
  const rolling = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } };
  const cases: Array<{ name: string; original: DaemonSet; expectedSpec: unknown }> = [
    {
      name: 'labels change/defaulting test',
      original: { spec: { selector: {}, template: defaultTemplate } },
      expectedSpec: { selector: {}, template: defaultTemplate, updateStrategy: rolling, revisionHistoryLimit: 10 },
    },
    {
      name: 'labels change/defaulting test, explicit revisionHistoryLimit',
      original: { metadata: { labels: { bar: 'foo' } }, spec: { selector: {}, template: defaultTemplate, revisionHistoryLimit: 1 } },
      expectedSpec: { selector: {}, template: defaultTemplate, updateStrategy: rolling, revisionHistoryLimit: 1 },
    },
    {
      name: 'OnDeleteDaemonSetStrategyType update strategy',
      original: { spec: { selector: {}, template: templateNoLabel, updateStrategy: { type: 'OnDelete' } } },
      expectedSpec: { selector: {}, template: templateNoLabel, updateStrategy: { type: 'OnDelete' }, revisionHistoryLimit: 10 },
    },
    {
      name: 'custom unique label key (empty spec)',
      original: { spec: {} as DaemonSet['spec'] },
      expectedSpec: { template: templateNoLabel, updateStrategy: rolling, revisionHistoryLimit: 10 },
    },
  ];
  it.each(cases)('$name', ({ original, expectedSpec }) => {
    const got = defaultDaemonSet(original);
    expect(semanticallyEqual(got.spec, expectedSpec)).toBe(true);
  });

  it('fills only the rolling-update field that is missing', () => {
    const ds = fluentd();
    ds.spec!.updateStrategy = { rollingUpdate: { maxSurge: 2 } };
    expect(defaultDaemonSet(ds).spec?.updateStrategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: 2, maxUnavailable: 1 },
    });
    ds.spec!.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } };
    expect(defaultDaemonSet(ds).spec?.updateStrategy?.rollingUpdate).toEqual({ maxUnavailable: '10%', maxSurge: 0 });
  });

  it('leaves an unknown strategy type alone (validation rejects it)', () => {
    const ds = fluentd();
    ds.spec!.updateStrategy = { type: 'Foo' };
    expect(defaultDaemonSet(ds).spec?.updateStrategy).toEqual({ type: 'Foo' });
  });

  it('produces the template kubectl get -o yaml shows', () => {
    const ds = fluentd();
    ds.spec!.template.spec!.containers[0]!.ports = [{ containerPort: 24224 }];
    ds.spec!.template.spec!.volumes = [{ name: 'varlog', hostPath: { path: '/var/log' } }];
    expect(defaultDaemonSet(ds).spec?.template.spec).toEqual({
      containers: [
        {
          name: 'fluentd',
          image: 'fluentd:v1.16',
          imagePullPolicy: 'IfNotPresent',
          ports: [{ containerPort: 24224, protocol: 'TCP' }],
          resources: {},
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
        },
      ],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
      volumes: [{ name: 'varlog', hostPath: { path: '/var/log', type: '' } }],
    });
  });

  it('never mutates its input and is idempotent', () => {
    const input = deepFreeze(fluentd());
    const once = defaultDaemonSet(input);
    expect(input).toEqual(fluentd());
    expect(defaultDaemonSet(once)).toEqual(once);
  });
});

describe('defaultDeployment', () => {
  it('fills in one replica, a 25% rolling update, the history and deadline, the template and an empty status', () => {
    const d = defaultDeployment({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { spec: { containers: [{ name: 'c', image: 'x' }] } } } });
    expect(d.spec).toMatchObject({
      replicas: 1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: { spec: { restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', containers: [{ name: 'c', imagePullPolicy: 'Always' }] } },
    });
    expect(d.status).toEqual({});
    expect(defaultDeployment(d)).toEqual(d);
  });

  it('keeps what is given, and Recreate gets no rollingUpdate', () => {
    const d = defaultDeployment({ spec: { replicas: 0, strategy: { type: 'Recreate' }, selector: {}, template: {} } });
    expect(d.spec!.replicas).toBe(0);
    expect(d.spec!.strategy).toEqual({ type: 'Recreate' });
  });
});

describe('container defaults', () => {
  // mirrors SetDefaults_Container in pkg/apis/core/v1/defaults.go (tag from parsers.ParseImageName)
  const pullPolicyCases: Array<{ image: string; tag: string; policy: string }> = [
    { image: 'nginx', tag: 'latest', policy: 'Always' },
    { image: 'nginx:latest', tag: 'latest', policy: 'Always' },
    { image: 'nginx:1.25', tag: '1.25', policy: 'IfNotPresent' },
    { image: 'docker.io/library/nginx', tag: 'latest', policy: 'Always' },
    { image: 'registry.k8s.io/pause:3.9', tag: '3.9', policy: 'IfNotPresent' },
    { image: 'localhost:5000/fluentd', tag: 'latest', policy: 'Always' },
    { image: 'localhost:5000/fluentd:v1', tag: 'v1', policy: 'IfNotPresent' },
    { image: `nginx@sha256:${'a'.repeat(64)}`, tag: '', policy: 'IfNotPresent' },
    { image: `nginx:latest@sha256:${'a'.repeat(64)}`, tag: 'latest', policy: 'Always' },
    { image: 'Nginx', tag: '', policy: 'IfNotPresent' },
    { image: '', tag: '', policy: 'IfNotPresent' },
  ];
  it.each(pullPolicyCases)('image $image → $policy', ({ image, tag, policy }) => {
    expect(imageTag(image)).toBe(tag);
    const ds = fluentd();
    ds.spec!.template.spec!.containers[0]!.image = image;
    expect(defaultDaemonSet(ds).spec?.template.spec?.containers[0]?.imagePullPolicy).toBe(policy);
  });

  it('keeps an explicit pull policy and message policy', () => {
    const ds = fluentd();
    const c = ds.spec!.template.spec!.containers[0]!;
    c.image = 'nginx';
    c.imagePullPolicy = 'Never';
    c.terminationMessagePolicy = 'FallbackToLogsOnError';
    const got = defaultDaemonSet(ds).spec?.template.spec?.containers[0];
    expect(got?.imagePullPolicy).toBe('Never');
    expect(got?.terminationMessagePolicy).toBe('FallbackToLogsOnError');
  });

  it('defaults probes, lifecycle hooks, env field refs and init containers (SetDefaults_Probe, SetDefaults_HTTPGetAction)', () => {
    const container: Container = {
      name: 'c',
      image: 'busybox:1',
      livenessProbe: { httpGet: { port: 8080 } },
      readinessProbe: { exec: { command: ['true'] }, periodSeconds: 5 },
      lifecycle: { preStop: { httpGet: { port: 'http', path: '/stop' } } },
      env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
    };
    const ds = fluentd();
    ds.spec!.template.spec!.containers = [container];
    ds.spec!.template.spec!.initContainers = [{ name: 'init', image: 'busybox' }];
    const spec = defaultDaemonSet(ds).spec!.template.spec!;
    const c = spec.containers[0]!;
    expect(c.livenessProbe).toEqual({
      httpGet: { port: 8080, path: '/', scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(c.readinessProbe?.periodSeconds).toBe(5);
    expect(c.lifecycle?.preStop?.httpGet).toEqual({ port: 'http', path: '/stop', scheme: 'HTTP' });
    expect(c.env?.[0]?.valueFrom?.fieldRef).toEqual({ apiVersion: 'v1', fieldPath: 'spec.nodeName' });
    expect(spec.initContainers?.[0]?.imagePullPolicy).toBe('Always');
    expect(spec.initContainers?.[0]?.terminationMessagePath).toBe('/dev/termination-log');
  });

  it('defaults volume sources (SetDefaults_Volume, SetDefaults_*VolumeSource)', () => {
    const ds = fluentd();
    ds.spec!.template.spec!.volumes = [
      { name: 'scratch' },
      { name: 'cfg', configMap: { name: 'cfg' } },
      { name: 'sec', secret: { secretName: 's', defaultMode: 256 } },
      { name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
      { name: 'token', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } },
    ];
    expect(defaultDaemonSet(ds).spec?.template.spec?.volumes).toEqual([
      { name: 'scratch', emptyDir: {} },
      { name: 'cfg', configMap: { name: 'cfg', defaultMode: 420 } },
      { name: 'sec', secret: { secretName: 's', defaultMode: 256 } },
      {
        name: 'info',
        downwardAPI: { defaultMode: 420, items: [{ path: 'labels', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' } }] },
      },
      { name: 'token', projected: { defaultMode: 420, sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3600 } }] } },
    ]);
  });
});

describe('defaultPod', () => {
  const pod = (spec: Partial<PodSpec> = {}): Pod => ({
    metadata: { name: 'p', namespace: 'default' },
    spec: { containers: [{ name: 'c', image: 'nginx:1' }], ...spec },
  });

  it('adds enableServiceLinks, priority 0 and PreemptLowerPriority besides the pod-spec defaults', () => {
    const spec = defaultPod(pod()).spec!;
    expect(spec.enableServiceLinks).toBe(true);
    expect(spec.priority).toBe(0);
    expect(spec.preemptionPolicy).toBe('PreemptLowerPriority');
    expect(spec.restartPolicy).toBe('Always');
    expect(spec.dnsPolicy).toBe('ClusterFirst');
    expect(spec.schedulerName).toBe('default-scheduler');
    expect(spec.terminationGracePeriodSeconds).toBe(30);
    expect(spec.tolerations).toBeUndefined();
  });

  it('takes the priority of the built-in priority classes', () => {
    expect(defaultPod(pod({ priorityClassName: 'system-node-critical' })).spec?.priority).toBe(2000001000);
    expect(defaultPod(pod({ priorityClassName: 'system-cluster-critical' })).spec?.priority).toBe(2000000000);
    expect(defaultPod(pod({ priorityClassName: 'unknown-class' })).spec?.priority).toBeUndefined();
    expect(defaultPod(pod({ enableServiceLinks: false })).spec?.enableServiceLinks).toBe(false);
  });

  // mirrors TestSetDefaultPodSpecHostNetwork in pkg/apis/core/v1/defaults_test.go
  it('defaults host ports to container ports under hostNetwork', () => {
    const spec = defaultPod(
      pod({
        hostNetwork: true,
        containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 8080 }] }],
        initContainers: [{ name: 'i', image: 'x', ports: [{ containerPort: 8080 }] }],
      }),
    ).spec!;
    expect(spec.containers[0]?.ports?.[0]?.hostPort).toBe(8080);
    expect(spec.initContainers?.[0]?.ports?.[0]?.hostPort).toBe(8080);
  });

  it('copies limits into missing requests (SetDefaults_Pod)', () => {
    const got = defaultPod(
      pod({ containers: [{ name: 'c', image: 'x', resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m' } } }] }),
    );
    expect(got.spec?.containers[0]?.resources?.requests).toEqual({ cpu: '500m', memory: '1Gi' });
  });
});

// plugin/pkg/admission/defaulttolerationseconds/admission_test.go, case by case.
describe('DefaultTolerationSeconds (admitPod)', () => {
  const notReady300: Toleration = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };
  const unreachable300: Toleration = { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };
  it.each<[string, Toleration[] | undefined, Toleration[]]>([
    ['pod has no tolerations, expect add tolerations for not-ready:NoExecute and unreachable:NoExecute', undefined, [notReady300, unreachable300]],
    ['pod has tolerations, but none is for taint not-ready:NoExecute or unreachable:NoExecute, expect add both',
      [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule', tolerationSeconds: 700 }],
      [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule', tolerationSeconds: 700 }, notReady300, unreachable300]],
    ['pod specified a toleration for taint not-ready:NoExecute, expect add toleration for unreachable:NoExecute',
      [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 700 }],
      [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 700 }, unreachable300]],
    ['pod specified a toleration for taint unreachable:NoExecute, expect add toleration for not-ready:NoExecute',
      [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 700 }],
      [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 700 }, notReady300]],
    ['pod specified tolerations for both taints, expect no change',
      [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 700 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 700 },
      ],
      [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 700 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 700 },
      ]],
    ['pod specified toleration for taint unreachable, with no effect (all effects), expect add toleration for not-ready:NoExecute',
      [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 700 }],
      [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 700 }, notReady300]],
    ['pod specified toleration for all taints (no key, all effects), expect no change',
      [{ operator: 'Exists', tolerationSeconds: 700 }],
      [{ operator: 'Exists', tolerationSeconds: 700 }]],
    ['pod specified a toleration for not-ready:NoSchedule only: NoExecute still added for both',
      [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }],
      [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }, notReady300, unreachable300]],
  ])('%s', (_name, given, want) => {
    const pod: Pod = { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i' }], ...(given === undefined ? {} : { tolerations: given }) } };
    const before = JSON.stringify(pod);
    expect(admitPod(pod).spec?.tolerations).toEqual(want);
    expect(withDefaultTolerationSeconds(given)).toEqual(given !== undefined && want.length === given.length ? given : want);
    expect(JSON.stringify(pod)).toBe(before);
  });

  it('keeps everything defaultPod fills in', () => {
    const pod: Pod = { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i' }] } };
    const { tolerations, ...admitted } = admitPod(pod).spec ?? { containers: [] };
    expect(tolerations).toEqual([notReady300, unreachable300]);
    expect(admitted).toEqual(defaultPod(pod).spec);
  });
});

describe('defaultNode', () => {
  // mirrors TestSetDefaultNodeStatusAllocatable in pkg/apis/core/v1/defaults_test.go
  const capacity = { cpu: '1000m', memory: '10G' };
  const allocatable = { cpu: '500m', memory: '5G' };
  const cases = [
    { name: 'everything set, no defaulting', capacity, allocatable, expected: allocatable },
    { name: 'allocatable set, no defaulting', capacity: undefined, allocatable, expected: allocatable },
    { name: 'capacity set, allocatable defaults to capacity', capacity, allocatable: undefined, expected: capacity },
    { name: 'nothing set', capacity: undefined, allocatable: undefined, expected: undefined },
  ];
  it.each(cases)('$name', ({ capacity: c, allocatable: a, expected }) => {
    const node: Node = { metadata: { name: 'n' }, status: { capacity: c, allocatable: a } };
    expect(defaultNode(node).status?.allocatable).toEqual(expected);
  });
});

describe('defaultNamespace', () => {
  it('labels the namespace with its name and marks it Active (SetDefaults_Namespace)', () => {
    const ns = defaultNamespace({ metadata: { name: 'team-a', labels: { env: 'prod' } } });
    expect(ns.metadata?.labels).toEqual({ env: 'prod', 'kubernetes.io/metadata.name': 'team-a' });
    expect(ns.status?.phase).toBe('Active');
    expect(defaultNamespace({ metadata: { generateName: 'ns-' } }).metadata?.labels).toBeUndefined();
  });
});

describe('templateGeneration', () => {
  it.each([
    { annotations: undefined, expected: 0 },
    { annotations: { [TEMPLATE_GENERATION_ANNOTATION]: '7' }, expected: 7 },
    { annotations: { [TEMPLATE_GENERATION_ANNOTATION]: '-1' }, expected: -1 },
    { annotations: { [TEMPLATE_GENERATION_ANNOTATION]: 'x' }, expected: 0 },
  ])('$annotations → $expected', ({ annotations, expected }) => {
    expect(templateGeneration({ metadata: { annotations } })).toBe(expected);
  });
});

describe('applyDaemonSetUpdate', () => {
  // mirrors daemonSetStrategy.PrepareForCreate / PrepareForUpdate in pkg/registry/apps/daemonset/strategy.go
  const created = applyDaemonSetUpdate(undefined, fluentd());

  it('create: generation 1, template generation 1, zero status, defaults applied', () => {
    expect(created.metadata?.generation).toBe(1);
    expect(created.metadata?.annotations).toEqual({ [TEMPLATE_GENERATION_ANNOTATION]: '1' });
    expect(templateGeneration(created)).toBe(1);
    expect(created.status).toEqual({ currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 });
    expect(created.spec?.revisionHistoryLimit).toBe(10);
  });

  it('create: keeps a template generation ≥ 1 from the annotation, clears status and deletion fields', () => {
    const ds = fluentd();
    ds.metadata!.annotations = { [TEMPLATE_GENERATION_ANNOTATION]: '5' };
    const withStatus = {
      ...ds,
      metadata: { ...ds.metadata, deletionTimestamp: '2024-01-01T00:00:00Z' },
      status: { currentNumberScheduled: 3, numberMisscheduled: 0, desiredNumberScheduled: 3, numberReady: 3 },
    };
    const got = applyDaemonSetUpdate(undefined, withStatus);
    expect(templateGeneration(got)).toBe(5);
    expect(got.status?.currentNumberScheduled).toBe(0);
    expect(got.metadata?.deletionTimestamp).toBeUndefined();
    ds.metadata!.annotations = { [TEMPLATE_GENERATION_ANNOTATION]: '0' };
    expect(templateGeneration(applyDaemonSetUpdate(undefined, ds))).toBe(1);
  });

  const stored = {
    ...created,
    metadata: { ...created.metadata, uid: 'uid-1', creationTimestamp: '2024-01-01T00:00:00Z' },
    status: { currentNumberScheduled: 2, numberMisscheduled: 0, desiredNumberScheduled: 2, numberReady: 2, observedGeneration: 1 },
  } satisfies DaemonSet;
  const edit = (f: (ds: DaemonSet) => void): DaemonSet => {
    const ds = fluentd();
    f(ds);
    return ds;
  };
  const updateCases: Array<{ name: string; next: DaemonSet; generation: number; tg: number }> = [
    { name: 'no change', next: fluentd(), generation: 1, tg: 1 },
    {
      name: 'the same spec written with its defaults is no change',
      next: defaultDaemonSet(fluentd()),
      generation: 1,
      tg: 1,
    },
    {
      name: 'semantically equal template (empty lists, empty resources) is no change',
      next: edit((ds) => {
        ds.spec!.template.spec!.imagePullSecrets = [];
        ds.spec!.template.spec!.containers[0]!.resources = { limits: {} };
        ds.spec!.template.spec!.hostNetwork = false;
      }),
      generation: 1,
      tg: 1,
    },
    {
      name: 'image change bumps both',
      next: edit((ds) => (ds.spec!.template.spec!.containers[0]!.image = 'fluentd:v1.17')),
      generation: 2,
      tg: 2,
    },
    {
      name: 'template label change bumps both',
      next: edit((ds) => (ds.spec!.template.metadata!.labels = { name: 'fluentd', tier: 'logging' })),
      generation: 2,
      tg: 2,
    },
    {
      name: 'update strategy change bumps generation only',
      next: edit((ds) => (ds.spec!.updateStrategy = { type: 'OnDelete' })),
      generation: 2,
      tg: 1,
    },
    { name: 'minReadySeconds change bumps generation only', next: edit((ds) => (ds.spec!.minReadySeconds = 10)), generation: 2, tg: 1 },
    {
      name: 'metadata-only change bumps nothing',
      next: edit((ds) => (ds.metadata!.labels = { team: 'observability' })),
      generation: 1,
      tg: 1,
    },
    {
      name: 'a request cannot set generation or template generation',
      next: edit((ds) => {
        ds.metadata!.annotations = { [TEMPLATE_GENERATION_ANNOTATION]: '9' };
        (ds.metadata as { generation?: number }).generation = 42;
      }),
      generation: 1,
      tg: 1,
    },
    {
      name: 'an explicit empty resources block is no change',
      next: edit((ds) => (ds.spec!.template.spec!.containers[0]!.resources = {})),
      generation: 1,
      tg: 1,
    },
  ];
  it.each(updateCases)('update: $name', ({ next, generation, tg }) => {
    const got = applyDaemonSetUpdate(stored, next);
    expect(got.metadata?.generation).toBe(generation);
    expect(templateGeneration(got)).toBe(tg);
    expect(got.status).toEqual(stored.status);
    expect(got.metadata?.uid).toBe('uid-1');
    expect(got.metadata?.creationTimestamp).toBe('2024-01-01T00:00:00Z');
  });

  it('update: successive template changes keep counting', () => {
    let ds = created;
    for (const tag of ['a', 'b', 'c']) {
      ds = applyDaemonSetUpdate(ds, edit((d) => (d.spec!.template.spec!.containers[0]!.image = `fluentd:${tag}`)));
    }
    expect(ds.metadata?.generation).toBe(4);
    expect(templateGeneration(ds)).toBe(4);
    // Rolling back to an earlier template is a template change too.
    ds = applyDaemonSetUpdate(ds, fluentd());
    expect(templateGeneration(ds)).toBe(5);
  });

  it('update: 1 CPU and 1000m CPU are the same template', () => {
    const one = edit((ds) => (ds.spec!.template.spec!.containers[0]!.resources = { requests: { cpu: '1' } }));
    const milli = edit((ds) => (ds.spec!.template.spec!.containers[0]!.resources = { requests: { cpu: '1000m' } }));
    const first = applyDaemonSetUpdate(undefined, one);
    expect(templateGeneration(applyDaemonSetUpdate(first, milli))).toBe(1);
  });

  it('never mutates old or next', () => {
    const old = deepFreeze(structuredClone(stored));
    const next = deepFreeze(edit((ds) => (ds.spec!.minReadySeconds = 3)));
    expect(() => applyDaemonSetUpdate(old, next)).not.toThrow();
  });
});

describe('semanticallyEqual', () => {
  it.each([
    { a: { labels: {} }, b: {}, equal: true },
    { a: { labels: { a: '' } }, b: {}, equal: false },
    { a: { tolerations: [] }, b: {}, equal: true },
    { a: { securityContext: {} }, b: {}, equal: false },
    { a: { affinity: {} }, b: {}, equal: false },
    { a: { serviceAccountName: '' }, b: {}, equal: true },
    { a: { runtimeClassName: '' }, b: {}, equal: false },
    { a: { hostNetwork: false }, b: {}, equal: true },
    { a: { automountServiceAccountToken: false }, b: {}, equal: false },
    { a: { limits: { memory: '1Gi' } }, b: { limits: { memory: '1073741824' } }, equal: true },
    { a: { x: [1, 2] }, b: { x: [2, 1] }, equal: false },
  ])('$a vs $b → $equal', ({ a, b, equal }) => {
    expect(semanticallyEqual(a, b)).toBe(equal);
  });
});

describe('defaultSecret and defaultPriorityClass: stored kinds as the API server stores them', () => {
  it.each([
    ['stringData written into data as base64 of its UTF-8, over data of the same key', { stringData: { a: 'héllo', b: 'x' }, data: { b: 'eQ==', c: 'eg==' } }, { type: 'Opaque', data: { a: 'aMOpbGxv', b: 'eA==', c: 'eg==' } }],
    ['a type kept', { type: 'kubernetes.io/tls', data: {} }, { type: 'kubernetes.io/tls', data: {} }],
    ['nothing but the type', {}, { type: 'Opaque' }],
  ])('%s', (_name, secret, want) => {
    expect(defaultSecret(secret as { data?: Record<string, string> })).toEqual(want);
  });

  it('a PriorityClass preempts lower priorities unless it says Never', () => {
    const pc = (extra: { preemptionPolicy?: string } = {}) => ({ value: 1, ...extra });
    expect(defaultPriorityClass(pc())).toEqual({ value: 1, preemptionPolicy: 'PreemptLowerPriority' });
    expect(defaultPriorityClass(pc({ preemptionPolicy: 'Never' }))).toEqual({ value: 1, preemptionPolicy: 'Never' });
  });
});

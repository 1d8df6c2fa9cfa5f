import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import type { ControllerRevision, DaemonSet } from 'kubernetes-types/apps/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Container, ContainerStatus, Namespace, Node, Pod, Probe } from 'kubernetes-types/core/v1';
import {
  DESCRIBE_TABWRITER,
  describeControllerRevision,
  describeDaemonSet,
  describeGeneric,
  describeNamespace,
  describeNode,
  describePod,
  describePodDisruptionBudget,
  describeConfigMap,
  describeRole,
  describeRoleBinding,
  describeSecret,
  describeServiceAccount,
  formatRFC1123Z,
  type DescribeEvent,
} from './describe.ts';
import { tabulate } from './tabwriter.ts';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const NOW = Date.parse('2025-01-01T01:00:00Z');
// RFC 3339 with whole seconds, as the API server writes metav1.Time.
const ago = (ms: number): string => new Date(NOW - ms).toISOString().replace('.000Z', 'Z');
const golden = (name: string): string => readFileSync(new URL(`./__golden__/${name}`, import.meta.url), 'utf8');
// The Go tests often state expectations as the PrefixWriter's raw output; this aligns it as tabbedString does.
const tab = (raw: string): string => tabulate(raw, DESCRIBE_TABWRITER);

const event = (e: Partial<DescribeEvent> & Pick<DescribeEvent, 'message'>): DescribeEvent => ({
  type: 'Normal',
  reason: 'Reason',
  from: 'kubelet',
  firstAt: NOW - M,
  lastAt: NOW - M,
  count: 1,
  ...e,
});

const status = (s: Partial<ContainerStatus>): ContainerStatus => ({
  name: 'test',
  ready: false,
  restartCount: 0,
  image: '',
  imageID: '',
  ...s,
});

// ---------------------------------------------------------------------------------------------
// Fixtures: a fluentd DaemonSet in the shape of the Kubernetes docs example, one of its pods, its node.

const fluentdContainer: Container = {
  name: 'fluentd-elasticsearch',
  image: 'quay.io/fluentd_elasticsearch/fluentd:v2.5.2',
  resources: { limits: { memory: '200Mi' }, requests: { cpu: '100m', memory: '200Mi' } },
  volumeMounts: [
    { name: 'varlog', mountPath: '/var/log' },
    { name: 'varlibdockercontainers', mountPath: '/var/lib/docker/containers', readOnly: true },
  ],
};

const fluentdTemplateSpec = {
  tolerations: [
    { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
  ],
  containers: [fluentdContainer],
  terminationGracePeriodSeconds: 30,
  volumes: [
    { name: 'varlog', hostPath: { path: '/var/log', type: '' } },
    { name: 'varlibdockercontainers', hostPath: { path: '/var/lib/docker/containers', type: '' } },
  ],
} satisfies Pod['spec'];

const fluentd: DaemonSet = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: {
    name: 'fluentd-elasticsearch',
    namespace: 'kube-system',
    uid: 'ds-uid',
    labels: { 'k8s-app': 'fluentd-logging' },
    annotations: {
      'deprecated.daemonset.template.generation': '1',
      'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"apps/v1","kind":"DaemonSet"}\n',
    },
    creationTimestamp: ago(H),
  },
  spec: {
    selector: { matchLabels: { name: 'fluentd-elasticsearch' } },
    template: { metadata: { labels: { name: 'fluentd-elasticsearch' } }, spec: fluentdTemplateSpec },
  },
  status: {
    currentNumberScheduled: 2,
    desiredNumberScheduled: 2,
    numberAvailable: 1,
    numberMisscheduled: 0,
    numberReady: 1,
    updatedNumberScheduled: 2,
  },
};

const ownedBy = (uid: string) => [
  { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'fluentd-elasticsearch', uid, controller: true, blockOwnerDeletion: true },
];

const fluentdPod: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'fluentd-elasticsearch-x7q4x',
    namespace: 'kube-system',
    uid: 'pod-uid',
    labels: { name: 'fluentd-elasticsearch', 'controller-revision-hash': '6b7f8c9d4', 'pod-template-generation': '1' },
    ownerReferences: ownedBy('ds-uid'),
    creationTimestamp: ago(55 * M),
  },
  spec: {
    ...fluentdTemplateSpec,
    nodeName: 'node-1',
    serviceAccountName: 'default',
    priority: 0,
    tolerations: [
      ...fluentdTemplateSpec.tolerations,
      { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    ],
    containers: [
      {
        ...fluentdContainer,
        env: [
          { name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } },
          { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } } },
        ],
        ports: [{ containerPort: 24231, name: 'metrics', protocol: 'TCP' }],
        livenessProbe: {
          httpGet: { path: '/metrics', port: 24231, scheme: 'HTTP' },
          initialDelaySeconds: 10,
          timeoutSeconds: 1,
          periodSeconds: 10,
          successThreshold: 1,
          failureThreshold: 3,
        },
      },
    ],
  },
  status: {
    phase: 'Running',
    hostIP: '172.18.0.3',
    podIP: '10.244.1.5',
    podIPs: [{ ip: '10.244.1.5' }],
    startTime: ago(55 * M),
    qosClass: 'Burstable',
    conditions: [
      { type: 'PodReadyToStartContainers', status: 'True' },
      { type: 'Initialized', status: 'True' },
      { type: 'Ready', status: 'True' },
      { type: 'ContainersReady', status: 'True' },
      { type: 'PodScheduled', status: 'True' },
    ],
    containerStatuses: [
      status({
        name: 'fluentd-elasticsearch',
        ready: true,
        image: 'quay.io/fluentd_elasticsearch/fluentd:v2.5.2',
        imageID: 'quay.io/fluentd_elasticsearch/fluentd@sha256:d9a4d5c4e7bd1a2bb16c6bd8b5ad1d2da9d7b3b2c6bd7a4e1e3f2c1b0a9d8e7f',
        containerID: 'containerd://8f3b1c2d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b',
        started: true,
        state: { running: { startedAt: ago(54 * M) } },
      }),
    ],
  },
};

const node1: Node = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: {
    name: 'node-1',
    uid: 'node-uid',
    labels: {
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': 'node-1',
      'kubernetes.io/os': 'linux',
      'node-role.kubernetes.io/control-plane': '',
    },
    annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    creationTimestamp: ago(2 * H),
  },
  spec: {
    podCIDR: '10.244.0.0/24',
    podCIDRs: ['10.244.0.0/24'],
    providerID: 'kind://docker/kind/node-1',
    taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
  },
  status: {
    capacity: { cpu: '8', 'ephemeral-storage': '61255492Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '8025424Ki', pods: '110' },
    allocatable: { cpu: '8', 'ephemeral-storage': '61255492Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '8025424Ki', pods: '110' },
    conditions: [
      {
        type: 'MemoryPressure',
        status: 'False',
        lastHeartbeatTime: ago(30 * S),
        lastTransitionTime: ago(2 * H),
        reason: 'KubeletHasSufficientMemory',
        message: 'kubelet has sufficient memory available',
      },
      {
        type: 'Ready',
        status: 'True',
        lastHeartbeatTime: ago(30 * S),
        lastTransitionTime: ago(2 * H - 20 * S),
        reason: 'KubeletReady',
        message: 'kubelet is posting ready status',
      },
    ],
    addresses: [
      { type: 'InternalIP', address: '172.18.0.3' },
      { type: 'Hostname', address: 'node-1' },
    ],
    nodeInfo: {
      machineID: '5f2d7c3e8a9b4c1d9e0f1a2b3c4d5e6f',
      systemUUID: '5f2d7c3e-8a9b-4c1d-9e0f-1a2b3c4d5e6f',
      bootID: '0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d',
      kernelVersion: '6.8.0-45-generic',
      osImage: 'Debian GNU/Linux 12 (bookworm)',
      operatingSystem: 'linux',
      architecture: 'amd64',
      containerRuntimeVersion: 'containerd://1.7.18',
      kubeletVersion: 'v1.30.0',
      kubeProxyVersion: 'v1.30.0',
    },
  },
};

const nodeLease: Lease = {
  metadata: { name: 'node-1', namespace: 'kube-node-lease' },
  spec: { holderIdentity: 'node-1', renewTime: '2025-01-01T00:59:52.123456Z', leaseDurationSeconds: 40 },
};

const fluentdEvents: DescribeEvent[] = [
  event({
    reason: 'SuccessfulCreate',
    from: 'daemonset-controller',
    message: 'Created pod: fluentd-elasticsearch-x7q4x',
    firstAt: NOW - 55 * M,
    lastAt: NOW - 55 * M,
  }),
  event({
    type: 'Warning',
    reason: 'FailedPlacement',
    from: 'daemonset-controller',
    message: 'failed to place pod on "node-2": Node didn\'t have enough resource: cpu',
    firstAt: NOW - 10 * M,
    lastAt: NOW - 3 * M,
    count: 5,
  }),
  event({
    reason: 'SuccessfulDelete',
    from: 'daemonset-controller',
    message: 'Deleted pod: fluentd-elasticsearch-abcde',
    firstAt: NOW - 22 * S,
    lastAt: NOW - 22 * S,
  }),
];

// ---------------------------------------------------------------------------------------------

describe('formatRFC1123Z', () => {
  it('formats in UTC, and an absent time as Go zero time', () => {
    expect(formatRFC1123Z('2021-01-01T00:00:00Z')).toBe('Fri, 01 Jan 2021 00:00:00 +0000');
    expect(formatRFC1123Z('2014-01-15T10:04:05+02:00')).toBe('Wed, 15 Jan 2014 08:04:05 +0000');
    expect(formatRFC1123Z(undefined)).toBe('Mon, 01 Jan 0001 00:00:00 +0000');
  });
});

describe('describeNamespace', () => {
  // mirrors TestDescribeNamespace in kubectl/pkg/describe/describe_test.go
  it('has no quotas or limit ranges', () => {
    const ns: Namespace = {
      metadata: { name: 'default', labels: { 'kubernetes.io/metadata.name': 'default' } },
      status: { phase: 'Active' },
    };
    expect(describeNamespace(ns, NOW)).toBe(
      [
        'Name:         default',
        'Labels:       kubernetes.io/metadata.name=default',
        'Annotations:  <none>',
        'Status:       Active',
        '',
        'No resource quota.',
        '',
        'No LimitRange resource.',
        '',
      ].join('\n'),
    );
  });

  it('has conditions', () => {
    const ns: Namespace = {
      metadata: { name: 'example' },
      status: {
        phase: 'Terminating',
        conditions: [
          {
            type: 'NamespaceDeletionContentFailure',
            status: 'True',
            lastTransitionTime: '2014-01-15T00:00:00Z',
            reason: 'example reason',
            message: 'example message',
          },
        ],
      },
    };
    expect(describeNamespace(ns, NOW)).toBe(
      tab(
        'Name:\texample\nLabels:\t<none>\nAnnotations:\t<none>\nStatus:\tTerminating\nConditions:\n' +
          '  Type\tStatus\tLastTransitionTime\tReason\tMessage\n  ----\t------\t------------------\t------\t-------\n' +
          '  NamespaceDeletionContentFailure\tTrue\tWed, 15 Jan 2014 00:00:00 +0000\texample reason\texample message\n' +
          '\nNo resource quota.\n\nNo LimitRange resource.\n',
      ),
    );
  });

  // mirrors TestPrintLabelsMultiline in kubectl/pkg/describe/describe_test.go (printAnnotationsMultiline)
  const key = 'MaxLenAnnotation';
  const value = 'a'.repeat(140 - key.length - 2);
  const annotationCases: readonly (readonly [Record<string, string>, string])[] = [
    [{ col1: 'asd', COL2: 'zxc' }, 'Annotations:\tCOL2: zxc\n\tcol1: asd\n'],
    [{ [key]: value }, `Annotations:\t${key}: ${value}\n`],
    [{ [key]: `${value}1` }, `Annotations:\t${key}:\n\t  ${value}1\n`],
    [{ [key]: value + value }, `Annotations:\t${key}:\n\t  ${'a'.repeat(138)}...\n`],
    [{ key: 'value\nwith\nnewlines\n' }, 'Annotations:\tkey:\n\t  value\n\t  with\n\t  newlines\n'],
    [{}, 'Annotations:\t<none>\n'],
    // The last-applied-configuration annotation is always skipped.
    [{ 'kubectl.kubernetes.io/last-applied-configuration': '{}' }, 'Annotations:\t<none>\n'],
  ];
  it.each(annotationCases)('prints annotations %j', (annotations, expectPrint) => {
    const ns: Namespace = { metadata: { name: 'foo', annotations }, status: { phase: 'Active' } };
    expect(describeNamespace(ns, NOW)).toBe(
      tab(`Name:\tfoo\nLabels:\t<none>\n${expectPrint}Status:\tActive\n\nNo resource quota.\n\nNo LimitRange resource.\n`),
    );
  });
});

describe('describePod', () => {
  const runningPod = (over: Partial<Pod> = {}): Pod => ({
    metadata: { name: 'bar', namespace: 'foo' },
    spec: { containers: [] },
    ...over,
  });

  // mirrors TestDescribePod in kubectl/pkg/describe/describe_test.go
  it.each([
    ['Running', ['bar', 'Status:', 'Terminating (lasts 10y)', 'Termination Grace Period', '1234s']],
    ['Pending', ['Terminating (lasts 10y)', 'Termination Grace Period', '1234s']],
    ['Succeeded', ['Succeeded']],
    ['Failed', ['Failed']],
  ] as const)('describes a deleted %s pod', (phase, want) => {
    const pod = runningPod({
      metadata: {
        name: 'bar',
        namespace: 'foo',
        deletionTimestamp: new Date(Date.UTC(2015, 0, 1, 1)).toISOString(),
        deletionGracePeriodSeconds: 1234,
      },
      spec: { containers: [], readinessGates: [{ conditionType: 'condition1' }, { conditionType: 'condition2' }] },
      status: { phase, conditions: [{ type: 'condition1', status: 'True' }] },
    });
    const out = describePod(pod, [], NOW);
    for (const s of want) expect(out).toContain(s);
    expect(out).toContain('Readiness Gates:\n  Type         Status\n  condition1   True \n  condition2   <none> \n');
  });

  // mirrors TestDescribePodServiceAccount, TestDescribePodNode and TestDescribePodPriority
  it('shows the service account, node, nominated node and priority', () => {
    const out = describePod(
      runningPod({
        spec: { containers: [], serviceAccountName: 'fooaccount', nodeName: 'all-in-one', priority: 1000, priorityClassName: 'high-priority' },
        status: { hostIP: '127.0.0.1', nominatedNodeName: 'nodeA' },
      }),
      [],
      NOW,
    );
    for (const s of ['Service Account:', 'fooaccount', 'all-in-one/127.0.0.1', 'NominatedNodeName:', 'nodeA', 'high-priority', '1000']) {
      expect(out).toContain(s);
    }
  });

  // mirrors TestDescribePodRuntimeClass
  it.each([
    ['test1', true],
    ['', false],
  ] as const)('shows runtime class %j: %s', (runtimeClassName, shown) => {
    const out = describePod(runningPod({ spec: { containers: [], runtimeClassName } }), [], NOW);
    expect(out.includes('Runtime Class Name')).toBe(shown);
  });

  // mirrors TestDescribePodTolerations
  it('prints tolerations like kubectl', () => {
    const out = describePod(
      runningPod({
        spec: {
          containers: [],
          tolerations: [
            { operator: 'Exists' },
            { effect: 'NoSchedule', operator: 'Exists' },
            { key: 'key0', operator: 'Exists' },
            { key: 'key1', value: 'value1' },
            { key: 'key2', operator: 'Equal', value: 'value2', effect: 'NoSchedule' },
            { key: 'key3', value: 'value3', effect: 'NoExecute', tolerationSeconds: 300 },
            { key: 'key4', effect: 'NoExecute', tolerationSeconds: 60 },
          ],
        },
      }),
      [],
      NOW,
    );
    for (const s of [
      '  op=Exists\n',
      ':NoSchedule op=Exists\n',
      'key0 op=Exists\n',
      'key1=value1\n',
      'key2=value2:NoSchedule\n',
      'key3=value3:NoExecute for 300s\n',
      'key4:NoExecute for 60s\n',
      'Tolerations:',
    ]) {
      expect(out).toContain(s);
    }
  });

  // mirrors TestDescribePodVolumes (with an emptyDir: kubernetes-types 1.30 has no image volume source)
  it('describes a pod without containers byte for byte', () => {
    const pod = runningPod({ spec: { containers: [], volumes: [{ name: 'scratch', emptyDir: {} }] } });
    expect(describePod(pod, [], NOW)).toBe(
      [
        'Name:         bar',
        'Namespace:    foo',
        'Node:         <none>',
        'Labels:       <none>',
        'Annotations:  <none>',
        'Status:       ',
        'IP:           ',
        'IPs:          <none>',
        'Containers: <none>',
        'Volumes:',
        '  scratch:',
        "    Type:        EmptyDir (a temporary directory that shares a pod's lifetime)",
        '    Medium:      ',
        '    SizeLimit:   <unset>',
        'QoS Class:       BestEffort',
        'Node-Selectors:  <none>',
        'Tolerations:     <none>',
        'Events:          <none>',
        '',
      ].join('\n'),
    );
  });

  it('leaves the events out when given null (--show-events=false)', () => {
    expect(describePod(runningPod(), null, NOW)).not.toContain('Events:');
  });

  // mirrors TestDescribeTopologySpreadConstraints
  it('prints topology spread constraints', () => {
    const out = describePod(
      runningPod({
        spec: {
          containers: [],
          topologySpreadConstraints: [
            {
              maxSkew: 3,
              topologyKey: 'topology.kubernetes.io/test1',
              whenUnsatisfiable: 'DoNotSchedule',
              labelSelector: { matchLabels: { key1: 'val1', key2: 'val2' } },
            },
            { maxSkew: 1, topologyKey: 'topology.kubernetes.io/test2', whenUnsatisfiable: 'ScheduleAnyway' },
          ],
        },
      }),
      [],
      NOW,
    );
    expect(out).toContain(
      'topology.kubernetes.io/test1:DoNotSchedule when max skew 3 is exceeded for selector key1=val1,key2=val2\n',
    );
    expect(out).toContain('topology.kubernetes.io/test2:ScheduleAnyway when max skew 1 is exceeded\n');
  });

  // mirrors TestDescribeContainers
  const image: Container = { name: 'test', image: 'image' };
  const basics = ['test', 'State', 'Ready', 'True', 'Restart Count', '7', 'Image', 'image'];
  const ready = { ready: true, restartCount: 7 };
  const containerCases: readonly (readonly [string, Container, ContainerStatus | undefined, readonly string[]])[] = [
    ['running', image, status({ ...ready, state: { running: { startedAt: ago(0) } } }), [...basics, 'Running', 'Started']],
    ['waiting', image, status({ ...ready, state: { waiting: { reason: 'potato' } } }), [...basics, 'Waiting', 'Reason', 'potato']],
    [
      'terminated',
      image,
      status({ ...ready, state: { terminated: { startedAt: ago(0), finishedAt: ago(0), reason: 'potato', exitCode: 2 } } }),
      [...basics, 'Terminated', 'Reason', 'potato', 'Started', 'Finished', 'Exit Code:    2'],
    ],
    [
      'last terminated',
      image,
      status({
        ...ready,
        state: { running: { startedAt: ago(0) } },
        lastState: { terminated: { startedAt: ago(3 * S), finishedAt: ago(0), reason: 'crashing', exitCode: 3 } },
      }),
      [...basics, 'Last State:     Terminated', 'crashing', 'Exit Code:    3'],
    ],
    ['no state defaults to waiting', image, status(ready), [...basics, 'Waiting']],
    [
      'env from a config map',
      { ...image, env: [{ name: 'envname', value: 'xyz' }], envFrom: [{ configMapRef: { name: 'a123' } }] },
      status(ready),
      ['envname', 'xyz', 'Environment Variables from:\n      a123  ConfigMap  Optional: false'],
    ],
    [
      'env from a config map with a prefix',
      { ...image, envFrom: [{ prefix: 'p_', configMapRef: { name: 'a123' } }] },
      status(ready),
      ["      a123        ConfigMap with prefix 'p_'  Optional: false"],
    ],
    [
      'env from an optional secret',
      { ...image, envFrom: [{ secretRef: { name: 'a123', optional: true } }] },
      status(ready),
      ['      a123        Secret  Optional: true'],
    ],
    ['command', { ...image, command: ['sleep', '1000'] }, status(ready), ['Command:\n      sleep\n      1000\n']],
    ['command with newline', { ...image, command: ['sleep', '1000\n2000'] }, status(ready), ['1000\n      2000']],
    ['args with newline', { ...image, args: ['time', '1000\n2000'] }, status(ready), ['Args:\n      time\n      1000\n      2000']],
    [
      'limits',
      { ...image, resources: { limits: { cpu: '1000', memory: '4G', storage: '20G' } } },
      status(ready),
      ['Limits:\n      cpu:        1k\n      memory:     4G\n      storage:    20G\n'],
    ],
    [
      'requests',
      { ...image, resources: { requests: { cpu: '1000', memory: '4G', storage: '20G' } } },
      undefined,
      ['Requests:\n      cpu:        1k\n      memory:     4G\n      storage:    20G\n'],
    ],
    ['volume mount read/write', { ...image, volumeMounts: [{ name: 'mounted-volume', mountPath: '/opt/' }] }, undefined, ['/opt/ from mounted-volume (rw)']],
    [
      'volume mount read-only',
      { ...image, volumeMounts: [{ name: 'mounted-volume', mountPath: '/opt/', readOnly: true }] },
      undefined,
      ['Mounts:\n      /opt/ from mounted-volume (ro)'],
    ],
    [
      'volume mount subPath',
      { ...image, volumeMounts: [{ name: 'mounted-volume', mountPath: '/opt/', subPath: 'foo' }] },
      undefined,
      ['/opt/ from mounted-volume (rw,path="foo")'],
    ],
    [
      'volume device (Go reuses the Mounts <none>)',
      { ...image, volumeDevices: [{ name: 'volume-device', devicePath: '/dev/xvda' }] },
      undefined,
      ['Mounts:       <none>\n    Devices:      <none>\n      /dev/xvda from volume-device'],
    ],
  ];
  it.each(containerCases)('describes a container: %s', (_name, container, containerStatus, want) => {
    const pod = runningPod({
      spec: { containers: [container] },
      status: containerStatus === undefined ? {} : { containerStatuses: [containerStatus] },
    });
    const out = describePod(pod, [], NOW);
    for (const s of want) expect(out).toContain(s);
  });

  // mirrors TestDescribeContainerPorts
  it.each([
    [[], 'Port:           <none>\n    Host Port:      <none>\n'],
    [[{ name: 'web', containerPort: 8080, hostPort: 8080, protocol: 'TCP' }], 'Port:           8080/TCP (web)\n    Host Port:      8080/TCP (web)\n'],
    [[{ containerPort: 8080, hostPort: 8080, protocol: 'TCP' }], 'Port:           8080/TCP\n    Host Port:      8080/TCP\n'],
    [
      [
        { name: 'controller', containerPort: 9093, hostPort: 9093, protocol: 'TCP' },
        { containerPort: 9092, protocol: 'TCP' },
        { name: 'interbroker', containerPort: 9094, hostPort: 9094, protocol: 'TCP' },
      ],
      'Ports:          9093/TCP (controller), 9092/TCP, 9094/TCP (interbroker)\n' +
        '    Host Ports:     9093/TCP (controller), 0/TCP, 9094/TCP (interbroker)\n',
    ],
  ] as const)('prints ports %j', (ports, want) => {
    const pod = runningPod({ spec: { containers: [{ ...image, ports: [...ports] }] }, status: { containerStatuses: [status({})] } });
    expect(describePod(pod, [], NOW)).toContain(want);
  });

  it('resolves only metadata.name and metadata.namespace field refs, like kubectl', () => {
    const pod = runningPod({
      spec: {
        nodeName: 'n1',
        containers: [
          {
            name: 'c',
            resources: { limits: { memory: '64Mi' }, requests: { cpu: '250m' } },
            env: [
              { name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } },
              { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
              { name: 'CPU_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
              { name: 'CPU_REQUEST_M', valueFrom: { resourceFieldRef: { resource: 'requests.cpu', divisor: '1m' } } },
              { name: 'MEM_LIMIT_MI', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
              { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 's', key: 'token' } } },
              { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'cm', key: 'mode', optional: true } } },
            ],
          },
        ],
      },
    });
    expect(describePod(pod, [], NOW)).toContain(
      tab(
        '    Environment:\n' +
          '      NODE_NAME:\t (v1:spec.nodeName)\n' +
          '      POD_NAME:\tbar (v1:metadata.name)\n' +
          '      CPU_LIMIT:\tnode allocatable (limits.cpu)\n' +
          '      CPU_REQUEST_M:\t250 (requests.cpu)\n' +
          '      MEM_LIMIT_MI:\t64 (limits.memory)\n' +
          "      TOKEN:\t<set to the key 'token' in secret 's'>\tOptional: false\n" +
          "      MODE:\t<set to the key 'mode' of config map 'cm'>\tOptional: true\n",
      ),
    );
  });

  it.each<readonly [Probe, string]>([
    [{ exec: { command: ['cat', '/tmp/healthy'] }, periodSeconds: 5 }, 'exec [cat /tmp/healthy] delay=0s timeout=0s period=5s #success=0 #failure=0'],
    [{ httpGet: { path: '/healthz', port: 'http', host: '::1', scheme: 'HTTPS' } }, 'http-get https://[::1]:http/healthz delay=0s'],
    [{ httpGet: { path: 'a b?c', port: 80 } }, 'http-get //:80/a%20b%3Fc delay=0s'],
    [{ tcpSocket: { port: 8080 }, timeoutSeconds: 1 }, 'tcp-socket :8080 delay=0s timeout=1s'],
    [{ grpc: { port: 9090, service: 'health' } }, 'grpc <pod>:9090 health delay=0s'],
  ])('describes probe %j', (probe, want) => {
    const pod = runningPod({ spec: { containers: [{ name: 'c', readinessProbe: probe }] } });
    expect(describePod(pod, [], NOW)).toContain(`Readiness:    ${want}`);
  });

  // mirrors TestComputePodQOS in kubectl/pkg/util/qos (GetPodQOS prefers status.qosClass)
  const resources = (requests?: Record<string, string>, limits?: Record<string, string>): Container => ({
    name: 'c',
    resources: { ...(requests && { requests }), ...(limits && { limits }) },
  });
  it.each([
    ['BestEffort', [resources()]],
    ['BestEffort', [resources({ 'nvidia.com/gpu': '1' }, { 'nvidia.com/gpu': '1' })]],
    ['Guaranteed', [resources({ cpu: '100m', memory: '100Mi' }, { cpu: '100m', memory: '100Mi' })]],
    ['Guaranteed', [resources({ cpu: '0.1', memory: '100Mi' }, { cpu: '100m', memory: '100Mi' })]],
    ['Burstable', [resources({ cpu: '100m' })]],
    ['Burstable', [resources({ cpu: '100m', memory: '100Mi' }, { cpu: '200m', memory: '100Mi' })]],
    ['Burstable', [resources({ cpu: '100m', memory: '100Mi' }, { cpu: '100m', memory: '100Mi' }), resources({ cpu: '100m' })]],
    // Limits alone: the API server would have copied them into requests; undefaulted, Go computes Burstable.
    ['Burstable', [resources(undefined, { cpu: '100m', memory: '100Mi' })]],
  ] as const)('computes QoS class %s', (qos, containers) => {
    expect(describePod(runningPod({ spec: { containers: [...containers] } }), [], NOW)).toMatch(new RegExp(`\\nQoS Class: +${qos}\\n`));
  });

  it('matches the golden output for a DaemonSet pod', () => {
    const deleted: Pod = {
      ...fluentdPod,
      metadata: { ...fluentdPod.metadata, deletionTimestamp: ago(-25 * S), deletionGracePeriodSeconds: 30 },
    };
    expect(describePod(fluentdPod, fluentdEvents.slice(0, 1), NOW)).toBe(golden('describe-pod.txt'));
    // The API server sets deletionTimestamp to now + grace period, so kubectl reports `lasts <invalid>`.
    expect(describePod(deleted, [], NOW)).toContain('Status:                    Terminating (lasts <invalid>)\nTermination Grace Period:  30s\n');
  });
});

describe('events', () => {
  // mirrors the Events expectations of TestDescribeDeployment ("deployment after successful rollout"),
  // with the EventSeries event written as a count
  it('prints ages like kubectl, with (xN over age) for repeated events', () => {
    const deploymentEvents: DescribeEvent[] = [
      ['Scaled up replica set bar-002 from 0 to 1', 20 * M, 12 * M, 3],
      ['Scaled up replica set bar-001 from 0 to 2', 10 * M, 10 * M, 1],
      ['Scaled up replica set bar-002 from 0 to 1', 2 * M, 2 * M, 1],
      ['Scaled down replica set bar-002 from 2 to 1', 60 * S, 60 * S, 1],
      ['Scaled up replica set bar-002 from 0 to 2', 15 * S, 15 * S, 1],
      ['Scaled down replica set bar-001 from 2 to 0', 3 * S, 3 * S, 1],
    ].map(([message, first, last, count]) =>
      event({
        reason: 'ScalingReplicaSet',
        from: 'deployment-controller',
        message: message as string,
        firstAt: NOW - (first as number),
        lastAt: NOW - (last as number),
        count: count as number,
      }),
    );
    const out = describeDaemonSet(fluentd, [], deploymentEvents, NOW);
    expect(out).toContain('Events:\n');
    for (const line of [
      'Normal  ScalingReplicaSet  12m (x3 over 20m)  deployment-controller  Scaled up replica set bar-002 from 0 to 1',
      'Normal  ScalingReplicaSet  10m                deployment-controller  Scaled up replica set bar-001 from 0 to 2',
      'Normal  ScalingReplicaSet  2m                 deployment-controller  Scaled up replica set bar-002 from 0 to 1',
      'Normal  ScalingReplicaSet  60s                deployment-controller  Scaled down replica set bar-002 from 2 to 1',
      'Normal  ScalingReplicaSet  15s                deployment-controller  Scaled up replica set bar-002 from 0 to 2',
      'Normal  ScalingReplicaSet  3s                 deployment-controller  Scaled down replica set bar-001 from 2 to 0',
    ]) {
      expect(out).toContain(`\n  ${line}\n`);
    }
  });

  // mirrors TestSortableEvents in kubectl/pkg/util/event and TestPodDescribeResultsSorted
  it('lists events oldest first by last timestamp', () => {
    const at = (iso: string): number => Date.parse(iso);
    const out = describePod({ metadata: { name: 'bar', namespace: 'foo' } }, [
      event({ from: 'kubelet', message: 'Item 1', firstAt: at('2014-01-15T00:00:00Z'), lastAt: at('2014-01-15T00:00:00Z') }),
      event({ from: 'scheduler', message: 'Item 2', firstAt: at('1987-06-17T00:00:00Z'), lastAt: at('1987-06-17T00:00:00Z') }),
      event({ from: 'kubelet', message: 'Item 3', firstAt: at('2002-12-25T00:00:00Z'), lastAt: at('2002-12-25T00:00:00Z') }),
    ], NOW);
    const order = ['Item 2', 'Item 3', 'Item 1'].map((m) => out.indexOf(m));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(out).toContain('Normal  Reason  37y   scheduler  Item 2\n');
  });

  it('counts ages from whole seconds, trims messages and prefixes the field path', () => {
    const out = describePod({ metadata: { name: 'bar', namespace: 'foo' } }, [
      event({
        reason: 'Pulled',
        message: '  Container image "nginx" already present on machine\n',
        firstAt: NOW - 21_001,
        lastAt: NOW - 21_001,
        fieldPath: 'spec.containers{nginx}',
      }),
    ], NOW);
    expect(out).toContain('  Normal  Pulled  22s   kubelet  spec.containers{nginx}: Container image "nginx" already present on machine\n');
  });
});

describe('describeDaemonSet', () => {
  // mirrors TestDescribeDaemonSet in kubectl/pkg/describe/describe_test.go
  it('shows the selector and the template', () => {
    const ds: DaemonSet = {
      metadata: { name: 'bar', namespace: 'foo' },
      spec: {
        selector: { matchLabels: { 'node-role.kubernetes.io/control-plane': 'true' } },
        template: { spec: { containers: [{ name: '', image: 'mytest-image:latest' }] } },
      },
    };
    const out = describeDaemonSet(ds, [], [], NOW);
    for (const s of ['bar', 'foo', 'Containers:', 'mytest-image:latest', 'Selector', 'node-role.kubernetes.io/control-plane=true']) {
      expect(out).toContain(s);
    }
  });

  // mirrors "replica set with different pod statuses" of TestDescribeReplicaSet (getPodStatusForController)
  it('counts pod phases of the pods it controls', () => {
    const pod = (name: string, phase: string, over: Partial<Pod['metadata']> = {}): Pod => ({
      metadata: {
        name,
        namespace: 'kube-system',
        labels: { name: 'fluentd-elasticsearch' },
        ownerReferences: ownedBy('ds-uid'),
        ...over,
      },
      status: { phase },
    });
    const pods = [
      pod('pod1', 'Running'),
      pod('pod2', 'Pending'),
      pod('pod3', 'Succeeded'),
      pod('pod4', 'Failed'),
      pod('pod5', 'Unknown'),
      pod('other-owner', 'Running', { ownerReferences: ownedBy('other-uid') }),
      pod('orphan', 'Running', { ownerReferences: [] }),
      pod('other-namespace', 'Running', { namespace: 'default' }),
      pod('relabelled', 'Running', { labels: { name: 'something-else' } }),
    ];
    expect(describeDaemonSet(fluentd, pods, [], NOW)).toContain(
      'Pods Status:  1 Running / 1 Waiting / 1 Succeeded / 1 Failed\n',
    );
  });

  it('prints an expression selector and a node selector as kubectl does', () => {
    const ds: DaemonSet = {
      ...fluentd,
      spec: {
        selector: {
          matchLabels: { app: 'x' },
          matchExpressions: [
            { key: 'tier', operator: 'In', values: ['web', 'api'] },
            { key: 'canary', operator: 'DoesNotExist' },
          ],
        },
        template: { spec: { containers: [], nodeSelector: { 'kubernetes.io/os': 'linux', disk: 'ssd' } } },
      },
    };
    const out = describeDaemonSet(ds, [], [], NOW);
    expect(out).toContain('Selector:       app=x,!canary,tier in (api,web)\n');
    expect(out).toContain('Node-Selector:  disk=ssd,kubernetes.io/os=linux\n');
    expect(out).toContain('  Containers: <none>\n  Volumes:         <none>\n  Node-Selectors:  disk=ssd\n                   kubernetes.io/os=linux\n');
  });

  it('matches the golden output for the fluentd DaemonSet', () => {
    expect(describeDaemonSet(fluentd, [fluentdPod], fluentdEvents, NOW)).toBe(golden('describe-daemonset.txt'));
  });
});

describe('describeNode', () => {
  const resourceList = (cpu: string, memory: string): Record<string, string> => ({ cpu, memory });
  const hugePages = (size: string, value: string): Record<string, string> => ({ [`hugepages-${size}`]: value });
  const testNode: Node = {
    metadata: { name: 'bar', uid: 'uid' },
    spec: { unschedulable: true },
    status: {
      capacity: { ...hugePages('2Mi', '4Gi'), ...resourceList('8', '24Gi'), ...hugePages('1Gi', '0') },
      allocatable: { ...hugePages('2Mi', '2Gi'), ...resourceList('4', '12Gi'), ...hugePages('1Gi', '0') },
    },
  };
  const lease: Lease = {
    metadata: { name: 'bar', namespace: 'kube-node-lease' },
    spec: { holderIdentity: 'holder', acquireTime: ago(H), renewTime: ago(0) },
  };
  const nodeEvents: DescribeEvent[] = [
    event({ message: 'Node bar status is now: NodeHasNoDiskPressure', firstAt: Date.parse('2014-01-15T00:00:00Z'), lastAt: Date.parse('2014-01-15T00:00:00Z') }),
    event({ message: 'Node bar status is now: NodeReady', firstAt: Date.parse('2014-01-15T00:00:00Z'), lastAt: Date.parse('2014-01-15T00:00:00Z'), count: 2 }),
  ];
  const podWith = (spec: Partial<NonNullable<Pod['spec']>>): Pod => ({
    metadata: { name: 'pod-with-resources', namespace: 'foo', creationTimestamp: ago(5 * M) },
    spec: { nodeName: 'bar', containers: [], ...spec },
    status: { phase: 'Running' },
  });
  const cpuMem: Container = {
    name: 'cpu-mem',
    image: 'image:latest',
    resources: { requests: resourceList('1', '1Gi'), limits: resourceList('2', '2Gi') },
  };
  const hugepages: Container = {
    name: 'hugepages',
    image: 'image:latest',
    resources: { requests: hugePages('2Mi', '512Mi'), limits: hugePages('2Mi', '512Mi') },
  };

  // mirrors TestDescribeNode in kubectl/pkg/describe/describe_test.go
  it('sums requests and limits against allocatable', () => {
    const out = describeNode(testNode, [podWith({ containers: [cpuMem, hugepages] })], nodeEvents, NOW, lease);
    for (const s of [
      'Unschedulable:      true',
      'HolderIdentity:  holder',
      `Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests     Limits
  --------           --------     ------
  cpu                1 (25%)      2 (50%)
  memory             1Gi (8%)     2Gi (16%)
  ephemeral-storage  0 (0%)       0 (0%)
  hugepages-1Gi      0 (0%)       0 (0%)
  hugepages-2Mi      512Mi (25%)  512Mi (25%)`,
      'Node bar status is now: NodeHasNoDiskPressure',
      'Node bar status is now: NodeReady',
      '10y (x2 over 10y)',
    ]) {
      expect(out).toContain(s);
    }
  });

  // mirrors TestDescribeNodeWithSidecar
  it('counts sidecar init containers as kubectl does', () => {
    const pod = podWith({
      initContainers: [
        { name: 'init-container-1', restartPolicy: 'Always', resources: { requests: resourceList('1', '1Gi') } },
        { name: 'init-container-2', resources: { requests: resourceList('1', '1Gi') } },
      ],
      containers: [cpuMem, hugepages],
    });
    expect(describeNode(testNode, [pod], nodeEvents, NOW, lease)).toContain(`  Resource           Requests     Limits
  --------           --------     ------
  cpu                2 (50%)      2 (50%)
  memory             2Gi (16%)    2Gi (16%)
  ephemeral-storage  0 (0%)       0 (0%)
  hugepages-1Gi      0 (0%)       0 (0%)
  hugepages-2Mi      512Mi (25%)  512Mi (25%)`);
  });

  // mirrors TestGetPodsTotalRequests (ephemeral-storage instead of storage, which the table does not show)
  it('adds quantities exactly across pods', () => {
    const req = (cpu: string, memory: string, storage: string): Container => ({
      name: cpu,
      resources: { requests: { cpu, memory, 'ephemeral-storage': storage } },
    });
    const pods: Pod[] = [
      { ...podWith({ containers: [req('1', '300Mi', '1G'), req('90m', '120Mi', '200M')] }), metadata: { name: 'a', namespace: 'ns' } },
      { ...podWith({ containers: [req('60m', '43Mi', '500M'), req('34m', '83Mi', '700M')] }), metadata: { name: 'b', namespace: 'ns' } },
    ];
    const node: Node = { metadata: { name: 'bar' }, status: { allocatable: { cpu: '4', memory: '12Gi', 'ephemeral-storage': '100G' } } };
    const out = describeNode(node, pods, [], NOW);
    expect(out).toContain('  cpu                1184m (29%)  0 (0%)\n  memory             546Mi (4%)   0 (0%)\n  ephemeral-storage  2400M (2%)   0 (0%)\n');
    expect(out).toContain('  ns                          a       1090m (27%)   0 (0%)      420Mi (3%)       0 (0%)         <unknown>\n');
  });

  it('keeps only non-terminated pods bound to the node, and shows extended resources', () => {
    const pod = (name: string, nodeName: string, phase: string): Pod => ({
      metadata: { name, namespace: 'default', creationTimestamp: ago(90 * S) },
      spec: { nodeName, containers: [{ name: 'c', resources: { limits: { 'example.com/gpu': '1' } } }] },
      status: { phase },
    });
    const node: Node = {
      metadata: { name: 'n1' },
      status: { capacity: { cpu: '2', memory: '4Gi', pods: '110', 'example.com/gpu': '2' } },
    };
    const out = describeNode(
      node,
      [pod('running', 'n1', 'Running'), pod('pending', 'n1', 'Pending'), pod('done', 'n1', 'Succeeded'), pod('failed', 'n1', 'Failed'), pod('elsewhere', 'n2', 'Running')],
      [],
      NOW,
    );
    expect(out).toContain('Non-terminated Pods:          (2 in total)\n');
    expect(out).toContain('  default                     running    0 (0%)        0 (0%)      0 (0%)           0 (0%)         90s\n');
    expect(out).not.toContain('elsewhere');
    expect(out).toContain('  example.com/gpu    0         2\n');
    expect(out).toContain('Lease:\n  HolderIdentity:  <unset>\n  AcquireTime:     <unset>\n  RenewTime:       <unset>\n');
  });

  it('matches the golden output for a kind control-plane node', () => {
    expect(describeNode(node1, [fluentdPod], fluentdEvents.slice(0, 0), NOW, nodeLease)).toBe(golden('describe-node.txt'));
  });
});

describe('describeControllerRevision', () => {
  // mirrors TestDescribeUnstructuredContent (the generic describer kubectl uses for kinds without a describer)
  it('prints unstructured content with smart labels', () => {
    const obj = {
      apiVersion: 'v1',
      kind: 'Test',
      dummyDummy: 'present',
      'dummy/dummy': 'present',
      'dummy-dummy@dummy': 'present',
      'dummy-dummy': 'present',
      dummy2: 'present',
      metadata: {
        name: 'MyName',
        namespace: 'MyNamespace',
        creationTimestamp: '2017-04-01T00:00:00Z',
        resourceVersion: 123,
        uid: '00000000-0000-0000-0000-000000000001',
      },
      items: [{ itemBool: true, itemInt: 42 }],
      url: 'http://localhost',
      status: 'ok',
    };
    expect(describeGeneric(obj as never, NOW)).toBe(
      tab(`Name:\tMyName
Namespace:\tMyNamespace
Labels:\t<none>
Annotations:\t<none>
API Version:\tv1
Dummy - Dummy:\tpresent
dummy-dummy@dummy:\tpresent
dummy/dummy:\tpresent
dummy2:\tpresent
Dummy Dummy:\tpresent
Items:
  Item Bool:\ttrue
  Item Int:\t42
Kind:\tTest
Metadata:
  Creation Timestamp:\t2017-04-01T00:00:00Z
  Resource Version:\t123
  UID:\t00000000-0000-0000-0000-000000000001
Status:\tok
URL:\thttp://localhost
Events:\t<none>
`),
    );
  });

  it('matches the golden output for a DaemonSet revision', () => {
    const revision: ControllerRevision = {
      metadata: {
        name: 'fluentd-elasticsearch-6b7f8c9d4',
        namespace: 'kube-system',
        uid: 'cr-uid',
        resourceVersion: '1234',
        creationTimestamp: ago(H),
        labels: { 'controller-revision-hash': '6b7f8c9d4', name: 'fluentd-elasticsearch' },
        annotations: { 'deprecated.daemonset.template.generation': '1' },
        ownerReferences: ownedBy('ds-uid'),
      },
      revision: 1,
      data: {
        spec: {
          template: {
            $patch: 'replace',
            metadata: { creationTimestamp: null, labels: { name: 'fluentd-elasticsearch' } },
            spec: {
              containers: [
                {
                  image: 'quay.io/fluentd_elasticsearch/fluentd:v2.5.2',
                  name: 'fluentd-elasticsearch',
                  resources: { limits: { memory: '200Mi' }, requests: { cpu: '100m', memory: '200Mi' } },
                  volumeMounts: [
                    { mountPath: '/var/log', name: 'varlog' },
                    { mountPath: '/var/lib/docker/containers', name: 'varlibdockercontainers', readOnly: true },
                  ],
                },
              ],
              terminationGracePeriodSeconds: 30,
              tolerations: [{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane', operator: 'Exists' }],
            },
          },
        },
      } as ControllerRevision['data'],
    };
    expect(describeControllerRevision(revision, [], NOW)).toBe(golden('describe-controllerrevision.txt'));
  });
});

// The expected texts are what kubectl prints for these objects (v1.32, with the current source's changes noted).
describe('stored kinds with describers of their own', () => {
  it('describes a ServiceAccount by its image pull secrets (current kubectl: no Mountable secrets or Tokens)', () => {
    const sa = {
      metadata: { name: 'agent', namespace: 'default', labels: { app: 'agent' } },
      imagePullSecrets: [{ name: 'regcred' }, { name: 'mirror' }],
    };
    expect(describeServiceAccount(sa, [], NOW)).toBe(
      [
        'Name:                agent',
        'Namespace:           default',
        'Labels:              app=agent',
        'Annotations:         <none>',
        'Image pull secrets:  regcred',
        '                     mirror',
        'Events:              <none>',
        '',
      ].join('\n'),
    );
    expect(describeServiceAccount({ metadata: { name: 'default', namespace: 'ns' } }, [], NOW)).toContain('Image pull secrets:  <none>\n');
  });

  it('describes a ConfigMap with its data in key order and binary data sizes', () => {
    const cm = {
      metadata: { name: 'agent-config', namespace: 'default', annotations: { note: 'hello' } },
      data: { 'z.conf': 'last', 'a.conf': 'line one\nline two\n' },
      binaryData: { blob: 'aGVsbG8=' },
    };
    expect(describeConfigMap(cm, [], NOW)).toBe(
      [
        'Name:         agent-config',
        'Namespace:    default',
        'Labels:       <none>',
        'Annotations:  note: hello',
        '',
        'Data',
        '====',
        'a.conf:',
        '----',
        'line one',
        'line two',
        '',
        '',
        'z.conf:',
        '----',
        'last',
        '',
        '',
        'BinaryData',
        '====',
        'blob: 5 bytes',
        '',
        'Events:  <none>',
        '',
      ].join('\n'),
    );
  });

  it('describes a Secret by sizes, as stored: stringData merged into data, type Opaque by default', () => {
    const token = {
      metadata: { name: 'agent-token', namespace: 'default' },
      type: 'kubernetes.io/service-account-token',
      data: { token: 'c2VjcmV0LXRva2Vu', 'ca.crt': 'AAEC' },
    };
    expect(describeSecret(token)).toBe(
      [
        'Name:         agent-token',
        'Namespace:    default',
        'Labels:       <none>',
        'Annotations:  <none>',
        '',
        'Type:  kubernetes.io/service-account-token',
        '',
        'Data',
        '====',
        'ca.crt:  3 bytes',
        'token:   secret-token',
        '',
      ].join('\n'),
    );
    const plain = { metadata: { name: 'plain', namespace: 'default' }, data: { password: 'cGFzcw==' }, stringData: { user: 'admin', password: 'longer-pass' } };
    expect(describeSecret(plain)).toBe(
      [
        'Name:         plain',
        'Namespace:    default',
        'Labels:       <none>',
        'Annotations:  <none>',
        '',
        'Type:  Opaque',
        '',
        'Data',
        '====',
        'password:  11 bytes',
        'user:      5 bytes',
        '',
      ].join('\n'),
    );
  });

  it('describes a ClusterRole by its rules broken down, compacted (verbs once each) and sorted as kubectl does', () => {
    const role = {
      metadata: { name: 'agent' },
      rules: [
        { apiGroups: [''], resources: ['nodes', 'pods'], verbs: ['get', 'list'] },
        { apiGroups: [''], resources: ['nodes'], verbs: ['watch', 'get'] },
        { apiGroups: ['apps'], resources: ['daemonsets/status'], resourceNames: ['a', 'b'], verbs: ['update'] },
        { nonResourceURLs: ['/metrics', '/healthz'], verbs: ['get'] },
      ],
    };
    expect(describeRole(role)).toBe(
      [
        'Name:         agent',
        'Labels:       <none>',
        'Annotations:  <none>',
        'PolicyRule:',
        '  Resources               Non-Resource URLs  Resource Names  Verbs',
        '  ---------               -----------------  --------------  -----',
        '  nodes                   []                 []              [get list watch]',
        '  pods                    []                 []              [get list]',
        '                          [/healthz]         []              [get]',
        '                          [/metrics]         []              [get]',
        '  daemonsets.apps/status  []                 [a]             [update]',
        '  daemonsets.apps/status  []                 [b]             [update]',
        '',
      ].join('\n'),
    );
  });

  it('describes a RoleBinding by its role and subjects', () => {
    const binding = {
      metadata: { name: 'agent', namespace: 'default' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'agent' },
      subjects: [
        { kind: 'ServiceAccount', name: 'agent', namespace: 'default' },
        { kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' },
      ],
    };
    expect(describeRoleBinding(binding)).toBe(
      [
        'Name:         agent',
        'Labels:       <none>',
        'Annotations:  <none>',
        'Role:',
        '  Kind:  ClusterRole',
        '  Name:  agent',
        'Subjects:',
        '  Kind            Name   Namespace',
        '  ----            ----   ---------',
        '  ServiceAccount  agent  default',
        '  User            jane   ',
        '',
      ].join('\n'),
    );
  });
});

describe('describePodDisruptionBudget', () => {
  // What kubectl v1.32 prints for calico's PodDisruptionBudget, no pods matching.
  it('prints the budget, the selector and the status, the status block aligning the events line', () => {
    const pdb = {
      metadata: { name: 'calico-kube-controllers', namespace: 'kube-system', labels: { 'k8s-app': 'calico-kube-controllers' } },
      spec: { maxUnavailable: 1, selector: { matchLabels: { 'k8s-app': 'calico-kube-controllers' } } },
    };
    expect(describePodDisruptionBudget(pdb, [], NOW)).toBe(
      [
        'Name:             calico-kube-controllers',
        'Namespace:        kube-system',
        'Max unavailable:  1',
        'Selector:         k8s-app=calico-kube-controllers',
        'Status:',
        '    Allowed disruptions:  0',
        '    Current:              0',
        '    Desired:              0',
        '    Total:                0',
        'Events:                   <none>',
        '',
      ].join('\n'),
    );
    expect(describePodDisruptionBudget({ metadata: { name: 'p', namespace: 'n' }, spec: { minAvailable: '50%' } }, null, NOW)).toContain(
      'Min available:  50%\nSelector:       <unset>\n',
    );
  });
});

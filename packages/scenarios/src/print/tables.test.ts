import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import type { ControllerRevision, DaemonSet } from 'kubernetes-types/apps/v1';
import type { Container, ContainerStatus, Event as CoreEvent, Namespace, Node, Pod } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import {
  printEvent,
  CONTROLLER_REVISION_COLUMNS,
  controllerRevisionTable,
  daemonSetTable,
  formatLabels,
  kindPrefix,
  namespaceTable,
  nodeTable,
  noResourcesFoundMessage,
  objectMetaTable,
  podTable,
  printControllerRevision,
  printDaemonSet,
  printNamespace,
  printNode,
  printObjectMeta,
  printPod,
  printTable,
  printTables,
  renderGet,
  translateTimestampSince,
  type PrintOptions,
  type Table,
  type TableCell,
} from './tables.ts';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const NOW = Date.parse('2024-06-01T12:00:00Z');
// RFC 3339 with whole seconds, as the API server writes metav1.Time.
const ago = (ms: number): string => new Date(NOW - ms).toISOString().replace('.000Z', 'Z');

const golden = (name: string): string => readFileSync(new URL(`./__golden__/${name}`, import.meta.url), 'utf8');

// Go's tests use make([]api.Container, n) and partial ContainerStatus literals; these fill the required fields.
const containers = (n: number): Container[] => Array.from({ length: n }, () => ({ name: '' }));
const cs = (status: Partial<ContainerStatus>): ContainerStatus => ({
  name: '',
  ready: false,
  restartCount: 0,
  image: '',
  imageID: '',
  ...status,
});
const running = { running: {} };
const terminatedAgo = (ms: number) => ({ terminated: { exitCode: 0, finishedAt: ago(ms) } });

// Go's printer tests compare the cells of GenerateOptions{} rows: the first five for pods and nodes.
const podCells = (pod: Pod): readonly TableCell[] => printPod(pod, NOW).cells.slice(0, 5);

describe('printPod', () => {
  const deleteTime = ago(10 * S);

  // mirrors TestPrintPod in pkg/printers/internalversion/printers_test.go
  it.each<[string, Pod, readonly TableCell[]]>([
    [
      'name, num of containers, restarts, container ready status',
      {
        metadata: { name: 'test1' },
        spec: { containers: containers(2) },
        status: { phase: 'podPhase', containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ restartCount: 3 })] },
      },
      ['test1', '1/2', 'podPhase', '6', '<unknown>'],
    ],
    [
      'container error overwrites pod phase',
      {
        metadata: { name: 'test2' },
        spec: { containers: containers(2) },
        status: {
          phase: 'podPhase',
          containerStatuses: [
            cs({ ready: true, restartCount: 3, state: running }),
            cs({ state: { waiting: { reason: 'ContainerWaitingReason' } }, restartCount: 3 }),
          ],
        },
      },
      ['test2', '1/2', 'ContainerWaitingReason', '6', '<unknown>'],
    ],
    [
      'the first container with a reason overwrites the rest',
      {
        metadata: { name: 'test3' },
        spec: { containers: containers(2) },
        status: {
          phase: 'podPhase',
          containerStatuses: [
            cs({ state: { waiting: { reason: 'ContainerWaitingReason' } }, restartCount: 3 }),
            cs({ state: { terminated: { exitCode: 0, reason: 'ContainerTerminatedReason' } }, restartCount: 3 }),
          ],
        },
      },
      ['test3', '0/2', 'ContainerWaitingReason', '6', '<unknown>'],
    ],
    [
      'ready is not enough for reporting running',
      {
        metadata: { name: 'test4' },
        spec: { containers: containers(2) },
        status: {
          phase: 'podPhase',
          containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ ready: true, restartCount: 3 })],
        },
      },
      ['test4', '1/2', 'podPhase', '6', '<unknown>'],
    ],
    [
      'pod reason overrides the phase',
      {
        metadata: { name: 'test5' },
        spec: { containers: containers(2) },
        status: {
          reason: 'podReason',
          phase: 'podPhase',
          containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ ready: true, restartCount: 3 })],
        },
      },
      ['test5', '1/2', 'podReason', '6', '<unknown>'],
    ],
    [
      'one running and one completed container, without ready condition',
      {
        metadata: { name: 'test6' },
        spec: { containers: containers(2) },
        status: {
          phase: 'Running',
          containerStatuses: [
            cs({ ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } }),
            cs({ ready: true, restartCount: 3, state: running }),
          ],
        },
      },
      ['test6', '1/2', 'NotReady', '6', '<unknown>'],
    ],
    [
      'one running and one completed container, with ready condition',
      {
        metadata: { name: 'test6' },
        spec: { containers: containers(2) },
        status: {
          phase: 'Running',
          containerStatuses: [
            cs({ ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } }),
            cs({ ready: true, restartCount: 3, state: running }),
          ],
          conditions: [{ type: 'Ready', status: 'True' }],
        },
      },
      ['test6', '1/2', 'Running', '6', '<unknown>'],
    ],
    [
      '1 init container restarting and 1 container not running',
      {
        metadata: { name: 'test7' },
        spec: { initContainers: containers(1), containers: containers(1) },
        status: {
          phase: 'podPhase',
          initContainerStatuses: [cs({ restartCount: 3, state: running, lastState: terminatedAgo(10 * S) })],
          containerStatuses: [cs({ state: { waiting: {} } })],
        },
      },
      ['test7', '0/1', 'Init:0/1', '3 (10s ago)', '<unknown>'],
    ],
    [
      '2 init containers, one restarting and the other not running',
      {
        metadata: { name: 'test8' },
        spec: { initContainers: containers(2), containers: containers(1) },
        status: {
          phase: 'podPhase',
          initContainerStatuses: [
            cs({ restartCount: 3, state: running, lastState: terminatedAgo(10 * S) }),
            cs({ state: { waiting: {} } }),
          ],
          containerStatuses: [cs({ state: { waiting: {} } })],
        },
      },
      ['test8', '0/1', 'Init:0/2', '3 (10s ago)', '<unknown>'],
    ],
    [
      '2 init containers, one completed without restarts and the other restarting',
      {
        metadata: { name: 'test9' },
        spec: { initContainers: containers(2), containers: containers(1) },
        status: {
          phase: 'podPhase',
          initContainerStatuses: [
            cs({ state: { terminated: { exitCode: 0 } } }),
            cs({ restartCount: 3, state: running, lastState: terminatedAgo(10 * S) }),
          ],
          containerStatuses: [cs({ state: { waiting: {} } })],
        },
      },
      ['test9', '0/1', 'Init:1/2', '3 (10s ago)', '<unknown>'],
    ],
    [
      '2 init containers, one completed with restarts and the other restarting',
      {
        metadata: { name: 'test10' },
        spec: { initContainers: containers(2), containers: containers(1) },
        status: {
          phase: 'podPhase',
          initContainerStatuses: [
            cs({ restartCount: 2, state: { terminated: { exitCode: 0 } }, lastState: terminatedAgo(2 * M) }),
            cs({ restartCount: 3, state: running, lastState: terminatedAgo(10 * S) }),
          ],
          containerStatuses: [cs({ state: { waiting: {} } })],
        },
      },
      ['test10', '0/1', 'Init:1/2', '5 (10s ago)', '<unknown>'],
    ],
    [
      '1 init container completed with restarts and one container restarting',
      {
        metadata: { name: 'test11' },
        spec: { initContainers: containers(1), containers: containers(1) },
        status: {
          phase: 'Running',
          initContainerStatuses: [
            cs({ restartCount: 2, state: { terminated: { exitCode: 0 } }, lastState: terminatedAgo(2 * M) }),
          ],
          containerStatuses: [cs({ restartCount: 4, state: running, lastState: terminatedAgo(20 * S) })],
        },
      },
      ['test11', '0/1', 'Running', '4 (20s ago)', '<unknown>'],
    ],
    [
      '1 container that restarted 5d ago',
      {
        metadata: { name: 'test12' },
        spec: { containers: containers(1) },
        status: {
          phase: 'Running',
          containerStatuses: [cs({ ready: true, restartCount: 3, state: running, lastState: terminatedAgo(5 * D) })],
        },
      },
      ['test12', '1/1', 'Running', '3 (5d ago)', '<unknown>'],
    ],
    [
      '2 containers, one never restarted and the other restarted 10d ago',
      {
        metadata: { name: 'test13' },
        spec: { containers: containers(2) },
        status: {
          phase: 'Running',
          containerStatuses: [
            cs({ ready: true, state: running }),
            cs({ ready: true, restartCount: 3, state: running, lastState: terminatedAgo(10 * D) }),
          ],
        },
      },
      ['test13', '2/2', 'Running', '3 (10d ago)', '<unknown>'],
    ],
    [
      '2 containers, one restarted 5d ago and the other restarted 20d ago',
      {
        metadata: { name: 'test14' },
        spec: { containers: containers(2) },
        status: {
          phase: 'Running',
          containerStatuses: [
            cs({ ready: true, restartCount: 6, state: running, lastState: terminatedAgo(5 * D) }),
            cs({ ready: true, restartCount: 3, state: running, lastState: terminatedAgo(20 * D) }),
          ],
        },
      },
      ['test14', '2/2', 'Running', '9 (5d ago)', '<unknown>'],
    ],
    [
      'PodScheduled condition with reason SchedulingGated',
      {
        metadata: { name: 'test15' },
        spec: { containers: containers(2) },
        status: { phase: 'podPhase', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] },
      },
      ['test15', '0/2', 'SchedulingGated', '0', '<unknown>'],
    ],
    [
      'pod condition succeed',
      {
        metadata: { name: 'test16' },
        spec: { containers: containers(1) },
        status: {
          phase: 'Succeeded',
          containerStatuses: [cs({ state: { terminated: { reason: 'Completed', exitCode: 0 } } })],
        },
      },
      ['test16', '0/1', 'Completed', '0', '<unknown>'],
    ],
    [
      'pod condition failed',
      {
        metadata: { name: 'test17' },
        spec: { containers: containers(1) },
        status: { phase: 'Failed', containerStatuses: [cs({ state: { terminated: { reason: 'Error', exitCode: 1 } } })] },
      },
      ['test17', '0/1', 'Error', '0', '<unknown>'],
    ],
    [
      'pod condition succeed with deletion',
      {
        metadata: { name: 'test18', deletionTimestamp: deleteTime },
        spec: { containers: containers(1) },
        status: {
          phase: 'Succeeded',
          containerStatuses: [cs({ state: { terminated: { reason: 'Completed', exitCode: 0 } } })],
        },
      },
      ['test18', '0/1', 'Completed', '0', '<unknown>'],
    ],
    [
      'pod condition running with deletion',
      {
        metadata: { name: 'test19', deletionTimestamp: deleteTime },
        spec: { containers: containers(1) },
        status: { phase: 'Running', containerStatuses: [cs({ state: running })] },
      },
      ['test19', '0/1', 'Terminating', '0', '<unknown>'],
    ],
    [
      'pod condition pending with deletion',
      { metadata: { name: 'test20', deletionTimestamp: deleteTime }, spec: { containers: containers(1) }, status: { phase: 'Pending' } },
      ['test20', '0/1', 'Terminating', '0', '<unknown>'],
    ],
  ])('TestPrintPod: %s', (_name, pod, want) => {
    expect(podCells(pod)).toEqual(want);
  });

  const restartable = (name: string): Container => ({ name, restartPolicy: 'Always' });

  // mirrors TestPrintPodWithRestartableInitContainer in pkg/printers/internalversion/printers_test.go
  it.each<[string, Pod, readonly TableCell[]]>([
    [
      '2 restartable init containers, the first one running but not started',
      {
        metadata: { name: 'test1' },
        spec: { initContainers: [restartable('restartable-init-1'), restartable('restartable-init-2')], containers: containers(1) },
        status: {
          phase: 'Pending',
          initContainerStatuses: [
            cs({ name: 'restartable-init-1', restartCount: 3, state: running, started: false, lastState: terminatedAgo(10 * S) }),
            cs({ name: 'restartable-init-2', state: { waiting: {} }, started: false }),
          ],
          containerStatuses: [cs({ state: { waiting: {} } })],
          conditions: [{ type: 'Initialized', status: 'False' }],
        },
      },
      ['test1', '0/3', 'Init:0/2', '3 (10s ago)', '<unknown>'],
    ],
    [
      '2 restartable init containers, the first started and the second running but not started',
      {
        metadata: { name: 'test1' },
        spec: { initContainers: [restartable('restartable-init-1'), restartable('restartable-init-2')], containers: containers(1) },
        status: {
          phase: 'Pending',
          initContainerStatuses: [
            cs({ name: 'restartable-init-1', restartCount: 3, state: running, started: true, lastState: terminatedAgo(10 * S) }),
            cs({ name: 'restartable-init-2', state: running, started: false }),
          ],
          containerStatuses: [cs({ state: { waiting: {} } })],
          conditions: [{ type: 'Initialized', status: 'False' }],
        },
      },
      ['test1', '0/3', 'Init:1/2', '3 (10s ago)', '<unknown>'],
    ],
    [
      '2 restartable init containers started and 1 container running',
      {
        metadata: { name: 'test2' },
        spec: { initContainers: [restartable('restartable-init-1'), restartable('restartable-init-2')], containers: containers(1) },
        status: {
          phase: 'Running',
          initContainerStatuses: [
            cs({ name: 'restartable-init-1', restartCount: 3, state: running, started: true, lastState: terminatedAgo(10 * S) }),
            cs({ name: 'restartable-init-2', state: running, started: true }),
          ],
          containerStatuses: [cs({ ready: true, restartCount: 4, state: running, lastState: terminatedAgo(20 * S) })],
          conditions: [{ type: 'Initialized', status: 'True' }],
        },
      },
      ['test2', '1/3', 'Running', '7 (10s ago)', '<unknown>'],
    ],
    [
      '2 restartable init containers completed with non-zero and 1 container completed',
      {
        metadata: { name: 'test3' },
        spec: { initContainers: [restartable('restartable-init-1'), restartable('restartable-init-2')], containers: containers(1) },
        status: {
          phase: 'Succeeded',
          initContainerStatuses: [
            cs({
              name: 'restartable-init-1',
              restartCount: 3,
              state: { terminated: { reason: 'Error', exitCode: 137 } },
              started: false,
              lastState: terminatedAgo(10 * S),
            }),
            cs({ name: 'restartable-init-2', state: { terminated: { reason: 'Error', exitCode: 137 } }, started: false }),
          ],
          containerStatuses: [
            cs({ restartCount: 4, state: { terminated: { reason: 'Completed', exitCode: 0 } }, lastState: terminatedAgo(20 * S) }),
          ],
          conditions: [{ type: 'Initialized', status: 'True' }],
        },
      },
      ['test3', '0/3', 'Completed', '7 (10s ago)', '<unknown>'],
    ],
    [
      'container statuses for non-existent initContainers and containers',
      {
        metadata: { name: 'test4' },
        spec: {
          initContainers: [
            { name: 'init1', image: 'initimage' },
            { name: 'sidecar1', image: 'sidecarimage', restartPolicy: 'Always' },
          ],
          containers: [{ name: 'container1', image: 'containerimage' }],
        },
        status: {
          phase: 'Running',
          initContainerStatuses: [cs({ name: 'initinvalid' }), cs({ name: 'init1' }), cs({ name: 'sidecar1' })],
          containerStatuses: [cs({ name: 'containerinvalid' }), cs({ name: 'container1' })],
        },
      },
      ['test4', '0/2', 'Init:0/2', '0', '<unknown>'],
    ],
  ])('TestPrintPodWithRestartableInitContainer: %s', (_name, pod, want) => {
    expect(podCells(pod)).toEqual(want);
  });

  // mirrors TestPrintPodwide in pkg/printers/internalversion/printers_test.go
  it.each<[string, Pod, readonly TableCell[]]>([
    [
      'NodeName and PodIP are set',
      {
        metadata: { name: 'test1' },
        spec: {
          containers: containers(2),
          nodeName: 'test1',
          readinessGates: [{ conditionType: 'condition1' }, { conditionType: 'condition2' }, { conditionType: 'condition3' }],
        },
        status: {
          conditions: [
            { type: 'condition1', status: 'False' },
            { type: 'condition2', status: 'True' },
          ],
          phase: 'podPhase',
          podIPs: [{ ip: '1.1.1.1' }],
          containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ restartCount: 3 })],
          nominatedNodeName: 'node1',
        },
      },
      ['test1', '1/2', 'podPhase', '6', '<unknown>', '1.1.1.1', 'test1', 'node1', '1/3'],
    ],
    [
      'dual-stack: the first pod IP',
      {
        metadata: { name: 'test1' },
        spec: {
          containers: containers(2),
          nodeName: 'test1',
          readinessGates: [{ conditionType: 'condition1' }, { conditionType: 'condition2' }, { conditionType: 'condition3' }],
        },
        status: {
          conditions: [
            { type: 'condition1', status: 'False' },
            { type: 'condition2', status: 'True' },
          ],
          phase: 'podPhase',
          podIPs: [{ ip: '1.1.1.1' }, { ip: '2001:db8::' }],
          containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ restartCount: 3 })],
          nominatedNodeName: 'node1',
        },
      },
      ['test1', '1/2', 'podPhase', '6', '<unknown>', '1.1.1.1', 'test1', 'node1', '1/3'],
    ],
    [
      'NodeName and PodIP are none',
      {
        metadata: { name: 'test2' },
        spec: { containers: containers(2), nodeName: '' },
        status: {
          phase: 'podPhase',
          containerStatuses: [
            cs({ ready: true, restartCount: 3, state: running }),
            cs({ state: { waiting: { reason: 'ContainerWaitingReason' } }, restartCount: 3 }),
          ],
        },
      },
      ['test2', '1/2', 'ContainerWaitingReason', '6', '<unknown>', '<none>', '<none>', '<none>', '<none>'],
    ],
  ])('TestPrintPodwide: %s', (_name, pod, want) => {
    expect(printPod(pod, NOW).cells).toEqual(want);
  });

  // mirrors TestPrintPodConditions and TestPrintNonTerminatedPod in pkg/printers/internalversion/printers_test.go
  it.each(['Running', 'Pending', 'Unknown', 'Succeeded', 'Failed'])('TestPrintNonTerminatedPod: phase %s is printed', (phase) => {
    const pod: Pod = {
      metadata: { name: 'test1', labels: { a: '1', b: '2' } },
      spec: { containers: containers(2) },
      status: { phase, containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ restartCount: 3 })] },
    };
    expect(podCells(pod)).toEqual(['test1', '1/2', phase, '6', '<unknown>']);
  });

  it('TestPrintPodList: one row per pod, in order', () => {
    const table = podTable(
      [
        {
          metadata: { name: 'test1' },
          spec: { containers: containers(2) },
          status: {
            phase: 'podPhase',
            containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ ready: true, restartCount: 3, state: running })],
          },
        },
        {
          metadata: { name: 'test2' },
          spec: { containers: containers(1) },
          status: { phase: 'podPhase', containerStatuses: [cs({ ready: true, restartCount: 1, state: running })] },
        },
      ],
      NOW,
    );
    expect(table.rows.map((r) => r.cells.slice(0, 5))).toEqual([
      ['test1', '2/2', 'podPhase', '6', '<unknown>'],
      ['test2', '1/1', 'podPhase', '1', '<unknown>'],
    ]);
  });

  it('shows Unknown for a deleted pod on a lost node (reason NodeLost)', () => {
    const pod: Pod = {
      metadata: { name: 'p', deletionTimestamp: ago(S) },
      spec: { containers: containers(1) },
      status: { phase: 'Running', reason: 'NodeLost', containerStatuses: [cs({ ready: true, state: running })] },
    };
    expect(podCells(pod)[2]).toBe('Unknown');
  });

  it.each<[string, Pod, string]>([
    [
      'init container killed by a signal',
      { spec: { initContainers: containers(1), containers: containers(1) }, status: { initContainerStatuses: [cs({ state: { terminated: { exitCode: 137, signal: 9 } } })] } },
      'Init:Signal:9',
    ],
    [
      'init container exit code without reason',
      { spec: { initContainers: containers(1), containers: containers(1) }, status: { initContainerStatuses: [cs({ state: { terminated: { exitCode: 3 } } })] } },
      'Init:ExitCode:3',
    ],
    [
      'init container terminated with a reason',
      { spec: { initContainers: containers(1), containers: containers(1) }, status: { initContainerStatuses: [cs({ state: { terminated: { exitCode: 1, reason: 'Error' } } })] } },
      'Init:Error',
    ],
    [
      'init container waiting in a back-off',
      { spec: { initContainers: containers(1), containers: containers(1) }, status: { initContainerStatuses: [cs({ state: { waiting: { reason: 'CrashLoopBackOff' } } })] } },
      'Init:CrashLoopBackOff',
    ],
    [
      'PodInitializing is not an init reason',
      { spec: { initContainers: containers(2), containers: containers(1) }, status: { initContainerStatuses: [cs({ state: { waiting: { reason: 'PodInitializing' } } })] } },
      'Init:0/2',
    ],
    [
      'container killed by a signal',
      { spec: { containers: containers(1) }, status: { phase: 'Running', containerStatuses: [cs({ state: { terminated: { exitCode: 0, signal: 15 } } })] } },
      'Signal:15',
    ],
    [
      'container exit code without reason',
      { spec: { containers: containers(1) }, status: { phase: 'Running', containerStatuses: [cs({ state: { terminated: { exitCode: 2 } } })] } },
      'ExitCode:2',
    ],
    [
      'ContainerCreating while pending',
      { spec: { containers: containers(1) }, status: { phase: 'Pending', containerStatuses: [cs({ state: { waiting: { reason: 'ContainerCreating' } } })] } },
      'ContainerCreating',
    ],
  ])('STATUS: %s', (_name, pod, want) => {
    expect(podCells(pod)[2]).toBe(want);
  });

  it('prefers status.podIP over podIPs, as the v1 to internal conversion does', () => {
    const pod: Pod = { spec: { containers: [] }, status: { podIP: '10.0.0.9', podIPs: [{ ip: '10.0.0.8' }] } };
    expect(printPod(pod, NOW).cells[5]).toBe('10.0.0.9');
    expect(printPod({ spec: { containers: [] }, status: { podIP: '10.0.0.7' } }, NOW).cells[5]).toBe('10.0.0.7');
  });

  it('computes AGE from creationTimestamp and now', () => {
    const pod: Pod = { metadata: { name: 'p', creationTimestamp: ago(4 * D + 21 * H + 3 * M) }, spec: { containers: [] } };
    expect(podCells(pod)).toEqual(['p', '0/0', '', '0', '4d21h']);
  });
});

describe('printNode', () => {
  const nodeCells = (node: Node): readonly TableCell[] => printNode(node, NOW).cells.slice(0, 5);

  // mirrors TestPrintNodeStatus in pkg/printers/internalversion/printers_test.go
  it.each<[Node, string]>([
    [{ metadata: { name: 'foo1' }, status: { conditions: [{ type: 'Ready', status: 'True' }] } }, 'Ready'],
    [{ metadata: { name: 'foo2' }, spec: { unschedulable: true }, status: { conditions: [{ type: 'Ready', status: 'True' }] } }, 'Ready,SchedulingDisabled'],
    [{ metadata: { name: 'foo3' }, status: { conditions: [{ type: 'Ready', status: 'True' }, { type: 'Ready', status: 'True' }] } }, 'Ready'],
    [{ metadata: { name: 'foo4' }, status: { conditions: [{ type: 'Ready', status: 'False' }] } }, 'NotReady'],
    [{ metadata: { name: 'foo5' }, spec: { unschedulable: true }, status: { conditions: [{ type: 'Ready', status: 'False' }] } }, 'NotReady,SchedulingDisabled'],
    [{ metadata: { name: 'foo6' }, status: { conditions: [{ type: 'InvalidValue', status: 'True' }] } }, 'Unknown'],
    [{ metadata: { name: 'foo7' }, status: { conditions: [{ type: '', status: '' }] } }, 'Unknown'],
    [{ metadata: { name: 'foo8' }, spec: { unschedulable: true }, status: { conditions: [{ type: 'InvalidValue', status: 'True' }] } }, 'Unknown,SchedulingDisabled'],
    [{ metadata: { name: 'foo9' }, spec: { unschedulable: true }, status: { conditions: [{ type: '', status: '' }] } }, 'Unknown,SchedulingDisabled'],
  ])('TestPrintNodeStatus %#: %s', (node, status) => {
    expect(nodeCells(node)).toEqual([node.metadata?.name, status, '<none>', '<unknown>', '']);
  });

  it('shows NotReady when the Ready condition is Unknown (node lost)', () => {
    expect(nodeCells({ metadata: { name: 'n' }, status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } })[1]).toBe('NotReady');
  });

  // mirrors TestPrintNodeRole in pkg/printers/internalversion/printers_test.go
  it.each<[Node, string]>([
    [{ metadata: { name: 'foo9' } }, '<none>'],
    [
      {
        metadata: {
          name: 'foo10',
          labels: {
            'node-role.kubernetes.io/master': '',
            'node-role.kubernetes.io/control-plane': '',
            'node-role.kubernetes.io/proxy': '',
            'kubernetes.io/role': 'node',
          },
        },
      },
      'control-plane,master,node,proxy',
    ],
    [{ metadata: { name: 'foo11', labels: { 'kubernetes.io/role': 'node' } } }, 'node'],
    [{ metadata: { name: 'n', labels: { 'node-role.kubernetes.io/': 'x', 'kubernetes.io/role': '' } } }, '<none>'],
    [{ metadata: { name: 'n', labels: { 'node-role.kubernetes.io/worker': 'ignored-value', 'kubernetes.io/role': 'worker' } } }, 'worker'],
  ])('TestPrintNodeRole %#: %s', (node, roles) => {
    expect(nodeCells(node)[2]).toBe(roles);
  });

  // mirrors TestPrintNodeOSImage, TestPrintNodeKernelVersion, TestPrintNodeContainerRuntimeVersion,
  // TestPrintNodeExternalIP and TestPrintNodeInternalIP in pkg/printers/internalversion/printers_test.go
  const ext = [{ type: 'ExternalIP', address: '1.1.1.1' }];
  it.each<[string, Node, readonly TableCell[]]>([
    ['OSImage', { metadata: { name: 'foo1' }, status: { nodeInfo: info({ osImage: 'fake-os-image' }), addresses: ext } }, ['<none>', '1.1.1.1', 'fake-os-image', '<unknown>', '<unknown>']],
    ['KernelVersion', { metadata: { name: 'foo2' }, status: { nodeInfo: info({ kernelVersion: 'fake-kernel-version' }), addresses: ext } }, ['<none>', '1.1.1.1', '<unknown>', 'fake-kernel-version', '<unknown>']],
    ['ContainerRuntimeVersion', { metadata: { name: 'foo1' }, status: { nodeInfo: info({ containerRuntimeVersion: 'foo://1.2.3' }), addresses: ext } }, ['<none>', '1.1.1.1', '<unknown>', '<unknown>', 'foo://1.2.3']],
    ['empty NodeInfo', { metadata: { name: 'foo2' }, status: { nodeInfo: info({}), addresses: ext } }, ['<none>', '1.1.1.1', '<unknown>', '<unknown>', '<unknown>']],
    ['ExternalIP only', { metadata: { name: 'foo1' }, status: { addresses: ext } }, ['<none>', '1.1.1.1', '<unknown>', '<unknown>', '<unknown>']],
    ['InternalIP only', { metadata: { name: 'foo2' }, status: { addresses: [{ type: 'InternalIP', address: '1.1.1.1' }] } }, ['1.1.1.1', '<none>', '<unknown>', '<unknown>', '<unknown>']],
    [
      'first address of each type',
      {
        metadata: { name: 'foo3' },
        status: {
          addresses: [
            { type: 'ExternalIP', address: '2.2.2.2' },
            { type: 'InternalIP', address: '3.3.3.3' },
            { type: 'ExternalIP', address: '4.4.4.4' },
          ],
        },
      },
      ['3.3.3.3', '2.2.2.2', '<unknown>', '<unknown>', '<unknown>'],
    ],
  ])('wide columns: %s', (_name, node, wide) => {
    const cells = printNode(node, NOW).cells;
    expect(cells.slice(1, 5)).toEqual(['Unknown', '<none>', '<unknown>', '']);
    expect(cells.slice(5)).toEqual(wide);
  });

  // mirrors TestPrintNodeName in pkg/printers/internalversion/printers_test.go
  it.each(['127.0.0.1', ''])('TestPrintNodeName %j', (name) => {
    expect(nodeCells({ metadata: { name }, status: {} })).toEqual([name, 'Unknown', '<none>', '<unknown>', '']);
  });
});

function info(partial: Partial<NonNullable<NonNullable<Node['status']>['nodeInfo']>>): NonNullable<NonNullable<Node['status']>['nodeInfo']> {
  return {
    architecture: '',
    bootID: '',
    containerRuntimeVersion: '',
    kernelVersion: '',
    kubeProxyVersion: '',
    kubeletVersion: '',
    machineID: '',
    operatingSystem: '',
    osImage: '',
    systemUUID: '',
    ...partial,
  };
}

describe('printDaemonSet', () => {
  const testDaemonSet: DaemonSet = {
    metadata: { name: 'test1', creationTimestamp: new Date(NOW + 1900).toISOString() },
    spec: {
      template: {
        spec: {
          containers: [
            { name: 'fake-container1', image: 'fake-image1' },
            { name: 'fake-container2', image: 'fake-image2' },
          ],
        },
      },
      selector: { matchLabels: { foo: 'bar' } },
    },
    status: { currentNumberScheduled: 2, desiredNumberScheduled: 3, numberReady: 1, updatedNumberScheduled: 2, numberAvailable: 0, numberMisscheduled: 0 },
  };

  // mirrors TestPrintDaemonSet in pkg/printers/internalversion/printers_test.go
  it('TestPrintDaemonSet', () => {
    expect(printDaemonSet(testDaemonSet, NOW).cells).toEqual([
      'test1', 3, 2, 1, 2, 0, '<none>', '0s',
      'fake-container1,fake-container2', 'fake-image1,fake-image2', 'foo=bar',
    ]);
  });

  // mirrors TestPrintDaemonSetList in pkg/printers/internalversion/printers_test.go
  it('TestPrintDaemonSetList', () => {
    const second: DaemonSet = {
      metadata: { name: 'daemonset2', creationTimestamp: new Date(NOW + 1900).toISOString() },
      spec: { template: {}, selector: { matchLabels: { foo: 'bar' } } },
      status: { currentNumberScheduled: 4, desiredNumberScheduled: 2, numberReady: 9, updatedNumberScheduled: 3, numberAvailable: 3, numberMisscheduled: 0 },
    };
    const rows = daemonSetTable([{ ...testDaemonSet, metadata: { ...testDaemonSet.metadata, name: 'daemonset1' } }, second], NOW).rows;
    expect(rows.map((r) => r.cells.slice(0, 8))).toEqual([
      ['daemonset1', 3, 2, 1, 2, 0, '<none>', '0s'],
      ['daemonset2', 2, 4, 9, 3, 3, '<none>', '0s'],
    ]);
  });

  it('writes NODE SELECTOR like labels.Set.String and SELECTOR like metav1.FormatLabelSelector', () => {
    const ds: DaemonSet = {
      metadata: { name: 'ds' },
      spec: {
        selector: {
          matchLabels: { 'k8s-app': 'kube-proxy' },
          matchExpressions: [
            { key: 'tier', operator: 'In', values: ['node', 'edge'] },
            { key: 'canary', operator: 'DoesNotExist' },
            { key: 'zone', operator: 'NotIn', values: ['b'] },
            { key: 'arch', operator: 'Exists' },
          ],
        },
        template: { spec: { nodeSelector: { 'kubernetes.io/os': 'linux', 'a.b': 'x', a: 'y' }, containers: [] } },
      },
    };
    const cells = printDaemonSet(ds, NOW).cells;
    expect(cells[6]).toBe('a.b=x,a=y,kubernetes.io/os=linux');
    // Requirements sort by key, so "!canary" (key canary) comes after "arch".
    expect(cells[10]).toBe('arch,!canary,k8s-app=kube-proxy,tier in (edge,node),zone notin (b)');
  });

  it.each<[string, LabelSelector | undefined, string]>([
    ['no selector', undefined, '<none>'],
    ['empty selector', {}, '<none>'],
    ['unknown operator', { matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }, '<error>'],
    ['In without values', { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }, '<error>'],
    ['Exists with values', { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }, '<error>'],
    ['invalid key', { matchLabels: { 'bad key': 'x' } }, '<error>'],
    ['invalid value', { matchLabels: { key: 'bad value' } }, '<error>'],
    ['prefixed key', { matchLabels: { 'example.com/app': 'x' } }, 'example.com/app=x'],
  ])('SELECTOR for %s', (_name, selector, want) => {
    const ds: DaemonSet = selector === undefined ? { metadata: { name: 'ds' } } : { spec: { selector, template: {} } };
    expect(printDaemonSet(ds, NOW).cells[10]).toBe(want);
  });

  it('prints zeros for a DaemonSet without status', () => {
    expect(printDaemonSet({ metadata: { name: 'new' } }, NOW).cells.slice(0, 7)).toEqual(['new', 0, 0, 0, 0, 0, '<none>']);
  });
});

describe('printControllerRevision', () => {
  const created = new Date(NOW + 1900).toISOString();

  // mirrors TestPrintControllerRevision in pkg/printers/internalversion/printers_test.go
  it.each<[ControllerRevision, readonly TableCell[]]>([
    [
      { metadata: { name: 'test1', creationTimestamp: created, ownerReferences: [{ controller: true, apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'foo', uid: '' }] }, revision: 1 },
      ['test1', 'daemonset.apps/foo', 1, '0s'],
    ],
    [
      { metadata: { name: 'test2', creationTimestamp: created, ownerReferences: [{ controller: false, apiVersion: '', kind: 'ABC', name: 'foo', uid: '' }] }, revision: 2 },
      ['test2', '<none>', 2, '0s'],
    ],
    [{ metadata: { name: 'test3', creationTimestamp: created, ownerReferences: [] }, revision: 3 }, ['test3', '<none>', 3, '0s']],
    [{ metadata: { name: 'test4', creationTimestamp: created }, revision: 4 }, ['test4', '<none>', 4, '0s']],
  ])('TestPrintControllerRevision %#', (revision, want) => {
    expect(printControllerRevision(revision, NOW).cells).toEqual(want);
  });

  it('writes a core-group owner without a group', () => {
    const cr: ControllerRevision = {
      metadata: { name: 'r', ownerReferences: [{ controller: true, apiVersion: 'v1', kind: 'Pod', name: 'p', uid: '' }] },
      revision: 1,
    };
    expect(printControllerRevision(cr, NOW).cells[1]).toBe('pod/p');
  });

  it('fails on an owner apiVersion with two slashes, as the server does', () => {
    const cr: ControllerRevision = {
      metadata: { name: 'r', ownerReferences: [{ controller: true, apiVersion: 'a/b/c', kind: 'X', name: 'x', uid: '' }] },
      revision: 1,
    };
    expect(() => printControllerRevision(cr, NOW)).toThrow('unexpected GroupVersion string: a/b/c');
  });
});

// printers.go printEvent's rules, case by case (cells with the wide ones: the server sends them all).
describe('printEvent', () => {
  const now = Date.parse('2025-01-01T01:00:00Z');
  const base = (e: Partial<CoreEvent>): CoreEvent => ({ involvedObject: { kind: 'Pod', name: 'web' }, metadata: { name: 'web.1' }, ...e });
  it.each<[string, CoreEvent, readonly unknown[]]>([
    [
      'an old-style event: times, source component and host, count',
      base({ type: 'Warning', reason: 'FailedScheduling', message: ' 0/1 nodes are available \n', source: { component: 'kubelet', host: 'node-1' }, firstTimestamp: '2025-01-01T00:00:00Z', lastTimestamp: '2025-01-01T00:50:00Z', count: 6, involvedObject: { kind: 'Pod', name: 'web', fieldPath: 'spec.containers{web}' } }),
      ['10m', 'Warning', 'FailedScheduling', 'pod/web', 'spec.containers{web}', 'kubelet, node-1', '0/1 nodes are available', '60m', 6, 'web.1'],
    ],
    [
      'no last timestamp reads the first; a count of 0 reads 1; no host, the component alone',
      base({ type: 'Normal', reason: 'Scheduled', source: { component: 'default-scheduler' }, firstTimestamp: '2025-01-01T00:59:30Z', count: 0 }),
      ['30s', 'Normal', 'Scheduled', 'pod/web', '', 'default-scheduler', '', '30s', 1, 'web.1'],
    ],
    [
      'a new-style event: eventTime, and the reporting controller and instance for an empty source',
      base({ type: 'Normal', reason: 'Scheduled', eventTime: '2025-01-01T00:58:00.000000Z', reportingComponent: 'default-scheduler', reportingInstance: 'default-scheduler-cp' }),
      ['2m', 'Normal', 'Scheduled', 'pod/web', '', 'default-scheduler, default-scheduler-cp', '', '2m', 1, 'web.1'],
    ],
    [
      'an object without a name is its kind alone',
      base({ involvedObject: { kind: 'Node' }, firstTimestamp: '2025-01-01T00:00:00Z' }),
      ['60m', '', '', 'node', '', '', '', '60m', 1, 'web.1'],
    ],
  ])('%s', (_name, event, cells) => {
    expect(printEvent(event, now).cells).toEqual(cells);
  });
});

describe('printNamespace and printObjectMeta', () => {
  it('prints the phase as STATUS', () => {
    const ns: Namespace = { metadata: { name: 'kube-system', creationTimestamp: ago(30 * D) }, status: { phase: 'Active' } };
    expect(printNamespace(ns, NOW).cells).toEqual(['kube-system', 'Active', '30d']);
    expect(printNamespace({ metadata: { name: 'x' } }, NOW).cells).toEqual(['x', '', '<unknown>']);
  });

  it('prints NAME AGE for other kinds', () => {
    expect(printObjectMeta({ metadata: { name: 'cm', creationTimestamp: ago(90 * S) } }, NOW).cells).toEqual(['cm', '90s']);
    const table = objectMetaTable({ group: '', kind: 'ConfigMap' }, true, [{ metadata: { name: 'cm', creationTimestamp: ago(90 * S) } }], NOW);
    expect(printTable(table)).toBe('NAME   AGE\ncm     90s\n');
  });
});

describe('translateTimestampSince and formatLabels', () => {
  // mirrors TestTranslateTimestampSince in pkg/printers/internalversion/printers_test.go
  it.each<[string, string | undefined, string]>([
    ['a while from now', new Date(NOW + 2100).toISOString(), '<invalid>'],
    ['almost now', new Date(NOW + 1900).toISOString(), '0s'],
    ['now', new Date(NOW).toISOString(), '0s'],
    ['unknown', undefined, '<unknown>'],
    ['Go zero time', '0001-01-01T00:00:00Z', '<unknown>'],
    ['30 seconds ago', ago(30 * S), '30s'],
    ['5 minutes ago', ago(5 * M), '5m'],
    ['an hour ago', ago(100 * M), '100m'],
    ['2 days ago', ago(2 * D), '2d'],
    ['months ago', ago(90 * D), '90d'],
    ['10 years ago', ago(10 * 365 * D), '10y'],
    ['with an offset', '2024-06-01T13:59:00+02:00', '60s'],
  ])('TestTranslateTimestampSince: %s', (_name, timestamp, want) => {
    expect(translateTimestampSince(timestamp, NOW)).toBe(want);
  });

  it('rejects a malformed timestamp', () => {
    expect(() => translateTimestampSince('yesterday', NOW)).toThrow('invalid RFC 3339 timestamp');
  });

  it('sorts k=v pairs as Go sorts strings, or prints <none>', () => {
    expect(formatLabels({})).toBe('<none>');
    expect(formatLabels(undefined)).toBe('<none>');
    expect(formatLabels({ z: '1', a: '2', 'a.b': '3', B: '4' })).toBe('B=4,a.b=3,a=2,z=1');
    expect(formatLabels({ 'node-role.kubernetes.io/control-plane': '' })).toBe('node-role.kubernetes.io/control-plane=');
  });

  it('writes kinds as kubectl prefixes names', () => {
    expect(kindPrefix({ group: '', kind: 'Pod' })).toBe('pod');
    expect(kindPrefix({ group: 'apps', kind: 'DaemonSet' })).toBe('daemonset.apps');
  });
});

// ---------------------------------------------------------------------------------------------
// Layout, checked against outputs of the real kubectl v1.32.4 client: a throwaway HTTP server answered
// its requests with these tables (server-side printing), and __golden__/kubectl-get-*.txt is what
// kubectl wrote to stdout.

const pods: Pod[] = [
  {
    metadata: { name: 'kube-flannel-ds-abcde', namespace: 'kube-flannel', creationTimestamp: ago(254 * S), labels: { app: 'flannel', 'k8s.io/tier': 'node', 'pod-template-generation': '1' } },
    spec: { nodeName: 'node-1', containers: [{ name: 'kube-flannel', image: 'flannel:v0.25' }], initContainers: [{ name: 'install-cni-plugin' }, { name: 'install-cni' }] },
    status: {
      phase: 'Running',
      podIP: '10.0.0.5',
      conditions: [{ type: 'Ready', status: 'True' }, { type: 'Initialized', status: 'True' }],
      initContainerStatuses: [
        cs({ name: 'install-cni-plugin', ready: true, state: { terminated: { exitCode: 0, reason: 'Completed' } } }),
        cs({ name: 'install-cni', ready: true, state: { terminated: { exitCode: 0, reason: 'Completed' } } }),
      ],
      containerStatuses: [cs({ name: 'kube-flannel', ready: true, restartCount: 2, state: running, lastState: { terminated: { exitCode: 1, finishedAt: ago(131 * M) } } })],
    },
  },
  {
    metadata: { name: 'kube-proxy-x7k2p', namespace: 'kube-system', creationTimestamp: ago(4 * D + 21 * H), labels: { 'k8s-app': 'kube-proxy' } },
    spec: { nodeName: 'node-1', containers: [{ name: 'kube-proxy', image: 'registry.k8s.io/kube-proxy:v1.30.0' }] },
    status: { phase: 'Running', podIP: '172.18.0.2', containerStatuses: [cs({ name: 'kube-proxy', ready: true, state: running })] },
  },
  {
    metadata: { name: 'pending-one', namespace: 'default', creationTimestamp: ago(5 * S), labels: {} },
    spec: { containers: [{ name: 'a', image: 'a' }, { name: 'b', image: 'b' }] },
    status: { phase: 'Pending' },
  },
  {
    metadata: { name: 'crashy-é', namespace: 'default', creationTimestamp: ago(3 * H + 5 * M), deletionTimestamp: ago(S), labels: { 'a.b': '1', a: '2', z: 'ÿ' } },
    spec: { nodeName: 'node-2', containers: [{ name: 'c', image: 'c' }] },
    status: {
      phase: 'Running',
      containerStatuses: [cs({ name: 'c', restartCount: 7, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 2, finishedAt: ago(40 * S) } } })],
    },
  },
];

const daemonSets: DaemonSet[] = [
  {
    metadata: { name: 'kube-flannel-ds', namespace: 'kube-system', creationTimestamp: ago(254 * S), labels: { app: 'flannel' } },
    spec: { selector: { matchLabels: { app: 'flannel' } }, template: { spec: { containers: [{ name: 'kube-flannel', image: 'docker.io/flannel/flannel:v0.25.1' }] } } },
    status: { desiredNumberScheduled: 1, currentNumberScheduled: 1, numberReady: 1, updatedNumberScheduled: 1, numberAvailable: 1, numberMisscheduled: 0 },
  },
  {
    metadata: { name: 'kube-proxy', namespace: 'kube-system', creationTimestamp: ago(256 * S), labels: { 'k8s-app': 'kube-proxy' } },
    spec: {
      selector: {
        matchLabels: { 'k8s-app': 'kube-proxy' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['node', 'edge'] },
          { key: 'canary', operator: 'DoesNotExist' },
        ],
      },
      template: {
        spec: {
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          containers: [
            { name: 'kube-proxy', image: 'registry.k8s.io/kube-proxy:v1.30.0' },
            { name: 'side', image: 'busybox' },
          ],
        },
      },
    },
    status: { desiredNumberScheduled: 1, currentNumberScheduled: 1, numberReady: 1, updatedNumberScheduled: 1, numberAvailable: 1, numberMisscheduled: 0 },
  },
  {
    metadata: { name: 'node-exporter', namespace: 'default', creationTimestamp: ago(10 * D), labels: {} },
    spec: { selector: { matchLabels: { app: 'ne' } }, template: { spec: { containers: [{ name: 'ne', image: 'quay.io/prometheus/node-exporter:v1.8.0' }] } } },
    status: { desiredNumberScheduled: 12, currentNumberScheduled: 10, numberReady: 9, updatedNumberScheduled: 4, numberAvailable: 9, numberMisscheduled: 0 },
  },
];

const nodes: Node[] = [
  {
    metadata: { name: 'node-1', creationTimestamp: ago(30 * D), labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/os': 'linux' } },
    status: {
      conditions: [{ type: 'Ready', status: 'True' }],
      addresses: [
        { type: 'InternalIP', address: '172.18.0.2' },
        { type: 'Hostname', address: 'node-1' },
      ],
      nodeInfo: info({ kubeletVersion: 'v1.30.0', osImage: 'Debian GNU/Linux 12 (bookworm)', kernelVersion: '6.8.0-45-generic', containerRuntimeVersion: 'containerd://1.7.15' }),
    },
  },
  {
    metadata: { name: 'node-2', creationTimestamp: ago(2 * H), labels: { 'kubernetes.io/role': 'worker' } },
    spec: { unschedulable: true },
    status: { conditions: [{ type: 'Ready', status: 'Unknown' }] },
  },
];

const namespaces: Namespace[] = [
  { metadata: { name: 'default', creationTimestamp: ago(30 * D) }, status: { phase: 'Active' } },
  { metadata: { name: 'kube-system', creationTimestamp: ago(30 * D) }, status: { phase: 'Active' } },
  { metadata: { name: 'doomed', creationTimestamp: ago(M), deletionTimestamp: ago(0) }, status: { phase: 'Terminating' } },
];

const revisions: ControllerRevision[] = [
  {
    metadata: {
      name: 'kube-proxy-7d9f8c6b5',
      namespace: 'kube-system',
      creationTimestamp: ago(256 * S),
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'kube-proxy', uid: 'u1', controller: true }],
    },
    revision: 1,
  },
  { metadata: { name: 'orphan-1', namespace: 'kube-system', creationTimestamp: ago(3 * D) }, revision: 12 },
];

// Cells a real server would never send, to pin down truncation, escaping and rows without an object.
const weirdTable: Table = {
  groupKind: { group: 'apps', kind: 'ControllerRevision' },
  namespaced: true,
  columns: [...CONTROLLER_REVISION_COLUMNS, { name: 'Extra Wide', priority: 1 }],
  rows: [
    { cells: ['line\nbreak', 'esc\x1b[31mred', 7, 'cr\rhere', 'w1'], metadata: { name: 'a', namespace: 'weird', labels: { k: 'v\nx' } } },
    { cells: ['tab\tinside', true, 0, 'ff\fx', 'w2'], metadata: { name: 'b', namespace: 'weird' } },
    { cells: ['no-object', null, 3, 'age'] },
    { cells: ['short'], metadata: { name: 'c', namespace: 'weird' } },
  ],
};

type Kind = 'pods' | 'ds' | 'nodes' | 'ns' | 'controllerrevisions';

// The table the API server returns for one resource type in one namespace (undefined: all namespaces).
function serverTable(kind: Kind, namespace: string | undefined, empty: boolean): Table {
  const pick = <T extends { metadata?: { namespace?: string } }>(xs: readonly T[]): T[] =>
    empty ? [] : xs.filter((x) => namespace === undefined || x.metadata?.namespace === namespace);
  switch (kind) {
    case 'pods':
      return podTable(pick(pods), NOW);
    case 'ds':
      return daemonSetTable(pick(daemonSets), NOW);
    case 'controllerrevisions':
      return namespace === 'weird' ? weirdTable : controllerRevisionTable(pick(revisions), NOW);
    case 'nodes':
      return nodeTable(empty ? [] : nodes, NOW);
    case 'ns':
      return namespaceTable(empty ? [] : namespaces, NOW);
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

interface GetCase {
  /** The kubectl command line that produced the golden output. */
  readonly command: string;
  readonly kinds: readonly Kind[];
  readonly namespace?: string;
  readonly allNamespaces?: boolean;
  readonly options?: PrintOptions;
  /** An empty cluster. */
  readonly empty?: boolean;
  readonly stdout: string;
  readonly stderr?: string;
}

const getCases: readonly GetCase[] = [
  { command: 'kubectl get ds -A', kinds: ['ds'], allNamespaces: true, stdout: 'kubectl-get-ds-A.txt' },
  { command: 'kubectl get ds -o wide -n kube-system', kinds: ['ds'], namespace: 'kube-system', options: { wide: true }, stdout: 'kubectl-get-ds-wide.txt' },
  { command: 'kubectl get pods -A -o wide', kinds: ['pods'], allNamespaces: true, options: { wide: true }, stdout: 'kubectl-get-pods-A-wide.txt' },
  { command: 'kubectl get pods -A --show-labels', kinds: ['pods'], allNamespaces: true, options: { showLabels: true }, stdout: 'kubectl-get-pods-A-labels.txt' },
  { command: 'kubectl get pods -A -L app,k8s.io/tier', kinds: ['pods'], allNamespaces: true, options: { labelColumns: ['app', 'k8s.io/tier'] }, stdout: 'kubectl-get-pods-A-L.txt' },
  { command: 'kubectl get pods', kinds: ['pods'], stdout: 'kubectl-get-pods-default.txt' },
  { command: 'kubectl get pods,ds -n kube-system', kinds: ['pods', 'ds'], namespace: 'kube-system', stdout: 'kubectl-get-multi.txt' },
  { command: 'kubectl get pods,ds -n kube-system --no-headers', kinds: ['pods', 'ds'], namespace: 'kube-system', options: { noHeaders: true }, stdout: 'kubectl-get-multi-noheaders.txt' },
  { command: 'kubectl get all -A', kinds: ['pods', 'ds'], allNamespaces: true, stdout: 'kubectl-get-all-A.txt' },
  { command: 'kubectl get nodes', kinds: ['nodes'], stdout: 'kubectl-get-nodes.txt' },
  { command: 'kubectl get nodes -o wide', kinds: ['nodes'], options: { wide: true }, stdout: 'kubectl-get-nodes-wide.txt' },
  { command: 'kubectl get nodes -A --show-labels', kinds: ['nodes'], allNamespaces: true, options: { showLabels: true }, stdout: 'kubectl-get-nodes-A-labels.txt' },
  { command: 'kubectl get ns', kinds: ['ns'], stdout: 'kubectl-get-ns.txt' },
  { command: 'kubectl get controllerrevisions -n kube-system', kinds: ['controllerrevisions'], namespace: 'kube-system', stdout: 'kubectl-get-cr.txt' },
  { command: 'kubectl get ds,controllerrevisions,pods -n default', kinds: ['ds', 'controllerrevisions', 'pods'], stdout: 'kubectl-get-gap.txt' },
  { command: 'kubectl get ds,controllerrevisions,pods -n default --no-headers', kinds: ['ds', 'controllerrevisions', 'pods'], options: { noHeaders: true }, stdout: 'kubectl-get-gap-noheaders.txt' },
  { command: 'kubectl get ds,pods -A --show-labels -o wide', kinds: ['ds', 'pods'], allNamespaces: true, options: { showLabels: true, wide: true }, stdout: 'kubectl-get-multi-A-labels.txt' },
  { command: 'kubectl get nodes,ns', kinds: ['nodes', 'ns'], stdout: 'kubectl-get-cluster-multi.txt' },
  { command: 'kubectl get controllerrevisions -n weird', kinds: ['controllerrevisions'], namespace: 'weird', stdout: 'kubectl-get-weird.txt' },
  { command: 'kubectl get controllerrevisions -n weird -o wide', kinds: ['controllerrevisions'], namespace: 'weird', options: { wide: true }, stdout: 'kubectl-get-weird-wide.txt' },
  { command: 'kubectl get controllerrevisions -n weird -L k,zz', kinds: ['controllerrevisions'], namespace: 'weird', options: { labelColumns: ['k', 'zz'] }, stdout: 'kubectl-get-weird-L.txt' },
  { command: 'kubectl get controllerrevisions,ds -n weird', kinds: ['controllerrevisions', 'ds'], namespace: 'weird', stdout: 'kubectl-get-weird-multi.txt' },
  { command: 'kubectl get controllerrevisions -n weird -A --show-labels', kinds: ['controllerrevisions'], allNamespaces: true, options: { showLabels: true }, stdout: 'kubectl-get-cr-A-labels.txt' },
  { command: 'kubectl get controllerrevisions,ds -n weird -A --show-labels', kinds: ['controllerrevisions', 'ds'], allNamespaces: true, options: { showLabels: true }, stdout: 'kubectl-get-cr-ds-A-labels.txt' },
  { command: 'kubectl get pods -n empty', kinds: ['pods'], namespace: 'empty', stdout: '', stderr: 'No resources found in empty namespace.\n' },
  { command: 'kubectl get pods -A (empty cluster)', kinds: ['pods'], allNamespaces: true, empty: true, stdout: '', stderr: 'No resources found\n' },
  { command: 'kubectl get nodes (empty cluster)', kinds: ['nodes'], empty: true, stdout: '', stderr: 'No resources found\n' },
  { command: 'kubectl get pods,nodes (empty cluster)', kinds: ['pods', 'nodes'], empty: true, stdout: '', stderr: 'No resources found\n' },
  { command: 'kubectl get pods,ds -n kube-system (empty cluster)', kinds: ['pods', 'ds'], namespace: 'kube-system', empty: true, stdout: '', stderr: 'No resources found in kube-system namespace.\n' },
];

describe('renderGet against real kubectl v1.32.4 output', () => {
  it.each(getCases)('$command', (c) => {
    const namespace = c.namespace ?? 'default';
    const tables = c.kinds.map((k) => serverTable(k, c.allNamespaces ? undefined : namespace, c.empty ?? false));
    const got = renderGet(tables, { ...c.options, namespace, allNamespaces: c.allNamespaces ?? false });
    expect(got.stdout).toBe(c.stdout === '' ? '' : golden(c.stdout));
    expect(got.stderr).toBe(c.stderr ?? '');
  });
});

describe('printTable and printTables', () => {
  // The golden output of the task brief, from a real cluster.
  it('matches `kubectl get ds -A` from a real cluster byte for byte', () => {
    const table = daemonSetTable(daemonSets.slice(0, 2), NOW);
    expect(printTable(table, { withNamespace: true })).toBe(golden('real-cluster-get-ds-A.txt'));
  });

  it('prints nothing for an empty table, with or without headers', () => {
    const empty = podTable([], NOW);
    expect(printTable(empty)).toBe('');
    expect(printTable(empty, { noHeaders: true })).toBe('');
    expect(printTables([empty, empty])).toBe('');
  });

  it('omits the header with --no-headers', () => {
    expect(printTable(namespaceTable(namespaces.slice(0, 1), NOW), { noHeaders: true })).toBe('default   Active   30d\n');
  });

  it('prefixes names with the kind only when several kinds are printed, unless told otherwise', () => {
    const ns = namespaceTable(namespaces.slice(0, 1), NOW);
    expect(printTables([ns])).toBe('NAME      STATUS   AGE\ndefault   Active   30d\n');
    expect(printTables([ns], { withKind: true })).toBe('NAME                STATUS   AGE\nnamespace/default   Active   30d\n');
    expect(printTable(ns, { withKind: true })).toBe('NAME                STATUS   AGE\nnamespace/default   Active   30d\n');
  });

  it('never adds NAMESPACE to cluster-scoped tables', () => {
    expect(printTable(namespaceTable(namespaces.slice(0, 1), NOW), { withNamespace: true })).toBe(
      'NAME      STATUS   AGE\ndefault   Active   30d\n',
    );
  });

  it('aligns each table of a multi-kind listing on its own', () => {
    const out = printTables([podTable(pods.slice(1, 2), NOW), daemonSetTable(daemonSets.slice(1, 2), NOW)]);
    const [first, second] = out.split('\n\n');
    expect(first?.split('\n')[0]).toBe('NAME                   READY   STATUS    RESTARTS   AGE');
    expect(second?.split('\n')[0]).toBe(
      'NAME                        DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE',
    );
  });

  it('words the stderr message as kubectl does', () => {
    expect(noResourcesFoundMessage('default')).toBe('No resources found in default namespace.');
    expect(noResourcesFoundMessage()).toBe('No resources found');
  });
});

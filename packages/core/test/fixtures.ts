// Small builders for nodes and DaemonSets used across the core's tests.
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node, Taint, Toleration } from 'kubernetes-types/core/v1';

export function node(name: string, opts: { labels?: Record<string, string>; taints?: Taint[]; ready?: boolean; cpu?: string; pods?: string } = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...opts.labels } },
    spec: opts.taints ? { taints: opts.taints } : {},
    status: {
      conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True' }],
      allocatable: { cpu: opts.cpu ?? '4', memory: '16Gi', pods: opts.pods ?? '110' },
      capacity: { cpu: opts.cpu ?? '4', memory: '16Gi', pods: opts.pods ?? '110' },
    },
  };
}

export function daemonSet(
  name: string,
  opts: {
    namespace?: string;
    nodeSelector?: Record<string, string>;
    tolerations?: Toleration[];
    image?: string;
    maxUnavailable?: number | string;
    maxSurge?: number | string;
    onDelete?: boolean;
    minReadySeconds?: number;
    cpu?: string;
  } = {},
): DaemonSet {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: opts.namespace ?? 'default' },
    spec: {
      selector: { matchLabels: labels },
      ...(opts.minReadySeconds !== undefined ? { minReadySeconds: opts.minReadySeconds } : {}),
      updateStrategy: opts.onDelete
        ? { type: 'OnDelete' }
        : {
            type: 'RollingUpdate',
            rollingUpdate: {
              maxUnavailable: opts.maxUnavailable ?? (opts.maxSurge !== undefined ? 0 : 1),
              ...(opts.maxSurge !== undefined ? { maxSurge: opts.maxSurge } : {}),
            },
          },
      template: {
        metadata: { labels },
        spec: {
          ...(opts.nodeSelector ? { nodeSelector: opts.nodeSelector } : {}),
          ...(opts.tolerations ? { tolerations: opts.tolerations } : {}),
          containers: [
            {
              name,
              image: opts.image ?? `registry.example/${name}:1`,
              ...(opts.cpu ? { resources: { requests: { cpu: opts.cpu } } } : {}),
            },
          ],
        },
      },
    },
  };
}

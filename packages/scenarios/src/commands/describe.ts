// `dsim describe`: kubectl's describers over API objects rebuilt from the state, with Kubernetes
// Events derived from the log's facts (what the controller, scheduler and kubelet did).

import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Namespace, Node, Pod } from 'kubernetes-types/core/v1';
import { podObject, podsOnNode, tableValues, type ClusterState, type DsimEvent, type KubeObject } from '@dsim/core';
import {
  describeDaemonSet,
  describeNamespace,
  describeNode,
  describePod,
  describeGeneric,
  type DescribeEvent,
} from '../print/describe.ts';
import type { ResourceType } from '../resources.ts';
import { epochNow } from '../view.ts';
import { SIMULATED_EPOCH_MS, imagesOf, parseRfc3339 } from "@dsim/core";

/** The describe text of each object. */
export function describeObjects(state: ClusterState, type: ResourceType, objects: readonly KubeObject[], log: readonly DsimEvent[]): string[] {
  const now = epochNow(state);
  const upTo = log.filter((e) => e.metadata.at <= state.now);
  return objects.map((o) => {
    const name = o.metadata?.name ?? '';
    const ns = o.metadata?.namespace ?? '';
    switch (type.resource) {
      case 'daemonsets': {
        const pods = [...tableValues(state.pods)].filter((p) => p.owner === `${ns}/${name}`).map((p) => podObject(state, p));
        return describeDaemonSet(o as unknown as DaemonSet, pods, daemonSetEvents(upTo, ns, name), now);
      }
      case 'nodes':
        return describeNode(o as unknown as Node, podsOnNode(state, name).filter((p) => p.nodeName !== undefined).map((p) => podObject(state, p)), nodeEvents(upTo, name), now);
      case 'pods':
        return describePod(o as unknown as Pod, podEvents(state, upTo, ns, name), now);
      case 'namespaces':
        return describeNamespace(o as unknown as Namespace, now);
      default:
        return describeGeneric(o, now);
    }
  });
}

function at(ms: number): number {
  return SIMULATED_EPOCH_MS + ms;
}

function ev(type: 'Normal' | 'Warning', reason: string, from: string, message: string, t: number): DescribeEvent {
  return { type, reason, from, message, firstAt: at(t), lastAt: at(t), count: 1 };
}

function daemonSetEvents(log: readonly DsimEvent[], ns: string, name: string): DescribeEvent[] {
  const key = `${ns}/${name}`;
  const out: DescribeEvent[] = [];
  const mine = new Set<string>();
  for (const e of log) {
    if (e.type === 'PodCreated' && e.data.daemonSet === key) {
      mine.add(e.data.name);
      out.push(ev('Normal', 'SuccessfulCreate', 'daemonset-controller', `Created pod: ${e.data.name}`, e.metadata.at));
    } else if (e.type === 'PodDeletionRequested' && e.data.namespace === ns && mine.has(e.data.name) && e.data.reason !== 'GarbageCollector') {
      out.push(ev('Normal', 'SuccessfulDelete', 'daemonset-controller', `Deleted pod: ${e.data.name}`, e.metadata.at));
    }
  }
  return out;
}

function nodeEvents(log: readonly DsimEvent[], name: string): DescribeEvent[] {
  const out: DescribeEvent[] = [];
  for (const e of log) {
    if (e.type === 'NodeAdded' && e.data.node.metadata?.name === name) {
      out.push(ev('Normal', 'RegisteredNode', 'node-controller', `Node ${name} event: Registered Node ${name} in Controller`, e.metadata.at));
    } else if ((e.type === 'NodeUpdated' || e.type === 'NodeStatusUpdated') && e.data.node.metadata?.name === name) {
      const ready = e.data.node.status?.conditions?.find((c) => c.type === 'Ready');
      if (ready?.lastTransitionTime !== undefined && parseRfc3339(ready.lastTransitionTime) === at(e.metadata.at)) {
        out.push(
          ready.status === 'True'
            ? ev('Normal', 'NodeReady', 'kubelet', `Node ${name} status is now: NodeReady`, e.metadata.at)
            : ev('Normal', 'NodeNotReady', 'node-controller', `Node ${name} status is now: NodeNotReady`, e.metadata.at),
        );
      }
    }
  }
  return out;
}

function podEvents(state: ClusterState, log: readonly DsimEvent[], ns: string, name: string): DescribeEvent[] {
  const out: DescribeEvent[] = [];
  const rec = [...tableValues(state.pods)].find((p) => p.namespace === ns && p.name === name);
  const images = rec === undefined ? [] : imagesOf(state, rec);
  const pod = rec === undefined ? undefined : podObject(state, rec);
  const containers = pod?.spec?.containers ?? [];
  for (const e of log) {
    const d = e.data as { namespace?: string; name?: string };
    if (d.namespace !== ns || d.name !== name) continue;
    switch (e.type) {
      case 'PodBound':
        out.push(ev('Normal', 'Scheduled', 'default-scheduler', `Successfully assigned ${ns}/${name} to ${e.data.node}`, e.metadata.at));
        break;
      case 'PodUnschedulable':
        out.push(ev('Warning', 'FailedScheduling', 'default-scheduler', e.data.message, e.metadata.at));
        break;
      case 'PodStarted':
        for (const [i, c] of containers.entries()) {
          const image = images[i] ?? c.image ?? '';
          out.push(
            e.data.imagePulled
              ? ev('Normal', 'Pulled', 'kubelet', `Successfully pulled image "${image}"`, e.metadata.at)
              : ev('Normal', 'Pulled', 'kubelet', `Container image "${image}" already present on machine`, e.metadata.at),
            ev('Normal', 'Created', 'kubelet', `Created container: ${c.name}`, e.metadata.at),
            ev('Normal', 'Started', 'kubelet', `Started container ${c.name}`, e.metadata.at),
          );
        }
        break;
      case 'PodDeletionRequested':
      case 'PodRemovalRequested':
        for (const c of containers) out.push(ev('Normal', 'Killing', 'kubelet', `Stopping container ${c.name}`, e.metadata.at));
        break;
      default:
        break;
    }
  }
  return out;
}

// `dsim describe`: kubectl's describers over API objects rebuilt from the state, with Kubernetes
// Events derived from the log's facts (what the controller, scheduler and kubelet did).

import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Namespace, Node, Pod } from 'kubernetes-types/core/v1';
import { podObject, podsOnNode, tableValues, type ClusterState, type DsimEvent, type KubeObject } from '@dsim/core';
import { deriveEvents, eventsOf } from '../kubeEvents.ts';
import { describeDaemonSet, describeNamespace, describeNode, describePod, describeGeneric } from '../print/describe.ts';
import type { ResourceType } from '../resources.ts';
import { epochNow } from '../view.ts';

/** The describe text of each object. */
export function describeObjects(state: ClusterState, type: ResourceType, objects: readonly KubeObject[], log: readonly DsimEvent[]): string[] {
  const now = epochNow(state);
  const events = deriveEvents(state, log);
  return objects.map((o) => {
    const name = o.metadata?.name ?? '';
    const ns = o.metadata?.namespace ?? '';
    switch (type.resource) {
      case 'daemonsets': {
        const pods = [...tableValues(state.pods)].filter((p) => p.owner === `${ns}/${name}`).map((p) => podObject(state, p));
        return describeDaemonSet(o as unknown as DaemonSet, pods, eventsOf(events, 'DaemonSet', ns, name), now);
      }
      case 'nodes':
        return describeNode(o as unknown as Node, podsOnNode(state, name).filter((p) => p.nodeName !== undefined).map((p) => podObject(state, p)), eventsOf(events, 'Node', undefined, name), now);
      case 'pods':
        return describePod(o as unknown as Pod, eventsOf(events, 'Pod', ns, name), now);
      case 'namespaces':
        return describeNamespace(o as unknown as Namespace, now);
      default:
        return describeGeneric(o, now);
    }
  });
}

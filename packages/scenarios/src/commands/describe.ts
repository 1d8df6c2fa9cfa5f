// `dsim describe`: kubectl's describers over API objects rebuilt from the state, with Kubernetes
// Events derived from the log's facts (what the controller, scheduler and kubelet did).

import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Namespace, Node, Pod, Service } from 'kubernetes-types/core/v1';
import { getNode, nodeLeaseAt, podLabels, podObject, podOwnerReferences, podsOnNode, tableValues, type ClusterState, type DsimEvent, type KubeObject, type PodRecord } from '@dsim/core';
import { endpointSlicesOf } from '../endpointSlices.ts';
import { deriveEvents, eventsOf as objectEvents } from '../kubeEvents.ts';
import {
  describeConfigMap,
  describeDaemonSet,
  describeGeneric,
  describeNamespace,
  describeNode,
  describePod,
  describePodDisruptionBudget,
  describePriorityClass,
  describeRole,
  describeRoleBinding,
  describeSecret,
  describeService,
  describeServiceAccount,
} from '../print/describe.ts';
import type { ResourceType } from '../resources.ts';
import { epochNow } from '../view.ts';

/** The describe text of each object; without the Events section when `showEvents` is false (`--show-events=false`). */
export function describeObjects(
  state: ClusterState,
  type: ResourceType,
  objects: readonly KubeObject[],
  log: readonly DsimEvent[],
  showEvents = true,
): string[] {
  const now = epochNow(state);
  // Only the described objects' events are derived (by kind and name, as eventsOf picks them).
  const described = new Set(objects.map((o) => `${o.kind}/${o.metadata?.name ?? ''}`));
  const events = showEvents && objects.length > 0 ? deriveEvents(state, log, (kind, name) => described.has(`${kind}/${name}`)) : [];
  const eventsOf = (kind: string, namespace: string | undefined, name: string) => (showEvents ? objectEvents(events, kind, namespace, name) : null);
  return objects.map((o) => {
    const name = o.metadata?.name ?? '';
    const ns = o.metadata?.namespace ?? '';
    switch (type.resource) {
      case 'daemonsets': {
        const pods = [...tableValues(state.pods)].filter((p) => p.owner === `${ns}/${name}`).map((p) => podSummary(state, p));
        return describeDaemonSet(o as unknown as DaemonSet, pods, eventsOf('DaemonSet', ns, name), now);
      }
      case 'nodes': {
        const rec = getNode(state, name);
        const pods = podsOnNode(state, name).filter((p) => p.nodeName !== undefined).map((p) => podObject(state, p));
        return describeNode(o as unknown as Node, pods, eventsOf('Node', undefined, name), now, rec === undefined ? undefined : nodeLeaseAt(rec, state.now));
      }
      case 'pods':
        return describePod(o as unknown as Pod, eventsOf('Pod', ns, name), now);
      case 'namespaces':
        return describeNamespace(o as unknown as Namespace, now);
    }
    // Stored kinds kubectl has a describer of its own for; the rest take the generic one.
    const fields = o as unknown as KubeObject & Readonly<Record<string, unknown>>;
    switch (`${type.group}/${type.kind}`) {
      case '/ServiceAccount':
        return describeServiceAccount(fields, eventsOf('ServiceAccount', ns, name), now);
      case '/Service':
        return describeService(o as unknown as Service, endpointSlicesOf(state, o as unknown as Service), eventsOf('Service', ns, name), now);
      case '/ConfigMap':
        return describeConfigMap(fields, eventsOf('ConfigMap', ns, name), now);
      case '/Secret':
        return describeSecret(fields);
      case 'policy/PodDisruptionBudget':
        return describePodDisruptionBudget(fields, eventsOf('PodDisruptionBudget', ns, name), now);
      case 'scheduling.k8s.io/PriorityClass':
        return describePriorityClass(fields, eventsOf('PriorityClass', undefined, name), now);
      case 'rbac.authorization.k8s.io/Role':
      case 'rbac.authorization.k8s.io/ClusterRole':
        return describeRole(fields);
      case 'rbac.authorization.k8s.io/RoleBinding':
      case 'rbac.authorization.k8s.io/ClusterRoleBinding':
        return describeRoleBinding(fields);
      default:
        return describeGeneric(o, now, showEvents ? [] : null);
    }
  });
}

/**
 * What the DaemonSet describer reads of a pod (namespace, labels, controller, phase), as podObject
 * has them: building every pod whole took most of `describe ds` on a 20,000-node cluster.
 */
function podSummary(state: ClusterState, p: PodRecord): Pod {
  return { metadata: { name: p.name, namespace: p.namespace, labels: podLabels(state, p), ...podOwnerReferences(p) }, status: { phase: p.phase } };
}

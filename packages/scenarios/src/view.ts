// The cluster state seen through the API: objects of a resource type, in kubectl's order
// (namespace, then name), and the tables `get` prints for them.

import type { ControllerRevision, DaemonSet } from 'kubernetes-types/apps/v1';
import type { Event as CoreEvent, Namespace, Node, Pod } from 'kubernetes-types/core/v1';
import {
  creationTimestamp,
  daemonSetObject,
  derivedUid,
  nodeLeaseAt,
  nodeObject,
  objectKey,
  podObject,
  revisionObject,
  storedObject,
  tableForEach,
  tableGet,
  tableValues,
  SIMULATED_EPOCH_MS,
  type ClusterState,
  type DsimEvent,
  type KubeObject,
} from '@dsim/core';
import {
  controllerRevisionTable,
  daemonSetTable,
  eventTable,
  namespaceTable,
  nodeTable,
  objectMetaTable,
  podTable,
  type Table,
} from './print/tables.ts';
import { deriveEvents, eventObjects } from './kubeEvents.ts';
import { storedKindTable } from './print/storedTables.ts';
import { typeOfObject, type ResourceType } from './resources.ts';

/** Wall-clock-looking epoch milliseconds for the state's simulated now (for AGE columns). */
export function epochNow(state: ClusterState): number {
  return SIMULATED_EPOCH_MS + state.now;
}

function byNamespaceName(a: KubeObject, b: KubeObject): number {
  const an = a.metadata?.namespace ?? '';
  const bn = b.metadata?.namespace ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  const a2 = a.metadata?.name ?? '';
  const b2 = b.metadata?.name ?? '';
  return a2 < b2 ? -1 : a2 > b2 ? 1 : 0;
}

/**
 * Objects of a type; `namespace` undefined means every namespace (ignored for cluster-scoped types).
 * With `named`, only the objects whose name it accepts are built: `get pod NAME` or `describe node
 * NAME` on a large cluster then makes one object rather than one per pod or node.
 */
export function listObjects(
  state: ClusterState,
  type: ResourceType,
  namespace: string | undefined,
  log: readonly DsimEvent[] = [],
  named: (name: string) => boolean = () => true,
  /** For events: only those about objects it accepts are derived (a field selector on `involvedObject.kind` or `.name`). */
  eventsAbout?: (kind: string, name: string) => boolean,
): KubeObject[] {
  const inNs = (ns: string | undefined) => !type.namespaced || namespace === undefined || ns === namespace;
  let out: KubeObject[] = [];
  switch (type.resource) {
    case 'pods':
      for (const p of tableValues(state.pods)) if (inNs(p.namespace) && named(p.name)) out.push(podObject(state, p) as KubeObject);
      break;
    case 'nodes':
      tableForEach(state.nodes, (n, name) => {
        if (named(name)) out.push(nodeObject(n, state.now) as KubeObject);
      });
      break;
    case 'daemonsets':
      for (const d of state.daemonSets.values()) if (inNs(d.namespace) && named(d.name)) out.push(daemonSetObject(d) as KubeObject);
      break;
    case 'controllerrevisions':
      for (const r of state.revisions.values()) if (inNs(r.namespace) && named(r.name)) out.push(revisionObject(state, r) as unknown as KubeObject);
      break;
    case 'events':
      // Derived from the log's facts, already in the API server's order (their names sort by time).
      return eventObjects(deriveEvents(state, log, eventsAbout), namespace).filter((o) => named(o.metadata?.name ?? ''));
    default:
      for (const rec of state.objects.values()) {
        const t = typeOfObject(rec.object.apiVersion ?? '', rec.object.kind ?? '');
        if (t.kind === type.kind && t.group === type.group && inNs(rec.object.metadata?.namespace) && named(rec.object.metadata?.name ?? '')) out.push(storedObject(rec));
      }
  }
  if (type.resource === 'namespaces') out = out.map(withNamespaceDefaults);
  // Every node's Lease in kube-node-lease, as its kubelet keeps it (unless one of that name is stored).
  if (type.resource === 'leases' && type.group === 'coordination.k8s.io' && inNs('kube-node-lease')) {
    const stored = new Set(out.filter((o) => o.metadata?.namespace === 'kube-node-lease').map((o) => o.metadata?.name));
    tableForEach(state.nodes, (n, name) => {
      if (named(name) && !stored.has(name)) out.push(nodeLeaseAt(n, state.now) as KubeObject);
    });
  }
  if (type.resource === 'serviceaccounts') out.push(...defaultServiceAccounts(state, out).filter((sa) => inNs(sa.metadata?.namespace) && named(sa.metadata?.name ?? '')));
  out = out.sort(byNamespaceName);
  return out;
}

/**
 * The object of a type with this name (in this namespace), as `listObjects` lists it, or undefined.
 * Nodes, pods and DaemonSets are looked up by name, not found by listing them all: apply, patch and
 * edit ask for each object they are given, and re-applying a 5,000-node dump listed every node for
 * each (7.4 s, against 3.9 s to create them).
 */
export function getObject(state: ClusterState, type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
  switch (type.resource) {
    case 'nodes': {
      const n = tableGet(state.nodes, name);
      return n === undefined ? undefined : (nodeObject(n, state.now) as KubeObject);
    }
    case 'pods':
      if (namespace === undefined) break;
      {
        const p = tableGet(state.pods, objectKey(namespace, name));
        return p === undefined ? undefined : (podObject(state, p) as KubeObject);
      }
    case 'daemonsets':
      if (namespace === undefined) break;
      {
        const d = state.daemonSets.get(objectKey(namespace, name));
        return d === undefined ? undefined : (daemonSetObject(d) as KubeObject);
      }
  }
  return listObjects(state, type, namespace, [], (n) => n === name)[0];
}

/**
 * The `default` ServiceAccount the ServiceAccount controller makes in every namespace, made when the
 * namespace was (unless one is stored: one applied by hand, which the controller leaves alone).
 * Pods run as it unless they name another (describe pod says so).
 */
function defaultServiceAccounts(state: ClusterState, stored: readonly KubeObject[]): KubeObject[] {
  const out: KubeObject[] = [];
  for (const rec of state.objects.values()) {
    if (rec.object.kind !== 'Namespace' || rec.object.apiVersion !== 'v1') continue;
    const ns = rec.object.metadata?.name ?? '';
    if (stored.some((sa) => sa.metadata?.namespace === ns && sa.metadata?.name === 'default')) continue;
    out.push({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'default', namespace: ns, uid: derivedUid(`serviceaccount/${ns}/default@${rec.uid}`), creationTimestamp: creationTimestamp(rec.createdAt) },
    } as KubeObject);
  }
  return out;
}

/** A namespace as the API server stores it: the `kubernetes` finalizer, and Active while it is not being deleted. */
function withNamespaceDefaults(o: KubeObject): KubeObject {
  const ns = o as Namespace;
  return {
    ...o,
    spec: { ...ns.spec, finalizers: ns.spec?.finalizers ?? ['kubernetes'] },
    status: { ...ns.status, phase: ns.status?.phase ?? 'Active' },
  } as KubeObject;
}

/** The table `kubectl get` prints for objects of a type. */
export function tableFor(type: ResourceType, objects: readonly KubeObject[], now: number): Table {
  switch (type.resource) {
    case 'pods':
      return podTable(objects as unknown as Pod[], now);
    case 'nodes':
      return nodeTable(objects as unknown as Node[], now);
    case 'daemonsets':
      return daemonSetTable(objects as unknown as DaemonSet[], now);
    case 'namespaces':
      return namespaceTable(objects as unknown as Namespace[], now);
    case 'controllerrevisions':
      return controllerRevisionTable(objects as unknown as ControllerRevision[], now);
    case 'events':
      return eventTable(objects as unknown as CoreEvent[], now);
    default:
      return (
        storedKindTable(type.group, type.kind, type.namespaced, objects, now) ??
        objectMetaTable({ group: type.group, kind: type.kind }, type.namespaced, objects, now)
      );
  }
}

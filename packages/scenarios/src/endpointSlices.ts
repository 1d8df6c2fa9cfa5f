// The EndpointSlices a cluster would hold for a Service, derived from the state when shown (dsim
// simulates no traffic, but `describe svc` lists a Service's endpoints): the EndpointSlice
// controller's for a Service with a selector, and the API server's own for `kubernetes`.

import type { Pod, Service, ServicePort } from 'kubernetes-types/core/v1';
import { podLabels, podObject, tableValues, type ClusterState } from '@dsim/core';

/** One EndpointSlice, as much of it as is shown: its ports (null for none) and endpoints. */
export interface EndpointSliceView {
  readonly ports: readonly { readonly name: string; readonly port: number; readonly protocol: string }[] | null;
  readonly endpoints: readonly { readonly address: string; readonly ready: boolean; readonly pod?: string }[];
}

/** maxEndpointsPerSlice: kube-controller-manager's default `--max-endpoints-per-slice`. */
const MAX_ENDPOINTS_PER_SLICE = 100;

/**
 * The Service's EndpointSlices. The EndpointSlice controller (pkg/controller/endpointslice) keeps
 * one or more for each Service with a selector: every pod of the namespace the selector matches
 * that has an IP and has not ended for good (ShouldPodBeInEndpoints, terminating ones included),
 * ready when the pod is Ready and not being deleted (or the Service publishes not-ready
 * addresses); each service port resolved in the pod (a named targetPort to the container port of
 * that name, the pod left out of the port when it has none), pods with the same resolved ports in
 * the same slices, 100 to a slice, in the order of the pods' names. A Service without a selector
 * gets none, but for `kubernetes` in `default`, whose slice the API server keeps: its own address
 * (a control-plane node's InternalIP here) on 6443.
 */
export function endpointSlicesOf(state: ClusterState, service: Service): EndpointSliceView[] {
  const ns = service.metadata?.namespace ?? 'default';
  const selector = service.spec?.selector;
  if (selector === undefined || selector === null) {
    if (ns !== 'default' || service.metadata?.name !== 'kubernetes') return [];
    const address = apiServerAddress(state);
    return address === undefined ? [] : [{ ports: [{ name: 'https', port: 6443, protocol: 'TCP' }], endpoints: [{ address, ready: true }] }];
  }
  const pods: Pod[] = [];
  // An empty selector is no selector: etcd's protobuf keeps no empty map, so the controller reads it back as nil.
  const wanted = Object.entries(selector);
  if (wanted.length === 0) return [];
  for (const p of tableValues(state.pods)) {
    if (p.namespace !== ns) continue;
    // Labels first: a whole pod is built only for the pods the Service selects.
    const labels = podLabels(state, p);
    if (!wanted.every(([k, v]) => labels[k] === v)) continue;
    const pod = podObject(state, p);
    if (shouldBeInEndpoints(pod)) pods.push(pod);
  }
  pods.sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1));
  // Grouped by the ports each pod resolves to, in the order each group is first met.
  const groups = new Map<string, { ports: EndpointSliceView['ports']; endpoints: EndpointSliceView['endpoints'][number][] }>();
  for (const pod of pods) {
    const ports = (service.spec?.ports ?? []).flatMap((sp) => {
      const port = findPort(pod, sp);
      return port === undefined ? [] : [{ name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' }];
    });
    const key = JSON.stringify(ports);
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = { ports: ports.length === 0 ? null : ports, endpoints: [] }));
    const serving = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
    const terminating = pod.metadata?.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null;
    group.endpoints.push({
      address: pod.status?.podIP ?? '',
      ready: service.spec?.publishNotReadyAddresses === true || (serving && !terminating),
      pod: pod.metadata?.name ?? '',
    });
  }
  const slices: EndpointSliceView[] = [];
  for (const g of groups.values()) {
    for (let i = 0; i < g.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE) slices.push({ ports: g.ports, endpoints: g.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE) });
  }
  // The controller keeps a slice for a selecting Service even when no pod matches.
  if (slices.length === 0) slices.push({ ports: null, endpoints: [] });
  return slices;
}

/** endpointsliceutil.ShouldPodBeInEndpoints with terminating pods included: an IP, and not ended for good. */
function shouldBeInEndpoints(pod: Pod): boolean {
  if (!pod.status?.podIP) return false;
  const phase = pod.status.phase;
  switch (pod.spec?.restartPolicy) {
    case 'Never':
      return phase !== 'Failed' && phase !== 'Succeeded';
    case 'OnFailure':
      return phase !== 'Succeeded';
    default:
      return true;
  }
}

/** podutil.FindPort: a numeric targetPort as is; a named one to the first container port of that name and protocol. */
function findPort(pod: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === (sp.protocol ?? 'TCP')) return p.containerPort;
  }
  return undefined;
}

/** The API server's address: the InternalIP of the first control-plane node (by name), if any. */
function apiServerAddress(state: ClusterState): string | undefined {
  let best: { name: string; ip: string } | undefined;
  for (const rec of tableValues(state.nodes)) {
    const labels = rec.node.metadata?.labels ?? {};
    if (!('node-role.kubernetes.io/control-plane' in labels)) continue;
    const ip = rec.node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
    const name = rec.node.metadata?.name ?? '';
    if (ip !== undefined && (best === undefined || name < best.name)) best = { name, ip };
  }
  return best?.ip;
}

/**
 * kubectl's formatEndpointSlices for one service port (describe svc's `Endpoints:`): the ready
 * endpoints' `address:port` of the slices' port of that name (addresses alone for a slice without
 * ports), the first three, then `+ N more...`; `<none>` when there is no slice at all.
 */
export function formatEndpointSlices(slices: readonly EndpointSliceView[], portName: string): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  const add = (text: string) => {
    if (list.length === max) more = true;
    if (!more) list.push(text);
    count++;
  };
  for (const s of slices) {
    if (s.ports === null || s.ports.length === 0) {
      for (const e of s.endpoints) if (e.ready) add(e.address);
      continue;
    }
    for (const port of s.ports) {
      if (port.name !== portName) continue;
      for (const e of s.endpoints) if (e.ready) add(e.address.includes(':') ? `[${e.address}]:${port.port}` : `${e.address}:${port.port}`);
    }
  }
  const joined = list.join(',');
  return more ? `${joined} + ${count - max} more...` : joined;
}

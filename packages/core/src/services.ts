// Services as the API server stores them: dsim keeps Services without simulating traffic, but a
// Service read back carries what the API server fills in on create (SetDefaults_Service, then
// the registry's allocation of a cluster IP and node ports), so `get svc` and `-o yaml` read as
// on a cluster. Pure: the caller passes what is allocated already and a seed for the choices.

import type { Service, ServicePort } from 'kubernetes-types/core/v1';
import { hashString } from './random.ts';
import type { FieldError } from './validation.ts';

/** The Service CIDR: kubeadm's and minikube's default `serviceSubnet`. */
export const SERVICE_CIDR = '10.96.0.0/12';
const CIDR_BASE = (10 << 24) | (96 << 16);
const CIDR_SIZE = 1 << 20;
/**
 * The first addresses of the range are kept for Services that ask for an address (the
 * allocator's static band: min(max(16, size/16), 256)); allocation picks from above them.
 */
const CIDR_STATIC_BAND = 256;

/** kube-apiserver's default `--service-node-port-range`, and its static band (min(max(16, size/32), 128)). */
const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;
const NODE_PORT_STATIC_BAND = 86;

/** The address of the `kubernetes` Service: the range's first. */
export const KUBERNETES_SERVICE_IP = ipAt(1);

function ipAt(offset: number): string {
  const n = (CIDR_BASE + offset) >>> 0;
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

function inRange(ip: string): boolean {
  const parts = ip.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return false;
  const n = parts.reduce((a, p) => a * 256 + Number(p), 0);
  const offset = n - CIDR_BASE;
  // The network and broadcast addresses are never given out.
  return offset > 0 && offset < CIDR_SIZE - 1;
}

/** What other Services hold: their cluster IPs and node ports. */
export interface ServiceAllocations {
  readonly clusterIPs: ReadonlySet<string>;
  readonly nodePorts: ReadonlySet<number>;
}

/** The cluster IPs and node ports the given Services hold. */
export function serviceAllocations(services: Iterable<Service>): ServiceAllocations {
  const clusterIPs = new Set<string>();
  const nodePorts = new Set<number>();
  for (const s of services) {
    for (const ip of s.spec?.clusterIPs ?? (s.spec?.clusterIP ? [s.spec.clusterIP] : [])) if (ip !== 'None') clusterIPs.add(ip);
    for (const p of s.spec?.ports ?? []) if (typeof p.nodePort === 'number' && p.nodePort > 0) nodePorts.add(p.nodePort);
  }
  return { clusterIPs, nodePorts };
}

/** The Service as stored, or the errors the API server refuses it with. */
export type DefaultedService = { readonly ok: true; readonly service: Service } | { readonly ok: false; readonly errors: readonly FieldError[] };

/**
 * A Service as the API server stores it. SetDefaults_Service: type ClusterIP, sessionAffinity None
 * (a ClientIP affinity's timeout 10800 s), each port's protocol TCP and targetPort its port,
 * externalTrafficPolicy Cluster for NodePort and LoadBalancer, internalTrafficPolicy Cluster,
 * allocateLoadBalancerNodePorts true. Then the registry's allocation: a cluster IP (unless
 * `None`, a headless Service, or an ExternalName one) from `SERVICE_CIDR`, single-stack IPv4;
 * a node port for each port of a NodePort or LoadBalancer Service from 30000-32767; an empty
 * load-balancer status. A Service already stored (`before`, on an update) keeps what it was
 * given, as apply leaves fields it did not set. The addresses and ports chosen are pseudo-random
 * from `seed`, away from what `taken` holds; one a manifest names must be free and in range.
 */
export function defaultService(service: Service, before: Service | undefined, taken: ServiceAllocations, seed: string): DefaultedService {
  const out: Service = structuredClone(service);
  const spec = (out.spec ??= {});
  const old = before?.spec;
  spec.type ||= 'ClusterIP';
  spec.sessionAffinity ||= 'None';
  if (spec.sessionAffinity === 'ClientIP' && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined) {
    spec.sessionAffinityConfig = { ...spec.sessionAffinityConfig, clientIP: { ...spec.sessionAffinityConfig?.clientIP, timeoutSeconds: 10800 } };
  }
  const usesNodePorts = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
  if (usesNodePorts) spec.externalTrafficPolicy ||= 'Cluster';
  if (spec.type !== 'ExternalName') spec.internalTrafficPolicy ||= 'Cluster';
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
  const errors: FieldError[] = [];
  if (spec.ports !== undefined) {
    spec.ports = spec.ports.map((p): ServicePort => {
      const port: ServicePort = { ...p, protocol: p.protocol || 'TCP' };
      if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === '') port.targetPort = port.port;
      return port;
    });
  }
  if (spec.type !== 'ExternalName') {
    // The cluster IP: kept from before, as given, or allocated.
    if (!spec.clusterIP && !spec.clusterIPs?.length && old?.clusterIP) {
      spec.clusterIP = old.clusterIP;
      if (old.clusterIPs !== undefined) spec.clusterIPs = [...old.clusterIPs];
    }
    const given = spec.clusterIP || spec.clusterIPs?.[0];
    if (given === undefined || given === '') {
      const ip = allocateIP(taken.clusterIPs, seed);
      spec.clusterIP = ip;
      spec.clusterIPs = [ip];
    } else {
      spec.clusterIP = given;
      spec.clusterIPs ??= [given];
      const own = old?.clusterIP === given;
      if (given !== 'None' && !own) {
        const why = !inRange(given)
          ? `the provided IP (${given}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`
          : taken.clusterIPs.has(given)
            ? 'provided IP is already allocated'
            : undefined;
        if (why !== undefined) errors.push({ type: 'Invalid value', field: 'spec.clusterIPs', value: spec.clusterIPs, detail: `failed to allocate IP ${given}: ${why}` });
      }
    }
    spec.ipFamilies ??= old?.ipFamilies ?? ['IPv4'];
    spec.ipFamilyPolicy ??= old?.ipFamilyPolicy ?? 'SingleStack';
  }
  const wantsNodePorts = usesNodePorts && (spec.type !== 'LoadBalancer' || spec.allocateLoadBalancerNodePorts !== false);
  if (wantsNodePorts && spec.ports !== undefined) {
    const used = new Set(taken.nodePorts);
    for (const p of spec.ports) if (typeof p.nodePort === 'number' && p.nodePort > 0) used.add(p.nodePort);
    spec.ports = spec.ports.map((p, i) => {
      if (typeof p.nodePort === 'number' && p.nodePort > 0) {
        const kept = old?.ports?.some((q) => q.nodePort === p.nodePort);
        if (!kept && taken.nodePorts.has(p.nodePort)) {
          errors.push({ type: 'Invalid value', field: `spec.ports[${i}].nodePort`, value: p.nodePort, detail: 'provided port is already allocated' });
        } else if (!kept && (p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX)) {
          errors.push({
            type: 'Invalid value',
            field: `spec.ports[${i}].nodePort`,
            value: p.nodePort,
            detail: `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`,
          });
        }
        return p;
      }
      const previous = old?.ports?.find((q) => q.port === p.port && (q.protocol || 'TCP') === p.protocol)?.nodePort;
      const nodePort = previous !== undefined && previous > 0 ? previous : allocateNodePort(used, `${seed}/${i}`);
      used.add(nodePort);
      return { ...p, nodePort };
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, service: out.status === undefined ? { ...out, status: { loadBalancer: {} } } : out };
}

/** A free address above the static band, chosen from the seed, the next free one on a clash. */
function allocateIP(taken: ReadonlySet<string>, seed: string): string {
  const span = CIDR_SIZE - 1 - CIDR_STATIC_BAND;
  const start = hashString(`clusterIP/${seed}`) % span;
  for (let i = 0; i < span; i++) {
    const ip = ipAt(CIDR_STATIC_BAND + ((start + i) % span));
    if (!taken.has(ip)) return ip;
  }
  throw new Error(`the Service range ${SERVICE_CIDR} is full`);
}

/** A free node port above the static band, chosen from the seed, the next free one on a clash. */
function allocateNodePort(taken: ReadonlySet<number>, seed: string): number {
  const low = NODE_PORT_MIN + NODE_PORT_STATIC_BAND;
  const span = NODE_PORT_MAX - low + 1;
  const start = hashString(`nodePort/${seed}`) % span;
  for (let i = 0; i < span; i++) {
    const port = low + ((start + i) % span);
    if (!taken.has(port)) return port;
  }
  throw new Error(`the node port range ${NODE_PORT_MIN}-${NODE_PORT_MAX} is full`);
}

/** The `kubernetes` Service every cluster has in `default`: the API server's own address. */
export function kubernetesService(): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      clusterIP: KUBERNETES_SERVICE_IP,
      clusterIPs: [KUBERNETES_SERVICE_IP],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
    status: { loadBalancer: {} },
  };
}

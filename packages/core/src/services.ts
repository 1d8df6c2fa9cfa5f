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
  if (old !== undefined) {
    patchAllocatedValues(spec, old);
    normalizeClusterIPs(spec, old);
    dropTypeDependentFields(spec, old);
  }
  if (spec.type !== 'ExternalName') {
    // The cluster IP: as given (or kept from before, above), or allocated.
    const given = spec.clusterIP || spec.clusterIPs?.[0];
    if (given === undefined || given === '') {
      const ip = allocateIP(taken.clusterIPs, seed);
      spec.clusterIP = ip;
      spec.clusterIPs = [ip];
    } else {
      spec.clusterIP = given;
      spec.clusterIPs ??= [given];
      // An update allocates no address unless the Service had none (it was ExternalName).
      const own = old !== undefined && old.type !== 'ExternalName';
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
      const nodePort = allocateNodePort(used, `${seed}/${i}`);
      used.add(nodePort);
      return { ...p, nodePort };
    });
  }
  // The allocation (the registry's BeginUpdate) fails before validation runs.
  if (errors.length > 0) return { ok: false, errors };
  const invalid = [...(old !== undefined ? validateUpgradeDowngradeClusterIPs(spec, old) : []), ...validateClusterIPsInSync(spec)];
  if (invalid.length > 0) return { ok: false, errors: invalid };
  // The registry's defaultOnReadInternalTrafficPolicy: an ExternalName Service shows none.
  if (spec.type === 'ExternalName') delete spec.internalTrafficPolicy;
  return { ok: true, service: out.status === undefined ? { ...out, status: { loadBalancer: {} } } : out };
}

type ServiceSpec = NonNullable<Service['spec']>;

const needsClusterIP = (s: ServiceSpec) => s.type !== 'ExternalName';
const needsNodePort = (s: ServiceSpec) => s.type === 'NodePort' || s.type === 'LoadBalancer';
const sameList = (a: readonly unknown[] | undefined, b: readonly unknown[] | undefined) => (a ?? []).length === (b ?? []).length && (a ?? []).every((x, i) => x === b![i]);

/**
 * The registry's patchAllocatedValues (pkg/registry/core/service/storage/storage.go): an update
 * that leaves out what was allocated keeps it, so a manifest applied again is unchanged. Node
 * ports go by port name (so a port whose number changes keeps its node port), each old one only
 * if no port of the update names it already.
 */
function patchAllocatedValues(spec: ServiceSpec, old: ServiceSpec): void {
  if (needsClusterIP(old) && needsClusterIP(spec)) {
    if (!spec.clusterIP && old.clusterIP) spec.clusterIP = old.clusterIP;
    if (!spec.clusterIPs?.length && old.clusterIPs?.length) spec.clusterIPs = [...old.clusterIPs];
  }
  if (needsNodePort(old) && needsNodePort(spec) && spec.ports !== undefined) {
    const given = new Set(spec.ports.map((p) => p.nodePort ?? 0).filter((n) => n !== 0));
    const used = new Set((old.ports ?? []).map((p) => p.nodePort ?? 0).filter((n) => n !== 0 && given.has(n)));
    const byName = new Map((old.ports ?? []).map((p) => [p.name ?? '', p.nodePort ?? 0]));
    spec.ports = spec.ports.map((p) => {
      if (p.nodePort) return p;
      const previous = byName.get(p.name ?? '') ?? 0;
      if (previous === 0 || used.has(previous)) return p;
      // Names are unique in a valid Service; dsim does not check that, so it gives none twice.
      used.add(previous);
      return { ...p, nodePort: previous };
    });
  }
}

/**
 * The registry's normalizeClusterIPs on an update (storage.go): clusterIP and clusterIPs kept in
 * step when the client sent only clusterIP (as an old client, or a patch of it alone, does).
 */
function normalizeClusterIPs(spec: ServiceSpec, old: ServiceSpec): void {
  if (old.clusterIPs?.length && !spec.clusterIPs?.length && (old.clusterIP ?? '') === (spec.clusterIP ?? '')) spec.clusterIPs = [...old.clusterIPs];
  if ((old.clusterIP ?? '') !== (spec.clusterIP ?? '')) {
    const samePlural = sameList(old.clusterIPs, spec.clusterIPs);
    if (old.clusterIP && !spec.clusterIP) {
      if (samePlural) delete spec.clusterIPs;
    } else if (samePlural) spec.clusterIPs = [spec.clusterIP!];
  }
}

/**
 * The Service strategy's dropTypeDependentFields (pkg/registry/core/service/strategy.go): a
 * Service that changes type loses what only its old type had, unless the update changed it too
 * (then validation answers): the cluster IP going to ExternalName, node ports and the external
 * traffic policy going to ClusterIP or ExternalName, allocateLoadBalancerNodePorts leaving LoadBalancer.
 */
function dropTypeDependentFields(spec: ServiceSpec, old: ServiceSpec): void {
  if (needsClusterIP(old) && !needsClusterIP(spec)) {
    if ((old.clusterIP ?? '') === (spec.clusterIP ?? '') && sameList(old.clusterIPs, spec.clusterIPs)) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (sameList(old.ipFamilies, spec.ipFamilies)) delete spec.ipFamilies;
    if (old.ipFamilyPolicy === spec.ipFamilyPolicy) delete spec.ipFamilyPolicy;
  }
  if (needsNodePort(old) && !needsNodePort(spec) && spec.ports !== undefined) {
    if (sameList(old.ports?.map((p) => p.nodePort ?? 0), spec.ports.map((p) => p.nodePort ?? 0))) {
      spec.ports = spec.ports.map(({ nodePort: _, ...p }) => p);
    }
  }
  if (spec.type !== 'LoadBalancer') delete spec.allocateLoadBalancerNodePorts;
  if (needsNodePort(old) && !needsNodePort(spec) && old.externalTrafficPolicy === spec.externalTrafficPolicy) delete spec.externalTrafficPolicy;
}

/**
 * ValidateServiceUpdate's validateUpgradeDowngradeClusterIPs (pkg/apis/core/validation/validation.go):
 * the addresses may not change once set, except to or from ExternalName, or between headless ones.
 */
function validateUpgradeDowngradeClusterIPs(spec: ServiceSpec, old: ServiceSpec): FieldError[] {
  if (!needsClusterIP(spec) || !needsClusterIP(old)) return [];
  if (old.clusterIP === 'None' && spec.clusterIP === 'None') return [];
  const before = old.clusterIPs ?? [];
  const after = spec.clusterIPs ?? [];
  const invalid = (i: number, detail: string): FieldError => ({ type: 'Invalid value', field: `spec.clusterIPs[${i}]`, value: spec.clusterIPs ?? null, detail });
  const errors: FieldError[] = [];
  if (before.length === after.length) {
    before.forEach((ip, i) => {
      if (ip !== after[i]) errors.push(invalid(i, 'may not change once set'));
    });
  } else if (before.length > after.length) {
    if (after.length === 0) errors.push(invalid(0, 'primary clusterIP can not be unset'));
    if (before.length > 0 && after.length > 0 && after[0] !== before[0]) errors.push(invalid(0, 'may not change once set'));
    if (after.length === 1 && spec.ipFamilyPolicy !== 'SingleStack') {
      errors.push({ type: 'Invalid value', field: 'spec.ipFamilyPolicy', value: spec.ipFamilyPolicy ?? null, detail: "must be set to 'SingleStack' when releasing the secondary clusterIP" });
    }
  } else if (before.length > 0 && after[0] !== before[0]) errors.push(invalid(0, 'may not change once set'));
  return errors;
}

/** ValidateService's check that clusterIPs starts with clusterIP (validateServiceClusterIPsRelatedFields). */
function validateClusterIPsInSync(spec: ServiceSpec): FieldError[] {
  if (!needsClusterIP(spec)) return [];
  const ips = spec.clusterIPs ?? [];
  if (spec.clusterIP) {
    if (ips.length === 0) return [{ type: 'Required value', field: 'spec.clusterIPs', value: null, detail: '' }];
    if (ips[0] !== spec.clusterIP) return [{ type: 'Invalid value', field: 'spec.clusterIPs', value: ips, detail: 'first value must match `clusterIP`' }];
  } else if (ips.length > 0) return [{ type: 'Invalid value', field: 'spec.clusterIPs', value: ips, detail: 'must be empty when `clusterIP` is not specified' }];
  return [];
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

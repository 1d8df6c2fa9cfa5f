import type { Service } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { defaultService, kubernetesService, serviceAllocations, type ServiceAllocations } from './services.ts';

const NONE: ServiceAllocations = { clusterIPs: new Set(), nodePorts: new Set() };
const svc = (spec: Service['spec']): Service => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'default' }, spec });
const stored = (s: Service, before?: Service, taken = NONE, seed = 'seed') => {
  const r = defaultService(s, before, taken, seed);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.service;
};

describe('defaultService: SetDefaults_Service and the registry allocation', () => {
  it.each<{ name: string; spec: Service['spec']; expected: Partial<NonNullable<Service['spec']>> }>([
    {
      name: 'a ClusterIP Service: type, affinity, traffic policy, TCP and targetPort = port, one IPv4 address',
      spec: { selector: { app: 'a' }, ports: [{ port: 80 }] },
      expected: {
        type: 'ClusterIP',
        sessionAffinity: 'None',
        internalTrafficPolicy: 'Cluster',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      },
    },
    { name: 'a named targetPort is kept', spec: { ports: [{ port: 80, targetPort: 'http' }] }, expected: { ports: [{ port: 80, protocol: 'TCP', targetPort: 'http' }] } },
    { name: 'targetPort 0 is the port', spec: { ports: [{ port: 53, targetPort: 0, protocol: 'UDP' }] }, expected: { ports: [{ port: 53, protocol: 'UDP', targetPort: 53 }] } },
    {
      name: 'ClientIP affinity gets its three-hour timeout',
      spec: { sessionAffinity: 'ClientIP' },
      expected: { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } },
    },
    {
      name: 'a headless Service keeps None, with no address allocated',
      spec: { clusterIP: 'None', selector: { app: 'a' } },
      expected: { clusterIP: 'None', clusterIPs: ['None'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' },
    },
    {
      name: 'a LoadBalancer gets node ports, the external traffic policy and allocateLoadBalancerNodePorts',
      spec: { type: 'LoadBalancer', ports: [{ port: 80 }] },
      expected: { allocateLoadBalancerNodePorts: true, externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster' },
    },
    {
      name: 'an ExternalName Service has no address and no internal traffic policy',
      spec: { type: 'ExternalName', externalName: 'db.example.com' },
      expected: { type: 'ExternalName', externalName: 'db.example.com', sessionAffinity: 'None' },
    },
  ])('$name', ({ spec, expected }) => {
    const s = stored(svc(spec));
    expect(s.spec).toMatchObject(expected);
    expect(s.status).toEqual({ loadBalancer: {} });
  });

  it('allocates from 10.96.0.0/12 above its static band, and node ports from 30086-32767, the same for the same seed', () => {
    const a = stored(svc({ type: 'NodePort', ports: [{ port: 80 }, { port: 443 }] }));
    const ip = a.spec!.clusterIP!;
    expect(a.spec!.clusterIPs).toEqual([ip]);
    const [x, y, z, w] = ip.split('.').map(Number) as [number, number, number, number];
    expect([x, y & 0xf0]).toEqual([10, 96]);
    expect(((y & 0x0f) << 16) | (z << 8) | w).toBeGreaterThanOrEqual(256);
    const ports = a.spec!.ports!.map((p) => p.nodePort!);
    for (const p of ports) expect(p).toBeGreaterThanOrEqual(30086);
    for (const p of ports) expect(p).toBeLessThanOrEqual(32767);
    expect(new Set(ports).size).toBe(2);
    expect(stored(svc({ type: 'NodePort', ports: [{ port: 80 }, { port: 443 }] }))).toEqual(a);
    expect(stored(svc({ type: 'NodePort', ports: [{ port: 80 }] }), undefined, NONE, 'other').spec!.clusterIP).not.toBe(ip);
  });

  it('never gives out what another Service holds', () => {
    const first = stored(svc({ type: 'NodePort', ports: [{ port: 80 }] }));
    const taken = serviceAllocations([first, kubernetesService()]);
    expect(taken.clusterIPs).toEqual(new Set([first.spec!.clusterIP, '10.96.0.1']));
    const second = stored(svc({ type: 'NodePort', ports: [{ port: 80 }] }), undefined, taken);
    expect(second.spec!.clusterIP).not.toBe(first.spec!.clusterIP);
    expect(second.spec!.ports![0]!.nodePort).not.toBe(first.spec!.ports![0]!.nodePort);
  });

  it('keeps, on an update, the address and node ports the Service was given', () => {
    const before = stored(svc({ type: 'NodePort', ports: [{ name: 'http', port: 80 }, { name: 'dns', port: 53, protocol: 'UDP' }] }));
    const after = stored(svc({ type: 'NodePort', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'http', port: 80 }, { name: 'alt', port: 8080 }] }), before, serviceAllocations([before]), 'later');
    expect(after.spec!.clusterIP).toBe(before.spec!.clusterIP);
    const nodePort = (s: Service, port: number) => s.spec!.ports!.find((p) => p.port === port)!.nodePort;
    expect(nodePort(after, 80)).toBe(nodePort(before, 80));
    expect(nodePort(after, 53)).toBe(nodePort(before, 53));
    expect([nodePort(before, 80), nodePort(before, 53)]).not.toContain(nodePort(after, 8080));
  });

  it.each<{ name: string; spec: Service['spec']; field: string; value: unknown; detail: string }>([
    {
      name: 'an address another Service holds',
      spec: { clusterIP: '10.96.0.1' },
      field: 'spec.clusterIPs',
      value: ['10.96.0.1'],
      detail: 'failed to allocate IP 10.96.0.1: provided IP is already allocated',
    },
    {
      name: 'an address outside the range',
      spec: { clusterIP: '192.168.0.10' },
      field: 'spec.clusterIPs',
      value: ['192.168.0.10'],
      detail: 'failed to allocate IP 192.168.0.10: the provided IP (192.168.0.10) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    },
    {
      name: 'a node port another Service holds',
      spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] },
      field: 'spec.ports[0].nodePort',
      value: 30080,
      detail: 'provided port is already allocated',
    },
    {
      name: 'a node port outside the range',
      spec: { type: 'NodePort', ports: [{ port: 80 }, { port: 81, nodePort: 8080 }] },
      field: 'spec.ports[1].nodePort',
      value: 8080,
      detail: 'provided port is not in the valid range. The range of valid ports is 30000-32767',
    },
  ])('refuses $name', ({ spec, field, value, detail }) => {
    const taken = { clusterIPs: new Set(['10.96.0.1']), nodePorts: new Set([30080]) };
    expect(defaultService(svc(spec), undefined, taken, 'seed')).toEqual({ ok: false, errors: [{ type: 'Invalid value', field, value, detail }] });
  });

  it('does not change the Service it is given', () => {
    const s = Object.freeze(svc({ ports: [Object.freeze({ port: 80 })] }));
    stored(s);
    expect(s.spec).toEqual({ ports: [{ port: 80 }] });
  });
});

/**
 * An update, as the registry makes it (pkg/registry/core/service/storage/storage.go's
 * patchAllocatedValues and normalizeClusterIPs, then the strategy's dropTypeDependentFields) and
 * ValidateServiceUpdate refuses it (pkg/apis/core/validation/validation.go,
 * validateUpgradeDowngradeClusterIPs; TestValidateServiceUpdate's single-stack cases).
 */
describe('defaultService on an update', () => {
  const IP = '10.96.0.10';
  const clusterIP = (extra: Service['spec'] = {}) => stored(svc({ clusterIP: IP, ports: [{ name: 'http', port: 80 }], ...extra }));
  const nodePort = (extra: Service['spec'] = {}) => stored(svc({ type: 'NodePort', clusterIP: IP, ports: [{ name: 'http', port: 80, nodePort: 30100 }], ...extra }));
  const update = (before: Service, change: (spec: Service['spec'] & object) => void, taken = NONE) => {
    const spec = structuredClone(before.spec!);
    change(spec);
    return defaultService(svc(spec), before, taken, 'later');
  };
  const refused = (field: string, value: unknown, detail: string) => ({ type: 'Invalid value', field, value, detail });

  it.each<{ name: string; before: () => Service; change: (s: Service['spec'] & object) => void; errors: unknown[] }>([
    // "change primary ClusterIP", as kubectl patch of spec.clusterIP alone sends it: clusterIPs follow it, and are refused.
    { name: 'clusterIP changed', before: () => clusterIP(), change: (s) => (s.clusterIP = '10.96.0.50'), errors: [refused('spec.clusterIPs[0]', ['10.96.0.50'], 'may not change once set')] },
    {
      name: 'clusterIPs changed, clusterIP not',
      before: () => clusterIP(),
      change: (s) => (s.clusterIPs = ['10.96.0.50']),
      errors: [refused('spec.clusterIPs[0]', ['10.96.0.50'], 'may not change once set'), refused('spec.clusterIPs', ['10.96.0.50'], 'first value must match `clusterIP`')],
    },
    { name: 'both changed together', before: () => clusterIP(), change: (s) => ((s.clusterIP = '10.96.0.50'), (s.clusterIPs = ['10.96.0.50'])), errors: [refused('spec.clusterIPs[0]', ['10.96.0.50'], 'may not change once set')] },
    { name: 'to headless', before: () => clusterIP(), change: (s) => ((s.clusterIP = 'None'), (s.clusterIPs = ['None'])), errors: [refused('spec.clusterIPs[0]', ['None'], 'may not change once set')] },
    { name: 'from headless', before: () => clusterIP({ clusterIP: 'None' }), change: (s) => ((s.clusterIP = IP), (s.clusterIPs = [IP])), errors: [refused('spec.clusterIPs[0]', [IP], 'may not change once set')] },
  ])('refuses $name', ({ before, change, errors }) => {
    expect(update(before(), change)).toEqual({ ok: false, errors });
  });

  it.each<{ name: string; before: () => Service; change: (s: Service['spec'] & object) => void; expected: Partial<NonNullable<Service['spec']>>; absent?: string[] }>([
    { name: 'both left out (a manifest applied again): kept', before: () => clusterIP(), change: (s) => (delete s.clusterIP, delete s.clusterIPs), expected: { clusterIP: IP, clusterIPs: [IP] } },
    { name: 'clusterIP set to null by a patch: kept', before: () => clusterIP(), change: (s) => delete s.clusterIP, expected: { clusterIP: IP, clusterIPs: [IP] } },
    { name: 'headless to headless', before: () => clusterIP({ clusterIP: 'None' }), change: (s) => (s.selector = { app: 'b' }), expected: { clusterIP: 'None', clusterIPs: ['None'] } },
    // validateUpgradeDowngradeClusterIPs lets a Service go to or from ExternalName.
    {
      name: 'ClusterIP to ExternalName: the addresses, families and policy go',
      before: () => clusterIP(),
      change: (s) => ((s.type = 'ExternalName'), (s.externalName = 'db.example.com')),
      expected: { type: 'ExternalName', externalName: 'db.example.com' },
      absent: ['clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy', 'internalTrafficPolicy'],
    },
    {
      name: 'NodePort to ClusterIP: node ports and external traffic policy go',
      before: () => nodePort(),
      change: (s) => (s.type = 'ClusterIP'),
      expected: { type: 'ClusterIP', clusterIP: IP, ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 80 }] },
      absent: ['externalTrafficPolicy'],
    },
    { name: 'NodePort to LoadBalancer: node ports kept', before: () => nodePort(), change: (s) => (s.type = 'LoadBalancer'), expected: { type: 'LoadBalancer', allocateLoadBalancerNodePorts: true, ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30100 }] } },
    {
      name: 'LoadBalancer to NodePort: allocateLoadBalancerNodePorts goes',
      before: () => nodePort({ type: 'LoadBalancer' }),
      change: (s) => (s.type = 'NodePort'),
      expected: { type: 'NodePort', ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30100 }] },
      absent: ['allocateLoadBalancerNodePorts'],
    },
    { name: 'a node port changed to a free one', before: () => nodePort(), change: (s) => (s.ports![0]!.nodePort = 30200), expected: { ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30200 }] } },
    {
      name: "a port's number changed, its node port left out: kept, by the port's name",
      before: () => nodePort(),
      change: (s) => (s.ports = [{ name: 'http', port: 8080 }]),
      expected: { ports: [{ name: 'http', port: 8080, protocol: 'TCP', targetPort: 8080, nodePort: 30100 }] },
    },
  ])('$name', ({ before, change, expected, absent }) => {
    const r = update(before(), change);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.service.spec).toMatchObject(expected);
    for (const k of absent ?? []) expect(r.service.spec).not.toHaveProperty(k);
  });

  it('ExternalName to ClusterIP allocates an address', () => {
    const r = update(stored(svc({ type: 'ExternalName', externalName: 'db.example.com' })), (s) => ((s.type = 'ClusterIP'), delete s.externalName));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.service.spec!.clusterIPs).toEqual([r.service.spec!.clusterIP]);
    expect(r.service.spec!.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\./);
  });

  it('a node port changed to one another Service holds is refused', () => {
    expect(update(nodePort(), (s) => (s.ports![0]!.nodePort = 30080), { clusterIPs: new Set(), nodePorts: new Set([30080]) })).toEqual({
      ok: false,
      errors: [refused('spec.ports[0].nodePort', 30080, 'provided port is already allocated')],
    });
  });
});

import type { KubeObject } from '@dsim/core';
import { describe, expect, it } from 'vitest';
import { storedKindTable } from './storedTables.ts';

const NOW = Date.parse('2025-01-01T01:00:00Z');
const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, creationTimestamp: '2025-01-01T00:00:00Z', ...extra });
const obj = (o: Record<string, unknown>) => o as unknown as KubeObject;

// printers.go's cells for the kinds dsim stores, and apiextensions' for CRDs.
describe('storedKindTable', () => {
  const cases: { name: string; group: string; kind: string; object: KubeObject; columns: string[]; cells: (string | number)[] }[] = [
    {
      name: 'ConfigMap: data and binaryData keys',
      group: '',
      kind: 'ConfigMap',
      object: obj({ metadata: meta('cfg'), data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } }),
      columns: ['Name', 'Data', 'Age'],
      cells: ['cfg', 3, '60m'],
    },
    {
      name: 'Secret: Opaque by default, stringData written into data',
      group: '',
      kind: 'Secret',
      object: obj({ metadata: meta('s'), data: { a: 'eA==' }, stringData: { a: 'x', b: 'y' } }),
      columns: ['Name', 'Type', 'Data', 'Age'],
      cells: ['s', 'Opaque', 2, '60m'],
    },
    { name: 'ServiceAccount', group: '', kind: 'ServiceAccount', object: obj({ metadata: meta('sa') }), columns: ['Name', 'Secrets', 'Age'], cells: ['sa', 0, '60m'] },
    {
      name: 'Service, ClusterIP: the first address, no external IP, port/protocol, the selector',
      group: '',
      kind: 'Service',
      object: obj({ metadata: meta('web'), spec: { type: 'ClusterIP', clusterIPs: ['10.96.0.20'], ports: [{ port: 80, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }], selector: { b: '2', a: '1' } } }),
      columns: ['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age', 'Selector'],
      cells: ['web', 'ClusterIP', '10.96.0.20', '<none>', '80/TCP,53/UDP', '60m', 'a=1,b=2'],
    },
    {
      name: 'Service, LoadBalancer: node ports, pending without an ingress',
      group: '',
      kind: 'Service',
      object: obj({ metadata: meta('lb'), spec: { type: 'LoadBalancer', clusterIPs: ['10.96.0.21'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }] }, status: { loadBalancer: {} } }),
      columns: ['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age', 'Selector'],
      cells: ['lb', 'LoadBalancer', '10.96.0.21', '<pending>', '80:30080/TCP', '60m', '<none>'],
    },
    {
      name: 'Service, LoadBalancer: the ingress then the external IPs, in full (the server prints wide)',
      group: '',
      kind: 'Service',
      object: obj({
        metadata: meta('lb'),
        spec: { type: 'LoadBalancer', clusterIPs: ['10.96.0.21'], externalIPs: ['1.2.3.4'], ports: [] },
        status: { loadBalancer: { ingress: [{ hostname: 'a-very-long-load-balancer.example.com' }] } },
      }),
      columns: ['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age', 'Selector'],
      cells: ['lb', 'LoadBalancer', '10.96.0.21', 'a-very-long-load-balancer.example.com,1.2.3.4', '<none>', '60m', '<none>'],
    },
    {
      name: 'Service, ExternalName: no address, the external name',
      group: '',
      kind: 'Service',
      object: obj({ metadata: meta('db'), spec: { type: 'ExternalName', externalName: 'db.example.com' } }),
      columns: ['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age', 'Selector'],
      cells: ['db', 'ExternalName', '<none>', 'db.example.com', '<none>', '60m', '<none>'],
    },
    {
      name: 'Deployment: ready of desired replicas, with no Deployment controller to fill the status',
      group: 'apps',
      kind: 'Deployment',
      object: obj({
        metadata: meta('dep'),
        spec: { replicas: 3, selector: { matchLabels: { app: 'dep' } }, template: { spec: { containers: [{ name: 'a', image: 'x:1' }, { name: 'b', image: 'y:2' }] } } },
        status: {},
      }),
      columns: ['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers', 'Images', 'Selector'],
      cells: ['dep', '0/3', 0, 0, '60m', 'a,b', 'x:1,y:2', 'app=dep'],
    },
    {
      name: 'PodDisruptionBudget: the budget given, N/A for the other, no disruption controller status',
      group: 'policy',
      kind: 'PodDisruptionBudget',
      object: obj({ metadata: meta('pdb'), spec: { maxUnavailable: '50%', selector: { matchLabels: { app: 'x' } } } }),
      columns: ['Name', 'Min Available', 'Max Unavailable', 'Allowed Disruptions', 'Age'],
      cells: ['pdb', 'N/A', '50%', 0, '60m'],
    },
    {
      name: 'ClusterRole: created at, in RFC 3339',
      group: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      object: obj({ metadata: meta('r') }),
      columns: ['Name', 'Created At'],
      cells: ['r', '2025-01-01T00:00:00Z'],
    },
    {
      name: 'ClusterRoleBinding: the role, and (wide) its subjects by kind',
      group: 'rbac.authorization.k8s.io',
      kind: 'ClusterRoleBinding',
      object: obj({
        metadata: meta('b'),
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'r' },
        subjects: [
          { kind: 'ServiceAccount', name: 'flannel', namespace: 'kube-flannel' },
          { kind: 'User', name: 'alice' },
          { kind: 'ServiceAccount', name: 'x', namespace: 'y' },
          { kind: 'Group', name: 'ops' },
        ],
      }),
      columns: ['Name', 'Role', 'Age', 'Users', 'Groups', 'ServiceAccounts'],
      cells: ['b', 'ClusterRole/r', '60m', 'alice', 'ops', 'kube-flannel/flannel, y/x'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const t = storedKindTable(c.group, c.kind, true, [c.object], NOW)!;
      expect(t.columns.map((x) => x.name)).toEqual(c.columns);
      expect(t.rows[0]!.cells).toEqual(c.cells);
    });
  }

  it('kinds without a printer are left to NAME AGE', () => {
    expect(storedKindTable('apps', 'StatefulSet', true, [], NOW)).toBeUndefined();
  });
});

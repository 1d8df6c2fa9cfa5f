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
    expect(storedKindTable('apps', 'Deployment', true, [], NOW)).toBeUndefined();
  });
});

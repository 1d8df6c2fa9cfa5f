// Node Leases in kube-node-lease, as `kubectl get leases -n kube-node-lease` shows a cluster's
// heartbeats: one per node, held by the node, renewed every 10 s while its kubelet runs.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dsim, tempDir } from './dsim.ts';

describe('dsim get leases', () => {
  const log = join(tempDir(), 'lab.ndjson');
  beforeAll(() => {
    expect(dsim(['apply', '-f', 'examples/lab/'], { log }).code).toBe(0);
    expect(dsim(['advance', '95s'], { log }).code).toBe(0);
  });

  it("lists every node's Lease with printLease's columns", () => {
    expect(dsim(['get', 'leases', '-n', 'kube-node-lease'], { log })).toMatchObject({
      code: 0,
      stdout: 'NAME           HOLDER         AGE\ncontrolplane   controlplane   95s\n',
      stderr: '',
    });
    expect(dsim(['get', 'leases'], { log })).toMatchObject({ code: 0, stdout: '', stderr: 'No resources found in default namespace.\n' });
  });

  it('is owned by its Node and renewed to the last 10 s, until the kubelet goes silent', () => {
    const lease = JSON.parse(dsim(['get', 'lease', 'controlplane', '-n', 'kube-node-lease', '-o', 'json'], { log }).stdout);
    const nodeUid = dsim(['get', 'node', 'controlplane', '-o', 'jsonpath={.metadata.uid}'], { log }).stdout;
    expect(lease.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Node', name: 'controlplane', uid: nodeUid }]);
    expect(lease.spec).toEqual({ holderIdentity: 'controlplane', leaseDurationSeconds: 40, renewTime: '2025-01-01T00:01:30.000000Z' });
    expect(dsim(['fail', 'node', 'controlplane', '--unreachable'], { log }).code).toBe(0);
    expect(dsim(['advance', '2m'], { log }).code).toBe(0);
    const after = JSON.parse(dsim(['get', 'lease', 'controlplane', '-n', 'kube-node-lease', '-o', 'json'], { log }).stdout);
    expect(after.spec.renewTime).toBe('2025-01-01T00:01:30.000000Z');
  });
});

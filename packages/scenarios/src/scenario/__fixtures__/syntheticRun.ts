// A hand-built RunResult for report tests: a DaemonSet created on N nodes, then rolled out one
// node at a time (maxUnavailable 1) while a tenth of the nodes fail and recover. Test-only.

import type { DaemonSet } from 'kubernetes-types/apps/v1';
import { events, stamp, type DsimEvent } from '@dsim/core';
import type { DaemonSetSample, NodeSample, RunResult } from '../types.ts';

/** The DaemonSet of the synthetic run, with the given image. */
export function agent(image: string): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'kube-system' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image }] } },
    },
  };
}

/**
 * `nodes` nodes; creation ramps from 0 s; the template changes at 5 min; each node then takes
 * `stepMs` to update. Every series ends with available = desired = nodes at `endedAt`.
 */
export function syntheticRun(nodes: number, stepMs = 10_000, failures = true): RunResult {
  const t: number[] = [];
  const ns: NodeSample[] = [];
  const ds: DaemonSetSample[] = [];
  const push = (at: number, n: NodeSample, d: Omit<DaemonSetSample, 'unavailable' | 'misscheduled'>) => {
    t.push(at);
    ns.push(n);
    ds.push({ ...d, misscheduled: 0, unavailable: d.desired - d.available });
  };
  const all: NodeSample = { total: nodes, ready: nodes, notReady: 0, unschedulable: 0 };
  push(0, all, { desired: nodes, current: 0, ready: 0, updated: 0, available: 0 });
  for (let i = 1; i <= nodes; i++) push(i * 20, all, { desired: nodes, current: i, ready: i, updated: i, available: i });
  const update = 300_000;
  push(update, all, { desired: nodes, current: nodes, ready: nodes, updated: 0, available: nodes });
  const failing = failures ? Math.max(1, Math.floor(nodes / 10)) : 0;
  for (let i = 0; i < nodes; i++) {
    const at = update + i * stepMs;
    const down = failures && i >= nodes / 3 && i < nodes / 3 + failing ? 1 : 0;
    const n = down ? { total: nodes, ready: nodes - failing, notReady: failing, unschedulable: 0 } : all;
    push(at + 1, n, { desired: nodes, current: nodes - 1, ready: nodes - 1 - down, updated: i, available: nodes - 1 - down });
    push(at + stepMs / 2, n, { desired: nodes, current: nodes, ready: nodes - down, updated: i + 1, available: nodes - down });
  }
  const endedAt = update + nodes * stepMs + 120_000;
  const log: DsimEvent[] = [stamp(events.daemonSetApplied(agent('agent:1')), 1, 0), stamp(events.daemonSetApplied(agent('agent:2')), 2, update)];
  const final = ds[ds.length - 1]!;
  return {
    name: `synthetic-${nodes}`,
    seed: 7,
    endedAt,
    events: log,
    checkpoints: [{ at: 60_000, command: 'dsim get ds -A', output: 'NAMESPACE     NAME    DESIRED\nkube-system   agent   10\n' }],
    summary: [{ key: 'kube-system/agent', timeToFullRollout: nodes * stepMs, worstUnavailable: 1 + failing, podsCreated: 2 * nodes, podsDeleted: nodes, final }],
    series: { t, nodes: ns, daemonSets: { 'kube-system/agent': ds } },
    failures: [{ at: update + 60_000, expectation: 'daemonSet kube-system/agent: unavailable <= 1 <script>', message: `unavailable was ${1 + failing}` }],
    config: {},
  };
}

// A run for tests that need a large log: one DaemonSet (`default/a`, one container, no tolerations)
// rolled out over a pool of `count` nodes, until nothing is left to happen.
import { compileScenario } from '../format.ts';
import { runScenario } from '../runner.ts';
import type { RunResult } from '../types.ts';

export function agentRollout(count: number): RunResult {
  return runScenario(
    compileScenario(
      {
        apiVersion: 'dsim.dev/v1alpha1',
        kind: 'Scenario',
        metadata: { name: 'agent-rollout' },
        spec: {
          nodePools: [{ name: 'n', count }],
          manifests: [
            {
              apiVersion: 'apps/v1',
              kind: 'DaemonSet',
              metadata: { name: 'a', namespace: 'default' },
              spec: { selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'a', image: 'a:1' }] } } },
            },
          ],
        },
      },
      { source: 'agent-rollout.yaml' },
    ),
  );
}

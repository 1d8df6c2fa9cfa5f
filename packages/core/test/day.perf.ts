// A measurement, not a test (vitest does not pick up *.perf.ts): one simulated day of a 10,000-node
// cluster running three DaemonSets, with hourly churn (2% of nodes replaced, 0.5% failing for a
// quarter of an hour) and one rolling update of all three at noon. Prints wall and CPU time and
// the event count. The engine updates its state in place; DSIM_IMMER=1 measures immer snapshots.
// Run: cd packages/core && pnpm exec tsx test/day.perf.ts [nodes]
// Profile: pnpm exec tsx --cpu-prof --cpu-prof-dir=/tmp/prof test/day.perf.ts 3000
import { Engine } from '../src/engine.ts';
import { events as ev } from '../src/events.ts';
import { Random } from '../src/random.ts';
import { daemonSet, node } from './fixtures.ts';

const NODES = Number(process.argv[2] ?? 10_000);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const REPLACED_PER_HOUR = 0.02;
const FAILING_PER_HOUR = 0.005;

const started = performance.now();
const cpuStarted = process.cpuUsage();
let events = 0;
const engine = new Engine({
  seed: 'day',
  keepLog: false,
  inPlace: process.env['DSIM_IMMER'] === undefined,
  onEvent: () => void events++,
});
const rng = new Random('day-churn');
const live: string[] = [];
let nextNode = 0;
const addNode = (at: number, ready: boolean) => {
  const name = `node-${nextNode++}`;
  live.push(name);
  engine.schedule(at, ev.nodeAdded(node(name, { ready, labels: { pool: nextNode % 10 === 0 ? 'gpu' : 'general' } })));
};
for (let i = 0; i < NODES; i++) addNode(0, true);
const sets = [
  daemonSet('kube-proxy', { namespace: 'kube-system', maxUnavailable: '10%' }),
  daemonSet('node-exporter', { namespace: 'monitoring', maxSurge: '5%' }),
  daemonSet('gpu-driver', { namespace: 'kube-system', nodeSelector: { pool: 'gpu' }, minReadySeconds: 10 }),
];
for (const ds of sets) engine.schedule(0, ev.daemonSetApplied(ds));

for (let h = 1; h < 24; h++) {
  const at = h * HOUR;
  engine.run({ until: at });
  // Replace 2% of the nodes: the old ones leave, new ones register (not Ready at first).
  for (let i = 0; i < Math.round(NODES * REPLACED_PER_HOUR); i++) {
    const [gone] = live.splice(rng.int(live.length), 1);
    engine.schedule(at, ev.nodeRemoved(gone!));
    addNode(at, false);
  }
  // Some nodes fail and come back a quarter of an hour later.
  for (let i = 0; i < Math.round(NODES * FAILING_PER_HOUR); i++) {
    const name = live[rng.int(live.length)]!;
    engine.schedule(at, ev.nodeFailed(name, i % 2 === 0 ? 'NotReady' : 'Unreachable'));
    engine.schedule(at + HOUR / 4, ev.nodeRecovered(name));
  }
  if (h === 12) {
    // One rolling update of all three DaemonSets.
    for (const ds of sets) {
      const c = ds.spec!.template.spec!.containers[0]!;
      engine.schedule(at + 1, ev.daemonSetApplied({ ...ds, spec: { ...ds.spec!, template: { ...ds.spec!.template, spec: { ...ds.spec!.template.spec!, containers: [{ ...c, image: `${c.image}-v2` }] } } } }));
    }
  }
}
engine.run({ until: DAY });
const wall = performance.now() - started;
const cpu = process.cpuUsage(cpuStarted);
const counts = [...engine.state.daemonSets.values()].map((d) => `${d.name} ${d.counts.updatedNumberScheduled}/${d.counts.desiredNumberScheduled} available ${d.counts.numberAvailable}`);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(
  `${NODES} nodes, 1 simulated day: ${events} events in ${(wall / 1000).toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU ` +
    `(${((cpuSeconds * 1e6) / events).toFixed(1)} µs of CPU per event)`,
);
console.log(counts.join('\n'));

// A sweep's worker thread: loads the scenario once, then runs each seed it is sent and replies
// with the outcome. Also used in-process (`--workers 0`). Never prints: the parent reports.

import { parentPort, workerData } from 'node:worker_threads';
import { loadScenario, type Scenario } from './format.ts';
import { runScenario } from './runner.ts';
import { outcomeOf, type SeedOutcome, type SweepTask } from './sweep.ts';

const loaded = new Map<string, Promise<Scenario>>();

/** Runs one seed of the scenario at `path`; a run that throws becomes an outcome with `error`. */
export async function runSeed(path: string, task: SweepTask): Promise<SeedOutcome> {
  try {
    let scenario = loaded.get(path);
    if (scenario === undefined) loaded.set(path, (scenario = Promise.resolve(loadScenario(path))));
    const result = await runScenario(await scenario, task.until !== undefined ? { seed: task.seed, until: task.until } : { seed: task.seed });
    return outcomeOf(task.seed, result);
  } catch (e) {
    return { seed: task.seed, endedAt: 0, daemonSets: [], failures: [], error: (e as Error).message ?? String(e) };
  }
}

if (parentPort !== null && (workerData as { dsimSweep?: unknown } | undefined)?.dsimSweep === true) {
  const port = parentPort;
  const { path } = workerData as { path: string };
  port.on('message', (task: SweepTask) => {
    void runSeed(path, task).then((o) => port.postMessage(o));
  });
}

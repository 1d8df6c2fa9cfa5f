// The table entries of `dsim sweep` and `dsim explore` for cli.ts. Their code loads on first use: this module imports
// nothing at run time, so cli.ts can import it without a cycle (explore → format.ts → cli.ts) and starts as fast as before.

import type { FlagSpec } from '../args.ts';
import type { Context } from '../cli.ts';

/** A command as cli.ts's table holds it. */
export interface CommandSpec {
  readonly summary: string;
  readonly usage: string;
  readonly flags: readonly FlagSpec[];
  readonly run: (ctx: Context) => number | Promise<number>;
}

/** `dsim sweep`. */
export const SWEEP_COMMAND: CommandSpec = {
  summary: 'Run a scenario under many seeds in parallel and show the distribution of outcomes',
  usage:
    'dsim sweep SCENARIO [--seeds 1..200] [--shard i/n] [--workers N] [--until DURATION] [-o json]\n' +
    '  dsim sweep --merge SHARD.json... [-o json]',
  flags: [
    { name: 'seeds', type: 'string' },
    { name: 'shard', type: 'string' },
    { name: 'workers', type: 'string' },
    { name: 'until', type: 'string' },
    { name: 'merge', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
  ],
  run: async (ctx) => (await import('./sweep.ts')).sweepCommand(ctx),
};

/** `dsim explore`. */
export const EXPLORE_COMMAND: CommandSpec = {
  summary: 'Search random node churn for a sequence that breaks a DaemonSet property; write the shortest as a scenario',
  usage:
    'dsim explore SCENARIO [--runs N] [--seed N] [--out counterexample.yaml]\n' +
    '  dsim explore COUNTEREXAMPLE.yaml   (replay a counterexample and check its property)',
  flags: [
    { name: 'runs', type: 'string' },
    { name: 'out', type: 'string' },
  ],
  run: async (ctx) => (await import('./explore.ts')).exploreCommand(ctx),
};

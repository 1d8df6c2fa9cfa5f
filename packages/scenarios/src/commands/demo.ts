// `dsim demo`: the classic DaemonSets lab, run on a fresh log, printing each command and its
// output as a terminal session would show them. The lab's manifests ship in examples/lab.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context, Io } from '../cli.ts';
import { UserError } from '../session.ts';

/** The lab's steps: the commands a learner types. */
export const LAB_STEPS: readonly string[][] = [
  ['apply', '-f', 'examples/lab/cluster.yaml'],
  ['apply', '-f', 'examples/lab/kube-proxy.yaml'],
  ['advance', '2s'],
  ['apply', '-f', 'examples/lab/kube-flannel.yaml'],
  ['advance', '4m14s'],
  ['get', 'DaemonSets', '--all-namespaces'],
  ['apply', '-f', 'examples/lab/elasticsearch.yaml'],
  ['advance', '22s'],
  ['get', 'all', '--all-namespaces'],
  ['get', 'pods', '-n', 'kube-system', '-o', 'wide'],
  ['describe', 'ds', 'elasticsearch', '-n', 'kube-system'],
];

/** The repository root (where examples/ lives): the nearest directory above this file that has it. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'examples/lab'))) {
    const up = resolve(dir, '..');
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

/** `dsim demo`. */
export async function demoCommand(ctx: Context): Promise<number> {
  const { main } = await import('../cli.ts');
  const root = repoRoot();
  if (!existsSync(join(root, 'examples/lab'))) throw new UserError('error: the lab manifests (examples/lab) are not found next to dsim');
  const given = ctx.args.flags.get('log')?.[0];
  const dir = given === undefined ? mkdtempSync(join(tmpdir(), 'dsim-demo-')) : undefined;
  const log = given ?? join(dir!, 'lab.ndjson');
  if (given !== undefined && existsSync(given)) throw new UserError(`error: ${given} exists; dsim demo starts a fresh log`);
  try {
    for (const step of LAB_STEPS) {
      ctx.io.stdout(`$ dsim ${step.join(' ')}\n`);
      const io: Io = { ...ctx.io, cwd: root, env: { ...ctx.io.env, DSIM_LOG: log } };
      const code = await main(step.map((a) => (a.startsWith('examples/') ? join(root, a) : a)), io);
      if (code !== 0) return code;
      ctx.io.stdout('\n');
    }
    ctx.io.stdout(given === undefined ? `(the lab's event log was a temporary file; pass --log FILE to keep it)\n` : `event log: ${log}\n`);
    return 0;
  } finally {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  }
}

// Runs the real `dsim` command (bin/dsim.mjs) as a user would, for end-to-end tests.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'packages/scenarios/bin/dsim.mjs');

export interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs dsim with these arguments against the given log, from the repository root. */
export function dsim(args: readonly string[], options: { log: string; stdin?: string; env?: Record<string, string> }): Result {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    input: options.stdin ?? '',
    encoding: 'utf8',
    env: { ...process.env, DSIM_LOG: options.log, DSIM_DEBUG: '', ...options.env },
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temporary directory for a test's log and files. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'dsim-test-'));
}

// Runs the real `dsim` command (bin/dsim.mjs) as a user would, for end-to-end tests.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, expect } from 'vitest';

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

/**
 * The lab (examples/lab applied, then 30 s of simulated time), made once for the describe block
 * this is called in; each call of the function returned gives a copy of its log of the test's own,
 * and a manifest file beside it holding `text` when given.
 */
export function labCopies(): (text?: string) => { log: string; file: string } {
  const dir = tempDir();
  const lab = join(dir, 'lab.ndjson');
  let n = 0;
  beforeAll(() => {
    expect(dsim(['apply', '-f', 'examples/lab/'], { log: lab }).code).toBe(0);
    expect(dsim(['advance', '30s'], { log: lab }).code).toBe(0);
  });
  return (text) => {
    const log = join(dir, `log${++n}.ndjson`);
    copyFileSync(lab, log);
    const file = join(dir, `manifest${n}.yaml`);
    if (text !== undefined) writeFileSync(file, text);
    return { log, file };
  };
}

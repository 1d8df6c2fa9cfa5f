// Builds the dsim bundle once before the end-to-end tests, so each spawned command starts fast.
// (bin/dsim.mjs falls back to the sources if the bundle is missing or stale.)
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  execFileSync(process.execPath, [join(import.meta.dirname, '../scripts/build-cli.mjs')], { stdio: 'inherit' });
}

#!/usr/bin/env node
// The dsim command. Runs the esbuild bundle (dist/dsim.mjs) when it is newer than every source
// file, and otherwise the TypeScript sources through tsx, so it is never stale and needs no build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(pkg, 'dist/dsim.mjs');

function newestSource(dirs) {
  let newest = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of dirs) if (existsSync(d)) walk(d);
  return newest;
}

const fresh =
  existsSync(bundle) && statSync(bundle).mtimeMs >= newestSource([join(pkg, 'src'), join(pkg, '../core/src')]);
if (fresh) {
  const { runProcess } = await import(bundle);
  await runProcess();
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { runProcess } = await import('../src/cli.ts');
  await runProcess();
}

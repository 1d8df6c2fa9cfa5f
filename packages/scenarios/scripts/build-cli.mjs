// Bundles the dsim command into dist/dsim.mjs with esbuild, so it starts in ~0.2 s instead of
// compiling TypeScript through tsx on every run. bin/dsim.mjs uses the bundle only while it is
// newer than every source file; otherwise it runs the sources.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

await build({
  entryPoints: [join(root, 'src/cli.ts')],
  outfile: join(root, 'dist/dsim.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Loaded on demand, and only where installed: the browser driver, and tsx for worker threads.
  external: ['playwright-core', 'tsx', 'tsx/*'],
  banner: { js: "import { createRequire as __dsimRequire } from 'node:module'; const require = __dsimRequire(import.meta.url);" },
  logLevel: 'warning',
  sourcemap: 'linked',
});

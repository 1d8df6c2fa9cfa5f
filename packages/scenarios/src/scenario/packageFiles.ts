// Files of the @dsim/scenarios package found from wherever this code runs: the sources under tsx, or the esbuild
// bundle in dist/ (where `new URL('./x', import.meta.url)` would point into dist/). Reads package.json files only.

import { existsSync, readFileSync } from 'node:fs';

let root: URL | undefined;

/** A file of the @dsim/scenarios package by its path from the package root, e.g. `src/scenario/sweepThread.mjs`. */
export function packageFile(path: string): URL {
  if (root === undefined) {
    let dir = new URL('.', import.meta.url);
    for (let i = 0; i < 8 && root === undefined; i++, dir = new URL('..', dir)) {
      const manifest = new URL('package.json', dir);
      if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === '@dsim/scenarios') root = dir;
    }
    if (root === undefined) throw new Error(`cannot find the @dsim/scenarios package above ${import.meta.url}`);
  }
  return new URL(path, root);
}

// Checks src/patchStrategies.ts against a kubectl on PATH: for every list field of every type in
// core's API_TYPES reachable from a kind kubectl has Go structs for, it asks `kubectl patch --local`
// whether a strategic merge patch merges the list (and by which key) or replaces it, and prints
// each field where the table says otherwise. Run it after regenerating core's apiSchema.ts:
//   cd packages/scenarios && node --import tsx scripts/checkPatchStrategies.mjs
// A field kubectl's structs lack (newer than the kubectl) is listed as unknown to kubectl: look its
// struct tags up in k8s.io/api instead.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_TYPES } from '../../core/src/apiSchema.ts';
import { PATCH_STRATEGIES } from '../src/patchStrategies.ts';

const ROOTS = { DaemonSet: 'apps/v1', Deployment: 'apps/v1', Pod: 'v1', Node: 'v1', Namespace: 'v1', Service: 'v1', ConfigMap: 'v1', Secret: 'v1', ServiceAccount: 'v1' };

// The shortest way from a root kind to each type: the fields to follow, and whether each is a list.
const pathTo = {};
const queue = Object.keys(ROOTS);
for (const r of queue) pathTo[r] = { root: r, steps: [] };
while (queue.length > 0) {
  const t = queue.shift();
  for (const [field, ft] of Object.entries(API_TYPES[t])) {
    const list = ft.startsWith('[]');
    const inner = list ? ft.slice(2) : ft;
    if (API_TYPES[inner] !== undefined && pathTo[inner] === undefined) {
      pathTo[inner] = { root: pathTo[t].root, steps: [...pathTo[t].steps, { owner: t, field, list }] };
      queue.push(inner);
    }
  }
}

/** `leaf` nested along the steps; a merged list on the way gets one element carrying its merge key. */
function wrap(steps, leaf) {
  let v = leaf;
  for (const s of [...steps].reverse()) {
    const key = PATCH_STRATEGIES[`${s.owner}.${s.field}`]?.key;
    v = { [s.field]: s.list ? [key === undefined ? v : { ...v, [key]: 'k' }] : v };
  }
  return v;
}

function listAt(object, steps, field) {
  let v = object;
  for (const s of steps) v = s.list ? v?.[s.field]?.[0] : v?.[s.field];
  return v?.[field];
}

const dir = mkdtempSync(join(tmpdir(), 'patch-strategies-'));
let wrong = 0;
try {
  for (const [type, fields] of Object.entries(API_TYPES)) {
    const path = pathTo[type];
    if (path === undefined) continue;
    for (const [field, ft] of Object.entries(fields)) {
      if (!ft.startsWith('[]') || field === 'managedFields') continue;
      const objects = API_TYPES[ft.slice(2)] !== undefined;
      const [a, b] = objects ? [{ zzz: 'a' }, { zzz: 'b' }] : ft === '[]string' ? ['a', 'b'] : [1, 2];
      const file = join(dir, 'o.json');
      writeFileSync(file, JSON.stringify({ apiVersion: ROOTS[path.root], kind: path.root, metadata: { name: 'x' }, ...wrap(path.steps, { [field]: [a] }) }));
      let seen;
      try {
        const out = execFileSync('kubectl', ['patch', '--local', '-f', file, '-p', JSON.stringify(wrap(path.steps, { [field]: [b] })), '-o', 'json'], { stdio: ['ignore', 'pipe', 'pipe'] });
        seen = listAt(JSON.parse(out.toString()), path.steps, field).length === 2 ? 'merge' : 'replace';
      } catch (e) {
        const err = e.stderr.toString();
        const key = err.match(/does not contain declared merge key: (\S+)/)?.[1];
        seen = key !== undefined ? `merge by ${key}` : err.includes('unable to find api field') ? 'unknown to kubectl' : `error: ${err.trim()}`;
      }
      const meta = PATCH_STRATEGIES[`${type}.${field}`];
      const table = meta === undefined ? 'replace' : meta.key === undefined ? 'merge' : `merge by ${meta.key}`;
      if (seen !== table) {
        wrong++;
        console.log(`${type}.${field}: the table says ${table}, kubectl ${seen}`);
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true });
}
console.log(wrong === 0 ? 'every list field agrees with kubectl' : `${wrong} fields to look at`);

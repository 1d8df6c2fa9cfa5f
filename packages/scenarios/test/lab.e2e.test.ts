// The classic DaemonSets lab, driven through the real dsim command, against a golden transcript.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAB_STEPS } from '../src/commands/demo.ts';
import { dsim, tempDir } from './dsim.ts';

const GOLDEN = join(import.meta.dirname, 'golden/lab.txt');

function transcript(log: string): string {
  let out = '';
  for (const step of LAB_STEPS) {
    const r = dsim(step, { log });
    expect(r.stderr, `stderr of dsim ${step.join(' ')}`).toBe('');
    expect(r.code, `exit code of dsim ${step.join(' ')}`).toBe(0);
    out += `$ dsim ${step.join(' ')}\n${r.stdout}\n`;
  }
  return out;
}

describe('the DaemonSets lab', () => {
  const log = join(tempDir(), 'lab.ndjson');
  const text = transcript(log);

  it('prints the course\'s `get DaemonSets --all-namespaces` table byte for byte', () => {
    // As printed by kubectl against the course's cluster (from the lab's transcript).
    const expected =
      'NAMESPACE     NAME              DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE\n' +
      'kube-system   kube-flannel-ds   1         1         1       1            1           <none>                   4m14s\n' +
      'kube-system   kube-proxy        1         1         1       1            1           kubernetes.io/os=linux   4m16s\n';
    expect(text).toContain(`$ dsim get DaemonSets --all-namespaces\n${expected}`);
  });

  it('shows the new pod Running 1/1 and the DaemonSet 1 1 1 1 1 after 22 seconds', () => {
    const all = text.split('$ dsim get all --all-namespaces\n')[1]!;
    const masked = all.replace(/elasticsearch-[bcdfghjklmnpqrstvwxz2456789]{5}/g, 'elasticsearch-x7q4x');
    expect(masked).toMatch(/^kube-system   pod\/elasticsearch-x7q4x\s+1\/1     Running   0          22s$/m);
    expect(masked).toMatch(/^kube-system   daemonset\.apps\/elasticsearch\s+1         1         1       1            1           <none>\s+22s$/m);
  });

  it('matches the golden transcript', () => {
    if (!existsSync(GOLDEN) || process.env.DSIM_UPDATE_GOLDEN) writeFileSync(GOLDEN, text);
    expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('is deterministic: the same commands write a byte-identical log', () => {
    const again = join(tempDir(), 'lab.ndjson');
    transcript(again);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(log, 'utf8'));
  });
});

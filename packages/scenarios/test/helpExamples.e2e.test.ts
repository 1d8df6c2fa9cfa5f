// Every example `dsim <command> --help` shows works as written on the classic lab's cluster (the
// one the README walks through), so a learner can copy them.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/cli.ts';
import { LAB_STEPS } from '../src/commands/demo.ts';
import { dsim, tempDir } from './dsim.ts';

/** The command lines of a help text's Examples section, split as a shell splits them (single quotes only). */
function exampleLines(help: string): string[][] {
  return examples(help).map((e) => e.args);
}

/**
 * The examples with the environment each sets first (`KUBE_EDITOR='sed -i …' dsim edit …`); an
 * example that sets none runs with an editor that changes nothing, so that none waits on a terminal.
 */
function examples(help: string): { env: Record<string, string>; args: string[] }[] {
  const section = help.split('\nExamples:\n')[1] ?? '';
  return section
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^([A-Z_]+=('[^']*'|\S+) )*dsim /.test(l))
    .map((l) => {
      // Words as the shell makes them: quoted parts joined to what they touch, the quotes dropped.
      const words = [...l.matchAll(/(?:[^\s'"]+|'[^']*'|"[^"]*")+/g)].map((m) => m[0].replace(/'([^']*)'|"([^"]*)"/g, (_q, a, b) => a ?? b));
      const at = words.indexOf('dsim');
      const env: Record<string, string> = { KUBE_EDITOR: 'true' };
      for (const w of words.slice(0, at)) env[w.slice(0, w.indexOf('='))] = w.slice(w.indexOf('=') + 1);
      return { env, args: words.slice(at + 1) };
    });
}

describe("the help's examples", () => {
  const dir = tempDir();
  const lab = join(dir, 'lab.ndjson');
  for (const step of LAB_STEPS) expect(dsim(step, { log: lab }).code).toBe(0);

  it('dsim alone prints its help and succeeds, as kubectl alone does', () => {
    const r = dsim([], { log: lab });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain("Use 'dsim <command> --help' for more about a command.");
  });

  it('every command a learner starts with has examples', () => {
    for (const name of ['apply', 'get', 'describe', 'delete', 'label', 'taint', 'set', 'rollout', 'advance']) {
      const help = dsim([name, '--help'], { log: lab });
      expect(help.code).toBe(0);
      expect(exampleLines(help.stdout).length, name).toBeGreaterThan(0);
    }
  });

  for (const [name] of Object.entries(COMMANDS).filter(([, c]) => c.examples !== undefined)) {
    it(`dsim ${name}: each example runs on the lab's cluster, in the order shown`, () => {
      const shown = examples(dsim([name, '--help'], { log: lab }).stdout);
      const log = join(dir, `${name}.ndjson`);
      copyFileSync(lab, log);
      // Rollout's examples follow and undo a rolling update: set's example starts one.
      if (name === 'rollout') shown.unshift(...examples(dsim(['set', '--help'], { log }).stdout));
      for (const { env, args } of shown) {
        const r = dsim(args, { log, env });
        expect(r.code, `dsim ${args.join(' ')}: ${r.stderr}`).toBe(0);
      }
    });
  }
});

// The rolling-update lab's change-cause, through the real dsim command on the classic lab: a
// DaemonSet annotated after its image changed shows no cause in rollout history, as on a real
// cluster (the controller copies a DaemonSet's annotations into a revision only when it makes it,
// pkg/controller/daemon/update.go snapshot); the cause shows when set before the change, or on
// the revision itself.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAB_STEPS } from '../src/commands/demo.ts';
import { dsim, tempDir } from './dsim.ts';

const NS = ['-n', 'kube-system'];
const CAUSE = 'kubernetes.io/change-cause';

describe('annotate: the change-cause of a rolling update on the lab', () => {
  const log = join(tempDir(), 'lab.ndjson');
  for (const step of LAB_STEPS) expect(dsim(step, { log }).code).toBe(0);
  const run = (...args: string[]) => {
    const r = dsim(args, { log });
    expect(r.stderr, `dsim ${args.join(' ')}`).toBe('');
    expect(r.code, `dsim ${args.join(' ')}`).toBe(0);
    return r.stdout;
  };
  const history = (...rows: string[]) => `daemonset.apps/elasticsearch \nREVISION  CHANGE-CAUSE\n${rows.join('\n')}\n\n`;

  it('set image, rollout status, then annotate: the revision was made before the cause, so history shows <none>', () => {
    expect(run('set', 'image', 'ds/elasticsearch', 'elasticsearch=k8s.gcr.io/fluentd-elasticsearch:1.21', ...NS)).toBe('daemonset.apps/elasticsearch image updated\n');
    expect(run('rollout', 'status', 'ds/elasticsearch', ...NS)).toMatch(/successfully rolled out\n$/);
    const before = readFileSync(log, 'utf8');
    expect(run('annotate', 'ds/elasticsearch', ...NS, `${CAUSE}=image updated to 1.21`)).toBe('daemonset.apps/elasticsearch annotated\n');
    // One fact: the DaemonSet re-applied with its new annotations; no new generation, no rollout.
    const added = readFileSync(log, 'utf8').slice(before.length).trim().split('\n');
    expect(added.map((l) => (JSON.parse(l) as { type: string }).type)).toEqual(['DaemonSetApplied']);
    expect(run('get', 'ds', 'elasticsearch', ...NS, '-o', 'jsonpath={.metadata.generation} {.status.observedGeneration}')).toBe('2 2');
    expect(run('rollout', 'history', 'ds/elasticsearch', ...NS)).toBe(history('1         <none>', '2         <none>'));
    // The lab was applied: its manifest is in the last-applied-configuration annotation, whose value ends in a
    // newline, so that kubectl prints a blank line after it.
    const lastApplied = run('get', 'ds', 'elasticsearch', ...NS, '-o', 'jsonpath={.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}');
    expect(lastApplied).toMatch(/^\{"apiVersion":"apps\/v1","kind":"DaemonSet",.*\}\n$/);
    expect(run('annotate', 'ds/elasticsearch', ...NS, '--list')).toBe(`deprecated.daemonset.template.generation=2\nkubectl.kubernetes.io/last-applied-configuration=${lastApplied}\n${CAUSE}=image updated to 1.21\n`);
  });

  it("annotating the revision itself gives it the cause (kubectl's rollout history reads the revisions)", () => {
    const revision = run('get', 'controllerrevisions', ...NS, '-l', 'app=elasticsearch', '-o', 'jsonpath={.items[?(@.revision==2)].metadata.name}');
    expect(revision).toMatch(/^elasticsearch-\w+$/);
    expect(run('annotate', 'controllerrevision', revision, ...NS, `${CAUSE}=image updated to 1.21`)).toBe(`controllerrevision.apps/${revision} annotated\n`);
    expect(run('rollout', 'history', 'ds/elasticsearch', ...NS)).toBe(history('1         <none>', '2         image updated to 1.21'));
  });

  it('a cause set before the change is copied into the revision the change makes', () => {
    // The change-cause needs no --overwrite, even though the DaemonSet has one already.
    run('annotate', 'ds', 'elasticsearch', ...NS, `${CAUSE}=image updated to 1.22`);
    run('set', 'image', 'ds/elasticsearch', 'elasticsearch=k8s.gcr.io/fluentd-elasticsearch:1.22', ...NS);
    run('rollout', 'status', 'ds/elasticsearch', ...NS);
    expect(run('rollout', 'history', 'ds/elasticsearch', ...NS)).toBe(history('1         <none>', '2         image updated to 1.21', '3         image updated to 1.22'));
  });

  it('a rollback renumbers the old revision and keeps the annotations it was made with', () => {
    expect(run('rollout', 'undo', 'ds/elasticsearch', ...NS, '--to-revision=2')).toBe('daemonset.apps/elasticsearch rolled back\n');
    run('rollout', 'status', 'ds/elasticsearch', ...NS);
    expect(run('rollout', 'history', 'ds/elasticsearch', ...NS)).toBe(history('1         <none>', '3         image updated to 1.22', '4         image updated to 1.21'));
  });
});

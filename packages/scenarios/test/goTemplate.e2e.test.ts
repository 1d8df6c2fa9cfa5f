// `dsim get -o go-template=…` on the classic lab's cluster, as the Kubernetes tutorial "Perform a
// Rolling Update on a DaemonSet" uses it. The expected outputs for single objects are kubectl's own:
// `dsim get … -o json` fed to `kubectl patch --local -f FILE -p '{}' --type=merge -o go-template=…`
// (kubectl v1.32.4) printed the same bytes, error dump included.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAB_STEPS } from '../src/commands/demo.ts';
import { dsim, tempDir } from './dsim.ts';

describe('get -o go-template on the lab', () => {
  const dir = tempDir();
  const log = join(dir, 'lab.ndjson');
  for (const step of LAB_STEPS) expect(dsim(step, { log }).code).toBe(0);

  it("prints the tutorial's update strategy line, and renders a single object itself", () => {
    const r = dsim(['get', 'ds/elasticsearch', '-o', 'go-template={{.spec.updateStrategy.type}}{{"\\n"}}', '-n', 'kube-system'], { log });
    expect(r).toEqual({ code: 0, stdout: 'RollingUpdate\n', stderr: '' });
    const verbs = dsim(['get', 'ds', 'elasticsearch', '-n', 'kube-system', '-o', 'go-template={{printf "%s %v %d %T %v" .metadata.name .status.numberReady .status.numberReady .metadata.generation .metadata.labels}}'], { log });
    expect(verbs.stdout).toBe('elasticsearch 1 1 int64 <nil>');
    const tolerations = dsim(['get', 'pod', 'elasticsearch-wgkx5', '-n', 'kube-system', '-o', 'go-template={{with .spec.tolerations}}{{range .}}{{.key}}:{{.effect}} {{end}}{{end}}{{.metadata.creationTimestamp}}'], { log });
    expect(tolerations.stdout).toBe(
      'node.kubernetes.io/not-ready:NoExecute node.kubernetes.io/unreachable:NoExecute node.kubernetes.io/disk-pressure:NoSchedule node.kubernetes.io/memory-pressure:NoSchedule node.kubernetes.io/pid-pressure:NoSchedule node.kubernetes.io/unschedulable:NoSchedule 2025-01-01T00:04:16Z',
    );
  });

  it('renders a list once, over the List kubectl builds ({{range .items}}); template= is its alias', () => {
    const r = dsim(['get', 'ds', '-n', 'kube-system', '-o', 'go-template={{range .items}}{{printf "%s\\t%v\\n" .metadata.name .status.numberReady}}{{end}}{{len .items}} {{.kind}}'], { log });
    expect(r).toEqual({ code: 0, stdout: 'elasticsearch\t1\nkube-flannel-ds\t1\nkube-proxy\t1\n3 List', stderr: '' });
    const alias = dsim(['get', 'pods', '-A', '-o', 'template={{range .items}}{{.metadata.name}} {{index .metadata.labels "app"}}{{"\\n"}}{{end}}'], { log });
    expect(alias.stdout).toBe('elasticsearch-wgkx5 elasticsearch\nkube-flannel-ds-t5qwn flannel\nkube-proxy-s7mpl <no value>\n');
    // The older spelling: --template with -o go-template, or alone; with -o FORMAT=… both, kubectl finds no printer.
    expect(dsim(['get', 'ds', '-n', 'kube-system', '-o', 'go-template', '--template={{len .items}}'], { log }).stdout).toBe('3');
    expect(dsim(['get', 'ds', '-n', 'kube-system', '--template', '{{range .items}}{{.metadata.name}} {{end}}'], { log }).stdout).toBe('elasticsearch kube-flannel-ds kube-proxy ');
    expect(dsim(['get', 'ds', '-o', 'go-template={{.kind}}', '--template={{.kind}}'], { log }).stderr).toMatch(/^error: unable to match a printer suitable for the output format "go-template=\{\{\.kind\}\}", allowed formats are: /);
  });

  it('go-template-file= (and templatefile=) read the template from a file, trailing newline and all', () => {
    const file = join(dir, 'strategy.tmpl');
    writeFileSync(file, '{{range .items}}{{.metadata.name}}={{.spec.updateStrategy.rollingUpdate.maxUnavailable}}\n{{end}}');
    for (const format of ['go-template-file', 'templatefile']) {
      const r = dsim(['get', 'ds', '-n', 'kube-system', '-o', `${format}=${file}`], { log });
      expect(r).toEqual({ code: 0, stdout: 'elasticsearch=1\nkube-flannel-ds=1\nkube-proxy=1\n', stderr: '' });
    }
    const missing = dsim(['get', 'ds', '-o', `go-template-file=${join(dir, 'nope.tmpl')}`], { log });
    expect(missing).toEqual({ code: 1, stdout: '', stderr: `error: error reading --template ${join(dir, 'nope.tmpl')}, open ${join(dir, 'nope.tmpl')}: no such file or directory\n` });
  });

  it("refuses a template that does not parse before reading anything; one that fails prints kubectl's dump; the log untouched", () => {
    const before = readFileSync(log, 'utf8');
    expect(dsim(['get', 'ds', '-n', 'kube-system', '-o', 'go-template={{.metadata.name'], { log })).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: error parsing template {{.metadata.name, template: output:1: unclosed action\n',
    });
    expect(dsim(['get', 'ds', '-o', 'go-template'], { log })).toEqual({ code: 1, stdout: '', stderr: 'error: template format specified but no template given\n' });
    const failed = dsim(['get', 'ds/elasticsearch', '-n', 'kube-system', '-o', 'go-template={{.metadata.name}} {{.spec.updateStrategy.type.x}}'], { log });
    const error = 'template: output:1:26: executing "output" at <.spec.updateStrategy.type.x>: can\'t evaluate field x in type interface {}';
    expect(failed.code).toBe(1);
    expect(failed.stderr).toBe(`error: error executing template "{{.metadata.name}} {{.spec.updateStrategy.type.x}}": ${error}\n`);
    expect(failed.stdout.startsWith(`elasticsearch Error executing template: ${error}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{{.metadata.name}} {{.spec.updateStrategy.type.x}}\n\traw data was:\n\t\t{"apiVersion":"apps/v1","kind":"DaemonSet",`)).toBe(true);
    expect(failed.stdout).toContain('\n\tobject given to template engine was:\n\t\tmap[apiVersion:apps/v1 kind:DaemonSet metadata:map[annotations:map[deprecated.daemonset.template.generation:1 kubectl.kubernetes.io/last-applied-configuration:{"apiVersion":"apps/v1","kind":"DaemonSet",');
    expect(failed.stdout.endsWith(']]\n\n')).toBe(true);
    expect(readFileSync(log, 'utf8')).toBe(before);
  });
});

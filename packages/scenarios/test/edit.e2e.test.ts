// `dsim edit` driven as a user drives kubectl edit from a script: KUBE_EDITOR names a program that
// changes the file. The editor's file and every message were compared with kubectl v1.32's, run
// against a small HTTP server of our own serving the same objects as the API server would (the
// file byte for byte; the messages of a refusal as kubectl prints the server's).
import { chmodSync, copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dsim, ROOT, tempDir } from './dsim.ts';

const HEADER =
  "# Please edit the object below. Lines beginning with a '#' will be ignored,\n" +
  '# and an empty file will abort the edit. If an error occurs while saving this file will be\n' +
  '# reopened with the relevant failures.\n' +
  '#\n';

const BIN = join(ROOT, 'packages/scenarios/bin/dsim.mjs');

describe('dsim edit', () => {
  const dir = tempDir();
  const lab = join(dir, 'lab.ndjson');
  let n = 0;

  beforeAll(() => {
    expect(dsim(['apply', '-f', 'examples/lab/'], { log: lab }).code).toBe(0);
    expect(dsim(['advance', '30s'], { log: lab }).code).toBe(0);
  });

  /** A copy of the lab's log, its own temporary directory, and an editor script there. */
  function setUp(script: string): { log: string; tmp: string; env: Record<string, string> } {
    const tmp = join(dir, `t${++n}`);
    const log = join(dir, `log${n}.ndjson`);
    copyFileSync(lab, log);
    const editor = join(dir, `editor${n}.sh`);
    // Each run of the editor leaves a copy of what it was shown: seen-1, seen-2, ...
    writeFileSync(editor, `#!/bin/sh\nmkdir -p ${tmp}\nk=$(ls ${tmp} | grep -c '^seen-')\ncp "$1" ${tmp}/seen-$((k + 1))\n${script}\n`);
    chmodSync(editor, 0o755);
    return { log, tmp, env: { KUBE_EDITOR: editor, TMPDIR: dir } };
  }
  const seen = (tmp: string, i: number) => readFileSync(join(tmp, `seen-${i}`), 'utf8');
  const editFiles = () => readdirSync(dir).filter((f) => f.startsWith('dsim-edit-'));
  // Files a test kept (as kubectl keeps them) are not the next test's.
  afterEach(() => {
    for (const f of editFiles()) rmSync(join(dir, f));
  });

  it("shows kubectl's header, then the object as get -o yaml prints it (JSON: the object alone)", () => {
    const { log, tmp, env } = setUp('');
    const r = dsim(['edit', 'ds/elasticsearch', '-n', 'kube-system'], { log, env });
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: 'Edit cancelled, no changes made.\n' });
    expect(seen(tmp, 1)).toBe(HEADER + dsim(['get', 'ds/elasticsearch', '-n', 'kube-system', '-o', 'yaml'], { log }).stdout);
    const j = setUp('');
    expect(dsim(['edit', 'node', 'controlplane', '-o', 'json'], { log: j.log, env: j.env }).code).toBe(0);
    expect(seen(j.tmp, 1)).toBe(dsim(['get', 'node', 'controlplane', '-o', 'json'], { log: j.log }).stdout);
    expect(readFileSync(log, 'utf8')).toBe(readFileSync(lab, 'utf8'));
    expect(editFiles()).toEqual([]);
  });

  it('stores an edited template: the DaemonSet rolls out the new image', () => {
    const { log, env } = setUp('sed -i "s|fluentd-elasticsearch:1.20|fluentd-elasticsearch:1.21|" "$1"');
    const r = dsim(['edit', 'ds/elasticsearch', '-n', 'kube-system'], { log, env });
    expect(r).toMatchObject({ code: 0, stdout: 'daemonset.apps/elasticsearch edited\n', stderr: '' });
    const ds = JSON.parse(dsim(['get', 'ds/elasticsearch', '-n', 'kube-system', '-o', 'json'], { log }).stdout);
    expect(ds.metadata.generation).toBe(2);
    expect(ds.spec.template.spec.containers[0].image).toBe('k8s.gcr.io/fluentd-elasticsearch:1.21');
    expect(dsim(['rollout', 'status', 'ds/elasticsearch', '-n', 'kube-system'], { log }).stdout).toContain('successfully rolled out');
    expect(editFiles()).toEqual([]);
  });

  it('edits several objects as a List: each changed one edited, the others skipped, in order', () => {
    const { log, tmp, env } = setUp('sed -i "s|fluentd-elasticsearch:1.20|fluentd-elasticsearch:1.21|" "$1"');
    const r = dsim(['edit', 'ds', '-n', 'kube-system'], { log, env });
    expect(r.stdout).toBe('daemonset.apps/elasticsearch edited\ndaemonset.apps/kube-flannel-ds skipped\ndaemonset.apps/kube-proxy skipped\n');
    expect(seen(tmp, 1)).toMatch(/^#\napiVersion: v1\nitems:\n- apiVersion: apps\/v1\n/m);
    expect(seen(tmp, 1).endsWith('kind: List\nmetadata: {}\n')).toBe(true);
  });

  it('reopens a refused file with the reasons on top; saved unchanged, it gives up and keeps the file', () => {
    const { log, tmp, env } = setUp('grep -q "was not valid" "$1" || sed -i "s|- image: k8s.gcr.io/fluentd-elasticsearch:1.20|- image: \\"\\"|" "$1"');
    const r = dsim(['edit', 'ds/elasticsearch', '-n', 'kube-system'], { log, env });
    const kept = editFiles().map((f) => join(dir, f));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(kept).toHaveLength(2);
    const last = kept.find((f) => r.stderr.includes(f))!;
    expect(r.stderr).toBe(
      `error: daemonsets.apps "elasticsearch" is invalid\nA copy of your changes has been stored to "${last}"\nerror: Edit cancelled, no valid changes were saved.\n`,
    );
    expect(seen(tmp, 2)).toMatch(
      new RegExp(`^${HEADER.replaceAll('.', '\\.')}# daemonsets\\.apps "elasticsearch" was not valid:\n# \\* spec\\.template\\.spec\\.containers\\[0\\]\\.image: Required value\n#\napiVersion: apps/v1\n`),
    );
    expect(readFileSync(last, 'utf8')).toContain('- image: ""');
    expect(readFileSync(log, 'utf8')).toBe(readFileSync(lab, 'utf8'));
  });

  it('stores the file fixed on its second opening', () => {
    const fix = 'if grep -q "was not valid" "$1"; then sed -i "s|- image: \\"\\"|- image: busybox:1.36|" "$1"; else sed -i "s|- image: k8s.gcr.io/fluentd-elasticsearch:1.20|- image: \\"\\"|" "$1"; fi';
    const { log, env } = setUp(fix);
    const r = dsim(['edit', 'ds/elasticsearch', '-n', 'kube-system'], { log, env });
    expect(r).toMatchObject({ code: 0, stdout: 'daemonset.apps/elasticsearch edited\n', stderr: 'error: daemonsets.apps "elasticsearch" is invalid\n' });
    expect(dsim(['get', 'ds/elasticsearch', '-n', 'kube-system', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'], { log }).stdout).toBe('busybox:1.36');
  });

  it.each([
    ['a changed name', 's|^  name: elasticsearch|  name: other|', 'error: At least one of apiVersion, kind and name was changed'],
    [
      'a changed namespace',
      's|^  namespace: kube-system|  namespace: default|',
      `error: the namespace from the provided object "default" does not match the namespace "kube-system". You must pass '--namespace=default' to perform this operation.`,
    ],
  ])('refuses %s, keeping the file', (_what, sed, error) => {
    const { log, env } = setUp(`sed -i "${sed}" "$1"`);
    const r = dsim(['edit', 'ds/elasticsearch', '-n', 'kube-system'], { log, env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^A copy of your changes has been stored to ".*/dsim-edit-\\d+\\.yaml"\n${error.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n$`));
    expect(readFileSync(log, 'utf8')).toBe(readFileSync(lab, 'utf8'));
  });

  it('takes an emptied file as a cancel', () => {
    const { log, env } = setUp(': > "$1"');
    expect(dsim(['edit', 'ds/elasticsearch', '-n', 'kube-system'], { log, env })).toMatchObject({ code: 0, stdout: '', stderr: 'Edit cancelled, saved file was empty.\n' });
  });

  it("keeps a node's status: a write to the object leaves its status subresource alone", () => {
    const { log, env } = setUp('sed -i "s|^  labels:|  labels:\\n    disk: ssd|; s|kubeletVersion: v1.29.0|kubeletVersion: v9.9.9|" "$1"');
    const r = dsim(['edit', 'node/controlplane'], { log, env });
    expect(r).toMatchObject({ code: 0, stdout: 'node/controlplane edited\n' });
    const node = JSON.parse(dsim(['get', 'node', 'controlplane', '-o', 'json'], { log }).stdout);
    expect(node.metadata.labels.disk).toBe('ssd');
    expect(node.status.nodeInfo.kubeletVersion).toBe('v1.29.0');
  });

  it('refuses an object another command changed while the editor was open, and keeps the edits', () => {
    // The script labels the node in the log setUp is about to copy (the next one).
    const { log, env } = setUp(`DSIM_LOG=${dir}/log${n + 1}.ndjson "${process.execPath}" "${BIN}" label node controlplane team=a >/dev/null\nsed -i "s|^  labels:|  labels:\\n    disk: ssd|" "$1"`);
    const r = dsim(['edit', 'node', 'controlplane'], { log, env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error: nodes "controlplane" could not be patched: Operation cannot be fulfilled on nodes "controlplane": the object has been modified; please apply your changes to the latest version and try again\nYou can run `dsim replace -f .*\/dsim-edit-\d+\.yaml` to try this update again\.\n$/,
    );
    const labels = JSON.parse(dsim(['get', 'node', 'controlplane', '-o', 'json'], { log }).stdout).metadata.labels;
    expect(labels).toMatchObject({ team: 'a' });
    expect(labels.disk).toBeUndefined();
  });

  it.each([
    ['false', 'error: there was a problem with the editor "false"\n'],
    ['no-such-editor -w', 'error: unable to launch the editor "no-such-editor -w"\n'],
  ])('says when the editor %s fails, and leaves no file', (editor, stderr) => {
    const before = editFiles();
    const r = dsim(['edit', 'ds/elasticsearch', '-n', 'kube-system'], { log: lab, env: { KUBE_EDITOR: editor, TMPDIR: dir } });
    expect(r).toMatchObject({ code: 1, stdout: '', stderr });
    expect(editFiles()).toEqual(before);
  });

  it.each([
    [['edit'], "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n"],
    [['edit', 'ds', 'nope', '-n', 'kube-system'], 'Error from server (NotFound): daemonsets.apps "nope" not found\n'],
    [['edit', 'ds'], 'error: edit cancelled, no objects found\n'],
    [['edit', 'ds', '-n', 'kube-system', '-o', 'wide'], 'error: unable to match a printer suitable for the output format "wide", allowed formats are: json,yaml\n'],
  ])('refuses %j before any editor runs', (args, stderr) => {
    expect(dsim(args, { log: lab, env: { KUBE_EDITOR: 'false' } })).toMatchObject({ code: 1, stdout: '', stderr });
  });
});

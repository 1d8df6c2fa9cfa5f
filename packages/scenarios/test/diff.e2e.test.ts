// `dsim diff` driven as a user drives kubectl diff: before an apply, to see what it would change.
// The layout is kubectl's pkg/cmd/diff: LIVE-* and MERGED-* directories under TMPDIR, one file per
// object named [group.]version.Kind.namespace.name, compared by `diff -u -N` (GNU diff here) or by
// KUBECTL_EXTERNAL_DIFF; exit 0 without differences, 1 with, 2 on any failure.
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dsim, labCopies, ROOT, tempDir } from './dsim.ts';

const ES = join(ROOT, 'examples/lab/elasticsearch.yaml');
const PROXY = join(ROOT, 'examples/lab/kube-proxy.yaml');

describe('dsim diff', () => {
  const dir = tempDir();
  const copy = labCopies();

  /** A copy of the lab's log, a TMPDIR of its own, and a file holding `text`. */
  function setUp(text?: string): { log: string; tmp: string; file: string; env: Record<string, string>; saved: string } {
    const { log, file } = copy(text);
    const tmp = tempDir();
    return { log, tmp, file, env: { TMPDIR: tmp }, saved: readFileSync(log, 'utf8') };
  }
  /** The run's temporary directories' names and diff's file times, which differ every run. */
  const normal = (s: string, tmp: string) =>
    s
      .replaceAll(tmp, '$TMP')
      .replace(/(LIVE|MERGED)-[A-Za-z0-9]{6}/g, '$1-XXXXXX')
      .replace(/\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ [+-]\d{4}$/gm, '\tTIME');
  const esWith = (image: string) => readFileSync(ES, 'utf8').replace('fluentd-elasticsearch:1.20', image);

  it('prints nothing and exits 0 when applying would change nothing; saves nothing; leaves no directories', () => {
    const { log, tmp, env, saved } = setUp();
    expect(dsim(['diff', '-f', ES], { log, env })).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(log, 'utf8')).toBe(saved);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it("shows a template change as diff -u does, with the generation moving on and the status as it stands; exit 1", () => {
    const { log, tmp, file, env, saved } = setUp(esWith('fluentd-elasticsearch:1.21'));
    const r = dsim(['diff', '-f', file], { log, env });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const name = 'apps.v1.DaemonSet.kube-system.elasticsearch';
    expect(normal(r.stdout, tmp)).toBe(
      `diff -u -N $TMP/LIVE-XXXXXX/${name} $TMP/MERGED-XXXXXX/${name}\n` +
        `--- $TMP/LIVE-XXXXXX/${name}\tTIME\n` +
        `+++ $TMP/MERGED-XXXXXX/${name}\tTIME\n` +
        '@@ -2,11 +2,11 @@\n' +
        ' kind: DaemonSet\n' +
        ' metadata:\n' +
        '   annotations:\n' +
        '-    deprecated.daemonset.template.generation: "1"\n' +
        '+    deprecated.daemonset.template.generation: "2"\n' +
        // The lab was applied: its annotation, which kubectl's diff leaves as it is (it merges the
        // manifest without one), is context.
        '     kubectl.kubernetes.io/last-applied-configuration: |\n' +
        r.stdout.split('\n').find((l) => l.startsWith('       {"apiVersion":"apps/v1","kind":"DaemonSet",'))! +
        '\n' +
        '   creationTimestamp: "2025-01-01T00:00:00Z"\n' +
        '-  generation: 1\n' +
        '+  generation: 2\n' +
        '   name: elasticsearch\n' +
        '   namespace: kube-system\n' +
        // The uid line's value is the log's; the context is checked by the hunk's lengths.
        r.stdout.split('\n').find((l) => l.startsWith('   uid: '))! +
        '\n' +
        '@@ -21,7 +21,7 @@\n' +
        '         app: elasticsearch\n' +
        '     spec:\n' +
        '       containers:\n' +
        '-      - image: k8s.gcr.io/fluentd-elasticsearch:1.20\n' +
        '+      - image: k8s.gcr.io/fluentd-elasticsearch:1.21\n' +
        '         imagePullPolicy: IfNotPresent\n' +
        '         name: elasticsearch\n' +
        '         resources: {}\n',
    );
    // The live side is what get shows now.
    expect(dsim(['get', 'ds', 'elasticsearch', '-n', 'kube-system', '-o', 'jsonpath={.metadata.generation}'], { log }).stdout).toBe('1');
    expect(readFileSync(log, 'utf8')).toBe(saved);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('shows a new object whole, as apply would then store it but for the annotation apply adds', () => {
    const { log, tmp, file, env } = setUp(esWith('fluentd-elasticsearch:1.21').replaceAll('elasticsearch', 'es-two'));
    const r = dsim(['diff', '-f', file], { log, env });
    expect(r.code).toBe(1);
    const lines = normal(r.stdout, tmp).split('\n');
    expect(lines[0]).toBe('diff -u -N $TMP/LIVE-XXXXXX/apps.v1.DaemonSet.kube-system.es-two $TMP/MERGED-XXXXXX/apps.v1.DaemonSet.kube-system.es-two');
    const added = lines.filter((l) => l.startsWith('+') && !l.startsWith('+++')).map((l) => l.slice(1));
    expect(lines[3]).toBe(`@@ -0,0 +1,${added.length} @@`);
    // The same object, planned at the same point of the log, as apply -o yaml prints it once stored.
    const applied = dsim(['apply', '-f', file, '-o', 'yaml'], { log });
    expect(applied.code).toBe(0);
    // kubectl's diff creates the object (dry run) without the last-applied-configuration annotation.
    const stored = applied.stdout.split('\n');
    const at = stored.indexOf('    kubectl.kubernetes.io/last-applied-configuration: |');
    expect(at).toBeGreaterThan(0);
    stored.splice(at, 2);
    expect(`${added.join('\n')}\n`).toBe(stored.join('\n'));
  });

  it('compares several objects in one run of diff, and -l keeps only those the selector matches', () => {
    const two = `${esWith('fluentd-elasticsearch:1.21')}---\n${readFileSync(PROXY, 'utf8').replace('kube-proxy:v1.29.0', 'kube-proxy:v1.29.1')}`;
    const { log, tmp, file, env } = setUp(two);
    const r = dsim(['diff', '-f', file], { log, env });
    expect(r.code).toBe(1);
    const headers = normal(r.stdout, tmp)
      .split('\n')
      .filter((l) => l.startsWith('diff '));
    expect(headers).toEqual([
      'diff -u -N $TMP/LIVE-XXXXXX/apps.v1.DaemonSet.kube-system.elasticsearch $TMP/MERGED-XXXXXX/apps.v1.DaemonSet.kube-system.elasticsearch',
      'diff -u -N $TMP/LIVE-XXXXXX/apps.v1.DaemonSet.kube-system.kube-proxy $TMP/MERGED-XXXXXX/apps.v1.DaemonSet.kube-system.kube-proxy',
    ]);
    const selected = dsim(['diff', '-f', file, '-l', 'k8s-app=kube-proxy'], { log, env });
    expect(selected.code).toBe(1);
    expect(selected.stdout).not.toContain('elasticsearch');
    expect(selected.stdout).toContain('+        image: registry.k8s.io/kube-proxy:v1.29.1');
    expect(dsim(['diff', '-f', file, '-l', 'app=none'], { log, env })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it("masks a Secret's values, marking those that change", () => {
    const secret = (a: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\n  namespace: default\ndata:\n  user: YWRtaW4=\n  password: ${a}\n`;
    const { log, tmp, file, env } = setUp(secret('c2VjcmV0'));
    expect(dsim(['apply', '-f', file], { log }).code).toBe(0);
    writeFileSync(file, `${secret('bmV3')}  token: dG9r\n`);
    const r = dsim(['diff', '-f', file], { log, env });
    expect(r.code).toBe(1);
    expect(normal(r.stdout, tmp)).toContain(
      ' data:\n' + '-  password: \'*** (before)\'\n' + '+  password: \'*** (after)\'\n' + "+  token: '***'\n" + "   user: '***'\n" + ' kind: Secret\n',
    );
    expect(r.stdout).not.toMatch(/YWRtaW4|c2VjcmV0|bmV3|dG9r/);
  });

  it('runs the program KUBECTL_EXTERNAL_DIFF names: the directories, then its plain flags; others are ignored with a warning', () => {
    const { log, tmp, file, env } = setUp(esWith('fluentd-elasticsearch:1.21'));
    const program = join(dir, 'show-args.sh');
    writeFileSync(program, '#!/bin/sh\necho "$@"\nls "$1" "$2"\nexit 1\n');
    chmodSync(program, 0o755);
    const r = dsim(['diff', '-f', file], { log, env: { ...env, KUBECTL_EXTERNAL_DIFF: `${program} -N --color=always a/b` } });
    expect(r.code).toBe(1);
    expect(normal(r.stdout, tmp)).toBe(
      '$TMP/LIVE-XXXXXX $TMP/MERGED-XXXXXX -N --color=always\n' +
        '$TMP/LIVE-XXXXXX:\napps.v1.DaemonSet.kube-system.elasticsearch\n\n' +
        '$TMP/MERGED-XXXXXX:\napps.v1.DaemonSet.kube-system.elasticsearch\n',
    );
    expect(r.stderr).toBe('invalid argument is ignored: a/b, only Alphanumeric (case-insensitive), dash and equal are allowed\n');
  });

  it('fails with exit status 2, in kubectl diff\'s words, saving nothing', () => {
    const { log, file, env } = setUp(esWith('fluentd-elasticsearch:1.21'));
    const before = readFileSync(log, 'utf8');
    expect(dsim(['diff'], { log, env })).toEqual({ code: 2, stdout: '', stderr: 'error: must specify one of -f and -k\n' });
    expect(dsim(['diff', '-f', file, 'extra'], { log, env })).toEqual({
      code: 2,
      stdout: '',
      stderr: "error: Unexpected args: [extra]\nSee 'dsim diff -h' for help and examples\n",
    });
    expect(dsim(['diff', '--colour'], { log, env })).toEqual({
      code: 2,
      stdout: '',
      stderr: "error: unknown flag: --colour\nSee 'dsim diff -h' for help and examples\n",
    });
    expect(dsim(['diff', '-f', file, '--force-conflicts'], { log, env })).toMatchObject({ code: 2, stderr: 'error: --force-conflicts only works with --server-side\n' });
    expect(dsim(['diff', '-f', join(dir, 'missing.yaml')], { log, env })).toMatchObject({ code: 2, stderr: `error: the path "${join(dir, 'missing.yaml')}" does not exist\n` });
    // An invalid object: the API server's refusal, as apply's.
    writeFileSync(file, esWith('fluentd-elasticsearch:1.21').replace('app: elasticsearch\n  template', 'app: other\n  template'));
    const invalid = dsim(['diff', '-f', file], { log, env });
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/^The DaemonSet "elasticsearch" is invalid: /);
    writeFileSync(file, esWith('fluentd-elasticsearch:1.21'));
    expect(dsim(['diff', '-f', file], { log, env: { ...env, KUBECTL_EXTERNAL_DIFF: 'no-such-diff-program' } })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: failed to run "no-such-diff-program": exec: "no-such-diff-program": executable file not found in $PATH\n',
    });
    expect(readFileSync(log, 'utf8')).toBe(before);
  });
});

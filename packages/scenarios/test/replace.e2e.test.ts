// `dsim replace -f`: kubectl's replace, a PUT of the manifest as given. Messages and behaviour were
// compared with kubectl v1.32 replacing against a small HTTP server of our own answering as the
// API server does (`replaced`, `replaced (dry run)`, `replaced (server dry run)`, the NotFound
// refusal, the body sent with and without --save-config, the --force flag checks).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dsim, labCopies, ROOT } from './dsim.ts';

const ES = join(ROOT, 'examples/lab/elasticsearch.yaml');

describe('dsim replace', () => {
  const copy = labCopies();
  const setUp = (text?: string) => copy(text ?? readFileSync(ES, 'utf8'));
  const jsonpath = (log: string, path: string) => dsim(['get', 'ds', 'elasticsearch', '-n', 'kube-system', '-o', `jsonpath=${path}`], { log }).stdout;

  it('makes the object the manifest: what others set is gone (apply would keep it), and so is the last-applied annotation', () => {
    const { log, file } = setUp();
    const uid = jsonpath(log, '{.metadata.uid}');
    expect(dsim(['patch', 'ds', 'elasticsearch', '-n', 'kube-system', '-p', '{"spec":{"template":{"spec":{"nodeSelector":{"disk":"ssd"}}}}}'], { log }).code).toBe(0);
    // apply merges: the nodeSelector it never set stays.
    const applied = setUp();
    expect(dsim(['patch', 'ds', 'elasticsearch', '-n', 'kube-system', '-p', '{"spec":{"template":{"spec":{"nodeSelector":{"disk":"ssd"}}}}}'], { log: applied.log }).code).toBe(0);
    expect(dsim(['apply', '-f', file], { log: applied.log }).stdout).toBe('daemonset.apps/elasticsearch unchanged\n');
    expect(jsonpath(applied.log, '{.spec.template.spec.nodeSelector}')).toBe('{"disk":"ssd"}');
    // replace puts the manifest: no nodeSelector, a new template generation, the same object.
    expect(dsim(['replace', '-f', file], { log })).toEqual({ code: 0, stdout: 'daemonset.apps/elasticsearch replaced\n', stderr: '' });
    expect(jsonpath(log, '{.spec.template.spec.nodeSelector}')).toBe('');
    expect(jsonpath(log, '{.metadata.generation}')).toBe('3');
    expect(jsonpath(log, '{.metadata.uid}')).toBe(uid);
    expect(jsonpath(log, `{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}`)).toBe('');
    // Replacing with what is there changes nothing and still says replaced.
    const before = readFileSync(log, 'utf8');
    expect(dsim(['replace', '-f', file], { log }).stdout).toBe('daemonset.apps/elasticsearch replaced\n');
    expect(readFileSync(log, 'utf8')).toBe(before);
  });

  it('--save-config writes the annotation kubectl writes, which a later apply merges against', () => {
    const { log, file } = setUp();
    expect(dsim(['replace', '-f', file, '--save-config'], { log }).code).toBe(0);
    const annotation = jsonpath(log, `{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}`);
    expect(annotation).toBe(
      '{"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"annotations":{},"name":"elasticsearch","namespace":"kube-system"},"spec":{"selector":{"matchLabels":{"app":"elasticsearch"}},"template":{"metadata":{"labels":{"app":"elasticsearch"}},"spec":{"containers":[{"image":"k8s.gcr.io/fluentd-elasticsearch:1.20","name":"elasticsearch"}]}}}}\n',
    );
    const r = dsim(['apply', '-f', file], { log });
    expect(r).toEqual({ code: 0, stdout: 'daemonset.apps/elasticsearch unchanged\n', stderr: '' });
  });

  it('dry runs: client prints the manifest as it would be sent and checks nothing; server checks; neither saves', () => {
    const { log, file } = setUp(readFileSync(ES, 'utf8').replace('fluentd-elasticsearch:1.20', 'fluentd-elasticsearch:1.21'));
    const before = readFileSync(log, 'utf8');
    expect(dsim(['replace', '-f', file, '--dry-run=client'], { log }).stdout).toBe('daemonset.apps/elasticsearch replaced (dry run)\n');
    expect(dsim(['replace', '-f', file, '--dry-run=server'], { log }).stdout).toBe('daemonset.apps/elasticsearch replaced (server dry run)\n');
    expect(dsim(['replace', '-f', file, '--dry-run=client', '-o', 'yaml'], { log }).stdout).toBe(
      'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: elasticsearch\n  namespace: kube-system\nspec:\n  selector:\n    matchLabels:\n      app: elasticsearch\n' +
        '  template:\n    metadata:\n      labels:\n        app: elasticsearch\n    spec:\n      containers:\n      - image: k8s.gcr.io/fluentd-elasticsearch:1.21\n        name: elasticsearch\n',
    );
    const server = dsim(['replace', '-f', file, '--dry-run=server', '-o', 'jsonpath={.spec.template.spec.containers[0].image} {.metadata.generation}'], { log });
    expect(server.stdout).toBe('k8s.gcr.io/fluentd-elasticsearch:1.21 2');
    expect(readFileSync(log, 'utf8')).toBe(before);
  });

  it('--force deletes the object, waits in simulated time until it is gone, and creates it anew', () => {
    const { log, file } = setUp(readFileSync(ES, 'utf8').replace('fluentd-elasticsearch:1.20', 'fluentd-elasticsearch:1.21'));
    const uid = jsonpath(log, '{.metadata.uid}');
    const r = dsim(['replace', '--force', '-f', file], { log });
    expect(r).toEqual({ code: 0, stdout: 'daemonset.apps "elasticsearch" deleted\ndaemonset.apps/elasticsearch replaced\n', stderr: '' });
    // A new object: a new uid, generation 1, the manifest's template.
    expect(jsonpath(log, '{.metadata.uid}')).not.toBe(uid);
    expect(jsonpath(log, '{.metadata.generation} {.spec.template.spec.containers[0].image}')).toBe('1 k8s.gcr.io/fluentd-elasticsearch:1.21');
    // An object that does not exist is simply created; -o name names both steps as kubectl's printers do.
    const other = setUp(readFileSync(ES, 'utf8').replaceAll('elasticsearch', 'es-two'));
    expect(dsim(['replace', '--force', '-f', other.file, '-o', 'name'], { log: other.log }).stdout).toBe('daemonset.apps/es-two\n');
    // A foreground deletion lasts until the pods are gone: the time it takes passes, and is recorded.
    const fg = setUp();
    const before = dsim(['events'], { log: fg.log }).stdout.trim().split('\n').length;
    expect(dsim(['replace', '--force', '--cascade=foreground', '-f', fg.file], { log: fg.log }).code).toBe(0);
    const events = dsim(['events'], { log: fg.log }).stdout.trim().split('\n').slice(before);
    expect(events.map((l) => l.split(/\s+/)[2])).toEqual(expect.arrayContaining(['DaemonSetDeleted', 'PodDeleted', 'DaemonSetFinalized', 'TimeAdvanced', 'DaemonSetApplied']));
    expect(events.findIndex((l) => l.includes('DaemonSetFinalized'))).toBeLessThan(events.findIndex((l) => l.includes('DaemonSetApplied')));
  });

  it('--force gives up after --timeout of simulated time, the deletion made, as kubectl does', () => {
    const { log, file } = setUp();
    const r = dsim(['replace', '--force', '--cascade=foreground', '--timeout=100ms', '-f', file], { log });
    expect(r).toEqual({ code: 1, stdout: 'daemonset.apps "elasticsearch" deleted\n', stderr: 'error: timed out waiting for the condition\n' });
    expect(dsim(['events'], { log }).stdout).toMatch(/DaemonSetDeleted +kube-system\/elasticsearch propagationPolicy=Foreground/);
  });

  it("refuses, in kubectl's words, an object that does not exist, an invalid one and --force's flags without it; saving nothing", () => {
    const { log, file } = setUp(readFileSync(ES, 'utf8').replaceAll('elasticsearch', 'es-two'));
    const before = readFileSync(log, 'utf8');
    expect(dsim(['replace', '-f', file], { log })).toEqual({
      code: 1,
      stdout: '',
      stderr: `Error from server (NotFound): error when replacing "${file}": daemonsets.apps "es-two" not found\n`,
    });
    writeFileSync(file, readFileSync(ES, 'utf8').replace('app: elasticsearch\n  template', 'app: other\n  template'));
    const invalid = dsim(['replace', '-f', file], { log });
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/^The DaemonSet "elasticsearch" is invalid: /);
    expect(dsim(['replace', '-f', ES, '--grace-period=5'], { log })).toMatchObject({ code: 1, stderr: 'error: --grace-period must have --force specified\n' });
    expect(dsim(['replace', '-f', ES, '--timeout=5s'], { log })).toMatchObject({ code: 1, stderr: 'error: --timeout must have --force specified\n' });
    expect(dsim(['replace', '-f', ES, '--force', '--dry-run=server'], { log })).toMatchObject({ code: 1, stderr: 'error: --dry-run can not be used when --force is set\n' });
    expect(dsim(['replace'], { log })).toMatchObject({ code: 1, stderr: 'error: must specify one of -f and -k\n' });
    expect(readFileSync(log, 'utf8')).toBe(before);
  });
});

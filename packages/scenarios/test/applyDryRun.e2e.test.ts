// `dsim apply --dry-run`: kubectl's dry runs of an apply. Nothing is saved; the messages carry
// kubectl's " (server dry run)" and " (dry run)"; a server dry run refuses what the apply would.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dsim, labCopies, ROOT } from './dsim.ts';

const ES = join(ROOT, 'examples/lab/elasticsearch.yaml');

describe('dsim apply --dry-run', () => {
  const setUp = labCopies();
  const esWith = (image: string) => readFileSync(ES, 'utf8').replace('fluentd-elasticsearch:1.20', image);

  it('--dry-run=server prints what apply would store and saves nothing', () => {
    const { log, file } = setUp(esWith('fluentd-elasticsearch:1.21'));
    const before = readFileSync(log, 'utf8');
    const dry = dsim(['apply', '-f', file, '--dry-run=server', '-o', 'yaml'], { log });
    expect(dry.code).toBe(0);
    expect(readFileSync(log, 'utf8')).toBe(before);
    expect(dry.stdout).toContain('image: k8s.gcr.io/fluentd-elasticsearch:1.21');
    const message = dsim(['apply', '-f', file, '--dry-run=server'], { log });
    expect(message.stdout).toBe('daemonset.apps/elasticsearch configured (server dry run)\n');
    expect(dsim(['apply', '-f', file, '--dry-run=server', '-o', 'name'], { log }).stdout).toBe('daemonset.apps/elasticsearch\n');
    // The real apply, from the same log, stores what the dry run showed.
    const real = dsim(['apply', '-f', file, '-o', 'yaml'], { log });
    expect(real).toMatchObject({ code: 0, stdout: dry.stdout });
    expect(readFileSync(log, 'utf8')).not.toBe(before);
  });

  it('--dry-run=client and --dry-run alone (deprecated, with the warning) say " (dry run)" and save nothing', () => {
    const { log, file } = setUp(esWith('fluentd-elasticsearch:1.21'));
    const before = readFileSync(log, 'utf8');
    expect(dsim(['apply', '-f', file, '--dry-run=client'], { log }).stdout).toBe('daemonset.apps/elasticsearch configured (dry run)\n');
    const alone = dsim(['apply', '-f', file, '--dry-run'], { log });
    expect(alone.stdout).toBe('daemonset.apps/elasticsearch configured (dry run)\n');
    expect(alone.stderr).toContain('--dry-run is deprecated and can be replaced with --dry-run=client.\n');
    // kubectl's client dry run computes no patch for an object that exists: never "unchanged".
    expect(dsim(['apply', '-f', ES, '--dry-run=client'], { log }).stdout).toBe('daemonset.apps/elasticsearch configured (dry run)\n');
    expect(readFileSync(log, 'utf8')).toBe(before);
  });

  it('--dry-run=client -o yaml prints an existing object as it is now, and a new one as read, in its namespace', () => {
    const { log, file } = setUp(esWith('fluentd-elasticsearch:1.21'));
    const live = dsim(['get', 'ds', 'elasticsearch', '-n', 'kube-system', '-o', 'yaml'], { log }).stdout;
    expect(dsim(['apply', '-f', file, '--dry-run=client', '-o', 'yaml'], { log })).toEqual({ code: 0, stdout: live, stderr: '' });
    writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: agent-config\ndata:\n  level: info\n');
    const made = dsim(['apply', '-f', file, '--dry-run=client', '-o', 'yaml', '-n', 'kube-system'], { log }).stdout;
    expect(made).toMatch(/^apiVersion: v1\ndata:\n  level: info\nkind: ConfigMap\nmetadata:\n/);
    expect(made).toMatch(/\n  name: agent-config\n  namespace: kube-system\n$/);
    expect(dsim(['apply', '-f', file, '--dry-run=client', '-n', 'kube-system'], { log }).stdout).toBe('configmap/agent-config created (dry run)\n');
    expect(dsim(['get', 'configmap', 'agent-config', '-n', 'kube-system'], { log }).code).toBe(1);
  });

  it('create -f takes the dry runs too: a new object is "created (dry run)" and printed as read (with --save-config, annotated)', () => {
    const { log, file } = setUp('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: agent-config\n  namespace: kube-system\ndata:\n  level: info\n');
    const before = readFileSync(log, 'utf8');
    expect(dsim(['create', '-f', file, '--dry-run=client'], { log }).stdout).toBe('configmap/agent-config created (dry run)\n');
    expect(dsim(['create', '-f', file, '--dry-run=server'], { log }).stdout).toBe('configmap/agent-config created (server dry run)\n');
    expect(dsim(['create', '-f', file, '--dry-run=client', '-o', 'yaml'], { log }).stdout).toBe(
      'apiVersion: v1\ndata:\n  level: info\nkind: ConfigMap\nmetadata:\n  name: agent-config\n  namespace: kube-system\n',
    );
    expect(dsim(['create', '-f', file, '--dry-run=client', '--save-config', '-o', 'jsonpath={.metadata.annotations}'], { log }).stdout).toBe(
      '{"kubectl.kubernetes.io/last-applied-configuration":"{\\"apiVersion\\":\\"v1\\",\\"data\\":{\\"level\\":\\"info\\"},\\"kind\\":\\"ConfigMap\\",\\"metadata\\":{\\"annotations\\":{},\\"name\\":\\"agent-config\\",\\"namespace\\":\\"kube-system\\"}}\\n"}',
    );
    // A server dry run refuses what the create would: the lab's DaemonSet exists.
    expect(dsim(['create', '-f', ES, '--dry-run=server'], { log })).toMatchObject({ code: 1, stderr: expect.stringContaining('Error from server (AlreadyExists)') });
    expect(readFileSync(log, 'utf8')).toBe(before);
  });

  it('refuses an invalid object or dry-run value as apply would, saving nothing', () => {
    const { log, file } = setUp(esWith('fluentd-elasticsearch:1.21').replace('app: elasticsearch\n  template', 'app: other\n  template'));
    const before = readFileSync(log, 'utf8');
    const invalid = dsim(['apply', '-f', file, '--dry-run=server'], { log });
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/^The DaemonSet "elasticsearch" is invalid: /m);
    expect(dsim(['apply', '-f', file, '--dry-run=maybe'], { log })).toMatchObject({
      code: 1,
      stderr: 'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n',
    });
    expect(readFileSync(log, 'utf8')).toBe(before);
  });
});

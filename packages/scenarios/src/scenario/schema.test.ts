// The published JSON Schema is the one dsim validates with, uses only keywords the validator implements, and the
// validator reports the first violation in Kubernetes' field-error form.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatFieldError } from '@dsim/core';
import { SCENARIO_SCHEMA, SUPPORTED_KEYWORDS, fieldPath, schemaJson, validateAgainstSchema, type SchemaNode } from './schema.ts';

const PUBLISHED = new URL('../../schema/scenario.schema.json', import.meta.url);

describe('the published schema', () => {
  it('is up to date with schema.ts (UPDATE_SCHEMA=1 rewrites it)', () => {
    if (process.env['UPDATE_SCHEMA'] === '1') writeFileSync(PUBLISHED, schemaJson());
    expect(readFileSync(PUBLISHED, 'utf8')).toBe(schemaJson());
  });

  it('is draft 2020-12 and uses only keywords the validator implements', () => {
    expect(SCENARIO_SCHEMA.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const unknown = new Set<string>();
    const walk = (n: SchemaNode, inProps = false): void => {
      for (const [k, v] of Object.entries(n)) {
        if (inProps) {
          walk(v as SchemaNode);
          continue;
        }
        if (!SUPPORTED_KEYWORDS.has(k)) unknown.add(k);
        if (k === 'properties' || k === '$defs') walk(v as SchemaNode, true);
        else if (k === 'items' || (k === 'additionalProperties' && typeof v === 'object')) walk(v as SchemaNode);
        else if (k === 'anyOf' || k === 'oneOf' || k === 'allOf' || k === 'prefixItems') for (const b of v as SchemaNode[]) walk(b);
      }
    };
    walk(SCENARIO_SCHEMA);
    expect([...unknown]).toEqual([]);
  });

  it('resolves every $ref', () => {
    const refs = JSON.stringify(SCENARIO_SCHEMA).match(/"\$ref":"#\/\$defs\/([A-Za-z]+)"/g) ?? [];
    for (const r of refs) {
      const name = r.replace(/.*\//, '').replace('"', '');
      expect(SCENARIO_SCHEMA.$defs?.[name], name).toBeDefined();
    }
  });
});

describe('fieldPath', () => {
  it('writes Kubernetes field paths', () => {
    expect(fieldPath(['spec', 'timeline', 2, 'addNodes', 'count'])).toBe('spec.timeline[2].addNodes.count');
    expect(fieldPath([])).toBe('');
  });
});

const base = (spec: Record<string, unknown>) => ({ apiVersion: 'dsim.dev/v1alpha1', kind: 'Scenario', metadata: { name: 'x' }, spec });

describe('validateAgainstSchema', () => {
  // Each case: a document, and the first error as Kubernetes prints field errors (or "unknown field …").
  const cases: { name: string; doc: unknown; want: string | RegExp | undefined }[] = [
    { name: 'a minimal scenario', doc: base({}), want: undefined },
    { name: 'wrong apiVersion', doc: { ...base({}), apiVersion: 'dsim.dev/v1' }, want: 'apiVersion: Unsupported value: "dsim.dev/v1": supported values: "dsim.dev/v1alpha1"' },
    { name: 'missing spec', doc: { apiVersion: 'dsim.dev/v1alpha1', kind: 'Scenario', metadata: { name: 'x' } }, want: 'spec: Required value' },
    { name: 'unknown field', doc: base({ timelin: [] }), want: 'unknown field "spec.timelin"' },
    {
      name: 'count not an integer',
      doc: base({ nodePools: [{ name: 'p' }], timeline: [{ at: '1m', addNodes: { pool: 'p', count: 'x' } }] }),
      want: 'spec.timeline[0].addNodes.count: Invalid value: "x": must be a positive integer',
    },
    { name: 'negative pool count', doc: base({ nodePools: [{ name: 'p', count: -1 }] }), want: 'spec.nodePools[0].count: Invalid value: -1: must be a non-negative integer' },
    { name: 'bad duration', doc: base({ duration: '10 minutes' }), want: 'spec.duration: Invalid value: "10 minutes": must be a duration such as 30s, 5m or 1h30m' },
    { name: 'step without action', doc: base({ timeline: [{ at: '1m' }] }), want: /spec.timeline\[0\]: Invalid value: "map": must have exactly one action: apply, delete, addNodes/ },
    { name: 'step with two times', doc: base({ timeline: [{ at: '1m', after: '1m', cordon: { names: ['a'] } }] }), want: 'spec.timeline[0]: Invalid value: "map": must have exactly one of at or after' },
    {
      name: 'a distribution with a missing field',
      doc: base({ latency: { imagePull: { lognormal: { median: '6s' } } } }),
      want: 'spec.latency.imagePull.lognormal.sigma: Required value',
    },
    { name: 'a distribution of no known form', doc: base({ latency: { imagePull: { gamma: 2 } } }), want: /spec.latency.imagePull: Invalid value: "map": must be a duration or one of/ },
    { name: 'a constant as a bare duration', doc: base({ latency: { schedule: '40ms', apiWrite: { uniform: ['5ms', '20ms'] } } }), want: undefined },
    { name: 'a bad comparison', doc: base({ expectations: [{ daemonSet: 'a/b', available: '~ 5' }] }), want: /spec.expectations\[0\].available: Invalid value: "~ 5": must be a number or a comparison/ },
    { name: 'a bad rate', doc: base({ nodePools: [{ name: 'p' }], churn: [{ arrivals: { pool: 'p', rate: '5 per hour', from: '0s', to: '1h' } }] }), want: 'spec.churn[0].arrivals.rate: Invalid value: "5 per hour": must be a rate such as 30/h, 2/m or 0.5/s' },
    { name: 'an unknown effect', doc: base({ nodePools: [{ name: 'p', taints: [{ key: 'k', effect: 'Never' }] }] }), want: 'spec.nodePools[0].taints[0].effect: Unsupported value: "Never": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"' },
    { name: 'an inline manifest without kind', doc: base({ manifests: [{ apiVersion: 'v1' }] }), want: 'spec.manifests[0].kind: Required value' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const v = validateAgainstSchema(c.doc);
      const got = v === undefined ? undefined : v.unknownField === true ? `unknown field "${fieldPath(v.path)}"` : formatFieldError(v.error);
      if (c.want instanceof RegExp) expect(got).toMatch(c.want);
      else expect(got).toBe(c.want);
    });
  }
});

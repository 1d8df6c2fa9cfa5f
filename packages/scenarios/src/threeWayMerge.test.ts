import { describe, expect, it } from 'vitest';
import { API_TYPES } from '@dsim/core';
import cases from './__fixtures__/threeWayCases.json' with { type: 'json' };
import { missingAnnotationWarning } from './commands/applyMerge.ts';
import type { Json } from './patch.ts';
import { lastAppliedOf, threeWayJsonMergePatch, threeWayStrategicPatch, modifiedConfiguration } from './threeWayMerge.ts';

type JsonMap = { [k: string]: Json };
interface Case {
  name: string;
  manifest: JsonMap;
  live?: JsonMap;
  stdout: string;
  stderr: string;
  sent: { method: string; type: string; body: JsonMap }[];
}

/** The Go types kubectl v1.32 has built in for the kinds of the table; CronTab has none (a CRD). */
const GO_TYPE: Record<string, string | undefined> = { DaemonSet: 'DaemonSet', Deployment: 'Deployment', ConfigMap: 'ConfigMap', Node: 'Node', CronTab: undefined };

// The expected values are what the real kubectl v1.32 sent to a small API server of our own
// (scripts/threeWayCases.mjs): the object it POSTed on a create, and the patch it PATCHed on a
// re-apply (none: it printed "unchanged"), computed by apimachinery's CreateThreeWayMergePatch over
// k8s.io/api's Go structs, or jsonmergepatch.CreateThreeWayJSONMergePatch for the CRD. The cases
// mirror strategicpatch's TestStrategicMergePatch three-way tables in spirit (TestThreeWayMergePatch).
describe('apply against kubectl apply', () => {
  for (const c of cases as unknown as Case[]) {
    it(c.name, () => {
      const modified = modifiedConfiguration(c.manifest, true);
      if (c.live === undefined) {
        expect(c.sent.map((s) => s.method)).toEqual(['POST']);
        expect(modified).toEqual(c.sent[0]!.body);
        return;
      }
      const last = lastAppliedOf(c.live);
      // Without the annotation kubectl warns (dsim says dsim where kubectl says its own name).
      const name = String((c.manifest.metadata as JsonMap).name);
      expect(c.stderr).toBe(last === undefined ? `${missingAnnotationWarning(`${String(c.manifest.kind).toLowerCase()}s`, name, 'kubectl')}\n` : '');
      const original = last === undefined ? {} : (JSON.parse(last) as JsonMap);
      const kind = String(c.manifest.kind);
      const patch = kind in GO_TYPE && GO_TYPE[kind] === undefined ? threeWayJsonMergePatch(original, modified, c.live) : threeWayStrategicPatch(API_TYPES, original, modified, c.live, GO_TYPE[kind]);
      // kubectl sends nothing for an empty patch, and says "unchanged".
      if (c.sent.length === 0) {
        expect(c.stdout).toMatch(/ unchanged\n$/);
        expect(patch).toEqual({});
      } else {
        expect(c.sent[0]!.type).toBe(GO_TYPE[kind] === undefined ? 'application/merge-patch+json' : 'application/strategic-merge-patch+json');
        expect(patch).toEqual(c.sent[0]!.body);
      }
    });
  }
});

describe('the last-applied-configuration annotation', () => {
  it('replaces an annotation the manifest carries, and keeps the others', () => {
    const manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', annotations: { a: 'b', 'kubectl.kubernetes.io/last-applied-configuration': 'old' } } };
    expect(modifiedConfiguration(manifest, true).metadata).toEqual({
      name: 'x',
      annotations: { a: 'b', 'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"annotations":{"a":"b"},"name":"x"}}\n' },
    });
    // diff's "modified" (annotate=false) carries none, so its merged object keeps the live one's.
    expect(modifiedConfiguration(manifest, false).metadata).toEqual({ name: 'x', annotations: { a: 'b' } });
  });
});

import { describe, expect, it } from 'vitest';
import { API_TYPES } from '@dsim/core';
import cases from './__fixtures__/patchCases.json' with { type: 'json' };
import { decodeJsonPatch, jsonMergePatch, jsonPatch, parseGoJson, patchMapOf, PatchError, strategicMergePatch, type Json } from './patch.ts';

type JsonMap = { [k: string]: Json };

/** Where apimachinery v0.36 words an error differently from kubectl v1.32's copy (which wrote the fixture). */
const NEWER_WORDS: Record<string, string> = {
  '$setElementOrder that does not match the patch is refused': "the order in patch list:\n[y]\n doesn't match $setElementOrder list:\n[x]",
};

function apply(type: string, kind: string, object: JsonMap, patch: Json): Json {
  const text = JSON.stringify(patch);
  if (type === 'json') return jsonPatch(object, decodeJsonPatch(text));
  if (type === 'merge') return jsonMergePatch(object, patchMapOf(text, true));
  return strategicMergePatch(API_TYPES, object, patchMapOf(text, false)!, kind);
}

// The expected values are kubectl v1.32's `kubectl patch --local -o json` (scripts/patchCases.mjs),
// the same apimachinery and json-patch code the API server runs; mirrors strategicpatch's
// TestStrategicMergePatch and json-patch's own tables in spirit, on DaemonSets, nodes and Services.
describe('the three patches against kubectl patch --local', () => {
  for (const c of cases as unknown as { name: string; type: string; kind: string; object: JsonMap; patch: Json; expected?: Json; error?: string }[]) {
    it(c.name, () => {
      if (c.error === undefined) {
        expect(apply(c.type, c.kind, c.object, c.patch)).toEqual(c.expected);
        return;
      }
      let thrown: unknown;
      try {
        apply(c.type, c.kind, c.object, c.patch);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(PatchError);
      // The API server hides a failed JSON patch operation's words (422, "the server rejected our
      // request due to an error in our request"), so only that it fails matters there.
      if (c.type === 'json') expect((thrown as PatchError).failure).toBe('Invalid');
      else expect((thrown as PatchError).message).toBe(NEWER_WORDS[c.name] ?? c.error);
    });
  }
});

describe('strategic merge patch beyond kubectl v1.32', () => {
  const ds = { apiVersion: 'apps/v1', kind: 'DaemonSet', spec: { template: { spec: { containers: [{ name: 'a', args: ['x'] }] } } } };
  it('drops $patch directives from a value the object did not have (apimachinery v0.36 removeDirectives)', () => {
    const patch = { spec: { updateStrategy: { rollingUpdate: { $patch: 'replace' }, type: 'OnDelete' } } };
    expect(strategicMergePatch(API_TYPES, ds, patch, 'DaemonSet')).toEqual({ ...ds, spec: { ...ds.spec, updateStrategy: { type: 'OnDelete' } } });
  });
  it('replaces every list of a kind without Go types (a custom resource would be refused first)', () => {
    const obj = { spec: { items: [{ name: 'a', v: 1 }] } };
    expect(strategicMergePatch(API_TYPES, obj, { spec: { items: [{ name: 'b' }] } }, undefined)).toEqual({ spec: { items: [{ name: 'b' }] } });
  });
  it('names the struct when a field it does not have is a map on both sides', () => {
    expect(() => strategicMergePatch(API_TYPES, { spec: { bogus: {} } }, { spec: { bogus: { a: 1 } } }, 'DaemonSet')).toThrow(
      'unable to find api field in struct DaemonSetSpec for the json field "bogus"',
    );
  });
  it('refuses a list of lists with the bare 422 the API server gives it', () => {
    const obj = { metadata: { finalizers: [['a']] } };
    expect(() => strategicMergePatch(API_TYPES, obj, { metadata: { finalizers: [['b']] } }, 'DaemonSet')).toThrow(
      expect.objectContaining({ message: 'lists of lists are not supported', failure: 'Invalid' }),
    );
  });
  it('leaves its inputs alone', () => {
    const patch = { spec: { template: { spec: { containers: [{ name: 'a', args: ['y'] }] } } } };
    const before = JSON.stringify([ds, patch]);
    strategicMergePatch(API_TYPES, ds, patch, 'DaemonSet');
    expect(JSON.stringify([ds, patch])).toBe(before);
  });
});

describe('decoding a patch as the API server does (Go encoding/json)', () => {
  it.each([
    ['{"spec":', 'unexpected end of JSON input'],
    ['{"spec":}', "invalid character '}' looking for beginning of value"],
    ['{spec:1}', "invalid character 's' looking for beginning of object key string"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b":2}', "invalid character '\"' after object key:value pair"],
    ['[1 2]', "invalid character '2' after array element"],
    ['{"a":tru}', "invalid character '}' in literal true (expecting 'e')"],
    ['{"a":1}x', "invalid character 'x' after top-level value"],
    ['{"a":01}', "invalid character '1' after object key:value pair"],
    ['{"a":-}', "invalid character '}' in numeric literal"],
  ])('%s', (text, message) => {
    expect(() => parseGoJson(text)).toThrow(new PatchError(message, 'BadRequest'));
  });
  it('refuses a strategic or merge patch that is not an object, as the API server does', () => {
    expect(() => patchMapOf('[1]', false)).toThrow('json: cannot unmarshal array into Go value of type map[string]interface {}');
    expect(() => patchMapOf('"x"', true)).toThrow('error decoding patch: json: cannot unmarshal string into Go value of type map[string]interface {}');
  });
  it('refuses a JSON patch that is not a list', () => {
    expect(() => decodeJsonPatch('{"op":"add"}')).toThrow('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  });
});

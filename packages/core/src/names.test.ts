// Tests for names and hashes as the API server and the controller make them (storage/names,
// util/rand, controller.ComputeHash), with dsim's seeded randomness.

import { describe, expect, it } from 'vitest';
import { daemonSet } from '../test/fixtures.ts';
import {
  canonicalJson,
  computeHash,
  derivedUid,
  generateName,
  NAME_ALPHABET,
  NAME_SUFFIXES,
  nameSuffix,
  randomNameSuffix,
  randomString,
  randomUid,
  safeEncodeString,
} from './names.ts';
import { Random } from './random.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/;

describe('names', () => {
  it('the alphabet has 27 characters: no vowels, no 0, 1 or 3', () => {
    expect(NAME_ALPHABET).toHaveLength(27);
    expect(NAME_ALPHABET).not.toMatch(/[aeiou013]/);
    expect(new Set(NAME_ALPHABET).size).toBe(27);
  });

  // mirrors TestString in apimachinery util/rand
  it.each([0, 1, 2, 10, 123])('TestString: randomString(%i) has that length and only alphabet characters', (n) => {
    const s = randomString(new Random(n), n);
    expect(s).toHaveLength(n);
    for (const c of s) expect(NAME_ALPHABET).toContain(c);
  });

  // mirrors TestSimpleNameGenerator
  it('TestSimpleNameGenerator: the base plus 5 random characters', () => {
    const name = generateName('foo', new Random(1));
    expect(name).toMatch(/^foo[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(generateName('fluentd-', new Random(1))).toBe(generateName('fluentd-', new Random(1)));
    expect(generateName('fluentd-', new Random(1))).not.toBe(generateName('fluentd-', new Random(2)));
  });

  it('cuts the base to 58 characters, so a generated name is at most 63', () => {
    const base = 'a'.repeat(70);
    const name = generateName(base, new Random(3));
    expect(name).toHaveLength(63);
    expect(name.startsWith('a'.repeat(58))).toBe(true);
    expect(name.slice(58)).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('safeEncodeString maps each digit through the alphabet (0→4 … 9→f)', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
    expect(safeEncodeString('')).toBe('');
  });
});

describe('computeHash (controller.ComputeHash form)', () => {
  const template = daemonSet('foo').spec!.template;

  it('uses only 4-9bcdf and at most 10 characters', () => {
    for (let i = 0; i < 50; i++) expect(computeHash({ ...template, metadata: { labels: { i: String(i) } } })).toMatch(/^[4-9bcdf]{1,10}$/);
  });

  it('depends on content, not key order, and ignores undefined fields', () => {
    const reordered = { spec: template.spec, metadata: template.metadata, extra: undefined } as typeof template;
    expect(computeHash(reordered)).toBe(computeHash(template));
    expect(computeHash(daemonSet('foo', { image: 'v2' }).spec!.template)).not.toBe(computeHash(template));
    expect(computeHash(undefined)).toBe(computeHash({}));
  });

  // mirrors TestComputeHash in controller_utils_test.go: the collision count changes the hash
  it('TestComputeHash: a collision count gives a different hash, each count its own', () => {
    const hashes = new Set([computeHash(template), computeHash(template, 0), computeHash(template, 1), computeHash(template, 2)]);
    expect(hashes.size).toBe(4);
    expect(computeHash(template, 1)).toBe(computeHash(template, 1));
  });

  it('canonicalJson sorts keys at every level, keeps array order and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson('x')).toBe('"x"');
  });
});

describe('uids', () => {
  it('derivedUid is a stable UUID-shaped function of its input', () => {
    expect(derivedUid('default/foo@3')).toMatch(UUID);
    expect(derivedUid('default/foo@3')).toBe(derivedUid('default/foo@3'));
    expect(derivedUid('default/foo@3')).not.toBe(derivedUid('default/foo@4'));
  });

  it('randomUid draws a UUID from the seeded generator', () => {
    const a = new Random('seed');
    const b = new Random('seed');
    const uids = [randomUid(a), randomUid(a)];
    expect(uids[0]).toMatch(UUID);
    expect(uids[0]).not.toBe(uids[1]);
    expect([randomUid(b), randomUid(b)]).toEqual(uids);
  });

  // Logs must stay byte-identical across versions for the same seed: the fast builders must draw
  // and format exactly as the plain formulas do.
  it('randomUid and randomString give what the plain formulas give, draw for draw', () => {
    const fast = new Random(42);
    const plain = new Random(42);
    for (let i = 0; i < 2000; i++) {
      let hex = '';
      for (let w = 0; w < 4; w++) hex += plain.nextUint32().toString(16).padStart(8, '0');
      const want = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
      expect(randomUid(fast)).toBe(want);
      let name = '';
      for (let k = 0; k < 5; k++) name += NAME_ALPHABET[plain.int(NAME_ALPHABET.length)];
      expect(randomString(fast, 5)).toBe(name);
    }
  });

  it('randomNameSuffix and nameSuffix spell what randomString(rng, 5) draws, draw for draw', () => {
    const numbered = new Random(7);
    const plain = new Random(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const x = randomNameSuffix(numbered);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(NAME_SUFFIXES);
      expect(nameSuffix(x)).toBe(randomString(plain, 5));
      seen.add(x);
    }
    expect(seen.size).toBeGreaterThan(1990);
    expect([nameSuffix(0), nameSuffix(NAME_SUFFIXES - 1), NAME_SUFFIXES]).toEqual(['bbbbb', '99999', 27 ** 5]);
  });
});

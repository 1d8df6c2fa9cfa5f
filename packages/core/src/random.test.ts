// Tests for the seeded generator: sfc32 exactly, reproducible seeding, save and restore, and the
// derived draws (int without bias, exponential, normal, fork).

import { describe, expect, it } from 'vitest';
import { hashString, Random } from './random.ts';

/** sfc32 as published with PractRand, written out independently of random.ts. */
function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
}

describe('Random', () => {
  it('is sfc32: from a given state it draws what the reference draws', () => {
    const state = { a: 0x9e3779b9, b: 0x243f6a88, c: 0xb7e15162, d: 1 };
    const r = new Random(state);
    const ref = sfc32(state.a, state.b, state.c, state.d);
    for (let i = 0; i < 100; i++) expect(r.nextUint32()).toBe(ref());
  });

  it('the same seed gives the same sequence; different seeds, number or string, do not', () => {
    const draw = (seed: number | string) => {
      const r = new Random(seed);
      return Array.from({ length: 8 }, () => r.nextUint32());
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw('scenario')).toEqual(draw('scenario'));
    expect(draw(1)).not.toEqual(draw(2));
    expect(draw('a')).not.toEqual(draw('b'));
  });

  it('save() and new Random(state) continue the sequence exactly', () => {
    const r = new Random(5);
    r.nextUint32();
    const saved = r.save();
    const rest = Array.from({ length: 10 }, () => r.next());
    const again = new Random(saved);
    expect(Array.from({ length: 10 }, () => again.next())).toEqual(rest);
    expect(JSON.parse(JSON.stringify(saved))).toEqual(saved);
  });

  it('next() is in [0, 1); int(n) in [0, n) and roughly uniform', () => {
    const r = new Random(9);
    const buckets = [0, 0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 7000; i++) {
      const x = r.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      const k = r.int(7);
      expect(Number.isInteger(k)).toBe(true);
      buckets[k]!++;
    }
    for (const b of buckets) expect(Math.abs(b - 1000)).toBeLessThan(150);
    expect(r.int(1)).toBe(0);
    expect(r.int(2 ** 32)).toBeLessThan(2 ** 32);
  });

  it.each([0, -1, Number.NaN, 2 ** 32 + 1])('int(%s) is refused', (n) => {
    expect(() => new Random(1).int(n)).toThrow(RangeError);
  });

  it('exponential and normal samples have the right mean and spread', () => {
    const r = new Random(11);
    const n = 10_000;
    let sumE = 0;
    let sumN = 0;
    let sumN2 = 0;
    for (let i = 0; i < n; i++) {
      const e = r.exponential(3);
      expect(e).toBeGreaterThanOrEqual(0);
      sumE += e;
      const z = r.normal();
      sumN += z;
      sumN2 += z * z;
    }
    expect(sumE / n).toBeCloseTo(3, 0);
    expect(Math.abs(sumN / n)).toBeLessThan(0.05);
    expect(sumN2 / n).toBeCloseTo(1, 1);
  });

  it('fork() gives an independent, reproducible stream', () => {
    const a = new Random(4);
    const b = new Random(4);
    const fa = a.fork();
    const fb = b.fork();
    expect(fa.nextUint32()).toBe(fb.nextUint32());
    expect(a.nextUint32()).toBe(b.nextUint32());
    expect(new Random(4).fork().save()).not.toEqual(new Random(4).save());
  });

  it('hashString is 32-bit FNV-1a (reference vectors)', () => {
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
    expect(hashString('foobar')).toBe(0xbf9cf968);
  });
});

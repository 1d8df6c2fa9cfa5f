// Seeded randomness for the model: the only source of chance in dsim (never Math.random).
// sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): fast, 128 bits of state that
// can be saved and restored, so a run continued later draws what an uninterrupted run would.

/** The generator's whole state; plain numbers, so it can be stored alongside the log. */
export interface RandomState {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
}

/** A seeded pseudo-random generator. Same seed, same sequence, on every machine. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number | string | RandomState) {
    if (typeof seed === 'object') {
      this.a = seed.a;
      this.b = seed.b;
      this.c = seed.c;
      this.d = seed.d;
      return;
    }
    // Spread the seed over the state with splitmix32, then discard the first outputs:
    // small seeds (1, 2, 3…) would otherwise start out correlated.
    let s = typeof seed === 'number' ? seed >>> 0 : hashString(seed);
    const next = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** The state, to continue this sequence later with `new Random(state)`. */
  save(): RandomState {
    return { a: this.a, b: this.b, c: this.c, d: this.d };
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** An integer in [0, n), without modulo bias. */
  int(n: number): number {
    if (!(n > 0) || n > 0x100000000) throw new RangeError(`int(n) needs 0 < n <= 2^32, got ${n}`);
    const limit = 0x100000000 - (0x100000000 % n);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }

  /** An exponentially distributed sample with the given mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** A standard normal sample (Box-Muller; one of the pair is dropped to keep the state simple). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A new generator seeded from this one: for independent streams that don't disturb each other. */
  fork(): Random {
    return new Random(this.nextUint32());
  }
}

/** FNV-1a over a string's UTF-16 code units, as an unsigned 32-bit integer. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// Names and hashes as the API server and the DaemonSet controller make them (apiserver
// storage/names/generate.go, apimachinery util/rand SafeEncodeString, controller.ComputeHash).
// Pure: randomness comes from the caller's seeded generator.

import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { Random } from './random.ts';

/** The 27 characters Kubernetes draws random name parts from: no vowels, no 0, 1 or 3. */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** The API server cuts a generateName base to 58 characters before adding 5 random ones. */
const MAX_GENERATED_NAME_LENGTH = 63;
const RANDOM_LENGTH = 5;
const MAX_BASE_LENGTH = MAX_GENERATED_NAME_LENGTH - RANDOM_LENGTH;

const NAME_CODES = Array.from(NAME_ALPHABET, (c) => c.charCodeAt(0));

/** A random string of n characters from NAME_ALPHABET (util/rand.String). */
export function randomString(rng: Random, n: number): string {
  const k = NAME_CODES.length;
  // Every pod name draws five: one string built at once instead of five concatenations.
  if (n === RANDOM_LENGTH) {
    return String.fromCharCode(NAME_CODES[rng.int(k)]!, NAME_CODES[rng.int(k)]!, NAME_CODES[rng.int(k)]!, NAME_CODES[rng.int(k)]!, NAME_CODES[rng.int(k)]!);
  }
  let s = '';
  for (let i = 0; i < n; i++) s += NAME_ALPHABET[rng.int(k)];
  return s;
}

/** The name for `metadata.generateName: base` (names.SimpleNameGenerator). */
export function generateName(base: string, rng: Random): string {
  return generatedNameBase(base) + randomString(rng, RANDOM_LENGTH);
}

/** What a generated name keeps of its base: the first 58 characters. */
export function generatedNameBase(base: string): string {
  return base.length > MAX_BASE_LENGTH ? base.slice(0, MAX_BASE_LENGTH) : base;
}

/** How many different random parts a generated name can end in: 27⁵. */
export const NAME_SUFFIXES = NAME_CODES.length ** RANDOM_LENGTH;

/**
 * generateName's random part as a number below NAME_SUFFIXES, drawn exactly as `randomString(rng,
 * 5)` draws it (its first character the most significant digit, base 27): for callers that keep
 * many names apart, a number is cheaper to remember than a string. `nameSuffix` spells it.
 */
export function randomNameSuffix(rng: Random): number {
  const k = NAME_CODES.length;
  let x = 0;
  for (let i = 0; i < RANDOM_LENGTH; i++) x = x * k + rng.int(k);
  return x;
}

/** The five characters of a `randomNameSuffix` number. */
export function nameSuffix(x: number): string {
  const k = NAME_CODES.length;
  const e = NAME_CODES[x % k]!;
  x = Math.floor(x / k);
  const d = NAME_CODES[x % k]!;
  x = Math.floor(x / k);
  const c = NAME_CODES[x % k]!;
  x = Math.floor(x / k);
  const b = NAME_CODES[x % k]!;
  return String.fromCharCode(NAME_CODES[Math.floor(x / k)]!, b, c, d, e);
}

/**
 * Maps each decimal digit through the alphabet (rand.SafeEncodeString), so that hashes can never
 * spell words: `0→4 1→5 2→6 3→7 4→8 5→9 6→b 7→c 8→d 9→f`.
 */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    out += NAME_ALPHABET[s.charCodeAt(i) % NAME_ALPHABET.length];
  }
  return out;
}

/** FNV-32a of a UTF-8 byte sequence. */
function fnv32a(bytes: Uint8Array, h = 0x811c9dc5): number {
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** JSON with object keys sorted, so that equal templates hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value as object)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

const utf8 = new TextEncoder();

/**
 * The `controller-revision-hash` of a pod template (controller.ComputeHash): FNV-32a, plus the
 * collision count when set, printed in decimal and safe-encoded. Kubernetes hashes Go's
 * `spew` dump of the template struct, which no other language can reproduce; dsim hashes the
 * canonical JSON of the template instead, so hashes have Kubernetes' form (`4-9bcdf`, at most
 * 10 characters) and change exactly when the template does, but differ in value.
 */
export function computeHash(template: PodTemplateSpec | undefined, collisionCount?: number): string {
  let h = fnv32a(utf8.encode(canonicalJson(template ?? {})));
  if (collisionCount !== undefined && collisionCount !== null) {
    // Go writes the collision count as 4 little-endian bytes (binary.LittleEndian.PutUint32).
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(b, h);
  }
  return safeEncodeString(String(h));
}

/**
 * A UUID-shaped uid derived from a string (for objects whose creation event carries no uid,
 * such as a DaemonSet: derived from its key and log position, so replays agree).
 */
export function derivedUid(s: string): string {
  const words: string[] = [];
  let h = 0x811c9dc5;
  for (let w = 0; w < 4; w++) {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= w + 1;
    h = Math.imul(h, 0x01000193);
    words.push((h >>> 0).toString(16).padStart(8, '0'));
  }
  const hex = words.join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
/** Where the 32 hex digits of four words go in `xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx`. */
const UUID_POSITIONS = Array.from({ length: 32 }, (_, i) => (i < 8 ? i : i < 12 ? i + 1 : i < 16 ? i + 2 : i < 20 ? i + 3 : i + 4));
const uuidCodes: number[] = new Array<number>(36).fill('-'.charCodeAt(0));

/**
 * A random UUID (version 4 form) from the seeded generator: four words in hex, with the version
 * and variant digits set to 4 and 8. One pod in every create: built from char codes at once
 * (profiled: the hex strings, pads and slices cost 2 µs a uid).
 */
export function randomUid(rng: Random): string {
  for (let w = 0; w < 4; w++) {
    const x = rng.nextUint32();
    for (let k = 0; k < 8; k++) uuidCodes[UUID_POSITIONS[w * 8 + k]!] = HEX_CODES[(x >>> (28 - 4 * k)) & 15]!;
  }
  uuidCodes[14] = 0x34; // '4'
  uuidCodes[19] = 0x38; // '8'
  return String.fromCharCode.apply(null, uuidCodes);
}

// JSON exactly as `kubectl get -o json` prints it.
//
// kubectl's JSON printer is Go's json.MarshalIndent(obj, "", "    ") of the unstructured object, and
// JSON.stringify(x, null, 4) differs from it in three ways this writer follows Go on:
// - map keys are sorted by their UTF-8 bytes (code point order) at every level; a JavaScript object
//   cannot hold keys in that order, since integer-like keys ("1", "10") always come first;
// - Go escapes <, > and & (\u003c, \u003e, \u0026) and U+2028, U+2029 (HTML-safe output);
// - a string that is not well-formed UTF-16 (a lone surrogate) is written with U+FFFD in its place,
//   as Go writes invalid UTF-8.
// Everything else is as JSON.stringify: short escapes \b \f \n \r \t \" \\ (Go 1.22 and later), other
// control characters as \u00XX, DEL and the rest of Unicode raw; numbers in the shortest form that
// reads back (Go's float formatting follows ECMAScript's); undefined fields skipped; `{}` and `[]`.

import { compareGoStrings } from '@dsim/core';
import { Chunks } from './chunks.ts';

const INDENT = '    ';

/** Objects whose keys are a Go struct's fields, in declared order: written in that order, not sorted. */
const STRUCTS = new WeakSet<object>();

/**
 * Marks `o` as a Go struct, so that kubectlJson writes its keys in the order they were set, as Go
 * writes a typed object's fields (kubectl prints the objects its create generators build so).
 */
export function goStruct<T extends object>(o: T): T {
  STRUCTS.add(o);
  return o;
}

/** Go's JSON encoding of an unstructured object, with MarshalIndent's four-space indent. */
export function kubectlJson(x: unknown): string {
  return kubectlJsonChunks(x).join('');
}

/**
 * kubectlJson's text in pieces, to be written one after another: a big list (40,000 pods) prints
 * more than the longest string V8 can hold (2^29 characters), which kubectl prints nonetheless.
 */
export function kubectlJsonChunks(x: unknown): string[] {
  const out = new Chunks();
  write(out, x, '\n');
  return out.finish();
}

/**
 * Go's json.Marshal of an unstructured value: compact, keys sorted (a goStruct's in their order),
 * the same escapes as above (how kubectl's jsonpath prints a map or a list).
 */
export function goJsonCompact(x: unknown): string {
  if (x === null || x === undefined || typeof x === 'function' || typeof x === 'symbol') return 'null';
  if (typeof x === 'string') return quote(x);
  if (typeof x === 'number') return Number.isFinite(x) ? String(x === 0 ? 0 : x) : 'null';
  if (typeof x === 'boolean') return x ? 'true' : 'false';
  if (typeof x === 'bigint') return x.toString();
  if (Array.isArray(x)) return `[${x.map(goJsonCompact).join(',')}]`;
  const obj = x as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined && typeof obj[k] !== 'function' && typeof obj[k] !== 'symbol');
  if (!STRUCTS.has(obj)) keys.sort(compareGoStrings);
  return `{${keys.map((k) => `${quote(k)}:${goJsonCompact(obj[k])}`).join(',')}}`;
}

function write(out: Chunks, x: unknown, nl: string): void {
  if (x === null || x === undefined || typeof x === 'function' || typeof x === 'symbol') {
    out.push('null');
  } else if (typeof x === 'string') {
    out.push(quote(x));
  } else if (typeof x === 'number') {
    out.push(Number.isFinite(x) ? String(x === 0 ? 0 : x) : 'null');
  } else if (typeof x === 'boolean') {
    out.push(x ? 'true' : 'false');
  } else if (typeof x === 'bigint') {
    out.push(x.toString());
  } else if (Array.isArray(x)) {
    if (x.length === 0) {
      out.push('[]');
      return;
    }
    const inner = nl + INDENT;
    out.push('[');
    for (let i = 0; i < x.length; i++) {
      out.push(i === 0 ? inner : `,${inner}`);
      write(out, x[i], inner);
    }
    out.push(nl);
    out.push(']');
  } else {
    const obj = x as Record<string, unknown>;
    const keys = Object.keys(obj).filter((k) => {
      const v = obj[k];
      return v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';
    });
    if (keys.length === 0) {
      out.push('{}');
      return;
    }
    if (!STRUCTS.has(obj)) keys.sort(compareGoStrings); // Go sorts map keys by their UTF-8 bytes
    const inner = nl + INDENT;
    out.push('{');
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      out.push(i === 0 ? inner : `,${inner}`);
      out.push(quote(k));
      out.push(': ');
      write(out, obj[k], inner);
    }
    out.push(nl);
    out.push('}');
  }
}

// Printable ASCII that needs no escape (no ", \, <, >, &): most strings of an object.
const PLAIN = /^[\x20\x21\x23-\x25\x27-\x3b\x3d\x3f-\x5b\x5d-\x7e]*$/;
const SHORT: Readonly<Record<number, string>> = { 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0c: '\\f', 0x0d: '\\r', 0x22: '\\"', 0x5c: '\\\\' };
const HEX = '0123456789abcdef';

function quote(s: string): string {
  if (PLAIN.test(s)) return `"${s}"`;
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let esc: string | undefined;
    if (c < 0x20 || c === 0x22 || c === 0x5c || c === 0x3c || c === 0x3e || c === 0x26 || c === 0x2028 || c === 0x2029) {
      esc = SHORT[c] ?? `\\u${HEX[(c >> 12) & 15]}${HEX[(c >> 8) & 15]}${HEX[(c >> 4) & 15]}${HEX[c & 15]}`;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i++; // a well-formed pair: written as is
        continue;
      }
      esc = '\\ufffd'; // Go writes the escape for invalid UTF-8
    }
    if (esc === undefined) continue;
    out += s.slice(start, i) + esc;
    start = i + 1;
  }
  return `${out}${s.slice(start)}"`;
}

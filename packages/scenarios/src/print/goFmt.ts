// Go's fmt (Sprint, Sprintln, Sprintf) over the values a go-template sees: kubectl's object decoded
// from JSON (maps, []interface{}, strings, bools, int64 for integers, float64 for other numbers, nil)
// and what the template itself makes (int and float64 constants, len's int, a string's uint8 bytes).
// Pure: no I/O. Complex numbers, pointers and %p are left out: such values cannot arise here.

import { compareGoStrings } from '@dsim/core';
import { goQuote } from './jsonpath.ts';

/**
 * A Go value as reflect holds it: its type's name (`int64`, `string`, `map[string]interface {}`,
 * …) and its data (decoded JSON for maps and slices). `iface` marks a value read out of a map or a
 * slice, whose static type is `interface {}` (a JSON null is such a value with `x` null).
 * `undefined` stands for the invalid reflect.Value (a missing map key).
 */
export class GoValue {
  constructor(
    readonly type: string,
    readonly x: unknown,
    readonly iface = false,
    /** A slice's capacity, when it is not the one JSON decoding gives (see sliceCap). */
    readonly cap?: number,
  ) {}
}

/**
 * A slice's capacity: Go's JSON decoder builds a list by appending to an empty slice, so its
 * capacity is the length rounded up to a power of two (up to 256 elements; past that, append
 * grows by a quarter and rounds to the allocator's size classes, which this does not follow).
 */
export function sliceCap(v: GoValue): number {
  if (v.cap !== undefined) return v.cap;
  const n = (v.x as unknown[]).length;
  if (n === 0 || n > 256) return n;
  let c = 1;
  while (c < n) c *= 2;
  return c;
}
export type Val = GoValue | undefined;

export const MAP_TYPE = 'map[string]interface {}';
export const SLICE_TYPE = '[]interface {}';

/** A decoded JSON value as the template sees it (integers as int64, as kubectl's decoder keeps them). */
export function fromJson(x: unknown, iface = false): GoValue {
  if (x === null || x === undefined) return new GoValue('interface {}', null, true);
  if (typeof x === 'string') return new GoValue('string', x, iface);
  if (typeof x === 'boolean') return new GoValue('bool', x, iface);
  // kubectl's decoder keeps integers that fit an int64 as int64 (1e21 stays a float64).
  if (typeof x === 'number') return new GoValue(Number.isInteger(x) && Math.abs(x) < 2 ** 63 ? 'int64' : 'float64', x, iface);
  if (Array.isArray(x)) return new GoValue(SLICE_TYPE, x, iface);
  return new GoValue(MAP_TYPE, x, iface);
}

export const isIntType = (t: string): boolean => t === 'int' || t === 'int64' || t === 'int32';
export const isUintType = (t: string): boolean => t === 'uint8';

/** The concrete value inside an interface value (reflect's Elem), or the invalid value for a nil one. */
export function unwrap(v: Val): Val {
  if (v === undefined || !v.iface) return v;
  return v.x === null ? undefined : new GoValue(v.type, v.x);
}

/** A map's keys in Go's sorted order (fmt and range both sort them). */
export function sortedKeys(m: Record<string, unknown>): string[] {
  return Object.keys(m)
    .filter((k) => m[k] !== undefined)
    .sort(compareGoStrings);
}

// ---- the formatter's state (Go's fmt.fmt and pp) ---------------------------------------------------

interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean;
  sharpV: boolean;
  wid?: number;
  prec?: number;
}

const noFlags = (): Flags => ({ plus: false, minus: false, sharp: false, space: false, zero: false, plusV: false, sharpV: false });

const runeCount = (s: string): number => [...s].length;

class Printer {
  out = '';
  f: Flags = noFlags();

  private writePadding(n: number): void {
    if (n <= 0) return;
    this.out += (this.f.zero && !this.f.minus ? '0' : ' ').repeat(n);
  }

  /** Go's fmt.pad: the text in the field width, on the left unless `-`. */
  pad(s: string): void {
    if (this.f.wid === undefined || this.f.wid === 0) {
      this.out += s;
      return;
    }
    const width = this.f.wid - runeCount(s);
    if (!this.f.minus) {
      this.writePadding(width);
      this.out += s;
    } else {
      this.out += s;
      this.out += ' '.repeat(Math.max(0, width));
    }
  }

  private truncate(s: string): string {
    if (this.f.prec === undefined) return s;
    return [...s].slice(0, this.f.prec).join('');
  }

  badVerb(verb: string, v: Val): void {
    this.out += `%!${verb}(`;
    const c = unwrap(v);
    if (c !== undefined) {
      this.out += `${c.type}=`;
      this.printValue(c, 'v', 0);
    } else this.out += '<nil>';
    this.out += ')';
  }

  fmtBool(b: boolean, verb: string, v: GoValue): void {
    if (verb === 't' || verb === 'v') this.pad(b ? 'true' : 'false');
    else this.badVerb(verb, v);
  }

  fmtInteger(n: number, signed: boolean, verb: string, v: GoValue): void {
    switch (verb) {
      case 'v':
        if (this.f.sharpV && !signed) this.fmtIntBase(n, 16, true, 'x');
        else this.fmtIntBase(n, 10, signed, verb);
        return;
      case 'd':
        return this.fmtIntBase(n, 10, signed, verb);
      case 'b':
        return this.fmtIntBase(n, 2, signed, verb);
      case 'o':
      case 'O':
        return this.fmtIntBase(n, 8, signed, verb);
      case 'x':
      case 'X':
        return this.fmtIntBase(n, 16, signed, verb);
      case 'c':
        return this.pad(runeOf(n));
      case 'q':
        return this.pad(this.f.plus ? toAscii(quoteRune(n)) : quoteRune(n));
      case 'U': {
        let s = `U+${n.toString(16).toUpperCase().padStart(4, '0')}`;
        if (this.f.sharp && n >= 0 && n <= 0x10ffff && isPrint(n)) s += ` '${runeOf(n)}'`;
        return this.pad(s);
      }
      default:
        this.badVerb(verb, v);
    }
  }

  private fmtIntBase(n: number, base: number, _signed: boolean, verb: string): void {
    const negative = n < 0;
    let digits = Math.abs(n).toString(base);
    if (verb === 'X') digits = digits.toUpperCase();
    const f = this.f;
    let prec = -1;
    if (f.prec !== undefined) {
      prec = f.prec;
      if (prec === 0 && n === 0) {
        const oldZero = f.zero;
        f.zero = false;
        this.writePadding(f.wid ?? 0);
        f.zero = oldZero;
        return;
      }
    } else if (f.zero && !f.minus && f.wid !== undefined) {
      // Zero padding: the digits fill the width, after the sign.
      prec = f.wid;
      if (negative || f.plus || f.space) prec--;
    }
    if (prec > digits.length) digits = digits.padStart(prec, '0');
    if (f.sharp) {
      if (base === 2) digits = `0b${digits}`;
      else if (base === 8 && !digits.startsWith('0')) digits = `0${digits}`;
      else if (base === 16) digits = `0${verb === 'X' ? 'X' : 'x'}${digits}`;
    }
    if (verb === 'O') digits = `0o${digits}`;
    if (negative) digits = `-${digits}`;
    else if (f.plus) digits = `+${digits}`;
    else if (f.space) digits = ` ${digits}`;
    const oldZero = f.zero;
    f.zero = false;
    this.pad(digits);
    f.zero = oldZero;
  }

  fmtFloat(x: number, verb: string, v: GoValue): void {
    switch (verb) {
      case 'v':
        return this.fmtFloatAs(x, 'g', -1);
      case 'g':
      case 'G':
        return this.fmtFloatAs(x, verb, -1);
      case 'f':
      case 'F':
      case 'e':
      case 'E':
        return this.fmtFloatAs(x, verb, 6);
      default:
        this.badVerb(verb, v);
    }
  }

  private fmtFloatAs(x: number, verb: string, defaultPrec: number): void {
    const prec = this.f.prec ?? defaultPrec;
    let num = formatFloat(x, verb, prec);
    if (num.startsWith('-') || num.startsWith('+')) {
      /* signed already */
    } else num = `+${num}`;
    if (this.f.space && num[0] === '+' && !this.f.plus) num = ` ${num.slice(1)}`;
    if (num[1] === 'I' || num[1] === 'N') {
      const oldZero = this.f.zero;
      this.f.zero = false;
      if (num[1] === 'N' && !this.f.space && !this.f.plus) num = num.slice(1);
      this.pad(num);
      this.f.zero = oldZero;
      return;
    }
    if (this.f.plus || num[0] !== '+') {
      if (this.f.zero && !this.f.minus && this.f.wid !== undefined && this.f.wid > num.length) {
        this.out += num[0];
        this.writePadding(this.f.wid - num.length);
        this.out += num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }

  fmtString(s: string, verb: string, v: GoValue): void {
    switch (verb) {
      case 'v':
        if (this.f.sharpV) return this.pad(goQuote(s));
        return this.pad(this.truncate(s));
      case 's':
        return this.pad(this.truncate(s));
      case 'x':
      case 'X':
        return this.fmtHex(s, verb === 'X');
      case 'q':
        if (this.f.sharp && canBackquote(s)) return this.pad(`\`${s}\``);
        return this.pad(this.f.plus ? toAscii(goQuote(this.truncate(s))) : goQuote(this.truncate(s)));
      default:
        this.badVerb(verb, v);
    }
  }

  private fmtHex(s: string, upper: boolean): void {
    let bytes = [...Buffer.from(s, 'utf8')];
    if (this.f.prec !== undefined) bytes = bytes.slice(0, this.f.prec);
    const digits = upper ? '0123456789ABCDEF' : '0123456789abcdef';
    let out = '';
    bytes.forEach((b, i) => {
      if (this.f.space && i > 0) out += ' ';
      if (this.f.sharp && (this.f.space || i === 0)) out += upper ? '0X' : '0x';
      out += digits[b >> 4]! + digits[b & 15]!;
    });
    this.pad(out);
  }

  /** fmt's printValue: a value of any type, elements of maps and slices at depth > 0. */
  printValue(v: Val, verb: string, depth: number): void {
    if (v === undefined) {
      if (depth === 0) this.out += '<invalid reflect.Value>';
      else if (verb === 'v') this.out += '<nil>';
      else this.badVerb(verb, v);
      return;
    }
    if (v.iface) {
      if (v.x === null) {
        this.out += this.f.sharpV ? 'interface {}(nil)' : '<nil>';
        return;
      }
      return this.printValue(unwrap(v), verb, depth + 1);
    }
    if (verb === 'T') return this.pad(v.type);
    switch (v.type) {
      case 'bool':
        return this.fmtBool(v.x as boolean, verb, v);
      case 'int':
      case 'int64':
      case 'int32':
        return this.fmtInteger(v.x as number, true, verb, v);
      case 'uint8':
        return this.fmtInteger(v.x as number, false, verb, v);
      case 'float64':
        return this.fmtFloat(v.x as number, verb, v);
      case 'string':
        return this.fmtString(v.x as string, verb, v);
      case MAP_TYPE: {
        const m = v.x as Record<string, unknown>;
        this.out += this.f.sharpV ? `${MAP_TYPE}{` : 'map[';
        sortedKeys(m).forEach((k, i) => {
          if (i > 0) this.out += this.f.sharpV ? ', ' : ' ';
          this.printValue(new GoValue('string', k), verb, depth + 1);
          this.out += ':';
          this.printValue(fromJson(m[k], true), verb, depth + 1);
        });
        this.out += this.f.sharpV ? '}' : ']';
        return;
      }
      case SLICE_TYPE: {
        const a = v.x as unknown[];
        this.out += this.f.sharpV ? `${SLICE_TYPE}{` : '[';
        a.forEach((e, i) => {
          if (i > 0) this.out += this.f.sharpV ? ', ' : ' ';
          this.printValue(fromJson(e, true), verb, depth + 1);
        });
        this.out += this.f.sharpV ? '}' : ']';
        return;
      }
      default:
        this.out += `?${v.type}`;
    }
  }

  /** fmt's printArg: one operand; a nil interface prints `<nil>` for %v and %T. */
  printArg(v: Val, verb: string): void {
    const c = unwrap(v);
    if (c === undefined) {
      if (verb === 'T' || verb === 'v') this.pad('<nil>');
      else this.badVerb(verb, c);
      return;
    }
    this.printValue(c, verb, 0);
  }
}

// ---- the three functions ---------------------------------------------------------------------------

const isStringArg = (v: Val): boolean => unwrap(v)?.type === 'string';

/** fmt.Sprint: operands in %v, a space between two when neither is a string. */
export function sprint(args: readonly Val[]): string {
  const p = new Printer();
  let prevString = false;
  args.forEach((a, i) => {
    const isString = isStringArg(a);
    if (i > 0 && !isString && !prevString) p.out += ' ';
    p.printArg(a, 'v');
    prevString = isString;
  });
  return p.out;
}

/** fmt.Sprintln: operands in %v, spaces between them all, and a newline. */
export function sprintln(args: readonly Val[]): string {
  const p = new Printer();
  args.forEach((a, i) => {
    if (i > 0) p.out += ' ';
    p.printArg(a, 'v');
  });
  return `${p.out}\n`;
}

/** fmt.Sprintf, with Go's error strings (`%!d(string=x)`, `%!s(MISSING)`, `%!(EXTRA …)`). */
export function sprintf(format: string, args: readonly Val[]): string {
  const p = new Printer();
  let argNum = 0;
  let reordered = false;
  let goodArgNum = true;
  const end = format.length;
  let i = 0;
  // [n] argument indexes, as Go's argNumber reads them.
  const argNumber = (): void => {
    if (i >= end || format[i] !== '[') return;
    reordered = true;
    const close = format.indexOf(']', i);
    const n = close === -1 ? NaN : Number(format.slice(i + 1, close));
    if (close === -1 || !/^[0-9]+$/.test(format.slice(i + 1, close)) || n < 1 || n > args.length) {
      goodArgNum = false;
      i = close === -1 ? end : close + 1;
      return;
    }
    argNum = n - 1;
    i = close + 1;
  };
  const intArg = (): number | undefined => {
    if (argNum >= args.length) return undefined;
    const a = unwrap(args[argNum]);
    argNum++;
    if (a === undefined || !(isIntType(a.type) || isUintType(a.type))) return undefined;
    return a.x as number;
  };
  while (i < end) {
    const pct = format.indexOf('%', i);
    if (pct === -1) {
      p.out += format.slice(i);
      break;
    }
    p.out += format.slice(i, pct);
    i = pct + 1;
    p.f = noFlags();
    flags: for (; i < end; i++) {
      switch (format[i]) {
        case '#':
          p.f.sharp = true;
          break;
        case '0':
          p.f.zero = true;
          break;
        case '+':
          p.f.plus = true;
          break;
        case '-':
          p.f.minus = true;
          break;
        case ' ':
          p.f.space = true;
          break;
        default:
          break flags;
      }
    }
    argNumber();
    if (i < end && format[i] === '*') {
      i++;
      const w = intArg();
      if (w === undefined) p.out += '%!(BADWIDTH)';
      else {
        p.f.wid = Math.abs(w);
        if (w < 0) {
          p.f.minus = true;
          p.f.zero = false;
        }
      }
    } else {
      const m = /^[0-9]+/.exec(format.slice(i));
      if (m !== null) {
        p.f.wid = Number(m[0]);
        i += m[0].length;
      }
    }
    if (i + 1 <= end && format[i] === '.') {
      i++;
      argNumber();
      if (i < end && format[i] === '*') {
        i++;
        const pr = intArg();
        if (pr === undefined || pr < 0) p.out += '%!(BADPREC)';
        else p.f.prec = pr;
      } else {
        const m = /^[0-9]+/.exec(format.slice(i));
        p.f.prec = m === null ? 0 : Number(m[0]);
        if (m !== null) i += m[0].length;
      }
    }
    argNumber();
    if (i >= end) {
      p.out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (p.f.minus) p.f.zero = false;
    if (verb === '%') {
      p.out += '%';
      continue;
    }
    if (!goodArgNum) {
      p.out += `%!${verb}(BADINDEX)`;
      goodArgNum = true;
      continue;
    }
    if (argNum >= args.length) {
      p.out += `%!${verb}(MISSING)`;
      continue;
    }
    if (verb === 'w') {
      p.badVerb(verb, args[argNum++]);
      continue;
    }
    if (verb === 'v') {
      if (p.f.sharp) {
        p.f.sharp = false;
        p.f.sharpV = true;
      }
      if (p.f.plus) {
        p.f.plus = false;
        p.f.plusV = true;
      }
    }
    p.printArg(args[argNum++], verb);
  }
  if (!reordered && argNum < args.length) {
    p.f = noFlags();
    p.out += '%!(EXTRA ';
    args.slice(argNum).forEach((a, k) => {
      if (k > 0) p.out += ', ';
      const c = unwrap(a);
      if (c === undefined) p.out += '<nil>';
      else {
        p.out += `${c.type}=`;
        p.printArg(c, 'v');
      }
    });
    p.out += ')';
  }
  return p.out;
}

// ---- numbers and runes -------------------------------------------------------------------------------

/** A finite double's decimal digits (no leading zeros) and decimal point position, exactly enough to round. */
function decimalDigits(x: number): { digits: string; dp: number } {
  if (x === 0) return { digits: '', dp: 0 };
  const [mant, exp] = Math.abs(x).toPrecision(100).split('e') as [string, string | undefined];
  const [ip, fp = ''] = mant.split('.') as [string, string | undefined];
  let digits = ip + fp;
  let dp = ip.length + (exp === undefined ? 0 : Number(exp));
  const lead = /^0*/.exec(digits)![0].length;
  digits = digits.slice(lead);
  dp -= lead;
  return { digits: digits.replace(/0+$/, ''), dp };
}

/** The shortest digits that read back as x (what strconv gives for precision -1). */
function shortestDigits(x: number): { digits: string; dp: number } {
  if (x === 0) return { digits: '', dp: 0 };
  const [m, e] = Math.abs(x).toExponential().split('e') as [string, string];
  return { digits: m.replace('.', '').replace(/0+$/, ''), dp: Number(e) + 1 };
}

/** Rounds decimal digits to n of them, half to even on an exact tie (strconv's decimal rounding). */
function roundDigits(d: { digits: string; dp: number }, n: number): { digits: string; dp: number } {
  if (n < 0) return { digits: '', dp: d.dp };
  if (d.digits.length <= n) return d;
  const next = d.digits.charCodeAt(n) - 48;
  const rest = d.digits.slice(n + 1);
  const prev = n > 0 ? d.digits.charCodeAt(n - 1) - 48 : 0;
  const up = next > 5 || (next === 5 && (/[1-9]/.test(rest) || prev % 2 === 1));
  let digits = d.digits.slice(0, n);
  let dp = d.dp;
  if (up) {
    const arr = digits.split('').map(Number);
    let k = arr.length - 1;
    while (k >= 0 && arr[k] === 9) arr[k--] = 0;
    if (k < 0) {
      arr.unshift(1);
      arr.pop();
      dp++;
      if (arr.length === 0) arr.push(1);
    } else arr[k]!++;
    digits = arr.join('');
  }
  return { digits: digits.replace(/0+$/, ''), dp };
}

function fmtE(neg: boolean, d: { digits: string; dp: number }, prec: number, fmt: string): string {
  const ds = d.digits === '' ? '0' : d.digits;
  let s = (neg ? '-' : '') + ds[0];
  if (prec > 0) s += `.${ds.slice(1, prec + 1).padEnd(prec, '0')}`;
  const exp = d.digits === '' ? 0 : d.dp - 1;
  const ae = Math.abs(exp);
  return `${s}${fmt}${exp < 0 ? '-' : '+'}${ae < 10 ? `0${ae}` : ae}`;
}

function fmtF(neg: boolean, d: { digits: string; dp: number }, prec: number): string {
  let s = neg ? '-' : '';
  if (d.dp > 0) s += d.digits.slice(0, d.dp).padEnd(d.dp, '0');
  else s += '0';
  if (prec > 0) {
    let frac = '';
    for (let i = 0; i < prec; i++) {
      const j = d.dp + i;
      frac += j < 0 || j >= d.digits.length ? '0' : d.digits[j];
    }
    s += `.${frac}`;
  }
  return s;
}

/** strconv.FormatFloat(x, fmt, prec, 64) for the formats e, E, f, F, g, G. */
export function formatFloat(x: number, fmt: string, prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const shortest = prec < 0;
  let d = shortest ? shortestDigits(x) : decimalDigits(x);
  switch (fmt) {
    case 'e':
    case 'E':
      if (!shortest) d = roundDigits(d, prec + 1);
      return fmtE(neg, d, shortest ? Math.max(d.digits.length - 1, 0) : prec, fmt);
    case 'f':
    case 'F':
      if (!shortest) d = roundDigits(d, d.dp + prec);
      return fmtF(neg, d, shortest ? Math.max(d.digits.length - d.dp, 0) : prec);
    default: {
      if (shortest) prec = d.digits.length;
      else {
        if (prec === 0) prec = 1;
        d = roundDigits(d, prec);
      }
      const nd = d.digits.length;
      let eprec = prec;
      if (eprec > nd && nd >= d.dp) eprec = nd;
      if (shortest) eprec = 6;
      const exp = d.dp - 1;
      if (exp < -4 || exp >= eprec) return fmtE(neg, d, Math.min(prec, nd) - 1, fmt === 'G' ? 'E' : 'e');
      return fmtF(neg, d, Math.max((prec > d.dp ? nd : prec) - d.dp, 0));
    }
  }
}

function runeOf(n: number): string {
  return n >= 0 && n <= 0x10ffff && !(n >= 0xd800 && n < 0xe000) ? String.fromCodePoint(n) : '\ufffd';
}

function isPrint(n: number): boolean {
  return !(n < 0x20 || (n >= 0x7f && n < 0xa0));
}

/** strconv.QuoteRune. */
function quoteRune(n: number): string {
  const r = runeOf(n);
  if (r === "'") return "'\\''";
  if (r === '"') return `'"'`;
  const q = goQuote(r);
  return `'${q.slice(1, -1)}'`;
}

/** strconv.QuoteToASCII from Quote's output: the characters past ASCII escaped too. */
function toAscii(quoted: string): string {
  let out = '';
  for (const ch of quoted) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out += ch;
    else if (c < 0x10000) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += `\\U${c.toString(16).padStart(8, '0')}`;
  }
  return out;
}

function canBackquote(s: string): boolean {
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '`' || ch === '\ufeff') return false;
    if (c < 0x20 && ch !== '\t') return false;
    if (c === 0x7f) return false;
  }
  return true;
}

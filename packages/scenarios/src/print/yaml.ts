// YAML exactly as `kubectl get -o yaml` prints it.
//
// kubectl's YAML printer turns an object into JSON and then calls sigs.k8s.io/yaml JSONToYAML, which
// decodes the JSON into generic maps and encodes them with go-yaml v2 (gopkg.in/yaml.v2 2.4, a port of
// libyaml's emitter). This file imitates that encoder for JSON-like values: the same key order
// (go-yaml's keyList.Less, not a plain string sort), the same choice among plain, 'single-quoted',
// "double-quoted" and literal `|` scalars (go-yaml quotes every string that would read back as
// something else under its YAML 1.1 resolver), the same folding of long scalars at column 80, and the
// same block layout (sequences not indented under their key, `{}` and `[]` for empty collections).
//
// It exists because the `yaml` npm library, used before, differs from go-yaml in quoting (it
// double-quotes where go-yaml single-quotes), in folding (go-yaml folds at column 80) and in key order
// (digit runs compare as numbers), and because it builds a whole Document first: it was about 20
// times slower on big lists (`dsim get pods -A -o yaml` on 15,000 pods took a minute). Here the
// output is written directly into an array of strings, joined once, and the analysis of each
// distinct string and the order of each distinct key set are memoised.
//
// What kubectl itself does to strings is imitated too: it hands go-yaml JSON text, so lone
// surrogates arrive as U+FFFD and a raw U+0085 (NEL) is folded like a line break (asKubectlSees).
// Two cases cannot match: kubectl fails ("control characters are not allowed") on DEL, C1 controls
// other than NEL, U+FFFE and U+FFFF, which are written here escaped in double quotes as go-yaml's
// emitter would; and for key sets on which keyList.Less is not transitive (leading zeros mixed with
// other digit runs, such as "1", "09", "1a") kubectl's order changes from run to run with Go's map
// iteration, so any order is as right as another.
//
// The functions keep the names and structure of go-yaml's emitterc.go / encode.go / resolve.go /
// sorter.go so that each rule can be checked against the Go source. Only what a JSON value can reach
// is ported: no flow collections other than `{}` and `[]`, no tags, anchors or comments.
//
// Numbers: integers print in decimal. kubectl sees a number as JSON text; one that parses as an int64
// or uint64 is an integer, anything else becomes a float64, which go-yaml formats with Go's
// strconv.FormatFloat(f, 'g', -1, 64): the shortest round-trip digits, in exponent form when the
// exponent is below -4 or at least 6. So 1.5 → 1.5, 1234567.5 → 1.2345675e+06, 1e-7 → 1e-07, 1e20 →
// 1e+20, 2**63 → 9223372036854776000 (a uint64), 1.0 → 1 (JS cannot tell 1.0 from 1; neither can kubectl,
// which re-marshals floats without a fraction as integers). NaN and ±Infinity print as null, as
// JSON.stringify would write them.

import { Chunks } from './chunks.ts';

/** go-yaml's best_width: plain and quoted scalars fold at a space once the column passes it. */
const BEST_WIDTH = 80;
/** go-yaml's best_indent. */
const BEST_INDENT = 2;
/** Longest key, in UTF-8 bytes, that go-yaml writes as a simple `key: value` (else `? key`). */
const MAX_SIMPLE_KEY_BYTES = 128;

const PLAIN = 0;
const SINGLE = 1;
const DOUBLE = 2;
const LITERAL = 3;
type Style = typeof PLAIN | typeof SINGLE | typeof DOUBLE | typeof LITERAL;

/** What go-yaml decides about one string, computed once per distinct string. */
interface ScalarInfo {
  /** The string as go-yaml gets it (see asKubectlSees). */
  readonly value: string;
  readonly style: Style;
  /** For plain, single and double styles: the scalar as written when nothing is folded. */
  readonly text: string;
  /** `text` after a space, as a value after `key:` or `-` is written. */
  readonly spaced: string;
  /** `text` then `:`, as a simple key is written. */
  readonly keyColon: string;
  /** Columns (code points) of `text`. */
  readonly width: number;
  /** Whether folding could apply: the string contains a space. */
  readonly foldable: boolean;
  /** Whether it must be written character by character anyway (a single-quoted U+2028/U+2029). */
  readonly walk: boolean;
  /** Whether go-yaml can write it as a simple key (`key:`) rather than a complex one (`? key`). */
  readonly simpleKey: boolean;
}

/** Writes `x` as kubectl's `-o yaml` does. */
export function kubectlYaml(x: unknown): string {
  return kubectlYamlChunks(x).join('');
}

/**
 * kubectlYaml's text in pieces, to be written one after another: a big list (40,000 pods) prints
 * more than the longest string V8 can hold (2^29 characters), which kubectl prints nonetheless.
 */
export function kubectlYamlChunks(x: unknown): string[] {
  const e = new Emitter();
  e.node(x, false);
  // yaml_emitter_emit_document_end: write_indent at indent 0 ends the last line.
  e.indent = -1;
  e.writeIndent();
  return e.finish();
}

/** The keys of one key set that get printed, in go-yaml's order, with their analyses. */
interface Layout {
  readonly keys: readonly string[];
  readonly entries: ReadonlyArray<{ readonly k: string; readonly key: ScalarInfo }>;
}

class Emitter {
  /** Output so far. */
  private readonly out = new Chunks();
  /** Memo of string analyses for this call. */
  private readonly infos = new Map<string, ScalarInfo>();
  /** Memo of key orders, by key set (objects of one kind share theirs). */
  private readonly layouts = new Map<string, Map<string, Layout[]>>();
  column = 0;
  indent = -1;
  whitespace = true;
  indention = true;

  /** Appends text to the output. */
  put(s: string): void {
    this.out.push(s);
  }

  finish(): string[] {
    return this.out.finish();
  }

  private info(s: string): ScalarInfo {
    let i = this.infos.get(s);
    if (i === undefined) {
      i = analyze(s);
      this.infos.set(s, i);
    }
    return i;
  }

  /** yaml_emitter_emit_node for a JSON value; `mapping` is the emitter's mapping_context. */
  node(x: unknown, mapping: boolean): void {
    if (x === null || x === undefined) return this.plainToken('null');
    switch (typeof x) {
      case 'string':
        return this.scalar(this.info(x), false);
      case 'number':
        return this.plainToken(formatNumber(x));
      case 'boolean':
        return this.plainToken(x ? 'true' : 'false');
      case 'bigint':
        return this.plainToken(formatNumber(Number(x)));
      case 'object':
        break;
      default:
        // Functions and symbols: JSON.stringify writes null for them inside arrays.
        return this.plainToken('null');
    }
    const asJson = (x as { toJSON?: unknown }).toJSON;
    if (typeof asJson === 'function') return this.node((asJson as () => unknown).call(x), mapping);
    if (Array.isArray(x)) return this.sequence(x, mapping);
    return this.mapping(x as Record<string, unknown>);
  }

  /** A block sequence (yaml_emitter_emit_block_sequence_item), or `[]`. */
  private sequence(items: readonly unknown[], mapping: boolean): void {
    if (items.length === 0) return this.emptyFlow('[', ']');
    const saved = this.indent;
    // A sequence that is a mapping value is not indented: `key:\n- item`.
    const indentless = mapping && !this.indention;
    if (this.indent < 0) this.indent = 0;
    else if (!indentless) this.indent += BEST_INDENT;
    for (const item of items) {
      // write_indent, then the '-' indicator (whitespace after the indent, so no space before it).
      this.writeIndent('-', 1);
      this.whitespace = false;
      this.node(item, false);
    }
    this.indent = saved;
  }

  /** A block mapping with go-yaml's key order (yaml_emitter_emit_block_mapping_key/value), or `{}`. */
  private mapping(obj: Record<string, unknown>): void {
    const keys = Object.keys(obj);
    const layout = this.layout(keys);
    let first = 0;
    while (first < layout.entries.length && !isJsonValue(obj[layout.entries[first]!.k])) first++;
    if (first === layout.entries.length) return this.emptyFlow('{', '}');
    const saved = this.indent;
    this.indent = this.indent < 0 ? 0 : this.indent + BEST_INDENT;
    for (let n = first; n < layout.entries.length; n++) {
      const { k, key } = layout.entries[n]!;
      const v = obj[k];
      if (!isJsonValue(v)) continue;
      if (key.simpleKey) {
        // write_indent, the key (never folded: allow_breaks is off for simple keys) and ':'.
        this.writeIndent(key.keyColon, key.width + 1);
        this.whitespace = false;
        this.indention = false;
      } else {
        this.writeIndent();
        this.writeIndicator('?', true, false, true);
        this.scalar(key, false);
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.node(v, true);
    }
    this.indent = saved;
  }

  /** The printing order of a key set, computed once per distinct set. */
  private layout(keys: string[]): Layout {
    // Looked up by first and last key, strings the engine has already hashed, then compared.
    const first = keys.length === 0 ? '' : keys[0]!;
    const last = keys.length === 0 ? '' : keys[keys.length - 1]!;
    let byLast = this.layouts.get(first);
    if (byLast === undefined) this.layouts.set(first, (byLast = new Map()));
    const candidates = byLast.get(last);
    if (candidates !== undefined) {
      for (const c of candidates) if (sameKeys(c.keys, keys)) return c;
    }
    let entries = keys.map((k) => ({ k, key: this.info(k) }));
    if (entries.some((e) => e.key.value !== e.k)) entries = lastOfEachKey(entries);
    // keyList.Less is not transitive for some sets of keys with leading zeros (say "1", "09", "1a");
    // kubectl then prints them in an order that depends on Go's random map iteration, so any order
    // the sort gives is as good. Where Less is a total order, the result is go-yaml's.
    if (entries.length > 1) entries.sort((x, y) => (keyLess(x.key.value, y.key.value) ? -1 : keyLess(y.key.value, x.key.value) ? 1 : 0));
    const layout = { keys, entries };
    if (candidates === undefined) byLast.set(last, [layout]);
    else candidates.push(layout);
    return layout;
  }

  /** An empty collection, which go-yaml writes in flow style. */
  private emptyFlow(open: string, close: string): void {
    this.writeIndicator(open, true, true, false);
    this.writeIndicator(close, false, false, false);
  }

  /** A plain scalar without spaces (null, booleans, numbers): yaml_emitter_write_plain_scalar. */
  private plainToken(s: string): void {
    if (this.whitespace) this.put(s);
    else {
      this.put(` ${s}`);
      this.column++;
    }
    this.column += s.length;
    this.whitespace = false;
    this.indention = false;
  }

  /** yaml_emitter_emit_scalar + yaml_emitter_process_scalar for a string. */
  private scalar(info: ScalarInfo, simpleKey: boolean): void {
    const saved = this.indent;
    this.indent = this.indent < 0 ? BEST_INDENT : this.indent + BEST_INDENT;
    const allowBreaks = !simpleKey;
    if (info.style === LITERAL) {
      this.writeLiteral(info.value);
    } else if (!info.walk && (!allowBreaks || !info.foldable || this.column + 1 + info.width <= BEST_WIDTH + 1)) {
      // Nothing can fold: write the whole scalar at once.
      if (this.whitespace) this.put(info.text);
      else {
        this.put(info.spaced);
        this.column++;
      }
      this.column += info.width;
      this.whitespace = false;
      this.indention = false;
    } else if (info.style === PLAIN) {
      this.writePlain(info.value);
    } else if (info.style === SINGLE) {
      this.writeSingleQuoted(info.value);
    } else {
      this.writeDoubleQuoted(info.value);
    }
    this.indent = saved;
  }

  putBreak(): void {
    this.put('\n');
    this.column = 0;
  }

  /** yaml_emitter_write_indent, then `then` (an indicator or a key, on the same line). */
  writeIndent(then = '', thenWidth = 0): void {
    const indent = this.indent < 0 ? 0 : this.indent;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) {
      this.put(newlineIndent(indent) + then);
    } else if (this.column < indent) {
      this.put(spaces(indent - this.column) + then);
    } else if (then !== '') {
      this.put(then);
    }
    this.column = indent + thenWidth;
    this.whitespace = true;
    this.indention = true;
  }

  /** yaml_emitter_write_indicator. */
  writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) {
      this.put(' ');
      this.column++;
    }
    this.put(indicator);
    this.column += indicator.length;
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  /** Writes one code point (go-yaml's `write`): one column whatever its width. */
  private write(ch: string): void {
    this.put(ch);
    this.column++;
  }

  /** go-yaml's write_break for a break character other than `\n` (U+2028, U+2029). */
  private writeRawBreak(ch: string): void {
    this.put(ch);
    this.column = 0;
  }

  /** yaml_emitter_write_plain_scalar with allow_breaks. */
  private writePlain(value: string): void {
    if (!this.whitespace) this.write(' ');
    const cps = codePoints(value);
    let spacesSeen = false;
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i]!;
      if (c === ' ') {
        if (!spacesSeen && this.column > BEST_WIDTH && cps[i + 1] !== ' ') this.writeIndent();
        else this.write(c);
        spacesSeen = true;
      } else {
        // A plain scalar never holds a line break (go-yaml only allows plain without them).
        this.write(c);
        this.indention = false;
        spacesSeen = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  /** yaml_emitter_write_single_quoted_scalar with allow_breaks. */
  private writeSingleQuoted(value: string): void {
    this.writeIndicator("'", true, false, false);
    const cps = codePoints(value);
    let spacesSeen = false;
    let breaks = false;
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i]!;
      if (c === ' ') {
        if (!spacesSeen && this.column > BEST_WIDTH && i > 0 && i < cps.length - 1 && cps[i + 1] !== ' ') this.writeIndent();
        else this.write(c);
        spacesSeen = true;
      } else if (isBreak(c)) {
        if (!breaks && c === '\n') this.putBreak();
        if (c === '\n') this.putBreak();
        else this.writeRawBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === "'") this.write("'");
        this.write(c);
        this.indention = false;
        spacesSeen = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  /** yaml_emitter_write_double_quoted_scalar with allow_breaks. */
  private writeDoubleQuoted(value: string): void {
    this.writeIndicator('"', true, false, false);
    const cps = codePoints(value);
    let spacesSeen = false;
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i]!;
      const escaped = escapeDouble(c);
      if (escaped !== undefined) {
        this.put(escaped);
        this.column += escaped.length;
        spacesSeen = false;
      } else if (c === ' ') {
        if (!spacesSeen && this.column > BEST_WIDTH && i > 0 && i < cps.length - 1) {
          this.writeIndent();
          if (cps[i + 1] === ' ') this.write('\\');
        } else {
          this.write(c);
        }
        spacesSeen = true;
      } else {
        this.write(c);
        spacesSeen = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  /** yaml_emitter_write_literal_scalar: `|`, hints, then the lines at the scalar's indent. */
  private writeLiteral(value: string): void {
    this.writeIndicator('|', true, false, false);
    // yaml_emitter_write_block_scalar_hints.
    const first = value.charCodeAt(0);
    if (first === 0x20 || isBreakCode(first)) this.writeIndicator(String(BEST_INDENT), false, false, false);
    const chomp = literalChomp(value);
    if (chomp !== '') this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    if (!/[\u2028\u2029]/.test(value)) {
      // Fast path: only `\n` breaks. Each non-empty line is indented; empty lines stay empty.
      const lines = value.split('\n');
      for (let n = 0; n < lines.length; n++) {
        if (n > 0) {
          this.putBreak();
          this.indention = true;
          breaks = true;
        }
        const line = lines[n]!;
        if (line === '') continue;
        if (breaks) this.writeIndent();
        this.put(line);
        this.column += codePointCount(line);
        this.indention = false;
        breaks = false;
      }
      return;
    }
    for (const c of codePoints(value)) {
      if (isBreak(c)) {
        if (c === '\n') this.putBreak();
        else this.writeRawBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.write(c);
        this.indention = false;
        breaks = false;
      }
    }
  }
}

/** Whether JSON.stringify keeps an object field with this value. */
function isJsonValue(v: unknown): boolean {
  return v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Keys that become equal as kubectl sees them (a lone surrogate and U+FFFD, NELs folded): kubectl's
 * JSON decoding keeps the last one, in the order JSON.stringify would write them.
 */
function lastOfEachKey<T extends { key: ScalarInfo }>(entries: T[]): T[] {
  const last = new Map<string, T>();
  for (const e of entries) {
    last.delete(e.key.value);
    last.set(e.key.value, e);
  }
  return [...last.values()];
}

// ---------------------------------------------------------------------------------------------------
// Scalar analysis: encode.go stringv + emitterc.go yaml_emitter_analyze_scalar / select_scalar_style.

/** Decides the style of a string the way go-yaml does for a block-context scalar. */
function analyze(raw: string): ScalarInfo {
  const value = asKubectlSees(raw);
  const a = analyzeScalar(value);
  // encode.go stringv: literal when the string has a newline; plain when it resolves to a string;
  // otherwise double-quoted.
  let style: Style = value.includes('\n') ? LITERAL : canUsePlain(value) ? PLAIN : DOUBLE;
  // yaml_emitter_select_scalar_style (flow_level 0; keys that reach it are single-line).
  if (style === PLAIN && !a.blockPlainAllowed) style = SINGLE;
  if (style === SINGLE && !a.singleQuotedAllowed) style = DOUBLE;
  if (style === LITERAL && !a.blockAllowed) style = DOUBLE;
  const simpleKey = !a.multiline && utf8Length(value) <= MAX_SIMPLE_KEY_BYTES;
  let text = '';
  let walk = false;
  if (style === PLAIN) {
    text = value;
  } else if (style === SINGLE) {
    text = `'${value.replaceAll("'", "''")}'`;
    walk = a.multiline;
  } else if (style === DOUBLE) {
    text = doubleQuote(value);
  }
  return { value, style, text, spaced: ` ${text}`, keyColon: `${text}:`, width: codePointCount(text), foldable: value.includes(' '), walk, simpleKey };
}

interface Analysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

/** yaml_emitter_analyze_scalar, keeping what block context needs. */
function analyzeScalar(value: string): Analysis {
  if (value === '') return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  let blockIndicators = value.startsWith('---') || value.startsWith('...');
  let lineBreaks = false;
  let specialCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWhitespace = true;
  let previousSpace = false;
  let previousBreak = false;
  const n = value.length;
  for (let i = 0; i < n; ) {
    const cp = value.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    const next = i + w < n ? value.charCodeAt(i + w) : -1;
    const followedByWhitespace = next === -1 || next === 0x20 || next === 0x09;
    const last = i + w >= n;
    if (i === 0) {
      switch (cp) {
        case 0x23: // #
        case 0x2c: // ,
        case 0x5b: // [
        case 0x5d: // ]
        case 0x7b: // {
        case 0x7d: // }
        case 0x26: // &
        case 0x2a: // *
        case 0x21: // !
        case 0x7c: // |
        case 0x3e: // >
        case 0x27: // '
        case 0x22: // "
        case 0x25: // %
        case 0x40: // @
        case 0x60: // `
          blockIndicators = true;
          break;
        case 0x3f: // ?
        case 0x3a: // :
        case 0x2d: // -
          if (followedByWhitespace) blockIndicators = true;
          break;
      }
    } else if (cp === 0x3a) {
      if (followedByWhitespace) blockIndicators = true;
    } else if (cp === 0x23) {
      if (precededByWhitespace) blockIndicators = true;
    }
    if (!isPrintable(cp)) specialCharacters = true;
    if (cp === 0x20) {
      if (i === 0) leadingSpace = true;
      if (last) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreakCode(cp)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (last) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = cp === 0x20 || cp === 0x09 || cp === 0 || isBreakCode(cp);
    i += w;
  }
  let blockPlainAllowed = true;
  let singleQuotedAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
    blockAllowed = false;
  }
  if (lineBreaks) blockPlainAllowed = false;
  if (blockIndicators) blockPlainAllowed = false;
  return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

/** yamlprivateh.go is_printable, on a code point (go-yaml runs with unicode output on). */
function isPrintable(cp: number): boolean {
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  );
}

/** yamlprivateh.go is_break: CR, LF, NEL, LS, PS. */
function isBreakCode(cp: number): boolean {
  return cp === 0x0a || cp === 0x0d || cp === 0x85 || cp === 0x2028 || cp === 0x2029;
}

function isBreak(c: string): boolean {
  return isBreakCode(c.codePointAt(0)!);
}

/** The chomping indicator of yaml_emitter_write_block_scalar_hints. */
function literalChomp(value: string): string {
  if (value === '') return '-';
  const last = value.charCodeAt(value.length - 1);
  if (!isBreakCode(last)) return '-';
  if (value.length === 1) return '+';
  return isBreakCode(value.charCodeAt(value.length - 2)) ? '+' : '';
}

/** The whole double-quoted scalar, unfolded. */
function doubleQuote(value: string): string {
  let out = '"';
  for (const c of value) out += escapeDouble(c) ?? c;
  return `${out}"`;
}

/** go-yaml's escape for one code point in a double-quoted scalar, or undefined to write it as is. */
function escapeDouble(c: string): string | undefined {
  const cp = c.codePointAt(0)!;
  if (isPrintable(cp) && cp !== 0xfeff && !isBreakCode(cp) && cp !== 0x22 && cp !== 0x5c) return undefined;
  switch (cp) {
    case 0x00:
      return '\\0';
    case 0x07:
      return '\\a';
    case 0x08:
      return '\\b';
    case 0x09:
      return '\\t';
    case 0x0a:
      return '\\n';
    case 0x0b:
      return '\\v';
    case 0x0c:
      return '\\f';
    case 0x0d:
      return '\\r';
    case 0x1b:
      return '\\e';
    case 0x22:
      return '\\"';
    case 0x5c:
      return '\\\\';
    case 0x85:
      return '\\N';
    case 0xa0:
      return '\\_';
    case 0x2028:
      return '\\L';
    case 0x2029:
      return '\\P';
  }
  const hex = cp.toString(16).toUpperCase();
  if (cp <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  if (cp <= 0xffff) return `\\u${hex.padStart(4, '0')}`;
  return `\\U${hex.padStart(8, '0')}`;
}

// ---------------------------------------------------------------------------------------------------
// resolve.go: would the string, written plain, read back as something other than a string?

const RESOLVE_MAP = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF',
]);

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** encode.go stringv's canUsePlain: resolves to !!str and is not a YAML 1.1 base-60 float. */
export function canUsePlain(s: string): boolean {
  return resolvesToStr(s) && !isBase60Float(s);
}

function isBase60Float(s: string): boolean {
  const c = s.charCodeAt(0);
  if (!(c === 0x2b || c === 0x2d || (c >= 0x30 && c <= 0x39)) || !s.includes(':')) return false;
  return BASE60_FLOAT.test(s);
}

/** resolve("", s) returns yaml_STR_TAG. */
function resolvesToStr(s: string): boolean {
  if (s === '') return false; // null
  const c = s.charCodeAt(0);
  // resolveTable hints: S(ign), D(igit), M(ap), '.'; anything else is a string.
  const sign = c === 0x2b || c === 0x2d;
  const digit = c >= 0x30 && c <= 0x39;
  const dot = c === 0x2e;
  const inMap = 'yYnNtTfFoO~'.includes(s[0]!);
  if (!sign && !digit && !dot && !inMap) return true;
  if (RESOLVE_MAP.has(s)) return false;
  if (inMap) return true;
  if (dot) return !(DOT_FLOAT.test(s) && Number.isFinite(Number(s)));
  // Int, float or timestamp.
  if (isTimestamp(s)) return false;
  const plain = s.includes('_') ? s.replaceAll('_', '') : s;
  if (isGoInt(plain)) return false;
  if (YAML_STYLE_FLOAT.test(plain) && Number.isFinite(Number(plain))) return false;
  return true;
}

const MAX_INT64 = (1n << 63n) - 1n;
const MAX_UINT64 = (1n << 64n) - 1n;

/**
 * strconv.ParseInt(s, 0, 64) or strconv.ParseUint(s, 0, 64) succeeds: an optional sign (ParseInt
 * only), a 0b/0o/0x or 0 (octal) prefix, digits of that base, and a value in range.
 */
function isGoInt(s: string): boolean {
  let i = 0;
  const c0 = s.charCodeAt(0);
  const neg = c0 === 0x2d;
  const signed = neg || c0 === 0x2b;
  if (signed) i = 1;
  if (i >= s.length) return false;
  let base = 10n;
  if (s[i] === '0') {
    const p = s.length - i >= 3 ? (s.charCodeAt(i + 1) | 0x20) : 0;
    if (p === 0x62) (base = 2n), (i += 2);
    else if (p === 0x6f) (base = 8n), (i += 2);
    else if (p === 0x78) (base = 16n), (i += 2);
    else (base = 8n), (i += 1);
  }
  let n = 0n;
  for (; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    let d: number;
    if (ch >= 0x30 && ch <= 0x39) d = ch - 0x30;
    else if ((ch | 0x20) >= 0x61 && (ch | 0x20) <= 0x7a) d = (ch | 0x20) - 0x61 + 10;
    else return false;
    if (BigInt(d) >= base) return false;
    n = n * base + BigInt(d);
    if (n > MAX_UINT64) return false;
  }
  if (!signed) return true;
  return neg ? n <= MAX_INT64 + 1n : n <= MAX_INT64;
}

/** resolve.go parseTimestamp: YYYY- then one of go-yaml's four time.Parse layouts. */
function isTimestamp(s: string): boolean {
  let i = 0;
  while (i < s.length && s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39) i++;
  if (i !== 4 || i === s.length || s[i] !== '-') return false;
  const year = Number(s.slice(0, 4));
  let p = 5;
  // getnum(value, false): one or two digits.
  const num = (): number => {
    if (!isDigitAt(s, p)) return -1;
    let v = s.charCodeAt(p++) - 0x30;
    if (isDigitAt(s, p)) v = v * 10 + (s.charCodeAt(p++) - 0x30);
    return v;
  };
  const month = num();
  if (month < 1 || month > 12 || s[p++] !== '-') return false;
  const day = num();
  if (day < 0) return false;
  if (p < s.length) {
    // "2006-1-2T15:4:5.999999999Z07:00", "2006-1-2t…", "2006-1-2 15:4:5.999999999".
    const sep = s[p++];
    if (sep !== 'T' && sep !== 't' && sep !== ' ') return false;
    const hour = num();
    if (hour < 0 || hour >= 24 || s[p++] !== ':') return false;
    const min = num();
    if (min < 0 || min >= 60 || s[p++] !== ':') return false;
    const sec = num();
    if (sec < 0 || sec >= 60) return false;
    if ((s[p] === '.' || s[p] === ',') && isDigitAt(s, p + 1)) {
      p++;
      while (isDigitAt(s, p)) p++;
    }
    if (sep !== ' ') {
      // Z07:00: "Z" or ±hh:mm.
      if (s[p] === 'Z') p++;
      else {
        if (s.length - p < 6 || s[p + 3] !== ':' || (s[p] !== '+' && s[p] !== '-')) return false;
        if (!isDigitAt(s, p + 1) || !isDigitAt(s, p + 2) || !isDigitAt(s, p + 4) || !isDigitAt(s, p + 5)) return false;
        const hh = Number(s.slice(p + 1, p + 3));
        const mm = Number(s.slice(p + 4, p + 6));
        if (hh > 24 || mm > 60) return false;
        p += 6;
      }
    }
    if (p !== s.length) return false;
  }
  return day >= 1 && day <= daysIn(month, year);
}

function isDigitAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 0x30 && c <= 0x39;
}

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

// ---------------------------------------------------------------------------------------------------
// Numbers.

/** A number as kubectl prints it after its JSON → go-yaml round trip (see the top of the file). */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return 'null';
  if (Number.isInteger(x) && Math.abs(x) < 1e21) {
    // String(x) is the decimal text Go's encoding/json writes for the same float64.
    const s = String(x);
    if (Number.isSafeInteger(x)) return s;
    const b = BigInt(s);
    if (b >= -(MAX_INT64 + 1n) && b <= MAX_UINT64) return s;
  }
  return formatGoFloat(x);
}

/** strconv.FormatFloat(x, 'g', -1, 64). */
function formatGoFloat(x: number): string {
  const [mantissa, expText] = x.toExponential().split('e') as [string, string];
  const neg = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const exp = Number(expText);
  let out: string;
  if (exp < -4 || exp >= 6) {
    const abs = Math.abs(exp);
    out = `${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ''}e${exp < 0 ? '-' : '+'}${abs < 10 ? `0${abs}` : abs}`;
  } else if (exp < 0) {
    out = `0.${'0'.repeat(-exp - 1)}${digits}`;
  } else if (digits.length <= exp + 1) {
    out = digits + '0'.repeat(exp + 1 - digits.length);
  } else {
    out = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  }
  return neg ? `-${out}` : out;
}

// ---------------------------------------------------------------------------------------------------
// Key order: sorter.go keyList.Less for string keys.

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

function isLetterCode(c: number): boolean {
  if (c < 0x80) return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  return LETTER.test(String.fromCodePoint(c));
}

function isDigitCode(c: number): boolean {
  if (c < 0x80) return c >= 0x30 && c <= 0x39;
  return DIGIT.test(String.fromCodePoint(c));
}

/**
 * go-yaml's keyList.Less on two strings: runes compared one by one; at the first difference,
 * letters compare by code point, a non-letter sorts before a letter, and otherwise the runs of
 * digits starting there compare as numbers (then by length, then by rune).
 */
export function keyLess(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length < b.length;
  const ca = a.charCodeAt(i);
  const cb = b.charCodeAt(i);
  if (isSurrogate(ca) || isSurrogate(cb)) return runeLess(runesOf(a), runesOf(b));
  const al = isLetterCode(ca);
  const bl = isLetterCode(cb);
  if (al && bl) return ca < cb;
  if (al || bl) return bl;
  // Digit runs: scanned by rune, so astral characters need the rune path.
  if (HAS_SURROGATE.test(a) || HAS_SURROGATE.test(b)) return runeLess(runesOf(a), runesOf(b));
  return differingLess(a, b, i, (s, k) => s.charCodeAt(k), a.length, b.length);
}

const HAS_SURROGATE = /[\ud800-\udfff]/;

function isSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdfff;
}

function runesOf(s: string): number[] {
  return Array.from(s, (c) => c.codePointAt(0)!);
}

/** keyList.Less on rune arrays. */
function runeLess(ar: number[], br: number[]): boolean {
  const n = Math.min(ar.length, br.length);
  let i = 0;
  while (i < n && ar[i] === br[i]) i++;
  if (i === n) return ar.length < br.length;
  return differingLess(ar, br, i, (s, k) => s[k]!, ar.length, br.length);
}

/** The body of keyList.Less's loop at the first differing rune `i`. */
function differingLess<T>(ar: T, br: T, i: number, at: (s: T, k: number) => number, alen: number, blen: number): boolean {
  const ra = at(ar, i);
  const rb = at(br, i);
  const al = isLetterCode(ra);
  const bl = isLetterCode(rb);
  if (al && bl) return ra < rb;
  if (al || bl) return bl;
  let an = 0n;
  let bn = 0n;
  if (ra === 0x30 || rb === 0x30) {
    for (let j = i - 1; j >= 0 && isDigitCode(at(ar, j)); j--) {
      if (at(ar, j) !== 0x30) {
        an = 1n;
        bn = 1n;
        break;
      }
    }
  }
  let ai = i;
  for (; ai < alen && isDigitCode(at(ar, ai)); ai++) an = BigInt.asIntN(64, an * 10n + BigInt(at(ar, ai) - 0x30));
  let bi = i;
  for (; bi < blen && isDigitCode(at(br, bi)); bi++) bn = BigInt.asIntN(64, bn * 10n + BigInt(at(br, bi) - 0x30));
  if (an !== bn) return an < bn;
  if (ai !== bi) return ai < bi;
  return ra < rb;
}

// ---------------------------------------------------------------------------------------------------
// Small helpers.

const SPACES: string[] = [];
function spaces(n: number): string {
  return (SPACES[n] ??= ' '.repeat(n));
}

const NEWLINE_INDENTS: string[] = [];
function newlineIndent(n: number): string {
  return (NEWLINE_INDENTS[n] ??= `\n${' '.repeat(n)}`);
}

function codePoints(s: string): string[] {
  return Array.from(s);
}

function codePointCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * The string as go-yaml receives it from kubectl. kubectl hands go-yaml JSON text, so lone
 * surrogates have become U+FFFD (Go's JSON decoding), and go-yaml reads that text as YAML: Go's JSON
 * encoder leaves U+0085 (NEL) raw, go-yaml's scanner takes it for a line break inside the quoted
 * string and folds it with the spaces around it: one break becomes a space, n breaks n-1 newlines.
 */
function asKubectlSees(s: string): string {
  if (/[\ud800-\udfff]/.test(s)) {
    s = s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  }
  if (s.includes('\u0085')) {
    s = s.replace(/ *\u0085[ \u0085]*/g, (m) => {
      const breaks = m.split('\u0085').length - 1;
      return breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
    });
  }
  return s;
}

// kubectl's JSONPath templates (`get -o jsonpath=…`, `-o jsonpath-as-json=…`): a port of
// k8s.io/client-go/util/jsonpath (parser.go, jsonpath.go) as kubectl v1.32 runs it, over the object
// as kubectl decodes it from the API server's JSON (integers as int64, other numbers as float64).
//
// What kubectl does around the engine, followed here: missing keys print nothing
// (--allow-missing-template-keys defaults to true); maps and lists print as compact JSON (Go's
// json.Marshal: keys sorted, <>& escaped), other values as Go's fmt.Print; the results of one action
// are separated by a space, actions by nothing. A wildcard or `..` visits a map's keys in sorted order,
// one of the orders kubectl prints (it follows Go's map order, which changes from run to run).
// Errors have kubectl's wording: "error parsing jsonpath …" for the template, "error executing
// jsonpath …" with the object dumped in Go's %#v syntax for the data.

import { compareGoStrings } from '@dsim/core';
import { goJsonCompact, kubectlJson } from './json.ts';

// ---- the parse tree -------------------------------------------------------------------------------

type Node =
  | { readonly t: 'list'; nodes: Node[] }
  | { readonly t: 'text'; readonly text: string }
  | { readonly t: 'field'; readonly name: string }
  | { readonly t: 'array'; readonly params: readonly Param[] }
  | { readonly t: 'filter'; readonly left: ListNode; readonly right: ListNode; readonly op: string }
  | { readonly t: 'int'; readonly value: number }
  | { readonly t: 'float'; readonly value: number }
  | { readonly t: 'bool'; readonly value: boolean }
  | { readonly t: 'wildcard' }
  | { readonly t: 'recursive' }
  | { readonly t: 'union'; readonly nodes: readonly ListNode[] }
  | { readonly t: 'identifier'; readonly name: string };
type ListNode = Extract<Node, { t: 'list' }>;

interface Param {
  readonly known: boolean;
  readonly value: number;
  /** The end of `[n]`: one past the start, once the start is known. */
  readonly derived: boolean;
}

/** A template that does not parse: the message is the parser's own (kubectl prefixes it). */
export class JsonPathParseError extends Error {}

/** A template that fails on the data: the message is the engine's own. */
export class JsonPathExecError extends Error {}

const list = (): ListNode => ({ t: 'list', nodes: [] });
const EOF = '';

class Parser {
  readonly root = list();
  private pos = 0;
  private start = 0;

  constructor(private readonly input: string) {}

  parse(): ListNode {
    this.parseText(this.root);
    return this.root;
  }

  private consume(): string {
    const v = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return v;
  }

  private next(): string {
    if (this.pos >= this.input.length) return EOF;
    return this.input[this.pos++]!;
  }

  private backup(): void {
    this.pos--;
  }

  private peek(): string {
    return this.pos >= this.input.length ? EOF : this.input[this.pos]!;
  }

  private rest(): string {
    return this.input.slice(this.pos);
  }

  private parseText(cur: ListNode): void {
    for (;;) {
      if (this.rest().startsWith('{')) {
        if (this.pos > this.start) cur.nodes.push({ t: 'text', text: this.consume() });
        this.pos += 1;
        this.consume();
        const inner = list();
        cur.nodes.push(inner);
        return this.parseInsideAction(inner);
      }
      if (this.pos >= this.input.length) break;
      this.pos++;
    }
    if (this.pos > this.start) cur.nodes.push({ t: 'text', text: this.consume() });
  }

  private parseInsideAction(cur: ListNode): void {
    // A loop where Go recurses: a long template must not grow the stack.
    for (;;) {
      const rest = this.rest();
      if (rest.startsWith('}')) {
        this.pos += 1;
        this.consume();
        return this.parseText(this.root);
      }
      if (rest.startsWith('[?(')) {
        this.parseFilter(cur);
        continue;
      }
      if (rest.startsWith('..')) {
        this.parseRecursive(cur);
        continue;
      }
      const r = this.next();
      if (r === EOF || r === '\r' || r === '\n') throw new JsonPathParseError('unclosed action');
      if (r === ' ' || r === '@' || r === '$') this.consume();
      else if (r === '[') this.parseArray(cur);
      else if (r === '"' || r === "'") this.parseQuote(cur, r);
      else if (r === '.') this.parseField(cur);
      else if (r === '+' || r === '-' || isDigit(r)) {
        this.backup();
        this.parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        this.backup();
        this.parseIdentifier(cur);
      } else throw new JsonPathParseError(`unrecognized character in action: ${goRune(r)}`);
    }
  }

  private parseIdentifier(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (isTerminator(r)) {
        if (r !== EOF) this.backup();
        break;
      }
    }
    const value = this.consume();
    if (value === 'true' || value === 'false') cur.nodes.push({ t: 'bool', value: value === 'true' });
    else cur.nodes.push({ t: 'identifier', name: value });
  }

  private parseRecursive(cur: ListNode): void {
    const last = cur.nodes[cur.nodes.length - 1];
    if (last?.t === 'recursive') throw new JsonPathParseError('invalid multiple recursive descent');
    this.pos += 2;
    this.consume();
    cur.nodes.push({ t: 'recursive' });
    if (isAlphaNumeric(this.peek())) this.parseField(cur);
  }

  private parseNumber(cur: ListNode): void {
    const first = this.peek();
    if (first === '+' || first === '-') this.next();
    for (;;) {
      const r = this.next();
      if (r !== '.' && !isDigit(r)) {
        if (r !== EOF) this.backup();
        break;
      }
    }
    const value = this.consume();
    if (/^[+-]?\d+$/.test(value)) cur.nodes.push({ t: 'int', value: Number(value) });
    else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) cur.nodes.push({ t: 'float', value: Number(value) });
    else throw new JsonPathParseError(`cannot parse number ${value}`);
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new JsonPathParseError('unterminated array');
      if (r === ']') break;
    }
    let text = this.consume();
    text = text.slice(1, -1);
    if (text === '*') text = ':';
    const parts = text.split(',');
    if (parts.length > 1) {
      cur.nodes.push({ t: 'union', nodes: parts.map((s) => parseAction(`[${s.trim()}]`)) });
      return;
    }
    const dict = /^'([^']*)'$/.exec(text);
    if (dict !== null) {
      cur.nodes.push(...parseAction(`.${dict[1]}`).nodes);
      return;
    }
    const slice = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/.exec(text);
    if (slice === null) throw new JsonPathParseError(`invalid array index ${text}`);
    const params: Param[] = [];
    for (let i = 0; i < 3; i++) {
      let v = slice[i + 1] ?? '';
      if (v !== '') {
        if (i > 0) v = v.slice(1);
        if (i > 0 && v === '') params.push({ known: false, value: 0, derived: false });
        else params.push({ known: true, value: Number(v), derived: false });
      } else if (i === 1) params.push({ known: true, value: params[0]!.value + 1, derived: true });
      else params.push({ known: false, value: 0, derived: false });
    }
    cur.nodes.push({ t: 'array', params });
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consume();
    let begin = false;
    let end = false;
    let pair = '';
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new JsonPathParseError('unterminated filter');
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === ')' && begin === end) break;
    }
    if (this.next() !== ']') throw new JsonPathParseError('unclosed array expect ]');
    const text = this.consume().slice(0, -2);
    const m = /^([^!<>=]+)([!<>=]+)(.+?)$/.exec(text);
    if (m === null) cur.nodes.push({ t: 'filter', left: parseAction(text), right: list(), op: 'exists' });
    else cur.nodes.push({ t: 'filter', left: parseAction(m[1]!), right: parseAction(m[3]!), op: m[2]! });
  }

  private parseQuote(cur: ListNode, quote: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new JsonPathParseError('unterminated quoted string');
      if (r === quote && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consume();
    cur.nodes.push({ t: 'text', text: unquote(value) });
  }

  private parseField(cur: ListNode): void {
    this.consume();
    for (;;) {
      const r = this.next();
      if (r === '\\') this.next();
      else if (isTerminator(r)) {
        if (r !== EOF) this.backup();
        break;
      }
    }
    const value = this.consume();
    cur.nodes.push(value === '*' ? { t: 'wildcard' } : { t: 'field', name: value.replaceAll('\\', '') });
  }
}

/** The nodes of one action's text, as the parser's parseAction reads a piece of a template. */
function parseAction(text: string): ListNode {
  const root = new Parser(`{${text}}`).parse();
  return root.nodes[0] as ListNode;
}

function isDigit(r: string): boolean {
  return r >= '0' && r <= '9';
}

function isAlphaNumeric(r: string): boolean {
  return r !== EOF && (r === '_' || /^[\p{L}\p{Nd}]$/u.test(r));
}

function isTerminator(r: string): boolean {
  return r === EOF || r === ' ' || r === '\t' || r === '\r' || r === '\n' || '.,[]$@{}'.includes(r);
}

/** Go's %#U of a rune: `U+007B '{'`. */
function goRune(r: string): string {
  const cp = r.codePointAt(0) ?? 0;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${r}'`;
}

/** UnquoteExtend: a Go string literal in double or single quotes. */
function unquote(s: string): string {
  const q = s[0];
  const body = s.slice(1, -1);
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
    if (e !== undefined && simple[e] !== undefined) out += simple[e];
    else if (e === q) out += e;
    else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) throw new JsonPathParseError(`unquote string ${s} error invalid syntax`);
      out += String.fromCodePoint(parseInt(hex, 16));
      i += n;
    } else if (e !== undefined && e >= '0' && e <= '7') {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct)) throw new JsonPathParseError(`unquote string ${s} error invalid syntax`);
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
    } else throw new JsonPathParseError(`unquote string ${s} error invalid syntax`);
  }
  return out;
}

// ---- evaluation -----------------------------------------------------------------------------------

/** A value as the engine sees it: JSON data, or a number the template wrote (ints and floats apart). */
type Value = unknown;

/** A number the template itself wrote: Go keeps `1` an int and `1.0` a float64. */
export class TemplateNumber {
  constructor(
    readonly value: number,
    readonly float: boolean,
  ) {}
}

/** A parsed template, run with `findResults`. */
export class JsonPath {
  private readonly root: ListNode;
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode: Node | undefined;

  /** Parses the template; throws JsonPathParseError. */
  constructor(readonly template: string) {
    this.root = new Parser(template).parse();
  }

  /** The results of each action, in order (FindResults); throws JsonPathExecError. */
  findResults(data: Value): Value[][] {
    return this.find(data, this.root.nodes);
  }

  private find(data: Value, nodes: readonly Node[]): Value[][] {
    const cur = [data];
    const full: Value[][] = [];
    for (let i = 0; i < nodes.length; i++) {
      const results = this.walk(cur, nodes[i]!);
      // An end node closes the current block.
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange -= 1;
        this.lastEndNode = nodes[i];
        break;
      }
      // A range node: the rest of the block once per result (once with nothing, to find its end).
      if (this.beginRange > 0) {
        this.beginRange -= 1;
        this.inRange += 1;
        if (results.length > 0) for (const value of results) full.push(...this.find(value, nodes.slice(i + 1)));
        else this.find(undefined, nodes.slice(i + 1));
        this.inRange -= 1;
        // Resume after the end node the block stopped at.
        for (let k = i + 1; k < nodes.length; k++) {
          if (nodes[k] === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  private walk(input: Value[], node: Node): Value[] {
    switch (node.t) {
      case 'list': {
        let cur = input;
        for (const n of node.nodes) cur = this.walk(cur, n);
        return cur;
      }
      case 'text':
        return [node.text];
      case 'field':
        return evalField(input, node.name);
      case 'array':
        return evalArray(input, node.params);
      case 'filter':
        return this.evalFilter(input, node);
      case 'int':
      case 'float':
        return input.map(() => new TemplateNumber(node.value, node.t === 'float'));
      case 'bool':
        return input.map(() => node.value);
      case 'wildcard':
        return input.flatMap((v) => children(v));
      case 'recursive':
        return evalRecursive(input);
      case 'union':
        return node.nodes.flatMap((n) => this.walk(input, n));
      case 'identifier':
        if (node.name === 'range') {
          this.beginRange += 1;
          return input;
        }
        if (node.name === 'end') {
          if (this.inRange === 0) throw new JsonPathExecError('not in range, nothing to end');
          this.endRange += 1;
          return [];
        }
        throw new JsonPathExecError(`unrecognized identifier ${node.name}`);
    }
  }

  private evalFilter(input: Value[], node: Extract<Node, { t: 'filter' }>): Value[] {
    const results: Value[] = [];
    for (const value of input) {
      if (!Array.isArray(value)) throw new JsonPathExecError(`${goPrint(value)} is not array or slice and cannot be filtered`);
      for (const item of value) {
        let lefts: Value[];
        try {
          lefts = this.walk([item], node.left);
        } catch (e) {
          if (node.op === 'exists') continue;
          throw e;
        }
        if (node.op === 'exists') {
          if (lefts.length > 0) results.push(item);
          continue;
        }
        // An element without the field is left out.
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JsonPathExecError('can only compare one element at a time');
        const rights = this.walk([item], node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JsonPathExecError('can only compare one element at a time');
        if (compare(lefts[0], rights[0], node.op)) results.push(item);
      }
    }
    return results;
  }
}

function isMap(v: Value): v is Record<string, Value> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof TemplateNumber);
}

function evalField(input: Value[], name: string): Value[] {
  const out: Value[] = [];
  for (const v of input) if (isMap(v) && Object.hasOwn(v, name) && v[name] !== undefined) out.push(v[name]);
  // Missing keys give nothing: kubectl's --allow-missing-template-keys (default true).
  return out;
}

function evalArray(input: Value[], params: readonly Param[]): Value[] {
  const out: Value[] = [];
  for (const v of input) {
    if (v === null || v === undefined) continue;
    if (!Array.isArray(v)) throw new JsonPathExecError(`${goType(v)} is not array or slice`);
    const n = v.length;
    let start = params[0]!.known ? params[0]!.value : 0;
    if (start < 0) start += n;
    let end = params[1]!.known ? params[1]!.value : n;
    // `[-1]`'s end is derived as 0: one past the last element.
    if (end < 0 || (end === 0 && params[1]!.derived)) end += n;
    if (end === start) return out;
    if (start >= n || start < 0) throw new JsonPathExecError(`array index out of bounds: index ${start}, length ${n}`);
    if (end > n || end < 0) throw new JsonPathExecError(`array index out of bounds: index ${end - 1}, length ${n}`);
    if (start > end) throw new JsonPathExecError(`starting index ${start} is greater than ending index ${end}`);
    let step = 1;
    if (params[2]!.known) {
      if (params[2]!.value <= 0) throw new JsonPathExecError('step must be > 0');
      step = params[2]!.value;
    }
    for (let i = start; i < end; i += step) out.push(v[i]);
  }
  return out;
}

/** A map's values in its keys' sorted order, a list's elements, a string's bytes. */
function children(v: Value): Value[] {
  if (Array.isArray(v)) return v;
  if (isMap(v)) {
    return Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort(compareGoStrings)
      .map((k) => v[k]);
  }
  if (typeof v === 'string') return [...Buffer.from(v, 'utf8')];
  return [];
}

function evalRecursive(input: Value[]): Value[] {
  const out: Value[] = [];
  for (const v of input) {
    if (v === null || v === undefined) continue;
    const kids = children(v);
    if (kids.length === 0) continue;
    out.push(v);
    out.push(...evalRecursive(kids));
  }
  return out;
}

// ---- comparisons (text/template's eq, lt, … as the engine's filters use them) ----------------------

type Kind = 'bool' | 'int' | 'float' | 'string' | 'other';

function kindOf(v: Value): Kind {
  if (v instanceof TemplateNumber) return v.float ? 'float' : 'int';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  return 'other';
}

function numberOf(v: Value): number {
  return v instanceof TemplateNumber ? v.value : (v as number);
}

function compare(a: Value, b: Value, op: string): boolean {
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (op === '==' || op === '!=') {
    if (ka === 'other' || kb === 'other') throw new JsonPathExecError('invalid type for comparison');
    if (ka !== kb) throw new JsonPathExecError('incompatible types for comparison');
    const eq = ka === 'int' || ka === 'float' ? numberOf(a) === numberOf(b) : a === b;
    return op === '==' ? eq : !eq;
  }
  if (!['<', '>', '<=', '>='].includes(op)) throw new JsonPathExecError(`unrecognized filter operator ${op}`);
  if (ka === 'other' || kb === 'other') throw new JsonPathExecError('invalid type for comparison');
  if (ka !== kb) throw new JsonPathExecError('incompatible types for comparison');
  if (ka === 'bool') throw new JsonPathExecError('invalid type for comparison');
  const x = ka === 'string' ? (a as string) : numberOf(a);
  const y = kb === 'string' ? (b as string) : numberOf(b);
  if (op === '<') return x < y;
  if (op === '>') return x > y;
  if (op === '<=') return x <= y;
  return x >= y;
}

// ---- printing ---------------------------------------------------------------------------------------

/** One action's results as kubectl prints them: JSON for maps and lists, Go's fmt.Print otherwise; spaces between. */
export function printResults(results: readonly Value[]): string {
  return results.map((r) => (Array.isArray(r) || isMap(r) ? goJsonCompact(r) : goPrint(r))).join(' ');
}

/** What the engine prints for a value that is not a map or a list: Go's %v, `null` for nil. */
function goPrint(v: Value): string {
  return v === null || v === undefined ? 'null' : goSprintV(v);
}

/** Go's %v of a decoded JSON value: maps as `map[k:v …]` (keys sorted), lists as `[a b]`. */
export function goSprintV(v: Value): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return goNumber(v, !Number.isInteger(v));
  if (typeof v === 'boolean') return String(v);
  if (v instanceof TemplateNumber) return goNumber(v.value, v.float);
  if (Array.isArray(v)) return `[${v.map(goSprintV).join(' ')}]`;
  const m = v as Record<string, Value>;
  const keys = Object.keys(m)
    .filter((k) => m[k] !== undefined)
    .sort(compareGoStrings);
  return `map[${keys.map((k) => `${k}:${goSprintV(m[k])}`).join(' ')}]`;
}

/** Go's %v of an int64 or float64 (%g with the shortest precision: an exponent from 1e+06 up and below 1e-04). */
export function goNumber(n: number, float: boolean): string {
  if (!float) return String(n);
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  const exp = n === 0 ? 0 : Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 6) {
    const [m, e] = n.toExponential().split('e') as [string, string];
    const sign = e.startsWith('-') ? '-' : '+';
    const digits = e.replace(/^[+-]/, '');
    return `${m}e${sign}${digits.padStart(2, '0')}`;
  }
  return String(n);
}

/** The Go type of a decoded JSON value, as the engine's and kubectl's sorter's messages name it. */
export function goType(v: Value): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (v instanceof TemplateNumber) return v.float ? 'float64' : 'int';
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

/** Go's %#v of a decoded JSON value (kubectl dumps the object so when a template fails). */
export function goSharpV(v: Value): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return goNumber(v, !Number.isInteger(v));
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSharpV).join(', ')}}`;
  if (v instanceof TemplateNumber) return goNumber(v.value, v.float);
  const m = v as Record<string, Value>;
  const keys = Object.keys(m)
    .filter((k) => m[k] !== undefined)
    .sort(compareGoStrings);
  return `map[string]interface {}{${keys.map((k) => `${goQuote(k)}:${goSharpV(m[k])}`).join(', ')}}`;
}

/** Go's strconv.Quote (as %q and %#v write strings): printable characters as they are. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0x80 && c < 0xa0) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

// ---- what `get -o jsonpath=…` prints -----------------------------------------------------------------

/** A template kubectl refuses or that fails on the object: the message is kubectl's, after "error: ". */
export class JsonPathError extends Error {}

/** Parses a template as kubectl does before it fetches anything; throws JsonPathError. */
export function parseJsonPath(template: string): JsonPath {
  try {
    return new JsonPath(template);
  } catch (e) {
    if (e instanceof JsonPathParseError) throw new JsonPathError(`error parsing jsonpath ${template}, ${e.message}`);
    throw e;
  }
}

/**
 * kubectl's JSONPath printer on one object (a single object, or the List kubectl builds for
 * several): the text to print. Throws JsonPathError with kubectl's message, which for a failure on
 * the data dumps the object in Go's %#v and ends in two newlines (kubectl prints a third).
 * `asJson` is `-o jsonpath-as-json`: each action's results as an indented JSON list.
 */
export function printJsonPath(template: string, object: unknown, asJson = false): string {
  const jp = parseJsonPath(template);
  // The object as kubectl holds it: decoded JSON, with no undefined fields.
  const data: unknown = JSON.parse(JSON.stringify(object));
  let results: Value[][];
  try {
    results = jp.findResults(data);
  } catch (e) {
    if (!(e instanceof JsonPathExecError)) throw e;
    throw new JsonPathError(
      `error executing jsonpath ${goQuote(template)}: Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
        `\ttemplate was:\n\t\t${template}\n\tobject given to jsonpath engine was:\n\t\t${goSharpV(data)}\n\n`,
    );
  }
  if (asJson) return results.map((r) => `${kubectlJson(r.map((v) => (v instanceof TemplateNumber ? v.value : v)))}\n`).join('');
  return results.map(printResults).join('');
}

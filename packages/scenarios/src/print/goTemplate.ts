// kubectl's go-templates (`get -o go-template=…`, `-o go-template-file=…`, `-o template=…`): Go's
// text/template (lexer, parser and executor, as Go 1.23 builds kubectl v1.32) with kubectl's
// GoTemplatePrinter around it (k8s.io/cli-runtime/pkg/printers/template.go), over the object as
// kubectl decodes it from JSON: maps, []interface{}, strings, bools, int64 for integers, float64
// for other numbers. Pure: no I/O.
//
// The printer adds two functions to Go's builtins, `exists` and `base64decode`, and leaves missing
// map keys to Go's default (they print `<no value>`, as --allow-missing-template-keys=true asks).
// Maps are ranged over in sorted key order, as Go does. Not needed: range over integers and
// iterators (kubectl v1.32's Go has neither), methods (a decoded object has none). Left out:
// complex constants (refused, where kubectl prints `(0+1i)`) and integers past 2^53.

import { goJsonCompact } from './json.ts';
import { goQuote } from './jsonpath.ts';
import { fromJson, GoValue, isIntType, isUintType, MAP_TYPE, SLICE_TYPE, sliceCap, sortedKeys, sprint, sprintf, sprintln, unwrap, type Val } from './goFmt.ts';

// ---- lexer (text/template/parse/lex.go) ---------------------------------------------------------------

type ItemType =
  | 'error'
  | 'bool'
  | 'char'
  | 'charConstant'
  | 'comment'
  | 'complex'
  | 'assign'
  | 'declare'
  | 'EOF'
  | 'field'
  | 'identifier'
  | 'leftDelim'
  | 'leftParen'
  | 'number'
  | 'pipe'
  | 'rawString'
  | 'rightDelim'
  | 'rightParen'
  | 'space'
  | 'string'
  | 'text'
  | 'variable'
  // keywords
  | 'block'
  | 'break'
  | 'continue'
  | 'dot'
  | 'define'
  | 'else'
  | 'end'
  | 'if'
  | 'nil'
  | 'range'
  | 'template'
  | 'with';

interface Item {
  readonly typ: ItemType;
  readonly pos: number;
  readonly val: string;
  readonly line: number;
}

const KEYWORDS: ReadonlySet<string> = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'nil', 'template', 'with']);

/** Go's item.String(), as parse errors quote a token. */
function itemString(i: Item): string {
  if (i.typ === 'EOF') return 'EOF';
  if (i.typ === 'error') return i.val;
  if (KEYWORDS.has(i.typ) || i.typ === 'dot') return `<${i.val}>`;
  if ([...i.val].length > 10) return `${goQuote([...i.val].slice(0, 10).join(''))}...`;
  return goQuote(i.val);
}

const isSpace = (r: string | undefined): boolean => r === ' ' || r === '\t' || r === '\r' || r === '\n';
const isAlphaNumeric = (r: string | undefined): boolean => r !== undefined && r !== '' && /^[\p{L}\p{Nd}_]$/u.test(r);
const hasLeftTrimMarker = (s: string): boolean => s.length >= 2 && s[0] === '-' && isSpace(s[1]);
const hasRightTrimMarker = (s: string): boolean => s.length >= 2 && isSpace(s[0]) && s[1] === '-';

/** Go's %#U of a character: U+0021 '!'. */
function sharpU(r: string): string {
  const c = r.codePointAt(0)!;
  const hex = `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  return c < 0x20 || (c >= 0x7f && c < 0xa0) ? hex : `${hex} '${r}'`;
}

/** All the template's tokens, ending at EOF or at the first error, as Go's lexer emits them. */
function lex(input: string): Item[] {
  const items: Item[] = [];
  let start = 0;
  let pos = 0;
  let parenDepth = 0;
  // Tokens start in increasing order, so lines are counted on from the last one asked for.
  let linePos = 0;
  let line = 1;
  const lineAt = (p: number): number => {
    for (; linePos < p; linePos++) if (input.charCodeAt(linePos) === 10) line++;
    return line;
  };
  const emit = (typ: ItemType): void => {
    items.push({ typ, pos: start, val: input.slice(start, pos), line: lineAt(start) });
    start = pos;
  };
  const fail = (msg: string): false => {
    items.push({ typ: 'error', pos: start, val: msg, line: lineAt(start) });
    return false;
  };
  const next = (): string => {
    if (pos >= input.length) {
      pos = input.length + 1;
      return '';
    }
    const r = String.fromCodePoint(input.codePointAt(pos)!);
    pos += r.length;
    return r;
  };
  const backup = (r: string): void => {
    pos -= r === '' ? 1 : r.length;
  };
  const peek = (): string => (pos >= input.length ? '' : String.fromCodePoint(input.codePointAt(pos)!));
  const atRightDelim = (): { delim: boolean; trim: boolean } => {
    const rest = input.slice(pos);
    if (hasRightTrimMarker(rest) && rest.slice(2).startsWith('}}')) return { delim: true, trim: true };
    return { delim: rest.startsWith('}}'), trim: false };
  };
  const atTerminator = (): boolean => {
    const r = peek();
    if (isSpace(r)) return true;
    if (r === '' || '.,|:)('.includes(r)) return true;
    return input.startsWith('}}', pos);
  };
  const accept = (valid: string): boolean => {
    const r = next();
    if (r !== '' && valid.includes(r)) return true;
    backup(r);
    return false;
  };
  const acceptRun = (valid: string): void => {
    for (;;) {
      const r = next();
      if (r === '' || !valid.includes(r)) {
        backup(r);
        return;
      }
    }
  };
  const scanNumber = (): boolean => {
    accept('+-');
    let digits = '0123456789_';
    if (accept('0')) {
      if (accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (accept('oO')) digits = '01234567_';
      else if (accept('bB')) digits = '01_';
    }
    acceptRun(digits);
    if (accept('.')) acceptRun(digits);
    if (digits.length === 11 && accept('eE')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    if (digits.length === 23 && accept('pP')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    accept('i');
    if (isAlphaNumeric(peek())) {
      next();
      return false;
    }
    return true;
  };
  const fieldOrVariable = (typ: 'field' | 'variable'): boolean => {
    if (atTerminator()) {
      emit(typ === 'variable' ? 'variable' : 'dot');
      return true;
    }
    let r: string;
    for (;;) {
      r = next();
      if (!isAlphaNumeric(r)) {
        backup(r);
        break;
      }
    }
    if (!atTerminator()) return fail(`bad character ${sharpU(r === '' ? '\0' : r)}`);
    emit(typ);
    return true;
  };
  const quoted = (close: string, what: string, raw: boolean): boolean => {
    for (;;) {
      const r = next();
      if (!raw && r === '\\') {
        const e = next();
        if (e !== '' && e !== '\n') continue;
        return fail(`unterminated ${what}`);
      }
      if (r === '' || (!raw && r === '\n')) return fail(`unterminated ${what}`);
      if (r === close) return true;
    }
  };
  // One action's tokens, up to and including its right delimiter; false after an error.
  const insideAction = (): boolean => {
    for (;;) {
      const { delim, trim } = atRightDelim();
      if (delim) {
        if (parenDepth !== 0) return fail('unclosed left paren');
        if (trim) {
          pos += 2;
          start = pos;
        }
        pos += 2;
        emit('rightDelim');
        if (trim) {
          while (isSpace(input[pos])) pos++;
          start = pos;
        }
        return true;
      }
      const r = next();
      if (r === '') return fail('unclosed action');
      if (isSpace(r)) {
        let n = 1;
        while (isSpace(peek())) {
          next();
          n++;
        }
        // A space before a trim-marked " -}}" is the marker's.
        if (hasRightTrimMarker(input.slice(pos - 1)) && input.startsWith('}}', pos - 1 + 2)) {
          pos--;
          if (n === 1) continue;
        }
        emit('space');
        continue;
      }
      if (r === '=') emit('assign');
      else if (r === ':') {
        if (next() !== '=') return fail('expected :=');
        emit('declare');
      } else if (r === '|') emit('pipe');
      else if (r === '"') {
        if (!quoted('"', 'quoted string', false)) return false;
        emit('string');
      } else if (r === '`') {
        if (!quoted('`', 'raw quoted string', true)) return false;
        emit('rawString');
      } else if (r === '$') {
        if (!fieldOrVariable('variable')) return false;
      } else if (r === "'") {
        if (!quoted("'", 'character constant', false)) return false;
        emit('charConstant');
      } else if (r === '.' && pos < input.length && !(input[pos]! >= '0' && input[pos]! <= '9')) {
        if (!fieldOrVariable('field')) return false;
      } else if (r === '.' || r === '+' || r === '-' || (r >= '0' && r <= '9')) {
        backup(r);
        if (!scanNumber()) return fail(`bad number syntax: ${goQuote(input.slice(start, pos))}`);
        const sign = peek();
        if (sign === '+' || sign === '-') {
          if (!scanNumber() || input[pos - 1] !== 'i') return fail(`bad number syntax: ${goQuote(input.slice(start, pos))}`);
          emit('complex');
        } else emit('number');
      } else if (isAlphaNumeric(r)) {
        let c: string;
        for (;;) {
          c = next();
          if (!isAlphaNumeric(c)) {
            backup(c);
            break;
          }
        }
        const word = input.slice(start, pos);
        if (!atTerminator()) return fail(`bad character ${sharpU(c === '' ? '\0' : c)}`);
        if (KEYWORDS.has(word)) emit(word as ItemType);
        else if (word === 'true' || word === 'false') emit('bool');
        else emit('identifier');
      } else if (r === '(') {
        parenDepth++;
        emit('leftParen');
      } else if (r === ')') {
        parenDepth--;
        if (parenDepth < 0) return fail('unexpected right paren');
        emit('rightParen');
      } else if (r.codePointAt(0)! <= 0x7e && r.codePointAt(0)! >= 0x20) emit('char');
      else return fail(`unrecognized character in action: ${sharpU(r)}`);
    }
  };
  for (;;) {
    const x = input.indexOf('{{', pos);
    if (x === -1) {
      pos = input.length;
      if (pos > start) emit('text');
      start = pos;
      emit('EOF');
      return items;
    }
    if (x > pos) {
      pos = x;
      let trimmed = pos;
      if (hasLeftTrimMarker(input.slice(x + 2))) while (trimmed > start && isSpace(input[trimmed - 1])) trimmed--;
      if (trimmed > start) items.push({ typ: 'text', pos: start, val: input.slice(start, trimmed), line: lineAt(start) });
      start = pos;
    }
    // The left delimiter, a trim marker, and a comment or an action.
    pos += 2;
    const trim = hasLeftTrimMarker(input.slice(pos));
    const after = trim ? 2 : 0;
    if (input.startsWith('/*', pos + after)) {
      pos += after;
      start = pos;
      pos += 2;
      const end = input.indexOf('*/', pos);
      if (end === -1) {
        fail('unclosed comment');
        return items;
      }
      pos = end + 2;
      const { delim, trim: rtrim } = atRightDelim();
      if (!delim) {
        fail('comment ends before closing delimiter');
        return items;
      }
      if (rtrim) pos += 2;
      pos += 2;
      if (rtrim) while (isSpace(input[pos])) pos++;
      start = pos;
      continue;
    }
    emit('leftDelim');
    pos += after;
    start = pos;
    parenDepth = 0;
    if (!insideAction()) return items;
  }
}

// ---- parse tree (text/template/parse/node.go) -----------------------------------------------------------

type Node =
  | { readonly t: 'text'; readonly pos: number; readonly text: string }
  | { readonly t: 'action'; readonly pos: number; readonly pipe: PipeNode }
  | { readonly t: 'if' | 'with' | 'range'; readonly pos: number; readonly pipe: PipeNode; readonly list: ListNode; readonly elseList: ListNode | undefined }
  | { readonly t: 'template'; readonly pos: number; readonly name: string; readonly pipe: PipeNode | undefined }
  | { readonly t: 'break' | 'continue' | 'else' | 'end'; readonly pos: number }
  | ListNode;
interface ListNode {
  readonly t: 'list';
  readonly pos: number;
  readonly nodes: Node[];
}
interface PipeNode {
  readonly t: 'pipe';
  readonly pos: number;
  isAssign: boolean;
  readonly decl: VariableNode[];
  readonly cmds: CommandNode[];
}
interface CommandNode {
  readonly t: 'command';
  readonly pos: number;
  readonly args: Arg[];
}
interface VariableNode {
  readonly t: 'variable';
  readonly pos: number;
  readonly ident: readonly string[];
}
interface FieldNode {
  readonly t: 'field';
  readonly pos: number;
  readonly ident: readonly string[];
}
interface ChainNode {
  readonly t: 'chain';
  readonly pos: number;
  readonly node: Arg;
  readonly field: string[];
}
interface NumberNode {
  readonly t: 'number';
  readonly pos: number;
  readonly text: string;
  readonly isInt: boolean;
  readonly isUint: boolean;
  readonly isFloat: boolean;
  readonly int: number;
  readonly float: number;
}
type Arg =
  | PipeNode
  | VariableNode
  | FieldNode
  | ChainNode
  | NumberNode
  | { readonly t: 'identifier'; readonly pos: number; readonly ident: string }
  | { readonly t: 'dot' | 'nil'; readonly pos: number }
  | { readonly t: 'bool'; readonly pos: number; readonly value: boolean }
  | { readonly t: 'string'; readonly pos: number; readonly quoted: string; readonly text: string };

/** Go's Node.String(), as execution errors quote the node they stopped at. */
function nodeString(n: Node | Arg | CommandNode): string {
  switch (n.t) {
    case 'text':
      return n.text;
    case 'action':
      return `{{${nodeString(n.pipe)}}}`;
    case 'if':
    case 'with':
    case 'range':
      return `{{${n.t} ${nodeString(n.pipe)}}}${nodeString(n.list)}${n.elseList !== undefined ? `{{else}}${nodeString(n.elseList)}` : ''}{{end}}`;
    case 'template':
      return `{{template ${goQuote(n.name)}${n.pipe !== undefined ? ` ${nodeString(n.pipe)}` : ''}}}`;
    case 'break':
    case 'continue':
    case 'else':
    case 'end':
      return `{{${n.t}}}`;
    case 'list':
      return n.nodes.map(nodeString).join('');
    case 'pipe': {
      const decl = n.decl.length > 0 ? `${n.decl.map(nodeString).join(', ')} ${n.isAssign ? '=' : ':='} ` : '';
      return decl + n.cmds.map(nodeString).join(' | ');
    }
    case 'command':
      return n.args.map((a) => (a.t === 'pipe' ? `(${nodeString(a)})` : nodeString(a))).join(' ');
    case 'variable':
      return n.ident.join('.');
    case 'field':
      return n.ident.map((i) => `.${i}`).join('');
    case 'chain':
      return (n.node.t === 'pipe' ? `(${nodeString(n.node)})` : nodeString(n.node)) + n.field.map((f) => `.${f}`).join('');
    case 'number':
      return n.text;
    case 'identifier':
      return n.ident;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return n.value ? 'true' : 'false';
    case 'string':
      return n.quoted;
  }
}

// ---- parser (text/template/parse/parse.go) --------------------------------------------------------------

/** A template that does not parse: Go's message (`template: output:1: …`). */
export class GoTemplateParseError extends Error {}

/** Go's strconv.Unquote for the three kinds of literal. */
function unquote(s: string): string | undefined {
  if (s.length < 2) return undefined;
  const q = s[0]!;
  if (q !== s[s.length - 1]) return undefined;
  const body = s.slice(1, -1);
  if (q === '`') return body.includes('`') ? undefined : body.replace(/\r/g, '');
  if (q !== '"' && q !== "'") return undefined;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === q || c === '\n') return undefined;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
    if (e === undefined) return undefined;
    if (simple[e] !== undefined) out += simple[e];
    else if (e === q) out += e;
    else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) return undefined;
      const code = parseInt(hex, 16);
      if (e === 'x') out += Buffer.from([code]).toString('latin1');
      else {
        if (code > 0x10ffff || (code >= 0xd800 && code < 0xe000)) return undefined;
        out += String.fromCodePoint(code);
      }
      i += n;
    } else if (e >= '0' && e <= '7') {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) return undefined;
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
    } else return undefined;
  }
  if (q === "'" && [...out].length !== 1) return undefined;
  return out;
}

/** Go's strconv.ParseInt/ParseUint with base 0 (prefixes 0x, 0o, 0b, a leading 0 for octal; underscores). */
function parseGoInt(text: string): number | undefined {
  let s = text;
  let neg = false;
  if (s.startsWith('+') || s.startsWith('-')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  let base = 10;
  let prefixed = false;
  if (/^0[xX]/.test(s)) [base, s, prefixed] = [16, s.slice(2), true];
  else if (/^0[oO]/.test(s)) [base, s, prefixed] = [8, s.slice(2), true];
  else if (/^0[bB]/.test(s)) [base, s, prefixed] = [2, s.slice(2), true];
  else if (s.length > 1 && s[0] === '0') [base, s, prefixed] = [8, s.slice(1), true];
  if (s.includes('_')) {
    if (/__|_$/.test(s) || (s.startsWith('_') && !prefixed)) return undefined;
    s = s.replace(/_/g, '');
  }
  const digits = '0123456789abcdef'.slice(0, base);
  if (s === '' || ![...s.toLowerCase()].every((c) => digits.includes(c))) return undefined;
  const n = parseInt(s, base);
  return neg ? -n : n;
}

function newNumber(pos: number, text: string, typ: ItemType): NumberNode {
  if (typ === 'charConstant') {
    const r = unquote(text);
    if (r === undefined) throw new Error(`malformed character constant: ${text}`);
    const c = r.codePointAt(0)!;
    return { t: 'number', pos, text, isInt: true, isUint: true, isFloat: true, int: c, float: c };
  }
  if (typ === 'complex' || text.endsWith('i')) throw new Error(`complex constants are not supported: ${goQuote(text)}`);
  let isInt = false;
  let isUint = false;
  let isFloat = false;
  let int = 0;
  let float = 0;
  const i = parseGoInt(text);
  if (i !== undefined && Number.isSafeInteger(i)) {
    isInt = true;
    isUint = i >= 0;
    int = i;
    isFloat = true;
    float = i;
  } else {
    const f = /^[+-]?(\d[\d_]*\.?[\d_]*([eE][+-]?\d+)?|\.\d[\d_]*([eE][+-]?\d+)?|0[xX][0-9a-fA-F_.]+[pP][+-]?\d+)$/.test(text) ? Number(text.replace(/_/g, '')) : NaN;
    if (!Number.isNaN(f)) {
      if (!/[.eEpP]/.test(text)) throw new Error(`integer overflow: ${goQuote(text)}`);
      isFloat = true;
      float = f;
      if (Number.isSafeInteger(f)) {
        isInt = true;
        isUint = f >= 0;
        int = f;
      }
    }
  }
  if (!isInt && !isUint && !isFloat) throw new Error(`illegal number syntax: ${goQuote(text)}`);
  return { t: 'number', pos, text, isInt, isUint, isFloat, int, float };
}

const FUNCTIONS: ReadonlySet<string> = new Set([
  'and', 'call', 'html', 'index', 'slice', 'js', 'len', 'not', 'or', 'print', 'printf', 'println', 'urlquery', 'eq', 'ge', 'gt', 'le', 'lt', 'ne',
  // kubectl's
  'exists', 'base64decode',
]);

/** The parsed templates of one text: `output` and those it defines, by name. */
type TreeSet = Map<string, ListNode>;

const isEmptyTree = (n: ListNode): boolean => n.nodes.every((x) => x.t === 'text' && x.text.trim() === '');

class Parser {
  private i = 0;
  private seen = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private actionLine = 0;

  constructor(
    private readonly items: readonly Item[],
    private readonly trees: TreeSet,
    private readonly parseName: string,
  ) {}

  private errorf(msg: string): never {
    // Go reports the line of the last token its lexer handed over, lookahead included.
    const line = this.items[Math.min(this.seen, this.items.length - 1)]?.line ?? 1;
    throw new GoTemplateParseError(`template: ${this.parseName}:${line}: ${msg}`);
  }
  private next(): Item {
    const it = this.items[this.i] ?? this.items[this.items.length - 1]!;
    this.seen = Math.max(this.seen, this.i);
    if (this.i < this.items.length) this.i++;
    if (it.typ === 'error') this.fail(it);
    return it;
  }
  private fail(it: Item): never {
    let extra = '';
    if (this.actionLine !== 0 && this.actionLine !== it.line) {
      extra = ` in action started at ${this.parseName}:${this.actionLine}`;
      if (it.val.endsWith(' action')) extra = extra.slice(' in action'.length);
    }
    this.errorf(`${it.val}${extra}`);
  }
  private backup(n = 1): void {
    this.i -= n;
  }
  private peek(): Item {
    const it = this.items[this.i] ?? this.items[this.items.length - 1]!;
    this.seen = Math.max(this.seen, this.i);
    if (it.typ === 'error') {
      this.i++;
      this.fail(it);
    }
    return it;
  }
  private nextNonSpace(): Item {
    let t: Item;
    do t = this.next();
    while (t.typ === 'space');
    return t;
  }
  private peekNonSpace(): Item {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }
  private expect(typ: ItemType, context: string): Item {
    const t = this.nextNonSpace();
    if (t.typ !== typ) this.unexpected(t, context);
    return t;
  }
  private unexpected(t: Item, context: string): never {
    if (t.typ === 'error') this.fail(t);
    this.errorf(`unexpected ${itemString(t)} in ${context}`);
  }

  /** The top level: text, actions and definitions. */
  parse(): ListNode {
    const root: ListNode = { t: 'list', pos: this.peek().pos, nodes: [] };
    while (this.peek().typ !== 'EOF') {
      if (this.peek().typ === 'leftDelim') {
        const mark = this.i;
        this.next();
        if (this.nextNonSpace().typ === 'define') {
          const sub = new Parser(this.items, this.trees, this.parseName);
          sub.i = this.i;
          sub.parseDefinition();
          this.i = sub.i;
          continue;
        }
        this.i = mark;
      }
      const n = this.textOrAction();
      if (n.t === 'end' || n.t === 'else') this.errorf(`unexpected ${nodeString(n)}`);
      root.nodes.push(n);
    }
    return root;
  }

  private add(name: string, root: ListNode): void {
    const tree = this.trees.get(name);
    if (tree === undefined || isEmptyTree(tree)) this.trees.set(name, root);
    else if (!isEmptyTree(root)) this.errorf(`template: multiple definition of template ${goQuote(name)}`);
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const t = this.nextNonSpace();
    if (t.typ !== 'string' && t.typ !== 'rawString') this.unexpected(t, context);
    const name = unquote(t.val);
    if (name === undefined) this.errorf('invalid syntax');
    this.expect('rightDelim', context);
    const [list, end] = this.itemList();
    if (end.t !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.add(name, list);
  }

  private itemList(): [ListNode, Node] {
    const list: ListNode = { t: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().typ !== 'EOF') {
      const n = this.textOrAction();
      if (n.t === 'end' || n.t === 'else') return [list, n];
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case 'text':
        return { t: 'text', pos: token.pos, text: token.val };
      case 'leftDelim': {
        this.actionLine = token.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      }
      default:
        this.unexpected(token, 'input');
    }
  }

  private action(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case 'block':
        return this.blockControl();
      case 'break':
      case 'continue': {
        const t = this.nextNonSpace();
        if (t.typ !== 'rightDelim') this.unexpected(t, `{{${token.typ}}}`);
        if (this.rangeDepth === 0) this.errorf(`{{${token.typ}}} outside {{range}}`);
        return { t: token.typ, pos: token.pos };
      }
      case 'else':
        return this.elseControl();
      case 'end':
        return { t: 'end', pos: this.expect('rightDelim', 'end').pos };
      case 'if':
      case 'range':
      case 'with':
        return this.control(token.typ);
      case 'template':
        return this.templateControl();
      default:
    }
    this.backup();
    const t = this.peek();
    return { t: 'action', pos: t.pos, pipe: this.pipeline('command', 'rightDelim') };
  }

  private elseControl(): Node {
    const peek = this.peekNonSpace();
    if (peek.typ === 'if' || peek.typ === 'with') return { t: 'else', pos: peek.pos };
    return { t: 'else', pos: this.expect('rightDelim', 'else').pos };
  }

  private control(context: 'if' | 'range' | 'with'): Node {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(context, 'rightDelim');
      if (context === 'range') this.rangeDepth++;
      const [list, next] = this.itemList();
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | undefined;
      if (next.t === 'else') {
        // {{else if …}} and {{else with …}}: an if (with) of its own inside the else, sharing the {{end}}.
        if ((context === 'if' && this.peek().typ === 'if') || (context === 'with' && this.peek().typ === 'with')) {
          this.next();
          elseList = { t: 'list', pos: next.pos, nodes: [this.control(context)] };
        } else {
          let end: Node;
          [elseList, end] = this.itemList();
          if (end.t !== 'end') this.errorf(`expected end; found ${nodeString(end)}`);
        }
      }
      return { t: context, pos: pipe.pos, pipe, list, elseList };
    } finally {
      this.vars.length = mark;
    }
  }

  private blockControl(): Node {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    const pipe = this.pipeline(context, 'rightDelim');
    const sub = new Parser(this.items, this.trees, this.parseName);
    sub.i = this.i;
    const [list, end] = sub.itemList();
    this.i = sub.i;
    if (end.t !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.add(name, list);
    return { t: 'template', pos: token.pos, name, pipe };
  }

  private templateControl(): Node {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().typ !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { t: 'template', pos: token.pos, name, pipe };
  }

  private templateName(token: Item, context: string): string {
    if (token.typ !== 'string' && token.typ !== 'rawString') this.unexpected(token, context);
    const s = unquote(token.val);
    if (s === undefined) this.errorf('invalid syntax');
    return s;
  }

  private pipeline(context: string, end: 'rightDelim' | 'rightParen'): PipeNode {
    const token = this.peekNonSpace();
    const pipe: PipeNode = { t: 'pipe', pos: token.pos, isAssign: false, decl: [], cmds: [] };
    decls: for (;;) {
      const v = this.peekNonSpace();
      if (v.typ !== 'variable') break;
      this.nextNonSpace();
      const afterVariable = this.peek();
      const next = this.peekNonSpace();
      if (next.typ === 'assign' || next.typ === 'declare') {
        pipe.isAssign = next.typ === 'assign';
        this.nextNonSpace();
        pipe.decl.push({ t: 'variable', pos: v.pos, ident: v.val.split('.') });
        this.vars.push(v.val);
      } else if (next.typ === 'char' && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push({ t: 'variable', pos: v.pos, ident: v.val.split('.') });
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const p = this.peekNonSpace().typ;
          if (p === 'variable' || p === 'rightDelim' || p === 'rightParen') continue decls;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      } else if (afterVariable.typ === 'space') {
        // `$x foo`: $x is an argument; back to before it.
        this.i = this.items.indexOf(v);
      } else {
        this.i = this.items.indexOf(v);
      }
      break;
    }
    for (;;) {
      const t = this.nextNonSpace();
      if (t.typ === end) {
        if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
        pipe.cmds.slice(1).forEach((c, k) => {
          if (['bool', 'dot', 'nil', 'number', 'string'].includes(c.args[0]!.t)) this.errorf(`non executable command in pipeline stage ${k + 2}`);
        });
        return pipe;
      }
      switch (t.typ) {
        case 'bool':
        case 'charConstant':
        case 'complex':
        case 'dot':
        case 'field':
        case 'identifier':
        case 'number':
        case 'nil':
        case 'rawString':
        case 'string':
        case 'variable':
        case 'leftParen':
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(t, context);
      }
    }
  }

  private command(): CommandNode {
    const cmd: CommandNode = { t: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand !== undefined) cmd.args.push(operand);
      const token = this.next();
      if (token.typ === 'space') continue;
      if (token.typ === 'rightDelim' || token.typ === 'rightParen') this.backup();
      else if (token.typ !== 'pipe') this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): Arg | undefined {
    const node = this.term();
    if (node === undefined) return undefined;
    if (this.peek().typ !== 'field') return node;
    const chainPos = this.peek().pos;
    const field: string[] = [];
    while (this.peek().typ === 'field') field.push(this.next().val.slice(1));
    switch (node.t) {
      case 'field':
        return { t: 'field', pos: chainPos, ident: [...node.ident, ...field] };
      case 'variable':
        return { t: 'variable', pos: chainPos, ident: [...node.ident, ...field] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        this.errorf(`unexpected . after term ${goQuote(nodeString(node))}`);
      default:
        return { t: 'chain', pos: chainPos, node, field };
    }
  }

  private term(): Arg | undefined {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case 'identifier':
        if (!FUNCTIONS.has(token.val)) this.errorf(`function ${goQuote(token.val)} not defined`);
        return { t: 'identifier', pos: token.pos, ident: token.val };
      case 'dot':
        return { t: 'dot', pos: token.pos };
      case 'nil':
        return { t: 'nil', pos: token.pos };
      case 'variable': {
        const ident = token.val.split('.');
        if (!this.vars.includes(ident[0]!)) this.errorf(`undefined variable ${goQuote(ident[0]!)}`);
        return { t: 'variable', pos: token.pos, ident };
      }
      case 'field':
        return { t: 'field', pos: token.pos, ident: token.val.slice(1).split('.') };
      case 'bool':
        return { t: 'bool', pos: token.pos, value: token.val === 'true' };
      case 'charConstant':
      case 'complex':
      case 'number':
        try {
          return newNumber(token.pos, token.val, token.typ);
        } catch (e) {
          this.errorf((e as Error).message);
        }
      // falls through (errorf throws)
      case 'leftParen':
        return this.pipeline('parenthesized pipeline', 'rightParen');
      case 'string':
      case 'rawString': {
        const text = unquote(token.val);
        if (text === undefined) this.errorf('invalid syntax');
        return { t: 'string', pos: token.pos, quoted: token.val, text };
      }
      default:
        this.backup();
        return undefined;
    }
  }
}

/** Parses a template as kubectl does (`template.New("output")…Parse`); throws GoTemplateParseError. */
export function parseGoTemplate(text: string): GoTemplate {
  const trees: TreeSet = new Map();
  const p = new Parser(lex(text), trees, 'output');
  const root = p.parse();
  const existing = trees.get('output');
  if (existing === undefined || isEmptyTree(existing)) trees.set('output', root);
  else if (!isEmptyTree(root)) throw new GoTemplateParseError(`template: output:1: template: multiple definition of template "output"`);
  return new GoTemplate(text, trees);
}

// ---- execution (text/template/exec.go, funcs.go) ------------------------------------------------------

/** An execution error: Go's message (`template: output:1:3: executing "output" at <.a>: …`). */
export class GoTemplateExecError extends Error {}

class Break {}
class Continue {}
/** A function's own error, which the executor reports as "error calling NAME: …". */
class CallError extends Error {}

type ParamType = 'value' | 'any' | 'string';
interface Func {
  readonly params: readonly ParamType[];
  readonly variadic: boolean;
  readonly fn: (args: Val[]) => Val;
}

const bool = (b: boolean): GoValue => new GoValue('bool', b);
const str = (s: string): GoValue => new GoValue('string', s);
const int = (n: number): GoValue => new GoValue('int', n);

function isTrue(v: Val): boolean | undefined {
  const c = unwrap(v);
  if (c === undefined) return false;
  switch (c.type) {
    case 'string':
      return (c.x as string).length > 0;
    case MAP_TYPE:
      return Object.keys(c.x as object).length > 0;
    case SLICE_TYPE:
      return (c.x as unknown[]).length > 0;
    case 'bool':
      return c.x as boolean;
    default:
      return (c.x as number) !== 0;
  }
}

type BasicKind = 'invalid' | 'bool' | 'int' | 'uint' | 'float' | 'string';
function basicKind(v: Val): BasicKind {
  if (v === undefined) return 'invalid';
  if (v.type === 'bool') return 'bool';
  if (isIntType(v.type)) return 'int';
  if (isUintType(v.type)) return 'uint';
  if (v.type === 'float64') return 'float';
  if (v.type === 'string') return 'string';
  return 'invalid';
}

function lengthOf(v: GoValue): number {
  if (v.type === 'string') return Buffer.byteLength(v.x as string, 'utf8');
  if (v.type === SLICE_TYPE) return (v.x as unknown[]).length;
  return Object.keys(v.x as object).length;
}

function eq(args: Val[]): Val {
  const a = unwrap(args[0]);
  if (args.length < 2) throw new CallError('missing argument for comparison');
  const k1 = basicKind(a);
  for (const raw of args.slice(1)) {
    const b = unwrap(raw);
    const k2 = basicKind(b);
    let truth = false;
    if (k1 !== k2) {
      if (k1 === 'int' && k2 === 'uint') truth = (a!.x as number) === (b!.x as number);
      else if (k1 === 'uint' && k2 === 'int') truth = (a!.x as number) === (b!.x as number);
      else if (a !== undefined && b !== undefined) throw new CallError('incompatible types for comparison');
    } else if (k1 !== 'invalid') truth = a!.x === b!.x;
    else if (a === undefined || b === undefined) truth = a === b;
    else if (a.type !== b.type) throw new CallError(`non-comparable types ${sprintf('%s', [a])}: ${a.type}, ${b.type}: ${sprint([b])}`);
    else throw new CallError(`non-comparable type ${sprintf('%s', [b])}: ${b.type}`);
    if (truth) return bool(true);
  }
  return bool(false);
}

function lt(args: Val[]): boolean {
  const a = unwrap(args[0]);
  const b = unwrap(args[1]);
  const k1 = basicKind(a);
  if (k1 === 'invalid') throw new CallError('invalid type for comparison');
  const k2 = basicKind(b);
  if (k2 === 'invalid') throw new CallError('invalid type for comparison');
  if (k1 !== k2) {
    if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) return (a!.x as number) < (b!.x as number);
    throw new CallError('incompatible types for comparison');
  }
  if (k1 === 'bool') throw new CallError('invalid type for comparison');
  return (a!.x as number | string) < (b!.x as number | string);
}

function indexArg(v: Val, cap: number): number {
  const c = unwrap(v);
  if (c === undefined) throw new CallError('cannot index slice/array with nil');
  if (!isIntType(c.type) && !isUintType(c.type)) throw new CallError(`cannot index slice/array with type ${c.type}`);
  const x = c.x as number;
  if (x < 0 || x > cap) throw new CallError(`index out of range: ${x}`);
  return x;
}

function index(args: Val[]): Val {
  let item = unwrap(args[0]);
  if (item === undefined) throw new CallError('index of untyped nil');
  for (const raw of args.slice(1)) {
    const ix = unwrap(raw);
    if (item.iface && item.x === null) throw new CallError('index of nil pointer');
    const it: GoValue = unwrap(item)!;
    if (it.type === SLICE_TYPE || it.type === 'string') {
      const n = lengthOf(it);
      const x = indexArg(ix, n);
      if (x === n) throw new CallError(`index out of range: ${x}`);
      item = it.type === 'string' ? new GoValue('uint8', Buffer.from(it.x as string, 'utf8')[x]!) : fromJson((it.x as unknown[])[x], true);
    } else if (it.type === MAP_TYPE) {
      if (ix === undefined) throw new CallError('value is nil; should be of type string');
      if (ix.type !== 'string') throw new CallError(`value has type ${ix.type}; should be string`);
      const m = it.x as Record<string, unknown>;
      item = fromJson(Object.hasOwn(m, ix.x as string) ? m[ix.x as string] : null, true);
    } else throw new CallError(`can't index item of type ${it.type}`);
  }
  return item;
}

function slice(args: Val[]): Val {
  const item = unwrap(args[0]);
  if (item === undefined) throw new CallError('slice of untyped nil');
  const indexes = args.slice(1);
  if (indexes.length > 3) throw new CallError(`too many slice indexes: ${indexes.length}`);
  if (item.type === 'string') {
    if (indexes.length === 3) throw new CallError('cannot 3-index slice a string');
  } else if (item.type !== SLICE_TYPE) throw new CallError(`can't slice item of type ${item.type}`);
  const n = lengthOf(item);
  // A slice may reach past its length, up to its capacity (the zeroed rest of its array).
  const cap = item.type === 'string' ? n : sliceCap(item);
  const idx = [0, n, cap];
  indexes.forEach((ix, k) => (idx[k] = indexArg(ix, cap)));
  if (idx[0]! > idx[1]!) throw new CallError(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1]! > idx[2]!) throw new CallError(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (item.type === 'string') return str(Buffer.from(item.x as string, 'utf8').subarray(idx[0], idx[1]).toString('utf8'));
  const a = item.x as unknown[];
  const out: unknown[] = [];
  for (let i = idx[0]!; i < idx[1]!; i++) out.push(i < a.length ? a[i] : null);
  return new GoValue(SLICE_TYPE, out, false, (indexes.length === 3 ? idx[2]! : cap) - idx[0]!);
}

/** text/template's evalArgs: one string argument as it is, anything else as fmt.Sprint prints it. */
function evalArgs(args: Val[]): string {
  if (args.length === 1 && args[0]?.type === 'string') return args[0].x as string;
  return sprint(args.map((a) => a ?? str('<no value>')));
}

function htmlEscape(s: string): string {
  return s.replace(/["'&<>\0]/g, (c) => ({ '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;', '\0': '\ufffd' })[c]!);
}

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '"') out += '\\"';
    else if (ch === '<') out += '\\u003C';
    else if (ch === '>') out += '\\u003E';
    else if (ch === '&') out += '\\u0026';
    else if (ch === '=') out += '\\u003D';
    else if (c < 0x20) out += `\\u00${c.toString(16).toUpperCase().padStart(2, '0')}`;
    else if (c >= 0x80 && (/\p{C}|\p{Z}/u.test(ch) && ch !== ' ')) out += `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

/** Go's url.QueryEscape. */
function queryEscape(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** kubectl's exists: whether index would find something not nil. */
function exists(args: Val[]): Val {
  let v: Val = args[0];
  for (const ix of args.slice(1)) {
    const c = unwrap(v);
    if (c === undefined) return bool(false);
    if (c.type === SLICE_TYPE || c.type === 'string') {
      if (ix === undefined || !(isIntType(ix.type) || isUintType(ix.type))) return bool(false);
      const x = ix.x as number;
      if (x < 0 || x >= lengthOf(c)) return bool(false);
      v = c.type === 'string' ? new GoValue('uint8', Buffer.from(c.x as string, 'utf8')[x]!) : fromJson((c.x as unknown[])[x], true);
    } else if (c.type === MAP_TYPE) {
      if (ix !== undefined && ix.type !== 'string') return bool(false);
      const m = c.x as Record<string, unknown>;
      const key = ix === undefined ? '' : (ix.x as string);
      v = fromJson(Object.hasOwn(m, key) ? m[key] : null, true);
    } else return bool(false);
  }
  return bool(!(v?.iface === true && v.x === null));
}

/** Go's base64.StdEncoding.DecodeString (decodeQuantum), with its error for the first bad byte. */
function base64decode(args: Val[]): Val {
  const src = Buffer.from(args[0]!.x as string, 'utf8');
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const corrupt = (at: number): never => {
    throw new CallError(`base64 decode failed: illegal base64 data at input byte ${at}`);
  };
  const isNewline = (b: number | undefined): boolean => b === 10 || b === 13;
  const out: number[] = [];
  let si = 0;
  for (;;) {
    const dbuf = [0, 0, 0, 0];
    let dlen = 4;
    let trailing = -1;
    let j = 0;
    for (; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return str(Buffer.from(out).toString('utf8'));
        corrupt(si - j);
      }
      const b = src[si++]!;
      const v = alphabet.indexOf(String.fromCharCode(b));
      if (v !== -1 && b < 128) {
        dbuf[j] = v;
        continue;
      }
      if (isNewline(b)) {
        j--;
        continue;
      }
      if (b !== 61) corrupt(si - 1);
      if (j < 2) corrupt(si - 1);
      if (j === 2) {
        while (si < src.length && isNewline(src[si])) si++;
        if (si === src.length) corrupt(src.length);
        if (src[si] !== 61) corrupt(si - 1);
        si++;
      }
      while (si < src.length && isNewline(src[si])) si++;
      if (si < src.length) trailing = si;
      dlen = j;
      break;
    }
    const val = (dbuf[0]! << 18) | (dbuf[1]! << 12) | (dbuf[2]! << 6) | dbuf[3]!;
    const bytes = [(val >> 16) & 255, (val >> 8) & 255, val & 255];
    out.push(...bytes.slice(0, dlen - 1));
    if (trailing !== -1) corrupt(trailing);
    if (dlen < 4) return str(Buffer.from(out).toString('utf8'));
  }
}

const FUNCS: ReadonlyMap<string, Func> = new Map<string, Func>([
  ['and', { params: ['value', 'value'], variadic: true, fn: () => undefined }],
  ['or', { params: ['value', 'value'], variadic: true, fn: () => undefined }],
  ['call', { params: ['value', 'value'], variadic: true, fn: () => undefined }],
  ['html', { params: ['any'], variadic: true, fn: (a) => str(htmlEscape(evalArgs(a))) }],
  ['js', { params: ['any'], variadic: true, fn: (a) => str(jsEscape(evalArgs(a))) }],
  ['urlquery', { params: ['any'], variadic: true, fn: (a) => str(queryEscape(evalArgs(a))) }],
  ['index', { params: ['value', 'value'], variadic: true, fn: index }],
  ['slice', { params: ['value', 'value'], variadic: true, fn: slice }],
  [
    'len',
    {
      params: ['value'],
      variadic: false,
      fn: ([a]) => {
        if (a?.iface && a.x === null) throw new CallError('len of nil pointer');
        const c = unwrap(a);
        if (c === undefined) throw new CallError('reflect: call of reflect.Value.Type on zero Value');
        if (c.type === 'string' || c.type === SLICE_TYPE || c.type === MAP_TYPE) return int(lengthOf(c));
        throw new CallError(`len of type ${c.type}`);
      },
    },
  ],
  ['not', { params: ['value'], variadic: false, fn: ([a]) => bool(!isTrue(a)) }],
  ['print', { params: ['any'], variadic: true, fn: (a) => str(sprint(a)) }],
  ['println', { params: ['any'], variadic: true, fn: (a) => str(sprintln(a)) }],
  ['printf', { params: ['string', 'any'], variadic: true, fn: ([f, ...a]) => str(sprintf(f!.x as string, a)) }],
  ['eq', { params: ['value', 'value'], variadic: true, fn: eq }],
  ['ne', { params: ['value', 'value'], variadic: false, fn: (a) => bool(!(eq(a)!.x as boolean)) }],
  ['lt', { params: ['value', 'value'], variadic: false, fn: (a) => bool(lt(a)) }],
  ['le', { params: ['value', 'value'], variadic: false, fn: (a) => bool(lt(a) || (eq(a)!.x as boolean)) }],
  ['gt', { params: ['value', 'value'], variadic: false, fn: (a) => bool(!(lt(a) || (eq(a)!.x as boolean))) }],
  ['ge', { params: ['value', 'value'], variadic: false, fn: (a) => bool(!lt(a)) }],
  ['exists', { params: ['any', 'any'], variadic: true, fn: exists }],
  ['base64decode', { params: ['string'], variadic: false, fn: base64decode }],
]);

/** The marker for "no value from an earlier command" (exec.go's missingVal). */
const MISSING = new GoValue('template.missingValType', null);

/** A parsed go-template, run with `execute`. */
export class GoTemplate {
  constructor(
    readonly text: string,
    private readonly trees: TreeSet,
  ) {}

  /** Runs the template on `data`; output written so far is in `out` when it throws GoTemplateExecError. */
  execute(data: unknown, out: string[]): void {
    new State(this.text, this.trees, out).run(fromJson(data));
  }
}

class State {
  /** The node being evaluated, which an error names. */
  private node: Node | Arg | CommandNode | undefined;
  private vars: { name: string; value: Val }[] = [];
  private name = 'output';

  constructor(
    private readonly text: string,
    private readonly trees: TreeSet,
    private readonly out: string[],
  ) {}

  run(data: GoValue): void {
    this.vars = [{ name: '$', value: data }];
    this.walk(data, this.trees.get('output')!);
  }

  private at(n: Node | Arg | CommandNode): void {
    this.node = n;
  }

  private errorf(msg: string): never {
    if (this.node === undefined) throw new GoTemplateExecError(`template: ${this.name}: ${msg}`);
    const before = this.text.slice(0, this.node.pos);
    const nl = before.lastIndexOf('\n');
    const col = nl === -1 ? this.node.pos : this.node.pos - (nl + 1);
    const line = 1 + (before.match(/\n/g)?.length ?? 0);
    throw new GoTemplateExecError(`template: output:${line}:${col}: executing ${goQuote(this.name)} at <${nodeString(this.node)}>: ${msg}`);
  }

  private varValue(name: string): Val {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]!.name === name) return this.vars[i]!.value;
    this.errorf(`undefined variable: ${name}`);
  }

  private walk(dot: Val, node: Node): void {
    this.at(node);
    switch (node.t) {
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.out.push(val === undefined ? '<no value>' : sprint([val]));
        return;
      }
      case 'break':
        throw new Break();
      case 'continue':
        throw new Continue();
      case 'if':
      case 'with': {
        const mark = this.vars.length;
        const val = this.evalPipeline(dot, node.pipe);
        if (isTrue(val)) this.walk(node.t === 'with' ? val : dot, node.list);
        else if (node.elseList !== undefined) this.walk(dot, node.elseList);
        this.vars.length = mark;
        return;
      }
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'range':
        return this.walkRange(dot, node);
      case 'template':
        return this.walkTemplate(dot, node);
      case 'text':
        this.out.push(node.text);
        return;
      default:
        this.errorf(`unknown node: ${nodeString(node)}`);
    }
  }

  private walkRange(dot: Val, r: Extract<Node, { list: ListNode }>): void {
    this.at(r);
    const outer = this.vars.length;
    const val = unwrap(this.evalPipeline(dot, r.pipe));
    const mark = this.vars.length;
    const oneIteration = (index: Val, elem: Val): boolean => {
      if (r.pipe.decl.length > 0) this.vars[this.vars.length - 1]!.value = elem;
      if (r.pipe.decl.length > 1) this.vars[this.vars.length - 2]!.value = index;
      try {
        this.walk(elem, r.list);
      } catch (e) {
        if (e instanceof Break) return false;
        if (!(e instanceof Continue)) throw e;
      } finally {
        this.vars.length = mark;
      }
      return true;
    };
    let ranged = false;
    if (val === undefined) {
      /* an invalid value acts like an empty map */
    } else if (val.type === SLICE_TYPE) {
      const a = val.x as unknown[];
      for (let i = 0; i < a.length; i++) if (!oneIteration(int(i), fromJson(a[i], true))) break;
      ranged = a.length > 0;
    } else if (val.type === MAP_TYPE) {
      const m = val.x as Record<string, unknown>;
      const keys = sortedKeys(m);
      for (const k of keys) if (!oneIteration(str(k), fromJson(m[k], true))) break;
      ranged = keys.length > 0;
    } else this.errorf(`range can't iterate over ${sprint([val])}`);
    if (!ranged && r.elseList !== undefined) this.walk(dot, r.elseList);
    this.vars.length = outer;
  }

  private walkTemplate(dot: Val, t: Extract<Node, { t: 'template' }>): void {
    this.at(t);
    const tree = this.trees.get(t.name);
    if (tree === undefined) this.errorf(`template ${goQuote(t.name)} not defined`);
    const newDot = t.pipe === undefined ? undefined : this.evalPipeline(dot, t.pipe);
    const saved = { vars: this.vars, name: this.name };
    this.vars = [{ name: '$', value: newDot }];
    this.name = t.name;
    try {
      this.walk(newDot, tree);
    } catch (e) {
      // JavaScript's stack ends long before Go's 100,000 nested templates: the deepest template
      // call reports the error Go reports at its limit (again from a shallower one if this one
      // has no stack left to throw it).
      if (!(e instanceof RangeError)) throw e;
      this.at(t);
      this.errorf('exceeded maximum template depth (100000)');
    } finally {
      this.vars = saved.vars;
      this.name = saved.name;
    }
  }

  private evalPipeline(dot: Val, pipe: PipeNode): Val {
    this.at(pipe);
    let value: Val = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      // An interface value: dig down to the thing inside.
      value = unwrap(value);
    }
    for (const v of pipe.decl) {
      if (pipe.isAssign) {
        const i = this.vars.map((x) => x.name).lastIndexOf(v.ident[0]!);
        if (i === -1) this.errorf(`undefined variable: ${v.ident[0]}`);
        this.vars[i]!.value = value;
      } else this.vars.push({ name: v.ident[0]!, value });
    }
    return value;
  }

  private notAFunction(args: readonly Arg[], final: Val): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args[0]!)}`);
  }

  private evalCommand(dot: Val, cmd: CommandNode, final: Val): Val {
    const first = cmd.args[0]!;
    switch (first.t) {
      case 'field':
        this.at(first);
        return this.evalFieldChain(dot, dot, first, first.ident, cmd.args, final);
      case 'chain':
        return this.evalChain(dot, first, cmd.args, final);
      case 'identifier':
        this.at(first);
        return this.evalCall(dot, first.ident, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariable(dot, first, cmd.args, final);
      default:
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.t) {
      case 'bool':
        return bool(first.value);
      case 'dot':
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
      // falls through (errorf throws)
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return str(first.text);
    }
  }

  private idealConstant(n: NumberNode): Val {
    this.at(n);
    if (n.isFloat && !/^0[xX]/.test(n.text) && !n.text.startsWith("'") && /[.eEpP]/.test(n.text)) return new GoValue('float64', n.float);
    if (n.isInt) return int(n.int);
    if (n.isUint) this.errorf(`${n.text} overflows int`);
    return undefined;
  }

  private evalChain(dot: Val, chain: ChainNode, args: readonly Arg[], final: Val): Val {
    this.at(chain);
    if (chain.node.t === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArg(dot, 'any', chain.node, true);
    return this.evalFieldChain(dot, pipe, chain, chain.field, args, final);
  }

  private evalVariable(dot: Val, v: VariableNode, args: readonly Arg[], final: Val): Val {
    this.at(v);
    const value = this.varValue(v.ident[0]!);
    if (v.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, v, v.ident.slice(1), args, final);
  }

  private evalFieldChain(dot: Val, receiver: Val, node: Arg, ident: readonly string[], args: readonly Arg[], final: Val): Val {
    let r = receiver;
    for (let i = 0; i < ident.length - 1; i++) r = this.evalField(ident[i]!, node, [], MISSING, r);
    return this.evalField(ident[ident.length - 1]!, node, args, final, r);
  }

  private evalField(fieldName: string, _node: Arg, args: readonly Arg[], final: Val, receiver: Val): Val {
    if (receiver === undefined) return undefined;
    const typ = receiver.iface ? 'interface {}' : receiver.type;
    if (receiver.iface && receiver.x === null) this.errorf(`nil pointer evaluating ${typ}.${fieldName}`);
    const hasArgs = args.length > 1 || final !== MISSING;
    if (receiver.type === MAP_TYPE) {
      if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
      const m = receiver.x as Record<string, unknown>;
      // A missing key: the invalid value (missingkey=default).
      return Object.hasOwn(m, fieldName) && m[fieldName] !== undefined ? fromJson(m[fieldName], true) : undefined;
    }
    this.errorf(`can't evaluate field ${fieldName} in type ${typ}`);
  }

  private evalCall(dot: Val, name: string, node: CommandNode | Arg, argNodes: readonly Arg[] | undefined, final: Val): Val {
    const fn = FUNCS.get(name);
    if (fn === undefined) this.errorf(`${goQuote(name)} is not a defined function`);
    const args = argNodes === undefined ? [] : argNodes.slice(1);
    const numIn = args.length + (final !== MISSING ? 1 : 0);
    const numFixed = fn.variadic ? fn.params.length - 1 : args.length;
    if (fn.variadic) {
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${numFixed} got ${args.length}`);
    } else if (numIn !== fn.params.length) this.errorf(`wrong number of args for ${name}: want ${fn.params.length} got ${numIn}`);
    const paramAt = (i: number): ParamType => fn.params[Math.min(i, fn.params.length - 1)]!;
    // and/or evaluate their arguments in turn and stop at the first that decides.
    if (name === 'and' || name === 'or') {
      let v: Val;
      for (const a of args) {
        v = this.evalArg(dot, 'value', a);
        if (isTrue(v) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = final;
      return v;
    }
    const argv: Val[] = [];
    let i = 0;
    for (; i < numFixed && i < args.length; i++) argv.push(this.evalArg(dot, paramAt(i), args[i]!));
    if (fn.variadic) for (; i < args.length; i++) argv.push(this.evalArg(dot, paramAt(fn.params.length - 1), args[i]!));
    if (final !== MISSING) argv.push(this.validateType(final, paramAt(numIn - 1 < numFixed ? numIn - 1 : fn.params.length - 1)));
    try {
      if (name === 'call') {
        const callee = unwrap(argv[0]);
        if (callee === undefined) throw new CallError('call of nil');
        throw new CallError(`non-function ${nodeString(args[0]!)} of type ${callee.type}`);
      }
      return fn.fn(argv);
    } catch (e) {
      if (!(e instanceof CallError)) throw e;
      this.at(node);
      this.errorf(`error calling ${name}: ${e.message}`);
    }
  }

  private validateType(value: Val, typ: ParamType): Val {
    if (value === undefined) {
      if (typ === 'string') this.errorf('invalid value; expected string');
      return undefined;
    }
    if (typ === 'value') return value;
    if (typ === 'any') return unwrap(value);
    if (value.type === 'string') return value.iface ? unwrap(value) : value;
    this.errorf(`wrong type for value; expected string; got ${value.iface && value.x === null ? 'interface {}' : value.type}`);
  }

  private evalArg(dot: Val, typ: ParamType, n: Arg, untyped = false): Val {
    this.at(n);
    const check = (v: Val): Val => (untyped ? v : this.validateType(v, typ));
    switch (n.t) {
      case 'dot':
        return check(dot);
      case 'nil':
        if (typ === 'string') this.errorf('cannot assign nil to string');
        return undefined;
      case 'field':
        return check(this.evalFieldChain(dot, dot, n, n.ident, [n], MISSING));
      case 'variable':
        return check(this.evalVariable(dot, n, [], MISSING));
      case 'pipe':
        return check(this.evalPipeline(dot, n));
      case 'identifier':
        return check(this.evalCall(dot, n.ident, n, undefined, MISSING));
      case 'chain':
        return check(this.evalChain(dot, n, [], MISSING));
      default:
    }
    if (typ === 'string') {
      if (n.t === 'string') return str(n.text);
      this.errorf(`expected string; found ${nodeString(n)}`);
    }
    switch (n.t) {
      case 'bool':
        return bool(n.value);
      case 'number':
        return this.idealConstant(n);
      case 'string':
        return str(n.text);
    }
  }
}

// ---- what `get -o go-template=…` prints --------------------------------------------------------------

/** A template kubectl refuses, or one that failed on the object: kubectl's message, and what it printed first. */
export class GoTemplateError extends Error {
  constructor(
    message: string,
    /** What kubectl wrote to standard output before the error (partial output and its debugging dump). */
    readonly stdout = '',
  ) {
    super(message);
  }
}

/** Parses a template as kubectl does before it fetches anything; throws GoTemplateError. */
export function parseKubectlGoTemplate(template: string): GoTemplate {
  try {
    return parseGoTemplate(template);
  } catch (e) {
    if (e instanceof GoTemplateParseError) throw new GoTemplateError(`error parsing template ${template}, ${e.message}`);
    throw e;
  }
}

/**
 * kubectl's GoTemplatePrinter on one object (a single object, or the List kubectl builds for
 * several): the text it prints. When the template fails on the data, throws GoTemplateError
 * whose `stdout` is what kubectl printed before failing: the output so far, then its dump of the
 * template, the object's JSON and the object as Go prints a map.
 */
export function printGoTemplate(template: string, object: unknown): string {
  const t = parseKubectlGoTemplate(template);
  const data: unknown = JSON.parse(JSON.stringify(object));
  const out: string[] = [];
  try {
    t.execute(data, out);
  } catch (e) {
    if (!(e instanceof GoTemplateExecError)) throw e;
    const dump =
      `Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
      `\ttemplate was:\n\t\t${template}\n` +
      `\traw data was:\n\t\t${goJsonCompact(data)}\n` +
      `\tobject given to template engine was:\n\t\t${sprint([fromJson(data)])}\n\n`;
    throw new GoTemplateError(`error executing template ${goQuote(template)}: ${e.message}`, out.join('') + dump);
  }
  return out.join('');
}

// kubectl's `-l` label selector syntax, parsed and matched as apimachinery's labels.Parse does
// (k8s.io/apimachinery/pkg/labels/selector.go: the Lexer, the Parser, NewRequirement and
// Requirement.Matches), with its error messages word for word:
//   a=b,c==d,e!=f,g in (h,i),j notin (k),l,!m,n>1,o<2
// Keys must be label keys (content.IsLabelKey) and values label values (IsValidLabelValue);
// `gt`/`lt` take one integer and match only labels whose value is an integer too.

import { compareGoStrings, isValidLabelValue, qualifiedNameErrors } from '@dsim/core';

/** selection.Operator, spelled as apimachinery spells it. */
export type SelectorOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'gt' | 'lt' | 'exists' | '!';

/** One parsed requirement (labels.Requirement). */
export interface SelectorRequirement {
  readonly key: string;
  readonly op: SelectorOperator;
  /** Sorted and without duplicates (sets.String.List()); empty for `exists` and `!`. */
  readonly values: readonly string[];
}

/** Thrown for a selector that does not parse, with apimachinery's wording (labels.Parse's error). */
export class SelectorError extends Error {}

// ---- lexer ---------------------------------------------------------------------------------------

/** The lexer's tokens (labels.Token). */
export enum Token {
  Error,
  EndOfString,
  ClosedPar,
  Comma,
  DoesNotExist,
  DoubleEquals,
  Equals,
  GreaterThan,
  Identifier,
  In,
  LessThan,
  NotEquals,
  NotIn,
  OpenPar,
}

const STRING_TO_TOKEN: ReadonlyMap<string, Token> = new Map([
  [')', Token.ClosedPar],
  [',', Token.Comma],
  ['!', Token.DoesNotExist],
  ['==', Token.DoubleEquals],
  ['=', Token.Equals],
  ['>', Token.GreaterThan],
  ['in', Token.In],
  ['<', Token.LessThan],
  ['!=', Token.NotEquals],
  ['notin', Token.NotIn],
  ['(', Token.OpenPar],
]);

/** One token and its text. */
export interface ScannedItem {
  readonly tok: Token;
  readonly literal: string;
}

const isWhitespace = (ch: number): boolean => ch === 0x20 || ch === 0x09 || ch === 0x0d || ch === 0x0a;

/** `= ! ( ) , > <`: the characters operators are made of. */
function isSpecialSymbol(ch: number): boolean {
  switch (ch) {
    case 0x3d: // =
    case 0x21: // !
    case 0x28: // (
    case 0x29: // )
    case 0x2c: // ,
    case 0x3e: // >
    case 0x3c: // <
      return true;
  }
  return false;
}

/**
 * labels.Lexer. Like Go's it reads 0 at the end of the string, so a NUL character ends a token (and
 * the selector, where a token would start). Every special and blank character is ASCII, so reading
 * UTF-16 code units splits the string where Go's bytes do.
 */
export class Lexer {
  private pos = 0;

  constructor(private readonly s: string) {}

  private read(): number {
    if (this.pos < this.s.length) return this.s.charCodeAt(this.pos++);
    return 0;
  }

  private unread(): void {
    this.pos--;
  }

  /** An identifier, or the keyword `in` / `notin`. */
  private scanIDOrKeyword(): ScannedItem {
    let buffer = '';
    for (;;) {
      const ch = this.read();
      if (ch === 0) break;
      if (isSpecialSymbol(ch) || isWhitespace(ch)) {
        this.unread();
        break;
      }
      buffer += String.fromCharCode(ch);
    }
    return { tok: STRING_TO_TOKEN.get(buffer) ?? Token.Identifier, literal: buffer };
  }

  /** The longest operator the special characters here spell. */
  private scanSpecialSymbol(): ScannedItem {
    let last: ScannedItem | undefined;
    let buffer = '';
    for (;;) {
      const ch = this.read();
      if (ch === 0) break;
      if (isSpecialSymbol(ch)) {
        buffer += String.fromCharCode(ch);
        const tok = STRING_TO_TOKEN.get(buffer);
        if (tok !== undefined) last = { tok, literal: buffer };
        else if (last !== undefined) {
          this.unread();
          break;
        }
      } else {
        this.unread();
        break;
      }
    }
    if (last === undefined) return { tok: Token.Error, literal: `error expected: keyword found '${buffer}'` };
    return last;
  }

  /** The next token (Lexer.Lex). */
  lex(): ScannedItem {
    let ch = this.read();
    while (isWhitespace(ch)) ch = this.read();
    if (ch === 0) return { tok: Token.EndOfString, literal: '' };
    this.unread();
    return isSpecialSymbol(ch) ? this.scanSpecialSymbol() : this.scanIDOrKeyword();
  }
}

/** Every token of a selector, ending with EndOfString (Parser.scan). */
export function scanSelector(s: string): ScannedItem[] {
  const lexer = new Lexer(s);
  const items: ScannedItem[] = [];
  for (;;) {
    const item = lexer.lex();
    items.push(item);
    if (item.tok === Token.EndOfString) return items;
  }
}

// ---- parser --------------------------------------------------------------------------------------

/** Where the parser is: `in`/`notin` are operators after a key, identifiers where values go. */
export enum ParserContext {
  KeyAndOperator,
  Values,
}

const BINARY_OPERATORS = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'].join(', ');

/** labels.Parser. */
export class Parser {
  private readonly items: ScannedItem[];
  private position = 0;

  constructor(s: string) {
    this.items = scanSelector(s);
  }

  /** The current token, not consumed. */
  lookahead(context: ParserContext): ScannedItem {
    return inContext(this.items[this.position]!, context);
  }

  /** The current token, consumed. */
  consume(context: ParserContext): ScannedItem {
    return inContext(this.items[this.position++]!, context);
  }

  /** The requirements, in the order written (Parser.parse). */
  parse(): SelectorRequirement[] {
    const out: SelectorRequirement[] = [];
    for (;;) {
      const { tok, literal } = this.lookahead(ParserContext.Values);
      switch (tok) {
        case Token.Identifier:
        case Token.DoesNotExist: {
          out.push(this.parseRequirement());
          const next = this.consume(ParserContext.Values);
          switch (next.tok) {
            case Token.EndOfString:
              return out;
            case Token.Comma: {
              const after = this.lookahead(ParserContext.Values);
              if (after.tok !== Token.Identifier && after.tok !== Token.DoesNotExist) {
                throw new SelectorError(`found '${after.literal}', expected: identifier after ','`);
              }
              break;
            }
            default:
              throw new SelectorError(`found '${next.literal}', expected: ',' or 'end of string'`);
          }
          break;
        }
        case Token.EndOfString:
          return out;
        default:
          throw new SelectorError(`found '${literal}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  /** One requirement; its errors say "unable to parse requirement: …" as Parser.parse wraps them. */
  private parseRequirement(): SelectorRequirement {
    try {
      const { key, op } = this.parseKeyAndInferOperator();
      if (op === 'exists' || op === '!') return newRequirement(key, op, []);
      const operator = this.parseOperator();
      const values = operator === 'in' || operator === 'notin' ? this.parseValues() : this.parseExactValue();
      return newRequirement(key, operator, [...values].sort(compareGoStrings));
    } catch (e) {
      if (e instanceof SelectorError) throw new SelectorError(`unable to parse requirement: ${e.message}`);
      throw e;
    }
  }

  /** `[!]key`, with `exists` or `!` when no operator follows. */
  private parseKeyAndInferOperator(): { key: string; op: SelectorOperator | undefined } {
    let op: SelectorOperator | undefined;
    let item = this.consume(ParserContext.Values);
    if (item.tok === Token.DoesNotExist) {
      op = '!';
      item = this.consume(ParserContext.Values);
    }
    if (item.tok !== Token.Identifier) throw new SelectorError(`found '${item.literal}', expected: identifier`);
    const keyErrors = qualifiedNameErrors(item.literal);
    if (keyErrors.length > 0) throw new SelectorError(`<nil>: Invalid value: ${goQuote(item.literal)}: ${keyErrors.join('; ')}`);
    const next = this.lookahead(ParserContext.Values).tok;
    if ((next === Token.EndOfString || next === Token.Comma) && op !== '!') op = 'exists';
    return { key: item.literal, op };
  }

  private parseOperator(): SelectorOperator {
    const { tok, literal } = this.consume(ParserContext.KeyAndOperator);
    switch (tok) {
      case Token.In:
        return 'in';
      case Token.Equals:
        return '=';
      case Token.DoubleEquals:
        return '==';
      case Token.GreaterThan:
        return 'gt';
      case Token.LessThan:
        return 'lt';
      case Token.NotIn:
        return 'notin';
      case Token.NotEquals:
        return '!=';
      default:
        throw new SelectorError(`found '${literal}', expected: ${BINARY_OPERATORS}`);
    }
  }

  /** `(a,b,…)`; `()` is the one empty value. */
  private parseValues(): Set<string> {
    const open = this.consume(ParserContext.Values);
    if (open.tok !== Token.OpenPar) throw new SelectorError(`found '${open.literal}' expected: '('`);
    const { tok, literal } = this.lookahead(ParserContext.Values);
    switch (tok) {
      case Token.Identifier:
      case Token.Comma: {
        const values = this.parseIdentifiersList();
        // Go reports the list's first token here (unreachable: the list ends only before a ')').
        if (this.consume(ParserContext.Values).tok !== Token.ClosedPar) throw new SelectorError(`found '${literal}', expected: ')'`);
        return values;
      }
      case Token.ClosedPar:
        this.consume(ParserContext.Values);
        return new Set(['']);
      default:
        throw new SelectorError(`found '${literal}', expected: ',', ')' or identifier`);
    }
  }

  /** Comma-separated values, any of them empty. */
  private parseIdentifiersList(): Set<string> {
    const values = new Set<string>();
    for (;;) {
      const { tok, literal } = this.consume(ParserContext.Values);
      switch (tok) {
        case Token.Identifier: {
          values.add(literal);
          const next = this.lookahead(ParserContext.Values);
          if (next.tok === Token.Comma) continue;
          if (next.tok === Token.ClosedPar) return values;
          throw new SelectorError(`found '${next.literal}', expected: ',' or ')'`);
        }
        case Token.Comma: {
          if (values.size === 0) values.add(''); // "(,"
          const next = this.lookahead(ParserContext.Values).tok;
          if (next === Token.ClosedPar) {
            values.add(''); // ",)"
            return values;
          }
          if (next === Token.Comma) {
            this.consume(ParserContext.Values); // Go consumes the second comma too
            values.add(''); // ",,"
          }
          break;
        }
        default:
          throw new SelectorError(`found '${literal}', expected: ',', or identifier`);
      }
    }
  }

  /** The one value after `=`, `==`, `!=`, `>` or `<`; empty when the requirement ends there. */
  private parseExactValue(): Set<string> {
    const next = this.lookahead(ParserContext.Values).tok;
    if (next === Token.EndOfString || next === Token.Comma) return new Set(['']);
    const { tok, literal } = this.consume(ParserContext.Values);
    if (tok === Token.Identifier) return new Set([literal]);
    throw new SelectorError(`found '${literal}', expected: identifier`);
  }
}

function inContext(item: ScannedItem, context: ParserContext): ScannedItem {
  if (context === ParserContext.Values && (item.tok === Token.In || item.tok === Token.NotIn)) return { tok: Token.Identifier, literal: item.literal };
  return item;
}

/**
 * labels.NewRequirement for what the parser hands it (a valid key; one value for the exact-match
 * operators, at least one for `in`/`notin`): `gt`/`lt` need an integer, and every value must be a
 * label value. Its field errors, aggregated as utilerrors prints them.
 */
function newRequirement(key: string, op: SelectorOperator, values: readonly string[]): SelectorRequirement {
  const errors: string[] = [];
  if (op === 'gt' || op === 'lt') {
    if (values.length !== 1) errors.push(`values: Invalid value: ${goStrings(values)}: for 'Gt', 'Lt' operators, exactly one value is required`);
    values.forEach((v, i) => {
      if (parseInt64(v) === undefined) errors.push(`values[${i}]: Invalid value: ${goQuote(v)}: for 'Gt', 'Lt' operators, the value must be an integer`);
    });
  }
  values.forEach((v, i) => {
    const valueErrors = isValidLabelValue(v);
    if (valueErrors.length > 0) errors.push(`values[${i}][${key}]: Invalid value: ${goQuote(v)}: ${valueErrors.join('; ')}`);
  });
  if (errors.length > 0) throw new SelectorError(aggregate(errors));
  return { key, op, values };
}

/** utilerrors.NewAggregate(...).Error(): one message alone, several (duplicates dropped) in brackets. */
function aggregate(messages: readonly string[]): string {
  const seen = [...new Set(messages)];
  return seen.length === 1 ? seen[0]! : `[${seen.join(', ')}]`;
}

/** Parses a selector (labels.Parse); '' selects everything. The requirements come sorted by key. */
export function parseSelector(s: string): SelectorRequirement[] {
  const reqs = new Parser(s).parse();
  return reqs.sort((a, b) => compareGoStrings(a.key, b.key));
}

// ---- matching ------------------------------------------------------------------------------------

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** strconv.ParseInt(s, 10, 64): an optional sign and decimal digits within int64; undefined otherwise. */
export function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n < INT64_MIN || n > INT64_MAX ? undefined : n;
}

/** Requirement.Matches. */
export function requirementMatchesLabels(r: SelectorRequirement, labels: Readonly<Record<string, string>> | undefined): boolean {
  const has = labels !== undefined && labels !== null && Object.prototype.hasOwnProperty.call(labels, r.key) && typeof labels[r.key] === 'string';
  const value = has ? labels[r.key]! : undefined;
  switch (r.op) {
    case 'in':
    case '=':
    case '==':
      return value !== undefined && r.values.includes(value);
    case 'notin':
    case '!=':
      return value === undefined || !r.values.includes(value);
    case 'exists':
      return value !== undefined;
    case '!':
      return value === undefined;
    case 'gt':
    case 'lt': {
      if (value === undefined || r.values.length !== 1) return false;
      const have = parseInt64(value);
      const bound = parseInt64(r.values[0]!);
      if (have === undefined || bound === undefined) return false;
      return r.op === 'gt' ? have > bound : have < bound;
    }
  }
}

/** Whether labels satisfy every requirement. */
export function selectorMatchesLabels(reqs: readonly SelectorRequirement[], labels: Readonly<Record<string, string>> | undefined): boolean {
  for (const r of reqs) if (!requirementMatchesLabels(r, labels)) return false;
  return true;
}

// ---- printing ------------------------------------------------------------------------------------

/** Requirement.String(): `!k`, `k`, `k=v`, `k in (a,b)`, `k>1`… */
export function requirementString(r: SelectorRequirement): string {
  switch (r.op) {
    case '!':
      return `!${r.key}`;
    case 'exists':
      return r.key;
    case 'in':
    case 'notin':
      return `${r.key} ${r.op} (${r.values.join(',')})`;
    case 'gt':
      return `${r.key}>${r.values.join(',')}`;
    case 'lt':
      return `${r.key}<${r.values.join(',')}`;
    default:
      return `${r.key}${r.op}${r.values.join(',')}`;
  }
}

/** Selector.String(): the requirements (sorted by key when parsed), comma-separated. */
export function selectorString(reqs: readonly SelectorRequirement[]): string {
  return reqs.map(requirementString).join(',');
}

// ---- kubectl's framing ---------------------------------------------------------------------------

/** strings.TrimSpace: kubectl's resource builder trims `-l` (and sends nothing when that leaves ''). */
export function trimSelector(s: string): string {
  return s.replace(/^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g, '');
}

/** The resource builder's own error for a selector applied to objects read from files (it parses it client-side). */
export function clientSelectorError(selector: string, reason: string): string {
  return `error: the provided selector ${goQuote(selector)} is not valid: ${reason}`;
}

/** Go's strconv.Quote (%q): printable characters stay, the rest become escapes. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (cp === 0x20 || /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch)) out += ch;
    else if (cp < 0x80) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp < 0x10000) out += '\\u' + cp.toString(16).padStart(4, '0');
    else out += '\\U' + cp.toString(16).padStart(8, '0');
  }
  return out + '"';
}

/** %#v of a []string. */
function goStrings(values: readonly string[]): string {
  return `[]string{${values.map(goQuote).join(', ')}}`;
}

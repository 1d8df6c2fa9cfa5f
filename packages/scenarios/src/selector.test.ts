// Label selectors as apimachinery parses and matches them: cases from
// k8s.io/apimachinery/pkg/labels/selector_test.go (TestLexer, TestLexerSequence, TestParserLookahead,
// TestSelectorParse, TestSetSelectorParser, TestSelectorMatches, TestRequirementSelectorMatching),
// with the exact messages labels.Parse returns, and kubectl's framing of them.

import { describe, expect, it } from 'vitest';
import type { ParsedArgs } from './args.ts';
import { selectorOfArgs } from './commands/read.ts';
import { findResourceType } from './resources.ts';
import {
  Lexer,
  Parser,
  ParserContext,
  parseSelector,
  scanSelector,
  SelectorError,
  selectorMatchesLabels,
  selectorString,
  Token,
  type SelectorRequirement,
} from './selector.ts';
import { UserError } from './session.ts';

const LABEL_VALUE_ERR =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const NAME_PART_ERR =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const OPERATORS = 'in, notin, =, ==, !=, gt, lt';

describe('Lexer (TestLexer)', () => {
  const cases: [string, Token][] = [
    ['', Token.EndOfString],
    [',', Token.Comma],
    ['notin', Token.NotIn],
    ['in', Token.In],
    ['=', Token.Equals],
    ['==', Token.DoubleEquals],
    ['>', Token.GreaterThan],
    ['<', Token.LessThan],
    // The longest valid token wins.
    ['!', Token.DoesNotExist],
    ['!=', Token.NotEquals],
    ['(', Token.OpenPar],
    [')', Token.ClosedPar],
    // Characters that are not special belong to identifiers.
    ['~', Token.Identifier],
    ['||', Token.Identifier],
  ];
  for (const [s, tok] of cases) {
    it(JSON.stringify(s), () => {
      expect(new Lexer(s).lex()).toEqual({ tok, literal: s });
    });
  }
});

const SEQUENCES: [string, Token[]][] = [
  ['key in ( value )', [Token.Identifier, Token.In, Token.OpenPar, Token.Identifier, Token.ClosedPar]],
  ['key notin ( value )', [Token.Identifier, Token.NotIn, Token.OpenPar, Token.Identifier, Token.ClosedPar]],
  ['key in ( value1, value2 )', [Token.Identifier, Token.In, Token.OpenPar, Token.Identifier, Token.Comma, Token.Identifier, Token.ClosedPar]],
  ['key', [Token.Identifier]],
  ['!key', [Token.DoesNotExist, Token.Identifier]],
  ['()', [Token.OpenPar, Token.ClosedPar]],
  ['', []],
  ['x in (),y', [Token.Identifier, Token.In, Token.OpenPar, Token.ClosedPar, Token.Comma, Token.Identifier]],
  ['== != (), = notin', [Token.DoubleEquals, Token.NotEquals, Token.OpenPar, Token.ClosedPar, Token.Comma, Token.Equals, Token.NotIn]],
  ['key>2', [Token.Identifier, Token.GreaterThan, Token.Identifier]],
  ['key<1', [Token.Identifier, Token.LessThan, Token.Identifier]],
  // Beyond upstream's table: operators run together split into the longest tokens; tabs, CR and LF are blanks.
  ['a===b', [Token.Identifier, Token.DoubleEquals, Token.Equals, Token.Identifier]],
  ['a>=1', [Token.Identifier, Token.GreaterThan, Token.Equals, Token.Identifier]],
  ['!!a', [Token.DoesNotExist, Token.DoesNotExist, Token.Identifier]],
  ['\ta\r\n,\nb', [Token.Identifier, Token.Comma, Token.Identifier]],
];

describe('Lexer sequences (TestLexerSequence)', () => {
  for (const [s, toks] of SEQUENCES) {
    it(JSON.stringify(s), () => {
      const items = scanSelector(s);
      expect(items.at(-1)).toEqual({ tok: Token.EndOfString, literal: '' });
      expect(items.slice(0, -1).map((i) => i.tok)).toEqual(toks);
    });
  }
  it('keeps literals as written', () => {
    expect(scanSelector('key in ( value1, value2 )').map((i) => i.literal)).toEqual(['key', 'in', '(', 'value1', ',', 'value2', ')', '']);
  });
  it('reads NUL as the end, as Go reads 0 past the end', () => {
    expect(scanSelector('\0a').map((i) => i.tok)).toEqual([Token.EndOfString]);
    expect(scanSelector('a\0b').map((i) => i.literal)).toEqual(['a', 'b', '']);
  });
});

describe('Parser lookahead (TestParserLookahead)', () => {
  for (const [s, toks] of SEQUENCES) {
    it(JSON.stringify(s), () => {
      const p = new Parser(s);
      const seen: Token[] = [];
      for (;;) {
        const ahead = p.lookahead(ParserContext.KeyAndOperator);
        const taken = p.consume(ParserContext.KeyAndOperator);
        expect(taken).toEqual(ahead);
        if (ahead.tok === Token.EndOfString) break;
        seen.push(ahead.tok);
      }
      expect(seen).toEqual(toks);
    });
  }
  it('reads in and notin as identifiers where values go', () => {
    const p = new Parser('in notin');
    expect(p.lookahead(ParserContext.Values)).toEqual({ tok: Token.Identifier, literal: 'in' });
    expect(p.lookahead(ParserContext.KeyAndOperator)).toEqual({ tok: Token.In, literal: 'in' });
    p.consume(ParserContext.Values);
    expect(p.consume(ParserContext.Values)).toEqual({ tok: Token.Identifier, literal: 'notin' });
  });
});

describe('selectors that parse (TestSelectorParse, TestSetSelectorParser), as Selector.String() prints them', () => {
  const cases: [string, string][] = [
    ['x=a,y=b,z=c', 'x=a,y=b,z=c'],
    ['', ''],
    ['x!=a,y=b', 'x!=a,y=b'],
    ['x=', 'x='],
    ['x= ', 'x='],
    ['x=,z= ', 'x=,z='],
    ['x= ,z= ', 'x=,z='],
    ['!x', '!x'],
    ['x>1', 'x>1'],
    ['x>1,z<5', 'x>1,z<5'],
    ['x==a', 'x==a'],
    ['pod-template-generation>0', 'pod-template-generation>0'],
    ['x<5', 'x<5'],
    ['\rx', 'x'],
    ['this-is-a-dns.domain.com/key-with-dash', 'this-is-a-dns.domain.com/key-with-dash'],
    ['this-is-another-dns.domain.com/key-with-dash in (so,what)', 'this-is-another-dns.domain.com/key-with-dash in (so,what)'],
    ['0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)', '0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)'],
    ['foo  in\t (abc)', 'foo in (abc)'],
    ['x notin\n (abc)', 'x notin (abc)'],
    ['x  notin\t\t\t(abc,def)', 'x notin (abc,def)'],
    ['x in (abc,def)', 'x in (abc,def)'],
    ['x in (abc,)', 'x in (,abc)'],
    // `()` is one empty value, which labels.Parse accepts.
    ['x in ()', 'x in ()'],
    ['name in ()', 'name in ()'],
    ['x notin (abc,def),bar,z in (),w', 'bar,w,x notin (abc,def),z in ()'],
    ['x,y in (a)', 'x,y in (a)'],
    ['x,y', 'x,y'],
    ['x=a,y!=b,z in (h,i,j)', 'x=a,y!=b,z in (h,i,j)'],
    ['x notin ( )', 'x notin ()'],
    ['x notin (, a)', 'x notin (,a)'],
    ['x in (a,,b)', 'x in (,a,b)'],
    ['x in (b,a,b)', 'x in (a,b)'],
    ['a ', 'a'],
    ['a in (x,y,notin, z,in)', 'a in (in,notin,x,y,z)'],
    ['x in (foo,,baz),y,z notin ()', 'x in (,baz,foo),y,z notin ()'],
    // `in` and `notin` are identifiers where a key or a value goes.
    ['notin=in', 'notin=in'],
    ['in in (in)', 'in in (in)'],
    ['x=a,a=x', 'a=x,x=a'],
  ];
  for (const [s, out] of cases) {
    it(JSON.stringify(s), () => {
      expect(selectorString(parseSelector(s))).toBe(out);
    });
  }
  it('keeps the operator and the sorted, distinct values', () => {
    expect(parseSelector('z notin (b, a, b),!y,x>7,w==v,k')).toEqual<SelectorRequirement[]>([
      { key: 'k', op: 'exists', values: [] },
      { key: 'w', op: '==', values: ['v'] },
      { key: 'x', op: 'gt', values: ['7'] },
      { key: 'y', op: '!', values: [] },
      { key: 'z', op: 'notin', values: ['a', 'b'] },
    ]);
  });
});

describe('selectors labels.Parse refuses, with its message', () => {
  const req = (m: string) => `unable to parse requirement: ${m}`;
  const cases: [string, string][] = [
    ['a b', req(`found 'b', expected: ${OPERATORS}`)],
    ['x nott in (y)', req(`found 'nott', expected: ${OPERATORS}`)],
    ['a (', req(`found '(', expected: ${OPERATORS}`)],
    ['x=a||y=b', req(`values[0][x]: Invalid value: "a||y": ${LABEL_VALUE_ERR}`)],
    ['x==a==b', "found '==', expected: ',' or 'end of string'"],
    ['x=a=b', "found '=', expected: ',' or 'end of string'"],
    ['!x=a', "found '=', expected: ',' or 'end of string'"],
    ['a in (xyz)b notin ()', "found 'b', expected: ',' or 'end of string'"],
    ['x<a', req(`values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`)],
    ['x>', req(`values[0]: Invalid value: "": for 'Gt', 'Lt' operators, the value must be an integer`)],
    ['x>99999999999999999999', req(`values[0]: Invalid value: "99999999999999999999": for 'Gt', 'Lt' operators, the value must be an integer`)],
    ['x>1.5', req(`values[0]: Invalid value: "1.5": for 'Gt', 'Lt' operators, the value must be an integer`)],
    // An integer that is not a label value, and a value that is neither.
    ['x>-1', req(`values[0][x]: Invalid value: "-1": ${LABEL_VALUE_ERR}`)],
    [
      'x>a-',
      req(`[values[0]: Invalid value: "a-": for 'Gt', 'Lt' operators, the value must be an integer, values[0][x]: Invalid value: "a-": ${LABEL_VALUE_ERR}]`),
    ],
    ['x,,y', "found ',', expected: identifier after ','"],
    ['name,', "found '', expected: identifier after ','"],
    ['a in (xyz),', "found '', expected: identifier after ','"],
    ['a,(', "found '(', expected: identifier after ','"],
    [',x,y', "found ',', expected: !, identifier, or 'end of string'"],
    ['(', "found '(', expected: !, identifier, or 'end of string'"],
    ['=a', "found '=', expected: !, identifier, or 'end of string'"],
    ['a in (xyz abc)', req("found 'abc', expected: ',' or ')'")],
    ['a notin(', req("found '', expected: ',', ')' or identifier")],
    ['a in (=)', req("found '=', expected: ',', ')' or identifier")],
    ['x in (a,=)', req("found '=', expected: ',', or identifier")],
    // Go consumes both commas of ',,', so a ')' right after them is refused.
    ['x in (a,,)', req("found ')', expected: ',', or identifier")],
    ['x in (,,)', req("found ')', expected: ',', or identifier")],
    ['x in a', req("found 'a' expected: '('")],
    ['x in', req("found '' expected: '('")],
    ['x=(', req("found '(', expected: identifier")],
    ['x===y', req("found '=', expected: identifier")],
    ['x >= 1', req("found '=', expected: identifier")],
    ['!', req("found '', expected: identifier")],
    ['!!x', req("found '!', expected: identifier")],
    ['!(', req("found '(', expected: identifier")],
    ['name=flu/entd', req(`values[0][name]: Invalid value: "flu/entd": ${LABEL_VALUE_ERR}`)],
    ['x in (b/c,a)', req(`values[1][x]: Invalid value: "b/c": ${LABEL_VALUE_ERR}`)],
    ['y="b"', req(`values[0][y]: Invalid value: "\\"b\\"": ${LABEL_VALUE_ERR}`)],
    [`k=${'v'.repeat(64)}`, req(`values[0][k]: Invalid value: "${'v'.repeat(64)}": must be no more than 63 bytes`)],
    [`k=${'v'.repeat(63)}-`, req(`values[0][k]: Invalid value: "${'v'.repeat(63)}-": must be no more than 63 bytes; ${LABEL_VALUE_ERR}`)],
    ['-a', req(`<nil>: Invalid value: "-a": ${NAME_PART_ERR}`)],
    ['!a_', req(`<nil>: Invalid value: "a_": ${NAME_PART_ERR}`)],
    ['a/=b', req(`<nil>: Invalid value: "a/": name part must be non-empty; ${NAME_PART_ERR}`)],
    ['/a', req('<nil>: Invalid value: "/a": prefix part must be non-empty')],
    [`${'a'.repeat(64)}`, req(`<nil>: Invalid value: "${'a'.repeat(64)}": name part must be no more than 63 bytes`)],
    [
      'Example.com/a in (x)',
      req(
        `<nil>: Invalid value: "Example.com/a": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      ),
    ],
    [
      'a/b/c',
      req(
        `<nil>: Invalid value: "a/b/c": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
      ),
    ],
  ];
  for (const [s, message] of cases) {
    it(JSON.stringify(s), () => {
      expect(() => parseSelector(s)).toThrow(new SelectorError(message));
    });
  }
});

describe('matching (TestSelectorMatches, TestRequirementSelectorMatching)', () => {
  const cases: [string, Record<string, string> | undefined, boolean][] = [
    ['', { x: 'y' }, true],
    ['', undefined, true],
    ['x=y', { x: 'y' }, true],
    ['x=y,z=w', { x: 'y', z: 'w' }, true],
    ['x!=y,z!=w', { x: 'z', z: 'a' }, true],
    ['notin=in', { notin: 'in' }, true],
    ['x', { x: 'z' }, true],
    ['!x', { y: 'z' }, true],
    ['x>1', { x: '2' }, true],
    ['x<1', { x: '0' }, true],
    ['x=z', {}, false],
    ['x=y', { x: 'z' }, false],
    ['x=y,z=w', { x: 'w', z: 'w' }, false],
    ['x!=y,z!=w', { x: 'z', z: 'w' }, false],
    ['x', { y: 'z' }, false],
    ['!x', { x: 'z' }, false],
    ['x>1', { x: '0' }, false],
    ['x<1', { x: '2' }, false],
    ['foo=bar,baz=blah', { foo: 'bar', baz: 'blah' }, true],
    ['foo=bar,foobar=bar,baz=blah', { foo: 'bar', baz: 'blah' }, false],
    ['x in (foo),y notin (alpha)', { x: 'foo', y: 'baz' }, true],
    ['x in (foo),y in (alpha)', { x: 'foo', y: 'baz' }, false],
    ['x notin (),y', { y: '' }, true],
    ['!x,y', { y: '' }, true],
    ['x notin (),!y', { y: '' }, false],
    ['x in ()', { y: 'baz' }, false],
    ['x in ()', { x: '' }, true],
    ['x=', { x: '' }, true],
    ['x!=a', {}, true],
    ['x==a', { x: 'a' }, true],
    // gt/lt compare int64s; a label value that is not one never matches.
    ['z>1', { z: '2' }, true],
    ['z>1', { z: 'v2' }, false],
    ['z>1', { z: '1' }, false],
    ['z<1', { z: '' }, false],
    ['z>1', {}, false],
    ['z<5', { z: '+3' }, true],
    ['z<5', { z: '-7' }, true],
    ['z>9', { z: '010' }, true],
    ['z>9223372036854775806', { z: '9223372036854775807' }, true],
    ['z<9223372036854775807', { z: '9223372036854775808' }, false],
    ['pod-template-generation>0', { 'pod-template-generation': '3' }, true],
    // Inherited properties are not labels.
    ['constructor', {}, false],
    ['!toString', {}, true],
  ];
  for (const [s, labels, want] of cases) {
    it(`${JSON.stringify(s)} on ${JSON.stringify(labels)}`, () => {
      expect(selectorMatchesLabels(parseSelector(s), labels)).toBe(want);
    });
  }
});

describe("kubectl's framing of a selector that does not parse", () => {
  const args = (selector: string, fieldSelector?: string): ParsedArgs => ({
    positional: [],
    flags: new Map([['selector', [selector]], ...(fieldSelector !== undefined ? [['field-selector', [fieldSelector]] as [string, string[]]] : [])]),
  });
  const pods = findResourceType('pods')!;
  const ds = findResourceType('ds')!;

  it('listing a type, the API server refuses it (kubectl sends it with the list)', () => {
    expect(() => selectorOfArgs(args('a b'), pods)).toThrow(
      new UserError(
        `Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "a b", field selector "": unable to parse requirement: found 'b', expected: ${OPERATORS}`,
      ),
    );
    expect(() => selectorOfArgs(args('name,', 'metadata.name=x'), ds)).toThrow(
      new UserError(
        `Error from server (BadRequest): Unable to find "apps/v1, Resource=daemonsets" that match label selector "name,", field selector "metadata.name=x": found '', expected: identifier after ','`,
      ),
    );
  });
  it('the selectors sent are trimmed, as the resource builder trims them', () => {
    expect(() => selectorOfArgs(args(' a b\t', ' x=y '), pods)).toThrow(
      new UserError(
        `Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "a b", field selector "x=y": unable to parse requirement: found 'b', expected: ${OPERATORS}`,
      ),
    );
  });
  it('for objects read from files, the resource builder refuses it itself', () => {
    expect(() => selectorOfArgs(args('name=flu/entd'))).toThrow(
      new UserError(`error: the provided selector "name=flu/entd" is not valid: unable to parse requirement: values[0][name]: Invalid value: "flu/entd": ${LABEL_VALUE_ERR}`),
    );
  });
  it('a selector that parses, or none', () => {
    expect(selectorOfArgs(args('pod-template-generation>0'), pods)).toEqual([{ key: 'pod-template-generation', op: 'gt', values: ['0'] }]);
    expect(selectorOfArgs(args('  '), pods)).toEqual([]);
    expect(selectorOfArgs({ positional: [], flags: new Map() }, pods)).toBeUndefined();
  });
});

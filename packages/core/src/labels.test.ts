import { describe, expect, it } from 'vitest';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import {
  compareGoStrings,
  formatLabels,
  formatLabelSelector,
  formatLabelsOrNone,
  isQualifiedName,
  isValidLabelValue,
  labelSelectorAsSelector,
  matchLabelSelector,
  newRequirement,
  parseInt64,
  requirementMatches,
  requirementsToString,
  selectorMatches,
  validateDNS1123Subdomain,
  validateLabelKey,
  validateLabelValue,
  type Labels,
  type Requirement,
  type Selector,
} from './labels.ts';

/** getRequirement in selector_test.go: a requirement that must parse. */
function req(key: string, op: string, values: readonly string[] = []): Requirement {
  const r = newRequirement(key, op, values);
  if (!r.ok) throw new Error(`newRequirement(${key}, ${op}, ${values.join(',')}) failed: ${r.errors.join('; ')}`);
  return r.requirement;
}

/** The zero labels.Requirement (no key, no operator), which matches nothing. */
const ZERO_REQUIREMENT = { key: '', operator: '', values: [], bound: 0 } as unknown as Requirement;

function sel(...requirements: Requirement[]): Selector {
  return { matchesNothing: false, requirements };
}

describe('label keys', () => {
  // mirrors TestIsQualifiedName in apimachinery/pkg/util/validation/validation_test.go (TestIsLabelKey in content/kube_test.go)
  const valid = [
    'simple',
    'now-with-dashes',
    '1-starts-with-num',
    '1234',
    'simple/simple',
    'now-with-dashes/simple',
    'now-with-dashes/now-with-dashes',
    'now.with.dots/simple',
    'now-with.dashes-and.dots/simple',
    '1-num.2-num/3-num',
    '1234/5678',
    '1.2.3.4/5678',
    'Uppercase_Is_OK_123',
    'example.com/Uppercase_Is_OK_123',
    'requests.storage-foo',
    'a'.repeat(63),
    `${'a'.repeat(253)}/${'b'.repeat(63)}`,
  ];
  for (const key of valid) {
    it(`accepts ${JSON.stringify(key.length > 40 ? `${key.slice(0, 20)}…(${key.length})` : key)}`, () => {
      expect(validateLabelKey(key)).toEqual([]);
      expect(isQualifiedName(key)).toBe(true);
    });
  }
  const invalid = [
    'nospecialchars%^=@',
    'cantendwithadash-',
    '-cantstartwithadash-',
    'only/one/slash',
    'Example.com/abc',
    'example_com/abc',
    'example.com/',
    '/simple',
    'a'.repeat(64),
    `${'a'.repeat(254)}/abc`,
    '',
    'invalid key',
  ];
  for (const key of invalid) {
    it(`rejects ${JSON.stringify(key.length > 40 ? `${key.slice(0, 20)}…(${key.length})` : key)}`, () => {
      expect(validateLabelKey(key).length).toBeGreaterThan(0);
      expect(isQualifiedName(key)).toBe(false);
    });
  }

  it('words errors like apimachinery', () => {
    // the Detail in TestNodeSelectorMatch (nodeaffinity_test.go) for key "invalid key"
    expect(validateLabelKey('invalid key')).toEqual([
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]);
    expect(validateLabelKey('a'.repeat(64))).toEqual(['name part must be no more than 63 characters']);
    expect(validateLabelKey('/simple')).toEqual(['prefix part must be non-empty']);
    expect(validateLabelKey('example.com/')).toEqual([
      'name part must be non-empty',
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]);
    expect(validateLabelKey('Example.com/abc')).toEqual([
      "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
    expect(validateLabelKey('only/one/slash')[0]).toMatch(/^a qualified name must consist of/);
  });
});

describe('DNS-1123 subdomains', () => {
  // mirrors TestIsDNS1123Subdomain in apimachinery/pkg/util/validation/validation_test.go
  const good = ['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', '0', '01', '012', '1a', '1-a', '1--a--b--2', 'a.a', 'ab.a', 'a1.a', '0.a', 'a.b.c.d.e', 'aa.bb.cc.dd.ee', '1.2.3.4.5', 'a'.repeat(253)];
  for (const v of good) it(`accepts ${v.length > 20 ? `a×${v.length}` : v}`, () => expect(validateDNS1123Subdomain(v)).toEqual([]));
  const bad = ['', 'A', 'ABC', 'aBc', 'A1', 'A-1', '1-A', '-', 'a-', '-a', '1-', '-1', '_', 'a_', '_a', 'a_b', '1_', '_1', '1_2', '.', 'a.', '.a', 'a..b', '1.', '.1', '1..2', ' ', 'a ', ' a', 'a b', '1 ', ' 1', '1 2', 'A.a', 'aB.a', 'ab.A', 'A1.a', 'a1.A', 'A.1', 'aB.1', 'A1.1', '1A.1', '0.A', '01.A', '012.A', '1A.a', '1a.A', 'A.B.C.D.E', 'AA.BB.CC.DD.EE', 'a.B.c.d.e', 'aa.bB.cc.dd.ee', 'a@b', 'a,b', 'a_b', 'a;b', 'a:b', 'a%b', 'a?b', 'a$b', 'a'.repeat(254)];
  for (const v of bad) it(`rejects ${JSON.stringify(v.length > 20 ? `a×${v.length}` : v)}`, () => expect(validateDNS1123Subdomain(v).length).toBeGreaterThan(0));
});

describe('label values', () => {
  // mirrors TestIsValidLabelValue in apimachinery/pkg/util/validation/validation_test.go (TestIsLabelValue in content/kube_test.go)
  const valid = [
    'simple',
    'now-with-dashes',
    '1-starts-with-num',
    'end-with-num-1',
    '1234',
    'a'.repeat(63),
    '',
    'Upper_and.dots-1',
  ];
  for (const v of valid) {
    it(`accepts ${JSON.stringify(v)}`, () => {
      expect(validateLabelValue(v)).toEqual([]);
      expect(isValidLabelValue(v)).toBe(true);
    });
  }
  const invalid = [
    'nospecialchars%^=@',
    'Tama-nui-te-rā.is.Māori.sun',
    '\\backslashes\\are\\bad',
    '-starts-with-dash',
    'ends-with-dash-',
    '.starts.with.dot',
    'ends.with.dot.',
    'a'.repeat(64),
    '-1',
    '+1',
    'a b',
    'invalid value: ___@#$%^',
  ];
  for (const v of invalid) {
    it(`rejects ${JSON.stringify(v)}`, () => {
      expect(validateLabelValue(v).length).toBeGreaterThan(0);
      expect(isValidLabelValue(v)).toBe(false);
    });
  }
  it('words errors like apimachinery', () => {
    expect(validateLabelValue('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
    expect(validateLabelValue('-1')).toEqual([
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ]);
  });
});

describe('parseInt64 (strconv.ParseInt(s, 10, 64))', () => {
  const cases: [string, number | bigint | undefined][] = [
    ['0', 0],
    ['1', 1],
    ['0206', 206],
    ['0204', 204],
    ['+5', 5],
    ['-1', -1],
    ['123456789012345', 123456789012345],
    ['1234567890123456', 1234567890123456n],
    ['9223372036854775807', 9223372036854775807n],
    ['-9223372036854775808', -9223372036854775808n],
    ['00000000000000000000000000001', 1n],
    ['9223372036854775808', undefined],
    ['-9223372036854775809', undefined],
    ['', undefined],
    ['+', undefined],
    ['-', undefined],
    ['1.5', undefined],
    ['abc', undefined],
    ['v2', undefined],
    ['1_000', undefined],
    [' 1', undefined],
    ['1 ', undefined],
    ['0x10', undefined],
    ['1e3', undefined],
  ];
  for (const [input, want] of cases) {
    it(`${JSON.stringify(input)} → ${String(want)}`, () => expect(parseInt64(input)).toBe(want));
  }
  it('compares big and small bounds exactly', () => {
    const big = parseInt64('9007199254740993');
    expect(typeof big).toBe('bigint');
    expect((big as bigint) > 9007199254740992).toBe(true);
  });
});

describe('newRequirement', () => {
  // mirrors TestRequirementConstructor in apimachinery/pkg/labels/selector_test.go (values are sets.String.List(), so sorted)
  const constructorCases: { key: string; op: string; vals: string[]; success: boolean }[] = [
    { key: 'x', op: 'In', vals: [], success: false },
    { key: 'x', op: 'NotIn', vals: [], success: false },
    { key: 'x', op: 'In', vals: ['foo'], success: true },
    { key: 'x', op: 'NotIn', vals: ['foo'], success: true },
    { key: 'x', op: 'Exists', vals: [], success: true },
    { key: 'x', op: 'DoesNotExist', vals: [], success: true },
    { key: '1foo', op: 'In', vals: ['bar'], success: true },
    { key: '1234', op: 'In', vals: ['bar'], success: true },
    { key: 'y', op: 'Gt', vals: ['1'], success: true },
    { key: 'z', op: 'Lt', vals: ['6'], success: true },
    { key: 'foo', op: 'Gt', vals: ['bar'], success: false },
    { key: 'barz', op: 'Lt', vals: ['blah'], success: false },
    { key: 'a'.repeat(254), op: 'Exists', vals: [], success: false },
  ];
  // the parse errors listed in kubernetes-daemonset.md §3b, plus the exact-match forms
  const moreCases: { key: string; op: string; vals: string[]; success: boolean }[] = [
    { key: 'x', op: 'Exists', vals: ['a'], success: false },
    { key: 'x', op: 'DoesNotExist', vals: ['a'], success: false },
    { key: 'x', op: 'Gt', vals: [], success: false },
    { key: 'x', op: 'Gt', vals: ['1', '2'], success: false },
    { key: 'x', op: 'Lt', vals: ['1.5'], success: false },
    { key: 'x', op: 'Gt', vals: ['abc'], success: false },
    { key: 'x', op: 'Gt', vals: ['-1'], success: false },
    { key: 'x', op: 'Gt', vals: ['+1'], success: false },
    { key: 'x', op: 'Gt', vals: ['0204'], success: true },
    { key: 'x', op: 'Lt', vals: ['9223372036854775807'], success: true },
    { key: 'x', op: 'Lt', vals: ['9223372036854775808'], success: false },
    { key: 'x', op: 'In', vals: [''], success: true },
    { key: 'x', op: 'In', vals: ['a', 'b', 'c'], success: true },
    { key: 'x', op: 'In', vals: ['a b'], success: false },
    { key: 'x', op: 'NotIn', vals: ['invalid value: ___@#$%^'], success: false },
    { key: 'x', op: 'In', vals: ['a'.repeat(64)], success: false },
    { key: 'invalid key', op: 'In', vals: ['a'], success: false },
    { key: '', op: 'Exists', vals: [], success: false },
    { key: 'example.com/x', op: 'Exists', vals: [], success: true },
    { key: 'x', op: 'Equals', vals: ['a'], success: true },
    { key: 'x', op: 'Equals', vals: [], success: false },
    { key: 'x', op: 'NotEquals', vals: ['a', 'b'], success: false },
    { key: 'x', op: 'Foo', vals: ['a'], success: false },
    { key: 'x', op: 'in', vals: ['a'], success: false },
    { key: 'x', op: '', vals: [], success: false },
  ];
  for (const c of [...constructorCases, ...moreCases]) {
    it(`${c.key.length > 20 ? `a×${c.key.length}` : c.key} ${c.op} [${c.vals.join(',')}] → ${c.success ? 'ok' : 'error'}`, () => {
      expect(newRequirement(c.key, c.op, c.vals).ok).toBe(c.success);
    });
  }

  it('collects every error, with field paths', () => {
    const r = newRequirement('invalid key', 'Gt', ['abc', '-1'], 'root[0]');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.split(':')[0])).toEqual([
      'root[0].key',
      'root[0].values',
      'root[0].values[0]',
      'root[0].values[1][invalid key]',
    ]);
    expect(r.errors[1]).toContain("for 'Gt', 'Lt' operators, exactly one value is required");
    expect(r.errors[2]).toContain("for 'Gt', 'Lt' operators, the value must be an integer");
  });

  it('treats null values as none', () => {
    expect(newRequirement('x', 'Exists', null).ok).toBe(true);
    expect(newRequirement('x', 'In', undefined).ok).toBe(false);
  });

  it('keeps the parsed Gt/Lt bound', () => {
    expect(req('x', 'Gt', ['0204']).bound).toBe(204);
    expect(req('x', 'Lt', ['9223372036854775807']).bound).toBe(9223372036854775807n);
  });
});

describe('requirementsToString', () => {
  // mirrors TestToString in apimachinery/pkg/labels/selector_test.go
  const cases: { in: Requirement[]; out: string }[] = [
    { in: [req('x', 'In', ['abc', 'def']), req('y', 'NotIn', ['jkl']), req('z', 'Exists')], out: 'x in (abc,def),y notin (jkl),z' },
    { in: [req('x', 'NotIn', ['abc', 'def']), req('y', 'NotEquals', ['jkl']), req('z', 'DoesNotExist')], out: 'x notin (abc,def),y!=jkl,!z' },
    { in: [req('x', 'In', ['abc', 'def']), ZERO_REQUIREMENT], out: 'x in (abc,def),' },
    { in: [req('x', 'NotIn', ['abc']), req('y', 'In', ['jkl', 'mno']), req('z', 'NotIn', [''])], out: 'x notin (abc),y in (jkl,mno),z notin ()' },
    { in: [req('x', 'Equals', ['abc']), req('y', 'DoubleEquals', ['jkl']), req('z', 'NotEquals', ['a']), req('z', 'Exists')], out: 'x=abc,y==jkl,z!=a,z' },
    { in: [req('x', 'Gt', ['2']), req('y', 'Lt', ['8']), req('z', 'Exists')], out: 'x>2,y<8,z' },
    // safeSort: several values are printed sorted (duplicates kept) without touching the requirement
    { in: [req('x', 'In', ['foo', 'bar', 'foo', 'bar'])], out: 'x in (bar,bar,foo,foo)' },
    { in: [req('x', 'Gt', ['0204'])], out: 'x>0204' },
    { in: [], out: '' },
  ];
  cases.forEach((c, i) => {
    it(`case ${i}: ${c.out}`, () => expect(requirementsToString(c.in)).toBe(c.out));
  });
  it('does not reorder the requirement values (TestSafeSort)', () => {
    const r = req('x', 'In', ['foo', 'bar']);
    requirementsToString([r]);
    expect(r.values).toEqual(['foo', 'bar']);
  });
});

describe('requirement matching', () => {
  // mirrors TestRequirementSelectorMatching in apimachinery/pkg/labels/selector_test.go
  const cases: { set: Record<string, string>; sel: Selector; match: boolean }[] = [
    { set: { x: 'foo', y: 'baz' }, sel: sel(ZERO_REQUIREMENT), match: false },
    { set: { x: 'foo', y: 'baz' }, sel: sel(req('x', 'In', ['foo']), req('y', 'NotIn', ['alpha'])), match: true },
    { set: { x: 'foo', y: 'baz' }, sel: sel(req('x', 'In', ['foo']), req('y', 'In', ['alpha'])), match: false },
    { set: { y: '' }, sel: sel(req('x', 'NotIn', ['']), req('y', 'Exists')), match: true },
    { set: { y: '' }, sel: sel(req('x', 'DoesNotExist'), req('y', 'Exists')), match: true },
    { set: { y: '' }, sel: sel(req('x', 'NotIn', ['']), req('y', 'DoesNotExist')), match: false },
    { set: { y: 'baz' }, sel: sel(req('x', 'In', [''])), match: false },
    { set: { z: '2' }, sel: sel(req('z', 'Gt', ['1'])), match: true },
    { set: { z: 'v2' }, sel: sel(req('z', 'Gt', ['1'])), match: false },
  ];
  cases.forEach((c, i) => {
    it(`TestRequirementSelectorMatching case ${i}`, () => expect(selectorMatches(c.sel, c.set)).toBe(c.match));
  });

  // mirrors TestSelectorMatches in apimachinery/pkg/labels/selector_test.go (selectors built instead of parsed)
  const labelset = { foo: 'bar', baz: 'blah' };
  const selectorCases: { name: string; sel: Selector; set: Record<string, string>; match: boolean }[] = [
    { name: '"" matches', sel: sel(), set: { x: 'y' }, match: true },
    { name: 'x=y', sel: sel(req('x', 'Equals', ['y'])), set: { x: 'y' }, match: true },
    { name: 'x=y,z=w', sel: sel(req('x', 'Equals', ['y']), req('z', 'Equals', ['w'])), set: { x: 'y', z: 'w' }, match: true },
    { name: 'x!=y,z!=w', sel: sel(req('x', 'NotEquals', ['y']), req('z', 'NotEquals', ['w'])), set: { x: 'z', z: 'a' }, match: true },
    { name: 'notin=in', sel: sel(req('notin', 'Equals', ['in'])), set: { notin: 'in' }, match: true },
    { name: 'x', sel: sel(req('x', 'Exists')), set: { x: 'z' }, match: true },
    { name: '!x', sel: sel(req('x', 'DoesNotExist')), set: { y: 'z' }, match: true },
    { name: 'x>1', sel: sel(req('x', 'Gt', ['1'])), set: { x: '2' }, match: true },
    { name: 'x<1', sel: sel(req('x', 'Lt', ['1'])), set: { x: '0' }, match: true },
    { name: 'x=z on {}', sel: sel(req('x', 'Equals', ['z'])), set: {}, match: false },
    { name: 'x=y on x=z', sel: sel(req('x', 'Equals', ['y'])), set: { x: 'z' }, match: false },
    { name: 'x=y,z=w on x=w', sel: sel(req('x', 'Equals', ['y']), req('z', 'Equals', ['w'])), set: { x: 'w', z: 'w' }, match: false },
    { name: 'x!=y,z!=w on z=w', sel: sel(req('x', 'NotEquals', ['y']), req('z', 'NotEquals', ['w'])), set: { x: 'z', z: 'w' }, match: false },
    { name: 'x on y', sel: sel(req('x', 'Exists')), set: { y: 'z' }, match: false },
    { name: '!x on x', sel: sel(req('x', 'DoesNotExist')), set: { x: 'z' }, match: false },
    { name: 'x>1 on 0', sel: sel(req('x', 'Gt', ['1'])), set: { x: '0' }, match: false },
    { name: 'x<1 on 2', sel: sel(req('x', 'Lt', ['1'])), set: { x: '2' }, match: false },
    { name: 'foo=bar', sel: sel(req('foo', 'Equals', ['bar'])), set: labelset, match: true },
    { name: 'baz=blah', sel: sel(req('baz', 'Equals', ['blah'])), set: labelset, match: true },
    { name: 'foo=bar,baz=blah', sel: sel(req('foo', 'Equals', ['bar']), req('baz', 'Equals', ['blah'])), set: labelset, match: true },
    { name: 'foo=blah', sel: sel(req('foo', 'Equals', ['blah'])), set: labelset, match: false },
    { name: 'baz=bar', sel: sel(req('baz', 'Equals', ['bar'])), set: labelset, match: false },
    {
      name: 'foo=bar,foobar=bar,baz=blah',
      sel: sel(req('foo', 'Equals', ['bar']), req('foobar', 'Equals', ['bar']), req('baz', 'Equals', ['blah'])),
      set: labelset,
      match: false,
    },
  ];
  for (const c of selectorCases) it(`TestSelectorMatches ${c.name}`, () => expect(selectorMatches(c.sel, c.set)).toBe(c.match));

  // Requirement.Matches for every operator, including the integer comparisons of §3b
  const opCases: { name: string; r: Requirement; labels: Labels; match: boolean }[] = [
    { name: 'In present listed', r: req('k', 'In', ['a', 'b']), labels: { k: 'b' }, match: true },
    { name: 'In present unlisted', r: req('k', 'In', ['a', 'b']), labels: { k: 'c' }, match: false },
    { name: 'In absent', r: req('k', 'In', ['a']), labels: {}, match: false },
    { name: 'In no labels', r: req('k', 'In', ['a']), labels: undefined, match: false },
    { name: 'In empty value', r: req('k', 'In', ['']), labels: { k: '' }, match: true },
    { name: 'NotIn absent', r: req('k', 'NotIn', ['a']), labels: {}, match: true },
    { name: 'NotIn no labels', r: req('k', 'NotIn', ['a']), labels: undefined, match: true },
    { name: 'NotIn listed', r: req('k', 'NotIn', ['a']), labels: { k: 'a' }, match: false },
    { name: 'NotIn unlisted', r: req('k', 'NotIn', ['a']), labels: { k: 'b' }, match: true },
    { name: 'Exists present', r: req('k', 'Exists'), labels: { k: '' }, match: true },
    { name: 'Exists absent', r: req('k', 'Exists'), labels: { j: 'k' }, match: false },
    { name: 'DoesNotExist absent', r: req('k', 'DoesNotExist'), labels: {}, match: true },
    { name: 'DoesNotExist present', r: req('k', 'DoesNotExist'), labels: { k: 'x' }, match: false },
    { name: 'Gt leading zeros', r: req('kernel-version', 'Gt', ['0204']), labels: { 'kernel-version': '0206' }, match: true },
    { name: 'Gt strict', r: req('k', 'Gt', ['5']), labels: { k: '5' }, match: false },
    { name: 'Lt strict', r: req('k', 'Lt', ['5']), labels: { k: '5' }, match: false },
    { name: 'Lt smaller', r: req('k', 'Lt', ['5']), labels: { k: '4' }, match: true },
    { name: 'Gt absent', r: req('k', 'Gt', ['1']), labels: {}, match: false },
    { name: 'Gt node value 1.5', r: req('k', 'Gt', ['1']), labels: { k: '1.5' }, match: false },
    { name: 'Gt node value abc', r: req('k', 'Gt', ['1']), labels: { k: 'abc' }, match: false },
    { name: 'Gt node value empty', r: req('k', 'Gt', ['0']), labels: { k: '' }, match: false },
    { name: 'Lt negative node value', r: req('k', 'Lt', ['0']), labels: { k: '-3' }, match: true },
    { name: 'Gt int64 max', r: req('k', 'Gt', ['9223372036854775806']), labels: { k: '9223372036854775807' }, match: true },
    { name: 'Gt beyond int64', r: req('k', 'Lt', ['1']), labels: { k: '-9223372036854775809' }, match: false },
    { name: 'Gt exact above 2^53', r: req('k', 'Gt', ['9007199254740992']), labels: { k: '9007199254740993' }, match: true },
    { name: 'inherited property is not a label', r: req('constructor', 'Exists'), labels: {}, match: false },
    { name: 'own constructor label', r: req('constructor', 'In', ['x']), labels: { constructor: 'x' }, match: true },
    { name: 'toString is not a label', r: req('toString', 'NotIn', ['x']), labels: {}, match: true },
  ];
  for (const c of opCases) it(c.name, () => expect(requirementMatches(c.r, c.labels)).toBe(c.match));
});

describe('metav1.LabelSelector', () => {
  // mirrors TestLabelSelectorAsSelector in apimachinery/pkg/apis/meta/v1/helpers_test.go (String() compared)
  const matchLabels = { foo: 'bar' };
  const matchExpressions = [{ key: 'baz', operator: 'In', values: ['qux', 'norf'] }];
  const cases: { in: LabelSelector | undefined; out: string; err: boolean; nothing?: boolean }[] = [
    { in: undefined, out: '', err: false, nothing: true },
    { in: {}, out: '', err: false },
    { in: { matchLabels }, out: 'foo=bar', err: false },
    { in: { matchExpressions }, out: 'baz in (norf,qux)', err: false },
    { in: { matchLabels, matchExpressions }, out: 'baz in (norf,qux),foo=bar', err: false },
    { in: { matchExpressions: [{ key: 'baz', operator: 'Exists', values: ['qux', 'norf'] }] }, out: '', err: true },
  ];
  cases.forEach((c, i) => {
    it(`TestLabelSelectorAsSelector case ${i}: ${c.out || (c.err ? 'error' : 'empty')}`, () => {
      const copy = JSON.stringify(c.in);
      const result = labelSelectorAsSelector(c.in);
      expect(JSON.stringify(c.in)).toBe(copy);
      expect(result.ok).toBe(!c.err);
      if (result.ok) {
        expect(requirementsToString(result.selector.requirements)).toBe(c.out);
        expect(result.selector.matchesNothing).toBe(c.nothing === true);
      }
    });
  });

  it('rejects operators a LabelSelector does not have', () => {
    const r = labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] });
    expect(r).toEqual({ ok: false, error: '"Gt" is not a valid pod selector operator' });
  });

  const matchCases: { name: string; selector: LabelSelector | undefined; labels: Labels; match: boolean }[] = [
    { name: 'nil selector matches nothing', selector: undefined, labels: { a: 'b' }, match: false },
    { name: 'nil selector matches nothing, even no labels', selector: undefined, labels: undefined, match: false },
    { name: '{} matches everything', selector: {}, labels: { a: 'b' }, match: true },
    { name: '{} matches no labels', selector: {}, labels: undefined, match: true },
    { name: 'empty maps and lists match everything', selector: { matchLabels: {}, matchExpressions: [] }, labels: {}, match: true },
    { name: 'matchLabels subset', selector: { matchLabels: { app: 'foo' } }, labels: { app: 'foo', tier: 'a' }, match: true },
    { name: 'matchLabels wrong value', selector: { matchLabels: { app: 'foo' } }, labels: { app: 'bar' }, match: false },
    { name: 'matchLabels missing key', selector: { matchLabels: { app: 'foo', tier: 'a' } }, labels: { app: 'foo' }, match: false },
    {
      name: 'matchLabels and expressions ANDed',
      selector: { matchLabels: { app: 'foo' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] },
      labels: { app: 'foo', tier: 'b' },
      match: true,
    },
    {
      name: 'expression fails',
      selector: { matchLabels: { app: 'foo' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] },
      labels: { app: 'foo', tier: 'c' },
      match: false,
    },
    { name: 'NotIn absent', selector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['a'] }] }, labels: {}, match: true },
    { name: 'Exists', selector: { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, labels: { tier: '' }, match: true },
    { name: 'DoesNotExist', selector: { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, labels: { tier: '' }, match: false },
    { name: 'invalid operator matches nothing', selector: { matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }, labels: { a: '5' }, match: false },
    { name: 'invalid key matches nothing', selector: { matchLabels: { 'bad key': 'x' } }, labels: { 'bad key': 'x' }, match: false },
    { name: 'invalid value matches nothing', selector: { matchLabels: { k: '-x' } }, labels: { k: '-x' }, match: false },
    { name: 'In without values matches nothing', selector: { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }, labels: { a: '' }, match: false },
  ];
  for (const c of matchCases) it(c.name, () => expect(matchLabelSelector(c.selector, c.labels)).toBe(c.match));

  it('caches per selector object', () => {
    const s: LabelSelector = { matchLabels: { a: 'b' } };
    expect(labelSelectorAsSelector(s)).toBe(labelSelectorAsSelector(s));
  });
});

describe('formatLabelSelector (metav1.FormatLabelSelector)', () => {
  const cases: { name: string; selector: LabelSelector | undefined; out: string }[] = [
    { name: 'nil', selector: undefined, out: '<none>' },
    { name: 'empty', selector: {}, out: '<none>' },
    { name: 'empty maps', selector: { matchLabels: {}, matchExpressions: [] }, out: '<none>' },
    { name: 'one label', selector: { matchLabels: { app: 'foo' } }, out: 'app=foo' },
    { name: 'labels sorted by key', selector: { matchLabels: { tier: 'a', app: 'foo', name: 'x' } }, out: 'app=foo,name=x,tier=a' },
    {
      name: 'label plus expression',
      selector: { matchLabels: { app: 'foo' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }] },
      out: 'app=foo,tier in (a,b)',
    },
    {
      name: 'expressions sorted among labels by key',
      selector: {
        matchLabels: { b: '1' },
        matchExpressions: [
          { key: 'c', operator: 'DoesNotExist' },
          { key: 'a', operator: 'Exists' },
          { key: 'b', operator: 'NotIn', values: ['z', 'y'] },
        ],
      },
      out: 'a,b=1,b notin (y,z),!c',
    },
    {
      name: 'key order is bytewise (uppercase first, "-" before ".")',
      selector: { matchLabels: { b: '1', B: '2', 'a.b': '3', 'a-b': '4' } },
      out: 'B=2,a-b=4,a.b=3,b=1',
    },
    { name: 'prefixed keys sort by the full key', selector: { matchLabels: { 'x.io/app': '1', app: '2', 'a.io/z': '3' } }, out: 'a.io/z=3,app=2,x.io/app=1' },
    { name: 'single value In keeps its value', selector: { matchExpressions: [{ key: 'k', operator: 'In', values: ['v'] }] }, out: 'k in (v)' },
    { name: 'empty value', selector: { matchLabels: { k: '' } }, out: 'k=' },
    { name: 'invalid operator', selector: { matchExpressions: [{ key: 'k', operator: 'Gt', values: ['1'] }] }, out: '<error>' },
    { name: 'invalid key', selector: { matchLabels: { 'a/b/c': 'x' } }, out: '<error>' },
    { name: 'Exists with values', selector: { matchExpressions: [{ key: 'k', operator: 'Exists', values: ['x'] }] }, out: '<error>' },
  ];
  for (const c of cases) it(c.name, () => expect(formatLabelSelector(c.selector)).toBe(c.out));
});

describe('formatLabels (labels.Set.String)', () => {
  const cases: { name: string; labels: Labels; out: string; orNone: string }[] = [
    { name: 'undefined', labels: undefined, out: '', orNone: '<none>' },
    { name: 'empty', labels: {}, out: '', orNone: '<none>' },
    { name: 'one', labels: { app: 'foo' }, out: 'app=foo', orNone: 'app=foo' },
    { name: 'sorted', labels: { tier: 'b', app: 'foo' }, out: 'app=foo,tier=b', orNone: 'app=foo,tier=b' },
    // Set.String sorts the joined "k=v" strings, so '-' (0x2d) < '=' (0x3d) puts a-b before a
    { name: 'sorts whole pairs, not keys', labels: { a: '1', 'a-b': '2' }, out: 'a-b=2,a=1', orNone: 'a-b=2,a=1' },
    { name: 'uppercase first', labels: { b: '1', B: '2' }, out: 'B=2,b=1', orNone: 'B=2,b=1' },
    { name: 'empty value', labels: { k: '' }, out: 'k=', orNone: 'k=' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(formatLabels(c.labels)).toBe(c.out);
      expect(formatLabelsOrNone(c.labels)).toBe(c.orNone);
    });
  }
});

describe('compareGoStrings', () => {
  const cases: [string, string, number][] = [
    ['a', 'b', -1],
    ['b', 'a', 1],
    ['a', 'a', 0],
    ['a', 'ab', -1],
    ['B', 'a', -1],
    ['a-b=2', 'a=1', -1],
    // U+FFFD (3 UTF-8 bytes, EF BF BD) sorts before U+1F600 (4 bytes, F0 …) in Go, though not by UTF-16 code units
    ['\uFFFD', '\u{1F600}', -1],
    ['\u{1F600}', '\uE000', 1],
  ];
  for (const [a, b, want] of cases) {
    it(`${JSON.stringify(a)} vs ${JSON.stringify(b)}`, () => expect(Math.sign(compareGoStrings(a, b))).toBe(want));
  }
});

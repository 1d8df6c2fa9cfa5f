import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatNumber, keyLess, kubectlYaml } from './yaml.ts';

// Golden outputs are real kubectl output (v1.32.4, run offline), embedded below. Each case's value
// was wrapped as {apiVersion: v1, kind: Foo, metadata: {labels: {}, name: x}, v: VALUE}, written as
// JSON (non-ASCII as \u escapes) and printed with `kubectl label --local -f case.json -o yaml x-`:
// removing a label that is not there leaves the object as it was, and kubectl prints it the way
// `kubectl get -o yaml` does (JSON, then sigs.k8s.io/yaml, i.e. go-yaml v2). The ConfigMaps come
// from `kubectl create configmap --dry-run=client -o yaml`, the DaemonSet from kube-flannel.yml.

const HEAD = 'apiVersion: v1\nkind: Foo\nmetadata:\n  labels: {}\n  name: x\n';
const wrap = (v: unknown): unknown => ({ apiVersion: 'v1', kind: 'Foo', metadata: { labels: {}, name: 'x' }, v });
const indent = (entry: string): string => entry.split('\n').map((l) => (l === '' || l.startsWith('\u2028') ? l : `  ${l}`)).join('\n');
const words = (n: number, w = 'word'): string => Array(n).fill(w).join(' ');
const foldIn = (v: string): unknown => ({ top: v, nest: { deeper: { key: v } }, list: [v, [v, { m: v }]] });

/** The values of the whole-document goldens (GOLDEN_DOCS holds kubectl's output for each). */
const DOC_VALUES: Readonly<Record<string, unknown>> = {
  float: [1.5, 1234567.5, 1e-7, 1.0, 1e20, 1e21, 0.1, -2.5, 100000.5, 123456.7, 0.0001, 0.00001, -0, 2 ** 63, 2 ** 64, -(2 ** 63), -(2 ** 63) - 4096, 1e300, 5e-324, 1.7976931348623157e308, 999999.9, 0.000123, 2 ** 53 + 2, 123456789012, -1, 0, 3.14159, 1 / 3, 2e-300],
  structures: { a: { b: { c: 1 } }, l: [[1, 2], [], {}, [[]], [{}], [[1]], [{ a: 1 }]], lm: [{ a: 1, b: [1] }, { c: { d: 'x' } }, { e: [{ f: [] }] }], e: {}, el: [], n: null, t: true, f: false, nl: [null, true, false, 0, '', 's'], deep: { l: [{ l: [{ l: [1] }] }] } },
  rootList: [{ a: 1 }, [], {}, 'x'],
  seqInSeq: [[[['a', 'b\nc']]], [{ k: ['x'] }], [[]], [{}]],
  multiline: ['a\nb', 'a\nb\n', 'a\nb\n\n', '\n', '\n\n', 'a\n', ' a\nb', '\na', 'a\n\n  b\n', 'a \nb', 'a\n b', 'a\nb ', 'a\r\nb', 'a\tb\nc', 'é\nü', '😀\nx', 'a\n\u2028b', '  lead\n', '\n\nx', 'x\n\n', '#x\ny', '- a\n- b', 'key: v\nk2: v2', 'a\n\n\n', words(30) + '\n' + words(30), "'q'\n\"d\"", 'a\n\tb', 'a\n\u0085b', 'yes\nno', '\n ', ' \n', '\n\u00a0', 'x\n\ufeff'],
  lead: ['\na', ' a\nb', '\n', '\n\n', 'a\n', 'a\n\n', '\u2028a\nb', 'a\u2028b', ' a\u2028b', 'x\u2029y z', words(20) + '\u2028' + words(20)],
  mlkey: { 'a\nb': 1, 'c\n': { x: 1 }, 'd\n': [1, 2], ' e\n': 'v', 'f \n': 'w' },
  long128: { ['k'.repeat(128)]: 1, ['k'.repeat(129)]: 'v', ['é'.repeat(65)]: 2, ['é'.repeat(64)]: 3, ['k'.repeat(129) + 'x']: { a: 1 }, ['k'.repeat(129) + 'y']: [1, 2], ['k'.repeat(129) + 'z']: {}, ['#' + 'k'.repeat(129)]: [] },
  foldPlain: foldIn(words(40)),
  foldPlain2: foldIn(words(20, 'abcdefghij')),
  foldSingle: foldIn('#' + words(40)),
  foldSingleQuote: foldIn("it's: " + words(40, "o'k")),
  foldDouble: foldIn('\t' + words(40)),
  foldDoubleSpaces: foldIn('\t' + words(15) + '   ' + words(15) + '  x  ' + words(15)),
  foldDoubleML: foldIn(words(20) + ' \n' + words(20)),
  foldDoubleEsc: foldIn('é\u0001 ' + words(10, 'x\u0001y\ttab') + ' ' + words(20, '😀')),
  foldSpaces: foldIn(words(15) + '  ' + words(15) + '    ' + words(15)),
  foldLongWord: foldIn('x'.repeat(100) + ' ' + 'y'.repeat(100) + ' z'),
  foldUnicode: foldIn(words(40, 'éé')),
  foldExact: Object.fromEntries([76, 77, 78, 79, 80, 81, 82, 83].map((n) => ['k' + n, 'a'.repeat(n - 10) + ' b c'])),
  foldKeys: { [words(20)]: words(20), ['#' + words(20)]: 1, ['\t' + words(20)]: 2, [words(30)]: words(30), [words(10) + '\n' + words(10)]: 3 },
  foldLiteral: { lit: words(40) + '\n' + words(40) },
  foldNested: (() => {
    let v: unknown = { mm: words(12) + ' ' + words(5, 'x y') };
    for (let i = 0; i < 40; i++) v = { ['k' + i]: v };
    return v;
  })(),
};

describe('kubectlYaml matches kubectl', () => {
  it('quotes string values as kubectl does', () => {
    const v = Object.fromEntries(VALUE_STYLES.map(([s], i) => [`k${String(i).padStart(3, '0')}`, s]));
    const want = VALUE_STYLES.map(([, out], i) => indent(`k${String(i).padStart(3, '0')}: ${out}`)).join('\n');
    expect(kubectlYaml(wrap(v))).toBe(`${HEAD}v:\n${want}\n`);
  });

  it('writes multi-line strings as literal blocks, or double-quoted when a block cannot hold them', () => {
    const v = Object.fromEntries(MULTILINE_STYLES.map(([s], i) => [`m${i}`, s]));
    const want = MULTILINE_STYLES.map(([, out], i) => indent(`m${i}: ${out}`)).join('\n');
    expect(kubectlYaml(wrap(v))).toBe(`${HEAD}v:\n${want}\n`);
  });

  it.each([
    ['key styles', KEY_STYLES],
    ['key order', KEY_ORDER],
  ])('%s: quotes keys and orders them by go-yaml keyList.Less', (_, table) => {
    // Built in reverse and in a shuffled order, so that the order comes from the sort.
    const want = `${HEAD}v:\n${table.map(([, out]) => indent(out)).join('\n')}\n`;
    const reversed = Object.fromEntries([...table].reverse().map(([k]) => [k, 1]));
    expect(kubectlYaml(wrap(reversed))).toBe(want);
    const shuffled = Object.fromEntries(table.map(([k], i) => [k, i] as const).sort((a, b) => ((a[1] * 7919) % 101) - ((b[1] * 7919) % 101)).map(([k]) => [k, 1]));
    expect(kubectlYaml(wrap(shuffled))).toBe(want);
  });

  it.each(Object.keys(DOC_VALUES))('%s', (name) => {
    expect(kubectlYaml(wrap(DOC_VALUES[name]))).toBe(HEAD + GOLDEN_DOCS[name]);
  });

  it('prints the ConfigMap of kubectl create configmap', () => {
    expect(kubectlYaml(JSON.parse(CONFIGMAP_BRIEF_JSON))).toBe(CONFIGMAP_BRIEF_YAML);
  });

  it('prints a real DaemonSet (kube-flannel)', () => {
    expect(kubectlYaml(JSON.parse(FLANNEL_DS_JSON))).toBe(FLANNEL_DS_YAML);
  });

  it('folds U+0085 (NEL) as kubectl does when go-yaml re-reads the JSON, and reads lone surrogates as U+FFFD', () => {
    // Among VALUE_STYLES: 'x\u0085y' → x y, 'a  \u0085  b' → a b, 'a\u0085\u0085b' → a, newline, b.
    expect(kubectlYaml({ k: 'x\u0085y' })).toBe('k: x y\n');
    expect(kubectlYaml({ k: '\ud800' })).toBe('k: \ufffd\n');
    // kubectl keeps the last of two keys that become equal.
    expect(kubectlYaml({ '\ud800': 1, '\ufffd': 2 })).toBe('\ufffd: 2\n');
  });
});

describe('kubectlYaml beyond what kubectl can show', () => {
  it('escapes characters kubectl refuses to print', () => {
    // kubectl fails with "yaml: control characters are not allowed" for DEL, C1 controls other than
    // NEL, U+FFFE and U+FFFF (Go's JSON leaves them raw and go-yaml's reader rejects them). We write
    // them the way go-yaml's emitter would, escaped in a double-quoted scalar.
    expect(kubectlYaml({ k: 'a\u007fb\u0080c\u009fd\ufffee\uffff' })).toBe('k: "a\\x7Fb\\x80c\\x9Fd\\uFFFEe\\uFFFF"\n');
  });

  it('writes other roots as go-yaml would (kubectl only prints objects)', () => {
    expect(kubectlYaml('x')).toBe('x\n');
    expect(kubectlYaml('yes')).toBe('"yes"\n');
    expect(kubectlYaml(null)).toBe('null\n');
    expect(kubectlYaml(3)).toBe('3\n');
    expect(kubectlYaml({})).toBe('{}\n');
    expect(kubectlYaml([])).toBe('[]\n');
    expect(kubectlYaml([1, [2, 3], { a: 1, b: [] }])).toBe('- 1\n- - 2\n  - 3\n- a: 1\n  b: []\n');
    expect(kubectlYaml('a\nb')).toBe('|-\n  a\n  b\n');
    expect(kubectlYaml(words(20))).toBe(`${words(17)}\n  ${words(3)}\n`);
  });

  it('treats values as JSON.stringify does', () => {
    expect(kubectlYaml({ a: undefined, b: () => 1, c: [undefined, NaN, Infinity], d: new Date(0) })).toBe('c:\n- null\n- null\n- null\nd: "1970-01-01T00:00:00.000Z"\n');
  });

  it('prints keys in some order, each once, where keyList.Less is not transitive', () => {
    // "1", "09", "010", "1a", … : kubectl's own order varies from run to run (Go map iteration).
    const keys = ['1', '09', '010', '1a', '01a', '10a', '2a', '0a', '9', '10', 'a'];
    const out = kubectlYaml(Object.fromEntries(keys.map((k, i) => [k, i])));
    expect(parse(out, { version: '1.1' })).toEqual(Object.fromEntries(keys.map((k, i) => [k, i])));
    expect(out.split('\n').filter((l) => l !== '')).toHaveLength(keys.length);
  });
});

describe('keyLess', () => {
  it('orders keys as the kubectl example: digit runs as numbers, non-letters before letters', () => {
    const order = ['-', '1', 'a_b', 'a9', 'a09', 'a10', 'aB', 'b-1', 'b.0'];
    for (let i = 0; i < order.length; i++) {
      for (let j = 0; j < order.length; j++) expect(keyLess(order[i]!, order[j]!)).toBe(i < j);
    }
  });

  it('compares runes, not UTF-16 code units', () => {
    expect(keyLess('z\uffff', 'z😀')).toBe(true);
    expect(keyLess('😀', '\uffff')).toBe(false);
  });
});

describe('formatNumber', () => {
  it.each([
    [1, '1'],
    [-0, '0'],
    [1.5, '1.5'],
    [1234567.5, '1.2345675e+06'],
    [123456.7, '123456.7'],
    [1e-7, '1e-07'],
    [0.0001, '0.0001'],
    [1e20, '1e+20'],
    [1e21, '1e+21'],
    [2 ** 63, '9223372036854776000'],
    [2 ** 64, '1.8446744073709552e+19'],
    [-(2 ** 63), '-9.223372036854776e+18'],
    [5e-324, '5e-324'],
    [NaN, 'null'],
  ])('%s → %s', (x, want) => {
    expect(formatNumber(x)).toBe(want);
  });
});

// ---------------------------------------------------------------------------------------------------
// Properties: what kubectlYaml prints reads back (with the `yaml` library, YAML 1.1) as the value.

/**
 * Strings that go-yaml leaves plain but the `yaml` library's YAML 1.1 schema reads as something else:
 * the two resolvers differ there, not the output (kubectl prints them plain too; see VALUE_STYLES:
 * ".", "-.", "e5", ".e5", "0b_", "0x_", 0x… beyond 64 bits, "2001-02-30", "0000-00-00", …). The
 * regular expressions are the `yaml` library's own (yaml-1.1 float, int and timestamp tags).
 */
function yaml11Disagrees(s: string): boolean {
  return (
    /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/.test(s) ||
    /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/.test(s) ||
    /^[-+]?0b[0-1_]+$/.test(s) ||
    /^[-+]?0x[0-9a-fA-F_]+$/.test(s) ||
    /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:t|T|[ \t]+)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]+)?(?:[ \t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$/.test(s)
  );
}

/** The value as JSON would carry it (-0 → 0, undefined dropped). */
const asJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v)) as unknown;

const roundTrips = (v: unknown): void => {
  expect(parse(kubectlYaml(v), { version: '1.1' })).toEqual(asJson(v));
};

describe('kubectlYaml round trips', () => {
  it('simple strings and lower-case keys', () => {
    const word = fc.stringMatching(/^[a-z0-9./-]{1,12}$/);
    const text = fc
      .array(word, { minLength: 1, maxLength: 8 })
      .map((ws) => ws.join(' '))
      .filter((s) => s.length < 80 && !yaml11Disagrees(s));
    const key = fc.stringMatching(/^[a-z]{1,10}$/);
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small', maxDepth: 5 }, fc.constant(null), fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), text, tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 5 }),
      object: fc.dictionary(key, tie('value'), { maxKeys: 6, noNullPrototype: true }),
    }));
    fc.assert(fc.property(value, roundTrips), { numRuns: 300 });
  });

  it('any JSON value', () => {
    // Left out, each covered by a golden case above: strings the two YAML 1.1 resolvers read
    // differently (yaml11Disagrees), the merge key "<<", and what kubectl itself changes or writes
    // raw: U+0085 (folded), lone surrogates (U+FFFD), U+2028/U+2029 (written raw after a line
    // break or inside quotes, where go-yaml reads a line break and the `yaml` library does not).
    const tricky = fc.constantFrom(...Array.from(' \n\t\r:#-\'"{}[],&*!|>%@`?é😀\u00a0\ufeff\u007f\u0080\u0000\u001b\\0123456789.eE+xob_yYnN~'));
    const special = fc.constantFrom('yes', 'no', 'on', 'off', 'y', 'n', 'null', '~', '', 'true', 'False', '1.0', '1e3', '0x1F', '0o17', '017', '1_000', '1:20', '2001-01-01', '.inf', '-.Inf', '.NaN', '-', '---', '...', '- x', 'a: b', '#x', ' x', 'x ', "it's", 'a\nb', 'a\n', '\n', ' a\nb', 'a \nb', '9223372036854775808');
    const str = fc
      .oneof(
        fc.string({ unit: 'binary', maxLength: 20 }),
        fc.string({ unit: tricky, maxLength: 20 }),
        special,
        fc.array(fc.oneof(fc.constantFrom('word', 'a', 'longerword', '', "'", ':', '#', '\t', 'é'), special), { maxLength: 40 }).map((ws) => ws.join(' ')),
      )
      .filter((s) => !/[\u0085\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s) && !yaml11Disagrees(s));
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small', maxDepth: 6 }, fc.constant(null), fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), str, tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 5 }),
      object: fc.dictionary(str.filter((k) => k !== '<<' && k !== '__proto__'), tie('value'), { maxKeys: 6, noNullPrototype: true }),
    }));
    fc.assert(fc.property(value, roundTrips), { numRuns: 500 });
  });
});

// ---------------------------------------------------------------------------------------------------
// Recorded kubectl output. VALUE_STYLES: each string as the value of key kNNN (NNN its index), and
// kubectl's text after `kNNN: `. KEY_STYLES / KEY_ORDER: the keys of one map each, in kubectl's
// order, with kubectl's line(s) for `key: 1`. MULTILINE_STYLES: like VALUE_STYLES under keys mN.
// GOLDEN_DOCS: kubectl's output after HEAD for each DOC_VALUES entry.

const VALUE_STYLES: ReadonlyArray<readonly [string, string]> = [
  ['a: b', "'a: b'"],
  [' x', "' x'"],
  ['#x', "'#x'"],
  ['{"a": 1}', '\'{"a": 1}\''],
  ['*x', "'*x'"],
  ['- x', "'- x'"],
  ['x:', "'x:'"],
  ['yes', '"yes"'],
  ['', '""'],
  ["it's", "it's"],
  ['a\tb', '"a\\tb"'],
  ['é', 'é'],
  ['1.0', '"1.0"'],
  ['null', '"null"'],
  ['on', '"on"'],
  ['2001-01-01', '"2001-01-01"'],
  ['http://x', 'http://x'],
  ['-', "'-'"],
  ['---', "'---'"],
  ['...', "'...'"],
  ['---x', "'---x'"],
  ['<<', '<<'],
  ['~', '"~"'],
  ['.5', '".5"'],
  ['0o17', '"0o17"'],
  ['0b2', '0b2'],
  ['+.5', '"+.5"'],
  ['1_000', '"1_000"'],
  ['1:20', '"1:20"'],
  ['1:60', '1:60'],
  ['0x', '0x'],
  ['2001-02-30', '2001-02-30'],
  ['2001-1-1', '"2001-1-1"'],
  ['2001-01-01T00:00:00Z', '"2001-01-01T00:00:00Z"'],
  ['2001-01-01 1:2:3.5', '"2001-01-01 1:2:3.5"'],
  ['2001-01-01t00:00:00+05:00', '"2001-01-01t00:00:00+05:00"'],
  ['2001-01-01T00:00:00+25:00', '2001-01-01T00:00:00+25:00'],
  ['2001-01-01T00:00:00+24:00', '"2001-01-01T00:00:00+24:00"'],
  ['2001-01-01T00:00:00+05:61', '2001-01-01T00:00:00+05:61'],
  ['2001-01-01T00:00:00', '2001-01-01T00:00:00'],
  ['2001-01-01T24:00:00Z', '2001-01-01T24:00:00Z'],
  ['2000-02-29', '"2000-02-29"'],
  ['1900-02-29', '1900-02-29'],
  ['2001-01-01T1:2:3,5Z', '"2001-01-01T1:2:3,5Z"'],
  ['2001-01-01 01:02:03.', '2001-01-01 01:02:03.'],
  ['12345-01-01', '12345-01-01'],
  ['a #b', "'a #b'"],
  ['a#b', 'a#b'],
  ['a ', "'a '"],
  ['?x', '?x'],
  ['? x', "'? x'"],
  [':x', ':x'],
  [': x', "': x'"],
  ['%x', "'%x'"],
  ['@x', "'@x'"],
  ['`x', "'`x'"],
  ['!x', "'!x'"],
  ['&x', "'&x'"],
  ['|x', "'|x'"],
  ['>x', "'>x'"],
  ["'x", "'''x'"],
  ['"x', '\'"x\''],
  ['x,y', 'x,y'],
  ['[x', "'[x'"],
  ['x]', 'x]'],
  ['a, b', 'a, b'],
  ['y', '"y"'],
  ['Y', '"Y"'],
  ['n', '"n"'],
  ['N', '"N"'],
  ['True', '"True"'],
  ['tRUE', 'tRUE'],
  ['NULL', '"NULL"'],
  ['.inf', '".inf"'],
  ['-.Inf', '"-.Inf"'],
  ['.NaN', '".NaN"'],
  ['nan', 'nan'],
  ['Infinity', 'Infinity'],
  ['1e3', '"1e3"'],
  ['1E3', '"1E3"'],
  ['1e', '1e'],
  ['08', '"08"'],
  ['09.5', '"09.5"'],
  ['0x1F', '"0x1F"'],
  ['+0x10', '"+0x10"'],
  ['-0b11', '"-0b11"'],
  ['1__0', '"1__0"'],
  ['_1', '_1'],
  ['x\u{A0}y', 'x\u{A0}y'],
  ['\u{A0}', '\u{A0}'],
  ['x\u{85}y', 'x y'],
  ['x\ry', '"x\\ry"'],
  ['x\u{0}y', '"x\\0y"'],
  ['x\u{1B}y', '"x\\ey"'],
  ['x\u{7}\u{8}\u{B}\u{C}', '"x\\a\\b\\v\\f"'],
  ['x\u{FEFF}y', '"x\\uFEFFy"'],
  ['\u{FEFF}', '"\\uFEFF"'],
  ['😀', '"\\U0001F600"'],
  ['x😀y', '"x\\U0001F600y"'],
  ['\u{D800}', '\u{FFFD}'],
  ['a"b', 'a"b'],
  ['a\\b', 'a\\b'],
  ['tab\t', '"tab\\t"'],
  ['=', '='],
  ['1.5.6', '1.5.6'],
  ['12:30:45', '"12:30:45"'],
  ['-1:30', '"-1:30"'],
  ['1:2:3.5', '"1:2:3.5"'],
  ['190:20:30.15', '"190:20:30.15"'],
  ['+1', '"+1"'],
  ['-1', '"-1"'],
  ['-0', '"-0"'],
  ['+', '+'],
  ['1.', '"1."'],
  ['-.5e3', '"-.5e3"'],
  ['.e3', '.e3'],
  ['0.1e', '0.1e'],
  ['o', 'o'],
  ['O', 'O'],
  ['off', '"off"'],
  ['OFF', '"OFF"'],
  ['Off', '"Off"'],
  ['oFF', 'oFF'],
  ['No', '"No"'],
  ['nO', 'nO'],
  ['yEs', 'yEs'],
  ['~x', '~x'],
  ['x~', 'x~'],
  ['a: ', "'a: '"],
  ['a:b', 'a:b'],
  ['a :b', 'a :b'],
  ['key:value', 'key:value'],
  ['- ', "'- '"],
  ['-x', '-x'],
  ['--', '--'],
  ['.', '.'],
  ['..', '..'],
  ['$x', '$x'],
  ['^x', '^x'],
  ['(x)', '(x)'],
  ['a\u{2028}', "'a\u{2028}'"],
  ['\u{E000}', '\u{E000}'],
  ['\u{FFFD}', '\u{FFFD}'],
  ['x\u{D7FF}y', 'x\u{D7FF}y'],
  ['\u{10FFFF}', '"\\U0010FFFF"'],
  ['Ab-09_.', 'Ab-09_.'],
  ['0.', '"0."'],
  ['00', '"00"'],
  ['007', '"007"'],
  ['0o', '0o'],
  ['0xg', '0xg'],
  ['9223372036854775807', '"9223372036854775807"'],
  ['9223372036854775808', '"9223372036854775808"'],
  ['18446744073709551615', '"18446744073709551615"'],
  ['18446744073709551616', '"18446744073709551616"'],
  ['-9223372036854775808', '"-9223372036854775808"'],
  ['-9223372036854775809', '"-9223372036854775809"'],
  ['+0xFFFFFFFFFFFFFFFF', '+0xFFFFFFFFFFFFFFFF'],
  ['0xFFFFFFFFFFFFFFFF', '"0xFFFFFFFFFFFFFFFF"'],
  ['0x10000000000000000', '0x10000000000000000'],
  ['.', '.'],
  ['-.', '-.'],
  ['._5', '._5'],
  ['e5', 'e5'],
  ['E10', 'E10'],
  ['.e5', '.e5'],
  ['0b_', '0b_'],
  ['0x_', '0x_'],
  ['0000-00-00', '0000-00-00'],
  ['2001-13-01', '2001-13-01'],
  ['2001-01-01 25:00:00', '2001-01-01 25:00:00'],
  ['2001-12-14 21:59:43.10 -5', '2001-12-14 21:59:43.10 -5'],
  ['2001-12-14t21:59:43.10-05:00', '"2001-12-14t21:59:43.10-05:00"'],
  ['1e400', '1e400'],
  ['.1e400', '.1e400'],
  ['0x1p-2', '0x1p-2'],
  ['0xFFFFFFFFFFFFFFFFFFFF', '0xFFFFFFFFFFFFFFFFFFFF'],
  ['-0xFFFFFFFFFFFFFFFFFFFF', '-0xFFFFFFFFFFFFFFFFFFFF'],
  ['99999999999999999999', '"99999999999999999999"'],
  ['-99999999999999999999', '"-99999999999999999999"'],
  ['x\u{85}y', 'x y'],
  ['a  \u{85}  b', 'a b'],
  ['a\u{85}\u{85}b', '|-\n  a\n  b'],
  ['\u{85}x', "' x'"],
  ['x\u{85}', "'x '"],
  ['\u{2028}', "'\u{2028}'"],
  ['a\u{2028}b', "'a\u{2028}    b'"],
];

const KEY_STYLES: ReadonlyArray<readonly [string, string]> = [
  ['', '"": 1'],
  ['9223372036854775808', '"9223372036854775808": 1'],
  [' x', "' x': 1"],
  ['!x', "'!x': 1"],
  ['"x', '\'"x\': 1'],
  ['#x', "'#x': 1"],
  ['$x', '$x: 1'],
  ['%x', "'%x': 1"],
  ['&x', "'&x': 1"],
  ["'x", "'''x': 1"],
  ['(x)', '(x): 1'],
  ['*x', "'*x': 1"],
  ['+', '+: 1'],
  ['+.5', '"+.5": 1'],
  ['+0x10', '"+0x10": 1'],
  ['+0xFFFFFFFFFFFFFFFF', '+0xFFFFFFFFFFFFFFFF: 1'],
  ['+1', '"+1": 1'],
  ['-', "'-': 1"],
  ['-9223372036854775808', '"-9223372036854775808": 1'],
  ['-9223372036854775809', '"-9223372036854775809": 1'],
  ['- ', "'- ': 1"],
  ['- x', "'- x': 1"],
  ['--', '--: 1'],
  ['---', "'---': 1"],
  ['---x', "'---x': 1"],
  ['-.', '-.: 1'],
  ['-.5e3', '"-.5e3": 1'],
  ['-.Inf', '"-.Inf": 1'],
  ['-0', '"-0": 1'],
  ['-0b11', '"-0b11": 1'],
  ['-0xFFFFFFFFFFFFFFFFFFFF', '-0xFFFFFFFFFFFFFFFFFFFF: 1'],
  ['-1', '"-1": 1'],
  ['-1:30', '"-1:30": 1'],
  ['-x', '-x: 1'],
  ['.', '.: 1'],
  ['..', '..: 1'],
  ['...', "'...': 1"],
  ['._5', '._5: 1'],
  ['.1e400', '.1e400: 1'],
  ['.5', '".5": 1'],
  ['.NaN', '".NaN": 1'],
  ['.e3', '.e3: 1'],
  ['.e5', '.e5: 1'],
  ['.inf', '".inf": 1'],
  [': x', "': x': 1"],
  [':x', ':x: 1'],
  ['<<', '<<: 1'],
  ['=', '=: 1'],
  ['>x', "'>x': 1"],
  ['? x', "'? x': 1"],
  ['?x', '?x: 1'],
  ['@x', "'@x': 1"],
  ['[x', "'[x': 1"],
  ['^x', '^x: 1'],
  ['_1', '_1: 1'],
  ['`x', "'`x': 1"],
  ['{"a": 1}', '\'{"a": 1}\': 1'],
  ['|x', "'|x': 1"],
  ['~', '"~": 1'],
  ['~x', '~x: 1'],
  ['\u{A0}', '\u{A0}: 1'],
  ['\u{2028}', "? '\u{2028}'\n: 1"],
  ['\u{E000}', '\u{E000}: 1'],
  ['\u{FEFF}', '"\\uFEFF": 1'],
  ['\u{FFFD}', '\u{FFFD}: 1'],
  ['😀', '"\\U0001F600": 1'],
  ['\u{10FFFF}', '"\\U0010FFFF": 1'],
  ['0.', '"0.": 1'],
  ['0.1e', '0.1e: 1'],
  ['00', '"00": 1'],
  ['0000-00-00', '0000-00-00: 1'],
  ['0b_', '0b_: 1'],
  ['0b2', '0b2: 1'],
  ['0o', '0o: 1'],
  ['0o17', '"0o17": 1'],
  ['0x', '0x: 1'],
  ['0x_', '0x_: 1'],
  ['0x10000000000000000', '0x10000000000000000: 1'],
  ['0x1F', '"0x1F": 1'],
  ['0x1p-2', '0x1p-2: 1'],
  ['0xFFFFFFFFFFFFFFFF', '"0xFFFFFFFFFFFFFFFF": 1'],
  ['0xFFFFFFFFFFFFFFFFFFFF', '0xFFFFFFFFFFFFFFFFFFFF: 1'],
  ['0xg', '0xg: 1'],
  ['1.', '"1.": 1'],
  ['1.0', '"1.0": 1'],
  ['1.5.6', '1.5.6: 1'],
  ['1:2:3.5', '"1:2:3.5": 1'],
  ['1:20', '"1:20": 1'],
  ['1:60', '1:60: 1'],
  ['1__0', '"1__0": 1'],
  ['1_000', '"1_000": 1'],
  ['12:30:45', '"12:30:45": 1'],
  ['190:20:30.15', '"190:20:30.15": 1'],
  ['1900-02-29', '1900-02-29: 1'],
  ['18446744073709551616', '"18446744073709551616": 1'],
  ['1E3', '"1E3": 1'],
  ['1e', '1e: 1'],
  ['1e3', '"1e3": 1'],
  ['1e400', '1e400: 1'],
  ['2000-02-29', '"2000-02-29": 1'],
  ['2001-1-1', '"2001-1-1": 1'],
  ['2001-01-01', '"2001-01-01": 1'],
  ['2001-01-01 1:2:3.5', '"2001-01-01 1:2:3.5": 1'],
  ['2001-01-01 01:02:03.', '2001-01-01 01:02:03.: 1'],
  ['2001-01-01 25:00:00', '2001-01-01 25:00:00: 1'],
  ['2001-01-01T00:00:00', '2001-01-01T00:00:00: 1'],
  ['2001-01-01T00:00:00+05:61', '2001-01-01T00:00:00+05:61: 1'],
  ['2001-01-01T00:00:00+24:00', '"2001-01-01T00:00:00+24:00": 1'],
  ['2001-01-01T00:00:00+25:00', '2001-01-01T00:00:00+25:00: 1'],
  ['2001-01-01T00:00:00Z', '"2001-01-01T00:00:00Z": 1'],
  ['2001-01-01T1:2:3,5Z', '"2001-01-01T1:2:3,5Z": 1'],
  ['2001-01-01T24:00:00Z', '2001-01-01T24:00:00Z: 1'],
  ['2001-01-01t00:00:00+05:00', '"2001-01-01t00:00:00+05:00": 1'],
  ['2001-02-30', '2001-02-30: 1'],
  ['2001-12-14 21:59:43.10 -5', '2001-12-14 21:59:43.10 -5: 1'],
  ['2001-12-14t21:59:43.10-05:00', '"2001-12-14t21:59:43.10-05:00": 1'],
  ['2001-13-01', '2001-13-01: 1'],
  ['Ab-09_.', 'Ab-09_.: 1'],
  ['E10', 'E10: 1'],
  ['Infinity', 'Infinity: 1'],
  ['N', '"N": 1'],
  ['NULL', '"NULL": 1'],
  ['No', '"No": 1'],
  ['O', 'O: 1'],
  ['OFF', '"OFF": 1'],
  ['Off', '"Off": 1'],
  ['True', '"True": 1'],
  ['Y', '"Y": 1'],
  ['a\tb', '"a\\tb": 1'],
  ['a ', "'a ': 1"],
  ['a #b', "'a #b': 1"],
  ['a :b', 'a :b: 1'],
  ['a"b', 'a"b: 1'],
  ['a#b', 'a#b: 1'],
  ['a, b', 'a, b: 1'],
  ['a: ', "'a: ': 1"],
  ['a: b', "'a: b': 1"],
  ['a:b', 'a:b: 1'],
  ['a\\b', 'a\\b: 1'],
  ['a\u{2028}', "? 'a\u{2028}'\n: 1"],
  ['a\u{2028}b', "? 'a\u{2028}    b'\n: 1"],
  ['e5', 'e5: 1'],
  ['http://x', 'http://x: 1'],
  ["it's", "it's: 1"],
  ['key:value', 'key:value: 1'],
  ['n', '"n": 1'],
  ['nO', 'nO: 1'],
  ['nan', 'nan: 1'],
  ['null', '"null": 1'],
  ['o', 'o: 1'],
  ['oFF', 'oFF: 1'],
  ['off', '"off": 1'],
  ['on', '"on": 1'],
  ['tRUE', 'tRUE: 1'],
  ['tab\t', '"tab\\t": 1'],
  ['x\u{0}y', '"x\\0y": 1'],
  ['x\u{7}\u{8}\u{B}\u{C}', '"x\\a\\b\\v\\f": 1'],
  ['x\ry', '? "x\\ry"\n: 1'],
  ['x\u{1B}y', '"x\\ey": 1'],
  ['x,y', 'x,y: 1'],
  ['x:', "'x:': 1"],
  ['x]', 'x]: 1'],
  ['x~', 'x~: 1'],
  ['x\u{A0}y', 'x\u{A0}y: 1'],
  ['x\u{D7FF}y', 'x\u{D7FF}y: 1'],
  ['x\u{FEFF}y', '"x\\uFEFFy": 1'],
  ['x😀y', '"x\\U0001F600y": 1'],
  ['y', '"y": 1'],
  ['yEs', 'yEs: 1'],
  ['yes', '"yes": 1'],
  ['é', 'é: 1'],
];

const KEY_ORDER: ReadonlyArray<readonly [string, string]> = [
  [' ', "' ': 1"],
  ['-', "'-': 1"],
  ['.', '.: 1'],
  ['@', "'@': 1"],
  ['[', "'[': 1"],
  ['_', '_: 1'],
  ['{', "'{': 1"],
  ['~', '"~": 1'],
  ['0', '"0": 1'],
  ['00', '"00": 1'],
  ['1', '"1": 1'],
  ['01a', '01a: 1'],
  ['2a', '2a: 1'],
  ['9', '"9": 1'],
  ['09', '"09": 1'],
  ['10', '"10": 1'],
  ['10a', '10a: 1'],
  ['A', 'A: 1'],
  ['B', 'B: 1'],
  ['IMG1', 'IMG1: 1'],
  ['Z', 'Z: 1'],
  ['a', 'a: 1'],
  ['a b', 'a b: 1'],
  ['a-b', 'a-b: 1'],
  ['a.b', 'a.b: 1'],
  ['a/b', 'a/b: 1'],
  ['a:b', 'a:b: 1'],
  ['a_b', 'a_b: 1'],
  ['a0', 'a0: 1'],
  ['a00', 'a00: 1'],
  ['a00b', 'a00b: 1'],
  ['a1', 'a1: 1'],
  ['a01b', 'a01b: 1'],
  ['a18446744073709551617', 'a18446744073709551617: 1'],
  ['a9', 'a9: 1'],
  ['a09', 'a09: 1'],
  ['a10', 'a10: 1'],
  ['a10b2', 'a10b2: 1'],
  ['a10b10', 'a10b10: 1'],
  ['a99999999999999999999', 'a99999999999999999999: 1'],
  ['a9223372036854775807', 'a9223372036854775807: 1'],
  ['aB', 'aB: 1'],
  ['app', 'app: 1'],
  ['app.kubernetes.io/name', 'app.kubernetes.io/name: 1'],
  ['b', 'b: 1'],
  ['b-1', 'b-1: 1'],
  ['b.0', 'b.0: 1'],
  ['e', 'e: 1'],
  ['img2', 'img2: 1'],
  ['img10', 'img10: 1'],
  ['img12', 'img12: 1'],
  ['k3s', 'k3s: 1'],
  ['k8s', 'k8s: 1'],
  ['kubernetes.io/arch', 'kubernetes.io/arch: 1'],
  ['kubernetes.io/os', 'kubernetes.io/os: 1'],
  ['node-1', 'node-1: 1'],
  ['node-01', 'node-01: 1'],
  ['node-001', 'node-001: 1'],
  ['node-2', 'node-2: 1'],
  ['node-10', 'node-10: 1'],
  ['node-0010', 'node-0010: 1'],
  ['v1', 'v1: 1'],
  ['v10', 'v10: 1'],
  ['v1alpha1', 'v1alpha1: 1'],
  ['v1beta1', 'v1beta1: 1'],
  ['v1beta2', 'v1beta2: 1'],
  ['x-1-0', 'x-1-0: 1'],
  ['x-1-00', 'x-1-00: 1'],
  ['x-01-0', 'x-01-0: 1'],
  ['x0', 'x0: 1'],
  ['x00', 'x00: 1'],
  ['x000', 'x000: 1'],
  ['x3', 'x3: 1'],
  ['x\u{661}', 'x\u{661}: 1'],
  ['x\u{662}', 'x\u{662}: 1'],
  ['x\u{660}\u{660}', 'x\u{660}\u{660}: 1'],
  ['z', 'z: 1'],
  ['z\u{FFFD}', 'z\u{FFFD}: 1'],
  ['z😀', '"z\\U0001F600": 1'],
  ['zz', 'zz: 1'],
  ['ä', 'ä: 1'],
  ['é', 'é: 1'],
  ['éa', 'éa: 1'],
  ['Ω', 'Ω: 1'],
  ['ω', 'ω: 1'],
];

const MULTILINE_STYLES: ReadonlyArray<readonly [string, string]> = [
  ['a\nb', '|-\n  a\n  b'],
  ['a\nb\n', '|\n  a\n  b'],
  ['a\nb\n\n', '|+\n  a\n  b\n'],
  ['\n', '|2+\n'],
  ['\n\n', '|2+\n\n'],
  ['a\n', '|\n  a'],
  [' a\nb', '|2-\n   a\n  b'],
  ['\na', '|2-\n\n  a'],
  ['a\n\n  b\n', '|\n  a\n\n    b'],
  ['a \nb', '"a \\nb"'],
  ['a\n b', '|-\n  a\n   b'],
  ['a\nb ', '"a\\nb "'],
  ['a\r\nb', '"a\\r\\nb"'],
  ['a\tb\nc', '"a\\tb\\nc"'],
  ['é\nü', '|-\n  é\n  ü'],
  ['😀\nx', '"\\U0001F600\\nx"'],
  ['a\n\u{2028}b', '|-\n  a\n\u{2028}    b'],
  ['  lead\n', '|2\n    lead'],
  ['\n\nx', '|2-\n\n\n  x'],
  ['x\n\n', '|+\n  x\n'],
  ['#x\ny', '|-\n  #x\n  y'],
  ['- a\n- b', '|-\n  - a\n  - b'],
  ['key: v\nk2: v2', '|-\n  key: v\n  k2: v2'],
  ['a\n\n\n', '|+\n  a\n\n'],
  ['word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word\nword word word word word word word word word word word word word word word word word word word word word word word word word word word word word word', '|-\n  word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word\n  word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word'],
  ['\'q\'\n"d"', '|-\n  \'q\'\n  "d"'],
  ['a\n\tb', '"a\\n\\tb"'],
  ['a\n\u{85}b', '|-\n  a\n   b'],
  ['yes\nno', '|-\n  yes\n  no'],
  ['\n ', '"\\n "'],
  [' \n', '" \\n"'],
  ['\n\u{A0}', '|2-\n\n  \u{A0}'],
  ['x\n\u{FEFF}', '"x\\n\\uFEFF"'],
];

const GOLDEN_DOCS: Readonly<Record<string, string>> = {
  float: `v:
- 1.5
- 1.2345675e+06
- 1e-07
- 1
- 1e+20
- 1e+21
- 0.1
- -2.5
- 100000.5
- 123456.7
- 0.0001
- 1e-05
- 0
- 9223372036854776000
- 1.8446744073709552e+19
- -9.223372036854776e+18
- -9.22337203685478e+18
- 1e+300
- 5e-324
- 1.7976931348623157e+308
- 999999.9
- 0.000123
- 9007199254740994
- 123456789012
- -1
- 0
- 3.14159
- 0.3333333333333333
- 2e-300
`,
  structures: `v:
  a:
    b:
      c: 1
  deep:
    l:
    - l:
      - l:
        - 1
  e: {}
  el: []
  f: false
  l:
  - - 1
    - 2
  - []
  - {}
  - - []
  - - {}
  - - - 1
  - - a: 1
  lm:
  - a: 1
    b:
    - 1
  - c:
      d: x
  - e:
    - f: []
  "n": null
  nl:
  - null
  - true
  - false
  - 0
  - ""
  - s
  t: true
`,
  rootList: `v:
- a: 1
- []
- {}
- x
`,
  seqInSeq: `v:
- - - - a
      - |-
        b
        c
- - k:
    - x
- - []
- - {}
`,
  multiline: `v:
- |-
  a
  b
- |
  a
  b
- |+
  a
  b

- |2+

- |2+


- |
  a
- |2-
   a
  b
- |2-

  a
- |
  a

    b
- "a \\nb"
- |-
  a
   b
- "a\\nb "
- "a\\r\\nb"
- "a\\tb\\nc"
- |-
  é
  ü
- "\\U0001F600\\nx"
- |-
  a
\u{2028}  b
- |2
    lead
- |2-


  x
- |+
  x

- |-
  #x
  y
- |-
  - a
  - b
- |-
  key: v
  k2: v2
- |+
  a


- |-
  word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word
  word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word
- |-
  'q'
  "d"
- "a\\n\\tb"
- |-
  a
   b
- |-
  yes
  no
- "\\n "
- " \\n"
- |2-

  \u{A0}
- "x\\n\\uFEFF"
`,
  lead: `v:
- |2-

  a
- |2-
   a
  b
- |2+

- |2+


- |
  a
- |+
  a

- |2-
\u{2028}  a
  b
- 'a\u{2028}  b'
- ' a\u{2028}  b'
- 'x\u{2029}  y z'
- 'word word word word word word word word word word word word word word word word
  word word word word\u{2028}  word word word word word word word word word word word word word word word word
  word word word word'
`,
  mlkey: `v:
  ? |2
     e
  : v
  ? |-
    a
    b
  : 1
  ? |
    c
  : x: 1
  ? |
    d
  : - 1
    - 2
  ? "f \\n"
  : w
`,
  long128: `v:
  ? '#kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk'
  : []
  kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk: 1
  ? kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk
  : v
  ? kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkx
  : a: 1
  ? kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkky
  : - 1
    - 2
  ? kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkz
  : {}
  éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé: 3
  ? ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé
  : 2
`,
  foldPlain: `v:
  list:
  - word word word word word word word word word word word word word word word word
    word word word word word word word word word word word word word word word word
    word word word word word word word word
  - - word word word word word word word word word word word word word word word word
      word word word word word word word word word word word word word word word word
      word word word word word word word word
    - m: word word word word word word word word word word word word word word word
        word word word word word word word word word word word word word word word
        word word word word word word word word word word
  nest:
    deeper:
      key: word word word word word word word word word word word word word word word
        word word word word word word word word word word word word word word word
        word word word word word word word word word word
  top: word word word word word word word word word word word word word word word
    word word word word word word word word word word word word word word word word
    word word word word word word word word word
`,
  foldPlain2: `v:
  list:
  - abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij
    abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij
    abcdefghij abcdefghij abcdefghij abcdefghij
  - - abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij
      abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij
      abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij
    - m: abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij
        abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij
        abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij
  nest:
    deeper:
      key: abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij
        abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij
        abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij
  top: abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij
    abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij
    abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij
`,
  foldSingle: `v:
  list:
  - '#word word word word word word word word word word word word word word word word
    word word word word word word word word word word word word word word word word
    word word word word word word word word'
  - - '#word word word word word word word word word word word word word word word
      word word word word word word word word word word word word word word word word
      word word word word word word word word word'
    - m: '#word word word word word word word word word word word word word word word
        word word word word word word word word word word word word word word word
        word word word word word word word word word word'
  nest:
    deeper:
      key: '#word word word word word word word word word word word word word word
        word word word word word word word word word word word word word word word
        word word word word word word word word word word word'
  top: '#word word word word word word word word word word word word word word word
    word word word word word word word word word word word word word word word word
    word word word word word word word word word'
`,
  foldSingleQuote: `v:
  list:
  - 'it''s: o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k
    o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k
    o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k'
  - - 'it''s: o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k
      o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k
      o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k'
    - m: 'it''s: o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k
        o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k
        o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k'
  nest:
    deeper:
      key: 'it''s: o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k
        o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k
        o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k'
  top: 'it''s: o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k
    o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k
    o''k o''k o''k o''k o''k o''k o''k o''k o''k o''k'
`,
  foldDouble: `v:
  list:
  - "\\tword word word word word word word word word word word word word word word
    word word word word word word word word word word word word word word word word
    word word word word word word word word word"
  - - "\\tword word word word word word word word word word word word word word word
      word word word word word word word word word word word word word word word word
      word word word word word word word word word"
    - m: "\\tword word word word word word word word word word word word word word
        word word word word word word word word word word word word word word word
        word word word word word word word word word word word"
  nest:
    deeper:
      key: "\\tword word word word word word word word word word word word word word
        word word word word word word word word word word word word word word word
        word word word word word word word word word word word"
  top: "\\tword word word word word word word word word word word word word word word
    word word word word word word word word word word word word word word word word
    word word word word word word word word word"
`,
  foldDoubleSpaces: `v:
  list:
  - "\\tword word word word word word word word word word word word word word word
    \\  word word word word word word word word word word word word word word word
    \\ x  word word word word word word word word word word word word word word word"
  - - "\\tword word word word word word word word word word word word word word word
      \\  word word word word word word word word word word word word word word word
      \\ x  word word word word word word word word word word word word word word word"
    - m: "\\tword word word word word word word word word word word word word word
        word   word word word word word word word word word word word word word word
        word  x  word word word word word word word word word word word word word
        word word"
  nest:
    deeper:
      key: "\\tword word word word word word word word word word word word word word
        word   word word word word word word word word word word word word word word
        word  x  word word word word word word word word word word word word word
        word word"
  top: "\\tword word word word word word word word word word word word word word word
    \\  word word word word word word word word word word word word word word word
    \\ x  word word word word word word word word word word word word word word word"
`,
  foldDoubleML: `v:
  list:
  - "word word word word word word word word word word word word word word word word
    word word word word \\nword word word word word word word word word word word word
    word word word word word word word word"
  - - "word word word word word word word word word word word word word word word
      word word word word word \\nword word word word word word word word word word
      word word word word word word word word word word"
    - m: "word word word word word word word word word word word word word word word
        word word word word word \\nword word word word word word word word word word
        word word word word word word word word word word"
  nest:
    deeper:
      key: "word word word word word word word word word word word word word word
        word word word word word word \\nword word word word word word word word word
        word word word word word word word word word word word"
  top: "word word word word word word word word word word word word word word word
    word word word word word \\nword word word word word word word word word word word
    word word word word word word word word word"
`,
  foldDoubleEsc: `v:
  list:
  - "é\\x01 x\\x01y\\ttab x\\x01y\\ttab x\\x01y\\ttab x\\x01y\\ttab x\\x01y\\ttab x\\x01y\\ttab
    x\\x01y\\ttab x\\x01y\\ttab x\\x01y\\ttab x\\x01y\\ttab \\U0001F600 \\U0001F600 \\U0001F600
    \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600
    \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600
    \\U0001F600"
  - - "é\\x01 x\\x01y\\ttab x\\x01y\\ttab x\\x01y\\ttab x\\x01y\\ttab x\\x01y\\ttab x\\x01y\\ttab
      x\\x01y\\ttab x\\x01y\\ttab x\\x01y\\ttab x\\x01y\\ttab \\U0001F600 \\U0001F600 \\U0001F600
      \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600
      \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600
      \\U0001F600 \\U0001F600 \\U0001F600"
    - m: "é\\x01 x\\x01y\\ttab x\\x01y\\ttab x\\x01y\\ttab x\\x01y\\ttab x\\x01y\\ttab x\\x01y\\ttab
        x\\x01y\\ttab x\\x01y\\ttab x\\x01y\\ttab x\\x01y\\ttab \\U0001F600 \\U0001F600 \\U0001F600
        \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600
        \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600
        \\U0001F600 \\U0001F600 \\U0001F600"
  nest:
    deeper:
      key: "é\\x01 x\\x01y\\ttab x\\x01y\\ttab x\\x01y\\ttab x\\x01y\\ttab x\\x01y\\ttab x\\x01y\\ttab
        x\\x01y\\ttab x\\x01y\\ttab x\\x01y\\ttab x\\x01y\\ttab \\U0001F600 \\U0001F600 \\U0001F600
        \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600
        \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600
        \\U0001F600 \\U0001F600 \\U0001F600"
  top: "é\\x01 x\\x01y\\ttab x\\x01y\\ttab x\\x01y\\ttab x\\x01y\\ttab x\\x01y\\ttab x\\x01y\\ttab
    x\\x01y\\ttab x\\x01y\\ttab x\\x01y\\ttab x\\x01y\\ttab \\U0001F600 \\U0001F600 \\U0001F600
    \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600
    \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600 \\U0001F600
    \\U0001F600"
`,
  foldSpaces: `v:
  list:
  - word word word word word word word word word word word word word word word  word
    word word word word word word word word word word word word word word    word
    word word word word word word word word word word word word word word
  - - word word word word word word word word word word word word word word word  word
      word word word word word word word word word word word word word word    word
      word word word word word word word word word word word word word word
    - m: word word word word word word word word word word word word word word word  word
        word word word word word word word word word word word word word word    word
        word word word word word word word word word word word word word word
  nest:
    deeper:
      key: word word word word word word word word word word word word word word word  word
        word word word word word word word word word word word word word word    word
        word word word word word word word word word word word word word word
  top: word word word word word word word word word word word word word word word  word
    word word word word word word word word word word word word word word    word
    word word word word word word word word word word word word word word
`,
  foldLongWord: `v:
  list:
  - xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
    yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy
    z
  - - xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
      yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy
      z
    - m: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
        yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy
        z
  nest:
    deeper:
      key: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
        yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy
        z
  top: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
    yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy
    z
`,
  foldUnicode: `v:
  list:
  - éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé
    éé éé éé éé éé éé éé éé éé éé éé éé éé éé
  - - éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé
      éé éé éé éé éé éé éé éé éé éé éé éé éé éé
    - m: éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé
        éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé
  nest:
    deeper:
      key: éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé
        éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé
  top: éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé
    éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé
`,
  foldExact: `v:
  k76: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b c
  k77: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b c
  k78: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b c
  k79: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b c
  k80: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b c
  k81: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b c
  k82: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b
    c
  k83: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b
    c
`,
  foldKeys: `v:
  "\\tword word word word word word word word word word word word word word word word word word word word": 2
  '#word word word word word word word word word word word word word word word word word word word word': 1
  ? |-
    word word word word word word word word word word
    word word word word word word word word word word
  : 3
  word word word word word word word word word word word word word word word word word word word word: word
    word word word word word word word word word word word word word word word word
    word word word
  ? word word word word word word word word word word word word word word word word
    word word word word word word word word word word word word word word
  : word word word word word word word word word word word word word word word word
    word word word word word word word word word word word word word word
`,
  foldLiteral: `v:
  lit: |-
    word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word
    word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word
`,
  foldNested: `v:
  k39:
    k38:
      k37:
        k36:
          k35:
            k34:
              k33:
                k32:
                  k31:
                    k30:
                      k29:
                        k28:
                          k27:
                            k26:
                              k25:
                                k24:
                                  k23:
                                    k22:
                                      k21:
                                        k20:
                                          k19:
                                            k18:
                                              k17:
                                                k16:
                                                  k15:
                                                    k14:
                                                      k13:
                                                        k12:
                                                          k11:
                                                            k10:
                                                              k9:
                                                                k8:
                                                                  k7:
                                                                    k6:
                                                                      k5:
                                                                        k4:
                                                                          k3:
                                                                            k2:
                                                                              k1:
                                                                                k0:
                                                                                  mm: word
                                                                                    word
                                                                                    word
                                                                                    word
                                                                                    word
                                                                                    word
                                                                                    word
                                                                                    word
                                                                                    word
                                                                                    word
                                                                                    word
                                                                                    word
                                                                                    x
                                                                                    y
                                                                                    x
                                                                                    y
                                                                                    x
                                                                                    y
                                                                                    x
                                                                                    y
                                                                                    x
                                                                                    y
`,
};

const CONFIGMAP_BRIEF_JSON = `{
    "kind": "ConfigMap",
    "apiVersion": "v1",
    "metadata": {
        "name": "x",
        "creationTimestamp": null
    },
    "data": {
        "c": "a: b",
        "col": "x:",
        "dash": "- x",
        "e": "",
        "f": "1.0",
        "h": "#x",
        "j": "{\\"a\\": 1}",
        "long": "word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word",
        "m": "a\\n\\n  b",
        "n": "null",
        "o": "on",
        "q": "it's",
        "s": " x",
        "star": "*x",
        "t": "yes",
        "tab": "a\\tb",
        "ts": "2001-01-01",
        "u": "é",
        "url": "http://x"
    }
}
`;

const CONFIGMAP_BRIEF_YAML = `apiVersion: v1
data:
  c: 'a: b'
  col: 'x:'
  dash: '- x'
  e: ""
  f: "1.0"
  h: '#x'
  j: '{"a": 1}'
  long: word word word word word word word word word word word word word word word
    word word word word word word word word word word word word word word word word
    word word word word word word word word word
  m: |-
    a

      b
  "n": "null"
  o: "on"
  q: it's
  s: ' x'
  star: '*x'
  t: "yes"
  tab: "a\\tb"
  ts: "2001-01-01"
  u: é
  url: http://x
kind: ConfigMap
metadata:
  creationTimestamp: null
  name: x
`;

const FLANNEL_DS_JSON = `{
 "apiVersion": "apps/v1",
 "kind": "DaemonSet",
 "metadata": {
  "name": "kube-flannel-ds",
  "namespace": "kube-flannel",
  "labels": {
   "tier": "node",
   "app": "flannel",
   "k8s-app": "flannel"
  }
 },
 "spec": {
  "selector": {
   "matchLabels": {
    "app": "flannel"
   }
  },
  "template": {
   "metadata": {
    "labels": {
     "tier": "node",
     "app": "flannel"
    }
   },
   "spec": {
    "affinity": {
     "nodeAffinity": {
      "requiredDuringSchedulingIgnoredDuringExecution": {
       "nodeSelectorTerms": [
        {
         "matchExpressions": [
          {
           "key": "kubernetes.io/os",
           "operator": "In",
           "values": [
            "linux"
           ]
          }
         ]
        }
       ]
      }
     }
    },
    "hostNetwork": true,
    "priorityClassName": "system-node-critical",
    "tolerations": [
     {
      "operator": "Exists",
      "effect": "NoSchedule"
     }
    ],
    "serviceAccountName": "flannel",
    "initContainers": [
     {
      "name": "install-cni-plugin",
      "image": "ghcr.io/flannel-io/flannel-cni-plugin:v1.9.1-flannel3",
      "command": [
       "cp"
      ],
      "args": [
       "-f",
       "/flannel",
       "/opt/cni/bin/flannel"
      ],
      "volumeMounts": [
       {
        "name": "cni-plugin",
        "mountPath": "/opt/cni/bin"
       }
      ]
     },
     {
      "name": "install-cni",
      "image": "ghcr.io/flannel-io/flannel:v0.28.9",
      "command": [
       "/opt/bin/install-conf"
      ],
      "args": [
       "/etc/kube-flannel/cni-conf.json",
       "/etc/cni/net.d/10-flannel.conflist"
      ],
      "volumeMounts": [
       {
        "name": "cni",
        "mountPath": "/etc/cni/net.d"
       },
       {
        "name": "flannel-cfg",
        "mountPath": "/etc/kube-flannel/"
       }
      ]
     }
    ],
    "containers": [
     {
      "name": "kube-flannel",
      "image": "ghcr.io/flannel-io/flannel:v0.28.9",
      "command": [
       "/opt/bin/flanneld"
      ],
      "args": [
       "--ip-masq",
       "--kube-subnet-mgr",
       "--healthz-port=8081"
      ],
      "ports": [
       {
        "name": "healthz",
        "containerPort": 8081,
        "protocol": "TCP"
       }
      ],
      "livenessProbe": {
       "httpGet": {
        "path": "/healthz",
        "port": "healthz"
       },
       "initialDelaySeconds": 10,
       "periodSeconds": 30
      },
      "readinessProbe": {
       "httpGet": {
        "path": "/readyz",
        "port": "healthz"
       },
       "initialDelaySeconds": 5,
       "periodSeconds": 10
      },
      "resources": {
       "requests": {
        "cpu": "100m",
        "memory": "50Mi"
       }
      },
      "securityContext": {
       "privileged": false,
       "capabilities": {
        "add": [
         "NET_ADMIN",
         "NET_RAW"
        ]
       }
      },
      "env": [
       {
        "name": "POD_NAME",
        "valueFrom": {
         "fieldRef": {
          "fieldPath": "metadata.name"
         }
        }
       },
       {
        "name": "POD_NAMESPACE",
        "valueFrom": {
         "fieldRef": {
          "fieldPath": "metadata.namespace"
         }
        }
       },
       {
        "name": "EVENT_QUEUE_DEPTH",
        "value": "5000"
       },
       {
        "name": "CONT_WHEN_CACHE_NOT_READY",
        "value": "false"
       }
      ],
      "volumeMounts": [
       {
        "name": "run",
        "mountPath": "/run/flannel"
       },
       {
        "name": "flannel-cfg",
        "mountPath": "/etc/kube-flannel/"
       },
       {
        "name": "xtables-lock",
        "mountPath": "/run/xtables.lock"
       }
      ]
     }
    ],
    "volumes": [
     {
      "name": "run",
      "hostPath": {
       "path": "/run/flannel"
      }
     },
     {
      "name": "cni-plugin",
      "hostPath": {
       "path": "/opt/cni/bin"
      }
     },
     {
      "name": "cni",
      "hostPath": {
       "path": "/etc/cni/net.d"
      }
     },
     {
      "name": "flannel-cfg",
      "configMap": {
       "name": "kube-flannel-cfg"
      }
     },
     {
      "name": "xtables-lock",
      "hostPath": {
       "path": "/run/xtables.lock",
       "type": "FileOrCreate"
      }
     }
    ]
   }
  }
 }
}`;

const FLANNEL_DS_YAML = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  labels:
    app: flannel
    k8s-app: flannel
    tier: node
  name: kube-flannel-ds
  namespace: kube-flannel
spec:
  selector:
    matchLabels:
      app: flannel
  template:
    metadata:
      labels:
        app: flannel
        tier: node
    spec:
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - key: kubernetes.io/os
                operator: In
                values:
                - linux
      containers:
      - args:
        - --ip-masq
        - --kube-subnet-mgr
        - --healthz-port=8081
        command:
        - /opt/bin/flanneld
        env:
        - name: POD_NAME
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
        - name: POD_NAMESPACE
          valueFrom:
            fieldRef:
              fieldPath: metadata.namespace
        - name: EVENT_QUEUE_DEPTH
          value: "5000"
        - name: CONT_WHEN_CACHE_NOT_READY
          value: "false"
        image: ghcr.io/flannel-io/flannel:v0.28.9
        livenessProbe:
          httpGet:
            path: /healthz
            port: healthz
          initialDelaySeconds: 10
          periodSeconds: 30
        name: kube-flannel
        ports:
        - containerPort: 8081
          name: healthz
          protocol: TCP
        readinessProbe:
          httpGet:
            path: /readyz
            port: healthz
          initialDelaySeconds: 5
          periodSeconds: 10
        resources:
          requests:
            cpu: 100m
            memory: 50Mi
        securityContext:
          capabilities:
            add:
            - NET_ADMIN
            - NET_RAW
          privileged: false
        volumeMounts:
        - mountPath: /run/flannel
          name: run
        - mountPath: /etc/kube-flannel/
          name: flannel-cfg
        - mountPath: /run/xtables.lock
          name: xtables-lock
      hostNetwork: true
      initContainers:
      - args:
        - -f
        - /flannel
        - /opt/cni/bin/flannel
        command:
        - cp
        image: ghcr.io/flannel-io/flannel-cni-plugin:v1.9.1-flannel3
        name: install-cni-plugin
        volumeMounts:
        - mountPath: /opt/cni/bin
          name: cni-plugin
      - args:
        - /etc/kube-flannel/cni-conf.json
        - /etc/cni/net.d/10-flannel.conflist
        command:
        - /opt/bin/install-conf
        image: ghcr.io/flannel-io/flannel:v0.28.9
        name: install-cni
        volumeMounts:
        - mountPath: /etc/cni/net.d
          name: cni
        - mountPath: /etc/kube-flannel/
          name: flannel-cfg
      priorityClassName: system-node-critical
      serviceAccountName: flannel
      tolerations:
      - effect: NoSchedule
        operator: Exists
      volumes:
      - hostPath:
          path: /run/flannel
        name: run
      - hostPath:
          path: /opt/cni/bin
        name: cni-plugin
      - hostPath:
          path: /etc/cni/net.d
        name: cni
      - configMap:
          name: kube-flannel-cfg
        name: flannel-cfg
      - hostPath:
          path: /run/xtables.lock
          type: FileOrCreate
        name: xtables-lock
`;

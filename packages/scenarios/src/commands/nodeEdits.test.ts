import { describe, expect, it } from 'vitest';
import type { Taint } from 'kubernetes-types/core/v1';
import { parseTaintSpecs, reorganizeTaints } from './nodeEdits.ts';

const USAGE = "\nSee 'dsim taint -h' for help and examples";
const NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe('parseTaintSpecs, as kubectl taint parses its arguments (utils_test.go)', () => {
  it.each<[string, string[], Taint[], Taint[]]>([
    ['key=value:Effect', ['foo=bar:NoSchedule'], [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }], []],
    ['key:Effect', ['foo:NoExecute'], [{ key: 'foo', effect: 'NoExecute' }], []],
    ['an empty value', ['foo=:PreferNoSchedule'], [{ key: 'foo', effect: 'PreferNoSchedule' }], []],
    ['a removal by key', ['foo-'], [], [{ key: 'foo', effect: '' }]],
    ['a removal by key and effect (a value is ignored)', ['foo=bar:NoSchedule-'], [], [{ key: 'foo', effect: 'NoSchedule' }]],
    ['a prefixed key', ['example.com/gpu=true:NoSchedule'], [{ key: 'example.com/gpu', value: 'true', effect: 'NoSchedule' }], []],
  ])('%s', (_name, specs, add, remove) => {
    expect(parseTaintSpecs(specs)).toEqual({ add, remove });
  });

  it.each([
    ['an unknown effect', 'z=1:Bogus', 'error: invalid taint effect: Bogus, unsupported taint effect'],
    ['an empty effect', 'z=1:', 'error: invalid taint effect: , unsupported taint effect'],
    ['no effect (a key with =)', 'z=1', `error: invalid taint spec: z=1, ${NAME_PART}`],
    ['no effect to add', 'foo', 'error: invalid taint spec: foo'],
    ['two colons', 'a:b:NoSchedule', 'error: invalid taint spec: a:b:NoSchedule'],
    ['two equals', 'a=b=c:NoSchedule', 'error: invalid taint spec: a=b=c:NoSchedule'],
    ['a key with a space', 'bad key:NoExecute', `error: invalid taint spec: bad key:NoExecute, ${NAME_PART}`],
    [
      'a value with a space',
      'q=a b:NoSchedule',
      "error: invalid taint spec: q=a b:NoSchedule, a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ],
    ['a value over 63 characters', `k=${'v'.repeat(64)}:NoSchedule`, `error: invalid taint spec: k=${'v'.repeat(64)}:NoSchedule, must be no more than 63 bytes`],
  ])('refuses %s', (_name, spec, message) => {
    expect(() => parseTaintSpecs([spec])).toThrow(message + USAGE);
  });

  it('refuses the same key and effect twice, printing the taint as Go prints the struct', () => {
    expect(() => parseTaintSpecs(['k=v:NoSchedule', 'k=w:NoSchedule'])).toThrow(`error: duplicated taints with the same key and effect: {k w NoSchedule <nil>}${USAGE}`);
    expect(parseTaintSpecs(['k=v:NoSchedule', 'k=v:NoExecute']).add).toHaveLength(2);
  });
});

describe('reorganizeTaints (taint_test.go): the new taints first, then the others; the operation kubectl prints', () => {
  const a: Taint = { key: 'a', value: '1', effect: 'NoSchedule' };
  const b: Taint = { key: 'b', effect: 'NoExecute' };
  it.each<[string, Taint[], boolean, Taint[], Taint[], string, Taint[], string[]]>([
    ['adding', [a], false, [b], [], 'tainted', [b, a], []],
    ['replacing with --overwrite', [a], true, [{ ...a, value: '2' }], [], 'modified', [{ ...a, value: '2' }], []],
    ['removing by key', [a, b], false, [], [{ key: 'a', effect: '' }], 'untainted', [b], []],
    ['removing by key and effect', [a, b], false, [], [{ key: 'b', effect: 'NoExecute' }], 'untainted', [a], []],
    ['adding and removing', [a], false, [b], [{ key: 'a', effect: '' }], 'modified', [b], []],
    ['removing what is not there', [a], false, [], [{ key: 'z', effect: 'NoSchedule' }], 'untainted', [a], ['taint "z:NoSchedule" not found']],
    ['removing a key not there', [a], false, [], [{ key: 'z', effect: '' }], 'untainted', [a], ['taint "z" not found']],
  ])('%s', (_name, old, overwrite, add, remove, operation, taints, errors) => {
    expect(reorganizeTaints(old, overwrite, add, remove)).toEqual({ operation, taints, errors });
  });
});

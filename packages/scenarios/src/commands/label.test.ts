import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@dsim/core';
import { dataChangeMessage, labelFunc, parseLabels } from './label.ts';

const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('parseLabels (label_test.go TestParseLabels; messages from kubectl v1.32 label --local)', () => {
  it.each<[string[], Record<string, string>, string[]]>([
    [['a=b', 'c=d'], { a: 'b', c: 'd' }, []],
    [[], {}, []],
    [['a=b', 'c=d', 'e-'], { a: 'b', c: 'd' }, ['e']],
    [['a='], { a: '' }, []],
    // A key is the API server's to check.
    [['Bad Key=v'], { 'Bad Key': 'v' }, []],
  ])('%j', (pairs, set, remove) => {
    expect(parseLabels(pairs)).toEqual({ set: new Map(Object.entries(set)), remove });
  });

  it.each([
    [['ab', 'c=d'], 'error: unknown label spec: ab'],
    [['a=b', 'c=d', 'a-'], 'error: can not both modify and remove a label in the same command'],
    [['a=%^$'], `error: invalid label value: "a=%^$": ${LABEL_VALUE}`],
    [['a=b=c'], 'error: invalid label spec: a=b=c'],
    [['a=b c'], `error: invalid label value: "a=b c": ${LABEL_VALUE}`],
  ])('refuses %j', (pairs, message) => {
    expect(() => parseLabels(pairs)).toThrow(message);
  });
});

describe('labelFunc (TestValidateLabels, TestLabelFunc)', () => {
  const taken = (k: string, v: string) => `'${k}' already has a value (${v}), and --overwrite is false`;
  it.each<[string, Record<string, string> | undefined, Record<string, string>, string[], boolean, { labels: Record<string, string> } | { errors: string[] }]>([
    ['one shared', { a: 'b', c: 'd' }, { a: 'c', d: 'b' }, [], false, { errors: [taken('a', 'b')] }],
    ['second shared', { a: 'b', c: 'd' }, { b: 'd', c: 'a' }, [], false, { errors: [taken('c', 'd')] }],
    ['both shared: an error each, in the order given', { a: 'b', c: 'd' }, { c: 'q', a: 'z' }, [], false, { errors: [taken('c', 'd'), taken('a', 'b')] }],
    ['no overlap', { a: 'b', c: 'd' }, { b: 'a', d: 'c' }, [], false, { labels: { a: 'b', c: 'd', b: 'a', d: 'c' } }],
    ['no labels', undefined, { b: 'a', d: 'c' }, [], false, { labels: { b: 'a', d: 'c' } }],
    // TestLabelFunc's first case refuses this; kubectl v1.32 (label --local -f pod.yaml a=b) says `not labeled`.
    ['the same value is not refused without --overwrite', { a: 'b' }, { a: 'b' }, [], false, { labels: { a: 'b' } }],
    ['overwrite', { a: 'b' }, { a: 'c' }, [], true, { labels: { a: 'c' } }],
    ['add', { a: 'b' }, { c: 'd' }, [], false, { labels: { a: 'b', c: 'd' } }],
    ['remove the last: an empty set', { a: 'b' }, {}, ['a'], false, { labels: {} }],
    ['add and remove', { a: 'b', c: 'd' }, { e: 'f' }, ['a'], false, { labels: { c: 'd', e: 'f' } }],
  ])('%s', (_name, current, set, remove, overwrite, expected) => {
    expect(labelFunc(current, new Map(Object.entries(set)), remove, overwrite)).toEqual(expected);
  });
});

describe("dataChangeMessage (TestLabelMsg, as kubectl's unstructured objects give it)", () => {
  const pod = (labels?: Record<string, string>, resourceVersion?: string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', ...(labels !== undefined ? { labels } : {}), ...(resourceVersion !== undefined ? { resourceVersion } : {}) },
  });
  it.each<[string, KubeObject, KubeObject, boolean, string]>([
    ['a label added to none', pod(), pod({ a: 'b' }), false, 'labeled'],
    ['overwritten', pod({ a: 'b' }), pod({ a: 'c' }), true, 'labeled'],
    ['added', pod({ a: 'b' }), pod({ a: 'b', c: 'd' }), false, 'labeled'],
    ['a resourceVersion set', pod({ a: 'b' }), pod({ a: 'b', c: 'd' }, '2'), false, 'labeled'],
    ['the last removed: shorter', pod({ a: 'b' }), pod({}), false, 'unlabeled'],
    ['the last removed with --overwrite', pod({ a: 'b' }), pod({}), true, 'labeled'],
    ['one removed and one added, as long', pod({ a: 'b', c: 'd' }), pod({ c: 'd', e: 'f' }), false, 'labeled'],
    ['the same value again', pod({ a: 'b' }), pod({ a: 'b' }), true, 'not labeled'],
    // SetLabels keeps an empty map: removing from an object with no labels makes it longer.
    ['an absent label removed from an object with none', pod(), pod({}), false, 'labeled'],
    ['the same labels in another order', pod({ a: 'b', c: 'd' }), pod({ c: 'd', a: 'b' }), false, 'not labeled'],
  ])('%s', (_name, before, after, overwrite, message) => {
    expect(dataChangeMessage(before, after, overwrite)).toBe(message);
  });
});

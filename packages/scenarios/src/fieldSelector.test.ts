import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@dsim/core';
import { checkFieldSelector, FieldSelectorError, fieldSelectorError, fieldSelectorMatches, parseFieldSelector } from './fieldSelector.ts';
import { findResourceType } from './resources.ts';

const pods = findResourceType('pods')!;
const nodes = findResourceType('nodes')!;
const ds = findResourceType('daemonsets')!;
const namespaces = findResourceType('namespaces')!;

const pod = (name: string, nodeName: string | undefined, phase: string, extra: Record<string, unknown> = {}) =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'kube-system' }, spec: { nodeName, ...extra }, status: { phase, podIPs: [{ ip: '10.0.0.7' }] } }) as unknown as KubeObject;

describe('parseFieldSelector (fields.ParseSelector)', () => {
  it.each([
    ['', []],
    ['spec.nodeName=n1', [{ field: 'spec.nodeName', equal: true, value: 'n1' }]],
    ['spec.nodeName==n1', [{ field: 'spec.nodeName', equal: true, value: 'n1' }]],
    ['spec.nodeName!=n1', [{ field: 'spec.nodeName', equal: false, value: 'n1' }]],
    ['spec.nodeName=', [{ field: 'spec.nodeName', equal: true, value: '' }]],
    // Terms are sorted; empty terms are skipped.
    ['status.phase=Running,,metadata.name=a', [{ field: 'metadata.name', equal: true, value: 'a' }, { field: 'status.phase', equal: true, value: 'Running' }]],
    // Escapes in values; the first operator from the left splits.
    ['metadata.name=a\\,b\\=c\\\\', [{ field: 'metadata.name', equal: true, value: 'a,b=c\\' }]],
    ['a!=b!c', [{ field: 'a', equal: false, value: 'b!c' }]],
    // No trimming: the spaces belong to the field and the value.
    ['spec.nodeName = n1', [{ field: 'spec.nodeName ', equal: true, value: ' n1' }]],
  ])('%j', (selector, terms) => {
    expect(parseFieldSelector(selector)).toEqual(terms);
  });

  it.each([
    ['nodeName', "invalid selector: 'nodeName'; can't understand 'nodeName'"],
    ['a=b,c', "invalid selector: 'a=b,c'; can't understand 'c'"],
    ['a=b\\q', 'invalid field selector: invalid escape sequence: \\q'],
    ['a=b\\', 'invalid field selector: invalid escape sequence: \\'],
    ['a==b=c', 'invalid field selector: unescaped character in value: 61'],
    ['a!==b', 'invalid field selector: unescaped character in value: 61'],
  ])('%j is refused: %s', (selector, message) => {
    expect(() => parseFieldSelector(selector)).toThrow(new FieldSelectorError(message));
  });
});

describe('field labels per kind', () => {
  it.each([
    [pods, 'spec.nodeName', undefined],
    [pods, 'status.podIP', undefined],
    [pods, 'metadata.namespace', undefined],
    [pods, 'status.hostIP', 'field label not supported: status.hostIP'],
    [nodes, 'spec.unschedulable', undefined],
    [nodes, 'metadata.name', undefined],
    [nodes, 'metadata.namespace', 'field label not supported: metadata.namespace'],
    [namespaces, 'status.phase', undefined],
    [ds, 'metadata.namespace', undefined],
    [ds, 'spec.nodeName', '"spec.nodeName" is not a known field selector: only "metadata.name", "metadata.namespace"'],
  ])('%s: %s', (type, field, error) => {
    const check = () => checkFieldSelector(type, parseFieldSelector(`${field}=x`));
    if (error === undefined) expect(check).not.toThrow();
    else expect(check).toThrow(new FieldSelectorError(error));
  });
});

describe('fieldSelectorMatches', () => {
  const running = pod('a', 'n1', 'Running');
  const pending = pod('b', undefined, 'Pending', { hostNetwork: true });
  it.each([
    ['spec.nodeName=n1', [true, false]],
    ['spec.nodeName=', [false, true]],
    ['spec.nodeName!=n1', [false, true]],
    ['spec.nodeName!=n1,status.phase=Pending', [false, true]],
    ['status.phase=Running,metadata.name=b', [false, false]],
    ['spec.hostNetwork=false', [true, false]],
    ['status.podIP=10.0.0.7', [true, true]],
    ['metadata.namespace=kube-system', [true, true]],
  ])('%s', (selector, expected) => {
    const terms = parseFieldSelector(selector);
    expect([running, pending].map((p) => fieldSelectorMatches(pods, terms, p))).toEqual(expected);
  });

  it('reads spec.unschedulable as a boolean, false when unset', () => {
    const node = (unschedulable?: boolean) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, spec: { unschedulable } }) as unknown as KubeObject;
    const terms = parseFieldSelector('spec.unschedulable=true');
    expect([node(true), node(false), node()].map((n) => fieldSelectorMatches(nodes, terms, n))).toEqual([true, false, false]);
  });
});

it('words the error as kubectl prints the server\'s refusal', () => {
  expect(fieldSelectorError(pods, 'app=x', 'status.hostIP=1', 'field label not supported: status.hostIP')).toBe(
    'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "app=x", field selector "status.hostIP=1": field label not supported: status.hostIP',
  );
  expect(fieldSelectorError(ds, '', 'a=b', 'x')).toBe('Error from server (BadRequest): Unable to find "apps/v1, Resource=daemonsets" that match label selector "", field selector "a=b": x');
});

import { describe, expect, it } from 'vitest';
import { qualifiedResource } from '../resources.ts';
import { UserError } from '../session.ts';
import { parseResourceArgs, resolveRequests, type ResolveOptions } from './read.ts';

/** The requests as `resource.group NAME...`, or the error's message. */
function resolve(args: string[], options: ResolveOptions = {}): string[] | string {
  try {
    return resolveRequests(args, [], options).map((r) => [qualifiedResource(r.type), ...r.names].join(' '));
  } catch (e) {
    if (e instanceof UserError) return e.message;
    throw e;
  }
}

describe("resource arguments as kubectl's resource builder resolves them", () => {
  it('several types with names: each type with each name, in that order', () => {
    expect(resolve(['pods,ds', 'a', 'b'])).toEqual(['pods a', 'pods b', 'daemonsets.apps a', 'daemonsets.apps b']);
    expect(parseResourceArgs(['pods,ds', 'x']).tuples).toEqual([
      { resource: 'pods', name: 'x' },
      { resource: 'ds', name: 'x' },
    ]);
    // A type listed twice is listed once.
    expect(resolve(['pods,pods', 'x'])).toEqual(['pods x']);
  });

  it('types without names, each once however named; all is its category', () => {
    expect(resolve(['ds,daemonsets,pods'])).toEqual(['daemonsets.apps', 'pods']);
    expect(resolve(['all'])[0]).toBe('pods');
    expect(resolve(['pods,all']).length).toBe(resolve(['all']).length);
  });

  it.each<[string[], string, ResolveOptions?]>([
    [['all', 'x'], 'error: you must specify only one resource'],
    [['all/x'], 'error: the server doesn\'t have a resource type "all"'],
    [['ALL'], 'error: the server doesn\'t have a resource type "ALL"'],
    [['pods/'], 'error: arguments in resource/name form must have a single resource and name'],
    [['/x'], 'error: arguments in resource/name form must have a single resource and name'],
    [['pods,ds/x'], 'error: arguments in resource/name form must have a single resource and name'],
    [['pods/x/y'], 'error: arguments in resource/name form may not have more than one slash'],
    [['pods,ds', 'x/y'], 'error: arguments in resource/name form may not have more than one slash'],
    [
      ['pods', 'x/y'],
      "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'dsim get resource/<resource_name>' instead of 'dsim get resource resource/<resource_name>'",
    ],
    [
      ['pods/x', 'y'],
      "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'dsim get resource/<resource_name>' instead of 'dsim get resource resource/<resource_name>'",
    ],
    [['widgets.v1.example.com', 'x'], 'error: the server doesn\'t have a resource type "widgets"'],
    [['ds', 'x'], 'error: a resource cannot be retrieved by name across all namespaces', { allNamespaces: true }],
    [['nodes', 'ds/x'], "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'dsim get resource/<resource_name>' instead of 'dsim get resource resource/<resource_name>'", { allNamespaces: true }],
    [['nodes/a', 'ds/x'], 'error: a resource cannot be retrieved by name across all namespaces', { allNamespaces: true }],
    [['nodes,pods', 'a'], 'error: a resource cannot be retrieved by name across all namespaces', { allNamespaces: true }],
    // Every type is looked up first.
    [['ds/x', 'widgets/y'], 'error: the server doesn\'t have a resource type "widgets"', { allNamespaces: true }],
    [['pods', 'x'], 'error: name cannot be provided when a selector is specified', { selector: true, allNamespaces: true }],
    [['pods/x'], 'error: selectors and the all flag cannot be used when passing resource/name arguments', { selector: true }],
  ])('%j: %s', (args, message, options = {}) => {
    expect(resolve(args, options)).toBe(message);
  });

  it('names a cluster-scoped type across all namespaces', () => {
    expect(resolve(['nodes', 'a'], { allNamespaces: true })).toEqual(['nodes a']);
    expect(resolve(['no/a', 'ns/b'], { allNamespaces: true })).toEqual(['nodes a', 'namespaces b']);
    expect(resolve(['ds'], { allNamespaces: true, selector: true })).toEqual(['daemonsets.apps']);
  });
});

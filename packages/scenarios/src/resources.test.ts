import { describe, expect, it } from 'vitest';
import { findResourceType, typeOfObject, unknownResourceTypeError } from './resources.ts';

describe('resource arguments as kubectl maps them (the builder\'s mappingFor)', () => {
  it.each([
    ['daemonsets', 'daemonsets'],
    ['DaemonSets', 'daemonsets'],
    ['ds', 'daemonsets'],
    ['daemonset', 'daemonsets'],
    ['daemonsets.apps', 'daemonsets'],
    ['ds.apps', 'daemonsets'],
    ['daemonsets.v1.apps', 'daemonsets'],
    ['ds.v1.apps', 'daemonsets'],
    ['DaemonSet.v1.apps', 'daemonsets'],
    ['pods.v1.', 'pods'],
    ['cronjobs.v1.batch', 'cronjobs'],
    ['clusterroles.v1.rbac.authorization.k8s.io', 'clusterroles'],
    ['clusterroles.rbac.authorization.k8s.io', 'clusterroles'],
  ])('%s is %s', (arg, resource) => {
    expect(findResourceType(arg)?.resource).toBe(resource);
  });

  it.each(['daemonsets.v2.apps', 'daemonsets.v1', 'daemonsets.extensions', 'pods.v1.core', 'pods.v1beta1.', 'all', 'widgets'])('%s is no type', (arg) => {
    expect(findResourceType(arg)).toBeUndefined();
  });

  it('finds a stored kind by its version and group', () => {
    const crontab = typeOfObject('stable.example.com/v1', 'CronTab');
    expect(findResourceType('crontabs.v1.stable.example.com', [crontab])).toBe(crontab);
    expect(findResourceType('crontabs.stable.example.com', [crontab])).toBe(crontab);
    expect(findResourceType('crontabs.v2.stable.example.com', [crontab])).toBeUndefined();
  });

  it('names the resource part only, as given, when no type answers', () => {
    expect(unknownResourceTypeError('widgets')).toBe('error: the server doesn\'t have a resource type "widgets"');
    expect(unknownResourceTypeError('daemonsets.v2.apps')).toBe('error: the server doesn\'t have a resource type "daemonsets"');
    expect(unknownResourceTypeError('Widgets.example.com')).toBe('error: the server doesn\'t have a resource type "Widgets"');
  });
});

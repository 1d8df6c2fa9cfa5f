import type { DaemonSet } from 'kubernetes-types/apps/v1';
import { describe, expect, it } from 'vitest';
import { UserError } from '../session.ts';
import { parseImagePairs, splitResourcesAndPairs, withImages } from './set.ts';

describe('set image arguments, as kubectl splits and parses them', () => {
  const cases: { args: string[]; resources?: string[]; pairs?: string[]; error?: string }[] = [
    { args: ['ds/a', 'c=img:1'], resources: ['ds/a'], pairs: ['c=img:1'] },
    { args: ['ds', 'a', 'b', 'c=x', 'd=y'], resources: ['ds', 'a', 'b'], pairs: ['c=x', 'd=y'] },
    { args: ['ds/a', '*=x'], resources: ['ds/a'], pairs: ['*=x'] },
    // A leading '=' is not a pair (kubectl's rule), so it counts as a resource.
    { args: ['=x', 'c=y'], resources: ['=x'], pairs: ['c=y'] },
    // "c-" looks like a removal, which image updates do not take.
    { args: ['ds/a', 'c-'], resources: ['ds/a'], pairs: ['c-'] },
    { args: ['ds/a', 'c=x', 'ds/b'], error: 'error: all resources must be specified before image changes: ds/b' },
  ];
  for (const c of cases) {
    it(c.args.join(' '), () => {
      if (c.error !== undefined) {
        expect(() => splitResourcesAndPairs(c.args)).toThrow(new UserError(c.error));
        return;
      }
      expect(splitResourcesAndPairs(c.args)).toEqual({ resources: c.resources, pairs: c.pairs });
    });
  }

  it('pairs: the last image given for a container wins; removals and empty names are refused together', () => {
    expect([...parseImagePairs(['a=1', 'b=registry:5000/b:2', 'a=3'])]).toEqual([
      ['a', '3'],
      ['b', 'registry:5000/b:2'],
    ]);
    expect([...parseImagePairs(['a='])]).toEqual([['a', '']]);
    expect(() => parseImagePairs(['a-', 'b=1', 'c-'])).toThrow(new UserError('error: invalid image format: a-, c-'));
  });
});

describe('withImages', () => {
  const ds: DaemonSet = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'd' },
    spec: {
      selector: { matchLabels: { app: 'd' } },
      template: {
        metadata: { labels: { app: 'd' } },
        spec: {
          initContainers: [{ name: 'init', image: 'i:1' }],
          containers: [
            { name: 'main', image: 'm:1', ports: [{ containerPort: 80 }] },
            { name: 'side', image: 's:1' },
          ],
        },
      },
    },
  };
  const images = (d: DaemonSet) => [...(d.spec!.template.spec!.initContainers ?? []), ...d.spec!.template.spec!.containers].map((c) => `${c.name}=${c.image}`);

  it('sets the named containers, init containers included, and keeps everything else', () => {
    const r = withImages(ds, new Map([['main', 'm:2'], ['init', 'i:2']]));
    expect(r.missing).toEqual([]);
    expect(images(r.daemonSet)).toEqual(['init=i:2', 'main=m:2', 'side=s:1']);
    expect(r.daemonSet.spec!.template.spec!.containers[0]!.ports).toEqual([{ containerPort: 80 }]);
    expect(images(ds)).toEqual(['init=i:1', 'main=m:1', 'side=s:1']);
  });

  it('* sets every container; a name that matches none is reported', () => {
    expect(images(withImages(ds, new Map([['*', 'x']])).daemonSet)).toEqual(['init=x', 'main=x', 'side=x']);
    const r = withImages(ds, new Map([['ghost', 'g'], ['side', 's:2']]));
    expect(r.missing).toEqual(['ghost']);
    expect(images(r.daemonSet)).toEqual(['init=i:1', 'main=m:1', 'side=s:2']);
  });
});

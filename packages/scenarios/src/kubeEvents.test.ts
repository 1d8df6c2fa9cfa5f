// The core/v1 recorders' EventCorrelator, case by case as client-go's own TestEventCorrelator and
// TestEventSpamFilter (tools/record/events_cache_test.go) play them: earlier events at a fixed
// interval, then one more, and what the API server is then asked to store.
import { describe, expect, it } from 'vitest';
import { EventCorrelator, eventsOf, type ObjectEvent } from './kubeEvents.ts';

interface Ev {
  readonly reason: string;
  readonly message: string;
  readonly fieldPath?: string;
  readonly object?: string;
}

const POD = 'kubelet\u0000node-1\u0000Pod/my-ns/my-pod\u00001';
const play = (c: EventCorrelator, e: Ev, t: number) => c.correlate(e.object ?? POD, 'Normal', e.reason, e.fieldPath ?? '', e.message, t);
const times = (n: number, e: Ev): Ev[] => Array.from({ length: n }, () => e);
const similar = (n: number, e: Ev): Ev[] => Array.from({ length: n }, (_, i) => ({ ...e, message: `${e.message}${i}` }));

const duplicate: Ev = { reason: 'duplicate', message: 'me again' };
const similarEvent: Ev = { reason: 'similar', message: 'similar message', fieldPath: 'spec.containers{container1}' };

describe('EventCorrelator', () => {
  it.each<{ name: string; previous: Ev[]; next: Ev; intervalSeconds: number; expected: { message: string; count: number } | 'skip' }>([
    { name: 'create a single event', previous: [], next: { reason: 'first', message: 'i am first' }, intervalSeconds: 5, expected: { message: 'i am first', count: 1 } },
    { name: 'the same event just counts', previous: times(1, duplicate), next: duplicate, intervalSeconds: 5, expected: { message: 'me again', count: 2 } },
    {
      name: 'the same event just counts, even more times than aggregation takes',
      previous: times(10, duplicate),
      next: duplicate,
      intervalSeconds: 30,
      expected: { message: 'me again', count: 11 },
    },
    { name: 'the same event is spam if it happens too often', previous: times(26, duplicate), next: duplicate, intervalSeconds: 1, expected: 'skip' },
    {
      name: 'many unique events',
      previous: Array.from({ length: 30 }, (_, i) => ({ reason: `reason:${i}`, message: `message:${i}`, object: `kubelet\u0000node-1\u0000Pod/my-ns:${i}/my-pod:${i}\u00001` })),
      next: { reason: 'unique', message: 'snowflake' },
      intervalSeconds: 5,
      expected: { message: 'snowflake', count: 1 },
    },
    {
      name: 'similar events aggregate',
      previous: similar(9, similarEvent),
      next: similarEvent,
      intervalSeconds: 5,
      expected: { message: '(combined from similar events): similar message', count: 1 },
    },
    {
      name: 'similar events many times count the aggregate',
      previous: similar(10, similarEvent),
      next: similarEvent,
      intervalSeconds: 5,
      expected: { message: '(combined from similar events): similar message', count: 2 },
    },
    {
      name: 'events from different containers do not aggregate',
      previous: [{ ...similarEvent, fieldPath: 'spec.containers{container2}' }],
      next: similarEvent,
      intervalSeconds: 5,
      expected: { message: 'similar message', count: 1 },
    },
    {
      name: 'similar events further apart than the aggregate interval do not aggregate',
      previous: similar(9, similarEvent),
      next: similarEvent,
      intervalSeconds: 601,
      expected: { message: 'similar message', count: 1 },
    },
  ])('$name', ({ previous, next, intervalSeconds, expected }) => {
    const c = new EventCorrelator();
    previous.forEach((e, i) => play(c, e, i * intervalSeconds * 1000));
    const r = play(c, next, previous.length * intervalSeconds * 1000);
    if (expected === 'skip') expect(r).toBeUndefined();
    else expect(r).toMatchObject(expected);
  });

  it('lets one event through per five minutes after the burst of 25, counting the ones it dropped', () => {
    const c = new EventCorrelator();
    for (let i = 0; i < 25; i++) expect(play(c, duplicate, i)).toMatchObject({ count: i + 1 });
    expect(play(c, duplicate, 30)).toBeUndefined();
    expect(play(c, duplicate, 299_999)).toBeUndefined();
    // 300 s after the 25th: one token back. The stored event's count takes in the two dropped.
    expect(play(c, duplicate, 300_024)).toEqual({ key: expect.any(String), message: 'me again', firstAt: 0, count: 28 });
    expect(play(c, duplicate, 300_025)).toBeUndefined();
  });

  it('throttles by source and object: another object, or another source, has a bucket of its own', () => {
    const c = new EventCorrelator();
    for (let i = 0; i < 25; i++) play(c, duplicate, 0);
    expect(play(c, { ...duplicate, reason: 'other' }, 0)).toBeUndefined();
    expect(play(c, { ...duplicate, object: 'kubelet\u0000node-1\u0000Pod/my-ns/other-pod\u00001' }, 0)).toMatchObject({ count: 1 });
    expect(play(c, { ...duplicate, object: 'kubelet\u0000node-2\u0000Pod/my-ns/my-pod\u00001' }, 0)).toMatchObject({ count: 1 });
  });

  it('keeps the combined event as one, its message the latest, as a DaemonSet creating many pods shows it', () => {
    const c = new EventCorrelator();
    const ds = 'daemonset-controller\u0000\u0000DaemonSet/default/agent\u00001';
    const created = Array.from({ length: 12 }, (_, i) => c.correlate(ds, 'Normal', 'SuccessfulCreate', '', `Created pod: agent-${i}`, 0)!);
    expect(new Set(created.map((r) => r.key)).size).toBe(10);
    expect(created.slice(0, 9).map((r) => r.message)).toEqual(Array.from({ length: 9 }, (_, i) => `Created pod: agent-${i}`));
    expect(created.slice(9).map((r) => [r.message, r.count])).toEqual([
      ['(combined from similar events): Created pod: agent-9', 1],
      ['(combined from similar events): Created pod: agent-10', 2],
      ['(combined from similar events): Created pod: agent-11', 3],
    ]);
  });
});

describe('eventsOf', () => {
  const event = (kind: string, namespace: string | undefined, name: string, reason: string): ObjectEvent => ({
    namespace: namespace ?? 'default',
    involved: { apiVersion: 'v1', kind, name, ...(namespace !== undefined ? { namespace } : {}) },
    type: 'Normal',
    reason,
    from: 'kubelet',
    message: reason,
    firstAt: 0,
    lastAt: 0,
    count: 1,
  });

  it('picks an object\'s own events in order, by kind, name and (when given) namespace', () => {
    const events = [event('Pod', 'a', 'web', 'Scheduled'), event('Pod', 'b', 'web', 'Scheduled'), event('Node', undefined, 'web', 'NodeReady'), event('Pod', 'a', 'web', 'Pulled')];
    expect(eventsOf(events, 'Pod', 'a', 'web').map((e) => e.reason)).toEqual(['Scheduled', 'Pulled']);
    expect(eventsOf(events, 'Pod', 'b', 'web')).toEqual([events[1]]);
    expect(eventsOf(events, 'Node', undefined, 'web')).toEqual([events[2]]);
    expect(eventsOf(events, 'Pod', 'c', 'web')).toEqual([]);
    expect(eventsOf(events, 'DaemonSet', 'a', 'web')).toEqual([]);
  });

  it('reads each event a bounded number of times however many objects are described (describe pods on a large cluster)', () => {
    let reads = 0;
    const objects = 2000;
    const events = Array.from({ length: objects * 5 }, (_, i) => {
      const e = event('Pod', 'kube-system', `agent-${i % objects}`, `r${i}`);
      return new Proxy(e, {
        get(target, key, receiver) {
          if (key === 'involved') reads++;
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
    });
    for (let i = 0; i < objects; i++) expect(eventsOf(events, 'Pod', 'kube-system', `agent-${i}`)).toHaveLength(5);
    // A filter of the whole list per object reads 2,000 × 10,000 times; an index, a few times each.
    expect(reads).toBeLessThan(events.length * 4);
  });
});

// Tests for the discrete-event queue: (time, priority, insertion) order, as in SimPy, checked on
// examples and as a property against a stable sort.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns, propertyTimeout } from '../test/runs.ts';
import { EventQueue } from './queue.ts';

describe('EventQueue', () => {
  it('pops by time, then priority, then insertion order', () => {
    const q = new EventQueue<string>();
    q.push(10, 'c');
    q.push(5, 'b', 1);
    q.push(5, 'a', 0);
    q.push(5, 'b2', 1);
    q.push(0, 'first');
    expect(q.size).toBe(5);
    expect(q.peek()?.item).toBe('first');
    const out: string[] = [];
    for (let e = q.pop(); e !== undefined; e = q.pop()) out.push(e.item);
    expect(out).toEqual(['first', 'a', 'b', 'b2', 'c']);
    expect(q.size).toBe(0);
    expect(q.pop()).toBeUndefined();
    expect(q.peek()).toBeUndefined();
  });

  it('push returns increasing insertion ids; items() shows what waits', () => {
    const q = new EventQueue<number>();
    const ids = [q.push(3, 1), q.push(1, 2), q.push(2, 3)];
    expect(ids).toEqual([0, 1, 2]);
    expect(q.items().map((s) => s.item).sort()).toEqual([1, 2, 3]);
    q.pop();
    expect(q.push(0, 4)).toBe(3);
  });

  it('agrees with a stable sort under any interleaving of pushes and pops', () => {
    const op = fc.oneof(
      fc.record({ push: fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: -2, max: 2 })) }),
      fc.constant({ pop: true as const }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const q = new EventQueue<number>();
        const ref: { at: number; priority: number; id: number }[] = [];
        let id = 0;
        for (const o of ops) {
          if ('push' in o) {
            const [at, priority] = o.push;
            q.push(at, id, priority);
            ref.push({ at, priority, id: id++ });
          } else {
            ref.sort((a, b) => a.at - b.at || a.priority - b.priority || a.id - b.id);
            const want = ref.shift();
            expect(q.pop()?.item).toBe(want?.id);
          }
          expect(q.size).toBe(ref.length);
        }
      }),
      { numRuns: propertyRuns(100) },
    );
  }, propertyTimeout());
});

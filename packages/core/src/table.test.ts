import { Immer } from 'immer';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import './immerSetup.ts';
import { emptyTable, tableDelete, tableEntries, tableForEach, tableFrom, tableGet, tableHas, tableSet, type Table } from './table.ts';

const immer = new Immer({ autoFreeze: true });

describe('table', () => {
  it('behaves like a Map under any sequence of sets and deletes, through immer', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.string({ maxLength: 4 }), fc.integer()), { maxLength: 200 }),
        (ops) => {
          let t: Table<number> = emptyTable();
          const m = new Map<string, number>();
          for (const [set, k, v] of ops) {
            const before = t;
            const snapshot = [...tableEntries(before)];
            t = immer.produce(t, (d) => {
              if (set) tableSet(d as Table<number>, k, v);
              else tableDelete(d as Table<number>, k);
            });
            if (set) m.set(k, v);
            else m.delete(k);
            // The previous version is untouched (structural sharing, no mutation).
            expect([...tableEntries(before)]).toEqual(snapshot);
          }
          expect(t.size).toBe(m.size);
          for (const [k, v] of m) expect(tableGet(t, k)).toBe(v);
          expect(new Map(tableEntries(t))).toEqual(m);
          let n = 0;
          tableForEach(t, (v, k) => {
            expect(m.get(k)).toBe(v);
            n++;
          });
          expect(n).toBe(m.size);
        },
      ),
    );
  });

  it('iterates in an order fixed by the keys, not by insertion history', () => {
    const a = tableFrom([['x', 1], ['y', 2], ['z', 3]]);
    const b = tableFrom([['z', 3], ['x', 1], ['y', 2]]);
    expect([...tableEntries(a)]).toEqual([...tableEntries(b)]);
  });

  it('reports membership and ignores deletes of absent keys', () => {
    const t = immer.produce(tableFrom([['a', 1]]), (d) => {
      expect(tableDelete(d as Table<number>, 'nope')).toBe(false);
    });
    expect(tableHas(t, 'a')).toBe(true);
    expect(tableHas(t, 'b')).toBe(false);
    expect(t.size).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  emptyTable,
  tableAddNamed,
  tableDelete,
  tableDeleteNamed,
  tableEntries,
  tableForEach,
  tableFrom,
  tableGet,
  tableGetNamed,
  tableHas,
  tableMapFilter,
  tableSet,
  tableSetNamed,
  withTableOwner,
  type Table,
} from './table.ts';

describe('table', () => {
  // First in the file: the named hash remembers the last namespace, and before any it must not
  // take the empty one for remembered (it once did, and filed ("", x) under a wrong hash).
  it('finds a named value in the empty namespace when it is the first namespace hashed', () => {
    const rec = { namespace: '', name: 'x' };
    const t = tableSetNamed(emptyTable<typeof rec>(), rec);
    expect(tableGet(t, '/x')).toBe(rec);
    expect(tableSetNamed(t, { ...rec }).size).toBe(1);
  });

  it('behaves like a Map under any sequence of sets and deletes, in batches of any size', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.string({ maxLength: 4 }), fc.integer(), fc.boolean()), { maxLength: 200 }),
        (ops) => {
          let t: Table<number> = emptyTable();
          const m = new Map<string, number>();
          // Each op either joins the current batch or starts a new one; versions from earlier
          // batches are kept and must never change.
          const kept: Array<[Table<number>, Array<[string, number]>]> = [];
          let batch: object = {};
          for (const [set, k, v, newBatch] of ops) {
            if (newBatch) {
              kept.push([t, [...tableEntries(t)]]);
              batch = {};
            }
            t = withTableOwner(() => (set ? tableSet(t, k, v) : tableDelete(t, k)), batch);
            if (set) m.set(k, v);
            else m.delete(k);
          }
          for (const [old, entries] of kept) expect([...tableEntries(old)]).toEqual(entries);
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

  type Rec = { namespace: string; name: string; v: number };
  type Op = 'set' | 'setNamed' | 'addNamed' | 'delete' | 'deleteNamed';
  const OPS: Op[] = ['set', 'setNamed', 'addNamed', 'delete', 'deleteNamed'];

  /**
   * Runs keyed and named writes on a table and on a Map side by side, each op joining the current
   * batch or starting a new one, and checks the table against the Map (and every earlier version
   * against what it held): returns the final table and Map.
   */
  function replayAgainstMap(ops: ReadonlyArray<readonly [Op, string, string, number, boolean]>): [Table<Rec>, Map<string, Rec>] {
    let t: Table<Rec> = emptyTable();
    const m = new Map<string, Rec>();
    const kept: Array<[Table<Rec>, Array<[string, Rec]>]> = [];
    let batch: object = {};
    for (const [op, namespace, name, v, newBatch] of ops) {
      if (newBatch) {
        kept.push([t, [...tableEntries(t)]]);
        batch = {};
      }
      const key = `${namespace}/${name}`;
      const rec: Rec = { namespace, name, v };
      t = withTableOwner(() => {
        switch (op) {
          case 'set':
            return tableSet(t, key, rec);
          case 'setNamed':
            return tableSetNamed(t, rec);
          case 'addNamed':
            return tableAddNamed(t, rec);
          case 'delete':
            return tableDelete(t, key);
          case 'deleteNamed':
            return tableDeleteNamed(t, namespace, name);
        }
      }, batch);
      if (op === 'set' || op === 'setNamed' || (op === 'addNamed' && !m.has(key))) m.set(key, rec);
      if (op === 'delete' || op === 'deleteNamed') m.delete(key);
    }
    for (const [old, entries] of kept) expect([...tableEntries(old)]).toEqual(entries);
    expect(t.size).toBe(m.size);
    expect(new Map(tableEntries(t))).toEqual(m);
    for (const [, namespace, name] of ops) {
      const key = `${namespace}/${name}`;
      expect(tableGetNamed(t, namespace, name)).toBe(m.get(key));
      expect(tableGet(t, key)).toBe(m.get(key));
      expect(tableHas(t, key)).toBe(m.has(key));
    }
    return [t, m];
  }

  it('finds named values by their parts as by their `namespace/name` key, whichever way they were written', () => {
    // Namespaces from a small set (the hash remembers the last one), names that share prefixes.
    const part = (max: number) => fc.string({ unit: fc.constantFrom('a', 'b', '-', '.', 'é'), maxLength: max });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...OPS), part(3), part(4), fc.integer(), fc.boolean()), { maxLength: 200 }), (ops) => {
        replayAgainstMap(ops);
      }),
    );
  });

  // Names whose keys `ns/name` hash to the same slot at the bottom of the trie: table.ts hashes
  // keys with FNV-1a and takes its lowest 18 bits, six per level. Found by search, in groups of
  // three or more, so that slots hold one key, a leaf of several, and back again.
  const collidingNames = (() => {
    const bySlot = new Map<number, string[]>();
    for (let i = 0; i < 120_000; i++) {
      const key = `ns/p${i}`;
      let h = 0x811c9dc5;
      for (let j = 0; j < key.length; j++) h = Math.imul(h ^ key.charCodeAt(j), 0x01000193);
      const slot = (h >>> 0) & 0x3ffff;
      const group = bySlot.get(slot);
      if (group === undefined) bySlot.set(slot, [`p${i}`]);
      else group.push(`p${i}`);
    }
    return [...bySlot.values()].filter((g) => g.length >= 3).slice(0, 12).flat();
  })();

  it('keeps keys that share a slot apart through sets, deletes and batches, keyed or named', () => {
    expect(collidingNames.length).toBeGreaterThanOrEqual(36);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...OPS), fc.constant('ns'), fc.constantFrom(...collidingNames), fc.integer(), fc.boolean()), { maxLength: 300 }),
        (ops) => {
          const [t, m] = replayAgainstMap(ops);
          // A copy keyed alike keeps the same entries, in the same order, minus those dropped.
          const odd = withTableOwner(() => tableMapFilter(t, (r) => (r.v % 2 !== 0 ? r.v : undefined)));
          expect([...tableEntries(odd)]).toEqual([...tableEntries(t)].filter(([, r]) => r.v % 2 !== 0).map(([k, r]) => [k, r.v]));
          expect(odd.size).toBe([...m.values()].filter((r) => r.v % 2 !== 0).length);
          let n = 0;
          tableForEach(t, (r, k) => {
            expect(m.get(k)).toBe(r);
            n++;
          });
          expect(n).toBe(m.size);
        },
      ),
    );
  });

  it('adds a named value only when its name is free, leaving the table as it was otherwise', () => {
    const a = { namespace: 'kube-system', name: 'p', v: 1 };
    const t = tableAddNamed(emptyTable<typeof a>(), a);
    const again = tableAddNamed(t, { ...a, v: 2 });
    expect(again.size).toBe(1);
    expect(tableGetNamed(again, 'kube-system', 'p')).toBe(a);
    expect(tableGetNamed(t, 'default', 'p')).toBeUndefined();
  });

  it('maps and filters like the same sets in order, keeping the source and its order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 4 }), fc.integer()), { maxLength: 300 }), fc.integer({ min: 1, max: 5 }), (entries, keepEvery) => {
        const source = tableFrom(entries);
        const before = [...tableEntries(source)];
        const fn = (v: number, k: string) => (Math.abs(v) % keepEvery === 0 ? `${k}=${v}` : undefined);
        const mapped = withTableOwner(() => tableMapFilter(source, fn));
        // The same as writing the kept entries one by one, in the source's order.
        const expected = tableFrom(before.flatMap(([k, v]) => (fn(v, k) === undefined ? [] : [[k, fn(v, k)!] as const])));
        expect([...tableEntries(mapped)]).toEqual([...tableEntries(expected)]);
        expect(mapped.size).toBe(expected.size);
        for (const [k, v] of tableEntries(expected)) expect(tableGet(mapped, k)).toBe(v);
        expect([...tableEntries(source)]).toEqual(before);
        // The copy is a table like any other: writes and deletes in a later batch leave it alone.
        const keys = before.map(([k]) => k);
        const changed = withTableOwner(() => keys.reduce((t, k, i) => (i % 2 === 0 ? tableDelete(t, k) : tableSet(t, k, 'x')), mapped));
        expect([...tableEntries(mapped)]).toEqual([...tableEntries(expected)]);
        expect(changed.size).toBe(Math.floor(keys.length / 2));
      }),
    );
  });

  it('iterates in an order fixed by the keys, not by insertion history', () => {
    const a = tableFrom([['x', 1], ['y', 2], ['z', 3]]);
    const b = tableFrom([['z', 3], ['x', 1], ['y', 2]]);
    expect([...tableEntries(a)]).toEqual([...tableEntries(b)]);
  });

  it('never changes a table outside a batch: each write returns a new version', () => {
    const a = tableFrom([['a', 1]]);
    const b = tableSet(a, 'b', 2);
    const c = tableDelete(b, 'a');
    expect([...tableEntries(a)]).toEqual([['a', 1]]);
    expect(b.size).toBe(2);
    expect([...tableEntries(c)]).toEqual([['b', 2]]);
  });

  it('changes a table in place only inside the batch that made it', () => {
    const owner = {};
    const t = withTableOwner(() => tableSet(emptyTable<number>(), 'a', 1), owner);
    expect(withTableOwner(() => tableSet(t, 'b', 2), owner)).toBe(t);
    const other = withTableOwner(() => tableSet(t, 'c', 3));
    expect(other).not.toBe(t);
    expect(tableHas(t, 'c')).toBe(false);
  });

  it('reports membership and ignores deletes of absent keys', () => {
    const t0 = tableFrom([['a', 1]]);
    const t = tableDelete(t0, 'nope');
    expect(t).toBe(t0);
    expect(tableHas(t, 'a')).toBe(true);
    expect(tableHas(t, 'b')).toBe(false);
    expect(t.size).toBe(1);
  });
});

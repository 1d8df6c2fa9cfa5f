// A persistent string-keyed table that immer can update in time independent of its size.
// Callers never see the layout: use the functions below.
//
// Why not one Map: immer copies a container in full on its first write in each `produce`, so
// one `produce` per event over a 100,000-entry Map costs tens of milliseconds. Here the entries
// live in small arrays at the leaves of a fixed 3-level trie of 64-wide nodes (262,144 leaves),
// chosen by an FNV-1a hash of the key.
//
// Why the table and its trie are classes immer leaves alone: drafting them made every read
// inside `produce` walk proxies (about half the reducer's time, profiled twice: first the trie's
// nodes, then the `{size, root}` header). Instead a table is persistent by itself: a write
// returns a new version that copies the path to one leaf, and the header and nodes made during
// one batch carry that batch's owner token, so later writes in the same batch change them in
// place (Clojure's transients). Outside a batch (no owner) every write copies, so a table that is
// shared is never changed. The reducer stores the returned version back into its draft once.

/** A string-keyed table of V, read with `tableGet` and changed only through `tableSet`/`tableDelete`. */
export interface Table<V> {
  readonly size: number;
  /** @internal marks the value type. */
  readonly __values?: V;
}

/** An inner node of the trie. */
class TrieNode {
  constructor(
    public owner: object | null,
    readonly slots: Array<TrieNode | TrieLeaf<unknown> | undefined>,
  ) {}
}

/**
 * A leaf: the entries whose keys hash to it, as a flat array `[key0, value0, key1, value1, …]` in
 * insertion order. A leaf holds a handful of entries (about four at a million), so a scan beats a
 * Map, and copying one on write is a slice (a Map per leaf made the garbage collector a third of
 * the fold's time, profiled).
 */
class TrieLeaf<V> {
  constructor(
    public owner: object | null,
    readonly kv: Array<string | V>,
  ) {}
}

/** Where key sits in a leaf's array, or -1. */
function slotOf(kv: readonly unknown[], key: string): number {
  for (let i = 0; i < kv.length; i += 2) if (kv[i] === key) return i;
  return -1;
}

/** The table itself: a class, so immer never drafts it, with the batch that may change it in place. */
class TableHeader {
  constructor(
    public owner: object | null,
    public size: number,
    public root: TrieNode,
  ) {}
}

/** Whether x is a table (for code that walks state generically, such as snapshots). */
export function isTable(x: unknown): x is Table<unknown> {
  return x instanceof TableHeader;
}

function header<V>(t: Table<V>): TableHeader {
  return t as unknown as TableHeader;
}

/** The table itself if the current batch owns it, else a copy of its header that it owns. */
function ownHeader<V>(t: Table<V>): TableHeader {
  const h = header(t);
  return currentOwner !== null && h.owner === currentOwner ? h : new TableHeader(currentOwner, h.size, h.root);
}

let currentOwner: object | null = null;

/**
 * Runs fn as one batch: trie nodes made inside it may be changed in place by later writes inside
 * it. The reducer wraps each `produce` in one; `owner` lets a caller keep a batch open (the
 * engine's in-place mode).
 */
export function withTableOwner<T>(fn: () => T, owner: object = {}): T {
  const previous = currentOwner;
  currentOwner = owner;
  try {
    return fn();
  } finally {
    currentOwner = previous;
  }
}

function ownNode(n: TrieNode): TrieNode {
  return currentOwner !== null && n.owner === currentOwner ? n : new TrieNode(currentOwner, n.slots.slice());
}

function ownLeaf<V>(l: TrieLeaf<V>): TrieLeaf<V> {
  return currentOwner !== null && l.owner === currentOwner ? l : new TrieLeaf(currentOwner, l.kv.slice());
}

const BITS = 6;
const WIDTH = 1 << BITS;
const MASK = WIDTH - 1;
const DEPTH = 3;

function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function emptySlots(): Array<undefined> {
  return new Array<undefined>(WIDTH).fill(undefined);
}

/** A new, empty table. */
export function emptyTable<V>(): Table<V> {
  return new TableHeader(currentOwner, 0, new TrieNode(currentOwner, emptySlots())) as unknown as Table<V>;
}

function leafOf<V>(table: Table<V>, key: string): TrieLeaf<V> | undefined {
  const h = hashKey(key);
  let node = header(table).root;
  for (let d = 0; d < DEPTH - 1; d++) {
    const next = node.slots[(h >>> (d * BITS)) & MASK] as TrieNode | undefined;
    if (next === undefined) return undefined;
    node = next;
  }
  return node.slots[(h >>> ((DEPTH - 1) * BITS)) & MASK] as TrieLeaf<V> | undefined;
}

/** The value stored under key, or undefined. */
export function tableGet<V>(table: Table<V>, key: string): V | undefined {
  const leaf = leafOf(table, key);
  if (leaf === undefined) return undefined;
  const i = slotOf(leaf.kv, key);
  return i < 0 ? undefined : (leaf.kv[i + 1] as V);
}

/** Whether key is in the table. */
export function tableHas<V>(table: Table<V>, key: string): boolean {
  const leaf = leafOf(table, key);
  return leaf !== undefined && slotOf(leaf.kv, key) >= 0;
}

/** The leaf for key in t (owned), owned by the current batch (copying the path as needed), created if missing. */
function writableLeaf<V>(t: TableHeader, key: string): TrieLeaf<V> {
  const h = hashKey(key);
  const root = ownNode(t.root);
  if (root !== t.root) t.root = root;
  let node = root;
  for (let d = 0; d < DEPTH - 1; d++) {
    const i = (h >>> (d * BITS)) & MASK;
    const child = node.slots[i] as TrieNode | undefined;
    const owned = child === undefined ? new TrieNode(currentOwner, emptySlots()) : ownNode(child);
    if (owned !== child) node.slots[i] = owned;
    node = owned;
  }
  const i = (h >>> ((DEPTH - 1) * BITS)) & MASK;
  const leaf = node.slots[i] as TrieLeaf<V> | undefined;
  const owned = leaf === undefined ? new TrieLeaf<V>(currentOwner, []) : ownLeaf(leaf);
  if (owned !== leaf) node.slots[i] = owned as TrieLeaf<unknown>;
  return owned;
}

/**
 * Stores value under key and returns the table to use from now on: `table` itself when the
 * current batch (`withTableOwner`) owns it, else a new version sharing all but the path to one
 * leaf. The table passed in is never changed unless the batch owns it, so
 * `t = tableSet(t, k, v)` is safe on any table, shared or not.
 */
export function tableSet<V>(table: Table<V>, key: string, value: V): Table<V> {
  const t = ownHeader(table);
  const leaf = writableLeaf<V>(t, key);
  const i = slotOf(leaf.kv, key);
  if (i >= 0) leaf.kv[i + 1] = value;
  else {
    leaf.kv.push(key, value);
    t.size++;
  }
  return t as unknown as Table<V>;
}

/** Removes key and returns the table to use from now on, as `tableSet` does (the same table when key is absent). */
export function tableDelete<V>(table: Table<V>, key: string): Table<V> {
  if (!tableHas(table, key)) return table;
  const t = ownHeader(table);
  const kv = writableLeaf<V>(t, key).kv;
  kv.splice(slotOf(kv, key), 2);
  t.size--;
  return t as unknown as Table<V>;
}

/**
 * Every entry, in an order fixed by the keys' hashes (the same for the same set of keys, so
 * iteration is deterministic). Read frozen state, not drafts: each draft read makes a proxy.
 */
export function* tableEntries<V>(table: Table<V>): IterableIterator<[string, V]> {
  for (const a of header(table).root.slots as (TrieNode | undefined)[]) {
    if (a === undefined) continue;
    for (const b of a.slots as (TrieNode | undefined)[]) {
      if (b === undefined) continue;
      for (const leaf of b.slots as (TrieLeaf<V> | undefined)[]) {
        if (leaf === undefined) continue;
        const kv = leaf.kv;
        for (let i = 0; i < kv.length; i += 2) yield [kv[i] as string, kv[i + 1] as V];
      }
    }
  }
}

/** Every value, in `tableEntries` order. */
export function* tableValues<V>(table: Table<V>): IterableIterator<V> {
  for (const [, v] of tableEntries(table)) yield v;
}

/** Calls fn for every entry: the fast path for hot loops (no iterator objects). */
export function tableForEach<V>(table: Table<V>, fn: (value: V, key: string) => void): void {
  for (const a of header(table).root.slots as (TrieNode | undefined)[]) {
    if (a === undefined) continue;
    for (const b of a.slots as (TrieNode | undefined)[]) {
      if (b === undefined) continue;
      for (const leaf of b.slots as (TrieLeaf<V> | undefined)[]) {
        if (leaf === undefined) continue;
        const kv = leaf.kv;
        for (let i = 0; i < kv.length; i += 2) fn(kv[i + 1] as V, kv[i] as string);
      }
    }
  }
}

/** Builds a table from entries without immer: for fixtures and snapshots. */
export function tableFrom<V>(entries: Iterable<readonly [string, V]>): Table<V> {
  return withTableOwner(() => {
    let t = emptyTable<V>();
    for (const [k, v] of entries) t = tableSet(t, k, v);
    return t;
  });
}

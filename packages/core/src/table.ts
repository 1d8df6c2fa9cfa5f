// A persistent string-keyed table that immer can update in time independent of its size.
// Callers never see the layout: use the functions below.
//
// Why not one Map: immer copies a container in full on its first write in each `produce`, so
// one `produce` per event over a 100,000-entry Map costs tens of milliseconds. Here the entries
// live in small Maps at the leaves of a fixed 3-level trie of 64-wide nodes (262,144 leaves),
// chosen by an FNV-1a hash of the key.
//
// Why the trie's nodes are classes immer leaves alone: drafting them made every read inside
// `produce` walk three proxies (about half the reducer's time, profiled). Instead the trie is
// persistent by itself: a write copies the path to its leaf, and nodes made during one batch
// carry that batch's owner token, so later writes in the same batch change them in place
// (Clojure's transients). Outside a batch (no owner) every write copies its path, so a table
// that is shared is never changed. Only the small `{size, root}` object is an immer draft.

/** A string-keyed table of V, to be read with `tableGet` and changed only inside `produce`. */
export interface Table<V> {
  readonly size: number;
  /** @internal the trie (opaque); nodes and leaves are created on first use. */
  readonly root: unknown;
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

/** A leaf: the entries whose keys hash to it. */
class TrieLeaf<V> {
  constructor(
    public owner: object | null,
    readonly map: Map<string, V>,
  ) {}
}

type MutableTable = { size: number; root: TrieNode };

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
  return currentOwner !== null && l.owner === currentOwner ? l : new TrieLeaf(currentOwner, new Map(l.map));
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
  return { size: 0, root: new TrieNode(null, emptySlots()) } as unknown as Table<V>;
}

function leafOf<V>(table: Table<V>, key: string): TrieLeaf<V> | undefined {
  const h = hashKey(key);
  let node = (table as unknown as MutableTable).root;
  for (let d = 0; d < DEPTH - 1; d++) {
    const next = node.slots[(h >>> (d * BITS)) & MASK] as TrieNode | undefined;
    if (next === undefined) return undefined;
    node = next;
  }
  return node.slots[(h >>> ((DEPTH - 1) * BITS)) & MASK] as TrieLeaf<V> | undefined;
}

/** The value stored under key, or undefined. Works on frozen state and on drafts alike. */
export function tableGet<V>(table: Table<V>, key: string): V | undefined {
  return leafOf(table, key)?.map.get(key);
}

/** Whether key is in the table. */
export function tableHas<V>(table: Table<V>, key: string): boolean {
  return leafOf(table, key)?.map.has(key) ?? false;
}

/** The leaf for key, owned by the current batch (copying the path as needed), created if missing. */
function writableLeaf<V>(table: Table<V>, key: string): TrieLeaf<V> {
  const t = table as unknown as MutableTable;
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
  const owned = leaf === undefined ? new TrieLeaf<V>(currentOwner, new Map()) : ownLeaf(leaf);
  if (owned !== leaf) node.slots[i] = owned as TrieLeaf<unknown>;
  return owned;
}

/**
 * Stores value under key. `table` is an immer draft or a table the caller owns: only the path
 * to one leaf is copied, and within one batch (`withTableOwner`) not even that twice.
 */
export function tableSet<V>(table: Table<V>, key: string, value: V): void {
  const leaf = writableLeaf(table, key);
  if (!leaf.map.has(key)) (table as unknown as MutableTable).size++;
  leaf.map.set(key, value);
}

/** Removes key; returns whether it was there. `table` as for `tableSet`. */
export function tableDelete<V>(table: Table<V>, key: string): boolean {
  if (!tableHas(table, key)) return false;
  writableLeaf(table, key).map.delete(key);
  (table as unknown as MutableTable).size--;
  return true;
}

/**
 * Every entry, in an order fixed by the keys' hashes (the same for the same set of keys, so
 * iteration is deterministic). Read frozen state, not drafts: each draft read makes a proxy.
 */
export function* tableEntries<V>(table: Table<V>): IterableIterator<[string, V]> {
  for (const a of (table as unknown as MutableTable).root.slots as (TrieNode | undefined)[]) {
    if (a === undefined) continue;
    for (const b of a.slots as (TrieNode | undefined)[]) {
      if (b === undefined) continue;
      for (const leaf of b.slots as (TrieLeaf<V> | undefined)[]) {
        if (leaf !== undefined) yield* leaf.map;
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
  for (const a of (table as unknown as MutableTable).root.slots as (TrieNode | undefined)[]) {
    if (a === undefined) continue;
    for (const b of a.slots as (TrieNode | undefined)[]) {
      if (b === undefined) continue;
      for (const leaf of b.slots as (TrieLeaf<V> | undefined)[]) {
        if (leaf === undefined) continue;
        for (const [k, v] of leaf.map) fn(v, k);
      }
    }
  }
}

/** Builds a table from entries without immer: for fixtures and snapshots. */
export function tableFrom<V>(entries: Iterable<readonly [string, V]>): Table<V> {
  const t = emptyTable<V>();
  withTableOwner(() => {
    for (const [k, v] of entries) tableSet(t, k, v);
  });
  return t;
}

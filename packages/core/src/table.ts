// A persistent string-keyed table that immer can update in time independent of its size.
// Callers never see the layout: use the functions below.
//
// Why not one Map: immer copies a container in full on its first write in each `produce`, so
// one `produce` per event over a 100,000-entry Map costs tens of milliseconds. Here the entries
// live at the bottom of a fixed 3-level trie of 64-wide nodes (262,144 slots), chosen by an
// FNV-1a hash of the key: in the bottom node itself when a slot holds one key, in a small leaf
// array when several share it.
//
// Why the table and its trie are classes immer leaves alone: drafting them made every read
// inside `produce` walk proxies (about half the reducer's time, profiled twice: first the trie's
// nodes, then the `{size, root}` header). Instead a table is persistent by itself: a write
// returns a new version that copies the path to one slot, and the header and nodes made during
// one batch carry that batch's owner token, so later writes in the same batch change them in
// place (Clojure's transients). Outside a batch (no owner) every write copies, so a table that is
// shared is never changed. The reducer stores the returned version back into its draft once.

/** A string-keyed table of V, read with `tableGet` and changed only through `tableSet`/`tableDelete`. */
export interface Table<V> {
  readonly size: number;
  /** @internal marks the value type. */
  readonly __values?: V;
}

/**
 * An inner node of the trie, as one array: `[owner, w0, w1, w2, w3, child…]`, a 64-bit bitmap of
 * the slots in use (four 16-bit words, so they stay small integers) and the children of those
 * slots, densely, in slot order (a hash array mapped trie's node). Dense, so that walking a table
 * costs O(entries), not O(slots): with 64 slots a level, a walk over the sparse layout visited
 * 262,144 slots whatever the size (a quarter of a 1,000-node rolling update, profiled). One array
 * rather than an object holding one: lookups in large tables are bound by memory latency, and
 * this saves a dependent load per level.
 */
type TrieNode = unknown[];

/** Where a node's children start. */
const HEAD = 5;

/**
 * The bottom level holds the entries themselves, two elements per slot in use: `key, value` when
 * one key hashes to the slot, or `leaf, LEAF` when several do. A leaf is one flat array
 * `[owner, key0, value0, key1, value1, …]` in insertion order, its batch owner first, with at
 * least two entries. A leaf holds a handful of entries (about four at a million), so a scan beats
 * a Map, and copying one on write is a slice (a Map per leaf made the garbage collector a third of
 * the fold's time, profiled); no wrapper object, as walks and lookups are bound by memory latency
 * on large tables. Single entries sit in the bottom node, not in a leaf of their own: below a
 * million entries most slots hold one, and a leaf per entry was two more dependent loads per
 * lookup (an array and its elements), the costliest part of replaying a log whose pod events
 * come in simulated-time order rather than pod by pod (profiled).
 */
type TrieLeaf<V> = Array<object | null | string | V>;

/**
 * The value beside a leaf in a bottom node. Telling a pair from a leaf by the value slot, a
 * pointer compare, rather than by `typeof` of the first element: that read the key string's
 * header, a cache miss per entry on a walk over a large table (a DaemonSet's placement over
 * every node, a sync) and per lookup even when the key is the very string stored (profiled).
 */
const LEAF: unique symbol = Symbol('leaf');

/** Where key sits in a leaf, or -1. */
function slotOf(kv: readonly unknown[], key: string): number {
  for (let i = 1; i < kv.length; i += 2) if (kv[i] === key) return i;
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

/** The current batch's owner token (null outside a batch): what else a batch makes may be keyed to it. */
export function tableBatch(): object | null {
  return currentOwner;
}

function ownNode(n: TrieNode): TrieNode {
  if (currentOwner !== null && n[0] === currentOwner) return n;
  const copy = n.slice();
  copy[0] = currentOwner;
  return copy;
}

function ownLeaf<V>(l: TrieLeaf<V>): TrieLeaf<V> {
  if (currentOwner !== null && l[0] === currentOwner) return l;
  const copy = l.slice();
  copy[0] = currentOwner;
  return copy;
}

/** A value that no table holds: what the finders below return for "absent". */
const ABSENT: unique symbol = Symbol('absent');

const BITS = 6;
const MASK = (1 << BITS) - 1;
const DEPTH = 3;

// The reducer reads and then writes the same key (a pod, a node) in a row: the last two hashes
// are remembered. Comparing a key with a remembered one is a pointer check when it is the same
// string, and usually a length check when not.
let lastKey = '';
let lastHash = 0x811c9dc5;
let prevKey = '';
let prevHash = 0x811c9dc5;

function hashKey(key: string): number {
  if (key === lastKey) return lastHash;
  if (key === prevKey) return prevHash;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h >>>= 0;
  prevKey = lastKey;
  prevHash = lastHash;
  lastKey = key;
  lastHash = h;
  return h;
}

/** The number of bits set in a 32-bit word. */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Whether slot (0-63) is in use. */
function hasSlot(n: TrieNode, slot: number): boolean {
  return ((n[1 + (slot >> 4)] as number) & (1 << (slot & 15))) !== 0;
}

/** The index in the node of slot's child (0-63): HEAD plus the number of slots in use before it. */
function indexOf(n: TrieNode, slot: number): number {
  const w = slot >> 4;
  let c = popcount((n[1 + w] as number) & ((1 << (slot & 15)) - 1));
  for (let k = 0; k < w; k++) c += popcount(n[1 + k] as number);
  return HEAD + c;
}

/** Marks slot in use (or not) in an owned node. */
function setSlot(n: TrieNode, slot: number, used: boolean): void {
  const w = 1 + (slot >> 4);
  const bit = 1 << (slot & 15);
  n[w] = used ? (n[w] as number) | bit : (n[w] as number) & ~bit;
}

function emptyNode(): TrieNode {
  return [currentOwner, 0, 0, 0, 0];
}

/** A new, empty table. */
export function emptyTable<V>(): Table<V> {
  return new TableHeader(currentOwner, 0, emptyNode()) as unknown as Table<V>;
}

/** The bottom node on hash h's path, or undefined. */
function bottomAt<V>(table: Table<V>, h: number): TrieNode | undefined {
  let node = header(table).root;
  let slot = h & MASK;
  if (!hasSlot(node, slot)) return undefined;
  node = node[indexOf(node, slot)] as TrieNode;
  slot = (h >>> BITS) & MASK;
  if (!hasSlot(node, slot)) return undefined;
  return node[indexOf(node, slot)] as TrieNode;
}

/** Where hash h's slot's pair starts in bottom node b (whether or not the slot is in use). */
function pairAt(b: TrieNode, h: number): number {
  const slot = (h >>> (2 * BITS)) & MASK;
  return HEAD + 2 * (indexOf(b, slot) - HEAD);
}

/** The value under key (hash h), or ABSENT. */
function find<V>(table: Table<V>, h: number, key: string): V | typeof ABSENT {
  const b = bottomAt(table, h);
  if (b === undefined || !hasSlot(b, (h >>> (2 * BITS)) & MASK)) return ABSENT;
  const i = pairAt(b, h);
  const y = b[i + 1];
  if (y !== LEAF) return b[i] === key ? (y as V) : ABSENT;
  const leaf = b[i] as TrieLeaf<V>;
  const at = slotOf(leaf, key);
  return at < 0 ? ABSENT : (leaf[at + 1] as V);
}

/** The value stored under key, or undefined. */
export function tableGet<V>(table: Table<V>, key: string): V | undefined {
  const v = find(table, hashKey(key), key);
  return v === ABSENT ? undefined : v;
}

/** Whether key is in the table. */
export function tableHas<V>(table: Table<V>, key: string): boolean {
  return find(table, hashKey(key), key) !== ABSENT;
}

/**
 * The inner node at slot of an owned node, owned by the current batch (copied, or made empty when
 * missing). No closures or tuples on this path: it runs for every write (a closure and a path
 * array per write were a third of the bytes a fold allocated, sampled).
 */
function ownInner(node: TrieNode, slot: number): TrieNode {
  const i = indexOf(node, slot);
  if (!hasSlot(node, slot)) {
    const made = emptyNode();
    insertAt(node, i, made);
    setSlot(node, slot, true);
    return made;
  }
  const child = node[i] as TrieNode;
  const owned = ownNode(child);
  if (owned !== child) node[i] = owned;
  return owned;
}

/**
 * Puts x at index i of an owned node, moving the rest up. By hand: Array.prototype.splice is a
 * generic builtin (13% of a DaemonSetApplied's instructions at 1,000 nodes, counted). Removals
 * keep splice: by hand they cost more.
 */
function insertAt(node: unknown[], i: number, x: unknown): void {
  for (let j = node.length; j > i; j--) node[j] = node[j - 1];
  node[i] = x;
}

/** The owned level-1 node on hash h's path in t (owned), the root owned too, created if missing. */
function writableMiddle(t: TableHeader, h: number): TrieNode {
  const root = ownNode(t.root);
  if (root !== t.root) t.root = root;
  return ownInner(root, h & MASK);
}

/** The owned level-2 node on hash h's path in t (owned), every node above it owned too, created if missing. */
function writableBottom(t: TableHeader, h: number): TrieNode {
  return ownInner(writableMiddle(t, h), (h >>> BITS) & MASK);
}

/** Puts the pair (x, y) at index i of an owned node, moving the rest up (as insertAt). */
function insertPairAt(node: unknown[], i: number, x: unknown, y: unknown): void {
  // Grown by appending first: a write past the end would leave a hole, and a holey array stays slower.
  const n = node.length;
  node[n] = undefined;
  node[n + 1] = undefined;
  for (let j = n + 1; j > i + 1; j--) node[j] = node[j - 2];
  node[i] = x;
  node[i + 1] = y;
}

/**
 * Stores value under key and returns the table to use from now on: `table` itself when the
 * current batch (`withTableOwner`) owns it, else a new version sharing all but the path to one
 * slot. The table passed in is never changed unless the batch owns it, so
 * `t = tableSet(t, k, v)` is safe on any table, shared or not.
 */
export function tableSet<V>(table: Table<V>, key: string, value: V): Table<V> {
  return put(table, hashKey(key), key, value, true);
}

/**
 * `tableSet` at hash h (or, with replace false, only when the key is absent). With key null,
 * value is `Named`: its entry is found by the value's namespace and name, and its key string is
 * made only when the entry is new.
 */
function put<V>(table: Table<V>, h: number, key: string | null, value: V, replace: boolean): Table<V> {
  const t = ownHeader(table);
  const b = writableBottom(t, h);
  const slot = (h >>> (2 * BITS)) & MASK;
  const i = pairAt(b, h);
  if (!hasSlot(b, slot)) {
    insertPairAt(b, i, key ?? namedKey(value as Named), value);
    setSlot(b, slot, true);
    t.size++;
    return t as unknown as Table<V>;
  }
  const x = b[i];
  if (b[i + 1] !== LEAF) {
    const same = key === null ? isNamed(b[i + 1], (value as Named).namespace, (value as Named).name) : x === key;
    if (same) {
      if (replace) b[i + 1] = value;
      return t as unknown as Table<V>;
    }
    // A second key in the slot: both move to a leaf of their own.
    b[i] = [currentOwner, x, b[i + 1], key ?? namedKey(value as Named), value];
    b[i + 1] = LEAF;
    t.size++;
    return t as unknown as Table<V>;
  }
  const found = x as TrieLeaf<V>;
  const leaf = ownLeaf(found);
  if (leaf !== found) b[i] = leaf;
  const at = key === null ? namedSlotOf(leaf, (value as Named).namespace, (value as Named).name) : slotOf(leaf, key);
  if (at >= 0) {
    if (replace) leaf[at + 1] = value;
  } else {
    leaf.push(key ?? namedKey(value as Named), value);
    t.size++;
  }
  return t as unknown as Table<V>;
}

/** Removes key and returns the table to use from now on, as `tableSet` does (the same table when key is absent). */
export function tableDelete<V>(table: Table<V>, key: string): Table<V> {
  const h = hashKey(key);
  return find(table, h, key) === ABSENT ? table : remove(table, h, key, null, null);
}

/** Removes the entry (present) of hash h: key's, or with key null the value named (namespace, name). */
function remove<V>(table: Table<V>, h: number, key: string | null, namespace: string | null, name: string | null): Table<V> {
  const t = ownHeader(table);
  const a = writableMiddle(t, h);
  const b = ownInner(a, (h >>> BITS) & MASK);
  const slot = (h >>> (2 * BITS)) & MASK;
  const i = pairAt(b, h);
  t.size--;
  if (b[i + 1] === LEAF) {
    const kv = ownLeaf(b[i] as TrieLeaf<V>);
    kv.splice(key === null ? namedSlotOf(kv, namespace!, name!) : slotOf(kv, key), 2);
    // A leaf keeps two entries or more: the last one moves back into the node.
    if (kv.length > 3) b[i] = kv;
    else {
      b[i] = kv[1];
      b[i + 1] = kv[2];
    }
    return t as unknown as Table<V>;
  }
  b.splice(i, 2);
  setSlot(b, slot, false);
  // Empty nodes go, so walks never visit them (the root stays).
  if (b.length > HEAD) return t as unknown as Table<V>;
  removeSlot(a, (h >>> BITS) & MASK);
  if (a.length > HEAD) return t as unknown as Table<V>;
  removeSlot(t.root, h & MASK);
  return t as unknown as Table<V>;
}

// Values that carry their own key's parts (pods: `namespace/name`, objectKey's form) are also
// found by those parts, without building the key: a fold looks a pod up by the namespace and name
// its event names, and building `ns/name` for each (a new string, flattened to be hashed, then
// compared character by character with the stored key, as it is never the same string) was a
// fifth of the fold's time (profiled). Entries are still keyed `namespace/name`, so `tableGet`
// finds them too, and their hash is that key's.

/** A value stored under the key `${namespace}/${name}`. */
export interface Named {
  readonly namespace: string;
  readonly name: string;
}

const SLASH = 0x2f;
// null until the first namespace: no string may match the cache before it holds a hash.
let lastNamespace: string | null = null;
let namespaceHash = 0;

/** hashKey(`${namespace}/${name}`) without making that string; the namespace's part is remembered. */
function namedHash(namespace: string, name: string): number {
  let h: number;
  if (namespace === lastNamespace) h = namespaceHash;
  else {
    h = 0x811c9dc5;
    for (let i = 0; i < namespace.length; i++) {
      h ^= namespace.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h = Math.imul(h ^ SLASH, 0x01000193);
    lastNamespace = namespace;
    namespaceHash = h;
  }
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function namedKey(v: Named): string {
  return `${v.namespace}/${v.name}`;
}

/** Whether v is the value named (namespace, name). */
function isNamed(v: unknown, namespace: string, name: string): boolean {
  return (v as Named).name === name && (v as Named).namespace === namespace;
}

/** Where the value named (namespace, name) sits in a leaf, or -1: compared by the values' own names. */
function namedSlotOf(kv: readonly unknown[], namespace: string, name: string): number {
  for (let i = 2; i < kv.length; i += 2) if (isNamed(kv[i], namespace, name)) return i - 1;
  return -1;
}

/** The value named (namespace, name), of hash h, or ABSENT. */
function findNamed<V>(table: Table<V>, h: number, namespace: string, name: string): V | typeof ABSENT {
  const b = bottomAt(table, h);
  if (b === undefined || !hasSlot(b, (h >>> (2 * BITS)) & MASK)) return ABSENT;
  const i = pairAt(b, h);
  const y = b[i + 1];
  if (y !== LEAF) return isNamed(y, namespace, name) ? (y as V) : ABSENT;
  const leaf = b[i] as TrieLeaf<V>;
  const at = namedSlotOf(leaf, namespace, name);
  return at < 0 ? ABSENT : (leaf[at + 1] as V);
}

/** `tableGet(table, `${namespace}/${name}`)` for a table of `Named` values stored under their own names. */
export function tableGetNamed<V extends Named>(table: Table<V>, namespace: string, name: string): V | undefined {
  const v = findNamed(table, namedHash(namespace, name), namespace, name);
  return v === ABSENT ? undefined : v;
}

/** `tableSet` of a `Named` value under its own name: the key is made only when the entry is new. */
export function tableSetNamed<V extends Named>(table: Table<V>, value: V): Table<V> {
  return put(table, namedHash(value.namespace, value.name), null, value, true);
}

/**
 * `tableSetNamed` only when no value has that name yet (the table's size then grows): one walk
 * of the trie for a lookup and an insert.
 */
export function tableAddNamed<V extends Named>(table: Table<V>, value: V): Table<V> {
  return put(table, namedHash(value.namespace, value.name), null, value, false);
}

/** `tableDelete` of the `Named` value under (namespace, name). */
export function tableDeleteNamed<V extends Named>(table: Table<V>, namespace: string, name: string): Table<V> {
  const h = namedHash(namespace, name);
  return findNamed(table, h, namespace, name) === ABSENT ? table : remove(table, h, null, namespace, name);
}

/** Drops slot's child from an owned inner node. */
function removeSlot(node: TrieNode, slot: number): void {
  node.splice(indexOf(node, slot), 1);
  setSlot(node, slot, false);
}

/**
 * Every entry, in an order fixed by the keys' hashes (the same for the same set of keys, so
 * iteration is deterministic). Read frozen state, not drafts: each draft read makes a proxy.
 */
export function* tableEntries<V>(table: Table<V>): IterableIterator<[string, V]> {
  const root = header(table).root;
  for (let i = HEAD; i < root.length; i++) {
    const a = root[i] as TrieNode;
    for (let j = HEAD; j < a.length; j++) {
      const b = a[j] as TrieNode;
      for (let k = HEAD; k < b.length; k += 2) {
        const y = b[k + 1];
        if (y !== LEAF) yield [b[k] as string, y as V];
        else {
          const kv = b[k] as TrieLeaf<V>;
          for (let m = 1; m < kv.length; m += 2) yield [kv[m] as string, kv[m + 1] as V];
        }
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
  const root = header(table).root;
  for (let i = HEAD; i < root.length; i++) {
    const a = root[i] as TrieNode;
    for (let j = HEAD; j < a.length; j++) {
      const b = a[j] as TrieNode;
      for (let k = HEAD; k < b.length; k += 2) {
        const y = b[k + 1];
        if (y !== LEAF) fn(y as V, b[k] as string);
        else {
          const kv = b[k] as TrieLeaf<V>;
          for (let m = 1; m < kv.length; m += 2) fn(kv[m + 1] as V, kv[m] as string);
        }
      }
    }
  }
}

/**
 * A new table holding `fn(value, key)` for every entry where that is not undefined, built in one
 * walk that copies the trie's shape (no hashing, no path walks): the same keys in the same order
 * as `table`, minus those dropped. The cost of a fresh table keyed like another, such as a
 * DaemonSet's placement over the cluster's nodes: building it by `tableSet` per key made half of
 * a 100,000-node DaemonSetApplied's placement time (profiled). The new table belongs to the
 * current batch.
 */
export function tableMapFilter<A, B>(table: Table<A>, fn: (value: A, key: string) => B | undefined): Table<B> {
  const out = new TableHeader(currentOwner, 0, emptyNode());
  const root = mapNode(header(table).root, 0, fn, out);
  if (root !== undefined) out.root = root;
  return out as unknown as Table<B>;
}

/**
 * The mapped copy of a trie node at depth d (0 is the root, DEPTH - 1 a bottom node holding
 * entries), or undefined when nothing is left in it. Copies are made at their final size and cut
 * down, never grown by push: growing them was a fifth of the bytes a fold allocated (sampled).
 */
function mapNode<A, B>(n: TrieNode, d: number, fn: (value: A, key: string) => B | undefined, out: TableHeader): TrieNode | undefined {
  const bottom = d === DEPTH - 1;
  const copy = n.slice();
  copy[0] = currentOwner;
  let at = HEAD;
  let kept = HEAD;
  for (let w = 0; w < 4; w++) {
    let word = n[1 + w] as number;
    let bits = 0;
    while (word !== 0) {
      const bit = word & -word;
      word ^= bit;
      if (!bottom) {
        const mapped = mapNode(n[at++] as TrieNode, d + 1, fn, out);
        if (mapped === undefined) continue;
        copy[kept++] = mapped;
      } else {
        const x = n[at];
        const y = n[at + 1];
        at += 2;
        if (y !== LEAF) {
          const v = fn(y as A, x as string);
          if (v === undefined) continue;
          copy[kept++] = x;
          copy[kept++] = v;
          out.size++;
        } else {
          const kv = mapLeaf(x as TrieLeaf<A>, fn, out);
          if (kv === undefined) continue;
          // One entry left: back into the node.
          copy[kept++] = kv.length === 3 ? kv[1] : kv;
          copy[kept++] = kv.length === 3 ? kv[2] : LEAF;
        }
      }
      bits |= bit;
    }
    copy[1 + w] = bits;
  }
  if (kept === HEAD) return undefined;
  // Cut only when something was dropped: setting an array's length is a runtime call.
  if (kept < copy.length) copy.length = kept;
  return copy;
}

function mapLeaf<A, B>(kv: TrieLeaf<A>, fn: (value: A, key: string) => B | undefined, out: TableHeader): TrieLeaf<B> | undefined {
  const copy: TrieLeaf<B> = kv.slice() as TrieLeaf<B>;
  copy[0] = currentOwner;
  let kept = 1;
  for (let m = 1; m < kv.length; m += 2) {
    const key = kv[m] as string;
    const v = fn(kv[m + 1] as A, key);
    if (v === undefined) continue;
    copy[kept++] = key;
    copy[kept++] = v;
  }
  if (kept === 1) return undefined;
  if (kept < copy.length) copy.length = kept;
  out.size += (kept - 1) / 2;
  return copy;
}

/** Builds a table from entries without immer: for fixtures and snapshots. */
export function tableFrom<V>(entries: Iterable<readonly [string, V]>): Table<V> {
  return withTableOwner(() => {
    let t = emptyTable<V>();
    for (const [k, v] of entries) t = tableSet(t, k, v);
    return t;
  });
}

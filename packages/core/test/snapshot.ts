// A canonical plain-data form of a ClusterState, to compare states reached in different ways.
// Tables and Maps become objects with sorted keys, so neither layout nor insertion order matters.

import { isTable, tableEntries } from '../src/table.ts';

function sortedObject(entries: Iterable<readonly [string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (v !== undefined) out[k] = snapshot(v);
  }
  return out;
}

/**
 * The value as sorted plain data: tables and Maps as objects keyed by their keys, object keys sorted,
 * undefined fields dropped. Throws when a table's size disagrees with its entries.
 */
export function snapshot(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(snapshot);
  if (value instanceof Map) return sortedObject([...value.entries()].map(([k, v]) => [String(k), v] as const));
  if (isTable(value)) {
    const entries = [...tableEntries(value)];
    if (entries.length !== value.size) throw new Error(`table size ${value.size} but ${entries.length} entries`);
    return sortedObject(entries);
  }
  return sortedObject(Object.entries(value));
}

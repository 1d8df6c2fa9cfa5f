// kubectl's `-o custom-columns=HEADER:PATH,…` printer and its `--sort-by=PATH` ordering
// (k8s.io/cli-runtime printers/customcolumn.go, kubectl cmd/get/sorter.go), over objects as kubectl
// decodes them from the API server's JSON. Paths are relaxed JSONPath (`.metadata.name`,
// `metadata.name`, `{.metadata.name}`) run by print/jsonpath.ts.

import { parseQuantity } from '@dsim/core';
import { goQuote, goSprintV, goType, JsonPath, JsonPathError, JsonPathExecError, JsonPathParseError } from './jsonpath.ts';
import { tabulate } from './tabwriter.ts';

/** kubectl's RelaxedJSONPathExpression: `a.b`, `.a.b`, `{a.b}` and `{.a.b}` all mean `{.a.b}`. */
export function relaxedJsonPath(path: string): string {
  if (path === '') return path;
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(path);
  if (m === null) {
    throw new JsonPathError("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  }
  return `{.${m[1] ?? m[2]}}`;
}

/** A template parsed as kubectl's column and sort parsers parse one: the parser's message alone on error. */
function compile(template: string, prefix = ''): JsonPath {
  try {
    return new JsonPath(template);
  } catch (e) {
    if (e instanceof JsonPathParseError) throw new JsonPathError(`${prefix}${e.message}`);
    throw e;
  }
}

/** A custom-columns spec kubectl refuses; `stdout` is what it printed first (the header row). */
export class CustomColumnsError extends JsonPathError {
  constructor(
    message: string,
    readonly stdout: string,
  ) {
    super(message);
  }
}

/**
 * The custom-columns table (customcolumn.go): a header row (unless noHeaders), then one row per
 * object, each cell the column's values as Go's %v prints them, joined by commas, or `<none>`.
 * Throws JsonPathError for a malformed spec; a path that does not parse fails after the header
 * row is printed, as in kubectl (CustomColumnsError).
 */
export function printCustomColumns(spec: string, objects: readonly unknown[], noHeaders: boolean): string {
  if (spec === '') throw new JsonPathError('custom-columns format specified but no custom columns given');
  const columns = spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon === -1) throw new JsonPathError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, colon), template: relaxedJsonPath(part.slice(colon + 1)) };
  });
  return printColumns(columns, objects, noHeaders);
}

/**
 * `-o custom-columns-file=FILE`'s columns (NewCustomColumnsPrinterFromTemplate): a line of headers
 * and a line of paths, each split on white space; the rest of the file is not read. kubectl prints
 * the header row even with --no-headers here.
 */
export function printCustomColumnsFile(text: string, objects: readonly unknown[]): string {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const fields = (l: string) => l.split(/[ \t\n\v\f\r]+/).filter((f) => f !== '');
  const format = 'Expected format is one line of space separated headers, one line of space separated column specs.';
  if (text === '') throw new JsonPathError(`invalid template, missing header line. ${format}`);
  if (lines.length < 2 || (lines.length === 2 && lines[1] === '')) throw new JsonPathError(`invalid template, missing spec line. ${format}`);
  const headers = fields(lines[0]!);
  const specs = fields(lines[1]!);
  if (headers.length !== specs.length) throw new JsonPathError(`number of headers (${headers.length}) and field specifications (${specs.length}) don't match`);
  return printColumns(
    headers.map((header, i) => ({ header, template: relaxedJsonPath(specs[i]!) })),
    objects,
    false,
  );
}

function printColumns(columns: readonly { header: string; template: string }[], objects: readonly unknown[], noHeaders: boolean): string {
  const lines: string[] = [];
  if (!noHeaders) lines.push(columns.map((c) => c.header).join('\t'));
  const paths = columns.map((c) => {
    try {
      return compile(c.template);
    } catch (e) {
      if (e instanceof JsonPathError) throw new CustomColumnsError(e.message, tabulate(lines.map((l) => `${l}\n`).join('')));
      throw e;
    }
  });
  for (const object of objects) {
    const data: unknown = JSON.parse(JSON.stringify(object));
    let cells: string[];
    try {
      cells = paths.map((path) => {
        const values = path.findResults(data);
        if (values.length === 0 || values[0]!.length === 0) return '<none>';
        return values.flatMap((vs) => vs.map(goSprintV)).join(',');
      });
    } catch (e) {
      // A path that fails on an object (an index out of range, `range` misused): kubectl stops
      // there, the rows before it printed.
      if (e instanceof JsonPathExecError) throw new CustomColumnsError(e.message, tabulate(lines.map((l) => `${l}\n`).join('')));
      throw e;
    }
    lines.push(cells.join('\t'));
  }
  return tabulate(lines.map((l) => `${l}\n`).join(''));
}

// ---- --sort-by ---------------------------------------------------------------------------------------

/**
 * Objects ordered by `--sort-by=PATH` as kubectl orders them: the first value the path finds in
 * each, compared as kubectl's sorter compares decoded JSON (numbers, strings, quantities when both
 * strings are quantities), with Go's sort.Sort (pattern-defeating quicksort: not stable above 12
 * objects), so ties come out in the order kubectl leaves them. `table` is kubectl's path for table
 * output (the path used as written when it is not a relaxed one; its parse errors prefixed
 * "sorting error: "). `objectOf` finds the API object in an element. Throws JsonPathError with
 * kubectl's message.
 */
export function sortObjects<T>(objects: readonly T[], sortBy: string, table: boolean, objectOf: (t: T) => unknown = (t) => t): T[] {
  let field: string;
  if (table) {
    // kubectl's table sorter: the path as written when it is not a relaxed one, parsed even for no rows.
    try {
      field = relaxedJsonPath(sortBy);
    } catch {
      field = sortBy;
    }
  } else {
    if (objects.length === 0) return [];
    field = relaxedJsonPath(sortBy);
  }
  const path = compile(field, table ? 'sorting error: ' : '');
  const out = [...objects];
  if (out.length === 0) return out;
  const keys = out.map((o) => {
    let results: unknown[][];
    try {
      results = path.findResults(JSON.parse(JSON.stringify(objectOf(o))));
    } catch (e) {
      throw e instanceof JsonPathExecError ? new JsonPathError(e.message) : e;
    }
    return results.length === 0 || results[0]!.length === 0 ? NONE : results[0]![0];
  });
  if (keys.every((k) => k === NONE)) throw new JsonPathError(`couldn't find any field with path ${goQuote(field)} in the list of objects`);
  const order = out.map((_, i) => i);
  const less = (i: number, j: number): boolean => {
    const a = keys[order[i]!];
    const b = keys[order[j]!];
    if (a === NONE) return true;
    if (b === NONE) return false;
    return isLess(a, b, field, table);
  };
  goSort(order.length, less, (i, j) => {
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  });
  return order.map((i) => out[i]!);
}

const NONE = Symbol('none');

/** kubectl's isLess on two decoded JSON values (the interface{} case of cmd/get/sorter.go). */
function isLess(a: unknown, b: unknown, field: string, table: boolean): boolean {
  const unsortable = (why: string): never => {
    throw new JsonPathError(`Field ${field} in ${table ? '[][][]reflect.Value' : '*unstructured.Unstructured'} is an unsortable type: interface, err: ${why}`);
  };
  if (a === null && b === null) return false;
  if (a === null) return true;
  if (b === null) return false;
  if (typeof a === 'number') {
    const aInt = Number.isInteger(a);
    if (typeof b === 'number' && Number.isInteger(b) === aInt) return a < b;
    return unsortable('unsortable interface: interface');
  }
  if (typeof a === 'string') {
    if (typeof b !== 'string') return unsortable('unsortable interface: interface');
    const qa = parseQuantity(a);
    const qb = qa === undefined ? undefined : parseQuantity(b);
    if (qa !== undefined && qb !== undefined) return qa < qb;
    return a < b;
  }
  return unsortable(`unsortable type: ${goType(a)}`);
}

// ---- Go's sort.Sort (pdqsort, Go 1.19 and later): kubectl's order of equal elements follows it ----

type Less = (i: number, j: number) => boolean;
type Swap = (i: number, j: number) => void;

/** sort.Sort over indexes 0..n-1. */
export function goSort(n: number, less: Less, swap: Swap): void {
  const limit = n === 0 ? 0 : 32 - Math.clz32(n);
  pdqsort(less, swap, 0, n, limit);
}

function insertionSort(less: Less, swap: Swap, a: number, b: number): void {
  for (let i = a + 1; i < b; i++) for (let j = i; j > a && less(j, j - 1); j--) swap(j, j - 1);
}

function siftDown(less: Less, swap: Swap, lo: number, hi: number, first: number): void {
  let root = lo;
  for (;;) {
    let child = 2 * root + 1;
    if (child >= hi) return;
    if (child + 1 < hi && less(first + child, first + child + 1)) child++;
    if (!less(first + root, first + child)) return;
    swap(first + root, first + child);
    root = child;
  }
}

function heapSort(less: Less, swap: Swap, a: number, b: number): void {
  const first = a;
  const hi = b - a;
  for (let i = Math.floor((hi - 1) / 2); i >= 0; i--) siftDown(less, swap, i, hi, first);
  for (let i = hi - 1; i >= 0; i--) {
    swap(first, first + i);
    siftDown(less, swap, 0, i, first);
  }
}

const INCREASING = 1;
const DECREASING = 2;

function pdqsort(less: Less, swap: Swap, a: number, b: number, limit: number): void {
  let wasBalanced = true;
  let wasPartitioned = true;
  for (;;) {
    const length = b - a;
    if (length <= 12) {
      insertionSort(less, swap, a, b);
      return;
    }
    if (limit === 0) {
      heapSort(less, swap, a, b);
      return;
    }
    if (!wasBalanced) {
      breakPatterns(swap, a, b);
      limit--;
    }
    let [pivot, hint] = choosePivot(less, a, b);
    if (hint === DECREASING) {
      reverseRange(swap, a, b);
      pivot = b - 1 - (pivot - a);
      hint = INCREASING;
    }
    if (wasBalanced && wasPartitioned && hint === INCREASING && partialInsertionSort(less, swap, a, b)) return;
    if (a > 0 && !less(a - 1, pivot)) {
      a = partitionEqual(less, swap, a, b, pivot);
      continue;
    }
    const [mid, alreadyPartitioned] = partition(less, swap, a, b, pivot);
    wasPartitioned = alreadyPartitioned;
    const leftLen = mid - a;
    const rightLen = b - mid;
    const balanceThreshold = Math.floor(length / 8);
    if (leftLen < rightLen) {
      wasBalanced = leftLen >= balanceThreshold;
      pdqsort(less, swap, a, mid, limit);
      a = mid + 1;
    } else {
      wasBalanced = rightLen >= balanceThreshold;
      pdqsort(less, swap, mid + 1, b, limit);
      b = mid;
    }
  }
}

function partition(less: Less, swap: Swap, a: number, b: number, pivot: number): [number, boolean] {
  swap(a, pivot);
  let i = a + 1;
  let j = b - 1;
  while (i <= j && less(i, a)) i++;
  while (i <= j && !less(j, a)) j--;
  if (i > j) {
    swap(j, a);
    return [j, true];
  }
  swap(i, j);
  i++;
  j--;
  for (;;) {
    while (i <= j && less(i, a)) i++;
    while (i <= j && !less(j, a)) j--;
    if (i > j) break;
    swap(i, j);
    i++;
    j--;
  }
  swap(j, a);
  return [j, false];
}

function partitionEqual(less: Less, swap: Swap, a: number, b: number, pivot: number): number {
  swap(a, pivot);
  let i = a + 1;
  let j = b - 1;
  for (;;) {
    while (i <= j && !less(a, i)) i++;
    while (i <= j && less(a, j)) j--;
    if (i > j) break;
    swap(i, j);
    i++;
    j--;
  }
  return i;
}

function partialInsertionSort(less: Less, swap: Swap, a: number, b: number): boolean {
  const maxSteps = 5;
  const shortestShifting = 50;
  let i = a + 1;
  for (let step = 0; step < maxSteps; step++) {
    while (i < b && !less(i, i - 1)) i++;
    if (i === b) return true;
    if (b - a < shortestShifting) return false;
    swap(i, i - 1);
    if (i - a >= 2) {
      for (let j = i - 1; j >= 1; j--) {
        if (!less(j, j - 1)) break;
        swap(j, j - 1);
      }
    }
    if (b - i >= 2) {
      for (let j = i + 1; j < b; j++) {
        if (!less(j, j - 1)) break;
        swap(j, j - 1);
      }
    }
  }
  return false;
}

function breakPatterns(swap: Swap, a: number, b: number): void {
  const length = b - a;
  if (length < 8) return;
  // xorshift seeded with the length, 64-bit state, shifts 13, 17, 5: Go's sort package as kubectl
  // v1.32 behaves (45 pods sorted on a key with ties came out as Go 1.19's sort.Sort leaves them).
  let r = BigInt(length);
  const M = (1n << 64n) - 1n;
  const next = (): bigint => {
    r ^= (r << 13n) & M;
    r ^= r >> 17n;
    r ^= (r << 5n) & M;
    return r;
  };
  const modulus = 2 ** (32 - Math.clz32(length));
  for (let idx = a + Math.floor(length / 4) * 2 - 1; idx <= a + Math.floor(length / 4) * 2 + 1; idx++) {
    let other = Number(next() & BigInt(modulus - 1));
    if (other >= length) other -= length;
    swap(idx, a + other);
  }
}

function choosePivot(less: Less, a: number, b: number): [number, number] {
  const shortestNinther = 50;
  const maxSwaps = 4 * 3;
  const l = b - a;
  const swaps = { n: 0 };
  let i = a + Math.floor(l / 4) * 1;
  let j = a + Math.floor(l / 4) * 2;
  let k = a + Math.floor(l / 4) * 3;
  if (l >= 8) {
    if (l >= shortestNinther) {
      i = median(less, i - 1, i, i + 1, swaps);
      j = median(less, j - 1, j, j + 1, swaps);
      k = median(less, k - 1, k, k + 1, swaps);
    }
    j = median(less, i, j, k, swaps);
  }
  return [j, swaps.n === 0 ? INCREASING : swaps.n === maxSwaps ? DECREASING : 0];
}

function order2(less: Less, a: number, b: number, swaps: { n: number }): [number, number] {
  if (less(b, a)) {
    swaps.n++;
    return [b, a];
  }
  return [a, b];
}

function median(less: Less, a: number, b: number, c: number, swaps: { n: number }): number {
  [a, b] = order2(less, a, b, swaps);
  [b, c] = order2(less, b, c, swaps);
  [a, b] = order2(less, a, b, swaps);
  return b;
}

function reverseRange(swap: Swap, a: number, b: number): void {
  for (let i = a, j = b - 1; i < j; i++, j--) swap(i, j);
}

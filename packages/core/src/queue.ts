// The discrete-event queue: a binary heap ordered by (time, priority, insertion counter), as in
// SimPy. The counter breaks every tie, so two runs that push the same items pop them in the
// same order: determinism by construction, not by luck.

/** One scheduled item. Lower priority numbers pop first at equal times. */
export interface Scheduled<T> {
  readonly at: number;
  readonly priority: number;
  readonly id: number;
  readonly item: T;
}

/** A min-heap of scheduled items. */
export class EventQueue<T> {
  private heap: Scheduled<T>[] = [];
  private counter = 0;

  /** Number of items waiting. */
  get size(): number {
    return this.heap.length;
  }

  /** Schedules an item at a simulated time (integer ms). Returns its insertion id. */
  push(at: number, item: T, priority = 0): number {
    const entry: Scheduled<T> = { at, priority, id: this.counter++, item };
    const h = this.heap;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(entry, h[parent]!)) break;
      h[i] = h[parent]!;
      i = parent;
    }
    h[i] = entry;
    return entry.id;
  }

  /** The next item without removing it. */
  peek(): Scheduled<T> | undefined {
    return this.heap[0];
  }

  /** Removes and returns the next item. */
  pop(): Scheduled<T> | undefined {
    const h = this.heap;
    const top = h[0];
    if (top === undefined) return undefined;
    const last = h.pop()!;
    if (h.length > 0) {
      let i = 0;
      const n = h.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && before(h[r]!, h[l]!) ? r : l;
        if (!before(h[c]!, last)) break;
        h[i] = h[c]!;
        i = c;
      }
      h[i] = last;
    }
    return top;
  }

  /** Every waiting item, in no particular order (for saving and inspection). */
  items(): readonly Scheduled<T>[] {
    return this.heap;
  }
}

function before<T>(a: Scheduled<T>, b: Scheduled<T>): boolean {
  if (a.at !== b.at) return a.at < b.at;
  if (a.priority !== b.priority) return a.priority < b.priority;
  return a.id < b.id;
}

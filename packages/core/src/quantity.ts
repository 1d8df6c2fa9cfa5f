// Kubernetes resource quantities ("250m", "1.5Gi", "110") as numbers, for the scheduler's fit
// check. Pure. CPU is counted in millicores, everything else in base units.

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

// A cluster uses a handful of distinct quantities, parsed on every scheduling decision: remember
// them (bounded, so a stream of distinct strings cannot grow it without limit).
const parsed = new Map<string, number | undefined>();
const PARSED_LIMIT = 4096;

/** Parses a quantity to its value in base units; undefined when it is not a valid quantity. */
export function parseQuantity(q: string | number | undefined): number | undefined {
  if (q === undefined) return undefined;
  if (typeof q === 'number') return q;
  if (parsed.has(q)) return parsed.get(q);
  const v = parse(q);
  if (parsed.size >= PARSED_LIMIT) parsed.clear();
  parsed.set(q, v);
  return v;
}

function parse(q: string): number | undefined {
  const m = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(?:([eE][+-]?[0-9]+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)$/.exec(q.trim());
  if (m === null) return undefined;
  const base = Number(m[1]);
  if (m[2] !== undefined) return base * 10 ** Number(m[2].slice(1));
  const suffix = m[3] ?? '';
  return base * (BINARY[suffix] ?? DECIMAL[suffix] ?? 1);
}

/** CPU in millicores (rounded up, as Kubernetes' MilliValue does). */
export function parseCpuMillis(q: string | number | undefined): number | undefined {
  const v = parseQuantity(q);
  return v === undefined ? undefined : Math.ceil(v * 1000 - 1e-9);
}

// How many cases each property test tries. Small by default so the core suite stays fast;
// set DSIM_PROPERTY_RUNS (e.g. `DSIM_PROPERTY_RUNS=2000 pnpm exec vitest run test`) for a deeper search.

const raw = process.env['DSIM_PROPERTY_RUNS'];
const requested = raw === undefined ? Number.NaN : Number.parseInt(raw, 10);
const deep = Number.isSafeInteger(requested) && requested > 0;

/** numRuns for fast-check: DSIM_PROPERTY_RUNS when set to a positive integer, else `defaultRuns`. */
export function propertyRuns(defaultRuns: number): number {
  return deep ? requested : defaultRuns;
}

/** A per-test timeout (ms) for property tests: vitest's usual limit, lifted for a deep search. */
export function propertyTimeout(): number {
  return deep ? 24 * 60 * 60 * 1000 : 60_000;
}

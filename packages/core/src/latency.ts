// Latency distributions for the engine's knobs, sampled from the seeded generator. Times are
// in milliseconds; samples are rounded to whole milliseconds and never negative.

import type { Random } from './random.ts';

/** A distribution of durations in milliseconds. */
export type Distribution =
  | { readonly kind: 'constant'; readonly value: number }
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number }
  | { readonly kind: 'exponential'; readonly mean: number }
  /** Log-normal by its median and the standard deviation of the underlying normal: the usual shape of latencies. */
  | { readonly kind: 'lognormal'; readonly median: number; readonly sigma: number; readonly max?: number }
  | { readonly kind: 'normal'; readonly mean: number; readonly stddev: number; readonly min?: number };

/** Draws one duration in whole milliseconds, never negative. */
export function sample(d: Distribution, rng: Random): number {
  let v: number;
  switch (d.kind) {
    case 'constant':
      v = d.value;
      break;
    case 'uniform':
      v = d.min + (d.max - d.min) * rng.next();
      break;
    case 'exponential':
      v = rng.exponential(d.mean);
      break;
    case 'lognormal':
      v = d.median * Math.exp(d.sigma * rng.normal());
      if (d.max !== undefined) v = Math.min(v, d.max);
      break;
    case 'normal':
      v = d.mean + d.stddev * rng.normal();
      if (d.min !== undefined) v = Math.max(v, d.min);
      break;
    default: {
      const never: never = d;
      throw new Error(`unknown distribution ${JSON.stringify(never)}`);
    }
  }
  return Math.max(0, Math.round(v));
}

/** A constant duration. */
export const constant = (value: number): Distribution => ({ kind: 'constant', value });

/** The distribution's mean, for summaries and docs. */
export function mean(d: Distribution): number {
  switch (d.kind) {
    case 'constant':
      return d.value;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'exponential':
      return d.mean;
    case 'lognormal':
      return d.median * Math.exp((d.sigma * d.sigma) / 2);
    case 'normal':
      return d.mean;
  }
}

// Durations as kubectl and Go print and parse them: apimachinery's HumanDuration (the AGE column),
// Go's time.ParseDuration and Duration.String. Pure: no clock is read, every instant is passed in.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

// Go's int(x) and integer division truncate toward zero; `+ 0` folds -0 into 0 so it prints as "0".
const trunc = (x: number): number => Math.trunc(x) + 0;

function assertFinite(ms: number): void {
  if (!Number.isFinite(ms)) throw new RangeError(`duration must be a finite number of milliseconds, got ${ms}`);
}

/**
 * HumanDuration from k8s.io/apimachinery/pkg/util/duration: about two significant figures,
 * e.g. `70s`, `3m10s`, `179m`, `3h5m`, `47h`, `2d1h`, `367d`, `2y1d`, `8y`.
 * Anything from -2s (excluded) to 0 prints `0s`, to tolerate clock skew; earlier than that is `<invalid>`.
 */
export function humanDuration(ms: number): string {
  assertFinite(ms);
  const seconds = trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${trunc(hours / 24)}d` : `${trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = trunc(hours / 24) % 365;
    const y = trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${trunc(hours / 24 / 365)}y`;
}

/**
 * ShortHumanDuration from the same package: one unit only (`59s`, `1m`, `23h`, `364d`, `2y`).
 * kubectl uses it where space is tight (e.g. event ages in `kubectl events`).
 */
export function shortHumanDuration(ms: number): string {
  assertFinite(ms);
  const seconds = trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = trunc(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = trunc(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${trunc(hours / 24)}d`;
  // Go divides the float d.Hours() here, not the truncated hours.
  return `${trunc(ms / HOUR / 24 / 365)}y`;
}

// ---------------------------------------------------------------------------------------------
// Go's time.Duration: int64 nanoseconds. BigInt keeps parsing and printing exact past 2^53 ns (~104 days).

const NS_PER_MS = 1_000_000n;
const MAX_UINT63 = 1n << 63n; // Go compares against 1<<63 while the magnitude is still unsigned

const UNIT_NS: ReadonlyMap<string, bigint> = new Map([
  ['ns', 1n],
  ['us', 1_000n],
  ['\u00b5s', 1_000n], // U+00B5 micro sign
  ['\u03bcs', 1_000n], // U+03BC Greek small letter mu
  ['ms', 1_000_000n],
  ['s', 1_000_000_000n],
  ['m', 60_000_000_000n],
  ['h', 3_600_000_000_000n],
]);

// time.quote: like strconv.Quote but escapes every non-ASCII or control byte as \xNN.
function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0x80 || cp < 0x20) {
      for (const byte of new TextEncoder().encode(ch)) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    } else {
      if (ch === '"' || ch === '\\') out += '\\';
      out += ch;
    }
  }
  return out + '"';
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/**
 * Parses Go's time.ParseDuration syntax (`22s`, `4m16s`, `1.5h`, `300ms`, `-1h2m3s`; units ns, us, µs, ms, s, m, h)
 * into milliseconds, which may be fractional for sub-millisecond input.
 * Throws an Error carrying Go's own message (e.g. `time: missing unit in duration "10"`) on bad input.
 */
export function parseDuration(input: string): number {
  const ns = parseDurationNanos(input);
  const magnitude = ns < 0n ? -ns : ns;
  const ms = Number(magnitude / NS_PER_MS) + Number(magnitude % NS_PER_MS) / 1e6;
  return ns < 0n ? -ms : ms;
}

/** time.ParseDuration exactly: the result in int64 nanoseconds, with the same errors as parseDuration. */
export function parseDurationNanos(input: string): bigint {
  const orig = input;
  const invalid = (): Error => new Error(`time: invalid duration ${goQuote(orig)}`);
  let s = input;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw invalid();

  let d = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s[0]))) throw invalid();

    // Integer part; overflow is an error.
    let i = 0;
    let v = 0n;
    for (; i < s.length && isDigit(s[i]); i++) {
      if (v > MAX_UINT63 / 10n) throw invalid();
      v = v * 10n + BigInt(s.charCodeAt(i) - 48);
      if (v > MAX_UINT63) throw invalid();
    }
    const pre = i > 0;
    s = s.slice(i);

    // Fraction; on overflow Go just stops accumulating precision.
    let f = 0n;
    let scale = 1;
    let post = false;
    if (s !== '' && s[0] === '.') {
      s = s.slice(1);
      let j = 0;
      let overflow = false;
      for (; j < s.length && isDigit(s[j]); j++) {
        if (overflow) continue;
        if (f > (MAX_UINT63 - 1n) / 10n) {
          overflow = true;
          continue;
        }
        const y = f * 10n + BigInt(s.charCodeAt(j) - 48);
        if (y > MAX_UINT63) {
          overflow = true;
          continue;
        }
        f = y;
        scale *= 10;
      }
      post = j > 0;
      s = s.slice(j);
    }
    if (!pre && !post) throw invalid();

    let k = 0;
    while (k < s.length && s[k] !== '.' && !isDigit(s[k])) k++;
    if (k === 0) throw new Error(`time: missing unit in duration ${goQuote(orig)}`);
    const u = s.slice(0, k);
    s = s.slice(k);
    const unit = UNIT_NS.get(u);
    if (unit === undefined) throw new Error(`time: unknown unit ${goQuote(u)} in duration ${goQuote(orig)}`);

    if (v > MAX_UINT63 / unit) throw invalid();
    v *= unit;
    if (f > 0n) {
      // Go uses float64 here too: exact to the nanosecond for fractions of an hour.
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > MAX_UINT63) throw invalid();
    }
    d += v;
    if (d > MAX_UINT63) throw invalid();
  }
  if (!neg && d > MAX_UINT63 - 1n) throw invalid();
  return neg ? -d : d;
}

// fmtFrac: the fraction digits of v/10^prec without trailing zeros, and v/10^prec.
function fmtFrac(v: bigint, prec: number): [string, bigint] {
  let digits = '';
  let print = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10n;
    print = print || digit !== 0n;
    if (print) digits = digit.toString() + digits;
    v /= 10n;
  }
  return [print ? `.${digits}` : '', v];
}

/** Go's Duration.String for a duration in milliseconds: `4m16s`, `1h0m0s`, `1.5s`, `500ms`, `0s`. */
export function formatGoDuration(ms: number): string {
  assertFinite(ms);
  const whole = Math.trunc(ms);
  return formatDurationNanos(BigInt(whole) * NS_PER_MS + BigInt(Math.round((ms - whole) * 1e6)));
}

/** Go's Duration.String for int64 nanoseconds. */
export function formatDurationNanos(nanos: bigint): string {
  let ns = nanos;
  const sign = ns < 0n ? '-' : '';
  if (ns < 0n) ns = -ns;
  if (ns === 0n) return '0s';
  if (ns < 1_000_000_000n) {
    const [unit, prec] = ns < 1_000n ? ['ns', 0] : ns < 1_000_000n ? ['\u00b5s', 3] : ['ms', 6];
    const [frac, int] = fmtFrac(ns, prec);
    return `${sign}${int}${frac}${unit}`;
  }
  const [frac, secs] = fmtFrac(ns, 9);
  let out = `${secs % 60n}${frac}s`;
  const mins = secs / 60n;
  if (mins > 0n) {
    out = `${mins % 60n}m${out}`;
    const hours = mins / 60n;
    if (hours > 0n) out = `${hours}h${out}`;
  }
  return sign + out;
}

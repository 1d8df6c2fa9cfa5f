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


// ---- resource.Quantity exactly ----------------------------------------------------------------
// Parsed exactly (BigInt), printed in canonical form, added and compared as Go does: for the text
// the API server stores (`canonicalQuantity`) and for kubectl describe's sums and percentages.

export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI' | '';

/** value = unscaled × 10^exp; `s` is the original text when Go keeps it (already canonical). */
export interface ExactQuantity {
  readonly unscaled: bigint;
  readonly exp: number;
  readonly format: QuantityFormat;
  readonly s?: string;
}

export const ZERO_QUANTITY: ExactQuantity = { unscaled: 0n, exp: 0, format: '' };
export const ONE_QUANTITY: ExactQuantity = { unscaled: 1n, exp: 0, format: 'DecimalSI' };
const MAX_INT64 = (1n << 63n) - 1n;
const DEC_SUFFIXES: ReadonlyMap<string, number> = new Map([
  ['n', -9],
  ['u', -6],
  ['m', -3],
  ['', 0],
  ['k', 3],
  ['M', 6],
  ['G', 9],
  ['T', 12],
  ['P', 15],
  ['E', 18],
]);
const BIN_SUFFIXES: ReadonlyMap<string, number> = new Map([
  ['Ki', 10],
  ['Mi', 20],
  ['Gi', 30],
  ['Ti', 40],
  ['Pi', 50],
  ['Ei', 60],
]);
const DEC_BY_EXP = new Map([...DEC_SUFFIXES].map(([k, v]) => [v, k]));
const BIN_BY_EXP = new Map([...BIN_SUFFIXES, ['', 0] as const].map(([k, v]) => [v, k]));

const pow10 = (n: number): bigint => 10n ** BigInt(n);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

// parseQuantityString: sign, numerator (leading zeros stripped), denominator, suffix.
function scanQuantity(
  str: string,
): { positive: boolean; num: string; denom: string; suffix: string } | undefined {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (str[0] === '-' || str[0] === '+') {
    positive = str[0] === '+';
    pos++;
  }
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, num: '0', denom: '', suffix: '' };
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  let num = str.slice(pos, i);
  pos = i;
  if (num === '') num = '0';
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    denom = str.slice(pos, i);
    pos = i;
  }
  const suffixStart = pos;
  while (pos < end && 'eEinumkKMGTP'.includes(str[pos] ?? '')) pos++;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos < end) return undefined;
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

/** resource.ParseQuantity (after UnmarshalJSON's trim); undefined when Go would reject the text. */
export function parseExactQuantity(input: string | number): ExactQuantity | undefined {
  const str = String(input).trim();
  if (str === '') return undefined;
  if (str === '0') return { unscaled: 0n, exp: 0, format: 'DecimalSI', s: '0' };
  const scanned = scanQuantity(str);
  if (scanned === undefined) return undefined;
  const { positive, num, denom, suffix } = scanned;

  let base: 2 | 10;
  let exponent: number;
  let format: QuantityFormat;
  const dec = DEC_SUFFIXES.get(suffix);
  const bin = BIN_SUFFIXES.get(suffix);
  if (dec !== undefined) {
    [base, exponent, format] = [10, dec, 'DecimalSI'];
  } else if (bin !== undefined) {
    [base, exponent, format] = [2, bin, 'BinarySI'];
  } else if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?\d+$/.test(suffix.slice(1))) {
    [base, exponent, format] = [10, Number.parseInt(suffix.slice(1), 10), 'DecimalExponent'];
  } else {
    return undefined;
  }

  // Go's int64 fast path; it decides whether the original text is kept as the printed form.
  let precision: number;
  let scale = 0;
  let mantissa = 1n;
  if (format === 'BinarySI') {
    if (exponent >= 0 && denom.length === 0) {
      mantissa = 1n << BigInt(exponent);
      precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
    } else {
      precision = -1;
    }
  } else {
    scale = exponent;
    precision = 18 - (num.length + denom.length);
  }
  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= -9) {
      const shifted = num + denom;
      const value = BigInt(shifted);
      const result = value * mantissa;
      if (result <= MAX_INT64) {
        const canonical =
          format === 'BinarySI'
            ? exponent % 10 === 0 && (value & 7n) !== 0n
            : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
        const q: ExactQuantity = { unscaled: positive ? result : -result, exp: scale, format };
        return canonical ? { ...q, s: str } : q;
      }
    }
  }

  // inf.Dec path: exact, then rounded up (away from zero) to nano precision.
  let unscaled = BigInt(num + denom);
  let exp = -denom.length;
  if (base === 10) exp += exponent;
  else unscaled *= 1n << BigInt(exponent);
  if (unscaled !== 0n && exp < -9) {
    const factor = pow10(-9 - exp);
    unscaled = unscaled / factor + (unscaled % factor === 0n ? 0n : 1n);
    exp = -9;
  }
  // A binary quantity is capped at the largest int64 (a decimal one is kept whole, as the newest
  // apimachinery keeps it).
  if (format === 'BinarySI' && (exp >= 0 ? unscaled > MAX_INT64 / pow10(exp) : unscaled > MAX_INT64 * pow10(-exp))) {
    unscaled = MAX_INT64;
    exp = 0;
  }
  // A binary quantity strictly between 0 and 1 prints as decimal rather than rounding.
  if (format === 'BinarySI' && unscaled !== 0n && exp < 0 && unscaled < pow10(-exp)) format = 'DecimalSI';
  return { unscaled: positive ? unscaled : -unscaled, exp, format };
}

function align(a: ExactQuantity, b: ExactQuantity): [bigint, bigint, number] {
  const exp = Math.min(a.exp, b.exp);
  return [a.unscaled * pow10(a.exp - exp), b.unscaled * pow10(b.exp - exp), exp];
}

export function cmpQuantity(a: ExactQuantity, b: ExactQuantity): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

// Quantity.Add: the result takes the format of the first non-zero operand and loses any kept text.
export function addQuantity(a: ExactQuantity, b: ExactQuantity): ExactQuantity {
  const [x, y, exp] = align(a, b);
  return { unscaled: x + y, exp, format: a.unscaled === 0n ? b.format : a.format };
}

// ScaledValue: ceil(q / 10^scale), rounding away from zero.
function scaledValue(q: ExactQuantity, scale: number): bigint {
  if (q.exp >= scale) return q.unscaled * pow10(q.exp - scale);
  const factor = pow10(scale - q.exp);
  const whole = q.unscaled / factor;
  if (q.unscaled % factor === 0n) return whole;
  return q.unscaled > 0n ? whole + 1n : whole - 1n;
}

export const milliValue = (q: ExactQuantity): bigint => scaledValue(q, -3);
export const intValue = (q: ExactQuantity): bigint => scaledValue(q, 0);

/** Quantity.String: the canonical form (`100m`, `1536Mi`, `1k`, `12e6`), or the original text when Go keeps it. */
export function quantityString(q: ExactQuantity): string {
  if (q.s !== undefined) return q.s;
  if (q.unscaled === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI') {
    const [v, lim] = align(q, { unscaled: 1024n, exp: 0, format: '' });
    const integral = q.exp >= 0 || q.unscaled % pow10(-q.exp) === 0n;
    if ((v > -lim && v < lim) || !integral) format = 'DecimalSI';
  } else if (format === '') {
    format = 'DecimalExponent';
  }
  if (format === 'BinarySI') {
    let n = intValue(q);
    const negative = n < 0n;
    if (negative) n = -n;
    let times = 0;
    while (n >= 1024n && n % 1024n === 0n) {
      n /= 1024n;
      times++;
    }
    return `${negative ? -n : n}${BIN_BY_EXP.get(times * 10) ?? ''}`;
  }
  let n = q.unscaled;
  const negative = n < 0n;
  if (negative) n = -n;
  let exp = q.exp;
  while (n >= 10n && n % 10n === 0n) {
    n /= 10n;
    exp++;
  }
  while (exp % 3 !== 0) {
    n *= 10n;
    exp--;
  }
  const number = `${negative ? -n : n}`;
  // Past E (10^18) there is no SI suffix: the newest apimachinery writes an exponent there.
  const suffix = format === 'DecimalExponent' ? undefined : DEC_BY_EXP.get(exp);
  return suffix !== undefined ? number + suffix : exp === 0 ? number : `${number}e${exp}`;
}

/**
 * A quantity as the API server stores and returns it (Quantity.String after a round trip through
 * the API): `0.1` is `100m`, `1000` is `1k`, `1000m` is `1`, `1024Mi` is `1Gi`, `1.5Gi` is
 * `1536Mi`; text already canonical is kept as written, as Go keeps it. Undefined when Go would
 * reject the text.
 */
export function canonicalQuantity(value: string | number): string | undefined {
  const q = parseExactQuantity(value);
  return q === undefined ? undefined : quantityString(q);
}

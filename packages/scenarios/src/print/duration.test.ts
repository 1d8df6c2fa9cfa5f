import { describe, it, expect } from 'vitest';
import {
  formatDurationNanos,
  formatGoDuration,
  humanDuration,
  parseDuration,
  parseDurationNanos,
  shortHumanDuration,
} from './duration.ts';

const Millisecond = 1;
const Second = 1000 * Millisecond;
const Minute = 60 * Second;
const Hour = 60 * Minute;
// Go's tests add 1ns; in milliseconds that is a fraction.
const Nanosecond = 1e-6;

describe('humanDuration', () => {
  // mirrors TestHumanDuration in apimachinery/pkg/util/duration/duration_test.go
  it.each([
    { d: Second, want: '1s' },
    { d: 70 * Second, want: '70s' },
    { d: 190 * Second, want: '3m10s' },
    { d: 70 * Minute, want: '70m' },
    { d: 47 * Hour, want: '47h' },
    { d: 49 * Hour, want: '2d1h' },
    { d: (8 * 24 + 2) * Hour, want: '8d' },
    { d: 367 * 24 * Hour, want: '367d' },
    { d: (365 * 2 * 24 + 25) * Hour, want: '2y1d' },
    { d: (365 * 8 * 24 + 2) * Hour, want: '8y' },
  ])('TestHumanDuration $want', ({ d, want }) => {
    expect(humanDuration(d)).toBe(want);
  });

  // mirrors TestHumanDurationBoundaries in apimachinery/pkg/util/duration/duration_test.go
  it.each([
    { d: -2 * Second, want: '<invalid>' },
    { d: -2 * Second + Nanosecond, want: '0s' },
    { d: 0, want: '0s' },
    { d: Second - Millisecond, want: '0s' },
    { d: 2 * Minute - Millisecond, want: '119s' },
    { d: 2 * Minute, want: '2m' },
    { d: 2 * Minute + Second, want: '2m1s' },
    { d: 10 * Minute - Millisecond, want: '9m59s' },
    { d: 10 * Minute, want: '10m' },
    { d: 10 * Minute + Second, want: '10m' },
    { d: 3 * Hour - Millisecond, want: '179m' },
    { d: 3 * Hour, want: '3h' },
    { d: 3 * Hour + Minute, want: '3h1m' },
    { d: 8 * Hour - Millisecond, want: '7h59m' },
    { d: 8 * Hour, want: '8h' },
    { d: 8 * Hour + 59 * Minute, want: '8h' },
    { d: 2 * 24 * Hour - Millisecond, want: '47h' },
    { d: 2 * 24 * Hour, want: '2d' },
    { d: 2 * 24 * Hour + Hour, want: '2d1h' },
    { d: 8 * 24 * Hour - Millisecond, want: '7d23h' },
    { d: 8 * 24 * Hour, want: '8d' },
    { d: 8 * 24 * Hour + 23 * Hour, want: '8d' },
    { d: 2 * 365 * 24 * Hour - Millisecond, want: '729d' },
    { d: 2 * 365 * 24 * Hour, want: '2y' },
    { d: 2 * 365 * 24 * Hour + 23 * Hour, want: '2y' },
    { d: 2 * 365 * 24 * Hour + 23 * Hour + 59 * Minute, want: '2y' },
    { d: 2 * 365 * 24 * Hour + 24 * Hour - Millisecond, want: '2y' },
    { d: 2 * 365 * 24 * Hour + 24 * Hour, want: '2y1d' },
    { d: 3 * 365 * 24 * Hour, want: '3y' },
    { d: 4 * 365 * 24 * Hour, want: '4y' },
    { d: 5 * 365 * 24 * Hour, want: '5y' },
    { d: 6 * 365 * 24 * Hour, want: '6y' },
    { d: 7 * 365 * 24 * Hour, want: '7y' },
    { d: 8 * 365 * 24 * Hour - Millisecond, want: '7y364d' },
    { d: 8 * 365 * 24 * Hour, want: '8y' },
    { d: 8 * 365 * 24 * Hour + 364 * 24 * Hour, want: '8y' },
    { d: 9 * 365 * 24 * Hour, want: '9y' },
  ])('TestHumanDurationBoundaries $d -> $want', ({ d, want }) => {
    expect(humanDuration(d)).toBe(want);
  });

  // mirrors TestTranslateTimestampSince in pkg/printers/internalversion/printers_test.go (durations only)
  it.each([
    { d: -2.1 * Second, want: '<invalid>' },
    { d: -1.9 * Second, want: '0s' },
    { d: 30 * Second, want: '30s' },
    { d: 5 * Minute, want: '5m' },
    { d: 100 * Minute, want: '100m' },
    { d: 2 * 24 * Hour, want: '2d' },
    { d: 90 * 24 * Hour, want: '90d' },
    { d: 10 * 365 * 24 * Hour, want: '10y' },
  ])('TestTranslateTimestampSince $want', ({ d, want }) => {
    expect(humanDuration(d)).toBe(want);
  });

  it('matches the ages in the real-cluster golden (4m14s, 4m16s)', () => {
    expect(humanDuration(254 * Second + 999)).toBe('4m14s');
    expect(humanDuration(256 * Second)).toBe('4m16s');
  });

  it('rejects non-finite input', () => {
    expect(() => humanDuration(Number.NaN)).toThrow(RangeError);
  });
});

describe('shortHumanDuration', () => {
  // mirrors TestShortHumanDurationBoundaries in apimachinery/pkg/util/duration/duration_test.go
  it.each([
    { d: -2 * Second, want: '<invalid>' },
    { d: -2 * Second + Nanosecond, want: '0s' },
    { d: 0, want: '0s' },
    { d: Second - Millisecond, want: '0s' },
    { d: Second, want: '1s' },
    { d: 2 * Second - Millisecond, want: '1s' },
    { d: Minute - Millisecond, want: '59s' },
    { d: Minute, want: '1m' },
    { d: 2 * Minute - Millisecond, want: '1m' },
    { d: Hour - Millisecond, want: '59m' },
    { d: Hour, want: '1h' },
    { d: 2 * Hour - Millisecond, want: '1h' },
    { d: 24 * Hour - Millisecond, want: '23h' },
    { d: 24 * Hour, want: '1d' },
    { d: 2 * 24 * Hour - Millisecond, want: '1d' },
    { d: 365 * 24 * Hour - Millisecond, want: '364d' },
    { d: 365 * 24 * Hour, want: '1y' },
    { d: 2 * 365 * 24 * Hour - Millisecond, want: '1y' },
    { d: 2 * 365 * 24 * Hour, want: '2y' },
  ])('TestShortHumanDurationBoundaries $d -> $want', ({ d, want }) => {
    expect(shortHumanDuration(d)).toBe(want);
  });
});

// Go's Duration constants in nanoseconds, for the exact tests below.
const NS = 1n;
const US = 1000n * NS;
const MS = 1000n * US;
const S = 1000n * MS;
const M = 60n * S;
const H = 60n * M;

describe('parseDuration', () => {
  // mirrors parseDurationTests (TestParseDuration) in go/src/time/time_test.go
  it.each([
    ['0', 0n],
    ['5s', 5n * S],
    ['30s', 30n * S],
    ['1478s', 1478n * S],
    ['-5s', -5n * S],
    ['+5s', 5n * S],
    ['-0', 0n],
    ['+0', 0n],
    ['5.0s', 5n * S],
    ['5.6s', 5n * S + 600n * MS],
    ['5.s', 5n * S],
    ['.5s', 500n * MS],
    ['1.0s', 1n * S],
    ['1.00s', 1n * S],
    ['1.004s', 1n * S + 4n * MS],
    ['1.0040s', 1n * S + 4n * MS],
    ['100.00100s', 100n * S + 1n * MS],
    ['10ns', 10n * NS],
    ['11us', 11n * US],
    ['12\u00b5s', 12n * US],
    ['12\u03bcs', 12n * US],
    ['13ms', 13n * MS],
    ['14s', 14n * S],
    ['15m', 15n * M],
    ['16h', 16n * H],
    ['3h30m', 3n * H + 30n * M],
    ['10.5s4m', 4n * M + 10n * S + 500n * MS],
    ['-2m3.4s', -(2n * M + 3n * S + 400n * MS)],
    ['1h2m3s4ms5us6ns', 1n * H + 2n * M + 3n * S + 4n * MS + 5n * US + 6n * NS],
    ['39h9m14.425s', 39n * H + 9n * M + 14n * S + 425n * MS],
    ['52763797000ns', 52763797000n * NS],
    ['0.3333333333333333333h', 20n * M],
    ['9007199254740993ns', (1n << 53n) + 1n],
    ['9223372036854775807ns', (1n << 63n) - 1n],
    ['9223372036854775.807us', (1n << 63n) - 1n],
    ['9223372036s854ms775us807ns', (1n << 63n) - 1n],
    ['-9223372036854775808ns', -(1n << 63n)],
    ['-9223372036854775.808us', -(1n << 63n)],
    ['-9223372036s854ms775us808ns', -(1n << 63n)],
    ['-2562047h47m16.854775808s', -(1n << 63n)],
    ['0.100000000000000000000h', 6n * M],
    ['0.830103483285477580700h', 49n * M + 48n * S + 372539827n * NS],
  ] as const)('TestParseDuration %s', (input, want) => {
    expect(parseDurationNanos(input)).toBe(want);
  });

  // mirrors parseDurationErrorTests (TestParseDurationErrors) in go/src/time/time_test.go
  it.each([
    ['', '""'],
    ['3', '"3"'],
    ['-', '"-"'],
    ['s', '"s"'],
    ['.', '"."'],
    ['-.', '"-."'],
    ['.s', '".s"'],
    ['+.s', '"+.s"'],
    ['1d', '"1d"'],
    ['\uFFFD', '"\\xef\\xbf\\xbd"'],
    ['\uFFFD hello \uFFFD world', '"\\xef\\xbf\\xbd hello \\xef\\xbf\\xbd world"'],
    ['9223372036854775810ns', '"9223372036854775810ns"'],
    ['9223372036854775808ns', '"9223372036854775808ns"'],
    ['9223372036854775.808us', '"9223372036854775.808us"'],
    ['9223372036854ms775us808ns', '"9223372036854ms775us808ns"'],
    ['-9223372036854775809ns', '"-9223372036854775809ns"'],
    ['-9223372036854775.809us', '"-9223372036854775.809us"'],
  ] as const)('TestParseDurationErrors %j', (input, quoted) => {
    expect(() => parseDurationNanos(input)).toThrow(quoted);
  });

  it('returns milliseconds for the forms dsim scenarios use', () => {
    expect(parseDuration('22s')).toBe(22_000);
    expect(parseDuration('4m16s')).toBe(256_000);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('300ms')).toBe(300);
    expect(parseDuration('1h2m3s')).toBe(3_723_000);
    expect(parseDuration('-1m')).toBe(-60_000);
    expect(parseDuration('1500us')).toBe(1.5);
  });

  it("explains what is wrong, in Go's words", () => {
    expect(() => parseDuration('10')).toThrow('time: missing unit in duration "10"');
    expect(() => parseDuration('3d')).toThrow('time: unknown unit "d" in duration "3d"');
    expect(() => parseDuration('1h 2m')).toThrow('time: unknown unit "h " in duration "1h 2m"');
    expect(() => parseDuration('abc')).toThrow('time: invalid duration "abc"');
  });
});

describe('formatGoDuration', () => {
  // mirrors durationTests (TestDurationString) in go/src/time/time_test.go
  it.each([
    ['0s', 0n],
    ['1ns', 1n * NS],
    ['1.1\u00b5s', 1100n * NS],
    ['2.2ms', 2200n * US],
    ['3.3s', 3300n * MS],
    ['4m5s', 4n * M + 5n * S],
    ['4m5.001s', 4n * M + 5001n * MS],
    ['5h6m7.001s', 5n * H + 6n * M + 7001n * MS],
    ['8m0.000000001s', 8n * M + 1n * NS],
    ['2562047h47m16.854775807s', (1n << 63n) - 1n],
    ['-2562047h47m16.854775808s', -(1n << 63n)],
  ] as const)('TestDurationString %s', (want, ns) => {
    expect(formatDurationNanos(ns)).toBe(want);
    expect(parseDurationNanos(want)).toBe(ns);
  });

  it('prints milliseconds like Go prints the same Duration', () => {
    expect(formatGoDuration(256_000)).toBe('4m16s');
    expect(formatGoDuration(3_600_000)).toBe('1h0m0s');
    expect(formatGoDuration(500)).toBe('500ms');
    expect(formatGoDuration(1_500)).toBe('1.5s');
    expect(formatGoDuration(0)).toBe('0s');
    expect(formatGoDuration(-90_000)).toBe('-1m30s');
    expect(formatGoDuration(0.001)).toBe('1\u00b5s');
  });
});

import { describe, expect, it } from 'vitest';
import { canonicalQuantity, parseCpuMillis, parseQuantity } from './quantity.ts';

describe('canonicalQuantity: the text the API server returns (apimachinery quantity_test.go)', () => {
  // TestQuantityParseEmit, TestQuantityString's alternates and TestJSONWhitespace, then cases of our own.
  it.each([
    ['1Ki', '1Ki'],
    ['1Mi', '1Mi'],
    ['1Gi', '1Gi'],
    ['1024Mi', '1Gi'],
    ['1000M', '1G'],
    ['.001Ki', '1024m'],
    ['.000001Ki', '1024u'],
    ['.000000001Ki', '1024n'],
    ['.000000000001Ki', '2n'],
    ['307200Ki', '300Mi'],
    ['1025024Mi', '1001Gi'],
    ['1024Gi', '1Ti'],
    ['5000m', '5'],
    ['0.5', '500m'],
    ['0.001T', '1G'],
    ['1000u', '1m'],
    ['1.08', '1080m'],
    ['1080000000n', '1080m'],
    ['1000E', '1e21'],
    ['.001e12', '1e9'],
    ['0.001e0', '1e-3'],
    ['1000e-12', '1e-9'],
    ['00', '0'],
    [' 1', '1'],
    ['1 ', '1'],
    ['-1', '-1'],
    // From describe's table, with the "1000" → "1k" of kubectl's TestDescribeResources.
    ['0', '0'],
    ['0n', '0'],
    ['0Mi', '0'],
    ['1.1', '1100m'],
    ['0.1m', '100u'],
    ['1.5n', '2n'],
    ['5n', '5n'],
    ['4u', '4u'],
    ['9', '9'],
    ['8k', '8k'],
    ['50k', '50k'],
    ['7M', '7M'],
    ['4G', '4G'],
    ['20G', '20G'],
    ['1.5M', '1500k'],
    ['2.4G', '2400M'],
    ['8Ki', '8Ki'],
    ['7Mi', '7Mi'],
    ['6Gi', '6Gi'],
    ['0.5Ki', '512'],
    ['1.001Ki', '1025024m'],
    ['8025424Ki', '8025424Ki'],
    ['56453061334', '56453061334'],
    ['12e6', '12e6'],
    ['12E6', '12E6'],
    ['1000e3', '1e6'],
    // Our own: what manifests write.
    ['1.5', '1500m'],
    ['0.1', '100m'],
    ['1000m', '1'],
    ['1000', '1k'],
    ['100m', '100m'],
    ['250m', '250m'],
    ['1.5Gi', '1536Mi'],
    ['0.5Gi', '512Mi'],
    ['1.5Ki', '1536'],
    ['100Mi', '100Mi'],
    ['2000Mi', '2000Mi'],
    ['8Mi', '8Mi'],
    ['1e3', '1e3'],
    ['1e2', '100'],
    ['1E3', '1E3'], // canonical already: Go keeps the text
    ['12E', '12E'],
    ['9Ei', '9223372036854775807'],
    ['12345678901234567890123', '12345678901234567890123'],
    ['0.0000000001', '1n'],
    ['3.001n', '4n'],
    ['-0.5', '-500m'],
    ['-1.5Gi', '-1536Mi'],
    ['+1', '+1'],
    ['0m', '0'],
    ['0Gi', '0'],
    ['1.', '1.'],
  ])('%s → %s', (input, want) => {
    expect(canonicalQuantity(input)).toBe(want);
  });

  it.each([
    [1.5, '1500m'],
    [2, '2'],
    [0.25, '250m'],
    [1000, '1k'],
    [0, '0'],
  ])('the JSON number %s → %s', (input, want) => {
    expect(canonicalQuantity(input)).toBe(want);
  });

  it.each(['', 'ten', 'aoeu', '1.1.M', '0.1mi', '1i', '-3.01e-'])('%j is not a quantity', (input) => {
    expect(canonicalQuantity(input)).toBeUndefined();
  });

  it('keeps every value: parsing the canonical text gives the same amount', () => {
    for (const q of ['1.5', '0.1', '1000m', '1.5Gi', '0.5Gi', '1.5Ki', '100.035k', '10.035M', '0.05Gi', '1.2e3']) {
      const c = canonicalQuantity(q)!;
      expect(parseQuantity(c)).toBeCloseTo(parseQuantity(q)!, 6);
      expect(canonicalQuantity(c), `${q} → ${c} is stable`).toBe(c);
    }
    expect(parseCpuMillis(canonicalQuantity('1.5'))).toBe(1500);
  });
});

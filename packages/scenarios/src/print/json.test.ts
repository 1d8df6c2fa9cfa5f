import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareGoStrings } from '@dsim/core';
import { kubectlJson, kubectlJsonChunks } from './json.ts';

// Golden outputs are real kubectl output (v1.32.4, offline): each input was written to a file and
// printed with `kubectl label --local -f case.json -o json x-`, which prints the object as
// `kubectl get -o json` does (Go's json.MarshalIndent of the unstructured object).
const GOLDEN: readonly { name: string; input: string; kubectl: string }[] = [
  {
    name: 'escapes (HTML-safe <>&, U+2028/9, short \\b \\f) and key order by bytes, integer-like keys in place',
    input: "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\",\"labels\":{\"a\":\"b\"}},\"data\":{\"-\":\"a\",\"10\":\"b\",\"2\":\"c\",\"a\":\"<>&\\u2028\\u2029 \\b\\f\\n\\r\\t\\u0001\\u007f\\u0085 \u00e9 \ud83d\ude00\",\"B\":\"x\",\"\u00e9\":\"1\",\"a9\":\"\",\"a10\":\"/\"},\"binaryData\":{},\"immutable\":false}",
    kubectl: "{\n    \"apiVersion\": \"v1\",\n    \"binaryData\": {},\n    \"data\": {\n        \"-\": \"a\",\n        \"10\": \"b\",\n        \"2\": \"c\",\n        \"B\": \"x\",\n        \"a\": \"\\u003c\\u003e\\u0026\\u2028\\u2029 \\b\\f\\n\\r\\t\\u0001\u007f\u0085 \u00e9 \ud83d\ude00\",\n        \"a10\": \"/\",\n        \"a9\": \"\",\n        \"\u00e9\": \"1\"\n    },\n    \"immutable\": false,\n    \"kind\": \"ConfigMap\",\n    \"metadata\": {\n        \"labels\": {\n            \"a\": \"b\"\n        },\n        \"name\": \"x\"\n    }\n}\n",
  },
  {
    name: 'nesting, empty collections, numbers, and keys above U+FFFF sorted after U+E000',
    input: "{\"apiVersion\":\"v1\",\"kind\":\"Foo\",\"metadata\":{\"name\":\"x\",\"labels\":{}},\"v\":{\"l\":[[1,2],[],{},[[]],[{}],[{\"b\":1,\"a\":[true,false,null]}]],\"f\":[1.5,0.1,-2.5,1e-7,1e20,1e21,123456789012,-1,0],\"n\":null,\"s\":\"it's \\\"q\\\" \\\\ /\",\"u\":\"\\u00e9\\uE000\\ud83d\\ude00\",\"keys\":{\"\\uE000\":1,\"\\ud83d\\ude00\":2,\"z\":3,\"Z\":4,\"_\":5,\"~\":6}}}",
    kubectl: "{\n    \"apiVersion\": \"v1\",\n    \"kind\": \"Foo\",\n    \"metadata\": {\n        \"labels\": {},\n        \"name\": \"x\"\n    },\n    \"v\": {\n        \"f\": [\n            1.5,\n            0.1,\n            -2.5,\n            1e-7,\n            100000000000000000000,\n            1e+21,\n            123456789012,\n            -1,\n            0\n        ],\n        \"keys\": {\n            \"Z\": 4,\n            \"_\": 5,\n            \"z\": 3,\n            \"~\": 6,\n            \"\ue000\": 1,\n            \"\ud83d\ude00\": 2\n        },\n        \"l\": [\n            [\n                1,\n                2\n            ],\n            [],\n            {},\n            [\n                []\n            ],\n            [\n                {}\n            ],\n            [\n                {\n                    \"a\": [\n                        true,\n                        false,\n                        null\n                    ],\n                    \"b\": 1\n                }\n            ]\n        ],\n        \"n\": null,\n        \"s\": \"it's \\\"q\\\" \\\\ /\",\n        \"u\": \"\u00e9\ue000\ud83d\ude00\"\n    }\n}\n",
  },
];

describe('kubectlJson', () => {
  it.each(GOLDEN)('prints as kubectl: $name', ({ input, kubectl }) => {
    expect(kubectlJson(JSON.parse(input))).toBe(kubectl.replace(/\n$/, ''));
  });

  it('writes a lone surrogate as Go writes invalid UTF-8, and skips undefined fields', () => {
    expect(kubectlJson({ a: 'x\ud800y', b: undefined, c: [undefined] })).toBe('{\n    "a": "x\\ufffdy",\n    "c": [\n        null\n    ]\n}');
  });

  it('gives a big list in pieces, none longer than a few thousand items, that make the whole text', () => {
    const list = { apiVersion: 'v1', items: Array.from({ length: 5000 }, (_, i) => ({ metadata: { name: `pod-${i}` } })), kind: 'List' };
    const chunks = kubectlJsonChunks(list);
    expect(chunks.length).toBeGreaterThan(1);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(JSON.stringify(list, null, 4).length / 2);
    expect(chunks.join('')).toBe(JSON.stringify(list, null, 4));
  });

  it('reads back as the value it was given (any JSON value)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(JSON.parse(kubectlJson(v))).toEqual(JSON.parse(JSON.stringify(v)));
      }),
    );
  });

  it('reads back with any well-formed string as key or value', () => {
    const str = fc.string({ unit: 'grapheme', maxLength: 12 });
    fc.assert(
      fc.property(fc.dictionary(str, fc.oneof(str, fc.array(str, { maxLength: 3 }))), (v) => {
        expect(JSON.parse(kubectlJson(v))).toEqual(v);
      }),
    );
  });

  it('orders keys by code point, as Go orders them by UTF-8 bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        const bytes = Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
        expect(Math.sign(compareGoStrings(a, b))).toBe(bytes);
      }),
    );
  });
});

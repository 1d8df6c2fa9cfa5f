// The API server's decoding of a manifest into its Go type, before defaulting and validation:
// a value of the wrong JSON type is refused as Go's encoding/json refuses it (the first in document
// order), and then, as kubectl's default `--validate=strict` asks, every field the type does not
// have. Without this a manifest's `nodeSelector: {gpu: true}` (YAML reads `true` as a boolean)
// reached code that expects strings, and a misspelt field was silently ignored. Pure.

import { API_TYPES } from './apiSchema.ts';
import { canonicalQuantity, parseQuantity } from './quantity.ts';

/** Why an object cannot be decoded: the message after `… cannot be handled as a Kind: `, and where. */
export interface DecodeError {
  readonly message: string;
  /** The first offending field: names and list indexes from the object's root. */
  readonly path: readonly (string | number)[];
}

/** The kinds dsim decodes: the ones it simulates. */
export type DecodedKind = 'DaemonSet' | 'Pod' | 'Node' | 'Namespace';

const QUANTITY_FORMAT = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/** Whether a kind is one dsim decodes. */
export function isDecodedKind(kind: string | undefined): kind is DecodedKind {
  return kind === 'DaemonSet' || kind === 'Pod' || kind === 'Node' || kind === 'Namespace';
}

/** The kind dsim decodes an object of this apiVersion and kind as (apps/v1 DaemonSet; v1 Pod, Node, Namespace), or undefined. */
export function decodedKindOf(apiVersion: string | undefined, kind: string | undefined): DecodedKind | undefined {
  return isDecodedKind(kind) && apiVersion === (kind === 'DaemonSet' ? 'apps/v1' : 'v1') ? kind : undefined;
}

/**
 * The API server's answer to decoding `object` as a `kind`: undefined when it decodes, else the
 * first type mismatch (`json: cannot unmarshal bool into Go struct field PodSpec.spec.template.spec.nodeSelector of type string`)
 * or, when the types fit, every unknown field (`strict decoding error: unknown field "spec.foo"`).
 */
export function decodeObject(kind: DecodedKind, object: unknown): DecodeError | undefined {
  const d = new Decoder();
  d.value(object, kind, [], [], kind);
  if (d.typeError !== undefined) return d.typeError;
  if (d.unknown.length === 0) return undefined;
  return {
    message: `strict decoding error: ${d.unknown.map((p) => `unknown field "${pathText(p)}"`).join(', ')}`,
    path: d.unknown[0]!,
  };
}

/**
 * The API server's field validation (the request's `fieldValidation`, kubectl's `--validate`):
 * `Strict` refuses unknown fields, `Warn` lets them through with a warning each, `Ignore` drops
 * them silently. A value of the wrong type is refused whatever the mode.
 */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/**
 * `decodeObject` under a field validation: the error that refuses the object, if any, and the
 * warnings the API server sends back (`unknown field "spec.foo"`, for `Warn`).
 */
export function decodeWith(kind: DecodedKind, object: unknown, validation: FieldValidation): { readonly error?: DecodeError; readonly warnings: readonly string[] } {
  if (validation === 'Strict') {
    const error = decodeObject(kind, object);
    return error === undefined ? { warnings: [] } : { error, warnings: [] };
  }
  const d = new Decoder();
  d.value(object, kind, [], [], kind);
  if (d.typeError !== undefined) return { error: d.typeError, warnings: [] };
  return { warnings: validation === 'Warn' ? d.unknown.map((p) => `unknown field "${pathText(p)}"`) : [] };
}

/** `spec.template.spec.containers[0].foo`: strict decoding's notation. */
function pathText(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out;
}

/** A Go type as `%v` of reflect.Type prints it. */
function goType(t: string): string {
  if (t.startsWith('[]')) return `[]${goType(t.slice(2))}`;
  if (t.startsWith('map[string]')) return `map[string]${goType(t.slice(11))}`;
  switch (t) {
    case 'string':
    case 'int32':
    case 'int64':
    case 'float64':
    case 'bool':
      return t;
    case 'bytes':
      return '[]uint8';
    case 'Time':
      return 'v1.Time';
    case 'Quantity':
      return 'resource.Quantity';
    case 'IntOrString':
      return 'intstr.IntOrString';
    case 'any':
      return 'runtime.RawExtension';
    default:
      return `v1.${t}`;
  }
}

/** How encoding/json names a JSON value in UnmarshalTypeError. */
function jsonKind(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

const INT_RANGE: Record<string, [number, number]> = { int32: [-(2 ** 31), 2 ** 31 - 1], int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER] };

class Decoder {
  typeError: DecodeError | undefined;
  readonly unknown: (string | number)[][] = [];

  /** UnmarshalTypeError's "into …" part: the struct field, as the decoder's error context names it. */
  where(fields: readonly string[], struct: string): string {
    return fields.length === 0 ? 'Go value' : `Go struct field ${struct}.${fields.join('.')}`;
  }

  /**
   * Decodes v as Go type t. `fields` is encoding/json's field stack (struct fields only, no
   * indexes or map keys); `path` the full path; `struct` the Go struct holding the current field.
   */
  value(v: unknown, t: string, fields: readonly string[], path: readonly (string | number)[], struct: string): void {
    // null leaves any Go value as it was; after the first type error json only carries on to the end.
    if (v === null || v === undefined || this.typeError !== undefined) return;
    const mismatch = (value = jsonKind(v)) => {
      this.typeError = { message: `json: cannot unmarshal ${value} into ${this.where(fields, struct)} of type ${goType(t)}`, path };
    };
    if (t.startsWith('[]')) {
      if (!Array.isArray(v)) return mismatch();
      const item = t.slice(2);
      v.forEach((x, i) => this.value(x, item, fields, [...path, i], struct));
      return;
    }
    if (t.startsWith('map[string]')) {
      if (typeof v !== 'object' || Array.isArray(v)) return mismatch();
      const item = t.slice(11);
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) this.value(x, item, fields, [...path, k], struct);
      return;
    }
    switch (t) {
      case 'string':
      case 'bytes':
        if (typeof v !== 'string') mismatch();
        return;
      case 'bool':
        if (typeof v !== 'boolean') mismatch();
        return;
      case 'float64':
        if (typeof v !== 'number') mismatch();
        return;
      case 'int32':
      case 'int64': {
        if (typeof v !== 'number') return mismatch();
        const [lo, hi] = INT_RANGE[t]!;
        if (!Number.isInteger(v) || v < lo || v > hi) mismatch(`number ${String(v)}`);
        return;
      }
      case 'Time':
        // metav1.Time unmarshals a string of its own, then parses it; the decoder adds the field to
        // that error (saveError's addErrorContext).
        if (typeof v !== 'string') this.typeError = { message: `json: cannot unmarshal ${jsonKind(v)} into ${this.where(fields, struct)} of type string`, path };
        return;
      case 'Quantity':
        if ((typeof v !== 'string' && typeof v !== 'number') || parseQuantity(v) === undefined) this.typeError = { message: QUANTITY_FORMAT, path };
        return;
      case 'IntOrString':
        // A string is the string; anything else unmarshals as an int32.
        if (typeof v === 'string') return;
        if (typeof v !== 'number') this.typeError = { message: `json: cannot unmarshal ${jsonKind(v)} into ${this.where(fields, struct)} of type int32`, path };
        else if (!Number.isInteger(v) || v < INT_RANGE.int32![0] || v > INT_RANGE.int32![1]) {
          this.typeError = { message: `json: cannot unmarshal number ${String(v)} into ${this.where(fields, struct)} of type int32`, path };
        }
        return;
      case 'any':
        return;
    }
    const type = API_TYPES[t];
    if (type === undefined) throw new Error(`decode: no API type ${t}`);
    if (typeof v !== 'object' || Array.isArray(v)) return mismatch();
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const ft = type[k];
      if (ft === undefined) this.unknown.push([...path, k]);
      else this.value(x, ft, [...fields, k], [...path, k], t);
    }
  }
}

/**
 * The object as Go holds it once decoded, as far as nulls go: a null field is left out (a nil
 * pointer, slice or map, or a zero scalar, which the API writes out as absent), except a struct
 * held by value (`template`, `spec`, a container's `resources`), which is its zero value `{}`; a
 * null in a list is the element type's zero value. So
 * `template: null` reaches validation as an empty template, as in Kubernetes, and code that reads
 * the object never meets a null. Quantities take their canonical text (`canonicalQuantity`). Call
 * it on an object that decodes. With `dropUnknown`, fields the type does not have go too, as the
 * API server drops them when field validation lets them through.
 */
export function withoutNulls<T>(kind: DecodedKind, object: T, dropUnknown = false): T {
  return normalize(object, kind, dropUnknown) as T;
}

/** The struct fields of the decoded kinds that Go holds by value, not by pointer. */
const VALUE_STRUCTS: ReadonlySet<string> = new Set([
  'DaemonSet.metadata',
  'DaemonSet.spec',
  'DaemonSet.status',
  'DaemonSetSpec.template',
  'DaemonSetSpec.updateStrategy',
  'PodTemplateSpec.metadata',
  'PodTemplateSpec.spec',
  'Pod.metadata',
  'Pod.spec',
  'Pod.status',
  'Node.metadata',
  'Node.spec',
  'Node.status',
  'Namespace.metadata',
  'Namespace.spec',
  'Namespace.status',
  'Container.resources',
  'EphemeralContainer.resources',
]);

function zeroOf(t: string): unknown {
  if (t.startsWith('[]')) return t === '[]byte' ? '' : [];
  if (t.startsWith('map[string]')) return {};
  switch (t) {
    case 'string':
    case 'bytes':
    case 'Time':
      return '';
    case 'bool':
      return false;
    case 'int32':
    case 'int64':
    case 'float64':
    case 'IntOrString':
      return 0;
    case 'Quantity':
      return '0';
    case 'any':
      return null;
    default:
      return {};
  }
}

function normalize(v: unknown, t: string, drop: boolean): unknown {
  // A quantity comes back as the API server writes it: `cpu: 1.5` is "1500m".
  if (t === 'Quantity' && (typeof v === 'string' || typeof v === 'number')) return canonicalQuantity(v) ?? v;
  if (v === null || typeof v !== 'object') return v;
  if (t.startsWith('[]')) {
    if (!Array.isArray(v)) return v;
    const item = t.slice(2);
    return v.map((x) => (x === null ? zeroOf(item) : normalize(x, item, drop)));
  }
  if (t.startsWith('map[string]')) {
    const item = t.slice(11);
    const out: Record<string, unknown> = {};
    // A null map value decodes as the element's zero value (a map keeps the key).
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = x === null ? zeroOf(item) : normalize(x, item, drop);
    return out;
  }
  const type = API_TYPES[t];
  if (type === undefined || Array.isArray(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    const ft = type[k];
    if (ft === undefined) {
      if (!drop) out[k] = x;
      continue;
    }
    if (x === null) {
      // A struct held by value decodes to its zero value; a pointer (most optional structs:
      // affinity, probes, securityContext, valueFrom) stays nil, so the field is left out.
      if (VALUE_STRUCTS.has(`${t}.${k}`)) out[k] = {};
      continue;
    }
    out[k] = normalize(x, ft, drop);
  }
  return out;
}

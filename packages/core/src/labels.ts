// Label keys, values, requirements and selectors, ported from k8s.io/apimachinery (validation, labels, metav1 helpers).
// Pure: no I/O. Compiled selectors are cached per (immutable) API object, so callers must not mutate selectors after use.

import type { LabelSelector } from 'kubernetes-types/meta/v1';

/** A label map as found on `metadata.labels`; absent means no labels. */
export type Labels = Readonly<Record<string, string>> | undefined;

// ---------------------------------------------------------------------------
// Validation (apimachinery/pkg/util/validation; the messages are unchanged in current releases,
// e.g. the v1.33 DeviceTaintRule validation tests quote the label-value one word for word)
// ---------------------------------------------------------------------------

const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QUALIFIED_NAME_ERR_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const QUALIFIED_NAME_MAX_LENGTH = 63;
const QUALIFIED_NAME_RE = new RegExp(`^${QUALIFIED_NAME_FMT}$`);

const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const LABEL_VALUE_ERR_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
/** Maximum length of a label value (and of a label key's name part). */
export const LABEL_VALUE_MAX_LENGTH = 63;
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_ERR_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
/** Maximum length of a DNS-1123 subdomain (object names, label key prefixes). */
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);

function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  let out = `${msg} (e.g. `;
  examples.forEach((example, i) => {
    if (i > 0) out += ' or ';
    out += `'${example}', `;
  });
  return `${out}regex used for validation is '${fmt}')`;
}

/** IsDNS1123Subdomain: error messages for `value`, empty when it is a valid DNS-1123 subdomain. */
export function validateDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!DNS1123_SUBDOMAIN_RE.test(value)) {
    errs.push(regexError(DNS1123_SUBDOMAIN_ERR_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  }
  return errs;
}

/** IsQualifiedName: error messages for a label key (`[prefix/]name`), empty when valid. */
export function validateLabelKey(key: string): string[] {
  const errs: string[] = [];
  const parts = key.split('/');
  let name: string;
  if (parts.length === 1) {
    name = key;
  } else if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    name = parts[1] ?? '';
    if (prefix.length === 0) {
      errs.push('prefix part must be non-empty');
    } else {
      for (const msg of validateDNS1123Subdomain(prefix)) errs.push(`prefix part ${msg}`);
    }
  } else {
    return [
      `a qualified name ${regexError(QUALIFIED_NAME_ERR_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')}` +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) {
    errs.push('name part must be non-empty');
  } else if (name.length > QUALIFIED_NAME_MAX_LENGTH) {
    errs.push(`name part ${maxLenError(QUALIFIED_NAME_MAX_LENGTH)}`);
  }
  if (!QUALIFIED_NAME_RE.test(name)) {
    errs.push(`name part ${regexError(QUALIFIED_NAME_ERR_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')}`);
  }
  return errs;
}

/** IsValidLabelValue: error messages for a label value, empty when valid (the empty string is valid). */
export function validateLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (value.length > LABEL_VALUE_MAX_LENGTH) errs.push(maxLenError(LABEL_VALUE_MAX_LENGTH));
  if (!LABEL_VALUE_RE.test(value)) errs.push(regexError(LABEL_VALUE_ERR_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
}

/** True when `key` is a valid label key (validation.IsQualifiedName). */
export function isQualifiedName(key: string): boolean {
  return validateLabelKey(key).length === 0;
}

/** True when `value` is a valid label value (validation.IsValidLabelValue). */
export function isValidLabelValue(value: string): boolean {
  return value.length <= LABEL_VALUE_MAX_LENGTH && LABEL_VALUE_RE.test(value);
}

// ---------------------------------------------------------------------------
// strconv.ParseInt(s, 10, 64)
// ---------------------------------------------------------------------------

const INT_RE = /^[+-]?[0-9]+$/;
const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

/**
 * strconv.ParseInt(s, 10, 64): an optional sign and decimal digits (leading zeros allowed, no underscores),
 * within int64 range; undefined on error. Small values come back as numbers, large ones as exact bigints
 * (JavaScript compares the two kinds exactly).
 */
export function parseInt64(s: string): number | bigint | undefined {
  if (!INT_RE.test(s)) return undefined;
  const signed = s.charCodeAt(0) === 43 /* + */ || s.charCodeAt(0) === 45; /* - */
  // Up to 15 digits is always exact as a double, which avoids a bigint on the common path.
  if (s.length - (signed ? 1 : 0) <= 15) return Number(s);
  const big = BigInt(s);
  if (big > INT64_MAX || big < INT64_MIN) return undefined;
  return big;
}

// ---------------------------------------------------------------------------
// Requirements (apimachinery/pkg/labels/selector.go)
// ---------------------------------------------------------------------------

/**
 * Selector operators. API spellings for the set-based ones; `Equals`/`DoubleEquals`/`NotEquals` are the
 * exact-match forms (`=`, `==`, `!=`) that matchLabels and nodeSelector turn into.
 */
export type SelectorOperator =
  | 'In'
  | 'NotIn'
  | 'Equals'
  | 'DoubleEquals'
  | 'NotEquals'
  | 'Exists'
  | 'DoesNotExist'
  | 'Gt'
  | 'Lt';

/** A parsed, valid label requirement (labels.Requirement). */
export interface Requirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values: readonly string[];
  /** The parsed bound for `Gt`/`Lt`; 0 otherwise. */
  readonly bound: number | bigint;
}

/** The result of newRequirement: the requirement, or the validation errors that made it a parse error. */
export type RequirementResult =
  | { readonly ok: true; readonly requirement: Requirement }
  | { readonly ok: false; readonly errors: readonly string[] };

const VALID_OPERATORS: readonly string[] = ['In', 'NotIn', 'Equals', 'DoubleEquals', 'NotEquals', 'Gt', 'Lt', 'Exists', 'DoesNotExist'];

function goQuote(s: string): string {
  return JSON.stringify(s);
}

function goStrings(values: readonly string[]): string {
  return `[]string{${values.map(goQuote).join(', ')}}`;
}

/**
 * labels.NewRequirement: validates the key, the operator/value-count rules, Gt/Lt integer bounds and every value
 * (label value syntax, so `Gt ["-1"]` fails), collecting every error. `path` prefixes the field paths in messages.
 */
export function newRequirement(
  key: string,
  operator: string,
  values: readonly string[] | null | undefined,
  path = '',
): RequirementResult {
  const vals = values ?? [];
  const at = (child: string): string => (path === '' ? child : `${path}.${child}`);
  const errors: string[] = [];
  const keyErrs = validateLabelKey(key);
  if (keyErrs.length > 0) errors.push(`${at('key')}: Invalid value: ${goQuote(key)}: ${keyErrs.join('; ')}`);

  let bound: number | bigint = 0;
  switch (operator) {
    case 'In':
    case 'NotIn':
      if (vals.length === 0) {
        errors.push(`${at('values')}: Invalid value: ${goStrings(vals)}: for 'in', 'notin' operators, values set can't be empty`);
      }
      break;
    case 'Equals':
    case 'DoubleEquals':
    case 'NotEquals':
      if (vals.length !== 1) {
        errors.push(`${at('values')}: Invalid value: ${goStrings(vals)}: exact-match compatibility requires one single value`);
      }
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (vals.length !== 0) {
        errors.push(`${at('values')}: Invalid value: ${goStrings(vals)}: values set must be empty for exists and does not exist`);
      }
      break;
    case 'Gt':
    case 'Lt':
      if (vals.length !== 1) {
        errors.push(`${at('values')}: Invalid value: ${goStrings(vals)}: for 'Gt', 'Lt' operators, exactly one value is required`);
      }
      vals.forEach((v, i) => {
        const parsed = parseInt64(v);
        if (parsed === undefined) {
          errors.push(`${at(`values[${i}]`)}: Invalid value: ${goQuote(v)}: for 'Gt', 'Lt' operators, the value must be an integer`);
        } else if (i === 0) {
          bound = parsed;
        }
      });
      break;
    default:
      errors.push(
        `${at('operator')}: Unsupported value: ${goQuote(operator)}: supported values: ${VALID_OPERATORS.map(goQuote).join(', ')}`,
      );
  }

  vals.forEach((v, i) => {
    const valueErrs = validateLabelValue(v);
    if (valueErrs.length > 0) {
      errors.push(`${at(`values[${i}][${key}]`)}: Invalid value: ${goQuote(v)}: ${valueErrs.join('; ')}`);
    }
  });

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, requirement: { key, operator: operator as SelectorOperator, values: vals, bound } };
}

// Own-property lookup without allocation: a plain object inherits e.g. `constructor`, which is not a string,
// while a label value always is.
function lookup(labels: Labels, key: string): string | undefined {
  if (labels === undefined || labels === null) return undefined;
  const v = (labels as Record<string, unknown>)[key];
  return typeof v === 'string' ? v : undefined;
}

function hasValue(values: readonly string[], value: string): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] === value) return true;
  return false;
}

/** Requirement.Matches: In needs the key with a listed value; NotIn matches an absent key; Gt/Lt compare int64s strictly. */
export function requirementMatches(r: Requirement, labels: Labels): boolean {
  switch (r.operator) {
    case 'In':
    case 'Equals':
    case 'DoubleEquals': {
      const v = lookup(labels, r.key);
      return v !== undefined && hasValue(r.values, v);
    }
    case 'NotIn':
    case 'NotEquals': {
      const v = lookup(labels, r.key);
      return v === undefined || !hasValue(r.values, v);
    }
    case 'Exists':
      return lookup(labels, r.key) !== undefined;
    case 'DoesNotExist':
      return lookup(labels, r.key) === undefined;
    case 'Gt':
    case 'Lt': {
      const v = lookup(labels, r.key);
      if (v === undefined) return false;
      const n = parseInt64(v);
      if (n === undefined || r.values.length !== 1) return false;
      return r.operator === 'Gt' ? n > r.bound : n < r.bound;
    }
    default:
      // The zero Requirement (no operator) matches nothing.
      return false;
  }
}

/**
 * Compares like Go's string `<` (bytewise over UTF-8, i.e. by code point): UTF-16 code-unit order differs only
 * where surrogate pairs meet U+E000..U+FFFF.
 */
export function compareGoStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && x <= 0xdfff) x += 0x2000;
    else if (x >= 0xe000) x -= 0x800;
    if (y >= 0xd800 && y <= 0xdfff) y += 0x2000;
    else if (y >= 0xe000) y -= 0x800;
    return x - y;
  }
  return a.length - b.length;
}

function isSorted(values: readonly string[]): boolean {
  for (let i = 1; i < values.length; i++) if (compareGoStrings(values[i - 1] ?? '', values[i] ?? '') > 0) return false;
  return true;
}

const OPERATOR_TEXT: Readonly<Record<string, string>> = {
  Equals: '=',
  DoubleEquals: '==',
  NotEquals: '!=',
  In: ' in ',
  NotIn: ' notin ',
  Gt: '>',
  Lt: '<',
};

/** Requirement.String: `k=v`, `k in (a,b)` (values sorted when there are several), `k`, `!k`, `k>1`. */
export function requirementToString(r: Requirement): string {
  if (r.operator === 'Exists') return r.key;
  if (r.operator === 'DoesNotExist') return `!${r.key}`;
  const paren = r.operator === 'In' || r.operator === 'NotIn';
  let out = r.key + (OPERATOR_TEXT[r.operator] ?? '');
  if (paren) out += '(';
  if (r.values.length === 1) out += r.values[0];
  else out += (isSorted(r.values) ? r.values : [...r.values].sort(compareGoStrings)).join(',');
  if (paren) out += ')';
  return out;
}

/** internalSelector.String: the requirements' strings joined by ',' in the given order (no sorting here). */
export function requirementsToString(requirements: readonly Requirement[]): string {
  return requirements.map(requirementToString).join(',');
}

// ---------------------------------------------------------------------------
// metav1.LabelSelector
// ---------------------------------------------------------------------------

/** A compiled label selector: `nothing` (nil selector) or requirements sorted by key (empty = everything). */
export interface Selector {
  readonly matchesNothing: boolean;
  readonly requirements: readonly Requirement[];
}

/** The result of labelSelectorAsSelector: a selector, or the first error (Go returns on the first bad requirement). */
export type LabelSelectorResult =
  | { readonly ok: true; readonly selector: Selector }
  | { readonly ok: false; readonly error: string };

const NOTHING: LabelSelectorResult = Object.freeze({
  ok: true,
  selector: Object.freeze({ matchesNothing: true, requirements: Object.freeze([]) as readonly Requirement[] }),
});
const EVERYTHING: LabelSelectorResult = Object.freeze({
  ok: true,
  selector: Object.freeze({ matchesNothing: false, requirements: Object.freeze([]) as readonly Requirement[] }),
});

const LABEL_SELECTOR_OPERATORS: Readonly<Record<string, SelectorOperator>> = {
  In: 'In',
  NotIn: 'NotIn',
  Exists: 'Exists',
  DoesNotExist: 'DoesNotExist',
};

const selectorCache = new WeakMap<LabelSelector, LabelSelectorResult>();

function compileLabelSelector(ls: LabelSelector): LabelSelectorResult {
  const matchLabels = ls.matchLabels ?? {};
  const matchExpressions = ls.matchExpressions ?? [];
  const labelKeys = Object.keys(matchLabels);
  if (labelKeys.length + matchExpressions.length === 0) return EVERYTHING;
  const requirements: Requirement[] = [];
  for (const k of labelKeys) {
    const r = newRequirement(k, 'Equals', [matchLabels[k] ?? '']);
    if (!r.ok) return { ok: false, error: r.errors.join(', ') };
    requirements.push(r.requirement);
  }
  for (const expr of matchExpressions) {
    const op = Object.hasOwn(LABEL_SELECTOR_OPERATORS, expr.operator) ? LABEL_SELECTOR_OPERATORS[expr.operator] : undefined;
    if (op === undefined) return { ok: false, error: `${goQuote(expr.operator)} is not a valid pod selector operator` };
    const r = newRequirement(expr.key, op, expr.values ? [...expr.values] : []);
    if (!r.ok) return { ok: false, error: r.errors.join(', ') };
    requirements.push(r.requirement);
  }
  // selector.Add sorts by key. Go's sort is an insertion sort (stable) below 13 elements; JS sort is always stable.
  requirements.sort((a, b) => compareGoStrings(a.key, b.key));
  return { ok: true, selector: { matchesNothing: false, requirements } };
}

/**
 * metav1.LabelSelectorAsSelector: nil selects nothing, `{}` selects everything, otherwise matchLabels (as `=`)
 * and matchExpressions (In/NotIn/Exists/DoesNotExist only) ANDed. Cached per selector object.
 */
export function labelSelectorAsSelector(selector: LabelSelector | null | undefined): LabelSelectorResult {
  if (selector === undefined || selector === null) return NOTHING;
  let result = selectorCache.get(selector);
  if (result === undefined) {
    result = compileLabelSelector(selector);
    selectorCache.set(selector, result);
  }
  return result;
}

/** Selector.Matches: every requirement matches (the nothing-selector matches no labels). */
export function selectorMatches(selector: Selector, labels: Labels): boolean {
  if (selector.matchesNothing) return false;
  const reqs = selector.requirements;
  for (let i = 0; i < reqs.length; i++) if (!requirementMatches(reqs[i] as Requirement, labels)) return false;
  return true;
}

/** True when the metav1.LabelSelector matches `labels`; nil and invalid selectors match nothing, `{}` matches everything. */
export function matchLabelSelector(selector: LabelSelector | null | undefined, labels: Labels): boolean {
  const result = labelSelectorAsSelector(selector);
  return result.ok && selectorMatches(result.selector, labels);
}

/** metav1.FormatLabelSelector as kubectl prints it: `app=foo,tier in (a,b)`, `<none>` when empty or nil, `<error>` when invalid. */
export function formatLabelSelector(selector: LabelSelector | null | undefined): string {
  const result = labelSelectorAsSelector(selector);
  if (!result.ok) return '<error>';
  const text = result.selector.matchesNothing ? '' : requirementsToString(result.selector.requirements);
  return text === '' ? '<none>' : text;
}

/** labels.Set.String: `k=v` pairs sorted as whole strings (so `a-b=1` sorts before `a=1`) joined by ','; '' when empty. */
export function formatLabels(labels: Labels): string {
  if (labels === undefined || labels === null) return '';
  const pairs: string[] = [];
  for (const k of Object.keys(labels)) pairs.push(`${k}=${labels[k] ?? ''}`);
  return pairs.sort(compareGoStrings).join(',');
}

/** labels.FormatLabels: like formatLabels, but `<none>` when there are no labels (kubectl's LABELS column). */
export function formatLabelsOrNone(labels: Labels): string {
  const text = formatLabels(labels);
  return text === '' ? '<none>' : text;
}

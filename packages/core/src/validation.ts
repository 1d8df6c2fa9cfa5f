// The API server's validation of the objects dsim simulates, with Kubernetes' exact messages
// (pkg/apis/apps/validation, pkg/apis/core/validation, apimachinery). Pure; callers default objects first.

import { parseQuantity } from './quantity.ts';
import type { DaemonSet, DaemonSetSpec, DaemonSetUpdateStrategy, RollingUpdateDaemonSet } from 'kubernetes-types/apps/v1';
import type {
  Container,
  ContainerPort,
  ExecAction,
  GRPCAction,
  HTTPGetAction,
  Namespace,
  Node,
  NodeSelector,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  Pod,
  PodAffinityTerm,
  PodSpec,
  PodTemplateSpec,
  Probe,
  SleepAction,
  Taint,
  TCPSocketAction,
  Toleration,
  Volume,
  WeightedPodAffinityTerm,
} from 'kubernetes-types/core/v1';
import type { LabelSelector, LabelSelectorRequirement, ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1';
import { semanticallyEqual, templateGeneration } from './defaults.ts';

/** The `field.ErrorType` strings Kubernetes prints (ErrorType.String()). */
export type FieldErrorType =
  | 'Invalid value'
  | 'Required value'
  | 'Unsupported value'
  | 'Forbidden'
  | 'Duplicate value'
  | 'Too long'
  | 'Not found';

/**
 * One validation failure, as apimachinery's `field.Error`. `value` is the offending value in the
 * shape Go would marshal it (map keys sorted, struct fields in Go order); Required, Forbidden and
 * Too long errors carry none.
 */
export interface FieldError {
  readonly type: FieldErrorType;
  readonly field: string;
  readonly value?: unknown;
  readonly detail: string;
}

// ---------------------------------------------------------------------------------------------
// Error construction and formatting (apimachinery/pkg/util/validation/field/errors.go)

const invalid = (field: string, value: unknown, detail: string): FieldError => ({ type: 'Invalid value', field, value, detail });
const required = (field: string, detail = ''): FieldError => ({ type: 'Required value', field, detail });
const forbidden = (field: string, detail: string): FieldError => ({ type: 'Forbidden', field, detail });
const duplicate = (field: string, value: unknown): FieldError => ({ type: 'Duplicate value', field, value, detail: '' });
const notFound = (field: string, value: unknown): FieldError => ({ type: 'Not found', field, value, detail: '' });
const notSupported = (field: string, value: unknown, valid: readonly string[]): FieldError => ({
  type: 'Unsupported value',
  field,
  value,
  detail: valid.length > 0 ? 'supported values: ' + valid.map(goQuote).join(', ') : '',
});
const tooLong = (field: string, max: number): FieldError => ({
  type: 'Too long',
  field,
  detail: `may not be more than ${max} ${max === 1 ? 'byte' : 'bytes'}`,
});

/**
 * Kubernetes' text for one error (`field.Error.Error()`): `<field>: <type>[: <value>][: <detail>]`.
 * Required, Forbidden and Too long omit the value; strings print Go-quoted, numbers and booleans
 * bare, anything else as Go's json.Marshal would (so a map prints `{"a":"b"}`, nil prints `null`).
 */
export function formatFieldError(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

function errorBody(e: FieldError): string {
  let s: string;
  switch (e.type) {
    case 'Required value':
    case 'Forbidden':
    case 'Too long':
      s = e.type;
      break;
    case 'Invalid value':
    case 'Unsupported value':
    case 'Duplicate value':
    case 'Not found':
      s = `${e.type}: ${goValue(e.value)}`;
      break;
    default: {
      const unreachable: never = e.type;
      throw new Error(`unknown field error type ${String(unreachable)}`);
    }
  }
  return e.detail.length > 0 ? `${s}: ${e.detail}` : s;
}

function goValue(v: unknown): string {
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return goJSON(v);
}

/** Go's strconv.Quote: printable characters stay, the rest become escapes. */
function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '"': out += '\\"'; continue;
      case '\\': out += '\\\\'; continue;
      case '\x07': out += '\\a'; continue;
      case '\b': out += '\\b'; continue;
      case '\f': out += '\\f'; continue;
      case '\n': out += '\\n'; continue;
      case '\r': out += '\\r'; continue;
      case '\t': out += '\\t'; continue;
      case '\v': out += '\\v'; continue;
    }
    if (cp === 0x20 || /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch)) out += ch;
    else if (cp < 0x80) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp < 0x10000) out += '\\u' + cp.toString(16).padStart(4, '0');
    else out += '\\U' + cp.toString(16).padStart(8, '0');
  }
  return out + '"';
}

/** Go's encoding/json output (compact, HTML-safe escapes); object keys print in their own order. */
function goJSON(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return jsonString(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return '[' + v.map((x) => goJSON(x)).join(',') + ']';
  if (typeof v === 'object') {
    const parts: string[] = [];
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (x !== undefined) parts.push(jsonString(k) + ':' + goJSON(x));
    }
    return '{' + parts.join(',') + '}';
  }
  return 'null';
}

function jsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    // encoding/json escapes these so its output is safe inside HTML and JavaScript.
    else if (cp < 0x20 || ch === '<' || ch === '>' || ch === '&' || cp === 0x2028 || cp === 0x2029) {
      out += '\\u' + cp.toString(16).padStart(4, '0');
    } else out += ch;
  }
  return out + '"';
}

/** How a rejected request is reported. */
export interface InvalidErrorOptions {
  /**
   * `kubectl` (default): what kubectl prints for a 422 (cmdutil checkErr): one cause inline, several
   * as a `* `-bulleted list on the following lines. `server`: the Status message the API server itself
   * returns (errors.NewInvalid): `DaemonSet.apps "x" is invalid: [e1, e2]`.
   */
  readonly style?: 'kubectl' | 'server';
}

const API_GROUPS: Readonly<Record<string, string>> = { DaemonSet: 'apps', ControllerRevision: 'apps' };

/**
 * The message for a request rejected with `errors` (duplicates dropped, as both kubectl and
 * ErrorList.ToAggregate do). kubectl style: `The DaemonSet "x" is invalid: spec.foo: Required value`,
 * or for several errors `The DaemonSet "x" is invalid: ` followed by one `* <error>` line each.
 * kubectl ends the text with a newline; this does not.
 */
export function formatInvalidError(
  kind: string,
  name: string,
  errors: readonly FieldError[],
  options: InvalidErrorOptions = {},
): string {
  const messages = [...new Set(errors.map(formatFieldError))];
  if (options.style === 'server') {
    const group = API_GROUPS[kind];
    const qualified = group === undefined ? kind : `${kind}.${group}`;
    const head = `${qualified} ${goQuote(name)} is invalid`;
    if (messages.length === 0) return head;
    return `${head}: ${messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`}`;
  }
  const head = `The ${kind} ${goQuote(name)} is invalid`;
  if (messages.length === 0) return head;
  if (messages.length === 1) return `${head}: ${messages[0]}`;
  return `${head}: \n` + messages.map((m) => `* ${m}`).join('\n');
}

// ---------------------------------------------------------------------------------------------
// Field paths (field.Path.String())

const child = (path: string, name: string): string => (path === '' ? name : `${path}.${name}`);
const index = (path: string, i: number): string => `${path}[${i}]`;

// ---------------------------------------------------------------------------------------------
// Format checks (apimachinery util/validation and api/validate/content). Go's len() counts bytes.

function byteLength(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

function regexError(msg: string, re: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${re}')`;
  // Go appends "', " after each example and " or " before the next, hence the double space.
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${re}')`;
}

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const LABEL_KEY_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_KEY = new RegExp(`^${LABEL_KEY_FMT}$`);
const LABEL_KEY_ERR = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT = `(${LABEL_KEY_FMT})?`;
const LABEL_VALUE = new RegExp(`^${LABEL_VALUE_FMT}$`);
const PERCENT_FMT = '[0-9]+%';
const PERCENT = new RegExp(`^${PERCENT_FMT}$`);

// util/validation.MaxLenError counts characters; the newer content package says bytes.
const maxLenCharacters = (n: number): string => `must be no more than ${n} characters`;
const maxLenBytes = (n: number): string => `must be no more than ${n} bytes`;

function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push(maxLenCharacters(63));
  if (!DNS1123_LABEL.test(value)) {
    if (DNS1123_SUBDOMAIN.test(value)) errs.push('must not contain dots');
    else {
      errs.push(
        regexError(
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
          DNS1123_LABEL_FMT,
          'my-name',
          '123-abc',
        ),
      );
    }
  }
  return errs;
}

function isDNS1123Subdomain(value: string, maxLen: (n: number) => string = maxLenCharacters): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 253) errs.push(maxLen(253));
  if (!DNS1123_SUBDOMAIN.test(value)) {
    errs.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        DNS1123_SUBDOMAIN_FMT,
        'example.com',
      ),
    );
  }
  return errs;
}

/** content.IsLabelKey (a.k.a. IsQualifiedName): its messages, none when valid. */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0] ?? '';
  } else if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    name = parts[1] ?? '';
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else for (const msg of isDNS1123Subdomain(prefix, maxLenBytes)) errs.push('prefix part ' + msg);
  } else {
    return [
      'a valid label key ' +
        regexError(LABEL_KEY_ERR, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc') +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (byteLength(name) > 63) errs.push('name part ' + maxLenBytes(63));
  if (!LABEL_KEY.test(name)) errs.push('name part ' + regexError(LABEL_KEY_ERR, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc'));
  return errs;
}

/** content.IsLabelValue. */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push(maxLenBytes(63));
  if (!LABEL_VALUE.test(value)) {
    errs.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        LABEL_VALUE_FMT,
        'MyValue',
        'my_value',
        '12345',
      ),
    );
  }
  return errs;
}

function isValidPercent(value: string): string[] {
  return PERCENT.test(value)
    ? []
    : [regexError("a valid percent string must be a numeric string followed by an ending '%'", PERCENT_FMT, '1%', '93%')];
}

const inclusiveRangeError = (lo: number, hi: number): string => `must be between ${lo} and ${hi}, inclusive`;

function isValidPortNum(port: number): string[] {
  return port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (byteLength(port) > 15) errs.push(maxLenCharacters(15));
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-'))) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** A name check that may be told the name is a generateName prefix (ValidateNameFunc). */
export type NameValidator = (name: string, prefix: boolean) => string[];

// A generateName prefix may end in '-' because random characters follow it.
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? name.slice(0, -1) + 'a' : name;
}

/** apimachinery NameIsDNSSubdomain: the rule for DaemonSet, Pod and Node names. */
export const nameIsDNSSubdomain: NameValidator = (name, prefix) => isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);
/** apimachinery NameIsDNSLabel: the rule for Namespace names. */
export const nameIsDNSLabel: NameValidator = (name, prefix) => isDNS1123Label(prefix ? maskTrailingDash(name) : name);

// ---------------------------------------------------------------------------------------------
// Values in the shape Go marshals them, for error messages

function sortedMap(m: Readonly<Record<string, string>> | undefined): Record<string, string> | null {
  if (m === undefined || m === null) return null;
  const out: Record<string, string> = {};
  for (const k of Object.keys(m).sort(compareStrings)) out[k] = m[k] ?? '';
  return out;
}

// Go sorts map keys bytewise; for the ASCII of labels that is UTF-16 code-unit order.
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A *metav1.LabelSelector as json.Marshal prints it (both fields omitempty). */
function selectorValue(s: LabelSelector | undefined): unknown {
  if (s === undefined || s === null) return null;
  const out: Record<string, unknown> = {};
  if (s.matchLabels !== undefined && Object.keys(s.matchLabels).length > 0) out.matchLabels = sortedMap(s.matchLabels);
  if (s.matchExpressions !== undefined && s.matchExpressions.length > 0) {
    out.matchExpressions = s.matchExpressions.map((r) => {
      const req: Record<string, unknown> = { key: r.key ?? '', operator: r.operator ?? '' };
      if (r.values !== undefined && r.values.length > 0) req.values = [...r.values];
      return req;
    });
  }
  return out;
}

/** The internal apps.DaemonSetUpdateStrategy, which has no json tags, as json.Marshal prints it. */
function strategyValue(s: DaemonSetUpdateStrategy): unknown {
  const ru = s.rollingUpdate;
  return {
    Type: s.type ?? '',
    RollingUpdate: ru === undefined ? null : { MaxUnavailable: ru.maxUnavailable ?? 0, MaxSurge: ru.maxSurge ?? 0 },
  };
}

/** []metav1.OwnerReference as json.Marshal prints it (struct field order; the pointers omitempty). */
function ownerReferencesValue(refs: readonly OwnerReference[]): unknown {
  return refs.map((r) => {
    const out: Record<string, unknown> = { apiVersion: r.apiVersion ?? '', kind: r.kind ?? '', name: r.name ?? '', uid: r.uid ?? '' };
    if (r.controller !== undefined) out.controller = r.controller;
    if (r.blockOwnerDeletion !== undefined) out.blockOwnerDeletion = r.blockOwnerDeletion;
    return out;
  });
}

/** The internal core.Taint (no json tags) as json.Marshal prints it. */
function tolerationValue(t: Toleration): unknown {
  return { Key: t.key ?? '', Operator: t.operator ?? '', Value: t.value ?? '', Effect: t.effect ?? '', TolerationSeconds: t.tolerationSeconds ?? null };
}

function taintValue(t: Taint): unknown {
  return { Key: t.key ?? '', Value: t.value ?? '', Effect: t.effect ?? '', TimeAdded: t.timeAdded ?? null };
}

// ---------------------------------------------------------------------------------------------
// Labels, selectors, object metadata (apimachinery meta/v1/validation, api/validation/objectmeta.go)

function validateLabelName(name: string, path: string): FieldError[] {
  return isQualifiedName(name).map((msg) => invalid(path, name, msg));
}

// Go walks maps in random order; dsim walks them sorted so that messages are reproducible.
function validateLabels(labels: Readonly<Record<string, string>> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of Object.keys(labels ?? {}).sort(compareStrings)) {
    const v = labels?.[k] ?? '';
    errs.push(...validateLabelName(k, path));
    for (const msg of isValidLabelValue(v)) errs.push(invalid(path, v, msg));
  }
  return errs;
}

function validateLabelSelectorRequirement(r: LabelSelectorRequirement, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(required(child(path, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errs.push(forbidden(child(path, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    default:
      errs.push(invalid(child(path, 'operator'), r.operator ?? '', 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(r.key ?? '', child(path, 'key')));
  values.forEach((v, i) => {
    for (const msg of isValidLabelValue(v)) errs.push(invalid(index(child(path, 'values'), i), v, msg));
  });
  return errs;
}

function validateLabelSelector(s: LabelSelector | undefined, path: string): FieldError[] {
  if (s === undefined || s === null) return [];
  const errs = validateLabels(s.matchLabels, child(path, 'matchLabels'));
  (s.matchExpressions ?? []).forEach((r, i) => errs.push(...validateLabelSelectorRequirement(r, index(child(path, 'matchExpressions'), i))));
  return errs;
}

/**
 * metav1.LabelSelectorAsSelector then Matches: undefined when the selector cannot be converted
 * (bad operator, key or value); a nil selector matches nothing and an empty one everything.
 */
function selectorMatches(s: LabelSelector | undefined, labels: Readonly<Record<string, string>>): boolean | undefined {
  if (s === undefined || s === null) return false;
  const matchLabels = s.matchLabels ?? {};
  for (const [k, v] of Object.entries(matchLabels)) {
    if (isQualifiedName(k).length > 0 || isValidLabelValue(v).length > 0) return undefined;
  }
  for (const r of s.matchExpressions ?? []) {
    const values = r.values ?? [];
    if (isQualifiedName(r.key ?? '').length > 0) return undefined;
    if (values.some((v) => isValidLabelValue(v).length > 0)) return undefined;
    if ((r.operator === 'In' || r.operator === 'NotIn') && values.length === 0) return undefined;
    if ((r.operator === 'Exists' || r.operator === 'DoesNotExist') && values.length > 0) return undefined;
    if (r.operator !== 'In' && r.operator !== 'NotIn' && r.operator !== 'Exists' && r.operator !== 'DoesNotExist') return undefined;
  }
  const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(labels, k);
  for (const [k, v] of Object.entries(matchLabels)) if (!has(k) || labels[k] !== v) return false;
  for (const r of s.matchExpressions ?? []) {
    const key = r.key ?? '';
    const values = r.values ?? [];
    switch (r.operator) {
      case 'In':
        if (!has(key) || !values.includes(labels[key] ?? '')) return false;
        break;
      case 'NotIn':
        if (has(key) && values.includes(labels[key] ?? '')) return false;
        break;
      case 'Exists':
        if (!has(key)) return false;
        break;
      case 'DoesNotExist':
        if (has(key)) return false;
        break;
    }
  }
  return true;
}

/**
 * ValidateAnnotations (apimachinery): every key a qualified name (case aside), and keys and values
 * together at most 256 KiB. Errors in key order.
 */
export function validateAnnotations(annotations: Readonly<Record<string, string>> | undefined, path = 'metadata.annotations'): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const k of Object.keys(annotations ?? {}).sort(compareStrings)) {
    // The rule is a qualified name except that case does not matter.
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, k, msg));
    size += byteLength(k) + byteLength(annotations?.[k] ?? '');
  }
  if (size > 256 * 1024) errs.push(tooLong(path, 256 * 1024));
  return errs;
}

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

function validateNonnegative(value: number, path: string): FieldError[] {
  return value < 0 ? [invalid(path, value, 'must be greater than or equal to 0')] : [];
}

/**
 * ValidateObjectMeta for a create (core's wrapper included): name or generateName, the namespace
 * (required when `namespaced`, forbidden otherwise), generation, labels, annotations, owner
 * references and finalizers. `nameFn` is the kind's name rule (DNS-1123 subdomain by default).
 */
export function validateObjectMeta(
  meta: ObjectMeta | undefined,
  namespaced: boolean,
  nameFn: NameValidator = nameIsDNSSubdomain,
  path = 'metadata',
): FieldError[] {
  const m = meta ?? {};
  const errs: FieldError[] = [];
  const generateName = m.generateName ?? '';
  if (generateName.length > 0) {
    for (const msg of nameFn(generateName, true)) errs.push(invalid(child(path, 'generateName'), generateName, msg));
  }
  const name = m.name ?? '';
  if (name.length === 0) errs.push(required(child(path, 'name'), 'name or generateName is required'));
  else for (const msg of nameFn(name, false)) errs.push(invalid(child(path, 'name'), name, msg));

  const namespace = m.namespace ?? '';
  if (namespaced) {
    if (namespace.length === 0) errs.push(required(child(path, 'namespace')));
    else for (const msg of nameIsDNSLabel(namespace, false)) errs.push(invalid(child(path, 'namespace'), namespace, msg));
  } else if (namespace.length > 0) {
    errs.push(forbidden(child(path, 'namespace'), 'not allowed on this type'));
  }
  errs.push(...validateNonnegative(m.generation ?? 0, child(path, 'generation')));
  errs.push(...validateLabels(m.labels, child(path, 'labels')));
  errs.push(...validateAnnotations(m.annotations, child(path, 'annotations')));

  const refsPath = child(path, 'ownerReferences');
  let firstController = '';
  for (const ref of m.ownerReferences ?? []) {
    const version = (ref.apiVersion ?? '').split('/').pop() ?? '';
    if (version.length === 0) errs.push(invalid(child(refsPath, 'apiVersion'), ref.apiVersion ?? '', 'version must not be empty'));
    if (!ref.kind) errs.push(invalid(child(refsPath, 'kind'), ref.kind ?? '', 'must not be empty'));
    if (!ref.name) errs.push(invalid(child(refsPath, 'name'), ref.name ?? '', 'must not be empty'));
    if (!ref.uid) errs.push(invalid(child(refsPath, 'uid'), ref.uid ?? '', 'must not be empty'));
    if (ref.controller === true) {
      const current = `${ref.kind ?? ''}/${ref.name ?? ''}`;
      if (firstController !== '') {
        errs.push(
          invalid(
            refsPath,
            ownerReferencesValue(m.ownerReferences ?? []),
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`,
          ),
        );
      } else firstController = current;
    }
  }

  const finalizers = m.finalizers ?? [];
  const finalizersPath = child(path, 'finalizers');
  for (const f of finalizers) for (const msg of isQualifiedName(f)) errs.push(invalid(finalizersPath, f, msg));
  if (finalizers.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    errs.push(invalid(finalizersPath, finalizers, 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  // core's validateKubeFinalizerName runs the same checks again, per index.
  finalizers.forEach((f, i) => errs.push(...validateKubeFinalizerName(f, index(finalizersPath, i))));
  return errs;
}

function validateKubeFinalizerName(name: string, path: string): FieldError[] {
  const errs = isQualifiedName(name).map((msg) => invalid(path, name, msg));
  if (!name.includes('/') && !STANDARD_FINALIZERS.has(name)) {
    errs.push(invalid(path, name, 'name is neither a standard finalizer name nor is it fully qualified'));
  }
  return errs;
}

function validateImmutable(next: unknown, old: unknown, path: string): FieldError[] {
  return JSON.stringify(next ?? null) === JSON.stringify(old ?? null) ? [] : [invalid(path, next ?? null, 'field is immutable')];
}

/**
 * ValidateObjectMetaUpdate, except the resourceVersion check (dsim tracks no resource versions):
 * name, namespace and uid are immutable, generation may not go down, labels and annotations stay valid.
 */
function validateObjectMetaUpdate(next: ObjectMeta | undefined, old: ObjectMeta | undefined, path = 'metadata'): FieldError[] {
  const n = next ?? {};
  const o = old ?? {};
  const errs: FieldError[] = [];
  if ((n.generation ?? 0) < (o.generation ?? 0)) errs.push(invalid(child(path, 'generation'), n.generation ?? 0, 'must not be decremented'));
  errs.push(...validateImmutable(n.name ?? '', o.name ?? '', child(path, 'name')));
  errs.push(...validateImmutable(n.namespace ?? '', o.namespace ?? '', child(path, 'namespace')));
  errs.push(...validateImmutable(n.uid ?? '', o.uid ?? '', child(path, 'uid')));
  errs.push(...validateLabels(n.labels, child(path, 'labels')));
  errs.push(...validateAnnotations(n.annotations, child(path, 'annotations')));
  return errs;
}

// ---------------------------------------------------------------------------------------------
// Pod spec (pkg/apis/core/validation/validation.go), the parts dsim's objects use

// The volume sources in the order validateVolumeSource checks them, with the path it reports a
// second source under (Kubernetes' own spellings, typos included).
const VOLUME_SOURCES: ReadonlyArray<readonly [string, string]> = [
  ['emptyDir', 'emptyDir'],
  ['hostPath', 'hostPath'],
  ['gitRepo', 'gitRepo'],
  ['gcePersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'],
  ['secret', 'secret'],
  ['nfs', 'nfs'],
  ['iscsi', 'iscsi'],
  ['glusterfs', 'glusterfs'],
  ['flocker', 'flocker'],
  ['persistentVolumeClaim', 'persistentVolumeClaim'],
  ['rbd', 'rbd'],
  ['cinder', 'cinder'],
  ['cephfs', 'cephFS'],
  ['quobyte', 'quobyte'],
  ['downwardAPI', 'downwarAPI'],
  ['fc', 'fc'],
  ['flexVolume', 'flexVolume'],
  ['configMap', 'configMap'],
  ['azureFile', 'azureFile'],
  ['vsphereVolume', 'vsphereVolume'],
  ['photonPersistentDisk', 'photonPersistentDisk'],
  ['portworxVolume', 'portworxVolume'],
  ['azureDisk', 'azureDisk'],
  ['storageos', 'storageos'],
  ['projected', 'projected'],
  ['scaleIO', 'scaleIO'],
  ['csi', 'csi'],
  ['ephemeral', 'ephemeral'],
  ['image', 'image'],
];

function validateVolumes(volumes: readonly Volume[], path: string): { names: Set<string>; errs: FieldError[] } {
  const names = new Set<string>();
  const errs: FieldError[] = [];
  volumes.forEach((vol, i) => {
    const idx = index(path, i);
    const el: FieldError[] = [];
    const source = vol as unknown as Record<string, unknown>;
    let count = 0;
    for (const [key, reportAs] of VOLUME_SOURCES) {
      if (source[key] === undefined || source[key] === null) continue;
      if (count > 0) {
        el.push(forbidden(child(idx, reportAs), 'may not specify more than 1 volume type'));
        continue;
      }
      count++;
      if (key === 'hostPath' && !vol.hostPath?.path) el.push(required(child(child(idx, 'hostPath'), 'path')));
    }
    if (count === 0) el.push(required(idx, 'must specify a volume type'));
    const name = vol.name ?? '';
    if (name.length === 0) el.push(required(child(idx, 'name')));
    else for (const msg of isDNS1123Label(name)) el.push(invalid(child(idx, 'name'), name, msg));
    if (names.has(name)) el.push(duplicate(child(idx, 'name'), name));
    if (el.length === 0) names.add(name);
    else errs.push(...el);
  });
  return { names, errs };
}

const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function validateContainerPorts(ports: readonly ContainerPort[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const idx = index(path, i);
    const name = port.name ?? '';
    if (name.length > 0) {
      const msgs = isValidPortName(name);
      if (msgs.length > 0) for (const msg of msgs) errs.push(invalid(child(idx, 'name'), name, msg));
      else if (names.has(name)) errs.push(duplicate(child(idx, 'name'), name));
      else names.add(name);
    }
    if (!port.containerPort) errs.push(required(child(idx, 'containerPort')));
    else for (const msg of isValidPortNum(port.containerPort)) errs.push(invalid(child(idx, 'containerPort'), port.containerPort, msg));
    if (port.hostPort) for (const msg of isValidPortNum(port.hostPort)) errs.push(invalid(child(idx, 'hostPort'), port.hostPort, msg));
    if (!port.protocol) errs.push(required(child(idx, 'protocol')));
    else if (!PORT_PROTOCOLS.includes(port.protocol)) errs.push(notSupported(child(idx, 'protocol'), port.protocol, PORT_PROTOCOLS));
  });
  return errs;
}

function validatePortNumOrName(port: number | string | undefined, path: string): FieldError[] {
  if (typeof port === 'string') return isValidPortName(port).map((msg) => invalid(path, port, msg));
  const n = port ?? 0;
  return isValidPortNum(n).map((msg) => invalid(path, n, msg));
}

/** The union of a probe's and a lifecycle hook's handler fields (Go's commonHandler). */
interface Handler {
  readonly exec?: ExecAction;
  readonly httpGet?: HTTPGetAction;
  readonly tcpSocket?: TCPSocketAction;
  readonly grpc?: GRPCAction;
  readonly sleep?: SleepAction;
}

function validateHandler(h: Handler, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  const one = (key: string, present: boolean, check: () => FieldError[]): void => {
    if (!present) return;
    if (count > 0) errs.push(forbidden(child(path, key), 'may not specify more than 1 handler type'));
    else {
      count++;
      errs.push(...check());
    }
  };
  one('exec', h.exec !== undefined, () => ((h.exec?.command ?? []).length === 0 ? [required(child(child(path, 'exec'), 'command'))] : []));
  one('httpGet', h.httpGet !== undefined, () => {
    const p = child(path, 'httpGet');
    const e: FieldError[] = [];
    if (!h.httpGet?.path) e.push(required(child(p, 'path')));
    e.push(...validatePortNumOrName(h.httpGet?.port, child(p, 'port')));
    const scheme = h.httpGet?.scheme ?? '';
    if (scheme !== 'HTTP' && scheme !== 'HTTPS') e.push(notSupported(child(p, 'scheme'), scheme, ['HTTP', 'HTTPS']));
    return e;
  });
  one('tcpSocket', h.tcpSocket !== undefined, () => validatePortNumOrName(h.tcpSocket?.port, child(child(path, 'tcpSocket'), 'port')));
  one('grpc', h.grpc !== undefined, () => validatePortNumOrName(h.grpc?.port ?? 0, child(child(path, 'grpc'), 'port')));
  one('sleep', h.sleep !== undefined, () => []);
  if (count === 0) errs.push(required(path, 'must specify a handler type'));
  return errs;
}

function validateProbe(probe: Probe | undefined, path: string, kind: 'liveness' | 'readiness' | 'startup'): FieldError[] {
  if (probe === undefined) return [];
  const errs = validateHandler(probe, path);
  errs.push(...validateNonnegative(probe.initialDelaySeconds ?? 0, child(path, 'initialDelaySeconds')));
  errs.push(...validateNonnegative(probe.timeoutSeconds ?? 0, child(path, 'timeoutSeconds')));
  errs.push(...validateNonnegative(probe.periodSeconds ?? 0, child(path, 'periodSeconds')));
  errs.push(...validateNonnegative(probe.successThreshold ?? 0, child(path, 'successThreshold')));
  errs.push(...validateNonnegative(probe.failureThreshold ?? 0, child(path, 'failureThreshold')));
  const grace = probe.terminationGracePeriodSeconds;
  if (grace !== undefined && grace <= 0) errs.push(invalid(child(path, 'terminationGracePeriodSeconds'), grace, 'must be greater than 0'));
  if (kind !== 'readiness' && (probe.successThreshold ?? 0) !== 1) {
    errs.push(invalid(child(path, 'successThreshold'), probe.successThreshold ?? 0, 'must be 1'));
  }
  if (kind === 'readiness' && grace !== undefined) {
    errs.push(invalid(child(path, 'terminationGracePeriodSeconds'), grace, 'must not be set for readinessProbes'));
  }
  return errs;
}

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];

/** validateContainerCommon: the checks shared by regular, init and ephemeral containers. */
function validateContainerCommon(c: Container, volumes: ReadonlySet<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = c.name ?? '';
  if (name.length === 0) errs.push(required(child(path, 'name')));
  else for (const msg of isDNS1123Label(name)) errs.push(invalid(child(path, 'name'), name, msg));
  if (!c.image) errs.push(required(child(path, 'image')));
  const tmp = c.terminationMessagePolicy ?? '';
  if (tmp === '') errs.push(required(child(path, 'terminationMessagePolicy')));
  else if (!TERMINATION_MESSAGE_POLICIES.includes(tmp)) {
    errs.push(notSupported(child(path, 'terminationMessagePolicy'), tmp, TERMINATION_MESSAGE_POLICIES));
  }
  errs.push(...validateContainerPorts(c.ports ?? [], child(path, 'ports')));
  (c.env ?? []).forEach((env, i) => {
    if (!env.name) errs.push(required(child(index(child(path, 'env'), i), 'name')));
  });
  const mountPaths = new Set<string>();
  (c.volumeMounts ?? []).forEach((mount, i) => {
    const idx = index(child(path, 'volumeMounts'), i);
    const mountName = mount.name ?? '';
    if (mountName.length === 0) errs.push(required(child(idx, 'name')));
    if (!volumes.has(mountName)) errs.push(notFound(child(idx, 'name'), mountName));
    const mountPath = mount.mountPath ?? '';
    if (mountPath.length === 0) errs.push(required(child(idx, 'mountPath')));
    if (mountPaths.has(mountPath)) errs.push(invalid(child(idx, 'mountPath'), mountPath, 'must be unique'));
    mountPaths.add(mountPath);
  });
  errs.push(...validateResourceRequirements(c.resources, child(path, 'resources')));
  const pull = c.imagePullPolicy ?? '';
  if (pull === '') errs.push(required(child(path, 'imagePullPolicy')));
  else if (!PULL_POLICIES.includes(pull)) errs.push(notSupported(child(path, 'imagePullPolicy'), pull, PULL_POLICIES));
  return errs;
}

// Resource names (pkg/apis/core/helper): native ones have no domain or kubernetes.io's; extended
// ones have another domain and make a valid quota name (`requests.<name>`).
const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu',
  'limits.memory', 'limits.ephemeral-storage', 'pods', 'services', 'replicationcontrollers', 'resourcequotas',
  'secrets', 'persistentvolumeclaims', 'configmaps', 'services.nodeports', 'services.loadbalancers', 'requests.storage',
]);
const INTEGER_RESOURCES = new Set([
  'pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'services.nodeports', 'services.loadbalancers',
]);
const isHugePages = (name: string): boolean => name.startsWith('hugepages-');
const isNativeResource = (name: string): boolean => !name.includes('/') || name.includes('kubernetes.io/');
const isExtendedResource = (name: string): boolean =>
  !isNativeResource(name) && !name.startsWith('requests.') && isQualifiedName(`requests.${name}`).length === 0;
/** IsOvercommitAllowed: requests below limits only for native resources other than hugepages. */
const overcommitAllowed = (name: string): boolean => isNativeResource(name) && !isHugePages(name);

/** validateContainerResourceName (with validateResourceName before it). */
function validateContainerResourceName(name: string, path: string): FieldError[] {
  const errs = isQualifiedName(name).map((msg) => invalid(path, name, msg));
  const plain = !name.includes('/');
  if (errs.length === 0 && plain && !STANDARD_RESOURCES.has(name) && !isHugePages(name)) {
    errs.push(invalid(path, name, 'must be a standard resource type or fully qualified'));
  }
  if (plain) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name)) errs.push(invalid(path, name, 'must be a standard resource for containers'));
  } else if (!isNativeResource(name) && !isExtendedResource(name)) {
    errs.push(invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

/** ValidateResourceQuantityValue: no negative quantity, and whole numbers of pods and extended resources. */
function validateResourceQuantityValue(name: string, q: string | number, path: string): FieldError[] {
  const v = parseQuantity(q);
  if (v === undefined) return [];
  const shown = String(q).trim();
  const errs: FieldError[] = [];
  if (v < 0) errs.push(invalid(path, shown, 'must be greater than or equal to 0'));
  if ((INTEGER_RESOURCES.has(name) || isExtendedResource(name)) && !Number.isInteger(v)) errs.push(invalid(path, shown, 'must be an integer'));
  return errs;
}

/**
 * ValidateResourceRequirements for a container: resource names, quantities (quantities that do not
 * parse were refused when the manifest was decoded), no request above its limit, and requests
 * equal to limits for resources that cannot be overcommitted (extended resources, hugepages),
 * which must have a limit; hugepages need a cpu or memory limit beside them.
 */
function validateResourceRequirements(r: Container['resources'], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const limits = r?.limits ?? {};
  const requests = r?.requests ?? {};
  const limPath = child(path, 'limits');
  const reqPath = child(path, 'requests');
  const shown = (q: string | number) => String(q).trim();
  let hugePages = false;
  let cpuOrMemory = false;
  for (const [name, q] of Object.entries(limits)) {
    const at = `${limPath}[${name}]`;
    errs.push(...validateContainerResourceName(name, at), ...validateResourceQuantityValue(name, q, at));
    if (isHugePages(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  for (const [name, q] of Object.entries(requests)) {
    const at = `${reqPath}[${name}]`;
    errs.push(...validateContainerResourceName(name, at), ...validateResourceQuantityValue(name, q, at));
    const v = parseQuantity(q);
    const limit = limits[name];
    if (limit !== undefined) {
      const lv = parseQuantity(limit);
      if (v === undefined || lv === undefined) continue;
      if (v !== lv && !overcommitAllowed(name)) {
        errs.push(invalid(reqPath, shown(q), `must be equal to ${name} limit of ${shown(limit)}`));
      } else if (v > lv) {
        errs.push(invalid(reqPath, shown(q), `must be less than or equal to ${name} limit of ${shown(limit)}`));
      }
    } else if (!overcommitAllowed(name)) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
  }
  if (hugePages && !cpuOrMemory) errs.push(forbidden(limPath, 'HugePages require cpu or memory'));
  return errs;
}

function checkHostPortConflicts(containers: readonly Container[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    (c.ports ?? []).forEach((p, pi) => {
      if (!p.hostPort) return;
      const key = `${p.protocol ?? ''}/${p.hostIP ?? ''}/${p.hostPort}`;
      if (seen.has(key)) errs.push(duplicate(child(index(child(index(path, ci), 'ports'), pi), 'hostPort'), key));
      else seen.add(key);
    });
  });
  return errs;
}

function validateContainers(containers: readonly Container[], volumes: ReadonlySet<string>, path: string): FieldError[] {
  if (containers.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const idx = index(path, i);
    errs.push(...validateContainerCommon(c, volumes, idx));
    const name = c.name ?? '';
    if (names.has(name)) errs.push(duplicate(child(idx, 'name'), name));
    else names.add(name);
    if (c.lifecycle?.postStart !== undefined) errs.push(...validateHandler(c.lifecycle.postStart, child(child(idx, 'lifecycle'), 'postStart')));
    if (c.lifecycle?.preStop !== undefined) errs.push(...validateHandler(c.lifecycle.preStop, child(child(idx, 'lifecycle'), 'preStop')));
    errs.push(...validateProbe(c.livenessProbe, child(idx, 'livenessProbe'), 'liveness'));
    errs.push(...validateProbe(c.readinessProbe, child(idx, 'readinessProbe'), 'readiness'));
    errs.push(...validateProbe(c.startupProbe, child(idx, 'startupProbe'), 'startup'));
    if (c.restartPolicy !== undefined) errs.push(forbidden(child(idx, 'restartPolicy'), 'may not be set for non-init containers'));
  });
  errs.push(...checkHostPortConflicts(containers, path));
  return errs;
}

function validateInitContainers(
  init: readonly Container[],
  regular: readonly Container[],
  volumes: ReadonlySet<string>,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(regular.map((c) => c.name ?? ''));
  init.forEach((c, i) => {
    const idx = index(path, i);
    errs.push(...validateContainerCommon(c, volumes, idx));
    let restartAlways = false;
    if (c.restartPolicy !== undefined) {
      if (c.restartPolicy !== 'Always') errs.push(notSupported(child(idx, 'restartPolicy'), c.restartPolicy, ['Always']));
      restartAlways = c.restartPolicy === 'Always';
    }
    const name = c.name ?? '';
    if (names.has(name)) errs.push(duplicate(child(idx, 'name'), name));
    else if (name.length > 0) names.add(name);
    errs.push(...checkHostPortConflicts([c], path));
    if (restartAlways) {
      errs.push(...validateProbe(c.livenessProbe, child(idx, 'livenessProbe'), 'liveness'));
      errs.push(...validateProbe(c.readinessProbe, child(idx, 'readinessProbe'), 'readiness'));
      errs.push(...validateProbe(c.startupProbe, child(idx, 'startupProbe'), 'startup'));
    } else {
      const why = 'may not be set for init containers without restartPolicy=Always';
      if (c.lifecycle !== undefined) errs.push(forbidden(child(idx, 'lifecycle'), why));
      if (c.livenessProbe !== undefined) errs.push(forbidden(child(idx, 'livenessProbe'), why));
      if (c.readinessProbe !== undefined) errs.push(forbidden(child(idx, 'readinessProbe'), why));
      if (c.startupProbe !== undefined) errs.push(forbidden(child(idx, 'startupProbe'), why));
    }
  });
  return errs;
}

// Container fields an ephemeral container may not set, in Go struct order (validateFieldAllowList).
const EPHEMERAL_FORBIDDEN_FIELDS = [
  'ports',
  'resources',
  'resizePolicy',
  'restartPolicy',
  'livenessProbe',
  'readinessProbe',
  'startupProbe',
  'lifecycle',
] as const;

function isZero(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.values(v as object).every(isZero);
  return false;
}

function validateImageWhitespace(c: Container, path: string): FieldError[] {
  const image = c.image ?? '';
  return image.length !== image.trim().length ? [invalid(child(path, 'image'), image, 'must not have leading or trailing whitespace')] : [];
}

// Runs for pod templates too, although templates may not carry ephemeral containers at all.
function validateEphemeralContainers(spec: PodSpec, volumes: ReadonlySet<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const others = new Set([...(spec.containers ?? []), ...(spec.initContainers ?? [])].map((c) => c.name ?? ''));
  const all = new Set(others);
  (spec.ephemeralContainers ?? []).forEach((ec, i) => {
    const idx = index(path, i);
    const c = ec as Container;
    errs.push(...validateContainerCommon(c, volumes, idx));
    errs.push(...validateImageWhitespace(c, idx));
    const name = ec.name ?? '';
    if (all.has(name)) errs.push(duplicate(child(idx, 'name'), name));
    else all.add(name);
    if (ec.targetContainerName && !others.has(ec.targetContainerName)) {
      errs.push(notFound(child(idx, 'targetContainerName'), ec.targetContainerName));
    }
    const fields = ec as unknown as Record<string, unknown>;
    for (const f of EPHEMERAL_FORBIDDEN_FIELDS) {
      if (!isZero(fields[f])) errs.push(forbidden(child(idx, f), 'cannot be set for an Ephemeral Container'));
    }
    (ec.volumeMounts ?? []).forEach((vm, j) => {
      const vmPath = index(child(idx, 'volumeMounts'), j);
      if (vm.subPath) errs.push(forbidden(child(vmPath, 'subPath'), 'cannot be set for an Ephemeral Container'));
      if (vm.subPathExpr) errs.push(forbidden(child(vmPath, 'subPathExpr'), 'cannot be set for an Ephemeral Container'));
    });
  });
  return errs;
}

function validateNodeSelectorRequirement(r: NodeSelectorRequirement, path: string, checkValues: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(required(child(path, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errs.push(forbidden(child(path, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) errs.push(required(child(path, 'values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(invalid(child(path, 'operator'), r.operator ?? '', 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(r.key ?? '', child(path, 'key')));
  if (checkValues) {
    values.forEach((v, i) => {
      for (const msg of isValidLabelValue(v)) errs.push(invalid(index(child(path, 'values'), i), v, msg));
    });
  }
  return errs;
}

function validateNodeFieldSelectorRequirement(r: NodeSelectorRequirement, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (r.operator === 'In' || r.operator === 'NotIn') {
    if ((r.values ?? []).length !== 1) {
      errs.push(required(child(path, 'values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
    }
  } else {
    errs.push(invalid(child(path, 'operator'), r.operator ?? '', 'not a valid selector operator'));
  }
  if (r.key !== 'metadata.name') errs.push(invalid(child(path, 'key'), r.key ?? '', 'not a valid field selector key'));
  else {
    (r.values ?? []).forEach((v, i) => {
      for (const msg of nameIsDNSSubdomain(v, false)) errs.push(invalid(index(child(path, 'values'), i), v, msg));
    });
  }
  return errs;
}

function validateNodeSelectorTerm(term: NodeSelectorTerm, path: string, checkValues: boolean): FieldError[] {
  const errs: FieldError[] = [];
  (term.matchExpressions ?? []).forEach((r, j) => errs.push(...validateNodeSelectorRequirement(r, index(child(path, 'matchExpressions'), j), checkValues)));
  (term.matchFields ?? []).forEach((r, j) => errs.push(...validateNodeFieldSelectorRequirement(r, index(child(path, 'matchFields'), j))));
  return errs;
}

function validateNodeSelector(selector: NodeSelector, path: string): FieldError[] {
  const termsPath = child(path, 'nodeSelectorTerms');
  const terms = selector.nodeSelectorTerms ?? [];
  if (terms.length === 0) return [required(termsPath, 'must have at least one node selector term')];
  return terms.flatMap((term, i) => validateNodeSelectorTerm(term, index(termsPath, i), true));
}

function validatePodAffinityTerm(term: PodAffinityTerm, path: string): FieldError[] {
  const errs = [
    ...validateLabelSelector(term.labelSelector, child(path, 'labelSelector')),
    ...validateLabelSelector(term.namespaceSelector, child(path, 'namespaceSelector')),
  ];
  for (const ns of term.namespaces ?? []) {
    for (const msg of nameIsDNSLabel(ns, false)) errs.push(invalid(child(path, 'namespace'), ns, msg));
  }
  const topologyKey = term.topologyKey ?? '';
  if (topologyKey.length === 0) errs.push(required(child(path, 'topologyKey'), 'can not be empty'));
  errs.push(...validateLabelName(topologyKey, child(path, 'topologyKey')));
  return errs;
}

function validateWeightedPodAffinityTerms(terms: readonly WeightedPodAffinityTerm[], path: string): FieldError[] {
  return terms.flatMap((t, j) => {
    const errs: FieldError[] = [];
    if (t.weight <= 0 || t.weight > 100) errs.push(invalid(child(index(path, j), 'weight'), t.weight, 'must be in the range 1-100'));
    errs.push(...validatePodAffinityTerm(t.podAffinityTerm, child(index(path, j), 'podAffinityTerm')));
    return errs;
  });
}

function validateAffinity(spec: PodSpec, path: string): FieldError[] {
  const affinity = spec.affinity;
  if (affinity === undefined) return [];
  const errs: FieldError[] = [];
  const na = affinity.nodeAffinity;
  if (na !== undefined) {
    const naPath = child(path, 'nodeAffinity');
    const req = na.requiredDuringSchedulingIgnoredDuringExecution;
    if (req !== undefined) errs.push(...validateNodeSelector(req, child(naPath, 'requiredDuringSchedulingIgnoredDuringExecution')));
    const preferredPath = child(naPath, 'preferredDuringSchedulingIgnoredDuringExecution');
    (na.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) => {
      if (t.weight <= 0 || t.weight > 100) errs.push(invalid(child(index(preferredPath, i), 'weight'), t.weight, 'must be in the range 1-100'));
      // Preferred terms may carry invalid label values: they can still succeed on a small cluster.
      errs.push(...validateNodeSelectorTerm(t.preference, child(index(preferredPath, i), 'preference'), false));
    });
  }
  for (const [key, pa] of [
    ['podAffinity', affinity.podAffinity],
    ['podAntiAffinity', affinity.podAntiAffinity],
  ] as const) {
    if (pa === undefined) continue;
    const p = child(path, key);
    const requiredPath = child(p, 'requiredDuringSchedulingIgnoredDuringExecution');
    (pa.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) => errs.push(...validatePodAffinityTerm(t, index(requiredPath, i))));
    errs.push(...validateWeightedPodAffinityTerms(pa.preferredDuringSchedulingIgnoredDuringExecution ?? [], child(p, 'preferredDuringSchedulingIgnoredDuringExecution')));
  }
  return errs;
}

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function validateTaintEffect(effect: string, allowEmpty: boolean, path: string): FieldError[] {
  if (!allowEmpty && effect.length === 0) return [required(path)];
  return TAINT_EFFECTS.includes(effect) ? [] : [notSupported(path, effect, TAINT_EFFECTS)];
}

function validateTolerations(tolerations: readonly Toleration[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  tolerations.forEach((t, i) => {
    const idx = index(path, i);
    const key = t.key ?? '';
    const operator = t.operator ?? '';
    const value = t.value ?? '';
    const effect = t.effect ?? '';
    if (key.length > 0) errs.push(...validateLabelName(key, child(idx, 'key')));
    if (key.length === 0 && operator !== 'Exists') {
      errs.push(invalid(child(idx, 'operator'), operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && effect !== 'NoExecute') {
      errs.push(invalid(child(idx, 'effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    switch (operator) {
      case 'Equal':
      case '': {
        // Kubernetes reports a bad value under `operator`.
        const msgs = isValidLabelValue(value);
        if (msgs.length > 0) errs.push(invalid(child(idx, 'operator'), value, msgs.join(';')));
        break;
      }
      case 'Exists':
        // Kubernetes reports the whole toleration (its internal struct) here.
        if (value.length > 0) errs.push(invalid(child(idx, 'operator'), tolerationValue(t), "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(notSupported(child(idx, 'operator'), operator, ['Equal', 'Exists']));
    }
    if (effect.length > 0) errs.push(...validateTaintEffect(effect, true, child(idx, 'effect')));
  });
  return errs;
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const MAX_INT32 = 2147483647;

/** ValidatePodSpec (the subset dsim models). `isPod` is PodValidationOptions.ResourceIsPod. */
function validatePodSpec(spec: PodSpec, path: string, isPod: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) {
    errs.push(required(child(path, 'terminationGracePeriodSeconds')));
  }
  const { names: volumes, errs: volumeErrs } = validateVolumes(spec.volumes ?? [], child(path, 'volumes'));
  errs.push(...volumeErrs);
  errs.push(...validateContainers(spec.containers ?? [], volumes, child(path, 'containers')));
  errs.push(...validateInitContainers(spec.initContainers ?? [], spec.containers ?? [], volumes, child(path, 'initContainers')));
  errs.push(...validateEphemeralContainers(spec, volumes, child(path, 'ephemeralContainers')));

  if (spec.hostNetwork === true) {
    (spec.containers ?? []).forEach((c, i) => {
      (c.ports ?? []).forEach((p, j) => {
        const hp = p.hostPort ?? 0;
        if ((isPod || hp !== 0) && hp !== p.containerPort) {
          errs.push(invalid(child(index(child(index(child(path, 'containers'), i), 'ports'), j), 'hostPort'), hp, 'must match `containerPort` when `hostNetwork` is true'));
        }
      });
    });
  }
  const restart = spec.restartPolicy ?? '';
  if (restart === '') errs.push(required(child(path, 'restartPolicy')));
  else if (!RESTART_POLICIES.includes(restart)) errs.push(notSupported(child(path, 'restartPolicy'), restart, RESTART_POLICIES));
  const dns = spec.dnsPolicy ?? '';
  if (dns === '') errs.push(required(child(path, 'dnsPolicy')));
  else if (!DNS_POLICIES.includes(dns)) errs.push(notSupported(child(path, 'dnsPolicy'), dns, DNS_POLICIES));
  errs.push(...validateLabels(spec.nodeSelector, child(path, 'nodeSelector')));
  errs.push(...validateAffinity(spec, child(path, 'affinity')));
  if (spec.serviceAccountName) {
    for (const msg of nameIsDNSSubdomain(spec.serviceAccountName, false)) errs.push(invalid(child(path, 'serviceAccountName'), spec.serviceAccountName, msg));
  }
  if (spec.nodeName) {
    for (const msg of nameIsDNSSubdomain(spec.nodeName, false)) errs.push(invalid(child(path, 'nodeName'), spec.nodeName, msg));
  }
  const deadline = spec.activeDeadlineSeconds;
  if (deadline !== undefined && deadline !== null && (deadline < 1 || deadline > MAX_INT32)) {
    errs.push(invalid(child(path, 'activeDeadlineSeconds'), deadline, inclusiveRangeError(1, MAX_INT32)));
  }
  if (spec.hostname) for (const msg of isDNS1123Label(spec.hostname)) errs.push(invalid(child(path, 'hostname'), spec.hostname, msg));
  if (spec.subdomain) for (const msg of isDNS1123Label(spec.subdomain)) errs.push(invalid(child(path, 'subdomain'), spec.subdomain, msg));
  if ((spec.tolerations ?? []).length > 0) errs.push(...validateTolerations(spec.tolerations ?? [], child(path, 'tolerations')));
  if (spec.priorityClassName) {
    for (const msg of nameIsDNSSubdomain(spec.priorityClassName, false)) errs.push(invalid(child(path, 'priorityClassName'), spec.priorityClassName, msg));
  }
  if (spec.runtimeClassName !== undefined && spec.runtimeClassName !== null) {
    for (const msg of nameIsDNSSubdomain(spec.runtimeClassName, false)) errs.push(invalid(child(path, 'runtimeClassName'), spec.runtimeClassName, msg));
  }
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== null) {
    const policy = spec.preemptionPolicy;
    if (policy === '') errs.push(required(child(path, 'preemptionPolicy')));
    else if (policy !== 'PreemptLowerPriority' && policy !== 'Never') {
      errs.push(notSupported(child(path, 'preemptionPolicy'), policy, ['PreemptLowerPriority', 'Never']));
    }
  }
  return errs;
}

/** ValidatePodTemplateSpec: template labels (reported as `<path>.labels`), annotations, pod spec, no ephemeral containers. */
function validatePodTemplateSpec(template: PodTemplateSpec, path: string): FieldError[] {
  const errs = [
    ...validateLabels(template.metadata?.labels, child(path, 'labels')),
    ...validateAnnotations(template.metadata?.annotations, child(path, 'annotations')),
    ...validatePodSpec(template.spec ?? { containers: [] }, child(path, 'spec'), false),
  ];
  if ((template.spec?.ephemeralContainers ?? []).length > 0) {
    errs.push(forbidden(child(child(path, 'spec'), 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  }
  return errs;
}

// ---------------------------------------------------------------------------------------------
// DaemonSet (pkg/apis/apps/validation/validation.go, pkg/registry/apps/daemonset/strategy.go)

function intOrPercentValue(v: number | string | undefined): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  // getIntOrPercentValue: a valid percent counts as its number, any other string as strconv.Atoi or 0.
  if (PERCENT.test(v)) return Number.parseInt(v.slice(0, -1), 10);
  return /^[+-]?[0-9]+$/.test(v) ? Number.parseInt(v, 10) : 0;
}

function validatePositiveIntOrPercent(v: number | string | undefined, path: string): FieldError[] {
  if (typeof v === 'string') return isValidPercent(v).map((msg) => invalid(path, v, msg));
  return validateNonnegative(v ?? 0, path);
}

function isNotMoreThan100Percent(v: number | string | undefined, path: string): FieldError[] {
  if (typeof v !== 'string' || !PERCENT.test(v)) return [];
  return Number.parseInt(v.slice(0, -1), 10) > 100 ? [invalid(path, v, 'must not be greater than 100%')] : [];
}

/**
 * ValidateRollingUpdateDaemonSet: maxUnavailable and maxSurge are each an int ≥ 0 or a percent ≤ 100%,
 * and exactly one of them is non-zero. Unset fields count as 0, as in the internal type.
 */
export function validateRollingUpdateDaemonSet(ru: RollingUpdateDaemonSet, path: string): FieldError[] {
  const unavailablePath = child(path, 'maxUnavailable');
  const surgePath = child(path, 'maxSurge');
  const errs = [
    ...validatePositiveIntOrPercent(ru.maxUnavailable, unavailablePath),
    ...validatePositiveIntOrPercent(ru.maxSurge, surgePath),
    ...isNotMoreThan100Percent(ru.maxUnavailable, unavailablePath),
    ...isNotMoreThan100Percent(ru.maxSurge, surgePath),
  ];
  const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
  if (hasUnavailable && hasSurge) errs.push(invalid(surgePath, ru.maxSurge ?? 0, 'may not be set when maxUnavailable is non-zero'));
  else if (!hasUnavailable && !hasSurge) errs.push(required(unavailablePath, 'cannot be 0 when maxSurge is 0'));
  return errs;
}

function validateDaemonSetUpdateStrategy(strategy: DaemonSetUpdateStrategy, path: string): FieldError[] {
  switch (strategy.type) {
    case 'OnDelete':
      return [];
    case 'RollingUpdate':
      if (strategy.rollingUpdate === undefined || strategy.rollingUpdate === null) return [required(child(path, 'rollingUpdate'))];
      return validateRollingUpdateDaemonSet(strategy.rollingUpdate, child(path, 'rollingUpdate'));
    default:
      return [notSupported(path, strategyValue(strategy), ['RollingUpdate', 'OnDelete'])];
  }
}

function validateDaemonSetSpec(spec: DaemonSetSpec, tg: number, path: string): FieldError[] {
  const errs = validateLabelSelector(spec.selector, child(path, 'selector'));
  const template = spec.template ?? {};
  const templateLabels = template.metadata?.labels;
  if (selectorMatches(spec.selector, templateLabels ?? {}) === false) {
    errs.push(invalid(child(child(child(path, 'template'), 'metadata'), 'labels'), sortedMap(templateLabels), '`selector` does not match template `labels`'));
  }
  const selector = spec.selector;
  if (selector !== undefined && selector !== null && Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0) {
    errs.push(invalid(child(path, 'selector'), selectorValue(selector), 'empty selector is invalid for daemonset'));
  }
  errs.push(...validatePodTemplateSpec(template, child(path, 'template')));
  const podSpecPath = child(child(path, 'template'), 'spec');
  // RestartPolicy has already been checked by ValidatePodTemplateSpec; a DaemonSet narrows it further.
  const restart = template.spec?.restartPolicy ?? '';
  if (restart !== 'Always') errs.push(notSupported(child(podSpecPath, 'restartPolicy'), restart, ['Always']));
  if (template.spec?.activeDeadlineSeconds !== undefined && template.spec.activeDeadlineSeconds !== null) {
    errs.push(forbidden(child(podSpecPath, 'activeDeadlineSeconds'), 'activeDeadlineSeconds in DaemonSet is not Supported'));
  }
  errs.push(...validateNonnegative(spec.minReadySeconds ?? 0, child(path, 'minReadySeconds')));
  errs.push(...validateNonnegative(tg, child(path, 'templateGeneration')));
  errs.push(...validateDaemonSetUpdateStrategy(spec.updateStrategy ?? {}, child(path, 'updateStrategy')));
  if (spec.revisionHistoryLimit !== undefined && spec.revisionHistoryLimit !== null) {
    errs.push(...validateNonnegative(spec.revisionHistoryLimit, child(path, 'revisionHistoryLimit')));
  }
  return errs;
}

/**
 * The errors the API server reports for creating `ds` (daemonSetStrategy.Validate →
 * ValidateDaemonSet): metadata, selector against template labels, pod template, restartPolicy
 * Always, no activeDeadlineSeconds, non-negative counters and the update strategy. Pass the
 * defaulted object (see `defaultDaemonSet` / `applyDaemonSetUpdate`), as the API server does.
 */
export function validateDaemonSet(ds: DaemonSet): FieldError[] {
  return [
    ...validateObjectMeta(ds.metadata, true, nameIsDNSSubdomain),
    ...validateDaemonSetSpec(ds.spec ?? ({} as DaemonSetSpec), templateGeneration(ds), 'spec'),
  ];
}

/**
 * The errors the API server reports for replacing `old` with `next` over apps/v1
 * (daemonSetStrategy.ValidateUpdate): everything `validateDaemonSet` checks, immutable metadata,
 * the template-generation rules, and the immutable selector
 * (`spec.selector: Invalid value: …: field is immutable`). Duplicates are dropped.
 */
export function validateDaemonSetUpdate(next: DaemonSet, old: DaemonSet): FieldError[] {
  const errs = [...validateDaemonSet(next), ...validateObjectMetaUpdate(next.metadata, old.metadata)];
  const newTG = templateGeneration(next);
  const oldTG = templateGeneration(old);
  const tgPath = 'spec.templateGeneration';
  if (newTG < oldTG) errs.push(invalid(tgPath, newTG, 'must not be decremented'));
  const templateUpdated = !semanticallyEqual(next.spec?.template, old.spec?.template);
  if (newTG === oldTG && templateUpdated) errs.push(invalid(tgPath, newTG, 'must be incremented upon template update'));
  else if (newTG > oldTG && !templateUpdated) errs.push(invalid(tgPath, newTG, 'must not be incremented without template update'));
  if (!semanticallyEqual(next.spec?.selector, old.spec?.selector)) {
    errs.push(invalid('spec.selector', selectorValue(next.spec?.selector), 'field is immutable'));
  }
  return dedupe(errs);
}

function dedupe(errs: readonly FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errs.filter((e) => {
    const s = formatFieldError(e);
    if (seen.has(s)) return false;
    seen.add(s);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Pod, Node, Namespace

/**
 * The errors the API server reports for creating `pod` (ValidatePodCreate): metadata (name is a
 * DNS-1123 subdomain, namespace required), pod-spec rules (containers, restartPolicy, nodeSelector,
 * affinity, tolerations, …), no ephemeral containers on create, trimmed images. Pass a defaulted pod.
 */
export function validatePod(pod: Pod): FieldError[] {
  const spec = pod.spec ?? { containers: [] };
  const errs = [
    ...validateObjectMeta(pod.metadata, true, nameIsDNSSubdomain),
    ...validatePodSpec(spec, 'spec', true),
  ];
  // validateContainersOnlyForPod: templates tolerate padded images, pods do not.
  (spec.containers ?? []).forEach((c, i) => errs.push(...validateImageWhitespace(c, index('spec.containers', i))));
  (spec.initContainers ?? []).forEach((c, i) => errs.push(...validateImageWhitespace(c, index('spec.initContainers', i))));
  if ((spec.ephemeralContainers ?? []).length > 0) errs.push(forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  if (spec.nodeName && (spec.schedulingGates ?? []).length > 0) {
    errs.push(forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}

/**
 * The errors the API server reports for creating `node` (ValidateNode): cluster-scoped metadata with a
 * DNS-1123 subdomain name, and taints (valid key and value, a supported effect, unique by key and
 * effect). Kubernetes reports taint errors under `metadata.taints`, and so does this.
 */
export function validateNode(node: Node): FieldError[] {
  const errs = validateObjectMeta(node.metadata, false, nameIsDNSSubdomain);
  const taints = node.spec?.taints ?? [];
  // ValidateNode passes the metadata path to validateNodeTaints; the odd path is Kubernetes'.
  const path = 'metadata.taints';
  const seen = new Map<string, Set<string>>();
  taints.forEach((t, i) => {
    const idx = index(path, i);
    errs.push(...validateLabelName(t.key ?? '', child(idx, 'key')));
    const msgs = isValidLabelValue(t.value ?? '');
    if (msgs.length > 0) errs.push(invalid(child(idx, 'value'), t.value ?? '', msgs.join(';')));
    errs.push(...validateTaintEffect(t.effect ?? '', false, child(idx, 'effect')));
    const keys = seen.get(t.effect ?? '') ?? new Set<string>();
    if (keys.has(t.key ?? '')) {
      errs.push({ ...duplicate(idx, taintValue(t)), detail: 'taints must be unique by key and effect pair' });
      return;
    }
    keys.add(t.key ?? '');
    seen.set(t.effect ?? '', keys);
  });
  // ValidateNodeResources: the status is optional, but what it says must be valid.
  for (const field of ['capacity', 'allocatable'] as const) {
    for (const [name, q] of Object.entries(node.status?.[field] ?? {})) {
      errs.push(...validateResourceQuantityValue(name, q, `status.${field}.${name}`));
    }
  }
  return errs;
}

/**
 * The errors the API server reports for creating `ns` (ValidateNamespace): cluster-scoped metadata
 * with a DNS-1123 label name, and finalizer names in `spec.finalizers`.
 */
export function validateNamespace(ns: Namespace): FieldError[] {
  const errs = validateObjectMeta(ns.metadata, false, nameIsDNSLabel);
  for (const f of ns.spec?.finalizers ?? []) errs.push(...validateKubeFinalizerName(f, 'spec.finalizers'));
  return errs;
}

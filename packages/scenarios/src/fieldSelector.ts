// kubectl's `--field-selector`, answered as the API server answers it: the selector grammar of
// apimachinery's fields.ParseSelector (`a=b`, `a==b`, `a!=b`, comma-separated, all must hold,
// with `\,` `\=` `\\` escapes in values) over the fields each kind makes selectable
// (PodToSelectableFields, NodeToSelectableFields, NamespaceToSelectableFields, and
// metadata.name/metadata.namespace for every other kind).

import type { KubeObject } from '@dsim/core';
import type { Event as CoreEvent } from 'kubernetes-types/core/v1';
import type { ResourceType } from './resources.ts';

/** One term: the field, whether it must equal or differ from the value, and the value. */
export interface FieldTerm {
  readonly field: string;
  readonly equal: boolean;
  readonly value: string;
}

/** A selector the server would reject, with the server's reason (kubectl wraps it; see `fieldSelectorError`). */
export class FieldSelectorError extends Error {}

/** Splits on commas that are not escaped (fields.splitTerms). */
function splitTerms(s: string): string[] {
  if (s === '') return [];
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === ',') {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

/** The first operator from the left, `!=` before `==` before `=` at each position (fields.splitTerm). */
function splitTerm(term: string): [string, string, string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of ['!=', '==', '=']) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
    }
  }
  return undefined;
}

/** fields.UnescapeValue: `\\`, `\,` and `\=` only; an unescaped `,` or `=` is an error (Go prints the rune as a number). */
function unescapeValue(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\') {
      const next = s[i + 1];
      if (next === undefined) throw new FieldSelectorError('invalid field selector: invalid escape sequence: \\');
      if (next !== '\\' && next !== ',' && next !== '=') throw new FieldSelectorError(`invalid field selector: invalid escape sequence: \\${next}`);
      out += next;
      i++;
    } else if (c === ',' || c === '=') {
      throw new FieldSelectorError(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    } else out += c;
  }
  return out;
}

/** Parses a field selector (terms sorted, as the server keeps them); '' selects everything. */
export function parseFieldSelector(selector: string): FieldTerm[] {
  const terms: FieldTerm[] = [];
  for (const part of splitTerms(selector).sort()) {
    if (part === '') continue;
    const split = splitTerm(part);
    if (split === undefined) throw new FieldSelectorError(`invalid selector: '${selector}'; can't understand '${part}'`);
    const [field, op, rhs] = split;
    terms.push({ field, equal: op !== '!=', value: unescapeValue(rhs) });
  }
  return terms;
}

type Fields = Record<string, string>;

function podFields(o: KubeObject): Fields {
  const spec = (o as { spec?: Record<string, unknown> }).spec ?? {};
  const status = (o as { status?: { phase?: string; podIPs?: { ip?: string }[]; nominatedNodeName?: string } }).status ?? {};
  return {
    'spec.nodeName': String(spec.nodeName ?? ''),
    'spec.restartPolicy': String(spec.restartPolicy ?? ''),
    'spec.schedulerName': String(spec.schedulerName ?? ''),
    'spec.serviceAccountName': String(spec.serviceAccountName ?? ''),
    'spec.hostNetwork': String(spec.hostNetwork === true),
    'status.phase': status.phase ?? '',
    'status.podIP': status.podIPs?.[0]?.ip ?? '',
    'status.nominatedNodeName': status.nominatedNodeName ?? '',
  };
}

/** An Event's selectable fields (the event registry's ToSelectableFields). */
function eventFields(o: KubeObject): Fields {
  const e = o as unknown as CoreEvent;
  const ref = e.involvedObject ?? {};
  return {
    'involvedObject.kind': ref.kind ?? '',
    'involvedObject.namespace': ref.namespace ?? '',
    'involvedObject.name': ref.name ?? '',
    'involvedObject.uid': ref.uid ?? '',
    'involvedObject.apiVersion': ref.apiVersion ?? '',
    'involvedObject.resourceVersion': ref.resourceVersion ?? '',
    'involvedObject.fieldPath': ref.fieldPath ?? '',
    reason: e.reason ?? '',
    reportingComponent: e.reportingComponent ?? '',
    source: e.source?.component || e.reportingComponent || '',
    type: e.type ?? '',
  };
}

/** The selectable fields of an object of this type, besides metadata.name (and metadata.namespace where allowed). */
function kindFields(type: ResourceType, o: KubeObject): Fields | undefined {
  if (type.group !== '') return undefined;
  switch (type.kind) {
    case 'Pod':
      return podFields(o);
    case 'Node':
      return { 'spec.unschedulable': String((o as { spec?: { unschedulable?: boolean } }).spec?.unschedulable === true) };
    case 'Namespace':
      return { 'status.phase': (o as { status?: { phase?: string } }).status?.phase ?? '' };
    case 'Event':
      return eventFields(o);
    default:
      return undefined;
  }
}

/** The value of a selectable field, or undefined when the type has no such field label. */
function fieldValue(type: ResourceType, o: KubeObject, field: string): string | undefined {
  if (field === 'metadata.name') return o.metadata?.name ?? '';
  const own = kindFields(type, o);
  // Nodes and namespaces (cluster-scoped, with their own conversion) take no metadata.namespace.
  if (field === 'metadata.namespace' && (own === undefined || type.kind === 'Pod' || type.kind === 'Event')) return o.metadata?.namespace ?? '';
  return own?.[field];
}

/** The server's reason for a field label this type does not support. */
function unsupported(type: ResourceType, field: string): FieldSelectorError {
  // Core kinds with their own conversion say it one way, every other kind the default way.
  if (kindFields(type, {} as KubeObject) !== undefined) return new FieldSelectorError(`field label not supported: ${field}`);
  return new FieldSelectorError(`"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"`);
}

/** Checks every term's field against the type (before any object is looked at, as the server does). */
export function checkFieldSelector(type: ResourceType, terms: readonly FieldTerm[]): void {
  const probe = { metadata: {} } as KubeObject;
  for (const t of terms) if (fieldValue(type, probe, t.field) === undefined) throw unsupported(type, t.field);
}

/** Whether the object has every term's field equal to (or, for `!=`, different from) its value. */
export function fieldSelectorMatches(type: ResourceType, terms: readonly FieldTerm[], o: KubeObject): boolean {
  for (const t of terms) if ((fieldValue(type, o, t.field) === t.value) !== t.equal) return false;
  return true;
}

/** kubectl's line for a selector the server rejected while listing this type. */
export function fieldSelectorError(type: ResourceType, labelSelector: string, fieldSelector: string, reason: string): string {
  const gv = type.group === '' ? `/${type.version}` : `${type.group}/${type.version}`;
  return `Error from server (BadRequest): Unable to find "${gv}, Resource=${type.resource}" that match label selector "${labelSelector}", field selector "${fieldSelector}": ${reason}`;
}

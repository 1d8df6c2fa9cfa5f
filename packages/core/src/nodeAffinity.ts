// nodeSelector and required node affinity, ported from component-helpers/scheduling/corev1/nodeaffinity.
// Pure: no I/O. Parsed selectors are cached per (immutable) API object, so callers must not mutate them after use.

import type { Affinity, Node, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm } from 'kubernetes-types/core/v1';
import { newRequirement, requirementMatches, type Requirement } from './labels.ts';

/** The only field a node exposes to `matchFields`. */
export const NODE_NAME_FIELD = 'metadata.name';

/** One `matchFields` requirement: a single-value equality (In) or inequality (NotIn) on a node field. */
export interface FieldRequirement {
  readonly key: string;
  readonly notIn: boolean;
  readonly value: string;
}

/** A parsed node selector term; a term with parse errors never matches but does not stop other terms. */
export interface CompiledNodeSelectorTerm {
  /** null when the term has no matchExpressions (then labels are not checked). */
  readonly labels: readonly Requirement[] | null;
  /** null when the term has no matchFields (then fields are not checked). */
  readonly fields: readonly FieldRequirement[] | null;
  readonly errors: readonly string[];
}

/** A parsed v1.NodeSelector (LazyErrorNodeSelector): terms ORed, empty terms already dropped. */
export interface CompiledNodeSelector {
  readonly terms: readonly CompiledNodeSelectorTerm[];
  /** Every parse error, with field paths as in NewNodeSelector. */
  readonly errors: readonly string[];
}

const NODE_SELECTOR_OPERATORS: readonly string[] = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];

function compileExpressions(exprs: readonly NodeSelectorRequirement[], path: string, errors: string[]): Requirement[] {
  const out: Requirement[] = [];
  exprs.forEach((expr, i) => {
    const p = `${path}[${i}]`;
    // The API operator names are also our requirement operator names; anything else is unsupported here.
    if (!NODE_SELECTOR_OPERATORS.includes(expr.operator)) {
      errors.push(
        `${p}.operator: Unsupported value: ${JSON.stringify(expr.operator)}: supported values: ` +
          NODE_SELECTOR_OPERATORS.map((o) => JSON.stringify(o)).join(', '),
      );
      return;
    }
    const r = newRequirement(expr.key, expr.operator, expr.values, p);
    if (r.ok) out.push(r.requirement);
    else errors.push(...r.errors);
  });
  return out;
}

function compileFields(exprs: readonly NodeSelectorRequirement[], path: string, errors: string[]): FieldRequirement[] {
  const out: FieldRequirement[] = [];
  exprs.forEach((expr, i) => {
    const p = `${path}[${i}]`;
    const values = expr.values ?? [];
    if (expr.operator === 'In' || expr.operator === 'NotIn') {
      if (values.length !== 1) {
        errors.push(`${p}.values: Invalid value: ${JSON.stringify(values)}: must have one element`);
      } else {
        out.push({ key: expr.key, notIn: expr.operator === 'NotIn', value: values[0] ?? '' });
      }
    } else {
      errors.push(`${p}.operator: Unsupported value: ${JSON.stringify(expr.operator)}: supported values: "In", "NotIn"`);
    }
  });
  return out;
}

function compileTerm(term: NodeSelectorTerm, path: string): CompiledNodeSelectorTerm {
  const errors: string[] = [];
  const exprs = term.matchExpressions ?? [];
  const fieldExprs = term.matchFields ?? [];
  const labels = exprs.length > 0 ? compileExpressions(exprs, `${path}.matchExpressions`, errors) : null;
  const fields = fieldExprs.length > 0 ? compileFields(fieldExprs, `${path}.matchFields`, errors) : null;
  return { labels, fields, errors };
}

const nodeSelectorCache = new WeakMap<NodeSelector, CompiledNodeSelector>();

/**
 * NewLazyErrorNodeSelector: parses every term once (cached per NodeSelector object). Terms with neither
 * matchExpressions nor matchFields select nothing and are dropped; nil or [] nodeSelectorTerms leave no terms.
 */
export function compileNodeSelector(ns: NodeSelector): CompiledNodeSelector {
  let compiled = nodeSelectorCache.get(ns);
  if (compiled !== undefined) return compiled;
  const terms: CompiledNodeSelectorTerm[] = [];
  const errors: string[] = [];
  (ns.nodeSelectorTerms ?? []).forEach((term, i) => {
    if ((term.matchExpressions ?? []).length === 0 && (term.matchFields ?? []).length === 0) return;
    const t = compileTerm(term, `nodeSelectorTerms[${i}]`);
    terms.push(t);
    errors.push(...t.errors);
  });
  compiled = { terms, errors };
  nodeSelectorCache.set(ns, compiled);
  return compiled;
}

function termMatches(term: CompiledNodeSelectorTerm, node: Node, nodeName: string): boolean {
  if (term.errors.length > 0) return false;
  const labels = node.metadata?.labels;
  if (term.labels !== null) {
    for (let i = 0; i < term.labels.length; i++) {
      if (!requirementMatches(term.labels[i] as Requirement, labels)) return false;
    }
  }
  // A node without a name exposes no fields, and then the field check is skipped entirely.
  if (term.fields !== null && nodeName !== '') {
    for (let i = 0; i < term.fields.length; i++) {
      const f = term.fields[i] as FieldRequirement;
      // fields.Set.Get: unknown fields read as "".
      const actual = f.key === NODE_NAME_FIELD ? nodeName : '';
      if ((actual === f.value) === f.notIn) return false;
    }
  }
  return true;
}

/** LazyErrorNodeSelector.Match: some term without parse errors matches the node's labels and fields. */
export function compiledNodeSelectorMatches(compiled: CompiledNodeSelector, node: Node): boolean {
  const nodeName = node.metadata?.name ?? '';
  const terms = compiled.terms;
  for (let i = 0; i < terms.length; i++) {
    if (termMatches(terms[i] as CompiledNodeSelectorTerm, node, nodeName)) return true;
  }
  return false;
}

/** True when the v1.NodeSelector's terms (ORed; a bad term only fails itself) match the node. */
export function nodeSelectorTermsMatch(ns: NodeSelector, node: Node): boolean {
  return compiledNodeSelectorMatches(compileNodeSelector(ns), node);
}

/** pod.spec.nodeSelector: every pair must be on the node with exactly that value; absent or {} matches every node. */
export function nodeSelectorMatches(nodeSelector: Readonly<Record<string, string>> | null | undefined, node: Node): boolean {
  if (nodeSelector === undefined || nodeSelector === null) return true;
  const labels = node.metadata?.labels as Record<string, unknown> | undefined;
  for (const key in nodeSelector) {
    if (!Object.hasOwn(nodeSelector, key)) continue;
    // typeof rules out inherited properties such as `constructor` on a plain object.
    const v = labels === undefined || labels === null ? undefined : labels[key];
    if (typeof v !== 'string' || v !== nodeSelector[key]) return false;
  }
  return true;
}

/**
 * The required part of node affinity (GetRequiredNodeAffinity without the nodeSelector): no affinity or no
 * requiredDuringScheduling… matches every node; otherwise the node selector terms must match.
 */
export function requiredNodeAffinityMatches(affinity: Affinity | null | undefined, node: Node): boolean {
  const required = affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required === undefined || required === null) return true;
  return compiledNodeSelectorMatches(compileNodeSelector(required), node);
}

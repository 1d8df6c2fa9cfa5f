// `dsim label` and `dsim taint`: kubectl's label.go and taint/ (taint.go, utils.go), on nodes (and
// pods, for label).
// Arguments are split, parsed and checked as kubectl does, with its messages, before anything is
// read; then each node is changed on its own, as kubectl's ContinueOnError visitor does: a node
// whose change fails (an existing label without --overwrite, a taint not there) is reported and
// the others are still changed. A node that does not exist changes nothing (nothing is saved).

import type { Node, Taint } from 'kubernetes-types/core/v1';
import {
  defaultNode,
  events as ev,
  formatInvalidError,
  getNode,
  getPod,
  podLabels,
  validateObjectMeta,
  type PendingEvent,
  type PodRecord,
  isValidLabelValue,
  qualifiedNameErrors,
  tableValues,
  validateNode,
  type ClusterState,
} from '@dsim/core';
import { boolFlag, flag } from '../args.ts';
import type { Context } from '../cli.ts';
import { goQuote } from '../print/jsonpath.ts';
import { findResourceType, qualifiedResource } from '../resources.ts';
import { selectorMatchesLabels } from '../selector.ts';
import { UserError } from '../session.ts';
import { splitResourcesAndPairs } from './set.ts';
import { namespaceOf, resolveRequests, selectorOfArgs, storedTypes } from './read.ts';

// ---- label -------------------------------------------------------------------------------------

/** kubectl's parseLabels: `k=v` to set, `k-` to remove; a value is checked here, a key by the API server. */
export function parseLabelPairs(pairs: readonly string[]): { set: Map<string, string>; remove: string[] } {
  const set = new Map<string, string>();
  const remove: string[] = [];
  for (const spec of pairs) {
    if (spec.includes('=')) {
      const parts = spec.split('=');
      if (parts.length !== 2) throw new UserError(`error: invalid label spec: ${spec}`);
      const bad = isValidLabelValue(parts[1]!);
      if (bad.length > 0) throw new UserError(`error: invalid label value: ${goQuote(spec)}: ${bad.join(';')}`);
      set.set(parts[0]!, parts[1]!);
    } else if (spec.endsWith('-')) remove.push(spec.slice(0, -1));
    else throw new UserError(`error: unknown label spec: ${spec}`);
  }
  if (remove.some((k) => set.has(k))) throw new UserError('error: can not both modify and remove a label in the same command');
  return { set, remove };
}

/** How many bytes `metadata.labels` adds to the object's JSON (0 when empty: omitempty). */
function labelsJsonLength(labels: Readonly<Record<string, string>>): number {
  return Object.keys(labels).length === 0 ? 0 : JSON.stringify(labels).length;
}

/**
 * `dsim label nodes A B k=v k2-`, `dsim label pods/A k=v -n ns`, `dsim label pods (-l SEL | --all) k=v`:
 * per object `node/A labeled`, `unlabeled` (something removed and the object got shorter, without
 * --overwrite), or `not labeled`, after `label "k2" not found.` for each absent label removed.
 * A pod relabelled out of its DaemonSet's selector is released by the controller, which makes a
 * new one for the node (see docs/semantics.md).
 */
export function labelCommand(ctx: Context): number {
  const { resources, pairs } = splitResourcesAndPairs(ctx.args.positional, 'label');
  const { set, remove } = parseLabelPairs(pairs);
  const all = boolFlag(ctx.args, 'all');
  const selectorText = flag(ctx.args, 'selector');
  if (all && selectorText !== undefined) throw new UserError('error: cannot set --all and --selector at the same time');
  if (resources.length === 0) throw new UserError('error: one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (set.size === 0 && remove.length === 0) throw new UserError('error: at least one label update is required');
  const overwrite = boolFlag(ctx.args, 'overwrite');
  const session = ctx.open();
  const engine = session.engine();
  const targets = labelTargets(ctx, resources, engine.state, all);
  const out: string[] = [];
  const errors: string[] = [];
  let changed = false;
  for (const target of targets) {
    const before: Record<string, string> = { ...target.labels };
    for (const k of remove) if (!(k in before)) out.push(`label ${goQuote(k)} not found.`);
    if (!overwrite) {
      const taken = [...set.keys()].filter((k) => k in before).map((k) => `'${k}' already has a value (${before[k]}), and --overwrite is false`);
      if (taken.length > 0) {
        errors.push(`error: ${taken.length === 1 ? taken[0] : `[${taken.join(', ')}]`}`);
        continue;
      }
    }
    const labels = { ...before };
    for (const [k, v] of set) labels[k] = v;
    for (const k of remove) delete labels[k];
    const same = Object.keys(labels).length === Object.keys(before).length && Object.entries(labels).every(([k, v]) => before[k] === v);
    const message = same ? 'not labeled' : !overwrite && labelsJsonLength(labels) < labelsJsonLength(before) ? 'unlabeled' : 'labeled';
    if (!same) {
      const result = target.relabel(labels);
      if (typeof result === 'string') {
        errors.push(result);
        continue;
      }
      engine.input(result);
      changed = true;
    }
    out.push(`${target.kind.toLowerCase()}/${target.name} ${message}`);
  }
  return finish(ctx, changed, out, errors);
}

/** An object a label command changes: its labels now, and what the API server makes of new ones. */
interface LabelTarget {
  readonly kind: 'Node' | 'Pod';
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** The event that records these labels, or the API server's Invalid error. */
  relabel(labels: Record<string, string>): PendingEvent | string;
}

function nodeTarget(node: Node): LabelTarget {
  const name = node.metadata?.name ?? '';
  return {
    kind: 'Node',
    name,
    labels: node.metadata?.labels ?? {},
    relabel: (labels) => {
      const metadata = { ...node.metadata, labels };
      if (Object.keys(labels).length === 0) delete (metadata as { labels?: unknown }).labels;
      const next: Node = { ...node, metadata };
      const invalid = validateNode(defaultNode(next)).filter((e) => e.field.startsWith('metadata.labels'));
      return invalid.length > 0 ? formatInvalidError('Node', name, invalid) : ev.nodeUpdated(next);
    },
  };
}

function podTarget(state: ClusterState, p: PodRecord): LabelTarget {
  return {
    kind: 'Pod',
    name: p.name,
    labels: podLabels(state, p),
    relabel: (labels) => {
      const invalid = validateObjectMeta({ name: p.name, namespace: p.namespace, labels }, true).filter((e) => e.field.startsWith('metadata.labels'));
      return invalid.length > 0 ? formatInvalidError('Pod', p.name, invalid) : ev.podRelabeled(p, labels);
    },
  };
}

/** The nodes and pods a label command names, as kubectl's resource builder resolves its arguments. */
function labelTargets(ctx: Context, resources: readonly string[], state: ClusterState, all: boolean): LabelTarget[] {
  const tuples = resources.every((r) => r.includes('/'));
  const allNamespaces = boolFlag(ctx.args, 'all-namespaces');
  const namespace = namespaceOf(ctx);
  const named: LabelTarget[] = [];
  const missing: string[] = [];
  let bulk = false;
  const requests = resolveRequests(resources, storedTypes(state), { allNamespaces: allNamespaces && !all && flag(ctx.args, 'selector') === undefined });
  for (const r of requests) {
    if (r.type.group !== '' || (r.type.resource !== 'nodes' && r.type.resource !== 'pods')) {
      throw new UserError(`error: dsim can only label nodes and pods (got ${qualifiedResource(r.type)})`);
    }
    if (r.names.length === 0) bulk = true;
    for (const n of new Set(r.names)) {
      if (r.type.resource === 'nodes') {
        const rec = getNode(state, n);
        if (rec === undefined) missing.push(`Error from server (NotFound): nodes "${n}" not found`);
        else named.push(nodeTarget(rec.node));
      } else {
        const pod = getPod(state, namespace, n);
        if (pod === undefined) missing.push(`Error from server (NotFound): pods "${n}" not found`);
        else named.push(podTarget(state, pod));
      }
    }
  }
  if (all || flag(ctx.args, 'selector') !== undefined) {
    if (named.length > 0 || missing.length > 0) {
      throw new UserError(
        tuples ? 'error: selectors and the all flag cannot be used when passing resource/name arguments' : 'error: name cannot be provided when a selector is specified',
      );
    }
    const out: LabelTarget[] = [];
    for (const r of requests) {
      // The API server parses the selector when kubectl lists the objects.
      const selector = selectorOfArgs(ctx.args, r.type);
      if (r.type.resource === 'nodes') out.push(...selectedNodes(state, selector).map(nodeTarget));
      else out.push(...selectedPods(state, allNamespaces ? undefined : namespace, selector).map((p) => podTarget(state, p)));
    }
    return out;
  }
  if (bulk) throw new UserError('error: resource(s) were provided, but no name was specified');
  if (missing.length > 0) throw new UserError(missing.join('\n'));
  return named;
}

// ---- taint -------------------------------------------------------------------------------------

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** Taint.ToString. */
function taintString(t: Taint): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : t.key;
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

/** kubectl's parseTaint: `key=value:Effect`, `key:Effect` or `key`. */
function parseTaint(st: string): Taint {
  const parts = st.split(':');
  let key: string;
  let value = '';
  let effect = '';
  if (parts.length === 1) key = parts[0]!;
  else if (parts.length === 2) {
    effect = parts[1]!;
    if (!EFFECTS.includes(effect)) throw new Error(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = parts[0]!.split('=');
    if (kv.length > 2) throw new Error(`invalid taint spec: ${st}`);
    key = kv[0]!;
    if (kv.length === 2) {
      value = kv[1]!;
      const bad = isValidLabelValue(value);
      if (bad.length > 0) throw new Error(`invalid taint spec: ${st}, ${bad.join('; ')}`);
    }
  } else throw new Error(`invalid taint spec: ${st}`);
  const bad = qualifiedNameErrors(key);
  if (bad.length > 0) throw new Error(`invalid taint spec: ${st}, ${bad.join('; ')}`);
  return { key, ...(value !== '' ? { value } : {}), effect };
}

/**
 * kubectl's parseTaints: the taints to add (each with an effect, no key and effect twice) and to
 * remove (`…-`: key, and effect when given). A bad spec is a usage error, as in kubectl.
 */
export function parseTaintSpecs(specs: readonly string[]): { add: Taint[]; remove: Taint[] } {
  const add: Taint[] = [];
  const remove: Taint[] = [];
  try {
    for (const spec of specs) {
      if (spec.endsWith('-')) {
        const t = parseTaint(spec.slice(0, -1));
        remove.push({ key: t.key, effect: t.effect });
        continue;
      }
      const t = parseTaint(spec);
      if (t.effect === '') throw new Error(`invalid taint spec: ${spec}`);
      if (add.some((a) => a.key === t.key && a.effect === t.effect)) {
        // Go's %v of the struct: {key value effect timeAdded}.
        throw new Error(`duplicated taints with the same key and effect: {${t.key} ${t.value ?? ''} ${t.effect} <nil>}`);
      }
      add.push(t);
    }
  } catch (e) {
    throw new UserError(`error: ${(e as Error).message}\nSee 'dsim taint -h' for help and examples`);
  }
  return { add, remove };
}

/**
 * kubectl's reorganizeTaints: the taints added first, then the node's others; then the removals.
 * The operation is `modified` with --overwrite or when something was both added and removed.
 */
export function reorganizeTaints(
  old: readonly Taint[],
  overwrite: boolean,
  add: readonly Taint[],
  remove: readonly Taint[],
): { operation: 'modified' | 'tainted' | 'untainted'; taints: Taint[]; errors: string[] } {
  let taints = [...add];
  for (const o of old) if (!taints.some((t) => t.key === o.key && t.effect === o.effect)) taints.push(o);
  const added = old.length !== taints.length;
  const errors: string[] = [];
  // As kubectl's deleteTaints: `deleted` is whether the last removal found anything.
  let deleted = false;
  for (const r of remove) {
    const kept = taints.filter((t) => !(t.key === r.key && (!r.effect || t.effect === r.effect)));
    deleted = kept.length !== taints.length;
    taints = kept;
    if (!deleted) errors.push(`taint ${goQuote(taintString(r))} not found`);
  }
  const operation = (added && deleted) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { operation, taints, errors };
}

/**
 * `dsim taint nodes A B key=value:Effect key:Effect-`, or `nodes (-l SEL | --all)`: kubectl's
 * checks in its order (arguments, taint specs, the resource type, conflicts, names), then each node.
 */
export function taintCommand(ctx: Context): number {
  const resources: string[] = [];
  const specs: string[] = [];
  for (const s of ctx.args.positional) {
    const isTaint = s.includes('=') || s.includes(':') || s.endsWith('-');
    if (isTaint) specs.push(s);
    else if (specs.length > 0) throw new UserError(`error: all resources must be specified before taint changes: ${s}`);
    else resources.push(s);
  }
  if (resources.length === 0) throw new UserError('error: one or more resources must be specified as <resource> <name>');
  if (specs.length === 0) throw new UserError('error: at least one taint update is required');
  const { add, remove } = parseTaintSpecs(specs);
  const type = resources[0]!.toLowerCase();
  const t = findResourceType(type);
  if (t === undefined) throw new UserError(`error: the server doesn't have a resource type "${type}"`);
  if (t.resource !== 'nodes' || t.group !== '') throw new UserError(`error: invalid resource type ${type}, only node types are supported`);
  const conflicts = add.flatMap((a) => remove.filter((r) => r.key === a.key && (!r.effect || r.effect === a.effect)).map((r) => `{"${r.key}":"${r.effect}"}`));
  if (conflicts.length > 0) throw new UserError(`error: can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`);
  const all = boolFlag(ctx.args, 'all');
  const selectorText = flag(ctx.args, 'selector');
  if (all && selectorText !== undefined && selectorText !== '') throw new UserError("error: setting 'all' parameter with a non empty selector is prohibited");
  if (!all && !selectorText && resources.length < 2) throw new UserError("error: at least one resource name must be specified since 'all' parameter is not set");
  const overwrite = boolFlag(ctx.args, 'overwrite');
  const session = ctx.open();
  const engine = session.engine();
  const state = engine.state;
  const nodes = all || selectorText ? selectedNodes(state, selectorOfArgs(ctx.args, t)) : namedNodes(state, resources.slice(1));
  const out: string[] = [];
  const errors: string[] = [];
  let changed = false;
  for (const node of nodes) {
    const name = node.metadata?.name ?? '';
    const old = node.spec?.taints ?? [];
    if (!overwrite) {
      const exists = add.filter((a) => old.some((o) => o.key === a.key && o.effect === a.effect)).map((a) => a.key);
      if (exists.length > 0) {
        errors.push(`error: node ${name} already has ${exists.join(',')} taint(s) with same effect(s) and --overwrite is false`);
        continue;
      }
    }
    const r = reorganizeTaints(old, overwrite, add, remove);
    if (r.errors.length > 0) {
      errors.push(`error: ${r.errors.length === 1 ? r.errors[0] : `[${r.errors.join(', ')}]`}`);
      continue;
    }
    const spec = { ...node.spec, taints: r.taints };
    if (r.taints.length === 0) delete (spec as { taints?: Taint[] }).taints;
    engine.input(ev.nodeUpdated({ ...node, spec }));
    changed = true;
    out.push(`node/${name} ${r.operation}`);
  }
  return finish(ctx, changed, out, errors);
}

// ---- shared ------------------------------------------------------------------------------------

/** Nodes by name, in the order given (each once); a name that is not a node changes nothing. */
function namedNodes(state: ClusterState, names: readonly string[]): Node[] {
  const out: Node[] = [];
  const missing: string[] = [];
  for (const n of new Set(names)) {
    const rec = getNode(state, n);
    if (rec === undefined) missing.push(`Error from server (NotFound): nodes "${n}" not found`);
    else out.push(rec.node);
  }
  if (missing.length > 0) throw new UserError(missing.join('\n'));
  return out;
}

/** Every node the selector matches (all of them without one), in the API server's order: by name. */
function selectedNodes(state: ClusterState, selector: ReturnType<typeof selectorOfArgs>): Node[] {
  const out: Node[] = [];
  for (const rec of tableValues(state.nodes)) {
    if (selector === undefined || selectorMatchesLabels(selector, rec.node.metadata?.labels)) out.push(rec.node);
  }
  const name = (n: Node) => n.metadata?.name ?? '';
  return out.sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
}

/** Every pod of the namespace (all of them without one) the selector matches, in the API server's order. */
function selectedPods(state: ClusterState, namespace: string | undefined, selector: ReturnType<typeof selectorOfArgs>): PodRecord[] {
  const out: PodRecord[] = [];
  for (const p of tableValues(state.pods)) {
    if (namespace !== undefined && p.namespace !== namespace) continue;
    if (selector === undefined || selectorMatchesLabels(selector, podLabels(state, p))) out.push(p);
  }
  const key = (p: PodRecord) => `${p.namespace}/${p.name}`;
  return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Saves what changed, prints each node's line, then the nodes' errors (exit 1 if any). */
function finish(ctx: Context, changed: boolean, out: readonly string[], errors: readonly string[]): number {
  if (changed) ctx.open().commit();
  if (out.length > 0) ctx.io.stdout(`${out.join('\n')}\n`);
  if (errors.length === 0) return 0;
  ctx.io.stderr(`${errors.join('\n')}\n`);
  return 1;
}

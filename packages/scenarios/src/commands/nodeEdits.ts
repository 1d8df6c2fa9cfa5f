// `dsim taint`: kubectl's taint/ (taint.go, utils.go), on nodes. (`dsim label` is label.ts.)
// Arguments are split, parsed and checked as kubectl does, with its messages, before anything is
// read; then each node is changed on its own, as kubectl's ContinueOnError visitor does: a node
// whose change fails (a taint already there without --overwrite, a taint not there) is reported and
// the others are still changed. A node that does not exist changes nothing (nothing is saved).

import type { Node, Taint } from 'kubernetes-types/core/v1';
import { events as ev, getNode, isValidLabelValue, qualifiedNameErrors, tableValues, type ClusterState } from '@dsim/core';
import { boolFlag, flag } from '../args.ts';
import type { Context } from '../cli.ts';
import { goQuote } from '../print/jsonpath.ts';
import { findResourceType } from '../resources.ts';
import { selectorMatchesLabels } from '../selector.ts';
import { UserError } from '../session.ts';
import { selectorOfArgs } from './read.ts';

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

/** Saves what changed, prints each node's line, then the nodes' errors (exit 1 if any). */
function finish(ctx: Context, changed: boolean, out: readonly string[], errors: readonly string[]): number {
  if (changed) ctx.open().commit();
  if (out.length > 0) ctx.io.stdout(`${out.join('\n')}\n`);
  if (errors.length === 0) return 0;
  ctx.io.stderr(`${errors.join('\n')}\n`);
  return 1;
}

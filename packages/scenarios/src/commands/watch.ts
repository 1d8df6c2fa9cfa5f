// `dsim get -w`: kubectl's watch, in simulated time. The list is printed as `get` prints it, then
// the simulation runs on, and every change to a listed object (or a new one that matches) prints
// its row as kubectl prints a watch event's: the columns keep the widest width seen so far
// (kubectl's tabwriter remembers widths), with `--output-watch-events` an EVENT column of
// ADDED/MODIFIED/DELETED. kubectl watches until interrupted; dsim follows the simulation until
// nothing more is due in it, or for a simulated day at most, and records how far time went.

import type { KubeObject } from '@dsim/core';
import { canonicalJson, events as ev, podObject, podsOnNode, tableGet, type ClusterState, type DsimEvent } from '@dsim/core';
import { boolFlag, flag, listFlag } from '../args.ts';
import type { Context } from '../cli.ts';
import { TabWriter } from '../print/tabwriter.ts';
import { tableText } from '../print/tables.ts';
import { qualifiedKind, type ResourceType } from '../resources.ts';
import { UserError } from '../session.ts';
import { epochNow, listObjects, tableFor } from '../view.ts';
import { filterBySelectors, hasSelector, namespaceOf, resolveRequests, selectorOfArgs, storedTypes } from './read.ts';
import { ROLLOUT_WAIT_WITHOUT_TIMEOUT_MS } from './time.ts';

/** kubectl's formatEventType: each event type padded to MODIFIED's width. */
const EVENT_TYPES = { ADDED: 'ADDED   ', MODIFIED: 'MODIFIED', DELETED: 'DELETED ' } as const;
type WatchEventType = keyof typeof EVENT_TYPES;

/** Types whose objects change only when a fact changes them: nodes and events change with time alone in dsim. */
function watchable(t: ResourceType): boolean {
  return !(t.group === '' && (t.resource === 'nodes' || t.resource === 'events'));
}

/** Whether `dsim get` was asked to watch. */
export function watching(ctx: Context): boolean {
  return boolFlag(ctx.args, 'watch') || boolFlag(ctx.args, 'watch-only');
}

export function watchCommand(ctx: Context): number {
  const output = flag(ctx.args, 'output') ?? '';
  if (output !== '' && output !== 'wide' && output !== 'name') {
    throw new UserError(`error: dsim get --watch prints tables (-o wide too) and names (-o name); -o ${output} is not supported with --watch`);
  }
  if (listFlag(ctx.args, 'filename').length > 0) throw new UserError('error: dsim get --watch takes resource arguments, not -f');
  if (flag(ctx.args, 'at') !== undefined) throw new UserError('error: --at shows the past; it cannot be watched');
  if (ctx.args.positional.length === 0) throw new UserError('error: Required resource not specified.');
  const all = boolFlag(ctx.args, 'all-namespaces');
  const session = ctx.open();
  const engine = session.engine();
  const requests = resolveRequests(ctx.args.positional, storedTypes(engine.state), { allNamespaces: all, selector: hasSelector(ctx.args) });
  if (requests.length !== 1) throw new UserError('error: watch is only supported on individual resources and resource collections, but a list of resources is found');
  const request = requests[0]!;
  const type = request.type;
  if (!watchable(type)) {
    throw new UserError(`error: dsim get --watch does not follow ${type.resource}: in dsim they change with time alone, not by writes a watch would see; get them with --at TIME instead`);
  }
  const ns = all ? undefined : (request.namespace ?? namespaceOf(ctx));
  const names = new Set(request.names);
  const selector = selectorOfArgs(ctx.args, type);
  const events = boolFlag(ctx.args, 'output-watch-events');
  const options = {
    wide: output === 'wide',
    noHeaders: boolFlag(ctx.args, 'no-headers'),
    withNamespace: all,
    showLabels: boolFlag(ctx.args, 'show-labels'),
    labelColumns: listFlag(ctx.args, 'label-columns').flatMap((s) => s.split(',')),
  };

  /**
   * The matching objects, by namespace/name: all of them, or only those of the pods `only` names
   * (by key), looked up one by one, since a cluster has many.
   */
  const matching = (state: ClusterState, only?: ReadonlySet<string>): Map<string, KubeObject> => {
    const named = (n: string) => names.size === 0 || names.has(n);
    let objects: KubeObject[];
    if (only === undefined) objects = listObjects(state, type, ns, [], named);
    else {
      objects = [];
      for (const key of only) {
        const p = tableGet(state.pods, key);
        if (p !== undefined && (ns === undefined || p.namespace === ns) && named(p.name)) objects.push(podObject(state, p) as KubeObject);
      }
    }
    objects = filterBySelectors(type, objects, ctx.args, selector);
    return new Map(objects.map((o) => [`${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`, o]));
  };

  const writer = new TabWriter();
  let headerDone = options.noHeaders;
  const print = (rows: readonly { event: WatchEventType; object: KubeObject }[], now: number) => {
    if (rows.length === 0) return;
    if (output === 'name') {
      for (const r of rows) ctx.io.stdout(`${qualifiedKind(type)}/${r.object.metadata?.name ?? ''}\n`);
      return;
    }
    let text = '';
    for (const r of rows) {
      // One table per row: its own header line, dropped after the first.
      const lines = tableText(tableFor(type, [r.object], now), { ...options, noHeaders: false }, false).split('\n');
      if (!headerDone) {
        text += `${events ? 'EVENT\t' : ''}${lines[0]}\n`;
        headerDone = true;
      }
      text += `${events ? `${EVENT_TYPES[r.event]}\t` : ''}${lines[1]}\n`;
    }
    writer.write(text);
    writer.flush();
    ctx.io.stdout(writer.takeOutput());
  };

  const seen = matching(engine.state);
  if (!boolFlag(ctx.args, 'watch-only')) print([...seen.values()].map((object) => ({ event: 'ADDED' as const, object })), epochNow(engine.state));

  const start = engine.now;
  const deadline = start + ROLLOUT_WAIT_WITHOUT_TIMEOUT_MS;
  let logged = engine.log.length;
  const json = new Map([...seen].map(([k, o]) => [k, canonicalJson(o)]));
  for (;;) {
    const next = engine.peek();
    if (next === undefined || next > deadline) break;
    engine.step();
    const facts = engine.log.slice(logged);
    logged = engine.log.length;
    if (facts.length === 0) continue;
    const state = engine.state;
    // Pods are many: only those the step's facts name (or whose node they name) are looked at.
    // Other kinds are few, and a DaemonSet's status moves with its pods' facts: all are compared.
    const only = type.resource === 'pods' && type.group === '' ? touchedPods(facts, state) : undefined;
    if (only?.size === 0) continue;
    const now = matching(state, only);
    const rows: { event: WatchEventType; object: KubeObject }[] = [];
    for (const [key, object] of now) {
      const text = canonicalJson(object);
      const before = json.get(key);
      if (before === text) continue;
      rows.push({ event: before === undefined ? 'ADDED' : 'MODIFIED', object });
      json.set(key, text);
      seen.set(key, object);
    }
    // Gone (or no longer matching): of the pods looked at, or of them all.
    for (const key of only ?? [...seen.keys()]) {
      const object = seen.get(key);
      if (object === undefined || now.has(key)) continue;
      // The object as it last was: kubectl prints the deleted object's row.
      rows.push({ event: 'DELETED', object });
      seen.delete(key);
      json.delete(key);
    }
    print(rows, epochNow(state));
  }
  if (engine.now > start) engine.input(ev.timeAdvanced(engine.now));
  session.commit();
  return 0;
}

/**
 * The keys (namespace/name) of the pods facts may have changed: those they name, and those on a
 * node a node's fact names (its condition shows in its pods). A candidate set, checked against the pods.
 */
function touchedPods(facts: readonly DsimEvent[], state: ClusterState): Set<string> {
  const out = new Set<string>();
  const nodes = new Set<string>();
  for (const f of facts) {
    const d = f.data as Record<string, unknown>;
    if (typeof d.namespace === 'string' && typeof d.name === 'string') {
      // A pod's own fact (its node named too, where it runs): no other pod changes with it.
      out.add(`${d.namespace}/${d.name}`);
      continue;
    }
    if (typeof d.pod === 'string' && d.pod.includes('/')) out.add(d.pod);
    const pod = d.pod as { metadata?: { name?: string; namespace?: string } } | undefined;
    if (pod !== null && typeof pod === 'object' && typeof pod.metadata?.name === 'string') out.add(`${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`);
    const node = d.node as string | { metadata?: { name?: string } } | undefined;
    if (typeof node === 'string') nodes.add(node);
    else if (node !== null && typeof node === 'object' && typeof node.metadata?.name === 'string') nodes.add(node.metadata.name);
  }
  for (const n of nodes) for (const p of podsOnNode(state, n)) out.add(`${p.namespace}/${p.name}`);
  return out;
}

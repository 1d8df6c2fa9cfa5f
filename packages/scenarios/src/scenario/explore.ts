// `dsim explore`: property-based search (fast-check) for node churn that breaks a DaemonSet property, shrunk to the
// shortest story and written as an ordinary scenario file that `dsim run` replays. Edge code: reads and writes files.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Taint } from 'kubernetes-types/core/v1';
import { defaultDaemonSet, formatFieldError } from '@dsim/core';
import { flag } from '../args.ts';
import type { Context } from '../cli.ts';
import { ManifestError, parseManifests, type LoadedObject } from '../manifests.ts';
import { formatGoDuration, parseDuration } from '../print/duration.ts';
import { parseSelector, SelectorError } from '../selector.ts';
import { UserError } from '../session.ts';
import { formatSimTime } from './chart.ts';
import { packageFile } from './packageFiles.ts';
import {
  compileScenario,
  dsKey,
  poolNodeName,
  ScenarioError,
  stringifyScenario,
  type NodePool,
  type Scenario,
  type ScenarioDocument,
} from './format.ts';
import { checkProperty, describeProperty, type Property, type PropertyViolation } from './properties.ts';
import { runScenario } from './runner.ts';
import { SCENARIO_SCHEMA, validateAgainstSchema, type Path, type SchemaNode } from './schema.ts';
import type { RunResult } from './types.ts';

// ---- the `spec.explore` section ---------------------------------------------------------------------

/** The kinds of churn explore generates: the timeline's own action names. */
export const EXPLORE_EVENTS = [
  'addNodes',
  'removeNodes',
  'failNodes',
  'recoverNodes',
  'taint',
  'untaint',
  'label',
  'unlabel',
  'cordon',
  'uncordon',
  'updateDaemonSet',
] as const;

/** One kind of generated churn. */
export type ExploreEvent = (typeof EXPLORE_EVENTS)[number];

const $defs = SCENARIO_SCHEMA.$defs!;

/**
 * The schema of `spec.explore`. The scenario schema (schema.ts) does not know this section yet, so explore validates it
 * here and removes it before compiling the rest; format.ts could adopt this node as `spec.properties.explore`.
 */
export const EXPLORE_SCHEMA: SchemaNode = {
  type: 'object',
  description: 'How `dsim explore` searches for churn that breaks a property. `dsim run` ignores the timeline churn it generates.',
  additionalProperties: false,
  required: ['property'],
  properties: {
    runs: { type: 'integer', minimum: 1, description: 'Random churn sequences to try (default 100; --runs overrides).' },
    horizon: { $ref: '#/$defs/duration', description: 'How long each run lasts (default: spec.duration, else 30m).' },
    maxSteps: { type: 'integer', minimum: 1, description: 'At most this many churn steps per run (default 8).' },
    pools: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Node pools churn may touch (default: all).' },
    events: {
      type: 'array',
      minItems: 1,
      items: { type: 'string', enum: EXPLORE_EVENTS },
      description: 'Kinds of churn to generate (default: all that apply).',
    },
    taints: { type: 'array', items: { $ref: '#/$defs/taint' }, description: 'Taints churn may put on nodes (default: the taints of the node pools).' },
    labels: { $ref: '#/$defs/stringMap', description: 'Labels churn may set on nodes (default: the node pools\' labels).' },
    daemonSets: {
      type: 'array',
      items: { $ref: '#/$defs/daemonSetRef' },
      description: 'DaemonSets whose template churn may update (default: the property\'s DaemonSet).',
    },
    property: {
      type: 'object',
      description: 'The property to break.',
      additionalProperties: false,
      properties: {
        everyReadyNodeRunsPod: {
          type: 'object',
          description: 'Every Ready node the DaemonSet selects runs one of its pods, give or take `within`.',
          additionalProperties: false,
          required: ['daemonSet', 'within'],
          properties: {
            daemonSet: { $ref: '#/$defs/daemonSetRef' },
            within: { $ref: '#/$defs/duration', description: 'How long a node may be without a running pod.' },
            eligible: {
              type: 'string',
              enum: ['selector', 'placement'],
              default: 'selector',
              description: "selector: nodes the template's nodeSelector and node affinity select, taints ignored; placement: also apply taints.",
            },
            nodeSelector: { type: 'string', minLength: 1, description: 'Only nodes matching this label selector, e.g. "dsim.dev/pool=gpu".' },
          },
        },
        maxUnavailable: {
          type: 'object',
          description: 'During rollouts, unavailable pods (desired − available) stay at or under a bound.',
          additionalProperties: false,
          required: ['daemonSet'],
          properties: {
            daemonSet: { $ref: '#/$defs/daemonSetRef' },
            atMost: {
              anyOf: [{ type: 'integer', minimum: 0 }, { $ref: '#/$defs/percent' }],
              description: "A number or a percentage of desired (default: the DaemonSet's maxUnavailable).",
              errorMessage: 'must be a number or a percentage such as "10%"',
            },
          },
        },
        rolloutFinishesWithin: {
          type: 'object',
          description: 'Every rollout finishes within a time of the template change that started it.',
          additionalProperties: false,
          required: ['daemonSet', 'within'],
          properties: { daemonSet: { $ref: '#/$defs/daemonSetRef' }, within: { $ref: '#/$defs/duration' } },
        },
      },
      oneOf: [{ required: ['everyReadyNodeRunsPod'] }, { required: ['maxUnavailable'] }, { required: ['rolloutFinishesWithin'] }],
      errorMessage: 'must have exactly one property: everyReadyNodeRunsPod, maxUnavailable, rolloutFinishesWithin',
    },
  },
};

/** `spec.explore`, compiled. */
export interface ExploreSpec {
  readonly runs: number;
  readonly horizon: number;
  readonly maxSteps: number;
  readonly pools: readonly string[];
  readonly events: readonly ExploreEvent[];
  readonly taints: readonly Taint[];
  readonly labels: readonly (readonly [string, string])[];
  readonly daemonSets: readonly string[];
  readonly property: Property;
}

/** The annotation a counterexample keeps its property in (annotations are free-form, so `dsim run` accepts it). */
export const PROPERTY_ANNOTATION = 'dsim.dev/explore-property';

/** The annotation the template updates explore generates change (any change of the template starts a rollout). */
export const REVISION_ANNOTATION = 'dsim.dev/explore-revision';

type Obj = Readonly<Record<string, unknown>>;

// ---- loading -----------------------------------------------------------------------------------------

/** A scenario file prepared for exploration: the compiled base (no timeline, churn or checks) and its explore section. */
export interface ExploreTarget {
  readonly path: string;
  readonly base: Scenario;
  readonly document: ScenarioDocument;
  readonly explore: ExploreSpec;
  readonly locate: (path: Path) => number;
}

function located(source: string, locate: (p: Path) => number, path: Path, message: string): ScenarioError {
  return new ScenarioError(`${source}:${locate(path)}: ${message}`);
}

function parseDocument(path: string, text: string): LoadedObject {
  let docs: LoadedObject[];
  try {
    docs = parseManifests(text, path);
  } catch (e) {
    if (e instanceof ManifestError) throw new ScenarioError(e.message);
    throw e;
  }
  if (docs.length !== 1) throw new ScenarioError(`${path}: a scenario file holds one Scenario document, found ${docs.length}`);
  return docs[0]!;
}

function durationOf(source: string, locate: (p: Path) => number, path: Path, v: unknown): number {
  try {
    const ms = parseDuration(String(v));
    if (!Number.isSafeInteger(ms) || ms <= 0) throw new Error('must be a whole, positive number of milliseconds');
    return ms;
  } catch (e) {
    throw located(source, locate, path, `Invalid value: "${String(v)}": ${(e as Error).message}`);
  }
}

/** Reads a scenario with a `spec.explore` section; the rest must be a valid scenario. */
export function loadExploreTarget(path: string): ExploreTarget {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new ScenarioError(`the path "${path}" does not exist`);
    throw e;
  }
  return parseExploreTarget(text, path);
}

/** As {@link loadExploreTarget}, from text; `source` anchors relative manifest paths. */
export function parseExploreTarget(text: string, source: string): ExploreTarget {
  const doc = parseDocument(source, text);
  const locate = (p: Path) => doc.locate(p.map(String));
  const raw = doc.object as unknown as { spec?: Obj & { explore?: unknown } };
  const exploreRaw = raw.spec?.explore;
  if (exploreRaw === undefined) {
    throw located(source, locate, ['spec'], 'Required value: spec.explore: say what to search for, e.g. explore: {property: {everyReadyNodeRunsPod: {daemonSet: NAME, within: 2m}}}');
  }
  const violation = validateAgainstSchema(exploreRaw, { ...EXPLORE_SCHEMA, $defs });
  if (violation !== undefined) {
    const p: Path = ['spec', 'explore', ...violation.path];
    const field = ['spec.explore', violation.error.field].filter((s) => s !== '').join('.');
    if (violation.unknownField === true) throw located(source, locate, p, `unknown field "${field}"`);
    throw located(source, locate, p, formatFieldError({ ...violation.error, field }));
  }
  // The rest is an ordinary scenario; what explore replaces (the timeline, churn and checks) is dropped.
  const { explore: _, timeline: _t, churn: _c, expectations: _e, checkpoints: _k, ...spec } = raw.spec as Obj;
  const document = { ...(doc.object as unknown as ScenarioDocument), spec } as ScenarioDocument;
  const base = compileScenario(document, { source, baseDir: dirname(source), locate });
  const explore = compileExplore(exploreRaw as Obj, base, source, locate);
  return { path: source, base, document, explore, locate };
}

function daemonSetsOf(s: Scenario): Map<string, DaemonSet> {
  const out = new Map<string, DaemonSet>();
  for (const m of s.manifests) {
    const o = m.object;
    if (o.apiVersion === 'apps/v1' && o.kind === 'DaemonSet') {
      const ds = o as unknown as DaemonSet;
      out.set(`${ds.metadata?.namespace ?? 'default'}/${ds.metadata?.name}`, ds);
    }
  }
  return out;
}

function compileExplore(e: Obj, base: Scenario, source: string, locate: (p: Path) => number): ExploreSpec {
  const P: Path = ['spec', 'explore'];
  const fail = (path: Path, message: string) => located(source, locate, [...P, ...path], message);
  const daemonSets = daemonSetsOf(base);
  const knownDs = (path: Path, ref: string): string => {
    const key = dsKey(ref);
    if (!daemonSets.has(key)) throw fail(path, `Not found: "${ref}": no DaemonSet ${key} among spec.manifests`);
    return key;
  };
  const p = e['property'] as Obj;
  let property: Property;
  if (p['everyReadyNodeRunsPod'] !== undefined) {
    const o = p['everyReadyNodeRunsPod'] as Obj;
    const q: Path = ['property', 'everyReadyNodeRunsPod'];
    let nodeSelector;
    if (o['nodeSelector'] !== undefined) {
      try {
        nodeSelector = parseSelector(o['nodeSelector'] as string);
      } catch (err) {
        if (err instanceof SelectorError) throw fail([...q, 'nodeSelector'], `Invalid value: "${String(o['nodeSelector'])}": ${err.message}`);
        throw err;
      }
    }
    property = {
      kind: 'EveryReadyNodeRunsPod',
      daemonSet: knownDs([...q, 'daemonSet'], o['daemonSet'] as string),
      within: durationOf(source, locate, [...P, ...q, 'within'], o['within']),
      eligible: (o['eligible'] as 'selector' | 'placement' | undefined) ?? 'selector',
      ...(nodeSelector !== undefined ? { nodeSelector } : {}),
    };
  } else if (p['maxUnavailable'] !== undefined) {
    const o = p['maxUnavailable'] as Obj;
    property = {
      kind: 'UnavailableWithinBudget',
      daemonSet: knownDs(['property', 'maxUnavailable', 'daemonSet'], o['daemonSet'] as string),
      ...(o['atMost'] !== undefined ? { maxUnavailable: o['atMost'] as number | string } : {}),
    };
  } else {
    const o = p['rolloutFinishesWithin'] as Obj;
    const q: Path = ['property', 'rolloutFinishesWithin'];
    property = {
      kind: 'RolloutFinishes',
      daemonSet: knownDs([...q, 'daemonSet'], o['daemonSet'] as string),
      within: durationOf(source, locate, [...P, ...q, 'within'], o['within']),
    };
  }
  const allPools = base.nodePools.map((x) => x.name);
  const pools = (e['pools'] as string[] | undefined) ?? allPools;
  pools.forEach((name, i) => {
    if (!allPools.includes(name)) throw fail(['pools', i], `Not found: "${name}": no such node pool in spec.nodePools`);
  });
  const chosen = base.nodePools.filter((x) => pools.includes(x.name));
  const taints = (e['taints'] as Taint[] | undefined) ?? uniqueTaints(base.nodePools.flatMap((x) => x.taints));
  const labels: [string, string][] = Object.entries((e['labels'] as Record<string, string> | undefined) ?? Object.assign({}, ...base.nodePools.map((x) => x.labels)) as Record<string, string>);
  const dsList = ((e['daemonSets'] as string[] | undefined) ?? [property.daemonSet]).map((d, i) => knownDs(['daemonSets', i], d));
  const horizon = e['horizon'] !== undefined ? durationOf(source, locate, [...P, 'horizon'], e['horizon']) : (base.duration ?? 30 * 60_000);
  // Kinds that cannot do anything here are left out, so no run is spent on them.
  const applicable = (k: ExploreEvent): boolean => {
    if (k === 'updateDaemonSet') return dsList.length > 0;
    if (chosen.length === 0) return false;
    if (k === 'taint' || k === 'untaint') return taints.length > 0;
    if (k === 'label' || k === 'unlabel') return labels.length > 0;
    return true;
  };
  const events = ((e['events'] as ExploreEvent[] | undefined) ?? [...EXPLORE_EVENTS]).filter(applicable);
  if (events.length === 0) throw fail(['events'], 'Invalid value: no kind of churn applies (no node pools to churn, no taints or labels to use)');
  return {
    runs: (e['runs'] as number | undefined) ?? 100,
    horizon,
    maxSteps: (e['maxSteps'] as number | undefined) ?? 8,
    pools,
    events,
    taints,
    labels,
    daemonSets: dsList,
    property,
  };
}

function uniqueTaints(taints: readonly Taint[]): Taint[] {
  const seen = new Map<string, Taint>();
  for (const t of taints) seen.set(`${t.key}=${t.value ?? ''}:${t.effect}`, { key: t.key, ...(t.value !== undefined ? { value: t.value } : {}), effect: t.effect });
  return [...seen.values()];
}

// ---- generated churn ------------------------------------------------------------------------------------

/**
 * What fast-check generates and shrinks: a kind, a time in whole seconds, and small numbers that pick the pool, the
 * node and the variant (taint, label, DaemonSet, failure mode). Shrinking moves towards fewer, earlier steps and the
 * first choices; {@link concretize} turns the numbers into named nodes.
 */
export interface AbstractStep {
  readonly second: number;
  readonly kind: ExploreEvent;
  readonly pool: number;
  readonly pick: number;
  readonly variant: number;
}

/** A concrete churn step, as the counterexample's timeline holds it. */
export type ChurnStep = { readonly at: number } & (
  | { readonly kind: 'addNodes'; readonly pool: string; readonly node: string }
  | { readonly kind: 'removeNodes' | 'recoverNodes' | 'cordon' | 'uncordon'; readonly node: string }
  | { readonly kind: 'failNodes'; readonly node: string; readonly mode: 'NotReady' | 'Unreachable' }
  | { readonly kind: 'taint'; readonly node: string; readonly taint: Taint }
  | { readonly kind: 'untaint'; readonly node: string; readonly taint: Taint }
  | { readonly kind: 'label'; readonly node: string; readonly key: string; readonly value: string }
  | { readonly kind: 'unlabel'; readonly node: string; readonly key: string }
  | { readonly kind: 'updateDaemonSet'; readonly daemonSet: string; readonly revision: number }
);

/** The fast-check arbitrary of churn sequences for a target. */
export function churnArbitrary(spec: ExploreSpec, pools: number): fc.Arbitrary<AbstractStep[]> {
  // Churn stops early enough for a violation it causes to show within the run.
  const settle = spec.property.kind === 'UnavailableWithinBudget' ? 0 : spec.property.within;
  const last = Math.max(1, Math.floor((spec.horizon - Math.min(settle, spec.horizon / 2)) / 1000));
  const step = fc.record({
    second: fc.integer({ min: 1, max: last }),
    kind: fc.constantFrom(...spec.events),
    pool: fc.nat({ max: Math.max(0, pools - 1) }),
    pick: fc.nat({ max: 63 }),
    variant: fc.nat({ max: 15 }),
  });
  return fc.array(step, { minLength: 1, maxLength: spec.maxSteps });
}

const taintId = (t: Taint) => `${t.key}:${t.effect}`;

/**
 * Turns abstract steps into named ones by following the cluster's node list as the steps change it (the timeline is
 * fixed, so this bookkeeping is exact). Steps that cannot apply (recovering when nothing failed) are dropped.
 */
export function concretize(steps: readonly AbstractStep[], spec: ExploreSpec, pools: readonly NodePool[]): ChurnStep[] {
  const chosen = pools.filter((p) => spec.pools.includes(p.name));
  const nodes = new Map(chosen.map((p) => [p.name, Array.from({ length: p.count }, (_, i) => poolNodeName(p, i + 1))]));
  const next = new Map(chosen.map((p) => [p.name, p.count + 1]));
  const failed = new Set<string>();
  const cordoned = new Set<string>();
  const taints = new Map<string, Taint[]>(); // taints explore put on, by node
  const labels = new Map<string, Set<string>>(); // label keys explore set, by node
  for (const p of chosen) for (const n of nodes.get(p.name)!) taints.set(n, p.taints.map((t) => ({ ...t })));
  const revisions = new Map<string, number>();
  const out: ChurnStep[] = [];
  const ordered = steps.map((s, i) => [s, i] as const).sort((a, b) => a[0].second - b[0].second || a[1] - b[1]);
  for (const [s] of ordered) {
    const at = s.second * 1000;
    const pool = chosen[s.pool % Math.max(1, chosen.length)];
    const inPool = pool === undefined ? [] : nodes.get(pool.name)!;
    const pickFrom = (candidates: readonly string[]) => (candidates.length === 0 ? undefined : candidates[s.pick % candidates.length]);
    switch (s.kind) {
      case 'addNodes': {
        if (pool === undefined) break;
        let n = next.get(pool.name)!;
        let name = poolNodeName(pool, n);
        while (taints.has(name)) name = poolNodeName(pool, ++n);
        next.set(pool.name, n + 1);
        inPool.push(name);
        taints.set(name, pool.taints.map((t) => ({ ...t })));
        out.push({ at, kind: 'addNodes', pool: pool.name, node: name });
        break;
      }
      case 'removeNodes': {
        const node = pickFrom(inPool);
        if (node === undefined) break;
        inPool.splice(inPool.indexOf(node), 1);
        failed.delete(node);
        cordoned.delete(node);
        labels.delete(node);
        out.push({ at, kind: 'removeNodes', node });
        break;
      }
      case 'failNodes': {
        const node = pickFrom(inPool.filter((n) => !failed.has(n)));
        if (node === undefined) break;
        failed.add(node);
        out.push({ at, kind: 'failNodes', node, mode: s.variant % 2 === 0 ? 'NotReady' : 'Unreachable' });
        break;
      }
      case 'recoverNodes': {
        const node = pickFrom(inPool.filter((n) => failed.has(n)));
        if (node === undefined) break;
        failed.delete(node);
        out.push({ at, kind: 'recoverNodes', node });
        break;
      }
      case 'cordon':
      case 'uncordon': {
        const node = pickFrom(inPool.filter((n) => cordoned.has(n) === (s.kind === 'uncordon')));
        if (node === undefined) break;
        if (s.kind === 'cordon') cordoned.add(node);
        else cordoned.delete(node);
        out.push({ at, kind: s.kind, node });
        break;
      }
      case 'taint': {
        const taint = spec.taints[s.variant % spec.taints.length]!;
        const node = pickFrom(inPool.filter((n) => !taints.get(n)!.some((t) => taintId(t) === taintId(taint))));
        if (node === undefined) break;
        taints.get(node)!.push(taint);
        out.push({ at, kind: 'taint', node, taint });
        break;
      }
      case 'untaint': {
        const node = pickFrom(inPool.filter((n) => taints.get(n)!.length > 0));
        if (node === undefined) break;
        const list = taints.get(node)!;
        const taint = list[s.variant % list.length]!;
        list.splice(list.indexOf(taint), 1);
        out.push({ at, kind: 'untaint', node, taint });
        break;
      }
      case 'label': {
        const [key, value] = spec.labels[s.variant % spec.labels.length]!;
        const node = pickFrom(inPool);
        if (node === undefined) break;
        let keys = labels.get(node);
        if (keys === undefined) labels.set(node, (keys = new Set()));
        keys.add(key);
        out.push({ at, kind: 'label', node, key, value });
        break;
      }
      case 'unlabel': {
        const node = pickFrom(inPool.filter((n) => (labels.get(n)?.size ?? 0) > 0));
        if (node === undefined) break;
        const keys = [...labels.get(node)!];
        const key = keys[s.variant % keys.length]!;
        labels.get(node)!.delete(key);
        out.push({ at, kind: 'unlabel', node, key });
        break;
      }
      case 'updateDaemonSet': {
        const daemonSet = spec.daemonSets[s.variant % spec.daemonSets.length]!;
        const revision = (revisions.get(daemonSet) ?? 0) + 1;
        revisions.set(daemonSet, revision);
        out.push({ at, kind: 'updateDaemonSet', daemonSet, revision });
        break;
      }
    }
  }
  return out;
}

const taintText = (t: Taint) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;

/** A step in words, for the story. */
export function describeStep(s: ChurnStep): string {
  switch (s.kind) {
    case 'addNodes':
      return `node ${s.node} joins pool ${s.pool}`;
    case 'removeNodes':
      return `node ${s.node} is removed`;
    case 'failNodes':
      return `node ${s.node}'s kubelet fails (${s.mode})`;
    case 'recoverNodes':
      return `node ${s.node}'s kubelet recovers`;
    case 'cordon':
      return `node ${s.node} is cordoned`;
    case 'uncordon':
      return `node ${s.node} is uncordoned`;
    case 'taint':
      return `node ${s.node} is tainted ${taintText(s.taint)}`;
    case 'untaint':
      return `taint ${taintText(s.taint)} is removed from node ${s.node}`;
    case 'label':
      return `node ${s.node} is labelled ${s.key}=${s.value}`;
    case 'unlabel':
      return `label ${s.key} is removed from node ${s.node}`;
    case 'updateDaemonSet':
      return `the pod template of ${s.daemonSet} changes (revision ${s.revision + 1}: a rollout starts)`;
  }
}

/** A step as a timeline entry of the scenario format. */
function timelineEntry(s: ChurnStep): Record<string, unknown> {
  const at = formatGoDuration(s.at);
  const names = 'node' in s ? [s.node] : [];
  const base = { at, description: describeStep(s) };
  switch (s.kind) {
    case 'addNodes':
      return { ...base, addNodes: { pool: s.pool, names } };
    case 'removeNodes':
    case 'recoverNodes':
    case 'cordon':
    case 'uncordon':
      return { ...base, [s.kind]: { names } };
    case 'failNodes':
      return { ...base, failNodes: { names, mode: s.mode } };
    case 'taint':
      return { ...base, taint: { names, taints: [s.taint] } };
    case 'untaint':
      return { ...base, untaint: { names, taints: [{ key: s.taint.key, effect: s.taint.effect }] } };
    case 'label':
      return { ...base, label: { names, labels: { [s.key]: s.value } } };
    case 'unlabel':
      return { ...base, unlabel: { names, keys: [s.key] } };
    case 'updateDaemonSet': {
      const [namespace, name] = s.daemonSet.split('/') as [string, string];
      return {
        ...base,
        updateDaemonSet: { namespace, name, template: { metadata: { annotations: { [REVISION_ANNOTATION]: String(s.revision) } } } },
      };
    }
  }
}

/** The scenario document of one churn sequence over the target's cluster. */
export function churnDocument(target: ExploreTarget, steps: readonly ChurnStep[]): ScenarioDocument {
  return {
    ...target.document,
    spec: { ...target.document.spec, duration: formatGoDuration(target.explore.horizon), timeline: steps.map(timelineEntry) },
  };
}

// ---- running and checking --------------------------------------------------------------------------------

/** A churn sequence's run and what the property said about it. */
export interface Trial {
  readonly steps: readonly ChurnStep[];
  readonly result: RunResult;
  readonly violation: PropertyViolation | undefined;
}

/** Runs one churn sequence through the ordinary scenario compiler and runner, and checks the property. */
export async function runTrial(target: ExploreTarget, steps: readonly ChurnStep[]): Promise<Trial> {
  const scenario = compileScenario(churnDocument(target, steps), { source: target.path, baseDir: dirname(target.path) });
  const result = await runScenario(scenario, {});
  return { steps, result, violation: checkProperty(target.explore.property, result.events, result.endedAt) };
}

/** What a search found. */
export interface ExploreOutcome {
  /** Runs tried before the first failure (or in all). */
  readonly runs: number;
  readonly shrinks: number;
  /** The shrunk counterexample, if the property failed. */
  readonly counterexample?: Trial;
  readonly seed: number;
}

/** Options of a search. */
export interface ExploreOptions {
  readonly runs?: number;
  /** fast-check's seed: the same seed tries the same sequences. */
  readonly seed?: number;
}

/** Searches churn sequences for one that breaks the property, and shrinks it. */
export async function explore(target: ExploreTarget, options: ExploreOptions = {}): Promise<ExploreOutcome> {
  const seed = options.seed ?? (typeof target.base.seed === 'number' ? target.base.seed : 1);
  const pools = target.base.nodePools.filter((p) => target.explore.pools.includes(p.name));
  // Different abstract steps often name the same concrete churn: run each once.
  const cache = new Map<string, Promise<Trial>>();
  const trial = (abstract: readonly AbstractStep[]) => {
    const steps = concretize(abstract, target.explore, pools);
    const key = JSON.stringify(steps);
    let t = cache.get(key);
    if (t === undefined) cache.set(key, (t = runTrial(target, steps)));
    return t;
  };
  const details = await fc.check(
    fc.asyncProperty(churnArbitrary(target.explore, pools.length), async (abstract) => (await trial(abstract)).violation === undefined),
    { numRuns: options.runs ?? target.explore.runs, seed },
  );
  if (details.errorInstance !== undefined && details.failed && details.counterexample === null) throw details.errorInstance;
  if (!details.failed || details.counterexample === null) return { runs: details.numRuns, shrinks: 0, seed };
  // fast-check's array shrinker drops elements from the front only; finish the job by dropping any single step
  // that is not needed, until every remaining step is. That may be all of them: a property the scenario breaks
  // without any churn (a rollout slower than `within`) is shown so, not pinned on a step that happened to run.
  let [abstract] = details.counterexample;
  let shrinks = details.numShrinks;
  for (let i = 0; i < abstract.length; ) {
    const without = abstract.filter((_, j) => j !== i);
    if ((await trial(without)).violation !== undefined) {
      abstract = without;
      shrinks++;
      i = 0;
    } else i++;
  }
  const counterexample = await trial(abstract);
  if (counterexample.violation === undefined) throw new Error('explore: the shrunk counterexample no longer fails (the run is not deterministic?)');
  return { runs: details.numRuns, shrinks, counterexample, seed };
}

// ---- the counterexample file ---------------------------------------------------------------------------

/** The story of a counterexample in a few lines. */
export function story(property: Property, trial: Trial): string[] {
  const lines = trial.steps.map((s) => `${formatSimTime(s.at).padStart(8)}  ${describeStep(s)}`);
  if (lines.length === 0) lines.push(`${formatSimTime(0).padStart(8)}  no churn: the scenario breaks the property as it is`);
  const v = trial.violation;
  if (v !== undefined) lines.push(`${formatSimTime(v.at).padStart(8)}  ✗ ${v.message}`);
  return [`property: ${describeProperty(property)}`, ...lines];
}

/** The property in the form the scenario format checks, where it has one (so `dsim run` fails too). */
function propertyExpectation(target: ExploreTarget, violation: PropertyViolation): Record<string, unknown> | undefined {
  const p = target.explore.property;
  if (p.kind === 'RolloutFinishes') {
    return { description: describeProperty(p), rolloutFinishedBy: { daemonSet: p.daemonSet, deadline: formatGoDuration(violation.at) } };
  }
  if (p.kind === 'UnavailableWithinBudget') {
    let atMost = p.maxUnavailable;
    if (atMost === undefined) {
      const ds = daemonSetsOf(target.base).get(p.daemonSet);
      const ru = ds === undefined ? undefined : defaultDaemonSet(ds).spec?.updateStrategy?.rollingUpdate;
      atMost = ru?.maxUnavailable ?? 1;
    }
    return { description: describeProperty(p), maxUnavailable: { daemonSet: p.daemonSet, atMost, during: 'rollout' } };
  }
  return undefined;
}

/**
 * The counterexample as scenario text: the explored cluster, the churn as a fixed timeline, checkpoints at the failure,
 * the property in an annotation (and as an expectation where the format has one). Manifest paths are rewritten
 * relative to where the file goes.
 */
export function counterexampleText(target: ExploreTarget, trial: Trial, outPath: string, shownPath: string = outPath): string {
  const v = trial.violation!;
  const doc = churnDocument(target, trial.steps);
  const fromDir = dirname(resolve(target.path));
  const toDir = dirname(resolve(outPath));
  const manifests = doc.spec.manifests?.map((m) => (typeof m === 'string' && !isAbsolute(m) ? relativePath(toDir, join(fromDir, m)) : m));
  const expectation = propertyExpectation(target, v);
  const name = `${target.base.name}-counterexample`.slice(0, 63).replace(/-+$/, '');
  const p = target.explore.property;
  const document: ScenarioDocument = {
    ...doc,
    metadata: {
      ...doc.metadata,
      name,
      annotations: { ...doc.metadata.annotations, [PROPERTY_ANNOTATION]: JSON.stringify(p) },
    },
    spec: {
      ...doc.spec,
      ...(manifests !== undefined ? { manifests } : {}),
      checkpoints: [
        { at: formatGoDuration(v.at), get: 'nodes' },
        { at: formatGoDuration(v.at), get: 'pods -A -o wide' },
      ],
      ...(expectation !== undefined ? { expectations: [expectation] } : {}),
    },
  };
  const schema = relativePath(toDir, fileURLToPath(packageFile('schema/scenario.schema.json')));
  const header = [
    `# A counterexample found by dsim explore from ${relativePath(toDir, resolve(target.path))} (seed ${String(target.base.seed)}).`,
    ...story(p, trial).map((l) => `#   ${l}`),
    `# Replay it with: dsim run ${shownPath}`,
    `# Check the property on the replay with: dsim explore ${shownPath}`,
  ];
  const body = stringifyScenario(document, schema);
  // The schema modeline stays the first line, where editors look for it.
  const [modeline, ...rest] = body.split('\n');
  return [modeline, ...header, ...rest].join('\n');
}

function relativePath(from: string, to: string): string {
  const r = relative(from, to);
  return r === '' ? '.' : r.startsWith('.') || isAbsolute(r) ? r : `./${r}`.replace(/^\.\/(?=[^.])/, '');
}

/** The property a counterexample file records, if it is one. */
export function recordedProperty(scenario: Scenario): Property | undefined {
  const json = scenario.document.metadata.annotations?.[PROPERTY_ANNOTATION];
  if (json === undefined) return undefined;
  const bad = (why: string) =>
    new ScenarioError(`${scenario.where(['metadata', 'annotations', PROPERTY_ANNOTATION])}: metadata.annotations[${PROPERTY_ANNOTATION}]: ${why} (dsim explore writes it; remove it to run the file as an ordinary scenario)`);
  let p: unknown;
  try {
    p = JSON.parse(json);
  } catch (e) {
    throw bad(`Invalid value: not JSON: ${(e as Error).message}`);
  }
  const o = p as { kind?: unknown; daemonSet?: unknown; within?: unknown };
  if (typeof p !== 'object' || p === null || typeof o.daemonSet !== 'string') throw bad('Invalid value: not a property with a daemonSet');
  if (o.kind !== 'EveryReadyNodeRunsPod' && o.kind !== 'UnavailableWithinBudget' && o.kind !== 'RolloutFinishes') {
    throw bad(`Unsupported value: ${JSON.stringify(o.kind)}: supported values: "EveryReadyNodeRunsPod", "UnavailableWithinBudget", "RolloutFinishes"`);
  }
  if (o.kind !== 'UnavailableWithinBudget' && typeof o.within !== 'number') throw bad(`Invalid value: ${o.kind} needs "within" in milliseconds`);
  return p as Property;
}

/** Replays a counterexample file with the ordinary runner and checks the property it records. */
export async function replayCounterexample(scenario: Scenario): Promise<{ property: Property; result: RunResult; violation: PropertyViolation | undefined }> {
  const property = recordedProperty(scenario);
  if (property === undefined) throw new ScenarioError(`${scenario.source}: neither spec.explore nor a ${PROPERTY_ANNOTATION} annotation: nothing to explore or check`);
  const result = await runScenario(scenario, {});
  return { property, result, violation: checkProperty(property, result.events, result.endedAt) };
}

// ---- the command ------------------------------------------------------------------------------------

/** `dsim explore SCENARIO [--runs N] [--seed N] [--out FILE]`. */
export async function exploreCommand(ctx: Context): Promise<number> {
  const [path, ...extra] = ctx.args.positional;
  if (path === undefined) throw new UserError('error: dsim explore needs a scenario file with a spec.explore section: dsim explore SCENARIO');
  if (extra.length > 0) throw new UserError(`error: unexpected arguments: ${extra.join(' ')}`);
  const file = isAbsolute(path) ? path : join(ctx.io.cwd, path);
  const number = (name: string): number | undefined => {
    const v = flag(ctx.args, name);
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v) || (name === 'runs' && Number(v) < 1)) throw new UserError(`error: invalid --${name} "${v}": expected a ${name === 'runs' ? 'positive' : 'whole'} number`);
    return Number(v);
  };
  const runs = number('runs');
  const seed = number('seed');
  const outFlag = flag(ctx.args, 'out') ?? 'counterexample.yaml';
  const out = isAbsolute(outFlag) ? outFlag : join(ctx.io.cwd, outFlag);
  try {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new UserError(`error: the path "${path}" does not exist`);
      throw e;
    }
    const raw = parseDocument(file, text).object as unknown as { spec?: { explore?: unknown } };
    if (raw.spec?.explore === undefined) {
      // A counterexample (or any scenario carrying the annotation): replay it and check its property.
      const { loadScenario } = await import('./format.ts');
      const { property, violation } = await replayCounterexample(loadScenario(file));
      if (violation === undefined) {
        ctx.io.stdout(`property holds on the replay of ${path}: ${describeProperty(property)}\n`);
        return 0;
      }
      ctx.io.stdout(`property fails on the replay of ${path} at ${formatSimTime(violation.at)}: ${violation.message}\n`);
      return 1;
    }
    const target = parseExploreTarget(text, file);
    const started = performance.now();
    const outcome = await explore(target, { ...(runs !== undefined ? { runs } : {}), ...(seed !== undefined ? { seed } : {}) });
    const took = ((performance.now() - started) / 1000).toFixed(1);
    const property = target.explore.property;
    if (outcome.counterexample === undefined) {
      ctx.io.stdout(
        `No counterexample in ${outcome.runs} runs (seed ${outcome.seed}, ${took}s): ${describeProperty(property)}.\n` +
          'Try more runs (--runs), another seed (--seed), a longer horizon or more steps (spec.explore).\n',
      );
      return 0;
    }
    writeFileSync(out, counterexampleText(target, outcome.counterexample, out, outFlag));
    const lines = story(property, outcome.counterexample);
    ctx.io.stdout(
      `Counterexample found after ${outcome.runs} run${outcome.runs === 1 ? '' : 's'} and shrunk in ${outcome.shrinks} step${outcome.shrinks === 1 ? '' : 's'} (seed ${outcome.seed}, ${took}s):\n` +
        `  ${lines.join('\n  ')}\n` +
        `Wrote ${outFlag}; replay it with "dsim run ${outFlag}", which checks the property too (exit 1 while it fails).\n`,
    );
    return 1;
  } catch (e) {
    if (e instanceof ScenarioError) throw e.userError(ctx.io.cwd);
    throw e;
  }
}

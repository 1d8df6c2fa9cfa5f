// Scenario files: read a `kind: Scenario` document, check it against the schema and for meaning, load the manifests it
// names, and compile it to plain data the runner replays (times in ms, objects loaded). The only I/O is reading files here.

import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { stringify } from 'yaml';
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Namespace, Node, Pod, Taint } from 'kubernetes-types/core/v1';
import {
  applyDaemonSetUpdate,
  defaultNamespace,
  defaultNode,
  defaultPod,
  formatFieldError,
  initialState,
  parseQuantity,
  validateDaemonSet,
  decodeObject,
  decodedKindOf,
  withoutNulls,
  validateNamespace,
  validateNode,
  validatePod,
  type Distribution,
  type EngineConfigInput,
  type FieldError,
  type KubeObject,
} from '@dsim/core';
import { parseArgs, type FlagSpec, type ParsedArgs } from '../args.ts';
import { COMMANDS } from '../cli.ts';
import { renderGetOutput } from '../commands/read.ts';
import { loadManifests, ManifestError, parseManifests, type LoadedObject } from '../manifests.ts';
import { unmappedKind } from '../resources.ts';
import { formatGoDuration, parseDuration } from '../print/duration.ts';
import { parseSelector, SelectorError, type SelectorRequirement } from '../selector.ts';
import { UserError } from '../session.ts';
import { fieldPath, SCENARIO_SCHEMA, validateAgainstSchema, type Path } from './schema.ts';

/** The apiVersion of scenario files. */
export const SCENARIO_API_VERSION = 'dsim.dev/v1alpha1';

/** The label every generated node carries with its pool's name. */
export const POOL_LABEL = 'dsim.dev/pool';

/** The default zone label of node pools and zone outages. */
export const ZONE_LABEL = 'topology.kubernetes.io/zone';

/** Where the published schema lives, relative to the repository root (for `# yaml-language-server: $schema=`). */
export const SCHEMA_PATH = 'packages/scenarios/schema/scenario.schema.json';

/** A scenario that cannot be loaded or run: one line, `<file>:<line>: <field>: <problem>`, without kubectl's `error: `. */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';

  /** The command's error for it, `error: …`, paths under the working directory relative to it, as the user typed them. */
  userError(cwd: string): UserError {
    return new UserError(`error: ${this.message.split(`${cwd}${sep}`).join('')}`);
  }
}

// ---- the document, as written ---------------------------------------------------------------------

/** A scenario file's content, as written (durations as Go-style strings). See schema.ts for every field. */
export interface ScenarioDocument {
  readonly apiVersion: typeof SCENARIO_API_VERSION;
  readonly kind: 'Scenario';
  readonly metadata: { readonly name: string; readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
  readonly spec: ScenarioSpecDocument;
}

/** The `spec` of a scenario file. */
export interface ScenarioSpecDocument {
  readonly seed?: number | string;
  readonly duration?: string;
  readonly latency?: Readonly<Record<string, unknown>>;
  readonly controller?: Readonly<Record<string, unknown>>;
  readonly nodeLifecycle?: Readonly<Record<string, string>>;
  readonly podGc?: Readonly<Record<string, string>>;
  readonly podsBecomeReady?: boolean;
  readonly manifests?: readonly (string | KubeObject)[];
  readonly nodePools?: readonly Readonly<Record<string, unknown>>[];
  readonly timeline?: readonly Readonly<Record<string, unknown>>[];
  readonly churn?: readonly Readonly<Record<string, unknown>>[];
  readonly checkpoints?: readonly Readonly<Record<string, unknown>>[];
  readonly expectations?: readonly Readonly<Record<string, unknown>>[];
}

// ---- the compiled scenario: plain data (structured-cloneable, so sweeps can hand it to workers) ----

/** An object to apply or delete, with where it was written. */
export interface ScenarioObject {
  readonly object: KubeObject;
  /** `file:line` of the object. */
  readonly where: string;
}

/** A pool of generated nodes. */
export interface NodePool {
  readonly name: string;
  readonly count: number;
  readonly namePrefix: string;
  /** Digits of the node number (zero-padded). */
  readonly digits: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  /** cpu, memory and pods (defaulted), and any other resource the pool names (nvidia.com/gpu, …). */
  readonly capacity: { readonly cpu: string; readonly memory: string; readonly pods: string; readonly [resource: string]: string };
  readonly zones: readonly string[];
  readonly zoneLabel: string;
}

/** Which nodes a node action applies to. */
export interface NodeTarget {
  readonly names?: readonly string[];
  readonly pool?: string;
  readonly selector?: readonly SelectorRequirement[];
  readonly cordoned?: boolean;
  readonly ready?: boolean;
  readonly count?: number;
  /** A fraction in [0, 1]. */
  readonly share?: number;
}

/** One thing a step (or a churn generator) does. */
export type Action =
  | { readonly kind: 'apply' | 'delete'; readonly objects: readonly ScenarioObject[] }
  | { readonly kind: 'addNodes'; readonly pool: string; readonly count: number; readonly names?: readonly string[] }
  | { readonly kind: 'removeNodes' | 'cordon' | 'uncordon' | 'recoverNodes'; readonly target: NodeTarget }
  | { readonly kind: 'label'; readonly target: NodeTarget; readonly labels: Readonly<Record<string, string>> }
  | { readonly kind: 'unlabel'; readonly target: NodeTarget; readonly keys: readonly string[] }
  | { readonly kind: 'taint'; readonly target: NodeTarget; readonly taints: readonly Taint[] }
  | { readonly kind: 'untaint'; readonly target: NodeTarget; readonly taints: readonly { readonly key: string; readonly effect?: string }[] }
  | { readonly kind: 'drain'; readonly target: NodeTarget; readonly gracePeriodSeconds?: number }
  | { readonly kind: 'failNodes'; readonly target: NodeTarget; readonly mode: 'NotReady' | 'Unreachable' }
  | {
      readonly kind: 'updateDaemonSet';
      readonly namespace: string;
      readonly name: string;
      readonly image?: string;
      readonly images?: Readonly<Record<string, string>>;
      readonly template?: Readonly<Record<string, unknown>>;
      readonly spec?: Readonly<Record<string, unknown>>;
    };

/** A timeline step at an absolute time. */
export interface TimelineStep {
  readonly at: number;
  readonly action: Action;
  /** `file:line`. */
  readonly where: string;
  /** `spec.timeline[2]`. */
  readonly field: string;
  readonly description?: string;
}

/** A churn generator. Rates are per ms. */
export type ChurnGenerator = (
  | { readonly kind: 'arrivals' | 'departures'; readonly pool: string; readonly rate: number; readonly process: 'poisson' | 'fixed'; readonly from: number; readonly to: number }
  | { readonly kind: 'spotReclaim'; readonly pool: string; readonly share?: number; readonly count?: number; readonly from: number; readonly to: number; readonly replaceAfter?: number }
  | { readonly kind: 'zoneOutage'; readonly zone: string; readonly zoneLabel: string; readonly mode: 'NotReady' | 'Unreachable'; readonly from: number; readonly to: number }
) & { readonly where: string; readonly field: string };

/** When something is checked or printed: a time in ms, or the end of the run. */
export type When = number | 'end';

/** A checkpoint: `dsim get` arguments printed at a time. */
export interface Checkpoint {
  readonly at: When;
  readonly argv: readonly string[];
  /** The parsed arguments, as [flag, values] pairs (a Map does not survive JSON). */
  readonly positional: readonly string[];
  readonly flags: readonly (readonly [string, readonly string[]])[];
  readonly where: string;
}

/** A status counter of a DaemonSet. */
export type Counter = 'desired' | 'current' | 'ready' | 'updated' | 'available' | 'misscheduled' | 'unavailable';

/** `available >= 4900` or `available == desired`. */
export interface Comparison {
  readonly counter: Counter;
  readonly op: '==' | '!=' | '>=' | '<=' | '>' | '<';
  readonly value: number | Counter;
}

/** An expectation. `text` is how messages name it. */
export type Expectation = (
  | { readonly kind: 'status'; readonly at: When; readonly daemonSet: string; readonly comparisons: readonly Comparison[] }
  | { readonly kind: 'rolloutFinishedBy'; readonly daemonSet: string; readonly deadline: number }
  | { readonly kind: 'invariant'; readonly at: When | 'always' }
  | { readonly kind: 'maxUnavailable'; readonly daemonSet: string; readonly atMost: number | { readonly percent: number }; readonly during: 'rollout' | 'always' }
) & { readonly text: string; readonly where: string; readonly description?: string };

/** A loaded, checked scenario, ready for runScenario. */
export interface Scenario {
  readonly name: string;
  /** The file it came from, as given (or a label for in-memory documents). */
  readonly source: string;
  /** The document as written, for tools that rewrite scenarios (explore). */
  readonly document: ScenarioDocument;
  readonly seed: number | string;
  readonly duration: number | undefined;
  readonly config: EngineConfigInput;
  /** Objects applied at time 0, in order (after the node pools' nodes). */
  readonly manifests: readonly ScenarioObject[];
  readonly nodePools: readonly NodePool[];
  /** Steps sorted by time (stable). */
  readonly timeline: readonly TimelineStep[];
  readonly churn: readonly ChurnGenerator[];
  readonly checkpoints: readonly Checkpoint[];
  readonly expectations: readonly Expectation[];
  /** `file:line` of a field of the document (e.g. `['metadata', 'annotations', KEY]`), for messages about it. */
  readonly where: (path: Path) => string;
}

// ---- loading --------------------------------------------------------------------------------------

/** Options for {@link parseScenario}. */
export interface ParseOptions {
  /** Directory manifest paths are relative to (default: the source file's directory). */
  readonly baseDir?: string;
}

/**
 * Reads and compiles a scenario file. Throws {@link ScenarioError} with a located one-line message. `source` is how
 * messages name the file (default: `path`); manifest paths are relative to the file's directory.
 */
export function loadScenario(path: string, options: { readonly source?: string } = {}): Scenario {
  const source = options.source ?? path;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ScenarioError(`the path "${source}" does not exist`);
    if (code === 'EISDIR') throw new ScenarioError(`${source} is a directory; dsim run takes one scenario file`);
    throw new ScenarioError(`open ${source}: ${(e as Error).message}`);
  }
  return parseScenario(text, source, { baseDir: dirname(path) });
}

/** Compiles scenario text; `source` names it in messages and anchors relative manifest paths. */
export function parseScenario(text: string, source: string, options: ParseOptions = {}): Scenario {
  let docs: LoadedObject[];
  try {
    docs = parseManifests(text, source);
  } catch (e) {
    if (e instanceof ManifestError) throw new ScenarioError(e.message);
    throw e;
  }
  if (docs.length === 0) throw new ScenarioError(`${source}: no Scenario found (the file holds no document)`);
  if (docs.length > 1) throw new ScenarioError(`${source}:${docs[1]!.line}: a scenario file holds one Scenario document, found ${docs.length}`);
  const doc = docs[0]!;
  return compileScenario(doc.object, {
    source,
    baseDir: options.baseDir ?? dirname(source),
    locate: (path) => doc.locate(path.map(String)),
  });
}

/** Options for {@link compileScenario}. */
export interface CompileOptions {
  readonly source?: string;
  readonly baseDir?: string;
  /** Line of a field, for messages; default: line 1 for everything. */
  readonly locate?: (path: Path) => number;
}

/** Checks and compiles a scenario document (already parsed, e.g. generated by a tool). */
export function compileScenario(document: unknown, options: CompileOptions = {}): Scenario {
  const source = options.source ?? '<scenario>';
  const ctx = new Compiler(source, options.baseDir ?? '.', options.locate ?? (() => 1));
  return ctx.compile(document);
}

/** The document as YAML, with the schema modeline editors use (explore writes counterexamples with it). */
export function stringifyScenario(document: ScenarioDocument, schemaPath: string = SCHEMA_PATH): string {
  return `# yaml-language-server: $schema=${schemaPath}\n${stringify(document, { lineWidth: 0 })}`;
}

// ---- durations, rates, shares -----------------------------------------------------------------------

const RATE_UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000 };

/** Kubernetes' counters, as dsim names them, to DaemonSet status fields. */
export const COUNTERS: readonly Counter[] = ['desired', 'current', 'ready', 'updated', 'available', 'misscheduled', 'unavailable'];

// ---- the compiler ------------------------------------------------------------------------------------

type Obj = Readonly<Record<string, unknown>>;

class Compiler {
  constructor(
    readonly source: string,
    readonly baseDir: string,
    readonly locate: (path: Path) => number,
  ) {}

  where(path: Path): string {
    return `${this.source}:${this.locate(path)}`;
  }

  fail(path: Path, error: FieldError): never {
    throw new ScenarioError(`${this.where(path)}: ${formatFieldError(error)}`);
  }

  invalid(path: Path, value: unknown, detail: string): never {
    return this.fail(path, { type: 'Invalid value', field: fieldPath(path), value, detail });
  }

  required(path: Path, detail = ''): never {
    return this.fail(path, { type: 'Required value', field: fieldPath(path), detail });
  }

  forbidden(path: Path, detail: string): never {
    return this.fail(path, { type: 'Forbidden', field: fieldPath(path), detail });
  }

  notFound(path: Path, value: unknown): never {
    return this.fail(path, { type: 'Not found', field: fieldPath(path), value, detail: '' });
  }

  /** A duration in ms (fractions allowed). The schema has checked the syntax. */
  duration(path: Path, v: unknown): number {
    try {
      return parseDuration(String(v));
    } catch (e) {
      return this.invalid(path, v, (e as Error).message);
    }
  }

  /** A simulated time: whole milliseconds. */
  time(path: Path, v: unknown): number {
    const ms = this.duration(path, v);
    if (!Number.isInteger(ms)) this.invalid(path, v, 'must be a whole number of milliseconds');
    if (!Number.isSafeInteger(ms)) this.invalid(path, v, 'is too long');
    return ms;
  }

  share(path: Path, v: unknown): number {
    const n = Number(String(v).slice(0, -1));
    if (n > 100) this.invalid(path, v, 'must be at most 100%');
    return n / 100;
  }

  compile(document: unknown): Scenario {
    const violation = validateAgainstSchema(document, SCENARIO_SCHEMA);
    if (violation !== undefined) {
      if (violation.unknownField === true) throw new ScenarioError(`${this.where(violation.path)}: unknown field "${fieldPath(violation.path)}"`);
      throw new ScenarioError(`${this.where(violation.path)}: ${formatFieldError(violation.error)}`);
    }
    const doc = document as ScenarioDocument;
    const spec = doc.spec;
    const S: Path = ['spec'];
    const nodePools = (spec.nodePools ?? []).map((p, i) => this.nodePool(p, [...S, 'nodePools', i]));
    const seen = new Map<string, number>();
    nodePools.forEach((p, i) => {
      if (seen.has(p.name)) this.fail([...S, 'nodePools', i, 'name'], { type: 'Duplicate value', field: fieldPath([...S, 'nodePools', i, 'name']), value: p.name, detail: '' });
      seen.set(p.name, i);
    });
    const pools = new Set(nodePools.map((p) => p.name));
    const manifests = (spec.manifests ?? []).flatMap((m, i) => this.manifest(m, [...S, 'manifests', i]));
    const timeline: TimelineStep[] = [];
    let previous = 0;
    (spec.timeline ?? []).forEach((step, i) => {
      const path: Path = [...S, 'timeline', i];
      const at = step['at'] !== undefined ? this.time([...path, 'at'], step['at']) : previous + this.time([...path, 'after'], step['after']);
      previous = at;
      const key = Object.keys(step).find((k) => k !== 'at' && k !== 'after' && k !== 'description')!;
      const action = this.action(key, step[key], [...path, key], pools);
      timeline.push({
        at,
        action,
        where: this.where(path),
        field: fieldPath(path),
        ...(typeof step['description'] === 'string' ? { description: step['description'] } : {}),
      });
    });
    // A stable sort: steps at the same time keep the order they were written in.
    timeline.sort((a, b) => a.at - b.at);
    const churn = (spec.churn ?? []).map((c, i) => this.churn(c, [...S, 'churn', i], pools));
    const checkpoints = (spec.checkpoints ?? []).map((c, i) => this.checkpoint(c, [...S, 'checkpoints', i]));
    const expectations = (spec.expectations ?? []).map((e, i) => this.expectation(e, [...S, 'expectations', i]));
    return {
      name: doc.metadata.name,
      source: this.source,
      document: doc,
      seed: spec.seed ?? 1,
      duration: spec.duration === undefined ? undefined : this.time([...S, 'duration'], spec.duration),
      config: this.config(spec, S),
      manifests,
      nodePools,
      timeline,
      churn,
      checkpoints,
      expectations,
      where: (path) => this.where(path),
    };
  }

  // ---- engine settings ----

  distribution(path: Path, v: unknown): Distribution {
    if (typeof v === 'string') return { kind: 'constant', value: this.duration(path, v) };
    const o = v as Obj;
    if (o['constant'] !== undefined) return { kind: 'constant', value: this.duration([...path, 'constant'], o['constant']) };
    if (o['exponential'] !== undefined) return { kind: 'exponential', mean: this.duration([...path, 'exponential'], o['exponential']) };
    if (o['uniform'] !== undefined) {
      const [a, b] = o['uniform'] as [string, string];
      const min = this.duration([...path, 'uniform', 0], a);
      const max = this.duration([...path, 'uniform', 1], b);
      if (max < min) this.invalid([...path, 'uniform'], `[${a}, ${b}]`, 'the second duration must not be shorter than the first');
      return { kind: 'uniform', min, max };
    }
    if (o['lognormal'] !== undefined) {
      const l = o['lognormal'] as Obj;
      const p = [...path, 'lognormal'];
      return {
        kind: 'lognormal',
        median: this.duration([...p, 'median'], l['median']),
        sigma: l['sigma'] as number,
        ...(l['max'] !== undefined ? { max: this.duration([...p, 'max'], l['max']) } : {}),
      };
    }
    const n = o['normal'] as Obj;
    const p = [...path, 'normal'];
    return {
      kind: 'normal',
      mean: this.duration([...p, 'mean'], n['mean']),
      stddev: this.duration([...p, 'stddev'], n['stddev']),
      ...(n['min'] !== undefined ? { min: this.duration([...p, 'min'], n['min']) } : {}),
    };
  }

  config(spec: ScenarioSpecDocument, S: Path): EngineConfigInput {
    const out: { -readonly [K in keyof EngineConfigInput]: EngineConfigInput[K] } = {};
    if (spec.latency !== undefined) {
      const latency: Record<string, Distribution> = {};
      for (const [k, v] of Object.entries(spec.latency)) latency[k] = this.distribution([...S, 'latency', k], v);
      out.latency = latency;
    }
    if (spec.controller !== undefined) {
      const c = spec.controller;
      const P: Path = [...S, 'controller'];
      const controller: Record<string, unknown> = {};
      for (const k of ['burstReplicas', 'workers', 'slowStartInitialBatchSize', 'apiQps', 'apiBurst']) if (c[k] !== undefined) controller[k] = c[k];
      if (c['syncLatency'] !== undefined) controller['syncLatency'] = this.distribution([...P, 'syncLatency'], c['syncLatency']);
      if (c['syncCostPerNode'] !== undefined) controller['syncCostPerNodeMs'] = this.duration([...P, 'syncCostPerNode'], c['syncCostPerNode']);
      if (c['failedPodBackoff'] !== undefined) {
        const b = c['failedPodBackoff'] as Obj;
        const q: Path = [...P, 'failedPodBackoff'];
        controller['failedPodBackoffMs'] = {
          initial: b['initial'] === undefined ? 1_000 : this.time([...q, 'initial'], b['initial']),
          max: b['max'] === undefined ? 900_000 : this.time([...q, 'max'], b['max']),
        };
      }
      out.controller = controller as EngineConfigInput['controller'];
    }
    if (spec.nodeLifecycle !== undefined) {
      const n = spec.nodeLifecycle;
      const P: Path = [...S, 'nodeLifecycle'];
      out.nodeLifecycle = {
        ...(n['nodeMonitorGracePeriod'] !== undefined ? { nodeMonitorGracePeriodMs: this.time([...P, 'nodeMonitorGracePeriod'], n['nodeMonitorGracePeriod']) } : {}),
        ...(n['nodeMonitorPeriod'] !== undefined ? { nodeMonitorPeriodMs: this.time([...P, 'nodeMonitorPeriod'], n['nodeMonitorPeriod']) } : {}),
      };
    }
    if (spec.podGc !== undefined) {
      const g = spec.podGc;
      const P: Path = [...S, 'podGc'];
      out.podGc = {
        ...(g['quarantine'] !== undefined ? { quarantineMs: this.time([...P, 'quarantine'], g['quarantine']) } : {}),
        ...(g['period'] !== undefined ? { periodMs: this.time([...P, 'period'], g['period']) } : {}),
      };
      if (out.podGc.periodMs === 0) this.invalid([...P, 'period'], g['period'], 'must be longer than 0s');
    }
    if (spec.podsBecomeReady !== undefined) out.podsBecomeReady = spec.podsBecomeReady;
    return out;
  }

  // ---- the cluster ----

  nodePool(p: Obj, path: Path): NodePool {
    const name = p['name'] as string;
    const count = (p['count'] as number | undefined) ?? 0;
    const cap = (p['capacity'] as Obj | undefined) ?? {};
    for (const [resource, q] of Object.entries(cap)) {
      // As the API server decodes a Node's quantities.
      if (parseQuantity(q as string | number) === undefined) {
        this.invalid([...path, 'capacity', resource], q, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
      }
    }
    const labels = (p['labels'] as Record<string, string> | undefined) ?? {};
    for (const [k, v] of Object.entries(labels)) this.labelPair([...path, 'labels', k], k, v);
    const taints = (p['taints'] as Taint[] | undefined) ?? [];
    const zones = (p['zones'] as string[] | undefined) ?? [];
    const zoneLabel = (p['zoneLabel'] as string | undefined) ?? ZONE_LABEL;
    zones.forEach((z, i) => this.labelPair([...path, 'zones', i], zoneLabel, z));
    const pool: NodePool = {
      name,
      count,
      namePrefix: (p['namePrefix'] as string | undefined) ?? `${name}-`,
      digits: Math.max(4, String(count).length),
      labels,
      taints,
      capacity: {
        ...Object.fromEntries(Object.entries(cap).map(([k, v]) => [k, String(v)])),
        cpu: cap['cpu'] === undefined ? '4' : String(cap['cpu']),
        memory: (cap['memory'] as string | undefined) ?? '16Gi',
        pods: String(cap['pods'] ?? 110),
      },
      zones,
      zoneLabel,
    };
    // The generated Node must pass the API server's validation, like any other.
    const errors = validateNode(defaultNode(poolNode(pool, 1, true)));
    if (errors.length > 0) this.invalid(path, name, `makes invalid nodes: ${formatFieldError(errors[0]!)}`);
    return pool;
  }

  labelPair(path: Path, key: string, value: string): void {
    const errors = validateNode({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n', labels: { [key]: value } } });
    // The API server's error names the key or the value that is wrong; say it once, at this path.
    const e = errors[0];
    if (e !== undefined) this.invalid(path, e.value ?? value, e.detail ?? '');
  }

  /** One entry of `manifests` (or of apply/delete): a path, or an inline object; Lists are flattened. */
  manifest(m: unknown, path: Path, nameOnly = false): ScenarioObject[] {
    if (typeof m === 'string') {
      const file = isAbsolute(m) ? m : join(this.baseDir, m);
      try {
        statSync(file);
      } catch {
        this.invalid(path, m, `no such file or directory (paths are relative to the scenario file: ${displayPath(file)})`);
      }
      let loaded: LoadedObject[];
      try {
        loaded = loadManifests(file, { readStdin: () => '', recursive: true });
      } catch (e) {
        if (e instanceof ManifestError) throw new ScenarioError(e.message);
        throw e;
      }
      if (loaded.length === 0) this.invalid(path, m, 'holds no objects');
      return loaded.map((o) => this.checkObject(o.object as unknown as KubeObject, `${o.source}:${o.line}`, (field) => `${o.source}:${o.locate(field)}`, nameOnly));
    }
    const o = m as KubeObject;
    if (o.kind === 'List' && Array.isArray(o['items'])) {
      return (o['items'] as unknown[]).flatMap((item, i) => this.manifest(item, [...path, 'items', i], nameOnly));
    }
    return [this.checkObject(o, this.where(path), (field) => `${this.source}:${this.locate([...path, ...field])}`, nameOnly)];
  }

  /** Validates an object as the API server would on create; messages name its own line. */
  checkObject(o: KubeObject, where: string, whereField: (field: string[]) => string, nameOnly = false): ScenarioObject {
    const name = o.metadata?.name;
    if (name === undefined || name === '') throw new ScenarioError(`${where}: ${o.kind} without metadata.name`);
    const unmapped = unmappedKind(o.apiVersion ?? '', o.kind ?? '', name, o.metadata?.namespace, where);
    if (unmapped !== undefined) throw new ScenarioError(`${where}: no matches for kind "${o.kind}" in version "${o.apiVersion}" (a built-in API group has no such kind)`);
    if (nameOnly) return { object: o, where };
    let errors: FieldError[] = [];
    let kind = o.kind ?? '';
    // Decoded first, as the API server does: a value of the wrong type or an unknown field.
    const decodable = decodedKindOf(o.apiVersion, o.kind);
    const undecodable = decodable === undefined ? undefined : decodeObject(decodable, o);
    if (undecodable !== undefined) {
      throw new ScenarioError(`${whereField(undecodable.path.map(String))}: ${o.kind} "${name}" cannot be decoded: ${undecodable.message}`);
    }
    if (decodable !== undefined) o = withoutNulls(decodable, o);
    if (o.apiVersion === 'apps/v1' && o.kind === 'DaemonSet') {
      kind = 'DaemonSet.apps';
      const ds = o as unknown as DaemonSet;
      errors = validateDaemonSet(applyDaemonSetUpdate(undefined, { ...ds, metadata: { ...ds.metadata, namespace: ds.metadata?.namespace ?? 'default' } }));
    } else if (o.apiVersion === 'apps/v1' && o.kind === 'ControllerRevision') {
      throw new ScenarioError(`${where}: ControllerRevisions are made by the DaemonSet controller in dsim; apply the DaemonSet instead`);
      // The API server defaults before it validates.
    } else if (o.apiVersion === 'v1' && o.kind === 'Node') errors = validateNode(defaultNode(o as unknown as Node));
    else if (o.apiVersion === 'v1' && o.kind === 'Pod') errors = validatePod(defaultPod(o as unknown as Pod));
    else if (o.apiVersion === 'v1' && o.kind === 'Namespace') errors = validateNamespace(defaultNamespace(o as unknown as Namespace));
    if (errors.length > 0) {
      const e = errors[0]!;
      const field = e.field.replace(/\[(\d+)\]/g, '.$1').split('.').filter((p) => p !== '');
      throw new ScenarioError(`${whereField(field)}: ${kind} "${name}" is invalid: ${formatFieldError(e)}`);
    }
    return { object: o, where };
  }

  // ---- actions ----

  target(o: Obj, path: Path, pools: ReadonlySet<string>): NodeTarget {
    const names = o['names'] as string[] | undefined;
    const pool = o['pool'] as string | undefined;
    const selectorText = o['selector'] as string | undefined;
    if (names === undefined && pool === undefined && selectorText === undefined) this.required([...path, 'pool'], 'name the nodes with names, pool or selector');
    if (names !== undefined && (o['count'] !== undefined || o['share'] !== undefined)) {
      this.forbidden([...path, o['count'] !== undefined ? 'count' : 'share'], 'may not be combined with names');
    }
    if (o['count'] !== undefined && o['share'] !== undefined) this.forbidden([...path, 'share'], 'may not be combined with count');
    if (pool !== undefined && !pools.has(pool)) this.notFound([...path, 'pool'], pool);
    let selector: SelectorRequirement[] | undefined;
    if (selectorText !== undefined) {
      try {
        selector = parseSelector(selectorText);
      } catch (e) {
        if (e instanceof SelectorError) this.invalid([...path, 'selector'], selectorText, e.message);
        throw e;
      }
    }
    return {
      ...(names !== undefined ? { names } : {}),
      ...(pool !== undefined ? { pool } : {}),
      ...(selector !== undefined ? { selector } : {}),
      ...(o['cordoned'] !== undefined ? { cordoned: o['cordoned'] as boolean } : {}),
      ...(o['ready'] !== undefined ? { ready: o['ready'] as boolean } : {}),
      ...(o['count'] !== undefined ? { count: o['count'] as number } : {}),
      ...(o['share'] !== undefined ? { share: this.share([...path, 'share'], o['share']) } : {}),
    };
  }

  action(key: string, v: unknown, path: Path, pools: ReadonlySet<string>): Action {
    const o = v as Obj;
    switch (key) {
      case 'apply':
      case 'delete': {
        const items = Array.isArray(v) ? v : [v];
        // What a delete names needs only its kind, namespace and name, as with `dsim delete -f`.
        const objects = items.flatMap((m, i) => this.manifest(m, Array.isArray(v) ? [...path, i] : path, key === 'delete'));
        return { kind: key, objects };
      }
      case 'addNodes': {
        const pool = o['pool'] as string;
        if (!pools.has(pool)) this.notFound([...path, 'pool'], pool);
        const names = o['names'] as string[] | undefined;
        if (names !== undefined && o['count'] !== undefined) this.forbidden([...path, 'count'], 'may not be combined with names');
        return { kind: 'addNodes', pool, count: names?.length ?? (o['count'] as number | undefined) ?? 1, ...(names !== undefined ? { names } : {}) };
      }
      case 'removeNodes':
      case 'cordon':
      case 'uncordon':
      case 'recoverNodes':
        return { kind: key, target: this.target(o, path, pools) };
      case 'label': {
        const labels = o['labels'] as Record<string, string>;
        for (const [k, val] of Object.entries(labels)) this.labelPair([...path, 'labels', k], k, val);
        return { kind: 'label', target: this.target(o, path, pools), labels };
      }
      case 'unlabel':
        return { kind: 'unlabel', target: this.target(o, path, pools), keys: o['keys'] as string[] };
      case 'taint':
        return { kind: 'taint', target: this.target(o, path, pools), taints: o['taints'] as Taint[] };
      case 'untaint':
        return { kind: 'untaint', target: this.target(o, path, pools), taints: o['taints'] as { key: string; effect?: string }[] };
      case 'drain':
        return {
          kind: 'drain',
          target: this.target(o, path, pools),
          ...(o['gracePeriodSeconds'] !== undefined ? { gracePeriodSeconds: o['gracePeriodSeconds'] as number } : {}),
        };
      case 'failNodes':
        return { kind: 'failNodes', target: this.target(o, path, pools), mode: (o['mode'] as 'NotReady' | 'Unreachable' | undefined) ?? 'NotReady' };
      case 'updateDaemonSet': {
        if (o['image'] === undefined && o['images'] === undefined && o['template'] === undefined && o['spec'] === undefined) {
          this.required([...path, 'image'], 'say what changes: image, images, template or spec');
        }
        return {
          kind: 'updateDaemonSet',
          name: o['name'] as string,
          namespace: (o['namespace'] as string | undefined) ?? 'default',
          ...(o['image'] !== undefined ? { image: o['image'] as string } : {}),
          ...(o['images'] !== undefined ? { images: o['images'] as Record<string, string> } : {}),
          ...(o['template'] !== undefined ? { template: o['template'] as Obj } : {}),
          ...(o['spec'] !== undefined ? { spec: o['spec'] as Obj } : {}),
        };
      }
      default:
        throw new Error(`unknown action ${key}`);
    }
  }

  // ---- churn ----

  interval(o: Obj, path: Path, allowOpen: boolean): { from: number; to: number } {
    const from = this.time([...path, 'from'], o['from']);
    let to: number;
    if (o['to'] !== undefined && o['duration'] !== undefined) this.forbidden([...path, 'duration'], 'may not be combined with to');
    if (o['to'] !== undefined) to = this.time([...path, 'to'], o['to']);
    else if (o['duration'] !== undefined) to = from + this.time([...path, 'duration'], o['duration']);
    else if (allowOpen) to = from;
    else return this.required([...path, 'to']);
    if (to < from) this.invalid([...path, 'to'], o['to'], `must not be before from (${formatGoDuration(from)})`);
    return { from, to };
  }

  churn(c: Obj, path: Path, pools: ReadonlySet<string>): ChurnGenerator {
    const key = Object.keys(c).find((k) => k !== 'description')!;
    const o = c[key] as Obj;
    const p: Path = [...path, key];
    const where = this.where(p);
    const field = fieldPath(p);
    const pool = o['pool'] as string | undefined;
    if (pool !== undefined && !pools.has(pool)) this.notFound([...p, 'pool'], pool);
    switch (key) {
      case 'arrivals':
      case 'departures': {
        const { from, to } = this.interval(o, p, false);
        if (to === from) this.invalid([...p, 'to'], o['to'], 'must be after from');
        const [n, unit] = String(o['rate']).split('/') as [string, string];
        return { kind: key, pool: pool!, rate: Number(n) / RATE_UNIT_MS[unit]!, process: (o['process'] as 'poisson' | 'fixed' | undefined) ?? 'poisson', from, to, where, field };
      }
      case 'spotReclaim': {
        const { from, to } = this.interval(o, p, true);
        if (o['share'] === undefined && o['count'] === undefined) this.required([...p, 'share'], 'say how many nodes: share or count');
        if (o['share'] !== undefined && o['count'] !== undefined) this.forbidden([...p, 'count'], 'may not be combined with share');
        return {
          kind: 'spotReclaim',
          pool: pool!,
          from,
          to,
          ...(o['share'] !== undefined ? { share: this.share([...p, 'share'], o['share']) } : {}),
          ...(o['count'] !== undefined ? { count: o['count'] as number } : {}),
          ...(o['replaceAfter'] !== undefined ? { replaceAfter: this.time([...p, 'replaceAfter'], o['replaceAfter']) } : {}),
          where,
          field,
        };
      }
      default: {
        const { from, to } = this.interval(o, p, false);
        const zoneLabel = (o['zoneLabel'] as string | undefined) ?? ZONE_LABEL;
        return { kind: 'zoneOutage', zone: o['zone'] as string, zoneLabel, mode: (o['mode'] as 'NotReady' | 'Unreachable' | undefined) ?? 'NotReady', from, to, where, field };
      }
    }
  }

  // ---- checkpoints and expectations ----

  when(o: Obj, path: Path): When {
    if (o['at'] !== undefined && o['atEnd'] !== undefined) this.forbidden([...path, 'atEnd'], 'may not be combined with at');
    return o['at'] !== undefined ? this.time([...path, 'at'], o['at']) : 'end';
  }

  checkpoint(c: Obj, path: Path): Checkpoint {
    const at = this.when(c, path);
    const raw = c['get'];
    const argv = Array.isArray(raw) ? (raw as string[]) : splitWords(raw as string, () => this.invalid([...path, 'get'], raw, 'has an unterminated quote'));
    const shown = Array.isArray(raw) ? argv.join(' ') : (raw as string);
    let args: ParsedArgs;
    try {
      args = parseArgs(argv, GET_FLAGS(), 'get');
    } catch (e) {
      if (e instanceof UserError) this.invalid([...path, 'get'], shown, e.message.replace(/^error: /, '').split('\n')[0]!);
      throw e;
    }
    for (const f of ['at', 'filename', 'recursive']) {
      if (args.flags.has(f)) this.invalid([...path, 'get'], shown, `--${f} is not allowed in a checkpoint (a checkpoint has its own time and reads no files)`);
    }
    for (const f of ['watch', 'watch-only', 'output-watch-events']) {
      if (args.flags.has(f)) this.invalid([...path, 'get'], shown, `--${f} is not allowed in a checkpoint (a checkpoint looks at one moment; the scenario moves time)`);
    }
    // Render once against an empty cluster, so a bad resource type or output format fails now, not mid-run.
    try {
      renderGetOutput(initialState(), args);
    } catch (e) {
      if (e instanceof UserError) this.invalid([...path, 'get'], shown, e.message.replace(/^error: /, '').split('\n').at(-1)!.replace(/^error: /, ''));
      throw e;
    }
    return { at, argv, positional: args.positional, flags: [...args.flags.entries()], where: this.where(path) };
  }

  comparison(counter: Counter, v: unknown): Comparison {
    if (typeof v === 'number') return { counter, op: '==', value: v };
    const m = /^(==|!=|>=|<=|>|<)\s*(.+)$/.exec(String(v))!;
    const rhs = m[2]!;
    return { counter, op: m[1] as Comparison['op'], value: /^\d+$/.test(rhs) ? Number(rhs) : (rhs as Counter) };
  }

  expectation(e: Obj, path: Path): Expectation {
    const where = this.where(path);
    const description = typeof e['description'] === 'string' ? { description: e['description'] } : {};
    const counters = COUNTERS.filter((c) => e[c] !== undefined);
    const onlyWith = (key: string, allowed: string) => {
      if (e[key] !== undefined) this.forbidden([...path, key], `only allowed with ${allowed}`);
    };
    if (e['daemonSet'] === undefined) for (const c of counters) onlyWith(c, 'daemonSet');
    if (e['invariant'] === undefined) onlyWith('during', 'invariant');
    if (e['rolloutFinishedBy'] !== undefined || e['maxUnavailable'] !== undefined) {
      onlyWith('at', 'daemonSet or invariant');
      onlyWith('atEnd', 'daemonSet or invariant');
    }
    if (e['daemonSet'] !== undefined) {
      if (counters.length === 0) this.required([...path, 'available'], `name at least one of ${COUNTERS.join(', ')}`);
      const at = this.when(e, path);
      const ds = dsKey(e['daemonSet'] as string);
      const comparisons = counters.map((c) => this.comparison(c, e[c]));
      const text = `daemonSet ${ds} ${comparisons.map(comparisonText).join(', ')} ${whenText(at)}`;
      return { kind: 'status', at, daemonSet: ds, comparisons, text, where, ...description };
    }
    if (e['rolloutFinishedBy'] !== undefined) {
      const r = e['rolloutFinishedBy'] as Obj;
      const deadline = this.time([...path, 'rolloutFinishedBy', 'deadline'], r['deadline']);
      const ds = dsKey(r['daemonSet'] as string);
      return { kind: 'rolloutFinishedBy', daemonSet: ds, deadline, text: `rollout of daemonSet ${ds} finished by ${formatGoDuration(deadline)}`, where, ...description };
    }
    if (e['invariant'] !== undefined) {
      if (e['during'] !== undefined && (e['at'] !== undefined || e['atEnd'] !== undefined)) {
        this.forbidden([...path, 'during'], 'may not be combined with at or atEnd');
      }
      const at: When | 'always' = e['during'] === 'always' ? 'always' : this.when(e, path);
      const text = `invariant ${String(e['invariant'])} ${at === 'always' ? 'after every event' : whenText(at)}`;
      return { kind: 'invariant', at, text, where, ...description };
    }
    const m = e['maxUnavailable'] as Obj;
    const ds = dsKey(m['daemonSet'] as string);
    const raw = m['atMost'];
    const atMost = typeof raw === 'number' ? raw : { percent: this.share([...path, 'maxUnavailable', 'atMost'], raw) * 100 };
    const during = (m['during'] as 'rollout' | 'always' | undefined) ?? 'rollout';
    const bound = typeof atMost === 'number' ? String(atMost) : `${atMost.percent}% of desired`;
    return {
      kind: 'maxUnavailable',
      daemonSet: ds,
      atMost,
      during,
      text: `daemonSet ${ds} unavailable <= ${bound} ${during === 'rollout' ? 'during rollouts' : 'always'}`,
      where,
      ...description,
    };
  }
}

/** `ns/name` from `ns/name` or `name` (namespace "default"). */
export function dsKey(ref: string): string {
  return ref.includes('/') ? ref : `default/${ref}`;
}

function comparisonText(c: Comparison): string {
  return `${c.counter} ${c.op} ${c.value}`;
}

function whenText(at: When): string {
  return at === 'end' ? 'at the end' : `at ${formatGoDuration(at)}`;
}

function displayPath(p: string): string {
  const r = relative(process.cwd(), p);
  return r.startsWith('..') || isAbsolute(r) ? p : r;
}

/** The flags `dsim get` accepts (its command's, from cli.ts). */
function GET_FLAGS(): readonly FlagSpec[] {
  const get = COMMANDS['get'];
  if (get === undefined) throw new Error('the get command is not registered');
  return get.flags;
}

/** Splits `pods -A -l 'app in (a,b)'` into words, honouring single and double quotes as a shell would. */
export function splitWords(s: string, onError: () => never = () => { throw new Error('unterminated quote'); }): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "'" || c === '"') {
      const end = s.indexOf(c, i + 1);
      if (end === -1) onError();
      cur += s.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (/\s/.test(c)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) out.push(cur);
  return out;
}

// ---- generated nodes ----------------------------------------------------------------------------

/** The name of a pool's node number `n` (1-based). */
export function poolNodeName(pool: NodePool, n: number): string {
  return `${pool.namePrefix}${String(n).padStart(pool.digits, '0')}`;
}

/**
 * Node number `n` of a pool as a v1 Node. `ready`: Ready=True already (the initial cluster), else the node has just
 * registered and its kubelet reports Ready after latency.nodeRegistration.
 */
export function poolNode(pool: NodePool, n: number, ready: boolean, name: string = poolNodeName(pool, n)): Node {
  const zone = pool.zones.length > 0 ? pool.zones[(n - 1) % pool.zones.length] : undefined;
  const capacity = { ...pool.capacity };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        [POOL_LABEL]: pool.name,
        ...(zone !== undefined ? { [pool.zoneLabel]: zone } : {}),
        ...pool.labels,
      },
    },
    spec: pool.taints.length > 0 ? { taints: pool.taints.map((t) => ({ ...t })) } : {},
    status: {
      capacity,
      allocatable: capacity,
      ...(ready ? { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }] } : {}),
      addresses: [{ type: 'InternalIP', address: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` }, { type: 'Hostname', address: name }],
      nodeInfo: {
        architecture: 'amd64',
        bootID: '',
        containerRuntimeVersion: 'containerd://1.7.22',
        kernelVersion: '6.1.0-25-cloud-amd64',
        kubeProxyVersion: 'v1.31.0',
        kubeletVersion: 'v1.31.0',
        machineID: '',
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        systemUUID: '',
      },
    },
  };
}

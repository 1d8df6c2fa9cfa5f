// The scenario format's structure as a JSON Schema (draft 2020-12), and the validator dsim runs on every scenario file.
// One definition serves editors (schema/scenario.schema.json is generated from it) and dsim; meaning is checked in format.ts.
// schema.test.ts checks the published file is up to date; UPDATE_SCHEMA=1 pnpm exec vitest run src/scenario/schema.test.ts rewrites it.

import type { FieldError } from '@dsim/core';

/** A JSON Schema node, restricted to the keywords {@link validateAgainstSchema} implements. */
export interface SchemaNode {
  readonly $schema?: string;
  readonly $id?: string;
  readonly $ref?: string;
  readonly $defs?: Readonly<Record<string, SchemaNode>>;
  readonly title?: string;
  readonly description?: string;
  readonly type?: 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | SchemaNode;
  readonly items?: SchemaNode;
  readonly prefixItems?: readonly SchemaNode[];
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly enum?: readonly (string | number | boolean)[];
  readonly const?: string | number | boolean;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly minimum?: number;
  readonly exclusiveMinimum?: number;
  readonly maximum?: number;
  readonly anyOf?: readonly SchemaNode[];
  readonly oneOf?: readonly SchemaNode[];
  readonly allOf?: readonly SchemaNode[];
  readonly default?: unknown;
  readonly examples?: readonly unknown[];
  /** Shown by editors (VS Code, yaml-language-server) and by dsim when a pattern does not match. */
  readonly patternErrorMessage?: string;
  /** Shown by editors and by dsim when the node fails as a whole (for anyOf/oneOf). */
  readonly errorMessage?: string;
}

/** Every keyword the validator understands; a test keeps the schema within them, so editors and dsim agree. */
export const SUPPORTED_KEYWORDS: ReadonlySet<string> = new Set([
  '$schema', '$id', '$ref', '$defs', 'title', 'description', 'type', 'properties', 'required', 'additionalProperties',
  'items', 'prefixItems', 'minItems', 'maxItems', 'enum', 'const', 'pattern', 'minLength', 'minimum', 'exclusiveMinimum',
  'maximum', 'anyOf', 'oneOf', 'allOf', 'default', 'examples', 'patternErrorMessage', 'errorMessage',
]);

// ---- building blocks -----------------------------------------------------------------------------

const ref = (name: string): SchemaNode => ({ $ref: `#/$defs/${name}` });
const str = (description: string, extra: Partial<SchemaNode> = {}): SchemaNode => ({ type: 'string', description, ...extra });
const bool = (description: string): SchemaNode => ({ type: 'boolean', description });
const int = (description: string, minimum = 0): SchemaNode => ({ type: 'integer', minimum, description });
const dur = (description: string): SchemaNode => ({ ...ref('duration'), description });
const list = (items: SchemaNode, description: string, minItems = 0): SchemaNode => ({
  type: 'array',
  description,
  items,
  ...(minItems > 0 ? { minItems } : {}),
});
const obj = (description: string, properties: Record<string, SchemaNode>, extra: Partial<SchemaNode> = {}): SchemaNode => ({
  type: 'object',
  description,
  properties,
  additionalProperties: false,
  ...extra,
});
/** Exactly one of these keys (the editor-friendly way to write a tagged union). */
const exactlyOne = (keys: readonly string[], what: string): Partial<SchemaNode> => ({
  oneOf: keys.map((k) => ({ required: [k] })),
  errorMessage: `must have exactly one ${what}: ${keys.join(', ')}`,
});

/** The node selection shared by the node actions: by names, or a count or share of a pool or selector. */
const NODE_TARGET: Record<string, SchemaNode> = {
  names: list(str('A node name.'), 'These nodes, by name.', 1),
  pool: str('Nodes of this node pool (labelled dsim.dev/pool=<pool>).', { minLength: 1 }),
  selector: str('Nodes matching this label selector, e.g. "topology.kubernetes.io/zone=zone-a".', { minLength: 1 }),
  cordoned: bool('Only nodes that are (true) or are not (false) cordoned.'),
  ready: bool('Only nodes that are (true) or are not (false) Ready.'),
  count: int('Pick this many of the matching nodes at random (seeded); default all.'),
  share: { ...ref('percent'), description: 'Pick this share of the matching nodes at random (seeded), e.g. "20%".' },
};

const target = (description: string, extra: Record<string, SchemaNode> = {}, required: string[] = []): SchemaNode =>
  obj(description, { ...NODE_TARGET, ...extra }, required.length > 0 ? { required } : {});

const ACTIONS: Record<string, SchemaNode> = {
  apply: { ...ref('manifests'), description: 'Apply manifests: a path (relative to the scenario file), an inline object, or a list of them.' },
  delete: { ...ref('manifests'), description: 'Delete the objects these manifests name.' },
  addNodes: obj(
    'Nodes join from a node pool; they register NotReady and turn Ready after latency.nodeRegistration.',
    {
      pool: str('The node pool the nodes come from.', { minLength: 1 }),
      count: int('How many nodes (default 1); named after the pool with the next free numbers.', 1),
      names: list(str('A node name.'), 'Add nodes with exactly these names (e.g. to re-add a removed node).', 1),
    },
    { required: ['pool'] },
  ),
  removeNodes: target('Nodes leave the cluster (their Node objects are deleted).'),
  label: target('Set labels on nodes.', { labels: { ...ref('stringMap'), description: 'Labels to set.' } }, ['labels']),
  unlabel: target('Remove labels from nodes.', { keys: list(str('A label key.'), 'Label keys to remove.', 1) }, ['keys']),
  taint: target('Add (or replace) taints on nodes.', { taints: list(ref('taint'), 'Taints to add.', 1) }, ['taints']),
  untaint: target('Remove taints from nodes (by key, and effect if given).', { taints: list(ref('taintKey'), 'Taints to remove.', 1) }, ['taints']),
  cordon: target('Mark nodes unschedulable.'),
  uncordon: target('Mark nodes schedulable again.'),
  drain: target('Cordon nodes and evict their pods, ignoring DaemonSet pods (kubectl drain --ignore-daemonsets).', {
    gracePeriodSeconds: int('Grace period for the evicted pods (default: each pod\'s own).'),
  }),
  failNodes: target("Nodes' kubelets fail: NotReady at once, or Unreachable (Ready=Unknown after the node monitor grace period).", {
    mode: { type: 'string', enum: ['NotReady', 'Unreachable'], default: 'NotReady', description: 'How the kubelet fails.' },
  }),
  recoverNodes: target('Failed kubelets among these nodes work again.'),
  updateDaemonSet: obj(
    "Change a DaemonSet's template (which starts a rollout) or spec.",
    {
      name: str('The DaemonSet.', { minLength: 1 }),
      namespace: str('Its namespace (default "default").', { minLength: 1 }),
      image: str('Set the image of every container.', { minLength: 1 }),
      images: { ...ref('stringMap'), description: 'Set images by container name.' },
      template: { type: 'object', description: 'A JSON merge patch (RFC 7386) applied to spec.template.' },
      spec: { type: 'object', description: 'A JSON merge patch (RFC 7386) applied to spec, e.g. {updateStrategy: {rollingUpdate: {maxSurge: 1}}}.' },
    },
    { required: ['name'] },
  ),
};

const COUNTERS = ['desired', 'current', 'ready', 'updated', 'available', 'misscheduled', 'unavailable'] as const;

/** The scenario format. */
export const SCENARIO_SCHEMA: SchemaNode = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://dsim.dev/schemas/v1alpha1/scenario.schema.json',
  title: 'dsim Scenario',
  description:
    'A script of what happens to a simulated Kubernetes cluster over time, with checks. Run it with `dsim run FILE`. ' +
    'Durations are Go-style strings (90s, 4m16s, 1h30m); times are measured from the start of the simulation.',
  type: 'object',
  properties: {
    apiVersion: { type: 'string', enum: ['dsim.dev/v1alpha1'], description: 'Always dsim.dev/v1alpha1.' },
    kind: { type: 'string', enum: ['Scenario'], description: 'Always Scenario.' },
    metadata: obj(
      'The scenario\'s name and notes.',
      {
        name: str('The scenario\'s name (a DNS label).', {
          pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
          patternErrorMessage: "must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
        }),
        labels: ref('stringMap'),
        annotations: ref('stringMap'),
      },
      { required: ['name'] },
    ),
    spec: obj(
      'What the scenario does.',
      {
        seed: { anyOf: [{ type: 'integer' }, { type: 'string' }], description: 'The seed of all randomness (default 1); --seed overrides it.', errorMessage: 'must be an integer or a string' },
        explore: {
          type: 'object',
          description: 'How `dsim explore` searches for churn that breaks a property (pools, events, property); validated by dsim explore, ignored by dsim run.',
        },
        duration: dur('Run until this time (default: until nothing is left to happen). --until overrides it.'),
        latency: obj('Latency distributions of the simulated components.', {
          schedule: { ...ref('distribution'), description: 'Pod created → bound by kube-scheduler.' },
          imagePull: { ...ref('distribution'), description: 'Pulling an image the node does not have yet.' },
          containerStart: { ...ref('distribution'), description: 'Creating and starting containers once images are present.' },
          readiness: { ...ref('distribution'), description: 'Running → Ready (readiness probe).' },
          termination: { ...ref('distribution'), description: 'SIGTERM → containers gone (capped by the grace period).' },
          nodeRegistration: { ...ref('distribution'), description: 'A new node → its kubelet reports Ready.' },
          nodeRecovery: { ...ref('distribution'), description: 'A recovered kubelet → Ready reported again.' },
          apiWrite: { ...ref('distribution'), description: 'One API write (pod create or delete) by the controller.' },
        }),
        controller: obj('The DaemonSet controller (kube-controller-manager).', {
          burstReplicas: int('Creates and deletes per sync (Kubernetes: 250).', 1),
          workers: int('Concurrent DaemonSet syncs, --concurrent-daemonset-syncs (Kubernetes: 2).', 1),
          syncLatency: { ...ref('distribution'), description: 'Fixed cost of one sync.' },
          syncCostPerNode: dur('Extra cost of one sync per node in the cluster, e.g. 10us.'),
          slowStartInitialBatchSize: int('First slow-start batch of creates (Kubernetes: 1).', 1),
          failedPodBackoff: obj('Backoff before deleting failed pods again.', { initial: dur('First delay (1s).'), max: dur('Cap (15m).') }),
          apiQps: { type: 'number', minimum: 0, description: "The controller client's rate limit on pod creates and deletes, --kube-api-qps (Kubernetes: 20); 0 for none." },
          apiBurst: int('The rate limit\'s burst, --kube-api-burst (Kubernetes: 30).', 1),
        }),
        nodeLifecycle: obj('The node lifecycle controller.', {
          nodeMonitorGracePeriod: dur('A silent kubelet turns Ready=Unknown after this (50s).'),
          nodeMonitorPeriod: dur('Delay before conditions become taints (5s).'),
        }),
        podGc: obj('Pod garbage collection of pods on deleted nodes.', {
          quarantine: dur('How long a node must be gone (40s).'),
          period: dur('How often pod GC runs (20s).'),
        }),
        podsBecomeReady: bool('Whether new pods turn Ready at all (false models a broken readiness probe). Default true.'),
        manifests: list(ref('manifest'), 'The initial objects, applied at time 0 in order: paths (files or directories, relative to the scenario file) or inline objects.'),
        nodePools: list(ref('nodePool'), 'Generated nodes, Ready at time 0.'),
        timeline: list(ref('step'), 'What happens, in order.'),
        churn: list(ref('churn'), 'Generators of node churn over an interval.'),
        checkpoints: list(ref('checkpoint'), 'What `dsim get` prints at given times.'),
        expectations: list(ref('expectation'), 'Checks: any failure makes `dsim run` exit non-zero.'),
      },
    ),
  },
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  additionalProperties: false,
  $defs: {
    duration: {
      type: 'string',
      pattern: '^(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$',
      patternErrorMessage: 'must be a duration such as 30s, 5m or 1h30m',
      examples: ['30s', '5m', '1h30m', '250ms'],
    },
    percent: {
      type: 'string',
      pattern: '^([0-9]+(\\.[0-9]+)?)%$',
      patternErrorMessage: 'must be a percentage such as "20%"',
    },
    rate: {
      type: 'string',
      pattern: '^([0-9]+(\\.[0-9]*)?|\\.[0-9]+)/(s|m|h)$',
      patternErrorMessage: 'must be a rate such as 30/h, 2/m or 0.5/s',
    },
    stringMap: { type: 'object', additionalProperties: { type: 'string' } },
    daemonSetRef: {
      type: 'string',
      pattern: '^([a-z0-9]([-a-z0-9]*[a-z0-9])?/)?[a-z0-9]([-a-z0-9.]*[a-z0-9])?$',
      patternErrorMessage: 'must name a DaemonSet as NAMESPACE/NAME (or NAME, in namespace "default")',
    },
    comparison: {
      anyOf: [
        { type: 'integer', minimum: 0 },
        { type: 'string', pattern: `^(==|!=|>=|<=|>|<)\\s*([0-9]+|${COUNTERS.join('|')})$` },
      ],
      errorMessage: 'must be a number or a comparison such as ">= 4900" or "== desired"',
    },
    distribution: {
      description: 'A latency distribution: a duration (constant), {constant}, {uniform: [min, max]}, {exponential: mean}, {lognormal: {median, sigma, max}} or {normal: {mean, stddev, min}}.',
      anyOf: [
        ref('duration'),
        obj('Always the same.', { constant: ref('duration') }, { required: ['constant'] }),
        obj('Uniform between two durations.', { uniform: { type: 'array', prefixItems: [ref('duration'), ref('duration')], minItems: 2, maxItems: 2 } }, { required: ['uniform'] }),
        obj('Exponential with this mean.', { exponential: ref('duration') }, { required: ['exponential'] }),
        obj('Log-normal: the usual shape of latencies.', {
          lognormal: obj('', { median: ref('duration'), sigma: { type: 'number', minimum: 0 }, max: ref('duration') }, { required: ['median', 'sigma'] }),
        }, { required: ['lognormal'] }),
        obj('Normal, cut at min.', {
          normal: obj('', { mean: ref('duration'), stddev: ref('duration'), min: ref('duration') }, { required: ['mean', 'stddev'] }),
        }, { required: ['normal'] }),
      ],
      errorMessage: 'must be a duration or one of {constant}, {uniform}, {exponential}, {lognormal}, {normal}',
    },
    kubeObject: {
      type: 'object',
      description: 'A Kubernetes object, as in a manifest.',
      properties: { apiVersion: { type: 'string', minLength: 1 }, kind: { type: 'string', minLength: 1 } },
      required: ['apiVersion', 'kind'],
    },
    manifest: {
      anyOf: [{ type: 'string', minLength: 1, description: 'A file or directory, relative to the scenario file.' }, ref('kubeObject')],
      errorMessage: 'must be a path or a Kubernetes object with apiVersion and kind',
    },
    manifests: {
      anyOf: [ref('manifest'), { type: 'array', items: ref('manifest'), minItems: 1 }],
      errorMessage: 'must be a path, a Kubernetes object, or a list of them',
    },
    taint: obj('A node taint.', {
      key: str('Taint key.', { minLength: 1 }),
      value: str('Taint value.'),
      effect: { type: 'string', enum: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] },
    }, { required: ['key', 'effect'] }),
    taintKey: obj('A taint to remove: by key, and effect if given.', {
      key: str('Taint key.', { minLength: 1 }),
      effect: { type: 'string', enum: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] },
    }, { required: ['key'] }),
    nodePool: obj(
      'A pool of generated nodes.',
      {
        name: str('The pool\'s name; its nodes carry the label dsim.dev/pool=<name>.', {
          pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
          patternErrorMessage: "must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
        }),
        count: int('Nodes in the initial cluster (default 0).'),
        namePrefix: str('Node names are <namePrefix><number> (default "<name>-").', { minLength: 1 }),
        labels: { ...ref('stringMap'), description: 'Labels of every node.' },
        taints: list(ref('taint'), 'Taints of every node.'),
        capacity: obj('Capacity (and allocatable) of every node.', {
          cpu: { anyOf: [{ type: 'string', minLength: 1 }, { type: 'number', minimum: 0 }], description: 'e.g. "8" or 7.5 or "7500m" (default 4).', errorMessage: 'must be a quantity such as "8" or "7500m"' },
          memory: { type: 'string', minLength: 1, description: 'e.g. "32Gi" (default 16Gi).' },
          pods: int('Pods per node (default 110).', 1),
        }, {
          additionalProperties: {
            anyOf: [{ type: 'string', minLength: 1 }, { type: 'integer', minimum: 0 }],
            description: 'Any other resource the nodes offer, e.g. "nvidia.com/gpu": 8, "ephemeral-storage": 100Gi, "hugepages-2Mi": 1Gi.',
            errorMessage: 'must be a quantity such as "8" or "100Gi"',
          },
        }),
        zones: list(str('A zone.', { minLength: 1 }), 'Spread the nodes over these zones, round-robin, in the zone label.', 1),
        zoneLabel: str('The zone label key (default topology.kubernetes.io/zone).', { minLength: 1 }),
      },
      { required: ['name'] },
    ),
    step: {
      type: 'object',
      description: 'One step of the timeline: when (at, or after the previous step) and one action.',
      properties: {
        at: dur('When, from the start.'),
        after: dur('When, after the previous step (or the start).'),
        description: str('A note, for readers.'),
        ...ACTIONS,
      },
      additionalProperties: false,
      allOf: [
        { oneOf: [{ required: ['at'] }, { required: ['after'] }], errorMessage: 'must have exactly one of at or after' },
        exactlyOne(Object.keys(ACTIONS), 'action'),
      ],
    },
    churn: {
      type: 'object',
      description: 'A churn generator: node arrivals or departures at a rate, a spot reclaim, or a zone outage.',
      properties: {
        description: str('A note, for readers.'),
        arrivals: obj('Nodes join a pool at a rate, from `from` until `to`.', {
          pool: str('The node pool.', { minLength: 1 }),
          rate: { ...ref('rate'), description: 'e.g. 120/h or 2/m.' },
          process: { type: 'string', enum: ['poisson', 'fixed'], default: 'poisson', description: 'Poisson (random gaps) or fixed (even gaps).' },
          from: dur('Start.'),
          to: dur('End.'),
        }, { required: ['pool', 'rate', 'from', 'to'] }),
        departures: obj('Random nodes of a pool leave at a rate, from `from` until `to`.', {
          pool: str('The node pool.', { minLength: 1 }),
          rate: { ...ref('rate'), description: 'e.g. 60/h or 1/m.' },
          process: { type: 'string', enum: ['poisson', 'fixed'], default: 'poisson', description: 'Poisson (random gaps) or fixed (even gaps).' },
          from: dur('Start.'),
          to: dur('End.'),
        }, { required: ['pool', 'rate', 'from', 'to'] }),
        spotReclaim: obj('The cloud reclaims a share of a (spot) pool: the nodes vanish at random times between `from` and `to`.', {
          pool: str('The node pool.', { minLength: 1 }),
          share: { ...ref('percent'), description: 'Share of the pool\'s nodes at `from`, e.g. "20%".' },
          count: int('Or a number of nodes.'),
          from: dur('Start.'),
          to: dur('End (default: all at `from`).'),
          replaceAfter: dur('A replacement node joins the pool this long after each reclaim.'),
        }, { required: ['pool', 'from'] }),
        zoneOutage: obj('Every node of a zone fails at `from` and recovers at `to` (or after `duration`).', {
          zone: str('The zone.', { minLength: 1 }),
          zoneLabel: str('The zone label key (default topology.kubernetes.io/zone).', { minLength: 1 }),
          mode: { type: 'string', enum: ['NotReady', 'Unreachable'], default: 'NotReady' },
          from: dur('Start.'),
          to: dur('End.'),
          duration: dur('Or how long.'),
        }, { required: ['zone', 'from'] }),
      },
      additionalProperties: false,
      ...exactlyOne(['arrivals', 'departures', 'spotReclaim', 'zoneOutage'], 'generator'),
    },
    checkpoint: obj(
      'Print what `dsim get ARGS` prints at a time.',
      {
        at: dur('When.'),
        atEnd: { type: 'boolean', const: true, description: 'At the end of the run.' },
        get: {
          anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', items: { type: 'string' }, minItems: 1 }],
          description: 'The arguments of `dsim get`, e.g. "pods -A -o wide" or "ds -n kube-system".',
          errorMessage: 'must be the arguments of dsim get, e.g. "pods -A"',
        },
      },
      { required: ['get'], oneOf: [{ required: ['at'] }, { required: ['atEnd'] }], errorMessage: 'must have exactly one of at or atEnd' },
    ),
    expectation: {
      type: 'object',
      description:
        'A check: DaemonSet status counts at a time (daemonSet + counters), a rollout finished by a deadline, an invariant, or a bound on unavailable pods.',
      properties: {
        description: str('A note, printed with a failure.'),
        at: dur('When to check (default: at the end).'),
        atEnd: { type: 'boolean', const: true, description: 'Check at the end of the run (the default).' },
        during: { type: 'string', enum: ['always'], description: 'For invariant: check after every event, not at one time.' },
        daemonSet: { ...ref('daemonSetRef'), description: 'Check this DaemonSet\'s status counts.' },
        ...Object.fromEntries(COUNTERS.map((c) => [c, { ...ref('comparison'), description: `The ${c} count: a number or a comparison such as ">= 4900" or "== desired".` }])),
        rolloutFinishedBy: obj('The DaemonSet is fully rolled out (every desired node runs an updated, available pod) at the deadline.', {
          daemonSet: ref('daemonSetRef'),
          deadline: dur('The deadline.'),
        }, { required: ['daemonSet', 'deadline'] }),
        invariant: {
          type: 'string',
          enum: ['exactlyOnePodPerEligibleNode'],
          description:
            'exactlyOnePodPerEligibleNode: every Ready node where a DaemonSet should run has one pod of it (at most two while surging, never two of the same template). ' +
            'With during: always, the "at most" half is checked after every event (as dsim run --check does).',
        },
        maxUnavailable: obj('Unavailable pods (desired − available) never exceed a bound.', {
          daemonSet: ref('daemonSetRef'),
          atMost: { anyOf: [{ type: 'integer', minimum: 0 }, ref('percent')], description: 'A number, or a percentage of desired (rounded up).', errorMessage: 'must be a number or a percentage such as "10%"' },
          during: { type: 'string', enum: ['rollout', 'always'], default: 'rollout', description: 'rollout: while a template update rolls out; always: from the first full rollout on.' },
        }, { required: ['daemonSet', 'atMost'] }),
      },
      additionalProperties: false,
      ...exactlyOne(['daemonSet', 'rolloutFinishedBy', 'invariant', 'maxUnavailable'], 'of'),
    },
  },
};

// ---- the validator -------------------------------------------------------------------------------

/** A path into a document: field names and array indexes. */
export type Path = readonly (string | number)[];

/** A schema violation at a path (the first found, in document order). */
export interface SchemaViolation {
  readonly path: Path;
  readonly error: FieldError;
  /** A field the schema does not know (printed `unknown field "spec.foo"`, as kubectl's strict decoding does). */
  readonly unknownField?: boolean;
}

/** `spec.timeline[2].addNodes.count`, Kubernetes' field path notation. */
export function fieldPath(path: Path): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out;
}

function resolve(node: SchemaNode, root: SchemaNode): SchemaNode {
  let n = node;
  for (let guard = 0; n.$ref !== undefined && guard < 32; guard++) {
    const name = n.$ref.replace(/^#\/\$defs\//, '');
    const target = root.$defs?.[name];
    if (target === undefined) throw new Error(`schema: unknown $ref ${n.$ref}`);
    const { $ref: _, ...rest } = n;
    n = { ...target, ...rest };
  }
  return n;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMessage(node: SchemaNode): string {
  switch (node.type) {
    case 'integer':
      if (node.minimum === 0) return 'must be a non-negative integer';
      if (node.minimum === 1) return 'must be a positive integer';
      return 'must be an integer';
    case 'number':
      return node.minimum === 0 ? 'must be a non-negative number' : 'must be a number';
    case 'string':
      return 'must be a string';
    case 'boolean':
      return 'must be true or false';
    case 'object':
      return 'must be a map of fields';
    case 'array':
      return 'must be a list';
    default:
      return 'is not valid here';
  }
}

const invalid = (path: Path, value: unknown, detail: string): SchemaViolation => ({
  path,
  error: { type: 'Invalid value', field: fieldPath(path), value: shownValue(value), detail },
});

/** Scalars as written; collections by kind only, so a message stays one short line. */
function shownValue(v: unknown): unknown {
  if (Array.isArray(v)) return 'list';
  if (v !== null && typeof v === 'object') return 'map';
  return v;
}

/**
 * Why a whole alternative failed: anything wrong with the value itself (type, pattern), an unknown key, or (for a branch
 * that only requires a key) a missing key says "not this branch"; a problem further in says "this branch, but wrong
 * there", which is worth reporting rather than the alternatives' summary.
 */
function isShallow(v: SchemaViolation, at: Path, branch: SchemaNode): boolean {
  if (v.path.length === at.length) return true;
  if (v.unknownField === true) return v.path.length === at.length + 1;
  if (v.error.type === 'Required value') return v.path.length === at.length + 1 && branch.type === undefined;
  return false;
}

/**
 * Checks `value` against `node` and returns the first violation (in document order), or undefined.
 * Unknown fields come back as Kubernetes' strict decoding reports them (`unknown field "spec.foo"`).
 */
export function validateAgainstSchema(value: unknown, node: SchemaNode = SCENARIO_SCHEMA, path: Path = [], root: SchemaNode = SCENARIO_SCHEMA): SchemaViolation | undefined {
  const s = resolve(node, root);
  if (s.type !== undefined) {
    const t = typeOf(value);
    const fits = t === s.type || (s.type === 'number' && t === 'integer');
    if (!fits) return invalid(path, value, typeMessage(s));
  }
  if (s.const !== undefined && value !== s.const) return invalid(path, value, `must be ${JSON.stringify(s.const)}`);
  if (s.enum !== undefined && !s.enum.includes(value as string)) {
    return {
      path,
      error: { type: 'Unsupported value', field: fieldPath(path), value: shownValue(value), detail: `supported values: ${s.enum.map((e) => JSON.stringify(e)).join(', ')}` },
    };
  }
  if (typeof value === 'string') {
    if (s.minLength !== undefined && value.length < s.minLength) return invalid(path, value, 'must not be empty');
    if (s.pattern !== undefined && !new RegExp(s.pattern, 'u').test(value)) return invalid(path, value, s.patternErrorMessage ?? `must match ${s.pattern}`);
  }
  if (typeof value === 'number') {
    if (s.minimum !== undefined && value < s.minimum) return invalid(path, value, s.type === 'integer' ? typeMessage(s) : `must be at least ${s.minimum}`);
    if (s.exclusiveMinimum !== undefined && value <= s.exclusiveMinimum) return invalid(path, value, `must be more than ${s.exclusiveMinimum}`);
    if (s.maximum !== undefined && value > s.maximum) return invalid(path, value, `must be at most ${s.maximum}`);
  }
  if (Array.isArray(value)) {
    if (s.minItems !== undefined && value.length < s.minItems) {
      return invalid(path, value, s.minItems === 1 ? 'must not be empty' : `must have at least ${s.minItems} items`);
    }
    if (s.maxItems !== undefined && value.length > s.maxItems) return invalid(path, value, `must have at most ${s.maxItems} items`);
    for (let i = 0; i < value.length; i++) {
      const item = s.prefixItems?.[i] ?? s.items;
      if (item === undefined) continue;
      const r = validateAgainstSchema(value[i], item, [...path, i], root);
      if (r !== undefined) return r;
    }
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    // Field by field in document order, so the first message is about the first mistake in the file.
    const fields = value as Record<string, unknown>;
    for (const key of Object.keys(fields)) {
      const prop = s.properties?.[key];
      if (prop !== undefined) {
        const r = validateAgainstSchema(fields[key], prop, [...path, key], root);
        if (r !== undefined) return r;
      } else if (s.additionalProperties === false) {
        return { path: [...path, key], error: { type: 'Invalid value', field: fieldPath([...path, key]), detail: 'unknown field' }, unknownField: true };
      } else if (typeof s.additionalProperties === 'object') {
        const r = validateAgainstSchema(fields[key], s.additionalProperties, [...path, key], root);
        if (r !== undefined) return r;
      }
    }
    for (const key of s.required ?? []) {
      if (fields[key] === null || fields[key] === undefined) {
        return { path: [...path, key], error: { type: 'Required value', field: fieldPath([...path, key]), detail: '' } };
      }
    }
  }
  // Alternatives last: a mistake inside the chosen form is reported before "must have exactly one …".
  if (s.anyOf !== undefined || s.oneOf !== undefined) {
    const branches = (s.anyOf ?? s.oneOf)!;
    const results = branches.map((b) => validateAgainstSchema(value, b, path, root));
    const passed = results.filter((r) => r === undefined).length;
    const ok = s.oneOf !== undefined ? passed === 1 : passed >= 1;
    if (!ok) {
      if (passed === 0) {
        // Report from the one branch the value clearly meant, if there is one.
        const deep = results.filter((r, i): r is SchemaViolation => r !== undefined && !isShallow(r, path, resolve(branches[i]!, root)));
        if (deep.length === 1) return deep[0];
      }
      return invalid(path, value, s.errorMessage ?? 'does not match any allowed form');
    }
  }
  for (const part of s.allOf ?? []) {
    const r = validateAgainstSchema(value, part, path, root);
    if (r !== undefined) return r;
  }
  return undefined;
}

/** The published schema, as written to schema/scenario.schema.json. */
export function schemaJson(): string {
  return `${JSON.stringify(SCENARIO_SCHEMA, null, 2)}\n`;
}

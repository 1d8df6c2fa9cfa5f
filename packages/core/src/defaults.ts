// What the API server fills in before it validates and stores an object: apps/v1 and core/v1
// defaulting, plus the DaemonSet registry strategy's generation bookkeeping. Pure: never mutates its input.

import type { DaemonSet, DaemonSetSpec, DaemonSetStatus, Deployment, DeploymentSpec } from 'kubernetes-types/apps/v1';
import type {
  Container,
  HTTPGetAction,
  Namespace,
  Node,
  Pod,
  PodSpec,
  PodTemplateSpec,
  Probe,
  Toleration,
  Volume,
} from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { TAINT_EFFECT_NO_EXECUTE, TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE } from './taints.ts';

/** The apps/v1 annotation that carries the internal `spec.templateGeneration` (appsv1.DeprecatedTemplateGeneration). */
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

/** The label SetDefaults_Namespace adds to every named namespace (v1.LabelMetadataName). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** v1.TerminationMessagePathDefault. */
const TERMINATION_MESSAGE_PATH = '/dev/termination-log';
/** v1.DefaultTerminationGracePeriodSeconds. */
const TERMINATION_GRACE_PERIOD_SECONDS = 30;
/** v1.DefaultSchedulerName. */
const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
/** 0644, the default file mode of secret, configMap, downwardAPI and projected volumes. */
const DEFAULT_VOLUME_MODE = 420;
/** One hour, the default lifetime of a projected service account token. */
const TOKEN_EXPIRATION_SECONDS = 3600;

/**
 * Priorities of the two built-in PriorityClasses (scheduling.SystemCriticalPriority + 1000 and + 0).
 * dsim simulates no other PriorityClass objects.
 */
const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};

// Kubernetes' objects are plain JSON trees, so a structured clone is a faithful deep copy and
// leaves frozen (immer) inputs untouched.
function clone<T>(value: T): T {
  return structuredClone(value);
}

/**
 * The image tag `parsers.ParseImageName` reports: the explicit tag, `latest` when the reference has
 * neither tag nor digest, and '' when it has only a digest or cannot be parsed.
 */
export function imageTag(image: string): string {
  const m = IMAGE_REFERENCE.exec(image);
  if (m === null || image.length === 0) return '';
  const name = m[1] ?? '';
  // ParseNormalizedNamed rejects bare 64-hex identifiers and over-long names.
  if (/^[a-f0-9]{64}$/.test(image) || name.length > 255) return '';
  const tag = m[2];
  const digest = m[3];
  if (tag !== undefined) return tag;
  return digest === undefined ? 'latest' : '';
}

// The grammar of distribution/reference (regexp.go), which ParseImageName relies on.
const IMAGE_REFERENCE = (() => {
  const pathComponent = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
  const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
  const host = `(?:${domainComponent}(?:\\.${domainComponent})*|\\[(?:[a-fA-F0-9:]+)\\])`;
  const domainAndPort = `${host}(?::[0-9]+)?`;
  const name = `(?:${domainAndPort}/)?${pathComponent}(?:/${pathComponent})*`;
  const tag = '[\\w][\\w.-]{0,127}';
  const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
  return new RegExp(`^(${name})(?::(${tag}))?(?:@(${digest}))?$`);
})();

function defaultProbe(probe: Probe | undefined): void {
  if (probe === undefined) return;
  // Zero means unset for these int32 fields (SetDefaults_Probe).
  if (!probe.timeoutSeconds) probe.timeoutSeconds = 1;
  if (!probe.periodSeconds) probe.periodSeconds = 10;
  if (!probe.successThreshold) probe.successThreshold = 1;
  if (!probe.failureThreshold) probe.failureThreshold = 3;
  defaultHTTPGet(probe.httpGet);
}

function defaultHTTPGet(action: HTTPGetAction | undefined): void {
  if (action === undefined) return;
  if (!action.path) action.path = '/';
  if (!action.scheme) action.scheme = 'HTTP';
}

function defaultContainer(c: Container): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = imageTag(c.image ?? '') === 'latest' ? 'Always' : 'IfNotPresent';
  if (!c.terminationMessagePath) c.terminationMessagePath = TERMINATION_MESSAGE_PATH;
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  for (const port of c.ports ?? []) if (!port.protocol) port.protocol = 'TCP';
  for (const env of c.env ?? []) {
    const ref = env.valueFrom?.fieldRef;
    if (ref !== undefined && !ref.apiVersion) ref.apiVersion = 'v1';
  }
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  defaultHTTPGet(c.lifecycle?.postStart?.httpGet);
  defaultHTTPGet(c.lifecycle?.preStop?.httpGet);
  // Not a default but Go serialization: `resources` is a struct, not a pointer, so it always
  // prints (as `resources: {}` when empty).
  if (c.resources === undefined) c.resources = {};
}

function defaultVolume(v: Volume): void {
  // SetDefaults_Volume: a volume with no source is an emptyDir.
  const fields = v as unknown as Record<string, unknown>;
  if (!Object.keys(fields).some((k) => k !== 'name' && fields[k] !== undefined && fields[k] !== null)) {
    v.emptyDir = {};
  }
  if (v.hostPath !== undefined && v.hostPath.type === undefined) v.hostPath.type = '';
  if (v.secret !== undefined && v.secret.defaultMode === undefined) v.secret.defaultMode = DEFAULT_VOLUME_MODE;
  if (v.configMap !== undefined && v.configMap.defaultMode === undefined) v.configMap.defaultMode = DEFAULT_VOLUME_MODE;
  if (v.downwardAPI !== undefined) {
    if (v.downwardAPI.defaultMode === undefined) v.downwardAPI.defaultMode = DEFAULT_VOLUME_MODE;
    for (const item of v.downwardAPI.items ?? []) {
      if (item.fieldRef !== undefined && !item.fieldRef.apiVersion) item.fieldRef.apiVersion = 'v1';
    }
  }
  if (v.projected !== undefined) {
    if (v.projected.defaultMode === undefined) v.projected.defaultMode = DEFAULT_VOLUME_MODE;
    for (const source of v.projected.sources ?? []) {
      for (const item of source.downwardAPI?.items ?? []) {
        if (item.fieldRef !== undefined && !item.fieldRef.apiVersion) item.fieldRef.apiVersion = 'v1';
      }
      const token = source.serviceAccountToken;
      if (token !== undefined && token.expirationSeconds === undefined) token.expirationSeconds = TOKEN_EXPIRATION_SECONDS;
    }
  }
}

/** SetDefaults_PodSpec plus the nested defaulters generated for every PodSpec (zz_generated.defaults.go). */
function defaultPodSpec(spec: PodSpec): void {
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  if (spec.securityContext === undefined) spec.securityContext = {};
  if (spec.terminationGracePeriodSeconds === undefined) spec.terminationGracePeriodSeconds = TERMINATION_GRACE_PERIOD_SECONDS;
  if (!spec.schedulerName) spec.schedulerName = DEFAULT_SCHEDULER_NAME;
  for (const v of spec.volumes ?? []) defaultVolume(v);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const c of spec.ephemeralContainers ?? []) defaultContainer(c as Container);
}

function defaultPodTemplateSpec(template: PodTemplateSpec): void {
  if (template.spec === undefined) template.spec = { containers: [] };
  defaultPodSpec(template.spec);
}

/**
 * The DaemonSet the API server would store for `ds` (SetObjectDefaults_DaemonSet): updateStrategy
 * RollingUpdate with maxUnavailable 1 and maxSurge 0, revisionHistoryLimit 10, and the pod-spec
 * defaults on the template. Idempotent; returns a new object.
 */
export function defaultDaemonSet(ds: DaemonSet): DaemonSet {
  const out = clone(ds);
  const spec: DaemonSetSpec = out.spec ?? ({} as DaemonSetSpec);
  out.spec = spec;
  const strategy = spec.updateStrategy ?? {};
  spec.updateStrategy = strategy;
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const rolling = strategy.rollingUpdate ?? {};
    strategy.rollingUpdate = rolling;
    if (rolling.maxUnavailable === undefined) rolling.maxUnavailable = 1;
    if (rolling.maxSurge === undefined) rolling.maxSurge = 0;
  }
  if (spec.revisionHistoryLimit === undefined) spec.revisionHistoryLimit = 10;
  if (spec.template === undefined) spec.template = {};
  defaultPodTemplateSpec(spec.template);
  return out;
}

/**
 * The Deployment the API server would store for `d` (SetObjectDefaults_Deployment): one replica,
 * strategy RollingUpdate with maxUnavailable and maxSurge 25%, revisionHistoryLimit 10,
 * progressDeadlineSeconds 600, the pod-spec defaults on the template, and an empty status (dsim
 * runs no Deployment controller). Idempotent; returns a new object.
 */
export function defaultDeployment(d: Deployment): Deployment {
  const out = clone(d);
  const spec: DeploymentSpec = out.spec ?? ({} as DeploymentSpec);
  out.spec = spec;
  if (spec.replicas === undefined) spec.replicas = 1;
  const strategy = spec.strategy ?? {};
  spec.strategy = strategy;
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const rolling = strategy.rollingUpdate ?? {};
    strategy.rollingUpdate = rolling;
    if (rolling.maxUnavailable === undefined) rolling.maxUnavailable = '25%';
    if (rolling.maxSurge === undefined) rolling.maxSurge = '25%';
  }
  if (spec.revisionHistoryLimit === undefined) spec.revisionHistoryLimit = 10;
  if (spec.progressDeadlineSeconds === undefined) spec.progressDeadlineSeconds = 600;
  if (spec.template === undefined) spec.template = {};
  defaultPodTemplateSpec(spec.template);
  return out.status === undefined ? { ...out, status: {} } : out;
}

/**
 * The Pod the API server would store for `pod`: SetObjectDefaults_Pod (pod-spec defaults,
 * `enableServiceLinks: true`, requests copied from limits, host ports under hostNetwork) plus what
 * the Priority admission plugin sets when there is no default PriorityClass (`priority` from the
 * class, `preemptionPolicy: PreemptLowerPriority`). Unknown priority class names get no priority.
 */
export function defaultPod(pod: Pod): Pod {
  const out = clone(pod);
  const spec: PodSpec = out.spec ?? { containers: [] };
  out.spec = spec;
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const limits = c.resources?.limits;
    if (limits === undefined || c.resources === undefined) continue;
    const requests = c.resources.requests ?? {};
    c.resources.requests = requests;
    for (const [name, quantity] of Object.entries(limits)) if (!(name in requests)) requests[name] = quantity;
  }
  if (spec.enableServiceLinks === undefined) spec.enableServiceLinks = true;
  if (spec.hostNetwork === true) {
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      for (const port of c.ports ?? []) if (!port.hostPort) port.hostPort = port.containerPort;
    }
  }
  defaultPodSpec(spec);
  if (spec.priority === undefined) {
    const className = spec.priorityClassName ?? '';
    const priority = className === '' ? 0 : SYSTEM_PRIORITY_CLASSES[className];
    if (priority !== undefined) {
      spec.priority = priority;
      if (spec.preemptionPolicy === undefined) spec.preemptionPolicy = 'PreemptLowerPriority';
    }
  }
  return out;
}

/**
 * The Pod the API server would store for `pod` created through the API (a bare pod): `defaultPod`,
 * then the DefaultTolerationSeconds admission plugin (`withDefaultTolerationSeconds`).
 */
export function admitPod(pod: Pod): Pod {
  const out = defaultPod(pod);
  const spec = out.spec ?? { containers: [] };
  const tolerations = withDefaultTolerationSeconds(spec.tolerations);
  if (tolerations !== spec.tolerations) out.spec = { ...spec, tolerations };
  return out;
}

/** DefaultTolerationSeconds' default: --default-not-ready-toleration-seconds and --default-unreachable-toleration-seconds. */
const DEFAULT_TOLERATION_SECONDS = 300;

/**
 * The DefaultTolerationSeconds admission plugin (plugin/pkg/admission/defaulttolerationseconds),
 * which every API server runs on pod creation: a pod that does not tolerate the not-ready or the
 * unreachable NoExecute taint (a toleration with that key or no key, and effect NoExecute or none)
 * gets `{key, operator: Exists, effect: NoExecute, tolerationSeconds: 300}` for it, appended, so
 * that it stays five minutes on a node that fails. DaemonSet pods always carry both (the
 * controller adds them without a limit), so only bare pods get them. The same array when nothing
 * is added.
 */
export function withDefaultTolerationSeconds(tolerations: readonly Toleration[] | undefined): Toleration[] | undefined {
  let notReady = false;
  let unreachable = false;
  for (const t of tolerations ?? []) {
    const key = t.key ?? '';
    const anyEffect = (t.effect ?? '') === '' || t.effect === TAINT_EFFECT_NO_EXECUTE;
    if ((key === TAINT_NODE_NOT_READY || key === '') && anyEffect) notReady = true;
    if ((key === TAINT_NODE_UNREACHABLE || key === '') && anyEffect) unreachable = true;
  }
  if (notReady && unreachable) return tolerations as Toleration[] | undefined;
  const out = [...(tolerations ?? [])];
  for (const [key, tolerated] of [[TAINT_NODE_NOT_READY, notReady], [TAINT_NODE_UNREACHABLE, unreachable]] as const) {
    if (!tolerated) out.push({ key, operator: 'Exists', effect: TAINT_EFFECT_NO_EXECUTE, tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
  }
  return out;
}

/** The Node the API server would store: `status.allocatable` defaults to `status.capacity` (SetDefaults_NodeStatus). */
export function defaultNode(node: Node): Node {
  const out = clone(node);
  const status = out.status;
  if (status !== undefined && status.allocatable === undefined && status.capacity !== undefined) {
    status.allocatable = { ...status.capacity };
  }
  return out;
}

/**
 * The Namespace the API server would store: the `kubernetes.io/metadata.name` label (when the name
 * is known) and `status.phase: Active` (SetDefaults_Namespace, SetDefaults_NamespaceStatus).
 */
export function defaultNamespace(ns: Namespace): Namespace {
  const out = clone(ns);
  const name = out.metadata?.name ?? '';
  if (name !== '') {
    const metadata: ObjectMeta = out.metadata ?? {};
    metadata.labels = { ...(metadata.labels ?? {}), [NAMESPACE_NAME_LABEL]: name };
    out.metadata = metadata;
  }
  const status = out.status ?? {};
  if (!status.phase) status.phase = 'Active';
  out.status = status;
  return out;
}

/**
 * A Secret as the API server stores it: `stringData` (write-only) merged into `data`, base64 of
 * its UTF-8, over any `data` key of the same name, then dropped; `type` Opaque when unset
 * (SetDefaults_Secret and the v1 conversion).
 */
export function defaultSecret<T extends { type?: string; data?: Record<string, string>; stringData?: Record<string, string> }>(secret: T): T {
  const out = clone(secret);
  if (out.stringData !== undefined && out.stringData !== null) {
    const data = { ...(out.data ?? {}) };
    for (const [k, v] of Object.entries(out.stringData)) data[k] = base64Utf8(String(v));
    out.data = data;
  }
  delete out.stringData;
  if (!out.type) out.type = 'Opaque';
  return out;
}

/** Base64 of a string's UTF-8 bytes. */
function base64Utf8(s: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(s)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** A PriorityClass as the API server stores it: `preemptionPolicy` PreemptLowerPriority when unset (SetDefaults_PriorityClass). */
export function defaultPriorityClass<T extends { preemptionPolicy?: string }>(pc: T): T {
  const out = clone(pc);
  if (!out.preemptionPolicy) out.preemptionPolicy = 'PreemptLowerPriority';
  return out;
}

/**
 * The DaemonSet's template generation, read from the `deprecated.daemonset.template.generation`
 * annotation; 0 when absent or not an integer (as for an object that never went through the API server).
 */
export function templateGeneration(ds: DaemonSet): number {
  const raw = ds.metadata?.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  if (raw === undefined || !/^[+-]?[0-9]+$/.test(raw)) return 0;
  return Number.parseInt(raw, 10);
}

/** DaemonSetStatus{} as Go serializes it: the four counters without omitempty. */
const EMPTY_STATUS: DaemonSetStatus = {
  currentNumberScheduled: 0,
  numberMisscheduled: 0,
  desiredNumberScheduled: 0,
  numberReady: 0,
};

/**
 * What the API server stores for a create (`old` undefined) or an update of a DaemonSet, before
 * validation: defaults applied, then the registry strategy (PrepareForCreate / PrepareForUpdate).
 * Create: generation 1, template generation max(annotation, 1), empty status. Update: generation and
 * template generation start from `old` (a request cannot set them); a template change bumps both,
 * any other spec change bumps generation only; status is kept from `old`. Specs are compared after
 * defaulting with Kubernetes' semantic equality (nil and empty lists and maps are equal).
 */
export function applyDaemonSetUpdate(old: DaemonSet | undefined, next: DaemonSet): DaemonSet {
  const out = defaultDaemonSet(next);
  // The API server owns these system fields, which kubernetes-types marks read-only.
  const metadata: { -readonly [K in keyof ObjectMeta]: ObjectMeta[K] } = { ...(out.metadata ?? {}) };
  let generation: number;
  let tg: number;
  let status: DaemonSetStatus;
  if (old === undefined) {
    generation = 1;
    tg = Math.max(templateGeneration(out), 1);
    status = { ...EMPTY_STATUS };
    // BeforeCreate: a new object is never being deleted.
    delete metadata.deletionTimestamp;
    delete metadata.deletionGracePeriodSeconds;
  } else {
    const before = defaultDaemonSet(old);
    const oldGeneration = before.metadata?.generation ?? 0;
    const oldTG = templateGeneration(before);
    const templateChanged = !semanticallyEqual(before.spec?.template, out.spec?.template);
    const specChanged = templateChanged || !semanticallyEqual(before.spec, out.spec);
    tg = templateChanged ? oldTG + 1 : oldTG;
    generation = specChanged ? oldGeneration + 1 : oldGeneration;
    status = old.status === undefined ? { ...EMPTY_STATUS } : clone(old.status);
    // BeforeUpdate: keep the stored UID when none is sent, and ignore changes to the creation time.
    if (!metadata.uid && old.metadata?.uid) metadata.uid = old.metadata.uid;
    if (old.metadata?.creationTimestamp) metadata.creationTimestamp = old.metadata.creationTimestamp;
  }
  metadata.generation = generation;
  metadata.annotations = { ...(metadata.annotations ?? {}), [TEMPLATE_GENERATION_ANNOTATION]: String(tg) };
  return { ...out, metadata, status };
}

// ---- semantic equality (apiequality.Semantic.DeepEqual over the Go types) ----

// Fields that are Go maps: nil and empty are equal, and their entries are data, never defaults.
const MAP_FIELDS = new Set(['labels', 'annotations', 'nodeSelector', 'matchLabels', 'limits', 'requests', 'overhead']);
// Go value structs (not pointers): absent and empty are the same value.
const VALUE_STRUCT_FIELDS = new Set(['metadata', 'spec', 'resources', 'updateStrategy', 'template']);
// Non-pointer scalars users often spell out with their zero value.
const VALUE_SCALAR_FIELDS = new Set([
  'hostNetwork',
  'hostPID',
  'hostIPC',
  'stdin',
  'stdinOnce',
  'tty',
  'readOnly',
  'minReadySeconds',
  'hostPort',
  'initialDelaySeconds',
]);
// String pointers, where "" differs from unset; every other string field is a Go value.
const POINTER_STRING_FIELDS = new Set(['runtimeClassName', 'preemptionPolicy', 'localhostProfile', 'procMount', 'storageClassName']);
const RESOURCE_LIST_FIELDS = new Set(['limits', 'requests', 'overhead']);

function normalize(value: unknown, key: string | undefined): unknown {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    return value.length === 0 ? undefined : value.map((v) => normalize(v, undefined) ?? null);
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (key !== undefined && MAP_FIELDS.has(key)) {
      if (entries.length === 0) return undefined;
      const out: Record<string, unknown> = {};
      for (const [k, v] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        out[k] = RESOURCE_LIST_FIELDS.has(key) ? canonicalQuantity(v) : v;
      }
      return out;
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) {
      const n = normalize(v, k);
      if (n !== undefined) out[k] = n;
    }
    if (Object.keys(out).length === 0 && key !== undefined && VALUE_STRUCT_FIELDS.has(key)) return undefined;
    return out;
  }
  if (value === '' && !(key !== undefined && POINTER_STRING_FIELDS.has(key))) return undefined;
  if ((value === false || value === 0) && key !== undefined && VALUE_SCALAR_FIELDS.has(key)) return undefined;
  return value;
}

const QUANTITY = /^([+-]?[0-9.]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;
const QUANTITY_SCALE: Readonly<Record<string, number>> = {
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
  n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
};

// resource.Quantity compares by value, so "1" and "1000m" are the same CPU.
function canonicalQuantity(v: unknown): unknown {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return v;
  const m = QUANTITY.exec(v);
  if (m === null) return v;
  const base = Number(m[1]);
  const suffix = m[2];
  if (Number.isNaN(base)) return v;
  if (suffix === undefined) return base;
  const scale = QUANTITY_SCALE[suffix];
  return scale !== undefined ? base * scale : base * 10 ** Number(suffix.slice(1));
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const rb = b as Record<string, unknown>;
  const ra = a as Record<string, unknown>;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(rb, k) && deepEqual(ra[k], rb[k]));
}

/**
 * Kubernetes' semantic equality of two API values (apiequality.Semantic.DeepEqual): unset, null,
 * empty lists and empty maps are equal; zero values of non-pointer fields equal unset ones; resource
 * quantities compare by value. Compare defaulted objects: this does not apply defaults itself.
 */
export function semanticallyEqual(a: unknown, b: unknown): boolean {
  return deepEqual(normalize(a, undefined), normalize(b, undefined));
}

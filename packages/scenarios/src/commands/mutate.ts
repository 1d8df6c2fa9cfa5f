// Commands that change the cluster: apply, create, delete, label, taint, cordon, uncordon, drain.
// Each checks everything first and only then records inputs, so a failing command leaves the log
// exactly as it was.

import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import {
  applyDaemonSetUpdate,
  decodeWith,
  decodedKindOf,
  withoutNulls,
  type DecodedKind,
  type FieldValidation,
  defaultNamespace,
  defaultNode,
  admitPod,
  podAdmissionError,
  defaultPriorityClass,
  defaultSecret,
  defaultService,
  defaultDeployment,
  serviceAllocations,
  canonicalJson,
  semanticallyEqual,
  events as ev,
  getNode,
  objectKey,
  podsOnNode,
  derivedUid,
  storedObjectKey,
  tableGet,
  validateDaemonSet,
  validateDaemonSetUpdate,
  validateNamespace,
  validateNode,
  validatePod,
  formatFieldError,
  type ClusterState,
  type Engine,
  type FieldError,
  type KubeObject,
  type PendingEvent,
} from '@dsim/core';
import { boolFlag, flag, listFlag } from '../args.ts';
import { aggregate, drainPlan, drainRefusal } from '../drain.ts';
import type { Context } from '../cli.ts';
import { kubectlValidationMessage, loadManifests, ManifestError, type LoadedObject } from '../manifests.ts';
import { goQuote } from '../print/jsonpath.ts';
import { kubectlJson, kubectlJsonChunks } from '../print/json.ts';
import { kubectlYamlChunks } from '../print/yaml.ts';
import { formatGoDuration, parseDuration } from '../print/duration.ts';
import { qualifiedKind, qualifiedResource, typeOfObject, findResourceType, unmappedKind, type ResourceType } from '../resources.ts';
import { selectorMatchesLabels } from '../selector.ts';
import { UserError } from '../session.ts';
import { getObject, listObjects } from '../view.ts';
import { dryRunStrategy } from './annotate.ts';
import { outputFormat, printObject, templateFailure, type Output } from './printFlags.ts';
import { planApplied, type ApplyOptions } from './applyMerge.ts';
import { modifiedConfiguration } from '../threeWayMerge.ts';
import { filterBySelectors, manifestNamespace, namespaceOf, parseTimeFlag, resolveRequests, selectorOfArgs, storedTypes } from './read.ts';
import { runUntil } from './time.ts';

export type Verb = 'apply' | 'create' | 'replace';

export interface Planned {
  readonly message: string;
  readonly event?: PendingEvent;
}

/**
 * The objects the -f flags name. `validate`: as kubectl's apply and create, which validate each
 * object before anything else (kubectl's default --validate=strict), print a refused one in their
 * words (`error validating "F": error validating data: …; if you choose to ignore these errors, …`),
 * followed by where it is.
 */
export function loadAll(ctx: Context, validate = false): LoadedObject[] {
  const files = listFlag(ctx.args, 'filename');
  if (files.length === 0) throw new UserError('error: must specify one of -f and -k');
  const out: LoadedObject[] = [];
  try {
    for (const f of files) out.push(...loadManifests(f, { readStdin: ctx.io.readStdin, recursive: boolFlag(ctx.args, 'recursive') }));
  } catch (e) {
    const validation = validate && e instanceof ManifestError ? kubectlValidationMessage(e) : undefined;
    if (validation !== undefined) throw new UserError(`error: ${validation}`);
    throw e;
  }
  return out;
}

function nameOf(o: object): string {
  return (((o as { metadata?: unknown }).metadata ?? {}) as { name?: string }).name ?? '';
}

/** `<file>:<line>` of a field error, to say where in the manifest the problem is. */
function where(o: LoadedObject, field: string | undefined): string {
  if (field === undefined || field === '') return `${o.source}:${o.line}`;
  const path = field.replace(/\[(\d+)\]/g, '.$1').split('.').filter((p) => p !== '');
  return `${o.source}:${o.locate(path)}`;
}

/**
 * An Invalid error as kubectl's checkErr prints it (`The DaemonSet "x" is invalid: <cause>`, or
 * one `* <cause>` line each after a header when there are several; the file name is not part of
 * it), each cause followed by where it is in the manifest.
 */
function invalid(o: LoadedObject, t: ResourceType, errors: readonly FieldError[]): InvalidObjectError {
  const causes: string[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const message = formatFieldError(e);
    if (seen.has(message)) continue;
    seen.add(message);
    // An object that came from no file (a patched one) has no place to name.
    causes.push(o.source === '' ? message : `${message} (${where(o, e.field)})`);
  }
  const head = `The ${t.kind} ${goQuote(nameOf(o.object))} is invalid`;
  if (causes.length === 0) return new InvalidObjectError(o.source === '' ? head : `${head} (${where(o, undefined)})`, errors);
  return new InvalidObjectError(causes.length === 1 ? `${head}: ${causes[0]}` : `${head}: \n${causes.map((c) => `* ${c}`).join('\n')}`, errors);
}

/** The API server's AlreadyExists (409) refusal of a create; `status` is its own message (`kind "name" already exists`). */
export class AlreadyExistsError extends UserError {
  constructor(
    message: string,
    readonly status: string,
  ) {
    super(message);
  }
}

/** The API server's Invalid (422) refusal, with its causes: `edit` lists them in the file it reopens. */
export class InvalidObjectError extends UserError {
  constructor(
    message: string,
    readonly causes: readonly FieldError[],
  ) {
    super(message);
  }
}

function namespaceExists(state: ClusterState, ns: string, creating: ReadonlySet<string>): boolean {
  return creating.has(ns) || state.objects.has(storedObjectKey('v1', 'Namespace', undefined, ns));
}

/** `dsim apply -f`, `dsim create -f` and `dsim replace -f`. */
export function applyCommand(ctx: Context, verb: Verb): number {
  if (verb === 'replace') checkReplaceFlags(ctx);
  if (verb === 'create') {
    // The generators (`create namespace NAME`, …) are createGenerators.ts's; any other argument is
    // refused as kubectl refuses it.
    const sub = ctx.args.positional[0];
    if (sub !== undefined) {
      // kubectl v1.32 capitalizes it when -f is given (then its argument check runs, not its usage).
      const prefix = listFlag(ctx.args, 'filename').length > 0 ? 'Error' : 'error';
      throw new UserError(`${prefix}: Unexpected args: [${ctx.args.positional.join(' ')}]\nSee 'dsim create -h' for help and examples`);
    }
    // create builds its printer before it reads anything; apply reads (and validates) first.
    printerOf(ctx);
  }
  const validation = validationDirective(ctx);
  // Client-side schema checks (apiVersion and kind set) run unless validation is off.
  const loaded = loadAll(ctx, validation !== 'Ignore');
  if (loaded.length === 0) throw new UserError(`error: no objects passed to ${verb}`);
  const output = printerOf(ctx);
  if (verb === 'replace' && boolFlag(ctx.args, 'force')) return forceReplace(ctx, loaded, validation, output);
  const dryRun = dryRunStrategy(ctx);
  const session = ctx.open();
  const engine = session.engine();
  if (dryRun === 'client') return clientDryRun(ctx, output, engine.state, loaded, verb);
  const { planned, targets } = planApply(ctx, engine, loaded, verb, validation);
  // A server dry run plans (and the server's checks refuse) as the real thing does, and saves nothing.
  if (dryRun === 'none') session.commit();
  const suffix = dryRun === 'server' ? ' (server dry run)' : '';
  printApplied(ctx, output, planned.map((p) => p.message + suffix), () => objectsAsStored(engine.state, targets), verb === 'apply');
  return 0;
}

/** An object as kubectl's client-side dry run prints it: as read, its namespace set as the builder sets it. */
function asSent(o: LoadedObject, t: Target): KubeObject {
  const obj = o.object as unknown as KubeObject;
  return t.type.namespaced ? ({ ...obj, metadata: { ...obj.metadata, namespace: t.ns } } as KubeObject) : obj;
}

/** replace's Validate: the deletion flags need --force, and --force no dry run. */
function checkReplaceFlags(ctx: Context): void {
  const force = boolFlag(ctx.args, 'force');
  if (!force && flag(ctx.args, 'grace-period') !== undefined && flag(ctx.args, 'grace-period') !== '-1') throw new UserError('error: --grace-period must have --force specified');
  if (!force && flag(ctx.args, 'timeout') !== undefined && !/^0+[a-z]*$/.test(flag(ctx.args, 'timeout')!)) throw new UserError('error: --timeout must have --force specified');
  if (force && (flag(ctx.args, 'dry-run') ?? 'none') !== 'none') throw new UserError('error: --dry-run can not be used when --force is set');
  if (flag(ctx.args, 'subresource') !== undefined) throw new UserError('error: --subresource: dsim keeps every status itself, so it takes no status writes');
}

/** How long `replace --force` waits for what it deleted to be gone when --timeout is 0 or not given (forceReplace's). */
const FORCE_REPLACE_WAIT_MS = 5 * 60 * 1000;

/**
 * `replace --force`, kubectl's forceReplace: every object of the files deleted (as `delete` deletes
 * it: --cascade, --grace-period; one that does not exist is simply created), then, simulated time
 * running as it would, waited for until each is gone (--timeout, 5 minutes when 0), then each
 * created anew (a new uid; `--save-config` as create's), printed `… replaced`. Where the creates
 * would be refused, dsim refuses the whole command and saves nothing, where kubectl would have
 * deleted the objects already.
 */
function forceReplace(ctx: Context, loaded: readonly LoadedObject[], validation: FieldValidation, output: Output): number {
  // replace's Complete: --grace-period=0 becomes 1 (no force deletion, which would not wait); -1, the object's own.
  const asked = gracePeriodArg(ctx) ?? -1;
  const grace = asked === 0 ? 1 : asked < 0 ? undefined : asked;
  const cascade = cascadeFlag(ctx);
  const timeoutFlag = flag(ctx.args, 'timeout');
  const timeout = timeoutFlag === undefined ? 0 : parseTimeFlag(timeoutFlag, 'timeout');
  const session = ctx.open();
  const engine = session.engine();
  const explicitNs = flag(ctx.args, 'namespace');
  const targets = loaded.map((o) => targetOf(o, explicitNs));
  const deleted: string[] = [];
  for (const t of targets) {
    const p = planDelete(engine.state, t.type, t.ns, t.name, grace, output.format === 'name' ? 'name' : '', cascade);
    if (p === undefined) continue;
    if (p.event !== undefined) engine.input(p.event);
    deleted.push(p.message);
  }
  const start = engine.now;
  const deadline = start + (timeout === 0 ? FORCE_REPLACE_WAIT_MS : timeout);
  const gone = () => targets.every((t) => getObject(engine.state, t.type, t.ns, t.name) === undefined);
  if (!runUntil(engine, deadline, gone)) {
    // kubectl polled until its timeout: the whole of it passed.
    engine.advance(deadline);
    for (const m of deleted) ctx.io.stdout(`${m}\n`);
    engine.input(ev.timeAdvanced(engine.now));
    session.commit();
    throw new UserError('error: timed out waiting for the condition');
  }
  if (engine.now > start) engine.input(ev.timeAdvanced(engine.now));
  planApply(ctx, engine, loaded, 'create', validation);
  session.commit();
  for (const m of deleted) ctx.io.stdout(`${m}\n`);
  const replaced = targets.map((t) => `${qualifiedKind(t.type)}/${t.name} replaced`);
  printApplied(ctx, output, replaced, () => objectsAsStored(engine.state, targets), false);
  return 0;
}

/** Where a loaded object goes: its kind's resource, namespace (as the builder defaults it) and name. */
function targetOf(o: LoadedObject, explicitNs: string | undefined): Target {
  const obj = o.object as unknown as KubeObject;
  const type = typeOfObject(o.object.apiVersion, o.object.kind);
  const meta = (obj.metadata ?? {}) as { namespace?: string; name?: string };
  const name = meta.name ?? '';
  const unmapped = unmappedKind(o.object.apiVersion, o.object.kind, name, meta.namespace, o.source);
  if (unmapped !== undefined) throw new UserError(unmapped);
  if (name === '') {
    throw new UserError(`error: error when retrieving current configuration of "${o.source}": resource name may not be empty (${o.source}:${o.line})`);
  }
  return { type, ns: manifestNamespace(type, obj, explicitNs), name };
}

/**
 * kubectl's client-side dry run of apply and create, which asks the server nothing but (apply)
 * whether each object exists: a new one is "created (dry run)" and printed as read, in its
 * namespace, with apply's last-applied-configuration annotation; one that exists is
 * "configured (dry run)", unchanged or not (kubectl computes no patch then), and printed as it is
 * now.
 */
function clientDryRun(ctx: Context, output: Output, state: ClusterState, loaded: readonly LoadedObject[], verb: Verb): number {
  const explicitNs = flag(ctx.args, 'namespace');
  const messages: string[] = [];
  const objects: KubeObject[] = [];
  for (const o of loaded) {
    const target = targetOf(o, explicitNs);
    const live = verb === 'apply' ? objectsFound(state, [target])[0] : undefined;
    const done = verb === 'replace' ? 'replaced' : live === undefined ? 'created' : 'configured';
    messages.push(`${qualifiedKind(target.type)}/${target.name} ${done} (dry run)`);
    // kubectl annotates a new object before it decides not to send it (apply, create --save-config).
    const annotate = verb === 'apply' || boolFlag(ctx.args, 'save-config');
    objects.push(live ?? (annotate ? (modifiedConfiguration(asSent(o, target) as never, true) as unknown as KubeObject) : asSent(o, target)));
  }
  printApplied(ctx, output, messages, () => objects, verb === 'apply');
  return 0;
}

/** What apply, create and diff plan for each object they were given, and where it will be stored. */
export interface PlannedApply {
  readonly planned: readonly Planned[];
  readonly targets: readonly Target[];
}

/**
 * Plans every loaded object against the state as it will be after the ones before it, and feeds
 * each fact to the engine (nothing is saved: the caller commits the session, or does not). An
 * object that exists is changed by kubectl's three-way patch (applyMerge.ts; `options` for diff's).
 */
export function planApply(ctx: Context, engine: Engine, loaded: readonly LoadedObject[], verb: Verb, validation: FieldValidation, options: ApplyOptions = {}): PlannedApply {
  const explicitNs = flag(ctx.args, 'namespace');
  const creatingNs = new Set<string>();
  const planned: Planned[] = [];
  const targets: Target[] = [];
  const pendingKeys = new Set<string>();
  const claimed: Claimed = { clusterIPs: new Set(), nodePorts: new Set() };
  for (const o of loaded) {
    const obj = o.object as unknown as KubeObject;
    const { type: t, ns, name } = targetOf(o, explicitNs);
    if (ns !== undefined && !namespaceExists(engine.state, ns, creatingNs)) {
      throw new UserError(`Error from server (NotFound): error when creating "${o.source}": namespaces "${ns}" not found (${o.source}:${o.line})`);
    }
    const key = `${t.kind}.${t.group}/${ns ?? ''}/${name}`;
    if (pendingKeys.has(key)) {
      throw new UserError(`error: ${o.source}:${o.line}: ${qualifiedKind(t)} "${name}" appears twice in the input`);
    }
    pendingKeys.add(key);
    const withNs = (t.namespaced ? { ...obj, metadata: { ...obj.metadata, namespace: ns } } : obj) as KubeObject;
    const saveConfig = verb !== 'apply' && boolFlag(ctx.args, 'save-config');
    planned.push(planApplied(engine.state, o, t, withNs, verb, validation, (line) => ctx.io.stderr(`${line}\n`), claimed, { saveConfig, ...options }));
    targets.push({ type: t, ns, name });
    if (t.kind === 'Namespace' && t.group === '') creatingNs.add(name);
  }
  for (const p of planned) if (p.event !== undefined) engine.input(p.event);
  return { planned, targets };
}

/**
 * What apply and create print once the log is saved: each object's line or name, or the objects
 * as stored (see printObjects), or a template's results: apply's on the one object or on the List
 * of several, create's on each as it is created. A template that fails is kubectl's printer error.
 */
function printApplied(ctx: Context, output: Output, messages: readonly string[], stored: () => KubeObject[], asList: boolean): void {
  if (output.format === '' || output.format === 'name') {
    for (const m of messages) ctx.io.stdout(output.format === 'name' ? `${m.split(' ')[0]}\n` : `${m}\n`);
    return;
  }
  const objects = stored();
  if (output.format === 'json' || output.format === 'yaml') return printObjects(ctx, output.format, objects, asList);
  const printed = asList && objects.length > 1 ? [{ apiVersion: 'v1', items: objects, kind: 'List', metadata: {} } as unknown as KubeObject] : objects;
  try {
    for (const o of printed) printObject(ctx, output, o, '');
  } catch (e) {
    const failure = templateFailure(ctx, e);
    if (failure === undefined) throw e;
    throw new UserError(failure.alone);
  }
}

/** The -o of apply and create: every printer of kubectl's PrintFlags. */
function printerOf(ctx: Context): Output {
  return outputFormat(flag(ctx.args, 'output') ?? '');
}

export interface Target {
  readonly type: ResourceType;
  readonly ns: string | undefined;
  readonly name: string;
}

/** The objects as the API server now returns them (as `get -o yaml` shows them), in the order given. */
function objectsAsStored(state: ClusterState, targets: readonly Target[]): KubeObject[] {
  return objectsFound(state, targets).map((o, i) => {
    if (o === undefined) throw new Error(`${qualifiedKind(targets[i]!.type)}/${targets[i]!.name} is not stored after it was applied`);
    return o;
  });
}

/** Each target as `get -o yaml` shows it, or undefined where there is none. */
export function objectsFound(state: ClusterState, targets: readonly Target[]): (KubeObject | undefined)[] {
  // One listing per type and namespace, not one per object: a node dump can name thousands.
  const listings = new Map<string, Map<string, KubeObject>>();
  return targets.map((t) => {
    const key = `${t.type.resource}.${t.type.group}/${t.ns ?? ''}`;
    let byName = listings.get(key);
    if (byName === undefined) {
      byName = new Map(listObjects(state, t.type, t.ns).map((o) => [o.metadata?.name ?? '', o]));
      listings.set(key, byName);
    }
    return byName.get(t.name);
  });
}

/**
 * Objects printed with -o json|yaml as kubectl prints what the server returned. apply prints once,
 * at the end: one object as itself, several as a v1 List (a Go struct, so its JSON keys come as
 * declared: kind, apiVersion, metadata, items; YAML sorts them). create prints each object as it
 * is created: YAML with `---` between, JSON one object after another.
 */
export function printObjects(ctx: Context, output: 'json' | 'yaml', objects: readonly KubeObject[], asList: boolean): void {
  if (asList && objects.length > 1) {
    if (output === 'yaml') {
      for (const chunk of kubectlYamlChunks({ apiVersion: 'v1', items: objects, kind: 'List', metadata: {} })) ctx.io.stdout(chunk);
      return;
    }
    // json.MarshalIndent of corev1.List: each item (an unstructured object, keys sorted) indented two levels.
    ctx.io.stdout('{\n    "kind": "List",\n    "apiVersion": "v1",\n    "metadata": {},\n    "items": [\n');
    objects.forEach((o, i) => {
      ctx.io.stdout(`        ${kubectlJson(o).replaceAll('\n', '\n        ')}${i < objects.length - 1 ? ',' : ''}\n`);
    });
    ctx.io.stdout('    ]\n}\n');
    return;
  }
  objects.forEach((o, i) => {
    if (output === 'yaml') {
      if (i > 0) ctx.io.stdout('---\n');
      for (const chunk of kubectlYamlChunks(o)) ctx.io.stdout(chunk);
    } else {
      for (const chunk of kubectlJsonChunks(o)) ctx.io.stdout(chunk);
      ctx.io.stdout('\n');
    }
  });
}

/**
 * A Service as the API server stores it (`defaultService`): its addresses and ports chosen from the
 * log's position and its name, so a replay agrees, away from those other Services hold and those
 * `claimed` by Services earlier in the same command (which it then claims too).
 */
function storedService(state: ClusterState, o: LoadedObject, t: ResourceType, obj: KubeObject, key: string, claimed: Claimed): KubeObject {
  const others: Service[] = [];
  for (const [k, r] of state.objects) if (k !== key && r.object.apiVersion === 'v1' && r.object.kind === 'Service') others.push(r.object as Service);
  const held = serviceAllocations(others);
  const taken = { clusterIPs: new Set([...held.clusterIPs, ...claimed.clusterIPs]), nodePorts: new Set([...held.nodePorts, ...claimed.nodePorts]) };
  const before = state.objects.get(key)?.object as Service | undefined;
  const r = defaultService(obj as Service, before, taken, `service/${obj.metadata?.namespace ?? ''}/${nameOf(obj)}@${state.seq}`);
  if (!r.ok) throw invalid(o, t, r.errors);
  const mine = serviceAllocations([r.service]);
  for (const ip of mine.clusterIPs) claimed.clusterIPs.add(ip);
  for (const port of mine.nodePorts) claimed.nodePorts.add(port);
  return r.service as unknown as KubeObject;
}

/** The cluster IPs and node ports given to Services earlier in one command. */
export interface Claimed {
  readonly clusterIPs: Set<string>;
  readonly nodePorts: Set<number>;
}

/**
 * What applying one object does, checked as the API server checks it (decoded, defaulted,
 * validated, its kind's update rules): the message `apply` prints and the event to record, if
 * any; an object the server would refuse throws its UserError. `patch` plans its patched objects
 * so too (with a LoadedObject whose source is '': its errors then name no place in a file).
 */
export function planOne(
  state: ClusterState,
  o: LoadedObject,
  t: ResourceType,
  obj: KubeObject,
  verb: Verb,
  validation: FieldValidation,
  warn: (line: string) => void,
  claimed: Claimed,
): Planned {
  const name = nameOf(obj);
  const label = `${qualifiedKind(t)}/${name}`;
  // An update (PUT) finds the object it replaces before anything else is checked.
  if (verb === 'replace' && !storedAlready(state, t, obj)) {
    throw new UserError(`Error from server (NotFound): error when replacing "${o.source}": ${qualifiedResource(t)} "${name}" not found`);
  }
  const exists = (present: boolean) => {
    if (present && verb === 'create') {
      const status = `${qualifiedResource(t)} "${name}" already exists`;
      throw new AlreadyExistsError(`Error from server (AlreadyExists): error when creating "${o.source}": ${status}`, status);
    }
  };
  const verbing = verb === 'apply' ? 'applying patch' : verb === 'replace' ? 'replacing' : 'creating';
  const decoding = decodeProblem(o, t, obj, validation, () => (verb !== 'create' && storedAlready(state, t, obj) ? verbing : 'creating'));
  if (decoding.error !== undefined) throw decoding.error;
  // The API server's warnings (--validate=warn), printed as kubectl's warning handler prints them.
  for (const w of decoding.warnings) warn(`Warning: ${w}`);
  const decoded = decodedKind(t);
  // Nulls become what Go decodes them to, so that nothing downstream meets one; fields the type
  // does not have, which only a lenient validation lets through, go as the API server drops them.
  if (decoded !== undefined) obj = withoutNulls(decoded, obj, validation !== 'Strict');
  if (t.group === 'apps' && t.kind === 'DaemonSet') {
    const ds = obj as unknown as DaemonSet;
    const rec = state.daemonSets.get(objectKey(ds.metadata!.namespace!, name));
    exists(rec !== undefined);
    const next = applyDaemonSetUpdate(rec?.daemonSet, ds);
    const errors = rec === undefined ? validateDaemonSet(next) : validateDaemonSetUpdate(next, rec.daemonSet);
    if (errors.length > 0) throw invalid(o, t, errors);
    if (rec !== undefined && sameDaemonSet(rec.daemonSet, next)) return { message: `${label} unchanged` };
    return { message: `${label} ${rec === undefined ? 'created' : 'configured'}`, event: ev.daemonSetApplied(ds) };
  }
  if (t.group === 'apps' && t.kind === 'ControllerRevision') {
    throw new UserError(`error: ${o.source}:${o.line}: ControllerRevisions are made by the DaemonSet controller in dsim; apply the DaemonSet instead`);
  }
  if (t.group === '' && t.kind === 'Node') {
    const node = obj as unknown as Node;
    const errors = validateNode(defaultNode(node));
    if (errors.length > 0) throw invalid(o, t, errors);
    const rec = getNode(state, name);
    exists(rec !== undefined);
    if (rec === undefined) return { message: `${label} created`, event: ev.nodeAdded(node) };
    const merged = mergeNode(rec.node, node);
    if (canonicalJson(merged) === canonicalJson(rec.node)) return { message: `${label} unchanged` };
    return { message: `${label} configured`, event: ev.nodeUpdated(merged) };
  }
  if (t.group === '' && t.kind === 'Pod') {
    const pod = obj as unknown as Pod;
    const rec = tableGet(state.pods, objectKey(pod.metadata!.namespace!, name));
    // A create goes through the mutating admission plugins (ServiceAccount, Priority) first.
    const refused = rec === undefined ? podAdmissionError(state.objects, pod.metadata!.namespace!, name, pod.spec) : undefined;
    if (refused !== undefined) throw new UserError(`Error from server (Forbidden): error when creating "${o.source}": ${refused} (${o.source}:${o.line})`);
    // The API server defaults before it validates.
    const errors = validatePod(admitPod(pod));
    if (errors.length > 0) throw invalid(o, t, errors);
    exists(rec !== undefined);
    // The uid is derived from the pod's key and log position, so a replay of the log agrees.
    if (rec === undefined) return { message: `${label} created`, event: ev.barePodCreated(pod, derivedUid(`pod/${pod.metadata!.namespace}/${name}@${state.seq}`)) };
    if (rec.object !== undefined && canonicalJson(rec.object.spec) === canonicalJson(pod.spec)) return { message: `${label} unchanged` };
    throw new UserError(
      `The Pod "${name}" is invalid: spec: Forbidden: pod updates may not change fields other than \`spec.containers[*].image\`,\`spec.initContainers[*].image\`,\`spec.activeDeadlineSeconds\`,\`spec.tolerations\` (only additions to existing tolerations),\`spec.terminationGracePeriodSeconds\` (allow it to be set to 1 if it was previously negative) (${o.source}:${o.line})`,
    );
  }
  if (t.group === '' && t.kind === 'Namespace') {
    // Validated and stored as the API server defaults it: the kubernetes.io/metadata.name label, phase Active.
    const defaulted = defaultNamespace(obj as never) as unknown as KubeObject;
    const errors = validateNamespace(defaulted as never);
    if (errors.length > 0) throw invalid(o, t, errors);
    obj = defaulted;
  }
  // Stored as the API server defaults them (a Secret's stringData written into data; a PriorityClass's preemption policy).
  if (t.group === '' && t.kind === 'Secret') obj = defaultSecret(obj as never) as unknown as KubeObject;
  if (t.group === 'scheduling.k8s.io' && t.kind === 'PriorityClass') obj = defaultPriorityClass(obj as never) as unknown as KubeObject;
  if (t.group === 'apps' && t.kind === 'Deployment') obj = defaultDeployment(obj as never) as unknown as KubeObject;
  const key = storedObjectKey(obj.apiVersion, obj.kind, t.namespaced ? obj.metadata?.namespace : undefined, name);
  // A Service also gets its cluster IP and node ports, away from those of every other Service.
  if (t.group === '' && t.kind === 'Service') obj = storedService(state, o, t, obj, key, claimed);
  const rec = state.objects.get(key);
  exists(rec !== undefined);
  if (rec !== undefined && canonicalJson(rec.object) === canonicalJson(obj)) return { message: `${label} unchanged` };
  return { message: `${label} ${rec === undefined ? 'created' : 'configured'}`, event: ev.objectApplied(obj) };
}

/**
 * The API server's BadRequest for an object of a simulated kind that does not decode into its Go
 * type (a value of the wrong type, or, as kubectl's default --validate=strict asks, a field the
 * type does not have), located in the manifest; undefined when it decodes.
 */
function decodeProblem(o: LoadedObject, t: ResourceType, obj: object, validation: FieldValidation, verbing: () => string): { error?: UserError; warnings: readonly string[] } {
  const kind = decodedKind(t);
  if (kind === undefined) return { warnings: [] };
  const { error: problem, warnings } = decodeWith(kind, obj, validation);
  if (problem === undefined) return { warnings };
  const line = o.locate(problem.path.map(String));
  return {
    error: new UserError(
      `Error from server (BadRequest): error when ${verbing()} "${o.source}": ${t.kind} in version "${t.version}" cannot be handled as a ${t.kind}: ${problem.message} (${o.source}:${line})`,
    ),
    warnings,
  };
}

/**
 * kubectl's GetValidationDirective: `--validate` strict (or true, or alone: the default), warn,
 * or ignore (or false), as the API server's fieldValidation.
 */
export function validationDirective(ctx: Context): FieldValidation {
  const value = flag(ctx.args, 'validate') ?? 'strict';
  switch (value.toLowerCase()) {
    case 'strict':
    case 'true':
      return 'Strict';
    case 'warn':
      return 'Warn';
    case 'ignore':
    case 'false':
      return 'Ignore';
    default:
      throw new UserError(`error: invalid - validate option ${goQuote(value)}; must be one of: strict (or true), warn, ignore (or false)`);
  }
}

function decodedKind(t: ResourceType): DecodedKind | undefined {
  return decodedKindOf(t.group === '' ? t.version : `${t.group}/${t.version}`, t.kind);
}

/** Whether the state holds an object of this kind and name already (an apply of it is a patch). */
function storedAlready(state: ClusterState, t: ResourceType, obj: KubeObject): boolean {
  const name = nameOf(obj);
  const ns = obj.metadata?.namespace ?? 'default';
  if (t.kind === 'DaemonSet') return state.daemonSets.has(objectKey(ns, name));
  if (t.kind === 'Node') return getNode(state, name) !== undefined;
  if (t.kind === 'Pod') return tableGet(state.pods, objectKey(ns, name)) !== undefined;
  return state.objects.has(storedObjectKey(obj.apiVersion, obj.kind, t.namespaced ? ns : undefined, name));
}

/** The metadata the API server sets itself: an update that differs only there changes nothing. */
const SERVER_METADATA = ['uid', 'creationTimestamp', 'generation', 'resourceVersion', 'selfLink', 'managedFields', 'deletionTimestamp', 'deletionGracePeriodSeconds'] as const;

/**
 * Whether an applied DaemonSet changes nothing the API server would store: its spec and all the
 * metadata a user may set (labels, annotations, finalizers, ownerReferences; any change there is
 * stored, and bumps resourceVersion but not generation), the metadata compared as
 * apiequality.Semantic does (an empty list is no list).
 */
function sameDaemonSet(old: DaemonSet, next: DaemonSet): boolean {
  const userMetadata = (d: DaemonSet) => {
    const metadata: Record<string, unknown> = { ...d.metadata };
    for (const k of SERVER_METADATA) delete metadata[k];
    return metadata;
  };
  return canonicalJson(old.spec) === canonicalJson(next.spec) && semanticallyEqual(userMetadata(old), userMetadata(next));
}

/**
 * A re-applied Node keeps what the cluster manages (conditions, the lifecycle controller's taints)
 * unless the manifest says otherwise: apply merges, it does not reset.
 */
function mergeNode(old: Node, next: Node): Node {
  return {
    ...old,
    ...next,
    metadata: { ...next.metadata },
    spec: { ...next.spec },
    status: next.status ?? old.status,
  };
}

// ---- delete -------------------------------------------------------------------------------------

/** `dsim delete`. */
export function deleteCommand(ctx: Context): number {
  const grace = graceFlag(ctx);
  const cascade = cascadeFlag(ctx);
  const selector = flag(ctx.args, 'selector');
  const fieldSelector = flag(ctx.args, 'field-selector');
  const deleteAll = boolFlag(ctx.args, 'all');
  const allNamespaces = boolFlag(ctx.args, 'all-namespaces');
  const output = flag(ctx.args, 'output') ?? '';
  const bySelector = deleteAll || selector !== undefined || fieldSelector !== undefined;
  const session = ctx.open();
  const engine = session.engine();
  const ns = namespaceOf(ctx);
  // kubectl ignores NotFound by default when it deletes what a selector or --all found.
  const ignoreNotFound = ctx.args.flags.has('ignore-not-found') ? boolFlag(ctx.args, 'ignore-not-found') : bySelector;
  const targets: { type: ResourceType; ns: string | undefined; name: string; source?: string }[] = [];
  if (listFlag(ctx.args, 'filename').length > 0) {
    if (fieldSelector !== undefined) throw new UserError('error: dsim cannot delete by --field-selector from files: name the resource type instead');
    const labels = selectorOfArgs(ctx.args);
    const explicitNs = flag(ctx.args, 'namespace');
    for (const o of loadAll(ctx)) {
      const t = typeOfObject(o.object.apiVersion, o.object.kind);
      const meta = (o.object.metadata ?? {}) as { namespace?: string; labels?: Record<string, string> };
      const unmapped = unmappedKind(o.object.apiVersion, o.object.kind, nameOf(o.object), meta.namespace, o.source);
      if (unmapped !== undefined) throw new UserError(unmapped);
      if (labels !== undefined && !selectorMatchesLabels(labels, meta.labels)) continue;
      targets.push({ type: t, ns: manifestNamespace(t, o.object, explicitNs), name: nameOf(o.object), source: o.source });
    }
  } else if (bySelector) {
    // The resource builder's checks, in its order, then delete's own.
    const positional = ctx.args.positional;
    if (positional.length > 0 && positional.every((a) => a.includes('/'))) {
      throw new UserError('error: selectors and the all flag cannot be used when passing resource/name arguments');
    }
    if (positional.length > 1) throw new UserError('error: name cannot be provided when a selector is specified');
    if (positional.length === 0) throw new UserError('error: at least one resource must be specified to use a selector');
    if (deleteAll && selector !== undefined) throw new UserError('error: cannot set --all and --selector at the same time');
    if (deleteAll && fieldSelector !== undefined) throw new UserError('error: cannot set --all and --field-selector at the same time');
    const requests = resolveRequests(positional, storedTypes(engine.state));
    const labels = selectorOfArgs(ctx.args, requests[0]?.type);
    for (const r of requests) {
      const listNs = r.type.namespaced && !allNamespaces ? ns : undefined;
      for (const o of filterBySelectors(r.type, listObjects(engine.state, r.type, listNs), ctx.args, labels)) {
        targets.push({ type: r.type, ns: r.type.namespaced ? o.metadata?.namespace ?? ns : undefined, name: o.metadata?.name ?? '' });
      }
    }
  } else {
    if (ctx.args.positional.length === 0) {
      throw new UserError('error: You must provide one or more resources by argument or filename.');
    }
    const requests = resolveRequests(ctx.args.positional, storedTypes(engine.state));
    for (const r of requests) {
      if (r.names.length === 0) throw new UserError('error: resource(s) were provided, but no name, label selector, or --all flag specified');
      if (allNamespaces) throw new UserError('error: a resource cannot be retrieved by name across all namespaces');
      for (const n of r.names) targets.push({ type: r.type, ns: r.type.namespaced ? ns : undefined, name: n });
    }
  }
  if (output !== '' && output !== 'name') throw new UserError(`error: unexpected -o output mode: ${output}. We only support '-o name'`);
  if (grace === 0 && boolFlag(ctx.args, 'force')) {
    ctx.io.stderr(
      'warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
    );
  }
  const planned: Planned[] = [];
  const errors: string[] = [];
  for (const t of targets) {
    const p = planDelete(engine.state, t.type, t.ns, t.name, grace, output, cascade);
    if (p === undefined) {
      if (!ignoreNotFound) {
        errors.push(
          t.source === undefined
            ? `Error from server (NotFound): ${qualifiedResource(t.type)} "${t.name}" not found`
            : `Error from server (NotFound): error when deleting "${t.source}": ${qualifiedResource(t.type)} "${t.name}" not found`,
        );
      }
    } else planned.push(p);
  }
  for (const p of planned) if (p.event !== undefined) engine.input(p.event);
  session.commit();
  for (const p of planned) ctx.io.stdout(`${p.message}\n`);
  if (bySelector && planned.length === 0 && errors.length === 0) ctx.io.stdout('No resources found\n');
  for (const e of errors) ctx.io.stderr(`${e}\n`);
  return errors.length > 0 ? 1 : 0;
}

/**
 * The grace period kubectl sends: --now is 1; --grace-period 0 becomes 1 unless --force (which
 * alone means 0); undefined leaves the object's own.
 */
/**
 * drain's --grace-period: the pods' own when negative (the default, -1), else as given, 0
 * included. Unlike delete's, drain's --force says nothing about grace: it lets drain go on past
 * pods that declare no controller.
 */
function drainGrace(ctx: Context): number | undefined {
  const grace = gracePeriodArg(ctx);
  return grace === undefined || grace < 0 ? undefined : grace;
}

function gracePeriodArg(ctx: Context): number | undefined {
  const g = flag(ctx.args, 'grace-period');
  if (g !== undefined && !/^-?\d+$/.test(g)) throw new UserError(`error: invalid argument "${g}" for "--grace-period" flag: strconv.ParseInt: parsing "${g}": invalid syntax`);
  return g === undefined ? undefined : Number(g);
}

function graceFlag(ctx: Context): number | undefined {
  let grace = gracePeriodArg(ctx) ?? -1;
  const force = boolFlag(ctx.args, 'force');
  if (boolFlag(ctx.args, 'now')) {
    if (grace !== -1) throw new UserError('error: --now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (grace === 0 && !force) grace = 1;
  if (force && grace < 0) grace = 0;
  if (force && grace > 0) throw new UserError('error: --force and --grace-period greater than 0 cannot be specified together');
  return grace < 0 ? undefined : grace;
}

/**
 * kubectl's GetCascadingStrategy: background (the default), foreground or orphan, or a boolean
 * (deprecated: true is background, false orphan; kubectl says so through klog). Only a DaemonSet
 * has dependents: for other kinds the three are the same.
 */
function cascadeFlag(ctx: Context): 'background' | 'foreground' | 'orphan' {
  const value = flag(ctx.args, 'cascade') ?? 'background';
  if (value === 'background' || value === 'foreground' || value === 'orphan') return value;
  const bool = /^(1|t|T|TRUE|true|True)$/.test(value) ? true : /^(0|f|F|FALSE|false|False)$/.test(value) ? false : undefined;
  if (bool === undefined) throw new UserError(`error: invalid cascade value (${value}). Must be "background", "foreground", or "orphan"`);
  const instead = bool ? 'background' : 'orphan';
  ctx.io.stderr(`Warning: --cascade=${bool} is deprecated (boolean value) and can be replaced with --cascade=${instead}.\n`);
  return instead;
}

/** The DeleteOptions' propagationPolicy of each --cascade value (background is the API's default). */
const POLICIES = { background: undefined, foreground: 'Foreground', orphan: 'Orphan' } as const;

function planDelete(
  state: ClusterState,
  t: ResourceType,
  ns: string | undefined,
  name: string,
  grace: number | undefined,
  output: string,
  cascade: 'background' | 'foreground' | 'orphan' = 'background',
): Planned | undefined {
  // kubectl's delete printer: `kind[.group] "name" deleted`, or `kind[.group]/name` with -o name.
  const label = output === 'name' ? `${qualifiedKind(t)}/${name}` : `${qualifiedKind(t)} "${name}" ${grace === 0 ? 'force deleted' : 'deleted'}`;
  if (t.resource === 'nodes') return getNode(state, name) === undefined ? undefined : { message: label, event: ev.nodeRemoved(name) };
  if (t.resource === 'daemonsets') {
    return state.daemonSets.has(objectKey(ns!, name)) ? { message: label, event: ev.daemonSetDeleted(ns!, name, POLICIES[cascade]) } : undefined;
  }
  if (t.resource === 'pods') {
    const p = tableGet(state.pods, objectKey(ns!, name));
    if (p === undefined) return undefined;
    return { message: label, event: ev.podRemovalRequested(p, 'delete', grace) };
  }
  if (t.resource === 'controllerrevisions') {
    const r = state.revisions.get(objectKey(ns!, name));
    return r === undefined ? undefined : { message: label, event: ev.controllerRevisionDeleted(r) as never };
  }
  const key = storedObjectKey(t.group === '' ? t.version : `${t.group}/${t.version}`, t.kind, ns, name);
  const rec = state.objects.get(key) ?? [...state.objects.entries()].find(([k]) => k.startsWith(`${t.kind}${t.group ? `.${t.group}` : ''}/${ns ?? ''}/${name}`))?.[1];
  if (rec === undefined) return undefined;
  if (t.kind === 'Namespace' && ['default', 'kube-system', 'kube-public', 'kube-node-lease'].includes(name)) {
    throw new UserError(`Error from server (Forbidden): namespaces "${name}" is forbidden: this namespace may not be deleted`);
  }
  return {
    message: label,
    event: ev.objectDeleted({ apiVersion: rec.object.apiVersion ?? 'v1', kind: rec.object.kind ?? t.kind, ...(ns !== undefined ? { namespace: ns } : {}), name }),
  };
}

// ---- nodes: label, taint, cordon, drain ---------------------------------------------------------

function nodeArg(ctx: Context, args: string[], verb: string): { node: Node; name: string; engine: Engine; rest: string[] } {
  let rest = [...args];
  let name: string | undefined;
  const first = rest[0];
  // kubectl's usage error (cmdutil.UsageErrorf with the command's Use line), before anything is read.
  if (first === undefined) throw new UserError(`error: USAGE: ${verb} NODE [flags]\nSee 'dsim ${verb} -h' for help and examples`);
  if (first.includes('/')) {
    const parts = first.split('/');
    if (parts.length !== 2 || parts[0] === '' || parts[1] === '') throw new UserError('error: arguments in resource/name form must have a single resource and name');
    const [t, n] = parts;
    if (findResourceType(t!)?.resource !== 'nodes') throw new UserError(`error: dsim can only ${verb} nodes`);
    name = n;
    rest = rest.slice(1);
  } else if (first !== undefined && findResourceType(first)?.resource === 'nodes' && verb !== 'cordon' && verb !== 'uncordon' && verb !== 'drain') {
    name = rest[1];
    rest = rest.slice(2);
  } else if (first !== undefined && (verb === 'label' || verb === 'taint')) {
    const t = findResourceType(first);
    if (t === undefined) throw new UserError(`error: the server doesn't have a resource type "${first}"`);
    throw new UserError(`error: dsim can only ${verb} nodes (got ${qualifiedResource(t)})`);
  } else {
    name = first;
    rest = rest.slice(1);
  }
  if (name === undefined || name === '') throw new UserError(`error: you must specify a node name: dsim ${verb} NODE`);
  const session = ctx.open();
  const engine = session.engine();
  const rec = getNode(engine.state, name);
  if (rec === undefined) throw new UserError(`Error from server (NotFound): nodes "${name}" not found`);
  return { node: rec.node, name, engine, rest };
}

/** `dsim cordon NODE` / `dsim uncordon NODE`. */
export function cordonCommand(ctx: Context, cordon: boolean): number {
  const verb = cordon ? 'cordon' : 'uncordon';
  const { node, name, engine } = nodeArg(ctx, ctx.args.positional, verb);
  const is = node.spec?.unschedulable === true;
  if (is === cordon) {
    ctx.io.stdout(`node/${name} already ${verb}ed\n`);
    return 0;
  }
  engine.input(ev.nodeUpdated(setUnschedulable(node, cordon)));
  ctx.open().commit();
  ctx.io.stdout(`node/${name} ${verb}ed\n`);
  return 0;
}

function setUnschedulable(node: Node, on: boolean): Node {
  const spec = { ...node.spec };
  if (on) spec.unschedulable = true;
  else delete spec.unschedulable;
  return { ...node, spec };
}

/** How long `drain` waits without --timeout, in simulated ms: a day. */
const DRAIN_WAIT_WITHOUT_TIMEOUT_MS = 24 * 3600 * 1000;

/**
 * `dsim drain NODE`: cordon, then evict the pods kubectl's drain would (DaemonSet pods need
 * --ignore-daemonsets and stay; see drain.ts), and advance simulated time until they are gone.
 */
export function drainCommand(ctx: Context): number {
  const { node, name, engine } = nodeArg(ctx, ctx.args.positional, 'drain');
  const options = {
    ignoreDaemonSets: boolFlag(ctx.args, 'ignore-daemonsets'),
    force: boolFlag(ctx.args, 'force'),
    deleteEmptyDirData: boolFlag(ctx.args, 'delete-emptydir-data'),
  };
  const plan = drainPlan(engine.state, name, options);
  const grace = drainGrace(ctx);
  const timeoutText = flag(ctx.args, 'timeout');
  // kubectl: zero means no timeout.
  const timeout = timeoutText === undefined ? undefined : parseTimeFlag(timeoutText, 'timeout') || undefined;
  const out: string[] = [];
  if (node.spec?.unschedulable !== true) {
    engine.input(ev.nodeUpdated(setUnschedulable(node, true)));
    out.push(`node/${name} cordoned`);
  } else out.push(`node/${name} already cordoned`);
  if (plan.errors.length > 0) {
    // kubectl cordons first, then refuses; the cordon stays.
    ctx.open().commit();
    ctx.io.stdout(`${out.join('\n')}\n`);
    ctx.io.stderr(drainRefusal(name, plan.errors));
    return 1;
  }
  // kubectl cordons (printing node/N cordoned) before it lists the pods and warns about them on
  // stderr, then prints what it evicts: in that order, once the log is saved.
  const print = () => {
    ctx.io.stdout(`${out[0]}\n`);
    if (plan.warning !== '') ctx.io.stderr(`Warning: ${plan.warning}\n`);
    if (out.length > 1) ctx.io.stdout(`${out.slice(1).join('\n')}\n`);
  };
  const evict = plan.evict;
  for (const p of evict) {
    out.push(`evicting pod ${p.namespace}/${p.name}`);
    engine.input(ev.podRemovalRequested(p, 'evict', grace));
  }
  // kubectl waits for the evicted pods to go: so does simulated time. Without --timeout kubectl
  // waits for ever; dsim stops after a simulated day (as rollout status does), since a simulation
  // can stay busy for ever (a DaemonSet whose tolerationSeconds keep its pods evicted and made again).
  const wait = timeout ?? DRAIN_WAIT_WITHOUT_TIMEOUT_MS;
  const deadline = engine.now + wait;
  const left = () => evict.filter((p) => tableGet(engine.state.pods, objectKey(p.namespace, p.name))?.uid === p.uid);
  runUntil(engine, deadline, () => left().length === 0);
  for (const p of evict) if (!left().includes(p)) out.push(`pod/${p.name} evicted`);
  const remaining = left();
  if (remaining.length > 0) {
    // kubectl waited the whole timeout; without one, dsim waited its day unless nothing more was
    // due (then nothing could end the pods, and the clock stays where the last change left it).
    engine.advance(timeout !== undefined || engine.peek() !== undefined ? deadline : engine.now);
    ctx.open().commit();
    print();
    // kubectl waits for each pod in its own goroutine; each one still there reports the timeout,
    // and the pods it would still delete are listed before the usual refusal.
    const errors = remaining.map((p) => `error when waiting for pod "${p.name}" terminating: global timeout reached: ${formatGoDuration(wait)}`);
    const pending = drainPlan(engine.state, name, options).evict;
    ctx.io.stderr(
      `There are pending pods in node "${name}" when an error occurred: ${aggregate(errors)}\n${pending.map((p) => `pod/${p.name}\n`).join('')}${drainRefusal(name, errors)}`,
    );
    return 1;
  }
  if (evict.length > 0) engine.input(ev.timeAdvanced(engine.now));
  out.push(`node/${name} drained`);
  ctx.open().commit();
  print();
  return 0;
}


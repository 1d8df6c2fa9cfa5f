// `kubectl describe` for the kinds dsim simulates, ported from kubectl's pkg/describe/describe.go: the same PrefixWriter
// levels, the same text/tabwriter settings, the same sort orders. Pure: `now` is passed in; times print in UTC (kubectl with TZ=UTC).

import {
  addQuantity,
  cmpQuantity,
  compareGoStrings,
  formatLabelSelector,
  intValue,
  labelSelectorAsSelector,
  milliValue,
  ONE_QUANTITY,
  parseExactQuantity,
  quantityString,
  requirementMatches,
  requirementsToString,
  ZERO_QUANTITY,
  type ExactQuantity as Quantity,
  type Requirement,
} from '@dsim/core';
import type { ControllerRevision, DaemonSet } from 'kubernetes-types/apps/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import type {
  Container,
  ContainerPort,
  ContainerState,
  ContainerStatus,
  EnvVar,
  Namespace,
  Node,
  Pod,
  PodTemplateSpec,
  Probe,
  ResourceFieldSelector,
  ResourceRequirements,
  Service,
  Taint,
  Toleration,
  TopologySpreadConstraint,
  Volume,
} from 'kubernetes-types/core/v1';
import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1';
import { humanDuration } from './duration.ts';
import { formatEndpointSlices, type EndpointSliceView } from '../endpointSlices.ts';
import { formatLabels, translateTimestampSince } from './tables.ts';
import { TabWriter, type TabwriterOptions } from './tabwriter.ts';

/** One event about the described object, as `kubectl describe` lists it (a core/v1 Event reduced to what it prints). */
export interface DescribeEvent {
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  /** The reporting component (source.component), e.g. `daemonset-controller` or `kubelet`. */
  readonly from: string;
  readonly message: string;
  /** firstTimestamp, epoch milliseconds (printed at whole seconds, as the API stores it). */
  readonly firstAt: number;
  /** lastTimestamp, epoch milliseconds; events are listed by it, oldest first. */
  readonly lastAt: number;
  /** How many times the event was observed; above 1 the age reads `3m (x5 over 10m)`. */
  readonly count: number;
  /** involvedObject.fieldPath, e.g. `spec.containers{fluentd}`; kubectl prefixes the message with it. */
  readonly fieldPath?: string;
}

// Describers take `readonly DescribeEvent[] | null`: an empty list prints `Events:  <none>`, null leaves the section
// out as `--show-events=false` does.
type Events = readonly DescribeEvent[] | null;

/** tabbedString's writer: Go's text/tabwriter Init(buf, 0, 8, 2, ' ', 0), so no remembered widths. */
export const DESCRIBE_TABWRITER: TabwriterOptions = { minwidth: 0, tabwidth: 8, padding: 2, padchar: ' ', flags: 0 };

// ---------------------------------------------------------------------------------------------
// PrefixWriter and tabbedString.

const LEVEL_0 = 0;
const LEVEL_1 = 1;
const LEVEL_2 = 2;
const LEVEL_3 = 3;

// printers.WriteEscaped: every write goes through the terminal escaper.
const escapeTerminal = (s: string): string => s.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');

// The Go code builds each line with fmt.Sprintf(prefix+format, ...); here callers pass the formatted text.
class PrefixWriter {
  private readonly tw = new TabWriter(DESCRIBE_TABWRITER);

  write(level: number, text: string): void {
    this.tw.write(escapeTerminal('  '.repeat(level) + text));
  }

  writeLine(text: string): void {
    this.tw.write(escapeTerminal(`${text}\n`));
  }

  done(): string {
    this.tw.flush();
    return this.tw.output;
  }
}

function tabbedString(f: (w: PrefixWriter) => void): string {
  const w = new PrefixWriter();
  f(w);
  return w.done();
}

// ---------------------------------------------------------------------------------------------
// Go-isms: byte-order sorting, stable sorts, RFC1123Z, %q, strings.TrimSpace.


const sortedKeys = (m: Readonly<Record<string, unknown>> | null | undefined): string[] =>
  Object.keys(m ?? {}).sort(compareGoStrings);

const utf8 = new TextEncoder();
const byteLength = (s: string): number => utf8.encode(s).length;

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number): string => String(n).padStart(2, '0');

// A metav1.Time as epoch milliseconds; undefined for an absent (zero) time.
function timeOf(timestamp: string | null | undefined): number | undefined {
  if (timestamp === undefined || timestamp === null || timestamp === '') return undefined;
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) throw new Error(`invalid RFC 3339 timestamp: ${JSON.stringify(timestamp)}`);
  return ms;
}

/** Go's time.RFC1123Z layout in UTC (`Mon, 02 Jan 2006 15:04:05 +0000`); an absent time is Go's zero time. */
export function formatRFC1123Z(timestamp: string | null | undefined): string {
  const ms = timeOf(timestamp);
  if (ms === undefined) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  return (
    `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${String(year).padStart(4, '0')} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`
  );
}

const printBool = (value: boolean | undefined): string => (value ? 'True' : 'False');
const goBool = (value: boolean | undefined): string => (value ? 'true' : 'false');
// Close enough to strconv.Quote for the paths it is used on; control characters escape differently.
const goQuote = (s: string): string => JSON.stringify(s);
const stringOrNone = (s: string): string => (s.length > 0 ? s : '<none>');

function controllerOf(meta: ObjectMeta | undefined): OwnerReference | undefined {
  return (meta?.ownerReferences ?? []).find((ref) => ref.controller === true);
}

type ResourceList = Map<string, Quantity>;
type ResourceListInput = Readonly<Record<string, string | number>> | undefined;

function parseResourceList(list: ResourceListInput): ResourceList {
  const out: ResourceList = new Map();
  for (const [name, raw] of Object.entries(list ?? {})) {
    // Go could not have decoded the object; keep the text so it still prints.
    out.set(name, parseExactQuantity(raw) ?? { unscaled: 0n, exp: 0, format: 'DecimalSI', s: String(raw) });
  }
  return out;
}

function addResourceList(list: ResourceList, add: ResourceList): void {
  for (const [name, q] of add) {
    const current = list.get(name);
    list.set(name, current === undefined ? q : addQuantity(current, q));
  }
}

function maxResourceList(list: ResourceList, other: ResourceList): void {
  for (const [name, q] of other) {
    const current = list.get(name);
    if (current === undefined || cmpQuantity(q, current) > 0) list.set(name, q);
  }
}

const isRestartable = (c: Container): boolean => c.restartPolicy === 'Always';

// resourcehelper.PodRequests / PodLimits: containers summed, init containers (sidecars cumulative) as a floor, plus overhead.
function podResources(pod: Pod, kind: 'requests' | 'limits'): ResourceList {
  const spec = pod.spec;
  const total: ResourceList = new Map();
  for (const c of spec?.containers ?? []) addResourceList(total, parseResourceList(c.resources?.[kind]));
  const restartable: ResourceList = new Map();
  const initTotal: ResourceList = new Map();
  for (const c of spec?.initContainers ?? []) {
    let own = parseResourceList(c.resources?.[kind]);
    if (isRestartable(c)) {
      addResourceList(total, own);
      addResourceList(restartable, own);
      own = new Map(restartable);
    } else {
      const tmp: ResourceList = new Map();
      addResourceList(tmp, own);
      addResourceList(tmp, restartable);
      own = tmp;
    }
    maxResourceList(initTotal, own);
  }
  maxResourceList(total, initTotal);
  const overhead = parseResourceList(spec?.overhead);
  if (kind === 'requests') {
    addResourceList(total, overhead);
  } else {
    for (const [name, q] of overhead) {
      const current = total.get(name);
      if (current !== undefined) total.set(name, addQuantity(current, q));
    }
  }
  return total;
}

// int64(float64 percentage) as on amd64, where NaN and ±Inf convert to the minimum int64.
function percent(part: bigint, whole: bigint): string {
  const f = (Number(part) / Number(whole)) * 100;
  return Number.isFinite(f) ? `${Math.trunc(f) + 0}` : '-9223372036854775808';
}

// ---------------------------------------------------------------------------------------------
// Shared printers: labels, annotations, taints, tolerations, events.

const LAST_APPLIED_CONFIGURATION = 'kubectl.kubernetes.io/last-applied-configuration';
const MAX_ANNOTATION_LEN = 140;

function printLabelsMultilineWithIndent(
  w: PrefixWriter,
  initialIndent: string,
  title: string,
  innerIndent: string,
  labels: Readonly<Record<string, string>> | null | undefined,
): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = sortedKeys(labels);
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    w.write(LEVEL_0, `${key}=${labels?.[key] ?? ''}\n`);
  });
}

const printLabelsMultiline = (
  w: PrefixWriter,
  title: string,
  labels: Readonly<Record<string, string>> | null | undefined,
): void => printLabelsMultilineWithIndent(w, '', title, '\t', labels);

// Go slices by bytes; a cut inside a multi-byte character prints as U+FFFD here.
function shorten(s: string, maxLength: number): string {
  const bytes = utf8.encode(s);
  return bytes.length > maxLength ? `${new TextDecoder().decode(bytes.slice(0, maxLength))}...` : s;
}

function printAnnotationsMultiline(
  w: PrefixWriter,
  title: string,
  annotations: Readonly<Record<string, string>> | null | undefined,
): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = sortedKeys(annotations).filter((k) => k !== LAST_APPLIED_CONFIGURATION);
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const indent = '\t';
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, indent);
    let value = annotations?.[key] ?? '';
    if (value.endsWith('\n')) value = value.slice(0, -1);
    if (byteLength(value) + byteLength(key) + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const line of value.split('\n')) w.write(LEVEL_0, `${indent}  ${shorten(line, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

// Taint.ToString.
const taintString = (t: Taint): string => (t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`);

function printNodeTaintsMultiline(w: PrefixWriter, title: string, taints: readonly Taint[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (taints === undefined || taints.length === 0) {
    w.writeLine('<none>');
    return;
  }
  // Go's sort.Slice is not stable; equal keys keep their order here.
  const sorted = [...taints].sort((a, b) => compareGoStrings(`${a.effect},${a.key}`, `${b.effect},${b.key}`));
  sorted.forEach((taint, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, '');
      w.write(LEVEL_0, '\t');
    }
    w.write(LEVEL_0, `${taintString(taint)}\n`);
  });
}

function printTolerationsMultiline(w: PrefixWriter, title: string, tolerations: readonly Toleration[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (tolerations === undefined || tolerations.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const sorted = [...tolerations].sort((a, b) => compareGoStrings(a.key ?? '', b.key ?? ''));
  sorted.forEach((t, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, '');
      w.write(LEVEL_0, '\t');
    }
    const key = t.key ?? '';
    const value = t.value ?? '';
    const effect = t.effect ?? '';
    let line = key;
    if (value !== '') line += `=${value}`;
    if (effect !== '') line += `:${effect}`;
    // An empty key with operator Exists tolerates everything.
    if (t.operator === 'Exists' && value === '') line += key !== '' || effect !== '' ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) line += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, `${line}\n`);
  });
}

// metav1.Time has whole seconds on the wire, so ages count from the second the API stored.
const sinceSeconds = (at: number, now: number): string => humanDuration(now - Math.floor(at / 1000) * 1000);

// Unicode White_Space, as strings.TrimSpace trims it (JS trim() would also drop U+FEFF).
const goTrimSpace = (s: string): string =>
  s.replace(/^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u, '').replace(
    /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/u,
    '',
  );

function describeEvents(events: Events, w: PrefixWriter, now: number): void {
  if (events === null) return;
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  // event.SortableEvents orders by lastTimestamp (whole seconds); ties keep the given order.
  const sorted = [...events].sort((a, b) => Math.floor(a.lastAt / 1000) - Math.floor(b.lastAt / 1000));
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = sinceSeconds(e.firstAt, now);
    const interval = e.count > 1 ? `${sinceSeconds(e.lastAt, now)} (x${e.count} over ${first})` : first;
    let message = goTrimSpace(e.message);
    if (e.fieldPath !== undefined && e.fieldPath !== '') message = `${e.fieldPath}: ${message}`;
    w.write(LEVEL_1, `${e.type}\t${e.reason}\t${interval}\t${e.from}\t${message}\n`);
  }
}

// ---------------------------------------------------------------------------------------------
// Containers (describeContainers and its helpers).

type EnvVarResolver = (e: EnvVar) => string;

function describeContainerPorts(ports: readonly ContainerPort[] | undefined, host: boolean): string {
  return (ports ?? [])
    .map((p) => {
      const s = `${host ? (p.hostPort ?? 0) : p.containerPort}/${p.protocol ?? ''}`;
      return p.name ? `${s} (${p.name})` : s;
    })
    .join(', ');
}

function describeContainerBasicInfo(c: Container, status: ContainerStatus | undefined, space: string, w: PrefixWriter): void {
  const nameIndent = space.length > 0 ? ' ' : '';
  w.write(LEVEL_1, `${nameIndent}${c.name}:\n`);
  if (status !== undefined) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ''}\n`);
  w.write(LEVEL_2, `Image:\t${c.image ?? ''}\n`);
  if (status !== undefined) w.write(LEVEL_2, `Image ID:\t${status.imageID ?? ''}\n`);
  const ports = describeContainerPorts(c.ports, false);
  if (ports.includes(',')) w.write(LEVEL_2, `Ports:\t${ports}\n`);
  else w.write(LEVEL_2, `Port:\t${stringOrNone(ports)}\n`);
  const hostPorts = describeContainerPorts(c.ports, true);
  if (hostPorts.includes(',')) w.write(LEVEL_2, `Host Ports:\t${hostPorts}\n`);
  else w.write(LEVEL_2, `Host Port:\t${stringOrNone(hostPorts)}\n`);
  const seccomp = c.securityContext?.seccompProfile;
  if (seccomp !== undefined) {
    w.write(LEVEL_2, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === 'Localhost') w.write(LEVEL_3, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
}

function describeContainerCommand(c: Container, w: PrefixWriter): void {
  for (const [title, list] of [
    ['Command', c.command],
    ['Args', c.args],
  ] as const) {
    if (list === undefined || list.length === 0) continue;
    w.write(LEVEL_2, `${title}:\n`);
    for (const item of list) for (const line of item.split('\n')) w.write(LEVEL_3, `${line}\n`);
  }
}

function describeResources(resources: ResourceRequirements | undefined, w: PrefixWriter, level: number): void {
  for (const [title, list] of [
    ['Limits', resources?.limits],
    ['Requests', resources?.requests],
  ] as const) {
    const parsed = parseResourceList(list);
    if (parsed.size > 0) w.write(level, `${title}:\n`);
    for (const name of [...parsed.keys()].sort(compareGoStrings)) {
      w.write(level + 1, `${name}:\t${quantityString(parsed.get(name) ?? ZERO_QUANTITY)}\n`);
    }
  }
}

function describeStatus(stateName: string, state: ContainerState | undefined, w: PrefixWriter): void {
  if (state?.running) {
    w.write(LEVEL_2, `${stateName}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${formatRFC1123Z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`);
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(LEVEL_2, `${stateName}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode}\n`);
    if ((t.signal ?? 0) > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${formatRFC1123Z(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${formatRFC1123Z(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`);
  }
}

function describeContainerState(status: ContainerStatus, w: PrefixWriter): void {
  describeStatus('State', status.state, w);
  if (status.lastState?.terminated) describeStatus('Last State', status.lastState, w);
  w.write(LEVEL_2, `Ready:\t${printBool(status.ready)}\n`);
  w.write(LEVEL_2, `Restart Count:\t${status.restartCount ?? 0}\n`);
}

// net.JoinHostPort.
const joinHostPort = (host: string, port: string): string => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);

// url.URL{Scheme, Host, Path}.String(): the path is escaped as a path (so `?` becomes %3F).
function urlString(scheme: string, host: string, path: string): string {
  let out = scheme === '' ? '' : `${scheme}:`;
  if ((scheme !== '' || host !== '') && (host !== '' || path !== '')) out += `//${host}`;
  let escaped = path === '*' ? '*' : '';
  if (path !== '*') {
    for (const byte of utf8.encode(path)) {
      const c = String.fromCharCode(byte);
      escaped += /[A-Za-z0-9\-_.~$&+,/:;=@]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  if (escaped !== '' && escaped[0] !== '/' && host !== '') out += '/';
  if (out === '' && (escaped.split('/')[0] ?? '').includes(':')) out += './';
  return out + escaped;
}

/** DescribeProbe: `http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3`. */
function describeProbe(probe: Probe): string {
  const attrs =
    `delay=${probe.initialDelaySeconds ?? 0}s timeout=${probe.timeoutSeconds ?? 0}s period=${probe.periodSeconds ?? 0}s ` +
    `#success=${probe.successThreshold ?? 0} #failure=${probe.failureThreshold ?? 0}`;
  if (probe.exec) return `exec [${(probe.exec.command ?? []).join(' ')}] ${attrs}`;
  if (probe.httpGet) {
    const port = String(probe.httpGet.port);
    const host = probe.httpGet.host ?? '';
    const hostPort = port.length > 0 ? joinHostPort(host, port) : host;
    return `http-get ${urlString((probe.httpGet.scheme ?? '').toLowerCase(), hostPort, probe.httpGet.path ?? '')} ${attrs}`;
  }
  if (probe.tcpSocket) return `tcp-socket ${probe.tcpSocket.host ?? ''}:${String(probe.tcpSocket.port)} ${attrs}`;
  if (probe.grpc) return `grpc <pod>:${probe.grpc.port} ${probe.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeContainerProbe(c: Container, w: PrefixWriter): void {
  if (c.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
  if (c.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
  if (c.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
}

function describeContainerEnvFrom(c: Container, w: PrefixWriter): void {
  w.write(LEVEL_2, 'Environment Variables from:\n');
  for (const e of c.envFrom ?? []) {
    let from = '';
    let name = '';
    let optional = false;
    if (e.configMapRef) {
      [from, name, optional] = ['ConfigMap', e.configMapRef.name ?? '', e.configMapRef.optional === true];
    } else if (e.secretRef) {
      [from, name, optional] = ['Secret', e.secretRef.name ?? '', e.secretRef.optional === true];
    }
    if (!e.prefix) w.write(LEVEL_3, `${name}\t${from}\tOptional: ${goBool(optional)}\n`);
    else w.write(LEVEL_3, `${name}\t${from} with prefix '${e.prefix}'\tOptional: ${goBool(optional)}\n`);
  }
}

// kubectl's util/resource.ExtractContainerResourceValue; undefined where Go returns an error.
function extractContainerResourceValue(fs: ResourceFieldSelector, c: Container): string | undefined {
  const given = fs.divisor === undefined ? undefined : parseExactQuantity(fs.divisor);
  const divisor = given === undefined || cmpQuantity(given, ZERO_QUANTITY) === 0 ? ONE_QUANTITY : given;
  const [kind, name] = fs.resource.startsWith('limits.')
    ? (['limits', fs.resource.slice('limits.'.length)] as const)
    : fs.resource.startsWith('requests.')
      ? (['requests', fs.resource.slice('requests.'.length)] as const)
      : [undefined, ''];
  if (kind === undefined) return undefined;
  const q = parseResourceList(c.resources?.[kind]).get(name) ?? ZERO_QUANTITY;
  const ceil = (a: bigint, b: bigint): string => `${Math.ceil(Number(a) / Number(b)) + 0}`;
  if (name === 'cpu') return ceil(milliValue(q), milliValue(divisor));
  if (name === 'memory' || name === 'ephemeral-storage' || name.startsWith('hugepages-')) {
    return ceil(intValue(q), intValue(divisor));
  }
  return undefined;
}

function describeContainerEnvVars(c: Container, resolver: EnvVarResolver | null, w: PrefixWriter): void {
  const env = c.env ?? [];
  w.write(LEVEL_2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    const from = e.valueFrom;
    if (from === undefined) {
      (e.value ?? '').split('\n').forEach((line, i) => {
        w.write(LEVEL_3, i === 0 ? `${e.name}:\t${line}\n` : `\t${line}\n`);
      });
    } else if (from.fieldRef) {
      const value = resolver === null ? '' : resolver(e);
      w.write(LEVEL_3, `${e.name}:\t${value} (${from.fieldRef.apiVersion ?? ''}:${from.fieldRef.fieldPath})\n`);
    } else if (from.resourceFieldRef) {
      const resource = from.resourceFieldRef.resource;
      let value = extractContainerResourceValue(from.resourceFieldRef, c) ?? '';
      if (value === '0' && (resource === 'limits.cpu' || resource === 'limits.memory')) value = 'node allocatable';
      w.write(LEVEL_3, `${e.name}:\t${value} (${resource})\n`);
    } else if (from.secretKeyRef) {
      const ref = from.secretKeyRef;
      w.write(
        LEVEL_3,
        `${e.name}:\t<set to the key '${ref.key}' in secret '${ref.name ?? ''}'>\tOptional: ${goBool(ref.optional)}\n`,
      );
    } else if (from.configMapKeyRef) {
      const ref = from.configMapKeyRef;
      w.write(
        LEVEL_3,
        `${e.name}:\t<set to the key '${ref.key}' of config map '${ref.name ?? ''}'>\tOptional: ${goBool(ref.optional)}\n`,
      );
    }
  }
}

function describeContainerVolumes(c: Container, w: PrefixWriter): void {
  const mounts = c.volumeMounts ?? [];
  const none = mounts.length === 0 ? '\t<none>' : '';
  w.write(LEVEL_2, `Mounts:${none}\n`);
  for (const m of [...mounts].sort((a, b) => compareGoStrings(a.mountPath, b.mountPath))) {
    const flags = [m.readOnly ? 'ro' : 'rw'];
    if (m.subPath) flags.push(`path=${goQuote(m.subPath)}`);
    w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
  const devices = c.volumeDevices ?? [];
  if (devices.length > 0) {
    // Go reuses the Mounts `none`, so a container with devices but no mounts prints `Devices:  <none>`.
    w.write(LEVEL_2, `Devices:${none}\n`);
    for (const d of [...devices].sort((a, b) => compareGoStrings(a.devicePath, b.devicePath))) {
      w.write(LEVEL_3, `${d.devicePath} from ${d.name}\n`);
    }
  }
}

function describeContainers(
  label: string,
  containers: readonly Container[],
  statuses: readonly ContainerStatus[] | undefined,
  resolver: EnvVarResolver | null,
  w: PrefixWriter,
  space: string,
): void {
  const byName = new Map<string, ContainerStatus>();
  for (const s of statuses ?? []) byName.set(s.name, s);
  w.write(LEVEL_0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) {
    const status = byName.get(c.name);
    describeContainerBasicInfo(c, status, space, w);
    describeContainerCommand(c, w);
    if (status !== undefined) describeContainerState(status, w);
    describeResources(c.resources, w, LEVEL_2);
    describeContainerProbe(c, w);
    if ((c.envFrom ?? []).length > 0) describeContainerEnvFrom(c, w);
    describeContainerEnvVars(c, resolver, w);
    describeContainerVolumes(c, w);
  }
}

// EnvValueRetriever: kubectl's scheme only converts metadata.name and metadata.namespace field labels for pods,
// so every other fieldRef resolves to "" (and prints as `NODE_NAME:   (v1:spec.nodeName)`).
function envValueRetriever(pod: Pod): EnvVarResolver {
  return (e) => {
    const ref = e.valueFrom?.fieldRef;
    if (ref === undefined || (ref.apiVersion ?? '').split('/').length > 2) return '';
    if (ref.fieldPath === 'metadata.name') return pod.metadata?.name ?? '';
    if (ref.fieldPath === 'metadata.namespace') return pod.metadata?.namespace ?? '';
    return '';
  };
}

// ---------------------------------------------------------------------------------------------
// Volumes, topology spread constraints, pod templates.

function describeVolumes(volumes: readonly Volume[] | undefined, w: PrefixWriter, space: string): void {
  if (volumes === undefined || volumes.length === 0) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  const nameIndent = space.length > 0 ? ' ' : '';
  for (const v of volumes) {
    w.write(LEVEL_1, `${nameIndent}${v.name}:\n`);
    if (v.hostPath) {
      w.write(
        LEVEL_2,
        `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n` +
          `    HostPathType:\t${v.hostPath.type ?? '<none>'}\n`,
      );
    } else if (v.emptyDir) {
      const limit = v.emptyDir.sizeLimit === undefined ? undefined : parseExactQuantity(v.emptyDir.sizeLimit);
      const sizeLimit = limit !== undefined && cmpQuantity(limit, ZERO_QUANTITY) > 0 ? quantityString(limit) : '<unset>';
      w.write(
        LEVEL_2,
        `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n` +
          `    SizeLimit:\t${sizeLimit}\n`,
      );
    } else if (v.secret) {
      w.write(
        LEVEL_2,
        `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ''}\n` +
          `    Optional:\t${goBool(v.secret.optional)}\n`,
      );
    } else if (v.configMap) {
      w.write(
        LEVEL_2,
        `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ''}\n` +
          `    Optional:\t${goBool(v.configMap.optional)}\n`,
      );
    } else if (v.nfs) {
      w.write(
        LEVEL_2,
        `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${v.nfs.server}\n` +
          `    Path:\t${v.nfs.path}\n    ReadOnly:\t${goBool(v.nfs.readOnly)}\n`,
      );
    } else if (v.persistentVolumeClaim) {
      w.write(
        LEVEL_2,
        `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n` +
          `    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${goBool(v.persistentVolumeClaim.readOnly)}\n`,
      );
    } else if (v.downwardAPI) {
      w.write(LEVEL_2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
      for (const item of v.downwardAPI.items ?? []) {
        if (item.fieldRef) w.write(LEVEL_3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
        if (item.resourceFieldRef) w.write(LEVEL_3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
      }
    } else if (v.projected) {
      w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const source of v.projected.sources ?? []) {
        if (source.secret) {
          w.write(LEVEL_2, `SecretName:\t${source.secret.name ?? ''}\n    Optional:\t${goBool(source.secret.optional)}\n`);
        } else if (source.downwardAPI) {
          w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
        } else if (source.configMap) {
          w.write(
            LEVEL_2,
            `ConfigMapName:\t${source.configMap.name ?? ''}\n    Optional:\t${goBool(source.configMap.optional)}\n`,
          );
        } else if (source.serviceAccountToken) {
          // The API server defaults expirationSeconds to 3600; Go would dereference nil without it.
          w.write(LEVEL_2, `TokenExpirationSeconds:\t${source.serviceAccountToken.expirationSeconds ?? 3600}\n`);
        }
      }
    } else if (v.csi) {
      w.write(
        LEVEL_2,
        `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${v.csi.driver}\n` +
          `    FSType:\t${v.csi.fsType ?? ''}\n    ReadOnly:\t${goBool(v.csi.readOnly)}\n`,
      );
      printCSIVolumeAttributes(w, v.csi.volumeAttributes);
    } else {
      // Volume types dsim does not describe (cloud disks, iSCSI, ephemeral claims, ...).
      w.write(LEVEL_1, '<unknown>\n');
    }
  }
}

// printCSIPersistentVolumeAttributesMultilineIndent, with its LEVEL_2 prefix on every write kept.
function printCSIVolumeAttributes(w: PrefixWriter, attributes: Readonly<Record<string, string>> | undefined): void {
  w.write(LEVEL_2, 'VolumeAttributes:\t');
  const keys = sortedKeys(attributes);
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) {
      w.write(LEVEL_2, '');
      w.write(LEVEL_2, '\t');
    }
    const line = `${key}=${attributes?.[key] ?? ''}`;
    w.write(LEVEL_2, `${shorten(line, MAX_ANNOTATION_LEN)}\n`);
  });
}

function describeTopologySpreadConstraints(
  constraints: readonly TopologySpreadConstraint[] | undefined,
  w: PrefixWriter,
  space: string,
): void {
  if (constraints === undefined || constraints.length === 0) return;
  const sorted = [...constraints].sort((a, b) => compareGoStrings(a.topologyKey, b.topologyKey));
  w.write(LEVEL_0, `${space}Topology Spread Constraints:\t`);
  sorted.forEach((c, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, space);
      w.write(LEVEL_0, '\t');
    }
    let line = `${c.topologyKey}:${c.whenUnsatisfiable} when max skew ${c.maxSkew} is exceeded`;
    if (c.labelSelector) line += ` for selector ${formatLabelSelector(c.labelSelector)}`;
    w.write(LEVEL_0, `${line}\n`);
  });
}

/** DescribePodTemplate on its own, as `kubectl rollout history --revision N` prints a revision. */
export function describePodTemplateText(template: PodTemplateSpec | undefined): string {
  return tabbedString((w) => describePodTemplate(template, w));
}

function describePodTemplate(template: PodTemplateSpec | undefined, w: PrefixWriter): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (template === undefined) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  const spec = template.spec;
  printLabelsMultiline(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0) {
    printAnnotationsMultiline(w, '  Annotations', template.metadata?.annotations);
  }
  if (spec?.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if ((spec?.initContainers ?? []).length > 0) {
    describeContainers('Init Containers', spec?.initContainers ?? [], undefined, null, w, '  ');
  }
  describeContainers('Containers', spec?.containers ?? [], undefined, null, w, '  ');
  describeVolumes(spec?.volumes, w, '  ');
  describeTopologySpreadConstraints(spec?.topologySpreadConstraints, w, '  ');
  if (spec?.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec?.nodeSelector);
  printTolerationsMultiline(w, '  Tolerations', spec?.tolerations);
}

// ---------------------------------------------------------------------------------------------
// The describers.

/**
 * `kubectl describe daemonset` (DaemonSetDescriber). `pods` may be any superset of the DaemonSet's pods: like
 * kubectl, Pods Status counts those in its namespace that match its selector and whose controller is this DaemonSet (by uid).
 */
export function describeDaemonSet(ds: DaemonSet, pods: readonly Pod[], events: Events, now: number): string {
  const meta = ds.metadata;
  const namespace = meta?.namespace ?? '';
  // metav1.LabelSelectorAsSelector; kubectl lists the pods with its String(), and a nil selector's
  // "" lists everything, like an empty one (a stored DaemonSet's selector is valid and set).
  const parsed = labelSelectorAsSelector(ds.spec?.selector);
  const selector: readonly Requirement[] = parsed.ok && !parsed.selector.matchesNothing ? parsed.selector.requirements : [];
  let running = 0;
  let waiting = 0;
  let succeeded = 0;
  let failed = 0;
  for (const pod of pods) {
    if (namespace !== '' && (pod.metadata?.namespace ?? '') !== namespace) continue;
    if (!selector.every((r) => requirementMatches(r, pod.metadata?.labels))) continue;
    const ref = controllerOf(pod.metadata);
    if (ref === undefined || ref.uid !== (meta?.uid ?? '')) continue;
    switch (pod.status?.phase) {
      case 'Running':
        running++;
        break;
      case 'Pending':
        waiting++;
        break;
      case 'Succeeded':
        succeeded++;
        break;
      case 'Failed':
        failed++;
        break;
      default:
        break;
    }
  }
  const status = ds.status;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${meta?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${namespace}\n`);
    w.write(LEVEL_0, `Selector:\t${requirementsToString(selector)}\n`);
    w.write(LEVEL_0, `Node-Selector:\t${formatLabels(ds.spec?.template.spec?.nodeSelector)}\n`);
    printLabelsMultiline(w, 'Labels', meta?.labels);
    printAnnotationsMultiline(w, 'Annotations', meta?.annotations);
    w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${status?.desiredNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${status?.currentNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${status?.updatedNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${status?.numberAvailable ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Misscheduled: ${status?.numberMisscheduled ?? 0}\n`);
    w.write(LEVEL_0, `Pods Status:\t${running} Running / ${waiting} Waiting / ${succeeded} Succeeded / ${failed} Failed\n`);
    describePodTemplate(ds.spec?.template, w);
    describeEvents(events, w, now);
  });
}

// kubectl's util/qos.GetPodQOS: status.qosClass when set, else computed from cpu and memory requests and limits.
function podQOSClass(pod: Pod): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const requests: ResourceList = new Map();
  const limits: ResourceList = new Map();
  let guaranteed = true;
  const supported = (name: string): boolean => name === 'cpu' || name === 'memory';
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    for (const [name, q] of parseResourceList(c.resources?.requests)) {
      if (supported(name) && cmpQuantity(q, ZERO_QUANTITY) > 0) addResourceList(requests, new Map([[name, q]]));
    }
    const found = new Set<string>();
    for (const [name, q] of parseResourceList(c.resources?.limits)) {
      if (supported(name) && cmpQuantity(q, ZERO_QUANTITY) > 0) {
        found.add(name);
        addResourceList(limits, new Map([[name, q]]));
      }
    }
    if (!found.has('memory') || !found.has('cpu')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (lim === undefined || cmpQuantity(lim, req) !== 0) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

/** `kubectl describe pod` (PodDescriber). */
export function describePod(pod: Pod, events: Events, now: number): string {
  const meta = pod.metadata;
  const spec = pod.spec;
  const status = pod.status;
  const resolver = envValueRetriever(pod);
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${meta?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${meta?.namespace ?? ''}\n`);
    if (spec?.priority !== undefined && spec.priority !== null) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
    if (spec?.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
    if (spec?.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
    if (spec?.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
    if (!spec?.nodeName) w.write(LEVEL_0, 'Node:\t<none>\n');
    else w.write(LEVEL_0, `Node:\t${spec.nodeName}/${status?.hostIP ?? ''}\n`);
    if (status?.startTime) w.write(LEVEL_0, `Start Time:\t${formatRFC1123Z(status.startTime)}\n`);
    printLabelsMultiline(w, 'Labels', meta?.labels);
    printAnnotationsMultiline(w, 'Annotations', meta?.annotations);
    const phase = status?.phase ?? '';
    if (meta?.deletionTimestamp && phase !== 'Failed' && phase !== 'Succeeded') {
      w.write(LEVEL_0, `Status:\tTerminating (lasts ${translateTimestampSince(meta.deletionTimestamp, now)})\n`);
      // The API server always sets the grace period with the deletion timestamp; Go would dereference nil otherwise.
      w.write(LEVEL_0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
    } else {
      w.write(LEVEL_0, `Status:\t${phase}\n`);
    }
    if (status?.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
    if (status?.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
    const seccomp = spec?.securityContext?.seccompProfile;
    if (seccomp !== undefined) {
      w.write(LEVEL_0, `SeccompProfile:\t${seccomp.type}\n`);
      if (seccomp.type === 'Localhost') w.write(LEVEL_0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
    }
    w.write(LEVEL_0, `IP:\t${status?.podIP ?? ''}\n`);
    const podIPs = status?.podIPs ?? [];
    if (podIPs.length === 0) {
      w.write(LEVEL_0, 'IPs:\t<none>\n');
    } else {
      w.write(LEVEL_0, 'IPs:\n');
      for (const ip of podIPs) w.write(LEVEL_1, `IP:\t${ip.ip ?? ''}\n`);
    }
    const controller = controllerOf(meta);
    if (controller !== undefined) w.write(LEVEL_0, `Controlled By:\t${controller.kind}/${controller.name}\n`);
    if (status?.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
    if ((spec?.initContainers ?? []).length > 0) {
      describeContainers('Init Containers', spec?.initContainers ?? [], status?.initContainerStatuses, resolver, w, '');
    }
    describeContainers('Containers', spec?.containers ?? [], status?.containerStatuses, resolver, w, '');
    if ((spec?.ephemeralContainers ?? []).length > 0) {
      // EphemeralContainerCommon converts field for field to Container.
      const ephemeral: Container[] = (spec?.ephemeralContainers ?? []).map(({ targetContainerName: _, ...c }) => c);
      describeContainers('Ephemeral Containers', ephemeral, status?.ephemeralContainerStatuses, resolver, w, '');
    }
    const conditions = status?.conditions ?? [];
    if ((spec?.readinessGates ?? []).length > 0) {
      w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
      for (const gate of spec?.readinessGates ?? []) {
        const condition = conditions.find((c) => c.type === gate.conditionType);
        w.write(LEVEL_1, `${gate.conditionType} \t${condition === undefined ? '<none>' : condition.status} \n`);
      }
    }
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
      for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
    }
    describeVolumes(spec?.volumes, w, '');
    w.write(LEVEL_0, `QoS Class:\t${podQOSClass(pod)}\n`);
    printLabelsMultiline(w, 'Node-Selectors', spec?.nodeSelector);
    printTolerationsMultiline(w, 'Tolerations', spec?.tolerations);
    describeTopologySpreadConstraints(spec?.topologySpreadConstraints, w, '');
    describeEvents(events, w, now);
  });
}

const LABEL_NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';
const NODE_LABEL_ROLE = 'kubernetes.io/role';

function findNodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith(LABEL_NODE_ROLE_PREFIX)) {
      const role = k.slice(LABEL_NODE_ROLE_PREFIX.length);
      if (role.length > 0) roles.add(role);
    } else if (k === NODE_LABEL_ROLE && v !== '') {
      roles.add(v);
    }
  }
  return [...roles].sort(compareGoStrings);
}

const isHugePages = (name: string): boolean => name.startsWith('hugepages-');
const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

function describeNodeResource(pods: readonly Pod[], node: Node, w: PrefixWriter, now: number): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const capacity = parseResourceList(node.status?.capacity);
  const allocatableList = parseResourceList(node.status?.allocatable);
  const allocatable = allocatableList.size > 0 ? allocatableList : capacity;
  const allocCpu = milliValue(allocatable.get('cpu') ?? ZERO_QUANTITY);
  const allocMemory = intValue(allocatable.get('memory') ?? ZERO_QUANTITY);

  for (const pod of pods) {
    const req = podResources(pod, 'requests');
    const limit = podResources(pod, 'limits');
    const cpuReq = req.get('cpu') ?? ZERO_QUANTITY;
    const cpuLimit = limit.get('cpu') ?? ZERO_QUANTITY;
    const memReq = req.get('memory') ?? ZERO_QUANTITY;
    const memLimit = limit.get('memory') ?? ZERO_QUANTITY;
    w.write(
      LEVEL_1,
      `${pod.metadata?.namespace ?? ''}\t${pod.metadata?.name ?? ''}\t\t` +
        `${quantityString(cpuReq)} (${percent(milliValue(cpuReq), allocCpu)}%)\t` +
        `${quantityString(cpuLimit)} (${percent(milliValue(cpuLimit), allocCpu)}%)\t` +
        `${quantityString(memReq)} (${percent(intValue(memReq), allocMemory)}%)\t` +
        `${quantityString(memLimit)} (${percent(intValue(memLimit), allocMemory)}%)\t` +
        `${translateTimestampSince(pod.metadata?.creationTimestamp, now)}\n`,
    );
  }

  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const reqs: ResourceList = new Map();
  const limits: ResourceList = new Map();
  for (const pod of pods) {
    addResourceList(reqs, podResources(pod, 'requests'));
    addResourceList(limits, podResources(pod, 'limits'));
  }
  // Totals guard against a zero allocatable (the per-pod rows above do not).
  const row = (name: string, toInt: (q: Quantity) => bigint): void => {
    const r = reqs.get(name) ?? ZERO_QUANTITY;
    const l = limits.get(name) ?? ZERO_QUANTITY;
    const a = toInt(allocatable.get(name) ?? ZERO_QUANTITY);
    const pr = a === 0n ? '0' : percent(toInt(r), a);
    const pl = a === 0n ? '0' : percent(toInt(l), a);
    w.write(LEVEL_1, `${name}\t${quantityString(r)} (${pr}%)\t${quantityString(l)} (${pl}%)\n`);
  };
  row('cpu', milliValue);
  row('memory', intValue);
  row('ephemeral-storage', intValue);
  const names = [...allocatable.keys()].sort(compareGoStrings);
  for (const name of names.filter(isHugePages)) row(name, intValue);
  for (const name of names) {
    if (isHugePages(name) || STANDARD_CONTAINER_RESOURCES.has(name) || name === 'pods') continue;
    const r = reqs.get(name) ?? ZERO_QUANTITY;
    const l = limits.get(name) ?? ZERO_QUANTITY;
    w.write(LEVEL_1, `${name}\t${quantityString(r)}\t${quantityString(l)}\n`);
  }
}

/**
 * `kubectl describe node` (NodeDescriber). `pods` may be all pods: like kubectl's field selector, the table keeps those
 * bound to this node and not Succeeded or Failed, in the order given. Without a `lease`, the Lease fields print `<unset>`.
 * Node-local ResourceSlices are not simulated and never shown.
 */
export function describeNode(node: Node, pods: readonly Pod[], events: Events, now: number, lease?: Lease): string {
  const meta = node.metadata;
  const spec = node.spec;
  const status = node.status;
  const name = meta?.name ?? '';
  const nonTerminated = pods.filter(
    (p) => (p.spec?.nodeName ?? '') === name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
  );
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${name}\n`);
    const roles = findNodeRoles(node);
    w.write(LEVEL_0, `Roles:\t${roles.length > 0 ? roles.join(',') : '<none>'}\n`);
    printLabelsMultiline(w, 'Labels', meta?.labels);
    printAnnotationsMultiline(w, 'Annotations', meta?.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(meta?.creationTimestamp)}\n`);
    printNodeTaintsMultiline(w, 'Taints', spec?.taints);
    w.write(LEVEL_0, `Unschedulable:\t${goBool(spec?.unschedulable)}\n`);

    w.write(LEVEL_0, 'Lease:\n');
    const leaseSpec = lease?.spec;
    w.write(LEVEL_1, `HolderIdentity:\t${leaseSpec?.holderIdentity ?? '<unset>'}\n`);
    w.write(LEVEL_1, `AcquireTime:\t${leaseSpec?.acquireTime ? formatRFC1123Z(leaseSpec.acquireTime) : '<unset>'}\n`);
    w.write(LEVEL_1, `RenewTime:\t${leaseSpec?.renewTime ? formatRFC1123Z(leaseSpec.renewTime) : '<unset>'}\n`);

    const conditions = status?.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of conditions) {
        w.write(
          LEVEL_1,
          `${c.type} \t${c.status} \t${formatRFC1123Z(c.lastHeartbeatTime)} \t${formatRFC1123Z(c.lastTransitionTime)} ` +
            `\t${c.reason ?? ''} \t${c.message ?? ''}\n`,
        );
      }
    }

    w.write(LEVEL_0, 'Addresses:\n');
    for (const a of status?.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);

    const printResourceList = (list: ResourceList): void => {
      for (const resource of [...list.keys()].sort(compareGoStrings)) {
        w.write(LEVEL_0, `  ${resource}:\t${quantityString(list.get(resource) ?? ZERO_QUANTITY)}\n`);
      }
    };
    const capacity = parseResourceList(status?.capacity);
    const allocatable = parseResourceList(status?.allocatable);
    if (capacity.size > 0) {
      w.write(LEVEL_0, 'Capacity:\n');
      printResourceList(capacity);
    }
    if (allocatable.size > 0) {
      w.write(LEVEL_0, 'Allocatable:\n');
      printResourceList(allocatable);
    }

    const info = status?.nodeInfo;
    w.write(LEVEL_0, 'System Info:\n');
    w.write(LEVEL_0, `  Machine ID:\t${info?.machineID ?? ''}\n`);
    w.write(LEVEL_0, `  System UUID:\t${info?.systemUUID ?? ''}\n`);
    w.write(LEVEL_0, `  Boot ID:\t${info?.bootID ?? ''}\n`);
    w.write(LEVEL_0, `  Kernel Version:\t${info?.kernelVersion ?? ''}\n`);
    w.write(LEVEL_0, `  OS Image:\t${info?.osImage ?? ''}\n`);
    w.write(LEVEL_0, `  Operating System:\t${info?.operatingSystem ?? ''}\n`);
    w.write(LEVEL_0, `  Architecture:\t${info?.architecture ?? ''}\n`);
    w.write(LEVEL_0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}\n`);
    w.write(LEVEL_0, `  Kubelet Version:\t${info?.kubeletVersion ?? ''}\n`);
    // No `Kube-Proxy Version`: the field is deprecated (KEP-4004) and the current kubectl no longer prints it
    // (v1.32 and v1.33 print it, empty when unset).

    if (spec?.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${spec.podCIDR}\n`);
    if ((spec?.podCIDRs ?? []).length > 0) w.write(LEVEL_0, `PodCIDRs:\t${(spec?.podCIDRs ?? []).join(',')}\n`);
    if (spec?.providerID) w.write(LEVEL_0, `ProviderID:\t${spec.providerID}\n`);
    describeNodeResource(nonTerminated, node, w, now);
    describeEvents(events, w, now);
  });
}

/** `kubectl describe namespace` (NamespaceDescriber), for a namespace without ResourceQuotas or LimitRanges. */
export function describeNamespace(ns: Namespace, _now: number): string {
  return tabbedString((w) => {
    writeHeader(w, ns.metadata, false);
    w.write(LEVEL_0, `Status:\t${ns.status?.phase ?? ''}\n`);
    const conditions = ns.status?.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
      for (const c of conditions) {
        w.write(
          LEVEL_1,
          `${c.type}\t${c.status}\t${formatRFC1123Z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`,
        );
      }
    }
    w.write(LEVEL_0, '\n');
    w.write(LEVEL_0, 'No resource quota.\n');
    w.write(LEVEL_0, '\n');
    w.write(LEVEL_0, 'No LimitRange resource.\n');
  });
}

// ---------------------------------------------------------------------------------------------
// The generic describer (kubectl has no ControllerRevision describer and falls back to it).

const GENERIC_SKIP = new Set([
  '.metadata.managedFields',
  '.metadata.name',
  '.metadata.namespace',
  '.metadata.labels',
  '.metadata.annotations',
]);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

// fatih/camelcase.Split: runs of lower case, upper case, digits and other characters, with "PDFLoader" -> "PDF", "Loader".
function camelcaseSplit(src: string): string[] {
  const classOf = (ch: string): number =>
    /\p{Ll}/u.test(ch) ? 1 : /\p{Lu}/u.test(ch) ? 2 : /\p{Nd}/u.test(ch) ? 3 : 4;
  const runs: string[][] = [];
  let last = 0;
  for (const ch of src) {
    const cls = classOf(ch);
    if (cls === last) runs[runs.length - 1]?.push(ch);
    else runs.push([ch]);
    last = cls;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    const cur = runs[i] ?? [];
    const next = runs[i + 1] ?? [];
    if (/\p{Lu}/u.test(cur[0] ?? '') && /\p{Ll}/u.test(next[0] ?? '')) {
      const moved = cur.pop();
      if (moved !== undefined) next.unshift(moved);
    }
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(''));
}

// smartLabelFor: `apiVersion` -> `API Version`, `ownerReferences` -> `Owner References`; fields with other characters as is.
function smartLabelFor(field: string): string {
  if (/[^\p{L}-]/u.test(field)) return field;
  const parts = camelcaseSplit(field);
  const merged: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    const next = parts[i + 1];
    const allUpper = [...part].every((ch) => !/\p{L}/u.test(ch) || /\p{Lu}/u.test(ch));
    if (next !== undefined && byteLength(part) >= 2 && allUpper && /\p{Lu}/u.test(next[0] ?? '')) {
      merged.push(part + next);
      i++;
      continue;
    }
    merged.push(part);
  }
  return merged
    .map((part) => {
      if (['API', 'URL', 'UID', 'GUID'].includes(part.toUpperCase())) return part.toUpperCase();
      if (part.toLowerCase() === part) return (part[0] ?? '').toUpperCase() + part.slice(1);
      return part;
    })
    .join(' ');
}

// fmt's %v for what encoding/json decodes into an interface{} (integers as int64, other numbers as float64).
function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') {
    if (Number.isInteger(v) && Math.abs(v) < 2 ** 63) return `${v + 0}`;
    // %v on a float64 is %g with the shortest digits, in e-notation below 1e-4 and from 1e6 on (`1.5e+06`).
    const [mantissa = '', exponent = '0'] = v.toExponential().split('e');
    const e = Number(exponent);
    if (e < -4 || e >= 6) return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
    return String(v);
  }
  if (typeof v === 'boolean' || typeof v === 'string') return String(v);
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (isPlainObject(v)) return `map[${sortedKeys(v).map((k) => `${k}:${goValue(v[k])}`).join(' ')}]`;
  return String(v);
}

function printUnstructuredContent(w: PrefixWriter, level: number, content: Record<string, unknown>, skipPrefix: string): void {
  for (const field of sortedKeys(content)) {
    const value = content[field];
    const skipExpr = `${skipPrefix}.${field}`;
    if (GENERIC_SKIP.has(skipExpr)) continue;
    if (isPlainObject(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printUnstructuredContent(w, level + 1, value, skipExpr);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (isPlainObject(child)) printUnstructuredContent(w, level + 1, child, skipExpr);
        else w.write(level + 1, `${goValue(child)}\n`);
      }
    } else {
      w.write(level, `${smartLabelFor(field)}:\t${goValue(value)}\n`);
    }
  }
}

/**
 * kubectl's generic describer, used for kinds without their own describer: Name, Namespace, Labels, Annotations,
 * then every other field of the object (sorted, with smart labels such as `API Version`), then Events.
 */
export function describeGeneric(obj: { readonly metadata?: ObjectMeta }, now: number, events: Events = []): string {
  const content = JSON.parse(JSON.stringify(obj)) as Record<string, unknown>;
  return tabbedString((w) => {
    writeHeader(w, obj.metadata);
    printUnstructuredContent(w, LEVEL_0, content, '');
    describeEvents(events, w, now);
  });
}

/** `kubectl describe controllerrevision`: kubectl has no describer for the kind, so this is the generic one. */
export function describeControllerRevision(revision: ControllerRevision, events: Events, now: number): string {
  // The API always sends apiVersion and kind; dsim's stored objects may lack them.
  return describeGeneric({ apiVersion: 'apps/v1', kind: 'ControllerRevision', ...revision }, now, events);
}

// ---------------------------------------------------------------------------------------------
// Kinds dsim stores without simulating, with describers of their own in kubectl: ServiceAccount,
// ConfigMap, Secret and the RBAC kinds (current kubectl source).

type Fields = Readonly<Record<string, unknown>>;
const stringList = (x: unknown): string[] => (Array.isArray(x) ? x.map((v) => String(v)) : []);
const fieldsList = (x: unknown): Fields[] => (Array.isArray(x) ? x.filter(isPlainObject) : []);
const stringMap = (x: unknown): Record<string, string> => (isPlainObject(x) ? (x as Record<string, string>) : {});
// fmt's %v of a []string: `[a b]`, and `[]` for nil, empty or [""].
const goStringSlice = (values: readonly string[]): string => `[${values.join(' ')}]`;
// The bytes a base64 `[]byte` field decodes to, as the API server decodes it.
const base64Bytes = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'base64'));

/**
 * The lines most describers start with: Name, Namespace (for a namespaced kind), then Labels and
 * Annotations one per line.
 */
function writeHeader(w: PrefixWriter, meta: ObjectMeta | undefined, namespaced = true): void {
  w.write(LEVEL_0, `Name:\t${meta?.name ?? ''}\n`);
  if (namespaced) w.write(LEVEL_0, `Namespace:\t${meta?.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', meta?.labels);
  printAnnotationsMultiline(w, 'Annotations', meta?.annotations);
}

/**
 * `kubectl describe serviceaccount` (ServiceAccountDescriber). The current kubectl lists image pull secrets only;
 * v1.32 also listed `Mountable secrets` and `Tokens`.
 */
export function describeServiceAccount(sa: { readonly metadata?: ObjectMeta } & Fields, events: Events, now: number): string {
  return tabbedString((w) => {
    writeHeader(w, sa.metadata);
    const names = fieldsList(sa['imagePullSecrets']).map((s) => String(s['name'] ?? ''));
    if (names.length === 0) w.write(LEVEL_0, 'Image pull secrets:\t<none>\n');
    let prefix = 'Image pull secrets:';
    for (const name of names) {
      w.write(LEVEL_0, `${prefix}\t${name}\n`);
      prefix = ' '.repeat(19);
    }
    describeEvents(events, w, now);
  });
}

/**
 * `kubectl describe service` (ServiceDescriber): the addresses and, per port, its target, node port and the
 * ready endpoints of the Service's EndpointSlices (`formatEndpointSlices`), then the traffic policies and events.
 */
export function describeService(service: Service, slices: readonly EndpointSliceView[], events: Events, now: number): string {
  const spec = service.spec ?? {};
  return tabbedString((w) => {
    writeHeader(w, service.metadata);
    w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
    w.write(LEVEL_0, `Type:\t${spec.type ?? ''}\n`);
    if (spec.ipFamilyPolicy !== undefined) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
    w.write(LEVEL_0, `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>'}\n`);
    w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ''}\n`);
    w.write(LEVEL_0, `IPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(',') : '<none>'}\n`);
    if (spec.externalIPs?.length) w.write(LEVEL_0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
    if (spec.loadBalancerIP) w.write(LEVEL_0, `IP:\t${spec.loadBalancerIP}\n`);
    if (spec.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`);
    const ingress = service.status?.loadBalancer?.ingress ?? [];
    if (ingress.length > 0) w.write(LEVEL_0, `LoadBalancer Ingress:\t${ingress.map((i) => i.ip || i.hostname || '').join(', ')}\n`);
    for (const sp of spec.ports ?? []) {
      const name = sp.name || '<unset>';
      const protocol = sp.protocol ?? '';
      w.write(LEVEL_0, `Port:\t${name}\t${sp.port}/${protocol}\n`);
      w.write(LEVEL_0, `TargetPort:\t${String(sp.targetPort ?? 0)}/${protocol}\n`);
      if (sp.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${sp.nodePort}/${protocol}\n`);
      w.write(LEVEL_0, `Endpoints:\t${formatEndpointSlices(slices, sp.name ?? '')}\n`);
    }
    w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
    if (spec.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
    if (spec.internalTrafficPolicy !== undefined) w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
    if (spec.healthCheckNodePort) w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
    if (spec.loadBalancerSourceRanges?.length) w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`);
    describeEvents(events, w, now);
  });
}

/** `kubectl describe configmap` (ConfigMapDescriber): each data key in byte order, then binary data sizes, then events. */
export function describeConfigMap(cm: { readonly metadata?: ObjectMeta } & Fields, events: Events, now: number): string {
  return tabbedString((w) => {
    writeHeader(w, cm.metadata);
    w.write(LEVEL_0, '\nData\n====\n');
    const data = stringMap(cm['data']);
    for (const k of sortedKeys(data)) {
      w.write(LEVEL_0, `${k}:\n----\n`);
      w.write(LEVEL_0, `${data[k] ?? ''}\n`);
      w.write(LEVEL_0, '\n');
    }
    w.write(LEVEL_0, '\nBinaryData\n====\n');
    const binary = stringMap(cm['binaryData']);
    for (const k of sortedKeys(binary)) w.write(LEVEL_0, `${k}: ${base64Bytes(binary[k] ?? '').length} bytes\n`);
    w.write(LEVEL_0, '\n');
    describeEvents(events, w, now);
  });
}

/**
 * `kubectl describe secret` (SecretDescriber): the type and each key's size, never the values (but a service account
 * token's). The object is read as the API server stores it: `stringData` merged into `data`, the type `Opaque` by default.
 */
export function describeSecret(secret: { readonly metadata?: ObjectMeta } & Fields): string {
  const type = typeof secret['type'] === 'string' && secret['type'] !== '' ? secret['type'] : 'Opaque';
  const data = new Map<string, Uint8Array>();
  for (const [k, v] of Object.entries(stringMap(secret['data']))) data.set(k, base64Bytes(v));
  for (const [k, v] of Object.entries(stringMap(secret['stringData']))) data.set(k, utf8.encode(v));
  return tabbedString((w) => {
    writeHeader(w, secret.metadata);
    w.write(LEVEL_0, `\nType:\t${type}\n`);
    w.write(LEVEL_0, '\nData\n====\n');
    for (const k of [...data.keys()].sort(compareGoStrings)) {
      const bytes = data.get(k) ?? new Uint8Array();
      if (k === 'token' && type === 'kubernetes.io/service-account-token') w.write(LEVEL_0, `${k}:\t${new TextDecoder().decode(bytes)}\n`);
      else w.write(LEVEL_0, `${k}:\t${bytes.length} bytes\n`);
    }
  });
}

interface PolicyRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly resourceNames: readonly string[];
  readonly nonResourceURLs: readonly string[];
  readonly verbs: readonly string[];
}

// rbac.BreakdownRule: one rule per group, resource, verb and resource name; non-resource URLs once per verb.
function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const group of rule.apiGroups) {
    for (const resource of rule.resources) {
      for (const verb of rule.verbs) {
        const names = rule.resourceNames.length > 0 ? rule.resourceNames.map((n) => [n]) : [[]];
        for (const resourceNames of names) out.push({ apiGroups: [group], resources: [resource], resourceNames, nonResourceURLs: [], verbs: [verb] });
      }
    }
  }
  for (const url of rule.nonResourceURLs) {
    for (const verb of rule.verbs) out.push({ apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [url], verbs: [verb] });
  }
  return out;
}

// rbac.CompactRules over broken-down rules: those naming one resource (and at most one name) gather their verbs, each
// once, in the order met; the others stay as they are. Then sort.Stable by the generated PolicyRule.String().
function compactRules(rules: readonly PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, { rule: PolicyRule; verbs: string[] }>();
  for (const rule of rules) {
    if (rule.nonResourceURLs.length > 0 || rule.resourceNames.length > 1 || rule.apiGroups.length !== 1 || rule.resources.length !== 1) {
      compacted.push(rule);
      continue;
    }
    const key = JSON.stringify([rule.apiGroups[0], rule.resources[0], rule.resourceNames.length > 0, rule.resourceNames[0] ?? '']);
    const existing = simple.get(key);
    if (existing === undefined) simple.set(key, { rule, verbs: [...rule.verbs] });
    else for (const verb of rule.verbs) if (!existing.verbs.includes(verb)) existing.verbs.push(verb);
  }
  for (const { rule, verbs } of simple.values()) compacted.push({ ...rule, verbs });
  const str = (r: PolicyRule): string =>
    `&PolicyRule{Verbs:${goStringSlice(r.verbs)},APIGroups:${goStringSlice(r.apiGroups)},Resources:${goStringSlice(r.resources)},` +
    `ResourceNames:${goStringSlice(r.resourceNames)},NonResourceURLs:${goStringSlice(r.nonResourceURLs)},}`;
  // Array.prototype.sort is stable, as sort.Stable is.
  return compacted.sort((a, b) => compareGoStrings(str(a), str(b)));
}

// CombineResourceGroup: `resource.group/subresource`, the core group left out.
function combineResourceGroup(resources: readonly string[], groups: readonly string[]): string {
  const first = resources[0];
  if (first === undefined) return '';
  const slash = first.indexOf('/');
  let combined = slash < 0 ? first : first.slice(0, slash);
  if (groups.length > 0 && groups[0] !== '') combined += `.${groups[0]}`;
  if (slash >= 0) combined += `/${first.slice(slash + 1)}`;
  return combined;
}

/** `kubectl describe role` and `describe clusterrole` (RoleDescriber, ClusterRoleDescriber): the rules, broken down and compacted. */
export function describeRole(role: { readonly metadata?: ObjectMeta } & Fields): string {
  const rules = fieldsList(role['rules']).map(
    (r): PolicyRule => ({
      apiGroups: stringList(r['apiGroups']),
      resources: stringList(r['resources']),
      resourceNames: stringList(r['resourceNames']),
      nonResourceURLs: stringList(r['nonResourceURLs']),
      verbs: stringList(r['verbs']),
    }),
  );
  const compact = compactRules(rules.flatMap(breakdownRule));
  return tabbedString((w) => {
    writeHeader(w, role.metadata, false);
    w.write(LEVEL_0, 'PolicyRule:\n');
    w.write(LEVEL_1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n');
    w.write(LEVEL_1, '---------\t-----------------\t--------------\t-----\n');
    for (const r of compact) {
      w.write(
        LEVEL_1,
        `${combineResourceGroup(r.resources, r.apiGroups)}\t${goStringSlice(r.nonResourceURLs)}\t${goStringSlice(r.resourceNames)}\t${goStringSlice(r.verbs)}\n`,
      );
    }
  });
}

/** `kubectl describe rolebinding` and `describe clusterrolebinding` (RoleBindingDescriber, ClusterRoleBindingDescriber). */
export function describeRoleBinding(binding: { readonly metadata?: ObjectMeta } & Fields): string {
  const ref = isPlainObject(binding['roleRef']) ? binding['roleRef'] : {};
  return tabbedString((w) => {
    writeHeader(w, binding.metadata, false);
    w.write(LEVEL_0, 'Role:\n');
    w.write(LEVEL_1, `Kind:\t${String(ref['kind'] ?? '')}\n`);
    w.write(LEVEL_1, `Name:\t${String(ref['name'] ?? '')}\n`);
    w.write(LEVEL_0, 'Subjects:\n');
    w.write(LEVEL_1, 'Kind\tName\tNamespace\n');
    w.write(LEVEL_1, '----\t----\t---------\n');
    for (const s of fieldsList(binding['subjects'])) {
      w.write(LEVEL_1, `${String(s['kind'] ?? '')}\t${String(s['name'] ?? '')}\t${String(s['namespace'] ?? '')}\n`);
    }
  });
}

/** `kubectl describe poddisruptionbudget` (PodDisruptionBudgetDescriber): the budget, the selector, the disruption status. */
export function describePodDisruptionBudget(pdb: { readonly metadata?: ObjectMeta } & Fields, events: Events, now: number): string {
  const spec = isPlainObject(pdb['spec']) ? pdb['spec'] : {};
  const status = isPlainObject(pdb['status']) ? pdb['status'] : {};
  const count = (v: unknown): number => (typeof v === 'number' ? v : 0);
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${pdb.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${pdb.metadata?.namespace ?? ''}\n`);
    if (spec['minAvailable'] !== undefined && spec['minAvailable'] !== null) w.write(LEVEL_0, `Min available:\t${String(spec['minAvailable'])}\n`);
    else if (spec['maxUnavailable'] !== undefined && spec['maxUnavailable'] !== null) w.write(LEVEL_0, `Max unavailable:\t${String(spec['maxUnavailable'])}\n`);
    const selector = spec['selector'];
    w.write(LEVEL_0, `Selector:\t${isPlainObject(selector) ? formatLabelSelector(selector) : '<unset>'}\n`);
    w.write(LEVEL_0, 'Status:\n');
    w.write(LEVEL_2, `Allowed disruptions:\t${count(status['disruptionsAllowed'])}\n`);
    w.write(LEVEL_2, `Current:\t${count(status['currentHealthy'])}\n`);
    w.write(LEVEL_2, `Desired:\t${count(status['desiredHealthy'])}\n`);
    w.write(LEVEL_2, `Total:\t${count(status['expectedPods'])}\n`);
    describeEvents(events, w, now);
  });
}

/** `kubectl describe priorityclass` (PriorityClassDescriber): its value, default flag, preemption policy and description. */
export function describePriorityClass(pc: { readonly metadata?: ObjectMeta } & Fields, events: Events, now: number): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${pc.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Value:\t${typeof pc['value'] === 'number' ? pc['value'] : 0}\n`);
    w.write(LEVEL_0, `GlobalDefault:\t${pc['globalDefault'] === true}\n`);
    w.write(LEVEL_0, `PreemptionPolicy:\t${String(pc['preemptionPolicy'] ?? 'PreemptLowerPriority')}\n`);
    w.write(LEVEL_0, `Description:\t${String(pc['description'] ?? '')}\n`);
    w.write(LEVEL_0, `Annotations:\t${formatLabels(pc.metadata?.annotations)}\n`);
    describeEvents(events, w, now);
  });
}

// `kubectl get` tables: the rows the API server builds (pkg/printers/internalversion/printers.go) and the layout
// kubectl gives them (cli-runtime printers/tableprinter.go, kubectl cmd/get/get.go). Pure: `now` is passed in and
// the caller writes the returned text; stdout and stderr are kept apart as kubectl keeps them.

import type { DaemonSet, ControllerRevision } from 'kubernetes-types/apps/v1';
import type { Container, Event as CoreEvent, Namespace, Node, Pod, PodStatus } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { compareGoStrings, formatLabelSelector } from '@dsim/core';
import { humanDuration } from './duration.ts';
import { tabulate } from './tabwriter.ts';

/** An API group and kind, e.g. `{ group: 'apps', kind: 'DaemonSet' }`; the core group is ''. */
export interface GroupKind {
  readonly group: string;
  readonly kind: string;
}

/** A column of a server-side table (metav1.TableColumnDefinition); priority 1 columns show only with `-o wide`. */
export interface TableColumnDefinition {
  readonly name: string;
  readonly priority: number;
  /** 'name' marks the column kubectl prefixes with `kind/` when several kinds are printed together. */
  readonly format?: 'name';
}

/** A cell value; null prints as nothing, numbers and booleans as Go's fmt.Sprint prints them. */
export type TableCell = string | number | boolean | null;

/** One row: every cell the server sends (wide ones included), plus the object's metadata for decoration. */
export interface TableRow {
  readonly cells: readonly TableCell[];
  readonly metadata?: ObjectMeta;
}

/** What the API server answers to a `kubectl get` list request for one resource type. */
export interface Table {
  readonly groupKind: GroupKind;
  /** Cluster-scoped tables never get the NAMESPACE column, even with `-A`. */
  readonly namespaced: boolean;
  readonly columns: readonly TableColumnDefinition[];
  readonly rows: readonly TableRow[];
}

/** Client-side options of `kubectl get`. */
export interface PrintOptions {
  /** `-o wide`: show priority 1 columns. */
  readonly wide?: boolean;
  /** `--no-headers`. */
  readonly noHeaders?: boolean;
  /** `-A`: prepend NAMESPACE to namespaced tables. */
  readonly withNamespace?: boolean;
  /** `--show-labels`: append LABELS. */
  readonly showLabels?: boolean;
  /** `-L key,...`: one column per label key, headed by the key's last path segment in upper case. */
  readonly labelColumns?: readonly string[];
  /** Prefix names with `kind.group/`; printTables defaults it to "more than one table". */
  readonly withKind?: boolean;
}

const col = (name: string, priority = 0): TableColumnDefinition => ({ name, priority });
const NAME_COLUMN: TableColumnDefinition = { name: 'Name', priority: 0, format: 'name' };

/** Pod columns (podColumnDefinitions). */
export const POD_COLUMNS: readonly TableColumnDefinition[] = [
  NAME_COLUMN,
  col('Ready'),
  col('Status'),
  col('Restarts'),
  col('Age'),
  col('IP', 1),
  col('Node', 1),
  col('Nominated Node', 1),
  col('Readiness Gates', 1),
];

/** Node columns (nodeColumnDefinitions). */
export const NODE_COLUMNS: readonly TableColumnDefinition[] = [
  NAME_COLUMN,
  col('Status'),
  col('Roles'),
  col('Age'),
  col('Version'),
  col('Internal-IP', 1),
  col('External-IP', 1),
  col('OS-Image', 1),
  col('Kernel-Version', 1),
  col('Container-Runtime', 1),
];

/** DaemonSet columns (daemonSetColumnDefinitions). */
export const DAEMON_SET_COLUMNS: readonly TableColumnDefinition[] = [
  NAME_COLUMN,
  col('Desired'),
  col('Current'),
  col('Ready'),
  col('Up-to-date'),
  col('Available'),
  col('Node Selector'),
  col('Age'),
  col('Containers', 1),
  col('Images', 1),
  col('Selector', 1),
];

/** Namespace columns (namespaceColumnDefinitions). */
export const NAMESPACE_COLUMNS: readonly TableColumnDefinition[] = [NAME_COLUMN, col('Status'), col('Age')];

/** ControllerRevision columns (controllerRevisionColumnDefinition). */
export const CONTROLLER_REVISION_COLUMNS: readonly TableColumnDefinition[] = [
  NAME_COLUMN,
  col('Controller'),
  col('Revision'),
  col('Age'),
];

/** Event columns (eventColumnDefinitions): the wide ones are the source, the sub-object, first seen, count and name. */
export const EVENT_COLUMNS: readonly TableColumnDefinition[] = [
  col('Last Seen'),
  col('Type'),
  col('Reason'),
  col('Object'),
  col('Subobject', 1),
  col('Source', 1),
  col('Message'),
  col('First Seen', 1),
  col('Count', 1),
  { ...NAME_COLUMN, priority: 1 },
];

/** The fallback for kinds without a printer (cli-runtime's objectMetaColumnDefinitions; custom resources without printer columns). */
export const OBJECT_META_COLUMNS: readonly TableColumnDefinition[] = [NAME_COLUMN, col('Age')];

/** Events are in the core group. */
export const EVENT: GroupKind = { group: '', kind: 'Event' };
/** Pods are in the core group. */
export const POD: GroupKind = { group: '', kind: 'Pod' };
/** Nodes are in the core group. */
export const NODE: GroupKind = { group: '', kind: 'Node' };
/** Namespaces are in the core group. */
export const NAMESPACE: GroupKind = { group: '', kind: 'Namespace' };
/** DaemonSets are in the apps group, so kubectl writes them `daemonset.apps/<name>`. */
export const DAEMON_SET: GroupKind = { group: 'apps', kind: 'DaemonSet' };
/** ControllerRevisions are in the apps group. */
export const CONTROLLER_REVISION: GroupKind = { group: 'apps', kind: 'ControllerRevision' };

// ---------------------------------------------------------------------------------------------
// Helpers shared with apimachinery.


// metav1.Time: absent, or Go's zero time, is "zero"; anything else must be an RFC 3339 timestamp.
const GO_ZERO_TIME_MS = -62_135_596_800_000; // 0001-01-01T00:00:00Z
const ZERO = Number.NEGATIVE_INFINITY;

function timeOf(timestamp: string | null | undefined): number {
  if (timestamp === undefined || timestamp === null || timestamp === '') return ZERO;
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) throw new Error(`invalid RFC 3339 timestamp: ${JSON.stringify(timestamp)}`);
  return ms === GO_ZERO_TIME_MS ? ZERO : ms;
}

function since(time: number, now: number): string {
  return time === ZERO ? '<unknown>' : humanDuration(now - time);
}

/** translateTimestampSince: `<unknown>` for an absent (zero) timestamp, else the HumanDuration since it. */
export function translateTimestampSince(timestamp: string | null | undefined, now: number): string {
  return since(timeOf(timestamp), now);
}

/** labels.FormatLabels: sorted `k=v` joined by `,` (labels.Set.String), or `<none>` when empty. */
export function formatLabels(labels: Readonly<Record<string, string>> | null | undefined): string {
  const pairs = Object.entries(labels ?? {}).map(([k, v]) => `${k}=${v}`);
  // Go sorts the joined "k=v" strings, not the keys: "a.b=1" sorts before "a=1".
  pairs.sort(compareGoStrings);
  return pairs.length === 0 ? '<none>' : pairs.join(',');
}

// layoutContainerCells: names and images, each joined by ','.
function layoutContainerCells(containers: readonly Container[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')];
}

// ---------------------------------------------------------------------------------------------
// Row builders: one per printX function of printers.go. They always return the wide cells too, as the
// server does (it generates tables with Wide: true); printTable drops priority 1 columns unless wide.

const isRestartableInitContainer = (c: Container | undefined): boolean => c?.restartPolicy === 'Always';

function isPodInitializedConditionTrue(status: PodStatus): boolean {
  const condition = (status.conditions ?? []).find((c) => c.type === 'Initialized');
  return condition?.status === 'True';
}

const hasPodReadyCondition = (status: PodStatus): boolean =>
  (status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

/** printPod: NAME READY STATUS RESTARTS AGE, then IP NODE NOMINATED-NODE READINESS-GATES. */
export function printPod(pod: Pod, now: number): TableRow {
  const spec = pod.spec;
  const status: PodStatus = pod.status ?? {};
  let restarts = 0;
  let restartableInitContainerRestarts = 0;
  let totalContainers = spec?.containers.length ?? 0;
  let readyContainers = 0;
  let lastRestartDate = ZERO;
  let lastRestartableInitContainerRestartDate = ZERO;

  const podPhase = status.phase ?? '';
  let reason = podPhase;
  if (status.reason) reason = status.reason;

  for (const condition of status.conditions ?? []) {
    if (condition.type === 'PodScheduled' && condition.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initContainers = new Map<string, Container>();
  for (const c of spec?.initContainers ?? []) {
    initContainers.set(c.name, c);
    if (isRestartableInitContainer(c)) totalContainers++;
  }

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const container = initStatuses[i];
    if (container === undefined) continue;
    restarts += container.restartCount ?? 0;
    const lastTerminated = container.lastState?.terminated;
    if (lastTerminated) lastRestartDate = Math.max(lastRestartDate, timeOf(lastTerminated.finishedAt));
    const restartable = isRestartableInitContainer(initContainers.get(container.name));
    if (restartable) {
      restartableInitContainerRestarts += container.restartCount ?? 0;
      if (lastTerminated) {
        lastRestartableInitContainerRestartDate = Math.max(
          lastRestartableInitContainerRestartDate,
          timeOf(lastTerminated.finishedAt),
        );
      }
    }
    const terminated = container.state?.terminated;
    const waiting = container.state?.waiting;
    if (terminated && terminated.exitCode === 0) continue;
    if (restartable && container.started === true) {
      if (container.ready) readyContainers++;
      continue;
    }
    if (terminated) {
      // initialization failed
      if (!terminated.reason) {
        reason = terminated.signal ? `Init:Signal:${terminated.signal}` : `Init:ExitCode:${terminated.exitCode}`;
      } else {
        reason = `Init:${terminated.reason}`;
      }
    } else if (waiting && waiting.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${spec?.initContainers?.length ?? 0}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || isPodInitializedConditionTrue(status)) {
    restarts = restartableInitContainerRestarts;
    lastRestartDate = lastRestartableInitContainerRestartDate;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    // Last to first, so the first container with a waiting or terminated reason has the final word.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i];
      if (container === undefined) continue;
      restarts += container.restartCount ?? 0;
      const lastTerminated = container.lastState?.terminated;
      if (lastTerminated) lastRestartDate = Math.max(lastRestartDate, timeOf(lastTerminated.finishedAt));
      const waiting = container.state?.waiting;
      const terminated = container.state?.terminated;
      if (waiting && waiting.reason) {
        reason = waiting.reason;
      } else if (terminated && terminated.reason) {
        reason = terminated.reason;
      } else if (terminated) {
        reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`;
      } else if (container.ready && container.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A completed container next to a running one does not make the pod Completed.
    if (reason === 'Completed' && hasRunning) reason = hasPodReadyCondition(status) ? 'Running' : 'NotReady';
  }

  const deleting = pod.metadata?.deletionTimestamp != null;
  if (deleting && status.reason === 'NodeLost') {
    reason = 'Unknown';
  } else if (deleting && podPhase !== 'Failed' && podPhase !== 'Succeeded') {
    reason = 'Terminating';
  }

  const restartsText =
    restarts !== 0 && lastRestartDate !== ZERO ? `${restarts} (${since(lastRestartDate, now)} ago)` : `${restarts}`;

  // The v1 -> internal conversion makes podIP authoritative over podIPs[0].
  const podIP = status.podIP || status.podIPs?.[0]?.ip || '<none>';
  const nodeName = spec?.nodeName || '<none>';
  const nominatedNodeName = status.nominatedNodeName || '<none>';
  let readinessGates = '<none>';
  const gates = spec?.readinessGates ?? [];
  if (gates.length > 0) {
    let trueConditions = 0;
    for (const gate of gates) {
      const condition = (status.conditions ?? []).find((c) => c.type === gate.conditionType);
      if (condition?.status === 'True') trueConditions++;
    }
    readinessGates = `${trueConditions}/${gates.length}`;
  }

  return {
    cells: [
      pod.metadata?.name ?? '',
      `${readyContainers}/${totalContainers}`,
      reason,
      restartsText,
      translateTimestampSince(pod.metadata?.creationTimestamp, now),
      podIP,
      nodeName,
      nominatedNodeName,
      readinessGates,
    ],
    ...metadataOf(pod),
  };
}

const LABEL_NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';
const NODE_LABEL_ROLE = 'kubernetes.io/role';

// findNodeRoles: `node-role.kubernetes.io/<role>` keys and the value of `kubernetes.io/role`, sorted, deduplicated.
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

function nodeAddress(node: Node, type: string): string {
  return (node.status?.addresses ?? []).find((a) => a.type === type)?.address ?? '<none>';
}

/** printNode: NAME STATUS ROLES AGE VERSION, then INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME. */
export function printNode(node: Node, now: number): TableRow {
  // The last condition of a type wins, as in Go's conditionMap; only Ready is shown.
  let ready: string | undefined;
  for (const condition of node.status?.conditions ?? []) {
    if (condition.type === 'Ready') ready = condition.status;
  }
  const status: string[] = [];
  if (ready !== undefined) status.push(ready === 'True' ? 'Ready' : 'NotReady');
  if (status.length === 0) status.push('Unknown');
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');

  const roles = findNodeRoles(node).join(',') || '<none>';
  const info = node.status?.nodeInfo;
  return {
    cells: [
      node.metadata?.name ?? '',
      status.join(','),
      roles,
      translateTimestampSince(node.metadata?.creationTimestamp, now),
      info?.kubeletVersion ?? '',
      nodeAddress(node, 'InternalIP'),
      nodeAddress(node, 'ExternalIP'),
      info?.osImage || '<unknown>',
      info?.kernelVersion || '<unknown>',
      info?.containerRuntimeVersion || '<unknown>',
    ],
    ...metadataOf(node),
  };
}

/** printDaemonSet: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE, then CONTAINERS IMAGES SELECTOR. */
export function printDaemonSet(ds: DaemonSet, now: number): TableRow {
  const status = ds.status;
  const podSpec = ds.spec?.template.spec;
  const [names, images] = layoutContainerCells(podSpec?.containers);
  return {
    cells: [
      ds.metadata?.name ?? '',
      status?.desiredNumberScheduled ?? 0,
      status?.currentNumberScheduled ?? 0,
      status?.numberReady ?? 0,
      status?.updatedNumberScheduled ?? 0,
      status?.numberAvailable ?? 0,
      formatLabels(podSpec?.nodeSelector),
      translateTimestampSince(ds.metadata?.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(ds.spec?.selector),
    ],
    ...metadataOf(ds),
  };
}

/** printNamespace: NAME STATUS AGE (STATUS is the phase, empty if unset). */
export function printNamespace(ns: Namespace, now: number): TableRow {
  return {
    cells: [
      ns.metadata?.name ?? '',
      ns.status?.phase ?? '',
      translateTimestampSince(ns.metadata?.creationTimestamp, now),
    ],
    ...metadataOf(ns),
  };
}

// schema.ParseGroupVersion
function parseGroupVersion(gv: string): { readonly group: string; readonly version: string } {
  if (gv === '' || gv === '/') return { group: '', version: '' };
  const parts = gv.split('/');
  if (parts.length === 1) return { group: '', version: gv };
  if (parts.length === 2) return { group: parts[0] ?? '', version: parts[1] ?? '' };
  throw new Error(`unexpected GroupVersion string: ${gv}`);
}

/** GroupKind.String lower-cased, as kubectl writes kinds in names: `pod`, `daemonset.apps`. */
export function kindPrefix(gk: GroupKind): string {
  return (gk.group === '' ? gk.kind : `${gk.kind}.${gk.group}`).toLowerCase();
}

/**
 * printControllerRevision: NAME CONTROLLER REVISION AGE, CONTROLLER being the controlling owner as
 * `daemonset.apps/foo` or `<none>`. Throws, as the server errors, on an owner apiVersion with two slashes.
 */
export function printControllerRevision(revision: ControllerRevision, now: number): TableRow {
  const controllerRef = (revision.metadata?.ownerReferences ?? []).find((ref) => ref.controller === true);
  let controllerName = '<none>';
  if (controllerRef) {
    const gk: GroupKind = { group: parseGroupVersion(controllerRef.apiVersion).group, kind: controllerRef.kind };
    controllerName =
      gk.group === '' && gk.kind === '' ? controllerRef.name : `${kindPrefix(gk)}/${controllerRef.name}`;
  }
  return {
    cells: [
      revision.metadata?.name ?? '',
      controllerName,
      revision.revision ?? 0,
      translateTimestampSince(revision.metadata?.creationTimestamp, now),
    ],
    ...metadataOf(revision),
  };
}

/**
 * printEvent: LAST SEEN TYPE REASON OBJECT [SUBOBJECT SOURCE] MESSAGE [FIRST SEEN COUNT NAME]. The
 * object is `kind/name` in lower case; the source `component, host` (or the reporting controller
 * and instance when the source is empty); a count of 0 reads 1.
 */
export function printEvent(event: CoreEvent, now: number): TableRow {
  const first = translateTimestampSince(event.firstTimestamp ?? event.eventTime, now);
  const last = event.lastTimestamp ? translateTimestampSince(event.lastTimestamp, now) : first;
  const ref = event.involvedObject;
  const kind = (ref.kind ?? '').toLowerCase();
  const target = ref.name ? `${kind}/${ref.name}` : kind;
  const component = event.source?.component || event.reportingComponent || '';
  const instance = event.source?.host || event.reportingInstance || '';
  const source = instance === '' ? component : `${component}, ${instance}`;
  return {
    cells: [last, event.type ?? '', event.reason ?? '', target, ref.fieldPath ?? '', source, (event.message ?? '').trim(), first, event.count || 1, event.metadata?.name ?? ''],
    ...metadataOf(event),
  };
}

/** printObjectMeta: NAME AGE, for any object with metadata (the generic fallback). */
export function printObjectMeta(obj: { readonly metadata?: ObjectMeta }, now: number): TableRow {
  return {
    cells: [obj.metadata?.name ?? '', translateTimestampSince(obj.metadata?.creationTimestamp, now)],
    ...metadataOf(obj),
  };
}

function metadataOf(obj: { readonly metadata?: ObjectMeta }): { readonly metadata?: ObjectMeta } {
  return obj.metadata === undefined ? {} : { metadata: obj.metadata };
}

// ---------------------------------------------------------------------------------------------
// Tables: rows keep the order given (the API server lists by namespace, then name).

/** The table `kubectl get pods` receives. */
export function podTable(pods: readonly Pod[], now: number): Table {
  return { groupKind: POD, namespaced: true, columns: POD_COLUMNS, rows: pods.map((p) => printPod(p, now)) };
}

/** The table `kubectl get nodes` receives. */
export function nodeTable(nodes: readonly Node[], now: number): Table {
  return { groupKind: NODE, namespaced: false, columns: NODE_COLUMNS, rows: nodes.map((n) => printNode(n, now)) };
}

/** The table `kubectl get daemonsets` receives. */
export function daemonSetTable(daemonSets: readonly DaemonSet[], now: number): Table {
  return {
    groupKind: DAEMON_SET,
    namespaced: true,
    columns: DAEMON_SET_COLUMNS,
    rows: daemonSets.map((d) => printDaemonSet(d, now)),
  };
}

/** The table `kubectl get namespaces` receives. */
export function namespaceTable(namespaces: readonly Namespace[], now: number): Table {
  return {
    groupKind: NAMESPACE,
    namespaced: false,
    columns: NAMESPACE_COLUMNS,
    rows: namespaces.map((n) => printNamespace(n, now)),
  };
}

/** The table `kubectl get controllerrevisions` receives. */
export function controllerRevisionTable(revisions: readonly ControllerRevision[], now: number): Table {
  return {
    groupKind: CONTROLLER_REVISION,
    namespaced: true,
    columns: CONTROLLER_REVISION_COLUMNS,
    rows: revisions.map((r) => printControllerRevision(r, now)),
  };
}

/** The table `kubectl get events` receives. */
export function eventTable(events: readonly CoreEvent[], now: number): Table {
  return { groupKind: EVENT, namespaced: true, columns: EVENT_COLUMNS, rows: events.map((e) => printEvent(e, now)) };
}

/** NAME AGE for a kind without its own printer. */
export function objectMetaTable(
  groupKind: GroupKind,
  namespaced: boolean,
  objects: readonly { readonly metadata?: ObjectMeta }[],
  now: number,
): Table {
  return { groupKind, namespaced, columns: OBJECT_META_COLUMNS, rows: objects.map((o) => printObjectMeta(o, now)) };
}

// ---------------------------------------------------------------------------------------------
// Client side: decorateTable, printTable and the loop of `kubectl get`.

// terminalEscaper, and truncation of string cells at the first line break (tabwriter treats \f as one).
function cellText(cell: TableCell): string {
  if (cell === null) return '';
  const escape = (s: string): string => s.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');
  if (typeof cell === 'string') {
    const breakAt = cell.search(/[\f\n\r]/);
    return breakAt >= 0 ? `${escape(cell.slice(0, breakAt))}...` : escape(cell);
  }
  return escape(String(cell));
}

interface Decorated {
  readonly columns: readonly TableColumnDefinition[];
  readonly rows: readonly (readonly TableCell[])[];
}

// decorateTable: NAMESPACE first, `-L` columns and LABELS last, `kind/` before names.
function decorateTable(table: Table, options: PrintOptions, withKind: boolean): Decorated {
  const labelColumns = options.labelColumns ?? [];
  const withNamespace = (options.withNamespace ?? false) && table.namespaced;
  const showLabels = options.showLabels ?? false;
  const width = table.columns.length + labelColumns.length + (withNamespace ? 1 : 0) + (showLabels ? 1 : 0);

  const columns: TableColumnDefinition[] = [];
  if (withNamespace) columns.push(col('Namespace'));
  columns.push(...table.columns);
  for (const key of labelColumns) columns.push(col(key.split('/').pop()?.toUpperCase() ?? ''));
  if (showLabels) columns.push(col('Labels'));

  const kindEmpty = table.groupKind.group === '' && table.groupKind.kind === '';
  const nameColumn = withKind && !kindEmpty ? table.columns.findIndex((c) => c.format === 'name') : -1;
  const includeLabels = labelColumns.length > 0 || showLabels;
  if (!includeLabels && !withNamespace && nameColumn === -1) return { columns, rows: table.rows.map((r) => r.cells) };

  const rows = table.rows.map((row) => {
    const cells: TableCell[] = [...row.cells];
    if (nameColumn !== -1 && nameColumn < cells.length) {
      const name = cells[nameColumn] ?? null;
      cells[nameColumn] = `${kindPrefix(table.groupKind)}/${name === null ? '%!s(<nil>)' : String(name)}`;
    }
    const metadata = row.metadata;
    if (metadata === undefined) {
      if (withNamespace) cells.unshift(null);
      // Go's loop re-reads len(row.Cells) as it appends, so it fills only part of the gap; kept as is.
      for (let j = 0; j < width - cells.length; j++) cells.push(null);
      return cells;
    }
    if (withNamespace) cells.unshift(metadata.namespace ?? '');
    const labels = metadata.labels ?? {};
    for (const key of labelColumns) cells.push(labels[key] ?? '');
    if (showLabels) cells.push(formatLabels(labels));
    return cells;
  });
  return { columns, rows };
}

// printTable's tab-separated text for one table (before alignment): headers in upper case, rows cut to the
// defined columns, priority 1 columns dropped unless wide. No rows means no header either.
export function tableText(table: Table, options: PrintOptions, withKind: boolean): string {
  const { columns, rows } = decorateTable(table, options, withKind);
  const wide = options.wide ?? false;
  const visible = (c: TableColumnDefinition): boolean => wide || c.priority === 0;
  let text = '';
  if (!(options.noHeaders ?? false)) {
    if (rows.length === 0) return '';
    text += `${columns.filter(visible).map((c) => c.name.toUpperCase()).join('\t')}\n`;
  }
  for (const cells of rows) {
    const shown: string[] = [];
    cells.forEach((cell, i) => {
      const column = columns[i];
      if (column !== undefined && visible(column)) shown.push(cellText(cell));
    });
    text += `${shown.join('\t')}\n`;
  }
  return text;
}

/** Renders one table as `kubectl get` prints it to stdout; '' when it has no rows. */
export function printTable(table: Table, options: PrintOptions = {}): string {
  return tabulate(tableText(table, options, options.withKind ?? false));
}

/**
 * Renders several resource types as one `kubectl get a,b` (or `get all`) does: each table aligned on its own,
 * names prefixed with their kind unless `withKind: false`, and one blank line between non-empty tables unless
 * `--no-headers`.
 */
export function printTables(tables: readonly Table[], options: PrintOptions = {}): string {
  const withKind = options.withKind ?? tables.length > 1;
  const rendered = tables.map((t) => tabulate(tableText(t, options, withKind))).filter((s) => s !== '');
  return rendered.join(options.noHeaders ? '' : '\n');
}

/** The message kubectl writes to stderr when nothing was printed (the caller adds the newline). */
export function noResourcesFoundMessage(namespace?: string): string {
  return namespace === undefined ? 'No resources found' : `No resources found in ${namespace} namespace.`;
}

/** What `kubectl get` writes, stdout and stderr separately, for the tables of the requested resource types. */
export function renderGet(
  tables: readonly Table[],
  options: PrintOptions & {
    /** The request namespace (`-n`, or the context's), named in the "No resources found" message. */
    readonly namespace: string;
    /** `-A`. */
    readonly allNamespaces?: boolean;
  },
): { readonly stdout: string; readonly stderr: string } {
  const allNamespaces = options.allNamespaces ?? false;
  const stdout = printTables(tables, { ...options, withNamespace: allNamespaces });
  if (stdout !== '') return { stdout, stderr: '' };
  // The namespace is named only when every requested type is namespaced and -A is off.
  const allResourcesNamespaced = !allNamespaces && tables.every((t) => t.namespaced);
  return { stdout, stderr: `${noResourcesFoundMessage(allResourcesNamespaced ? options.namespace : undefined)}\n` };
}

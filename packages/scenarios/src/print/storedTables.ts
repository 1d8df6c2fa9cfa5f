// The tables the API server sends for the kinds dsim stores without simulating, as kubectl shows
// them: the printers of pkg/printers/internalversion (ConfigMap, Secret, Service, ServiceAccount, Deployment, Lease, the RBAC
// kinds, PodDisruptionBudget, PriorityClass) and the apiextensions server's for CustomResourceDefinitions. Kinds with no printer here
// get NAME AGE, as a custom resource without printer columns does.

import { labelSelectorAsSelector, requirementsToString, type KubeObject } from '@dsim/core';
import { formatLabels, translateTimestampSince, type Table, type TableColumnDefinition, type TableRow } from './tables.ts';

const col = (name: string, priority = 0): TableColumnDefinition => ({ name, priority });
const NAME: TableColumnDefinition = { name: 'Name', priority: 0, format: 'name' };

type Fields = Readonly<Record<string, unknown>>;
const fields = (o: KubeObject): Fields => o as unknown as Fields;
const keys = (m: unknown): string[] => (m !== null && typeof m === 'object' ? Object.keys(m) : []);
const list = (x: unknown): Fields[] => (Array.isArray(x) ? (x as Fields[]) : []);

/** The creation time as RFC 3339 in UTC (`CreatedAt` cells: RBAC roles and CRDs). */
function createdAt(o: KubeObject): string {
  const t = o.metadata?.creationTimestamp;
  return t === undefined || t === null ? '' : new Date(Date.parse(t)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

interface Printer {
  readonly columns: readonly TableColumnDefinition[];
  readonly cells: (o: KubeObject, now: number) => (string | number)[];
}

/** RoleBinding and ClusterRoleBinding: the role, then (wide) who is bound, by kind of subject. */
function bindingCells(o: KubeObject, now: number): (string | number)[] {
  const ref = (fields(o)['roleRef'] ?? {}) as Fields;
  const subjects = list(fields(o)['subjects']);
  const names = (kind: string) =>
    subjects
      .filter((s) => s['kind'] === kind)
      .map((s) => (kind === 'ServiceAccount' ? `${String(s['namespace'] ?? '')}/${String(s['name'] ?? '')}` : String(s['name'] ?? '')))
      .join(', ');
  return [
    o.metadata?.name ?? '',
    `${String(ref['kind'] ?? '')}/${String(ref['name'] ?? '')}`,
    translateTimestampSince(o.metadata?.creationTimestamp, now),
    names('User'),
    names('Group'),
    names('ServiceAccount'),
  ];
}

const BINDING_COLUMNS = [NAME, col('Role'), col('Age'), col('Users', 1), col('Groups', 1), col('ServiceAccounts', 1)];
const CREATED_AT: Printer = { columns: [NAME, col('Created At')], cells: (o) => [o.metadata?.name ?? '', createdAt(o)] };

/** printService's EXTERNAL-IP (getServiceExternalIP): the external IPs, a load balancer's ingress, or the ExternalName. */
function serviceExternalIP(spec: Fields, status: Fields, wide: boolean): string {
  const externalIPs = list(spec['externalIPs']).map(String);
  switch (spec['type']) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      // loadBalancerStatusStringer: each ingress's IP or hostname, cut to 16 characters unless wide.
      let ingress = list((status['loadBalancer'] as Fields | undefined)?.['ingress'])
        .map((i) => String(i['ip'] || i['hostname'] || ''))
        .filter((x) => x !== '')
        .join(',');
      if (!wide && ingress.length > 16) ingress = `${ingress.slice(0, 13)}...`;
      const all = [...(ingress === '' ? [] : ingress.split(',')), ...externalIPs];
      return all.length > 0 ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return String(spec['externalName'] ?? '');
    default:
      return '<unknown>';
  }
}

/** printService's PORT(S) (makePortString): port/protocol, with the node port when there is one. */
function servicePorts(spec: Fields): string {
  const pieces = list(spec['ports']).map((p) => {
    const nodePort = typeof p['nodePort'] === 'number' && p['nodePort'] > 0 ? `:${p['nodePort']}` : '';
    return `${String(p['port'] ?? 0)}${nodePort}/${String(p['protocol'] ?? '')}`;
  });
  return pieces.length > 0 ? pieces.join(',') : '<none>';
}

const PRINTERS: Readonly<Record<string, Printer>> = {
  // printDeployment: READY is ready/desired replicas, from a status dsim's Deployments never get (no
  // Deployment controller runs), then the template's containers and images and the selector.
  'apps/Deployment': {
    columns: [NAME, col('Ready'), col('Up-to-date'), col('Available'), col('Age'), col('Containers', 1), col('Images', 1), col('Selector', 1)],
    cells: (o, now) => {
      const spec = (fields(o)['spec'] ?? {}) as Fields;
      const status = (fields(o)['status'] ?? {}) as Fields;
      const count = (x: unknown) => (typeof x === 'number' ? x : 0);
      const containers = list(((spec['template'] as Fields | undefined)?.['spec'] as Fields | undefined)?.['containers']);
      const parsed = labelSelectorAsSelector(spec['selector'] as never);
      return [
        o.metadata?.name ?? '',
        `${count(status['readyReplicas'])}/${typeof spec['replicas'] === 'number' ? spec['replicas'] : 1}`,
        count(status['updatedReplicas']),
        count(status['availableReplicas']),
        translateTimestampSince(o.metadata?.creationTimestamp, now),
        containers.map((c) => String(c['name'] ?? '')).join(','),
        containers.map((c) => String(c['image'] ?? '')).join(','),
        parsed.ok ? requirementsToString(parsed.selector.requirements) : '<invalid>',
      ];
    },
  },
  // printLease: the holder, then the age (of the Lease, not of its last renewal).
  'coordination.k8s.io/Lease': {
    columns: [NAME, col('Holder'), col('Age')],
    cells: (o, now) => [o.metadata?.name ?? '', String(((fields(o)['spec'] ?? {}) as Fields)['holderIdentity'] ?? ''), translateTimestampSince(o.metadata?.creationTimestamp, now)],
  },
  '/Service': {
    columns: [NAME, col('Type'), col('Cluster-IP'), col('External-IP'), col('Port(s)'), col('Age'), col('Selector', 1)],
    cells: (o, now) => {
      const spec = (fields(o)['spec'] ?? {}) as Fields;
      const status = (fields(o)['status'] ?? {}) as Fields;
      const clusterIPs = list(spec['clusterIPs']).map(String);
      return [
        o.metadata?.name ?? '',
        String(spec['type'] ?? ''),
        clusterIPs[0] ?? '<none>',
        // The API server builds the table (printers' storage TableConvertor) with Wide set, whatever -o is.
        serviceExternalIP(spec, status, true),
        servicePorts(spec),
        translateTimestampSince(o.metadata?.creationTimestamp, now),
        formatLabels(spec['selector'] as Record<string, string> | undefined),
      ];
    },
  },
  '/ConfigMap': {
    columns: [NAME, col('Data'), col('Age')],
    cells: (o, now) => [o.metadata?.name ?? '', keys(fields(o)['data']).length + keys(fields(o)['binaryData']).length, translateTimestampSince(o.metadata?.creationTimestamp, now)],
  },
  '/Secret': {
    columns: [NAME, col('Type'), col('Data'), col('Age')],
    cells: (o, now) => [
      o.metadata?.name ?? '',
      // The API server defaults the type, and writes stringData into data.
      String(fields(o)['type'] ?? 'Opaque'),
      new Set([...keys(fields(o)['data']), ...keys(fields(o)['stringData'])]).size,
      translateTimestampSince(o.metadata?.creationTimestamp, now),
    ],
  },
  '/ServiceAccount': {
    columns: [NAME, col('Secrets'), col('Age')],
    cells: (o, now) => [o.metadata?.name ?? '', list(fields(o)['secrets']).length, translateTimestampSince(o.metadata?.creationTimestamp, now)],
  },
  'rbac.authorization.k8s.io/Role': CREATED_AT,
  'rbac.authorization.k8s.io/ClusterRole': CREATED_AT,
  'rbac.authorization.k8s.io/RoleBinding': { columns: BINDING_COLUMNS, cells: bindingCells },
  'rbac.authorization.k8s.io/ClusterRoleBinding': { columns: BINDING_COLUMNS, cells: bindingCells },
  'apiextensions.k8s.io/CustomResourceDefinition': CREATED_AT,
  // printPriorityClass: the preemption policy as the API server defaults it.
  'scheduling.k8s.io/PriorityClass': {
    columns: [NAME, col('Value'), col('Global-Default'), col('Age'), col('PreemptionPolicy')],
    cells: (o, now) => [
      o.metadata?.name ?? '',
      typeof fields(o)['value'] === 'number' ? (fields(o)['value'] as number) : 0,
      String(fields(o)['globalDefault'] === true),
      translateTimestampSince(o.metadata?.creationTimestamp, now),
      String(fields(o)['preemptionPolicy'] ?? 'PreemptLowerPriority'),
    ],
  },
  // printPodDisruptionBudget: the budget as given (an IntOrString), N/A for the one not set; the disruption
  // controller's status (dsim runs none, so 0 disruptions allowed).
  'policy/PodDisruptionBudget': {
    columns: [NAME, col('Min Available'), col('Max Unavailable'), col('Allowed Disruptions'), col('Age')],
    cells: (o, now) => {
      const spec = (fields(o)['spec'] ?? {}) as Fields;
      const status = (fields(o)['status'] ?? {}) as Fields;
      const budget = (v: unknown) => (v === undefined || v === null ? 'N/A' : String(v));
      const allowed = typeof status['disruptionsAllowed'] === 'number' ? status['disruptionsAllowed'] : 0;
      return [o.metadata?.name ?? '', budget(spec['minAvailable']), budget(spec['maxUnavailable']), allowed, translateTimestampSince(o.metadata?.creationTimestamp, now)];
    },
  },
};

/** The table for stored objects of one kind, or undefined when the kind has no printer here. */
export function storedKindTable(group: string, kind: string, namespaced: boolean, objects: readonly KubeObject[], now: number): Table | undefined {
  const printer = PRINTERS[`${group}/${kind}`];
  if (printer === undefined) return undefined;
  const rows: TableRow[] = objects.map((o) => ({ cells: printer.cells(o, now), ...(o.metadata === undefined ? {} : { metadata: o.metadata }) }));
  return { groupKind: { group, kind }, namespaced, columns: printer.columns, rows };
}

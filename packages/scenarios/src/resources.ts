// Resource names as kubectl resolves them: plural, singular, short names and Kind, case-insensitive,
// optionally qualified by group (`daemonsets.apps`) or by version and group (`daemonsets.v1.apps`).
// Simulated kinds have behaviour; the well-known others are stored and listed. Unknown kinds found
// in manifests are still accepted (as a CRD's would be).

import { BUILTIN_KINDS } from './builtinKinds.ts';

/** One resource type. */
export interface ResourceType {
  /** Plural lower-case name, as in `kubectl get daemonsets`. */
  readonly resource: string;
  readonly singular: string;
  readonly kind: string;
  /** API group, '' for the core group. */
  readonly group: string;
  readonly version: string;
  readonly namespaced: boolean;
  readonly shortNames: readonly string[];
  /** Whether dsim simulates it (Node, DaemonSet, Pod, Namespace, ControllerRevision). */
  readonly simulated: boolean;
}

function rt(
  resource: string,
  kind: string,
  group: string,
  version: string,
  namespaced: boolean,
  shortNames: string[] = [],
  simulated = false,
): ResourceType {
  return { resource, singular: kind.toLowerCase(), kind, group, version, namespaced, shortNames, simulated };
}

/** The resource types dsim knows by name. */
export const RESOURCE_TYPES: readonly ResourceType[] = [
  rt('pods', 'Pod', '', 'v1', true, ['po'], true),
  rt('nodes', 'Node', '', 'v1', false, ['no'], true),
  rt('namespaces', 'Namespace', '', 'v1', false, ['ns'], true),
  rt('daemonsets', 'DaemonSet', 'apps', 'v1', true, ['ds'], true),
  rt('controllerrevisions', 'ControllerRevision', 'apps', 'v1', true, [], true),
  rt('events', 'Event', '', 'v1', true, ['ev'], true),
  rt('configmaps', 'ConfigMap', '', 'v1', true, ['cm']),
  rt('secrets', 'Secret', '', 'v1', true),
  rt('serviceaccounts', 'ServiceAccount', '', 'v1', true, ['sa']),
  rt('services', 'Service', '', 'v1', true, ['svc']),
  rt('endpoints', 'Endpoints', '', 'v1', true, ['ep']),
  rt('persistentvolumeclaims', 'PersistentVolumeClaim', '', 'v1', true, ['pvc']),
  rt('persistentvolumes', 'PersistentVolume', '', 'v1', false, ['pv']),
  rt('resourcequotas', 'ResourceQuota', '', 'v1', true, ['quota']),
  rt('limitranges', 'LimitRange', '', 'v1', true, ['limits']),
  rt('deployments', 'Deployment', 'apps', 'v1', true, ['deploy']),
  rt('replicasets', 'ReplicaSet', 'apps', 'v1', true, ['rs']),
  rt('statefulsets', 'StatefulSet', 'apps', 'v1', true, ['sts']),
  rt('jobs', 'Job', 'batch', 'v1', true),
  rt('cronjobs', 'CronJob', 'batch', 'v1', true, ['cj']),
  rt('roles', 'Role', 'rbac.authorization.k8s.io', 'v1', true),
  rt('rolebindings', 'RoleBinding', 'rbac.authorization.k8s.io', 'v1', true),
  rt('clusterroles', 'ClusterRole', 'rbac.authorization.k8s.io', 'v1', false),
  rt('clusterrolebindings', 'ClusterRoleBinding', 'rbac.authorization.k8s.io', 'v1', false),
  rt('customresourcedefinitions', 'CustomResourceDefinition', 'apiextensions.k8s.io', 'v1', false, ['crd', 'crds']),
  rt('storageclasses', 'StorageClass', 'storage.k8s.io', 'v1', false, ['sc']),
  rt('csidrivers', 'CSIDriver', 'storage.k8s.io', 'v1', false),
  rt('priorityclasses', 'PriorityClass', 'scheduling.k8s.io', 'v1', false, ['pc']),
  rt('poddisruptionbudgets', 'PodDisruptionBudget', 'policy', 'v1', true, ['pdb']),
  rt('podsecuritypolicies', 'PodSecurityPolicy', 'policy', 'v1beta1', false, ['psp']),
  rt('networkpolicies', 'NetworkPolicy', 'networking.k8s.io', 'v1', true, ['netpol']),
  rt('ingresses', 'Ingress', 'networking.k8s.io', 'v1', true, ['ing']),
  rt('runtimeclasses', 'RuntimeClass', 'node.k8s.io', 'v1', false),
  rt('mutatingwebhookconfigurations', 'MutatingWebhookConfiguration', 'admissionregistration.k8s.io', 'v1', false),
  rt('validatingwebhookconfigurations', 'ValidatingWebhookConfiguration', 'admissionregistration.k8s.io', 'v1', false),
  rt('apiservices', 'APIService', 'apiregistration.k8s.io', 'v1', false),
  rt('leases', 'Lease', 'coordination.k8s.io', 'v1', true),
];

/** The types `kubectl get all` lists (the "all" category), among those dsim knows. */
export const ALL_CATEGORY = ['pods', 'services', 'daemonsets', 'deployments', 'replicasets', 'statefulsets', 'jobs', 'cronjobs'];

/** `kind.group` as kubectl prints it before a name (`daemonset.apps`, `pod`). */
export function qualifiedKind(t: Pick<ResourceType, 'kind' | 'group'>): string {
  return t.group === '' ? t.kind.toLowerCase() : `${t.kind.toLowerCase()}.${t.group}`;
}

/** `resource.group` as kubectl names a type in errors (`daemonsets.apps`, `nodes`). */
export function qualifiedResource(t: Pick<ResourceType, 'resource' | 'group'>): string {
  return t.group === '' ? t.resource : `${t.resource}.${t.group}`;
}

/**
 * Finds a resource type by any of its names, as kubectl's builder maps an argument (mappingFor):
 * `resource.version.group` first when the name has two dots or more (`daemonsets.v1.apps`), then
 * `resource.group` split at the first dot (`daemonsets.apps`, `ds.apps`), or the bare name.
 * Undefined when unknown.
 */
export function findResourceType(name: string, extra: readonly ResourceType[] = []): ResourceType | undefined {
  const lower = name.toLowerCase();
  const all = [...RESOURCE_TYPES, ...extra];
  const matches = (t: ResourceType, n: string) =>
    t.resource === n || t.singular === n || t.kind.toLowerCase() === n || t.shortNames.includes(n);
  // schema.ParseResourceArg: `a.b.c...` is resource a, version b, group c... (the core group's is empty: `pods.v1.`).
  const parts = lower.split('.');
  if (parts.length >= 3) {
    const [resource, version] = parts;
    const group = parts.slice(2).join('.');
    for (const t of all) if (t.group === group && t.version === version && matches(t, resource!)) return t;
  }
  for (const t of all) if (matches(t, lower)) return t;
  const dot = lower.indexOf('.');
  if (dot > 0) {
    const base = lower.slice(0, dot);
    const group = lower.slice(dot + 1);
    for (const t of all) if (t.group === group && matches(t, base)) return t;
  }
  return undefined;
}

/**
 * kubectl's error for a resource argument no type answers to: it names the resource part only,
 * the argument up to its first dot (`daemonsets.v2.apps` is `"daemonsets"`), as given.
 */
export function unknownResourceTypeError(name: string): string {
  const dot = name.indexOf('.');
  return `error: the server doesn't have a resource type "${dot === -1 ? name : name.slice(0, dot)}"`;
}

/** The resource type of a manifest's apiVersion and kind; a made-up one for kinds dsim does not know. */
export function typeOfObject(apiVersion: string, kind: string): ResourceType {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0]! : '';
  const version = apiVersion.includes('/') ? apiVersion.split('/')[1]! : apiVersion;
  const known = RESOURCE_TYPES.find((t) => t.kind === kind && t.group === group);
  if (known !== undefined) return known;
  const lower = kind.toLowerCase();
  const plural = lower.endsWith('s') ? `${lower}es` : lower.endsWith('y') ? `${lower.slice(0, -1)}ies` : `${lower}s`;
  return { resource: plural, singular: lower, kind, group, version, namespaced: true, shortNames: [], simulated: false };
}

/** Kinds dsim simulates, and the one version each is served in (the others were removed long ago). */
const SIMULATED_VERSIONS: Readonly<Record<string, string>> = { DaemonSet: 'apps/v1', Pod: 'v1', Node: 'v1', Namespace: 'v1' };

/**
 * kubectl's complaint when no API type answers to a manifest's apiVersion and kind, or undefined
 * when one does (or may: a group kubectl does not know is taken for a CRD's and stored). Catches a
 * misspelt kind in a built-in group (`apps/v1 Daemonset`), a version that does not exist
 * (`apps/v2`), and the simulated kinds in removed versions (`extensions/v1beta1 DaemonSet`).
 */
export function unmappedKind(apiVersion: string, kind: string, name: string, namespace: string | undefined, source: string): string | undefined {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0]! : '';
  const served = SIMULATED_VERSIONS[kind];
  const groupKnown = Object.keys(BUILTIN_KINDS).some((gv) => (gv.includes('/') ? gv.split('/')[0] : '') === group);
  const kinds = BUILTIN_KINDS[apiVersion];
  const version = apiVersion.includes('/') ? apiVersion.split('/')[1]! : apiVersion;
  let unmapped: boolean;
  // The core group is written without a name: `core/v1` is no API version.
  if (group === 'core') unmapped = true;
  else if (served !== undefined && (groupKnown || served === apiVersion)) unmapped = served !== apiVersion;
  else if (kinds !== undefined) unmapped = !kinds.includes(kind);
  // A version the table lacks in a group it knows: refused when it is a GA version (`batch/v2`);
  // an alpha or beta one may be served where the table is behind, so it is taken as stored.
  else unmapped = groupKnown && (group === '' || group === 'apps' || /^v\d+$/.test(version));
  if (!unmapped) return undefined;
  return `error: resource mapping not found for name: "${name}" namespace: "${namespace ?? ''}" from "${source}": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first`;
}

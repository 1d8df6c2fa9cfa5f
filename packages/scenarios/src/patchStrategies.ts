// The patch metadata of the API types dsim knows (core's API_TYPES): which list fields a strategic
// merge patch merges, and by which key. Data only.
//
// Taken from the Go struct tags of k8s.io/api (`patchStrategy:"merge" patchMergeKey:"name"` on
// PodSpec.Containers, and so on) and checked field by field against kubectl v1.32, whose
// `kubectl patch --local` runs apimachinery's strategicpatch over those very structs: for every list
// field of every type in API_TYPES, a patch element without any merge key either fails with
// `does not contain declared merge key: KEY` (a merged list, and its key) or replaces the list; a
// list of strings either grows (merged) or is replaced. The fields newer than kubectl v1.32
// (Container.restartPolicyRules, NodeStatus.declaredFeatures, PodStatus's DRA lists) are
// `+listType=atomic` without a patch strategy in k8s.io/api, so replaced. Every list field not named
// here is replaced whole by a patch (tolerations, taints, args, command, matchExpressions, …).
// scripts/checkPatchStrategies.mjs repeats the check against the kubectl on PATH.
// `patchStrategy:"merge,retainKeys"` (PodSpec.volumes, resourceClaims) and `"retainKeys"`
// (DeploymentSpec.strategy) matter only to a patch made from a diff (`apply`'s three-way patch,
// which lists the keys to keep in `$retainKeys`): apimachinery applies a `$retainKeys` directive
// wherever it appears.

/** How a strategic merge patch treats a list field: merged, by `key` when its elements are objects. */
export interface ListPatchStrategy {
  readonly strategy: 'merge';
  /** The patchMergeKey; absent for a merged list of scalars (finalizers, podCIDRs). */
  readonly key?: string;
}

/** The merged list fields, by `GoType.jsonField` (the Go type names of core's API_TYPES). */
export const PATCH_STRATEGIES: Readonly<Record<string, ListPatchStrategy>> = {
  // meta/v1
  'ObjectMeta.finalizers': { strategy: 'merge' },
  'ObjectMeta.ownerReferences': { strategy: 'merge', key: 'uid' },
  // core/v1: pods and their templates
  'PodSpec.containers': { strategy: 'merge', key: 'name' },
  'PodSpec.initContainers': { strategy: 'merge', key: 'name' },
  'PodSpec.ephemeralContainers': { strategy: 'merge', key: 'name' },
  'PodSpec.volumes': { strategy: 'merge', key: 'name' },
  'PodSpec.imagePullSecrets': { strategy: 'merge', key: 'name' },
  'PodSpec.hostAliases': { strategy: 'merge', key: 'ip' },
  'PodSpec.topologySpreadConstraints': { strategy: 'merge', key: 'topologyKey' },
  'PodSpec.resourceClaims': { strategy: 'merge', key: 'name' },
  'PodSpec.schedulingGates': { strategy: 'merge', key: 'name' },
  'Container.env': { strategy: 'merge', key: 'name' },
  'Container.ports': { strategy: 'merge', key: 'containerPort' },
  'Container.volumeMounts': { strategy: 'merge', key: 'mountPath' },
  'Container.volumeDevices': { strategy: 'merge', key: 'devicePath' },
  'EphemeralContainer.env': { strategy: 'merge', key: 'name' },
  'EphemeralContainer.ports': { strategy: 'merge', key: 'containerPort' },
  'EphemeralContainer.volumeMounts': { strategy: 'merge', key: 'mountPath' },
  'EphemeralContainer.volumeDevices': { strategy: 'merge', key: 'devicePath' },
  'PodStatus.conditions': { strategy: 'merge', key: 'type' },
  'PodStatus.podIPs': { strategy: 'merge', key: 'ip' },
  'PodStatus.hostIPs': { strategy: 'merge', key: 'ip' },
  'PodStatus.resourceClaimStatuses': { strategy: 'merge', key: 'name' },
  // core/v1: nodes, namespaces, services, service accounts
  'NodeSpec.podCIDRs': { strategy: 'merge' },
  'NodeStatus.addresses': { strategy: 'merge', key: 'type' },
  'NodeStatus.conditions': { strategy: 'merge', key: 'type' },
  'NamespaceStatus.conditions': { strategy: 'merge', key: 'type' },
  'ServiceSpec.ports': { strategy: 'merge', key: 'port' },
  'ServiceStatus.conditions': { strategy: 'merge', key: 'type' },
  'ServiceAccount.secrets': { strategy: 'merge', key: 'name' },
  // apps/v1
  'DaemonSetStatus.conditions': { strategy: 'merge', key: 'type' },
  'DeploymentStatus.conditions': { strategy: 'merge', key: 'type' },
};

/** The fields whose patch strategy includes retainKeys, by `GoType.jsonField`. */
export const RETAIN_KEYS_FIELDS: ReadonlySet<string> = new Set(['PodSpec.volumes', 'PodSpec.resourceClaims', 'DeploymentSpec.strategy']);

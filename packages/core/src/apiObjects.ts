// The cluster state as Kubernetes API objects (what `kubectl get -o yaml` would return),
// rebuilt on demand from the compact records. Pure: times come from the state's simulated clock.

import type { ControllerRevision, DaemonSet, DaemonSetStatus } from 'kubernetes-types/apps/v1';
import type { ContainerStatus, Node, Pod, PodCondition, PodSpec } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { freeze } from 'immer';
import { admitPod, defaultPod } from './defaults.ts';
import type { KubeObject } from './events.ts';
import { hashString } from './random.ts';
import { daemonPodTolerations } from './placement.ts';
import { splitKey, type ClusterState, type DaemonSetRecord, type NodeRecord, type ObjectRecord, type PodRecord, type RevisionRecord } from './state.ts';
import { ownsRevision } from './history.ts';
import { derivedUid } from './names.ts';
import { simulatedTimestamp } from './time.ts';
import { tableGet } from './table.ts';
import { nodeStatusAt } from './nodeStatus.ts';
import { withAdmittedPriority } from './admission.ts';

/**
 * The creationTimestamp of something created at simulated ms `at`. The API server keeps
 * second precision, so ages are computed from the truncated second, as kubectl does.
 */
export function creationTimestamp(at: number): string {
  return simulatedTimestamp(Math.floor(at / 1000) * 1000);
}

/**
 * A Node object at simulated time `now`, with its creationTimestamp and uid, and its conditions as
 * its kubelet posts them (`nodeStatusAt`: every pressure condition, heartbeats of the last report).
 */
export function nodeObject(rec: NodeRecord, now: number): Node {
  const name = rec.node.metadata?.name ?? '';
  return {
    ...nodeStatusAt(rec.node, rec.addedAt, now, rec.kubelet !== 'Unreachable'),
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      ...rec.node.metadata,
      creationTimestamp: creationTimestamp(rec.addedAt),
      uid: rec.node.metadata?.uid ?? derivedUid(`node/${name}@${rec.addedAt}`),
    },
  };
}

/** A DaemonSet object with the status the controller maintains (zero optional fields omitted, as the API does). */
export function daemonSetObject(ds: DaemonSetRecord): DaemonSet {
  const c = ds.counts;
  const status: DaemonSetStatus = {
    currentNumberScheduled: c.currentNumberScheduled,
    desiredNumberScheduled: c.desiredNumberScheduled,
    numberMisscheduled: c.numberMisscheduled,
    numberReady: c.numberReady,
    ...(c.numberAvailable > 0 ? { numberAvailable: c.numberAvailable } : {}),
    ...(c.desiredNumberScheduled - c.numberAvailable > 0
      ? { numberUnavailable: c.desiredNumberScheduled - c.numberAvailable }
      : {}),
    ...(ds.observedGeneration > 0 ? { observedGeneration: ds.observedGeneration } : {}),
    ...(c.updatedNumberScheduled > 0 ? { updatedNumberScheduled: c.updatedNumberScheduled } : {}),
  };
  // The v1 conversion writes serviceAccountName's deprecated copy, serviceAccount, beside it.
  const spec = ds.daemonSet.spec;
  const podSpecOut = spec?.template.spec;
  const account = podSpecOut?.serviceAccountName;
  return {
    ...ds.daemonSet,
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      ...ds.daemonSet.metadata,
      creationTimestamp: creationTimestamp(ds.createdAt),
      generation: ds.generation,
      uid: ds.uid,
      ...(ds.deletionRequestedAt !== undefined
        ? {
            deletionTimestamp: creationTimestamp(ds.deletionRequestedAt),
            deletionGracePeriodSeconds: 0,
            // Once: an update during the deletion (a patch of what `get` showed) may store it too.
            finalizers: [...(ds.daemonSet.metadata?.finalizers ?? []).filter((f) => f !== 'foregroundDeletion'), 'foregroundDeletion'],
          }
        : {}),
    },
    ...(spec !== undefined && podSpecOut !== undefined && account && podSpecOut.serviceAccount === undefined
      ? { spec: { ...spec, template: { ...spec.template, spec: { ...podSpecOut, serviceAccount: account } } } }
      : {}),
    status,
  };
}

/** A ControllerRevision object. */
export function revisionObject(state: ClusterState, r: RevisionRecord): ControllerRevision {
  const owner = state.daemonSets.get(r.daemonSet);
  const ds = owner !== undefined && ownsRevision(owner, r) ? owner : undefined;
  // snapshot(): the template's labels plus the hash, and the DaemonSet's annotations of the time.
  const labels = { ...(r.template.metadata?.labels ?? {}), 'controller-revision-hash': r.hash };
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: r.name,
      namespace: r.namespace,
      creationTimestamp: creationTimestamp(r.createdAt),
      uid: derivedUid(`revision/${r.namespace}/${r.name}@${r.createdAt}`),
      labels,
      ...(r.annotations !== undefined ? { annotations: { ...r.annotations } } : {}),
      ...(ds === undefined
        ? {}
        : {
            ownerReferences: [
              { apiVersion: 'apps/v1', kind: 'DaemonSet', name: ds.name, uid: ds.uid, controller: true, blockOwnerDeletion: true },
            ],
          }),
    },
    data: { spec: { template: { ...r.template, $patch: 'replace' } } },
    revision: r.revision,
  };
}

/** An object stored without behaviour, with its creationTimestamp and uid. */
export function storedObject(rec: ObjectRecord): KubeObject {
  return {
    ...rec.object,
    metadata: { ...rec.object.metadata, creationTimestamp: creationTimestamp(rec.createdAt), uid: rec.uid },
  };
}

/** The pod's spec: the template of its DaemonSet (as the controller fills it in), or the bare pod's own. */
export function podSpec(state: PodSources, p: PodRecord): PodSpec {
  const created = podSpecAsCreated(state, p);
  // The Priority plugin's value for a class only the stored objects know (the system classes' are defaulted).
  const admitted = state.objects === undefined ? created : withAdmittedPriority(created, state.objects);
  // Frozen as the shared template under it is, so that no caller changes another pod's spec.
  return freeze(withServiceAccount(admitted, p.uid), true);
}

function podSpecAsCreated(state: PodSources, p: PodRecord): PodSpec {
  if (p.object !== undefined) {
    const spec = admitPod(p.object).spec ?? { containers: [] };
    return p.nodeName !== undefined ? { ...spec, nodeName: p.nodeName } : spec;
  }
  const ds = p.owner === undefined ? undefined : state.daemonSets.get(p.owner);
  const rev = revisionFor(state, p);
  const template = rev?.template ?? ds?.daemonSet.spec?.template;
  const base = defaultedTemplateSpec(template?.spec);
  const node = p.targetNode ?? '';
  // The controller pins the pod to its node with matchFields, dropping other required terms.
  const affinity = {
    ...base.affinity,
    nodeAffinity: {
      ...base.affinity?.nodeAffinity,
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }],
      },
    },
  };
  return {
    ...base,
    affinity,
    tolerations: ds === undefined ? base.tolerations : [...daemonPodTolerations(withTemplate(ds.daemonSet, template))],
    ...(p.nodeName !== undefined ? { nodeName: p.nodeName } : {}),
  };
}

/** Where the ServiceAccount admission plugin mounts a pod's API credentials. */
const SERVICE_ACCOUNT_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * The ServiceAccount admission plugin, as every pod meets it on creation (DaemonSet pods too): the
 * `default` service account when none is named, and, unless the pod opts out
 * (automountServiceAccountToken: false) or mounts something there already, a projected
 * `kube-api-access-xxxxx` volume of the token, the cluster's CA and the namespace, mounted
 * read-only in every container. The name's random part comes from the pod's uid, so a pod keeps
 * it. Also the v1 conversion's `serviceAccount`, the deprecated copy of `serviceAccountName`.
 */
export function withServiceAccount(spec: PodSpec, uid: string): PodSpec {
  const account = spec.serviceAccountName || spec.serviceAccount || 'default';
  const out: PodSpec = { ...spec, serviceAccountName: account, serviceAccount: account };
  const all = [...(spec.initContainers ?? []), ...spec.containers];
  if (spec.automountServiceAccountToken === false || all.some((c) => (c.volumeMounts ?? []).some((m) => m.mountPath === SERVICE_ACCOUNT_MOUNT))) {
    return out;
  }
  let h = hashString(`kube-api-access/${uid}`);
  let suffix = '';
  for (let i = 0; i < 5; i++) {
    suffix += NAME_ALPHABET[h % NAME_ALPHABET.length];
    h = Math.floor(h / NAME_ALPHABET.length);
  }
  const name = `kube-api-access-${suffix}`;
  const mount = { mountPath: SERVICE_ACCOUNT_MOUNT, name, readOnly: true };
  const withMount = <C extends { volumeMounts?: PodSpec['containers'][number]['volumeMounts'] }>(c: C): C => ({ ...c, volumeMounts: [...(c.volumeMounts ?? []), mount] });
  return {
    ...out,
    containers: spec.containers.map(withMount),
    ...(spec.initContainers !== undefined ? { initContainers: spec.initContainers.map(withMount) } : {}),
    volumes: [
      ...(spec.volumes ?? []),
      {
        name,
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
          ],
        },
      },
    ],
  };
}

// A template's spec as the API server defaults it, computed once per template rather than once per
// pod: `dsim get pods` on 15,000 pods spent most of its time cloning the same template. Templates
// in the state are never changed in place (a new apply stores a new object), so the memo is keyed
// by identity; the result is deep-frozen because every pod of the template shares it.
const defaultedSpecs = new WeakMap<PodSpec, PodSpec>();

function defaultedTemplateSpec(spec: PodSpec | undefined): PodSpec {
  if (spec === undefined) return defaultPod({ spec: { containers: [] } }).spec ?? { containers: [] };
  let defaulted = defaultedSpecs.get(spec);
  if (defaulted === undefined) {
    defaulted = freeze(defaultPod({ spec }).spec ?? { containers: [] }, true);
    defaultedSpecs.set(spec, defaulted);
  }
  return defaulted;
}

function withTemplate(ds: DaemonSet, template: DaemonSet['spec'] extends infer S ? S extends { template: infer T } ? T | undefined : never : never): DaemonSet {
  if (template === undefined || template === ds.spec?.template) return ds;
  return { ...ds, spec: { ...ds.spec!, template } };
}

function revisionFor(state: PodSources, p: PodRecord): RevisionRecord | undefined {
  if (p.owner === undefined || p.hash === undefined) return undefined;
  for (const r of state.revisions.values()) if (r.daemonSet === p.owner && r.hash === p.hash) return r;
  return undefined;
}

/** The pod's labels: the template's plus the controller's hash and generation labels. */
export function podLabels(state: PodSources, p: PodRecord): Record<string, string> {
  if (p.object !== undefined) return { ...(p.object.metadata?.labels ?? {}) };
  const rev = revisionFor(state, p);
  const ds = p.owner === undefined ? undefined : state.daemonSets.get(p.owner);
  const template = rev?.template ?? ds?.daemonSet.spec?.template;
  return {
    ...(template?.metadata?.labels ?? {}),
    ...(p.hash !== undefined ? { 'controller-revision-hash': p.hash } : {}),
    ...(p.templateGeneration !== undefined ? { 'pod-template-generation': String(p.templateGeneration) } : {}),
  };
}

/**
 * The pod's annotations: the template's, as the controller copies them (GetPodFromTemplate), or a
 * bare pod's own. `rollout restart`'s `restartedAt` reaches the pods this way.
 */
export function podAnnotations(state: PodSources, p: PodRecord): Record<string, string> | undefined {
  if (p.object !== undefined) return p.object.metadata?.annotations;
  const rev = revisionFor(state, p);
  const ds = p.owner === undefined ? undefined : state.daemonSets.get(p.owner);
  const annotations = (rev?.template ?? ds?.daemonSet.spec?.template)?.metadata?.annotations;
  return annotations !== undefined && Object.keys(annotations).length > 0 ? annotations : undefined;
}

/** What a DaemonSet pod's spec and labels come from: its DaemonSet and the revision of its hash. */
export type PodSources = Pick<ClusterState, 'daemonSets' | 'revisions'> & { readonly objects?: ClusterState['objects'] };

/**
 * A DaemonSet pod as a Pod of its own (name, generateName, labels, spec; no status), for when its
 * DaemonSet goes: a pod carries its own spec and labels in Kubernetes, so an orphan keeps those it
 * was made with until the garbage collector deletes it. Its owner reference is `podObject`'s, from
 * the record's owner and uid.
 */
export function orphanedPodObject(sources: PodSources, p: PodRecord): Pod {
  const ds = p.owner === undefined ? undefined : sources.daemonSets.get(p.owner);
  const { nodeName: _bound, ...spec } = podSpec(sources, p);
  const labels = podLabels(sources, p);
  const annotations = podAnnotations(sources, p);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: p.name,
      ...(ds !== undefined ? { generateName: `${ds.name}-` } : {}),
      namespace: p.namespace,
      ...(Object.keys(labels).length > 0 ? { labels } : {}),
      ...(annotations !== undefined ? { annotations } : {}),
    },
    spec,
  };
}

/**
 * The pod's `ownerReferences`, as a fragment of its metadata: its controlling DaemonSet. An orphan (its
 * DaemonSet deleted, the garbage collector not yet done) still names it, as in a background cascade:
 * the owner reference goes only with the pod.
 */
export function podOwnerReferences(p: PodRecord): Pick<ObjectMeta, 'ownerReferences'> {
  return p.owner !== undefined && p.ownerUid !== undefined
    ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: splitKey(p.owner).name, uid: p.ownerUid, controller: true, blockOwnerDeletion: true }] }
    : {};
}

/** A v1 Pod, spec and status, as the API server would return it now. */
export function podObject(state: ClusterState, p: PodRecord): Pod {
  const ds = p.owner === undefined ? undefined : state.daemonSets.get(p.owner);
  const spec = podSpec(state, p);
  const at = (ms: number | undefined) => (ms === undefined ? undefined : creationTimestamp(ms));
  const conditions: PodCondition[] = [];
  // Init containers run to completion before the others start: dsim counts them done when the pod
  // starts (PodStarted), so until then the pod is initializing.
  const inits = spec.initContainers ?? [];
  const initializing = inits.length > 0 && !p.started && p.phase === 'Pending';
  const containersReady = kubeletSaysReady(p);
  if (p.nodeName !== undefined) {
    const started = p.started ? 'True' : 'False';
    conditions.push(
      { type: 'PodReadyToStartContainers', status: started, lastTransitionTime: at(p.startedAt ?? p.createdAt) },
      initializing
        ? {
            type: 'Initialized',
            status: 'False',
            lastTransitionTime: at(p.createdAt),
            reason: 'ContainersNotInitialized',
            message: `containers with incomplete status: [${inits.map((c) => c.name).join(' ')}]`,
          }
        : { type: 'Initialized', status: 'True', lastTransitionTime: at(inits.length > 0 ? (p.startedAt ?? p.createdAt) : p.createdAt) },
      // Marked not ready by the node lifecycle controller: its Ready condition alone, no reason.
      { type: 'Ready', status: p.ready ? 'True' : 'False', lastTransitionTime: at(p.readyChangedAt ?? p.createdAt), ...(p.ready || containersReady ? {} : { reason: 'ContainersNotReady' }) },
      containersReady
        ? { type: 'ContainersReady', status: 'True', lastTransitionTime: at(p.ready ? (p.readyChangedAt ?? p.createdAt) : p.startedAt ?? p.createdAt) }
        : { type: 'ContainersReady', status: 'False', lastTransitionTime: at(p.readyChangedAt ?? p.createdAt), reason: 'ContainersNotReady' },
      { type: 'PodScheduled', status: 'True', lastTransitionTime: at(p.createdAt) },
    );
  } else if (p.unschedulable !== undefined) {
    conditions.push({
      type: 'PodScheduled',
      status: 'False',
      reason: 'Unschedulable',
      message: p.unschedulable,
      lastTransitionTime: at(p.createdAt),
    });
  }
  const containerStatuses: ContainerStatus[] | undefined =
    p.nodeName === undefined
      ? undefined
      : spec.containers.map((c) => ({
          name: c.name,
          image: c.image ?? '',
          imageID: '',
          // ContainerState is a struct, not a pointer: the API always writes it, empty or not.
          lastState: {},
          ready: containersReady,
          restartCount: 0,
          started: p.started && p.phase === 'Running',
          state:
            p.phase === 'Failed' || p.phase === 'Succeeded'
              ? {
                  terminated: {
                    exitCode: p.phase === 'Succeeded' ? 0 : 1,
                    reason: p.terminationReason ?? (p.phase === 'Succeeded' ? 'Completed' : 'Error'),
                    startedAt: at(p.startedAt),
                    finishedAt: at(p.startedAt),
                  },
                }
              : p.started
                ? { running: { startedAt: at(p.startedAt) } }
                : { waiting: { reason: initializing ? 'PodInitializing' : 'ContainerCreating' } },
        }));
  const initContainerStatuses: ContainerStatus[] | undefined =
    p.nodeName === undefined || inits.length === 0
      ? undefined
      : inits.map((c) => {
          // A sidecar (restartPolicy Always) keeps running beside the others; the rest completed.
          const sidecar = c.restartPolicy === 'Always';
          const done = !initializing;
          return {
            name: c.name,
            image: c.image ?? '',
            imageID: '',
            lastState: {},
            ready: done && (!sidecar || p.ready),
            restartCount: 0,
            started: done && sidecar && p.phase === 'Running',
            state: !done
              ? { waiting: { reason: 'PodInitializing' } }
              : sidecar && p.phase === 'Running'
                ? { running: { startedAt: at(p.startedAt) } }
                : { terminated: { exitCode: 0, reason: 'Completed', startedAt: at(p.startedAt), finishedAt: at(p.startedAt) } },
          };
        });
  const hostIP = p.nodeName === undefined ? undefined : nodeIP(state, p.nodeName);
  const podIP = hostIP === undefined || !p.started ? undefined : spec.hostNetwork ? hostIP : podIPFor(state, p);
  // PodCondition.lastProbeTime is a metav1.Time struct, written as null when unset (never probed).
  for (const c of conditions) (c as { lastProbeTime?: string | null }).lastProbeTime = null;
  const labels = podLabels(state, p);
  const annotations = p.object === undefined ? podAnnotations(state, p) : undefined;
  const meta = p.object?.metadata;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...(meta ?? {}),
      name: p.name,
      ...(ds !== undefined ? { generateName: `${ds.name}-` } : {}),
      namespace: p.namespace,
      uid: p.uid,
      creationTimestamp: creationTimestamp(p.createdAt),
      ...(Object.keys(labels).length > 0 ? { labels } : {}),
      ...(annotations !== undefined ? { annotations } : {}),
      ...(p.deletionTimestamp !== undefined
        ? { deletionTimestamp: creationTimestamp(p.deletionTimestamp), deletionGracePeriodSeconds: p.deletionGracePeriodSeconds }
        : {}),
      ...podOwnerReferences(p),
    },
    spec,
    status: {
      phase: p.phase,
      ...(conditions.length > 0 ? { conditions } : {}),
      ...(hostIP !== undefined ? { hostIP, hostIPs: [{ ip: hostIP }] } : {}),
      ...(podIP !== undefined ? { podIP, podIPs: [{ ip: podIP }] } : {}),
      ...(p.nodeName !== undefined ? { startTime: at(p.createdAt) } : {}),
      ...(initContainerStatuses !== undefined ? { initContainerStatuses } : {}),
      ...(containerStatuses !== undefined ? { containerStatuses } : {}),
      qosClass: qosClass(spec),
    },
  };
}

/**
 * Whether the pod's containers are ready as its kubelet last reported. In dsim only the node
 * lifecycle controller makes a ready pod unready (MarkPodsNotReady, on a node whose Ready
 * condition is not True: PodBecameUnready), and it changes the pod's Ready condition alone, so
 * ContainersReady and the container statuses keep the kubelet's word (kubectl still shows 1/1).
 * Such a pod is running, not ready, and has a readiness transition (set only by becoming ready
 * and by that unready fact) until it ends.
 */
function kubeletSaysReady(p: PodRecord): boolean {
  return p.ready || (p.phase === 'Running' && p.started && p.readyChangedAt !== undefined);
}

function nodeIP(state: ClusterState, name: string): string | undefined {
  const rec = tableGet(state.nodes, name);
  const addr = rec?.node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
  if (addr !== undefined) return addr;
  const h = hashString(`node/${name}`);
  return `10.0.${(h >>> 8) & 255}.${(h & 253) + 1}`;
}

/**
 * A pod's IP: in its node's podCIDR when the node has an IPv4 one (the range the CNI plugin hands
 * out from, network, gateway and broadcast addresses left out), else in 10.244.0.0/16; drawn from
 * the pod's uid, so it stays put. Two pods may draw the same address: dsim has no IPAM.
 */
function podIPFor(state: ClusterState, p: PodRecord): string {
  const h = hashString(`pod/${p.uid}`);
  const cidr = p.nodeName === undefined ? undefined : podCIDROf(tableGet(state.nodes, p.nodeName)?.node);
  if (cidr !== undefined) {
    const offset = 2 + (h % (cidr.size - 3));
    const ip = (cidr.base + offset) >>> 0;
    return `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`;
  }
  return `10.244.${(h >>> 8) & 255}.${(h & 253) + 1}`;
}

/** The node's first IPv4 podCIDR as a base address and a size, when it has one of /8 to /29. */
function podCIDROf(node: Node | undefined): { base: number; size: number } | undefined {
  const text = node?.spec?.podCIDR ?? node?.spec?.podCIDRs?.[0];
  const m = text === undefined ? null : /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (m === null) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits < 8 || bits > 29) return undefined;
  const size = 2 ** (32 - bits);
  const addr = ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
  return { base: addr - (addr % size), size };
}

function qosClass(spec: PodSpec): string {
  const cs = spec.containers;
  const any = cs.some((c) => c.resources?.requests !== undefined || c.resources?.limits !== undefined);
  if (!any) return 'BestEffort';
  const guaranteed = cs.every((c) => {
    const l = c.resources?.limits;
    const r = c.resources?.requests ?? l;
    return l?.cpu !== undefined && l?.memory !== undefined && r?.cpu === l.cpu && r?.memory === l.memory;
  });
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

// The API server's admission plugins dsim models for pods, in the order the API server runs them:
// ServiceAccount (the pod's account must exist) and Priority (its PriorityClass must exist; it
// sets the pod's priority). Pure: reads the stored objects.

import type { PodSpec } from 'kubernetes-types/core/v1';
import { storedObjectKey, type ClusterState } from './state.ts';

type Objects = ClusterState['objects'];

/** A PriorityClass as stored (scheduling.k8s.io/v1), the fields admission reads. */
interface PriorityClassFields {
  readonly metadata?: { readonly name?: string };
  readonly value?: number;
  readonly globalDefault?: boolean;
  readonly preemptionPolicy?: string;
}

function priorityClass(objects: Objects, name: string): PriorityClassFields | undefined {
  return objects.get(storedObjectKey('scheduling.k8s.io/v1', 'PriorityClass', undefined, name))?.object as PriorityClassFields | undefined;
}

/**
 * The global default PriorityClass: the one marked globalDefault, the lowest value when several
 * are (as the Priority plugin's getDefaultPriorityClass picks), else none.
 */
function globalDefaultClass(objects: Objects): PriorityClassFields | undefined {
  let best: PriorityClassFields | undefined;
  for (const rec of objects.values()) {
    if (rec.object.kind !== 'PriorityClass' || !String(rec.object.apiVersion ?? '').startsWith('scheduling.k8s.io/')) continue;
    const pc = rec.object as PriorityClassFields;
    if (pc.globalDefault === true && (best === undefined || (pc.value ?? 0) < (best.value ?? 0))) best = pc;
  }
  return best;
}

/**
 * Why the API server refuses to create this pod, as its Forbidden error says it, or undefined.
 * `name` is the pod's name, or its generateName for a controller's create (the pod has no name
 * yet), as the DaemonSet controller's FailedCreate event quotes it.
 */
export function podAdmissionError(objects: Objects, namespace: string, name: string, spec: PodSpec | undefined): string | undefined {
  const account = spec?.serviceAccountName || spec?.serviceAccount || 'default';
  if (account !== 'default' && !objects.has(storedObjectKey('v1', 'ServiceAccount', namespace, account))) {
    return `pods "${name}" is forbidden: error looking up service account ${namespace}/${account}: serviceaccount "${account}" not found`;
  }
  const className = spec?.priorityClassName;
  if (className && priorityClass(objects, className) === undefined) return `pods "${name}" is forbidden: no PriorityClass with name ${className} was found`;
  return undefined;
}

/**
 * The spec with what the Priority plugin writes for a class `defaultPod` cannot know (it knows
 * the two system classes only): a stored class's value and preemption policy (the API server's
 * default, PreemptLowerPriority, when the class has none); with no class named, a global default
 * class's, its name included. A class that does not exist is left alone (admission refused it).
 */
export function withAdmittedPriority(spec: PodSpec, objects: Objects): PodSpec {
  const className = spec.priorityClassName ?? '';
  const pc = className === '' ? globalDefaultClass(objects) : spec.priority === undefined ? priorityClass(objects, className) : undefined;
  if (pc === undefined) return spec;
  return {
    ...spec,
    ...(className === '' ? { priorityClassName: pc.metadata?.name ?? '' } : {}),
    priority: pc.value ?? 0,
    preemptionPolicy: (className === '' ? undefined : spec.preemptionPolicy) ?? pc.preemptionPolicy ?? 'PreemptLowerPriority',
  };
}

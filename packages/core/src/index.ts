// @dsim/core: the DaemonSet cluster model. Pure: no I/O, no wall clock, no Math.random.
// Explicit named exports, so the public surface is visible in one place.

export {
  events,
  stamp,
  assertNever,
  EVENT_TYPES,
  INPUT_EVENT_TYPES,
  type DsimEvent,
  type EventType,
  type EventOf,
  type EventMetadata,
  type PendingEvent,
  type PodRef,
  type NodeAdded,
  type NodeUpdated,
  type NodeRemoved,
  type DaemonSetApplied,
  type DaemonSetDeleted,
  type BarePodCreated,
  type PodCreated,
  type PodAdopted,
  type PodCreateFailed,
  type PodBound,
  type PodUnschedulable,
  type PodStarted,
  type PodBecameReady,
  type PodBecameUnready,
  type PodBecameAvailable,
  type PodTerminated,
  type PodDeletionRequested,
  type PodDeleted,
  type ControllerRevisionCreated,
  type ControllerRevisionUpdated,
  type ControllerRevisionAnnotated,
  type ControllerRevisionDeleted,
  type PodAnnotated,
  type DaemonSetSynced,
} from './events.ts';
export {
  initialState,
  objectKey,
  splitKey,
  getNode,
  getPod,
  getDaemonSet,
  podsOnNode,
  daemonPodsOnNode,
  placementOf,
  daemonNode,
  NOWHERE,
  comparePods,
  isTerminal,
  isPodUpdated,
  nodeContribution,
  addContribution,
  type MutableCounts,
  type CurrentTemplate,
  addCounts,
  countsEqual,
  zeroCounts,
  Placement,
  type ClusterState,
  type NodeRecord,
  type PodRecord,
  type PodPhase,
  type DaemonSetRecord,
  type DaemonNode,
  type DaemonSetCounts,
  type RevisionRecord,
} from './state.ts';
export {
  emptyTable,
  tableGet,
  tableHas,
  tableSet,
  tableDelete,
  tableEntries,
  tableValues,
  tableForEach,
  tableFrom,
  tableMapFilter,
  withTableOwner,
  isTable,
  type Table,
} from './table.ts';
export { evolve, evolveAll, daemonPodRecord, reduce, fold, createModel, placeOn, recount, placementFor, targetNodeOf, type Model } from './reducer.ts';
export {
  syncDaemonSet,
  manage,
  podsShouldBeOnNode,
  allowsSurge,
  selectsAll,
  podGarbageCollection,
  orphanedPods,
  forEachScopedNode,
  type Intent,
  type CreatePodIntent,
  type DeletePodIntent,
  type SyncedIntent,
  type SyncScope,
  type SyncOptions,
  type SyncResult,
  type NodePlan,
} from './controller.ts';
export {
  rollingUpdate,
  rolloutBudget,
  scaledValue,
  isPodAvailable,
  findUpdatedPodsOnNode,
  livePodsOnNode,
  classifyWorkingNode,
  scanWorkingSet,
  type WorkingSet,
  type WorkingNodeClass,
  type CountedClass,
} from './rollingUpdate.ts';
export { constructHistory, revisionsOf, revisionName, type RevisionIntent } from './history.ts';
export { intentsToEvents, gracePeriodOf, SuffixSet, type PodControlOptions } from './podControl.ts';
export { settle, collectGarbage, type SettleOptions, type SettleResult } from './settle.ts';
export { Random, hashString, type RandomState } from './random.ts';
export {
  NAME_ALPHABET,
  generateName,
  generatedNameBase,
  randomNameSuffix,
  nameSuffix,
  randomString,
  safeEncodeString,
  computeHash,
  canonicalJson,
  derivedUid,
  randomUid,
} from './names.ts';
export { nodeShouldRunDaemonPod } from './placement.ts';
export { EventQueue, type Scheduled } from './queue.ts';
export {
  Engine,
  DEFAULT_CONFIG,
  resolveConfig,
  rolloutStatus,
  unavailability,
  readyStatus,
  conditionTaints,
  TAINT_EVICTION_REASON,
  type EngineConfig,
  type EngineConfigInput,
  type EngineOptions,
  type RolloutStatus,
  type SyncObserved,
} from './engine.ts';
export { sample, constant, mean, type Distribution } from './latency.ts';
export {
  addQuantity,
  canonicalQuantity,
  cmpQuantity,
  intValue,
  milliValue,
  ONE_QUANTITY,
  parseCpuMillis,
  parseExactQuantity,
  parseQuantity,
  quantityString,
  ZERO_QUANTITY,
  type ExactQuantity,
} from './quantity.ts';
export { SIMULATED_EPOCH_MS, rfc3339, parseRfc3339, simulatedTimestamp } from './time.ts';
export { API_TYPES } from './apiSchema.ts';
export { podAdmissionError, withAdmittedPriority } from './admission.ts';
export { defaultDaemonSet, defaultDeployment, defaultPod, admitPod, withDefaultTolerationSeconds, defaultNode, defaultNamespace, defaultSecret, defaultPriorityClass, applyDaemonSetUpdate, templateGeneration } from './defaults.ts';
export { imagesOf } from './reducer.ts';
export {
  nodeObject,
  daemonSetObject,
  podObject,
  podSpec,
  podLabels,
  podOwnerReferences,
  revisionObject,
  storedObject,
  creationTimestamp,
} from './apiObjects.ts';
export { storedObjectKey, INITIAL_NAMESPACES, type ObjectRecord } from './state.ts';
export type { KubeObject, SimulationStarted, TimeAdvanced, ObjectApplied, ObjectDeleted, PodRemovalRequested } from './events.ts';
export {
  validateDaemonSet,
  validateDaemonSetUpdate,
  validatePod,
  validateNode,
  validateNamespace,
  validateObjectMeta,
  validateAnnotations,
  formatFieldError,
  formatInvalidError,
  isValidLabelValue,
  isQualifiedName as qualifiedNameErrors,
  type FieldError,
  type FieldErrorType,
} from './validation.ts';
export { decodeObject, decodeWith, decodedKindOf, isDecodedKind, withoutNulls, type DecodeError, type DecodedKind, type FieldValidation } from './decode.ts';
export { semanticallyEqual, TEMPLATE_GENERATION_ANNOTATION } from './defaults.ts';
export { defaultService, kubernetesService, serviceAllocations, KUBERNETES_SERVICE_IP, SERVICE_CIDR, type DefaultedService, type ServiceAllocations } from './services.ts';
export { formatLabelSelector, formatLabels, matchLabelSelector, compareGoStrings, labelSelectorAsSelector, requirementMatches, requirementsToString, type Requirement } from './labels.ts';
export {
  toleratesTaint,
  addOrUpdateDaemonPodTolerations,
  DEFAULT_DAEMON_TOLERATIONS,
  TAINT_NODE_NOT_READY,
  TAINT_NODE_UNREACHABLE,
  TAINT_NODE_UNSCHEDULABLE,
} from './taints.ts';
export { daemonPodTolerations } from './placement.ts';
export { nodeLeaseAt, NODE_LEASE_RENEW_MS } from './nodeStatus.ts';

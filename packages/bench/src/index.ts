// @dsim/bench: dsim's benchmarks and the two baselines it is measured against. Run them with
// `pnpm bench` / `pnpm bench:quick`; these exports serve tests and one-off investigations.

export { ALL_CASES } from './suites/index.ts';
export { runCase, implsAt, formatMs, type CaseDef, type ImplDef, type Bench, type Measurement, type Mode } from './harness.ts';
export { analyse, formatTable, type Analysis } from './report.ts';
export { MutableCluster, type MutableDaemonSet, type MutablePod, type MutablePlan } from './baselines/mutable.ts';
export { naiveEvolve, naiveSync, naiveHandle, naiveRollout, naiveRecord, naiveInitial, naiveFromMutable, type NaiveState } from './baselines/naive.ts';
export {
  generateNodes,
  generateNode,
  fixtureDaemonSets,
  everywhereDaemonSet,
  withImage,
  dsimCluster,
  dsimClusterDirect,
  FIXTURE_SEED,
} from './fixtures.ts';
export { fullSync } from './fullSync.ts';
export { dsimAddNode, dsimRemoveNode, dsimApplyDaemonSet, dsimRollout } from './suites/targeted.ts';

// Every benchmark case, in the order the runner runs them.
import type { CaseDef } from '../harness.ts';
import { frequentCases } from './frequent.ts';
import { simulationCases } from './simulation.ts';
import { targetedCases } from './targeted.ts';

/** Every case: frequent, then targeted, then simulation. */
export const ALL_CASES: readonly CaseDef[] = [...frequentCases, ...targetedCases, ...simulationCases];

// Public face of the kind target: the target itself (for runScenario), the plan and
// its dry-run text, a bring-up that keeps the clusters, and the sweep of leftovers.
import { loadRunInputs } from '../../scenario/load-inputs.js';
import { buildKindPlan } from './build-plan.js';
import { limitsFromEnv } from './preflight.js';
import { formatPlan } from './print-plan.js';

export { kindTarget, type KindTargetProps } from './kind-target.js';
export { kindUp, type KindUpOptions } from './up.js';
export { buildKindPlan, type KindPlanProps } from './build-plan.js';
export { createToolRunner, type Tool, type ToolRunner } from './exec.js';
export { KindExecutor, type HttpCaller } from './execute.js';
export { downKind, type DeletedCluster } from './down.js';
export { planFault, type KindFault } from './faults.js';
export { preflight, DEFAULT_LIMITS, type PreflightLimits } from './preflight.js';
export { formatPlan } from './print-plan.js';
export type { KindPlan, Step } from './plan.js';

/** The text `run --target kind --dry-run` prints; reads only checked-in files. */
export function kindDryRun(scenarioFile: string, version: string, keep = false): string {
  return formatPlan(buildKindPlan({ inputs: loadRunInputs(scenarioFile), version, keep }), limitsFromEnv());
}

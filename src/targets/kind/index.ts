// Public face of the kind target: the plan (and its dry-run text), a run, a
// bring-up that keeps the clusters, and the sweep of what an earlier run left.
import { loadRunInputs } from '../../run/load-inputs.js';
import { buildKindPlan } from './build-plan.js';
import { limitsFromEnv } from './preflight.js';
import { formatPlan } from './print-plan.js';

export { buildKindPlan, type KindPlanProps } from './build-plan.js';
export { createToolRunner, type Tool, type ToolRunner } from './exec.js';
export { KindExecutor, type HttpCaller } from './execute.js';
export { downKind } from './down.js';
export { planFault, type KindFault } from './faults.js';
export { preflight, DEFAULT_LIMITS, type PreflightLimits } from './preflight.js';
export { runKind, type KindRunOptions } from './run-kind.js';
export { formatPlan } from './print-plan.js';
export type { KindPlan, Step } from './plan.js';

/** The text `run --target kind --dry-run` prints; reads only checked-in files. */
export function kindDryRun(scenarioFile: string, version: string, keep = false): string {
  return formatPlan(buildKindPlan({ inputs: loadRunInputs(scenarioFile), version, keep }), limitsFromEnv());
}

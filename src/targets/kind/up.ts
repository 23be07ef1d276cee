// `region-lab up <scenario> --target kind`: the bring-up alone, clusters kept for
// later runs (which find and reuse them). Preflight first (exit 2, nothing created);
// a failed or interrupted bring-up deletes every cluster it created.
import { CleanupStack } from '../../core/cleanup.js';
import type { Logger } from '../../core/log.js';
import { newRunId } from '../../core/run-id.js';
import { watchInterrupts } from '../../core/signals.js';
import { loadRunInputs } from '../../scenario/load-inputs.js';
import { buildKindPlan } from './build-plan.js';
import { createToolRunner, type ToolRunner } from './exec.js';
import { KindExecutor, type HttpCaller } from './execute.js';
import { limitsFromEnv, preflight } from './preflight.js';

export interface KindUpOptions {
  readonly scenarioFile: string;
  readonly version: string;
  readonly log: Logger;
  readonly run?: ToolRunner;
  readonly http?: HttpCaller;
  readonly kubeconfig?: string;
}

/** Resolves to the line the CLI prints; throws (and deletes what it created) when the bring-up fails. */
export async function kindUp(o: KindUpOptions): Promise<string> {
  const plan = buildKindPlan({ inputs: loadRunInputs(o.scenarioFile), version: o.version, keep: true });
  const run = o.run ?? createToolRunner();
  await preflight({ run, ports: plan.hostPorts, limits: limitsFromEnv() });
  const cleanup = new CleanupStack((name, err) => o.log(err ? { kind: 'warn', message: `teardown of ${name} failed: ${String(err)}` } : { kind: 'stop', component: name }));
  const interrupts = watchInterrupts(() => process.exit(130));
  try {
    await new KindExecutor({ run, log: o.log, cleanup, keep: true, signal: interrupts.signal, runId: newRunId(), kube: { kubeconfig: o.kubeconfig }, ...(o.http ? { http: o.http } : {}) }).up(plan);
  } catch (e) {
    o.log({ kind: 'step', message: 'kind: teardown' });
    await cleanup.runAll();
    throw e;
  } finally {
    interrupts.dispose();
  }
  return `${plan.scenario}: clusters up (${plan.clusters.join(', ')}); \`region-lab down --target kind\` removes them`;
}

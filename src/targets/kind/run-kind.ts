// A scenario on kind end to end: preflight (exit 2, nothing created), bring-up, k6 on
// the host into the entry, the timeline's faults as planned, the verdict from the
// requests, and teardown however it ends (done, failed, Ctrl-C), unless --keep.
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CleanupStack } from '../../core/cleanup.js';
import { InterruptedError } from '../../core/errors.js';
import type { Logger } from '../../core/log.js';
import { startProcess } from '../../core/process.js';
import { COMPACT_FILE, firstRequestStart, K6_SUMMARY_FILE, k6Invocation, readRequests, requestsFileHeader } from '../../load/index.js';
import { loadRunInputs } from '../../run/load-inputs.js';
import { createRunDirs } from '../../run/run-dir.js';
import { watchInterrupts } from '../../run/signals.js';
import { judge } from '../../verdict/index.js';
import { loadTools } from '../local/tools.js';
import { buildKindPlan } from './build-plan.js';
import { createToolRunner, type ToolRunner } from './exec.js';
import { KindExecutor, type HttpCaller } from './execute.js';
import type { FaultStep, LoadStep } from './plan.js';
import { limitsFromEnv, preflight } from './preflight.js';

export interface KindRunOptions {
  readonly scenarioFile: string;
  readonly version: string;
  readonly log: Logger;
  /** Leave the clusters up afterwards. @default false */
  readonly keep?: boolean;
  /** Bring up only (what `up --target kind` does): no load, no faults, clusters kept. */
  readonly upOnly?: boolean;
  readonly run?: ToolRunner;
  readonly http?: HttpCaller;
  readonly procRoot?: string;
  readonly cpus?: () => number;
}

export async function runKind(o: KindRunOptions): Promise<{ exitCode: number; line: string }> {
  const inputs = loadRunInputs(o.scenarioFile);
  const keep = o.keep === true || o.upOnly === true;
  const plan = buildKindPlan({ inputs, version: o.version, keep });
  const run = o.run ?? createToolRunner();
  await preflight({ run, ports: plan.hostPorts, limits: limitsFromEnv(), ...(o.procRoot ? { procRoot: o.procRoot } : {}), ...(o.cpus ? { cpus: o.cpus } : {}) });

  const cleanup = new CleanupStack((name, err) => o.log(err ? { kind: 'warn', message: `teardown of ${name} failed: ${String(err)}` } : { kind: 'stop', component: name }));
  const interrupts = watchInterrupts(() => process.exit(130));
  const exec = new KindExecutor({ run, log: o.log, cleanup, keep, signal: interrupts.signal, ...(o.http ? { http: o.http } : {}) });
  let failure: unknown;
  let line = `${plan.scenario}: clusters up (${plan.clusters.join(', ')}); \`region-lab down --target kind\` removes them`;
  try {
    await exec.up(plan);
    if (!o.upOnly) line = await loadAndFaults(o, inputs, plan.steps.filter((s): s is LoadStep | FaultStep => s.kind === 'load' || s.kind === 'fault'), exec, interrupts.signal);
  } catch (e) {
    failure = e;
  } finally {
    // kept clusters stay only when everything went well; a failed bring-up leaves nothing
    if (failure !== undefined || !keep) {
      o.log({ kind: 'step', message: 'kind: teardown' });
      await cleanup.runAll();
    }
    interrupts.dispose();
  }
  if (failure) throw failure;
  return { exitCode: line.includes(': fail') ? 1 : 0, line };
}

async function loadAndFaults(o: KindRunOptions, inputs: ReturnType<typeof loadRunInputs>, steps: (LoadStep | FaultStep)[], exec: KindExecutor, signal: AbortSignal): Promise<string> {
  const load = steps.find((s): s is LoadStep => s.kind === 'load')!;
  // reports/<scenario>/<run-id>/ as the local target lays it out; the HTML report is not written yet
  const dirs = createRunDirs(resolve('reports'), inputs.scenario.name);
  const dir = dirs.rawDir;
  const startedAt = new Date();
  const outFile = join(dir, COMPACT_FILE);
  writeFileSync(outFile, requestsFileHeader());
  const tools = loadTools();
  const inv = k6Invocation({ k6Path: tools.k6.path, spec: inputs.scenario.load, entryUrl: (region) => load.entryUrls[region]!, requestsFile: outFile, summaryFile: join(dir, K6_SUMMARY_FILE) });
  o.log({ kind: 'step', message: load.title });
  const k6 = startProcess({ name: 'k6', command: inv.command, args: inv.args, env: inv.env, logFile: join(dirs.logDir, 'k6.log'), pidDir: dirs.pidDir, graceMs: 15_000 });
  try {
    let t0: number | undefined;
    while (t0 === undefined && !k6.exitInfo() && !signal.aborted) {
      await new Promise((r) => setTimeout(r, 100));
      t0 = existsSync(outFile) ? await firstRequestStart(outFile) : undefined;
    }
    const records = new Map<string, { id: string; description: string; appliedAtMs?: number; healedAtMs?: number }>();
    for (const f of steps.filter((s): s is FaultStep => s.kind === 'fault')) {
      if (t0 === undefined) break;
      await new Promise((r) => setTimeout(r, Math.max(0, t0! + f.atMs - Date.now())));
      if (signal.aborted || k6.exitInfo()) break;
      o.log({ kind: 'fault', action: f.action, description: f.description, atS: (Date.now() - t0) / 1000 });
      const rec = records.get(f.id) ?? { id: f.id, description: f.description };
      records.set(f.id, rec);
      if (f.action === 'apply') rec.appliedAtMs = Date.now();
      else rec.healedAtMs = Date.now();
      await exec.actions(f.steps);
    }
    await k6.exited;
    if (signal.aborted) throw new InterruptedError('SIGINT');
    const judgement = judge({ scenario: inputs.scenario, t0, faults: [...records.values()], log: await readRequests(outFile) });
    const passed = judgement.expectations.filter((e) => e.pass).length;
    const summary = {
      scenario: inputs.scenario.name,
      target: 'kind',
      higress: inputs.higress,
      registration: inputs.topology.registration,
      discovery: inputs.topology.discovery.mode,
      verdict: judgement.verdict,
      startedAt: startedAt.toISOString(),
      durationS: (Date.now() - startedAt.getTime()) / 1000,
      requests: judgement.requests,
      expectations: judgement.expectations,
    };
    writeFileSync(join(dirs.reportDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    dirs.pointLatestHere();
    return `${inputs.scenario.name} on kind (Higress ${inputs.higress}): ${judgement.verdict} (${passed}/${judgement.expectations.length} expectations; ${dirs.reportDir}/summary.json)`;
  } finally {
    await k6.stop();
    dirs.removeState();
  }
}

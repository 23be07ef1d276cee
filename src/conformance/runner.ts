// Runs the conformance suite: validates every case file first (exit 2 before
// anything starts), starts one real Nacos for the run when a case needs it, then
// each case on each Higress profile it holds for, one gateway per case, and tears
// everything down however the run ends (Ctrl-C stops after the current case).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CleanupStack } from '../core/cleanup.js';
import { InterruptedError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { STATE_ROOT } from '../run/run-dir.js';
import { startNacos } from '../targets/local/nacos-server.js';
import { assertPortsFree } from '../targets/local/ports.js';
import { loadTools } from '../targets/tools.js';
import { gatewayStarter, type DataPlaneRegistry } from './case-gateway.js';
import { loadCases, SUITE_DIR, type LoadedCase } from './load.js';
import { startModelCaseGateway } from './model-gateway.js';
import { startEnvoyCaseGateway } from './envoy-gateway.js';
import { SUITE_NACOS } from './nacos-registrations.js';
import { runCase } from './run-case.js';
import type { DataPlane, HigressVersion } from './schema.js';
import { runFailed, totalsOf, type CaseRun, type SuiteResult } from './types.js';

export const DEFAULT_DATA_PLANES: DataPlaneRegistry = { model: startModelCaseGateway, envoy: startEnvoyCaseGateway };

export interface SuiteOptions {
  /** Case files or folders. @default ["conformance"] */
  readonly paths?: readonly string[];
  /** Only this profile. @default every profile each case holds for */
  readonly higress?: HigressVersion;
  readonly dataPlane: DataPlane;
  readonly log: Logger;
  /** @default the model only (the Envoy data plane is not on main yet) */
  readonly dataPlanes?: DataPlaneRegistry;
  /** Aborting stops after the current case, tears down and throws InterruptedError. */
  readonly signal?: AbortSignal;
}

export interface PlannedRun {
  readonly loaded: LoadedCase;
  readonly higress: HigressVersion;
}

export function planRuns(cases: readonly LoadedCase[], higress?: HigressVersion): PlannedRun[] {
  return cases.flatMap((loaded) => loaded.case.higress.filter((v) => higress === undefined || v === higress).map((v) => ({ loaded, higress: v })));
}

export async function runSuite(o: SuiteOptions): Promise<SuiteResult> {
  const cases = loadCases(o.paths ?? [SUITE_DIR]);
  const startGateway = gatewayStarter(o.dataPlanes ?? DEFAULT_DATA_PLANES, o.dataPlane);
  const plan = planRuns(cases, o.higress);
  const needsNacos = plan.some((p) => p.loaded.case.backends.some((b) => 'nacos' in b));
  const startedAt = new Date();
  const t0 = performance.now();
  mkdirSync(STATE_ROOT, { recursive: true });
  const stateDir = mkdtempSync(join(STATE_ROOT, 'conformance-'));
  writeFileSync(join(stateDir, 'owner.pid'), `${process.pid}\n`);
  const removeState = () => rmSync(stateDir, { recursive: true, force: true });
  process.once('exit', removeState);
  const cleanup = new CleanupStack((name, err) => (err ? o.log({ kind: 'warn', message: `teardown of ${name} failed: ${String(err)}` }) : o.log({ kind: 'stop', component: name })));
  const runs: CaseRun[] = [];
  try {
    let nacos: string | undefined;
    if (needsNacos) {
      await assertPortsFree([{ what: 'conformance Nacos', host: SUITE_NACOS.host, port: SUITE_NACOS.port }, { what: 'conformance Nacos gRPC', host: SUITE_NACOS.host, port: SUITE_NACOS.port + 1000 }]);
      const ctx = { runId: 'conformance', stateDir, logDir: join(stateDir, 'logs'), pidDir: join(stateDir, 'pids'), cleanup, log: o.log, tools: loadTools(), distDir: resolve('dist') };
      const n = await startNacos(ctx, { region: 'conformance', address: SUITE_NACOS.host, port: SUITE_NACOS.port });
      nacos = n.address;
    }
    o.log({ kind: 'step', message: `conformance: ${plan.length} case run${plan.length === 1 ? '' : 's'} (${cases.length} cases) on the ${o.dataPlane} data plane` });
    for (const [i, p] of plan.entries()) {
      if (o.signal?.aborted) throw new InterruptedError(String(o.signal.reason ?? 'SIGINT'));
      const run = await runCase(p.loaded, p.higress, { dataPlane: o.dataPlane, startGateway, stateDir, ...(nacos ? { nacos } : {}) });
      runs.push(run);
      const t = totalsOf([run]);
      const verdict = runFailed(run) ? 'FAIL' : t.xfail > 0 ? 'known failure' : 'pass';
      o.log({ kind: 'info', message: `[${i + 1}/${plan.length}] ${p.loaded.case.name} on Higress ${p.higress}: ${verdict} (${run.durationMs} ms)` });
    }
  } finally {
    await cleanup.runAll();
    removeState();
    process.off('exit', removeState);
  }
  return { dataPlane: o.dataPlane, higress: o.higress ? [o.higress] : [...new Set(plan.map((p) => p.higress))].sort(), startedAt: startedAt.toISOString(), durationMs: Math.round(performance.now() - t0), runs, totals: totalsOf(runs) };
}

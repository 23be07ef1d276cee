// The composition root of `region-lab run` (and nightly, repeat): which target, the
// reporters every run gets (summary.json, junit.xml, report.html, raw/run.json), k6
// on the host as the load, and the lines the CLI prints. The kind target is loaded
// only when asked for (it pulls in execa and the Kubernetes client).
import { formatError } from './core/errors.js';
import type { Logger } from './core/log.js';
import { exitCodeFor } from './run/exit-code.js';
import { fileReporters, verdictLine } from './report/index.js';
import { k6Load } from './run/k6-load.js';
import type { RunScenarioFile } from './run/scenario-run.js';
import { runScenario, type RunOutcome } from './run/run-scenario.js';
import { localTarget } from './targets/local/local-target.js';
import type { Target } from './targets/target.js';
import { loadTools } from './targets/tools.js';

export interface CliRunOptions {
  readonly target: 'local' | 'kind';
  readonly log: Logger;
  readonly distDir: string;
  readonly version: string;
  /** kind: leave the clusters up. @default false */
  readonly keep?: boolean;
  /** local: --data-plane; @default the topology's (auto: Envoy where installed) */
  readonly dataPlane?: 'auto' | 'envoy' | 'model' | undefined;
  /** --set (and --higress as higress=…): the scenario or topology changed for this run. @default none */
  readonly overrides?: readonly string[];
  /** The live line during the load. @default false */
  readonly live?: boolean;
  /** Where run directories go. @default ./reports */
  readonly reportsRoot?: string;
}

async function makeTarget(o: CliRunOptions): Promise<Target> {
  if (o.target === 'local') return localTarget({ distDir: o.distDir, ...(o.dataPlane ? { dataPlane: o.dataPlane } : {}) });
  const kind = await import('./targets/kind/index.js');
  return kind.kindTarget({ version: o.version, log: o.log, keep: o.keep ?? false });
}

/** The verdict line, and the claim's sentence when the scenario declares an outcome. */
export function outcomeLine(out: RunOutcome): string {
  const line = verdictLine(out.run, out.judgement);
  return out.run.scenario.knownOutcome ? `${line}\n${out.claim.sentence}` : line;
}

/** Runs one scenario file on the chosen target, as `region-lab run` does. */
export async function runOne(file: string, o: CliRunOptions): Promise<RunOutcome> {
  const target = await makeTarget(o);
  return runScenario({
    scenarioFile: file,
    target,
    load: () => {
      const k6 = loadTools(process.env, ['k6']).k6;
      return k6Load(k6.path, k6.version);
    },
    reporters: fileReporters(),
    log: o.log,
    version: o.version,
    keep: o.keep ?? false,
    live: o.live ?? false,
    ...(o.overrides ? { overrides: o.overrides } : {}),
    ...(o.reportsRoot ? { reportsRoot: o.reportsRoot } : {}),
  });
}

/** For nightly and repeat: a run as the catalogue sees it; a run that cannot start is an exit code too, so the others still run. */
export function scenarioRunner(o: CliRunOptions): RunScenarioFile {
  return async (file, dataPlane) => {
    try {
      const out = await runOne(file, { ...o, ...(dataPlane ? { dataPlane } : {}) });
      return { exitCode: out.exitCode, reportDir: out.reportDir, line: outcomeLine(out) };
    } catch (e) {
      o.log({ kind: 'warn', message: formatError(e) });
      return { exitCode: exitCodeFor({ failure: e }), line: `${file}: ${formatError(e).split('\n')[0]}` };
    }
  };
}

// Where a run's files go: the report directory (kept: reports/<scenario>/<run-id>/
// with logs/ and raw/), and a temporary state directory under the system temp dir
// (removed at teardown; `region-lab down` sweeps what a killed run left there).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { newRunId } from '../core/run-id.js';

export const STATE_ROOT = join(tmpdir(), 'region-lab');

export interface RunDirs {
  readonly runId: string;
  readonly reportDir: string;
  readonly logDir: string;
  readonly rawDir: string;
  readonly stateDir: string;
  readonly pidDir: string;
  removeState(): void;
  /** Keeps the state dir (pid files, configs) when this process exits: `run --keep`; `down` removes it. */
  keepState(): void;
  pointLatestHere(): void;
}


export function createRunDirs(reportsRoot: string, scenario: string, runId = newRunId()): RunDirs {
  const scenarioDir = resolve(reportsRoot, scenario);
  const reportDir = join(scenarioDir, runId);
  const logDir = join(reportDir, 'logs');
  const rawDir = join(reportDir, 'raw');
  mkdirSync(logDir, { recursive: true });
  mkdirSync(rawDir, { recursive: true });
  mkdirSync(STATE_ROOT, { recursive: true });
  const stateDir = mkdtempSync(join(STATE_ROOT, `${runId}-`));
  const pidDir = join(stateDir, 'pids');
  mkdirSync(pidDir);
  // the orchestrator's own pid: `down` treats a state dir whose owner is dead as left over
  writeFileSync(join(stateDir, 'owner.pid'), `${process.pid}\n`);
  // a crash skips the orderly teardown; the temp state must still go (children are
  // killed by the exit hook in core/process.ts)
  const onExit = () => rmSync(stateDir, { recursive: true, force: true });
  process.once('exit', onExit);
  return {
    runId,
    reportDir,
    logDir,
    rawDir,
    stateDir,
    pidDir,
    removeState: () => {
      rmSync(stateDir, { recursive: true, force: true });
      process.off('exit', onExit);
    },
    keepState: () => void process.off('exit', onExit),
    pointLatestHere() {
      const latest = join(scenarioDir, 'latest');
      rmSync(latest, { force: true });
      symlinkSync(runId, latest);
    },
  };
}

// `region-lab nightly`: every scenario of the catalogue, one after the other, each
// torn down before the next starts; an index of all verdicts; non-zero exit only
// when a scenario's outcome differs from what it declares (or the testbed failed).
import { readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from '../core/log.js';
import { loadRunInputs } from '../scenario/load-inputs.js';
import { claimOutcome, type ClaimOutcome } from './outcome.js';
import { compareScenario } from './compare.js';
import type { RunScenarioFile } from './scenario-run.js';

export interface NightlyEntry extends Partial<ClaimOutcome> {
  readonly file: string;
  readonly exitCode: number;
  readonly reportDir?: string | undefined;
  readonly line: string;
  readonly seconds: number;
}

export interface NightlyOptions {
  readonly dir: string;
  readonly log: Logger;
  /** Where nightly.json goes. @default reports */
  readonly reportsDir?: string;
  /** Runs a scenario (the CLI passes the local target's run). */
  readonly run: RunScenarioFile;
  /** Run each scenario on real Envoy and on the model, and compare them (reports/compare/). */
  readonly compare?: boolean;
  /** The overrides every run gets (--higress, --set), recorded with each comparison. @default none */
  readonly variant?: readonly string[];
}

/** The scenario files a nightly runs: every .yaml of the directory, in name order. */
export function scenarioFilesIn(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(dir, f));
}

export async function runNightly(o: NightlyOptions): Promise<{ entries: NightlyEntry[]; exitCode: number; indexFile: string }> {
  const files = scenarioFilesIn(o.dir);
  const run = o.run;
  const entries: NightlyEntry[] = [];
  for (const [i, file] of files.entries()) {
    o.log({ kind: 'step', message: `nightly ${i + 1}/${files.length}: ${file}` });
    const started = Date.now();
    // comparing: the Envoy run carries the verdict; the model run is its twin
    const out = o.compare ? (await compareScenario({ scenarioFile: file, log: o.log, run: (dp) => run(file, dp), ...(o.reportsDir ? { reportsRoot: o.reportsDir } : {}), ...(o.variant ? { variant: o.variant } : {}) })).envoy : await run(file);
    const seconds = Math.round((Date.now() - started) / 1000);
    // exit 0/1 carry a verdict; anything else means the run itself did not complete
    const outcome = out.exitCode === 0 || out.exitCode === 1 ? claimFor(file, out.exitCode) : undefined;
    entries.push({ file, exitCode: out.exitCode, reportDir: out.reportDir, line: out.line, seconds, ...outcome });
    o.log({ kind: 'info', message: `${out.line}${outcome ? ` — ${outcome.asExpected ? 'as expected' : 'UNEXPECTED'}` : ''}` });
    if (out.exitCode === 130) break;
  }
  const unexpected = entries.filter((e) => e.asExpected !== true);
  const dir = resolve(o.reportsDir ?? 'reports');
  mkdirSync(dir, { recursive: true });
  const indexFile = join(dir, 'nightly.json');
  writeFileSync(indexFile, JSON.stringify({ at: new Date().toISOString(), entries, unexpected: unexpected.map((e) => e.file) }, null, 2));
  return { entries, exitCode: unexpected.length === 0 ? 0 : 1, indexFile };
}

function claimFor(file: string, exitCode: number): ClaimOutcome {
  const inputs = loadRunInputs(file);
  return claimOutcome(inputs.scenario, exitCode === 0 ? 'pass' : 'fail', inputs.higress);
}

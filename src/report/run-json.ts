// raw/run.json: a run's RunData as JSON, saved by the orchestrator so `region-lab report`
// can rebuild every report without running the scenario again. Events the components
// logged stay in logs/*.events.jsonl and are re-read from there; run.json keeps only
// region-lab's own (faults applied and healed). Documented in docs/reports.md.
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { BadInputError } from '../core/errors.js';
import { ORCHESTRATOR } from '../topology/names.js';
import type { RunData } from '../run/run-data.js';
import { writeWhole } from './write.js';

/** Bumped when a field changes meaning; readers refuse versions they do not know. */
export const RUN_JSON_VERSION = 1;

export type RunFile = RunData & { readonly runJsonVersion: typeof RUN_JSON_VERSION };

/** The source of events region-lab itself emits; every other source has an events log. */
export const OWN_EVENT_SOURCE = ORCHESTRATOR;

export function runFile(run: RunData): RunFile {
  return { runJsonVersion: RUN_JSON_VERSION, ...run, events: run.events.filter((e) => e.source === OWN_EVENT_SOURCE) };
}

/** Writes rawDir/run.json (whole, then renamed); returns its path. */
export async function writeRunJson(rawDir: string, run: RunData): Promise<string> {
  await mkdir(rawDir, { recursive: true });
  const file = join(rawDir, 'run.json');
  await writeWhole(file, `${JSON.stringify(runFile(run), null, 2)}\n`);
  return file;
}

/** Reads a run.json back into RunData (events: region-lab's own only). */
export function readRunJson(file: string): RunData {
  let v: Partial<RunFile>;
  try {
    v = JSON.parse(readFileSync(file, 'utf8')) as Partial<RunFile>;
  } catch (e) {
    throw new BadInputError([{ file, path: '', message: `not readable JSON: ${(e as Error).message}` }]);
  }
  const problems: string[] = [];
  if (v.runJsonVersion !== RUN_JSON_VERSION) problems.push(`runJsonVersion is ${String(v.runJsonVersion)}; this region-lab reads version ${RUN_JSON_VERSION}`);
  for (const k of ['runId', 'scenarioFile', 'scenarioText', 'target', 'higress', 'startedAt', 'endedAt'] as const) if (typeof v[k] !== 'string') problems.push(`${k} must be a string`);
  if (typeof v.scenario?.name !== 'string' || !Array.isArray(v.scenario.expectations)) problems.push('scenario must be the parsed scenario (name, load, timeline, expectations)');
  for (const k of ['faults', 'events', 'manifests'] as const) if (!Array.isArray(v[k])) problems.push(`${k} must be a list`);
  if (problems.length) throw new BadInputError(problems.map((message) => ({ file, path: '', message })));
  const { runJsonVersion: _version, ...run } = v as RunFile;
  // JSON has no undefined: a run without a first request stored no t0
  return { ...run, t0: typeof run.t0 === 'number' ? run.t0 : undefined };
}

// `region-lab report <run-dir>`: rebuilds a run's summary.json, junit.xml and
// report.html from what it saved (raw/run.json, raw/requests.tsv with raw/k6-summary.json
// — or an older run's raw/k6-points.jsonl —, the calibration burst in raw/calibration/ and
// logs/*.events.jsonl) without running the scenario again.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BadInputError } from '../core/errors.js';
import { rawRequestsFile, readRequests } from '../load/read-requests.js';
import { calibrationInput } from '../run/calibrate.js';
import type { RequestLog } from '../load/request-record.js';
import { collectEvents } from '../core/component-events.js';
import { judge } from '../verdict/judge.js';
import type { Judgement } from '../verdict/types.js';
import { runDataFromSummary } from './legacy-run.js';
import type { RunData } from '../run/run-data.js';
import { readRunJson } from './run-json.js';
import { writeRunReports, type WrittenReports } from './write.js';

export interface Rebuilt {
  readonly run: RunData;
  readonly judgement: Judgement;
  readonly written: WrittenReports;
  /** Where the run's facts came from: its run.json, or (older runs) its summary.json. */
  readonly from: 'run.json' | 'summary.json';
}

/** RunData of a run directory, with the events its components logged merged in. */
export function loadRun(runDir: string, root = process.cwd()): { run: RunData; from: Rebuilt['from'] } {
  const runJson = join(runDir, 'raw', 'run.json');
  const summary = join(runDir, 'summary.json');
  let run: RunData;
  let from: Rebuilt['from'];
  if (existsSync(runJson)) [run, from] = [readRunJson(runJson), 'run.json'];
  else if (existsSync(summary)) [run, from] = [runDataFromSummary(summary, root), 'summary.json'];
  else throw new BadInputError([{ file: runDir, path: '', message: 'no raw/run.json and no summary.json: is this a run directory (reports/<scenario>/<run-id>)?' }]);
  const logDir = join(runDir, 'logs');
  const logged = existsSync(logDir) ? collectEvents(logDir) : [];
  return { run: { ...run, events: [...run.events, ...logged].sort((a, b) => a.t - b.t) }, from };
}

export async function rebuildReport(runDir: string, root = process.cwd()): Promise<Rebuilt> {
  const { run, from } = loadRun(runDir, root);
  const raw = rawRequestsFile(join(runDir, 'raw'));
  const log: RequestLog = raw ? await readRequests(raw) : { records: [], httpReqs: 0, droppedIterations: 0, countsFrom: 'none' };
  const judgement = judge({ scenario: run.scenario, t0: run.t0, faults: run.faults, log, events: run.events, calibration: await calibrationInput(join(runDir, 'raw'), run.calibration) });
  const written = await writeRunReports(runDir, run, judgement, log);
  return { run, judgement, written, from };
}

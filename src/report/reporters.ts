// The files every run leaves, as reporters subscribed to the run (run/reporter.ts):
// summary.json, junit.xml, report.html and raw/run.json, each written whole then
// renamed. Every target gets the same four, so `region-lab index` and `region-lab
// report` read any run's directory alike.
import { join } from 'node:path';
import type { Reporter, RunFinished } from '../run/reporter.js';
import { reportHtml } from './html/page.js';
import { junitXml } from './junit.js';
import { writeRunJson } from './run-json.js';
import { buildSummary } from './summary.js';
import { writeWhole } from './write.js';

const fileReporter = (name: string, file: string, text: (f: RunFinished) => string): Reporter => ({
  name,
  onRunFinished: (f) => writeWhole(join(f.dir, file), text(f)),
});

export const summaryReporter = (): Reporter => fileReporter('summary.json', 'summary.json', (f) => `${JSON.stringify(buildSummary(f.run, f.judgement), null, 2)}\n`);
export const junitReporter = (): Reporter => fileReporter('junit.xml', 'junit.xml', (f) => junitXml(f.run, f.judgement));
export const htmlReporter = (): Reporter => fileReporter('report.html', 'report.html', (f) => reportHtml(f.run, f.judgement, f.log.records));
export const runJsonReporter = (): Reporter => ({ name: 'raw/run.json', onRunFinished: async (f) => void (await writeRunJson(join(f.dir, 'raw'), f.run)) });

/** What `region-lab run` writes for every target. */
export function fileReporters(): Reporter[] {
  return [summaryReporter(), junitReporter(), htmlReporter(), runJsonReporter()];
}

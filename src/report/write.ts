// Writes a run's outputs into its report directory: summary.json, junit.xml and the
// self-contained report.html. Each file is written whole to a temp name, then renamed,
// so a reader never sees half a report.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { rawRequestsFile, readRequests } from '../load/read-requests.js';
import type { RequestLog } from '../load/request-record.js';
import type { Judgement } from '../verdict/types.js';
import { reportHtml } from './html/page.js';
import { junitXml } from './junit.js';
import type { RunData } from '../run/run-data.js';
import { buildSummary } from './summary.js';

export interface WrittenReports {
  readonly summary: string;
  readonly junit: string;
  readonly html: string;
}

export async function writeWhole(file: string, text: string): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, text, 'utf8');
  await rename(tmp, file);
}

/**
 * @param log the requests the judgement came from, for the charts; @default read again
 * from dir/raw (requests.tsv or k6-points.jsonl) when it is there (slower: pass the log you already have).
 */
export async function writeRunReports(dir: string, run: RunData, judgement: Judgement, log?: RequestLog): Promise<WrittenReports> {
  await mkdir(dir, { recursive: true });
  const raw = rawRequestsFile(join(dir, 'raw'));
  const records = (log ?? (raw ? await readRequests(raw) : undefined))?.records;
  const out = { summary: join(dir, 'summary.json'), junit: join(dir, 'junit.xml'), html: join(dir, 'report.html') };
  await writeWhole(out.summary, `${JSON.stringify(buildSummary(run, judgement), null, 2)}\n`);
  await writeWhole(out.junit, junitXml(run, judgement));
  await writeWhole(out.html, reportHtml(run, judgement, records));
  return out;
}

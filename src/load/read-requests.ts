// Reads a run's per-request raw data into RequestRecords: raw/requests.tsv (the compact
// lines the k6 script writes; k6's own request count from raw/k6-summary.json beside it),
// or, for runs made before it, k6's --out json raw/k6-points.jsonl. Streams in 1 MiB
// chunks, so a 10-minute run at 500 requests/s (24 MB) reads in well under a second.
import { closeSync, createReadStream, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { COMPACT_FILE, COMPACT_HEADER, COMPACT_MAGIC, recordFromLine } from './compact-format.js';
import { firstPointStart, LEGACY_POINTS_FILE, readPoints } from './legacy-points.js';
import type { RequestLog, RequestRecord } from './request-record.js';

/** k6's end-of-test summary (--summary-export) next to the requests file. */
export const K6_SUMMARY_FILE = 'k6-summary.json';

/** Where a run keeps its calibration burst (src/run/calibrate.ts): raw/calibration/requests.tsv and its k6 summary. */
export const CALIBRATION_DIR = 'calibration';

/** The calibration burst's requests of a run's raw/ directory; undefined when the run made none. */
export async function readCalibration(rawDir: string): Promise<RequestRecord[] | undefined> {
  const file = join(rawDir, CALIBRATION_DIR, COMPACT_FILE);
  return existsSync(file) ? (await readRequests(file)).records : undefined;
}

/** The per-request file of a run's raw/ directory: requests.tsv, else a legacy k6-points.jsonl; undefined if neither. */
export function rawRequestsFile(rawDir: string): string | undefined {
  for (const name of [COMPACT_FILE, LEGACY_POINTS_FILE]) if (existsSync(join(rawDir, name))) return join(rawDir, name);
  return undefined;
}

/** An empty requests file with the header line, for k6 to append to (k6's console output appends). */
export function requestsFileHeader(): string {
  return COMPACT_HEADER;
}

function isCompact(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(COMPACT_MAGIC.length);
    return readSync(fd, buf, 0, buf.length, 0) === buf.length && buf.toString('utf8') === COMPACT_MAGIC;
  } finally {
    closeSync(fd);
  }
}

/**
 * Calls `each` for every line of a file, read in 1 MiB chunks (synchronously within a
 * chunk: an async step per line would cost more than parsing it); the last line may be
 * cut short (k6 still writing). `each` returns false to stop.
 */
async function eachLine(file: string, each: (line: string) => boolean | void): Promise<void> {
  let rest = '';
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream) {
      const text = rest + (chunk as string);
      let from = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
        if (each(text.slice(from, nl)) === false) return;
        from = nl + 1;
      }
      rest = text.slice(from);
    }
    if (rest.length > 0) each(rest);
  } finally {
    stream.destroy();
  }
}

interface K6Summary {
  metrics?: Record<string, { count?: number } | undefined>;
}

/** http_reqs and dropped_iterations from k6's summary export; undefined when k6 wrote none (killed). */
export function readK6Counts(summaryFile: string): { httpReqs: number; droppedIterations: number } | undefined {
  if (!existsSync(summaryFile)) return undefined;
  try {
    const m = (JSON.parse(readFileSync(summaryFile, 'utf8')) as K6Summary).metrics ?? {};
    // a metric k6 never emitted (no dropped iteration) is absent from the summary
    return { httpReqs: m.http_reqs?.count ?? 0, droppedIterations: m.dropped_iterations?.count ?? 0 };
  } catch {
    return undefined; // cut short while k6 was writing it
  }
}

async function readCompact(file: string): Promise<RequestLog> {
  const records: RequestRecord[] = [];
  let sorted = true;
  let last = 0;
  await eachLine(file, (line) => {
    const r = recordFromLine(line);
    if (!r) return;
    if (r.startMs < last) sorted = false;
    last = r.startMs;
    records.push(r);
  });
  // VUs finish out of order; most runs are almost sorted, so only sort when needed
  if (!sorted) records.sort((a, b) => a.startMs - b.startMs);
  const counts = readK6Counts(join(dirname(file), K6_SUMMARY_FILE));
  return counts ? { records, ...counts, countsFrom: 'k6 summary' } : { records, httpReqs: 0, droppedIterations: 0, countsFrom: 'none' };
}

/** The requests of a raw file (requests.tsv or a legacy k6-points.jsonl), sorted by start. */
export async function readRequests(file: string): Promise<RequestLog> {
  if (!existsSync(file)) return { records: [], httpReqs: 0, droppedIterations: 0, countsFrom: 'none' };
  return isCompact(file) ? readCompact(file) : readPoints(file);
}

/**
 * The earliest request start written so far, or undefined (no file, no request yet).
 * The lead polls this to learn t0; it stops at the first few hundred requests, since a
 * request that started earlier than those is at most one timeout late to be written.
 */
export async function firstRequestStart(file: string, maxRequests = 500): Promise<number | undefined> {
  if (!existsSync(file)) return undefined;
  if (!isCompact(file)) return firstPointStart(file, maxRequests);
  let first: number | undefined;
  let seen = 0;
  await eachLine(file, (line) => {
    const r = recordFromLine(line);
    if (!r) return true;
    if (first === undefined || r.startMs < first) first = r.startMs;
    return ++seen < maxRequests;
  });
  return first;
}

/** t0 from a complete log: the earliest start of any request (undefined if none). */
export function earliestStart(log: RequestLog): number | undefined {
  return log.records[0]?.startMs;
}

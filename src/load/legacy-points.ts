// Reads the raw data of runs made before raw/requests.tsv: k6's --out json file
// (raw/k6-points.jsonl, one JSON object per line, ~3.5 KB per request) into
// RequestRecords. Only rl_request points are parsed; http_reqs and dropped_iterations
// points are counted from their prefix without parsing.
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { classify, parseSent, type RequestLog, type RequestRecord } from './request-record.js';

/** The legacy file name under raw/. */
export const LEGACY_POINTS_FILE = 'k6-points.jsonl';

/** The metric name of a line, read without parsing it (k6 writes "metric" first on points). */
function metricOf(line: string): string | undefined {
  const at = line.indexOf('"metric":"');
  if (at < 0) return undefined;
  const from = at + 10;
  const to = line.indexOf('"', from);
  return to < 0 ? undefined : line.slice(from, to);
}

function isPoint(line: string): boolean {
  return line.includes('"type":"Point"');
}

interface PointLine {
  data?: { value?: number; tags?: Record<string, string | undefined> };
}

/** One rl_request point → a record; undefined for a line that is not one (truncated, foreign). */
export function recordFromPoint(line: string): RequestRecord | undefined {
  let p: PointLine;
  try {
    p = JSON.parse(line) as PointLine;
  } catch {
    return undefined; // the last line of a file k6 is still writing may be cut short
  }
  const tags = p.data?.tags ?? {};
  const startMs = Number(tags.start);
  if (!Number.isFinite(startMs) || startMs <= 0) return undefined;
  const base = {
    startMs,
    durationMs: p.data?.value ?? 0,
    entry: tags.entry ?? '',
    status: Number(tags.status ?? 0) || 0,
    errorCode: Number(tags.error_code ?? 0) || 0,
    servedRegion: tags.served_region ?? '',
    servedCluster: tags.served_cluster ?? '',
    servedInstance: tags.served_instance ?? '',
    fallback: tags.fallback === '1',
  };
  const sentHeaders = parseSent(tags.sent_headers, true);
  const sentCookies = parseSent(tags.sent_cookies, false);
  return { ...base, outcome: classify(base), ...(sentHeaders ? { sentHeaders } : {}), ...(sentCookies ? { sentCookies } : {}) };
}

async function* lines(file: string): AsyncGenerator<string> {
  const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  try {
    for await (const line of rl) yield line;
  } finally {
    rl.close();
  }
}

export async function readPoints(outFile: string): Promise<RequestLog> {
  const records: RequestRecord[] = [];
  let httpReqs = 0;
  let droppedIterations = 0;
  for await (const line of lines(outFile)) {
    const metric = metricOf(line);
    if (metric === undefined || !isPoint(line)) continue;
    if (metric === 'rl_request') {
      const r = recordFromPoint(line);
      if (r) records.push(r);
    } else if (metric === 'http_reqs') httpReqs++;
    else if (metric === 'dropped_iterations') droppedIterations++;
  }
  records.sort((a, b) => a.startMs - b.startMs);
  return { records, httpReqs, droppedIterations, countsFrom: 'k6 points' };
}

/** The earliest request start among the first points of a k6 --out json file. */
export async function firstPointStart(outFile: string, maxPoints = 500): Promise<number | undefined> {
  if (!existsSync(outFile)) return undefined;
  let first: number | undefined;
  let seen = 0;
  for await (const line of lines(outFile)) {
    if (metricOf(line) !== 'rl_request' || !isPoint(line)) continue;
    const r = recordFromPoint(line);
    if (!r) continue;
    if (first === undefined || r.startMs < first) first = r.startMs;
    if (++seen >= maxPoints) break;
  }
  return first;
}

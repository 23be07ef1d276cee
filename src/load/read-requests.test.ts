// GIVEN raw/requests.tsv lines as the k6 script writes them WHEN they are read THEN every
// field survives the round trip (separators in header values included), k6's own counts
// come from its summary, and the file stays far under 300 bytes a request.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMPACT_HEADER, lineOf, recordFromLine } from './compact-format.js';
import { firstRequestStart, rawRequestsFile, readK6Counts, readRequests } from './read-requests.js';
import { classify, type RequestRecord } from './request-record.js';

const T = 1_795_000_000_000;
type Raw = Omit<RequestRecord, 'outcome'>;
const base: Raw = { startMs: T, durationMs: 11.875, entry: 'south', status: 200, errorCode: 0, servedRegion: 'south', servedCluster: 'biz-south', servedInstance: 'user-service-south-1', fallback: false };
const rows: Raw[] = [
  base,
  { ...base, startMs: T + 25, durationMs: 41.5, servedRegion: 'north', servedCluster: 'biz-north', servedInstance: 'user-service-north-2' },
  { ...base, startMs: T + 50, status: 503, errorCode: 1503, servedRegion: '', servedCluster: '', servedInstance: '' },
  { ...base, startMs: T + 75, durationMs: 10_000.2, status: 0, errorCode: 1050, servedRegion: '', servedCluster: '', servedInstance: '' },
  { ...base, startMs: T + 100, status: 200, fallback: true, servedRegion: 'south', servedCluster: 'biz-south', servedInstance: 'fallback-service-south-1' },
  { ...base, startMs: T + 125, servedInstance: 'odd\tname%41\nwith\rbreaks', sentHeaders: { 'x-canary': 'always', 'x-ab-group': 'A&B' }, sentCookies: { canary_user: 'always' } },
];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rl-requests-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(lines: string[], summary?: object): string {
  const f = join(dir, 'requests.tsv');
  writeFileSync(f, COMPACT_HEADER + lines.join('\n') + (lines.length ? '\n' : ''));
  if (summary) writeFileSync(join(dir, 'k6-summary.json'), JSON.stringify(summary));
  return f;
}

describe('the compact line', () => {
  it('GIVEN every outcome and hostile header values WHEN written and read back THEN every field is the same', () => {
    for (const r of rows) expect(recordFromLine(lineOf(r))).toEqual({ ...r, outcome: classify(r) });
  });
  it('GIVEN a typical request THEN its line is about 80 bytes, far under the 300 allowed', () => {
    const bytes = Buffer.byteLength(`${lineOf(rows[1]!)}\n`);
    expect(bytes).toBeLessThan(100);
  });
  it('rejects the header, an empty line and a line cut short', () => {
    expect(recordFromLine(COMPACT_HEADER.trim())).toBeUndefined();
    expect(recordFromLine('')).toBeUndefined();
    expect(recordFromLine(lineOf(base).slice(0, 30))).toBeUndefined();
  });
});

describe('readRequests on requests.tsv', () => {
  it('GIVEN lines out of start order and k6\'s summary THEN records sorted by start with k6\'s own counts', async () => {
    const f = write([...rows].reverse().map(lineOf), { metrics: { http_reqs: { count: 6, rate: 2 }, dropped_iterations: { count: 2 } } });
    const log = await readRequests(f);
    expect(log.records.map((r) => r.startMs - T)).toEqual([0, 25, 50, 75, 100, 125]);
    expect(log.records.map((r) => r.outcome)).toEqual(['served-local', 'served-remote', 'error', 'timeout', 'fallback', 'served-local']);
    expect(log).toMatchObject({ httpReqs: 6, droppedIterations: 2, countsFrom: 'k6 summary' });
  });
  it('GIVEN no summary (k6 killed) THEN the records, and counts marked unknown', async () => {
    const log = await readRequests(write(rows.map(lineOf)));
    expect(log).toMatchObject({ httpReqs: 0, countsFrom: 'none' });
    expect(log.records).toHaveLength(6);
  });
  it('GIVEN a summary without dropped_iterations THEN none were dropped', () => {
    writeFileSync(join(dir, 's.json'), JSON.stringify({ metrics: { http_reqs: { count: 9 } } }));
    expect(readK6Counts(join(dir, 's.json'))).toEqual({ httpReqs: 9, droppedIterations: 0 });
    writeFileSync(join(dir, 'cut.json'), '{"metrics": {"http_');
    expect(readK6Counts(join(dir, 'cut.json'))).toBeUndefined();
  });
  it('skips a last line k6 was still writing, and reads a header-only file as no requests', async () => {
    const f = write([lineOf(rows[0]!), lineOf(rows[1]!).slice(0, 20)]);
    expect((await readRequests(f)).records).toHaveLength(1);
    expect((await readRequests(write([]))).records).toEqual([]);
  });
  it('GIVEN more than one chunk of lines THEN none is lost at a chunk edge', async () => {
    const many = Array.from({ length: 30_000 }, (_v, i) => lineOf({ ...base, startMs: T + i }));
    const log = await readRequests(write(many, { metrics: { http_reqs: { count: 30_000 } } }));
    expect(log.records).toHaveLength(30_000);
    expect(log.records[29_999]!.startMs).toBe(T + 29_999);
  });
});

describe('firstRequestStart and rawRequestsFile', () => {
  it('is the earliest start written so far, undefined for a header-only or missing file', async () => {
    expect(await firstRequestStart(write([lineOf(rows[2]!), lineOf(rows[0]!)]))).toBe(T);
    expect(await firstRequestStart(write([]))).toBeUndefined();
    expect(await firstRequestStart(join(dir, 'missing.tsv'))).toBeUndefined();
  });
  it('prefers requests.tsv, falls back to an old run\'s k6-points.jsonl, and is undefined for neither', () => {
    expect(rawRequestsFile(dir)).toBeUndefined();
    writeFileSync(join(dir, 'k6-points.jsonl'), '');
    expect(rawRequestsFile(dir)).toBe(join(dir, 'k6-points.jsonl'));
    write([]);
    expect(rawRequestsFile(dir)).toBe(join(dir, 'requests.tsv'));
  });
});

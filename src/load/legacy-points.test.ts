// GIVEN k6 --out json lines written by hand in k6 v1's format (facts/tools.md §1), as runs
// made before raw/requests.tsv saved them WHEN they are read THEN each request lands in
// exactly one outcome and k6's counts are kept.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordFromPoint } from './legacy-points.js';
import { firstRequestStart, readRequests } from './read-requests.js';
import { parseSent, servedApp } from './request-record.js';

const metricLine = (name: string, type: string, contains: string) =>
  JSON.stringify({ type: 'Metric', data: { name, type, contains, thresholds: [], submetrics: null }, metric: name });

function rl(start: number, value: number, tags: Record<string, string>): string {
  return JSON.stringify({
    metric: 'rl_request',
    type: 'Point',
    data: {
      time: new Date(start + value).toISOString(),
      value,
      tags: { entry: 'south', error_code: '', fallback: '0', group: '', scenario: 'load', served_cluster: '', served_instance: '', served_region: '', start: String(start), status: '200', ...tags },
    },
  });
}

function httpReq(status: string): string {
  return JSON.stringify({ metric: 'http_reqs', type: 'Point', data: { time: '2026-11-24T10:00:00.1Z', value: 1, tags: { entry: 'south', method: 'GET', name: '/api/users', scenario: 'load', status } } });
}

const dropped = JSON.stringify({ metric: 'dropped_iterations', type: 'Point', data: { time: '2026-11-24T10:00:01Z', value: 1, tags: { scenario: 'load' } } });

const T = 1_795_000_000_000;
const points = [
  rl(T + 10, 4.2, { served_region: 'south', served_cluster: 'biz-south', served_instance: 'user-south-1' }),
  rl(T + 20, 41.5, { served_region: 'north', served_cluster: 'biz-north', served_instance: 'user-north-1' }),
  rl(T + 30, 3.1, { status: '302', served_region: 'south' }),
  rl(T + 40, 2.0, { status: '200', fallback: '1', served_region: 'south' }),
  rl(T + 50, 2.2, { status: '503', error_code: '1503', fallback: '1' }),
  rl(T + 60, 1000.4, { status: '0', error_code: '1050' }),
  rl(T + 70, 0.8, { status: '0', error_code: '1212' }),
  rl(T + 80, 30000, { status: '0', error_code: '1211' }),
  rl(T + 90, 5.5, { status: '0', error_code: '1220' }),
  rl(T + 100, 2.5, { status: '503', error_code: '1503' }),
  rl(T + 5, 1.5, { status: '500', error_code: '1500', served_region: 'south' }),
];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rl-read-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(lines: string[]): string {
  const f = join(dir, 'out.json');
  writeFileSync(f, lines.join('\n') + '\n');
  return f;
}

describe('readRequests', () => {
  it('classifies every outcome and keeps status and error code', async () => {
    const f = write([metricLine('http_reqs', 'counter', 'default'), metricLine('rl_request', 'trend', 'time'), ...points, ...points.map(() => httpReq('200')), dropped]);
    const log = await readRequests(f);
    expect(log.httpReqs).toBe(points.length);
    expect(log.droppedIterations).toBe(1);
    expect(log.records).toHaveLength(points.length);
    // sorted by start
    expect(log.records.map((r) => r.startMs)).toEqual([...log.records.map((r) => r.startMs)].sort((a, b) => a - b));
    const by = Object.fromEntries(log.records.map((r) => [r.startMs - T, [r.outcome, r.status, r.errorCode]]));
    expect(by).toEqual({
      5: ['error', 500, 1500],
      10: ['served-local', 200, 0],
      20: ['served-remote', 200, 0],
      30: ['served-local', 302, 0],
      40: ['fallback', 200, 0],
      50: ['fallback', 503, 1503],
      60: ['timeout', 0, 1050],
      70: ['error', 0, 1212],
      80: ['error', 0, 1211],
      90: ['error', 0, 1220],
      100: ['error', 503, 1503],
    });
    const remote = log.records.find((r) => r.startMs === T + 20)!;
    expect(remote).toMatchObject({ durationMs: 41.5, entry: 'south', servedRegion: 'north', servedCluster: 'biz-north', servedInstance: 'user-north-1', fallback: false });
  });

  it('skips a line cut short while k6 was still writing, and foreign lines', async () => {
    const cut = points[0]!.slice(0, 60);
    const f = write([points[1]!, 'not json', '{"metric":"vus","type":"Point","data":{"value":3}}', httpReq('200'), cut]);
    const log = await readRequests(f);
    expect(log.records).toHaveLength(1);
    expect(log.httpReqs).toBe(1);
  });

  it('reads an empty file as no requests', async () => {
    const log = await readRequests(write([]));
    expect(log).toEqual({ records: [], httpReqs: 0, droppedIterations: 0, countsFrom: 'k6 points' });
  });
});

describe('firstRequestStart', () => {
  it('is undefined while the file is missing or holds no request', async () => {
    expect(await firstRequestStart(join(dir, 'missing.json'))).toBeUndefined();
    expect(await firstRequestStart(write([metricLine('rl_request', 'trend', 'time')]))).toBeUndefined();
  });

  it('is the earliest start written so far, not the first line', async () => {
    expect(await firstRequestStart(write(points))).toBe(T + 5);
  });
});

describe('recordFromPoint', () => {
  it('rejects a point without a start tag', () => {
    expect(recordFromPoint(JSON.stringify({ metric: 'rl_request', type: 'Point', data: { value: 1, tags: {} } }))).toBeUndefined();
  });
});

describe('request variations and the serving app', () => {
  const point = (tags: Record<string, string>) =>
    JSON.stringify({ metric: 'rl_request', type: 'Point', data: { value: 12, tags: { entry: 'south', start: '1795000000000', status: '200', served_region: 'south', served_instance: 'user-service-canary-south-1', fallback: '0', ...tags } } });

  it('GIVEN sent_headers and sent_cookies tags WHEN a point is read THEN the record carries them decoded, header names lower-cased', () => {
    const r = recordFromPoint(point({ sent_headers: 'X-Canary=always&X-AB-Group=A%26B', sent_cookies: 'canary_user=always' }))!;
    expect(r.sentHeaders).toEqual({ 'x-canary': 'always', 'x-ab-group': 'A&B' });
    expect(r.sentCookies).toEqual({ canary_user: 'always' });
  });

  it('GIVEN empty variation tags WHEN a point is read THEN the record has no sent fields', () => {
    const r = recordFromPoint(point({ sent_headers: '', sent_cookies: '' }))!;
    expect(r.sentHeaders).toBeUndefined();
    expect(r.sentCookies).toBeUndefined();
  });

  it('GIVEN instance names <app>-<region>-<n> WHEN the app is derived THEN the region and index are cut off, nothing else', () => {
    expect(servedApp({ servedInstance: 'user-service-canary-south-1', servedRegion: 'south' })).toBe('user-service-canary');
    expect(servedApp({ servedInstance: 'user-service-south-12', servedRegion: 'south' })).toBe('user-service');
    expect(servedApp({ servedInstance: 'odd-name', servedRegion: 'south' })).toBe('odd-name');
    expect(servedApp({ servedInstance: '', servedRegion: '' })).toBe('');
  });

  it('GIVEN a sent tag with a malformed pair WHEN parsed THEN the pair is skipped', () => {
    expect(parseSent('=x&a=1&b', false)).toEqual({ a: '1' });
  });
});

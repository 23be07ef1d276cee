// GIVEN a tiny HTTP server on 127.0.0.1 answering like a gateway (x-served-* headers,
// some 503s, some fallbacks, and a few requests it never answers)
// WHEN the real pinned k6 runs load/region-lab.k6.ts at 20 rps for 5 s with a 1 s timeout
// THEN every request the server saw is in the log exactly once, in the right outcome.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPACT_FILE, firstRequestStart, K6_SUMMARY_FILE, k6Invocation, readRequests, requestsFileHeader, type RequestLog } from '../../src/load/index.js';
import { loadSchema } from '../../src/scenario/schema.js';
import { loadTools } from '../../src/targets/tools.js';

/** What the server answered, by the outcome region-lab should classify it as. */
const seen = { total: 0, local: 0, remote: 0, fallback: 0, error503: 0, hung: 0, wrongHost: 0 };

function gateway(): Server {
  return createServer((req, res) => {
    const n = ++seen.total;
    if (req.headers.host !== 'api.example.com') seen.wrongHost++;
    if (n % 37 === 5) {
      seen.hung++; // never answered: k6 must report a timeout (1050) after 1 s
      return;
    }
    if (n % 7 === 0) {
      seen.error503++;
      res.writeHead(503, { 'content-type': 'text/plain' }).end('no healthy upstream');
    } else if (n % 11 === 0) {
      seen.fallback++;
      // a tab and a % in a header value must survive the tab-separated raw file
      res.writeHead(200, { 'x-fallback': 'true', 'x-served-region': 'north', 'x-served-cluster': 'biz-north', 'x-served-instance': 'fallback\t1%' }).end('{}');
    } else {
      const local = n % 5 !== 0;
      if (local) seen.local++;
      else seen.remote++;
      const region = local ? 'south' : 'north';
      res.writeHead(200, { 'x-served-region': region, 'x-served-cluster': `biz-${region}`, 'x-served-instance': `user-${region}-1` }).end('{"ok":true}');
    }
  });
}

describe('load/region-lab.k6.ts under the real k6', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-k6-'));
  const server = gateway();
  let log: RequestLog;
  let exitCode: number | null;
  let firstStart: number | undefined;
  let k6Output = '';
  let bytes = 0;

  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const spec = loadSchema.parse({ entry: 'south', rate: 20, duration: '5s', path: '/api/users', timeout: '1s', vus: { pre: 10, max: 40 } });
    const outFile = join(dir, COMPACT_FILE);
    writeFileSync(outFile, requestsFileHeader());
    const inv = k6Invocation({ k6Path: loadTools().k6.path, spec, entryUrl: () => `http://127.0.0.1:${port}`, requestsFile: outFile, summaryFile: join(dir, K6_SUMMARY_FILE) });
    const child = spawn(inv.command, [...inv.args], { env: inv.env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => (k6Output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (k6Output += d.toString()));
    exitCode = await new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    firstStart = await firstRequestStart(outFile);
    log = await readRequests(outFile);
    bytes = statSync(outFile).size;
  }, 60_000);

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('exits 0, writes the summary export and one compact line per request, under 300 bytes each', () => {
    expect(exitCode, k6Output).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, K6_SUMMARY_FILE), 'utf8')).metrics.http_reqs.count).toBe(seen.total);
    expect(log.countsFrom).toBe('k6 summary');
    expect(bytes / log.records.length).toBeLessThan(300);
    // nothing but the header and the script's lines: k6's own log goes to stderr
    const lines = readFileSync(join(dir, COMPACT_FILE), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(log.records.length + 1);
  });

  it('accounts for every request: records = k6 http_reqs = what the server counted', () => {
    expect(seen.total).toBeGreaterThanOrEqual(95);
    expect(log.records.length).toBe(log.httpReqs);
    expect(log.httpReqs).toBe(seen.total);
    expect(log.droppedIterations).toBe(0);
    expect(seen.wrongHost).toBe(0);
  });

  it('classifies each answer as the server gave it', () => {
    const by = (o: string) => log.records.filter((r) => r.outcome === o);
    expect(by('served-local')).toHaveLength(seen.local);
    expect(by('served-remote')).toHaveLength(seen.remote);
    expect(by('fallback')).toHaveLength(seen.fallback);
    expect(by('error')).toHaveLength(seen.error503);
    expect(by('error').every((r) => r.status === 503 && r.errorCode === 1503)).toBe(true);
    expect(seen.hung).toBeGreaterThanOrEqual(2);
    expect(by('timeout')).toHaveLength(seen.hung);
    for (const r of by('timeout')) {
      expect(r).toMatchObject({ status: 0, errorCode: 1050, servedRegion: '' });
      expect(r.durationMs).toBeGreaterThanOrEqual(990);
    }
    expect(by('fallback').every((r) => r.servedInstance === 'fallback\t1%')).toBe(true);
    const remote = by('served-remote')[0]!;
    expect(remote).toMatchObject({ entry: 'south', servedRegion: 'north', servedCluster: 'biz-north', servedInstance: 'user-north-1', fallback: false });
  });

  it('stamps each request with its start, spread over the 5 s of load', () => {
    const starts = log.records.map((r) => r.startMs);
    expect(firstStart).toBe(starts[0]);
    expect(starts[starts.length - 1]! - starts[0]!).toBeGreaterThan(4500);
    expect(starts[starts.length - 1]! - starts[0]!).toBeLessThan(5500);
  });
});

// GIVEN two servers standing in for the south and north entries
// WHEN the real k6 sends 15 rps into each at once for 4 s
// THEN each server gets its own stream and every record names the entry it went into.
describe('load/region-lab.k6.ts with two entry regions at once', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-k6-two-'));
  const counts: Record<string, number> = { south: 0, north: 0 };
  const servers = (['south', 'north'] as const).map((region) =>
    createServer((_req, res) => {
      counts[region]!++;
      res.writeHead(200, { 'x-served-region': region, 'x-served-cluster': `biz-${region}`, 'x-served-instance': `user-service-${region}-1` }).end('{}');
    }),
  );
  let log: RequestLog;

  beforeAll(async () => {
    const urls: Record<string, string> = {};
    for (const [i, s] of servers.entries()) {
      await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
      urls[i === 0 ? 'south' : 'north'] = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
    }
    const spec = loadSchema.parse({ entry: ['south', 'north'], rate: 15, duration: '4s', path: '/api/users', timeout: '1s', vus: { pre: 5, max: 20 } });
    const outFile = join(dir, COMPACT_FILE);
    writeFileSync(outFile, requestsFileHeader());
    const inv = k6Invocation({ k6Path: loadTools().k6.path, spec, entryUrl: (r) => urls[r]!, requestsFile: outFile, summaryFile: join(dir, K6_SUMMARY_FILE) });
    const child = spawn(inv.command, [...inv.args], { env: inv.env, stdio: 'ignore' });
    await new Promise((r) => child.on('exit', r));
    log = await readRequests(outFile);
  }, 60_000);

  afterAll(async () => {
    for (const s of servers) await new Promise((r) => s.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the rate into each entry, and tags each request with the entry that received it', () => {
    for (const region of ['south', 'north']) {
      const mine = log.records.filter((r) => r.entry === region);
      expect(mine).toHaveLength(counts[region]!);
      expect(mine.length).toBeGreaterThanOrEqual(55);
      expect(mine.length).toBeLessThanOrEqual(62);
      expect(mine.every((r) => r.outcome === 'served-local')).toBe(true);
    }
    expect(log.records.length).toBe(log.httpReqs);
  });
});

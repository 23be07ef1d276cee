// Benchmark of report generation for a 10-minute run at 500 requests/s (300,000
// requests): synthetic k6 --out json lines in k6's real format (every metric k6 writes
// per request) in a temp dir, then `region-lab report`'s steps timed one by one.
// Goals: generation under 10 s, report.html under 5 MB. Runs the built code: make bench-report.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const dist = new URL('../dist/', import.meta.url);
const { writeSyntheticRun } = await import(new URL('report/synthetic-run.js', dist));
const { loadRun } = await import(new URL('report/rebuild.js', dist));
const { writeRunReports } = await import(new URL('report/write.js', dist));
const { readRequests } = await import(new URL('load/read-requests.js', dist));
const { judge } = await import(new URL('verdict/judge.js', dist));

const SECONDS = Number(process.env.BENCH_SECONDS ?? 600);
const RATE = Number(process.env.BENCH_RATE ?? 500);
const dir = mkdtempSync(join(tmpdir(), 'rl-bench-report-'));
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
try {
  let t = performance.now();
  await writeSyntheticRun(dir, { seconds: SECONDS, rate: RATE });
  const points = join(dir, 'raw', 'k6-points.jsonl');
  console.log(`input: ${SECONDS} s × ${RATE} req/s = ${SECONDS * RATE} requests; k6-points.jsonl ${mb(statSync(points).size)} (written in ${s(performance.now() - t)}, not counted)`);

  const t0 = performance.now();
  const { run } = loadRun(dir);
  const log = await readRequests(points);
  const t1 = performance.now();
  const judgement = judge({ scenario: run.scenario, t0: run.t0, faults: run.faults, log });
  const t2 = performance.now();
  const out = await writeRunReports(dir, run, judgement, log);
  const t3 = performance.now();
  const html = statSync(out.html).size;
  console.log(`read k6 points + events: ${s(t1 - t0)} (${log.records.length} requests)`);
  console.log(`judge:                   ${s(t2 - t1)}`);
  console.log(`write reports:           ${s(t3 - t2)} (summary.json, junit.xml, report.html)`);
  console.log(`generation total:        ${s(t3 - t0)}  (goal < 10 s) ${t3 - t0 < 10_000 ? 'OK' : 'OVER'}`);
  console.log(`report.html:             ${mb(html)}  (goal < 5 MB) ${html < 5 * 1024 * 1024 ? 'OK' : 'OVER'}`);
  console.log(`peak RSS:                ${mb(process.resourceUsage().maxRSS * 1024)}`);
  process.exitCode = t3 - t0 < 10_000 && html < 5 * 1024 * 1024 ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}

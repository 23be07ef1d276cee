// Benchmark of report generation for a 10-minute run at 500 requests/s (300,000
// requests): a synthetic run in region-lab's raw format (raw/requests.tsv, one line per
// request as the k6 script writes it) in a temp dir, then `region-lab report`'s steps
// timed one by one. Goals: raw data ≤ 300 bytes per request, generation ≤ 3 s,
// report.html < 5 MB. BENCH_LEGACY=1 also times the k6 --out json format older runs
// saved (about 3.5 KB per request), for comparison. Runs the built code: make bench-report.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const dist = new URL('../dist/', import.meta.url);
const { writeSyntheticRun } = await import(new URL('report/synthetic-run.js', dist));
const { loadRun } = await import(new URL('report/rebuild.js', dist));
const { writeRunReports } = await import(new URL('report/write.js', dist));
const { rawRequestsFile, readRequests } = await import(new URL('load/read-requests.js', dist));
const { judge } = await import(new URL('verdict/judge.js', dist));

const SECONDS = Number(process.env.BENCH_SECONDS ?? 600);
const RATE = Number(process.env.BENCH_RATE ?? 500);
const GOAL_MS = 3000;
const GOAL_BYTES = 300;
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;

/** Writes a synthetic run in one raw format, rebuilds its reports and prints each step. */
async function bench(format) {
  const dir = mkdtempSync(join(tmpdir(), 'rl-bench-report-'));
  try {
    let t = performance.now();
    await writeSyntheticRun(dir, { seconds: SECONDS, rate: RATE, format });
    const raw = rawRequestsFile(join(dir, 'raw'));
    const bytes = statSync(raw).size;
    const n = SECONDS * RATE;
    console.log(`\n${format}: ${SECONDS} s × ${RATE} req/s = ${n} requests; ${raw.slice(dir.length + 1)} ${mb(bytes)} = ${Math.round(bytes / n)} bytes/request (written in ${s(performance.now() - t)}, not counted)`);

    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const { run } = loadRun(dir);
    const log = await readRequests(raw);
    const t1 = performance.now();
    const judgement = judge({ scenario: run.scenario, t0: run.t0, faults: run.faults, log, events: run.events });
    const t2 = performance.now();
    const out = await writeRunReports(dir, run, judgement, log);
    const t3 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    const html = statSync(out.html).size;
    console.log(`  read raw + events:       ${s(t1 - t0)} (${log.records.length} requests)`);
    console.log(`  judge:                   ${s(t2 - t1)}`);
    console.log(`  write reports:           ${s(t3 - t2)} (summary.json, junit.xml, report.html)`);
    // CPU time too: on a shared machine the wall time says as much about the neighbours
    console.log(`  generation total:        ${s(t3 - t0)}  (goal ≤ ${s(GOAL_MS)}; CPU ${s((cpu.user + cpu.system) / 1000)}, load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores)`);
    console.log(`  report.html:             ${mb(html)}  (goal < 5 MB)`);
    return { perRequest: bytes / n, totalMs: t3 - t0, html };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const r = await bench('compact');
if (process.env.BENCH_LEGACY === '1') await bench('k6-json');
const ok = { bytes: r.perRequest <= GOAL_BYTES, time: r.totalMs <= GOAL_MS, html: r.html < 5 * 1024 * 1024 };
console.log(`\nraw bytes/request: ${Math.round(r.perRequest)} (goal ≤ ${GOAL_BYTES}) ${ok.bytes ? 'OK' : 'OVER'}`);
console.log(`generation:        ${s(r.totalMs)} (goal ≤ ${s(GOAL_MS)}) ${ok.time ? 'OK' : 'OVER'}`);
console.log(`report.html:       ${mb(r.html)} (goal < 5 MB) ${ok.html ? 'OK' : 'OVER'}`);
console.log(`peak RSS:          ${mb(process.resourceUsage().maxRSS * 1024)}`);
process.exitCode = ok.bytes && ok.time && ok.html ? 0 : 1;

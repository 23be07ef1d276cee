// Before the load: the testbed's own overhead per path. Every link's latency toxics go
// to 0 ms, the load's own client (k6 with load/region-lab.k6.ts, the scenario's rate,
// host, path and headers) sends a short burst into each entry region, and the latencies
// go back however the burst ends. The requests stay in raw/calibration/ (the report is
// rebuilt from them); verdict/overhead.ts turns them into per-path figures. Only links
// change, so the calibration is the same whatever data plane the gateways are.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InterruptedError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { startProcess } from '../core/process.js';
import { CALIBRATION_DIR, COMPACT_FILE, K6_SUMMARY_FILE, k6Invocation, readRequests, requestsFileHeader } from '../load/index.js';
import { entriesOf, type LoadSpec } from '../scenario/schema.js';
import type { CalibrationMeta } from '../report/run-data.js';
import { calibrationPaths } from '../verdict/overhead.js';

/** How long the burst lasts: at 40 requests/s, 240 requests into each entry. */
export const CALIBRATION_MS = 6000;

export interface CalibrateProps {
  readonly k6Path: string;
  readonly load: LoadSpec;
  readonly entryUrl: (region: string) => string;
  readonly rawDir: string;
  readonly logDir: string;
  readonly pidDir: string;
  readonly log: Logger;
  readonly signal: AbortSignal;
  /** StartedLocalTopology.setBaseLatencies. */
  readonly setBaseLatencies: (zero: boolean) => Promise<number>;
}

/** The load's client for the burst: the same script and requests, a constant rate, CALIBRATION_MS long. */
export function calibrationLoad(load: LoadSpec): LoadSpec {
  const { stages: _ramp, ...constant } = load;
  return { ...constant, duration: CALIBRATION_MS };
}

export async function calibrate(p: CalibrateProps): Promise<CalibrationMeta> {
  const dir = join(p.rawDir, CALIBRATION_DIR);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, COMPACT_FILE);
  writeFileSync(file, requestsFileHeader());
  const load = calibrationLoad(p.load);
  const entries = entriesOf(load);
  p.log({ kind: 'step', message: `calibrating: every link at 0 ms, ${load.rate} requests/s into ${entries.join(' and ')} for ${CALIBRATION_MS / 1000} s (the testbed's own overhead per path)` });
  const startedAt = new Date().toISOString();
  const linksZeroed = await p.setBaseLatencies(true);
  try {
    const inv = k6Invocation({ k6Path: p.k6Path, spec: load, entryUrl: p.entryUrl, requestsFile: file, summaryFile: join(dir, K6_SUMMARY_FILE) });
    const k6 = startProcess({ name: 'k6-calibration', command: inv.command, args: inv.args, env: inv.env, logFile: join(p.logDir, 'k6-calibration.log'), pidDir: p.pidDir, graceMs: 15_000 });
    const stop = () => k6.signal('SIGINT');
    p.signal.addEventListener('abort', stop, { once: true });
    try {
      await k6.exited;
    } finally {
      p.signal.removeEventListener('abort', stop);
    }
    if (p.signal.aborted) throw new InterruptedError('SIGINT');
  } finally {
    await p.setBaseLatencies(false);
  }
  const c = calibrationPaths((await readRequests(file)).records);
  const each = c.paths.map((x) => `${x.path} p50 ${x.p50.toFixed(2)} ms, p95 ${x.p95.toFixed(2)} ms (${x.count})`).join('; ');
  p.log({ kind: 'info', message: `testbed overhead: ${each || 'no request was answered'}${c.failed > 0 ? `; ${c.failed} of ${c.requests} failed` : ''}` });
  return { startedAt, durationS: CALIBRATION_MS / 1000, ratePerEntry: load.rate, entries, linksZeroed, file: `raw/${CALIBRATION_DIR}/${COMPACT_FILE}` };
}

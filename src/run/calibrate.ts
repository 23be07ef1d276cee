// Before the load: the testbed's own overhead per path. Every link's latency toxics go
// to 0 ms but the entry links' (the clients' own access to the region's LB: the
// testbed's, not the runbook's), the load's own client (k6 with load/region-lab.k6.ts, the
// scenario's rate, host, path and headers) sends a short burst into each entry region,
// and the latencies go back however the burst ends. What the burst takes is the
// testbed's: the entry link with its latency and the cost of sleeping in it, HAProxy, the
// gateway, Toxiproxy, the business service, k6. What is left for net figures is the
// links the runbook's table covers. The requests stay in raw/calibration/ (the report is
// rebuilt from them); verdict/overhead.ts turns them into per-path figures. Only links
// change, so it works whatever data plane the gateways are.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { InterruptedError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { CALIBRATION_DIR, COMPACT_FILE, readCalibration } from '../load/index.js';
import { entriesOf, type LoadSpec } from '../scenario/schema.js';
import type { BaseLatencyMode } from '../targets/target.js';
import { latencyBetween, type Topology } from '../topology/schema.js';
import { calibrationPaths, unsteady, type CalibrationInput } from '../verdict/overhead.js';
import type { LoadDriver } from './load-driver.js';
import type { CalibrationMeta } from './run-data.js';

/** How long the burst lasts: at 40 requests/s, 200 requests into each entry after the first second's warm-up. */
export const CALIBRATION_MS = 6000;

export interface CalibrateProps {
  /** The run's own load driver: the burst is the same client as the load. */
  readonly driver: LoadDriver;
  readonly runId: string;
  readonly load: LoadSpec;
  readonly topology: Topology;
  readonly entryUrl: (region: string) => string;
  readonly rawDir: string;
  readonly logDir: string;
  readonly pidDir: string;
  readonly log: Logger;
  readonly signal: AbortSignal;
  /** Target.setBaseLatencies. */
  readonly setBaseLatencies: (mode: BaseLatencyMode) => Promise<number>;
}

/** The load's client for a burst: the same script and requests, a constant rate, CALIBRATION_MS long. */
export function calibrationLoad(load: LoadSpec): LoadSpec {
  const { stages: _ramp, ...constant } = load;
  return { ...constant, duration: CALIBRATION_MS };
}

/**
 * The latency the calibration takes off each path's links and net figures should show:
 * the data link from the entry's middleware to the serving region's business cluster,
 * without jitter, as the toxics apply it (whole ms): "south → north" → 40.
 */
export function configuredPathsMs(t: Topology, entries: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of entries) for (const r of t.regions) out[`${e} → ${r.name}`] = Math.round(latencyBetween(t, e, r.name).latencyMs);
  return out;
}

async function burst(p: CalibrateProps, load: LoadSpec): Promise<{ file: string; records: Awaited<ReturnType<typeof readCalibration>> }> {
  const dir = join(p.rawDir, CALIBRATION_DIR);
  const started = p.driver.start({ name: `${p.driver.name}-calibration`, spec: load, entryUrl: p.entryUrl, runId: p.runId, rawDir: dir, logDir: p.logDir, pidDir: p.pidDir });
  const stop = () => started.interrupt();
  p.signal.addEventListener('abort', stop, { once: true });
  try {
    await started.exited;
  } finally {
    p.signal.removeEventListener('abort', stop);
    await started.stop();
  }
  if (p.signal.aborted) throw new InterruptedError('SIGINT');
  return { file: `raw/${CALIBRATION_DIR}/${COMPACT_FILE}`, records: (await started.requests()).records };
}

export async function calibrate(p: CalibrateProps): Promise<CalibrationMeta> {
  mkdirSync(join(p.rawDir, CALIBRATION_DIR), { recursive: true });
  const load = calibrationLoad(p.load);
  const entries = entriesOf(load);
  p.log({ kind: 'step', message: `calibrating the testbed's own overhead: every link but the entry links at 0 ms, ${load.rate} requests/s into ${entries.join(' and ')} for ${CALIBRATION_MS / 1000} s` });
  const startedAt = new Date().toISOString();
  let linksZeroed = 0;
  let b: Awaited<ReturnType<typeof burst>>;
  try {
    linksZeroed = await p.setBaseLatencies('zero');
    b = await burst(p, load);
  } finally {
    await p.setBaseLatencies('configured');
  }
  const file = b.file;
  const c = calibrationPaths(b.records ?? []);
  const each = c.paths.map((x) => `${x.path} p50 ${x.p50.toFixed(2)} ms, p95 ${x.p95.toFixed(2)} ms (${x.count})`).join('; ');
  const seconds = c.secondMedians ? `; one-second medians ${c.secondMedians.min.toFixed(2)}–${c.secondMedians.max.toFixed(2)} ms${unsteady(c) ? ' (the machine is busy: the load may meet another overhead)' : ''}` : '';
  p.log({ kind: 'info', message: `testbed overhead: ${each || 'no request was answered'}${c.failed > 0 ? `; ${c.failed} of ${c.requests} failed` : ''}${seconds}` });
  return { startedAt, durationS: CALIBRATION_MS / 1000, ratePerEntry: load.rate, entries, linksZeroed, file, configuredMs: configuredPathsMs(p.topology, entries) };
}

/** What the judge needs from a run directory's calibration: the bursts' requests and the paths' configured latency. */
export async function calibrationInput(rawDir: string, meta: CalibrationMeta | undefined): Promise<CalibrationInput | undefined> {
  const burst = await readCalibration(rawDir);
  return burst && { burst, configuredMs: meta?.configuredMs };
}

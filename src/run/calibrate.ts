// Before the load: the testbed's own overhead per path, in two short bursts of the load's
// own client (k6 with load/region-lab.k6.ts, the scenario's rate, host, path and headers)
// into each entry region. "zero": every link's latency toxics at 0 ms, so what remains is
// the hops themselves (entry link, HAProxy, gateway, Toxiproxy, business service, k6).
// "steady": the links at their configured latency without jitter, so the requests minus
// the path's configured latency also hold what emulating latency costs (Toxiproxy's
// sleeping toxics wake late: Go's timers wait in whole ms). The links go back to their
// figures however the bursts end; the requests stay in raw/calibration/. Only links
// change, so the calibration is the same whatever data plane the gateways are.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InterruptedError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { startProcess } from '../core/process.js';
import { CALIBRATION_DIR, CALIBRATION_FILES, K6_SUMMARY_FILE, k6Invocation, readCalibration, readRequests, requestsFileHeader } from '../load/index.js';
import type { CalibrationMeta } from '../report/run-data.js';
import { entriesOf, type LoadSpec } from '../scenario/schema.js';
import { latencyBetween, type Topology } from '../topology/schema.js';
import { calibrationPaths, type CalibrationInput } from '../verdict/overhead.js';

/** How long each burst lasts: at 40 requests/s, 200 requests into each entry after the first second's warm-up. */
export const CALIBRATION_MS = 6000;

export interface CalibrateProps {
  readonly k6Path: string;
  readonly load: LoadSpec;
  readonly topology: Topology;
  readonly entryUrl: (region: string) => string;
  readonly rawDir: string;
  readonly logDir: string;
  readonly pidDir: string;
  readonly log: Logger;
  readonly signal: AbortSignal;
  /** StartedLocalTopology.setBaseLatencies. */
  readonly setBaseLatencies: (mode: 'zero' | 'steady' | 'configured') => Promise<number>;
}

/** The load's client for a burst: the same script and requests, a constant rate, CALIBRATION_MS long. */
export function calibrationLoad(load: LoadSpec): LoadSpec {
  const { stages: _ramp, ...constant } = load;
  return { ...constant, duration: CALIBRATION_MS };
}

/**
 * The latency the links of each path (entry link + the data link from the entry's
 * middleware to the serving region's business cluster) add without jitter, ms, as the
 * toxics apply it (whole ms): "south → north" → 41.
 */
export function configuredPathsMs(t: Topology, entries: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of entries) for (const r of t.regions) out[`${e} → ${r.name}`] = Math.round(t.links.entry.latencyMs) + Math.round(latencyBetween(t, e, r.name).latencyMs);
  return out;
}

async function burst(p: CalibrateProps, phase: keyof typeof CALIBRATION_FILES, load: LoadSpec): Promise<string> {
  const file = join(p.rawDir, CALIBRATION_DIR, CALIBRATION_FILES[phase]);
  writeFileSync(file, requestsFileHeader());
  const inv = k6Invocation({ k6Path: p.k6Path, spec: load, entryUrl: p.entryUrl, requestsFile: file, summaryFile: join(p.rawDir, CALIBRATION_DIR, `${phase}-${K6_SUMMARY_FILE}`) });
  const k6 = startProcess({ name: `k6-calibration-${phase}`, command: inv.command, args: inv.args, env: inv.env, logFile: join(p.logDir, `k6-calibration-${phase}.log`), pidDir: p.pidDir, graceMs: 15_000 });
  const stop = () => k6.signal('SIGINT');
  p.signal.addEventListener('abort', stop, { once: true });
  try {
    await k6.exited;
  } finally {
    p.signal.removeEventListener('abort', stop);
  }
  if (p.signal.aborted) throw new InterruptedError('SIGINT');
  return `raw/${CALIBRATION_DIR}/${CALIBRATION_FILES[phase]}`;
}

export async function calibrate(p: CalibrateProps): Promise<CalibrationMeta> {
  mkdirSync(join(p.rawDir, CALIBRATION_DIR), { recursive: true });
  const load = calibrationLoad(p.load);
  const entries = entriesOf(load);
  const s = CALIBRATION_MS / 1000;
  p.log({ kind: 'step', message: `calibrating the testbed's own overhead: ${load.rate} requests/s into ${entries.join(' and ')}, ${s} s with every link at 0 ms, ${s} s at its latency without jitter` });
  const startedAt = new Date().toISOString();
  let linksZeroed = 0;
  const files: Record<string, string> = {};
  try {
    linksZeroed = await p.setBaseLatencies('zero');
    files.zero = await burst(p, 'zero', load);
    await p.setBaseLatencies('steady');
    files.steady = await burst(p, 'steady', load);
  } finally {
    await p.setBaseLatencies('configured');
  }
  const configuredMs = configuredPathsMs(p.topology, entries);
  const read = async (phase: keyof typeof CALIBRATION_FILES) => (await readRequests(join(p.rawDir, CALIBRATION_DIR, CALIBRATION_FILES[phase]))).records;
  const c = calibrationPaths({ zero: await read('zero'), steady: await read('steady'), configuredMs });
  const each = c.paths.map((x) => `${x.path} ${x.p50.toFixed(2)} ms (hops ${x.hops.p50.toFixed(2)} + emulation ${(x.p50 - x.hops.p50).toFixed(2)})`).join('; ');
  p.log({ kind: 'info', message: `testbed overhead at p50: ${each || 'no request was answered'}${c.failed > 0 ? `; ${c.failed} of ${c.requests} failed` : ''}` });
  return { startedAt, durationS: 2 * s, ratePerEntry: load.rate, entries, linksZeroed, file: files.zero!, steadyFile: files.steady!, configuredMs };
}

/** What the judge needs from a run directory's calibration: the bursts' requests and the paths' configured latency. */
export async function calibrationInput(rawDir: string, meta: CalibrationMeta | undefined): Promise<CalibrationInput | undefined> {
  const bursts = await readCalibration(rawDir);
  return bursts && { ...bursts, configuredMs: meta?.configuredMs };
}

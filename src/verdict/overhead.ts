// The testbed's own overhead per path, from the calibration burst a run sends before its
// load with every link's latency at 0 ms (src/run/calibrate.ts), and latencies net of it.
// Net pXX = measured pXX − the path's calibrated median overhead, for every percentile,
// never below 0. Not the same percentile of both: a burst's p95/p99 are a few hundred
// requests' worth of scheduling spikes, and subtracting them made a real run's net p99
// fall below its net p50 (8.8 vs 10.2 ms). Taking the typical overhead off every
// percentile keeps p50 ≤ p95 ≤ p99 and leaves the tail's own spikes in, so a net tail
// errs high, the safe side for a "≤ max" band. Pure: the records come from
// raw/calibration/requests.tsv.
import type { RequestRecord } from '../load/request-record.js';
import { percentiles } from './latency.js';

export interface PathOverhead {
  /** "south → north", as latencyByPath names paths; "south → any" for an entry's every path. */
  readonly path: string;
  readonly entry: string;
  /** The serving region; "any" for the entry's aggregate. */
  readonly served: string;
  /** Requests the figures come from. */
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

export interface CalibrationResult {
  /** One per (entry, serving region) seen in the burst, most requests first. */
  readonly paths: readonly PathOverhead[];
  /** Per entry, every served path together: the figure for a path the burst never took. */
  readonly entries: readonly PathOverhead[];
  /** Requests in the burst, and how many failed (a failed request says nothing about overhead). */
  readonly requests: number;
  readonly failed: number;
}

function figures(path: string, entry: string, served: string, durations: number[]): PathOverhead {
  const p = percentiles(durations);
  return { path, entry, served, count: p.count, p50: p.p50 ?? 0, p95: p.p95 ?? 0, p99: p.p99 ?? 0 };
}

/** The overhead of every path the calibration burst took (answered requests only). */
export function calibrationPaths(records: readonly RequestRecord[]): CalibrationResult {
  const byPath = new Map<string, { entry: string; served: string; d: number[] }>();
  const byEntry = new Map<string, number[]>();
  let failed = 0;
  for (const r of records) {
    if (r.outcome !== 'served-local' && r.outcome !== 'served-remote') {
      failed++;
      continue;
    }
    const key = `${r.entry} → ${r.servedRegion}`;
    const b = byPath.get(key) ?? { entry: r.entry, served: r.servedRegion, d: [] };
    b.d.push(r.durationMs);
    byPath.set(key, b);
    const e = byEntry.get(r.entry);
    if (e) e.push(r.durationMs);
    else byEntry.set(r.entry, [r.durationMs]);
  }
  return {
    paths: [...byPath].map(([path, b]) => figures(path, b.entry, b.served, b.d)).sort((a, b) => b.count - a.count),
    entries: [...byEntry].map(([entry, d]) => figures(`${entry} → any`, entry, 'any', d)),
    requests: records.length,
    failed,
  };
}

/** The overhead to take off a path: its own when the burst took it, else its entry's (exact false). */
export function overheadFor(c: CalibrationResult | undefined, entry: string, served: string): { overhead: PathOverhead; exact: boolean } | undefined {
  const own = c?.paths.find((p) => p.entry === entry && p.served === served);
  if (own) return { overhead: own, exact: true };
  const any = c?.entries.find((p) => p.entry === entry);
  return any ? { overhead: any, exact: false } : undefined;
}

/** measured − overhead, floored at 0 (a net latency below 0 is noise, not time travel). */
export function netOf(measured: number | null, overhead: number): number | null {
  return measured === null ? null : Math.max(0, measured - overhead);
}

// The testbed's own overhead per path, from the calibration burst a run sends before its
// load with every link's latency at 0 ms (src/run/calibrate.ts), and latencies net of it.
// Net pXX = measured pXX − the path's median overhead, for every percentile, never below
// 0. Not the same percentile of both: a burst's p95/p99 are a few hundred requests' worth
// of scheduling spikes, and subtracting them made a real run's net p99 fall below its
// net p50 (8.8 vs 10.2 ms). The median keeps p50 ≤ p95 ≤ p99 and leaves the load's own
// spikes in, so a net tail errs high, the safe side for a "≤ max" band. Pure.
import type { RequestRecord } from '../load/request-record.js';
import { percentiles } from './latency.js';
import type { CalibrationResult, PathOverhead } from './types.js';

export type { CalibrationResult, PathOverhead } from './types.js';

/**
 * The first second of the burst is left out: new connections and code not yet compiled
 * (a real run's first second was 4.2 ms at p50, the next five 3.1–3.4 ms), which the
 * load, warm after its first seconds, does not pay.
 */
export const CALIBRATION_WARMUP_MS = 1000;

/** What a run saved about its calibration: the burst (raw/calibration/requests.tsv) and what each path's links add. */
export interface CalibrationInput {
  readonly burst: readonly RequestRecord[];
  /** The latency each path's links are configured to add without jitter, ms ("south → north" → 41). */
  readonly configuredMs?: Readonly<Record<string, number>> | undefined;
}

/** Per-second medians this far apart mark a burst the machine's other work disturbed. */
export const UNSTEADY_RATIO = 2;

export function unsteady(c: CalibrationResult): boolean {
  return c.secondMedians !== undefined && c.secondMedians.max > UNSTEADY_RATIO * c.secondMedians.min;
}

const answered = (r: RequestRecord): boolean => r.outcome === 'served-local' || r.outcome === 'served-remote';

function figures(path: string, entry: string, served: string, durations: number[]): PathOverhead {
  const p = percentiles(durations);
  return { path, entry, served, count: p.count, p50: p.p50 ?? 0, p95: p.p95 ?? 0, p99: p.p99 ?? 0 };
}

function add(m: Map<string, number[]>, key: string, v: number): void {
  const list = m.get(key);
  if (list) list.push(v);
  else m.set(key, [v]);
}

/** The overhead of every path the burst took (answered requests after the warm-up). */
export function calibrationPaths(burst: readonly RequestRecord[]): CalibrationResult {
  let first = Number.POSITIVE_INFINITY;
  for (const r of burst) first = Math.min(first, r.startMs);
  const warm = burst.filter((r) => r.startMs >= first + CALIBRATION_WARMUP_MS);
  const byPath = new Map<string, number[]>();
  const byEntry = new Map<string, number[]>();
  const bySecond = new Map<string, number[]>();
  for (const r of warm) {
    if (!answered(r)) continue;
    add(byPath, `${r.entry} → ${r.servedRegion}`, r.durationMs);
    add(byEntry, r.entry, r.durationMs);
    add(bySecond, String(Math.floor((r.startMs - first) / 1000)), r.durationMs);
  }
  const medians = [...bySecond.values()].filter((d) => d.length >= 5).map((d) => percentiles(d).p50!);
  return {
    paths: [...byPath]
      .map(([path, d]) => {
        const [entry, served] = path.split(' → ') as [string, string];
        return figures(path, entry, served, d);
      })
      .sort((a, b) => b.count - a.count),
    entries: [...byEntry].map(([entry, d]) => figures(`${entry} → any`, entry, 'any', d)),
    requests: warm.length,
    failed: warm.filter((r) => !answered(r)).length,
    secondMedians: medians.length > 0 ? { min: Math.min(...medians), max: Math.max(...medians) } : undefined,
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

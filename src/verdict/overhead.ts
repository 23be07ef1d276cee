// The testbed's own overhead per path, from the calibration bursts a run sends before its
// load (src/run/calibrate.ts), and latencies net of it. Hops: the zero-latency burst
// (every link at 0 ms) is what the entry link, HAProxy, gateway, Toxiproxy, business
// service and k6 cost. Overhead: the steady burst (links at their latency, no jitter)
// less the path's configured latency, which adds what emulating latency costs; without a
// steady burst (older runs) the hops stand for it.
// Net pXX = measured pXX − the path's overhead (a median), for every percentile, never
// below 0. Not the same percentile of both: a burst's p95/p99 are a few hundred requests'
// worth of scheduling spikes, and subtracting them made a real run's net p99 fall below
// its net p50 (8.8 vs 10.2 ms). The median keeps p50 ≤ p95 ≤ p99 and leaves the load's own
// spikes in, so a net tail errs high, the safe side for a "≤ max" band. Pure.
import type { RequestRecord } from '../load/request-record.js';
import { percentiles } from './latency.js';

export interface Figures {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

export interface PathOverhead {
  /** "south → north", as latencyByPath names paths; "south → any" for an entry's every path. */
  readonly path: string;
  readonly entry: string;
  /** The serving region; "any" for the entry's aggregate. */
  readonly served: string;
  /** What net figures take off, ms: the steady burst's median less the configured latency, else the hops' median. */
  readonly p50: number;
  /** The zero-latency burst: the hops alone. */
  readonly hops: Figures;
  /** The steady burst's median and the path's configured latency; absent when there was none. */
  readonly steady?: { readonly count: number; readonly p50: number; readonly configuredMs: number } | undefined;
}

export interface CalibrationResult {
  /** One per (entry, serving region) the zero-latency burst took, most requests first. */
  readonly paths: readonly PathOverhead[];
  /** Per entry, every served path together: the figure for a path the bursts never took. */
  readonly entries: readonly PathOverhead[];
  /** Requests in the bursts after their warm-up, and how many failed (a failed request says nothing about overhead). */
  readonly requests: number;
  readonly failed: number;
}

/** The bursts a run saved (raw/calibration/) and the configured latency of each path. */
export interface CalibrationInput {
  readonly zero: readonly RequestRecord[];
  readonly steady?: readonly RequestRecord[] | undefined;
  readonly configuredMs?: Readonly<Record<string, number>> | undefined;
}

/**
 * The first second of each burst is left out: new connections and code not yet compiled
 * (a real run's first second was 4.2 ms at p50, the next five 3.1–3.4 ms), which the
 * load, warm after its first seconds, does not pay.
 */
export const CALIBRATION_WARMUP_MS = 1000;

function warm(records: readonly RequestRecord[]): RequestRecord[] {
  let first = Number.POSITIVE_INFINITY;
  for (const r of records) first = Math.min(first, r.startMs);
  return records.filter((r) => r.startMs >= first + CALIBRATION_WARMUP_MS);
}

const answered = (r: RequestRecord): boolean => r.outcome === 'served-local' || r.outcome === 'served-remote';
const pathOf = (r: RequestRecord): string => `${r.entry} → ${r.servedRegion}`;

function figures(values: number[]): Figures {
  const p = percentiles(values);
  return { count: p.count, p50: p.p50 ?? 0, p95: p.p95 ?? 0, p99: p.p99 ?? 0 };
}

function group(records: readonly RequestRecord[], key: (r: RequestRecord) => string, value: (r: RequestRecord) => number | undefined): Map<string, number[]> {
  const m = new Map<string, number[]>();
  for (const r of records) {
    const v = value(r);
    if (!answered(r) || v === undefined) continue;
    const list = m.get(key(r));
    if (list) list.push(v);
    else m.set(key(r), [v]);
  }
  return m;
}

function overhead(path: string, entry: string, served: string, hops: number[], excess: number[] | undefined, configuredMs: number | undefined): PathOverhead {
  const h = figures(hops);
  if (!excess || excess.length === 0 || configuredMs === undefined) return { path, entry, served, p50: h.p50, hops: h };
  const e = figures(excess);
  return { path, entry, served, p50: Math.max(0, e.p50), hops: h, steady: { count: e.count, p50: e.p50 + configuredMs, configuredMs } };
}

/** The overhead of every path the bursts took (answered requests only). */
export function calibrationPaths(input: CalibrationInput): CalibrationResult {
  const cfg = input.configuredMs ?? {};
  const c = { zero: warm(input.zero) };
  const steady = warm(input.steady ?? []);
  // a steady request's excess over what its path's links add
  const excess = (r: RequestRecord): number | undefined => (cfg[pathOf(r)] === undefined ? undefined : r.durationMs - cfg[pathOf(r)]!);
  const hopsByPath = group(c.zero, pathOf, (r) => r.durationMs);
  const excessByPath = group(steady, pathOf, excess);
  const hopsByEntry = group(c.zero, (r) => r.entry, (r) => r.durationMs);
  const excessByEntry = group(steady, (r) => r.entry, excess);
  const paths = [...hopsByPath].map(([path, hops]) => {
    const [entry, served] = path.split(' → ') as [string, string];
    return overhead(path, entry, served, hops, excessByPath.get(path), cfg[path]);
  });
  const entries = [...hopsByEntry].map(([entry, hops]) => {
    const ex = excessByEntry.get(entry);
    // the aggregate's steady median is already an excess: configured 0 keeps it as is
    return overhead(`${entry} → any`, entry, 'any', hops, ex, ex ? 0 : undefined);
  });
  const all = [...c.zero, ...steady];
  return { paths: paths.sort((a, b) => b.hops.count - a.hops.count), entries, requests: all.length, failed: all.filter((r) => !answered(r)).length };
}

/** The overhead to take off a path: its own when the bursts took it, else its entry's (exact false). */
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

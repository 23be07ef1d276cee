// Latency percentiles: overall per second, and per path (entry region → the region
// that served it, or → fallback / error / timeout), overall and per second.
import { OUTCOMES, type Outcome, type RequestRecord } from '../load/request-record.js';
import type { PathLatency, Percentiles, SecondPoint } from './types.js';

/** Nearest-rank percentile of ascending values; null when there are none. */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** Ascending copy: a typed array sorts numerically without a comparator call per pair (~5× faster on 300,000). */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

export function percentiles(values: ArrayLike<number>): Percentiles {
  const s = sortedCopy(values);
  return { count: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99) };
}

export function pathOf(r: RequestRecord): string {
  switch (r.outcome) {
    case 'served-local':
    case 'served-remote':
      return `${r.entry} → ${r.servedRegion || 'unknown region'}`;
    default:
      return `${r.entry} → ${r.outcome}`;
  }
}

function secondOf(r: RequestRecord, t0: number): number {
  return Math.floor((r.startMs - t0) / 1000);
}

export function latencyByPath(records: readonly RequestRecord[], t0: number): PathLatency[] {
  const byPath = new Map<string, Map<number, number[]>>();
  for (const r of records) {
    const path = pathOf(r);
    let secs = byPath.get(path);
    if (!secs) byPath.set(path, (secs = new Map()));
    const s = secondOf(r, t0);
    const list = secs.get(s);
    if (list) list.push(r.durationMs);
    else secs.set(s, [r.durationMs]);
  }
  return [...byPath.entries()]
    .map(([path, secs]) => ({
      path,
      ...percentiles([...secs.values()].flat()),
      perSecond: [...secs.entries()].sort((a, b) => a[0] - b[0]).map(([second, v]) => ({ second, ...percentiles(v) })),
    }))
    .sort((a, b) => b.count - a.count);
}

function zeroCounts(): Record<Outcome, number> {
  return Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
}

/** One point per second from t0 to the last request (seconds with no request included, empty). */
export function timeSeries(records: readonly RequestRecord[], t0: number): SecondPoint[] {
  if (records.length === 0) return [];
  // A loop, not Math.max(...): a spread of 300,000 arguments overflows the stack.
  let first = 0;
  let last = 0;
  for (const r of records) {
    const s = secondOf(r, t0);
    if (s < first) first = s;
    if (s > last) last = s;
  }
  const buckets = Array.from({ length: last - first + 1 }, () => ({ counts: zeroCounts(), durations: [] as number[] }));
  for (const r of records) {
    const b = buckets[secondOf(r, t0) - first]!;
    b.counts[r.outcome]++;
    b.durations.push(r.durationMs);
  }
  return buckets.map((b, i) => ({ second: first + i, counts: b.counts, ...percentiles(b.durations) }));
}

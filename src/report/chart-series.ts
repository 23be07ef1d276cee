// Per-second series for the report's time charts, aggregated here in Node so the page
// carries a few thousand numbers, not 300,000 requests: latency p50/p95/p99 per entry
// region, who served the requests, and the outcome mix.
import type { RequestRecord } from '../load/request-record.js';
import { percentile, sortedCopy } from '../verdict/latency.js';

/** Arrays indexed by second - fromS; null where a second had no request. */
export interface LatencySeries {
  readonly entry: string;
  readonly p50: readonly (number | null)[];
  readonly p95: readonly (number | null)[];
  readonly p99: readonly (number | null)[];
}

export interface CountSeries {
  readonly key: string;
  readonly counts: readonly number[];
}

export interface TimeSeriesData {
  /** First and one-past-last second with a request, since t0. */
  readonly fromS: number;
  readonly toS: number;
  readonly latency: readonly LatencySeries[];
  /** By serving region, then "fallback" and "not served" (errors and timeouts). */
  readonly served: readonly CountSeries[];
  /** served local, served remote, fallback, 429, 5xx, timeout, other error. */
  readonly outcomes: readonly CountSeries[];
}

export const OUTCOME_KEYS = ['served local', 'served remote', 'fallback', '429', '5xx', 'timeout', 'other error'] as const;

export function outcomeKey(r: RequestRecord): (typeof OUTCOME_KEYS)[number] {
  switch (r.outcome) {
    case 'served-local':
      return 'served local';
    case 'served-remote':
      return 'served remote';
    case 'fallback':
      return 'fallback';
    case 'timeout':
      return 'timeout';
    case 'error':
      return r.status === 429 ? '429' : r.status >= 500 ? '5xx' : 'other error';
  }
}

function servedKey(r: RequestRecord): string {
  if (r.outcome === 'fallback') return 'fallback';
  if (r.outcome === 'served-local' || r.outcome === 'served-remote') return r.servedRegion || 'unknown region';
  return 'not served';
}

const round = (v: number | null): number | null => (v === null ? null : Math.round(v * 100) / 100);

/** One pass over the records; percentiles sort each (entry, second) bucket on its own. */
export function timeSeriesData(records: readonly RequestRecord[], t0: number): TimeSeriesData {
  let fromS = 0;
  let toS = 0;
  for (const r of records) {
    const s = Math.floor((r.startMs - t0) / 1000);
    if (s < fromS) fromS = s;
    if (s + 1 > toS) toS = s + 1;
  }
  const n = toS - fromS;
  const durations = new Map<string, number[][]>();
  const served = new Map<string, number[]>();
  const outcomes = new Map<string, number[]>(OUTCOME_KEYS.map((k) => [k, new Array<number>(n).fill(0)]));
  for (const r of records) {
    const i = Math.floor((r.startMs - t0) / 1000) - fromS;
    let d = durations.get(r.entry);
    if (!d) durations.set(r.entry, (d = Array.from({ length: n }, () => [])));
    d[i]!.push(r.durationMs);
    const sk = servedKey(r);
    let sc = served.get(sk);
    if (!sc) served.set(sk, (sc = new Array<number>(n).fill(0)));
    sc[i]!++;
    outcomes.get(outcomeKey(r))![i]!++;
  }
  const latency = [...durations.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([entry, buckets]) => {
    const p50: (number | null)[] = [];
    const p95: (number | null)[] = [];
    const p99: (number | null)[] = [];
    for (const b of buckets) {
      const sorted = sortedCopy(b);
      p50.push(round(percentile(sorted, 50)));
      p95.push(round(percentile(sorted, 95)));
      p99.push(round(percentile(sorted, 99)));
    }
    return { entry, p50, p95, p99 };
  });
  // regions first (alphabetically), then fallback, then the failures, so stacks read top-down
  const rank = (k: string): number => (k === 'not served' ? 2 : k === 'fallback' ? 1 : 0);
  const servedSeries = [...served.entries()].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b)).map(([key, counts]) => ({ key, counts }));
  // the runbook's six outcomes always (a zero line says "none"); "other error" only when there is one
  const outcomeSeries = [...outcomes.entries()].filter(([k, c]) => k !== 'other error' || c.some((v) => v > 0)).map(([key, counts]) => ({ key, counts }));
  return { fromS, toS, latency, served: servedSeries, outcomes: outcomeSeries };
}

// Latency histograms per path (entry region → serving region, and → fallback), with
// the runbook's latency band for the path attached, so the page can draw the promise
// next to what was measured. Bins are fixed-width over a range that holds the band
// and the bulk of the requests; the slow tail is counted, not drawn.
import type { RequestRecord } from '../load/request-record.js';
import { percentile, sortedCopy } from '../verdict/latency.js';
import type { LatencyBand } from '../scenario/topology-view.js';

export interface Histogram {
  /** "south → north" */
  readonly path: string;
  readonly kind: LatencyBand['kind'] | 'fallback';
  readonly count: number;
  /** Lower edge of the first bin and the bin width, ms. */
  readonly fromMs: number;
  readonly binMs: number;
  readonly counts: readonly number[];
  /** Requests slower than the last bin. */
  readonly above: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly band?: LatencyBand | undefined;
  /** The path's calibrated overhead at p50, ms: the page draws the band shifted by it, where net latency would sit. */
  readonly overheadMs?: number | undefined;
}

const BINS = 60;

function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

export function histogram(path: string, kind: Histogram['kind'], values: number[], band: LatencyBand | undefined, overheadMs?: number): Histogram {
  const sorted = sortedCopy(values);
  const p = (q: number): number => percentile(sorted, q) ?? 0;
  // cover the band and up to p99.5, so one stray 10 s timeout does not squash the shape
  const shift = overheadMs ?? 0;
  const lo = Math.min(p(0.5), band ? band.minMs + shift : Infinity);
  const hi = Math.max(p(99.5), band ? (band.maxMs + shift) * 1.15 : 0, lo + 1);
  const binMs = niceStep((hi - lo) / BINS);
  const fromMs = Math.max(0, Math.floor((lo * 0.9) / binMs) * binMs);
  const nBins = Math.ceil((hi - fromMs) / binMs) + 1;
  const counts = new Array<number>(nBins).fill(0);
  let above = 0;
  for (const v of sorted) {
    const i = Math.floor((v - fromMs) / binMs);
    if (i >= nBins) above++;
    else counts[Math.max(0, i)]!++;
  }
  const r = (v: number): number => Math.round(v * 100) / 100;
  return { path, kind, count: sorted.length, fromMs, binMs, counts, above, p50: r(p(50)), p95: r(p(95)), p99: r(p(99)), band, ...(overheadMs !== undefined ? { overheadMs: r(overheadMs) } : {}) };
}

/** One histogram per served path, most requests first; `overheads`: calibrated p50 overhead by path. */
export function pathHistograms(records: readonly RequestRecord[], bands: readonly LatencyBand[], overheads: ReadonlyMap<string, number> = new Map()): Histogram[] {
  const byPath = new Map<string, { kind: Histogram['kind']; values: number[] }>();
  for (const r of records) {
    let path: string;
    let kind: Histogram['kind'];
    if (r.outcome === 'fallback') [path, kind] = [`${r.entry} → fallback`, 'fallback'];
    else if (r.outcome === 'served-local' || r.outcome === 'served-remote')
      [path, kind] = [`${r.entry} → ${r.servedRegion || 'unknown region'}`, r.servedRegion === r.entry ? 'same-region' : 'cross-region'];
    else continue;
    const b = byPath.get(path) ?? { kind, values: [] };
    b.values.push(r.durationMs);
    byPath.set(path, b);
  }
  return [...byPath.entries()]
    .map(([path, b]) => histogram(path, b.kind, b.values, bands.find((x) => x.kind === b.kind), overheads.get(path)))
    .sort((a, b) => b.count - a.count);
}

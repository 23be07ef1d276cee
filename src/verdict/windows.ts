// Counting requests by when they started: a range of epoch ms, or the 1-s windows
// relative to t0 that failover and failback are judged on. Records are sorted by start.
import type { RequestRecord } from '../load/request-record.js';

export interface Counts {
  readonly total: number;
  readonly local: number;
  readonly remote: number;
  readonly fallback: number;
  /** Non-fallback failures: outcomes error and timeout. */
  readonly failed: number;
  readonly timeouts: number;
}

/** Index of the first record starting at or after ms (records sorted by startMs). */
export function lowerBound(records: readonly RequestRecord[], ms: number): number {
  let lo = 0;
  let hi = records.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (records[mid]!.startMs < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Requests entering `entry` that started in [fromMs, toMs). */
export function countIn(records: readonly RequestRecord[], entry: string, fromMs: number, toMs: number): Counts {
  let total = 0, local = 0, remote = 0, fallback = 0, failed = 0, timeouts = 0;
  for (let i = lowerBound(records, fromMs); i < records.length; i++) {
    const r = records[i]!;
    if (r.startMs >= toMs) break;
    if (r.entry !== entry) continue;
    total++;
    if (r.outcome === 'served-local') local++;
    else if (r.outcome === 'served-remote') remote++;
    else if (r.outcome === 'fallback') fallback++;
    else {
      failed++;
      if (r.outcome === 'timeout') timeouts++;
    }
  }
  return { total, local, remote, fallback, failed, timeouts };
}

export interface Window extends Counts {
  /** Seconds since t0 of the 1-s grid window this lies in. */
  readonly second: number;
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * The grid windows (aligned on `alignMs`, t0 by default; `widthMs` wide, 1 s by default) covering
 * [fromMs, toMs), the first and last clipped to the range so a window half before a
 * fault does not count pre-fault requests.
 */
export function windowsBetween(records: readonly RequestRecord[], entry: string, t0: number, fromMs: number, toMs: number, widthMs = 1000, alignMs = t0): Window[] {
  const out: Window[] = [];
  for (let s = Math.floor((fromMs - alignMs) / widthMs); alignMs + s * widthMs < toMs; s++) {
    const a = Math.max(fromMs, alignMs + s * widthMs);
    const b = Math.min(toMs, alignMs + (s + 1) * widthMs);
    if (b <= a) continue;
    out.push({ second: Math.floor((a - t0) / 1000), fromMs: a, toMs: b, ...countIn(records, entry, a, b) });
  }
  return out;
}

export interface Settled {
  /** ms from `fromMs` to the end of the last bad window; 0 if none was bad; null if the last one was. */
  readonly ms: number | null;
  readonly lastBad: Window | undefined;
  /** Windows with at least one request: empty ones carry no evidence either way. */
  readonly judged: readonly Window[];
}

/** When a condition settled: after the last window that was bad, every later window was good. */
export function settleTime(windows: readonly Window[], fromMs: number, bad: (w: Window) => boolean): Settled {
  const judged = windows.filter((w) => w.total > 0);
  let lastBad: Window | undefined;
  for (const w of judged) if (bad(w)) lastBad = w;
  if (lastBad === undefined) return { ms: 0, lastBad, judged };
  if (lastBad === judged[judged.length - 1]) return { ms: null, lastBad, judged };
  return { ms: Math.max(0, lastBad.toMs - fromMs), lastBad, judged };
}

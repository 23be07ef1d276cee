// Counting requests by when they started, in a range of epoch ms. Records are sorted by
// start, so a range is found by binary search.
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

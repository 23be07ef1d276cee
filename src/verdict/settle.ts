// When a per-request condition settled, at request resolution: the windows failover
// and failback are judged on are rolling runs of a fixed number of consecutive requests
// (in start order), not seconds, so the answer is a request, not a grid line. Integer
// arithmetic on flags; docs/scenarios.md "Failover and failback at request resolution"
// states the definitions these functions implement.

/** Shares are compared in millionths, so 1% of 101 requests is exact, not 1.0100000000000002. */
const SCALE = 1_000_000;

/**
 * The fewest requests a window must hold for one failure in it to be below `rate`:
 * the smallest L with 1/L < rate (101 for 1%, 21 for 5%). Shorter windows cannot show
 * a rate below the threshold at all, so they are not judged.
 */
export function failoverMinRequests(rate: number): number {
  if (!(rate > 0)) return Number.POSITIVE_INFINITY;
  let l = Math.max(1, Math.floor(1 / rate) + 1);
  while (l > 1 && 1 / (l - 1) < rate) l--; // 1/rate may round below an integer
  while (1 / l >= rate) l++;
  return l;
}

/**
 * The fewest requests a failback window must hold: at least one non-local request must
 * fit under the threshold (ceil(1/(1 − share))), and at least `floor` requests, because a
 * share under weighted routing is a sample: at 80/20 a window of 40 requests dips below
 * 60% somewhere in a minute about a third of the time, one of 100 almost never.
 */
export function failbackMinRequests(shareAtLeast: number, floor = FAILBACK_MIN_REQUESTS): number {
  const one = shareAtLeast >= 1 ? 1 : Math.ceil(1 / (1 - shareAtLeast) - 1e-9);
  return Math.max(one, floor);
}

/** @see failbackMinRequests */
export const FAILBACK_MIN_REQUESTS = 100;

/** Failures in each window of `size` consecutive requests: counts[i] covers [i, i + size). */
function windowCounts(bad: ArrayLike<number>, size: number): Int32Array {
  const n = bad.length;
  const counts = new Int32Array(Math.max(0, n - size + 1));
  let c = 0;
  for (let i = 0; i < n; i++) {
    c += bad[i] ? 1 : 0;
    if (i >= size) c -= bad[i - size] ? 1 : 0;
    if (i >= size - 1) counts[i - size + 1] = c;
  }
  return counts;
}

/**
 * Failover: the last bad request that lies in a bad window, where a window is a run of
 * exactly `size` consecutive requests (a rolling window, as a monitor keeps) and it is
 * bad when its bad share is at or above `rate`. Every window after this request is
 * below `rate`, and a lone bad request no window holds at the rate does not count.
 * @returns its index, or undefined when no window was bad.
 */
export function lastBadInBadWindow(bad: ArrayLike<number>, rate: number, size: number): number | undefined {
  if (!Number.isFinite(size) || size > bad.length) return undefined;
  const limit = Math.round(rate * SCALE) * size;
  const counts = windowCounts(bad, size);
  let lastEnd = -1;
  for (let i = 0; i < counts.length; i++) if (counts[i]! * SCALE >= limit) lastEnd = i + size;
  if (lastEnd < 0) return undefined;
  // the last bad window holds a bad request, and the last one before its end is in it
  for (let i = lastEnd - 1; i >= 0; i--) if (bad[i]) return i;
  return undefined;
}

/**
 * Failback: the first index from which every window of exactly `size` consecutive
 * requests has a bad share at or below `rate`, provided at least one window fits
 * before the end; null when none does (the condition never settled).
 */
export function firstSettledIndex(bad: ArrayLike<number>, rate: number, size: number): number | null {
  const n = bad.length;
  if (!Number.isFinite(size) || size > n) return null;
  const limit = Math.round(rate * SCALE) * size;
  const counts = windowCounts(bad, size);
  let lastBadStart = -1;
  for (let i = 0; i < counts.length; i++) if (counts[i]! * SCALE > limit) lastBadStart = i;
  const from = lastBadStart + 1;
  return from + size <= n ? from : null;
}

/** Was every window of `size` consecutive requests at or above `rate` (no window ever dipped below)? */
export function everyWindowAtOrAbove(bad: ArrayLike<number>, rate: number, size: number): boolean {
  if (!Number.isFinite(size) || size > bad.length) return false;
  const limit = Math.round(rate * SCALE) * size;
  return windowCounts(bad, size).every((c) => c * SCALE >= limit);
}

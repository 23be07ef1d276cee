// What failover and failback measure: the moment traffic switched, known to lie between
// the starts of two consecutive requests, so it is reported as the midpoint of that
// interval ± half its width (about half a request interval: ± 0.013 s at 40 requests/s).
import type { RequestRecord } from '../load/request-record.js';
import { lowerBound } from './windows.js';

export interface SwitchTime {
  /**
   * ms from the fault (failover) or the heal (failback) to the switch: the midpoint of
   * [before.startMs, after.startMs]; 0 when there was nothing to time; null when the
   * condition never settled before the range ended.
   */
  readonly ms: number | null;
  /** Half the interval's width: the switch happened within ms ± boundMs. 0 for 0 and never. */
  readonly boundMs: number;
  /** The two requests whose starts bound the switch (absent for 0 and never). */
  readonly before?: RequestRecord | undefined;
  readonly after?: RequestRecord | undefined;
}

export const NOTHING_TO_TIME: SwitchTime = { ms: 0, boundMs: 0 };
export const NEVER: SwitchTime = { ms: null, boundMs: 0 };

/** The switch happened after `before` started and by the time `after` started. */
export function between(before: RequestRecord, after: RequestRecord, fromMs: number): SwitchTime {
  const half = (after.startMs - before.startMs) / 2;
  return { ms: before.startMs + half - fromMs, boundMs: half, before, after };
}

/** Requests entering `entry` that started in [fromMs, toMs), in start order (records sorted by start). */
export function requestsIn(records: readonly RequestRecord[], entry: string, fromMs: number, toMs: number): RequestRecord[] {
  const out: RequestRecord[] = [];
  for (let i = lowerBound(records, fromMs); i < records.length; i++) {
    const r = records[i]!;
    if (r.startMs >= toMs) break;
    if (r.entry === entry) out.push(r);
  }
  return out;
}

/** Does the whole interval lie within the limit? A claim "≤ max" holds only if it does. */
export function withinLimit(t: SwitchTime, maxMs: number): boolean {
  return t.ms !== null && t.ms + t.boundMs <= maxMs;
}

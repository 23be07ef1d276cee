// Proximity ratio: of the requests that entered a region in a window, the share
// served by that region's own business cluster (RUNBOOK §2 "proximity hit rate").
import type { RequestRecord } from '../load/request-record.js';
import { notMeasured, type ExpectationOf, type JudgeContext } from './context.js';
import { betweenText, count, inBand, percent, ratio, ratioBand, windowText } from './format.js';
import type { ExpectationResult } from './types.js';
import { countIn, type Counts } from './windows.js';

/** served-local / all requests entering `entry` that started in [fromMs, toMs); null if none did. */
export function proximityRatio(records: readonly RequestRecord[], entry: string, fromMs: number, toMs: number): { ratio: number | null; counts: Counts } {
  const counts = countIn(records, entry, fromMs, toMs);
  return { ratio: counts.total === 0 ? null : counts.local / counts.total, counts };
}

export function judgeProximity(e: ExpectationOf<'proximity'>, ctx: JudgeContext): ExpectationResult {
  const expected = ratioBand(e.expected);
  const win = windowText(e.window.from, e.window.to);
  if (ctx.t0 + e.window.to > ctx.endedAtMs) {
    return notMeasured(e, expected, `the run ended at ${((ctx.endedAtMs - ctx.t0) / 1000).toFixed(1)} s, before the window ${win} closed`);
  }
  const { ratio: r, counts: c } = proximityRatio(ctx.log.records, e.entry, ctx.t0 + e.window.from, ctx.t0 + e.window.to);
  if (r === null) return notMeasured(e, expected, `no request entering ${e.entry} started ${betweenText(e.window.from, e.window.to)}`);
  const pass = inBand(r, e.expected);
  const where = pass ? 'inside' : r < (e.expected.min ?? -Infinity) ? 'below' : 'above';
  const sentence =
    `${count(c.local)} of ${count(c.total)} requests entering ${e.entry} ${betweenText(e.window.from, e.window.to)} were served by ${e.entry} ` +
    `(${ratio(r)}, ${where} the expected ${expected}); ${count(c.remote)} were served by another region, ` +
    `${count(c.fallback)} by the fallback, and ${count(c.failed)} failed (${percent(c.failed / c.total)}).`;
  return { id: e.id, kind: e.kind, expected, measured: ratio(r), value: r, pass, sentence, source: e.source };
}

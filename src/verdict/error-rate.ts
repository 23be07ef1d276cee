// Error rate: of the requests that entered a region in a window, the share that
// failed (error or timeout; a fallback answer is not a failure).
import type { RequestRecord } from '../load/request-record.js';
import { notMeasured, type ExpectationOf, type JudgeContext } from './context.js';
import { betweenText, count, inBand, percent, percentBand, plural, windowText } from './format.js';
import type { ExpectationResult } from './types.js';
import { countIn, type Counts } from './windows.js';

export function errorRate(records: readonly RequestRecord[], entry: string, fromMs: number, toMs: number): { rate: number | null; counts: Counts } {
  const counts = countIn(records, entry, fromMs, toMs);
  return { rate: counts.total === 0 ? null : counts.failed / counts.total, counts };
}

export function judgeErrorRate(e: ExpectationOf<'error-rate'>, ctx: JudgeContext): ExpectationResult {
  const expected = percentBand(e.expected);
  const win = windowText(e.window.from, e.window.to);
  if (ctx.t0 + e.window.to > ctx.endedAtMs) {
    return notMeasured(e, expected, `the run ended at ${((ctx.endedAtMs - ctx.t0) / 1000).toFixed(1)} s, before the window ${win} closed`);
  }
  const { rate, counts: c } = errorRate(ctx.log.records, e.entry, ctx.t0 + e.window.from, ctx.t0 + e.window.to);
  if (rate === null) return notMeasured(e, expected, `no request entering ${e.entry} started ${betweenText(e.window.from, e.window.to)}`);
  const pass = inBand(rate, e.expected);
  const sentence =
    `${count(c.failed)} of ${count(c.total)} requests entering ${e.entry} ${betweenText(e.window.from, e.window.to)} failed ` +
    `(${percent(rate)}: ${plural(c.failed - c.timeouts, 'error')}, ${plural(c.timeouts, 'timeout')}), ` +
    `${pass ? 'within' : 'outside'} the expected ${expected}.`;
  return { id: e.id, kind: e.kind, expected, measured: percent(rate), value: rate, pass, sentence, source: e.source };
}

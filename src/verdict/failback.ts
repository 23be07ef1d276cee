// Failback time: from the moment a fault healed to the end of the last 1-s window
// whose local share was below the threshold, provided every later window to the end
// of the run stayed at or above it (DESIGN.md "failback time").
import type { RequestRecord } from '../load/request-record.js';
import { faultOf, notMeasured, rel, type ExpectationOf, type JudgeContext } from './context.js';
import { count, percent, seconds, secondsShort } from './format.js';
import type { ExpectationResult } from './types.js';
import { countIn, settleTime, windowsBetween, type Settled, type Window } from './windows.js';

const localShareOf = (w: Window): number => w.local / w.total;

export interface FailbackProps {
  readonly records: readonly RequestRecord[];
  readonly entry: string;
  readonly t0: number;
  readonly healedAtMs: number;
  /** When the load ended. */
  readonly endMs: number;
  /** Local share a window must reach, 0..1. */
  readonly threshold: number;
}

/** ms is null when the local share was still below the threshold in the run's last window. */
export function measureFailback(p: FailbackProps): Settled {
  const windows = windowsBetween(p.records, p.entry, p.t0, p.healedAtMs, p.endMs);
  return settleTime(windows, p.healedAtMs, (w) => localShareOf(w) < p.threshold);
}

export function judgeFailback(e: ExpectationOf<'failback-time'>, ctx: JudgeContext): ExpectationResult {
  const expected = `≤ ${seconds(e.expected.max)}`;
  const { entry: te, times } = faultOf(ctx, e.fault);
  if (times?.appliedAtMs === undefined) {
    return notMeasured(e, expected, `the run ended before ${e.fault} was applied${te ? ` (planned at ${secondsShort(te.at)})` : ''}`);
  }
  const healed = times.healedAtMs;
  if (healed === undefined) {
    return notMeasured(
      e,
      expected,
      te?.until === undefined
        ? `${e.fault} has no "until" in the timeline, so it never heals and there is no failback to time`
        : `the run ended before ${e.fault} healed (planned at ${secondsShort(te.until)})`,
    );
  }
  const th = percent(e.localShareAtLeast);
  const after = `after ${e.fault} healed at ${rel(ctx, healed)} s`;
  const all = countIn(ctx.log.records, e.entry, healed, ctx.endedAtMs);
  const settled = measureFailback({ records: ctx.log.records, entry: e.entry, t0: ctx.t0, healedAtMs: healed, endMs: ctx.endedAtMs, threshold: e.localShareAtLeast });
  if (settled.judged.length === 0) return notMeasured(e, expected, `no request entering ${e.entry} started ${after}`);
  const served = `${count(all.local)} of ${count(all.total)} requests entering ${e.entry} ${after} were served by ${e.entry}`;
  const base = { id: e.id, kind: e.kind, expected, source: e.source };

  if (settled.ms === null) {
    const last = settled.judged[settled.judged.length - 1]!;
    const allBad = settled.judged.every((w) => localShareOf(w) < e.localShareAtLeast);
    const sentence = allBad
      ? `the local share never reached ${th} in any second ${after}: ${served} (${percent(all.local / all.total)}): local traffic never came back.`
      : `the local share was still ${percent(localShareOf(last))} in the last second of the run (${rel(ctx, last.fromMs)}–${rel(ctx, last.toMs)} s): ${served} (${percent(all.local / all.total)}) and it never stayed at ${th} or above: local traffic never came back for good.`;
    return { ...base, measured: 'never', value: null, pass: false, sentence };
  }
  const ms = settled.ms;
  const pass = ms <= e.expected.max;
  if (settled.lastBad === undefined) {
    const sentence = `the local share was at or above ${th} in every second ${after}: ${served} (${percent(all.local / all.total)}): failback took no measurable time.`;
    return { ...base, measured: seconds(0), value: 0, pass, sentence };
  }
  const lb = settled.lastBad;
  const rest = countIn(ctx.log.records, e.entry, lb.toMs, ctx.endedAtMs);
  const over = pass ? '' : `, ${seconds(ms - e.expected.max)} longer than the ${seconds(e.expected.max)} allowed`;
  const sentence =
    `local traffic came back ${seconds(ms)} after ${e.fault} healed${over}: the last second below ${th} was ` +
    `${rel(ctx, lb.fromMs)}–${rel(ctx, lb.toMs)} s (${percent(localShareOf(lb))} local); from ${rel(ctx, lb.toMs)} s to the end of the run ` +
    `${count(rest.local)} of ${count(rest.total)} requests entering ${e.entry} were served by ${e.entry} (${percent(rest.local / rest.total)}).`;
  return { ...base, measured: seconds(ms), value: ms / 1000, pass, sentence };
}

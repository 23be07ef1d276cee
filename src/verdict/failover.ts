// Failover time: from the moment a fault was applied to the end of the last 1-s
// window whose error rate was at or above the threshold, provided every later window
// until the fault healed (or the load ended) stayed below it (DESIGN.md "failover time").
import { entriesOf } from '../scenario/schema.js';
import type { RequestRecord } from '../load/request-record.js';
import { faultNoun, faultOf, notMeasured, rel, type ExpectationOf, type JudgeContext } from './context.js';
import { count, percent, seconds, secondsShort } from './format.js';
import type { ExpectationResult } from './types.js';
import { countIn, settleTime, windowsBetween, type Settled, type Window } from './windows.js';

const errorRateOf = (w: Window): number => w.failed / w.total;

export interface FailoverProps {
  readonly records: readonly RequestRecord[];
  readonly entry: string;
  readonly t0: number;
  readonly appliedAtMs: number;
  /** When the fault healed, or the load ended if it never did. */
  readonly untilMs: number;
  /** Error rate a window must stay below, 0..1. */
  readonly threshold: number;
  /** Window width. @default 1000 */
  readonly windowMs?: number;
}

/**
 * A window must hold at least 1/threshold requests to show a rate below the threshold
 * at all (at 30 requests/s one failure in a 1-s window is 3.3%, so "below 1%" would
 * mean "none"): the width is the whole seconds that many requests take at the load's
 * rate, at least 1 s.
 */
export function failoverWindowMs(threshold: number, ratePerS: number): number {
  if (threshold <= 0 || ratePerS <= 0) return 1000;
  return Math.max(1, Math.ceil(Math.ceil(1 / threshold) / ratePerS)) * 1000;
}

/**
 * A request started during the fault but answered only after the fault healed was
 * saved by the heal, not by a failover (a black-holed request that hangs until the
 * hosts come back): for failover it counts as failed, or the seconds before a heal
 * would look failed over.
 */
export function answeredAfterHeal(records: readonly RequestRecord[], appliedAtMs: number, healedAtMs: number): RequestRecord[] {
  return records.map((r) =>
    // only the side that was down can be rescued by the heal; a remote answer that merely straddled it is a failover
    r.startMs >= appliedAtMs && r.startMs < healedAtMs && r.startMs + r.durationMs > healedAtMs && r.outcome === 'served-local'
      ? { ...r, outcome: 'error' as const }
      : r,
  );
}

/** ms is null when the error rate was still at or above the threshold in the last window. */
export function measureFailover(p: FailoverProps): Settled {
  // 1-s windows sit on t0's grid (clipped at the fault); wider ones start at the fault, so their coarser resolution counts from it
  const width = p.windowMs ?? 1000;
  const windows = windowsBetween(p.records, p.entry, p.t0, p.appliedAtMs, p.untilMs, width, width > 1000 ? p.appliedAtMs : p.t0);
  return settleTime(windows, p.appliedAtMs, (w) => errorRateOf(w) >= p.threshold);
}

export function judgeFailover(e: ExpectationOf<'failover-time'>, ctx: JudgeContext): ExpectationResult {
  const expected = `≤ ${seconds(e.expected.max)}`;
  const { entry: te, times } = faultOf(ctx, e.fault);
  const applied = times?.appliedAtMs;
  if (applied === undefined) {
    const planned = te ? ` (planned at ${secondsShort(te.at)})` : '';
    return notMeasured(e, expected, `the run ended before ${e.fault} was applied${planned}`);
  }
  const healed = times?.healedAtMs;
  const until = healed ?? ctx.endedAtMs;
  const th = percent(e.errorRateBelow);
  const noun = faultNoun(te);
  const span = `the ${secondsShort(Math.round((until - applied) / 100) * 100)} ${noun} (${rel(ctx, applied)}–${rel(ctx, until)} s)`;
  const endWord = healed !== undefined ? `${e.fault} healed at ${rel(ctx, healed)} s` : `the load ended at ${rel(ctx, until)} s`;
  const records = healed === undefined ? ctx.log.records : answeredAfterHeal(ctx.log.records, applied, healed);
  const late = records.filter((r, i) => r !== ctx.log.records[i] && r.entry === e.entry).length;
  const lateNote = late > 0 ? ` (${count(late)} of them were answered only after the heal, which is not a failover)` : '';
  const all = countIn(records, e.entry, applied, until);
  const windowMs = failoverWindowMs(e.errorRateBelow, entriesOf(ctx.scenario.load).includes(e.entry) ? ctx.scenario.load.rate : 0);
  const win = windowMs === 1000 ? '1-s window' : `${windowMs / 1000}-s window (the shortest that holds ${Math.ceil(1 / e.errorRateBelow)} requests at the load's rate)`;
  const settled = measureFailover({ records, entry: e.entry, t0: ctx.t0, appliedAtMs: applied, untilMs: until, threshold: e.errorRateBelow, windowMs });
  if (settled.judged.length === 0) {
    return notMeasured(e, expected, `no request entering ${e.entry} started during ${span}; k6 dropped ${count(ctx.log.droppedIterations)} iterations for want of a free VU`);
  }
  const failed = `${count(all.failed)} of ${count(all.total)} requests entering ${e.entry} failed${lateNote}`;
  const base = { id: e.id, kind: e.kind, expected, source: e.source };

  if (settled.ms === null) {
    const last = settled.judged[settled.judged.length - 1]!;
    const allBad = settled.judged.every((w) => errorRateOf(w) >= e.errorRateBelow);
    const sentence = allBad
      ? `the error rate stayed at ${percent(all.failed / all.total)} for the whole of ${span}: ${failed} and no ${win} fell below ${th}: traffic never failed over.`
      : `the error rate was still ${percent(errorRateOf(last))} in the last ${win} before ${endWord} (${rel(ctx, last.fromMs)}–${rel(ctx, last.toMs)} s): ${failed} during ${span} and the rate never stayed below ${th}: traffic never failed over for good.`;
    return { ...base, measured: 'never', value: null, pass: false, sentence };
  }
  const ms = settled.ms;
  const pass = ms <= e.expected.max;
  if (settled.lastBad === undefined) {
    const sentence = `the error rate never reached ${th} in any second of ${span}: ${failed} (${percent(all.failed / all.total)}): failover took no measurable time.`;
    return { ...base, measured: seconds(0), value: 0, pass, sentence };
  }
  const lb = settled.lastBad;
  const before = countIn(records, e.entry, applied, lb.toMs);
  const peak = settled.judged.reduce((a, w) => (errorRateOf(w) > errorRateOf(a) ? w : a));
  const over = pass ? '' : `, ${seconds(ms - e.expected.max)} longer than the ${seconds(e.expected.max)} allowed`;
  const sentence =
    `traffic entering ${e.entry} failed over ${seconds(ms)} after ${e.fault} was applied${over}: from ${rel(ctx, lb.toMs)} s on, ` +
    `every ${win} until ${endWord} had an error rate below ${th}; before that ${count(before.failed)} of ${count(before.total)} requests failed ` +
    `(peak ${percent(errorRateOf(peak))} at ${rel(ctx, peak.fromMs)}–${rel(ctx, peak.toMs)} s).`;
  return { ...base, measured: seconds(ms), value: ms / 1000, pass, sentence };
}

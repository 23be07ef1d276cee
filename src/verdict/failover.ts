// Failover time at request resolution (DESIGN.md "failover time", docs/scenarios.md):
// from the moment a fault was applied to its last failing request that lies in a rolling
// window of minRequests consecutive requests whose error rate was at or above the
// threshold. After it, every such window until the fault healed (or the load ended)
// stayed below the threshold; a lone failure no window holds at the threshold does not count.
import type { RequestRecord } from '../load/request-record.js';
import { faultNoun, faultOf, notMeasured, rel, relPrecise, type ExpectationOf, type JudgeContext } from './context.js';
import { count, percent, seconds, secondsPrecise, secondsShort, secondsWithin } from './format.js';
import { everyWindowAtOrAbove, failoverMinRequests, lastBadInBadWindow } from './settle.js';
import { between, NEVER, NOTHING_TO_TIME, requestsIn, withinLimit, type SwitchTime } from './switch-time.js';
import type { ExpectationResult } from './types.js';

export interface FailoverProps {
  /** Sorted by start. */
  readonly records: readonly RequestRecord[];
  readonly entry: string;
  readonly appliedAtMs: number;
  /** When the fault healed, or the load ended if it never did. */
  readonly untilMs: number;
  /** Error rate a run of requests must stay below, 0..1. */
  readonly threshold: number;
  /** @default failoverMinRequests(threshold): 101 for 1% */
  readonly minRequests?: number | undefined;
}

export interface FailoverMeasure extends SwitchTime {
  /** The requests judged: entering `entry`, started while the fault was on. */
  readonly requests: readonly RequestRecord[];
  readonly failed: number;
  readonly minRequests: number;
  /** Why it never settled: the last failure in a bad run, or too few requests to judge. */
  readonly never?: { readonly lastBad: RequestRecord | undefined; readonly tooFew: boolean; readonly neverBelow: boolean } | undefined;
}

const failedOutcome = (r: RequestRecord): boolean => r.outcome === 'error' || r.outcome === 'timeout';

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

export function measureFailover(p: FailoverProps): FailoverMeasure {
  const requests = requestsIn(p.records, p.entry, p.appliedAtMs, p.untilMs);
  const minRequests = p.minRequests ?? failoverMinRequests(p.threshold);
  const bad = Uint8Array.from(requests, (r) => (failedOutcome(r) ? 1 : 0));
  const failed = bad.reduce((a, b) => a + b, 0);
  const base = { requests, failed, minRequests };
  if (requests.length === 0) return { ...base, ...NEVER };
  if (failed === 0) return { ...base, ...NOTHING_TO_TIME };
  if (requests.length < minRequests) return { ...base, ...NEVER, never: { lastBad: undefined, tooFew: true, neverBelow: false } };
  const k = lastBadInBadWindow(bad, p.threshold, minRequests);
  if (k === undefined) return { ...base, ...NOTHING_TO_TIME };
  if (requests.length - (k + 1) < minRequests) {
    return { ...base, ...NEVER, never: { lastBad: requests[k], tooFew: false, neverBelow: everyWindowAtOrAbove(bad, p.threshold, minRequests) } };
  }
  return { ...base, ...between(requests[k]!, requests[k + 1]!, p.appliedAtMs) };
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
  const span = `the ${secondsShort(Math.round((until - applied) / 100) * 100)} ${faultNoun(te)} (${rel(ctx, applied)}–${rel(ctx, until)} s)`;
  const endWord = healed !== undefined ? `${e.fault} healed at ${rel(ctx, healed)} s` : `the load ended at ${rel(ctx, until)} s`;
  const records = healed === undefined ? ctx.log.records : answeredAfterHeal(ctx.log.records, applied, healed);
  const late = records.filter((r, i) => r !== ctx.log.records[i] && r.entry === e.entry).length;
  const lateNote = late > 0 ? ` (${count(late)} of them were answered only after the heal, which is not a failover)` : '';
  const m = measureFailover({ records, entry: e.entry, appliedAtMs: applied, untilMs: until, threshold: e.errorRateBelow, minRequests: e.minRequests });
  const n = m.requests.length;
  if (n === 0) {
    return notMeasured(e, expected, `no request entering ${e.entry} started during ${span}; k6 dropped ${count(ctx.log.droppedIterations)} iterations for want of a free VU`);
  }
  const failed = `${count(m.failed)} of ${count(n)} requests entering ${e.entry} failed${lateNote}`;
  const runs = `window of ${count(m.minRequests)} consecutive requests`;
  const base = { id: e.id, kind: e.kind, expected, source: e.source, bound: null };

  if (m.ms === null) {
    const lb = m.never?.lastBad;
    const sentence = m.never?.tooFew
      ? `only ${count(n)} requests entering ${e.entry} started during ${span}, fewer than the ${count(m.minRequests)} in which one failure is below ${th}, and ${count(m.failed)} of them failed: traffic was never shown to fail over.`
      : m.never?.neverBelow
        ? `the error rate stayed at ${percent(m.failed / n)} for the whole of ${span}: ${failed} and no ${runs} fell below ${th}: traffic never failed over.`
        : `the last failing request in a ${runs} at or above ${th} started at ${relPrecise(ctx, lb!.startMs)} s, and fewer than ${count(m.minRequests)} requests followed it before ${endWord}: ${failed} (${percent(m.failed / n)}) during ${span}: traffic never failed over for good.`;
    return { ...base, measured: 'never', value: null, pass: false, sentence };
  }
  if (m.before === undefined || m.after === undefined) {
    const sentence = `no ${runs} entering ${e.entry} during ${span} had an error rate of ${th} or more: ${failed} (${percent(m.failed / n)}): failover took no measurable time.`;
    return { ...base, measured: seconds(0), value: 0, pass: true, bound: 0, sentence };
  }
  const pass = withinLimit(m, e.expected.max);
  const hi = m.ms + m.boundMs;
  const over = pass ? '' : m.ms - m.boundMs > e.expected.max ? `, ${seconds(m.ms - e.expected.max)} longer than the ${seconds(e.expected.max)} allowed` : `, which reaches past the ${seconds(e.expected.max)} allowed`;
  const before = m.requests.filter((r) => r.startMs <= m.before!.startMs);
  const beforeFailed = before.filter(failedOutcome).length;
  const sentence =
    `traffic entering ${e.entry} failed over ${secondsWithin(m.ms, m.boundMs)} after ${e.fault} was applied${over}: ` +
    `the last failing request in a ${runs} with an error rate at or above ${th} started at ${relPrecise(ctx, m.before.startMs)} s and the next request at ${relPrecise(ctx, m.after.startMs)} s ` +
    `(${secondsPrecise(m.ms - m.boundMs)}–${secondsPrecise(hi)} after the fault); up to it ${count(beforeFailed)} of ${count(before.length)} requests failed, ` +
    `and from then until ${endWord} every ${runs} stayed below ${th} (${count(m.failed - beforeFailed)} of ${count(n - before.length)} failed).`;
  return { ...base, measured: secondsWithin(m.ms, m.boundMs), value: m.ms / 1000, bound: m.boundMs / 1000, pass, sentence };
}

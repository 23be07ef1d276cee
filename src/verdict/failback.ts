// Failback time at request resolution (DESIGN.md "failback time", docs/scenarios.md):
// from the moment a fault healed to the first request served locally from which every
// rolling window of minRequests consecutive requests, to the end of the load, has a
// local share at or above the threshold. Timed from the first local request, not the last
// remote one: under weighted routing (80/20) remote answers are the normal state.
import type { RequestRecord } from '../load/request-record.js';
import { faultOf, notMeasured, rel, relPrecise, type ExpectationOf, type JudgeContext } from './context.js';
import { count, percent, seconds, secondsPrecise, secondsShort, secondsWithin } from './format.js';
import { failbackMinRequests, firstSettledIndex } from './settle.js';
import { between, NEVER, NOTHING_TO_TIME, requestsIn, withinLimit, type SwitchTime } from './switch-time.js';
import type { ExpectationResult } from './types.js';

export interface FailbackProps {
  /** Sorted by start. */
  readonly records: readonly RequestRecord[];
  readonly entry: string;
  readonly healedAtMs: number;
  /** When the load ended. */
  readonly endMs: number;
  /** Local share a run of requests must reach, 0..1. */
  readonly threshold: number;
  /** @default failbackMinRequests(threshold): 100 */
  readonly minRequests?: number | undefined;
}

export interface FailbackMeasure extends SwitchTime {
  /** The requests judged: entering `entry`, started after the heal. */
  readonly requests: readonly RequestRecord[];
  readonly local: number;
  readonly minRequests: number;
  /** Never settled because fewer than minRequests requests came after the heal. */
  readonly tooFew?: boolean | undefined;
}

const isLocal = (r: RequestRecord): boolean => r.outcome === 'served-local';

export function measureFailback(p: FailbackProps): FailbackMeasure {
  const requests = requestsIn(p.records, p.entry, p.healedAtMs, p.endMs);
  const minRequests = p.minRequests ?? failbackMinRequests(p.threshold);
  const notLocal = Uint8Array.from(requests, (r) => (isLocal(r) ? 0 : 1));
  const local = requests.length - notLocal.reduce((a, b) => a + b, 0);
  const base = { requests, local, minRequests };
  if (requests.length === 0) return { ...base, ...NEVER };
  if (local === requests.length) return { ...base, ...NOTHING_TO_TIME };
  if (requests.length < minRequests) return { ...base, ...NEVER, tooFew: true };
  const from = firstSettledIndex(notLocal, 1 - p.threshold, minRequests);
  if (from === null) return { ...base, ...NEVER };
  if (from === 0) return { ...base, ...NOTHING_TO_TIME };
  let s = from;
  while (s < requests.length && notLocal[s]) s++;
  if (requests.length - s < minRequests) return { ...base, ...NEVER };
  return { ...base, ...between(requests[s - 1]!, requests[s]!, p.healedAtMs) };
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
  const m = measureFailback({ records: ctx.log.records, entry: e.entry, healedAtMs: healed, endMs: ctx.endedAtMs, threshold: e.localShareAtLeast, minRequests: e.minRequests });
  const n = m.requests.length;
  if (n === 0) return notMeasured(e, expected, `no request entering ${e.entry} started ${after}`);
  const served = `${count(m.local)} of ${count(n)} requests entering ${e.entry} ${after} were served by ${e.entry} (${percent(m.local / n)})`;
  const runs = `window of ${count(m.minRequests)} consecutive requests`;
  const base = { id: e.id, kind: e.kind, expected, source: e.source, bound: null };

  if (m.ms === null) {
    const sentence = m.tooFew
      ? `only ${count(n)} requests entering ${e.entry} started ${after}, fewer than the ${count(m.minRequests)} a local share is judged on: ${served}: local traffic was never shown to come back.`
      : m.local === 0
        ? `no request entering ${e.entry} ${after} was served by ${e.entry} (0 of ${count(n)}): local traffic never came back.`
        : `the local share never stayed at ${th} or above over every ${runs} to the end of the run: ${served}: local traffic never came back for good.`;
    return { ...base, measured: 'never', value: null, pass: false, sentence };
  }
  if (m.before === undefined || m.after === undefined) {
    const sentence = `every ${runs} entering ${e.entry} ${after} had a local share of ${th} or more: ${served}: failback took no measurable time.`;
    return { ...base, measured: seconds(0), value: 0, pass: true, bound: 0, sentence };
  }
  const pass = withinLimit(m, e.expected.max);
  const over = pass ? '' : m.ms - m.boundMs > e.expected.max ? `, ${seconds(m.ms - e.expected.max)} longer than the ${seconds(e.expected.max)} allowed` : `, which reaches past the ${seconds(e.expected.max)} allowed`;
  const rest = m.requests.filter((r) => r.startMs >= m.after!.startMs);
  const restLocal = rest.filter(isLocal).length;
  const sentence =
    `local traffic came back ${secondsWithin(m.ms, m.boundMs)} after ${e.fault} healed${over}: the first request served by ${e.entry} from which every ${runs} ` +
    `had a local share of ${th} or more started at ${relPrecise(ctx, m.after.startMs)} s, the request before it at ${relPrecise(ctx, m.before.startMs)} s ` +
    `(${secondsPrecise(m.ms - m.boundMs)}–${secondsPrecise(m.ms + m.boundMs)} after the heal); from then to the end of the run ${count(restLocal)} of ${count(rest.length)} ` +
    `requests entering ${e.entry} were served by ${e.entry} (${percent(restLocal / rest.length)}).`;
  return { ...base, measured: secondsWithin(m.ms, m.boundMs), value: m.ms / 1000, bound: m.boundMs / 1000, pass, sentence };
}

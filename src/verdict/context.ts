// What every expectation is judged against: the requests, t0, when the load ended,
// and each fault as it actually happened. Also the "not measured" result they share.
import type { RequestLog } from '../load/request-record.js';
import type { Expectation, Scenario, TimelineEntry } from '../scenario/schema.js';
import type { CalibrationResult } from './overhead.js';
import type { ExpectationResult, FaultTimes } from './types.js';

export interface JudgeContext {
  readonly scenario: Scenario;
  /** Epoch ms of the first request. */
  readonly t0: number;
  /** Epoch ms the load ended (t0 + duration, earlier if interrupted). */
  readonly endedAtMs: number;
  readonly log: RequestLog;
  readonly faults: readonly FaultTimes[];
  /** The components' events (gateway retries among them), epoch ms. */
  readonly events: readonly { readonly t: number; readonly source: string; readonly kind: string }[];
  /** The testbed's own overhead per path (latency is judged net of it); undefined: not calibrated. */
  readonly calibration?: CalibrationResult | undefined;
}

export type ExpectationOf<K extends Expectation['kind']> = Extract<Expectation, { kind: K }>;

/** Seconds since t0 as the report writes them: "71.0". */
export function rel(ctx: JudgeContext, ms: number): string {
  return ((ms - ctx.t0) / 1000).toFixed(1);
}

/** Seconds since t0 with two decimals, for times known to a request: "71.04". */
export function relPrecise(ctx: JudgeContext, ms: number): string {
  return ((ms - ctx.t0) / 1000).toFixed(2);
}

export function faultOf(ctx: JudgeContext, id: string): { entry: TimelineEntry | undefined; times: FaultTimes | undefined } {
  return { entry: ctx.scenario.timeline.find((t) => t.id === id), times: ctx.faults.find((f) => f.id === id) };
}

/** "outage" for a cluster outage; "fault" for anything else. */
export function faultNoun(entry: TimelineEntry | undefined): string {
  return entry?.fault.kind === 'cluster-outage' ? 'outage' : 'fault';
}

export function notMeasured(e: Expectation, expected: string, reason: string): ExpectationResult {
  return { id: e.id, kind: e.kind, expected, measured: 'not measured', value: null, pass: false, sentence: `not measured: ${reason}`, source: e.source };
}

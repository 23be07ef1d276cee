// The latency expectation: a percentile of the end-to-end latency of one path
// (entry region → serving region) must land in a band (RUNBOOK §4's table).
import type { JudgeContext, ExpectationOf } from './context.js';
import { count } from './format.js';
import { percentile } from './latency.js';
import type { ExpectationResult } from './types.js';

const P = { p50: 50, p95: 95, p99: 99 } as const;

const band = (b: { min?: number | undefined; max?: number | undefined }) =>
  b.min !== undefined && b.max !== undefined ? `${b.min}–${b.max} ms` : b.min !== undefined ? `≥ ${b.min} ms` : `≤ ${b.max} ms`;

export function judgeLatency(e: ExpectationOf<'latency'>, ctx: JudgeContext): ExpectationResult {
  const from = ctx.t0 + (e.window?.from ?? 0);
  const to = Math.min(ctx.t0 + (e.window?.to ?? ctx.scenario.load.duration), ctx.endedAtMs);
  const durations = ctx.log.records
    .filter((r) => r.entry === e.entry && r.servedRegion === e.served && (r.outcome === 'served-local' || r.outcome === 'served-remote') && r.startMs >= from && r.startMs < to)
    .map((r) => r.durationMs)
    .sort((a, b) => a - b);
  const expected = band(e.expected);
  const path = `${e.entry} → ${e.served}`;
  const v = percentile(durations, P[e.percentile]);
  if (v === null) {
    return { id: e.id, kind: e.kind, expected, measured: 'not measured', value: null, pass: false, sentence: `no request entering ${e.entry} was served by ${e.served} in the window, so the ${path} latency was not measured.`, source: e.source };
  }
  const pass = (e.expected.min === undefined || v >= e.expected.min) && (e.expected.max === undefined || v <= e.expected.max);
  const ms = `${v.toFixed(1)} ms`;
  return {
    id: e.id,
    kind: e.kind,
    expected,
    measured: ms,
    value: v,
    pass,
    sentence: `${e.percentile} of ${count(durations.length)} requests on the path ${path} was ${ms}, ${pass ? 'inside' : 'outside'} the expected ${expected}.`,
    source: e.source,
  };
}

// The latency expectation: a percentile of one path's latency (entry region → serving
// region) must land in a band (RUNBOOK §4's table). The band is what the network adds,
// so a calibrated run is judged on the latency net of the testbed's own median overhead
// on that path (verdict/overhead.ts); an uncalibrated one on the latency as measured,
// and says so.
import type { JudgeContext, ExpectationOf } from './context.js';
import { count } from './format.js';
import { percentile, sortedCopy } from './latency.js';
import { netOf, overheadFor, unsteady } from './overhead.js';
import type { ExpectationResult } from './types.js';

const P = { p50: 50, p95: 95, p99: 99 } as const;

const band = (b: { min?: number | undefined; max?: number | undefined }) =>
  b.min !== undefined && b.max !== undefined ? `${b.min}–${b.max} ms` : b.min !== undefined ? `≥ ${b.min} ms` : `≤ ${b.max} ms`;

const ms = (v: number): string => `${v.toFixed(1)} ms`;

/** A caution when the machine's other work disturbed the calibration burst. */
function busy(ctx: JudgeContext): string {
  const c = ctx.calibration;
  if (!c || !unsteady(c) || !c.secondMedians) return '';
  return ` Caution: the calibration's per-second medians ranged ${ms(c.secondMedians.min)}–${ms(c.secondMedians.max)}, so the machine was busy while it ran and the overhead the load met may differ.`;
}

export function judgeLatency(e: ExpectationOf<'latency'>, ctx: JudgeContext): ExpectationResult {
  const from = ctx.t0 + (e.window?.from ?? 0);
  const to = Math.min(ctx.t0 + (e.window?.to ?? ctx.scenario.load.duration), ctx.endedAtMs);
  const durations = ctx.log.records
    .filter((r) => r.entry === e.entry && r.servedRegion === e.served && (r.outcome === 'served-local' || r.outcome === 'served-remote') && r.startMs >= from && r.startMs < to)
    .map((r) => r.durationMs);
  const expected = band(e.expected);
  const path = `${e.entry} → ${e.served}`;
  const measured = percentile(sortedCopy(durations), P[e.percentile]);
  if (measured === null) {
    return { id: e.id, kind: e.kind, expected, measured: 'not measured', value: null, pass: false, sentence: `no request entering ${e.entry} was served by ${e.served} in the window, so the ${path} latency was not measured.`, source: e.source };
  }
  const o = overheadFor(ctx.calibration, e.entry, e.served);
  const overhead = o?.overhead.p50;
  const v = overhead === undefined ? measured : netOf(measured, overhead)!;
  const pass = (e.expected.min === undefined || v >= e.expected.min) && (e.expected.max === undefined || v <= e.expected.max);
  const where = `${pass ? 'inside' : 'outside'} the expected ${expected}`;
  const of = `${e.percentile} of ${count(durations.length)} requests on the path ${path}`;
  const why = ctx.calibration === undefined ? 'the run made no calibration' : `the calibration burst got no answer through ${e.entry}`;
  const sentence =
    o === undefined || overhead === undefined
      ? `${of} was ${ms(v)}, ${where}; ${why}, so this includes the testbed's own overhead (entry link, LB, gateway, Toxiproxy, k6).`
      : `${of} was ${ms(measured)} as measured, ${ms(v)} net of the testbed's own ${ms(overhead)} (its median on ${o.exact ? 'this path' : `every path from ${e.entry}: the calibration never took this one`}, with every link but the entry link at 0 ms), ${where}.${busy(ctx)}`;
  return { id: e.id, kind: e.kind, expected, measured: o === undefined ? ms(v) : `${ms(v)} net (${ms(measured)} measured)`, value: v, pass, sentence, source: e.source };
}

// The retries expectation: how many retries a region's gateways made per request that
// entered the region in a window, counted from the gateways' own retry events (one
// per retry attempt, as Envoy's upstream_rq_retry counter counts them).
import type { ExpectationOf, JudgeContext } from './context.js';
import { count, ratio, ratioBand } from './format.js';
import type { ExpectationResult } from './types.js';
import { countIn } from './windows.js';
import { isGatewayOf } from '../topology/names.js';

export function judgeRetries(e: ExpectationOf<'retries'>, ctx: JudgeContext): ExpectationResult {
  const from = ctx.t0 + e.window.from;
  const to = Math.min(ctx.t0 + e.window.to, ctx.endedAtMs);
  const expected = ratioBand(e.expected);
  const requests = countIn(ctx.log.records, e.entry, from, to).total;
  const retries = ctx.events.filter((v) => v.kind === 'retry' && isGatewayOf(e.entry, v.source) && v.t >= from && v.t < to).length;
  const base = { id: e.id, kind: e.kind, expected, source: e.source };
  const span = `between ${e.window.from / 1000} and ${e.window.to / 1000} s`;
  if (requests === 0) return { ...base, measured: 'not measured', value: null, pass: false, sentence: `no request entered ${e.entry} ${span}, so retries per request were not measured.` };
  const v = retries / requests;
  const pass = (e.expected.min === undefined || v >= e.expected.min) && (e.expected.max === undefined || v <= e.expected.max);
  return {
    ...base,
    measured: ratio(v),
    value: v,
    pass,
    sentence: `the ${e.entry} gateways retried ${count(retries)} times for ${count(requests)} requests ${span}: ${ratio(v)} per request, ${pass ? 'inside' : 'outside'} the expected ${expected}.`,
  };
}

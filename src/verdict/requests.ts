// Counting every request in exactly one outcome (errors split by status), and the
// request-accounting expectation: k6's own count = records = sum of outcomes.
import type { RequestLog } from '../load/request-record.js';
import type { ExpectationOf } from './context.js';
import { count, plural } from './format.js';
import type { ExpectationResult, RequestCounts } from './types.js';

export function countRequests(log: RequestLog): RequestCounts {
  const by = { 'served-local': 0, 'served-remote': 0, fallback: 0, timeout: 0 };
  const error: Record<string, number> = {};
  for (const r of log.records) {
    if (r.outcome === 'error') error[String(r.status)] = (error[String(r.status)] ?? 0) + 1;
    else by[r.outcome]++;
  }
  return { total: log.records.length, byOutcome: { ...by, error }, droppedIterations: log.droppedIterations };
}

/** The sum of every outcome count, errors of every status included. */
export function sumOfOutcomes(c: RequestCounts): number {
  const b = c.byOutcome;
  return b['served-local'] + b['served-remote'] + b.fallback + b.timeout + Object.values(b.error).reduce((a, n) => a + n, 0);
}

export function outcomeList(c: RequestCounts): string {
  const b = c.byOutcome;
  const errors = Object.entries(b.error).sort((x, y) => y[1] - x[1]).map(([s, n]) => `${plural(n, 'error')} with status ${s === '0' ? '0 (transport)' : s}`);
  return [`${count(b['served-local'])} served-local`, `${count(b['served-remote'])} served-remote`, `${count(b.fallback)} fallback`, `${count(b.timeout)} timeout`, ...errors].join(', ');
}

export function judgeAccounting(e: ExpectationOf<'request-accounting'>, log: RequestLog, counts: RequestCounts): ExpectationResult {
  if (log.countsFrom === 'none') {
    const sentence = `k6 left no end-of-test summary (raw/k6-summary.json; it was killed, or never started), so its own count of the requests it sent is unknown; ${count(log.records.length)} were recorded.`;
    return { id: e.id, kind: e.kind, expected: 'sent = recorded = sum of outcomes', measured: 'not measured', value: null, pass: false, sentence, source: e.source };
  }
  const sent = log.httpReqs;
  const recorded = log.records.length;
  const summed = sumOfOutcomes(counts);
  const pass = sent === recorded && recorded === summed && sent > 0;
  const dropped =
    log.droppedIterations > 0
      ? ` k6 also dropped ${plural(log.droppedIterations, 'iteration')} for want of a free VU: those requests were never sent, so raise vus.max or lower the timeout.`
      : '';
  let sentence: string;
  if (sent === 0) sentence = 'k6 sent no request at all, so there is nothing to account for.';
  else if (pass) sentence = `k6 sent ${plural(sent, 'request')} and each is in exactly one outcome: ${outcomeList(counts)}.`;
  else {
    const diff = sent - recorded;
    const gap = diff > 0 ? `${plural(diff, 'request')} k6 sent ${diff === 1 ? 'is' : 'are'} missing from the per-request log` : `the log holds ${plural(-diff, 'request')} more than k6 counted`;
    sentence = `k6 counted ${plural(sent, 'request')} (http_reqs) but ${count(recorded)} were recorded (rl_request) and the outcomes add up to ${count(summed)}: ${gap}.`;
  }
  return {
    id: e.id,
    kind: e.kind,
    expected: 'sent = recorded = sum of outcomes',
    measured: pass ? `${count(sent)} = ${count(recorded)} = ${count(summed)}` : `${count(sent)} sent, ${count(recorded)} recorded, ${count(summed)} in outcomes`,
    value: sent - recorded,
    pass,
    sentence: sentence + dropped,
    source: e.source,
  };
}

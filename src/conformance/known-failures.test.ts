// Known failures: marked rows that fail are xfail, marked rows that pass are xpass (the
// mark is stale), a case-wide mark tolerates passing rows as long as one row fails.
import { describe, expect, it } from 'vitest';
import { outcomeOf } from './known-failures.js';
import { caseSchema, type ConformanceCase } from './schema.js';
import type { RequestResult } from './types.js';

function kase(knownFailures: unknown[]): ConformanceCase {
  return caseSchema.parse({
    name: 'k', description: 'd', source: { repo: 'a/b', path: 'p', ref: 'r' },
    manifests: [{ apiVersion: 'v1', kind: 'Ingress', metadata: { name: 'x' } }],
    requests: [{ name: 'a', request: { path: '/' }, expect: { status: 200 } }, { name: 'b', request: { path: '/' }, expect: { status: 200 } }],
    knownFailures,
  });
}
const row = (request: string, failed: boolean): RequestResult => ({ request, sent: '', expected: '', got: '', outcome: 'pass', problems: failed ? ['differs'] : [] });
const outcomes = (c: ConformanceCase, rows: RequestResult[], higress: '2.1' | '2.2' = '2.1') => outcomeOf(c, 'model', higress, rows).map((r) => r.outcome);
const REASON = 'the model does not read this annotation at all';

describe('outcomeOf', () => {
  it('GIVEN no mark THEN failing rows fail and passing rows pass', () => {
    expect(outcomes(kase([]), [row('a', true), row('b', false)])).toEqual(['fail', 'pass']);
  });

  it('GIVEN a mark naming a request THEN it is xfail when it fails and xpass when it passes', () => {
    const c = kase([{ dataPlane: 'model', requests: ['a'], reason: REASON }]);
    expect(outcomes(c, [row('a', true), row('b', true)])).toEqual(['xfail', 'fail']);
    expect(outcomes(c, [row('a', false), row('b', false)])).toEqual(['xpass', 'pass']);
  });

  it('GIVEN a case-wide mark THEN failing rows are xfail, passing ones pass, and all passing is xpass', () => {
    const c = kase([{ dataPlane: 'model', reason: REASON }]);
    expect(outcomes(c, [row('a', true), row('b', false)])).toEqual(['xfail', 'pass']);
    expect(outcomes(c, [row('a', false), row('b', false)])).toEqual(['xpass', 'xpass']);
  });

  it('GIVEN a mark for another profile or data plane THEN it does not apply', () => {
    expect(outcomes(kase([{ dataPlane: 'model', higress: ['2.2'], reason: REASON }]), [row('a', true)], '2.1')).toEqual(['fail']);
    expect(outcomes(kase([{ dataPlane: 'envoy', reason: REASON }]), [row('a', true)])).toEqual(['fail']);
  });

  it('GIVEN a marked row THEN it carries the reason', () => {
    expect(outcomeOf(kase([{ dataPlane: 'model', reason: REASON }]), 'model', '2.1', [row('a', true)])[0]?.knownReason).toBe(REASON);
  });
});

// The three renderings of a conformance result: the text table (rows, reasons under a
// failure, known failures once per case with their profiles, the summary), JSON that
// reads back as the result, and JUnit with failures, skipped known failures and escaping.
import { describe, expect, it } from 'vitest';
import { totalsOf, type CaseRun, type SuiteResult } from '../types.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatText } from './text.js';

const row = (request: string, outcome: 'pass' | 'fail' | 'xfail' | 'xpass', extra: Partial<CaseRun['results'][number]> = {}) => ({
  request, sent: `GET foo.com/${request}`, expected: '200 from v1', got: outcome === 'pass' || outcome === 'xpass' ? '200 from v1' : '404 local reply',
  outcome, problems: outcome === 'fail' || outcome === 'xfail' ? ['status 404, expected 200'] : [], ...extra,
});
const runs: CaseRun[] = [
  { case: 'ingress-match-path', file: 'conformance/ingress-match-path.yaml', higress: '2.1', durationMs: 12, notes: [], results: [row('a', 'pass'), row('b <&>', 'fail')] },
  { case: 'ingress-ignore-path-case', file: 'conformance/ingress-ignore-path-case.yaml', higress: '2.1', durationMs: 5, notes: [], results: [row('c', 'xfail', { knownReason: 'not modelled' })] },
  { case: 'ingress-ignore-path-case', file: 'conformance/ingress-ignore-path-case.yaml', higress: '2.2', durationMs: 5, notes: [], results: [row('c', 'xfail', { knownReason: 'not modelled' })] },
  { case: 'stale', file: 'conformance/stale.yaml', higress: '2.2', durationMs: 5, notes: ['Gateway default/g: not read by the model'], results: [row('d', 'xpass', { knownReason: 'was broken' })] },
];
const suite: SuiteResult = { dataPlane: 'model', higress: ['2.1', '2.2'], startedAt: '2026-12-05T00:00:00.000Z', durationMs: 1234, runs, totals: totalsOf(runs) };

describe('text table', () => {
  const text = formatText(suite);
  it('GIVEN rows THEN each has case, profile, request, expected, got and result', () => {
    expect(text.split('\n')[0]).toMatch(/^CASE\s+HIGRESS\s+REQUEST\s+EXPECTED\s+GOT\s+RESULT$/);
    expect(text).toMatch(/ingress-match-path\s+2\.1\s+a\s+200 from v1\s+200 from v1\s+pass/);
  });
  it('GIVEN a failure and an xpass THEN their reasons follow them; a plain xfail shows no detail', () => {
    expect(text).toContain('    sent: GET foo.com/b <&>\n    - status 404, expected 200');
    expect(text).toContain('a known failure now passes: remove its mark from conformance/stale.yaml');
    expect(text).not.toContain('sent: GET foo.com/c');
  });
  it('GIVEN a known failure on two profiles THEN it is listed once with both', () => {
    expect(text).toContain('  ingress-ignore-path-case (Higress 2.1, 2.2): not modelled');
    expect(text.match(/ingress-ignore-path-case \(/g)).toHaveLength(1);
  });
  it('GIVEN the totals THEN the last line counts them', () => {
    expect(text.trimEnd().split('\n').at(-1)).toBe('conformance on the model data plane, Higress 2.1 and 2.2: 4 case runs, 5 requests: 1 pass, 1 fail, 2 known failures, 1 known failures now passing (1.2 s)');
  });
  it('GIVEN verbose THEN notes are shown', () => expect(formatText(suite, true)).toContain('note: Gateway default/g: not read by the model'));
});

describe('json', () => {
  it('GIVEN a result THEN the JSON reads back as it', () => expect(JSON.parse(formatJson(suite))).toEqual(JSON.parse(JSON.stringify(suite))));
});

describe('junit', () => {
  const xml = formatJunit(suite);
  it('GIVEN two profiles THEN one testsuite each, with tests, failures and skipped counted', () => {
    expect(xml).toContain('<testsuites name="region-lab conformance" tests="5" failures="2" errors="0" time="1.234">');
    expect(xml).toMatch(/<testsuite name="conformance on Higress 2\.1 \(model\)" tests="3" failures="1" errors="0" skipped="1"/);
    expect(xml).toMatch(/<testsuite name="conformance on Higress 2\.2 \(model\)" tests="2" failures="1" errors="0" skipped="1"/);
  });
  it('GIVEN a fail, an xfail and an xpass THEN failure, skipped and failure elements, text escaped', () => {
    expect(xml).toContain('name="ingress-match-path b &lt;&amp;&gt;"');
    expect(xml).toContain('<failure type="conformance" message="status 404, expected 200">');
    expect(xml).toContain('<skipped message="known failure: not modelled">');
    expect(xml).toContain('<failure type="known-failure-passes" message="a known failure now passes; remove its mark: was broken">');
  });
});

// Pins how a run's verdict reads against a scenario's declared known outcome, and how
// repeats summarise the spread of each measured figure.
import { describe, expect, it } from 'vitest';
import { claimOutcome } from '../../src/run/outcome.js';
import { formatSpread, repeatExitCode, repeatScenario, spreadOf } from '../../src/run/repeat.js';
import type { Scenario } from '../../src/scenario/schema.js';

const scenario = (knownOutcome?: Scenario['knownOutcome']) => ({ name: 's', knownOutcome }) as Scenario;

describe('claimOutcome', () => {
  it('GIVEN no declaration THEN a failed verdict is unexpected', () => {
    const c = claimOutcome(scenario(), 'fail', '2.1');
    expect(c).toMatchObject({ claimHolds: false, declared: undefined, asExpected: false });
    expect(c.sentence).toBe("the runbook's claim does not hold on Higress 2.1.");
  });
  it('GIVEN a claim declared false WHEN the evidence says false THEN it is as expected and names the companion', () => {
    const c = claimOutcome(scenario({ claimHolds: false, reason: 'weight 0 is dropped.', companion: 'weight-zero-fixed' }), 'fail', '2.1');
    expect(c.asExpected).toBe(true);
    expect(c.sentence).toMatch(/does not hold on Higress 2\.1, as this scenario declares: weight 0 is dropped\. What makes it hold: see scenario weight-zero-fixed\./);
  });
  it('GIVEN a claim declared false WHEN the evidence says it holds THEN it is UNEXPECTED', () => {
    const c = claimOutcome(scenario({ claimHolds: false, reason: 'r' }), 'pass', '2.2');
    expect(c.asExpected).toBe(false);
    expect(c.sentence).toMatch(/^UNEXPECTED/);
  });
});

describe('spreadOf', () => {
  it('GIVEN five runs THEN each figure has min, median and max, and "never" stays null', () => {
    const runs = [12.1, 9.8, 11.0, null, 10.4].map((v) => ({ verdict: 'fail', expectations: [{ id: 'failover', value: v, pass: false }] }));
    const r = spreadOf(runs);
    expect(r.sameVerdict).toBe(true);
    expect(r.figures[0]).toMatchObject({ id: 'failover', min: 9.8, median: 10.4, max: 12.1, passes: 0 });
    expect(formatSpread(r)).toMatch(/failover: min 9\.800, median 10\.400, max 12\.100; passed 0\/5; values 12\.100, 9\.800, 11, never, 10\.400/);
  });
  it('GIVEN verdicts that differ THEN it says so', () => {
    const r = spreadOf([{ verdict: 'pass', expectations: [] }, { verdict: 'fail', expectations: [] }]);
    expect(formatSpread(r)).toMatch(/NOT the same every time/);
    expect(repeatExitCode(r)).toBe(1);
  });
  it('GIVEN runs that gave no verdict THEN the series is exit 3 and says which, never a quiet 0; Ctrl-C is 130', async () => {
    const outs = [{ exitCode: 3, line: 'x' }, { exitCode: 2, line: 'y' }];
    const r = await repeatScenario(2, async () => outs.shift()!, () => {});
    expect(r).toMatchObject({ runs: 0, unjudged: [3, 2] });
    expect(repeatExitCode(r)).toBe(3);
    expect(formatSpread(r)).toMatch(/2 more runs gave no verdict \(exit 3, 2\)/);
    const stopped = await repeatScenario(3, async () => ({ exitCode: 130, line: 'z' }), () => {});
    expect(repeatExitCode(stopped)).toBe(130);
    expect(repeatExitCode(spreadOf([{ verdict: 'pass', expectations: [] }]))).toBe(0);
  });
});

describe('parseArgs', () => {
  it('GIVEN long and short valued options THEN both are read and the rest is positional', async () => {
    const { parseArgs } = await import('../../src/cli-args.js');
    expect(parseArgs(['region-outage', '-n', '3', '--target=kind', '--verbose'], ['n', 'target'])).toEqual({ positional: ['region-outage'], options: { n: '3', target: 'kind' } });
  });
});

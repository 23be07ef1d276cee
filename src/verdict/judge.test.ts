// GIVEN the region-outage scenario and synthetic runs (healthy, never failing over,
// interrupted, lost requests) WHEN judged THEN expected/measured read with units and
// every sentence states its evidence.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Outcome } from '../load/request-record.js';
import { scenarioSchema } from '../scenario/schema.js';
import { judge } from './judge.js';
import { syntheticLog } from './synthetic.js';

const scenario = scenarioSchema.parse(parse(readFileSync(new URL('../../scenarios/region-outage.yaml', import.meta.url), 'utf8')));
const t0 = 1_795_000_000_000;
const at = (s: number) => t0 + s * 1000;
const byId = (j: ReturnType<typeof judge>) => Object.fromEntries(j.expectations.map((e) => [e.id, e]));

/** 10 rps for 150 s; i < 8 of each second local in steady state (80/20). */
function run(during: (s: number, i: number) => Outcome, after: (s: number, i: number) => Outcome = (_s, i) => (i < 8 ? 'served-local' : 'served-remote')) {
  return syntheticLog({
    t0,
    rate: 10,
    seconds: 150,
    outcome: (s, i) => (s < 50 ? (i < 8 ? 'served-local' : 'served-remote') : s < 110 ? during(s, i) : after(s, i)),
  });
}
const faults = [{ id: 'south-down', appliedAtMs: at(50), healedAtMs: at(110) }];

describe('judge', () => {
  it('passes a run that fails over in 12 s and back in 3 s', () => {
    const log = run((s, i) => (s < 62 && i < 8 ? 'error' : 'served-remote'), (s, i) => (s < 113 || i >= 8 ? 'served-remote' : 'served-local'));
    const j = judge({ scenario, t0, faults, log });
    const e = byId(j);
    expect(j.verdict).toBe('pass');
    expect(e.proximity).toBeUndefined();
    expect(e['proximity-steady']).toMatchObject({ expected: '0.72–0.88', measured: '0.800', pass: true });
    expect(e['proximity-steady']!.sentence).toContain('320 of 400 requests entering south between 10 and 50 s were served by south');
    // the last failure started at 61.7 s, the next request (served) at 61.8 s
    expect(e.failover).toMatchObject({ expected: '≤ 18.0 s', measured: '11.75 s ± 0.05 s', value: 11.75, bound: 0.05, pass: true });
    expect(e.failover!.sentence).toContain('started at 61.70 s and the next request at 61.80 s (11.70 s–11.80 s after the fault)');
    expect(e.failover!.sentence).toContain('up to it 96 of 118 requests failed, and from then until south-down healed at 110.0 s every window of 101 consecutive requests stayed below 1%');
    // the first local answer at 113.0 s, the request before it (remote) at 112.9 s
    expect(e.failback).toMatchObject({ expected: '≤ 13.0 s', measured: '2.95 s ± 0.05 s', value: 2.95, bound: 0.05, pass: true });
    expect(e.failback!.sentence).toContain('started at 113.00 s, the request before it at 112.90 s');
    expect(e.accounting).toMatchObject({ measured: '1,500 = 1,500 = 1,500', pass: true });
    expect(j.requests.total).toBe(1500);
    expect(j.timeSeries).toHaveLength(150);
    expect(j.paths.map((p) => p.path)).toEqual(['south → north', 'south → south', 'south → error']);
  });

  it('says plainly when traffic never failed over', () => {
    const log = run((_s, i) => (i < 8 ? 'error' : 'served-remote'));
    const e = byId(judge({ scenario, t0, faults, log }));
    expect(e.failover).toMatchObject({ measured: 'never', value: null, pass: false });
    expect(e.failover!.sentence).toBe(
      'the error rate stayed at 80% for the whole of the 60 s outage (50.0–110.0 s): 480 of 600 requests entering south failed and no window of 101 consecutive requests fell below 1%: traffic never failed over.',
    );
  });

  it('fails a slow failover and says by how much', () => {
    const log = run((s, i) => (s < 71 && i < 5 ? 'timeout' : 'served-remote'));
    const e = byId(judge({ scenario, t0, faults, log }));
    expect(e.failover).toMatchObject({ measured: '20.45 s ± 0.05 s', pass: false });
    expect(e.failover!.sentence).toContain('2.5 s longer than the 18.0 s allowed');
  });

  it('reports an instant failover as 0 s', () => {
    const log = run(() => 'served-remote');
    const e = byId(judge({ scenario, t0, faults, log }));
    expect(e.failover).toMatchObject({ measured: '0.0 s', value: 0, bound: 0, pass: true });
    expect(e.failover!.sentence).toContain('no window of 101 consecutive requests entering south during the 60 s outage (50.0–110.0 s) had an error rate of 1% or more');
  });

  it('says local traffic never came back when the local share stays low', () => {
    const log = run(() => 'served-remote', () => 'served-remote');
    const e = byId(judge({ scenario, t0, faults, log }));
    expect(e.failback).toMatchObject({ measured: 'never', pass: false });
    expect(e.failback!.sentence).toBe('no request entering south after south-down healed at 110.0 s was served by south (0 of 400): local traffic never came back.');
  });

  it('does not measure what an interrupted run never reached', () => {
    const log = syntheticLog({ t0, rate: 10, seconds: 30, outcome: () => 'served-local' });
    const j = judge({ scenario, t0, faults: [{ id: 'south-down' }], log, endedAtMs: at(30) });
    const e = byId(j);
    expect(j.verdict).toBe('fail');
    expect(e.failover).toMatchObject({ measured: 'not measured', pass: false, sentence: 'not measured: the run ended before south-down was applied (planned at 50 s)' });
    expect(e.failback!.sentence).toBe('not measured: the run ended before south-down was applied (planned at 50 s)');
    expect(e['proximity-steady']!.sentence).toBe('not measured: the run ended at 30.0 s, before the window 10–50 s closed');
    expect(e.accounting!.pass).toBe(true);
  });

  it('does not time a failback for a fault that had not healed when the run ended', () => {
    const log = run((s, i) => (s < 55 && i < 8 ? 'error' : 'served-remote'));
    const e = byId(judge({ scenario, t0, faults: [{ id: 'south-down', appliedAtMs: at(50) }], log: { ...log, records: log.records.filter((r) => r.startMs < at(80)), httpReqs: 800 }, endedAtMs: at(80) }));
    expect(e.failback!.sentence).toBe('not measured: the run ended before south-down healed (planned at 110 s)');
    expect(e.failover!.sentence).toContain('until the load ended at 80.0 s');
  });

  it('takes an interrupted run to end with the second of its last request', () => {
    const log = syntheticLog({ t0, rate: 10, seconds: 30, outcome: () => 'served-local' });
    const e = byId(judge({ scenario, t0, faults: [{ id: 'south-down' }], log }));
    expect(e['proximity-steady']!.sentence).toBe('not measured: the run ended at 30.0 s, before the window 10–50 s closed');
  });

  it('fails accounting when k6 sent more requests than were recorded', () => {
    const log = run(() => 'served-remote');
    const e = byId(judge({ scenario, t0, faults, log: { ...log, httpReqs: 1512, droppedIterations: 3 } }));
    expect(e.accounting).toMatchObject({ pass: false, measured: '1,512 sent, 1,500 recorded, 1,500 in outcomes' });
    expect(e.accounting!.sentence).toContain('12 requests k6 sent are missing from the per-request log');
    expect(e.accounting!.sentence).toContain('dropped 3 iterations');
  });

  it('fails everything but accounting when no request was made', () => {
    const j = judge({ scenario, t0: undefined, faults: [], log: { records: [], httpReqs: 0, droppedIterations: 0 } });
    expect(j.verdict).toBe('fail');
    expect(j.expectations.map((e) => e.measured)).toEqual(['not measured', 'not measured', 'not measured', '0 sent, 0 recorded, 0 in outcomes']);
    expect(j.expectations[1]!.expected).toBe('≤ 18.0 s');
  });
});

// GIVEN synthetic request lists WHEN failover and failback are timed at request
// resolution THEN the time is the switch between two requests ± half their gap, with
// the edge cases docs/scenarios.md names: no failure, never, a lone late failure, jitter.
import { describe, expect, it } from 'vitest';
import type { Outcome, RequestRecord } from '../load/request-record.js';
import { measureFailback } from './failback.js';
import { measureFailover } from './failover.js';
import { failbackMinRequests, failoverMinRequests, firstSettledIndex, lastBadInBadWindow } from './settle.js';
import { syntheticLog, syntheticRecord } from './synthetic.js';

const t0 = 1_795_000_000_000;
const at = (s: number) => t0 + s * 1000;
const flags = (s: string) => Uint8Array.from(s, (c) => (c === 'x' ? 1 : 0));
const clean = (n: number) => '.'.repeat(n);

describe('the fewest requests a window is judged on', () => {
  it('GIVEN an error-rate threshold THEN it is the smallest count in which one failure is below it', () => {
    expect([0.01, 0.05, 0.03, 0.1, 1].map(failoverMinRequests)).toEqual([101, 21, 34, 11, 2]);
    expect(failoverMinRequests(0)).toBe(Number.POSITIVE_INFINITY);
  });
  it('GIVEN a local-share threshold THEN it is 100, or more when one non-local request in 100 would be too many', () => {
    expect([0.6, 0.9, 0.99, 0.995, 1].map((s) => failbackMinRequests(s))).toEqual([100, 100, 100, 200, 100]);
  });
});

describe('lastBadInBadWindow (failover)', () => {
  it('GIVEN no failure or lone failures no window holds at the rate THEN there is none', () => {
    expect(lastBadInBadWindow(flags(clean(300)), 0.01, 101)).toBeUndefined();
    expect(lastBadInBadWindow(flags(`${clean(50)}x${clean(120)}x${clean(150)}`), 0.01, 101)).toBeUndefined();
  });
  it('GIVEN a burst then clean requests THEN it is the burst\'s last failure', () => {
    expect(lastBadInBadWindow(flags(`xxxx.x${clean(300)}`), 0.01, 101)).toBe(5);
  });
  it('GIVEN two failures closer than a window after the burst THEN the later one counts (a relapse)', () => {
    expect(lastBadInBadWindow(flags(`xxx${clean(200)}x${clean(60)}x${clean(200)}`), 0.01, 101)).toBe(264);
  });
  it('GIVEN fewer requests than a window THEN nothing can be judged', () => {
    expect(lastBadInBadWindow(flags('xxxx'), 0.01, 101)).toBeUndefined();
  });
});

describe('firstSettledIndex (failback)', () => {
  it('GIVEN every window within the share from the start THEN 0', () => {
    expect(firstSettledIndex(flags('....x'.repeat(60)), 0.4, 100)).toBe(0);
  });
  it('GIVEN a bad prefix THEN the first index from which every window is within the share', () => {
    const i = firstSettledIndex(flags(`${'x'.repeat(50)}${'....x'.repeat(60)}`), 0.4, 100);
    // windows starting a little before the switch still average above 60%
    expect(i).toBeGreaterThan(0);
    expect(i).toBeLessThanOrEqual(50);
  });
  it('GIVEN the share still low at the end THEN null', () => {
    expect(firstSettledIndex(flags(`${'....x'.repeat(60)}${'x'.repeat(80)}`), 0.4, 100)).toBeNull();
  });
});

/** 40 requests/s for 40 s into the south; the fault from 10 s to 30 s. */
function failover(outcome: (s: number, i: number) => Outcome, records?: RequestRecord[]) {
  return measureFailover({
    records: records ?? syntheticLog({ t0, rate: 40, seconds: 40, outcome }).records,
    entry: 'south',
    appliedAtMs: at(10),
    untilMs: at(30),
    threshold: 0.01,
  });
}
const remote: Outcome = 'served-remote';

describe('measureFailover', () => {
  it('GIVEN no failure at all THEN 0 s, exactly', () => {
    expect(failover(() => remote)).toMatchObject({ ms: 0, boundMs: 0, failed: 0 });
  });

  it('GIVEN every request failing until 0.5 s after the fault THEN 0.49 s ± half a request interval, not a window\'s 4 s', () => {
    // the brief's case: the old 4-s windows reported 4.0 s
    const m = failover((s, i) => (s === 10 && i < 20 ? 'error' : remote));
    expect(m.before!.startMs).toBe(at(10.475)); // the 20th request of second 10, the last that failed
    expect(m.after!.startMs).toBe(at(10.5));
    expect(m.ms).toBe(487.5);
    expect(m.boundMs).toBe(12.5);
  });

  it('GIVEN 80% of requests failing (the 80/20 weights) until 7 s after the fault THEN the switch lies before the first clean request', () => {
    const m = failover((s, i) => (s >= 10 && s < 17 && i % 5 !== 4 ? 'error' : remote));
    expect(m.before!.startMs).toBe(at(16.95));
    expect(m.after!.startMs).toBe(at(16.975));
  });

  it('GIVEN a lone late failure THEN it does not move the failover time', () => {
    const base = failover((s, i) => (s === 10 && i < 20 ? 'error' : remote));
    const lone = failover((s, i) => ((s === 10 && i < 20) || (s === 25 && i === 7) ? 'error' : remote));
    expect(lone.ms).toBe(base.ms);
    expect(lone.failed).toBe(base.failed + 1);
  });

  it('GIVEN a relapse of failures 10 s later THEN failover is timed from its last failure', () => {
    const m = failover((s, i) => ((s === 10 && i < 20) || (s === 20 && i >= 10 && i < 15) ? 'error' : remote));
    expect(m.before!.startMs).toBe(at(20.35));
  });

  it('GIVEN errors until the fault heals THEN never', () => {
    const m = failover((s, i) => (s >= 10 && i % 2 === 0 ? 'error' : remote));
    expect(m.ms).toBeNull();
    expect(m.never).toMatchObject({ tooFew: false });
  });

  it('GIVEN the last failures fewer than a window before the heal THEN never: the rate was not shown to stay below', () => {
    const m = failover((s, i) => ((s === 10 && i < 20) || (s === 29 && i < 3) ? 'error' : remote));
    expect(m.ms).toBeNull();
    expect(m.never?.lastBad?.startMs).toBe(at(29.05));
  });

  it('GIVEN irregular request starts (jitter) THEN the bound is half the real gap to the next request', () => {
    const starts = [0, 13, 61, 70, 118, 160, 171, 240].map((ms) => at(10) + ms);
    const records = [...starts.map((s) => syntheticRecord(s, 'error')), ...Array.from({ length: 200 }, (_v, i) => syntheticRecord(at(10) + 300 + i * 20, remote))];
    const m = failover(() => remote, records);
    expect(m.before!.startMs).toBe(at(10) + 240);
    expect(m.after!.startMs).toBe(at(10) + 300);
    expect([m.ms, m.boundMs]).toEqual([270, 30]);
  });

  it('GIVEN fewer requests during the fault than a window THEN never when one failed, 0 s when none did', () => {
    const few = (o: Outcome) => measureFailover({ records: [syntheticRecord(at(10) + 5, o), syntheticRecord(at(10) + 30, remote)], entry: 'south', appliedAtMs: at(10), untilMs: at(11), threshold: 0.01 });
    expect(few('error')).toMatchObject({ ms: null, never: { tooFew: true } });
    expect(few(remote)).toMatchObject({ ms: 0 });
  });

  it('GIVEN no request during the fault THEN nothing was judged', () => {
    expect(failover(() => remote, [])).toMatchObject({ ms: null, requests: [] });
  });

  it('ignores requests from other entries and after the heal', () => {
    const north = syntheticLog({ t0, rate: 10, seconds: 40, entry: 'north', outcome: () => 'error' }).records;
    const south = syntheticLog({ t0, rate: 40, seconds: 40, outcome: (s, i) => ((s === 10 && i < 20) || s >= 30 ? 'error' : remote) }).records;
    const m = failover(() => remote, [...north, ...south].sort((a, b) => a.startMs - b.startMs));
    expect(m.ms).toBe(487.5);
  });
});

describe('measureFailback', () => {
  /** 40 requests/s for 60 s; healed at 30.3 s; one in five remote in steady state. */
  const failback = (local: (s: number, i: number) => boolean) =>
    measureFailback({
      records: syntheticLog({ t0, rate: 40, seconds: 60, outcome: (s, i) => (local(s, i) && i % 5 !== 4 ? 'served-local' : remote) }).records,
      entry: 'south',
      healedAtMs: at(30) + 300,
      endMs: at(60),
      threshold: 0.6,
    });

  it('GIVEN local traffic back at 34 s THEN failback is the switch before the first local request of 34 s', () => {
    const m = failback((s) => s < 10 || s >= 34);
    expect(m.after!.startMs).toBe(at(34));
    expect(m.before!.startMs).toBe(at(33.975));
    expect([m.ms, m.boundMs]).toEqual([3687.5, 12.5]);
  });

  it('GIVEN the local share back at once THEN 0 s, exactly', () => {
    expect(failback((s) => s < 10 || s >= 30)).toMatchObject({ ms: 0, boundMs: 0 });
  });

  it('GIVEN the local share low again at the end THEN never', () => {
    expect(failback((s) => s < 10 || (s >= 33 && s < 57)).ms).toBeNull();
  });

  it('GIVEN no local request after the heal THEN never', () => {
    expect(failback(() => false)).toMatchObject({ ms: null, local: 0 });
  });

  it('GIVEN a ramp (one of two gateways back first) THEN it is timed from where the share holds, not from the first local answer', () => {
    const m = failback((s, i) => s < 10 || s >= 36 || (s >= 33 && i % 2 === 0));
    expect(m.after!.startMs).toBeGreaterThan(at(33));
    expect(m.after!.startMs).toBeLessThanOrEqual(at(36));
  });

  it('GIVEN fewer requests after the heal than a window, not all local THEN never', () => {
    const m = measureFailback({ records: [syntheticRecord(at(31), remote), syntheticRecord(at(31.5), 'served-local')], entry: 'south', healedAtMs: at(30), endMs: at(32), threshold: 0.6 });
    expect(m).toMatchObject({ ms: null, tooFew: true });
  });
});

// GIVEN synthetic requests WHEN each measurement is computed THEN it follows the
// definitions of DESIGN.md "What is measured", including the edge cases.
import { describe, expect, it } from 'vitest';
import { errorRate } from './error-rate.js';
import { latencyByPath, percentile, timeSeries } from './latency.js';
import { proximityRatio } from './proximity.js';
import { countRequests, sumOfOutcomes } from './requests.js';
import { syntheticLog, syntheticRecord } from './synthetic.js';

const t0 = 1_795_000_000_000;
const at = (s: number) => t0 + s * 1000;

describe('proximityRatio', () => {
  it('is served-local over everything that entered the region in [from, to)', () => {
    const log = syntheticLog({ t0, rate: 10, seconds: 10, outcome: (_s, i) => (i < 8 ? 'served-local' : 'served-remote') });
    const r = proximityRatio(log.records, 'south', at(2), at(5));
    expect(r.ratio).toBeCloseTo(0.8);
    expect(r.counts.total).toBe(30);
  });

  it('counts only requests that entered the given region', () => {
    const south = syntheticLog({ t0, rate: 4, seconds: 2, outcome: () => 'served-local' }).records;
    const north = syntheticLog({ t0, rate: 4, seconds: 2, entry: 'north', remote: 'south', outcome: () => 'served-remote' }).records;
    const all = [...south, ...north].sort((a, b) => a.startMs - b.startMs);
    expect(proximityRatio(all, 'south', at(0), at(2)).ratio).toBe(1);
    expect(proximityRatio(all, 'north', at(0), at(2)).ratio).toBe(0);
  });

  it('is null for a window with no requests', () => {
    const log = syntheticLog({ t0, rate: 5, seconds: 3, outcome: () => 'served-local' });
    expect(proximityRatio(log.records, 'south', at(10), at(20)).ratio).toBeNull();
  });
});

describe('errorRate', () => {
  it('counts errors and timeouts, not fallback answers', () => {
    const log = syntheticLog({ t0, rate: 10, seconds: 1, outcome: (_s, i) => (['error', 'timeout', 'fallback', 'fallback'] as const)[i] ?? 'served-local' });
    const r = errorRate(log.records, 'south', at(0), at(1));
    expect(r.rate).toBeCloseTo(0.2);
    expect(r.counts).toMatchObject({ failed: 2, timeouts: 1, fallback: 2 });
  });
  it('is null with no requests', () => {
    expect(errorRate([], 'south', at(0), at(1)).rate).toBeNull();
  });
});

describe('latency', () => {
  it('uses nearest-rank percentiles', () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(v, 50), percentile(v, 95), percentile(v, 99)]).toEqual([50, 95, 99]);
    expect(percentile([], 50)).toBeNull();
    expect(percentile([7], 99)).toBe(7);
  });

  it('splits latency per path: entry → serving region, → error, → timeout', () => {
    const log = syntheticLog({
      t0,
      rate: 10,
      seconds: 2,
      outcome: (_s, i) => (i < 6 ? 'served-local' : i < 8 ? 'served-remote' : i < 9 ? 'error' : 'timeout'),
      durationMs: (_s, _i, o) => ({ 'served-local': 5, 'served-remote': 45, error: 1, timeout: 1000, fallback: 3 })[o],
    });
    const paths = Object.fromEntries(latencyByPath(log.records, t0).map((p) => [p.path, p]));
    expect(Object.keys(paths)).toEqual(['south → south', 'south → north', 'south → error', 'south → timeout']);
    expect(paths['south → north']).toMatchObject({ count: 4, p50: 45, p99: 45 });
    expect(paths['south → timeout']!.perSecond).toEqual([
      { second: 0, count: 1, p50: 1000, p95: 1000, p99: 1000 },
      { second: 1, count: 1, p50: 1000, p95: 1000, p99: 1000 },
    ]);
  });

  it('keeps empty seconds in the time series', () => {
    const records = [syntheticRecord(at(0), 'served-local'), syntheticRecord(at(3) + 10, 'timeout')];
    const ts = timeSeries(records, t0);
    expect(ts.map((p) => p.second)).toEqual([0, 1, 2, 3]);
    expect(ts[1]).toMatchObject({ count: 0, p50: null });
    expect(ts[3]!.counts.timeout).toBe(1);
  });
});

describe('countRequests', () => {
  it('puts every request in one outcome, errors by status, adding up to the total', () => {
    const records = [
      syntheticRecord(at(0), 'served-local'),
      syntheticRecord(at(0), 'fallback'),
      syntheticRecord(at(0), 'error'),
      { ...syntheticRecord(at(0), 'error'), status: 0, errorCode: 1212 },
      syntheticRecord(at(0), 'timeout'),
    ];
    const c = countRequests({ records, httpReqs: 5, droppedIterations: 2 });
    expect(c.byOutcome).toEqual({ 'served-local': 1, 'served-remote': 0, fallback: 1, timeout: 1, error: { '503': 1, '0': 1 } });
    expect(sumOfOutcomes(c)).toBe(c.total);
    expect(c.droppedIterations).toBe(2);
  });
});

describe('failover and requests saved by the heal', () => {
  it('GIVEN requests that hang on a silent region and are answered only when it heals THEN they count as not failed over', async () => {
    const { answeredAfterHeal } = await import('./failover.js');
    const base = { entry: 'south', status: 200, errorCode: 0, servedRegion: 'south', servedCluster: 'biz-south', servedInstance: 'a', fallback: false } as const;
    const t = 1_000_000;
    const records = [
      { ...base, startMs: t + 1000, durationMs: 50, outcome: 'served-local' as const }, // before the heal, answered before it
      { ...base, startMs: t + 8000, durationMs: 5000, outcome: 'served-local' as const }, // hung through the heal at t+10000
      { ...base, startMs: t + 12000, durationMs: 50, outcome: 'served-local' as const }, // after the heal
    ];
    const adjusted = answeredAfterHeal(records, t, t + 10_000);
    expect(adjusted.map((r) => r.outcome)).toEqual(['served-local', 'error', 'served-local']);
  });
});


describe('retries per request', () => {
  it("GIVEN 4 retry events from the south gateways and 1 from the north for 8 south requests THEN 0.5 retries per request", async () => {
    const { judgeRetries } = await import('./retries.js');
    const t0 = 1_000_000;
    const records = Array.from({ length: 8 }, (_, i) => ({ startMs: t0 + 1000 + i, durationMs: 5, entry: 'south', status: 200, errorCode: '', servedRegion: 'south', servedCluster: 'biz-south', servedInstance: 'a', fallback: false, outcome: 'served-local' as const }));
    const events = [1, 2, 3, 4].map((i) => ({ t: t0 + 1000 + i, source: `gw-south-${(i % 2) + 1}`, kind: 'retry' })).concat([{ t: t0 + 1500, source: 'gw-north-1', kind: 'retry' }]);
    const ctx = { t0, endedAtMs: t0 + 10_000, log: { records, httpReqs: 8, droppedIterations: 0 }, faults: [], events, scenario: {} } as never;
    const r = judgeRetries({ id: 'r', kind: 'retries', entry: 'south', window: { from: 0, to: 5000 }, expected: { min: 0.4, max: 0.6 }, source: 's' }, ctx);
    expect(r).toMatchObject({ measured: '0.500', pass: true });
    expect(r.sentence).toMatch(/retried 4 times for 8 requests/);
  });
});

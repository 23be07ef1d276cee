// GIVEN requests and events of known shape WHEN the report's chart data is aggregated
// THEN the per-second series, histograms (with the band passed in) and event lanes
// hold exactly what was put in, and frequent events are counted, not listed.
import { describe, expect, it } from 'vitest';
import { syntheticRecord } from '../verdict/synthetic.js';
import { timeSeriesData } from './chart-series.js';
import { eventChartData, eventRows } from './event-lanes.js';
import { histogram, pathHistograms } from './histograms.js';
import { RUNBOOK_LATENCY_BANDS } from '../scenario/topology-view.js';

const t0 = 1_795_000_000_000;

describe('timeSeriesData', () => {
  it('splits outcomes into the runbook mix and counts who served each second', () => {
    const records = [
      syntheticRecord(t0 + 100, 'served-local', 'south', 'north', 10),
      syntheticRecord(t0 + 200, 'served-remote', 'south', 'north', 50),
      { ...syntheticRecord(t0 + 1_100, 'error'), status: 429 },
      syntheticRecord(t0 + 1_200, 'error'),
      syntheticRecord(t0 + 3_500, 'timeout', 'south', 'north', 10_000),
    ];
    const d = timeSeriesData(records, t0);
    expect([d.fromS, d.toS]).toEqual([0, 4]);
    const by = (k: string) => d.outcomes.find((o) => o.key === k)?.counts;
    expect(by('served local')).toEqual([1, 0, 0, 0]);
    expect(by('429')).toEqual([0, 1, 0, 0]);
    expect(by('5xx')).toEqual([0, 1, 0, 0]);
    expect(by('timeout')).toEqual([0, 0, 0, 1]);
    expect(by('other error')).toBeUndefined();
    expect(d.served.map((s) => s.key)).toEqual(['north', 'south', 'not served']);
    expect(d.latency).toEqual([{ entry: 'south', p50: [10, 20, null, 10000], p95: [50, 20, null, 10000], p99: [50, 20, null, 10000] }]);
  });
});

describe('histograms', () => {
  it('covers the band it is given and counts the slow tail instead of drawing it', () => {
    const values = [...Array.from({ length: 998 }, (_, i) => 40 + (i % 10)), 9_000, 10_000];
    const h = histogram('south → north', 'cross-region', values, RUNBOOK_LATENCY_BANDS[1]);
    expect(h.fromMs).toBeLessThanOrEqual(30);
    expect(h.fromMs + h.counts.length * h.binMs).toBeGreaterThanOrEqual(50);
    expect(h.counts.reduce((a, n) => a + n, 0) + h.above).toBe(1000);
    expect(h.above).toBe(2);
    expect(h.band?.source).toMatch(/RUNBOOK §4/);
  });
  it('names paths entry → serving region and picks the band by kind', () => {
    const hs = pathHistograms([syntheticRecord(t0, 'served-local'), syntheticRecord(t0, 'served-remote'), syntheticRecord(t0, 'fallback'), syntheticRecord(t0, 'error')], [
      { kind: 'same-region', minMs: 1, maxMs: 2, source: 'test band' },
    ]);
    expect(hs.map((h) => [h.path, h.kind, h.band?.source])).toEqual([
      ['south → south', 'same-region', 'test band'],
      ['south → north', 'cross-region', undefined],
      ['south → fallback', 'fallback', undefined],
    ]);
  });
});

describe('events', () => {
  const retries = Array.from({ length: 150 }, (_, i) => ({ t: t0 + 50_000 + i * 10, source: 'gw-south-1', kind: 'retry', detail: { host: 'h' } }));
  const events = [{ t: t0 - 600, source: 'gw-south-1', kind: 'ready' }, { t: t0 + 50_000, source: 'region-lab', kind: 'fault-applied', detail: { id: 'x' } }, ...retries];
  it('puts rare events on lanes as points and retries as counts per second', () => {
    const d = eventChartData(events, t0, -5);
    expect(d.lanes).toEqual(['region-lab', 'gw-south-1']);
    expect(d.points.map((p) => [p.s, p.lane, p.kind])).toEqual([[-0.6, 1, 'ready'], [50, 0, 'fault-applied']]);
    expect(d.rates).toEqual([{ lane: 1, kind: 'retry', perSecond: [[50, 100], [51, 50]] }]);
  });
  it('folds retries into one table row per second', () => {
    const rows = eventRows(events);
    expect(rows.map((r) => [r.kind, r.count])).toEqual([['ready', 1], ['fault-applied', 1], ['retry', 100], ['retry', 50]]);
    expect(rows[2]!.detail).toBe('first: host=h');
  });
});

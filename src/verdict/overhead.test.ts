// GIVEN a calibration burst (every link but the entry link at 0 ms) and a load's requests WHEN latency is
// judged THEN each path's percentiles are taken net of its median overhead, the band is
// the runbook's own, a disturbed burst is flagged, and an uncalibrated run says what it judged.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { RequestRecord } from '../load/request-record.js';
import { scenarioSchema } from '../scenario/schema.js';
import { judge } from './judge.js';
import { calibrationPaths, netOf, overheadFor, unsteady } from './overhead.js';
import { syntheticLog, syntheticRecord } from './synthetic.js';

const scenario = scenarioSchema.parse(parse(readFileSync(new URL('../../scenarios/cross-region-latency.yaml', import.meta.url), 'utf8')));
const t0 = 1_795_000_000_000;
/** 10 rps; i < 8 of each second local (80/20); local takes local ms, remote remote ms, plus i/10 ms of spread. */
const load = (seconds: number, local: number, remote: number) =>
  syntheticLog({ t0, rate: 10, seconds, outcome: (_s, i) => (i < 8 ? 'served-local' : 'served-remote'), durationMs: (_s, i) => (i < 8 ? local : remote) + i / 10 });
const byId = (j: ReturnType<typeof judge>) => Object.fromEntries(j.expectations.map((e) => [e.id, e]));

/** A burst's first request, a second before the rest: its warm-up second is left out. */
const warmup = (records: RequestRecord[]) => [syntheticRecord(t0 - 1000, 'served-local', 'south', 'north', 99), ...records];

describe('calibrationPaths', () => {
  it('leaves out the first second of a burst (new connections, cold code)', () => {
    const c = calibrationPaths(warmup([syntheticRecord(t0, 'served-local', 'south', 'north', 2)]));
    expect(c.paths.map((p) => [p.count, p.p50])).toEqual([[1, 2]]);
  });
  it('GIVEN answered and failed requests THEN per-path and per-entry figures from the answered ones', () => {
    const records: RequestRecord[] = [
      ...[2, 2.2, 2.4, 2.6].map((d, i) => syntheticRecord(t0 + i, 'served-local', 'south', 'north', d)),
      syntheticRecord(t0 + 10, 'served-remote', 'south', 'north', 3),
      syntheticRecord(t0 + 11, 'error', 'south', 'north', 1),
    ];
    const c = calibrationPaths(warmup(records));
    expect(c).toMatchObject({ requests: 6, failed: 1 });
    expect(c.paths.map((p) => [p.path, p.count, p.p50])).toEqual([
      ['south → south', 4, 2.2],
      ['south → north', 1, 3],
    ]);
    expect(c.entries).toEqual([expect.objectContaining({ path: 'south → any', count: 5, p50: 2.4 })]);
  });
  it('GIVEN one second of the burst much slower than the rest THEN the burst is flagged as disturbed', () => {
    const steadyBurst = load(6, 2, 2.7).records;
    expect(unsteady(calibrationPaths(steadyBurst))).toBe(false);
    const busy = steadyBurst.map((r) => (r.startMs >= t0 + 3000 && r.startMs < t0 + 4000 ? { ...r, durationMs: r.durationMs + 9 } : r));
    const c = calibrationPaths(busy);
    expect(unsteady(c)).toBe(true);
    expect(c.secondMedians!.max - c.secondMedians!.min).toBeGreaterThan(8);
  });
  it('GIVEN a path the burst never took THEN its entry\'s figure stands in, marked not exact', () => {
    const c = calibrationPaths(warmup([syntheticRecord(t0, 'served-local', 'south', 'north', 2)]));
    expect(overheadFor(c, 'south', 'south')).toMatchObject({ exact: true, overhead: { p50: 2 } });
    expect(overheadFor(c, 'south', 'north')).toMatchObject({ exact: false, overhead: { path: 'south → any' } });
    expect(overheadFor(c, 'north', 'north')).toBeUndefined();
    expect(overheadFor(undefined, 'south', 'south')).toBeUndefined();
  });
  it('never makes a latency negative', () => {
    expect([netOf(5, 2), netOf(1, 2), netOf(null, 2)]).toEqual([3, 0, null]);
  });
});

describe('latency judged net of the testbed', () => {
  // the run: local 10.3 ms at p50, remote 43.8 ms; the calibration: 2.3 ms local, 3.5 ms remote
  const log = load(60, 10, 43);
  const burst = load(6, 2, 2.7).records.map((r) => ({ ...r, startMs: r.startMs - 100_000 }));

  it('GIVEN a calibration THEN each band is judged on measured − that path\'s overhead, and both are shown', () => {
    const j = judge({ scenario, t0, faults: [], log, calibration: { burst, configuredMs: { 'south → south': 8, 'south → north': 41 } } });
    const e = byId(j);
    expect(e['local-path']).toMatchObject({ measured: '8.0 ms net (10.3 ms measured)', pass: true });
    expect(e['local-path']!.value).toBeCloseTo(8.0);
    expect(e['local-path']!.sentence).toContain('p50 of 480 requests on the path south → south was 10.3 ms as measured, 8.0 ms net of the testbed\'s own 2.3 ms (its median on this path, with every link but the entry link at 0 ms)');
    expect(e['local-path']!.sentence).not.toContain('Caution');
    expect(e['cross-region-path']).toMatchObject({ measured: '40.3 ms net (43.8 ms measured)', pass: true });
    expect(j.calibration?.paths.map((p) => p.path)).toEqual(['south → south', 'south → north']);
    const local = j.paths.find((p) => p.path === 'south → south')!;
    expect(local.overhead).toMatchObject({ p50: 2.3, exact: true });
    expect(local.configuredMs).toBe(8);
    expect(local.net?.p50).toBeCloseTo(8.0);
    // the median overhead off every percentile keeps them in order
    expect(local.net!.p99!).toBeCloseTo(local.p99! - 2.3);
    expect(local.net!.p50! <= local.net!.p95! && local.net!.p95! <= local.net!.p99!).toBe(true);
  });

  it('GIVEN a burst the machine disturbed THEN the sentence cautions that the overhead the load met may differ', () => {
    const busy = burst.map((r, i) => (i >= 20 && i < 30 ? { ...r, durationMs: r.durationMs + 9 } : r));
    const e = byId(judge({ scenario, t0, faults: [], log, calibration: { burst: busy } }));
    expect(e['local-path']!.sentence).toMatch(/Caution: the calibration's per-second medians ranged [\d.]+ ms–[\d.]+ ms/);
  });

  it('GIVEN no calibration THEN the measured latency is judged, and the sentence says it holds the overhead', () => {
    const e = byId(judge({ scenario, t0, faults: [], log }));
    expect(e['local-path']).toMatchObject({ measured: '10.3 ms', pass: false });
    expect(e['local-path']!.sentence).toContain('the run made no calibration');
  });

  it('GIVEN a calibration whose every request failed THEN the measured latency is judged, and the sentence says why', () => {
    const failed = burst.map((r) => ({ ...r, outcome: 'error' as const, status: 503 }));
    const e = byId(judge({ scenario, t0, faults: [], log, calibration: { burst: failed } }));
    expect(e['local-path']).toMatchObject({ measured: '10.3 ms' });
    expect(e['local-path']!.sentence).toContain('the calibration burst got no answer through south');
  });

  it('GIVEN a path the calibration never took THEN the entry\'s overhead is used and named as such', () => {
    const onlyLocal = burst.filter((r) => r.outcome === 'served-local');
    const e = byId(judge({ scenario, t0, faults: [], log, calibration: { burst: onlyLocal } }));
    expect(e['cross-region-path']!.sentence).toContain('every path from south: the calibration never took this one');
  });
});

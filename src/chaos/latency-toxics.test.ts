// GIVEN a link's configured latency ± jitter WHEN it becomes Toxiproxy's two toxics
// THEN the round trip Toxiproxy really draws (whole ms, jitter in [−j, j − 1] per
// direction) has the configured mean and median, not the 1 ms more that halving gave.
import { describe, expect, it } from 'vitest';
import { latencyToxics } from './latency-toxics.js';

/** Every round trip Toxiproxy v2.12.0 can draw, as toxics/latency.go computes each direction's delay. */
function roundTrips(latencyMs: number, jitterMs: number): number[] {
  const [up, down] = latencyToxics(latencyMs, jitterMs).map((t) => t.attributes);
  const draws = (a: { latency: number; jitter: number }) => (a.jitter > 0 ? Array.from({ length: 2 * a.jitter }, (_v, k) => a.latency + k - a.jitter) : [a.latency]);
  return draws(up!).flatMap((u) => draws(down!).map((d) => Math.max(0, u) + Math.max(0, d))).sort((a, b) => a - b);
}
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const median = (v: number[]) => (v[(v.length - 1) >> 1]! + v[v.length >> 1]!) / 2;

describe('latencyToxics', () => {
  it.each([
    [7, 2],
    [40, 8],
    [15, 4],
    [1, 0],
    [8, 0],
  ])('GIVEN %i ± %i ms THEN the round trip is that on average and at the median', (l, j) => {
    const t = roundTrips(l, j);
    expect(mean(t)).toBe(l);
    expect(median(t)).toBe(l);
    expect(t[0]).toBeGreaterThanOrEqual(l - j);
    expect(t[t.length - 1]).toBeLessThanOrEqual(l + j);
  });

  it('GIVEN an odd jitter THEN the one direction drawing it keeps the mean within 0.5 ms', () => {
    expect(Math.abs(mean(roundTrips(5, 1)) - 5)).toBeLessThanOrEqual(0.5);
  });

  it('GIVEN 7 ms THEN 4 ms up and 3 down (halving each way gave 4 + 4)', () => {
    expect(latencyToxics(7, 0).map((t) => [t.name, t.stream, t.attributes.latency])).toEqual([
      ['base-latency-upstream', 'upstream', 4],
      ['base-latency-downstream', 'downstream', 3],
    ]);
  });

  it('GIVEN 0 ms THEN the same two toxics at 0 ms, as a calibration leaves a link', () => {
    expect(latencyToxics(0, 0, 'x').map((t) => [t.name, t.attributes])).toEqual([
      ['x-upstream', { latency: 0, jitter: 0 }],
      ['x-downstream', { latency: 0, jitter: 0 }],
    ]);
  });
});

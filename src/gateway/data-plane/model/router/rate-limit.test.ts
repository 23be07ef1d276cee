// The token bucket refills as the profile's Envoy does: Envoy 1.27 (Higress 2.1) on
// fill_interval ticks, Envoy 1.36 (Higress 2.2) continuously — the difference measured
// on 1.36.4 (envoy-real.md §4: a drained 5/s bucket allows 1, 2, 3, 5 after 200, 400,
// 600, 1000 ms).
import { describe, expect, it } from 'vitest';
import { LocalRateLimit } from './rate-limit.js';

function drainedBucket(refill: 'timer' | 'continuous') {
  let now = 0;
  const b = new LocalRateLimit({ maxTokens: 5, tokensPerFill: 5, fillIntervalMs: 1000 }, refill, () => now);
  while (b.consume());
  return { b, at: (ms: number) => (now = ms) };
}

function allowedAfter(refill: 'timer' | 'continuous', ms: number): number {
  const { b, at } = drainedBucket(refill);
  at(ms);
  let n = 0;
  while (b.consume()) n++;
  return n;
}

describe('local rate limit refill', () => {
  it('GIVEN a drained 5/s bucket WHEN time passes THEN Envoy 1.36 has refilled continuously: 1, 2, 3, 5 after 200, 400, 600, 1000 ms', () => {
    expect([200, 400, 600, 1000].map((ms) => allowedAfter('continuous', ms))).toEqual([1, 2, 3, 5]);
  });

  it('GIVEN a drained 5/s bucket WHEN time passes THEN Envoy 1.27 refills only on the 1 s tick: 0, 0, 0, 5', () => {
    expect([200, 400, 600, 1000].map((ms) => allowedAfter('timer', ms))).toEqual([0, 0, 0, 5]);
  });

  it('GIVEN a full bucket THEN it never holds more than max_tokens, however long it waits', () => {
    for (const refill of ['timer', 'continuous'] as const) expect(allowedAfter(refill, 60_000)).toBe(5);
  });
});

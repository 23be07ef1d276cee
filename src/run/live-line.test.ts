// The live line's figures over the last seconds of requests, and how it reads.
import { describe, expect, it } from 'vitest';
import type { RequestRecord } from '../load/request-record.js';
import { formatLive, liveFigures } from './live-line.js';

const rec = (startMs: number, entry: string, outcome: RequestRecord['outcome']): RequestRecord => ({
  startMs, durationMs: 10, entry, status: outcome === 'error' ? 503 : 200, errorCode: 0, servedRegion: outcome === 'served-local' ? entry : 'other', servedCluster: '', servedInstance: '', fallback: false, outcome,
});

describe('live line', () => {
  it('GIVEN two seconds of requests WHEN figured THEN rate, error share and local share per entry cover only that span', () => {
    const t0 = 1_000_000;
    const now = t0 + 20_000;
    const records = [
      rec(t0 + 1_000, 'south', 'error'), // long before the span: not counted
      ...Array.from({ length: 8 }, (_, i) => rec(now - 1500 + i, 'south', 'served-local')),
      rec(now - 1000, 'south', 'served-remote'),
      rec(now - 900, 'south', 'error'),
      rec(now - 800, 'north', 'timeout'),
      rec(now - 700, 'north', 'served-local'),
    ];
    const f = liveFigures(records, now, t0, 2000, ['biz-south down (hard)']);
    expect(f.elapsedS).toBe(20);
    expect(f.perS).toBe(6);
    expect(f.errorShare).toBeCloseTo(2 / 12);
    expect(Object.fromEntries(f.local)).toEqual({ north: 1, south: 8 / 9 });
    expect(formatLive(f)).toBe('  t=20s  6 req/s  errors 17%  local north 100%, south 89%  fault: biz-south down (hard)');
  });
  it('GIVEN no request yet THEN zeros, no division by zero', () => {
    expect(formatLive(liveFigures([], 5000, 0, 2000, []))).toBe('  t=5s  0 req/s  errors 0%  local —  fault: none');
  });
});

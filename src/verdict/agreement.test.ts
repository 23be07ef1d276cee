// Agreement between the two data planes' measurements, per kind of expectation.
import { describe, expect, it } from 'vitest';
import { agreement, compareExpectations } from './agreement.js';

const m = (kind: string, value: number | null, pass = true) => ({ id: kind, kind, value, measured: String(value), pass });

describe('agreement of Envoy and model measurements', () => {
  it('GIVEN shares 0.81 and 0.80 THEN they agree (sampling noise); 0.81 and 0.70 do not', () => {
    expect(agreement(m('proximity', 0.81), m('proximity', 0.8)).agree).toBe(true);
    expect(agreement(m('proximity', 0.81), m('proximity', 0.7)).agree).toBe(false);
  });

  it('GIVEN failover 16 s and 17.5 s THEN they agree; 16 s and never do not; never and never do', () => {
    expect(agreement(m('failover-time', 16), m('failover-time', 17.5)).agree).toBe(true);
    expect(agreement(m('failover-time', 16), m('failover-time', null)).agree).toBe(false);
    expect(agreement(m('failover-time', null, false), m('failover-time', null, false))).toMatchObject({ agree: true, sameVerdict: true });
  });

  it('GIVEN latencies 44.3 and 45.9 ms THEN they agree; 44 and 60 ms do not', () => {
    expect(agreement(m('latency', 44.3), m('latency', 45.9)).agree).toBe(true);
    expect(agreement(m('latency', 44), m('latency', 60)).agree).toBe(false);
  });

  it('GIVEN an expectation only one side measured THEN it does not agree', () => {
    expect(compareExpectations([m('share', 0.5)], [])).toEqual([expect.objectContaining({ id: 'share', agree: false, model: 'missing' })]);
  });
});

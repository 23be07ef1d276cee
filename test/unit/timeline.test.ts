// The fault timeline on a clock the test moves by hand: each step at exactly t0 + its
// time, heal before apply at the same moment, nothing after the stop signal, and a
// step in flight finishes before the timeline's promise settles (so teardown never
// races a restart).
import { describe, expect, it } from 'vitest';
import { faultSchema } from '../../src/chaos/fault.js';
import type { TimelineEntry } from '../../src/scenario/schema.js';
import { playTimeline, type FaultRecord } from '../../src/run/timeline.js';
import { FakeClock } from '../support/fake-clock.js';

const T0 = 1_800_000_000_000;
const fault = faultSchema.parse({ kind: 'sync-cut' });
const entry = (id: string, at: number, until?: number): TimelineEntry => ({ id, at, ...(until === undefined ? {} : { until }), fault });

function setup(timeline: TimelineEntry[], slowApplyMs = 0) {
  const clock = new FakeClock(T0);
  const calls: string[] = [];
  const records = new Map<string, FaultRecord>(timeline.map((e) => [e.id, { id: e.id, description: e.id }]));
  const ctrl = new AbortController();
  const done = playTimeline({
    t0: T0,
    timeline,
    records,
    clock,
    signal: ctrl.signal,
    actions: {
      apply: async (id) => {
        calls.push(`apply ${id} @${clock.now() - T0}`);
        if (slowApplyMs) await clock.sleep(slowApplyMs);
        calls.push(`applied ${id} @${clock.now() - T0}`);
        return `${id} on`;
      },
      heal: async (id) => (calls.push(`heal ${id} @${clock.now() - T0}`), `${id} off`),
    },
    onStep: (s, said) => calls.push(`step ${s.action} ${said}`),
  });
  return { clock, calls, records, ctrl, done };
}

describe('playTimeline', () => {
  it('GIVEN two faults, one healed when the other starts THEN each step runs at its time, heal first', async () => {
    const t = setup([entry('a', 10_000, 20_000), entry('b', 20_000, 30_000)]);
    await t.clock.advance(9_999);
    expect(t.calls).toEqual([]);
    await t.clock.advance(40_000);
    await t.done;
    expect(t.calls.filter((c) => !c.startsWith('step'))).toEqual(['apply a @10000', 'applied a @10000', 'heal a @20000', 'apply b @20000', 'applied b @20000', 'heal b @30000']);
    expect(t.records.get('a')).toMatchObject({ appliedAtMs: T0 + 10_000, healedAtMs: T0 + 20_000, description: 'a on' });
  });

  it('GIVEN the stop signal between steps THEN no later step runs and the timeline ends at once', async () => {
    const t = setup([entry('a', 10_000, 20_000)]);
    await t.clock.advance(15_000);
    t.ctrl.abort();
    await t.done;
    await t.clock.advance(60_000);
    expect(t.calls.filter((c) => c.startsWith('heal'))).toEqual([]);
    expect(t.records.get('a')!.healedAtMs).toBeUndefined();
    expect(t.clock.pending).toBe(0);
  });

  it('GIVEN a stop while a step is in flight THEN the step finishes before the timeline settles and nothing starts after it', async () => {
    const t = setup([entry('a', 10_000, 20_000)], 5_000);
    await t.clock.advance(12_000);
    t.ctrl.abort();
    let settled = false;
    void t.done.then(() => (settled = true));
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false);
    await t.clock.advance(5_000);
    await t.done;
    expect(t.calls).toEqual(['apply a @10000', 'applied a @15000', 'step apply a on']);
  });
});

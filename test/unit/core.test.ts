// Pins the core mechanisms every component relies on: LIFO cleanup that never loses
// a failure, the readiness loop with a controlled clock, duration parsing.
import { describe, expect, it } from 'vitest';
import { CleanupStack } from '../../src/core/cleanup.js';
import { parseDuration } from '../../src/core/duration.js';
import { ReadinessTimeoutError } from '../../src/core/errors.js';
import { waitFor, type Clock } from '../../src/core/ready.js';

describe('CleanupStack', () => {
  it('GIVEN three steps WHEN run THEN they run newest first and a failing one does not stop the others', async () => {
    const order: string[] = [];
    const s = new CleanupStack();
    s.push('a', () => void order.push('a'));
    s.push('b', () => {
      order.push('b');
      throw new Error('boom');
    });
    s.push('c', () => void order.push('c'));
    const failures = await s.runAll();
    expect(order).toEqual(['c', 'b', 'a']);
    expect(failures.map((f) => f.name)).toEqual(['b']);
  });

  it('GIVEN a step run early THEN runAll does not run it again, and a second runAll is a no-op', async () => {
    let n = 0;
    const s = new CleanupStack();
    const early = s.push('x', () => void n++);
    await early();
    await s.runAll();
    await s.runAll();
    expect(n).toBe(1);
  });
});

describe('waitFor', () => {
  const fakeClock = (): Clock & { t: number } => {
    const c = { t: 0, now: () => c.t, sleep: async (ms: number) => void (c.t += ms) };
    return c;
  };

  it('GIVEN a check that succeeds on the third try THEN it returns its value', async () => {
    let calls = 0;
    const v = await waitFor(async () => (++calls === 3 ? 'up' : undefined), { what: 'x', clock: fakeClock(), intervalMs: 10 });
    expect(v).toBe('up');
  });

  it('GIVEN a check that never succeeds THEN it times out naming what and the last problem', async () => {
    const err = await waitFor(
      async () => {
        throw new Error('connection refused');
      },
      { what: 'Nacos south', clock: fakeClock(), timeoutMs: 1000, intervalMs: 100 },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReadinessTimeoutError);
    expect((err as Error).message).toMatch(/Nacos south was not ready after 1 s \(last check: connection refused\)/);
  });

  it('GIVEN the process being waited for has exited THEN it stops at once', async () => {
    const err = await waitFor(async () => undefined, { what: 'gw', clock: fakeClock(), abort: () => 'gw exited (code 1)' }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/gw exited \(code 1\)/);
  });
});

describe('parseDuration', () => {
  it.each([
    ['40s', 40_000],
    ['1m30s', 90_000],
    ['500ms', 500],
    [12, 12_000],
  ] as const)('parses %s', (text, ms) => expect(parseDuration(text)).toBe(ms));
  it.each(['40', '4 s', 's', '-1s', ''])('rejects %j', (text) => expect(parseDuration(text)).toBeUndefined());
});

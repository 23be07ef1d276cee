// RunStop: the first reason wins, hooks run once, and a topology's many concurrent
// waits on its signal are not reported as a listener leak.
import { describe, expect, it } from 'vitest';
import { RunStop } from './run-stop.js';

describe('RunStop', () => {
  it('GIVEN two reasons THEN the first wins, aborts the signal and runs each hook once; a hook added later runs at once', () => {
    const stop = new RunStop();
    const ran: string[] = [];
    stop.onStop(() => ran.push('a'));
    expect(stop.stop('first')).toBe(true);
    expect(stop.stop('second')).toBe(false);
    expect(stop.reason).toBe('first');
    expect(stop.signal.aborted).toBe(true);
    stop.onStop(() => ran.push('b'));
    expect(ran).toEqual(['a', 'b']);
  });

  it('GIVEN 40 waits listening to the signal at once THEN Node warns of no listener leak', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    const stop = new RunStop();
    const listeners = Array.from({ length: 40 }, () => () => {});
    for (const l of listeners) stop.signal.addEventListener('abort', l);
    await new Promise((r) => setImmediate(r));
    process.off('warning', onWarning);
    for (const l of listeners) stop.signal.removeEventListener('abort', l);
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });
});

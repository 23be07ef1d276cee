// The one readiness loop behind every "wait until X is up" in region-lab, with a
// clock that tests control.
import { realClock, type Clock } from './clock.js';
import { ReadinessTimeoutError } from './errors.js';

export { realClock, type Clock } from './clock.js';

export interface WaitOptions {
  /** What is being waited for, in the user's words ("Nacos south"). */
  readonly what: string;
  /** @default 60000 */
  readonly timeoutMs?: number;
  /** @default 250 */
  readonly intervalMs?: number;
  readonly clock?: Clock;
  /** Log file the user should read when it times out. */
  readonly logFile?: string;
  /** Stops waiting early, e.g. when the process being waited for has exited. */
  readonly abort?: () => string | undefined;
  /** Stops waiting when the run is being stopped (Ctrl-C, a component died): throws its reason. */
  readonly signal?: AbortSignal;
}

/**
 * Calls `check` until it returns a value other than undefined, or throws
 * ReadinessTimeoutError. A check that throws counts as "not yet"; its message is
 * kept for the timeout error.
 */
export async function waitFor<T>(check: () => Promise<T | undefined>, opts: WaitOptions): Promise<T> {
  const clock = opts.clock ?? realClock;
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const deadline = clock.now() + timeoutMs;
  let last: string | undefined;
  for (;;) {
    if (opts.signal?.aborted) throw opts.signal.reason instanceof Error ? opts.signal.reason : new Error(`stopped waiting for ${opts.what}: ${String(opts.signal.reason)}`);
    const aborted = opts.abort?.();
    if (aborted) throw new ReadinessTimeoutError(opts.what, clock.now() - (deadline - timeoutMs), aborted, opts.logFile);
    try {
      const v = await check();
      if (v !== undefined) return v;
      last = 'not ready yet';
    } catch (e) {
      last = (e as Error).message;
    }
    if (clock.now() >= deadline) throw new ReadinessTimeoutError(opts.what, timeoutMs, last, opts.logFile);
    await clock.sleep(opts.intervalMs ?? 250, opts.signal);
  }
}

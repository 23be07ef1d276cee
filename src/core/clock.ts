// The clock every wait in region-lab goes through (readiness loops, the fault
// timeline), so tests can stand in a clock they move by hand (test/support/fake-clock.ts).

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after ms, or at once when the signal aborts (it never rejects). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      signal?.addEventListener('abort', done, { once: true });
    }),
};

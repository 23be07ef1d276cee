// Test helper: a clock tests move by hand (advance) or let run ahead on its own
// (auto: whenever the event loop is idle, time jumps to the next timer), so a
// 60-second run with its timeline plays in milliseconds and in a fixed order.
import type { Clock } from '../../src/core/clock.js';

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly resolve: () => void;
}

export class FakeClock implements Clock {
  private t: number;
  private seq = 0;
  private timers: Timer[] = [];
  private ticking = false;

  /** @param auto jump to the next timer whenever nothing else is pending. */
  constructor(
    start = 1_800_000_000_000,
    private readonly auto = false,
  ) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const timer: Timer = {
        at: this.t + Math.max(0, ms),
        seq: this.seq++,
        resolve: () => {
          signal?.removeEventListener('abort', cancel);
          resolve();
        },
      };
      const cancel = () => {
        this.timers = this.timers.filter((x) => x !== timer);
        resolve();
      };
      signal?.addEventListener('abort', cancel, { once: true });
      this.timers.push(timer);
      if (this.auto) this.tick();
    });
  }

  /** Moves time forward, firing each due timer in order and letting its continuation run first. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      const next = this.next();
      if (!next || next.at > end) break;
      this.fire(next);
      await new Promise((r) => setImmediate(r));
    }
    this.t = end;
  }

  /** Timers still waiting. */
  get pending(): number {
    return this.timers.length;
  }

  private next(): Timer | undefined {
    return [...this.timers].sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
  }

  private fire(timer: Timer): void {
    this.timers = this.timers.filter((x) => x !== timer);
    this.t = Math.max(this.t, timer.at);
    timer.resolve();
  }

  private tick(): void {
    if (this.ticking) return;
    this.ticking = true;
    // setImmediate runs after pending promise continuations: time only moves when all are waiting
    setImmediate(() => {
      this.ticking = false;
      const next = this.next();
      if (!next) return;
      this.fire(next);
      this.tick();
    });
  }
}

// Emits a high-rate event (rate-limited, fallback-served) at most once a second
// per key with the count since the last one, so the event log stays small at
// 1,000 requests per second and the hot path does one Map update.

export class Coalescer<T> {
  private readonly pending = new Map<string, { sample: T; count: number }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly flushTo: (sample: T, count: number) => void,
    private readonly everyMs = 1000,
  ) {}

  add(key: string, sample: T): void {
    const p = this.pending.get(key);
    if (p) {
      p.count++;
      return;
    }
    // the first occurrence goes out at once, so a timeline shows when it began
    this.flushTo(sample, 1);
    this.pending.set(key, { sample, count: 0 });
    if (!this.timer) {
      this.timer = setInterval(() => this.flush(), this.everyMs);
      this.timer.unref();
    }
  }

  flush(): void {
    for (const [key, p] of this.pending) {
      if (p.count === 0) {
        this.pending.delete(key);
        continue;
      }
      this.flushTo(p.sample, p.count);
      p.count = 0;
    }
    if (this.pending.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}

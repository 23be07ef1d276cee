// The last-in-first-out stack every started resource is pushed on the moment it
// starts, so teardown runs in reverse order however a run ends, and no failure in
// one step hides the others (each is logged, none is thrown away). A resource that
// starts after teardown finished (a step still in flight when the run stopped) is
// torn down at once, so nothing outlives the stack.

export interface CleanupFailure {
  readonly name: string;
  readonly error: unknown;
}

export class CleanupStack {
  private readonly steps: { name: string; fn: () => Promise<void> | void }[] = [];
  private running: Promise<CleanupFailure[]> | undefined;
  private closed = false;

  constructor(private readonly onStep: (name: string, error?: unknown) => void = () => {}) {}

  /** Registers a teardown step; returns a function that runs it early (once) and removes it. */
  push(name: string, fn: () => Promise<void> | void): () => Promise<void> {
    if (this.closed) {
      const late = (async () => fn())().then(
        () => this.onStep(name),
        (error: unknown) => this.onStep(name, error),
      );
      return () => late;
    }
    const step = { name, fn };
    this.steps.push(step);
    return async () => {
      const i = this.steps.indexOf(step);
      if (i < 0) return;
      this.steps.splice(i, 1);
      await fn();
    };
  }

  get size(): number {
    return this.steps.length;
  }

  /** Runs every step, newest first; idempotent (a second call waits for the first). */
  runAll(): Promise<CleanupFailure[]> {
    this.running ??= (async () => {
      const failures: CleanupFailure[] = [];
      while (this.steps.length > 0) {
        const step = this.steps.pop()!;
        try {
          await step.fn();
          this.onStep(step.name);
        } catch (error) {
          failures.push({ name: step.name, error });
          this.onStep(step.name, error);
        }
      }
      this.closed = true;
      return failures;
    })();
    return this.running;
  }
}

// Why a run stops early, decided once: the first of Ctrl-C (InterruptedError) or a
// failure (a component died, a step threw) wins, aborts the signal every wait and
// the timeline listen to, and runs the stop hooks (k6 is asked to end and keep what
// it recorded). Later reasons are logged by the caller, never replace the first.
import { setMaxListeners } from 'node:events';

export class RunStop {
  private readonly ctrl = new AbortController();
  constructor() {
    // every component's readiness wait listens to this one signal at the same time (a
    // topology starts a dozen at once); each removes its listener when done, so more
    // than Node's default 10 is concurrency, not a leak
    setMaxListeners(256, this.ctrl.signal);
  }
  private readonly hooks: (() => void)[] = [];
  private first: { readonly reason: unknown } | undefined;

  get signal(): AbortSignal {
    return this.ctrl.signal;
  }

  /** The first reason, or undefined while the run goes on. */
  get reason(): unknown {
    return this.first?.reason;
  }

  get stopped(): boolean {
    return this.first !== undefined;
  }

  /** Stops the run for this reason, unless it is already stopping; true when this reason won. */
  stop(reason: unknown): boolean {
    if (this.first) return false;
    this.first = { reason };
    this.ctrl.abort(reason);
    for (const h of this.hooks.splice(0)) h();
    return true;
  }

  /** Runs h when the run stops early (at once if it already has). */
  onStop(h: () => void): void {
    if (this.first) h();
    else this.hooks.push(h);
  }
}

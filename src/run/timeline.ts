// Plays a scenario's timeline against a target: each step at t0 + atMs on the run's
// clock, recording when it really happened. A stop signal (the load ended, Ctrl-C, a
// component died) ends it before the next step; the caller awaits the returned
// promise, so no step is still running (or starts) once teardown begins.
import type { Clock } from '../core/clock.js';
import type { Fault } from '../scenario/schema.js';
import { timelineSteps, type TimelineStep } from '../scenario/timeline-steps.js';
import type { TimelineEntry } from '../scenario/schema.js';

export interface FaultRecord {
  readonly id: string;
  description: string;
  appliedAtMs?: number;
  healedAtMs?: number;
}

export interface FaultActions {
  apply(id: string, f: Fault): Promise<string>;
  heal(id: string, f: Fault): Promise<string>;
}

export interface PlayProps {
  /** Epoch ms of the first request. */
  readonly t0: number;
  readonly timeline: readonly TimelineEntry[];
  readonly actions: FaultActions;
  readonly records: Map<string, FaultRecord>;
  readonly signal: AbortSignal;
  readonly clock: Clock;
  /** After each step, with what the target said it did and when it started. */
  readonly onStep: (s: TimelineStep, description: string, atMs: number) => void;
}

/** Resolves when every step ran or the signal stopped it; a step's error rejects it. */
export async function playTimeline(p: PlayProps): Promise<void> {
  for (const step of timelineSteps(p.timeline)) {
    await p.clock.sleep(p.t0 + step.atMs - p.clock.now(), p.signal);
    if (p.signal.aborted) return;
    const rec = p.records.get(step.entry.id)!;
    const at = p.clock.now();
    let said: string;
    if (step.action === 'apply') {
      rec.appliedAtMs = at;
      said = rec.description = await p.actions.apply(step.entry.id, step.entry.fault);
    } else {
      rec.healedAtMs = at;
      said = await p.actions.heal(step.entry.id, step.entry.fault);
    }
    p.onStep(step, said, at);
  }
}

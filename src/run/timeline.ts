// Plays a scenario's timeline against a target: each fault applied at t0 + at and
// healed at t0 + until, in time order, recording when each really happened. Faults
// still active when the run stops are healed by the caller's teardown.
import type { Fault, TimelineEntry } from '../scenario/schema.js';

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

export interface TimelineStep {
  readonly atMs: number;
  readonly action: 'apply' | 'heal';
  readonly entry: TimelineEntry;
}

export function timelineSteps(timeline: readonly TimelineEntry[]): TimelineStep[] {
  const steps: TimelineStep[] = [];
  for (const e of timeline) {
    steps.push({ atMs: e.at, action: 'apply', entry: e });
    if (e.until !== undefined) steps.push({ atMs: e.until, action: 'heal', entry: e });
  }
  return steps.sort((a, b) => a.atMs - b.atMs || (a.action === 'heal' ? -1 : 1));
}

function sleepUntil(epochMs: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const ms = Math.max(0, epochMs - Date.now());
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

export async function playTimeline(
  t0: number,
  timeline: readonly TimelineEntry[],
  actions: FaultActions,
  records: Map<string, FaultRecord>,
  signal: AbortSignal,
  onStep: (s: TimelineStep, description: string, atMs: number) => void,
): Promise<void> {
  for (const step of timelineSteps(timeline)) {
    await sleepUntil(t0 + step.atMs, signal);
    if (signal.aborted) return;
    const rec = records.get(step.entry.id)!;
    const at = Date.now();
    let said: string;
    if (step.action === 'apply') {
      rec.appliedAtMs = at;
      said = rec.description = await actions.apply(step.entry.id, step.entry.fault);
    } else {
      rec.healedAtMs = at;
      said = await actions.heal(step.entry.id, step.entry.fault);
    }
    onStep(step, said, at);
  }
}

// A scenario's timeline as the ordered steps a target plays: each fault applied at
// `at` and healed at `until` (ms after the first request); at the same moment a heal
// comes before an apply, so back-to-back faults never overlap.
import type { TimelineEntry } from './schema.js';

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

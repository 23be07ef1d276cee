// Builds a run's RunData (what every reporter reads) from what the run saw: its
// inputs, the target's facts, the faults as they happened, the events, and how it
// ended. A failure is recorded as a failure (code, component, message), never as an
// interruption: only Ctrl-C is.
import { readFileSync } from 'node:fs';
import type { ComponentEvent } from '../core/component-events.js';
import { ChildConfigError, ComponentDiedError, formatError, InterruptedError, RegionLabError } from '../core/errors.js';
import { allManifests, type RunInputs } from '../scenario/load-inputs.js';
import { topologyView } from '../scenario/topology-view.js';
import type { TargetFacts, TargetKind } from '../targets/target.js';
import type { CalibrationMeta, RunData, RunEnd, RunFailure } from './run-data.js';
import type { FaultRecord } from './timeline.js';

export interface RecordProps {
  readonly runId: string;
  readonly inputs: RunInputs;
  readonly target: TargetKind;
  readonly startedAt: Date;
  readonly endedAt: Date;
  readonly t0: number | undefined;
  readonly faults: readonly FaultRecord[];
  readonly events: readonly ComponentEvent[];
  /** The run's own versions (region-lab, node, the load generator); the target's are added. */
  readonly versions: Readonly<Record<string, string>>;
  /** Why the run stopped early (RunStop.reason), if it did. */
  readonly stopReason: unknown;
  readonly loadExitCode: number | null;
  readonly facts: TargetFacts | undefined;
  /** The calibration burst's meta (targets that can zero their links' latency). */
  readonly calibration?: CalibrationMeta | undefined;
  /** The run's own caveats for the report (after the target's), e.g. why it was not calibrated. */
  readonly notes?: readonly string[] | undefined;
}

export function endOfReason(reason: unknown): RunEnd {
  if (reason === undefined) return 'completed';
  return reason instanceof InterruptedError ? 'interrupted' : 'failed';
}

export function failureOf(reason: unknown): RunFailure | undefined {
  if (reason === undefined || reason instanceof InterruptedError) return undefined;
  const component = reason instanceof ComponentDiedError || reason instanceof ChildConfigError ? reason.component : undefined;
  const code = reason instanceof RegionLabError ? reason.code : 'INTERNAL';
  return { code, component, message: formatError(reason).replace(/^error: /, '') };
}

export function runRecord(p: RecordProps): RunData {
  const notes = [...(p.facts?.notes ?? []), ...(p.notes ?? [])];
  const { inputs } = p;
  const ended = endOfReason(p.stopReason);
  return {
    runId: p.runId,
    scenario: inputs.scenario,
    scenarioFile: inputs.scenarioFile,
    scenarioText: inputs.scenarioText,
    manifests: allManifests(inputs).map((file) => ({ file, text: readFileSync(file, 'utf8') })),
    target: p.target,
    higress: inputs.higress,
    registration: inputs.topology.registration,
    discovery: inputs.topology.discovery.mode,
    startedAt: p.startedAt.toISOString(),
    endedAt: p.endedAt.toISOString(),
    t0: p.t0,
    faults: p.faults.map((f) => ({ ...f })),
    events: [...p.events].sort((a, b) => a.t - b.t),
    versions: { ...p.versions, ...p.facts?.versions },
    interrupted: ended === 'interrupted',
    ended,
    failure: failureOf(p.stopReason),
    dataPlane: p.facts?.dataPlane,
    k6: { exitCode: p.loadExitCode },
    resources: p.facts?.resources,
    topology: topologyView(inputs.topology, inputs.scenario.timeline),
    ...(p.facts?.dataPlaneCounters ? { dataPlaneCounters: p.facts.dataPlaneCounters } : {}),
    ...(notes.length > 0 ? { notes } : {}),
    ...(p.calibration ? { calibration: p.calibration } : {}),
  };
}

// Everything the reports need to know about a run besides the judgement: what ran,
// where, with which versions, how it ended, and what happened when (faults, gateway
// events). The run builds it; every reporter (report/) reads it.
import type { ComponentEvent } from '../core/component-events.js';
import type { Scenario } from '../scenario/schema.js';
import type { TargetKind } from '../targets/target.js';
import type { TopologyView } from '../scenario/topology-view.js';

export interface RunFault {
  readonly id: string;
  /** In words, e.g. "cluster-outage biz-south". */
  readonly description: string;
  /** Epoch ms; absent when the run ended first. */
  readonly appliedAtMs?: number | undefined;
  readonly healedAtMs?: number | undefined;
}

export type RunEventData = ComponentEvent;

/** How a run ended: all the way, stopped by a person (Ctrl-C), or stopped by a failure of the testbed. */
export type RunEnd = 'completed' | 'interrupted' | 'failed';

/** Why a run failed: the error's code, the component it names (if any), and its message. */
export interface RunFailure {
  readonly code: string;
  readonly component?: string | undefined;
  readonly message: string;
}

/** What a run records about its calibration (RunData.calibration, raw/run.json; src/run/calibrate.ts). */
export interface CalibrationMeta {
  /** ISO time the links went to 0 ms. */
  readonly startedAt: string;
  readonly durationS: number;
  /** Requests per second into each entry, as the load's. */
  readonly ratePerEntry: number;
  readonly entries: readonly string[];
  /** Links whose latency toxics were set to 0 ms and back (every link with a latency but the entry links). */
  readonly linksZeroed: number;
  /** The burst's requests, relative to the run directory. */
  readonly file: string;
  /** What each path's data link is configured to add without jitter, ms ("south → north" → 40), for the report. */
  readonly configuredMs?: Readonly<Record<string, number>> | undefined;
}

export interface RunData {
  readonly runId: string;
  readonly scenario: Scenario;
  readonly scenarioFile: string;
  readonly scenarioText: string;
  readonly manifests: readonly { readonly file: string; readonly text: string }[];
  readonly target: TargetKind;
  /** Higress version profile, e.g. "2.1". */
  readonly higress: string;
  /** What served the requests: "Envoy 1.36.4", "region-lab model", or the kind target's Higress gateway. @default "region-lab model" (runs from before the field) */
  readonly dataPlane?: string | undefined;
  /** How business services register, e.g. "http-v1". */
  readonly registration: string;
  /** Cross-region discovery, e.g. "synced" or "multi-registry". */
  readonly discovery: string;
  /** ISO 8601. */
  readonly startedAt: string;
  readonly endedAt: string;
  /** Epoch ms of the first request; undefined if no request was made. */
  readonly t0: number | undefined;
  readonly faults: readonly RunFault[];
  readonly events: readonly RunEventData[];
  /** Tool name → version string. */
  readonly versions: Readonly<Record<string, string>>;
  /** Ctrl-C (or SIGTERM) cut the run short; a failure is `ended: 'failed'`, not an interruption. */
  readonly interrupted: boolean;
  /** @default 'completed', or 'interrupted' when interrupted (run.json files written before it existed) */
  readonly ended?: RunEnd | undefined;
  /** Set when ended is 'failed'. */
  readonly failure?: RunFailure | undefined;
  readonly k6: { readonly exitCode: number | null };
  /** Peak memory of the topology's processes (Linux), when it was sampled. */
  readonly resources?: { readonly peakRssMiB: number; readonly byComponent: Readonly<Record<string, number>>; readonly samples: number } | undefined;
  /** The topology as the report draws it (topologyView); without it the report has no picture. */
  readonly topology?: TopologyView | undefined;
  /** Each Envoy gateway's own counters at the end of the load (retries, ejections, panic, 429s): Envoy runs only. */
  readonly dataPlaneCounters?: Readonly<Record<string, Readonly<Record<string, number>>>> | undefined;
  /** The calibration burst before the load (every link but the entry links at 0 ms); its requests are in raw/calibration/. Absent: none was made. */
  readonly calibration?: CalibrationMeta | undefined;
  /** Caveats the report shows with the environment, e.g. that it was rebuilt from an old run. */
  readonly notes?: readonly string[] | undefined;
}

/** "on Higress 2.1, data plane Envoy 1.36.4": how every verdict names what it is about. */
export function onWhat(run: Pick<RunData, 'higress' | 'dataPlane'>): string {
  return `on Higress ${run.higress}, data plane ${run.dataPlane ?? 'region-lab model'}`;
}

// The contract every target keeps, so one runScenario (run/run-scenario.ts) drives
// them all: check what can be checked before anything exists (exit 2), provision,
// apply and heal a fault, collect what only the live topology can tell, tear down.
// The load runs on the host against entryUrl(region) whatever the target.
import type { Fault } from '../chaos/fault.js';
import type { CleanupFailure } from '../core/cleanup.js';
import type { Clock } from '../core/clock.js';
import type { RegionLabError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { RunInputs } from '../scenario/load-inputs.js';

export type TargetKind = 'local' | 'kind';

/** What Target.setBaseLatencies sets the links to: "zero" every link but the entry links, or back to the topology's figures. */
export type BaseLatencyMode = 'zero' | 'configured';

/** What a target gets from the run. */
export interface TargetContext {
  readonly runId: string;
  /** Kept with the report: each component's log, and events as *.events.jsonl (core/component-events.ts). */
  readonly logDir: string;
  /** Removed at teardown: configs, homes, sockets. */
  readonly stateDir: string;
  /** Pid files (core/pid-file.ts), which `region-lab down` checks and sweeps. */
  readonly pidDir: string;
  readonly log: Logger;
  readonly clock: Clock;
  /** Aborted when the run stops early (Ctrl-C, a failure): waits end and throw its reason. */
  readonly signal: AbortSignal;
  /** A component died although no fault asked for it: the run stops, exit 3 naming it. */
  fail(error: RegionLabError): void;
}

/** What a target tells the report, read before teardown. */
export interface TargetFacts {
  /** Tool and component versions (merged with the run's own: region-lab, node, k6). */
  readonly versions: Readonly<Record<string, string>>;
  /** What carried the requests in the gateways, e.g. "Envoy 1.36.4" or "region-lab model". */
  readonly dataPlane?: string | undefined;
  /** Each gateway's own counters at the end of the load (Envoy's /stats), by gateway. */
  readonly dataPlaneCounters?: Readonly<Record<string, Readonly<Record<string, number>>>> | undefined;
  /** What the report must say about the run's fidelity (e.g. a 2.1 profile on Envoy 1.36). */
  readonly notes?: readonly string[] | undefined;
  /** What each mirror service received (mirror-copies expectations); undefined when unknown. */
  readonly mirrorCopies?: Readonly<Record<string, number | undefined>> | undefined;
  /** Peak memory of the topology's processes (where the target can measure it). */
  readonly resources?: { readonly peakRssMiB: number; readonly byComponent: Readonly<Record<string, number>>; readonly samples: number } | undefined;
}

export interface Target {
  readonly kind: TargetKind;
  /** Preflight, before any directory, process or cluster exists: throws BadInputError / MissingPrerequisiteError (exit 2). */
  check(inputs: RunInputs): Promise<void>;
  /** Brings the topology up and waits until it routes; everything it starts is torn down by teardown(). */
  provision(ctx: TargetContext, inputs: RunInputs): Promise<void>;
  /** Base URL of a region's entry, as the load generator on the host dials it. */
  entryUrl(region: string): string;
  /** Applies a timeline entry's fault; resolves to what was done, in words. */
  applyFault(id: string, f: Fault): Promise<string>;
  /** Undoes exactly what applyFault did; safe to call twice. */
  healFault(id: string, f: Fault): Promise<string>;
  /**
   * The links' base latency toxics, in place, open connections included: "zero" every
   * link but the entry links (the clients' own access, part of the testbed's overhead)
   * to 0 ms; "configured" back to the topology's figures. Returns how many links changed.
   * The run calibrates the testbed's own overhead with it before the load; a target
   * without it (kind) makes no calibration and judges latency as measured.
   */
  setBaseLatencies?(mode: BaseLatencyMode): Promise<number>;
  /** Just before the load starts (after any calibration): note what is measured from here on (the mirror services' counts). */
  beforeLoad?(): Promise<void>;
  /** Once the load has ended, before teardown. */
  collect(): Promise<TargetFacts>;
  /** Stops everything provision started, newest first; every failure returned, none thrown. Idempotent. */
  teardown(): Promise<CleanupFailure[]>;
  /**
   * `run --keep`, instead of teardown: leaves the topology running past this process
   * (its pid files stay for `region-lab down`) and returns where it listens, one line
   * each. A target without it (kind keeps its clusters through its own option) tears down.
   */
  keep?(): Promise<string[]>;
}

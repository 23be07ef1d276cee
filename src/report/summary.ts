// summary.json: the machine-readable result (DESIGN.md "Contracts"): scenario, target,
// verdict "on Higress X", request counts adding up to total, and each expectation.
import { entriesOf } from '../scenario/schema.js';
import type { Judgement } from '../verdict/types.js';
import { onWhat, type RunData, type RunEnd, type RunFailure } from '../run/run-data.js';

export interface Summary {
  readonly scenario: string;
  readonly runId: string;
  readonly target: RunData['target'];
  readonly verdict: 'pass' | 'fail';
  /** "on Higress 2.1, data plane Envoy 1.36.4" */
  readonly profile: string;
  readonly higress: string;
  /** "Envoy 1.36.4" or "region-lab model" (or the kind target's Higress gateway). */
  readonly dataPlane: string;
  readonly registration: string;
  readonly discovery: string;
  /** Ctrl-C cut the run short. */
  readonly interrupted: boolean;
  /** completed, interrupted (Ctrl-C) or failed (the testbed: see failure). */
  readonly ended: RunEnd;
  readonly failure?: RunFailure;
  readonly startedAt: string;
  readonly endedAt: string;
  /** Wall time of the whole run, set-up and teardown included. */
  readonly durationS: number;
  /** The first request (ISO), the zero of every time axis; null if none was made. */
  readonly t0: string | null;
  readonly load: { readonly entry: string; readonly entries: readonly string[]; readonly rate: number; readonly durationS: number };
  /** served-local + served-remote + fallback + timeout + every error status = total. */
  readonly requests: {
    readonly total: number;
    readonly 'served-local': number;
    readonly 'served-remote': number;
    readonly fallback: number;
    readonly timeout: number;
    readonly error: Readonly<Record<string, number>>;
  };
  /** value: the number behind measured (seconds or a ratio), null for never / not measured; the index trends it. */
  readonly expectations: readonly { id: string; kind: string; expected: string; measured: string; value: number | null; pass: boolean; sentence: string; source: string }[];
  readonly faults: readonly { id: string; description: string; appliedAtS: number | null; healedAtS: number | null }[];
  readonly k6: { readonly exitCode: number | null; readonly droppedIterations: number };
  readonly versions: Readonly<Record<string, string>>;
  /** Envoy's own counters per gateway at the end of the load (Envoy runs only). */
  readonly dataPlaneCounters?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Peak memory of the topology's processes, MiB (Linux only). */
  readonly resources?: { readonly peakRssMiB: number; readonly byComponent: Readonly<Record<string, number>>; readonly samples: number };
}

const sinceT0 = (run: RunData, ms: number | undefined): number | null =>
  ms === undefined || run.t0 === undefined ? null : Math.round(ms - run.t0) / 1000;

export function buildSummary(run: RunData, j: Judgement): Summary {
  return {
    scenario: run.scenario.name,
    runId: run.runId,
    target: run.target,
    verdict: j.verdict,
    profile: onWhat(run),
    higress: run.higress,
    dataPlane: run.dataPlane ?? 'region-lab model',
    registration: run.registration,
    discovery: run.discovery,
    interrupted: run.interrupted,
    ended: endOf(run),
    ...(run.failure ? { failure: run.failure } : {}),
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    durationS: Math.round(Date.parse(run.endedAt) - Date.parse(run.startedAt)) / 1000,
    t0: run.t0 === undefined ? null : new Date(run.t0).toISOString(),
    load: { entry: entriesOf(run.scenario.load)[0]!, entries: entriesOf(run.scenario.load), rate: run.scenario.load.rate, durationS: run.scenario.load.duration / 1000 },
    requests: { total: j.requests.total, ...j.requests.byOutcome },
    expectations: j.expectations.map(({ id, kind, expected, measured, value, pass, sentence, source }) => ({ id, kind, expected, measured, value, pass, sentence, source })),
    faults: run.faults.map((f) => ({ id: f.id, description: f.description, appliedAtS: sinceT0(run, f.appliedAtMs), healedAtS: sinceT0(run, f.healedAtMs) })),
    k6: { exitCode: run.k6.exitCode, droppedIterations: j.requests.droppedIterations },
    versions: run.versions,
    ...(run.resources ? { resources: run.resources } : {}),
    ...(run.dataPlaneCounters ? { dataPlaneCounters: run.dataPlaneCounters } : {}),
  };
}

/** How a run ended; runs saved before `ended` existed knew only interrupted. */
export function endOf(run: Pick<RunData, 'ended' | 'interrupted'>): RunEnd {
  return run.ended ?? (run.interrupted ? 'interrupted' : 'completed');
}

// summary.json: the machine-readable result (DESIGN.md "Contracts"): scenario, target,
// verdict "on Higress X", request counts adding up to total, and each expectation.
import { entriesOf } from '../scenario/schema.js';
import { unsteady } from '../verdict/overhead.js';
import type { Judgement } from '../verdict/types.js';
import { onWhat, type CalibrationMeta, type RunData, type RunEnd, type RunFailure } from '../run/run-data.js';

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
  /**
   * value: the number behind measured (seconds or a ratio), null for never / not measured; the index trends it.
   * bound: for failover and failback times, the ± in seconds (the switch lies within value ± bound); null otherwise.
   */
  readonly expectations: readonly { id: string; kind: string; expected: string; measured: string; value: number | null; bound: number | null; pass: boolean; sentence: string; source: string }[];
  readonly faults: readonly { id: string; description: string; appliedAtS: number | null; healedAtS: number | null }[];
  readonly k6: { readonly exitCode: number | null; readonly droppedIterations: number };
  readonly versions: Readonly<Record<string, string>>;
  /** Envoy's own counters per gateway at the end of the load (Envoy runs only). */
  readonly dataPlaneCounters?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Peak memory of the topology's processes, MiB (Linux only). */
  readonly resources?: { readonly peakRssMiB: number; readonly byComponent: Readonly<Record<string, number>>; readonly samples: number };
  /** Latency per served path, ms: as measured, and (calibrated runs) the testbed's overhead and the figures net of it. */
  readonly latency: readonly SummaryPath[];
  /** The calibration burst before the load (every link but the entry links at 0 ms): the testbed's own overhead per path, ms. Absent: none was made. */
  readonly calibration?: SummaryCalibration;
}

type Triple = { readonly p50: number | null; readonly p95: number | null; readonly p99: number | null };

export interface SummaryPath extends Triple {
  readonly path: string;
  readonly requests: number;
  /** The calibrated overhead on the path; exact false: the calibration never took it and its entry's figure stands in. */
  readonly overhead?: Triple & { readonly exact: boolean };
  readonly net?: Triple;
  /** What the path's links are configured to add without jitter, ms. */
  readonly configuredMs?: number;
}

export interface SummaryCalibration extends CalibrationMeta {
  /** How net figures are made, in words. */
  readonly method: string;
  readonly requests: number;
  readonly failed: number;
  /** The lowest and highest one-second median of the burst, ms; unsteady: more than UNSTEADY_RATIO apart. */
  readonly secondMedians?: { readonly min: number | null; readonly max: number | null; readonly unsteady: boolean };
  readonly paths: readonly ({ readonly path: string; readonly requests: number } & Triple)[];
}

export const NET_METHOD =
  "net pXX = measured pXX − the path's median overhead from the burst with every link but the entry links at 0 ms (its first second left out; the entry link, the clients' own access, counts as the testbed's), for p50, p95 and p99 alike, never below 0 (the burst's own tail is scheduling noise from a few hundred requests: taking it off made net tails fall below net p50)";

const r3 = (v: number | null): number | null => (v === null ? null : Math.round(v * 1000) / 1000);
const triple = (t: Triple): Triple => ({ p50: r3(t.p50), p95: r3(t.p95), p99: r3(t.p99) });

function latencyOf(j: Judgement): SummaryPath[] {
  return j.paths
    .filter((p) => !/→ (fallback|error|timeout)$/.test(p.path))
    .map((p) => ({
      path: p.path,
      requests: p.count,
      ...triple(p),
      ...(p.overhead ? { overhead: { ...triple(p.overhead), exact: p.overhead.exact } } : {}),
      ...(p.net ? { net: triple(p.net) } : {}),
      ...(p.configuredMs !== undefined ? { configuredMs: p.configuredMs } : {}),
    }));
}

function calibrationOf(run: RunData, j: Judgement): SummaryCalibration | undefined {
  if (!run.calibration) return undefined;
  const c = j.calibration;
  return {
    ...run.calibration,
    method: NET_METHOD,
    requests: c?.requests ?? 0,
    failed: c?.failed ?? 0,
    ...(c?.secondMedians ? { secondMedians: { min: r3(c.secondMedians.min), max: r3(c.secondMedians.max), unsteady: unsteady(c) } } : {}),
    paths: (c?.paths ?? []).map((p) => ({ path: p.path, requests: p.count, ...triple(p) })),
  };
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
    expectations: j.expectations.map(({ id, kind, expected, measured, value, bound, pass, sentence, source }) => ({ id, kind, expected, measured, value, bound: bound ?? null, pass, sentence, source })),
    faults: run.faults.map((f) => ({ id: f.id, description: f.description, appliedAtS: sinceT0(run, f.appliedAtMs), healedAtS: sinceT0(run, f.healedAtMs) })),
    k6: { exitCode: run.k6.exitCode, droppedIterations: j.requests.droppedIterations },
    versions: run.versions,
    ...(run.resources ? { resources: run.resources } : {}),
    ...(run.dataPlaneCounters ? { dataPlaneCounters: run.dataPlaneCounters } : {}),
    latency: latencyOf(j),
    ...(run.calibration ? { calibration: calibrationOf(run, j) } : {}),
  };
}

/** How a run ended; runs saved before `ended` existed knew only interrupted. */
export function endOf(run: Pick<RunData, 'ended' | 'interrupted'>): RunEnd {
  return run.ended ?? (run.interrupted ? 'interrupted' : 'completed');
}

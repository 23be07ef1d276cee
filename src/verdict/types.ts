// The shape of a judgement: what every expectation measured, and the evidence the
// report draws (outcome counts, latency per path, the per-second time series).
import type { Expectation } from '../scenario/schema.js';
import type { Outcome } from '../load/request-record.js';

export interface ExpectationResult {
  readonly id: string;
  readonly kind: Expectation['kind'];
  /** Human-readable with units: "≤ 18.0 s", "0.72–0.88". */
  readonly expected: string;
  /** Human-readable with units: "21.4 s", "never", "0.812", "not measured". */
  readonly measured: string;
  /** The number behind `measured` (seconds or a ratio); null for never / not measured. */
  readonly value: number | null;
  /**
   * For times known to lie between two requests (failover, failback): half that interval
   * in seconds, so the time is value ± bound; 0 when value is exact; absent or null otherwise.
   */
  readonly bound?: number | null | undefined;
  readonly pass: boolean;
  /** Plain English with the evidence: requests, window, rate. */
  readonly sentence: string;
  readonly source: string;
}

export interface RequestCounts {
  readonly total: number;
  readonly byOutcome: {
    readonly 'served-local': number;
    readonly 'served-remote': number;
    readonly fallback: number;
    readonly timeout: number;
    /** Errors by HTTP status; "0" for transport errors (refused, reset). */
    readonly error: Readonly<Record<string, number>>;
  };
  /** Iterations k6 dropped for want of a VU: never sent, so not in total. */
  readonly droppedIterations: number;
}

export interface Percentiles {
  readonly count: number;
  readonly p50: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
}

export interface PathLatency extends Percentiles {
  /** "south → north", "south → fallback", "south → error", "south → timeout". */
  readonly path: string;
  readonly perSecond: readonly ({ readonly second: number } & Percentiles)[];
  /**
   * Served paths of a calibrated run: the testbed's own overhead on this path, ms (from the
   * calibration burst with every link but the entry links at 0 ms; net figures take off its p50; `exact` false
   * when the burst never took the path and the entry's figure stands in), the percentiles
   * net of it, and the latency the path's links are configured to add without jitter.
   */
  readonly overhead?: { readonly p50: number; readonly p95: number; readonly p99: number; readonly exact: boolean } | undefined;
  readonly configuredMs?: number | undefined;
  readonly net?: { readonly p50: number | null; readonly p95: number | null; readonly p99: number | null } | undefined;
}

export interface SecondPoint extends Percentiles {
  /** Seconds since t0: the window [second, second + 1). */
  readonly second: number;
  readonly counts: Readonly<Record<Outcome, number>>;
}

export interface Judgement {
  readonly verdict: 'pass' | 'fail';
  readonly expectations: readonly ExpectationResult[];
  readonly requests: RequestCounts;
  readonly paths: readonly PathLatency[];
  readonly timeSeries: readonly SecondPoint[];
  /** The testbed's own overhead per path, when the run calibrated before its load. */
  readonly calibration?: CalibrationResult | undefined;
}

/** A timeline entry as it actually happened; a missing time means it never did. */
export interface FaultTimes {
  readonly id: string;
  readonly appliedAtMs?: number | undefined;
  readonly healedAtMs?: number | undefined;
}

/** The testbed's own overhead on one path, from the calibration burst (verdict/overhead.ts). */
export interface PathOverhead {
  /** "south → north", as latencyByPath names paths; "south → any" for an entry's every path. */
  readonly path: string;
  readonly entry: string;
  /** The serving region; "any" for the entry's aggregate. */
  readonly served: string;
  /** Requests the figures come from. */
  readonly count: number;
  /** ms; net figures take off p50. */
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

export interface CalibrationResult {
  /** One per (entry, serving region) the burst took, most requests first. */
  readonly paths: readonly PathOverhead[];
  /** Per entry, every served path together: the figure for a path the burst never took. */
  readonly entries: readonly PathOverhead[];
  /** Requests in the burst after its warm-up, and how many failed (a failed request says nothing about overhead). */
  readonly requests: number;
  readonly failed: number;
  /**
   * The lowest and highest median of one second of the burst, ms: far apart, the machine
   * was busy while it ran and the overhead taken off may not be the one the load met.
   */
  readonly secondMedians: { readonly min: number; readonly max: number } | undefined;
}

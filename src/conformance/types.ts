// What a conformance run produces: one row per request entry of a case on one
// Higress profile, grouped per case run, and the suite's totals. The formatters
// (format/) render only this.
import type { DataPlane, HigressVersion } from './schema.js';

/**
 * pass: as expected. fail: differs, and no known failure covers it. xfail: differs,
 * as a known failure says it will. xpass: a known failure that now passes (remove the mark).
 */
export type Outcome = 'pass' | 'fail' | 'xfail' | 'xpass';

export interface RequestResult {
  readonly request: string;
  /** The request as sent, e.g. "GET foo.com/bar". */
  readonly sent: string;
  readonly expected: string;
  readonly got: string;
  readonly outcome: Outcome;
  readonly problems: readonly string[];
  /** The known failure's reason when one covers this request. */
  readonly knownReason?: string;
}

export interface CaseRun {
  readonly case: string;
  readonly file: string;
  readonly higress: HigressVersion;
  readonly durationMs: number;
  readonly results: readonly RequestResult[];
  /** What the data plane ignored or refused. */
  readonly notes: readonly string[];
  /** Set when the gateway could not be started for the case (its requests then fail). */
  readonly error?: string;
}

export interface SuiteTotals {
  readonly cases: number;
  readonly requests: number;
  readonly pass: number;
  readonly fail: number;
  readonly xfail: number;
  readonly xpass: number;
}

export interface SuiteResult {
  readonly dataPlane: DataPlane;
  readonly higress: readonly HigressVersion[];
  readonly startedAt: string;
  readonly durationMs: number;
  readonly runs: readonly CaseRun[];
  readonly totals: SuiteTotals;
}

export function totalsOf(runs: readonly CaseRun[]): SuiteTotals {
  const rows = runs.flatMap((r) => r.results);
  const n = (o: Outcome) => rows.filter((r) => r.outcome === o).length;
  return { cases: runs.length, requests: rows.length, pass: n('pass'), fail: n('fail'), xfail: n('xfail'), xpass: n('xpass') };
}

/** A case run counts as failed when any of its rows failed or passed against a known failure. */
export function runFailed(run: CaseRun): boolean {
  return run.results.some((r) => r.outcome === 'fail' || r.outcome === 'xpass');
}

// One request as region-lab judges it, and the rule that puts every request in
// exactly one outcome (DESIGN.md "request accounting").

export type Outcome = 'served-local' | 'served-remote' | 'fallback' | 'timeout' | 'error';
export const OUTCOMES: readonly Outcome[] = ['served-local', 'served-remote', 'fallback', 'timeout', 'error'];

export interface RequestRecord {
  /** Epoch ms, taken in the script right before the request. */
  readonly startMs: number;
  readonly durationMs: number;
  /** Entry region the request was sent into. */
  readonly entry: string;
  /** HTTP status; 0 for a transport error (refused, reset, timeout). */
  readonly status: number;
  /** k6 error code (1050 timeout, 1212 refused, 1503 for HTTP 503 …); 0 if none. */
  readonly errorCode: number;
  readonly servedRegion: string;
  readonly servedCluster: string;
  readonly servedInstance: string;
  /** The response carried x-fallback: true. */
  readonly fallback: boolean;
  readonly outcome: Outcome;
}

/** k6's code for "the request's timeout expired" (lib/netext/httpext/error_codes.go). */
export const K6_REQUEST_TIMEOUT = 1050;

export function classify(r: Omit<RequestRecord, 'outcome'>): Outcome {
  if (r.status === 0 && r.errorCode === K6_REQUEST_TIMEOUT) return 'timeout';
  // A fallback answer counts as fallback whatever its status: DESIGN.md reports its status separately.
  if (r.fallback && r.status !== 0) return 'fallback';
  if (r.status >= 200 && r.status < 400) return r.servedRegion === r.entry ? 'served-local' : 'served-remote';
  return 'error';
}

export interface RequestLog {
  readonly records: RequestRecord[];
  /** Requests k6 itself counted (http_reqs points). */
  readonly httpReqs: number;
  /** Iterations k6 could not start for want of a free VU: requests never sent. */
  readonly droppedIterations: number;
}

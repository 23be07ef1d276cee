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
  /** Headers the load's variations put on this request (lower-case name → value); absent: none. */
  readonly sentHeaders?: Readonly<Record<string, string>>;
  /** Cookies the load's variations put on this request (name → value); absent: none. */
  readonly sentCookies?: Readonly<Record<string, string>>;
}

/** The app of the serving instance: business instances are named <app>-<region>-<n> (targets/local). */
export function servedApp(r: Pick<RequestRecord, 'servedInstance' | 'servedRegion'>): string {
  const withoutIndex = r.servedInstance.replace(/-\d+$/, '');
  const tail = `-${r.servedRegion}`;
  return r.servedRegion && withoutIndex !== r.servedInstance && withoutIndex.endsWith(tail) ? withoutIndex.slice(0, -tail.length) : r.servedInstance;
}

/** "a=1&b=2" (URI-encoded, as the k6 script tags them) → { a: '1', b: '2' }; names lower-cased for headers. */
export function parseSent(tag: string | undefined, lowerCaseNames: boolean): Readonly<Record<string, string>> | undefined {
  if (!tag) return undefined;
  const out: Record<string, string> = {};
  for (const pair of tag.split('&')) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    const name = decodeURIComponent(pair.slice(0, at));
    out[lowerCaseNames ? name.toLowerCase() : name] = decodeURIComponent(pair.slice(at + 1));
  }
  return out;
}

/** k6's code for "the request's timeout expired" (lib/netext/httpext/error_codes.go). */
export const K6_REQUEST_TIMEOUT = 1050;

export function classify(r: Omit<RequestRecord, 'outcome'>): Outcome {
  return outcomeOf(r.status, r.errorCode === K6_REQUEST_TIMEOUT, r.fallback, r.servedRegion === r.entry);
}

/** classify's rule on the fields it reads, for readers that have them apart. */
export function outcomeOf(status: number, timedOut: boolean, fallback: boolean, servedByEntry: boolean): Outcome {
  if (status === 0 && timedOut) return 'timeout';
  // A fallback answer counts as fallback whatever its status: DESIGN.md reports its status separately.
  if (fallback && status !== 0) return 'fallback';
  if (status >= 200 && status < 400) return servedByEntry ? 'served-local' : 'served-remote';
  return 'error';
}

export interface RequestLog {
  readonly records: RequestRecord[];
  /** Requests k6 itself counted (http_reqs); 0 when countsFrom is "none". */
  readonly httpReqs: number;
  /** Iterations k6 could not start for want of a free VU: requests never sent. */
  readonly droppedIterations: number;
  /**
   * Where httpReqs and droppedIterations came from: k6's end-of-test summary (raw/requests.tsv
   * runs), its per-metric points (k6-points.jsonl runs), or nowhere (k6 was killed before its
   * summary, so its own count is unknown). @default "k6 summary"
   */
  readonly countsFrom?: 'k6 summary' | 'k6 points' | 'none' | undefined;
}

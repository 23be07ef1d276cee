// Synthetic request logs: evenly spaced requests whose outcome a function picks per
// second. Unit tests judge these instead of running k6; a future sim target can too.
import { classify, type Outcome, type RequestLog, type RequestRecord } from '../load/request-record.js';
import { bizCluster } from '../topology/names.js';

export interface SyntheticProps {
  readonly t0: number;
  /** Requests per second. */
  readonly rate: number;
  readonly seconds: number;
  /** @default "south" */
  readonly entry?: string;
  /** @default "north" */
  readonly remote?: string;
  /** Outcome of the i-th request in second s (0-based). */
  readonly outcome: (s: number, i: number) => Outcome;
  /** @default 20 (ms); timeouts take 1000 */
  readonly durationMs?: (s: number, i: number, o: Outcome) => number;
}

export function syntheticRecord(startMs: number, outcome: Outcome, entry = 'south', remote = 'north', durationMs = 20): RequestRecord {
  const status = outcome === 'timeout' ? 0 : outcome === 'error' ? 503 : 200;
  const base = {
    startMs,
    durationMs,
    entry,
    status,
    errorCode: outcome === 'timeout' ? 1050 : outcome === 'error' ? 1503 : 0,
    servedRegion: outcome === 'served-local' ? entry : outcome === 'served-remote' || outcome === 'fallback' ? remote : '',
    servedCluster: outcome === 'served-local' ? bizCluster(entry) : outcome === 'served-remote' ? bizCluster(remote) : '',
    servedInstance: '',
    fallback: outcome === 'fallback',
  };
  const r = { ...base, outcome: classify(base) };
  if (r.outcome !== outcome) throw new Error(`synthetic record for ${outcome} classified as ${r.outcome}`);
  return r;
}

export function syntheticLog(p: SyntheticProps): RequestLog {
  const records: RequestRecord[] = [];
  for (let s = 0; s < p.seconds; s++) {
    for (let i = 0; i < p.rate; i++) {
      const o = p.outcome(s, i);
      const d = p.durationMs?.(s, i, o) ?? (o === 'timeout' ? 1000 : 20);
      records.push(syntheticRecord(p.t0 + s * 1000 + Math.floor((i * 1000) / p.rate), o, p.entry, p.remote, d));
    }
  }
  return { records, httpReqs: records.length, droppedIterations: 0 };
}

// Do two runs of one scenario — on real Envoy and on the model — measure the same
// thing? Each expectation kind agrees within its own measurement's tolerance: shares
// and rates within sampling noise, times within the resolution the verdict measures
// them at, latencies within what two different proxies' own costs can differ by.

export interface Measured {
  readonly id: string;
  readonly kind: string;
  /** The number behind the measurement (seconds, a ratio, ms); null = never / not measured. */
  readonly value: number | null;
  readonly measured: string;
  readonly pass: boolean;
}

export interface Agreement {
  readonly id: string;
  readonly kind: string;
  readonly envoy: string;
  readonly model: string;
  /** The difference allowed, in the value's unit, as words. */
  readonly tolerance: string;
  readonly agree: boolean;
  /** Both gave the same verdict on the expectation. */
  readonly sameVerdict: boolean;
}

/** Sampling noise of a proportion at the load's volume: 5 points covers 3σ for p = 0.8 at 1,000 requests. */
const SHARE_TOLERANCE = 0.05;
/** Failover/failback are timed to about a request interval plus Envoy's and the model's push and retry timings. */
const TIME_TOLERANCE_S = 2;
/** Latency: a few ms of the proxies' own cost, or 10%. */
const LATENCY_TOLERANCE_MS = 3;

function tolerance(kind: string, a: number, b: number): { allowed: number; words: string } {
  switch (kind) {
    case 'failover-time':
    case 'failback-time':
      return { allowed: TIME_TOLERANCE_S, words: `± ${TIME_TOLERANCE_S} s` };
    case 'latency': {
      const allowed = Math.max(LATENCY_TOLERANCE_MS, 0.1 * Math.max(a, b));
      return { allowed, words: `± ${allowed.toFixed(1)} ms` };
    }
    case 'request-accounting':
      return { allowed: 0, words: 'both account for every request' };
    default:
      return { allowed: SHARE_TOLERANCE, words: `± ${SHARE_TOLERANCE}` };
  }
}

export function agreement(envoy: Measured, model: Measured): Agreement {
  const sameVerdict = envoy.pass === model.pass;
  const base = { id: envoy.id, kind: envoy.kind, envoy: envoy.measured, model: model.measured, sameVerdict };
  if (envoy.kind === 'request-accounting') return { ...base, tolerance: 'both account for every request', agree: envoy.pass && model.pass };
  if (envoy.value === null || model.value === null) return { ...base, tolerance: 'both never (or both not measured)', agree: envoy.value === model.value };
  const t = tolerance(envoy.kind, envoy.value, model.value);
  return { ...base, tolerance: t.words, agree: Math.abs(envoy.value - model.value) <= t.allowed + 1e-9 };
}

/** Every expectation of the two summaries, paired by id (one missing on a side: not agreeing). */
export function compareExpectations(envoy: readonly Measured[], model: readonly Measured[]): Agreement[] {
  return envoy.map((e) => {
    const m = model.find((x) => x.id === e.id);
    return m ? agreement(e, m) : { id: e.id, kind: e.kind, envoy: e.measured, model: 'missing', tolerance: '—', agree: false, sameVerdict: false };
  });
}

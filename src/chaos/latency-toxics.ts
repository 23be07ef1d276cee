// A link's base latency as Toxiproxy toxics: the one place that turns "this link adds
// 7 ± 2 ms to a request/response pair" into the two per-direction toxics Toxiproxy
// takes, so the local target, its faults and its calibration agree.

export interface LatencyToxicSpec {
  readonly name: string;
  readonly type: 'latency';
  readonly stream: 'upstream' | 'downstream';
  readonly toxicity: 1;
  readonly attributes: { readonly latency: number; readonly jitter: number };
}

/**
 * The two latency toxics that add `latencyMs` ± `jitterMs` to a request/response pair on
 * a link. Toxiproxy takes whole ms per direction and draws the jitter as a whole number
 * in [−j, j − 1] (toxics/latency.go: rand.Int63n(2j) − j), 0.5 ms low on average. So the
 * odd ms of the latency goes upstream (7 ms is 4 + 3, not 4 + 4 as rounding each half
 * gave), the jitter is split over both directions, and when both draw jitter 1 ms is
 * added back upstream: the pair's mean and median are then the configured figure
 * (7 ± 2 → {6, 7, 7, 8} ms). `latencyToxics(0, 0)` are the same toxics at 0 ms, as a
 * calibration leaves them.
 */
export function latencyToxics(latencyMs: number, jitterMs: number, prefix = 'base-latency'): LatencyToxicSpec[] {
  const l = Math.max(0, Math.round(latencyMs));
  const j = Math.max(0, Math.round(jitterMs));
  const jitter = { upstream: Math.ceil(j / 2), downstream: Math.floor(j / 2) };
  const lowDraws = (jitter.upstream > 0 ? 1 : 0) + (jitter.downstream > 0 ? 1 : 0);
  const latency = { upstream: Math.ceil(l / 2) + Math.floor(lowDraws / 2), downstream: Math.floor(l / 2) };
  return (['upstream', 'downstream'] as const).map((stream) => ({
    name: `${prefix}-${stream}`,
    type: 'latency',
    stream,
    toxicity: 1,
    attributes: { latency: latency[stream], jitter: jitter[stream] },
  }));
}

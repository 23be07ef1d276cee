// Envoy's local rate limit token bucket, as Higress's route-limit-rpm/-rps
// annotations configure it (local_rate_limit.go): max_tokens = rate × burst
// multiplier, tokens_per_fill = rate, fill_interval 60 s or 1 s; the bucket starts
// full; one bucket per route per Envoy instance. How it refills depends on the
// Envoy: 1.27 adds tokens_per_fill on each fill_interval tick; from 1.31 the bucket
// refills continuously at tokens_per_fill / fill_interval (envoyproxy/envoy#35207).
import type { LocalRateLimitSpec } from '../../../xds/route-policy.js';

export class LocalRateLimit {
  private tokens: number;
  private lastFill: number;

  constructor(
    readonly spec: LocalRateLimitSpec,
    private readonly refill: 'timer' | 'continuous' = 'continuous',
    private readonly now: () => number = performance.now.bind(performance),
  ) {
    this.tokens = spec.maxTokens;
    this.lastFill = now();
  }

  /** Takes one token; false means the request is limited (429). */
  consume(): boolean {
    const t = this.now();
    const s = this.spec;
    if (this.refill === 'timer') {
      const fills = Math.floor((t - this.lastFill) / s.fillIntervalMs);
      if (fills > 0) {
        this.tokens = Math.min(s.maxTokens, this.tokens + fills * s.tokensPerFill);
        this.lastFill += fills * s.fillIntervalMs;
      }
    } else {
      this.tokens = Math.min(s.maxTokens, this.tokens + ((t - this.lastFill) * s.tokensPerFill) / s.fillIntervalMs);
      this.lastFill = t;
    }
    if (this.tokens < 1) return false;
    this.tokens--;
    return true;
  }
}

// Envoy's local rate limit token bucket, as Higress's route-limit-rpm/-rps
// annotations configure it (local_rate_limit.go): max_tokens = rate × burst
// multiplier, tokens_per_fill = rate, fill_interval 60 s or 1 s; the bucket
// starts full; one bucket per route per gateway process (= per Envoy instance).

import type { LocalRateLimitSpec } from '../../../xds/route-policy.js';

export class LocalRateLimit {
  private tokens: number;
  private lastFill: number;

  constructor(
    readonly spec: LocalRateLimitSpec,
    private readonly now: () => number = performance.now.bind(performance),
  ) {
    this.tokens = spec.maxTokens;
    this.lastFill = now();
  }

  /** Takes one token; false means the request is limited (429). */
  consume(): boolean {
    const t = this.now();
    const fills = Math.floor((t - this.lastFill) / this.spec.fillIntervalMs);
    if (fills > 0) {
      // Envoy refills on a timer tick; whole intervals only
      this.tokens = Math.min(this.spec.maxTokens, this.tokens + fills * this.spec.tokensPerFill);
      this.lastFill += fills * this.spec.fillIntervalMs;
    }
    if (this.tokens < 1) return false;
    this.tokens--;
    return true;
  }
}

// An HTTPRoute rule's `retry` (GEP-1731) and `timeouts` (GEP-1742) as Higress 2.2's Gateway
// API conversion writes them into the Istio route, and Istio's retry.ConvertPolicy into
// Envoy's. retry: attempts default 2, retry on connect-failure, refused-stream, unavailable,
// cancelled plus the listed codes, backoff as the base interval, attempts 0 ⇒ no retry.
// timeouts: request ⇒ the route timeout; backendRequest ⇒ the per-try timeout when the rule
// retries, else the route timeout (in place of request). Higress 2.1's Gateway API (v0.8.0)
// has neither field: kubectl refuses them as unknown, or the API server prunes them.
import { z } from 'zod';
import type { HigressProfile } from '../profiles.js';
import type { RetryOn, RetryPolicy } from '../xds/retry-policy.js';
import { parseDurationMs } from './duration.js';
import { defaultRetryPolicy } from './retry-policies.js';

/** Gateway API Duration (GEP-2257): 1 to 4 of number + h, m, s or ms, e.g. "1m30s", "500ms". */
const gatewayDuration = z.string().regex(/^([0-9]{1,5}(h|m|s|ms)){1,4}$/, 'write a Gateway API duration such as 10s, 500ms or 1m30s');

export const ruleRetrySchema = z.looseObject({
  codes: z.array(z.number().int().min(400, 'retry codes are 400–599').max(599, 'retry codes are 400–599')).optional(),
  attempts: z.number().int().min(0).optional(),
  backoff: gatewayDuration.optional(),
});

export const ruleTimeoutsSchema = z.looseObject({ request: gatewayDuration.optional(), backendRequest: gatewayDuration.optional() });

export interface RuleRetryInput {
  readonly retry?: z.output<typeof ruleRetrySchema> | undefined;
  readonly timeouts?: z.output<typeof ruleTimeoutsSchema> | undefined;
}

/** The retry policy and route timeout a rule's retry and timeouts give on this profile (nothing on 2.1). */
export function ruleRetryAndTimeout(rule: RuleRetryInput, profile: HigressProfile): { retry?: RetryPolicy; timeoutMs?: number } {
  if (profile.name === '2.1') return {};
  let retry: RetryPolicy | undefined;
  if (rule.retry) {
    const codes = rule.retry.codes ?? [];
    const on: RetryOn[] = ['connect-failure', 'refused-stream', 'unavailable', 'cancelled', ...(codes.length > 0 ? (['retriable-status-codes'] as const) : [])];
    const backoff = parseDurationMs(rule.retry.backoff);
    retry = {
      // ConvertPolicy starts from Istio's default: previous_hosts and the fork's idempotent guard stay
      ...defaultRetryPolicy(profile),
      numRetries: rule.retry.attempts ?? 2,
      retryOn: new Set(on),
      retriableStatusCodes: codes,
      // Envoy's max_interval default is 10 × base_interval
      ...(backoff ? { baseIntervalMs: backoff, maxIntervalMs: backoff * 10 } : {}),
    };
  }
  let timeoutMs = parseDurationMs(rule.timeouts?.request) || undefined;
  const backend = parseDurationMs(rule.timeouts?.backendRequest) || undefined;
  if (backend !== undefined) {
    if (retry) retry = { ...retry, perTryTimeoutMs: backend };
    else timeoutMs = backend;
  }
  return { ...(retry ? { retry } : {}), ...(timeoutMs !== undefined ? { timeoutMs } : {}) };
}

/** What a 2.1 gateway never sees of a rule (the fields its CRD prunes), for the ignored list. */
export function prunedOn21(rule: RuleRetryInput, profile: HigressProfile): string[] {
  if (profile.name !== '2.1') return [];
  const fields = [...(rule.timeouts ? ['timeouts'] : []), ...(rule.retry ? ['retry'] : [])];
  if (fields.length === 0) return [];
  const them = fields.length === 1 ? 'it' : 'them';
  return [
    `${fields.join(' and ')} ${fields.length === 1 ? 'is' : 'are'} not in Higress 2.1's Gateway API (v0.8.0): kubectl apply refuses the HTTPRoute as an unknown field (Kubernetes ≥ 1.27), and applied without strict validation the API server prunes ${them}; region-lab programs the route without ${them} (Istio's default retry, no timeout)`,
  ];
}

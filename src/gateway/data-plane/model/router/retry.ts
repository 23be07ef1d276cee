// Envoy's router retry decisions for one request under its route's retry policy:
// whether the request may be retried at all, whether a failed attempt is retried,
// and the jittered exponential back-off between attempts.
import type { RetryPolicy } from '../../../xds/retry-policy.js';
import type { Random } from '../random.js';
import type { ResetReason } from '../upstream/reset.js';

export type { ResetReason } from '../upstream/reset.js';

export type AttemptFailure =
  | { readonly kind: 'reset'; readonly reason: ResetReason; readonly transportFailure: string }
  | { readonly kind: 'response'; readonly status: number; readonly grpcStatus?: string | undefined }
  | { readonly kind: 'per-try-timeout' };

const methodRegexes = new Map<string, RegExp>();

function methodRegex(re2: string): RegExp {
  let re = methodRegexes.get(re2);
  if (!re) methodRegexes.set(re2, (re = new RegExp(`^(?:${re2})$`)));
  return re;
}

/** Envoy creates no retry state at all when retriable_request_headers do not match. */
export function requestIsRetriable(policy: RetryPolicy, method: string): boolean {
  return policy.numRetries > 0 && !(policy.nonRetriableMethods !== null && methodRegex(policy.nonRetriableMethods).test(method));
}

const CONNECT_FAILURES: ReadonlySet<ResetReason> = new Set(['local connection failure', 'remote connection failure', 'connection timeout']);

/** RetryStateImpl::wouldRetryFromReset / wouldRetryFromHeaders for one failed attempt. */
export function wouldRetry(policy: RetryPolicy, f: AttemptFailure): boolean {
  const on = policy.retryOn;
  // a per-try timeout counts as a 504 with no response: 5xx and gateway-error retry it
  if (f.kind === 'per-try-timeout') return on.has('5xx') || on.has('gateway-error');
  if (f.kind === 'reset') {
    if (CONNECT_FAILURES.has(f.reason) && on.has('connect-failure')) return true;
    if (f.reason === 'remote refused stream reset' && on.has('refused-stream')) return true;
    return on.has('reset') || on.has('5xx') || on.has('gateway-error');
  }
  if (on.has('5xx') && f.status >= 500) return true;
  if (on.has('gateway-error') && f.status >= 502 && f.status <= 504) return true;
  if (on.has('retriable-status-codes') && policy.retriableStatusCodes.includes(f.status)) return true;
  if (on.has('unavailable') && f.grpcStatus === '14') return true;
  if (on.has('cancelled') && f.grpcStatus === '1') return true;
  return false;
}

/** What triggered a retry, for the retry event. */
export function retryReason(f: AttemptFailure): string {
  if (f.kind === 'per-try-timeout') return 'per-try timeout';
  return f.kind === 'reset' ? `${f.reason}${f.transportFailure ? `, ${f.transportFailure}` : ''}` : `status ${f.status}${f.grpcStatus ? ` grpc-status ${f.grpcStatus}` : ''}`;
}

/**
 * JitteredExponentialBackOffStrategy (backoff_strategy.cc): retry n waits
 * random % next_interval, next_interval = min(base · 2^(n−1), max): 25, 50, 100, 200, 250 ms.
 */
export function backoffMs(retry: number, policy: RetryPolicy, random: Random): number {
  const ceiling = Math.min(2 ** (retry - 1) * policy.baseIntervalMs, policy.maxIntervalMs);
  return Math.floor(random() * ceiling);
}

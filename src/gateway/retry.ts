// Envoy's router retry decisions under the retry policy Istio/Higress write when a
// route sets none: 2 retries on connect-failure, refused-stream, unavailable,
// cancelled (+ 503 on 2.1), previous_hosts, jittered exponential back-off.
import type { HigressProfile } from './profiles.js';
import type { Random } from './load-balancer.js';

export type RetryOn = 'connect-failure' | 'refused-stream' | 'unavailable' | 'cancelled' | 'retriable-status-codes' | 'reset' | '5xx' | 'gateway-error';

export interface RetryPolicy {
  readonly numRetries: number;
  readonly retryOn: ReadonlySet<RetryOn>;
  readonly retriableStatusCodes: readonly number[];
  /** previous_hosts predicate with host_selection_retry_max_attempts. */
  readonly hostSelectionRetryMaxAttempts: number;
  readonly baseIntervalMs: number;
  readonly maxIntervalMs: number;
  /** retriable_request_headers: `:method` must NOT match this (Higress "Add by ingress"). */
  readonly nonRetriableMethods: RegExp | null;
}

/** Envoy StreamResetReason, worded as Http::Utility::resetReasonToString. */
export type ResetReason =
  | 'remote connection failure'
  | 'local connection failure'
  | 'connection timeout'
  | 'connection termination'
  | 'remote reset'
  | 'protocol error'
  | 'remote refused stream reset';

export type AttemptFailure =
  | { readonly kind: 'reset'; readonly reason: ResetReason; readonly transportFailure: string }
  | { readonly kind: 'response'; readonly status: number; readonly grpcStatus?: string | undefined };

/** Istio retry.DefaultPolicy as the profile's fork writes it. */
export function defaultRetryPolicy(profile: HigressProfile): RetryPolicy {
  const on: RetryOn[] = ['connect-failure', 'refused-stream', 'unavailable', 'cancelled', 'retriable-status-codes'];
  return {
    numRetries: 2,
    retryOn: new Set(on),
    retriableStatusCodes: profile.defaultRetry503 ? [503] : [],
    hostSelectionRetryMaxAttempts: 5,
    baseIntervalMs: 25,
    maxIntervalMs: 250,
    nonRetriableMethods: profile.retryIdempotentOnly ? /^(?:POST|PATCH|LOCK)$/ : null,
  };
}

/** Envoy creates no retry state at all when retriable_request_headers do not match. */
export function requestIsRetriable(policy: RetryPolicy, method: string): boolean {
  return policy.numRetries > 0 && !(policy.nonRetriableMethods?.test(method) ?? false);
}

const CONNECT_FAILURES: ReadonlySet<ResetReason> = new Set(['local connection failure', 'remote connection failure', 'connection timeout']);

/** RetryStateImpl::wouldRetryFromReset / wouldRetryFromHeaders for one failed attempt. */
export function wouldRetry(policy: RetryPolicy, f: AttemptFailure): boolean {
  const on = policy.retryOn;
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
  return f.kind === 'reset' ? `${f.reason}${f.transportFailure ? `, ${f.transportFailure}` : ''}` : `status ${f.status}${f.grpcStatus ? ` grpc-status ${f.grpcStatus}` : ''}`;
}

/** JitteredExponentialBackOffStrategy: retry n waits U[0, min((2^n − 1)·base, max)). */
export function backoffMs(retry: number, policy: RetryPolicy, random: Random): number {
  const ceiling = Math.min((2 ** retry - 1) * policy.baseIntervalMs, policy.maxIntervalMs);
  return Math.floor(random() * ceiling);
}

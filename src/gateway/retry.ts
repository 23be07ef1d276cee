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
  /** per_try_timeout; undefined: only the route timeout applies. */
  readonly perTryTimeoutMs?: number;
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
  | { readonly kind: 'response'; readonly status: number; readonly grpcStatus?: string | undefined }
  | { readonly kind: 'per-try-timeout' };

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

/** JitteredExponentialBackOffStrategy: retry n waits U[0, min((2^n − 1)·base, max)). */
export function backoffMs(retry: number, policy: RetryPolicy, random: Random): number {
  const ceiling = Math.min((2 ** retry - 1) * policy.baseIntervalMs, policy.maxIntervalMs);
  return Math.floor(random() * ceiling);
}

/** Higress annotations/retry.go: defaultRetryCount 3, defaultRetryOn "5xx". */
const ANNOTATION_RETRIES = 3;

/**
 * proxy-next-upstream(-tries/-timeout) → the route's retry policy (any one present
 * creates it). `off` ⇒ attempts 0 ⇒ no retry at all; error/timeout/invalid_header ⇒
 * 5xx; http_NNN ⇒ retriable-status-codes NNN; non_idempotent lifts the POST guard.
 */
export function annotationRetryPolicy(profile: HigressProfile, a: { nextUpstream?: string; tries?: number; timeoutS?: number }): RetryPolicy {
  const values = (a.nextUpstream ?? '').split(/[\s,]+/).filter(Boolean);
  const on = new Set<RetryOn>();
  const codes: number[] = [];
  let nonIdempotent = false;
  let off = false;
  for (const v of values) {
    if (v === 'off') off = true;
    else if (v === 'error' || v === 'timeout' || v === 'invalid_header') on.add('5xx');
    else if (v === 'non_idempotent') nonIdempotent = true;
    else if (/^http_\d{3}$/.test(v)) {
      on.add('retriable-status-codes');
      codes.push(Number(v.slice(5)));
    }
  }
  if (on.size === 0) on.add('5xx');
  return {
    numRetries: off ? 0 : (a.tries ?? ANNOTATION_RETRIES),
    retryOn: on,
    retriableStatusCodes: codes,
    hostSelectionRetryMaxAttempts: 5,
    baseIntervalMs: 25,
    maxIntervalMs: 250,
    nonRetriableMethods: profile.retryIdempotentOnly && !nonIdempotent ? /^(?:POST|PATCH|LOCK)$/ : null,
    ...(a.timeoutS ? { perTryTimeoutMs: a.timeoutS * 1000 } : {}),
  };
}

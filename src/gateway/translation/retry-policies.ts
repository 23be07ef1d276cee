// The retry policies Istio and Higress write on a route: Istio's default when a
// route sets none (2 retries on connect-failure, refused-stream, unavailable,
// cancelled, + 503 on 2.1, previous_hosts, never POST/PATCH/LOCK), and the one
// the proxy-next-upstream annotations make.
import type { HigressProfile } from '../profiles.js';
import type { RetryOn, RetryPolicy } from '../xds/retry-policy.js';

/** Higress's guard: these methods are never retried. */
export const NON_IDEMPOTENT = 'POST|PATCH|LOCK';

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
    nonRetriableMethods: profile.retryIdempotentOnly ? NON_IDEMPOTENT : null,
  };
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
    nonRetriableMethods: profile.retryIdempotentOnly && !nonIdempotent ? NON_IDEMPOTENT : null,
    ...(a.timeoutS ? { perTryTimeoutMs: a.timeoutS * 1000 } : {}),
  };
}

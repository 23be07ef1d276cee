// A route's retry policy as Envoy's RetryPolicy carries it (retry_on, num_retries,
// retriable status codes, previous_hosts, back-off, retriable_request_headers).

export type RetryOn = 'connect-failure' | 'refused-stream' | 'unavailable' | 'cancelled' | 'retriable-status-codes' | 'reset' | '5xx' | 'gateway-error';

export interface RetryPolicy {
  readonly numRetries: number;
  readonly retryOn: ReadonlySet<RetryOn>;
  readonly retriableStatusCodes: readonly number[];
  /** previous_hosts predicate with host_selection_retry_max_attempts. */
  readonly hostSelectionRetryMaxAttempts: number;
  readonly baseIntervalMs: number;
  readonly maxIntervalMs: number;
  /** retriable_request_headers: an RE2 regex `:method` must NOT match (Higress "Add by ingress"). */
  readonly nonRetriableMethods: string | null;
  /** per_try_timeout; undefined: only the route timeout applies. */
  readonly perTryTimeoutMs?: number;
}

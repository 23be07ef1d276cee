// Istio's default retry policy per profile, Envoy's retry decisions, back-off
// bounds, and Envoy's local reply wording.
import { describe, expect, it } from 'vitest';
import { upstreamReset } from '../listener/local-reply.js';
import { delayedConnectError } from '../upstream/reset.js';
import { profileFor } from '../../../profiles.js';
import { backoffMs, requestIsRetriable, wouldRetry } from './retry.js';
import { defaultRetryPolicy } from '../../../translation/retry-policies.js';
import { classify } from '../upstream/attempt-result.js';

const p21 = profileFor('2.1');
const p22 = profileFor('2.2');

describe('default retry policy', () => {
  it('GIVEN either profile WHEN no retry is configured THEN 2 retries, previous hosts with 5 selection attempts, 25/250 ms back-off', () => {
    for (const p of [p21, p22]) {
      const r = defaultRetryPolicy(p);
      expect(r.numRetries).toBe(2);
      expect(r.hostSelectionRetryMaxAttempts).toBe(5);
      expect([r.baseIntervalMs, r.maxIntervalMs]).toEqual([25, 250]);
      expect([...r.retryOn].sort()).toEqual(['cancelled', 'connect-failure', 'refused-stream', 'retriable-status-codes', 'unavailable']);
    }
  });

  it('GIVEN an upstream 503 WHEN on 2.1 THEN retried; WHEN on 2.2 THEN not', () => {
    expect(wouldRetry(defaultRetryPolicy(p21), { kind: 'response', status: 503 })).toBe(true);
    expect(wouldRetry(defaultRetryPolicy(p22), { kind: 'response', status: 503 })).toBe(false);
  });

  it('GIVEN a 500 or 502 from upstream WHEN deciding THEN never retried by default', () => {
    expect(wouldRetry(defaultRetryPolicy(p21), { kind: 'response', status: 500 })).toBe(false);
    expect(wouldRetry(defaultRetryPolicy(p21), { kind: 'response', status: 502 })).toBe(false);
  });

  it('GIVEN grpc-status 14 or 1 WHEN deciding THEN retried (unavailable, cancelled)', () => {
    expect(wouldRetry(defaultRetryPolicy(p22), { kind: 'response', status: 200, grpcStatus: '14' })).toBe(true);
    expect(wouldRetry(defaultRetryPolicy(p22), { kind: 'response', status: 200, grpcStatus: '1' })).toBe(true);
  });

  it('GIVEN a refused connect WHEN deciding THEN retried; GIVEN a close after connect THEN not (no `reset` in retry_on)', () => {
    const r = defaultRetryPolicy(p21);
    expect(wouldRetry(r, { kind: 'reset', reason: 'remote connection failure', transportFailure: 'delayed connect error: 111' })).toBe(true);
    expect(wouldRetry(r, { kind: 'reset', reason: 'connection timeout', transportFailure: '' })).toBe(true);
    expect(wouldRetry(r, { kind: 'reset', reason: 'connection termination', transportFailure: '' })).toBe(false);
  });

  it('GIVEN POST, PATCH or LOCK WHEN the default policy applies THEN the request is not retriable; GET, PUT are', () => {
    const r = defaultRetryPolicy(p21);
    expect(['POST', 'PATCH', 'LOCK'].map((m) => requestIsRetriable(r, m))).toEqual([false, false, false]);
    expect(['GET', 'PUT', 'DELETE', 'POSTX'].map((m) => requestIsRetriable(r, m))).toEqual([true, true, true, true]);
  });

  it('GIVEN retry n WHEN backing off THEN the wait is below min(25·2^(n−1), 250) ms: 25, 50, 100, 200, 250 (backoff_strategy.cc)', () => {
    const r = defaultRetryPolicy(p21);
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffMs(n, r, () => 0.999))).toEqual([24, 49, 99, 199, 249, 249]);
    expect(backoffMs(1, r, () => 0)).toBe(0);
  });
});

describe('socket events → reset reasons', () => {
  const err = (code: string) => Object.assign(new Error(code), { code });
  it('GIVEN ECONNREFUSED before connect WHEN classified THEN a connect failure', () => {
    expect(classify(err('ECONNREFUSED'), false, p21)).toEqual({ kind: 'reset', reason: 'remote connection failure', transportFailure: 'delayed connect error: 111', connectFailure: true });
  });
  it('GIVEN ECONNRESET after connect (Toxiproxy with a dead upstream) WHEN classified THEN connection termination', () => {
    expect(classify(err('ECONNRESET'), true, p21)).toMatchObject({ reason: 'connection termination', connectFailure: false });
  });
  it('GIVEN an HTTP parse error WHEN classified THEN protocol error', () => {
    expect(classify(err('HPE_INVALID_CONSTANT'), true, p21).reason).toBe('protocol error');
  });
});

describe('local reply wording', () => {
  it('GIVEN a refused connect after retries on 2.1 WHEN replied THEN the exact Envoy 1.27 body', () => {
    expect(upstreamReset('remote connection failure', delayedConnectError('ECONNREFUSED', p21), true)).toEqual({
      status: 503,
      body: 'upstream connect error or disconnect/reset before headers. retried and the latest reset reason: remote connection failure, transport failure reason: delayed connect error: 111',
      flags: 'UF,URX',
    });
  });
  it('GIVEN a refused connect on 2.2 WHEN worded THEN newer Envoy prints the errno text', () => {
    expect(delayedConnectError('ECONNREFUSED', p22)).toBe('delayed connect error: Connection refused');
  });
  it('GIVEN a close after connect without retry WHEN replied THEN no "retried and the latest" and no transport reason', () => {
    expect(upstreamReset('connection termination', '', false).body).toBe('upstream connect error or disconnect/reset before headers. reset reason: connection termination');
  });
  it('GIVEN a protocol error WHEN replied THEN 502', () => {
    expect(upstreamReset('protocol error', '', false).status).toBe(502);
  });
});

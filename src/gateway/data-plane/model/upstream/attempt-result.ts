// What one upstream attempt ends in, shared by the HTTP/1 and HTTP/2 attempts:
// a response, or a reset classified as Envoy's connection pool and codec see it.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { HigressProfile } from '../../../profiles.js';
import { delayedConnectError, type ResetReason } from './reset.js';
import { tlsFailureReason } from './upstream-transport.js';

/** Istio mesh default connect timeout (pkg/config/mesh/mesh.go), not Envoy's 5 s. */
export const CONNECT_TIMEOUT_MS = 10_000;

/** An upstream response: an http.IncomingMessage, or an HTTP/2 stream shaped like one. */
export type UpstreamResponse = Readable & { readonly statusCode?: number | undefined; readonly statusMessage?: string | undefined; readonly headers: IncomingHttpHeaders };

export type AttemptResult =
  | { readonly kind: 'response'; readonly res: UpstreamResponse; readonly serviceTimeMs: number }
  | { readonly kind: 'reset'; readonly reason: ResetReason; readonly transportFailure: string; readonly connectFailure: boolean };

export interface UpstreamRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: OutgoingHttpHeaders;
  readonly body: Buffer | undefined;
}

export interface Attempt {
  readonly result: Promise<AttemptResult>;
  /** Aborts the attempt (downstream went away). */
  cancel(): void;
}

export const CONNECT_TIMEOUT = new Error('connect timeout');

/** Maps a Node socket error to the Envoy reset reason and transport failure reason. */
export function classify(err: NodeJS.ErrnoException, connected: boolean, profile: HigressProfile): Extract<AttemptResult, { kind: 'reset' }> {
  if (err === CONNECT_TIMEOUT) return { kind: 'reset', reason: 'connection timeout', transportFailure: '', connectFailure: true };
  if (!connected) {
    // the pool's connect failed: PoolFailureReason::RemoteConnectionFailure
    return { kind: 'reset', reason: 'remote connection failure', transportFailure: tlsFailureReason(err) ?? delayedConnectError(err.code, profile), connectFailure: true };
  }
  if (err.code?.startsWith('HPE_')) return { kind: 'reset', reason: 'protocol error', transportFailure: '', connectFailure: false };
  // CodecClient::onEvent: a remote close while connected resets streams with ConnectionTermination
  return { kind: 'reset', reason: 'connection termination', transportFailure: '', connectFailure: false };
}

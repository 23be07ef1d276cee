// Envoy's local replies, worded as source/common/router/router.cc sends them, with
// the headers an Istio gateway adds (server: istio-envoy).
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { ResetReason } from '../upstream/reset.js';

export interface LocalReply {
  readonly status: number;
  readonly body: string;
  /** Envoy response flags, for stats and logs. */
  readonly flags: string;
}

export const NO_HEALTHY_UPSTREAM: LocalReply = { status: 503, body: 'no healthy upstream', flags: 'UH' };
export const NO_ROUTE: LocalReply = { status: 404, body: '', flags: 'NR' };

export function clusterNotFound(status: 500 | 503): LocalReply {
  return { status, body: '', flags: 'NC' };
}

/** Direct response (e.g. an HTTPRoute rule with no backend of weight > 0 → 500). */
export function directResponse(status: number, body: string): LocalReply {
  return { status, body, flags: 'DR' };
}

/** Filter::onUpstreamReset: 503 (502 on a protocol error), body naming the reset reason. */
export function upstreamReset(reason: ResetReason, transportFailure: string, isRetry: boolean): LocalReply {
  const body =
    'upstream connect error or disconnect/reset before headers. ' +
    (isRetry ? 'retried and the latest ' : '') +
    `reset reason: ${reason}` +
    (transportFailure ? `, transport failure reason: ${transportFailure}` : '');
  const flag = reason === 'connection timeout' || reason.endsWith('connection failure') ? 'UF' : reason === 'protocol error' ? 'UPE' : reason === 'connection termination' ? 'UC' : 'UR';
  return { status: reason === 'protocol error' ? 502 : 503, body, flags: isRetry ? `${flag},URX` : flag };
}

/** Adds the route's response header operations to a reply the router sends for that route. */
export type ModifyHeaders = (headers: OutgoingHttpHeaders) => void;

/** Writes a local reply the way Envoy does: text/plain when there is a body, server: istio-envoy. */
export function sendLocalReply(res: ServerResponse, reply: LocalReply, modify?: ModifyHeaders): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const headers: OutgoingHttpHeaders = { 'content-length': Buffer.byteLength(reply.body) };
  if (reply.body) headers['content-type'] = 'text/plain';
  modify?.(headers);
  headers.server = 'istio-envoy';
  res.writeHead(reply.status, headers);
  res.end(reply.body);
}

/** Envoy RBAC filter denial (whitelist-source-range). */
export const RBAC_DENIED: LocalReply = { status: 403, body: 'RBAC: access denied', flags: 'RBAC' };
/** Envoy local rate limit filter. */
export const RATE_LIMITED: LocalReply = { status: 429, body: 'local_rate_limited', flags: 'RL' };
/** Router onUpstreamTimeoutAbort: the route (or last per-try) timeout fired before a response. */
export const UPSTREAM_TIMEOUT: LocalReply = { status: 504, body: 'upstream request timeout', flags: 'UT' };

/** Envoy's redirect response: status and location, no body. */
export function sendRedirect(res: ServerResponse, status: number, location: string, modify?: ModifyHeaders): void {
  const headers: OutgoingHttpHeaders = { location, 'content-length': 0 };
  modify?.(headers);
  headers.server = 'istio-envoy';
  res.writeHead(status, headers);
  res.end();
}

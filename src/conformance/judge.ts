// Judging one request entry from what came back and what the echo backends received.
// As in Higress's own e2e framework (test/e2e/conformance/utils/http CompareRequest):
// when a backend answers 2xx, it must have received the request as sent (path, host,
// method, headers) unless the case says otherwise. Pure: no I/O.
import { judgeAggregate, type Answer } from './aggregate.js';
import type { Received } from './echo-backend.js';
import type { RequestEntry } from './schema.js';
import type { Reply } from './send.js';

export interface Observation {
  readonly reply: Reply;
  /** Every copy the backends received of this request (attempts and mirror copies). */
  readonly received: readonly Received[];
}

export interface EntryVerdict {
  readonly expected: string;
  readonly got: string;
  readonly problems: string[];
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(', ') : v);
const isMirrorCopy = (r: Received) => r.host.endsWith('-shadow') || /-shadow:\d+$/.test(r.host);

export function answerOf(reply: Reply): Answer {
  const backend = one(reply.headers['x-echo-backend']);
  const instance = one(reply.headers['x-echo-instance']);
  return { status: reply.status, ...(backend ? { backend } : {}), ...(instance ? { instance } : {}) };
}

function describeReply(o: Observation): string {
  if (o.reply.error) return `no answer (${o.reply.error})`;
  const a = answerOf(o.reply);
  const from = a.backend ? ` from ${a.backend}${a.instance && a.instance !== `${a.backend}-0` ? `/${a.instance}` : ''}` : ' local reply';
  const got = o.received.filter((r) => r.backend === a.backend && r.instance === a.instance && !isMirrorCopy(r)).at(-1);
  // the gateway's own address as Host is noise; a named host is worth showing
  return `${a.status}${from}${got ? ` ${got.method === 'GET' ? '' : `${got.method} `}${got.host.startsWith('127.') ? '' : got.host}${got.path}` : ''}`;
}

/** The problems of one reply against the entry's per-request expectations. */
export function replyProblems(entry: RequestEntry, o: Observation): string[] {
  const e = entry.expect;
  const req = entry.request;
  const p: string[] = [];
  if (e.refused) return o.reply.error ? [] : [`answered ${o.reply.status}, expected the connection or handshake to be refused`];
  if (o.reply.error) return [`no HTTP answer: ${o.reply.error}`];
  const a = answerOf(o.reply);
  if (e.status !== undefined && o.reply.status !== e.status) p.push(`status ${o.reply.status}, expected ${e.status}`);
  const attempts = o.received.filter((r) => !isMirrorCopy(r));
  if (e.backend === null && attempts.length > 0) p.push(`${attempts[0]!.backend} received it; expected a local reply`);
  if (typeof e.backend === 'string' && a.backend !== e.backend) p.push(`answered by ${a.backend ?? 'no backend'}, expected ${e.backend}`);
  if (e.instance !== undefined && a.instance !== e.instance) p.push(`answered by instance ${a.instance ?? 'none'}, expected ${e.instance}`);
  // a route may remove x-echo-instance from the response (a response header modifier): then any instance of the backend
  const seen = attempts.filter((r) => r.backend === a.backend && (a.instance === undefined || r.instance === a.instance)).at(-1);
  const answered2xx = a.backend !== undefined && o.reply.status >= 200 && o.reply.status < 300;
  if (seen && (answered2xx || e.path !== undefined || e.host !== undefined || e.headers !== undefined)) {
    const path = e.path ?? req.path;
    if (seen.path !== path) p.push(`backend received path ${seen.path}, expected ${path}`);
    const host = e.host ?? req.host;
    if (host !== undefined && seen.host !== host) p.push(`backend received host ${seen.host}, expected ${host}`);
    const method = e.method ?? req.method;
    if (seen.method !== method) p.push(`backend received method ${seen.method}, expected ${method}`);
    for (const [k, v] of Object.entries(e.headers ?? req.headers)) {
      const got = one(seen.headers[k.toLowerCase()]);
      if (got !== v) p.push(`backend received ${k.toLowerCase()}: ${got ?? '(absent)'}, expected ${v}`);
    }
  } else if (!seen && (e.path !== undefined || e.headers !== undefined)) {
    p.push('no backend received the request, so its path and headers cannot be checked');
  }
  for (const k of e.absentHeaders ?? []) if (seen?.headers[k.toLowerCase()] !== undefined) p.push(`backend received ${k.toLowerCase()}, expected it absent`);
  for (const [k, v] of Object.entries(e.responseHeaders ?? {})) {
    const got = one(o.reply.headers[k.toLowerCase()]);
    if (got !== v) p.push(`response ${k.toLowerCase()}: ${got ?? '(absent)'}, expected ${v}`);
  }
  for (const [k, re] of Object.entries(e.responseHeaderPatterns ?? {})) {
    const got = one(o.reply.headers[k.toLowerCase()]);
    if (got === undefined || !new RegExp(re).test(got)) p.push(`response ${k.toLowerCase()}: ${got ?? '(absent)'}, expected to match /${re}/`);
  }
  for (const k of e.absentResponseHeaders ?? []) if (o.reply.headers[k.toLowerCase()] !== undefined) p.push(`response has ${k.toLowerCase()}: ${one(o.reply.headers[k.toLowerCase()])}, expected it absent`);
  if (e.body !== undefined && !o.reply.body.includes(e.body)) p.push(`body ${JSON.stringify(o.reply.body.slice(0, 80))} does not contain ${JSON.stringify(e.body)}`);
  if (e.attempts !== undefined && attempts.length !== e.attempts) p.push(`backends received it ${attempts.length} time(s), expected ${e.attempts}`);
  if (e.mirror) {
    const copy = o.received.find((r) => r.backend === e.mirror!.backend && isMirrorCopy(r)) ?? o.received.find((r) => r.backend === e.mirror!.backend);
    const path = e.mirror.path ?? req.path;
    if (!copy) p.push(`no copy reached ${e.mirror.backend}`);
    else {
      if (copy.path !== path) p.push(`the copy at ${e.mirror.backend} has path ${copy.path}, expected ${path}`);
      if (e.mirror.host !== undefined && copy.host !== e.mirror.host) p.push(`the copy at ${e.mirror.backend} has host ${copy.host}, expected ${e.mirror.host}`);
    }
  }
  return p;
}

function describeExpected(entry: RequestEntry): string {
  const e = entry.expect;
  const parts: string[] = [];
  if (e.refused) parts.push('refused');
  if (e.status !== undefined) parts.push(String(e.status));
  if (typeof e.backend === 'string') parts.push(`from ${e.backend}${e.instance ? `/${e.instance}` : ''}`);
  if (e.backend === null) parts.push('local reply');
  if (e.path !== undefined || e.host !== undefined) parts.push(`${e.host ?? ''}${e.path ?? ''}`);
  if (e.attempts !== undefined) parts.push(`${e.attempts} attempt${e.attempts === 1 ? '' : 's'}`);
  if (e.mirror) parts.push(`copy to ${e.mirror.backend}`);
  const rh = Object.entries(e.responseHeaders ?? {}).map(([k, v]) => `${k}: ${v}`);
  if (rh.length > 0) parts.push(rh.join(', '));
  return parts.join(' ');
}

export function judgeEntry(entry: RequestEntry, observations: readonly Observation[]): EntryVerdict {
  const perReply = observations.map((o) => replyProblems(entry, o));
  const firstBad = perReply.findIndex((p) => p.length > 0);
  const agg = judgeAggregate(entry.expect, observations.filter((o) => !o.reply.error).map((o) => answerOf(o.reply)));
  const expected = [describeExpected(entry), ...agg.expected].filter(Boolean).join('; ');
  const shown = observations[firstBad < 0 ? 0 : firstBad];
  const got = [observations.length > 1 && agg.got.length > 0 ? '' : shown ? describeReply(shown) : 'nothing sent', ...agg.got].filter(Boolean).join('; ');
  const problems = [...(firstBad < 0 ? [] : perReply[firstBad]!.map((m) => (observations.length > 1 ? `request ${firstBad + 1}/${observations.length}: ${m}` : m))), ...agg.problems];
  return { expected: observations.length > 1 ? `${expected} (×${observations.length})` : expected, got, problems };
}

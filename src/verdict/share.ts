// Share: of the requests that entered a region in a window (optionally only those
// that sent, or did not send, a given header or cookie), the share answered by a
// given app / instance / region / status / fallback. Canary, A/B, blue/green and
// rate-limit scenarios are all judged by it.
import { servedApp, type RequestRecord } from '../load/request-record.js';
import type { AnsweredBy, SentFilter } from '../scenario/variations.js';
import { notMeasured, type ExpectationOf, type JudgeContext } from './context.js';
import { betweenText, count, inBand, ratio, ratioBand, windowText } from './format.js';
import type { ExpectationResult } from './types.js';
import { lowerBound } from './windows.js';

/** Did the request send what the filter names (header names compare case-insensitively)? */
export function sentMatches(r: RequestRecord, f: SentFilter): boolean {
  const sent = f.header !== undefined ? r.sentHeaders?.[f.header.toLowerCase()] : r.sentCookies?.[f.cookie!];
  if (!f.sent) return sent === undefined;
  return sent !== undefined && (f.value === undefined || sent === f.value);
}

export function answeredMatches(r: RequestRecord, a: AnsweredBy): boolean {
  return (
    (a.app === undefined || (r.status !== 0 && servedApp(r) === a.app)) &&
    (a.instance === undefined || r.servedInstance === a.instance) &&
    (a.region === undefined || r.servedRegion === a.region) &&
    (a.status === undefined || r.status === a.status) &&
    (a.fallback === undefined || r.fallback === a.fallback)
  );
}

export interface ShareCounts {
  readonly selected: number;
  readonly hits: number;
  /** What the selected requests were answered by, most frequent first: "user-service 200" → n. */
  readonly answers: readonly (readonly [string, number])[];
}

function answerKey(r: RequestRecord): string {
  if (r.status === 0) return r.outcome === 'timeout' ? 'timeout' : 'transport error';
  const who = r.servedInstance ? servedApp(r) : 'the gateway';
  return `${who}${r.fallback ? ' (fallback)' : ''} ${r.status}`;
}

/** Requests entering `entry` that started in [fromMs, toMs) and pass the filter; hits among them. */
export function shareOf(records: readonly RequestRecord[], entry: string, fromMs: number, toMs: number, of: SentFilter | undefined, by: AnsweredBy): ShareCounts {
  let selected = 0;
  let hits = 0;
  const answers = new Map<string, number>();
  for (let i = lowerBound(records, fromMs); i < records.length; i++) {
    const r = records[i]!;
    if (r.startMs >= toMs) break;
    if (r.entry !== entry || (of && !sentMatches(r, of))) continue;
    selected++;
    if (answeredMatches(r, by)) hits++;
    const k = answerKey(r);
    answers.set(k, (answers.get(k) ?? 0) + 1);
  }
  return { selected, hits, answers: [...answers].sort((a, b) => b[1] - a[1]) };
}

/** "requests that sent header x-canary: true", "requests that did not send cookie c". */
export function filterText(f: SentFilter | undefined): string {
  if (!f) return 'requests';
  const what = f.header !== undefined ? `header ${f.header}` : `cookie ${f.cookie}`;
  if (!f.sent) return `requests that did not send ${what}`;
  return `requests that sent ${what}${f.value === undefined ? '' : `: ${f.value}`}`;
}

export function answeredText(a: AnsweredBy): string {
  const parts = [
    a.app !== undefined && `app ${a.app}`,
    a.instance !== undefined && `instance ${a.instance}`,
    a.region !== undefined && `region ${a.region}`,
    a.status !== undefined && `status ${a.status === 0 ? '0 (no answer)' : a.status}`,
    a.fallback !== undefined && (a.fallback ? 'the fallback' : 'not the fallback'),
  ].filter(Boolean);
  return parts.join(', ');
}

export function judgeShare(e: ExpectationOf<'share'>, ctx: JudgeContext): ExpectationResult {
  const expected = ratioBand(e.expected);
  if (ctx.t0 + e.window.to > ctx.endedAtMs) {
    return notMeasured(e, expected, `the run ended at ${((ctx.endedAtMs - ctx.t0) / 1000).toFixed(1)} s, before the window ${windowText(e.window.from, e.window.to)} closed`);
  }
  const c = shareOf(ctx.log.records, e.entry, ctx.t0 + e.window.from, ctx.t0 + e.window.to, e.of, e.answeredBy);
  const who = filterText(e.of);
  if (c.selected === 0) return notMeasured(e, expected, `no ${who} entering ${e.entry} started ${betweenText(e.window.from, e.window.to)}`);
  const r = c.hits / c.selected;
  const pass = inBand(r, e.expected);
  const where = pass ? 'inside' : r < (e.expected.min ?? -Infinity) ? 'below' : 'above';
  const top = c.answers.slice(0, 4).map(([k, n]) => `${count(n)} ${k}`).join(', ');
  const sentence =
    `${count(c.hits)} of ${count(c.selected)} ${who} entering ${e.entry} ${betweenText(e.window.from, e.window.to)} were answered by ${answeredText(e.answeredBy)} ` +
    `(${ratio(r)}, ${where} the expected ${expected}); answers: ${top}${c.answers.length > 4 ? ', …' : ''}.`;
  return { id: e.id, kind: e.kind, expected, measured: ratio(r), value: r, pass, sentence, source: e.source };
}

// Mirror copies: the gateway ignores the mirror's answers, so the only evidence of a
// mirror is what the mirror service received. The run reads every instance's admin
// /stats (`served`) when the load ends; this compares that count with what k6 sent.
import { notMeasured, type ExpectationOf, type JudgeContext } from './context.js';
import { count, inBand, ratio, ratioBand } from './format.js';
import type { ExpectationResult } from './types.js';

/** Requests each mirror service received during the run, by Nacos service; undefined = could not be read. */
export type MirrorCounts = Readonly<Record<string, number | undefined>>;

export function judgeMirrorCopies(e: ExpectationOf<'mirror-copies'>, ctx: JudgeContext, copies: MirrorCounts | undefined): ExpectationResult {
  const expected = ratioBand(e.expected);
  const received = copies?.[e.service];
  const sent = ctx.log.httpReqs;
  if (received === undefined) return notMeasured(e, expected, `the run did not read ${e.service}'s /stats (the instances were not reachable when the load ended)`);
  if (sent === 0) return notMeasured(e, expected, ctx.log.countsFrom === 'none' ? "k6's own request count is unknown (it left no end-of-test summary)" : 'k6 sent no request');
  const r = received / sent;
  const pass = inBand(r, e.expected);
  const sentence = `${e.service} received ${count(received)} requests while k6 sent ${count(sent)} (${ratio(r)} copies per request, ${pass ? 'inside' : 'outside'} the expected ${expected}); its answers never reach the client.`;
  return { id: e.id, kind: e.kind, expected, measured: ratio(r), value: r, pass, sentence, source: e.source };
}

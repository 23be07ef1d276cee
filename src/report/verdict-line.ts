// The one line the CLI prints when a run ends: the verdict "on Higress X, data plane Y", for a
// failure the first failed expectation with its evidence, and always the failover and
// failback times with their ± bound, since those are what an SRE reads first.
import type { ExpectationResult, Judgement } from '../verdict/types.js';
import { onWhat, type RunData } from '../run/run-data.js';
import { endOf } from './summary.js';

const TIMED = new Set<ExpectationResult['kind']>(['failover-time', 'failback-time']);

/** "failover 0.49 s ± 0.01 s, failback never": every timed expectation, in scenario order. */
export function timingsText(j: Judgement): string {
  return j.expectations
    .filter((e) => TIMED.has(e.kind))
    .map((e) => `${e.id} ${e.measured}`)
    .join(', ');
}

export function verdictLine(run: RunData, j: Judgement): string {
  const end = endOf(run);
  const mark = end === 'interrupted' ? ' [run interrupted]' : end === 'failed' ? ` [run failed${run.failure?.component ? `: ${run.failure.component} died` : ''}]` : '';
  const head = `${run.scenario.name}: ${j.verdict.toUpperCase()} ${onWhat(run)} (${run.target})${mark}`;
  const failed = j.expectations.filter((e) => !e.pass);
  const first = failed[0];
  const timings = timingsText(j);
  if (first === undefined) return `${head}: all ${j.expectations.length} expectations held${timings ? ` (${timings})` : ''}`;
  const more = failed.length > 1 ? ` (+${failed.length - 1} more failed: ${failed.slice(1).map((e) => e.id).join(', ')})` : '';
  const others = j.expectations.filter((e) => TIMED.has(e.kind) && e !== first);
  const also = others.length > 0 ? ` [${others.map((e) => `${e.id} ${e.measured}`).join(', ')}]` : '';
  return `${head}: ${first.id} — ${first.measured} (expected ${first.expected}): ${first.sentence.replace(/\.$/, '')}${more}${also}`;
}

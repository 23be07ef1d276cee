// The one line the CLI prints when a run ends: the verdict "on Higress X, data plane Y", and for a
// failure the first failed expectation with its evidence.
import type { Judgement } from '../verdict/types.js';
import { onWhat, type RunData } from '../run/run-data.js';
import { endOf } from './summary.js';

export function verdictLine(run: RunData, j: Judgement): string {
  const end = endOf(run);
  const mark = end === 'interrupted' ? ' [run interrupted]' : end === 'failed' ? ` [run failed${run.failure?.component ? `: ${run.failure.component} died` : ''}]` : '';
  const head = `${run.scenario.name}: ${j.verdict.toUpperCase()} ${onWhat(run)} (${run.target})${mark}`;
  const failed = j.expectations.filter((e) => !e.pass);
  const first = failed[0];
  if (first === undefined) return `${head}: all ${j.expectations.length} expectations held`;
  const more = failed.length > 1 ? ` (+${failed.length - 1} more failed: ${failed.slice(1).map((e) => e.id).join(', ')})` : '';
  return `${head}: ${first.id} — ${first.measured} (expected ${first.expected}): ${first.sentence.replace(/\.$/, '')}${more}`;
}

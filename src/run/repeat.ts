// `region-lab repeat NAME -n N`: runs one scenario N times and reports the spread of
// every measured figure (min, median, max) and whether the verdict ever changed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScenarioRun } from './scenario-run.js';

export interface FigureSpread {
  readonly id: string;
  readonly values: readonly (number | null)[];
  readonly min: number | null;
  readonly median: number | null;
  readonly max: number | null;
  readonly passes: number;
}

export interface RepeatResult {
  readonly runs: number;
  readonly verdicts: readonly string[];
  readonly sameVerdict: boolean;
  readonly figures: readonly FigureSpread[];
  /** Runs that ended without a judged summary (bad input, testbed failure): their exit codes. */
  readonly unjudged?: readonly number[];
  /** Ctrl-C stopped the series. */
  readonly interrupted?: boolean;
}

/** repeat's exit code: 130 interrupted, 3 a run gave no verdict, 1 the verdicts differ, else 0. */
export function repeatExitCode(r: RepeatResult): number {
  if (r.interrupted) return 130;
  if ((r.unjudged?.length ?? 0) > 0) return 3;
  return r.sameVerdict ? 0 : 1;
}

interface SummaryLike {
  verdict: string;
  expectations: { id: string; value?: number | null; pass: boolean }[];
}

export function spreadOf(summaries: readonly SummaryLike[]): RepeatResult {
  const ids = [...new Set(summaries.flatMap((s) => s.expectations.map((e) => e.id)))];
  const figures = ids.map((id) => {
    const es = summaries.map((s) => s.expectations.find((e) => e.id === id));
    const values = es.map((e) => (e?.value === undefined ? null : e.value));
    const nums = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
    return {
      id,
      values,
      min: nums[0] ?? null,
      median: nums.length ? nums[Math.floor((nums.length - 1) / 2)]! : null,
      max: nums[nums.length - 1] ?? null,
      passes: es.filter((e) => e?.pass).length,
    };
  });
  const verdicts = summaries.map((s) => s.verdict);
  return { runs: summaries.length, verdicts, sameVerdict: new Set(verdicts).size <= 1, figures };
}

export async function repeatScenario(n: number, run: () => Promise<ScenarioRun>, onRun: (i: number, out: ScenarioRun) => void): Promise<RepeatResult> {
  const summaries: SummaryLike[] = [];
  const unjudged: number[] = [];
  let interrupted = false;
  for (let i = 1; i <= n; i++) {
    const out = await run();
    onRun(i, out);
    if (out.exitCode === 130) {
      interrupted = true;
      break;
    }
    // only a pass (0) or a failed expectation (1) is a verdict whose figures can be compared
    if (out.reportDir && (out.exitCode === 0 || out.exitCode === 1)) summaries.push(JSON.parse(readFileSync(join(out.reportDir, 'summary.json'), 'utf8')) as SummaryLike);
    else unjudged.push(out.exitCode);
  }
  return { ...spreadOf(summaries), unjudged, interrupted };
}

export function formatSpread(r: RepeatResult): string {
  const f = (v: number | null) => (v === null ? 'never' : Number.isInteger(v) ? String(v) : v.toFixed(3));
  const lines = [`${r.runs} runs; verdicts: ${r.verdicts.join(', ')}${r.sameVerdict ? ' (the same every time)' : ' (NOT the same every time)'}`];
  const unjudged = r.unjudged ?? [];
  if (unjudged.length > 0) lines.push(`${unjudged.length} more run${unjudged.length === 1 ? '' : 's'} gave no verdict (exit ${unjudged.join(', ')}): not in the figures below`);
  if (r.interrupted) lines.push('interrupted: the series stopped early');
  for (const x of r.figures) lines.push(`  ${x.id}: min ${f(x.min)}, median ${f(x.median)}, max ${f(x.max)}; passed ${x.passes}/${r.runs}; values ${x.values.map(f).join(', ')}`);
  return lines.join('\n');
}

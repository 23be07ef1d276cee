// One generated scenario's outcome as check reports it, read from the run's
// summary.json (parsed with a schema: it is another program's output), and the suite's
// exit code: 130 interrupted, 3 a run could not complete, 1 an expectation failed, 0 all held.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { CheckFinding } from './findings.js';
import type { GeneratedScenario } from './suite-gen.js';

const summarySchema = z.looseObject({
  verdict: z.enum(['pass', 'fail']),
  durationS: z.number(),
  requests: z.looseObject({ total: z.number() }),
  expectations: z.array(z.looseObject({ id: z.string(), kind: z.string(), expected: z.string(), measured: z.string(), pass: z.boolean(), sentence: z.string().optional(), source: z.string().optional() })),
});
export type RunSummary = z.output<typeof summarySchema>;

export interface ScenarioResult {
  readonly scenario: GeneratedScenario;
  /** The scenario file, as `region-lab run` takes it. */
  readonly file: string;
  readonly findings: readonly CheckFinding[];
  /** Absent: not run (the quick check, or the suite stopped). */
  readonly run?: {
    readonly exitCode: number;
    readonly line: string;
    readonly reportDir?: string;
    readonly seconds: number;
    readonly summary?: RunSummary;
  };
}

export function readSummary(reportDir: string | undefined): RunSummary | undefined {
  if (!reportDir) return undefined;
  const file = join(reportDir, 'summary.json');
  if (!existsSync(file)) return undefined;
  const r = summarySchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  return r.success ? r.data : undefined;
}

export function suiteExitCode(results: readonly ScenarioResult[]): number {
  const codes = results.flatMap((r) => (r.run ? [r.run.exitCode] : []));
  if (codes.includes(130)) return 130;
  if (codes.some((c) => c !== 0 && c !== 1)) return 3;
  return codes.includes(1) ? 1 : 0;
}

// `region-lab compare <scenario>`: the scenario on real Envoy, then on the model, and
// per expectation both measurements and whether they agree within the measurement's
// own tolerance (verdict/agreement.ts). The pair is written to
// reports/compare/<scenario>.json, which the index and docs/fidelity.md read; a comparison
// with --higress or --set goes beside it, named for the variant, so it never replaces the
// scenario's own.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from '../core/log.js';
import { compareExpectations, type Agreement, type Measured } from '../verdict/agreement.js';
import type { ScenarioRun } from './scenario-run.js';

export interface ComparedRun {
  readonly exitCode: number;
  readonly line: string;
  readonly reportDir?: string | undefined;
  readonly dataPlane?: string;
}

export interface Comparison {
  readonly scenario: string;
  readonly at: string;
  readonly envoy: ComparedRun;
  readonly model: ComparedRun;
  readonly rows: readonly Agreement[];
  /** Every row agrees (and both runs completed). */
  readonly agree: boolean;
  /** The Higress profile both runs were judged on. */
  readonly higress?: string;
  /** The overrides both runs had (--higress, --set), when any. */
  readonly variant?: readonly string[];
}

interface SummaryLike {
  readonly scenario: string;
  readonly higress?: string;
  readonly dataPlane?: string;
  readonly expectations: readonly Measured[];
}

function summaryOf(out: ScenarioRun): SummaryLike | undefined {
  if (!out.reportDir) return undefined;
  try {
    return JSON.parse(readFileSync(join(out.reportDir, 'summary.json'), 'utf8')) as SummaryLike;
  } catch {
    return undefined;
  }
}

const completed = (out: ScenarioRun) => out.exitCode === 0 || out.exitCode === 1;

export interface CompareOptions {
  readonly scenarioFile: string;
  readonly log: Logger;
  /** Runs the scenario on one data plane. */
  readonly run: (dataPlane: 'envoy' | 'model') => Promise<ScenarioRun>;
  /** @default reports */
  readonly reportsRoot?: string;
  /** The overrides the runs get (--higress, --set): recorded, and they name the file. @default none */
  readonly variant?: readonly string[];
}

/** reports/compare/<this>.json: the scenario's name, and the variant's overrides when there are any. */
export function comparisonName(scenario: string, variant: readonly string[] = []): string {
  return variant.length === 0 ? scenario : `${scenario}@${variant.map((v) => v.replace(/[^A-Za-z0-9._=-]+/g, '_')).join('+')}`;
}

export async function compareScenario(o: CompareOptions): Promise<Comparison> {
  o.log({ kind: 'step', message: `compare ${o.scenarioFile}: first on real Envoy, then on the model` });
  const envoy = await o.run('envoy');
  const model = envoy.exitCode === 130 ? envoy : await o.run('model');
  const [se, sm] = [summaryOf(envoy), summaryOf(model)];
  const rows = se && sm ? compareExpectations(se.expectations, sm.expectations) : [];
  const name = se?.scenario ?? sm?.scenario ?? o.scenarioFile.replace(/^.*\//, '').replace(/\.yaml$/, '');
  const run = (out: ScenarioRun, s: SummaryLike | undefined): ComparedRun => ({ exitCode: out.exitCode, line: out.line.split('\n')[0] ?? '', reportDir: out.reportDir, ...(s?.dataPlane ? { dataPlane: s.dataPlane } : {}) });
  const variant = o.variant ?? [];
  const higress = se?.higress ?? sm?.higress;
  const c: Comparison = {
    scenario: name,
    at: new Date().toISOString(),
    envoy: run(envoy, se),
    model: run(model, sm),
    rows,
    agree: completed(envoy) && completed(model) && rows.length > 0 && rows.every((r) => r.agree),
    ...(higress ? { higress } : {}),
    ...(variant.length > 0 ? { variant: [...variant] } : {}),
  };
  const dir = join(resolve(o.reportsRoot ?? 'reports'), 'compare');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${comparisonName(name, variant)}.json`), `${JSON.stringify(c, null, 2)}\n`);
  return c;
}

export function formatComparison(c: Comparison): string {
  const on = `${c.higress ? ` on Higress ${c.higress}` : ''}${c.variant ? ` (${c.variant.join(', ')})` : ''}`;
  const lines = [`${c.scenario}${on}: ${c.agree ? 'Envoy and the model agree' : 'Envoy and the model DISAGREE'} (${c.rows.filter((r) => r.agree).length}/${c.rows.length} expectations)`];
  if (c.rows.length === 0) lines.push(`  no comparison: envoy exit ${c.envoy.exitCode}, model exit ${c.model.exitCode}`);
  const w = Math.max(12, ...c.rows.map((r) => r.id.length));
  for (const r of c.rows) lines.push(`  ${r.id.padEnd(w)}  envoy ${r.envoy.padEnd(14)}  model ${r.model.padEnd(14)}  ${r.agree ? 'agree' : 'DIFFER'} (${r.tolerance})${r.sameVerdict ? '' : '; verdicts differ'}`);
  return lines.join('\n');
}

// `region-lab list`: every scenario of a directory with the claim it checks and the
// verdict of its last run (reports/<scenario>/latest/summary.json), so a user sees at
// a glance what the catalogue says and what it last measured.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseYaml } from '../core/input.js';
import { scenarioSchema } from '../scenario/schema.js';

export interface ListedScenario {
  readonly name: string;
  readonly claim: string;
  /** Absent: never run here. */
  readonly last?: { readonly verdict: 'pass' | 'fail'; readonly startedAt: string; readonly higress: string; readonly interrupted: boolean };
  /** Why the file does not parse, when it does not. */
  readonly invalid?: string;
}

const lastSchema = z.looseObject({ verdict: z.enum(['pass', 'fail']), startedAt: z.string(), higress: z.string(), interrupted: z.boolean().default(false) });

/** Where a scenario directory's runs are: a check's suite (<out>/scenarios) keeps them in <out>/runs. */
export function reportsRootFor(dir: string): string {
  const runs = join(dir, '..', 'runs');
  return existsSync(join(dir, '..', 'check.json')) ? runs : 'reports';
}

export function listScenarios(dir = 'scenarios', reportsRoot = reportsRootFor(dir)): ListedScenario[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const name = f.replace(/\.yaml$/, '');
      const summaryFile = join(reportsRoot, name, 'latest', 'summary.json');
      let last: ListedScenario['last'];
      try {
        const r = lastSchema.safeParse(JSON.parse(readFileSync(summaryFile, 'utf8')));
        if (r.success) last = { verdict: r.data.verdict, startedAt: r.data.startedAt, higress: r.data.higress, interrupted: r.data.interrupted };
      } catch {
        last = undefined; // never run, or a run killed while writing
      }
      try {
        const s = scenarioSchema.safeParse(parseYaml(join(dir, f), readFileSync(join(dir, f), 'utf8')));
        if (!s.success) return { name, claim: '', invalid: 'does not parse: `region-lab run` says why', ...(last ? { last } : {}) };
        return { name, claim: s.data.claim.replace(/\s+/g, ' ').trim(), ...(last ? { last } : {}) };
      } catch {
        return { name, claim: '', invalid: 'not valid YAML', ...(last ? { last } : {}) };
      }
    });
}

export function formatList(rows: readonly ListedScenario[]): string {
  const width = Math.max(8, ...rows.map((r) => r.name.length));
  return rows
    .map((r) => {
      const last = r.last ? `${r.last.verdict === 'pass' ? 'PASS' : 'FAIL'}${r.last.interrupted ? ' (interrupted)' : ''} ${r.last.startedAt.slice(0, 16).replace('T', ' ')} on Higress ${r.last.higress}` : 'never run';
      return `${r.name.padEnd(width)}  ${last}\n${' '.repeat(width + 2)}${r.invalid ?? r.claim}`;
    })
    .join('\n');
}

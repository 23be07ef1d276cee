// What the nightly index shows, read from reports/<scenario>/<run-id>/summary.json:
// every scenario's runs, oldest first, its latest, and the numbers worth trending.
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Summary } from './summary.js';

export interface IndexedRun {
  readonly dir: string;
  readonly summary: Summary;
}

/** reports/compare/<scenario>.json (region-lab compare): the two data planes' measurements side by side. */
export interface IndexedComparison {
  readonly agree: boolean;
  readonly at: string;
  readonly rows: readonly { readonly id: string; readonly envoy: string; readonly model: string; readonly tolerance: string; readonly agree: boolean }[];
}

export interface ScenarioHistory {
  readonly scenario: string;
  /** The last comparison of Envoy and the model, when one was made. */
  readonly comparison?: IndexedComparison;
  /** Oldest first. */
  readonly runs: readonly IndexedRun[];
  /** What reports/<scenario>/latest points at, else the newest run. */
  readonly latest: IndexedRun;
}

/** The number behind an expectation: `value` when the summary has it, else read from `measured`. */
export function valueOf(e: Summary['expectations'][number]): number | null {
  if (typeof e.value === 'number') return e.value;
  const m = /^(-?\d+(?:\.\d+)?)\s*(s|ms|%)?$/.exec(e.measured.replace(/,/g, '').trim());
  return m ? Number(m[1]) / (m[2] === 'ms' ? 1000 : m[2] === '%' ? 100 : 1) : null;
}

/** Share of requests that failed (errors by status and timeouts), or null without requests. */
export function failedShare(s: Summary): number | null {
  if (s.requests.total === 0) return null;
  const errors = Object.values(s.requests.error).reduce((a, n) => a + n, 0);
  return (errors + s.requests.timeout) / s.requests.total;
}

function readSummary(file: string): Summary | undefined {
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as Summary;
    return typeof s.scenario === 'string' && Array.isArray(s.expectations) && typeof s.startedAt === 'string' ? s : undefined;
  } catch {
    return undefined; // a run killed while writing: the index skips it rather than fail the night
  }
}

const isDir = (p: string): boolean => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

export function readHistory(reportsRoot: string): ScenarioHistory[] {
  if (!existsSync(reportsRoot)) return [];
  const out: ScenarioHistory[] = [];
  for (const scenario of readdirSync(reportsRoot).sort()) {
    const sdir = join(reportsRoot, scenario);
    if (!isDir(sdir)) continue;
    const runs: IndexedRun[] = [];
    for (const run of readdirSync(sdir)) {
      if (run === 'latest' || !isDir(join(sdir, run))) continue;
      const summary = readSummary(join(sdir, run, 'summary.json'));
      if (summary) runs.push({ dir: run, summary });
    }
    if (runs.length === 0) continue;
    runs.sort((a, b) => a.summary.startedAt.localeCompare(b.summary.startedAt));
    let latestDir: string | undefined;
    try {
      latestDir = readlinkSync(join(sdir, 'latest')).replace(/\/+$/, '').split('/').pop();
    } catch {
      latestDir = undefined;
    }
    const comparison = readComparison(join(reportsRoot, 'compare', `${scenario}.json`));
    out.push({ scenario, runs, latest: runs.find((r) => r.dir === latestDir) ?? runs[runs.length - 1]!, ...(comparison ? { comparison } : {}) });
  }
  return out;
}

function readComparison(file: string): IndexedComparison | undefined {
  try {
    const c = JSON.parse(readFileSync(file, 'utf8')) as IndexedComparison;
    return Array.isArray(c.rows) && typeof c.agree === 'boolean' ? c : undefined;
  } catch {
    return undefined;
  }
}

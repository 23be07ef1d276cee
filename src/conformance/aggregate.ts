// Judging repeated requests as a whole: the share of answers per backend or status
// (weighted routes, canary weights, random balancing) within a tolerance sized to
// the number of requests, exact or bounded counts (rate limits), and how many
// distinct instances answered (hashing, round robin).
import type { CountRange, Expectation } from './schema.js';

/** What one answer is, for keying: the backend and instance that answered, and the status. */
export interface Answer {
  readonly status: number;
  readonly backend?: string;
  readonly instance?: string;
}

/** Does an answer count under a key: a status ("503"), a backend, "backend/instance", or an instance? */
export function answerMatches(a: Answer, key: string): boolean {
  if (/^\d{3}$/.test(key)) return a.status === Number(key);
  if (key.includes('/')) return `${a.backend}/${a.instance}` === key;
  return a.backend === key || a.instance === key;
}

/**
 * The default tolerance: 4.5 binomial standard deviations of the share over n
 * requests (a false failure about once in 150,000 runs), never below 0.03.
 */
export function defaultTolerance(share: number, n: number): number {
  return Math.max(0.03, 4.5 * Math.sqrt((share * (1 - share)) / n));
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function inRange(n: number, r: CountRange): boolean {
  if (typeof r === 'number') return n === r;
  return (r.min === undefined || n >= r.min) && (r.max === undefined || n <= r.max);
}

function rangeText(r: CountRange): string {
  if (typeof r === 'number') return String(r);
  if (r.min !== undefined && r.max !== undefined) return `${r.min}–${r.max}`;
  return r.min !== undefined ? `≥${r.min}` : `≤${r.max}`;
}

export interface AggregateVerdict {
  readonly expected: string[];
  readonly got: string[];
  readonly problems: string[];
}

export function judgeAggregate(e: Expectation, answers: readonly Answer[]): AggregateVerdict {
  const out: AggregateVerdict = { expected: [], got: [], problems: [] };
  const n = answers.length;
  const count = (key: string) => answers.filter((a) => answerMatches(a, key)).length;
  for (const [key, share] of Object.entries(e.shares ?? {})) {
    const seen = count(key) / n;
    const tol = share === 0 || share === 1 ? 0 : (e.tolerance ?? defaultTolerance(share, n));
    out.expected.push(`${key} ${pct(share)}${tol > 0 ? ` ±${pct(tol)}` : ''}`);
    out.got.push(`${key} ${pct(seen)}`);
    if (Math.abs(seen - share) > tol + 1e-9) out.problems.push(`${key} answered ${pct(seen)} of ${n}, expected ${pct(share)}${tol > 0 ? ` ±${pct(tol)}` : ''}`);
  }
  for (const [key, range] of Object.entries(e.counts ?? {})) {
    const seen = count(key);
    out.expected.push(`${key} ×${rangeText(range)}`);
    out.got.push(`${key} ×${seen}`);
    if (!inRange(seen, range)) out.problems.push(`${key} answered ${seen} of ${n} times, expected ${rangeText(range)}`);
  }
  if (e.distinctInstances !== undefined) {
    const distinct = new Set(answers.filter((a) => a.backend).map((a) => `${a.backend}/${a.instance}`)).size;
    out.expected.push(`${e.distinctInstances} instance${e.distinctInstances === 1 ? '' : 's'}`);
    out.got.push(`${distinct} instance${distinct === 1 ? '' : 's'}`);
    if (distinct !== e.distinctInstances) out.problems.push(`${distinct} distinct instances answered, expected ${e.distinctInstances}`);
  }
  return out;
}

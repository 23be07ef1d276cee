// The conformance table for people: one row per request (case, Higress, request,
// expected, got, result), the reasons under each failure, the known failures with
// their reasons once per case, and a summary line.
import type { CaseRun, Outcome, SuiteResult } from '../types.js';

const LABEL: Record<Outcome, string> = { pass: 'pass', fail: 'FAIL', xfail: 'known', xpass: 'XPASS' };

function cut(s: string, n: number): string {
  return s.length <= n ? s.padEnd(n) : `${s.slice(0, n - 1)}…`;
}

const WIDTH = { case: 44, higress: 7, request: 22, expected: 46, got: 46 };

function row(cells: readonly string[]): string {
  const w = [WIDTH.case, WIDTH.higress, WIDTH.request, WIDTH.expected, WIDTH.got];
  return cells.map((c, i) => (i < w.length ? cut(c, w[i]!) : c)).join('  ').trimEnd();
}

function caseLines(run: CaseRun, verbose: boolean): string[] {
  const out: string[] = [];
  for (const r of run.results) {
    out.push(row([run.case, run.higress, r.request, r.expected, r.got, LABEL[r.outcome]]));
    if (r.outcome === 'fail' || r.outcome === 'xpass' || verbose) {
      out.push(`    sent: ${r.sent}`);
      for (const p of r.problems) out.push(`    - ${p}`);
      if (r.outcome === 'xpass') out.push(`    - a known failure now passes: remove its mark from ${run.file} ("${r.knownReason}")`);
    }
  }
  if (run.error && (verbose || run.results.some((r) => r.outcome === 'fail'))) out.push(`    ${run.error}`);
  if (verbose) for (const n of run.notes) out.push(`    note: ${n}`);
  return out;
}

export function formatText(s: SuiteResult, verbose = false): string {
  const lines = [row(['CASE', 'HIGRESS', 'REQUEST', 'EXPECTED', 'GOT', 'RESULT'])];
  for (const run of s.runs) lines.push(...caseLines(run, verbose));
  // one line per case and reason, with the profiles it holds for
  const known = new Map<string, { case: string; why: string; higress: Set<string> }>();
  for (const run of s.runs) {
    for (const r of run.results) {
      if (r.outcome !== 'xfail' || !r.knownReason) continue;
      const k = known.get(`${run.case}\n${r.knownReason}`) ?? { case: run.case, why: r.knownReason, higress: new Set<string>() };
      k.higress.add(run.higress);
      known.set(`${run.case}\n${r.knownReason}`, k);
    }
  }
  if (known.size > 0) {
    lines.push('', `known failures of the ${s.dataPlane} data plane:`);
    for (const k of known.values()) lines.push(`  ${k.case} (Higress ${[...k.higress].sort().join(', ')}): ${k.why}`);
  }
  const t = s.totals;
  lines.push(
    '',
    `conformance on the ${s.dataPlane} data plane, Higress ${s.higress.join(' and ')}: ${t.cases} case runs, ${t.requests} requests: ${t.pass} pass, ${t.fail} fail, ${t.xfail} known failures, ${t.xpass} known failures now passing (${(s.durationMs / 1000).toFixed(1)} s)`,
  );
  return `${lines.join('\n')}\n`;
}

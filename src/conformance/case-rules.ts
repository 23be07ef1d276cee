// The rules a case must keep beyond field types: names that other fields refer to
// exist, aggregate expectations have repeated requests to aggregate, and known
// failures point at real requests. Every broken rule is one problem, all reported.
import type { InputProblem } from '../core/errors.js';
import { answerNames, backendName } from './backends.js';
import type { ConformanceCase } from './schema.js';

/** The name a request goes by: its own, else "#<index>". */
export function requestName(c: ConformanceCase, index: number): string {
  return c.requests[index]?.name ?? `#${index}`;
}

export function caseProblems(c: ConformanceCase, file: string, fileBase: string): InputProblem[] {
  const problems: InputProblem[] = [];
  const problem = (path: string, message: string) => problems.push({ file, path, message });
  if (c.name !== fileBase) problem('name', `the name must be the file's name without .yaml ("${fileBase}")`);

  const backends = c.backends.map(backendName);
  const seen = new Set<string>();
  backends.forEach((b, i) => {
    if (seen.has(b)) problem(`backends[${i}]`, `backend "${b}" is declared twice; each backend name must be unique within a case`);
    seen.add(b);
  });
  const answers = answerNames(c.backends);
  const known = (name: string) => answers.has(name);
  const names = new Set<string>();

  c.requests.forEach((entry, i) => {
    const at = `requests[${i}]`;
    const e = entry.expect;
    if (entry.name !== undefined) {
      if (names.has(entry.name)) problem(`${at}.name`, `request name "${entry.name}" is used twice in this case`);
      names.add(entry.name);
    }
    for (const v of entry.higress ?? []) if (!c.higress.includes(v)) problem(`${at}.higress`, `Higress ${v} is not in the case's higress list (${c.higress.join(', ')})`);
    const aggregate = e.shares !== undefined || e.counts !== undefined || e.distinctInstances !== undefined;
    if (e.status === undefined && e.shares === undefined && e.counts === undefined && !e.refused) problem(`${at}.expect.status`, 'say the status that must come back (or shares / counts for repeated requests, or refused: true)');
    if (e.refused && (e.status !== undefined || typeof e.backend === 'string')) problem(`${at}.expect.refused`, 'a refused request has no status and no backend');
    if (entry.request.tls && c.certificates.length === 0) problem(`${at}.request.tls`, 'a TLS request needs the case to list its certificates (the server certificate, and the CA for client certificates)');
    if (aggregate && entry.request.count < 2) problem(`${at}.request.count`, 'shares, counts and distinctInstances need a repeated request: set count to 2 or more');
    if (typeof e.backend === 'string' && !known(e.backend)) problem(`${at}.expect.backend`, `no backend "${e.backend}" in this case; declared: ${backends.join(', ') || 'none'}`);
    if (e.instance !== undefined && !known(e.instance)) problem(`${at}.expect.instance`, `no instance "${e.instance}" in this case`);
    if (e.mirror && !known(e.mirror.backend)) problem(`${at}.expect.mirror.backend`, `no backend "${e.mirror.backend}" in this case`);
    for (const key of Object.keys(e.shares ?? {})) if (!/^\d{3}$/.test(key) && !known(key)) problem(`${at}.expect.shares.${key}`, 'a share is keyed by a backend, "backend/instance" or a status code');
    for (const key of Object.keys(e.counts ?? {})) if (!/^\d{3}$/.test(key) && !known(key)) problem(`${at}.expect.counts.${key}`, 'a count is keyed by a backend, "backend/instance" or a status code');
    const total = Object.values(e.shares ?? {}).reduce((a, b) => a + b, 0);
    if (e.shares && Math.abs(total - 1) > 0.011) problem(`${at}.expect.shares`, `the shares add up to ${total.toFixed(3)}; they must add up to 1`);
    for (const [key, r] of Object.entries(e.counts ?? {})) {
      if (typeof r === 'object' && r.min !== undefined && r.max !== undefined && r.min > r.max) problem(`${at}.expect.counts.${key}`, 'min is above max');
    }
  });

  c.knownFailures.forEach((k, i) => {
    for (const v of k.higress ?? []) if (!c.higress.includes(v)) problem(`knownFailures[${i}].higress`, `Higress ${v} is not in the case's higress list`);
    k.requests?.forEach((r, j) => {
      if (!c.requests.some((_, n) => requestName(c, n) === r)) problem(`knownFailures[${i}].requests[${j}]`, `no request named "${r}" in this case`);
    });
  });
  return problems;
}

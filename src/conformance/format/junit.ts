// junit.xml for CI: one testsuite per Higress profile, one testcase per request of a
// case; a failure carries expected, got and the reasons; a known failure is skipped
// with its reason; a known failure that now passes is a failure (remove the mark).
import { escapeXml as x } from '../../report/escape.js';
import type { HigressVersion } from '../schema.js';
import type { RequestResult, SuiteResult } from '../types.js';

function testcase(caseName: string, file: string, r: RequestResult): string {
  const open = `    <testcase classname="${x(`conformance.${caseName}`)}" name="${x(`${caseName} ${r.request}`)}" file="${x(file)}" time="0">`;
  const detail = `sent: ${r.sent}\nexpected: ${r.expected}\ngot: ${r.got}${r.problems.map((p) => `\n- ${p}`).join('')}`;
  switch (r.outcome) {
    case 'pass':
      return `${open}\n      <system-out>${x(detail)}</system-out>\n    </testcase>`;
    case 'xfail':
      return `${open}\n      <skipped message="${x(`known failure: ${r.knownReason ?? ''}`)}">${x(detail)}</skipped>\n    </testcase>`;
    case 'xpass':
      return `${open}\n      <failure type="known-failure-passes" message="${x(`a known failure now passes; remove its mark: ${r.knownReason ?? ''}`)}">${x(detail)}</failure>\n    </testcase>`;
    case 'fail':
      return `${open}\n      <failure type="conformance" message="${x(r.problems[0] ?? 'differs')}">${x(detail)}</failure>\n    </testcase>`;
  }
}

export function formatJunit(s: SuiteResult): string {
  const seconds = (s.durationMs / 1000).toFixed(3);
  const suites = s.higress.map((v: HigressVersion) => {
    const runs = s.runs.filter((r) => r.higress === v);
    const rows = runs.flatMap((run) => run.results.map((r) => ({ run, r })));
    const failures = rows.filter(({ r }) => r.outcome === 'fail' || r.outcome === 'xpass').length;
    const skipped = rows.filter(({ r }) => r.outcome === 'xfail').length;
    const time = (runs.reduce((a, r) => a + r.durationMs, 0) / 1000).toFixed(3);
    return [
      `  <testsuite name="${x(`conformance on Higress ${v} (${s.dataPlane})`)}" tests="${rows.length}" failures="${failures}" errors="0" skipped="${skipped}" timestamp="${x(s.startedAt)}" time="${time}">`,
      ...rows.map(({ run, r }) => testcase(run.case, run.file, r)),
      '  </testsuite>',
    ].join('\n');
  });
  const all = s.runs.flatMap((r) => r.results);
  const failures = all.filter((r) => r.outcome === 'fail' || r.outcome === 'xpass').length;
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="region-lab conformance" tests="${all.length}" failures="${failures}" errors="0" time="${seconds}">`, ...suites, '</testsuites>', ''].join('\n');
}

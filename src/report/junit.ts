// junit.xml for CI: one testsuite for the scenario, one testcase per expectation; a
// failed expectation carries expected, measured and the sentence as its failure.
import type { Judgement } from '../verdict/types.js';
import { escapeXml as x } from './escape.js';
import { onWhat, type RunData } from '../run/run-data.js';
import { endOf } from './summary.js';

export function junitXml(run: RunData, j: Judgement): string {
  const name = `${run.scenario.name} ${onWhat(run)} (${run.target})`;
  const failures = j.expectations.filter((e) => !e.pass).length;
  const seconds = Math.max(0, (Date.parse(run.endedAt) - Date.parse(run.startedAt)) / 1000).toFixed(3);
  const props = {
    target: run.target,
    higress: run.higress,
    'data-plane': run.dataPlane ?? 'region-lab model',
    registration: run.registration,
    discovery: run.discovery,
    interrupted: String(run.interrupted),
    ended: endOf(run),
    'run-id': run.runId,
    ...Object.fromEntries(Object.entries(run.versions).map(([k, v]) => [`version.${k}`, v])),
  };
  const cases = j.expectations.map((e) => {
    // file: GitLab and pytest-style readers link a case to the scenario that states it
    const open = `    <testcase classname="${x(run.scenario.name)}" name="${x(`${e.id} (${e.kind})`)}" file="${x(run.scenarioFile)}" time="0">`;
    if (e.pass) return `${open}\n      <system-out>${x(`measured ${e.measured} (expected ${e.expected}): ${e.sentence}`)}</system-out>\n    </testcase>`;
    const message = `${e.measured} (expected ${e.expected}): ${e.sentence}`;
    const body = `expected: ${e.expected}\nmeasured: ${e.measured}\n${e.sentence}\nsource: ${e.source}`;
    return `${open}\n      <failure type="${x(e.kind)}" message="${x(message)}">${x(body)}</failure>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="region-lab" tests="${j.expectations.length}" failures="${failures}" errors="0" time="${seconds}">`,
    `  <testsuite name="${x(name)}" tests="${j.expectations.length}" failures="${failures}" errors="0" skipped="0" timestamp="${x(run.startedAt)}" time="${seconds}">`,
    '    <properties>',
    ...Object.entries(props).map(([k, v]) => `      <property name="${x(k)}" value="${x(v)}"/>`),
    '    </properties>',
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

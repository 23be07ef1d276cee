// region-lab list: each scenario's claim and its last verdict.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatList, listScenarios } from './list.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('list', () => {
  it('GIVEN the catalogue and one run of region-outage THEN every scenario with its claim, and the run\'s verdict for that one', () => {
    const reports = mkdtempSync(join(tmpdir(), 'rl-list-'));
    dirs.push(reports);
    mkdirSync(join(reports, 'region-outage', 'r1'), { recursive: true });
    writeFileSync(join(reports, 'region-outage', 'r1', 'summary.json'), JSON.stringify({ verdict: 'fail', startedAt: '2026-12-01T10:20:30.000Z', higress: '2.1', interrupted: false }));
    symlinkSync('r1', join(reports, 'region-outage', 'latest'));
    const rows = listScenarios('scenarios', reports);
    expect(rows.length).toBeGreaterThan(20);
    const ro = rows.find((r) => r.name === 'region-outage')!;
    expect(ro.claim).toMatch(/^RUNBOOK §3 fault playbook "business cluster down"/);
    expect(ro.last).toEqual({ verdict: 'fail', startedAt: '2026-12-01T10:20:30.000Z', higress: '2.1', interrupted: false });
    expect(rows.find((r) => r.name === 'steady-proximity-80-20')!.last).toBeUndefined();
    expect(formatList([ro])).toMatch(/^region-outage  FAIL 2026-12-01 10:20 on Higress 2.1\n {15}RUNBOOK §3/);
  });
  it('GIVEN a scenario that does not parse THEN it is listed as such, not a crash', () => {
    const d = mkdtempSync(join(tmpdir(), 'rl-list-s-'));
    dirs.push(d);
    writeFileSync(join(d, 'broken.yaml'), 'name: broken\n');
    expect(listScenarios(d, d)).toEqual([{ name: 'broken', claim: '', invalid: 'does not parse: `region-lab run` says why' }]);
  });
});

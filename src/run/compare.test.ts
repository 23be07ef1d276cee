// compare: the same scenario on both data planes, paired expectation by expectation,
// written where the index finds it.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { indexHtml } from '../report/index-page.js';
import { readHistory } from '../report/index-data.js';
import { comparisonName, compareScenario, formatComparison } from './compare.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function fakeRun(root: string, dataPlane: string, failover: number | null) {
  const dir = join(root, 'region-outage', `run-${dataPlane}`);
  mkdirSync(dir, { recursive: true });
  const summary = {
    scenario: 'region-outage', runId: dataPlane, target: 'local', verdict: 'fail', profile: `on Higress 2.1, data plane ${dataPlane}`, higress: '2.1', dataPlane, registration: 'grpc', discovery: 'synced',
    interrupted: false, startedAt: `2026-12-03T10:00:0${dataPlane === 'model' ? 1 : 0}Z`, endedAt: '2026-12-03T10:03:00Z', durationS: 180, t0: null, load: { entry: 'south', entries: ['south'], rate: 40, durationS: 150 },
    requests: { total: 10, 'served-local': 8, 'served-remote': 2, fallback: 0, timeout: 0, error: {} },
    expectations: [
      { id: 'proximity-steady', kind: 'proximity', expected: '0.72–0.88', measured: dataPlane === 'model' ? '0.802' : '0.814', value: dataPlane === 'model' ? 0.802 : 0.814, pass: true, sentence: '', source: '' },
      { id: 'failover', kind: 'failover-time', expected: '≤ 18.0 s', measured: failover === null ? 'never' : `${failover} s`, value: failover, pass: false, sentence: '', source: '' },
    ],
    faults: [], k6: { exitCode: 0, droppedIterations: 0 }, versions: {},
  };
  writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary));
  return { exitCode: 1, line: `region-outage: FAIL on Higress 2.1, data plane ${dataPlane}`, reportDir: dir };
}

describe('compare', () => {
  it('GIVEN Envoy says failover never and the model 60 s THEN proximity agrees, failover differs, and the index shows both', async () => {
    const root = mkdtempSync(join(tmpdir(), 'region-lab-compare-'));
    dirs.push(root);
    const c = await compareScenario({ scenarioFile: 'scenarios/region-outage.yaml', log: () => {}, reportsRoot: root, run: async (dp) => fakeRun(root, dp === 'envoy' ? 'Envoy 1.36.4' : 'model', dp === 'envoy' ? null : 60) });
    expect(c.rows.map((r) => [r.id, r.agree])).toEqual([['proximity-steady', true], ['failover', false]]);
    expect(c.agree).toBe(false);
    expect(formatComparison(c)).toMatch(/failover\s+envoy never\s+model 60 s\s+DIFFER/);
    expect(JSON.parse(readFileSync(join(root, 'compare', 'region-outage.json'), 'utf8')).rows).toHaveLength(2);
    const html = indexHtml(readHistory(root));
    expect(html).toContain('Real Envoy vs the model');
    expect(html).toContain('<strong>they differ</strong> on 1 of 2 expectations');
  });

  it('GIVEN a variant (--higress 2.2) THEN it is recorded and written beside the scenario\'s own comparison, never over it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'region-lab-compare-'));
    dirs.push(root);
    const run = async (dp: 'envoy' | 'model') => fakeRun(root, dp === 'envoy' ? 'Envoy 1.36.4' : 'model', null);
    await compareScenario({ scenarioFile: 'scenarios/region-outage.yaml', log: () => {}, reportsRoot: root, run });
    const v = await compareScenario({ scenarioFile: 'scenarios/region-outage.yaml', log: () => {}, reportsRoot: root, run, variant: ['higress=2.2', 'load.rate=80'] });
    expect(comparisonName('region-outage', ['higress=2.2', 'load.rate=80'])).toBe('region-outage@higress=2.2+load.rate=80');
    expect(readdirSync(join(root, 'compare')).sort()).toEqual(['region-outage.json', 'region-outage@higress=2.2+load.rate=80.json']);
    expect(v).toMatchObject({ higress: '2.1', variant: ['higress=2.2', 'load.rate=80'] });
    expect(formatComparison(v)).toMatch(/^region-outage on Higress 2.1 \(higress=2.2, load.rate=80\): Envoy and the model agree/);
  });
});


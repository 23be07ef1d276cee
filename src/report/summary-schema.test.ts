// GIVEN docs/summary.schema.json WHEN a summary region-lab writes (and, when one is on
// disk, a real run's) is validated against it THEN it conforms, and a summary that
// breaks the contract is rejected with the field named.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scenarioSchema } from '../scenario/schema.js';
import { judge } from '../verdict/judge.js';
import { syntheticLog } from '../verdict/synthetic.js';
import type { RunData } from '../run/run-data.js';
import { buildSummary } from './summary.js';

const root = new URL('../../', import.meta.url).pathname;
const schema = JSON.parse(readFileSync(join(root, 'docs/summary.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true });
// ajv-formats is not a dependency: the one format the schema uses, checked by Date
ajv.addFormat('date-time', (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s) && !Number.isNaN(Date.parse(s)));
const validate = ajv.compile(schema);

function generated(calibrated = false): unknown {
  const scenario = scenarioSchema.parse(parse(readFileSync(join(root, 'scenarios/region-outage.yaml'), 'utf8')));
  const t0 = 1_795_000_000_000;
  const log = syntheticLog({ t0, rate: 10, seconds: 150, outcome: (s, i) => (s >= 50 && s < 110 && i < 8 ? 'error' : i < 8 ? 'served-local' : 'served-remote') });
  const run: RunData = {
    runId: 'r1', scenario, scenarioFile: 'scenarios/region-outage.yaml', scenarioText: '', manifests: [], target: 'local', higress: '2.1', registration: 'http-v1', discovery: 'synced',
    startedAt: new Date(t0 - 9000).toISOString(), endedAt: new Date(t0 + 160_000).toISOString(), t0, faults: [{ id: 'south-down', description: 'd', appliedAtMs: t0 + 50_000 }],
    events: [], versions: { k6: 'v1.8.1' }, interrupted: false, k6: { exitCode: 0 },
  };
  if (!calibrated) return JSON.parse(JSON.stringify(buildSummary(run, judge({ scenario, t0, faults: run.faults, log }))));
  // a calibration burst 10 s before the load, faster than the load by the link latencies it lacks
  const burst = syntheticLog({ t0: t0 - 10_000, rate: 10, seconds: 3, outcome: (_s, i) => (i < 8 ? 'served-local' : 'served-remote') }).records;
  const configuredMs = { 'south → south': 8, 'south → north': 41 };
  const calibration = { startedAt: new Date(t0 - 10_000).toISOString(), durationS: 3, ratePerEntry: 10, entries: ['south'], linksZeroed: 40, file: 'raw/calibration/requests.tsv', configuredMs };
  return JSON.parse(JSON.stringify(buildSummary({ ...run, calibration }, judge({ scenario, t0, faults: run.faults, log, calibration: { burst, configuredMs } }))));
}

/** The newest real summary under reports/, if a run was ever made here. */
function realSummary(): string | undefined {
  const dir = join(root, 'reports/region-outage/latest/summary.json');
  if (existsSync(dir)) return dir;
  const reports = join(root, 'reports');
  if (!existsSync(reports)) return undefined;
  for (const s of readdirSync(reports)) {
    const f = join(reports, s, 'latest', 'summary.json');
    if (existsSync(f)) return f;
  }
  return undefined;
}

describe('summary.schema.json', () => {
  it('accepts the summary region-lab writes', () => {
    expect(validate(generated()), JSON.stringify(validate.errors)).toBe(true);
  });
  it('accepts a calibrated run\'s summary, with overhead and net latency per path', () => {
    const s = generated(true) as { calibration: { paths: unknown[] }; latency: { net?: unknown }[] };
    expect(validate(s), JSON.stringify(validate.errors)).toBe(true);
    expect(s.calibration.paths).toHaveLength(2);
    expect(s.latency.every((p) => p.net !== undefined)).toBe(true);
  });
  const real = realSummary();
  it.runIf(real !== undefined)(`accepts a real run's summary.json (${real ?? 'none on disk'})`, () => {
    expect(validate(JSON.parse(readFileSync(real!, 'utf8'))), JSON.stringify(validate.errors)).toBe(true);
  });
  it('rejects a summary that breaks the contract, naming the field', () => {
    const bad = generated() as { verdict: string; requests: { error: Record<string, unknown> } };
    bad.verdict = 'maybe';
    bad.requests.error.teapot = 1;
    expect(validate(bad)).toBe(false);
    expect(validate.errors!.map((e) => e.instancePath)).toEqual(expect.arrayContaining(['/verdict', '/requests/error']));
  });
});

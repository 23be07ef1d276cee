// GIVEN requests with what they sent and who answered WHEN the share and
// mirror-copies expectations are judged THEN they select, count and band as defined.
import { describe, expect, it } from 'vitest';
import { classify, type RequestRecord } from '../load/request-record.js';
import { scenarioSchema, type Scenario } from '../scenario/schema.js';
import { judge } from './judge.js';
import { shareOf } from './share.js';

const t0 = 1_795_000_000_000;

function rec(i: number, o: { app?: string; status?: number; fallback?: boolean; headers?: Record<string, string>; cookies?: Record<string, string> }): RequestRecord {
  const status = o.status ?? 200;
  const base = {
    startMs: t0 + i * 10,
    durationMs: 5,
    entry: 'south',
    status,
    errorCode: 0,
    servedRegion: status === 0 || !o.app ? '' : 'south',
    servedCluster: '',
    servedInstance: status === 0 || !o.app ? '' : `${o.app}-south-1`,
    fallback: o.fallback ?? false,
  };
  return { ...base, outcome: classify(base), ...(o.headers ? { sentHeaders: o.headers } : {}), ...(o.cookies ? { sentCookies: o.cookies } : {}) };
}

// 100 requests: 30 with x-canary: always → canary; 10 with x-canary: 1 → stable; 60 without → stable, 5 of them 429
const records = Array.from({ length: 100 }, (_, i) =>
  i < 30 ? rec(i, { app: 'user-service-canary', headers: { 'x-canary': 'always' } })
  : i < 40 ? rec(i, { app: 'user-service', headers: { 'x-canary': '1' } })
  : i < 95 ? rec(i, { app: 'user-service', cookies: { canary_user: 'always' } })
  : rec(i, { status: 429 }),
);

describe('shareOf', () => {
  const all = (fromS = 0, toS = 1) => [t0 + fromS * 1000, t0 + toS * 1000] as const;

  it('GIVEN a header filter with a value THEN only requests that sent that value are selected', () => {
    expect(shareOf(records, 'south', ...all(), { header: 'X-Canary', value: 'always', sent: true }, { app: 'user-service-canary' })).toMatchObject({ selected: 30, hits: 30 });
  });

  it('GIVEN a header filter without a value THEN every value counts; sent: false selects the rest', () => {
    expect(shareOf(records, 'south', ...all(), { header: 'x-canary', sent: true }, { app: 'user-service-canary' })).toMatchObject({ selected: 40, hits: 30 });
    expect(shareOf(records, 'south', ...all(), { header: 'x-canary', sent: false }, { app: 'user-service' })).toMatchObject({ selected: 60, hits: 55 });
  });

  it('GIVEN a cookie filter THEN cookies are matched by exact name', () => {
    expect(shareOf(records, 'south', ...all(), { cookie: 'canary_user', sent: true }, { status: 200 })).toMatchObject({ selected: 55, hits: 55 });
    expect(shareOf(records, 'south', ...all(), { cookie: 'Canary_User', sent: true }, { status: 200 }).selected).toBe(0);
  });

  it('GIVEN answeredBy with several fields THEN all must match; a 429 from the gateway has no app', () => {
    const r = shareOf(records, 'south', ...all(), undefined, { status: 429 });
    expect(r).toMatchObject({ selected: 100, hits: 5 });
    expect(r.answers[0]).toEqual(['user-service 200', 65]);
    expect(r.answers).toContainEqual(['the gateway 429', 5]);
    expect(shareOf(records, 'south', ...all(), undefined, { app: 'user-service', status: 429 }).hits).toBe(0);
  });

  it('GIVEN a window or another entry THEN only requests that entered there in [from, to) count', () => {
    expect(shareOf(records, 'south', t0, t0 + 100, undefined, { status: 200 }).selected).toBe(10);
    expect(shareOf(records, 'north', ...all(), undefined, { status: 200 }).selected).toBe(0);
  });
});

function scenario(expectations: unknown[]): Scenario {
  return scenarioSchema.parse({
    name: 'x', description: 'x', claim: 'testbed', topology: 't.yaml', manifests: ['m.yaml'],
    load: { entry: 'south', rate: 100, duration: '1s', vus: { pre: 1, max: 10 }, headers: [{ name: 'X-Canary', value: 'always', share: 0.3 }] },
    expectations,
  });
}

describe('judge: share and mirror-copies', () => {
  it('GIVEN a share band THEN the verdict says how many of which requests were answered by whom', () => {
    const s = scenario([{ id: 'canary', kind: 'share', entry: 'south', window: { from: '0s', to: '1s' }, of: { header: 'X-Canary' }, answeredBy: { app: 'user-service-canary' }, expected: { min: 0.7, max: 0.8 }, source: 'RUNBOOK §5' }]);
    const j = judge({ scenario: s, t0, faults: [], log: { records, httpReqs: 100, droppedIterations: 0 } });
    expect(j.expectations[0]).toMatchObject({ measured: '0.750', pass: true, expected: '0.7–0.8' });
    expect(j.expectations[0]!.sentence).toContain('30 of 40 requests that sent header X-Canary entering south');
  });

  it('GIVEN mirror counts THEN copies ÷ requests sent is judged; without counts it is not measured', () => {
    const s = scenario([{ id: 'm', kind: 'mirror-copies', service: 'staging-service', expected: { min: 0.99, max: 1.01 }, source: 'RUNBOOK §5' }]);
    const log = { records, httpReqs: 100, droppedIterations: 0 };
    expect(judge({ scenario: s, t0, faults: [], log, mirrorCopies: { 'staging-service': 100 } }).expectations[0]).toMatchObject({ measured: '1.000', pass: true });
    expect(judge({ scenario: s, t0, faults: [], log, mirrorCopies: { 'staging-service': 0 } }).expectations[0]).toMatchObject({ measured: '0.000', pass: false });
    expect(judge({ scenario: s, t0, faults: [], log }).expectations[0]).toMatchObject({ measured: 'not measured', pass: false });
  });
});

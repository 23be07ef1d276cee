// GIVEN scenario files using load variations and the share / mirror-copies
// expectations WHEN parsed THEN good ones load and each mistake names its field.
import { describe, expect, it } from 'vitest';
import { scenarioSchema } from './schema.js';

const base = {
  name: 'x', description: 'x', claim: 'testbed', topology: 't.yaml', manifests: ['m.yaml'],
  load: { entry: 'south', rate: 10, duration: '10s', vus: { pre: 1, max: 10 } },
  expectations: [{ id: 'a', kind: 'request-accounting', source: 'testbed' }],
};
const share = (extra: object) => ({ id: 's', kind: 'share', entry: 'south', window: { from: '0s', to: '5s' }, answeredBy: { status: 429 }, expected: { max: 0.1 }, source: 'RUNBOOK §5', ...extra });
const problems = (raw: object) => {
  const r = scenarioSchema.safeParse(raw);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('load variations', () => {
  it('GIVEN no headers or cookies THEN both default to empty lists', () => {
    const s = scenarioSchema.parse(base);
    expect(s.load.headers).toEqual([]);
    expect(s.load.cookies).toEqual([]);
  });

  it('GIVEN two values of one header whose shares add up to more than 1 THEN the load is refused', () => {
    const p = problems({ ...base, load: { ...base.load, headers: [{ name: 'X-AB', value: 'A', share: 0.6 }, { name: 'x-ab', value: 'B', share: 0.6 }] } });
    expect(p.join('\n')).toMatch(/load\.headers: the shares of x-ab add up to 1\.2/);
  });

  it('GIVEN a cookie value with ; or a share above 1 THEN each is reported', () => {
    const p = problems({ ...base, load: { ...base.load, cookies: [{ name: 'c', value: 'a;b', share: 1.5 }] } });
    expect(p.some((x) => x.startsWith('load.cookies.0.value'))).toBe(true);
    expect(p.some((x) => x.startsWith('load.cookies.0.share'))).toBe(true);
  });
});

describe('share and mirror-copies expectations', () => {
  it('GIVEN a share filtered by a header the load sends THEN it parses with sent defaulting to true', () => {
    const s = scenarioSchema.parse({ ...base, load: { ...base.load, headers: [{ name: 'X-Canary', value: 'always', share: 0.3 }] }, expectations: [share({ of: { header: 'x-canary' } })] });
    expect(s.expectations[0]).toMatchObject({ kind: 'share', of: { header: 'x-canary', sent: true } });
  });

  it('GIVEN a share filtered by a header the load never sends THEN it is refused with the fix', () => {
    expect(problems({ ...base, expectations: [share({ of: { header: 'X-Canary' } })] })).toContain('expectations.0.of: the load never sends header x-canary; add it to load.headers');
  });

  it('GIVEN a filter naming both header and cookie, or an empty answeredBy THEN each is refused', () => {
    const p = problems({ ...base, expectations: [share({ of: { header: 'a', cookie: 'b' }, answeredBy: {} })] });
    expect(p).toContain('expectations.0.of: name exactly one of header, cookie');
    expect(p).toContain('expectations.0.answeredBy: give at least one of app, instance, region, status, fallback');
  });

  it('GIVEN a mirror-copies expectation THEN it needs a service and a band', () => {
    expect(problems({ ...base, expectations: [{ id: 'm', kind: 'mirror-copies', service: 'staging-service', expected: { min: 0.99 }, source: 'RUNBOOK §5' }] })).toEqual([]);
    expect(problems({ ...base, expectations: [{ id: 'm', kind: 'mirror-copies', expected: { min: 0.99 }, source: 'x' }] })[0]).toMatch(/^expectations\.0\.service/);
  });
});

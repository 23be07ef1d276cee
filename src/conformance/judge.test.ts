// Judging request entries from replies and echo records, without any server: status,
// backend, what the backend received (defaulting to the request as sent, as Higress's
// framework does), attempts, mirror copies, shares within tolerance, counts, instances.
import { describe, expect, it } from 'vitest';
import { defaultTolerance, judgeAggregate } from './aggregate.js';
import type { Received } from './echo-backend.js';
import { judgeEntry, type Observation } from './judge.js';
import { requestEntrySchema, type RequestEntry } from './schema.js';

const entry = (raw: unknown): RequestEntry => requestEntrySchema.parse(raw);
const seen = (backend: string, over: Partial<Received> = {}): Received => ({ backend, instance: `${backend}-0`, id: 'r1', method: 'GET', host: 'foo.com', path: '/foo', headers: {}, ...over });
const answered = (backend: string | undefined, status = 200, received: Received[] = backend ? [seen(backend)] : [], instance = `${backend}-0`): Observation => ({
  reply: { id: 'r1', status, body: '', headers: backend ? { 'x-echo-backend': backend, 'x-echo-instance': instance } : {} },
  received,
});

describe('judgeEntry', () => {
  const base = { request: { host: 'foo.com', path: '/foo' } };

  it('GIVEN the expected backend answers 200 with the request as sent THEN no problem', () => {
    expect(judgeEntry(entry({ ...base, expect: { status: 200, backend: 'v1' } }), [answered('v1')]).problems).toEqual([]);
  });

  it('GIVEN a route removed x-echo-instance from the response THEN what the backend received is still checked (any instance of the answering backend)', () => {
    const o: Observation = { reply: { id: 'r1', status: 200, body: '', headers: { 'x-echo-backend': 'v1' } }, received: [seen('v1', { headers: { added: 'no' } })] };
    expect(judgeEntry(entry({ ...base, expect: { status: 200, backend: 'v1', headers: { added: 'yes' } } }), [o]).problems).toEqual(['backend received added: no, expected yes']);
  });

  it('GIVEN another backend answers THEN the problem names both', () => {
    expect(judgeEntry(entry({ ...base, expect: { status: 200, backend: 'v1' } }), [answered('v2')]).problems).toEqual(['answered by v2, expected v1']);
  });

  it('GIVEN a 2xx answer WHEN the backend received another path or host THEN the request-as-sent default catches it', () => {
    const o = answered('v1', 200, [seen('v1', { path: '/bar', host: 'x.com' })]);
    expect(judgeEntry(entry({ ...base, expect: { status: 200 } }), [o]).problems).toEqual(['backend received path /bar, expected /foo', 'backend received host x.com, expected foo.com']);
  });

  it('GIVEN request headers WHEN the backend did not receive one THEN it is a problem unless expect.headers says otherwise', () => {
    const e = { request: { host: 'foo.com', path: '/foo', headers: { stage: 'test' } } };
    expect(judgeEntry(entry({ ...e, expect: { status: 200 } }), [answered('v1')]).problems).toEqual(['backend received stage: (absent), expected test']);
    expect(judgeEntry(entry({ ...e, expect: { status: 200, headers: {}, absentHeaders: ['stage'] } }), [answered('v1')]).problems).toEqual([]);
  });

  it('GIVEN backend null WHEN a backend received the request THEN it is not a local reply', () => {
    expect(judgeEntry(entry({ ...base, expect: { status: 404, backend: null } }), [answered('v1', 404)]).problems).toContain('v1 received it; expected a local reply');
    expect(judgeEntry(entry({ ...base, expect: { status: 404, backend: null } }), [answered(undefined, 404)]).problems).toEqual([]);
  });

  it('GIVEN attempts WHEN retries reached the backend THEN they are counted, mirror copies excluded', () => {
    const copies = [seen('v1'), seen('v1'), seen('v1'), seen('m', { host: 'foo.com-shadow' })];
    const e = entry({ ...base, expect: { status: 503, attempts: 3, mirror: { backend: 'm', host: 'foo.com-shadow' } } });
    expect(judgeEntry(e, [answered('v1', 503, copies)]).problems).toEqual([]);
    expect(judgeEntry(entry({ ...base, expect: { status: 503, attempts: 1 } }), [answered('v1', 503, copies)]).problems).toEqual(['backends received it 3 time(s), expected 1']);
  });

  it('GIVEN a mirror expectation WHEN no copy arrived THEN it says so', () => {
    expect(judgeEntry(entry({ ...base, expect: { status: 200, mirror: { backend: 'm' } } }), [answered('v1')]).problems).toEqual(['no copy reached m']);
  });

  it('GIVEN response header expectations THEN exact values, patterns and absences are checked, names case-insensitive', () => {
    const o: Observation = { reply: { id: 'r1', status: 302, body: '', headers: { location: 'http://bar.com/foo', 'set-cookie': ['A=1; Path=/'] } }, received: [] };
    const e = entry({ ...base, expect: { status: 302, backend: null, responseHeaders: { Location: 'http://bar.com/foo' }, responseHeaderPatterns: { 'Set-Cookie': '^A=' }, absentResponseHeaders: ['x-echo-backend'] } });
    expect(judgeEntry(e, [o]).problems).toEqual([]);
    const wrong = entry({ ...base, expect: { status: 302, responseHeaders: { location: 'http://baz.com/foo' } } });
    expect(judgeEntry(wrong, [o]).problems).toEqual(['response location: http://bar.com/foo, expected http://baz.com/foo']);
  });

  it('GIVEN no HTTP answer THEN the transport error is the problem', () => {
    const o: Observation = { reply: { id: 'r1', status: 0, body: '', headers: {}, error: 'socket hang up' }, received: [] };
    expect(judgeEntry(entry({ ...base, expect: { status: 200 } }), [o]).problems).toEqual(['no HTTP answer: socket hang up']);
  });

  it('GIVEN repeated requests THEN the first failing one is reported with its index', () => {
    const r = judgeEntry(entry({ request: { ...base.request, count: 3 }, expect: { status: 200, backend: 'v1' } }), [answered('v1'), answered('v2'), answered('v1')]);
    expect(r.problems).toEqual(['request 2/3: answered by v2, expected v1']);
    expect(r.expected).toContain('(×3)');
  });
});

describe('judgeAggregate', () => {
  const many = (spec: Record<string, number>) => Object.entries(spec).flatMap(([k, n]) => Array.from({ length: n }, () => (/^\d+$/.test(k) ? { status: Number(k) } : { status: 200, backend: k.split('/')[0]!, instance: k.split('/')[1] ?? `${k}-0` })));

  it('GIVEN 80/20 observed WHEN 80/20 expected THEN it holds; WHEN 50/50 expected THEN both shares are off', () => {
    const a = many({ v1: 160, v2: 40 });
    expect(judgeAggregate({ shares: { v1: 0.8, v2: 0.2 } }, a).problems).toEqual([]);
    expect(judgeAggregate({ shares: { v1: 0.5, v2: 0.5 } }, a).problems).toHaveLength(2);
  });

  it('GIVEN a share of 0 or 1 THEN it is exact', () => {
    expect(judgeAggregate({ shares: { v1: 1 } }, many({ v1: 99, v2: 1 })).problems).toHaveLength(1);
  });

  it('GIVEN status keys and backend keys THEN each counts the answers it names', () => {
    const a = many({ v1: 100, '500': 200 });
    expect(judgeAggregate({ shares: { v1: 1 / 3, '500': 2 / 3 } }, a).problems).toEqual([]);
    expect(judgeAggregate({ counts: { '500': 200, v1: { min: 90, max: 110 } } }, a).problems).toEqual([]);
    expect(judgeAggregate({ counts: { '500': { max: 10 } } }, a).problems).toEqual(['500 answered 200 of 300 times, expected ≤10']);
  });

  it('GIVEN distinct instances expected THEN answers are grouped by backend/instance', () => {
    expect(judgeAggregate({ distinctInstances: 1 }, many({ 'v1/a': 5, 'v1/b': 1 })).problems).toEqual(['2 distinct instances answered, expected 1']);
  });

  it('GIVEN the default tolerance THEN it is 4.5 standard deviations, at least 3 points', () => {
    expect(defaultTolerance(0.5, 400)).toBeCloseTo(0.1125, 4);
    expect(defaultTolerance(0.01, 100000)).toBe(0.03);
  });
});

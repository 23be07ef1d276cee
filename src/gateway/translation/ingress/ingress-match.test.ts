// The Ingress match annotations (match-method, *-match-header/pseudo-header/query-*,
// ignore-path-case): parsed as match.go does, written into Envoy's RouteMatch as Istio
// does, read back by the model and matched as Envoy matches; and the rule key they
// make, which duplicate detection, canary attachment and route order depend on.
import { describe, expect, it } from 'vitest';
import { loadManifests } from '../manifests.js';
import { profileFor } from '../../profiles.js';
import { KubeServices } from '../services.js';
import { decodeSnapshot } from '../../data-plane/model/data-plane.js';
import { parseIngressMatch } from './ingress-match.js';
import { ingressYaml } from '../../../../test/support/gateway-kit.js';
import { routesOf, snapshotOf } from '../../../../test/support/snapshot-kit.js';
import type { IncomingHttpHeaders } from 'node:http';

const load = (docs: string[]) => loadManifests([{ file: 'i.yaml', text: docs.join('---\n') }], profileFor('2.1'), { ingressClass: '', services: new KubeServices() });

/** The model's router for http.80, decoded from the Envoy JSON the translation wrote. */
function served(docs: string[]) {
  const m = load(docs);
  const s = snapshotOf(m);
  const router = decodeSnapshot(s).routers.get('http.80')!;
  const backend = (url: string, o: { host?: string; headers?: IncomingHttpHeaders; method?: string } = {}) => {
    const r = router.match(o.host ?? 'api.example.com', url, o.headers ?? {}, { method: o.method ?? 'GET' });
    return r?.action.kind === 'clusters' ? /\|\|([^.]+)\./.exec(r.action.clusters[0]!.host!)![1] : r ? r.action.kind : '404';
  };
  return { m, s, backend };
}

describe('parsing (match.go)', () => {
  it('GIVEN match-method "post put  patch Get FOO post" THEN the regex POST|PUT|PATCH|GET: upper-cased, de-duplicated, unknown names dropped', () => {
    expect(parseIngressMatch({ 'higress.io/match-method': 'post put  patch Get FOO post' }).method).toMatchObject({ type: 'RegularExpression', value: 'POST|PUT|PATCH|GET' });
    expect(parseIngressMatch({ 'higress.io/match-method': 'FOO' }).method).toBeUndefined();
    expect(parseIngressMatch({ 'nginx.ingress.kubernetes.io/match-method': 'POST' }).method).toBeUndefined();
  });

  it('GIVEN header, pseudo-header and query annotations THEN typed conditions, header names lower-cased and sorted, pseudo-headers with a colon, query names as written; the nginx prefix is not read', () => {
    const m = parseIngressMatch({
      'higress.io/exact-match-header-X-Abc': '123',
      'higress.io/regex-match-header-content-type': 'application/(json|xml)',
      'higress.io/prefix-match-pseudo-header-path': '/v3/bar',
      'higress.io/regex-match-query-Id': '*',
      'nginx.ingress.kubernetes.io/exact-match-header-ignored': 'x',
    });
    expect(m.headers.map((h) => [h.name, h.type, 'value' in h ? h.value : undefined])).toEqual([
      [':path', 'Prefix', '/v3/bar'],
      ['content-type', 'RegularExpression', 'application/(json|xml)'],
      ['x-abc', 'Exact', '123'],
    ]);
    expect(m.queryParams).toEqual([{ type: 'Present', name: 'Id' }]);
  });

  it('GIVEN the same match annotations in another order THEN the same rule key; another value THEN another key', () => {
    const a = parseIngressMatch({ 'higress.io/exact-match-header-abc': '123', 'higress.io/exact-match-header-def': '456' });
    const b = parseIngressMatch({ 'higress.io/exact-match-header-def': '456', 'higress.io/exact-match-header-abc': '123' });
    const c = parseIngressMatch({ 'higress.io/exact-match-header-def': 'def', 'higress.io/exact-match-header-abc': '123' });
    expect(a.ruleKeyExtras).toBe(b.ruleKeyExtras);
    expect(a.ruleKeyExtras).not.toBe(c.ruleKeyExtras);
  });

  it('GIVEN a regex RE2 cannot compile THEN the Ingress is reported and its routes are not programmed', () => {
    const m = load([ingressYaml('bad', { 'higress.io/regex-match-header-x': 'a(' })]);
    expect(m.routes).toEqual([]);
    expect(m.ignored[0]?.reason).toMatch(/regex-match-header-x.*Envoy would reject/);
  });
});

describe('on the wire: Envoy JSON and the model', () => {
  it('GIVEN match-method POST PUT THEN a :method safe_regex after the headers; GET gets 404, POST and PUT reach the backend', () => {
    const { s, backend } = served([ingressYaml('m', { 'higress.io/match-method': 'POST PUT', 'higress.io/exact-match-header-abc': '1' }, { path: '/foo', pathType: 'Exact' })]);
    expect(routesOf(s)[0]!.match).toEqual({ path: '/foo', headers: [{ name: 'abc', string_match: { exact: '1' } }, { name: ':method', string_match: { safe_regex: { regex: 'POST|PUT' } } }] });
    expect(backend('/foo', { method: 'GET', headers: { abc: '1' } })).toBe('404');
    expect(backend('/foo', { method: 'POST', headers: { abc: '1' } })).toBe('backend');
    expect(backend('/foo', { method: 'PUT' })).toBe('404');
  });

  it('GIVEN exact, regex and prefix header matches THEN all must hold (prefix is a string prefix)', () => {
    const { backend } = served([ingressYaml('h', { 'higress.io/exact-match-header-abc': '123', 'higress.io/regex-match-header-content-type': 'application/(json|xml)', 'higress.io/prefix-match-header-user-id': '10086-1' }, { path: '/foo', pathType: 'Exact' })]);
    expect(backend('/foo', { headers: { abc: '12' } })).toBe('404');
    expect(backend('/foo', { headers: { abc: '123', 'content-type': 'application/json', 'user-id': '10086-1-1' } })).toBe('backend');
    expect(backend('/foo', { headers: { abc: '123', 'content-type': 'application/jsonx', 'user-id': '10086-1-1' } })).toBe('404');
  });

  it('GIVEN query matches THEN Envoy query_parameters; the first value, as written (Envoy 1.36 does not decode it), must match', () => {
    const { s, backend } = served([ingressYaml('q', { 'higress.io/exact-match-query-abc': '123', 'higress.io/regex-match-query-content-type': 'application/(json|xml)' }, { path: '/foo', pathType: 'Exact' })]);
    expect(routesOf(s)[0]!.match.query_parameters).toEqual([{ name: 'abc', string_match: { exact: '123' } }, { name: 'content-type', string_match: { safe_regex: { regex: 'application/(json|xml)' } } }]);
    expect(backend('/foo')).toBe('404');
    expect(backend('/foo?abc=123&content-type=application/xml')).toBe('backend');
    expect(backend('/foo?abc=123&content-type=application%2Fxml')).toBe('404');
    expect(backend('/foo?abc=1234&content-type=application/xml&abc=123')).toBe('404');
  });

  it('GIVEN pseudo-header matches THEN :authority is the Host and :path the path with its query', () => {
    const { backend } = served([
      ingressYaml('a', { 'higress.io/exact-match-pseudo-header-authority': 'test.foo.com' }, { host: '"*.foo.com"', path: '/v1', service: 'v1' }),
      ingressYaml('p', { 'higress.io/prefix-match-pseudo-header-path': '/v3/bar' }, { host: '"*.foo.com"', path: '/v3', service: 'v3' }),
    ]);
    expect(backend('/v1', { host: 'bad.foo.com' })).toBe('404');
    expect(backend('/v1', { host: 'test.foo.com' })).toBe('v1');
    expect(backend('/v3', { host: 'bar.foo.com' })).toBe('404');
    expect(backend('/v3/bar?x=1', { host: 'bar.foo.com' })).toBe('v3');
  });

  it('GIVEN ignore-path-case THEN case_sensitive false: /fOO matches Exact /foo and /CAT/ok Prefix /cat/; without it they do not', () => {
    const docs = (ann: Record<string, string>) => [ingressYaml('e', ann, { path: '/foo', pathType: 'Exact', service: 'v1' }), ingressYaml('c', ann, { path: '/cat/', service: 'v3' })];
    const on = served(docs({ 'higress.io/ignore-path-case': 'true' }));
    expect(routesOf(on.s)[0]!.match).toMatchObject({ case_sensitive: false });
    expect(on.backend('/fOO')).toBe('v1');
    expect(on.backend('/CAT/ok')).toBe('v3');
    const off = served(docs({}));
    expect(off.backend('/fOO')).toBe('404');
  });
});

describe('route identity and order', () => {
  const same = (name: string, ann: Record<string, string>, service: string, path = '/hello-world') => ingressYaml(name, ann, { host: '""', path, service });

  it('GIVEN Ingresses on one host and path that differ only in header matches THEN all are programmed, the one with more conditions first; the same match in another annotation order is a duplicate', () => {
    const { m, backend } = served([
      same('i01', { 'higress.io/exact-match-header-abc': '123', 'higress.io/exact-match-header-def': '456' }, 'v1'),
      same('i02', { 'higress.io/exact-match-header-abc': '123', 'higress.io/exact-match-header-def': 'def' }, 'v2'),
      same('i03', { 'higress.io/exact-match-header-abc': '123' }, 'v3'),
      same('i04', { 'higress.io/exact-match-header-def': '456', 'higress.io/exact-match-header-abc': '123' }, 'v2'),
      same('i05', {}, 'v1', '/'),
      same('i06', { 'higress.io/exact-match-header-abc': '123' }, 'v2', '/'),
    ]);
    const any = (url: string, headers: IncomingHttpHeaders) => backend(url, { host: 'x.example.com', headers });
    expect(any('/hello-world', { abc: '123', def: '456' })).toBe('v1');
    expect(any('/hello-world', { abc: '123', def: 'def' })).toBe('v2');
    expect(any('/hello-world', { abc: '123' })).toBe('v3');
    expect(any('/', { abc: '123' })).toBe('v2');
    expect(any('/', {})).toBe('v1');
    expect(m.ignored.filter((i) => /DuplicatedRoute/.test(i.reason)).map((i) => i.name)).toEqual(['default/i04']);
  });

  it('GIVEN a canary without the base\'s match annotations THEN it attaches to nothing; WITH the same ones THEN its route has only the canary header (ApplyByHeader replaces the match headers)', () => {
    const canary = (name: string, extra: Record<string, string>, host: string) =>
      ingressYaml(name, { 'nginx.ingress.kubernetes.io/canary': 'true', 'nginx.ingress.kubernetes.io/canary-by-header': 'split', 'nginx.ingress.kubernetes.io/canary-by-header-value': 'true', ...extra }, { host, path: '/echo', pathType: 'Exact', service: 'v1' });
    const { m, backend } = served([
      canary('c1', {}, 'a.example.com'),
      ingressYaml('b2', { 'higress.io/exact-match-header-abc': '123' }, { host: 'a.example.com', path: '/echo', pathType: 'Exact', service: 'v2' }),
      canary('c3', { 'higress.io/exact-match-header-user': 'higress' }, 'b.example.com'),
      ingressYaml('b4', { 'higress.io/exact-match-header-user': 'higress' }, { host: 'b.example.com', path: '/echo', pathType: 'Exact', service: 'v2' }),
    ]);
    expect(m.ignored.some((i) => i.name === 'default/c1' && /canary .* ignored/.test(i.reason))).toBe(true);
    expect(backend('/echo', { host: 'a.example.com', headers: { split: 'true' } })).toBe('404');
    expect(backend('/echo', { host: 'a.example.com', headers: { abc: '123' } })).toBe('v2');
    expect(backend('/echo', { host: 'b.example.com', headers: { split: 'true', user: 'higress' } })).toBe('v1');
    expect(backend('/echo', { host: 'b.example.com', headers: { user: 'higress' } })).toBe('v2');
    expect(backend('/echo', { host: 'b.example.com', headers: { split: 'true' } })).toBe('v1');
  });

  it('GIVEN two method matches on one path THEN the shorter method regex first (SortHTTPRoutes), both before the route without one', () => {
    const { backend } = served([
      ingressYaml('none', {}, { path: '/m', pathType: 'Exact', service: 'none' }),
      ingressYaml('long', { 'higress.io/match-method': 'POST PATCH' }, { path: '/m', pathType: 'Exact', service: 'long' }),
      ingressYaml('short', { 'higress.io/match-method': 'POST' }, { path: '/m', pathType: 'Exact', service: 'short' }),
    ]);
    expect(backend('/m', { method: 'POST' })).toBe('short');
    expect(backend('/m', { method: 'PATCH' })).toBe('long');
    expect(backend('/m', { method: 'GET' })).toBe('none');
  });
});

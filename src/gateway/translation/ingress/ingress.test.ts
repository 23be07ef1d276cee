// Ingress conversion (no network): class filter, path types, prefixes (ASAP vs
// ForHigress), canary precedence and weights, rewrite patterns, destinations,
// service-scoped LB, ignored annotations, and the project's seed manifests.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadManifests } from '../manifests.js';
import { profileFor } from '../../profiles.js';
import { Router } from '../../data-plane/model/router/router.js';
import { rewritePath } from '../../data-plane/model/router/rewrite.js';
import { ingressYaml } from '../../../../test/support/gateway-kit.js';
import type { RouteEntry } from '../../xds/route-table.js';

const p21 = profileFor('2.1');
const load = (yaml: string) => loadManifests([{ file: 'i.yaml', text: yaml }], p21);
const match = (routes: readonly RouteEntry[], path: string, headers: Record<string, string> = {}) => new Router(routes).match('api.example.com', path, headers);
const clustersOf = (r: RouteEntry | undefined) => (r?.action.kind === 'clusters' ? r.action.clusters.map((c) => [c.host, c.weight]) : r?.action);
const firstHost = (r: RouteEntry | undefined) => (r?.action.kind === 'clusters' ? r.action.clusters[0]?.host : undefined);
const SVC = 'outbound|8080||backend.default.svc.cluster.local';

describe('Ingress basics', () => {
  it('ingress class: no ingressClassName is ignored under the default global.ingressClass higress', () => {
    const m = load(ingressYaml('a', {}).replace('  ingressClassName: higress\n', ''));
    expect(m.routes).toEqual([]);
    expect(m.ignored[0]?.reason).toMatch(/ingress class/);
  });

  it('prefix path /foo matches /foo and /foo/x but not /foobar; a Service backend is outbound|port||fqdn', () => {
    const { routes } = load(ingressYaml('a', {}, { path: '/foo/' }));
    expect(clustersOf(match(routes, '/foo'))).toEqual([[SVC, 100]]);
    expect(match(routes, '/foo/x')).toBeDefined();
    expect(match(routes, '/foobar')).toBeUndefined();
  });

  it('route order: Exact before Prefix, longer first, catch-all last', () => {
    const yaml = [ingressYaml('a', {}, { path: '/', service: 'root' }), ingressYaml('b', {}, { path: '/api', service: 'api' }), ingressYaml('c', {}, { path: '/api/v1', pathType: 'Exact', service: 'exact' })].join('---\n');
    const { routes } = load(yaml);
    expect(clustersOf(match(routes, '/api/v1'))).toEqual([['outbound|8080||exact.default.svc.cluster.local', 100]]);
    expect(clustersOf(match(routes, '/api/v2'))).toEqual([['outbound|8080||api.default.svc.cluster.local', 100]]);
    expect(clustersOf(match(routes, '/other'))).toEqual([['outbound|8080||root.default.svc.cluster.local', 100]]);
  });

  it('duplicate host+path in a second Ingress is not programmed (DuplicatedRoute)', () => {
    const m = load([ingressYaml('a', {}, { service: 'first' }), ingressYaml('b', {}, { service: 'second' })].join('---\n'));
    expect(clustersOf(match(m.routes, '/'))).toEqual([['outbound|8080||first.default.svc.cluster.local', 100]]);
    expect(m.ignored.some((i) => /DuplicatedRoute/.test(i.reason))).toBe(true);
  });

  it('higress.io/destination: McpBridge backend with weighted Nacos hosts', () => {
    const yaml = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: nacos
  annotations:
    higress.io/destination: |
      80% user-service.DEFAULT-GROUP.public.nacos
      20% user-service.DEFAULT-GROUP.north.nacos:8080
spec:
  ingressClassName: higress
  rules:
    - host: api.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend: { resource: { apiGroup: networking.higress.io, kind: McpBridge, name: default } }
`;
    expect(clustersOf(match(load(yaml).routes, '/'))).toEqual([['user-service.DEFAULT-GROUP.public.nacos', 80], ['user-service.DEFAULT-GROUP.north.nacos', 20]]);
  });

  it('seed manifests: every Ingress file in clusters/seed loads without problems', () => {
    const dir = join(import.meta.dirname, '../../../../clusters/seed');
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') && readFileSync(join(dir, f), 'utf8').includes('kind: Ingress'));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const text = readFileSync(join(dir, f), 'utf8');
      const ingressOnly = text.split(/^---$/m).filter((d) => /kind: Ingress\b/.test(d)).join('---\n');
      expect(() => load(ingressOnly), f).not.toThrow();
    }
  });
});

describe('annotation prefixes', () => {
  it('ASAP: nginx.ingress.kubernetes.io wins over higress.io for the same key', () => {
    const { routes } = load(ingressYaml('a', { 'nginx.ingress.kubernetes.io/upstream-vhost': 'n.example', 'higress.io/upstream-vhost': 'h.example' }));
    expect(match(routes, '/')?.policy?.rewrite?.authority).toBe('n.example');
  });

  it('ForHigress: route-limit-* and timeout under the nginx prefix are ignored, with an event', () => {
    const m = load(ingressYaml('a', { 'nginx.ingress.kubernetes.io/route-limit-rps': '10', 'nginx.ingress.kubernetes.io/timeout': '5' }));
    // only Istio's default retry: no rate limit, no timeout
    expect(Object.keys(match(m.routes, '/')?.policy ?? {})).toEqual(['retry']);
    expect(m.ignored.map((i) => i.reason).join('\n')).toMatch(/higress.io\/ prefix[\s\S]*higress.io\/timeout/);
  });

  it('rate limit: rpm wins over rps; burst multiplier default 5', () => {
    const r = match(load(ingressYaml('a', { 'higress.io/route-limit-rpm': '1000', 'higress.io/route-limit-rps': '100' })).routes, '/');
    expect(r?.policy?.rateLimit).toEqual({ maxTokens: 5000, tokensPerFill: 1000, fillIntervalMs: 60_000 });
  });

  it('basic auth annotations are ignored since 2.0 and reported', () => {
    const m = load(ingressYaml('a', { 'nginx.ingress.kubernetes.io/auth-type': 'basic', 'nginx.ingress.kubernetes.io/auth-secret': 's' }));
    expect(m.ignored.filter((i) => /removed in Higress 2.0/.test(i.reason))).toHaveLength(2);
    expect(Object.keys(match(m.routes, '/')?.policy ?? {})).toEqual(['retry']);
  });
});

describe('canary', () => {
  const base = ingressYaml('base', {}, { service: 'base' });
  const canary = (a: Record<string, string>) => load([base, ingressYaml('canary', { 'nginx.ingress.kubernetes.io/canary': 'true', ...a }, { service: 'canary' })].join('---\n')).routes;
  const CAN = 'outbound|8080||canary.default.svc.cluster.local';
  const BASE = 'outbound|8080||base.default.svc.cluster.local';

  it('by header: only the exact value "always" routes to the canary', () => {
    const routes = canary({ 'nginx.ingress.kubernetes.io/canary-by-header': 'x-canary' });
    expect(firstHost(match(routes, '/', { 'x-canary': 'always' }))).toBe(CAN);
    expect(firstHost(match(routes, '/', { 'x-canary': 'yes' }))).toBe(BASE);
  });

  it('by header-value: regex always|v, so "always" also routes to the canary', () => {
    const routes = canary({ 'nginx.ingress.kubernetes.io/canary-by-header': 'x-canary', 'nginx.ingress.kubernetes.io/canary-by-header-value': 'v2' });
    expect(firstHost(match(routes, '/', { 'x-canary': 'v2' }))).toBe(CAN);
    expect(firstHost(match(routes, '/', { 'x-canary': 'always' }))).toBe(CAN);
  });

  it('by header-pattern: substring match .*p.*', () => {
    const routes = canary({ 'nginx.ingress.kubernetes.io/canary-by-header': 'x-user', 'nginx.ingress.kubernetes.io/canary-by-header-pattern': 'beta' });
    expect(firstHost(match(routes, '/', { 'x-user': 'my-beta-user' }))).toBe(CAN);
  });

  it('by cookie: name=always among other cookies', () => {
    const routes = canary({ 'nginx.ingress.kubernetes.io/canary-by-cookie': 'canary' });
    expect(firstHost(match(routes, '/', { cookie: 'a=1; canary=always' }))).toBe(CAN);
    expect(firstHost(match(routes, '/', { cookie: 'canary=never' }))).toBe(BASE);
  });

  it('precedence: with a header canary the weight is ignored entirely', () => {
    const routes = canary({ 'nginx.ingress.kubernetes.io/canary-by-header': 'x-canary', 'nginx.ingress.kubernetes.io/canary-weight': '50' });
    expect(clustersOf(match(routes, '/'))).toEqual([[BASE, 100]]);
  });

  it('by weight: 10 of total 100 ⇒ base 90 / canary 10; the canary falls back to the base', () => {
    const routes = canary({ 'nginx.ingress.kubernetes.io/canary-weight': '10', 'nginx.ingress.kubernetes.io/canary-weight-total': '100' });
    const r = match(routes, '/');
    expect(clustersOf(r)).toEqual([[BASE, 90], [CAN, 10]]);
    expect(r?.action.kind === 'clusters' && r.action.clusters[1]?.fallbacks).toEqual([BASE]);
  });

  it('by weight: 0 drops the canary; weight-total 200 with weight 50 ⇒ int(50/200·100) = 25', () => {
    expect(clustersOf(match(canary({ 'nginx.ingress.kubernetes.io/canary-weight': '0' }), '/'))).toEqual([[BASE, 100]]);
    expect(clustersOf(match(canary({ 'nginx.ingress.kubernetes.io/canary-weight': '50', 'nginx.ingress.kubernetes.io/canary-weight-total': '200' }), '/'))).toEqual([[BASE, 75], [CAN, 25]]);
  });

  it('a canary without a matching non-canary route is ignored', () => {
    const m = load(ingressYaml('c', { 'nginx.ingress.kubernetes.io/canary': 'true', 'nginx.ingress.kubernetes.io/canary-weight': '10' }, { path: '/other' }));
    expect(m.routes).toEqual([]);
    expect(m.ignored[0]?.reason).toMatch(/canary/);
  });
});

describe('rewrite, redirect, load balancing', () => {
  it('rewrite-target with a capture group: path becomes regex path.*, $2 → \\2', () => {
    const r = match(load(ingressYaml('a', { 'nginx.ingress.kubernetes.io/rewrite-target': '/$2' }, { path: '/v1(/|$)(.*)' })).routes, '/v1/users');
    expect(r?.path).toMatchObject({ type: 'RegularExpression', value: '/v1(/|$)(.*).*' });
    expect(r?.policy?.rewrite?.regex).toEqual({ pattern: '/v1(/|$)(.*).*', substitution: '/\\2' });
    expect(rewritePath(r?.policy?.rewrite, '/v1/users')).toBe('/users');
  });

  it('rewrite-target on a plain prefix: the pattern is the unanchored path, so every occurrence is replaced', () => {
    const r = match(load(ingressYaml('a', { 'nginx.ingress.kubernetes.io/rewrite-target': '/new' }, { path: '/old' })).routes, '/old/x/old');
    expect(r?.policy?.rewrite?.regex?.pattern).toBe('/old');
    expect(rewritePath(r?.policy?.rewrite, '/old/x/old')).toBe('/new/x/new');
  });

  it('temporal-redirect wins over permanent-redirect; permanent code outside 300–308 ⇒ 301', () => {
    const both = match(load(ingressYaml('a', { 'nginx.ingress.kubernetes.io/temporal-redirect': 'https://t.example/x', 'nginx.ingress.kubernetes.io/permanent-redirect': 'https://p.example/' })).routes, '/');
    expect(both?.action).toMatchObject({ kind: 'redirect', status: 302, host: 't.example' });
    const bad = match(load(ingressYaml('a', { 'nginx.ingress.kubernetes.io/permanent-redirect': 'https://p.example/', 'nginx.ingress.kubernetes.io/permanent-redirect-code': '399' })).routes, '/');
    expect(bad?.action).toMatchObject({ status: 301 });
  });

  it('load-balance: round_robin, least_conn → LEAST_REQUEST, random; unknown (ewma) → LEAST_REQUEST', () => {
    const lb = (v: string) => load(ingressYaml('a', { 'nginx.ingress.kubernetes.io/load-balance': v })).policies.get('backend.default.svc.cluster.local')?.lb;
    expect([lb('round_robin'), lb('least_conn'), lb('random'), lb('ewma')]).toEqual(['ROUND_ROBIN', 'LEAST_REQUEST', 'RANDOM', 'LEAST_REQUEST']);
  });

  it('upstream-hash-by: $request_uri → :path, $http_x_user → x_user (Higress trims only the prefix, unlike nginx), $arg_id → query; cookie affinity wins over it', () => {
    const pol = (a: Record<string, string>) => load(ingressYaml('a', a)).policies.get('backend.default.svc.cluster.local');
    expect(pol({ 'nginx.ingress.kubernetes.io/upstream-hash-by': '$request_uri' })?.hash).toEqual({ kind: 'header', name: ':path' });
    expect(pol({ 'nginx.ingress.kubernetes.io/upstream-hash-by': '$http_x_user' })?.hash).toEqual({ kind: 'header', name: 'x_user' });
    expect(pol({ 'nginx.ingress.kubernetes.io/upstream-hash-by': '$arg_id' })?.hash).toEqual({ kind: 'query', name: 'id' });
    expect(pol({ 'nginx.ingress.kubernetes.io/upstream-hash-by': '$host$request_uri' })?.lb).toBe('ROUND_ROBIN');
    expect(pol({ 'nginx.ingress.kubernetes.io/upstream-hash-by': '$request_uri', 'nginx.ingress.kubernetes.io/affinity': 'cookie' })?.hash).toEqual({ kind: 'cookie', name: 'INGRESSCOOKIE', path: '/', ttlSeconds: 0 });
  });

  it('proxy-next-upstream: attempts 3 on 5xx by default; http_502 alone ⇒ only retriable-status-codes; off ⇒ no retries', () => {
    const retry = (a: Record<string, string>) => match(load(ingressYaml('a', a)).routes, '/')?.policy?.retry;
    expect(retry({ 'nginx.ingress.kubernetes.io/proxy-next-upstream-tries': '3' })).toMatchObject({ numRetries: 3, retryOn: new Set(['5xx']) });
    expect(retry({ 'nginx.ingress.kubernetes.io/proxy-next-upstream': 'http_502' })).toMatchObject({ retryOn: new Set(['retriable-status-codes']), retriableStatusCodes: [502] });
    expect(retry({ 'nginx.ingress.kubernetes.io/proxy-next-upstream': 'off' })?.numRetries).toBe(0);
    expect(retry({ 'nginx.ingress.kubernetes.io/proxy-next-upstream-timeout': '60' })?.perTryTimeoutMs).toBe(60_000);
  });
});

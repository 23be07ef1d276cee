// HTTPRoute filters and match.method / queryParams: converted as Higress's Gateway API
// conversion does (header modifiers, redirect, URL rewrite per profile, unknown types
// drop the route), written into Envoy JSON as Istio writes it, and served by the model
// (decoded from that JSON) as Envoy serves it.
import { describe, expect, it } from 'vitest';
import type { IncomingHttpHeaders } from 'node:http';
import { loadManifests } from './manifests.js';
import { profileFor, type HigressProfileName } from '../profiles.js';
import { KubeServices } from './services.js';
import { decodeSnapshot } from '../data-plane/model/data-plane.js';
import { redirectLocation } from '../data-plane/model/router/redirect.js';
import { rewritePath } from '../data-plane/model/router/rewrite.js';
import { routesOf, snapshotOf } from '../../../test/support/snapshot-kit.js';
import { PARENT_REFS, TEST_GATEWAYS } from '../../../test/support/gateway-kit.js';

const route = (rules: string) => `${TEST_GATEWAYS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: r, namespace: default }
spec:
  ${PARENT_REFS}
  hostnames: [api.example.com]
  rules:
${rules}`;

const load = (rules: string, higress: HigressProfileName = '2.1') => loadManifests([{ file: 'r.yaml', text: route(rules) }], profileFor(higress), { ingressClass: '', services: new KubeServices() });

/** The model's route for a request, decoded from the Envoy JSON written for `rules`. */
function modelRoute(rules: string, url: string, o: { method?: string; headers?: IncomingHttpHeaders; higress?: HigressProfileName } = {}) {
  const s = snapshotOf(load(rules, o.higress), { higress: o.higress ?? '2.1' });
  return decodeSnapshot(s).routers.get('http.80')!.match('api.example.com', url, o.headers ?? {}, { method: o.method ?? 'GET' });
}

const BACKEND = '      backendRefs: [{ name: svc, port: 8080 }]';

describe('header modifiers', () => {
  it('GIVEN request and response header modifiers THEN route-level header operations, set before add, internal names dropped, a host set becomes the authority', () => {
    const m = load(`    - filters:
        - type: RequestHeaderModifier
          requestHeaderModifier: { add: [{ name: my-added, value: a }], set: [{ name: my-set, value: s }, { name: host, value: inner.example }], remove: [my-removed, ":path"] }
        - type: ResponseHeaderModifier
          responseHeaderModifier: { add: [{ name: resp-added, value: r }], remove: [x-echo-instance] }
${BACKEND}`);
    const r = routesOf(snapshotOf(m))[0]!;
    expect(r.request_headers_to_add).toEqual([
      { header: { key: 'my-set', value: 's' }, append_action: 'OVERWRITE_IF_EXISTS_OR_ADD' },
      { header: { key: 'my-added', value: 'a' }, append_action: 'APPEND_IF_EXISTS_OR_ADD' },
    ]);
    expect(r.request_headers_to_remove).toEqual(['my-removed']);
    expect(r.response_headers_to_add).toEqual([{ header: { key: 'resp-added', value: 'r' }, append_action: 'APPEND_IF_EXISTS_OR_ADD' }]);
    expect(r.response_headers_to_remove).toEqual(['x-echo-instance']);
    expect(r.route.host_rewrite_literal).toBe('inner.example');
  });
});

describe('RequestRedirect', () => {
  const redirect = (spec: string, match = '') => `    - ${match ? `matches: [${match}]\n      ` : ''}filters: [{ type: RequestRedirect, requestRedirect: ${spec} }]`;

  it('GIVEN ReplaceFullPath with scheme, port and 302 and no backendRefs THEN an Envoy redirect (not a 500), the query kept', () => {
    const rules = redirect('{ port: 8080, statusCode: 302, scheme: https, path: { type: ReplaceFullPath, replaceFullPath: /replace-full } }');
    expect(routesOf(snapshotOf(load(rules)))[0]!.redirect).toEqual({ scheme_redirect: 'https', port_redirect: 8080, path_redirect: '/replace-full', response_code: 'FOUND' });
    const r = modelRoute(rules, '/anything?x=1')!;
    expect(r.action.kind === 'redirect' && redirectLocation(r.action, r, { host: 'api.example.com', url: '/anything?x=1', scheme: 'http' })).toBe('https://api.example.com:8080/replace-full?x=1');
  });

  it('GIVEN ReplacePrefixMatch on PathPrefix /original THEN prefix_rewrite: only the matched prefix is replaced; a Host port is dropped for the given port', () => {
    const rules = redirect('{ port: 8080, statusCode: 302, scheme: https, path: { type: ReplacePrefixMatch, replacePrefixMatch: /replacement } }', '{ path: { type: PathPrefix, value: /original } }');
    const r = modelRoute(rules, '/original/x')!;
    expect(r.action).toMatchObject({ kind: 'redirect', prefixRewrite: '/replacement', port: 8080 });
    expect(r.action.kind === 'redirect' && redirectLocation(r.action, r, { host: 'redirect.domain.example:99', url: '/original/x', scheme: 'http' })).toBe('https://redirect.domain.example:8080/replacement/x');
  });

  it('GIVEN a redirect to http port 80 or https port 443 THEN no port_redirect (Istio leaves the default port out); no status THEN 301', () => {
    expect(routesOf(snapshotOf(load(redirect('{ scheme: https, port: 443 }'))))[0]!.redirect).toEqual({ scheme_redirect: 'https' });
    expect(routesOf(snapshotOf(load(redirect('{ port: 80, hostname: other.example }'))))[0]!.redirect).toEqual({ host_redirect: 'other.example' });
  });

  it('GIVEN an https redirect without port THEN Envoy keeps a non-default request port and drops the old scheme\'s default one', () => {
    const a = { kind: 'redirect' as const, status: 308, scheme: 'https' };
    const r = { path: { type: 'PathPrefix' as const, value: '/' } } as Parameters<typeof redirectLocation>[1];
    expect(redirectLocation(a, r, { host: 'api.example.com:8080', url: '/a?b=1', scheme: 'http' })).toBe('https://api.example.com:8080/a?b=1');
    expect(redirectLocation(a, r, { host: 'api.example.com:80', url: '/a', scheme: 'http' })).toBe('https://api.example.com/a');
  });
});

describe('URLRewrite', () => {
  const rewrite = (spec: string, prefix = '/prefix-original') => `    - matches: [{ path: { type: PathPrefix, value: ${prefix} } }]
      filters: [{ type: URLRewrite, urlRewrite: ${spec} }]
${BACKEND}`;

  it('GIVEN ReplacePrefixMatch and hostname THEN prefix_rewrite and host_rewrite_literal; the backend gets /replacement/x', () => {
    const rules = rewrite('{ hostname: new.example.com, path: { type: ReplacePrefixMatch, replacePrefixMatch: /replacement } }');
    expect(routesOf(snapshotOf(load(rules)))[0]!.route).toMatchObject({ prefix_rewrite: '/replacement', host_rewrite_literal: 'new.example.com' });
    const r = modelRoute(rules, '/prefix-original/x?q=1')!;
    expect(rewritePath(r.policy?.rewrite, '/prefix-original/x?q=1', r)).toBe('/replacement/x?q=1');
  });

  it('GIVEN ReplaceFullPath THEN regex_rewrite "/.*" → the full path, query kept', () => {
    const rules = rewrite('{ path: { type: ReplaceFullPath, replaceFullPath: /replacement } }', '/full-original');
    expect(routesOf(snapshotOf(load(rules)))[0]!.route.regex_rewrite).toEqual({ pattern: { regex: '/.*' }, substitution: '/replacement' });
    const r = modelRoute(rules, '/full-original/x/y')!;
    expect(rewritePath(r.policy?.rewrite, '/full-original/x/y?z', r)).toBe('/replacement?z');
  });

  it('GIVEN ReplacePrefixMatch "/" THEN 2.1 writes prefix_rewrite "/" (so /p/x becomes //x), 2.2 the regex that removes the prefix (/x)', () => {
    const rules = rewrite('{ path: { type: ReplacePrefixMatch, replacePrefixMatch: / } }', '/p');
    const r21 = modelRoute(rules, '/p/x')!;
    expect(rewritePath(r21.policy?.rewrite, '/p/x', r21)).toBe('//x');
    const s22 = routesOf(snapshotOf(load(rules, '2.2'), { higress: '2.2' }))[0]!;
    expect(s22.route.regex_rewrite).toEqual({ pattern: { regex: '^/p(/?)(.*)' }, substitution: '/\\2' });
    const r22 = modelRoute(rules, '/p/x', { higress: '2.2' })!;
    expect(rewritePath(r22.policy?.rewrite, '/p/x', r22)).toBe('/x');
    expect(rewritePath(r22.policy?.rewrite, '/p', r22)).toBe('/');
  });
});

describe('match.method and queryParams', () => {
  it('GIVEN method PATCH on / THEN a :method exact matcher, and the route sorts with the prefixes, before a regex', () => {
    const rules = `    - matches: [{ path: { type: RegularExpression, value: '/foo.*' } }]
      backendRefs: [{ name: regex, port: 8080 }]
    - matches: [{ method: PATCH, path: { type: PathPrefix, value: / } }]
      backendRefs: [{ name: patch, port: 8080 }]
    - matches: [{ queryParams: [{ name: v, value: "2" }, { type: RegularExpression, name: w, value: "a.*" }] }]
      backendRefs: [{ name: query, port: 8080 }]`;
    const routes = routesOf(snapshotOf(load(rules)));
    expect(routes.find((r) => r.match.headers)?.match.headers).toEqual([{ name: ':method', string_match: { exact: 'PATCH' } }]);
    const host = (url: string, method = 'GET') => {
      const r = modelRoute(rules, url, { method });
      return r?.action.kind === 'clusters' ? /\|\|([^.]+)\./.exec(r.action.clusters[0]!.host!)![1] : r?.action.kind;
    };
    expect(host('/foo/x', 'PATCH')).toBe('patch');
    expect(host('/foo/x')).toBe('regex');
    expect(host('/zzz?v=2&w=abc')).toBe('query');
    expect(host('/zzz?v=2')).toBeUndefined();
  });
});

describe('filters the conversion does not know', () => {
  it('GIVEN a CORS filter THEN 2.1 drops the HTTPRoute (no such type in its API); 2.2 writes the CORS policy as createCorsFilter and Istio do', () => {
    const rules = `    - filters: [{ type: CORS, cors: { allowOrigins: [https://a.example, ""], allowMethods: [GET, POST], allowHeaders: [X-A, X-B], allowCredentials: true } }]
${BACKEND}`;
    expect(load(rules, '2.1').routes).toEqual([]);
    expect(load(rules, '2.1').ignored.find((i) => i.kind === 'HTTPRoute')?.reason).toMatch(/unsupported filter type "CORS"/);
    const m22 = load(rules, '2.2');
    expect(m22.ignored.filter((i) => i.kind === 'HTTPRoute')).toEqual([]);
    expect(m22.routes[0]!.policy?.cors).toEqual({ allowOrigins: [{ exact: 'https://a.example' }], allowMethods: 'GET,POST', allowHeaders: 'X-A,X-B', exposeHeaders: '', allowCredentials: true, maxAge: '5' });
    // in Envoy's JSON: the per-route CORS policy; no expose_headers when none are listed
    const json = JSON.stringify(routesOf(snapshotOf(m22, { higress: '2.2' })));
    expect(json).toContain('"allow_origin_string_match":[{"exact":"https://a.example"}],"allow_methods":"GET,POST","allow_headers":"X-A,X-B","max_age":"5","allow_credentials":true');
    expect(json).not.toContain('expose_headers');
    // the model reads it back as written
    expect(modelRoute(rules, '/', { higress: '2.2' })?.policy?.cors).toEqual(m22.routes[0]!.policy?.cors);
  });

  it('GIVEN an ExtensionRef filter THEN the whole HTTPRoute is dropped (InvalidFilter), reported as ignored', () => {
    const m = load(`    - filters: [{ type: ExtensionRef, extensionRef: { group: x, kind: y, name: z } }]
${BACKEND}`);
    expect(m.routes).toEqual([]);
    expect(m.ignored.find((i) => i.kind === 'HTTPRoute')?.reason).toMatch(/unsupported filter type "ExtensionRef"/);
  });
});

describe('rule retry and timeouts (GEP-1731, GEP-1742)', () => {
  it('GIVEN retry with codes and backoff, and both timeouts, on 2.2 THEN Istio retry with the codes, backendRequest as per-try timeout, request as the route timeout', () => {
    const m = load(`    - retry: { codes: [500, 503], backoff: 100ms }
      timeouts: { request: 10s, backendRequest: 2s }
${BACKEND}`, '2.2');
    const r = routesOf(snapshotOf(m, { higress: '2.2' }))[0]!.route;
    expect(r.timeout).toBe('10s');
    expect(r.retry_policy).toMatchObject({ retry_on: 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes', num_retries: 2, retriable_status_codes: [500, 503], per_try_timeout: '2s', retry_back_off: { base_interval: '0.1s', max_interval: '1s' } });
    expect(r.retry_policy.retry_host_predicate).toHaveLength(1);
  });

  it('GIVEN only backendRequest and no retry THEN it is the route timeout; attempts 0 means no retry at all', () => {
    const m = load(`    - retry: { attempts: 0 }
      timeouts: { backendRequest: 3s }
${BACKEND}`, '2.2');
    const r = routesOf(snapshotOf(m, { higress: '2.2' }))[0]!.route;
    expect(r.retry_policy.num_retries).toBe(0);
    expect(r.retry_policy.per_try_timeout).toBe('3s');
    const noRetry = routesOf(snapshotOf(load(`    - timeouts: { request: 5s, backendRequest: 3s }
${BACKEND}`, '2.2'), { higress: '2.2' }))[0]!.route;
    expect(noRetry.timeout).toBe('3s');
    expect(noRetry.retry_policy.num_retries).toBe(2); // Istio's default retry, untouched
  });

  it('GIVEN the same rule on 2.1 THEN the fields are pruned: Istio default retry, no timeout, and the route reports it', () => {
    const m = load(`    - retry: { attempts: 5 }
      timeouts: { request: 10s }
${BACKEND}`, '2.1');
    const r = routesOf(snapshotOf(m, { higress: '2.1' }))[0]!.route;
    expect(r.timeout).toBe('0s');
    expect(r.retry_policy.num_retries).toBe(2);
    expect(m.ignored.find((i) => i.kind === 'HTTPRoute')?.reason).toMatch(/rules\[0\]: timeouts and retry are not in Higress 2.1's Gateway API/);
  });

  it('GIVEN a duration Gateway API does not allow THEN it is bad input naming the file, the field and the form to use', () => {
    expect(() => load(`    - timeouts: { request: 1.5s }
${BACKEND}`, '2.2')).toThrow(/r\.yaml \(document 2\) at spec\.rules\[0\]\.timeouts\.request: write a Gateway API duration/);
  });
});


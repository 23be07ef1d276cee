// Route matching: virtual hosts, Istio's route order, segment-aware prefixes.
import { describe, expect, it } from 'vitest';
import { loadManifests } from '../../../translation/manifests.js';
import { profileFor } from '../../../profiles.js';
import { Router } from './router.js';
import { PARENT_REFS, TEST_GATEWAYS } from '../../../../../test/support/gateway-kit.js';

const routes = (hostnames: string, rules: string) =>
  loadManifests([{ file: 'r.yaml', text: `${TEST_GATEWAYS}\n---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: { name: r }\nspec:\n  ${PARENT_REFS}\n  hostnames: ${hostnames}\n  rules:\n${rules}` }], profileFor('2.1')).routes;

const rules = `    - backendRefs: [{ name: catchall, group: networking.higress.io }]
    - matches: [{ path: { type: PathPrefix, value: /api } }]
      backendRefs: [{ name: api, group: networking.higress.io }]
    - matches: [{ path: { type: Exact, value: /api/v1 } }]
      backendRefs: [{ name: exact, group: networking.higress.io }]
    - matches: [{ path: { type: PathPrefix, value: /api }, headers: [{ name: x-canary, value: "on" }] }]
      backendRefs: [{ name: canary, group: networking.higress.io }]`;

function target(router: Router, host: string, url: string, headers: Record<string, string> = {}) {
  const r = router.match(host, url, headers);
  return r?.action.kind === 'clusters' ? r.action.clusters[0]?.host : undefined;
}

describe('router', () => {
  const router = new Router(routes('["api.example.com"]', rules));
  it('GIVEN exact, prefix and catch-all routes WHEN matched THEN exact beats prefix beats catch-all', () => {
    expect(target(router, 'api.example.com', '/api/v1')).toBe('exact');
    expect(target(router, 'api.example.com', '/api/v2?x=1')).toBe('api');
    expect(target(router, 'api.example.com', '/other')).toBe('catchall');
  });
  it('GIVEN a prefix /api WHEN the path is /apix THEN it does not match (segment-aware)', () => {
    expect(target(router, 'api.example.com', '/apix')).toBe('catchall');
  });
  it('GIVEN equal prefixes WHEN one has a header match THEN it is tried first', () => {
    expect(target(router, 'api.example.com', '/api/x', { 'x-canary': 'on' })).toBe('canary');
  });
  it('GIVEN a Host with a port or upper case WHEN matched THEN the virtual host is found', () => {
    expect(target(router, 'API.example.com:8080', '/api')).toBe('api');
  });
  it('GIVEN an unknown host WHEN matched THEN no route (404)', () => {
    expect(router.match('other.example.com', '/', {})).toBeUndefined();
  });
  it('GIVEN a wildcard hostname WHEN a subdomain asks THEN it matches, the bare domain does not', () => {
    const w = new Router(routes('["*.example.com"]', rules));
    expect(target(w, 'a.example.com', '/x')).toBe('catchall');
    expect(w.match('example.com', '/x', {})).toBeUndefined();
  });
});

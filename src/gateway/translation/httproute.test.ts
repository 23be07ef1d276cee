// HTTPRoute → Envoy routes: weights (default, 0, single, duplicates), matches,
// and the 2.1 / 2.2 difference for Nacos backends.
import { describe, expect, it } from 'vitest';
import { nacosHost, staticHost } from './host-name.js';
import { weightedClusters } from './httproute.js';
import { loadManifests } from './manifests.js';
import { profileFor } from '../profiles.js';
import { TEST_GATEWAYS } from '../../../test/support/gateway-kit.js';

const p21 = profileFor('2.1');
const p22 = profileFor('2.2');
const nacos = (name: string, weight?: number) => ({ name, group: 'networking.higress.io', ...(weight === undefined ? {} : { weight }) });

describe('host naming', () => {
  it('GIVEN underscores in group and namespace WHEN named THEN only the suffix gets hyphens', () => {
    expect(nacosHost('my_svc', 'DEFAULT_GROUP', 'dev_ns')).toBe('my_svc.DEFAULT-GROUP.dev-ns.nacos');
    expect(nacosHost('user-service', 'DEFAULT_GROUP', 'public')).toBe('user-service.DEFAULT-GROUP.public.nacos');
    expect(staticHost('fixed')).toBe('fixed.static');
  });
});

describe('weighted clusters', () => {
  it('GIVEN weights unset WHEN converted THEN each weighs 1', () => {
    expect(weightedClusters([nacos('a'), nacos('b')], p21)).toEqual([{ host: 'a', weight: 1 }, { host: 'b', weight: 1 }]);
  });
  it('GIVEN a weight-0 backendRef (failover-route 100/0) WHEN converted THEN it is removed and never takes traffic', () => {
    expect(weightedClusters([nacos('a', 100), nacos('b', 0)], p21)).toEqual([{ host: 'a', weight: 100 }]);
  });
  it('GIVEN a single backendRef with weight 5 WHEN converted THEN it takes all traffic', () => {
    expect(weightedClusters([nacos('a', 5)], p21)).toEqual([{ host: 'a', weight: 100 }]);
  });
  it('GIVEN two backendRefs to the same host 80/20 WHEN converted THEN one cluster with weight 100', () => {
    expect(weightedClusters([nacos('a', 80), nacos('a', 20)], p21)).toEqual([{ host: 'a', weight: 100 }]);
  });
  it('GIVEN a Nacos backendRef on 2.2 WHEN converted THEN it has no cluster (invalid backend kind)', () => {
    const [c] = weightedClusters([nacos('a', 80), nacos('b', 20)], p22);
    expect(c?.host).toBeNull();
    expect(c?.weight).toBe(100);
    expect(c?.invalidReason).toContain('networking.higress.io');
  });
  it('GIVEN a plain Kubernetes Service backendRef WHEN converted THEN its destination is the outbound cluster (served only if the gateway config lists the Service)', () => {
    expect(weightedClusters([{ name: 'svc', port: 80 }], p21)[0]?.host).toBe('outbound|80||svc.default.svc.cluster.local');
  });
});

describe('route conversion', () => {
  const route = (rules: string) =>
    loadManifests([{ file: 'r.yaml', text: `${TEST_GATEWAYS}\n---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: { name: r, namespace: ns }\nspec:\n  parentRefs: [{ name: higress-gateway, namespace: higress-system }]\n  rules:\n${rules}` }], p21).routes;

  it('GIVEN a rule whose every backend weighs 0 WHEN converted THEN a direct 500', () => {
    expect(route('    - backendRefs: [{ name: a, group: networking.higress.io, weight: 0 }]')[0]?.action).toEqual({ kind: 'direct', status: 500, body: '' });
  });
  it('GIVEN a rule with two matches WHEN converted THEN two routes, trailing slash of a prefix trimmed, header names lower-cased', () => {
    const rs = route(`    - matches:
        - path: { type: PathPrefix, value: /api/ }
        - path: { type: Exact, value: /x }
          headers: [{ name: X-Canary, value: "on" }]
      backendRefs: [{ name: a, group: networking.higress.io }]`);
    // in Higress's order: the Exact match first
    expect(rs.map((r) => r.name)).toEqual(['httproute/ns/r/rule-0/match-1', 'httproute/ns/r/rule-0/match-0']);
    expect(rs[1]?.path).toEqual({ type: 'PathPrefix', value: '/api' });
    expect(rs[0]?.headers).toEqual([{ type: 'Exact', name: 'x-canary', value: 'on' }]);
  });
});

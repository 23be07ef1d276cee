// Manifest loading: the project's own manifests, and bad input reported with file,
// document index, field path and the fix.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../core/errors.js';
import { loadManifestFiles, loadManifests } from './manifests.js';
import { profileFor } from '../profiles.js';

const routesDir = join(import.meta.dirname, '../../../clusters/routes');
const p21 = profileFor('2.1');

function loadText(text: string, profile = p21) {
  return loadManifests([{ file: '/m/test.yaml', text }], profile);
}

function problemsOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(BadInputError);
    return (e as BadInputError).message;
  }
  throw new Error('expected a BadInputError');
}

const bridge = (registries: string, name = 'default', ns = 'higress-system') => `apiVersion: networking.higress.io/v1
kind: McpBridge
metadata: { name: ${name}, namespace: ${ns} }
spec:
  registries:
${registries}`;

describe('manifest loading', () => {
  it('GIVEN every file in clusters/routes WHEN loaded THEN each yields registries, routes or cluster policies without problems', () => {
    // each with the Gateways its HTTPRoutes attach to, as every scenario loads them
    const files = readdirSync(routesDir).filter((f) => f.endsWith('.yaml') && f !== 'gateways.yaml');
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) {
      const m = loadManifestFiles([join(routesDir, 'gateways.yaml'), join(routesDir, f)], p21);
      expect(m.registries.length + m.routes.length + m.policies.size, f).toBeGreaterThan(0);
      expect(m.ignored).toEqual([]);
    }
  });

  it('GIVEN the locality DestinationRule WHEN loaded THEN user-service gets outlier detection and failover by region', () => {
    const m = loadManifestFiles([join(routesDir, 'destinationrule-user-service-locality.yaml')], p21);
    const policy = m.policies.get('user-service.DEFAULT-GROUP.public.nacos');
    expect(policy).toBeDefined();
    expect(JSON.stringify(policy)).toMatch(/region/);
  });

  it('GIVEN mcpbridge-synced.yaml WHEN loaded THEN one nacos2 registry with Higress defaults (public, 10 s refresh)', () => {
    const m = loadManifestFiles([join(routesDir, 'mcpbridge-synced.yaml')], p21);
    expect(m.registries).toEqual([
      { name: 'local-nacos', type: 'nacos2', address: 'nacos.higress-system.svc.cluster.local:8848', namespaceId: 'public', namespace: 'public', groups: ['DEFAULT_GROUP'], refreshIntervalMs: 10_000, staticEndpoints: [] },
    ]);
  });

  it('GIVEN proximity-route.yaml on 2.1 WHEN loaded THEN one route with 80/20 weighted Nacos clusters and 500 on cluster-not-found', () => {
    const m = loadManifestFiles([join(routesDir, 'gateways.yaml'), join(routesDir, 'proximity-route.yaml')], p21);
    expect(m.routes).toHaveLength(1);
    const r = m.routes[0]!;
    expect(r.hostnames).toEqual(['api.example.com']);
    expect(r.clusterNotFoundStatus).toBe(500);
    expect(r.action).toEqual({
      kind: 'clusters',
      totalWeight: 100,
      clusters: [
        { host: 'user-service-south.DEFAULT-GROUP.public.nacos', weight: 80 },
        { host: 'user-service-north.DEFAULT-GROUP.public.nacos', weight: 20 },
      ],
    });
  });

  it('GIVEN nacosRefreshInterval below 10 s or above WHEN loaded THEN clamped to 10 s, larger kept (nanoseconds)', () => {
    const m = loadText(bridge(`    - { name: a, type: nacos2, domain: n, port: 8848, nacosGroups: [G], nacosRefreshInterval: 1000000000 }
    - { name: b, type: nacos2, domain: n, port: 8848, nacosGroups: [G], nacosRefreshInterval: 30000000000 }`));
    expect(m.registries.map((r) => r.refreshIntervalMs)).toEqual([10_000, 30_000]);
  });

  it('GIVEN a static registry WHEN loaded THEN its endpoints come from domain', () => {
    const m = loadText(bridge('    - { name: fixed, type: static, domain: "127.0.0.1:1,127.0.0.2:2", port: 80 }'));
    expect(m.registries[0]?.staticEndpoints).toEqual([{ ip: '127.0.0.1', port: 1 }, { ip: '127.0.0.2', port: 2 }]);
  });

  it('GIVEN an McpBridge not named default in higress-system WHEN loaded THEN it is ignored with a reason', () => {
    const m = loadText(bridge('    - { name: a, type: nacos2, domain: n, port: 8848 }', 'business-cluster'));
    expect(m.registries).toEqual([]);
    expect(m.ignored[0]).toMatchObject({ document: 0, kind: 'McpBridge', name: 'higress-system/business-cluster' });
  });

  it('GIVEN an unknown registry type WHEN loaded THEN the error names file, document, field and the valid types', () => {
    const msg = problemsOf(() => loadText(`kind: Other\n---\n${bridge('    - { name: a, type: etcd, domain: n, port: 8848 }')}`));
    expect(msg).toContain('/m/test.yaml (document 1) at spec.registries[0].type');
    expect(msg).toContain('unknown registry type "etcd"');
    expect(msg).toContain('nacos2');
    expect(msg).toContain('(document 0) at kind'); // every problem at once
  });

  it('GIVEN the runbook healthCheck block WHEN loaded THEN kubectl refuses that McpBridge (and only it): reported ignored with the field and the fix, its registries unread', () => {
    const m = loadText(bridge('    - { name: a, type: nacos2, domain: n, port: 8848, healthCheck: { interval: 5s } }'));
    expect(m.registries).toEqual([]);
    expect(m.ignored).toEqual([expect.objectContaining({ kind: 'McpBridge', reason: expect.stringMatching(/kubectl apply refuses this McpBridge.*spec\.registries\[0\].*McpBridge has no healthCheck field/) })]);
  });

  it('GIVEN an McpBridge with nacosTimeout WHEN loaded on 2.1 THEN kubectl refuses it (no such field in the 2.1 CRD); on 2.2 it is read', () => {
    const text = bridge('    - { name: a, type: nacos2, domain: n, port: 8848, nacosTimeout: 5000 }');
    const on21 = loadManifests([{ file: 'test.yaml', text }], profileFor('2.1'));
    expect(on21.registries).toEqual([]);
    expect(on21.ignored[0]?.reason).toMatch(/nacosTimeout is not a field of its CRD/);
    expect(loadManifests([{ file: 'test.yaml', text }], profileFor('2.2')).registries).toHaveLength(1);
  });

  it('GIVEN a bad regex, a negative weight and a missing port WHEN loaded THEN all three problems are reported', () => {
    const msg = problemsOf(() =>
      loadText(`${bridge('    - { name: a, type: nacos2, domain: n }')}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: r }
spec:
  rules:
    - matches: [{ path: { type: RegularExpression, value: "/a(" } }]
      backendRefs: [{ name: x, group: networking.higress.io, weight: -1 }]`),
    );
    expect(msg).toContain('spec.registries[0].port');
    expect(msg).toContain('spec.rules[0].matches[0].path.value');
    expect(msg).toContain('spec.rules[0].backendRefs[0].weight');
  });

  it('GIVEN YAML with a syntax error WHEN loaded THEN the problem carries line and column', () => {
    expect(problemsOf(() => loadText('kind: HTTPRoute\n  bad: [\n'))).toMatch(/test\.yaml:\d+:\d+/);
  });
});

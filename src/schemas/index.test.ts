// validateManifest: Kubernetes, Gateway API and McpBridge (from the real CRD) problems with field paths.
import { describe, expect, it } from 'vitest';
import { formatFieldPath, mcpBridgeJsonSchema, validateManifest } from './index.js';

const route = (backendRef: Record<string, unknown>) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'r' },
  spec: { parentRefs: [{ name: 'higress-gateway' }], rules: [{ backendRefs: [backendRef] }] },
});

const bridge = (registry: Record<string, unknown>) => ({
  apiVersion: 'networking.higress.io/v1',
  kind: 'McpBridge',
  metadata: { name: 'default', namespace: 'higress-system' },
  spec: { registries: [registry] },
});

describe('validateManifest', () => {
  it('GIVEN a valid HTTPRoute WHEN validated THEN no problems', () => {
    expect(validateManifest(route({ name: 'svc', port: 8080, weight: 10 }))).toEqual([]);
  });

  it('GIVEN a backendRef port written as a string WHEN validated THEN a wrong-type problem at its path', () => {
    const [p] = validateManifest(route({ name: 'svc', port: '8080' }));
    expect(p?.code).toBe('wrong-type');
    expect(formatFieldPath(p!.path)).toBe('spec.rules[0].backendRefs[0].port');
  });

  it('GIVEN a backendRef without a name WHEN validated THEN a missing-field problem naming it', () => {
    const [p] = validateManifest(route({ port: 8080 }));
    expect(p?.code).toBe('missing-field');
    expect(p?.message).toContain('spec.rules[0].backendRefs[0].name');
  });

  it('GIVEN an Ingress whose service port number is a string WHEN validated THEN a wrong-type problem', () => {
    const ing = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'i' },
      spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 's', port: { number: 'x' } } } }] } }] },
    };
    expect(validateManifest(ing).map((p) => formatFieldPath(p.path))).toEqual(['spec.rules[0].http.paths[0].backend.service.port.number']);
  });

  it('GIVEN the runbook McpBridge with healthCheck WHEN validated THEN an unknown-field problem at registries[0].healthCheck', () => {
    const [p] = validateManifest(bridge({ name: 'n', type: 'nacos2', domain: 'd', port: 8848, healthCheck: { enabled: true } }));
    expect(p?.code).toBe('unknown-field');
    expect(formatFieldPath(p!.path)).toBe('spec.registries[0].healthCheck');
  });

  it('GIVEN an McpBridge with port as a string WHEN validated THEN a wrong-type problem', () => {
    expect(validateManifest(bridge({ name: 'n', type: 'nacos2', domain: 'd', port: '8848' }))[0]?.code).toBe('wrong-type');
  });

  it('GIVEN a valid McpBridge with metadata.innerMap WHEN validated THEN no problems', () => {
    expect(validateManifest(bridge({ name: 'n', type: 'nacos2', domain: 'd', port: 8848, nacosGroups: ['DEFAULT_GROUP'], metadata: { a: { innerMap: { k: 'v' } } } }))).toEqual([]);
  });

  it('GIVEN the CRD file WHEN converted THEN objects are closed except status (x-kubernetes-preserve-unknown-fields)', () => {
    const s = mcpBridgeJsonSchema() as { additionalProperties: unknown; properties: Record<string, { additionalProperties?: unknown }> };
    expect(s.additionalProperties).toBe(false);
    expect(s.properties.spec?.additionalProperties).toBe(false);
    expect(s.properties.status?.additionalProperties).toBeUndefined();
  });

  it('GIVEN a kind without a schema WHEN validated THEN one unknown-kind problem', () => {
    expect(validateManifest({ apiVersion: 'example.com/v1', kind: 'Widget' })[0]?.code).toBe('unknown-kind');
  });

  it('GIVEN a document without kind WHEN validated THEN a missing-field problem', () => {
    expect(validateManifest({ metadata: {} })[0]?.code).toBe('missing-field');
  });
});

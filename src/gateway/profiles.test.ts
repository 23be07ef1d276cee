// Higress 2.1 vs 2.2: the same manifests loaded under both profiles, each
// version's answer asserted (HTTPRoute → Nacos, default 503 retry, instance
// weight, connect-error wording, consistent-hash retries).
import { afterEach, describe, expect, it } from 'vitest';
import { describeProfile, profileFor } from './profiles.js';
import { MemoryRegistry } from './discovery/registry-source.js';
import { Cleanup, send, testGateway, upstream } from '../../test/support/gateway-kit.js';
import { PARENT_REFS, TEST_GATEWAYS } from '../../test/support/gateway-kit.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const HOST = 'user-service.DEFAULT-GROUP.public.nacos';
const MANIFESTS = `apiVersion: networking.higress.io/v1
kind: McpBridge
metadata: { name: default, namespace: higress-system }
spec:
  registries:
    - { name: nacos, type: nacos2, domain: nacos.local, port: 8848, nacosGroups: [DEFAULT_GROUP] }
---
${TEST_GATEWAYS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: r }
spec:
  ${PARENT_REFS}
  hostnames: [gw-api.example.com]
  rules:
    - backendRefs: [{ name: ${HOST}, group: networking.higress.io }]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: i
  annotations:
    higress.io/destination: ${HOST}
spec:
  ingressClassName: higress
  rules:
    - host: api.example.com
      http:
        paths:
          - { path: /, pathType: Prefix, backend: { resource: { apiGroup: networking.higress.io, kind: McpBridge, name: default } } }
`;

async function both(statusA: number, weights: [number, number] = [1, 1]) {
  const a = await upstream(cleanup, 'A');
  const b = await upstream(cleanup, 'B');
  a.status = statusA;
  const out = [];
  for (const higress of ['2.1', '2.2'] as const) {
    const registry = new MemoryRegistry();
    registry.set('nacos', 'DEFAULT_GROUP', 'user-service', [a, b].map((u, i) => ({ ip: '127.0.0.1', port: Number(u.address.split(':')[1]), weight: weights[i]! })));
    out.push(await testGateway(cleanup, MANIFESTS, { higress, registry }));
  }
  return { a, b, on21: out[0]!, on22: out[1]! };
}

describe('Higress 2.1 vs 2.2 on the same manifests', () => {
  it('HTTPRoute backendRef group networking.higress.io: 2.1 routes to the Nacos service, 2.2 answers 500', async () => {
    const { on21, on22 } = await both(200);
    expect((await send(on21.gw.addresses.listen.port, { headers: { host: 'gw-api.example.com' } })).status).toBe(200);
    expect(await send(on22.gw.addresses.listen.port, { headers: { host: 'gw-api.example.com' } })).toMatchObject({ status: 500, body: '' });
    // the Ingress route works on both
    expect((await send(on22.gw.addresses.listen.port)).status).toBe(200);
  });

  it('default retry: a 503 from host A is retried on 2.1, passed through on 2.2', async () => {
    const { on21, on22 } = await both(503);
    const codes = async (port: number) => {
      const out: number[] = [];
      for (let i = 0; i < 30; i++) out.push((await send(port)).status);
      return out;
    };
    expect(await codes(on21.gw.addresses.listen.port)).not.toContain(503);
    expect(await codes(on22.gw.addresses.listen.port)).toContain(503);
  });

  it('Nacos instance weight 3:1: endpoint weights all 1 on 2.1, round(w) on 2.2', async () => {
    const { on21, on22 } = await both(200, [3, 1]);
    expect(on21.gw.clusters.get(HOST)!.endpoints.map((e) => e.weight)).toEqual([1, 1]);
    expect(on22.gw.clusters.get(HOST)!.endpoints.map((e) => e.weight)).toEqual([3, 1]);
  });

  it('connect refused: "delayed connect error: 111" on 2.1 (Envoy 1.27), "Connection refused" on 2.2', async () => {
    const { a, b, on21, on22 } = await both(200);
    await a.close();
    await b.close();
    expect((await send(on21.gw.addresses.listen.port)).body).toMatch(/delayed connect error: 111$/);
    expect((await send(on22.gw.addresses.listen.port)).body).toMatch(/delayed connect error: Connection refused$/);
  });

  it('profile descriptions name each difference', () => {
    const d21 = describeProfile(profileFor('2.1')).behaviours;
    const d22 = describeProfile(profileFor('2.2')).behaviours;
    expect(d21['consistent hash retries']).toMatch(/kept/);
    expect(d22['consistent hash retries']).toMatch(/no previous_hosts/);
    expect(d21['Gateway API']).toMatch(/disabled/);
    expect(d22['Gateway API']).toMatch(/enabled/);
  });
});

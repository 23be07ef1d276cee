// Pins active health checking against a host that dies outright (connections
// refused, as a killed process or a disabled link): after unhealthy_threshold failed
// checks it is marked unhealthy, with traffic flowing through the cluster.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ClusterManager } from './cluster.js';
import type { GatewayEvent } from './events.js';
import { loadManifests } from './manifests.js';
import { profileFor } from './profiles.js';
import { TrafficPolicies } from './traffic-policy.js';
import { until } from './test-kit.js';

const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((s) => s()));

describe('active health check against a dead host', () => {
  it('GIVEN a healthy host that starts refusing connections THEN it is marked unhealthy after unhealthy_threshold checks', async () => {
    const server = createServer((_q, s) => s.end('ok'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const text = `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: { name: hc }
spec:
  configPatches:
    - applyTo: CLUSTER
      match: { cluster: { service: svc.DEFAULT-GROUP.public.nacos } }
      patch:
        operation: MERGE
        value:
          health_checks:
            - { timeout: 0.3s, interval: 0.1s, unhealthy_threshold: 3, healthy_threshold: 2, http_health_check: { path: /health } }
`;
    const policy = loadManifests([{ file: 'ef.yaml', text }], profileFor('2.1')).policies.get('svc.DEFAULT-GROUP.public.nacos')!;
    const events: GatewayEvent[] = [];
    const cm = new ClusterManager((a) => a, (e) => events.push(e), () => policy, new TrafficPolicies({ labels: {}, locality: '' }, (e) => events.push(e)));
    stops.push(() => cm.destroy());
    cm.apply('svc.DEFAULT-GROUP.public.nacos', [{ address: `127.0.0.1:${port}`, weight: 1, labels: {} }]);
    const cluster = cm.get('svc.DEFAULT-GROUP.public.nacos')!;
    cluster.hadTraffic = true;
    const ep = cluster.endpoints[0]!;
    await until(() => !ep.activeHcFailed);
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    // the same endpoint list arrives again (a registry push with nothing changed)
    cm.apply('svc.DEFAULT-GROUP.public.nacos', [{ address: `127.0.0.1:${port}`, weight: 1, labels: {} }]);
    await until(() => cluster.endpoints[0]!.activeHcFailed, 5000);
    expect(events.find((e) => e.kind === 'host-ejected')).toMatchObject({ by: 'active-health-check' });
  });
});

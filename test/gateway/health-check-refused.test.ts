// Pins active health checking against a host that dies outright (connections
// refused, as a killed process or a disabled link): after unhealthy_threshold failed
// checks it is marked unhealthy, with traffic flowing through the cluster.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { healthCheckedCluster, until } from '../support/gateway-kit.js';

const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((s) => s()));

describe('active health check against a dead host', () => {
  it('GIVEN a healthy host that starts refusing connections THEN it is marked unhealthy after unhealthy_threshold checks', async () => {
    const server = createServer((_q, s) => s.end('ok'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const { cm, cluster, events } = healthCheckedCluster('timeout: 0.3s, interval: 0.1s, unhealthy_threshold: 3, healthy_threshold: 2', `127.0.0.1:${port}`);
    stops.push(() => cm.destroy());
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

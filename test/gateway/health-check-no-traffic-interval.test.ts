// Pins Envoy's no_traffic_interval timing (HealthCheckerImplBase::interval): the
// interval is chosen when the next check is armed, from whether the cluster has ever
// had traffic (upstream_cx_total used; health-check connections do not count). A
// gateway that checks its hosts at start-up, before the first request, arms the
// no_traffic_interval timer, and traffic arriving afterwards does not shorten it: the
// next check (the first that can see a dead host) waits the full no_traffic_interval,
// and only then does the cadence switch to `interval`. A cold-started gateway can
// therefore need no_traffic_interval + (unhealthy_threshold - 1) × interval to eject.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayEvent } from '../../src/gateway/events.js';
import { healthCheckedCluster, until } from '../support/gateway-kit.js';

const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((s) => s()));

describe('active health check: no_traffic_interval on a cold cluster', () => {
  it('GIVEN the first check passed before any traffic WHEN traffic starts and the host dies THEN the next check still waits no_traffic_interval, then runs every interval', async () => {
    const checks: number[] = [];
    const server = createServer((_q, s) => (checks.push(Date.now()), s.end('ok')));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    const events: (GatewayEvent & { at: number })[] = [];
    const { cm, cluster } = healthCheckedCluster('timeout: 0.3s, interval: 0.1s, no_traffic_interval: 1s, unhealthy_threshold: 3, healthy_threshold: 2', address, (e) => events.push({ ...e, at: Date.now() }));
    stops.push(() => cm.destroy());
    const ep = cluster.endpoints[0]!;
    await until(() => !ep.activeHcFailed); // the check at host add, with no traffic yet
    const firstCheck = checks[0]!;
    cluster.hadTraffic = true; // the first request arrives just after
    server.closeAllConnections();
    await new Promise((r) => server.close(r)); // and the host dies
    await until(() => events.some((e) => e.kind === 'host-ejected'), 5000);
    const ejected = events.find((e) => e.kind === 'host-ejected')!;
    expect(ejected).toMatchObject({ by: 'active-health-check', host: address });
    expect(checks).toHaveLength(1);
    // failures at +1 s (the armed no_traffic_interval), +1.1 s, +1.2 s: not at +0.1 s
    const after = ejected.at - firstCheck;
    expect(after).toBeGreaterThanOrEqual(1000 + 2 * 100 - 20);
    expect(after).toBeLessThan(1000 + 2 * 100 + 600);
  });
});

// Step 2 of the gateway model: DestinationRule outlier detection (Envoy ejection
// math, Istio's panic threshold 0), failoverPriority / locality failover on
// registry endpoint labels (only with OD and pod labels), priority spill-over,
// and EnvoyFilter active health checks.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ClusterManager } from './upstream/cluster.js';
import { DEFAULT_CLUSTER_POLICY, mergePolicy, type ClusterPolicy } from '../../xds/cluster-policy.js';
import { destinationRulePolicy, destinationRuleSchema } from '../../translation/destination-rule.js';
import type { GatewayEvent } from '../../events.js';
import { chooseHost } from './load-balancer/load-balancer.js';
import { loadManifests } from '../../translation/manifests.js';
import { OutlierDetector } from './outlier-detection/outlier.js';
import { priorityLevels } from './load-balancer/priority.js';
import { profileFor } from '../../profiles.js';
import { TrafficPolicies } from './traffic-policy.js';
import { endpointPriorities } from '../../translation/locality-priority.js';
import { healthCheckedCluster, until } from '../../../../test/support/gateway-kit.js';
import { emitCluster } from '../../translation/envoy/cluster.js';
import { SecretStore } from '../../translation/secrets.js';
import { decodeCluster } from './xds/decode-cluster.js';

const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((s) => s()));

function dr(trafficPolicy: string): ClusterPolicy {
  const doc = destinationRuleSchema.parse(JSON.parse(`{"apiVersion":"networking.istio.io/v1","kind":"DestinationRule","metadata":{"name":"d"},"spec":{"host":"svc.DEFAULT-GROUP.public.nacos","trafficPolicy":${trafficPolicy}}}`));
  return mergePolicy(DEFAULT_CLUSTER_POLICY, destinationRulePolicy(doc), 'dr');
}

/** A cluster as EDS would give it: the translation assigns each endpoint's priority for the proxy. */
function cluster(policy: ClusterPolicy, labels: Record<string, string>[], podLabels: Record<string, string> = {}, locality = '', profile = profileFor('2.2')) {
  const events: GatewayEvent[] = [];
  const traffic = new TrafficPolicies((e) => events.push(e), profile.envoyMinor);
  const cm = new ClusterManager((a) => a, (e) => events.push(e), () => policy, traffic);
  const specs = labels.map((l, i) => ({ address: `127.0.0.${i + 1}:80`, weight: 1, labels: l }));
  const priorities = endpointPriorities(specs, policy, { labels: podLabels, locality }, profile);
  cm.apply('c', specs.map((s, i) => ({ ...s, priority: priorities[i]! })));
  stops.push(() => cm.destroy());
  return { c: cm.get('c')!, events };
}

describe('outlier detection', () => {
  it('DR outlierDetection without consecutive5xxErrors: Envoy default 5; Istio sets the panic threshold to minHealthPercent (0)', () => {
    const p = dr('{"outlierDetection":{"interval":"1s"}}');
    expect(p.outlierDetection).toMatchObject({ consecutive5xx: 5, consecutiveGatewayFailure: undefined, intervalMs: 1000, baseEjectionTimeMs: 30_000, maxEjectionPercent: 10 });
    expect(p.panicThresholdPercent).toBe(0);
    expect(DEFAULT_CLUSTER_POLICY.panicThresholdPercent).toBe(50);
  });

  it('ejects after N consecutive 5xx (a 2xx resets the count); ejection lasts base × times ejected', () => {
    let now = 0;
    const { c, events } = cluster(DEFAULT_CLUSTER_POLICY, [{}, {}]);
    const od = new OutlierDetector(c, { consecutive5xx: 3, consecutiveGatewayFailure: undefined, intervalMs: 10_000, baseEjectionTimeMs: 30_000, maxEjectionTimeMs: 300_000, maxEjectionPercent: 100 }, (e) => events.push(e), '1.36', () => now);
    stops.push(() => od.stop());
    const ep = c.endpoints[0]!;
    [503, 503, 200, 503, 503].forEach((s) => od.report(ep, s));
    expect(ep.ejected).toBe(false);
    od.report(ep, 503);
    expect(ep.ejected).toBe(true);
    now = 29_000;
    od.onInterval();
    expect(ep.ejected).toBe(true);
    now = 30_000;
    od.onInterval();
    expect(ep.ejected).toBe(false);
    [503, 503, 503].forEach((s) => od.report(ep, s));
    expect(events.filter((e) => e.kind === 'host-ejected').map((e) => (e as { ejectionMs: number }).ejectionMs)).toEqual([30_000, 60_000]);
    expect(events.some((e) => e.kind === 'host-returned')).toBe(true);
  });

  it('max_ejection_percent 10 with 3 hosts: Envoy 1.27 (Higress 2.1) ejects one host, never a second; 1.28+ (Higress 2.2) ejects none and counts an overflow', () => {
    const policy = { consecutive5xx: 1, consecutiveGatewayFailure: undefined, intervalMs: 10_000, baseEjectionTimeMs: 30_000, maxEjectionTimeMs: 300_000, maxEjectionPercent: 10 };
    const on127 = cluster(DEFAULT_CLUSTER_POLICY, [{}, {}, {}]);
    const od127 = new OutlierDetector(on127.c, policy, () => {}, '1.27');
    const on136 = cluster(DEFAULT_CLUSTER_POLICY, [{}, {}, {}]);
    const overflow: GatewayEvent[] = [];
    const od136 = new OutlierDetector(on136.c, policy, (e) => overflow.push(e), '1.36');
    stops.push(() => od127.stop(), () => od136.stop());
    for (const [od, c] of [[od127, on127.c], [od136, on136.c]] as const) {
      od.report(c.endpoints[0]!, 500);
      od.report(c.endpoints[1]!, 500);
    }
    expect(on127.c.endpoints.map((e) => e.ejected)).toEqual([true, false, false]);
    expect(on136.c.endpoints.map((e) => e.ejected)).toEqual([false, false, false]);
    expect(overflow.filter((e) => e.kind === 'ejection-overflow')).toHaveLength(2);
  });

  it('max_ejection_percent 50 with 4 hosts: both Envoys eject two (1.27: 0% and 25% < 50; 1.28+: 25% and 50% ≤ 50)', () => {
    const policy = { consecutive5xx: 1, consecutiveGatewayFailure: undefined, intervalMs: 10_000, baseEjectionTimeMs: 30_000, maxEjectionTimeMs: 300_000, maxEjectionPercent: 50 };
    for (const minor of ['1.27', '1.36'] as const) {
      const { c } = cluster(DEFAULT_CLUSTER_POLICY, [{}, {}, {}, {}]);
      const od = new OutlierDetector(c, policy, () => {}, minor);
      stops.push(() => od.stop());
      c.endpoints.forEach((e) => od.report(e, 500));
      expect(c.endpoints.filter((e) => e.ejected)).toHaveLength(2);
    }
  });

  it('consecutive gateway errors count only 502/503/504 and only when the DR sets them', () => {
    const { c } = cluster(DEFAULT_CLUSTER_POLICY, [{}]);
    const od = new OutlierDetector(c, { consecutive5xx: 0, consecutiveGatewayFailure: 2, intervalMs: 10_000, baseEjectionTimeMs: 30_000, maxEjectionTimeMs: 300_000, maxEjectionPercent: 100 }, () => {});
    stops.push(() => od.stop());
    [500, 500, 502].forEach((s) => od.report(c.endpoints[0]!, s));
    expect(c.endpoints[0]!.ejected).toBe(false);
    od.report(c.endpoints[0]!, 504);
    expect(c.endpoints[0]!.ejected).toBe(true);
  });

  it('panic: with OD (threshold 0) all hosts ejected ⇒ no host (503 no healthy upstream); without OD (50%) ⇒ all hosts used', () => {
    const withOd = cluster(dr('{"outlierDetection":{"consecutive5xxErrors":1}}'), [{}, {}]);
    withOd.c.endpoints.forEach((e) => (e.ejected = true));
    expect(chooseHost(withOd.c, Math.random)).toBeUndefined();
    const noOd = cluster(DEFAULT_CLUSTER_POLICY, [{}, {}]);
    noOd.c.endpoints.forEach((e) => (e.ejected = true));
    expect(chooseHost(noOd.c, Math.random)).toBeDefined();
  });
});

describe('priority / locality failover', () => {
  const SOUTH = { region: 'south' };
  const NORTH = { region: 'north' };
  const FAILOVER = '{"loadBalancer":{"localityLbSetting":{"enabled":true,"failoverPriority":["region"]}},"outlierDetection":{"consecutive5xxErrors":1}}';

  it('failoverPriority [region] with OD and a gateway pod label region=south: local endpoints P0, remote P1', () => {
    const { c } = cluster(dr(FAILOVER), [SOUTH, NORTH, SOUTH], SOUTH);
    expect(c.endpoints.map((e) => e.priority)).toEqual([0, 1, 0]);
    const picks = new Set(Array.from({ length: 50 }, () => chooseHost(c, Math.random)!.labels.region));
    expect([...picks]).toEqual(['south']);
    c.endpoints.filter((e) => e.labels.region === 'south').forEach((e) => (e.ejected = true));
    expect(chooseHost(c, Math.random)!.labels.region).toBe('north');
  });

  it('failoverPriority [area, region] (Istio: priority by the leading labels that match): local P0, same area P1, other area P2; the nearby tier takes over before the remote one', () => {
    const local = { area: 'south-area', region: 'south' };
    const nearby = { area: 'south-area', region: 'central' };
    const remote = { area: 'north-area', region: 'north' };
    const tiers = '{"loadBalancer":{"localityLbSetting":{"enabled":true,"failoverPriority":["area","region"]}},"outlierDetection":{"consecutive5xxErrors":1}}';
    const { c } = cluster(dr(tiers), [remote, nearby, local], local);
    expect(c.endpoints.map((e) => e.priority)).toEqual([2, 1, 0]);
    c.endpoints[2]!.ejected = true;
    expect(new Set(Array.from({ length: 50 }, () => chooseHost(c, Math.random)!.labels.region))).toEqual(new Set(['central']));
  });

  it('failoverPriority is inert without outlier detection, and without gateway pod labels', () => {
    const noOd = cluster(dr('{"loadBalancer":{"localityLbSetting":{"failoverPriority":["region"]}}}'), [SOUTH, NORTH], SOUTH);
    expect(noOd.c.endpoints.map((e) => e.priority)).toEqual([0, 0]);
    const noLabels = cluster(dr(FAILOVER), [SOUTH, NORTH], {});
    expect(noLabels.c.endpoints.map((e) => e.priority)).toEqual([0, 0]);
  });

  it('locality failover on 2.2 (Istio 1.27): Nacos metadata istio-locality becomes the endpoint locality; the gateway locality decides P0; topology.istio.io/locality is not read before Istio 1.29', () => {
    const labels: Record<string, string>[] = [{ 'istio-locality': 'south' }, { 'istio-locality': 'north' }, { region: 'south' }, { 'topology.istio.io/locality': 'south' }];
    const { c } = cluster(dr('{"loadBalancer":{"localityLbSetting":{"enabled":true}},"outlierDetection":{}}'), labels, {}, 'south');
    expect(c.endpoints.map((e) => e.priority)).toEqual([0, 1, 1, 1]);
  });

  it('locality failover on 2.1 (Istio 1.19): a registry endpoint has no locality (no label is read), so every endpoint is one priority', () => {
    const { c } = cluster(dr('{"loadBalancer":{"localityLbSetting":{"enabled":true}},"outlierDetection":{}}'), [{ 'istio-locality': 'south' }, { 'istio-locality': 'north' }], {}, 'south', profileFor('2.1'));
    expect(c.endpoints.map((e) => e.priority)).toEqual([0, 0]);
  });

  it('priority load: P0 with 2 of 4 healthy keeps min(100, 1.4 × 50) = 70% of requests, P1 takes 30%', () => {
    const { c } = cluster(dr(FAILOVER), [SOUTH, SOUTH, SOUTH, SOUTH, NORTH], SOUTH);
    c.endpoints[0]!.ejected = true;
    c.endpoints[1]!.ejected = true;
    expect(priorityLevels(c).map((l) => l.load)).toEqual([70, 30]);
  });

  it('manifests: a DestinationRule for a Nacos host and a Service short name land in the policy map', () => {
    const m = loadManifests([{ file: 'dr.yaml', text: `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: { name: a, namespace: prod }\nspec:\n  host: backend\n  trafficPolicy: { loadBalancer: { simple: ROUND_ROBIN } }\n---\napiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: { name: b }\nspec:\n  host: user-service.DEFAULT-GROUP.public.nacos\n  trafficPolicy: { outlierDetection: { consecutive5xxErrors: 3 } }\n` }], profileFor('2.1'));
    expect(m.policies.get('backend.prod.svc.cluster.local')?.lb).toBe('ROUND_ROBIN');
    expect(m.policies.get('user-service.DEFAULT-GROUP.public.nacos')?.outlierDetection?.consecutive5xx).toBe(3);
  });
});

describe('active health checking (EnvoyFilter health_checks)', () => {
  it('a new host is unhealthy until its first check; a non-expected status fails it at once; healthy_threshold brings it back', async () => {
    let status = 200;
    const server = createServer((_q, r) => r.writeHead(status).end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    stops.push(() => server.close());
    const port = (server.address() as AddressInfo).port;
    const { cm, cluster, events } = healthCheckedCluster('timeout: 1s, interval: 0.05s, no_traffic_interval: 0.05s, unhealthy_threshold: 3, healthy_threshold: 2', `127.0.0.1:${port}`);
    stops.push(() => cm.destroy());
    const ep = cluster.endpoints[0]!;
    expect(ep.activeHcFailed).toBe(true);
    await until(() => !ep.activeHcFailed);
    expect(ep.health).toBe('healthy');
    status = 503;
    await until(() => ep.activeHcFailed);
    expect(events.find((e) => e.kind === 'host-ejected')).toMatchObject({ by: 'active-health-check', reason: 'health check answered 503' });
    status = 200;
    await until(() => !ep.activeHcFailed);
    expect(events.filter((e) => e.kind === 'host-returned')).toHaveLength(2);
  });

  it('a host EDS drops stays, and takes traffic, while it passes its checks; it goes when a check fails (ignore_health_on_host_removal false)', async () => {
    let status = 200;
    const server = createServer((_q, r) => r.writeHead(status).end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    stops.push(() => server.close());
    const address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { cm, cluster, events } = healthCheckedCluster('timeout: 1s, interval: 0.05s, no_traffic_interval: 0.05s, unhealthy_threshold: 2, healthy_threshold: 1', address);
    stops.push(() => cm.destroy());
    const ep = cluster.endpoints[0]!;
    await until(() => !ep.activeHcFailed);
    cm.apply(cluster.name, []);
    expect(cluster.endpoints).toEqual([ep]);
    expect(ep.pendingRemoval).toBe(true);
    expect(chooseHost(cluster, Math.random)?.address).toBe(address);
    expect(events.some((e) => e.kind === 'endpoint-removed')).toBe(false);
    status = 503;
    await until(() => cluster.endpoints.length === 0);
    expect(ep.isRemoved).toBe(true);
    expect(events.filter((e) => e.kind === 'host-ejected' || e.kind === 'endpoint-removed').map((e) => e.kind)).toEqual(['host-ejected', 'endpoint-removed']);
  });

  it('a host EDS drops goes at once when it already fails its checks; back in EDS it is an ordinary host again; without health checks removal is immediate', async () => {
    const server = createServer((_q, r) => r.writeHead(200).end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    stops.push(() => server.close());
    const address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { cm, cluster } = healthCheckedCluster('timeout: 1s, interval: 0.05s, no_traffic_interval: 0.05s, unhealthy_threshold: 2, healthy_threshold: 1', address);
    stops.push(() => cm.destroy());
    const ep = cluster.endpoints[0]!;
    await until(() => !ep.activeHcFailed);
    cm.apply(cluster.name, []);
    cm.apply(cluster.name, [{ address, weight: 1, labels: {} }]);
    expect(cluster.endpoints).toEqual([ep]);
    expect(ep.pendingRemoval).toBe(false);
    ep.activeHcFailed = true;
    cm.apply(cluster.name, []);
    expect(cluster.endpoints).toEqual([]);

    const plain = new ClusterManager((a) => a, () => {}, () => DEFAULT_CLUSTER_POLICY, new TrafficPolicies(() => {}));
    stops.push(() => plain.destroy());
    plain.apply('c', [{ address: '127.0.0.1:80', weight: 1, labels: {} }]);
    plain.apply('c', []);
    expect(plain.get('c')!.endpoints).toEqual([]);
  });

  it('GIVEN ignore_health_on_host_removal: true merged with the checks THEN Envoy JSON carries it, the model reads it back, and a host EDS drops goes at once', async () => {
    const server = createServer((_q, r) => r.writeHead(200).end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    stops.push(() => server.close());
    const address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { cm, cluster } = healthCheckedCluster('timeout: 1s, interval: 0.05s, no_traffic_interval: 0.05s, unhealthy_threshold: 2, healthy_threshold: 1', address, undefined, 'ignore_health_on_host_removal: true');
    stops.push(() => cm.destroy());
    const json = emitCluster(cluster.name, cluster.policy, { profile: profileFor('2.2'), secrets: new SecretStore(), edsConfig: {}, sdsConfig: {} }) as Record<string, unknown>;
    expect(json.ignore_health_on_host_removal).toBe(true);
    expect(decodeCluster(json).policy.healthCheck?.ignoreHealthOnHostRemoval).toBe(true);
    const ep = cluster.endpoints[0]!;
    await until(() => !ep.activeHcFailed);
    cm.apply(cluster.name, []);
    expect(cluster.endpoints).toEqual([]);
  });
});


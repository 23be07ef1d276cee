// Pins the admin readers on answers shaped as Envoy 1.36.4 gave them here: zero
// counters without "value", text readouts as strings, per-host health flags, and
// which written xDS files count as applied from version_text.
import { describe, expect, it } from 'vitest';
import { clusterCounters, parseClusters, parseStats, rateLimited } from './admin.js';
import { parseConfigVersions } from './config-versions.js';
import { pendingFiles } from './confirm-xds.js';

const STATS = {
  stats: [
    { name: 'cluster.outbound|80||a.version_text', value: '7' },
    { name: 'cluster_manager.cds.version_text', value: '7' },
    { name: 'http.outbound_0.0.0.0_8080.rds.http.8080.version_text', value: '6' },
    { name: 'listener_manager.lds.version_text', value: '7' },
    { name: 'cluster.outbound|80||a.upstream_rq_retry', value: 4 },
    { name: 'cluster.outbound|80||a.upstream_rq_retry_success', value: 3 },
    { name: 'cluster.outbound|80||a.outlier_detection.ejections_enforced_total', value: 1 },
    { name: 'cluster.outbound|80||a.lb_healthy_panic' },
    { name: 'cluster.outbound|80||a.membership_healthy', value: 1 },
    { name: 'cluster.outbound|80||a.membership_total', value: 2 },
    { name: 'cluster.outbound_80__b.upstream_rq_retry', value: 9 },
    { name: 'http_local_rate_limiter.http_local_rate_limit.rate_limited', value: 10 },
    { name: 'other_prefix.http_local_rate_limit.rate_limited', value: 2 },
    { histograms: { supported_quantiles: [0, 50] } },
  ],
};

describe('parseStats and its readers', () => {
  it('GIVEN /stats JSON WHEN parsed THEN counters are numbers, zero when Envoy omits the value, text readouts strings', () => {
    const s = parseStats(STATS);
    expect(s.get('cluster.outbound|80||a.lb_healthy_panic')).toBe(0);
    expect(s.get('cluster_manager.cds.version_text')).toBe('7');
    expect(clusterCounters(s, 'outbound|80||a')).toMatchObject({ retries: 4, retrySuccess: 3, ejectionsEnforcedTotal: 1, healthyPanic: 0, membershipHealthy: 1, membershipTotal: 2 });
    // ':' becomes '_' in stat names
    expect(clusterCounters(s, 'outbound:80::b').retries).toBe(9);
    expect(rateLimited(s)).toBe(12);
  });

  it('GIVEN version_text stats WHEN written files are checked THEN only those showing their version count as applied', () => {
    const s = parseStats(STATS);
    const f = (kind: 'lds' | 'cds' | 'rds' | 'eds', name: string) => ({ kind, path: `/x/${kind}`, version: '7', names: [name] });
    const pending = pendingFiles([f('eds', 'outbound|80||a'), f('cds', 'x'), f('rds', 'http.8080'), f('lds', 'l'), f('eds', 'outbound|80||new'), f('rds', 'other')], s);
    expect(pending.map((p) => `${p.kind} ${p.names[0]}`)).toEqual(['rds http.8080', 'eds outbound|80||new', 'rds other']);
  });
});

describe('parseClusters', () => {
  it('GIVEN /clusters JSON WHEN parsed THEN each host has its address, health flags and counters', () => {
    const c = parseClusters({
      cluster_statuses: [
        {
          name: 'outbound|80||a',
          added_via_api: true,
          host_statuses: [
            { address: { socket_address: { address: '127.0.60.11', port_value: 8080 } }, stats: [{ name: 'rq_total', value: '30' }, { name: 'rq_error' }], health_status: { eds_health_status: 'HEALTHY' }, weight: 1, locality: {} },
            { address: { socket_address: { address: '127.0.60.12', port_value: 8080 } }, stats: [{ name: 'rq_error', value: '6' }], health_status: { failed_outlier_check: true, eds_health_status: 'HEALTHY' }, weight: 3, priority: 1, locality: { region: 'north', zone: 'z1' } },
            { address: { socket_address: { address: '127.0.60.13', port_value: 8080 } }, stats: [], health_status: { failed_active_health_check: true, eds_health_status: 'HEALTHY' }, weight: 1, locality: {} },
            { address: { socket_address: { address: '127.0.60.14', port_value: 8080 } }, stats: [], health_status: { eds_health_status: 'DRAINING' }, weight: 1, locality: {} },
          ],
        },
      ],
    });
    const hosts = c[0]!.hosts;
    expect(hosts.map((h) => [h.address, h.healthy])).toEqual([['127.0.60.11:8080', true], ['127.0.60.12:8080', false], ['127.0.60.13:8080', false], ['127.0.60.14:8080', false]]);
    expect(hosts[0]!.counters).toEqual({ rq_total: 30, rq_error: 0 });
    expect(hosts[1]).toMatchObject({ failedOutlierCheck: true, failedActiveHealthCheck: false, weight: 3, priority: 1, locality: { region: 'north', zone: 'z1', subZone: '' } });
    expect(hosts[2]!.failedActiveHealthCheck).toBe(true);
  });
});

describe('parseConfigVersions', () => {
  it('GIVEN a config dump WHEN parsed THEN each dynamic resource has its version', () => {
    const v = parseConfigVersions({
      configs: [
        { '@type': 'type.googleapis.com/envoy.admin.v3.BootstrapConfigDump', bootstrap: {} },
        { '@type': 'type.googleapis.com/envoy.admin.v3.ClustersConfigDump', version_info: '2', dynamic_active_clusters: [{ version_info: '2', cluster: { name: 'c' }, last_updated: 'x' }] },
        { '@type': 'type.googleapis.com/envoy.admin.v3.ListenersConfigDump', version_info: '1', dynamic_listeners: [{ name: 'l', active_state: { version_info: '1', listener: {} } }] },
        { '@type': 'type.googleapis.com/envoy.admin.v3.RoutesConfigDump', dynamic_route_configs: [{ version_info: '3', route_config: { name: 'r' } }] },
        { '@type': 'type.googleapis.com/envoy.admin.v3.EndpointsConfigDump', dynamic_endpoint_configs: [{ endpoint_config: { cluster_name: 'c' } }] },
      ],
    });
    expect(v).toEqual({ clusters: { c: '2' }, listeners: { l: '1' }, routeConfigs: { r: '3' }, loadAssignments: { c: '' } });
  });
});

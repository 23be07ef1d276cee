// Pins the bootstrap builder: every bad option reported at once, and the pieces the
// data plane relies on (node identity, loopback admin, file-based LDS/CDS, outlier
// event log, a health listener Envoy answers itself).
import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../../core/errors.js';
import { envoyBootstrap, healthCheckEventLogger } from './bootstrap.js';

const ok = {
  name: 'gw-south-1',
  cluster: 'gw-south',
  locality: { region: 'south', zone: 'south-a' },
  labels: { app: 'higress-gateway' },
  runId: 'r1',
  address: '127.0.1.21',
  adminPort: 15000,
  healthPort: 15021,
  xdsDir: '/state/gw-south-1/xds',
  outlierEventLog: '/logs/gw-south-1.outlier.jsonl',
};

describe('envoyBootstrap', () => {
  it('GIVEN valid options WHEN built THEN node, admin, LDS/CDS files, outlier log and health listener are set', () => {
    const b = envoyBootstrap(ok) as Record<string, any>;
    expect(b.node).toEqual({ id: 'gw-south-1', cluster: 'gw-south', locality: { region: 'south', zone: 'south-a', sub_zone: '' }, metadata: { LABELS: { app: 'higress-gateway' }, REGION_LAB_RUN_ID: 'r1' } });
    expect(b.admin.address.socket_address).toEqual({ address: '127.0.1.21', port_value: 15000 });
    expect(b.dynamic_resources.lds_config.path_config_source.path).toBe('/state/gw-south-1/xds/lds.json');
    expect(b.dynamic_resources.cds_config.resource_api_version).toBe('V3');
    expect(b.cluster_manager.outlier_detection.event_log_path).toBe('/logs/gw-south-1.outlier.jsonl');
    const health = b.static_resources.listeners[0];
    expect(health.address.socket_address).toEqual({ address: '127.0.1.21', port_value: 15021 });
    const filter = health.filter_chains[0].filters[0].typed_config.http_filters[0];
    expect(filter.name).toBe('envoy.filters.http.health_check');
    expect(filter.typed_config.pass_through_mode).toBe(false);
    expect(filter.typed_config.headers[0].string_match.exact).toBe('/healthz/ready');
  });

  it('GIVEN several bad options WHEN built THEN one BadInputError names each field', () => {
    const bad = { ...ok, address: '0.0.0.0', adminPort: 70000, name: '' };
    const e = (() => {
      try {
        envoyBootstrap(bad, 'topology gw-south');
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(BadInputError);
    expect((e as BadInputError).problems.map((p) => p.path).sort()).toEqual(['address', 'adminPort', 'name']);
    expect((e as BadInputError).problems[0]!.file).toBe('topology gw-south');
    expect((e as BadInputError).exitCode).toBe(2);
  });
});

describe('healthCheckEventLogger', () => {
  it('GIVEN a path WHEN built THEN it is the file event sink', () => {
    expect(healthCheckEventLogger('/l/hc.jsonl')).toEqual({
      name: 'envoy.health_check.event_sinks.file',
      typed_config: { '@type': 'type.googleapis.com/envoy.extensions.health_check.event_sinks.file.v3.HealthCheckEventFileSink', event_log_path: '/l/hc.jsonl' },
    });
  });
});

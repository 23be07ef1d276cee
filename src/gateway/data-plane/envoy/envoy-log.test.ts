// Pins how Envoy's log yields a rejection's reason, on lines as Envoy 1.36.4 wrote
// them here: a one-line reason, a text-proto dump followed by "\n: <reason>", and a
// parse failure naming the file.
import { describe, expect, it } from 'vitest';
import { configRejections, parseEnvoyLog } from './envoy-log.js';

const LOG = `[2026-12-03T08:12:02.400+00:00][22336][info][upstream] [source/common/upstream/cds_api_helper.cc:31] cds: response indicates 1 added/updated cluster(s)
[2026-12-03T08:12:02.464+00:00][22336][warning][config] [source/extensions/config_subscription/filesystem/filesystem_subscription_impl.cc:64] Filesystem config update rejected: cluster_name: "outbound|80||svc.nacos"
endpoints {
  lb_endpoints {
    endpoint {
      address {
        socket_address { address: "127.0.60.11" port_value: 99999 }
      }
    }
  }
}
: Proto constraint validation failed (ClusterLoadAssignmentValidationError.Endpoints[0]: embedded message failed validation | caused by SocketAddressValidationError.PortValue: value must be less than or equal to 65535)
[2026-12-03T08:12:03.759+00:00][22336][warning][config] [source/extensions/config_subscription/filesystem/filesystem_subscription_impl.cc:64] Filesystem config update rejected: Error adding/updating cluster(s) c: cluster manager: cluster provided LB specified but cluster 'c' did not provide one. Check cluster documentation.
[2026-12-03T08:12:35.239+00:00][22336][warning][config] [source/extensions/config_subscription/filesystem/filesystem_subscription_impl.cc:64] Filesystem config update failure: in /x/xds/cds.json, Unable to parse JSON as proto (INVALID_ARGUMENT: unexpected EOF): { "version_info": "5", "resources": [ {
[2026-12-03 08:12:36.000][22336][warning][config] [source/x.cc:1] Filesystem config update rejected: missing ]: [
`;

describe('parseEnvoyLog', () => {
  it('GIVEN multi-line entries WHEN parsed THEN continuation lines stay with their entry and times are epoch ms', () => {
    const e = parseEnvoyLog(LOG);
    expect(e).toHaveLength(5);
    expect(e[1]!.t).toBe(Date.parse('2026-12-03T08:12:02.464Z'));
    expect(e[1]!.level).toBe('warning');
    expect(e[1]!.logger).toBe('config');
    expect(e[1]!.message.split('\n')).toHaveLength(11);
  });
});

describe('configRejections', () => {
  it('GIVEN each kind of rejection WHEN read THEN the reason is what Envoy said, without the dumped resource', () => {
    const r = configRejections(parseEnvoyLog(LOG), 0);
    expect(r.map((x) => x.reason)).toEqual([
      'Proto constraint validation failed (ClusterLoadAssignmentValidationError.Endpoints[0]: embedded message failed validation | caused by SocketAddressValidationError.PortValue: value must be less than or equal to 65535)',
      "Error adding/updating cluster(s) c: cluster manager: cluster provided LB specified but cluster 'c' did not provide one. Check cluster documentation.",
      'Unable to parse JSON as proto (INVALID_ARGUMENT: unexpected EOF)',
      'missing ]: [',
    ]);
    expect(r[0]!.subject).toBe('cluster_name: "outbound|80||svc.nacos"');
    expect(r[2]!.path).toBe('/x/xds/cds.json');
  });

  it('GIVEN a since time WHEN read THEN older rejections are left out', () => {
    expect(configRejections(parseEnvoyLog(LOG), Date.parse('2026-12-03T08:12:03.000Z'))).toHaveLength(3);
  });
});

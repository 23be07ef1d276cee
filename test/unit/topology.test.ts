// Pins the topology file's schema and the local network plan built from it: every
// cross-cluster hop is a link with the runbook's latency, and each middleware
// cluster resolves registry names and instance addresses through its own links.
import { describe, expect, it } from 'vitest';
import { loadYamlFile } from '../../src/core/input.js';
import { BadInputError } from '../../src/core/errors.js';
import { resolveMapFor } from '../../src/targets/local/network.js';
import { planLinks } from '../../src/topology/links.js';
import { haproxyConfig } from '../../src/targets/local/haproxy.js';
import { topologySchema } from '../../src/topology/schema.js';

const topo = loadYamlFile('clusters/two-region.yaml', topologySchema);

describe('clusters/two-region.yaml', () => {
  it('GIVEN the shipped topology THEN it parses with both regions on their own loopback ranges', () => {
    expect(topo.regions.map((r) => r.name)).toEqual(['south', 'north']);
    expect(topo.regions[0]!.middleware.nacos.address).toMatch(/^127\.0\.1\./);
    expect(topo.regions[1]!.middleware.nacos.address).toMatch(/^127\.0\.2\./);
  });

  it('GIVEN an address outside loopback and a reused address THEN both problems are reported at once', () => {
    const bad = structuredClone(topo) as unknown as { regions: { middleware: { nacos: { address: string }; entry: { address: string; port: number } } }[] };
    bad.regions[0]!.middleware.nacos.address = '10.0.1.10';
    bad.regions[1]!.middleware.entry = { ...bad.regions[0]!.middleware.entry };
    const r = topologySchema.safeParse(bad);
    expect(r.success).toBe(false);
    const messages = r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages.some((m) => m.startsWith('regions.0.middleware.nacos.address') && m.includes('127.0.0.0/8'))).toBe(true);
    expect(messages.some((m) => m.includes('already used by entry-south'))).toBe(true);
  });

  it('GIVEN a missing file THEN a BadInputError names it', () => {
    expect(() => loadYamlFile('clusters/nope.yaml', topologySchema)).toThrow(BadInputError);
  });
});

describe('planLinks', () => {
  const links = planLinks(topo);
  it('GIVEN synced discovery THEN gateways read only their own Nacos and the sync agent has a leg to each', () => {
    expect(links.filter((l) => l.role === 'discovery' && !l.name.endsWith('_grpc')).map((l) => l.name).sort()).toEqual(['mw-north_to_nacos-north', 'mw-south_to_nacos-south']);
    expect(links.filter((l) => l.role === 'sync' && !l.name.endsWith('_grpc'))).toHaveLength(2);
  });
  it('GIVEN any link to a Nacos THEN it has a gRPC twin listening 1000 ports higher, to the gRPC port, with the same ends', () => {
    const http = links.find((x) => x.name === 'biz-south_to_nacos-south')!;
    const grpc = links.find((x) => x.name === 'biz-south_to_nacos-south_grpc')!;
    expect(Number(grpc.listen!.split(':')[1])).toBe(Number(http.listen!.split(':')[1]) + 1000);
    expect(grpc.upstream).toBe('127.0.1.10:9848');
    expect([grpc.from, grpc.to, grpc.role]).toEqual([http.from, http.to, http.role]);
  });
  it('GIVEN a gateway and a business instance in another region THEN the link carries the cross-region latency', () => {
    const l = links.find((x) => x.name === 'mw-south_to_biz-north_127.0.2.101_19001')!;
    expect(l.latencyMs).toBe(topo.links.crossRegion.latencyMs);
    expect(links.find((x) => x.name === 'mw-south_to_biz-south_127.0.1.101_19001')!.latencyMs).toBe(topo.links.sameRegionCrossCluster.latencyMs);
  });
  it('GIVEN multi-registry discovery THEN each middleware cluster reaches both Nacos, the remote one across regions', () => {
    const multi = planLinks({ ...topo, discovery: { ...topo.discovery, mode: 'multi-registry' } });
    const d = multi.filter((l) => l.role === 'discovery' && !l.name.endsWith('_grpc'));
    expect(d).toHaveLength(4);
    expect(d.find((l) => l.name === 'mw-south_to_nacos-north')!.latencyMs).toBe(topo.links.crossRegion.latencyMs);
    expect(multi.some((l) => l.role === 'sync')).toBe(false);
  });
});

describe('clusters/three-region.yaml', () => {
  const three = loadYamlFile('clusters/three-region.yaml', topologySchema);
  const links = planLinks(three);
  it('GIVEN the nearby pair THEN south ↔ central links carry its latency both ways, every other pair the cross-region one', () => {
    const lat = (name: string) => links.find((x) => x.name === name)!.latencyMs;
    expect(lat('mw-south_to_biz-central_127.0.52.101_19001')).toBe(15);
    expect(lat('mw-central_to_biz-south_127.0.51.101_19001')).toBe(15);
    expect(lat('mw-south_to_biz-north_127.0.53.101_19001')).toBe(40);
    expect(lat('mw-central_to_biz-north_127.0.53.101_19001')).toBe(40);
    expect(lat('mw-south_to_biz-south_127.0.51.101_19001')).toBe(7);
  });
  it('GIVEN three regions synced THEN the sync agent has a leg to each Nacos and the Nacos link ports stay below 30000', () => {
    expect(links.filter((l) => l.role === 'sync' && !l.name.endsWith('_grpc'))).toHaveLength(3);
    const ports = links.filter((l) => l.listen?.startsWith('127.0.0.1:')).map((l) => Number(l.listen!.split(':')[1]));
    expect(Math.max(...ports)).toBeLessThan(31000);
  });
  it('GIVEN a region pair naming an unknown region THEN the field and the known regions are named', () => {
    const bad = structuredClone(three) as unknown as { links: { regionPairs: { between: string[] }[] } };
    bad.links.regionPairs[0]!.between = ['south', 'east'];
    const r = topologySchema.safeParse(bad);
    expect(r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toContain('links.regionPairs.0.between.1: no region "east"; known: south, central, north');
  });
});

describe('resolveMapFor', () => {
  it('GIVEN the south middleware cluster THEN the cluster-local Nacos name and every instance resolve through south links', () => {
    const map = resolveMapFor(topo, topo.regions[0]!, (l) => `via:${l}`);
    expect(map['nacos.higress-system.svc.cluster.local:8848']).toBe('via:mw-south_to_nacos-south');
    expect(map['127.0.2.102:19001']).toBe('via:mw-south_to_biz-north_127.0.2.102_19001');
    // north's cluster DNS is not visible from the south
    expect(Object.values(map)).not.toContain('via:mw-south_to_nacos-north');
  });
});

describe('haproxyConfig', () => {
  it('GIVEN two gateways THEN it checks each on its readiness port and redispatches refused connects', () => {
    const cfg = haproxyConfig(
      { region: 'south', bind: { address: '127.0.1.2', port: 18080 }, gateways: [{ name: 'gw-1', address: '127.0.1.21', port: 8080, healthPort: 15021 }], checkInterMs: 1000, fall: 2, rise: 2 },
      '/tmp/s.sock',
    );
    expect(cfg).toContain('bind 127.0.1.2:18080');
    expect(cfg).toContain('option httpchk GET /healthz/ready');
    expect(cfg).toContain('server gw-1 127.0.1.21:8080 check port 15021');
    expect(cfg).toContain('option redispatch');
  });
});

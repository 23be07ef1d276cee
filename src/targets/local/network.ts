// The local network: each middleware cluster gets a resolve map (its DNS and routes)
// saying which Toxiproxy listener to dial for a registry name or a business
// instance's address. The links themselves are planned in topology/links.ts.
import { businessInstances } from '../../topology/instances.js';
import { discoveredRegions, nacosAddress } from '../../topology/links.js';
import { linkName } from '../../topology/names.js';
import type { RegionSpec, Topology } from '../../topology/schema.js';

/** For the gateways of one middleware cluster: registry name or endpoint address → listener to dial. */
export function resolveMapFor(t: Topology, g: RegionSpec, listenOf: (linkName: string) => string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const r of discoveredRegions(t, g)) {
    const via = listenOf(linkName.discovery(g.name, r.name));
    const port = r.middleware.nacos.port;
    const names = [...r.middleware.nacos.dns, ...(r.name === g.name ? r.middleware.nacos.clusterDns : [])];
    for (const n of names) map[`${n}:${port}`] = via;
    map[nacosAddress(r)] = via;
  }
  for (const r of t.regions) for (const i of businessInstances(r)) map[i.address] = listenOf(linkName.data(g.name, r.name, i.address));
  return map;
}

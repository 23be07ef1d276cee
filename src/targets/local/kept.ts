// What `run --keep` prints for a local topology left up: where each piece listens.
import type { Topology } from '../../topology/schema.js';

/** The addresses of a topology, one line each. */
export function topologyAddresses(t: Topology, dataPlane: string): string[] {
  const lines: string[] = [];
  for (const r of t.regions) {
    const mw = r.middleware;
    lines.push(`${r.name}: entry http://${mw.entry.address}:${mw.entry.port} (load balancer ${mw.lb.address}:${mw.lb.port})`);
    mw.gateways.forEach((g, j) => lines.push(`  gateway ${j + 1} (${dataPlane}): http://${g.address}:${t.gateway.port}, admin http://${g.address}:${t.gateway.adminPort}/`));
    lines.push(`  nacos: http://${mw.nacos.address}:${mw.nacos.port}/nacos`);
    for (const s of r.business.services) lines.push(`  ${s.nacosService}: ${s.instances.join(', ')}`);
  }
  lines.push(`toxiproxy API: http://${t.toxiproxy.address}:${t.toxiproxy.port}/proxies`);
  return lines;
}

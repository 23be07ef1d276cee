// Preflight: every fixed loopback listener the topology needs must be free, or the
// run stops before starting anything (exit 2) and says what to do.
import { createServer } from 'node:net';
import { BadInputError } from '../../core/errors.js';
import { ADMIN_PORT_OFFSET, businessInstances } from '../../topology/instances.js';
import { planLinks } from '../../topology/links.js';
import { controllerName, entryName, gatewayName, lbName, nacosName } from '../../topology/names.js';
import type { Topology } from '../../topology/schema.js';

export async function fixedListeners(t: Topology): Promise<{ what: string; host: string; port: number }[]> {
  const out: { what: string; host: string; port: number }[] = [{ what: 'toxiproxy API', host: t.toxiproxy.address, port: t.toxiproxy.port }];
  for (const l of planLinks(t)) {
    if (!l.listen || l.role === 'entry') continue; // entry listeners are counted below with their region
    const [host, port] = l.listen.split(':') as [string, string];
    out.push({ what: `link ${l.name}`, host, port: Number(port) });
  }
  for (const r of t.regions) {
    const n = r.middleware.nacos;
    for (const [what, port] of [['HTTP', n.port], ['gRPC', n.port + 1000], ['gRPC cluster', n.port + 1001], ['JRaft', n.port - 1000]] as const) out.push({ what: `${nacosName(r.name)} ${what}`, host: n.address, port });
    out.push({ what: entryName(r.name), host: r.middleware.entry.address, port: r.middleware.entry.port }, { what: lbName(r.name), host: r.middleware.lb.address, port: r.middleware.lb.port });
    out.push({ what: `${controllerName(r.name)} admin`, host: r.middleware.lb.address, port: t.gateway.controllerPort });
    r.middleware.gateways.forEach((g, j) => {
      for (const [what, port] of [['data', t.gateway.port], ['admin', t.gateway.adminPort], ['health', t.gateway.healthPort]] as const) out.push({ what: `${gatewayName(r.name, j + 1)} ${what}`, host: g.address, port });
    });
    for (const i of businessInstances(r)) {
      const [host, port] = i.address.split(':') as [string, string];
      out.push({ what: `${i.nacosService}-${i.index}`, host, port: Number(port) }, { what: `${i.nacosService}-${i.index} admin`, host, port: Number(port) + ADMIN_PORT_OFFSET });
    }
  }
  return out;
}

function isFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, host, () => s.close(() => resolve(true)));
  });
}

export async function assertPortsFree(listeners: { what: string; host: string; port: number }[]): Promise<void> {
  const busy: { what: string; host: string; port: number }[] = [];
  for (const l of listeners) if (!(await isFree(l.host, l.port))) busy.push(l);
  if (busy.length > 0) {
    throw new BadInputError(
      busy.map((b) => ({ file: 'topology', path: b.what, message: `${b.host}:${b.port} is already in use` })),
      'another region-lab run may still be up: run `region-lab down` (or `make down`), or change the addresses in the topology file',
    );
  }
}

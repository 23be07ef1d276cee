// The kind network plan: the same links as the local target (planLinks), each hosted
// by a Toxiproxy in a middleware cluster, and how traffic is steered into it: the
// entry by a host port, registration by the address the services are given,
// gateway → business by an iptables DNAT in the middleware node, discovery by a
// Service (plus a CoreDNS rewrite for another region's registry name), sync over the
// node's loopback. docs/kind.md draws it.
import type { RegionSpec, Topology } from '../../topology/schema.js';
import { businessInstances } from '../../topology/instances.js';
import { NACOS_GRPC_OFFSET, planLinks, type LinkRole } from '../../topology/links.js';
import { bizCluster, mwCluster, nacosName } from '../../topology/names.js';
import { BUSINESS_PORT_BASE, ENTRY_LISTEN_PORT, LINK_PORT_BASE, MIDDLEWARE_NAMESPACE, NACOS_NODE_PORTS, nodeIp } from './names.js';

export interface KindProxy {
  /** Toxiproxy proxy name: the link name, plus _grpc for a discovery link's gRPC port. */
  readonly name: string;
  /** Port on the middleware node (Toxiproxy runs with hostNetwork). */
  readonly listenPort: number;
  /** May hold $(node-ip …) placeholders, resolved once the clusters exist. */
  readonly upstream: string;
  /** For a Service in front: the port clients dial. */
  readonly servicePort?: number;
}

export type Steer =
  | { readonly kind: 'host-port' }
  | { readonly kind: 'registration-address' }
  | { readonly kind: 'dnat'; readonly destination: string; readonly port: number }
  | { readonly kind: 'service'; readonly service: string; readonly rewrite: readonly string[] }
  | { readonly kind: 'loopback' };

export interface KindLink {
  readonly name: string;
  readonly role: LinkRole;
  readonly from: string;
  readonly to: string;
  /** The middleware cluster whose Toxiproxy carries the link. */
  readonly host: string;
  readonly latencyMs: number;
  readonly jitterMs: number;
  readonly proxies: readonly KindProxy[];
  readonly steer: Steer;
}

export interface KindInstance {
  readonly app: string;
  readonly nacosService: string;
  readonly nacosGroup: string;
  readonly nacosNamespace: string;
  readonly fallback: boolean;
  /** Its address in the topology file (the local target's loopback address), the link key. */
  readonly topologyAddress: string;
  /** user-service-south-1 */
  readonly id: string;
  /** Port on its business node; the IP is the node's. */
  readonly port: number;
}

/** Instances of a region's business cluster; hostNetwork on one node, so each gets its own port. */
export function kindInstances(r: RegionSpec): KindInstance[] {
  return businessInstances(r).map((i, n) => ({ app: i.app, nacosService: i.nacosService, nacosGroup: i.nacosGroup, nacosNamespace: i.nacosNamespace, fallback: i.fallback, topologyAddress: i.address, id: i.name, port: BUSINESS_PORT_BASE + n }));
}

const localNacos = (port: number) => `nacos-server.${MIDDLEWARE_NAMESPACE}.svc.cluster.local:${port}`;

export function planKindLinks(t: Topology): KindLink[] {
  const next = new Map<string, number>();
  const port = (host: string) => {
    const p = next.get(host) ?? LINK_PORT_BASE;
    next.set(host, p + 1);
    return p;
  };
  const region = (cluster: string) => t.regions.find((r) => mwCluster(r.name) === cluster || bizCluster(r.name) === cluster)!;
  const nacosOf = (host: string, target: string, which: 'http' | 'grpc') =>
    host === target ? localNacos(which === 'http' ? 8848 : 9848) : `${nodeIp(target)}:${NACOS_NODE_PORTS[which]}`;
  const syncHost = mwCluster(t.regions[0]!.name);
  const registrationPorts = new Map<string, number>();

  return planLinks(t).map((l): KindLink => {
    const base = { name: l.name, role: l.role, from: l.from, to: l.to, latencyMs: l.latencyMs, jitterMs: l.jitterMs };
    switch (l.role) {
      case 'entry':
        return { ...base, host: l.to, steer: { kind: 'host-port' }, proxies: [{ name: l.name, listenPort: ENTRY_LISTEN_PORT, upstream: `higress-gateway.${MIDDLEWARE_NAMESPACE}.svc.cluster.local:80` }] };
      case 'registration': {
        // services dial the address they are given for HTTP and its port + 1000 for gRPC
        // (their registration mode's client), so the gRPC twin listens exactly 1000 higher
        const twinOf = l.name.endsWith('_grpc') ? registrationPorts.get(l.name.slice(0, -'_grpc'.length)) : undefined;
        const listenPort = twinOf !== undefined ? twinOf + NACOS_GRPC_OFFSET : port(l.to);
        if (twinOf === undefined) registrationPorts.set(l.name, listenPort);
        return { ...base, host: l.to, steer: { kind: 'registration-address' }, proxies: [{ name: l.name, listenPort, upstream: localNacos(twinOf !== undefined ? 9848 : 8848) }] };
      }
      case 'data': {
        const inst = kindInstances(region(l.to)).find((i) => l.name.endsWith(i.topologyAddress.replace(/:/g, '_')))!;
        return { ...base, host: l.from, steer: { kind: 'dnat', destination: nodeIp(l.to), port: inst.port }, proxies: [{ name: l.name, listenPort: port(l.from), upstream: `${nodeIp(l.to)}:${inst.port}` }] };
      }
      case 'discovery': {
        const same = l.from === l.to;
        const r = region(l.to);
        const service = same ? 'nacos' : nacosName(r.name);
        const nacosPort = r.middleware.nacos.port;
        return {
          ...base,
          host: l.from,
          // Higress's nacos2 client dials the registry port and, for gRPC, that port + 1000
          // the registry's public names (multi-registry McpBridge domains) resolve to this Service
          steer: { kind: 'service', service, rewrite: r.middleware.nacos.dns },
          proxies: [
            { name: l.name, listenPort: port(l.from), upstream: nacosOf(l.from, l.to, 'http'), servicePort: nacosPort },
            { name: `${l.name}_grpc`, listenPort: port(l.from), upstream: nacosOf(l.from, l.to, 'grpc'), servicePort: nacosPort + 1000 },
          ],
        };
      }
      case 'sync':
        return { ...base, host: syncHost, steer: { kind: 'loopback' }, proxies: [{ name: l.name, listenPort: port(syncHost), upstream: nacosOf(syncHost, l.to, 'http') }] };
    }
  });
}

export const linksHostedBy = (links: readonly KindLink[], cluster: string) => links.filter((l) => l.host === cluster);

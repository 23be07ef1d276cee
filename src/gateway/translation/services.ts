// Kubernetes Services for Ingress (and HTTPRoute) backends: region-lab has no
// API server, so the gateway config's `services` section is the topology's static
// map from a Service to its endpoint addresses. Istio names such a cluster
// `outbound|<port>||<svc>.<ns>.svc.cluster.local`; so does the model.
import type { EndpointSpec } from '../xds/endpoint-spec.js';

const SUFFIX = '.svc.cluster.local';

/** `outbound|<port>||<fqdn>`: Istio's BuildSubsetKey for a Service port. */
export function outboundCluster(fqdn: string, port: number): string {
  return `outbound|${port}||${fqdn}`;
}

/** util.CreateServiceFQDN. */
export function serviceFqdn(name: string, namespace: string): string {
  return `${name}.${namespace}${SUFFIX}`;
}

/** The fqdn and port of an outbound cluster key; undefined for Nacos/static hosts. */
export function parseOutboundCluster(key: string): { fqdn: string; port: number } | undefined {
  const m = /^outbound\|(\d+)\|\|(.+)$/.exec(key);
  return m ? { fqdn: m[2]!, port: Number(m[1]) } : undefined;
}

interface Entry {
  readonly fqdn: string;
  readonly port: number | undefined;
  readonly addresses: readonly string[];
}

/**
 * Keys: `svc.ns.svc.cluster.local[:port]`, `svc.ns[:port]` or `svc[:port]` (namespace
 * default). Without a port the entry serves every port of the Service.
 */
export class KubeServices {
  private readonly entries: Entry[] = [];

  constructor(map: Readonly<Record<string, readonly string[]>> = {}) {
    for (const [key, addresses] of Object.entries(map)) {
      const m = /^(.*?)(?::(\d+))?$/.exec(key)!;
      const host = m[1]!;
      const fqdn = host.endsWith(SUFFIX) ? host : host.includes('.') ? `${host}${SUFFIX}` : serviceFqdn(host, 'default');
      this.entries.push({ fqdn, port: m[2] === undefined ? undefined : Number(m[2]), addresses });
    }
  }

  /** Does the Service exist (any port)? */
  has(fqdn: string): boolean {
    return this.entries.some((e) => e.fqdn === fqdn);
  }

  /** The Service's first port, as default_backend.go takes it; undefined when the entry has none. */
  firstPort(fqdn: string): number | undefined {
    return this.entries.find((e) => e.fqdn === fqdn && e.port !== undefined)?.port;
  }

  /** Endpoints of one Service port: an entry with that port, else one without a port. */
  endpoints(fqdn: string, port: number): EndpointSpec[] | undefined {
    const e = this.entries.find((x) => x.fqdn === fqdn && x.port === port) ?? this.entries.find((x) => x.fqdn === fqdn && x.port === undefined);
    return e?.addresses.map((address) => ({ address, weight: 1, labels: {} }));
  }
}

// The topology file (clusters/*.yaml): regions, their middleware and business
// clusters, every address on loopback, and the base latency of each kind of link.
import { z } from 'zod';
import { entryName, lbName, nacosName } from './names.js';

const loopbackIp = z
  .string()
  .regex(/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/, 'must be an address in 127.0.0.0/8: region-lab never listens anywhere else');
const port = z.number().int().min(1024, 'use a port of 1024 or more, so no root is needed').max(65535);
/** "127.0.1.101:9001" */
export const hostPort = z
  .string()
  .regex(/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}:\d{2,5}$/, 'write ip:port with a 127.x.y.z address, e.g. 127.0.1.101:9001');

export const higressVersion = z.enum(['2.1', '2.2'], { message: 'the Higress profiles region-lab models are "2.1" and "2.2"' });

/** The gateways' data plane: real Envoy, region-lab's model, or auto (Envoy where installed). */
export const dataPlaneChoice = z.enum(['auto', 'envoy', 'model'], { message: 'dataPlane is "auto", "envoy" or "model"' });
export type DataPlaneChoice = z.output<typeof dataPlaneChoice>;

const linkLatency = z.strictObject({
  /** Base one-way delay Toxiproxy adds on the link. */
  latencyMs: z.number().min(0).max(10_000),
  /** @default 0 */
  jitterMs: z.number().min(0).max(10_000).default(0),
});

const serviceSchema = z.strictObject({
  /** The application, e.g. user-service. */
  app: z.string().min(1),
  /** The name it registers in Nacos (the runbook's strategy 2 uses user-service-south). */
  nacosService: z.string().min(1),
  /** The Nacos group it registers in (a McpBridge registry's nacosGroups). @default DEFAULT_GROUP */
  nacosGroup: z.string().min(1).default('DEFAULT_GROUP'),
  /** The Nacos namespace id it registers in (a McpBridge registry's nacosNamespaceId). @default public */
  nacosNamespace: z.string().min(1).default('public'),
  instances: z.array(hostPort).min(1),
});

const regionSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-case letters, digits and hyphens'),
  /**
   * More metadata every business instance of the region registers with, beside
   * `region: <name>` (e.g. an `area` shared by neighbouring regions, for tiered
   * failover priorities); a scenario's gatewayPodLabels may name them as "{<key>}". @default {}
   */
  labels: z.record(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'a label key, e.g. area'), z.string()).default({}),
  middleware: z.strictObject({
    nacos: z.strictObject({
      address: loopbackIp,
      port: port.default(8848),
      /** Names that resolve to this Nacos from anywhere (a McpBridge registry's domain). */
      dns: z.array(z.string()).default([]),
      /** Names that resolve to it only from its own middleware cluster (cluster DNS). */
      clusterDns: z.array(z.string()).default(['nacos.higress-system.svc.cluster.local']),
    }),
    /** The region's entry: a Toxiproxy listener (the client → LB link) in front of HAProxy. */
    entry: z.strictObject({ address: loopbackIp, port }),
    lb: z.strictObject({ address: loopbackIp, port }),
    gateways: z.array(z.strictObject({ address: loopbackIp })).min(1),
    /**
     * Kubernetes Services the region's gateways see (Ingress and HTTPRoute backends
     * that are not Nacos services): `svc.ns[:port]` → business instance addresses.
     * Written to the gateway config's `services`. @default {}
     */
    services: z.record(z.string().regex(/^[a-z0-9][a-z0-9.-]*(:\d{1,5})?$/, 'write svc.namespace[:port], e.g. backend-service.default:8080'), z.array(hostPort).min(1)).default({}),
  }),
  business: z.strictObject({
    services: z.array(serviceSchema).min(1),
    fallback: serviceSchema.optional(),
  }),
});

export const topologySchema = z
  .strictObject({
    name: z.string().min(1),
    /** Higress version profile; a scenario may override it. */
    higress: higressVersion.default('2.1'),
    /**
     * How business services register: grpc (as the runbook's Spring Cloud Alibaba
     * services do on Nacos 2.x: a closed connection removes the instance at once, a
     * silent one after ~20–28 s) or http-v1 (the npm nacos client with client beats, as
     * Nacos 1.x clients do: a dead instance leaves ~30 s after its last beat). @default grpc
     */
    registration: z.enum(['http-v1', 'grpc']).default('grpc'),
    /**
     * The gateways' data plane: real Envoy, region-lab's model, or auto (Envoy where its
     * binary is installed, else the model). @default auto
     */
    dataPlane: dataPlaneChoice.default('auto'),
    /**
     * Manifests the platform applies with Higress in every middleware cluster, loaded
     * after the McpBridge and before any scenario's: the Gateways HTTPRoutes attach to
     * (the runbook defines none). @default []
     */
    platformManifests: z.array(z.string().min(1)).default([]),
    discovery: z.strictObject({
      /** synced: NacosSync-style agent copies S⇄N, each gateway reads its own Nacos; multi-registry: each McpBridge lists both. */
      mode: z.enum(['synced', 'multi-registry']),
      /** The McpBridge the gateways load for this mode. */
      mcpbridge: z.string().min(1),
      /** How often the sync agent re-reads a source service (NacosSync reacts to pushes; see docs). @default 1s */
      syncPollMs: z.number().int().min(100).default(1000),
    }),
    gateway: z
      .strictObject({
        /** Ports of every gateway instance (each on its own address). */
        port: port.default(8080),
        /** Envoy admin (routes, clusters, endpoints, metrics). */
        adminPort: port.default(15000),
        /** Envoy/Istio readiness port, /healthz/ready. */
        healthPort: port.default(15021),
        /** The region's Higress controller admin (on the region's load balancer address). @default 15014 */
        controllerPort: port.default(15014),
        /** How often discovery re-reads instances, standing in for Nacos's gRPC push. @default 500 */
        pushPollMs: z.number().int().min(50).default(500),
        /** How gateways learn instance changes: grpc (subscription push, as Higress's nacos2 watcher) or http (polling every pushPollMs). @default http */
        discoveryProtocol: z.enum(['http', 'grpc']).default('http'),
      })
      .prefault({}),
    lb: z
      .strictObject({
        /** HAProxy `inter`, `fall`, `rise` for the gateways' /healthz/ready check. */
        checkInterMs: z.number().int().min(100).default(1000),
        fall: z.number().int().min(1).default(2),
        rise: z.number().int().min(1).default(2),
      })
      .prefault({}),
    links: z.strictObject({
      entry: linkLatency,
      /** Middleware ↔ business cluster in one region (RUNBOOK §4: +5–10 ms). */
      sameRegionCrossCluster: linkLatency,
      /** Across regions (RUNBOOK §4: +30–50 ms). */
      crossRegion: linkLatency,
      /**
       * Pairs of regions whose links differ from crossRegion, both directions: a nearby
       * region (RUNBOOK §2 tiered weights: local / nearby / remote). @default []
       */
      regionPairs: z.array(linkLatency.extend({ between: z.tuple([z.string(), z.string()]) })).default([]),
    }),
    toxiproxy: z.strictObject({
      address: loopbackIp,
      port,
      /**
       * Links to a Nacos listen on fixed ports from here up, each with a twin 1,000 ports
       * higher for Nacos's gRPC port (clients dial HTTP port + 1000).
       * @default 28100
       */
      // below Linux's ephemeral range (32768+), where Toxiproxy's own ephemeral listeners would collide
      nacosLinkPortBase: port.max(30000, 'keep it at most 30000: the gRPC twins sit 1000 higher and must stay below the ephemeral port range (32768+)').default(28100),
    }),
    regions: z.array(regionSchema).min(1),
  })
  .superRefine((t, ctx) => {
    const seen = new Map<string, string>();
    const claim = (addr: string, what: string, path: (string | number)[]) => {
      const prev = seen.get(addr);
      if (prev) ctx.addIssue({ code: 'custom', path, message: `${addr} is already used by ${prev}; give ${what} its own address or port` });
      else seen.set(addr, what);
    };
    const names = new Set<string>();
    t.regions.forEach((r, i) => {
      if (names.has(r.name)) ctx.addIssue({ code: 'custom', path: ['regions', i, 'name'], message: `region "${r.name}" is listed twice` });
      names.add(r.name);
      const mw = r.middleware;
      claim(`${mw.nacos.address}:${mw.nacos.port}`, nacosName(r.name), ['regions', i, 'middleware', 'nacos']);
      claim(`${mw.entry.address}:${mw.entry.port}`, entryName(r.name), ['regions', i, 'middleware', 'entry']);
      claim(`${mw.lb.address}:${mw.lb.port}`, lbName(r.name), ['regions', i, 'middleware', 'lb']);
      mw.gateways.forEach((g, j) => claim(`${g.address}:${t.gateway.port}`, `gateway ${j + 1} of ${r.name}`, ['regions', i, 'middleware', 'gateways', j]));
      const svcs = [...r.business.services, ...(r.business.fallback ? [r.business.fallback] : [])];
      svcs.forEach((s, j) => s.instances.forEach((a, k) => claim(a, `${s.nacosService} instance ${k + 1}`, ['regions', i, 'business', 'services', j, 'instances', k])));
    });
    const regionNames = new Set(t.regions.map((r) => r.name));
    t.links.regionPairs.forEach((p, i) =>
      p.between.forEach((name, j) => {
        if (!regionNames.has(name)) ctx.addIssue({ code: 'custom', path: ['links', 'regionPairs', i, 'between', j], message: `no region "${name}"; known: ${[...regionNames].join(', ')}` });
      }),
    );
    // a Service endpoint must be a business instance: only those are started and linked
    const instances = new Set(t.regions.flatMap((r) => [...r.business.services, ...(r.business.fallback ? [r.business.fallback] : [])].flatMap((s) => s.instances)));
    t.regions.forEach((r, i) =>
      Object.entries(r.middleware.services).forEach(([svc, addrs]) =>
        addrs.forEach((a, k) => {
          if (!instances.has(a)) ctx.addIssue({ code: 'custom', path: ['regions', i, 'middleware', 'services', svc, k], message: `${a} is no business instance of the topology; list an instance address` });
        }),
      ),
    );
  });

export type Topology = z.output<typeof topologySchema>;

/** Nacos metadata of a region's business instances: its labels, and region last (it cannot be overridden). */
export function instanceMetadata(r: Pick<RegionSpec, 'name' | 'labels'>): Record<string, string> {
  return { ...r.labels, region: r.name };
}

/** A gatewayPodLabels value for a region's gateways: "{region}" and "{<label key>}" filled in. */
export function fillRegionPlaceholders(value: string, r: Pick<RegionSpec, 'name' | 'labels'>): string {
  return value.replace(/\{([^{}]+)\}/g, (m, key: string) => (key === 'region' ? r.name : (r.labels[key] ?? m)));
}

/** The latency of links between two regions' clusters: same region, a listed pair, or crossRegion. */
export function latencyBetween(t: Pick<Topology, 'links'>, a: string, b: string): { latencyMs: number; jitterMs: number } {
  if (a === b) return t.links.sameRegionCrossCluster;
  const pair = t.links.regionPairs.find((p) => (p.between[0] === a && p.between[1] === b) || (p.between[0] === b && p.between[1] === a));
  return pair ? { latencyMs: pair.latencyMs, jitterMs: pair.jitterMs } : t.links.crossRegion;
}
export type RegionSpec = Topology['regions'][number];
export type ServiceSpec = z.output<typeof serviceSchema>;
export type HigressVersion = z.output<typeof higressVersion>;

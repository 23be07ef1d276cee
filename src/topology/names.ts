// The one home of the names region-lab gives the topology's parts: clusters
// (mw-<region>, biz-<region>), components (nacos-<region>, higress-controller-<region>, gw-<region>-<n>,
// <app>-<region>-<n>, lb-<region>, nacos-sync) and links (<from>_to_<to>…). Targets,
// verdicts (retry counting), reports and lint build and read names only through here.

/** The middleware cluster of a region: Higress, Nacos, the entry. */
export const mwCluster = (region: string): string => `mw-${region}`;
/** The business cluster of a region: the demo services. */
export const bizCluster = (region: string): string => `biz-${region}`;
/** A region's Nacos server. */
export const nacosName = (region: string): string => `nacos-${region}`;
/** A region's L4 load balancer in front of its gateways. */
export const lbName = (region: string): string => `lb-${region}`;
/** A region's entry listener (the client → LB link). */
export const entryName = (region: string): string => `entry-${region}`;
/** A region's Higress controller: translation and discovery for the region's gateways. */
export const controllerName = (region: string): string => `higress-controller-${region}`;
/** Gateway instance n (1-based) of a region. */
export const gatewayName = (region: string, n: number): string => `gw-${region}-${n}`;
/** Business instance n (1-based) of an app in a region, e.g. user-service-south-1. */
export const instanceName = (app: string, region: string, n: number): string => `${app}-${region}-${n}`;
/** The registry sync agent (NacosSync behaviour), one for the whole topology. */
export const SYNC_AGENT = 'nacos-sync';
/** Where entry links come from. */
export const CLIENT = 'client';
/** Events region-lab itself emits (faults applied and healed) carry this source. */
export const ORCHESTRATOR = 'region-lab';

/** A business cluster name as the scenario schema accepts it. */
export const BIZ_CLUSTER_PATTERN = /^biz-[a-z][a-z0-9-]*$/;

/** The region of a business cluster name (biz-south → south), or undefined. */
export function regionOfBizCluster(cluster: string): string | undefined {
  return BIZ_CLUSTER_PATTERN.test(cluster) ? cluster.slice('biz-'.length) : undefined;
}

/** True for the name of any gateway instance (gw-<region>-<n>). */
export const isGatewayName = (name: string): boolean => /^gw-[a-z][a-z0-9-]*-\d+$/.test(name);

/** True for a gateway instance of this region: not a prefix test, since "south" is a prefix of "south-east". */
export const isGatewayOf = (region: string, name: string): boolean => isGatewayName(name) && name.slice(0, name.lastIndexOf('-')) === `gw-${region}`;

/** Link names: one Toxiproxy proxy (locally) or one proxy in a middleware cluster (kind) each. */
export const linkName = {
  entry: (region: string): string => `${CLIENT}_to_${mwCluster(region)}`,
  registration: (region: string): string => `${bizCluster(region)}_to_${nacosName(region)}`,
  /** From a middleware cluster's gateways to one business instance (its topology address). */
  data: (gatewayRegion: string, instanceRegion: string, address: string): string => `${mwCluster(gatewayRegion)}_to_${bizCluster(instanceRegion)}_${address.replace(/:/g, '_')}`,
  discovery: (gatewayRegion: string, nacosRegion: string): string => `${mwCluster(gatewayRegion)}_to_${nacosName(nacosRegion)}`,
  sync: (region: string): string => `${SYNC_AGENT}_to_${nacosName(region)}`,
  /** The twin of a link to a Nacos that carries its gRPC port (HTTP port + 1000). */
  grpcTwin: (name: string): string => `${name}_grpc`,
} as const;

/** True for a link that ends at a Nacos server (and so gets a gRPC twin). */
export const endsAtNacos = (link: string): boolean => /_to_nacos-[a-z0-9-]+$/.test(link);

// What a gateway instance's data plane is configured with: Envoy v3 resources in
// the proto3 JSON mapping, as the translation writes them and either data plane
// (real Envoy, or the model) reads them.

/** A v3 resource as JSON ("@type" is added by whoever wraps it in a DiscoveryResponse). */
export type EnvoyResource = { readonly [k: string]: unknown };

export interface XdsSnapshot {
  readonly version: string;
  /** envoy.config.listener.v3.Listener */
  readonly listeners: readonly EnvoyResource[];
  /** envoy.config.route.v3.RouteConfiguration, named as the listeners' RDS names them */
  readonly routeConfigs: readonly EnvoyResource[];
  /** envoy.config.cluster.v3.Cluster */
  readonly clusters: readonly EnvoyResource[];
  /** envoy.config.endpoint.v3.ClusterLoadAssignment, one per EDS cluster (`cluster_name`) */
  readonly loadAssignments: readonly EnvoyResource[];
}

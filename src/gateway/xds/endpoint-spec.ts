// One endpoint of a service as the control plane knows it (an Istio workload entry
// from a ServiceEntry or a Kubernetes Endpoints): what discovery produces and what
// a ClusterLoadAssignment's lb_endpoint carries.

export interface EndpointSpec {
  /** ip:port as registered. */
  readonly address: string;
  readonly weight: number;
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * Where discovery puts each service host's endpoints (the ServiceEntry store): the
 * data plane's clusters, or the control plane that turns them into EDS.
 */
export interface EndpointSink {
  apply(host: string, endpoints: readonly EndpointSpec[]): void;
  remove(host: string, reason: string): void;
  /** How many endpoints the host has now; undefined when the host is unknown. */
  count(host: string): number | undefined;
}

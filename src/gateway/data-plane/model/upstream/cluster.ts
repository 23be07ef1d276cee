// Clusters as Envoy holds them: one cluster per service host, its endpoints
// (endpoint.ts), its policy and stats, and the manager that follows discovery.
import { DEFAULT_CLUSTER_POLICY, type ClusterPolicy } from '../../../xds/cluster-policy.js';
import { Endpoint } from './endpoint.js';
import type { EndpointSink, EndpointSpec } from '../../../xds/endpoint-spec.js';
import type { EventSink } from '../../../events.js';
import { PLAIN_HTTP1, type UpstreamTransport } from './upstream-transport.js';

export { Endpoint, healthEpoch, UPSTREAM_IDLE_TIMEOUT_MS, type EndpointSpec, type HealthState } from './endpoint.js';

export interface ClusterStats {
  /** Per attempt: upstream status, or the local code charged for a reset (Envoy upstream_rq_<code>). */
  readonly upstreamRq: Map<number, number>;
  retries: number;
  connectFailures: number;
}

/** An endpoint as EDS gives it to the model: the registered address, and what to dial and its priority. */
export interface ModelEndpointSpec extends EndpointSpec {
  /** ip:port to connect to. @default the address, through the manager's dialFor */
  readonly dial?: string;
  /** EDS priority. @default 0 */
  readonly priority?: number;
}

export class Cluster {
  endpoints: Endpoint[] = [];
  /** The load assignment's overprovisioning factor in percent (Envoy's default 140). */
  overprovisioningFactor = 140;
  /** What the cluster was configured from (CDS), to tell an update from a repeat. */
  signature = '';
  /** Bumped on any change that must rebuild load-balancer state. */
  version = 0;
  readonly stats: ClusterStats = { upstreamRq: new Map(), retries: 0, connectFailures: 0 };
  /** Envoy no_traffic_interval applies until the first request. */
  hadTraffic = false;
  /** HTTP version and TLS towards every host, fixed when the cluster is created. */
  transport: UpstreamTransport = PLAIN_HTTP1;
  /** Set when the policy has outlier detection: every attempt's outcome is reported to it. */
  outlier: { report(ep: Endpoint, status: number): void } | undefined;
  constructor(
    readonly name: string,
    public policy: ClusterPolicy = DEFAULT_CLUSTER_POLICY,
  ) {}

  /**
   * Removes a host EDS had already dropped, once active health checking fails it (Envoy
   * EdsClusterImpl::reloadHealthyHostsHelper). False when the host is not pending removal.
   */
  dropPendingHost(ep: Endpoint): boolean {
    if (!ep.pendingRemoval || !this.endpoints.includes(ep)) return false;
    this.endpoints = this.endpoints.filter((e) => e !== ep);
    ep.retire();
    this.version++;
    return true;
  }

  healthyCount(): number {
    let n = 0;
    for (const e of this.endpoints) if (e.health === 'healthy') n++;
    return n;
  }
}

/** Per-cluster machinery that follows endpoint changes (outlier detector, health checker, priorities). */
export interface ClusterHooks {
  onCreate?(cluster: Cluster): void;
  onEndpoints?(cluster: Cluster, added: readonly Endpoint[], removed: readonly Endpoint[]): void;
  /**
   * Whether a host EDS dropped stays until active health checking fails it: Envoy keeps it
   * when the cluster has health checks, ignore_health_on_host_removal is false (Istio's and
   * Higress's default) and the host is not already failing them.
   */
  keepsRemovedHost?(cluster: Cluster, ep: Endpoint): boolean;
  onRemove?(cluster: Cluster): void;
}

export class ClusterManager implements EndpointSink {
  private readonly clusters = new Map<string, Cluster>();
  constructor(
    private readonly dialFor: (address: string) => string,
    private readonly emit: EventSink,
    /** The policy for a cluster name (by its service host). */
    private readonly policyFor: (name: string) => ClusterPolicy = () => DEFAULT_CLUSTER_POLICY,
    private readonly hooks: ClusterHooks = {},
    /** Protocol and TLS for a cluster's policy (the Secrets are read here). */
    private readonly transportFor: (policy: ClusterPolicy) => UpstreamTransport = () => PLAIN_HTTP1,
  ) {}

  get(name: string): Cluster | undefined {
    return this.clusters.get(name);
  }

  count(name: string): number | undefined {
    return this.clusters.get(name)?.endpoints.length;
  }

  all(): Cluster[] {
    return [...this.clusters.values()];
  }

  /**
   * CDS for one cluster: creates it, or when its config changed replaces it (Envoy
   * builds a new cluster: outlier and health state start over, endpoints are kept).
   */
  configure(name: string, policy: ClusterPolicy, transport: UpstreamTransport, signature: string): Cluster {
    const old = this.clusters.get(name);
    if (old && old.signature === signature) return old;
    // the new cluster starts from what EDS lists: a host kept pending removal is not carried over
    const endpoints = old?.endpoints.filter((e) => !e.pendingRemoval).map((e) => ({ address: e.address, dial: e.dial, weight: e.weight, labels: e.labels, priority: e.priority })) ?? [];
    if (old) this.remove(name, 'cluster configuration changed');
    const cluster = this.create(name, policy, transport, endpoints.length);
    cluster.signature = signature;
    if (endpoints.length > 0) this.apply(name, endpoints);
    return cluster;
  }

  private create(name: string, policy: ClusterPolicy, transport: UpstreamTransport, endpoints: number): Cluster {
    const cluster = new Cluster(name, policy);
    cluster.transport = transport;
    this.clusters.set(name, cluster);
    this.emit({ kind: 'cluster-added', cluster: name, endpoints });
    this.hooks.onCreate?.(cluster);
    return cluster;
  }

  /** Sets a cluster's endpoints (EDS, or a ServiceEntry update), creating the cluster if new. */
  apply(name: string, specs: readonly ModelEndpointSpec[]): void {
    let cluster = this.clusters.get(name);
    if (!cluster) {
      const policy = this.policyFor(name);
      cluster = this.create(name, policy, this.transportFor(policy), specs.length);
    }
    const wanted = new Map(specs.map((s) => [s.address, s]));
    const next: Endpoint[] = [];
    const added: Endpoint[] = [];
    const removed: Endpoint[] = [];
    for (const ep of cluster.endpoints) {
      const spec = wanted.get(ep.address);
      if (!spec) {
        if (this.hooks.keepsRemovedHost?.(cluster, ep)) {
          ep.pendingRemoval = true;
          next.push(ep);
          continue;
        }
        ep.retire();
        removed.push(ep);
        this.emit({ kind: 'endpoint-removed', cluster: name, address: ep.address });
        continue;
      }
      ep.pendingRemoval = false;
      ep.weight = spec.weight;
      ep.labels = spec.labels;
      ep.priority = spec.priority ?? 0;
      wanted.delete(ep.address);
      next.push(ep);
    }
    for (const spec of wanted.values()) {
      const ep = new Endpoint(spec, spec.dial ?? this.dialFor(spec.address), cluster.transport);
      ep.priority = spec.priority ?? 0;
      next.push(ep);
      added.push(ep);
      this.emit({ kind: 'endpoint-added', cluster: name, address: spec.address, weight: spec.weight, labels: { ...spec.labels } });
    }
    cluster.endpoints = next;
    cluster.version++;
    this.hooks.onEndpoints?.(cluster, added, removed);
  }

  remove(name: string, reason: string): void {
    const cluster = this.clusters.get(name);
    if (!cluster) return;
    for (const ep of cluster.endpoints) ep.retire();
    this.clusters.delete(name);
    this.hooks.onRemove?.(cluster);
    this.emit({ kind: 'cluster-removed', cluster: name, reason });
  }

  /** Closes every pool (gateway shutdown). */
  destroy(): void {
    for (const c of this.clusters.values()) {
      this.hooks.onRemove?.(c);
      for (const ep of c.endpoints) ep.closePool();
    }
  }
}

// Clusters and endpoints as Envoy holds them: one cluster per service host, each
// endpoint with its labels, LB weight, health state and active request count, and
// its own keep-alive connection pool (an http.Agent, https.Agent or HTTP/2
// sessions, per the cluster's transport) to the dialled address.
import { Agent } from 'node:http';
import { Agent as TlsAgent } from 'node:https';
import { DEFAULT_CLUSTER_POLICY, type ClusterPolicy } from './cluster-policy.js';
import type { EventSink } from './events.js';
import { H2Pool } from './upstream-h2.js';
import { PLAIN_HTTP1, type UpstreamTransport } from './upstream-transport.js';

/** Healthy unless outlier detection ejected the host or active health checking failed it. */
export type HealthState = 'healthy' | 'unhealthy';

/** Bumped on any host health change, so cached load-balancer views know to rebuild. */
export const healthEpoch = { value: 0 };

export interface EndpointSpec {
  /** ip:port as registered. */
  readonly address: string;
  readonly weight: number;
  readonly labels: Readonly<Record<string, string>>;
}

/** Upstream idle timeout: Higress upstream.idleTimeout, 10 s (configmap/global.go). */
export const UPSTREAM_IDLE_TIMEOUT_MS = 10_000;

export class Endpoint {
  readonly address: string;
  /** Envoy FAILED_OUTLIER_CHECK. */
  private ejectedFlag = false;
  /** Envoy FAILED_ACTIVE_HC. */
  private hcFailedFlag = false;
  activeRequests = 0;
  /** Priority from locality / failoverPriority (0 when no failover policy applies). */
  priority = 0;
  weight: number;
  labels: Readonly<Record<string, string>>;
  /** EDF deadline for the weighted least-request balancer. */
  lbDeadline = 0;
  readonly dialHost: string;
  readonly dialPort: number;
  readonly agent: Agent;
  /** HTTP/2 sessions when the cluster speaks h2 (backend-protocol HTTP2/GRPC/GRPCS). */
  readonly h2: H2Pool | undefined;
  private removed = false;

  constructor(
    spec: EndpointSpec,
    /** ip:port actually dialled (a Toxiproxy listener, or the address itself). */
    readonly dial: string,
    readonly transport: UpstreamTransport = PLAIN_HTTP1,
  ) {
    this.weight = spec.weight;
    this.labels = spec.labels;
    const i = dial.lastIndexOf(':');
    this.dialHost = dial.slice(0, i);
    this.dialPort = Number(dial.slice(i + 1));
    this.address = spec.address;
    // timeout only closes idle pooled sockets; an active request is never cut (no route timeout)
    const pool = { keepAlive: true, timeout: UPSTREAM_IDLE_TIMEOUT_MS, scheduling: 'lifo' } as const;
    this.agent = transport.tls ? new TlsAgent(pool) : new Agent(pool);
    this.h2 = transport.h2 ? new H2Pool(UPSTREAM_IDLE_TIMEOUT_MS) : undefined;
  }

  /** Closes the connection pool (idle and in use). */
  closePool(): void {
    this.agent.destroy();
    this.h2?.close();
  }

  get health(): HealthState {
    return this.ejectedFlag || this.hcFailedFlag ? 'unhealthy' : 'healthy';
  }

  /** Tests and tools: force the active-HC flag. */
  set health(v: HealthState) {
    this.activeHcFailed = v === 'unhealthy';
  }

  get ejected(): boolean {
    return this.ejectedFlag;
  }

  set ejected(v: boolean) {
    if (v !== this.ejectedFlag) (this.ejectedFlag = v), healthEpoch.value++;
  }

  get activeHcFailed(): boolean {
    return this.hcFailedFlag;
  }

  set activeHcFailed(v: boolean) {
    if (v !== this.hcFailedFlag) (this.hcFailedFlag = v), healthEpoch.value++;
  }

  get isRemoved(): boolean {
    return this.removed;
  }

  /** Called when a request on this endpoint ends. */
  release(): void {
    this.activeRequests--;
    if (this.removed && this.activeRequests === 0) this.closePool();
  }

  /** Envoy drains a removed host: in-flight requests finish, then the pool closes. */
  retire(): void {
    this.removed = true;
    if (this.activeRequests === 0) this.closePool();
  }
}

export interface ClusterStats {
  /** Per attempt: upstream status, or the local code charged for a reset (Envoy upstream_rq_<code>). */
  readonly upstreamRq: Map<number, number>;
  retries: number;
  connectFailures: number;
}

export class Cluster {
  endpoints: Endpoint[] = [];
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
  onRemove?(cluster: Cluster): void;
}

export class ClusterManager {
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

  all(): Cluster[] {
    return [...this.clusters.values()];
  }

  /** Sets a cluster's endpoints (a ServiceEntry update), creating the cluster if new. */
  apply(name: string, specs: readonly EndpointSpec[]): void {
    let cluster = this.clusters.get(name);
    if (!cluster) {
      cluster = new Cluster(name, this.policyFor(name));
      cluster.transport = this.transportFor(cluster.policy);
      this.clusters.set(name, cluster);
      this.emit({ kind: 'cluster-added', cluster: name, endpoints: specs.length });
      this.hooks.onCreate?.(cluster);
    }
    const wanted = new Map(specs.map((s) => [s.address, s]));
    const next: Endpoint[] = [];
    const added: Endpoint[] = [];
    const removed: Endpoint[] = [];
    for (const ep of cluster.endpoints) {
      const spec = wanted.get(ep.address);
      if (!spec) {
        ep.retire();
        removed.push(ep);
        this.emit({ kind: 'endpoint-removed', cluster: name, address: ep.address });
        continue;
      }
      ep.weight = spec.weight;
      ep.labels = spec.labels;
      wanted.delete(ep.address);
      next.push(ep);
    }
    for (const spec of wanted.values()) {
      const ep = new Endpoint(spec, this.dialFor(spec.address), cluster.transport);
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

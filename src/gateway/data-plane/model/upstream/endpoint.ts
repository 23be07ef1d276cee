// An endpoint as Envoy holds it: address, labels, LB weight, health state, active
// request count, and its own keep-alive connection pool (an http.Agent, https.Agent or
// HTTP/2 sessions, per the cluster's transport) to the dialled address.
import { Agent } from 'node:http';
import { Agent as TlsAgent } from 'node:https';
import { H2Pool } from './h2-pool.js';
import { PLAIN_HTTP1, type UpstreamTransport } from './upstream-transport.js';
import type { EndpointSpec } from '../../../xds/endpoint-spec.js';

export type { EndpointSpec } from '../../../xds/endpoint-spec.js';

/** Healthy unless outlier detection ejected the host or active health checking failed it. */
export type HealthState = 'healthy' | 'unhealthy';

/** Bumped on any host health change, so cached load-balancer views know to rebuild. */
export const healthEpoch = { value: 0 };

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
  /**
   * Envoy PENDING_DYNAMIC_REMOVAL: EDS no longer lists the host, but active health checking
   * still passes it, so Envoy keeps it (and sends it traffic) until a check fails it.
   */
  pendingRemoval = false;
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

// Envoy's active HTTP health checker for a cluster whose EnvoyFilter MERGEs
// health_checks (Higress/Istio have no other API for it). A new host starts as
// FAILED_ACTIVE_HC and one success makes it healthy; after that
// unhealthy_threshold failures (timeouts, connect errors) mark it unhealthy, but an
// unexpected HTTP status does so at once; healthy_threshold successes bring it back.
// no_traffic_interval applies until the cluster has served a request. A host EDS has
// dropped but this checker still passes stays in the cluster (endpoint pendingRemoval)
// until a check fails it; then onPendingFailed removes it.
import { Agent, request } from 'node:http';
import type { Cluster, Endpoint } from '../upstream/cluster.js';
import type { HealthCheckPolicy } from '../../../xds/cluster-policy.js';
import type { EventSink } from '../../../events.js';

interface HostState {
  timer?: NodeJS.Timeout;
  successes: number;
  failures: number;
  checked: boolean;
}

export class ActiveHealthChecker {
  private readonly hosts = new Map<Endpoint, HostState>();
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  private stopped = false;

  constructor(
    private readonly cluster: Cluster,
    private readonly policy: HealthCheckPolicy,
    private readonly emit: EventSink,
    /** Called when a host pending removal fails active health checking. */
    private readonly onPendingFailed: (ep: Endpoint) => void = () => {},
  ) {}

  /** Follows endpoint changes: new hosts start failed and are checked at once; removed ones stop. */
  sync(added: readonly Endpoint[], removed: readonly Endpoint[]): void {
    for (const ep of removed) {
      clearTimeout(this.hosts.get(ep)?.timer);
      this.hosts.delete(ep);
    }
    for (const ep of added) {
      ep.activeHcFailed = true;
      const st: HostState = { successes: 0, failures: 0, checked: false };
      this.hosts.set(ep, st);
      this.check(ep, st);
    }
  }

  private schedule(ep: Endpoint, st: HostState): void {
    if (this.stopped || !this.hosts.has(ep)) return;
    const p = this.policy;
    const ms = !this.cluster.hadTraffic ? p.noTrafficIntervalMs : ep.activeHcFailed ? p.unhealthyIntervalMs : p.intervalMs;
    st.timer = setTimeout(() => this.check(ep, st), ms);
    st.timer.unref();
  }

  private check(ep: Endpoint, st: HostState): void {
    const p = this.policy;
    let done = false;
    const finish = (ok: boolean, immediate: boolean, why: string) => {
      if (done) return;
      done = true;
      this.outcome(ep, st, ok, immediate, why);
      this.schedule(ep, st);
    };
    const req = request({ agent: this.agent, host: ep.dialHost, port: ep.dialPort, path: p.path, method: 'GET', headers: { host: p.host ?? this.cluster.name, 'user-agent': 'Envoy/HC' } }, (res) => {
      const code = res.statusCode ?? 0;
      res.resume();
      const ok = p.expectedStatuses.some(([from, to]) => code >= from && code < to);
      finish(ok, !ok, `health check answered ${code}`);
    });
    req.setTimeout(p.timeoutMs, () => {
      req.destroy();
      finish(false, false, `health check timed out after ${p.timeoutMs} ms`);
    });
    req.on('error', (e: NodeJS.ErrnoException) => finish(false, false, `health check failed: ${e.code ?? e.message}`));
    req.end();
  }

  private outcome(ep: Endpoint, st: HostState, ok: boolean, immediate: boolean, why: string): void {
    const first = !st.checked;
    st.checked = true;
    if (ok) {
      st.failures = 0;
      st.successes++;
      if (ep.activeHcFailed && (first || st.successes >= this.policy.healthyThreshold)) {
        ep.activeHcFailed = false;
        this.emit({ kind: 'host-returned', cluster: this.cluster.name, host: ep.address, by: 'active-health-check' });
      }
      return;
    }
    st.successes = 0;
    st.failures++;
    if (!ep.activeHcFailed && (immediate || st.failures >= this.policy.unhealthyThreshold)) {
      ep.activeHcFailed = true;
      this.emit({ kind: 'host-ejected', cluster: this.cluster.name, host: ep.address, by: 'active-health-check', reason: why });
      if (ep.pendingRemoval) this.onPendingFailed(ep);
    }
  }

  stop(): void {
    this.stopped = true;
    for (const st of this.hosts.values()) clearTimeout(st.timer);
    this.agent.destroy();
  }
}

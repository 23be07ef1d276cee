// Envoy's outlier detection (passive health checking) with the fields Istio's
// applyOutlierDetection writes: consecutive 5xx (enforcing 100) and consecutive
// gateway failures (enforcing only when the DR sets them); local-origin failures
// (connect errors) count as 5xx since split_external_local_origin_errors is false.
// Ejection lasts base_ejection_time × times ejected (capped by max_ejection_time),
// checked on every interval tick. max_ejection_percent as the profile's Envoy reads
// it: 1.27 ejects while fewer than max% are ejected (so the first ejection always
// passes); 1.28+ only if the share ejected after it stays within max%.
import type { Cluster, Endpoint } from '../upstream/cluster.js';
import type { OutlierDetectionPolicy } from '../../../xds/cluster-policy.js';
import type { EventSink } from '../../../events.js';

interface HostState {
  consecutive5xx: number;
  consecutiveGateway: number;
  ejections: number;
  ejectedAt: number;
}

export class OutlierDetector {
  private readonly state = new WeakMap<Endpoint, HostState>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly cluster: Cluster,
    private readonly policy: OutlierDetectionPolicy,
    private readonly emit: EventSink,
    private readonly envoyMinor: '1.27' | '1.36' = '1.36',
    private readonly now: () => number = Date.now,
  ) {
    this.timer = setInterval(() => this.onInterval(), policy.intervalMs);
    this.timer.unref();
  }

  private stateOf(ep: Endpoint): HostState {
    let s = this.state.get(ep);
    if (!s) this.state.set(ep, (s = { consecutive5xx: 0, consecutiveGateway: 0, ejections: 0, ejectedAt: 0 }));
    return s;
  }

  /** One attempt's outcome: the upstream status, or 503 for a local-origin failure (connect error, reset). */
  report(ep: Endpoint, status: number): void {
    const s = this.stateOf(ep);
    if (status >= 500) s.consecutive5xx++;
    else s.consecutive5xx = 0;
    if (status >= 502 && status <= 504) s.consecutiveGateway++;
    else s.consecutiveGateway = 0;
    if (ep.ejected) return;
    const p = this.policy;
    if (p.consecutiveGatewayFailure && s.consecutiveGateway >= p.consecutiveGatewayFailure) this.eject(ep, s, `${s.consecutiveGateway} consecutive gateway errors`);
    else if (p.consecutive5xx > 0 && s.consecutive5xx >= p.consecutive5xx) this.eject(ep, s, `${s.consecutive5xx} consecutive 5xx`);
  }

  private eject(ep: Endpoint, s: HostState, reason: string): void {
    const total = this.cluster.endpoints.length;
    let ejected = 0;
    for (const e of this.cluster.endpoints) if (e.ejected) ejected++;
    const max = Math.min(100, this.policy.maxEjectionPercent);
    // DetectorImpl::ejectHost: 1.27 compares the share ejected now (<), 1.28+ the share after (<=)
    const allowed = this.envoyMinor === '1.27' ? (100 * ejected) / total < max : (100 * (ejected + 1)) / total <= max;
    if (!allowed) return void this.emit({ kind: 'ejection-overflow', cluster: this.cluster.name, host: ep.address, reason, ejected, hosts: total, maxEjectionPercent: max });
    s.ejections++;
    s.ejectedAt = this.now();
    s.consecutive5xx = 0;
    s.consecutiveGateway = 0;
    ep.ejected = true;
    this.emit({ kind: 'host-ejected', cluster: this.cluster.name, host: ep.address, by: 'outlier-detection', reason, ejections: s.ejections, ejectionMs: this.ejectionMs(s) });
  }

  private ejectionMs(s: HostState): number {
    return Math.min(this.policy.baseEjectionTimeMs * s.ejections, Math.max(this.policy.baseEjectionTimeMs, this.policy.maxEjectionTimeMs));
  }

  /** The interval timer: un-eject hosts whose time is up; healthy hosts slowly forget past ejections. */
  onInterval(): void {
    const t = this.now();
    for (const ep of this.cluster.endpoints) {
      const s = this.state.get(ep);
      if (!s) continue;
      if (ep.ejected) {
        if (t - s.ejectedAt >= this.ejectionMs(s)) {
          ep.ejected = false;
          this.emit({ kind: 'host-returned', cluster: this.cluster.name, host: ep.address, by: 'outlier-detection' });
        }
      } else if (s.ejections > 0) s.ejections--;
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

// Keeps each cluster's policy machinery in step with its endpoints: an outlier
// detector and an active health checker when the policy asks for them. Plugged into
// the ClusterManager as its hooks. (Priorities come with the endpoints, from EDS.)
import type { Cluster, ClusterHooks, Endpoint } from './upstream/cluster.js';
import type { EventSink } from '../../events.js';
import { ActiveHealthChecker } from './health/health-check.js';
import { OutlierDetector } from './outlier-detection/outlier.js';

export interface ClusterMachinery {
  readonly outlier?: OutlierDetector;
  readonly healthChecker?: ActiveHealthChecker;
}

export class TrafficPolicies implements ClusterHooks {
  private readonly machinery = new Map<Cluster, ClusterMachinery>();

  constructor(
    private readonly emit: EventSink,
    /** Which Envoy's rules the detectors follow (the profile's Envoy). @default '1.36' */
    private readonly envoyMinor: '1.27' | '1.36' = '1.36',
  ) {}

  of(cluster: Cluster): ClusterMachinery | undefined {
    return this.machinery.get(cluster);
  }

  onCreate(cluster: Cluster): void {
    const p = cluster.policy;
    if (!p.outlierDetection && !p.healthCheck) return;
    const outlier = p.outlierDetection ? new OutlierDetector(cluster, p.outlierDetection, this.emit, this.envoyMinor) : undefined;
    cluster.outlier = outlier;
    this.machinery.set(cluster, {
      ...(outlier ? { outlier } : {}),
      ...(p.healthCheck ? { healthChecker: new ActiveHealthChecker(cluster, p.healthCheck, this.emit, (ep) => this.dropPending(cluster, ep)) } : {}),
    });
  }

  onEndpoints(cluster: Cluster, added: readonly Endpoint[], removed: readonly Endpoint[]): void {
    this.machinery.get(cluster)?.healthChecker?.sync(added, removed);
  }

  keepsRemovedHost(cluster: Cluster, ep: Endpoint): boolean {
    return this.machinery.get(cluster)?.healthChecker !== undefined && cluster.policy.healthCheck?.ignoreHealthOnHostRemoval !== true && !ep.activeHcFailed;
  }

  /** A host kept after EDS dropped it has failed its health check: now it goes. */
  private dropPending(cluster: Cluster, ep: Endpoint): void {
    if (!cluster.dropPendingHost(ep)) return;
    this.machinery.get(cluster)?.healthChecker?.sync([], [ep]);
    this.emit({ kind: 'endpoint-removed', cluster: cluster.name, address: ep.address });
  }

  onRemove(cluster: Cluster): void {
    const m = this.machinery.get(cluster);
    m?.outlier?.stop();
    m?.healthChecker?.stop();
    this.machinery.delete(cluster);
  }
}

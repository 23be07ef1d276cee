// Counters the admin /stats/prometheus page exposes, named after Envoy's stats
// (envoy_cluster_upstream_rq, _retry, _cx_connect_fail) plus the gateway's
// requests by cluster and response code, which verdicts read.
import type { ClusterManager } from './upstream/cluster.js';

export class GatewayStats {
  /** Downstream responses: key `${cluster}\n${code}`; cluster "" when no cluster was picked. */
  private readonly requests = new Map<string, number>();

  countRequest(cluster: string, code: number): void {
    const key = `${cluster}\n${code}`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
  }

  requestsSnapshot(): { cluster: string; code: number; count: number }[] {
    return [...this.requests].map(([k, count]) => {
      const [cluster, code] = k.split('\n');
      return { cluster: cluster ?? '', code: Number(code), count };
    });
  }

  prometheus(gateway: string, clusters: ClusterManager): string {
    const out: string[] = [];
    const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
    out.push('# TYPE regionlab_gateway_requests_total counter');
    for (const r of this.requestsSnapshot()) {
      out.push(`regionlab_gateway_requests_total{gateway="${esc(gateway)}",cluster="${esc(r.cluster || 'none')}",code="${r.code}"} ${r.count}`);
    }
    out.push('# TYPE envoy_cluster_upstream_rq counter');
    for (const c of clusters.all()) {
      for (const [code, n] of c.stats.upstreamRq) out.push(`envoy_cluster_upstream_rq{envoy_cluster_name="${esc(c.name)}",envoy_response_code="${code}"} ${n}`);
    }
    out.push('# TYPE envoy_cluster_upstream_rq_retry counter');
    for (const c of clusters.all()) out.push(`envoy_cluster_upstream_rq_retry{envoy_cluster_name="${esc(c.name)}"} ${c.stats.retries}`);
    out.push('# TYPE envoy_cluster_upstream_cx_connect_fail counter');
    for (const c of clusters.all()) out.push(`envoy_cluster_upstream_cx_connect_fail{envoy_cluster_name="${esc(c.name)}"} ${c.stats.connectFailures}`);
    out.push('# TYPE envoy_cluster_membership_total gauge');
    for (const c of clusters.all()) out.push(`envoy_cluster_membership_total{envoy_cluster_name="${esc(c.name)}"} ${c.endpoints.length}`);
    out.push('# TYPE envoy_cluster_upstream_rq_active gauge');
    for (const c of clusters.all()) out.push(`envoy_cluster_upstream_rq_active{envoy_cluster_name="${esc(c.name)}"} ${c.endpoints.reduce((s, e) => s + e.activeRequests, 0)}`);
    return `${out.join('\n')}\n`;
  }
}

// Service-scoped Ingress annotations (loadbalance.go): cookie affinity beats
// upstream-hash-by beats load-balance; they become the Envoy cluster's LB policy.
// An unknown load-balance value (e.g. ewma) is enum 0 ⇒ Istio's default LEAST_REQUEST.
import { Annotations } from './annotations.js';
import type { ClusterPolicy, HashKey, LbPolicy } from '../../xds/cluster-policy.js';

const SIMPLE_LB: Readonly<Record<string, LbPolicy>> = { ROUND_ROBIN: 'ROUND_ROBIN', LEAST_CONN: 'LEAST_REQUEST', RANDOM: 'RANDOM' };

/** nginx variable → Istio consistentHash key; other variables or combinations ⇒ plain ROUND_ROBIN. */
function hashByVariable(v: string): HashKey | 'round-robin' {
  if (v === '$request_uri') return { kind: 'header', name: ':path' };
  if (v === '$host') return { kind: 'header', name: ':authority' };
  if (v === '$remote_addr') return { kind: 'source-ip' };
  // Higress (loadbalance.go) only trims "$http_": $http_x_user hashes on header "x_user",
  // not nginx's x-user; Envoy accepts underscores in header names by default
  if (/^\$http_[A-Za-z0-9_]+$/.test(v)) return { kind: 'header', name: v.slice(6).toLowerCase() };
  if (/^\$arg_[A-Za-z0-9_]+$/.test(v)) return { kind: 'query', name: v.slice(5) };
  return 'round-robin';
}

/** The policy fragment an Ingress sets on each Service it routes to; undefined when none. */
export function serviceLbPolicy(raw: Readonly<Record<string, string>>): Partial<ClusterPolicy> | undefined {
  const a = new Annotations(raw);
  const affinity = a.asap('affinity');
  const cookieName = a.asap('session-cookie-name');
  const cookiePath = a.asap('session-cookie-path');
  if (affinity === 'cookie' || cookieName !== undefined || cookiePath !== undefined) {
    const ttl = a.asapInt('session-cookie-max-age') ?? a.asapInt('session-cookie-expires') ?? 0;
    return { lb: 'RING_HASH', hash: { kind: 'cookie', name: cookieName || 'INGRESSCOOKIE', path: cookiePath || '/', ttlSeconds: ttl } };
  }
  const hashBy = a.asap('upstream-hash-by');
  if (hashBy !== undefined) {
    const key = hashByVariable(hashBy.trim());
    return key === 'round-robin' ? { lb: 'ROUND_ROBIN' } : { lb: 'RING_HASH', hash: key };
  }
  const lb = a.asap('load-balance');
  if (lb !== undefined) return { lb: SIMPLE_LB[lb.toUpperCase()] ?? 'LEAST_REQUEST' };
  return undefined;
}

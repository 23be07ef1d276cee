// Canary Ingresses, applied after every normal Ingress (ApplyCanaryIngress): a
// canary needs a non-canary route with the same rule key (host, path and match
// annotations). By header or cookie: a copy of the base route (its timeouts,
// retries, rewrites…) whose header match is the canary's, sorted before the base; by weight: extra weighted
// destinations on the base route, normalised as normalizeWeightedCluster does.
// Either way the canary's clusters fall back to the base service (cluster_fallback).
import type { IngressAnnotationConfig } from './ingress-annotations.js';
import { needRegexMatch, type IngressPathType } from './ingress-policy.js';
import { ruleKey } from './ingress-match.js';
import { outboundCluster, serviceFqdn } from '../services.js';
import type { IngressInput, IngressIssue, WrapperRoute } from './ingress-types.js';
import { fullMatch, type HeaderMatch, type WeightedCluster } from '../../xds/route-table.js';

/** canary.go ApplyByHeader: header exact `always`; +value ⇒ regex `always|v`; +pattern ⇒ `.*p.*`; cookie ⇒ cookie regex. */
export function canaryHeaderMatch(c: NonNullable<IngressAnnotationConfig['canary']>): HeaderMatch | undefined {
  const re = (name: string, value: string): HeaderMatch => ({ type: 'RegularExpression', name, value, regex: fullMatch(value) });
  if (c.header) {
    if (c.headerValue) return re(c.header.toLowerCase(), `always|${c.headerValue}`);
    if (c.headerPattern) return re(c.header.toLowerCase(), `.*${c.headerPattern}.*`);
    return { type: 'Exact', name: c.header.toLowerCase(), value: 'always' };
  }
  if (c.cookie) return re('cookie', `^(.*?;\\s*)?(${c.cookie}=always)(;.*)?$`);
  return undefined;
}

const weightState = new WeakMap<WrapperRoute, { baseCount: number }>();

type IngressRule = NonNullable<IngressInput['doc']['spec']['rules']>[number];

function canaryClusters(input: IngressInput, cfg: IngressAnnotationConfig, rule: IngressRule, pi: number): WeightedCluster[] | undefined {
  const p = rule.http?.paths[pi];
  const ns = input.doc.metadata.namespace ?? 'default';
  if (p?.backend.service?.port?.number) return [{ host: outboundCluster(serviceFqdn(p.backend.service.name, ns), p.backend.service.port.number), weight: 100 }];
  if (p?.backend.resource && cfg.destinations) return cfg.destinations.map((d) => ({ host: d.host, weight: d.weight }));
  return undefined;
}

export function applyCanary(input: IngressInput, cfg: IngressAnnotationConfig, byHost: Map<string, WrapperRoute[]>, issues: IngressIssue[]): void {
  const canary = cfg.canary!;
  const id = `${input.doc.metadata.namespace ?? 'default'}/${input.doc.metadata.name}`;
  const match = canaryHeaderMatch(canary);
  for (const rule of input.doc.spec.rules ?? []) {
    const host = rule.host || '*';
    const routes = byHost.get(host) ?? [];
    for (const [pi, p] of (rule.http?.paths ?? []).entries()) {
      const rawPath = p.path || '/';
      const pathType: IngressPathType = needRegexMatch(cfg, rawPath) ? (cfg.fullPathRegex ? 'FullPathRegex' : 'PrefixRegex') : p.pathType === 'Exact' ? 'Exact' : 'Prefix';
      const path = pathType === 'Prefix' && rawPath !== '/' ? rawPath.replace(/\/+$/, '') || '/' : rawPath;
      const key = ruleKey(host, pathType, path, cfg.match);
      const pos = routes.findIndex((r) => r.ruleKey === key && !r.name.includes('#canary'));
      const clusters = canaryClusters(input, cfg, rule, pi);
      if (pos < 0 || !clusters) {
        issues.push({ ...input.source, name: id, reason: `canary for ${host}${path} ignored: ${clusters ? 'no non-canary Ingress routes the same host and path' : 'invalid backend'}` });
        continue;
      }
      const base = routes[pos]!;
      const fallbacks = [...base.clusters.slice(0, weightState.get(base)?.baseCount ?? base.clusters.length).map((c) => c.host!), ...(base.clusters[0]?.fallbacks ?? [])];
      if (match) {
        // header/cookie: weight is not even parsed (CanaryKind); the copy keeps the base's policies, method
        // and query matches, but ApplyByHeader replaces its header matches with the canary's one
        // and its header control is the canary Ingress's own (canary.Headers = nil, then its own ApplyRoute)
        const own = { ...base.cfg, headerControl: cfg.headerControl };
        routes.splice(pos, 0, { ...base, cfg: own, headers: [match], clusters: clusters.map((c) => ({ ...c, fallbacks })), name: `${base.name}#canary:${id}`, weightTotal: 0, canaryWeights: 0 });
        continue;
      }
      if (!weightState.has(base)) weightState.set(base, { baseCount: base.clusters.length });
      if (base.weightTotal === 0) base.weightTotal = canary.weightTotal;
      base.canaryWeights += canary.weight;
      const total = clusters.reduce((s, c) => s + c.weight, 0) || 1;
      base.clusters.push(...clusters.map((c) => ({ ...c, weight: (canary.weight * c.weight) / total, fallbacks })));
      normaliseWeights(base);
    }
  }
}

/**
 * normalizeWeightedCluster: T = max(Σ canary weights, weight total); each canary gets
 * int(w / T × 100); the base keeps 100 − Σ. Weight-0 destinations are dropped (Istio).
 */
function normaliseWeights(r: WrapperRoute): void {
  const baseCount = weightState.get(r)!.baseCount;
  const base = r.clusters.slice(0, baseCount);
  const canaries = r.clusters.slice(baseCount);
  const t = Math.max(r.canaryWeights, r.weightTotal);
  const raw = (c: WeightedCluster) => (c as { rawWeight?: number }).rawWeight ?? c.weight;
  const scaled = canaries.map((c) => ({ ...c, rawWeight: raw(c), weight: Math.floor((raw(c) / t) * 100) }));
  const rest = 100 - scaled.reduce((s, c) => s + c.weight, 0);
  const baseRaw = base.map((c) => (c as { rawWeight?: number }).rawWeight ?? c.weight);
  const baseSum = baseRaw.reduce((s, w) => s + w, 0) || 1;
  const b = base.map((c, i) => ({ ...c, rawWeight: baseRaw[i]!, weight: Math.floor((baseRaw[i]! / baseSum) * rest) }));
  if (b[0]) b[0].weight += rest - b.reduce((s, c) => s + c.weight, 0);
  r.clusters = [...b, ...scaled];
  weightState.set(r, { baseCount });
}

/** The routes as Envoy gets them: zero weights removed (Istio drops them when there are several). */
export function dropZeroWeights(clusters: WeightedCluster[]): WeightedCluster[] {
  if (clusters.length <= 1) return clusters;
  const kept = clusters.filter((c) => c.weight > 0);
  return kept.length === 0 ? clusters.slice(0, 1) : kept;
}

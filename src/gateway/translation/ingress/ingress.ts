// Ingress (networking.k8s.io/v1) converted as Higress's ingress controller does
// (pkg/ingress/kube/ingressv1/controller.go + config/ingress_config.go): class
// filter, one route per path (Prefix /foo = Exact /foo or Prefix /foo/), regex
// paths, duplicates dropped, backends to Services or McpBridge destinations,
// canaries after every normal Ingress, spec.defaultBackend, app-root.
import { parseIngressAnnotations, type IngressAnnotationConfig } from './ingress-annotations.js';
import { applyCanary } from './ingress-canary.js';
import { emitRoutes } from './ingress-emit.js';
import { serviceLbPolicy } from './ingress-lb.js';
import { parseUpstreamTls } from './upstream-tls.js';
import { needRegexMatch, type IngressPathType } from './ingress-policy.js';
import { ruleKey } from './ingress-match.js';
import type { IngressBackend, IngressDoc } from './ingress-schema.js';
import { IGNORED_ANNOTATIONS, NGINX_PREFIX, HIGRESS_PREFIX } from './annotations.js';
import type { ClusterPolicy } from '../../xds/cluster-policy.js';
import type { HigressProfile } from '../../profiles.js';
import type { RouteEntry, WeightedCluster } from '../../xds/route-table.js';
import type { IngressInput, IngressIssue, WrapperRoute } from './ingress-types.js';

import { outboundCluster, serviceFqdn, type KubeServices } from '../services.js';

export interface ConvertedIngresses {
  readonly routes: RouteEntry[];
  /** Service-scoped annotation policies; the first Ingress to name a Service wins. */
  readonly servicePolicies: Map<string, Partial<ClusterPolicy>>;
  readonly issues: IngressIssue[];
}

export interface IngressOptions {
  readonly ingressClass: string;
  readonly services: KubeServices;
}

/** shouldProcessIngressWithClass: class annotation, else spec.ingressClassName (class-less only for "nginx" or ""). */
export function ingressClassMatches(doc: IngressDoc, ingressClass: string): boolean {
  if (ingressClass === '') return true;
  const annotated = doc.metadata.annotations?.['kubernetes.io/ingress.class'];
  if (annotated !== undefined) return ingressClass === 'nginx' ? annotated === '' || annotated === 'nginx' : annotated === ingressClass;
  const name = doc.spec.ingressClassName;
  if (ingressClass === 'nginx') return name === undefined || name === '' || name === 'nginx';
  return name === ingressClass;
}

/** backendToRouteDestination: a Service (kept even if it does not exist ⇒ 503 NC) or the McpBridge destinations. */
function destinations(b: IngressBackend, ns: string, cfg: IngressAnnotationConfig): { clusters: WeightedCluster[]; hosts: string[] } | string {
  if (b.service) {
    const port = b.service.port?.number;
    if (!port) return `named port "${b.service.port?.name ?? ''}" needs the Service object to resolve; region-lab's services map has no port names: use port.number`;
    const fqdn = serviceFqdn(b.service.name, ns);
    return { clusters: [{ host: outboundCluster(fqdn, port), weight: 100 }], hosts: [fqdn] };
  }
  const r = b.resource;
  if (r && r.apiGroup === 'networking.higress.io' && r.kind === 'McpBridge' && cfg.destinations) {
    const ds = cfg.destinations;
    const sum = ds.reduce((s, d) => s + d.weight, 0);
    // normalised to 100, the first destination taking the rounding remainder
    const ws = ds.map((d) => (sum === 100 ? d.weight : Math.floor((d.weight / sum) * 100)));
    ws[0]! += 100 - ws.reduce((s, w) => s + w, 0);
    return { clusters: ds.map((d, i) => ({ host: d.host, weight: ws[i]! })), hosts: ds.map((d) => d.host) };
  }
  return 'invalid backend: neither a Service nor an McpBridge resource with a higress.io/destination annotation';
}

export function convertIngresses(inputs: readonly IngressInput[], profile: HigressProfile, o: IngressOptions): ConvertedIngresses {
  const issues: IngressIssue[] = [];
  const servicePolicies = new Map<string, Partial<ClusterPolicy>>();
  const byHost = new Map<string, WrapperRoute[]>();
  const seenKeys = new Map<string, string>();
  const appRoot = new Map<string, string>();
  const canaries: { input: IngressInput; cfg: IngressAnnotationConfig }[] = [];
  const normal: IngressInput[] = [];

  for (const input of inputs) {
    const { doc, source } = input;
    const id = `${doc.metadata.namespace ?? 'default'}/${doc.metadata.name}`;
    const issue = (reason: string) => issues.push({ ...source, name: id, reason });
    if (!ingressClassMatches(doc, o.ingressClass)) {
      issue(`ingress class "${doc.spec.ingressClassName ?? doc.metadata.annotations?.['kubernetes.io/ingress.class'] ?? ''}" is not the gateway's (global.ingressClass "${o.ingressClass}"): Higress does not process it`);
      continue;
    }
    const raw = doc.metadata.annotations ?? {};
    for (const key of Object.keys(raw)) {
      const short = key.startsWith(NGINX_PREFIX) ? key.slice(NGINX_PREFIX.length) : key.startsWith(HIGRESS_PREFIX) ? key.slice(HIGRESS_PREFIX.length) : undefined;
      if (short !== undefined && IGNORED_ANNOTATIONS[short]) issue(`annotation ${key} ignored: ${IGNORED_ANNOTATIONS[short]}`);
      if (key.startsWith(NGINX_PREFIX) && /^route-limit-/.test(short ?? '')) issue(`annotation ${key} ignored: the local rate limit is read only under the higress.io/ prefix`);
      if (key.startsWith(NGINX_PREFIX) && short === 'timeout') issue(`annotation ${key} ignored: the route timeout is read only as higress.io/timeout`);
    }
    const cfg = parseIngressAnnotations(raw, profile);
    if (cfg.match.problems.length > 0) {
      // Envoy refuses a route configuration with a regex RE2 cannot compile: none of these routes can be programmed
      issue(`${cfg.match.problems.join('; ')}: Envoy would reject the route configuration, so the Ingress's routes are not programmed`);
      continue;
    }
    if (cfg.canary) {
      canaries.push({ input, cfg });
      continue;
    }
    const ns = doc.metadata.namespace ?? 'default';
    const clusters: { fallback?: string; fallbackService?: string; mirror?: string } = {};
    if (cfg.defaultBackend) {
      const fqdn = serviceFqdn(cfg.defaultBackend.name, cfg.defaultBackend.namespace ?? ns);
      const port = o.services.firstPort(fqdn);
      if (port === undefined) issue(`default-backend ${fqdn} not found in the gateway's services (it must exist; its first port is used): fallback ignored`);
      else {
        clusters.fallback = outboundCluster(fqdn, port);
        clusters.fallbackService = `${cfg.defaultBackend.namespace ?? ns}/${cfg.defaultBackend.name}`;
      }
    }
    if (cfg.mirror) {
      const fqdn = serviceFqdn(cfg.mirror.name, cfg.mirror.namespace ?? ns);
      const port = cfg.mirror.port ?? o.services.firstPort(fqdn);
      if (port === undefined) issue(`mirror-target-service ${fqdn} has no port and is not in the gateway's services: mirror ignored`);
      else clusters.mirror = outboundCluster(fqdn, port);
    }
    normal.push(input);
    const lb = serviceLbPolicy(raw);
    const up = parseUpstreamTls(raw, ns);
    if (up?.note) issue(up.note);
    // NeedTrafficPolicy: an LB or upstream TLS config claims the Service (first Ingress wins)
    const svcPolicy = lb || up?.policy ? { ...lb, ...(up?.policy ? { upstream: up.policy } : {}) } : undefined;
    const rules = doc.spec.rules ?? [];
    if (rules.length === 0 && !doc.spec.defaultBackend) issue('invalid ingress: either defaultBackend or rules must be specified');
    rules.forEach((rule, ri) => {
      const host = rule.host || '*';
      if (cfg.appRoot) appRoot.set(host, cfg.appRoot); // the last Ingress for a host wins
      const defined = new Set<string>();
      for (const [pi, p] of (rule.http?.paths ?? []).entries()) {
        const rawPath = p.path || '/';
        const regex = needRegexMatch(cfg, rawPath);
        const pathType: IngressPathType = regex ? (cfg.fullPathRegex ? 'FullPathRegex' : 'PrefixRegex') : p.pathType === 'Exact' ? 'Exact' : 'Prefix';
        const path = pathType === 'Prefix' && rawPath !== '/' ? rawPath.replace(/\/+$/, '') || '/' : rawPath;
        // one Ingress may not repeat host+path; across Ingresses the match annotations count too
        const pathKey = `${host}-${pathType}-${path}`;
        const key = ruleKey(host, pathType, path, cfg.match);
        const dest = destinations(p.backend, ns, cfg);
        if (typeof dest === 'string') {
          issue(`rules[${ri}].paths[${pi}]: ${dest}; the route is not programmed`);
          continue;
        }
        if (seenKeys.has(key) || defined.has(pathKey)) {
          issue(`rules[${ri}].paths[${pi}] duplicates ${host}${path}${cfg.match.ruleKeyExtras.trim() ? ' with the same match annotations' : ''} of Ingress ${seenKeys.get(key) ?? id} (DuplicatedRoute): not programmed`);
          continue;
        }
        defined.add(pathKey);
        if (svcPolicy) for (const h of dest.hosts) if (!servicePolicies.has(h)) servicePolicies.set(h, svcPolicy);
        const list = byHost.get(host) ?? [];
        list.push({
          host, ingress: id, ruleKey: key, pathType, path, cfg, headers: [...cfg.match.headers],
          // default_backend.go: only route.Route[0] gets FallbackClusters
          clusters: clusters.fallback ? dest.clusters.map((c, i) => (i === 0 ? { ...c, fallbacks: [clusters.fallback!] } : c)) : dest.clusters,
          weightTotal: 0, canaryWeights: 0, isDefaultBackend: false,
          name: `ingress/${id}/${host}/${pathType.toLowerCase()}${path}`, source, serviceHosts: dest.clusters.map((c) => c.host!), extras: clusters,
        });
        byHost.set(host, list);
      }
    });
    for (const rule of rules) if (rule.host) seenKeysFor(byHost.get(rule.host) ?? [], seenKeys);
    seenKeysFor(byHost.get('*') ?? [], seenKeys);
  }

  for (const c of canaries) applyCanary(c.input, c.cfg, byHost, issues);
  applySpecDefaultBackends(normal, byHost, profile);
  return { routes: emitRoutes(byHost, appRoot), servicePolicies, issues };
}

function seenKeysFor(routes: readonly WrapperRoute[], seen: Map<string, string>): void {
  for (const r of routes) if (!seen.has(r.ruleKey)) seen.set(r.ruleKey, r.ingress);
}

/** ApplyDefaultBackend: a catch-all per rule host (and `*`) unless the host already routes `/`. */
function applySpecDefaultBackends(inputs: readonly IngressInput[], byHost: Map<string, WrapperRoute[]>, profile: HigressProfile): void {
  for (const { doc, source } of inputs) {
    const b = doc.spec.defaultBackend;
    if (!b) continue;
    const ns = doc.metadata.namespace ?? 'default';
    const cfg = parseIngressAnnotations(doc.metadata.annotations ?? {}, profile);
    const dest = destinations(b, ns, cfg);
    if (typeof dest === 'string') continue;
    const hosts = new Set(['*', ...(doc.spec.rules ?? []).map((r) => r.host || '*')]);
    for (const host of hosts) {
      const list = byHost.get(host) ?? [];
      // ConfiguredDefaultBackend: any Prefix "/" rule of the host, whatever its match annotations
      if (list.some((r) => r.pathType === 'Prefix' && r.path === '/')) continue;
      const id = `${ns}/${doc.metadata.name}`;
      list.push({ host, ingress: id, ruleKey: ruleKey(host, 'Prefix', '/', cfg.match), pathType: 'Prefix', path: '/', cfg, headers: [], clusters: dest.clusters, weightTotal: 0, canaryWeights: 0, isDefaultBackend: true, name: `ingress/${id}/${host}/default`, source, serviceHosts: dest.hosts, extras: {} });
      byHost.set(host, list);
    }
  }
}

// fqdn-backend: a backend written as another cluster's Service FQDN, which neither
// Gateway API nor the middleware cluster's DNS can resolve.
import type { Hit, Rule } from '../types.js';
import { ingressBackends, routeRules } from './manifest-parts.js';

const CLUSTER_DOMAIN = /\.svc(\.cluster\.local)?$/;

export const fqdnBackend: Rule = {
  id: 'fqdn-backend',
  severity: 'error',
  title: 'A Service FQDN in another cluster as a backend',
  explanation:
    'A Service backendRef (or Ingress backend) names a Service in the same cluster, not a DNS name: a name with dots is ' +
    'not a valid Service name, so Higress marks the backend invalid and answers 500. Even as a host (a McpBridge dns ' +
    'registry or a ServiceEntry) <svc>.<ns>.svc.cluster.local of the business cluster resolves only where CoreDNS knows ' +
    'that cluster: the middleware cluster\'s CoreDNS answers NXDOMAIN without cross-cluster DNS (the runbook\'s own ' +
    'diagram), so network reachability alone is not enough.',
  source: 'higress conversion.go buildDestination ("name with . rejected"); Kubernetes DNS-1035 Service names; seed runbook §"为什么不能使用 K8s 原生服务发现"',
  fix: 'Register the service in Nacos and route to <svc>.DEFAULT-GROUP.public.nacos via McpBridge, or add a McpBridge registry of type dns whose domain the middleware cluster can resolve, or set up multi-cluster DNS (Cilium/Calico Cluster Mesh) first.',
  checkManifest(m) {
    const hits: Hit[] = [];
    for (const rule of routeRules(m)) {
      for (const { ref, path } of rule.refs) {
        if (ref.group !== '' || ref.kind !== 'Service' || !ref.name.includes('.') || ref.name.endsWith('.nacos')) continue;
        hits.push({ path: [...path, 'name'], message: message(ref.name) });
      }
    }
    for (const b of ingressBackends(m)) {
      if (b.service.includes('.')) hits.push({ path: [...b.at, 'name'], message: message(b.service) });
    }
    return hits;
  },
};

function message(name: string): string {
  const dns = CLUSTER_DOMAIN.test(name)
    ? '; and the middleware cluster cannot resolve another cluster\'s svc.cluster.local name without cross-cluster DNS'
    : '';
  return `backend "${name}" is a DNS name, not a Service name: Higress rejects it and answers 500${dns}`;
}

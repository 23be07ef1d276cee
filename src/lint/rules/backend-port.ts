// backend-port: a backend port the Service does not expose, where the Service is
// among the linted manifests; and Service backendRefs without a port.
import type { Hit, LintContext, Manifest, Rule } from '../types.js';
import { arr, ingressBackends, obj, routeRules } from './manifest-parts.js';

interface ServicePorts {
  readonly numbers: readonly number[];
  readonly names: readonly string[];
}

function servicePorts(ctx: LintContext): Map<string, ServicePorts> {
  const out = new Map<string, ServicePorts>();
  for (const s of ctx.manifests.filter((x) => x.kind === 'Service' && x.apiVersion === 'v1')) {
    const ports = arr(obj(s.value.spec).ports).map(obj);
    out.set(`${s.namespace}/${s.name}`, {
      numbers: ports.map((p) => p.port).filter((p): p is number => typeof p === 'number'),
      names: ports.map((p) => p.name).filter((p): p is string => typeof p === 'string'),
    });
  }
  return out;
}

export const backendPort: Rule = {
  id: 'backend-port',
  severity: 'error',
  title: 'A backend port the Service does not expose',
  explanation:
    'Istio builds the destination from the Service host and the given port; a port the Service does not list has no ' +
    'Envoy cluster (outbound|<port>||<host>), so requests fail (500 on Gateway API routes, 503 on Ingress). Gateway API ' +
    'also requires a port on a Service backendRef. Checked only when the Service is among the linted files; registry ' +
    '(Nacos) ports are known only at run time.',
  source: 'Gateway API BackendRef.port ("required when the referent is a Kubernetes Service"); higress conversion.go buildDestination; facts A1 cluster not found',
  fix: 'Use one of the Service\'s spec.ports[].port values (or name for an Ingress backend).',
  checkManifest(m: Manifest, ctx: LintContext) {
    const services = servicePorts(ctx);
    const hits: Hit[] = [];
    for (const rule of routeRules(m)) {
      for (const { ref, path } of rule.refs) {
        if (ref.group !== '' || ref.kind !== 'Service') continue;
        if (ref.port === undefined) {
          hits.push({ path, message: `backendRef ${ref.name} has no port: a Service backendRef needs one` });
          continue;
        }
        const svc = services.get(`${ref.namespace}/${ref.name}`);
        if (svc && !svc.numbers.includes(ref.port)) hits.push({ path: [...path, 'port'], message: portMessage(ref.name, ref.port, svc) });
      }
    }
    for (const b of ingressBackends(m)) {
      const svc = services.get(`${m.namespace}/${b.service}`);
      if (!svc || b.port === undefined) continue;
      const ok = typeof b.port === 'number' ? svc.numbers.includes(b.port) : svc.names.includes(b.port);
      if (!ok) hits.push({ path: [...b.at, 'port'], message: portMessage(b.service, b.port, svc) });
    }
    return hits;
  },
};

function portMessage(name: string, port: number | string, svc: ServicePorts): string {
  return `Service ${name} does not expose port ${port} (it has ${svc.numbers.join(', ') || 'no ports'}): no cluster, requests fail`;
}

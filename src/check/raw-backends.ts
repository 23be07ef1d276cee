// The backend hosts a user's routing objects name, as written (a weight-0 standby
// included, since it still says which service is the other region's copy): HTTPRoute
// backendRefs, Ingress Service backends and higress.io/destination lines, and the
// hosts DestinationRules are about. Also the region hints a DestinationRule carries.
import { outboundCluster, serviceFqdn } from '../gateway/translation/services.js';
import type { UserObject } from './read-manifests.js';

const HIGRESS_GROUP = 'networking.higress.io';

const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export interface NamedBackend {
  /** The cluster host the gateway would use: a *.nacos host or outbound|port||fqdn. */
  readonly host: string;
  /** Where it is named, for messages: "HTTPRoute shop/orders (routes/orders.yaml)". */
  readonly where: string;
  readonly file: string;
}

const whereOf = (o: UserObject) => `${o.kind} ${o.namespace}/${o.name} (${o.file})`;

/** `[w%] host[:port]` lines of higress.io/destination. */
function destinationHosts(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .map((parts) => (parts[0]?.endsWith('%') ? parts[1] : parts[0]))
    .flatMap((h) => (h ? [h.split(':')[0]!] : []));
}

function ingressBackendHosts(o: UserObject, backend: unknown): string[] {
  const b = obj(backend);
  const svc = obj(b.service);
  const name = str(svc.name);
  if (name) {
    const port = obj(svc.port).number;
    return typeof port === 'number' ? [outboundCluster(serviceFqdn(name, o.namespace), port)] : [];
  }
  const dest = str(obj(obj(o.value.metadata).annotations)['higress.io/destination']);
  return str(obj(b.resource).kind) === 'McpBridge' && dest ? destinationHosts(dest) : [];
}

/** Every backend host named by the routing objects, in document order, each with where it is named. */
export function namedBackends(objects: readonly UserObject[]): NamedBackend[] {
  const out: NamedBackend[] = [];
  const add = (o: UserObject, host: string) => out.push({ host, where: whereOf(o), file: o.file });
  for (const o of objects) {
    const spec = obj(o.value.spec);
    if (o.kind === 'HTTPRoute') {
      for (const rule of arr(spec.rules)) {
        for (const raw of arr(obj(rule).backendRefs)) {
          const r = obj(raw);
          const name = str(r.name);
          if (!name) continue;
          if (r.group === HIGRESS_GROUP) add(o, name);
          else if (typeof r.port === 'number') add(o, outboundCluster(serviceFqdn(name, str(r.namespace) ?? o.namespace), r.port));
        }
      }
    } else if (o.kind === 'Ingress') {
      const hosts = [
        ...(spec.defaultBackend ? ingressBackendHosts(o, spec.defaultBackend) : []),
        ...arr(spec.rules).flatMap((rule) => arr(obj(obj(rule).http).paths).flatMap((p) => ingressBackendHosts(o, obj(p).backend))),
      ];
      for (const h of hosts) add(o, h);
    } else if (o.kind === 'DestinationRule') {
      const host = str(spec.host);
      if (host?.endsWith('.nacos')) add(o, host);
    }
  }
  return out;
}

/** Region pairs a DestinationRule's localityLbSetting.failover names (from → to). */
export function failoverRegions(objects: readonly UserObject[]): { regions: string[]; where: string }[] {
  return objects
    .filter((o) => o.kind === 'DestinationRule')
    .flatMap((o) => {
      const lb = obj(obj(obj(obj(o.value.spec).trafficPolicy).loadBalancer).localityLbSetting);
      const regions = arr(lb.failover).flatMap((f) => [str(obj(f).from), str(obj(f).to)]).filter((r): r is string => r !== undefined);
      return regions.length > 0 ? [{ regions: [...new Set(regions.map((r) => r.split('/')[0]!.toLowerCase()))], where: whereOf(o) }] : [];
    });
}

/** failoverPriority labels of every DestinationRule, with where they are. */
export function failoverPriorities(objects: readonly UserObject[]): { labels: string[]; host: string; where: string }[] {
  return objects
    .filter((o) => o.kind === 'DestinationRule')
    .flatMap((o) => {
      const spec = obj(o.value.spec);
      const labels = arr(obj(obj(obj(spec.trafficPolicy).loadBalancer).localityLbSetting).failoverPriority).filter((l): l is string => typeof l === 'string');
      return labels.length > 0 ? [{ labels, host: str(spec.host) ?? '', where: whereOf(o) }] : [];
    });
}

const REGION_LABELS = ['topology.kubernetes.io/region', 'failure-domain.beta.kubernetes.io/region', 'region'];

/** Region label values on workloads and Services (metadata and pod template labels). */
export function labelledRegions(objects: readonly UserObject[]): { region: string; where: string }[] {
  return objects.flatMap((o) => {
    const labels = { ...obj(obj(obj(obj(o.value.spec).template).metadata).labels), ...obj(obj(o.value.metadata).labels) };
    const key = REGION_LABELS.find((k) => typeof labels[k] === 'string');
    return key ? [{ region: String(labels[key]).toLowerCase(), where: `${whereOf(o)} label ${key}` }] : [];
  });
}

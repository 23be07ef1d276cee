// What a route's backend host names: a Nacos service through an McpBridge registry
// (`<service>.<group>.<namespace>.nacos`, as Higress's nacos watcher names it) or a
// Kubernetes Service (`outbound|<port>||<svc>.<ns>.svc.cluster.local`, as Istio does).
import { nacosHost } from '../gateway/translation/host-name.js';
import type { RegistrySpec } from '../gateway/translation/mcpbridge.js';
import { parseOutboundCluster } from '../gateway/translation/services.js';

export type Backend =
  | {
      readonly kind: 'nacos';
      readonly host: string;
      readonly service: string;
      /** The group as registered (DEFAULT_GROUP), recovered from the registry's nacosGroups when it can be. */
      readonly group: string;
      /** The namespace id instances register in. */
      readonly namespaceId: string;
      /** Registries (by name) whose namespace and groups produce this host. */
      readonly registries: readonly string[];
    }
  | {
      readonly kind: 'service';
      readonly host: string;
      readonly service: string;
      readonly namespace: string;
      readonly port: number;
    };

/** `svc.GROUP.ns.nacos` → its parts, or undefined for another host. */
export function splitNacosHost(host: string): { service: string; group: string; namespace: string } | undefined {
  const parts = host.split('.');
  if (parts.length < 4 || parts[parts.length - 1] !== 'nacos') return undefined;
  return { service: parts.slice(0, -3).join('.'), group: parts[parts.length - 3]!, namespace: parts[parts.length - 2]! };
}

/**
 * A route cluster's host as a Backend. The host carries the group and namespace with
 * `_` turned into `-`; the registry that watches them says what they really are.
 */
export function backendOf(host: string, registries: readonly RegistrySpec[]): Backend | undefined {
  const k8s = parseOutboundCluster(host);
  if (k8s) {
    const [service, namespace] = k8s.fqdn.split('.') as [string, string];
    return { kind: 'service', host, service, namespace: namespace ?? 'default', port: k8s.port };
  }
  const n = splitNacosHost(host);
  if (!n) return undefined;
  const matching = registries.flatMap((r) => {
    const group = (r.groups.length > 0 ? r.groups : ['DEFAULT_GROUP']).find((g) => nacosHost(n.service, g, r.namespace) === host);
    return group ? [{ r, group }] : [];
  });
  const first = matching[0];
  // no registry produces the host: take the host's own words (DEFAULT-GROUP is DEFAULT_GROUP)
  const group = first?.group ?? (n.group === 'DEFAULT-GROUP' ? 'DEFAULT_GROUP' : n.group);
  return { kind: 'nacos', host, service: n.service, group, namespaceId: first?.r.namespaceId ?? n.namespace, registries: matching.map((m) => m.r.name) };
}

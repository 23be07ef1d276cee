// McpBridge (networking.higress.io/v1) as a Higress user writes it, turned into the
// registries the gateway discovers from. Only `default` in `higress-system` counts
// (pkg/ingress/config/ingress_config.go AddOrUpdateMcpBridge); others are ignored.
import { z } from 'zod';

export const HIGRESS_NAMESPACE = 'higress-system';
export const DEFAULT_MCPBRIDGE = 'default';

/** registry/nacos/v2/watcher.go: DefaultRefreshIntervalLimit; reconcile always passes the field, so unset (0) → 10 s. */
export const NACOS_REFRESH_MIN_MS = 10_000;

const MODELLED_TYPES = ['nacos2', 'nacos3', 'nacos', 'static'] as const;
const HIGRESS_TYPES = ['nacos', 'nacos2', 'nacos3', 'zookeeper', 'consul', 'eureka', 'static', 'dns'];

// Every field of RegistryConfig (api/networking/v1/mcp_bridge.proto) is accepted so a
// valid manifest is never refused; unknown ones (e.g. healthCheck) fail, as
// `kubectl apply` does against the structural CRD (strict field validation).
const registrySchema = z.strictObject({
  type: z.string({ message: 'type is required: nacos2 (Nacos 2.x over gRPC), nacos, or static' }),
  name: z.string().min(1, 'give the registry a name'),
  domain: z.string({ message: 'domain is required (registry host, or "ip:port,ip:port" for static)' }).min(1),
  port: z.number().int().min(0).max(65535).optional(),
  nacosAddressServer: z.string().optional(),
  nacosAccessKey: z.string().optional(),
  nacosSecretKey: z.string().optional(),
  nacosNamespaceId: z.string().optional(),
  nacosNamespace: z.string().optional(),
  nacosGroups: z.array(z.string()).optional(),
  nacosRefreshInterval: z.number().int().min(0).optional(),
  nacosTimeout: z.number().int().optional(),
  consulNamespace: z.string().optional(),
  zkServicesPath: z.array(z.string()).optional(),
  consulDatacenter: z.string().optional(),
  consulServiceTag: z.string().optional(),
  consulRefreshInterval: z.number().int().optional(),
  authSecretName: z.string().optional(),
  protocol: z.string().optional(),
  sni: z.string().optional(),
  mcpServerExportDomains: z.array(z.string()).optional(),
  mcpServerBaseUrl: z.string().optional(),
  enableMCPServer: z.boolean().optional(),
  enableScopeMcpServers: z.boolean().optional(),
  allowMcpServers: z.array(z.string()).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  proxyName: z.string().optional(),
  vport: z.unknown().optional(),
});

export const mcpBridgeSchema = z.looseObject({
  apiVersion: z.literal('networking.higress.io/v1', { message: 'McpBridge apiVersion is networking.higress.io/v1' }),
  kind: z.literal('McpBridge'),
  metadata: z.looseObject({ name: z.string().min(1), namespace: z.string().optional() }),
  spec: z.strictObject({
    registries: z.array(registrySchema).default([]),
    proxies: z.array(z.unknown()).optional(),
  }),
});

export type RegistryType = (typeof MODELLED_TYPES)[number];

/** One registry the gateway watches, with Higress's defaults applied. */
export interface RegistrySpec {
  readonly name: string;
  readonly type: RegistryType;
  /** "domain:port" as written; `resolve` in the gateway config maps it to what to dial. */
  readonly address: string;
  readonly namespaceId: string;
  /** Used in host names and the service list query; defaults to the namespace id. */
  readonly namespace: string;
  readonly groups: readonly string[];
  readonly refreshIntervalMs: number;
  /** static: the endpoints from `domain`. */
  readonly staticEndpoints: readonly { ip: string; port: number }[];
}

export type McpBridgeDoc = z.output<typeof mcpBridgeSchema>;

/** Why a registry could not be used, with the fix; null when it is fine. */
export function registryProblem(r: McpBridgeDoc['spec']['registries'][number]): { path: string; message: string } | null {
  if (!(MODELLED_TYPES as readonly string[]).includes(r.type)) {
    const known = HIGRESS_TYPES.includes(r.type);
    return {
      path: 'type',
      message: known
        ? `registry type "${r.type}" is valid in Higress but not modelled by region-lab yet; use nacos2 (or static)`
        : `unknown registry type "${r.type}"; Higress accepts ${HIGRESS_TYPES.join(', ')}; region-lab models nacos2, nacos, nacos3 and static`,
    };
  }
  if (r.type === 'static') {
    const bad = r.domain.split(',').find((ep) => !/^\d{1,3}(\.\d{1,3}){3}:\d{1,5}$/.test(ep.trim()));
    return bad === undefined ? null : { path: 'domain', message: `static domain "${bad}" is not ip:port; write "ip:port,ip:port"` };
  }
  if (!r.port) return { path: 'port', message: 'port is required for a Nacos registry (usually 8848)' };
  return null;
}

export function toRegistrySpec(r: McpBridgeDoc['spec']['registries'][number]): RegistrySpec {
  const namespaceId = r.nacosNamespaceId || 'public';
  const isStatic = r.type === 'static';
  return {
    name: r.name,
    type: r.type as RegistryType,
    address: isStatic ? '' : `${r.domain}:${r.port ?? 0}`,
    namespaceId,
    namespace: r.nacosNamespace || namespaceId,
    groups: r.nacosGroups ?? [],
    refreshIntervalMs: Math.max(NACOS_REFRESH_MIN_MS, Math.floor((r.nacosRefreshInterval ?? 0) / 1e6)),
    staticEndpoints: isStatic
      ? r.domain.split(',').map((ep) => {
          const [ip, port] = ep.trim().split(':');
          return { ip: ip ?? '', port: Number(port) };
        })
      : [],
  };
}

export function isReconciledMcpBridge(doc: McpBridgeDoc): boolean {
  return doc.metadata.name === DEFAULT_MCPBRIDGE && (doc.metadata.namespace ?? 'default') === HIGRESS_NAMESPACE;
}

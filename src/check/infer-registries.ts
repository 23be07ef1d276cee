// Which Nacos each McpBridge registry is, and so the cross-region discovery mode:
// one registry every gateway reaches by the same name → synced registries (each
// region's gateways read their own Nacos, NacosSync keeps them equal); a registry per
// region → multi-registry (every gateway reads every region's Nacos).
import type { RegistrySpec } from '../gateway/translation/mcpbridge.js';
import type { Because, InferredRegistry } from './inferred.js';
import type { Policy } from './policy.js';
import { regionIn } from './region-words.js';

export interface RegistriesFound {
  readonly registries: InferredRegistry[];
  readonly discovery: Because & { mode: 'synced' | 'multi-registry' };
  readonly warnings: string[];
}

const NACOS_TYPES = ['nacos', 'nacos2', 'nacos3'];

export function inferRegistries(reconciled: readonly RegistrySpec[], regions: readonly string[], policy: Policy | undefined, policyFile: string): RegistriesFound {
  const warnings: string[] = [];
  const nacos = reconciled.filter((r) => NACOS_TYPES.includes(r.type));
  for (const r of reconciled) if (!NACOS_TYPES.includes(r.type)) warnings.push(`registry ${r.name} is of type ${r.type}: its endpoints are fixed, so no region-lab fault reaches them; the suite ignores it`);
  const registries: InferredRegistry[] = nacos.map((r) => {
    const [domain, portText] = [r.address.slice(0, r.address.lastIndexOf(':')), r.address.slice(r.address.lastIndexOf(':') + 1)];
    const port = Number(portText) || 8848;
    const named = policy?.regions?.find((x) => x.registry === r.name);
    if (named) return { name: r.name, domain, port, region: named.name, from: `${policyFile} regions[].registry` };
    const word = regionIn(r.name, regions) ?? regionIn(domain, regions);
    if (word) return { name: r.name, domain, port, region: word, from: `its ${regionIn(r.name, regions) ? 'name' : 'domain'} carries the region word "${word}"` };
    return {
      name: r.name,
      domain,
      port,
      region: 'each',
      from: nacos.length === 1 ? 'the only registry: every region\'s gateways reach their own Nacos by this name' : 'no region word in its name or domain: taken as each region\'s own Nacos',
    };
  });
  const perRegion = new Set(registries.filter((r) => r.region !== 'each').map((r) => r.region));
  let discovery: RegistriesFound['discovery'];
  if (policy?.discovery) discovery = { mode: policy.discovery, from: `${policyFile} discovery` };
  else if (perRegion.size >= 2) discovery = { mode: 'multi-registry', from: `the McpBridge lists a registry per region (${registries.filter((r) => r.region !== 'each').map((r) => `${r.name} → ${r.region}`).join(', ')})` };
  else if (registries.length > 0) discovery = { mode: 'synced', from: `the McpBridge lists one registry for every region (${registries.map((r) => r.name).join(', ')}): each region's Nacos is synced to the others (NacosSync)` };
  else discovery = { mode: 'synced', from: 'no Nacos registry is watched: discovery plays no part (Kubernetes Services only)' };
  if (discovery.mode === 'synced') {
    // with synced registries each region's gateways resolve the registry's domain to their own Nacos
    const each = registries.map((r) => (r.region === 'each' ? r : { ...r, region: 'each', from: `${r.from}; with synced registries every region's gateways reach their own Nacos by this name` }));
    return { registries: each, discovery, warnings };
  }
  if (discovery.mode === 'multi-registry') {
    for (const region of regions) if (!perRegion.has(region)) warnings.push(`region ${region} has no registry in the McpBridge: no gateway reads its Nacos, so its instances are never routed to`);
  }
  return { registries, discovery, warnings };
}

/**
 * How the business services register: region-lab.yaml says, else the Nacos major the
 * McpBridge's registries name. Nacos 2.x and 3.x clients register ephemeral instances over
 * gRPC (gone when the connection closes); 1.x clients over HTTP with beats (gone ~30 s after
 * the beats stop), which is what a type `nacos` registry implies.
 */
export function inferRegistration(reconciled: readonly RegistrySpec[], policy: Policy | undefined, policyFile: string): Because & { readonly mode: 'http-v1' | 'grpc' } {
  if (policy?.registration) return { mode: policy.registration, from: `${policyFile} registration` };
  const types = [...new Set(reconciled.filter((r) => NACOS_TYPES.includes(r.type)).map((r) => r.type))];
  if (types.length > 0 && !types.includes('nacos')) {
    return { mode: 'grpc', from: `the McpBridge watches Nacos ${types.includes('nacos3') ? '3.x' : '2.x'} (type ${types.join(', ')}), whose clients register over gRPC (registration: http-v1 in ${policyFile} for 1.x clients with beats)` };
  }
  if (types.includes('nacos')) return { mode: 'http-v1', from: `the McpBridge watches a Nacos 1.x registry (type nacos): HTTP v1 with client beats (registration: grpc in ${policyFile} for 2.x clients)` };
  return { mode: 'http-v1', from: `default, no Nacos registry is watched: HTTP v1 with client beats (registration: grpc in ${policyFile} for Nacos 2.x gRPC clients)` };
}


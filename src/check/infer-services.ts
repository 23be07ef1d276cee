// The business services a configuration routes to, and what each is called in each
// region: from region-lab.yaml's per-region names, else a family of names that differ
// by a region word (orders-south / orders-north: one service, a name per region), else
// one name registered in every region (the runbook's strategy 1).
import type { RegistrySpec } from '../gateway/translation/mcpbridge.js';
import { backendOf, type Backend } from './backends.js';
import type { InferredService } from './inferred.js';
import type { Policy } from './policy.js';
import type { NamedBackend } from './raw-backends.js';
import type { Family } from './region-words.js';

/** A name usable as an app: lower-case, [a-z0-9-], starting with a letter. */
export function appId(name: string): string {
  const s = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').replace(/--+/g, '-');
  return /^[a-z]/.test(s) ? s : `svc-${s}`;
}

export function backendsOf(named: readonly NamedBackend[], registries: readonly RegistrySpec[]): { backend: Backend; where: string }[] {
  const seen = new Set<string>();
  const out: { backend: Backend; where: string }[] = [];
  for (const n of named) {
    const b = backendOf(n.host, registries);
    if (!b || seen.has(b.host)) continue;
    seen.add(b.host);
    out.push({ backend: b, where: n.where });
  }
  return out;
}

export function inferServices(
  backends: readonly { backend: Backend; where: string }[],
  regions: readonly string[],
  families: readonly Family[],
  policy: Policy | undefined,
  policyFile: string,
): InferredService[] {
  const byApp = new Map<string, InferredService>();
  const put = (s: InferredService) => {
    const prev = byApp.get(s.app);
    // two names of one family arrive as two backends: merge their regions
    byApp.set(s.app, prev ? { ...prev, names: { ...prev.names, ...s.names } } : s);
  };
  for (const { backend: b, where } of backends) {
    const base = b.kind === 'nacos'
      ? { kind: 'nacos' as const, group: b.group, namespaceId: b.namespaceId }
      : { kind: 'service' as const, group: 'DEFAULT_GROUP', namespaceId: 'public', k8sNamespace: b.namespace, port: b.port };
    const fromPolicy = policy?.regions?.flatMap((r) => Object.entries(r.services).filter(([, n]) => n === b.service).map(([app]) => app))[0];
    if (fromPolicy !== undefined) {
      const names = Object.fromEntries(policy!.regions!.flatMap((r) => (r.services[fromPolicy] ? [[r.name, r.services[fromPolicy]!]] : [])));
      put({ app: appId(fromPolicy), names, ...base, from: `${policyFile} regions[].services.${fromPolicy}` });
      continue;
    }
    const family = families.find((f) => [...f.members.values()].includes(b.service));
    if (family && !policy?.regions) {
      const names = Object.fromEntries([...family.members].filter(([r]) => regions.includes(r)).map(([r, n]) => [r, n]));
      put({ app: appId(family.base || b.service), names, ...base, from: `names ${[...family.members.values()].join(' / ')} differ only by the region word` });
      continue;
    }
    put({
      app: appId(b.service),
      names: Object.fromEntries(regions.map((r) => [r, b.service])),
      ...base,
      from: `${where} names ${b.service}, with no region word: registered under that one name in every region`,
    });
  }
  return [...byApp.values()];
}

/** Every cluster host a service answers to (Nacos hosts, or outbound clusters of its Services). */
export function hostsOf(s: InferredService, backends: readonly { backend: Backend }[]): string[] {
  const names = new Set(Object.values(s.names));
  return backends.filter(({ backend: b }) => names.has(b.service) && (b.kind === 'nacos') === (s.kind === 'nacos')).map(({ backend: b }) => b.host);
}

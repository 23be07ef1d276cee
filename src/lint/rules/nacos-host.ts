// nacos-host-invalid and nacos-group-missing: registry host names that cannot exist,
// and Nacos host names used without group networking.higress.io.
import { nacosHost } from '../../gateway/translation/host-name.js';
import type { Hit, LintContext, Manifest, Rule } from '../types.js';
import { arr, HIGRESS_GROUP, obj, routeRules, str } from './manifest-parts.js';

/** Host suffixes of Higress's registry watchers (registry/<type>/watcher.go). */
const REGISTRY_SUFFIXES = ['.nacos', '.static', '.dns', '.consul', '.eureka', '.zookeeper'];

/** Why a `group: networking.higress.io` name cannot be a registry host, or null. */
export function nacosHostProblem(name: string): string | null {
  if (!REGISTRY_SUFFIXES.some((s) => name.endsWith(s))) {
    return `"${name}" is not a registry host: Nacos services are named <service>.<group>.<namespace>.nacos (e.g. ${nacosHost(name, 'DEFAULT_GROUP', 'public')})`;
  }
  if (!name.endsWith('.nacos')) return null;
  const labels = name.split('.');
  if (labels.length < 4) {
    return `"${name}" lacks a segment: a Nacos host is <service>.<group>.<namespace>.nacos (the namespace is "public" by default)`;
  }
  const group = labels[labels.length - 3] ?? '';
  const ns = labels[labels.length - 2] ?? '';
  if (group.includes('_') || ns.includes('_')) {
    const svc = labels.slice(0, -3).join('.');
    return `"${name}" cannot exist: Higress replaces "_" with "-" in the group and namespace, so the host is ${nacosHost(svc, group, ns)}`;
  }
  return null;
}

/** Group/namespace pairs the linted McpBridges subscribe to, as host suffixes. */
function servedSuffixes(ctx: LintContext): Set<string> {
  const out = new Set<string>();
  for (const m of ctx.manifests.filter((x) => x.kind === 'McpBridge')) {
    for (const r of arr(obj(m.value.spec).registries).map(obj)) {
      const ns = str(r.nacosNamespace) || str(r.nacosNamespaceId) || 'public';
      for (const g of arr(r.nacosGroups)) out.add(nacosHost('', String(g), ns));
    }
  }
  return out;
}

export const nacosHostInvalid: Rule = {
  id: 'nacos-host-invalid',
  severity: 'error',
  title: 'A registry host name that Higress never creates',
  explanation:
    'Higress names a Nacos service <service>.<group>.<namespace>.nacos, replacing "_" with "-" in the group and namespace ' +
    '(DEFAULT_GROUP → DEFAULT-GROUP); other registries end in .static, .dns, .consul, .eureka, .zookeeper. A backendRef ' +
    'with group networking.higress.io and any other name points at a host no watcher produces: the cluster is not found ' +
    'and Gateway API routes answer 500.',
  source: 'higress registry/nacos/v2/watcher.go getSubscribeCallback; registry/direct/watcher.go; facts C "Nacos host name"',
  fix: 'Write the host as <service>.DEFAULT-GROUP.public.nacos (group and namespace as in the McpBridge registry, "_" → "-").',
  checkManifest(m: Manifest, ctx: LintContext) {
    const hits: Hit[] = [];
    const served = servedSuffixes(ctx);
    for (const rule of routeRules(m)) {
      for (const { ref, path } of rule.refs) {
        if (ref.group !== HIGRESS_GROUP) continue;
        const problem = nacosHostProblem(ref.name);
        if (problem) hits.push({ path: [...path, 'name'], message: problem });
        else if (ref.name.endsWith('.nacos') && served.size > 0 && ![...served].some((s) => ref.name.endsWith(s))) {
          hits.push({
            path: [...path, 'name'],
            severity: 'warning',
            message: `no McpBridge registry in the linted files subscribes to the group and namespace of ${ref.name} (they serve *${[...served].join(', *')})`,
          });
        }
      }
    }
    return hits;
  },
};

export const nacosGroupMissing: Rule = {
  id: 'nacos-group-missing',
  severity: 'error',
  title: 'A Nacos host used as a backendRef without group networking.higress.io',
  explanation:
    'Without a group a backendRef means a Kubernetes Service of that name in the route\'s namespace. A Service name ' +
    'cannot contain dots, so Higress marks the backend invalid (ResolvedRefs false) and the route answers 500; only ' +
    'group networking.higress.io sends it to the registry host.',
  source: 'higress conversion.go buildDestination; facts C "Service backendRef"',
  fix: 'Add group: networking.higress.io to the backendRef (kind Service or omitted).',
  checkManifest(m) {
    return routeRules(m).flatMap((rule) =>
      rule.refs
        .filter(({ ref }) => ref.group !== HIGRESS_GROUP && REGISTRY_SUFFIXES.some((s) => ref.name.endsWith(s)))
        .map(({ ref, path }) => ({
          path: [...path, 'name'],
          message: `${ref.name} is a registry host but the backendRef has ${ref.group ? `group "${ref.group}"` : 'no group'}: Higress looks for a Kubernetes Service of that name and answers 500`,
        })),
    );
  },
};

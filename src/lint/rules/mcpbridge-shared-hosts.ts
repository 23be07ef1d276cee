// mcpbridge-shared-hosts: two Nacos registries of one McpBridge whose services land on
// the same host names (same namespace and group), so a service registered under one
// name in both is one ServiceEntry that only ever holds one registry's instances.
import { nacosHost } from '../../gateway/translation/host-name.js';
import type { Hit, Rule } from '../types.js';
import { arr, obj } from './manifest-parts.js';

const NACOS_TYPES = new Set(['nacos', 'nacos2', 'nacos3']);
const str = (v: unknown, d: string) => (typeof v === 'string' && v !== '' ? v : d);

export const mcpBridgeSharedHosts: Rule = {
  id: 'mcpbridge-shared-hosts',
  severity: 'warning',
  title: 'Two registries whose services share host names',
  explanation:
    'A Nacos service becomes the host <service>.<group>.<namespace>.nacos, whatever registry it came from, and ' +
    'Higress keeps one ServiceEntry per host in a cache all registries share: each registry\'s push replaces the ' +
    'entry, nothing merges. When two registries list the same group of the same namespace, a service registered ' +
    'under one name in both (the runbook\'s strategy 1 over 方式一) routes only to the instances of whichever ' +
    'registry pushed last, one region at a time, and flips when the other pushes.',
  source: 'higress registry/memory/cache.go UpdateServiceEntryWrapper (s.sew[service] = data); registry/nacos/v2/watcher.go host suffix; facts/translation-audit.md item 7',
  fix: 'Register a different service name per region (strategy 2, user-service-south / user-service-north), give each registry its own nacosNamespace or group, or sync the registries and list only the local one.',
  checkManifest(m) {
    if (m.kind !== 'McpBridge') return [];
    const hits: Hit[] = [];
    const firstBySuffix = new Map<string, string>();
    arr(obj(m.value.spec).registries).forEach((raw, i) => {
      const r = obj(raw);
      if (!NACOS_TYPES.has(str(r.type, ''))) return;
      const namespace = str(r.nacosNamespace, str(r.nacosNamespaceId, 'public'));
      arr(r.nacosGroups).forEach((g) => {
        const suffix = nacosHost('', str(g, ''), namespace).slice(1);
        const first = firstBySuffix.get(suffix);
        if (first === undefined) return void firstBySuffix.set(suffix, str(r.name, `#${i}`));
        hits.push({ path: ['spec', 'registries', i, 'nacosGroups'], message: `registries "${first}" and "${str(r.name, `#${i}`)}" both serve *.${suffix}: a service registered under one name in both routes to only one registry's instances at a time (the last to push)` });
      });
    });
    return hits;
  },
};

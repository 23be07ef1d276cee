// duplicate-backend: two backendRefs in one rule naming the same service and port.
import type { Hit, Rule } from '../types.js';
import { routeRules } from './manifest-parts.js';

export const duplicateBackend: Rule = {
  id: 'duplicate-backend',
  severity: 'error',
  title: 'Two backendRefs to the same service are one pool, not primary and standby',
  explanation:
    'Higress turns each backendRef into an Istio destination without merging; both get the same Envoy cluster name, ' +
    'and Envoy\'s weighted pick is cumulative, so the rule behaves as one cluster with the summed weight. Both entries ' +
    'reach exactly the same endpoints (every instance of that Nacos service, local and remote region alike): labels ' +
    'such as "primary 80 / standby 20" describe nothing real.',
  source: 'higress conversion.go buildHTTPDestination; higress-group/istio route.go (no dedupe); envoyproxy/gateway#5230; facts A1, C',
  fix: 'Name one backend per distinct service: e.g. user-service-south.DEFAULT-GROUP.public.nacos and user-service-north.DEFAULT-GROUP.public.nacos, or keep a single backendRef.',
  checkManifest(m) {
    const hits: Hit[] = [];
    for (const rule of routeRules(m)) {
      const seen = new Map<string, { index: number; weight: number }>();
      rule.refs.forEach(({ ref, path }, i) => {
        const key = `${ref.group}|${ref.kind}|${ref.namespace}|${ref.name}|${ref.port ?? ''}`;
        const first = seen.get(key);
        if (!first) return void seen.set(key, { index: i, weight: ref.weight ?? 1 });
        const w = ref.weight ?? 1;
        const what = `backendRefs[${first.index}] and [${i}] both name ${ref.name}${ref.port ? `:${ref.port}` : ''}`;
        hits.push({
          path: [...path, 'name'],
          message:
            w === 0 || first.weight === 0
              ? `${what}: the "backup" is the same service as the primary, so even with a weight it would reach the same endpoints`
              : `${what}: one Envoy cluster with weight ${first.weight}+${w}=${first.weight + w}, the same endpoints for every request`,
        });
      });
    }
    return hits;
  },
};

// weight-zero-backend: a weight-0 backendRef presented as the failover target.
import type { Hit, Rule } from '../types.js';
import { routeRules } from './manifest-parts.js';

export const weightZeroBackend: Rule = {
  id: 'weight-zero-backend',
  severity: 'error',
  title: 'A weight-0 backendRef never takes traffic, not even when the others fail',
  explanation:
    'Higress drops a backendRef with weight 0 before translating the route (and Istio ignores 0-weighted destinations), ' +
    'so Envoy never sees it: there is no standby that "takes over automatically". When the weight-100 backend fails, ' +
    'requests keep going to it (Envoy has no outlier detection or health check by default). If every backendRef has ' +
    'weight 0 the route answers 500.',
  source: 'higress pkg/ingress/kube/gateway/istio/conversion.go buildHTTPDestination (weight 0 removed); istio route.go "Ignore 0 weighted clusters"; facts C',
  fix: 'For failover, register both regions\' instances under one Nacos service and rely on endpoint removal, or add a DestinationRule with outlierDetection plus locality failover; do not list a weight-0 backend as the backup.',
  checkManifest(m) {
    const hits: Hit[] = [];
    for (const rule of routeRules(m)) {
      const zero = rule.refs.filter((r) => r.ref.weight === 0);
      if (zero.length === 0) continue;
      if (zero.length === rule.refs.length) {
        hits.push({ path: ['spec', 'rules', rule.index, 'backendRefs'], message: 'every backendRef has weight 0: Higress answers 500 for this rule' });
        continue;
      }
      const live = rule.refs.filter((r) => r.ref.weight !== 0).map((r) => `${r.ref.name} (weight ${r.ref.weight ?? 1})`);
      for (const z of zero) {
        hits.push({
          path: [...z.path, 'weight'],
          message: `backendRef ${z.ref.name} has weight 0: Higress drops it, so it never receives traffic, also not when ${live.join(', ')} fails`,
        });
      }
    }
    return hits;
  },
};

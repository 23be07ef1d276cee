// httproute-unsupported: HTTPRoute parts the Higress version's Gateway API conversion
// does not have: a filter type it does not know (the whole HTTPRoute fails), and on 2.1
// (API v0.8.0) a rule's `timeouts` or `retry` (unknown fields).
import type { Hit, Rule } from '../types.js';
import { filterTypeKnown } from '../../gateway/translation/httproute-filters.js';
import { arr, isHttpRoute, obj } from './manifest-parts.js';

export const httpRouteUnsupported: Rule = {
  id: 'httproute-unsupported',
  severity: 'error',
  title: 'An HTTPRoute filter or rule field the Higress version does not have',
  explanation:
    'Higress converts each HTTPRoute rule with a switch over filter types; a type it does not know (ExtensionRef, and CORS ' +
    'before 2.2) returns InvalidFilter, and the whole HTTPRoute gets no route at all. Higress 2.1 ships Gateway API v0.8.0, ' +
    'whose HTTPRoute has no rule `timeouts` or `retry`: kubectl apply refuses the object as an unknown field (Kubernetes ≥ 1.27), ' +
    'or without strict validation the API server prunes them, so the route keeps Istio\'s default retry and no timeout.',
  source: 'higress v2.1.11 / v2.2.1 pkg/ingress/kube/gateway/istio/conversion.go convertHTTPRoute; shared/facts/higress-envoy.md §C; docs/fidelity.md',
  fix: 'Drop the filter (or move it to an Ingress annotation Higress supports, e.g. enable-cors, timeout, proxy-next-upstream); for timeouts and retry on 2.1 use the higress.io/timeout and proxy-next-upstream annotations on an Ingress, or run Higress 2.2.',
  checkManifest(m, ctx) {
    if (!isHttpRoute(m)) return [];
    const hits: Hit[] = [];
    arr(obj(m.value.spec).rules).forEach((raw, ri) => {
      const rule = obj(raw);
      arr(rule.filters).forEach((f, fi) => {
        const type = obj(f).type;
        if (typeof type === 'string' && !filterTypeKnown(type, ctx.profile)) {
          hits.push({ path: ['spec', 'rules', ri, 'filters', fi, 'type'], message: `Higress ${ctx.profile.name} does not know filter type ${type}: the whole HTTPRoute ${m.name} fails (InvalidFilter) and its hosts get no route` });
        }
      });
      if (ctx.profile.name !== '2.1') return;
      for (const field of ['timeouts', 'retry'] as const) {
        if (rule[field] !== undefined) hits.push({ path: ['spec', 'rules', ri, field], message: `HTTPRoute ${field} is not in Higress 2.1's Gateway API (v0.8.0): kubectl apply refuses it, or it is pruned and never applied` });
      }
    });
    return hits;
  },
};

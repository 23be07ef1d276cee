// nacos-backend-unsupported: HTTPRoute backendRefs to registry services on a Higress
// version whose Gateway API conversion rejects group networking.higress.io (2.2.x).
import type { Rule } from '../types.js';
import { HIGRESS_GROUP, routeRules } from './manifest-parts.js';

export const nacosBackendUnsupported: Rule = {
  id: 'nacos-backend-unsupported',
  severity: 'error',
  title: 'HTTPRoute → Nacos backend on a Higress version that rejects it',
  explanation:
    'On Higress 2.0–2.1 a backendRef with group networking.higress.io resolves to the registry host. From 2.2.0 to 2.2.4 ' +
    '(the newest tag read) buildDestination became a switch whose default returns InvalidDestinationKind before ' +
    'Higress\'s own branch, so the backend is kept with an empty host and the route answers 500 with an empty body. ' +
    'The rule is silent with --higress 2.1.',
  source: 'higress v2.2.4 pkg/ingress/kube/gateway/istio/conversion.go L1061-1208; higress-group/higress#4185, PR #4231; docs/fidelity.md',
  fix: 'On 2.2 route Nacos services with an Ingress (higress.io/destination + backend resource McpBridge "default"), or run Higress 2.1.x until the fix ships.',
  checkManifest(m, ctx) {
    if (ctx.profile.gatewayApiNacosBackend) return [];
    return routeRules(m).flatMap((rule) =>
      rule.refs
        .filter(({ ref }) => ref.group === HIGRESS_GROUP && ref.kind === 'Service')
        .map(({ ref, path }) => ({
          path: [...path, 'group'],
          message: `Higress ${ctx.profile.name} (${ctx.profile.versions}) rejects backendRef group ${HIGRESS_GROUP}: requests for ${ref.name} answer 500`,
        })),
    );
  },
};

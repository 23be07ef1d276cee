// parent-ref-unattached: an HTTPRoute whose parentRef names a Gateway that is not in
// the linted set, or whose listeners do not admit the route (namespace, sectionName,
// port, hostname): Higress attaches it to nothing and every request gets 404.
import { attachRoute, gatewaySchema, parentRefSchema, type GatewayDoc } from '../../gateway/translation/gateway-api.js';
import type { Hit, LintContext, Rule } from '../types.js';

function gatewaysOf(ctx: LintContext): GatewayDoc[] {
  return ctx.manifests.flatMap((m) => {
    if (m.kind !== 'Gateway') return [];
    const r = gatewaySchema.safeParse(m.value);
    return r.success ? [r.data] : [];
  });
}

export const parentRefUnattached: Rule = {
  id: 'parent-ref-unattached',
  severity: 'error',
  title: 'An HTTPRoute that attaches to no Gateway listener',
  explanation:
    'Higress serves an HTTPRoute only through the Gateway listeners its parentRefs name. The Higress controller creates ' +
    'the GatewayClass "higress" but never a Gateway, so a parentRef to a Gateway nobody applied attaches nowhere; a listener ' +
    'admits routes from its own namespace only unless allowedRoutes.namespaces.from says All; sectionName, port and the ' +
    "listener's hostname must match too. An unattached route programs nothing: every request gets 404.",
  source: 'higress pkg/ingress/kube/gateway/istio/gatewayclass.go L31-70 (class only); conversion.go default allowedRoutes Same (v2.1.11 L2120, v2.2.4 L2493-2495); facts translation-audit item 2',
  fix: 'Apply a Gateway of class higress with a listener that admits the route (see clusters/routes/gateways.yaml), or point parentRefs at one that exists.',
  checkManifest(m, ctx) {
    if (m.kind !== 'HTTPRoute') return [];
    const spec = (m.value.spec ?? {}) as { parentRefs?: unknown[]; hostnames?: string[] };
    const refs = (spec.parentRefs ?? []).flatMap((r) => {
      const p = parentRefSchema.safeParse(r);
      return p.success ? [p.data] : [];
    });
    const a = attachRoute(m.namespace, refs, spec.hostnames ?? [], gatewaysOf(ctx));
    if (a.attached) return [];
    const hit: Hit = { path: ['spec', 'parentRefs'], message: `HTTPRoute ${m.namespace}/${m.name} ${a.reason}` };
    return [hit];
  },
};

// canary-conflict and canary-no-base: canary annotations that cancel each other, and
// canary Ingresses with no base Ingress to attach to.
import type { Hit, LintContext, Manifest, Rule } from '../types.js';
import { annotationValue, ingressBackends, isIngress } from './manifest-parts.js';

const isCanary = (m: Manifest) => annotationValue(m, 'canary')?.value === 'true';

export const canaryConflict: Rule = {
  id: 'canary-conflict',
  severity: 'warning',
  title: 'Canary annotations that override each other',
  explanation:
    'Higress applies one canary kind per Ingress, Header > Cookie > Weight: with canary-by-header (or cookie) set, ' +
    'canary-weight is not even parsed. canary-by-header-pattern is ignored when canary-by-header-value is set. The ' +
    'header value match is the regex "always|<value>", so "always" also selects the canary.',
  source: 'higress pkg/ingress/kube/annotations/canary.go Parse, ApplyByHeader; annotations.go CanaryKind; facts B1',
  fix: 'Keep one canary kind per Ingress; use one canary Ingress per kind if several are needed.',
  checkManifest(m) {
    if (!isIngress(m) || !isCanary(m)) return [];
    const hits: Hit[] = [];
    const header = annotationValue(m, 'canary-by-header');
    const value = annotationValue(m, 'canary-by-header-value');
    const pattern = annotationValue(m, 'canary-by-header-pattern');
    const cookie = annotationValue(m, 'canary-by-cookie');
    const weight = annotationValue(m, 'canary-weight');
    if (value && pattern) hits.push({ path: pattern.path, message: `${pattern.key} is ignored because ${value.key} is set (the header must match "always|${value.value}")` });
    if (header && cookie) hits.push({ path: cookie.path, message: `${cookie.key} is ignored: canary-by-header wins over cookie` });
    if ((header || cookie) && weight) hits.push({ path: weight.path, message: `${weight.key} is ignored: a header/cookie canary takes no weighted traffic` });
    return hits;
  },
};

export const canaryNoBase: Rule = {
  id: 'canary-no-base',
  severity: 'warning',
  title: 'A canary Ingress without a base Ingress for the same host and path',
  explanation:
    'A canary Ingress is merged into the route of a normal (non-canary) Ingress with the same host and path; without ' +
    'one it is ignored. Checked among the linted files only.',
  source: 'higress pkg/ingress/kube/ingressv1/controller.go ApplyCanaryIngress, isCanaryRoute; facts B1',
  fix: 'Apply a non-canary Ingress for the same host and path (the stable version) next to the canary one.',
  checkManifest(m: Manifest, ctx: LintContext) {
    if (!isIngress(m) || !isCanary(m)) return [];
    const base = new Set(
      ctx.manifests.filter((x) => isIngress(x) && !isCanary(x)).flatMap((x) => ingressBackends(x).map((b) => `${b.host} ${b.path}`)),
    );
    return ingressBackends(m)
      .filter((b) => !base.has(`${b.host} ${b.path}`))
      .map((b) => ({ path: annotationValue(m, 'canary')?.path ?? ['metadata', 'annotations'], message: `no non-canary Ingress for ${b.host || '*'}${b.path} in the linted files: this canary is ignored` }));
  },
};

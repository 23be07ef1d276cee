// rewrite-target-group: rewrite-target refers to a capture group the path does not have.
import type { Hit, Rule } from '../types.js';
import { annotationValue, ingressBackends } from './manifest-parts.js';

/** Capturing groups in a regex path: "(" not followed by "?" and not escaped. */
export function captureGroups(path: string): number {
  return [...path.matchAll(/(?<!\\)\((?!\?)/g)].length;
}

export const rewriteTargetGroup: Rule = {
  id: 'rewrite-target-group',
  severity: 'error',
  title: 'rewrite-target names a capture group the path does not have',
  explanation:
    'Higress turns rewrite-target with $n into an Envoy regex_rewrite (RE2, $n → \\n) over the path regex. A group ' +
    'number higher than the path\'s capture groups is an invalid substitution: Envoy rejects the route configuration ' +
    '(or the path is rewritten to an empty group), so the rewrite the comment describes does not happen.',
  source: 'higress pkg/ingress/kube/annotations/rewrite.go convertToRE2, ApplyRoute; envoy route_components.proto regex_rewrite; facts B2. The outcome of a missing group (route rejected vs empty substitution) is inferred from RE2 CheckRewriteString [I]',
  fix: 'Use $1 for a path with one group (e.g. /api/v1/(.*) → /$1), or add the group to the path.',
  checkManifest(m) {
    const target = annotationValue(m, 'rewrite-target');
    if (!target) return [];
    const wanted = Math.max(0, ...[...target.value.matchAll(/\$(\d)/g)].map((g) => Number(g[1])));
    const hits: Hit[] = [];
    for (const b of ingressBackends(m)) {
      const groups = captureGroups(b.path);
      if (wanted > groups) hits.push({ path: target.path, message: `${target.key}: "${target.value}" uses $${wanted} but path ${b.path} has ${groups} capture group${groups === 1 ? '' : 's'}` });
    }
    return hits;
  },
};

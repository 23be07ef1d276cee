// annotation-ignored, annotation-unsupported, annotation-unknown: Ingress annotations
// Higress ignores, has no parser for, or reads under another name/prefix.
import type { Hit, Rule } from '../types.js';
import { annotations } from './manifest-parts.js';
import { BASIC_AUTH, BOTH_PREFIXES, isHigressOnly, UNSUPPORTED } from './annotation-table.js';

export const annotationIgnored: Rule = {
  id: 'annotation-ignored',
  severity: 'error',
  title: 'An annotation Higress silently ignores',
  explanation:
    'Basic-auth annotations (auth-type, auth-secret, auth-secret-type, auth-realm) were removed in Higress 2.0.0: they ' +
    'only log an error and the route is served without authentication. Higress-specific annotations (timeout, ' +
    'route-limit-*, rewrite-path, destination, header control, match-*) are read only under the higress.io/ prefix; ' +
    'under nginx.ingress.kubernetes.io/ nothing happens.',
  source: 'higress pkg/ingress/kube/annotations/auth.go, parser.go (*ForHigress); higress.cn docs user/annotation.md; facts B0, B5, B6, B11',
  fix: 'Basic auth: enable the basic-auth Wasm plugin for the route. Higress-only names: write them with the higress.io/ prefix.',
  checkManifest(m) {
    const hits: Hit[] = [];
    for (const a of annotations(m)) {
      if (BASIC_AUTH.has(a.name) && a.prefix !== 'other') {
        hits.push({ path: a.path, message: `${a.key} is ignored since Higress 2.0: the route is NOT protected by basic auth` });
      } else if (a.prefix === 'nginx' && isHigressOnly(a.name)) {
        hits.push({ path: a.path, message: `${a.key} is ignored: Higress reads ${a.name} only as higress.io/${a.name}` });
      }
    }
    return hits;
  },
};

export const annotationUnsupported: Rule = {
  id: 'annotation-unsupported',
  severity: 'warning',
  title: 'An nginx annotation Higress does not support (or supports under another name)',
  explanation:
    'Higress parses a fixed set of ingress-nginx annotations; the rest have no parser and are ignored without an event. ' +
    'Several have a Higress equivalent with another name or meaning (limit-rps → higress.io/route-limit-rps, ' +
    'proxy-read-timeout → higress.io/timeout, mirror-target → mirror-target-service).',
  source: 'higress pkg/ingress/kube/annotations/ (no parser for these names); higress.cn docs user/annotation.md; facts B11',
  fix: 'Use the Higress equivalent named in the message, or remove the annotation.',
  checkManifest(m) {
    return annotations(m)
      .filter((a) => a.prefix !== 'other' && UNSUPPORTED.has(a.name))
      .map((a) => ({ path: a.path, message: `${a.key} is not supported by Higress; use ${UNSUPPORTED.get(a.name) ?? 'nothing'}` }));
  },
};

export const annotationUnknown: Rule = {
  id: 'annotation-unknown',
  severity: 'info',
  title: 'An annotation name not in region-lab\'s Higress annotation table',
  explanation:
    'The name is neither one Higress parses nor a known unsupported nginx name; it may be a typo or a newer ' +
    'annotation. Higress ignores names it has no parser for.',
  source: 'src/lint/rules/annotation-table.ts (from higress pkg/ingress/kube/annotations, facts B)',
  fix: 'Check the spelling against the Higress annotation list (higress.cn user/annotation).',
  checkManifest(m) {
    return annotations(m)
      .filter((a) => a.prefix !== 'other' && !BOTH_PREFIXES.has(a.name) && !isHigressOnly(a.name) && !BASIC_AUTH.has(a.name) && !UNSUPPORTED.has(a.name))
      .map((a) => ({ path: a.path, message: `${a.key} is not an annotation Higress is known to read` }));
  },
};

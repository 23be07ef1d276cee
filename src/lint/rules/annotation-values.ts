// annotation-value: annotation values Higress reads differently from ingress-nginx
// (on/off flags, LB names, hash variables, redirect codes, cipher separators).
import type { Hit, Rule } from '../types.js';
import { annotations, type Annotation } from './manifest-parts.js';

const HASH_VARS = /^\$(request_uri|host|remote_addr|http_[A-Za-z0-9_]+|arg_[A-Za-z0-9_]+)$/;

/** A problem with one annotation's value, or null. */
function valueProblem(a: Annotation): string | null {
  const v = a.value.trim();
  switch (a.name) {
    case 'proxy-ssl-server-name':
      return v === 'on' || v === 'off' ? null : `"${v}" is not "on": Higress treats it as off, so no SNI is sent`;
    case 'proxy-ssl-verify':
      // upstreamtls.go only ever writes insecureSkipVerify=false: MUTUAL always verifies with the secret's CA
      return v === 'on' || v === 'off' ? null : `"${v}" is not "on"/"off"; either way Higress does not change verification (a proxy-ssl-secret's CA is always checked)`;
    case 'load-balance':
      return ['round_robin', 'least_conn', 'random'].includes(v.toLowerCase()) ? null : `"${v}" is not round_robin, least_conn or random: Higress falls back to Istio's default LEAST_REQUEST`;
    case 'upstream-hash-by':
      if (!HASH_VARS.test(v)) return `"${v}" is not one of $request_uri, $host, $remote_addr, $http_<name>, $arg_<name>: Higress uses plain round robin instead`;
      // nginx turns $http_x_user into header x-user; Higress only trims "$http_"
      return /^\$http_.*_/.test(v) ? `"${v}" hashes on the header "${v.slice(6).toLowerCase()}" on Higress, not "${v.slice(6).replaceAll('_', '-').toLowerCase()}" as on ingress-nginx: clients sending the dashed header are spread, not pinned` : null;
    case 'permanent-redirect-code': {
      const code = Number(v);
      return Number.isInteger(code) && code >= 300 && code <= 308 ? null : `"${v}" is outside 300–308: Higress uses 301`;
    }
    case 'backend-protocol':
      return ['HTTP', 'HTTP2', 'HTTPS', 'GRPC', 'GRPCS'].includes(v.toUpperCase()) ? null : `"${v}" is not supported (HTTP, HTTP2, HTTPS, GRPC, GRPCS): treated as HTTP`;
    case 'affinity':
      return v === 'cookie' ? null : `"${v}": Higress supports only cookie affinity`;
    case 'affinity-mode':
      return v === 'persistent' ? 'persistent mode is not supported: Higress uses consistent hashing on the cookie (balanced)' : null;
    case 'ssl-cipher':
      return v.includes(',') && !v.includes(':') ? 'Higress splits cipher suites on ":" (not ","): this is read as one unknown suite and dropped' : null;
    case 'canary-weight':
    case 'canary-weight-total':
    case 'route-limit-rps':
    case 'route-limit-rpm':
    case 'route-limit-burst-multiplier':
    case 'timeout':
      return /^\d+$/.test(v) ? null : `"${v}" is not a whole number: Higress ignores the annotation`;
    default:
      return null;
  }
}

export const annotationValue: Rule = {
  id: 'annotation-value',
  severity: 'warning',
  title: 'An annotation value Higress reads differently from what was meant',
  explanation:
    'Higress parses some values its own way: proxy-ssl-server-name and proxy-ssl-verify are "on"/"off" (ingress-nginx ' +
    'style "true" counts as off); unknown load-balance names fall back to least request; only five upstream-hash-by ' +
    'variables exist, and $http_x_user names the header x_user (not x-user); permanent-redirect-code must be 300–308; ssl-cipher is colon-separated; numeric annotations must ' +
    'be whole numbers.',
  source: 'higress pkg/ingress/kube/annotations/upstreamtls.go, loadbalance.go, redirect.go, downstreamtls.go; facts B3, B7, B8',
  fix: 'Write the value as the message says (e.g. proxy-ssl-server-name: "on").',
  checkManifest(m) {
    const hits: Hit[] = [];
    for (const a of annotations(m)) {
      if (a.prefix === 'other') continue;
      const problem = valueProblem(a);
      if (problem) hits.push({ path: a.path, message: `${a.key}: ${problem}` });
    }
    return hits;
  },
};

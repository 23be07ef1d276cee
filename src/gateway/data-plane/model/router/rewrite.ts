// Applies a route's rewrite to the request path (query kept): Envoy regex_rewrite
// (every match replaced) or prefix_rewrite; the authority rewrite is a header.
import type { RewritePolicy } from '../../../xds/route-policy.js';

export function rewritePath(r: RewritePolicy | undefined, url: string): string {
  if (!r || (!r.regex && !r.prefix)) return url;
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? '' : url.slice(q);
  let out = path;
  if (r.regex) {
    r.regex.pattern.lastIndex = 0;
    out = path.replace(r.regex.pattern, r.regex.substitution);
  } else if (r.prefix) {
    const { matched, replacement } = r.prefix;
    if (path.startsWith(matched)) out = replacement + path.slice(matched.length);
    else if (`${path}/` === matched) out = replacement; // the Exact /foo half of a Prefix /foo
  }
  return out + query;
}

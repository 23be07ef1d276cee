// Applies a route's rewrite to the request path (query kept): Envoy prefix_rewrite (the
// part of the path the route matched replaced), or regex_rewrite (every match of the RE2
// pattern in the path replaced by the RE2 substitution, \1 = group 1); the authority
// rewrite is a header. Patterns are compiled once per policy.
import type { RewritePolicy } from '../../../xds/route-policy.js';
import type { RouteEntry } from '../../../xds/route-table.js';

interface Compiled {
  readonly re: RegExp;
  readonly replacement: string;
}

const compiled = new WeakMap<object, Compiled>();

/** RE2 substitution (\1, literal $) → JS replacement string ($1, $$). */
export function jsSubstitution(re2: string): string {
  return re2.replaceAll('$', '$$$$').replace(/\\(\d)/g, '$$$1').replaceAll('\\\\', '\\');
}

function compile(r: NonNullable<RewritePolicy['regex']>): Compiled {
  let c = compiled.get(r);
  if (!c) compiled.set(r, (c = { re: new RegExp(r.pattern, 'g'), replacement: jsSubstitution(r.substitution) }));
  return c;
}

/**
 * The path the route matched (Envoy's matched_path): the prefix of a prefix route, the
 * whole path of an exact or regex route; replaced by `by`, the rest and query kept.
 */
export function replaceMatchedPrefix(route: Pick<RouteEntry, 'path'>, url: string, by: string): string {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const matched = route.path.type === 'Prefix' || route.path.type === 'PathPrefix' ? route.path.value.length : path.length;
  return by + url.slice(matched);
}

export function rewritePath(r: RewritePolicy | undefined, url: string, route?: Pick<RouteEntry, 'path'>): string {
  if (r?.prefix !== undefined && route) return replaceMatchedPrefix(route, url, r.prefix);
  if (!r?.regex) return url;
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const { re, replacement } = compile(r.regex);
  re.lastIndex = 0;
  return path.replace(re, replacement) + (q < 0 ? '' : url.slice(q));
}

// Applies a route's rewrite to the request path (query kept): Envoy regex_rewrite,
// every match of the RE2 pattern replaced by the RE2 substitution (\1 = group 1);
// the authority rewrite is a header. Patterns are compiled once per policy.
import type { RewritePolicy } from '../../../xds/route-policy.js';

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

export function rewritePath(r: RewritePolicy | undefined, url: string): string {
  if (!r?.regex) return url;
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const { re, replacement } = compile(r.regex);
  re.lastIndex = 0;
  return path.replace(re, replacement) + (q < 0 ? '' : url.slice(q));
}

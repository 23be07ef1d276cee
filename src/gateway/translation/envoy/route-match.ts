// A route's match as Istio writes it into Envoy's RouteMatch (route.go TranslateRouteMatch):
// the path specifier, case_sensitive false for ignore-path-case, the header matchers
// (pseudo-headers included) with the `:method` matcher appended, and the query parameters.
import type { HeaderMatch, PathMatch, QueryParamMatch, RouteEntry, StringMatch } from '../../xds/route-table.js';
import type { Json } from './json.js';

export function pathMatch(p: PathMatch): Json {
  switch (p.type) {
    case 'Exact':
      return { path: p.value };
    case 'RegularExpression':
      return { safe_regex: { regex: p.value } };
    case 'Prefix':
      return { prefix: p.value };
    case 'PathPrefix':
      // segment-aware: Envoy's path_separated_prefix, which never ends in / (the root is a plain prefix)
      return p.value === '/' ? { prefix: '/' } : { path_separated_prefix: p.value.replace(/\/+$/, '') };
  }
}

/** util.ConvertToEnvoyMatch: exact, prefix or safe_regex (Present has no string matcher). */
export function stringMatcher(m: Exclude<StringMatch, { type: 'Present' }>): Json {
  switch (m.type) {
    case 'Exact':
      return { exact: m.value };
    case 'Prefix':
      return { prefix: m.value };
    case 'RegularExpression':
      return { safe_regex: { regex: m.value } };
  }
}

/** translateHeaderMatch / translateQueryParamMatch: Istio's catch-all regex "*" becomes present_match. */
function matcher(m: HeaderMatch | QueryParamMatch): Json {
  return m.type === 'Present' ? { name: m.name, present_match: true } : { name: m.name, string_match: stringMatcher(m) };
}

export function routeMatch(r: RouteEntry): Json {
  const headers = [...r.headers.map(matcher), ...(r.method ? [matcher({ ...r.method, name: ':method' })] : [])];
  const query = r.queryParams ?? [];
  return {
    ...pathMatch(r.path),
    ...(r.ignorePathCase ? { case_sensitive: false } : {}),
    ...(headers.length > 0 ? { headers } : {}),
    ...(query.length > 0 ? { query_parameters: query.map(matcher) } : {}),
  };
}

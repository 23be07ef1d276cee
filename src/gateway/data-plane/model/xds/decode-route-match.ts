// An Envoy RouteMatch read back into the model's route view: the path specifier (with
// case_sensitive), header matchers (pseudo-headers included; `:method` kept apart, as
// the route view holds it) and query parameter matchers. Anything else is refused.
import { fullMatch, type HeaderMatch, type PathMatch, type QueryParamMatch, type StringMatch } from '../../../xds/route-table.js';
import { Fields, UnsupportedConfigError } from './fields.js';

/** What RE2 (Envoy's regex engine) refuses that JavaScript accepts: lookaround and backreferences. */
const NOT_RE2 = /\(\?<?[=!]|\\[1-9]|\\k</;

/** A regex as Envoy compiles it: one RE2 refuses is a rejected config, not a route the model can serve. */
export function re2Regex(pattern: string, where: string): RegExp {
  if (NOT_RE2.test(pattern)) throw new UnsupportedConfigError(where, `the regex ${JSON.stringify(pattern)} is not RE2 (lookaround or a backreference): Envoy rejects this config`);
  return fullMatch(pattern);
}

function decodePath(m: Fields): PathMatch {
  const path = m.str('path');
  if (path !== undefined) return { type: 'Exact', value: path };
  const sep = m.str('path_separated_prefix');
  if (sep !== undefined) return { type: 'PathPrefix', value: sep };
  const prefix = m.str('prefix');
  if (prefix !== undefined) return prefix === '/' ? { type: 'PathPrefix', value: '/' } : { type: 'Prefix', value: prefix };
  const re = m.sub('safe_regex');
  if (re) {
    const value = re.str('regex')!;
    re.done();
    return { type: 'RegularExpression', value, regex: re2Regex(value, m.where) };
  }
  throw new UnsupportedConfigError(m.where, 'a route match without path, prefix, path_separated_prefix or safe_regex');
}

/** A StringMatcher (exact, prefix, safe_regex; ignore_case and the rest refused), or present_match. */
function decodeStringMatch(f: Fields): StringMatch {
  if (f.get('present_match') === true) return { type: 'Present' };
  const sm = f.sub('string_match');
  if (!sm) throw new UnsupportedConfigError(f.where, 'a matcher other than string_match or present_match');
  const exact = sm.str('exact');
  const prefix = sm.str('prefix');
  const re = sm.sub('safe_regex');
  sm.done();
  if (exact !== undefined) return { type: 'Exact', value: exact };
  if (prefix !== undefined) return { type: 'Prefix', value: prefix };
  if (re) {
    const value = re.str('regex')!;
    re.done();
    return { type: 'RegularExpression', value, regex: re2Regex(value, f.where) };
  }
  throw new UnsupportedConfigError(f.where, 'a string_match other than exact, prefix or safe_regex');
}

function decodeNamed(v: unknown, where: string): StringMatch & { name: string } {
  const f = Fields.of(v, where);
  const name = f.str('name')!;
  const m = decodeStringMatch(f);
  f.done();
  return { ...m, name };
}

export interface DecodedMatch {
  readonly path: PathMatch;
  readonly headers: readonly HeaderMatch[];
  readonly method?: StringMatch;
  readonly queryParams?: readonly QueryParamMatch[];
  readonly ignorePathCase?: boolean;
}

export function decodeRouteMatch(m: Fields): DecodedMatch {
  const path = decodePath(m);
  const caseSensitive = m.get('case_sensitive');
  const all = m.list('headers').map((h, i) => decodeNamed(h, `${m.where}.headers[${i}]`));
  const query = m.list('query_parameters').map((q, i) => decodeNamed(q, `${m.where}.query_parameters[${i}]`));
  m.done();
  const method = all.find((h) => h.name === ':method');
  const { name: _, ...methodMatch } = method ?? { name: '' };
  return {
    path,
    headers: all.filter((h) => h !== method),
    ...(method ? { method: methodMatch as StringMatch } : {}),
    ...(query.length > 0 ? { queryParams: query } : {}),
    ...(caseSensitive === false ? { ignorePathCase: true } : {}),
  };
}

// The Ingress annotations that add match conditions to every route of an Ingress, read
// as Higress's match.go and ignore_case.go do: higress.io/match-method (space-separated,
// one regex "GET|POST"), higress.io/{exact,regex,prefix}-match-{header,pseudo-header,query}-<name>,
// and ignore-path-case (both prefixes). They also make a route's identity: the rule key
// (controller.go createRuleKey) that duplicate detection and canary attachment compare.
import { HIGRESS_PREFIX, parseBool, NGINX_PREFIX } from './annotations.js';
import { fullMatch, type HeaderMatch, type QueryParamMatch, type StringMatch } from '../../xds/route-table.js';

export interface IngressMatchConfig {
  /** Istio's `:method` regex of the methods listed (unknown names dropped). @default any method */
  readonly method?: StringMatch;
  /** Header and pseudo-header (`:authority`, `:path`, …) conditions. */
  readonly headers: readonly HeaderMatch[];
  readonly queryParams: readonly QueryParamMatch[];
  readonly ignorePathCase: boolean;
  /** createRuleKey's part after host and path: the method text and the sorted header and query annotations. */
  readonly ruleKeyExtras: string;
  /** Annotations whose regex Envoy would refuse (RE2), with the reason. */
  readonly problems: readonly string[];
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']);
const MATCH_KEY = /^higress\.io\/(exact|regex|prefix)-match-(header|pseudo-header|query)-(.+)$/;
/** Order match.go's merge gives a name set under two types (Go map order; fixed here). */
const TYPE_ORDER = { exact: 0, regex: 1, prefix: 2 } as const;

/** Istio translateHeaderMatch: regex "*" is present_match; otherwise exact, prefix or safe_regex. */
function stringMatch(type: keyof typeof TYPE_ORDER, value: string): StringMatch {
  if (type === 'exact') return { type: 'Exact', value };
  if (type === 'prefix') return { type: 'Prefix', value };
  if (value === '*') return { type: 'Present' };
  return { type: 'RegularExpression', value, regex: fullMatch(value) };
}

/** match.go matchByMethod: upper-cased, de-duplicated, only real methods, joined as the regex "A|B". */
function methodMatch(text: string | undefined): StringMatch | undefined {
  if (text === undefined) return undefined;
  const methods = [...new Set(text.split(' ').map((m) => m.toUpperCase()).filter((m) => METHODS.has(m)))];
  if (methods.length === 0) return undefined;
  const value = methods.join('|');
  return { type: 'RegularExpression', value, regex: fullMatch(value) };
}

/** The key line Higress writes for one annotation in createRuleKey ("exact-abc", "exact-:authority"). */
function keyLine(type: string, kind: string, name: string, value: string): string {
  return `${type}-${kind === 'pseudo-header' ? ':' : ''}${name}\t${value}`;
}

export function parseIngressMatch(raw: Readonly<Record<string, string>>): IngressMatchConfig {
  const headers = new Map<string, { order: number; m: HeaderMatch }>();
  const params = new Map<string, { order: number; m: QueryParamMatch }>();
  const headerKeys: string[] = [];
  const paramKeys: string[] = [];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const k = MATCH_KEY.exec(key);
    if (!k) continue;
    const [, type, kind, suffix] = k as unknown as [string, keyof typeof TYPE_ORDER, string, string];
    (kind === 'query' ? paramKeys : headerKeys).push(keyLine(type, kind, suffix, value));
    let m: StringMatch;
    try {
      m = stringMatch(type, value);
    } catch (e) {
      problems.push(`${key}: "${value}" is not a regular expression Envoy accepts (${(e as Error).message})`);
      continue;
    }
    // Envoy lower-cases header names; query parameter names are case-sensitive
    const name = kind === 'query' ? suffix : `${kind === 'pseudo-header' ? ':' : ''}${suffix.toLowerCase()}`;
    const into = kind === 'query' ? params : headers;
    const prev = into.get(name);
    // merge() keeps the first type seen for a name
    if (!prev || TYPE_ORDER[type] < prev.order) into.set(name, { order: TYPE_ORDER[type], m: { ...m, name } });
  }
  const methodText = raw[`${HIGRESS_PREFIX}match-method`];
  let method: StringMatch | undefined;
  try {
    method = methodMatch(methodText);
  } catch {
    method = undefined; // only method names reach the regex
  }
  const sorted = (lines: string[]) => [...lines].sort((a, b) => (a.split('\t')[0]! < b.split('\t')[0]! ? -1 : a.split('\t')[0]! > b.split('\t')[0]! ? 1 : 0)).join('\n');
  // Istio sorts a route's header matchers by name
  const byName = <T extends { name: string }>(list: T[]) => list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    ...(method ? { method } : {}),
    headers: byName([...headers.values()].map((h) => h.m)),
    queryParams: byName([...params.values()].map((p) => p.m)),
    ignorePathCase: parseBool(raw[`${NGINX_PREFIX}ignore-path-case`] ?? raw[`${HIGRESS_PREFIX}ignore-path-case`]),
    ruleKeyExtras: `${methodText ?? ''}\n\n${sorted(headerKeys)}\n\n${sorted(paramKeys)}\n\n`,
    problems,
  };
}

/** createRuleKey: host, path type and path, then the match annotations (a canary attaches to an equal key only). */
export function ruleKey(host: string, pathType: string, path: string, match: IngressMatchConfig): string {
  return `${host}-${pathType}-${path}\n\n${match.ruleKeyExtras}`;
}

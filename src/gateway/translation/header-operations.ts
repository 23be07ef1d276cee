// A VirtualService route's `headers` (request and response set / add / remove) turned
// into Envoy's route-level header operations as Istio's TranslateHeadersOperations does:
// each list sorted by name, `set` before `add`; pseudo-headers and Host are dropped from
// every list, and a request `host` / `:authority` set (else added) becomes the route's
// authority rewrite instead. Shared by the Ingress header-control annotations and the
// HTTPRoute header modifier filters.
import type { HeaderOperations, HeaderValue } from '../xds/route-policy.js';

/** One side of Istio's Headers: set and add as name → value maps (the last write of a name wins), remove as a list. */
export interface HeaderOpsInput {
  readonly set?: ReadonlyMap<string, string>;
  readonly add?: ReadonlyMap<string, string>;
  readonly remove?: readonly string[];
}

const isInternal = (name: string) => name.startsWith(':') || name.toLowerCase() === 'host';
const isAuthority = (name: string) => name.toLowerCase() === ':authority' || name.toLowerCase() === 'host';

function values(m: ReadonlyMap<string, string> | undefined): HeaderValue[] {
  return [...(m ?? new Map<string, string>())]
    .filter(([name]) => !isInternal(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => ({ name, value }));
}

/** The authority a header list sets (the last such entry), if any. */
function authorityOf(m: ReadonlyMap<string, string> | undefined): string | undefined {
  let out: string | undefined;
  for (const [name, value] of m ?? []) if (isAuthority(name)) out = value;
  return out;
}

function operations(side: HeaderOpsInput | undefined): HeaderOperations | undefined {
  if (!side) return undefined;
  const ops = { set: values(side.set), add: values(side.add), remove: (side.remove ?? []).filter((n) => !isInternal(n)) };
  return ops.set.length + ops.add.length + ops.remove.length > 0 ? ops : undefined;
}

export interface TranslatedHeaders {
  readonly request?: HeaderOperations;
  readonly response?: HeaderOperations;
  /** host_rewrite_literal, unless the route's own rewrite names an authority. */
  readonly authority?: string;
}

export function translateHeaderOperations(request: HeaderOpsInput | undefined, response: HeaderOpsInput | undefined): TranslatedHeaders {
  const req = operations(request);
  const resp = operations(response);
  const authority = authorityOf(request?.set) ?? authorityOf(request?.add);
  return { ...(req ? { request: req } : {}), ...(resp ? { response: resp } : {}), ...(authority ? { authority } : {}) };
}

// An Envoy Route's header operations read back: request/response_headers_to_add with
// the two append actions Istio writes (OVERWRITE_IF_EXISTS_OR_ADD ⇒ set,
// APPEND_IF_EXISTS_OR_ADD ⇒ add) and request/response_headers_to_remove. Other append
// actions, keep_empty_value and the deprecated `append` are refused.
import type { HeaderOperations, HeaderValue, RoutePolicy } from '../../../xds/route-policy.js';
import { Fields, UnsupportedConfigError } from './fields.js';

function side(r: Fields, prefix: 'request' | 'response'): HeaderOperations | undefined {
  const add = r.list(`${prefix}_headers_to_add`);
  const remove = r.list(`${prefix}_headers_to_remove`) as string[];
  if (add.length === 0 && remove.length === 0) return undefined;
  const set: HeaderValue[] = [];
  const append: HeaderValue[] = [];
  add.forEach((v, i) => {
    const o = Fields.of(v, `${r.where}.${prefix}_headers_to_add[${i}]`);
    const h = o.sub('header')!;
    const entry = { name: h.str('key')!, value: h.str('value') ?? '' };
    h.done();
    const action = o.str('append_action') ?? 'APPEND_IF_EXISTS_OR_ADD';
    o.done();
    if (action === 'OVERWRITE_IF_EXISTS_OR_ADD') set.push(entry);
    else if (action === 'APPEND_IF_EXISTS_OR_ADD') append.push(entry);
    else throw new UnsupportedConfigError(o.where, `append_action ${action} is not modelled`);
  });
  return { set, add: append, remove };
}

/** The route's header operations, as the part of its policy they are. */
export function decodeRouteHeaders(r: Fields): Pick<RoutePolicy, 'requestHeaders' | 'responseHeaders'> {
  const request = side(r, 'request');
  const response = side(r, 'response');
  return { ...(request ? { requestHeaders: request } : {}), ...(response ? { responseHeaders: response } : {}) };
}

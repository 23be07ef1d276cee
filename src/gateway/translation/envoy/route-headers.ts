// A route's header operations as Istio writes them on the Envoy Route: request_headers_to_add
// (set entries as OVERWRITE_IF_EXISTS_OR_ADD, then add entries as APPEND_IF_EXISTS_OR_ADD),
// request_headers_to_remove, and the same two for the response.
import type { HeaderOperations, RoutePolicy } from '../../xds/route-policy.js';
import type { Json } from './json.js';

function toAdd(ops: HeaderOperations): Json[] {
  return [
    ...ops.set.map((h) => ({ header: { key: h.name, value: h.value }, append_action: 'OVERWRITE_IF_EXISTS_OR_ADD' })),
    ...ops.add.map((h) => ({ header: { key: h.name, value: h.value }, append_action: 'APPEND_IF_EXISTS_OR_ADD' })),
  ];
}

function side(ops: HeaderOperations | undefined, prefix: 'request' | 'response'): Json {
  if (!ops) return {};
  const add = toAdd(ops);
  return {
    ...(add.length > 0 ? { [`${prefix}_headers_to_add`]: add } : {}),
    ...(ops.remove.length > 0 ? { [`${prefix}_headers_to_remove`]: [...ops.remove] } : {}),
  };
}

export function routeHeaderOperations(p: RoutePolicy | undefined): Json {
  return { ...side(p?.requestHeaders, 'request'), ...side(p?.responseHeaders, 'response') };
}

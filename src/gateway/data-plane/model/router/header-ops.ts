// A route's header operations applied as Envoy's HeaderParser::evaluateHeaders does:
// removals first, then every `set` overwrites, then every `add` appends another value
// (on HTTP/1 another header line); an empty value is never added. Names are compared
// lower-cased, as Envoy's header map does.
import type { OutgoingHttpHeaders } from 'node:http';
import type { HeaderOperations } from '../../../xds/route-policy.js';

export function applyHeaderOperations(ops: HeaderOperations | undefined, headers: OutgoingHttpHeaders): void {
  if (!ops) return;
  for (const name of ops.remove) delete headers[name.toLowerCase()];
  for (const h of ops.set) if (h.value !== '') headers[h.name.toLowerCase()] = h.value;
  for (const h of ops.add) {
    if (h.value === '') continue;
    const name = h.name.toLowerCase();
    const prev = headers[name];
    headers[name] = prev === undefined ? h.value : [...(Array.isArray(prev) ? prev : [String(prev)]), h.value];
  }
}

// The small pieces of Envoy's v3 JSON (the proto3 JSON mapping) that every resource
// region-lab writes uses: type URLs, durations, percentages, a typed extension.

/** A resource or message as JSON: what a DiscoveryResponse carries. */
export type Json = { readonly [k: string]: unknown };

export { duration, FILTER, METADATA, parseDuration, TYPE, UNKNOWN_CLUSTER } from '../../xds/envoy-names.js';

/** FractionalPercent out of a hundred. */
export function percent(n: number): Json {
  return { numerator: n, denominator: 'HUNDRED' };
}

export function typed(type: string, body: Json): Json {
  return { '@type': type, ...body };
}

/** A socket address for "ip:port". */
export function socketAddress(address: string): Json {
  const i = address.lastIndexOf(':');
  return { socket_address: { address: address.slice(0, i), port_value: Number(address.slice(i + 1)) } };
}

/** Envoy RE2 regex matcher (safe_regex); Envoy matches it against the whole value. */
export function safeRegex(regex: string): Json {
  return { regex };
}

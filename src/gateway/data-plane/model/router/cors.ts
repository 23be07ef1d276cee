// Envoy's CORS filter with the policy Higress writes from the cors-* annotations:
// a preflight (OPTIONS + Origin + Access-Control-Request-Method) from an allowed
// origin is answered by the gateway; other requests from an allowed origin get
// the allow-origin / credentials / expose headers on the upstream response. A
// disallowed origin gets no CORS headers (the request still goes upstream).
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { CorsPolicy } from '../../../xds/route-policy.js';

const compiled = new WeakMap<object, RegExp>();

/** allow_origin_string_match: exact, or an RE2 regex matching the whole origin. */
export function originAllowed(p: CorsPolicy, origin: string): boolean {
  for (const o of p.allowOrigins) {
    if ('exact' in o) {
      if (o.exact === origin) return true;
      continue;
    }
    let re = compiled.get(o);
    if (!re) compiled.set(o, (re = new RegExp(`^(?:${o.regex})$`)));
    if (re.test(origin)) return true;
  }
  return false;
}

export function isPreflight(req: IncomingMessage): boolean {
  return req.method === 'OPTIONS' && req.headers.origin !== undefined && req.headers['access-control-request-method'] !== undefined;
}

/** Answers a preflight from an allowed origin (200, no body); false when the request must go on. */
export function answerPreflight(p: CorsPolicy, req: IncomingMessage, res: ServerResponse): boolean {
  const origin = req.headers.origin!;
  if (!originAllowed(p, origin)) return false;
  const h: OutgoingHttpHeaders = { 'access-control-allow-origin': origin, server: 'istio-envoy', 'content-length': 0 };
  // Envoy writes each of these only when the policy sets it
  if (p.allowMethods) h['access-control-allow-methods'] = p.allowMethods;
  if (p.allowHeaders) h['access-control-allow-headers'] = p.allowHeaders;
  if (p.maxAge) h['access-control-max-age'] = p.maxAge;
  if (p.allowCredentials) h['access-control-allow-credentials'] = 'true';
  if (p.exposeHeaders) h['access-control-expose-headers'] = p.exposeHeaders;
  res.writeHead(200, h);
  res.end();
  return true;
}

/** Adds the response headers for a simple (non-preflight) request from an allowed origin. */
export function addCorsHeaders(p: CorsPolicy, origin: string | undefined, headers: OutgoingHttpHeaders): void {
  if (origin === undefined || !originAllowed(p, origin)) return;
  headers['access-control-allow-origin'] = origin;
  if (p.allowCredentials) headers['access-control-allow-credentials'] = 'true';
  if (p.exposeHeaders) headers['access-control-expose-headers'] = p.exposeHeaders;
}

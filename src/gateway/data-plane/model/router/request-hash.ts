// The request's consistent-hash key for a RING_HASH cluster (Envoy route hash
// policy from Istio consistentHash), and the cookie Envoy generates when a cookie
// hash has a TTL and the request carries no such cookie.
import type { IncomingMessage } from 'node:http';
import type { HashKey } from '../../../xds/cluster-policy.js';
import { hashKey } from '../load-balancer/ring-hash.js';

export interface RequestHash {
  readonly hash: number | undefined;
  /** Set-Cookie to add to the response (a generated affinity cookie). */
  readonly setCookie?: string;
}

const NO_HASH: RequestHash = { hash: undefined };

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const v = part.slice(eq + 1).trim();
    return v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
  }
  return undefined;
}

function queryValue(url: string, name: string): string | undefined {
  const q = url.indexOf('?');
  if (q < 0) return undefined;
  return new URLSearchParams(url.slice(q + 1)).get(name) ?? undefined;
}

export function requestHash(key: HashKey, req: IncomingMessage): RequestHash {
  switch (key.kind) {
    case 'header': {
      const v = key.name === ':path' ? req.url : key.name === ':authority' ? req.headers.host : req.headers[key.name];
      return v === undefined ? NO_HASH : { hash: hashKey(Array.isArray(v) ? v.join(',') : v) };
    }
    case 'source-ip':
      return req.socket.remoteAddress ? { hash: hashKey(req.socket.remoteAddress) } : NO_HASH;
    case 'query': {
      const v = queryValue(req.url ?? '', key.name);
      return v === undefined ? NO_HASH : { hash: hashKey(v) };
    }
    case 'cookie': {
      const v = cookieValue(req.headers.cookie, key.name);
      if (v !== undefined) return { hash: hashKey(v) };
      if (key.ttlSeconds === undefined) return NO_HASH;
      // Envoy: value = hash of the downstream remote and local addresses; the request hashes on it
      const s = req.socket;
      const value = hashKey(`${s.remoteAddress}:${s.remotePort}${s.localAddress}:${s.localPort}`).toString(16).padStart(8, '0');
      const setCookie = `${key.name}="${value}"${key.ttlSeconds > 0 ? `; Max-Age=${key.ttlSeconds}` : ''}${key.path ? `; Path=${key.path}` : ''}; HttpOnly`;
      return { hash: hashKey(value), setCookie };
    }
  }
}

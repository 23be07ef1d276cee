// Envoy's RING_HASH load balancer, as Istio configures it for consistentHash
// (minimum ring size 1024): hosts hashed onto a ring in proportion to weight, a
// request's hash picks the first entry at or after it. The hash function is
// FNV-1a, not Envoy's xxHash: the same key always lands on the same host, but not
// the host Envoy would pick.
import type { Endpoint } from '../upstream/endpoint.js';

export const MIN_RING_SIZE = 1024;

/** 32-bit FNV-1a over a string's UTF-16 code units (no allocation). */
export function hashKey(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // final avalanche so near keys spread around the ring
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

export class Ring {
  private readonly hashes: Uint32Array;
  private readonly hosts: Endpoint[];

  constructor(endpoints: readonly Endpoint[]) {
    const totalWeight = endpoints.reduce((s, e) => s + e.weight, 0) || 1;
    const scale = Math.max(MIN_RING_SIZE, endpoints.length) / totalWeight;
    const entries: { h: number; e: Endpoint }[] = [];
    for (const e of endpoints) {
      const n = Math.max(1, Math.round(e.weight * scale));
      for (let i = 0; i < n; i++) entries.push({ h: hashKey(`${e.address}_${i}`), e });
    }
    entries.sort((a, b) => a.h - b.h);
    this.hashes = Uint32Array.from(entries, (x) => x.h);
    this.hosts = entries.map((x) => x.e);
  }

  pick(hash: number): Endpoint | undefined {
    const n = this.hashes.length;
    if (n === 0) return undefined;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.hashes[mid]! < hash) lo = mid + 1;
      else hi = mid;
    }
    return this.hosts[lo === n ? 0 : lo];
  }
}

// whitelist-source-range as the CIDR ranges of Envoy RBAC remote_ip principals
// (config.core.v3.CidrRange): IPv4 only; a bare address is /32; an entry that
// does not parse is dropped, as Higress logs and skips it.

/** Envoy CidrRange: the masked base address and the prefix length. */
export interface CidrRange {
  readonly addressPrefix: string;
  readonly prefixLen: number;
}

export function ipv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n >>> 0;
}

export function maskOf(prefixLen: number): number {
  return prefixLen === 0 ? 0 : (0xffffffff << (32 - prefixLen)) >>> 0;
}

/** Parses "a.b.c.d/n, e.f.g.h" into ranges ("*" is every address); entries that do not parse are dropped. */
export function parseCidrList(text: string): CidrRange[] {
  const ranges: CidrRange[] = [];
  for (const raw of text.split(',')) {
    // Higress's e2e (whitelist-source-range "*") admits every client
    if (raw.trim() === '*') {
      ranges.push({ addressPrefix: '0.0.0.0', prefixLen: 0 });
      continue;
    }
    const [addr, bits] = raw.trim().split('/');
    const base = ipv4(addr ?? '');
    const n = bits === undefined ? 32 : Number(bits);
    if (base === undefined || !Number.isInteger(n) || n < 0 || n > 32) continue;
    const b = (base & maskOf(n)) >>> 0;
    ranges.push({ addressPrefix: [b >>> 24, (b >>> 16) & 255, (b >>> 8) & 255, b & 255].join('.'), prefixLen: n });
  }
  return ranges;
}

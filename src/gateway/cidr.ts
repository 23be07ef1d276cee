// whitelist-source-range as Envoy RBAC's remote_ip principals: an allow-list of
// IPv4 CIDRs (a bare address is /32), checked against the downstream peer address.

interface Range {
  readonly base: number;
  readonly mask: number;
}

function ipv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n >>> 0;
}

export class IpAllowList {
  private constructor(
    private readonly ranges: readonly Range[],
    /** As written, for the admin page. */
    readonly text: string,
  ) {}

  /** Parses "a.b.c.d/n, e.f.g.h"; entries that do not parse are dropped (Higress logs and skips them). */
  static parse(text: string): IpAllowList {
    const ranges: Range[] = [];
    for (const raw of text.split(',')) {
      const [addr, bits] = raw.trim().split('/');
      const base = ipv4(addr ?? '');
      const n = bits === undefined ? 32 : Number(bits);
      if (base === undefined || !Number.isInteger(n) || n < 0 || n > 32) continue;
      const mask = n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0;
      ranges.push({ base: (base & mask) >>> 0, mask });
    }
    return new IpAllowList(ranges, text);
  }

  allows(remote: string | undefined): boolean {
    if (!remote) return false;
    const ip = ipv4(remote.startsWith('::ffff:') ? remote.slice(7) : remote);
    if (ip === undefined) return false;
    for (const r of this.ranges) if (((ip & r.mask) >>> 0) === r.base) return true;
    return false;
  }
}

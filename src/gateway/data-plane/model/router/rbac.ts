// The RBAC filter's allow-list check (remote_ip principals, any of them): the
// downstream peer address against the route's CIDR ranges.
import { ipv4, maskOf, type CidrRange } from '../../../xds/cidr.js';

interface Range {
  readonly base: number;
  readonly mask: number;
}

export class IpAllowList {
  private readonly ranges: readonly Range[];
  constructor(cidrs: readonly CidrRange[]) {
    this.ranges = cidrs.map((c) => ({ base: ipv4(c.addressPrefix) ?? 0, mask: maskOf(c.prefixLen) }));
  }

  allows(remote: string | undefined): boolean {
    if (!remote) return false;
    const ip = ipv4(remote.startsWith('::ffff:') ? remote.slice(7) : remote);
    if (ip === undefined) return false;
    for (const r of this.ranges) if (((ip & r.mask) >>> 0) === r.base) return true;
    return false;
  }
}

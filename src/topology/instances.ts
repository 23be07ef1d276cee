// The business instances a region's topology declares, in the order both targets
// start and name them (<app>-<region>-<n>), and where each one's admin API listens.
import { instanceName } from './names.js';
import type { RegionSpec } from './schema.js';

/** A business instance's admin API (fault injection) listens this many ports above its data port. */
export const ADMIN_PORT_OFFSET = 10_000;

export interface BusinessInstance {
  readonly app: string;
  readonly nacosService: string;
  /** The Nacos group and namespace id it registers in. */
  readonly nacosGroup: string;
  readonly nacosNamespace: string;
  /** Its address in the topology file ("127.0.1.101:19001"). */
  readonly address: string;
  readonly fallback: boolean;
  /** 1-based, per service. */
  readonly index: number;
  /** <app>-<region>-<index>. */
  readonly name: string;
}

/** Every instance of a region's business cluster: its services' first, then the fallback's. */
export function businessInstances(r: Pick<RegionSpec, 'name' | 'business'>): BusinessInstance[] {
  const out: BusinessInstance[] = [];
  const add = (s: RegionSpec['business']['services'][number], fallback: boolean) =>
    s.instances.forEach((address, i) =>
      out.push({ app: s.app, nacosService: s.nacosService, nacosGroup: s.nacosGroup, nacosNamespace: s.nacosNamespace, address, fallback, index: i + 1, name: instanceName(s.app, r.name, i + 1) }),
    );
  for (const s of r.business.services) add(s, false);
  if (r.business.fallback) add(r.business.fallback, true);
  return out;
}

/** The admin API base URL of an instance listening at address (loopback, local target). */
export function adminUrlOf(address: string): string {
  const [host, port] = address.split(':') as [string, string];
  return `http://${host}:${Number(port) + ADMIN_PORT_OFFSET}`;
}

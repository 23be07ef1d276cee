// What a business service received, read from every instance's admin GET /stats
// (`served`) just before the load and when it ends: the evidence for a traffic mirror,
// whose answers the gateway throws away. Only the load's copies count (the calibration
// burst before it is mirrored too). A missing instance makes the service's count unknown.
import type { Expectation } from '../../scenario/schema.js';
import { adminUrlOf, businessInstances } from '../../topology/instances.js';
import type { Topology } from '../../topology/schema.js';

/** Sum of `served` over every instance (all regions) of each service a mirror-copies expectation names. */
export async function readMirrorCopies(t: Topology, expectations: readonly Expectation[]): Promise<Record<string, number | undefined>> {
  const services = [...new Set(expectations.flatMap((e) => (e.kind === 'mirror-copies' ? [e.service] : [])))];
  const out: Record<string, number | undefined> = {};
  for (const service of services) {
    const admins = t.regions.flatMap((r) => businessInstances(r).filter((i) => i.nacosService === service)).map((i) => `${adminUrlOf(i.address)}/stats`);
    try {
      const served = await Promise.all(admins.map(async (url) => ((await (await fetch(url, { signal: AbortSignal.timeout(3000) })).json()) as { served: number }).served));
      out[service] = admins.length === 0 ? undefined : served.reduce((a, n) => a + n, 0);
    } catch {
      out[service] = undefined; // an instance down or frozen: the count would be short, so report none
    }
  }
  return out;
}

/** What each service received between two readings; unknown when either reading is. */
export function copiesSince(now: Readonly<Record<string, number | undefined>>, before: Readonly<Record<string, number | undefined>>): Record<string, number | undefined> {
  const since = (service: string, n: number | undefined) => {
    // read before but unknown then: the difference is unknown too; never read before: the count as is
    const b = service in before ? before[service] : 0;
    return n === undefined || b === undefined ? undefined : n - b;
  };
  return Object.fromEntries(Object.entries(now).map(([service, n]) => [service, since(service, n)]));
}

// A RouteConfiguration read back into the model's route list: each virtual host's
// routes in order, carrying the host names of their virtual host ("*" = any host).
import type { RouteEntry } from '../../../xds/route-table.js';
import { Fields } from './fields.js';
import { decodeRoute } from './decode-route.js';

export interface DecodedRouteConfig {
  readonly name: string;
  readonly routes: readonly RouteEntry[];
}

/** A virtual host's domains as route host names: `h` and `h:*` are one name; "*" is any. */
function hostnames(domains: readonly string[]): string[] {
  const names = new Set(domains.filter((d) => d !== '*').map((d) => d.replace(/:\*$/, '').toLowerCase()));
  return [...names];
}

/** The cluster each route sends to when it has exactly one (the hidden fallback routes do). */
function singleClusters(vhosts: readonly unknown[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const v of vhosts) for (const r of ((v as { routes?: unknown[] }).routes ?? []) as { name?: string; route?: { cluster?: string } }[]) {
    if (r.name && r.route?.cluster) out.set(r.name, r.route.cluster);
  }
  return out;
}

export function decodeRouteConfig(v: unknown, fallbacks: (cluster: string) => readonly string[] | undefined): DecodedRouteConfig {
  const rc = Fields.of(v, 'route configuration');
  const name = rc.str('name') ?? '';
  const where = `route configuration ${name}`;
  const vhosts = rc.list('virtual_hosts');
  rc.ignore('validate_clusters', '@type').done();
  const hidden = singleClusters(vhosts);
  const routes = vhosts.flatMap((vh, i) => {
    const f = Fields.of(vh, `${where} virtual host ${i}`);
    const names = hostnames((f.list('domains') as string[]) ?? []);
    const list = f.list('routes');
    f.ignore('name').done();
    return list.map((r, j) => decodeRoute(r, `${f.where} route ${j}`, { hostnames: names, fallbacks, redirectCluster: (routeName) => hidden.get(routeName) ?? '' }));
  });
  return { name, routes };
}

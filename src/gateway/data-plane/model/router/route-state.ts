// What a route holds at run time in the data plane, made when the route is first
// used: the local rate limit's token bucket and the compiled allow-list. Keyed by
// the route object, so a route table pushed again (xDS) starts with fresh buckets,
// as Envoy builds new per-route filter configs on every RDS update.
import { LocalRateLimit } from './rate-limit.js';
import { IpAllowList } from './rbac.js';
import type { RouteEntry } from '../../../xds/route-table.js';

export interface RouteState {
  readonly rateLimit?: LocalRateLimit;
  readonly ipAllow?: IpAllowList;
}

/** @param refill how the profile's Envoy refills a token bucket (1.27: timer; later: continuous) */
export function routeStates(refill: 'timer' | 'continuous' = 'continuous'): (route: RouteEntry) => RouteState {
  const states = new WeakMap<RouteEntry, RouteState>();
  return (route) => {
    let s = states.get(route);
    if (!s) {
      const p = route.policy;
      s = { ...(p?.rateLimit ? { rateLimit: new LocalRateLimit(p.rateLimit, refill) } : {}), ...(p?.ipAllow ? { ipAllow: new IpAllowList(p.ipAllow.ranges) } : {}) };
      states.set(route, s);
    }
    return s;
  };
}

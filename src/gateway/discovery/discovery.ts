// Service discovery as Higress's nacos2 watcher does it (registry/nacos/v2/watcher.go):
// the service list per group at start and every nacosRefreshInterval; per listed
// service, instance changes as pushes: the gRPC subscription's own pushes when the
// source has subscribe (grpc-registry-source.ts), else a listInstances read every
// pushPollMs standing in for them; each push becomes the cluster's endpoints.
import type { EndpointSink, EndpointSpec } from '../xds/endpoint-spec.js';
import type { EventSink } from '../events.js';
import { nacosHost, staticHost } from '../translation/host-name.js';
import type { RegistrySpec } from '../translation/mcpbridge.js';
import type { HigressProfile } from '../profiles.js';
import type { RegistryInstance, RegistrySource } from './registry-source.js';

export interface DiscoveryOptions {
  readonly registries: readonly RegistrySpec[];
  readonly source: RegistrySource;
  readonly clusters: EndpointSink;
  readonly profile: HigressProfile;
  readonly emit: EventSink;
  readonly pushPollMs: number;
  /** Overrides every registry's service-list interval (tests; Higress clamps to ≥ 10 s). */
  readonly refreshIntervalMs?: number;
  /** Back-off unit between failed service-list fetches. @default 1000 (DefaultFetchRetryBackoff) */
  readonly fetchRetryBackoffMs?: number;
}

/** watcher.go DefaultFetchMaxRetries. */
const FETCH_MAX_RETRIES = 10;

/** Endpoints for one push (generateServiceEntry): every instance, healthy or not; metadata as labels. */
export function endpointsFromInstances(instances: readonly RegistryInstance[], profile: HigressProfile): EndpointSpec[] {
  return instances.map((i) => ({
    address: `${i.ip}:${i.port}`,
    // #3342 (2.2.0): round(weight), ≤0 → 1; Istio treats an endpoint weight of 0 as 1
    weight: profile.nacosInstanceWeight ? Math.max(1, i.weight > 0 ? Math.round(i.weight) : 1) : 1,
    labels: i.metadata,
  }));
}

interface Subscription {
  readonly group: string;
  readonly service: string;
  readonly host: string;
  lastApplied?: string;
  timer?: NodeJS.Timeout;
  unsubscribe?: () => void;
}

export class Discovery {
  private stopped = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly subs = new Map<string, Map<string, Subscription>>();
  private readonly failing = new Set<string>();
  /** Registries subscribed to each host: Higress's cache keeps one ServiceEntry per host (registry/memory/cache.go). */
  private readonly servedBy = new Map<string, Set<string>>();

  constructor(private readonly o: DiscoveryOptions) {
    // a push source reports its connection; polling reports errors per read instead
    o.source.onStatus?.((name, error) => {
      const r = o.registries.find((x) => x.name === name);
      if (!r || this.stopped) return;
      if (error === undefined) this.recovered(r);
      else this.registryError(r, new Error(error));
    });
  }

  /** Starts every watcher; resolves once each has done its first pass (successful or not). */
  async start(): Promise<void> {
    await Promise.all(
      this.o.registries.map((r) => {
        if (r.type === 'static') {
          this.o.clusters.apply(staticHost(r.name), r.staticEndpoints.map((e) => ({ address: `${e.ip}:${e.port}`, weight: 1, labels: {} })));
          return undefined;
        }
        this.subs.set(r.name, new Map());
        return new Promise<void>((firstPass) => void this.run(r, firstPass));
      }),
    );
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    for (const m of this.subs.values()) for (const s of m.values()) clearTimeout(s.timer);
    this.o.source.close?.();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => (this.timers.delete(t), resolve()), ms);
      this.timers.add(t);
    });
  }

  /** Run(): fetchAllServices at start, then on the ticker; a failed fetch retries with back-off, then waits for the ticker. */
  private async run(r: RegistrySpec, firstPass: () => void): Promise<void> {
    const interval = this.o.refreshIntervalMs ?? r.refreshIntervalMs;
    while (!this.stopped) {
      const began = Date.now();
      for (let tries = 0; !this.stopped; tries++) {
        const ok = await this.fetchAllServices(r);
        firstPass();
        if (ok || tries >= FETCH_MAX_RETRIES) break;
        await this.sleep((tries + 1) * (this.o.fetchRetryBackoffMs ?? 1000));
      }
      // a Go ticker keeps its period; a tick missed while fetching fires at once
      await this.sleep(Math.max(0, interval - ((Date.now() - began) % interval)));
    }
  }

  private async fetchAllServices(r: RegistrySpec): Promise<boolean> {
    const fetched = new Map<string, { group: string; service: string }>();
    try {
      for (const group of r.groups) for (const service of await this.o.source.listServices(r, group)) fetched.set(`${group}@@${service}`, { group, service });
    } catch (e) {
      this.registryError(r, e);
      return false;
    }
    if (this.stopped) return true;
    const subs = this.subs.get(r.name)!;
    for (const [key, sub] of subs) {
      if (fetched.has(key)) continue;
      // Unsubscribe only: the ServiceEntry stays in the cache until the watcher stops
      clearTimeout(sub.timer);
      sub.unsubscribe?.();
      subs.delete(key);
      const kept = this.o.clusters.count(sub.host);
      if (kept !== undefined) this.o.emit({ kind: 'endpoints-stale', cluster: sub.host, endpoints: kept, reason: 'service left the Nacos service list: Higress unsubscribes but keeps its ServiceEntry' });
    }
    const added = [...fetched].filter(([key, s]) => !subs.has(key) && s.service !== '' && !s.service.startsWith('consumers:'));
    await Promise.all(
      added.map(async ([key, { group, service }]) => {
        const sub: Subscription = { group, service, host: nacosHost(service, group, r.namespace) };
        subs.set(key, sub);
        this.noteServedBy(sub.host, r.name);
        await (this.o.source.subscribe ? this.subscribe(r, sub, key) : this.poll(r, sub)); // Subscribe delivers the current list at once
      }),
    );
    this.recovered(r);
    return true;
  }

  /** watcher.go subscribe: on failure the service stays out of WatchingServices, so the next refresh retries it. */
  private async subscribe(r: RegistrySpec, sub: Subscription, key: string): Promise<void> {
    try {
      const unsubscribe = await this.o.source.subscribe!(r, sub.service, sub.group, (instances) => {
        if (!this.stopped && this.subs.get(r.name)?.get(key) === sub) this.push(sub, instances);
      });
      if (this.stopped || this.subs.get(r.name)?.get(key) !== sub) return unsubscribe();
      sub.unsubscribe = unsubscribe;
    } catch (e) {
      this.subs.get(r.name)?.delete(key);
      this.registryError(r, e, sub.service);
    }
  }

  private async poll(r: RegistrySpec, sub: Subscription): Promise<void> {
    try {
      this.push(sub, await this.o.source.listInstances(r, sub.service, sub.group));
      this.recovered(r);
    } catch (e) {
      this.registryError(r, e, sub.service); // no push arrives: the last state stays
    }
    if (this.stopped || this.subs.get(r.name)?.get(`${sub.group}@@${sub.service}`) !== sub) return;
    sub.timer = setTimeout(() => void this.poll(r, sub), this.o.pushPollMs);
  }

  /** The subscribe callback for one push. */
  private push(sub: Subscription, all: readonly RegistryInstance[]): void {
    const instances = all.filter((i) => i.enabled !== false); // the server strips disabled instances from pushes
    if (instances.length === 0) {
      const kept = this.o.clusters.count(sub.host);
      if (this.o.profile.emptyInstances === 'delete-cluster') return this.o.clusters.remove(sub.host, 'instance list empty');
      // nacos-sdk-go with updateCacheWhenEmpty=false drops the empty push: no callback at all
      if (kept !== undefined && sub.lastApplied !== 'empty') this.o.emit({ kind: 'endpoints-stale', cluster: sub.host, endpoints: kept, reason: 'instance list empty: nacos-sdk-go drops the push (updateCacheWhenEmpty=false), endpoints kept' });
      if (kept !== undefined) sub.lastApplied = 'empty';
      return;
    }
    if (instances[0]?.metadata['register-resource'] === 'mcp-bridge') return;
    const specs = endpointsFromInstances(instances, this.o.profile);
    const signature = JSON.stringify(specs);
    if (signature === sub.lastApplied) return;
    sub.lastApplied = signature;
    this.o.clusters.apply(sub.host, specs);
  }

  /** Says once per host when a second registry serves it: their pushes replace each other, no merge. */
  private noteServedBy(host: string, registry: string): void {
    const by = this.servedBy.get(host) ?? new Set<string>();
    if (by.has(registry)) return;
    by.add(registry);
    this.servedBy.set(host, by);
    if (by.size === 2) this.o.emit({ kind: 'host-shared', cluster: host, registries: [...by], reason: 'one ServiceEntry per host: each registry\'s push replaces the other\'s endpoints (no merge), so the host routes to the last registry to push' });
  }

  private registryError(r: RegistrySpec, e: unknown, service?: string): void {
    if (this.failing.has(r.name)) return; // one event per outage, not one per poll
    this.failing.add(r.name);
    this.o.emit({ kind: 'registry-error', registry: r.name, error: (e as Error)?.message ?? String(e), ...(service ? { service } : {}) });
  }

  private recovered(r: RegistrySpec): void {
    if (this.failing.delete(r.name)) this.o.emit({ kind: 'registry-recovered', registry: r.name });
  }
}

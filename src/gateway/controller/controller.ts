// Higress's controller for one middleware cluster, in-process: the routing manifests
// translated for the profile, the registries watched into the endpoint store, and
// on every change a fresh xDS snapshot for each gateway instance it serves, pushed
// at once (discovery's push timing is the data plane's). Kubernetes Services come
// from the topology's static map, as an API server would serve their Endpoints.
import type { EventSink } from '../events.js';
import type { HigressProfile } from '../profiles.js';
import { Discovery } from '../discovery/discovery.js';
import type { RegistrySource } from '../discovery/registry-source.js';
import type { EndpointSpec } from '../xds/endpoint-spec.js';
import type { XdsSnapshot } from '../xds/snapshot.js';
import { buildGatewaySnapshot, referencedClusters, type GatewaySnapshotInput } from '../translation/envoy/snapshot.js';
import type { Json } from '../translation/envoy/json.js';
import type { ProxyIdentity } from '../translation/locality-priority.js';
import type { LoadedManifests } from '../translation/manifests.js';
import { parseOutboundCluster, type KubeServices } from '../translation/services.js';
import { EndpointStore } from './endpoint-store.js';

/** One gateway instance the controller configures, and where its snapshots go. */
export interface ProxyTarget {
  readonly name: string;
  readonly identity: ProxyIdentity;
  readonly listen: string;
  readonly listenHttps?: string;
  readonly dialFor?: (address: string) => string;
  readonly sources: GatewaySnapshotInput['sources'];
  readonly accessLog?: readonly Json[];
  readonly healthCheckEventLogger?: readonly Json[];
  /** Writing for Envoy ≥ 1.28 while the profile's Envoy is 1.27: compensate max_ejection_percent. */
  readonly compensate127?: boolean;
  /** Receives each snapshot; a rejection (a thrown error) is reported as the testbed's failure. */
  push(snapshot: XdsSnapshot): void | Promise<void>;
}

export interface ControllerOptions {
  readonly profile: HigressProfile;
  readonly manifests: LoadedManifests;
  readonly services: KubeServices;
  readonly source: RegistrySource;
  readonly proxies: readonly ProxyTarget[];
  readonly emit: EventSink;
  readonly pushPollMs: number;
  /** Test override of nacosRefreshInterval. */
  readonly refreshIntervalMs?: number;
  /** Called when a push fails (a config the data plane rejected). */
  readonly onPushError?: (proxy: string, error: unknown) => void;
}

export class Controller {
  private manifests: LoadedManifests;
  private readonly store: EndpointStore;
  private readonly discovery: Discovery;
  private version = 0;
  private started = false;
  /** Host counts at cluster creation, for the 1.27 ejection compensation (see cluster.ts). */
  private readonly hostsAtCreation = new Map<string, number>();

  constructor(private readonly o: ControllerOptions) {
    this.manifests = o.manifests;
    this.store = new EndpointStore(() => this.started && this.pushAll(), o.emit);
    this.discovery = new Discovery({
      registries: o.manifests.registries,
      source: o.source,
      clusters: this.store,
      profile: o.profile,
      emit: o.emit,
      pushPollMs: o.pushPollMs,
      ...(o.refreshIntervalMs === undefined ? {} : { refreshIntervalMs: o.refreshIntervalMs }),
    });
  }

  /** Discovery's first pass, then the first snapshot to every proxy. */
  async start(): Promise<void> {
    await this.discovery.start();
    this.started = true;
    await this.pushAll();
  }

  stop(): void {
    this.started = false;
    this.discovery.stop();
  }

  /** A new route set (kubectl apply); registries and DestinationRules keep their start-up values. */
  async reload(next: LoadedManifests): Promise<void> {
    this.manifests = { ...next, registries: this.manifests.registries, policies: this.manifests.policies };
    await this.pushAll();
  }

  get routes(): LoadedManifests['routes'] {
    return this.manifests.routes;
  }

  /** Service host → endpoints: the registries' hosts, and every Kubernetes Service a route names. */
  endpoints(): Map<string, readonly EndpointSpec[]> {
    const out = new Map<string, readonly EndpointSpec[]>(this.store.entries());
    for (const name of referencedClusters(this.manifests.routes)) {
      const svc = parseOutboundCluster(name);
      const eps = svc && this.o.services.endpoints(svc.fqdn, svc.port);
      if (eps && !out.has(name)) out.set(name, eps);
    }
    return out;
  }

  snapshotFor(p: ProxyTarget, endpoints = this.endpoints()): XdsSnapshot {
    for (const [h, eps] of endpoints) if (!this.hostsAtCreation.has(h)) this.hostsAtCreation.set(h, eps.length);
    return buildGatewaySnapshot({
      version: String(this.version),
      manifests: this.manifests,
      endpoints,
      profile: this.o.profile,
      proxy: p.identity,
      listen: p.listen,
      ...(p.listenHttps ? { listenHttps: p.listenHttps } : {}),
      ...(p.dialFor ? { dialFor: p.dialFor } : {}),
      sources: p.sources,
      ...(p.accessLog ? { accessLog: p.accessLog } : {}),
      ...(p.healthCheckEventLogger ? { healthCheckEventLogger: p.healthCheckEventLogger } : {}),
      ...(p.compensate127 && this.o.profile.envoyMinor === '1.27' ? { compensate127Hosts: (c: string) => this.hostsAtCreation.get(c) ?? 0 } : {}),
    });
  }

  private dirty = false;
  private running: Promise<void> | undefined;

  /**
   * Pushes the current state to every proxy, one push at a time; changes that arrive
   * during a push are coalesced into the next one (as istiod debounces, minus the delay).
   */
  private pushAll(): Promise<void> {
    this.dirty = true;
    this.running ??= (async () => {
      while (this.dirty) {
        this.dirty = false;
        this.version++;
        const endpoints = this.endpoints();
        await Promise.all(
          this.o.proxies.map(async (p) => {
            try {
              await p.push(this.snapshotFor(p, endpoints));
            } catch (e) {
              this.o.onPushError?.(p.name, e);
            }
          }),
        );
      }
      this.running = undefined;
    })();
    return this.running;
  }
}

// What `check` concluded about a user's configuration, every conclusion with the
// words that say where it came from, so nothing is guessed silently. The topology
// and the scenario suite are generated from this and nothing else.
import type { HigressProfileName } from '../gateway/profiles.js';
import type { ResolvedPolicy } from './policy.js';

/** A conclusion and what it was drawn from ("from service names orders-south / orders-north"). */
export interface Because {
  readonly from: string;
}

export interface InferredRegion extends Because {
  readonly name: string;
  /** Extra Nacos metadata of the region's instances (region-lab.yaml labels). */
  readonly labels: Readonly<Record<string, string>>;
}

export interface InferredService extends Because {
  /** The logical service, e.g. orders (instances are named <app>-<region>-<n>). */
  readonly app: string;
  readonly kind: 'nacos' | 'service';
  /** Region → the name it has there (Nacos service, or Kubernetes Service). Regions missing here run no instance of it. */
  readonly names: Readonly<Record<string, string>>;
  /** Nacos: group and namespace id the instances register in. */
  readonly group: string;
  readonly namespaceId: string;
  /** Kubernetes Service: namespace and port the routes use. */
  readonly k8sNamespace?: string;
  readonly port?: number;
}

export interface InferredRegistry extends Because {
  readonly name: string;
  readonly domain: string;
  readonly port: number;
  /** The region whose Nacos it is; "each" when every region's gateways reach their own Nacos by this name. */
  readonly region: string;
}

export interface InferredRoute {
  readonly name: string;
  readonly file: string;
  /** "api.shop.example" or "*" */
  readonly host: string;
  /** "/api/orders (prefix)" */
  readonly path: string;
  /** The backends with their weights, as Higress programs them ("orders-south 80%"), or why there is none. */
  readonly backends: readonly string[];
  /** Apps the route sends to. */
  readonly apps: readonly string[];
  /** Regions whose gateways load the route ("every region" when shared). */
  readonly regions: readonly string[] | 'all';
}

export interface LoadTarget extends Because {
  readonly app: string;
  readonly host: string;
  readonly path: string;
}

export interface Inferred {
  readonly name: string;
  readonly higress: Because & { readonly value: HigressProfileName };
  readonly regions: readonly InferredRegion[];
  readonly regionsFrom: string;
  readonly services: readonly InferredService[];
  readonly registries: readonly InferredRegistry[];
  readonly discovery: Because & { readonly mode: 'synced' | 'multi-registry' };
  readonly registration: Because & { readonly mode: 'http-v1' | 'grpc' };
  readonly gatewayPodLabels: Because & { readonly labels: Readonly<Record<string, string>> };
  readonly routes: readonly InferredRoute[];
  /** One per routed service: the host and path the load goes to. */
  readonly targets: readonly LoadTarget[];
  /** Relative manifest file → the regions whose gateways load it ('all' for shared files). */
  readonly manifestRegions: Readonly<Record<string, readonly string[] | 'all'>>;
  readonly policy: ResolvedPolicy;
  readonly instances: number;
  /** Requests per second into each entry region. */
  readonly rate: number;
  readonly latency: { readonly sameRegionMs: number; readonly crossRegionMs: number };
  /** Things the user should know that change what the suite can show (printed as warnings). */
  readonly warnings: readonly string[];
  /** Why no scenario can run at all (e.g. the McpBridge is ignored and every backend is a Nacos service). */
  readonly blocked?: string;
}

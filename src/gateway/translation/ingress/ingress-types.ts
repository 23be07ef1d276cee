// The shapes Higress's Ingress conversion passes between its steps: an Ingress as
// read, a WrapperHTTPRoute before it becomes Envoy routes, and a logged problem.
import type { IngressAnnotationConfig } from './ingress-annotations.js';
import type { IngressPathType, PolicyClusters } from './ingress-policy.js';
import type { IngressDoc } from './ingress-schema.js';
import type { RouteEntry, WeightedCluster } from '../../xds/route-table.js';

/** A Higress WrapperHTTPRoute before it becomes Envoy routes. */
export interface WrapperRoute {
  readonly host: string;
  readonly ingress: string;
  readonly ruleKey: string;
  readonly pathType: IngressPathType;
  readonly path: string;
  readonly cfg: IngressAnnotationConfig;
  headers: RouteEntry['headers'];
  clusters: WeightedCluster[];
  /** canary-weight-total of the first weight canary merged in (0 = none yet). */
  weightTotal: number;
  canaryWeights: number;
  isDefaultBackend: boolean;
  name: string;
  readonly source: RouteEntry['source'];
  /** Service host keys of the backend (for canary fallback). */
  readonly serviceHosts: readonly string[];
  /** Clusters the route policy names (default-backend fallback, mirror). */
  readonly extras: PolicyClusters;
}

export interface IngressIssue {
  readonly file: string;
  readonly document: number;
  readonly name: string;
  readonly reason: string;
}

export interface IngressInput {
  readonly doc: IngressDoc;
  readonly source: RouteEntry['source'];
}

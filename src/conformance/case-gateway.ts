// The seam between the conformance runner and a data plane: one gateway started
// per case from the case's manifests, whichever data plane serves them. The model
// (src/gateway) is implemented in model-gateway.ts; real Envoy (the lead's xDS
// translation) plugs in here behind the same interface when it lands on main.
import { RegionLabError } from '../core/errors.js';
import type { DataPlane, HigressVersion, Manifest } from './schema.js';

export interface CaseGatewayOptions {
  readonly higress: HigressVersion;
  readonly dataPlane: DataPlane;
  /** The case file, for messages. */
  readonly file: string;
  /**
   * Every Kubernetes object of the case, as written (Ingress, HTTPRoute, Gateway,
   * GatewayClass, McpBridge, DestinationRule, EnvoyFilter, Service, Namespace, Secret, …).
   */
  readonly manifests: readonly Manifest[];
  /**
   * Kubernetes Service endpoints (there is no API server): key `svc.ns:port`, value the
   * echo instances' `ip:port` addresses (a dead instance's address refuses connections).
   */
  readonly services: Readonly<Record<string, readonly string[]>>;
  /** The gateway pods' labels (Higress chart gateway.podLabels). */
  readonly podLabels: Readonly<Record<string, string>>;
  /** Loopback address the gateway listens on (any free port). */
  readonly listenHost: string;
  /** Open Higress's HTTPS port (443) too: the case sends TLS requests. */
  readonly https: boolean;
  /** Where the data plane may write its files (removed after the case). */
  readonly workDir: string;
}

export interface CaseGateway {
  /** http://host:port of the HTTP listener (Higress's port 80). */
  readonly url: string;
  /** https://host:port of the HTTPS listener (Higress's port 443), when `https` was asked. */
  readonly httpsUrl?: string;
  /** What the data plane ignored or could not represent, for the report. */
  notes(): string[];
  /** Idempotent. */
  stop(): Promise<void>;
}

export type StartCaseGateway = (o: CaseGatewayOptions) => Promise<CaseGateway>;

/** The data planes a suite can start (tests hand in their own). */
export type DataPlaneRegistry = Readonly<Record<DataPlane, StartCaseGateway>>;

export function gatewayStarter(registry: DataPlaneRegistry, dataPlane: DataPlane): StartCaseGateway {
  return registry[dataPlane];
}

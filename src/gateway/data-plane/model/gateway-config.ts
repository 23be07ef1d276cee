// The config of one in-process gateway (startGateway: controller + model in one
// process, as tests and the bench run it): listeners, Higress profile, manifests, the
// loopback "network" and timings.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { BadInputError } from '../../../core/errors.js';
import { zodProblems } from '../../../core/input.js';

const loopbackHost = z
  .string()
  .regex(/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/, 'must be a 127.x.y.z address: a gateway never listens beyond loopback');
// port 0 asks the OS for a free port (tests); the orchestrator gives fixed ports
const listener = z.strictObject({ host: loopbackHost, port: z.number().int().min(0).max(65535) });
/** "host:port" as written in a McpBridge (domain:port) or an endpoint (ip:port). */
const address = z.string().regex(/^[^\s:]+:\d{1,5}$/, 'write host:port, e.g. 127.0.0.1:34567');

export const gatewayProcessConfigSchema = z.strictObject({
  name: z.string().min(1),
  region: z.string().min(1),
  /** Data plane, HTTP/1.1. */
  listen: listener,
  /**
   * HTTPS data plane (Higress gateway.httpsPort, 443): the Ingress spec.tls servers,
   * chosen by SNI. @default none (no TLS listener)
   */
  listenHttps: listener.optional(),
  /** Envoy-admin-like JSON and Prometheus endpoints. */
  admin: listener,
  /** /healthz/ready, like Istio's 15021. */
  health: listener,
  higress: z.enum(['2.1', '2.2'], { message: 'the Higress profiles modelled are "2.1" and "2.2"' }),
  /** Absolute paths of multi-document YAML manifests (McpBridge, HTTPRoute). */
  manifests: z.array(z.string().min(1)).min(1, 'list at least one manifest (the McpBridge and a route)'),
  /** What to dial for a registry domain:port or an endpoint ip:port; absent means dial it as is. */
  resolve: z.record(address, address).default({}),
  /** Instance re-read period standing in for Nacos gRPC push (discovery.protocol http only). @default 500 */
  pushPollMs: z.number().int().min(10).default(500),
  /**
   * How Nacos registries are read: "http" = HTTP v1 lists, instances re-read every
   * pushPollMs (the model's original stand-in); "grpc" = Nacos 2.x gRPC as nacos-sdk-go
   * (ServiceListRequest, subscription pushes), dialled at the registry port + 1000.
   * @default { protocol: "http" }
   */
  discovery: z.strictObject({ protocol: z.enum(['http', 'grpc'], { message: 'discovery.protocol is "http" or "grpc"' }).default('http') }).default({ protocol: 'http' }),
  /** JSON-lines event log. */
  eventsFile: z.string().min(1),
  /**
   * Kubernetes Services for Ingress/HTTPRoute backends (no API server here): key
   * `svc.ns.svc.cluster.local[:port]`, `svc.ns[:port]` or `svc[:port]`; value the
   * endpoint addresses (dialled through `resolve`). @default {}
   */
  services: z.record(z.string().min(1), z.array(address)).default({}),
  /** Higress global.ingressClass: "" processes every Ingress, "nginx" also class-less ones. @default "higress" */
  ingressClass: z.string().default('higress'),
  /** The gateway pod's labels, which DestinationRule failoverPriority compares with endpoint labels. @default {} */
  podLabels: z.record(z.string(), z.string()).default({}),
  /** The gateway node's locality (region[/zone[/subzone]]), from its topology labels. @default "" */
  locality: z.string().default(''),
});

export type GatewayProcessConfig = z.output<typeof gatewayProcessConfigSchema>;
export type GatewayProcessConfigInput = z.input<typeof gatewayProcessConfigSchema>;

/** Reads and validates the JSON config; every problem is reported at once. */
export function loadGatewayConfig(file: string): GatewayProcessConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new BadInputError([{ file, path: '', message: `cannot read the gateway config as JSON (${(e as Error).message})` }]);
  }
  return parseGatewayConfig(raw, file);
}

export function parseGatewayConfig(raw: unknown, file = '<gateway config>'): GatewayProcessConfig {
  const r = gatewayProcessConfigSchema.safeParse(raw);
  if (!r.success) throw new BadInputError(zodProblems(file, r.error));
  return r.data;
}

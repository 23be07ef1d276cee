// The controller process's config (written by the orchestrator, read by main.ts): the
// region's routing manifests and profile, how discovery reaches the registries, the
// Kubernetes Services, and the gateway instances it writes xDS files for — each with
// its data plane (real Envoy, checked after every write, or the model).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { BadInputError } from '../../core/errors.js';
import { zodProblems } from '../../core/input.js';

const loopbackHost = z.string().regex(/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/, 'must be a 127.x.y.z address: region-lab never listens beyond loopback');
const listener = z.strictObject({ host: loopbackHost, port: z.number().int().min(0).max(65535) });
const address = z.string().regex(/^[^\s:]+:\d{1,5}$/, 'write host:port, e.g. 127.0.0.1:34567');

export const dataPlaneSchema = z.enum(['envoy', 'model'], { message: 'the data plane is "envoy" (real Envoy) or "model" (region-lab\'s model)' });
export type DataPlaneName = z.output<typeof dataPlaneSchema>;

export const controllerGatewaySchema = z.strictObject({
  name: z.string().min(1),
  dataPlane: dataPlaneSchema,
  /** Where this instance's xDS files go (its data plane reads them). */
  xdsDir: z.string().min(1),
  listen: listener,
  /** @default none (no HTTPS listener) */
  listenHttps: listener.optional(),
  /** The gateway pod's labels (failoverPriority). @default {} */
  podLabels: z.record(z.string(), z.string()).default({}),
  /** region[/zone[/subzone]] of the gateway's node. @default "" */
  locality: z.string().default(''),
  /** Real Envoy only: how to check each write, and the files its events are read from. */
  envoy: z
    .strictObject({
      admin: listener,
      /** Envoy's --log-path (its reasons for a rejected config). */
      logFile: z.string().min(1),
      accessLog: z.string().min(1),
      healthCheckEvents: z.string().min(1),
    })
    .optional(),
});

export const controllerConfigSchema = z
  .strictObject({
    /** The middleware cluster's region, for logs. */
    region: z.string().min(1),
    higress: z.enum(['2.1', '2.2'], { message: 'the Higress profiles modelled are "2.1" and "2.2"' }),
    /** Absolute paths of multi-document YAML manifests (McpBridge, routes, DestinationRules…). */
    manifests: z.array(z.string().min(1)).min(1, 'list at least one manifest (the McpBridge and a route)'),
    /** What to dial for a registry domain:port or an endpoint ip:port; absent means dial it as is. */
    resolve: z.record(address, address).default({}),
    /** Instance re-read period standing in for Nacos push (discovery.protocol http only). @default 500 */
    pushPollMs: z.number().int().min(10).default(500),
    /** @default { protocol: "http" } */
    discovery: z.strictObject({ protocol: z.enum(['http', 'grpc']).default('http') }).default({ protocol: 'http' }),
    /** Kubernetes Services: `svc.ns[:port]` → endpoint addresses. @default {} */
    services: z.record(z.string().min(1), z.array(address)).default({}),
    /** Higress global.ingressClass. @default "higress" */
    ingressClass: z.string().default('higress'),
    /** JSON-lines event log (discovery, manifests, pushes). */
    eventsFile: z.string().min(1),
    /** GET /ready, GET /endpoints, POST /manifests (apply-manifest). */
    admin: listener,
    gateways: z.array(controllerGatewaySchema).min(1, 'list the gateway instances this controller configures'),
  })
  .superRefine((c, ctx) => {
    c.gateways.forEach((g, i) => {
      if (g.dataPlane === 'envoy' && !g.envoy) ctx.addIssue({ code: 'custom', path: ['gateways', i, 'envoy'], message: 'an Envoy gateway needs envoy.admin, envoy.logFile, envoy.accessLog and envoy.healthCheckEvents' });
    });
  });

export type ControllerConfig = z.output<typeof controllerConfigSchema>;
export type ControllerConfigInput = z.input<typeof controllerConfigSchema>;
export type ControllerGateway = z.output<typeof controllerGatewaySchema>;

export function parseControllerConfig(raw: unknown, file = '<controller config>'): ControllerConfig {
  const r = controllerConfigSchema.safeParse(raw);
  if (!r.success) throw new BadInputError(zodProblems(file, r.error));
  return r.data;
}

export function loadControllerConfig(file: string): ControllerConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new BadInputError([{ file, path: '', message: `cannot read the controller config as JSON (${(e as Error).message})` }]);
  }
  return parseControllerConfig(raw, file);
}

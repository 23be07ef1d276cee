// The configuration a demo business instance is started with (written by the local
// target as a JSON file, by the kind target into a ConfigMap): who it is, where it
// listens, where it registers. Checked at start-up (core/child-config.ts).
import { z } from 'zod';

const endpoint = z.strictObject({ host: z.string(), port: z.number().int() });

export const businessConfigSchema = z.strictObject({
  /** The application, e.g. user-service. */
  app: z.string(),
  /** The name it registers in Nacos, e.g. user-service-south. */
  nacosService: z.string(),
  region: z.string(),
  /** The business cluster, e.g. biz-south. */
  cluster: z.string(),
  /** Instance id shown in x-served-instance, e.g. user-service-south-1. */
  instance: z.string(),
  listen: endpoint,
  /** Fault-injection admin API (POST /fail, DELETE /fail); never routed by the gateway. */
  admin: endpoint,
  /** A fallback service marks its answers with x-fallback: true. */
  fallback: z.boolean().default(false),
  nacos: z.strictObject({
    /** Where the client connects ("host:port"): the registration link's Toxiproxy listener. */
    address: z.string(),
    namespace: z.string().default('public'),
    group: z.string().default('DEFAULT_GROUP'),
  }),
  /**
   * "http-v1": npm `nacos` client, HTTP v1 with client beats (expiry ~30 s after beats stop);
   * "grpc": Nacos 2.x gRPC connection, as Spring Cloud Alibaba on Nacos 2.x (removed when the
   * connection closes; ~20–28 s after a silent hang). The gRPC port is nacos.address's + 1000.
   * @default "http-v1"
   */
  registration: z.enum(['http-v1', 'grpc']).default('http-v1'),
  /** Instance metadata registered with Nacos (the runbook's region label). */
  metadata: z.record(z.string(), z.string()),
});

export type BusinessConfig = z.output<typeof businessConfigSchema>;
export type BusinessConfigInput = z.input<typeof businessConfigSchema>;

/** What the admin API can make an instance do, for the overload and 5xx faults. */
export const failureModeSchema = z.strictObject({
  /** Status to answer with when failing. @default 503 */
  status: z.number().int().min(100).max(599).default(503),
  /** Share of requests that fail, 0..1. @default 1 */
  rate: z.number().min(0).max(1).default(1),
  /** Added latency before answering, ms. @default 0 */
  latencyMs: z.number().min(0).default(0),
  /** Never answer (the connection stays open). @default false */
  hang: z.boolean().default(false),
  /** Requests in flight above this are answered 503 at once (overload). */
  maxConcurrent: z.number().int().min(1).optional(),
});
export type FailureMode = z.output<typeof failureModeSchema>;

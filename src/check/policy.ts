// region-lab.yaml: the optional file next to a user's manifests that `region-lab check`
// reads first. It overrides anything inference would find (regions, services, registries,
// sync mode, gateway pod labels) and sets the policy every generated expectation comes
// from (how fast failover must be, the local share, the error budget, what to load).
import { z } from 'zod';
import { durationMs } from '../core/duration.js';
import { higressVersion } from '../topology/schema.js';

export const POLICY_FILE = 'region-lab.yaml';

const regionName = z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-case letters, digits and hyphens, e.g. south');

const regionOverride = z.strictObject({
  name: regionName,
  /**
   * Logical service → the name it registers with in this region's Nacos (or its
   * Kubernetes Service), e.g. { orders: orders-sh }. @default {}
   */
  services: z.record(z.string().min(1), z.string().min(1)).default({}),
  /** The McpBridge registry (by name) that is this region's Nacos. */
  registry: z.string().min(1).optional(),
  /** More Nacos metadata every instance of the region registers with (e.g. area). @default {} */
  labels: z.record(z.string(), z.string()).default({}),
});

const target = z.strictObject({
  host: z.string().min(1),
  path: z.string().startsWith('/'),
});

export const policySchema = z.strictObject({
  /** Suite name: scenario names start with it. @default the directory's name */
  name: z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-case letters, digits and hyphens').optional(),
  /** Higress version profile to judge on. @default "2.2" */
  higress: higressVersion.optional(),
  /** Regions, in order; the first is the quick check's entry. Replaces inferred regions. */
  regions: z.array(regionOverride).min(2, 'list at least two regions: failover needs somewhere to go').optional(),
  /** synced: one registry per gateway, kept in sync (NacosSync); multi-registry: every McpBridge lists each region's Nacos. */
  discovery: z.enum(['synced', 'multi-registry']).optional(),
  /** How business services register with Nacos. @default grpc when the McpBridge watches nacos2/nacos3, http-v1 for nacos */
  registration: z.enum(['http-v1', 'grpc']).optional(),
  /** The Higress chart's gateway.podLabels ("{region}" → each gateway's region). @default none */
  gatewayPodLabels: z.record(z.string(), z.string()).optional(),
  /** Instances of every business service in each region. @default 2 */
  instances: z.number().int().min(1).max(4).default(2),
  policy: z
    .strictObject({
      /** Failover must be done (error rate below errorBudget) within this. @default 20s */
      failover: durationMs.optional(),
      /** Local traffic must be back within this after the fault heals. @default 30s */
      failback: durationMs.optional(),
      /** Share of an entry region's requests its own region must serve, steady state. @default 0.7 */
      minLocalShare: z.number().min(0).max(1).optional(),
      /** Error rate (errors + timeouts) allowed in steady state and once failed over. @default 0.01 */
      errorBudget: z.number().min(0).max(1).optional(),
      /** A lost gateway instance must be out of the load balancer within this. @default 5s */
      gatewayFailover: durationMs.optional(),
      /** p99 of requests served in their entry region, in ms, also while the cross-region links are slow. @default 100 */
      localP99Ms: z.number().positive().optional(),
    })
    .prefault({}),
  load: z
    .strictObject({
      /** Requests per second into each entry region. @default 30 */
      rate: z.number().int().min(1).max(500).default(30),
      /** Which hosts and paths to load; default: one per routed service, from its route. */
      targets: z.array(target).min(1).optional(),
    })
    .prefault({}),
  /** Base link latencies (ms): entry, same region across clusters, across regions. @default the runbook's 1 / 7±2 / 40±8 */
  latency: z
    .strictObject({
      sameRegionMs: z.number().min(0).max(1000).default(7),
      crossRegionMs: z.number().min(0).max(5000).default(40),
    })
    .prefault({}),
});

export type Policy = z.output<typeof policySchema>;

/** The numbers expectations are built from, each with the sentence that says where it came from. */
export interface PolicyValue<T> {
  readonly value: T;
  readonly source: string;
}

export interface ResolvedPolicy {
  readonly failoverMs: PolicyValue<number>;
  readonly failbackMs: PolicyValue<number>;
  readonly minLocalShare: PolicyValue<number>;
  readonly errorBudget: PolicyValue<number>;
  readonly gatewayFailoverMs: PolicyValue<number>;
  readonly localP99Ms: PolicyValue<number>;
}

const DEFAULTS = { failover: 20_000, failback: 30_000, minLocalShare: 0.7, errorBudget: 0.01, gatewayFailover: 5000, localP99Ms: 100 };

const secs = (ms: number) => `${ms / 1000} s`;
const pct = (v: number) => `${+(v * 100).toFixed(2)}%`;

/** Each policy number, from region-lab.yaml when it says so, else region-lab's default (and where to set it). */
export function resolvePolicy(p: Policy['policy'], file: string | undefined): ResolvedPolicy {
  const pick = <T>(given: T | undefined, fallback: T, field: string, say: (v: T) => string): PolicyValue<T> =>
    given !== undefined
      ? { value: given, source: `your policy (${file ?? POLICY_FILE} policy.${field}): ${say(given)}` }
      : { value: fallback, source: `region-lab default ${say(fallback)} (set policy.${field} in ${POLICY_FILE} to change it)` };
  return {
    failoverMs: pick(p.failover, DEFAULTS.failover, 'failover', (v) => `failover ≤ ${secs(v)}`),
    failbackMs: pick(p.failback, DEFAULTS.failback, 'failback', (v) => `failback ≤ ${secs(v)}`),
    minLocalShare: pick(p.minLocalShare, DEFAULTS.minLocalShare, 'minLocalShare', (v) => `local share ≥ ${pct(v)}`),
    errorBudget: pick(p.errorBudget, DEFAULTS.errorBudget, 'errorBudget', (v) => `error budget ${pct(v)}`),
    gatewayFailoverMs: pick(p.gatewayFailover, DEFAULTS.gatewayFailover, 'gatewayFailover', (v) => `a lost gateway is out of the load balancer within ${secs(v)}`),
    localP99Ms: pick(p.localP99Ms, DEFAULTS.localP99Ms, 'localP99Ms', (v) => `local p99 ≤ ${v} ms`),
  };
}

/** What `check` prints when nothing can be inferred: the smallest region-lab.yaml that would do. */
export const POLICY_EXAMPLE = `# ${POLICY_FILE}, next to your manifests
regions:
  - name: south
    services: { orders: orders-south }   # logical service → its Nacos service name in this region
    registry: nacos-south                # optional: the McpBridge registry that is this region's Nacos
  - name: north
    services: { orders: orders-north }
    registry: nacos-north
policy:
  failover: 20s          # how fast failover must be
  minLocalShare: 0.7     # share of requests served in the region they entered
  errorBudget: 0.01
load:
  targets: [{ host: shop.example.com, path: /api/orders }]`;

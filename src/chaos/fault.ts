// Faults as plain data (STYLE §7): what breaks, where, how. Each target knows how to
// apply and heal them (the local target with Toxiproxy and its process supervisor;
// the kind target with Toxiproxy in the clusters, scaling and docker stop).
import { z } from 'zod';
import { linkRoles } from '../topology/links.js';
import { BIZ_CLUSTER_PATTERN, nacosName } from '../topology/names.js';

/** Which links a fault touches: every link matching all the fields given. */
export const linkSelectorSchema = z
  .strictObject({
    /** Where the traffic leaves from: client, mw-<region>, biz-<region>, nacos-sync. */
    from: z.string().optional(),
    /** Where it enters: mw-<region>, biz-<region>. */
    to: z.string().optional(),
    role: z.enum(linkRoles).optional(),
  })
  .refine((s) => s.from !== undefined || s.to !== undefined || s.role !== undefined, 'name at least one of from, to, role');
export type LinkSelector = z.output<typeof linkSelectorSchema>;

const cluster = z.string().regex(BIZ_CLUSTER_PATTERN, 'name a business cluster as biz-<region>, e.g. biz-south');
const region = z.string().regex(/^[a-z][a-z0-9-]*$/);
/** Toxiproxy's stream names: upstream = client → server, downstream = server → client. */
const direction = z.enum(['both', 'upstream', 'downstream']).default('both');

export const faultSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('link-latency'),
      links: linkSelectorSchema,
      /** Added round-trip delay, split over both directions. */
      latencyMs: z.number().min(0).max(60_000),
      jitterMs: z.number().min(0).max(60_000).default(0),
    }),
    z.strictObject({
      kind: z.literal('partition'),
      links: linkSelectorSchema,
      /**
       * black-hole: packets vanish (a new connect() hangs until the caller's connect
       * timeout, open connections go silent): kernel drop rules where the run may add
       * them, else Toxiproxy (connects succeed, then bytes vanish); hard-down: connections refused.
       */
      mode: z.enum(['black-hole', 'hard-down']),
      /** black-hole only; hard-down always cuts both ways. */
      direction,
    }),
    z.strictObject({ kind: z.literal('bandwidth'), links: linkSelectorSchema, rateKBps: z.number().int().min(1), direction }),
    z.strictObject({ kind: z.literal('slow-close'), links: linkSelectorSchema, delayMs: z.number().int().min(1), direction }),
    z.strictObject({
      kind: z.literal('cluster-outage'),
      cluster,
      /**
       * hard: the cluster's processes are killed (no deregistration) and links into it
       * refuse connections; black-hole: its processes freeze and links into it drop
       * every packet (hosts gone silent: connects hang, callers time out).
       * @default hard
       */
      mode: z.enum(['hard', 'black-hole']).default('hard'),
    }),
    z.strictObject({
      /** One instance of one service dies or hangs: the most common chaos experiment. */
      kind: z.literal('instance-kill'),
      cluster,
      /** The Nacos service (as registered, e.g. user-service-south) whose instance is hit. */
      service: z.string().min(1),
      /** 1-based instance of that service in the cluster. @default 1 */
      instance: z.number().int().min(1).default(1),
      /**
       * hard: SIGKILL, no deregistration (Nacos drops it at once over gRPC, ~30 s after
       * the last beat over HTTP v1), connections to it refused; hang: the process
       * freezes (connections accepted, nothing answered, no beats). @default hard
       */
      mode: z.enum(['hard', 'hang']).default('hard'),
    }),
    z.strictObject({
      kind: z.literal('gateway-crash'),
      region,
      /** 1-based gateway instance in the region. */
      instance: z.number().int().min(1),
    }),
    z.strictObject({
      kind: z.literal('nacos-outage'),
      region,
      /** kill: the server dies (in-memory ephemeral instances are lost); freeze: it hangs. */
      mode: z.enum(['kill', 'freeze']).default('kill'),
    }),
    z.strictObject({ kind: z.literal('sync-cut') }),
    z.strictObject({
      kind: z.literal('instance-errors'),
      cluster,
      /** Only this Nacos service's instances; default every service of the cluster. */
      service: z.string().optional(),
      status: z.number().int().min(400).max(599).default(503),
      rate: z.number().min(0).max(1),
    }),
    z.strictObject({
      kind: z.literal('overload'),
      cluster,
      service: z.string().optional(),
      /** Added latency of every answer. */
      latencyMs: z.number().int().min(0),
      /** Requests in flight above this get 503 at once. */
      maxConcurrent: z.number().int().min(1).optional(),
    }),
    z
      .strictObject({
        /**
         * A change of routing manifests on every gateway, as `kubectl delete -f` then
         * `kubectl apply -f` (blue/green switch). Heal undoes it. Paths from the project root.
         */
        kind: z.literal('apply-manifest'),
        apply: z.array(z.string().min(1)).default([]),
        delete: z.array(z.string().min(1)).default([]),
      })
      .refine((f) => f.apply.length + f.delete.length > 0, 'list manifests to apply, to delete, or both'),
  ],
  {
    message:
      'unknown fault kind; region-lab knows: link-latency, partition, bandwidth, slow-close, cluster-outage, instance-kill, gateway-crash, nacos-outage, sync-cut, instance-errors, overload, apply-manifest',
  },
);

export type Fault = z.output<typeof faultSchema>;

/** Faults whose traffic should vanish in the kernel (a real black hole) where the run may add drop rules. */
export const isBlackHole = (f: Fault): boolean => (f.kind === 'partition' || f.kind === 'cluster-outage') && f.mode === 'black-hole';

const base = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** A fault in words, for logs and reports. */
export function describeFault(f: Fault): string {
  const sel = (s: LinkSelector) => [s.role, s.from && `from ${s.from}`, s.to && `to ${s.to}`].filter(Boolean).join(' ') + ' links';
  switch (f.kind) {
    case 'link-latency':
      return `+${f.latencyMs} ms (±${f.jitterMs}) on ${sel(f.links)}`;
    case 'partition':
      return `${f.mode} partition (${f.direction}) on ${sel(f.links)}`;
    case 'bandwidth':
      return `${f.rateKBps} KB/s on ${sel(f.links)}`;
    case 'slow-close':
      return `slow close ${f.delayMs} ms on ${sel(f.links)}`;
    case 'cluster-outage':
      return `${f.cluster} down (${f.mode})`;
    case 'instance-kill':
      return `${f.service} instance ${f.instance} in ${f.cluster} ${f.mode === 'hard' ? 'killed (SIGKILL, no deregistration)' : 'hung (frozen: accepts, never answers)'}`;
    case 'gateway-crash':
      return `gateway ${f.instance} of ${f.region} crashed`;
    case 'nacos-outage':
      return `${nacosName(f.region)} ${f.mode === 'kill' ? 'down' : 'frozen'}`;
    case 'sync-cut':
      return 'registry sync cut';
    case 'instance-errors':
      return `${f.service ?? 'every service'} in ${f.cluster} answers ${f.status} to ${Math.round(f.rate * 100)}% of requests`;
    case 'apply-manifest':
      return [f.delete.length > 0 && `delete ${f.delete.map(base).join(', ')}`, f.apply.length > 0 && `apply ${f.apply.map(base).join(', ')}`].filter(Boolean).join(', then ') + ' on every gateway';
    case 'overload':
      return `${f.service ?? 'every service'} in ${f.cluster} overloaded (+${f.latencyMs} ms${f.maxConcurrent ? `, ${f.maxConcurrent} in flight at most` : ''})`;
  }
}

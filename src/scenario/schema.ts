// The scenario file (scenarios/*.yaml): which claim of the runbook it checks, the
// topology and routing manifests, the load, the faults on a timeline, and the
// expectations the verdict is computed from. Every expectation names its source.
import { z } from 'zod';
import { durationMs } from '../core/duration.js';
import { faultSchema } from '../chaos/fault.js';
import { higressVersion } from '../topology/schema.js';
import { expectationSchema, id } from './expectations.js';
import { variationSchema } from './variations.js';

export { expectationSchema } from './expectations.js';

export const timelineEntrySchema = z.strictObject({
  id,
  /** When the fault starts, from the start of the load. */
  at: durationMs,
  /** When it heals; omitted: it lasts until the run ends. */
  until: durationMs.optional(),
  fault: faultSchema,
});

export const loadSchema = z.strictObject({
  /**
   * Entry region(s) the load is sent into. A list sends the same load into each region at
   * once (one k6 scenario per entry, `rate` each), as users in every region do.
   */
  entry: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  /** Requests per second into each entry region, constant arrival rate. */
  rate: z.number().int().min(1).max(5000),
  duration: durationMs,
  /** Host header the routes match on. */
  host: z.string().default('api.example.com'),
  path: z.string().startsWith('/').default('/'),
  /** Per-request timeout in k6. @default 10s */
  timeout: durationMs.default(10_000),
  /**
   * Ramping load (k6 ramping-arrival-rate): from `rate`, each stage moves linearly to its
   * target requests/s over its duration. The stages' durations must add up to `duration`.
   */
  stages: z.array(z.strictObject({ duration: durationMs, target: z.number().int().min(0).max(5000) })).optional(),
  /** k6 VUs: pre-allocated and the most it may start (≥ rate × timeout to count faults as errors, not dropped iterations). */
  vus: z.strictObject({ pre: z.number().int().min(1), max: z.number().int().min(1) }),
  /** Headers some requests carry; entries with the same name are alternatives (one drawn per request). @default [] */
  headers: z.array(variationSchema).default([]),
  /** Cookies some requests carry, drawn like headers. @default [] */
  cookies: z.array(variationSchema).default([]),
});

export const scenarioSchema = z
  .strictObject({
    name: id,
    description: z.string().min(1),
    /** The runbook claim the scenario checks, with its section. */
    claim: z.string().min(1),
    topology: z.string().min(1),
    /** Overrides the topology's Higress profile. */
    higress: higressVersion.optional(),
    /**
     * Labels on the gateway pods (the Higress chart's `gateway.podLabels`); "{region}"
     * becomes the gateway's region. Istio's locality failover compares them with
     * endpoint labels, so the discovery-based strategy needs `region: "{region}"`.
     */
    gatewayPodLabels: z.record(z.string(), z.string()).optional(),
    /** Routing manifests loaded by every gateway, as a Higress user writes them. @default [] */
    manifests: z.array(z.string().min(1)).default([]),
    /**
     * Routing manifests only one region's gateways load, after `manifests`: each region's
     * Higress has its own configuration (the runbook's proximity route is written from the
     * south's side; the north's mirrors it). Keys are region names. @default {}
     */
    regionManifests: z.record(z.string(), z.array(z.string().min(1)).min(1)).default({}),
    load: loadSchema,
    timeline: z.array(timelineEntrySchema).default([]),
    expectations: z.array(expectationSchema).min(1),
    /**
     * What real Higress is known to do with this claim. A run still exits 1 when the
     * claim does not hold; `nightly` counts a run as expected when the evidence
     * matches this declaration, and the report says so in plain words.
     */
    knownOutcome: z
      .strictObject({
        claimHolds: z.boolean(),
        /** Why, with the source (Higress/Envoy behaviour). */
        reason: z.string().min(1),
        /** The scenario with the smallest configuration change that makes the claim hold. */
        companion: z.string().optional(),
      })
      .optional(),
  })
  .superRefine((s, ctx) => {
    if (s.manifests.length === 0 && Object.keys(s.regionManifests).length === 0)
      ctx.addIssue({ code: 'custom', path: ['manifests'], message: 'no routing manifest: list at least one in manifests (every gateway) or regionManifests.<region>' });
    const entries = entriesOf(s.load);
    if (new Set(entries).size !== entries.length) ctx.addIssue({ code: 'custom', path: ['load', 'entry'], message: `${entries.join(', ')} names a region twice: list each entry region once` });
    const faults = new Set(s.timeline.map((t) => t.id));
    s.timeline.forEach((t, i) => {
      if (t.until !== undefined && t.until <= t.at) ctx.addIssue({ code: 'custom', path: ['timeline', i, 'until'], message: 'must come after at' });
      if (t.at >= s.load.duration) ctx.addIssue({ code: 'custom', path: ['timeline', i, 'at'], message: `starts after the load ends (${s.load.duration / 1000} s)` });
    });
    s.expectations.forEach((e, i) => {
      if ('fault' in e && !faults.has(e.fault))
        ctx.addIssue({ code: 'custom', path: ['expectations', i, 'fault'], message: `no timeline entry "${e.fault}"; known: ${[...faults].join(', ') || 'none'}` });
      if (e.kind === 'share' && e.of) {
        const name = (e.of.header ?? e.of.cookie)!.toLowerCase();
        const sent = s.load[e.of.header ? 'headers' : 'cookies'];
        if (!sent.some((v) => v.name.toLowerCase() === name)) ctx.addIssue({ code: 'custom', path: ['expectations', i, 'of'], message: `the load never sends ${e.of.header ? 'header' : 'cookie'} ${name}; add it to load.${e.of.header ? 'headers' : 'cookies'}` });
      }
      if ('window' in e && e.window && e.window.to <= e.window.from) ctx.addIssue({ code: 'custom', path: ['expectations', i, 'window', 'to'], message: 'must come after from' });
    });
    for (const kind of ['headers', 'cookies'] as const) {
      const sums = new Map<string, number>();
      for (const v of s.load[kind]) sums.set(v.name.toLowerCase(), (sums.get(v.name.toLowerCase()) ?? 0) + v.share);
      for (const [name, sum] of sums) if (sum > 1 + 1e-9) ctx.addIssue({ code: 'custom', path: ['load', kind], message: `the shares of ${name} add up to ${sum}: values of one name are alternatives, so at most 1` });
    }
    if (s.load.vus.max < s.load.vus.pre) ctx.addIssue({ code: 'custom', path: ['load', 'vus', 'max'], message: 'must be at least vus.pre' });
    if (s.load.stages) {
      const total = s.load.stages.reduce((a, st) => a + st.duration, 0);
      if (total !== s.load.duration) ctx.addIssue({ code: 'custom', path: ['load', 'stages'], message: `the stages last ${total / 1000} s but load.duration is ${s.load.duration / 1000} s: make them equal` });
    }
  });

/** The entry regions of a load, in the order given. */
export function entriesOf(load: { readonly entry: string | readonly string[] }): string[] {
  return typeof load.entry === 'string' ? [load.entry] : [...load.entry];
}

export type Scenario = z.output<typeof scenarioSchema>;
export type { Fault } from '../chaos/fault.js';
export type TimelineEntry = z.output<typeof timelineEntrySchema>;
export type Expectation = z.output<typeof expectationSchema>;
export type LoadSpec = z.output<typeof loadSchema>;

// The expectations a scenario's verdict is computed from: one zod branch per kind,
// each naming the entry region (or service) it measures and where its number comes from.
import { z } from 'zod';
import { durationMs } from '../core/duration.js';
import { answeredBySchema, sentFilterSchema } from './variations.js';

export const id = z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-case letters, digits and hyphens, e.g. south-down');

/** A part of the run, timed from the first request. */
const span = z.strictObject({ from: durationMs, to: durationMs });

const band = z
  .strictObject({ min: z.number().optional(), max: z.number().optional() })
  .refine((b) => b.min !== undefined || b.max !== undefined, 'give min, max or both');
const timeBand = z
  .strictObject({ max: durationMs })
  .describe('the measured time must be at most max');

const source = z.string().min(1, 'say where the expected number comes from (RUNBOOK §…, or "testbed")');

export const expectationSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      id,
      kind: z.literal('proximity'),
      /** Entry region whose requests are counted. */
      entry: z.string(),
      window: span,
      /** Share of requests served by the entry region's business cluster, 0..1. */
      expected: band,
      source,
    }),
    z.strictObject({
      id,
      kind: z.literal('failover-time'),
      entry: z.string(),
      /** The timeline entry whose start the clock runs from. */
      fault: id,
      /**
       * Failover is done at the last failing request after which every window of
       * minRequests consecutive requests has an error (non-fallback failure) rate below this.
       */
      errorRateBelow: z.number().gt(0, 'a rate below 0 can never be reached: give a share above 0, e.g. 0.01').max(1),
      /** @default the fewest requests in which one failure is below errorRateBelow (101 for 0.01) */
      minRequests: z.number().int().min(1).optional(),
      expected: timeBand,
      source,
    }),
    z.strictObject({
      id,
      kind: z.literal('failback-time'),
      entry: z.string(),
      fault: id,
      /**
       * Failback is done at the first locally served request from which every window of
       * minRequests consecutive requests has a local share at or above this.
       */
      localShareAtLeast: z.number().min(0).max(1),
      /** @default 100, or more when one non-local request would put the share below localShareAtLeast */
      minRequests: z.number().int().min(1).optional(),
      expected: timeBand,
      source,
    }),
    z.strictObject({
      id,
      kind: z.literal('error-rate'),
      entry: z.string(),
      window: span,
      expected: band,
      source,
    }),
    z.strictObject({
      id,
      kind: z.literal('request-accounting'),
      source,
    }),
    z.strictObject({
      id,
      kind: z.literal('latency'),
      entry: z.string(),
      /** The serving region of the path (entry → served). */
      served: z.string(),
      percentile: z.enum(['p50', 'p95', 'p99']).default('p50'),
      /** Default: the whole load. */
      window: span.optional(),
      /** End-to-end latency band in ms. */
      expected: band,
      source,
    }),
    z.strictObject({
      id,
      kind: z.literal('share'),
      entry: z.string(),
      window: span,
      /** Only requests that sent (or, with sent: false, did not send) this header or cookie; default every request. */
      of: sentFilterSchema.optional(),
      /** What counts as a hit; every field given must match. */
      answeredBy: answeredBySchema,
      /** Share of the selected requests answered so, 0..1. */
      expected: band,
      source,
    }),
    z.strictObject({
      id,
      kind: z.literal('retries'),
      /** Region whose gateways' retries are counted, per request that entered it. */
      entry: z.string(),
      window: span,
      /** Retries the gateways made per request (their own retry events), e.g. 0.875. */
      expected: band,
      source,
    }),
    z.strictObject({
      id,
      kind: z.literal('mirror-copies'),
      /** The Nacos service of the mirror target (every instance in every region is counted). */
      service: z.string().min(1),
      /** Copies received ÷ requests k6 sent. */
      expected: band,
      source,
    }),
  ],
  { message: 'unknown expectation kind; region-lab knows: proximity, failover-time, failback-time, error-rate, request-accounting, latency, share, mirror-copies, retries' },
);

// The request variations a scenario's load sends (headers and cookies on a share of
// requests) and the filters the `share` expectation selects requests and answers by.
// Kept apart from schema.ts so the scenario file's outline stays readable.
import { z } from 'zod';

/** One header or cookie value, sent with a share of the requests. */
export const variationSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'a header or cookie name: letters, digits, - and _'),
  value: z.string().regex(/^[^;\r\n]*$/, 'no ; or line breaks'),
  /** Share of requests that carry it, 0..1. */
  share: z.number().min(0).max(1),
});

/** A request variation the load sends: a header or cookie name, and optionally the value it had. */
export const sentFilterSchema = z
  .strictObject({
    header: z.string().min(1).optional(),
    cookie: z.string().min(1).optional(),
    /** Only requests that sent this value. */
    value: z.string().optional(),
    /** false: the requests that did not send it (value then ignored). @default true */
    sent: z.boolean().default(true),
  })
  .refine((f) => (f.header === undefined) !== (f.cookie === undefined), 'name exactly one of header, cookie');

/** Who answered: every field given must match the response. */
export const answeredBySchema = z
  .strictObject({
    /** The app of the serving instance (x-served-instance is <app>-<region>-<n>). */
    app: z.string().min(1).optional(),
    instance: z.string().min(1).optional(),
    region: z.string().min(1).optional(),
    /** HTTP status; 0 = transport error or timeout. */
    status: z.number().int().min(0).max(599).optional(),
    /** The answer carried x-fallback: true (or, with false, did not). */
    fallback: z.boolean().optional(),
  })
  .refine((a) => Object.keys(a).length > 0, 'give at least one of app, instance, region, status, fallback');

export type Variation = z.output<typeof variationSchema>;
export type SentFilter = z.output<typeof sentFilterSchema>;
export type AnsweredBy = z.output<typeof answeredBySchema>;

// The HTTPRoute (gateway.networking.k8s.io/v1) fields region-lab's translation reads,
// as zod schemas at the manifest boundary: parentRefs, hostnames, rules with matches
// (path, headers, query parameters, method), backendRefs and filters (header modifiers,
// redirect, URL rewrite, mirror; other types are kept for the conversion to refuse).
import { z } from 'zod';
import { ruleRetrySchema, ruleTimeoutsSchema } from './httproute-retry.js';
import { parentRefSchema } from './gateway-api.js';
import { fullMatch } from '../xds/route-table.js';

export const backendRefSchema = z.looseObject({
  group: z.string().optional(),
  kind: z.string().optional(),
  name: z.string().min(1, 'backendRef name is required'),
  namespace: z.string().optional(),
  port: z.number().int().min(1).max(65535).optional(),
  weight: z.number().int().min(0, 'weight must be 0 or more').max(1_000_000).optional(),
  filters: z.array(z.unknown()).optional(),
});

const headerList = z.array(z.looseObject({ name: z.string().min(1), value: z.string() })).optional();
const headerFilter = z.looseObject({ set: headerList, add: headerList, remove: z.array(z.string().min(1)).optional() });
const pathModifier = z
  .looseObject({
    type: z.enum(['ReplaceFullPath', 'ReplacePrefixMatch'], { message: 'path modifier type is ReplaceFullPath or ReplacePrefixMatch' }),
    replaceFullPath: z.string().optional(),
    replacePrefixMatch: z.string().optional(),
  })
  .refine((p) => (p.type === 'ReplaceFullPath' ? p.replaceFullPath !== undefined : p.replacePrefixMatch !== undefined), { message: 'set replaceFullPath or replacePrefixMatch, as the type says' });

export const filterSchema = z.looseObject({
  type: z.string().min(1),
  requestHeaderModifier: headerFilter.optional(),
  responseHeaderModifier: headerFilter.optional(),
  requestRedirect: z
    .looseObject({
      scheme: z.enum(['http', 'https'], { message: 'redirect scheme is http or https' }).optional(),
      hostname: z.string().min(1).optional(),
      path: pathModifier.optional(),
      port: z.number().int().min(1).max(65535).optional(),
      statusCode: z.union([z.literal(301), z.literal(302)], { message: 'redirect statusCode is 301 or 302' }).optional(),
    })
    .optional(),
  urlRewrite: z.looseObject({ hostname: z.string().min(1).optional(), path: pathModifier.optional() }).optional(),
  // Gateway API's HTTPCORSFilter (Higress 2.2's API); maxAge's CRD default (5) is applied by the translation
  cors: z
    .looseObject({
      allowOrigins: z.array(z.string()).optional(),
      allowCredentials: z.boolean().optional(),
      allowMethods: z.array(z.string()).optional(),
      allowHeaders: z.array(z.string()).optional(),
      exposeHeaders: z.array(z.string()).optional(),
      maxAge: z.number().int().min(1, 'cors.maxAge is at least 1 (seconds)').optional(),
    })
    .optional(),
  requestMirror: z
    .looseObject({
      backendRef: backendRefSchema.omit({ weight: true, filters: true }),
      percent: z.number().int().min(0).max(100).optional(),
      fraction: z.looseObject({ numerator: z.number().int().min(0), denominator: z.number().int().min(1).optional() }).optional(),
    })
    .optional(),
});

export type HttpRouteFilter = z.output<typeof filterSchema>;

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'] as const;
const valueMatch = (what: string) =>
  z.strictObject({
    type: z.enum(['Exact', 'RegularExpression'], { message: `${what} match type is Exact or RegularExpression` }).default('Exact'),
    name: z.string().min(1),
    value: z.string(),
  });

export const matchSchema = z
  .strictObject({
    path: z
      .strictObject({
        type: z.enum(['PathPrefix', 'Exact', 'RegularExpression'], { message: 'path type is PathPrefix, Exact or RegularExpression' }).default('PathPrefix'),
        value: z.string().default('/'),
      })
      .optional(),
    headers: z.array(valueMatch('header')).optional(),
    queryParams: z.array(valueMatch('query parameter')).optional(),
    method: z.enum(METHODS, { message: `method is one of ${METHODS.join(', ')}` }).optional(),
  })
  .superRefine((m, ctx) => {
    const check = (pattern: string, path: (string | number)[]) => {
      try {
        fullMatch(pattern);
      } catch (e) {
        ctx.addIssue({ code: 'custom', path, message: `not a valid regular expression (${(e as Error).message}); Envoy uses RE2 syntax` });
      }
    };
    if (m.path?.type === 'RegularExpression') check(m.path.value, ['path', 'value']);
    m.headers?.forEach((h, i) => h.type === 'RegularExpression' && check(h.value, ['headers', i, 'value']));
    m.queryParams?.forEach((q, i) => q.type === 'RegularExpression' && check(q.value, ['queryParams', i, 'value']));
  });

export type HttpRouteMatch = z.output<typeof matchSchema>;

export const httpRouteSchema = z.looseObject({
  apiVersion: z.enum(['gateway.networking.k8s.io/v1', 'gateway.networking.k8s.io/v1beta1'], { message: 'HTTPRoute apiVersion is gateway.networking.k8s.io/v1' }),
  kind: z.literal('HTTPRoute'),
  metadata: z.looseObject({ name: z.string().min(1), namespace: z.string().optional() }),
  spec: z.looseObject({
    parentRefs: z.array(parentRefSchema).optional(),
    hostnames: z.array(z.string().min(1)).optional(),
    rules: z
      .array(
        z.looseObject({
          matches: z.array(matchSchema).optional(),
          backendRefs: z.array(backendRefSchema).optional(),
          filters: z.array(filterSchema).optional(),
          retry: ruleRetrySchema.optional(),
          timeouts: ruleTimeoutsSchema.optional(),
        }),
      )
      .default([]),
  }),
});

export type HttpRouteDoc = z.output<typeof httpRouteSchema>;
export type BackendRef = z.output<typeof backendRefSchema>;

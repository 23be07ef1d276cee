// networking.k8s.io/v1 Ingress as a user writes it (the fields Higress reads).
import { z } from 'zod';

const serviceBackend = z.looseObject({
  name: z.string().min(1, 'backend service name is required'),
  port: z.looseObject({ number: z.number().int().min(1).max(65535).optional(), name: z.string().optional() }).optional(),
});
export const ingressBackendSchema = z.looseObject({
  service: serviceBackend.optional(),
  resource: z.looseObject({ apiGroup: z.string().optional(), kind: z.string(), name: z.string() }).optional(),
});

export const ingressSchema = z.looseObject({
  apiVersion: z.literal('networking.k8s.io/v1', { message: 'Ingress apiVersion is networking.k8s.io/v1' }),
  kind: z.literal('Ingress'),
  metadata: z.looseObject({
    name: z.string().min(1),
    namespace: z.string().optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  }),
  spec: z.looseObject({
    ingressClassName: z.string().optional(),
    defaultBackend: ingressBackendSchema.optional(),
    tls: z.array(z.looseObject({ hosts: z.array(z.string()).optional(), secretName: z.string().optional() })).optional(),
    rules: z
      .array(
        z.looseObject({
          host: z.string().optional(),
          http: z
            .looseObject({
              paths: z.array(
                z.looseObject({
                  path: z.string().optional(),
                  pathType: z.enum(['Exact', 'Prefix', 'ImplementationSpecific'], { message: 'pathType is Exact, Prefix or ImplementationSpecific' }).optional(),
                  backend: ingressBackendSchema,
                }),
              ),
            })
            .optional(),
        }),
      )
      .optional(),
  }),
});

export type IngressDoc = z.output<typeof ingressSchema>;
export type IngressBackend = z.output<typeof ingressBackendSchema>;

// Accessors the rules share: HTTPRoute backendRefs, Ingress annotations and Ingress
// backends, each with the field path a finding points at.
import type { FieldPath } from '../../schemas/index.js';
import type { Manifest } from '../types.js';

/** The group Higress gives registry services (McpBridge) in HTTPRoute backendRefs. */
export const HIGRESS_GROUP = 'networking.higress.io';
export const NGINX_PREFIX = 'nginx.ingress.kubernetes.io/';
export const HIGRESS_PREFIX = 'higress.io/';

export interface BackendRef {
  readonly name: string;
  readonly group: string;
  readonly kind: string;
  readonly namespace: string;
  readonly port: number | undefined;
  /** As written; undefined means Gateway API's default 1. */
  readonly weight: number | undefined;
}

export interface RouteRule {
  readonly index: number;
  readonly refs: readonly { readonly ref: BackendRef; readonly path: FieldPath }[];
}

const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown, d = ''): string => (typeof v === 'string' ? v : d);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

export function isHttpRoute(m: Manifest): boolean {
  return m.kind === 'HTTPRoute' && m.apiVersion.startsWith('gateway.networking.k8s.io/');
}

export function isIngress(m: Manifest): boolean {
  return m.kind === 'Ingress' && m.apiVersion.startsWith('networking.k8s.io/');
}

export function routeRules(m: Manifest): RouteRule[] {
  if (!isHttpRoute(m)) return [];
  return arr(obj(m.value.spec).rules).map((rule, index) => ({
    index,
    refs: arr(obj(rule).backendRefs).map((raw, i) => {
      const r = obj(raw);
      return {
        ref: {
          name: str(r.name),
          group: str(r.group),
          kind: str(r.kind, 'Service'),
          namespace: str(r.namespace, m.namespace),
          port: num(r.port),
          weight: num(r.weight),
        },
        path: ['spec', 'rules', index, 'backendRefs', i] as FieldPath,
      };
    }),
  }));
}

export interface Annotation {
  /** Full key as written. */
  readonly key: string;
  /** Key without its nginx/higress prefix. */
  readonly name: string;
  readonly prefix: 'nginx' | 'higress' | 'other';
  readonly value: string;
  readonly path: FieldPath;
}

export function annotations(m: Manifest): Annotation[] {
  if (!isIngress(m)) return [];
  return Object.entries(obj(obj(m.value.metadata).annotations)).map(([key, v]) => {
    const prefix = key.startsWith(NGINX_PREFIX) ? 'nginx' : key.startsWith(HIGRESS_PREFIX) ? 'higress' : 'other';
    const name = prefix === 'nginx' ? key.slice(NGINX_PREFIX.length) : prefix === 'higress' ? key.slice(HIGRESS_PREFIX.length) : key;
    return { key, name, prefix, value: String(v), path: ['metadata', 'annotations', key] };
  });
}

/** Higress reads most annotations under either prefix, nginx first (parser.go *ASAP). */
export function annotationValue(m: Manifest, name: string): Annotation | undefined {
  const all = annotations(m).filter((a) => a.name === name && a.prefix !== 'other');
  return all.find((a) => a.prefix === 'nginx') ?? all[0];
}

export interface IngressBackend {
  readonly host: string;
  readonly path: string;
  readonly service: string;
  readonly port: number | string | undefined;
  readonly at: FieldPath;
}

export function ingressBackends(m: Manifest): IngressBackend[] {
  if (!isIngress(m)) return [];
  return arr(obj(m.value.spec).rules).flatMap((rule, ri) =>
    arr(obj(obj(rule).http).paths).map((p, pi) => {
      const service = obj(obj(obj(p).backend).service);
      const port = obj(service.port);
      return {
        host: str(obj(rule).host),
        path: str(obj(p).path, '/'),
        service: str(service.name),
        port: num(port.number) ?? (typeof port.name === 'string' ? port.name : undefined),
        at: ['spec', 'rules', ri, 'http', 'paths', pi, 'backend', 'service'] as FieldPath,
      };
    }),
  );
}

export { obj, arr, str, num };

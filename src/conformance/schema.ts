// The conformance case file (conformance/*.yaml): where the expected behaviour was
// read, the echo backends, the Kubernetes objects as a Higress user writes them, and
// the requests with what must come back. Cross-field rules live in case-rules.ts.
import { z } from 'zod';

export const HIGRESS_VERSIONS = ['2.1', '2.2'] as const;
export type HigressVersion = (typeof HIGRESS_VERSIONS)[number];
export const DATA_PLANES = ['model', 'envoy'] as const;
export type DataPlane = (typeof DATA_PLANES)[number];

const higress = z.enum(HIGRESS_VERSIONS, { message: 'the Higress profiles are "2.1" and "2.2"' });
const kebab = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lower-case letters and digits joined by "-"');
/** A Kubernetes object name (RFC 1123 label); Nacos names may also hold "_" and ".". */
const dnsLabel = z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a Kubernetes name: lower-case letters, digits and "-"');
/** The conformance suite's own loopback range: 127.0.80.0 – 127.0.89.255. */
const suiteAddress = z.string().regex(/^127\.0\.8\d\.\d{1,3}$/, 'use an address of the suite\'s range 127.0.80.0–127.0.89.255');
const httpStatus = z.number().int().min(100, 'an HTTP status is 100–599').max(599, 'an HTTP status is 100–599');

export const sourceSchema = z.strictObject({
  /** owner/name on GitHub, e.g. alibaba/higress. */
  repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'write owner/name, e.g. alibaba/higress'),
  path: z.string().min(1),
  /** Tag, branch or commit the file was read at. */
  ref: z.string().min(1),
  /** The test (or table entry, or function) the behaviour comes from. */
  test: z.string().min(1).optional(),
  lines: z.string().optional(),
  /** How it was read, when not straight from the file (e.g. through a facts page). */
  note: z.string().optional(),
});

export const instanceSchema = z.strictObject({
  /** Reported in x-echo-instance. @default "<backend>-<index>" */
  name: kebab.optional(),
  /** Nacos instance metadata (Higress turns it into endpoint labels). @default {} */
  metadata: z.record(z.string(), z.string()).default({}),
  /** Nacos instance weight. @default 1 */
  weight: z.number().min(0).max(10_000).optional(),
  /** Listed or registered, but nothing listens there: connections are refused. @default false */
  dead: z.boolean().default(false),
});
export type InstanceSpec = z.output<typeof instanceSchema>;

const instances = z.union([z.number().int().min(1).max(8), z.array(instanceSchema).min(1).max(8)]).default(1);
/** How every instance of a backend answers; a request can ask otherwise (x-echo-status, x-echo-delay-ms). */
const behaviour = {
  /** @default 200 */
  status: httpStatus.default(200),
  /** @default 0 */
  delayMs: z.number().int().min(0).max(30_000).default(0),
};

export const serviceBackendSchema = z.strictObject({
  /** A Kubernetes Service; its name is the backend's name. */
  service: dnsLabel,
  namespace: dnsLabel.default('default'),
  /** @default 8080 */
  port: z.number().int().min(1).max(65535).default(8080),
  instances,
  ...behaviour,
});
export const nacosBackendSchema = z.strictObject({
  /** A Nacos service name; it is the backend's name. */
  nacos: z.string().regex(/^[A-Za-z0-9_.:-]+$/, 'a Nacos service name: letters, digits, "_", ".", ":" and "-"'),
  /** @default DEFAULT_GROUP */
  group: z.string().min(1).default('DEFAULT_GROUP'),
  /** Nacos namespace id. @default public */
  namespace: z.string().min(1).default('public'),
  instances,
  ...behaviour,
});
export const staticBackendSchema = z.strictObject({
  /** The backend's name; a McpBridge `static` registry lists `address`. */
  static: kebab,
  /** host:port the echo listens on (the suite's range), as the registry's `domain` names it. */
  address: z.string().regex(/^127\.0\.8\d\.\d{1,3}:\d{1,5}$/, 'write host:port in the suite\'s range, e.g. 127.0.85.1:8080'),
  ...behaviour,
});
export const backendSchema = z.union([serviceBackendSchema, nacosBackendSchema, staticBackendSchema], {
  message: 'a backend is { service, namespace?, port? }, { nacos, group?, namespace? } or { static, address }',
});
export type BackendSpec = z.output<typeof backendSchema>;

/** TLS to Higress's HTTPS port (443) instead of plain HTTP. */
export const clientTlsSchema = z.strictObject({
  /** Server name sent in the ClientHello. @default none (no SNI) */
  sni: z.string().min(1).optional(),
  /** Present a client certificate issued by the case's CA. @default false */
  clientCertificate: z.boolean().default(false),
  minVersion: z.enum(['TLSv1.2', 'TLSv1.3']).optional(),
  maxVersion: z.enum(['TLSv1.2', 'TLSv1.3']).optional(),
  /** TLS 1.2 suites offered, OpenSSL names joined by ":". @default the client's defaults */
  ciphers: z.string().min(1).optional(),
});

export const requestSchema = z.strictObject({
  /** @default GET */
  method: z.string().regex(/^[A-Z]+$/, 'an upper-case HTTP method, e.g. GET').default('GET'),
  /** Host header. @default the gateway's address */
  host: z.string().min(1).optional(),
  /** Path and query. */
  path: z.string().startsWith('/', 'a path starts with "/"'),
  headers: z.record(z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'a header name (token characters only)'), z.string()).default({}),
  /** Client source address (allow-lists). @default the gateway's address */
  from: suiteAddress.optional(),
  /** Send it this many times, one after the other. @default 1 */
  count: z.number().int().min(1).max(2000).default(1),
  /** Per attempt. @default 5000 */
  timeoutMs: z.number().int().min(100).max(60_000).default(5000),
  /** Send over TLS to the HTTPS listener. @default plain HTTP */
  tls: clientTlsSchema.optional(),
});

const countRange = z.union([z.number().int().min(0), z.strictObject({ min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() })]);
export type CountRange = z.output<typeof countRange>;

export const expectSchema = z.strictObject({
  status: httpStatus.optional(),
  /** No HTTP answer at all: the connection or the TLS handshake was refused. */
  refused: z.literal(true).optional(),
  /** The backend that must answer; null: none may receive the request (a local reply). */
  backend: z.string().min(1).nullable().optional(),
  instance: z.string().min(1).optional(),
  /** What the answering backend received. @default the request's path, host and method */
  path: z.string().optional(),
  host: z.string().optional(),
  method: z.string().optional(),
  /** Headers the backend received (lower-case names). @default the request's headers */
  headers: z.record(z.string(), z.string()).optional(),
  absentHeaders: z.array(z.string()).optional(),
  responseHeaders: z.record(z.string(), z.string()).optional(),
  /** Response header values matched as regular expressions. */
  responseHeaderPatterns: z.record(z.string(), z.string()).optional(),
  absentResponseHeaders: z.array(z.string()).optional(),
  /** A substring of the response body. */
  body: z.string().optional(),
  /** How many times backends received the request (1 + retries). */
  attempts: z.number().int().min(0).max(20).optional(),
  /** A copy must reach this backend (request mirroring). */
  mirror: z.strictObject({ backend: z.string().min(1), host: z.string().optional(), path: z.string().optional() }).optional(),
  /** count > 1: share of answers per backend, "backend/instance" or status ("503"). */
  shares: z.record(z.string(), z.number().min(0).max(1)).optional(),
  /** Absolute share tolerance. @default max(0.03, 4.5 binomial standard deviations) */
  tolerance: z.number().min(0).max(0.5).optional(),
  /** count > 1: answers per status ("429") or backend, exact or {min, max}. */
  counts: z.record(z.string(), countRange).optional(),
  /** count > 1: how many distinct instances answered. */
  distinctInstances: z.number().int().min(0).max(16).optional(),
});
export type Expectation = z.output<typeof expectSchema>;

export const requestEntrySchema = z.strictObject({
  /** Unique within the case; known failures name requests by it. @default "#<index>" */
  name: z.string().min(1).optional(),
  /** Versions this request holds for. @default the case's */
  higress: z.array(higress).min(1).optional(),
  request: requestSchema,
  expect: expectSchema,
});
export type RequestEntry = z.output<typeof requestEntrySchema>;

export const knownFailureSchema = z.strictObject({
  /** "translation": region-lab's translation differs from Higress's, so every data plane fails alike. */
  dataPlane: z.enum([...DATA_PLANES, 'translation'], { message: 'dataPlane is "translation" (both data planes fail alike), "model" or "envoy"' }),
  /** @default every version of the case */
  higress: z.array(higress).min(1).optional(),
  /** Request names; @default every request of the case */
  requests: z.array(z.string().min(1)).min(1).optional(),
  reason: z.string().min(20, 'say why the data plane differs from Higress (20 characters at least)'),
  /** Where the fix is tracked, e.g. "issue 13 item 3". */
  tracking: z.string().optional(),
});
export type KnownFailure = z.output<typeof knownFailureSchema>;

/** Certificates made for each run of the case, added to its manifests as Secrets. */
export const certificateSchema = z.union([
  /** A kubernetes.io/tls Secret holding a server certificate (RSA, signed by the case's CA) for these hosts. */
  z.strictObject({ secret: dnsLabel, namespace: dnsLabel.default('default'), hosts: z.array(z.string().min(1)).min(1) }),
  /** An Opaque Secret holding the case's CA as ca.crt (auth-tls-secret, proxy-ssl-secret). */
  z.strictObject({ secret: dnsLabel, namespace: dnsLabel.default('default'), ca: z.literal(true) }),
], { message: 'a certificate is { secret, namespace?, hosts } or { secret, namespace?, ca: true }' });
export type CertificateSpec = z.output<typeof certificateSchema>;

export const manifestSchema = z.looseObject({
  apiVersion: z.string().min(1),
  kind: z.string().min(1),
  metadata: z.looseObject({ name: z.string().min(1), namespace: z.string().optional() }),
});
export type Manifest = z.output<typeof manifestSchema>;

export const caseSchema = z.strictObject({
  /** The file's name without .yaml. */
  name: kebab,
  description: z.string().min(1),
  source: z.union([sourceSchema, z.array(sourceSchema).min(1)]).transform((s) => (Array.isArray(s) ? s : [s])),
  /** @default both */
  higress: z.array(higress).min(1).default([...HIGRESS_VERSIONS]),
  /** Fork-only behaviour: why upstream Envoy (the envoy data plane) would differ from Higress's fork. */
  dataPlanes: z.strictObject({ envoy: z.string().min(1) }).optional(),
  /** The gateway pods' labels (Higress chart gateway.podLabels). @default {} */
  gateway: z.strictObject({ podLabels: z.record(z.string(), z.string()).default({}) }).default({ podLabels: {} }),
  backends: z.array(backendSchema).default([]),
  /** Made fresh for each run (one CA per case) and added to the manifests as Secrets. @default [] */
  certificates: z.array(certificateSchema).default([]),
  manifests: z.array(manifestSchema).min(1, 'list the Kubernetes objects the case applies'),
  requests: z.array(requestEntrySchema).min(1, 'list at least one request'),
  knownFailures: z.array(knownFailureSchema).default([]),
});
export type ConformanceCase = z.output<typeof caseSchema>;

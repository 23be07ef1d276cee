// Scenario: the route semantics added when the conformance gaps were translated —
// redirect Locations, query and pseudo-header matching, ignore-path-case, header
// control on upstream answers and on the router's own 503 — answer the same on real
// Envoy 1.36.4 and on the model, both fed region-lab's translation of the same
// manifests, each request with the answer measured on Envoy. Loopback: gateways on
// 127.0.90.1, Node backends on 127.0.91.1.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { startEnvoyCaseGateway } from '../../src/conformance/envoy-gateway.js';
import { startModelCaseGateway } from '../../src/conformance/model-gateway.js';
import type { CaseGateway } from '../../src/conformance/case-gateway.js';
import type { Manifest } from '../../src/conformance/schema.js';

const GATEWAY_HOST = '127.0.90.1';
const BACKEND_HOST = '127.0.91.1';

const MANIFESTS = `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: ssl, namespace: default, annotations: { nginx.ingress.kubernetes.io/ssl-redirect: "true" } }
spec: { ingressClassName: higress, rules: [{ host: ssl.example, http: { paths: [{ path: /, pathType: Prefix, backend: { service: { name: echo, port: { number: 8080 } } } }] } }] }
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: matches
  namespace: default
  annotations: { higress.io/exact-match-query-q: "a+b", higress.io/exact-match-pseudo-header-authority: m.example, higress.io/match-method: "POST" }
spec: { ingressClassName: higress, rules: [{ host: m.example, http: { paths: [{ path: /q, pathType: Exact, backend: { service: { name: echo, port: { number: 8080 } } } }] } }] }
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: cased, namespace: default, annotations: { higress.io/ignore-path-case: "true" } }
spec: { ingressClassName: higress, rules: [{ host: c.example, http: { paths: [{ path: /cat, pathType: Prefix, backend: { service: { name: echo, port: { number: 8080 } } } }] } }] }
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: headers
  namespace: default
  annotations: { higress.io/request-header-control-add: "x-add one", higress.io/request-header-control-remove: x-gone, higress.io/response-header-control-add: "stage test" }
spec:
  ingressClassName: higress
  rules:
    - host: h.example
      http:
        paths:
          - { path: /ok, pathType: Exact, backend: { service: { name: echo, port: { number: 8080 } } } }
          - { path: /dead, pathType: Exact, backend: { service: { name: dead, port: { number: 8080 } } } }
---
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: { name: higress }
spec: { controllerName: higress.io/gateway-controller }
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: gateway, namespace: default }
spec: { gatewayClassName: higress, listeners: [{ name: http, port: 80, protocol: HTTP }] }
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: redirect, namespace: default }
spec:
  parentRefs: [{ name: gateway }]
  hostnames: [r.example]
  rules:
    - matches: [{ path: { type: PathPrefix, value: /original } }]
      filters: [{ type: RequestRedirect, requestRedirect: { scheme: https, port: 8443, statusCode: 302, path: { type: ReplacePrefixMatch, replacePrefixMatch: /replacement } } }]
`;

interface Answer {
  readonly status: number;
  readonly location?: string;
  readonly stage?: string;
  /** What the backend received, when one answered. */
  readonly seen?: { readonly path: string; readonly headers: IncomingHttpHeaders };
}

interface Probe {
  readonly name: string;
  readonly method?: string;
  readonly host: string;
  readonly path: string;
  readonly headers?: Record<string, string>;
  /** Measured on Envoy 1.36.4 (or by the config's sources where noted). */
  readonly expect: (a: Answer) => void;
}

const PROBES: readonly Probe[] = [
  { name: 'ssl-redirect keeps a non-default Host port', host: 'ssl.example:8080', path: '/a?b=1', expect: (a) => expect([a.status, a.location]).toEqual([308, 'https://ssl.example:8080/a?b=1']) },
  { name: 'ssl-redirect drops :80', host: 'ssl.example:80', path: '/a', expect: (a) => expect(a.location).toBe('https://ssl.example/a') },
  { name: 'HTTPRoute redirect: prefix replaced, given port, Host port dropped', host: 'r.example:99', path: '/original/x?y=1', expect: (a) => expect([a.status, a.location]).toEqual([302, 'https://r.example:8443/replacement/x?y=1']) },
  { name: 'query (first value), method and authority hold', method: 'POST', host: 'm.example', path: '/q?q=a+b&q=c', expect: (a) => expect(a.status).toBe(200) },
  { name: 'a query value is matched as written, not decoded', method: 'POST', host: 'm.example', path: '/q?q=a%2Bb', expect: (a) => expect(a.status).toBe(404) },
  { name: 'a GET misses the method match', host: 'm.example', path: '/q?q=a+b', expect: (a) => expect(a.status).toBe(404) },
  { name: ':authority is the Host as sent, port included', method: 'POST', host: 'm.example:80', path: '/q?q=a+b', expect: (a) => expect(a.status).toBe(404) },
  { name: 'ignore-path-case: /CAT/x matches Prefix /cat', host: 'c.example', path: '/CAT/x', expect: (a) => expect(a.status).toBe(200) },
  { name: 'ignore-path-case: /CATx does not', host: 'c.example', path: '/CATx', expect: (a) => expect(a.status).toBe(404) },
  {
    name: 'header control: appended, removed, response header added',
    host: 'h.example',
    path: '/ok',
    headers: { 'x-add': 'client', 'x-gone': 'bye' },
    expect: (a) => {
      expect(a.status).toBe(200);
      expect(a.stage).toBe('test');
      expect(a.seen?.headers['x-add']).toBe('client, one');
      expect(a.seen?.headers['x-gone']).toBeUndefined();
    },
  },
  { name: 'response header added to the router\'s own 503', host: 'h.example', path: '/dead', expect: (a) => expect([a.status, a.stage]).toEqual([503, 'test']) },
];

function send(url: string, p: Probe): Promise<Answer> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: Number(u.port), method: p.method ?? 'GET', path: p.path, headers: { ...p.headers, host: p.host }, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => {
        const seen = res.headers['x-echo'] === '1' ? (JSON.parse(body) as Answer['seen']) : undefined;
        resolve({ status: res.statusCode ?? 0, ...(res.headers.location ? { location: res.headers.location } : {}), ...(res.headers.stage ? { stage: String(res.headers.stage) } : {}), ...(seen ? { seen } : {}) });
      });
    });
    req.setTimeout(5000, () => req.destroy(new Error('no answer within 5 s')));
    req.on('error', reject);
    req.end();
  });
}

describe.each(['2.1', '2.2'] as const)('route semantics on Higress %s: Envoy 1.36.4 and the model alike', (higress) => {
  let echo: Server;
  let workDir: string;
  const gateways: { name: string; gw: CaseGateway }[] = [];

  beforeAll(async () => {
    echo = createServer((req, res) => {
      req.resume();
      const body = JSON.stringify({ path: req.url, headers: req.headers });
      res.writeHead(200, { 'x-echo': '1', 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((r) => echo.listen(0, BACKEND_HOST, r));
    const port = (echo.address() as { port: number }).port;
    workDir = mkdtempSync(join(tmpdir(), 'rl-gaps-semantics-'));
    const manifests = parseAllDocuments(MANIFESTS).map((d) => d.toJS() as Manifest);
    // the dead Service's endpoint refuses connections: nothing listens on port 1
    const services = { 'echo.default:8080': [`${BACKEND_HOST}:${port}`], 'dead.default:8080': [`${BACKEND_HOST}:1`] };
    for (const [name, start] of [['envoy', startEnvoyCaseGateway], ['model', startModelCaseGateway]] as const) {
      const dir = join(workDir, name);
      mkdirSync(dir);
      gateways.push({ name, gw: await start({ higress, dataPlane: name, file: 'route-semantics.yaml', manifests, services, podLabels: {}, listenHost: GATEWAY_HOST, https: false, workDir: dir }) });
    }
  });

  afterAll(async () => {
    for (const { gw } of gateways.splice(0)) await gw.stop();
    await new Promise<void>((r) => echo?.close(() => r()));
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  for (const p of PROBES) {
    it(`GIVEN ${p.name} THEN both data planes answer as Envoy does`, async () => {
      const answers = [];
      for (const { name, gw } of gateways) {
        const a = await send(gw.url, p);
        answers.push(a);
        try {
          p.expect(a);
        } catch (e) {
          throw new Error(`${name}: ${(e as Error).message}`);
        }
      }
      const [envoy, model] = answers;
      expect({ ...model, seen: undefined }).toEqual({ ...envoy, seen: undefined });
    });
  }
});

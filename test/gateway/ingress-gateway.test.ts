// Ingress annotations on the wire: the in-process gateway in front of Node
// upstreams given as Kubernetes Services in the gateway config.
import { afterEach, describe, expect, it } from 'vitest';
import { Cleanup, ingressYaml, send, testGateway, until, upstream } from '../support/gateway-kit.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

async function one(annotations: Record<string, string>, opts: { path?: string; extra?: string } = {}) {
  const backend = await upstream(cleanup, 'backend');
  const services: Record<string, string[]> = { 'backend.default:8080': [backend.address] };
  const t = await testGateway(cleanup, ingressYaml('a', annotations, { ...(opts.path ? { path: opts.path } : {}) }) + (opts.extra ?? ''), { services });
  return { ...t, backend, port: t.gw.addresses.listen.port };
}

describe('Ingress on the wire', () => {
  it('ssl-redirect: 308 to https, path and query kept; the Host port kept unless it is http\'s default :80 (measured on Envoy 1.36.4)', async () => {
    const { port } = await one({ 'nginx.ingress.kubernetes.io/ssl-redirect': 'true' });
    const r = await send(port, { path: '/a?b=1', headers: { host: 'api.example.com:8080' } });
    expect(r.status).toBe(308);
    expect(r.headers.location).toBe('https://api.example.com:8080/a?b=1');
    expect((await send(port, { path: '/a', headers: { host: 'api.example.com:80' } })).headers.location).toBe('https://api.example.com/a');
  });

  it('permanent-redirect with code 308; app-root answers / with 302', async () => {
    const a = await one({ 'nginx.ingress.kubernetes.io/permanent-redirect': 'https://new.example/landing', 'nginx.ingress.kubernetes.io/permanent-redirect-code': '308' });
    expect(await send(a.port, { path: '/x' })).toMatchObject({ status: 308, headers: { location: 'https://new.example/landing' } });
    const b = await one({ 'nginx.ingress.kubernetes.io/app-root': '/app' });
    expect(await send(b.port, { path: '/' })).toMatchObject({ status: 302, headers: { location: 'http://api.example.com/app' } });
    expect((await send(b.port, { path: '/other' })).status).toBe(200);
  });

  it('rewrite-target and upstream-vhost: the upstream sees the rewritten path and Host', async () => {
    const { port, backend } = await one({ 'nginx.ingress.kubernetes.io/rewrite-target': '/$2', 'nginx.ingress.kubernetes.io/upstream-vhost': 'internal.svc' }, { path: '/v1(/|$)(.*)' });
    expect((await send(port, { path: '/v1/users?id=3' })).status).toBe(200);
    expect(backend.seen[0]).toMatchObject({ url: '/users?id=3', headers: { host: 'internal.svc' } });
  });

  it('CORS: preflight from an allowed origin answered by the gateway; simple request gets allow-origin', async () => {
    const { port, backend } = await one({ 'nginx.ingress.kubernetes.io/enable-cors': 'true', 'nginx.ingress.kubernetes.io/cors-allow-origin': 'https://*.example.org', 'nginx.ingress.kubernetes.io/cors-max-age': '3600' });
    const pre = await send(port, { method: 'OPTIONS', headers: { origin: 'https://app.example.org', 'access-control-request-method': 'PUT' } });
    expect(pre).toMatchObject({ status: 200, headers: { 'access-control-allow-origin': 'https://app.example.org', 'access-control-max-age': '3600', 'access-control-allow-credentials': 'true' } });
    expect(backend.seen).toHaveLength(0);
    const simple = await send(port, { headers: { origin: 'https://app.example.org' } });
    expect(simple.headers['access-control-allow-origin']).toBe('https://app.example.org');
    const other = await send(port, { headers: { origin: 'https://evil.test' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('whitelist-source-range: a peer outside the CIDRs gets 403 RBAC: access denied', async () => {
    const { port } = await one({ 'nginx.ingress.kubernetes.io/whitelist-source-range': '10.0.0.0/8' });
    expect(await send(port)).toMatchObject({ status: 403, body: 'RBAC: access denied' });
    const ok = await one({ 'higress.io/whitelist-source-range': '127.0.0.0/8' });
    expect((await send(ok.port)).status).toBe(200);
  });

  it('route-limit-rps 2 × burst 2: the bucket starts full (4), then 429 local_rate_limited and a rate-limited event', async () => {
    const { port, events } = await one({ 'higress.io/route-limit-rps': '2', 'higress.io/route-limit-burst-multiplier': '2' });
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await send(port)).status);
    expect(codes).toEqual([200, 200, 200, 200, 429, 429]);
    expect((await send(port)).headers['x-local-rate-limit']).toBe('true');
    expect(events.find((e) => e.kind === 'rate-limited')).toMatchObject({ count: 1 });
  });

  it('higress.io/timeout: a slow upstream gets 504 upstream request timeout', async () => {
    const { port, backend } = await one({ 'higress.io/timeout': '1' });
    backend.delayMs = 1500;
    expect(await send(port)).toMatchObject({ status: 504, body: 'upstream request timeout' });
  });

  it('proxy-next-upstream-timeout: per-try timeout retried (5xx), then 504', async () => {
    const { port, backend, events } = await one({ 'nginx.ingress.kubernetes.io/proxy-next-upstream-tries': '1', 'nginx.ingress.kubernetes.io/proxy-next-upstream-timeout': '1' });
    backend.delayMs = 1300;
    expect(await send(port)).toMatchObject({ status: 504, body: 'upstream request timeout' });
    expect(events.filter((e) => e.kind === 'retry')).toHaveLength(1);
  });

  it('mirror-target-service: the shadow gets Host -shadow; its answer is ignored', async () => {
    const shadow = await upstream(cleanup, 'shadow');
    shadow.status = 500;
    const backend = await upstream(cleanup, 'backend');
    const t = await testGateway(cleanup, ingressYaml('a', { 'nginx.ingress.kubernetes.io/mirror-target-service': 'default/shadow:9000' }), { services: { 'backend.default:8080': [backend.address], 'shadow.default:9000': [shadow.address] } });
    expect((await send(t.gw.addresses.listen.port)).status).toBe(200);
    await until(() => shadow.seen.length > 0);
    expect(shadow.seen[0]?.headers.host).toBe('api.example.com-shadow');
    // a Host with a port keeps it after the suffix, as Envoy 1.36 writes it
    expect((await send(t.gw.addresses.listen.port, { headers: { host: 'api.example.com:8080' } })).status).toBe(200);
    await until(() => shadow.seen.length > 1);
    expect(shadow.seen[1]?.headers.host).toBe('api.example.com-shadow:8080');
  });

  it('cookie affinity: Set-Cookie INGRESSCOOKIE on first response; the same cookie sticks to one host', async () => {
    const a = await upstream(cleanup, 'A');
    const b = await upstream(cleanup, 'B');
    const t = await testGateway(cleanup, ingressYaml('a', { 'nginx.ingress.kubernetes.io/affinity': 'cookie', 'nginx.ingress.kubernetes.io/session-cookie-max-age': '60' }), { services: { 'backend.default:8080': [a.address, b.address] } });
    const first = await send(t.gw.addresses.listen.port);
    const cookie = String(first.headers['set-cookie']?.[0] ?? '');
    expect(cookie).toMatch(/^INGRESSCOOKIE="[0-9a-f]+"; Max-Age=60; Path=\/; HttpOnly$/);
    const value = cookie.split(';')[0]!;
    const bodies = new Set<string>();
    for (let i = 0; i < 10; i++) bodies.add((await send(t.gw.addresses.listen.port, { headers: { cookie: value } })).body);
    expect(bodies.size).toBe(1);
  });
});

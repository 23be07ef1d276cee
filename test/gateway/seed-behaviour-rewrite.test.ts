// Seed rewrite, redirect and CORS Ingresses (18–24) on the wire: the path and Host
// the upstream saw, redirect status and Location, CORS headers, each as Higress's
// annotation handlers and Envoy do it (including where the runbook is wrong).
import { afterEach, describe, expect, it } from 'vitest';
import { seedGateway } from '../support/seed-kit.js';
import { Cleanup, send, upstream, type TestUpstream } from '../support/gateway-kit.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** The seed Ingress in front of one upstream playing `service` on port 8080. */
async function one(seed: string, service = 'backend-service'): Promise<{ port: number; up: TestUpstream }> {
  const up = await upstream(cleanup, service);
  const t = await seedGateway(cleanup, [seed], { services: { [`${service}:8080`]: [up.address] } });
  return { port: t.port, up };
}

describe('seed manifests: rewrite, redirect, CORS', () => {
  it('seed 18-rewrite-path.yaml: GIVEN rewrite-target /$2 with one capture group WHEN /api/v1/users?id=1 THEN the upstream sees the path unchanged — as Envoy\'s RE2 GlobalReplace does nothing when the substitution names a group the regex lacks (the runbook meant /$1)', async () => {
    const { port, up } = await one('18');
    expect((await send(port, { path: '/api/v1/users?id=1' })).status).toBe(200);
    expect(up.seen[0]?.url).toBe('/api/v1/users?id=1');
    expect((await send(port, { path: '/api/v2/users' })).status).toBe(404);
  });

  it('seed 19-upstream-vhost.yaml: WHEN api.example.com/x is requested THEN the upstream sees Host backend.internal.com and the path unchanged', async () => {
    const { port, up } = await one('19');
    expect((await send(port, { path: '/x' })).status).toBe(200);
    expect(up.seen[0]).toMatchObject({ url: '/x', headers: { host: 'backend.internal.com' } });
  });

  it('seed 20-ssl-redirect.yaml: WHEN http://secure.example.com/a?b=1 is requested THEN 308 to https://secure.example.com/a?b=1 and the upstream sees nothing', async () => {
    const { port, up } = await one('20');
    const r = await send(port, { path: '/a?b=1', headers: { host: 'secure.example.com' } });
    expect(r).toMatchObject({ status: 308, headers: { location: 'https://secure.example.com/a?b=1' } });
    expect(up.seen).toHaveLength(0);
  });

  it('seed 21-permanent-redirect.yaml: WHEN old.example.com/docs?p=2 is requested THEN 308 (permanent-redirect-code) to https://new.example.com/docs?p=2 — as the URL has no path, Envoy keeps the request path', async () => {
    const { port, up } = await one('21');
    const r = await send(port, { path: '/docs?p=2', headers: { host: 'old.example.com' } });
    expect(r).toMatchObject({ status: 308, headers: { location: 'https://new.example.com/docs?p=2' } });
    expect(up.seen).toHaveLength(0);
  });

  it('seed 22-temporal-redirect.yaml: WHEN api.example.com/orders is requested THEN 302 to https://maintenance.example.com/orders (path kept) and the upstream sees nothing', async () => {
    const { port, up } = await one('22');
    expect(await send(port, { path: '/orders' })).toMatchObject({ status: 302, headers: { location: 'https://maintenance.example.com/orders' } });
    expect(up.seen).toHaveLength(0);
  });

  it('seed 23-app-root.yaml: WHEN app.example.com/ is requested THEN 302 to http://app.example.com/app; /app itself reaches app-service', async () => {
    const { port, up } = await one('23', 'app-service');
    expect(await send(port, { path: '/', headers: { host: 'app.example.com' } })).toMatchObject({ status: 302, headers: { location: 'http://app.example.com/app' } });
    expect(up.seen).toHaveLength(0);
    expect(await send(port, { path: '/app', headers: { host: 'app.example.com' } })).toMatchObject({ status: 200, body: 'app-service' });
    expect(up.seen[0]?.url).toBe('/app');
  });

  it('seed 24-cors-config.yaml: a preflight from https://app.example.com is answered by the gateway with the configured methods, headers, max-age 3600 and credentials; a GET gets allow-origin and expose-headers; another origin gets no CORS headers', async () => {
    const { port, up } = await one('24');
    const pre = await send(port, { method: 'OPTIONS', headers: { origin: 'https://app.example.com', 'access-control-request-method': 'PUT' } });
    expect(pre).toMatchObject({
      status: 200,
      headers: {
        'access-control-allow-origin': 'https://app.example.com',
        'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
        'access-control-allow-headers': 'DNT,X-CustomHeader,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Authorization',
        'access-control-max-age': '3600',
        'access-control-allow-credentials': 'true',
      },
    });
    expect(up.seen).toHaveLength(0);
    const simple = await send(port, { headers: { origin: 'https://example.com' } });
    expect(simple).toMatchObject({ status: 200, headers: { 'access-control-allow-origin': 'https://example.com', 'access-control-expose-headers': 'X-Custom-Header', 'access-control-allow-credentials': 'true' } });
    const other = await send(port, { headers: { origin: 'https://evil.example.org' } });
    expect(other.status).toBe(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

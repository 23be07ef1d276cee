// default-backend (cluster_fallback: only when the primary has no healthy host)
// and custom-http-errors (one internal redirect, path rewritten to /).
import { afterEach, describe, expect, it } from 'vitest';
import { Cleanup, ingressYaml, send, testGateway, until, upstream } from '../support/gateway-kit.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const OD = `---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: backend-od, namespace: default }
spec:
  host: backend
  trafficPolicy:
    outlierDetection: { consecutive5xxErrors: 1, interval: 1s, baseEjectionTime: 30s }
`;

async function setup(annotations: Record<string, string>, extra = '') {
  const backend = await upstream(cleanup, 'backend');
  const fallback = await upstream(cleanup, 'fallback');
  const t = await testGateway(cleanup, ingressYaml('a', { 'nginx.ingress.kubernetes.io/default-backend': 'fallback', ...annotations }) + extra, {
    services: { 'backend.default:8080': [backend.address], 'fallback.default:80': [fallback.address] },
  });
  return { ...t, backend, fallback, port: t.gw.addresses.listen.port };
}

describe('default-backend and custom-http-errors', () => {
  it('default-backend: a dead primary whose host is still "healthy" (no OD, no HC) is NOT switched: 503', async () => {
    const { port, backend, fallback } = await setup({});
    await backend.close();
    const r = await send(port);
    expect(r.status).toBe(503);
    expect(fallback.seen).toHaveLength(0);
  });

  it('default-backend: once outlier detection ejects the only primary host, requests go to the fallback (fallback-served event)', async () => {
    const { port, backend, fallback, events } = await setup({}, OD);
    await backend.close();
    expect((await send(port)).status).toBe(503);
    await until(() => events.some((e) => e.kind === 'host-ejected'));
    const r = await send(port, { path: '/deep/path' });
    expect(r).toMatchObject({ status: 200, body: 'fallback' });
    expect(fallback.seen[0]?.url).toBe('/deep/path');
    expect(events.find((e) => e.kind === 'fallback-served')).toMatchObject({ reason: 'no-healthy-host', fallback: 'outbound|80||fallback.default.svc.cluster.local' });
  });

  it('default-backend: a 5xx from a live primary is passed through, not switched', async () => {
    const { port, backend, fallback } = await setup({});
    backend.status = 502;
    expect((await send(port)).status).toBe(502);
    expect(fallback.seen).toHaveLength(0);
  });

  it('custom-http-errors: a listed status is redirected once to the default backend with the path rewritten to /', async () => {
    const { port, backend, fallback, events } = await setup({ 'nginx.ingress.kubernetes.io/custom-http-errors': '404,503' });
    backend.status = 404;
    const r = await send(port, { path: '/missing?q=1' });
    expect(r).toMatchObject({ status: 200, body: 'fallback' });
    expect(fallback.seen[0]?.url).toBe('/');
    expect(fallback.seen[0]?.headers.host).toBe('api.example.com');
    expect(events.some((e) => e.kind === 'fallback-served' && e.reason === 'custom-http-error')).toBe(true);
  });

  it('custom-http-errors: at most one redirect; the fallback answering a listed code is returned as is', async () => {
    const { port, backend, fallback } = await setup({ 'nginx.ingress.kubernetes.io/custom-http-errors': '404' });
    backend.status = 404;
    fallback.status = 404;
    expect(await send(port)).toMatchObject({ status: 404, body: 'fallback' });
    expect(fallback.seen).toHaveLength(1);
  });
});

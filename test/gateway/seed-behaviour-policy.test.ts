// Seed traffic-policy Ingresses (25–27, 37) on the wire: route timeout (fake clock
// for the 30 s), local rate limit under a burst, retries counted by the upstream,
// and the default-backend fallback with the path rewritten to /.
import { Agent, request } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { seedGateway } from '../support/seed-kit.js';
import { Cleanup, send, upstream } from '../support/gateway-kit.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

async function one(seed: string, extra: Record<string, string[]> = {}) {
  const up = await upstream(cleanup, 'backend-service');
  const t = await seedGateway(cleanup, [seed], { services: { 'backend-service:8080': [up.address], ...extra } });
  return { ...t, up };
}

/** `n` GETs over `concurrency` keep-alive connections; the statuses counted. */
async function burst(port: number, n: number, concurrency = 50): Promise<Record<number, number>> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const out: Record<number, number> = {};
  let next = 0;
  const worker = async () => {
    while (next < n) {
      next++;
      const status = await new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: '/', agent, headers: { host: 'api.example.com' } }, (res) => res.resume().on('end', () => resolve(res.statusCode ?? 0)));
        req.on('error', reject).end();
      });
      out[status] = (out[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  return out;
}

describe('seed manifests: timeout, rate limit, retry, fallback', () => {
  it('seed 25-timeout-config.yaml: GIVEN an upstream that takes 45 s WHEN requested THEN nothing at 29 s, 504 upstream request timeout at 30 s — as higress.io/timeout sets the route timeout', async () => {
    const { port, up } = await one('25');
    up.delayMs = 45_000;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let settled = false;
      const reply = send(port).finally(() => (settled = true));
      while (up.seen.length === 0) await new Promise((r) => setImmediate(r));
      await vi.advanceTimersByTimeAsync(29_000);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1_500);
      expect(await reply).toMatchObject({ status: 504, body: 'upstream request timeout' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('seed 26-rate-limit.yaml: WHEN a burst of 5,100 requests arrives THEN 5,000 pass and 100 get 429 — as route-limit-rpm (1000 × burst 5) wins over route-limit-rps (the runbook\'s 100/s × 5 = 500 never applies)', async () => {
    const { port, up } = await one('26');
    expect(await burst(port, 5_100)).toEqual({ 200: 5_000, 429: 100 });
    expect(up.seen).toHaveLength(5_000);
    expect(await send(port)).toMatchObject({ status: 429, body: 'local_rate_limited', headers: { 'x-local-rate-limit': 'true' } });
  }, 30_000);

  it('seed 27-retry-config.yaml: GIVEN an upstream answering 503 (then 500) WHEN a GET THEN it is tried 4 times (3 retries) and the last answer returned; a POST is tried once — as error/timeout map to retry_on 5xx and Higress retries idempotent methods only', async () => {
    const { port, up } = await one('27');
    up.status = 503;
    expect((await send(port)).status).toBe(503);
    expect(up.seen.map((s) => s.headers['x-envoy-attempt-count'])).toEqual(['1', '2', '3', '4']);
    up.status = 500;
    expect((await send(port)).status).toBe(500);
    expect(up.seen).toHaveLength(8);
    expect((await send(port, { method: 'POST' })).status).toBe(500);
    expect(up.seen).toHaveLength(9);
  });

  it('seed 37-fallback-config.yaml: GIVEN fallback-service (fixture Service) WHEN backend-service answers 404 or 502 THEN fallback-service answers, seeing path / and the original Host; a 200 is passed through — as custom-http-errors does one internal redirect to the default backend', async () => {
    const fb = await upstream(cleanup, 'fallback-service');
    const { port, up } = await one('37', { 'fallback-service:8080': [fb.address] });
    expect(await send(port, { path: '/ok' })).toMatchObject({ status: 200, body: 'backend-service' });
    up.status = 404;
    expect(await send(port, { path: '/missing?q=1' })).toMatchObject({ status: 200, body: 'fallback-service' });
    expect(fb.seen[0]).toMatchObject({ url: '/', headers: { host: 'api.example.com' } });
    up.status = 502;
    expect(await send(port, { path: '/broken' })).toMatchObject({ status: 200, body: 'fallback-service' });
    expect(fb.seen).toHaveLength(2);
    expect(up.seen.map((s) => s.url)).toEqual(['/ok', '/missing?q=1', '/broken']);
  });
});

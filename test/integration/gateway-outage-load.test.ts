// The gateway under a steady 1,000 requests per second while its only upstream
// dies and comes back on the same address: every request the client sent gets an
// outcome it can count (a response, or a reset/error); none is left hanging.
import { createServer, request, Agent, type Server } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { Cleanup, testGateway } from '../support/gateway-kit.js';

const UPSTREAM = { host: '127.0.31.21', port: 18721 };
const cleanup = new Cleanup();
afterAll(() => cleanup.run());

function startUpstream(): Promise<Server> {
  const s = createServer((q, r) => {
    q.resume();
    r.end('ok');
  });
  return new Promise((resolve) => s.listen(UPSTREAM.port, UPSTREAM.host, () => resolve(s)));
}

async function stopUpstream(s: Server): Promise<void> {
  s.closeAllConnections();
  await new Promise((r) => s.close(r));
}

describe('gateway under load with an upstream outage', () => {
  it('GIVEN 1,000 rps for 4 s WHEN the upstream dies at 1 s and returns at 2.5 s THEN every request has an outcome', async () => {
    let upstream = await startUpstream();
    const t = await testGateway(cleanup, `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: load, namespace: default }
spec:
  ingressClassName: higress
  rules:
    - host: api.example.com
      http:
        paths:
          - { path: /, pathType: Prefix, backend: { service: { name: backend, port: { number: 80 } } } }
`, { services: { 'backend.default:80': [`${UPSTREAM.host}:${UPSTREAM.port}`] }, extra: { listen: { host: '127.0.31.20', port: 0 } } });
    const port = t.gw.addresses.listen.port;
    const agent = new Agent({ keepAlive: true, maxSockets: 256 });
    const outcomes = { ok: 0, error5xx: 0, otherStatus: 0, reset: 0 };
    let sent = 0;
    const pending = new Set<number>();
    const fire = () => {
      const id = sent++;
      pending.add(id);
      const done = (k: keyof typeof outcomes) => {
        if (!pending.delete(id)) return;
        outcomes[k]++;
      };
      const req = request({ host: '127.0.31.20', port, path: '/', agent, headers: { host: 'api.example.com' } }, (res) => {
        res.resume();
        res.on('end', () => done(res.statusCode === 200 ? 'ok' : (res.statusCode ?? 0) >= 500 ? 'error5xx' : 'otherStatus'));
        res.on('error', () => done('reset'));
      });
      req.on('error', () => done('reset'));
      req.setTimeout(10_000, () => req.destroy());
      req.end();
    };
    const began = performance.now();
    let killed = false;
    let revived = false;
    await new Promise<void>((finished) => {
      const tick = setInterval(() => {
        const elapsed = performance.now() - began;
        const due = Math.min(4000, elapsed);
        while (sent < due) fire(); // 1 request per ms, catching up after timer lag
        if (!killed && elapsed > 1000) {
          killed = true;
          void stopUpstream(upstream);
        }
        if (!revived && elapsed > 2500) {
          revived = true;
          void startUpstream().then((s) => (upstream = s));
        }
        if (elapsed >= 4000) {
          clearInterval(tick);
          finished();
        }
      }, 5);
    });
    for (let i = 0; i < 500 && pending.size > 0; i++) await new Promise((r) => setTimeout(r, 20));
    agent.destroy();
    await stopUpstream(upstream);
    const total = outcomes.ok + outcomes.error5xx + outcomes.otherStatus + outcomes.reset;
    expect(sent).toBeGreaterThanOrEqual(3900);
    expect(pending.size).toBe(0);
    expect(total).toBe(sent);
    expect(outcomes.ok).toBeGreaterThan(sent / 2);
    expect(outcomes.error5xx).toBeGreaterThan(0); // the outage was seen: 503 after retries
    expect(outcomes.otherStatus).toBe(0);
  });
});

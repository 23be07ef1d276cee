// Pins the demo business service's contract with the testbed: every answer names
// who served it, and the admin API makes it fail exactly as asked.
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { businessConfigSchema } from './config.js';
import { createBusinessServers, type BusinessServers } from './server.js';

const cfg = businessConfigSchema.parse({
  app: 'user-service',
  nacosService: 'user-service-south',
  region: 'south',
  cluster: 'biz-south',
  instance: 'user-service-south-1',
  listen: { host: '127.0.0.1', port: 0 },
  admin: { host: '127.0.0.1', port: 0 },
  nacos: { address: '127.0.0.1:1' },
  metadata: { region: 'south' },
});

let servers: BusinessServers | undefined;
afterEach(async () => servers?.close());

async function start(random?: () => number, fallback = false) {
  servers = createBusinessServers({ ...cfg, fallback }, random);
  await new Promise<void>((r) => servers!.data.listen(0, '127.0.0.1', r));
  await new Promise<void>((r) => servers!.admin.listen(0, '127.0.0.1', r));
  const port = (s: BusinessServers['data']) => (s.address() as AddressInfo).port;
  return { data: `http://127.0.0.1:${port(servers.data)}`, admin: `http://127.0.0.1:${port(servers.admin)}` };
}

describe('business service', () => {
  it('GIVEN a request THEN the answer says which region, cluster and instance served it', async () => {
    const { data } = await start();
    const res = await fetch(`${data}/api/users`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-served-region')).toBe('south');
    expect(res.headers.get('x-served-cluster')).toBe('biz-south');
    expect(res.headers.get('x-served-instance')).toBe('user-service-south-1');
    expect(res.headers.get('x-fallback')).toBeNull();
  });

  it('GIVEN a fallback service THEN its answers are marked x-fallback: true', async () => {
    const { data } = await start(undefined, true);
    expect((await fetch(data)).headers.get('x-fallback')).toBe('true');
  });

  it('GIVEN POST /fail {status: 502, rate: 0.5} THEN half the requests (by the random source) fail with 502 until DELETE /fail', async () => {
    let n = 0;
    const { data, admin } = await start(() => (n++ % 2 === 0 ? 0.1 : 0.9));
    expect((await fetch(`${admin}/fail`, { method: 'POST', body: JSON.stringify({ status: 502, rate: 0.5 }) })).status).toBe(200);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(data)).status);
    expect(statuses).toEqual([502, 200, 502, 200]);
    await fetch(`${admin}/fail`, { method: 'DELETE' });
    expect((await fetch(data)).status).toBe(200);
  });

  it('GIVEN added latency THEN answers take at least that long', async () => {
    const { data, admin } = await start();
    await fetch(`${admin}/fail`, { method: 'POST', body: JSON.stringify({ rate: 0, latencyMs: 150 }) });
    const t = Date.now();
    expect((await fetch(data)).status).toBe(200);
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
  });

  it('GIVEN hang THEN the request gets no answer until the fault is cleared, which drops it', async () => {
    const { data, admin } = await start();
    await fetch(`${admin}/fail`, { method: 'POST', body: JSON.stringify({ hang: true }) });
    const pending = fetch(data).then(
      (r) => r.status,
      () => 'reset',
    );
    const raced = await Promise.race([pending, new Promise((r) => setTimeout(() => r('still waiting'), 300))]);
    expect(raced).toBe('still waiting');
    await fetch(`${admin}/fail`, { method: 'DELETE' });
    expect(await pending).toBe('reset');
  });

  it('GIVEN a malformed failure mode THEN the admin API answers 400 naming the field', async () => {
    const { admin } = await start();
    const res = await fetch(`${admin}/fail`, { method: 'POST', body: JSON.stringify({ rate: 2 }) });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/rate/);
  });
});

describe('business service overload', () => {
  it('GIVEN maxConcurrent 1 and slow answers WHEN two requests overlap THEN the second is shed with 503 at once', async () => {
    const { data, admin } = await start();
    await fetch(`${admin}/fail`, { method: 'POST', body: JSON.stringify({ rate: 0, latencyMs: 300, maxConcurrent: 1 }) });
    const first = fetch(data).then((r) => r.status);
    await new Promise((r) => setTimeout(r, 50));
    const t = Date.now();
    expect((await fetch(data)).status).toBe(503);
    expect(Date.now() - t).toBeLessThan(150);
    expect(await first).toBe(200);
  });
});

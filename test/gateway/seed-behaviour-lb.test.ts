// Seed Ingresses on backend choice and access (28–32) on the wire: backend protocol (h2c),
// least request, consistent hash by URI, cookie affinity, the IP allow-list, each
// with backend-service's hosts as fixture Services answering with their names.
import { afterEach, describe, expect, it } from 'vitest';
import { ignoredReasons, seedGateway } from '../support/seed-kit.js';
import { Cleanup, send, upstream, type TestUpstream } from '../support/gateway-kit.js';
import { secureUpstream } from '../support/tls-kit.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

async function hosts(seed: string, n: number, service = 'backend-service:8080') {
  const ups: TestUpstream[] = [];
  for (let i = 0; i < n; i++) ups.push(await upstream(cleanup, `host-${i}`));
  const t = await seedGateway(cleanup, [seed], { services: { [service]: ups.map((u) => u.address) } });
  return { ...t, ups };
}

describe('seed manifests: backend protocol, load balancing, allow-list', () => {
  it('seed 28-backend-protocol.yaml: WHEN grpc.example.com/pkg.Svc/Call is POSTed over HTTP/1.1 THEN grpc-service:9090 receives it over HTTP/2 cleartext (h2c) with :authority grpc.example.com — as backend-protocol GRPC sets h2UpgradePolicy UPGRADE (Envoy http2_protocol_options)', async () => {
    const up = await secureUpstream(cleanup, 'grpc-service');
    const t = await seedGateway(cleanup, ['28'], { services: { 'grpc-service:9090': [up.address] } });
    const r = await send(t.port, { method: 'POST', path: '/pkg.Svc/Call', headers: { host: 'grpc.example.com' } });
    expect(r).toMatchObject({ status: 200, body: 'grpc-service' });
    expect(up.seen[0]).toMatchObject({ url: '/pkg.Svc/Call', httpVersion: '2.0', servername: undefined, headers: { ':authority': 'grpc.example.com', ':method': 'POST' } });
  });

  it('seed 29-load-balance.yaml: GIVEN two hosts, one slow (1.5 s) WHEN 60 requests arrive 10 ms apart THEN most go to the idle host — as least_conn is Envoy LEAST_REQUEST (P2C on active requests: the busy host only when both samples are it, ~25%), not round robin\'s 30/30', async () => {
    const { port, ups } = await hosts('29', 2);
    ups[0]!.delayMs = 1_500;
    const replies: Promise<unknown>[] = [];
    for (let i = 0; i < 60; i++) {
      replies.push(send(port));
      await new Promise((r) => setTimeout(r, 10));
    }
    await Promise.all(replies);
    expect(ups[0]!.seen.length + ups[1]!.seen.length).toBe(60);
    expect(ups[0]!.seen.length).toBeLessThan(24);
  });

  it('seed 30-upstream-hash-by.yaml: GIVEN three hosts WHEN six URIs are each requested five times THEN every URI always lands on one host, and the URIs spread over more than one host — as $request_uri hashes on :path', async () => {
    const { port } = await hosts('30', 3);
    const hostOf = new Map<string, Set<string>>();
    for (let round = 0; round < 5; round++) {
      for (let u = 0; u < 6; u++) {
        const path = `/items/${u}?page=${u}`;
        const set = hostOf.get(path) ?? new Set<string>();
        set.add((await send(port, { path })).body);
        hostOf.set(path, set);
      }
    }
    for (const set of hostOf.values()) expect(set.size).toBe(1);
    expect(new Set([...hostOf.values()].map((s) => [...s][0])).size).toBeGreaterThan(1);
  });

  it('seed 31-cookie-affinity.yaml: the first response sets cookie route="…"; Max-Age=3600; Path=/; HttpOnly and requests carrying it stick to one host; affinity-mode is reported as not read', async () => {
    const t = await hosts('31', 3);
    const first = await send(t.port, { headers: { host: 'app.example.com' } });
    const cookie = String(first.headers['set-cookie']?.[0] ?? '');
    expect(cookie).toMatch(/^route="[0-9a-f]+"; Max-Age=3600; Path=\/; HttpOnly$/);
    const bodies = new Set<string>();
    for (let i = 0; i < 12; i++) bodies.add((await send(t.port, { headers: { host: 'app.example.com', cookie: cookie.split(';')[0]! } })).body);
    expect(bodies.size).toBe(1);
    expect(ignoredReasons(t).join('\n')).toMatch(/affinity-mode ignored/);
  });

  it('seed 32-ip-whitelist.yaml: WHEN a peer outside 10/8, 172.16/12, 192.168/16 (127.0.0.1) requests, even claiming X-Forwarded-For 10.0.0.1 THEN 403 RBAC: access denied and the upstream sees nothing — as the allow-list checks the connection\'s peer address', async () => {
    const { port, ups } = await hosts('32', 1);
    expect(await send(port, { headers: { host: 'internal.example.com' } })).toMatchObject({ status: 403, body: 'RBAC: access denied' });
    expect(await send(port, { headers: { host: 'internal.example.com', 'x-forwarded-for': '10.0.0.1' } })).toMatchObject({ status: 403 });
    expect(ups[0]!.seen).toHaveLength(0);
  });
});

// Seed TLS, auth and access manifests (33–36, 43) on the wire. The model has no TLS
// listener or TLS upstream (docs/fidelity.md departures), so 33–35 assert what it
// does: the plain-HTTP route Higress also programs on port 80, and a plain-HTTP
// upstream. Basic auth is ignored since Higress 2.0; NetworkPolicy is the CNI's.
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureIngress, ignoredReasons, seedGateway } from './seed-kit.js';
import { Cleanup, send, upstream } from './test-kit.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

async function one(seeds: string[], port = 8080, opts: { higress?: '2.1' | '2.2'; fixtures?: string[]; service?: string } = {}) {
  const up = await upstream(cleanup, opts.service ?? 'backend-service');
  const t = await seedGateway(cleanup, seeds, { services: { [`${opts.service ?? 'backend-service'}:${port}`]: [up.address] }, ...opts });
  return { ...t, up };
}

describe('seed manifests: TLS, auth, network policy', () => {
  it('seed 33-tls-config.yaml: WHEN http://secure.example.com/ is requested THEN backend-service answers (no HTTPS redirect: Higress adds none without ssl-redirect) — TLS termination with tls-secret and ssl-cipher is not modelled (docs/fidelity.md departures)', async () => {
    const { port, up } = await one(['33']);
    expect(await send(port, { path: '/pay', headers: { host: 'secure.example.com' } })).toMatchObject({ status: 200, body: 'backend-service' });
    expect(up.seen[0]).toMatchObject({ url: '/pay', headers: { host: 'secure.example.com', 'x-forwarded-proto': 'http' } });
  });

  it('seed 34-mtls-config.yaml: WHEN http://secure.example.com/ is requested without any client certificate THEN backend-service answers — auth-tls-secret (tls-cert-cacert, which Higress would accept for the tls-cert server) guards only the HTTPS server, which the model lacks (docs/fidelity.md departures)', async () => {
    const { port, up } = await one(['34']);
    expect(await send(port, { headers: { host: 'secure.example.com' } })).toMatchObject({ status: 200, body: 'backend-service' });
    expect(up.seen).toHaveLength(1);
  });

  it('seed 35-proxy-ssl.yaml: WHEN api.example.com/ is requested THEN backend-service:8443 receives the request over plain HTTP with Host api.example.com — the model does not originate TLS (Higress would use MUTUAL TLS with proxy-client-cert and SNI backend.internal.com; docs/fidelity.md departures)', async () => {
    const { port, up } = await one(['35'], 8443);
    expect(await send(port, { path: '/v1' })).toMatchObject({ status: 200, body: 'backend-service' });
    expect(up.seen[0]).toMatchObject({ url: '/v1', headers: { host: 'api.example.com' } });
  });

  it('seed 36-basic-auth.yaml: GIVEN Higress 2.1 (and 2.2) WHEN protected.example.com is requested without credentials THEN backend-service answers 200 and no WWW-Authenticate is sent — as the basic auth annotations were removed in Higress 2.0 (each reported ignored)', async () => {
    for (const higress of ['2.1', '2.2'] as const) {
      const t = await one(['36'], 8080, { higress });
      const r = await send(t.port, { headers: { host: 'protected.example.com' } });
      expect(r).toMatchObject({ status: 200, body: 'backend-service' });
      expect(r.headers['www-authenticate']).toBeUndefined();
      const ignored = ignoredReasons(t).join('\n');
      for (const a of ['auth-type', 'auth-secret', 'auth-secret-type', 'auth-realm']) expect(ignored).toContain(`nginx.ingress.kubernetes.io/${a} ignored: basic auth annotations were removed in Higress 2.0`);
    }
  });

  it('seed 43-allow-middleware-access.yaml: GIVEN an Ingress to business-service (fixture) WHEN requested THEN it is served and the NetworkPolicy is reported ignored — as Higress never reads NetworkPolicy (the business cluster\'s CNI enforces it)', async () => {
    const t = await one(['43'], 8080, { fixtures: [fixtureIngress('business-ingress', 'api.example.com', 'business-service')], service: 'business-service' });
    expect(await send(t.port)).toMatchObject({ status: 200, body: 'business-service' });
    expect(ignoredReasons(t)).toEqual([expect.stringMatching(/^NetworkPolicy business\/allow-middleware-access: Higress does not read NetworkPolicy/)]);
  });
});

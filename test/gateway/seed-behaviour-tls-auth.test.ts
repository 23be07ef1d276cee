// Seed TLS, auth and access manifests (33–36, 43) on the wire, over real TLS on
// loopback: certificates from a throw-away CA (test-certs.ts), Secrets as fixtures.
// Basic auth is ignored since Higress 2.0; NetworkPolicy is the CNI's.
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { fixtureIngress, ignoredReasons, seedFile, seedGateway } from '../support/seed-kit.js';
import { createTestPki, secretYaml, type TestPki } from '../support/test-certs.js';
import { Cleanup, send, upstream } from '../support/gateway-kit.js';
import { httpsSend, secureUpstream } from '../support/tls-kit.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());
let pki: TestPki;
beforeAll(() => void (pki = createTestPki()));
afterAll(() => pki.remove());

async function one(seeds: string[], port = 8080, opts: { higress?: '2.1' | '2.2'; fixtures?: string[]; service?: string } = {}) {
  const up = await upstream(cleanup, opts.service ?? 'backend-service');
  const t = await seedGateway(cleanup, seeds, { services: { [`${opts.service ?? 'backend-service'}:${port}`]: [up.address] }, ...opts });
  return { ...t, up };
}

/** FIXTURE: a kubernetes.io/tls Secret for `host` (plus `extra` keys, e.g. ca.crt). */
function serverSecret(name: string, host: string, extra: Record<string, string> = {}): string {
  const c = pki.issue(host);
  return secretYaml('default', name, { 'tls.crt': c.cert, 'tls.key': c.key, ...extra });
}

const SEED33_CIPHERS = ['ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE-RSA-AES256-GCM-SHA384'];

describe('seed manifests: TLS, auth, network policy', () => {
  it('seed 33-tls-config.yaml: GIVEN Secret default/tls-secret (fixture) WHEN https://secure.example.com/ is requested with SNI secure.example.com THEN the gateway presents the tls-secret certificate, TLS 1.2 negotiates a suite of ssl-cipher, a suite outside it is refused, and backend-service sees x-forwarded-proto https; http:// on port 80 is still served (no redirect without ssl-redirect)', async () => {
    const { port, httpsPort, up } = await one(['33'], 8080, { fixtures: [serverSecret('tls-secret', 'secure.example.com')] });
    const tls12 = await httpsSend(httpsPort, { servername: 'secure.example.com', path: '/pay', ca: pki.ca.cert, maxVersion: 'TLSv1.2' });
    expect(tls12).toMatchObject({ status: 200, body: 'backend-service', serverCert: 'secure.example.com', protocol: 'TLSv1.2' });
    expect(SEED33_CIPHERS).toContain(tls12.cipher);
    expect(up.seen[0]).toMatchObject({ url: '/pay', headers: { host: 'secure.example.com', 'x-forwarded-proto': 'https' } });
    // BoringSSL has no TLS 1.3 suite setting: cipher_suites bind only TLS ≤ 1.2
    expect((await httpsSend(httpsPort, { servername: 'secure.example.com', ca: pki.ca.cert })).cipher).toMatch(/^TLS_AES_/);
    await expect(httpsSend(httpsPort, { servername: 'secure.example.com', ca: pki.ca.cert, maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES128-SHA' })).rejects.toThrow();
    await expect(httpsSend(httpsPort, { servername: 'other.example.com', ca: pki.ca.cert })).rejects.toThrow();
    expect(await send(port, { path: '/pay', headers: { host: 'secure.example.com' } })).toMatchObject({ status: 200, body: 'backend-service' });
  });

  it('seed 33-tls-config.yaml without its Secret: THEN the load reports that istiod cannot serve default/tls-secret and every handshake for secure.example.com is refused, while port 80 serves — as Higress programs the HTTPS server anyway and Envoy waits for SDS', async () => {
    const t = await one(['33']);
    expect(ignoredReasons(t).join('\n')).toContain('istiod cannot serve the certificate of default/tls-secret (secret default/tls-secret not found)');
    await expect(httpsSend(t.httpsPort, { servername: 'secure.example.com', ca: pki.ca.cert })).rejects.toThrow();
    expect(await send(t.port, { headers: { host: 'secure.example.com' } })).toMatchObject({ status: 200 });
  });

  it('seed 34-mtls-config.yaml: GIVEN Secrets tls-cert and tls-cert-cacert (ca.crt: the CA) WHEN a client without a certificate, or with one from another CA, connects THEN it is refused; a client certificate signed by the CA is served — as auth-tls-secret names <server secret>-cacert, which makes the server MUTUAL', async () => {
    const fixtures = [serverSecret('tls-cert', 'secure.example.com'), secretYaml('default', 'tls-cert-cacert', { 'ca.crt': pki.ca.cert }, 'Opaque')];
    const { httpsPort, up } = await one(['34'], 8080, { fixtures });
    await expect(httpsSend(httpsPort, { servername: 'secure.example.com', ca: pki.ca.cert })).rejects.toThrow();
    const stranger = createTestPki();
    try {
      await expect(httpsSend(httpsPort, { servername: 'secure.example.com', ca: pki.ca.cert, client: stranger.issue('mallory', { usage: 'client' }) })).rejects.toThrow();
    } finally {
      stranger.remove();
    }
    expect(up.seen).toHaveLength(0);
    const ok = await httpsSend(httpsPort, { servername: 'secure.example.com', ca: pki.ca.cert, client: pki.issue('alice', { usage: 'client' }) });
    expect(ok).toMatchObject({ status: 200, body: 'backend-service', serverCert: 'secure.example.com' });
  });

  it('seed 35-proxy-ssl.yaml as written: WHEN api.example.com/v1 is requested THEN backend-service:8443 receives it over plain HTTP and proxy-ssl-* is reported ignored — as without backend-protocol HTTPS Higress drops the upstream TLS config', async () => {
    const t = await one(['35'], 8443);
    expect(await send(t.port, { path: '/v1' })).toMatchObject({ status: 200, body: 'backend-service' });
    expect(t.up.seen[0]).toMatchObject({ url: '/v1', headers: { host: 'api.example.com' } });
    expect(ignoredReasons(t).join('\n')).toContain('proxy-ssl-secret, proxy-ssl-name, proxy-ssl-server-name ignored: backend-protocol is unset (HTTP)');
  });

  it('seed 35 with backend-protocol: HTTPS added (fixture): THEN the upstream sees TLS with the gateway presenting proxy-client-cert and no SNI, since proxy-ssl-server-name "true" is not "on"; with "on" the SNI is backend.internal.com', async () => {
    const server = pki.issue('backend.internal.com');
    const client = pki.issue('gateway-client', { usage: 'client' });
    const secret = secretYaml('default', 'proxy-client-cert', { 'tls.crt': client.cert, 'tls.key': client.key, 'ca.crt': pki.ca.cert });
    const withHttps = seedFile('35').text.replace('annotations:\n', 'annotations:\n    nginx.ingress.kubernetes.io/backend-protocol: "HTTPS" # FIXTURE\n');
    for (const [serverName, sni] of [['"true"', undefined], ['"on"', 'backend.internal.com']] as const) {
      const up = await secureUpstream(cleanup, 'backend-service', { tls: server, clientCa: pki.ca.cert });
      const t = await seedGateway(cleanup, [], { fixtures: [withHttps.replace('proxy-ssl-server-name: "true"', `proxy-ssl-server-name: ${serverName}`), secret], services: { 'backend-service:8443': [up.address] } });
      expect(await send(t.port, { path: '/v1' })).toMatchObject({ status: 200, body: 'backend-service' });
      expect(up.seen[0]).toMatchObject({ url: '/v1', httpVersion: '1.1', servername: sni, clientCert: 'gateway-client' });
    }
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

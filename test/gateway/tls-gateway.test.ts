// On-the-wire tests of the TLS and HTTP/2 rules beyond the seeds: upstream TLS per
// Higress profile (2.1 verifies nothing, 2.2 verifies with auto SNI), SDS-missing
// secrets, h2 over TLS, and the HTTPS listener's host check and redirect rule.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestPki, secretYaml, type TestPki } from '../support/test-certs.js';
import { Cleanup, ingressYaml, send, testGateway, upstream } from '../support/gateway-kit.js';
import { httpsSend, secureUpstream } from '../support/tls-kit.js';

const N = 'nginx.ingress.kubernetes.io/';
const cleanup = new Cleanup();
afterEach(() => cleanup.run());
let pki: TestPki;
beforeAll(() => void (pki = createTestPki()));
afterAll(() => pki.remove());

const HTTPS_LISTENER = { listenHttps: { host: '127.0.0.1', port: 0 } };

async function gatewayTo(address: string, annotations: Record<string, string>, opts: { higress?: '2.1' | '2.2'; extra?: string[]; extraSpec?: string } = {}) {
  const yaml = [ingressYaml('up', annotations, opts.extraSpec ? { extraSpec: opts.extraSpec } : {}), ...(opts.extra ?? [])].join('---\n');
  return testGateway(cleanup, yaml, { services: { 'backend:8080': [address] }, higress: opts.higress ?? '2.1', extra: HTTPS_LISTENER });
}

describe('upstream TLS and HTTP/2', () => {
  it('GIVEN backend-protocol HTTPS and a backend with a private-CA certificate THEN Higress 2.1 connects without SNI and without verifying; 2.2 (Istio 1.27 defaults) fails verification: 503 CERTIFICATE_VERIFY_FAILED', async () => {
    const up = await secureUpstream(cleanup, 'backend', { tls: pki.issue('backend.internal') });
    const t21 = await gatewayTo(up.address, { [`${N}backend-protocol`]: 'HTTPS' });
    expect(await send(t21.gw.addresses.listen.port)).toMatchObject({ status: 200, body: 'backend' });
    expect(up.seen[0]).toMatchObject({ httpVersion: '1.1', servername: undefined });
    const t22 = await gatewayTo(up.address, { [`${N}backend-protocol`]: 'HTTPS' }, { higress: '2.2' });
    expect(await send(t22.gw.addresses.listen.port)).toEqual(expect.objectContaining({ status: 503, body: 'upstream connect error or disconnect/reset before headers. retried and the latest reset reason: remote connection failure, transport failure reason: TLS_error:|268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:TLS_error_end' }));
  });

  it('GIVEN backend-protocol HTTPS towards a plain-HTTP backend THEN 503 WRONG_VERSION_NUMBER', async () => {
    const up = await upstream(cleanup, 'plain');
    const t = await gatewayTo(up.address, { [`${N}backend-protocol`]: 'HTTPS' });
    expect((await send(t.gw.addresses.listen.port)).body).toContain('transport failure reason: TLS_error:|268435703:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER:TLS_error_end');
  });

  it('GIVEN proxy-ssl-secret whose Secret has no CA (no ca.crt, no <name>-cacert) THEN every attempt fails: TLS error: Secret is not supplied by SDS', async () => {
    const client = pki.issue('gw', { usage: 'client' });
    const up = await secureUpstream(cleanup, 'backend', { tls: pki.issue('backend.internal') });
    const t = await gatewayTo(up.address, { [`${N}backend-protocol`]: 'HTTPS', [`${N}proxy-ssl-secret`]: 'default/client' }, { extra: [secretYaml('default', 'client', { 'tls.crt': client.cert, 'tls.key': client.key })] });
    const r = await send(t.gw.addresses.listen.port);
    expect(r).toMatchObject({ status: 503, body: expect.stringContaining('transport failure reason: TLS error: Secret is not supplied by SDS') });
    expect(up.seen).toHaveLength(0);
  });

  it('GIVEN backend-protocol GRPCS THEN HTTP/2 over TLS with ALPN h2', async () => {
    const up = await secureUpstream(cleanup, 'backend', { tls: pki.issue('backend.internal'), h2: true });
    const t = await gatewayTo(up.address, { [`${N}backend-protocol`]: 'GRPCS' });
    expect(await send(t.gw.addresses.listen.port, { method: 'POST', path: '/pkg.Svc/M' })).toMatchObject({ status: 200, body: 'backend' });
    expect(up.seen[0]).toMatchObject({ httpVersion: '2.0', alpn: 'h2', url: '/pkg.Svc/M' });
  });
});

describe('the HTTPS listener', () => {
  const tlsFor = (host: string) => `  tls:\n    - hosts: [${host}]\n      secretName: cert\n`;
  const certSecret = () => {
    const c = pki.issue('api.example.com');
    return secretYaml('default', 'cert', { 'tls.crt': c.cert, 'tls.key': c.key });
  };

  it('GIVEN ssl-redirect on a TLS host THEN port 80 answers 308 to https while the HTTPS listener forwards (Istio IgnoreRedirect on 443)', async () => {
    const up = await upstream(cleanup, 'backend');
    const t = await gatewayTo(up.address, { [`${N}ssl-redirect`]: 'true' }, { extraSpec: tlsFor('api.example.com'), extra: [certSecret()] });
    expect(await send(t.gw.addresses.listen.port, { path: '/x' })).toMatchObject({ status: 308, headers: { location: 'https://api.example.com/x' } });
    expect(await httpsSend(t.gw.addresses.listenHttps!.port, { servername: 'api.example.com', path: '/x', ca: pki.ca.cert })).toMatchObject({ status: 200, body: 'backend' });
  });

  it('GIVEN SNI api.example.com WHEN the Host header names another host THEN 404 (each HTTPS server has its own route config); WHEN no SNI is sent THEN the handshake fails', async () => {
    const up = await upstream(cleanup, 'backend');
    const t = await gatewayTo(up.address, {}, { extraSpec: tlsFor('api.example.com'), extra: [certSecret()] });
    const port = t.gw.addresses.listenHttps!.port;
    expect(await httpsSend(port, { servername: 'api.example.com', host: 'evil.example.com', ca: pki.ca.cert })).toMatchObject({ status: 404 });
    await expect(httpsSend(port, { ca: pki.ca.cert })).rejects.toThrow();
  });
});

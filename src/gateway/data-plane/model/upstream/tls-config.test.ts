// Unit tests for the TLS rules read from manifests: Secrets (istiod's key lookup),
// Ingress spec.tls → HTTPS servers with auth-tls-secret / ssl-cipher, and the
// backend-protocol / proxy-ssl-* upstream policy.
import { describe, expect, it } from 'vitest';
import { loadManifests } from '../../../translation/manifests.js';
import { profileFor } from '../../../profiles.js';
import { SecretStore, secretSchema } from '../../../translation/secrets.js';
import { secretYaml } from '../../../../../test/support/test-certs.js';
import { ingressYaml } from '../../../../../test/support/gateway-kit.js';
import { parseUpstreamTls } from '../../../translation/ingress/upstream-tls.js';

const N = 'nginx.ingress.kubernetes.io/';
const TLS = (secret: string, host = 'api.example.com') => `  tls:\n    - hosts: [${host}]\n      secretName: ${secret}\n`;
const load = (...docs: string[]) => loadManifests([{ file: 'm.yaml', text: docs.join('---\n') }], profileFor('2.1'));
const reasons = (m: ReturnType<typeof load>) => m.ignored.map((i) => i.reason).join('\n');

function store(...docs: Record<string, string>[]): SecretStore {
  const s = new SecretStore();
  docs.forEach((stringData, i) => s.add(secretSchema.parse({ apiVersion: 'v1', kind: 'Secret', metadata: { name: stringData.name ?? `s${i}` }, stringData })));
  return s;
}

describe('Secrets as istiod reads them', () => {
  it('GIVEN cert/key or tls.crt/tls.key THEN a key pair; other keys ⇒ the istiod error naming what was found', () => {
    const s = store({ name: 'a', cert: 'C', key: 'K' }, { name: 'b', 'tls.crt': 'C2', 'tls.key': 'K2' }, { name: 'c', 'ca.crt': 'X' });
    expect(s.keyPair('default', 'a')).toEqual({ ok: true, value: { cert: 'C', key: 'K' } });
    expect(s.keyPair('default', 'b')).toEqual({ ok: true, value: { cert: 'C2', key: 'K2' } });
    expect(s.keyPair('default', 'c')).toMatchObject({ ok: false, error: expect.stringContaining("didn't have expected keys (cert and key) or (tls.crt and tls.key); found: ca.crt, name") });
    expect(s.keyPair('default', 'zz')).toEqual({ ok: false, error: 'secret default/zz not found' });
  });

  it('GIVEN a lookup of x-cacert THEN the x-cacert Secret when it exists (cacert, then ca.crt), else x itself — GetCaCert', () => {
    expect(store({ name: 'x', 'ca.crt': 'OWN' }).caCert('default', 'x-cacert')).toEqual({ ok: true, value: 'OWN' });
    expect(store({ name: 'x', 'ca.crt': 'OWN' }, { name: 'x-cacert', cacert: 'TWIN' }).caCert('default', 'x-cacert')).toEqual({ ok: true, value: 'TWIN' });
    expect(store({ name: 'x', 'ca.crt': 'OWN' }, { name: 'x-cacert', other: '1' }).caCert('default', 'x-cacert')).toMatchObject({ ok: false });
    expect(store().caCert('default', 'x-cacert')).toEqual({ ok: false, error: 'secret default/x not found' });
  });

  it('GIVEN data that is not base64 THEN the load fails naming the field', () => {
    expect(() => load('apiVersion: v1\nkind: Secret\nmetadata: { name: s }\ndata: { tls.crt: "not base64!" }\n')).toThrow(/data.tls.crt: data values are base64/);
  });
});

describe('Ingress spec.tls → HTTPS servers', () => {
  it('GIVEN spec.tls for the rule host THEN one SIMPLE server with the Ingress namespace\'s secret; a host not listed in spec.tls gets none', () => {
    const m = load(ingressYaml('a', {}, { extraSpec: TLS('cert') }), ingressYaml('b', {}, { host: 'plain.example.com', extraSpec: TLS('cert', 'other.example.com') }), secretYaml('default', 'cert', { 'tls.crt': 'C', 'tls.key': 'K' }));
    expect(m.tlsServers).toEqual([expect.objectContaining({ host: 'api.example.com', secret: 'default/cert', mode: 'SIMPLE', keyPair: { ok: true, value: { cert: 'C', key: 'K' } } })]);
  });

  it('GIVEN auth-tls-secret ns/<server secret> or ns/<server secret>-cacert THEN MUTUAL; another name or namespace ⇒ stays SIMPLE and is reported', () => {
    for (const [value, mode] of [['default/cert', 'MUTUAL'], ['default/cert-cacert', 'MUTUAL'], ['cert-cacert', 'MUTUAL'], ['default/ca', 'SIMPLE'], ['other/cert', 'SIMPLE']] as const) {
      const m = load(ingressYaml('a', { [`higress.io/auth-tls-secret`]: value }, { extraSpec: TLS('cert') }));
      expect(m.tlsServers?.[0]?.mode, value).toBe(mode);
      if (mode === 'SIMPLE') expect(reasons(m)).toContain(`auth-tls-secret ${value.includes('/') ? value : `default/${value}`} is invalid`);
    }
  });

  it('GIVEN ssl-cipher THEN it is split on ":" and suites Istio does not know are dropped (a comma list is one unknown suite)', () => {
    const colon = load(ingressYaml('a', { [`${N}ssl-cipher`]: 'ECDHE-RSA-AES128-GCM-SHA256:BOGUS:AES128-SHA' }, { extraSpec: TLS('cert') }));
    expect(colon.tlsServers?.[0]?.ciphers).toEqual(['ECDHE-RSA-AES128-GCM-SHA256', 'AES128-SHA']);
    expect(reasons(colon)).toContain('ssl-cipher: "BOGUS" is not a cipher suite Istio accepts');
    expect(load(ingressYaml('a', { [`${N}ssl-cipher`]: 'ECDHE-RSA-AES128-GCM-SHA256,AES128-SHA' }, { extraSpec: TLS('cert') })).tlsServers?.[0]?.ciphers).toBeUndefined();
  });

  it('GIVEN two Ingresses with spec.tls for one host THEN the first wins (DuplicatedTls); the first Ingress\'s TLS annotations apply to the host, else a later one\'s', () => {
    const m = load(ingressYaml('a', {}, { extraSpec: TLS('cert') }), ingressYaml('b', { [`${N}ssl-cipher`]: 'AES128-SHA' }, { path: '/b', extraSpec: TLS('cert2') }));
    expect(m.tlsServers).toEqual([expect.objectContaining({ secret: 'default/cert', ciphers: ['AES128-SHA'] })]);
    expect(reasons(m)).toContain('(DuplicatedTls)');
  });

  it('GIVEN a tls entry without hosts THEN it is for "*" (normalizeIngress): it serves a rule without host (a server for any SNI, and none), not a named host', () => {
    const noHosts = '  tls:\n    - secretName: cert\n';
    const m = load(ingressYaml('a', {}, { host: '""', extraSpec: noHosts }), ingressYaml('b', {}, { path: '/b', extraSpec: noHosts }), secretYaml('default', 'cert', { 'tls.crt': 'C', 'tls.key': 'K' }));
    expect(m.tlsServers).toEqual([expect.objectContaining({ host: '*', secret: 'default/cert' })]);
  });

  it('GIVEN a canary Ingress with spec.tls THEN it makes no HTTPS server (ConvertGateway skips canaries)', () => {
    expect(load(ingressYaml('a', { [`${N}canary`]: 'true', [`${N}canary-weight`]: '10' }, { extraSpec: TLS('cert') })).tlsServers).toEqual([]);
  });
});

describe('backend-protocol and proxy-ssl-* (upstreamtls.go)', () => {
  const parse = (a: Record<string, string>) => parseUpstreamTls(Object.fromEntries(Object.entries(a).map(([k, v]) => [N + k, v])), 'default');

  it('GIVEN backend-protocol HTTP, unset or unsupported (AJP) THEN no policy, and proxy-ssl-* are reported ignored', () => {
    expect(parse({})).toBeUndefined();
    expect(parse({ 'backend-protocol': 'AJP' })).toEqual({});
    expect(parse({ 'proxy-ssl-secret': 'default/c' })?.note).toMatch(/^proxy-ssl-secret ignored: backend-protocol is unset \(HTTP\)/);
  });

  it('GIVEN HTTP2 / grpc (any case) THEN h2c; GRPCS THEN h2 over SIMPLE TLS; HTTPS THEN HTTP/1.1 over SIMPLE TLS', () => {
    expect(parse({ 'backend-protocol': 'HTTP2' })?.policy).toEqual({ protocol: 'HTTP2', h2: true, tls: undefined });
    expect(parse({ 'backend-protocol': ' grpc ' })?.policy).toMatchObject({ protocol: 'GRPC', h2: true, tls: undefined });
    expect(parse({ 'backend-protocol': 'GRPCS' })?.policy).toMatchObject({ h2: true, tls: { mode: 'SIMPLE', sni: undefined } });
    expect(parse({ 'backend-protocol': 'HTTPS' })?.policy).toMatchObject({ h2: false, tls: { mode: 'SIMPLE' } });
  });

  it('GIVEN proxy-ssl-secret THEN MUTUAL with the secret (Ingress namespace by default), even for HTTP2; SNI only with proxy-ssl-server-name exactly "on"', () => {
    expect(parse({ 'backend-protocol': 'HTTPS', 'proxy-ssl-secret': 'c', 'proxy-ssl-name': 'b.internal', 'proxy-ssl-server-name': 'true' })?.policy?.tls).toEqual({ mode: 'MUTUAL', credential: 'default/c', sni: undefined });
    expect(parse({ 'backend-protocol': 'HTTP2', 'proxy-ssl-secret': 'ns/c', 'proxy-ssl-name': 'b.internal', 'proxy-ssl-server-name': 'on' })?.policy).toEqual({ protocol: 'HTTP2', h2: true, tls: { mode: 'MUTUAL', credential: 'ns/c', sni: 'b.internal' } });
  });
});

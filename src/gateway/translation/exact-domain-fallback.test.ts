// Higress 2.2's exact-domain fallback, as the translation writes it into Envoy config:
// the exact host's virtual host ends with the covering wildcard host's routes, so a
// request no exact route matches is served by the wildcard's; 2.1 answers 404.
import { describe, expect, it } from 'vitest';
import { loadManifests } from './manifests.js';
import { profileFor, type HigressProfileName } from '../profiles.js';
import { KubeServices } from './services.js';
import { decodeSnapshot } from '../data-plane/model/data-plane.js';
import { ingressYaml } from '../../../test/support/gateway-kit.js';
import { snapshotOf, named } from '../../../test/support/snapshot-kit.js';

const DOCS = [
  ingressYaml('wildcard', {}, { host: '"*.foo.com"', service: 'v1' }),
  ingressYaml('deeper', {}, { host: '"*.www.foo.com"', path: '/deep', service: 'deep' }),
  ingressYaml('exact', {}, { host: 'www.foo.com', path: '/bar', pathType: 'Exact', service: 'v2' }),
  ingressYaml('any', {}, { host: '""', path: '/any', service: 'any' }),
];

function served(higress: HigressProfileName) {
  const m = loadManifests([{ file: 'i.yaml', text: DOCS.join('---\n') }], profileFor(higress), { ingressClass: '', services: new KubeServices() });
  const s = snapshotOf(m, { higress });
  const router = decodeSnapshot(s).routers.get('http.80')!;
  const backend = (host: string, path: string) => {
    const r = router.match(host, path, {});
    return r?.action.kind === 'clusters' ? /\|\|([^.]+)\./.exec(r.action.clusters[0]!.host!)![1] : '404';
  };
  return { s, backend };
}

describe('exact-domain fallback', () => {
  it('GIVEN 2.2 THEN www.foo.com keeps its own route first and falls back to *.foo.com\'s; the any-host routes are not appended', () => {
    const { s, backend } = served('2.2');
    const vhost = (named(s.routeConfigs, 'http.80').virtual_hosts as { domains: string[]; routes: { match: unknown }[] }[]).find((v) => v.domains.includes('www.foo.com'))!;
    expect(vhost.routes.map((r) => r.match)).toEqual([{ path: '/bar' }, { prefix: '/' }]);
    expect(backend('www.foo.com', '/bar')).toBe('v2');
    expect(backend('www.foo.com', '/foo')).toBe('v1');
    expect(backend('www.foo.com', '/any')).toBe('v1');
  });

  it('GIVEN 2.1 THEN the exact host answers 404 for a path only the wildcard routes (Envoy picks one virtual host)', () => {
    const { backend } = served('2.1');
    expect(backend('www.foo.com', '/bar')).toBe('v2');
    expect(backend('www.foo.com', '/foo')).toBe('404');
    expect(backend('a.foo.com', '/foo')).toBe('v1');
  });
});

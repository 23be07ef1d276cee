// higress.io/rewrite-path as rewrite.go ApplyRoute writes it (TestRewriteApplyRoute):
// on a Prefix path, unless the rewrite ends in "/", the regex ^<prefix>(/.*)? →
// <rewrite>\1, so the prefix itself reaches the backend as the bare rewrite path.
import { describe, expect, it } from 'vitest';
import { loadManifests } from '../manifests.js';
import { profileFor } from '../../profiles.js';
import { KubeServices } from '../services.js';
import { rewritePath } from '../../data-plane/model/router/rewrite.js';
import { decodeSnapshot } from '../../data-plane/model/data-plane.js';
import { ingressYaml } from '../../../../test/support/gateway-kit.js';
import { routesOf, snapshotOf } from '../../../../test/support/snapshot-kit.js';

function rewritten(rewrite: string, opts: { path: string; pathType?: string }, urls: string[]) {
  const m = loadManifests([{ file: 'i.yaml', text: ingressYaml('r', { 'higress.io/rewrite-path': rewrite }, opts) }], profileFor('2.1'), { ingressClass: '', services: new KubeServices() });
  const s = snapshotOf(m);
  const route = decodeSnapshot(s).routers.get('http.80')!.routes[0]!;
  return { json: routesOf(s)[0]!.route.regex_rewrite, paths: urls.map((u) => rewritePath(route.policy?.rewrite, u, route)) };
}

describe('rewrite-path', () => {
  it('GIVEN Prefix /hello and /test THEN regex_rewrite ^/hello(/.*)? → /test\\1: /hello → /test, /hello/x?q → /test/x?q', () => {
    const r = rewritten('/test', { path: '/hello' }, ['/hello', '/hello/x?q=1']);
    expect(r.json).toEqual({ pattern: { regex: '^/hello(/.*)?' }, substitution: '/test\\1' });
    expect(r.paths).toEqual(['/test', '/test/x?q=1']);
  });

  it('GIVEN Prefix / and /test THEN ^(/.*)? → /test\\1: / → /test/, /x → /test/x', () => {
    expect(rewritten('/test', { path: '/' }, ['/', '/x']).paths).toEqual(['/test/', '/test/x']);
  });

  it('GIVEN a rewrite ending in "/" THEN a prefix rewrite of each match: /hello → /test/, /hello/x → /test/x', () => {
    expect(rewritten('/test/', { path: '/hello' }, ['/hello', '/hello/x']).paths).toEqual(['/test/', '/test/x']);
  });

  it('GIVEN an Exact path THEN the whole path becomes the rewrite', () => {
    expect(rewritten('/test', { path: '/hello', pathType: 'Exact' }, ['/hello']).paths).toEqual(['/test']);
  });
});

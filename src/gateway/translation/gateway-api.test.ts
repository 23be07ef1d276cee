// Gateway API attachment (Higress's conversion): which listeners an HTTPRoute serves
// through, and with which host names.
import { describe, expect, it } from 'vitest';
import { attachRoute, intersectHostnames, type GatewayDoc } from './gateway-api.js';

const gw = (ns: string, listeners: GatewayDoc['spec']['listeners'], cls = 'higress'): GatewayDoc =>
  ({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'higress-gateway', namespace: ns }, spec: { gatewayClassName: cls, listeners } }) as GatewayDoc;
const http = (extra: Partial<GatewayDoc['spec']['listeners'][number]> = {}) => ({ name: 'http', port: 80, protocol: 'HTTP', ...extra });

describe('HTTPRoute attachment', () => {
  it('GIVEN no Gateway at all (the runbook as written) THEN the route attaches nowhere, saying Higress creates only the GatewayClass', () => {
    const a = attachRoute('default', [{ name: 'higress-gateway' }], ['api.example.com'], []);
    expect(a).toMatchObject({ attached: false, reason: expect.stringMatching(/default\/higress-gateway: no such Gateway \(Higress creates only the GatewayClass/) });
  });

  it('GIVEN a listener without allowedRoutes THEN it admits its own namespace only (Same); from: All admits any', () => {
    expect(attachRoute('default', [{ name: 'higress-gateway', namespace: 'higress-system' }], [], [gw('higress-system', [http()])])).toMatchObject({ attached: false, reason: expect.stringMatching(/does not admit routes from namespace default/) });
    expect(attachRoute('higress-system', [{ name: 'higress-gateway' }], [], [gw('higress-system', [http()])])).toEqual({ attached: true, hostnames: [] });
    expect(attachRoute('default', [{ name: 'higress-gateway', namespace: 'higress-system' }], ['a.example'], [gw('higress-system', [http({ allowedRoutes: { namespaces: { from: 'All' } } })])])).toEqual({ attached: true, hostnames: ['a.example'] });
  });

  it('GIVEN a sectionName or port no listener has, or a Gateway of another class THEN no attachment', () => {
    const g = [gw('default', [http()])];
    expect(attachRoute('default', [{ name: 'higress-gateway', sectionName: 'https' }], [], g).attached).toBe(false);
    expect(attachRoute('default', [{ name: 'higress-gateway', port: 8080 }], [], g).attached).toBe(false);
    expect(attachRoute('default', [{ name: 'higress-gateway' }], [], [gw('default', [http()], 'istio')]).attached).toBe(false);
  });

  it('GIVEN listener and route host names THEN the route serves their intersection (a broader route wildcard narrows to the listener\'s)', () => {
    expect(intersectHostnames('*.example.com', ['a.example.com', 'b.other.com'])).toEqual(['a.example.com']);
    expect(intersectHostnames('a.example.com', ['*.example.com'])).toEqual(['a.example.com']);
    expect(intersectHostnames('*.example.com', [])).toEqual(['*.example.com']);
    expect(intersectHostnames(undefined, ['x.io'])).toEqual(['x.io']);
    expect(intersectHostnames('a.example.com', ['b.example.com'])).toBeUndefined();
  });
});

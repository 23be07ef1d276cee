// Header control on the wire, through the model: the backend receives the request
// headers the annotations add, set and remove; the client gets the response headers
// they add and remove, also on the router's own replies; a canary carries its own.
import { afterEach, describe, expect, it } from 'vitest';
import { Cleanup, ingressYaml, send, testGateway, upstream } from '../support/gateway-kit.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

describe('Ingress header control on the wire', () => {
  it('GIVEN add (appends), update (overwrites) and remove THEN the backend sees exactly that, removals before additions', async () => {
    const backend = await upstream(cleanup, 'backend');
    const yaml = ingressYaml('h', { 'higress.io/request-header-control-add': 'x-add one\nx-both added', 'higress.io/request-header-control-update': 'x-set new', 'higress.io/request-header-control-remove': 'x-gone,x-both' });
    const { gw } = await testGateway(cleanup, yaml, { services: { 'backend.default:8080': [backend.address] } });
    const r = await send(gw.addresses.listen.port, { headers: { 'x-add': 'client', 'x-set': 'old', 'x-gone': 'bye', 'x-both': 'client' } });
    expect(r.status).toBe(200);
    expect(backend.seen[0]!.headers).toMatchObject({ 'x-add': 'client, one', 'x-set': 'new', 'x-both': 'added' });
    expect(backend.seen[0]!.headers['x-gone']).toBeUndefined();
  });

  it('GIVEN response add and remove THEN the client gets them on the upstream answer and on the router\'s 503', async () => {
    const backend = await upstream(cleanup, 'backend');
    const yaml = ingressYaml('h', { 'higress.io/response-header-control-add': 'stage test', 'higress.io/response-header-control-remove': 'x-served-by' });
    const { gw } = await testGateway(cleanup, yaml, { services: { 'backend.default:8080': [backend.address] } });
    const ok = await send(gw.addresses.listen.port);
    expect(ok.headers.stage).toBe('test');
    expect(ok.headers['x-served-by']).toBeUndefined();
    await backend.close();
    const failed = await send(gw.addresses.listen.port);
    expect(failed.status).toBe(503);
    expect(failed.headers.stage).toBe('test');
  });

  it('GIVEN a header canary with its own header control THEN the canary route uses its own, not the base\'s', async () => {
    const [base, canary] = [await upstream(cleanup, 'base'), await upstream(cleanup, 'canary')];
    const yaml = [
      ingressYaml('base', { 'higress.io/request-header-control-add': 'x-from base' }, { service: 'base' }),
      ingressYaml('canary', { 'nginx.ingress.kubernetes.io/canary': 'true', 'nginx.ingress.kubernetes.io/canary-by-header': 'x-canary', 'higress.io/request-header-control-add': 'x-from canary' }, { service: 'canary' }),
    ].join('---\n');
    const { gw } = await testGateway(cleanup, yaml, { services: { 'base.default:8080': [base.address], 'canary.default:8080': [canary.address] } });
    await send(gw.addresses.listen.port, { headers: { 'x-canary': 'always' } });
    await send(gw.addresses.listen.port);
    expect(canary.seen[0]!.headers['x-from']).toBe('canary');
    expect(base.seen[0]!.headers['x-from']).toBe('base');
  });
});

// GIVEN a running gateway WHEN the admin's POST /manifests swaps its route files (the
// apply-manifest action: blue/green) THEN new requests follow the new routes at once.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Cleanup, ingressYaml, send, testGateway, upstream } from '../support/gateway-kit.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** A temp dir removed however the test ends. */
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rl-reload-'));
  cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function post(port: number, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/manifests', method: 'POST', agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('route reload (POST /manifests)', () => {
  it('GIVEN routes to blue WHEN the green file replaces them THEN requests go to green and a routes-reloaded event is logged', async () => {
    const blue = await upstream(cleanup, 'blue');
    const green = await upstream(cleanup, 'green');
    const services = { 'blue.default:8080': [blue.address], 'green.default:8080': [green.address] };
    const { gw, events } = await testGateway(cleanup, ingressYaml('bg', {}, { service: 'blue' }), { services });
    const port = gw.addresses.listen.port;
    expect((await send(port)).body).toBe('blue');
    const file = join(tempDir(), 'green.yaml');
    writeFileSync(file, ingressYaml('bg', {}, { service: 'green' }));
    const r = await post(gw.addresses.admin.port, JSON.stringify({ manifests: [file] }));
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ routes: 1, ignored: 0 });
    expect((await send(port)).body).toBe('green');
    expect(events).toContainEqual(expect.objectContaining({ kind: 'routes-reloaded', files: [file], routes: 1 }));
  });

  it('GIVEN a bad body or a missing file THEN 400 with the reason, and the old routes stay', async () => {
    const blue = await upstream(cleanup, 'blue');
    const { gw } = await testGateway(cleanup, ingressYaml('bg', {}, { service: 'blue' }), { services: { 'blue.default:8080': [blue.address] } });
    expect((await post(gw.addresses.admin.port, '{"manifests": []}')).status).toBe(400);
    const missing = await post(gw.addresses.admin.port, JSON.stringify({ manifests: [join(tempDir(), 'nope.yaml')] }));
    expect(missing.status).toBe(400);
    expect((await send(gw.addresses.listen.port)).body).toBe('blue');
  });
});

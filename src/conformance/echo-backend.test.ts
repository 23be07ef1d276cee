// The echo backend: answers with what it received and its name, records each request
// (for attempts and mirror copies), honours x-echo-status / x-echo-delay-ms and its own
// default status; a dead address refuses connections. Listens on the suite's range.
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { deadAddress, Recorder, startEcho, type StartedEcho } from './echo-backend.js';

const HOST = '127.0.81.1';
const started: StartedEcho[] = [];
afterEach(async () => {
  for (const e of started.splice(0)) await e.stop();
});

function get(address: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string; ms: number }> {
  const [host, port] = address.split(':');
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ host, port: Number(port), path, headers: { host: 'foo.com', ...headers }, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, ms: performance.now() - t0 }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('echo backend', () => {
  it('GIVEN a request WHEN it answers THEN the body and headers say who answered and what it received, and the recorder has it', async () => {
    const recorder = new Recorder();
    const echo = await startEcho({ backend: 'infra-backend-v1', instance: 'infra-backend-v1-0', host: HOST, recorder });
    started.push(echo);
    const r = await get(echo.address, '/foo?x=1', { 'x-conformance-id': 'id-1', stage: 'test' });
    expect(r.status).toBe(200);
    expect(r.headers).toMatchObject({ 'x-echo-backend': 'infra-backend-v1', 'x-echo-instance': 'infra-backend-v1-0' });
    expect(JSON.parse(r.body)).toMatchObject({ backend: 'infra-backend-v1', method: 'GET', host: 'foo.com', path: '/foo?x=1', headers: { stage: 'test' } });
    expect(recorder.forId('id-1')).toHaveLength(1);
    expect(recorder.forId('id-1')[0]).toMatchObject({ path: '/foo?x=1', host: 'foo.com' });
  });

  it('GIVEN x-echo-status and x-echo-delay-ms THEN it answers with that status after that delay', async () => {
    const echo = await startEcho({ backend: 'b', instance: 'b-0', host: HOST, recorder: new Recorder() });
    started.push(echo);
    const r = await get(echo.address, '/', { 'x-echo-status': '503', 'x-echo-delay-ms': '150' });
    expect(r.status).toBe(503);
    expect(r.ms).toBeGreaterThanOrEqual(140);
  });

  it('GIVEN a default status THEN every answer has it unless the request asks otherwise', async () => {
    const echo = await startEcho({ backend: 'b', instance: 'b-0', host: HOST, status: 503, recorder: new Recorder() });
    started.push(echo);
    expect((await get(echo.address, '/')).status).toBe(503);
    expect((await get(echo.address, '/', { 'x-echo-status': '200' })).status).toBe(200);
    expect((await get(echo.address, '/', { 'x-echo-status': 'abc' })).status).toBe(503);
  });

  it('GIVEN stop() during a delayed answer THEN it returns and stop() is idempotent', async () => {
    const echo = await startEcho({ backend: 'b', instance: 'b-0', host: HOST, delayMs: 10_000, recorder: new Recorder() });
    const pending = get(echo.address, '/').catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 50));
    await Promise.all([echo.stop(), echo.stop()]);
    expect(await pending).toBeInstanceOf(Error);
  });

  it('GIVEN a dead address THEN a connection to it is refused', async () => {
    const address = await deadAddress(HOST);
    await expect(get(address, '/')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

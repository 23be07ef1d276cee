// GIVEN an h2c upstream and one endpoint's HTTP/2 pool WHEN many attempts share the
// session THEN each is answered and the session does not collect a listener per request
// (a long run must not leak, nor trip Node's MaxListeners warning).
import { createServer } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Endpoint } from './endpoint.js';
import { profileFor } from '../../../profiles.js';
import { startH2Attempt } from './attempt-h2.js';

const server = createServer((req, res) => res.end(`h2 ${req.httpVersion}`));
let address = '';
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

describe('startH2Attempt', () => {
  it('GIVEN 50 sequential attempts on one endpoint THEN all are answered over one session whose listener counts stay flat', async () => {
    const ep = new Endpoint({ address, weight: 1, labels: {} }, address, { h2: true });
    const profile = profileFor('2.1');
    for (let i = 0; i < 50; i++) {
      const r = await startH2Attempt(ep, { method: 'GET', path: '/', headers: { host: 'grpc.example.com' }, body: undefined }, profile, 1000).result;
      expect(r.kind).toBe('response');
      if (r.kind === 'response') r.res.resume();
    }
    const session = ep.h2!.session('', `http://${address}`, {});
    expect(session.listenerCount('connect')).toBeLessThanOrEqual(1);
    expect(session.listenerCount('error')).toBeLessThanOrEqual(2);
    ep.closePool();
  });
});

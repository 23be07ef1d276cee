// A config real Envoy rejects is a testbed failure naming Envoy's own reason, and the
// last good config keeps serving: an invalid lb_policy for an EDS cluster, a route
// with a malformed regex, a misspelled field. The check needs only the admin address,
// the log file and what was written, as a controller writing for several gateways has.
// Loopback: Envoy on 127.0.60.3, backends on 127.0.60.31-32.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XdsRejectedError } from '../../src/core/errors.js';
import { confirmXdsApplied, readStats, startEnvoy, type StartedEnvoy } from '../../src/gateway/data-plane/envoy/index.js';
import { writeXdsSnapshot, type XdsSnapshot } from '../../src/gateway/xds/index.js';
import { fixtureSnapshot } from '../support/xds-fixtures.js';
import { envoyBinary, get, startBackend, type Backend } from '../support/envoy-kit.js';
import { harness, type Harness } from '../support/harness.js';

const ADDR = '127.0.60.3';
const PORT = 8080;
const C = 'outbound|80||user-service.DEFAULT-GROUP.public.nacos';

describe('a config real Envoy rejects', () => {
  let h: Harness;
  let a: Backend;
  let b: Backend;
  let envoy: StartedEnvoy;
  let last: XdsSnapshot;
  const snap = (version: string, to: Backend, extra: Parameters<typeof fixtureSnapshot>[0] extends infer P ? Partial<P> : never = {}) =>
    fixtureSnapshot({ dir: envoy.files.xdsDir, version, listen: { address: ADDR, port: PORT }, clusters: { [C]: [{ address: to.address, port: to.port }] }, ...extra });

  /** Writes as a separate controller would, and checks with nothing but (admin, log, written). */
  async function writeAndCheck(s: XdsSnapshot): Promise<unknown> {
    const w = writeXdsSnapshot(envoy.files.xdsDir, s, last);
    last = s;
    try {
      await confirmXdsApplied({ gateway: 'gw-south-1', admin: { address: ADDR, port: 15000 }, logFile: envoy.files.log }, w, { timeoutMs: 5000 });
      return undefined;
    } catch (e) {
      return e;
    }
  }

  beforeAll(async () => {
    h = harness('envoy-rejected');
    a = await startBackend('127.0.60.31', 8080);
    b = await startBackend('127.0.60.32', 8080);
    h.cleanup.push('backends', async () => void (await Promise.all([a.close(), b.close()])));
    envoy = await startEnvoy(h, { binary: envoyBinary(), bootstrap: { name: 'gw-south-1', cluster: 'gw-south', locality: { region: 'south' }, address: ADDR, adminPort: 15000, healthPort: 15021 } });
    last = snap('1', a);
    await envoy.apply(last);
  });
  afterAll(async () => h?.teardown());

  it('GIVEN a serving Envoy WHEN a cluster asks CLUSTER_PROVIDED on EDS THEN XdsRejectedError names cds and Envoy\'s reason, and a still serves', async () => {
    const bad = snap('2', a, { clusterExtra: { lb_policy: 'CLUSTER_PROVIDED' } });
    const e = await writeAndCheck(bad);
    expect(e).toBeInstanceOf(XdsRejectedError);
    const err = e as XdsRejectedError;
    expect(err.code).toBe('XDS_REJECTED');
    expect(err.exitCode).toBe(3);
    expect(err.rejected.map((r) => r.kind)).toEqual(['cds']);
    expect(err.message).toMatch(/cluster provided LB specified but cluster 'outbound\|80\|\|user-service\.DEFAULT-GROUP\.public\.nacos' did not provide one/);
    console.log(err.message);
    expect((await get(ADDR, PORT)).servedBy).toBe(a.id);
    expect((await readStats(envoy.admin)).get('cluster_manager.cds.update_rejected')).toBe(1);
  });

  it('GIVEN a serving Envoy WHEN a route has a malformed regex THEN the rds file is named with Envoy\'s regex error, and a still serves', async () => {
    const bad = snap('3', a, { extraRoutes: [{ name: 'broken', match: { safe_regex: { regex: '/api/([' } }, route: { cluster: C } }] });
    const e = (await writeAndCheck(bad)) as XdsRejectedError;
    expect(e).toBeInstanceOf(XdsRejectedError);
    expect(e.rejected.map((r) => `${r.kind} ${r.names.join()}`)).toEqual(['rds http.8080']);
    expect(e.reasons.join('\n')).toMatch(/missing \]/);
    console.log(e.message);
    expect((await get(ADDR, PORT)).servedBy).toBe(a.id);
  });

  it('GIVEN a serving Envoy WHEN a cluster carries a misspelled field THEN it is rejected, not silently ignored', async () => {
    const bad = snap('4', a, { clusterExtra: { conect_timeout: '1s' } });
    const e = (await writeAndCheck(bad)) as XdsRejectedError;
    expect(e).toBeInstanceOf(XdsRejectedError);
    expect(e.reasons.join('\n')).toMatch(/conect_timeout/);
    expect((await get(ADDR, PORT)).servedBy).toBe(a.id);
  });

  it('GIVEN three rejections before WHEN a good snapshot moves to b THEN the check passes and b serves', async () => {
    expect(await writeAndCheck(snap('5', b))).toBeUndefined();
    expect((await get(ADDR, PORT)).servedBy).toBe(b.id);
  });
});

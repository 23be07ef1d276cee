// Entry point of one demo business instance: serve, register with the region's
// Nacos through the npm `nacos` client (HTTP v1 with client beats, the
// registration mode the reports name), deregister on a clean shutdown.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { format } from 'node:util';
import { NacosNamingClient } from 'nacos';
import { businessConfigSchema } from './config.js';
import { createBusinessServers } from './server.js';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: business/main.js <config.json>\n');
  process.exit(2);
}
const parsed = businessConfigSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
if (!parsed.success) {
  process.stderr.write(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}\n`);
  process.exit(2);
}
const cfg = parsed.data;
// the nacos client logs printf-style ("%s registering %j")
const log = (level: string, ...args: unknown[]) => process.stdout.write(`${new Date().toISOString()} ${level} ${format(...args)}\n`);
const logger = { info: (...a: unknown[]) => log('INFO', ...a), warn: (...a: unknown[]) => log('WARN', ...a), error: (...a: unknown[]) => log('ERROR', ...a), debug: () => {} } as unknown as Console;

const servers = createBusinessServers(cfg);
await Promise.all([
  new Promise<void>((r) => servers.data.listen(cfg.listen.port, cfg.listen.host, () => r())),
  new Promise<void>((r) => servers.admin.listen(cfg.admin.port, cfg.admin.host, () => r())),
]);
log('INFO', `${cfg.instance} serving on ${(servers.data.address() as AddressInfo).address}:${cfg.listen.port}`);

const client = new NacosNamingClient({ logger, serverList: cfg.nacos.address, namespace: cfg.nacos.namespace });
await client.ready();
const instance = { instanceId: '', ip: cfg.listen.host, port: cfg.listen.port, healthy: true, enabled: true, ephemeral: true, metadata: cfg.metadata };
// Registration keeps retrying: a Nacos behind a cut link must not kill the service.
for (let attempt = 1; ; attempt++) {
  try {
    await client.registerInstance(cfg.nacosService, instance, cfg.nacos.group);
    log('INFO', `registered ${cfg.nacosService} ${instance.ip}:${instance.port} with Nacos at ${cfg.nacos.address}`);
    break;
  } catch (e) {
    log('WARN', `register attempt ${attempt} failed: ${(e as Error).message}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  log('INFO', `${signal}: deregistering and stopping`);
  const timer = setTimeout(() => process.exit(0), 3000);
  try {
    await client.deregisterInstance(cfg.nacosService, instance, cfg.nacos.group);
  } catch (e) {
    log('WARN', `deregister failed: ${(e as Error).message}`);
  }
  await (client as unknown as { close(): Promise<void> }).close();
  await servers.close();
  clearTimeout(timer);
  process.exit(0);
};
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

// Entry point of one demo business instance: serve, register with the region's
// Nacos (config `registration`: HTTP v1 with client beats through the npm `nacos`
// client by default, or a Nacos 2.x gRPC connection), deregister on a clean shutdown.
import type { AddressInfo } from 'node:net';
import { format } from 'node:util';
import { readChildConfig } from '../core/child-config.js';
import { businessConfigSchema } from './config.js';
import { registration } from './registration.js';
import { createBusinessServers } from './server.js';

const cfg = readChildConfig('business/main.js', businessConfigSchema);
const log = (level: string, ...args: unknown[]) => process.stdout.write(`${new Date().toISOString()} ${level} ${format(...args)}\n`);

const servers = createBusinessServers(cfg);
await Promise.all([
  new Promise<void>((r) => servers.data.listen(cfg.listen.port, cfg.listen.host, () => r())),
  new Promise<void>((r) => servers.admin.listen(cfg.admin.port, cfg.admin.host, () => r())),
]);
log('INFO', `${cfg.instance} serving on ${(servers.data.address() as AddressInfo).address}:${cfg.listen.port}`);

const reg = registration(cfg, log);
await reg.register();

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  log('INFO', `${signal}: deregistering and stopping`);
  const timer = setTimeout(() => process.exit(0), 3000);
  await reg.stop();
  await servers.close();
  clearTimeout(timer);
  process.exit(0);
};
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

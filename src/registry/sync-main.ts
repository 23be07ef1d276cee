// Entry point of the sync agent process: runs NacosSync-style tasks (S→N and N→S),
// re-reading sources every pollMs (NacosSync reacts to pushes from its 1.4.x
// client; see docs/fidelity.md) and beating its copies every 5 s.
import { appendFileSync } from 'node:fs';
import { readChildConfig } from '../core/child-config.js';
import { SYNC_AGENT } from '../topology/names.js';
import { syncConfigSchema } from './sync-config.js';
import { SyncTask } from './sync-task.js';

const cfg = readChildConfig(SYNC_AGENT, syncConfigSchema);
const tasks = cfg.tasks.map(
  (t) =>
    new SyncTask({ clusterId: t.source.clusterId, target: { address: t.source.address, namespaceId: t.namespaceId } }, { clusterId: t.dest.clusterId, target: { address: t.dest.address, namespaceId: t.namespaceId } }, t.group, (e) =>
      appendFileSync(cfg.eventsFile, `${JSON.stringify({ t: Date.now(), source: SYNC_AGENT, ...e })}\n`),
    ),
);

let running = true;
const loop = async () => {
  while (running) {
    const started = Date.now();
    await Promise.all(tasks.map((t) => t.syncAll()));
    await new Promise((r) => setTimeout(r, Math.max(0, cfg.pollMs - (Date.now() - started))));
  }
};
const beats = setInterval(() => void Promise.all(tasks.map((t) => t.beatAll())), 5000);
void loop();

const stop = async () => {
  running = false;
  clearInterval(beats);
  const timer = setTimeout(() => process.exit(0), 3000);
  await Promise.all(tasks.map((t) => t.removeCopies()));
  clearTimeout(timer);
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());

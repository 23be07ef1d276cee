// Entry point of the sync agent process: runs NacosSync-style tasks (S→N and N→S),
// re-reading sources every pollMs (NacosSync reacts to pushes from its 1.4.x
// client; see docs/fidelity.md) and beating its copies every 5 s.
import { appendFileSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { SyncTask } from './sync-task.js';

const endpoint = z.strictObject({ clusterId: z.string(), address: z.string() });
const configSchema = z.strictObject({
  tasks: z.array(z.strictObject({ source: endpoint, dest: endpoint, group: z.string().default('DEFAULT_GROUP'), namespaceId: z.string().default('public') })).min(1),
  pollMs: z.number().int().min(100),
  eventsFile: z.string(),
});

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: registry/sync-main.js <config.json>\n');
  process.exit(2);
}
const cfg = configSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
const tasks = cfg.tasks.map(
  (t) =>
    new SyncTask({ clusterId: t.source.clusterId, target: { address: t.source.address, namespaceId: t.namespaceId } }, { clusterId: t.dest.clusterId, target: { address: t.dest.address, namespaceId: t.namespaceId } }, t.group, (e) =>
      appendFileSync(cfg.eventsFile, `${JSON.stringify({ t: Date.now(), source: 'nacos-sync', ...e })}\n`),
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

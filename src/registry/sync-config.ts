// The configuration the registry sync agent (sync-main.ts) is started with: the
// NacosSync-style tasks (source → destination, one per direction), how often each
// source is re-read, and where its events go. Checked at start-up (core/child-config.ts).
import { z } from 'zod';

const endpoint = z.strictObject({
  /** The registry's cluster id in events and sync tags, e.g. nacos-south. */
  clusterId: z.string().min(1),
  /** Where to dial it ("host:port"): its sync link's listener. */
  address: z.string().regex(/^[^\s:]+:\d{1,5}$/, 'write host:port, e.g. 127.0.0.1:28105'),
});

export const syncConfigSchema = z.strictObject({
  tasks: z
    .array(z.strictObject({ source: endpoint, dest: endpoint, group: z.string().default('DEFAULT_GROUP'), namespaceId: z.string().default('public') }))
    .min(1, 'list at least one task (source → dest)'),
  /** How often each source service is re-read, ms (NacosSync reacts to pushes; see docs/fidelity.md). */
  pollMs: z.number().int().min(100),
  /** JSON-lines event log. */
  eventsFile: z.string().min(1),
});

export type SyncConfig = z.output<typeof syncConfigSchema>;
export type SyncConfigInput = z.input<typeof syncConfigSchema>;

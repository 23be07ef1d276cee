// The model data-plane process's config (written by the orchestrator, read by
// main.ts): its name, the Higress profile whose Envoy it emulates, the Envoy
// bootstrap it shares with real Envoy (node, admin and health listeners, LDS/CDS
// files), and its event log.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { BadInputError } from '../../../core/errors.js';
import { zodProblems } from '../../../core/input.js';

export const modelConfigSchema = z.strictObject({
  name: z.string().min(1),
  higress: z.enum(['2.1', '2.2'], { message: 'the Higress profiles modelled are "2.1" and "2.2"' }),
  /** The instance's Envoy bootstrap (JSON), as real Envoy would be started with it. */
  bootstrap: z.string().min(1),
  /** JSON-lines event log. */
  eventsFile: z.string().min(1),
});

export type ModelConfig = z.output<typeof modelConfigSchema>;

export function loadModelConfig(file: string): ModelConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new BadInputError([{ file, path: '', message: `cannot read the gateway config as JSON (${(e as Error).message})` }]);
  }
  const r = modelConfigSchema.safeParse(raw);
  if (!r.success) throw new BadInputError(zodProblems(file, r.error));
  return r.data;
}

/** What the model reads of an Envoy bootstrap. */
export interface BootstrapView {
  readonly admin: { readonly host: string; readonly port: number };
  readonly health?: { readonly host: string; readonly port: number };
  readonly lds: string;
  readonly cds: string;
}

const socket = z.object({ socket_address: z.object({ address: z.string(), port_value: z.number() }) });
const bootstrapSchema = z.object({
  admin: z.object({ address: socket }),
  dynamic_resources: z.object({ lds_config: z.object({ path_config_source: z.object({ path: z.string() }) }), cds_config: z.object({ path_config_source: z.object({ path: z.string() }) }) }),
  static_resources: z.object({ listeners: z.array(z.object({ name: z.string(), address: socket })) }).optional(),
});

export function readBootstrap(file: string): BootstrapView {
  const r = bootstrapSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!r.success) throw new BadInputError(zodProblems(file, r.error), 'the model reads an Envoy bootstrap with admin, LDS/CDS from files and a health listener');
  const b = r.data;
  const addr = (s: z.output<typeof socket>) => ({ host: s.socket_address.address, port: s.socket_address.port_value });
  const health = b.static_resources?.listeners.find((l) => l.name === 'health');
  return { admin: addr(b.admin.address), ...(health ? { health: addr(health.address) } : {}), lds: b.dynamic_resources.lds_config.path_config_source.path, cds: b.dynamic_resources.cds_config.path_config_source.path };
}

// Starts one of region-lab's own Node components (gateway, business instance, sync
// agent) from dist/ with its JSON config, registered for cleanup the moment it starts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startProcess, type StartedProcess } from '../../core/process.js';
import { waitFor } from '../../core/ready.js';
import type { LocalContext } from './run-context.js';

export interface NodeComponentProps {
  readonly name: string;
  /** Entry point under dist/, e.g. business/main.js. */
  readonly entry: string;
  readonly config: unknown;
  /** Resolves to true once the component is ready. */
  readonly ready: () => Promise<true | undefined>;
  readonly readyWhat: string;
  /** @default 30000 */
  readonly readyTimeoutMs?: number;
  /** Node/V8 flags before the entry point. @default [] */
  readonly nodeFlags?: readonly string[];
}

export async function startNodeComponent(ctx: LocalContext, p: NodeComponentProps): Promise<StartedProcess> {
  const cfgFile = join(ctx.stateDir, `${p.name}.json`);
  writeFileSync(cfgFile, JSON.stringify(p.config, null, 2));
  const proc = startProcess({
    name: p.name,
    command: process.execPath,
    args: ['--enable-source-maps', ...(p.nodeFlags ?? []), join(ctx.distDir, p.entry), cfgFile],
    logFile: join(ctx.logDir, `${p.name}.log`),
    pidDir: ctx.pidDir,
    graceMs: 4000,
  });
  ctx.cleanup.push(p.name, () => proc.stop());
  await waitFor(p.ready, {
    what: p.readyWhat,
    timeoutMs: p.readyTimeoutMs ?? 30_000,
    logFile: proc.logFile,
    abort: () => (proc.exitInfo() ? `${p.name} exited (${JSON.stringify(proc.exitInfo())})` : undefined),
  });
  return proc;
}

/** GET a JSON document from a component's admin API on loopback. */
export async function getJson(url: string, timeoutMs = 2000): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return res.json();
}

// Starts one of region-lab's own Node components (business instance, sync agent,
// gateway) from dist/ with its JSON config, registered for cleanup the moment it
// starts. A child that refuses its config (core/child-config.ts) fails the start with
// a ChildConfigError naming the component and the field, not a readiness timeout.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { childConfigFailure } from '../../core/child-config.js';
import { startProcess, type StartedProcess } from '../../core/process.js';
import { waitFor } from '../../core/ready.js';
import type { LocalContext } from './run-context.js';

export interface NodeComponentProps<C> {
  readonly name: string;
  /** Entry point under dist/, e.g. business/main.js. */
  readonly entry: string;
  /** Typed by the child's schema input (z.input of its config schema). */
  readonly config: C;
  /** Resolves to true once the component is ready. */
  readonly ready: () => Promise<true | undefined>;
  readonly readyWhat: string;
  /** @default 30000 */
  readonly readyTimeoutMs?: number;
  /** Node/V8 flags before the entry point. @default [] */
  readonly nodeFlags?: readonly string[];
}

export async function startNodeComponent<C>(ctx: LocalContext, p: NodeComponentProps<C>): Promise<StartedProcess> {
  const cfgFile = join(ctx.stateDir, `${p.name}.json`);
  writeFileSync(cfgFile, JSON.stringify(p.config, null, 2));
  const proc = startProcess({
    name: p.name,
    runId: ctx.runId,
    command: process.execPath,
    args: ['--enable-source-maps', ...(p.nodeFlags ?? []), join(ctx.distDir, p.entry), cfgFile],
    logFile: join(ctx.logDir, `${p.name}.log`),
    pidDir: ctx.pidDir,
    graceMs: 4000,
  });
  ctx.cleanup.push(p.name, () => proc.stop());
  try {
    await waitFor(p.ready, {
      what: p.readyWhat,
      timeoutMs: p.readyTimeoutMs ?? 30_000,
      logFile: proc.logFile,
      signal: ctx.signal,
      abort: () => (proc.exitInfo() ? `${p.name} exited (${JSON.stringify(proc.exitInfo())})` : undefined),
    });
  } catch (e) {
    // the log is flushed shortly after exit; wait for the exit so the marked line is there
    if (proc.exitInfo()) await new Promise((r) => setTimeout(r, 100));
    throw childConfigFailure(p.name, proc.exitInfo()?.code ?? null, proc.logFile) ?? e;
  }
  return proc;
}

/** GET a JSON document from a component's admin API on loopback. */
export async function getJson(url: string, timeoutMs = 2000): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return res.json();
}

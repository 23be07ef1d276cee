// Finds the binaries scripts/install.sh put in the cache (tools.json), so every
// component starts the same pinned build. A missing file means install never ran.
// The local target needs all of them; a run on any target needs k6 (the load runs on
// the host), so a caller names the tools it needs. A missing `envoy` entry means this
// machine runs the model as the data plane.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { MissingPrerequisiteError } from '../core/errors.js';

const tool = z.object({ path: z.string(), version: z.string() });
const toolsSchema = z.object({
  toxiproxy: tool,
  k6: tool,
  haproxy: tool,
  java: tool,
  nacos: z.object({ home: z.string(), version: z.string(), mainClass: z.string() }),
  bindShim: z.object({ path: z.string() }),
  /** The real Envoy (scripts/install-envoy.sh); absent ⇒ the region-lab model is the data plane. */
  envoy: z.object({ path: z.string(), version: z.string().regex(/^\d+\.\d+\.\d+$/) }).optional(),
});
export type Tools = z.output<typeof toolsSchema>;

/** Whether scripts/install.sh has written tools.json (a fresh clone before `make install` has not). */
export function toolsInstalled(env: NodeJS.ProcessEnv = process.env): boolean {
  return existsSync(join(cacheDir(env), 'tools.json'));
}

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.REGION_LAB_CACHE ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'region-lab');
}

const PATHS = { toxiproxy: (t: Tools) => t.toxiproxy.path, k6: (t: Tools) => t.k6.path, haproxy: (t: Tools) => t.haproxy.path, java: (t: Tools) => t.java.path, 'bind shim': (t: Tools) => t.bindShim.path } as const;
export type ToolName = keyof typeof PATHS;

/** @param need the tools that must be on disk. @default every tool (the local target) */
export function loadTools(env: NodeJS.ProcessEnv = process.env, need: readonly ToolName[] = Object.keys(PATHS) as ToolName[]): Tools {
  const file = join(cacheDir(env), 'tools.json');
  if (!existsSync(file)) {
    throw new MissingPrerequisiteError(`the tools region-lab installs (${need.join(', ')})`, 'run `make install` (or any make target: it installs on first use)');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new MissingPrerequisiteError(`a readable ${file} (${(e as Error).message})`, 'run `make install` again to rewrite it');
  }
  const parsed = toolsSchema.safeParse(raw);
  if (!parsed.success) throw new MissingPrerequisiteError(`a readable ${file} (${parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ')})`, 'run `make install` again to rewrite it');
  const t = parsed.data;
  for (const name of need) {
    const p = PATHS[name](t);
    if (!existsSync(p)) throw new MissingPrerequisiteError(`${name} at ${p}`, 'run `make install` again: the cache was changed since it was written');
  }
  if (t.envoy && !existsSync(t.envoy.path)) {
    throw new MissingPrerequisiteError(`envoy at ${t.envoy.path}`, 'run `make install` again: the cache was changed since it was written (or set REGION_LAB_DATA_PLANE=model and reinstall to run without Envoy)');
  }
  return t;
}

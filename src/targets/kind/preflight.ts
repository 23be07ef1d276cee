// Checks before anything is created, all reported together (exit 2, nothing left
// running): the tools on PATH, a reachable Docker daemon, memory, CPUs, the inotify
// limits kind's known issues name, and the host ports the clusters bind.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, freemem } from 'node:os';
import { join } from 'node:path';
import { MissingPrerequisiteError, RegionLabError } from '../../core/errors.js';
import type { Tool, ToolRunner } from './exec.js';
import { installHint } from './exec.js';

export interface PreflightLimits {
  /** @default 8 */
  readonly minMemoryGiB: number;
  /** @default 4 */
  readonly minCpus: number;
  /** @default 524288 (kind known issues) */
  readonly minInotifyWatches: number;
  /** @default 512 */
  readonly minInotifyInstances: number;
}

export const DEFAULT_LIMITS: PreflightLimits = { minMemoryGiB: 8, minCpus: 4, minInotifyWatches: 524_288, minInotifyInstances: 512 };

/** The limits, with REGION_LAB_KIND_MIN_MEMORY_GIB and REGION_LAB_KIND_MIN_CPUS from the environment when set. */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): PreflightLimits {
  const num = (v: string | undefined, d: number) => (v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : d);
  return { ...DEFAULT_LIMITS, minMemoryGiB: num(env.REGION_LAB_KIND_MIN_MEMORY_GIB, DEFAULT_LIMITS.minMemoryGiB), minCpus: num(env.REGION_LAB_KIND_MIN_CPUS, DEFAULT_LIMITS.minCpus) };
}

export interface PreflightProps {
  readonly run: ToolRunner;
  readonly limits?: Partial<PreflightLimits>;
  /** Host ports each cluster binds on 127.0.0.1; a cluster that already exists (kept) is not checked. */
  readonly ports: readonly { readonly name: string; readonly ports: readonly number[] }[];
  /** @default /proc (tests point it at a temp dir) */
  readonly procRoot?: string;
  /** @default os.availableParallelism */
  readonly cpus?: () => number;
}

interface Problem {
  readonly what: string;
  readonly hint: string;
}

const GIB = 1024 ** 3;

/** Throws one MissingPrerequisiteError naming every failed check. */
export async function preflight(p: PreflightProps): Promise<void> {
  const limits = { ...DEFAULT_LIMITS, ...p.limits };
  const proc = p.procRoot ?? '/proc';
  const problems: Problem[] = [];
  // `docker --version` is the client alone; `docker version` would fail on a stopped daemon too

  let existing: string[] = [];
  for (const [tool, args] of [['docker', ['--version']], ['kind', ['version']], ['kubectl', ['version', '--client']], ['helm', ['version', '--short']]] as [Tool, string[]][]) {
    try {
      await p.run(tool, args, { timeoutMs: 20_000 });
    } catch (e) {
      problems.push(e instanceof MissingPrerequisiteError ? { what: `${tool} is not installed or not on PATH`, hint: installHint(tool) } : { what: `${tool} does not run (${firstLine(e)})`, hint: installHint(tool) });
    }
  }
  if (!problems.some((x) => x.what.startsWith('docker '))) {
    try {
      await p.run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeoutMs: 20_000 });
    } catch (e) {
      // first: without Docker nothing else matters
      problems.unshift({ what: `the Docker daemon is not reachable (docker info: ${firstLine(e)})`, hint: 'start Docker (Docker Desktop, or `sudo systemctl start docker`) and check that `docker info` works as this user' });
    }
  } else problems.push({ what: 'the Docker daemon is not reachable (no docker CLI)', hint: installHint('docker') });
  try {
    // clusters kept from an earlier run (--keep) already hold their ports
    existing = (await p.run('kind', ['get', 'clusters'], { timeoutMs: 20_000 })).split('\n').map((l) => l.trim());
  } catch {
    /* no kind or no Docker: reported above */
  }

  const avail = availableMemory(proc);
  if (avail < limits.minMemoryGiB * GIB) {
    problems.push({ what: `${(avail / GIB).toFixed(1)} GiB of memory available, ${limits.minMemoryGiB} GiB needed (4 clusters with Higress and Nacos)`, hint: 'close other programs or give Docker Desktop more memory (Settings → Resources); lower the bar with REGION_LAB_KIND_MIN_MEMORY_GIB at your own risk' });
  }
  const cpus = (p.cpus ?? availableParallelism)();
  if (cpus < limits.minCpus) problems.push({ what: `${cpus} CPUs, ${limits.minCpus} needed`, hint: 'give Docker more CPUs (Docker Desktop: Settings → Resources), or run on a larger machine' });

  for (const [key, min] of [['max_user_watches', limits.minInotifyWatches], ['max_user_instances', limits.minInotifyInstances]] as const) {
    const v = readNumber(join(proc, 'sys/fs/inotify', key));
    // not Linux (macOS: Docker Desktop's VM has its own, generous limits)
    if (v !== undefined && v < min) problems.push({ what: `fs.inotify.${key} is ${v}, kind needs ≥ ${min} for several clusters`, hint: `sudo sysctl fs.inotify.${key}=${min} (and add it to /etc/sysctl.conf to keep it)` });
  }

  const busy: number[] = [];
  for (const c of p.ports.filter((x) => !existing.includes(x.name))) for (const port of c.ports) if (!(await portFree(port))) busy.push(port);
  if (busy.length > 0) problems.push({ what: `127.0.0.1 port${busy.length === 1 ? '' : 's'} ${busy.join(', ')} in use`, hint: 'stop what listens there, or remove leftover clusters with `region-lab down --target kind`' });

  if (problems.length > 0) {
    const what = problems.length === 1 ? problems[0]!.what : `${problems.length} problems for the kind target:\n  - ${problems.map((x) => x.what).join('\n  - ')}`;
    throw new MissingPrerequisiteError(what, problems.map((x) => x.hint).join('\n      '));
  }
}

function firstLine(e: unknown): string {
  const msg = e instanceof RegionLabError || e instanceof Error ? e.message : String(e);
  const lines = msg.split('\n').filter((l) => l.trim() && !l.startsWith('---'));
  return (lines.at(-1) ?? msg).trim();
}

function readNumber(file: string): number | undefined {
  try {
    return Number(readFileSync(file, 'utf8').trim());
  } catch {
    return undefined;
  }
}

/** MemAvailable (what can be used without swapping), not MemFree; os.freemem off Linux. */
function availableMemory(proc: string): number {
  try {
    const m = /^MemAvailable:\s+(\d+) kB/m.exec(readFileSync(join(proc, 'meminfo'), 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    /* not Linux */
  }
  return freemem();
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

// Pid files of a run's processes, and the identity that proves a pid still belongs to
// the run that recorded it: the kernel's start time of the process (/proc/<pid>/stat
// field 22, fixed for its whole life) and its command line, both read when it started.
// A pid reused by another program differs in one or both, so `down` never signals it.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

/** Marks every process a run starts (its environment), so it can be told apart by run. */
export const RUN_ID_ENV = 'REGION_LAB_RUN_ID';

export interface ProcessIdentity {
  readonly pid: number;
  /** Clock ticks after boot at which it started (/proc/<pid>/stat field 22). */
  readonly startTicks: number;
  /** NUL-separated arguments joined by spaces (/proc/<pid>/cmdline). */
  readonly cmdline: string;
}

const pidFileSchema = z.object({
  name: z.string(),
  pid: z.number().int().positive(),
  runId: z.string(),
  command: z.string(),
  /** Absent where /proc is not (macOS): such a pid cannot be verified. */
  startTicks: z.number().int().nonnegative().optional(),
  cmdline: z.string().optional(),
});
export type PidRecord = z.output<typeof pidFileSchema>;

/** The identity of a live process, or undefined when it is gone (or there is no /proc). */
export function identityOf(pid: number, procRoot = '/proc'): ProcessIdentity | undefined {
  try {
    const stat = readFileSync(`${procRoot}/${pid}/stat`, 'utf8');
    // the command (field 2) may hold spaces and parentheses: fields 3.. follow the last ')'
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const startTicks = Number(fields[19]);
    const cmdline = readFileSync(`${procRoot}/${pid}/cmdline`, 'utf8').replace(/\0+$/, '').replace(/\0/g, ' ');
    return Number.isFinite(startTicks) ? { pid, startTicks, cmdline } : undefined;
  } catch {
    return undefined;
  }
}

export function writePidFile(file: string, r: PidRecord): void {
  writeFileSync(file, `${JSON.stringify(r)}\n`);
}

/** A pid file's record; undefined for a file that is not one (cut short, or another format). */
export function readPidFile(file: string): PidRecord | undefined {
  try {
    const r = pidFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

export type PidCheck = { readonly verdict: 'ours' } | { readonly verdict: 'gone' } | { readonly verdict: 'not-ours'; readonly why: string };

/** Whether the recorded process is still the one running under its pid. */
export function checkPid(r: PidRecord, procRoot = '/proc'): PidCheck {
  const now = identityOf(r.pid, procRoot);
  if (!now) return { verdict: 'gone' };
  if (r.startTicks === undefined || r.cmdline === undefined) return { verdict: 'not-ours', why: 'its start time was not recorded, so it cannot be told from another process' };
  if (now.startTicks !== r.startTicks) return { verdict: 'not-ours', why: `pid ${r.pid} was reused: it started at tick ${now.startTicks}, ${r.name} at ${r.startTicks}` };
  if (now.cmdline !== r.cmdline) return { verdict: 'not-ours', why: `pid ${r.pid} now runs another command line` };
  return { verdict: 'ours' };
}

/**
 * Live processes of a process group that carry the run id in their environment: what
 * is left of a group whose leader is gone (a group id is never reused while a member
 * lives, but checking the run id also rules out a new group under a reused pid).
 */
export function groupMembersOfRun(pgid: number, runId: string, procRoot = '/proc'): number[] {
  const out: number[] = [];
  let pids: string[] = [];
  try {
    pids = readdirSync(procRoot).filter((p) => /^\d+$/.test(p));
  } catch {
    return out;
  }
  for (const p of pids) {
    try {
      const stat = readFileSync(`${procRoot}/${p}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) !== pgid) continue;
      const env = readFileSync(`${procRoot}/${p}/environ`, 'utf8').split('\0');
      if (env.includes(`${RUN_ID_ENV}=${runId}`)) out.push(Number(p));
    } catch {
      /* exited meanwhile, or not ours to read */
    }
  }
  return out;
}

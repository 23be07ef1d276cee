// `region-lab down`: stops what a killed run left behind. Every run keeps its pid
// files under the state root; a state dir whose owner process is gone is swept. Each
// recorded process is signalled only if it is still the process that run started
// (same kernel start time and command line, core/pid-file.ts): a pid reused by any
// other program is left alone and reported. Its group gets SIGTERM, then SIGKILL.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { realClock, type Clock } from '../core/clock.js';
import { checkPid, groupMembersOfRun, readPidFile, type PidRecord } from '../core/pid-file.js';
import { STATE_ROOT } from './run-dir.js';

export interface SweptProcess {
  readonly name: string;
  readonly pid: number;
  readonly runId: string;
}

export interface SweepResult {
  /** State directories removed. */
  readonly dirs: string[];
  /** Processes signalled: each was verified to be the one its run started. */
  readonly killed: SweptProcess[];
  /** Pids recorded by a run that now belong to another process (or cannot be verified): not signalled. */
  readonly spared: (SweptProcess & { readonly why: string })[];
  /** State dirs of runs still going (their owner is alive). */
  readonly skippedLive: string[];
}

export interface SweepProps {
  /** @default the system temp dir's region-lab/ */
  readonly root?: string;
  /** Sweep runs whose owner is still alive too. @default false */
  readonly includeLive?: boolean;
  /** @default /proc */
  readonly procRoot?: string;
  readonly clock?: Clock;
  /** How long a group gets after SIGTERM. @default 5000 */
  readonly graceMs?: number;
}

const signalGroup = (pid: number, sig: NodeJS.Signals) => {
  try {
    process.kill(-pid, sig);
  } catch {
    /* the group is gone */
  }
};

export async function sweepLeftovers(p: SweepProps = {}): Promise<SweepResult> {
  const root = p.root ?? STATE_ROOT;
  const clock = p.clock ?? realClock;
  const result: SweepResult = { dirs: [], killed: [], spared: [], skippedLive: [] };
  if (!existsSync(root)) return result;
  for (const d of readdirSync(root)) {
    const dir = join(root, d);
    const owner = Number(readFileSafe(join(dir, 'owner.pid')));
    if (owner && owner !== process.pid && alive(owner) && !p.includeLive) {
      result.skippedLive.push(dir);
      continue;
    }
    const pidDir = join(dir, 'pids');
    const records = existsSync(pidDir) ? readdirSync(pidDir).flatMap((f) => readPidFile(join(pidDir, f)) ?? []) : [];
    const ours: PidRecord[] = [];
    for (const r of records) {
      const check = checkPid(r, p.procRoot);
      if (check.verdict === 'ours') ours.push(r);
      else if (check.verdict === 'not-ours') result.spared.push({ name: r.name, pid: r.pid, runId: r.runId, why: check.why });
    }
    for (const r of ours) {
      signalGroup(r.pid, 'SIGCONT'); // a frozen process cannot act on SIGTERM
      signalGroup(r.pid, 'SIGTERM');
      result.killed.push({ name: r.name, pid: r.pid, runId: r.runId });
    }
    const deadline = clock.now() + (p.graceMs ?? 5000);
    while (ours.some((r) => checkPid(r, p.procRoot).verdict === 'ours') && clock.now() < deadline) await clock.sleep(100);
    // after the grace period: the leader if it is still the same process, and whatever of its
    // group still carries the run id (children that ignored SIGTERM)
    for (const r of ours) {
      if (checkPid(r, p.procRoot).verdict === 'ours') signalGroup(r.pid, 'SIGKILL');
      for (const pid of groupMembersOfRun(r.pid, r.runId, p.procRoot)) killOne(pid);
    }
    rmSync(dir, { recursive: true, force: true });
    result.dirs.push(dir);
  }
  return result;
}

function killOne(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* gone */
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readFileSafe(f: string): string {
  try {
    return readFileSync(f, 'utf8').trim();
  } catch {
    return '';
  }
}

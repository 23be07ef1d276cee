// `region-lab down`: stops what a killed run left behind. Every run keeps its pid
// files under the state root; a state dir whose owner process is gone is swept:
// each recorded process group gets SIGTERM, then SIGKILL, and the dir is removed.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { STATE_ROOT } from './run-dir.js';

export interface SweepResult {
  readonly dirs: string[];
  readonly killed: { name: string; pid: number }[];
  readonly skippedLive: string[];
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export async function sweepLeftovers(root = STATE_ROOT, includeLive = false): Promise<SweepResult> {
  const result: SweepResult = { dirs: [], killed: [], skippedLive: [] };
  if (!existsSync(root)) return result;
  for (const d of readdirSync(root)) {
    const dir = join(root, d);
    const owner = Number(readFileSafe(join(dir, 'owner.pid')));
    if (owner && owner !== process.pid && alive(owner) && !includeLive) {
      result.skippedLive.push(dir);
      continue;
    }
    const pidDir = join(dir, 'pids');
    const pids = existsSync(pidDir)
      ? readdirSync(pidDir).map((f) => ({ name: f.replace(/\.pid$/, ''), pid: Number(readFileSafe(join(pidDir, f)).split('\n')[0]) })).filter((p) => p.pid > 0)
      : [];
    for (const p of pids) {
      if (!alive(p.pid)) continue;
      try {
        process.kill(-p.pid, 'SIGTERM');
      } catch {
        /* gone */
      }
      result.killed.push(p);
    }
    const deadline = Date.now() + 5000;
    while (pids.some((p) => alive(p.pid)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    for (const p of pids) {
      try {
        process.kill(-p.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    rmSync(dir, { recursive: true, force: true });
    result.dirs.push(dir);
  }
  return result;
}

function readFileSafe(f: string): string {
  try {
    return readFileSync(f, 'utf8').trim();
  } catch {
    return '';
  }
}

// Samples the memory of every process a run started (each pid file is a process
// group leader; its whole group counts), so a summary can say what the topology
// costs: peak total RSS and each component's peak. Linux /proc only; elsewhere it
// reports nothing rather than a guess.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPidFile } from '../../core/pid-file.js';

export interface ResourcePeaks {
  /** Highest sum of RSS over all the run's processes at one sample, MiB. */
  readonly peakRssMiB: number;
  /** Each component's own peak, MiB. */
  readonly byComponent: Readonly<Record<string, number>>;
  readonly samples: number;
}

const PAGE = 4096;

function groupsOf(pidDir: string): Map<number, string> {
  const groups = new Map<number, string>();
  if (!existsSync(pidDir)) return groups;
  for (const f of readdirSync(pidDir)) {
    const r = readPidFile(join(pidDir, f));
    if (r) groups.set(r.pid, r.name);
  }
  return groups;
}

/** RSS in bytes per process group, for the groups given. */
export function rssByGroup(groups: ReadonlyMap<number, string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      // field 5 of /proc/<pid>/stat is the pgid; the command may contain spaces, so split after ')'
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const pgid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      const name = groups.get(pgid);
      if (!name) continue;
      const rssPages = Number(readFileSync(`/proc/${p}/statm`, 'utf8').split(' ')[1]);
      out.set(name, (out.get(name) ?? 0) + rssPages * PAGE);
    } catch {
      /* exited between readdir and read */
    }
  }
  return out;
}

export function sampleResources(pidDir: string, intervalMs = 2000): { stop(): ResourcePeaks | undefined } {
  if (!existsSync('/proc/self/statm')) return { stop: () => undefined };
  let peak = 0;
  let samples = 0;
  const byComponent = new Map<string, number>();
  const sample = () => {
    const rss = rssByGroup(groupsOf(pidDir));
    let total = 0;
    for (const [name, bytes] of rss) {
      total += bytes;
      byComponent.set(name, Math.max(byComponent.get(name) ?? 0, bytes));
    }
    peak = Math.max(peak, total);
    samples++;
  };
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      const mib = (b: number) => Math.round(b / 1048576);
      return { peakRssMiB: mib(peak), byComponent: Object.fromEntries([...byComponent].map(([k, v]) => [k, mib(v)])), samples };
    },
  };
}

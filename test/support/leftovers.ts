// Watches for what a run must never leave or do: a listener outside 127.0.0.0/8,
// a process still running from the install cache or dist/ (or an Envoy tagged with a
// run id, wherever its binary lives), a state directory left in the temp dir, a
// topology port still bound, an nftables table (region-lab-*).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RUN_ID_ENV } from '../../src/core/pid-file.js';
import { STATE_ROOT } from '../../src/run/run-dir.js';
import { findNft, runNft } from '../../src/targets/local/kernel-drop.js';
import { regionLabTables, tableName } from '../../src/targets/local/nft-rules.js';
import { cacheDir } from '../../src/targets/tools.js';
import { processesMentioning } from './harness.js';

/** Listening TCP sockets as "addr:port" from /proc/net/tcp{,6}. */
export function listeners(): Set<string> {
  const out = new Set<string>();
  for (const f of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(f)) continue;
    for (const line of readFileSync(f, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] !== '0A') continue; // LISTEN
      out.add(decode(cols[1]!));
    }
  }
  return out;
}

function decode(hexAddr: string): string {
  const [h, p] = hexAddr.split(':') as [string, string];
  const port = parseInt(p, 16);
  if (h.length === 8) {
    const b = h.match(/../g)!.map((x) => parseInt(x, 16)).reverse();
    return `${b.join('.')}:${port}`;
  }
  // IPv6: v4-mapped loopback shows as ...FFFF0000 + reversed v4 in the last word
  const words = h.match(/.{8}/g)!;
  if (words[0] === '00000000' && words[1] === '00000000' && words[2] === 'FFFF0000') {
    const b = words[3]!.match(/../g)!.map((x) => parseInt(x, 16)).reverse();
    return `${b.join('.')}:${port}`;
  }
  return h === '00000000000000000000000000000000' ? `[::]:${port}` : h === '00000000000000000000000001000000' ? `[::1]:${port}` : `[${h}]:${port}`;
}

export const isLoopback = (addr: string) => addr.startsWith('127.') || addr.startsWith('[::1]');

/** Samples listeners every interval; returns the non-loopback ones that were not there before. */
export function watchNonLoopbackListeners(intervalMs = 500): { stop(): string[] } {
  const baseline = listeners();
  const seen = new Set<string>();
  const t = setInterval(() => {
    for (const l of listeners()) if (!baseline.has(l) && !isLoopback(l)) seen.add(l);
  }, intervalMs);
  return {
    stop() {
      clearInterval(t);
      return [...seen];
    },
  };
}

/** What already ran before a test started, so another run on the machine is not counted as this one's leftover. */
export interface Baseline {
  readonly pids: ReadonlySet<string>;
  readonly stateDirs: ReadonlySet<string>;
  readonly nftTables: ReadonlySet<string>;
}

export async function baseline(): Promise<Baseline> {
  const l = await rawLeftovers();
  return { pids: new Set(l.processes.map((p) => p.split(' ')[0]!)), stateDirs: new Set(l.stateDirs), nftTables: new Set(l.nftTables) };
}

/** Envoy processes started by region-lab: REGION_LAB_RUN_ID in their environment (REGION_LAB_ENVOY may live anywhere). */
export function taggedEnvoys(): string[] {
  const out: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (!readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('envoy')) continue;
      const env = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      if (!env.some((v) => v.startsWith('REGION_LAB_RUN_ID='))) continue;
      out.push(`${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').slice(0, 160)}`);
    } catch {
      /* exited meanwhile, or not ours to read */
    }
  }
  return out;
}

/** region-lab's nftables tables; none where nft is missing or may not list (no run could have added one). */
export async function nftTables(): Promise<string[]> {
  const nft = findNft();
  if (!nft) return [];
  return regionLabTables(await runNft(nft, ['-j', 'list', 'tables']).catch(() => '{"nftables":[]}'));
}

function nftTablesSync(): string[] {
  const nft = findNft();
  if (!nft) return [];
  const r = spawnSync(nft, ['-j', 'list', 'tables'], { encoding: 'utf8' });
  return r.status === 0 ? regionLabTables(r.stdout) : [];
}

async function rawLeftovers(): Promise<{ processes: string[]; stateDirs: string[]; nftTables: string[] }> {
  // STATE_ROOT/ with the slash: /tmp/region-lab-heavy.lock (the machine's job lock) is not a run's
  const processes = [...(await processesMentioning(cacheDir())), ...(await processesMentioning(resolve('dist'))), ...(await processesMentioning(`${STATE_ROOT}/`)), ...taggedEnvoys()];
  const stateDirs = existsSync(STATE_ROOT) ? readdirSync(STATE_ROOT) : [];
  return { processes: [...new Set(processes)], stateDirs, nftTables: await nftTables() };
}

/** Processes, state dirs and nftables tables of region-lab runs that were not there at `before`. */
export async function leftovers(before: Baseline = { pids: new Set(), stateDirs: new Set(), nftTables: new Set() }): Promise<{ processes: string[]; stateDirs: string[]; nftTables: string[] }> {
  const l = await rawLeftovers();
  return {
    processes: l.processes.filter((p) => !before.pids.has(p.split(' ')[0]!)),
    stateDirs: l.stateDirs.filter((d) => !before.stateDirs.has(d)),
    nftTables: l.nftTables.filter((t) => !before.nftTables.has(t)),
  };
}

/**
 * What one run left behind: processes carrying its run id in their environment
 * (every process a run starts does: core/pid-file.ts RUN_ID_ENV) and its state
 * directories. Exact on a machine where other runs come and go at the same time.
 */
export function leftoversOfRun(runId: string): { processes: string[]; stateDirs: string[]; nftTables: string[] } {
  const processes: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (!readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`${RUN_ID_ENV}=${runId}`)) continue;
      processes.push(`${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').slice(0, 160)}`);
    } catch {
      /* exited meanwhile, or another user's */
    }
  }
  const stateDirs = existsSync(STATE_ROOT) ? readdirSync(STATE_ROOT).filter((d) => d.startsWith(`${runId}-`)) : [];
  return { processes, stateDirs, nftTables: nftTablesSync().filter((t) => t === tableName(runId)) };
}

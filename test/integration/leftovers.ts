// Watches for what a run must never leave or do: a listener outside 127.0.0.0/8,
// a process still running from the install cache or dist/, a state directory left
// in the temp dir, a topology port still bound.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { STATE_ROOT } from '../../src/run/run-dir.js';
import { cacheDir } from '../../src/targets/local/tools.js';
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
}

export async function baseline(): Promise<Baseline> {
  const l = await rawLeftovers();
  return { pids: new Set(l.processes.map((p) => p.split(' ')[0]!)), stateDirs: new Set(l.stateDirs) };
}

async function rawLeftovers(): Promise<{ processes: string[]; stateDirs: string[] }> {
  const processes = [...(await processesMentioning(cacheDir())), ...(await processesMentioning(resolve('dist'))), ...(await processesMentioning(`${STATE_ROOT}/`))]; // with the slash: /tmp/region-lab-heavy.lock (the machine's heavy-job lock) is no state dir
  const stateDirs = existsSync(STATE_ROOT) ? readdirSync(STATE_ROOT) : [];
  return { processes: [...new Set(processes)], stateDirs };
}

/** Processes and state dirs of region-lab runs that were not there at `before`. */
export async function leftovers(before: Baseline = { pids: new Set(), stateDirs: new Set() }): Promise<{ processes: string[]; stateDirs: string[] }> {
  const l = await rawLeftovers();
  return { processes: l.processes.filter((p) => !before.pids.has(p.split(' ')[0]!)), stateDirs: l.stateDirs.filter((d) => !before.stateDirs.has(d)) };
}

// Black holes in the kernel: one nftables table per run (region-lab-<run id>) whose
// tagged rules drop a link's loopback traffic, so a connect() to a black-holed link
// hangs as it does on a real network (Toxiproxy always accepts first). The table is
// on the cleanup stack the moment it exists, deleted by a process-exit hook if the
// orchestrator dies, and by `region-lab down` if it was killed outright.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { CleanupStack } from '../../core/cleanup.js';
import { CommandFailedError } from '../../core/errors.js';
import { identityOf } from '../../core/pid-file.js';
import { createTableScript, deleteRulesScript, dropRulesScript, handlesTagged, tableName, type DropDirection, type DropTarget } from './nft-rules.js';

/** How a black-hole fault was applied, in the words the summary and the report use. */
export const KERNEL_DROP = 'kernel drop (nftables)';
export const TOXIPROXY_APPROXIMATION = 'Toxiproxy approximation: connections accepted then silent';

export interface KernelDrop {
  readonly table: string;
  /** Adds drop rules for the targets, tagged with the timeline entry id. */
  drop(tag: string, targets: readonly DropTarget[], direction: DropDirection): Promise<void>;
  /** Removes exactly the rules a tag added; a tag with none is not an error (heal is idempotent). */
  heal(tag: string): Promise<void>;
  /** Deletes the table and every rule in it. Idempotent. */
  close(): Promise<void>;
}

export type KernelDropProbe = { readonly ok: true; readonly drop: KernelDrop } | { readonly ok: false; readonly reason: string };

export interface KernelDropProps {
  readonly runId: string;
  readonly cleanup: CleanupStack;
  /** @default REGION_LAB_NFT, else `nft` on PATH, /usr/sbin or /sbin */
  readonly nftPath?: string;
}

/** The nft binary: REGION_LAB_NFT, or the first `nft` on PATH and the sbin dirs a non-root PATH often lacks. */
export function findNft(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.REGION_LAB_NFT) return env.REGION_LAB_NFT;
  const dirs = [...(env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/sbin', '/sbin'];
  return dirs.map((d) => join(d, 'nft')).find((p) => existsSync(p));
}

/** Runs nft with a script on stdin (`nft -f -`) or plain arguments; resolves with its stdout. */
export function runNft(nft: string, args: readonly string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // stdin only for a script: nft listing a table never reads it and may exit before a write
    const child = spawn(nft, [...args], { stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', (e) => reject(new CommandFailedError(`${nft} ${args.join(' ')}`, null, null, e.message)));
    child.on('close', (code, signal) => (code === 0 ? resolve(out) : reject(new CommandFailedError(`${nft} ${args.join(' ')}`, code, signal, err.trim()))));
    if (input !== undefined) {
      // a write into an nft that already exited (it failed at once) is its exit code's story, not a crash
      child.stdin!.on('error', () => undefined);
      child.stdin!.end(input);
    }
  });
}

/**
 * Creates the run's table, or says why it cannot (no nft, or no privilege: a user who
 * is not root). The caller falls back to Toxiproxy and says so.
 */
export async function openKernelDrop(p: KernelDropProps): Promise<KernelDropProbe> {
  const nft = p.nftPath ?? findNft();
  if (!nft) return { ok: false, reason: 'nft is not installed (Debian: apt-get install nftables; scripts/install.sh does it when run as root)' };
  const table = tableName(p.runId);
  try {
    await runNft(nft, ['-f', '-'], createTableScript(table, p.runId, { pid: process.pid, startTicks: identityOf(process.pid)?.startTicks }));
  } catch (e) {
    const why = e instanceof CommandFailedError ? e.stderrTail.split('\n')[0] || e.message : String(e);
    return { ok: false, reason: `nft could not create table ${table} (${why}); adding rules needs root or CAP_NET_ADMIN` };
  }
  let open = true;
  const deleteNow = () => {
    if (!open) return;
    open = false;
    spawnSync(nft, ['delete', 'table', 'inet', table], { stdio: 'ignore' });
  };
  // the last-resort net: an orchestrator that crashes still takes its rules with it
  process.once('exit', deleteNow);
  const drop: KernelDrop = {
    table,
    async drop(tag, targets, direction) {
      const script = dropRulesScript(table, tag, targets, direction);
      if (script) await runNft(nft, ['-f', '-'], script);
    },
    async heal(tag) {
      if (!open) return;
      const handles = handlesTagged(await runNft(nft, ['-j', '-a', 'list', 'table', 'inet', table]), tag);
      if (handles.length > 0) await runNft(nft, ['-f', '-'], deleteRulesScript(table, handles));
    },
    async close() {
      if (!open) return;
      open = false;
      process.off('exit', deleteNow);
      await runNft(nft, ['delete', 'table', 'inet', table]).catch((e: CommandFailedError) => {
        // already gone (a `down` from another shell) is fine; anything else is a teardown failure
        if (!/No such file or directory/.test(e.stderrTail ?? '')) throw e;
      });
    },
  };
  p.cleanup.push(`nftables table ${table}`, () => drop.close());
  return { ok: true, drop };
}

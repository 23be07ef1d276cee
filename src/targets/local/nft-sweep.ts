// `region-lab down`, kernel part: deletes the nftables tables (region-lab-*) that a
// killed run left, so no drop rule outlives its run. A table whose owner (the pid in
// its comment) still runs is left alone unless forced, as the process sweep does; a pid
// reused by another program since (its start time differs) does not keep a table alive.
import { identityOf } from '../../core/pid-file.js';
import { findNft, runNft } from './kernel-drop.js';
import { regionLabTables, tableOwnerOf, type TableOwner } from './nft-rules.js';

export interface NftSweepResult {
  readonly deleted: string[];
  readonly skippedLive: string[];
  /** Why nothing could be listed (no nft, no privilege); undefined when the listing worked. */
  readonly unavailable?: string;
}

/** Whether the table's owner still runs: the same pid with the same start time (where recorded and /proc is). */
export function ownerAlive(owner: TableOwner, identity: (pid: number) => { startTicks: number } | undefined = identityOf): boolean {
  if (owner.startTicks !== undefined) {
    const now = identity(owner.pid);
    if (now !== undefined) return now.startTicks === owner.startTicks;
  }
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, owned by someone else
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function sweepNftTables(includeLive = false, nft = findNft()): Promise<NftSweepResult> {
  if (!nft) return { deleted: [], skippedLive: [], unavailable: 'nft is not installed' };
  let tables: string[];
  try {
    tables = regionLabTables(await runNft(nft, ['-j', 'list', 'tables']));
  } catch (e) {
    // a user who cannot list tables could not have created one either
    return { deleted: [], skippedLive: [], unavailable: `nft cannot list tables: ${(e as Error).message.split('\n')[0]}` };
  }
  const result = { deleted: [] as string[], skippedLive: [] as string[] };
  for (const table of tables) {
    const owner = tableOwnerOf(await runNft(nft, ['list', 'table', 'inet', table]).catch(() => ''));
    if (owner !== undefined && owner.pid !== process.pid && ownerAlive(owner) && !includeLive) {
      result.skippedLive.push(table);
      continue;
    }
    await runNft(nft, ['delete', 'table', 'inet', table]);
    result.deleted.push(table);
  }
  return result;
}

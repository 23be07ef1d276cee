// `region-lab down`, kernel part: deletes the nftables tables (region-lab-*) that a
// killed run left, so no drop rule outlives its run. A table whose owner (the pid in
// its comment) still runs is left alone unless forced, as the process sweep does.
import { findNft, runNft } from './kernel-drop.js';
import { ownerPidOf, regionLabTables } from './nft-rules.js';

export interface NftSweepResult {
  readonly deleted: string[];
  readonly skippedLive: string[];
  /** Why nothing could be listed (no nft, no privilege); undefined when the listing worked. */
  readonly unavailable?: string;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, owned by someone else
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

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
    const owner = ownerPidOf(await runNft(nft, ['list', 'table', 'inet', table]).catch(() => ''));
    if (owner !== undefined && owner !== process.pid && alive(owner) && !includeLive) {
      result.skippedLive.push(table);
      continue;
    }
    await runNft(nft, ['delete', 'table', 'inet', table]);
    result.deleted.push(table);
  }
  return result;
}

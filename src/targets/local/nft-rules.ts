// The nftables text of a kernel-level black hole, as pure functions: the per-run
// table (family inet, one output chain: loopback traffic passes output on its way
// out of either end), the drop rules for a link's listener tagged with the timeline
// entry that owns them, and readers of `nft` listings. No process is run here.
import { z } from 'zod';

/** Every table region-lab creates starts with this; `region-lab down` touches nothing else. */
export const NFT_TABLE_PREFIX = 'region-lab-';
/**
 * The table's comment carries the owner's pid and its kernel start time, so `down` can tell
 * a live run's table from a dead one's even when the pid has been reused since.
 */
const OWNER_COMMENT = /comment "region-lab run [^"]* pid (\d+)(?: start (\d+))?"/;

export type DropDirection = 'both' | 'upstream' | 'downstream';

/** A listener whose traffic is dropped: a link's Toxiproxy listen address and port. */
export interface DropTarget {
  readonly address: string;
  readonly port: number;
}

/** nft identifiers: a letter first, then letters, digits, hyphen, underscore, dot. */
export function tableName(runId: string): string {
  const name = `${NFT_TABLE_PREFIX}${runId}`;
  if (!/^[a-z][a-zA-Z0-9_.-]{0,63}$/.test(name)) throw new Error(`run id "${runId}" cannot name an nftables table (letters, digits, - _ . only)`);
  return name;
}

/** `nft -f -` input that creates the run's table and its output chain (accept by default: only the tagged rules drop). */
export function createTableScript(table: string, runId: string, owner: TableOwner): string {
  return [
    `table inet ${table} {`,
    `  comment "region-lab run ${runId} pid ${owner.pid}${owner.startTicks === undefined ? '' : ` start ${owner.startTicks}`}"`,
    '  chain output { type filter hook output priority 0; policy accept; }',
    '}',
    '',
  ].join('\n');
}

/** The comment that tags a rule with the timeline entry (and stream) that added it. */
export function ruleComment(tag: string, stream: 'upstream' | 'downstream'): string {
  return `${tag} ${stream}`;
}

/**
 * `nft -f -` input adding drop rules for the targets. upstream (client → listener):
 * packets to the listener, so a SYN never arrives and connect() hangs; downstream
 * (listener → client): packets from it, so the SYN-ACK and every answer vanish.
 * Only 127.x addresses: a rule never touches anything but the run's own loopback listeners.
 */
export function dropRulesScript(table: string, tag: string, targets: readonly DropTarget[], direction: DropDirection): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(tag)) throw new Error(`rule tag "${tag}" must be a timeline entry id (lower-case letters, digits, hyphens)`);
  const lines: string[] = [];
  for (const t of targets) {
    if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(t.address)) throw new Error(`${t.address} is not a loopback address: region-lab drops only its own 127.x traffic`);
    if (!Number.isInteger(t.port) || t.port < 1 || t.port > 65535) throw new Error(`port ${t.port} of ${t.address} is not a TCP port`);
    if (direction !== 'downstream') lines.push(`add rule inet ${table} output ip daddr ${t.address} tcp dport ${t.port} drop comment "${ruleComment(tag, 'upstream')}"`);
    if (direction !== 'upstream') lines.push(`add rule inet ${table} output ip saddr ${t.address} tcp sport ${t.port} drop comment "${ruleComment(tag, 'downstream')}"`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** `nft -f -` input deleting rules by handle. */
export function deleteRulesScript(table: string, handles: readonly number[]): string {
  return handles.map((h) => `delete rule inet ${table} output handle ${h}\n`).join('');
}

// `nft -j` output: a list of objects each holding one of metainfo, table, chain, rule, …
const listingSchema = z.object({
  nftables: z.array(
    z.object({
      table: z.object({ family: z.string(), name: z.string() }).optional(),
      rule: z.object({ table: z.string(), chain: z.string(), handle: z.number().int(), comment: z.string().optional() }).optional(),
    }),
  ),
});

function parseListing(json: string, what: string): z.output<typeof listingSchema> {
  const parsed = listingSchema.safeParse(JSON.parse(json));
  if (!parsed.success) throw new Error(`unexpected \`nft -j ${what}\` output: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** Handles of the rules a tag added, from `nft -j -a list table inet <table>`. */
export function handlesTagged(json: string, tag: string): number[] {
  const ours = new Set([ruleComment(tag, 'upstream'), ruleComment(tag, 'downstream')]);
  return parseListing(json, 'list table').nftables.flatMap((o) => (o.rule && o.rule.comment !== undefined && ours.has(o.rule.comment) ? [o.rule.handle] : []));
}

/** region-lab's tables (family inet) from `nft -j list tables`. */
export function regionLabTables(json: string): string[] {
  return parseListing(json, 'list tables').nftables.flatMap((o) => (o.table && o.table.family === 'inet' && o.table.name.startsWith(NFT_TABLE_PREFIX) ? [o.table.name] : []));
}

/** The process that created a table: its pid and (where /proc is) its start time in clock ticks. */
export interface TableOwner {
  readonly pid: number;
  readonly startTicks?: number | undefined;
}

/** The process that owns a table, from `nft list table inet <table>` (text: the JSON listing leaves comments out). */
export function tableOwnerOf(text: string): TableOwner | undefined {
  const m = OWNER_COMMENT.exec(text);
  if (!m) return undefined;
  return m[2] === undefined ? { pid: Number(m[1]) } : { pid: Number(m[1]), startTicks: Number(m[2]) };
}

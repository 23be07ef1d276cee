// A black hole on links, the way the run can have it: kernel drop rules on each link's
// Toxiproxy listener when the run holds an nftables table (connects hang, as on a
// real network), else Toxiproxy's timeout toxic (connects succeed, then every byte
// vanishes). Either way the rules or toxics are named after the timeline entry, so
// healing removes exactly them; the returned words say which mechanism acted.
import { KERNEL_DROP, openKernelDrop, TOXIPROXY_APPROXIMATION, type KernelDrop } from './kernel-drop.js';
import type { LinkPlan } from '../../topology/links.js';
import type { DropDirection, DropTarget } from './nft-rules.js';
import type { LocalContext } from './run-context.js';
import type { StartedToxiproxy, ToxicStream } from './toxiproxy.js';

export interface BlackHoleEnv {
  readonly toxi: StartedToxiproxy;
  /** The run's nftables table; undefined when the run could not create one. */
  readonly kernel?: KernelDrop | undefined;
}

const streams = (d: DropDirection): ToxicStream[] => (d === 'both' ? ['upstream', 'downstream'] : [d]);

/** The mechanism black holes get in this run, as the summary and the report name it. */
export const blackHoleMechanism = (env: BlackHoleEnv): string => (env.kernel ? KERNEL_DROP : TOXIPROXY_APPROXIMATION);

/**
 * At the start of a run with black holes: opens the run's nftables table, or says at
 * once (a warning) that they fall back to Toxiproxy and why.
 */
export async function openBlackHoles(ctx: Pick<LocalContext, 'runId' | 'cleanup' | 'log'>): Promise<KernelDrop | undefined> {
  const probe = await openKernelDrop({ runId: ctx.runId, cleanup: ctx.cleanup });
  if (probe.ok) {
    ctx.log({ kind: 'step', message: `black holes: ${KERNEL_DROP}, table inet ${probe.drop.table}` });
    return probe.drop;
  }
  ctx.log({ kind: 'warn', message: `black holes fall back to the ${TOXIPROXY_APPROXIMATION} (a real black hole makes connects hang): ${probe.reason}` });
  return undefined;
}

function targetsOf(env: BlackHoleEnv, links: readonly LinkPlan[]): DropTarget[] {
  return links.map((l) => {
    const listen = env.toxi.listenOf(l.name);
    const at = listen.lastIndexOf(':');
    return { address: listen.slice(0, at), port: Number(listen.slice(at + 1)) };
  });
}

/** Swallows the links' traffic in the given direction; returns the mechanism's name. */
export async function applyBlackHole(env: BlackHoleEnv, id: string, links: readonly LinkPlan[], direction: DropDirection): Promise<string> {
  if (env.kernel) await env.kernel.drop(id, targetsOf(env, links), direction);
  else await Promise.all(links.flatMap((l) => streams(direction).map((d) => env.toxi.addToxic(l.name, `${id}-${d}`, 'timeout', d, { timeout: 0 }))));
  return blackHoleMechanism(env);
}

/** Undoes applyBlackHole for the same entry; safe to call twice. */
export async function healBlackHole(env: BlackHoleEnv, id: string, links: readonly LinkPlan[], direction: DropDirection): Promise<void> {
  if (env.kernel) await env.kernel.heal(id);
  else await Promise.all(links.flatMap((l) => streams(direction).map((d) => env.toxi.removeToxic(l.name, `${id}-${d}`))));
}

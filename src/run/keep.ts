// `run --keep`: after the load the topology stays up for a look around. Every fault
// still active is healed first, then the target releases what it started (its
// processes outlive this one; `region-lab down` ends them) and says where it listens.
import type { Logger } from '../core/log.js';
import type { TimelineEntry } from '../scenario/schema.js';
import type { Target } from '../targets/target.js';
import type { FaultRecord } from './timeline.js';

export interface KeepProps {
  /** Heals what is still applied. */
  readonly target: Pick<Target, 'healFault'>;
  /** The target's keep. */
  readonly keep: () => Promise<string[]>;
  readonly timeline: readonly TimelineEntry[];
  readonly faults: ReadonlyMap<string, FaultRecord>;
  readonly log: Logger;
}

export async function keepTopologyUp(p: KeepProps): Promise<string[]> {
  for (const e of p.timeline) {
    const rec = p.faults.get(e.id);
    if (rec?.appliedAtMs === undefined || rec.healedAtMs !== undefined) continue;
    try {
      p.log({ kind: 'info', message: `healing ${e.id} before keeping the topology up: ${await p.target.healFault(e.id, e.fault)}` });
    } catch (err) {
      p.log({ kind: 'warn', message: `could not heal ${e.id}: ${String(err)}; it stays applied` });
    }
  }
  return [...(await p.keep()), 'stop it with: region-lab down'];
}

// `run --keep` on the local target: after the load the topology stays up (every fault
// still active is healed first), its processes outlive this one, and their pid files
// stay where `region-lab down` finds them. Says where everything listens.
import { releaseAll } from '../core/process.js';
import type { Logger } from '../core/log.js';
import type { Scenario } from '../scenario/schema.js';
import type { StartedLocalTopology } from '../targets/local/local-target.js';
import type { Topology } from '../topology/schema.js';
import type { RunDirs } from './run-dir.js';
import type { FaultRecord } from './timeline.js';

export interface KeepProps {
  readonly topology: Topology;
  readonly started: StartedLocalTopology;
  readonly scenario: Scenario;
  readonly faults: ReadonlyMap<string, FaultRecord>;
  readonly dirs: RunDirs;
  readonly log: Logger;
}

/** The addresses of a topology, one line each, as `run --keep` prints them. */
export function topologyAddresses(t: Topology): string[] {
  const lines: string[] = [];
  for (const r of t.regions) {
    const mw = r.middleware;
    lines.push(`${r.name}: entry http://${mw.entry.address}:${mw.entry.port} (load balancer ${mw.lb.address}:${mw.lb.port})`);
    mw.gateways.forEach((g, j) => lines.push(`  gateway ${j + 1}: http://${g.address}:${t.gateway.port}, admin http://${g.address}:${t.gateway.adminPort}/routes`));
    lines.push(`  nacos: http://${mw.nacos.address}:${mw.nacos.port}/nacos`);
    for (const s of r.business.services) lines.push(`  ${s.nacosService}: ${s.instances.join(', ')}`);
  }
  lines.push(`toxiproxy API: http://${t.toxiproxy.address}:${t.toxiproxy.port}/proxies`);
  return lines;
}

export async function keepTopologyUp(p: KeepProps): Promise<string[]> {
  for (const e of p.scenario.timeline) {
    const rec = p.faults.get(e.id);
    if (rec?.appliedAtMs === undefined || rec.healedAtMs !== undefined) continue;
    try {
      p.log({ kind: 'info', message: `healing ${e.id} before keeping the topology up: ${await p.started.healFault(e.id, e.fault)}` });
    } catch (err) {
      p.log({ kind: 'warn', message: `could not heal ${e.id}: ${String(err)}; it stays applied` });
    }
  }
  const n = releaseAll();
  p.dirs.keepState();
  return [`kept ${p.topology.name} up (${n} processes; logs keep going to ${p.dirs.logDir}):`, ...topologyAddresses(p.topology).map((l) => `  ${l}`), 'stop it with: region-lab down'];
}

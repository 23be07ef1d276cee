// instance-kill on the local target: one business instance dies (SIGKILL, so it never
// deregisters; the links into its address refuse, as a dead pod's port does) or hangs
// (SIGSTOP: the kernel still accepts connections into its backlog, nothing answers,
// no beat or gRPC health check goes out). Heal restarts it, or thaws it.
import type { Fault } from '../../chaos/fault.js';
import type { StartedProcess } from '../../core/process.js';
import { businessInstances } from '../../topology/instances.js';
import type { LinkPlan } from '../../topology/links.js';
import { bizCluster } from '../../topology/names.js';
import type { Topology } from '../../topology/schema.js';
import type { StartedToxiproxy } from './toxiproxy.js';

type InstanceKill = Extract<Fault, { kind: 'instance-kill' }>;

export interface InstanceKillEnv {
  readonly topology: Topology;
  readonly links: readonly LinkPlan[];
  readonly toxi: StartedToxiproxy;
  readonly processes: Map<string, StartedProcess>;
  /** Tells the supervisor a death is asked for, so the run goes on. */
  expectExit(name: string): void;
  restart(name: string): Promise<void>;
}

/** The component name and address of the instance a fault names (checked against the topology before the run). */
export function targetInstance(t: Topology, f: InstanceKill): { name: string; address: string } {
  const r = t.regions.find((x) => bizCluster(x.name) === f.cluster);
  const i = r && businessInstances(r).find((x) => !x.fallback && x.nacosService === f.service && x.index === f.instance);
  if (!r || !i) throw new Error(`no instance ${f.instance} of ${f.service} in ${f.cluster}`);
  return { name: i.name, address: i.address };
}

/** Every gateway's data link to that instance. */
const linksInto = (env: InstanceKillEnv, address: string) => env.links.filter((l) => l.role === 'data' && l.upstream === address);

export async function applyInstanceKill(env: InstanceKillEnv, f: InstanceKill): Promise<string> {
  const { name, address } = targetInstance(env.topology, f);
  const p = env.processes.get(name);
  if (f.mode === 'hang') {
    p?.signal('SIGSTOP');
    return `${name} (${address}) frozen: connections accepted, nothing answered, no registry heartbeat`;
  }
  const into = linksInto(env, address);
  await Promise.all(into.map((l) => env.toxi.setEnabled(l.name, false)));
  env.expectExit(name);
  p?.signal('SIGKILL');
  await p?.exited;
  return `${name} (${address}) killed without deregistering; ${into.length} links into it refuse connections`;
}

export async function healInstanceKill(env: InstanceKillEnv, f: InstanceKill): Promise<string> {
  const { name } = targetInstance(env.topology, f);
  const p = env.processes.get(name);
  if (f.mode === 'hang') {
    p?.signal('SIGCONT');
    return `${name} thawed`;
  }
  await Promise.all(linksInto(env, targetInstance(env.topology, f).address).map((l) => env.toxi.setEnabled(l.name, true)));
  if (p?.exitInfo()) await env.restart(name);
  return `${name} restarted and registered`;
}

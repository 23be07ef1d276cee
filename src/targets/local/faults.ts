// Applies and heals faults on the local target: link faults as Toxiproxy toxics or
// disabled proxies, black holes as kernel drop rules where the run may add them
// (black-hole.ts), process faults through the supervisor (kill, freeze, restart),
// service faults through the business instances' admin API. Every toxic and rule is
// named after its timeline entry, so healing removes exactly what applying added. A
// fault that kills a process tells the supervisor first, so only unasked deaths stop a run.
import { resolve } from 'node:path';
import type { StartedProcess } from '../../core/process.js';
import { describeFault, type Fault } from '../../chaos/fault.js';
import { adminUrlOf, businessInstances } from '../../topology/instances.js';
import { selectLinks, type LinkPlan } from '../../topology/links.js';
import { bizCluster, gatewayName, nacosName } from '../../topology/names.js';
import type { Topology } from '../../topology/schema.js';
import { latencyToxics } from '../../chaos/latency-toxics.js';
import { applyBlackHole, healBlackHole } from './black-hole.js';
import { applyInstanceKill, healInstanceKill } from './instance-kill.js';
import type { KernelDrop } from './kernel-drop.js';
import type { StartedToxiproxy, ToxicStream } from './toxiproxy.js';

export interface LocalFaultEnv {
  readonly topology: Topology;
  readonly links: readonly LinkPlan[];
  readonly toxi: StartedToxiproxy;
  /** Live processes by component name (business instances, gateways, nacos-<region>, nacos-sync). */
  readonly processes: Map<string, StartedProcess>;
  /** The routing manifests the gateways load now (absolute; McpBridge first); apply-manifest changes it. */
  manifests: string[];
  /** Manifests only one region's gateways load after `manifests`, by region; apply-manifest leaves them. */
  readonly regionManifests: Readonly<Record<string, readonly string[]>>;
  /** Each region's Higress controller admin URL (apply-manifest posts the new route set there). */
  readonly controllers: Readonly<Record<string, string>>;
  /** The run's nftables table for black holes; undefined: Toxiproxy approximates them. */
  readonly kernel?: KernelDrop | undefined;
  /** Starts a component again under the same name and waits until it is ready. */
  restart(name: string): Promise<void>;
  /** The next exit of this component is the fault's doing, not a failure of the run. */
  expectExit(name: string): void;
}

const streams = (d: 'both' | ToxicStream): ToxicStream[] => (d === 'both' ? ['upstream', 'downstream'] : [d]);

/** Business instances a service fault addresses: name → admin URL. */
function instancesOf(t: Topology, cluster: string, service: string | undefined): { name: string; admin: string }[] {
  const r = t.regions.find((x) => bizCluster(x.name) === cluster)!;
  return businessInstances(r)
    .filter((i) => !i.fallback && (service === undefined || i.nacosService === service))
    .map((i) => ({ name: i.name, admin: adminUrlOf(i.address) }));
}

async function setFailure(admin: string, body: object | undefined): Promise<void> {
  const res = await fetch(`${admin}/fail`, { method: body ? 'POST' : 'DELETE', body: body ? JSON.stringify(body) : undefined, signal: AbortSignal.timeout(3000) });
  if (!res.ok) throw new Error(`${admin}/fail answered ${res.status}: ${await res.text()}`);
}

async function toxics(env: LocalFaultEnv, id: string, links: LinkPlan[], type: string, dirs: ToxicStream[], attributes: Record<string, number>, add: boolean) {
  await Promise.all(links.flatMap((l) => dirs.map((d) => (add ? env.toxi.addToxic(l.name, `${id}-${d}`, type, d, attributes) : env.toxi.removeToxic(l.name, `${id}-${d}`)))));
}

function processesOfCluster(env: LocalFaultEnv, cluster: string): [string, StartedProcess][] {
  const r = env.topology.regions.find((x) => bizCluster(x.name) === cluster)!;
  return businessInstances(r).map((i) => i.name).flatMap((n) => (env.processes.has(n) ? [[n, env.processes.get(n)!] as [string, StartedProcess]] : []));
}

/** kubectl delete then apply, in every region at once: each controller translates the new set and pushes it to its gateways. */
async function changeManifests(env: LocalFaultEnv, remove: readonly string[], add: readonly string[]): Promise<string> {
  const gone = new Set(remove.map((m) => resolve(m)));
  const next = [...env.manifests.filter((m) => !gone.has(m)), ...add.map((m) => resolve(m)).filter((m) => !env.manifests.includes(m) || gone.has(m))];
  // each region keeps its own manifests after the shared ones, as each region's Higress keeps its own config
  const admins = env.topology.regions.map((r) => ({ url: `${env.controllers[r.name]}/manifests`, manifests: [...next, ...(env.regionManifests[r.name] ?? [])] }));
  const answers = await Promise.all(
    admins.map(async ({ url, manifests }) => {
      const res = await fetch(url, { method: 'POST', body: JSON.stringify({ manifests }), signal: AbortSignal.timeout(5000) });
      if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as { routes: number };
    }),
  );
  env.manifests.splice(0, env.manifests.length, ...next);
  return `${admins.length} regions' gateways now route with ${answers[0]?.routes ?? 0} routes`;
}

/** Applies a fault; returns what was done, in words, with the counts that matter. */
export async function applyLocalFault(env: LocalFaultEnv, id: string, f: Fault): Promise<string> {
  const what = describeFault(f);
  switch (f.kind) {
    case 'link-latency': {
      const ls = selectLinks(env.links, f.links);
      // named `${id}-upstream` / `${id}-downstream`, as healing removes them
      await Promise.all(ls.flatMap((l) => latencyToxics(f.latencyMs, f.jitterMs, id).map((t) => env.toxi.addToxic(l.name, t.name, t.type, t.stream, t.attributes))));
      return `${what}: ${ls.length} links`;
    }
    case 'partition': {
      const ls = selectLinks(env.links, f.links);
      if (f.mode === 'hard-down') {
        await Promise.all(ls.map((l) => env.toxi.setEnabled(l.name, false)));
        return `${what}: ${ls.length} links`;
      }
      return `${what}: ${ls.length} links, ${await applyBlackHole(env, id, ls, f.direction)}`;
    }
    case 'bandwidth':
    case 'slow-close': {
      const ls = selectLinks(env.links, f.links);
      const attrs: Record<string, number> = f.kind === 'bandwidth' ? { rate: f.rateKBps } : { delay: f.delayMs };
      await toxics(env, id, ls, f.kind === 'bandwidth' ? 'bandwidth' : 'slow_close', streams(f.direction), attrs, true);
      return `${what}: ${ls.length} links`;
    }
    case 'cluster-outage': {
      const into = selectLinks(env.links, { role: 'data', to: f.cluster });
      const procs = processesOfCluster(env, f.cluster);
      if (f.mode === 'hard') {
        await Promise.all(into.map((l) => env.toxi.setEnabled(l.name, false)));
        for (const [n, p] of procs) {
          env.expectExit(n);
          p.signal('SIGKILL');
        }
        await Promise.all(procs.map(([, p]) => p.exited));
        return `${what}: ${procs.length} instances killed without deregistering, ${into.length} links into it refuse connections`;
      }
      const how = await applyBlackHole(env, id, into, 'both');
      for (const [, p] of procs) p.signal('SIGSTOP');
      return `${what}: ${procs.length} instances frozen (no beats, no answers), ${into.length} links into it drop every packet, ${how}`;
    }
    case 'instance-kill':
      return `${what}: ${await applyInstanceKill(env, f)}`;
    case 'gateway-crash': {
      const name = gatewayName(f.region, f.instance);
      env.expectExit(name);
      env.processes.get(name)?.signal('SIGKILL');
      await env.processes.get(name)?.exited;
      return `${what}: ${name} killed`;
    }
    case 'nacos-outage': {
      const p = env.processes.get(nacosName(f.region));
      if (f.mode === 'kill') {
        env.expectExit(nacosName(f.region));
        p?.signal('SIGKILL');
        await p?.exited;
      } else p?.signal('SIGSTOP');
      return what;
    }
    case 'sync-cut': {
      const ls = selectLinks(env.links, { role: 'sync' });
      await Promise.all(ls.map((l) => env.toxi.setEnabled(l.name, false)));
      return `${what}: ${ls.length} sync links refuse connections`;
    }
    case 'apply-manifest':
      return `${what}: ${await changeManifests(env, f.delete, f.apply)}`;
    case 'instance-errors':
    case 'overload': {
      const targets = instancesOf(env.topology, f.cluster, f.service);
      const body = f.kind === 'instance-errors' ? { status: f.status, rate: f.rate } : { rate: 0, latencyMs: f.latencyMs, ...(f.maxConcurrent ? { maxConcurrent: f.maxConcurrent } : {}) };
      await Promise.all(targets.map((t) => setFailure(t.admin, body)));
      return `${what}: ${targets.length} instances`;
    }
  }
}

/** Heals a fault: undoes exactly what applyLocalFault did. Safe to call twice. */
export async function healLocalFault(env: LocalFaultEnv, id: string, f: Fault): Promise<string> {
  const what = describeFault(f);
  switch (f.kind) {
    case 'link-latency':
      await toxics(env, id, selectLinks(env.links, f.links), 'latency', ['upstream', 'downstream'], {}, false);
      return `${what} removed`;
    case 'partition':
      if (f.mode === 'hard-down') await Promise.all(selectLinks(env.links, f.links).map((l) => env.toxi.setEnabled(l.name, true)));
      else await healBlackHole(env, id, selectLinks(env.links, f.links), f.direction);
      return `${what} healed`;
    case 'bandwidth':
    case 'slow-close':
      await toxics(env, id, selectLinks(env.links, f.links), '', streams(f.direction), {}, false);
      return `${what} removed`;
    case 'cluster-outage': {
      const into = selectLinks(env.links, { role: 'data', to: f.cluster });
      const procs = processesOfCluster(env, f.cluster);
      if (f.mode === 'hard') {
        await Promise.all(into.map((l) => env.toxi.setEnabled(l.name, true)));
        await Promise.all(procs.map(([n, p]) => (p.exitInfo() ? env.restart(n) : undefined)));
        return `${f.cluster} back: links restored, ${procs.length} instances restarted and registered`;
      }
      for (const [, p] of procs) p.signal('SIGCONT');
      await healBlackHole(env, id, into, 'both');
      return `${f.cluster} back: ${procs.length} instances thawed, links pass bytes again`;
    }
    case 'instance-kill':
      return `${what} healed: ${await healInstanceKill(env, f)}`;
    case 'gateway-crash': {
      const name = gatewayName(f.region, f.instance);
      if (env.processes.get(name)?.exitInfo()) await env.restart(name);
      return `${name} restarted`;
    }
    case 'nacos-outage': {
      const name = nacosName(f.region);
      const p = env.processes.get(name);
      if (f.mode === 'freeze') p?.signal('SIGCONT');
      else if (p?.exitInfo()) await env.restart(name);
      return `${name} back`;
    }
    case 'sync-cut':
      await Promise.all(selectLinks(env.links, { role: 'sync' }).map((l) => env.toxi.setEnabled(l.name, true)));
      return 'registry sync restored';
    case 'apply-manifest':
      return `${what} undone: ${await changeManifests(env, f.apply, f.delete)}`;
    case 'instance-errors':
    case 'overload':
      await Promise.all(instancesOf(env.topology, f.cluster, f.service).map((t) => setFailure(t.admin, undefined)));
      return `${what} cleared`;
  }
}

// Faults on kind, as data → commands: each fault kind maps to the steps that apply it
// and the steps that heal it — Toxiproxy API calls in the middleware clusters (link
// faults), kubectl scale/delete/exec (processes), docker kill/pause/stop/start of a
// cluster's node container (whole clusters). docs/kind.md has the table. Besides the
// scenario's faults (chaos/fault.ts) it knows the kind-only scale-to-zero, pod-kill
// and region-outage the scenario schema can grow into.
import type { Fault } from '../../chaos/fault.js';
import { ProvisioningError } from '../../core/errors.js';
import { bizCluster, mwCluster } from '../../topology/names.js';
import { selectLinks } from '../../topology/links.js';
import { streams, ToxiproxyCalls } from './faults-links.js';
import { kindInstances, type KindInstance, type KindLink } from './links.js';
import { runtimeConfigPath } from './manifests-business.js';
import type { RegionSpec } from '../../topology/schema.js';
import type { ActionStep, CommandStep, WaitStep } from './plan.js';
import { ADMIN_PORT_OFFSET } from '../../topology/instances.js';
import { BUSINESS_NAMESPACE, MIDDLEWARE_NAMESPACE, kubeContext, nodeContainer } from './names.js';

export type KindFault =
  | Fault
  | { kind: 'scale-to-zero'; cluster: string; namespace: string; deployment: string; replicas: number }
  | { kind: 'pod-kill'; cluster: string; namespace: string; selector: string }
  | { kind: 'region-outage'; region: string };

export interface FaultContext {
  readonly links: readonly KindLink[];
  readonly regions: readonly RegionSpec[];
  /** Toxiproxy API base URL of a middleware cluster, from its kind port mapping. */
  readonly toxiproxyApi: (cluster: string) => string;
}

export interface FaultPlan {
  readonly apply: ActionStep[];
  readonly heal: ActionStep[];
}

const cmd = (cluster: string, title: string, tool: CommandStep['tool'], args: string[]): CommandStep => ({ kind: 'command', phase: 'timeline', cluster, title, tool, args });
const kubectl = (cluster: string, ns: string, title: string, args: string[]) => cmd(cluster, title, 'kubectl', ['--context', kubeContext(cluster), '-n', ns, ...args]);
const wait = (cluster: string, title: string, until: WaitStep['until'], timeoutMs: number): WaitStep => ({ kind: 'wait', phase: 'timeline', cluster, title, until, timeoutMs });
const waitNode = (c: string) => wait(c, `wait for ${c}'s node`, { what: 'nodes' }, 180_000);
const waitAvailable = (c: string, ns: string) => wait(c, 'wait for its Deployments', { what: 'deployments', namespace: ns }, 300_000);

export function planFault(f: KindFault, ctx: FaultContext): FaultPlan {
  const toxi = new ToxiproxyCalls(ctx.toxiproxyApi);
  const pick = (sel: Parameters<typeof selectLinks>[1]) => {
    const found = selectLinks(ctx.links, sel);
    if (found.length === 0) throw new ProvisioningError(`no kind link matches ${JSON.stringify(sel)}`);
    return found;
  };
  const region = (name: string) => ctx.regions.find((r) => r.name === name || bizCluster(r.name) === name) ?? fail(`no region or business cluster "${name}"`);
  const instances = (cluster: string, service?: string) => kindInstances(region(cluster)).filter((i) => service === undefined || i.nacosService === service);
  const admin = (cluster: string, i: KindInstance, method: 'POST' | 'DELETE', body?: unknown) => {
    // the admin API listens on the node IP only; the pod shares the node's network
    const js = `fetch('http://'+process.env.NODE_IP+':${i.port + ADMIN_PORT_OFFSET}/fail',{method:'${method}',headers:{'content-type':'application/json'}${body ? `,body:'${JSON.stringify(body)}'` : ''}}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`;
    return kubectl(cluster, BUSINESS_NAMESPACE, `${method === 'POST' ? 'make' : 'stop making'} ${i.id} fail`, ['exec', `deployment/${i.id}`, '--', 'node', '-e', js]);
  };

  switch (f.kind) {
    case 'link-latency': {
      const half = (ms: number) => Math.round(ms / 2);
      return toxi.toxic(pick(f.links), 'fault-latency', 'latency', ['upstream', 'downstream'], () => ({ latency: half(f.latencyMs), jitter: half(f.jitterMs) }));
    }
    case 'partition': {
      const links = pick(f.links);
      if (f.mode === 'hard-down') return { apply: toxi.setEnabled(links, false), heal: toxi.setEnabled(links, true) };
      // timeout 0: connects succeed, every byte is dropped until the toxic goes
      return toxi.toxic(links, 'fault-black-hole', 'timeout', streams(f.direction), () => ({ timeout: 0 }));
    }
    case 'bandwidth':
      return toxi.toxic(pick(f.links), 'fault-bandwidth', 'bandwidth', streams(f.direction), () => ({ rate: f.rateKBps }));
    case 'slow-close':
      return toxi.toxic(pick(f.links), 'fault-slow-close', 'slow_close', streams(f.direction), () => ({ delay: f.delayMs }));
    case 'sync-cut': {
      const links = pick({ role: 'sync' });
      return { apply: toxi.setEnabled(links, false), heal: toxi.setEnabled(links, true) };
    }
    case 'cluster-outage': {
      const into = pick({ role: 'data', to: f.cluster });
      const node = nodeContainer(f.cluster);
      if (f.mode === 'black-hole') {
        // frozen hosts: processes paused (no deregistration, no beats), links swallow bytes
        const t = toxi.toxic(into, 'fault-black-hole', 'timeout', ['upstream', 'downstream'], () => ({ timeout: 0 }));
        return { apply: [...t.apply, cmd(f.cluster, `freeze ${f.cluster}'s node`, 'docker', ['pause', node])], heal: [cmd(f.cluster, `thaw ${f.cluster}'s node`, 'docker', ['unpause', node]), ...t.heal] };
      }
      return {
        apply: [...toxi.setEnabled(into, false), cmd(f.cluster, `kill ${f.cluster}'s node (SIGKILL: no deregistration)`, 'docker', ['kill', '--signal', 'KILL', node])],
        heal: [cmd(f.cluster, `start ${f.cluster}'s node`, 'docker', ['start', node]), waitNode(f.cluster), waitAvailable(f.cluster, BUSINESS_NAMESPACE), ...toxi.setEnabled(into, true)],
      };
    }
    case 'instance-kill': {
      const i = instances(f.cluster, f.service)[f.instance - 1] ?? fail(`no instance ${f.instance} of ${f.service} in ${f.cluster}`);
      const node = nodeContainer(f.cluster);
      // the instance's own command line (its config file is named after it); the node sees every container's processes
      const pattern = `${runtimeConfigPath(i.id, 'config.json').replace(/\./g, '\\.')}$`;
      const signal = (sig: 'STOP' | 'CONT', title: string) => cmd(f.cluster, title, 'docker', ['exec', node, 'pkill', `-${sig}`, '-f', pattern]);
      if (f.mode === 'hang') return { apply: [signal('STOP', `freeze ${i.id}`)], heal: [signal('CONT', `thaw ${i.id}`)] };
      // frozen first, so no SIGTERM handler can deregister it; scaled to 0, the kubelet
      // SIGKILLs it when the 5 s grace ends and no replacement starts until the heal
      const into = ctx.links.filter((l) => l.role === 'data' && l.name.endsWith(`_${i.topologyAddress.replace(/:/g, '_')}`));
      return {
        apply: [...toxi.setEnabled(into, false), signal('STOP', `freeze ${i.id} so it cannot deregister`), kubectl(f.cluster, BUSINESS_NAMESPACE, `kill ${i.id} (no deregistration)`, ['scale', `deployment/${i.id}`, '--replicas=0'])],
        heal: [kubectl(f.cluster, BUSINESS_NAMESPACE, `start ${i.id} again`, ['scale', `deployment/${i.id}`, '--replicas=1']), kubectl(f.cluster, BUSINESS_NAMESPACE, `wait for ${i.id}`, ['rollout', 'status', `deployment/${i.id}`, '--timeout=180s']), ...toxi.setEnabled(into, true)],
      };
    }
    case 'gateway-crash': {
      // global.local runs one gateway pod per cluster, whatever the instance number
      const c = mwCluster(f.region);
      return {
        apply: [kubectl(c, MIDDLEWARE_NAMESPACE, 'crash the gateway', ['delete', 'pod', '-l', 'app=higress-gateway', '--grace-period=0', '--force', '--wait=false'])],
        heal: [wait(c, 'wait for the new gateway', { what: 'deployments', namespace: MIDDLEWARE_NAMESPACE, names: ['higress-gateway'] }, 300_000)],
      };
    }
    case 'nacos-outage': {
      const c = mwCluster(f.region);
      const node = nodeContainer(c);
      if (f.mode === 'freeze') {
        return { apply: [cmd(c, 'freeze Nacos', 'docker', ['exec', node, 'pkill', '-STOP', '-f', 'nacos-server'])], heal: [cmd(c, 'thaw Nacos', 'docker', ['exec', node, 'pkill', '-CONT', '-f', 'nacos-server'])] };
      }
      // scale to zero: the server goes, and its in-memory ephemeral instances with it
      return {
        apply: [kubectl(c, MIDDLEWARE_NAMESPACE, 'stop Nacos', ['scale', 'deployment/nacos', '--replicas=0'])],
        heal: [kubectl(c, MIDDLEWARE_NAMESPACE, 'start Nacos', ['scale', 'deployment/nacos', '--replicas=1']), wait(c, 'wait for Nacos', { what: 'deployments', namespace: MIDDLEWARE_NAMESPACE, names: ['nacos'] }, 600_000)],
      };
    }
    case 'instance-errors':
    case 'overload': {
      const body = f.kind === 'instance-errors' ? { status: f.status, rate: f.rate } : { status: 503, rate: 0, latencyMs: f.latencyMs };
      const list = instances(f.cluster, f.service);
      return { apply: list.map((i) => admin(f.cluster, i, 'POST', body)), heal: list.map((i) => admin(f.cluster, i, 'DELETE')) };
    }
    case 'apply-manifest': {
      // every middleware cluster; the manifests carry their own namespaces (no -n)
      const run = (verb: 'apply' | 'delete', files: readonly string[]) =>
        ctx.regions.flatMap((r) => files.map((file) => cmd(mwCluster(r.name), `${verb} ${file}`, 'kubectl', ['--context', kubeContext(mwCluster(r.name)), verb, '-f', file, ...(verb === 'delete' ? ['--ignore-not-found'] : [])])));
      return { apply: [...run('delete', f.delete), ...run('apply', f.apply)], heal: [...run('delete', f.apply), ...run('apply', f.delete)] };
    }
    case 'scale-to-zero':
      return {
        apply: [kubectl(f.cluster, f.namespace, `scale ${f.deployment} to 0`, ['scale', `deployment/${f.deployment}`, '--replicas=0'])],
        heal: [kubectl(f.cluster, f.namespace, `scale ${f.deployment} back`, ['scale', `deployment/${f.deployment}`, `--replicas=${f.replicas}`]), waitAvailable(f.cluster, f.namespace)],
      };
    case 'pod-kill':
      return {
        apply: [kubectl(f.cluster, f.namespace, `delete pods ${f.selector} at once`, ['delete', 'pod', '-l', f.selector, '--grace-period=0', '--force', '--wait=false'])],
        heal: [wait(f.cluster, 'wait for the replacements', { what: 'pods', namespace: f.namespace, selector: f.selector }, 180_000)],
      };
    case 'region-outage': {
      const r = region(f.region);
      const clusters = [mwCluster(r.name), bizCluster(r.name)];
      return { apply: clusters.map((c) => cmd(c, `stop ${c}'s node`, 'docker', ['stop', nodeContainer(c)])), heal: clusters.flatMap((c) => [cmd(c, `start ${c}'s node`, 'docker', ['start', nodeContainer(c)]), waitNode(c)]) };
    }
  }
}

function fail(message: string): never {
  throw new ProvisioningError(message);
}

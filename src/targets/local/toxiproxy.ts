// The Toxiproxy server and the links on it: one proxy per link (named after the link
// and the run id, so a proxy always says which run made it), latency as a toxic on
// both directions, and hard-down by disabling the proxy (connections refused).
import { join } from 'node:path';
import { Toxiproxy, type Proxy } from 'toxiproxy-node-client';
import { startProcess, type StartedProcess } from '../../core/process.js';
import { waitFor } from '../../core/ready.js';
import type { LinkPlan } from '../../topology/links.js';
import { latencyToxics } from '../../chaos/latency-toxics.js';
import type { LocalContext } from './run-context.js';

export type ToxicStream = 'upstream' | 'downstream';

/** The Toxiproxy proxy of a link in a run. */
export const proxyName = (link: string, runId: string): string => `${link}.${runId}`;

export interface StartedToxiproxy {
  readonly process: StartedProcess;
  /** The listener ("host:port") of a link. */
  listenOf(link: string): string;
  setEnabled(link: string, enabled: boolean): Promise<void>;
  /** Adds a named toxic (Toxiproxy types: latency, timeout, bandwidth, slow_close, reset_peer …). */
  addToxic(link: string, name: string, type: string, stream: ToxicStream, attributes: Record<string, number>): Promise<void>;
  /** Removes a toxic added with addToxic; a missing one is not an error (heal is idempotent). */
  removeToxic(link: string, name: string): Promise<void>;
  /** Changes a toxic's attributes in place (open connections get them too). */
  updateToxic(link: string, name: string, attributes: Record<string, number>): Promise<void>;
  stop(): Promise<void>;
}

export async function startToxiproxy(ctx: LocalContext, api: { address: string; port: number }, links: readonly LinkPlan[]): Promise<StartedToxiproxy> {
  const started = Date.now();
  ctx.log({ kind: 'start', component: 'toxiproxy', detail: `${api.address}:${api.port}, ${links.length} links` });
  const proc = startProcess({
    name: 'toxiproxy',
    runId: ctx.runId,
    command: ctx.tools.toxiproxy.path,
    args: ['-host', api.address, '-port', String(api.port)],
    env: { ...process.env, LOG_LEVEL: 'warn' },
    logFile: join(ctx.logDir, 'toxiproxy.log'),
    pidDir: ctx.pidDir,
  });
  ctx.cleanup.push('toxiproxy', () => proc.stop());
  const client = new Toxiproxy(`http://${api.address}:${api.port}`);
  await waitFor(async () => (proc.exitInfo() ? undefined : await client.getVersion()), {
    what: 'toxiproxy',
    timeoutMs: 15_000,
    logFile: proc.logFile,
    signal: ctx.signal,
    abort: () => (proc.exitInfo() ? `toxiproxy exited (${JSON.stringify(proc.exitInfo())})` : undefined),
  });

  const proxies = new Map<string, Proxy>();
  for (const l of links) {
    const p = await client.createProxy({ name: proxyName(l.name, ctx.runId), listen: l.listen ?? `${api.address}:0`, upstream: l.upstream, enabled: true });
    // the topology's figure is what a request/response pair adds, split over both directions
    if (l.latencyMs > 0) for (const t of latencyToxics(l.latencyMs, l.jitterMs)) await p.addToxic(t);
    proxies.set(l.name, p);
  }
  ctx.log({ kind: 'ready', component: 'toxiproxy', ms: Date.now() - started });

  const get = (link: string) => {
    const p = proxies.get(link);
    if (!p) throw new Error(`no link named ${link}; known: ${[...proxies.keys()].join(', ')}`);
    return p;
  };
  return {
    process: proc,
    listenOf: (link) => get(link).listen.replace(/^\[::\]|^0\.0\.0\.0/, api.address),
    async setEnabled(link, enabled) {
      const p = get(link);
      proxies.set(link, await p.update({ enabled, listen: p.listen, upstream: p.upstream }));
    },
    async addToxic(link, name, type, stream, attributes) {
      await get(link).addToxic({ name, type: type as 'latency', stream, toxicity: 1, attributes: attributes as never });
    },
    async removeToxic(link, name) {
      const res = await fetch(`http://${api.address}:${api.port}/proxies/${encodeURIComponent(get(link).name)}/toxics/${encodeURIComponent(name)}`, { method: 'DELETE' });
      if (!res.ok && res.status !== 404) throw new Error(`toxiproxy: removing ${name} from ${link} answered ${res.status}`);
    },
    async updateToxic(link, name, attributes) {
      const res = await fetch(`http://${api.address}:${api.port}/proxies/${encodeURIComponent(get(link).name)}/toxics/${encodeURIComponent(name)}`, { method: 'POST', body: JSON.stringify({ attributes }) });
      if (!res.ok) throw new Error(`toxiproxy: updating ${name} on ${link} answered ${res.status}: ${await res.text()}`);
    },
    stop: () => proc.stop(),
  };
}

// What each region's real Higress gateway believes about its Nacos endpoints, for the
// report's gateway lanes (the same endpoint-added / endpoint-removed events the local
// model writes): its Envoy admin (/clusters?format=json, on the pod's loopback) read
// every second through a port-forward (client-node) to the higress-gateway pod. One
// gateway pod per cluster (global.local), so its events carry gw-<region>-1.
import { appendFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CoreV1Api, PortForward } from '@kubernetes/client-node';
import type { Clock } from '../../core/clock.js';
import { eventLine, EVENTS_SUFFIX } from '../../core/component-events.js';
import { gatewayName } from '../../topology/names.js';
import { kubeConfigFor, type KubeAccessProps } from './kube.js';
import { MIDDLEWARE_NAMESPACE } from './names.js';

/** Envoy's admin port inside the gateway pod (Istio's proxy admin, loopback only). */
export const ENVOY_ADMIN_PORT = 15000;
const GATEWAY_SELECTOR = 'app=higress-gateway';

interface EnvoyClusters {
  cluster_statuses?: { name?: string; host_statuses?: { address?: { socket_address?: { address?: string; port_value?: number } } }[] }[];
}

/** Registry-backed clusters (Higress names them outbound|<port>||<service>.nacos) → their endpoint addresses. */
export function nacosEndpoints(doc: EnvoyClusters): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const c of doc.cluster_statuses ?? []) {
    const host = (c.name ?? '').split('||')[1];
    if (!host?.endsWith('.nacos')) continue;
    out.set(host, new Set((c.host_statuses ?? []).map((h) => `${h.address?.socket_address?.address}:${h.address?.socket_address?.port_value}`)));
  }
  return out;
}

export interface GatewayViewProps extends KubeAccessProps {
  readonly logDir: string;
  readonly clock: Clock;
  /** @default 1000 */
  readonly intervalMs?: number;
}

/** A local listener that forwards each connection to a pod's port. */
async function forward(cluster: string, pod: string, port: number, p: KubeAccessProps): Promise<Server> {
  const pf = new PortForward(kubeConfigFor(cluster, p));
  const server = createServer((socket) => {
    pf.portForward(MIDDLEWARE_NAMESPACE, pod, [port], socket, null, socket).catch(() => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** Polls every region's gateway until stopped; returns the stopper. */
export function watchGatewayEndpoints(regions: readonly { readonly region: string; readonly cluster: string }[], p: GatewayViewProps): { stop(): void } {
  const ctrl = new AbortController();
  for (const { region, cluster } of regions) void follow(region, cluster, p, ctrl.signal);
  return { stop: () => ctrl.abort() };
}

async function follow(region: string, cluster: string, p: GatewayViewProps, signal: AbortSignal): Promise<void> {
  const source = gatewayName(region, 1);
  const file = join(p.logDir, `${source}${EVENTS_SUFFIX}`);
  const emit = (kind: string, detail: Record<string, unknown>) => appendFileSync(file, eventLine({ t: p.clock.now(), source, kind, detail }));
  let seen = new Map<string, Set<string>>();
  let via: { pod: string; server: Server } | undefined;
  let unreachable = false;
  signal.addEventListener('abort', () => via?.server.close(), { once: true });
  while (!signal.aborted) {
    try {
      const pods = (await kubeConfigFor(cluster, p).makeApiClient(CoreV1Api).listNamespacedPod({ namespace: MIDDLEWARE_NAMESPACE, labelSelector: GATEWAY_SELECTOR })).items;
      const pod = pods.find((x) => x.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))?.metadata?.name;
      if (!pod) throw new Error('no Ready higress-gateway pod');
      if (via?.pod !== pod) {
        via?.server.close();
        via = { pod, server: await forward(cluster, pod, ENVOY_ADMIN_PORT, p) };
      }
      const res = await fetch(`http://127.0.0.1:${(via.server.address() as AddressInfo).port}/clusters?format=json`, { signal: AbortSignal.timeout(3000) });
      const now = nacosEndpoints((await res.json()) as EnvoyClusters);
      for (const [host, addrs] of now) for (const a of addrs) if (!seen.get(host)?.has(a)) emit('endpoint-added', { cluster: host, address: a, pod });
      for (const [host, addrs] of seen) for (const a of addrs) if (!now.get(host)?.has(a)) emit('endpoint-removed', { cluster: host, address: a, pod });
      seen = now;
      if (unreachable) emit('admin-reachable', { pod });
      unreachable = false;
    } catch (e) {
      if (signal.aborted) break;
      if (!unreachable) emit('admin-unreachable', { reason: (e as Error).message });
      unreachable = true;
      via?.server.close();
      via = undefined;
    }
    await p.clock.sleep(p.intervalMs ?? 1000, signal);
  }
  via?.server.close();
}

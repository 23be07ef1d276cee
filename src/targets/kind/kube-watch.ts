// The report's event lanes on kind: a watch (client-node) on each cluster's pods in the
// namespace that matters (Higress, Nacos, Toxiproxy in a middleware cluster; the demo
// services in a business one) and on the middleware clusters' EndpointSlices. Each
// change is one event line in logs/kube-<cluster>.events.jsonl, so the live report
// and `region-lab report` read them as they read the local components' events. A
// watch that breaks (a node killed by a fault takes its API server with it) says so
// and is re-established until the run stops; state is diffed, so a re-list adds no
// duplicate events.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { Watch } from '@kubernetes/client-node';
import type { Clock } from '../../core/clock.js';
import { eventLine, EVENTS_SUFFIX, type ComponentEvent } from '../../core/component-events.js';
import { kubeConfigFor, type KubeAccessProps } from './kube.js';

export interface WatchTarget {
  readonly cluster: string;
  readonly namespace: string;
  /** Also watch the namespace's EndpointSlices (Services' ready addresses). */
  readonly endpoints: boolean;
}

export interface KubeWatchProps extends KubeAccessProps {
  readonly logDir: string;
  readonly clock: Clock;
  /** @default 2000 */
  readonly retryMs?: number;
}

interface Obj {
  metadata?: { name?: string; labels?: Record<string, string> };
  status?: { conditions?: { type: string; status: string }[] };
  endpoints?: { addresses?: string[]; conditions?: { ready?: boolean } }[];
  ports?: { port?: number }[];
}

const podReady = (o: Obj) => o.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
const readyAddresses = (o: Obj) => {
  const port = o.ports?.[0]?.port;
  return (o.endpoints ?? []).filter((e) => e.conditions?.ready !== false).flatMap((e) => (e.addresses ?? []).map((a) => (port ? `${a}:${port}` : a)));
};

export interface StartedWatches {
  /** Ends every watch; idempotent. */
  stop(): void;
}

export function watchClusters(targets: readonly WatchTarget[], p: KubeWatchProps): StartedWatches {
  const ctrl = new AbortController();
  for (const t of targets) {
    const file = join(p.logDir, `kube-${t.cluster}${EVENTS_SUFFIX}`);
    const emit = (kind: string, detail: Record<string, unknown>) => {
      const e: ComponentEvent = { t: p.clock.now(), source: t.cluster, kind, detail };
      appendFileSync(file, eventLine(e));
    };
    const pods = new Map<string, boolean>();
    void follow(t, `/api/v1/namespaces/${t.namespace}/pods`, p, ctrl.signal, emit, (phase, o) => {
      const name = o.metadata?.name ?? '?';
      const was = pods.get(name);
      if (phase === 'DELETED') {
        if (was !== undefined) emit('pod-deleted', { pod: name });
        pods.delete(name);
        return;
      }
      const ready = podReady(o);
      if (was === undefined) emit('pod-added', { pod: name, ready });
      else if (was !== ready) emit(ready ? 'pod-ready' : 'pod-not-ready', { pod: name });
      pods.set(name, ready);
    });
    if (!t.endpoints) continue;
    const slices = new Map<string, Set<string>>();
    void follow(t, `/apis/discovery.k8s.io/v1/namespaces/${t.namespace}/endpointslices`, p, ctrl.signal, emit, (phase, o) => {
      const slice = o.metadata?.name ?? '?';
      const service = o.metadata?.labels?.['kubernetes.io/service-name'] ?? slice;
      const before = slices.get(slice) ?? new Set<string>();
      const now = new Set(phase === 'DELETED' ? [] : readyAddresses(o));
      for (const a of now) if (!before.has(a)) emit('endpoint-added', { service, address: a });
      for (const a of before) if (!now.has(a)) emit('endpoint-removed', { service, address: a });
      slices.set(slice, now);
    });
  }
  return { stop: () => ctrl.abort() };
}

/** One watch, re-established after it breaks until the signal aborts. */
async function follow(
  t: WatchTarget,
  path: string,
  p: KubeWatchProps,
  signal: AbortSignal,
  emit: (kind: string, d: Record<string, unknown>) => void,
  on: (phase: string, o: Obj) => void,
): Promise<void> {
  let lost = false;
  while (!signal.aborted) {
    const ended = new Promise<unknown>((resolve) => {
      new Watch(kubeConfigFor(t.cluster, p))
        .watch(path, {}, (phase, o: Obj) => on(phase, o), resolve)
        .then((req) => {
          if (lost) emit('watch-resumed', { path });
          lost = false;
          signal.addEventListener('abort', () => req.abort(), { once: true });
        }, resolve);
    });
    const err = await ended;
    if (signal.aborted) return;
    // a watch the server ends cleanly (its timeout) is simply renewed; an error is a lost API server
    if (!err) continue;
    if (!lost) emit('watch-lost', { path, reason: err instanceof Error ? err.message : String(err) });
    lost = true;
    await p.clock.sleep(p.retryMs ?? 2000, signal);
  }
}

// The gateway's event log: JSON lines appended to eventsFile, buffered and flushed
// at least every 200 ms and on close, so the hot path never waits on the disk.
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';

export type GatewayEvent =
  | { kind: 'ready'; registries: number; clusters: number; routes: number }
  | { kind: 'cluster-added'; cluster: string; endpoints: number }
  | { kind: 'cluster-removed'; cluster: string; reason: string }
  | { kind: 'endpoint-added'; cluster: string; address: string; weight: number; labels: Record<string, string> }
  | { kind: 'endpoint-removed'; cluster: string; address: string }
  | { kind: 'endpoints-stale'; cluster: string; endpoints: number; reason: string }
  /** Two registries serve one host: one ServiceEntry per host, the last registry to push replaces the other's endpoints. */
  | { kind: 'host-shared'; cluster: string; registries: string[]; reason: string }
  | { kind: 'registry-error'; registry: string; error: string; service?: string }
  | { kind: 'registry-recovered'; registry: string }
  | { kind: 'retry'; route: string; cluster: string; retry: number; host: string; reason: string; backoffMs: number }
  | { kind: 'manifest-ignored'; file: string; document: number; name: string; reason: string }
  /** Outlier detection ejected the host, or active health checking marked it unhealthy. */
  | { kind: 'host-ejected'; cluster: string; host: string; by: 'outlier-detection' | 'active-health-check'; reason: string; ejections?: number; ejectionMs?: number }
  | { kind: 'host-returned'; cluster: string; host: string; by: 'outlier-detection' | 'active-health-check' }
  /** Outlier detection would have ejected the host, but max_ejection_percent did not let it (Envoy's ejections_overflow). */
  | { kind: 'ejection-overflow'; cluster: string; host: string; reason: string; ejected: number; hosts: number; maxEjectionPercent: number }
  /** cluster_fallback picked a fallback cluster, or custom-http-errors redirected; `count` coalesces a second's worth. */
  | { kind: 'fallback-served'; route: string; cluster: string; fallback: string; reason: 'no-healthy-host' | 'custom-http-error'; count: number }
  /** Local rate limit answered 429; `count` coalesces a second's worth per route. */
  | { kind: 'rate-limited'; route: string; count: number }
  /** The admin's POST /manifests replaced the route table (region-lab's apply-manifest action). */
  | { kind: 'routes-reloaded'; files: string[]; routes: number };

export type EventSink = (e: GatewayEvent) => void;

export interface EventLog {
  readonly emit: EventSink;
  /** Writes what is buffered and closes the file. Idempotent. */
  close(): Promise<void>;
}

export const FLUSH_EVERY_MS = 200;

export function openEventLog(file: string, gateway: string, now: () => number = Date.now): EventLog {
  mkdirSync(dirname(file), { recursive: true });
  const stream: WriteStream = createWriteStream(file, { flags: 'a' });
  let buffer: string[] = [];
  let closing: Promise<void> | undefined;
  stream.on('error', (e) => process.stderr.write(`gateway ${gateway}: cannot write ${file}: ${e.message}\n`));
  const flush = () => {
    if (buffer.length === 0) return;
    stream.write(buffer.join(''));
    buffer = [];
  };
  const timer = setInterval(flush, FLUSH_EVERY_MS);
  timer.unref();
  return {
    emit: (e) => {
      if (closing) return;
      buffer.push(`${JSON.stringify({ t: now(), gateway, ...e })}\n`);
    },
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        clearInterval(timer);
        flush();
        stream.end(() => resolve());
      })),
  };
}

/** An in-memory sink for tests and for callers that want the events too. */
export function memoryEventLog(): EventLog & { readonly events: GatewayEvent[] } {
  const events: GatewayEvent[] = [];
  return { events, emit: (e) => events.push(e), close: async () => {} };
}

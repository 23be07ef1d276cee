// The echo backend every conformance case routes to: an HTTP server that answers
// with what it received (method, host, path, headers) and its own name, and records
// each request so the runner can count attempts and mirror copies. A request may
// ask for another status or a delay (x-echo-status, x-echo-delay-ms), for retry and
// timeout cases; a backend may be set to answer so by default.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The header the runner tags each request with, so attempts can be counted. */
export const REQUEST_ID_HEADER = 'x-conformance-id';
export const STATUS_HEADER = 'x-echo-status';
export const DELAY_HEADER = 'x-echo-delay-ms';

export interface Received {
  readonly backend: string;
  readonly instance: string;
  readonly id: string | undefined;
  readonly method: string;
  readonly host: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

/** Every request the case's echo backends received, in arrival order. */
export class Recorder {
  readonly received: Received[] = [];
  forId(id: string): Received[] {
    return this.received.filter((r) => r.id === id);
  }
}

export interface EchoProps {
  readonly backend: string;
  readonly instance: string;
  /** Loopback host to listen on. */
  readonly host: string;
  /** @default 0 (any free port) */
  readonly port?: number;
  /** @default 200 */
  readonly status?: number;
  /** @default 0 */
  readonly delayMs?: number;
  readonly recorder: Recorder;
}

export interface StartedEcho {
  readonly address: string;
  stop(): Promise<void>;
}

function headerInt(v: string | string[] | undefined, min: number, max: number): number | undefined {
  const n = Number(Array.isArray(v) ? v[0] : v);
  return v !== undefined && Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

export async function startEcho(p: EchoProps): Promise<StartedEcho> {
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    const id = req.headers[REQUEST_ID_HEADER];
    const seen: Received = {
      backend: p.backend,
      instance: p.instance,
      id: Array.isArray(id) ? id[0] : id,
      method: req.method ?? '',
      host: req.headers.host ?? '',
      path: req.url ?? '',
      headers: req.headers,
    };
    p.recorder.received.push(seen);
    req.resume();
    const status = headerInt(req.headers[STATUS_HEADER], 100, 599) ?? p.status ?? 200;
    const delay = headerInt(req.headers[DELAY_HEADER], 0, 60_000) ?? p.delayMs ?? 0;
    const answer = () => {
      if (res.destroyed) return;
      const body = JSON.stringify({ backend: p.backend, instance: p.instance, method: seen.method, host: seen.host, path: seen.path, headers: seen.headers });
      res.writeHead(status, { 'content-type': 'application/json', 'x-echo-backend': p.backend, 'x-echo-instance': p.instance });
      res.end(body);
    };
    if (delay === 0) return answer();
    const t = setTimeout(() => {
      timers.delete(t);
      answer();
    }, delay);
    timers.add(t);
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(p.port ?? 0, p.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let stopping: Promise<void> | undefined;
  return {
    address: `${p.host}:${port}`,
    stop: () =>
      (stopping ??= new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}

/** An address where nothing listens (a port taken and released): connections are refused. */
export async function deadAddress(host: string): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `${host}:${port}`;
}

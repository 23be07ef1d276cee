// Test helpers for the real Envoy data plane: the Envoy binary (installed or found by
// scripts/install-envoy.sh, idempotent), tiny Node echo backends whose answers a test
// can switch, and a steady load that accounts for every request it sends.
import { spawnSync } from 'node:child_process';
import { createServer, request, Agent, type Server } from 'node:http';

let binary: string | undefined;

/** The Envoy the install script gives (cached after the first run: ~0.1 s). */
export function envoyBinary(): string {
  if (binary) return binary;
  const r = spawnSync('bash', ['scripts/install-envoy.sh'], { encoding: 'utf8' });
  const line = r.stdout.trim();
  if (r.status !== 0 || !line) throw new Error(`no Envoy for the integration tests (exit ${r.status}): ${r.stderr.trim()}`);
  binary = line.split('\t')[0]!;
  return binary;
}

export type BackendMode = { readonly status: number; readonly healthStatus: number };

export interface Backend {
  readonly address: string;
  readonly port: number;
  /** "ip:port", what Envoy's x-served-by / upstream_host say. */
  readonly id: string;
  /** Requests it answered (health checks not counted). */
  readonly served: () => number;
  set(mode: Partial<BackendMode>): void;
  close(): Promise<void>;
}

/** An HTTP server answering `status` with x-served-by, and /health with `healthStatus`. */
export async function startBackend(address: string, port: number, mode: Partial<BackendMode> = {}): Promise<Backend> {
  let m: BackendMode = { status: 200, healthStatus: 200, ...mode };
  let served = 0;
  const id = `${address}:${port}`;
  const server: Server = createServer((req, res) => {
    req.resume();
    if (req.url === '/health') {
      res.writeHead(m.healthStatus).end();
      return;
    }
    served++;
    res.writeHead(m.status, { 'x-served-by': id, 'content-type': 'text/plain' }).end(`${id}\n`);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, address, () => resolve()));
  return {
    address,
    port,
    id,
    served: () => served,
    set: (x) => void (m = { ...m, ...x }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Answer {
  readonly status: number;
  readonly servedBy: string;
  readonly headers: Record<string, string | string[] | undefined>;
}

/** One GET; a transport error comes back as status 0 with the error's code. */
export function get(address: string, port: number, path = '/', agent?: Agent): Promise<Answer> {
  return new Promise((resolve) => {
    const req = request({ host: address, port, path, agent, timeout: 10_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, servedBy: String(res.headers['x-served-by'] ?? ''), headers: res.headers }));
    });
    req.on('timeout', () => req.destroy(new Error('ETIMEDOUT')));
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ status: 0, servedBy: e.code ?? e.message, headers: {} }));
    req.end();
  });
}

export interface LoadResult {
  readonly sent: number;
  /** Every request sent, with when it was sent (ms since the load began) and its outcome. */
  readonly answers: readonly (Answer & { readonly atMs: number })[];
}

/** `rate` GETs per second for `durationMs` on keep-alive connections; waits for every answer. */
export async function steadyLoad(address: string, port: number, rate: number, durationMs: number): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 32 });
  const started = Date.now();
  const pending: Promise<Answer & { atMs: number }>[] = [];
  let sent = 0;
  while (Date.now() - started < durationMs) {
    const due = Math.floor(((Date.now() - started) * rate) / 1000);
    for (; sent < due; sent++) {
      const atMs = Date.now() - started;
      pending.push(get(address, port, '/', agent).then((a) => ({ ...a, atMs })));
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  const answers = await Promise.all(pending);
  agent.destroy();
  return { sent, answers };
}

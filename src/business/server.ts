// The demo business service's HTTP side: every answer says who served it
// (x-served-region, x-served-cluster, x-served-instance), and an admin API makes it
// fail on command (status, error rate, added latency, hang).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { failureModeSchema, type BusinessConfig, type FailureMode } from './config.js';

export interface BusinessServers {
  readonly data: Server;
  readonly admin: Server;
  /** Requests answered so far, for tests and the admin /stats. */
  readonly served: () => number;
  close(): Promise<void>;
}

export function createBusinessServers(cfg: BusinessConfig, random: () => number = Math.random): BusinessServers {
  let failure: FailureMode | undefined;
  let served = 0;
  let inFlight = 0;
  const hung = new Set<ServerResponse>();

  const answer = (req: IncomingMessage, res: ServerResponse) => {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-served-region': cfg.region,
      'x-served-cluster': cfg.cluster,
      'x-served-instance': cfg.instance,
    };
    if (cfg.fallback) headers['x-fallback'] = 'true';
    const f = failure;
    const shed = f?.maxConcurrent !== undefined && inFlight >= f.maxConcurrent;
    const failing = shed || (f !== undefined && random() < f.rate);
    inFlight++;
    const send = () => {
      inFlight--;
      served++;
      const status = shed ? 503 : failing ? f!.status : 200;
      res.writeHead(status, headers);
      res.end(JSON.stringify({ app: cfg.app, region: cfg.region, cluster: cfg.cluster, instance: cfg.instance, path: req.url, status }));
    };
    if (failing && !shed && f!.hang) {
      hung.add(res);
      res.on('close', () => {
        hung.delete(res);
        inFlight--;
      });
      return;
    }
    const delay = shed ? 0 : (f?.latencyMs ?? 0);
    if (delay > 0) setTimeout(send, delay);
    else send();
  };

  const data = createServer((req, res) => {
    req.resume();
    req.on('end', () => answer(req, res));
  });
  data.keepAliveTimeout = 60_000;

  const admin = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const reply = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      if (req.url === '/healthz') return reply(200, { ok: true });
      if (req.url === '/stats') return reply(200, { served, failure: failure ?? null });
      if (req.url === '/fail' && req.method === 'POST') {
        let raw: unknown;
        try {
          raw = body ? JSON.parse(body) : {};
        } catch {
          return reply(400, { error: 'body is not JSON' });
        }
        const parsed = failureModeSchema.safeParse(raw);
        if (!parsed.success) return reply(400, { error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
        failure = parsed.data;
        return reply(200, { failure });
      }
      if (req.url === '/fail' && req.method === 'DELETE') {
        failure = undefined;
        for (const r of hung) r.destroy();
        return reply(200, { failure: null });
      }
      reply(404, { error: 'admin API: GET /healthz, GET /stats, POST /fail {status, rate, latencyMs, hang}, DELETE /fail' });
    });
  });

  return {
    data,
    admin,
    served: () => served,
    async close() {
      for (const r of hung) r.destroy();
      data.closeAllConnections();
      admin.closeAllConnections();
      await Promise.all([new Promise((r) => data.close(() => r(undefined))), new Promise((r) => admin.close(() => r(undefined)))]);
    },
  };
}

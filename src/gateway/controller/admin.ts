// The controller's admin port: GET /ready (200 once discovery's first pass is
// pushed), GET /endpoints (service host → endpoint addresses, what discovery holds),
// POST /manifests {"manifests": [paths]} (region-lab's apply-manifest: a new route
// set, pushed to every gateway).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EndpointSpec } from '../xds/endpoint-spec.js';

export interface ControllerAdminContext {
  readonly ready: () => boolean;
  readonly endpoints: () => ReadonlyMap<string, readonly EndpointSpec[]>;
  readonly reload: (files: readonly string[]) => Promise<{ routes: number; ignored: number }>;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, null, 2);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function controllerAdmin(ctx: ControllerAdminContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'POST' && path === '/manifests') {
      let body = '';
      req.setEncoding('utf8').on('data', (c: string) => (body += c));
      req.on('end', () => {
        let files: unknown;
        try {
          files = (JSON.parse(body) as { manifests?: unknown }).manifests;
        } catch {
          return json(res, 400, { error: 'body must be JSON: {"manifests": ["/abs/path.yaml", …]}' });
        }
        if (!Array.isArray(files) || files.length === 0 || !files.every((f) => typeof f === 'string')) return json(res, 400, { error: 'body must be {"manifests": ["/abs/path.yaml", …]}' });
        ctx.reload(files as string[]).then(
          (r) => json(res, 200, r),
          (e: unknown) => json(res, 400, { error: e instanceof Error ? e.message : String(e) }),
        );
      });
      return;
    }
    if (req.method !== 'GET') return json(res, 405, { error: 'GET only (and POST /manifests)' });
    if (path === '/ready') return json(res, ctx.ready() ? 200 : 503, { ready: ctx.ready() });
    if (path === '/endpoints') return json(res, 200, Object.fromEntries([...ctx.endpoints()].map(([h, eps]) => [h, eps.map((e) => e.address)])));
    json(res, 404, { error: `unknown admin path ${path}`, paths: ['/ready', '/endpoints', 'POST /manifests'] });
  };
}

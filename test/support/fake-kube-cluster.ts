// Test helper: one fake Kubernetes API server (a kind cluster's), on loopback in the
// tests' own range: lists of Deployments, nodes, pods and EndpointSlices and their
// watches as streamed JSON lines, and port-forwards over the v4.channel.k8s.io
// WebSocket protocol to a stand-in for a pod's port. It records every request, and can
// be stopped and started again on the same port, as a node a fault kills takes its API
// server along. fake-kube-api.ts puts one per cluster behind a kubeconfig.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

type Obj = { metadata: { name: string; namespace?: string; labels?: Record<string, string>; generation?: number }; [k: string]: unknown };
type Kind = 'deployments' | 'pods' | 'endpointslices' | 'nodes';

const deployment = (ns: string, name: string, ready: boolean): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: ns, generation: 1 },
  spec: { replicas: 1 },
  status: { observedGeneration: 1, replicas: 1, updatedReplicas: 1, availableReplicas: ready ? 1 : 0, conditions: [{ type: 'Available', status: ready ? 'True' : 'False' }] },
});
const pod = (ns: string, name: string, ready: boolean, labels: Record<string, string>): Obj => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns, labels },
  status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
});
const node = (name: string, labels: Record<string, string> = {}): Obj => ({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels }, status: { conditions: [{ type: 'Ready', status: 'True' }] } });
const slice = (ns: string, name: string, service: string, addresses: readonly string[], port: number): Obj => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name, namespace: ns, labels: { 'kubernetes.io/service-name': service } },
  addressType: 'IPv4',
  ports: [{ port }],
  endpoints: addresses.map((a) => ({ addresses: [a], conditions: { ready: true } })),
});

export class FakeCluster {
  /** "GET /api/v1/nodes", "WATCH /api/v1/namespaces/x/pods" … in arrival order. */
  readonly requests: string[] = [];
  private readonly objects = new Map<string, Obj>();
  private readonly watchers = new Set<{ kind: Kind; ns: string | undefined; res: ServerResponse }>();
  /** "pod:port" → where its stand-in listens. */
  private readonly forwards = new Map<string, { host: string; port: number }>();
  private readonly sockets = new Set<WebSocket>();
  private server: Server | undefined;
  port = 0;

  constructor(
    readonly name: string,
    readonly host: string,
  ) {
    this.put('nodes', undefined, node(`region-lab-${name}-control-plane`));
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => this.handle(req, res));
    const wss = new WebSocketServer({ noServer: true, handleProtocols: (offered) => (offered.has('v4.channel.k8s.io') ? 'v4.channel.k8s.io' : false) });
    this.server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const m = /^\/api\/v1\/namespaces\/[^/]+\/pods\/([^/]+)\/portforward$/.exec(url.pathname);
      const port = Number(url.searchParams.get('ports'));
      this.requests.push(`PORTFORWARD ${url.pathname}?ports=${port}`);
      const to = m ? this.forwards.get(`${m[1]}:${port}`) : undefined;
      if (!to) return socket.destroy();
      wss.handleUpgrade(req, socket, head, (ws) => this.pipe(ws, port, to));
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, this.host, resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** A pod's port is served by this address (a fake Envoy admin, say). */
  forwardTo(pod: string, port: number, to: { host: string; port: number }): void {
    this.forwards.set(`${pod}:${port}`, to);
  }

  /** The portforward protocol: each stream's first frame carries the port; data on stream 0, errors on 1. */
  private pipe(ws: WebSocket, port: number, to: { host: string; port: number }): void {
    this.sockets.add(ws);
    const header = (stream: number) => Buffer.from([stream, port & 0xff, (port >> 8) & 0xff]);
    ws.send(header(0));
    ws.send(header(1));
    const tcp = connect(to.port, to.host);
    tcp.on('data', (d: Buffer) => ws.send(Buffer.concat([Buffer.from([0]), d])));
    tcp.on('close', () => ws.close());
    tcp.on('error', () => ws.close());
    ws.on('message', (d: Buffer) => d[0] === 0 && tcp.write(d.subarray(1)));
    ws.on('close', () => {
      this.sockets.delete(ws);
      tcp.destroy();
    });
  }

  /** The API server goes away (its node was killed): open watches break, new calls are refused. */
  async stop(): Promise<void> {
    for (const w of this.watchers) w.res.destroy();
    this.watchers.clear();
    for (const ws of this.sockets) ws.terminate();
    const s = this.server;
    this.server = undefined;
    if (s) await new Promise((r) => s.close(r));
  }

  setDeployment(ns: string, name: string, ready = true): void {
    this.put('deployments', ns, deployment(ns, name, ready));
  }

  setPod(ns: string, name: string, ready = true, labels: Record<string, string> = {}): void {
    this.put('pods', ns, pod(ns, name, ready, labels));
  }

  deletePod(ns: string, name: string): void {
    this.remove('pods', ns, name);
  }

  setEndpoints(ns: string, service: string, addresses: readonly string[], port = 8848): void {
    this.put('endpointslices', ns, slice(ns, `${service}-abcde`, service, addresses, port));
  }

  setNodeLabel(key: string, value: string): void {
    const n = [...this.list('nodes', undefined)][0]!;
    n.metadata.labels = { ...n.metadata.labels, [key]: value };
  }

  private key = (kind: Kind, ns: string | undefined, name: string) => `${kind}/${ns ?? ''}/${name}`;

  private put(kind: Kind, ns: string | undefined, o: Obj): void {
    const k = this.key(kind, ns, o.metadata.name);
    const type = this.objects.has(k) ? 'MODIFIED' : 'ADDED';
    this.objects.set(k, o);
    this.notify(kind, ns, type, o);
  }

  private remove(kind: Kind, ns: string | undefined, name: string): void {
    const k = this.key(kind, ns, name);
    const o = this.objects.get(k);
    if (!o) return;
    this.objects.delete(k);
    this.notify(kind, ns, 'DELETED', o);
  }

  private list(kind: Kind, ns: string | undefined): Obj[] {
    return [...this.objects.entries()].filter(([k]) => k.startsWith(`${kind}/${ns ?? ''}/`)).map(([, o]) => o);
  }

  private notify(kind: Kind, ns: string | undefined, type: string, o: Obj): void {
    for (const w of this.watchers) if (w.kind === kind && w.ns === ns) w.res.write(`${JSON.stringify({ type, object: o })}\n`);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://x');
    const m = /^\/(?:api\/v1|apis\/apps\/v1|apis\/discovery\.k8s\.io\/v1)(?:\/namespaces\/([^/]+))?\/(deployments|pods|endpointslices|nodes)$/.exec(url.pathname);
    const watch = url.searchParams.get('watch') === 'true';
    this.requests.push(`${watch ? 'WATCH' : req.method} ${url.pathname}${url.searchParams.get('labelSelector') ? `?labelSelector=${url.searchParams.get('labelSelector')}` : ''}`);
    if (!m || req.method !== 'GET') {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ kind: 'Status', status: 'Failure', reason: 'NotFound', code: 404 }));
      return;
    }
    const [, ns, kind] = m as unknown as [string, string | undefined, Kind];
    // equality selectors (k=v,k2=v2), the only kind the target uses
    const selector = (url.searchParams.get('labelSelector') ?? '')
      .split(',')
      .filter(Boolean)
      .map((t) => t.split('=') as [string, string]);
    const items = this.list(kind, ns).filter((o) => selector.every(([k, v]) => o.metadata.labels?.[k] === v));
    if (watch) {
      res.writeHead(200, { 'content-type': 'application/json' });
      for (const o of items) res.write(`${JSON.stringify({ type: 'ADDED', object: o })}\n`);
      const w = { kind, ns, res };
      this.watchers.add(w);
      req.on('close', () => this.watchers.delete(w));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '1' }, items }));
  }
}

// Test helper: a stand-in for a Higress gateway pod's Envoy admin, answering
// /clusters?format=json in Envoy's shape with the Nacos-backed clusters the test sets,
// so the kind target's gateway view (read through a port-forward) has something to see.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export class FakeEnvoyAdmin {
  private readonly clusters = new Map<string, readonly string[]>();
  private server: Server | undefined;
  readonly requests: string[] = [];
  port = 0;

  constructor(readonly host: string) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.requests.push(req.url ?? '');
      const cluster_statuses = [...this.clusters].map(([host, addrs]) => ({
        name: `outbound|8080||${host}`,
        added_via_api: true,
        host_statuses: addrs.map((a) => ({
          address: { socket_address: { address: a.split(':')[0], port_value: Number(a.split(':')[1]) } },
          health_status: { eds_health_status: 'HEALTHY' },
          weight: 1,
        })),
      }));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ cluster_statuses }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, this.host, resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** The endpoints Envoy holds for a registry service host, e.g. user-service-south.DEFAULT-GROUP.public.nacos. */
  set(host: string, addresses: readonly string[]): void {
    this.clusters.set(host, addresses);
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (s) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
  }
}

// Registers a case's Nacos echo instances in the suite's Nacos over gRPC (as Spring
// Cloud Alibaba on Nacos 2.x does): ephemeral instances tied to the connection, so
// closing the connections at the end of the case removes them at once and the next
// case starts from a clean registry even when it reuses the service names.
import { NacosGrpcClient } from '../registry/nacos-grpc/client.js';

/** The suite's Nacos: McpBridge registries in cases name this domain and port. */
export const SUITE_NACOS = { host: '127.0.80.2', port: 8848 } as const;

export interface NacosInstanceToRegister {
  readonly service: string;
  readonly group: string;
  readonly namespace: string;
  readonly address: string;
  readonly weight?: number;
  readonly metadata: Readonly<Record<string, string>>;
}

export interface NacosRegistrations {
  /** Deregisters and closes every connection. Idempotent. */
  close(): Promise<void>;
}

export async function registerInNacos(nacosAddress: string, clientIp: string, instances: readonly NacosInstanceToRegister[]): Promise<NacosRegistrations> {
  const clients = new Map<string, NacosGrpcClient>();
  const done: { client: NacosGrpcClient; i: NacosInstanceToRegister; ip: string; port: number }[] = [];
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      // deregister first so the removal does not wait for Nacos to notice the closed connection
      await Promise.allSettled(done.map((d) => d.client.deregisterInstance(d.i.service, d.i.group, { ip: d.ip, port: d.port })));
      for (const c of clients.values()) c.close();
    })());
  try {
    for (const i of instances) {
      let client = clients.get(i.namespace);
      if (!client) {
        client = new NacosGrpcClient({ address: nacosAddress, namespace: i.namespace, clientIp });
        clients.set(i.namespace, client);
        await client.start();
      }
      const [ip, port] = i.address.split(':');
      await client.registerInstance(i.service, i.group, { ip: ip!, port: Number(port), metadata: { ...i.metadata }, ...(i.weight === undefined ? {} : { weight: i.weight }) });
      done.push({ client, i, ip: ip!, port: Number(port) });
    }
  } catch (e) {
    await close();
    throw e;
  }
  return { close };
}

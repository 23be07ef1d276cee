// Registers a case's Nacos echo instances in the suite's Nacos over gRPC (as Spring
// Cloud Alibaba on Nacos 2.x does), one connection per instance as each application
// instance has its own (a Nacos 2.x connection holds one instance per service: a
// second registration replaces the first): ephemeral instances tied to the connection, so
// closing the connections at the end of the case removes them at once and the next
// case starts from a clean registry even when it reuses the service names. Nacos
// answers queries and new subscriptions from a service cache it refreshes
// asynchronously, so registration waits until that cache shows exactly the case's
// instances: the gateway then starts on settled data, as Higress's e2e framework
// waits for eventual consistency.
import { ReadinessTimeoutError } from '../core/errors.js';
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

/** Waits until every registered service's cached instance list is exactly what the case registered. */
async function settled(clients: ReadonlyMap<string, NacosGrpcClient>, instances: readonly NacosInstanceToRegister[], timeoutMs: number): Promise<void> {
  const want = new Map<string, { namespace: string; service: string; group: string; addresses: Set<string> }>();
  for (const i of instances) {
    const k = `${i.namespace}/${i.group}/${i.service}`;
    const w = want.get(k) ?? { namespace: i.namespace, service: i.service, group: i.group, addresses: new Set<string>() };
    w.addresses.add(i.address);
    want.set(k, w);
  }
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (const w of want.values()) {
    for (;;) {
      const info = await clients.get(w.namespace)!.queryInstances(w.service, w.group);
      const seen = new Set(info.hosts.map((h) => `${h.ip}:${h.port}`));
      if (seen.size === w.addresses.size && [...w.addresses].every((a) => seen.has(a))) break;
      last = `${w.service}@${w.group} in ${w.namespace} lists ${[...seen].join(', ') || 'nothing'}, expected ${[...w.addresses].join(', ')}`;
      if (Date.now() > deadline) throw new ReadinessTimeoutError('the suite Nacos\'s instance lists', timeoutMs, last);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

export async function registerInNacos(nacosAddress: string, clientIp: string, instances: readonly NacosInstanceToRegister[], settleTimeoutMs = 10_000): Promise<NacosRegistrations> {
  const clients: NacosGrpcClient[] = [];
  const byNamespace = new Map<string, NacosGrpcClient>();
  const done: { client: NacosGrpcClient; i: NacosInstanceToRegister; ip: string; port: number }[] = [];
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      // deregister first so the removal does not wait for Nacos to notice the closed connection
      await Promise.allSettled(done.map((d) => d.client.deregisterInstance(d.i.service, d.i.group, { ip: d.ip, port: d.port })));
      for (const c of clients) c.close();
    })());
  try {
    for (const i of instances) {
      const client = new NacosGrpcClient({ address: nacosAddress, namespace: i.namespace, clientIp });
      clients.push(client);
      byNamespace.set(i.namespace, client);
      await client.start();
      const [ip, port] = i.address.split(':');
      await client.registerInstance(i.service, i.group, { ip: ip!, port: Number(port), metadata: { ...i.metadata }, ...(i.weight === undefined ? {} : { weight: i.weight }) });
      done.push({ client, i, ip: ip!, port: Number(port) });
    }
    await settled(byNamespace, instances, settleTimeoutMs);
  } catch (e) {
    await close();
    throw e;
  }
  return { close };
}

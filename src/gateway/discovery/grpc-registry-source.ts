// Nacos over gRPC as Higress's nacos2 watcher reads it through nacos-sdk-go v2: one
// naming client per registry (bound to nacosNamespaceId), the service list by
// ServiceListRequest, instance changes by subscription push. Selected by the gateway
// config's `discovery.protocol: grpc`.
import { NacosGrpcClient } from '../../registry/nacos-grpc/client.js';
import type { ServiceInfo } from '../../registry/nacos-grpc/types.js';
import type { RegistrySpec } from '../translation/mcpbridge.js';
import type { RegistryInstance, RegistrySource } from './registry-source.js';

export interface GrpcSourceOptions {
  /** @default 3000 (nacosTimeout's SDK default) */
  readonly timeoutMs?: number;
  /** @default 5000 */
  readonly healthCheckMs?: number;
}

const instancesOf = (info: ServiceInfo): RegistryInstance[] =>
  (info.hosts ?? []).map((h) => ({ ip: h.ip, port: h.port, weight: h.weight, healthy: h.healthy, enabled: h.enabled, metadata: h.metadata ?? {} }));

/** `dialFor` maps the McpBridge domain:port (the HTTP port) to what to dial; gRPC goes to that port + 1000. */
export function grpcRegistrySource(dialFor: (address: string) => string, o: GrpcSourceOptions = {}): RegistrySource {
  const clients = new Map<string, NacosGrpcClient>();
  const listeners: ((registry: string, error?: string) => void)[] = [];
  let closed = false;

  const clientFor = async (r: RegistrySpec): Promise<NacosGrpcClient> => {
    let c = clients.get(r.name);
    if (!c) {
      c = new NacosGrpcClient({
        address: dialFor(r.address),
        namespace: r.namespaceId,
        ...o,
        onEvent: (e) => {
          if (e.kind === 'disconnected') for (const l of listeners) l(r.name, `gRPC connection lost: ${e.reason}`);
          if (e.kind === 'connected' && e.reconnect) for (const l of listeners) l(r.name);
        },
      });
      clients.set(r.name, c);
      if (closed) c.close();
      // a first connect that fails rejects this call; the client keeps reconnecting
      await c.start();
    }
    return c;
  };

  return {
    // GetAllServicesInfo passes NameSpace = nacosNamespace (defaults to the id)
    listServices: async (r, group) => (await clientFor(r)).listServices(group, r.namespace),
    listInstances: async (r, service, group) => instancesOf(await (await clientFor(r)).queryInstances(service, group)),

    async subscribe(r, service, group, onPush) {
      const client = await clientFor(r);
      let held = -1;
      // service_info_holder.go ProcessService: a push not newer than the cached one is dropped
      const deliver = (info: ServiceInfo) => {
        if (info.lastRefTime <= held) return;
        held = info.lastRefTime;
        onPush(instancesOf(info));
      };
      deliver(await client.subscribe(service, group, deliver));
      return () => void client.unsubscribe(service, group, deliver).catch(() => {});
    },

    onStatus: (l) => void listeners.push(l),

    close() {
      closed = true;
      for (const c of clients.values()) c.close();
    },
  };
}

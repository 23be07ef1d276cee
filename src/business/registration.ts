// How a demo business instance registers with Nacos: "http-v1" = the npm `nacos`
// client (HTTP v1, client beats every 5 s; removed ~30 s after the beats stop), or
// "grpc" = a Nacos 2.x gRPC connection as Spring Cloud Alibaba on Nacos 2.x does
// (removed at once when the connection closes, ~20–28 s after a silent hang).
import { NacosNamingClient } from 'nacos';
import { NacosGrpcClient } from '../registry/nacos-grpc/client.js';
import type { BusinessConfig } from './config.js';

export type Log = (level: string, ...args: unknown[]) => void;

export interface Registration {
  /** Keeps trying until registered: a Nacos behind a cut link must not kill the service. */
  register(): Promise<void>;
  /** Deregisters (clean shutdown), then closes the client. */
  stop(): Promise<void>;
}

export function registration(cfg: BusinessConfig, log: Log): Registration {
  const instance = { ip: cfg.listen.host, port: cfg.listen.port, weight: 1, healthy: true, enabled: true, ephemeral: true, metadata: cfg.metadata };
  const service = cfg.nacosService;
  const group = cfg.nacos.group;
  const ops = cfg.registration === 'grpc' ? grpcOps(cfg, log) : httpOps(cfg, log);
  return {
    async register() {
      await ops.ready().catch((e: Error) => log('WARN', `Nacos client not connected yet: ${e.message}`));
      for (let attempt = 1; ; attempt++) {
        try {
          await ops.register(service, group, instance);
          log('INFO', `registered ${service} ${instance.ip}:${instance.port} with Nacos at ${cfg.nacos.address} over ${cfg.registration}`);
          return;
        } catch (e) {
          log('WARN', `register attempt ${attempt} failed: ${(e as Error).message}`);
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
    },
    async stop() {
      try {
        await ops.deregister(service, group, instance);
      } catch (e) {
        log('WARN', `deregister failed: ${(e as Error).message}`);
      }
      await ops.close();
    },
  };
}

type Instance = { ip: string; port: number; weight: number; healthy: boolean; enabled: boolean; ephemeral: boolean; metadata: Record<string, string> };
interface Ops {
  ready(): Promise<void>;
  register(service: string, group: string, i: Instance): Promise<void>;
  deregister(service: string, group: string, i: Instance): Promise<void>;
  close(): Promise<void>;
}

function httpOps(cfg: BusinessConfig, log: Log): Ops {
  // the nacos client logs printf-style ("%s registering %j")
  const logger = { info: (...a: unknown[]) => log('INFO', ...a), warn: (...a: unknown[]) => log('WARN', ...a), error: (...a: unknown[]) => log('ERROR', ...a), debug: () => {} } as unknown as Console;
  const client = new NacosNamingClient({ logger, serverList: cfg.nacos.address, namespace: cfg.nacos.namespace });
  return {
    ready: () => client.ready(),
    // no weight: the HTTP mode registers exactly what it always did (the client's default)
    register: (s, g, { weight: _, ...i }) => client.registerInstance(s, { instanceId: '', ...i }, g),
    deregister: (s, g, { weight: _, ...i }) => client.deregisterInstance(s, { instanceId: '', ...i }, g),
    close: () => (client as unknown as { close(): Promise<void> }).close(),
  };
}

function grpcOps(cfg: BusinessConfig, log: Log): Ops {
  const client = new NacosGrpcClient({
    address: cfg.nacos.address,
    namespace: cfg.nacos.namespace,
    clientIp: cfg.listen.host,
    onEvent: (e) => log(e.kind === 'connected' ? 'INFO' : 'WARN', `nacos gRPC ${e.kind}: ${JSON.stringify(e)}`),
  });
  return {
    ready: () => client.start(),
    register: (s, g, i) => client.registerInstance(s, g, i),
    deregister: (s, g, i) => client.deregisterInstance(s, g, i),
    close: async () => client.close(),
  };
}

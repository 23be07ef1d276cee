// A small client for Nacos's HTTP v1 naming API, the protocol the npm `nacos`
// client, NacosSync's 1.4.x client and HTTP-beat services speak. Used by the sync
// agent and the gateway's discovery (which stands in for Higress's gRPC watcher).
import { request } from 'node:http';

export interface NacosInstance {
  readonly ip: string;
  readonly port: number;
  readonly weight: number;
  readonly healthy: boolean;
  readonly enabled: boolean;
  readonly ephemeral: boolean;
  readonly clusterName: string;
  readonly metadata: Readonly<Record<string, string>>;
}

export interface NacosTarget {
  /** Where to connect, "host:port" (may be a Toxiproxy listener). */
  readonly address: string;
  /** @default public */
  readonly namespaceId?: string;
  /** @default 3000 */
  readonly timeoutMs?: number;
}

export class NacosHttpError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** One HTTP call to Nacos; rejects on a non-2xx answer or transport error. */
export function nacosCall(target: NacosTarget, method: string, path: string, params: Record<string, string | number | boolean>): Promise<string> {
  const [host, port] = target.address.split(':');
  const qs = new URLSearchParams(Object.entries({ namespaceId: target.namespaceId ?? 'public', ...params }).map(([k, v]): [string, string] => [k, String(v)]));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host,
        port: Number(port),
        method,
        path: `/nacos${path}?${qs}`,
        timeout: target.timeoutMs ?? 3000,
        // the Java client's agent: Nacos treats it as a client it may push to
        headers: { 'User-Agent': 'Nacos-Java-Client:v1.4.7', Connection: 'close' },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => {
          if ((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300) resolve(body);
          else reject(new NacosHttpError(`nacos ${method} ${path} answered ${res.statusCode}: ${body.slice(0, 200)}`, res.statusCode));
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new NacosHttpError(`nacos ${method} ${path} timed out after ${target.timeoutMs ?? 3000} ms`)));
    req.on('error', (e) => reject(e instanceof NacosHttpError ? e : new NacosHttpError(`nacos ${method} ${path}: ${e.message}`)));
    req.end();
  });
}

/** Service names of one group, every page. */
export async function listServices(target: NacosTarget, groupName: string): Promise<string[]> {
  const names: string[] = [];
  for (let page = 1; ; page++) {
    const body = JSON.parse(await nacosCall(target, 'GET', '/v1/ns/service/list', { pageNo: page, pageSize: 50, groupName })) as { count: number; doms: string[] };
    names.push(...body.doms);
    if (body.doms.length < 50 || names.length >= body.count) return names;
  }
}

/** Every instance of a service, healthy or not (what a subscriber's push carries). */
export async function listInstances(target: NacosTarget, serviceName: string, groupName: string): Promise<NacosInstance[]> {
  const body = JSON.parse(await nacosCall(target, 'GET', '/v1/ns/instance/list', { serviceName, groupName, healthyOnly: false })) as { hosts?: NacosInstance[] };
  return (body.hosts ?? []).map((h) => ({
    ip: h.ip,
    port: h.port,
    weight: h.weight,
    healthy: h.healthy,
    enabled: h.enabled,
    ephemeral: h.ephemeral,
    clusterName: h.clusterName,
    metadata: h.metadata ?? {},
  }));
}

export interface Registration {
  readonly serviceName: string;
  readonly groupName: string;
  readonly ip: string;
  readonly port: number;
  readonly weight?: number;
  readonly clusterName?: string;
  readonly metadata: Readonly<Record<string, string>>;
}

export async function registerInstance(target: NacosTarget, r: Registration): Promise<void> {
  await nacosCall(target, 'POST', '/v1/ns/instance', {
    serviceName: r.serviceName,
    groupName: r.groupName,
    ip: r.ip,
    port: r.port,
    weight: r.weight ?? 1,
    clusterName: r.clusterName ?? 'DEFAULT',
    ephemeral: true,
    metadata: JSON.stringify(r.metadata),
  });
}

/** The client beat that keeps an ephemeral HTTP-registered instance alive. */
export async function beat(target: NacosTarget, r: Registration): Promise<void> {
  const beatInfo = { serviceName: `${r.groupName}@@${r.serviceName}`, ip: r.ip, port: r.port, cluster: r.clusterName ?? 'DEFAULT', weight: r.weight ?? 1, metadata: r.metadata, scheduled: false };
  await nacosCall(target, 'PUT', '/v1/ns/instance/beat', { serviceName: r.serviceName, groupName: r.groupName, ip: r.ip, port: r.port, beat: JSON.stringify(beatInfo) });
}

export async function deregisterInstance(target: NacosTarget, r: Registration): Promise<void> {
  await nacosCall(target, 'DELETE', '/v1/ns/instance', {
    serviceName: r.serviceName,
    groupName: r.groupName,
    ip: r.ip,
    port: r.port,
    clusterName: r.clusterName ?? 'DEFAULT',
    ephemeral: true,
  });
}

export async function serverUp(target: NacosTarget): Promise<boolean> {
  const body = await nacosCall(target, 'GET', '/v1/ns/operator/metrics', {});
  return (JSON.parse(body) as { status?: string }).status === 'UP';
}

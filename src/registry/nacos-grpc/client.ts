// A Nacos 2.x naming client over gRPC, shaped like nacos-sdk-go's naming_grpc proxy
// on its RpcClient: one connection, a HealthCheckRequest every 5 s, reconnect with
// back-off when it is lost, then redo (re-register, re-subscribe) as the SDK's
// ConnectionEventListener.OnConnected does.
import { GrpcConnection } from './connection.js';
import { NacosGrpcError, type GrpcInstance, type InstanceInput, type NacosGrpcClientOptions, type NacosResponse, type PushListener, type ServiceInfo } from './types.js';

export type { InstanceInput, NacosGrpcClientOptions, PushListener } from './types.js';

const key = (service: string, group: string) => `${group}@@${service}`;

export class NacosGrpcClient {
  private conn: GrpcConnection | undefined;
  private connecting: Promise<GrpcConnection> | undefined;
  private stopped = false;
  private everConnected = false;
  private timer: NodeJS.Timeout | undefined;
  private lastError: string | undefined;
  private readonly registered = new Map<string, { service: string; group: string; instance: GrpcInstance }>();
  private readonly subscribed = new Map<string, { service: string; group: string; listeners: Set<PushListener> }>();
  readonly namespace: string;

  constructor(private readonly o: NacosGrpcClientOptions) {
    this.namespace = o.namespace ?? 'public';
  }

  /** Connects; if Nacos is not there within the timeout, rejects but keeps trying in the background. */
  async start(): Promise<void> {
    this.scheduleHealthCheck();
    await this.connection();
  }

  async registerInstance(service: string, group: string, input: InstanceInput): Promise<void> {
    const instance: GrpcInstance = { weight: 1, healthy: true, enabled: true, ephemeral: true, clusterName: 'DEFAULT', metadata: {}, ...input };
    // cached before the call, as the SDK does, so a registration lost to a reconnect is redone
    this.registered.set(`${key(service, group)}#${instance.ip}:${instance.port}`, { service, group, instance });
    await this.call('InstanceRequest', { ...this.naming(service, group), type: 'registerInstance', instance });
  }

  /** type "deregisterInstance" (NamingRemoteConstants.DE_REGISTER_INSTANCE; Nacos refuses other casings). */
  async deregisterInstance(service: string, group: string, input: InstanceInput): Promise<void> {
    const k = `${key(service, group)}#${input.ip}:${input.port}`;
    const instance = this.registered.get(k)?.instance ?? { clusterName: 'DEFAULT', ephemeral: true, ...input };
    this.registered.delete(k);
    await this.call('InstanceRequest', { ...this.naming(service, group), type: 'deregisterInstance', instance });
  }

  /** Subscribes; resolves with the current ServiceInfo (not passed to the listener: the caller holds it). */
  async subscribe(service: string, group: string, listener: PushListener): Promise<ServiceInfo> {
    const k = key(service, group);
    const sub = this.subscribed.get(k) ?? { service, group, listeners: new Set<PushListener>() };
    sub.listeners.add(listener);
    this.subscribed.set(k, sub);
    const r = await this.call<{ serviceInfo: ServiceInfo }>('SubscribeServiceRequest', { ...this.naming(service, group), subscribe: true, clusters: '' });
    return r.serviceInfo;
  }

  async unsubscribe(service: string, group: string, listener?: PushListener): Promise<void> {
    const sub = this.subscribed.get(key(service, group));
    if (listener) sub?.listeners.delete(listener);
    if (sub && sub.listeners.size > 0) return;
    this.subscribed.delete(key(service, group));
    await this.call('SubscribeServiceRequest', { ...this.naming(service, group), subscribe: false, clusters: '' });
  }

  /** ServiceQueryRequest: the current instances, healthy or not, without subscribing. */
  async queryInstances(service: string, group: string): Promise<ServiceInfo> {
    const r = await this.call<{ serviceInfo: ServiceInfo }>('ServiceQueryRequest', { ...this.naming(service, group), cluster: '', healthyOnly: false, udpPort: 0 });
    return r.serviceInfo;
  }

  /** GetAllServicesInfo: every page of one group's service names in a namespace. */
  async listServices(group: string, namespace = this.namespace): Promise<string[]> {
    const names: string[] = [];
    for (let pageNo = 1; ; pageNo++) {
      const r = await this.call<{ count: number; serviceNames: string[] | null }>('ServiceListRequest', { namespace, serviceName: '', groupName: group, module: 'naming', pageNo, pageSize: 50, selector: '' });
      const page = r.serviceNames ?? [];
      names.push(...page);
      if (page.length < 50 || names.length >= r.count) return names;
    }
  }

  /** Closes the connection without deregistering: the server drops this client's instances at once. */
  close(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.conn?.close();
    this.conn = undefined;
  }

  private naming(service: string, group: string) {
    return { namespace: this.namespace, serviceName: service, groupName: group, module: 'naming' };
  }

  private async call<T>(type: string, body: Record<string, unknown>): Promise<T & NacosResponse> {
    return (await this.connection()).request<T>(type, body);
  }

  /**
   * The live connection, or the (re)connect loop's result; a caller waits at most one
   * request timeout for it, as nacos-sdk-go's request retry does, while the loop goes on.
   */
  private connection(): Promise<GrpcConnection> {
    if (this.stopped) return Promise.reject(new NacosGrpcError('client closed'));
    if (this.conn && !this.conn.isClosed) return Promise.resolve(this.conn);
    this.connecting ??= this.reconnectLoop().finally(() => (this.connecting = undefined));
    const ms = this.o.timeoutMs ?? 3000;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new NacosGrpcError(`no connection to Nacos at ${this.o.address} within ${ms} ms${this.lastError ? ` (${this.lastError})` : ''}`)), ms)));
    return Promise.race([this.connecting, late]).finally(() => clearTimeout(timer));
  }

  /** rpc_client.go reconnect: try until connected (or closed), sleeping min(turn, 50) × 100 ms between tries. */
  private async reconnectLoop(): Promise<GrpcConnection> {
    for (let turn = 1; ; turn = Math.min(turn + 1, 50)) {
      if (this.stopped) throw new NacosGrpcError('client closed');
      try {
        const conn = await this.open();
        if (this.stopped) throw (conn.close(), new NacosGrpcError('client closed'));
        if (conn.isClosed) throw new NacosGrpcError('connection closed during setup');
        const reconnect = this.everConnected;
        this.conn = conn;
        this.everConnected = true;
        this.lastError = undefined;
        this.o.onEvent?.({ kind: 'connected', connectionId: conn.connectionId, reconnect });
        if (reconnect) void this.redo(conn);
        return conn;
      } catch (e) {
        if (this.stopped) throw e;
        this.lastError = (e as Error).message;
        await new Promise((r) => setTimeout(r, turn * 100));
      }
    }
  }

  private async open(): Promise<GrpcConnection> {
    const [host, port] = this.o.address.split(':');
    let self: GrpcConnection | undefined = undefined;
    self = await GrpcConnection.open({
      target: `${host}:${Number(port) + 1000}`,
      clientIp: this.o.clientIp ?? '127.0.0.1',
      tenant: this.namespace,
      labels: { source: 'sdk', module: 'naming' },
      clientVersion: 'Nacos-Go-Client:v2.3.5', // what Higress 2.2's SDK reports
      timeoutMs: this.o.timeoutMs ?? 3000,
      onPush: (body) => this.push(body['serviceInfo'] as ServiceInfo | undefined),
      // only the current connection's loss counts; one lost during setup just fails the attempt
      onClosed: (reason) => self !== undefined && this.conn === self && this.lost(reason),
    });
    return self;
  }

  private lost(reason: string): void {
    this.conn = undefined;
    if (this.stopped) return;
    this.o.onEvent?.({ kind: 'disconnected', reason });
    void this.connection().catch(() => {});
  }

  private push(info: ServiceInfo | undefined): void {
    for (const l of (info && this.subscribed.get(key(info.name, info.groupName))?.listeners) || []) l(info!);
  }

  /** connection_event_listener.go OnConnected: re-subscribe (answers go to the listeners), then re-register. */
  private async redo(conn: GrpcConnection): Promise<void> {
    const fail = (what: string, e: unknown) => this.o.onEvent?.({ kind: 'redo-failed', what, error: (e as Error).message });
    for (const s of this.subscribed.values()) {
      const r = await conn.request<{ serviceInfo: ServiceInfo }>('SubscribeServiceRequest', { ...this.naming(s.service, s.group), subscribe: true, clusters: '' }).catch((e) => fail(`subscribe ${s.service}`, e));
      if (r) this.push(r.serviceInfo);
    }
    for (const r of this.registered.values())
      await conn.request('InstanceRequest', { ...this.naming(r.service, r.group), type: 'registerInstance', instance: r.instance }).catch((e) => fail(`register ${r.service}`, e));
  }

  /** rpc_client.go healthCheck: a failed HealthCheckRequest drops the connection and reconnects. */
  private scheduleHealthCheck(): void {
    this.timer = setTimeout(async () => {
      const conn = this.conn;
      if (conn && !conn.isClosed) {
        try {
          await conn.request('HealthCheckRequest', { module: 'internal', requestId: '' });
        } catch (e) {
          if (this.conn === conn) (conn.close(), this.lost(`health check failed: ${(e as Error).message}`));
        }
      }
      if (!this.stopped) this.scheduleHealthCheck();
    }, this.o.healthCheckMs ?? 5000);
    this.timer.unref();
  }
}

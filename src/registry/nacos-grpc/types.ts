// JSON shapes of the Nacos 2.x request/response classes this client sends and reads
// (com.alibaba.nacos.api.naming.pojo / remote.request / remote.response, as Jackson
// writes them: the JSON keys are the Java field names), and the client's options.

/** naming.pojo.Instance; the server fills instanceId and the heart-beat fields. */
export interface GrpcInstance {
  readonly instanceId?: string;
  readonly ip: string;
  readonly port: number;
  readonly weight: number;
  readonly healthy: boolean;
  readonly enabled: boolean;
  readonly ephemeral: boolean;
  readonly clusterName: string;
  readonly serviceName?: string;
  readonly metadata: Readonly<Record<string, string>>;
}

/** naming.pojo.ServiceInfo: what SubscribeServiceResponse and NotifySubscriberRequest carry. */
export interface ServiceInfo {
  /** The plain service name. */
  readonly name: string;
  readonly groupName: string;
  readonly clusters?: string;
  readonly hosts: readonly GrpcInstance[];
  /** Server time of this snapshot; the SDKs drop a push older than what they hold. */
  readonly lastRefTime: number;
}

/** remote.response.Response, the base of every answer. */
export interface NacosResponse {
  readonly resultCode: number;
  readonly errorCode: number;
  readonly success?: boolean;
  readonly message?: string | null;
  readonly requestId?: string | null;
}

export class NacosGrpcError extends Error {
  constructor(
    message: string,
    /** Nacos errorCode (e.g. 301 UN_REGISTER) or undefined for transport failures. */
    readonly errorCode?: number,
  ) {
    super(message);
  }
}

/** Requests the server sends down the bi-stream; each is answered with its *Response. */
export const SERVER_REQUESTS = ['ConnectResetRequest', 'ClientDetectionRequest', 'SetupAckRequest', 'NotifySubscriberRequest'] as const;

/** Connection state changes a client reports (the SDKs' OnConnected / OnDisConnect). */
export type ClientEvent =
  | { readonly kind: 'connected'; readonly connectionId: string; readonly reconnect: boolean }
  | { readonly kind: 'disconnected'; readonly reason: string }
  | { readonly kind: 'redo-failed'; readonly what: string; readonly error: string };

export interface NacosGrpcClientOptions {
  /** Nacos HTTP address "host:port"; gRPC is dialled at port + 1000, as the SDKs do. */
  readonly address: string;
  /** Namespace id. @default "public" */
  readonly namespace?: string;
  /** Sent in every payload's metadata (the SDKs send the local IP). @default 127.0.0.1 */
  readonly clientIp?: string;
  /** @default 3000 (nacos-sdk-go DEFAULT_TIMEOUT_MILLS) */
  readonly timeoutMs?: number;
  /** @default 5000 (nacos-sdk-go KEEP_ALIVE_TIME) */
  readonly healthCheckMs?: number;
  onEvent?(e: ClientEvent): void;
}

export type PushListener = (info: ServiceInfo) => void;
export type InstanceInput = Partial<GrpcInstance> & { ip: string; port: number };

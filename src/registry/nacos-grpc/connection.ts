// One Nacos 2.x gRPC connection, set up as nacos-sdk-go's GrpcClient.connectToServer
// does: ServerCheckRequest (unary) → open the bi-stream → ConnectionSetupRequest on
// it → wait for SetupAckRequest. Server requests on the stream are answered with
// their *Response; NotifySubscriberRequest is handed to the owner.
import { Client, credentials, Metadata, type ClientDuplexStream } from '@grpc/grpc-js';
import { decodePayload, encodePayload, type Payload } from './proto.js';
import { NacosGrpcError, type NacosResponse } from './types.js';

export interface ConnectionOptions {
  /** gRPC address "host:port" (HTTP port + 1000). */
  readonly target: string;
  readonly clientIp: string;
  /** Namespace id the connection is bound to (ConnectionSetupRequest.tenant). */
  readonly tenant: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly clientVersion: string;
  readonly timeoutMs: number;
  /** A server push (NotifySubscriberRequest body). */
  onPush(body: Record<string, unknown>): void;
  /** The stream ended, failed or the server asked for a reset; called once. */
  onClosed(reason: string): void;
}

/** Java's client waits up to 3 s for SetupAckRequest before using the connection. */
const SETUP_ACK_WAIT_MS = 3000;

export class GrpcConnection {
  private closed = false;

  private constructor(
    private readonly o: ConnectionOptions,
    private readonly client: Client,
    private readonly stream: ClientDuplexStream<Payload, Payload>,
    readonly connectionId: string,
  ) {}

  static async open(o: ConnectionOptions): Promise<GrpcConnection> {
    // a channel of its own: grpc-js otherwise shares subchannels (TCP connections) between
    // clients with the same target, and Nacos identifies a connection by its TCP peer
    const client = new Client(o.target, credentials.createInsecure(), { 'grpc.use_local_subchannel_pool': 1, 'grpc.max_receive_message_length': 10 * 1024 * 1024 });
    try {
      const check = await unary<{ connectionId: string }>(client, o, 'ServerCheckRequest', {}, o.timeoutMs);
      const stream = client.makeBidiStreamRequest('/BiRequestStream/requestBiStream', encodePayload, decodePayload, new Metadata(), {});
      const conn = new GrpcConnection(o, client, stream, check.connectionId);
      const acked = new Promise<void>((resolve) => {
        conn.onSetupAck = resolve;
        setTimeout(resolve, SETUP_ACK_WAIT_MS).unref();
      });
      stream.on('data', (p: Payload) => conn.serverRequest(p));
      stream.on('error', (e: Error) => conn.lost(`stream error: ${e.message}`));
      stream.on('end', () => conn.lost('stream completed by the server'));
      // an empty abilityTable still makes the server answer with SetupAckRequest
      stream.write(payload(o, 'ConnectionSetupRequest', { clientVersion: o.clientVersion, tenant: o.tenant, labels: o.labels, abilityTable: {}, requestId: '', module: 'internal' }));
      await acked;
      if (conn.closed) throw new NacosGrpcError(`connection ${check.connectionId} closed during setup`);
      return conn;
    } catch (e) {
      client.close();
      throw e;
    }
  }

  private onSetupAck: () => void = () => {};

  /** One unary request; rejects on transport failure or a non-200 resultCode. */
  request<T>(type: string, body: Record<string, unknown>, timeoutMs = this.o.timeoutMs): Promise<T & NacosResponse> {
    if (this.closed) return Promise.reject(new NacosGrpcError(`${type}: connection ${this.connectionId} is closed`));
    return unary<T>(this.client, this.o, type, body, timeoutMs);
  }

  /** Closes the TCP connection: the server removes this connection's instances and subscriptions at once. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stream.cancel();
    this.client.close();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private lost(reason: string): void {
    if (this.closed) return;
    this.close();
    this.onSetupAck(); // a connection refused during setup (server still starting) stops the wait
    this.o.onClosed(reason);
  }

  private serverRequest(p: Payload): void {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(p.body.toString('utf8')) as Record<string, unknown>;
    } catch {
      return; // the SDKs log and drop an unparsable request
    }
    if (!p.type.endsWith('Request')) return; // a stray response: nothing waits for one here
    const ack = { requestId: body['requestId'] ?? '', resultCode: 200, errorCode: 0, success: true, message: null };
    if (p.type === 'NotifySubscriberRequest') this.o.onPush(body);
    if (!this.closed) this.stream.write(payload(this.o, p.type.replace(/Request$/, 'Response'), ack));
    if (p.type === 'SetupAckRequest') this.onSetupAck();
    // ConnectResetRequest: the SDKs switch to a (new) server; here, reconnect to the same one
    if (p.type === 'ConnectResetRequest') setImmediate(() => this.lost('server sent ConnectResetRequest'));
  }
}

function payload(o: ConnectionOptions, type: string, body: Record<string, unknown>): Payload {
  return { type, clientIp: o.clientIp, headers: {}, body: Buffer.from(JSON.stringify(body), 'utf8') };
}

function unary<T>(client: Client, o: ConnectionOptions, type: string, body: Record<string, unknown>, timeoutMs: number): Promise<T & NacosResponse> {
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest('/Request/request', encodePayload, decodePayload, payload(o, type, body), new Metadata(), { deadline: Date.now() + timeoutMs }, (err, res) => {
      if (err || !res) return reject(new NacosGrpcError(`${type} to ${o.target}: ${err?.message ?? 'no response'}`));
      let parsed: T & NacosResponse;
      try {
        parsed = JSON.parse(res.body.toString('utf8')) as T & NacosResponse;
      } catch {
        return reject(new NacosGrpcError(`${type}: unparsable ${res.type}`));
      }
      if (parsed.resultCode !== 200) return reject(new NacosGrpcError(`${type} answered ${res.type} ${parsed.errorCode}: ${parsed.message ?? ''}`, parsed.errorCode));
      resolve(parsed);
    });
  });
}

// One endpoint's HTTP/2 sessions (one per SNI), as Envoy's HTTP/2 connection pool
// keeps them: multiplexed, closed when idle, their errors kept for the streams.
import { connect, type ClientHttp2Session, type SecureClientSessionOptions } from 'node:http2';

export class H2Pool {
  private readonly sessions = new Map<string, ClientHttp2Session>();
  /** The error that ended a session, kept here so attempts need no listener of their own. */
  private readonly errors = new WeakMap<ClientHttp2Session, NodeJS.ErrnoException>();
  constructor(private readonly idleMs: number) {}

  /** The live session for `key` (the SNI), or a new one. */
  session(key: string, authority: string, opts: SecureClientSessionOptions): ClientHttp2Session {
    const held = this.sessions.get(key);
    if (held && !held.closed && !held.destroyed) return held;
    const s = connect(authority, opts);
    this.sessions.set(key, s);
    s.setTimeout(this.idleMs, () => s.close());
    s.on('close', () => this.sessions.get(key) === s && this.sessions.delete(key));
    s.on('error', (e: NodeJS.ErrnoException) => this.errors.set(s, e)); // surfaced through the streams
    return s;
  }

  errorOf(s: ClientHttp2Session): NodeJS.ErrnoException | undefined {
    return this.errors.get(s);
  }

  close(): void {
    for (const s of this.sessions.values()) s.destroy();
    this.sessions.clear();
  }
}

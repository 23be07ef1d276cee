// A listener read back into what the model opens: an address, and per filter chain
// the route configuration its HTTP connection manager names over RDS; for HTTPS, the
// server each chain presents (SNI name, certificate, client-certificate CA, TLS
// versions, ciphers). The HTTP filters must be the ones the model emulates.
import { FILTER } from '../../../xds/envoy-names.js';
import type { TlsServer, TlsVersion } from '../../../xds/tls-server.js';
import { Fields, UnsupportedConfigError } from './fields.js';

export interface DecodedChain {
  /** The HTTPS server of this chain; undefined on a plaintext listener. */
  readonly tls?: TlsServer;
  readonly routeConfig: string;
}

export interface DecodedListener {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly chains: readonly DecodedChain[];
}

const EMULATED_FILTERS: ReadonlySet<string> = new Set([FILTER.cors, FILTER.rbac, FILTER.localRateLimit, FILTER.customResponse, FILTER.router]);
const VERSION: Readonly<Record<string, TlsVersion>> = { TLSv1_0: 'TLSv1', TLSv1_1: 'TLSv1.1', TLSv1_2: 'TLSv1.2', TLSv1_3: 'TLSv1.3' };

function decodeHcm(v: unknown, where: string): string {
  const f = Fields.of(v, where);
  if (f.str('name') !== FILTER.hcm) throw new UnsupportedConfigError(where, `network filter ${String(f.get('name'))}`);
  const hcm = f.sub('typed_config')!;
  f.done();
  const rds = hcm.sub('rds');
  if (!rds) throw new UnsupportedConfigError(hcm.where, 'a connection manager without RDS');
  const routeConfig = rds.str('route_config_name')!;
  rds.ignore('config_source').done();
  for (const filter of hcm.list('http_filters')) {
    const name = (filter as { name?: string }).name ?? '';
    if (!EMULATED_FILTERS.has(name)) throw new UnsupportedConfigError(hcm.where, `HTTP filter ${name}`);
  }
  if (hcm.get('use_remote_address') !== true) throw new UnsupportedConfigError(hcm.where, 'use_remote_address false (the model appends the peer to x-forwarded-for as a gateway does)');
  // what the model does anyway (Istio's gateway settings), and observability
  hcm.ignore('@type', 'stat_prefix', 'server_name', 'normalize_path', 'path_with_escaped_slashes_action', 'common_http_protocol_options', 'upgrade_configs', 'access_log').done();
  return routeConfig;
}

function decodeTlsServer(socket: Fields, host: string): TlsServer {
  const ctx = Fields.of(socket.get('typed_config'), `${socket.where}.typed_config`);
  socket.ignore('name').done();
  const mutual = ctx.get('require_client_certificate') === true;
  const common = ctx.sub('common_tls_context')!;
  ctx.ignore('@type').done();
  const params = common.sub('tls_params');
  const ciphers = params?.list('cipher_suites') as string[] | undefined;
  const min = params?.str('tls_minimum_protocol_version');
  const max = params?.str('tls_maximum_protocol_version');
  params?.done();
  const certs = common.list('tls_certificates') as { certificate_chain: { inline_string: string }; private_key: { inline_string: string } }[];
  const certSds = common.list('tls_certificate_sds_secret_configs') as { name: string }[];
  const ca = (common.get('validation_context') as { trusted_ca?: { inline_string?: string } } | undefined)?.trusted_ca?.inline_string;
  const caSds = common.get('validation_context_sds_secret_config') as { name: string } | undefined;
  // the model serves HTTP/1.1 downstream only (fidelity.md): ALPN is read, not offered
  common.ignore('alpn_protocols').done();
  return {
    host,
    secret: certSds[0]?.name ?? host,
    mode: mutual ? 'MUTUAL' : 'SIMPLE',
    ciphers: ciphers && ciphers.length > 0 ? ciphers : undefined,
    minVersion: min ? VERSION[min] : undefined,
    maxVersion: max ? VERSION[max] : undefined,
    keyPair: certs[0] ? { ok: true, value: { cert: certs[0].certificate_chain.inline_string, key: certs[0].private_key.inline_string } } : { ok: false, error: `SDS never supplied ${certSds[0]?.name ?? 'the certificate'}` },
    ca: mutual ? (ca ? { ok: true, value: ca } : { ok: false, error: `SDS never supplied ${caSds?.name ?? 'the CA'}` }) : undefined,
  };
}

export function decodeListener(v: unknown): DecodedListener {
  const f = Fields.of(v, 'listener');
  const name = f.str('name') ?? '';
  const sock = (f.get('address') as { socket_address?: { address: string; port_value: number } } | undefined)?.socket_address;
  if (!sock) throw new UnsupportedConfigError(`listener ${name}`, 'an address other than a socket address');
  const chains = f.list('filter_chains').map((c, i) => {
    const chain = Fields.of(c, `listener ${name} chain ${i}`);
    const names = (chain.sub('filter_chain_match')?.list('server_names') as string[] | undefined) ?? [];
    const socket = chain.sub('transport_socket');
    const filters = chain.list('filters');
    chain.done();
    if (filters.length !== 1) throw new UnsupportedConfigError(chain.where, 'a chain with other than one HTTP connection manager');
    const routeConfig = decodeHcm(filters[0], `${chain.where} filter 0`);
    return { routeConfig, ...(socket ? { tls: decodeTlsServer(socket, names[0] ?? '*') } : {}) };
  });
  f.ignore('listener_filters').done();
  return { name, host: sock.address, port: sock.port_value, chains };
}

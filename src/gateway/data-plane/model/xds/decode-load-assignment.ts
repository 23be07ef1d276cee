// A ClusterLoadAssignment read back into the model's endpoints: the address to dial,
// the registered address (the endpoint's hostname), LB weight, labels and priority,
// and the overprovisioning factor that shapes priority spill-over.
import { METADATA } from '../../../xds/envoy-names.js';
import { Fields, UnsupportedConfigError } from './fields.js';

export interface DecodedEndpoint {
  /** ip:port as registered (what events and reports name). */
  readonly address: string;
  /** ip:port the gateway connects to. */
  readonly dial: string;
  readonly weight: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly priority: number;
}

export interface DecodedLoadAssignment {
  readonly cluster: string;
  readonly endpoints: readonly DecodedEndpoint[];
  /** Percent (Envoy's default 140 = 1.4). */
  readonly overprovisioningFactor: number;
}

export function decodeLoadAssignment(v: unknown): DecodedLoadAssignment {
  const f = Fields.of(v, 'load assignment');
  const cluster = f.str('cluster_name') ?? '';
  const where = `load assignment of ${cluster}`;
  const policy = f.sub('policy');
  const factor = policy?.num('overprovisioning_factor') ?? 140;
  policy?.done();
  const endpoints = f.list('endpoints').flatMap((g, i) => {
    const group = Fields.of(g, `${where} group ${i}`);
    const priority = group.num('priority') ?? 0;
    const lbs = group.list('lb_endpoints');
    group.ignore('locality', 'load_balancing_weight').done();
    return lbs.map((e, j) => {
      const ep = Fields.of(e, `${group.where} endpoint ${j}`);
      const inner = ep.sub('endpoint')!;
      const sock = (inner.get('address') as { socket_address?: { address: string; port_value: number } } | undefined)?.socket_address;
      if (!sock) throw new UnsupportedConfigError(inner.where, 'an endpoint address other than a socket address');
      const hostname = inner.str('hostname');
      inner.done();
      const meta = (ep.get('metadata') as { filter_metadata?: Record<string, { address?: string; labels?: Record<string, string> }> } | undefined)?.filter_metadata?.[METADATA];
      const weight = ep.num('load_balancing_weight') ?? 1;
      ep.ignore('health_status').done();
      const dial = `${sock.address}:${sock.port_value}`;
      return { address: meta?.address ?? hostname ?? dial, dial, weight, labels: meta?.labels ?? {}, priority };
    });
  });
  f.done();
  return { cluster, endpoints, overprovisioningFactor: factor };
}

// The "model" data plane for conformance cases: Higress's translation and discovery
// (over gRPC, as its nacos2 watcher) feeding region-lab's model of Envoy, in-process,
// for one case.
import { join } from 'node:path';
import { parseGatewayConfig, startGateway, type GatewayEvent } from '../gateway/index.js';
import type { CaseGateway, CaseGatewayOptions } from './case-gateway.js';
import { writeCaseManifests } from './case-manifests.js';

export async function startModelCaseGateway(o: CaseGatewayOptions): Promise<CaseGateway> {
  const m = writeCaseManifests(o);
  const events: GatewayEvent[] = [];
  const config = parseGatewayConfig({
    name: 'conformance',
    region: 'conformance',
    higress: o.higress,
    listen: { host: o.listenHost, port: 0 },
    ...(o.https ? { listenHttps: { host: o.listenHost, port: 0 } } : {}),
    admin: { host: o.listenHost, port: 0 },
    health: { host: o.listenHost, port: 0 },
    manifests: [m.file],
    eventsFile: join(o.workDir, 'gateway-events.jsonl'),
    services: Object.fromEntries(Object.entries(o.services).map(([k, v]) => [k, [...v]])),
    discovery: { protocol: 'grpc' },
    podLabels: { ...o.podLabels },
  });
  let gw: Awaited<ReturnType<typeof startGateway>>;
  try {
    gw = await startGateway(config, { events: { emit: (e) => void events.push(e), close: async () => {} }, drainMs: 200 });
  } catch (e) {
    throw m.refused(e);
  }
  const { address, port } = gw.addresses.listen;
  const tls = gw.addresses.listenHttps;
  return {
    url: `http://${address}:${port}`,
    ...(tls ? { httpsUrl: `https://${tls.address}:${tls.port}` } : {}),
    notes: () => [...m.notes, ...events.flatMap((e) => (e.kind === 'manifest-ignored' ? [m.named(`${e.name}: ${e.reason}`)] : []))],
    stop: () => gw.stop(),
  };
}

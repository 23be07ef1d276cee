// The "model" data plane for conformance cases: region-lab's Higress behaviour model
// (src/gateway) started in-process for one case, discovering Nacos over gRPC as
// Higress's nacos2 watcher does. Kinds the model does not read (Gateway,
// GatewayClass, Namespace, Service, ReferenceGrant) are left out and named in the
// notes: the model attaches every HTTPRoute to every listener, so cases about
// attachment show that difference on the wire.
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { stringify } from 'yaml';
import { BadInputError } from '../core/errors.js';
import { parseGatewayConfig, startGateway, type GatewayEvent } from '../gateway/index.js';
import type { CaseGateway, CaseGatewayOptions } from './case-gateway.js';

/** Kubernetes kinds the model has no reader for and that only shape attachment or ports. */
export const MODEL_SKIPPED_KINDS: ReadonlySet<string> = new Set(['Gateway', 'GatewayClass', 'Namespace', 'Service', 'ReferenceGrant']);

export async function startModelCaseGateway(o: CaseGatewayOptions): Promise<CaseGateway> {
  const notes: string[] = [];
  const kept = o.manifests.filter((m) => {
    if (!MODEL_SKIPPED_KINDS.has(m.kind)) return true;
    notes.push(`${m.kind} ${m.metadata.namespace ? `${m.metadata.namespace}/` : ''}${m.metadata.name}: not read by the model`);
    return false;
  });
  const events: GatewayEvent[] = [];
  // the case's objects as one multi-document file, read by the model as a manifest file
  const manifestFile = join(o.workDir, basename(o.file));
  writeFileSync(manifestFile, kept.map((m) => stringify(m)).join('---\n'));
  const config = parseGatewayConfig({
    name: 'conformance',
    region: 'conformance',
    higress: o.higress,
    listen: { host: o.listenHost, port: 0 },
    ...(o.https ? { listenHttps: { host: o.listenHost, port: 0 } } : {}),
    admin: { host: o.listenHost, port: 0 },
    health: { host: o.listenHost, port: 0 },
    manifests: [manifestFile],
    eventsFile: join(o.workDir, 'gateway-events.jsonl'),
    services: Object.fromEntries(Object.entries(o.services).map(([k, v]) => [k, [...v]])),
    discovery: { protocol: 'grpc' },
    podLabels: { ...o.podLabels },
  });
  const named = (text: string) => text.replaceAll(manifestFile, `${o.file} (manifests)`);
  let gw: Awaited<ReturnType<typeof startGateway>>;
  try {
    gw = await startGateway(config, { events: { emit: (e) => void events.push(e), close: async () => {} }, drainMs: 200 });
  } catch (e) {
    // the model refused the manifests: say so against the case file, not the temp copy
    if (e instanceof BadInputError) throw new BadInputError(e.problems.map((p) => ({ ...p, file: named(p.file) })), e.hint);
    throw e;
  }
  const { address, port } = gw.addresses.listen;
  const tls = gw.addresses.listenHttps;
  return {
    url: `http://${address}:${port}`,
    ...(tls ? { httpsUrl: `https://${tls.address}:${tls.port}` } : {}),
    notes: () => [
      ...notes,
      ...events.flatMap((e) => (e.kind === 'manifest-ignored' ? [named(`${e.name}: ${e.reason}`)] : [])),
    ],
    stop: () => gw.stop(),
  };
}

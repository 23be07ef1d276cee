// The one place the local target starts its gateways: one process per gateway
// instance, each with its config (listeners, profile, manifests, the resolve map
// through Toxiproxy), ready once its region's routed hosts have endpoints. The data
// plane behind this (today the Higress behaviour model) changes here and only here.
import { join } from 'node:path';
import type { StartedProcess } from '../../core/process.js';
import type { GatewayProcessConfigInput } from '../../gateway/config.js';
import { GATEWAY_NODE_FLAGS } from '../../gateway/node-flags.js';
import { gatewayName } from '../../topology/names.js';
import { fillRegionPlaceholders, type RegionSpec, type Topology } from '../../topology/schema.js';
import { resolveMapFor } from './network.js';
import { getJson, startNodeComponent } from './node-component.js';
import type { LocalContext } from './run-context.js';
import type { StartedToxiproxy } from './toxiproxy.js';

/** What the report says carried the requests in the gateways. */
export const LOCAL_DATA_PLANE = 'region-lab model';

export interface GatewayPlan {
  readonly topology: Topology;
  readonly higress: '2.1' | '2.2';
  /** Every manifest a region's gateways load, in order (McpBridge first). */
  readonly manifestsOf: (region: string) => readonly string[];
  /** Service hosts a region's routes send to: a gateway is ready once it has endpoints for each. */
  readonly routedHosts: Readonly<Record<string, readonly string[]>>;
  /** The chart's gateway.podLabels ("{region}" filled in per region). */
  readonly podLabels: Readonly<Record<string, string>>;
}

/** Each gateway instance: its name and how to start it (again, after a crash fault). */
export function gatewayStarters(ctx: LocalContext, p: GatewayPlan, toxi: StartedToxiproxy): { name: string; start: () => Promise<StartedProcess> }[] {
  return p.topology.regions.flatMap((r) => r.middleware.gateways.map((g, j) => ({ name: gatewayName(r.name, j + 1), start: () => startGateway(ctx, p, toxi, r, g.address, j + 1) })));
}

function startGateway(ctx: LocalContext, p: GatewayPlan, toxi: StartedToxiproxy, r: RegionSpec, address: string, n: number): Promise<StartedProcess> {
  const gw = p.topology.gateway;
  const name = gatewayName(r.name, n);
  const hosts = p.routedHosts[r.name] ?? [];
  const admin = `http://${address}:${gw.adminPort}`;
  const config = {
    name,
    region: r.name,
    listen: { host: address, port: gw.port },
    admin: { host: address, port: gw.adminPort },
    health: { host: address, port: gw.healthPort },
    higress: p.higress,
    manifests: [...p.manifestsOf(r.name)],
    resolve: resolveMapFor(p.topology, r, (l) => toxi.listenOf(l)),
    pushPollMs: gw.pushPollMs,
    discovery: { protocol: gw.discoveryProtocol },
    eventsFile: join(ctx.logDir, `${name}.events.jsonl`),
    services: r.middleware.services,
    podLabels: Object.fromEntries(Object.entries(p.podLabels).map(([k, v]) => [k, fillRegionPlaceholders(v, r)])),
  } satisfies GatewayProcessConfigInput;
  return startNodeComponent(ctx, {
    name,
    entry: 'gateway/main.js',
    nodeFlags: GATEWAY_NODE_FLAGS,
    config,
    readyWhat: `${name} to be ready and to have endpoints for ${hosts.join(', ')}`,
    readyTimeoutMs: 45_000,
    ready: async () => {
      const res = await fetch(`http://${address}:${gw.healthPort}/healthz/ready`, { signal: AbortSignal.timeout(1000) });
      if (res.status !== 200) return undefined;
      // the admin's /endpoints maps each cluster (a service host) to its endpoint addresses
      const body = (await getJson(`${admin}/endpoints`)) as Record<string, string[]>;
      return hosts.every((h) => (body[h]?.length ?? 0) > 0) ? true : undefined;
    },
  });
}

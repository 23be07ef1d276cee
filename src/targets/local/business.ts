// The local target's business side: one process per demo business instance (ready
// once registered with its region's Nacos through the registration link), and the
// registry sync agent (ready once every service is in every region's Nacos).
import { join } from 'node:path';
import type { BusinessConfigInput } from '../../business/config.js';
import type { StartedProcess } from '../../core/process.js';
import { listInstances, listServices } from '../../registry/nacos-http.js';
import type { SyncConfigInput } from '../../registry/sync-config.js';
import { ADMIN_PORT_OFFSET, type BusinessInstance } from '../../topology/instances.js';
import { nacosAddress } from '../../topology/links.js';
import { bizCluster, linkName, nacosName, SYNC_AGENT } from '../../topology/names.js';
import { instanceMetadata, type RegionSpec, type Topology } from '../../topology/schema.js';
import { startNodeComponent } from './node-component.js';
import type { LocalContext } from './run-context.js';
import type { StartedToxiproxy } from './toxiproxy.js';

export function startInstance(ctx: LocalContext, registration: Topology['registration'], r: RegionSpec, i: BusinessInstance, toxi: StartedToxiproxy): Promise<StartedProcess> {
  const [host, port] = i.address.split(':') as [string, string];
  const config = {
    app: i.app,
    nacosService: i.nacosService,
    region: r.name,
    cluster: bizCluster(r.name),
    instance: i.name,
    listen: { host, port: Number(port) },
    admin: { host, port: Number(port) + ADMIN_PORT_OFFSET },
    fallback: i.fallback,
    nacos: { address: toxi.listenOf(linkName.registration(r.name)), namespace: i.nacosNamespace, group: i.nacosGroup },
    metadata: instanceMetadata(r),
    registration,
  } satisfies BusinessConfigInput;
  return startNodeComponent(ctx, {
    name: i.name,
    entry: 'business/main.js',
    config,
    readyWhat: `${i.name} to register with ${nacosName(r.name)}`,
    ready: async () =>
      (await listInstances({ address: nacosAddress(r), namespaceId: i.nacosNamespace }, i.nacosService, i.nacosGroup)).some((x) => x.ip === host && x.port === Number(port)) ? true : undefined,
  });
}

/** The sync agent, both directions between every pair of regions, dialling through the sync links. */
export function startSyncAgent(ctx: LocalContext, t: Topology, toxi: StartedToxiproxy): Promise<StartedProcess> {
  const all = t.regions.flatMap((r) => [...r.business.services, ...(r.business.fallback ? [r.business.fallback] : [])]);
  // one NacosSync task per namespace and group the services register in, each direction
  const scopes = [...new Map(all.map((s) => [`${s.nacosNamespace}|${s.nacosGroup}`, { namespaceId: s.nacosNamespace, group: s.nacosGroup }])).values()];
  const config = {
    tasks: scopes.flatMap((scope) =>
      t.regions.flatMap((s) =>
        t.regions
          .filter((d) => d !== s)
          .map((d) => ({
            source: { clusterId: nacosName(s.name), address: toxi.listenOf(linkName.sync(s.name)) },
            dest: { clusterId: nacosName(d.name), address: toxi.listenOf(linkName.sync(d.name)) },
            ...scope,
          })),
      ),
    ),
    pollMs: t.discovery.syncPollMs,
    eventsFile: join(ctx.logDir, `${SYNC_AGENT}.events.jsonl`),
  } satisfies SyncConfigInput;
  return startNodeComponent(ctx, {
    name: SYNC_AGENT,
    entry: 'registry/sync-main.js',
    config,
    readyWhat: "every service to be synced into every region's Nacos",
    ready: async () => {
      for (const r of t.regions) {
        for (const scope of scopes) {
          const have = new Set(await listServices({ address: nacosAddress(r), namespaceId: scope.namespaceId }, scope.group));
          if (!all.every((s) => s.nacosNamespace !== scope.namespaceId || s.nacosGroup !== scope.group || have.has(s.nacosService))) return undefined;
        }
      }
      return true;
    },
  });
}

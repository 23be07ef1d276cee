// The version a real Envoy holds for each dynamic resource, from its admin
// /config_dump (and /stats for EDS, whose dump carries no version_info).
import { z } from 'zod';
import { call, readStats, statName, type EnvoyAdmin } from './admin.js';

const versioned = z.object({ version_info: z.string().optional(), last_updated: z.string().optional() });
const dumpSchema = z.object({ configs: z.array(z.record(z.string(), z.unknown())) });

/** The version Envoy holds for each dynamic resource ('' when it came without one). */
export interface ConfigVersions {
  readonly listeners: Readonly<Record<string, string>>;
  readonly clusters: Readonly<Record<string, string>>;
  readonly routeConfigs: Readonly<Record<string, string>>;
  readonly loadAssignments: Readonly<Record<string, string>>;
}

/** /config_dump, plus /stats for EDS: Envoy's EDS dump carries no version_info, its cluster.<name>.version_text does. */
export async function readConfigVersions(a: EnvoyAdmin): Promise<ConfigVersions> {
  const dump = parseConfigVersions(await (await call(a, '/config_dump?include_eds')).json());
  const stats = await readStats(a, '^cluster\\..*\\.version_text$');
  const loadAssignments: Record<string, string> = {};
  for (const name of Object.keys(dump.loadAssignments)) loadAssignments[name] = String(stats.get(`cluster.${statName(name)}.version_text`) ?? '');
  return { ...dump, loadAssignments };
}

export function parseConfigVersions(json: unknown): ConfigVersions {
  const out = { listeners: {}, clusters: {}, routeConfigs: {}, loadAssignments: {} } as Record<keyof ConfigVersions, Record<string, string>>;
  const list = (c: Record<string, unknown>, key: string) => (Array.isArray(c[key]) ? (c[key] as Record<string, unknown>[]) : []);
  const nameOf = (r: unknown, key: string) => String((r as Record<string, unknown> | undefined)?.[key] ?? '');
  for (const c of dumpSchema.parse(json).configs) {
    const type = String(c['@type'] ?? '');
    if (type.endsWith('ListenersConfigDump')) {
      for (const l of list(c, 'dynamic_listeners')) out.listeners[String(l.name)] = versioned.parse(l.active_state ?? {}).version_info ?? '';
    } else if (type.endsWith('ClustersConfigDump')) {
      for (const x of list(c, 'dynamic_active_clusters')) out.clusters[nameOf(x.cluster, 'name')] = versioned.parse(x).version_info ?? '';
    } else if (type.endsWith('RoutesConfigDump')) {
      for (const x of list(c, 'dynamic_route_configs')) out.routeConfigs[nameOf(x.route_config, 'name')] = versioned.parse(x).version_info ?? '';
    } else if (type.endsWith('EndpointsConfigDump')) {
      for (const x of list(c, 'dynamic_endpoint_configs')) out.loadAssignments[nameOf(x.endpoint_config, 'cluster_name')] = versioned.parse(x).version_info ?? '';
    }
  }
  return out;
}

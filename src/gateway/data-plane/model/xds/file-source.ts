// The model's xDS client for config by files, as Envoy's path_config_source: the
// bootstrap names the LDS and CDS files; listeners name their RDS files and clusters
// their EDS files. Each read assembles the whole current snapshot; a watch on the
// xDS directories fires on the renames the writer makes (Envoy notices only those).
import { existsSync, readFileSync, watch, type FSWatcher } from 'node:fs';
import { dirname } from 'node:path';
import type { EnvoyResource, XdsSnapshot } from '../../../xds/snapshot.js';
import { UnsupportedConfigError } from './fields.js';

interface DiscoveryFile {
  readonly version_info?: string;
  readonly resources?: EnvoyResource[];
}

function readResources(file: string): { version: string; resources: EnvoyResource[] } {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as DiscoveryFile;
  const resources = (parsed.resources ?? []).map((r) => {
    const { '@type': _t, ...rest } = r as Record<string, unknown>;
    return rest;
  });
  return { version: parsed.version_info ?? '', resources };
}

/** The path of a config source region-lab writes (path_config_source), or undefined. */
export function sourcePath(configSource: unknown): string | undefined {
  return (configSource as { path_config_source?: { path?: string } } | undefined)?.path_config_source?.path;
}

function rdsFiles(listeners: readonly EnvoyResource[]): string[] {
  const out: string[] = [];
  const visit = (v: unknown): void => {
    if (!v || typeof v !== 'object') return;
    const rds = (v as { rds?: { config_source?: unknown } }).rds;
    const p = rds && sourcePath(rds.config_source);
    if (p) out.push(p);
    for (const x of Object.values(v)) visit(x);
  };
  listeners.forEach(visit);
  return [...new Set(out)];
}

/** Reads the snapshot the files hold now (the LDS version names it). */
export function readXdsFiles(lds: string, cds: string): XdsSnapshot {
  const l = readResources(lds);
  const c = readResources(cds);
  const routeConfigs = rdsFiles(l.resources).filter((f) => existsSync(f)).flatMap((f) => readResources(f).resources);
  const loadAssignments = c.resources.flatMap((cluster) => {
    const eds = (cluster as { eds_cluster_config?: { eds_config?: unknown } }).eds_cluster_config?.eds_config;
    const p = eds === undefined ? undefined : sourcePath(eds);
    if (eds !== undefined && !p) throw new UnsupportedConfigError(`cluster ${String(cluster.name)}`, 'EDS from a source other than a file');
    return p !== undefined && existsSync(p) ? readResources(p).resources : [];
  });
  return { version: `${l.version}/${c.version}`, listeners: l.resources, routeConfigs, clusters: c.resources, loadAssignments };
}

/** Calls `changed` (debounced a millisecond, as a write renames several files) on any rename under the xDS dir. */
export function watchXdsFiles(lds: string, changed: () => void): () => void {
  const root = dirname(lds);
  let timer: NodeJS.Timeout | undefined;
  const fire = () => {
    clearTimeout(timer);
    timer = setTimeout(changed, 1);
  };
  const watchers: FSWatcher[] = [root, `${root}/rds`, `${root}/eds`].filter((d) => existsSync(d)).map((d) => watch(d, fire));
  return () => {
    clearTimeout(timer);
    for (const w of watchers) w.close();
  };
}

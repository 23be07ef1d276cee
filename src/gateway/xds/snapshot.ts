// The xDS snapshot: one gateway's whole Envoy config in Envoy's own v3 JSON shapes,
// as the translation produces it and the file writer lays it on disk. Kept small and
// stable: the translation, the writer and the rejection check all meet here.
import { z } from 'zod';

/** A v3 resource in proto3 JSON (snake_case fields); the writer adds its "@type". */
export type EnvoyResource = { readonly [k: string]: unknown };

export interface XdsSnapshot {
  /**
   * version_info of every file this snapshot rewrites. Must differ from the version
   * a changed file had before (the rejection check tells "applied" by it).
   */
  readonly version: string;
  /** envoy.config.listener.v3.Listener, each with `name`; all go in lds.json. */
  readonly listeners: readonly EnvoyResource[];
  /** envoy.config.route.v3.RouteConfiguration, `name` = what the HCM's rds names; one file each. */
  readonly routeConfigs: readonly EnvoyResource[];
  /** envoy.config.cluster.v3.Cluster, each with `name`; all go in cds.json. */
  readonly clusters: readonly EnvoyResource[];
  /** envoy.config.endpoint.v3.ClusterLoadAssignment, `cluster_name` = an EDS cluster; one file each. */
  readonly loadAssignments: readonly EnvoyResource[];
}

/** The four xDS files kinds, by the API that reads them. */
export type XdsKind = 'lds' | 'cds' | 'rds' | 'eds';

export const TYPE_URLS: { readonly [K in XdsKind]: string } = {
  lds: 'type.googleapis.com/envoy.config.listener.v3.Listener',
  cds: 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
  rds: 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration',
  eds: 'type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment',
};

const named = (key: 'name' | 'cluster_name') =>
  z.record(z.string(), z.unknown()).refine((r) => typeof r[key] === 'string' && r[key] !== '', { message: `needs a non-empty "${key}"` });

/** The snapshot's boundary check: names present and unique, every CLA for a known cluster. */
export const xdsSnapshotSchema = z
  .object({
    version: z.string().min(1),
    listeners: z.array(named('name')),
    routeConfigs: z.array(named('name')),
    clusters: z.array(named('name')),
    loadAssignments: z.array(named('cluster_name')),
  })
  .superRefine((s, ctx) => {
    const dupes = (list: readonly Record<string, unknown>[], key: string, path: string) => {
      const seen = new Set<unknown>();
      list.forEach((r, i) => {
        if (seen.has(r[key])) ctx.addIssue({ code: 'custom', path: [path, i, key], message: `duplicate ${key} ${String(r[key])}` });
        seen.add(r[key]);
      });
    };
    dupes(s.listeners, 'name', 'listeners');
    dupes(s.routeConfigs, 'name', 'routeConfigs');
    dupes(s.clusters, 'name', 'clusters');
    dupes(s.loadAssignments, 'cluster_name', 'loadAssignments');
    // an EDS cluster whose file is missing is rejected; a CLA nobody reads is never applied
    const eds = new Set(s.clusters.filter((c) => c.type === 'EDS').map((c) => c.name));
    const clas = new Set(s.loadAssignments.map((a) => a.cluster_name));
    s.loadAssignments.forEach((a, i) => {
      if (!eds.has(a.cluster_name)) ctx.addIssue({ code: 'custom', path: ['loadAssignments', i, 'cluster_name'], message: `no cluster of type EDS named ${String(a.cluster_name)} in clusters` });
    });
    s.clusters.forEach((c, i) => {
      if (c.type === 'EDS' && !clas.has(c.name)) ctx.addIssue({ code: 'custom', path: ['clusters', i, 'name'], message: `EDS cluster ${String(c.name)} has no load assignment` });
    });
  });

/** An empty snapshot: Envoy starts on it (its files must exist) and serves nothing. */
export function emptySnapshot(version = '0'): XdsSnapshot {
  return { version, listeners: [], routeConfigs: [], clusters: [], loadAssignments: [] };
}

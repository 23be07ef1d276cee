// Where a gateway's xDS files live in its directory, and the ConfigSource that points
// Envoy at one. The translation puts pathConfigSource(xdsFiles(dir).rds(name)) in the
// HCM's `rds` and pathConfigSource(xdsFiles(dir).eds(cluster)) in each EDS cluster,
// so the resources are complete as written.
import { createHash } from 'node:crypto';
import { isAbsolute, join, resolve } from 'node:path';

/** Linux allows 255 bytes per name; ".json" and a temp suffix need room. */
const MAX_NAME = 200;

export interface XdsFiles {
  readonly dir: string;
  readonly lds: string;
  readonly cds: string;
  /** One RouteConfiguration per file, by its name. */
  rds(routeConfigName: string): string;
  /** One ClusterLoadAssignment per file, by its cluster_name. */
  eds(clusterName: string): string;
}

export function xdsFiles(dir: string): XdsFiles {
  const abs = isAbsolute(dir) ? dir : resolve(dir);
  return {
    dir: abs,
    lds: join(abs, 'lds.json'),
    cds: join(abs, 'cds.json'),
    rds: (name) => join(abs, 'rds', `${safeFileName(name)}.json`),
    eds: (name) => join(abs, 'eds', `${safeFileName(name)}.json`),
  };
}

/**
 * An injective file name for an xDS resource name such as
 * `outbound|80||user-service-south.DEFAULT-GROUP.public.nacos`: letters, digits, `-`,
 * `_` and inner `.` stay; every other byte (and `%` itself, and a leading `.`) becomes
 * `%XX`, so two names never share a file and none is hidden or a path. Assumes a
 * case-sensitive file system, as on Linux, where the Envoy wheel runs. A name too long
 * for a file keeps its first part and ends in `~` + a hash of the whole (`~` is never
 * left unescaped, so such a name cannot equal a short one).
 */
export function safeFileName(name: string): string {
  if (name === '') throw new Error('an xDS resource name must not be empty');
  const bytes = new TextEncoder().encode(name);
  let out = '';
  bytes.forEach((b, i) => {
    const c = String.fromCharCode(b);
    const keep = /[A-Za-z0-9_-]/.test(c) || (c === '.' && i > 0);
    out += keep ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  });
  if (out.length <= MAX_NAME) return out;
  return `${out.slice(0, MAX_NAME - 17)}~${createHash('sha256').update(name).digest('hex').slice(0, 16)}`;
}

/** The ConfigSource for a file Envoy watches (v3, no control-plane server). */
export function pathConfigSource(path: string): { readonly path_config_source: { readonly path: string }; readonly resource_api_version: 'V3' } {
  return { path_config_source: { path }, resource_api_version: 'V3' };
}

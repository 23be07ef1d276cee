// Turns a snapshot into the files Envoy reads: each a DiscoveryResponse
// ({ version_info, resources: [{ "@type", ...resource }] }), keyed by absolute path.
// Pure, so the writer's change detection and ordering can be tested without a disk.
import { xdsFiles } from './files.js';
import { TYPE_URLS, type EnvoyResource, type XdsKind, type XdsSnapshot } from './snapshot.js';

export interface RenderedFile {
  readonly kind: XdsKind;
  readonly path: string;
  /** Listener / cluster names, the route configuration's name, or the CLA's cluster_name. */
  readonly names: readonly string[];
  /** The resources as compact JSON: what "changed" compares (not the version). */
  readonly resourcesJson: string;
}

export interface RenderedSnapshot {
  readonly version: string;
  readonly lds: RenderedFile;
  readonly cds: RenderedFile;
  readonly rds: readonly RenderedFile[];
  readonly eds: readonly RenderedFile[];
}

function typed(kind: XdsKind, r: EnvoyResource): EnvoyResource {
  const { '@type': _ignored, ...rest } = r;
  return { '@type': TYPE_URLS[kind], ...rest };
}

function file(kind: XdsKind, path: string, resources: readonly EnvoyResource[], key: 'name' | 'cluster_name'): RenderedFile {
  const withType = resources.map((r) => typed(kind, r));
  return { kind, path, names: resources.map((r) => String(r[key])), resourcesJson: JSON.stringify(withType) };
}

export function renderSnapshot(dir: string, s: XdsSnapshot): RenderedSnapshot {
  const f = xdsFiles(dir);
  return {
    version: s.version,
    lds: file('lds', f.lds, s.listeners, 'name'),
    cds: file('cds', f.cds, s.clusters, 'name'),
    rds: s.routeConfigs.map((r) => file('rds', f.rds(String(r.name)), [r], 'name')),
    eds: s.loadAssignments.map((a) => file('eds', f.eds(String(a.cluster_name)), [a], 'cluster_name')),
  };
}

/** The file's text: pretty JSON, so the state stays readable on disk. */
export function fileText(version: string, f: RenderedFile): string {
  return `{\n  "version_info": ${JSON.stringify(version)},\n  "resources": ${JSON.stringify(JSON.parse(f.resourcesJson), null, 2).replace(/\n/g, '\n  ')}\n}\n`;
}

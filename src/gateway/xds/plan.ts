// Decides which xDS files a new snapshot rewrites or removes, and in what order, the
// way Istio orders its pushes: Envoy must know a cluster (and its EDS file must exist)
// before a route names it, or the route answers 503 and the cluster is rejected.
// Pure: the writer feeds it what is on disk (or the previous snapshot).
import type { RenderedFile, RenderedSnapshot } from './render.js';

/** What a path held before this write; undefined when the file does not exist. */
export interface PreviousFile {
  readonly version: string;
  readonly resourcesJson: string;
}

export interface PreviousState {
  file(path: string): PreviousFile | undefined;
  /** Cluster names of the CDS Envoy last got (an EDS cluster new to it needs its file first). */
  readonly clusters: ReadonlySet<string>;
  /** Route configuration names of the last LDS (a new HCM needs its RDS file to exist). */
  readonly routeConfigs: ReadonlySet<string>;
  /** EDS and RDS files now on disk, so files no resource names any more can go. */
  readonly edsFiles: readonly string[];
  readonly rdsFiles: readonly string[];
}

export type XdsStep = { readonly op: 'write'; readonly file: RenderedFile } | { readonly op: 'remove'; readonly path: string; readonly kind: 'eds' | 'rds' };

/** Thrown when a changed file would keep its version: the rejection check could not tell it applied. */
export class VersionReusedError extends Error {}

export function planXdsWrite(next: RenderedSnapshot, prev: PreviousState): XdsStep[] {
  const changed = (f: RenderedFile): boolean => {
    const p = prev.file(f.path);
    if (p && p.resourcesJson === f.resourcesJson) return false;
    if (p && p.version === next.version) {
      throw new VersionReusedError(`${f.path} changed but keeps version ${next.version}: give every snapshot a new version`);
    }
    return true;
  };
  const write = (files: readonly RenderedFile[]): XdsStep[] => files.filter(changed).map((file) => ({ op: 'write', file }));
  const isNewCluster = (f: RenderedFile) => !prev.clusters.has(f.names[0]!);
  const isNewRoute = (f: RenderedFile) => !prev.routeConfigs.has(f.names[0]!);
  const edsPaths = new Set(next.eds.map((f) => f.path));
  const rdsPaths = new Set(next.rds.map((f) => f.path));
  return [
    ...write(next.eds.filter(isNewCluster)),
    ...write([next.cds]),
    // after CDS: Envoy has dropped those clusters and no longer reads their files
    ...prev.edsFiles.filter((p) => !edsPaths.has(p)).map((path): XdsStep => ({ op: 'remove', path, kind: 'eds' })),
    ...write(next.eds.filter((f) => !isNewCluster(f))),
    ...write(next.rds.filter(isNewRoute)),
    ...write([next.lds]),
    ...write(next.rds.filter((f) => !isNewRoute(f))),
    ...prev.rdsFiles.filter((p) => !rdsPaths.has(p)).map((path): XdsStep => ({ op: 'remove', path, kind: 'rds' })),
  ];
}

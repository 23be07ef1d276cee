// Writes a gateway's xDS snapshot to its directory for a real Envoy to pick up: only
// files whose resources changed, in Istio's push order (plan.ts), each as a temp file
// renamed over the old one (Envoy only notices a rename, IN_MOVED_TO; an in-place
// write is silently ignored). Returns what it wrote, for the rejection check.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RegionLabError } from '../../core/errors.js';
import { xdsFiles } from './files.js';
import { planXdsWrite, VersionReusedError, type PreviousFile, type PreviousState } from './plan.js';
import { fileText, renderSnapshot, type RenderedSnapshot } from './render.js';
import { xdsSnapshotSchema, type XdsKind, type XdsSnapshot } from './snapshot.js';

export interface WrittenXdsFile {
  readonly kind: XdsKind;
  readonly path: string;
  readonly version: string;
  readonly names: readonly string[];
}

export interface XdsWrite {
  readonly dir: string;
  readonly version: string;
  /** Date.now() before the first rename: Envoy's reactions to this write come at or after it. */
  readonly startedAtMs: number;
  /** In the order written. */
  readonly written: readonly WrittenXdsFile[];
  readonly removed: readonly string[];
}

let tmpCounter = 0;

export function writeXdsSnapshot(dir: string, snapshot: XdsSnapshot, previous?: XdsSnapshot): XdsWrite {
  const parsed = xdsSnapshotSchema.safeParse(snapshot);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new RegionLabError('INTERNAL', `the xDS snapshot for ${dir} is not valid: ${problems}`, { hint: 'a bug in the translation: report it with the manifests used' });
  }
  const files = xdsFiles(dir);
  mkdirSync(join(files.dir, 'rds'), { recursive: true });
  mkdirSync(join(files.dir, 'eds'), { recursive: true });
  const next = renderSnapshot(files.dir, snapshot);
  let steps;
  try {
    steps = planXdsWrite(next, previous ? previousFromSnapshot(files.dir, previous) : previousFromDisk(files.dir));
  } catch (e) {
    if (e instanceof VersionReusedError) throw new RegionLabError('INTERNAL', e.message, { cause: e });
    throw e;
  }
  const startedAtMs = Date.now();
  const written: WrittenXdsFile[] = [];
  const removed: string[] = [];
  for (const step of steps) {
    if (step.op === 'remove') {
      rmSync(step.path, { force: true });
      removed.push(step.path);
      continue;
    }
    const tmp = `${step.file.path}.tmp-${process.pid}-${tmpCounter++}`;
    writeFileSync(tmp, fileText(snapshot.version, step.file));
    renameSync(tmp, step.file.path);
    written.push({ kind: step.file.kind, path: step.file.path, version: snapshot.version, names: step.file.names });
  }
  return { dir: files.dir, version: snapshot.version, startedAtMs, written, removed };
}

function previousFromSnapshot(dir: string, prev: XdsSnapshot): PreviousState {
  const r: RenderedSnapshot = renderSnapshot(dir, prev);
  const byPath = new Map<string, PreviousFile>();
  for (const f of [r.lds, r.cds, ...r.rds, ...r.eds]) byPath.set(f.path, { version: prev.version, resourcesJson: f.resourcesJson });
  return {
    // a file removed behind the writer's back must be written again
    file: (p) => (existsSync(p) ? byPath.get(p) : undefined),
    clusters: new Set(r.cds.names),
    routeConfigs: new Set(r.rds.flatMap((f) => f.names)),
    edsFiles: listJson(join(dir, 'eds')),
    rdsFiles: listJson(join(dir, 'rds')),
  };
}

function previousFromDisk(dir: string): PreviousState {
  const files = xdsFiles(dir);
  const cache = new Map<string, PreviousFile | undefined>();
  const read = (p: string): PreviousFile | undefined => {
    if (!cache.has(p)) cache.set(p, readResponse(p));
    return cache.get(p);
  };
  const namesIn = (p: string, key: string): string[] => {
    const f = read(p);
    return f ? (JSON.parse(f.resourcesJson) as Record<string, unknown>[]).map((x) => String(x[key])) : [];
  };
  const rdsFiles = listJson(join(dir, 'rds'));
  return {
    file: read,
    clusters: new Set(namesIn(files.cds, 'name')),
    routeConfigs: new Set(rdsFiles.flatMap((p) => namesIn(p, 'name'))),
    edsFiles: listJson(join(dir, 'eds')),
    rdsFiles,
  };
}

/** A DiscoveryResponse file as written before; unreadable counts as absent (it is rewritten). */
function readResponse(p: string): PreviousFile | undefined {
  if (!existsSync(p)) return undefined;
  try {
    const d = JSON.parse(readFileSync(p, 'utf8')) as { version_info?: unknown; resources?: unknown };
    if (typeof d.version_info !== 'string' || !Array.isArray(d.resources)) return undefined;
    return { version: d.version_info, resourcesJson: JSON.stringify(d.resources) };
  } catch {
    return undefined;
  }
}

function listJson(d: string): string[] {
  return existsSync(d) ? readdirSync(d).filter((f) => f.endsWith('.json')).map((f) => join(d, f)).sort() : [];
}

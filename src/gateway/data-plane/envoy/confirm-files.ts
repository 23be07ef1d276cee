// The rejection check for the xDS files an Envoy found when it started (the
// controller wrote them while it was down): every file in its xDS dir, at the
// version it holds, must show as applied — or Envoy's reason is the failure.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { xdsFiles } from '../../xds/files.js';
import type { XdsKind } from '../../xds/snapshot.js';
import type { WrittenXdsFile } from '../../xds/write.js';
import { confirmXdsApplied, type ConfirmOptions, type XdsCheckTarget } from './confirm-xds.js';

function fileOf(kind: XdsKind, path: string): WrittenXdsFile | undefined {
  try {
    const f = JSON.parse(readFileSync(path, 'utf8')) as { version_info?: string; resources?: { name?: string; cluster_name?: string }[] };
    return { kind, path, version: f.version_info ?? '', names: (f.resources ?? []).map((r) => String(r.name ?? r.cluster_name)) };
  } catch {
    return undefined; // renamed away while read: the next write is checked by its writer
  }
}

/** What the dir holds now, as if it had just been written. */
export function currentXdsFiles(xdsDir: string): WrittenXdsFile[] {
  const f = xdsFiles(xdsDir);
  const list = (kind: 'rds' | 'eds') => {
    const dir = join(f.dir, kind);
    return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.json')).map((n) => fileOf(kind, join(dir, n))) : [];
  };
  return [fileOf('lds', f.lds), fileOf('cds', f.cds), ...list('rds'), ...list('eds')].filter((x): x is WrittenXdsFile => x !== undefined && x.names.length > 0);
}

export function confirmCurrentFiles(target: XdsCheckTarget, xdsDir: string, sinceMs: number, opts?: ConfirmOptions): Promise<void> {
  return confirmXdsApplied(target, { written: currentXdsFiles(xdsDir), startedAtMs: sinceMs }, opts);
}

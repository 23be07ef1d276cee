// What a case's backend declarations mean: each backend's name (the one answers
// report and expectations use), its instances' names, and its kind.
import type { BackendSpec, InstanceSpec } from './schema.js';

export type BackendKind = 'service' | 'nacos' | 'static';

export function backendName(b: BackendSpec): string {
  return 'service' in b ? b.service : 'nacos' in b ? b.nacos : b.static;
}

export function backendKind(b: BackendSpec): BackendKind {
  return 'service' in b ? 'service' : 'nacos' in b ? 'nacos' : 'static';
}

/** One instance per entry; a count n gives n plain instances. Static backends have one. */
export function instancesOf(b: BackendSpec): (InstanceSpec & { name: string })[] {
  const name = backendName(b);
  if (!('instances' in b)) return [{ name, metadata: {}, dead: false }];
  const list: InstanceSpec[] = typeof b.instances === 'number' ? Array.from({ length: b.instances }, () => ({ metadata: {}, dead: false })) : b.instances;
  return list.map((i, n) => ({ ...i, name: i.name ?? `${name}-${n}` }));
}

/** Every name an expectation may use for a backend: "backend" and "backend/instance". */
export function answerNames(backends: readonly BackendSpec[]): Set<string> {
  const out = new Set<string>();
  for (const b of backends) {
    out.add(backendName(b));
    for (const i of instancesOf(b)) {
      out.add(`${backendName(b)}/${i.name}`);
      out.add(i.name);
    }
  }
  return out;
}

// `region-lab down --target kind`: deletes every kind cluster whose name has the
// region-lab- prefix, i.e. whatever an earlier crashed or --keep run left. Clusters
// with other names are never touched.
import type { Logger } from '../../core/log.js';
import type { ToolRunner } from './exec.js';
import { CLUSTER_PREFIX } from './names.js';

export async function downKind(run: ToolRunner, log: Logger): Promise<string[]> {
  const all = (await run('kind', ['get', 'clusters'])).split('\n').map((l) => l.trim()).filter(Boolean);
  const ours = all.filter((c) => c.startsWith(CLUSTER_PREFIX));
  const failed: unknown[] = [];
  for (const name of ours) {
    log({ kind: 'info', message: `deleting kind cluster ${name}` });
    // one failure must not keep the others alive
    await run('kind', ['delete', 'cluster', '--name', name]).catch((e: unknown) => {
      log({ kind: 'warn', message: `could not delete ${name}: ${(e as Error).message}` });
      failed.push(e);
    });
  }
  if (failed.length > 0) throw failed[0];
  return ours;
}

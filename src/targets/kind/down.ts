// `region-lab down --target kind`: deletes every kind cluster whose name has the
// region-lab- prefix, i.e. whatever an earlier crashed or --keep run left, and says
// which run made each (its node's run-id label, read through the Kubernetes API).
// Clusters with other names are never touched.
import type { Logger } from '../../core/log.js';
import type { ToolRunner } from './exec.js';
import { runIdOf, type KubeAccessProps } from './kube.js';
import { CLUSTER_PREFIX } from './names.js';

export interface DeletedCluster {
  readonly name: string;
  /** The run that brought it up, when its node says. */
  readonly runId?: string | undefined;
}

export async function downKind(run: ToolRunner, log: Logger, kube: KubeAccessProps = {}): Promise<DeletedCluster[]> {
  const all = (await run('kind', ['get', 'clusters']))
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const ours = all.filter((c) => c.startsWith(CLUSTER_PREFIX));
  const failed: unknown[] = [];
  const deleted: DeletedCluster[] = [];
  for (const name of ours) {
    const runId = await runIdOf(name.slice(CLUSTER_PREFIX.length), kube);
    log({ kind: 'info', message: `deleting kind cluster ${name}${runId ? ` (run ${runId})` : ''}` });
    // one failure must not keep the others alive
    await run('kind', ['delete', 'cluster', '--name', name]).then(
      () => void deleted.push({ name, runId }),
      (e: unknown) => {
        log({ kind: 'warn', message: `could not delete ${name}: ${(e as Error).message}` });
        failed.push(e);
      },
    );
  }
  if (failed.length > 0) throw failed[0];
  return deleted;
}

// What the kind target reads from its clusters goes through the Kubernetes API with
// @kubernetes/client-node (kubectl stays for what only it does: apply, scale, exec):
// the readiness waits of the plan (Deployments rolled out, nodes and pods Ready),
// each cluster's run-id label, and the watches behind the report's event lanes.
import { AppsV1Api, CoreV1Api, KubeConfig, type V1Deployment } from '@kubernetes/client-node';
import type { Clock } from '../../core/clock.js';
import { ProvisioningError } from '../../core/errors.js';
import { waitFor } from '../../core/ready.js';
import { kubeContext, RUN_ID_LABEL } from './names.js';
import { waitText, type WaitCondition } from './plan.js';

export interface KubeAccessProps {
  /** A kubeconfig file (tests: one pointing at a fake API server). @default $KUBECONFIG or ~/.kube/config, as kubectl reads it */
  readonly kubeconfig?: string | undefined;
}

/** A KubeConfig set to one cluster's kind context; read fresh each time, since `kind create` writes it. */
export function kubeConfigFor(cluster: string, p: KubeAccessProps = {}): KubeConfig {
  const kc = new KubeConfig();
  if (p.kubeconfig) kc.loadFromFile(p.kubeconfig);
  else kc.loadFromDefault();
  const name = kubeContext(cluster);
  if (!kc.getContextObject(name))
    throw new ProvisioningError(`the kubeconfig has no context ${name}`, { hint: `kind writes it when it creates the cluster; check \`kind get kubeconfig --name ${name.replace(/^kind-/, '')}\`` });
  kc.setCurrentContext(name);
  return kc;
}

/** kubectl rollout status's test: the newest generation observed, every replica updated and available. */
export function rolledOut(d: V1Deployment): boolean {
  const want = d.spec?.replicas ?? 1;
  const s = d.status ?? {};
  return (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0) && (s.updatedReplicas ?? 0) === want && (s.availableReplicas ?? 0) === want && (s.replicas ?? 0) === want;
}

const isTrue = (conditions: readonly { type: string; status: string }[] | undefined, type: string) => conditions?.some((c) => c.type === type && c.status === 'True') ?? false;

/** Whether a wait step's condition holds now; a string says what is still missing. */
export async function conditionHolds(kc: KubeConfig, u: WaitCondition): Promise<true | string> {
  switch (u.what) {
    case 'deployments': {
      const list = (await kc.makeApiClient(AppsV1Api).listNamespacedDeployment({ namespace: u.namespace })).items;
      const wanted = u.names ? list.filter((d) => u.names!.includes(d.metadata?.name ?? '')) : list;
      const missing = (u.names ?? []).filter((n) => !list.some((d) => d.metadata?.name === n));
      if (missing.length > 0) return `no Deployment ${missing.join(', ')} yet`;
      if (wanted.length === 0) return `no Deployment in ${u.namespace} yet`;
      const pending = wanted.filter((d) => !(u.names ? rolledOut(d) : isTrue(d.status?.conditions, 'Available') && rolledOut(d)));
      return pending.length === 0 ? true : `not rolled out: ${pending.map((d) => d.metadata?.name).join(', ')}`;
    }
    case 'nodes': {
      const nodes = (await kc.makeApiClient(CoreV1Api).listNode()).items;
      const notReady = nodes.filter((n) => !isTrue(n.status?.conditions, 'Ready'));
      return nodes.length > 0 && notReady.length === 0 ? true : `nodes not Ready: ${notReady.map((n) => n.metadata?.name).join(', ') || 'none listed yet'}`;
    }
    case 'pods': {
      const pods = (await kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: u.namespace, labelSelector: u.selector })).items;
      const notReady = pods.filter((p) => !isTrue(p.status?.conditions, 'Ready'));
      return pods.length > 0 && notReady.length === 0 ? true : `pods not Ready: ${notReady.map((p) => p.metadata?.name).join(', ') || 'none yet'}`;
    }
  }
}

export interface KubeWaitProps extends KubeAccessProps {
  readonly clock?: Clock | undefined;
  readonly signal?: AbortSignal | undefined;
  /** @default 2000 */
  readonly intervalMs?: number;
}

/** Polls until the condition holds; a ReadinessTimeoutError naming the last thing missing otherwise. */
export async function waitUntil(cluster: string, u: WaitCondition, timeoutMs: number, p: KubeWaitProps = {}): Promise<void> {
  await waitFor(
    async () => {
      const r = await conditionHolds(kubeConfigFor(cluster, p), u);
      // thrown, so the timeout error says what was still missing
      if (r !== true) throw new Error(r);
      return true;
    },
    { what: `${cluster}: ${waitText(u)}`, timeoutMs, intervalMs: p.intervalMs ?? 2000, ...(p.clock ? { clock: p.clock } : {}), signal: p.signal },
  );
}

/** The run id a cluster's node carries (RUN_ID_LABEL), if it can be read. */
export async function runIdOf(cluster: string, p: KubeAccessProps = {}): Promise<string | undefined> {
  try {
    const nodes = (await kubeConfigFor(cluster, p).makeApiClient(CoreV1Api).listNode()).items;
    return nodes.map((n) => n.metadata?.labels?.[RUN_ID_LABEL]).find((v) => v !== undefined);
  } catch {
    return undefined; // a cluster half gone still gets deleted
  }
}

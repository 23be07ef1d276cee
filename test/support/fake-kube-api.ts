// Test helper: a fake Kubernetes API per kind cluster (fake-kube-cluster.ts), each on
// its own 127.0.100.x address, with a kubeconfig whose kind-region-lab-* contexts point
// at them, so the kind target's client-node calls (waits, watches, port-forwards) are
// answered and recorded without Docker.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { FakeCluster } from './fake-kube-cluster.js';

export { FakeCluster } from './fake-kube-cluster.js';

export interface FakeKubeApi {
  /** A kubeconfig with a kind-region-lab-<cluster> context per cluster. */
  readonly kubeconfig: string;
  cluster(name: string): FakeCluster;
  dispose(): Promise<void>;
}

/** One fake API server per cluster on 127.0.100.<10+i>; nodes Ready, nothing else until seeded. */
export async function fakeKubeApi(clusters: readonly string[]): Promise<FakeKubeApi> {
  const dir = mkdtempSync(join(tmpdir(), 'region-lab-kube-'));
  const fakes = new Map(clusters.map((c, i) => [c, new FakeCluster(c, `127.0.100.${10 + i}`)]));
  await Promise.all([...fakes.values()].map((f) => f.start()));
  const kubeconfig = join(dir, 'kubeconfig');
  const ctx = (c: string) => `kind-region-lab-${c}`;
  writeFileSync(
    kubeconfig,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [...fakes.values()].map((f) => ({ name: ctx(f.name), cluster: { server: `http://${f.host}:${f.port}`, 'insecure-skip-tls-verify': true } })),
      users: [{ name: 'fake', user: { token: 'fake-token' } }],
      contexts: [...fakes.values()].map((f) => ({ name: ctx(f.name), context: { cluster: ctx(f.name), user: 'fake' } })),
      'current-context': ctx(clusters[0]!),
    }),
  );
  return {
    kubeconfig,
    cluster: (name) =>
      fakes.get(name) ??
      (() => {
        throw new Error(`no fake cluster ${name}`);
      })(),
    async dispose() {
      await Promise.all([...fakes.values()].map((f) => f.stop()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The gateway pod seedHealthy puts in each middleware cluster. */
export const GATEWAY_POD = 'higress-gateway-7d9f-abcde';

/** Seeds what a healthy bring-up leaves: the Deployments and pods the plan waits for and watches. */
export function seedHealthy(api: FakeKubeApi, regions: readonly string[], instancesOf: (region: string) => readonly string[]): void {
  for (const r of regions) {
    const mw = api.cluster(`mw-${r}`);
    for (const d of ['nacos', 'toxiproxy', 'higress-gateway', 'higress-controller', 'nacos-sync']) mw.setDeployment('higress-system', d);
    mw.setPod('higress-system', 'nacos-5b6c-fghij', true, { app: 'nacos' });
    mw.setPod('higress-system', GATEWAY_POD, true, { app: 'higress-gateway' });
    mw.setEndpoints('higress-system', 'nacos-server', ['10.241.0.12']);
    const biz = api.cluster(`biz-${r}`);
    for (const i of instancesOf(r)) {
      biz.setDeployment('region-lab', i);
      biz.setPod('region-lab', `${i}-6f7c-klmno`);
    }
  }
}

// The kind executor against fake kind, kubectl, helm and docker on PATH and a fake
// Kubernetes API per cluster (the waits read it through client-node): the calls come
// in the plan's order, a second `up` recreates nothing, a failure at any step (or
// Ctrl-C) deletes every cluster created before it, and `down` sweeps leftovers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CleanupStack } from '../../src/core/cleanup.js';
import { CommandFailedError, InterruptedError, ProvisioningError } from '../../src/core/errors.js';
import { silentLogger } from '../../src/core/log.js';
import { loadRunInputs } from '../../src/scenario/load-inputs.js';
import { buildKindPlan } from '../../src/targets/kind/build-plan.js';
import { downKind } from '../../src/targets/kind/down.js';
import { KindExecutor } from '../../src/targets/kind/execute.js';
import { substitute, type KindPlan } from '../../src/targets/kind/plan.js';
import { applyArgs } from '../../src/targets/kind/render.js';
import { writeFakes, type Fakes } from '../support/kind-fakes.js';
import { fakeKubeApi, seedHealthy, type FakeKubeApi } from '../support/fake-kube-api.js';
import { kindInstances } from '../../src/targets/kind/links.js';

const inputs = loadRunInputs('scenarios/region-outage.yaml');
const plan = buildKindPlan({ inputs, version: '0.0.0-test' });
const IPS = new Map([['node-ip mw-south', '172.18.0.2'], ['node-ip mw-north', '172.18.0.3'], ['node-ip biz-south', '172.18.0.4'], ['node-ip biz-north', '172.18.0.5'], ['run-id', 'run-test']]);
const NAMES = plan.clusters.map((c) => `region-lab-${c}`);

/** The calls the plan should make, in order, with the fakes' node IPs filled in. */
function expectedCalls(p: KindPlan, existing: readonly string[] = []): string[] {
  const out: string[] = [];
  let listed = false;
  for (const s of p.steps) {
    if (s.phase === 'load') break;
    if (s.kind === 'command') out.push(`${s.tool} ${s.args.map((a) => substitute(a, IPS)).join(' ')}`);
    if (s.kind === 'capture') out.push(`${s.tool} ${s.args.join(' ')}`);
    if (s.kind === 'apply') out.push(`kubectl ${applyArgs(s).join(' ')}`);
    if (s.kind === 'http') out.push(`http ${s.method} ${s.url}`);
    if (s.kind === 'cluster') {
      if (!listed) out.push('kind get clusters');
      listed = true;
      if (!existing.includes(s.name)) out.push(`kind create cluster --name ${s.name} --config ${s.config} --wait 120s`);
    }
  }
  return out;
}

let fakes: Fakes;
let kube: FakeKubeApi;
beforeEach(async () => {
  fakes = writeFakes();
  kube = await fakeKubeApi(plan.clusters);
  seedHealthy(kube, ['south', 'north'], (r) => kindInstances(inputs.topology.regions.find((x) => x.name === r)!).map((i) => i.id));
});
afterEach(async () => {
  fakes.dispose();
  await kube.dispose();
});

const executor = (cleanup: CleanupStack, extra: { keep?: boolean; signal?: AbortSignal } = {}) =>
  new KindExecutor({ run: fakes.run, http: fakes.http, log: silentLogger, cleanup, runId: 'run-test', kube: { kubeconfig: kube.kubeconfig }, ...extra });

describe('kind executor with fake binaries', () => {
  it('GIVEN no clusters WHEN up runs THEN every call comes in the plan order, node IPs filled in', async () => {
    const cleanup = new CleanupStack();
    await executor(cleanup).up(plan);
    const calls = fakes.calls();
    expect(calls).toEqual(expectedCalls(plan));
    expect(calls.findIndex((c) => c.startsWith('kind create'))).toBeLessThan(calls.findIndex((c) => c.startsWith('helm upgrade')));
    expect(calls.join('\n')).not.toContain('$(node-ip');
    expect(fakes.clusters()).toEqual(NAMES);
    expect(cleanup.size).toBe(4);
    // every wait read the cluster through the Kubernetes API, not kubectl
    expect(calls.some((c) => / wait | rollout status/.test(c))).toBe(false);
    expect(kube.cluster('biz-south').requests).toContain('GET /apis/apps/v1/namespaces/region-lab/deployments');
    expect(kube.cluster('mw-south').requests.filter((r) => r === 'GET /apis/apps/v1/namespaces/higress-system/deployments').length).toBeGreaterThanOrEqual(2);
    expect(calls).toContain('kubectl --context kind-region-lab-mw-north label nodes --all --overwrite region-lab/run-id=run-test');
  });

  it('GIVEN Nacos that never becomes ready WHEN up waits for it THEN it times out naming the Deployment and what is missing', async () => {
    kube.cluster('mw-north').setDeployment('higress-system', 'nacos', false);
    const { FakeClock } = await import('../support/fake-clock.js');
    const clock = new FakeClock(1_800_000_000_000, true);
    const err = await new KindExecutor({ run: fakes.run, http: fakes.http, log: silentLogger, cleanup: new CleanupStack(), clock, kube: { kubeconfig: kube.kubeconfig } }).up(plan).then(() => undefined, (e: unknown) => e);
    expect((err as Error).message).toMatch(/mw-north: Deployment nacos in higress-system rolled out was not ready after 600 s \(last check: not rolled out: nacos\)/);
  });

  it('GIVEN clusters from an earlier up WHEN up runs again THEN none is recreated and the rest is re-applied', async () => {
    await executor(new CleanupStack(), { keep: true }).up(plan);
    const first = fakes.calls().length;
    const cleanup = new CleanupStack();
    await executor(cleanup, { keep: true }).up(plan);
    const second = fakes.calls().slice(first);
    expect(second.filter((c) => c.startsWith('kind create'))).toEqual([]);
    expect(second).toEqual(expectedCalls(plan, NAMES));
    expect(fakes.clusters()).toEqual(NAMES);
    // kept clusters that this run did not create are not torn down
    expect(cleanup.size).toBe(0);
  });

  it('GIVEN a call that fails at each step WHEN up stops THEN cleanup deletes every cluster created before it', async () => {
    const calls = expectedCalls(plan);
    // the readiness probes retry, so the last call that fails for good is the last binary call
    const lastBinary = calls.findLastIndex((c) => !c.startsWith('http')) + 1;
    const firstToxic = calls.findIndex((c) => c.startsWith('http')) + 1;
    const picks = new Set<number>([1, 2, 3, firstToxic, lastBinary]);
    calls.forEach((c, i) => {
      if (c.startsWith('kind create') || c.startsWith('helm upgrade') || c.startsWith('kubectl --context kind-region-lab-biz-south apply')) picks.add(i + 1).add(i + 2);
    });
    for (const n of [...picks].sort((a, b) => a - b)) {
      fakes.dispose();
      fakes = writeFakes();
      fakes.failAt(n);
      const cleanup = new CleanupStack();
      const err = await executor(cleanup).up(plan).then(() => undefined, (e: unknown) => e);
      expect(err, `call ${n}`).toBeInstanceOf(n === firstToxic ? ProvisioningError : CommandFailedError);
      const created = fakes.calls().slice(0, n).filter((c) => c.startsWith('kind create')).map((c) => c.split(' ')[4]!);
      fakes.failAt(undefined);
      expect(await cleanup.runAll()).toEqual([]);
      const deleted = fakes.calls().slice(n).filter((c) => c.startsWith('kind delete')).map((c) => c.split(' ')[4]!);
      expect(deleted, `failure at call ${n}`).toEqual(expect.arrayContaining(created));
      // newest first, and nothing is left
      expect(deleted).toEqual([...deleted].sort((a, b) => NAMES.indexOf(b) - NAMES.indexOf(a)));
      expect(fakes.clusters(), `failure at call ${n}`).toEqual([]);
    }
  }, 60_000);

  it('GIVEN Ctrl-C during bring-up WHEN the executor sees it THEN it stops before the next step and the clusters go', async () => {
    const ctrl = new AbortController();
    const cleanup = new CleanupStack();
    const http = fakes.http;
    const ex = new KindExecutor({ run: fakes.run, log: silentLogger, cleanup, signal: ctrl.signal, kube: { kubeconfig: kube.kubeconfig }, http: async (r) => (ctrl.abort(), http(r)) });
    await expect(ex.up(plan)).rejects.toBeInstanceOf(InterruptedError);
    await cleanup.runAll();
    expect(fakes.clusters()).toEqual([]);
    expect(fakes.calls().filter((c) => c.startsWith('http'))).toHaveLength(1);
  });

  it('GIVEN leftovers of a crashed run and a foreign cluster WHEN down --target kind THEN only region-lab- clusters go', async () => {
    await executor(new CleanupStack(), { keep: true }).up(plan);
    await fakes.run('kind', ['create', 'cluster', '--name', 'someone-else']);
    kube.cluster('mw-south').setNodeLabel('region-lab/run-id', 'run-test');
    const gone = await downKind(fakes.run, silentLogger, { kubeconfig: kube.kubeconfig });
    expect(gone.map((g) => g.name).sort()).toEqual([...NAMES].sort());
    expect(gone.find((g) => g.name === 'region-lab-mw-south')?.runId).toBe('run-test');
    expect(fakes.clusters()).toEqual(['someone-else']);
  });
});

// The kind target through the same runScenario as the local one, with fake kind,
// kubectl, helm and docker binaries, a fake Kubernetes API per cluster and a fake
// load: the fault's commands run when the timeline says, the clusters' watches put
// their events in the report, the run leaves the same four files as a local run
// (summary.json in the same schema), `region-lab report` and `region-lab index` read
// its directory, and teardown deletes every cluster.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { realClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/log.js';
import { rebuildReport, writeReportsIndex } from '../../src/report/index.js';
import { fileReporters } from '../../src/report/reporters.js';
import { runScenario } from '../../src/run/run-scenario.js';
import { loadRunInputs } from '../../src/scenario/load-inputs.js';
import { kindTarget } from '../../src/targets/kind/kind-target.js';
import { kindInstances } from '../../src/targets/kind/links.js';
import { fakeKubeApi, GATEWAY_POD, seedHealthy, type FakeKubeApi } from '../support/fake-kube-api.js';
import { FakeEnvoyAdmin } from '../support/fake-envoy-admin.js';
import { fakeLoad } from '../support/fake-load.js';
import { writeFakes, type Fakes } from '../support/kind-fakes.js';
import { summaryValidator } from '../support/summary-schema.js';

const SCENARIO = 'test/fixtures/kind-short-outage.yaml';
const inputs = loadRunInputs(SCENARIO);
const CLUSTERS = ['mw-south', 'mw-north', 'biz-south', 'biz-north'];
let fakes: Fakes;
let kube: FakeKubeApi;
let reports: string;
let proc: string;
let envoys: FakeEnvoyAdmin[] = [];
const SOUTH_SVC = 'user-service-south.DEFAULT-GROUP.public.nacos';

beforeEach(async () => {
  fakes = writeFakes();
  kube = await fakeKubeApi(CLUSTERS);
  seedHealthy(kube, ['south', 'north'], (r) => kindInstances(inputs.topology.regions.find((x) => x.name === r)!).map((i) => i.id));
  // each gateway pod's Envoy admin, reached through a port-forward
  envoys = ['127.0.100.30', '127.0.100.31'].map((h) => new FakeEnvoyAdmin(h));
  await Promise.all(envoys.map((e) => e.start()));
  envoys.forEach((e, i) => {
    e.set(SOUTH_SVC, ['172.18.0.4:19001', '172.18.0.4:19002']);
    kube.cluster(i === 0 ? 'mw-south' : 'mw-north').forwardTo(GATEWAY_POD, 15000, { host: e.host, port: e.port });
  });
  reports = mkdtempSync(join(tmpdir(), 'rl-kind-run-'));
  proc = join(reports, 'proc');
  mkdirSync(join(proc, 'sys/fs/inotify'), { recursive: true });
  writeFileSync(join(proc, 'meminfo'), 'MemAvailable:   16777216 kB\n');
  writeFileSync(join(proc, 'sys/fs/inotify/max_user_watches'), '524288\n');
  writeFileSync(join(proc, 'sys/fs/inotify/max_user_instances'), '512\n');
});
afterEach(async () => {
  fakes.dispose();
  await kube.dispose();
  await Promise.all(envoys.map((e) => e.stop()));
  rmSync(reports, { recursive: true, force: true });
});

/** The node a fault kills takes its API server along; `docker start` brings both back. */
function followNodeFaults(): () => void {
  const biz = kube.cluster('biz-south');
  let seen = 0;
  const timer = setInterval(() => {
    const calls = fakes.calls();
    for (const c of calls.slice(seen)) {
      if (c === 'docker kill --signal KILL region-lab-biz-south-control-plane') {
        void biz.stop();
        // the south gateway loses one endpoint while the node is down
        envoys[0]!.set(SOUTH_SVC, ['172.18.0.4:19001']);
      }
      if (c === 'docker start region-lab-biz-south-control-plane') void biz.start();
    }
    seen = calls.length;
  }, 20);
  return () => clearInterval(timer);
}

describe('a scenario on the kind target with fake binaries and a fake API', () => {
  it("GIVEN kind-short-outage WHEN run through runScenario THEN it leaves the local target's files, its events, and no cluster", async () => {
    const stop = followNodeFaults();
    const target = kindTarget({ version: '0.0.0-test', log: silentLogger, run: fakes.run, http: fakes.http, procRoot: proc, cpus: () => 8, kubeconfig: kube.kubeconfig });
    const out = await runScenario({
      scenarioFile: SCENARIO,
      target,
      load: () => fakeLoad({ clock: realClock }),
      reporters: fileReporters(),
      log: silentLogger,
      version: '0.0.0-test',
      reportsRoot: reports,
    });
    stop();

    expect(out.exitCode, out.run.failure?.message).toBe(0);
    for (const f of ['report.html', 'summary.json', 'junit.xml', 'raw/run.json']) expect(existsSync(join(out.reportDir, f)), f).toBe(true);
    const summary = JSON.parse(readFileSync(join(out.reportDir, 'summary.json'), 'utf8')) as Record<string, unknown>;
    expect(summaryValidator()(summary), JSON.stringify(summaryValidator().errors)).toBe(true);
    expect(summary).toMatchObject({ target: 'kind', ended: 'completed', scenario: 'kind-short-outage', higress: '2.1' });
    expect((summary.requests as { total: number }).total).toBe(50);

    // the fault ran as the plan spells it, when the timeline said, and was healed
    const calls = fakes.calls();
    const kill = calls.indexOf('docker kill --signal KILL region-lab-biz-south-control-plane');
    const start = calls.indexOf('docker start region-lab-biz-south-control-plane');
    expect(kill).toBeGreaterThan(calls.findIndex((c) => c.startsWith('helm upgrade')));
    expect(start).toBeGreaterThan(kill);
    expect(summary.faults).toEqual([expect.objectContaining({ id: 'south-down', appliedAtS: expect.closeTo(1, 0) })]);

    // the watches saw the node go and come back: the report has those events
    const lanes = out.run.events.filter((e) => e.source === 'biz-south').map((e) => e.kind);
    expect(lanes).toEqual(expect.arrayContaining(['pod-added', 'watch-lost', 'watch-resumed']));
    expect(readFileSync(join(out.reportDir, 'report.html'), 'utf8')).toContain('watch-lost');
    // the south gateway's Envoy, read through a port-forward: its endpoints, and the one it lost
    const gw = out.run.events.filter((e) => e.source === 'gw-south-1').map((e) => [e.kind, (e.detail as { address?: string }).address]);
    expect(gw).toEqual(
      expect.arrayContaining([
        ['endpoint-added', '172.18.0.4:19001'],
        ['endpoint-added', '172.18.0.4:19002'],
        ['endpoint-removed', '172.18.0.4:19002'],
      ]),
    );
    expect(kube.cluster('mw-south').requests).toContain(`PORTFORWARD /api/v1/namespaces/higress-system/pods/${GATEWAY_POD}/portforward?ports=15000`);
    expect(kube.cluster('mw-south').requests).toContain('GET /api/v1/namespaces/higress-system/pods?labelSelector=app=higress-gateway');

    // every cluster created was deleted, newest first
    expect(fakes.clusters()).toEqual([]);
    expect(calls.filter((c) => c.startsWith('kind delete')).map((c) => c.split(' ')[4])).toEqual(['region-lab-biz-north', 'region-lab-biz-south', 'region-lab-mw-north', 'region-lab-mw-south']);

    // the CLI's report and index read a kind run's directory like any other
    const rebuilt = await rebuildReport(out.reportDir);
    expect(rebuilt.from).toBe('run.json');
    expect(rebuilt.run.events.filter((e) => e.source === 'biz-south').map((e) => e.kind)).toEqual(lanes);
    const index = await writeReportsIndex(reports);
    expect(index.scenarios).toBe(1);
    expect(readFileSync(index.file, 'utf8')).toContain('kind-short-outage');
  }, 60_000);

  it('GIVEN --keep and a fault that lasts past the load THEN no cluster is deleted and the fault is healed before they are left', async () => {
    const stop = followNodeFaults();
    const file = join(reports, 'kind-lasting-outage.yaml');
    writeFileSync(file, readFileSync(SCENARIO, 'utf8').replace('name: kind-short-outage', 'name: kind-lasting-outage').replace('    until: 2500ms\n', ''));
    const target = kindTarget({ version: '0.0.0-test', log: silentLogger, keep: true, run: fakes.run, http: fakes.http, procRoot: proc, cpus: () => 8, kubeconfig: kube.kubeconfig });
    const out = await runScenario({
      scenarioFile: file,
      target,
      load: () => fakeLoad({ clock: realClock }),
      reporters: fileReporters(),
      log: silentLogger,
      version: '0.0.0-test',
      reportsRoot: reports,
    });
    stop();
    expect(out.exitCode, out.run.failure?.message).toBe(0);
    expect(out.run.faults[0]!.healedAtMs).toBeUndefined();
    expect(fakes.clusters()).toHaveLength(4);
    const calls = fakes.calls();
    expect(calls.filter((c) => c.startsWith('kind delete'))).toEqual([]);
    expect(calls.indexOf('docker start region-lab-biz-south-control-plane')).toBeGreaterThan(calls.indexOf('docker kill --signal KILL region-lab-biz-south-control-plane'));
  }, 60_000);
});

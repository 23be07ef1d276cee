// Scenario region-outage, end to end through the CLI as a user runs it: real Nacos,
// Toxiproxy, HAProxy, k6 and the gateways (real Envoy where installed). Proves the pinned finding (with this
// recipe, failover never happens on Higress 2.1: the last endpoints stay, so the
// claim fails and the run exits 1), the summary's outcomes add up to every request k6
// sent, nothing listened outside loopback and nothing is left running afterwards.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { latestRun, outcomeTotal, runCli } from '../support/cli.js';
import { leftoversOfRun, watchNonLoopbackListeners } from '../support/leftovers.js';

describe('scenario region-outage on the local target', () => {
  it('GIVEN the shipped scenario WHEN run through the CLI THEN it ends with a verdict backed by every request, on loopback only, leaving nothing behind', async () => {
    const watch = watchNonLoopbackListeners();
    const { code, stdout, stderr } = await runCli(['run', 'scenarios/region-outage.yaml']);
    const wide = watch.stop();
    expect(stderr).toMatch(/starting the Nacos registries/);
    // the pinned finding (scenario knownOutcome): the claim does not hold, and failover is never
    expect(code, `exit ${code}\n${stderr.slice(-3000)}`).toBe(1);
    expect(stdout).toMatch(/^region-outage: FAIL on Higress 2\.1, data plane (Envoy \d+\.\d+\.\d+|region-lab model) \(local\)/m);
    expect(stdout).toMatch(/as this scenario declares/);

    const { dir, summary } = latestRun('region-outage');
    expect(summary.scenario).toBe('region-outage');
    expect(summary.target).toBe('local');
    expect(summary.verdict).toBe('fail');
    expect(summary.expectations.find((e) => e.id === 'failover')).toMatchObject({ pass: false, measured: 'never' });
    expect(summary.expectations.find((e) => e.id === 'accounting')?.pass).toBe(true);
    expect(summary.requests.total).toBeGreaterThan(5000);
    expect(outcomeTotal(summary)).toBe(summary.requests.total);
    // the raw lines are the evidence: one per request, as many as the summary and k6 itself counted
    const raw = readFileSync(join(dir, 'raw', 'requests.tsv'), 'utf8');
    expect(raw.split('\n').filter((l) => l.length > 0 && !l.startsWith('#'))).toHaveLength(summary.requests.total);
    expect(JSON.parse(readFileSync(join(dir, 'raw', 'k6-summary.json'), 'utf8')).metrics.http_reqs.count).toBe(summary.requests.total);
    expect(Buffer.byteLength(raw) / summary.requests.total).toBeLessThan(300);
    for (const f of ['report.html', 'junit.xml', 'logs/nacos-south.log', 'logs/gw-south-1.log']) expect(existsSync(join(dir, f)), f).toBe(true);

    expect(wide, 'listeners outside 127.0.0.0/8 during the run').toEqual([]);
    const left = leftoversOfRun(summary.runId);
    expect(left.processes).toEqual([]);
    expect(left.stateDirs).toEqual([]);
    expect(left.nftTables).toEqual([]);
  }, 600_000);
});

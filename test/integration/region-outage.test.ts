// Scenario region-outage, end to end through the CLI as a user runs it: real Nacos,
// Toxiproxy, HAProxy, k6 and the gateway model. Proves the run reaches a verdict
// (exit 0 or 1 per the evidence), the summary's outcomes add up to every request k6
// sent, the verdict names the Higress version, nothing listened outside loopback and
// nothing is left running afterwards.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { latestRun, outcomeTotal, runCli } from './cli.js';
import { baseline, leftovers, watchNonLoopbackListeners } from './leftovers.js';

describe('scenario region-outage on the local target', () => {
  it('GIVEN the shipped scenario WHEN run through the CLI THEN it ends with a verdict backed by every request, on loopback only, leaving nothing behind', async () => {
    const before = await baseline();
    const watch = watchNonLoopbackListeners();
    const { code, stdout, stderr } = await runCli(['run', 'scenarios/region-outage.yaml']);
    const wide = watch.stop();
    expect(stderr).toMatch(/starting the Nacos registries/);
    expect([0, 1], `exit ${code}\n${stderr.slice(-3000)}`).toContain(code);
    expect(stdout).toMatch(/^region-outage: (PASS|FAIL) on Higress 2\.1/m);

    const { dir, summary } = latestRun('region-outage');
    expect(summary.scenario).toBe('region-outage');
    expect(summary.target).toBe('local');
    expect(summary.verdict).toBe(code === 0 ? 'pass' : 'fail');
    expect(summary.requests.total).toBeGreaterThan(5000);
    expect(outcomeTotal(summary)).toBe(summary.requests.total);
    // the raw points are the evidence: the same number of requests as the summary
    const raw = readFileSync(join(dir, 'raw', 'k6-points.jsonl'), 'utf8');
    expect(raw.split('\n').filter((l) => l.includes('"metric":"http_reqs"') && l.includes('"type":"Point"'))).toHaveLength(summary.requests.total);
    for (const f of ['report.html', 'junit.xml', 'logs/nacos-south.log', 'logs/gw-south-1.log']) expect(existsSync(join(dir, f)), f).toBe(true);

    expect(wide, 'listeners outside 127.0.0.0/8 during the run').toEqual([]);
    const left = await leftovers(before);
    expect(left.processes).toEqual([]);
    expect(left.stateDirs).toEqual([]);
    expect(left.nftTables).toEqual([]);
  }, 600_000);
});

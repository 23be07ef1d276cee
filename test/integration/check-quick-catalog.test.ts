// `region-lab check --quick` end to end on the catalog set: one service name in both
// regions (hz, sh: from the Deployments' region labels), a DestinationRule with locality
// failover, an EnvoyFilter health check and region-labelled gateway pods (region-lab.yaml).
// The quick run shows locality (each region serves its own) and failover when hz dies.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { outcomeTotal, runCli, type Summary } from '../support/cli.js';
import { baseline, leftovers } from '../support/leftovers.js';

const out = mkdtempSync(join(tmpdir(), 'rl-it-check-cat-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('check --quick on the catalog DestinationRule locality set', () => {
  it('GIVEN locality failover by region THEN every region serves its own requests, and hz fails over to sh and back, measured from the requests', async () => {
    const before = await baseline();
    const { code, stdout, stderr } = await runCli(['check', 'test/fixtures/check/catalog-locality-dr', '--quick', '--out', out]);
    expect([0, 1], `exit ${code}\n${stdout.slice(-2000)}\n${stderr.slice(-3000)}`).toContain(code);
    expect(stdout).toMatch(/^regions hz, sh — from region labels on Deployment catalog\/pricing/m);
    expect(stdout).toMatch(/^gateway pod labels region=\{region\} — .*region-lab.yaml gatewayPodLabels$/m);

    const check = JSON.parse(readFileSync(join(out, 'check.json'), 'utf8')) as { scenarios: { name: string; reportDir: string | null }[] };
    const dir = check.scenarios.find((s) => s.name === 'catalog-locality-dr-quick')!.reportDir!;
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Summary;
    expect(outcomeTotal(summary)).toBe(summary.requests.total);
    const byId = Object.fromEntries(summary.expectations.map((e) => [e.id, e]));
    // locality: at least 95% local in each region before the fault (region-lab.yaml minLocalShare)
    expect(byId['hz-proximity']!.pass, byId['hz-proximity']!.sentence).toBe(true);
    expect(byId['sh-proximity']!.pass, byId['sh-proximity']!.sentence).toBe(true);
    // failover by the health check (2 × 3 s + 2 s): well inside the 15 s policy
    expect(byId['hz-failover']!.pass, byId['hz-failover']!.sentence).toBe(true);
    expect(byId['hz-failback']!.measured).not.toBe('never');
    expect(code).toBe(summary.verdict === 'pass' ? 0 : 1);

    const left = await leftovers(before);
    expect(left.processes).toEqual([]);
    expect(left.stateDirs).toEqual([]);
  }, 600_000);
});

// `region-lab check --quick` end to end on a config that is not the runbook's: the retail
// set (an Ingress with higress.io/destination, exported with kubectl get -o yaml, service
// names inventory-sh / inventory-bj, no region-lab.yaml). Real Nacos, Toxiproxy, HAProxy,
// k6 and the gateways (real Envoy where installed) on check's own addresses (127.0.90–91.x); the verdicts come
// from the requests k6 made; nothing listens outside loopback; nothing is left running.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { outcomeTotal, runCli, type Summary } from '../support/cli.js';
import { baseline, leftovers, watchNonLoopbackListeners } from '../support/leftovers.js';

const out = mkdtempSync(join(tmpdir(), 'rl-it-check-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('check --quick on the retail Ingress export', () => {
  it('GIVEN only the manifests WHEN checked --quick THEN one run loads both regions, every expectation is measured from its requests, and the index says so', async () => {
    const before = await baseline();
    const watch = watchNonLoopbackListeners();
    const { code, stdout, stderr } = await runCli(['check', 'test/fixtures/check/retail-ingress-export', '--quick', '--out', out]);
    const wide = watch.stop();
    expect([0, 1], `exit ${code}\n${stdout.slice(-2000)}\n${stderr.slice(-3000)}`).toContain(code);
    expect(stdout).toMatch(/^regions sh, bj — from service names inventory-sh \/ inventory-bj$/m);
    expect(stdout).toMatch(/^route retail\.example\.cn \/inventory \(prefix\) → inventory-sh 70%, inventory-bj 30% \(every region;/m);
    expect(stdout).toMatch(/^check 1\/1: retail-ingress-export-quick$/m);
    // the data plane resolved as run resolves it: Envoy wherever make install installed it
    expect(stderr).toMatch(/starting Higress 2\.2 in every middleware cluster \(data plane: (Envoy \d+\.\d+\.\d+|region-lab model)\)/);
    // CI (no terminal): the live line comes as plain lines
    expect(stderr).toMatch(/^ {2}t=\d+s {2}\d+ req\/s {2}errors \d+(\.\d)?% {2}local /m);

    const check = JSON.parse(readFileSync(join(out, 'check.json'), 'utf8')) as { exitCode: number; scenarios: { name: string; reportDir: string | null; verdict: string | null }[] };
    expect(check.exitCode).toBe(code);
    const quick = check.scenarios.find((s) => s.name === 'retail-ingress-export-quick')!;
    expect(quick.reportDir).not.toBeNull();
    const summary = JSON.parse(readFileSync(join(quick.reportDir!, 'summary.json'), 'utf8')) as Summary;
    expect(summary.verdict).toBe(code === 0 ? 'pass' : 'fail');
    expect(quick.verdict).toBe(summary.verdict);
    // both regions loaded at 30 req/s for the whole run
    expect(summary.requests.total).toBeGreaterThan(4000);
    expect(outcomeTotal(summary)).toBe(summary.requests.total);
    expect(summary.expectations.map((e) => e.id)).toEqual(['sh-proximity', 'sh-failover', 'sh-failback', 'bj-proximity', 'bj-failover', 'accounting']);
    for (const e of summary.expectations) expect(e.measured, e.id).not.toBe('not measured');
    expect(summary.expectations.find((e) => e.id === 'accounting')!.pass).toBe(true);
    // the shared 70/30 route: the bj entry serves 30% locally, below the default 70%
    const bj = summary.expectations.find((e) => e.id === 'bj-proximity')!;
    expect(bj.pass).toBe(false);
    expect(Number(bj.measured.replace('%', ''))).toBeLessThan(45);
    const page = readFileSync(join(out, 'index.html'), 'utf8');
    expect(page).toContain('retail-ingress-export-quick');
    expect(existsSync(join(quick.reportDir!, 'report.html'))).toBe(true);

    expect(wide, 'listeners outside 127.0.0.0/8 during the run').toEqual([]);
    const left = await leftovers(before);
    expect(left.processes).toEqual([]);
    expect(left.stateDirs).toEqual([]);
  }, 600_000);
});

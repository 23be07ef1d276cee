// `region-lab check --quick` end to end on the payments set: an HTTPRoute to Nacos
// services ledger-east / ledger-west (Nacos namespace fin, group PAY_GROUP) and an
// McpBridge with a registry per region (multi-registry, no sync), judged on Higress 2.1
// as its region-lab.yaml says. Real components on check's addresses (127.0.90–91.x).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { outcomeTotal, runCli, type Summary } from '../support/cli.js';
import { baseline, leftovers } from '../support/leftovers.js';

const out = mkdtempSync(join(tmpdir(), 'rl-it-check-pay-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('check --quick on the payments HTTPRoute + multi-registry set', () => {
  it('GIVEN a registry per region and services in their own Nacos namespace and group THEN the gateways discover both regions and the quick run is judged from its requests', async () => {
    const before = await baseline();
    const { code, stdout, stderr } = await runCli(['check', 'test/fixtures/check/payments-httproute-multi', '--quick', '--out', out]);
    expect([0, 1], `exit ${code}\n${stdout.slice(-2000)}\n${stderr.slice(-3000)}`).toContain(code);
    expect(stdout).toMatch(/^discovery multi-registry — the McpBridge lists a registry per region \(nacos-east → east, nacos-west → west\)$/m);
    expect(stderr).not.toMatch(/starting the registry sync/);

    const check = JSON.parse(readFileSync(join(out, 'check.json'), 'utf8')) as { scenarios: { name: string; reportDir: string | null }[] };
    const dir = check.scenarios.find((s) => s.name === 'payments-httproute-multi-quick')!.reportDir!;
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Summary & { discovery: string };
    expect(summary.higress).toBe('2.1');
    expect(summary.discovery).toBe('multi-registry');
    expect(outcomeTotal(summary)).toBe(summary.requests.total);
    // steady state: the 90/10 route from every region; ledger-west only comes from the west registry
    const served = (summary.requests['served-local'] as number) + (summary.requests['served-remote'] as number);
    expect(served).toBeGreaterThan(summary.requests.total * 0.5);
    for (const e of summary.expectations) expect(e.measured, e.id).not.toBe('not measured');
    const east = summary.expectations.find((e) => e.id === 'east-proximity')!;
    expect(east.pass, east.sentence).toBe(true);
    // the west Higress reads both Nacos: its controller's endpoint events name both registries' services
    const events = readFileSync(join(dir, 'logs', 'higress-controller-west.events.jsonl'), 'utf8');
    expect(events).toMatch(/ledger-east\.PAY-GROUP\.fin\.nacos/);
    expect(events).toMatch(/ledger-west\.PAY-GROUP\.fin\.nacos/);

    const left = await leftovers(before);
    expect(left.processes).toEqual([]);
    expect(left.stateDirs).toEqual([]);
  }, 600_000);
});

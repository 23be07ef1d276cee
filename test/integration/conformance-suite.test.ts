// Scenario: Higress's own test cases (conformance/) hold on the gateway model for both
// profiles, against one real Nacos 2.5.0 for the Nacos-backed cases: no case fails
// except the known failures each case declares, and no known failure passes (a stale
// mark). Also: the CLI refuses the Envoy data plane with exit 2, and Ctrl-C during a
// run exits 130 leaving no Nacos behind. Addresses: 127.0.80.0/24–127.0.89.0/24 only.
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runSuite } from '../../src/conformance/index.js';
import { loadCases } from '../../src/conformance/load.js';
import type { LogEvent } from '../../src/core/log.js';
import { STATE_ROOT } from '../../src/run/run-dir.js';
import { runCli } from './cli.js';
import { processesMentioning } from './harness.js';

const NACOS_ADDRESS = '127.0.80.2';
const leftovers = () => (existsSync(STATE_ROOT) ? readdirSync(STATE_ROOT).filter((d) => d.startsWith('conformance-')) : []);

describe('conformance suite on the model', () => {
  it('GIVEN every case on Higress 2.1 and 2.2 WHEN run THEN only declared known failures differ, and nothing is left running', async () => {
    const before = leftovers();
    const log: LogEvent[] = [];
    const result = await runSuite({ dataPlane: 'model', log: (e) => void log.push(e) });
    const cases = loadCases();
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(result.runs.length).toBe(cases.reduce((n, c) => n + c.case.higress.length, 0));
    for (const v of ['2.1', '2.2'] as const) {
      const rows = result.runs.filter((r) => r.higress === v).flatMap((r) => r.results);
      const n = (o: string) => rows.filter((r) => r.outcome === o).length;
      console.log(`Higress ${v}: ${rows.length} requests, ${n('pass')} pass, ${n('xfail')} known failures, ${n('fail')} fail, ${n('xpass')} stale marks`);
    }
    console.log(`suite: ${result.runs.length} case runs in ${(result.durationMs / 1000).toFixed(1)} s`);
    const unexpected = result.runs.flatMap((r) => r.results.filter((x) => x.outcome === 'fail' || x.outcome === 'xpass').map((x) => `${r.case} on ${r.higress} / ${x.request}: ${x.outcome} ${x.problems.join('; ')}`));
    expect(unexpected).toEqual([]);
    expect(result.totals.pass).toBeGreaterThan(result.totals.xfail);
    expect(await processesMentioning(`-Dnacos.server.ip=${NACOS_ADDRESS}`)).toEqual([]);
    expect(leftovers()).toEqual(before);
  });

  it('GIVEN --data-plane envoy WHEN the CLI runs THEN exit 2, "not available yet", nothing started', async () => {
    const r = await runCli(['conformance', '--data-plane', 'envoy']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not available yet');
    expect(await processesMentioning(`-Dnacos.server.ip=${NACOS_ADDRESS}`)).toEqual([]);
  });

  it('GIVEN a running suite WHEN Ctrl-C arrives THEN it stops after the current case, exits 130 and leaves no Nacos and no state', async () => {
    const before = leftovers();
    let sent = false;
    const r = await runCli(['conformance', 'conformance'], (all, child) => {
      if (!sent && /\[2\/\d+\]/.test(all)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    expect(sent).toBe(true);
    expect(r.code).toBe(130);
    expect(await processesMentioning(`-Dnacos.server.ip=${NACOS_ADDRESS}`)).toEqual([]);
    expect(leftovers()).toEqual(before);
  });
});

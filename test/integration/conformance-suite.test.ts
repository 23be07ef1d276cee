// Scenario: Higress's own test cases (conformance/) hold on both data planes — real
// Envoy 1.36 fed region-lab's translation, and the model — for both profiles, against
// one real Nacos 2.5.0 for the Nacos-backed cases: no case fails except the known
// failures each case declares, no known failure passes (a stale mark), and the two data
// planes answer alike except where a data-plane mark says why. Also: Ctrl-C during a
// run exits 130 leaving no Nacos and no Envoy behind. Addresses: 127.0.80.0/24–127.0.89.0/24 only.
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runSuite } from '../../src/conformance/index.js';
import { loadCases } from '../../src/conformance/load.js';
import type { DataPlane } from '../../src/conformance/schema.js';
import type { LogEvent } from '../../src/core/log.js';
import { STATE_ROOT } from '../../src/run/run-dir.js';
import { runCli } from '../support/cli.js';
import { processesMentioning } from '../support/harness.js';

const NACOS_ADDRESS = '127.0.80.2';
const leftovers = () => (existsSync(STATE_ROOT) ? readdirSync(STATE_ROOT).filter((d) => d.startsWith('conformance-')) : []);

const outcomes = new Map<DataPlane, Map<string, boolean>>();

describe.each(['envoy', 'model'] as const)('conformance suite on the %s data plane', (dataPlane) => {
  it('GIVEN every case on Higress 2.1 and 2.2 WHEN run THEN only declared known failures differ, and nothing is left running', async () => {
    const before = leftovers();
    const log: LogEvent[] = [];
    const result = await runSuite({ dataPlane, log: (e) => void log.push(e) });
    outcomes.set(dataPlane, new Map(result.runs.flatMap((r) => r.results.map((x) => [`${r.case} on ${r.higress} / ${x.request}`, x.problems.length === 0] as const))));
    const cases = loadCases();
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(result.runs.length).toBe(cases.reduce((n, c) => n + c.case.higress.length, 0));
    for (const v of ['2.1', '2.2'] as const) {
      const rows = result.runs.filter((r) => r.higress === v).flatMap((r) => r.results);
      const n = (o: string) => rows.filter((r) => r.outcome === o).length;
      console.log(`${dataPlane}, Higress ${v}: ${rows.length} requests, ${n('pass')} pass, ${n('xfail')} known failures, ${n('fail')} fail, ${n('xpass')} stale marks`);
    }
    console.log(`suite on ${dataPlane}: ${result.runs.length} case runs in ${(result.durationMs / 1000).toFixed(1)} s`);
    const unexpected = result.runs.flatMap((r) => r.results.filter((x) => x.outcome === 'fail' || x.outcome === 'xpass').map((x) => `${r.case} on ${r.higress} / ${x.request}: ${x.outcome} ${x.problems.join('; ')}`));
    expect(unexpected).toEqual([]);
    expect(result.totals.pass).toBeGreaterThan(result.totals.xfail);
    expect(await processesMentioning(`-Dnacos.server.ip=${NACOS_ADDRESS}`)).toEqual([]);
    expect(await processesMentioning('gw-conformance')).toEqual([]);
    expect(leftovers()).toEqual(before);
  });
});

describe('conformance: Envoy and the model side by side', () => {
  it('GIVEN both suites ran WHEN their answers are compared request by request THEN they differ only where a case marks one data plane, with the reason', () => {
    const envoy = outcomes.get('envoy');
    const model = outcomes.get('model');
    expect(envoy && model).toBeTruthy();
    // a data-plane mark (not "translation") is the only allowed reason for the two to differ
    const marked = new Set(loadCases().flatMap(({ case: c }) => c.knownFailures.filter((k) => k.dataPlane !== 'translation').flatMap((k) => (k.higress ?? c.higress).flatMap((v) => (k.requests ?? c.requests.map((r) => r.name)).map((r) => `${c.name} on ${v} / ${r}`)))));
    const differ = [...envoy!.keys()].filter((k) => envoy!.get(k) !== model!.get(k));
    console.log(`Envoy and the model agree on ${envoy!.size - differ.length} of ${envoy!.size} requests; they differ on: ${differ.join(', ') || 'none'}`);
    expect(differ.filter((k) => !marked.has(k))).toEqual([]);
  });
});

describe('conformance: interrupted', () => {
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
    expect(await processesMentioning('gw-conformance')).toEqual([]);
    expect(leftovers()).toEqual(before);
  });
});

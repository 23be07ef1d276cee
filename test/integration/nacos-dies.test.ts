// Scenario: a component dies although no fault asked for it. The run's Nacos of the
// south is killed from outside while the load runs (the real Nacos, Toxiproxy, HAProxy,
// k6 and gateways of test/fixtures/pipeline-topology.yaml, on 127.0.100–102.x). The
// supervisor must notice at once: the run stops with exit 3 naming nacos-south and its
// last log lines, writes what it measured (ended "failed", not "interrupted"), and
// leaves no process, port or temp directory behind.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPidFile } from '../../src/core/pid-file.js';
import { STATE_ROOT } from '../../src/run/run-dir.js';
import { canConnect } from '../../src/targets/local/haproxy.js';
import { latestRun, outcomeTotal, runCli } from '../support/cli.js';
import { baseline, leftoversOfRun } from '../support/leftovers.js';

/** The pid file a run wrote for a component, found through its state directory. */
function pidOf(component: string, before: ReadonlySet<string>): number | undefined {
  for (const d of existsSync(STATE_ROOT) ? readdirSync(STATE_ROOT) : []) {
    if (before.has(d)) continue;
    const r = readPidFile(join(STATE_ROOT, d, 'pids', `${component}.pid`));
    if (r) return r.pid;
  }
  return undefined;
}

describe('a component dying mid-run', () => {
  it('GIVEN a steady run WHEN nacos-south is killed by no fault THEN exit 3 names it, the summary is written as failed, nothing is left', async () => {
    const before = await baseline();
    let killedAt = 0;
    let killed: number | undefined;
    const { code, stdout, stderr } = await runCli(['run', 'test/fixtures/pipeline-steady.yaml'], (all) => {
      if (killedAt || !/first request sent/.test(all)) return;
      killedAt = Date.now();
      // ten seconds into the load, as a crash would come
      setTimeout(() => {
        killed = pidOf('nacos-south', before.stateDirs);
        if (killed) process.kill(killed, 'SIGKILL');
      }, 10_000);
    });
    expect(killed, stderr.slice(-3000)).toBeGreaterThan(0);
    expect(code, stderr.slice(-3000)).toBe(3);
    expect(stderr).toMatch(/nacos-south was killed by SIGKILL while no fault asked for it/);
    expect(stderr).toMatch(/--- last lines of its log ---/);
    expect(stdout).toMatch(/^pipeline-steady: .* \(local\) \[run failed: nacos-south died\]/m);

    const { dir, summary } = latestRun('pipeline-steady');
    expect(summary.ended).toBe('failed');
    expect(summary.interrupted).toBe(false);
    expect(summary.failure).toMatchObject({ code: 'COMPONENT_DIED', component: 'nacos-south' });
    // what was measured up to the failure: some requests, each in exactly one outcome, fewer than the full 40 s
    expect(summary.requests.total).toBeGreaterThan(50);
    expect(summary.requests.total).toBeLessThan(400);
    expect(outcomeTotal(summary)).toBe(summary.requests.total);
    for (const f of ['report.html', 'junit.xml', 'raw/run.json', 'logs/nacos-south.log']) expect(existsSync(join(dir, f)), f).toBe(true);

    const left = leftoversOfRun(summary.runId);
    expect(left.processes).toEqual([]);
    expect(left.stateDirs).toEqual([]);
    for (const [host, port] of [
      ['127.0.102.10', 8848],
      ['127.0.101.1', 18080],
      ['127.0.101.21', 8080],
      ['127.0.100.1', 18474],
      ['127.0.100.1', 28100],
    ] as const) {
      expect(await canConnect(host, port), `${host}:${port} still listening`).toBeUndefined();
    }
  }, 400_000);
});

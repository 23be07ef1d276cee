// Lifecycle: a user presses Ctrl-C while the fault is on. The run must stop, tear
// everything down (no process, no listener, no temp dir left), still write what it
// measured, and exit 130.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canConnect } from '../../src/targets/local/haproxy.js';
import { latestRun } from '../support/cli.js';
import { leftoversOfRun } from '../support/leftovers.js';

describe('interrupting a run', () => {
  it('GIVEN a run with its fault applied WHEN SIGINT arrives THEN it exits 130, writes its summary and leaves nothing behind', async () => {
    let sent = false;
    const started = Date.now();
    const result = await new Promise<{ code: number | null; stderr: string; sentAt: number }>((resolve) => {
      const child = spawn(process.execPath, ['bin/region-lab.js', 'run', 'test/fixtures/short-outage.yaml'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      let sentAt = 0;
      child.stderr.on('data', (c: Buffer) => {
        stderr += c.toString();
        if (!sent && /fault applied/.test(stderr)) {
          sent = true;
          // a few seconds into the outage, as a person would
          setTimeout(() => {
            sentAt = Date.now();
            child.kill('SIGINT');
          }, 3000);
        }
      });
      child.on('exit', (code) => resolve({ code, stderr, sentAt }));
    });
    expect(sent, result.stderr.slice(-3000)).toBe(true);
    expect(result.code, result.stderr.slice(-3000)).toBe(130);
    expect(Date.now() - result.sentAt).toBeLessThan(60_000);
    expect(result.stderr).toMatch(/SIGINT: stopping the run/);

    const { dir, summary } = latestRun('short-outage');
    expect(summary.interrupted).toBe(true);
    expect(summary.requests.total).toBeGreaterThan(0);
    expect(existsSync(join(dir, 'report.html'))).toBe(true);

    const left = leftoversOfRun(summary.runId);
    expect(left.processes).toEqual([]);
    expect(left.stateDirs).toEqual([]);
    expect(left.nftTables).toEqual([]);
    for (const [host, port] of [['127.0.1.10', 8848], ['127.0.1.1', 18080], ['127.0.1.21', 8080], ['127.0.0.1', 18474]] as const) {
      expect(await canConnect(host, port), `${host}:${port} still listening`).toBeUndefined();
    }
    expect(Date.now() - started).toBeLessThan(300_000);
  }, 400_000);
});

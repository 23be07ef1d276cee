// Scenario: cross-region discovery by listing both regions' Nacos in every McpBridge
// (RUNBOOK §3.2 方式一) instead of syncing registries. Proves the mode comes up with
// no sync agent and routes by the route's weights from the north entry.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { latestRun, outcomeTotal, runCli } from '../support/cli.js';
import { baseline, leftovers } from '../support/leftovers.js';

describe('multi-registry discovery', () => {
  it('GIVEN each McpBridge lists both Nacos WHEN load enters the north THEN the run passes with the 20% local share the weights give and no sync agent', async () => {
    const before = await baseline();
    const { code, stdout, stderr } = await runCli(['run', 'test/fixtures/multi-registry-steady.yaml']);
    expect(code, `${stdout}\n${stderr.slice(-3000)}`).toBe(0);
    expect(stderr).not.toMatch(/registry sync/);
    const { dir, summary } = latestRun('multi-registry-steady');
    expect(summary.verdict).toBe('pass');
    expect(outcomeTotal(summary)).toBe(summary.requests.total);
    expect(existsSync(join(dir, 'logs', 'nacos-sync.log'))).toBe(false);
    expect((await leftovers(before)).processes).toEqual([]);
  }, 400_000);
});

// Scenario: the Nacos 2.x protocol path end to end. Business services register over
// gRPC (as Spring Cloud Alibaba does) and gateways subscribe by push (as Higress's
// nacos2 watcher does), through Toxiproxy's gRPC twin links. Proves the run routes
// 80/20 with no error and names the registration mode in its summary.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { latestRun, outcomeTotal, runCli } from '../support/cli.js';
import { baseline, leftovers } from '../support/leftovers.js';

describe('gRPC registration and push discovery', () => {
  it('GIVEN services registered over gRPC and gateways subscribed by push WHEN load enters the south THEN the run passes on Higress 2.1', async () => {
    const before = await baseline();
    const { code, stdout, stderr } = await runCli(['run', 'test/fixtures/grpc-steady.yaml']);
    expect(code, `${stdout}\n${stderr.slice(-3000)}`).toBe(0);
    const { dir, summary } = latestRun('grpc-steady');
    expect((summary as unknown as { registration: string }).registration).toBe('grpc');
    expect(outcomeTotal(summary)).toBe(summary.requests.total);
    // the business services really took the gRPC path: their logs say so
    expect(readFileSync(join(dir, 'logs', 'user-service-south-1.log'), 'utf8')).toMatch(/grpc/i);
    expect((await leftovers(before)).processes).toEqual([]);
  }, 300_000);
});

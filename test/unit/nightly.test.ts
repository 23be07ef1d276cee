// Pins `region-lab nightly`'s contract: every scenario runs in order, an outcome that
// matches its scenario's declaration is expected, anything else makes it exit 1.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runNightly } from '../../src/run/nightly.js';

const dir = mkdtempSync(join(tmpdir(), 'rl-nightly-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// a claim that should hold, and one declared false on real Higress
copyFileSync('scenarios/steady-proximity-80-20.yaml', join(dir, 'steady-proximity-80-20.yaml'));
copyFileSync('scenarios/same-service-twice.yaml', join(dir, 'same-service-twice.yaml'));

describe('runNightly', () => {
  it('GIVEN the held claim passes and the declared-false claim fails THEN both are expected and it exits 0', async () => {
    const ran: string[] = [];
    const r = await runNightly({
      dir,
      log: () => {},
      reportsDir: dir,
      run: async (file) => {
        ran.push(file);
        return { exitCode: file.includes('same-service') ? 1 : 0, line: 'x' };
      },
    });
    expect(ran.map((f) => f.split('/').pop())).toEqual(['same-service-twice.yaml', 'steady-proximity-80-20.yaml']);
    expect(r.entries.map((e) => e.asExpected)).toEqual([true, true]);
    expect(r.exitCode).toBe(0);
  });

  it('GIVEN the declared-false claim unexpectedly holds THEN it exits 1 and says UNEXPECTED', async () => {
    const r = await runNightly({ dir, log: () => {}, reportsDir: dir, run: async () => ({ exitCode: 0, line: 'x' }) });
    expect(r.exitCode).toBe(1);
    expect(r.entries.find((e) => e.file.includes('same-service'))!.sentence).toMatch(/^UNEXPECTED/);
  });

  it('GIVEN a run that could not complete (exit 3) THEN it counts as unexpected', async () => {
    const r = await runNightly({ dir, log: () => {}, reportsDir: dir, run: async () => ({ exitCode: 3, line: 'x' }) });
    expect(r.exitCode).toBe(1);
    expect(r.entries.every((e) => e.asExpected === undefined)).toBe(true);
  });
});

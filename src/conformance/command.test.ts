// The conformance command's exit codes and options, on small fixture cases served by the
// model in-process (no Nacos): 0 when every case holds (known failures allowed), 1 when
// one fails or a known failure passes, 2 for a malformed case, a bad option, or Envoy
// asked for where it is not installed — and then nothing is started. (The suite on real
// Envoy runs in test/integration/conformance-suite.test.ts.)
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BadInputError } from '../core/errors.js';
import { silentLogger } from '../core/log.js';
import { STATE_ROOT } from '../run/run-dir.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MissingPrerequisiteError } from '../core/errors.js';
import { runConformanceCommand } from './command.js';

const F = 'test/fixtures/conformance';
async function run(paths: string[], opts: { format?: string; dataPlane?: string; higress?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runConformanceCommand({ paths, dataPlane: 'model', ...opts, log: silentLogger, write: (t) => (out += t) });
  return { code, out };
}
const conformanceDirs = () => (existsSync(STATE_ROOT) ? readdirSync(STATE_ROOT).filter((d) => d.startsWith('conformance-')) : []);

describe('region-lab conformance', () => {
  it('GIVEN a case the model passes THEN exit 0 and a pass row', async () => {
    const r = await run([`${F}/pass.yaml`]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/pass\s+2\.1\s+routed\s+200 from app\s+200 from app \/app\/x\s+pass/);
  });

  it('GIVEN a failing case THEN exit 1 and the reason under its row', async () => {
    const r = await run([`${F}/pass.yaml`, `${F}/fail.yaml`]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('- status 200, expected 404');
  });

  it('GIVEN a failure marked known THEN exit 0; GIVEN a known failure that passes THEN exit 1', async () => {
    expect((await run([`${F}/known.yaml`])).code).toBe(0);
    const stale = await run([`${F}/stale.yaml`]);
    expect(stale.code).toBe(1);
    expect(stale.out).toContain('XPASS');
  });

  it('GIVEN a TLS case THEN its certificates are made, the HTTPS port serves the mutual-TLS client and refuses the other', async () => {
    const r = await run([`${F}/tls.yaml`], { format: 'json' });
    expect(JSON.parse(r.out).runs[0].results.map((x: { outcome: string }) => x.outcome)).toEqual(['pass', 'pass']);
    expect(r.code).toBe(0);
  });

  it('GIVEN --format json and junit THEN the result is machine-readable', async () => {
    const json = JSON.parse((await run([`${F}/pass.yaml`], { format: 'json' })).out);
    expect(json.totals).toMatchObject({ cases: 1, requests: 1, pass: 1, fail: 0 });
    expect((await run([`${F}/fail.yaml`], { format: 'junit' })).out).toContain('<failure type="conformance"');
  });

  it('GIVEN --higress 2.2 and cases that hold only for 2.1 THEN nothing runs and the exit is 0', async () => {
    const r = await run([`${F}/fail.yaml`], { higress: '2.2', format: 'json' });
    expect(JSON.parse(r.out).totals.cases).toBe(0);
    expect(r.code).toBe(0);
  });

  it('GIVEN --data-plane envoy on a machine without Envoy installed THEN exit 2 saying how to install it, and no state is left', async () => {
    const before = conformanceDirs();
    const emptyCache = mkdtempSync(join(tmpdir(), 'region-lab-no-tools-'));
    try {
      const err = await run([`${F}/pass.yaml`], { dataPlane: 'envoy', env: { REGION_LAB_CACHE: emptyCache } }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MissingPrerequisiteError);
      expect((err as MissingPrerequisiteError).exitCode).toBe(2);
      expect((err as Error).message + String((err as MissingPrerequisiteError).hint)).toContain('make install');
    } finally {
      rmSync(emptyCache, { recursive: true, force: true });
    }
    expect(conformanceDirs()).toEqual(before);
  });

  it('GIVEN bad options THEN exit 2 naming every bad option at once', async () => {
    const err = await run([], { format: 'xml', higress: '3.0', dataPlane: 'nginx' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadInputError);
    expect((err as BadInputError).problems.map((p) => p.message)).toEqual(['--format "xml" is not text, json or junit', '--higress "3.0" is not 2.1 or 2.2', '--data-plane "nginx" is not auto, envoy or model']);
  });

  it('GIVEN a malformed case among good ones THEN exit 2 before anything runs', async () => {
    const err = await run([`${F}/pass.yaml`, 'test/fixtures/conformance-malformed/no-status.yaml']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadInputError);
    expect((err as BadInputError).exitCode).toBe(2);
  });
});

// Pins how tools.json's optional `envoy` entry reads: absent means the model is the
// data plane; present, it must name a file that exists and a plain x.y.z version.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MissingPrerequisiteError } from '../../src/core/errors.js';
import { loadTools, toolsInstalled } from '../../src/targets/tools.js';

const dir = mkdtempSync(join(tmpdir(), 'rl-tools-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cacheWith(envoy: unknown): NodeJS.ProcessEnv {
  const cache = mkdtempSync(join(dir, 'c-'));
  const file = join(cache, 'some-binary');
  mkdirSync(cache, { recursive: true });
  writeFileSync(file, '');
  const t = { path: file, version: 'v' };
  const tools = { toxiproxy: t, k6: t, haproxy: t, java: t, nacos: { home: cache, version: '2.5.0', mainClass: 'M' }, bindShim: { path: file }, ...(envoy === undefined ? {} : { envoy: envoy === 'here' ? { path: file, version: '1.36.4' } : envoy }) };
  writeFileSync(join(cache, 'tools.json'), JSON.stringify(tools));
  return { REGION_LAB_CACHE: cache };
}

describe('loadTools and Envoy', () => {
  it('GIVEN no envoy entry WHEN loaded THEN envoy is undefined (the model is the data plane)', () => {
    expect(loadTools(cacheWith(undefined)).envoy).toBeUndefined();
  });

  it('GIVEN an envoy entry WHEN loaded THEN its path and version are exposed', () => {
    const env = cacheWith('here');
    expect(loadTools(env).envoy).toEqual({ path: join(env.REGION_LAB_CACHE!, 'some-binary'), version: '1.36.4' });
  });

  it('GIVEN an envoy entry naming a missing file WHEN loaded THEN it is a missing prerequisite naming that file', () => {
    expect(() => loadTools(cacheWith({ path: '/nonexistent/envoy-1.36.4', version: '1.36.4' }))).toThrow(MissingPrerequisiteError);
    expect(() => loadTools(cacheWith({ path: '/nonexistent/envoy-1.36.4', version: '1.36.4' }))).toThrow(/envoy at \/nonexistent\/envoy-1\.36\.4/);
  });

  it('GIVEN an envoy version that is not x.y.z WHEN loaded THEN tools.json is unreadable', () => {
    expect(() => loadTools(cacheWith({ path: '/bin/true', version: 'envoy version: abc' }))).toThrow(/a readable .*tools\.json/);
  });

  it('GIVEN a tools.json cut short WHEN loaded THEN exit 2 naming the file, why, and make install; no install at all is told apart', () => {
    const env = cacheWith(undefined);
    writeFileSync(join(env.REGION_LAB_CACHE!, 'tools.json'), '{"toxiproxy": {"pa');
    expect(toolsInstalled(env)).toBe(true);
    expect(() => loadTools(env)).toThrow(MissingPrerequisiteError);
    expect(() => loadTools(env)).toThrow(/a readable .*tools\.json \(.*JSON/);
    expect(toolsInstalled({ REGION_LAB_CACHE: join(dir, 'never-installed') })).toBe(false);
  });
});


// The parent–child config contract: a child refuses a wrong config at start-up naming
// the field (one marked stderr line, exit 78), and the parent reads that back into a
// ChildConfigError naming the component and the field, rather than a readiness timeout.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { businessConfigSchema } from '../../src/business/config.js';
import { CHILD_CONFIG_EXIT, childConfigFailure, readChildConfig, type ChildIo } from '../../src/core/child-config.js';
import { ChildConfigError } from '../../src/core/errors.js';
import { syncConfigSchema } from '../../src/registry/sync-config.js';

let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'rl-child-config-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

class Exited extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

function io(file: string | undefined): ChildIo & { err: string } {
  const out = {
    err: '',
    argv: ['node', 'main.js', ...(file ? [file] : [])],
    writeErr: (t: string) => void (out.err += t),
    exit: (code: number): never => {
      throw new Exited(code);
    },
  };
  return out;
}

const good = {
  app: 'user-service',
  nacosService: 'user-service-south',
  region: 'south',
  cluster: 'biz-south',
  instance: 'user-service-south-1',
  listen: { host: '127.0.100.101', port: 19001 },
  admin: { host: '127.0.100.101', port: 29001 },
  nacos: { address: '127.0.100.1:28100' },
  metadata: { region: 'south' },
};

describe('child config', () => {
  it('GIVEN a valid config THEN the child gets it parsed, defaults filled in', () => {
    const file = join(dir, 'ok.json');
    writeFileSync(file, JSON.stringify(good));
    expect(readChildConfig('business', businessConfigSchema, io(file))).toMatchObject({ registration: 'http-v1', fallback: false, nacos: { group: 'DEFAULT_GROUP' } });
  });

  it('GIVEN a wrong field THEN the child exits 78 naming it, and the parent turns its log into a ChildConfigError naming the component and the field', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...good, listen: { host: '127.0.100.101', port: '19001' }, extra: 1 }));
    const child = io(file);
    expect(() => readChildConfig('business', businessConfigSchema, child)).toThrow(new Exited(CHILD_CONFIG_EXIT));
    expect(child.err).toMatch(/at listen\.port: /);
    const log = join(dir, 'user-service-south-1.log');
    writeFileSync(log, `2026-12-03 INFO starting\n${child.err}`);
    const e = childConfigFailure('user-service-south-1', CHILD_CONFIG_EXIT, log);
    expect(e).toBeInstanceOf(ChildConfigError);
    expect(e!.component).toBe('user-service-south-1');
    expect(e!.problems.map((p) => p.path).sort()).toEqual(['extra', 'listen.port']);
    expect(e!.message).toMatch(/^user-service-south-1 refused its config .*bad\.json:\n {2}listen\.port: /);
    expect(e!.exitCode).toBe(3);
  });

  it('GIVEN another exit code THEN it is not a config failure', () => {
    expect(childConfigFailure('nacos-sync', 1, join(dir, 'none.log'))).toBeUndefined();
  });

  it('GIVEN unreadable JSON or a sync config without tasks THEN the whole file or the field is named', () => {
    const file = join(dir, 'sync.json');
    writeFileSync(file, '{ "tasks": [], "pollMs": 50, "eventsFile": "x" }');
    const child = io(file);
    expect(() => readChildConfig('nacos-sync', syncConfigSchema, child)).toThrow(Exited);
    expect(child.err).toMatch(/at tasks: list at least one task/);
    expect(child.err).toMatch(/at pollMs: /);
    writeFileSync(file, '{ nope');
    const again = io(file);
    expect(() => readChildConfig('nacos-sync', syncConfigSchema, again)).toThrow(Exited);
    expect(again.err).toMatch(/cannot read it as JSON/);
  });
});

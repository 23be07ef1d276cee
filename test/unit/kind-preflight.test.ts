// Preflight of the kind target, one failed check at a time (fake binaries, a fake
// /proc, an injected CPU count): each says what is wrong and what to do, exits 2, and
// a real run stops there before creating anything.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exitCodeOf, MissingPrerequisiteError } from '../../src/core/errors.js';
import { silentLogger } from '../../src/core/log.js';
import { preflight } from '../../src/targets/kind/preflight.js';
import { kindTarget } from '../../src/targets/kind/kind-target.js';
import { runScenario } from '../../src/run/run-scenario.js';
import { fileReporters } from '../../src/report/reporters.js';
import { FakeClock } from '../support/fake-clock.js';
import { fakeLoad } from '../support/fake-load.js';
import { writeFakes, type Fakes } from '../support/kind-fakes.js';

let fakes: Fakes;
let proc: string;
const writeProc = (memKiB: number, watches: number, instances: number) => {
  mkdirSync(join(proc, 'sys/fs/inotify'), { recursive: true });
  writeFileSync(join(proc, 'meminfo'), `MemTotal:       33554432 kB\nMemFree:         1000000 kB\nMemAvailable:   ${memKiB} kB\n`);
  writeFileSync(join(proc, 'sys/fs/inotify/max_user_watches'), `${watches}\n`);
  writeFileSync(join(proc, 'sys/fs/inotify/max_user_instances'), `${instances}\n`);
};
beforeEach(() => {
  fakes = writeFakes();
  proc = mkdtempSync(join(tmpdir(), 'region-lab-proc-'));
  writeProc(16 * 1024 * 1024, 524288, 512);
});
afterEach(() => {
  fakes.dispose();
  rmSync(proc, { recursive: true, force: true });
});

const check = (over: { cpus?: number; ports?: number[] } = {}) =>
  preflight({ run: fakes.run, procRoot: proc, cpus: () => over.cpus ?? 8, ports: [{ name: 'region-lab-mw-south', ports: over.ports ?? [] }] }).then(() => undefined, (e: unknown) => e);

async function failsWith(p: Promise<unknown>, ...parts: string[]) {
  const e = await p;
  expect(e).toBeInstanceOf(MissingPrerequisiteError);
  expect(exitCodeOf(e)).toBe(2);
  for (const part of parts) expect(`${(e as Error).message}\n${(e as MissingPrerequisiteError).hint}`).toContain(part);
}

describe('kind preflight', () => {
  it('GIVEN everything in place THEN it passes', async () => {
    expect(await check()).toBeUndefined();
  });

  it('GIVEN no Docker daemon THEN it says so and how to start it', async () => {
    fakes.dockerDown(true);
    await failsWith(check(), 'the Docker daemon is not reachable', 'Cannot connect to the Docker daemon', 'docker info');
  });

  it.each(['kind', 'kubectl', 'helm', 'docker'])('GIVEN no %s on PATH THEN it names the tool and how to install it', async (tool) => {
    fakes.remove(tool);
    await failsWith(check(), `${tool} is not installed or not on PATH`, 'install');
  });

  it('GIVEN too little memory THEN it gives the numbers', async () => {
    writeProc(2 * 1024 * 1024, 524288, 512);
    await failsWith(check(), '2.0 GiB of memory available, 8 GiB needed');
  });

  it('GIVEN too few CPUs THEN it gives the numbers', async () => {
    await failsWith(check({ cpus: 2 }), '2 CPUs, 4 needed');
  });

  it('GIVEN Ubuntu\'s default inotify limits THEN both are named with the sysctl to run', async () => {
    writeProc(16 * 1024 * 1024, 8192, 128);
    await failsWith(check(), 'fs.inotify.max_user_watches is 8192', 'fs.inotify.max_user_instances is 128', 'sudo sysctl fs.inotify.max_user_watches=524288');
  });

  it('GIVEN a host port in use THEN it names the port', async () => {
    const server: Server = await new Promise((r) => {
      const s = createServer().listen(0, '127.0.0.1', () => r(s));
    });
    const port = (server.address() as AddressInfo).port;
    try {
      await failsWith(check({ ports: [port] }), `127.0.0.1 port ${port} in use`);
    } finally {
      server.close();
    }
  });

  it('GIVEN a kept cluster holding its ports THEN its ports are not checked', async () => {
    const server: Server = await new Promise((r) => {
      const s = createServer().listen(0, '127.0.0.1', () => r(s));
    });
    await fakes.run('kind', ['create', 'cluster', '--name', 'region-lab-mw-south']);
    try {
      expect(await check({ ports: [(server.address() as AddressInfo).port] })).toBeUndefined();
    } finally {
      server.close();
    }
  });

  it('GIVEN no Docker WHEN a real kind run starts THEN it exits 2 with the Docker message and creates nothing', async () => {
    fakes.dockerDown(true);
    const reportsRoot = mkdtempSync(join(tmpdir(), 'region-lab-reports-'));
    const clock = new FakeClock();
    const target = kindTarget({ version: '0.0.0-test', log: silentLogger, run: fakes.run, http: fakes.http, procRoot: proc, cpus: () => 8 });
    const e = await runScenario({ scenarioFile: 'scenarios/region-outage.yaml', target, load: () => fakeLoad({ clock }), reporters: fileReporters(), log: silentLogger, version: '0.0.0-test', reportsRoot, clock }).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(readdirSync(reportsRoot)).toEqual([]);
    rmSync(reportsRoot, { recursive: true });
    expect(exitCodeOf(e)).toBe(2);
    expect((e as Error).message).toContain('the Docker daemon is not reachable');
    expect(fakes.calls().filter((c) => c.startsWith('kind create'))).toEqual([]);
  });
});

// `region-lab down` against a state directory a killed run left: a process that is
// still the one the run started (same start time and command line) is stopped and
// listed; a pid the kernel gave to another program since is never signalled, and is
// listed as left alone with the reason; the directory goes either way.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { identityOf, writePidFile } from '../../src/core/pid-file.js';
import { sweepLeftovers } from '../../src/run/sweep.js';

let root: string;
const children: number[] = [];
beforeEach(() => void (root = mkdtempSync(join(tmpdir(), 'rl-sweep-'))));
afterEach(() => {
  for (const pid of children.splice(0)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  rmSync(root, { recursive: true, force: true });
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A process in its own group, as startProcess makes them. */
function sleeper(): number {
  const c = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' });
  c.unref();
  children.push(c.pid!);
  return c.pid!;
}

/** A state dir of a run whose orchestrator is dead. */
function leftRun(runId: string): string {
  const dir = join(root, `${runId}-abc`);
  mkdirSync(join(dir, 'pids'), { recursive: true });
  const dead = spawnSync('true').pid!;
  writeFileSync(join(dir, 'owner.pid'), `${dead}\n`);
  return dir;
}

describe('down: the run-id and pid checks', () => {
  it('GIVEN a leftover process of a killed run THEN down stops it and lists it with its run', async () => {
    const dir = leftRun('run-a');
    const pid = sleeper();
    const id = identityOf(pid)!;
    writePidFile(join(dir, 'pids', 'nacos-south.pid'), { name: 'nacos-south', pid, runId: 'run-a', command: 'sleep', startTicks: id.startTicks, cmdline: id.cmdline });
    const r = await sweepLeftovers({ root, graceMs: 2000 });
    expect(r.killed).toEqual([{ name: 'nacos-south', pid, runId: 'run-a' }]);
    expect(r.spared).toEqual([]);
    await new Promise((res) => setTimeout(res, 200));
    expect(alive(pid)).toBe(false);
    expect(existsSync(dir)).toBe(false);
    expect(r.dirs).toEqual([dir]);
  });

  it('GIVEN a recorded pid now used by another program (another start time) THEN down never signals it and says why', async () => {
    const dir = leftRun('run-b');
    const pid = sleeper();
    const id = identityOf(pid)!;
    // the run's gateway had this pid once; it died and the kernel handed the pid to this sleep
    writePidFile(join(dir, 'pids', 'gw-south-1.pid'), {
      name: 'gw-south-1',
      pid,
      runId: 'run-b',
      command: process.execPath,
      startTicks: id.startTicks - 100,
      cmdline: `${process.execPath} dist/gateway/main.js`,
    });
    const r = await sweepLeftovers({ root, graceMs: 500 });
    expect(r.killed).toEqual([]);
    expect(r.spared).toEqual([{ name: 'gw-south-1', pid, runId: 'run-b', why: expect.stringMatching(/reused/) }]);
    await new Promise((res) => setTimeout(res, 200));
    expect(alive(pid)).toBe(true);
    expect(existsSync(dir)).toBe(false);
  });

  it('GIVEN the same start time but another command line THEN it is left alone too', async () => {
    const dir = leftRun('run-c');
    const pid = sleeper();
    const id = identityOf(pid)!;
    writePidFile(join(dir, 'pids', 'k6.pid'), { name: 'k6', pid, runId: 'run-c', command: 'k6', startTicks: id.startTicks, cmdline: 'k6 run load/region-lab.k6.ts' });
    const r = await sweepLeftovers({ root, graceMs: 500 });
    expect(r.spared.map((s) => s.why)).toEqual([expect.stringMatching(/another command line/)]);
    expect(alive(pid)).toBe(true);
  });

  it('GIVEN a run still going THEN its directory is left unless forced', async () => {
    const dir = join(root, 'run-d-abc');
    mkdirSync(join(dir, 'pids'), { recursive: true });
    writeFileSync(join(dir, 'owner.pid'), `${sleeper()}\n`);
    const r = await sweepLeftovers({ root });
    expect(r.skippedLive).toEqual([dir]);
    expect(existsSync(dir)).toBe(true);
  });
});

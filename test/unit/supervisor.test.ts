// The supervisor tells a death no fault asked for from one a fault caused or teardown
// made, with real (tiny) child processes: only the unasked one is reported, with its
// name, exit and last log lines; a restarted component's old process is not.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkPid, identityOf, readPidFile } from '../../src/core/pid-file.js';
import { startProcess, type StartedProcess } from '../../src/core/process.js';
import { Supervisor, type Death } from '../../src/core/supervisor.js';

let dir: string;
const started: StartedProcess[] = [];
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'rl-supervisor-'))));
afterEach(async () => {
  await Promise.all(started.splice(0).map((p) => p.stop()));
  rmSync(dir, { recursive: true, force: true });
});

/** A node process that prints its last words and exits with code after ms (or lives until stopped). */
function child(name: string, exitAfterMs?: number, code = 1): StartedProcess {
  const js = exitAfterMs === undefined ? 'setInterval(() => {}, 1000)' : `console.log('${name} says goodbye'); setTimeout(() => process.exit(${code}), ${exitAfterMs})`;
  const p = startProcess({ name, runId: 'run-test', command: process.execPath, args: ['-e', js], logFile: join(dir, `${name}.log`), pidDir: join(dir, 'pids') });
  started.push(p);
  return p;
}

describe('a started process', () => {
  it('GIVEN startProcess THEN the process carries the run id in its environment and its pid file records who it is', async () => {
    const p = child('gw-north-1');
    const environ = readFileSync(`/proc/${p.pid}/environ`, 'utf8').split('\0');
    expect(environ).toContain('REGION_LAB_RUN_ID=run-test');
    const rec = readPidFile(join(dir, 'pids', 'gw-north-1.pid'))!;
    expect(rec).toMatchObject({ name: 'gw-north-1', pid: p.pid, runId: 'run-test', command: process.execPath, startTicks: identityOf(p.pid)!.startTicks });
    expect(rec.cmdline).toContain('setInterval');
    expect(checkPid(rec)).toEqual({ verdict: 'ours' });
    await p.stop();
    expect(checkPid(rec)).toEqual({ verdict: 'gone' });
  });
});

describe('Supervisor', () => {
  it('GIVEN a component that exits on its own THEN it is reported with its exit and last log lines', async () => {
    const deaths: Death[] = [];
    const s = new Supervisor((d) => deaths.push(d));
    const p = child('nacos-south', 50, 137);
    s.watch('nacos-south', p);
    await p.exited;
    await new Promise((r) => setTimeout(r, 100));
    expect(deaths).toHaveLength(1);
    expect(deaths[0]).toMatchObject({ component: 'nacos-south', code: 137, signal: null });
    expect(deaths[0]!.logTail).toContain('nacos-south says goodbye');
  });

  it('GIVEN a kill a fault asked for, a restart, and teardown THEN nothing is reported', async () => {
    const deaths: Death[] = [];
    const s = new Supervisor((d) => deaths.push(d));
    const gw = child('gw-south-1');
    s.watch('gw-south-1', gw);
    s.expectExit('gw-south-1');
    gw.signal('SIGKILL');
    await gw.exited;
    // the fault heals: a new process under the same name, watched again
    const again = child('gw-south-1');
    s.watch('gw-south-1', again);
    const other = child('toxiproxy');
    s.watch('toxiproxy', other);
    s.close();
    await Promise.all([again.stop(), other.stop()]);
    await new Promise((r) => setTimeout(r, 100));
    expect(deaths).toEqual([]);
  });

  it('GIVEN a restarted component THEN its new process dying unasked is reported again', async () => {
    const deaths: Death[] = [];
    const s = new Supervisor((d) => deaths.push(d));
    const first = child('user-service-south-1');
    s.watch('user-service-south-1', first);
    s.expectExit('user-service-south-1');
    first.signal('SIGKILL');
    await first.exited;
    const second = child('user-service-south-1', 30, 2);
    s.watch('user-service-south-1', second);
    await second.exited;
    await new Promise((r) => setTimeout(r, 100));
    expect(deaths.map((d) => [d.component, d.code])).toEqual([['user-service-south-1', 2]]);
  });
});

// Starts and supervises one child process: its own process group (so stopping it
// also stops what it spawned), output to a log file, a pid file under the run's
// state dir so `region-lab down` can sweep what a killed run left (with the process's
// identity, so a reused pid is never signalled), the run id in its environment, and
// SIGTERM then SIGKILL after a grace period (execa's terminate idea).
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CommandFailedError } from './errors.js';
import { identityOf, RUN_ID_ENV, writePidFile } from './pid-file.js';

export interface ProcessProps {
  /** Name in logs and pid files, e.g. "nacos-south". */
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** stdout and stderr are appended here. */
  readonly logFile: string;
  /** Directory for the pid file; `region-lab down` looks here. */
  readonly pidDir: string;
  /** The run it belongs to: in its environment (REGION_LAB_RUN_ID) and its pid file. */
  readonly runId: string;
  /** @default 5000 */
  readonly graceMs?: number;
}

export interface StartedProcess {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  /** Set once the process has exited. */
  exitInfo(): { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** Sends a signal to the whole process group (SIGSTOP/SIGCONT for hang faults). */
  signal(sig: NodeJS.Signals): void;
  /** Idempotent: SIGTERM to the group, SIGKILL after the grace period. */
  stop(): Promise<void>;
  /** Resolves when the process exits. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const live = new Set<ChildProcess>();

/** Last-resort net: if the orchestrator itself exits, take every child group with it. */
process.on('exit', () => {
  for (const c of live) {
    try {
      process.kill(-c.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
});

export function startProcess(props: ProcessProps): StartedProcess {
  mkdirSync(dirname(props.logFile), { recursive: true });
  mkdirSync(props.pidDir, { recursive: true });
  // the child writes its log file itself (no pipe through this process), so a topology
  // kept up after the run (`run --keep`) keeps logging once this process has exited
  const logFd = openSync(props.logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(props.command, [...props.args], {
      cwd: props.cwd,
      env: { ...(props.env ?? process.env), [RUN_ID_ENV]: props.runId },
      detached: true,
      stdio: ['ignore', logFd, logFd],
    });
  } finally {
    closeSync(logFd);
  }
  if (child.pid === undefined) {
    throw new CommandFailedError(props.command, null, null, '', `could not start ${props.command}: is it installed?`);
  }
  live.add(child);
  const pidFile = join(props.pidDir, `${props.name}.pid`);
  // spawn returns after exec, so /proc already shows the new program's command line
  const id = identityOf(child.pid);
  writePidFile(pidFile, { name: props.name, pid: child.pid, runId: props.runId, command: props.command, ...(id ? { startTicks: id.startTicks, cmdline: id.cmdline } : {}) });

  let info: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      info = { code, signal };
      live.delete(child);
      rmSync(pidFile, { force: true });
      resolve(info);
    });
    child.once('error', () => {
      info ??= { code: null, signal: null };
      live.delete(child);
      rmSync(pidFile, { force: true });
      resolve(info);
    });
  });
  const signalGroup = (sig: NodeJS.Signals) => {
    if (info) return;
    try {
      process.kill(-child.pid!, sig);
    } catch {
      /* group already gone */
    }
  };

  let stopping: Promise<void> | undefined;
  return {
    name: props.name,
    pid: child.pid,
    logFile: props.logFile,
    exitInfo: () => info,
    signal: signalGroup,
    exited,
    stop() {
      stopping ??= (async () => {
        if (info) return;
        signalGroup('SIGCONT'); // a SIGSTOPped process cannot act on SIGTERM
        signalGroup('SIGTERM');
        const timer = setTimeout(() => signalGroup('SIGKILL'), props.graceMs ?? 5000);
        await exited;
        clearTimeout(timer);
        // children that ignored SIGTERM of the group leader
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* gone */
        }
      })();
      return stopping;
    },
  };
}

/**
 * Leaves every started process running when this one exits (`run --keep`): the exit
 * hook no longer kills them and nothing here waits for them; their pid files stay for
 * `region-lab down`. Returns how many were released.
 */
export function releaseAll(): number {
  const n = live.size;
  for (const c of live) c.unref();
  live.clear();
  return n;
}

/** Last lines of a log file, for error messages. */
export function tailOf(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

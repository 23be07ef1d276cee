// Shared set-up for integration tests: a LocalContext on a temp dir whose cleanup
// stack the test runs however it ends, with the real tools from the install cache.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CleanupStack } from '../../src/core/cleanup.js';
import type { LogEvent } from '../../src/core/log.js';
import type { LocalContext } from '../../src/targets/local/run-context.js';
import { loadTools } from '../../src/targets/tools.js';

export interface Harness extends LocalContext {
  readonly events: LogEvent[];
  teardown(): Promise<void>;
}

export function harness(name: string): Harness {
  const stateDir = mkdtempSync(join(tmpdir(), `rl-it-${name}-`));
  const logDir = join(stateDir, 'logs');
  const pidDir = join(stateDir, 'pids');
  mkdirSync(logDir);
  mkdirSync(pidDir);
  const cleanup = new CleanupStack();
  const events: LogEvent[] = [];
  return {
    runId: `it-${name}`,
    stateDir,
    logDir,
    pidDir,
    cleanup,
    events,
    log: (e) => void events.push(e),
    tools: loadTools(),
    distDir: resolve('dist'),
    async teardown() {
      const failures = await cleanup.runAll();
      rmSync(stateDir, { recursive: true, force: true });
      if (failures.length > 0) throw new Error(`teardown failed: ${failures.map((f) => `${f.name}: ${String(f.error)}`).join('; ')}`);
    },
  };
}

/** Processes whose command line mentions this dir: none may be left after teardown. */
export async function processesMentioning(text: string): Promise<string[]> {
  const { readdirSync, readFileSync } = await import('node:fs');
  const out: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmd.includes(text) && Number(pid) !== process.pid) out.push(`${pid} ${cmd.slice(0, 160)}`);
    } catch {
      /* exited meanwhile */
    }
  }
  return out;
}

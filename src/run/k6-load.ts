// The real load driver: k6 on the host (the one scripts/install.sh built), its
// per-request output in raw/, t0 read from its first point. Everything k6-specific
// the run needs is here, so a change of k6's output format stays in src/load and here.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { realClock, type Clock } from '../core/clock.js';
import { startProcess } from '../core/process.js';
import { COMPACT_FILE, firstRequestStart, K6_SUMMARY_FILE, k6Invocation, readRequests, requestsFileHeader } from '../load/index.js';
import type { LoadDriver, LoadProps, StartedLoad } from './load-driver.js';

/** @param clock polls for the first point on it. @default realClock */
export function k6Load(k6Path: string, version: string, clock: Clock = realClock): LoadDriver {
  return {
    name: 'k6',
    version,
    start(p: LoadProps): StartedLoad {
      const name = p.name ?? 'k6';
      // one compact line per request (load/compact-format.ts), appended after the header
      const outFile = join(p.rawDir, COMPACT_FILE);
      writeFileSync(outFile, requestsFileHeader());
      const inv = k6Invocation({ k6Path, spec: p.spec, entryUrl: p.entryUrl, requestsFile: outFile, summaryFile: join(p.rawDir, K6_SUMMARY_FILE) });
      const proc = startProcess({ name, runId: p.runId, command: inv.command, args: inv.args, env: inv.env, logFile: join(p.logDir, `${name}.log`), pidDir: p.pidDir, graceMs: 15_000 });
      return {
        name,
        logFile: proc.logFile,
        exited: proc.exited,
        running: () => proc.exitInfo() === undefined,
        async firstRequest(signal) {
          while (!proc.exitInfo() && !signal.aborted) {
            const t0 = existsSync(outFile) ? await firstRequestStart(outFile) : undefined;
            if (t0 !== undefined) return t0;
            await clock.sleep(100, signal);
          }
          // it may have written points and ended before the last poll
          return existsSync(outFile) ? firstRequestStart(outFile) : undefined;
        },
        interrupt: () => proc.signal('SIGINT'),
        stop: () => proc.stop(),
        requests: async () => (existsSync(outFile) ? readRequests(outFile) : { records: [], httpReqs: 0, droppedIterations: 0 }),
      };
    },
  };
}

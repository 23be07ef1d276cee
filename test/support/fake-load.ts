// Test helper: a load generator on a FakeClock instead of k6. Its first request
// leaves when started; it ends with code 0 when the load's duration is over, or
// earlier when told to die (code and time) or interrupted, and it hands over the
// synthetic requests sent up to its end. It records what was asked of it.
import type { LoadDriver, LoadExit, LoadProps, StartedLoad } from '../../src/run/load-driver.js';
import type { Outcome } from '../../src/load/request-record.js';
import { syntheticLog } from '../../src/verdict/synthetic.js';
import type { Clock } from '../../src/core/clock.js';

export interface FakeLoadProps {
  readonly clock: Clock;
  /** Outcome of request i in second s since t0. @default served-local */
  readonly outcome?: (s: number, i: number) => Outcome;
  /** Dies at this many ms after t0 with this exit code. */
  readonly dieAt?: { readonly ms: number; readonly code: number };
  /** Exit code on interrupt (k6 leaves 105 after SIGINT mid-run). @default 105 */
  readonly interruptedCode?: number;
}

export interface FakeLoad extends LoadDriver {
  /** What was asked: start, interrupt, stop. */
  readonly asked: string[];
  /** The props of the last start. */
  started?: LoadProps;
}

export function fakeLoad(p: FakeLoadProps): FakeLoad {
  const asked: string[] = [];
  const driver: FakeLoad = {
    name: 'k6',
    version: 'k6 v0.0.0-fake',
    asked,
    start(props: LoadProps): StartedLoad {
      driver.started = props;
      asked.push(`start ${Object.keys(props.spec).length > 0 ? props.spec.rate : 0}/s`);
      const t0 = p.clock.now();
      const duration = props.spec.duration;
      let exit: LoadExit | undefined;
      let endedAt = t0;
      let finish: (e: LoadExit) => void = () => {};
      const exited = new Promise<LoadExit>((resolve) => (finish = resolve));
      const end = (e: LoadExit) => {
        if (exit) return;
        exit = e;
        endedAt = p.clock.now();
        finish(e);
      };
      const stopTimer = new AbortController();
      const dieMs = p.dieAt && p.dieAt.ms < duration ? p.dieAt.ms : undefined;
      void p.clock.sleep(dieMs ?? duration, stopTimer.signal).then(() => end({ code: dieMs !== undefined ? p.dieAt!.code : 0, signal: null }));
      return {
        name: 'k6',
        logFile: '/dev/null',
        exited,
        running: () => exit === undefined,
        firstRequest: async () => t0,
        interrupt() {
          asked.push(`interrupt at ${(p.clock.now() - t0) / 1000}s`);
          stopTimer.abort();
          end({ code: p.interruptedCode ?? 105, signal: null });
        },
        async stop() {
          if (!exit) asked.push('stop while running');
          stopTimer.abort();
          end(exit ?? { code: null, signal: 'SIGTERM' });
        },
        async requests() {
          const log = syntheticLog({ t0, rate: props.spec.rate, seconds: Math.ceil(duration / 1000), outcome: p.outcome ?? (() => 'served-local') });
          const records = log.records.filter((r) => r.startMs < endedAt);
          return { records, httpReqs: records.length, droppedIterations: 0 };
        },
      };
    },
  };
  return driver;
}

// The load generator as the run sees it: started against the target's entries, it
// tells when the first request left (t0, the zero of the timeline), when it ended and
// with what, and hands over the requests it recorded. k6 on the host is the real one
// (run/k6-load.ts); unit tests stand in a fake on a controllable clock.
import type { LoadSpec } from '../scenario/schema.js';
import type { RequestLog } from '../load/request-record.js';

export interface LoadProps {
  /** The component name in logs, pid files and errors. @default the tool's ("k6") */
  readonly name?: string;
  readonly spec: LoadSpec;
  readonly entryUrl: (region: string) => string;
  readonly runId: string;
  /** raw/: the recorded requests go here. */
  readonly rawDir: string;
  readonly logDir: string;
  readonly pidDir: string;
}

export interface LoadExit {
  readonly code: number | null;
  readonly signal: string | null;
}

export interface StartedLoad {
  /** The component name in logs and errors ("k6"). */
  readonly name: string;
  readonly logFile: string;
  /** Resolves once the first request left (epoch ms), or undefined if the load ended or the signal aborted first. */
  firstRequest(signal: AbortSignal): Promise<number | undefined>;
  readonly exited: Promise<LoadExit>;
  /** True while it runs; a normal end is exit code 0. */
  running(): boolean;
  /** Ends it early, keeping what it recorded (k6: SIGINT, as Ctrl-C). */
  interrupt(): void;
  /** Idempotent; SIGTERM then SIGKILL. */
  stop(): Promise<void>;
  /** Every request it recorded; call after it exited. */
  requests(): Promise<RequestLog>;
}

export interface LoadDriver {
  /** The tool, as the report's versions name it ("k6"). */
  readonly name: string;
  /** Its version as it reports it, e.g. "k6-1.8.1 v1.8.1 (go1.26.8, linux/amd64)". */
  readonly version: string;
  start(p: LoadProps): StartedLoad;
}

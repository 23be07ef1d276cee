// What every local component needs to start: where its logs and state go, the
// cleanup stack it must register on the moment it starts, the supervisor that
// watches it for deaths no fault asked for, and the progress logger.
import type { CleanupStack } from '../../core/cleanup.js';
import type { Logger } from '../../core/log.js';
import type { Supervisor } from '../../core/supervisor.js';
import type { Tools } from '../tools.js';

export interface LocalContext {
  /** In every process's environment (REGION_LAB_RUN_ID) and pid file. */
  readonly runId: string;
  /** Temporary state (Nacos homes, configs, sockets, pid files): removed at teardown. */
  readonly stateDir: string;
  /** Process logs and event files: kept in the run's report directory. */
  readonly logDir: string;
  readonly pidDir: string;
  readonly cleanup: CleanupStack;
  readonly log: Logger;
  readonly tools: Tools;
  /** The compiled project (dist/), where the Node components' entry points are. */
  readonly distDir: string;
  /** Aborted when the run stops early: readiness waits end at once. @default never */
  readonly signal?: AbortSignal | undefined;
  /** Watches every long-lived process (launch in provision.ts). @default none: component tests */
  readonly supervisor?: Supervisor | undefined;
}

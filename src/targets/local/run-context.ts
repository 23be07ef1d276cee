// What every local component needs to start: where its logs and state go, the
// cleanup stack it must register on the moment it starts, and the progress logger.
import type { CleanupStack } from '../../core/cleanup.js';
import type { Logger } from '../../core/log.js';
import type { Tools } from './tools.js';

export interface LocalContext {
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
}
